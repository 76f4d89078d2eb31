"""Every term a lesson marks with <dfn> has an entry in the glossary, in the lesson's language."""

from __future__ import annotations

import re
from pathlib import Path

from ..glossary import load_glossary
from ..readability import read_notebook, to_plain
from ..text import LANGUAGES
from .sources import Problems, all_notebooks, check, rel

DFN = re.compile(r"<dfn\b[^>]*>(.*?)</dfn>", re.I | re.S)


def dfn_terms(markdown: str) -> list[str]:
    return [" ".join(to_plain(m).split()) for m in DFN.findall(markdown)]


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
    return problems
