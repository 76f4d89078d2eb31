"""The quiz loader as an author and a learner meet it: each broken file named with the file, the
question and what is wrong; what the widget is given; the order a learner sees. Written against
the mutants of misscourse/quizzes.py that survived scripts/mutation.py."""

from __future__ import annotations

import os

import pytest

from misscourse.quizzes import (Question, derived_id, lesson_objectives, load_all, load_quiz, load_quiz_file,
                                start_order)
from misscourse.sourcefile import SourceError

from test_quizzes import GOOD_QUESTION, SCENARIO, add_choice, error_of, single, with_fields, write_quiz

TRUEFALSE = """
  - id: tf
    kind: truefalse
    prompt: {en: "You may shower on day 2.", zh: "第2天可以洗澡。"}
    answer: false
    if_true: {en: "Not yet.", zh: "还不行。"}
    if_false: {en: "Right, wait.", zh: "对，再等等。"}
    explanation: {en: "Keep it dry.", zh: "保持干燥。"}
"""

ORDER = """
  - id: steps
    kind: order
    prompt: {en: "Put the steps in order."}
    steps: [{en: "Wash hands"}, {en: "Look at the wound"}, {en: "Cover it"}]
    explanation: {en: "Clean hands first."}
    hints: [{en: "Start clean."}]
"""


# -- errors an author reads ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("- just a list\n", "expected a mapping with 'id', 'title' and 'questions'"),
    ("id: demo\ntitle: {en: Demo}\nquestions: []\n", "'questions' must be a non-empty list"),
    ("id: demo\ntitle: {en: Demo}\nquestions: not a list\n", "'questions' must be a non-empty list"),
    ("title: {en: Demo}\nquestions: [{kind: single}]\n", "expected 'id: demo', found None"),
])
def test_a_broken_file_is_named_with_what_is_wrong(tmp_path, text, expected):
    path = tmp_path / "demo.yml"
    path.write_text(text, encoding="utf-8")
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message


@pytest.mark.parametrize("body, expected", [
    # a question without an id is named by its place in the file (1-based)
    (GOOD_QUESTION + "  - just words\n", "question 2: a question must be a mapping"),
    (GOOD_QUESTION + "  - {kind: essay, prompt: {en: 'Why?'}}\n", "question 2: unknown kind 'essay'"),
    ("  - {kind: single, prompt: {zh: 选一个}}\n", "question 1: prompt: English text ('en') is missing or empty"),
    ("  - {kind: single}\n", "question 1: prompt: English text ('en') is missing or empty"),
    ("  - {kind: single, prompt: {en: '   '}}\n", "question 1: prompt: English text ('en') is missing or empty"),
    ("  - {id: '', kind: single}\n", "question 1: "),
    (GOOD_QUESTION.replace("  - id: q-one\n    kind: single", "  - kind: single") * 2,
     f"question 2: duplicate id {derived_id('Pick one.')!r} (also question 1)"),
    (GOOD_QUESTION + single("other") + GOOD_QUESTION, "question 'q-one': duplicate id 'q-one' (also question 1)"),
    (single("first") + GOOD_QUESTION + GOOD_QUESTION, "question 'q-one': duplicate id 'q-one' (also question 2)"),
])
def test_a_broken_question_is_named_by_id_or_place(tmp_path, body, expected):
    path = write_quiz(tmp_path, body)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message, message


