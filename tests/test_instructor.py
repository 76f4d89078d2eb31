"""The instructor's kit in the built site: guides, class plan decks, printouts, the presenter view.

Every check is a small function that returns what is wrong; each is also run once on a
deliberately broken input (``test_*_catches_*``) to show that it can fail.
"""

from __future__ import annotations

import copy
import json
import re

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from browser import run_axe
from misscourse.course import course
from misscourse.site.names import index_name
from misscourse.site.guide import GUIDE_SUFFIX, minutes_in
from misscourse.site.handouts import CHECKLIST, GLOSSARY, WARNING_SIGNS
from misscourse.paths import quizzes_dir
from misscourse.quizzes import load_quiz
from misscourse.site.plans import part_name, part_names, plan_name, running_time
from misscourse.text import HTML_LANG, pick
from misscourse.ui import ui_table

C = course()
LESSONS = [(lang, lesson.slug) for lang in C.languages for lesson in C.lessons]
LESSON_IDS = [f"{lang}-{slug}" for lang, slug in LESSONS]
PLANS = [(lang, plan.id) for lang in C.languages for plan in C.plans]
PLAN_IDS = [f"{lang}-{pid}" for lang, pid in PLANS]
SHEETS = 2  # a sheet of paper printed on both sides = 2 PDF pages
PAPERS = ("A4", "Letter")
MIN_PRINT_PX = 16  # 12pt


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def squash(text: str) -> str:
    return " ".join(text.split())


def notebook(lang: str, slug: str):
    return nbformat.read(C.notebook_path(slug, lang), as_version=4)


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


# -- checks ------------------------------------------------------------------------------------
def leaf_slides(deck_html: str) -> list:
    soup = BeautifulSoup(deck_html, "html.parser")
    slides = []
    for top in soup.select(".reveal .slides > section"):
        inner = top.find_all("section", recursive=False)
        slides += inner or [top]
    return slides


def slides_without_notes(deck_html: str) -> list[str]:
    """Content slides (anything shown besides the notes) whose speaker notes are missing or empty."""
    missing = []
    for i, slide in enumerate(leaf_slides(deck_html), 1):
        slide = copy.copy(slide)
        notes = [text_of(a) for a in slide.select("aside.notes")]
        for aside in slide.select("aside.notes"):
            aside.decompose()
        shown = text_of(slide) or slide.find(["img", "svg", "script"])
        if shown and not any(notes):
            missing.append(f"slide {i}: {text_of(slide)[:60]!r}")
    return missing


def teach_back_problems(deck_html: str, lessons: int) -> list[str]:
    """Each lesson in the deck (it starts at a lesson header) ends with teach-back prompts that have notes."""
    groups: list[list] = []
    for slide in leaf_slides(deck_html):
        if slide.select_one(".miss-plan-end"):
            continue  # a class plan's way on to its next lesson, after the teach-back
        if slide.select_one(".miss-header") and not slide.select_one(".miss-plan-header"):
            groups.append([])
        if groups:
            groups[-1].append(slide)
    problems = [] if len(groups) == lessons else [f"{len(groups)} lessons found, expected {lessons}"]
    for n, group in enumerate(groups):
        last = group[-1]
        if not last.select_one(".celltag_teach-back"):
            problems.append(f"lesson {n + 1} of the deck does not end with teach-back: {text_of(last)[:60]!r}")
        elif not any(text_of(a) for a in last.select("aside.notes")):
            problems.append(f"lesson {n + 1}: the teach-back has no notes (what a complete answer contains)")
    return problems


