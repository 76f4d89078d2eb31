"""Copy the front-end libraries (declared in package.json, installed by npm) into the site folder.

Nothing third-party is committed: the files come from ``node_modules`` at build time.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .. import paths
from .names import LIB

# (file or folder in node_modules, its place under <site>/lib)
FILES = [
    ("reveal.js/dist/reveal.js", "reveal.js/dist/reveal.js"),
    ("reveal.js/dist/reveal.css", "reveal.js/dist/reveal.css"),
    ("reveal.js/dist/reset.css", "reveal.js/dist/reset.css"),
    ("reveal.js/plugin/notes", "reveal.js/plugin/notes"),
    ("requirejs/require.js", "require.js"),
    ("jquery/dist/jquery.min.js", "jquery.min.js"),
    ("anywidget/dist/index.js", "anywidget/index.js"),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", "html-manager/embed-amd.js"),
]
FONT_FILES = re.compile(r"^[0-9a-f]{20}\.(woff2?|ttf|eot|svg)$")  # html-manager's icon fonts
OWN_STYLES = ["quiz.css", "course.css", "course-slides.css", "course-page.css", "course-handout.css"]
THEME = "course-white"


class MissingFrontEnd(RuntimeError):
    pass


def node_modules() -> Path:
    return paths.root() / "node_modules"


def copy_libraries(site: Path) -> list[Path]:
    """Copy every file the pages load into ``site/lib``; return the paths written."""
    src_root, dest_root = node_modules(), site / LIB
    missing = [src for src, _ in FILES if not (src_root / src).exists()]
    if missing:
        raise MissingFrontEnd(
            f"{src_root}: missing {', '.join(missing)}; run 'npm ci' in {paths.root()} first")
    written = []
    for src, dest in FILES:
        written += _copy(src_root / src, dest_root / dest)
    html_manager = src_root / "@jupyter-widgets/html-manager/dist"
    for font in sorted(html_manager.iterdir()):
        if FONT_FILES.match(font.name):
            written += _copy(font, dest_root / "html-manager" / font.name)
    written.append(_write_theme(src_root / "reveal.js/dist/theme/white.css",
                                dest_root / f"reveal.js/dist/theme/{THEME}.css"))
    for name in OWN_STYLES:
        written += _copy(paths.STATIC_DIR / name, dest_root / name)
    return written


def _copy(src: Path, dest: Path) -> list[Path]:
    if src.is_dir():
        out = []
        for child in sorted(src.iterdir()):
            out += _copy(child, dest / child.name)
        return out
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not dest.exists() or dest.stat().st_size != src.stat().st_size or dest.stat().st_mtime < src.stat().st_mtime:
        shutil.copy2(src, dest)
    return [dest]


def _write_theme(white: Path, dest: Path) -> Path:
    """reveal's white theme without its font import: the course uses the reader's system fonts."""
    css = white.read_text(encoding="utf-8")
    css = re.sub(r"@import url\([^)]*\);\s*", "", css)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("/* reveal.js white theme, font import removed for offline use */\n" + css, encoding="utf-8")
    return dest
