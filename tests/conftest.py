"""Shared test set-up.

Executing notebooks (nbval, the build) must never write to a learner's progress record: the
whole test session points the progress store at a temporary file, and kernels inherit it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_session_tmp = Path(tempfile.mkdtemp(prefix="misscourse-tests-"))
os.environ["MISSCOURSE_PROGRESS_DB"] = str(_session_tmp / "progress.sqlite")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_session_tmp, ignore_errors=True)


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
def built_site(tmp_path_factory):
    """The whole course built once per test session, as an instructor would build it."""
    from misscourse.build import build

    out = tmp_path_factory.mktemp("site")
    log: list[str] = []
    code = build(out, say=log.append)
    assert code == 0, "\n".join(log)
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
