"""The instructor's kit, written after the lessons: a guide per lesson, the decks of each class plan, and
the printouts (warning-signs card, checklist, glossary, a take-home sheet per lesson), in every
language built.

``build.py`` calls :func:`write_instructor_kit`; ``home.write_index_pages`` calls
:func:`index_data` for the links on the course home.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import nbformat

from ..course import Course
from ..paths import TEMPLATES_DIR
from ..text import HTML_LANG, pick
from ..ui import ui_table
from .guide import guide_name, write_guides
from .handouts import printout_links, write_handouts
from .names import LIB, index_name
from .plans import part_name, plan_name, running_time, write_plan_decks
from .takehome import write_takehome_sheets

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / "site")),
                          autoescape=True, trim_blocks=True, lstrip_blocks=True)


def page_renderer(course: Course):
    """Render a page that lives in ``<lang>/``, with the site's head, navigation and language links."""
    default = course.languages[0]

    def render(template: str, lang: str, name: str, *, title: str, nav=(), **context) -> str:
        return _env.get_template(template).render(
            lang=lang, html_lang=HTML_LANG[lang], ui=ui_table(lang), lib=f"../{LIB}", title=title,
            home=f"../{index_name(lang, default)}", nav=list(nav), course_title=pick(course.title, lang),
            notice=pick(course.notice, lang), version=course.version,
            alternates=[{"url": f"../{o}/{name}", "html_lang": HTML_LANG[o], "label": ui_table(o)["language_name"]}
                        for o in course.languages if o != lang],
            **context)

    return render


def write_instructor_kit(course: Course, out: Path, langs: list[str], executed: dict, exporters,
                         changed: set | None = None) -> list[Path]:
    """Write the guides, plan decks and printouts; ``executed`` maps (lang, slug) to an executed lesson notebook.

    ``changed`` (pairs of language and slug), if given: only the plan decks holding one of those
    lessons are exported again (guides and printouts are cheap and written only if they differ)."""
    out = Path(out)
    page = page_renderer(course)
    written: list[Path] = []
    for lang in langs:
        notebooks = {slug: nb for (nb_lang, slug), nb in executed.items() if nb_lang == lang}
        written += write_handouts(course, out, lang, notebooks, page)
        written += write_takehome_sheets(course, out, lang, notebooks, page)
        written += write_guides(course, out, lang, notebooks, page)
        only = None if changed is None else {slug for (nb_lang, slug) in changed if nb_lang == lang}
        written += write_plan_decks(course, out, lang, notebooks, exporters, only=only)
    return written


def _source_notebooks(course: Course, lang: str) -> dict:
    found = {}
    for lesson in course.lessons:
        path = course.notebook_path(lesson.slug, lang)
        if path.exists():
            found[lesson.slug] = nbformat.read(path, as_version=4)
    return found


def index_data(course: Course, lang: str) -> dict:
    """What the course home links to for instructors: class plans, guides and printouts (paths from the site root)."""
    ui = ui_table(lang)
    notebooks = _source_notebooks(course, lang)
    plans = [{
        "title": pick(plan.title, lang), "minutes": running_time(course, plan), "url": f"{lang}/{plan_name(plan)}",
        "lessons": [{"title": pick(course.lesson(s).title, lang), "url": f"{lang}/{part_name(plan, k)}"}
                    for k, s in enumerate(plan.lessons, 1)],
    } for plan in course.plans if all(s in notebooks for s in plan.lessons)]
    guides = [{"number": course.number(lesson.slug), "title": pick(lesson.title, lang),
               "url": f"{lang}/{guide_name(course, lesson.slug)}", "label": ui["guide_title"]}
              for lesson in course.lessons if lesson.slug in notebooks]
    printouts = list(printout_links(course, lang, notebooks, prefix=f"{lang}/").values())
    return {"plans": plans, "guides": guides, "printouts": printouts}