def expected_key(quiz_id: str, lang: str) -> list[dict]:
    """The answer key read straight from the quiz file (not through the code that writes the guide)."""
    data = yaml.safe_load((quizzes_dir() / f"{quiz_id}.yml").read_text(encoding="utf-8"))
    shown = {q.id: q for q in load_quiz(quiz_id).questions}  # only for the letters, in the order learners see
    ui = ui_table(lang)
    key = []
    for q in data["questions"]:
        if q["kind"] in ("single", "multiple"):
            letters = {id(o): letter for letter, o in shown[q["id"]].shown_options()}
            by_text = {pick(o.text, lang): letters[id(o)] for o in shown[q["id"]].options}
            right = [f"{by_text[pick(o['text'], lang)]}. {pick(o['text'], lang)}" for o in q["options"] if o.get("correct")]
            right.sort()
        elif q["kind"] == "truefalse":
            right = [ui["true_label"] if q["answer"] else ui["false_label"]]
        elif q["kind"] == "scenario":
            right = []
            for scene, model in zip(q["scenes"], shown[q["id"]].scenes):
                letters = {pick(c.text, lang): letter for letter, c in shown[q["id"]].shown_choices(model)}
                right += sorted(f"{pick(scene['text'], lang)} \u2192 {letters[pick(c['text'], lang)]}. {pick(c['text'], lang)}"
                                for c in scene["choices"] if c.get("good"))
        else:
            right = [pick(s, lang) for s in q["steps"]]
        key.append({"id": q.get("id"), "prompt": pick(q["prompt"], lang), "right": right,
                    "explanation": pick(q["explanation"], lang)})
    return key


def guide_key_problems(guide_html: str, slug: str, lang: str) -> list[str]:
    """Every question of the lesson's quizzes is in the guide once, with the quiz file's right answers."""
    soup = BeautifulSoup(guide_html, "html.parser")
    key = soup.select_one("#answer-key").find_parent("section")
    blocks = key.select("[data-question]")
    problems, seen = [], set()
    for quiz_id in C.lesson(slug).quizzes:
        for q in expected_key(quiz_id, lang):
            found = [b for b in blocks if b["data-quiz"] == quiz_id and
                     squash(b.select_one(".miss-guide-prompt strong").get_text()) == squash(q["prompt"])]
            if len(found) != 1:
                problems.append(f"{quiz_id}: question {q['prompt'][:50]!r} is in the guide {len(found)} times")
                continue
            seen.add(id(found[0]))
            right = [squash(li.get_text()) for li in found[0].select(".miss-right-answer")]
            if sorted(right) != sorted(squash(r) for r in q["right"]):
                problems.append(f"{quiz_id}: {q['prompt'][:50]!r}: guide says {right}, quiz file says {q['right']}")
            if squash(q["explanation"]) not in squash(found[0].get_text()):
                problems.append(f"{quiz_id}: {q['prompt'][:50]!r}: the explanation is missing")
    extra = [b["data-question"] for b in blocks if id(b) not in seen]
    if extra:
        problems.append(f"questions in the guide that are not in the quiz files: {extra}")
    return problems


