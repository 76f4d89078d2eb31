"""Printouts that go home with a patient, each from its one source:

- ``<lang>/warning-signs.html``: the warning-signs card, the stoplight action plan the lessons
  show (``L.warning_signs()``, from ``stoplight`` in ``course.yml``), with the hospital's name,
  the care team's number and the emergency number from ``local``. Prints on one page.
- ``<lang>/checklist.html``: the "questions to ask" checklist, the lesson cells tagged
  ``checklist``. Prints on one page.
- ``<lang>/glossary.html``: the glossary (``L.glossary()``, from ``glossary.yml``); the review
  lesson's handout leaves it out so that it fits on two sheets.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from ..course import Course
from ..lesson import LessonView
from ..stoplight_box import stoplight_html
from ..notebook import checklist_cells, heading_of
from ..text import pick
from ..ui import ui_table
from .files import write_if_changed
from .markdown import render_markdown

WARNING_SIGNS = "warning-signs.html"
CHECKLIST = "checklist.html"
GLOSSARY = "glossary.html"


def _checklist_source(course: Course, notebooks: dict) -> tuple[str, list] | None:
    """The slug of the first lesson with cells tagged ``checklist``, and those cells."""
    for lesson in course.lessons:
        nb = notebooks.get(lesson.slug)
        cells = checklist_cells(nb) if nb is not None else []
        if cells:
            return lesson.slug, cells
    return None


def printout_links(course: Course, lang: str, notebooks: dict, prefix: str = "") -> dict[str, dict]:
    """The printouts of a language that the build writes, as links relative to ``<lang>/`` (or ``prefix``)."""
    ui = ui_table(lang)
    links = {"warning-signs": {"url": prefix + WARNING_SIGNS, "label": pick(course.stoplight.title, lang)}}
    found = _checklist_source(course, notebooks)
    if found:
        links["checklist"] = {"url": prefix + CHECKLIST, "label": heading_of(found[1][0].source) or ui["checklist_title"]}
    links["glossary"] = {"url": prefix + GLOSSARY, "label": ui["glossary_title"]}
    return links


def write_handouts(course: Course, out: Path, lang: str, notebooks: dict, page) -> list[Path]:
    ui = ui_table(lang)
    view = LessonView(course.slugs[0], lang)
    written = []

    card = Markup(stoplight_html(course, lang, heading_level=1))
    html = page("handout.html.j2", lang, WARNING_SIGNS, title=pick(course.stoplight.title, lang), kind="card",
                body=card, kicker=course.local.hospital_name(lang) or None, fills=[ui["card_phone_after_hours"]])
    written.append(_write(out / lang / WARNING_SIGNS, html))

    found = _checklist_source(course, notebooks)
    if found:
        slug, cells = found
        first = cells[0].source.strip()
        title = heading_of(first) if first.startswith("#") else ui["checklist_title"]
        sources = [re.sub(r"^#{1,6}\s+.*\n?", "", first, count=1) if first.startswith("#") else first]
        sources += [c.source for c in cells[1:]]
        body = Markup("".join(render_markdown(s) for s in sources))
        kicker = ui["lesson_title"].format(lesson=ui["lesson"].format(n=course.number(slug)),
                                           title=pick(course.lesson(slug).title, lang))
        html = page("handout.html.j2", lang, CHECKLIST, title=title, kind="checklist", body=body, kicker=kicker,
                    heading=title, fills=[ui["checklist_own_questions"]], blanks=2)
        written.append(_write(out / lang / CHECKLIST, html))

    glossary = Markup(view.glossary()._repr_html_())
    html = page("handout.html.j2", lang, GLOSSARY, title=ui["glossary_title"], kind="glossary", body=glossary,
                heading=ui["glossary_title"])
    written.append(_write(out / lang / GLOSSARY, html))
    return written


def _write(path: Path, html: str) -> Path:
    write_if_changed(path, html)
    return path
