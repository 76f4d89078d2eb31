"""The quiz loader: every real quiz file loads, and every kind of broken file gets a clear error."""

from __future__ import annotations

import textwrap

import pytest

from misscourse.course import course
from misscourse.quizzes import KINDS, derived_id, load_all, load_quiz_file, start_order
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


def test_the_course_uses_the_four_classic_kinds_and_no_unknown_one():
    kinds = {q.kind for quiz in load_all().values() for q in quiz.questions}
    assert {"single", "multiple", "truefalse", "order"} <= kinds <= set(KINDS)


def test_a_good_file_loads(tmp_path):
    quiz = load_quiz_file(write_quiz(tmp_path, GOOD_QUESTION))
    assert [q.id for q in quiz.questions] == ["q-one"]
    shown = {o["key"]: o for o in quiz.questions[0].to_widget("en")["options"]}
    assert (shown[0]["text"], shown[0]["correct"]) == ("Right", True)
    assert (shown[1]["text"], shown[1]["correct"]) == ("Wrong", False)


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


# -- objectives, resident questions, stoplight signs and zones ------------------------------------

def with_fields(body: str, fields: str) -> str:
    """The question body with extra lines (e.g. 'objective: 2') after its kind."""
    return body.replace("    kind: single\n", "    kind: single\n" + "".join(f"    {f}\n" for f in fields.split(";")), 1)


def test_new_fields_load_and_reach_the_widget(tmp_path):
    body = with_fields(GOOD_QUESTION, "objective: 2;resident: true;sign: fever")
    body = body.replace('{text: {en: "Right"}, correct: true,', '{text: {en: "Right"}, correct: true, zone: yellow,')
    q = load_quiz_file(write_quiz(tmp_path, body), objectives=("demo-lesson", 3)).questions[0]
    assert (q.objective, q.resident, q.sign) == (2, True, "fever")
    assert [o.zone for o in q.options] == ["yellow", None]
    assert q.to_widget("en")["resident"] is True


@pytest.mark.parametrize("body, expected", [
    (with_fields(GOOD_QUESTION, "objective: 0"), "question 'q-one': objective: Input should be greater than or equal to 1"),
    (with_fields(GOOD_QUESTION, "objective: two"), "question 'q-one': objective: Input should be a valid integer"),
    (with_fields(GOOD_QUESTION, "resident: maybe"), "question 'q-one': resident: Input should be a valid boolean"),
    (with_fields(GOOD_QUESTION, "sign: Fever Sign"), "question 'q-one': sign 'Fever Sign' must be lower-case words joined by '-'"),
    (GOOD_QUESTION.replace("correct: true,", "correct: true, zone: orange,"),
     "question 'q-one': options.0.zone: Input should be 'green', 'yellow' or 'red'"),
])
def test_broken_new_fields_name_file_question_and_problem(tmp_path, body, expected):
    path = write_quiz(tmp_path, body)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message


def test_an_objective_beyond_the_lessons_list_names_file_question_and_valid_range(tmp_path):
    path = write_quiz(tmp_path, with_fields(GOOD_QUESTION, "objective: 4"))
    with pytest.raises(SourceError) as info:
        load_quiz_file(path, objectives=("risks", 3))
    message = str(info.value)
    assert message.startswith(str(path))
    assert "question 'q-one': objective 4 is not an objective of lesson 'risks' (it has 3: use 1 to 3)" in message
    assert load_quiz_file(path, objectives=("risks", 4)).questions[0].objective == 4


def test_the_objective_is_checked_against_the_lesson_that_lists_the_quiz_in_the_course_file(tmp_path):
    lesson = next(l for l in course().lessons if l.quizzes)
    quiz_id, count = lesson.quizzes[0], len(lesson.objectives["en"])
    message = error_of(write_quiz(tmp_path, with_fields(GOOD_QUESTION, f"objective: {count + 1}"), name=quiz_id))
    assert f"objective {count + 1} is not an objective of lesson {lesson.slug!r} (it has {count}: use 1 to {count})" in message
    ok = write_quiz(tmp_path, with_fields(GOOD_QUESTION, f"objective: {count}"), name=quiz_id)
    assert load_quiz_file(ok).questions[0].objective == count


