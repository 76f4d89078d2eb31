"""``misscourse build``: execute the lessons that changed and write the offline site.

Lessons run concurrently in one event loop, each in a kernel forked from one warm process
(:mod:`misscourse.kernels`), then nbconvert's exporters write a slide deck and a readable page per
lesson and language: in worker processes, started while the lessons execute, while this process
writes the instructor's kit. Outputs are only replaced once every lesson has executed, so a
failing lesson leaves the last good site in place.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import multiprocessing
import os
import shutil
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import paths
from .course import Course, course
from .execute import CONCURRENCY, LessonFailed, run_many, stable_widget_ids
from .quizzes import load_all
from .site.export import Exporters
from .site.home import write_index_pages
from .site.instructor import write_instructor_kit
from .site.files import copy_if_changed
from .site.libraries import MissingFrontEnd, copy_libraries, remove_stale_files
from .site.class_view import write_class_pages
from .site.education_record import write_record_pages
from .site.progress import write_progress_pages
from .sourcefile import SourceError

CACHE = ".build-cache"  # beside the site folder, never in it: the site holds only what is served
STATE = "state.json"


def cache_dir(out: Path) -> Path:
    """Executed notebooks and the build's state for the site folder ``out``: ``<parent>/.build-cache/<name>``."""
    out = Path(out).resolve()
    return out.parent / CACHE / out.name


@dataclass
class Job:
    lang: str
    slug: str
    source: Path
    fingerprint: str  # of everything that shapes the executed notebook
    export_fingerprint: str  # and of everything that shapes its pages

    @property
    def key(self) -> str:
        return f"{self.lang}/{self.source.stem}"


def _digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes() if f.exists() else b"<missing>")
    return h.hexdigest()[:16]


# Parts of the package that shape the site's pages but not a lesson's executed outputs:
# a change to them re-exports the lessons without executing them again.
EXPORT_ONLY = {"templates", "progress", "checks", "site", "build.py", "cli.py", "report.py", "readability.py",
               "notebook.py", "course-slides.css", "course-page.css", "course.css", "progress.js", "progress.css",
               "course-handout.css"}


def _machinery_files(for_execution: bool) -> list[Path]:
    pkg = paths.PACKAGE_DIR
    files = [p for p in pkg.rglob("*") if p.is_file() and p.suffix in {".py", ".js", ".css", ".j2", ".yml", ".json"}
             and "__pycache__" not in p.parts]
    if for_execution:
        files = [p for p in files if not EXPORT_ONLY & set(p.relative_to(pkg).parts)]
    return sorted(files)


def plan(c: Course, langs: list[str]) -> list[Job]:
    root = paths.root()
    shared = [paths.course_file(), paths.glossary_file(), *_machinery_files(for_execution=True)]
    page_machinery = _digest(_machinery_files(for_execution=False))
    jobs = []
    for lang in langs:
        diagrams = sorted((root / "assets" / "diagrams").glob(f"*.{lang}.svg"))
        for lesson in c.lessons:
            source = c.notebook_path(lesson.slug, lang)
            if not source.exists():
                raise SourceError(source, f"lesson {lesson.slug!r}", "the lesson notebook is missing")
            quizzes = [paths.quizzes_dir() / f"{q}.yml" for q in lesson.quizzes]
            executed = _digest([source, *quizzes, *diagrams, *shared])
            jobs.append(Job(lang, lesson.slug, source, executed, f"{executed}-{page_machinery}"))
    return jobs


def _cached_path(out: Path, job: Job) -> Path:
    return cache_dir(out) / job.lang / job.source.name