def test_a_quiz_without_a_title_names_the_file_and_the_field(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text("id: demo\nquestions:" + GOOD_QUESTION, encoding="utf-8")
    message = error_of(path)
    assert message == f"{path}: title: Field required", message


def test_a_prompt_written_as_plain_text_gets_a_derived_id_and_is_refused_by_the_schema(tmp_path):
    body = "  - {kind: single, prompt: 'Pick one.'}\n"
    message = error_of(write_quiz(tmp_path, body))
    assert f"question {derived_id('Pick one.')!r}:" in message and "prompt" in message, message


def test_an_objective_is_checked_when_only_some_questions_name_one(tmp_path):
    from misscourse.course import course

    lesson = next(l for l in course().lessons if l.quizzes)
    count = len(lesson.objectives["en"])
    body = GOOD_QUESTION + single("second").replace("    kind: single\n", f"    kind: single\n    objective: {count + 1}\n")
    message = error_of(write_quiz(tmp_path, body, name=lesson.quizzes[0]))
    assert f"question 'second': objective {count + 1} is not an objective of lesson {lesson.slug!r}" in message
    assert lesson_objectives(lesson.quizzes[0]) == (lesson.slug, count)
    assert lesson_objectives("no-lesson-lists-this") is None


def test_a_quiz_no_lesson_lists_is_not_checked_against_objectives(tmp_path):
    path = write_quiz(tmp_path, with_fields(GOOD_QUESTION, "objective: 99"), name="not-in-the-course")
    assert load_quiz_file(path).questions[0].objective == 99


# -- scenarios: the edges of the rules -------------------------------------------------------

def test_a_scene_of_four_choices_and_a_duplicate_differing_only_in_case(tmp_path):
    four = add_choice("later", add_choice_text("Ask a friend") + add_choice_text("Ask a neighbour"))
    q = load_quiz_file(write_quiz(tmp_path, four)).questions[0]
    assert len(q.scenes[2].choices) == 4
    same = add_choice("later", add_choice_text("CALL NOW"))
    assert "scene 'later': two choices have the same text" in error_of(write_quiz(tmp_path, same))


def add_choice_text(text: str) -> str:
    return (f'          - text: {{en: "{text}", zh: "问"}}\n'
            f'            feedback: {{en: "Not sure.", zh: "不确定。"}}\n')


def test_a_scene_whose_good_choice_goes_on_and_whose_other_choice_ends_is_checked_on_both_paths(tmp_path):
    # the story's end on the first scene's second choice is too early (1 decision)
    body = SCENARIO.replace("            next: later\n", "", 1)
    message = error_of(write_quiz(tmp_path, body))
    assert "scene 'wound', choice 2: the path wound ends after 1 decision; every path needs 2 to 4" in message


# -- what the widget and the checks are given ------------------------------------------------

def test_a_single_question_reaches_the_widget_in_the_order_shown_with_empty_feedback_where_none(tmp_path):
    body = GOOD_QUESTION.replace('{text: {en: "Wrong"}, feedback: {en: "No."}}', '{text: {en: "Wrong"}}')
    q = load_quiz_file(write_quiz(tmp_path, body)).questions[0]
    data = q.to_widget("en")
    assert set(data) == {"id", "kind", "prompt", "explanation", "hints", "resident", "options"}
    assert (data["id"], data["kind"], data["prompt"], data["explanation"], data["hints"], data["resident"]) == \
        ("q-one", "single", "Pick one.", "Because.", [], False)
    by_key = {o["key"]: o for o in data["options"]}
    assert by_key == {0: {"key": 0, "text": "Right", "correct": True, "feedback": "Yes."},
                      1: {"key": 1, "text": "Wrong", "correct": False, "feedback": ""}}
    assert [o["key"] for o in data["options"]] == q.shown_order()
    assert [name for name, _ in q.named_texts()] == ["prompt", "explanation", "options[0].text", "options[0].feedback",
                                                     "options[1].text"]


def test_a_truefalse_question_reaches_the_widget_with_both_feedbacks(tmp_path):
    q = load_quiz_file(write_quiz(tmp_path, TRUEFALSE)).questions[0]
    data = q.to_widget("zh")
    assert (data["answer"], data["if_true"], data["if_false"], data["prompt"]) == (False, "还不行。", "对，再等等。",
                                                                                 "第2天可以洗澡。")
    assert "options" not in data and "steps" not in data
    assert [n for n, _ in q.named_texts()] == ["prompt", "explanation", "if_true", "if_false"]
    assert q.languages() == {"en", "zh"}


def test_an_order_question_reaches_the_widget_with_its_steps_and_a_start_that_is_not_solved(tmp_path):
    q = load_quiz_file(write_quiz(tmp_path, ORDER)).questions[0]
    data = q.to_widget("en")
    assert data["steps"] == ["Wash hands", "Look at the wound", "Cover it"]
    assert data["start"] == start_order("steps", 3) and data["start"] != [0, 1, 2]
    assert data["hints"] == ["Start clean."]
    assert [n for n, _ in q.named_texts()] == ["prompt", "explanation", "hints[0]", "steps[0]", "steps[1]", "steps[2]"]


def test_a_scenario_reaches_the_widget_with_every_field_of_every_choice(tmp_path):
    q = load_quiz_file(write_quiz(tmp_path, SCENARIO)).questions[0]
    data = q.to_widget("en")
    wound = data["scenes"][0]
    assert (wound["id"], wound["text"]) == ("wound", "Your wound is red and warm. What do you do?")
    by_key = {c["key"]: c for c in wound["choices"]}
    assert by_key[0] == {"key": 0, "text": "Call your care team today", "good": True,
                         "feedback": "The nurse asks you some questions.", "next": "nurse"}
    assert by_key[1]["next"] == "later" and by_key[1]["good"] is False
    assert [c["next"] for c in data["scenes"][1]["choices"]] == [None, None]


def test_a_question_on_its_own_shows_its_options_as_written(tmp_path):
    q = load_quiz_file(write_quiz(tmp_path, SCENARIO)).questions[0]
    alone = Question.model_validate(q.model_dump())
    assert alone.shown_order() == []
    assert alone.shown_order("nurse") == [0, 1]
    assert [c.text["en"] for _, c in alone.shown_choices(alone.scenes[2])] == ["Call now", "Wait more"]
    single_alone = Question.model_validate(load_quiz_file(write_quiz(tmp_path, single("s", n=4))).questions[0].model_dump())
    assert single_alone.shown_order() == [0, 1, 2, 3]
    assert [letter for letter, _ in single_alone.shown_options()] == ["A", "B", "C", "D"]


def test_the_quiz_widget_and_the_question_lookup(tmp_path):
    path = write_quiz(tmp_path, GOOD_QUESTION + TRUEFALSE)
    quiz = load_quiz_file(path)
    data = quiz.to_widget("en")
    assert (data["id"], data["title"], [q["id"] for q in data["questions"]]) == ("demo", "Demo", ["q-one", "tf"])
    assert quiz.question("tf").kind == "truefalse"
    with pytest.raises(KeyError) as info:
        quiz.question("nope")
    assert str(path) in str(info.value) and "'nope'" in str(info.value)


def test_the_digest_follows_what_the_learner_sees_in_that_language(tmp_path):
    path = write_quiz(tmp_path, TRUEFALSE)
    first = load_quiz_file(path)
    assert first.digest("en") == load_quiz_file(path).digest("en")
    assert len(first.digest("en")) == 12 and int(first.digest("en"), 16) >= 0
    assert first.digest("en") != first.digest("zh")
    path.write_text(path.read_text(encoding="utf-8").replace("还不行。", "还不可以。"), encoding="utf-8")
    changed = load_quiz_file(path)
    assert changed.digest("en") == first.digest("en") and changed.digest("zh") != first.digest("zh")


# -- ids and the order a learner sees --------------------------------------------------------

def test_a_derived_id_ignores_surrounding_spaces_and_is_short():
    assert derived_id("  Pick one. \n") == derived_id("Pick one.")
    assert derived_id("Pick one.") != derived_id("Pick two.")
    assert len(derived_id("Pick one.")) == 10 and derived_id("Pick one.").startswith("q-")


def test_an_order_question_never_starts_solved_even_when_chance_keeps_giving_the_right_order():
    # for this id, ten shuffles of two steps all come out in the right order
    assert start_order("order-711", 2) == [1, 0]
    assert start_order("order-711", 3) != [0, 1, 2]


# -- loading by id, the cache and the folder -------------------------------------------------

def test_load_quiz_reads_the_file_again_when_it_changes_and_names_a_missing_one(tmp_path):
    path = write_quiz(tmp_path, GOOD_QUESTION)
    assert load_quiz("demo", tmp_path).title == {"en": "Demo"}
    path.write_text(path.read_text(encoding="utf-8").replace("{en: Demo}", "{en: Changed}"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    assert load_quiz("demo", tmp_path).title == {"en": "Changed"}
    with pytest.raises(SourceError) as info:
        load_quiz("missing", tmp_path)
    assert str(tmp_path / "missing.yml") in str(info.value) and "no quiz file for quiz 'missing'" in str(info.value)


def test_load_all_reads_every_quiz_of_a_folder_by_id(tmp_path):
    write_quiz(tmp_path, GOOD_QUESTION, name="b-quiz")
    write_quiz(tmp_path, TRUEFALSE, name="a-quiz")
    (tmp_path / "notes.txt").write_text("not a quiz", encoding="utf-8")
    quizzes = load_all(tmp_path)
    assert list(quizzes) == ["a-quiz", "b-quiz"]
    assert quizzes["a-quiz"].questions[0].id == "tf"


def test_the_quiz_title_reaches_the_widget_in_the_learners_language(tmp_path):
    path = write_quiz(tmp_path, TRUEFALSE)
    path.write_text(path.read_text(encoding="utf-8").replace("title: {en: Demo}", "title: {en: Demo, zh: 演示}"),
                    encoding="utf-8")
    quiz = load_quiz_file(path)
    assert (quiz.to_widget("zh")["title"], quiz.to_widget("en")["title"]) == ("演示", "Demo")


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


@pytest.mark.parametrize("body", [SCENARIO, TRUEFALSE, GOOD_QUESTION.replace('"Pick one."', '"Pick one.", zh: "选一个。"')
                                  .replace('{en: "Right"}', '{en: "Right", zh: "对的"}')
                                  .replace('{en: "Wrong"}', '{en: "Wrong", zh: "错的"}')
                                  .replace('{en: "Yes."}', '{en: "Yes.", zh: "是。"}')
                                  .replace('{en: "No."}', '{en: "No.", zh: "否。"}')
                                  .replace('{en: "Because."}', '{en: "Because.", zh: "因为。"}')
                                  + '    hints: [{en: "Think.", zh: "想想。"}]\n'])
def test_every_text_a_learner_reads_in_chinese_is_the_chinese_one(tmp_path, body):
    q = load_quiz_file(write_quiz(tmp_path, body)).questions[0]
    english = {t["en"] for _, t in q.named_texts()}
    chinese = sorted(t["zh"] for _, t in q.named_texts())
    data = q.to_widget("zh")
    shown = [s for s in _strings(data) if s not in {q.id, q.kind} | {sc.id for sc in q.scenes}]
    assert not english & set(shown)
    assert sorted(shown) == chinese
