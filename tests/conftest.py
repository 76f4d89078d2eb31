"""Shared test set-up for tests/. The session's temporary progress store is set up by the
project's top-level conftest.py, so that it holds however the tests are run.
"""

from __future__ import annotations

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
