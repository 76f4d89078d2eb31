"""Content checks of the course. Each check takes the repository root (default: paths.root())
and returns a list of problems, each naming the file, the item and what is wrong; tests and the
CLI call the same functions.
"""

from __future__ import annotations

from pathlib import Path

from .coverage import coverage
from .glossary import glossary_terms
from .integrity import images, integrity, numbers, outside_links, spam
from .locale import locale
from .parity import parity
from .pemat import pemat
from .quiz_quality import quiz_quality
from .reading import reading
from .stoplight import stoplight
from .translations import translations

CHECKS = {
    "reading": reading,
    "coverage": coverage,
    "integrity": integrity,
    "glossary": glossary_terms,
    "parity": parity,
    "translations": translations,
    "locale": locale,
    "pemat": pemat,
    "stoplight": stoplight,
    "quiz-quality": quiz_quality,
}

__all__ = ["CHECKS", "run_all", "reading", "coverage", "integrity", "glossary_terms", "parity",
           "translations", "locale", "pemat", "stoplight", "quiz_quality", "spam", "outside_links", "images", "numbers"]


def run_all(root: Path | str | None = None) -> dict[str, list[str]]:
    """Every check's problems, by check name (an empty list: the check passed)."""
    return {name: fn(root) for name, fn in CHECKS.items()}
