"""Store functions for reform comparison: dated 三定 versions, the 大科室 rule set of a
government, leader-post ledger snapshots and work-saturation task lists.

Part of the store: all SQL of this area lives here; `store.MIGRATIONS` applies SCHEMA.
"""
from __future__ import annotations

SCHEMA: list[str] = [
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
