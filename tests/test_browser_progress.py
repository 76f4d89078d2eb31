"""Self-study in the built site: answers are kept in the browser, shown on the progress page,
missed ones come back for review, and a learner carries them to JupyterLab's store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from browser import Watched, run_axe
from misscourse.course import course
from misscourse.grading import grade_record
from misscourse.quizzes import load_quiz
from misscourse.ui import ui_table

pytestmark = pytest.mark.browser
C = course()
UI = ui_table("en")
# lessons whose quiz opens with a question these tests answer (single choice or true/false)
SIMPLE = [l.slug for l in C.lessons if load_quiz(l.quizzes[0]).questions[0].kind in ("single", "truefalse")]
BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {
  configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""




@pytest.fixture
def learner(chromium, site_url):
    """A fresh browser profile for one learner (its own localStorage)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    watch = Watched(page, site_url)
    yield page, watch, context
    context.close()


def answer_first_question(page, site_url, slug, right):
    page.goto(f"{site_url}en/{C.stem(slug)}.html")
    page.wait_for_selector(".miss-quiz")
    q = load_quiz(C.lesson(slug).quizzes[0]).questions[0].to_widget("en")
    assert q["kind"] in ("single", "truefalse"), "the test answers a single-choice or true/false question"
    if q["kind"] == "truefalse":
        pick = 0 if q["answer"] == right else 1
    else:
        pick = next(i for i, o in enumerate(q["options"]) if o["correct"] == right)
    page.locator(".miss-quiz .miss-option label").nth(pick).click()
    page.locator(".miss-quiz .miss-check").click()
    page.wait_for_selector(".miss-quiz .miss-verdict")
    return q


def moved_right_answer() -> str:
    """A lesson in SIMPLE whose first question shows its right option away from its place in the quiz file."""
    for slug in SIMPLE:
        q = load_quiz(C.lesson(slug).quizzes[0]).questions[0].to_widget("en")
        if q["kind"] == "single" and any(o["correct"] and o["key"] != i for i, o in enumerate(q["options"])):
            return slug
    pytest.fail("no lesson's first question shows its right option away from its place in the quiz file")


def progress_row(page, slug):
    title = C.title_of(slug, "en")
    return page.locator("#miss-progress-table tbody tr", has_text=title).inner_text()


def test_answers_show_on_the_progress_page_and_survive_a_reload(learner, site_url):
    page, watch, _ = learner
    missed = answer_first_question(page, site_url, SIMPLE[0], right=False)
    answer_first_question(page, site_url, SIMPLE[1], right=True)
    page.locator(".miss-sitenav a", has_text=UI["my_progress"]).click()
    page.wait_for_selector("#miss-progress-table tbody tr")
    assert "1 of" in progress_row(page, SIMPLE[0]) and "0 of 1" in progress_row(page, SIMPLE[0]).replace("0%", "")
    assert "1 of 1" in progress_row(page, SIMPLE[1])
    assert missed["prompt"] in page.locator("#miss-missed").inner_text()
    assert missed["prompt"] in page.locator("#miss-review .miss-prompt").inner_text()
    assert page.locator("#miss-figure-lessons svg[role=img]").count() == 1
    page.reload()
    page.wait_for_selector("#miss-progress-table tbody tr")
    assert "1 of 1" in progress_row(page, SIMPLE[1])
    assert not run_axe(page)
    assert not watch.errors and not watch.blocked, (watch.errors, watch.blocked)


def test_review_answer_counts_and_updates_the_page(learner, site_url):
    page, watch, _ = learner
    missed = answer_first_question(page, site_url, SIMPLE[0], right=False)
    page.goto(site_url + "progress.html")
    page.wait_for_selector("#miss-review .miss-quiz")
    pick = 0 if missed["kind"] == "truefalse" and missed["answer"] else \
        next((i for i, o in enumerate(missed.get("options", [])) if o["correct"]), 1)
    page.locator("#miss-review .miss-option label").nth(pick).click()
    page.locator("#miss-review .miss-check").click()
    assert UI["correct"] in page.locator("#miss-review .miss-verdict").inner_text()
    page.wait_for_function("document.querySelector('#miss-progress-table').innerText.includes('50%')")
    assert not watch.errors and not watch.blocked


