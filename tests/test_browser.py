"""The built site in headless Chromium, served on 127.0.0.1 with every other request blocked.

As an instructor and a patient would use it: every deck loads cleanly, every slide is reached
with the keyboard, quizzes answer wrong and right, axe-core finds no serious problem.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from browser import Watched, run_axe, serve
from misscourse.course import course
from misscourse.paths import STATIC_DIR
from misscourse.quizzes import load_quiz
from misscourse.site.plans import part_names
from misscourse.text import HTML_LANG
from misscourse.ui import ui_table

pytestmark = pytest.mark.browser
C = course()
# A class plan's middle decks are lesson decks (tested as such) with the same last slide as its
# first deck: the browser tests open each plan's first and last deck, the build tests all of them.
MIDDLE_PLAN_DECKS = {name for p in C.plans for name in part_names(p)[1:-1]}


def browser_pages(built_site, lang, pattern="*.html"):
    """The pages of ``lang``'s folder that the browser tests open: all but the middle plan decks."""
    return sorted(p for p in (built_site / lang).glob(pattern) if p.name not in MIDDLE_PLAN_DECKS)
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
    expected = [ui["correct"]] if right else [ui["not_right"], ui["not_quite"]]
    assert any(e in verdict for e in expected), f"{q['id']}: expected {expected!r}, saw {verdict!r}"
    feedback = page.locator(".present .miss-feedback").inner_text()
    if right:
        assert q["explanation"] in feedback
    else:  # a first wrong try: a hint, not yet the answer
        assert not q.get("hints") or q["hints"][0] in feedback
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
    questions = [q for q in questions if not q.get("resident")]  # residents' questions stay out of the slides
    ui = ui_table(lang)
    k = next(i for i, q in enumerate(questions) if q["kind"] in ("single", "truefalse"))
    for _ in range(k):
        page.locator(".present .miss-next").click()
    answer(page, questions[k], right=False, ui=ui)
    height = page.evaluate("[window.MissReveal.getCurrentSlide().scrollHeight, window.MissReveal.getConfig().height]")
    assert height[0] <= height[1] + 4, f"after an answer the quiz slide is {height[0]} px tall, the slide {height[1]} px"
    if page.locator(".present .miss-retry").count():  # or a second try straight away
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
    page.locator('.miss-lesson-card a[href$=".slides.html"]').nth(1).click()  # the second lesson's slides
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    page.wait_for_selector(".miss-quiz", state="attached", timeout=15000)
    while not present_has(page, ".miss-quiz"):
        next_slide(page)
    page.locator(".present .miss-check").click()
    assert ui_table("en")["pick_first"] in page.locator(".present .miss-feedback").inner_text()
    assert not watch.blocked and not watch.errors, (watch.blocked, watch.errors)


def test_every_deck_page_and_plan_draws_its_quizzes_from_disk_with_the_shared_data(new_page, built_site):
    """Opened from file:// (a USB stick, no server), every lesson deck, lesson page and class plan
    deck draws each of its quizzes from the quiz data and words in lib/ (the page itself holds no
    copy), in the page's language; the progress pages build the same course data as Python."""
    from misscourse.site.names import progress_name
    from misscourse.site.progress import page_data

    page, watch = new_page("file://")
    checked = 0
    for lang in C.languages:
        ui = ui_table(lang)
        for path in browser_pages(built_site, lang):
            if not (path.name.endswith(".slides.html") or re.fullmatch(r"\d\d-[a-z-]+\.html", path.name)):
                continue
            views = path.read_text(encoding="utf-8").count('type="application/vnd.jupyter.widget-view+json"')
            page.goto(path.as_uri())
            page.wait_for_function("['ready', 'failed'].includes(document.documentElement.dataset.missWidgets)")
            assert page.get_attribute("html", "data-miss-widgets") == "ready", path.name
            titles = page.locator(".miss-quiz-title").all_text_contents()
            assert len(titles) == views and views >= 1, f"{path.name}: {len(titles)} quizzes drawn of {views}"
            assert all(t.startswith(ui["quiz_label"]) for t in titles), (path.name, titles)
            assert "quiz" not in page.evaluate("""() => JSON.stringify(Object.values(JSON.parse(document.querySelector(
                'script[type="application/vnd.jupyter.widget-state+json"]').textContent).state).map(m => Object.keys(m.state)))""")
            checked += 1
        page.goto((built_site / progress_name(lang, C.languages[0])).as_uri())
        page.wait_for_selector("#miss-progress-table tbody tr")
        built = page.evaluate(f"MissProgressPage.data({json.dumps(lang)}, {{}})")
        assert built == json.loads(json.dumps(page_data(C, lang))), f"{lang}: the progress page's data differs"
    assert checked >= 4 * len(C.lessons)
    assert not watch.blocked and not watch.errors, (watch.blocked, watch.errors)


