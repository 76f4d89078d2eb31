"""The quiz front-end in Chromium, offline: the second try, the "Show the answer" button, a whole
scenario by keyboard, the answer event and record, and residents' questions left out of slides.

First on a small host page that calls quiz.js as the exported pages do (an anywidget-compatible
model: get, set, on, off, send, save_changes, and ``render({model, el})``), then in one real
lesson executed and exported into a temporary folder, as its page and as its deck."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from browser import Watched, run_axe, serve
from misscourse.paths import STATIC_DIR
from misscourse.quizzes import load_quiz_file
from misscourse.ui import ui_table
from test_grading import DEMO

pytestmark = pytest.mark.browser

RESIDENT = """
  - id: deeper
    kind: single
    resident: true
    prompt: {en: "Which level of evidence supports early walking?"}
    options:
      - {text: {en: "Randomised trials"}, correct: true, feedback: {en: "Yes."}}
      - {text: {en: "None"}, feedback: {en: "There is some."}}
    explanation: {en: "Trials."}
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quiz</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="quiz.css"></head>
<body><main>
<h1>Quiz host</h1>
<div id="page-quiz"></div>
<div class="reveal"><div class="slides"><div id="deck-quiz"></div></div></div>
</main>
<script type="application/json" id="data">DATA</script>
<script type="module">
import { render } from "./quiz.js";
const data = JSON.parse(document.getElementById("data").textContent);
window.sent = []; window.events = [];
function model(values) {
  const handlers = {};
  return {
    get: (k) => values[k],
    set: (k, v) => { values[k] = v; (handlers["change:" + k] || []).forEach((f) => f()); },
    on: (e, f) => { (handlers[e] = handlers[e] || []).push(f); },
    off: () => {}, send: (m) => window.sent.push(m), save_changes: () => {},
  };
}
document.addEventListener("misscourse:answer", (e) => window.events.push(e.detail));
render({ model: model({ ...data }), el: document.getElementById("page-quiz") });
render({ model: model({ ...data }), el: document.getElementById("deck-quiz") });
window.ready = true;
</script></body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quiz-host")
    quiz_file = folder / "demo.yml"
    quiz_file.write_text(DEMO + RESIDENT, encoding="utf-8")
    quiz = load_quiz_file(quiz_file, objectives=None)
    data = {"quiz": quiz.to_widget("en"), "ui": ui_table("en"), "lang": "en", "lesson": "demo-lesson",
            "course_version": "9.9.9"}
    (folder / "index.html").write_text(PAGE.replace("DATA", json.dumps(data).replace("</", "<\\/")), encoding="utf-8")
    for name in ("quiz.js", "quiz.css"):
        shutil.copy(STATIC_DIR / name, folder / name)
    with serve(folder) as url:
        yield url, quiz


@pytest.fixture
def page(chromium, site):
    url, _ = site
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)  # a stuck step fails, it does not hang
    watched = Watched(page, url)
    page.goto(url + "index.html")
    page.wait_for_function("window.ready === true", timeout=10_000)
    yield page
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
    context.close()


def shown_option(quiz, qid, correct: bool, which: int = 0) -> int:
    """The shown position of the first (or which-th) right or wrong option."""
    q = quiz.question(qid)
    places = [i for i, (_, o) in enumerate(q.shown_options()) if o.correct is correct]
    return places[which]


