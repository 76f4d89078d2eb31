"""The instructor's guide of a lesson (``<lang>/<NN>-<slug>.guide.html``), made from the lesson's sources.

Nothing in a guide is written twice: objectives and time come from ``course.yml``; the timing,
the teach-back and the speaker notes from the executed lesson notebook (its slides and notes
cells); the answer key and the common misunderstandings from ``quizzes/<id>.yml``; what to
prepare from the calls the notebook makes (``L.diagram``, ``L.warning_signs``, ``L.quiz``, ...)
and from the cells tagged ``checklist``. The guide is linked from the course home, never from a
patient's deck.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..course import Course
from ..notebook import Section, Slide, checklist_cells, code_call, heading_of, sections_of
from ..quizzes import Question, load_quiz
from ..text import pick
from ..ui import ui_table
from .files import write_if_changed
from .handouts import printout_links
from .markdown import markdown, render_markdown  # noqa: F401 (markdown: the renderer the pages use)
from .names import DECK_SUFFIX, GUIDE_SUFFIX, PAGE_SUFFIX


# "About 2 minutes." / "About 30 seconds." as a sentence of its own; "约2分钟" / "大约两分钟" / "约半分钟"
_EN_TIME = re.compile(r"(?:^|(?<=\s))About\s+(\d+(?:\.\d+)?|half a)\s+(minutes?|seconds?)\b", re.M)
_ZH_TIME = re.compile(r"(?:^|(?<=[\s。！？；：，、”’）)」』]))(?:大约|约)\s*([0-9.]+|[一二两三四五六七八九十半]+)\s*(分钟|秒钟|秒)")
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}

def _zh_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        pass
    if text in _ZH_NUMBERS:
        return float(_ZH_NUMBERS[text])
    if len(text) == 2 and text[0] == "十":  # 十五
        return 10.0 + _ZH_NUMBERS.get(text[1], 0)
    if len(text) in (2, 3) and text[1] == "十":  # 二十, 二十五
        return _ZH_NUMBERS.get(text[0], 0) * 10.0 + (_ZH_NUMBERS.get(text[2], 0) if len(text) == 3 else 0)
    return None


def minutes_in(notes: str) -> float | None:
    """How long a notes cell says to spend: its first "About N minutes." (or the Chinese "约N分钟"), in minutes."""
    m = _EN_TIME.search(notes)
    if m:
        amount = 0.5 if m.group(1) == "half a" else float(m.group(1))
        return amount / 60 if m.group(2).startswith("second") else amount
    m = _ZH_TIME.search(notes)
    if m:
        amount = _zh_number(m.group(1))
        if amount is not None:
            return amount / 60 if m.group(2).startswith("秒") else amount
    return None


def fmt_minutes(value: float) -> str:
    return f"{round(value, 1):g}"


# -- the lesson as slides: time from the notes ---------------------------------------------------
def slide_minutes(slide: Slide) -> float | None:
    found = [m for m in (minutes_in(n) for n in slide.notes) if m is not None]
    return sum(found) if found else None


def section_minutes(section: Section) -> float | None:
    found = [m for m in (slide_minutes(s) for s in section.slides) if m is not None]
    return sum(found) if found else None


def _title_slides(sections: list[Section], course: Course, slug: str, lang: str, ui: dict) -> None:
    from .. import diagrams

    labels = diagrams.load_labels()
    quiz_titles = {q: pick(load_quiz(q).title, lang) for q in course.lesson(slug).quizzes}
    for section in sections:
        for slide in section.slides:
            for cell in slide.cells:
                if cell.cell_type == "markdown" and heading_of(cell.source):
                    slide.title = heading_of(cell.source)
                    break
                call = code_call(cell.source) if cell.cell_type == "code" else None
                if not call:
                    continue
                name, arg = call
                if name == "header":
                    slide.title = ui["guide_slide_opening"]
                elif name == "diagram":
                    slide.title = ui["guide_slide_diagram"].format(title=pick(labels.entry(arg).title, lang))
                elif name == "warning_signs":
                    slide.title = pick(course.stoplight.title, lang)
                elif name == "quiz":
                    quiz = arg or (course.lesson(slug).quizzes or [slug])[0]
                    slide.title = ui["guide_slide_quiz"].format(title=quiz_titles.get(quiz) or pick(load_quiz(quiz).title, lang))
                elif name == "glossary":
                    slide.title = ui["guide_slide_glossary"]
                else:
                    continue
                break
            slide.title = slide.title or "\u2026"


# -- quizzes: the answer key and the wrong answers ------------------------------------------------
def right_answers(q: Question, lang: str) -> list[str]:
    """What the quiz file marks right, in the quiz's own words: options, true/false, or the steps in order."""
    if q.kind in ("single", "multiple"):  # lettered as the learner sees them (A, B, C: quizzes.arrange)
        return [f"{letter}. {pick(o.text, lang)}" for letter, o in q.shown_options() if o.correct]
    if q.kind == "truefalse":
        return [ui_table(lang)["true_label" if q.answer else "false_label"]]
    if q.kind == "scenario":
        return [f"{pick(s.text, lang)} \u2192 {letter}. {pick(c.text, lang)}"
                for s in q.scenes for letter, c in q.shown_choices(s) if c.good]
    return [pick(s, lang) for s in q.steps]


