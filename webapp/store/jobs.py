"""Background parse jobs of an upload batch."""
from __future__ import annotations

from .db import now, one, rows, transaction


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
