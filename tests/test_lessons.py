"""Every lesson notebook is where the course file says, built the same way, and executed fresh."""

from __future__ import annotations

import re

import nbformat
import pytest

from misscourse.course import course
from misscourse.paths import STATIC_DIR
from misscourse.quizzes import load_quiz
from misscourse.ui import ui_table

C = course()
QUIZ_JS = (STATIC_DIR / "quiz.js").read_text(encoding="utf-8")
QUIZ_CSS = (STATIC_DIR / "quiz.css").read_text(encoding="utf-8")
LESSONS = [(lang, lesson.slug) for lang in C.languages for lesson in C.lessons]
IDS = [f"{lang}-{slug}" for lang, slug in LESSONS]


def read(lang, slug):
    return nbformat.read(C.notebook_path(slug, lang), as_version=4)


def code_sources(nb):
    return [c.source.strip() for c in nb.cells if c.cell_type == "code"]


def test_notebook_files_match_the_course_file_exactly():
    for lang in C.languages:
        folder = C.notebook_path(C.slugs[0], lang).parent
        numbered = sorted(p.name for p in folder.glob("[0-9][0-9]-*.ipynb"))
        assert numbered == sorted(f"{C.stem(s)}.ipynb" for s in C.slugs), f"{folder}: lessons differ from course.yml"


@pytest.mark.parametrize("lang, slug", LESSONS, ids=IDS)
def test_code_cells_are_one_line_calls_hidden_from_learners(lang, slug):
    nb = read(lang, slug)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert len(cell.source.strip().splitlines()) == 1, f"{slug}: a code cell has more than one line"
        assert "remove-input" in cell.metadata.get("tags", []), f"{slug}: code cell not tagged remove-input"
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, f"{slug}: code cell not collapsed"


@pytest.mark.parametrize("lang, slug", LESSONS, ids=IDS)
def test_lesson_has_every_required_part(lang, slug):
    nb = read(lang, slug)
    code = code_sources(nb)
    assert code[0] == f'from misscourse import lesson; L = lesson("{slug}", "{lang}")'
    assert "L.header()" in code, "objectives, time and safety notice at the top"
    assert any(re.fullmatch(r'L\.diagram\("[a-z-]+"\)', s) for s in code), "at least one diagram"
    assert any(s.startswith("L.quiz(") for s in code), "a quiz"
    assert "L.warning_signs()" in code, "the warning-signs box"
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert any(re.match(r"^##\s+(Key points|要点)", c.source) for c in markdown), "key points at the end"
    assert any("teach-back" in c.metadata.get("tags", []) for c in markdown), "teach-back prompts"


@pytest.mark.parametrize("lang, slug", LESSONS, ids=IDS)
def test_every_slide_has_speaker_notes(lang, slug):
    nb = read(lang, slug)
    cells = [c for c in nb.cells if "resident" not in c.metadata.get("tags", [])
             and "references" not in c.metadata.get("tags", [])]
    slides, current = [], None
    for cell in cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind in ("slide", "subslide"):
            current = {"first": cell.source.strip()[:50], "notes": 0}
            slides.append(current)
        elif kind == "notes" and current is not None and cell.source.strip():
            current["notes"] += 1
    assert slides, f"{slug}: no slides"
    missing = [s["first"] for s in slides if s["notes"] == 0]
    assert not missing, f"{slug}: slides without speaker notes: {missing}"


@pytest.mark.parametrize("lang, slug", LESSONS, ids=IDS)
def test_committed_outputs_are_fresh(lang, slug):
    """nbval ignores widget state; so check that the stored quiz matches today's quiz file."""
    nb = read(lang, slug)
    assert "widgets" in nb.metadata, f"{slug}: no widget state stored; run 'misscourse refresh {slug}'"
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    quizzes = [m["state"] for m in state.values() if "_esm" in m.get("state", {})]
    assert quizzes and all(q["_esm"] == QUIZ_JS and q["_css"] == QUIZ_CSS and q["ui"] == ui_table(lang)
                           for q in quizzes), \
        f"{slug}: the stored quiz front-end is older than misscourse/static/quiz.js or quiz.css or ui_strings.yml; run 'misscourse refresh {slug}'"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.execution_count is not None, f"{slug}: not executed; run 'misscourse refresh {slug}'"
            for out in cell.outputs:
                assert out.output_type != "error", f"{slug}: a cell ends in an error"
                text = out.get("data", {}).get("text/plain", "")
                m = re.match(r"Quiz\('([a-z0-9-]+)', lang='(\w+)', questions=(\d+), digest=(\w+)\)", text)
                if m:
                    quiz = load_quiz(m.group(1))
                    assert m.group(4) == quiz.digest(m.group(2)), f"{slug}: stored quiz is stale; run 'misscourse refresh {slug}'"