def pdf_pages(pdf: bytes) -> int:
    counts = [int(m.group(1)) for m in re.finditer(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(m.group(1)) for m in re.finditer(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    assert counts, "no page tree in the PDF"
    return max(counts)


def page_limit_problems(counts: dict[str, int], low: int, high: int) -> list[str]:
    return [f"{paper}: {n} pages (allowed {low}-{high})" for paper, n in counts.items() if not low <= n <= high]


PRINT_PROBLEMS_JS = """(minPx) => {
  const shown = (el) => { const s = getComputedStyle(el);
    return s.display !== 'none' && s.visibility !== 'hidden' && el.getClientRects().length > 0; };
  const problems = [];
  for (const sel of ['.miss-sitenav', '.miss-quiz', '.miss-quiz button', '.miss-resident', 'aside.notes',
                     '.miss-print-btn', '.celltag_references']) {
    for (const el of document.querySelectorAll(sel)) if (shown(el)) problems.push('printed: ' + sel);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const small = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || !shown(el) || el.closest('svg')) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < minPx - 0.01) small.add(el.tagName.toLowerCase() + '.' + el.className + ' ' + px.toFixed(1) + 'px: '
                                     + node.textContent.trim().slice(0, 30));
  }
  return problems.concat([...small].slice(0, 8).map(s => 'small type: ' + s));
}"""


# -- guides ------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, slug", LESSONS, ids=LESSON_IDS)
def test_guide_answer_key_equals_the_quiz_files(built_site, lang, slug):
    html = read(built_site, f"{lang}/{C.stem(slug)}{GUIDE_SUFFIX}")
    assert not guide_key_problems(html, slug, lang)


def test_answer_key_check_catches_a_missing_question_and_a_wrong_answer(built_site):
    slug = "risks"
    html = read(built_site, f"en/{C.stem(slug)}{GUIDE_SUFFIX}")
    soup = BeautifulSoup(html, "html.parser")
    soup.select("#answer-key ~ ol [data-question]")[0].decompose()
    assert any("0 times" in p for p in guide_key_problems(str(soup), slug, "en"))
    soup = BeautifulSoup(html, "html.parser")
    soup.select(".miss-right-answer")[0].string = "Losing your hair"
    assert any("guide says" in p for p in guide_key_problems(str(soup), slug, "en"))


@pytest.mark.parametrize("lang, slug", LESSONS, ids=LESSON_IDS)
def test_guide_has_goals_timing_preparation_misunderstandings_teach_back_and_notes(built_site, lang, slug):
    ui = ui_table(lang)
    lesson = C.lesson(slug)
    html = read(built_site, f"{lang}/{C.stem(slug)}{GUIDE_SUFFIX}")
    soup = BeautifulSoup(html, "html.parser")
    page = squash(soup.get_text(" "))
    assert soup.html["lang"] == HTML_LANG[lang]
    for objective in pick(lesson.objectives, lang):
        assert squash(objective) in page
    assert ui["guide_time_planned"].format(n=lesson.minutes) in page

    nb = notebook(lang, slug)
    notes = [c.source for c in nb.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"
             and c.source.strip()]
    total = sum(m for m in map(minutes_in, notes) if m is not None)
    assert soup.select_one("[data-total]")["data-total"] == f"{round(total, 1):g}"
    assert str(lesson.minutes) in text_of(soup.select_one(".miss-guide-verdict"))
    # the speaker notes, every one, in the notes part (compared by their first words)
    notes_part = squash(soup.select_one("#notes").find_parent("section").get_text(" "))
    for source in notes:
        first = squash(BeautifulSoup(_md(source), "html.parser").get_text(" "))[:40]
        assert first in notes_part, f"notes missing from the guide: {first!r}"
    # teach-back: the prompts and what a complete answer contains
    teach = soup.select_one("#teach-back").find_parent("section")
    prompts = [c.source for c in nb.cells if "teach-back" in c.metadata.get("tags", [])]
    assert prompts and teach.select(".miss-guide-answers p, .miss-guide-answers li")
    for source in prompts:
        for line in source.splitlines()[1:]:
            line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line).strip()
            if line:
                assert squash(BeautifulSoup(_md(line), "html.parser").get_text()) in squash(teach.get_text(" "))
    # common misunderstandings: every wrong option with its feedback
    wrong = squash(soup.select_one("#misunderstandings").find_parent("section").get_text(" "))
    for quiz_id in lesson.quizzes:
        data = yaml.safe_load((quizzes_dir() / f"{quiz_id}.yml").read_text(encoding="utf-8"))
        for q in data["questions"]:
            for o in q.get("options", []):
                if not o.get("correct"):
                    assert squash(pick(o["text"], lang)) in wrong and squash(pick(o["feedback"], lang)) in wrong
            if q["kind"] == "truefalse":
                assert squash(pick(q["if_true"] if not q["answer"] else q["if_false"], lang)) in wrong
    # what to prepare: derived from what the lesson shows and hands out
    prepare = soup.select_one("#prepare").find_parent("section")
    links = {a["href"] for a in prepare.select("a")}
    assert {f"{C.stem(slug)}.slides.html", f"{C.stem(slug)}.html"} <= links
    code = " ".join(c.source for c in nb.cells if c.cell_type == "code")
    if "L.warning_signs()" in code:
        assert WARNING_SIGNS in links
    if any("checklist" in c.metadata.get("tags", []) for c in nb.cells):
        assert CHECKLIST in links
    from misscourse import diagrams

    for name in re.findall(r'L\.diagram\("([a-z-]+)"\)', code):
        assert squash(pick(diagrams.load_labels().entry(name).title, lang)) in squash(prepare.get_text(" "))


def _md(source: str) -> str:
    from misscourse.site.guide import markdown

    return markdown(source)


def test_guides_are_linked_from_the_home_page_and_never_from_a_deck(built_site):
    for lang in C.languages:
        home = read(built_site, index_name(lang, C.languages[0]))
        for lesson in C.lessons:
            assert f'href="{lang}/{C.stem(lesson.slug)}{GUIDE_SUFFIX}"' in home
    decks = list(built_site.rglob("*.slides.html"))
    assert len(decks) == len(C.languages) * (len(C.lessons) + sum(len(p.lessons) for p in C.plans))
    for deck in decks:
        assert GUIDE_SUFFIX not in deck.read_text(encoding="utf-8"), f"{deck.name} links to a guide"


def test_time_in_notes_is_read_in_both_languages():
    assert minutes_in("Say this.\n\nAbout 2 minutes.") == 2
    assert minutes_in("About 1 minute.") == 1
    assert minutes_in("Read it. About 30 seconds.") == 0.5
    assert minutes_in('Say: "It takes about 5 minutes."') is None  # a quote, not the timing
    assert minutes_in("No time here.") is None
    assert minutes_in("约2分钟。") == 2
    assert minutes_in("说明要点。大约两分钟。") == 2
    assert minutes_in("约半分钟。") == 0.5
    assert minutes_in("问：“您会先做哪一件？”约1分钟。") == 1
    assert minutes_in("说：“全部约5分钟。”") is None  # inside a quote, not the timing


# -- speaker notes and teach-back in every deck ---------------------------------------------------
def _all_decks():
    decks = [(lang, f"{lang}/{C.stem(slug)}.slides.html", 1) for lang, slug in LESSONS]
    decks += [(lang, f"{lang}/{name}", 1) for lang in C.languages for p in C.plans for name in part_names(p)]
    return decks


@pytest.mark.parametrize("lang, deck, lessons", _all_decks(), ids=[d for _, d, _ in _all_decks()])
def test_every_content_slide_of_every_deck_has_notes_and_every_lesson_ends_with_teach_back(built_site, lang, deck, lessons):
    html = read(built_site, deck)
    assert not slides_without_notes(html)
    assert not teach_back_problems(html, lessons)


def test_notes_and_teach_back_checks_catch_a_slide_without_notes(built_site):
    html = read(built_site, f"en/{C.stem('risks')}.slides.html")
    soup = BeautifulSoup(html, "html.parser")
    soup.select(".reveal .slides aside.notes")[3].decompose()
    assert len(slides_without_notes(str(soup))) == 1
    soup = BeautifulSoup(html, "html.parser")
    soup.select(".reveal .slides aside.notes")[0].string = "  "
    assert len(slides_without_notes(str(soup))) == 1
    soup = BeautifulSoup(html, "html.parser")
    soup.select_one(".celltag_teach-back").decompose()
    assert teach_back_problems(str(soup), 1)


# -- class plans -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, plan_id", PLANS, ids=PLAN_IDS)
def test_a_plan_is_one_deck_per_lesson_linked_in_order_with_its_title_and_running_time(built_site, lang, plan_id):
    import json

    from misscourse.build import cache_dir

    plan = next(p for p in C.plans if p.id == plan_id)
    ui = ui_table(lang)
    n = len(plan.lessons)
    minutes = sum(C.lesson(s).minutes for s in plan.lessons)
    assert running_time(C, plan) == minutes
    names = part_names(plan)
    assert names[0] == plan_name(plan) and len(set(names)) == n
    home = read(built_site, index_name(lang, C.languages[0]))
    assert f'href="{lang}/{plan_name(plan)}"' in home
    assert ui["plan_running_time"].format(n=minutes, k=n) in home
    # the home page lists the plan's lessons, each a link to its deck, in the plan's order
    soup = BeautifulSoup(home, "html.parser")
    item = next(li for li in soup.select(".miss-plans > li") if li.a["href"] == f"{lang}/{plan_name(plan)}")
    assert [a["href"] for a in item.select(".miss-plan-list a")] == [f"{lang}/{name}" for name in names]
    for k, (slug, name) in enumerate(zip(plan.lessons, names), 1):
        html = read(built_site, f"{lang}/{name}")
        soup = BeautifulSoup(html, "html.parser")
        slides = leaf_slides(html)
        title = squash(pick(C.lesson(slug).title, lang))
        if k == 1:  # the plan's title slide: the kicker, its title, every lesson, the running time
            first = text_of(slides[0])
            assert ui["plan_kicker"].format(n=n, m=minutes) in first and squash(pick(plan.title, lang)) in first
            for s in plan.lessons:
                assert squash(pick(C.lesson(s).title, lang)) in first
            assert [a["href"] for a in slides[0].select(".miss-plan-lessons a")] == names  # start at any lesson
            slides = slides[1:]
        assert title in text_of(slides[0]), f"{name}: does not start with lesson {k}, {title!r}"
        assert squash(ui["plan_part_title"].format(plan=pick(plan.title, lang), k=k, n=n, lesson=pick(C.lesson(slug).title, lang))) \
            == squash(soup.title.string)
        # the way on: the last slide, and the links the keys follow
        end = slides[-1]
        assert end.select_one(".miss-plan-end") and ui["plan_part_done"].format(k=k, n=n) in text_of(end)
        prev = soup.select_one('head link[rel="prev"]')
        nxt = soup.select_one('head link[rel="next"]')
        assert (prev["href"] if prev else None) == (part_name(plan, k - 1) if k > 1 else None), name
        assert (nxt["href"] if nxt else None) == (part_name(plan, k + 1) if k < n else None), name
        if k < n:
            link = end.select_one('a[rel="next"]')
            assert link["href"] == part_name(plan, k + 1)
            assert text_of(link) == squash(pick(C.lesson(plan.lessons[k]).title, lang))
        else:
            assert ui["plan_class_done"] in text_of(end)
            hrefs = [a["href"] for a in end.select("a")]
            assert f"../{'record.html' if lang == C.languages[0] else f'record.{lang}.html'}?plan={plan.id}" in hrefs
        # the lesson's quizzes work in its deck: their state is in it
        state = json.loads(re.search(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>',
                                     html, re.S).group(1))["state"]
        executed = nbformat.read(cache_dir(built_site) / lang / f"{C.stem(slug)}.ipynb", as_version=4)
        models = executed.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        quizzes = {m for m, model in models.items() if model.get("model_name") == "AnyModel"}
        assert quizzes and quizzes <= set(state), f"{name}: quiz state missing"
        assert set(re.findall(r'"model_id": "([0-9a-f]+)"', html)) <= set(state)


# -- printouts ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", C.languages)
def test_warning_card_checklist_and_glossary_come_from_their_sources(built_site, lang):
    card = squash(BeautifulSoup(read(built_site, f"{lang}/{WARNING_SIGNS}"), "html.parser").get_text(" "))
    plan = C.stoplight
    for text in [pick(plan.title, lang), *[C.fill(t, lang) for z in plan.zones for t in (z.heading, z.action)],
                 *[C.fill(s.text, lang) for z in plan.zones for s in z.signs]]:
        assert squash(text) in card
    cells = [c for slug in C.slugs for c in notebook(lang, slug).cells if "checklist" in c.metadata.get("tags", [])]
    assert cells, f"{lang}: no notebook cell is tagged 'checklist' (the questions-to-ask checklist)"
    checklist = squash(BeautifulSoup(read(built_site, f"{lang}/{CHECKLIST}"), "html.parser").get_text(" "))
    items = [re.sub(r"^\s*[-*]\s+", "", line).strip() for c in cells for line in c.source.splitlines()
             if re.match(r"^\s*[-*]\s+", line)]
    assert len(items) >= 10
    for item in items:
        assert squash(item) in checklist
    home = read(built_site, index_name(lang, C.languages[0]))
    for name in (WARNING_SIGNS, CHECKLIST, GLOSSARY):
        assert f'href="{lang}/{name}"' in home


# -- in the browser (fixtures chromium and site_url: conftest.py): printing and the presenter view ------
class Offline:
    """A browser context where every request outside ``allowed`` is blocked and recorded, in every
    page, popup and frame; console errors of all of them are recorded too."""

    def __init__(self, browser, allowed: str, **options):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
        self.allowed, self.blocked, self.errors = allowed, [], []
        self.context.route("**/*", self._route)
        self.context.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        self.context.on("weberror", lambda e: self.errors.append(f"page error: {e.error}"))
        self.context.on("requestfailed", lambda r: r.url not in self.blocked and self.errors.append(f"failed: {r.url}"))

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.allowed, "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def offline(chromium):
    made = []

    def make(allowed):
        made.append(Offline(chromium, allowed))
        return made[-1]

    yield make
    for o in made:
        o.close()


def printed_pages(page) -> dict[str, int]:
    page.emulate_media(media="print")
    return {paper: pdf_pages(page.pdf(format=paper)) for paper in PAPERS}


def open_for_print(ctx, url):
    page = ctx.context.new_page()
    page.goto(url)
    if page.locator("script[type='application/vnd.jupyter.widget-view+json']").count():
        page.wait_for_selector(".miss-quiz", state="attached", timeout=15000)
    return page


# The full lesson page (the take-home sheet is the one-sheet summary, tested in test_takehome.py)
LESSON_PAGE_SHEETS = 4
HANDOUTS = [(lang, f"{lang}/{C.stem(slug)}.html", 1, LESSON_PAGE_SHEETS * SHEETS) for lang, slug in LESSONS]
HANDOUTS += [(lang, f"{lang}/{name}", 1, 1) for lang in C.languages for name in (WARNING_SIGNS, CHECKLIST)]
HANDOUTS += [(lang, f"{lang}/{GLOSSARY}", 1, 2 * SHEETS) for lang in C.languages]


@pytest.mark.browser
@pytest.mark.parametrize("lang, path, low, high", HANDOUTS, ids=[h[1] for h in HANDOUTS])
def test_handout_prints_in_large_type_within_its_page_limit(offline, site_url, lang, path, low, high):
    ctx = offline(site_url)
    page = open_for_print(ctx, site_url + path)
    assert page.get_attribute("html", "lang") == HTML_LANG[lang]
    counts = printed_pages(page)
    print(f"{path}: " + ", ".join(f"{paper} {n}" for paper, n in counts.items()))
    assert not page_limit_problems(counts, low, high)
    assert not page.evaluate(PRINT_PROBLEMS_JS, MIN_PRINT_PX)
    page.emulate_media(media="screen")
    assert not run_axe(page)
    assert not ctx.errors and not ctx.blocked, (ctx.errors, ctx.blocked)


@pytest.mark.browser
def test_print_checks_catch_a_handout_that_is_too_long_or_too_small_or_shows_controls(offline, site_url):
    ctx = offline(site_url)
    page = open_for_print(ctx, site_url + f"en/{C.stem('recovery-at-home')}.html")
    page.add_style_tag(content="@media print { .miss-page main, .miss-page .jp-RenderedHTMLCommon { font-size: 22pt !important; } }")
    assert page_limit_problems(printed_pages(page), 1, 2 * SHEETS)
    page.add_style_tag(content="@media print { .miss-sitenav { display: flex !important; } "
                               ".miss-page .jp-RenderedHTMLCommon p { font-size: 9pt !important; } }")
    problems = page.evaluate(PRINT_PROBLEMS_JS, MIN_PRINT_PX)
    assert any("printed: .miss-sitenav" in p for p in problems) and any("small type" in p for p in problems)
    card = open_for_print(ctx, site_url + f"en/{WARNING_SIGNS}")
    card.add_style_tag(content="@media print { main { font-size: 60pt !important; } }")
    assert page_limit_problems(printed_pages(card), 1, 1)


def presenter_view(ctx, deck_url: str, steps: int = 2) -> list[str]:
    """Open a deck, press S, and follow the speaker view for a few slides; return what went wrong."""
    page = ctx.context.new_page()
    page.goto(deck_url)
    try:
        page.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=15000)
    except Exception as exc:  # noqa: BLE001
        return [f"the deck did not start: {type(exc).__name__}"]
    problems = []
    try:
        with ctx.context.expect_page(timeout=8000) as popup_info:
            page.keyboard.press("s")
        speaker = popup_info.value
    except Exception as exc:  # noqa: BLE001 - any failure to open is the finding
        return [f"the speaker view did not open: {type(exc).__name__}"]
    for step in range(steps):
        expected = page.evaluate("""() => [...window.MissReveal.getCurrentSlide().querySelectorAll('aside.notes')]
            .map(a => a.textContent).join(' ')""")
        expected = squash(expected)[:80]
        try:
            speaker.wait_for_function("""(text) => {
                const v = document.querySelector('.speaker-controls-notes .value');
                return v && v.textContent.replace(/\\s+/g, ' ').trim().startsWith(text); }""", arg=expected, timeout=8000)
        except Exception:  # noqa: BLE001
            shown = speaker.evaluate("(document.querySelector('.speaker-controls-notes .value') || {}).textContent || ''")
            problems.append(f"step {step}: the speaker view shows {squash(shown)[:60]!r}, not the notes {expected[:60]!r}")
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    previews = [f for f in speaker.frames if "receiver" in f.url]
    if len(previews) != 2:
        problems.append(f"{len(previews)} slide previews in the speaker view, expected 2 (current and upcoming)")
    for frame in previews:
        try:
            frame.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=8000)
        except Exception:  # noqa: BLE001
            problems.append(f"a slide preview did not load: {frame.url}")
    if speaker.evaluate("getComputedStyle(document.querySelector('#connection-status')).display") != "none":
        problems.append("the speaker view says it is not connected")
    return problems


