"""Grading: the front-end's checking functions (node's test runner on quiz.js), the same rules in
Python (misscourse.grading), and the re-check of every recorded answer before it is kept."""

from __future__ import annotations

import itertools
import json
import logging
import shutil
import subprocess
import textwrap

import pytest

from conftest import REPO
from misscourse import paths
from misscourse.grading import grade, grade_decision, recheck, walk
from misscourse.quiz_widget import QuizWidget, off_answer, on_answer
from misscourse.quizzes import load_quiz_file

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed")

DEMO = textwrap.dedent("""
    id: demo
    title: {en: Demo}
    questions:
      - id: one
        kind: single
        prompt: {en: "Day 3 at home, your wound is red. What do you do?"}
        options:
          - {text: {en: "Call your care team today"}, correct: true, feedback: {en: "Yes."}}
          - {text: {en: "Wait for your visit"}, feedback: {en: "No."}}
          - {text: {en: "Put cream on it"}, feedback: {en: "No."}}
        explanation: {en: "Call."}
      - id: all
        kind: multiple
        prompt: {en: "Which help?"}
        options:
          - {text: {en: "Walking"}, correct: true}
          - {text: {en: "Bed rest all day"}}
          - {text: {en: "Drinking water"}, correct: true}
          - {text: {en: "Smoking"}}
        explanation: {en: "Walk and drink."}
      - id: tf
        kind: truefalse
        prompt: {en: "A little walking helps you heal."}
        answer: true
        if_true: {en: "Yes."}
        if_false: {en: "It does help."}
        explanation: {en: "Walk."}
      - id: steps
        kind: order
        prompt: {en: "Order these."}
        steps: [{en: "Wash your hands"}, {en: "Take off the bandage"}, {en: "Look at the wound"}]
        explanation: {en: "Clean hands first."}
      - id: story
        kind: scenario
        prompt: {en: "Day 3 at home."}
        scenes:
          - id: wound
            text: {en: "Your wound is red and warm."}
            choices:
              - {text: {en: "Call today"}, good: true, feedback: {en: "The nurse asks questions."}, next: nurse}
              - {text: {en: "Wait"}, feedback: {en: "It gets worse."}, next: later}
          - id: nurse
            text: {en: "The nurse asks about fever."}
            choices:
              - {text: {en: "Take your temperature"}, good: true, feedback: {en: "Good."}}
              - {text: {en: "Guess"}, feedback: {en: "She cannot tell."}}
          - id: later
            text: {en: "It is worse."}
            choices:
              - {text: {en: "Call now"}, good: true, feedback: {en: "Good."}}
              - {text: {en: "Wait more"}, feedback: {en: "Worse."}}
              - {text: {en: "Ask a friend"}, feedback: {en: "Not sure."}}
        explanation: {en: "Call the same day."}
""")


@pytest.fixture
def demo_root(tmp_path, monkeypatch):
    """A course root whose only quiz is DEMO (load_quiz finds it there)."""
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "demo.yml").write_text(DEMO, encoding="utf-8")
    monkeypatch.setenv("MISSCOURSE_ROOT", str(tmp_path))
    return tmp_path


def demo_quiz(root):
    return load_quiz_file(root / "quizzes" / "demo.yml", objectives=None)


# -- the front-end's own checking functions ----------------------------------------------------------

@needs_node
def test_the_front_end_grading_table_passes_in_node():
    run = subprocess.run([NODE, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "NODE_OPTIONS": "--no-warnings"})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "# fail 0" in run.stdout
    passed = int(next(line for line in run.stdout.splitlines() if line.startswith("# pass")).split()[-1])
    assert passed >= 50  # the table ran, not an empty folder


def responses(q) -> list:
    """Many responses to one question: every key, subsets, orders, paths, and malformed ones."""
    if q.kind == "single":
        return [None, True, [0], -1, len(q.options), *range(len(q.options))]
    if q.kind == "multiple":
        keys = range(len(q.options))
        subsets = [list(c) for r in range(len(q.options) + 1) for c in itertools.combinations(keys, r)]
        return [None, 0, [0, 0], [len(q.options)], *subsets, *[list(reversed(s)) for s in subsets]]
    if q.kind == "truefalse":
        return [None, True, False, 0, 1]
    if q.kind == "order":
        perms = [list(p) for p in itertools.permutations(range(len(q.steps)))][:120]
        return [None, 0, [], [0], [0, 0], list(range(len(q.steps) + 1)), *perms]
    paths_ = [[a, b, c][:n] for a in range(4) for b in range(4) for c in range(3) for n in (1, 2, 3)]
    return [None, 0, [], *paths_]


