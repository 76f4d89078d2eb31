"""The JupyterLab path end to end: a learner opens a lesson in a real JupyterLab server, runs
every cell, answers a quiz question by clicking, and the answer is kept in the progress store
that the lesson's kernel writes to (widget -> kernel -> store). Debian's chromium drives the page.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from misscourse.progress.store import Store
from misscourse.quizzes import load_quiz


REPO = Path(__file__).resolve().parent.parent
LESSON = "00-welcome.ipynb"
QUIZ = "welcome"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"gave up after {seconds:.0f} s waiting for {what}")


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving a copy of one English lesson, its kernels writing
    to a temporary progress store; stopped (with its kernels) at the end."""
    root = tmp_path / "lessons"
    root.mkdir()
    # the lesson as a learner gets it, without the outputs stored in the repository: every output
    # in the page then comes from this kernel
    nb = nbformat.read(REPO / "notebooks" / "en" / LESSON, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, root / LESSON)
    store_path = tmp_path / "progress.sqlite"
    # every cell in the page (JupyterLab 4 otherwise leaves cells out of sight out of the page)
    tracker = tmp_path / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    apputils = tracker.parent.parent / "apputils-extension"
    apputils.mkdir()
    (apputils / "sessionDialogs.jupyterlab-settings").write_text(json.dumps({"autoStartDefaultKernel": True}))
    (apputils / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    token, port = secrets.token_hex(16), _free_port()
    env = {**os.environ, "MISSCOURSE_PROGRESS_DB": str(store_path), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTER_CONFIG_DIR": str(tmp_path / "config"), "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"), "JUPYTER_PLATFORM_DIRS": "1"}
    env.pop("MISSCOURSE_ROOT", None)
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
         "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", "--LabApp.expose_app_in_browser=True", "--ServerApp.allow_remote_access=False",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def up():
        if server.poll() is not None:
            raise AssertionError("JupyterLab exited:\n" + (tmp_path / "lab.log").read_text())
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        _wait_until(up, 40, "the JupyterLab server to answer")
        yield {"url": f"{base}/lab/tree/{LESSON}?token={token}&reset", "store": store_path, "root": root}
    finally:
        # shut the kernels down through the server, then the server and anything it started
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
            urllib.request.urlopen(req, timeout=5).close()
            server.wait(timeout=15)
        except Exception:
            pass
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()


def _right_choice(question: dict) -> int:
    """Where the right option is shown: the order the widget gets is the order on screen."""
    if question["kind"] == "truefalse":
        return 0 if question["answer"] is True else 1
    assert question["kind"] == "single", question["kind"]
    return next(i for i, o in enumerate(question["options"]) if o["correct"])


@pytest.mark.browser
@pytest.mark.timeout(120)
def test_an_answer_clicked_in_jupyterlab_is_kept_in_the_progress_store(lab, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(30_000)
    try:
        # JupyterLab may ask which kernel to start at any moment while the page settles
        page.add_locator_handler(page.locator(".jp-Dialog", has_text="Select Kernel"),
                                 lambda d: d.locator(".jp-mod-accept").click())
        page.goto(lab["url"], timeout=30_000)
        # the notebook is open and its kernel is ready; then Run > Run All Cells, through the
        # command the menu item calls (the app is exposed to the page for this test)
        page.wait_for_function("() => window.jupyterapp && jupyterapp.shell.currentWidget &&"
                               " jupyterapp.shell.currentWidget.sessionContext", timeout=40_000)
        ran = page.evaluate("""async () => {
            const panel = jupyterapp.shell.currentWidget;
            await panel.context.ready;
            await panel.sessionContext.ready;
            if (!panel.sessionContext.session || !panel.sessionContext.session.kernel) {
                await panel.sessionContext.changeKernel({name: 'python3'});
            }
            const kernel = panel.sessionContext.session.kernel;
            for (let i = 0; i < 400 && kernel.status !== 'idle'; i++) await new Promise(r => setTimeout(r, 100));
            await jupyterapp.commands.execute('notebook:run-all-cells');
            return kernel.status;
        }""")
        assert ran in ("idle", "busy"), f"the lesson's kernel is {ran}"
        box = page.locator(".jp-OutputArea .miss-quiz").first
        box.wait_for(state="visible", timeout=45_000)
        holder = box.locator(".miss-question").first
        qid = holder.get_attribute("data-question")
        widget = load_quiz(QUIZ).to_widget("en")
        question = next(q for q in widget["questions"] if q["id"] == qid)
        right = _right_choice(question)
        holder.locator(".miss-option label").nth(right).click()
        holder.locator(".miss-check").click()
        # what the learner sees: the answer was right
        holder.locator(".miss-verdict.miss-right").wait_for(state="visible", timeout=10_000)

        def stored():
            if not lab["store"].exists():
                return None
            s = Store(lab["store"])
            try:
                return [a for a in s.answers() if a.question == qid] or None
            finally:
                s.close()

        answers = _wait_until(stored, 20, f"the answer to {qid!r} in the progress store")
    except Exception:
        page.screenshot(path=str(lab["root"].parent / "failed.png"))
        raise
    finally:
        page.close()

    assert len(answers) == 1, answers
    kept = answers[0]
    expected = question["answer"] if question["kind"] == "truefalse" else question["options"][right].get("key", right)
    assert (kept.quiz, kept.lesson, kept.lang, kept.correct) == (QUIZ, "welcome", "en", True)
    assert kept.answer == expected