def _presenter_decks():
    lang = C.languages[0]
    decks = [f"{lang}/{C.stem('risks' if 'risks' in C.slugs else C.slugs[0])}.slides.html"]
    decks += [f"{lang}/{plan_name(p)}" for p in C.plans[:1]]
    return decks


@pytest.mark.browser
@pytest.mark.parametrize("deck", _presenter_decks())
def test_presenter_view_opens_from_the_served_folder_with_outside_requests_blocked(offline, site_url, deck):
    ctx = offline(site_url)
    assert not presenter_view(ctx, site_url + deck)
    assert not ctx.blocked, ctx.blocked
    assert not ctx.errors, ctx.errors


@pytest.mark.browser
def test_presenter_view_opens_from_disk(offline, built_site):
    """The instructor's USB stick: file://, nothing else reachable."""
    ctx = offline("file://")
    assert not presenter_view(ctx, (built_site / _presenter_decks()[0]).as_uri())
    assert not ctx.blocked and not ctx.errors, (ctx.blocked, ctx.errors)


@pytest.mark.browser
def test_presenter_check_catches_a_missing_notes_plugin(offline, site_url):
    ctx = offline(site_url)
    ctx.context.route("**/plugin/notes/notes.js", lambda route: route.fulfill(status=404, body="not found"))
    assert presenter_view(ctx, site_url + _presenter_decks()[0])