def test_objective_and_hints_can_be_made_required(tmp_path, monkeypatch):
    import misscourse.quizzes as quizzes

    path = write_quiz(tmp_path, GOOD_QUESTION)
    assert load_quiz_file(path).questions[0].objective is None  # optional for now
    monkeypatch.setattr(quizzes, "REQUIRE_OBJECTIVE_AND_HINTS", True)
    assert "question 'q-one': 'objective' is missing" in error_of(path)
    with_objective = write_quiz(tmp_path, with_fields(GOOD_QUESTION, "objective: 1"))
    assert "question 'q-one': 'hints' is missing" in error_of(with_objective)
    complete = write_quiz(tmp_path, with_fields(GOOD_QUESTION, "objective: 1;hints: [{en: Think.}]"))
    assert load_quiz_file(complete, objectives=None).questions[0].hints == [{"en": "Think."}]


# -- the scenario kind ----------------------------------------------------------------------------

SCENARIO = """
  - id: wound-red
    kind: scenario
    prompt: {en: "Day 3 at home.", zh: "回家第3天。"}
    scenes:
      - id: wound
        text: {en: "Your wound is red and warm. What do you do?", zh: "伤口发红发烫。怎么办？"}
        choices:
          - text: {en: "Call your care team today", zh: "今天联系医生"}
            good: true
            zone: yellow
            feedback: {en: "The nurse asks you some questions.", zh: "护士问了几个问题。"}
            next: nurse
          - text: {en: "Wait for your visit", zh: "等复诊"}
            feedback: {en: "Next day it is worse.", zh: "第二天更重了。"}
            next: later
      - id: nurse
        text: {en: "The nurse asks about fever. What do you say?", zh: "护士问发不发烧。"}
        choices:
          - text: {en: "Take your temperature and tell her", zh: "量体温告诉她"}
            good: true
            feedback: {en: "She knows what to do.", zh: "她知道怎么办了。"}
          - text: {en: "Guess", zh: "猜一个"}
            feedback: {en: "She cannot tell how sick you are.", zh: "她判断不了。"}
      - id: later
        text: {en: "It is worse. What now?", zh: "更重了。怎么办？"}
        choices:
          - text: {en: "Call now", zh: "马上打电话"}
            good: true
            feedback: {en: "Good.", zh: "好。"}
          - text: {en: "Wait more", zh: "再等等"}
            feedback: {en: "It gets worse.", zh: "更重了。"}
    explanation: {en: "Call the same day.", zh: "当天就联系。"}
    hints: [{en: "Redness is a sign.", zh: "发红是信号。"}]
"""

EXTRA_CHOICE = """          - text: {en: "Ask a friend", zh: "问朋友"}
            feedback: {en: "Your friend is not sure.", zh: "朋友不确定。"}
"""


def add_choice(scene_id: str, extra: str = EXTRA_CHOICE) -> str:
    """SCENARIO with one more choice at the top of a scene's choices."""
    head, tail = SCENARIO.split(f"      - id: {scene_id}\n")
    text_line, rest = tail.split("        choices:\n", 1)
    return head + f"      - id: {scene_id}\n" + text_line + "        choices:\n" + extra + rest


def test_a_good_scenario_loads_and_reaches_the_widget(tmp_path):
    q = load_quiz_file(write_quiz(tmp_path, SCENARIO)).questions[0]
    assert [s.id for s in q.scenes] == ["wound", "nurse", "later"]
    assert q.languages() == {"en", "zh"}
    data = q.to_widget("zh")
    assert data["kind"] == "scenario" and data["prompt"] == "回家第3天。"
    assert data["scenes"][0]["id"] == "wound"
    assert {c["next"] for c in data["scenes"][0]["choices"]} == {"nurse", "later"}
    assert all(c["feedback"] for s in data["scenes"] for c in s["choices"])


