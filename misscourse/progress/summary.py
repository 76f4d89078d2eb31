"""What a learner's answers say: progress per lesson, questions to look at again, answers per day.

Pure functions of the course, its quiz files and a list of answers, used by the notebook page and
the command line. The site's page (``static/progress.js``) applies the same rules in the browser.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable

from .. import paths
from ..course import Course
from ..quizzes import load_quiz
from ..text import pick
from .answers import Answer

REVIEW_STREAK = 2    # right answers in a row that take a missed question out of the review
TIMELINE_DAYS = 14   # days with answers shown on the chart of answers over time

Key = tuple[str, str]  # (quiz, question)


@dataclass(frozen=True)
class QuestionInfo:
    quiz: str
    id: str
    lesson: str
    number: int  # the lesson's place in the course
    prompt: str


class Catalog:
    """The course's quiz questions in one language, by (quiz, question), in course order.

    A lesson whose quiz file is not written yet simply has no questions.
    """

    def __init__(self, course: Course, lang: str):
        self.course, self.lang = course, lang
        self.questions: dict[Key, QuestionInfo] = {}
        self.by_lesson: dict[str, list[Key]] = {}
        self._widget: dict[Key, dict] = {}
        for lesson in course.lessons:
            keys = self.by_lesson[lesson.slug] = []
            for quiz_id in lesson.quizzes:
                if not (paths.quizzes_dir() / f"{quiz_id}.yml").exists():
                    continue
                for q in load_quiz(quiz_id).questions:
                    key = (quiz_id, q.id)
                    if key in self.questions:
                        continue
                    keys.append(key)
                    self.questions[key] = QuestionInfo(quiz_id, q.id, lesson.slug, course.shown_number(lesson.slug),
                                                       pick(q.prompt, lang))
                    self._widget[key] = {**q.to_widget(lang), "quiz": quiz_id, "lesson": lesson.slug}

    def widget_question(self, key: Key) -> dict:
        """The question as the quiz front-end reads it, with its quiz and lesson."""
        return dict(self._widget[key])


@dataclass(frozen=True)
class LessonRow:
    slug: str
    number: int
    title: str
    questions: int   # in the lesson's quizzes
    answered: int    # of them, answered at least once
    answers: int     # answers given
    right: int       # of them, right

    @property
    def done(self) -> bool:
        return self.questions > 0 and self.answered == self.questions


@dataclass(frozen=True)
class Missed:
    info: QuestionInfo
    times: int       # wrong answers
    last: str        # time of the latest wrong answer


@dataclass(frozen=True)
class Summary:
    lang: str
    rows: list[LessonRow]
    missed: list[Missed]               # in review order
    days: list[tuple[date, int]]       # answers per day, the last TIMELINE_DAYS days with answers
    answers: int

    @property
    def done(self) -> int:
        return sum(row.done for row in self.rows)


def histories(answers: Iterable[Answer], catalog: Catalog) -> dict[Key, list[Answer]]:
    """Each known question's answers in ``catalog``'s language, oldest first."""
    found: dict[Key, list[Answer]] = defaultdict(list)
    for a in sorted(answers, key=lambda a: a.time):
        if a.is_decision:  # one step inside a scenario: the scenario's own answer (its whole path) counts
            continue
        if a.lang == catalog.lang and a.key in catalog.questions:
            found[a.key].append(a)
    return found


def in_review(history: list[Answer]) -> bool:
    """Missed, and not yet answered right REVIEW_STREAK times in a row since."""
    streak = 0
    for a in reversed(history):
        if not a.correct:
            return streak < REVIEW_STREAK
        streak += 1
    return False


def review_order(by_key: dict[Key, list[Answer]]) -> list[Key]:
    """The questions in review, the most recently missed first."""
    last_miss = {key: max(a.time for a in h if not a.correct) for key, h in by_key.items() if in_review(h)}
    return sorted(last_miss, key=lambda key: last_miss[key], reverse=True)


def summarize(catalog: Catalog, answers: Iterable[Answer]) -> Summary:
    by_key = histories(answers, catalog)
    rows = []
    for lesson in catalog.course.lessons:
        keys = catalog.by_lesson[lesson.slug]
        given = [a for key in keys for a in by_key.get(key, [])]
        rows.append(LessonRow(lesson.slug, catalog.course.shown_number(lesson.slug), pick(lesson.title, catalog.lang),
                              len(keys), sum(1 for key in keys if by_key.get(key)), len(given),
                              sum(a.correct for a in given)))
    missed = [Missed(catalog.questions[key], sum(not a.correct for a in by_key[key]),
                     max(a.time for a in by_key[key] if not a.correct)) for key in review_order(by_key)]
    per_day = Counter(a.local_time().date() for h in by_key.values() for a in h)
    days = sorted(per_day.items())[-TIMELINE_DAYS:]
    return Summary(catalog.lang, rows, missed, days, sum(len(h) for h in by_key.values()))
