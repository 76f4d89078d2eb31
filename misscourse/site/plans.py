"""Class plans (``plans:`` in ``course.yml``): for each plan and language, one deck per lesson,
``<lang>/plan-<id>.slides.html`` for the first and ``<lang>/plan-<id>-part<k>.slides.html`` after it.

Each deck is the lesson's executed notebook, exported with the lessons' own deck exporter. The
first one opens with the plan's title, lessons and running time (the sum of the lessons' minutes
in the course file); each one ends with a slide that leads on to the next lesson's deck, which the
keys that go forward also open from there (``course-deck.js``, from the ``rel="next"`` link). One
deck per lesson keeps each as light as a lesson's own deck on a phone: a whole class in one page
(up to 375 slides) took a phone seconds to load and lay out.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat

from ..course import Course, Plan
from ..html import esc
from ..text import HTML_LANG, pick
from ..ui import ui_table
from .export import for_site
from .files import write_if_changed
from .images import share_images
from .names import DECK_SUFFIX, LIB, index_name, progress_name, record_name


def part_name(plan: Plan, k: int) -> str:
    """The deck of the plan's ``k``-th lesson (from 1); the first one carries the plan's title slide
    and is the plan's address (:func:`plan_name`)."""
    return f"plan-{plan.id}{DECK_SUFFIX}" if k == 1 else f"plan-{plan.id}-part{k}{DECK_SUFFIX}"


def plan_name(plan: Plan) -> str:
    return part_name(plan, 1)


def part_names(plan: Plan) -> list[str]:
    return [part_name(plan, k) for k in range(1, len(plan.lessons) + 1)]


def running_time(course: Course, plan: Plan) -> int:
    return sum(course.lesson(slug).minutes for slug in plan.lessons)


def title_cells(course: Course, plan: Plan, lang: str) -> list:
    """The plan's first slide (title, lessons with their time and a link to each one's deck, running
    time) and its speaker notes."""
    ui = ui_table(lang)
    minutes = running_time(course, plan)
    items = "".join(
        f'<li><a href="{part_name(plan, k)}">{esc(pick(course.lesson(s).title, lang))}</a> <span class="miss-plan-minutes">'
        f"{esc(ui['in_parens'].format(text=ui['guide_minutes_short'].format(n=course.lesson(s).minutes)))}</span></li>"
        for k, s in enumerate(plan.lessons, 1))
    html = (
        f'<div class="miss-header miss-plan-header">'
        f'<p class="miss-kicker">{esc(ui["plan_kicker"].format(n=len(plan.lessons), m=minutes))}</p>'
        f'<h1 class="miss-title">{esc(pick(plan.title, lang))}</h1>'
        f'<h2 class="miss-objectives-heading">{esc(ui["plan_in_this_class"])}</h2>'
        f'<ol class="miss-plan-lessons{" miss-plan-long" if len(plan.lessons) > 6 else ""}">{items}</ol>'
        f'<aside class="miss-notice" aria-label="{esc(ui["notice_label"])}"><p><strong>{esc(ui["notice_label"])}:</strong> '
        f'{esc(pick(course.notice, lang))}</p></aside>'
        "</div>"
    )
    slide = nbformat.v4.new_markdown_cell(html, metadata={"slideshow": {"slide_type": "slide"}})
    notes = nbformat.v4.new_markdown_cell(ui["plan_notes"].format(n=len(plan.lessons), m=minutes),
                                          metadata={"slideshow": {"slide_type": "notes"}, "tags": ["notes"]})
    slide.id, notes.id = "plan-title", "plan-notes"
    return [slide, notes]