@pytest.mark.parametrize("body, expected", [
    (SCENARIO.replace("next: later", "next: latr"),
     "question 'wound-red': scene 'wound', choice 2: 'next: latr' names no scene (scenes: wound, nurse, later)"),
    (SCENARIO.replace("next: later", "next: nurse"),
     "question 'wound-red': scene 'later' cannot be reached from the first scene 'wound'"),
    (add_choice("nurse", EXTRA_CHOICE + "            next: wound\n"),
     "question 'wound-red': scene 'nurse', choice 1: 'next: wound' goes back to an earlier scene "
     "(a cycle: wound -> nurse -> wound)"),
    (add_choice("wound"),
     "question 'wound-red': scene 'wound', choice 1: the path wound ends after 1 decision; every path needs 2 to 4"),
    (SCENARIO.replace('            good: true\n            feedback: {en: "Good."', '            feedback: {en: "Good."'),
     "question 'wound-red': scene 'later' has no good choice (mark at least one 'good: true')"),
    (SCENARIO.replace('          - text: {en: "Wait more", zh: "再等等"}\n            feedback: {en: "It gets worse.", zh: "更重了。"}\n', ""),
     "question 'wound-red': scene 'later' has 1 choice; a scene needs 2 to 4"),
    (add_choice("later", EXTRA_CHOICE * 1 + EXTRA_CHOICE.replace("Ask a friend", "Ask a neighbour")
                + EXTRA_CHOICE.replace("Ask a friend", "Ask online")),
     "question 'wound-red': scene 'later' has 5 choices; a scene needs 2 to 4"),
    (add_choice("later", EXTRA_CHOICE.replace("Ask a friend", "Call now")),
     "question 'wound-red': scene 'later': two choices have the same text"),
    (SCENARIO.replace("      - id: nurse", "      - id: wound", 1).replace("next: nurse", "next: later"),
     "question 'wound-red': two scenes have the id 'wound'"),
    (SCENARIO.replace("    scenes:", "    options: [{text: {en: x}, correct: true}]\n    scenes:"),
     "question 'wound-red': a scenario question has 'scenes', not 'options'"),
    (SCENARIO.replace("    scenes:\n", "    scenes: []\n").split("      - id: wound")[0] + '    explanation: {en: "x"}\n',
     "question 'wound-red': a scenario question needs 'scenes'"),
    (GOOD_QUESTION.replace("    explanation:", "    scenes: [{id: a, text: {en: x}, choices: []}]\n    explanation:"),
     "question 'q-one': a single question has no 'scenes' (only a scenario has)"),
    (SCENARIO.replace("id: nurse", "id: Nurse Scene"), "scene id 'Nurse Scene' must be lower-case words joined by '-'"),
    (SCENARIO.replace('            feedback: {en: "Good.", zh: "好。"}\n', ""),
     "question 'wound-red': scenes.2.choices.0.feedback: Field required"),
])
def test_broken_scenarios_name_file_question_scene_and_problem(tmp_path, body, expected):
    path = write_quiz(tmp_path, body)
    message = error_of(path)
    assert message.startswith(str(path))
    assert expected in message


def test_a_scenes_field_on_another_kind_is_refused(tmp_path):
    body = GOOD_QUESTION.replace("    explanation:", "    scenes:\n" + "\n".join(
        "      " + line for line in SCENARIO.split("    scenes:\n")[1].split("    explanation:")[0].strip("\n").split("\n")
    ).replace("      " * 2, "      ", 0) + "\n    explanation:")
    assert "question 'q-one': a single question has no 'scenes' (only a scenario has)" in error_of(write_quiz(tmp_path, body))


