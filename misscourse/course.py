"""The course file (``course.yml``): lesson order, titles, times, objectives, shared notices,
the hospital's local settings (``local``) and the warning-signs action plan (``stoplight``).

It is the only list of lessons: notebooks, the index page and the build all read it here.
Text shown to learners may hold ``{emergency}`` and ``{care_team_phone}``;
:meth:`Course.fill` puts the local numbers in.
"""

from __future__ import annotations

import re
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


# -- local settings: what a hospital changes once ------------------------------------------------
PLACEHOLDERS = ("emergency", "care_team_phone")
BLANK_LINE = "________"
_FIELD = re.compile(r"\{([^{}]*)\}")
_PHONE = re.compile(r"^[0-9+()\-. /]*$")


def _check_local_text(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {unknown[0]!r} (use {', '.join(LANGUAGES)})")
    return {lang: (text or "").strip() for lang, text in value.items()}


class Local(Strict):
    """The hospital's name, the care team's phone line and the emergency number per language."""

    hospital: dict[str, Optional[str]] = {}
    care_team_phone: str = ""
    emergency_number: dict[str, str] = {"en": "911", "zh": "120"}
    mastery_score: int = Field(default=80, ge=0, le=100)  # SCORM: the share of right first tries that passes

    @field_validator("hospital")
    @classmethod
    def _hospital(cls, v):
        return _check_local_text(v)

    @field_validator("care_team_phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        v = (v or "").strip()
        if not _PHONE.match(v):
            raise ValueError(f"care_team_phone {v!r}: use digits, spaces and + ( ) - . / only")
        return v

    @field_validator("emergency_number")
    @classmethod
    def _emergency(cls, v: dict[str, str]) -> dict[str, str]:
        v = {lang: str(number).strip() for lang, number in _check_local_text(v).items()}
        if not v.get("en"):
            raise ValueError("emergency_number: the English edition's number ('en') is missing")
        bad = [f"{lang}: {n!r}" for lang, n in v.items() if not n.isdigit()]
        if bad:
            raise ValueError(f"emergency_number must be digits only ({bad[0]})")
        return v

    def emergency(self, lang: str) -> str:
        """The emergency number of a language's edition: 911 for English, 120 for Chinese, unless set."""
        return self.emergency_number.get(lang) or self.emergency_number["en"]

    def hospital_name(self, lang: str) -> str:
        """The hospital's name in ``lang`` (or English); empty when it is not set."""
        return self.hospital.get(lang) or self.hospital.get("en") or ""

    def phone_or_blank(self) -> str:
        return self.care_team_phone or BLANK_LINE


# -- the stoplight: warning signs as an action plan -----------------------------------------------
ZONE_ORDER = ("green", "yellow", "red")


class Sign(Strict):
    id: str
    text: Text
    notes: Optional[Text] = None        # for instructors: sources and why the sign is in this zone

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        return check_slug(v, "sign id")


class Zone(Strict):
    id: str                             # green, yellow, red (the plan checks the order)
    heading: Text
    action: Text
    signs: list[Sign] = Field(min_length=1)


class Stoplight(Strict):
    title: Text
    zones: list[Zone]
    source: Text

    @model_validator(mode="after")
    def _shape(self):
        ids = tuple(z.id for z in self.zones)
        if ids != ZONE_ORDER:
            raise ValueError(f"stoplight.zones must be exactly green, yellow, red in that order "
                             f"(found {', '.join(ids) or 'none'})")
        where: dict[str, str] = {}
        for zone in self.zones:
            for sign in zone.signs:
                if sign.id in where:
                    other = where[sign.id]
                    raise ValueError(f"sign {sign.id!r} is listed twice in zone {other!r}" if other == zone.id
                                     else f"sign {sign.id!r} is listed in two zones: {other!r} and {zone.id!r}")
                where[sign.id] = zone.id
        for field, text in self.texts():
            for lang, words in text.items():
                for name in _FIELD.findall(words):
                    if name not in PLACEHOLDERS:
                        raise ValueError(f"stoplight.{field} ({lang}): unknown placeholder {{{name}}} "
                                         f"(use {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
        return self

    def texts(self):
        """Every learner-facing text of the plan, with where it sits."""
        yield "title", self.title
        for zone in self.zones:
            yield f"zones.{zone.id}.heading", zone.heading
            yield f"zones.{zone.id}.action", zone.action
            for sign in zone.signs:
                yield f"zones.{zone.id}.signs.{sign.id}", sign.text
        yield "source", self.source

    def zone(self, zone_id: str) -> Zone:
        for zone in self.zones:
            if zone.id == zone_id:
                return zone
        raise KeyError(f"no stoplight zone {zone_id!r} (the zones are {', '.join(ZONE_ORDER)})")

    @property
    def signs(self) -> dict[str, Sign]:
        return {sign.id: sign for zone in self.zones for sign in zone.signs}

    def zone_of(self, sign_id: str) -> str:
        """The zone ("green", "yellow" or "red") that lists the sign ``sign_id``."""
        for zone in self.zones:
            if any(sign.id == sign_id for sign in zone.signs):
                return zone.id
        raise KeyError(f"no sign {sign_id!r} in the stoplight of course.yml "
                       f"(known: {', '.join(self.signs)})")


class Course(Strict):
    version: str
    title: Text
    subtitle: Text
    languages: list[str]
    notice: Text
    lessons: list[Lesson]
    local: Local = Local()
    stoplight: Stoplight
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

    # -- local settings ----------------------------------------------------------------------
    def fill(self, text, lang: str) -> str:
        """``text`` (a string, or text in several languages) with ``{emergency}`` and
        ``{care_team_phone}`` filled in from the local settings (a blank line when no phone is set)."""
        words = pick(text, lang) if isinstance(text, dict) else text
        values = {"emergency": self.local.emergency(lang), "care_team_phone": self.local.phone_or_blank()}

        def one(match: re.Match) -> str:
            name = match.group(1)
            if name not in values:
                raise ValueError(f"unknown placeholder {{{name}}} in {words!r} "
                                 f"(use {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
            return values[name]

        return _FIELD.sub(one, words)


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
