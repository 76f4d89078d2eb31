"""The site's progress page (``progress.html``, ``progress.<lang>.html`` next to ``index.html``).

The answers live in the browser (``quiz.js`` keeps them in localStorage), so the page does its
work there: ``static/progress.js`` reads them and draws the table, the charts, the questions to
look at again, the review quiz and the download/import buttons. Module scripts do not load from
file:// in Chromium, so quiz.js, progress.js, the CSS and the course data are all inlined.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..course import Course
from ..paths import STATIC_DIR, TEMPLATES_DIR
from ..progress.answers import RULES
from ..progress.charts import GEOMETRY
from ..progress.summary import REVIEW_STREAK, TIMELINE_DAYS, Catalog
from ..progress.transfer import FORMAT, MAX_BYTES, SCHEMA
from ..progress.words import words
from ..text import HTML_LANG, LANGUAGES, pick
from ..ui import ui_table
from .files import write_if_changed
from .names import LIB, PAGE_SUFFIX, index_name, progress_name

TEMPLATE = "progress.html.j2"


page_name = progress_name


def write_pages(course: Course, out: Path, langs: list[str], name, render) -> list[Path]:
    """Write one site-level page per language (``name(lang, default)``, ``render(course, lang)``)
    into the site folder ``out``; return their paths."""
    paths = [Path(out) / name(lang, course.languages[0]) for lang in langs]
    for lang, path in zip(langs, paths):
        write_if_changed(path, render(course, lang))
    return paths


def write_progress_pages(course: Course, out: Path, langs: list[str]) -> list[Path]:
    """Write the progress page of each language into the site folder ``out``; return their paths."""
    return write_pages(course, out, langs, page_name, render_page)


def render_page(course: Course, lang: str) -> str:
    default = course.languages[0]
    w = words(lang)
    return _env().get_template(TEMPLATE).render(
        lang=lang, html_lang=HTML_LANG[lang], w=w, ui=ui_table(lang), lib=LIB, version=course.version,
        title=f"{w['title']} \u2013 {pick(course.title, lang)}", home=index_name(lang, default),
        alternates=[{"url": page_name(o, default), "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                    for o in course.languages if o != lang],
        css=Markup(_static("progress.css")),
        data=Markup(script_json(page_data(course, lang))),
        script=Markup(_no_end_tag(quiz_front_end() + _static("progress.js"))),
    )


def page_data(course: Course, lang: str) -> dict:
    """What progress.js needs: the lessons and their questions, the words, the rules' numbers."""
    catalog = Catalog(course, lang)
    lessons = [{"slug": lesson.slug, "number": course.shown_number(lesson.slug), "title": pick(lesson.title, lang),
                "url": f"{lang}/{course.stem(lesson.slug)}{PAGE_SUFFIX}",
                "questions": [f"{quiz}/{qid}" for quiz, qid in catalog.by_lesson[lesson.slug]]}
               for lesson in course.lessons]
    return {
        "lang": lang, "htmlLang": HTML_LANG[lang], "languages": list(LANGUAGES), "courseVersion": course.version,
        "lessons": lessons,
        "questions": {f"{quiz}/{qid}": catalog.widget_question((quiz, qid)) for quiz, qid in catalog.questions},
        "words": words(lang), "ui": ui_table(lang), "chart": GEOMETRY,
        "rules": {**RULES, "reviewStreak": REVIEW_STREAK, "timelineDays": TIMELINE_DAYS,
                  "format": FORMAT, "schema": SCHEMA, "maxBytes": MAX_BYTES},
    }


def script_json(data) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to end it early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def quiz_front_end() -> str:
    """quiz.js as a script (not a module file): ``const quizFrontEnd = { render }``."""
    source = _static("quiz.js")
    body = re.sub(r"^export default .*$", "", source, flags=re.M)
    body = re.sub(r"^export\s*\{[^}]*\};?[ \t]*$", "", body, flags=re.M)  # export { render };
    body = re.sub(r"^export (?=(async )?function |const |let |class )", "", body, flags=re.M)
    if re.search(r"^\s*(export|import)\b", body, flags=re.M) or not re.search(r"^function render\(", body, flags=re.M):
        raise RuntimeError(f"{STATIC_DIR / 'quiz.js'}: expected 'function render(...)' and plain exports; "
                           "update misscourse/site/progress.py to match")
    return f"const quizFrontEnd = (() => {{\n{body}\nreturn {{ render }};\n}})();\n"


def _no_end_tag(script: str) -> str:
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.I)


def _static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_browser_page(course: Course, lang: str, *, template: str, title: str, name, data: dict,
                        scripts: tuple[str, ...], **extra) -> str:
    """A site page that works in the browser on top of progress.js's helpers (the class view,
    the education record): the course's words, data and scripts inlined, like the progress page."""
    default = course.languages[0]
    return _env().get_template(template).render(
        lang=lang, html_lang=HTML_LANG[lang], w=words(lang), ui=ui_table(lang), lib=LIB, version=course.version,
        title=f"{title} \u2013 {pick(course.title, lang)}", home=index_name(lang, default),
        alternates=[{"url": name(o, default), "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                    for o in course.languages if o != lang],
        css=Markup(_static("progress.css")),
        data=Markup(script_json({**page_data(course, lang), **data})),
        script=Markup(_no_end_tag("".join(_static(n) for n in ("progress.js", *scripts)))),
        **extra,
    )