def _chain(n: int, bad_goes_on: bool = False) -> str:
    """A scenario whose good path is a chain of n scenes (each: a good choice onward, a bad one)."""
    scenes = []
    for i in range(n):
        nxt = f"\n            next: s{i + 1}" if i < n - 1 else ""
        scenes.append(f"""      - id: s{i}
        text: {{en: "Scene {i}"}}
        choices:
          - text: {{en: "Go on"}}
            good: true
            feedback: {{en: "On."}}{nxt}
          - text: {{en: "Stop"}}
            feedback: {{en: "Stopped."}}{nxt if bad_goes_on else ""}
""")
    return f"""
  - id: chain
    kind: scenario
    prompt: {{en: "A chain."}}
    scenes:
{''.join(scenes)}    explanation: {{en: "x"}}
"""


def test_scenario_paths_need_two_to_four_decisions(tmp_path):
    assert "scene 's0', choice 2: the path s0 ends after 1 decision; every path needs 2 to 4" in error_of(
        write_quiz(tmp_path, _chain(2)))
    for n in (2, 3, 4):
        q = load_quiz_file(write_quiz(tmp_path, _chain(n, bad_goes_on=True))).questions[0]
        assert len(q.scenes) == n
    message = error_of(write_quiz(tmp_path, _chain(5, bad_goes_on=True)))
    assert "scene 's3', choice 1: the path s0 -> s1 -> s2 -> s3 -> s4 has more than 4 decisions; every path needs 2 to 4" in message
    assert "needs 2 to 4" in error_of(write_quiz(tmp_path, _chain(1)))


# -- the order a learner sees: fixed at build time, the right answer's place spread evenly ---------

def single(qid: str, n: int = 3, right: int = 0) -> str:
    options = "".join(
        f'      - {{text: {{en: "Option {i} of {qid}"}}, {"correct: true, " if i == right else ""}feedback: {{en: "F{i}."}}}}\n'
        for i in range(n))
    return f"""
  - id: {qid}
    kind: single
    prompt: {{en: "Question {qid}?"}}
    options:
{options}    explanation: {{en: "Because."}}
"""


def multiple(qid: str, rights: list[bool]) -> str:
    options = "".join(
        f'      - {{text: {{en: "Option {i} of {qid}"}}, {"correct: true, " if r else ""}feedback: {{en: "F{i}."}}}}\n'
        for i, r in enumerate(rights))
    return f"""
  - id: {qid}
    kind: multiple
    prompt: {{en: "Question {qid}?"}}
    options:
{options}    explanation: {{en: "Because."}}
"""


def right_position(q) -> int:
    return next(i for i, (_, o) in enumerate(q.shown_options()) if o.correct)


def test_the_shown_order_is_a_permutation_and_the_file_keeps_its_authoring_order(tmp_path):
    quiz = load_quiz_file(write_quiz(tmp_path, "".join(single(f"q{i}", n=4) for i in range(8))))
    for q in quiz.questions:
        assert sorted(q.shown_order()) == [0, 1, 2, 3]
        assert [o.text["en"] for o in q.options] == [f"Option {i} of {q.id}" for i in range(4)]  # authoring order
        shown = q.to_widget("en")["options"]
        assert [o["key"] for o in shown] == q.shown_order()
        assert [o["text"] for o in shown] == [q.options[k].text["en"] for k in q.shown_order()]
        assert [letter for letter, _ in q.shown_options()] == ["A", "B", "C", "D"]
    assert any(q.shown_order() != [0, 1, 2, 3] for q in quiz.questions)


@pytest.mark.skipif("MUTANT_UNDER_TEST" in __import__("os").environ,
                    reason="under mutmut, a fresh interpreter cannot import the mutated package")
