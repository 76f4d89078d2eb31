"""Benchmark of the progress store and page: record 10,000 answers (time per answer, each in its
own transaction, through the quiz widget's listener), build the progress page from them (time),
and the store's size on disk. Run: ``python benchmarks/bench_progress.py [N]``.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path


def answers(n: int, keys: list[tuple[str, str, str]], version: str) -> list[dict]:
    rng = random.Random(1)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        lesson, quiz, question = rng.choice(keys)
        moment = start + timedelta(days=i * 60 / n, milliseconds=i)
        out.append({"course_version": version, "lang": "en", "lesson": lesson, "quiz": quiz, "question": question,
                    "answer": rng.randrange(4), "correct": rng.random() < 0.7,
                    "time": moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")})
    return out


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main(n: int = 10_000) -> None:
    with tempfile.TemporaryDirectory(prefix="misscourse-bench-") as tmp:
        db = Path(tmp) / "progress.sqlite"
        os.environ["MISSCOURSE_PROGRESS_DB"] = str(db)
        from misscourse.course import course
        from misscourse.progress import attach, record_answer, show_progress
        from misscourse.site.progress import write_progress_pages
        from misscourse.progress.store import get_store
        from misscourse.progress.summary import Catalog

        c = course()
        catalog = Catalog(c, "en")
        keys = [(info.lesson, info.quiz, info.id) for info in catalog.questions.values()]
        data = answers(n, keys, c.version)
        attach()     # as lesson() does in a kernel: the quiz widget is loaded before the page is shown
        get_store()  # opened once, as in a kernel

        each = []
        for a in data:
            t0 = time.perf_counter()
            record_answer(a)
            each.append(time.perf_counter() - t0)
        assert get_store().count() == n, get_store().count()
        each.sort()
        print(f"record {n} answers: total {sum(each):.2f} s; per answer mean {statistics.mean(each) * 1e3:.3f} ms, "
              f"median {each[len(each) // 2] * 1e3:.3f} ms, 95th percentile {each[int(len(each) * 0.95)] * 1e3:.3f} ms, "
              f"max {each[-1] * 1e3:.1f} ms")
        print(f"store size before checkpoint (file + WAL): {size(db) / 1024:.0f} KiB")

        t0 = time.perf_counter()
        page = show_progress("en")
        html = page._repr_html_()
        print(f"progress page (notebook) from {n} answers: {time.perf_counter() - t0:.3f} s, "
              f"{len(html) / 1024:.0f} KiB of HTML")
        t0 = time.perf_counter()
        write_progress_pages(c, Path(tmp), ["en"])
        print(f"site progress page (no answers inside; the browser reads them): {time.perf_counter() - t0:.3f} s, "
              f"{(Path(tmp) / 'progress.html').stat().st_size / 1024:.0f} KiB")

        get_store().close()
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        print(f"store size after checkpoint: {size(db) / 1024:.0f} KiB ({size(db) / n:.0f} bytes per answer)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
