"""The planted-bug list (scripts/planted_bugs.py) follows the code: every bug can still be planted.

Planting them and running their tests is slow, so that runs outside the suite:
``python scripts/planted_bugs.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("planted_bugs", REPO / "scripts" / "planted_bugs.py")
planted = importlib.util.module_from_spec(spec)
sys.modules["planted_bugs"] = planted  # dataclasses look their module up
spec.loader.exec_module(planted)


@pytest.mark.parametrize("bug", planted.BUGS, ids=lambda b: b.name)
def test_every_planted_bug_still_applies_to_the_code(bug):
    assert planted.find(bug, REPO) is not None, (
        f"{bug.name}: the source it replaces is no longer found exactly once in {bug.path}; "
        "update scripts/planted_bugs.py")
    assert all(new != old for old, new in bug.edits)
    for test in bug.tests:
        file = test.split(":", 1)[1] if test.startswith("node:") else test.split("::")[0]
        assert (REPO / file).exists(), f"{bug.name}: {file} does not exist"
