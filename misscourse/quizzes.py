"""Quiz files (``quizzes/<id>.yml``): load, validate, and give each question a stable id.

All languages of a question sit side by side, so the answer key is shared and cannot drift.
Every error names the file, the question and what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import random
from functools import lru_cache
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from . import paths
from .sourcefile import SourceError, Strict, check_slug, describe_validation_error, read_yaml
from .text import Text

KINDS = ("single", "multiple", "truefalse", "order", "scenario")
ZONES = ("green", "yellow", "red")

# Every question of the course names the lesson objective it checks and has at least one hint:
# the quiz-quality check (``misscourse check``, run by the tests) fails on any course question
# without them. The loader itself accepts a question without them, so that a draft quiz can be
# tried in JupyterLab before it is finished; set this to True to make the loader refuse it too.
REQUIRE_OBJECTIVE_AND_HINTS = False

# A scenario is a short story: every path from the first scene has this many decisions.
SCENARIO_DECISIONS = (2, 4)
# ... and every scene offers this many choices.
SCENE_CHOICES = (2, 4)

Zone = Literal["green", "yellow", "red"]


class Option(Strict):
    text: Text
    correct: bool = False
    feedback: Optional[Text] = None
    zone: Optional[Zone] = None         # this option is the action for that stoplight zone


class Choice(Strict):
    """One choice in a scenario scene: what happens next is its feedback; ``next`` goes on."""

    text: Text
    good: bool = False
    feedback: Text
    next: Optional[str] = None          # the id of the next scene; none: the story ends here
    zone: Optional[Zone] = None


class Scene(Strict):
    id: str
    text: Text
    choices: list[Choice]


def _scene_errors(scenes: list[Scene]) -> str | None:
    """What is wrong with the story's shape (None when nothing is): names, cycles, reach, length."""
    by_id: dict[str, Scene] = {}
    low, high = SCENE_CHOICES
    for scene in scenes:
        try:
            check_slug(scene.id, "scene id")
        except ValueError as exc:
            return str(exc)
        if scene.id in by_id:
            return f"two scenes have the id {scene.id!r}"
        by_id[scene.id] = scene
        n = len(scene.choices)
        if not low <= n <= high:
            return f"scene {scene.id!r} has {n} choice{'s' if n != 1 else ''}; a scene needs {low} to {high}"
        if not any(c.good for c in scene.choices):
            return f"scene {scene.id!r} has no good choice (mark at least one 'good: true')"
        texts = [c.text["en"].casefold() for c in scene.choices]
        if len(set(texts)) != len(texts):
            return f"scene {scene.id!r}: two choices have the same text"
    for scene in scenes:
        for n, choice in enumerate(scene.choices, 1):
            if choice.next is not None and choice.next not in by_id:
                return (f"scene {scene.id!r}, choice {n}: 'next: {choice.next}' names no scene "
                        f"(scenes: {', '.join(by_id)})")
    # walk every path from the first scene: a cycle, a path too short or too long
    low, high = SCENARIO_DECISIONS
    reached: set[str] = set()

    def walk(scene: Scene, path: list[str]) -> str | None:
        reached.add(scene.id)
        path = path + [scene.id]
        for n, choice in enumerate(scene.choices, 1):
            if choice.next is None:
                if not low <= len(path) <= high:
                    return (f"scene {scene.id!r}, choice {n}: the path {' -> '.join(path)} ends after "
                            f"{len(path)} decision{'s' if len(path) != 1 else ''}; every path needs {low} to {high}")
                continue
            if choice.next in path:
                return (f"scene {scene.id!r}, choice {n}: 'next: {choice.next}' goes back to an earlier scene "
                        f"(a cycle: {' -> '.join(path + [choice.next])})")
            if len(path) >= high:
                return (f"scene {scene.id!r}, choice {n}: the path {' -> '.join(path + [choice.next])} has more "
                        f"than {high} decisions; every path needs {low} to {high}")
            problem = walk(by_id[choice.next], path)
            if problem:
                return problem
        return None

    problem = walk(scenes[0], [])
    if problem:
        return problem
    unreached = [s.id for s in scenes if s.id not in reached]
    if unreached:
        return f"scene {unreached[0]!r} cannot be reached from the first scene {scenes[0].id!r}"
    return None


