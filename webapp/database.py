"""One store connection per request, opened lazily and closed at teardown."""
from __future__ import annotations

from flask import Flask, current_app, g

from . import store


def init_app(app: Flask) -> None:
    """Bring the schema up to date once at start-up and register the teardown."""
    store.open_db(app.config["DATABASE"]).close()
    app.teardown_appcontext(close_db)


def get_db():
    """The request's store connection."""
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"])
    return g.db


def close_db(error: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()
