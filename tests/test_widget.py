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
    path = tmp_path / "quizzes" / "welcome.yml"
    path.write_text(path.read_text().replace("What is this course for?", "What is this course about?"))
    import os
    os.utime(path, (1, 1))  # a new mtime, so the cached copy is not used
    assert QuizWidget.for_quiz("welcome", "en").digest != before


def test_answers_from_the_front_end_reach_python_and_listeners():
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    heard = []
    on_answer(heard.append)
    message = {"event": "answer", "course_version": "1.0.0", "lang": "en", "lesson": "welcome", "quiz": "welcome",
               "question": "try-again-ok", "answer": True, "correct": True, "time": "2026-01-01T00:00:00Z"}
    try:
        widget._on_front_end_message(widget, message, [])
        widget._on_front_end_message(widget, {"event": "something-else"}, [])
    finally:
        off_answer(heard.append)
    assert widget.answers == [{k: v for k, v in message.items() if k != "event"}]
    assert heard[-1]["question"] == "try-again-ok"


def test_front_end_code_never_parses_quiz_text_as_html():
    from misscourse.paths import STATIC_DIR

    js = (STATIC_DIR / "quiz.js").read_text()
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "outerHTML" not in js
    assert "textContent" in js


def test_lesson_blocks_escape_text_from_data_files(monkeypatch):
    view = lesson("welcome", "en")
    title = dict(view.info.title)
    monkeypatch.setattr(view, "info", view.info.model_copy(update={"title": {"en": HOSTILE}}))
    html = view.header()._repr_html_()
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert title  # the real title was untouched


def test_lesson_outputs_have_stable_plain_text():
    view = lesson("welcome", "en")
    assert repr(view.header()) == repr(lesson("welcome", "en").header())
    assert repr(view.warning_signs()).startswith("Warning signs: ")
    assert "0x" not in repr(view.quiz())
