"""The quiz-quality check passes on a good quiz and fails, naming the file and the question, on
each kind of give-away planted in a copy of it (written in tmp_path)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import REPO
from misscourse.checks import CHECKS, quiz_quality
from misscourse.checks.quiz_quality import assess, is_situation, quality_table
from misscourse.course import load_course
from misscourse.quizzes import Question

LESSON = "risks"
WHERE = f"quizzes/{LESSON}.yml"


def option(text, correct=False):
    return {"text": {"en": text, "zh": text}, "correct": correct, "feedback": {"en": "Because.", "zh": "因为。"}}


def good_quiz(objectives: int) -> dict:
    """A quiz a test-wise learner cannot game: varied kinds, situations, no length or word cues."""
    obj = lambda i: i % objectives + 1  # noqa: E731  every objective gets questions
    hint = [{"en": "Think of the lesson.", "zh": "想想这一课。"}]
    questions = [{
        "id": "wound-story", "kind": "scenario", "objective": obj(0), "hints": hint,
        "prompt": {"en": "Day 3 at home.", "zh": "回家第3天。"},
        "scenes": [
            {"id": "wound", "text": {"en": "Your wound is red. What do you do?", "zh": "伤口发红。怎么办？"},
             "choices": [{"text": {"en": "Call today", "zh": "今天打电话"}, "good": True, "feedback": {"en": "Good.", "zh": "好。"}, "next": "nurse"},
                         {"text": {"en": "Wait a week", "zh": "等一周"}, "feedback": {"en": "Worse.", "zh": "更重。"}, "next": "nurse"}]},
            {"id": "nurse", "text": {"en": "The nurse asks about fever.", "zh": "护士问发烧。"},
             "choices": [{"text": {"en": "Measure it", "zh": "量一量"}, "good": True, "feedback": {"en": "Good.", "zh": "好。"}},
                         {"text": {"en": "Guess", "zh": "猜"}, "feedback": {"en": "No.", "zh": "不对。"}}]}],
        "explanation": {"en": "Call the same day.", "zh": "当天联系。"}}]
    singles = [  # the right option is sometimes the shortest, sometimes in the middle, once the longest
        ("Call your care team today", ["Wait for your next visit in two weeks", "Put cream on the wound and wait"]),
        ("Walk a little every hour", ["Stay in bed until the pain is gone", "Walk as far as you can"]),
        ("Ask", ["Look it up online tonight", "Ask a friend who had surgery"]),
        ("Take the pills on time, as your team said", ["Take two now", "Stop them"]),
    ]
    for i, (right, wrong) in enumerate(singles):
        questions.append({"id": f"single-{i}", "kind": "single", "objective": obj(i + 1), "hints": hint,
                          "prompt": {"en": f"Day {i + 1} at home, your back is sore. What do you do?", "zh": f"回家第{i + 1}天，背痛。怎么办？"},
                          "options": [option(right, True)] + [option(w) for w in wrong],
                          "explanation": {"en": "Because.", "zh": "因为。"}})
    for i, (n, r) in enumerate([(4, 1), (5, 2), (4, 4), (5, 3)]):  # one right, all right, and between
        questions.append({"id": f"all-{i}", "kind": "multiple", "objective": obj(i), "hints": hint,
                          "prompt": {"en": f"Day {i + 2} at home, you feel tired. What do you do? Choose all that help.", "zh": "累了。怎么办？"},
                          "options": [option(f"Choice {j} of question {i}", j < r) for j in range(n)],
                          "explanation": {"en": "Because.", "zh": "因为。"}})
    for i, (answer, text) in enumerate([(True, "Walking helps you heal."), (False, "A fever after surgery is normal."),
                                        (True, "Smoking slows bone healing."), (False, "Bed rest helps the bone heal.")]):
        questions.append({"id": f"tf-{i}", "kind": "truefalse", "objective": obj(i), "hints": hint,
                          "prompt": {"en": text, "zh": text}, "answer": answer,
                          "if_true": {"en": "Yes.", "zh": "对。"}, "if_false": {"en": "No.", "zh": "不对。"},
                          "explanation": {"en": "Because.", "zh": "因为。"}})
    questions.append({"id": "steps", "kind": "order", "objective": obj(0), "hints": hint,
                      "prompt": {"en": "Put the steps in order.", "zh": "排序。"},
                      "steps": [{"en": "Wash hands", "zh": "洗手"}, {"en": "Look", "zh": "看"}],
                      "explanation": {"en": "Because.", "zh": "因为。"}})
    return {"id": LESSON, "title": {"en": "Risks", "zh": "风险"}, "questions": questions}


@pytest.fixture
def root(tmp_path):
    base = tmp_path / "course"
    (base / "quizzes").mkdir(parents=True)
    shutil.copy(REPO / "course.yml", base / "course.yml")
    return base


@pytest.fixture
def objectives(root):
    return len(load_course(root / "course.yml").lesson(LESSON).objectives["en"])


def write(root, quiz: dict):
    (root / "quizzes" / f"{LESSON}.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), encoding="utf-8")


def question(quiz: dict, qid: str) -> dict:
    return next(q for q in quiz["questions"] if q["id"] == qid)


def test_a_good_quiz_passes_and_the_check_is_registered(root, objectives):
    write(root, good_quiz(objectives))
    assert quiz_quality(root) == []
    assert CHECKS["quiz-quality"] is quiz_quality
    table = quality_table(root)
    assert table.startswith("Quiz quality: passes") and LESSON in table and "course" in table


def test_a_deliberately_skewed_quiz_fails_and_says_where(root, objectives):
    quiz = good_quiz(objectives)
    for q in quiz["questions"]:
        if q["kind"] == "single":  # the right option always the longest, with the details a test-wise learner looks for
            q["options"][0]["text"] = {"en": q["options"][0]["text"]["en"] + ", and tell them how you feel in detail",
                                       "zh": q["options"][0]["text"]["zh"] + "，并把您的感觉、体温、伤口的样子和疼痛的变化都详细地告诉他们，好让他们判断"}
        if q["kind"] == "multiple":  # "tick all but the last"
            q["options"] = [option(f"Right {j} of {q['id']}", True) for j in range(3)] + [option(f"Wrong of {q['id']}")]
        if q["kind"] == "truefalse":  # every false statement says "always", no true one does
            if not q["answer"]:
                q["prompt"] = {"en": "You always " + q["prompt"]["en"].lower(), "zh": "总是" + q["prompt"]["zh"]}
    question(quiz, "tf-2")["answer"] = False
    question(quiz, "tf-2")["prompt"] = {"en": "Smoking never slows healing.", "zh": "吸烟从不影响愈合。"}
    write(root, quiz)
    problems = quiz_quality(root)
    text = "\n".join(problems)
    assert f"quizzes (en): the right option is the longest in 4 of 4 single-choice questions (100%; at most 40%): {WHERE} 'single-0'" in text
    assert "quizzes (zh): the right option is the longest in 4 of 4" in text
    assert f"quizzes: 4 of 4 \"choose all\" questions have exactly 1 wrong option (at most 60%): {WHERE} 'all-0'" in text
    assert "no \"choose all\" question has all options right and only one right" in text
    assert f"quizzes: 1 of 4 true/false statements are true (25%; keep between 35% and 65%): the false ones are {WHERE} 'tf-1'" in text
    assert "absolute words" in text and f"{WHERE} 'tf-2'" in text
    assert len(problems) == 6 and f"Quiz quality: {len(problems)} problem(s)" in quality_table(root)


@pytest.mark.parametrize("edit, expected", [
    (lambda quiz: question(quiz, "single-1").pop("objective"), f"{WHERE}: question 'single-1': no 'objective'"),
    (lambda quiz: question(quiz, "tf-0").pop("hints"), f"{WHERE}: question 'tf-0': no 'hints'"),
    (lambda quiz: quiz["questions"].pop(0), f"course.yml: lesson '{LESSON}': its quiz has no scenario question"),
    (lambda quiz: question(quiz, "all-0")["options"].pop(), f"{WHERE}: question 'all-0': a \"choose all\" question has 3 options (use 4 to 5)"),
    (lambda quiz: [q.update(prompt={"en": "Which is right?", "zh": "哪个对？"}) for q in quiz["questions"] if q["kind"] != "scenario"],
     f"{WHERE}: 1 of 14 questions put the learner in a situation"),
    (lambda quiz: quiz.update(questions=[q for q in quiz["questions"] if q["kind"] == "truefalse"]),
     f"{WHERE}: all 4 questions are of kind 'truefalse'; mix the kinds"),
])
def test_each_give_away_fails_with_file_and_question(root, objectives, edit, expected):
    quiz = good_quiz(objectives)
    edit(quiz)
    write(root, quiz)
    assert any(expected in p for p in quiz_quality(root)), quiz_quality(root)


def test_an_objective_no_question_checks_fails_naming_the_lesson(root, objectives):
    quiz = good_quiz(objectives)
    for q in quiz["questions"]:
        q["objective"] = 1
    write(root, quiz)
    problems = quiz_quality(root)
    if objectives > 1:
        assert any(p.startswith(f"course.yml: lesson '{LESSON}': objective 2 (") and f"checked by no question of quiz {LESSON}" in p
                   for p in problems), problems


def test_an_objective_outside_the_lesson_is_a_problem_not_a_crash(root, objectives):
    quiz = good_quiz(objectives)
    question(quiz, "single-0")["objective"] = objectives + 1
    write(root, quiz)
    problems = quiz_quality(root)
    assert any(f"question 'single-0': objective {objectives + 1} is not an objective of lesson '{LESSON}'" in p for p in problems)


def test_a_broken_arranger_is_caught_by_the_position_spread(root, objectives, monkeypatch):
    quiz = good_quiz(objectives)
    for i in range(4, 8):  # more single-choice questions, right written first
        quiz["questions"].append({**question(quiz, "single-0"), "id": f"single-{i}"})
    write(root, quiz)
    assert quiz_quality(root) == []
    monkeypatch.setattr(Question, "shown_order", lambda self, scene="": list(range(
        len(next(s for s in self.scenes if s.id == scene).choices) if scene else len(self.options))))
    problems = quiz_quality(root)
    assert any(p.startswith(f"{WHERE}: the right option is always A") for p in problems), problems
    assert any(p.startswith("quizzes: ") and "right options are shown at A" in p and f"{WHERE} 'single-0'" in p for p in problems)


@pytest.mark.parametrize("prompt, kind, expected", [
    ("Day 2 at home, your wound is red. What do you do?", "single", True),
    ("You get home on day 1. Your pain is a 6. Which step comes first?", "single", True),
    ("Which of these are risks of spine surgery?", "multiple", False),
    ("MISS uses small cuts, so it has no risks.", "truefalse", False),
    ("What should you bring to the hospital?", "multiple", True),
])
def test_what_counts_as_a_situation(prompt, kind, expected):
    data = {"id": "q", "kind": kind, "prompt": {"en": prompt}, "explanation": {"en": "x"}}
    if kind == "truefalse":
        data.update(answer=False, if_true={"en": "x"}, if_false={"en": "x"})
    else:
        data["options"] = [{"text": {"en": "a"}, "correct": True}, {"text": {"en": "b"}}]
    assert is_situation(Question.model_validate(data)) is expected


def test_the_reading_report_shows_the_quiz_quality_table():
    from misscourse.report import reading_report

    quality = assess(REPO)
    text = reading_report("en")
    assert "Quiz quality:" in text
    for stats in quality.quizzes:
        assert f"\n{stats.name} " in text


def test_the_table_says_why_when_the_course_file_is_broken(root):
    (root / "course.yml").write_text("lessons: [\n", encoding="utf-8")
    assert quality_table(root).startswith("Quiz quality: not measured (")
    assert quiz_quality(root) and "not valid YAML" in quiz_quality(root)[0]
