"""Read a YAML source file and validate it with a pydantic model, with errors a person can act on.

Every error names the file, the item (a lesson slug, a question id, ...) and what is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

M = TypeVar("M", bound=BaseModel)

# Lesson slugs, quiz and question ids, glossary term ids: lower-case words joined by '-'.
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_slug(value: str, what: str = "id") -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(f"{what} {value!r} must be lower-case words joined by '-'")
    return value


class Strict(BaseModel):
    """A source record: unknown keys are errors, and nothing changes it once read."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceError(ValueError):
    """A course source file (course file, quiz file, glossary, labels) is broken."""

    def __init__(self, path: Path | str, item: str | None, problem: str):
        self.path, self.item, self.problem = str(path), item, problem
        where = f"{self.path}" + (f", {item}" if item else "")
        super().__init__(f"{where}: {problem}")


# libyaml's parser when PyYAML was built with it (the same safe constructor, ten times faster)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(path, None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise SourceError(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(path, where, f"not valid YAML: {problem}") from None


def describe_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"] if not isinstance(p, int) or True)
        msg = err["msg"].removeprefix("Value error, ")
        parts.append(f"{loc}: {msg}" if loc else msg)
    return "; ".join(parts)


def validate(model: type[M], data: Any, path: Path, item: str | None = None) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SourceError(path, item, describe_validation_error(exc)) from None