def _ready(page, name: str) -> None:
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=15000)
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    page.wait_for_function(f"document.querySelectorAll('.miss-quiz').length >= {views}", timeout=30000)
    assert page.locator(".miss-quiz").count() == views >= 1, name


@pytest.mark.browser
@pytest.mark.parametrize("lang, plan_id", PLANS, ids=PLAN_IDS)
def test_a_class_goes_from_lesson_to_lesson_by_the_keys_and_its_quizzes_work(offline, site_url, lang, plan_id):
    """An instructor's clicker on a plan: from each deck's last slide, the right arrow opens the
    next lesson's deck at its first slide; from the second deck's first slide, the left arrow
    goes back to the first deck's last slide. Every deck draws its quizzes; the first and the
    last pass axe, and the last one's quiz answers a Check with nothing chosen."""
    plan = next(p for p in C.plans if p.id == plan_id)
    names = part_names(plan)
    ctx = offline(site_url)
    page = ctx.context.new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}{lang}/{names[0]}")
    for k, name in enumerate(names, 1):
        assert page.url.split("#")[0] == f"{site_url}{lang}/{name}", f"deck {k}: {page.url}"
        _ready(page, name)
        assert page.evaluate("window.MissReveal.getIndices().h") == 0, f"{name} did not open at its first slide"
        assert page.evaluate("window.MissReveal.getCurrentSlide().scrollHeight") <= page.evaluate(
            "window.MissReveal.getConfig().height") + 4
        if k in (1, len(names)):
            assert not run_axe(page), name
        if k == 2:  # back to the first deck's last slide, then on again
            page.keyboard.press("ArrowLeft")
            page.wait_for_url(f"{site_url}{lang}/{names[0]}*")
            _ready(page, names[0])
            assert page.evaluate("window.MissReveal.isLastSlide()"), "the left arrow did not open the last slide"
            assert page.locator(".present .miss-plan-end").count() == 1
            page.keyboard.press("ArrowRight")
            page.wait_for_url(f"{site_url}{lang}/{name}*")
            _ready(page, name)
        page.evaluate("window.MissReveal.slide(window.MissReveal.getHorizontalSlides().length - 1)")
        page.wait_for_timeout(100)
        if k < len(names):
            page.keyboard.press("ArrowRight")
            page.wait_for_url(f"{site_url}{lang}/{names[k]}*")
    # the class ends where it ends: the right arrow leaves the last slide of the last deck alone
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.url.split("#")[0] == f"{site_url}{lang}/{names[-1]}"
    # the last lesson's quiz answers: go to it and press Check with nothing chosen
    last = page.locator(".miss-quiz").last
    slide = last.evaluate("el => { const s = el.closest('section'); return window.MissReveal.getIndices(s); }")
    page.evaluate(f"window.MissReveal.slide({slide['h']}, {slide['v']})")
    page.wait_for_timeout(200)
    for _ in range(12):  # a scenario has no Check button: go on to a question that has one
        if page.locator(".present .miss-check").count():
            break
        page.locator(".present .miss-next").click()
    page.locator(".present .miss-check").click()
    assert ui_table(lang)["pick_first"] in page.locator(".present .miss-feedback").inner_text()
    if plan is C.plans[0]:  # a deck asked for its scroll view opens the next one in it too
        page.goto(f"{site_url}{lang}/{names[0]}?view=scroll")
        page.wait_for_function("window.MissReveal && window.MissReveal.isReady() && window.MissReveal.isScrollView()")
        page.evaluate("window.MissReveal.slide(window.MissReveal.getHorizontalSlides().length - 1)")
        page.wait_for_function("window.MissReveal.isLastSlide()")
        page.keyboard.press("ArrowRight")
        page.wait_for_url(f"{site_url}{lang}/{names[1]}?view=scroll")
    assert not ctx.errors and not ctx.blocked, (ctx.errors, ctx.blocked)


