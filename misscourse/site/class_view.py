"""The instructors' class view (``class.html``, ``class.<lang>.html``): open several progress
files that learners downloaded, by file picker or drag-and-drop, and see the questions the class
missed most on the first try, as the same table and chart as ``misscourse progress class``.
Everything happens in the browser (``static/classview.js`` on top of ``static/progress.js``);
nothing is uploaded and no names are needed. A broken or hostile file is refused with its name
and the reason, shown as text.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..course import Course
from ..progress.transfer import CLASS_CHART_BARS
from ..progress.words import words
from ..text import HTML_LANG, pick
from ..ui import ui_table
from .files import write_if_changed
from .names import LIB, class_name, index_name
from .progress import _env, _no_end_tag, _static, page_data, script_json

TEMPLATE = "class.html.j2"


def render_class_page(course: Course, lang: str) -> str:
    default = course.languages[0]
    w = words(lang)
    data = {**page_data(course, lang), "chartBars": CLASS_CHART_BARS}
    return _env().get_template(TEMPLATE).render(
        lang=lang, html_lang=HTML_LANG[lang], w=w, ui=ui_table(lang), lib=LIB, version=course.version,
        title=f"{w['class_page_title']} \u2013 {pick(course.title, lang)}", home=index_name(lang, default),
        alternates=[{"url": class_name(o, default), "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                    for o in course.languages if o != lang],
        css=Markup(_static("progress.css")),
        data=Markup(script_json(data)),
        script=Markup(_no_end_tag(_static("progress.js") + _static("classview.js"))),
    )


def write_class_pages(course: Course, out: Path, langs: list[str]) -> list[Path]:
    written = []
    for lang in langs:
        path = Path(out) / class_name(lang, course.languages[0])
        write_if_changed(path, render_class_page(course, lang))
        written.append(path)
    return written
