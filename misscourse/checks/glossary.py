"""Glossary terms: every term a lesson marks with <dfn> has an entry in the glossary, in the
lesson's language; and every language of the course uses the glossary's own words for them.

Consistency (each course language other than English, each lesson): for every glossary entry whose
English term or alias the English lesson marks with <dfn> in cell i, the translated lesson uses the
entry's term or one of its aliases in that language, and marks it with <dfn> in the same cell i;
and it marks no term in a cell where English does not mark it. So the languages introduce the
same terms at the same place, in the glossary's words. (Cells are matched as the parity check
matches them; a cell with no English counterpart is the parity check's problem.)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..glossary import Glossary, load_glossary, normalize
from ..readability import read_notebook, to_plain
from ..text import DEFAULT_LANGUAGE, LANGUAGES
from .parity import align
from .sources import Problems, all_notebooks, check, course_at, lesson_notebooks, rel

DFN = re.compile(r"<dfn\b[^>]*>(.*?)</dfn>", re.I | re.S)


def dfn_terms(markdown: str) -> list[str]:
    return [" ".join(to_plain(m).split()) for m in DFN.findall(markdown)]


def marked(nb, glossary: Glossary, lang: str) -> dict[int, dict[str, str]]:
    """Cell index -> {glossary entry id: the marked word} of the <dfn> terms of each markdown cell."""
    found: dict[int, dict[str, str]] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            for term in dfn_terms(cell.source):
                entry = glossary.lookup(term, lang)
                if entry is not None:
                    found.setdefault(i, {}).setdefault(entry.id, term)
    return found


def consistency(root: Path, glossary: Glossary) -> Problems:
    """Each translated lesson uses and marks the glossary's words where English marks a term."""
    course = course_at(root)
    by_id = {t.id: t for t in glossary.terms}
    problems: Problems = []
    for lang in course.languages:
        if lang == DEFAULT_LANGUAGE:
            continue
        for (lesson, path), (_, ref) in zip(lesson_notebooks(root, course, lang),
                                            lesson_notebooks(root, course, DEFAULT_LANGUAGE)):
            if not path.exists() or not ref.exists():
                continue                  # the parity check reports missing notebooks
            nb, ref_nb, where = read_notebook(path), read_notebook(ref), rel(path, root)
            text = normalize(to_plain("\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")))
            mine = marked(nb, glossary, lang)
            theirs = marked(ref_nb, glossary, DEFAULT_LANGUAGE)
            to_en = align(nb, ref_nb)                      # cell i of the translation -> English cell j
            to_mine = {j: i for i, j in to_en.items()}
            for j, entries in sorted(theirs.items()):
                i = to_mine.get(j)
                cell = f"cell {i}" if i == j else f"English cell {j}" + (f" (cell {i} here)" if i is not None else
                                                                           " (no such cell here)")
                for tid, en_word in entries.items():
                    if i is not None and tid in mine.get(i, {}):
                        continue
                    names = by_id[tid].names(lang)
                    shown = " / ".join(names)
                    if not any(normalize(n) in text for n in names):
                        problems.append(f"{where}: {cell}: English marks <dfn>{en_word}</dfn>, but the "
                                        f"lesson never uses the glossary's {lang} word for it ({shown})")
                    elif i is not None:
                        problems.append(f"{where}: {cell}: English marks <dfn>{en_word}</dfn> here; "
                                        f"mark the glossary's {lang} word ({shown}) with <dfn> in this cell")
            for i, entries in sorted(mine.items()):
                j = to_en.get(i)
                if j is None:
                    continue                              # a cell English does not have: parity says so
                for tid, word in entries.items():
                    if tid not in theirs.get(j, {}):
                        en_names = " / ".join(by_id[tid].names(DEFAULT_LANGUAGE))
                        problems.append(f"{where}: cell {i}: <dfn>{word}</dfn> is marked here, but English "
                                        f"cell {j} does not mark that term ({en_names})")
    return problems


@check
def glossary_terms(root: Path) -> Problems:
    glossary = load_glossary(root / "glossary.yml")
    problems: Problems = []
    for path in all_notebooks(root):
        lang, where = path.parent.name, rel(path, root)
        if lang not in LANGUAGES:
            problems.append(f"{where}: folder {lang!r} is not a course language ({', '.join(LANGUAGES)})")
            continue
        for i, cell in enumerate(read_notebook(path).cells):
            if cell.cell_type != "markdown":
                continue
            for term in dfn_terms(cell.source):
                if glossary.lookup(term, lang) is None:
                    problems.append(f"{where}: cell {i}: <dfn>{term}</dfn> has no {lang} entry "
                                    "(term or alias) in glossary.yml")
    return problems + consistency(root, glossary)
