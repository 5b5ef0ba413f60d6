"""Store functions for evaluations: indicator systems, manual scores and their history,
conclusions, evaluation snapshots and the rectification ledger (整改台账).

Part of the store: all SQL of this area lives here; `store.MIGRATIONS` applies SCHEMA.
"""
from __future__ import annotations

SCHEMA: list[str] = [
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
