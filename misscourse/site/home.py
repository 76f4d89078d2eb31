"""The course home of each language (``index.html``, ``index.<lang>.html``): the lessons with their
slides and pages, the progress page, and the instructor's class plans, guides and printouts."""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..course import Course
from ..paths import TEMPLATES_DIR
from ..text import HTML_LANG, pick
from ..ui import ui_table
from .files import write_if_changed
from .instructor import index_data
from .names import DECK_SUFFIX, LIB, PAGE_SUFFIX, SHEET_SUFFIX, class_name, index_name, progress_name, record_name

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)


def write_index_pages(c: Course, out: Path, langs: list[str]) -> list[Path]:
    written = []
    for lang in langs:
        ui = ui_table(lang)
        lessons = []
        for lesson in c.lessons:
            stem = c.stem(lesson.slug)
            lessons.append({
                "number": c.shown_number(lesson.slug), "title": pick(lesson.title, lang), "minutes": lesson.minutes,
                "objectives": pick(lesson.objectives, lang),
                "slides": f"{lang}/{stem}{DECK_SUFFIX}", "page": f"{lang}/{stem}{PAGE_SUFFIX}",
                "sheet": f"{lang}/{stem}{SHEET_SUFFIX}",
            })
        html = _env.get_template("index.html.j2").render(
            lang=lang, html_lang=HTML_LANG[lang], ui=ui, lib=LIB,
            title=pick(c.title, lang), subtitle=pick(c.subtitle, lang), notice=pick(c.notice, lang),
            hospital=c.local.hospital_name(lang),
            lessons=lessons, total=sum(lesson.minutes for lesson in c.lessons), version=c.version,
            progress=progress_name(lang, c.languages[0]), record=record_name(lang, c.languages[0]),
            class_view=class_name(lang, c.languages[0]),
            alternates=[{"url": index_name(o, c.languages[0]), "html_lang": HTML_LANG[o],
                         "label": ui_table(o)["language_name"]} for o in c.languages if o != lang],
            **index_data(c, lang),
        )
        path = out / index_name(lang, c.languages[0])
        write_if_changed(path, html)
        written.append(path)
    return written
