"""The course diagrams: hand-written, accessible SVG, one file per diagram and language.

Every word comes from ``labels.yml``; the stoplight action plan reads its zones and signs from
the course file (``stoplight`` and ``local`` in course.yml). ``write_all`` writes ``assets/diagrams/<name>.<lang>.svg``; ``stale`` lists the files
that differ from what the code draws now.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import paths
from ..text import HTML_LANG, LANGUAGES
from . import anatomy, care, operations, stoplight, surgery, timelines
from .labels import LABELS_FILE, LabelBook, cached
from .labels import load_labels as _load_labels
from .svg import WIDTH, Svg

__all__ = ["NAMES", "LANGUAGES", "Sketch", "asset_path", "build", "describe", "load_labels",
           "main", "render", "stale", "write_all"]


@dataclass(frozen=True)
class Sketch:
    """What a diagram's drawing function gets: its name, language and words."""

    name: str
    lang: str
    words: Callable[[str], str]

    def canvas(self, height: float, width: float = WIDTH) -> Svg:
        return Svg(f"{self.name}-{self.lang}", height, width)


# The diagrams, in course order.
DRAWINGS: dict[str, Callable[[Sketch], Svg]] = {
    "spine-anatomy": anatomy.spine_anatomy,
    "open-vs-miss": surgery.open_vs_miss,
    "conditions": anatomy.conditions,
    "tubular-retractor": surgery.tubular_retractor,
    "operations": operations.operations,
    "surgery-day": timelines.surgery_day,
    "recovery-timeline": timelines.recovery_timeline,
    "incentive-spirometer": care.incentive_spirometer,
    "log-roll": care.log_roll,
    "safe-lifting": care.safe_lifting,
    "stoplight": stoplight.stoplight,
}
NAMES: tuple[str, ...] = tuple(DRAWINGS)


def load_labels(path: Path | str | None = None) -> LabelBook:
    """Read and validate a labels file (``labels.yml`` next to this module by default)."""
    return _load_labels(Path(path) if path else LABELS_FILE, NAMES)


def _labels() -> LabelBook:
    return cached(str(LABELS_FILE), LABELS_FILE.stat().st_mtime, NAMES)


def _check(name: str, lang: str) -> None:
    if name not in DRAWINGS:
        raise KeyError(f"no diagram {name!r} (known: {', '.join(NAMES)})")
    if lang not in LANGUAGES:
        raise ValueError(f"no language {lang!r} for diagram {name!r} "
                         f"(known: {', '.join(LANGUAGES)})")


def build(name: str, lang: str, labels: LabelBook | None = None) -> Svg:
    """The drawing before it becomes text (tests read its colours and regions)."""
    _check(name, lang)
    book = labels or _labels()
    book.entry(name)
    return DRAWINGS[name](Sketch(name, lang, book.labeller(name, lang)))


def render(name: str, lang: str, labels: LabelBook | None = None) -> str:
    """The SVG document of one diagram in one language, as text (same bytes every run)."""
    book = labels or _labels()
    drawing = build(name, lang, book)
    entry = book.entry(name)
    source = entry.source[lang] if entry.source else None
    return drawing.document(entry.title[lang], entry.alt[lang], HTML_LANG[lang], source)


def describe(name: str, lang: str, labels: LabelBook | None = None) -> tuple[str, str]:
    """(alt text, caption) of a diagram, for the ``<img>`` and the figure caption."""
    _check(name, lang)
    entry = (labels or _labels()).entry(name)
    return entry.alt[lang], entry.caption[lang]


def asset_path(name: str, lang: str, root: Path | None = None) -> Path:
    _check(name, lang)
    return Path(root or paths.root()) / "assets" / "diagrams" / f"{name}.{lang}.svg"


def _every(root: Path | None):
    for name in NAMES:
        for lang in LANGUAGES:
            yield name, lang, asset_path(name, lang, root)


def write_all(root: Path | None = None) -> list[Path]:
    """(Re)write every diagram in every language; returns the files written."""
    written = []
    for name, lang, path in _every(root):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(name, lang).encode("utf-8"))
        written.append(path)
    return written


def stale(root: Path | None = None) -> list[str]:
    """Paths (relative to the root) of diagram files that are missing or differ from ``render``."""
    base = Path(root or paths.root())
    return [path.relative_to(base).as_posix() for name, lang, path in _every(base)
            if not path.is_file() or path.read_bytes() != render(name, lang).encode("utf-8")]


def main(argv: list[str] | None = None) -> int:
    """``python -m misscourse.diagrams [--check]``: write every diagram, or list stale ones."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if "--check" in args:
        old = stale()
        for rel in old:
            print(f"stale: {rel}")
        if old:
            print("run: python -m misscourse.diagrams", file=sys.stderr)
        return 1 if old else 0
    base = paths.root()
    for path in write_all():
        print(path.relative_to(base).as_posix() if path.is_relative_to(base) else path)
    return 0