def test_a_deck_whose_shared_quiz_file_is_missing_says_so(new_page, built_site, tmp_path):
    """A copy of the course missing a quiz's shared file (a half-copied USB stick): the host
    reports that it could not draw the quiz, naming the missing entry, instead of a blank slide."""
    stem = C.stem(C.slugs[1])
    shutil.copytree(built_site / "lib", tmp_path / "lib")
    (tmp_path / "en").mkdir()
    shutil.copy(built_site / "en" / f"{stem}.slides.html", tmp_path / "en")
    missing = re.search(r'src="\.\./lib/(quizzes/[^"]+\.en\.js)"', (tmp_path / "en" / f"{stem}.slides.html").read_text(encoding="utf-8"))
    (tmp_path / "lib" / missing.group(1)).unlink()
    page, watch = new_page("file://")
    page.goto((tmp_path / "en" / f"{stem}.slides.html").as_uri())
    page.wait_for_function("document.documentElement.dataset.missWidgets === 'failed'")
    assert page.locator(".miss-quiz").count() == 0
    quiz_id = missing.group(1).split("/")[1].split(".")[0]
    assert any(f"quiz/en/{quiz_id} did not load" in e for e in watch.errors), watch.errors


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
        page.locator(".miss-option label").nth(1).click()  # the wrong one: the hint shows
        page.locator(".miss-check").click()
        assert hostile in page.locator(".miss-hint").inner_text()
        assert page.evaluate("window.pwned") is None and not dialogs
        assert page.locator(".miss-quiz img, .miss-quiz script, .miss-quiz b").count() == 0
        assert hostile in page.locator(".miss-prompt").inner_text()
        assert not watch.blocked


# -- phones, the scroll view, read aloud -----------------------------------------------------------
PHONE_WIDTHS = (360, 390)
PHONE_CHECK = """() => {
  const out = [], W = window.innerWidth, de = document.documentElement;
  const where = el => `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent || '').trim().slice(0, 40)}"`;
  if (de.scrollWidth > W + 1) out.push(`the page is ${de.scrollWidth} px wide on a ${W} px screen`);
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && !el.closest('[hidden], .notes'); };
  for (const el of document.querySelectorAll('main p, main li, main td, main th, main dd, main dt, main figcaption, main label, main h1, main h2, main h3')) {
    if (!shown(el) || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const size = parseFloat(getComputedStyle(el).fontSize), r = el.getBoundingClientRect();
    if (size < 16) out.push(`${where(el)} at ${size} px`);
    if (r.right > W + 1) out.push(`${where(el)} runs off the screen (right edge ${Math.round(r.right)})`);
  }
  for (const el of document.querySelectorAll('button, select, textarea, summary, input:not([type=hidden]), .miss-option label, .miss-sitenav a')) {
    if (!shown(el) || (el.tagName === 'INPUT' && el.closest('label'))) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) out.push(`${where(el)} is ${Math.round(r.width)}x${Math.round(r.height)} px`);
  }
  return out;
}"""


def _phone_pages(built_site, lang):
    """Every deck and page of a language: lessons, plan decks, home, progress, guides, printouts and sheets."""
    from misscourse.site.names import index_name, progress_name

    default = C.languages[0]
    names = [index_name(lang, default), progress_name(lang, default)]
    for lesson in C.lessons:
        names += [f"{lang}/{C.stem(lesson.slug)}.slides.html", f"{lang}/{C.stem(lesson.slug)}.html"]
    lessons = set(names)
    names += [p.relative_to(built_site).as_posix() for p in browser_pages(built_site, lang)
              if p.relative_to(built_site).as_posix() not in lessons]
    return names