def test_a_wrong_first_answer_gets_its_own_feedback_and_a_hint_not_the_answer(page, site):
    _, quiz = site
    ui = ui_table("en")
    box = page.locator("#page-quiz")
    wrong = shown_option(quiz, "one", False)
    box.locator(".miss-option input").nth(wrong).check()
    box.locator(".miss-check").click()
    feedback = box.locator(".miss-feedback")
    text = feedback.inner_text()
    assert ui["not_right"] in text and "Show the answer" in box.inner_text()
    q = quiz.question("one")
    chosen = q.shown_options()[wrong][1]
    assert chosen.text["en"] in text and chosen.feedback["en"] in text
    assert ui["correct_answer"] not in box.inner_text() and not box.locator(".miss-is-correct").count()
    assert q.explanation["en"] not in text  # the explanation waits for the second try
    # the option text and its feedback are separate elements: no "text.: feedback" separator
    assert box.locator(".miss-option-said").first.inner_text() == chosen.text["en"]
    assert f"{chosen.text['en']}:" not in text
    # the focus is on the announced feedback
    assert page.evaluate("document.activeElement.classList.contains('miss-feedback')")
    # the second try: right now, but the score counts the first try
    box.locator(".miss-option input").nth(shown_option(quiz, "one", True)).check()
    box.locator(".miss-check").click()
    assert ui["correct"] in feedback.inner_text() and q.explanation["en"] in feedback.inner_text()
    assert "Score: 0 of" in box.locator(".miss-score").inner_text()
    events = page.evaluate("window.events")
    assert [(e["question"], e["answer"], e["correct"]) for e in events[-2:]] == [
        ("one", q.shown_order()[wrong], False), ("one", q.shown_order()[shown_option(quiz, "one", True)], True)]
    assert page.evaluate("window.sent.length") == 2
    stored = page.evaluate("JSON.parse(localStorage.getItem('misscourse:9.9.9:en:answers'))")
    assert [a["correct"] for a in stored] == [False, True]


def test_show_the_answer_reveals_the_right_options_and_the_explanation(page, site):
    _, quiz = site
    box = page.locator("#page-quiz")
    box.locator(".miss-next").click()  # the "choose all" question
    q = quiz.question("all")
    box.locator(".miss-option input").nth(shown_option(quiz, "all", True)).check()  # partial
    box.locator(".miss-check").click()
    assert "Not quite." in box.locator(".miss-feedback").inner_text()
    assert not box.locator(".miss-is-correct").count()
    box.locator(".miss-show").click()
    assert box.locator(".miss-is-correct").count() == sum(o.correct for o in q.options)
    assert q.explanation["en"] in box.locator(".miss-feedback").inner_text()
    assert page.evaluate("window.events.length") == 1  # showing the answer is not an answer


def test_a_whole_scenario_by_keyboard(page, site):
    _, quiz = site
    ui = ui_table("en")
    q = quiz.question("story")
    box = page.locator("#page-quiz")
    for _ in range(4):
        box.locator(".miss-next").click()
    assert q.prompt["en"] in box.inner_text()
    assert box.locator("legend").inner_text() == q.scenes[0].text["en"]

    def decide(scene_id: str, good: bool):
        order = q.shown_order(scene_id)
        scene = next(s for s in q.scenes if s.id == scene_id)
        pos = next(i for i, k in enumerate(order) if scene.choices[k].good is good)
        radios = box.locator(".miss-scene input[type=radio]")
        radios.first.focus()
        for _ in range(pos):
            page.keyboard.press("ArrowDown")
        if pos == 0:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.classList.contains('miss-decide')")
        page.keyboard.press("Enter")
        return scene.choices[order[pos]]

    first = decide("wound", False)       # a poor first decision: the story goes on to 'later'
    feedback = box.locator(".miss-story-now")
    assert first.feedback["en"] in feedback.inner_text() and ui["poor_choice"] in feedback.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('miss-story-now')")
    page.keyboard.press("Tab")  # from what happened straight to the next scene's choices
    assert page.evaluate("document.activeElement.type") == "radio"
    assert box.locator("legend").inner_text() == "It is worse."
    second = decide("later", True)
    assert second.feedback["en"] in feedback.inner_text() and ui["story_end"] in feedback.inner_text()
    assert q.explanation["en"] in box.inner_text() and ui["good_path"] in box.inner_text()
    events = page.evaluate("window.events")
    assert [(e["question"], e["correct"]) for e in events] == [("story/wound", False), ("story/later", True), ("story", False)]
    assert events[-1]["answer"] == [q.shown_order("wound")[[c.good for c in (q.scenes[0].choices[k] for k in q.shown_order("wound"))].index(False)],
                                    q.shown_order("later")[[c.good for c in (q.scenes[2].choices[k] for k in q.shown_order("later"))].index(True)]]
    # start again: a good path this time; the score still counts the first path
    box.locator(".miss-restart").click()
    decide("wound", True)
    decide("nurse", True)
    assert page.evaluate("window.events.at(-1)")["question"] == "story"
    assert page.evaluate("window.events.at(-1)")["correct"] is True
    assert "Score: 0 of" in box.locator(".miss-score").inner_text()
    assert not run_axe(page)


