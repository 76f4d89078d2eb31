"""The built site in headless Chromium, served on 127.0.0.1 with every other request blocked.

As an instructor and a patient would use it: every deck loads cleanly, every slide is reached
with the keyboard, quizzes answer wrong and right, axe-core finds no serious problem.
"""

from __future__ import annotations

import json
import shutil

import pytest

from browser import Watched, run_axe, serve
from misscourse.course import course
from misscourse.paths import STATIC_DIR
from misscourse.quizzes import load_quiz
from misscourse.text import HTML_LANG
from misscourse.ui import ui_table

pytestmark = pytest.mark.browser
C = course()
DECKS = [(lang, lesson.slug) for lang in C.languages for lesson in C.lessons]
IDS = [f"{lang}-{slug}" for lang, slug in DECKS]




@pytest.fixture
def new_page(chromium):
    contexts = []

    def make(allowed_prefix, **options):
        context = chromium.new_context(viewport={"width": 1280, "height": 800}, **options)
        contexts.append(context)
        page = context.new_page()
        return page, Watched(page, allowed_prefix)

    yield make
    for context in contexts:
        context.close()


def open_deck(new_page, site_url, lang, slug):
    page, watch = new_page(site_url)
    page.goto(f"{site_url}{lang}/{C.stem(slug)}.slides.html")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    page.wait_for_selector(".miss-quiz", state="attached", timeout=15000)
    return page, watch


def next_slide(page):
    page.keyboard.press("n")
    page.wait_for_timeout(60)


def present_has(page, selector) -> bool:
    return page.evaluate(f"!!window.MissReveal.getCurrentSlide().querySelector({json.dumps(selector)})")


def answer(page, q, right: bool, ui):
    """Choose a right or a wrong answer to question ``q`` (quiz data) in the slide showing now."""
    labels = page.locator(".present .miss-option label")
    if q["kind"] == "truefalse":
        picks = [0 if q["answer"] == right else 1]
    elif q["kind"] == "single":
        picks = [next(i for i, o in enumerate(q["options"]) if o["correct"] == right)]
    else:  # multiple
        picks = [i for i, o in enumerate(q["options"]) if o["correct"]] if right else \
            [next(i for i, o in enumerate(q["options"]) if not o["correct"])]
    for i in picks:
        labels.nth(i).click()
    page.locator(".present .miss-check").click()
    verdict = page.locator(".present .miss-verdict").inner_text()
    expected = ui["correct"] if right else ui["not_quite"]
    assert expected in verdict, f"{q['id']}: expected {expected!r}, saw {verdict!r}"
    feedback = page.locator(".present .miss-feedback").inner_text()
    assert q["explanation"] in feedback
    if q["kind"] == "single":
        assert q["options"][picks[0]]["feedback"] in feedback
    elif q["kind"] == "truefalse":
        assert (q["if_true"] if picks[0] == 0 else q["if_false"]) in feedback
    # focus left the inputs, so the slide keys work again
    assert page.evaluate("document.activeElement.classList.contains('miss-feedback')")


@pytest.mark.parametrize("lang, slug", DECKS, ids=IDS)
def test_deck_walkthrough_quiz_and_accessibility(new_page, site_url, built_site, lang, slug):
    page, watch = open_deck(new_page, site_url, lang, slug)
    stem = C.stem(slug)
    shots = built_site / "screenshots"
    shots.mkdir(exist_ok=True)
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]

    total = page.evaluate("window.MissReveal.getTotalSlides()")
    seen, problems, shot = set(), [], set()
    for _ in range(total + 2):
        indices = page.evaluate("JSON.stringify(window.MissReveal.getIndices())")
        if indices not in seen:
            seen.add(indices)
            height = page.evaluate("[window.MissReveal.getCurrentSlide().scrollHeight, window.MissReveal.getConfig().height]")
            if height[0] > height[1] + 4:
                problems.append(f"slide {indices}: content is {height[0]} px tall, the slide {height[1]} px")
            for v in run_axe(page):
                problems.append(f"slide {indices}: {v['id']} ({v['impact']}): {v['help']} {v['nodes']}")
            for kind, selector in (("title", ".miss-header"), ("diagram", ".miss-figure"), ("quiz", ".miss-quiz")):
                if kind not in shot and present_has(page, selector):
                    page.screenshot(path=str(shots / f"{lang}-{stem}-{kind}.png"))
                    shot.add(kind)
        if page.evaluate("window.MissReveal.isLastSlide()"):
            break
        next_slide(page)
    assert len(seen) == total, f"reached {len(seen)} of {total} slides with the keyboard"
    assert {"title", "diagram", "quiz"} <= shot
    assert not problems, "\n".join(problems)

    # back to the first quiz, as a person would: slide by slide
    page.keyboard.press("Home")
    while not present_has(page, ".miss-quiz"):
        next_slide(page)
    quiz = next(q for q in C.lesson(slug).quizzes)
    questions = [q.to_widget(lang) for q in load_quiz(quiz).questions]
    ui = ui_table(lang)
    k = next(i for i, q in enumerate(questions) if q["kind"] != "order")
    for _ in range(k):
        page.locator(".present .miss-next").click()
    answer(page, questions[k], right=False, ui=ui)
    height = page.evaluate("[window.MissReveal.getCurrentSlide().scrollHeight, window.MissReveal.getConfig().height]")
    assert height[0] <= height[1] + 4, f"after an answer the quiz slide is {height[0]} px tall, the slide {height[1]} px"
    page.locator(".present .miss-retry").click()
    answer(page, questions[k], right=True, ui=ui)
    before = page.evaluate("JSON.stringify(window.MissReveal.getIndices())")
    next_slide(page)
    assert page.evaluate("JSON.stringify(window.MissReveal.getIndices())") != before, "slide keys blocked after a quiz answer"
    assert not watch.errors, watch.errors
    assert not watch.blocked, watch.blocked


