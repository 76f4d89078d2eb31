"""Where each kind of page lives in the site folder, so that every writer links to the same names."""

from __future__ import annotations

LIB = "lib"  # the site's folder for shared scripts and styles
DECK_SUFFIX = ".slides.html"
PAGE_SUFFIX = ".html"
GUIDE_SUFFIX = ".guide.html"
SHEET_SUFFIX = ".handout.html"  # a lesson's take-home sheet (takehome.py)
SCREENSHOTS = "screenshots"
# A deck's scripts carry this type, which a browser neither fetches nor runs, until the deck's
# first paint starts them (templates/course_common.j2, later_loader)
LATER_TYPE = "miss/later"


def index_name(lang: str, default: str) -> str:
    return "index.html" if lang == default else f"index.{lang}.html"


def progress_name(lang: str, default: str) -> str:
    return "progress.html" if lang == default else f"progress.{lang}.html"


def class_name(lang: str, default: str) -> str:
    """The instructors' class view: several learners' progress files at once (class_view.py)."""
    return "class.html" if lang == default else f"class.{lang}.html"


def record_name(lang: str, default: str) -> str:
    """A learner's education record, to print (education_record.py)."""
    return "record.html" if lang == default else f"record.{lang}.html"