def test_residents_questions_show_on_the_page_and_not_in_the_slides(page, site):
    _, quiz = site
    n = len(quiz.questions)
    page_box, deck_box = page.locator("#page-quiz"), page.locator("#deck-quiz")
    assert f"of {n}" in page_box.locator(".miss-quiz-progress").inner_text()
    assert f"of {n - 1}" in deck_box.locator(".miss-quiz-progress").inner_text()
    for _ in range(n - 1):
        page_box.locator(".miss-next").click()
    assert page_box.locator(".miss-question.miss-resident[data-resident=true]").count() == 1
    seen = set()
    for _ in range(n - 2):
        seen.add(deck_box.locator(".miss-question").get_attribute("data-question"))
        deck_box.locator(".miss-next").click()
    seen.add(deck_box.locator(".miss-question").get_attribute("data-question"))
    assert seen == {q.id for q in quiz.questions if not q.resident}
    assert deck_box.locator(".miss-next").is_disabled()
    assert deck_box.locator(".miss-resident").count() == 0
    assert "Which level of evidence" not in deck_box.inner_text()


# -- one real lesson, executed and exported into a temporary folder: its page and its deck -----------------

SCENARIO_LESSON = "what-is-miss"


@pytest.fixture(scope="module")
def lesson_site(tmp_path_factory):
    """One lesson with a scenario, executed and written as the build writes it (page and deck)."""
    import asyncio

    from misscourse.course import course
    from misscourse.execute import run_many
    from misscourse.site.export import Exporters
    from misscourse.site.libraries import copy_libraries

    c = course()
    slug = next((l.slug for l in c.lessons if l.slug == SCENARIO_LESSON), None)
    if slug is None:
        pytest.skip(f"no lesson {SCENARIO_LESSON!r} in the course")
    out = tmp_path_factory.mktemp("lesson-site")
    executed = {}
    from concurrent.futures import ThreadPoolExecutor

    # a thread of its own: Playwright's sync API may already run an event loop in this one
    with ThreadPoolExecutor(1) as pool:
        failures = pool.submit(asyncio.run, run_many([c.notebook_path(slug, "en")],
                                                     lambda _s, nb, _t: executed.update(nb=nb), 1)).result()
    assert not failures, failures
    copy_libraries(out)
    Exporters(c, out).write_lesson(executed["nb"], slug, "en")
    from misscourse.quizzes import load_quiz

    quiz = load_quiz(c.lesson(slug).quizzes[0])
    with serve(out) as url:
        yield url, c.stem(slug), quiz


def go_to_question(box, qid: str, limit: int = 20):
    for _ in range(limit):
        if box.locator(".miss-question").get_attribute("data-question") == qid:
            return
        box.locator(".miss-next").click()
    raise AssertionError(f"question {qid!r} not reached")


def fits_on_slide(page, when: str):
    if page.evaluate("!!window.MissReveal"):
        height = page.evaluate("[window.MissReveal.getCurrentSlide().scrollHeight, window.MissReveal.getConfig().height]")
        assert height[0] <= height[1] + 4, f"{when} the slide's content is {height[0]} px tall, the slide {height[1]} px"
        shots = Path(os.environ.get("MISSCOURSE_SHOTS", "")) if os.environ.get("MISSCOURSE_SHOTS") else None
        if shots:
            page.screenshot(path=str(shots / (re.sub(r"\W+", "-", when) + ".png")))


