"""The course file: the one list of lessons, checked with errors that name the item."""

from __future__ import annotations

import pytest
import yaml

from conftest import REPO
from misscourse.course import load_course
from misscourse.sourcefile import SourceError


def write(tmp_path, change):
    data = yaml.safe_load((REPO / "course.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "course.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def error_of(path) -> str:
    with pytest.raises(SourceError) as info:
        load_course(path)
    return str(info.value)


def test_the_real_course_file_loads_and_its_plans_fit_their_slots():
    c = load_course()
    assert c.slugs[0] == "welcome" and c.stem("welcome") == "00-welcome" and c.shown_number("welcome") == 1
    for plan in c.plans:
        if plan.minutes:
            assert sum(c.lesson(s).minutes for s in plan.lessons) <= plan.minutes


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["lessons"].append(dict(d["lessons"][0])), "lesson 'welcome' is listed twice"),
    (lambda d: d["plans"][0]["lessons"].append("no-such-lesson"), "names unknown lesson 'no-such-lesson'"),
    (lambda d: d["plans"][0].update(minutes=10), "more than its 10"),
    (lambda d: d["lessons"][0].update(slug="Bad Slug"), "must be lower-case words joined by '-'"),
    (lambda d: d["lessons"][0].update(minutes=0), "minutes"),
    (lambda d: d["lessons"][0]["title"].update(en=""), "empty text for language 'en'"),
    (lambda d: d.update(languages=["en", "fr"]), "unknown language 'fr'"),
])
def test_broken_course_files_name_the_file_and_the_problem(tmp_path, change, expected):
    path = write(tmp_path, change)
    message = error_of(path)
    assert message.startswith(str(path)) and expected in message
