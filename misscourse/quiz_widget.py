"""The quiz widget: quiz data in Python, checking and feedback in the JavaScript front-end.

With a kernel, each answer the learner checks comes back to Python as a message; it is graded
again from the quiz file (:mod:`.grading`) and listeners (for example a progress store) receive
it. Without a kernel (exported pages, slides), the front-end works alone.
"""

from __future__ import annotations

from typing import Callable

import anywidget
import traitlets

from .grading import recheck
from .paths import STATIC_DIR
from .quizzes import load_quiz
from .ui import ui_table

AnswerListener = Callable[[dict], None]
_listeners: list[AnswerListener] = []


def on_answer(listener: AnswerListener) -> None:
    """Call ``listener(answer)`` for every answer a learner checks in any quiz (with a kernel)."""
    if listener not in _listeners:
        _listeners.append(listener)


def off_answer(listener: AnswerListener) -> None:
    """Stop calling ``listener``."""
    if listener in _listeners:
        _listeners.remove(listener)


class QuizWidget(anywidget.AnyWidget):
    _esm = STATIC_DIR / "quiz.js"
    _css = STATIC_DIR / "quiz.css"

    quiz = traitlets.Dict().tag(sync=True)
    ui = traitlets.Dict().tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    lesson = traitlets.Unicode("").tag(sync=True)
    course_version = traitlets.Unicode("").tag(sync=True)
    # residents' questions (``resident: true``): shown unless this is False; the front-end also
    # leaves them out inside reveal.js slides or an element with the class "miss-hide-resident"
    show_resident = traitlets.Bool(True).tag(sync=True)

    def __init__(self, *, digest: str = "", **kwargs):
        super().__init__(**kwargs)
        self.digest = digest
        self.answers: list[dict] = []
        self.on_msg(self._on_front_end_message)

    @classmethod
    def for_quiz(cls, quiz_id: str, lang: str = "en", *, lesson: str = "", course_version: str = "") -> "QuizWidget":
        quiz = load_quiz(quiz_id)
        return cls(quiz=quiz.to_widget(lang), ui=ui_table(lang), lang=lang, lesson=lesson,
                   course_version=course_version, digest=quiz.digest(lang))

    def _on_front_end_message(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "answer":
            return
        answer = recheck({k: content.get(k) for k in
                          ("course_version", "lang", "lesson", "quiz", "question", "answer", "correct", "time")})
        self.answers.append(answer)
        for listener in list(_listeners):
            listener(answer)

    def __repr__(self) -> str:
        n = len(self.quiz.get("questions", []))
        return f"Quiz({self.quiz.get('id')!r}, lang={self.lang!r}, questions={n}, digest={self.digest})"
