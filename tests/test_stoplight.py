"""The stoplight check fails on each kind of disagreement, planted in a copy of the course in
tmp_path, and passes when the copy agrees. The lesson box shows the plan from course.yml."""

from __future__ import annotations

import shutil

import nbformat
import pytest
import yaml

from conftest import REPO
from misscourse.checks import CHECKS, stoplight
from misscourse.course import load_course

QUIZ = """
id: home
title: {en: "Home", zh: "在家"}
questions:
  - id: fever-at-home
    kind: single
    objective: 1
    sign: fever
    prompt: {en: "Your temperature is 38°C (100.4°F). What do you do?", zh: "体温38°C（100.4°F）。怎么办？"}
    options:
      - {text: {en: "Call your care team today", zh: "今天联系医生"}, correct: true, zone: yellow,
         feedback: {en: "Yes.", zh: "对。"}}
      - {text: {en: "Wait a week", zh: "等一周"}, zone: green, feedback: {en: "No.", zh: "不对。"}}
    explanation: {en: "A fever is yellow.", zh: "发烧属于黄色。"}
  - id: calf-story
    kind: scenario
    objective: 1
    sign: calf-clot-signs
    prompt: {en: "Day 5 at home.", zh: "回家第5天。"}
    scenes:
      - id: leg
        text: {en: "Your left calf is swollen and warm. What do you do?", zh: "左小腿又肿又发烫。怎么办？"}
        choices:
          - {text: {en: "Call emergency services now", zh: "马上拨打急救电话"}, good: true, zone: red,
             feedback: {en: "Yes.", zh: "对。"}}
          - {text: {en: "Rub it", zh: "揉一揉"}, feedback: {en: "No.", zh: "不对。"}}
"""

GOOD_MD = "## If something is wrong\n\nFor a red sign, call emergency services now. The box below shows the number."


def _notebook(*sources_and_tags) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    for source, tags in sources_and_tags:
        cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["tags"] = tags
        nb.cells.append(cell)
    nb.cells.append(nbformat.v4.new_code_cell("L.warning_signs()"))
    return nb


@pytest.fixture
def root(tmp_path):
    """A copy of the course file with one quiz and one lesson notebook that agree with it."""
    base = tmp_path / "course"
    (base / "quizzes").mkdir(parents=True)
    shutil.copy(REPO / "course.yml", base / "course.yml")
    (base / "quizzes" / "home.yml").write_text(QUIZ, encoding="utf-8")
    write_lesson(base, GOOD_MD)
    return base


def write_lesson(base, *cells, lang="en"):
    path = base / "notebooks" / lang / "08-recovery-at-home.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    cells = [c if isinstance(c, tuple) else (c, []) for c in cells]
    nbformat.write(_notebook(*cells), str(path))
    return path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_course_that_agrees_passes(root):
    assert stoplight(root) == []
    assert CHECKS["stoplight"] is stoplight


def test_the_real_course_has_signs_the_quizzes_can_name():
    signs = load_course().stoplight.signs
    assert {"fever", "calf-clot-signs", "trouble-breathing-chest-pain", "spinal-fluid-leak"} <= set(signs)


def test_a_right_option_in_another_zone_fails(root):
    edit(root / "quizzes" / "home.yml", "correct: true, zone: yellow", "correct: true, zone: red")
    assert stoplight(root) == [
        "quizzes/home.yml: question 'fever-at-home': options[0] is marked right with zone 'red', "
        "but sign 'fever' is in zone 'yellow' in course.yml"]


def test_a_good_scenario_choice_in_another_zone_fails(root):
    edit(root / "quizzes" / "home.yml", "good: true, zone: red", "good: true, zone: yellow")
    assert stoplight(root) == [
        "quizzes/home.yml: question 'calf-story': scene 'leg' choices[0] is marked right with zone 'yellow', "
        "but sign 'calf-clot-signs' is in zone 'red' in course.yml"]


def test_a_wrong_option_may_carry_another_zone_but_an_unknown_sign_fails(root):
    edit(root / "quizzes" / "home.yml", "sign: fever", "sign: high-fever")
    problems = stoplight(root)
    assert len(problems) == 1 and problems[0].startswith(
        "quizzes/home.yml: question 'fever-at-home': sign 'high-fever' is not in the stoplight of course.yml")


