"""The quiz front-end in Chromium, offline: the second try, the "Show the answer" button, a whole
scenario by keyboard, the answer event and record, and residents' questions left out of slides.

First on a page made the way the exporter makes a lesson's page, around a demo quiz (DEMO from
test_grading plus a resident's question) written as a quiz file in a temporary course folder:

- the widget state is what a notebook run saves for ``QuizWidget.for_quiz`` (ipywidgets' manager
  state, the Layout model included), trimmed by the exporter's own ``for_site`` (quiz data and
  interface words named in ``miss_shared`` instead of copied);
- the page's head, the two views (one on the page, one inside ``.reveal .slides`` as on a slide)
  and the scripts come from the exporter's templates (``course_common.j2``: ``widget_scripts``,
  ``widget_view``) in its Jinja environment; the state is embedded as nbconvert's lab template
  embeds it (``json_dumps | escape_html_script`` in a ``widget-state+json`` script);
- ``lib/`` is what the build writes (``copy_libraries``: the real ``widget-host.js``,
  ``quiz-module.js``, styles), plus the demo quiz's shared file from ``write_quiz_files``.

So the real static host draws the real quiz module. A page the host fails to draw fails its tests
with the host's error (:func:`drawn`). There is no kernel: what the quiz sends is what the host
records (``window.MissWidgets.sent``), and what a page hears is the ``misscourse:answer`` event.

Then in one real lesson executed and exported into a temporary folder, as its page and as its deck."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

from browser import Watched, run_axe, serve
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

# A page as course_lab/index.html.j2 writes one, cut to the quiz: the exporter's own macros for the
# head, the scripts and each view; the widget state where nbconvert's lab template puts it (the
# footer), with the same filters.
PAGE = """{%- from 'course_common.j2' import head_meta, course_css, widget_scripts, widget_view -%}
<!DOCTYPE html>
<html lang="en">
<head>
{{ head_meta(miss, "Quiz") }}
{{ course_css(miss) }}
{{ widget_scripts(miss) }}
</head>
<body>
<main>
<h1>Quiz host</h1>
<div id="page-quiz">{{ widget_view(views[0]) }}</div>
<div class="reveal"><div class="slides"><div id="deck-quiz">{{ widget_view(views[1]) }}</div></div></div>
</main>
<script type="{{ state_type }}">
{{ state | json_dumps | escape_html_script }}
</script>
</body>
</html>
"""

# what the page hears: every answer event the quiz dispatches (set before the page's own scripts run)
LISTEN = "window.events = []; document.addEventListener('misscourse:answer', (e) => window.events.push(e.detail));"


def saved_notebook(widget) -> nbformat.NotebookNode:
    """A notebook as a run saves it: two cells showing the widget, its state in the metadata."""
    from ipywidgets import Widget

    from misscourse.site.widgets import STATE

    bundle, _ = widget._repr_mimebundle_()
    cells = []
    for _ in range(2):
        cell = nbformat.v4.new_code_cell("L.quiz()")
        cell.outputs = [nbformat.v4.new_output("display_data", data=bundle)]
        cells.append(cell)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["widgets"] = {STATE: Widget.get_manager_state(widgets=[widget, widget.layout])}
    return nbformat.from_dict(nb)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from misscourse.course import course
    from misscourse.quiz_widget import QuizWidget
    from misscourse.quizzes import load_quiz
    from misscourse.site.export import Exporters, for_site
    from misscourse.site.libraries import copy_libraries
    from misscourse.site.names import LIB
    from misscourse.site.shared_data import write_quiz_files
    from misscourse.site.widgets import STATE, VIEW

    folder = tmp_path_factory.mktemp("quiz-host")
    copy_libraries(folder)  # lib/ as the build writes it for the course
    environment = Exporters(course(), folder).page.environment
    root = tmp_path_factory.mktemp("demo-course")  # a course folder holding the demo quiz
    (root / "quizzes").mkdir()
    (root / "quizzes" / "demo.yml").write_text(DEMO + RESIDENT, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MISSCOURSE_ROOT", str(root))
        quiz = load_quiz("demo")
        widget = QuizWidget.for_quiz("demo", "en", lesson="demo-lesson", course_version="9.9.9")
        try:
            nb, shared = for_site(saved_notebook(widget), "the demo notebook")
        finally:
            widget.layout.close()
            widget.close()
        write_quiz_files(folder / LIB, ["en"], ids=["demo"])
    models = nb.metadata["widgets"][STATE]["state"]
    assert [m["state"].get("miss_shared") for m in models.values()] == [{"quiz": "quiz/en/demo", "ui": "ui/en"}], \
        "the exporter no longer names the shared quiz files in the state: this page would not be a real one"
    html = environment.from_string(PAGE).render(
        miss={"vendor": LIB, "ui": ui_table("en"), "shared": shared},
        views=[cell.outputs[0] for cell in nb.cells], state=nb.metadata["widgets"][STATE], state_type=STATE)
    assert html.count(VIEW) == 2 and html.count(STATE) == 1 and "quiz-module.js" in html
    (folder / "index.html").write_text(html, encoding="utf-8")
    with serve(folder) as url:
        yield url, quiz


def drawn(page, watched) -> None:
    """Wait until lib/widget-host.js has drawn every view of the page; fail with what went wrong."""
    def problems():
        return "; ".join(watched.errors + [f"blocked: {u}" for u in watched.blocked]) or "no console error"

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("document.documentElement.hasAttribute('data-miss-widgets')", timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError(f"the widget host never finished (did lib/widget-host.js load?): {problems()}") from None
    outcome = page.evaluate("""async () => {
        try { await window.MissWidgets.ready; } catch (err) { return String(err); }
        const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length;
        const quizzes = document.querySelectorAll('.miss-widget-view > .miss-quiz').length;
        return quizzes === views ? '' : `${quizzes} quizzes drawn for ${views} views`;
    }""")
    if outcome or watched.errors:
        raise AssertionError(f"the widget host could not draw the quizzes: {outcome or 'drawn'}; {problems()}")


@pytest.fixture
def page(chromium, site):
    url, _ = site
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(10_000)  # a stuck step fails, it does not hang
    watched = Watched(page, url)
    page.goto(url + "index.html")
    drawn(page, watched)
    yield page
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
    context.close()


def sent(page) -> list[dict]:
    """What the quizzes sent through their models (the host records it: no kernel here)."""
    return page.evaluate("window.MissWidgets.sent")


def test_a_page_the_host_cannot_draw_fails_with_the_hosts_error(chromium, site):
    url, _ = site
    context = chromium.new_context()
    try:
        page = context.new_page()
        watched = Watched(page, url)
        page.route("**/lib/quizzes/demo.en.js", lambda route: route.fulfill(status=404, body=""))
        page.goto(url + "index.html")
        with pytest.raises(AssertionError, match="the shared file for quiz/en/demo did not load"):
            drawn(page, watched)
        assert page.evaluate("document.documentElement.getAttribute('data-miss-widgets')") == "failed"
        assert not page.locator(".miss-quiz").count()
    finally:
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
    messages = sent(page)
    assert [m["content"] for m in messages] == [{"event": "answer", **e} for e in events]
    assert len({m["model_id"] for m in messages}) == 1
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
