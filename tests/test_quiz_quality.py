"""The quiz-quality check passes on a good quiz and fails, naming the file and the question, on
each kind of give-away planted in a copy of it (written in tmp_path)."""

from __future__ import annotations

import re
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


# -- the thresholds and messages, on small in-memory figures (fast enough to run against every mutant) --

from collections import Counter  # noqa: E402

from misscourse.checks.quiz_quality import (QuizStats, _names, course_problems, has_absolute,  # noqa: E402
                                            quiz_problems, quiz_stats)
from misscourse.quizzes import Quiz  # noqa: E402


def stats(**fields) -> QuizStats:
    return QuizStats("q", WHERE, **fields)


def test_a_long_list_of_questions_is_cut_after_eight():
    items = [(WHERE, f"q{i}") for i in range(10)]
    assert _names(items) == ", ".join(f"{WHERE} 'q{i}'" for i in range(8)) + " and 2 more"
    assert _names(items[:9]) == ", ".join(f"{WHERE} 'q{i}'" for i in range(8)) + " and 1 more"
    assert _names(items[:8]) == ", ".join(f"{WHERE} 'q{i}'" for i in range(8))
    assert _names([(WHERE, "a", 2)]) == f"{WHERE} 'a'"


def test_one_quiz_the_right_option_always_in_the_same_place_from_three_questions():
    three = [(WHERE, f"s{i}", 1) for i in range(3)]
    assert quiz_problems(stats(single_positions=three)) == [f"{WHERE}: the right option is always B (3 questions)"]
    assert quiz_problems(stats(single_positions=three[:2])) == []
    assert quiz_problems(stats(single_positions=three + [(WHERE, "s3", 0)])) == []


@pytest.mark.parametrize("options, bad", [(3, True), (4, False), (5, False), (6, True)])
def test_a_choose_all_question_has_four_or_five_options(options, bad):
    got = quiz_problems(stats(multiple_right=[("here.yml", "m", 2, options)]))
    assert got == ([f"here.yml: question 'm': a \"choose all\" question has {options} options (use 4 to 5)"] if bad else [])


@pytest.mark.parametrize("situations, questions, bad", [(1, 2, False), (2, 5, True), (0, 0, False), (3, 4, False)])
def test_at_least_half_the_questions_are_situations(situations, questions, bad):
    got = quiz_problems(stats(situations=situations, questions=questions, kinds=Counter(single=1, order=1)))
    assert got == ([f"{WHERE}: {situations} of {questions} questions put the learner in a situation (a scenario, or "
                    f"\"Day 2 at home, ... What do you do?\"); at least half should"] if bad else [])


@pytest.mark.parametrize("questions, kinds, bad", [(4, Counter(single=4), True), (3, Counter(single=3), False),
                                                   (4, Counter(single=3, order=1), False)])
def test_a_quiz_of_four_questions_mixes_the_kinds(questions, kinds, bad):
    got = quiz_problems(stats(questions=questions, situations=questions, kinds=kinds))
    assert got == ([f"{WHERE}: all 4 questions are of kind 'single'; mix the kinds"] if bad else [])


def test_missing_objective_and_hints_are_named_per_question():
    got = quiz_problems(stats(no_objective=[("a.yml", "q1")], no_hints=[("b.yml", "q2")]))
    assert got == ["a.yml: question 'q1': no 'objective' (the number of the lesson objective it checks)",
                   "b.yml: question 'q2': no 'hints' (a nudge shown after a wrong first try)"]


@pytest.mark.parametrize("got, want, bad", [(10, 6, True), (9, 6, False), (5, 2, True), (4, 2, False), (0, 0, False)])
def test_a_position_holds_too_many_right_options_over_the_course(got, want, bad):
    total = stats(right_at=Counter({0: 1, 1: got}), expected_at=Counter({0: 1, 1: want}),
                  single_positions=[(WHERE, "x", 1), (WHERE, "y", 0)])
    problems = course_problems(total)
    assert problems == ([f"quizzes: {got} right options are shown at B, an even spread puts {want:.1f} there: "
                         f"{WHERE} 'x'"] if bad else [])


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("longest, measured, bad", [(2, 5, False), (3, 5, True), (0, 0, False)])
def test_the_right_option_is_not_the_longest_too_often(lang, longest, measured, bad):
    items = [(WHERE, f"s{i}") for i in range(longest)]
    total = stats(longest={"en": [], "zh": [], lang: items}, longest_measured={"en": 0, "zh": 0, lang: measured})
    expected = [f"quizzes ({lang}): the right option is the longest in {longest} of {measured} single-choice questions "
                f"({longest / measured if measured else 0:.0%}; at most 40%): {_names(items)}"] if bad else []
    assert course_problems(total) == expected


