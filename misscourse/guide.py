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
from dataclasses import dataclass, field
from pathlib import Path

import mistune
import nbformat
from markupsafe import Markup

from .course import Course
from .export import DECK_DROPS, DECK_SUFFIX, PAGE_SUFFIX, atomic_write
from .quizzes import Question, load_quiz
from .text import pick
from .ui import ui_table

GUIDE_SUFFIX = ".guide.html"
SLIDE_STARTS = ("slide", "subslide")

# "About 2 minutes." / "About 30 seconds." as a sentence of its own; "约2分钟" / "大约两分钟" / "约半分钟"
_EN_TIME = re.compile(r"(?:^|(?<=\s))About\s+(\d+(?:\.\d+)?|half a)\s+(minutes?|seconds?)\b", re.M)
_ZH_TIME = re.compile(r"(?:^|(?<=[\s。！？；：，、”’）)」』]))(?:大约|约)\s*([0-9.]+|[一二两三四五六七八九十半]+)\s*(分钟|秒钟|秒)")
_ZH_NUMBERS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "半": 0.5}
_CALL = re.compile(r"""^L\.(\w+)\((?:\s*["']([^"']*)["']\s*)?\)$""")

markdown = mistune.create_markdown(escape=False, plugins=["strikethrough", "table"])


def render_markdown(source: str) -> Markup:
    """A notebook's markdown as HTML, as the lesson pages show it (the notebooks are the course's own text)."""
    return Markup(markdown(source))


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


# -- the lesson as slides ----------------------------------------------------------------------
@dataclass
class Slide:
    title: str
    kind: str  # slide or subslide
    cells: list = field(default_factory=list)  # the cells people see on this slide
    notes: list[str] = field(default_factory=list)  # markdown of its speaker-notes cells

    @property
    def minutes(self) -> float | None:
        found = [m for m in (minutes_in(n) for n in self.notes) if m is not None]
        return sum(found) if found else None

    def has_tag(self, tag: str) -> bool:
        return any(tag in c.metadata.get("tags", []) for c in self.cells)

    def calls(self) -> list[tuple[str, str]]:
        return [call for c in self.cells if c.cell_type == "code" for call in [code_call(c.source)] if call]


@dataclass
class Section:
    """A slide and the subslides under it: one ``##`` section of the lesson."""

    slides: list[Slide]

    @property
    def title(self) -> str:
        return self.slides[0].title

    @property
    def minutes(self) -> float | None:
        found = [s.minutes for s in self.slides if s.minutes is not None]
        return sum(found) if found else None


def code_call(source: str) -> tuple[str, str] | None:
    """``L.diagram("x")`` -> ("diagram", "x"); ``L.quiz()`` -> ("quiz", "")."""
    m = _CALL.match(source.strip())
    return (m.group(1), m.group(2) or "") if m else None


def heading_of(source: str) -> str:
    """A markdown cell's heading, or its first line without the markdown marks."""
    for line in source.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        text = re.sub(r"^#{1,6}\s+", "", line)
        text = re.sub(r"[*_`]", "", text)
        text = re.sub(r"<[^>]+>", "", text)
        return text.strip()
    return ""


def slides_of(nb: nbformat.NotebookNode) -> list[Slide]:
    """The slides of a lesson deck in order, each with its cells and its speaker notes."""
    slides: list[Slide] = []
    for cell in nb.cells:
        tags = set(cell.metadata.get("tags", []))
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if tags & DECK_DROPS or kind == "skip":  # as the deck leaves them out
            continue
        if kind == "notes":
            if slides and cell.source.strip():
                slides[-1].notes.append(cell.source.strip())
            continue
        if kind in SLIDE_STARTS or not slides:
            slides.append(Slide(title="", kind=kind if kind in SLIDE_STARTS else "slide"))
        slides[-1].cells.append(cell)
    return slides


def sections_of(nb: nbformat.NotebookNode) -> list[Section]:
    sections: list[Section] = []
    for slide in slides_of(nb):
        if slide.kind == "slide" or not sections:
            sections.append(Section([slide]))
        else:
            sections[-1].slides.append(slide)
    return sections