@needs_node
def test_python_and_the_front_end_grade_every_response_alike(demo_root, tmp_path):
    """The kernel's re-check and the learner's screen agree on every question of the course and DEMO."""
    quizzes = [demo_quiz(demo_root)] + [load_quiz_file(p, objectives=None)
                                        for p in sorted((REPO / "quizzes").glob("*.yml"))]
    cases = []
    for quiz in quizzes:
        for q in quiz.questions:
            widget = q.to_widget("en")
            for response in responses(q):
                cases.append({"q": widget, "response": response, "python": list(grade(q, response)),
                              "where": f"{quiz.id}/{q.id}"})
    data = tmp_path / "cases.json"
    data.write_text(json.dumps(cases), encoding="utf-8")
    script = ("import { grade } from " + json.dumps((REPO / "misscourse/static/quiz.js").as_uri()) + ";\n"
              "import { readFileSync } from 'node:fs';\n"
              "const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));\n"
              "const out = cases.map((c) => { const g = grade(c.q, c.response); return [g.correct, g.verdict]; });\n"
              "console.log(JSON.stringify(out));\n")
    (tmp_path / "grade.mjs").write_text(script, encoding="utf-8")
    run = subprocess.run([NODE, str(tmp_path / "grade.mjs"), str(data)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    js = json.loads(run.stdout)
    assert len(js) == len(cases) > 500
    differ = [(c["where"], c["response"], c["python"], j) for c, j in zip(cases, js) if c["python"] != j]
    assert not differ, differ[:10]
    assert any(c["python"][0] for c in cases) and any(not c["python"][0] for c in cases)


# -- the same rules in Python --------------------------------------------------------------------------

@pytest.mark.parametrize("qid, response, expected", [
    ("one", 0, (True, "right")), ("one", 1, (False, "wrong")), ("one", None, (False, "empty")),
    ("one", True, (False, "wrong")), ("one", 9, (False, "wrong")), ("one", [0], (False, "wrong")),
    ("all", [0, 2], (True, "right")), ("all", [2, 0], (True, "right")), ("all", [0], (False, "partial")),
    ("all", [0, 1, 2], (False, "partial")), ("all", [0, 1, 2, 3], (False, "partial")), ("all", [1, 3], (False, "wrong")),
    ("all", [], (False, "empty")), ("all", [0, 2, 7], (False, "wrong")), ("all", [True, 2], (False, "wrong")),
    ("tf", True, (True, "right")), ("tf", False, (False, "wrong")), ("tf", 1, (False, "wrong")), ("tf", None, (False, "empty")),
    ("steps", [0, 1, 2], (True, "right")), ("steps", [1, 0, 2], (False, "partial")), ("steps", [2, 0, 1], (False, "wrong")),
    ("steps", [0, 1], (False, "wrong")), ("steps", [0, 1, 1], (False, "wrong")), ("steps", [], (False, "empty")),
    ("story", [0, 0], (True, "right")), ("story", [0, 1], (False, "partial")), ("story", [1, 0], (False, "partial")),
    ("story", [1, 1], (False, "wrong")), ("story", [0], (False, "wrong")), ("story", [0, 0, 0], (False, "wrong")),
    ("story", [1, 2], (False, "wrong")), ("story", [0, 2], (False, "wrong")), ("story", [], (False, "empty")),
])
def test_python_grading_table(demo_root, qid, response, expected):
    assert grade(demo_quiz(demo_root).question(qid), response) == expected


def test_scenario_decisions_and_paths(demo_root):
    q = demo_quiz(demo_root).question("story")
    assert grade_decision(q, "wound", 0) and not grade_decision(q, "wound", 1)
    assert grade_decision(q, "later", 0) and not grade_decision(q, "later", 2)
    assert not grade_decision(q, "nowhere", 0) and not grade_decision(q, "wound", True)
    assert walk(q, [1, 0]) == ([("wound", 1, False), ("later", 0, True)], True, True)


# -- a recorded answer is checked again before it is kept ----------------------------------------------

def message(**fields):
    return {"event": "answer", "course_version": "1.0.0", "lang": "en", "lesson": "", "quiz": "demo",
            "question": "one", "answer": 0, "correct": True, "time": "2026-01-01T00:00:00.000Z", **fields}


@pytest.mark.parametrize("fields, kept", [
    ({"answer": 0, "correct": True}, True),                       # agrees: right
    ({"answer": 1, "correct": False}, False),                     # agrees: wrong
    ({"question": "all", "answer": [0, 1, 2], "correct": False}, False),
    ({"question": "story/wound", "answer": 0, "correct": True}, True),     # a good scenario decision
    ({"question": "story", "answer": [0, 0], "correct": True}, True),      # a whole good path
])
def test_an_answer_the_quiz_file_agrees_with_is_kept_as_it_came(demo_root, caplog, fields, kept):
    with caplog.at_level(logging.WARNING, logger="misscourse.grading"):
        assert recheck(message(**fields))["correct"] is kept
    assert not caplog.records


@pytest.mark.parametrize("fields", [
    {"answer": 1, "correct": True},                               # a wrong option claimed right
    {"question": "all", "answer": [0, 1, 2], "correct": True},    # a superset claimed right
    {"question": "steps", "answer": [1, 0, 2], "correct": True},  # a wrong order claimed right
    {"question": "story/wound", "answer": 1, "correct": True},    # a poor decision claimed good
    {"question": "story", "answer": [1, 0], "correct": True},     # a path with a poor decision claimed right
    {"answer": 0, "correct": False},                              # a right answer the screen called wrong
])
def test_a_mismatch_is_logged_and_kept_as_wrong(demo_root, caplog, fields):
    with caplog.at_level(logging.WARNING, logger="misscourse.grading"):
        kept = recheck(message(**fields))
    assert kept["correct"] is False
    assert {k: v for k, v in kept.items() if k != "correct"} == {k: v for k, v in message(**fields).items() if k != "correct"}
    assert "demo/" in caplog.text and "kept as wrong" in caplog.text


@pytest.mark.parametrize("fields", [{"quiz": "no-such-quiz"}, {"question": "no-such-question"},
                                    {"question": "story/no-scene"}, {"question": "one/wound"}])
def test_an_answer_that_cannot_be_checked_is_logged_and_kept_as_wrong(demo_root, caplog, fields):
    with caplog.at_level(logging.WARNING, logger="misscourse.grading"):
        assert recheck(message(**fields))["correct"] is False
    assert "could not be checked" in caplog.text


def test_the_widget_rechecks_before_listeners_and_the_store_get_the_answer(demo_root, caplog):
    """The JupyterLab path: a front-end message with a wrong 'correct' flag reaches the store as wrong."""
    from misscourse.progress import record_answer
    from misscourse.progress.store import get_store

    widget = QuizWidget(quiz=demo_quiz(demo_root).to_widget("en"), lang="en", course_version="1.0.0")
    heard = []
    on_answer(heard.append)
    on_answer(record_answer)
    try:
        with caplog.at_level(logging.WARNING, logger="misscourse.grading"):
            widget._on_front_end_message(widget, message(answer=2, correct=True), [])
            widget._on_front_end_message(widget, message(answer=0, correct=True, time="2026-01-01T00:01:00.000Z"), [])
    finally:
        off_answer(heard.append)
        off_answer(record_answer)
    assert [a["correct"] for a in heard] == [False, True]
    assert [a["correct"] for a in widget.answers] == [False, True]
    stored = sorted(get_store().answers(), key=lambda a: a.time)
    assert [(a.question, a.answer, a.correct) for a in stored] == [("one", 2, False), ("one", 0, True)]
    assert "kept as wrong" in caplog.text


# -- scenario decisions in the answer record and the progress summary ------------------------------------

@pytest.mark.parametrize("question, ok", [
    ("story", True), ("story/wound", True), ("wound-red-day-3/call-nurse", True),
    ("story/wound/again", False), ("story/", False), ("/wound", False), ("Story/Wound", False), ("story wound", False),
])
def test_an_answer_record_names_a_question_or_one_scenario_decision(question, ok):
    from misscourse.progress.answers import Answer, InvalidAnswer

    data = {k: v for k, v in message(question=question).items() if k != "event"}
    if ok:
        kept = Answer.parse(data)
        assert kept.question == question and kept.is_decision is ("/" in question)
    else:
        with pytest.raises(InvalidAnswer) as info:
            Answer.parse(data)
        assert info.value.field == "question"


def test_the_summary_counts_a_scenario_by_its_whole_path_not_by_each_decision():
    from types import SimpleNamespace

    from misscourse.progress.answers import Answer
    from misscourse.progress.summary import histories

    def a(question, correct, minute):
        return Answer.parse({k: v for k, v in message(question=question, correct=correct, answer=[0],
                                                      time=f"2026-01-01T00:0{minute}:00.000Z").items() if k != "event"})

    # even a catalog that happened to list the decision's name does not count it as a question
    catalog = SimpleNamespace(lang="en", questions={("demo", "story"): None, ("demo", "story/wound"): None})
    found = histories([a("story/wound", False, 1), a("story/later", True, 2), a("story", False, 3)], catalog)
    assert list(found) == [("demo", "story")] and [x.question for x in found[("demo", "story")]] == ["story"]
