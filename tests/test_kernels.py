"""Warm kernels (misscourse.kernels): each lesson still runs in a fresh process of its own, with the
environment, folder and outputs an ordinary kernel would give, and failures are reported the same way."""

from __future__ import annotations

import asyncio
import json

import nbformat
import pytest

from misscourse import kernels
from misscourse.execute import LessonFailed, run_many, stable_widget_ids

pytestmark = pytest.mark.skipif(not kernels.available(), reason="warm kernels need fork")


def notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nbformat.write(nb, path)
    return path


def run(paths, warm, concurrency=2):
    results = {}
    failures = asyncio.run(run_many(paths, lambda s, nb, _t: results.update({s: nb}), concurrency, warm=warm))
    return results, failures


def printed(nb, index):
    return "".join(o.get("text", "") for o in nb.cells[index].outputs if o.output_type == "stream")


def test_every_lesson_gets_a_fresh_process_with_its_own_folder_and_environment(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    probe = ("import os, json, sys; print(json.dumps({'pid': os.getpid(), 'cwd': os.getcwd(), "
             "'store': os.environ.get('MISSCOURSE_PROGRESS_DB'), 'seen': 'leftover' in globals(), "
             "'path0': sys.path[0], 'launcher': sys.argv[0]}))")
    first = notebook(tmp_path / "a" / "first.ipynb", "leftover = 1", probe)
    second = notebook(tmp_path / "b" / "second.ipynb", probe)
    results, failures = run([first, second], warm=True, concurrency=1)
    assert not failures
    one, two = (json.loads(printed(results[p], i)) for p, i in ((first, 1), (second, 0)))
    assert one["pid"] != two["pid"]
    assert one["seen"] is True and two["seen"] is False  # nothing passes from one lesson to the next
    assert (one["cwd"], two["cwd"]) == (str(tmp_path / "a"), str(tmp_path / "b"))
    assert one["store"] and one["store"] == two["store"]  # the scratch progress store, not the learner's



def test_a_warm_kernel_sees_what_an_ordinary_kernel_sees(tmp_path):
    probe = notebook(tmp_path / "probe.ipynb", "import os, sys, json; print(json.dumps({'path': sys.path, "
                     "'argv0': sys.argv[0], 'env': sorted(os.environ), 'cwd': os.getcwd(), "
                     "'modules': sorted(m for m in sys.modules if m.startswith('misscourse'))}))")
    seen = {}
    for warm in (True, False):
        results, failures = run([probe], warm=warm)
        assert not failures
        seen[warm] = json.loads(printed(results[probe], 0))
    # a warm kernel has more modules in memory (imported before the fork), and nothing else differs
    assert set(seen[False].pop("modules")) <= set(seen[True].pop("modules"))
    assert seen[True] == seen[False]


def test_warm_and_ordinary_kernels_give_the_same_lesson_outputs(tmp_path):
    from misscourse.course import course

    c = course()
    slug = c.lessons[0].slug
    source = c.notebook_path(slug, "en")
    warm, failures = run([source], warm=True)
    assert not failures
    cold, failures = run([source], warm=False)
    assert not failures

    def outputs(nb):
        nb = stable_widget_ids(nb, f"en/{slug}")
        cells = [[{k: v for k, v in o.items()} for o in cell.get("outputs", [])] for cell in nb.cells]
        return cells, nb.metadata.get("widgets")

    assert outputs(warm[source]) == outputs(cold[source])


def test_a_failing_cell_and_a_dying_kernel_are_named(tmp_path):
    fails = notebook(tmp_path / "fails.ipynb", "x = 1", "raise ValueError('broken lesson')")
    dies = notebook(tmp_path / "dies.ipynb", "import os; os._exit(3)")
    good = notebook(tmp_path / "good.ipynb", "print('fine')")
    results, failures = run([fails, dies, good], warm=True)
    assert list(results) == [good] and printed(results[good], 0) == "fine\n"
    by_path = {f.path: f for f in failures}
    assert set(by_path) == {fails, dies}
    assert isinstance(by_path[fails], LessonFailed) and by_path[fails].cell_index == 1
    assert "broken lesson" in by_path[fails].error
    assert "cell 2" in str(by_path[fails])


def test_only_ordinary_python_kernels_are_started_warm():
    template = kernels.Template()
    import sys

    assert template.relay_command([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])[-2:] == ["-f", "k.json"]
    assert template.relay_command(["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    assert template.relay_command(["R", "--slave", "-f", "k.json"]) is None
