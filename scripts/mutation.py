#!/usr/bin/env python
"""Mutation testing of the parts that decide what a learner is told or kept.

Slow, so it is not part of the default test run. For each module below, a copy of the project is
made in a work folder, mutmut (3.x, see setup.cfg) plants small bugs in that one module and runs
only that module's test files against each of them. Then Stryker does the same for the quiz's
checking functions in misscourse/static/quiz.js (stryker.config.json, ``node --test tests/js/``).

    python scripts/mutation.py                     # every module, then the JavaScript
    python scripts/mutation.py answers parity      # some of them
    python scripts/mutation.py --list              # the modules and their tests
    python scripts/mutation.py --survivors parity  # after a run: each survivor's diff
    python scripts/mutation.py --again parity      # after new tests: only the survivors again

Run it with a Python that has mutmut 3.3.1 and the project's dependencies (``pip install
"mutmut==3.3.1"``); one mutant is tested at a time unless ``--children`` says otherwise.

Prints a score per module: killed (including timeouts) out of all mutants checked (a mutant that no
selected test reaches counts as surviving).
The repository itself is never mutated: everything happens under ``--work`` (default
/tmp/misscourse-mutation).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ["misscourse", "tests", "quizzes", "notebooks", "assets", "course.yml", "glossary.yml", "conftest.py",
          "pyproject.toml"]


@dataclass
class Module:
    name: str
    path: str  # the file mutated
    tests: list[str]  # the test files run against each mutant
    only: list[str] = field(default_factory=list)  # top-level functions/classes mutated; empty = all


# tests of other checks in the same files (they read the whole course's text and say nothing about these modules)
NOT_HERE = ["-knot chinese_reading and not report_prints"]

MODULES = [
    Module("quizzes", "misscourse/quizzes.py",
           ["tests/test_quizzes.py", "tests/test_grading.py", "tests/test_mutation_quizzes.py"]),
    Module("store", "misscourse/progress/store.py",
           ["tests/test_faults.py", "tests/test_grading.py", "tests/test_mutation_progress.py",
            "tests/test_store_edges.py"]),
    Module("transfer", "misscourse/progress/transfer.py",
           ["tests/test_faults.py", "tests/test_mutation_progress.py"],
           only=["TransferError", "read_progress_file", "_no_constant", "check_document", "progress_document",
                 "write_progress_file", "import_file"]),
    Module("answers", "misscourse/progress/answers.py",
           ["tests/test_faults.py", "tests/test_grading.py", "tests/test_mutation_progress.py"]),
    Module("integrity-spam", "misscourse/checks/integrity.py",
           ["tests/test_faults.py", "tests/test_checks_zh.py", "tests/test_mutation_checks.py", *NOT_HERE],
           only=["course_sources", "yaml_strings", "units", "_decoded", "spam_text", "spam_problems", "scan",
                 "spam"]),
    Module("parity", "misscourse/checks/parity.py",
           ["tests/test_faults.py", "tests/test_checks_zh.py", "tests/test_mutation_checks.py", *NOT_HERE]),
    # the reading report's test reads the whole course (16 s); the table has fast tests of its own
    Module("quiz-quality", "misscourse/checks/quiz_quality.py",
           ["tests/test_quiz_quality.py", "-knot reading_report"]),
    # the build's decision and both its paths on a course of three one-cell lessons (a successful build,
    # a build with nothing changed, failing lessons); the build writes its pages with the front-end
    # libraries, so node_modules is linked into mutmut's copy too (see _copy_project)
    Module("build", "misscourse/build.py", ["tests/test_build_edges.py"], only=["build"]),
]
JS = "quiz.js"
# not ``python -m mutmut``: its trampolines import mutmut.__main__ again, which must be the same module.
# Nor mutmut's own ``mutmut`` command: a process started with the "spawn" method (the build's export
# workers when other threads are alive) runs the parent's main file again before anything else, and
# importing mutmut.__main__ there calls set_start_method('fork') once more: "context has already been
# set", the worker dies and the build stops with BrokenProcessPool. ``-c`` has no main file to run again.
# mutmut stops a mutant's tests after 15 times their clean run's time (plus 15 s) of wall-clock time: on
# a machine busy with other work that kills healthy mutants, which would count as caught. The limit
# here is two minutes more; a mutant that loops forever still hits its CPU-time limit.
_PATIENT = """
import os, signal, sys, time
from datetime import datetime
import mutmut.__main__ as m
def timeout_checker(mutants):
    def check():
        while True:
            time.sleep(1)
            now = datetime.now()
            for data, name, _ in mutants:
                with m.START_TIMES_BY_PID_LOCK:
                    started = dict(data.start_time_by_pid)
                for pid, start in started.items():
                    if (now - start).total_seconds() > (data.estimated_time_of_tests_by_mutant[name] + 1) * 15 + 120:
                        try:
                            os.kill(pid, signal.SIGXCPU)
                        except ProcessLookupError:
                            pass
    return check
