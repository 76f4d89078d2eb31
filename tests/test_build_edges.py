"""The build's failure path, fast: a course of three tiny lessons (one code cell each), so that a
kernel runs for a second, not a lesson's worth. Whatever fails, the site folder is left byte for
byte as it was, and the message names what failed."""

from __future__ import annotations

import nbformat

import misscourse.build as build_module
from misscourse.build import build, cache_dir
from tiny_course import SLUGS, snapshot, tiny_notebook


def _site(out):
    """A last good site: some pages, a library file, nested folders."""
    files = {"index.html": b"<html>home</html>", "en/00-welcome.html": b"<p>welcome</p>",
             "en/01-what-is-miss.slides.html": b"<p>deck</p>", "lib/quiz.js": b"// quiz"}
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return snapshot(out)


def test_a_lesson_failing_among_several_changed_ones_leaves_the_site_byte_for_byte(tiny_course, tmp_path):
    root, paths = tiny_course
    nbformat.write(tiny_notebook('raise ValueError("the dressing list is missing")'), paths["what-is-miss"])
    out = tmp_path / "site"
    before = _site(out)
    log: list[str] = []
    assert build(out, say=log.append, langs=["en"]) == 1
    text = "\n".join(log)
    assert log[0] == f"Building 3 lessons into {out.resolve()} (3 to execute, 0 unchanged)"
    assert f"error: {paths['what-is-miss']}: cell 2 failed ('raise ValueError(\"the dressing list is missing\")')" in text
    assert "the dressing list is missing" in text
    assert log[-1] == f"1 lesson(s) failed to execute; the site in {out.resolve()} was left as it was."
    assert not any("welcome: cell" in line or "is-surgery-right.ipynb: cell" in line for line in log)
    assert snapshot(out) == before
    # the lessons that ran are kept for the next build, beside the site, never in it
    kept = sorted(p.name for p in (cache_dir(out) / "en").glob("*.ipynb"))
    assert kept == ["00-welcome.ipynb", "02-is-surgery-right.ipynb"]
    assert not (cache_dir(out) / "state.json").exists()


def test_two_failing_lessons_are_both_named(tiny_course, tmp_path):
    root, paths = tiny_course
    nbformat.write(tiny_notebook("1 / 0"), paths["welcome"])
    nbformat.write(tiny_notebook("undefined_name"), paths["is-surgery-right"])
    out = tmp_path / "site"
    before = _site(out)
    log: list[str] = []
    assert build(out, say=log.append, langs=["en"]) == 1
    errors = [line for line in log if line.startswith("error: ")]
    assert len(errors) == 2
    assert any(str(paths["welcome"]) in e and "ZeroDivisionError" in e for e in errors), errors
    assert any(str(paths["is-surgery-right"]) in e and "NameError" in e for e in errors), errors
    assert log[-1].startswith("2 lesson(s) failed to execute")
    assert snapshot(out) == before


def test_an_unknown_language_or_a_broken_source_stops_before_anything_runs(tiny_course, tmp_path):
    root, paths = tiny_course
    out = tmp_path / "site"
    before = _site(out)
    log: list[str] = []
    assert build(out, say=log.append, langs=["en", "fr"]) == 2
    assert log == ["error: language 'fr' is not in the course file (it has en, zh)"]
    log.clear()
    paths["what-is-miss"].unlink()
    assert build(out, say=log.append, langs=["en"]) == 1
    assert len(log) == 1 and log[0].startswith(f"error: {paths['what-is-miss']}") and "lesson 'what-is-miss'" in log[0]
    assert "the lesson notebook is missing" in log[0]
    log.clear()
    (root / "quizzes" / "welcome.yml").write_text("id: welcome\nquestions: []\n", encoding="utf-8")
    assert build(out, say=log.append, langs=["en"]) == 1
    assert len(log) == 1 and "welcome.yml" in log[0] and "'questions' must be a non-empty list" in log[0]
    assert snapshot(out) == before
    assert not cache_dir(out).exists()


def test_a_tiny_course_builds_and_a_second_build_changes_nothing(tiny_course, tmp_path):
    """The other side of the failure path: when every lesson runs, the pages are written, and a
    build with nothing changed says so and leaves every byte as it was."""
    out = tmp_path / "site"
    log: list[str] = []
    assert build(out, say=log.append, langs=["en"]) == 0, "\n".join(log)
    assert log[0] == f"Building 3 lessons into {out.resolve()} (3 to execute, 0 unchanged)"
    assert log[-1].startswith("Done in "), log[-1]
    first = snapshot(out)
    for slug, number in zip(SLUGS, range(3)):
        assert f"en/{number:02d}-{slug}.html" in first and f"en/{number:02d}-{slug}.slides.html" in first
    again: list[str] = []
    assert build(out, say=again.append, langs=["en"]) == 0, "\n".join(again)
    assert again[0] == f"Building 3 lessons into {out.resolve()} (0 to execute, 3 unchanged)"
    assert again[-1].startswith("Nothing changed; the site was left as it was. Done in "), again[-1]
    assert snapshot(out) == first


def test_export_workers_start_only_when_enough_lessons_execute_and_the_build_uses_them(tiny_course, tmp_path,
                                                                                     monkeypatch):
    """Worker processes for the lesson pages cost more to start than they save on a few lessons:
    they start when at least PARALLEL_EXPORTS lessons execute and more than one worker is allowed,
    that many of them, and the build's second half gets them and closes them. (The second half is
    replaced here: what it writes is checked above and, with workers, in test_build_parallel.)"""
    started, given = [], []

    class Workers:
        def __init__(self, count):
            started.append(count)
            self.closed = False

        def close(self):
            self.closed = True

    def second_half(c, out, jobs, to_run, langs, state, state_file, force, workers, started_at, say):
        given.append((list(langs), len(to_run), workers))
        return 0

    monkeypatch.setattr(build_module, "ExportWorkers", Workers)
    monkeypatch.setattr(build_module, "_build", second_half)
    out = tmp_path / "site"
    for parallel_exports, export_workers, expected in [(3, 2, 2), (4, 2, None), (3, 1, None), (3, 3, 3)]:
        monkeypatch.setattr(build_module, "PARALLEL_EXPORTS", parallel_exports)
        monkeypatch.setattr(build_module, "EXPORT_WORKERS", export_workers)
        started.clear(), given.clear()
        assert build(out, langs=["en"], say=lambda *_: None) == 0
        assert started == ([] if expected is None else [expected]), (parallel_exports, export_workers)
        (langs, to_run, workers), = given
        assert (langs, to_run) == (["en"], 3)
        if expected is None:
            assert workers is None
        else:
            assert isinstance(workers, Workers) and workers.closed
    # no language named: every language of the course (the tiny course keeps its Chinese lessons)
    monkeypatch.setattr(build_module, "PARALLEL_EXPORTS", 10**6)
    given.clear()
    log: list[str] = []
    assert build(out, say=log.append) == 0
    assert log == [f"Building 6 lessons into {out.resolve()} (6 to execute, 0 unchanged)"]
    assert [g[:2] for g in given] == [(["en", "zh"], 6)]
