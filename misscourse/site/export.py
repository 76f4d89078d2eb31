"""Write the site's pages with nbconvert's exporters and the course's templates.

Per lesson and language: a reveal.js deck (``<stem>.slides.html``, code hidden, speaker notes,
resident sections left out) and a readable, printable page (``<stem>.html``). Plus one course
home per language. Every file they load lives in the site folder (see :mod:`misscourse.site.libraries`).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from traitlets.config import Config

from ..course import Course
from ..notebook import DECK_DROPS, PAGE_DROPS
from ..paths import TEMPLATES_DIR
from ..text import HTML_LANG, pick
from ..ui import ui_table
from .files import write_if_changed
from .images import share_images
from .names import DECK_SUFFIX, LATER_TYPE, LIB, PAGE_SUFFIX, SHEET_SUFFIX, index_name, progress_name, record_name
from .shared_data import share_styles
from .widgets import prepare, shared_files

def for_site(nb: nbformat.NotebookNode, where: str) -> tuple[nbformat.NotebookNode, dict]:
    """The notebook as the site exports it (:func:`prepare`, shared styles out) and the shared files
    in lib/ it needs: ``{"scripts": [...], "styles": [...]}`` (paths under lib/)."""
    nb = prepare(nbformat.from_dict(nb), where)
    styles = share_styles(nb)
    return nb, {"scripts": shared_files(nb), "styles": styles}


def _json_for_script(data) -> str:
    """Widget state and views as JSON with the page's own characters (not \\u escapes: Chinese
    text stays half the size); the template's ``escape_html_script`` then escapes every ``/``,
    so no ``</script>`` can end the element early."""
    return json.dumps(data, ensure_ascii=False)


def _config(drop_tags: set[str], template: str) -> Config:
    cfg = Config()
    cfg.TemplateExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    cfg.TemplateExporter.extra_template_paths = [str(TEMPLATES_DIR)]
    cfg.TemplateExporter.template_name = template
    cfg.TagRemovePreprocessor.enabled = True
    cfg.TagRemovePreprocessor.remove_input_tags = {"remove-input"}
    cfg.TagRemovePreprocessor.remove_cell_tags = set(drop_tags)
    return cfg


def _urls(exporter) -> None:
    exporter.register_filter("json_dumps", _json_for_script)
    exporter.environment.globals["later_type"] = LATER_TYPE
    exporter.mathjax_url = ""
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = False


class _PageLanguage:
    """Mark each page with its lesson's language (``lang="zh-Hans"``, ...).

    nbconvert's own ``language_code`` trait accepts only ISO 639-1 codes and validates the old
    value, so the page's language comes from the course's resources instead."""

    def _init_resources(self, resources):
        resources = super()._init_resources(resources)
        resources["language_code"] = resources.get("miss", {}).get("html_lang", resources["language_code"])
        return resources


class CourseSlides(_PageLanguage, SlidesExporter):
    pass


class CoursePage(_PageLanguage, HTMLExporter):
    pass


class Exporters:
    """The two exporters, made once and reused for every lesson."""

    def __init__(self, c: Course, out: Path):
        self.course, self.out = c, out
        self.deck = CourseSlides(config=_config(DECK_DROPS, "course_reveal"))
        _urls(self.deck)
        self.deck.reveal_url_prefix = f"../{LIB}/reveal.js"
        self.deck.reveal_number = "c/t"
        self.page = CoursePage(config=_config(PAGE_DROPS, "course_lab"))
        _urls(self.page)

    def paths_for(self, slug: str, lang: str) -> tuple[Path, Path]:
        stem = self.course.stem(slug)
        folder = self.out / lang
        return folder / f"{stem}{DECK_SUFFIX}", folder / f"{stem}{PAGE_SUFFIX}"

    def outputs_exist(self, job) -> bool:
        return all(p.exists() for p in self.paths_for(job.slug, job.lang))

    def _resources(self, slug: str, lang: str, kind: str) -> dict:
        c = self.course
        stem = c.stem(slug)
        alternates = [
            {"url": f"../{other}/{stem}{DECK_SUFFIX if kind == 'deck' else PAGE_SUFFIX}",
             "html_lang": HTML_LANG[other], "label": ui_table(other)["language_name"]}
            for other in c.languages if other != lang
        ]
        return {
            "miss": {
                "html_lang": HTML_LANG[lang],
                "vendor": f"../{LIB}",
                "ui": ui_table(lang),
                "index_url": f"../{index_name(lang, c.languages[0])}",
                "progress_url": f"../{progress_name(lang, c.languages[0])}",
                "record_url": f"../{record_name(lang, c.languages[0])}?lesson={slug}",
                "slides_url": f"{stem}{DECK_SUFFIX}" if kind == "page" else "",
                "scroll_url": f"{stem}{DECK_SUFFIX}?view=scroll",
                "page_url": f"{stem}{PAGE_SUFFIX}" if kind == "deck" else "",
                "sheet_url": f"{stem}{SHEET_SUFFIX}" if kind == "page" else "",
                "alternates": alternates,
            },
        }

    def write_lesson(self, nb: nbformat.NotebookNode, slug: str, lang: str) -> tuple[Path, Path]:
        nb, shared = for_site(nb, f"{self.course.notebook_path(slug, lang)}")
        nb.metadata["title"] = pick(self.course.lesson(slug).title, lang)
        deck_path, page_path = self.paths_for(slug, lang)
        deck_path.parent.mkdir(parents=True, exist_ok=True)
        for exporter, path, kind in ((self.deck, deck_path, "deck"), (self.page, page_path, "page")):
            resources = self._resources(slug, lang, kind)
            resources["miss"]["shared"] = shared
            body, _ = exporter.from_notebook_node(nb, resources=resources)
            write_if_changed(path, share_images(body, self.out))
        return deck_path, page_path