@pytest.mark.browser
@pytest.mark.parametrize("where", ["served", "disk"])
def test_the_speaker_view_follows_the_class_to_the_next_lesson(offline, site_url, built_site, where):
    """The speaker view opened on a plan's first deck stays with the class, from a web server and
    from disk: when the right arrow opens the next lesson's deck, the speaker view shows that
    deck's notes and its slide previews load that deck."""
    plan = max(C.plans, key=lambda p: len(p.lessons))
    lang = C.languages[0]
    names = part_names(plan)
    if where == "disk":
        site_url = built_site.as_uri() + "/"
    ctx = offline("file://" if where == "disk" else site_url)
    page = ctx.context.new_page()
    page.goto(f"{site_url}{lang}/{names[0]}")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=15000)
    with ctx.context.expect_page(timeout=8000) as popup_info:
        page.keyboard.press("s")
    speaker = popup_info.value
    speaker.wait_for_function("getComputedStyle(document.querySelector('#connection-status')).display === 'none'",
                              timeout=8000)
    page.evaluate("window.MissReveal.slide(window.MissReveal.getHorizontalSlides().length - 1)")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(f"{site_url}{lang}/{names[1]}*")
    page.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=15000)
    page.keyboard.press("ArrowRight")  # the deck's second slide
    expected = squash(page.evaluate("""() => [...window.MissReveal.getCurrentSlide().querySelectorAll('aside.notes')]
        .map(a => a.textContent).join(' ')"""))[:80]
    speaker.wait_for_function("""(text) => {
        const v = document.querySelector('.speaker-controls-notes .value');
        return v && v.textContent.replace(/\\s+/g, ' ').trim().startsWith(text); }""", arg=expected, timeout=10000)
    for _ in range(100):  # the previews reload within about a second (the speaker view's heartbeat)
        previews = [f.url.split("?")[0] for f in speaker.frames if "receiver" in f.url]
        if len(previews) == 2 and all(url.endswith(names[1]) for url in previews):
            break
        speaker.wait_for_timeout(100)
    assert len(previews) == 2 and all(url.endswith(names[1]) for url in previews), previews
    for frame in [f for f in speaker.frames if "receiver" in f.url]:
        frame.wait_for_function("window.MissReveal && window.MissReveal.isReady()", timeout=10000)
    assert not ctx.errors and not ctx.blocked, (ctx.errors, ctx.blocked)


@pytest.mark.browser
def test_guides_and_home_pass_axe(offline, site_url):
    ctx = offline(site_url)
    for lang in C.languages:
        for rel in [index_name(lang, C.languages[0])] + [f"{lang}/{C.stem(s)}{GUIDE_SUFFIX}" for s in C.slugs[:3]]:
            page = ctx.context.new_page()
            page.goto(site_url + rel)
            assert page.get_attribute("html", "lang") == HTML_LANG[lang]
            assert not run_axe(page), rel
            page.close()
    assert not ctx.errors and not ctx.blocked, (ctx.errors, ctx.blocked)
