"""The locale check: the Chinese edition never shows US practice (911, US brand names, "someone
must drive you home"), and is seen to fail on each planted slip, naming the file and place."""

from __future__ import annotations

import json

import pytest
import yaml

from misscourse.checks.locale import findings, locale


def test_the_course_passes():
    assert locale() == []


@pytest.mark.parametrize(("text", "word"), [
    ("请马上拨打911。", "911"),
    ("请马上拨打 9 1 1。", "911"),
    ("可以吃Tylenol。", "Tylenol"),
    ("可以吃 ADVIL 止痛。", "ADVIL"),
    ("带上您的保险卡。", "保险卡"),
    ("必须有人开车送您回家。", "必须有人开车送您"),
    ("必须 有 人 开 车 送 您 回家。", "必须有人开车送您"),
])
def test_findings_name_the_word_and_what_to_write(text, word):
    found = findings(text)
    assert len(found) == 1 and word in found[0] and "write" in found[0]


@pytest.mark.parametrize("text", ["请拨打120。", "拨打急救电话120。", "体温38.5°C", "第9119号", "对乙酰氨基酚",
                                  "家人陪您回家，打车或家人开车。", "不要自己开车回家。"])
def test_mainland_wording_is_not_flagged(text):
    assert findings(text) == []


def test_a_planted_911_fails_in_a_notebook_a_quiz_and_the_course_file(repo_copy):
    before = set(locale(repo_copy))
    nb_path = repo_copy / "notebooks" / "zh" / "08-recovery-at-home.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    cell = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "markdown" and "references" not in c["metadata"].get("tags", []))
    nb["cells"][cell]["source"] = "".join(nb["cells"][cell]["source"]) + "\n\n呼吸困难时，请拨打911。"
    nb_path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")

    quiz_path = repo_copy / "quizzes" / "recovery-at-home.yml"
    quiz = yaml.safe_load(quiz_path.read_text(encoding="utf-8"))
    quiz["questions"][0]["explanation"]["zh"] = "出现这种情况，请拨打911。"
    quiz_path.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), encoding="utf-8")

    course_path = repo_copy / "course.yml"
    course = yaml.safe_load(course_path.read_text(encoding="utf-8"))
    course["notice"]["zh"] += "紧急情况请拨打911。"
    course_path.write_text(yaml.safe_dump(course, allow_unicode=True, sort_keys=False), encoding="utf-8")

    problems = sorted(set(locale(repo_copy)) - before)
    assert any(p.startswith(f"notebooks/zh/08-recovery-at-home.ipynb: cell {cell}: 911") for p in problems), problems
    assert any(p.startswith("quizzes/recovery-at-home.yml: questions[0].explanation.zh: 911") for p in problems), problems
    assert any(p.startswith("course.yml: notice.zh: 911") for p in problems), problems
    assert len(problems) == 3, problems


def test_english_may_name_911(repo_copy):
    quiz_path = repo_copy / "quizzes" / "recovery-at-home.yml"
    quiz = yaml.safe_load(quiz_path.read_text(encoding="utf-8"))
    quiz["questions"][0]["explanation"]["en"] = "Call 911."
    quiz_path.write_text(yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert not any("recovery-at-home.yml" in p for p in locale(repo_copy))
