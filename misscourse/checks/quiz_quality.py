"""Quiz quality: can a test-wise learner pass without knowing the lesson? And does every question
check a lesson objective?

Measured per quiz and for the course, on the order the learner sees (``quizzes.arrange``):

- where the right option sits (A, B, C, ...), over single-choice, "choose all" and scenario choices;
- how often the right option of a single-choice question is the longest (English and Chinese);
- the mix of kinds, and the share of questions that put the learner in a situation;
- true/false balance, and absolute words ("always", "never", ...) in true vs false statements;
- how many options are right in "choose all that apply" questions, and how many options they have;
- questions without ``objective`` or ``hints``, and lesson objectives no question checks.

It fails (each problem names the file and the question, or the lesson and objective) when:

- **position**: over the course, a position holds more than 1.5 times the right options an even
  spread would put there, and at least 3 more (chance alone rarely does this with the course's
  ~80 questions; below 3 the count is too small to mean anything); or, in one quiz with at least
  3 single-choice questions, every right option sits in the same place. Since the build fixes
  the order from the question ids, this guards the arranger itself.
- **longest**: the right option is the strictly longest in more than 40% of the course's
  single-choice questions (the aim is 1 in 3; chance is 1 in 3 for three options, 1 in 4 for four,
  so 40% leaves room for a few unavoidable cases but not a habit), in either language.
- **true/false**: with at least 4 true/false questions, fewer than 35% or more than 65% are true
  (a learner who always answers the majority should not gain much);
- **absolute words**: the share of false statements with an absolute word and the share of true
  ones differ by more than 25 percentage points, and at least 2 statements carry one (the issue:
  4 of 10 false ones had one, none of the true ones);
- **choose all**: a "choose all" question has fewer than 4 or more than 5 options; or, with at
  least 4 such questions, more than 60% of them have the same number of wrong options ("tick all
  but one" solved 11 of 19), or none has all options right or only one right;
- **situations**: fewer than half of a quiz's questions are scenarios in the learner's own
  situation (a ``scenario``, or a question whose English prompt speaks to "you" in a setting and
  asks what you do: see :func:`is_situation`); or a lesson in ``SCENARIO_LESSONS`` has no
  ``scenario`` question;
- **mix**: a quiz of 4 or more questions uses one kind only;
- **objectives**: a question has no ``objective`` or no ``hints``, or an objective of a lesson
  is checked by no question of its quizzes.

``misscourse check`` runs it; ``misscourse report`` prints :func:`quality_table`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..quizzes import Question, Quiz, letter, load_quiz_file
from ..sourcefile import SourceError
from .sources import Problems, check, course_at, rel

# thresholds (see the module docstring for why)
POSITION_RATIO, POSITION_MIN_EXCESS = 1.5, 3
LONGEST_MAX_SHARE = 0.40
TRUE_SHARE = (0.35, 0.65)
TRUEFALSE_MIN = 4
ABSOLUTE_GAP, ABSOLUTE_MIN = 0.25, 2
MULTIPLE_OPTIONS = (4, 5)
MULTIPLE_MIN, MULTIPLE_SAME_MAX = 4, 0.60
SITUATION_MIN_SHARE = 0.5
MIX_MIN_QUESTIONS = 4
SCENARIO_LESSONS = ("risks", "preparing", "recovery-at-home")

ABSOLUTE_WORDS = ("always", "never", "no", "every", "most", "all", "only", "none", "nothing", "everyone", "nobody")
_ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_ABSOLUTE_ZH = ("总是", "从不", "永远", "所有", "每个", "每次", "只有", "完全", "一定", "绝不", "都不")
# a question that speaks to the learner in a setting and asks what they do
_ASKS_YOU = re.compile(r"\bwhat (do|should|would|will|can|could) you\b|\bwhat is your\b|\bwhich (step|one|thing)s? (do|should|would|will) you\b|"
                       r"\bhow (do|should|would|will) you\b|\bwhat (do|should|would) you (say|ask|tell|do)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(you|your|you're|you've)\b", re.IGNORECASE)


def is_situation(q: Question) -> bool:
    """A scenario, or a question set in the learner's own situation: "Day 2 at home, ... What do you do?".

    The English prompt must address the learner ("you"/"your") and either ask what they do, or
    set a scene in a sentence of its own before the question.
    """
    if q.kind == "scenario":
        return True
    text = q.prompt["en"]
    if not _YOU.search(text):
        return False
    if _ASKS_YOU.search(text):
        return True
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    return len(sentences) >= 2 and bool(_YOU.search(" ".join(sentences[:-1])))


def has_absolute(text: dict) -> bool:
    return bool(_ABSOLUTE.search(text["en"])) or any(w in text.get("zh", "") for w in _ABSOLUTE_ZH)


def _length(text: dict, lang: str) -> int:
    return len(text.get(lang) or "")


@dataclass
class QuizStats:
    """What one quiz (or the whole course) shows a test-wise learner."""

    name: str
    where: str = ""                                             # the quiz file, as problems name it
    questions: int = 0
    kinds: Counter = field(default_factory=Counter)
    situations: int = 0
    scenarios: int = 0
    right_at: Counter = field(default_factory=Counter)         # position -> right options shown there
    expected_at: Counter = field(default_factory=Counter)      # position -> what an even spread puts there
    single_positions: list = field(default_factory=list)       # (where, qid, position) of one-right sets
    singles: int = 0
    longest: dict = field(default_factory=lambda: {"en": [], "zh": []})   # (where, qid) whose right option is longest
    longest_measured: dict = field(default_factory=lambda: {"en": 0, "zh": 0})
    true_statements: list = field(default_factory=list)        # (where, qid, has absolute word)
    false_statements: list = field(default_factory=list)
    multiple_right: list = field(default_factory=list)         # (where, qid, right, options)
    no_objective: list = field(default_factory=list)
    no_hints: list = field(default_factory=list)

    def add(self, where: str, q: Question) -> None:
        self.questions += 1
        self.kinds[q.kind] += 1
        self.situations += is_situation(q)
        self.scenarios += q.kind == "scenario"
        if q.objective is None:
            self.no_objective.append((where, q.id))
        if not q.hints:
            self.no_hints.append((where, q.id))
        sets = []
        if q.kind in ("single", "multiple"):
            sets.append([q.options[k].correct for k in q.shown_order()])
        for scene in q.scenes:
            sets.append([scene.choices[k].good for k in q.shown_order(scene.id)])
        for shown in sets:
            n, r = len(shown), sum(shown)
            for p, right in enumerate(shown):
                self.right_at[p] += right
                self.expected_at[p] += r / n
            if r == 1:
                self.single_positions.append((where, q.id, shown.index(True)))
        if q.kind == "single":
            self.singles += 1
            right = next(o for o in q.options if o.correct)
            for lang in ("en", "zh"):
                if not all(lang in o.text for o in q.options):
                    continue
                self.longest_measured[lang] += 1
                others = max(_length(o.text, lang) for o in q.options if not o.correct)
                if _length(right.text, lang) > others:
                    self.longest[lang].append((where, q.id))
        if q.kind == "truefalse":
            (self.true_statements if q.answer else self.false_statements).append((where, q.id, has_absolute(q.prompt)))
        if q.kind == "multiple":
            self.multiple_right.append((where, q.id, sum(o.correct for o in q.options), len(q.options)))

    def merge(self, other: "QuizStats") -> None:
        for name in ("questions", "situations", "scenarios", "singles"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("kinds", "right_at", "expected_at"):
            getattr(self, name).update(getattr(other, name))
        for name in ("single_positions", "true_statements", "false_statements", "multiple_right", "no_objective", "no_hints"):
            getattr(self, name).extend(getattr(other, name))
        for lang in ("en", "zh"):
            self.longest[lang].extend(other.longest[lang])
            self.longest_measured[lang] += other.longest_measured[lang]


def quiz_stats(quiz: Quiz, where: str) -> QuizStats:
    stats = QuizStats(quiz.id, where)
    for q in quiz.questions:
        stats.add(where, q)
    return stats


def _names(items) -> str:
    shown = [f"{where} {qid!r}" for where, qid, *_ in items]
    return ", ".join(shown[:8]) + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")


def quiz_problems(stats: QuizStats) -> Problems:
    """What is wrong within one quiz."""
    problems, where = [], stats.where
    positions = {p for _, _, p in stats.single_positions}
    if len(stats.single_positions) >= 3 and len(positions) == 1:
        problems.append(f"{where}: the right option is always {letter(positions.pop())} "
                        f"({len(stats.single_positions)} questions)")
    for w, qid, right, n in stats.multiple_right:
        low, high = MULTIPLE_OPTIONS
        if not low <= n <= high:
            problems.append(f"{w}: question {qid!r}: a \"choose all\" question has {n} options (use {low} to {high})")
    if stats.questions and stats.situations / stats.questions < SITUATION_MIN_SHARE:
        problems.append(f"{where}: {stats.situations} of {stats.questions} questions put the learner in a situation "
                        f"(a scenario, or \"Day 2 at home, ... What do you do?\"); at least half should")
    if stats.questions >= MIX_MIN_QUESTIONS and len(stats.kinds) == 1:
        problems.append(f"{where}: all {stats.questions} questions are of kind {next(iter(stats.kinds))!r}; mix the kinds")
    for w, qid in stats.no_objective:
        problems.append(f"{w}: question {qid!r}: no 'objective' (the number of the lesson objective it checks)")
    for w, qid in stats.no_hints:
        problems.append(f"{w}: question {qid!r}: no 'hints' (a nudge shown after a wrong first try)")
    return problems


def course_problems(total: QuizStats) -> Problems:
    """What is wrong across the course."""
    problems = []
    for p in sorted(total.right_at):
        got, want = total.right_at[p], total.expected_at[p]
        if got > POSITION_RATIO * want and got - want >= POSITION_MIN_EXCESS:
            at = [(w, qid) for w, qid, pos in total.single_positions if pos == p]
            problems.append(f"quizzes: {got} right options are shown at {letter(p)}, an even spread puts "
                            f"{want:.1f} there: {_names(at)}")
    for lang in ("en", "zh"):
        measured, longest = total.longest_measured[lang], total.longest[lang]
        if measured and len(longest) / measured > LONGEST_MAX_SHARE:
            problems.append(f"quizzes ({lang}): the right option is the longest in {len(longest)} of {measured} "
                            f"single-choice questions ({len(longest) / measured:.0%}; at most {LONGEST_MAX_SHARE:.0%}): "
                            f"{_names(longest)}")
    true, false = total.true_statements, total.false_statements
    n = len(true) + len(false)
    if n >= TRUEFALSE_MIN and not TRUE_SHARE[0] <= len(true) / n <= TRUE_SHARE[1]:
        many = true if len(true) > len(false) else false
        problems.append(f"quizzes: {len(true)} of {n} true/false statements are true ({len(true) / n:.0%}; keep "
                        f"between {TRUE_SHARE[0]:.0%} and {TRUE_SHARE[1]:.0%}): the {'true' if many is true else 'false'} "
                        f"ones are {_names(many)}")
    abs_true = [s for s in true if s[2]]
    abs_false = [s for s in false if s[2]]
    if len(abs_true) + len(abs_false) >= ABSOLUTE_MIN and true and false:
        gap = len(abs_false) / len(false) - len(abs_true) / len(true)
        if abs(gap) > ABSOLUTE_GAP:
            side, items = ("false", abs_false) if gap > 0 else ("true", abs_true)
            problems.append(f"quizzes: absolute words (always, never, no, every, most, all, only) give the answer away: "
                            f"{len(abs_false)} of {len(false)} false statements and {len(abs_true)} of {len(true)} true "
                            f"ones carry one; the {side} ones are {_names(items)}")
    multiple = total.multiple_right
    if len(multiple) >= MULTIPLE_MIN:
        wrong_counts = Counter(n - r for _, _, r, n in multiple)
        most, count = wrong_counts.most_common(1)[0]
        if count / len(multiple) > MULTIPLE_SAME_MAX:
            same = [m for m in multiple if m[3] - m[2] == most]
            problems.append(f"quizzes: {count} of {len(multiple)} \"choose all\" questions have exactly {most} wrong "
                            f"option{'s' if most != 1 else ''} (at most {MULTIPLE_SAME_MAX:.0%}): {_names(same)}")
        if not any(r == n for _, _, r, n in multiple) or not any(r == 1 for _, _, r, _ in multiple):
            missing = " and ".join(x for x, ok in (("all options right", any(r == n for _, _, r, n in multiple)),
                                                    ("only one right", any(r == 1 for _, _, r, _ in multiple))) if not ok)
            problems.append(f"quizzes: no \"choose all\" question has {missing}; vary how many are right")
    return problems


@dataclass
class Quality:
    quizzes: list[QuizStats]
    total: QuizStats
    problems: Problems


def assess(root: Path) -> Quality:
    """Every quiz of the course at ``root``, measured and checked."""
    course = course_at(root)
    problems: Problems = []
    lesson_of = {}
    for lesson in course.lessons:
        for quiz_id in lesson.quizzes:
            lesson_of.setdefault(quiz_id, lesson)
    stats, total = [], QuizStats("course", "quizzes")
    loaded: dict[str, Quiz] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        lesson = lesson_of.get(path.stem)
        objectives = (lesson.slug, len(lesson.objectives["en"])) if lesson else None
        try:
            quiz = load_quiz_file(path, objectives=objectives)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        loaded[quiz.id] = quiz
        one = quiz_stats(quiz, rel(path, root))
        stats.append(one)
        total.merge(one)
        problems += quiz_problems(one)
    problems += course_problems(total)
    for lesson in course.lessons:
        quizzes = [loaded[q] for q in lesson.quizzes if q in loaded]
        if not quizzes:
            continue
        checked = {q.objective for quiz in quizzes for q in quiz.questions}
        for n, objective in enumerate(lesson.objectives["en"], 1):
            if n not in checked:
                problems.append(f"course.yml: lesson {lesson.slug!r}: objective {n} (\"{objective}\") is checked "
                                f"by no question of quiz {', '.join(q.id for q in quizzes)}")
        if lesson.slug in SCENARIO_LESSONS and not any(q.kind == "scenario" for quiz in quizzes for q in quiz.questions):
            problems.append(f"course.yml: lesson {lesson.slug!r}: its quiz has no scenario question")
    return Quality(stats, total, problems)


@check
def quiz_quality(root: Path) -> Problems:
    return assess(root).problems


def _row(s: QuizStats) -> list[str]:
    kinds = " ".join(f"{k[:2] if k != 'scenario' else 'sc'}{s.kinds[k]}" for k in ("single", "multiple", "truefalse", "order", "scenario") if s.kinds[k])
    spread = " ".join(f"{letter(p)}{s.right_at[p]}" for p in sorted(s.right_at))
    pct = lambda a, b: f"{a}/{b}" if b else "-"  # noqa: E731
    tf = f"{len(s.true_statements)}T {len(s.false_statements)}F" if s.true_statements or s.false_statements else "-"
    absolute = (f"{sum(x[2] for x in s.true_statements)}T {sum(x[2] for x in s.false_statements)}F"
                if s.true_statements or s.false_statements else "-")
    counts = Counter(f"{r}/{n}" for _, _, r, n in s.multiple_right)
    multiple = " ".join(f"{k}" + (f"x{c}" if c > 1 else "") for k, c in sorted(counts.items())) or "-"
    return [s.name, str(s.questions), kinds, pct(s.situations, s.questions), spread or "-",
            pct(len(s.longest["en"]), s.longest_measured["en"]), tf, absolute, multiple,
            str(len(s.no_objective)), str(len(s.no_hints))]


def _table(header: list[str], lines: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]

    def fmt(cells) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, lines)])


def quality_table(root: Path | str | None = None) -> str:
    """The quiz-quality table: one row per quiz and one for the course, then the problems."""
    from .sources import resolve

    try:
        quality = assess(resolve(root))
    except SourceError as exc:  # a broken course file: the report still prints, and says why
        return f"Quiz quality: not measured ({exc})"
    header = ["quiz", "Qs", "kinds", "situations", "right at", "right longest", "true/false", "absolute",
              "choose-all right", "no objective", "no hints"]
    lines = [_row(s) for s in quality.quizzes] + [_row(quality.total)]
    verdict = "passes" if not quality.problems else f"{len(quality.problems)} problem(s)"
    text = f"Quiz quality: {verdict}\n" + _table(header, lines)
    if quality.problems:
        text += "\n" + "\n".join(f"  - {p}" for p in quality.problems)
    return text