m.timeout_checker = timeout_checker
sys.argv[0] = 'mutmut'
m.cli()
"""
MUTMUT = [sys.executable, "-c", _PATIENT]


def _copy_project(work: Path) -> None:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".build-cache")
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, work / name, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, work / name)
    (work / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    # mutmut runs the tests in its own copy, work/mutants, and the tests' course copies link
    # <tests' parent>/node_modules: without it a successful build stops at "missing reveal.js"
    # (also_copy would copy the 300 MB folder for every module)
    (work / "mutants").mkdir()
    (work / "mutants" / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    _one_process(work / "pyproject.toml")


def _one_process(pyproject: Path) -> None:
    """mutmut runs pytest inside its own (forked) process and counts which test reaches which
    function there: the project's ``-n 2`` (pytest-xdist workers) and ``--nbval`` are dropped."""
    text = pyproject.read_text(encoding="utf-8")
    text = re.sub(r"^addopts = .*$", 'addopts = "-p no:cacheprovider"', text, flags=re.M)
    pyproject.write_text(text, encoding="utf-8")


def _named_tuple(node: ast.AST) -> bool:
    return isinstance(node, ast.ClassDef) and any(getattr(b, "id", getattr(b, "attr", "")) == "NamedTuple"
                                                  for b in node.bases)


def _leave_only(path: Path, keep: list[str] | None) -> None:
    """Mark every top-level function and class not in ``keep`` (all of them kept if None) so that
    mutmut leaves it alone, and every NamedTuple class (mutmut's annotated class attributes would
    become fields of the tuple).

    mutmut 3 does not mutate decorated definitions; an identity decorator changes nothing else.
    """
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    starts = []
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if _named_tuple(node) or (keep is not None and node.name not in keep):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            starts.append(first - 1)
    for i in sorted(starts, reverse=True):
        lines.insert(i, "@(lambda f: f)  # left alone by the mutation run\n")
    path.write_text("".join(lines), encoding="utf-8")


SAMPLE: int | None = None  # --sample N: with --again, only N of the mutants not checked yet
BEFORE = False  # --before: the module's tests without the ones written against its survivors


def _tests(module: Module) -> list[str]:
    return [t for t in module.tests if not (BEFORE and t.startswith("tests/test_mutation_"))]


def _setup_cfg(module: Module, work: Path) -> str:
    others = sorted(p.relative_to(work).as_posix() for p in (work / "misscourse").rglob("*.py")
                    if p.relative_to(work).as_posix() != module.path)
    also = ["course.yml", "glossary.yml", "conftest.py", "quizzes", "notebooks", "assets"]
    return "\n".join([
        "[mutmut]",
        "paths_to_mutate =\n    misscourse/",
        "do_not_mutate =\n" + "".join(f"    {o}\n" for o in others),
        "tests_dir =\n" + "".join(f"    {t}\n" for t in _tests(module) if t.startswith("-") or (work / t).exists()),
        "also_copy =\n" + "".join(f"    {a}\n" for a in also),
    ])


STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no tests", 33: "no tests", 34: "skipped",
          35: "suspicious", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout",
          None: "not checked", -11: "segfault"}


def _results(module: Module, work: Path) -> dict[str, str]:
    meta = work / "mutants" / (module.path + ".meta")
    if not meta.exists():
        return {}
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    return {name: STATUS.get(code, f"exit {code}") for name, code in codes.items()}


