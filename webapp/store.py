"""The SQLite store: schema, migrations and every SQL statement of the platform.

One database file in WAL mode. Callers get a `sqlite_utils.Database` from
`open_db` (migrates) or `connect` (per request) and pass it to the functions
below; writes that belong together run inside `transaction(db)`.
"""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from survey import ballots
from survey.tokens import derive_token, draft_id, draft_key, token_hash, use_mark

from . import store_evaluations, store_reform

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")
UNKNOWN_GOVERNMENT = "未识别"
ROLES = ("admin", "evaluator", "staff")
SECTIONS = ("duties", "divisions", "labour")


class StoreError(Exception):
    """A store problem whose `str()` is a Chinese message for users."""


# Each migration is a list of statements; migration N brings the schema to version N.
MIGRATIONS: list[list[str] | Callable[[sqlite_utils.Database, str | None], None]] = [
    [
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'evaluator', 'staff')),
            display_name TEXT NOT NULL DEFAULT '',
            session_token TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL)""",
        """CREATE TABLE login_failures (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL,
            at TEXT NOT NULL)""",
        "CREATE INDEX login_failures_username ON login_failures(username, at)",
        """CREATE TABLE governments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            level TEXT)""",
        """CREATE TABLE departments (
            id INTEGER PRIMARY KEY,
            government_id INTEGER NOT NULL REFERENCES governments(id),
            name TEXT NOT NULL,
            UNIQUE (government_id, name))""",
        """CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            department_id INTEGER NOT NULL REFERENCES departments(id),
            file_name TEXT NOT NULL,
            stored_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            format TEXT NOT NULL DEFAULT '',
            title TEXT,
            uploaded_at TEXT NOT NULL,
            uploaded_by INTEGER REFERENCES users(id),
            parsed_at TEXT NOT NULL,
            parsed_json TEXT NOT NULL,
            warnings_json TEXT NOT NULL DEFAULT '[]')""",
        "CREATE UNIQUE INDEX versions_sha256 ON versions(sha256)",
        "CREATE INDEX versions_department ON versions(department_id)",
        """CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
            section TEXT NOT NULL CHECK (section IN ('duties', 'divisions', 'labour')),
            division TEXT,
            no INTEGER NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            text_simplified TEXT NOT NULL DEFAULT '',
            boilerplate INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX items_version ON items(version_id)",
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL,
            section TEXT NOT NULL CHECK (section IN ('duties', 'divisions')),
            division INTEGER,
            position INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
            offset INTEGER,
            expect TEXT,
            by INTEGER REFERENCES users(id),
            at TEXT NOT NULL)""",
        "CREATE INDEX corrections_sha256 ON corrections(sha256)",
        """CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            batch TEXT NOT NULL,
            user_id INTEGER REFERENCES users(id),
            file_name TEXT NOT NULL,
            stored_name TEXT,
            status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
            message TEXT NOT NULL DEFAULT '',
            version_id INTEGER REFERENCES versions(id),
            created_at TEXT NOT NULL,
            finished_at TEXT)""",
        "CREATE INDEX jobs_batch ON jobs(batch)",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            by INTEGER,
            at TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            old TEXT,
            new TEXT)""",
    ],
    [
        # Findings of the overlap detector, one row per finding key and government.
        # A re-run updates rows in place (same key), marks vanished ones not present
        # and deletes those nobody decided on; decisions are kept apart, keyed by the
        # finding key, so they survive re-detection.
        """CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            government_id INTEGER NOT NULL REFERENCES governments(id),
            key TEXT NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('departments', 'divisions')),
            kind TEXT NOT NULL,
            topic TEXT NOT NULL DEFAULT '',
            score REAL NOT NULL,
            department_a TEXT NOT NULL,
            department_b TEXT NOT NULL,
            data_json TEXT NOT NULL,
            present INTEGER NOT NULL DEFAULT 1,
            first_detected_at TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            UNIQUE (government_id, key))""",
        "CREATE INDEX findings_list ON findings(government_id, present, score)",
        """CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            government_id INTEGER NOT NULL,
            finding_key TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
            lead TEXT,
            assisting_json TEXT NOT NULL DEFAULT '[]',
            division_of_work TEXT NOT NULL DEFAULT '',
            matter TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            by INTEGER REFERENCES users(id),
            at TEXT NOT NULL,
            UNIQUE (government_id, finding_key))""",
        # One row per government: `requested` counts requests for a run, `completed`
        # is the request count the last finished run covered; a run is pending while
        # requested > completed (works across worker processes).
        """CREATE TABLE detection_runs (
            government_id INTEGER PRIMARY KEY,
            requested INTEGER NOT NULL DEFAULT 0,
            completed INTEGER NOT NULL DEFAULT 0,
            started_at TEXT,
            finished_at TEXT,
            notes_json TEXT NOT NULL DEFAULT '[]',
            message TEXT NOT NULL DEFAULT '',
            departments INTEGER NOT NULL DEFAULT 0,
            items INTEGER NOT NULL DEFAULT 0)""",
    ],
    [
        # Survey rounds (评议轮次). Back-to-back: `responses` has no column, id
        # order or time finer than the day that links it to `tokens` or `raters`;
        # its ids are random 63-bit integers. `submissions` (one row per used
        # token, written in the same transaction as the response) enforces one
        # response per token; `public_guards` holds hashes of (round, department,
        # respondent cookie) for one public answer per person. Tables keyed by a
        # hash are WITHOUT ROWID, so no hidden rowid keeps the order of writes.
        """CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            government_id INTEGER NOT NULL REFERENCES governments(id),
            kind TEXT NOT NULL CHECK (kind IN ('county', 'public')),
            name TEXT NOT NULL,
            year INTEGER NOT NULL,
            opens TEXT,
            closes TEXT,
            scale_json TEXT NOT NULL,
            groups_json TEXT NOT NULL,
            k_min INTEGER NOT NULL DEFAULT 5,
            trim TEXT NOT NULL DEFAULT '{"count": 1, "min_answers": 7}',
            anonymous INTEGER NOT NULL DEFAULT 1,
            access_code TEXT,
            departments_json TEXT NOT NULL,
            token_salt TEXT NOT NULL,
            created_by INTEGER REFERENCES users(id),
            created_at TEXT NOT NULL,
            closed_at TEXT)""",
        """CREATE TABLE raters (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            name TEXT NOT NULL,
            unit TEXT NOT NULL,
            group_name TEXT NOT NULL,
            departments_json TEXT NOT NULL DEFAULT '[]',
            UNIQUE (round_id, unit, name))""",
        """CREATE TABLE tokens (
            token_hash TEXT PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            rater_id INTEGER NOT NULL UNIQUE REFERENCES raters(id),
            used INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID""",
        "CREATE INDEX tokens_round ON tokens(round_id, used)",
        """CREATE TABLE drafts (
            token_hash TEXT PRIMARY KEY,
            answers_json TEXT NOT NULL) WITHOUT ROWID""",
        """CREATE TABLE responses (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id),
            group_name TEXT NOT NULL,
            day TEXT NOT NULL,
            answers_json TEXT NOT NULL)""",
        "CREATE INDEX responses_round ON responses(round_id)",
        """CREATE TABLE submissions (
            token_hash TEXT PRIMARY KEY) WITHOUT ROWID""",
        """CREATE TABLE public_guards (
            hash TEXT PRIMARY KEY) WITHOUT ROWID""",
    ],
]
# Areas with their own store module append their schema here, in this order.
MIGRATIONS.append(store_evaluations.SCHEMA)  # version 4
MIGRATIONS.append(store_reform.SCHEMA)  # version 5
MIGRATIONS.append([  # version 6: public survey links carry a random key, not the round's id
    "ALTER TABLE rounds ADD COLUMN public_key TEXT",
    "UPDATE rounds SET public_key = lower(hex(randomblob(9)))",
    "CREATE UNIQUE INDEX rounds_public_key ON rounds(public_key)",
])
# Version 7: a submission is one INSERT into a view whose trigger does every write, so
# SQLite's write lock is held only while SQLite runs (see _one_statement_transaction).
MIGRATIONS.append([
    """CREATE VIEW submit_rating (token_hash, response_id, day, answers_json) AS
        SELECT NULL, NULL, NULL, NULL WHERE 0""",
    """CREATE TRIGGER submit_rating INSTEAD OF INSERT ON submit_rating BEGIN
        SELECT RAISE(ABORT, 'unknown')
            WHERE NOT EXISTS (SELECT 1 FROM tokens WHERE token_hash = NEW.token_hash);
        SELECT RAISE(ABORT, 'closed') FROM tokens JOIN rounds ON rounds.id = tokens.round_id
            WHERE tokens.token_hash = NEW.token_hash AND coalesce(rounds.closed_at, '') != '';
        INSERT INTO submissions (token_hash) VALUES (NEW.token_hash);
        INSERT INTO responses (id, round_id, group_name, day, answers_json)
            SELECT NEW.response_id, tokens.round_id, raters.group_name, NEW.day, NEW.answers_json
            FROM tokens JOIN raters ON raters.id = tokens.rater_id WHERE tokens.token_hash = NEW.token_hash;
        UPDATE tokens SET used = 1 WHERE token_hash = NEW.token_hash;
        DELETE FROM drafts WHERE token_hash = NEW.token_hash;
    END""",
    """CREATE VIEW submit_public (round_id, guard, response_id, group_name, day, answers_json) AS
        SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0""",
    """CREATE TRIGGER submit_public INSTEAD OF INSERT ON submit_public BEGIN
        SELECT RAISE(ABORT, 'closed') WHERE NOT EXISTS
            (SELECT 1 FROM rounds WHERE id = NEW.round_id AND coalesce(closed_at, '') = '');
        INSERT INTO public_guards (hash) VALUES (NEW.guard);
        INSERT INTO responses (id, round_id, group_name, day, answers_json)
            VALUES (NEW.response_id, NEW.round_id, NEW.group_name, NEW.day, NEW.answers_json);
    END""",
])
# Version 8: tokens indexed by round only. Marking a token used moved its entry within an
# index on (round_id, used): 2.3 of the 12 pages a county submission wrote to the WAL,
# and each page is written again by the checkpoint (bench/survey_writes.py).
MIGRATIONS.append([
    "DROP INDEX tokens_round",
    "CREATE INDEX tokens_round ON tokens(round_id)",
])
# Version 9: back-to-back that survives the file (see the survey section below). Ratings are
# sealed ballots until the round closes; a token's use is a flag flipped in place on a row made
# at import, keyed by a hash the stored token hash cannot be turned into; drafts are sealed
# with the token. Existing links are re-derived with the secret key to make their rows.
V9_SCHEMA = [
    "DROP TRIGGER submit_rating",
    "DROP VIEW submit_rating",
    "ALTER TABLE drafts RENAME TO legacy_drafts",
    """CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL) WITHOUT ROWID""",
    """CREATE TABLE token_uses (
        mark TEXT PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        used INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID""",
    "CREATE INDEX token_uses_round ON token_uses(round_id)",
    """CREATE TABLE ballots (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        sealed BLOB NOT NULL)""",
    "CREATE INDEX ballots_round ON ballots(round_id)",
    """CREATE TABLE round_progress (
        round_id INTEGER PRIMARY KEY REFERENCES rounds(id),
        taken_at TEXT NOT NULL,
        units_json TEXT NOT NULL)""",
    """CREATE VIEW submit_ballot (mark, draft_id, sealed) AS SELECT NULL, NULL, NULL WHERE 0""",
    """CREATE TRIGGER submit_ballot INSTEAD OF INSERT ON submit_ballot BEGIN
        SELECT RAISE(ABORT, 'unknown') WHERE NOT EXISTS (SELECT 1 FROM token_uses WHERE mark = NEW.mark);
        SELECT RAISE(ABORT, 'used') FROM token_uses WHERE mark = NEW.mark AND used = 1;
        SELECT RAISE(ABORT, 'closed') FROM token_uses JOIN rounds ON rounds.id = token_uses.round_id
            WHERE token_uses.mark = NEW.mark AND coalesce(rounds.closed_at, '') != '';
        UPDATE token_uses SET used = 1 WHERE mark = NEW.mark;
        INSERT INTO ballots (round_id, sealed) SELECT round_id, NEW.sealed FROM token_uses WHERE mark = NEW.mark;
        DELETE FROM drafts WHERE id = NEW.draft_id;
    END""",
]


