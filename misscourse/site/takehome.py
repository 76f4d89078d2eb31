"""Take-home sheets: ``<lang>/NN-slug.handout.html``, one per lesson and language, on one sheet of
paper (at most 2 printed pages, A4 or Letter).

A sheet holds, from the lesson's own sources:
- the lesson's title (and the hospital's name, when ``local.hospital`` is set);
- its key points: the markdown cell whose heading is "Key points" (English) or "要点" (Chinese);
- what to do: the markdown cells tagged ``takehome`` (lesson authors add them: short action
  items a patient can follow at home). A lesson without such cells shows its key points alone,
  under "Key points: what to remember and do";
- the warning-signs action plan (the same box as ``L.warning_signs()``) for the lessons about
  risks, the hospital, home and daily life (:data:`STOPLIGHT_LESSONS`);
- the care team's number line and the emergency number (``local`` in course.yml);
- the course notice.

The readable lesson page stays as it is; the sheet is written beside it by the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from ..course import Course
from ..paths import STATIC_DIR
from ..stoplight_box import local_lines_html, stoplight_html
from ..text import pick
from ..ui import ui_table
from .files import write_if_changed
from .markdown import render_markdown
from .names import PAGE_SUFFIX, SHEET_SUFFIX

TAG = "takehome"
KEY_POINTS_HEADINGS = {"en": "Key points", "zh": "要点"}
# Lessons whose sheet carries the stoplight card: those about risks, the hospital, home and daily life.
STOPLIGHT_LESSONS = ("risks", "hospital-and-home", "recovery-at-home", "daily-life", "review")
CSS_FILE = STATIC_DIR / "takehome.css"
_HEADING = re.compile(r"^\s*#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_MARKER = re.compile(r"\s?\[\d+(?:[,–-]\s?\d+)*\]")


def sheet_name(course: Course, slug: str) -> str:
    """``NN-slug.handout.html``: the sheet's file name in ``<lang>/``, beside the lesson page."""
    return f"{course.stem(slug)}{SHEET_SUFFIX}"


def first_heading(source: str) -> str:
    m = _HEADING.search(source)
    return re.sub(r"[*_`]|<[^>]+>", "", m.group(1)).strip() if m else ""


def key_points_cell(nb, lang: str):
    """The lesson's "Key points" ("要点") cell, or None."""
    wanted = KEY_POINTS_HEADINGS.get(lang, KEY_POINTS_HEADINGS["en"])
    for cell in nb.cells:
        if cell.cell_type == "markdown" and first_heading(cell.source) == wanted:
            return cell
    return None


def takehome_cells(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "markdown" and TAG in c.metadata.get("tags", [])]


def _body(source: str) -> str:
    """A cell's markdown without its first heading (the sheet sets its own)."""
    return _HEADING.sub("", source, count=1).strip() if first_heading(source) else source.strip()


def _section(heading: str, markdown: str, cls: str) -> str:
    return (f'<section class="miss-sheet-section {cls}"><h2>{Markup.escape(heading)}</h2>'
            f"{render_markdown(markdown)}</section>")


def sheet_parts(course: Course, slug: str, lang: str, nb) -> dict:
    """What a sheet shows, as HTML pieces (also what the tests read)."""
    ui = ui_table(lang)
    key = key_points_cell(nb, lang)
    if key is None:
        raise ValueError(f"notebooks/{lang}/{course.stem(slug)}.ipynb: no markdown cell with the heading "
                         f"'{KEY_POINTS_HEADINGS.get(lang, 'Key points')}' for the take-home sheet")
    actions = takehome_cells(nb)
    sections = []
    if actions:
        sections.append(_section(first_heading(key.source) or ui["takehome_key_points"], _body(key.source),
                                 "miss-sheet-key-points"))
        sections.append(_section(ui["takehome_what_to_do"],
                                 "\n\n".join(_body(c.source) for c in actions), "miss-sheet-what-to-do"))
    else:
        sections.append(_section(ui["takehome_key_points_and_do"], _body(key.source), "miss-sheet-key-points"))
    with_stoplight = slug in STOPLIGHT_LESSONS
    return {
        "sections": Markup("".join(sections)),
        "stoplight": Markup(stoplight_html(course, lang, heading_level=2)) if with_stoplight else None,
        "local": Markup(local_lines_html(course, lang, "miss-local miss-sheet-local")),
        "has_markers": bool(_MARKER.search(key.source + "".join(c.source for c in actions))),
    }


def write_takehome_sheets(course: Course, out: Path, lang: str, notebooks: dict, page) -> list[Path]:
    """Write the sheet of every lesson of ``notebooks`` (slug -> notebook) in ``lang``; ``page`` is the
    site's page renderer (:func:`misscourse.site.instructor.page_renderer`)."""
    ui = ui_table(lang)
    css = Markup(CSS_FILE.read_text(encoding="utf-8"))
    written = []
    for lesson in course.lessons:
        nb = notebooks.get(lesson.slug)
        if nb is None:
            continue
        name = sheet_name(course, lesson.slug)
        title = pick(lesson.title, lang)
        lesson_page = f"{course.stem(lesson.slug)}{PAGE_SUFFIX}"
        html = page("takehome.html.j2", lang, name, title=ui["takehome_title"].format(title=title),
                    nav=[{"url": lesson_page, "label": ui["takehome_full_lesson"]}],
                    heading=title, css=css, hospital=course.local.hospital_name(lang),
                    kicker=ui["lesson_title"].format(lesson=ui["lesson"].format(n=course.shown_number(lesson.slug)),
                                                     title=ui["takehome_label"]),
                    lesson_page=lesson_page, **sheet_parts(course, lesson.slug, lang, nb))
        path = Path(out) / lang / name
        write_if_changed(path, html)
        written.append(path)
    return written


def sheet_links(course: Course, lang: str, slugs, prefix: str = "") -> dict[str, str]:
    """slug -> the sheet's address relative to ``<lang>/`` (or ``prefix``), for the home and lesson pages."""
    return {slug: prefix + sheet_name(course, slug) for slug in slugs}
