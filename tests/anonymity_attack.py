"""An attacker who holds copies of the database file (with its -wal and -shm) and tries to
tie the responses of a back-to-back round to its raters.

The attacker knows the schema (it is in the file) and the raters (names, units,
token hashes, all stored), but not the secret key or the links. Each method
turns what it reads into a guess per response: response fingerprint → rater
name. `tests/webapp/test_anonymity_attack.py` scores the guesses against the truth.
Everything is read through `sqlite_file` (our own reader of the file format),
never through SQLite, so nothing the library hides is hidden from the attack.
"""
from __future__ import annotations

import json
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_file import CorruptError, Database, Shm, Wal, write_order

HASH = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class Copy:
    """The files as copied at one moment: the database and, if present, its -wal and -shm."""
    name: str
    db: bytes
    wal: bytes | None = None
    shm: bytes | None = None
    _states: list[Database] | None = field(default=None, init=False, repr=False, compare=False)

    def states(self) -> list[Database]:
        """The database alone, then as of each commit in the WAL (the last one is what readers
        see); frames left from before the WAL restarted (stale salts) come first, applied
        commit by commit too, since their pages are older images an attacker can read.
        Read once per copy (every method reads the same states; a Database never changes)."""
        if self._states is None:
            self._states = self._read_states()
        return list(self._states)

    def _read_states(self) -> list[Database]:
        states = [Database.from_bytes(self.db)]
        if not self.wal:
            return states
        wal = Wal.from_bytes(self.wal)
        image = bytearray(self.db)
        size = wal.header.page_size if wal.header else 0
        for frame in wal.frames[len([f for f in wal.frames if f.valid]):]:
            if frame.salt_ok or not frame.page_number:
                continue
            end = frame.page_number * size
            image.extend(bytes(max(0, end - len(image))))
            image[end - size:end] = frame.data
            if frame.is_commit:
                states.append(Database.from_bytes(bytes(image[:frame.db_size * size])))
        for number in range(1, len(wal.commits) + 1):
            states.append(Database.from_bytes(wal.snapshot(self.db, number)))
        return states

    def wal_pages(self) -> list[int]:
        """Pages of the WAL's frames in the order the -shm says they were written."""
        return Shm.from_bytes(self.shm).frame_pages() if self.shm else []


Guesses = dict[str, str]  # response fingerprint -> rater name


# --- what the attacker reads --------------------------------------------------------

_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Database -> its tables()


def tables(db: Database) -> dict[str, list[str]]:
    """Table name -> column names, from the CREATE TABLE statements in the schema."""
    if db not in _TABLES:
        _TABLES[db] = _read_tables(db)
    return {table: list(columns) for table, columns in _TABLES[db].items()}


def _read_tables(db: Database) -> dict[str, list[str]]:
    found = {}
    for entry in db.schema():
        if entry.type == "table" and entry.sql and not entry.name.startswith("sqlite_"):
            body = entry.sql[entry.sql.index("(") + 1:entry.sql.rindex(")")]
            columns = []
            for part in re.split(r",(?![^()]*\))", body):
                word = part.strip().split()[0].strip('"') if part.strip() else ""
                if word and word.upper() not in ("PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"):
                    columns.append(word)
            found[entry.name] = columns
    return found


_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Database -> {key: _layout()}


def _layout(db: Database, table: str, columns: list[str]) -> tuple[list[str] | None, list[str]]:
    """How a table's rows are stored: (the column order of a WITHOUT ROWID table, else None;
    the INTEGER PRIMARY KEY columns, whose value is the rowid). Read once per database and table."""
    cache = _LAYOUTS.setdefault(db, {})
    key = (table, tuple(columns))
    if key not in cache:
        sql = next(e.sql for e in db.schema() if e.name == table)
        if "WITHOUT ROWID" in sql.upper():
            primary = re.search(r"(\w+)\s+\w+\s+PRIMARY KEY", sql)
            ordered = [primary.group(1)] + [c for c in columns if c != primary.group(1)] if primary else columns
            cache[key] = (list(ordered), [])
        else:
            cache[key] = (None, [c for c in columns if re.search(rf"\b{c}\s+INTEGER\s+PRIMARY KEY", sql)])
    return cache[key]


def row_values(db: Database, table: str, columns: list[str], row) -> dict:
    """A row as {column: value}; WITHOUT ROWID tables store their key first, an INTEGER
    PRIMARY KEY is the rowid."""
    ordered, rowid_columns = _layout(db, table, columns)
    values = list(row.values)
    if ordered is not None:
        return dict(zip(ordered, values))
    found = dict(zip(columns, values))
    for column in rowid_columns:
        found[column] = row.rowid
    return found


def rows_in_write_order(db: Database, table: str) -> list[dict]:
    """The rows of a table in the order the attacker believes they were written:
    pages by number, then cells by descending offset (SQLite fills a page downwards)."""
    columns = tables(db)[table]
    pages = db.tree(db.rootpage(table))
    order = write_order(pages)
    by_cell = {(row.page, row.offset): row for row in db.rows(table)}
    return [row_values(db, table, columns, by_cell[(cell.page, cell.offset)])
            for cell in order if (cell.page, cell.offset) in by_cell]