def _statements(n: int, absolute: int = 0, name: str = "t") -> list:
    return [(WHERE, f"{name}{i}", i < absolute) for i in range(n)]


@pytest.mark.parametrize("true, false, bad", [(7, 13, False), (13, 7, False), (6, 14, True), (14, 6, True),
                                              (3, 0, False), (4, 0, True)])
def test_true_and_false_statements_are_balanced(true, false, bad):
    total = stats(true_statements=_statements(true, name="t"), false_statements=_statements(false, name="f"))
    problems = course_problems(total)
    if not bad:
        assert problems == []
        return
    many, side = (_statements(true, name="t"), "true") if true > false else (_statements(false, name="f"), "false")
    n = true + false
    assert problems == [f"quizzes: {true} of {n} true/false statements are true ({true / n:.0%}; keep between 35% and "
                        f"65%): the {side} ones are {_names(many)}"]


@pytest.mark.parametrize("n, abs_true, abs_false, bad", [
    (5, 0, 3, True), (5, 3, 0, True),
    (4, 1, 2, False),                     # a gap of exactly 25 points is allowed
    (4, 0, 2, True),                      # two statements with one are enough to judge
    (2, 0, 1, False),                     # one is not
])
def test_absolute_words_are_used_alike_in_true_and_false_statements(n, abs_true, abs_false, bad):
    true, false = _statements(n, abs_true, "t"), _statements(n, abs_false, "f")
    problems = course_problems(stats(true_statements=true, false_statements=false))
    if not bad:
        assert problems == []
        return
    side, items = ("false", false[:abs_false]) if abs_false > abs_true else ("true", true[:abs_true])
    assert problems == [f"quizzes: absolute words (always, never, no, every, most, all, only) give the answer away: "
                        f"{abs_false} of {n} false statements and {abs_true} of {n} true ones carry one; the {side} ones "
                        f"are {_names(items)}"]


def _multiple(*rights_of: tuple[int, int]) -> list:
    return [(WHERE, f"m{i}", r, n) for i, (r, n) in enumerate(rights_of)]


def test_choose_all_questions_vary_how_many_are_right():
    varied = _multiple((1, 4), (4, 4), (2, 4), (3, 5), (2, 5))
    assert course_problems(stats(multiple_right=varied)) == []
    assert course_problems(stats(multiple_right=varied[:3])) == []  # fewer than 4: not judged
    same = _multiple((1, 4), (4, 4), (3, 4), (3, 4), (4, 5))  # 3 of 5 with one wrong option: 60%, allowed
    assert course_problems(stats(multiple_right=same)) == []
    more = _multiple((1, 4), (4, 4), (3, 4), (3, 4), (4, 5), (2, 3))
    assert course_problems(stats(multiple_right=more)) == [
        f"quizzes: 4 of 6 \"choose all\" questions have exactly 1 wrong option (at most 60%): {_names(more[2:])}"]
    two = _multiple((1, 4), (4, 4), (2, 4), (2, 4), (3, 5))
    assert course_problems(stats(multiple_right=two[1:] + two[1:2])) == [
        "quizzes: no \"choose all\" question has only one right; vary how many are right"]
    assert course_problems(stats(multiple_right=_multiple((1, 4), (2, 4), (3, 4), (2, 5)))) == [
        "quizzes: no \"choose all\" question has all options right; vary how many are right"]
    assert course_problems(stats(multiple_right=_multiple((2, 4), (2, 5), (3, 4), (3, 5)))) == [
        "quizzes: no \"choose all\" question has all options right and only one right; vary how many are right"]
    wrong_two = _multiple((1, 4), (4, 4), (2, 4), (2, 4), (3, 5))
    assert "exactly 2 wrong options" in course_problems(stats(multiple_right=wrong_two + wrong_two[2:3] * 3))[0]


@pytest.mark.parametrize("text, expected", [
    ({"en": "Walking always helps."}, True),
    ({"en": "NEVER lift."}, True),
    ({"en": "Knowledge helps."}, False),          # "no" only as a whole word
    ({"en": "Walking helps.", "zh": "走路总是有帮助。"}, True),
    ({"en": "Walking helps.", "zh": "走路有帮助。"}, False),
])
def test_absolute_words_in_english_and_chinese(text, expected):
    assert has_absolute(text) is expected


