"""The store: every SQL statement of the platform, one module per area.

`db` holds connections and transactions, `schema` the migrations; the areas
are `users`, `audit`, `documents` (governments, departments, versions and the
current version of each, corrections), `jobs`, `findings`, `rounds` (surveys),
`evaluations`, `reform` and `problems` (机构编制问题台账). Callers open a database with `open_db` (migrates)
or `connect` (per request) and call the area functions with it:
`store.rounds.get_round(db, round_id)`.
"""
from __future__ import annotations

from . import audit, documents, evaluations, findings, jobs, problems, reform, rounds, users
from .db import StoreError, checkpoint, connect, copy_wal, count, is_busy, now, one, rows, transaction
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate, open_db, schema_version

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreError", "audit", "checkpoint", "connect", "copy_wal",
           "count", "documents", "evaluations", "findings", "is_busy", "jobs", "migrate", "now", "one",
           "open_db", "problems", "reform", "rounds", "rows", "schema_version", "transaction", "users"]
