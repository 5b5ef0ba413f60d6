"""大科室 pilot batches (试点批次) of a government and the batch each department is in."""
from __future__ import annotations

from .audit import audit
from .db import StoreError, now, one, rows, transaction


def list_batches(db, government_id: int) -> list[dict]:
    """A government's batches in order, each with its unit count."""
    return rows(db, """SELECT pilot_batches.*, (SELECT count(*) FROM pilot_units WHERE batch_id = pilot_batches.id)
        AS units FROM pilot_batches WHERE government_id = ? ORDER BY position, id""", [government_id])


def add_batch(db, government_id: int, name: str, by: int | None) -> int:
    """A new batch after the others; StoreError if the name is taken."""
    with transaction(db):
        if one(db, "SELECT 1 FROM pilot_batches WHERE government_id = ? AND name = ?", [government_id, name]):
            raise StoreError(f"试点批次“{name}”已存在")
        position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM pilot_batches WHERE government_id = ?",
                              [government_id]).fetchone()[0]
        batch_id = db.execute("""INSERT INTO pilot_batches (government_id, position, name, created_by, created_at)
            VALUES (?, ?, ?, ?, ?)""", [government_id, position, name, by, now()]).lastrowid
        audit(db, by, "pilot_batch", f"government:{government_id}", None, {"batch": batch_id, "name": name})
    return batch_id


def assignments(db, government_id: int) -> dict[int, int]:
    """Department id → batch id, for the government's departments in a batch."""
    found = rows(db, """SELECT pilot_units.department_id, batch_id FROM pilot_units
        JOIN pilot_batches ON pilot_batches.id = batch_id WHERE government_id = ?""", [government_id])
    return {row["department_id"]: row["batch_id"] for row in found}


def assign(db, government_id: int, changes: dict[int, int | None], by: int | None) -> int:
    """Put departments into batches (None: out of any) in one transaction; departments and
    batches must be the government's (StoreError otherwise). Returns how many changed."""
    with transaction(db):
        batches = {row["id"] for row in list_batches(db, government_id)}
        departments = {row["id"] for row in rows(db, "SELECT id FROM departments WHERE government_id = ?",
                                                 [government_id])}
        before = assignments(db, government_id)
        changed = {}
        at = now()
        for department_id, batch_id in changes.items():
            if department_id not in departments or (batch_id is not None and batch_id not in batches):
                raise StoreError("部门或试点批次不存在")
            if before.get(department_id) == batch_id:
                continue
            if batch_id is None:
                db.execute("DELETE FROM pilot_units WHERE department_id = ?", [department_id])
            else:
                db.execute("""INSERT INTO pilot_units (department_id, batch_id, by, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (department_id) DO UPDATE SET batch_id = excluded.batch_id, by = excluded.by,
                    at = excluded.at""", [department_id, batch_id, by, at])
            changed[str(department_id)] = (before.get(department_id), batch_id)
        if changed:
            audit(db, by, "pilot_units", f"government:{government_id}",
                  {k: v[0] for k, v in changed.items()}, {k: v[1] for k, v in changed.items()})
    return len(changed)


def assign_by_name(db, government_id: int, changes: dict[int, str], by: int | None) -> tuple[int, list[str]]:
    """Department id → batch name ('' : out of any batch); batches not there yet are created, all
    in one transaction. Returns (changes made, names of the batches created)."""
    with transaction(db):
        ids = {row["name"]: row["id"] for row in list_batches(db, government_id)}
        created = []
        for name in changes.values():
            if name and name not in ids:
                ids[name] = add_batch(db, government_id, name, by)
                created.append(name)
        count = assign(db, government_id, {d: ids[name] if name else None for d, name in changes.items()}, by)
    return count, created
