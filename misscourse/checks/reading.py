"""Reading level: lessons' patient text, quiz questions and other patient strings.

English limits (CONTENT-BRIEF.md): every lesson at or below Flesch-Kincaid grade 8, the course's
mean at or below 7, and the same lesson text as written at or below grade 8 by textstat's own
Flesch-Kincaid and SMOG formulas (its sentence splitting, not the course's), every quiz question (prompt, options, feedback, explanation, hints together)
at or below 8. The course file's patient strings and the glossary's definitions are measured too.

Chinese (when ``zh`` is a course language), the same texts: an average sentence of at most
``ZH_MAX_AVG_CHARS`` characters and at most ``ZH_MAX_SHARE_OVER_40`` of the sentences over 40
characters (the reasons are written beside the limits, in misscourse/readability.py).
"""

from __future__ import annotations

from pathlib import Path

from ..glossary import load_glossary
from ..quizzes import load_all
from ..readability import (MAX_GRADE, MAX_MEAN_GRADE, MAX_SMOG, ZH_MAX_AVG_CHARS, ZH_MAX_SHARE_OVER_40, chinese_stats,
                           grade, patient_cells, patient_text, quiz_strings, standard_grades)
from .sources import Problems, check, course_at, lesson_notebooks, rel


def hardest_cells(path: Path, n: int = 3) -> str:
    """The hardest patient cells of a notebook, for a problem message."""
    graded = sorted(((grade(c.source), i, c.source) for i, c in patient_cells(path)), reverse=True)
    return "; ".join(f"cell {i} grade {g:.1f} ({' '.join(src.split())[:40]!r})" for g, i, src in graded[:n])


def chinese_problem(stats: dict) -> str | None:
    """What is over the Chinese limits in ``chinese_stats`` figures, or None."""
    over = []
    if stats["avg_sentence_chars"] > ZH_MAX_AVG_CHARS:
        over.append(f"sentences average {stats['avg_sentence_chars']:g} characters (limit {ZH_MAX_AVG_CHARS})")
    if stats["share_over_40"] > ZH_MAX_SHARE_OVER_40:
        over.append(f"{stats['share_over_40']:.0%} of {stats['sentences']} sentences are over 40 characters "
                    f"(limit {ZH_MAX_SHARE_OVER_40:.0%})")
    return "; ".join(over) or None


def longest_cells(path: Path, n: int = 3) -> str:
    """The patient cells of a Chinese notebook with the longest sentences, for a problem message."""
    measured = sorted(((chinese_stats(c.source), i, c.source) for i, c in patient_cells(path)),
                      key=lambda x: (x[0]["share_over_40"], x[0]["avg_sentence_chars"]), reverse=True)
    return "; ".join(f"cell {i} avg {st['avg_sentence_chars']:g}, {st['share_over_40']:.0%} over 40 "
                     f"({' '.join(src.split())[:30]!r})" for st, i, src in measured[:n])


def chinese_reading(root: Path, lang: str = "zh") -> Problems:
    """The Chinese limits on each lesson's patient text, each quiz question (every string its own
    sentence or more: an option without a full stop is still read on its own), the course file's
    strings and the glossary's definitions."""
    course = course_at(root)
    problems: Problems = []
    for lesson, path in lesson_notebooks(root, course, lang):
        if not path.exists():
            problems.append(f"{rel(path, root)}: notebook missing (lesson {lesson.slug!r})")
            continue
        bad = chinese_problem(chinese_stats(patient_text(path)))
        if bad:
            problems.append(f"{rel(path, root)}: patient text: {bad}; longest: {longest_cells(path)}")
    for quiz_id, quiz in load_all(root / "quizzes").items():
        for qid, strings in quiz_strings(quiz, lang).items():
            bad = chinese_problem(chinese_stats("\n\n".join(strings)))
            if bad:
                problems.append(f"quizzes/{quiz_id}.yml: question {qid!r} ({lang}): {bad}")
    texts = [course.notice, *[les.title for les in course.lessons], *[t for _, t in course.stoplight.texts()]]
    lists = [les.objectives for les in course.lessons]
    course_strings = [t[lang] for t in texts if lang in t] + [x for items in lists for x in items.get(lang, [])]
    bad = chinese_problem(chinese_stats("\n\n".join(course_strings)))
    if bad:
        problems.append(f"course.yml: notice, titles, objectives and warning signs ({lang}): {bad}")
    glossary = load_glossary(root / "glossary.yml")
    bad = chinese_problem(chinese_stats("\n\n".join(t.definition.get(lang, "") for t in glossary.terms)))
    if bad:
        problems.append(f"glossary.yml: the definitions ({lang}): {bad}")
    return problems


@check
def reading(root: Path) -> Problems:
    course = course_at(root)
    problems: Problems = []
    grades = []
    for lesson, path in lesson_notebooks(root, course, "en"):
        where = rel(path, root)
        if not path.exists():
            problems.append(f"{where}: notebook missing (lesson {lesson.slug!r})")
            continue
        g = grade(patient_text(path))
        grades.append(g)
        if g > MAX_GRADE:
            problems.append(f"{where}: patient text reads at grade {g:.1f} (limit {MAX_GRADE:g}); "
                            f"hardest: {hardest_cells(path)}")
        fk, smog = standard_grades(patient_text(path))
        if fk > MAX_GRADE:
            problems.append(f"{where}: patient text as written reads at Flesch-Kincaid grade {fk:.1f} by textstat "
                            f"(limit {MAX_GRADE:g}); hardest: {hardest_cells(path)}")
        if smog > MAX_SMOG:
            problems.append(f"{where}: patient text as written has a SMOG index of {smog:.1f} by textstat "
                            f"(limit {MAX_SMOG:g}): fewer words of three or more syllables; hardest: {hardest_cells(path)}")
    if grades and sum(grades) / len(grades) > MAX_MEAN_GRADE:
        problems.append(f"course: mean grade of the lessons is {sum(grades) / len(grades):.1f} "
                        f"(limit {MAX_MEAN_GRADE:g})")
    for quiz_id, quiz in load_all(root / "quizzes").items():
        for qid, strings in quiz_strings(quiz, "en").items():
            g = grade("\n".join(strings))
            if g > MAX_GRADE:
                problems.append(f"quizzes/{quiz_id}.yml: question {qid!r} reads at grade {g:.1f} "
                                f"(limit {MAX_GRADE:g})")
    course_strings = [course.notice["en"], *[les.title["en"] for les in course.lessons],
                      *[o for les in course.lessons for o in les.objectives["en"]],
                      *[course.fill(t, "en") for field, t in course.stoplight.texts() if field != "source"]]
    g = grade("\n".join(course_strings))
    if g > MAX_GRADE:
        problems.append(f"course.yml: notice, titles, objectives and warning signs read at grade {g:.1f}")
    glossary = load_glossary(root / "glossary.yml")
    g = grade("\n".join(t.definition["en"] for t in glossary.terms))
    if g > MAX_GRADE:
        problems.append(f"glossary.yml: the definitions read at grade {g:.1f} (limit {MAX_GRADE:g})")
    if "zh" in course.languages:
        problems += chinese_reading(root, "zh")
    return problems
