"""The progress store at its edges: which file it uses, what a learner is told when the file is
broken, newer or someone else's, what an old store becomes, and what is kept, skipped and backed
up. Written against the mutants that survived scripts/mutation.py in misscourse/progress/store.py."""

from __future__ import annotations

import logging
import re
import signal
import sqlite3
import sys

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


# -- what a learner keeps or is told when the file goes wrong --------------------------------------
def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _rows(path) -> list[tuple]:
    """Every stored answer as SQLite holds it, read by another connection (as another kernel would)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM answers ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def fixed_clock(monkeypatch):
    """The clock stops at 2026-05-01 09:00:00, so that stamped names can be written out."""
    from datetime import datetime

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 5, 1, 9, 0, 0)

    monkeypatch.setattr(store_module, "datetime", Frozen)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG data folder is Linux's")
def test_without_the_variable_the_store_is_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "misscourse" / "progress.sqlite"


def test_files_moved_aside_in_the_same_second_get_their_own_names(tmp_path, fixed_clock):
    path = tmp_path / "progress.sqlite"
    moved = []
    for n in range(3):
        path.write_bytes(f"broken {n} ".encode() * 500)
        s = Store(path)
        moved.append(s.moved_to)
        s.close()
    assert [m.name for m in moved] == ["progress.sqlite.broken-20260501-090000", "progress.sqlite.broken-20260501-090000-2",
                                       "progress.sqlite.broken-20260501-090000-3"]
    assert [m.read_bytes() for m in moved] == [f"broken {n} ".encode() * 500 for n in range(3)]
    assert Store(tmp_path / "fresh.sqlite").moved_to is None


def test_a_folder_where_the_file_should_be_is_named_and_left_alone(tmp_path):
    folder = tmp_path / "progress.sqlite"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(StoreError) as info:
        Store(folder)
    assert str(info.value) == f"progress store {folder}: it is a folder, not a file; set {ENV} to a file"
    assert _names(tmp_path) == ["progress.sqlite"] and (folder / "notes.txt").read_text() == "mine"


def test_a_broken_file_that_cannot_be_moved_aside_is_named_and_kept(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"not a database " * 300)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == (f"progress store {path}: it cannot be read, and it cannot be moved aside "
                               "(Permission denied)")
    assert info.value.path == path and _names(tmp_path) == ["progress.sqlite"]
    assert path.read_bytes() == b"not a database " * 300


def test_a_broken_file_put_back_at_once_is_named_not_looped_on(tmp_path, monkeypatch):
    """A synced folder that restores the file as soon as it is renamed: the store gives up, naming it."""
    import shutil

    path = tmp_path / "progress.sqlite"
    path.write_bytes(b"not a database " * 300)
    monkeypatch.setattr(store_module.os, "replace", shutil.copyfile)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == f"progress store {path}: file is not a database"
    [kept] = [p for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert kept.read_bytes() == path.read_bytes() == b"not a database " * 300


def _open_elsewhere_then_break(path):
    """Another kernel has the store open (it holds the -wal and -shm files), then the file is
    overwritten on disk. That kernel writes once more, so a reader's cached pages are stale."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    other.execute("PRAGMA quick_check").fetchall()  # reads every page while they are good
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.write(b"\xa5" * size)
    other.execute("INSERT INTO answers (lang, lesson, quiz, question, answer, correct, time)"
                  " VALUES ('en', 'welcome', 'welcome', 'late', '1', 1, '2026-05-01T10:00:00.000Z')")
    return other, b"\xa5" * size


def test_a_store_broken_between_two_reads_is_moved_aside_with_its_journal(tmp_path, caplog, fixed_clock):
    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.add([_a(question=f"q-{i}") for i in range(40)])
    assert s.count() == 40
    other, garbage = _open_elsewhere_then_break(path)
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        assert s.count() == 0  # the next read finds the file broken and starts again
    moved = tmp_path / "progress.sqlite.broken-20260501-090000"
    assert s.moved_to == moved and moved.read_bytes() == garbage
    assert {"progress.sqlite.broken-20260501-090000-wal", "progress.sqlite.broken-20260501-090000-shm"} <= \
        set(_names(tmp_path))
    assert caplog.messages == [f"Your progress file {path} could not be read (file is not a database). It was kept "
                               f"as {moved}, and a new, empty progress file was started."]
    assert s.record(GOOD) and [a.question for a in Store(path).answers()] == ["course-is-for"]
    other.close()


