"""Benchmark: the course build against the naive way, the site's size, and each deck's load time.

    python benchmarks/bench_build.py [--skip-naive]

The naive way is one `jupyter nbconvert --execute --to slides` call per notebook (each starts
Python, imports nbconvert and a kernel). The course build runs in one process, executes lessons
concurrently and exports both slides and pages. Load times are measured in Debian's chromium,
with the site served on 127.0.0.1 and every other request blocked.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import ARGS, CHROMIUM, Watched, serve  # noqa: E402

from misscourse.build import build  # noqa: E402
from misscourse.course import course  # noqa: E402


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and ".cache" not in p.parts)


def time_build(out: Path) -> float:
    start = time.perf_counter()
    assert build(out, force=True, say=lambda *_: None) == 0
    return time.perf_counter() - start


def time_rebuild(out: Path) -> float:
    start = time.perf_counter()
    assert build(out, say=lambda *_: None) == 0
    return time.perf_counter() - start


def time_naive(notebooks: list[Path], out: Path) -> float:
    start = time.perf_counter()
    for nb in notebooks:
        subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", "slides",
                        "--output-dir", str(out), str(nb)], check=True, capture_output=True)
    return time.perf_counter() - start


def deck_load_times(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    times = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for deck in sorted(site.glob("*/*.slides.html")):
            page = browser.new_page()
            Watched(page, url)
            start = time.perf_counter()
            page.goto(url + str(deck.relative_to(site)))
            page.wait_for_function("window.MissReveal && window.MissReveal.isReady()")
            page.wait_for_selector(".miss-quiz", state="attached", timeout=20000)
            times[str(deck.relative_to(site))] = time.perf_counter() - start
            page.close()
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-naive", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("MISSCOURSE_PROGRESS_DB", str(Path(tempfile.mkdtemp()) / "bench.sqlite"))
    c = course()
    notebooks = [c.notebook_path(s, lang) for lang in c.languages for s in c.slugs]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        full = time_build(site)
        again = time_rebuild(site)
        print(f"course build, {len(notebooks)} lessons (decks and pages): {full:.1f} s "
              f"({full / len(notebooks):.2f} s a lesson); unchanged rebuild: {again:.2f} s")
        if not args.skip_naive:
            naive = time_naive(notebooks, Path(tmp) / "naive")
            print(f"naive, one nbconvert call per notebook (decks only): {naive:.1f} s "
                  f"({naive / len(notebooks):.2f} s a lesson)")
            print(f"ratio naive / course build: {naive / full:.2f}x")
        print(f"site folder: {folder_size(site) / 1e6:.1f} MB in {sum(1 for p in site.rglob('*') if p.is_file() and '.cache' not in p.parts)} files")
        loads = deck_load_times(site)
        for name, seconds in loads.items():
            print(f"  load {name}: {seconds * 1000:.0f} ms")
        print(f"deck load: mean {1000 * sum(loads.values()) / len(loads):.0f} ms, max {1000 * max(loads.values()):.0f} ms")


if __name__ == "__main__":
    main()
