"""The build's worker processes (lesson pages exported as each lesson finishes, into a staging
folder; each language's kit in a worker) write the same site, byte for byte, as the build that
does everything in one process; and a failing lesson still leaves the site as it was."""

from __future__ import annotations

import nbformat

import misscourse.build as build_module
from misscourse.build import build, cache_dir, staging_dir
from tiny_course import SLUGS, snapshot, tiny_notebook


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
        sites[on] = snapshot(out)
    assert sites[True].keys() == sites[False].keys()
    assert [name for name in sites[True] if sites[True][name] != sites[False][name]] == []
    assert any(name.endswith(".slides.html") for name in sites[True])


def test_a_failing_lesson_with_worker_processes_leaves_the_site_byte_for_byte(tiny_course, tmp_path, monkeypatch):
    root, paths = tiny_course
    _workers(monkeypatch, True)
    out = tmp_path / "site"
    assert build(out, force=True, langs=["en"], say=lambda *_: None) == 0
    before = snapshot(out)
    nbformat.write(tiny_notebook("print('changed')"), paths["welcome"])
    nbformat.write(tiny_notebook("raise ValueError('the dressing list is missing')"), paths["is-surgery-right"])
    log: list[str] = []
    assert build(out, langs=["en"], say=log.append) == 1
    assert any("the dressing list is missing" in line for line in log)
    assert snapshot(out) == before  # the lesson that did run was exported to staging only
    assert not staging_dir(out).exists()
    assert (cache_dir(out) / "en" / "00-welcome.ipynb").exists()
