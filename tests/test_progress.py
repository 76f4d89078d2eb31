"""The progress feature: recording answers, the store's migrations and faults, progress files,
the class report, the pages (notebook and site) and the command."""

from __future__ import annotations

import json
import logging
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import nbformat
import pytest

import misscourse.progress as progress
from misscourse.course import course
from misscourse.grading import grade, grade_record
from misscourse.html import Block
from misscourse.progress import store as store_module
from misscourse.progress.answers import Answer, InvalidAnswer
from misscourse.progress.charts import Bar, bar_chart
from misscourse.progress.cli import add_parser
from misscourse.site.progress import quiz_front_end, script_json, write_progress_pages
from misscourse.progress.store import ENV, SCHEMA_VERSION, Store, StoreError, get_store
from misscourse.progress.summary import Catalog, histories, review_order, summarize
from misscourse.progress.transfer import (
    FORMAT, TransferError, class_report, import_file, read_progress_file, write_progress_file,
)
from misscourse.quiz_widget import QuizWidget
from misscourse.quizzes import Question, load_quiz

FIXTURES = Path(__file__).parent / "progress_fixtures"
REPO = Path(__file__).resolve().parents[1]
START = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)


# -- questions and responses from the real quiz files ----------------------------------------------
def first_question(quiz_id: str, *kinds: str) -> Question:
    """The quiz file's first question of one of ``kinds`` (the tests do not name questions themselves)."""
    quiz = load_quiz(quiz_id)
    found = next((q for q in quiz.questions if q.kind in kinds), None)
    if found is None:
        raise LookupError(f"{quiz.source} has no {' or '.join(kinds)} question for the progress tests")
    return found


def right_response(q: Question):
    """A response the quiz file grades right; options are named by their place in the quiz file."""
    if q.kind == "single":
        return next(k for k, o in enumerate(q.options) if o.correct)
    if q.kind == "multiple":
        return [k for k, o in enumerate(q.options) if o.correct]
    if q.kind == "truefalse":
        return q.answer
    if q.kind == "order":
        return list(range(len(q.steps)))
    if q.kind == "scenario":  # the good choice in each scene, first scene to an ending
        by_id, scene, keys = {s.id: s for s in q.scenes}, q.scenes[0], []
        while scene is not None:
            key, choice = next((k, c) for k, c in enumerate(scene.choices) if c.good)
            keys.append(key)
            scene = by_id.get(choice.next) if choice.next else None
        return keys
    raise ValueError(f"no right response is known for a {q.kind} question")


def wrong_responses(q: Question) -> list:
    """Different responses the quiz file grades wrong (for a "choose all" question: one option too
    many or too few)."""
    if q.kind == "single":
        return [k for k, o in enumerate(q.options) if not o.correct]
    if q.kind == "multiple":
        right = set(right_response(q))
        return [sorted(right ^ {k}) for k in range(len(q.options)) if right ^ {k}]
    if q.kind == "truefalse":
        return [not q.answer]
    if q.kind == "order":
        return [list(range(len(q.steps)))[::-1]]
    raise ValueError(f"no wrong response is written for a {q.kind} question")


def response_for(quiz_id: str, question: str, correct: bool):
    q = load_quiz(quiz_id).question(question)
    return right_response(q) if correct else wrong_responses(q)[0]


# The questions these tests answer, with the quiz file's kinds.
WELCOME_SINGLE = first_question("welcome", "single")
WELCOME_MULTIPLE = first_question("welcome", "multiple")
WELCOME_TRUEFALSE = first_question("welcome", "truefalse")
RISKS_TRUEFALSE = first_question("risks", "truefalse")
RISKS_MULTIPLE = first_question("risks", "multiple")
W1, W2, W3 = WELCOME_SINGLE.id, WELCOME_MULTIPLE.id, WELCOME_TRUEFALSE.id
R1, R2 = RISKS_TRUEFALSE.id, RISKS_MULTIPLE.id


# -- fixtures ------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def progress_db(tmp_path, monkeypatch) -> Path:
    """Every test gets its own empty store: never the learner's."""
    path = tmp_path / "store" / "progress.sqlite"
    monkeypatch.setenv(ENV, str(path))
    monkeypatch.setattr(progress, "_warned", set())
    yield path
    if store_module._shared is not None:
        store_module._shared.close()
        store_module._shared = None


