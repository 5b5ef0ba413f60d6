"""The request's store connection: one per thread and database, reused across requests.

Opening SQLite and setting its pragmas on every request cost more than the
requests of a rater page themselves; a thread keeps its connection (per process:
a forked worker opens its own) and teardown only rolls back what a failed
request left open.
"""
from __future__ import annotations

import os
import threading

from flask import Flask, current_app, g

from . import store
from .services.checkpointer import Checkpointer

_local = threading.local()


def init_app(app: Flask) -> None:
    """Bring the schema up to date once at start-up (and empty a WAL a killed server
    left behind), register the teardown and the WAL checkpointer."""
    db = store.open_db(app.config["DATABASE"], secret=app.config["SECRET_KEY"])
    store.checkpoint(db)
    db.close()
    app.teardown_appcontext(close_db)
    app.extensions["sanding_checkpointer"] = Checkpointer(app.config["DATABASE"])


def get_db():
    """The request's store connection."""
    if "db" not in g:
        g.db = _thread_connection(current_app.config["DATABASE"])
    return g.db


def _thread_connection(path: str):
    connections = getattr(_local, "connections", None)
    if connections is None or getattr(_local, "pid", None) != os.getpid():
        connections = _local.connections = {}
        _local.pid = os.getpid()
    db = connections.get(path)
    if db is None:
        db = connections[path] = store.connect(path)
    return db


def checkpoint_soon() -> None:
    """Have the WAL emptied shortly (after an anonymous submission), without waiting."""
    current_app.extensions["sanding_checkpointer"].request()


def close_db(error: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def forget_connections() -> None:
    """Close this thread's connections (tests and restores that replace the file)."""
    for db in getattr(_local, "connections", {}).values():
        db.close()
    _local.connections = {}