def wrong_answers(q: Question, lang: str) -> list[tuple[str, str]]:
    """Each wrong choice with the feedback the quiz gives for it."""
    if q.kind in ("single", "multiple"):
        return [(f"{letter}. {pick(o.text, lang)}", pick(o.feedback, lang) if o.feedback else "")
                for letter, o in q.shown_options() if not o.correct]
    if q.kind == "scenario":
        return [(f"{pick(s.text, lang)} \u2192 {letter}. {pick(c.text, lang)}", pick(c.feedback, lang))
                for s in q.scenes for letter, c in q.shown_choices(s) if not c.good]
    if q.kind == "truefalse":
        ui = ui_table(lang)
        return [(ui["false_label"], pick(q.if_false, lang))] if q.answer else [(ui["true_label"], pick(q.if_true, lang))]
    return []


def quiz_view(quiz_id: str, lang: str) -> dict:
    quiz = load_quiz(quiz_id)
    ui = ui_table(lang)
    kinds = {"single": ui["choose_one"], "multiple": ui["choose_all"], "truefalse": ui["guide_kind_truefalse"],
             "order": ui["guide_kind_order"], "scenario": ui["guide_kind_scenario"]}
    return {
        "id": quiz.id, "title": pick(quiz.title, lang),
        "questions": [{
            "id": q.id, "kind": q.kind, "how": kinds[q.kind], "prompt": pick(q.prompt, lang),
            "right": right_answers(q, lang), "wrong": wrong_answers(q, lang),
            "explanation": pick(q.explanation, lang),
        } for q in quiz.questions],
    }


# -- what to prepare ---------------------------------------------------------------------------
def prepare_items(course: Course, slug: str, lang: str, nb: nbformat.NotebookNode, printouts: dict) -> list[dict]:
    """What to have ready, each item derived from what the lesson shows or hands out."""
    from .. import diagrams

    ui, stem = ui_table(lang), course.stem(slug)
    calls = [code_call(c.source) for c in nb.cells if c.cell_type == "code"]
    names = [name for name, _ in filter(None, calls)]
    labels = diagrams.load_labels()
    items = [
        {"text": ui["prep_slides"], "links": [{"url": f"{stem}{DECK_SUFFIX}", "label": ui["open_slides"]}]},
        {"text": ui["prep_handout"], "links": [{"url": f"{stem}{PAGE_SUFFIX}", "label": ui["open_page"]}]},
    ]
    shown = [arg for name, arg in filter(None, calls) if name == "diagram"]
    if shown:
        items.append({"text": ui["prep_diagrams"], "list": [pick(labels.entry(n).title, lang) for n in dict.fromkeys(shown)]})
    if "warning_signs" in names and "warning-signs" in printouts:
        items.append({"text": ui["prep_warning"], "links": [printouts["warning-signs"]]})
    if checklist_cells(nb) and "checklist" in printouts:
        items.append({"text": ui["prep_checklist"], "links": [printouts["checklist"]]})
    if "glossary" in names and "glossary" in printouts:
        items.append({"text": ui["prep_glossary"], "links": [printouts["glossary"]]})
    questions = sum(len(load_quiz(q).questions) for q in course.lesson(slug).quizzes)
    if "quiz" in names and questions:
        items.append({"text": ui["prep_quiz"].format(n=questions)})
    if any("teach-back" in c.metadata.get("tags", []) for c in nb.cells):
        items.append({"text": ui["prep_teach_back"]})
    return items


# -- the guide ---------------------------------------------------------------------------------
def guide_name(course: Course, slug: str) -> str:
    return f"{course.stem(slug)}{GUIDE_SUFFIX}"


