"""The progress store: every answer checked in JupyterLab, kept in a SQLite file on this computer.

Nothing leaves the machine. The file is ``$MISSCOURSE_PROGRESS_DB`` if set, else
``progress.sqlite`` in the user's data folder (platformdirs, app name "misscourse").

- WAL journal, one transaction per answer: several kernels can write at once, and a process
  killed while writing loses at most the answer it was writing.
- The schema's version is ``PRAGMA user_version``. ``MIGRATIONS[n]`` takes a store from version
  ``n`` to ``n + 1``, so a store made by an older course is brought up to date when opened.
- A file that is not a readable store is moved aside (``<name>.broken-<time>``, never deleted),
  a warning names both files, and a fresh store is started. A file that is readable but cannot
  be used (busy, read-only, a folder, a newer store, another program's database) is left alone
  and named in a :class:`StoreError`.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, TypeVar

import platformdirs

from .answers import FIELDS, Answer

log = logging.getLogger("misscourse.progress")
T = TypeVar("T")

ENV = "MISSCOURSE_PROGRESS_DB"
APP = "misscourse"
BUSY_TIMEOUT = 30.0  # seconds to wait for another process's write
SCHEMA_VERSION = 2
MIGRATIONS: list[tuple[str, ...]] = [
    # 0 -> 1: the first store
    ("CREATE TABLE answers (id INTEGER PRIMARY KEY, lang TEXT NOT NULL, lesson TEXT NOT NULL,"
     " quiz TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL,"
     " time TEXT NOT NULL)",),
    # 1 -> 2: each answer names the course version, and is kept once (imports may repeat it)
    ("ALTER TABLE answers ADD COLUMN course_version TEXT NOT NULL DEFAULT ''",
     "DELETE FROM answers WHERE id NOT IN"
     " (SELECT MIN(id) FROM answers GROUP BY lang, question, time, answer)",
     "CREATE UNIQUE INDEX answers_once ON answers (lang, question, time, answer)",
     "CREATE INDEX answers_by_time ON answers (lang, time)"),
]
COLUMNS = ", ".join(FIELDS)
INSERT = f"INSERT OR IGNORE INTO answers ({COLUMNS}) VALUES ({', '.join('?' * len(FIELDS))})"
# the file itself is damaged; "cannot open" (a folder, no permission) is not a reason to move it aside
BROKEN = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


class StoreError(RuntimeError):
    """The store cannot be used: names the file and says why."""

    def __init__(self, path: Path, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"progress store {path}: {reason}")


class _Damaged(sqlite3.DatabaseError):
    pass


def default_path() -> Path:
    env = os.environ.get(ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "progress.sqlite"


def is_broken(exc: sqlite3.DatabaseError) -> bool:
    """The file is not a readable SQLite database (as opposed to busy, full or read-only)."""
    return isinstance(exc, _Damaged) or getattr(exc, "sqlite_errorname", "") in BROKEN


def stamped(path: Path, word: str) -> Path:
    """``<name>.<word>-<date>-<time>`` next to ``path``, a name not yet taken."""
    stem = f"{path.name}.{word}-{datetime.now():%Y%m%d-%H%M%S}"
    target, n = path.with_name(stem), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{stem}-{n}")
    return target


def move_aside(path: Path) -> Path:
    """Rename a broken store (and its journal files) to a stamped name; never delete it."""
    target = stamped(path, "broken")
    try:
        os.replace(path, target)
        for suffix in ("-wal", "-shm"):  # left by another program that still has it open
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(path, f"it cannot be read, and it cannot be moved aside ({exc.strerror})") from None
    return target


class Store:
    """One learner's answers. Safe to share between threads; many processes may open the file."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_path()
        self.moved_to: Path | None = None  # set when a broken file was moved aside
        self._lock = threading.Lock()
        self._conn = self._open()

    # -- opening -----------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(self.path, f"its folder cannot be made ({exc.strerror})") from None
        if self.path.is_dir():
            raise StoreError(self.path, f"it is a folder, not a file; set {ENV} to a file")
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if not (is_broken(exc) and self.path.exists()):
                raise StoreError(self.path, str(exc)) from None
            reason = str(exc)
        self.moved_to = move_aside(self.path)
        log.warning("Your progress file %s could not be read (%s). It was kept as %s, "
                    "and a new, empty progress file was started.", self.path, reason, self.moved_to)
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.path, str(exc)) from None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False)
        try:
            status = conn.execute("PRAGMA quick_check").fetchone()[0]
            if status != "ok":
                raise _Damaged(f"the file is damaged ({status})")
            self._refuse_others(conn)  # before anything is changed in the file
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe when a process is killed
            self._migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _refuse_others(self, conn: sqlite3.Connection) -> None:
        """A store from a newer course, or another program's database, is left as it is."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(self.path, f"it was made by a newer version of misscourse (store version {version}, "
                                        f"this one knows {SCHEMA_VERSION}); update misscourse or set {ENV}")
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(self.path, f"it is a database, but not a progress store; set {ENV} to another file")

    def _migrate(self, conn: sqlite3.Connection) -> None:
        if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        with _transaction(conn):
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            for step in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS[step]:
                    conn.execute(sql)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _run(self, action: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``action`` on the connection; a file found broken on the way is replaced once."""
        with self._lock:
            for attempt in range(2):
                try:
                    return action(self._conn)
                except sqlite3.DatabaseError as exc:
                    if attempt or not is_broken(exc):
                        raise StoreError(self.path, str(exc)) from None
                self._conn.close()
                self._conn = self._open()

    # -- writing -----------------------------------------------------------------------------
    def record(self, answer: Answer | dict) -> bool:
        """Keep one answer (one transaction); False if it was already kept."""
        return self.add([Answer.parse(answer)]) == 1

    def add(self, answers: Iterable[Answer]) -> int:
        """Keep several answers in one transaction; return how many were new."""
        rows = [(a.course_version, a.lang, a.lesson, a.quiz, a.question, a.response_json, int(a.correct), a.time)
                for a in answers]

        def write(conn: sqlite3.Connection) -> int:
            with _transaction(conn):
                return conn.executemany(INSERT, rows).rowcount

        return self._run(write) if rows else 0

    def reset(self) -> Path:
        """Delete every answer, after writing a backup copy; return the copy's path."""
        backup = stamped(self.path, "backup")

        def wipe(conn: sqlite3.Connection) -> None:
            last = _backup(conn, backup)
            with _transaction(conn):  # only what the copy holds: an answer written meanwhile stays
                conn.execute("DELETE FROM answers WHERE id <= ?", (last,))

        self._run(wipe)
        return backup

    # -- reading -----------------------------------------------------------------------------
    def answers(self, lang: str | None = None) -> list[Answer]:
        """The kept answers (of one language, or all), oldest first.

        Rows were checked when they were written, so they are read back without checking again.
        """
        sql = f"SELECT {COLUMNS} FROM answers" + (" WHERE lang = ?" if lang else "") + " ORDER BY time, id"
        rows = self._run(lambda conn: conn.execute(sql, (lang,) if lang else ()).fetchall())
        found = []
        for row in rows:
            data = dict(zip(FIELDS, row))
            try:
                data["answer"], data["correct"] = json.loads(data["answer"]), bool(data["correct"])
            except ValueError:
                log.warning("progress store %s: skipped an answer that does not read back: %r", self.path, row)
                continue
            found.append(Answer.model_construct(**data))
        return found

    def count(self) -> int:
        return self._run(lambda conn: conn.execute("SELECT count(*) FROM answers").fetchone()[0])

    def languages(self) -> list[str]:
        rows = self._run(lambda conn: conn.execute("SELECT DISTINCT lang FROM answers ORDER BY lang").fetchall())
        return [r[0] for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _backup(conn: sqlite3.Connection, target: Path) -> int:
    """Copy the store to ``target``; return the id of the last answer the copy holds (0: none)."""
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
        return copy.execute("SELECT max(id) FROM answers").fetchone()[0] or 0
    finally:
        copy.close()


class _transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, or ``ROLLBACK`` on any error."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        return False


_shared: Store | None = None
_shared_lock = threading.Lock()


def get_store() -> Store:
    """The store at :func:`default_path`, opened once per process (again if the path changes)."""
    global _shared
    path = default_path()
    with _shared_lock:
        if _shared is None or _shared.path != path:
            if _shared is not None:
                _shared.close()
                _shared = None
            _shared = Store(path)
        return _shared
