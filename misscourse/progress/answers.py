"""One answer a learner checked, as kept everywhere: the store, progress files, the browser.

The quiz front-end sends ``{course_version, lang, lesson, quiz, question, answer, correct, time}``.
Every field is checked here before it is kept, so text from a front-end message or a file can
only ever be a known language, a lesson/quiz/question name, a version, a time or a response.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from ..text import LANGUAGES

FIELDS = ("course_version", "lang", "lesson", "quiz", "question", "answer", "correct", "time")
NAME = r"^[a-z0-9]+(-[a-z0-9]+)*$"             # a quiz or question id
QUESTION = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"  # a question, or <question>/<scene> of a scenario
LESSON = r"^([a-z0-9]+(-[a-z0-9]+)*)?$"        # a lesson slug, or empty (a quiz outside a lesson)
VERSION = r"^[0-9A-Za-z.+-]{0,40}$"
MAX_NAME, MAX_INDEX, MAX_CHOICES = 80, 999, 100
RULES = {"fields": FIELDS, "name": NAME, "question": QUESTION, "lesson": LESSON, "version": VERSION,  # for progress.js
         "maxName": MAX_NAME, "maxIndex": MAX_INDEX, "maxChoices": MAX_CHOICES}

Name = Annotated[str, StringConstraints(pattern=NAME, max_length=MAX_NAME)]
Index = Annotated[int, Field(ge=0, le=MAX_INDEX)]
Response = Union[None, bool, Index, Annotated[list[Index], Field(max_length=MAX_CHOICES)]]


class InvalidAnswer(ValueError):
    """An answer record with a wrong field: ``field`` names it, ``reason`` says what is wrong."""

    def __init__(self, field: str, reason: str):
        self.field, self.reason = field, reason
        super().__init__(f"{field}: {reason}" if field else reason)


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    course_version: Annotated[str, StringConstraints(pattern=VERSION)]
    lang: Literal[LANGUAGES]  # type: ignore[valid-type]
    lesson: Annotated[str, StringConstraints(pattern=LESSON, max_length=MAX_NAME)]
    quiz: Name
    question: Annotated[str, StringConstraints(pattern=QUESTION, max_length=MAX_NAME)]
    answer: Response
    correct: bool
    time: str

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        return canonical_time(value)

    @classmethod
    def parse(cls, data) -> "Answer":
        """An answer from a dict (a front-end message or a file entry), or :class:`InvalidAnswer`."""
        if isinstance(data, Answer):
            return data
        if not isinstance(data, dict):
            raise InvalidAnswer("", f"expected an object, found {type(data).__name__}")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise InvalidAnswer(".".join(str(p) for p in err["loc"][:1]), _reason(err)) from None

    @property
    def key(self) -> tuple[str, str]:
        """The question, across the course: (quiz, question)."""
        return self.quiz, self.question

    @property
    def is_decision(self) -> bool:
        """One decision inside a scenario (question ``<id>/<scene>``), not a whole question's answer."""
        return "/" in self.question

    @property
    def response_json(self) -> str:
        return json.dumps(self.answer, separators=(",", ":"))

    def to_dict(self) -> dict:
        return self.model_dump()

    def local_time(self) -> datetime:
        return datetime.fromisoformat(self.time).astimezone()


def canonical_time(value: str) -> str:
    """An ISO time with its zone, written as the browser writes it: ``2024-05-01T09:30:00.000Z``."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not a date and time (use ISO 8601, like 2024-05-01T09:30:00.000Z)") from None
    if moment.tzinfo is None:
        raise ValueError("the time has no time zone (it must end with Z or +hh:mm)")
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def now() -> str:
    return canonical_time(datetime.now(timezone.utc).isoformat())


def _reason(err: dict) -> str:
    kind, value = err["type"], err.get("input")
    shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "not a field of an answer"
    if kind == "string_pattern_mismatch":
        return f"text {shown} is not allowed here"
    if err["loc"][0] == "answer":
        return f"{shown} is not a quiz answer (true or false, a number or a list of numbers)"
    if kind == "literal_error":
        return f"{shown} is not one of the course's languages ({', '.join(LANGUAGES)})"
    return err["msg"].removeprefix("Value error, ") + (f" (found {shown})" if kind != "value_error" else "")