def raters(db: Database) -> dict[int, str]:
    """Rater id -> name."""
    return {row["id"]: row["name"] for row in rows_in_write_order(db, "raters")}


def token_owners(db: Database) -> dict[str, int]:
    """Stored token hash -> rater id."""
    return {row["token_hash"]: row["rater_id"] for row in rows_in_write_order(db, "tokens")}


def fingerprint_of(value) -> str | None:
    """The fingerprint of readable answers (a JSON list of answers with a comment), else None."""
    if not isinstance(value, str):
        return None
    try:
        answers = json.loads(value)
    except ValueError:
        return None
    if isinstance(answers, dict):
        answers = answers.get("answers", [])
    comments = [a.get("comment") for a in answers if isinstance(a, dict) and a.get("comment")]
    return comments[0] if comments else None


def readable_responses(db: Database) -> list[str]:
    """Fingerprints of every response the attacker can read, in believed write order."""
    return response_orders(db).get("responses", [])


def response_orders(db: Database) -> dict[str, list[str]]:
    """Orders of the readable responses: the rows of each table that holds them, and each
    index on such a table (an index entry ends with the row's rowid), in believed write order."""
    orders: dict[str, list[str]] = {}
    for table in tables(db):
        if table not in ("responses", "ballots"):
            continue
        by_rowid = {}
        for row in rows_in_write_order(db, table):
            for value in row.values():
                fingerprint = fingerprint_of(value)
                if fingerprint and fingerprint.startswith("意见"):
                    by_rowid[row.get("id")] = fingerprint
                    orders.setdefault(table, []).append(fingerprint)
        for entry in db.schema():
            if entry.type == "index" and entry.tbl_name == table and entry.rootpage:
                pages = db.tree(entry.rootpage)
                written = [cell.values[-1] for cell in write_order(pages)]
                found = [by_rowid[rowid] for rowid in written if rowid in by_rowid]
                if found:
                    orders[f"{table} index {entry.name}"] = found
    return orders


def identity_sequences(db: Database) -> dict[str, list[tuple[int, bool | None]]]:
    """For every table whose rows can be tied to raters: (rater id, used?) per row in write order.

    A row is tied by a stored token hash, a rater_id column or the raters table
    itself. A table of one row per rater whose rows cannot be tied (keys no
    stored value matches) is tied by position: the k-th row written to the k-th
    rater by id, as if it had been written at import in rater order.
    """
    owners, everyone = token_owners(db), sorted(raters(db))
    found = {}
    for table, columns in tables(db).items():
        written = rows_in_write_order(db, table)
        if table == "raters":
            found[table] = [(row["id"], None) for row in written]
            continue
        tied = []
        for row in written:
            rater = row.get("rater_id") if "rater_id" in columns and table != "raters" else None
            for value in row.values():
                if isinstance(value, str) and value in owners:
                    rater = owners[value]
            used = bool(row["used"]) if "used" in row else (True if table == "submissions" else None)
            tied.append((rater, used))
        if tied and all(rater is not None for rater, _ in tied):
            found[table] = tied
        elif written and len(written) == len(everyone) and "used" in columns:
            found[f"{table} (by position)"] = [(rater, bool(row["used"])) for rater, row in zip(everyone, written)]
    return found


# --- the methods ----------------------------------------------------------------------

def zip_layouts(copy: Copy) -> dict[str, Guesses]:
    """Zip each order of raters' links in use with the order of readable responses."""
    guesses = {}
    for number, db in enumerate(copy.states()):
        if not {"raters", "tokens"} <= set(tables(db)):
            continue  # a state from before the round existed
        names = raters(db)
        for source, responses in response_orders(db).items():
            for table, sequence in identity_sequences(db).items():
                used = [rater for rater, flag in sequence if flag is not False]
                for direction, ordered in (("", used), (" reversed", used[::-1])):
                    guesses[f"zip {table}{direction} with {source}, state {number}"] = {
                        fingerprint: names.get(rater, "") for fingerprint, rater in zip(responses, ordered)}
    return guesses


def _row_key(table: str, row: dict) -> tuple:
    return (table, json.dumps(row, sort_keys=True, default=repr))


def wal_commits(copy: Copy) -> dict[str, Guesses]:
    """Per WAL commit: the rater rows it changed and the responses it added, linked when one each."""
    states = copy.states()
    if len(states) < 2:
        return {}
    guesses: Guesses = {}
    for before, after in zip(states, states[1:]):
        if not {"raters", "tokens"} <= set(tables(after)):
            continue
        owners, names = token_owners(after), raters(after)
        seen = {_row_key(t, r) for t in tables(before) for r in rows_in_write_order(before, t)}
        touched, added = set(), []
        for table in tables(after):
            for row in rows_in_write_order(after, table):
                if _row_key(table, row) in seen:
                    continue
                for value in row.values():
                    if isinstance(value, str) and value in owners:
                        touched.add(owners[value])
                    fingerprint = fingerprint_of(value)
                    if fingerprint and fingerprint.startswith("意见"):
                        added.append(fingerprint)
                if "rater_id" in row and table == "tokens":
                    touched.add(row["rater_id"])
        if len(touched) == 1 and len(added) == 1:
            guesses[added[0]] = names.get(touched.pop(), "")
    return {"WAL commit by commit": guesses}