def _title_slides(sections: list[Section], course: Course, slug: str, lang: str, ui: dict) -> None:
    from . import diagrams

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
                    slide.title = pick(course.warning_signs.title, lang)
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
    if q.kind in ("single", "multiple"):
        return [pick(o.text, lang) for o in q.options if o.correct]
    if q.kind == "truefalse":
        return [ui_table(lang)["true_label" if q.answer else "false_label"]]
    return [pick(s, lang) for s in q.steps]


def wrong_answers(q: Question, lang: str) -> list[tuple[str, str]]:
    """Each wrong choice with the feedback the quiz gives for it."""
    if q.kind in ("single", "multiple"):
        return [(pick(o.text, lang), pick(o.feedback, lang) if o.feedback else "") for o in q.options if not o.correct]
    if q.kind == "truefalse":
        ui = ui_table(lang)
        return [(ui["false_label"], pick(q.if_false, lang))] if q.answer else [(ui["true_label"], pick(q.if_true, lang))]
    return []


def quiz_view(quiz_id: str, lang: str) -> dict:
    quiz = load_quiz(quiz_id)
    ui = ui_table(lang)
    kinds = {"single": ui["choose_one"], "multiple": ui["choose_all"], "truefalse": ui["guide_kind_truefalse"],
             "order": ui["guide_kind_order"]}
    return {
        "id": quiz.id, "title": pick(quiz.title, lang),
        "questions": [{
            "id": q.id, "kind": q.kind, "how": kinds[q.kind], "prompt": pick(q.prompt, lang),
            "right": right_answers(q, lang), "wrong": wrong_answers(q, lang),
            "explanation": pick(q.explanation, lang),
        } for q in quiz.questions],
    }


# -- what to prepare ---------------------------------------------------------------------------
def checklist_cells(nb: nbformat.NotebookNode) -> list:
    return [c for c in nb.cells if c.cell_type == "markdown" and "checklist" in c.metadata.get("tags", [])]


def prepare_items(course: Course, slug: str, lang: str, nb: nbformat.NotebookNode, printouts: dict) -> list[dict]:
    """What to have ready, each item derived from what the lesson shows or hands out."""
    from . import diagrams

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
        minutes = section.minutes
        timing.append({"title": section.title, "slides": len(section.slides),
                       "minutes": fmt_minutes(minutes) if minutes is not None else None, "starts": fmt_minutes(start)})
        start += minutes or 0
    untimed = sum(1 for s in sections for slide in s.slides if slide.minutes is None)
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
    notes = [{"title": section.title, "minutes": fmt_minutes(section.minutes) if section.minutes is not None else None,
              "slides": [{"title": slide.title, "minutes": fmt_minutes(slide.minutes) if slide.minutes is not None else None,
                          "notes": [render_markdown(n) for n in slide.notes]} for slide in section.slides]}
             for section in sections]
    return {
        "number": course.number(slug), "title": pick(lesson.title, lang), "planned": planned,
        "objectives": pick(lesson.objectives, lang), "timing": timing, "total": fmt_minutes(total),
        "verdict": verdict, "over": diff > 0, "untimed": untimed,
        "prepare": prepare_items(course, slug, lang, nb, printouts),
        "quizzes": [quiz_view(q, lang) for q in lesson.quizzes],
        "teach_back": teach_back, "notes": notes,
        "slides_url": f"{course.stem(slug)}{DECK_SUFFIX}", "page_url": f"{course.stem(slug)}{PAGE_SUFFIX}",
    }


def _without_heading(source: str) -> str:
    lines = source.strip().splitlines()
    if lines and re.match(r"^#{1,6}\s", lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip()


def write_guides(course: Course, out: Path, lang: str, notebooks: dict, page) -> list[Path]:
    """One guide per lesson whose executed notebook is given; ``page`` renders a site page (see instructor.py)."""
    from .handouts import printout_links

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


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    atomic_write(path, text)
