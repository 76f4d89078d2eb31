"""Benchmark the site: its size, one deck's HTML, how fast a deck is ready with its quiz drawn,
how fast a rebuild with no change is, and the course build against plain nbconvert.

    python benchmarks/bench_build.py [--skip-naive] [--lang en]

Goals (issue "On a phone, fast"): site folder at most 5 MB for both languages; one lesson deck's
HTML at most 120 KB; a deck ready with its quiz drawn, served on 127.0.0.1, at most 300 ms on
average; a no-change rebuild at most 8% of a cold build; a cold build at most 0.11 of the time
of one ``jupyter nbconvert --execute`` call per notebook for slides and one for HTML.

A deck is "ready" when reveal.js has started and the widget host has drawn the quiz; the time is
the page's own clock from navigation start (``performance.now()``), in a browser that has already
opened one other deck (the shared files in lib/ are cached, as they are for a learner moving from
lesson to lesson). Every request outside the served folder is blocked.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
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

GOALS = {"site_mb": 5.0, "deck_kb": 120, "ready_ms": 300, "rebuild_ratio": 0.08, "build_vs_naive": 0.11}
READY = """() => new Promise(done => {
  const check = () => (window.MissReveal && window.MissReveal.isReady() &&
                       document.documentElement.dataset.missWidgets === 'ready') ? done(performance.now()) : setTimeout(check, 5);
  check();
})"""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def cpu_seconds() -> float:
    """CPU time of this process and of every child it has waited for (kernels, workers, nbconvert)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn, cpu: list | None = None) -> float:
    """Wall-clock seconds of ``fn()``; its CPU seconds are appended to ``cpu`` if given (on a shared
    machine the CPU time shows how much work a build does, whatever else runs beside it)."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    fn()
    if cpu is not None:
        cpu.append(cpu_seconds() - start_cpu)
    return time.perf_counter() - start


def time_naive(notebooks: list[Path], out: Path, cpu: list | None = None) -> float:
    def run():
        for nb in notebooks:
            for to in ("slides", "html"):
                subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--execute", "--to", to,
                                "--output-dir", str(out), str(nb)], check=True, capture_output=True)
    return timed(run, cpu)


def deck_ready_times(site: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    decks = sorted(site.glob("*/[0-9][0-9]-*.slides.html"))
    times = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        watch = Watched(page, url)
        page.goto(url + str(decks[-1].relative_to(site)))  # warm the shared files, as a learner's browser is
        page.evaluate(READY)
        for deck in decks:
            page.goto(url + str(deck.relative_to(site)))
            times[str(deck.relative_to(site))] = page.evaluate(READY)
        browser.close()
        if watch.errors or watch.blocked:
            raise SystemExit(f"errors while loading decks: {watch.errors[:3]} {watch.blocked[:3]}")
    return times


def verdict(value: float, goal: float) -> str:
    return "ok" if value <= goal else "OVER GOAL"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-naive", action="store_true", help="skip the nbconvert comparison (minutes)")
    parser.add_argument("--lang", action="append", help="only this language (the size goal is for both)")
    args = parser.parse_args()
    os.environ.setdefault("MISSCOURSE_PROGRESS_DB", str(Path(tempfile.mkdtemp()) / "bench.sqlite"))
    c = course()
    langs = args.lang or list(c.languages)
    notebooks = [c.notebook_path(s, lang) for lang in langs for s in c.slugs]
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
        cold_cpu: list[float] = []
        cold = timed(lambda: build(site, force=True, langs=langs, say=lambda *_: None) == 0 or sys.exit("build failed"),
                     cold_cpu)
        again = timed(lambda: build(site, langs=langs, say=lambda *_: None))
        print(f"cold build, {len(notebooks)} lessons (decks, pages, kit): {cold:.1f} s ({cold_cpu[0]:.1f} s of CPU)")
        print(f"no-change rebuild: {again:.2f} s; ratio {again / cold:.3f} (goal <= {GOALS['rebuild_ratio']}) "
              f"{verdict(again / cold, GOALS['rebuild_ratio'])}")
        size = folder_size(site) / 1e6
        files = sum(1 for p in site.rglob("*") if p.is_file())
        print(f"site folder ({', '.join(langs)}): {size:.2f} MB in {files} files (goal <= {GOALS['site_mb']} MB "
              f"for both languages) {verdict(size, GOALS['site_mb'])}")
        decks = {p.relative_to(site).as_posix(): p.stat().st_size / 1000 for p in site.glob("*/[0-9][0-9]-*.slides.html")}
        biggest = max(decks, key=decks.get)
        print(f"lesson deck HTML: mean {statistics.mean(decks.values()):.0f} KB, largest {biggest} {decks[biggest]:.0f} KB "
              f"(goal <= {GOALS['deck_kb']} KB) {verdict(decks[biggest], GOALS['deck_kb'])}")
        plans = {p.relative_to(site).as_posix(): p.stat().st_size / 1000 for p in site.glob("*/plan-*.slides.html")}
        if plans:
            biggest = max(plans, key=plans.get)
            print(f"class plan decks (one per lesson): {len(plans)}, largest {biggest} {plans[biggest]:.0f} KB "
                  f"(goal <= {GOALS['deck_kb']} KB) {verdict(plans[biggest], GOALS['deck_kb'])}")
        ready = deck_ready_times(site)
        mean = statistics.mean(ready.values())
        print(f"deck ready with its quiz drawn (127.0.0.1, {len(ready)} decks): mean {mean:.0f} ms, "
              f"max {max(ready.values()):.0f} ms (goal mean <= {GOALS['ready_ms']} ms) {verdict(mean, GOALS['ready_ms'])}")
        if not args.skip_naive:
            naive_cpu: list[float] = []
            naive = time_naive(notebooks, Path(tmp) / "naive", naive_cpu)
            print(f"nbconvert --execute, one call per notebook for slides and one for HTML: {naive:.1f} s "
                  f"({naive_cpu[0]:.1f} s of CPU); cold build / nbconvert {cold / naive:.3f} "
                  f"(goal <= {GOALS['build_vs_naive']}) {verdict(cold / naive, GOALS['build_vs_naive'])}; "
                  f"in CPU time {cold_cpu[0] / naive_cpu[0]:.3f}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