@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("lang", C.languages)
def test_every_deck_and_page_reads_on_a_phone(chromium, site_url, built_site, lang, width):
    """No sideways scrolling, text at 16 px or more, every button and choice at least 24 by 24 px;
    decks open in reveal's scroll view. A screenshot of each goes to the site's screenshots/."""
    context = chromium.new_context(viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = Watched(page, site_url)
    shots = built_site / "screenshots"
    shots.mkdir(exist_ok=True)
    problems = []
    try:
        for name in _phone_pages(built_site, lang):
            page.goto(site_url + name)
            if name.endswith(".slides.html"):
                page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
                if not page.evaluate("window.MissReveal.isScrollView()"):
                    problems.append(f"{name}: not in the scroll view at {width} px")
            if page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count():
                page.wait_for_selector("html[data-miss-widgets=ready]", timeout=15000)
            problems += [f"{name}: {p}" for p in page.evaluate(PHONE_CHECK)]
            page.screenshot(path=str(shots / f"{name.replace('/', '-').replace('.html', '')}-{width}.png"))
    finally:
        context.close()
    assert not problems, "\n".join(problems[:40])
    assert not watch.errors and not watch.blocked, (watch.errors, watch.blocked)


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_site_navigation_is_one_row_with_a_menu_on_a_phone(chromium, site_url, width):
    """On a phone the course home and a menu share one row; the menu opens on a tap and lists every
    other link at a size a finger can hit. On a wide screen every link shows in the bar itself."""
    ui = ui_table("en")
    stem = C.stem(C.slugs[1])
    context = chromium.new_context(viewport={"width": width, "height": 780}, is_mobile=True, has_touch=True)
    page = context.new_page()
    watch = Watched(page, site_url)
    try:
        for name in (f"en/{stem}.slides.html", f"en/{stem}.html", f"zh/{stem}.html"):
            page.goto(site_url + name)
            nav = page.locator(".miss-sitenav")
            home, menu = nav.locator("> a").first, nav.locator("summary")
            assert home.is_visible() and menu.is_visible()
            assert abs(home.bounding_box()["y"] - menu.bounding_box()["y"]) < 12, f"{name}: home and menu on two rows"
            assert nav.bounding_box()["height"] <= 60, f"{name}: the bar is {nav.bounding_box()['height']} px tall"
            links = nav.locator(".miss-sitenav-links a")
            assert links.count() >= 3 and not links.first.is_visible()
            menu.tap()
            shown = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
            assert len(shown) >= 3, f"{name}: the menu opened with {len(shown)} links"
            for link in shown:
                box = link.bounding_box()
                assert box["height"] >= 24 and box["width"] >= 24 and box["x"] + box["width"] <= width + 1
        assert page.locator("summary").inner_text().strip() == ui_table("zh")["nav_more"]
    finally:
        context.close()
    assert not watch.errors and not watch.blocked, (watch.errors, watch.blocked)
    wide = chromium.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = wide.new_page()
        page.goto(f"{site_url}en/{stem}.html")
        assert not page.locator(".miss-sitenav summary").is_visible()
        assert page.get_by_role("link", name=ui["my_progress"]).is_visible()
    finally:
        wide.close()


def test_scroll_view_link_on_a_wide_screen(new_page, site_url):
    page, watch = new_page(site_url)
    page.goto(f"{site_url}en/{C.stem(C.slugs[1])}.slides.html")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    assert not page.evaluate("window.MissReveal.isScrollView()")
    href = page.get_attribute(".miss-sitenav a.miss-scroll-link", "href")
    assert href.endswith(".slides.html?view=scroll")
    page.click(".miss-sitenav a.miss-scroll-link")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    assert page.evaluate("window.MissReveal.isScrollView()")
    assert page.locator(".miss-quiz").count() == 1
    sizes = page.evaluate("[...document.querySelectorAll('.reveal .slides section p')].map(p => parseFloat(getComputedStyle(p).fontSize))")
    assert sizes and min(sizes) >= 16
    # the slide-number link names a slide that exists (no bare "#/")
    page.goto(f"{site_url}en/{C.stem(C.slugs[1])}.slides.html")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    target = page.get_attribute(".slide-number a", "href")
    assert target.startswith("#") and target != "#/" and page.locator(target).count() == 1
    assert not watch.errors and not watch.blocked


# A stand-in for speechSynthesis: records what would be said, in which language; voices as given.
SPEECH_STUB = """(() => {
  const voices = %s;
  const log = [];
  const stub = {
    speaking: false, paused: false, pending: false,
    getVoices: () => voices,
    speak(u) { log.push({call: 'speak', text: u.text, lang: u.lang, voice: u.voice && u.voice.lang}); },
    pause() { log.push({call: 'pause'}); }, resume() { log.push({call: 'resume'}); },
    cancel() { log.push({call: 'cancel'}); },
    addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: stub, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
  window.__speech = log;
})();"""
VOICES = '[{"lang": "en-US", "name": "Stub English", "localService": true}, {"lang": "zh-CN", "name": "Stub Chinese", "localService": true}]'


def _spoken(page, call="speak"):
    return [e for e in page.evaluate("window.__speech") if e["call"] == call]


def test_read_aloud_on_a_slide_pauses_stops_and_stops_on_slide_change(new_page, site_url):
    page, watch = new_page(site_url)
    page.add_init_script(SPEECH_STUB % VOICES)
    page.goto(f"{site_url}en/{C.stem(C.slugs[1])}.slides.html")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    button = page.locator(".present .miss-read-aloud-main")
    assert button.is_visible()
    words = ui_table("en")  # the button words come from ui_strings.yml
    assert button.inner_text() == words["read_aloud"]
    assert page.locator(".present .miss-read-aloud").get_attribute("aria-label").startswith(words["read_aloud_label"])
    button.focus()  # reachable by keyboard: a real button
    page.keyboard.press("Enter")
    said = _spoken(page)
    title = page.locator(".present h1").first.inner_text().strip()
    assert said and title.split()[0] in said[0]["text"]
    assert {e["lang"] for e in said} == {"en-US"} and {e["voice"] for e in said} == {"en-US"}
    assert not any("Please note" in e["text"] and "aside" in e["text"] for e in said)
    assert button.inner_text() == words["read_aloud_pause"]
    assert page.locator(".present .miss-read-aloud-stop").inner_text() == words["read_aloud_stop"]
    page.keyboard.press("Enter")
    assert _spoken(page, "pause") and button.get_attribute("aria-pressed") == "true"
    assert button.inner_text() == words["read_aloud_resume"]
    page.locator(".present .miss-read-aloud-stop").click()
    assert _spoken(page, "cancel") and button.get_attribute("aria-pressed") == "false"
    button.click()
    cancels = len(_spoken(page, "cancel"))
    page.evaluate("window.MissReveal.next()")
    assert len(_spoken(page, "cancel")) > cancels, "speech went on after the slide changed"
    assert not watch.errors and not watch.blocked


def test_read_aloud_on_a_chinese_page_speaks_chinese_and_hides_without_a_voice(new_page, site_url):
    page, watch = new_page(site_url)
    page.add_init_script(SPEECH_STUB % VOICES)
    page.goto(f"{site_url}zh/{C.stem(C.slugs[1])}.html")
    page.wait_for_selector(".miss-read-aloud-main")
    sections = page.locator(".miss-read-aloud")
    assert sections.count() >= 4 and sections.first.is_visible()
    assert sections.nth(1).locator(".miss-read-aloud-main").inner_text() == ui_table("zh")["read_aloud"]
    sections.nth(1).locator(".miss-read-aloud-main").click()
    said = _spoken(page)
    assert said and {e["lang"] for e in said} == {"zh-CN"}
    assert any(re.search(r"[\u4e00-\u9fff]", e["text"]) for e in said)
    title = sections.nth(1).get_attribute("aria-label").split("：", 1)[1]
    assert said[0]["text"].startswith(title + "。"), said[0]["text"]  # the heading, then a pause, then its text
    assert not watch.errors and not watch.blocked

    only_english = '[{"lang": "en-GB", "name": "Stub English", "localService": true}]'
    page, watch = new_page(site_url)
    page.add_init_script(SPEECH_STUB % only_english)
    page.goto(f"{site_url}zh/{C.stem(C.slugs[1])}.html")
    page.wait_for_function("document.documentElement.dataset.missReadAloud === 'no-voice'")
    assert page.locator(".miss-read-aloud:visible").count() == 0


DRAWN_PAGES = [  # (page, what shows before the scripts run, something drawn after them)
    ("progress", "main h1, .miss-progress-privacy", "#miss-progress-table", "#miss-progress-table tbody tr"),
    ("record", "main h1, .miss-record-course", "#miss-record-table", "#miss-record-table tbody tr"),
    ("class", "main h1, .miss-progress-privacy", "#miss-class-drop", "#miss-class-drop input"),
]


@pytest.mark.parametrize("kind, shown, hidden, drawn", DRAWN_PAGES, ids=[d[0] for d in DRAWN_PAGES])
def test_a_drawn_page_shows_its_title_first_and_does_not_shift_while_it_draws(new_page, site_url, kind, shown, hidden, drawn):
    """On a slow connection the progress, record and class pages show their title (and the lines
    under it) before their scripts arrive; the rest is drawn below without moving anything
    (Lighthouse's CLS)."""
    import time

    from misscourse.site import names

    def slow(route):
        time.sleep(0.4)
        route.continue_()

    for lang in C.languages:
        page, watch = new_page(site_url)
        page.route("**/lib/*.js", slow)
        page.route("**/lib/quizzes/*.js", slow)
        page.add_init_script("""window.__shift = 0; new PerformanceObserver(list => {
            for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
            .observe({type: 'layout-shift', buffered: true});""")
        page.goto(site_url + getattr(names, f"{kind}_name")(lang, C.languages[0]), wait_until="commit")
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
        first = page.evaluate("""([shown, hidden]) => ({
            drawing: document.documentElement.classList.contains('miss-drawing'),
            shown: [...document.querySelectorAll(shown)].map(e => getComputedStyle(e).visibility),
            hidden: getComputedStyle(document.querySelector(hidden)).visibility})""", [shown, hidden])
        assert first["drawing"] and first["hidden"] == "hidden", (kind, lang, first)
        assert first["shown"] == ["visible"] * len(shown.split(",")), (kind, lang, first)
        page.wait_for_selector(drawn, state="attached")
        page.wait_for_function("!document.documentElement.classList.contains('miss-drawing')")
        page.wait_for_timeout(300)
        assert page.evaluate(f"getComputedStyle(document.querySelector({json.dumps(hidden)})).visibility") == "visible"
        assert page.evaluate("window.__shift") < 0.01, (kind, lang)
        assert not watch.errors and not watch.blocked


def test_speaker_view_opens_offline_with_the_notes(new_page, site_url):
    page, watch = new_page(site_url)
    page.goto(f"{site_url}en/{C.stem(C.slugs[1])}.slides.html")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
    notes = page.evaluate("window.MissReveal.getSlideNotes()")
    assert notes and notes.strip()
    with page.expect_popup() as popup_info:
        page.keyboard.press("s")
    popup = popup_info.value
    popup_watch = Watched(popup, site_url)
    popup.wait_for_selector(".speaker-controls-notes", timeout=10000)
    popup.wait_for_function("document.querySelector('.speaker-controls-notes').textContent.trim().length > 20")
    assert re.sub(r"<[^>]+>", " ", notes).split()[0] in popup.inner_text(".speaker-controls-notes")
    assert not watch.blocked and not popup_watch.blocked and not watch.errors, (watch.errors, watch.blocked)


FIRST_SLIDE = """() => {
  // reveal's scroll view moves each slide into a page of its own (.scroll-page)
  const slide = document.querySelector('.reveal .slides .scroll-page section') || document.querySelector('.reveal .slides section section');
  const box = el => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(v => Math.round(v * 100) / 100); };
  const parts = [...slide.querySelectorAll('h1, h2, h3, p, li, aside, img, figure')].filter(el => !el.closest('.notes'));
  return {parts: parts.map(el => el.tagName + ' ' + box(el).join(',')),
          shown: parts.filter(el => el.getBoundingClientRect().height > 0).length,
          bottom: slide.getBoundingClientRect().bottom, screen: window.innerHeight};
}"""


@pytest.mark.parametrize("lang", C.languages)
def test_a_phone_paints_the_first_slide_before_the_deck_scripts_and_nothing_on_it_moves(chromium, site_url, built_site, lang):
    """On a phone the deck's first slide shows with only the page and its one stylesheet: its scripts
    start after that first paint. When reveal.js then lays the deck out as its scroll view, every
    part of the first slide stays where it was, to a hundredth of a pixel, and the next slide starts
    below the screen (so a slow phone's first paint is its largest, and nothing shifts)."""
    html = (built_site / lang / f"{C.stem(C.slugs[0])}.slides.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    assert head.count('rel="stylesheet"') == 1 and " defer" not in head
    scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
    assert scripts and all('type="miss/later"' in tag for tag in scripts), scripts
    decks = [p.relative_to(built_site).as_posix() for p in browser_pages(built_site, lang, "*.slides.html")]
    problems = []
    for width, height in ((412, 823),):  # Lighthouse's phone; the other widths: test_every_deck_and_page_reads_on_a_phone
        context = chromium.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
        held = context.new_page()
        held.route("**/*.js", lambda route: route.abort())  # the page as painted before its scripts run
        page = context.new_page()
        watch = Watched(page, site_url)
        try:
            for name in decks:
                held.goto(site_url + name)
                before = held.evaluate(FIRST_SLIDE)
                page.goto(site_url + name)
                page.wait_for_function("window.MissReveal && window.MissReveal.isReady() && window.MissReveal.isScrollView()")
                after = page.evaluate(FIRST_SLIDE)
                where = f"{name} at {width} px"
                if before["shown"] < 2:
                    problems.append(f"{where}: the first slide is not painted before the scripts run")
                if before["bottom"] < before["screen"]:
                    problems.append(f"{where}: the next slide would appear on the first screen")
                problems += [f"{where}: {a} moved to {b}" for a, b in zip(before["parts"], after["parts"]) if a != b]
        finally:
            context.close()
        assert not watch.errors and not watch.blocked, (watch.errors, watch.blocked)
    assert not problems, "\n".join(problems[:30])
