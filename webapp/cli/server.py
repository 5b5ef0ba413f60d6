"""Running the app under gunicorn (app preloaded before fork).

One thread per worker gives gunicorn's sync workers: one request at a time
per process, so SQLite calls, which release the GIL, never hand it to another
request's thread. With a connection per request, as nginx makes them, they served
4-20 % more rater requests than threaded workers, with less CPU per request and
a third less p99 latency (bench/survey_load.py, README).
A sync worker waits on a connection until its request has arrived, so a client
that connects and sends nothing (a browser's preconnect, a slow phone) holds
the worker; they are only for use behind a proxy that buffers requests.
Browsers talking to the server directly need several threads (gthread).
"""
from __future__ import annotations

import ipaddress

from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from ..log_redaction import install as install_redaction
from ..log_redaction import redact


class RedactingLogger(Logger):
    """gunicorn's logs without rater tokens: a logged /r/<token> with its time would tie a
    rater's link to the moment a rating arrived (back-to-back).

    Every string atom of the access log is redacted (request line, path, raw URI,
    Referer `f` and `{referer}i`, any header or environ atom a format may name), and a
    filter on both loggers redacts every record's final text: the access line, and
    error-log messages with their arguments and tracebacks ("Error handling request
    /r/…", "Invalid request from ip=…: …")."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        install_redaction(self.error_log, self.access_log)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()}


class SandingServer(BaseApplication):
    """A gunicorn application serving an already built Flask app."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self):
        return self.application


def options(host: str, port: int, workers: int, threads: int = 4) -> dict:
    """gunicorn settings: sync workers for one thread, else gthread; preload, the access
    log (rater tokens redacted) to stdout and errors to stderr, no control socket."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync" if threads == 1 else "gthread",
        "threads": threads,
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 30,
        "accesslog": "-",
        "logger_class": RedactingLogger,
        "errorlog": "-",
        "loglevel": "info",
        "control_socket_disable": True,
        "proc_name": "sanding",
    }


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server bound to `host` (nginx on the same host)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(app, host: str, port: int, workers: int, threads: int = 4) -> None:
    """Start gunicorn in the foreground until interrupted."""
    SandingServer(app, options(host, port, workers, threads)).run()


WARM_UP_TEXT = "示例市示例局职能配置、内设机构和人员编制规定\n第三条 示例局的主要职责是：\n（一）负责示例工作。\n"


def warm_up() -> None:
    """Parse a tiny document, load jieba's dictionary and the overlap finder's libraries
    (numpy, scikit-learn) once, before gunicorn forks, so every worker inherits them."""
    import docproc
    import docproc.overlap  # noqa: F401 - imported for its side effect: loaded before the fork
    import docproc.segment
    try:
        docproc.parse_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt")
    except Exception:  # a warm-up failure must not stop the server
        pass
    try:
        docproc.segment.warm_up()
    except Exception:  # detection will load it (or report its failure) later
        pass
