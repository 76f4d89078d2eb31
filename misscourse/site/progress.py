"""The site's progress page (``progress.html``, ``progress.<lang>.html`` next to ``index.html``).

The answers live in the browser (``quiz.js`` keeps them in localStorage), so the page does its
work there: ``static/progress.js`` reads them and draws the table, the charts, the questions to
look at again, the review quiz and the download/import buttons. Module scripts do not load from
file:// in Chromium, so the scripts are classic scripts in ``lib/``, shared by the progress,
record and class pages of both languages: one bundle per kind of page (``lib/progress-page.js``:
quiz.js made a plain script, then progress.js; ``lib/record-page.js``, ``lib/class-page.js``),
the course's data for these pages (``lib/progress-data.<lang>.js``) and the quizzes and interface
words the lesson pages load too (:mod:`.shared_data`). A page holds only its own few words.
"""

from __future__ import annotations

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
from .files import copy_if_changed, write_if_changed
from .names import LIB, PAGE_SUFFIX, index_name, progress_name
from .shared_data import file_of, progress_key, quiz_key, script_json, ui_key, write_entry, write_quiz_files

TEMPLATE = "progress.html.j2"
STYLE = "progress.css"
# lib/<bundle>: (the global it sets, the files of misscourse/static it holds, the function its
# start(lang, extra) calls with the page's data); "quiz.js" is the quiz made a plain script
BUNDLES = {
    "progress-page.js": ("MissProgressPage", ("quiz.js", "progress.js"), "(data) => startProgressPage(data, quizFrontEnd.render)"),
    "record-page.js": ("MissRecordPage", ("progress.js", "record.js"), "startRecordPage"),
    "class-page.js": ("MissClassPage", ("progress.js", "classview.js"), "startClassPage"),
}


page_name = progress_name


def write_pages(course: Course, out: Path, langs: list[str], name, render) -> list[Path]:
    """Write one site-level page per language (``name(lang, default)``, ``render(course, lang)``)
    into the site folder ``out``, with the shared files in ``lib/`` they load; return their paths."""
    paths = [Path(out) / name(lang, course.languages[0]) for lang in langs]
    for lang, path in zip(langs, paths):
        write_shared_files(course, Path(out) / LIB, lang)
        write_if_changed(path, render(course, lang))
    return paths


def write_shared_files(course: Course, lib: Path, lang: str) -> list[Path]:
    """The files in ``lib/`` that the progress, record and class pages of ``lang`` load."""
    written = [write_entry(lib, progress_key(lang), shared_page_data(course, lang),
                           f"the course's lessons, words and rules for the progress, record and class pages ({lang})")]
    written += write_quiz_files(lib, [lang], quiz_ids(course, lang))
    for bundle in BUNDLES:
        write_if_changed(lib / bundle, bundle_script(bundle))
        written.append(lib / bundle)
    copy_if_changed(STATIC_DIR / STYLE, lib / STYLE)
    return [*written, lib / STYLE]


def bundle_script(bundle: str) -> str:
    """One page's scripts as one classic script that sets ``window.<global>.start(lang, extra)`` and
    ``window.<global>.data(lang, extra)`` (the page's data, from the shared files and ``extra``)."""
    name, files, start = BUNDLES[bundle]
    body = "".join(quiz_front_end() if f == "quiz.js" else _static(f) for f in files)
    return (f"/* {', '.join('misscourse/static/' + f for f in files)}: one classic script, so it loads from file:// too */\n"
            "(function () {\n\"use strict\";\n" + body +
            f"\nconst startPage = {start};\n"
            f"window.{name} = {{ data: sharedPageData, start: (lang, extra) => startPage(sharedPageData(lang, extra)) }};\n"
            "})();\n")


def quiz_ids(course: Course, lang: str) -> list[str]:
    """The quizzes the pages' questions come from, in course order."""
    catalog = Catalog(course, lang)
    return list(dict.fromkeys(quiz for quiz, _ in catalog.questions))


def shared_scripts(course: Course, lang: str, bundle: str) -> list[str]:
    """What a page of ``lang`` loads from ``lib/``, in order: the quiz words, the quizzes, the
    pages' data, the page's bundle."""
    keys = [ui_key(lang), *(quiz_key(q, lang) for q in quiz_ids(course, lang)), progress_key(lang)]
    return [f"{LIB}/{file_of(k)}" for k in keys] + [f"{LIB}/{bundle}"]


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
        style=f"{LIB}/{STYLE}", scripts=shared_scripts(course, lang, "progress-page.js"),
        data=Markup(script_json({})), start="MissProgressPage",
    )


def shared_page_data(course: Course, lang: str) -> dict:
    """:func:`page_data` without the questions and the interface words: progress.js's
    ``sharedPageData`` takes them from the shared quiz files."""
    return {k: v for k, v in page_data(course, lang).items() if k not in ("questions", "ui")}


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


def _static(name: str) -> str:
    return (STATIC_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_browser_page(course: Course, lang: str, *, template: str, title: str, name, data: dict,
                        bundle: str, **extra) -> str:
    """A site page that works in the browser on top of progress.js's helpers (the class view,
    the education record): the course's data and scripts from ``lib/`` like the progress page's,
    the page's own ``data`` inline."""
    default = course.languages[0]
    return _env().get_template(template).render(
        lang=lang, html_lang=HTML_LANG[lang], w=words(lang), ui=ui_table(lang), lib=LIB, version=course.version,
        title=f"{title} \u2013 {pick(course.title, lang)}", home=index_name(lang, default),
        alternates=[{"url": name(o, default), "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                    for o in course.languages if o != lang],
        style=f"{LIB}/{STYLE}", scripts=shared_scripts(course, lang, bundle),
        data=Markup(script_json(data)), start=BUNDLES[bundle][0],
        **extra,
    )

