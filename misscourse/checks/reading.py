"""Reading level: lessons' patient text, quiz questions and other patient strings, in English.

Limits (CONTENT-BRIEF.md): every lesson at or below Flesch-Kincaid grade 8, the course's mean
at or below 7, every quiz question (prompt, options, feedback, explanation, hints together)
at or below 8. The course file's patient strings and the glossary's definitions are measured too.
"""

from __future__ import annotations

from pathlib import Path

from ..glossary import load_glossary
from ..quizzes import load_all
from ..readability import MAX_GRADE, MAX_MEAN_GRADE, grade, patient_cells, patient_text, quiz_strings
from .sources import Problems, check, course_at, lesson_notebooks, rel


def hardest_cells(path: Path, n: int = 3) -> str:
    """The hardest patient cells of a notebook, for a problem message."""
    graded = sorted(((grade(c.source), i, c.source) for i, c in patient_cells(path)), reverse=True)
    return "; ".join(f"cell {i} grade {g:.1f} ({' '.join(src.split())[:40]!r})" for g, i, src in graded[:n])


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
    if grades and sum(grades) / len(grades) > MAX_MEAN_GRADE:
        problems.append(f"course: mean grade of the lessons is {sum(grades) / len(grades):.1f} "
                        f"(limit {MAX_MEAN_GRADE:g})")
    for quiz_id, quiz in load_all(root / "quizzes").items():
        for qid, strings in quiz_strings(quiz, "en").items():
            g = grade("\n".join(strings))
            if g > MAX_GRADE:
                problems.append(f"quizzes/{quiz_id}.yml: question {qid!r} reads at grade {g:.1f} "
                                f"(limit {MAX_GRADE:g})")
    w = course.warning_signs
    course_strings = [course.notice["en"], *[les.title["en"] for les in course.lessons],
                      *[o for les in course.lessons for o in les.objectives["en"]],
                      w.title["en"], w.care_team_heading["en"], *w.care_team["en"],
                      w.emergency_heading["en"], *w.emergency["en"]]
    g = grade("\n".join(course_strings))
    if g > MAX_GRADE:
        problems.append(f"course.yml: notice, titles, objectives and warning signs read at grade {g:.1f}")
    glossary = load_glossary(root / "glossary.yml")
    g = grade("\n".join(t.definition["en"] for t in glossary.terms))
    if g > MAX_GRADE:
        problems.append(f"glossary.yml: the definitions read at grade {g:.1f} (limit {MAX_GRADE:g})")
    return problems
