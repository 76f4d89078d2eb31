"""Every text field is written in every language of the course (``course.yml: languages``).

English is the reference: wherever a field has English text, each other course language needs its
own non-empty text, and a list (objectives, warning signs) needs as many items as the English one.
Read: the course file (titles, subtitle, notice, lesson titles and objectives, warning signs, plan
titles), every quiz (title and every text of every question: ``Question.languages()``), the
glossary (term and definition), the diagram labels (``misscourse/diagrams/labels.yml``), the
progress strings (``misscourse/progress/strings.yml``) and the interface strings
(``misscourse/ui_strings.yml``). In the last two, a translation keeps the English text's
``{placeholders}``: the code fills in the same values in every language.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import paths
from ..diagrams.labels import LABELS_FILE, load_labels
from ..progress.words import STRINGS_FILE
from ..quizzes import load_all
from ..sourcefile import SourceError, read_yaml
from ..text import DEFAULT_LANGUAGE
from .sources import Problems, check, course_at, rel

UI_FILE = paths.PACKAGE_DIR / "ui_strings.yml"
_PLACEHOLDER = re.compile(r"\{(\w*)\}")

# Progress strings a language may leave out, and the condition under which it can: the string is
# only ever used through another string of the same language that does not use it. 'months' (Jan
# ... Dec) is read only by 'day_format'; the Chinese day format writes the month as a number,
# "{m}月{d}日", so it never shows a month's name. If it ever did, the check fails again.
OPTIONAL_PROGRESS = {
    "months": ("day_format", "{month}"),
}
# Progress strings whose placeholders may differ by language: the code passes every one of them
# (``day_label``: month, m, d), and each language picks the ones its word order needs.
FREE_PLACEHOLDERS = {"day_format": {"month", "m", "d"}}


def _filled(text, lang: str) -> bool:
    return isinstance(text, dict) and isinstance(text.get(lang), str) and bool(text[lang].strip())


def text_problems(where: str, field: str, text, lang: str) -> Problems:
    """A {lang: text} field (or a {lang: [items]} list) that lacks ``lang``."""
    if not isinstance(text, dict) or DEFAULT_LANGUAGE not in text:
        return []
    en = text[DEFAULT_LANGUAGE]
    if isinstance(en, list):
        items = text.get(lang)
        if not isinstance(items, list) or not items:
            return [f"{where}: {field}: no {lang} list"]
        if len(items) != len(en):
            return [f"{where}: {field}: {len(items)} {lang} items, English has {len(en)}"]
        return []
    return [] if _filled(text, lang) else [f"{where}: {field}: no {lang} text"]


def course_problems(root: Path, lang: str) -> Problems:
    course = course_at(root)
    where = rel(root / "course.yml", root)
    fields = [("title", course.title), ("subtitle", course.subtitle), ("notice", course.notice)]
    for lesson in course.lessons:
        fields += [(f"lesson {lesson.slug!r}: title", lesson.title),
                   (f"lesson {lesson.slug!r}: objectives", lesson.objectives)]
    fields += [(f"stoplight.{field}", text) for field, text in course.stoplight.texts()]
    fields += [(f"plan {plan.id!r}: title", plan.title) for plan in course.plans]
    return [p for field, text in fields for p in text_problems(where, field, text, lang)]


def quiz_problems(root: Path, lang: str) -> Problems:
    problems: Problems = []
    for quiz_id, quiz in load_all(root / "quizzes").items():
        where = f"quizzes/{quiz_id}.yml"
        problems += text_problems(where, "title", quiz.title, lang)
        for q in quiz.questions:
            if lang in q.languages():
                continue
            fields = q.named_texts()  # every text, a scenario's scenes and choices too
            missing = [name for name, t in fields if lang not in t]
            problems.append(f"{where}: question {q.id!r}: no {lang} text for {', '.join(missing)}")
    return problems


def glossary_problems(root: Path, lang: str) -> Problems:
    path = root / "glossary.yml"
    where, problems = rel(path, root), []
    data = read_yaml(path)
    for i, raw in enumerate((data or {}).get("terms") or []):
        if not isinstance(raw, dict):
            continue
        item = f"term {raw.get('id') or i + 1!r}"
        for field in ("term", "definition"):
            problems += text_problems(f"{where}: {item}", field, raw.get(field), lang)
    return problems


def label_problems(root: Path, lang: str, labels_file: Path) -> Problems:
    where = rel(labels_file, root)
    try:
        book = load_labels(labels_file)
    except SourceError as exc:          # labels.yml itself requires every language
        return [f"{where}: {exc.item + ': ' if exc.item else ''}{exc.problem}"]
    problems: Problems = []
    for name, entry in book.diagrams.items():
        fields = [("title", entry.title), ("alt", entry.alt), ("caption", entry.caption),
                  *[(f"labels.{key}", words) for key, words in entry.labels.items()]]
        problems += [p for field, text in fields for p in text_problems(f"{where}: {name}", field, text, lang)]
    return problems


def string_file_problems(root: Path, path: Path, lang: str, optional: dict | None = None,
                         free: dict | None = None) -> Problems:
    """A YAML mapping of key -> {lang: text}: every key in ``lang``, with the English placeholders."""
    optional, free = optional or {}, free or {}
    data = read_yaml(path)
    where, problems = rel(path, root), []
    if not isinstance(data, dict):
        return [f"{where}: expected a mapping of key to its text in each language"]
    for key, text in data.items():
        if not isinstance(text, dict) or DEFAULT_LANGUAGE not in text:
            continue
        if not _filled(text, lang):
            user, mark = optional.get(key, (None, None))
            user_text = data.get(user, {}).get(lang) if user else None
            if not (isinstance(user_text, str) and mark not in user_text):
                problems.append(f"{where}: {key}: no {lang} text")
            continue
        en = set(_PLACEHOLDER.findall(str(text[DEFAULT_LANGUAGE])))
        mine = set(_PLACEHOLDER.findall(text[lang]))
        allowed = free.get(key)
        if allowed is not None:
            if mine - allowed:
                problems.append(f"{where}: {key}: {lang} placeholders {sorted(mine - allowed)} are not "
                                f"filled in by the code (it passes {sorted(allowed)})")
        elif mine != en:
            problems.append(f"{where}: {key}: {lang} placeholders {sorted(mine)}, English has {sorted(en)}")
    return problems


@check
def translations(root: Path, labels_file: Path | None = None, progress_file: Path | None = None,
                 ui_file: Path | None = None) -> Problems:
    course = course_at(root)
    problems: Problems = []
    for lang in course.languages:
        if lang == DEFAULT_LANGUAGE:
            continue
        for part in (lambda: course_problems(root, lang),
                     lambda: quiz_problems(root, lang),
                     lambda: glossary_problems(root, lang),
                     lambda: label_problems(root, lang, Path(labels_file or LABELS_FILE)),
                     lambda: string_file_problems(root, Path(progress_file or STRINGS_FILE), lang,
                                                  OPTIONAL_PROGRESS, FREE_PLACEHOLDERS),
                     lambda: string_file_problems(root, Path(ui_file or UI_FILE), lang)):
            try:
                problems += part()
            except SourceError as exc:     # a broken file: name it, and go on with the others
                problems.append(str(exc))
    return problems