def guide_data(course: Course, slug: str, lang: str, nb: nbformat.NotebookNode, printouts: dict) -> dict:
    ui = ui_table(lang)
    lesson = course.lesson(slug)
    sections = sections_of(nb)
    _title_slides(sections, course, slug, lang, ui)
    start, timing = 0.0, []
    for section in sections:
        minutes = section_minutes(section)
        timing.append({"title": section.title, "slides": len(section.slides),
                       "minutes": fmt_minutes(minutes) if minutes is not None else None, "starts": fmt_minutes(start)})
        start += minutes or 0
    untimed = sum(1 for s in sections for slide in s.slides if slide_minutes(slide) is None)
    planned, total = lesson.minutes, start
    diff = round(total - planned, 1)
    if diff > 0:
        verdict = ui["guide_sum_over"].format(sum=fmt_minutes(total), diff=fmt_minutes(diff), planned=planned)
    elif diff < 0:
        verdict = ui["guide_sum_under"].format(sum=fmt_minutes(total), diff=fmt_minutes(-diff), planned=planned)
    else:
        verdict = ui["guide_sum_equal"].format(sum=fmt_minutes(total))

    teach_back = []
    for section in sections:
        for slide in section.slides:
            prompts = [c for c in slide.cells if "teach-back" in c.metadata.get("tags", [])]
            if prompts:
                teach_back.append({
                    "title": slide.title,
                    "prompts": [render_markdown(_without_heading(c.source)) for c in prompts],
                    "answers": [render_markdown(n) for n in slide.notes],
                })
    notes = [{"title": section.title, "minutes": fmt_minutes(section_minutes(section)) if section_minutes(section) is not None else None,
              "slides": [{"title": slide.title, "minutes": fmt_minutes(slide_minutes(slide)) if slide_minutes(slide) is not None else None,
                          "notes": [render_markdown(n) for n in slide.notes]} for slide in section.slides]}
             for section in sections]
    return {
        "number": course.number(slug), "title": pick(lesson.title, lang), "planned": planned,
        "objectives": pick(lesson.objectives, lang), "timing": timing, "total": fmt_minutes(total),
        "verdict": verdict, "over": diff > 0, "untimed": untimed,
        "prepare": prepare_items(course, slug, lang, nb, printouts),
        "quizzes": [quiz_view(q, lang) for q in lesson.quizzes],
        "teach_back": teach_back, "notes": notes,
        "stoplight": stoplight_view(course, lang) if ("warning_signs", "") in calls_of(nb) else None,
        "slides_url": f"{course.stem(slug)}{DECK_SUFFIX}", "page_url": f"{course.stem(slug)}{PAGE_SUFFIX}",
    }


def calls_of(nb) -> list[tuple[str, str]]:
    return [call for call in (code_call(c.source) for c in nb.cells if c.cell_type == "code") if call]


def stoplight_view(course: Course, lang: str) -> list[dict]:
    """The action plan's zones for the instructor: each sign with the notes on its sources and zone."""
    return [{"id": zone.id, "heading": course.fill(zone.heading, lang), "action": course.fill(zone.action, lang),
             "signs": [{"id": s.id, "text": course.fill(s.text, lang), "notes": pick(s.notes, lang) if s.notes else ""}
                       for s in zone.signs]}
            for zone in course.stoplight.zones]


def _without_heading(source: str) -> str:
    lines = source.strip().splitlines()
    if lines and re.match(r"^#{1,6}\s", lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip()


def write_guides(course: Course, out: Path, lang: str, notebooks: dict, page) -> list[Path]:
    """One guide per lesson whose executed notebook is given; ``page`` renders a site page (see instructor.py)."""
    written = []
    printouts = printout_links(course, lang, notebooks)
    for lesson in course.lessons:
        nb = notebooks.get(lesson.slug)
        if nb is None:
            continue
        data = guide_data(course, lesson.slug, lang, nb, printouts)
        name = guide_name(course, lesson.slug)
        html = page("guide.html.j2", lang, name, title=ui_table(lang)["lesson_title"].format(lesson=ui_table(lang)["guide_title"], title=data["title"]), g=data,
                    nav=[{"url": data["slides_url"], "label": ui_table(lang)["open_slides"]},
                         {"url": data["page_url"], "label": ui_table(lang)["open_page"]}])
        path = out / lang / name
        write_if_changed(path, html)
        written.append(path)
    return written
