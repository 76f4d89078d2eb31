"""The tests never touch a learner's own progress store, however they are run (issue: a
resident who answered quizzes in JupyterLab, then ran ``python -m pytest notebooks``).

A learner's store with answers is put in a temporary home folder (``HOME`` and
``XDG_DATA_HOME``, where the store lives by default); then strict nbval runs over the notebooks
in a separate pytest process, as a learner would run it. It must pass, and the learner's store
must be the same bytes afterwards.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from misscourse.progress.answers import Answer
from misscourse.course import course
from misscourse.progress.store import Store
from misscourse.quizzes import load_quiz

REPO = Path(__file__).resolve().parent.parent
STORE_ENV = "MISSCOURSE_PROGRESS_DB"


def _learner_home(tmp_path: Path) -> tuple[dict, Path]:
    """A home folder whose default progress store holds two real answers."""
    home = tmp_path / "home"
    data = home / ".local" / "share"
    data.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != STORE_ENV and not k.startswith("PYTEST_")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(data))
    store_path = data / "misscourse" / "progress.sqlite"
    check = subprocess.run(
        [sys.executable, "-c", "from misscourse.progress.store import default_path; print(default_path())"],
        env=env, capture_output=True, text=True, timeout=60, check=True)
    assert Path(check.stdout.strip()) == store_path, "the learner's default store is not where the test expects"
    store_path.parent.mkdir(parents=True)
    store = Store(store_path)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    # two questions of today's quiz file, so that the progress notebooks would show them
    simple = [q for q in load_quiz("welcome").questions if q.kind in ("single", "truefalse")][:2]
    assert len(simple) == 2, "the welcome quiz has fewer than two single-answer questions"
    for q, correct in zip(simple, (True, False)):
        response = (q.answer == correct) if q.kind == "truefalse" else \
            next(i for i, o in enumerate(q.options) if o.correct == correct)
        store.record(Answer.parse({
            "quiz": "welcome", "lesson": "welcome", "lang": "en", "course_version": course().version,
            "question": q.id, "answer": response, "correct": correct, "time": now}))
    store.close()
    return env, store_path


def _fingerprint(path: Path) -> tuple[str, list]:
    """The store file's bytes (read before it is opened again) and its answers."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    store = Store(path)
    answers = [a.model_dump(mode="json") for a in store.answers()]
    store.close()
    return digest, answers


# The folder as a learner runs it (the lessons' own nbval run is the suite's; here the folder is
# narrowed to the first lesson in each language, which draws a quiz, and the progress notebooks,
# which open the store), and the two progress notebooks named one by one.
@pytest.mark.parametrize("target", [["notebooks", "-k", "welcome or progress"], ["notebooks/en/progress.ipynb", "notebooks/zh/progress.ipynb"]],
                         ids=["notebooks-folder", "progress-notebooks"])
def test_strict_nbval_passes_and_leaves_the_learners_store_alone(tmp_path, target):
    env, store_path = _learner_home(tmp_path)
    before_bytes, before_answers = _fingerprint(store_path)
    assert len(before_answers) == 2

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile", *target],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and " failed" not in run.stdout

    after_bytes, after_answers = _fingerprint(store_path)
    assert after_answers == before_answers
    assert after_bytes == before_bytes, "the learner's store file changed"
