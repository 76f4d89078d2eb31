"""Counts in the progress messages read naturally for one and for many, in both languages,
from the command line and from the site's progress page (which fills the same strings)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from misscourse.progress.words import import_message, word

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("added", "known", "lang", "expected"), [
    (1, 0, "en", "Added 1 new answer from f.json."),
    (3, 0, "en", "Added 3 new answers from f.json."),
    (1, 1, "en", "Added 1 new answer from f.json. 1 answer in the file was already here."),
    (0, 4, "en", "Added 0 new answers from f.json. 4 answers in the file were already here."),
    (1, 0, "zh", "已从f.json添加1条新答案。"),
    (2, 5, "zh", "已从f.json添加2条新答案。文件里另有5条答案，之前已经保存过，没有重复添加。"),
])
def test_import_message(added, known, lang, expected):
    assert import_message(lang, added, known, "f.json") == expected


@pytest.mark.parametrize(("key", "values", "expected"), [
    ("export_done", {"n": 1, "file": "a.json"}, "Saved 1 answer in a.json."),
    ("export_done", {"n": 12, "file": "a.json"}, "Saved 12 answers in a.json."),
    ("class_intro", {"learners": 1}, "1 learner, one file each."),
    ("class_intro", {"learners": 9}, "9 learners, one file each."),
    ("reset_ask", {"n": 1, "path": "p"}, "Delete the answer in p?"),
    ("reset_ask", {"n": 7, "path": "p"}, "Delete all 7 answers in p?"),
    ("summary", {"done": 1, "n": 12, "answers": 1}, "You have finished 1 of 12 lessons. You have given 1 answer."),
])
def test_english_counts(key, values, expected):
    assert word(key, "en", **values).startswith(expected)


def test_the_site_fills_plurals_the_same_way(tmp_path):
    """progress.js's fill() gives the same text as the command line for every count message."""
    source = (REPO / "misscourse" / "static" / "progress.js").read_text(encoding="utf-8")
    start = source.index("const PLURAL")
    end = source.index("\n}\n", source.index("function fill(")) + 3
    cases = [("export_done", {"n": n, "file": "a.json"}) for n in (0, 1, 2)] + \
            [("import_known", {"known": n}) for n in (1, 3)] + [("class_intro", {"learners": 1})]
    strings = {key: word(key, "en") for key, _ in cases}
    script = source[start:end] + f"\nconst S = {json.dumps(strings)}; const C = {json.dumps(cases)};\n" \
        "console.log(JSON.stringify(C.map(([k, v]) => fill(S[k], v))));\n"
    (tmp_path / "fill.js").write_text(script, encoding="utf-8")
    out = subprocess.run(["node", str(tmp_path / "fill.js")], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == [word(key, "en", **values) for key, values in cases]