def score_line(name: str, statuses: dict[str, str]) -> str:
    counts: dict[str, int] = {}
    for s in statuses.values():
        counts[s] = counts.get(s, 0) + 1
    killed = counts.get("killed", 0) + counts.get("timeout", 0)
    # a mutant no selected test reaches counts as a survivor
    tested = killed + counts.get("survived", 0) + counts.get("suspicious", 0) + counts.get("no tests", 0)
    pct = 100.0 * killed / tested if tested else 0.0
    rest = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()) if k not in ("killed", "timeout"))
    return f"{name:16s} {killed:4d}/{tested:<4d} killed  {pct:5.1f}%   ({rest or 'no survivors'})"


def run_module(module: Module, root: Path, children: int) -> dict[str, str]:
    work = root / module.name
    _copy_project(work)
    _leave_only(work / module.path, module.only or None)
    (work / "setup.cfg").write_text(_setup_cfg(module, work), encoding="utf-8")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MISSCOURSE_ROOT", None)
    cmd = [*MUTMUT, "run", "--max-children", str(children)]
    print(f"== {module.name}: {module.path} against {' '.join(module.tests)}", flush=True)
    subprocess.run(cmd, cwd=work, env=env, stdout=subprocess.DEVNULL, check=False)
    statuses = _results(module, work)
    print(score_line(module.name, statuses), flush=True)
    return statuses


def _codes(module: Module, work: Path) -> dict[str, int | None]:
    meta = work / "mutants" / (module.path + ".meta")
    return json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}


