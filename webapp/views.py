"""Helpers every blueprint shares: file downloads, looking up what a URL names (404 if absent) and
the choice of government in front of a register."""
from __future__ import annotations

import io
from pathlib import Path

from flask import abort, redirect, render_template, send_file, url_for

from . import scope, store
from .database import get_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(data: bytes, name: str, mimetype: str = XLSX):
    """`data` as a file the browser saves under `name` (Chinese names are fine)."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def evidence_file(path: Path, name: str):
    """An uploaded evidence file as a download saved under `name`: never shown in the browser,
    whatever it holds, nor kept in a cache; 404 when the file is gone."""
    if not path.is_file():
        abort(404)
    response = send_file(path, mimetype="application/octet-stream", as_attachment=True, download_name=name,
                         max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


# The account's scope decides what a URL may name (webapp.scope); these names stay here for the
# blueprints that import them from views.
government_or_404 = scope.government_or_404
department_or_404 = scope.department_or_404


def government_index(title: str, endpoint: str):
    """The governments a register (整改台账, 问题台账) can be kept for, within the account's scope;
    with only one, its register straight away. `endpoint` takes `government_id`."""
    governments = [g for g in scope.governments(store.documents.list_governments(get_db()))
                   if g["name"] != store.documents.UNKNOWN_GOVERNMENT]
    if len(governments) == 1:
        return redirect(url_for(endpoint, government_id=governments[0]["id"]))
    return render_template("registers_index.html", title=title, endpoint=endpoint, governments=governments)


def government_departments(government_id: int) -> dict[str, int]:
    """Department name → id of one government: the departments a register's entries may name."""
    return store.documents.department_ids(get_db(), government_id)
