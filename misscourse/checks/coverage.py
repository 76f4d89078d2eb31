"""Coverage: every fact group of the content brief is taught where ``data/coverage.yml`` says.

Each entry names a fact group (1-16), a lesson, a section heading per language and key phrases
per language (lower-case; alternatives separated by '|'). A section runs from its heading to the
next heading of the same or a higher level; its patient markdown and the outputs of its code
cells (the warning-signs box, for example) count.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .. import paths
from ..readability import is_private, output_text, read_notebook, to_plain
from ..sourcefile import read_yaml, validate
from .sources import Problems, check, course_at, rel

COVERAGE_FILE = paths.PACKAGE_DIR / "data" / "coverage.yml"
FACT_GROUPS = range(1, 17)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


class Place(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    fact: int = Field(ge=1, le=16)
    title: str
    lesson: str
    section: dict[str, str]
    phrases: dict[str, list[str]]


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    places: list[Place]


def load_coverage(path: Path | None = None) -> Coverage:
    path = path or COVERAGE_FILE
    return validate(Coverage, read_yaml(path), path)


def normalize(text: str) -> str:
    """Lower case, dashes as spaces, one space between words: how phrases are compared."""
    text = text.casefold().replace("\u2019", "'")
    return " ".join(re.sub(r"[-\u2010\u2011\u2013\u2014]", " ", text).split())


def sections(notebook) -> dict[str, str]:
    """Normalized heading of every patient section -> its normalized patient text and outputs."""
    blocks: list[tuple[int, str, bool] | str] = []   # (level, heading, patient) or text
    for cell in read_notebook(notebook).cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                m = _HEADING.match(line)
                if m:
                    blocks.append((len(m.group(1)), normalize(to_plain(m.group(2))), not is_private(cell)))
                elif not is_private(cell):
                    blocks.append(line)
        elif cell.cell_type == "code" and not is_private(cell):
            blocks.append(output_text(cell))
    found: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if isinstance(block, tuple) and block[2]:
            level, texts = block[0], []
            for later in blocks[i + 1:]:
                if isinstance(later, tuple):
                    if later[0] <= level:
                        break
                else:
                    texts.append(later)
            found.setdefault(block[1], normalize(to_plain("\n".join(texts))))
    return found


@check
def coverage(root: Path, places_file: Path | None = None) -> Problems:
    course = course_at(root)
    problems: Problems = []
    places = load_coverage(places_file).places
    missing = sorted(set(FACT_GROUPS) - {p.fact for p in places})
    if missing:
        problems.append(f"coverage.yml: fact groups {missing} have no place")
    cache: dict[Path, dict[str, str] | None] = {}
    for place in places:
        label = f"fact {place.fact} ({place.title})"
        if place.lesson not in course.slugs:
            problems.append(f"coverage.yml: {label}: lesson {place.lesson!r} is not in course.yml")
            continue
        for lang in course.languages:
            if lang not in place.section or lang not in place.phrases:
                problems.append(f"coverage.yml: {label}: no {lang} section or phrases")
                continue
            path = course.notebook_path(place.lesson, lang, root)
            if path not in cache:
                cache[path] = sections(path) if path.exists() else None
            found = cache[path]
            where = rel(path, root)
            if found is None:
                problems.append(f"{where}: notebook missing ({label} is taught in it)")
                continue
            text = found.get(normalize(place.section[lang]))
            if text is None:
                problems.append(f"{where}: no section {place.section[lang]!r} ({label}); "
                                f"sections: {', '.join(found) or 'none'}")
                continue
            for phrase in place.phrases[lang]:
                if not any(normalize(alt) in text for alt in phrase.split("|")):
                    problems.append(f"{where}: section {place.section[lang]!r}: {label}: "
                                    f"phrase {phrase!r} not found")
    return problems
