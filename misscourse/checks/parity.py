"""Parity of the languages: every course language teaches the same lessons, built the same way.

English is the reference. For every other language of the course (``course.yml: languages``)
and every lesson (plus the other notebooks of ``notebooks/en/``, such as the progress page):

- the notebook exists, and no notebook in the language's folder is missing from English;
- the same cell structure: cell types, tags and slide types, cell by cell, in order;
- the same number of ``##`` section headers, and the same heading levels in each cell (cells
  matched by structure, so that one missing cell is one problem, not one for every later cell);
- the same quizzes (``L.quiz(...)``, an empty call meaning the lesson's first quiz) and the same
  diagrams (``L.diagram(...)``), in order; the other code cells (``L.header()``,
  ``show_progress("zh")`` ...) the same as in English but for the language's name;
- the set-up line ``lesson("<slug>", "<lang>")`` names the lesson and the language of its file.
"""

from __future__ import annotations

import ast
import difflib
import re
from pathlib import Path
from typing import NamedTuple

from ..course import Course
from ..readability import cell_tags, read_notebook
from ..text import DEFAULT_LANGUAGE
from .sources import Problems, check, course_at, rel

_FENCE = re.compile(r"```.*?```|~~~.*?~~~", re.S)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S", re.M)
_CALL = re.compile(r"\b(L\.\w+|lesson)\s*\(")


class Cell(NamedTuple):
    """What parity compares of one cell."""
    kind: str
    tags: tuple[str, ...]
    slide: str

    def __str__(self) -> str:
        return f"{self.kind} cell, tags [{', '.join(self.tags)}], slide type {self.slide or '-'}"


class Call(NamedTuple):
    """A call in a code cell: ``L.quiz`` / ``L.diagram`` / ``lesson`` ... and its string arguments."""
    cell: int
    name: str
    args: tuple[str, ...]


def cell_structure(nb) -> list[Cell]:
    return [Cell(c.cell_type, tuple(sorted(cell_tags(c))),
                 c.get("metadata", {}).get("slideshow", {}).get("slide_type") or "")
            for c in nb.cells]


def align(nb, ref_nb) -> dict[int, int]:
    """Which English cell each cell of a translation stands for: cell i -> English cell j. Cells are
    matched by their structure (type, tags, slide type), so one missing or extra cell does not put
    every later cell out of step; cells with no counterpart are left out."""
    mine, theirs = cell_structure(nb), cell_structure(ref_nb)
    if mine == theirs:
        return {i: i for i in range(len(mine))}
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    return {a + k: b + k for a, b, size in matcher.get_matching_blocks() for k in range(size)}


def heading_levels(source: str) -> list[int]:
    """Levels of the markdown headings of a cell, in order (fenced code left out)."""
    return [len(m.group(1)) for m in _HEADING.finditer(_FENCE.sub("", source))]


def _string_args(node: ast.Call) -> tuple[str, ...]:
    values = [*node.args, *(k.value for k in node.keywords)]
    return tuple(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else ast.unparse(v)
                 for v in values)


def calls(nb) -> list[Call]:
    """Every ``L.<name>(...)`` and ``lesson(...)`` call of the notebook's code cells."""
    found: list[Call] = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:            # IPython magics: fall back to the names alone
            found += [Call(i, m.group(1), ("?",)) for m in _CALL.finditer(cell.source)]
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "L":
                found.append(Call(i, f"L.{f.attr}", _string_args(node)))
            elif isinstance(f, ast.Name) and f.id == "lesson":
                found.append(Call(i, "lesson", _string_args(node)))
    return sorted(found, key=lambda c: c.cell)


def quiz_ids(found: list[Call], course: Course, slug: str | None) -> list[str]:
    """The quiz each ``L.quiz(...)`` call shows (no argument: the lesson's first quiz)."""
    default = "?"
    if slug in course.slugs:
        info = course.lesson(slug)
        default = info.quizzes[0] if info.quizzes else slug
    return [c.args[0] if c.args else default for c in found if c.name == "L.quiz"]


def _names(found: list[Call], name: str) -> list[str]:
    return [c.args[0] if c.args else "" for c in found if c.name == name]


def other_code(nb, lang: str, ref_lang: str) -> list[str]:
    """The code cells that show no quiz and no diagram, the language's name written as the
    reference language's: they must be the same in every language."""
    lit = re.compile(r"""(["'])%s\1""" % re.escape(lang))
    return [" ".join(lit.sub(lambda m: m.group(1) + ref_lang + m.group(1), c.source).split())
            for c in nb.cells
            if c.cell_type == "code" and not re.search(r"\bL\.(quiz|diagram)\s*\(", c.source)]


