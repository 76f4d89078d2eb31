"""The ``misscourse`` command: build, refresh, diagrams, report. Thin: it only calls the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_refresh(args) -> int:
    from .course import course
    from .execute import refresh

    c = course()
    sources = []
    for lang in args.lang or c.languages:
        sources += [c.notebook_path(slug, lang) for slug in args.lessons or c.slugs]
        extra = c.notebook_path(c.slugs[0], lang).parent / "progress.ipynb"
        if not args.lessons and extra.exists():
            sources.append(extra)
    missing = [s for s in sources if not s.exists()]
    for path in missing:
        print(f"error: {path}: the lesson notebook is missing", file=sys.stderr)
    failures = refresh([s for s in sources if s.exists()])
    for exc in failures:
        print(f"error: {exc}", file=sys.stderr)
    return 1 if failures or missing else 0


def cmd_diagrams(args) -> int:
    from . import diagrams

    for path in diagrams.write_all():
        print(f"wrote {path}")
    return 0


def cmd_report(args) -> int:
    from .report import reading_report

    print(reading_report(args.lang))
    return 0


def cmd_check(args) -> int:
    from .checks import run_all

    failed = 0
    for name, problems in run_all().items():
        print(f"{name}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  - {problem}")
        failed += len(problems)
    return 1 if failed else 0


def cmd_build(args) -> int:
    from .build import build

    return build(Path(args.out), force=args.force, langs=args.lang)


def cmd_scorm(args) -> int:
    from .build import build
    from .course import course
    from .site.scorm import ScormError, write_packages

    site = Path(args.site)
    code = build(site, langs=args.lang)
    if code:
        return code
    c = course()
    langs = args.lang or list(c.languages)
    print(f"SCORM 1.2 packages into {args.out} (mastery score {c.local.mastery_score}%)")
    try:
        paths = write_packages(c, site, Path(args.out), langs)
    except ScormError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Done: {len(paths)} packages. Upload each zip to the LMS as a SCORM 1.2 package.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="misscourse", description="The MISS patient-education course.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="execute changed lessons and write the offline site (slides, pages, index)")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--force", action="store_true", help="rebuild every lesson, changed or not")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("scorm", help="write SCORM 1.2 packages (one zip per lesson and class plan) for a hospital's LMS")
    p.add_argument("--out", default="dist/scorm", help="output folder (default: dist/scorm)")
    p.add_argument("--site", default="site", help="the built site to package; built first if needed (default: site)")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.set_defaults(func=cmd_scorm)

    p = sub.add_parser("refresh", help="re-execute committed lesson notebooks in place after editing them")
    p.add_argument("lessons", nargs="*", help="lesson slugs (default: all)")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.set_defaults(func=cmd_refresh)

    p = sub.add_parser("diagrams", help="write the diagrams' SVG files into assets/")
    p.set_defaults(func=cmd_diagrams)

    p = sub.add_parser("report", help="print the reading report (grade, words, minutes, quizzes, diagrams)")
    p.add_argument("--lang", default=None)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("check", help="run the content checks (reading level, coverage, integrity, glossary, parity, translations, locale, PEMAT-P, stoplight, quiz quality)")
    p.set_defaults(func=cmd_check)

    from .progress.cli import add_parser as add_progress_parser

    add_progress_parser(sub)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
