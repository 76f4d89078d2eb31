"""Quiz files (``quizzes/<id>.yml``): load, validate, and give each question a stable id.

All languages of a question sit side by side, so the answer key is shared and cannot drift.
Every error names the file, the question and what is wrong.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, ValidationError, model_validator

from . import paths
from .sourcefile import SourceError, Strict, check_slug, describe_validation_error, read_yaml
from .text import Text

KINDS = ("single", "multiple", "truefalse", "order")


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: Optional[Text] = None


class Question(Strict):
    id: str
    kind: Literal["single", "multiple", "truefalse", "order"]
    prompt: Text
    options: list[Option] = []          # single, multiple
    answer: Optional[bool] = None       # truefalse
    if_true: Optional[Text] = None      # truefalse: feedback when the learner picks "true"
    if_false: Optional[Text] = None     # truefalse: feedback when the learner picks "false"
    steps: list[Text] = []              # order: the steps, written in the right order
    explanation: Text
    hints: list[Text] = []

    @model_validator(mode="after")
    def _by_kind(self):
        k = self.kind
        if k in ("single", "multiple"):
            if self.steps or self.answer is not None:
                raise ValueError(f"a {k} question has 'options', not 'steps' or 'answer'")
            if len(self.options) < 2:
                raise ValueError(f"a {k} question needs at least 2 options")
            right = sum(o.correct for o in self.options)
            if right == 0:
                raise ValueError("no option is marked correct")
            if k == "single" and right > 1:
                raise ValueError(f"a single-choice question has {right} correct options (use kind: multiple)")
            texts = [o.text["en"].casefold() for o in self.options]
            if len(set(texts)) != len(texts):
                raise ValueError("two options have the same text")
        elif k == "truefalse":
            if self.options or self.steps:
                raise ValueError("a truefalse question has 'answer', not 'options' or 'steps'")
            if self.answer is None:
                raise ValueError("a truefalse question needs 'answer: true' or 'answer: false'")
            if self.if_true is None or self.if_false is None:
                raise ValueError("a truefalse question needs feedback for both answers ('if_true' and 'if_false')")
        elif k == "order":
            if self.options or self.answer is not None:
                raise ValueError("an order question has 'steps', not 'options' or 'answer'")
            if len(self.steps) < 2:
                raise ValueError(f"an order question needs at least 2 steps (it has {len(self.steps)})")
        return self

    def languages(self) -> set[str]:
        """Languages in which every text of this question is written."""
        texts = [self.prompt, self.explanation, *self.hints, *self.steps]
        for o in self.options:
            texts += [o.text] + ([o.feedback] if o.feedback else [])
        texts += [t for t in (self.if_true, self.if_false) if t]
        return set.intersection(*(set(t) for t in texts))

    def to_widget(self, lang: str) -> dict:
        """The question in one language, as the widget's front-end reads it."""
        from .text import pick

        data = {
            "id": self.id,
            "kind": self.kind,
            "prompt": pick(self.prompt, lang),
            "explanation": pick(self.explanation, lang),
            "hints": [pick(h, lang) for h in self.hints],
        }
        if self.kind in ("single", "multiple"):
            data["options"] = [
                {"text": pick(o.text, lang), "correct": o.correct,
                 "feedback": pick(o.feedback, lang) if o.feedback else ""}
                for o in self.options
            ]
        elif self.kind == "truefalse":
            data["answer"] = self.answer
            data["if_true"] = pick(self.if_true, lang)
            data["if_false"] = pick(self.if_false, lang)
        else:
            data["steps"] = [pick(s, lang) for s in self.steps]
            data["start"] = start_order(self.id, len(self.steps))
        return data


class Quiz(Strict):
    id: str
    title: Text
    questions: list[Question]
    source: str = Field(default="", exclude=True)

    def to_widget(self, lang: str) -> dict:
        """The quiz in one language, as the widget's front-end reads it."""
        from .text import pick

        return {"id": self.id, "title": pick(self.title, lang), "questions": [q.to_widget(lang) for q in self.questions]}

    def digest(self, lang: str) -> str:
        """A fingerprint of what a learner sees of this quiz in ``lang``."""
        blob = json.dumps(self.to_widget(lang), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f"{self.source}: no question {qid!r}")


def start_order(qid: str, n: int) -> list[int]:
    """A shuffled start for an order question, the same on every run (seeded by its id).

    Never the right order, so the learner always has something to do.
    """
    import random

    rng = random.Random(hashlib.sha256(qid.encode()).hexdigest())
    order = list(range(n))
    for _ in range(10):
        rng.shuffle(order)
        if order != sorted(order):
            return order
    return list(reversed(range(n)))


def derived_id(prompt_en: str) -> str:
    """A stable id for a question that has none: from its English prompt."""
    return "q-" + hashlib.sha256(prompt_en.strip().encode()).hexdigest()[:8]


def _question_label(raw: dict, index: int) -> str:
    qid = raw.get("id") if isinstance(raw, dict) else None
    return f"question {qid!r}" if qid else f"question {index + 1}"


def load_quiz_file(path: Path) -> Quiz:
    path = Path(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise SourceError(path, None, "expected a mapping with 'id', 'title' and 'questions'")
    expected = path.stem
    if data.get("id") != expected:
        raise SourceError(path, None, f"the quiz id must be the file name: expected 'id: {expected}', found {data.get('id')!r}")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise SourceError(path, None, "'questions' must be a non-empty list")
    questions, seen = [], {}
    for i, raw in enumerate(raw_questions):
        label = _question_label(raw, i)
        if not isinstance(raw, dict):
            raise SourceError(path, label, "a question must be a mapping")
        raw = dict(raw)
        kind = raw.get("kind")
        if kind not in KINDS:
            raise SourceError(path, label, f"unknown kind {kind!r} (use one of: {', '.join(KINDS)})")
        if "id" not in raw:
            prompt = raw.get("prompt")
            en = prompt.get("en") if isinstance(prompt, dict) else prompt
            if not isinstance(en, str) or not en.strip():
                raise SourceError(path, label, "prompt: English text ('en') is missing or empty")
            raw["id"] = derived_id(en)
        else:
            try:
                check_slug(raw["id"])
            except ValueError as exc:
                raise SourceError(path, label, str(exc)) from None
        if raw["id"] in seen:
            raise SourceError(path, label, f"duplicate id {raw['id']!r} (also question {seen[raw['id']] + 1})")
        seen[raw["id"]] = i
        try:
            questions.append(Question.model_validate(raw))
        except ValidationError as exc:
            raise SourceError(path, f"question {raw['id']!r}", describe_validation_error(exc)) from None
    try:
        return Quiz.model_validate({"id": data["id"], "title": data.get("title"), "questions": questions,
                                    "source": str(path)})
    except ValidationError as exc:
        raise SourceError(path, None, describe_validation_error(exc)) from None


@lru_cache(maxsize=64)
def _cached(path: str, mtime: float) -> Quiz:
    return load_quiz_file(Path(path))


def load_quiz(quiz_id: str, directory: Path | None = None) -> Quiz:
    path = (directory or paths.quizzes_dir()) / f"{quiz_id}.yml"
    if not path.exists():
        raise SourceError(path, None, f"no quiz file for quiz {quiz_id!r}")
    return _cached(str(path), path.stat().st_mtime)


def load_all(directory: Path | None = None) -> dict[str, Quiz]:
    directory = directory or paths.quizzes_dir()
    return {p.stem: load_quiz_file(p) for p in sorted(directory.glob("*.yml"))}