def test_quiz_still_answers_when_the_browser_keeps_nothing(learner, site_url):
    page, watch, context = learner
    context.add_init_script(BLOCK_STORAGE)
    answer_first_question(page, site_url, SIMPLE[2], right=True)
    feedback = page.locator(".miss-quiz .miss-feedback").inner_text()
    assert UI["correct"] in feedback and UI["storage_off"] in feedback
    page.goto(site_url + "progress.html")
    page.wait_for_selector("#miss-progress-notice:not(:empty)")
    assert page.locator("#miss-download").is_disabled()
    assert not watch.blocked


def test_download_then_import_into_jupyterlab_store_and_back_into_a_browser(learner, chromium, site_url, tmp_path):
    page, watch, _ = learner
    moved = moved_right_answer()
    answer_first_question(page, site_url, SIMPLE[0], right=False)
    answer_first_question(page, site_url, moved, right=True)
    page.goto(site_url + "progress.html")
    with page.expect_download() as info:
        page.locator("#miss-download").click()
    saved = tmp_path / "my-progress.json"
    info.value.save_as(saved)
    doc = json.loads(saved.read_text())
    assert doc["format"] == "misscourse-progress" and len(doc["answers"]) == 2
    # options are named by their place in the quiz file, so Python grades each answer as the page did
    assert [a["correct"] for a in doc["answers"]] == [False, True]
    assert all(grade_record(a["quiz"], a["question"], a["answer"]) is a["correct"] for a in doc["answers"])

    env = {**os.environ, "MISSCOURSE_PROGRESS_DB": str(tmp_path / "lab.sqlite")}
    run = lambda *args: subprocess.run([sys.executable, "-m", "misscourse.cli", "progress", *args],
                                       env=env, capture_output=True, text=True)
    first, again = run("import", str(saved)), run("import", str(saved))
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    table = run().stdout
    assert C.title_of(moved, "en") in table

    other = chromium.new_context()
    try:
        fresh = other.new_page()
        Watched(fresh, site_url)
        fresh.goto(site_url + "progress.html")
        fresh.set_input_files("#miss-import", str(saved))
        fresh.wait_for_function("document.querySelector('#miss-transfer-status').textContent.length > 0")
        assert "1 of 1" in fresh.locator("#miss-progress-table tbody tr", has_text=C.title_of(moved, "en")).inner_text()
        fresh.set_input_files("#miss-import", str(saved))  # twice: counted once
        fresh.wait_for_timeout(200)
        assert "1 of 1" in fresh.locator("#miss-progress-table tbody tr", has_text=C.title_of(moved, "en")).inner_text()
    finally:
        other.close()
    assert not watch.errors and not watch.blocked


def test_a_hostile_import_file_is_refused_and_shown_as_text(learner, site_url, tmp_path):
    page, watch, _ = learner
    bad = tmp_path / "<img src=x onerror=alert(1)>.json"
    bad.write_text(json.dumps({"format": "misscourse-progress", "schema": 1, "course_version": "1.0.0",
                               "answers": [{"lang": "<script>alert(1)</script>"}]}))
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    page.goto(site_url + "progress.html")
    page.set_input_files("#miss-import", str(bad))
    page.wait_for_function("document.querySelector('#miss-transfer-status').textContent.length > 0")
    status = page.locator("#miss-transfer-status")
    assert "<img src=x onerror=alert(1)>.json" in status.inner_text()
    assert status.locator("img, script").count() == 0
    assert page.locator("#miss-progress-table tbody").inner_text().count("0 of") >= 1
    assert not watch.blocked
