"""Check a learner's response against the quiz file, by the same rules as the quiz front-end.

The front-end (``static/quiz.js``, its exported ``grade``) decides what the learner is told; a
recorded answer carries its ``correct`` flag. Before an answer is kept, :func:`recheck` grades
it again here from the quiz file, so a fault in the front-end (or a forged message) cannot put
a wrong answer into the progress store as right: a disagreement is logged and kept as wrong.

Responses name options by their key, their place in the quiz file (not where they are shown):
single: a key; multiple: a list of keys; truefalse: true or false; order: the step numbers in
the order the learner put them; scenario: the choice keys of one path, first scene to an
ending. A scenario decision is recorded as question ``<question id>/<scene id>`` with one key.
"""

from __future__ import annotations

import logging
from typing import Any

from .quizzes import Question, load_quiz
from .sourcefile import SourceError

log = logging.getLogger("misscourse.grading")

RIGHT, PARTIAL, WRONG, EMPTY = "right", "partial", "wrong", "empty"


def _is_key(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _result(correct: bool, verdict: str) -> tuple[bool, str]:
    return correct, RIGHT if correct else verdict


def walk(q: Question, keys: list) -> tuple[list[tuple[str, int, bool]], bool, bool]:
    """(steps as (scene id, key, good), complete, valid) for a path of choice keys."""
    by_id = {s.id: s for s in q.scenes}
    scene = q.scenes[0] if q.scenes else None
    steps = []
    for key in keys:
        if scene is None or not _is_key(key) or key >= len(scene.choices):
            return steps, False, False
        choice = scene.choices[key]
        steps.append((scene.id, key, choice.good))
        scene = by_id.get(choice.next) if choice.next else None
    return steps, scene is None and bool(steps), True


def grade(q: Question, response: Any) -> tuple[bool, str]:
    """(correct, verdict): verdict is "right", "partial", "wrong" or "empty", as in quiz.js."""
    if q.kind == "single":
        if response is None:
            return _result(False, EMPTY)
        return _result(_is_key(response) and response < len(q.options) and q.options[response].correct, WRONG)
    if q.kind == "multiple":
        if not isinstance(response, list):
            return _result(False, EMPTY if response is None else WRONG)
        if not response:
            return _result(False, EMPTY)
        if not all(_is_key(k) and k < len(q.options) for k in response):
            return _result(False, WRONG)
        chosen = set(response)
        right = {i for i, o in enumerate(q.options) if o.correct}
        return _result(chosen == right, PARTIAL if chosen & right else WRONG)
    if q.kind == "truefalse":
        if response is None:
            return _result(False, EMPTY)
        return _result(isinstance(response, bool) and response == q.answer, WRONG)
    if q.kind == "order":
        if not isinstance(response, list):
            return _result(False, EMPTY if response is None else WRONG)
        if not response:
            return _result(False, EMPTY)
        n = len(q.steps)
        if not (all(_is_key(s) for s in response) and sorted(response) == list(range(n))):
            return _result(False, WRONG)
        in_place = sum(step == i for i, step in enumerate(response))
        return _result(in_place == n, PARTIAL if in_place else WRONG)
    if q.kind == "scenario":
        if not isinstance(response, list):
            return _result(False, EMPTY if response is None else WRONG)
        if not response:
            return _result(False, EMPTY)
        steps, complete, valid = walk(q, response)
        if not (valid and complete):
            return _result(False, WRONG)
        good = sum(g for _, _, g in steps)
        return _result(good == len(steps), PARTIAL if good else WRONG)
    return _result(False, WRONG)


def grade_decision(q: Question, scene_id: str, key: Any) -> bool:
    """Is this one scenario decision a good one?"""
    for scene in q.scenes:
        if scene.id == scene_id:
            return _is_key(key) and key < len(scene.choices) and scene.choices[key].good
    return False


def grade_record(quiz_id: str, question: str, response: Any) -> bool:
    """Is a recorded response right, by the quiz file? ``question`` may be ``<id>/<scene>``.

    Raises KeyError (or SourceError) when the quiz file has no such quiz, question or scene.
    """
    quiz = load_quiz(quiz_id)
    qid, _, scene = question.partition("/")
    q = quiz.question(qid)
    if scene:
        if q.kind != "scenario" or scene not in {s.id for s in q.scenes}:
            raise KeyError(f"{quiz.source}: question {qid!r} has no scene {scene!r}")
        return grade_decision(q, scene, response)
    return grade(q, response)[0]


def recheck(answer: dict) -> dict:
    """The answer with ``correct`` as the quiz file has it; a disagreement is logged and kept as wrong."""
    claimed = answer.get("correct")
    try:
        actual = grade_record(str(answer.get("quiz")), str(answer.get("question")), answer.get("answer"))
    except (KeyError, SourceError) as exc:
        log.warning("An answer to %s/%s could not be checked against its quiz file (%s); it is kept as wrong.",
                    answer.get("quiz"), answer.get("question"), exc)
        return {**answer, "correct": False}
    if claimed is not actual:
        log.warning("The quiz said %s/%s was %s, but the quiz file says %s; it is kept as wrong.",
                    answer.get("quiz"), answer.get("question"),
                    "right" if claimed else "wrong", "right" if actual else "wrong")
        return {**answer, "correct": False}
    return {**answer, "correct": actual}
