"""The schema in one place: named migrations, applied in one transaction.

Migration N brings the schema to version N; a step is a list of SQL statements
or a function `(db, secret)` where an upgrade needs Python (version 9 re-derives
rater links with the secret key). A database newer than this code is refused.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from survey import ballots
from survey.tokens import derive_token, draft_id, draft_key, token_hash, use_mark

from .db import StoreError, connect, rows, transaction

# Version 1: accounts, governments, departments, 三定 versions and their items, staff
# corrections, parse jobs and the audit log.
V1_ACCOUNTS_DOCUMENTS_JOBS = [
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
]


# Version 2: overlap detection runs, their findings and staff decisions.
V2_FINDINGS = [
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
]


# Version 3: survey rounds, raters, tokens, drafts, responses and public guards.
V3_SURVEYS = [
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
]


# Version 4: indicator systems, scores and their history, conclusions, the rectification
# ledger (整改台账).
V4_EVALUATIONS: list[str] = [
    """CREATE TABLE indicator_systems (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        name TEXT NOT NULL,
        template TEXT,
        data_json TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (government_id, name))""",
    """CREATE TABLE scores (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        value REAL NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        UNIQUE (system_id, department_id, path_json))""",
    """CREATE TABLE score_changes (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        old REAL,
        new REAL,
        evidence TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    """CREATE TABLE conclusions (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        text TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, department_id))""",
    """CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        government_id INTEGER NOT NULL REFERENCES governments(id),
        rounds_json TEXT NOT NULL DEFAULT '[]',
        result_json TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL)""",
    """CREATE TABLE rectifications (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        problem TEXT NOT NULL,
        measure TEXT NOT NULL,
        owner TEXT NOT NULL,
        deadline TEXT NOT NULL,
        origin TEXT NOT NULL,
        source_ref TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT '待整改',
        closed_on TEXT,
        proof TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE rectification_history (
        id INTEGER PRIMARY KEY,
        rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
]


# Version 5: 大科室 rules, leader-post ledger snapshots, work-saturation tasks and settings.
V5_REFORM: list[str] = [
    # When a 三定 took effect (its 施行 date, or given at upload); upload order otherwise.
    "ALTER TABLE versions ADD COLUMN effective_date TEXT",
    """CREATE TABLE reform_rules (
        government_id INTEGER PRIMARY KEY REFERENCES governments(id),
        rules_json TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    """CREATE TABLE leader_snapshots (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        quarter TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        summary_json TEXT NOT NULL,
        UNIQUE (government_id, quarter))""",
    """CREATE TABLE leader_holders (
        id INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES leader_snapshots(id),
        department_id INTEGER REFERENCES departments(id),
        department_name TEXT NOT NULL,
        name TEXT NOT NULL,
        post TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT '',
        since TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE saturation_tasks (
        id INTEGER PRIMARY KEY,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        division TEXT NOT NULL,
        task TEXT NOT NULL,
        per_year REAL NOT NULL,
        hours REAL NOT NULL,
        people REAL NOT NULL,
        imported_by INTEGER REFERENCES users(id),
        imported_at TEXT NOT NULL)""",
    """CREATE TABLE saturation_settings (
        government_id INTEGER PRIMARY KEY REFERENCES governments(id),
        settings_json TEXT NOT NULL)""",
]


# Version 6: public survey links carry a random key, not the round's id.
V6_PUBLIC_KEYS = [
    "ALTER TABLE rounds ADD COLUMN public_key TEXT",
    "UPDATE rounds SET public_key = lower(hex(randomblob(9)))",
    "CREATE UNIQUE INDEX rounds_public_key ON rounds(public_key)",
]


# Version 7: a submission is one INSERT into a view whose trigger does every write, so
# SQLite's write lock is held only while SQLite runs (see one_statement_transaction).
V7_ONE_STATEMENT_SUBMISSIONS = [
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
]


# Version 8: tokens indexed by round only. Marking a token used moved its entry within an
# index on (round_id, used): 2.3 of the 12 pages a county submission wrote to the WAL,
# and each page is written again by the checkpoint (bench/survey_writes.py).
V8_TOKENS_BY_ROUND = [
    "DROP INDEX tokens_round",
    "CREATE INDEX tokens_round ON tokens(round_id)",
]


# Version 9: back-to-back that survives the file (see webapp/store/rounds.py). Ratings are
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
        raise StoreError("升级数据库需要服务器密钥（SANDING_SECRET_KEY 或 instance/secret_key）："
                         "评议链接要用它重新推导。")
    uses, drafts = _v9_uses_and_drafts(links, secret) if secret else ([], [])  # no secret: no links
    # Sorted by the hashes, so that where a row sits says nothing about whose it is.
    db.conn.executemany("INSERT INTO token_uses (mark, round_id, used) VALUES (?, ?, ?)", sorted(uses))
    db.conn.executemany("INSERT INTO drafts (id, sealed) VALUES (?, ?)", sorted(drafts))
    for statement in ("DROP TABLE legacy_drafts", "DROP TABLE submissions", "ALTER TABLE tokens DROP COLUMN used"):
        db.execute(statement)


def _v9_uses_and_drafts(links: list[dict], secret: str) -> tuple[list[tuple], list[tuple]]:
    """The token_uses rows of version 9's links and their sealed drafts (links checked against `secret`)."""
    uses, drafts = [], []
    for link in links:
        token = derive_token(secret, link["token_salt"], link["round_id"], link["rater_id"])
        if token_hash(token) != link["token_hash"]:
            raise StoreError("服务器密钥与数据库中的评议链接不符（密钥已更换？），未升级。请用原来的密钥。")
        uses.append((use_mark(token), link["round_id"], link["used"]))
        if link["draft"] and not link["used"]:
            drafts.append((draft_id(token), ballots.seal(draft_key(token), json.loads(link["draft"]),
                                                         ballots.DRAFT_CONTEXT)))
    return uses, drafts


# Version 10: the `evaluations` table was never read or written.
V10_DROP_UNUSED_EVALUATIONS = ["DROP TABLE evaluations"]

# Version 11: the department and government staff gave a file by hand (`--department`, the
# document page), keyed like corrections by the file's sha256 so that a re-parse keeps them.
V11_NAMINGS = [
    """CREATE TABLE namings (
        sha256 TEXT PRIMARY KEY,
        department TEXT,
        government TEXT,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
]

# Version 12: the year of the 文号 that issued a version (or that its 依据 names), which orders
# versions that give no 施行 date; filled from the parsed JSON where it has it, else at re-parse.
V12_DOCUMENT_YEAR = [
    "ALTER TABLE versions ADD COLUMN document_year INTEGER",
    "UPDATE versions SET document_year = json_extract(parsed_json, '$.document_year')",
]

# Version 13: an evaluator may find a leaf 不适用 for a department (its weight goes to the others).
V13_NOT_APPLICABLE = ["ALTER TABLE scores ADD COLUMN not_applicable INTEGER NOT NULL DEFAULT 0"]

# Version 14: sign-in failures counted per account and address, with growing delays instead of a
# lock anyone could trigger; the addresses an account signed in from are spared the account-wide delay.
V14_SIGN_IN_THROTTLE = [
    "ALTER TABLE login_failures ADD COLUMN address TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX login_failures_address ON login_failures(address, at)",
    """CREATE TABLE sign_in_addresses (
        username TEXT NOT NULL,
        address TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (username, address))""",
]

# Version 15: the 机构编制问题台账. A problem common to several departments is one entry
# (problem_departments); its number (问题-2026-001) is stored as assigned, never recomputed;
# evidence files live beside the database in uploads/ under generated names.
V15_PROBLEM_REGISTER = [
    """CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        number TEXT NOT NULL,
        category TEXT NOT NULL,
        description TEXT NOT NULL,
        measure TEXT NOT NULL DEFAULT '',
        found_on TEXT NOT NULL,
        source TEXT NOT NULL,
        due_on TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '待整改' CHECK (status IN ('待整改', '整改中', '已销号')),
        closed_on TEXT,
        closing_note TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (government_id, year, serial),
        UNIQUE (government_id, number))""",
    """CREATE TABLE problem_departments (
        problem_id INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
        department_id INTEGER NOT NULL REFERENCES departments(id),
        PRIMARY KEY (problem_id, department_id))""",
    "CREATE INDEX problem_departments_department ON problem_departments(department_id)",
    """CREATE TABLE problem_history (
        id INTEGER PRIMARY KEY,
        problem_id INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    "CREATE INDEX problem_history_problem ON problem_history(problem_id)",
    """CREATE TABLE problem_attachments (
        id INTEGER PRIMARY KEY,
        problem_id INTEGER NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        uploaded_by INTEGER REFERENCES users(id),
        uploaded_at TEXT NOT NULL)""",
    "CREATE INDEX problem_attachments_problem ON problem_attachments(problem_id)",
]

# Version 16: a round may rate several dimensions per department (服务基层, 工作作风 …), each on a
# scale of its own; '[]' keeps a round's one overall rating, so existing rounds read as before.
V16_ROUND_DIMENSIONS = ["ALTER TABLE rounds ADD COLUMN dimensions_json TEXT NOT NULL DEFAULT '[]'"]

# Version 17: an account may be limited to some governments (a county office sees its county).
# No row: unlimited, as every account was before. Governments are named, not referenced by id:
# a government whose last document is deleted is removed and comes back with a new id, and an
# office's account is set up before its first upload.
V17_ACCOUNT_SCOPE = [
    """CREATE TABLE account_scope (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        government TEXT NOT NULL,
        PRIMARY KEY (user_id, government))""",
]

# Version 19: 实名制 imports and the 编制 adjustment log. Each import is kept under its 数据日期
# (never replaced: the newest is current, the others are history); a unit's numbers are JSON
# (only those the sheet gave), its department's name kept as it was then. Adjustment counts
# are signed: the unit's own change.
V19_STAFFING_ROLL = [
    """CREATE TABLE roll_imports (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        as_of TEXT NOT NULL,
        file_name TEXT NOT NULL,
        imported_by INTEGER REFERENCES users(id),
        imported_at TEXT NOT NULL)""",
    "CREATE INDEX roll_imports_government ON roll_imports(government_id, as_of)",
    """CREATE TABLE roll_units (
        import_id INTEGER NOT NULL REFERENCES roll_imports(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        department_name TEXT NOT NULL,
        figures_json TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (import_id, department_id))""",
    "CREATE INDEX roll_units_department ON roll_units(department_id)",
    """CREATE TABLE staffing_adjustments (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        on_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('核增', '核减', '调整', '收回', '上划', '下沉')),
        post_kind TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count != 0),
        counterpart TEXT NOT NULL DEFAULT '',
        document_no TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL)""",
    "CREATE INDEX staffing_adjustments_department ON staffing_adjustments(department_id, on_date)",
    "CREATE INDEX staffing_adjustments_government ON staffing_adjustments(government_id, on_date)",
]

# Version 18: the 清单 registers (职责边界清单, 审批监管清单, 属地管理清单) kept over years. The draft
# (list_matters) changes only through change requests an admin decides (list_changes, which stay as
# the log); publishing copies the draft into a numbered edition that triggers keep frozen. Matter ids
# are never reused (AUTOINCREMENT): editions are compared matter by matter through them, and a new
# matter taking a removed one's id would show as that matter changed. A government with a register
# or a 行业领域 index is kept when its last document is deleted (store.documents).
V18_LISTS = [
    """CREATE TABLE lists (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        kind TEXT NOT NULL CHECK (kind IN ('boundary', 'approval', 'territorial')),
        created_at TEXT NOT NULL,
        UNIQUE (government_id, kind))""",
    """CREATE TABLE list_fields (
        government_id INTEGER NOT NULL REFERENCES governments(id),
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (government_id, name))""",
    """CREATE TABLE list_matters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        matter TEXT NOT NULL,
        field TEXT NOT NULL,
        values_json TEXT NOT NULL,
        finding_key TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (list_id, matter))""",
    "CREATE UNIQUE INDEX list_matters_finding ON list_matters(list_id, finding_key) WHERE finding_key IS NOT NULL",
    """CREATE TABLE list_changes (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        batch INTEGER,
        action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove')),
        matter_id INTEGER,
        matter TEXT NOT NULL,
        old_json TEXT,
        new_json TEXT,
        finding_key TEXT,
        reason TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        proposed_by INTEGER REFERENCES users(id),
        proposed_at TEXT NOT NULL,
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        decision_note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX list_changes_list ON list_changes(list_id, status)",
    """CREATE TABLE list_editions (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        published_on TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by INTEGER REFERENCES users(id),
        note TEXT NOT NULL DEFAULT '',
        matter_count INTEGER NOT NULL,
        fields_json TEXT NOT NULL,
        UNIQUE (list_id, number))""",
    """CREATE TABLE list_edition_matters (
        edition_id INTEGER NOT NULL REFERENCES list_editions(id),
        position INTEGER NOT NULL,
        matter_id INTEGER NOT NULL,
        matter TEXT NOT NULL,
        field TEXT NOT NULL,
        values_json TEXT NOT NULL,
        search_text TEXT NOT NULL,
        PRIMARY KEY (edition_id, position))""",
    *[f"""CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '已发布的清单版本不能修改'); END"""
      for table in ("list_editions", "list_edition_matters") for event in ("UPDATE", "DELETE")],
]

# Version 20: evaluation campaigns (评估活动). A campaign belongs to one government and gathers
# its units (departments, chosen by hand or drawn with a recorded seed and population), the
# survey rounds it draws on, phase deadlines, the 方案 and its materials list, and per unit the
# submissions (recorded by the office until units sign in: `on_behalf`), 实地 visits, evidence
# files, written feedback (`acknowledged_at` for when units can read it), reminders (`read_at`
# likewise) and links to the 整改台账 entries it raised. Records of a unit point at its row in
# campaign_units without ON DELETE CASCADE: a unit with records cannot be taken out of scope.
V20_CAMPAIGNS = [
    """CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        name TEXT NOT NULL,
        year INTEGER NOT NULL,
        system_id INTEGER REFERENCES indicator_systems(id),
        plan_text TEXT NOT NULL DEFAULT '',
        plan_published_on TEXT,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (government_id, name))""",
    """CREATE TABLE campaign_deadlines (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        phase TEXT NOT NULL CHECK (phase IN ('plan', 'self', 'review', 'feedback', 'rectify')),
        due_on TEXT NOT NULL,
        PRIMARY KEY (campaign_id, phase))""",
    """CREATE TABLE campaign_materials (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        name TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (campaign_id, name))""",
    """CREATE TABLE campaign_units (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        on_site INTEGER NOT NULL DEFAULT 0,
        added_at TEXT NOT NULL,
        PRIMARY KEY (campaign_id, department_id))""",
    "CREATE INDEX campaign_units_department ON campaign_units(department_id)",
    """CREATE TABLE campaign_draws (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        kind TEXT NOT NULL CHECK (kind IN ('scope', 'site')),
        seed INTEGER NOT NULL,
        size INTEGER NOT NULL,
        population_json TEXT NOT NULL,
        drawn_json TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    "CREATE INDEX campaign_draws_campaign ON campaign_draws(campaign_id)",
    """CREATE TABLE campaign_rounds (
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        round_id INTEGER NOT NULL REFERENCES rounds(id),
        PRIMARY KEY (campaign_id, round_id))""",
    """CREATE TABLE campaign_submissions (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        submitted_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        on_behalf INTEGER NOT NULL DEFAULT 1,
        recorded_by INTEGER REFERENCES users(id),
        recorded_at TEXT NOT NULL,
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX campaign_submissions_unit ON campaign_submissions(campaign_id, department_id)",
    """CREATE TABLE campaign_submission_materials (
        submission_id INTEGER NOT NULL REFERENCES campaign_submissions(id),
        material_id INTEGER NOT NULL REFERENCES campaign_materials(id),
        PRIMARY KEY (submission_id, material_id))""",
    "CREATE INDEX campaign_submission_materials_material ON campaign_submission_materials(material_id)",
    """CREATE TABLE campaign_visits (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        visited_on TEXT NOT NULL,
        people TEXT NOT NULL DEFAULT '',
        materials TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX campaign_visits_unit ON campaign_visits(campaign_id, department_id)",
    """CREATE TABLE campaign_files (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        submission_id INTEGER REFERENCES campaign_submissions(id),
        visit_id INTEGER REFERENCES campaign_visits(id),
        file_name TEXT NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        uploaded_by INTEGER REFERENCES users(id),
        uploaded_at TEXT NOT NULL,
        CHECK ((submission_id IS NULL) != (visit_id IS NULL)))""",
    "CREATE INDEX campaign_files_submission ON campaign_files(submission_id)",
    "CREATE INDEX campaign_files_visit ON campaign_files(visit_id)",
    """CREATE TABLE campaign_feedback (
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        acknowledged_at TEXT,
        PRIMARY KEY (campaign_id, department_id),
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    """CREATE TABLE campaign_rectifications (
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        rectification_id INTEGER NOT NULL UNIQUE REFERENCES rectifications(id),
        PRIMARY KEY (campaign_id, rectification_id),
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    """CREATE TABLE campaign_reminders (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('self', 'review', 'site', 'feedback', 'rectify', 'other')),
        message TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        read_at TEXT,
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX campaign_reminders_unit ON campaign_reminders(campaign_id, department_id)",
]

# Version 21: the evaluated units sign in (被评估单位). An account of role `unit` is tied to one
# department or one government as a whole (account_units); its 自查自评 per campaign (a draft, then
# submitted, reopened by the office with a reason: the history keeps each step), its own score and
# 自评说明 per indicator leaf, its evidence and material files, and its reports of 整改 progress for
# the office to accept (the ledger entry is closed) or return. A submission the unit made and the
# office reopened stays stored, marked withdrawn, and no longer counts on the board.
V21_UNIT_ACCOUNTS = [
    """CREATE TABLE account_units (
        user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        department_id INTEGER REFERENCES departments(id),
        government_id INTEGER REFERENCES governments(id),
        CHECK ((department_id IS NULL) != (government_id IS NULL)))""",
    "CREATE INDEX account_units_department ON account_units(department_id)",
    "CREATE INDEX account_units_government ON account_units(government_id)",
    "ALTER TABLE campaign_submissions ADD COLUMN withdrawn_at TEXT",
    """CREATE TABLE self_assessments (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
        submission_id INTEGER REFERENCES campaign_submissions(id),
        submitted_on TEXT,
        submitted_by INTEGER REFERENCES users(id),
        updated_by INTEGER REFERENCES users(id),
        updated_at TEXT NOT NULL,
        UNIQUE (campaign_id, department_id),
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    """CREATE TABLE self_scores (
        assessment_id INTEGER NOT NULL REFERENCES self_assessments(id),
        path_json TEXT NOT NULL,
        value REAL,
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (assessment_id, path_json))""",
    """CREATE TABLE self_assessment_history (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES self_assessments(id),
        action TEXT NOT NULL CHECK (action IN ('submit', 'reopen')),
        day TEXT NOT NULL,
        late INTEGER NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    "CREATE INDEX self_assessment_history_assessment ON self_assessment_history(assessment_id)",
    """CREATE TABLE rectification_reports (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
        text TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'returned')),
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX rectification_reports_unit ON rectification_reports(campaign_id, department_id)",
    # one report waiting for the office per entry: a second is refused even when two are sent at once
    """CREATE UNIQUE INDEX rectification_reports_pending ON rectification_reports(rectification_id)
        WHERE status = 'pending'""",
    """CREATE TABLE unit_files (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        path_json TEXT,
        material_id INTEGER REFERENCES campaign_materials(id),
        report_id INTEGER REFERENCES rectification_reports(id),
        file_name TEXT NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        uploaded_by INTEGER REFERENCES users(id),
        uploaded_at TEXT NOT NULL,
        CHECK ((path_json IS NOT NULL) + (material_id IS NOT NULL) + (report_id IS NOT NULL) = 1),
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX unit_files_unit ON unit_files(campaign_id, department_id)",
    "CREATE INDEX unit_files_report ON unit_files(report_id)",
]
_OLD_ROLE_CHECK = "CHECK (role IN ('admin', 'evaluator', 'staff'))"
_NEW_ROLE_CHECK = "CHECK (role IN ('admin', 'evaluator', 'staff', 'unit'))"


def _v21_unit_accounts(db, secret: str | None) -> None:
    """Allow the role `unit`, then V21_UNIT_ACCOUNTS.

    SQLite cannot change a CHECK constraint, and rebuilding `users` (copy, drop, rename) inside the
    migration's transaction would empty account_scope through its ON DELETE CASCADE: foreign keys
    cannot be switched off inside a transaction. So the stored definition is widened in place, the
    procedure SQLite documents for loosening a CHECK constraint (lang_altertable.html, "otheralter"):
    every stored row meets the old check, hence the new one; the schema cookie is bumped so that
    every connection reads the new definition."""
    found = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").fetchone()
    if found is None or _OLD_ROLE_CHECK not in found[0]:
        raise StoreError("数据库中的用户表结构与预期不符，无法升级（请先备份数据库并联系维护人员）。")
    cookie = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'",
                   [found[0].replace(_OLD_ROLE_CHECK, _NEW_ROLE_CHECK)])
        db.execute(f"PRAGMA schema_version = {int(cookie) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    for statement in V21_UNIT_ACCOUNTS:
        db.execute(statement)


# Version 22: expert panels (专家组). Scores become one row per evaluator and leaf (the old
# one-per-leaf key goes; an existing score stays as its evaluator's, id and all; scores entered
# by the command line have no evaluator and count as one more, so at most one such row per leaf).
# A system's panel (its members and the spread above which a leaf is flagged), the leaves the
# office has closed (who, when), the final scores it set with a reason, and each expert's AHP
# judgements per parent (with the children's names then, so a changed parent shows as stale).
V22_PANELS = [
    """CREATE TABLE scores_by_evaluator (
        id INTEGER PRIMARY KEY,
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        value REAL NOT NULL,
        evidence TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        not_applicable INTEGER NOT NULL DEFAULT 0)""",
    """INSERT INTO scores_by_evaluator (id, system_id, department_id, path_json, value, evidence, by, at,
        not_applicable) SELECT id, system_id, department_id, path_json, value, evidence, by, at, not_applicable
        FROM scores""",
    "DROP TABLE scores",
    "ALTER TABLE scores_by_evaluator RENAME TO scores",
    "CREATE UNIQUE INDEX scores_one_per_evaluator ON scores(system_id, department_id, path_json, coalesce(by, 0))",
    """CREATE TABLE panel_members (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, user_id))""",
    """CREATE TABLE panel_settings (
        system_id INTEGER PRIMARY KEY REFERENCES indicator_systems(id),
        threshold REAL NOT NULL CHECK (threshold > 0 AND threshold <= 1),
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    """CREATE TABLE leaf_closures (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        path_json TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, path_json))""",
    """CREATE TABLE score_resolutions (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        path_json TEXT NOT NULL,
        value REAL NOT NULL DEFAULT 0,
        not_applicable INTEGER NOT NULL DEFAULT 0,
        reason TEXT NOT NULL,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, department_id, path_json))""",
    """CREATE TABLE ahp_judgements (
        system_id INTEGER NOT NULL REFERENCES indicator_systems(id),
        parent_json TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        names_json TEXT NOT NULL,
        matrix_json TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (system_id, parent_json, user_id))""",
]

# V23
# Version 23: counties as evaluated units (旗市区). A county government may sit under a city
# (`parent_id`); the city evaluates it through a row in `departments` of the city that stands for the
# county (`county_id`), so every campaign, score, feedback and 整改 record keyed by a department works
# for counties unchanged. A campaign and an indicator system say whom they evaluate (`target`). A
# county files its 机构编制 figures and 领导职数 for 审核备案 (`county_filings`, one row per filing:
# a filing returned with a reason stays, the county files again; only one waits for review at a time).
V23_COUNTIES = [
    "ALTER TABLE governments ADD COLUMN parent_id INTEGER REFERENCES governments(id)",
    "ALTER TABLE departments ADD COLUMN county_id INTEGER REFERENCES governments(id)",
    "CREATE UNIQUE INDEX departments_county ON departments(county_id) WHERE county_id IS NOT NULL",
    """ALTER TABLE campaigns ADD COLUMN target TEXT NOT NULL DEFAULT 'departments'
        CHECK (target IN ('departments', 'counties'))""",
    """ALTER TABLE indicator_systems ADD COLUMN target TEXT NOT NULL DEFAULT 'departments'
        CHECK (target IN ('departments', 'counties'))""",
    """CREATE TABLE county_filings (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL,
        department_id INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        file_name TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'filed', 'returned')),
        submitted_by INTEGER REFERENCES users(id),
        submitted_at TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        decided_by INTEGER REFERENCES users(id),
        decided_at TEXT,
        FOREIGN KEY (campaign_id, department_id) REFERENCES campaign_units(campaign_id, department_id))""",
    "CREATE INDEX county_filings_unit ON county_filings(campaign_id, department_id)",
    """CREATE UNIQUE INDEX county_filings_waiting ON county_filings(campaign_id, department_id)
        WHERE status = 'submitted'""",
]

# V24
# Version 24: 只考一次 (威海): the year's daily items per department — 领导批办, 督查交办, 热线转办
# outcomes and reported 推诿扯皮 or 干预机构编制 — each verified by the office (待核实 → 属实/不属实, who
# typed as a name so that an imported verification keeps it, when, why) before an indicator leaf
# counts it; the verification history and evidence files beside. A number (日常-2026-001) is
# assigned once, like the 问题台账's.
V24_DAILY_RECORD = [
    """CREATE TABLE daily_items (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        year INTEGER NOT NULL,
        serial INTEGER NOT NULL,
        number TEXT NOT NULL,
        source TEXT NOT NULL,
        on_date TEXT NOT NULL,
        matter TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT '待核实' CHECK (status IN ('待核实', '属实', '不属实')),
        verified_by_name TEXT NOT NULL DEFAULT '',
        verified_on TEXT,
        verify_note TEXT NOT NULL DEFAULT '',
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (government_id, year, serial),
        UNIQUE (government_id, number))""",
    "CREATE INDEX daily_items_department ON daily_items(department_id, on_date)",
    """CREATE TABLE daily_item_history (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES daily_items(id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    "CREATE INDEX daily_item_history_item ON daily_item_history(item_id)",
    """CREATE TABLE daily_item_files (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES daily_items(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        stored_name TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        uploaded_by INTEGER REFERENCES users(id),
        uploaded_at TEXT NOT NULL)""",
    "CREATE INDEX daily_item_files_item ON daily_item_files(item_id)",
]

# V25
# Version 25: 年度评估结果. An office user freezes an evaluation as a government's results of a year:
# the system used (id, name, its version stamp and indicators as they were), how grades were given,
# and one row per department (total, rank, grade, missing leaves, first-level 得分率; its name and
# current 三定 version then, so that a department renamed by 归入 is followed). Nothing frozen ever
# changes: triggers refuse every UPDATE and DELETE, and a row added to a snapshot that already has
# its declared `row_count`. A correction is a new version of the year (`version` 2, 3 …, with its
# reason); the highest version counts and the earlier ones stay readable.
V25_HISTORY = [
    """CREATE TABLE history_snapshots (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id),
        year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        system_id INTEGER,
        system_name TEXT NOT NULL,
        system_version TEXT NOT NULL,
        system_json TEXT NOT NULL,
        levels_json TEXT NOT NULL,
        grading TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        row_count INTEGER NOT NULL CHECK (row_count >= 0),
        frozen_by INTEGER REFERENCES users(id),
        frozen_at TEXT NOT NULL,
        UNIQUE (government_id, year, version))""",
    """CREATE TABLE history_rows (
        snapshot_id INTEGER NOT NULL REFERENCES history_snapshots(id),
        department_id INTEGER NOT NULL REFERENCES departments(id),
        version_id INTEGER,
        department TEXT NOT NULL,
        total REAL,
        rank INTEGER,
        grade TEXT,
        missing INTEGER NOT NULL DEFAULT 0,
        levels_json TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, department_id))""",
    "CREATE INDEX history_rows_department ON history_rows(department_id)",
    *[f"""CREATE TRIGGER {table}_frozen_{event.lower()} BEFORE {event} ON {table}
        BEGIN SELECT RAISE(ABORT, '已冻结的年度评估结果不能修改'); END"""
      for table in ("history_snapshots", "history_rows") for event in ("UPDATE", "DELETE")],
    """CREATE TRIGGER history_rows_complete BEFORE INSERT ON history_rows
        WHEN (SELECT count(*) FROM history_rows WHERE snapshot_id = NEW.snapshot_id)
            >= (SELECT row_count FROM history_snapshots WHERE id = NEW.snapshot_id)
        BEGIN SELECT RAISE(ABORT, '已冻结的年度评估结果不能修改'); END""",
]

# V26
# Version 26: 大科室 complete (酒泉). Posts per division (各内设机构编制数) in one place, read by the
# 大科室 rules and by 工作饱和度: a typed number overrides what the 三定 states and keeps who and when.
# The numbers typed before on the saturation page (inside saturation_settings' JSON) move here.
# Pilot batches (试点批次) of a government and the one batch each department is in.
V26_DIVISION_POSTS_AND_PILOTS = [
    """CREATE TABLE division_posts (
        department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
        division TEXT NOT NULL,
        posts INTEGER NOT NULL CHECK (posts BETWEEN 0 AND 1000),
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL,
        PRIMARY KEY (department_id, division))""",
    """CREATE TABLE pilot_batches (
        id INTEGER PRIMARY KEY,
        government_id INTEGER NOT NULL REFERENCES governments(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        UNIQUE (government_id, name))""",
    """CREATE TABLE pilot_units (
        department_id INTEGER PRIMARY KEY REFERENCES departments(id) ON DELETE CASCADE,
        batch_id INTEGER NOT NULL REFERENCES pilot_batches(id) ON DELETE CASCADE,
        by INTEGER REFERENCES users(id),
        at TEXT NOT NULL)""",
    "CREATE INDEX pilot_units_batch ON pilot_units(batch_id)",
]


def _v26_division_posts_and_pilots(db: sqlite_utils.Database, _secret: str | None) -> None:
    """V26_DIVISION_POSTS_AND_PILOTS, then the posts typed on the saturation page move into
    division_posts (of departments that still exist; nothing typed is dropped otherwise)."""
    for statement in V26_DIVISION_POSTS_AND_PILOTS:
        db.execute(statement)
    at = db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')").fetchone()[0]
    for row in rows(db, "SELECT government_id, settings_json FROM saturation_settings"):
        stored = json.loads(row["settings_json"])
        posts = stored.pop("posts", None) or {}
        for department_id, divisions in posts.items():
            for division, count in divisions.items():
                db.execute("""INSERT OR IGNORE INTO division_posts (department_id, division, posts, by, at)
                    SELECT id, ?, ?, NULL, ? FROM departments WHERE id = ?""",
                           [division, int(count), at, int(department_id)])
        db.execute("UPDATE saturation_settings SET settings_json = ? WHERE government_id = ?",
                   [json.dumps(stored, ensure_ascii=False), row["government_id"]])


# Migration N brings the schema to version N: a list of statements, or a function
# `(db, secret)` for an upgrade that needs Python.
MIGRATIONS: list[list[str] | Callable[[sqlite_utils.Database, str | None], None]] = [
    V1_ACCOUNTS_DOCUMENTS_JOBS,
    V2_FINDINGS,
    V3_SURVEYS,
    V4_EVALUATIONS,
    V5_REFORM,
    V6_PUBLIC_KEYS,
    V7_ONE_STATEMENT_SUBMISSIONS,
    V8_TOKENS_BY_ROUND,
    _v9_sealed_ballots,
    V10_DROP_UNUSED_EVALUATIONS,
    V11_NAMINGS,
    V12_DOCUMENT_YEAR,
    V13_NOT_APPLICABLE,
    V14_SIGN_IN_THROTTLE,
    V15_PROBLEM_REGISTER,
    V16_ROUND_DIMENSIONS,
    V17_ACCOUNT_SCOPE,
    V18_LISTS,
    V19_STAFFING_ROLL,
    V20_CAMPAIGNS,
    _v21_unit_accounts,
    V22_PANELS,
    V23_COUNTIES,  # V23
    V24_DAILY_RECORD,  # V24
    V25_HISTORY,  # V25
    _v26_division_posts_and_pilots,  # V26
]


SCHEMA_VERSION = len(MIGRATIONS)


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
        if db is not None:
            db.close()
        raise
    return db
