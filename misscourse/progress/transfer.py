"""Progress files: a learner's answers carried between computers, and a class's answers merged.

A progress file is JSON: ``{"format": "misscourse-progress", "schema": 1, "course_version": "...",
"answers": [...]}``, each answer as :class:`~.answers.Answer` checks it. The site's "Download my
progress" button writes the same format. A file is checked whole before anything is kept: a file
that is not ours, from a newer course, cut short or with a bad field is refused with its name,
the line or field, and the reason, and the store is left as it was.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..course import Course
from .answers import Answer, InvalidAnswer
from .charts import Bar, bar_chart
from .store import Store
from .summary import Catalog, QuestionInfo
from .words import percent, word

FORMAT = "misscourse-progress"
SCHEMA = 1
TOP_FIELDS = ("format", "schema", "course_version", "answers")
MAX_BYTES = 20 * 1024 * 1024
CLASS_CHART_BARS = 15


class TransferError(ValueError):
    """A progress file that cannot be used: ``path``, ``where`` (a line or a field) and ``reason``."""

    def __init__(self, path: Path | str, where: str | None, reason: str):
        self.path, self.where, self.reason = str(path), where, reason
        super().__init__(f"{self.path}" + (f", {where}" if where else "") + f": {reason}")


# -- reading and writing files -----------------------------------------------------------------
def read_progress_file(path: Path | str) -> list[Answer]:
    """Every answer in a progress file, checked; or :class:`TransferError`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TransferError(path, None, f"the file is larger than {MAX_BYTES // 2**20} MB")
        raw = path.read_bytes()
    except OSError as exc:
        raise TransferError(path, None, f"cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise TransferError(path, f"line {line}", "not UTF-8 text") from None
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise TransferError(path, f"line {exc.lineno}, column {exc.colno}",
                            f"not valid JSON, or cut short ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        raise TransferError(path, None, f"not valid JSON ({exc})") from None
    return check_document(doc, path)


def _no_constant(name: str):
    raise ValueError(f"{name} is not allowed")


def check_document(doc, path: Path | str) -> list[Answer]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise TransferError(path, "format", f"not a misscourse progress file (expected \"format\": \"{FORMAT}\")")
    schema = doc.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise TransferError(path, "schema", f"expected a whole number, found {schema!r}")
    if schema > SCHEMA:
        raise TransferError(path, "schema", f"made by a newer version of the course (schema {schema}); "
                                            f"this version reads schema {SCHEMA}: update misscourse")
    extra = [k for k in doc if k not in TOP_FIELDS]
    if extra:
        raise TransferError(path, str(extra[0])[:40], "not a field of a progress file")
    if not isinstance(doc.get("course_version"), str):
        raise TransferError(path, "course_version", "expected text")
    answers = doc.get("answers")
    if not isinstance(answers, list):
        raise TransferError(path, "answers", "expected a list of answers")
    checked = []
    for i, item in enumerate(answers):
        try:
            checked.append(Answer.parse(item))
        except InvalidAnswer as exc:
            where = f"answers[{i}]" + (f".{exc.field}" if exc.field else "")
            raise TransferError(path, where, exc.reason) from None
    return checked


def progress_document(answers: list[Answer], course_version: str) -> dict:
    return {"format": FORMAT, "schema": SCHEMA, "course_version": course_version,
            "answers": [a.to_dict() for a in answers]}


def write_progress_file(path: Path | str, answers: list[Answer], course_version: str) -> None:
    """Write a progress file (``-``: standard output). The file appears whole or not at all."""
    text = json.dumps(progress_document(answers, course_version), ensure_ascii=False, indent=1) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
        return
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def import_file(store: Store, path: Path | str) -> tuple[int, int]:
    """Add a progress file's answers to ``store`` (one transaction); return (new, in the file)."""
    answers = read_progress_file(path)
    return store.add(answers), len(answers)


# -- a class's files ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ClassRow:
    info: QuestionInfo
    learners: int  # who answered the question
    missed: int    # of them, wrong on their first try

    @property
    def share(self) -> float:
        return self.missed / self.learners if self.learners else 0.0


def class_report(paths: list[Path | str], course: Course, lang: str) -> tuple[list[ClassRow], int]:
    """The questions the learners answered (in any language; shown in ``lang``), the most missed
    first, and the number of learners.

    One file is one learner. An answer found in several files (the same language, question, time
    and response) is counted once, for the first file that holds it.
    """
    catalog = Catalog(course, lang)
    seen: set[tuple] = set()
    first: dict[tuple, dict[int, Answer]] = defaultdict(dict)  # question -> learner -> first answer
    learners = 0
    for learner, path in enumerate(paths):
        kept = 0
        for a in sorted(read_progress_file(path), key=lambda a: a.time):
            key = (a.lang, a.question, a.time, a.response_json)
            if key in seen or a.key not in catalog.questions:
                continue
            seen.add(key)
            kept += 1
            first[a.key].setdefault(learner, a)
        learners += kept > 0
    rows = [ClassRow(catalog.questions[key], len(by), sum(not a.correct for a in by.values()))
            for key, by in first.items()]
    rows.sort(key=lambda r: (-r.share, -r.missed, r.info.number, r.info.quiz, r.info.id))
    return rows, learners


def missed_text(row: ClassRow, lang: str) -> str:
    return word("missed_of", lang, m=row.missed, n=row.learners, p=percent(row.missed, row.learners))


def class_svg(rows: list[ClassRow], lang: str) -> str:
    bars = [Bar(f"{r.info.quiz}/{r.info.id}: {r.info.prompt}", r.share,
                word("missed_short", lang, m=r.missed, n=r.learners, p=percent(r.missed, r.learners)))
            for r in rows[:CLASS_CHART_BARS]]
    return bar_chart("miss-class-chart", word("class_title", lang), word("class_chart_desc", lang), bars)
