"""The store: every SQL statement of the platform, one module per area.

`db` holds connections and transactions, `schema` the migrations; the areas
are `users`, `audit`, `documents` (governments, departments, versions and the
current version of each, corrections), `jobs`, `findings`, `rounds` (surveys),
`evaluations`, `campaigns` (评估活动), `counties` (旗市区 as evaluated units, their 审核备案 filings),
`reform`, `lists` (清单 registers), `problems` (机构编制问题台账), `roll` (实名制, 编制调整台账) and `units`
(被评估单位: their accounts' units, 自查自评, files, 整改 reports).
Callers open a database with `open_db` (migrates) or `connect` (per request) and call the area functions with it:
`store.rounds.get_round(db, round_id)`.
"""
from __future__ import annotations

from . import (
    audit,
    campaigns,
    counties,
    documents,
    evaluations,
    findings,
    jobs,
    lists,
    problems,
    reform,
    roll,
    rounds,
    units,
    users,
)
from .db import StoreError, checkpoint, connect, copy_wal, count, is_busy, now, one, rows, transaction
from .schema import MIGRATIONS, SCHEMA_VERSION, migrate, open_db, schema_version

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "StoreError", "audit", "campaigns", "checkpoint", "connect", "copy_wal",
           "count", "counties", "documents", "evaluations", "findings", "is_busy", "jobs", "lists", "migrate", "now",
           "one", "open_db", "problems", "reform", "roll", "rounds", "rows", "schema_version", "transaction", "units",
           "users"]
