"""The build's worker processes (lesson pages exported as each lesson finishes, into a staging
folder; each language's kit in a worker) write the same site, byte for byte, as the build that
does everything in one process; and a failing lesson still leaves the site as it was."""

from __future__ import annotations

import nbformat
import pytest
import yaml

import misscourse.build as build_module
from misscourse.build import build, cache_dir, staging_dir

SLUGS = ["welcome", "what-is-miss", "is-surgery-right"]


def _tiny(source: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("## A lesson\n\nSome words."), nbformat.v4.new_code_cell(source),
                nbformat.v4.new_markdown_cell("## Key points\n\n- Walk a little every day.")]
    return nb


@pytest.fixture
def tiny_course(repo_copy):
    """Three lessons in English, each a heading and one code cell."""
    data = yaml.safe_load((repo_copy / "course.yml").read_text(encoding="utf-8"))
    data["lessons"] = [entry for entry in data["lessons"] if entry["slug"] in SLUGS]
    data["plans"] = []
    (repo_copy / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    folder = repo_copy / "notebooks" / "en"
    for old in folder.glob("*.ipynb"):
        old.unlink()
    paths = {}
    for number, slug in enumerate(SLUGS):
        paths[slug] = folder / f"{number:02d}-{slug}.ipynb"
        nbformat.write(_tiny(f"print({number})"), paths[slug])
    return repo_copy, paths


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _workers(monkeypatch, on: bool):
    monkeypatch.setattr(build_module, "PARALLEL_EXPORTS", 1 if on else 10**6)
    monkeypatch.setattr(build_module, "EXPORT_WORKERS", 2)


def test_worker_processes_write_the_same_site_byte_for_byte(tiny_course, tmp_path, monkeypatch):
    sites = {}
    for on in (False, True):
        _workers(monkeypatch, on)
        out = tmp_path / ("parallel" if on else "one-process")
        log: list[str] = []
        assert build(out, force=True, langs=["en"], say=log.append) == 0, log
        assert sum(line.strip().startswith("wrote en/") for line in log) == len(SLUGS)
        assert not staging_dir(out).exists()
        sites[on] = _snapshot(out)
    assert sites[True].keys() == sites[False].keys()
    assert [name for name in sites[True] if sites[True][name] != sites[False][name]] == []
    assert any(name.endswith(".slides.html") for name in sites[True])


def test_a_failing_lesson_with_worker_processes_leaves_the_site_byte_for_byte(tiny_course, tmp_path, monkeypatch):
    root, paths = tiny_course
    _workers(monkeypatch, True)
    out = tmp_path / "site"
    assert build(out, force=True, langs=["en"], say=lambda *_: None) == 0
    before = _snapshot(out)
    nbformat.write(_tiny("print('changed')"), paths["welcome"])
    nbformat.write(_tiny("raise ValueError('the dressing list is missing')"), paths["is-surgery-right"])
    log: list[str] = []
    assert build(out, langs=["en"], say=log.append) == 1
    assert any("the dressing list is missing" in line for line in log)
    assert _snapshot(out) == before  # the lesson that did run was exported to staging only
    assert not staging_dir(out).exists()
    assert (cache_dir(out) / "en" / "00-welcome.ipynb").exists()