@pytest.mark.parametrize("lang, slug", DECKS, ids=IDS)
def test_readable_page_loads_offline_and_passes_axe(new_page, site_url, lang, slug):
    page, watch = new_page(site_url)
    page.goto(f"{site_url}{lang}/{C.stem(slug)}.html")
    page.wait_for_selector(".miss-quiz", state="attached", timeout=15000)
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    problems = run_axe(page)
    assert not problems, problems
    assert page.locator("img:not([alt])").count() == 0
    assert not watch.errors, watch.errors
    assert not watch.blocked, watch.blocked


def test_home_pages_list_every_lesson_and_pass_axe(new_page, site_url):
    from misscourse.site.names import index_name

    for lang in C.languages:
        page, watch = new_page(site_url)
        page.goto(site_url + index_name(lang, C.languages[0]))
        assert page.get_attribute("html", "lang") == HTML_LANG[lang]
        assert page.locator(".miss-lesson-card").count() == len(C.lessons)
        assert not run_axe(page)
        assert not watch.errors and not watch.blocked


def test_quiz_works_from_disk_with_no_server(new_page, built_site):
    """An instructor double-clicks index.html on a USB stick: file:// with the network off."""
    page, watch = new_page("file://")
    page.goto((built_site / "index.html").as_uri())
    page.locator(".miss-lesson-card a").nth(2).click()  # the second lesson's slides
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    page.wait_for_selector(".miss-quiz", state="attached", timeout=15000)
    while not present_has(page, ".miss-quiz"):
        next_slide(page)
    page.locator(".present .miss-check").click()
    assert ui_table("en")["pick_first"] in page.locator(".present .miss-feedback").inner_text()
    assert not watch.blocked and not watch.errors, (watch.blocked, watch.errors)


def test_hostile_quiz_text_shows_as_text(new_page, tmp_path):
    """A quiz string full of markup is shown literally; nothing in it runs."""
    hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold?</b>'
    shutil.copy(STATIC_DIR / "quiz.js", tmp_path / "quiz.js")
    shutil.copy(STATIC_DIR / "quiz.css", tmp_path / "quiz.css")
    quiz = {"id": "evil", "title": hostile, "questions": [{
        "id": "q", "kind": "single", "prompt": hostile, "explanation": hostile, "hints": [hostile],
        "options": [{"text": hostile, "correct": True, "feedback": hostile},
                    {"text": "plain", "correct": False, "feedback": "plain"}]}]}
    model = {"quiz": quiz, "ui": ui_table("en"), "lang": "en", "lesson": "x", "course_version": "t"}
    script_json = json.dumps(model).replace("</", "<\\/")  # inside <script>, "</script>" would end it
    (tmp_path / "index.html").write_text(f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="quiz.css"></head><body><main><div id="q"></div></main>
<script type="module">
import quiz from "./quiz.js";
const data = {script_json};
quiz.render({{model: {{get: (k) => data[k], send() {{}}, on() {{}}}}, el: document.getElementById("q")}});
</script></body></html>""", encoding="utf-8")
    with serve(tmp_path) as url:
        page, watch = new_page(url)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "index.html")
        page.wait_for_selector(".miss-quiz")
        page.locator(".miss-option label").first.click()
        page.locator(".miss-hint-btn").click()
        page.locator(".miss-check").click()
        assert page.evaluate("window.pwned") is None and not dialogs
        assert page.locator(".miss-quiz img, .miss-quiz script, .miss-quiz b").count() == 0
        assert hostile in page.locator(".miss-prompt").inner_text()
        assert hostile in page.locator(".miss-feedback").inner_text()
        assert not watch.blocked