def _v9_sealed_ballots(db, secret: str | None) -> None:
    """Version 9 (see V9_SCHEMA): make every existing link's use flag and seal its draft."""
    for statement in V9_SCHEMA:
        db.execute(statement)
    links = rows(db, """SELECT tokens.token_hash, tokens.round_id, tokens.rater_id, tokens.used,
        rounds.token_salt, legacy_drafts.answers_json AS draft FROM tokens
        JOIN rounds ON rounds.id = tokens.round_id
        LEFT JOIN legacy_drafts ON legacy_drafts.token_hash = tokens.token_hash""")
    if links and not secret:
        raise StoreError("升级数据库需要服务器密钥（SANDING_SECRET_KEY 或 instance/secret_key）：评议链接要用它重新推导。")
    uses, drafts = [], []
    for link in links:
        token = derive_token(secret, link["token_salt"], link["round_id"], link["rater_id"])
        if token_hash(token) != link["token_hash"]:
            raise StoreError("服务器密钥与数据库中的评议链接不符（密钥已更换？），未升级。请用原来的密钥。")
        uses.append((use_mark(token), link["round_id"], link["used"]))
        if link["draft"] and not link["used"]:
            drafts.append((draft_id(token), ballots.seal(draft_key(token), json.loads(link["draft"]),
                                                         ballots.DRAFT_CONTEXT)))
    # Sorted by the hashes, so that where a row sits says nothing about whose it is.
    db.conn.executemany("INSERT INTO token_uses (mark, round_id, used) VALUES (?, ?, ?)", sorted(uses))
    db.conn.executemany("INSERT INTO drafts (id, sealed) VALUES (?, ?)", sorted(drafts))
    for statement in ("DROP TABLE legacy_drafts", "DROP TABLE submissions", "ALTER TABLE tokens DROP COLUMN used"):
        db.execute(statement)


