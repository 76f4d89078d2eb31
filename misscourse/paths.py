"""Where the course's sources live.

The package is installed in editable mode from the repository, so the sources sit one level
above it. ``MISSCOURSE_ROOT`` points elsewhere (tests use it to work on a copy).
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
TEMPLATES_DIR = PACKAGE_DIR / "templates"


def root() -> Path:
    env = os.environ.get("MISSCOURSE_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent


def course_file() -> Path:
    return root() / "course.yml"


def quizzes_dir() -> Path:
    return root() / "quizzes"


def notebooks_dir() -> Path:
    return root() / "notebooks"


def assets_dir() -> Path:
    return root() / "assets"


def glossary_file() -> Path:
    return root() / "glossary.yml"