def _refresh(module: Module, work: Path) -> None:
    """The work copy brought up to date with the repository, all but the mutated module."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".build-cache")
    kept = (work / module.path).read_text(encoding="utf-8")
    for name in COPIED:
        src, dst = REPO / name, work / name
        if src.is_dir():
            if dst.exists() and name != "misscourse":
                shutil.rmtree(dst)
            shutil.copytree(src, dst, ignore=ignore, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dst)
    (work / module.path).write_text(kept, encoding="utf-8")
    _one_process(work / "pyproject.toml")
    (work / "setup.cfg").write_text(_setup_cfg(module, work), encoding="utf-8")


def rerun_survivors(module: Module, root: Path, children: int) -> dict[str, str]:
    """After new tests: bring the work copy up to date (all but the mutated module) and run only
    the mutants that survived or were not checked again; mutmut finds which new test reaches which
    function. mutmut 3.3.1 forgets every earlier result when it starts, so the results of the
    mutants not run again (killed: tests are only ever added) are put back afterwards."""
    work = root / module.name
    before = _codes(module, work)
    if not before:
        return run_module(module, root, children)
    _refresh(module, work)
    # a timeout on a busy machine may be a healthy mutant stopped too early: those are run again too
    again = [n for n, c in before.items() if STATUS.get(c, "") not in ("killed", "not checked")]
    unchecked = [n for n, c in before.items() if STATUS.get(c, "") == "not checked"]
    if SAMPLE is not None and SAMPLE < len(unchecked):
        # a seeded random sample of the mutants not checked yet; the score is then over the checked ones
        unchecked = sorted(random.Random(17).sample(unchecked, SAMPLE))
    again += unchecked
    print(f"== {module.name}: {len(again)} of {len(before)} mutants again against {' '.join(module.tests)}",
          flush=True)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("MISSCOURSE_ROOT", None)
    meta = work / "mutants" / (module.path + ".meta")
    done = {n: c for n, c in before.items() if n not in again}
    for start in range(0, len(again), 150):  # a command line of reasonable length
        part = again[start:start + 150]
        subprocess.run([*MUTMUT, "run", "--max-children", str(children), *part],
                       cwd=work, env=env, stdout=subprocess.DEVNULL, check=False)
        now = _codes(module, work)
        done.update({n: now.get(n) for n in part})
        data = json.loads(meta.read_text())
        data["exit_code_by_key"] = {n: done.get(n) for n in before}
        meta.write_text(json.dumps(data, indent=4))
    statuses = _results(module, work)
    print(score_line(module.name, statuses), flush=True)
    return statuses


def _diffs(mutated: Path, names: list[str]) -> dict[str, list[str]]:
    """Each mutant's changed lines against its original function, read from mutmut's mutated file
    (``mutmut show`` starts mutmut once per mutant, which is slow)."""
    source = mutated.read_text(encoding="utf-8")
    lines = source.splitlines()
    short = {n: n.split(".")[-1] for n in names}
    wanted = set(short.values()) | {s.rsplit("__mutmut_", 1)[0] + "__mutmut_orig" for s in short.values()}
    bodies = {node.name: lines[node.lineno:node.end_lineno] for node in ast.walk(ast.parse(source))
              if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in wanted}
    out = {}
    for name, s in short.items():
        orig, mutant = bodies.get(s.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"), bodies.get(s)
        if orig is None or mutant is None:
            out[name] = ["(not found in the mutated file)"]
            continue
        out[name] = [f"{d[0]} {d[1:].strip()}" for d in difflib.unified_diff(orig, mutant, lineterm="", n=0)
                     if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    return out


def survivors(module: Module, root: Path) -> None:
    work = root / module.name
    names = sorted(n for n, s in _results(module, work).items() if s in ("survived", "suspicious", "no tests"))
    statuses = _results(module, work)
    for name, diff in _diffs(work / "mutants" / module.path, names).items():
        print(f"--- {name} ({statuses[name]})")
        print("\n".join("    " + d for d in diff))


def run_stryker(root: Path) -> str:
    print(f"== {JS}: misscourse/static/quiz.js against node --test tests/js/ (stryker.config.mjs)", flush=True)
    report = root / "stryker" / "mutation.json"
    report.unlink(missing_ok=True)
    env = {**os.environ, "MISSCOURSE_MUTATION_DIR": str(root)}
    proc = subprocess.run(["npx", "--no-install", "stryker", "run"], cwd=REPO, env=env, capture_output=True, text=True)
    if not report.exists():
        print(proc.stdout[-3000:], proc.stderr[-3000:])
        return f"{JS:16s} no report"
    data = json.loads(report.read_text())
    statuses = {}
    for fname, f in data["files"].items():
        for m in f["mutants"]:
            line = m["location"]["start"]["line"]
            s = {"Killed": "killed", "Timeout": "timeout", "Survived": "survived", "NoCoverage": "survived"}
            statuses[f"{fname}:{line}:{m['id']}:{m['mutatorName']}"] = s.get(m["status"], m["status"].lower())
    line = score_line(JS, statuses)
    print(line, flush=True)
    for name, status in sorted(statuses.items()):
        if status == "survived":
            print("   survived", name)
    return line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("modules", nargs="*", help=f"some of: {', '.join(m.name for m in MODULES)}, {JS}")
    ap.add_argument("--work", type=Path, default=Path("/tmp/misscourse-mutation"))
    ap.add_argument("--children", type=int, default=1, help="mutants tested at once (default 1)")
    ap.add_argument("--list", action="store_true", help="show the modules and their tests")
    ap.add_argument("--survivors", action="store_true", help="show the surviving mutants of a finished run")
    ap.add_argument("--sample", type=int, help="with --again: a seeded random sample of N unchecked mutants "
                    "(when time is short; the score is then over the mutants checked)")
    ap.add_argument("--before", action="store_true",
                    help="leave out the tests/test_mutation_*.py files (the score before them)")
    ap.add_argument("--again", action="store_true",
                    help="after new tests: run only the survivors of the last run again (same work copy)")
    args = ap.parse_args(argv)
    global BEFORE, SAMPLE
    BEFORE, SAMPLE = args.before, args.sample
    by_name = {m.name: m for m in MODULES}
    unknown = [n for n in args.modules if n not in by_name and n != JS]
    if unknown:
        ap.error(f"unknown module {unknown[0]!r}")
    chosen = args.modules or [m.name for m in MODULES] + [JS]
    if args.list:
        for m in MODULES:
            print(f"{m.name:16s} {m.path}{' (' + ', '.join(m.only) + ')' if m.only else ''}: {' '.join(m.tests)}")
        print(f"{JS:16s} misscourse/static/quiz.js: node --test tests/js/")
        return 0
    if args.survivors:
        for n in chosen:
            if n in by_name:
                survivors(by_name[n], args.work)
        return 0
    lines = []
    for n in chosen:
        if n == JS:
            lines.append(run_stryker(args.work))
        else:
            run = rerun_survivors if args.again else run_module
            lines.append(score_line(n, run(by_name[n], args.work, args.children)))
    print("\nmodule           killed/tested      score")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
