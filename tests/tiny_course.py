"""A course of three tiny English lessons (one code cell each), for fast build tests: a kernel
runs for a second, not a lesson's worth."""

from __future__ import annotations

from pathlib import Path

import nbformat
import yaml

SLUGS = ["welcome", "what-is-miss", "is-surgery-right"]


def tiny_notebook(source: str) -> nbformat.NotebookNode:
    """A lesson of a heading, one code cell (``source``) and the "Key points" its sheet needs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("## A lesson\n\nSome words."), nbformat.v4.new_code_cell(source),
                nbformat.v4.new_markdown_cell("## Key points\n\n- Walk a little every day.")]
    return nb


def make_tiny_course(root: Path) -> dict[str, Path]:
    """Cut the course copy at ``root`` to the three lessons in English; return each notebook's path."""
    data = yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))
    data["lessons"] = [entry for entry in data["lessons"] if entry["slug"] in SLUGS]
    data["plans"] = []
    (root / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder = root / "notebooks" / "en"
    for old in folder.glob("*.ipynb"):
        old.unlink()
    paths = {}
    for number, slug in enumerate(SLUGS):
        paths[slug] = folder / f"{number:02d}-{slug}.ipynb"
        nbformat.write(tiny_notebook(f"x = {number}"), paths[slug])
    return paths


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
