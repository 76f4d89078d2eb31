"""Fault tests that would notice a half-done job: a refused import changes nothing in the store
(the answers compared, not counted), spam found however it is disguised, and parity noticing
diagrams and quizzes that are reordered, added or removed."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from misscourse.checks import parity, spam
from misscourse.progress.answers import Answer
from misscourse.progress.store import Store
from misscourse.progress.transfer import FORMAT, SCHEMA, TransferError, import_file

from test_checks import GOOD_EN, course, notebook, write_nb  # noqa: F401  (course: a fixture)

START = datetime(2026, 5, 1, 9, 0, tzinfo=timezone.utc)


def _answer(question: str, minutes: int, correct: bool = True) -> dict:
    return {"course_version": "1.0.0", "lang": "en", "lesson": "welcome", "quiz": "welcome", "question": question,
            "answer": 1, "correct": correct,
            "time": (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", ".000Z")}


def _dump(store: Store) -> list[dict]:
    return [a.model_dump(mode="json") for a in store.answers()]


def test_a_refused_import_leaves_the_store_as_it_was(tmp_path):
    store = Store(tmp_path / "progress.sqlite")
    store.add([Answer.parse(_answer("course-is-for", 0))])
    before = _dump(store)
    # new, valid answers first (none of them already stored), then a broken one
    entries = [_answer(f"new-question-{i}", 10 + i) for i in range(3)] + [{**_answer("bad", 20), "correct": "yes"}]
    doc = {"format": FORMAT, "schema": SCHEMA, "course_version": "1.0.0", "answers": entries}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(TransferError):
        import_file(store, path)
    assert _dump(store) == before
    store.close()


@pytest.mark.parametrize("text", [
    "Visit the best CASINO tonight.",                   # upper case
    "B e t t i n g tips for everyone.",                  # split by spaces
    "网 赌 平 台",                                        # Chinese split by spaces
    "网·赌平台",                                          # split by punctuation
    "Ｃａｓｉｎｏ bonus",                                  # full-width letters
    "cas\u200bino bonus",                                # a zero-width space inside
])
def test_disguised_spam_is_found(course, text):  # noqa: F811
    write_nb(course, "en", notebook(("md", GOOD_EN + "\n\n" + text)))
    assert any(p.startswith("notebooks/en/00-risks.ipynb: cell 0") for p in spam(course)), text


ZH_OK = "## 主要风险\n\n手术都有风险。<dfn>血栓</dfn>是其中之一。您可以在23小时内回家。"
ZH_FILE = "notebooks/zh/00-risks.ipynb"


def _pair(course, en_diagrams, zh_diagrams):  # noqa: F811
    write_nb(course, "en", notebook(("md", GOOD_EN), *[("code", f'L.diagram("{d}")') for d in en_diagrams]))
    write_nb(course, "zh", notebook(("md", ZH_OK), *[("code", f'L.diagram("{d}")') for d in zh_diagrams]))
    return parity(course)


def test_parity_catches_reordered_added_and_removed_diagrams(course):  # noqa: F811
    assert _pair(course, ["x", "y"], ["x", "y"]) == []
    assert _pair(course, ["x", "y"], ["y", "x"]) != []           # reordered
    assert _pair(course, ["x", "y"], ["x"]) != []                # removed
    assert _pair(course, ["x"], ["x", "y"]) != []                # added


def test_parity_catches_a_reordered_quiz(course):  # noqa: F811
    write_nb(course, "en", notebook(("md", GOOD_EN), ("code", 'L.quiz("risks")'), ("code", 'L.quiz("review")')))
    write_nb(course, "zh", notebook(("md", ZH_OK), ("code", 'L.quiz("review")'), ("code", 'L.quiz("risks")')))
    assert any(p.startswith(ZH_FILE) and "quizzes" in p for p in parity(course))
