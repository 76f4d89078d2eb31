"""``labels.yml``: every word shown in or about a diagram, in every language of the course.

Each diagram has a title, alt text, a caption and its labels, all in English and Chinese, and
may name its sources (``source``), written into the SVG's ``<metadata>``.
Errors name the file, the diagram and the label key.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Iterable, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, field_validator

from ..sourcefile import SourceError, read_yaml, validate
from ..text import LANGUAGES, Text

LABELS_FILE = Path(__file__).resolve().parent / "labels.yml"
KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def _every_language(value: dict[str, str]) -> dict[str, str]:
    missing = [lang for lang in LANGUAGES if lang not in value]
    if missing:
        raise ValueError(f"the {missing[0]!r} text is missing")
    return value


Words = Annotated[Text, AfterValidator(_every_language)]


class DiagramLabels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Words
    alt: Words
    caption: Words
    source: Optional[Words] = None      # where the facts in the picture come from (in <metadata>)
    labels: dict[str, Words] = {}

    @field_validator("labels")
    @classmethod
    def _keys(cls, value: dict) -> dict:
        for key in value:
            if not KEY.match(key):
                raise ValueError(f"label key {key!r} must be lower-case words joined by '_'")
        return value


class LabelBook:
    """The validated labels file; look-ups name the file, the diagram and the key."""

    def __init__(self, path: Path, diagrams: dict[str, DiagramLabels]):
        self.path, self.diagrams = path, diagrams

    def entry(self, name: str) -> DiagramLabels:
        try:
            return self.diagrams[name]
        except KeyError:
            raise SourceError(self.path, name, "no entry for this diagram") from None

    def label(self, name: str, key: str, lang: str) -> str:
        words = self.entry(name).labels.get(key)
        if words is None:
            raise SourceError(self.path, name, f"label {key!r} is missing under 'labels'")
        return words[lang]

    def labeller(self, name: str, lang: str):
        """A function ``key -> text`` for one diagram in one language."""
        return lambda key: self.label(name, key, lang)


def load_labels(path: Path | str = LABELS_FILE, names: Iterable[str] | None = None) -> LabelBook:
    """Read and validate a labels file; with ``names``, every diagram must have an entry."""
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, None, "expected a mapping of diagram name to its words")
    diagrams = {str(name): validate(DiagramLabels, entry, path, str(name))
                for name, entry in data.items()}
    if names is not None:
        names = list(names)
        for name in names:
            if name not in diagrams:
                raise SourceError(path, name, "no entry for this diagram")
        unknown = sorted(set(diagrams) - set(names))
        if unknown:
            raise SourceError(path, unknown[0],
                              f"not a diagram (known: {', '.join(names)})")
    return LabelBook(path, diagrams)


@lru_cache(maxsize=4)
def cached(path: str, mtime: float, names: tuple[str, ...]) -> LabelBook:
    return load_labels(Path(path), names)
