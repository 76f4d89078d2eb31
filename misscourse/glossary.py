"""The glossary (``glossary.yml``): one list of terms, each in every language of the course.

Lessons mark a term with ``<dfn>term</dfn>`` where it first appears; ``lookup`` finds its entry
by the term or one of its aliases, case-insensitively. Every error names the file, the term id
and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, field_validator

from . import paths
from .sourcefile import SourceError, Strict, check_slug, read_yaml, validate
from .text import LANGUAGES, Text

def normalize(word: str) -> str:
    """How terms are compared: case and runs of white space do not matter."""
    return " ".join(word.split()).casefold()


class Term(Strict):
    id: str
    term: Text
    aliases: dict[str, list[str]] = {}
    definition: Text

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        return check_slug(v)

    @field_validator("term", "definition")
    @classmethod
    def _every_language(cls, v: dict[str, str]) -> dict[str, str]:
        missing = [lang for lang in LANGUAGES if lang not in v]
        if missing:
            raise ValueError(f"no text in language {missing[0]!r}")
        return v

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = sorted(set(v) - set(LANGUAGES))
        if unknown:
            raise ValueError(f"unknown language {unknown[0]!r}")
        if any(not str(a).strip() for names in v.values() for a in names):
            raise ValueError("an empty alias")
        return v

    def names(self, lang: str) -> list[str]:
        """The term and its aliases in ``lang``."""
        return [self.term[lang], *self.aliases.get(lang, [])]


class Glossary(BaseModel):
    model_config = ConfigDict(frozen=True)

    terms: list[Term]
    source: str = ""

    def lookup(self, word: str, lang: str = "en") -> Term | None:
        key = normalize(word)
        for entry in self.terms:
            if any(normalize(name) == key for name in entry.names(lang)):
                return entry
        return None


def load_glossary(path: Path | None = None) -> Glossary:
    path = Path(path) if path else paths.glossary_file()
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list) or not data["terms"]:
        raise SourceError(path, None, "expected a mapping with a non-empty list 'terms'")
    terms: list[Term] = []
    owner: dict[tuple[str, str], str] = {}  # (language, normalized name) -> term id
    for i, raw in enumerate(data["terms"]):
        tid = raw.get("id") if isinstance(raw, dict) else None
        item = f"term {tid!r}" if tid else f"term {i + 1}"
        if not isinstance(raw, dict):
            raise SourceError(path, item, "a term must be a mapping with id, term, aliases, definition")
        entry = validate(Term, raw, path, item)
        if any(t.id == entry.id for t in terms):
            raise SourceError(path, item, "duplicate id")
        for lang in LANGUAGES:
            for name in entry.names(lang):
                other = owner.setdefault((lang, normalize(name)), entry.id)
                if other != entry.id:
                    raise SourceError(path, item, f"{lang} name {name!r} is already used by term {other!r}")
        terms.append(entry)
    return Glossary(terms=terms, source=str(path))


def lookup(word: str, lang: str = "en", path: Path | None = None) -> Term | None:
    """The glossary entry whose term or alias is ``word`` (case-insensitive), or None."""
    return load_glossary(path).lookup(word, lang)