class Question(Strict):
    id: str
    kind: Literal["single", "multiple", "truefalse", "order", "scenario"]
    prompt: Text                        # scenario: the setting
    objective: Optional[int] = Field(default=None, ge=1)   # the lesson objective it checks (1-based)
    resident: bool = False              # a deeper question: on the lesson page, not in the slides
    sign: Optional[str] = None          # the stoplight sign this question is about
    options: list[Option] = []          # single, multiple
    answer: Optional[bool] = None       # truefalse
    if_true: Optional[Text] = None      # truefalse: feedback when the learner picks "true"
    if_false: Optional[Text] = None     # truefalse: feedback when the learner picks "false"
    steps: list[Text] = []              # order: the steps, written in the right order
    scenes: list[Scene] = []            # scenario: the first scene is where the story starts
    explanation: Text                   # scenario: what a good path looks like
    hints: list[Text] = []
    # the order a learner sees (authoring indices), set by the quiz: "" for options, a scene id for its choices
    _shown: dict[str, list[int]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _by_kind(self):
        k = self.kind
        if self.sign is not None:
            check_slug(self.sign, "sign")
        if REQUIRE_OBJECTIVE_AND_HINTS:
            if self.objective is None:
                raise ValueError("'objective' is missing (the number of the lesson objective this question checks)")
            if not self.hints:
                raise ValueError("'hints' is missing (at least one nudge shown after a wrong first try)")
        if k != "scenario" and self.scenes:
            raise ValueError(f"a {k} question has no 'scenes' (only a scenario has)")
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
        elif k == "scenario":
            if self.options or self.steps or self.answer is not None or self.if_true or self.if_false:
                raise ValueError("a scenario question has 'scenes', not 'options', 'steps' or 'answer'")
            if not self.scenes:
                raise ValueError("a scenario question needs 'scenes' (the first is where the story starts)")
            problem = _scene_errors(self.scenes)
            if problem:
                raise ValueError(problem)
        return self

    def named_texts(self) -> list[tuple[str, dict]]:
        """Every text of the question with a name that says where it is (for checks and errors)."""
        out: list[tuple[str, dict]] = [("prompt", self.prompt), ("explanation", self.explanation)]
        out += [(f"hints[{i}]", t) for i, t in enumerate(self.hints)]
        out += [(f"steps[{i}]", t) for i, t in enumerate(self.steps)]
        for i, o in enumerate(self.options):
            out.append((f"options[{i}].text", o.text))
            if o.feedback:
                out.append((f"options[{i}].feedback", o.feedback))
        out += [(name, t) for name, t in (("if_true", self.if_true), ("if_false", self.if_false)) if t]
        for scene in self.scenes:
            out.append((f"scene {scene.id}.text", scene.text))
            for i, c in enumerate(scene.choices):
                out += [(f"scene {scene.id}.choices[{i}].text", c.text),
                        (f"scene {scene.id}.choices[{i}].feedback", c.feedback)]
        return out

    def shown_order(self, scene: str = "") -> list[int]:
        """Authoring indices of the options (or of a scene's choices) in the order a learner sees them."""
        if scene:
            n = len(next(sc for sc in self.scenes if sc.id == scene).choices)
        else:
            n = len(self.options)
        return list(self._shown.get(scene, range(n)))

    def shown_options(self) -> list[tuple[str, Option]]:
        """(letter, option) in the order a learner sees them: A, B, C, ... as the answer key says."""
        return [(letter(i), self.options[k]) for i, k in enumerate(self.shown_order())]

    def shown_choices(self, scene: "Scene") -> list[tuple[str, Choice]]:
        """(letter, choice) of one scene in the order a learner sees them."""
        return [(letter(i), scene.choices[k]) for i, k in enumerate(self.shown_order(scene.id))]

    def languages(self) -> set[str]:
        """Languages in which every text of this question is written."""
        return set.intersection(*(set(t) for _, t in self.named_texts()))

    def to_widget(self, lang: str) -> dict:
        """The question in one language, as the widget's front-end reads it."""
        from .text import pick

        data = {
            "id": self.id,
            "kind": self.kind,
            "prompt": pick(self.prompt, lang),
            "explanation": pick(self.explanation, lang),
            "hints": [pick(h, lang) for h in self.hints],
            "resident": self.resident,
        }
        if self.kind in ("single", "multiple"):
            # in the order a learner sees them; "key" is the option's place in the quiz file,
            # which is what an answer records
            data["options"] = [
                {"key": k, "text": pick(self.options[k].text, lang), "correct": self.options[k].correct,
                 "feedback": pick(self.options[k].feedback, lang) if self.options[k].feedback else ""}
                for k in self.shown_order()
            ]
        elif self.kind == "truefalse":
            data["answer"] = self.answer
            data["if_true"] = pick(self.if_true, lang)
            data["if_false"] = pick(self.if_false, lang)
        elif self.kind == "order":
            data["steps"] = [pick(s, lang) for s in self.steps]
            data["start"] = start_order(self.id, len(self.steps))
        else:
            data["scenes"] = [
                {"id": scene.id, "text": pick(scene.text, lang),
                 "choices": [{"key": k, "text": pick(scene.choices[k].text, lang), "good": scene.choices[k].good,
                              "feedback": pick(scene.choices[k].feedback, lang), "next": scene.choices[k].next}
                             for k in self.shown_order(scene.id)]}
                for scene in self.scenes
            ]
        return data


class Quiz(Strict):
    id: str
    title: Text
    questions: list[Question]
    source: str = Field(default="", exclude=True)

    def model_post_init(self, _context) -> None:
        for q in self.questions:
            q._shown.clear()
        by_id = {q.id: q for q in self.questions}
        for (qid, scene), order in arrange(self).items():
            by_id[qid]._shown[scene] = order

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


def letter(i: int) -> str:
    """The letter of the i-th shown option (0 -> A)."""
    return chr(ord("A") + i)


def _seed(*parts: str) -> int:
    return int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:16], 16)