def end_cells(course: Course, plan: Plan, lang: str, k: int) -> list:
    """The last slide of the plan's ``k``-th deck: a link to the next lesson's deck, or at the end
    of the class, to the education record and the course home; with its speaker notes."""
    ui = ui_table(lang)
    n = len(plan.lessons)
    links = _links(course, plan, lang, k)
    if k < n:
        title = esc(pick(course.lesson(plan.lessons[k]).title, lang))
        heading = f'{esc(ui["plan_go_on"])} <a href="{part_name(plan, k + 1)}" rel="next">{title}</a>'
        more, notes = "", ui["plan_part_notes"]
    else:
        heading = esc(ui["plan_class_done"])
        more = (f'<p><a href="{links["record_url"]}">{esc(ui["my_record"])}</a> · '
                f'<a href="{links["index_url"]}">{esc(ui["home"])}</a></p>')
        notes = ui["plan_last_notes"]
    html = (f'<div class="miss-plan-end"><p class="miss-kicker">{esc(ui["plan_part_done"].format(k=k, n=n))}</p>'
            f'<h2>{heading}</h2>{more}</div>')
    slide = nbformat.v4.new_markdown_cell(html, metadata={"slideshow": {"slide_type": "slide"}})
    note = nbformat.v4.new_markdown_cell(notes, metadata={"slideshow": {"slide_type": "notes"}, "tags": ["notes"]})
    slide.id, note.id = "plan-end", "plan-end-notes"
    return [slide, note]


def part_notebook(course: Course, plan: Plan, lang: str, executed: dict, k: int) -> nbformat.NotebookNode:
    """The plan's ``k``-th lesson (its executed notebook, from ``executed`` keyed by slug) as a deck's
    notebook: the plan's title slide first if ``k`` is 1, the way on to the next lesson last."""
    lesson_nb = executed[plan.lessons[k - 1]]
    nb = copy.deepcopy(lesson_nb)
    nb.metadata["title"] = ui_table(lang)["plan_part_title"].format(
        plan=pick(plan.title, lang), k=k, n=len(plan.lessons), lesson=pick(course.lesson(plan.lessons[k - 1]).title, lang))
    nb.cells = (title_cells(course, plan, lang) if k == 1 else []) + nb.cells + end_cells(course, plan, lang, k)
    return nb


def _links(course: Course, plan: Plan, lang: str, k: int) -> dict:
    default = course.languages[0]
    name = part_name(plan, k)
    return {
        "index_url": f"../{index_name(lang, default)}", "progress_url": f"../{progress_name(lang, default)}",
        "record_url": f"../{record_name(lang, default)}?plan={plan.id}",
        "scroll_url": f"{name}?view=scroll",
        "prev_url": part_name(plan, k - 1) if k > 1 else "",
        "next_url": part_name(plan, k + 1) if k < len(plan.lessons) else "",
        "alternates": [{"url": f"../{o}/{name}", "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                       for o in course.languages if o != lang],
    }


def _resources(course: Course, plan: Plan, lang: str, k: int) -> dict:
    return {"miss": {"html_lang": HTML_LANG[lang], "vendor": f"../{LIB}", "ui": ui_table(lang),
                     "slides_url": "", "page_url": "", **_links(course, plan, lang, k)}}


def write_plan_decks(course: Course, out: Path, lang: str, executed: dict, exporters, only: set | None = None) -> list[Path]:
    """Write the decks of every plan whose lessons were all executed in ``lang``, one per lesson
    (with ``only``: those of these lessons, and any that is missing), and remove the decks of
    lessons a plan no longer has."""
    written = []
    for plan in course.plans:
        if not all(slug in executed for slug in plan.lessons):
            continue
        names = part_names(plan)
        for old in (out / lang).glob(f"plan-{plan.id}-part*{DECK_SUFFIX}"):
            if old.name not in names:
                old.unlink()
        for k, (slug, name) in enumerate(zip(plan.lessons, names), 1):
            path = out / lang / name
            written.append(path)
            if only is not None and slug not in only and path.exists():
                continue
            where = f"class plan {plan.id!r}, lesson {k} ({lang})"
            nb, shared = for_site(part_notebook(course, plan, lang, executed, k), where)
            resources = _resources(course, plan, lang, k)
            resources["miss"]["shared"] = shared
            body, _ = exporters.deck.from_notebook_node(nb, resources=resources)
            write_if_changed(path, share_images(body, out))
    return written
