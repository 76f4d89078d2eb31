"""Locale: the Chinese edition teaches practice in mainland China, not in the United States.

Every Chinese text a learner or a Chinese-speaking instructor reads (the zh notebooks' cells
and outputs, every ``zh`` string of the course file, the quizzes, the glossary and the
package's data files, and the Chinese diagrams) is searched for words that belong to US
practice. Each entry of ``US_ONLY`` says what to write instead. Reference lists are left out:
a cited English title may name anything.

The parity check keeps the two editions' structure mirrored; what a cell says inside may differ
where the locale needs it (120 and a family member taking the patient home, say), and this
check is what keeps those differences from sliding back to US practice.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..readability import cell_tags, read_notebook, to_plain
from ..sourcefile import read_yaml
from .integrity import yaml_strings
from .sources import Problems, check, rel

LANG = "zh"

# (pattern, what it is, what to write instead). Matched on the text with HTML tags removed,
# case-insensitively; Chinese split by spaces is joined first.
US_ONLY: tuple[tuple[str, str, str], ...] = (
    (r"(?<![\d.])9\s*1\s*1(?![\d.])", "911 (the US emergency number)", "120"),
    (r"(?<![a-z])tylenol(?![a-z])", "a US brand name (Tylenol)", "对乙酰氨基酚"),
    (r"(?<![a-z])(advil|motrin)(?![a-z])", "a US brand name (Advil, Motrin)", "布洛芬"),
    (r"(?<![a-z])aleve(?![a-z])", "a US brand name (Aleve)", "萘普生"),
    (r"insurance card|保险卡", "US 'insurance card' wording", "医保卡"),
    (r"(必须|一定要|需要|得)有人开车送[您你]", "the US rule 'someone must drive you home'",
     "家人陪您回家（打车或家人开车），您自己不要开车"),
    (r"(?<![a-z])(medicare|medicaid)(?![a-z])", "a US insurance programme", "医保"),
)
_COMPILED = [(re.compile(p, re.I), what, instead) for p, what, instead in US_ONLY]
_SPACED_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_TAG = re.compile(r"<[^>]+>")


def findings(text: str) -> list[str]:
    """What in ``text`` belongs to US practice, each with what to write instead."""
    plain = _SPACED_HAN.sub("", _TAG.sub(" ", text))
    found = []
    for pattern, what, instead in _COMPILED:
        m = pattern.search(plain)
        if m:
            found.append(f"{what} {m.group(0)!r}: write {instead}")
    return found


def _yaml_places(path: Path) -> Iterator[tuple[str, str]]:
    for place, value in yaml_strings(read_yaml(path), ""):
        if place.endswith(f".{LANG}") or f".{LANG}[" in place or place.startswith(f"{LANG}.") or place == LANG:
            yield place, value


def _notebook_places(path: Path) -> Iterator[tuple[str, str]]:
    nb = read_notebook(path)
    for i, cell in enumerate(nb.cells):
        if "references" in cell_tags(cell):
            continue
        if cell.cell_type == "markdown":
            yield f"cell {i}", to_plain(cell.source)
        for out in cell.get("outputs", []):
            for mime in ("text/html", "text/plain"):
                value = out.get("data", {}).get(mime)
                if value:
                    yield f"cell {i} (output)", value if isinstance(value, str) else "".join(value)


def sources(root: Path) -> Iterator[tuple[Path, Iterator[tuple[str, str]]]]:
    """Each Chinese source file and its (place, text) pieces."""
    yamls = [root / "course.yml", root / "glossary.yml", *sorted((root / "quizzes").glob("*.yml")),
             *sorted((root / "misscourse").glob("**/*.yml"))]
    for path in yamls:
        if path.exists():
            yield path, _yaml_places(path)
    for path in sorted((root / "notebooks" / LANG).glob("*.ipynb")):
        yield path, _notebook_places(path)
    for path in sorted((root / "assets").glob(f"**/*.{LANG}.svg")):
        yield path, iter([("text", path.read_text(encoding="utf-8"))])


@check
def locale(root: Path) -> Problems:
    problems: Problems = []
    for path, places in sources(root):
        for place, text in places:
            for finding in findings(text):
                problems.append(f"{rel(path, root)}: {place}: {finding}")
    return problems