def arrange(quiz: "Quiz") -> dict[tuple[str, str], list[int]]:
    """The order a learner sees each question's options and each scene's choices, fixed at build time.

    Deterministic: it depends only on the quiz file (question ids, how many options, which are
    right), never on chance at run time. The choice sets (a question's options, a scene's
    choices) are visited in a stable order derived from their ids; each takes, among a few
    candidate orders seeded by its id, the one that keeps the right options' positions (A, B,
    C, ...) closest to even over the quiz so far. A single right option therefore goes round
    the positions, and "choose all" questions do not always start with a right option. Because
    every quiz is balanced, so is the course.
    """
    sets = []  # (sort key, question, scene id, [is right] in authoring order)
    for q in quiz.questions:
        if q.kind in ("single", "multiple"):
            sets.append((_seed(quiz.id, q.id), q, "", [o.correct for o in q.options]))
        elif q.kind == "scenario":
            for scene in q.scenes:
                sets.append((_seed(quiz.id, q.id, scene.id), q, scene.id, [c.good for c in scene.choices]))
    sets.sort(key=lambda item: (item[0], item[1].id, item[2]))
    right_at: dict[int, float] = {}   # how many right options were shown at each position
    expected: dict[int, float] = {}   # how many an even spread would have put there
    out = {}
    for seed, q, scene, right in sets:
        n, r = len(right), sum(right)
        rng = random.Random(seed)
        candidates = []
        if r == 1:  # every position for the right option, the wrong ones in a seeded order
            wrong = [i for i in range(n) if not right[i]]
            rng.shuffle(wrong)
            start = rng.randrange(n)
            right_index = right.index(True)
            for t in range(n):
                pos = (start + t) % n
                candidates.append(wrong[:pos] + [right_index] + wrong[pos:])
        else:
            for _ in range(24):
                order = list(range(n))
                rng.shuffle(order)
                candidates.append(order)

        def imbalance(order: list[int]) -> float:
            total = 0.0
            for p in set(range(n)) | set(right_at):
                got = right_at.get(p, 0) + (1 if p < n and right[order[p]] else 0)
                want = expected.get(p, 0) + (r / n if p < n else 0)
                total += (got - want) ** 2
            return total

        best = min(candidates, key=imbalance)  # min keeps the first of equals: still deterministic
        for p in range(n):
            right_at[p] = right_at.get(p, 0) + (1 if right[best[p]] else 0)
            expected[p] = expected.get(p, 0) + r / n
        out[(q.id, scene)] = best
    return out


def start_order(qid: str, n: int) -> list[int]:
    """A shuffled start for an order question, the same on every run (seeded by its id).

    Never the right order, so the learner always has something to do.
    """
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


def lesson_objectives(quiz_id: str) -> tuple[str, int] | None:
    """The lesson (slug, number of objectives) whose ``quizzes:`` list in course.yml holds the quiz."""
    from .course import course

    for lesson in course().lessons:
        if quiz_id in lesson.quizzes:
            return lesson.slug, len(lesson.objectives["en"])
    return None


_FROM_COURSE = object()


def load_quiz_file(path: Path, objectives=_FROM_COURSE) -> Quiz:
    """Load and validate one quiz file.

    ``objectives`` is ``(lesson slug, number of objectives)`` to check each question's
    ``objective`` against; by default it is looked up in course.yml, and a quiz that no lesson
    lists is not checked.
    """
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
    if objectives is _FROM_COURSE:  # read the course file only when there is something to check
        objectives = lesson_objectives(expected) if any(q.objective for q in questions) else None
    if objectives is not None:
        slug, count = objectives
        for q in questions:
            if q.objective is not None and q.objective > count:
                raise SourceError(path, f"question {q.id!r}",
                                  f"objective {q.objective} is not an objective of lesson {slug!r} "
                                  f"(it has {count}: use 1 to {count})")
    try:
        # a missing title is left out, so that the error says the field is missing
        fields = {k: data[k] for k in ("id", "title") if k in data}
        return Quiz.model_validate({**fields, "questions": questions, "source": str(path)})
    except ValidationError as exc:
        raise SourceError(path, None, describe_validation_error(exc)) from None


@lru_cache(maxsize=64)
def _cached(path: str, mtime: float, course_mtime: float) -> Quiz:
    return load_quiz_file(Path(path))


def load_quiz(quiz_id: str, directory: Path | None = None) -> Quiz:
    path = (directory or paths.quizzes_dir()) / f"{quiz_id}.yml"
    if not path.exists():
        raise SourceError(path, None, f"no quiz file for quiz {quiz_id!r}")
    course_file = paths.course_file()
    course_mtime = course_file.stat().st_mtime if course_file.exists() else 0.0
    return _cached(str(path), path.stat().st_mtime, course_mtime)


def load_all(directory: Path | None = None) -> dict[str, Quiz]:
    directory = directory or paths.quizzes_dir()
    return {p.stem: load_quiz_file(p) for p in sorted(directory.glob("*.yml"))}