def second_try_then_right(page, box, quiz, q):
    ui = ui_table("en")
    wrong = next(i for i, (_, o) in enumerate(q.shown_options()) if not o.correct)
    right = next(i for i, (_, o) in enumerate(q.shown_options()) if o.correct)
    box.locator(".miss-option label").nth(wrong).click()
    box.locator(".miss-check").click()
    feedback = box.locator(".miss-feedback").inner_text()
    assert ui["not_right"] in feedback and q.shown_options()[wrong][1].feedback["en"] in feedback
    assert q.explanation["en"] not in feedback and box.locator(".miss-hint").count() == 1
    assert not box.locator(".miss-is-correct").count()
    fits_on_slide(page, "after a wrong first try")
    box.locator(".miss-option label").nth(right).click()
    box.locator(".miss-check").click()
    assert ui["correct"] in box.locator(".miss-verdict").inner_text()
    assert q.explanation["en"] in box.locator(".miss-feedback").inner_text()


def play_scenario(page, box, q, good: bool):
    ui = ui_table("en")
    scene = q.scenes[0]
    steps = 0
    while scene is not None:
        assert box.locator("legend").inner_text() == scene.text["en"]
        order = q.shown_order(scene.id)
        pos = next((i for i, k in enumerate(order) if scene.choices[k].good is good), 0)
        box.locator(".miss-scene label").nth(pos).click()
        box.locator(".miss-decide").focus()
        page.keyboard.press("Enter")
        choice = scene.choices[order[pos]]
        assert choice.feedback["en"] in box.locator(".miss-story-now").inner_text()
        assert page.evaluate("document.activeElement.classList.contains('miss-story-now')")
        scene = next((s for s in q.scenes if s.id == choice.next), None) if choice.next else None
        steps += 1
    assert ui["story_end"] in box.locator(".miss-story-now").inner_text()
    assert q.explanation["en"] in box.locator(".miss-story-now").inner_text()
    return steps


@pytest.mark.parametrize("where", ["page", "deck"])
def test_a_real_lesson_drives_the_second_try_and_a_whole_scenario(chromium, lesson_site, where):
    url, stem, quiz = lesson_site
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    watched = Watched(page, url)
    events = []
    try:
        if where == "page":
            page.goto(f"{url}en/{stem}.html")
            page.wait_for_selector(".miss-quiz", state="attached")
            box = page.locator(".miss-quiz").first
        else:
            page.goto(f"{url}en/{stem}.slides.html")
            page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
            page.wait_for_selector(".miss-quiz", state="attached")
            page.keyboard.press("Home")
            for _ in range(200):
                if page.evaluate("!!window.MissReveal.getCurrentSlide().querySelector('.miss-quiz')"):
                    break
                page.keyboard.press("n")
                page.wait_for_timeout(60)
            box = page.locator(".present .miss-quiz").first
        page.evaluate("document.addEventListener('misscourse:answer', (e) => (window.heard = [...(window.heard || []), e.detail]))")
        shown_ids = [q.id for q in quiz.questions if not (where == "deck" and q.resident)]
        assert f"of {len(shown_ids)}" in box.locator(".miss-quiz-progress").inner_text()
        single = next((q for q in quiz.questions if q.kind == "single" and q.id in shown_ids), None)
        if single:
            go_to_question(box, single.id)
            second_try_then_right(page, box, quiz, single)
            fits_on_slide(page, "after the second try")
        scenario = next((q for q in quiz.questions if q.kind == "scenario" and q.id in shown_ids), None)
        if scenario is None:
            pytest.skip(f"quiz {quiz.id!r} has no scenario yet")
        while not box.locator(".miss-prev").is_disabled():  # back to the first question
            box.locator(".miss-prev").click()
        go_to_question(box, scenario.id)
        steps = play_scenario(page, box, scenario, good=True)
        assert 2 <= steps <= 4
        fits_on_slide(page, "at the end of the scenario")
        events = page.evaluate("window.heard")
        decisions = [e for e in events if e["question"].startswith(scenario.id + "/")]
        assert len(decisions) == steps and all(e["correct"] for e in decisions)
        assert events[-1]["question"] == scenario.id and events[-1]["correct"] is True
        box.locator(".miss-restart").click()
        play_scenario(page, box, scenario, good=False)
        assert page.evaluate("window.heard.at(-1)")["correct"] is False
        assert not [v for v in run_axe(page)]
        assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
    finally:
        context.close()
