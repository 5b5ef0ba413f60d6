"""What every `sanding` command shares: --db, Chinese errors, the app and store of a command.

Command modules import only click and the standard library at the top, so that
`sanding --help` and `sanding parse` start without loading Flask, the store or
the models; each command imports what it needs when it runs.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import NoReturn

import click


def db_option(command):
    """The shared --db option (falls back to SANDING_DB, then the instance folder)."""
    return click.option("--db", "db_path", envvar="SANDING_DB", type=click.Path(dir_okay=False),
                        help="数据库文件路径（默认读取环境变量 SANDING_DB，否则为 instance/sanding.db）。")(command)


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop the command with a Chinese message on stderr and exit code `code`."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def app_for(db_path: str | None, **extra):
    """The web app for the resolved configuration (which also migrates the database)."""
    from .. import create_app
    from ..config import ConfigError
    from ..store import StoreError
    overrides = {"DATABASE": db_path} if db_path else {}
    overrides.update(extra)
    try:
        return create_app(overrides)
    except (StoreError, ConfigError) as error:
        fail(str(error))


def with_store(command):
    """Run the command with (app, db) for the configured store, closing the store afterwards."""
    @functools.wraps(command)
    def wrapper(db_path, *args, **kwargs):
        from .. import store
        app = app_for(db_path)
        db = store.connect(app.config["DATABASE"])
        try:
            return command(app, db, *args, **kwargs)
        finally:
            db.close()
    return wrapper


def collect_files(paths: tuple[str, ...]) -> list[Path]:
    """Named files as given, plus supported files found in named folders (sorted)."""
    from docproc import SUPPORTED_SUFFIXES
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            found.append(path)
    return found
