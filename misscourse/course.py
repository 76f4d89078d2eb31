"""The course file (``course.yml``): lesson order, titles, times, objectives, shared notices.

It is the only list of lessons: notebooks, the index page and the build all read it here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import Field, field_validator, model_validator

from . import paths
from .sourcefile import SourceError, Strict, check_slug, read_yaml, validate
from .text import LANGUAGES, Text, TextList, pick


class Lesson(Strict):
    slug: str
    title: Text
    minutes: int = Field(ge=1, le=60)
    objectives: TextList
    quizzes: list[str] = []

    @field_validator("slug")
    @classmethod
    def _slug(cls, v: str) -> str:
        return check_slug(v, "slug")


class Plan(Strict):
    id: str
    title: Text
    lessons: list[str]
    minutes: Optional[int] = Field(default=None, ge=1)  # the class's length, when it has a fixed slot


class WarningSigns(Strict):
    title: Text
    care_team_heading: Text
    care_team: TextList
    emergency_heading: Text
    emergency: TextList
    source: Text


class Course(Strict):
    version: str
    title: Text
    subtitle: Text
    languages: list[str]
    notice: Text
    lessons: list[Lesson]
    warning_signs: WarningSigns
    plans: list[Plan] = []

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: list[str]) -> list[str]:
        bad = [lang for lang in v if lang not in LANGUAGES]
        if bad:
            raise ValueError(f"unknown language {bad[0]!r}")
        return v

    @model_validator(mode="after")
    def _unique(self):
        seen = set()
        for lesson in self.lessons:
            if lesson.slug in seen:
                raise ValueError(f"lesson {lesson.slug!r} is listed twice")
            seen.add(lesson.slug)
        minutes = {lesson.slug: lesson.minutes for lesson in self.lessons}
        for plan in self.plans:
            missing = [s for s in plan.lessons if s not in seen]
            if missing:
                raise ValueError(f"plan {plan.id!r} names unknown lesson {missing[0]!r}")
            total = sum(minutes[s] for s in plan.lessons)
            if plan.minutes is not None and total > plan.minutes:
                raise ValueError(f"plan {plan.id!r}: its lessons take {total} minutes, more than its {plan.minutes}")
        return self

    # -- lookups ---------------------------------------------------------------------------
    def lesson(self, slug: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.slug == slug:
                return lesson
        raise KeyError(f"no lesson {slug!r} in the course file (known: {', '.join(self.slugs)})")

    @property
    def slugs(self) -> list[str]:
        return [lesson.slug for lesson in self.lessons]

    def number(self, slug: str) -> int:
        return self.slugs.index(slug)

    def shown_number(self, slug: str) -> int:
        """The lesson's number as learners see it: the first lesson is Lesson 1."""
        return self.number(slug) + 1

    def stem(self, slug: str) -> str:
        """File name stem of a lesson notebook: its place in the course, then its slug."""
        return f"{self.number(slug):02d}-{slug}"

    def notebook_path(self, slug: str, lang: str, root: Path | None = None) -> Path:
        base = (root or paths.root()) / "notebooks"
        return base / lang / f"{self.stem(slug)}.ipynb"

    def title_of(self, slug: str, lang: str) -> str:
        return pick(self.lesson(slug).title, lang)


def load_course(path: Path | None = None) -> Course:
    path = Path(path) if path else paths.course_file()
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, None, "expected a mapping at the top of the course file")
    return validate(Course, data, path)


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> Course:
    return load_course(Path(path))


def course() -> Course:
    """The course file, read once per change of the file."""
    path = paths.course_file()
    return _cached(str(path), path.stat().st_mtime if path.exists() else 0.0)
