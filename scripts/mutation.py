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

Prints a score per module: killed (including timeouts) out of all mutants checked (a mutant that no
selected test reaches counts as surviving).
The repository itself is never mutated: everything happens under ``--work`` (default
/tmp/misscourse-mutation).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
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
    Module("quiz-quality", "misscourse/checks/quiz_quality.py",
           ["tests/test_quiz_quality.py"]),
    Module("build-failure", "misscourse/build.py",
           ["tests/test_build_edges.py"],
           only=["build"]),
]
JS = "quiz.js"
# not ``python -m mutmut``: its trampolines import mutmut.__main__ again, which must be the same module
MUTMUT = [sys.executable, "-c", "import sys; from mutmut.__main__ import cli; sys.argv[0] = 'mutmut'; cli()"]


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


def _setup_cfg(module: Module, work: Path) -> str:
    others = sorted(p.relative_to(work).as_posix() for p in (work / "misscourse").rglob("*.py")
                    if p.relative_to(work).as_posix() != module.path)
    also = ["course.yml", "glossary.yml", "conftest.py", "quizzes", "notebooks", "assets"]
    return "\n".join([
        "[mutmut]",
        "paths_to_mutate =\n    misscourse/",
        "do_not_mutate =\n" + "".join(f"    {o}\n" for o in others),
        "tests_dir =\n" + "".join(f"    {t}\n" for t in module.tests if t.startswith("-") or (work / t).exists()),
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


def survivors(module: Module, root: Path) -> None:
    work = root / module.name
    for name, status in sorted(_results(module, work).items()):
        if status in ("survived", "suspicious", "no tests"):
            print(f"--- {name} ({status})")
            out = subprocess.run([*MUTMUT, "show", name], cwd=work, capture_output=True,
                                 text=True)
            print(out.stdout.strip())


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
    ap.add_argument("--children", type=int, default=max(1, (os.cpu_count() or 2)))
    ap.add_argument("--list", action="store_true", help="show the modules and their tests")
    ap.add_argument("--survivors", action="store_true", help="show the surviving mutants of a finished run")
    args = ap.parse_args(argv)
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
            lines.append(score_line(n, run_module(by_name[n], args.work, args.children)))
    print("\nmodule           killed/tested      score")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
