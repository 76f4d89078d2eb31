"""The instructors' class view (``class.html``, ``class.<lang>.html``): open several progress
files that learners downloaded, by file picker or drag-and-drop, and see the questions the class
missed most on the first try, as the same table and chart as ``misscourse progress class``.
Everything happens in the browser (``static/classview.js`` on top of ``static/progress.js``);
nothing is uploaded and no names are needed. A broken or hostile file is refused with its name
and the reason, shown as text.
"""

from __future__ import annotations

from pathlib import Path

from ..course import Course
from ..progress.transfer import CLASS_CHART_BARS
from ..progress.words import words
from .names import class_name
from .progress import render_browser_page, write_pages

TEMPLATE = "class.html.j2"


def render_class_page(course: Course, lang: str) -> str:
    return render_browser_page(course, lang, template=TEMPLATE, title=words(lang)["class_page_title"], name=class_name,
                               data={"chartBars": CLASS_CHART_BARS}, bundle="class-page.js")


def write_class_pages(course: Course, out: Path, langs: list[str]) -> list[Path]:
    return write_pages(course, out, langs, class_name, render_class_page)
