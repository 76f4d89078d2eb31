"""Where each kind of page lives in the site folder, so that every writer links to the same names."""

from __future__ import annotations

LIB = "lib"  # the site's folder for shared scripts and styles
DECK_SUFFIX = ".slides.html"
PAGE_SUFFIX = ".html"
GUIDE_SUFFIX = ".guide.html"
SHEET_SUFFIX = ".handout.html"  # a lesson's take-home sheet (takehome.py)
SCREENSHOTS = "screenshots"


def index_name(lang: str, default: str) -> str:
    return "index.html" if lang == default else f"index.{lang}.html"


def progress_name(lang: str, default: str) -> str:
    return "progress.html" if lang == default else f"progress.{lang}.html"