def _ratings(answers: list[dict]) -> set[tuple]:
    """What answers rate, comparable between a draft and a response: (department, label), or in a
    round with dimensions (department, dimension, label) for each dimension rated."""
    found = set()
    for answer in answers:
        if answer.get("label"):
            found.add((answer["department"], answer["label"]))
        for dimension, label in (answer.get("ratings") or {}).items():
            found.add((answer["department"], dimension, label))
    return found


def drafts_against_responses(copy: Copy, final: Database) -> dict[str, Guesses]:
    """Drafts the attacker can read and tie to a rater, matched to the final response they resemble."""
    responses = {}
    for row in rows_in_write_order(final, "responses"):
        fingerprint = fingerprint_of(row["answers_json"])
        if fingerprint:
            responses[fingerprint] = _ratings(json.loads(row["answers_json"]))
    guesses: Guesses = {}
    for db in copy.states():
        if not {"raters", "tokens", "drafts"} <= set(tables(db)):
            continue
        owners, names = token_owners(db), raters(db)
        for row in rows_in_write_order(db, "drafts"):
            owner = next((owners[v] for v in row.values() if isinstance(v, str) and v in owners), None)
            content = next((v for v in row.values() if isinstance(v, str) and v.startswith("[")), None)
            if owner is None or content is None:
                continue
            draft = _ratings(json.loads(content))
            best = max(responses, key=lambda f: len(draft & responses[f]), default=None)
            if best is not None:
                guesses[best] = names.get(owner, "")
    return {"drafts matched to responses": guesses}


def partition_by_copy(copy: Copy, final: Database) -> dict[str, Guesses]:
    """Responses readable in a copy were given by the raters whose use the copy shows: guess
    inside each side (sorted), which beats chance when both sides are known."""
    db = copy.states()[-1]
    if not {"raters", "tokens"} <= set(tables(db)):
        return {}
    names = raters(final)
    earlier = set(readable_responses(db))
    sequences = identity_sequences(db)
    guesses = {}
    for table, sequence in sequences.items():
        used_then = sorted({rater for rater, flag in sequence if flag})
        if not used_then or not earlier:
            continue
        later_raters = sorted(set(names) - set(used_then))
        everything = readable_responses(final)
        before = sorted(f for f in everything if f in earlier)
        after = sorted(f for f in everything if f not in earlier)
        guess = dict(zip(before, (names[r] for r in used_then)))
        guess.update(zip(after, (names[r] for r in later_raters)))
        guesses[f"partition by {table} in {copy.name}"] = guess
    return guesses


def zip_export(fingerprints: list[str], final: Database) -> dict[str, Guesses]:
    """The rows of a raw export (their fingerprints, in the order of the file) zipped with every
    order of raters the final database shows: rater ids, and each table tied to raters, either way."""
    names = raters(final)
    orders = {"raters by id": sorted(names)}
    for table, sequence in identity_sequences(final).items():
        orders[table] = [rater for rater, flag in sequence if flag is not False]
    guesses = {}
    for source, ordered in orders.items():
        for direction, raters_in_order in (("", ordered), (" reversed", ordered[::-1])):
            guesses[f"export zipped with {source}{direction}"] = {
                fingerprint: names.get(rater, "") for fingerprint, rater in zip(fingerprints, raters_in_order)}
    return guesses


def residue(copy: Copy, secrets_: list[bytes]) -> list[str]:
    """Which of `secrets_` (plaintext an attacker must never find) appear anywhere in the files."""
    blobs = [copy.db] + [part for part in (copy.wal, copy.shm) if part]
    return [secret.decode("utf-8", "replace") for secret in secrets_ if any(secret in blob for blob in blobs)]


METHODS: list[Callable] = [zip_layouts, wal_commits]


def attack(copies: list[Copy], final: Database) -> dict[str, Guesses]:
    """Every method on every copy (torn copies that cannot be read are skipped, as an attacker
    would take another); returns method name -> guesses."""
    found: dict[str, Guesses] = {}
    for copy in copies:
        for method in (zip_layouts, wal_commits):
            try:
                results = method(copy)
            except CorruptError:
                continue
            found.update({f"{name} [{copy.name}]": guess for name, guess in results.items()})
        for method in (drafts_against_responses, partition_by_copy):
            try:
                results = method(copy, final)
            except CorruptError:
                continue
            found.update({f"{name} [{copy.name}]": guess for name, guess in results.items()})
    return found


def score(guesses: Guesses, truth: dict[str, str]) -> int:
    """How many responses a method tied to the right rater."""
    return sum(1 for fingerprint, name in guesses.items() if truth.get(fingerprint) == name)