def _cached_fingerprint(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        return nbformat.read(path, as_version=4).metadata.get("misscourse", {}).get("fingerprint")
    except Exception:
        return None


# Lesson exports go to worker processes when there are at least this many (a cold build); fewer
# (one changed lesson) are written here, where starting workers would cost more than it saves.
PARALLEL_EXPORTS = 6
EXPORT_WORKERS = max(1, min(CONCURRENCY, os.cpu_count() or 1))

_worker_exporters: dict[str, Exporters] = {}


def _worker_ready() -> None:
    """Warm a worker up: the exporters' modules imported, the course read."""
    course()


def _exporters_in_worker(out: str) -> Exporters:
    exporters = _worker_exporters.get(out)
    if exporters is None:
        exporters = _worker_exporters[out] = Exporters(course(), Path(out))
    return exporters


def _export_in_worker(out: str, cached: str, slug: str, lang: str) -> None:
    _exporters_in_worker(out).write_lesson(nbformat.read(cached, as_version=4), slug, lang)


def _kit_in_worker(out: str, lang: str, cached: dict, changed: set) -> list[Path]:
    """One language's instructor's kit (its guides, plan decks and printouts depend on that language only)."""
    executed = {key: nbformat.read(path, as_version=4) for key, path in cached.items()}
    return write_instructor_kit(course(), Path(out), [lang], executed, _exporters_in_worker(out), changed=changed)


class ExportWorkers:
    """Processes that write lesson pages (started early: they import while lessons execute)."""

    def __init__(self, count: int):
        # fork while this process has no other thread (before the event loop and the pool's own
        # thread): the workers start with every module already imported; spawn where fork is missing
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1 else "spawn"
        self.pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context(method))
        warm = [self.pool.submit(_worker_ready) for _ in range(count)]  # all workers start now
        self.warm = warm

    def submit(self, out: Path, job: "Job") -> Future:
        return self.pool.submit(_export_in_worker, str(out), str(_cached_path(out, job)), job.slug, job.lang)

    def submit_staged(self, out: Path, job: "Job") -> Future:
        """Export a lesson that has just executed into the staging folder (see :func:`_publish_staged`)."""
        return self.pool.submit(_export_in_worker, str(staging_dir(out)), str(_cached_path(out, job)), job.slug, job.lang)

    def submit_kit(self, out: Path, lang: str, jobs: list["Job"], changed: set) -> Future:
        cached = {(j.lang, j.slug): str(_cached_path(out, j)) for j in jobs if j.lang == lang}
        return self.pool.submit(_kit_in_worker, str(out), lang, cached, changed)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def staging_dir(out: Path) -> Path:
    """Where lessons are exported while others still execute: beside the cache, laid out as the site
    (``<lang>/`` pages, ``lib/img/``); links are relative, so a page reads the same there and in the site."""
    return cache_dir(out) / "staging"


def _publish_staged(out: Path) -> None:
    """Move what the staging folder holds into the site, replacing only files whose bytes differ."""
    staging = staging_dir(out)
    for path in sorted(p for p in staging.rglob("*") if p.is_file() and not p.name.startswith(".")):
        copy_if_changed(path, out / path.relative_to(staging))
    shutil.rmtree(staging, ignore_errors=True)


def _write_site_pages(c: Course, out: Path, langs: list[str]) -> None:
    """The pages of each language that hold no lesson: progress, class view, education record."""
    write_progress_pages(c, out, langs)
    write_class_pages(c, out, langs)
    write_record_pages(c, out, langs)


def _execute_all(out: Path, jobs: list[Job], say, on_done=None) -> list[LessonFailed]:
    """Execute ``jobs`` into the cache; ``on_done(job)`` after each success."""
    by_source = {job.source: job for job in jobs}
    done = []

    def keep(source: Path, nb, seconds: float) -> None:
        job = by_source[source]
        nb = stable_widget_ids(nb, job.key)
        nb.metadata.setdefault("misscourse", {})["fingerprint"] = job.fingerprint
        target = _cached_path(out, job)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        nbformat.write(nb, tmp)
        os.replace(tmp, target)
        done.append(job)
        if on_done is not None:
            on_done(job)
        say(f"  executed {job.key} ({seconds:.1f} s) [{len(done)}/{len(jobs)}]")

    return asyncio.run(run_many(list(by_source), keep, CONCURRENCY))


def build(out: Path, *, force: bool = False, langs: list[str] | None = None, say=print) -> int:
    """Build the site into ``out``; return a process exit code."""
    started = time.perf_counter()
    out = Path(out).resolve()
    try:
        c = course()
        load_all()  # every quiz file valid before anything runs
        langs = langs or list(c.languages)
        unknown = [lang for lang in langs if lang not in c.languages]
        if unknown:
            say(f"error: language {unknown[0]!r} is not in the course file (it has {', '.join(c.languages)})")
            return 2
        jobs = plan(c, langs)
    except (SourceError, KeyError) as exc:
        say(f"error: {exc}")
        return 1

    state_file = cache_dir(out) / STATE
    state = json.loads(state_file.read_text()) if state_file.exists() and not force else {}
    to_run = [j for j in jobs if force or _cached_fingerprint(_cached_path(out, j)) != j.fingerprint]
    say(f"Building {len(jobs)} lessons into {out} ({len(to_run)} to execute, {len(jobs) - len(to_run)} unchanged)")
    workers = ExportWorkers(EXPORT_WORKERS) if len(to_run) >= PARALLEL_EXPORTS and EXPORT_WORKERS > 1 else None
    try:
        return _build(c, out, jobs, to_run, langs, state, state_file, force, workers, started, say)
    finally:
        if workers is not None:
            workers.close()


