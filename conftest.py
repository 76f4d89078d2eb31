"""Test set-up for every way of running the tests: the whole suite, ``notebooks/`` alone, one
notebook, ``tests/`` alone, with or without ``-n``.

Executing notebooks (nbval, the build) must never read or write a learner's own progress
record, so the whole session points the progress store at a temporary file before any kernel
starts; kernels inherit it. pytest loads this file for any path under the project.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STORE_ENV = "MISSCOURSE_PROGRESS_DB"

_session_tmp = Path(tempfile.mkdtemp(prefix="misscourse-tests-"))
os.environ[STORE_ENV] = str(_session_tmp / "progress.sqlite")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_session_tmp, ignore_errors=True)
