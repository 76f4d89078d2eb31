"""Learner progress: every answer checked in a quiz is kept on this computer (never sent anywhere),
shown on a progress page, and the missed questions come back in a review quiz.

Notebooks call ``show_progress("en")`` and ``review_quiz("en")``; :func:`misscourse.lesson.lesson`
calls :func:`attach` so that answers are recorded with a kernel. The offline site keeps answers in
the browser instead (``misscourse/static/quiz.js``) and has its own page (:mod:`.site`).
"""

from __future__ import annotations

import logging

log = logging.getLogger("misscourse.progress")
_warned: set[str] = set()


def attach() -> None:
    """Record every answer the quiz widget reports in the progress store (calling it again does nothing)."""
    from ..quiz_widget import on_answer

    on_answer(record_answer)


def record_answer(answer: dict) -> None:
    """Keep one answer from the quiz widget. Never raises into the widget: a problem is logged once."""
    from .answers import InvalidAnswer, now
    from .store import get_store

    if answer.get("time") is None:
        answer = {**answer, "time": now()}
    try:
        get_store().record(answer)
    except InvalidAnswer as exc:
        _warn_once("answer", "An answer from a quiz was not saved: %s.", exc)
    except Exception as exc:  # whatever happens to the store, the quiz keeps working
        _warn_once("store", "Your answers are not being saved (%s). The quizzes still work.", exc)


def _warn_once(kind: str, message: str, exc: Exception) -> None:
    if kind not in _warned:
        _warned.add(kind)
        log.warning(message, exc)


def show_progress(lang: str = "en"):
    """The learner's progress page for a notebook: per lesson, a chart, the questions to look at again."""
    from .page import show_progress as show

    return show(lang)


def review_quiz(lang: str = "en"):
    """A quiz of the questions the learner missed, the most recently missed first."""
    from .page import review_quiz as review

    return review(lang)
