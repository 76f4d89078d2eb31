"""The warning signs agree everywhere: one stoplight in course.yml, and nothing that contradicts it.

Fails on:
- a sign listed in two zones, zones other than green, yellow, red in that order, or an unknown
  placeholder (the course file does not load: the problem names the sign or the text);
- a translation of a stoplight text that drops or adds a ``{placeholder}`` (the Chinese red
  heading must still show ``{emergency}``);
- a quiz question with ``sign:`` naming no sign of the stoplight, or whose right option (``correct:
  true``) or good scenario choice (``good: true``) carries a ``zone`` other than the sign's zone;
- a lesson's markdown cell (patient text or speaker notes; the References cell aside) that
  writes an emergency number (911, 120, 999, 112): lessons say "call emergency services", and the
  box, the card and the sheets show the number from ``local`` in course.yml.

The quiz files are read as plain YAML, so this check works whatever else a quiz file holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from ..course import Course
from ..sourcefile import SourceError, read_yaml
from .sources import Problems, all_notebooks, check, course_at, rel

EMERGENCY_NUMBERS = ("911", "120", "999", "112")
_NUMBER = re.compile(r"(?<![\d.,:/-])(" + "|".join(EMERGENCY_NUMBERS) + r")(?![\d]|[.,]\d)")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
SKIP_TAGS = {"references"}          # citations may hold page numbers such as 112-120


def placeholder_problems(course: Course) -> Problems:
    problems = []
    for field, text in course.stoplight.texts():
        english = sorted(_PLACEHOLDER.findall(text["en"]))
        for lang, words in text.items():
            found = sorted(_PLACEHOLDER.findall(words))
            if lang != "en" and found != english:
                problems.append(f"course.yml: stoplight.{field} ({lang}): placeholders "
                                f"{' '.join('{' + p + '}' for p in found) or 'none'}, English has "
                                f"{' '.join('{' + p + '}' for p in english) or 'none'}")
    return problems


def _right_choices(question: dict) -> list[tuple[str, dict]]:
    """Where a question's right answers sit, with the option or choice for each."""
    found = []
    for i, option in enumerate(question.get("options") or []):
        if isinstance(option, dict) and option.get("correct"):
            found.append((f"options[{i}]", option))
    for scene in question.get("scenes") or []:
        if not isinstance(scene, dict):
            continue
        for i, choice in enumerate(scene.get("choices") or []):
            if isinstance(choice, dict) and choice.get("good"):
                found.append((f"scene {scene.get('id')!r} choices[{i}]", choice))
    return found


def quiz_problems(root: Path, course: Course) -> Problems:
    problems = []
    plan = course.stoplight
    for path in sorted((root / "quizzes").glob("*.yml")):
        where = rel(path, root)
        try:
            data = read_yaml(path)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        for question in (data or {}).get("questions") or []:
            if not isinstance(question, dict) or "sign" not in question:
                continue
            qid, sign = question.get("id"), question["sign"]
            try:
                zone = plan.zone_of(sign)
            except KeyError:
                problems.append(f"{where}: question {qid!r}: sign {sign!r} is not in the stoplight of "
                                f"course.yml (known: {', '.join(plan.signs)})")
                continue
            for place, choice in _right_choices(question):
                if choice.get("zone") is not None and choice["zone"] != zone:
                    problems.append(f"{where}: question {qid!r}: {place} is marked right with zone "
                                    f"{choice['zone']!r}, but sign {sign!r} is in zone {zone!r} in course.yml")
    return problems


def number_problems(root: Path) -> Problems:
    problems = []
    for path in all_notebooks(root):
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "markdown" or SKIP_TAGS & set(cell.metadata.get("tags", [])):
                continue
            numbers = list(dict.fromkeys(m.group(1) for m in _NUMBER.finditer(cell.source)))
            if numbers:
                problems.append(f"{rel(path, root)}: cell {i} writes the emergency number "
                                f"{', '.join(numbers)}; say \"call emergency services\" and let "
                                "L.warning_signs() show the number from course.yml (local.emergency_number)")
    return problems


@check
def stoplight(root: Path) -> Problems:
    course = course_at(root)
    return placeholder_problems(course) + quiz_problems(root, course) + number_problems(root)
