"""What the checks read, found from one root folder (a clone of the repository, or a copy)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Callable, Iterator

from .. import paths
from ..course import Course, Lesson, load_course
from ..sourcefile import SourceError

Problems = list[str]


def resolve(root: Path | str | None) -> Path:
    return Path(root).resolve() if root else paths.root()


def rel(path: Path, root: Path) -> str:
    """A path as the problems name it: relative to the root when it lies inside."""
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


def course_at(root: Path) -> Course:
    return load_course(root / "course.yml")


def lesson_notebooks(root: Path, course: Course, lang: str) -> Iterator[tuple[Lesson, Path]]:
    """Each lesson of the course file and the path of its notebook in ``lang`` (which may be missing)."""
    for lesson in course.lessons:
        yield lesson, course.notebook_path(lesson.slug, lang, root)


def all_notebooks(root: Path) -> list[Path]:
    """Every notebook under notebooks/<lang>/, listed in the course or not."""
    return sorted((root / "notebooks").glob("*/*.ipynb"))


def check(fn: Callable[..., Problems]) -> Callable[..., Problems]:
    """Turn ``fn(root, **options)`` into ``fn(root=None, **options)``; a broken source file
    becomes a problem instead of an exception."""

    @functools.wraps(fn)
    def wrapper(root: Path | str | None = None, **options) -> Problems:
        try:
            return fn(resolve(root), **options)
        except SourceError as exc:
            return [str(exc)]

    return wrapper
