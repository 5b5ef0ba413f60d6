"""Connections, transactions and the small helpers every store module uses.

One SQLite file in WAL mode with a busy timeout, foreign keys and secure
delete. Writes that belong together run inside `transaction(db)`; a write
that must not hold SQLite's lock across Python calls is one statement
(`one_statement_transaction`).
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


T = TypeVar("T")


class StoreError(Exception):
    """A store problem whose `str()` is a Chinese message for users."""


def now() -> str:
    """The current UTC time as an ISO string (second precision)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open the database file with WAL, busy timeout, foreign keys and secure delete.

    A new file is created readable by its owner only; SQLite gives its -wal and
    -shm files the same permissions.
    """
    create_private_file(path)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    return db


def create_private_file(path: str | Path) -> None:
    """Create `path` empty with mode 0600 unless it exists (its folder too, 0700)."""
    path = Path(path)
    if str(path) == ":memory:" or path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block in one write transaction (BEGIN IMMEDIATE); nested blocks join it."""
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    _begin_immediate(db.conn)
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.conn.execute("COMMIT")


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for the write lock as `_while_busy` does."""
    _while_busy(conn, lambda: conn.execute("BEGIN IMMEDIATE"))


def _while_busy(conn: sqlite3.Connection, attempt: Callable[[], T]) -> T:
    """`attempt()`, tried again every 50 µs to 0.5 ms while another writer holds the lock.

    SQLite's own busy handler sleeps 1, 2, 5, 10 … ms between tries, while a
    write here holds the lock for about 0.1 ms: under load, writers slept past
    free locks and p99 latency doubled (bench/survey_load.py). Gives up after
    BUSY_TIMEOUT_MS like the busy handler.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.00005
    with busy_timeout(conn, 0):
        while True:
            try:
                return attempt()
            except sqlite3.OperationalError as error:
                if not is_busy(error) or time.monotonic() > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.0005)


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds the lock (nothing was written)."""
    return getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")


def one_statement_transaction(db: sqlite_utils.Database, sql: str, params: list) -> None:
    """Run one write statement as its own transaction (autocommit), waiting for the lock.

    A write inside BEGIN … COMMIT holds SQLite's write lock across several
    calls from Python, and between them the thread waits for the GIL behind
    the worker's other threads: under load the lock was held for milliseconds
    and writers queued behind it (bench/survey_load.py). One statement, whose
    triggers do the rest, holds the lock only while SQLite runs it. Inside an
    open transaction the statement simply joins it.
    """
    conn = db.conn
    if conn.in_transaction:
        conn.execute(sql, params)
        return
    level = conn.isolation_level
    conn.isolation_level = None  # no implicit BEGIN: the statement commits on its own
    try:
        _while_busy(conn, lambda: conn.execute(sql, params))
    finally:
        conn.isolation_level = level


@contextlib.contextmanager
def busy_timeout(conn: sqlite3.Connection, ms: int) -> Iterator[None]:
    """Run the block with another busy timeout, then restore the connection's usual one."""
    conn.execute(f"PRAGMA busy_timeout={int(ms)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict]:
    """Run a SELECT and return its rows as dicts (straight on the connection: sqlite-utils'
    query() wraps every read in a savepoint, which doubled the statements of a rater page)."""
    cursor = db.conn.execute(sql, params)
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def one(db: sqlite_utils.Database, sql: str, params: Any = ()) -> dict | None:
    """Run a SELECT and return the first row or None."""
    found = rows(db, sql, params)
    return found[0] if found else None


def count(db, table: str) -> int:
    """Row count of one of the platform's tables."""
    if table not in db.table_names():
        raise StoreError(f"没有这个表：{table}")
    return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


CHECKPOINT_WAIT_MS = 20  # a reader here takes well under a millisecond; a long one is waited out by retries


def copy_wal(db) -> None:
    """Copy the WAL's frames into the database file without holding writers back
    (a PASSIVE checkpoint; it neither waits nor truncates)."""
    try:
        db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    except sqlite3.Error:
        pass  # the TRUNCATE that follows copies what is left and reports failure


def checkpoint(db, wait_ms: int = CHECKPOINT_WAIT_MS) -> bool:
    """Copy the WAL into the database and truncate it; True when the WAL is now empty.

    Truncating needs every reader off the WAL. Under load one almost always
    is, briefly: giving up at once let the WAL grow to seconds of submissions
    (14 MB in bench/survey_load.py), so this waits up to `wait_ms` for them,
    holding new writers back meanwhile.
    """
    try:
        with busy_timeout(db.conn, wait_ms):
            busy, _, _ = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    except sqlite3.Error:
        return False