@pytest.mark.parametrize("prompt, expected", [
    ("Your wound is red. Call now?", True),          # a scene set in its own sentence before the question
    ("Is your wound red?", False),                   # one sentence, no "what do you do"
    ("The wound is red. Is your fever high?", False),  # "you" only in the question itself
    ("You had surgery. ", False),                    # one sentence, trailing space
    ("Day 2 at home. Your wound is red. Is this normal?", True),     # "you" in the second scene sentence
    ("Day 2 at home. The wound is red and you feel warm. Is this normal?", True),
    ("Day 2 at home. The wound is red. Is your fever high?", False),  # "you" only in the question itself
])
def test_a_situation_set_in_a_sentence_before_the_question(prompt, expected):
    data = {"id": "q", "kind": "single", "prompt": {"en": prompt}, "explanation": {"en": "x"},
            "options": [{"text": {"en": "a"}, "correct": True}, {"text": {"en": "b"}}]}
    assert is_situation(Question.model_validate(data)) is expected


def test_the_table_row_of_a_quiz_counts_what_a_learner_sees(root, objectives):
    quiz = good_quiz(objectives)
    question(quiz, "tf-0")["prompt"] = {"en": "Walking always helps you heal.", "zh": "走路总是有助于恢复。"}
    question(quiz, "steps").pop("hints")
    write(root, quiz)
    table = quality_table(root).splitlines()
    assert table[0] == "Quiz quality: 1 problem(s)" and table[-1] == f"  - {WHERE}: question 'steps': no 'hints' " \
        "(a nudge shown after a wrong first try)"
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", table[2])]   # the columns, from the rule under the header

    def cells(line: str) -> list[str]:
        assert all(line[a - 1:a].strip() == "" for a, _ in spans[1:]), line  # every column starts after a space
        return [line[a:b if i < len(spans) - 1 else None].strip() for i, (a, b) in enumerate(spans)]

    assert cells(table[1]) == ["quiz", "Qs", "kinds", "situations", "right at", "right longest", "true/false",
                               "absolute", "choose-all right", "no objective", "no hints"]
    one = quiz_stats(Quiz.model_validate(quiz), WHERE)
    spread = " ".join(f"{'ABCDE'[p]}{one.right_at[p]}" for p in sorted(one.right_at))
    assert sum(one.right_at.values()) == 4 + 1 + 2 + 4 + 3 + 2  # every right option, single, choose-all and scenes
    expected = ["14", "si4 mu4 tr4 or1 sc1", "9/14", spread, "1/4", "2T 2F", "1T 0F", "1/4 2/5 3/5 4/4", "0", "1"]
    assert cells(table[3]) == [LESSON, *expected]
    assert cells(table[4]) == ["course", *expected]


def test_the_table_row_of_a_quiz_without_choices_shows_dashes(root, objectives):
    quiz = good_quiz(objectives)
    quiz["questions"] = [question(quiz, "steps"), {**question(quiz, "steps"), "id": "steps-2"}]
    write(root, quiz)
    table = quality_table(root).splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", table[2])]
    row = [table[3][a:b if i < len(spans) - 1 else None].strip() for i, (a, b) in enumerate(spans)]
    assert row == [LESSON, "2", "or2", "0/2", "-", "-", "-", "-", "-", "0", "0"]


def test_the_table_row_counts_repeated_choose_all_shapes_and_one_sided_statements(root, objectives):
    quiz = good_quiz(objectives)
    tf = question(quiz, "tf-0")                                   # a true statement
    multiple = {**question(quiz, "all-1"), "options": [option(f"Choice {j}", j < 2) for j in range(4)]}
    quiz["questions"] = [tf, {**tf, "id": "tf-again"}, multiple, {**multiple, "id": "all-again"}]
    write(root, quiz)
    table = quality_table(root).splitlines()
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", table[2])]
    row = [table[3][a:b if i < len(spans) - 1 else None].strip() for i, (a, b) in enumerate(spans)]
    assert row[1:3] == ["4", "mu2 tr2"] and row[6:9] == ["2T 0F", "0T 0F", "2/4x2"]


