"""Plant small, realistic bugs in a copy of the course, one at a time, and show which test
catches each one.

    python scripts/planted_bugs.py [name ...]     # all bugs, or the named ones
    python scripts/planted_bugs.py --list         # the bugs and the tests expected to catch them

Each bug is an exact piece of source replaced by a wrong one. The tests named for it run first on
the unchanged copy (they must pass), then with the bug planted (they must fail). A bug whose
source is no longer found is reported as "cannot plant": the list must follow the code
(tests/test_planted_bugs.py checks that every bug still applies).

The list keeps the bugs an audit of the tests once planted and saw pass every test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPIED = ("misscourse", "tests", "notebooks", "quizzes", "assets", "course.yml", "glossary.yml",
          "conftest.py", "pyproject.toml", "package.json")


@dataclass(frozen=True)
class Bug:
    name: str
    what: str          # the bug, as a reader of the note would say it
    path: str          # the file it is planted in
    old: str           # exact source, found once
    new: str           # what replaces it
    tests: tuple[str, ...]  # pytest node ids, or "node:<file>" for node's test runner
    more: tuple[tuple[str, str], ...] = ()  # further (old, new) pairs in the same file, for one bug

    @property
    def edits(self) -> tuple[tuple[str, str], ...]:
        return ((self.old, self.new), *self.more)


BUGS = (
    Bug("multiple-superset-js", "quiz.js grades a 'choose all that apply' answer with every right option "
        "plus a wrong one as right", "misscourse/static/quiz.js",
        "const correct = hits === right.length && chosen.size === right.length;",
        "const correct = hits === right.length;",
        ("node:tests/js/grading.test.mjs",)),
    Bug("multiple-superset-py", "the kernel's re-check grades a superset of the right options as right",
        "misscourse/grading.py",
        "return _result(chosen == right, PARTIAL if chosen & right else WRONG)",
        "return _result(right <= chosen, PARTIAL if chosen & right else WRONG)",
        ("tests/test_grading.py",)),
    Bug("order-always-right-js", "quiz.js grades every order answer as right", "misscourse/static/quiz.js",
        "return result(inPlace === n, inPlace > 0 ? \"partial\" : \"wrong\");",
        "return result(true, inPlace > 0 ? \"partial\" : \"wrong\");",
        ("node:tests/js/grading.test.mjs",)),
    Bug("order-always-right-py", "the kernel's re-check grades every order answer as right", "misscourse/grading.py",
        "return _result(in_place == n, PARTIAL if in_place else WRONG)",
        "return _result(True, PARTIAL if in_place else WRONG)",
        ("tests/test_grading.py",)),
    Bug("import-keeps-partial", "a refused import first keeps the answers before the bad entry",
        "misscourse/progress/transfer.py",
        "    answers = read_progress_file(path)\n    return store.add(answers), len(answers)",
        "    try:\n        answers = read_progress_file(path)\n    except TransferError:\n"
        "        good = []\n        for item in json.loads(Path(path).read_text(encoding='utf-8')).get('answers', []):\n"
        "            try:\n                good.append(Answer.parse(item))\n            except InvalidAnswer:\n"
        "                break\n        store.add(good)\n        raise\n    return store.add(answers), len(answers)",
        ("tests/test_faults.py::test_a_refused_import_leaves_the_store_as_it_was",)),
    Bug("spam-case-sensitive", "the spam check matches words case-sensitively", "misscourse/checks/integrity.py",
        "return _CJK_GAP.sub(\"\", text).casefold()",
        "return _CJK_GAP.sub(\"\", text)",
        ("tests/test_faults.py::test_disguised_spam_is_found",)),
    Bug("spam-no-join", "the spam check no longer joins Chinese split by spaces (nor text split by "
        "spaces or punctuation)", "misscourse/checks/integrity.py",
        "return _CJK_GAP.sub(\"\", text).casefold()",
        "return text.casefold()",
        ("tests/test_faults.py::test_disguised_spam_is_found",),
        more=(("if w.casefold() in low or _SEPARATORS.sub(\"\", w.casefold()) in squeezed]",
               "if w.casefold() in low]"),)),
    Bug("build-keeps-partial", "a failed build first writes the pages of the lessons that did run",
        "misscourse/build.py",
        "        if failures:\n            for exc in failures:",
        "        if failures:\n            for job in to_run:\n"
        "                if _cached_fingerprint(_cached_path(out, job)) == job.fingerprint:\n"
        "                    Exporters(c, out).write_lesson(nbformat.read(_cached_path(out, job), as_version=4), "
        "job.slug, job.lang)\n            for exc in failures:",
        ("tests/test_build_edges.py::test_a_lesson_failing_among_several_changed_ones_leaves_the_site_byte_for_byte",)),
    Bug("parity-diagrams-as-set", "the parity check compares diagrams as a set (order ignored)",
        "misscourse/checks/parity.py",
        "da, db = _names(found, \"L.diagram\"), _names(ref_found, \"L.diagram\")",
        "da, db = sorted(set(_names(found, \"L.diagram\"))), sorted(set(_names(ref_found, \"L.diagram\")))",
        ("tests/test_faults.py::test_parity_catches_reordered_added_and_removed_diagrams",)),
)


def find(bug: Bug, root: Path) -> str | None:
    """The file's text if the bug's source is found exactly once, else None."""
    path = root / bug.path
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    return text if all(text.count(old) == 1 for old, _ in bug.edits) else None


def copy_course(dest: Path) -> None:
    for name in COPIED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    (dest / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)


def run_tests(root: Path, tests: tuple[str, ...]) -> tuple[bool, str]:
    """(passed, the last lines of output) for the tests, run in the copy."""
    env = {**os.environ, "PYTHONPATH": str(root), "MISSCOURSE_ROOT": str(root)}
    node = [t.split(":", 1)[1] for t in tests if t.startswith("node:")]
    py = [t for t in tests if not t.startswith("node:")]
    out = []
    ok = True
    if node:
        r = subprocess.run(["node", "--test", *node], cwd=root, env=env, capture_output=True, text=True)
        ok &= r.returncode == 0
        failed = [line.strip() for line in r.stdout.splitlines() if line.strip().startswith("not ok")]
        out.append("\n".join(failed[:3]) or r.stdout[-600:])
    if py:
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:randomly", "-x",
                            "-W", "ignore", *py], cwd=root, env=env, capture_output=True, text=True)
        ok &= r.returncode == 0
        failed = [line for line in r.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]
        out.append("\n".join(failed) or r.stdout[-600:])
    return ok, "\n".join(out).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="bugs to plant (default: all)")
    parser.add_argument("--list", action="store_true", help="list the bugs and their tests")
    args = parser.parse_args()
    chosen = [b for b in BUGS if not args.names or b.name in args.names]
    if args.list:
        for b in BUGS:
            print(f"{b.name}: {b.what}\n    in {b.path}; caught by {', '.join(b.tests)}")
        return 0
    if not chosen:
        print(f"error: no bug named {', '.join(args.names)}; see --list", file=sys.stderr)
        return 2
    missed = 0
    with tempfile.TemporaryDirectory(prefix="planted-") as tmp:
        root = Path(tmp)
        copy_course(root)
        print("| bug | file | test that caught it | result |\n|---|---|---|---|")
        for bug in chosen:
            original = find(bug, root)
            if original is None:
                print(f"| {bug.what} | `{bug.path}` | - | cannot plant: its source changed |")
                missed += 1
                continue
            started = time.perf_counter()
            clean, log = run_tests(root, bug.tests)
            if not clean:
                print(f"| {bug.what} | `{bug.path}` | - | the tests fail without the bug:\n{log} |")
                missed += 1
                continue
            path = root / bug.path
            planted = original
            for old, new in bug.edits:
                planted = planted.replace(old, new)
            path.write_text(planted, encoding="utf-8")
            try:
                passed, log = run_tests(root, bug.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            seconds = time.perf_counter() - started
            first = next((line for line in log.splitlines() if line.startswith(("FAILED", "ERROR", "not ok"))), "")
            if passed:
                missed += 1
                print(f"| {bug.what} | `{bug.path}` | none | NOT CAUGHT ({seconds:.0f} s) |")
            else:
                print(f"| {bug.what} | `{bug.path}` | `{first[:140]}` | caught ({seconds:.0f} s) |")
    print(f"\n{len(chosen) - missed} of {len(chosen)} planted bugs caught.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