def test_the_shown_order_is_the_same_on_every_load_and_in_every_language(tmp_path):
    path = write_quiz(tmp_path, "".join(single(f"q{i}") for i in range(6)) + multiple("m", [True, True, False, True]))
    first = [q.shown_order() for q in load_quiz_file(path).questions]
    again = [q.shown_order() for q in load_quiz_file(path).questions]
    assert first == again
    import subprocess
    import sys

    # a fresh interpreter with another hash seed: nothing depends on Python's per-run hashing
    code = ("import json,sys; from misscourse.quizzes import load_quiz_file; "
            "print(json.dumps([q.shown_order() for q in load_quiz_file(sys.argv[1]).questions]))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "PYTHONHASHSEED": "12345"}).stdout
    assert __import__("json").loads(out) == first


def test_a_right_option_written_first_is_spread_evenly_over_the_positions(tmp_path):
    quiz = load_quiz_file(write_quiz(tmp_path, "".join(single(f"q{i}") for i in range(9))))
    positions = [right_position(q) for q in quiz.questions]
    assert sorted(positions) == [0, 0, 0, 1, 1, 1, 2, 2, 2]
    quiz = load_quiz_file(write_quiz(tmp_path, "".join(single(f"r{i}", n=4, right=3) for i in range(8))))
    assert sorted(right_position(q) for q in quiz.questions) == [0, 0, 1, 1, 2, 2, 3, 3]


def test_choose_all_questions_do_not_always_start_with_a_right_option(tmp_path):
    body = "".join(multiple(f"m{i}", [True, True, True, False]) for i in range(8))
    quiz = load_quiz_file(write_quiz(tmp_path, body))
    first_right = [q.shown_options()[0][1].correct for q in quiz.questions]
    last_right = [q.shown_options()[-1][1].correct for q in quiz.questions]
    assert 0 < sum(first_right) < 8 and 0 < sum(last_right) < 8
    wrong_at = [next(i for i, (_, o) in enumerate(q.shown_options()) if not o.correct) for q in quiz.questions]
    assert len(set(wrong_at)) >= 3  # the one wrong option is not always in the same place


def test_scenario_choices_are_shown_in_a_fixed_spread_order_and_the_answer_key_letters_match(tmp_path):
    quiz = load_quiz_file(write_quiz(tmp_path, SCENARIO + "".join(single(f"q{i}") for i in range(2))))
    scenario = quiz.questions[0]
    data = scenario.to_widget("en")
    for scene, shown in zip(scenario.scenes, data["scenes"]):
        order = scenario.shown_order(scene.id)
        assert sorted(order) == list(range(len(scene.choices)))
        assert [c["key"] for c in shown["choices"]] == order
        assert [c["text"] for c in shown["choices"]] == [t.text["en"] for _, t in scenario.shown_choices(scene)]
    # the good choice is written first in every scene; it is not shown first in all of them
    assert any(not scenario.shown_choices(s)[0][1].good for s in scenario.scenes)


def test_every_text_of_a_scenario_is_named_for_the_checks(tmp_path):
    body = SCENARIO.replace(', zh: "她判断不了。"', "")
    q = load_quiz_file(write_quiz(tmp_path, body)).questions[0]
    names = dict(q.named_texts())
    assert {"prompt", "explanation", "hints[0]", "scene wound.text", "scene nurse.choices[1].feedback"} <= set(names)
    assert q.languages() == {"en"}
    assert [n for n, t in q.named_texts() if "zh" not in t] == ["scene nurse.choices[1].feedback"]


def test_the_guides_answer_key_uses_the_letters_the_learner_sees(tmp_path):
    from misscourse.site.guide import right_answers, wrong_answers

    quiz = load_quiz_file(write_quiz(tmp_path, "".join(single(f"q{i}", n=4) for i in range(4)) + SCENARIO))
    for q in quiz.questions[:4]:
        shown = q.to_widget("en")["options"]
        right_at = next(i for i, o in enumerate(shown) if o["correct"])
        assert right_answers(q, "en") == [f"{'ABCD'[right_at]}. {shown[right_at]['text']}"]
        assert [text for text, _ in wrong_answers(q, "en")] == [
            f"{'ABCD'[i]}. {o['text']}" for i, o in enumerate(shown) if not o["correct"]]
    story = quiz.questions[4]
    key = right_answers(story, "en")
    assert len(key) == len(story.scenes)  # one good choice per scene, named by its scene and letter
    for scene, line in zip(story.scenes, key):
        letter, choice = next((l, c) for l, c in story.shown_choices(scene) if c.good)
        assert line == f"{scene.text['en']} \u2192 {letter}. {choice.text['en']}"
