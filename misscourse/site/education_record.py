"""A learner's education record (``record.html``, ``record.<lang>.html``), linked at the end of
every lesson and class plan: the lessons done and when, each quiz's first-try score, a
teach-back line per lesson for the instructor (done, initials), the language and whether an
interpreter was used, and lines for the learner's and the instructor's names. It prints on one
page (A4 or Letter). It is filled in the browser and kept there only (``static/record.js``),
like the learner's progress; nothing is sent anywhere. ``?lesson=<slug>`` or ``?plan=<id>``
shows one lesson or one class plan.
"""

from __future__ import annotations

from pathlib import Path

from ..course import Course
from ..progress.words import words
from ..text import pick
from ..ui import ui_table
from .names import record_name
from .progress import render_browser_page, write_pages

TEMPLATE = "record.html.j2"


def record_link(course: Course, lang: str, *, lesson: str | None = None, plan: str | None = None) -> str:
    """The record page's address, from a page in ``<lang>/``, for one lesson or one plan."""
    query = f"?lesson={lesson}" if lesson else f"?plan={plan}" if plan else ""
    return f"../{record_name(lang, course.languages[0])}{query}"


def render_record_page(course: Course, lang: str) -> str:
    data = {"courseTitle": pick(course.title, lang),
            "plans": [{"id": p.id, "title": pick(p.title, lang), "lessons": list(p.lessons)} for p in course.plans]}
    return render_browser_page(course, lang, template=TEMPLATE, title=words(lang)["record_title"], name=record_name,
                               data=data, bundle="record-page.js", course_title=pick(course.title, lang),
                               hospital=(course.local.hospital or {}).get(lang) or "",
                               language_name=ui_table(lang)["language_name"])


def write_record_pages(course: Course, out: Path, langs: list[str]) -> list[Path]:
    return write_pages(course, out, langs, record_name, render_record_page)