def test_a_store_whose_pages_are_damaged_says_what_the_check_found(tmp_path, caplog):
    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.add([_a(question=f"q-{i:03d}") for i in range(300)])
    s.close()
    data = path.read_bytes()
    path.write_bytes(data[:-4096] + b"\x00" * 4096)  # the last page, a leaf of the answers, wiped
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        fresh = Store(path)
    assert fresh.count() == 0 and fresh.moved_to.read_bytes() == data[:-4096] + b"\x00" * 4096
    [message] = caplog.messages
    assert message.startswith(f"Your progress file {path} could not be read (the file is damaged (*** in database "
                              "main ***\nPage ")
    fresh.close()


def test_a_store_another_program_is_writing_is_named_and_never_moved(tmp_path, monkeypatch):
    """An older store (rollback journal) held by another program while it is opened, and an open
    store whose writes wait for another program: both are named, quickly, and nothing is moved."""
    import time

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.2)
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.execute(store_module.MIGRATIONS[0][0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute("BEGIN EXCLUSIVE")
    start = time.monotonic()
    with pytest.raises(StoreError) as info:
        Store(old)
    assert time.monotonic() - start < 3
    assert str(info.value) == f"progress store {old}: database is locked"
    conn.execute("ROLLBACK")
    conn.close()
    assert _names(tmp_path) == ["old.sqlite"]

    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.record(GOOD)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    start = time.monotonic()
    with pytest.raises(StoreError) as info:
        s.record({**GOOD, "question": "other"})
    assert time.monotonic() - start < 3
    assert str(info.value) == f"progress store {path}: database is locked"
    assert s.count() == 1  # reading goes on while the other program writes
    writer.execute("ROLLBACK")
    writer.close()
    assert s.record({**GOOD, "question": "other"}) and s.count() == 2
    assert s.moved_to is None and not [n for n in _names(tmp_path) if ".broken-" in n]
    s.close()


@pytest.mark.parametrize("how", ["ABORT", "ROLLBACK"])
def test_a_write_that_fails_half_way_leaves_the_answers_as_they_were(tmp_path, how):
    """An import of several answers that fails at the third (a trigger stands in for the disk or
    the file failing mid-write): none of them is kept, and the store goes on working."""
    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.add([_a(), _a(question="kept-before")])
    before = _rows(path)
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TRIGGER fail_half_way BEFORE INSERT ON answers WHEN NEW.question = 'third' "
                 f"BEGIN SELECT RAISE({how}, 'the disk failed'); END")
    conn.commit()
    conn.close()
    import_ = [_a(question="first"), _a(question="second"), _a(question="third"), _a(question="fourth")]
    with pytest.raises(StoreError) as info:
        s.add(import_)
    assert str(info.value) == f"progress store {path}: the disk failed"
    assert _rows(path) == before
    assert [a.question for a in s.answers()] == ["course-is-for", "kept-before"]
    assert s.record({**GOOD, "question": "next"}) and s.count() == 3  # no transaction was left open
    s.close()


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs a POSIX file size limit")
def test_a_full_disk_during_an_import_keeps_the_answers_byte_for_byte(tmp_path):
    import resource

    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.add([_a(question=f"kept-{i}") for i in range(20)])
    before = _rows(path)
    largest = max(p.stat().st_size for p in tmp_path.iterdir())
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 8192, hard))
    try:
        with pytest.raises(StoreError) as info:
            s.add([_a(question=f"new-{i:04d}") for i in range(2000)])
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert str(info.value).startswith(f"progress store {path}: ")
    assert _rows(path) == before and s.count() == 20
    assert s.record({**GOOD, "question": "after"}) and s.count() == 21
    s.close()


def test_answers_read_back_export_and_import_again(tmp_path):
    """What the store gives back is what was written: true and false are true and false, so an
    exported file of them is accepted again."""
    from misscourse.progress.transfer import read_progress_file, write_progress_file

    s = Store(tmp_path / "progress.sqlite")
    s.add([_a(), _a(question="missed", answer=[0, 2], correct=False, time="2026-05-01T09:01:00.000Z")])
    back = s.answers()
    assert [(a.answer, a.correct) for a in back] == [(1, True), ([0, 2], False)]
    assert all(type(a.correct) is bool for a in back)
    write_progress_file(tmp_path / "mine.json", back, "1.0.0")
    assert read_progress_file(tmp_path / "mine.json") == back
    s.close()


