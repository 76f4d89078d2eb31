"""Shared test set-up for tests/. The session's temporary progress store is set up by the
project's top-level conftest.py, so that it holds however the tests are run.
"""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def private_progress_store(tmp_path, monkeypatch):
    """Each test records into its own store; the session's store stays empty for nbval."""
    monkeypatch.setenv("MISSCOURSE_PROGRESS_DB", str(tmp_path / "progress.sqlite"))


@pytest.fixture
def repo_copy(tmp_path, monkeypatch):
    """A copy of the course's sources, with MISSCOURSE_ROOT pointing at it."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("course.yml", "glossary.yml"):
        shutil.copy(REPO / name, root / name)
    for folder in ("quizzes", "notebooks", "assets"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, root / folder)
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    monkeypatch.setenv("MISSCOURSE_ROOT", str(root))
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id):
    """The whole course built once per test run, as an instructor would build it.

    With pytest-xdist the workers share one build: the first to take the lock builds, the others
    wait for it and use the same folder (a build takes half a minute of both cores).
    """
    from misscourse.build import build

    if worker_id == "master":
        out = tmp_path_factory.mktemp("site")
        log: list[str] = []
        assert build(out, say=log.append) == 0, "\n".join(log)
        return out
    shared = tmp_path_factory.getbasetemp().parent  # one folder for all workers of this run
    out, done, failed = shared / "site", shared / "site.built", shared / "site.failed"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists() and not failed.exists():
            log = []
            code = build(out, say=log.append)
            (done if code == 0 else failed).write_text("\n".join(log), encoding="utf-8")
    assert not failed.exists(), failed.read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    from browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built site served on 127.0.0.1."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture
def tiny_course(repo_copy):
    """The course copy cut to three tiny English lessons: (its folder, each notebook's path)."""
    from tiny_course import make_tiny_course

    return repo_copy, make_tiny_course(repo_copy)
