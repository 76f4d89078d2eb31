"""What a learner is told when an answer or a progress file is refused, and what is kept when it is
not: the exact messages (file, line or field, reason) and the answers as stored. Written against
the mutants that survived scripts/mutation.py in misscourse/progress/answers.py and transfer.py."""

from __future__ import annotations

import json

import pytest

from misscourse.progress.answers import Answer, InvalidAnswer, canonical_time
from misscourse.progress.store import Store
from misscourse.progress.transfer import (FORMAT, SCHEMA, TransferError, import_file, progress_document,
                                          read_progress_file, write_progress_file)

GOOD = {"course_version": "1.0.0", "lang": "en", "lesson": "welcome", "quiz": "welcome",
        "question": "course-is-for", "answer": 1, "correct": True, "time": "2026-05-01T09:00:00.000Z"}


def _refusal(**changes) -> str:
    data = {**GOOD, **changes}
    data = {k: v for k, v in data.items() if v is not ...}
    with pytest.raises(InvalidAnswer) as info:
        Answer.parse(data)
    return str(info.value)


@pytest.mark.parametrize("changes, message", [
    ({"question": ...}, "question: missing"),
    ({"extra": 1}, "extra: not a field of an answer"),
    ({"quiz": "Welcome!"}, "quiz: text 'Welcome!' is not allowed here"),
    ({"lesson": "x" * 81}, "lesson: String should have at most 80 characters (found '" + "x" * 56 + "...)"),
    ({"answer": "two"}, "answer: 'two' is not a quiz answer (true or false, a number or a list of numbers)"),
    ({"answer": -1}, "answer: -1 is not a quiz answer (true or false, a number or a list of numbers)"),
    ({"answer": 1000}, "answer: 1000 is not a quiz answer (true or false, a number or a list of numbers)"),
    ({"answer": list(range(101))}, "answer: "),
    ({"lang": "fr"}, "lang: 'fr' is not one of the course's languages (en, zh)"),
    ({"correct": "yes"}, "correct: Input should be a valid boolean (found 'yes')"),
    ({"time": "yesterday"}, "time: not a date and time (use ISO 8601, like 2024-05-01T09:30:00.000Z)"),
    ({"time": "2026-05-01T09:00:00"}, "time: the time has no time zone (it must end with Z or +hh:mm)"),
])
def test_a_refused_answer_names_the_field_and_the_reason(changes, message):
    got = _refusal(**changes)
    assert got.startswith(message) if message.endswith(": ") else got == message


def test_a_value_that_is_not_an_object_is_refused_without_a_field():
    with pytest.raises(InvalidAnswer) as info:
        Answer.parse([GOOD])
    assert (info.value.field, str(info.value)) == ("", "expected an object, found list")


def test_edges_of_what_an_answer_may_hold_are_kept():
    for answer in (0, 999, True, False, None, [], [0, 999], list(range(100))):
        assert Answer.parse({**GOOD, "answer": answer}).answer == answer
    assert Answer.parse({**GOOD, "lesson": ""}).lesson == ""
    assert Answer.parse({**GOOD, "lesson": "x" * 80}).lesson == "x" * 80
    a = Answer.parse({**GOOD, "question": "wound-red/nurse"})
    assert a.is_decision and not Answer.parse(GOOD).is_decision
    assert a.key == ("welcome", "wound-red/nurse")
    assert Answer.parse({**GOOD, "answer": [2, 0]}).response_json == "[2,0]"
    assert Answer.parse(GOOD).to_dict() == GOOD
    same = Answer.parse(GOOD)
    assert Answer.parse(same) is same


@pytest.mark.parametrize("given, kept", [
    ("2026-05-01T09:00:00Z", "2026-05-01T09:00:00.000Z"),
    ("2026-05-01T11:30:05.123456+02:00", "2026-05-01T09:30:05.123Z"),
    ("2026-05-01T09:00:00.9999+00:00", "2026-05-01T09:00:00.999Z"),
])
def test_times_are_kept_as_the_browser_writes_them(given, kept):
    assert canonical_time(given) == kept
    assert Answer.parse({**GOOD, "time": given}).time == kept


def _write(tmp_path, doc, name="progress.json"):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


def _doc(**changes):
    return {"format": FORMAT, "schema": SCHEMA, "course_version": "1.0.0", "answers": [GOOD], **changes}