MIGRATIONS.append(_v9_sealed_ballots)
SCHEMA_VERSION = len(MIGRATIONS)
KINDS = ("overlap", "lead_assist", "settled")
DECISION_STATES = ("open", "confirmed", "dismissed")


def now() -> str:
    """The current UTC time as an ISO string (second precision)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# --- connections, transactions, migrations ---------------------------------

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
    with _busy_timeout(conn, 0):
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


def _one_statement_transaction(db: sqlite_utils.Database, sql: str, params: list) -> None:
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
def _busy_timeout(conn: sqlite3.Connection, ms: int) -> Iterator[None]:
    """Run the block with another busy timeout, then restore the connection's usual one."""
    conn.execute(f"PRAGMA busy_timeout={int(ms)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in the database (0 for an empty file)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT version FROM schema_version").fetchone()
    return row[0] if row else 0


def migrate(db: sqlite_utils.Database, migrations: list | None = None, *,
            secret: str | None = None) -> int:
    """Upgrade the schema in one transaction; refuse a database newer than this code.

    `secret` (the server's secret key) is needed where an upgrade re-derives rater
    links (version 9); without it such an upgrade is refused.
    """
    migrations = MIGRATIONS if migrations is None else migrations
    with transaction(db):
        db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = schema_version(db)
        if current > len(migrations):
            raise StoreError(
                f"数据库结构版本为 {current}，高于本程序支持的版本 {len(migrations)}。"
                "请升级 sanding 后再打开此数据库。"
            )
        for step in migrations[current:]:
            if callable(step):
                step(db, secret)
                continue
            for statement in step:
                db.execute(statement)
        db.execute("DELETE FROM schema_version")
        db.execute("INSERT INTO schema_version (version) VALUES (?)", [len(migrations)])
    return len(migrations)


def open_db(path: str | Path, secret: str | None = None) -> sqlite_utils.Database:
    """Connect and bring the schema up to date (creates the file if needed; see `migrate`)."""
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = None
    try:
        db = connect(path)
        migrate(db, secret=secret)
    except sqlite3.DatabaseError as error:
        if db is not None:
            db.close()
        raise StoreError(f"无法打开数据库 {path}：文件已损坏或不是 SQLite 数据库（{error}）。") from error
    except StoreError:
        db.close()
        raise
    return db


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


# --- audit ------------------------------------------------------------------

def audit(db, by: int | None, action: str, entity: str, old: Any = None, new: Any = None) -> None:
    """Record one change: who, when, what, and the old and new values as JSON."""
    def encode(value):
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)
    db.execute(
        "INSERT INTO audit (by, at, action, entity, old, new) VALUES (?, ?, ?, ?, ?, ?)",
        [by, now(), action, entity, encode(old), encode(new)],
    )


def list_audit(db, limit: int = 200) -> list[dict]:
    """The newest audit entries with the actor's username."""
    return rows(db, """SELECT audit.*, users.username FROM audit
        LEFT JOIN users ON users.id = audit.by ORDER BY audit.id DESC LIMIT ?""", [limit])


# --- users --------------------------------------------------------------------

def add_user(db, username: str, password_hash: str, role: str, display_name: str = "",
             by: int | None = None, session_token: str = "") -> int:
    """Create a user; raises StoreError if the name is taken or the role unknown."""
    if role not in ROLES:
        raise StoreError(f"未知角色：{role}")
    with transaction(db):
        if get_user_by_name(db, username):
            raise StoreError(f"用户名已存在：{username}")
        cursor = db.execute(
            """INSERT INTO users (username, password_hash, role, display_name, session_token,
               created_at) VALUES (?, ?, ?, ?, ?, ?)""",
            [username, password_hash, role, display_name, session_token, now()],
        )
        audit(db, by, "add_user", f"user:{cursor.lastrowid}", None,
              {"username": username, "role": role, "display_name": display_name})
    return cursor.lastrowid


def get_user(db, user_id: int) -> dict | None:
    return one(db, "SELECT * FROM users WHERE id = ?", [user_id])


def get_user_by_name(db, username: str) -> dict | None:
    return one(db, "SELECT * FROM users WHERE username = ?", [username])


def list_users(db) -> list[dict]:
    return rows(db, "SELECT id, username, role, display_name, active, created_at FROM users ORDER BY id")


def set_session_token(db, user_id: int, token: str) -> None:
    """Replace the token that signed-in sessions carry; old sessions stop working."""
    with transaction(db):
        db.execute("UPDATE users SET session_token = ? WHERE id = ?", [token, user_id])


def record_login_failure(db, username: str) -> None:
    with transaction(db):
        db.execute("INSERT INTO login_failures (username, at) VALUES (?, ?)", [username, now()])


def count_login_failures(db, username: str, since: str) -> int:
    row = db.execute("SELECT count(*) FROM login_failures WHERE username = ? AND at >= ?",
                     [username, since]).fetchone()
    return row[0]


