"""Helpers every blueprint shares: file downloads and looking up what a URL names (404 if absent)."""
from __future__ import annotations

import io

from flask import abort, send_file

from . import store
from .database import get_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(data: bytes, name: str, mimetype: str = XLSX):
    """`data` as a file the browser saves under `name` (Chinese names are fine)."""
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def government_or_404(government_id: int) -> dict:
    """The government a URL names, or a 404 page."""
    return store.documents.get_government(get_db(), government_id) or abort(404)


def department_or_404(department_id: int) -> dict:
    """The department a URL names, or a 404 page."""
    return store.documents.get_department(get_db(), department_id) or abort(404)