def answer(question=W1, correct=False, minutes=0, *, quiz="welcome", lang="en", response=..., **extra) -> dict:
    """An answer record; unless given, the response is one the quiz file grades as ``correct`` says."""
    if response is ...:
        response = response_for(quiz, question, correct)
    time = (START + timedelta(minutes=minutes)).isoformat().replace("+00:00", ".000Z")
    return {"course_version": "1.0.0", "lang": lang, "lesson": quiz, "quiz": quiz, "question": question,
            "answer": response, "correct": correct, "time": time, **extra}


def make_v1_store(path: Path, rows: list[dict]) -> None:
    """A store as version 1 of the schema wrote it: no course_version column, no unique index."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, lesson TEXT NOT NULL,"
                 " quiz TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL,"
                 " time TEXT NOT NULL)")
    conn.executemany("INSERT INTO answers (lang, lesson, quiz, question, answer, correct, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(r["lang"], r["lesson"], r["quiz"], r["question"], json.dumps(r["answer"]), int(r["correct"]), r["time"])
                      for r in rows])
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def run_cli(*argv: str) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="misscourse")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return args.func(args)


# -- recording through the quiz widget --------------------------------------------------------------
def send(widget: QuizWidget, content: dict) -> None:
    QuizWidget._on_front_end_message(widget, widget, content, [])


def test_answers_from_the_widget_are_recorded_once_each():
    progress.attach()
    progress.attach()  # idempotent: still one listener
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    send(widget, {"event": "answer", **answer(W2, True)})
    send(widget, {"event": "answer", **answer(W1, False, 1)})
    send(widget, {"event": "something-else"})
    kept = get_store().answers()
    assert [(a.question, a.correct, a.answer) for a in kept] == [(W2, True, right_response(WELCOME_MULTIPLE)),
                                                                    (W1, False, wrong_responses(WELCOME_SINGLE)[0])]
    assert kept[0].course_version == "1.0.0" and kept[0].lesson == "welcome" and kept[0].time == "2024-05-01T09:00:00.000Z"


def test_a_made_up_right_flag_is_stored_as_wrong(caplog):
    """The widget grades each answer again from the quiz file before the store keeps it."""
    progress.attach()
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    forged = {**answer(W1, False, 0), "correct": True}  # a wrong response that claims to be right
    gone = {**answer(W1, True, 1), "question": "no-such-question"}  # a question the quiz file no longer has
    with caplog.at_level(logging.WARNING, logger="misscourse.grading"):
        send(widget, {"event": "answer", **forged})
        send(widget, {"event": "answer", **gone})
        send(widget, {"event": "answer", **answer(W1, True, 2)})
    assert grade(WELCOME_SINGLE, forged["answer"])[0] is False
    kept = get_store().answers()
    assert [(a.question, a.answer, a.correct) for a in kept] == [
        (W1, forged["answer"], False), ("no-such-question", right_response(WELCOME_SINGLE), False),
        (W1, right_response(WELCOME_SINGLE), True)]
    assert "kept as wrong" in caplog.text and "could not be checked" in caplog.text


def test_scenario_decisions_and_the_whole_path_are_recorded_with_their_own_verdicts():
    progress.attach()
    q = first_question("risks", "scenario")
    widget = QuizWidget.for_quiz("risks", "en", lesson="risks", course_version="1.0.0")
    path, scene, minute = right_response(q), q.scenes[0], 0
    by_id = {s.id: s for s in q.scenes}
    for key in path:  # each decision as its own record, then the whole path under the question id
        send(widget, {"event": "answer", **answer(f"{q.id}/{scene.id}", True, minute, quiz="risks", response=key)})
        scene, minute = by_id.get(scene.choices[key].next), minute + 1
    send(widget, {"event": "answer", **answer(q.id, True, minute, quiz="risks", response=path)})
    poor = next(k for k, c in enumerate(q.scenes[0].choices) if not c.good)
    send(widget, {"event": "answer", **answer(f"{q.id}/{q.scenes[0].id}", True, minute + 1, quiz="risks", response=poor)})
    kept = get_store().answers()
    assert [a.correct for a in kept] == [True] * (len(path) + 1) + [False]  # the poor decision's "good" flag is not believed
    assert kept[len(path)].question == q.id and kept[len(path)].answer == path
    s = summarize(Catalog(course(), "en"), kept)
    row = next(r for r in s.rows if r.slug == "risks")
    assert (row.answered, row.answers, row.right) == (1, 1, 1)  # the path counts once; decisions are steps in it


def test_lesson_attaches_the_recorder():
    from misscourse.lesson import lesson
    from misscourse.quiz_widget import _listeners

    lesson("welcome", "en")
    assert progress.record_answer in _listeners


def test_a_bad_message_is_not_kept_and_never_raises(caplog):
    progress.attach()
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        for _ in range(3):
            send(widget, {"event": "answer", **answer(lesson="<script>alert(1)</script>")})
    assert get_store().count() == 0
    assert len([r for r in caplog.records if "not saved" in r.getMessage()]) == 1


def test_a_store_that_cannot_be_opened_warns_once_and_the_quiz_keeps_working(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(ENV, str(blocker / "progress.sqlite"))  # its folder cannot be made
    progress.attach()
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        for minute in range(3):
            send(widget, {"event": "answer", **answer(minutes=minute)})
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and str(blocker) in warnings[0]
    assert len(widget.answers) == 3


def test_a_missing_time_is_filled_in():
    progress.record_answer({**answer(), "time": None})
    assert get_store().answers()[0].time.endswith("Z")


# -- the store ------------------------------------------------------------------------------------
def test_store_is_wal_with_the_current_schema(progress_db):
    s = Store()
    assert s.path == progress_db
    conn = sqlite3.connect(progress_db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2


def test_default_path_is_in_the_user_data_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv(ENV)
    assert store_module.default_path() == Path(platformdirs.user_data_dir("misscourse", appauthor=False)) / "progress.sqlite"


def test_duplicates_are_kept_once():
    s = Store()
    assert s.record(answer()) is True
    assert s.record(answer()) is False
    assert s.record(answer(response=wrong_responses(WELCOME_SINGLE)[1])) is True  # another response
    assert s.count() == 2


def test_migration_from_v1(progress_db):
    progress_db.parent.mkdir(parents=True)
    rows = [answer(), answer(), answer(W2, True, 1)]  # v1 kept a duplicate
    make_v1_store(progress_db, rows)
    s = Store()
    conn = sqlite3.connect(progress_db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "answers_once" in {r[1] for r in conn.execute("PRAGMA index_list(answers)")}
    kept = s.answers()
    assert [(a.question, a.answer, a.course_version) for a in kept] == [(W1, wrong_responses(WELCOME_SINGLE)[0], ""),
                                                                            (W2, right_response(WELCOME_MULTIPLE), "")]
    assert s.record(answer()) is False  # the unique key works on migrated rows


def test_a_store_from_a_newer_course_is_refused_and_left_alone(progress_db):
    progress_db.parent.mkdir(parents=True)
    conn = sqlite3.connect(progress_db)
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    before = progress_db.read_bytes()
    with pytest.raises(StoreError, match="newer version") as exc:
        Store()
    assert str(progress_db) in str(exc.value)
    assert progress_db.read_bytes() == before


def test_another_database_is_not_touched(progress_db):
    progress_db.parent.mkdir(parents=True)
    conn = sqlite3.connect(progress_db)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a progress store"):
        Store()
    assert [r[0] for r in sqlite3.connect(progress_db).execute("SELECT name FROM sqlite_master")] == ["recipes"]


def _broken_files(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name + ".broken-"))


def test_a_file_that_is_not_a_database_is_moved_aside(progress_db, caplog):
    progress_db.parent.mkdir(parents=True)
    progress_db.write_bytes(b"this is not SQLite" * 100)
    with caplog.at_level(logging.WARNING, logger="misscourse.progress"):
        s = Store()
    [moved] = _broken_files(progress_db)
    assert s.moved_to == moved and moved.read_bytes() == b"this is not SQLite" * 100  # never deleted
    assert str(progress_db) in caplog.text and str(moved) in caplog.text
    assert s.record(answer()) and s.count() == 1  # a fresh store


def test_a_damaged_database_is_moved_aside(progress_db):
    s = Store()
    s.add(Answer.parse(answer(question=f"q-{i:05d}", minutes=i, response=1)) for i in range(3000))
    s.close()
    for side in ("-wal", "-shm"):
        Path(str(progress_db) + side).unlink(missing_ok=True)
    data = progress_db.read_bytes()
    progress_db.write_bytes(data[: len(data) // 2] + b"\x00" * 512)
    fresh = Store()
    assert fresh.moved_to is not None and fresh.count() == 0
    assert len(_broken_files(progress_db)) == 1


def test_a_store_damaged_between_sessions_is_replaced_and_the_quiz_records(progress_db):
    progress.attach()
    widget = QuizWidget.for_quiz("welcome", "en", lesson="welcome", course_version="1.0.0")
    send(widget, {"event": "answer", **answer(minutes=0)})
    store_module._shared.close()  # the kernel stops
    store_module._shared = None
    progress_db.write_bytes(b"overwritten by something else" * 200)
    send(widget, {"event": "answer", **answer(minutes=1)})  # a new kernel
    assert len(_broken_files(progress_db)) == 1
    assert [a.time for a in get_store().answers()] == ["2024-05-01T09:01:00.000Z"]


def test_progress_page_tells_the_learner_about_a_moved_file(progress_db):
    progress_db.parent.mkdir(parents=True)
    progress_db.write_bytes(b"garbage" * 50)
    text = repr(progress.show_progress("en"))
    html = progress.show_progress("en")._repr_html_()
    assert "Your progress" in text
    assert "could not be read" in html and str(progress_db) in html


def test_reset_keeps_a_backup():
    s = Store()
    s.record(answer())
    backup = s.reset()
    assert s.count() == 0
    assert Store(backup).count() == 1


WRITER = textwrap.dedent("""
    import json, sys
    from datetime import datetime, timedelta, timezone
    from misscourse.progress.store import Store
    path, who, n, record = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
    store = Store(path)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc) + timedelta(days=who)
    i = 0
    while n < 0 or i < n:
        time = (start + timedelta(milliseconds=i)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        store.record({**record, "time": time})
        i += 1
        print(i, flush=True)
""")


def _writer(path: Path, who: int, n: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    record = json.dumps(answer(W2, True))  # each writer answers on its own day, a millisecond apart
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(who), str(n), record], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_writing_at_once_lose_nothing(progress_db):
    Store().close()  # made once, so both writers start on the same schema
    writers = [_writer(progress_db, who, 400) for who in (1, 2)]
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    s = Store()
    assert s.count() == 800
    assert sqlite3.connect(progress_db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_killed_writer_loses_at_most_the_answer_in_flight(progress_db):
    Store().close()
    rng = random.Random(7)
    committed = 0
    for round_ in range(6):
        writer = _writer(progress_db, 10 + round_, -1)
        target, printed = rng.randint(5, 150), 0
        for line in writer.stdout:
            printed = int(line)
            if printed >= target:
                break
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        printed = max([printed, *(int(x) for x in writer.stdout.read().split())])
        writer.stdout.close()
        writer.stderr.close()
        conn = sqlite3.connect(progress_db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
        conn.close()
        assert printed <= count - committed <= printed + 1  # only the answer in flight may be lost
        committed = count


# -- answers and progress files --------------------------------------------------------------------
@pytest.mark.parametrize("field, value", [
    ("lesson", "<script>alert(1)</script>"), ("quiz", "Welcome!"), ("lang", "fr"), ("correct", 1),
    ("answer", "yes"), ("answer", [1, "2"]), ("time", "yesterday"), ("time", "2024-05-01T09:00:00"),
    ("course_version", "1.0 <b>"), ("extra", 1),
])
def test_bad_answer_fields_are_refused(field, value):
    with pytest.raises(InvalidAnswer) as exc:
        Answer.parse({**answer(), field: value})
    assert exc.value.field == field


def test_times_are_written_one_way():
    assert Answer.parse(answer(time="2024-05-01T11:00:00.123456+02:00")).time == "2024-05-01T09:00:00.123Z"


def test_export_import_round_trip(tmp_path):
    s = Store()
    s.add(Answer.parse(answer(q, c, i)) for i, (q, c) in enumerate([(W1, False), (W2, True)]))
    out = tmp_path / "mine.json"
    assert run_cli("progress", "export", str(out)) == 0
    doc = json.loads(out.read_text())
    assert doc["format"] == FORMAT and doc["schema"] == 1 and doc["course_version"] == course().version
    other = Store(tmp_path / "other.sqlite")
    assert import_file(other, out) == (2, 2)
    assert import_file(other, out) == (0, 2)  # duplicates counted once
    assert other.answers() == s.answers()


def test_site_download_format_imports(tmp_path):
    """What progress.js's download writes (JSON.stringify of the browser's records) reads back."""
    doc = {"format": FORMAT, "schema": 1, "course_version": "1.0.0", "answers": [answer(), answer(W2, True, 1)]}
    path = tmp_path / "download.json"
    path.write_text(json.dumps(doc, indent=1))
    assert run_cli("progress", "import", str(path)) == 0
    assert get_store().count() == 2


@pytest.mark.parametrize("name, where, reason", [
    ("not-ours.json", "format", "not a misscourse progress file"),
    ("future-schema.json", "schema", "newer version"),
    ("truncated.json", "line ", "cut short"),
    ("hostile.json", "answers[1].lesson", "not allowed"),
])
def test_bad_files_are_refused_and_the_store_is_untouched(name, where, reason, capsys):
    s = get_store()
    s.record(answer())
    path = FIXTURES / name
    with pytest.raises(TransferError) as exc:
        import_file(s, path)
    assert exc.value.path == str(path) and where in exc.value.where and reason in exc.value.reason
    assert run_cli("progress", "import", str(path)) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "Nothing was changed" in err
    assert s.count() == 1


@pytest.mark.parametrize("content, where", [
    (b'{"format": "misscourse-progress", "schema": 1, "course_version": "1", "answers": [\xff]}', "line 1"),
    (b'{"format": "misscourse-progress", "schema": 1, "course_version": "1", "answers": NaN}', None),
    (b'[1, 2, 3]', "format"),
    (b'{"format": "misscourse-progress", "schema": true, "course_version": "1", "answers": []}', "schema"),
    (b'{"format": "misscourse-progress", "schema": 1, "course_version": "1", "answers": [], "x": 1}', "x"),
    (b'{"format": "misscourse-progress", "schema": 1, "course_version": "1", "answers": {}}', "answers"),
])
def test_more_bad_files(tmp_path, content, where):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(TransferError) as exc:
        read_progress_file(path)
    assert exc.value.where == where or (where and exc.value.where.startswith(where))


def test_stdout_export(capsys):
    get_store().record(answer())
    write_progress_file("-", get_store().answers(), "1.0.0")
    assert json.loads(capsys.readouterr().out)["answers"][0]["question"] == W1


# -- the class report ------------------------------------------------------------------------------
CLASS_FILES = [FIXTURES / n for n in ("learner-a.json", "learner-a-again.json", "learner-b.json", "learner-c.json")]


@pytest.mark.parametrize("path", [*CLASS_FILES, FIXTURES / "hostile.json"], ids=lambda p: p.name)
def test_the_class_files_hold_current_questions_graded_as_the_quiz_files_grade_them(path):
    """After a quiz rewrite, run tests/progress_fixtures/regenerate.py."""
    for a in json.loads(path.read_text(encoding="utf-8"))["answers"]:
        assert grade_record(a["quiz"], a["question"], a["answer"]) is a["correct"], (path.name, a)


def test_class_report_ranks_the_questions_missed_most():
    rows, learners = class_report(CLASS_FILES, course(), "en")
    assert learners == 3  # learner-a-again repeats learner-a: counted once
    # all missed first; a tie (2 of 3) goes in course order; never missed last
    assert [(r.info.quiz, r.info.id, r.missed, r.learners) for r in rows] == [
        ("risks", R2, 1, 1), ("welcome", W1, 2, 3), ("risks", R1, 2, 3), ("welcome", W2, 0, 1)]


def test_class_command_prints_and_draws(tmp_path, capsys):
    out = tmp_path / "class.svg"
    assert run_cli("progress", "class", *map(str, CLASS_FILES), "--svg", str(out)) == 0
    text = capsys.readouterr().out
    assert "3 learners" in text and text.index(R2) < text.index(W2)
    svg = out.read_text()
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "100% (1 of 1)" in svg


def test_class_command_refuses_a_bad_file(capsys):
    assert run_cli("progress", "class", str(FIXTURES / "learner-a.json"), str(FIXTURES / "hostile.json")) == 1
    assert "hostile.json" in capsys.readouterr().err


def test_chart_text_is_escaped():
    svg = bar_chart("c", "<b>title</b>", "d & e", [Bar("<script>alert(1)</script>", 0.5, "50%")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;" in svg


# -- what the answers say ------------------------------------------------------------------------
def _summary(rows: list[dict], lang="en"):
    return summarize(Catalog(course(), lang), [Answer.parse(r) for r in rows])


def test_review_order_and_leaving_review():
    catalog = Catalog(course(), "en")
    rows = [answer(W1, False, 0), answer(W2, False, 1), answer(W3, True, 2),
            answer(R1, False, 3, quiz="risks"),
            answer(W2, True, 4), answer(W2, True, 5)]
    keys = review_order(histories([Answer.parse(r) for r in rows], catalog))
    assert keys == [("risks", R1), ("welcome", W1)]  # W2: right twice in a row since; W3: never missed


def test_one_right_answer_is_not_enough_to_leave_review():
    s = _summary([answer(correct=False), answer(correct=True, minutes=1)])
    assert [m.info.id for m in s.missed] == [W1]
    s = _summary([answer(correct=False), answer(correct=True, minutes=1), answer(correct=False, minutes=2)])
    assert s.missed[0].times == 2


def test_lesson_rows():
    keys = Catalog(course(), "en").by_lesson["welcome"]
    rows = [answer(qid, True, i, quiz=quiz) for i, (quiz, qid) in enumerate(keys)]
    s = _summary(rows + [answer(keys[0][1], False, 30)])
    row = s.rows[0]
    assert (row.answered, row.answers, row.right) == (len(keys), len(keys) + 1, len(keys))
    assert row.done and s.done == 1
    assert not s.rows[1].done and s.rows[1].answers == 0
    assert _summary(rows, "zh").answers == 0  # answers are counted in their own language


# -- the notebook page and the review quiz ----------------------------------------------------------
def test_progress_page_on_an_empty_store_is_the_same_every_time():
    first, second = progress.show_progress("en"), progress.show_progress("en")
    assert isinstance(first, Block)
    assert repr(first) == repr(second) and first._repr_html_() == second._repr_html_()
    assert "Nothing is sent anywhere" in first._repr_html_()


def test_progress_page_with_answers():
    s = get_store()
    s.add(Answer.parse(r) for r in [answer(W1, False, 0), answer(W2, True, 1),
                                    answer(R1, False, 60 * 24, quiz="risks")])
    html = progress.show_progress("en")._repr_html_()
    assert 'id="miss-progress-table"' in html and "<caption>" in html and 'scope="col"' in html
    assert 'href="00-welcome.ipynb"' in html and 'href="04-risks.ipynb"' in html
    assert html.count('role="img"') == 2 and "<title" in html and "<desc" in html and "<details>" in html
    assert "Nothing is sent anywhere" in html
    text = repr(progress.show_progress("en"))
    assert "1 of 2 (50%)" in text and "Missed 1 time" in text


def test_review_quiz_mixes_quizzes():
    get_store().add(Answer.parse(r) for r in [answer(W1, False, 0), answer(R1, False, 5, quiz="risks")])
    widget = progress.review_quiz("en")
    assert isinstance(widget, QuizWidget)
    questions = widget.quiz["questions"]
    assert [(q["quiz"], q["lesson"], q["id"]) for q in questions] == [
        ("risks", "risks", R1), ("welcome", "welcome", W1)]
    assert widget.course_version == course().version and widget.lang == "en"


def test_review_answers_are_recorded_with_their_own_quiz():
    get_store().record(answer(R1, False, 0, quiz="risks"))
    widget = progress.review_quiz("en")
    send(widget, {"event": "answer", **answer(R1, True, 1, quiz="risks")})
    assert [(a.quiz, a.question, a.correct) for a in get_store().answers()] == [("risks", R1, False), ("risks", R1, True)]


def test_review_quiz_when_nothing_was_missed():
    note = progress.review_quiz("en")
    assert isinstance(note, Block) and "Nothing to review" in repr(note)


def test_progress_notebook_is_one_line_calls():
    nb = nbformat.read(REPO / "notebooks" / "en" / "progress.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all("remove-input" in c.metadata.get("tags", []) for c in code)
    assert all(c.metadata.get("jupyter", {}).get("source_hidden") for c in code)
    assert all(len(c.source.splitlines()) == 1 for c in code)
    assert all(c.outputs for c in code)  # committed with outputs for nbval


# -- the command ------------------------------------------------------------------------------------
def test_show_command(capsys, progress_db):
    get_store().record(answer())
    assert run_cli("progress") == 0
    out = capsys.readouterr().out
    questions = len(Catalog(course(), "en").by_lesson["welcome"])
    assert str(progress_db) in out and "only on this computer" in out and f"1 of {questions}" in out


def test_reset_asks_first(monkeypatch, capsys):
    get_store().record(answer())
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("n\n"))
    assert run_cli("progress", "--reset") == 1
    assert get_store().count() == 1
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("y\n"))
    assert run_cli("progress", "--reset") == 0
    assert get_store().count() == 0
    backups = [p for p in get_store().path.parent.iterdir() if ".backup-" in p.name]
    assert len(backups) == 1 and Store(backups[0]).count() == 1


def test_reset_yes_does_not_ask(monkeypatch):
    get_store().record(answer())
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    assert run_cli("progress", "--reset", "--yes") == 0
    assert get_store().count() == 0


# -- the site page ----------------------------------------------------------------------------------
def test_site_pages(tmp_path):
    from misscourse.site.shared_data import file_of

    c = course()
    langs = list(dict.fromkeys([*c.languages, "zh"]))
    written = write_progress_pages(c, tmp_path, langs)
    assert [p.name for p in written] == ["progress.html", "progress.zh.html"]
    html = written[0].read_text(encoding="utf-8")
    for needle in ('<html lang="en">', 'id="miss-progress-table"', 'id="miss-download"', 'id="miss-import"',
                   'id="miss-review"', '<label for="miss-import">', "MissProgressPage.start(",
                   'document.addEventListener("DOMContentLoaded", function () {',
                   '<script src="lib/progress-page.js" defer>', '<script src="lib/progress-data.en.js" defer>',
                   "Nothing is sent anywhere", 'href="index.html"'):
        assert needle in html, needle
    assert '<script type="module" src=' not in html  # classic scripts: works from file://
    bundle = (tmp_path / "lib" / "progress-page.js").read_text(encoding="utf-8")
    assert "const quizFrontEnd" in bundle and "function startProgressPage(" in bundle
    shared = (tmp_path / "lib" / file_of("progress/en")).read_text(encoding="utf-8")
    parsed = json.loads(shared.split("] = ", 1)[1].rstrip().removesuffix(";"))
    assert parsed["lessons"][0]["url"] == "en/00-welcome.html"
    keys = [key for lesson in parsed["lessons"] for key in lesson["questions"]]
    assert keys and all((tmp_path / "lib" / file_of(f"quiz/en/{key.split('/')[0]}")).is_file() for key in keys)
    assert '<html lang="zh-Hans">' in written[1].read_text(encoding="utf-8")


def test_inlined_scripts_cannot_end_early():
    assert script_json({"x": "</script><script>alert(1)</script>"}).count("<") == 0
    assert "export " not in quiz_front_end().split("const quizFrontEnd")[1].split("\n")[0]
    assert "function render(" in quiz_front_end()
