"""PEMAT-P scores and the standard reading formulas: each measure is seen to move on a planted
change, and each problem names the file, the lesson and the item."""

from __future__ import annotations

import json

import yaml

from misscourse.checks.pemat import ACTIONABILITY, MEASURED, RATED, UNDERSTANDABILITY, lesson_scores, measured, pemat
from misscourse.checks.reading import reading
from misscourse.readability import standard_grades


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _save(path, nb):
    path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def test_every_item_is_measured_or_rated_once():
    assert set(MEASURED) | set(RATED) == set(UNDERSTANDABILITY) | set(ACTIONABILITY)
    assert not set(MEASURED) & set(RATED)
    assert len(UNDERSTANDABILITY) == 17 and len(ACTIONABILITY) == 7


def test_every_lesson_is_rated_with_reasons():
    assert not [p for p in pemat() if "not rated" in p or "needs a reason" in p]


def test_scores_are_shares_of_applicable_items(repo_copy):
    for row in lesson_scores(repo_copy, "en"):
        applicable_u = [v for k, v in row["items"].items() if k in UNDERSTANDABILITY and v is not None]
        assert row["understandability"] == sum(max(v, 0) for v in applicable_u) / len(applicable_u)


def test_a_lesson_without_key_points_loses_the_summary_item(repo_copy):
    path = repo_copy / "notebooks" / "en" / "06-day-of-surgery.ipynb"
    assert measured(path, "en")[11][0] == 1
    nb = _nb(path)
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if src.lstrip().startswith("## Key points"):
            cell["source"] = src.replace("## Key points", "## Some more words")
    _save(path, nb)
    assert measured(path, "en")[11] == (0, "a 'Key points' summary is missing")


def test_advice_left_to_the_care_team_is_not_explicit_steps(repo_copy):
    path = repo_copy / "notebooks" / "en" / "06-day-of-surgery.ipynb"
    before = measured(path, "en")[22][1]
    deferred_before = int(before.split("; ")[1].split()[0])
    nb = _nb(path)
    first = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and not c["metadata"].get("tags")
                 and "".join(c["source"]).lstrip().startswith("## "))
    first["source"] = "".join(first["source"]) + "\n\n" + "\n".join(
        f"- Ask your care team about thing {i}." for i in range(40))
    _save(path, nb)
    value, why = measured(path, "en")[22]
    assert value == 0 and f"{deferred_before + 40} actions left to 'ask your care team'" in why


def test_low_scores_and_missing_ratings_are_problems(repo_copy, tmp_path, monkeypatch):
    import importlib

    module = importlib.import_module("misscourse.checks.pemat")

    ratings = yaml.safe_load(module.RATINGS_FILE.read_text(encoding="utf-8"))
    del ratings["lessons"]["risks"][16]
    for item in RATED:
        if item in ACTIONABILITY:
            ratings["lessons"]["welcome"][item] = {"rating": "disagree", "why": "planted"}
    ratings["lessons"]["review"][2] = {"rating": "disagree", "why": ""}
    bad = tmp_path / "pemat.yml"
    bad.write_text(yaml.safe_dump(ratings), encoding="utf-8")
    monkeypatch.setattr(module, "RATINGS_FILE", bad)
    problems = pemat(repo_copy)
    assert "misscourse/data/pemat.yml: lesson 'risks', item 16: not rated (agree, disagree or na, with a reason)" in problems
    assert "misscourse/data/pemat.yml: lesson 'review', item 2: a Disagree or n/a rating needs a reason" in problems
    assert any(p.startswith("notebooks/en/00-welcome.ipynb: PEMAT-P actionability") for p in problems), problems


def test_standard_formulas_read_the_text_as_written():
    plain = "You walk. You rest. You eat well. You sleep at night. " * 8
    hard = ("Postoperative rehabilitation necessitates comprehensive multidisciplinary coordination, "
            "individualized physiotherapeutic interventions and pharmacological optimization. ") * 32
    fk_easy, smog_easy = standard_grades(plain)
    fk_hard, smog_hard = standard_grades(hard)
    assert fk_easy < 3 and fk_hard > 15 and smog_hard > 15 > smog_easy
    # SMOG is meant for 30 sentences or more: a short text is not held to it
    assert standard_grades(hard[:len(hard) // 16])[1] == 0.0
    # a list without full stops runs on as one sentence for textstat
    items = "\n".join(f"- your {w} and your bag and your coat" for w in ("phone", "glasses", "keys", "shoes", "cards"))
    assert standard_grades(items)[0] > standard_grades(items.replace("coat", "coat."))[0]


def test_a_lesson_over_the_smog_limit_fails_the_reading_check(repo_copy):
    path = repo_copy / "notebooks" / "en" / "06-day-of-surgery.ipynb"
    nb = _nb(path)
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and not c["metadata"].get("tags"))
    cell["source"] = "".join(cell["source"]) + "\n\n" + (
        "Anesthesiologists administer intravenous medications, monitoring physiological parameters continuously. " * 12)
    _save(path, nb)
    problems = [p for p in reading(repo_copy) if p.startswith("notebooks/en/06-day-of-surgery.ipynb")]
    assert any("SMOG index" in p for p in problems) and any("Flesch-Kincaid grade" in p and "textstat" in p for p in problems)
