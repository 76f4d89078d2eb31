"""The quiz loader: every real quiz file loads, and every kind of broken file gets a clear error."""

from __future__ import annotations

import textwrap

import pytest

from misscourse.course import course
from misscourse.quizzes import derived_id, load_all, load_quiz_file, start_order
from misscourse.sourcefile import SourceError

GOOD_QUESTION = """
  - id: q-one
    kind: single
    prompt: {en: "Pick one."}
    options:
      - {text: {en: "Right"}, correct: true, feedback: {en: "Yes."}}
      - {text: {en: "Wrong"}, feedback: {en: "No."}}
    explanation: {en: "Because."}
"""


def write_quiz(tmp_path, body: str, name="demo"):
    path = tmp_path / f"{name}.yml"
    path.write_text(f"id: {name}\ntitle: {{en: Demo}}\nquestions:\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(SourceError) as info:
        load_quiz_file(path)
    return str(info.value)


def test_every_quiz_file_loads_and_every_lesson_has_its_quiz():
    quizzes = load_all()
    for lesson in course().lessons:
        for quiz_id in lesson.quizzes:
            assert quiz_id in quizzes, f"lesson {lesson.slug} names quiz {quiz_id}, which has no file"


def test_all_four_kinds_are_used_in_the_course():
    kinds = {q.kind for quiz in load_all().values() for q in quiz.questions}
    assert kinds == {"single", "multiple", "truefalse", "order"}


def test_a_good_file_loads(tmp_path):
    quiz = load_quiz_file(write_quiz(tmp_path, GOOD_QUESTION))
    assert [q.id for q in quiz.questions] == ["q-one"]
    assert quiz.questions[0].to_widget("en")["options"][0]["correct"] is True


@pytest.mark.parametrize("body, expected", [
    (GOOD_QUESTION.replace("kind: single", "kind: essay"), "question 'q-one': unknown kind 'essay'"),
    (GOOD_QUESTION.replace("correct: true, ", ""), "question 'q-one': no option is marked correct"),
    (GOOD_QUESTION + GOOD_QUESTION, "question 'q-one': duplicate id 'q-one'"),
    (GOOD_QUESTION.replace('prompt: {en: "Pick one."}', 'prompt: {en: "  "}'), "question 'q-one': prompt: empty text for language 'en'"),
    (GOOD_QUESTION.replace('{en: "Wrong"}, ', '{en: "Wrong"}, correct: true, '),
     "question 'q-one': a single-choice question has 2 correct options"),
    ("""
  - id: steps
    kind: order
    prompt: {en: "Order these."}
    steps: [{en: "Only one"}]
    explanation: {en: "x"}
""", "question 'steps': an order question needs at least 2 steps (it has 1)"),
    ("""
  - id: tf
    kind: truefalse
    prompt: {en: "Is it?"}
    answer: true
    if_true: {en: "Yes."}
    explanation: {en: "x"}
""", "question 'tf': a truefalse question needs feedback for both answers"),
    (GOOD_QUESTION.replace("id: q-one", "id: Bad Id"), "question 'Bad Id': id 'Bad Id' must be lower-case"),
    (GOOD_QUESTION.replace('prompt: {en: "Pick one."}', 'prompt: {fr: "Choisissez."}'),
     "question 'q-one': prompt: unknown language 'fr'"),
    (GOOD_QUESTION.replace("    explanation: {en: \"Because.\"}\n", ""), "question 'q-one': explanation: Field required"),
])
def test_broken_questions_name_file_question_and_problem(tmp_path, body, expected):
    path = write_quiz(tmp_path, body)
    message = error_of(path)
    assert message.startswith(str(path))
    assert expected in message


def test_broken_yaml_names_the_line(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text("id: demo\nquestions: [\n  - {", encoding="utf-8")
    assert "not valid YAML" in error_of(path) and "line" in error_of(path)


def test_file_name_and_id_must_agree(tmp_path):
    path = write_quiz(tmp_path, GOOD_QUESTION, name="demo")
    path.write_text(path.read_text().replace("id: demo", "id: other", 1))
    assert "expected 'id: demo', found 'other'" in error_of(path)


def test_missing_questions_and_not_utf8(tmp_path):
    path = tmp_path / "demo.yml"
    path.write_text("id: demo\ntitle: {en: x}\n", encoding="utf-8")
    assert "'questions' must be a non-empty list" in error_of(path)
    path.write_bytes(b"id: demo\n\xff\xfe")
    assert "not UTF-8" in error_of(path)


def test_ids_without_a_given_id_are_derived_from_content_and_stable(tmp_path):
    body = GOOD_QUESTION.replace("  - id: q-one\n    kind", "  - kind")
    first = load_quiz_file(write_quiz(tmp_path, body)).questions[0].id
    again = load_quiz_file(write_quiz(tmp_path, body)).questions[0].id
    assert first == again == derived_id("Pick one.")
    assert first.startswith("q-")


def test_order_questions_never_start_solved_and_start_the_same_every_time():
    for n in range(2, 9):
        start = start_order(f"question-{n}", n)
        assert sorted(start) == list(range(n)) and start != list(range(n))
        assert start == start_order(f"question-{n}", n)
