"""A lesson notebook's structure, read in one place: cell tags, what is private (resident,
references, glossary, speaker notes), the slides and sections the deck shows, each slide's
speaker notes, the calls its code cells make (``L.diagram("x")``), and the checklist cells.

The checks, the instructor's guides, the take-home sheets and the class plan decks all read
lessons through this module, so "what a slide is" is decided once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import nbformat

PRIVATE_TAGS = frozenset({"resident", "references", "glossary", "notes"})
# cells the patient deck leaves out (tags), and the page leaves out
DECK_DROPS = frozenset({"resident", "references", "glossary-full"})
PAGE_DROPS = frozenset({"notes"})
SLIDE_STARTS = ("slide", "subslide")
_CALL = re.compile(r"""^L\.(\w+)\((?:\s*["']([^"']*)["']\s*)?\)$""")


def read_notebook(notebook) -> nbformat.NotebookNode:
    """A notebook node, from a node or from a path."""
    if isinstance(notebook, (str, Path)):
        return nbformat.read(str(notebook), as_version=4)
    return notebook


def cell_tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def slide_type(cell) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def is_private(cell) -> bool:
    """A cell for residents, references, the glossary or the instructor: not patient text."""
    return bool(cell_tags(cell) & PRIVATE_TAGS) or slide_type(cell) == "notes"


def is_patient_cell(cell) -> bool:
    return cell.cell_type == "markdown" and not is_private(cell)


def patient_cells(notebook) -> Iterator[tuple[int, dict]]:
    """(index, cell) of every patient markdown cell."""
    for i, cell in enumerate(read_notebook(notebook).cells):
        if is_patient_cell(cell):
            yield i, cell


def patient_text(notebook) -> str:
    """The patient markdown of a notebook (a path or a node), cells joined by blank lines."""
    return "\n\n".join(cell.source for _, cell in patient_cells(notebook))


def output_text(cell) -> str:
    """What a code cell shows: its HTML (or markdown, or plain text) outputs."""
    parts = []
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        for mime in ("text/html", "text/markdown", "text/plain"):
            if mime in data:
                value = data[mime]
                parts.append(value if isinstance(value, str) else "".join(value))
                break
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
    return "\n\n".join(parts)


def code_call(source: str) -> tuple[str, str] | None:
    """``L.diagram("x")`` -> ("diagram", "x"); ``L.quiz()`` -> ("quiz", "")."""
    m = _CALL.match(source.strip())
    return (m.group(1), m.group(2) or "") if m else None


def calls(nb) -> list[tuple[str, str]]:
    """Every ``L.<name>("arg")`` call of the notebook's code cells, in order."""
    return [call for c in nb.cells if c.cell_type == "code" for call in [code_call(c.source)] if call]


def heading_of(source: str) -> str:
    """A markdown cell's heading, or its first line without the markdown marks."""
    for line in source.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        text = re.sub(r"^#{1,6}\s+", "", line)
        text = re.sub(r"[*_`]", "", text)
        text = re.sub(r"<[^>]+>", "", text)
        return text.strip()
    return ""


def checklist_cells(nb) -> list:
    """The markdown cells tagged ``checklist`` (the questions a patient takes to the clinic)."""
    return [c for c in nb.cells if c.cell_type == "markdown" and "checklist" in cell_tags(c)]


@dataclass
class Slide:
    title: str
    kind: str  # slide or subslide
    cells: list = field(default_factory=list)  # the cells people see on this slide
    notes: list[str] = field(default_factory=list)  # markdown of its speaker-notes cells

    def has_tag(self, tag: str) -> bool:
        return any(tag in cell_tags(c) for c in self.cells)

    def calls(self) -> list[tuple[str, str]]:
        return [call for c in self.cells if c.cell_type == "code" for call in [code_call(c.source)] if call]


@dataclass
class Section:
    """A slide and the subslides under it: one ``##`` section of the lesson."""

    slides: list[Slide]

    @property
    def title(self) -> str:
        return self.slides[0].title


def slides_of(nb) -> list[Slide]:
    """The slides of a lesson deck in order, each with its cells and its speaker notes."""
    slides: list[Slide] = []
    for cell in read_notebook(nb).cells:
        kind = slide_type(cell)
        if cell_tags(cell) & DECK_DROPS or kind == "skip":  # as the deck leaves them out
            continue
        if kind == "notes":
            if slides and cell.source.strip():
                slides[-1].notes.append(cell.source.strip())
            continue
        if kind in SLIDE_STARTS or not slides:
            slides.append(Slide(title="", kind=kind if kind in SLIDE_STARTS else "slide"))
        slides[-1].cells.append(cell)
    return slides


def sections_of(nb) -> list[Section]:
    sections: list[Section] = []
    for slide in slides_of(nb):
        if slide.kind == "slide" or not sections:
            sections.append(Section([slide]))
        else:
            sections[-1].slides.append(slide)
    return sections