def _build(c: Course, out: Path, jobs: list[Job], to_run: list[Job], langs: list[str], state: dict,
           state_file: Path, force: bool, workers: ExportWorkers | None, started: float, say) -> int:
    staged: dict[str, Future] = {}
    if to_run:
        # with workers, each lesson is exported (into the staging folder) as soon as it has executed
        if workers is not None:
            shutil.rmtree(staging_dir(out), ignore_errors=True)
        on_done = (lambda job: staged.__setitem__(job.key, workers.submit_staged(out, job))) if workers else None
        failures = _execute_all(out, to_run, say, on_done)
        if failures:
            for exc in failures:
                say(f"error: {exc}")
            say(f"{len(failures)} lesson(s) failed to execute; the site in {out} was left as it was.")
            for future in staged.values():
                future.cancel()
            if workers is not None:
                workers.close()
            shutil.rmtree(staging_dir(out), ignore_errors=True)
            return 1

    site_key = hashlib.sha256(json.dumps([sorted(langs), [(j.key, j.export_fingerprint) for j in jobs]]).encode()).hexdigest()[:16]
    exporters = Exporters(c, out)
    if not to_run and state.get("site") == site_key and all(exporters.outputs_exist(j) for j in jobs):
        say(f"Nothing changed; the site was left as it was. Done in {time.perf_counter() - started:.1f} s.")
        return 0
    try:
        libraries = copy_libraries(out)
    except MissingFrontEnd as exc:
        say(f"error: {exc}")
        return 1
    to_export = [j for j in jobs if force or state.get(j.key) != j.export_fingerprint or not exporters.outputs_exist(j)]
    changed = {(j.lang, j.slug) for j in to_export}
    # With workers: each language's kit, then the lesson pages (longest first), go to the workers
    # while this process writes the home pages; without: all here, one after the other.
    parallel = workers is not None and bool(to_export)
    kits = [(lang, workers.submit_kit(out, lang, jobs, changed)) for lang in langs] if parallel else []
    pending = [(job, staged.get(job.key) or workers.submit(out, job)) for job in to_export] if parallel else []
    for i, job in enumerate([] if parallel else to_export, 1):
        nb = nbformat.read(_cached_path(out, job), as_version=4)
        exporters.write_lesson(nb, job.slug, job.lang)
        state[job.key] = job.export_fingerprint
        say(f"  wrote {job.key}: slides and page [{i}/{len(to_export)}]")
    write_index_pages(c, out, langs)
    if parallel:
        _write_site_pages(c, out, langs)
    read: dict = {}

    def executed() -> dict:  # the executed notebooks, read when this process needs them
        if not read:
            read.update({(j.lang, j.slug): nbformat.read(_cached_path(out, j), as_version=4) for j in jobs})
        return read

    for i, (job, future) in enumerate(pending, 1):
        try:
            future.result()
        except Exception:
            # written here again, so the error is the one this process would raise, with its own type
            exporters.write_lesson(executed()[(job.lang, job.slug)], job.slug, job.lang)
        state[job.key] = job.export_fingerprint
        say(f"  wrote {job.key}: slides and page [{i}/{len(to_export)}]")
    if staged:
        _publish_staged(out)
    kit = []
    for lang, future in kits:
        try:
            kit += future.result()
        except Exception:
            kit += write_instructor_kit(c, out, [lang], executed(), exporters, changed=changed)
    if not parallel:
        kit = write_instructor_kit(c, out, langs, executed(), exporters, changed=changed)
    say(f"  instructor's kit: {len(kit)} files (guides, class plan decks, printouts)")
    if not parallel:
        _write_site_pages(c, out, langs)
    remove_stale_files(out, libraries)  # lib/ files no page uses any more (a diagram that changed)
    state["site"] = site_key
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    say(f"Done in {time.perf_counter() - started:.1f} s. Open {out / 'index.html'}")
    return 0
