"""``misscourse progress``: the learner's table, export, import, reset; and a class report.

    misscourse progress [--lang L]               the learner's progress, as a table
    misscourse progress export [FILE]            write a progress file (default: misscourse-progress-<date>.json)
    misscourse progress import FILE              add a progress file's answers (duplicates counted once)
    misscourse progress --reset [--yes]          delete every answer, after asking; a backup copy is kept
    misscourse progress class FILES... [--svg OUT]   the questions a class misses most

The lead's ``misscourse/cli.py`` registers it with ``add_parser(sub)``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..text import LANGUAGES

YES = {"y", "yes", "是"}


def add_parser(subparsers) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help="language of the output (default: the languages you answered in)")
    p = subparsers.add_parser("progress", parents=[common],
                              help="your quiz answers on this computer: show, export, import, reset; class report")
    p.add_argument("--reset", action="store_true", help="delete every answer (asks first; keeps a backup copy)")
    p.add_argument("--yes", action="store_true", help="with --reset: do not ask")
    sub = p.add_subparsers(dest="progress_command", metavar="{export,import,class}")
    e = sub.add_parser("export", parents=[common], help="write your answers to a progress file")
    e.add_argument("file", nargs="?", help="where to write (default: misscourse-progress-<date>.json; '-': print)")
    i = sub.add_parser("import", parents=[common], help="add the answers of a progress file (duplicates counted once)")
    i.add_argument("file")
    c = sub.add_parser("class", parents=[common], help="merge learners' progress files: the questions missed most")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--svg", metavar="OUT", help="also draw the most missed questions as an SVG chart")
    p.set_defaults(func=run)
    return p


def run(args) -> int:
    from .store import Store, StoreError
    from .transfer import TransferError

    command = getattr(args, "progress_command", None)
    lang = getattr(args, "lang", None)
    if args.reset and command:
        print("error: use --reset on its own", file=sys.stderr)
        return 2
    try:
        if command == "class":
            return class_command(args.files, args.svg, lang or _default_lang())
        store = Store()
        if args.reset:
            return reset_command(store, args.yes, lang or _default_lang())
        if command == "import":
            return import_command(store, args.file, lang or _default_lang())
        if command == "export":
            return export_command(store, args.file, lang or _default_lang())
        return show_command(store, lang)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except TransferError as exc:
        from .words import word

        reason = f"{exc.where}: {exc.reason}" if exc.where else exc.reason
        print(word("import_bad", lang or _default_lang(), file=exc.path, reason=reason), file=sys.stderr)
        return 1


def _default_lang() -> str:
    from ..course import course

    return course().languages[0]


def show_command(store, lang: str | None) -> int:
    from ..course import course
    from .page import progress_text
    from .summary import Catalog, summarize
    from .words import word

    c = course()
    langs = [lang] if lang else (store.languages() or [c.languages[0]])
    print(word("cli_store", langs[0], path=store.path))
    for one in langs:
        print()
        print(progress_text(summarize(Catalog(c, one), store.answers(one)), one))
    return 0


def reset_command(store, yes: bool, lang: str) -> int:
    from .words import word

    if not yes:
        try:
            reply = input(word("reset_ask", lang, n=store.count(), path=store.path))
        except EOFError:
            reply = ""
        if reply.strip().casefold() not in YES:
            print(word("reset_kept", lang))
            return 1
    backup = store.reset()
    print(word("reset_done", lang, backup=backup))
    return 0


def import_command(store, file: str, lang: str) -> int:
    from .transfer import import_file
    from .words import import_message

    added, total = import_file(store, file)
    print(import_message(lang, added, total - added, file))
    return 0


def export_command(store, file: str | None, lang: str) -> int:
    from ..course import course
    from .transfer import write_progress_file
    from .words import word

    file = file or f"misscourse-progress-{date.today():%Y-%m-%d}.json"
    answers = store.answers()
    write_progress_file(file, answers, course().version)
    print(word("export_done", lang, n=len(answers), file=file), file=sys.stderr if file == "-" else sys.stdout)
    return 0


def class_command(files: list[str], svg: str | None, lang: str) -> int:
    from ..course import course
    from ..ui import ui_text
    from .page import text_table
    from .transfer import class_report, class_svg, missed_text
    from .words import word

    c = course()
    rows, learners = class_report(files, c, lang)
    print(word("class_title", lang))
    print(word("class_intro", lang, learners=learners))
    if not rows:
        print(word("class_none", lang))
    else:
        lesson = lambda slug: ui_text("lesson", lang).format(n=c.number(slug))  # noqa: E731
        table = [[_clip(f"{r.info.quiz}/{r.info.id}: {r.info.prompt}"), lesson(r.info.lesson), missed_text(r, lang)]
                 for r in rows]
        print()
        print(text_table([word(k, lang) for k in ("col_question", "col_lesson", "col_missed")], table))
    if svg:
        Path(svg).write_text(class_svg(rows, lang) + "\n", encoding="utf-8")
        print(f"\n{svg}")
    return 0


def _clip(text: str, size: int = 70) -> str:
    return text if len(text) <= size else text[:size - 1] + "\u2026"