def test_the_table_has_no_trailing_spaces(root, objectives):
    write(root, good_quiz(objectives))
    assert not [line for line in quality_table(root).splitlines() if line != line.rstrip()]


def test_objectives_are_read_from_the_course_being_checked_and_every_quiz_is_checked(root, objectives):
    write(root, good_quiz(objectives))
    (root / "quizzes" / "a-broken.yml").write_text("id: a-broken\ntitle: {en: x}\nquestions: []\n", encoding="utf-8")
    data = yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))
    lesson = next(entry for entry in data["lessons"] if entry["slug"] == LESSON)
    for lang in lesson["objectives"]:
        lesson["objectives"][lang] = lesson["objectives"][lang][:-1]   # one objective fewer in this course
    (root / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    problems = quiz_quality(root)
    assert any("a-broken.yml" in p and "'questions' must be a non-empty list" in p for p in problems), problems
    assert any(f"objective {objectives} is not an objective of lesson '{LESSON}' (it has {objectives - 1}" in p
               for p in problems), problems


# -- a course of several quizzes: each quiz's problems are kept, whatever the quizzes after it --

def write_quiz(root, quiz: dict):
    (root / "quizzes" / f"{quiz['id']}.yml").write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False),
                                                         encoding="utf-8")


def test_a_broken_quiz_fails_the_check_even_when_a_later_quiz_is_fine(root, objectives):
    write(root, good_quiz(objectives))                          # quizzes/risks.yml: fine, and checked last
    earlier = {**good_quiz(objectives), "id": "extra"}          # quizzes/extra.yml: checked first
    question(earlier, "steps").pop("hints")
    write_quiz(root, earlier)
    problems = quiz_quality(root)
    assert problems == ["quizzes/extra.yml: question 'steps': no 'hints' (a nudge shown after a wrong first try)"]
    assert quality_table(root).splitlines()[0] == "Quiz quality: 1 problem(s)"


def test_a_quiz_file_that_does_not_load_fails_the_check_even_when_a_later_quiz_is_fine(root, objectives):
    write(root, good_quiz(objectives))
    (root / "quizzes" / "a-broken.yml").write_text("id: a-broken\ntitle: {en: x}\nquestions: []\n", encoding="utf-8")
    problems = quiz_quality(root)
    assert len(problems) == 1 and "a-broken.yml" in problems[0] and "'questions' must be a non-empty list" in problems[0]


def test_an_objective_no_quiz_of_the_lesson_checks_names_every_quiz_of_the_lesson(root, objectives):
    if objectives < 2:
        pytest.skip("the lesson needs two objectives")
    data = yaml.safe_load((root / "course.yml").read_text(encoding="utf-8"))
    next(entry for entry in data["lessons"] if entry["slug"] == LESSON)["quizzes"] = [LESSON, f"{LESSON}-more"]
    (root / "course.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    quiz = good_quiz(objectives)
    for q in quiz["questions"]:
        q["objective"] = 1
    write(root, quiz)
    more = {**good_quiz(objectives), "id": f"{LESSON}-more"}
    for q in more["questions"]:
        q["objective"] = 1
    write_quiz(root, more)
    problems = [p for p in quiz_quality(root) if p.startswith(f"course.yml: lesson '{LESSON}': objective 2 (")]
    assert len(problems) == 1 and problems[0].endswith(f"is checked by no question of quiz {LESSON}, {LESSON}-more"), problems


# -- three-sentence prompts: the scene may be set in any sentence before the question --

# -- the report as printed: columns left-aligned, one problem per line --

def test_the_printed_table_is_left_aligned_and_lists_one_problem_a_line(root, objectives):
    quiz = good_quiz(objectives)
    question(quiz, "steps").pop("hints")
    question(quiz, "tf-0").pop("hints")
    write(root, quiz)
    lines = quality_table(root).splitlines()
    assert lines[0] == "Quiz quality: 2 problem(s)"
    starts = [m.start() for m in re.finditer(r"-+", lines[2])]
    for line in (lines[1], lines[3], lines[4]):                   # header, the quiz, the course
        assert all(line[a] != " " for a in starts), line           # every cell starts where its column starts
    assert lines[3].startswith(f"{LESSON}  ") and lines[4].startswith("course  ")
    assert lines[5:] == [f"  - {WHERE}: question 'tf-0': no 'hints' (a nudge shown after a wrong first try)",
                         f"  - {WHERE}: question 'steps': no 'hints' (a nudge shown after a wrong first try)"]