def test_a_row_that_does_not_read_back_is_named_in_the_warning(tmp_path, caplog):
    path = tmp_path / "p.sqlite"
    s = Store(path)
    s.record(GOOD)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE answers SET answer = '{oops'")
    conn.commit()
    conn.close()
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        assert s.answers() == []
    assert caplog.messages == [f"progress store {path}: skipped an answer that does not read back: ('1.0.0', 'en', "
                               "'welcome', 'welcome', 'course-is-for', '{oops', 1, '2026-05-01T09:00:00.000Z')"]
    s.close()


def test_answers_come_from_any_thread(tmp_path):
    """A kernel's messages may arrive on another thread than the one that opened the store."""
    import threading

    s = Store(tmp_path / "p.sqlite")
    results = []
    worker = threading.Thread(target=lambda: results.append((s.record(GOOD), s.count())))
    worker.start()
    worker.join(10)
    assert results == [(True, 1)]
    s.close()


def test_a_closed_store_is_named_when_used(tmp_path):
    path = tmp_path / "p.sqlite"
    s = Store(path)
    s.close()
    with pytest.raises(StoreError) as info:
        s.count()
    assert str(info.value) == f"progress store {path}: Cannot operate on a closed database."


def test_reset_keeps_an_answer_written_while_the_backup_was_made(tmp_path, monkeypatch):
    """Another kernel records an answer just after the backup copy is made: it is neither in the
    copy nor wiped."""
    path = tmp_path / "p.sqlite"
    backup_copy = store_module._backup
    meanwhile = iter([{**GOOD, "question": "meanwhile-1"}, {**GOOD, "question": "meanwhile-2"}])

    def backup_then_another_kernel_writes(conn, target):
        last = backup_copy(conn, target)
        other = Store(path)
        other.record(next(meanwhile))
        other.close()
        return last

    monkeypatch.setattr(store_module, "_backup", backup_then_another_kernel_writes)
    s = Store(path)
    first = s.reset()  # an empty store
    assert [a.question for a in s.answers()] == ["meanwhile-1"]
    assert Store(first).count() == 0
    s.record(GOOD)
    second = s.reset()
    assert second != first
    assert [a.question for a in s.answers()] == ["meanwhile-2"]
    assert sorted(a.question for a in Store(second).answers()) == ["course-is-for", "meanwhile-1"]
    s.close()


def test_a_journal_file_that_cannot_be_moved_aside_is_named_like_the_store(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite"
    s = Store(path)
    s.add([_a(question=f"q-{i}") for i in range(40)])
    s.close()
    other, garbage = _open_elsewhere_then_break(path)
    rename = store_module.os.replace

    def journal_refused(src, dst):
        if str(src).endswith("-wal"):
            raise PermissionError(13, "Permission denied")
        rename(src, dst)

    monkeypatch.setattr(store_module.os, "replace", journal_refused)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == (f"progress store {path}: it cannot be read, and it cannot be moved aside "
                               "(Permission denied)")
    [moved] = [p for p in tmp_path.iterdir() if ".broken-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert moved.read_bytes() == garbage  # the store itself was kept; its journal is still in place
    assert (tmp_path / "progress.sqlite-wal").exists()
    other.close()


def test_the_shared_store_lets_go_of_the_old_file_and_names_a_wrong_one_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(tmp_path / "one.sqlite"))
    first = get_store()
    first.record(GOOD)
    (tmp_path / "folder").mkdir()
    monkeypatch.setenv(ENV, str(tmp_path / "folder"))
    for _ in range(2):  # asked again, the same clear message
        with pytest.raises(StoreError) as info:
            get_store()
        assert str(info.value) == f"progress store {tmp_path / 'folder'}: it is a folder, not a file; set {ENV} to a file"
    with pytest.raises(StoreError) as info:  # the old file was closed when the path changed
        first.count()
    assert str(info.value) == f"progress store {tmp_path / 'one.sqlite'}: Cannot operate on a closed database."
    monkeypatch.setenv(ENV, str(tmp_path / "one.sqlite"))
    assert get_store().count() == 1