@pytest.mark.parametrize("text, numbers", [
    ("If you cannot breathe, call 911 now.", "911"),
    ("出现这些情况，请拨打120。", "120"),
    ("In the UK, call 999 or 112.", "999, 112"),
])
def test_a_lesson_that_writes_an_emergency_number_fails(root, text, numbers):
    path = write_lesson(root, GOOD_MD, text)
    assert stoplight(root) == [
        f"notebooks/en/08-recovery-at-home.ipynb: cell 1 writes the emergency number {numbers}; say \"call "
        "emergency services\" and let L.warning_signs() show the number from course.yml (local.emergency_number)"]
    assert path.exists()


def test_speaker_notes_are_checked_but_references_and_other_numbers_are_not(root):
    write_lesson(root, GOOD_MD, ("Say: the number is 911.", ["notes"]))
    assert len(stoplight(root)) == 1
    write_lesson(root, GOOD_MD, ("1. Smith J. Spine. 2019;44(2):112-120.", ["references"]),
                 "Walk 1200 steps, sit for 20 minutes, a fever of 38.9 or 100.4°F, page 9110.")
    assert stoplight(root) == []


def test_a_sign_in_two_zones_fails(root):
    path = root / "course.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    red = next(z for z in data["stoplight"]["zones"] if z["id"] == "red")
    red["signs"].append({"id": "fever", "text": {"en": "A high fever", "zh": "高烧"}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = stoplight(root)
    assert len(problems) == 1 and "sign 'fever' is listed in two zones: 'yellow' and 'red'" in problems[0]
    assert problems[0].startswith(str(path))


def test_a_translation_that_drops_the_emergency_placeholder_fails(root):
    path = root / "course.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    red = next(z for z in data["stoplight"]["zones"] if z["id"] == "red")
    red["heading"]["zh"] = "红色：马上拨打急救电话"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert stoplight(root) == ["course.yml: stoplight.zones.red.heading (zh): placeholders none, "
                               "English has {emergency}"]


# -- the box a lesson shows ------------------------------------------------------------------------
def test_the_box_shows_three_zones_with_shapes_borders_and_the_local_numbers():
    from misscourse.lesson import LessonView

    course = load_course()
    for lang, number in (("en", "911"), ("zh", "120")):
        box = LessonView("recovery-at-home", lang).warning_signs()
        html = box._repr_html_()
        counts = ", ".join(f"{len(z.signs)} {z.id}" for z in course.stoplight.zones)
        assert repr(box) == f"Warning signs: {counts}; emergency {number}"
        zones = [z.id for z in course.stoplight.zones]
        positions = [html.index(f'data-zone="{z}"') for z in zones]
        assert positions == sorted(positions)
        for zone in course.stoplight.zones:              # every heading, action and sign, filled in
            assert course.fill(zone.heading, lang) in html and course.fill(zone.action, lang) in html
            assert all(course.fill(s.text, lang) in html for s in zone.signs)
        assert "{" not in html.split("</style>", 1)[1]   # no placeholder left
        assert f"{number}" in course.fill(course.stoplight.zone("red").heading, lang)
        assert "________" in html                         # the care team's number: a line to write on
        for cue in ("miss-zone-icon", "solid", "dashed", "double"):
            assert cue in html
        assert html.count("<svg") == 3 and html.count('aria-hidden="true"') == 3
        assert "<section" not in html            # reveal.js would take a <section> for a slide of its own
        assert html.count('role="group"') == 3


def test_the_guide_of_a_lesson_with_the_box_explains_each_signs_zone():
    from misscourse.site.guide import guide_data

    course = load_course()
    nb = nbformat.read(course.notebook_path("recovery-at-home", "zh"), as_version=4)
    zones = guide_data(course, "recovery-at-home", "zh", nb, {})["stoplight"]
    assert [z["id"] for z in zones] == ["green", "yellow", "red"]
    assert "120" in zones[2]["heading"]
    signs = {s["id"]: s for z in zones for s in z["signs"]}
    assert set(signs) == set(course.stoplight.signs)
    assert all(s["notes"] for s in signs.values()), "every sign says why it is in its zone"
    nb.cells = [c for c in nb.cells if "L.warning_signs()" not in c.source]
    assert guide_data(course, "recovery-at-home", "zh", nb, {})["stoplight"] is None
