"""The content checks on the real course: every list of problems must be empty.

A failure lists each problem with its file, item and what is wrong (see misscourse/checks/).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from misscourse.checks import CHECKS
from misscourse.course import course
from misscourse.glossary import load_glossary
from misscourse.report import reading_report, rows

BRIEF = Path(__file__).resolve().parents[2] / "shared" / "CONTENT-BRIEF.md"


@pytest.mark.parametrize("name", list(CHECKS))
def test_the_course_passes(name):
    problems = CHECKS[name]()
    assert not problems, f"{len(problems)} {name} problem(s):\n" + "\n".join(problems)


@pytest.mark.skipif(not BRIEF.exists(), reason="the content brief (../shared) is not beside the repository")
def test_the_glossary_has_every_seed_term_of_the_brief():
    seed = BRIEF.read_text(encoding="utf-8").split("## Glossary seed", 1)[1].split("\n", 1)[1]
    pairs = [p.split(" / ") for p in re.split(r"\s*·\s*", " ".join(seed.split())) if " / " in p]
    assert len(pairs) >= 30
    glossary = load_glossary()
    for en, zh in pairs:
        entry = glossary.lookup(en.strip(), "en")
        assert entry is not None, f"glossary.yml has no term {en!r}"
        assert (entry.term["en"], entry.term["zh"]) == (en.strip(), zh.strip()), entry.id


def test_the_reading_report_covers_every_lesson():
    data = rows()
    assert len(data) == len(course().lessons) * len(course().languages)
    report = reading_report(data=data)
    assert all(r["lesson"] in report for r in data)