def clear_login_failures(db, username: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM login_failures WHERE username = ?", [username])


# --- governments, departments, versions --------------------------------------

def _get_or_create_government(db, name: str, level: str | None) -> int:
    row = one(db, "SELECT id FROM governments WHERE name = ?", [name])
    if row:
        return row["id"]
    return db.execute("INSERT INTO governments (name, level) VALUES (?, ?)", [name, level]).lastrowid


def _get_or_create_department(db, government_id: int, name: str) -> int:
    row = one(db, "SELECT id FROM departments WHERE government_id = ? AND name = ?",
              [government_id, name])
    if row:
        return row["id"]
    return db.execute("INSERT INTO departments (government_id, name) VALUES (?, ?)",
                      [government_id, name]).lastrowid


def find_version_by_sha256(db, sha256: str) -> dict | None:
    return one(db, "SELECT * FROM versions WHERE sha256 = ?", [sha256])


def store_parsed(db, doc_dict: dict, corrected: dict, *, file_name: str, stored_name: str,
                 sha256: str, by: int | None, government: str, department: str,
                 level: str | None = None) -> tuple[int, bool]:
    """Store one parsed file in one transaction; returns (version id, created).

    `doc_dict` is the parser's output as is, `corrected` the same with staff
    corrections applied (it fills the items table). A file already stored
    (same sha256) is updated in place, so its id and corrections stay.
    """
    with transaction(db):
        government_id = _get_or_create_government(db, government, level)
        department_id = _get_or_create_department(db, government_id, department)
        existing = find_version_by_sha256(db, sha256)
        values = {
            "department_id": department_id, "format": doc_dict.get("format") or "",
            "title": doc_dict.get("title"), "parsed_at": now(),
            "parsed_json": json.dumps(doc_dict, ensure_ascii=False),
            "warnings_json": json.dumps(corrected.get("warnings", []), ensure_ascii=False),
        }
        if existing:
            version_id = existing["id"]
            sets = ", ".join(f"{key} = :{key}" for key in values)
            db.execute(f"UPDATE versions SET {sets} WHERE id = :id", {**values, "id": version_id})
            audit(db, by, "reparse", f"version:{version_id}",
                  {"department_id": existing["department_id"]}, {"department_id": department_id,
                                                                  "file_name": file_name})
        else:
            values.update(file_name=file_name, stored_name=stored_name, sha256=sha256,
                          uploaded_at=now(), uploaded_by=by)
            columns = ", ".join(values)
            marks = ", ".join(f":{key}" for key in values)
            version_id = db.execute(f"INSERT INTO versions ({columns}) VALUES ({marks})",
                                    values).lastrowid
            audit(db, by, "upload", f"version:{version_id}", None,
                  {"file_name": file_name, "sha256": sha256, "department": department,
                   "government": government})
        _replace_items(db, version_id, corrected)
        _drop_empty_departments(db)
    return version_id, existing is None


def _replace_items(db, version_id: int, doc: dict) -> None:
    """Rewrite the item rows of one version from a (corrected) document dict."""
    db.execute("DELETE FROM items WHERE version_id = ?", [version_id])
    records = []
    for duty in doc.get("duties", []):
        records.append((version_id, "duties", None, duty["no"], duty.get("label", ""),
                        duty["text"], duty.get("text_simplified") or duty["text"],
                        int(bool(duty.get("boilerplate")))))
    for division in doc.get("divisions", []):
        for no, text in enumerate(division.get("duties", []), start=1):
            records.append((version_id, "divisions", division["name"], no, "", text, text, 0))
    for labour in doc.get("divisions_of_labour", []):
        records.append((version_id, "labour", None, labour["no"], "", labour["text"],
                        labour["text"], 0))
    db.conn.executemany(
        """INSERT INTO items (version_id, section, division, no, label, text, text_simplified,
           boilerplate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", records)


def _drop_empty_departments(db) -> None:
    """Remove departments without versions and governments without departments.

    A dropped government's findings and run state go with it; decisions stay
    (their finding keys hash the government's name, so they never match another's).
    """
    db.execute("""DELETE FROM departments WHERE id NOT IN (SELECT department_id FROM versions)""")
    empty = ("SELECT id FROM governments WHERE id NOT IN (SELECT government_id FROM departments)"
             " AND id NOT IN (SELECT government_id FROM rounds)")
    db.execute(f"DELETE FROM findings WHERE government_id IN ({empty})")
    db.execute(f"DELETE FROM detection_runs WHERE government_id IN ({empty})")
    db.execute(f"DELETE FROM governments WHERE id IN ({empty})")


def list_governments(db) -> list[dict]:
    """Governments with their departments and each department's versions."""
    governments = rows(db, "SELECT * FROM governments ORDER BY name = ?, name", [UNKNOWN_GOVERNMENT])
    departments = rows(db, """SELECT departments.*, count(versions.id) AS version_count
        FROM departments LEFT JOIN versions ON versions.department_id = departments.id
        GROUP BY departments.id ORDER BY departments.name""")
    versions = list_versions(db)
    for department in departments:
        department["versions"] = [v for v in versions if v["department_id"] == department["id"]]
    for government in governments:
        government["departments"] = [d for d in departments if d["government_id"] == government["id"]]
    return governments


def list_versions(db, department_id: int | None = None) -> list[dict]:
    """Version rows (without the JSON) newest first, optionally of one department."""
    sql = """SELECT versions.id, department_id, file_name, sha256, format, title, uploaded_at,
        parsed_at, users.username AS uploaded_by_name FROM versions
        LEFT JOIN users ON users.id = versions.uploaded_by"""
    params: list = []
    if department_id is not None:
        sql += " WHERE department_id = ?"
        params.append(department_id)
    return rows(db, sql + " ORDER BY versions.id DESC", params)


def get_version(db, version_id: int) -> dict | None:
    """One version with its department and government names and parsed JSON decoded."""
    row = one(db, """SELECT versions.*, departments.name AS department_name,
        governments.name AS government_name, governments.id AS government_id,
        users.username AS uploaded_by_name
        FROM versions JOIN departments ON departments.id = versions.department_id
        JOIN governments ON governments.id = departments.government_id
        LEFT JOIN users ON users.id = versions.uploaded_by WHERE versions.id = ?""", [version_id])
    if row:
        row["parsed"] = json.loads(row.pop("parsed_json"))
        row["warnings"] = json.loads(row.pop("warnings_json"))
    return row


def list_items(db, version_id: int) -> list[dict]:
    return rows(db, "SELECT * FROM items WHERE version_id = ? ORDER BY id", [version_id])


def count(db, table: str) -> int:
    """Row count of one of the platform's tables."""
    if table not in db.table_names():
        raise StoreError(f"没有这个表：{table}")
    return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


# --- corrections ------------------------------------------------------------

def list_corrections(db, sha256: str) -> list[dict]:
    """Corrections of one file in the order they were made."""
    return rows(db, """SELECT corrections.*, users.username AS by_name FROM corrections
        LEFT JOIN users ON users.id = corrections.by WHERE sha256 = ? ORDER BY corrections.id""",
                [sha256])


def add_correction(db, sha256: str, correction: dict, by: int | None,
                   corrected: dict, version_id: int) -> int:
    """Store a correction and the items it produces, in one transaction."""
    with transaction(db):
        cursor = db.execute(
            """INSERT INTO corrections (sha256, section, division, position, action, offset,
               expect, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [sha256, correction["section"], correction.get("division"), correction["position"],
             correction["action"], correction.get("offset"), correction.get("expect"), by, now()])
        db.execute("UPDATE versions SET warnings_json = ? WHERE id = ?",
                   [json.dumps(corrected.get("warnings", []), ensure_ascii=False), version_id])
        _replace_items(db, version_id, corrected)
        audit(db, by, f"correction_{correction['action']}", f"version:{version_id}",
              None, {**correction, "correction_id": cursor.lastrowid})
    return cursor.lastrowid


# --- jobs --------------------------------------------------------------------

def add_job(db, batch: str, user_id: int | None, file_name: str, stored_name: str | None,
            status: str = "queued", message: str = "") -> int:
    with transaction(db):
        cursor = db.execute(
            """INSERT INTO jobs (batch, user_id, file_name, stored_name, status, message,
               created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [batch, user_id, file_name, stored_name, status, message, now(),
             now() if status in ("done", "failed") else None])
    return cursor.lastrowid


def update_job(db, job_id: int, status: str, message: str = "",
               version_id: int | None = None) -> None:
    finished = now() if status in ("done", "failed") else None
    with transaction(db):
        db.execute("""UPDATE jobs SET status = ?, message = ?, version_id = ?, finished_at = ?
                   WHERE id = ?""", [status, message, version_id, finished, job_id])


def get_job(db, job_id: int) -> dict | None:
    return one(db, "SELECT * FROM jobs WHERE id = ?", [job_id])


def list_jobs(db, batch: str) -> list[dict]:
    return rows(db, "SELECT * FROM jobs WHERE batch = ? ORDER BY id", [batch])


def unfinished_jobs(db) -> list[dict]:
    return rows(db, "SELECT * FROM jobs WHERE status IN ('queued', 'running') ORDER BY id")


# --- governments of the overlap pages ------------------------------------------

def get_government(db, government_id: int) -> dict | None:
    return one(db, "SELECT * FROM governments WHERE id = ?", [government_id])


def get_government_by_name(db, name: str) -> dict | None:
    return one(db, "SELECT * FROM governments WHERE name = ?", [name])


def get_department(db, department_id: int) -> dict | None:
    """One department with its government's name."""
    return one(db, """SELECT departments.*, governments.name AS government_name
        FROM departments JOIN governments ON governments.id = departments.government_id
        WHERE departments.id = ?""", [department_id])


def department_ids(db, government_id: int) -> dict[str, int]:
    """Department name → id within one government."""
    return {row["name"]: row["id"] for row in rows(
        db, "SELECT id, name FROM departments WHERE government_id = ?", [government_id])}


def government_versions(db, government_id: int) -> list[dict]:
    """Every version of the government's departments, oldest first, parsed JSON decoded."""
    found = rows(db, """SELECT versions.id, versions.sha256, versions.file_name,
        versions.parsed_json, departments.name AS department_name FROM versions
        JOIN departments ON departments.id = versions.department_id
        WHERE departments.government_id = ? ORDER BY versions.id""", [government_id])
    for row in found:
        row["parsed"] = json.loads(row.pop("parsed_json"))
    return found


# --- overlap detection runs and findings -------------------------------------------

def request_detection(db, government_id: int) -> int:
    """Record that the government's findings are out of date; returns the request count."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id, requested) VALUES (?, 1)
            ON CONFLICT(government_id) DO UPDATE SET requested = requested + 1""", [government_id])
        return one(db, "SELECT requested FROM detection_runs WHERE government_id = ?",
                   [government_id])["requested"]


def start_detection(db, government_id: int) -> int:
    """Mark a run as started; returns the request count it covers."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("UPDATE detection_runs SET started_at = ? WHERE government_id = ?",
                   [now(), government_id])
        return one(db, "SELECT requested FROM detection_runs WHERE government_id = ?",
                   [government_id])["requested"]


def get_detection(db, government_id: int) -> dict:
    """The government's run state: pending, finished_at, notes, message, counts."""
    row = one(db, "SELECT * FROM detection_runs WHERE government_id = ?", [government_id]) or {
        "government_id": government_id, "requested": 0, "completed": 0, "started_at": None,
        "finished_at": None, "notes_json": "[]", "message": "", "departments": 0, "items": 0}
    row["notes"] = json.loads(row.pop("notes_json"))
    row["pending"] = row["requested"] > row["completed"]
    return row


def save_findings(db, government_id: int, findings: list[dict], *, generation: int,
                  notes: list[str], departments: int, items: int) -> dict:
    """Replace the government's findings with a run's result in one transaction.

    Each finding dict is `Finding.to_dict()` plus `scope` ('departments' or
    'divisions'). Rows with the same key are updated; rows the run no longer
    finds are kept as not present if someone decided on them, deleted otherwise.
    Returns counts: found, new, gone.
    """
    at = now()
    with transaction(db):
        before = {row["key"] for row in rows(
            db, "SELECT key FROM findings WHERE government_id = ? AND present = 1", [government_id])}
        db.execute("UPDATE findings SET present = 0 WHERE government_id = ?", [government_id])
        records = [(government_id, f["key"], f["scope"], f["kind"], f.get("topic") or "",
                    float(f["score"]), f["a"]["department"], f["b"]["department"],
                    json.dumps(f, ensure_ascii=False), at, at) for f in findings]
        db.conn.executemany(
            """INSERT INTO findings (government_id, key, scope, kind, topic, score, department_a,
               department_b, data_json, present, first_detected_at, detected_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
               ON CONFLICT(government_id, key) DO UPDATE SET scope = excluded.scope,
               kind = excluded.kind, topic = excluded.topic, score = excluded.score,
               department_a = excluded.department_a, department_b = excluded.department_b,
               data_json = excluded.data_json, present = 1, detected_at = excluded.detected_at""",
            records)
        db.execute("""DELETE FROM findings WHERE government_id = ? AND present = 0 AND key NOT IN
            (SELECT finding_key FROM decisions WHERE government_id = ?)""",
                   [government_id, government_id])
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("""UPDATE detection_runs SET completed = max(completed, ?), finished_at = ?,
            notes_json = ?, message = '', departments = ?, items = ? WHERE government_id = ?""",
                   [generation, at, json.dumps(notes, ensure_ascii=False), departments, items,
                    government_id])
    found = {f["key"] for f in findings}
    return {"found": len(found), "new": len(found - before), "gone": len(before - found)}


def detection_failed(db, government_id: int, generation: int, message: str) -> None:
    """Record a failed run; the earlier findings stay as they were."""
    with transaction(db):
        db.execute("""INSERT INTO detection_runs (government_id) VALUES (?)
            ON CONFLICT(government_id) DO NOTHING""", [government_id])
        db.execute("""UPDATE detection_runs SET completed = max(completed, ?), finished_at = ?,
            message = ? WHERE government_id = ?""", [generation, now(), message, government_id])


def fail_pending_detections(db, message: str) -> int:
    """Close runs a stopped server left pending (with `message`); returns how many."""
    with transaction(db):
        return db.execute("""UPDATE detection_runs SET completed = requested, finished_at = ?,
            message = ? WHERE requested > completed""", [now(), message]).rowcount


_FINDING_SELECT = """SELECT findings.*, coalesce(decisions.status, 'open') AS status,
    decisions.lead, decisions.assisting_json, decisions.division_of_work, decisions.matter,
    decisions.reason, decisions.at AS decided_at, users.username AS decided_by
    FROM findings LEFT JOIN decisions ON decisions.government_id = findings.government_id
    AND decisions.finding_key = findings.key
    LEFT JOIN users ON users.id = decisions.by"""


def _decode_finding(row: dict) -> dict:
    row["data"] = json.loads(row.pop("data_json"))
    row["assisting"] = json.loads(row.pop("assisting_json") or "[]")
    return row


def list_findings(db, government_id: int, *, department: str | None = None,
                  kind: str | None = None, topic: str | None = None,
                  min_score: float | None = None, status: str | None = None,
                  scope: str | None = None, present: bool = True) -> list[dict]:
    """Findings of a government (best first) with their decision, filtered in SQL."""
    sql = _FINDING_SELECT + " WHERE findings.government_id = ? AND findings.present = ?"
    params: list = [government_id, int(present)]
    if department:
        sql += " AND (findings.department_a = ? OR findings.department_b = ?)"
        params += [department, department]
    for column, value in (("findings.kind", kind), ("findings.topic", topic),
                          ("findings.scope", scope),
                          ("coalesce(decisions.status, 'open')", status)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if min_score is not None:
        sql += " AND findings.score >= ?"
        params.append(min_score)
    sql += " ORDER BY findings.score DESC, findings.id"
    return [_decode_finding(row) for row in rows(db, sql, params)]


def finding_facets(db, government_id: int, department: str | None = None) -> dict:
    """Counts of present findings by kind and by status, and the departments and topics found."""
    where = "findings.government_id = ? AND findings.present = 1"
    params: list = [government_id]
    if department:
        where += " AND (findings.department_a = ? OR findings.department_b = ?)"
        params += [department, department]
    join = """FROM findings LEFT JOIN decisions ON decisions.government_id = findings.government_id
        AND decisions.finding_key = findings.key WHERE """ + where
    by_kind = {row["kind"]: row["n"] for row in rows(
        db, f"SELECT findings.kind, count(*) AS n {join} GROUP BY findings.kind", params)}
    by_status = {row["status"]: row["n"] for row in rows(
        db, f"SELECT coalesce(decisions.status, 'open') AS status, count(*) AS n {join} "
            "GROUP BY 1", params)}
    cells = {(row["kind"], row["status"]): row["n"] for row in rows(
        db, f"SELECT findings.kind, coalesce(decisions.status, 'open') AS status, count(*) AS n "
            f"{join} GROUP BY 1, 2", params)}
    topics = [row["topic"] for row in rows(
        db, f"SELECT DISTINCT findings.topic {join} ORDER BY findings.topic = '其他', findings.topic",
        params)]
    departments = sorted({row["name"] for row in rows(
        db, f"""SELECT findings.department_a AS name {join} UNION
            SELECT findings.department_b {join}""", params + params)})
    return {"by_kind": by_kind, "by_status": by_status, "cells": cells, "topics": topics,
            "departments": departments, "total": sum(by_kind.values())}


def get_finding(db, government_id: int, key: str) -> dict | None:
    """One finding (present or not) with its decision."""
    row = one(db, _FINDING_SELECT + " WHERE findings.government_id = ? AND findings.key = ?",
              [government_id, key])
    return _decode_finding(row) if row else None


def list_decisions(db, government_id: int) -> list[dict]:
    """Every decision of a government (also for findings no longer detected)."""
    found = rows(db, "SELECT * FROM decisions WHERE government_id = ? ORDER BY id", [government_id])
    for row in found:
        row["assisting"] = json.loads(row.pop("assisting_json"))
    return found


def _decision_entity(government_id: int, key: str) -> str:
    return f"finding:{government_id}:{key}"


def _decision_values(row: dict | None) -> dict | None:
    if not row:
        return None
    return {"status": row["status"], "lead": row["lead"],
            "assisting": json.loads(row["assisting_json"]) if "assisting_json" in row
            else row.get("assisting", []),
            "matter": row["matter"], "division_of_work": row["division_of_work"],
            "reason": row["reason"]}


def set_decision(db, government_id: int, key: str, decision: dict, by: int | None) -> None:
    """Confirm or dismiss a finding (replacing an earlier decision); audited with old and new."""
    status = decision["status"]
    if status not in ("confirmed", "dismissed"):
        raise StoreError(f"未知的处理结果：{status}")
    values = {"status": status, "lead": decision.get("lead"),
              "assisting": list(decision.get("assisting") or []),
              "matter": decision.get("matter") or "",
              "division_of_work": decision.get("division_of_work") or "",
              "reason": decision.get("reason") or ""}
    with transaction(db):
        old = one(db, "SELECT * FROM decisions WHERE government_id = ? AND finding_key = ?",
                  [government_id, key])
        db.execute("""INSERT INTO decisions (government_id, finding_key, status, lead, assisting_json,
            division_of_work, matter, reason, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(government_id, finding_key) DO UPDATE SET status = excluded.status,
            lead = excluded.lead, assisting_json = excluded.assisting_json,
            division_of_work = excluded.division_of_work, matter = excluded.matter,
            reason = excluded.reason, by = excluded.by, at = excluded.at""",
                   [government_id, key, status, values["lead"],
                    json.dumps(values["assisting"], ensure_ascii=False),
                    values["division_of_work"], values["matter"], values["reason"], by, now()])
        audit(db, by, f"decision_{status}", _decision_entity(government_id, key),
              _decision_values(old), values)


def clear_decision(db, government_id: int, key: str, by: int | None) -> bool:
    """Put a finding back to 待处理; audited. Returns False if it had no decision."""
    with transaction(db):
        old = one(db, "SELECT * FROM decisions WHERE government_id = ? AND finding_key = ?",
                  [government_id, key])
        if not old:
            return False
        db.execute("DELETE FROM decisions WHERE id = ?", [old["id"]])
        audit(db, by, "decision_reopen", _decision_entity(government_id, key),
              _decision_values(old), None)
    return True


def audit_detection(db, by: int | None, government_id: int, name: str) -> None:
    """Record that someone asked for a new detection run."""
    with transaction(db):
        audit(db, by, "detect", f"government:{government_id}", None, {"government": name})


def governments_with_findings(db) -> list[dict]:
    """Every government with its department count, present findings by status and run state."""
    found = rows(db, """SELECT governments.id, governments.name,
        (SELECT count(*) FROM departments WHERE government_id = governments.id) AS departments,
        (SELECT count(*) FROM findings WHERE government_id = governments.id AND present = 1)
            AS findings,
        (SELECT count(*) FROM findings JOIN decisions ON decisions.government_id = findings.government_id
            AND decisions.finding_key = findings.key WHERE findings.government_id = governments.id
            AND findings.present = 1 AND decisions.status = 'confirmed') AS confirmed,
        (SELECT count(*) FROM findings JOIN decisions ON decisions.government_id = findings.government_id
            AND decisions.finding_key = findings.key WHERE findings.government_id = governments.id
            AND findings.present = 1 AND decisions.status = 'dismissed') AS dismissed,
        detection_runs.finished_at, coalesce(detection_runs.requested > detection_runs.completed, 0)
            AS pending
        FROM governments LEFT JOIN detection_runs ON detection_runs.government_id = governments.id
        ORDER BY governments.name = ?, governments.name""", [UNKNOWN_GOVERNMENT])
    for row in found:
        row["open"] = row["findings"] - row["confirmed"] - row["dismissed"]
    return found


# --- survey rounds, raters, tokens, drafts and responses ---------------------------
#
# Back-to-back (市县评作为) rules kept here, so that nobody holding the database
# file, its WAL or a backup can tie a rating to a rater:
# - a rating is a sealed ballot (survey.ballots) until the round closes; closing
#   opens all of the round's ballots in one transaction and writes them as
#   responses in random order, with random ids and the closing day, then deletes
#   the ballots (secure_delete zeroes them);
# - that a token was used is a flag flipped in place (same record size, so SQLite
#   rewrites the cell where it is) on a `token_uses` row made at import, in the
#   order of its key: a hash of the token that the stored token hash cannot be
#   turned into. Nothing is inserted when a rater submits except the sealed ballot,
#   so no table grows in an order that could be zipped with another;
# - a draft is keyed and sealed by the token (the server never stores it) and
#   deleted with the submission.
# A response row carries the round, the group, the day and the answers, nothing else.

ROUND_FIELDS = ("name", "kind", "year", "opens", "closes", "scale_json", "groups_json", "k_min",
                "trim", "anonymous", "access_code", "departments_json")
# Fields that decide what a stored response means; fixed once a round has responses.
ROUND_FROZEN = ("kind", "scale_json", "departments_json", "anonymous")
FROZEN_NAMES = {"kind": "评议类型", "scale_json": "评价等次", "departments_json": "被评议部门",
                "anonymous": "匿名设置"}


def get_or_create_government(db, name: str) -> int:
    """The id of a government by name (created, without departments, if new)."""
    with transaction(db):
        return _get_or_create_government(db, name, None)


def government_department_names(db, government_id: int) -> list[str]:
    """The names of a government's departments that have a parsed document, sorted."""
    return [row["name"] for row in rows(db, """SELECT DISTINCT departments.name FROM departments
        JOIN versions ON versions.department_id = departments.id
        WHERE departments.government_id = ? ORDER BY departments.name""", [government_id])]


def create_round(db, government_id: int, values: dict, by: int | None) -> int:
    """Create a round from encoded values (see ROUND_FIELDS); audited."""
    data = {key: values.get(key) for key in ROUND_FIELDS}
    with transaction(db):
        cursor = db.execute(
            f"""INSERT INTO rounds (government_id, {", ".join(ROUND_FIELDS)}, token_salt, public_key,
                created_by, created_at) VALUES (?, {", ".join("?" for _ in ROUND_FIELDS)}, ?, ?, ?, ?)""",
            [government_id, *data.values(), secrets.token_hex(16), secrets.token_hex(9), by, now()])
        audit(db, by, "round_create", f"round:{cursor.lastrowid}", None, _audit_round(data))
    return cursor.lastrowid


def _audit_round(values: dict) -> dict:
    """Round values for the audit log, without the access code."""
    return {key: value for key, value in values.items() if key != "access_code"}


def update_round(db, round_id: int, values: dict, by: int | None) -> None:
    """Change a round. Once it has answers, the fields in ROUND_FROZEN are fixed and k can
    only rise (lowering it afterwards would show groups it was set to hide)."""
    with transaction(db):
        old = get_round(db, round_id)
        if old is None:
            raise StoreError("评议轮次不存在")
        changes = {key: value for key, value in values.items()
                   if key in ROUND_FIELDS and old[key] != value}
        if changes and answer_count(db, round_id):
            frozen = [FROZEN_NAMES[key] for key in changes if key in ROUND_FROZEN]
            if "k_min" in changes and int(changes["k_min"]) < int(old["k_min"]):
                frozen.append(f"最少样本数 k（只能提高，不能低于 {old['k_min']}）")
            if frozen:
                raise StoreError(f"本轮已有评议结果，不能再修改{'、'.join(frozen)}")
        if not changes:
            return
        sets = ", ".join(f"{key} = ?" for key in changes)
        db.execute(f"UPDATE rounds SET {sets} WHERE id = ?", [*changes.values(), round_id])
        audit(db, by, "round_update", f"round:{round_id}",
              _audit_round({key: old[key] for key in changes}), _audit_round(changes))


def close_round(db, round_id: int, by: int | None, open_ballot: Callable[[bytes], tuple[str, list]],
                day: str) -> bool:
    """Close a round now and turn its sealed ballots into responses; False if it was closed already.

    One transaction: the round is marked closed (no ballot can arrive after
    this), each ballot is opened with `open_ballot(sealed) -> (group, answers)`,
    the responses are written in random order with random ids and `day`, and the
    ballots are deleted. If a ballot cannot be opened (another secret key), the
    error propagates and nothing changes.
    """
    with transaction(db):
        changed = db.execute("UPDATE rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
                             [now(), round_id]).rowcount
        if not changed:
            return False
        opened = [open_ballot(sealed) for (sealed,) in db.execute(
            "SELECT sealed FROM ballots WHERE round_id = ?", [round_id]).fetchall()]
        secrets.SystemRandom().shuffle(opened)
        for group, answers in opened:
            _insert_response(db, round_id, group, day, json.dumps(answers, ensure_ascii=False))
        db.execute("DELETE FROM ballots WHERE round_id = ?", [round_id])
        audit(db, by, "round_close", f"round:{round_id}", None, {"closed": True, "responses": len(opened)})
    return True


def _insert_response(db, round_id: int, group: str, day: str, answers_json: str) -> None:
    """One response row with a random 63-bit id (drawn again if taken)."""
    while True:
        try:
            db.execute("INSERT INTO responses (id, round_id, group_name, day, answers_json) VALUES (?, ?, ?, ?, ?)",
                       [secrets.randbits(63) or 1, round_id, group, day, answers_json])
            return
        except sqlite3.IntegrityError as error:
            if str(error) != "UNIQUE constraint failed: responses.id":
                raise


def get_round_by_key(db, public_key: str) -> dict | None:
    """A round by the key in its public link (/s/<key>)."""
    return one(db, """SELECT rounds.*, governments.name AS government_name FROM rounds
        JOIN governments ON governments.id = rounds.government_id WHERE rounds.public_key = ?""", [public_key])


def get_round(db, round_id: int) -> dict | None:
    """One round with its government's name."""
    return one(db, """SELECT rounds.*, governments.name AS government_name FROM rounds
        JOIN governments ON governments.id = rounds.government_id WHERE rounds.id = ?""", [round_id])


def list_rounds(db) -> list[dict]:
    """Every round, newest first, with its number of raters, its stored answers (responses
    and sealed ballots) and its last progress snapshot (`progress_at`, `progress_json`)."""
    return rows(db, """SELECT rounds.*, governments.name AS government_name,
        (SELECT count(*) FROM raters WHERE round_id = rounds.id) AS raters,
        (SELECT count(*) FROM responses WHERE round_id = rounds.id)
            + (SELECT count(*) FROM ballots WHERE round_id = rounds.id) AS answers,
        round_progress.taken_at AS progress_at, round_progress.units_json AS progress_json
        FROM rounds JOIN governments ON governments.id = rounds.government_id
        LEFT JOIN round_progress ON round_progress.round_id = rounds.id
        ORDER BY rounds.id DESC""")


def add_raters(db, round_id: int, raters: list[dict], keys_of: Callable[[int], tuple[str, str]],
               by: int | None) -> list[int]:
    """Add raters (name, unit, group, departments) with their links, all or nothing.

    `keys_of(rater_id)` gives the link's (token hash, use mark). Use marks are
    written in the order of their values, not of the raters, so that where one
    sits in the file says nothing about whose it is. A rater already in the
    round (same unit and name) refuses the whole list.
    """
    ids, marks = [], []
    with transaction(db):
        for rater in raters:
            try:
                rater_id = db.execute(
                    """INSERT INTO raters (round_id, name, unit, group_name, departments_json)
                       VALUES (?, ?, ?, ?, ?)""",
                    [round_id, rater["name"], rater["unit"], rater["group"],
                     json.dumps(rater.get("departments") or [], ensure_ascii=False)]).lastrowid
            except sqlite3.IntegrityError:
                raise StoreError(f"评议人已在本轮名单中：{rater['unit']}的{rater['name']}") from None
            hashed, mark = keys_of(rater_id)
            db.execute("INSERT INTO tokens (token_hash, round_id, rater_id) VALUES (?, ?, ?)",
                       [hashed, round_id, rater_id])
            marks.append(mark)
            ids.append(rater_id)
        db.conn.executemany("INSERT INTO token_uses (mark, round_id) VALUES (?, ?)",
                            [(mark, round_id) for mark in sorted(marks)])
        audit(db, by, "raters_import", f"round:{round_id}", None, {"raters": len(ids)})
    return ids


def list_raters(db, round_id: int) -> list[dict]:
    """The raters of a round in group, unit, name order, with `departments` (no state:
    whether a rater has submitted takes the secret key, see webapp.surveys)."""
    found = rows(db, """SELECT * FROM raters WHERE round_id = ?
        ORDER BY group_name, unit, name""", [round_id])
    for row in found:
        row["departments"] = json.loads(row.pop("departments_json"))
    return found


def used_marks(db, round_id: int) -> set[str]:
    """The use marks of a round's links that have been used."""
    return {mark for (mark,) in db.execute(
        "SELECT mark FROM token_uses WHERE round_id = ? AND used = 1", [round_id])}


_LINK_COLUMNS = {"token_hash": "tokens.token_hash", "used": "token_uses.used", "round_id": "tokens.round_id",
                 "rater_id": "raters.id", "name": "raters.name", "unit": "raters.unit",
                 "group_name": "raters.group_name", "rater_departments": "raters.departments_json",
                 "draft": "drafts.sealed"}
_FIND_RATER_LINK = f"""SELECT {", ".join(f'{column} AS "link.{key}"' for key, column in _LINK_COLUMNS.items())},
    rounds.*, governments.name AS government_name
    FROM tokens JOIN raters ON raters.id = tokens.rater_id
    JOIN rounds ON rounds.id = tokens.round_id JOIN governments ON governments.id = rounds.government_id
    LEFT JOIN token_uses ON token_uses.mark = ?
    LEFT JOIN drafts ON drafts.id = ?
    WHERE tokens.token_hash = ?"""


def find_rater_link(db, token_hash: str, mark: str, draft: str) -> tuple[dict, dict] | None:
    """The rater, use flag and sealed draft behind a link, and its round as `get_round`
    gives it (None if unknown). The caller derives `mark` and `draft` from the token.

    One statement: under load every write elsewhere empties this connection's page
    cache, and each separate read would fetch the shared pages again.
    """
    found = one(db, _FIND_RATER_LINK, [mark, draft, token_hash])
    if found is None:
        return None
    link = {key: found.pop(f"link.{key}") for key in _LINK_COLUMNS}
    link["rater_departments"] = json.loads(link["rater_departments"])
    link["used"] = bool(link["used"])
    return link, found


def save_draft(db, mark: str, draft: str, sealed: bytes) -> bool:
    """Keep a rater's sealed unfinished answers; False if the link was used meanwhile."""
    with transaction(db):
        if one(db, "SELECT 1 AS x FROM token_uses WHERE mark = ? AND used = 1", [mark]):
            return False
        db.execute("""INSERT INTO drafts (id, sealed) VALUES (?, ?)
            ON CONFLICT(id) DO UPDATE SET sealed = excluded.sealed""", [draft, sealed])
    return True


def submit_ballot(db, mark: str, draft: str, sealed: bytes) -> str:
    """Store one rater's sealed ballot once: 'ok', 'used' (already submitted), 'unknown' or 'closed'.

    One statement, one transaction (the trigger `submit_ballot`): the link's use
    flag checked and flipped in place (SQLite's write lock makes the check and
    the flip one step, so concurrent submits of one link store one ballot), the
    ballot stored, the draft deleted (secure_delete). The caller has the WAL
    emptied afterwards (webapp.checkpointer).
    """
    try:
        _one_statement_transaction(db, "INSERT INTO submit_ballot (mark, draft_id, sealed) VALUES (?, ?, ?)",
                                   [mark, draft, sealed])
        return "ok"
    except sqlite3.IntegrityError as error:
        if str(error) in ("unknown", "used", "closed"):
            return str(error)
        raise


def submit_public(db, round_id: int, group: str, answers: list[dict], day: str, guard: str) -> str:
    """Store one public answer: 'ok', 'duplicate' (guard hash seen) or 'closed'.

    The guard (a hash of round, department and the respondent's cookie id) is
    written in the same statement (the trigger `submit_public`) and is not
    linked to the response. The response gets a random 63-bit id, drawn again if taken.
    """
    data = json.dumps(answers, ensure_ascii=False)
    while True:
        try:
            _one_statement_transaction(db, """INSERT INTO submit_public (round_id, guard, response_id,
                group_name, day, answers_json) VALUES (?, ?, ?, ?, ?, ?)""",
                                       [round_id, guard, secrets.randbits(63) or 1, group, day, data])
            return "ok"
        except sqlite3.IntegrityError as error:
            message = str(error)
            if message == "UNIQUE constraint failed: responses.id":
                continue
            if message == "closed":
                return message
            if message == "UNIQUE constraint failed: public_guards.hash":
                return "duplicate"
            raise


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
        with _busy_timeout(db.conn, wait_ms):
            busy, _, _ = db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    except sqlite3.Error:
        return False


def answer_count(db, round_id: int) -> int:
    """How many answers a round has stored: responses and still sealed ballots."""
    return db.execute("""SELECT (SELECT count(*) FROM responses WHERE round_id = ?)
        + (SELECT count(*) FROM ballots WHERE round_id = ?)""", [round_id, round_id]).fetchone()[0]


def response_count(db, round_id: int) -> int:
    """How many opened responses a round has (a back-to-back round's ballots open when it closes)."""
    return db.execute("SELECT count(*) FROM responses WHERE round_id = ?", [round_id]).fetchone()[0]


def round_responses(db, round_id: int) -> list[tuple[str, list[dict]]]:
    """(group, answers) of every opened response of a round, in id (random) order."""
    return [(row[0], json.loads(row[1])) for row in db.execute(
        "SELECT group_name, answers_json FROM responses WHERE round_id = ? ORDER BY id", [round_id])]


def get_progress(db, round_id: int) -> dict | None:
    """The round's last progress snapshot: `taken_at` and `units` (see save_progress)."""
    found = one(db, "SELECT taken_at, units_json FROM round_progress WHERE round_id = ?", [round_id])
    return None if found is None else {"taken_at": found["taken_at"], "units": json.loads(found["units_json"])}


def save_progress(db, round_id: int, units: list[dict], taken_at: str) -> None:
    """Replace the round's progress snapshot (counts per group and unit, taken at `taken_at`)."""
    with transaction(db):
        db.execute("""INSERT INTO round_progress (round_id, taken_at, units_json) VALUES (?, ?, ?)
            ON CONFLICT(round_id) DO UPDATE SET taken_at = excluded.taken_at, units_json = excluded.units_json""",
                   [round_id, taken_at, json.dumps(units, ensure_ascii=False)])
