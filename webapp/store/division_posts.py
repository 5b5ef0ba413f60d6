"""各内设机构编制数 typed by the office (the 三定's own are read from its text): one row per
department and division, with who and when; every change audited."""
from __future__ import annotations

from .audit import audit
from .db import now, rows, transaction


def typed_posts(db, department_id: int) -> dict[str, dict]:
    """Division → {posts, by (user name), at} of a department."""
    found = rows(db, """SELECT division, posts, users.username AS by, at FROM division_posts
        LEFT JOIN users ON users.id = division_posts.by WHERE department_id = ? ORDER BY division""",
                 [department_id])
    return {row["division"]: {"posts": row["posts"], "by": row["by"] or "", "at": row["at"]} for row in found}


def set_posts(db, department_id: int, changes: dict[str, int | None], by: int | None) -> int:
    """Set (a number) or clear (None: the 三定's number applies again) posts of divisions in one
    transaction; returns how many changed. Unchanged numbers keep their who and when."""
    changed: dict[str, tuple] = {}
    with transaction(db):
        old = typed_posts(db, department_id)
        at = now()
        for division, posts in changes.items():
            before = old.get(division, {}).get("posts")
            if before == posts:
                continue
            if posts is None:
                db.execute("DELETE FROM division_posts WHERE department_id = ? AND division = ?",
                           [department_id, division])
            else:
                db.execute("""INSERT INTO division_posts (department_id, division, posts, by, at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (department_id, division) DO UPDATE SET
                    posts = excluded.posts, by = excluded.by, at = excluded.at""",
                           [department_id, division, posts, by, at])
            changed[division] = (before, posts)
        if changed:
            audit(db, by, "division_posts", f"department:{department_id}",
                  {name: pair[0] for name, pair in changed.items()}, {name: pair[1] for name, pair in changed.items()})
    return len(changed)
