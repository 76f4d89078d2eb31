"""The site's shared files in ``lib/``: reveal.js and its plugins (declared in package.json,
installed by npm), the course's styles and scripts (``misscourse/static``), the quiz's
front-end module wrapped for the widget host, the shared styles lesson outputs inline in
JupyterLab, each language's quizzes and interface words (:mod:`.shared_data`), and the scripts
and data of the progress, record and class pages (:mod:`.progress`). Every page links them
instead of inlining them, so a browser loads each once.

Nothing third-party is committed: those files come from ``node_modules`` at build time. Source-map
comments are taken out of the copies (the site ships no maps, so a browser's developer tools
would ask for files that are not there). Files are written only when their bytes change.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import paths
from ..course import course
from .files import copy_if_changed, write_if_changed
from .names import LIB
from .progress import write_shared_files
from .shared_data import SHARED_STYLES, script_json, shared_css, write_quiz_files
from .widgets import quiz_module

# (file in node_modules, its place under <site>/lib)
FILES = [
    ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js/plugin/notes/notes.js", "reveal.js/plugin/notes/notes.js"),
    ("reveal.js/plugin/search/search.js", "reveal.js/plugin/search/search.js"),
    ("reveal.js/plugin/zoom/zoom.js", "reveal.js/plugin/zoom/zoom.js"),
]
OWN_FILES = ["quiz.css", "course.css", "course-cells.css", "course-page.css",
             "course-handout.css", "takehome.css", "widget-host.js", "read-aloud.js", "course-deck.js"]
# A deck's styles, in the order of the cascade, as one file (lib/deck.css): reveal's reset, its
# layout and its white theme (node_modules), then the course's own and the shared styles. One
# render-blocking request instead of eight is what lets a phone on a slow connection show the
# first slide early (Lighthouse's first and largest paint).
DECK_CSS = "deck.css"
REVEAL_STYLES = ["reveal.js/dist/reset.css", "reveal.js/dist/reveal.css"]
DECK_OWN_STYLES = ["course.css", "course-cells.css", "quiz.css", "course-slides.css"]
QUIZ_MODULE = "quiz-module.js"
_SOURCE_MAP = re.compile(r"\n?\s*(//|/\*)# sourceMappingURL=[^\n]*?(\*/)?\s*$")


class MissingFrontEnd(RuntimeError):
    pass


def node_modules() -> Path:
    return paths.root() / "node_modules"


def copy_libraries(site: Path) -> list[Path]:
    """Write every shared file the pages load into ``site/lib``; return their paths."""
    src_root, dest_root = node_modules(), Path(site) / LIB
    missing = [src for src, _ in FILES if not (src_root / src).exists()]
    if missing:
        raise MissingFrontEnd(
            f"{src_root}: missing {', '.join(missing)}; run 'npm ci' in {paths.root()} first")
    written = []
    for src, dest in FILES:
        text = (src_root / src).read_text(encoding="utf-8")
        write_if_changed(dest_root / dest, _SOURCE_MAP.sub("\n", text))
        written.append(dest_root / dest)
    missing_css = [src for src in REVEAL_STYLES if not (src_root / src).exists()]
    if missing_css:
        raise MissingFrontEnd(
            f"{src_root}: missing {', '.join(missing_css)}; run 'npm ci' in {paths.root()} first")
    write_if_changed(dest_root / DECK_CSS, deck_css(src_root))
    written.append(dest_root / DECK_CSS)
    for name in OWN_FILES:
        if (paths.STATIC_DIR / name).exists():
            copy_if_changed(paths.STATIC_DIR / name, dest_root / name)
            written.append(dest_root / name)
    write_if_changed(dest_root / QUIZ_MODULE, quiz_module_script())
    written.append(dest_root / QUIZ_MODULE)
    for name in SHARED_STYLES:
        write_if_changed(dest_root / name, shared_css(name))
        written.append(dest_root / name)
    c = course()
    written += write_quiz_files(dest_root, c.languages)
    for lang in c.languages:
        written += [p for p in write_shared_files(c, dest_root, lang) if p not in written]
    return written


def quiz_module_script() -> str:
    """quiz.js's text for the widget host (a classic script, so it loads from file:// too)."""
    return ("/* misscourse/static/quiz.js, the quiz's anywidget front-end, as text: lib/widget-host.js\n"
            "   imports it as an ES module from a blob: URL. */\n"
            f"window.MissQuizModuleSource = {script_json(quiz_module())};\n")


def deck_css(src_root: Path) -> str:
    """lib/deck.css: every style a deck uses, one file (see :data:`DECK_CSS`)."""
    parts = [(src, (src_root / src).read_text(encoding="utf-8")) for src in REVEAL_STYLES]
    parts.append(("reveal.js/dist/theme/white.css (no font import)",
                  theme_css(src_root / "reveal.js/dist/theme/white.css")))
    parts += [(f"misscourse/static/{name}", (paths.STATIC_DIR / name).read_text(encoding="utf-8"))
              for name in DECK_OWN_STYLES]
    parts += [(f"{name} (shared with JupyterLab's outputs)", shared_css(name)) for name in SHARED_STYLES]
    return "".join(f"/* {where} */\n{_SOURCE_MAP.sub('', css).strip()}\n" for where, css in parts)


def theme_css(white: Path) -> str:
    """reveal's white theme without its font import: the course uses the reader's system fonts."""
    return re.sub(r"@import url\([^)]*\);\s*", "", white.read_text(encoding="utf-8"))


_IMAGE_LINK = re.compile(rf"""\b{LIB}/(img/[^"'\s)?#]+)""")


def remove_stale_files(site: Path, written: list[Path]) -> list[Path]:
    """Delete the files under ``site/lib`` that the build no longer writes: shared files not in
    ``written`` (what :func:`copy_libraries` returned), and diagrams in ``lib/img`` that no page of
    the site links any more (a diagram that changed gets a new name). Nothing outside ``lib/`` is
    touched; hidden files (a write in progress) are left alone. Returns the paths removed."""
    site = Path(site)
    lib = site / LIB
    if not lib.is_dir():
        return []
    keep = {Path(p).resolve() for p in written}
    for page in site.rglob("*.html"):
        if lib not in page.parents:
            keep.update((lib / m.group(1)).resolve()
                        for m in _IMAGE_LINK.finditer(page.read_text(encoding="utf-8", errors="replace")))
    removed = []
    for path in sorted(lib.rglob("*"), reverse=True):  # files before the folders that hold them
        if path.name.startswith(".") or path.is_symlink():
            continue
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
            removed.append(path)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
