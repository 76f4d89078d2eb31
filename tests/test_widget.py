"""The quiz widget's Python side: its data, a deterministic repr, answers coming back, escaping."""

from __future__ import annotations

import re

from misscourse import lesson
from misscourse.quiz_widget import QuizWidget, off_answer, on_answer
from misscourse.quizzes import load_quiz

HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_widget_carries_the_quiz_in_the_chosen_language():
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    quiz = load_quiz("welcome")
    assert widget.quiz["id"] == "welcome"
    assert [q["id"] for q in widget.quiz["questions"]] == [q.id for q in quiz.questions]
    assert widget.quiz["questions"][0]["prompt"] == quiz.questions[0].prompt["en"]
    assert widget.ui["check"] == "Check my answer"
    assert widget.lesson == "welcome" and widget.lang == "en"


def test_repr_is_deterministic_and_names_the_content():
    first = repr(QuizWidget.for_quiz("welcome", "en"))
    second = repr(QuizWidget.for_quiz("welcome", "en"))
    assert first == second
    assert "0x" not in first
    assert re.fullmatch(r"Quiz\('welcome', lang='en', questions=\d+, digest=[0-9a-f]{12}\)", first)
    bundle, _ = QuizWidget.for_quiz("welcome", "en")._repr_mimebundle_()
    assert bundle["text/plain"] == first


def test_digest_follows_the_quiz_content(tmp_path, monkeypatch):
    from conftest import REPO
    import shutil

    shutil.copytree(REPO / "quizzes", tmp_path / "quizzes")
    shutil.copy(REPO / "course.yml", tmp_path / "course.yml")
    monkeypatch.setenv("MISSCOURSE_ROOT", str(tmp_path))
    before = QuizWidget.for_quiz("welcome", "en").digest
    prompt = load_quiz("welcome", tmp_path / "quizzes").questions[0].prompt["en"]
    path = tmp_path / "quizzes" / "welcome.yml"
    text = path.read_text(encoding="utf-8")
    assert prompt in text
    path.write_text(text.replace(prompt, prompt + " Think it over.", 1), encoding="utf-8")
    import os
    os.utime(path, (1, 1))  # a new mtime, so the cached copy is not used
    after = QuizWidget.for_quiz("welcome", "en")
    assert after.digest != before
    assert after.quiz["questions"][0]["prompt"] == prompt + " Think it over."


def right_response(q: dict):
    """A right response to a question as the widget carries it (options named by their key)."""
    if q["kind"] == "single":
        return next(o["key"] for o in q["options"] if o["correct"])
    if q["kind"] == "multiple":
        return sorted(o["key"] for o in q["options"] if o["correct"])
    if q["kind"] == "truefalse":
        return q["answer"]
    if q["kind"] == "order":
        return list(range(len(q["steps"])))
    keys, scene = [], q["scenes"][0]
    by_id = {s["id"]: s for s in q["scenes"]}
    while scene:
        choice = next(c for c in scene["choices"] if c["good"])
        keys.append(choice["key"])
        scene = by_id.get(choice["next"])
    return keys


def test_answers_from_the_front_end_reach_python_and_listeners():
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    q = widget.quiz["questions"][0]
    heard = []
    on_answer(heard.append)
    message = {"event": "answer", "course_version": "1.0.0", "lang": "en", "lesson": "welcome", "quiz": "welcome",
               "question": q["id"], "answer": right_response(q), "correct": True, "time": "2026-01-01T00:00:00Z"}
    try:
        widget._on_front_end_message(widget, message, [])
        widget._on_front_end_message(widget, {"event": "something-else"}, [])
    finally:
        off_answer(heard.append)
    assert widget.answers == [{k: v for k, v in message.items() if k != "event"}]
    assert heard[-1]["question"] == q["id"] and heard[-1]["correct"] is True


