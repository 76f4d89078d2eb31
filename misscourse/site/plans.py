"""Class plans (``plans:`` in ``course.yml``): one deck per plan and language, ``<lang>/plan-<id>.slides.html``.

The deck is the plan's executed lesson notebooks one after the other, their widget states merged
so that every quiz works, exported with the lessons' own deck exporter. Its first slide shows
the plan's title, lessons and running time (the sum of the lessons' minutes in the course file).
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

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def plan_name(plan: Plan) -> str:
    return f"plan-{plan.id}{DECK_SUFFIX}"


def running_time(course: Course, plan: Plan) -> int:
    return sum(course.lesson(slug).minutes for slug in plan.lessons)


def title_cells(course: Course, plan: Plan, lang: str) -> list:
    """The plan's first slide (title, lessons with their time, running time) and its speaker notes."""
    ui = ui_table(lang)
    minutes = running_time(course, plan)
    items = "".join(
        f"<li>{esc(pick(course.lesson(s).title, lang))} <span class=\"miss-plan-minutes\">"
        f"{esc(ui['in_parens'].format(text=ui['guide_minutes_short'].format(n=course.lesson(s).minutes)))}</span></li>"
        for s in plan.lessons)
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


def plan_notebook(course: Course, plan: Plan, lang: str, executed: dict) -> nbformat.NotebookNode:
    """The plan's lessons (executed notebooks, keyed by slug) as one notebook, with one widget state."""
    first = executed[plan.lessons[0]]
    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy({k: v for k, v in first.metadata.items() if k != "widgets"}))
    nb.metadata["title"] = pick(plan.title, lang)
    nb.cells = title_cells(course, plan, lang)
    state: dict = {}
    version = (2, 0)
    for slug in plan.lessons:
        lesson_nb = executed[slug]
        for cell in lesson_nb.cells:
            cell = copy.deepcopy(cell)
            cell.id = f"{course.stem(slug)}-{cell.get('id', len(nb.cells))}"[:64]
            nb.cells.append(cell)
        widgets = lesson_nb.metadata.get("widgets", {}).get(WIDGET_STATE)
        if widgets:
            version = (widgets.get("version_major", 2), widgets.get("version_minor", 0))
            for model_id, model in widgets["state"].items():
                if model_id in state and state[model_id] != model:
                    raise ValueError(f"plan {plan.id!r}: widget model {model_id} differs between two lessons")
                state[model_id] = copy.deepcopy(model)
    nb.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": version[0], "version_minor": version[1]}}
    return nb


def _resources(course: Course, plan: Plan, lang: str) -> dict:
    default = course.languages[0]
    return {"miss": {
        "html_lang": HTML_LANG[lang], "vendor": f"../{LIB}", "ui": ui_table(lang),
        "index_url": f"../{index_name(lang, default)}", "progress_url": f"../{progress_name(lang, default)}",
        "record_url": f"../{record_name(lang, default)}?plan={plan.id}",
        "slides_url": "", "page_url": "", "scroll_url": f"{plan_name(plan)}?view=scroll",
        "alternates": [{"url": f"../{o}/{plan_name(plan)}", "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                       for o in course.languages if o != lang],
    }}


def write_plan_decks(course: Course, out: Path, lang: str, executed: dict, exporters, only: set | None = None) -> list[Path]:
    """Write every plan's deck whose lessons were all executed in ``lang`` (with ``only``: the plans
    holding one of those lessons, and any whose deck is missing)."""
    written = []
    for plan in course.plans:
        if not all(slug in executed for slug in plan.lessons):
            continue
        path = out / lang / plan_name(plan)
        if only is not None and not (set(plan.lessons) & only) and path.exists():
            written.append(path)
            continue
        nb, shared = for_site(plan_notebook(course, plan, lang, executed), f"class plan {plan.id!r} ({lang})")
        resources = _resources(course, plan, lang)
        resources["miss"]["shared"] = shared
        body, _ = exporters.deck.from_notebook_node(nb, resources=resources)
        write_if_changed(path, share_images(body, out))
        written.append(path)
    return written
