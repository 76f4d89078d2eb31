"""The reading report: one table per language, one row per lesson (``misscourse report``).

English rows give the course's Flesch-Kincaid grade (each list item its own sentence), the same
text's Flesch-Kincaid grade and SMOG index as textstat computes them on the text as written, and
words; Chinese rows give the average sentence
length in characters, the share of sentences over 40 characters and the characters. Both give
the course file's time estimate, a reading-time estimate (150 words or 250 characters a minute),
the lesson's quiz questions and diagrams, the PEMAT-P understandability and actionability scores
(misscourse/checks/pemat.py), and flags where a limit is exceeded.
"""

from __future__ import annotations

from pathlib import Path

from .checks.pemat import AIM, lesson_scores
from .checks.quiz_quality import quality_table
from .checks.sources import course_at, lesson_notebooks, resolve
from .quizzes import load_all
from .readability import (MAX_GRADE, MAX_SMOG, ZH_MAX_AVG_CHARS, ZH_MAX_SHARE_OVER_40, chinese_stats, grade,
                          patient_cells, patient_text, read_notebook, standard_grades, words)

WORDS_PER_MINUTE = 150   # English, read aloud or slowly
CHARS_PER_MINUTE = 250   # Chinese


def diagrams(notebook) -> int:
    """Diagrams of a lesson: ``L.diagram(...)`` calls and markdown images."""
    nb = read_notebook(notebook)
    calls = sum(c.source.count(".diagram(") for c in nb.cells if c.cell_type == "code")
    return calls + sum(c.source.count("![") for _, c in patient_cells(nb))


def rows(lang: str | None = None, root: Path | str | None = None) -> list[dict]:
    """One dict per lesson and language (all course languages, or ``lang``)."""
    root = resolve(root)
    course = course_at(root)
    quizzes = load_all(root / "quizzes")
    result = []
    for language in [lang] if lang else course.languages:
        pemat = {r["slug"]: r for r in lesson_scores(root, language)}
        for lesson, path in lesson_notebooks(root, course, language):
            row = {"lang": language, "lesson": course.stem(lesson.slug), "minutes": lesson.minutes,
                   "questions": sum(len(quizzes[q].questions) for q in lesson.quizzes if q in quizzes),
                   "flags": [f"quiz {q!r} missing" for q in lesson.quizzes if q not in quizzes]}
            if not path.exists():
                row["flags"].insert(0, "notebook missing")
                result.append(row)
                continue
            text = patient_text(path)
            row["diagrams"] = diagrams(path)
            if language == "zh":
                stats = chinese_stats(text)
                row.update(avg_sentence_chars=stats["avg_sentence_chars"],
                           share_over_40=stats["share_over_40"], chars=stats["chars"],
                           reading_minutes=round(stats["chars"] / CHARS_PER_MINUTE, 1))
                if stats["avg_sentence_chars"] > ZH_MAX_AVG_CHARS:
                    row["flags"].append(f"avg sentence > {ZH_MAX_AVG_CHARS} chars")
                if stats["share_over_40"] > ZH_MAX_SHARE_OVER_40:
                    row["flags"].append(f"> {ZH_MAX_SHARE_OVER_40:.0%} of sentences over 40 chars")
            else:
                n = words(text)
                fk, smog = standard_grades(text)
                row.update(grade=grade(text), fk=fk, smog=smog, words=n, reading_minutes=round(n / WORDS_PER_MINUTE, 1))
                if max(row["grade"], fk) > MAX_GRADE:
                    row["flags"].append(f"grade > {MAX_GRADE:g}")
                if smog > MAX_SMOG:
                    row["flags"].append(f"SMOG > {MAX_SMOG:g}")
            scores = pemat.get(lesson.slug)
            if scores:
                row.update(pemat_u=scores["understandability"], pemat_a=scores["actionability"])
                for name, value in (("U", row["pemat_u"]), ("A", row["pemat_a"])):
                    if value is not None and value < AIM:
                        row["flags"].append(f"PEMAT {name} < {AIM:.0%}")
            if row["reading_minutes"] > lesson.minutes:
                row["flags"].append("reading time > time estimate")
            result.append(row)
    return result


def _table(header: list[str], lines: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]

    def fmt(cells) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *map(fmt, lines)])


def reading_report(lang: str | None = None, root: Path | str | None = None, data: list[dict] | None = None) -> str:
    """The report as plain-text tables, one per language (of ``data`` when the rows are at hand)."""
    data = rows(lang, root) if data is None else data
    tables = []
    for language in dict.fromkeys(r["lang"] for r in data):
        group = [r for r in data if r["lang"] == language]
        zh = language == "zh"
        header = ["lesson", *(["avg chars/sent", "share>40"] if zh else ["FK (course)", "FK", "SMOG"]),
                  "chars" if zh else "words", "PEMAT U", "PEMAT A", "min (course)", "min (reading)", "quiz Qs", "diagrams", "flags"]
        lines = []
        for r in group:
            measure = ([r.get("avg_sentence_chars", "-"), f"{r['share_over_40']:.0%}" if "share_over_40" in r else "-",
                        r.get("chars", "-")] if zh else [r.get("grade", "-"), r.get("fk", "-"), r.get("smog", "-"),
                                                         r.get("words", "-")])
            pct = lambda v: "-" if v is None else f"{v:.0%}"  # noqa: E731
            lines.append([r["lesson"], *measure, pct(r.get("pemat_u")), pct(r.get("pemat_a")), r["minutes"], r.get("reading_minutes", "-"),
                          r["questions"], r.get("diagrams", "-"), "; ".join(r["flags"])])
        measured = [r for r in group if "reading_minutes" in r]
        if not zh and measured:
            mean = sum(r["grade"] for r in measured) / len(measured)
            fk = sum(r["fk"] for r in measured) / len(measured)
            smog = sum(r["smog"] for r in measured) / len(measured)
            summary = (f"mean FK grade {mean:.1f} (limit 7; textstat on the text as written {fk:.1f}), "
                       f"mean SMOG {smog:.1f}, {sum(r['words'] for r in measured)} words")
        elif measured:
            summary = f"{sum(r['chars'] for r in measured)} characters"
        else:
            summary = "no lessons yet"
        tables.append(f"Reading report ({language}): {summary}, "
                      f"{sum(r['minutes'] for r in group)} min planned\n" + _table(header, lines))
    tables.append(quality_table(root))  # the quizzes, for a test-wise learner (checks/quiz_quality.py)
    return "\n\n".join(tables)
