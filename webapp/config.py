"""Configuration: defaults, then SANDING_* environment variables, then the caller's mapping.

Where things live: the database defaults to `<instance>/sanding.db`; uploaded
files live beside the database in `uploads/` (so a database and its files
move and back up together); without SANDING_SECRET_KEY a random key is kept
in `<instance>/secret_key`. Only the owner may read them: the instance and
uploads folders are 0700 (narrowed if an older version left them wider), the
secret key, database and uploaded files 0600.
"""
from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

from . import files

DEFAULTS = {
    "SECRET_KEY": None,
    "DATABASE": None,
    "UPLOAD_FOLDER": None,
    "MAX_UPLOAD_MB": 50,
    "HTTPS": False,
    "PARSE_WORKERS": 2,
    # Parsing one uploaded or imported file (a child process, docproc.confine): stopped after
    # this many seconds or beyond this much memory, so that a crafted file cannot hold a worker.
    "PARSE_SECONDS": 60,
    "PARSE_MEMORY_MB": 1024,
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCK_MINUTES": 15,
    "BASE_URL": None,
    "PUBLIC_RATE_LIMIT": 30,  # public answers per address and minute, per worker process; 0: off
    # How old the submitted counts of a back-to-back round may be: they change only when a
    # snapshot is taken, so that nobody can watch them move at one rater's submission.
    "PROGRESS_MINUTES": 30,
    # Reverse proxies in front (nginx: 1) whose X-Forwarded-For and X-Forwarded-Proto are
    # believed. Without it every respondent behind nginx has nginx's address, and the
    # per-address limit on public answers would count them all as one.
    "PROXIES": 0,
    # The addresses those proxies connect from (addresses or networks, comma-separated): a
    # forwarded address is believed only on a connection from one of them, so that a client
    # reaching the server directly cannot claim any address it likes.
    "PROXY_ADDRESSES": "127.0.0.1,::1",
    "IDLE_MINUTES": 120,  # a signed-in session ends after this long without a request
}


class ConfigError(ValueError):
    """A setting that cannot be used; the message is for the person starting the program."""


def _positive_number(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError(text)
    return value


def _count(minimum: int):
    def convert(text: str) -> int:
        value = int(text)
        if value < minimum:
            raise ValueError(text)
        return value
    return convert


def _networks(text: str) -> str:
    for part in text.split(","):
        ipaddress.ip_network(part.strip(), strict=False)  # ValueError for anything else
    return text


# variable: (config key, conversion, what a valid value is)
ENVIRONMENT = {
    "SANDING_SECRET_KEY": ("SECRET_KEY", str, ""),
    "SANDING_DB": ("DATABASE", str, ""),
    "SANDING_UPLOADS": ("UPLOAD_FOLDER", str, ""),
    "SANDING_MAX_UPLOAD_MB": ("MAX_UPLOAD_MB", _positive_number, "大于 0 的数，如 50"),
    "SANDING_HTTPS": ("HTTPS", lambda value: value.strip().lower() in ("1", "true", "yes"), ""),
    "SANDING_PARSE_WORKERS": ("PARSE_WORKERS", _count(1), "正整数，如 2"),
    "SANDING_PARSE_SECONDS": ("PARSE_SECONDS", _count(1), "正整数（秒），如 60"),
    "SANDING_PARSE_MEMORY_MB": ("PARSE_MEMORY_MB", _count(100), "不小于 100 的整数（MB），如 1024"),
    "SANDING_BASE_URL": ("BASE_URL", str, ""),
    "SANDING_PUBLIC_RATE_LIMIT": ("PUBLIC_RATE_LIMIT", _count(0), "0（不限）或正整数，如 30"),
    "SANDING_PROGRESS_MINUTES": ("PROGRESS_MINUTES", _count(5), "不小于 5 的整数（分钟），如 30"),
    "SANDING_PROXIES": ("PROXIES", _count(0), "本服务前面反向代理的层数：0（没有）或正整数，如 nginx 一层为 1"),
    "SANDING_IDLE_MINUTES": ("IDLE_MINUTES", _count(5), "不小于 5 的整数（分钟），如 120"),
    "SANDING_PROXY_ADDRESSES": ("PROXY_ADDRESSES", _networks, "以逗号分隔的地址或网段，如 127.0.0.1,10.0.0.0/8"),
}


def configure(app, test_config: dict | None = None) -> None:
    """Fill `app.config` from defaults, environment and `test_config`, then derive paths.

    Raises ConfigError (in Chinese) for an environment variable with an unusable value.
    """
    app.config.from_mapping(DEFAULTS)
    for variable, (key, convert, expected) in ENVIRONMENT.items():
        if os.environ.get(variable):
            try:
                app.config[key] = convert(os.environ[variable])
            except ValueError:
                raise ConfigError(f"环境变量 {variable} 的值“{os.environ[variable]}”无效，应为{expected}。") from None
    if test_config:
        app.config.from_mapping(test_config)
    config = app.config
    instance = Path(app.instance_path)
    config["DATABASE"] = str(Path(config["DATABASE"] or instance / "sanding.db").resolve())
    database = Path(config["DATABASE"])
    config["UPLOAD_FOLDER"] = str(Path(config["UPLOAD_FOLDER"] or database.parent / "uploads"))
    if instance in database.parents and instance.is_dir():
        files.narrow(instance, files.DIR_MODE)
    if Path(config["UPLOAD_FOLDER"]).is_dir():
        files.narrow(config["UPLOAD_FOLDER"], files.DIR_MODE)
    config["MAX_CONTENT_LENGTH"] = int(float(config["MAX_UPLOAD_MB"]) * 1024 * 1024)
    # jieba's dictionary cache goes beside the database, in a folder the app owns,
    # unless SANDING_CACHE says otherwise (docproc.segment reads it).
    os.environ.setdefault("SANDING_CACHE", str(database.parent / "cache"))
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _instance_secret(instance)
    config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(config["HTTPS"]),
        SESSION_COOKIE_NAME="sanding_session",
        PREFERRED_URL_SCHEME="https" if config["HTTPS"] else "http",
        WTF_CSRF_TIME_LIMIT=None,
        # Sessions are "permanent" (see auth.login) so that this idle limit applies; each request
        # renews the cookie (SESSION_REFRESH_EACH_REQUEST, Flask's default).
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=int(config["IDLE_MINUTES"])),
    )


def _instance_secret(instance: Path) -> str:
    """A random secret kept in the instance folder so restarts keep sessions valid."""
    files.private_dir(instance)
    path = instance / "secret_key"
    if path.exists():
        files.narrow(path, files.FILE_MODE)
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    with files.open_private(path) as handle:
        handle.write(key.encode("utf-8"))
    return key
