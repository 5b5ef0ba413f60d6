"""Everything the platform writes on its own (database and its WAL files, uploads, the secret key,
jieba's cache, backups) is owner-only, whatever the umask: a sweep over every file created."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from webapp import store

COMMAND = [sys.executable, "-m", "webapp.cli"]
SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "sample_city" / "source"


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    completed = subprocess.run([*COMMAND, *args], env=env, capture_output=True, text=True, umask=0o022,
                               timeout=300)
    assert completed.returncode == 0, completed.stderr
    return completed


def _open_to_others(folder: Path) -> list[str]:
    found = []
    for path in [folder, *folder.rglob("*")]:
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        if mode & 0o077:
            found.append(f"{oct(mode)} {path.relative_to(folder.parent)}")
    return found


def test_no_file_the_platform_creates_is_readable_by_others(tmp_path):
    instance = tmp_path / "instance"
    env = {**os.environ, "SANDING_DB": str(instance / "sanding.db")}
    env.pop("SANDING_CACHE", None)  # the default: beside the database
    env.pop("SANDING_SECRET_KEY", None)  # the key is generated and kept in the instance folder
    _run(env, "init")
    _run(env, "import", *map(str, sorted(SAMPLE.glob("*.txt"))[:3]))
    previous = os.umask(0o022)
    try:
        db = store.connect(instance / "sanding.db")  # as the server does: WAL files while open
        with store.transaction(db):
            db.execute("INSERT INTO governments (name) VALUES ('权限测试市')")
        assert (instance / "sanding.db-wal").exists()
        assert not _open_to_others(instance)
        db.close()
    finally:
        os.umask(previous)
    _run(env, "backup", str(tmp_path / "backups" / "sanding.db"))
    assert (instance / "cache").is_dir() and (instance / "uploads").is_dir()
    assert not _open_to_others(instance) and not _open_to_others(tmp_path / "backups")
