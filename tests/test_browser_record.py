"""The education record and the class view, in Debian's chromium, as a nurse would use them.

The record: a learner's answers in this browser's store, the page for one class plan, the
teach-back ticks, initials, interpreter and names typed in and kept after a reload, one printed
page on A4 and on Letter, readable at 360 px. The class view: three progress files opened at
once, one of them hostile; the other two counted, the most missed question first, the hostile
one refused with its name and reason shown as text.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from browser import Watched, run_axe
from misscourse.course import course
from misscourse.progress.answers import Answer
from misscourse.progress.summary import Catalog
from misscourse.progress.transfer import write_progress_file

pytestmark = pytest.mark.browser
START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)


def _pages(count: int) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", count)) if isinstance(count, bytes) else count


def _record(quiz, question, lesson, correct, minutes, lang="en"):
    return {"course_version": course().version, "lang": lang, "lesson": lesson, "quiz": quiz, "question": question,
            "answer": 0, "correct": correct,
            "time": (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", ".000Z")}


@pytest.fixture
def questions():
    """(quiz, question, lesson) of the first three questions of the first plan's first two lessons."""
    c = course()
    catalog = Catalog(c, "en")
    plan = c.plans[0]
    found = {}
    for slug in plan.lessons[:2]:
        found[slug] = [(quiz, qid, slug) for quiz, qid in catalog.by_lesson[slug]][:3]
    return plan, found


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_education_record_keeps_what_is_typed_and_prints_on_one_page(page, site_url, questions):
    plan, found = questions
    (first, second) = list(found)
    answers = [_record(*found[first][0], True, 0), _record(*found[first][1], False, 1),
               _record(*found[first][1], True, 2),  # a second try: the first try counts
               _record(*found[second][0], True, 60 * 24)]
    watched = Watched(page, site_url)
    page.goto(site_url + "index.html")
    key = f"misscourse:{course().version}:en:answers"
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, answers])
    page.goto(site_url + f"record.html?plan={plan.id}")
    rows = page.locator("#miss-record-table tbody tr")
    assert rows.count() == len(plan.lessons)
    c = course()
    n_first = len(Catalog(c, "en").by_lesson[first])
    assert f"1 of 2 (50%); 2 of {n_first} answered" in rows.nth(0).inner_text()
    assert "1 of 1 (100%)" in rows.nth(1).inner_text()
    assert "\u2014" in rows.nth(2).inner_text()  # not done yet
    # fill it in as the nurse and the learner would
    rows.nth(0).locator("input[type=checkbox]").check()
    rows.nth(0).locator("input[type=text]").fill("JL")
    page.locator("input[name=interpreter][value=yes]").check()
    page.locator("#miss-record-interp-lang").fill("Cantonese")
    page.locator("#miss-record-learner").fill("Ana Patient")
    page.locator("#miss-record-instructor").fill("J. Lee, RN")
    page.reload()
    rows = page.locator("#miss-record-table tbody tr")
    assert rows.nth(0).locator("input[type=checkbox]").is_checked()
    assert rows.nth(0).locator("input[type=text]").input_value() == "JL"
    assert page.locator("input[name=interpreter][value=yes]").is_checked()
    assert page.locator("#miss-record-learner").input_value() == "Ana Patient"
    # phone-sized: nothing wider than the screen, targets at least 24 px
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for box in page.locator(".miss-record input[type=checkbox], .miss-record input[type=radio], .miss-btn").all():
        b = box.bounding_box()
        assert b["width"] >= 24 and b["height"] >= 24
    assert not run_axe(page)
    for size in ("A4", "Letter"):
        pdf = page.pdf(format=size, print_background=True)
        assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, size
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked


def test_the_record_of_one_lesson_in_chinese(page, site_url):
    c = course()
    slug = c.lessons[4].slug
    watched = Watched(page, site_url)
    page.goto(site_url + f"record.zh.html?lesson={slug}")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("#miss-record-table tbody tr").count() == 1
    assert c.lesson(slug).title["zh"] in page.locator("#miss-record-for").inner_text()
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked


def test_the_class_view_reads_three_files_and_refuses_the_hostile_one(page, site_url, questions, tmp_path):
    _, found = questions
    (first, _second) = list(found)
    q1, q2 = found[first][0], found[first][1]
    learner_a = [_record(*q1, False, 0), _record(*q2, True, 1)]
    learner_b = [_record(*q1, False, 5), _record(*q1, True, 6), _record(*q2, False, 7)]
    files = []
    for name, records in (("learner-a.json", learner_a), ("learner-b.json", learner_b)):
        path = tmp_path / name
        write_progress_file(path, [Answer.parse(r) for r in records], course().version)
        files.append(path)
    hostile = tmp_path / "<img src=x onerror=alert(1)>.json"
    hostile.write_text(json.dumps({"format": "misscourse-progress", "schema": 1, "course_version": "1.0.0",
                                   "answers": [{"question": "<script>alert(1)</script>"}]}), encoding="utf-8")
    files.append(hostile)
    watched = Watched(page, site_url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_url + "class.html")
    page.locator("#miss-class-input").set_input_files([str(p) for p in files])
    page.wait_for_function("document.getElementById('miss-class-status').textContent.length > 0")
    assert "Read 2 of 3 files." in page.locator("#miss-class-status").inner_text()
    refused = page.locator("#miss-class-refused li")
    assert refused.count() == 1
    text = refused.inner_text()
    assert text.startswith(f"{hostile.name} was not read: ") and "course_version" in text
    assert page.locator("#miss-class-refused img, #miss-class-refused script").count() == 0
    assert "2 learners" in page.locator("#miss-class-intro").inner_text()
    rows = page.locator("#miss-class-table tbody tr")
    assert rows.count() == 2
    # q1 missed by both on the first try (100%), q2 by one of two (50%): q1 first
    assert rows.nth(0).locator("th").inner_text().startswith(f"{q1[0]}/{q1[1]}:")
    assert "2 of 2 learners (100%)" in rows.nth(0).inner_text()
    assert "1 of 2 learners (50%)" in rows.nth(1).inner_text()
    assert page.locator("#miss-class-chart").count() == 1
    assert not dialogs
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 5)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    assert not run_axe(page)
    assert not watched.errors and not watched.blocked, watched.errors + watched.blocked
