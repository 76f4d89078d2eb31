"""The progress store at its edges: which file it uses, what a learner is told when the file is
broken, newer or someone else's, what an old store becomes, and what is kept, skipped and backed
up. Written against the mutants that survived scripts/mutation.py in misscourse/progress/store.py."""

from __future__ import annotations

import logging
import re
import sqlite3

import pytest

from misscourse.progress import store as store_module
from misscourse.progress.answers import Answer
from misscourse.progress.store import ENV, SCHEMA_VERSION, Store, StoreError, default_path, get_store

GOOD = {"course_version": "1.0.0", "lang": "en", "lesson": "welcome", "quiz": "welcome",
        "question": "course-is-for", "answer": 1, "correct": True, "time": "2026-05-01T09:00:00.000Z"}


def _a(**changes) -> Answer:
    return Answer.parse({**GOOD, **changes})


def test_the_file_comes_from_the_environment_or_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV, f"  {tmp_path}/mine.sqlite  ")
    assert default_path() == tmp_path / "mine.sqlite"
    monkeypatch.setenv(ENV, "~/x.sqlite")
    assert default_path() == default_path().home() / "x.sqlite"
    monkeypatch.setenv(ENV, "   ")
    assert default_path().name == "progress.sqlite" and "misscourse" in default_path().parts


def test_a_new_store_is_a_wal_file_of_the_current_version(tmp_path):
    s = Store(tmp_path / "a" / "b" / "progress.sqlite")
    s.close()
    conn = sqlite3.connect(tmp_path / "a" / "b" / "progress.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    conn.close()


def test_answers_are_kept_once_read_back_in_time_order_and_by_language(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    assert s.record(GOOD) is True
    assert s.record(GOOD) is False
    later = _a(question="try-again-ok", answer=[2, 0], correct=False, time="2026-05-02T09:00:00.000Z")
    earlier = _a(lang="zh", answer=None, time="2026-04-30T09:00:00.000Z")
    assert s.add([later, earlier, _a()]) == 2
    assert s.add([]) == 0
    assert s.answers() == [earlier, _a(), later]
    assert s.answers("zh") == [earlier] and s.answers("en") == [_a(), later]
    assert s.count() == 3 and s.languages() == ["en", "zh"]
    s.close()


def test_a_row_that_does_not_read_back_is_skipped_with_a_warning(tmp_path, caplog):
    s = Store(tmp_path / "p.sqlite")
    s.record(GOOD)
    conn = sqlite3.connect(tmp_path / "p.sqlite")
    conn.execute("UPDATE answers SET answer = 'not json'")
    conn.commit()
    conn.close()
    s.record({**GOOD, "question": "other"})
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        assert [a.question for a in s.answers()] == ["other"]
    assert f"progress store {tmp_path / 'p.sqlite'}: skipped an answer that does not read back" in caplog.text
    s.close()


def test_a_broken_file_is_kept_under_a_stamped_name_and_the_learner_told(tmp_path, caplog):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        s = Store(path)
    moved = s.moved_to
    assert re.fullmatch(r"progress\.sqlite\.broken-\d{8}-\d{6}", moved.name), moved.name
    assert moved.read_bytes() == b"this is not a database" * 100
    assert f"Your progress file {path} could not be read (" in caplog.text
    assert f"It was kept as {moved}, and a new, empty progress file was started." in caplog.text
    assert s.count() == 0 and s.record(GOOD)
    s.close()
    path.write_bytes(b"broken again" * 100)
    (tmp_path / (moved.name)).touch()
    again = Store(path)
    assert again.moved_to != moved and again.moved_to.read_bytes() == b"broken again" * 100
    again.close()


def test_a_store_from_a_newer_course_or_another_program_is_left_alone(tmp_path):
    newer = tmp_path / "newer.sqlite"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(newer)
    assert str(info.value) == (f"progress store {newer}: it was made by a newer version of misscourse (store version "
                               f"3, this one knows 2); update misscourse or set {ENV}")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as info:
        Store(other)
    assert str(info.value) == f"progress store {other}: it is a database, but not a progress store; set {ENV} to " \
                              "another file"
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


def test_a_store_made_by_the_first_course_version_is_brought_up_to_date(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(store_module.MIGRATIONS[0][0])
    row = ("en", "welcome", "welcome", "course-is-for", "1", 1, "2026-05-01T09:00:00.000Z")
    conn.executemany("INSERT INTO answers (lang, lesson, quiz, question, answer, correct, time) VALUES (?,?,?,?,?,?,?)",
                     [row, row, ("en", "welcome", "welcome", "course-is-for", "0", 0, "2026-05-01T09:01:00.000Z")])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    s = Store(path)
    assert [(a.course_version, a.answer, a.correct) for a in s.answers()] == [("", 1, True), ("", 0, False)]
    assert s.record({**GOOD, "course_version": ""}) is False  # kept once, as before
    s.close()


def test_a_folder_that_cannot_be_made_is_named(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "file" / "progress.sqlite")
    assert str(info.value).startswith(f"progress store {tmp_path / 'file' / 'progress.sqlite'}: its folder cannot "
                                      "be made (")


def test_reset_keeps_a_backup_of_every_answer_and_empties_the_store(tmp_path):
    s = Store(tmp_path / "p.sqlite")
    s.add([_a(), _a(question="other")])
    backup = s.reset()
    assert re.fullmatch(r"p\.sqlite\.backup-\d{8}-\d{6}", backup.name)
    assert s.count() == 0
    kept = Store(backup)
    assert sorted(a.question for a in kept.answers()) == ["course-is-for", "other"]
    kept.close()
    s.record(GOOD)
    assert s.count() == 1
    s.close()


def test_the_shared_store_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "one.sqlite"))
    first = get_store()
    assert get_store() is first and first.path == tmp_path / "one.sqlite"
    monkeypatch.setenv(ENV, str(tmp_path / "two.sqlite"))
    second = get_store()
    assert second is not first and second.path == tmp_path / "two.sqlite"
    second.record(GOOD)
    assert Store(tmp_path / "two.sqlite").count() == 1 and Store(tmp_path / "one.sqlite").count() == 0