def test_a_right_flag_on_a_wrong_answer_reaches_listeners_as_wrong(caplog):
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    q = next(q for q in widget.quiz["questions"] if q["kind"] in ("single", "truefalse"))
    wrong = (not q["answer"]) if q["kind"] == "truefalse" else next(o["key"] for o in q["options"] if not o["correct"])
    heard = []
    on_answer(heard.append)
    try:
        widget._on_front_end_message(widget, {"event": "answer", "course_version": "1.0.0", "lang": "en",
                                              "lesson": "welcome", "quiz": "welcome", "question": q["id"],
                                              "answer": wrong, "correct": True, "time": "2026-01-01T00:00:00Z"}, [])
    finally:
        off_answer(heard.append)
    assert heard[-1]["correct"] is False and widget.answers[-1]["correct"] is False
    assert "kept as wrong" in caplog.text


def test_the_widget_carries_the_shown_order_and_the_resident_flag():
    quiz = load_quiz("welcome")
    widget = QuizWidget.for_quiz("welcome", "en")
    assert widget.show_resident is True
    for q, shown in zip(quiz.questions, widget.quiz["questions"]):
        assert shown["resident"] is q.resident
        if q.kind in ("single", "multiple"):
            assert [o["key"] for o in shown["options"]] == q.shown_order()
            assert [o["text"] for o in shown["options"]] == [o.text["en"] for _, o in q.shown_options()]


def test_front_end_code_never_parses_quiz_text_as_html():
    from misscourse.paths import STATIC_DIR

    js = (STATIC_DIR / "quiz.js").read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "outerHTML" not in js
    assert "textContent" in js
    # an ES module with the anywidget entry point and the checking functions the tests import
    for name in ("render", "grade", "isRight", "gradeDecision"):
        assert re.search(rf"export (function {name}\b|{{[^}}]*\b{name}\b)", js), name
    assert "export default { render }" in js


def test_lesson_blocks_escape_text_from_data_files(monkeypatch):
    import html as html_lib

    from misscourse.course import course

    original = dict(course().lesson("welcome").title)
    view = lesson("welcome", "en")
    monkeypatch.setattr(view, "info", view.info.model_copy(update={"title": {"en": HOSTILE}}))
    html = view.header()._repr_html_()
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    # the course's own record was untouched: a fresh view shows the real title, not the hostile one
    assert course().lesson("welcome").title == original
    fresh = lesson("welcome", "en").header()._repr_html_()
    assert html_lib.escape(original["en"], quote=False) in fresh and "alert(2)" not in fresh


def test_lesson_outputs_have_stable_plain_text():
    view = lesson("welcome", "en")
    assert repr(view.header()) == repr(lesson("welcome", "en").header())
    assert repr(view.warning_signs()).startswith("Warning signs: ")
    assert "0x" not in repr(view.quiz())


def test_the_site_state_names_the_shared_quiz_data_and_keeps_a_copy_that_differs(tmp_path):
    """An exported quiz's state names the quiz and the interface words that lib/ holds for its
    language (the widget host puts them back); a notebook executed with other quiz text keeps its
    own copy, so the page shows what the notebook showed. The shared file sets exactly that data."""
    import json

    from misscourse.site.shared_data import file_of, write_quiz_files
    from misscourse.site.widgets import SHARED, share

    widget = QuizWidget.for_quiz("risks", "zh", lesson="risks", course_version="1.0.0")
    saved = {"quiz": widget.quiz, "ui": widget.ui, "lang": "zh", "lesson": "risks", "_esm": "x", "layout": "y"}
    state = share(saved)
    assert state == {"lang": "zh", "lesson": "risks", SHARED: {"quiz": "quiz/zh/risks", "ui": "ui/zh"}}

    stale = json.loads(json.dumps(widget.quiz))
    stale["questions"][0]["prompt"] += " (old)"
    state = share({**saved, "quiz": stale})
    assert state["quiz"] == stale and state[SHARED] == {"ui": "ui/zh"}
    assert "ui" not in share({**saved, "lang": "zh"}) and "quiz" in share({**saved, "lang": "en"})

    write_quiz_files(tmp_path, ["zh"], ["risks"])
    text = (tmp_path / file_of("quiz/zh/risks")).read_text(encoding="utf-8")
    assert "\\u" not in text and widget.quiz["title"] in text  # the page's own characters, not escapes
    prefix = '(window.MissShared = window.MissShared || {})["quiz/zh/risks"] = '
    body = text.split(prefix, 1)[1].rstrip().removesuffix(";")
    assert json.loads(body) == widget.quiz
