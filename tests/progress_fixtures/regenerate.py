"""Write the progress files the tests read, from the current quiz files.

Run after a quiz rewrite: ``python tests/progress_fixtures/regenerate.py``. The questions and the
right and wrong responses come from the helpers at the top of ``tests/test_progress.py``.
not-ours.json and future-schema.json name no question and are left as they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parents[1])]

from test_progress import (  # noqa: E402
    R1, R2, RISKS_MULTIPLE, RISKS_TRUEFALSE, W1, W2, WELCOME_MULTIPLE, WELCOME_SINGLE,
    right_response, wrong_responses,
)


def record(lang, quiz, question, response, correct, time):
    return {"course_version": "1.0.0", "lang": lang, "lesson": quiz, "quiz": quiz, "question": question,
            "answer": response, "correct": correct, "time": time}


def text(answers) -> str:
    return json.dumps({"format": "misscourse-progress", "schema": 1, "course_version": "1.0.0",
                       "answers": answers}, indent=1, ensure_ascii=False) + "\n"


def main() -> None:
    # learner a: misses the welcome single-choice question, then gets it; gets the "choose all";
    # misses the risks true/false statement
    learner_a = [
        record("en", "welcome", W1, wrong_responses(WELCOME_SINGLE)[0], False, "2024-05-01T09:00:00.000Z"),
        record("en", "welcome", W1, right_response(WELCOME_SINGLE), True, "2024-05-01T09:00:30.000Z"),
        record("en", "welcome", W2, right_response(WELCOME_MULTIPLE), True, "2024-05-01T09:01:00.000Z"),
        record("en", "risks", R1, wrong_responses(RISKS_TRUEFALSE)[0], False, "2024-05-02T18:00:00.000Z"),
    ]
    # learner b, in Chinese: misses the welcome question, gets the statement, misses the risks "choose all"
    learner_b = [
        record("zh", "welcome", W1, wrong_responses(WELCOME_SINGLE)[-1], False, "2024-05-03T01:00:00.000Z"),
        record("zh", "risks", R1, right_response(RISKS_TRUEFALSE), True, "2024-05-03T01:05:00.000Z"),
        record("zh", "risks", R2, wrong_responses(RISKS_MULTIPLE)[0], False, "2024-05-03T01:06:00.000Z"),
    ]
    # learner c: gets the welcome question, misses the statement
    learner_c = [
        record("en", "welcome", W1, right_response(WELCOME_SINGLE), True, "2024-05-04T12:00:00.000Z"),
        record("en", "risks", R1, wrong_responses(RISKS_TRUEFALSE)[0], False, "2024-05-04T12:10:00.000Z"),
    ]
    hostile = [learner_a[0], {**learner_a[1], "lesson": "<script>alert('hi')</script>"}]
    files = {
        "learner-a.json": text(learner_a),
        "learner-a-again.json": text(learner_a),  # the same learner's file, sent twice
        "learner-b.json": text(learner_b),
        "learner-c.json": text(learner_c),
        "hostile.json": text(hostile),
    }
    full = text(learner_a[:2])
    files["truncated.json"] = full[:full.rindex('"time"') + 3]  # cut short inside the second answer
    for name, content in files.items():
        (HERE / name).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    main()
