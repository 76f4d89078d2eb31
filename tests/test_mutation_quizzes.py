"""The quiz loader as an author and a learner meet it: each broken file named with the file, the
question and what is wrong; what the widget is given; the order a learner sees. Written against
the mutants of misscourse/quizzes.py that survived scripts/mutation.py."""

from __future__ import annotations

import math
import os

import pytest

from misscourse.quizzes import (Question, derived_id, lesson_objectives, load_all, load_quiz, load_quiz_file,
                                start_order)
from misscourse.sourcefile import SourceError

from test_quizzes import GOOD_QUESTION, SCENARIO, add_choice, error_of, multiple, single, with_fields, write_quiz

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

ORDER_ZH = """
  - id: steps-zh
    kind: order
    prompt: {en: "Put the steps in order.", zh: "把步骤排好顺序。"}
    steps: [{en: "Wash hands", zh: "洗手"}, {en: "Look at the wound", zh: "看伤口"}, {en: "Cover it", zh: "盖好"}]
    explanation: {en: "Clean hands first.", zh: "先洗干净手。"}
    hints: [{en: "Start clean.", zh: "先干净。"}]
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
                                  + '    hints: [{en: "Think.", zh: "想想。"}]\n',
                                  ORDER_ZH])
def test_every_text_a_learner_reads_in_chinese_is_the_chinese_one(tmp_path, body):
    q = load_quiz_file(write_quiz(tmp_path, body)).questions[0]
    english = {t["en"] for _, t in q.named_texts()}
    chinese = sorted(t["zh"] for _, t in q.named_texts())
    data = q.to_widget("zh")
    shown = [s for s in _strings(data) if s not in {q.id, q.kind} | {sc.id for sc in q.scenes}]
    assert not english & set(shown)
    assert sorted(shown) == chinese


# -- a cycle behind a choice that ends the story ------------------------------------------------

def test_a_cycle_behind_a_choice_that_ends_the_story_well_is_still_found(tmp_path):
    # nurse: the first two choices end the story, the third goes back to the start
    guess = ('          - text: {en: "Guess", zh: "猜一个"}\n'
             '            feedback: {en: "She cannot tell how sick you are.", zh: "她判断不了。"}\n')
    back = ('          - text: {en: "Start the day again", zh: "从头再来"}\n'
            '            feedback: {en: "You are back where you began.", zh: "又回到开头。"}\n'
            '            next: wound\n')
    assert guess in SCENARIO
    path = write_quiz(tmp_path, SCENARIO.replace(guess, guess + back))
    assert error_of(path) == (f"{path}, question 'wound-red': scene 'nurse', choice 3: 'next: wound' goes back "
                              "to an earlier scene (a cycle: wound -> nurse -> wound)")


# -- the whole message an author reads ----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("- just a list\n", ": expected a mapping with 'id', 'title' and 'questions'"),
    ("id: demo\ntitle: {en: Demo}\nquestions: []\n", ": 'questions' must be a non-empty list"),
    ("id: demo\ntitle: {en: Demo}\nquestions:" + GOOD_QUESTION + "  - {kind: essay, prompt: {en: 'Why?'}}\n",
     ", question 2: unknown kind 'essay' (use one of: single, multiple, truefalse, order, scenario)"),
])
def test_the_message_for_a_broken_file_is_exactly_file_item_and_problem(tmp_path, text, expected):
    path = tmp_path / "demo.yml"
    path.write_text(text, encoding="utf-8")
    assert error_of(path) == f"{path}{expected}"


# -- the course file and the cache --------------------------------------------------------------

def test_a_quiz_is_checked_again_when_the_course_file_changes_in_the_same_process(tmp_path, monkeypatch):
    # an author removes the lesson's third objective from course.yml: the quiz whose question
    # checks objective 3 is refused at the next load, although the quiz file did not change
    import misscourse.paths as paths
    import misscourse.quizzes as quizzes

    course_file = tmp_path / "course.yml"
    course_file.write_text("objectives: 3\n", encoding="utf-8")
    monkeypatch.setattr(paths, "course_file", lambda: course_file)
    monkeypatch.setattr(quizzes, "lesson_objectives", lambda quiz_id: (
        "demo-lesson", int(course_file.read_text(encoding="utf-8").split(":")[1])))
    folder = tmp_path / "quizzes"
    folder.mkdir()
    path = write_quiz(folder, with_fields(GOOD_QUESTION, "objective: 3"))
    assert load_quiz("demo", folder).questions[0].objective == 3
    course_file.write_text("objectives: 2\n", encoding="utf-8")
    stat = course_file.stat()
    os.utime(course_file, (stat.st_atime, stat.st_mtime + 5))
    with pytest.raises(SourceError) as info:
        load_quiz("demo", folder)
    assert str(info.value) == (f"{path}, question 'q-one': objective 3 is not an objective of lesson "
                               "'demo-lesson' (it has 2: use 1 to 2)")


# -- where the right answers are shown, in a quiz that mixes option counts ----------------------

@pytest.mark.parametrize("body", [
    "".join(single(f"two-{i}", 2) + single(f"three-{i}", 3) for i in range(3)),
    "".join(single(f"two-{i}", 2) + single(f"three-{i}", 3) for i in range(6)),
    "".join(single(f"three-{i}", 3) + single(f"four-{i}", 4) + single(f"five-{i}", 5) for i in range(3)),
    "".join(single(f"one-{i}", 3) + multiple(f"some-{i}", [True, True, False, False])
            + multiple(f"most-{i}", [True, False, True, True, False]) for i in range(3)),
])
def test_each_position_shows_its_fair_share_of_right_answers_when_questions_have_different_option_counts(
        tmp_path, body):
    # a position's fair share: over the questions that have it, the right options divided by the
    # options (A of a 2-option question with one right answer: 1/2); shown: rounded up or down
    quiz = load_quiz_file(write_quiz(tmp_path, body))
    shown: dict[int, int] = {}
    fair: dict[int, float] = {}
    for q in quiz.questions:
        n, r = len(q.options), sum(o.correct for o in q.options)
        for p, (_, option) in enumerate(q.shown_options()):
            shown[p] = shown.get(p, 0) + option.correct
            fair[p] = fair.get(p, 0) + r / n
    for p in fair:
        assert math.floor(fair[p] + 1e-9) <= shown[p] <= math.ceil(fair[p] - 1e-9), (p, shown, fair)


def test_two_loads_of_a_quiz_show_the_options_in_the_same_order(tmp_path):
    body = "".join(single(f"one-{i}", 5, right=i) + multiple(f"some-{i}", [True, False, True, False, False])
                   for i in range(4))
    path = write_quiz(tmp_path, body)
    first, second = load_quiz_file(path), load_quiz_file(path)
    assert [[o.text["en"] for _, o in q.shown_options()] for q in first.questions] == \
           [[o.text["en"] for _, o in q.shown_options()] for q in second.questions]
