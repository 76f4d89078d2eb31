"""``misscourse build``: execute the lessons that changed and write the offline site.

One process: lessons run concurrently in one event loop (kernel starts overlap), then nbconvert's
exporters write a slide deck and a readable page per lesson and language. Outputs are only
replaced once every lesson has executed, so a failing lesson leaves the last good site in place.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
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


def _execute_all(out: Path, jobs: list[Job], say) -> list[LessonFailed]:
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
    if to_run:
        failures = _execute_all(out, to_run, say)
        if failures:
            for exc in failures:
                say(f"error: {exc}")
            say(f"{len(failures)} lesson(s) failed to execute; the site in {out} was left as it was.")
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
    for i, job in enumerate(to_export, 1):
        nb = nbformat.read(_cached_path(out, job), as_version=4)
        exporters.write_lesson(nb, job.slug, job.lang)
        state[job.key] = job.export_fingerprint
        say(f"  wrote {job.key}: slides and page [{i}/{len(to_export)}]")
    write_index_pages(c, out, langs)
    executed = {(j.lang, j.slug): nbformat.read(_cached_path(out, j), as_version=4) for j in jobs}
    changed = {(j.lang, j.slug) for j in to_export}
    kit = write_instructor_kit(c, out, langs, executed, exporters, changed=changed)
    say(f"  instructor's kit: {len(kit)} files (guides, class plan decks, printouts)")
    write_progress_pages(c, out, langs)
    write_class_pages(c, out, langs)
    write_record_pages(c, out, langs)
    remove_stale_files(out, libraries)  # lib/ files no page uses any more (a diagram that changed)
    state["site"] = site_key
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(state, indent=1, sort_keys=True))
    say(f"Done in {time.perf_counter() - started:.1f} s. Open {out / 'index.html'}")
    return 0