@pytest.mark.parametrize("doc, message", [
    ([1], 'format: not a misscourse progress file (expected "format": "misscourse-progress")'),
    (_doc(format="other"), 'format: not a misscourse progress file (expected "format": "misscourse-progress")'),
    (_doc(schema="1"), "schema: expected a whole number, found '1'"),
    (_doc(schema=True), "schema: expected a whole number, found True"),
    (_doc(schema=0), "schema: expected a whole number, found 0"),
    (_doc(schema=2), "schema: made by a newer version of the course (schema 2); this version reads schema 1: "
                     "update misscourse"),
    (_doc(note="hi"), "note: not a field of a progress file"),
    (_doc(course_version=1), "course_version: expected text"),
    (_doc(answers={}), "answers: expected a list of answers"),
    (_doc(answers=[GOOD, {**GOOD, "lang": "fr"}]), "answers[1].lang: 'fr' is not one of the course's languages (en, zh)"),
    (_doc(answers=[GOOD, "x"]), "answers[1]: expected an object, found str"),
    ('{"format": "misscourse-progress",\n "schema": NaN}', "not valid JSON (NaN is not allowed)"),
    ('{"format": "misscourse-progress",\n "schema": 1,', "line 2, column 14: not valid JSON, or cut short "
                                                         "(Expecting property name enclosed in double quotes)"),
])
def test_a_refused_file_names_itself_the_place_and_the_reason(tmp_path, doc, message):
    path = _write(tmp_path, doc)
    with pytest.raises(TransferError) as info:
        read_progress_file(path)
    assert str(info.value) == f"{path}, {message}" if not message.startswith("not valid JSON (") \
        else str(info.value) == f"{path}: {message}"


def test_a_file_that_is_not_text_or_not_there_is_named(tmp_path):
    path = tmp_path / "progress.json"
    path.write_bytes(b'{"format":\n\n "\xff"}')
    with pytest.raises(TransferError) as info:
        read_progress_file(path)
    assert str(info.value) == f"{path}, line 3: not UTF-8 text"
    with pytest.raises(TransferError) as info:
        read_progress_file(tmp_path / "missing.json")
    assert str(info.value) == f"{tmp_path / 'missing.json'}: cannot be read (No such file or directory)"


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from misscourse.progress import transfer

    path = _write(tmp_path, _doc())
    monkeypatch.setattr(transfer, "MAX_BYTES", path.stat().st_size - 1)
    with pytest.raises(TransferError) as info:
        read_progress_file(path)
    assert str(info.value).startswith(f"{path}: the file is larger than ")
    monkeypatch.setattr(transfer, "MAX_BYTES", path.stat().st_size)
    assert read_progress_file(path) == [Answer.parse(GOOD)]


def test_a_written_file_reads_back_whole_and_an_import_counts_what_is_new(tmp_path, capsys):
    answers = [Answer.parse(GOOD), Answer.parse({**GOOD, "question": "try-again-ok", "answer": False,
                                                 "correct": False, "lang": "zh"})]
    path = tmp_path / "mine.json"
    write_progress_file(path, answers, "1.2.3")
    assert not (tmp_path / "mine.json.tmp").exists()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc == progress_document(answers, "1.2.3")
    assert doc["format"] == FORMAT and doc["schema"] == SCHEMA and doc["course_version"] == "1.2.3"
    assert path.read_text(encoding="utf-8").endswith("}\n")
    assert read_progress_file(path) == answers
    write_progress_file("-", answers[:1], "1.2.3")
    assert json.loads(capsys.readouterr().out)["answers"] == [GOOD]

    store = Store(tmp_path / "progress.sqlite")
    store.add(answers[:1])
    assert import_file(store, path) == (1, 2)
    assert import_file(store, path) == (0, 2)
    assert sorted(a.question for a in store.answers()) == ["course-is-for", "try-again-ok"]
    assert [a.question for a in store.answers("zh")] == ["try-again-ok"]
    store.close()


def test_times_are_kept_in_utc_whatever_the_computers_zone(monkeypatch):
    import time as time_module

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time_module.tzset()
    try:
        assert canonical_time("2026-05-01T11:30:05+02:00") == "2026-05-01T09:30:05.000Z"
        local = Answer.parse(GOOD).local_time()
        assert local.utcoffset().total_seconds() == 8 * 3600 and local.hour == 17
    finally:
        monkeypatch.delenv("TZ")
        time_module.tzset()


def test_now_is_the_current_time_as_the_browser_writes_it():
    from datetime import datetime, timezone

    from misscourse.progress.answers import now

    stamp = now()
    assert stamp.endswith("Z") and len(stamp) == len("2026-05-01T09:00:00.000Z")
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert abs((datetime.now(timezone.utc) - moment).total_seconds()) < 60


def test_a_long_refused_value_is_shortened_only_past_60_characters():
    assert _refusal(quiz="A" * 58) == f"quiz: text '{'A' * 58}' is not allowed here"  # shown whole: 60 characters
    assert _refusal(quiz="A" * 59) == f"quiz: text '{'A' * 56}... is not allowed here"


def test_a_file_over_20_mb_is_refused_saying_so(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.truncate(20 * 2**20 + 1)
    with pytest.raises(TransferError) as info:
        read_progress_file(path)
    assert str(info.value) == f"{path}: the file is larger than 20 MB"


def test_an_unknown_top_field_is_named_up_to_40_characters(tmp_path):
    path = _write(tmp_path, _doc(**{"n" * 45: 1}))
    with pytest.raises(TransferError) as info:
        read_progress_file(path)
    assert str(info.value) == f"{path}, {'n' * 40}: not a field of a progress file"


def test_a_progress_file_is_written_one_field_a_line(tmp_path):
    path = tmp_path / "mine.json"
    write_progress_file(path, [Answer.parse(GOOD)], "1.0.0")
    assert path.read_text(encoding="utf-8").startswith('{\n "format": "misscourse-progress",\n "schema": 1,\n')
