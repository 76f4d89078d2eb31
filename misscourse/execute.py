"""Run lesson notebooks with nbclient, storing widget state so quizzes work without a kernel.

Executing never records a learner's answers: the progress store is pointed at a throw-away
path for the kernel (``MISSCOURSE_PROGRESS_DB``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Callable

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from traitlets.config import Config

from . import kernels

KERNEL = "python3"
# Kernels mostly wait for messages (and a warm kernel starts in milliseconds): two per core, at most 4.
CONCURRENCY = max(2, min(4, 2 * (os.cpu_count() or 1)))
TIMEOUT = 120


class LessonFailed(RuntimeError):
    """A lesson notebook failed to execute: names the notebook, the cell and the error."""

    def __init__(self, path: Path, cell_index: int | None, source: str, error: str):
        self.path, self.cell_index, self.error = path, cell_index, error
        where = f"cell {cell_index + 1}" if cell_index is not None else "start-up"
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        super().__init__(f"{path}: {where} failed ({first_line!r}):\n{error}")


@contextmanager
def scratch_environment():
    """Environment for executing lessons: a temporary progress store, nothing written to the learner's."""
    saved = os.environ.get("MISSCOURSE_PROGRESS_DB")
    with tempfile.TemporaryDirectory(prefix="misscourse-exec-") as tmp:
        os.environ["MISSCOURSE_PROGRESS_DB"] = str(Path(tmp) / "progress.sqlite")
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop("MISSCOURSE_PROGRESS_DB", None)
            else:
                os.environ["MISSCOURSE_PROGRESS_DB"] = saved


_sockets = tempfile.mkdtemp(prefix="misscourse-kernels-")
_counter = iter(range(1, 1 << 30))


def _client(nb, path: Path, cwd: Path | None, manager=None) -> NotebookClient:
    # The kernel talks to us over local IPC sockets (files in a private temporary folder), not
    # TCP: nothing listens on the network, and the kernel prints no warning about unencrypted TCP.
    cfg = Config()
    cfg.KernelManager.transport = "ipc"
    cfg.KernelManager.ip = str(Path(_sockets) / f"k{os.getpid()}-{next(_counter)}")
    extra = {"kernel_manager_class": manager} if manager is not None else {}
    return NotebookClient(
        nb, timeout=TIMEOUT, kernel_name=KERNEL, store_widget_state=True, config=cfg,
        resources={"metadata": {"path": str(cwd or path.parent)}}, **extra,
    )


async def execute_async(nb: nbformat.NotebookNode, path: Path, cwd: Path | None = None,
                        manager=None) -> nbformat.NotebookNode:
    """Execute ``nb`` (read from ``path``); return it with outputs and widget state.

    Call inside :func:`scratch_environment`. Several run at once in one event loop. ``manager``:
    the kernel manager class (warm kernels, see :mod:`misscourse.kernels`), or nbclient's own.
    """
    try:
        await _client(nb, path, cwd, manager).async_execute()
    except CellExecutionError as exc:
        index = _failed_cell(nb)
        source = nb.cells[index].source if index is not None else ""
        raise LessonFailed(path, index, source, _short(str(exc))) from None
    except Exception as exc:  # kernel died, timeout, ...
        raise LessonFailed(path, _failed_cell(nb), "", f"{type(exc).__name__}: {exc}") from None
    return nb


def _failed_cell(nb) -> int | None:
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return i
    return None


def _short(message: str) -> str:
    lines = [ln for ln in message.splitlines() if ln.strip()]
    return "\n".join(lines[-6:])


async def run_many(sources: list[Path], done: Callable[[Path, nbformat.NotebookNode, float], None],
                   concurrency: int = 2, warm: bool | None = None) -> list[LessonFailed]:
    """Execute several notebooks at once (kernel starts overlap); call ``done`` for each success.

    ``warm`` (by default where the system can fork): every kernel is a fork of one process that
    has already imported what lessons import (:mod:`misscourse.kernels`)."""
    gate = asyncio.Semaphore(concurrency)
    failures: list[LessonFailed] = []
    manager = None

    async def run(source: Path):
        async with gate:
            start = time.perf_counter()
            nb = nbformat.read(source, as_version=4)
            try:
                await execute_async(nb, source, manager=manager)
            except LessonFailed as exc:
                failures.append(exc)
                return
            done(source, nb, time.perf_counter() - start)

    with scratch_environment(), ExitStack() as stack:
        if warm if warm is not None else kernels.available():
            manager = kernels.manager_class(stack.enter_context(kernels.Template()))
        await asyncio.gather(*(run(s) for s in sources))
    return failures


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def stable_widget_ids(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """``nb`` with its widget model ids (random in the kernel) replaced by ids derived from ``name``
    and their order, so executing the same lesson twice gives the same pages byte for byte.

    ``name`` must differ between lessons (``"en/04-risks"``): pages that join several lessons
    (the class plan decks) keep their widgets apart."""
    order: list[str] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            model_id = out.get("data", {}).get(WIDGET_VIEW, {}).get("model_id")
            if model_id and model_id not in order:
                order.append(model_id)
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    order += [model_id for model_id in state if model_id not in order]
    if not order:
        return nb
    text = json.dumps(nb, ensure_ascii=False)
    new = {old: hashlib.sha256(f"{name}#{i}".encode()).hexdigest()[:32] for i, old in enumerate(order)}
    text = re.sub("|".join(re.escape(old) for old in sorted(order, key=len, reverse=True)),
                  lambda m: new[m.group(0)], text)
    return nbformat.from_dict(json.loads(text))


def refresh(sources: list[Path], say=print) -> list[LessonFailed]:
    """Execute committed notebooks in place (an author's command after changing a lesson)."""

    def write_back(source: Path, nb, seconds: float) -> None:
        nbformat.write(nb, source)
        say(f"  refreshed {source.parent.name}/{source.name} ({seconds:.1f} s)")

    return asyncio.run(run_many(sources, write_back, CONCURRENCY))