def _show(items: list) -> str:
    return "[" + ", ".join(map(str, items)) + "]"


def compare(path: Path, ref: Path, root: Path, course: Course, slug: str | None, lang: str) -> Problems:
    """Problems of ``path`` (a translation) against ``ref`` (its English notebook)."""
    where, ref_where = rel(path, root), rel(ref, root)
    nb, ref_nb = read_notebook(path), read_notebook(ref)
    problems: Problems = []

    mine, theirs = cell_structure(nb), cell_structure(ref_nb)
    if mine != theirs:
        i = next((k for k, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
        here = str(mine[i]) if i < len(mine) else "no cell"
        there = str(theirs[i]) if i < len(theirs) else "no cell"
        problems.append(f"{where}: cell structure differs from {ref_where} ({len(mine)} cells vs "
                        f"{len(theirs)}); first difference at cell {i}: {here}, where English has {there}")

    def count(cells) -> int:
        return sum(heading_levels(c.source).count(2) for c in cells if c.cell_type == "markdown")

    if count(nb.cells) != count(ref_nb.cells):
        problems.append(f"{where}: {count(nb.cells)} '##' section headers, {ref_where} has {count(ref_nb.cells)}")
    for i, j in sorted(align(nb, ref_nb).items()):
        a, b = nb.cells[i], ref_nb.cells[j]
        if a.cell_type == b.cell_type == "markdown":
            la, lb = heading_levels(a.source), heading_levels(b.source)
            if la != lb:
                problems.append(f"{where}: cell {i}: headings of levels {la}, English cell {j} has {lb}")

    found, ref_found = calls(nb), calls(ref_nb)
    qa, qb = quiz_ids(found, course, slug), quiz_ids(ref_found, course, slug)
    if qa != qb:
        problems.append(f"{where}: quizzes {_show(qa)} (L.quiz calls), English has {_show(qb)}")
    da, db = _names(found, "L.diagram"), _names(ref_found, "L.diagram")
    if da != db:
        problems.append(f"{where}: diagrams {_show(da)} (L.diagram calls), English has {_show(db)}")
    oa, ob = other_code(nb, lang, DEFAULT_LANGUAGE), other_code(ref_nb, DEFAULT_LANGUAGE, DEFAULT_LANGUAGE)
    if oa != ob:
        diff = next((k for k, (a, b) in enumerate(zip(oa, ob)) if a != b), min(len(oa), len(ob)))
        problems.append(f"{where}: other code cells differ from English (language aside): "
                        f"{oa[diff] if diff < len(oa) else 'none'!r} where English has "
                        f"{ob[diff] if diff < len(ob) else 'none'!r}")
    for c in found:
        if c.name == "lesson" and slug is not None and c.args[:2] != (slug, lang):
            problems.append(f"{where}: cell {c.cell}: lesson{c.args!r} should be "
                            f"lesson({slug!r}, {lang!r}) (the file's lesson and language)")
    return problems


@check
def parity(root: Path) -> Problems:
    course = course_at(root)
    base = root / "notebooks"
    ref_lang = DEFAULT_LANGUAGE
    problems: Problems = []
    stems = {course.stem(slug): slug for slug in course.slugs}
    # lessons first, in course order, then the other notebooks of the English folder
    extras = sorted(p.stem for p in (base / ref_lang).glob("*.ipynb") if p.stem not in stems)
    names: list[tuple[str, str | None]] = [(s, slug) for s, slug in stems.items()] + [(s, None) for s in extras]
    for lang in course.languages:
        folder = base / lang
        for stem, slug in names:
            path, ref = folder / f"{stem}.ipynb", base / ref_lang / f"{stem}.ipynb"
            what = f"lesson {slug!r}" if slug else "not a lesson, but in the English folder"
            if not path.exists():
                problems.append(f"{rel(path, root)}: notebook missing ({what})")
            elif lang != ref_lang and ref.exists():
                problems += compare(path, ref, root, course, slug, lang)
        known = {stem for stem, _ in names}
        for path in sorted(folder.glob("*.ipynb")):
            if path.stem not in known:
                problems.append(f"{rel(path, root)}: not a lesson of course.yml and not in "
                                f"notebooks/{ref_lang}/ (a lesson missing in English, or a stray file)")
    return problems
