"""No rater token in any log, and no Referer that carries one (back-to-back ratings).

A log line with a rater's token (or a hash of it) and a time ties the rater to the
moment a rating arrived. Unit tests of the redaction (gunicorn's atoms and error
messages, the filter on the app's and werkzeug's loggers), Referrer-Policy on every
page under /r/, and an end-to-end run through a real nginx, configured with the
block in README ("Running in production"), in front of a real `sanding serve`.
"""
from __future__ import annotations

import csv
import hashlib
import http.client
import io
import json
import logging
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from gunicorn.config import Config

from survey import tokens as survey_tokens
from webapp import create_app, store
from webapp.cli.server import RedactingLogger
from webapp.log_redaction import REDACTED, RedactingFilter, redact

from conftest import SURVEY_DEPARTMENTS as DEPTS
from conftest import all_ratings, make_round, rating_form, survey_raters
from live_server import Browser, cli, free_port, running_server, server_env
from shared_paths import README

TOKEN = "Tq3xZ9_kLm2-Wv8bNc4dRf7gHj1sYp0a"  # the shape of a real one: 32 URL-safe characters


def leaks(text: str, tokens) -> list[str]:
    """Every way `text` shows one of `tokens`: whole, as a hash, or any 12 characters of it."""
    found = []
    for token in tokens:
        derived = [getattr(survey_tokens, name)(token) for name in ("token_hash", "use_mark", "draft_id")
                   if hasattr(survey_tokens, name)]
        for secret in (token, *derived, hashlib.sha256(token.encode()).hexdigest().upper()):
            if secret in text:
                found.append(secret)
        found += [token[i:i + 12] for i in range(len(token) - 11) if token[i:i + 12] in text]
    return found


# --- the rule ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (f"GET /r/{TOKEN}?saved=1 HTTP/1.1", "GET /r/…?saved=1 HTTP/1.1"),
    (f"https://sanding.example/r/{TOKEN}", "https://sanding.example/r/…"),
    (f'"POST /r/{TOKEN} HTTP/1.0" 303', '"POST /r/… HTTP/1.0" 303'),
    (f"Invalid HTTP request line: 'GET /r/{TOKEN}'", "Invalid HTTP request line: 'GET /r/…'"),
    (f"/R/{TOKEN} and //r//{TOKEN}/x", "/r/… and //r/…"),
    (f"/%72/{TOKEN}", "/r/…"),
    (f"/login?next=%2Fr%2F{TOKEN}&x=1", "/login?next=/r/…&x=1"),
    (f"next=%252Fr%252F{TOKEN}", "next=/r/…"),
    ("/rounds/3/results /reform/ /static/style.css", "/rounds/3/results /reform/ /static/style.css"),
])
def test_every_rater_link_becomes_r_ellipsis(text, expected):
    assert redact(text) == expected


# --- gunicorn -------------------------------------------------------------------------

class _Response:
    status = "303 SEE OTHER"
    sent = 0
    headers = [("Location", f"/r/{TOKEN}"), ("Content-Type", "text/html")]


class _Request:
    headers = [("HOST", "sanding.example"), ("REFERER", f"https://sanding.example/r/{TOKEN}"),
               ("X-ORIGINAL-URI", f"/r/{TOKEN}?saved=1")]


ENVIRON = {"REQUEST_METHOD": "POST", "RAW_URI": f"/r/{TOKEN}?saved=1", "SERVER_PROTOCOL": "HTTP/1.0",
           "PATH_INFO": f"/r/{TOKEN}", "QUERY_STRING": "saved=1", "REMOTE_ADDR": "10.0.0.7",
           "HTTP_REFERER": f"https://sanding.example/r/{TOKEN}", "HTTP_USER_AGENT": "MicroMessenger",
           "REQUEST_URI": f"/r/{TOKEN}"}


def _close_gunicorn_handlers(logger) -> None:
    """gunicorn drops its file handlers on a reload without closing them."""
    for log in (logger.error_log, logger.access_log):
        for handler in list(log.handlers):
            if getattr(handler, "_gunicorn", False):
                log.removeHandler(handler)
                handler.close()


@pytest.fixture
def gunicorn_logger(tmp_path):
    """A RedactingLogger writing its access and error logs to files, as gunicorn sets it up."""
    cfg = Config()
    cfg.set("accesslog", str(tmp_path / "access.log"))
    cfg.set("errorlog", str(tmp_path / "error.log"))
    cfg.set("access_log_format", '%(h)s "%(r)s" %(U)s %(q)s "%(f)s" "%({referer}i)s" %({raw_uri}e)s '
                                 '%({path_info}e)s %({request_uri}e)s %({x-original-uri}i)s %({location}o)s')
    logger = RedactingLogger(cfg)
    yield logger, tmp_path / "access.log", tmp_path / "error.log"
    _close_gunicorn_handlers(logger)


def test_gunicorn_atoms_are_all_redacted_referer_included(gunicorn_logger):
    logger, _, _ = gunicorn_logger
    atoms = logger.atoms(_Response(), _Request(), ENVIRON, timedelta(milliseconds=5))
    for key in ("r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e", "{http_referer}e",
                "{x-original-uri}i", "{location}o"):
        assert TOKEN not in atoms[key] and REDACTED in atoms[key], key
    assert atoms["f"] == "https://sanding.example/r/…" and atoms["r"] == "POST /r/…?saved=1 HTTP/1.0"
    assert atoms["h"] == "10.0.0.7" and atoms["s"] == "303"


def test_gunicorn_access_line_has_no_token(gunicorn_logger):
    logger, access, _ = gunicorn_logger
    logger.access(_Response(), _Request(), ENVIRON, timedelta(milliseconds=5))
    text = access.read_text(encoding="utf-8")
    assert text.startswith('10.0.0.7 "POST /r/…?saved=1 HTTP/1.0" /r/… saved=1 "https://sanding.example/r/…"')
    assert text.count(REDACTED) == 9 and not leaks(text, [TOKEN])


def test_gunicorn_error_messages_arguments_and_tracebacks_are_redacted(gunicorn_logger):
    logger, _, error = gunicorn_logger
    try:
        raise RuntimeError(f"view failed on /r/{TOKEN}")
    except RuntimeError:
        logger.exception("Error handling request %s %s", "POST", f"/r/{TOKEN}?saved=1")  # workers/base.py
        logger.exception("Error handling request %s", f"/r/{TOKEN}")
    logger.warning("Invalid request from ip={ip}: {error}".format(
        ip="10.0.0.7", error=f"Invalid HTTP request line: 'GET /r/{TOKEN}'"))
    logger.info("%(path)s", {"path": f"/r/{TOKEN}"})
    logger.error("bad format %d", f"/r/{TOKEN}")  # a broken format string still logs, redacted
    text = error.read_text(encoding="utf-8")
    assert "[ERROR] Error handling request POST /r/…?saved=1" in text
    assert "[ERROR] Error handling request /r/…\n" in text
    assert "RuntimeError: view failed on /r/…" in text and "Traceback" in text
    assert "Invalid request from ip=10.0.0.7: Invalid HTTP request line: 'GET /r/…'" in text
    assert "[INFO] /r/…" in text and "bad format %d ('/r/…',)" in text
    assert not leaks(text, [TOKEN])


def test_gunicorn_filter_survives_a_reload_once(gunicorn_logger):
    logger, _, _ = gunicorn_logger
    _close_gunicorn_handlers(logger)
    logger.setup(logger.cfg)  # what a HUP runs
    for log in (logger.error_log, logger.access_log):
        assert sum(isinstance(f, RedactingFilter) for f in log.filters) == 1


# --- the app's and werkzeug's loggers ------------------------------------------------

def test_an_unhandled_error_on_a_rater_link_is_logged_without_the_token(app, client, db, caplog,
                                                                       monkeypatch):
    row = make_round(app, db, raters=survey_raters(1))
    token = row["tokens"]["区市党政领导0"]

    def broken(_db, hashed, *derived):
        raise RuntimeError(f"lookup of {hashed} {' '.join(map(str, derived))} for {token} failed")
    monkeypatch.setattr(store.rounds, "find_rater_link", broken)
    with caplog.at_level(logging.ERROR):
        response = client.post(f"/r/{token}", data=all_ratings(DEPTS))
    assert response.status_code == 500
    assert response.headers["Referrer-Policy"] == "no-referrer"
    text = caplog.text
    assert "unhandled error on /r/…" in text  # webapp/errors.py: logged, with its traceback ...
    assert re.search(r"RuntimeError: lookup of (… )+for … failed", text)  # ... the bare token and hashes too
    assert not leaks(text, [token])


def test_flasks_own_exception_line_is_redacted(app, caplog):
    with app.test_request_context(f"/r/{TOKEN}", method="POST"), caplog.at_level(logging.ERROR):
        try:
            raise ValueError(f"bad form for {TOKEN}")
        except ValueError:
            app.log_exception(sys.exc_info())
    assert "Exception on /r/… [POST]" in caplog.text and "ValueError: bad form for …" in caplog.text
    assert not leaks(caplog.text, [TOKEN])


def test_the_apps_child_loggers_and_a_second_app_are_covered(app, app_config, caplog):
    create_app(app_config).extensions["sanding_jobs"].shutdown()  # installing twice adds nothing
    for name in ("webapp", "webapp.services.jobs", "werkzeug"):
        assert sum(isinstance(f, RedactingFilter) for f in logging.getLogger(name).filters) == 1, name
    with caplog.at_level(logging.INFO):
        logging.getLogger("webapp.services.jobs").error("job saw /r/%s", TOKEN)
    assert "job saw /r/…" in caplog.text and TOKEN not in caplog.text


def test_werkzeug_request_lines_are_redacted(app, caplog):
    """`flask run` and werkzeug's development server log every request line."""
    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with caplog.at_level(logging.INFO, logger="werkzeug"):
            with pytest.raises(urllib.error.HTTPError) as unknown:
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/r/{TOKEN}?saved=1", timeout=10)
            unknown.value.close()
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
    assert unknown.value.code == 404
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", r.getMessage()) for r in caplog.records if r.name == "werkzeug"]
    assert any('"GET /r/…?saved=1 HTTP/1.1" 404' in line for line in lines), lines
    assert not leaks(caplog.text, [TOKEN])


# --- Referrer-Policy ------------------------------------------------------------------

ERROR_PAGES = [400, 403, 404, 405, 409, 410, 413, 429, 500]


def test_rater_pages_send_no_referrer(app, client, db):
    row = make_round(app, db, raters=survey_raters(1))
    url = f"/r/{row['tokens']['区市党政领导0']}"
    responses = {"form": client.get(url),
                 "draft": client.post(url, data=rating_form(DEPTS, {DEPTS[0]: "好"}, action="draft")),
                 "saved": client.get(url + "?saved=1"),
                 "submit": client.post(url, data=all_ratings(DEPTS)),
                 "thanks": client.get(url)}
    assert [r.status_code for r in responses.values()] == [200, 303, 200, 303, 200]
    assert "已提交，感谢" in responses["thanks"].get_data(as_text=True)
    for name, response in responses.items():
        assert response.headers.getlist("Referrer-Policy") == ["no-referrer"], name


def test_every_error_page_of_a_rater_link_sends_no_referrer(app, client, db):
    """Each status the rater link can answer with, as the view itself sends it."""
    row = make_round(app, db, raters=survey_raters(3))
    future = make_round(app, db, raters=survey_raters(1), opens=datetime.now() + timedelta(days=2))
    tokens = list(row["tokens"].values())
    url, used, other = (f"/r/{t}" for t in tokens)
    assert client.post(used, data=all_ratings(DEPTS)).status_code == 303
    responses = {
        400: client.post(url, data={**all_ratings(DEPTS), "r0": "99"}),
        403: client.get(f"/r/{future['tokens']['区市党政领导0']}"),
        404: client.get("/r/" + secrets.token_urlsafe(24)),
        405: client.put(url),
        409: client.post(url, data={**all_ratings(DEPTS), "v": "stale"}),
        410: client.post(used, data=all_ratings(DEPTS)),
        413: client.post(other, data={**all_ratings(DEPTS), "c0": "x" * 400_000}),
    }
    for code, response in responses.items():
        assert response.status_code == code
        assert response.headers.getlist("Referrer-Policy") == ["no-referrer"], code


@pytest.mark.parametrize("code", ERROR_PAGES)
def test_errors_raised_before_the_view_runs_send_no_referrer(app_config, code):
    from flask import abort, request
    app = create_app(app_config)

    @app.before_request
    def fail():
        if request.args.get("fail"):
            if code == 500:
                raise RuntimeError("before the view")
            abort(code)
    try:
        response = app.test_client().get(f"/r/{TOKEN}?fail=1")
    finally:
        app.extensions["sanding_jobs"].shutdown()
    assert response.status_code == code
    assert response.headers.getlist("Referrer-Policy") == ["no-referrer"]


def test_signed_in_pages_keep_same_origin(client, auth):
    """Flask-WTF checks the Referer of HTTPS form posts on these pages."""
    assert client.get("/login").headers["Referrer-Policy"] == "same-origin"
    auth.login("admin")
    for path, code in (("/rounds/", 200), ("/rounds/424242/", 404), ("/documents/", 200)):
        response = client.get(path)
        assert response.status_code == code
        assert response.headers.getlist("Referrer-Policy") == ["same-origin"], path


# --- end to end: real nginx (README's block) in front of a real gunicorn --------------

SECRET = "log-redaction-live"
CRASH_HOOK = '''"""Test hook (tests/webapp/test_log_redaction.py): crashes on demand in the real server,
so that the app's and gunicorn's error logs have a rater link to hide."""
import flask

_preprocess, _wsgi_app = flask.Flask.preprocess_request, flask.Flask.wsgi_app


def preprocess_request(self):  # inside Flask: webapp.errors logs it with its traceback
    if flask.request.args.get("crash") == "app":
        token = flask.request.path.rsplit("/", 1)[-1]
        raise RuntimeError(f"test crash in the app on {flask.request.path}, token {token}")
    return _preprocess(self)


def wsgi_app(self, environ, start_response):  # outside Flask: gunicorn's "Error handling request"
    if "crash=wsgi" in environ.get("QUERY_STRING", ""):
        raise RuntimeError("test crash outside the app on " + environ.get("PATH_INFO", ""))
    return _wsgi_app(self, environ, start_response)


flask.Flask.preprocess_request, flask.Flask.wsgi_app = preprocess_request, wsgi_app
'''


def readme_nginx_block() -> str:
    """The ```nginx block of README's "Running in production" section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Running in production", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```nginx\n(.*?)^```", section, re.S | re.M)
    assert len(blocks) == 1, "README's Running in production needs exactly one ```nginx block"
    return blocks[0]


def nginx_conf(directory: Path, upstream: int, port: int, redirect_port: int) -> Path:
    """README's block on plain HTTP, with this test's ports and log folder, inside an
    http { } block like Debian's (whose own access_log the block must replace)."""
    block = readme_nginx_block()
    for needed in ("listen 443 ssl;", "listen 80;", "127.0.0.1:8000", "/var/log/nginx/"):
        assert needed in block, needed
    block = block.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    block = block.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
    block = re.sub(r"^\s*ssl_certificate(_key)?\s[^\n]*\n", "", block, flags=re.M)
    block = block.replace("127.0.0.1:8000", f"127.0.0.1:{upstream}")
    block = block.replace("/var/log/nginx/", f"{directory}/logs/")
    (directory / "sanding.conf").write_text(block, encoding="utf-8")
    (directory / "logs").mkdir()
    (directory / "temp").mkdir()
    temp = "".join(f"    {kind}_temp_path {directory}/temp/{kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = directory / "nginx.conf"
    conf.write_text(("user root;\n" if os.geteuid() == 0 else "")
                    + f"pid {directory}/nginx.pid;\nerror_log {directory}/logs/error.log;\n"
                    + "events { worker_connections 64; }\nhttp {\n" + temp
                    + f"    access_log {directory}/logs/access.log;\n"
                    + f"    include {directory}/sanding.conf;\n}}\n", encoding="utf-8")
    return conf


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "nginx exited"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("nginx did not start")


def _nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(found).exists(), "nginx is missing: run `make system-packages` (Debian package nginx-light)"
    return found


def _raw(port: int, data: bytes) -> bytes:
    """Send bytes as they are (requests http.client would not make) and read the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        return sock.recv(4096).split(b"\r\n", 1)[0]


def _get(port: int, path: str, headers: dict) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        conn.close()


def _make_round(env: dict, tmp_path: Path, raters: int) -> list[str]:
    """A county round with `raters` raters through the CLI; their tokens from `round tokens --csv`."""
    departments = tmp_path / "departments.txt"
    departments.write_text("\n".join(DEPTS) + "\n", encoding="utf-8")
    rater_file = tmp_path / "raters.csv"
    rows = ["姓名,单位,组别,评议部门", *(f"领导{i},县{i},区市党政领导," for i in range(raters))]
    rater_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    created = cli(env, "round", "create", "--name", "2024年度市县评作为", "--kind", "county",
                  "--government", "示例市", "--departments", str(departments), "--raters", str(rater_file),
                  "--opens", "2024-01-01T09:00")
    round_id = json.loads(created.stdout)["round"]
    links = list(csv.reader(io.StringIO(cli(env, "round", "tokens", str(round_id), "--csv").stdout)))
    assert len(links) == raters and all("/r/" in line[3] for line in links)
    return [line[3].rsplit("/", 1)[1] for line in links]


@pytest.mark.slow
def test_no_log_behind_real_nginx_holds_a_token(tmp_path):
    nginx = _nginx_binary()
    db_path = tmp_path / "live.db"
    tokens = _make_round(server_env(db_path, SECRET), tmp_path, raters=6)
    unknown = secrets.token_urlsafe(24)
    secret_tokens = [*tokens, unknown]
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(CRASH_HOOK, encoding="utf-8")
    python_path = os.pathsep.join(p for p in (str(hooks), os.environ.get("PYTHONPATH")) if p)
    gunicorn_logs, nginx_dir = tmp_path / "gunicorn", tmp_path / "nginx"
    nginx_dir.mkdir()
    port, redirect_port = free_port(), free_port()
    statuses: list[tuple[str, int]] = []

    with running_server(db_path, workers=2, threads=1, secret=SECRET, log_dir=gunicorn_logs,
                        extra_env={"PYTHONPATH": python_path, "SANDING_PROXIES": "1"}) as (url, _, _):
        upstream = int(url.rsplit(":", 1)[1].strip("/"))
        conf = nginx_conf(nginx_dir, upstream, port, redirect_port)
        with (nginx_dir / "stderr.log").open("wb") as nginx_err:
            proxy = subprocess.Popen([nginx, "-p", str(nginx_dir), "-e", str(nginx_dir / "logs/startup.log"),
                                      "-c", str(conf), "-g", "daemon off;"],
                                     stdout=nginx_err, stderr=subprocess.STDOUT)
        try:
            _wait_for_port(port, proxy)
            base = f"http://127.0.0.1:{port}"
            for number, token in enumerate(tokens[:4]):  # four raters: open, maybe a draft, submit, again
                path = f"/r/{token}"
                with Browser(base) as rater:
                    status, page, headers = rater.request("GET", path)
                    assert status == 200 and headers["Referrer-Policy"] == "no-referrer", page[:300]
                    if number < 2:
                        draft = rating_form(DEPTS, {DEPTS[0]: "好"}, action="draft")
                        status, _, headers = rater.request("POST", path, {**draft, "csrf_token": rater.csrf(path)})
                        assert status == 303 and headers["Location"].endswith(f"{path}?saved=1")
                        statuses.append(("draft", status))
                        status, page, _ = rater.request("GET", path + "?saved=1")
                        assert status == 200 and "草稿已保存" in page
                    status, _, _ = rater.request("POST", path, {**all_ratings(DEPTS), "csrf_token": rater.csrf(path)})
                    statuses.append(("submit", status))
                    status, page, headers = rater.request("GET", path)  # the thank-you page
                    assert status == 200 and "已提交，感谢" in page
                    assert headers["Referrer-Policy"] == "no-referrer"
                    status, _, _ = rater.request("POST", path, all_ratings(DEPTS))  # the used link again
                    statuses.append(("used", status))
            fresh, other = f"/r/{tokens[4]}", f"/r/{tokens[5]}"
            with Browser(base) as visitor:
                checks = {
                    "unknown": (visitor.request("GET", f"/r/{unknown}"), 404),
                    "forged": (visitor.request("POST", fresh, all_ratings(DEPTS)), 400),  # no form token
                    "stale": (visitor.request("POST", fresh, {**all_ratings(DEPTS), "v": "old",
                                                              "csrf_token": visitor.csrf(fresh)}), 409),
                    "too big": (visitor.request("POST", other, {**all_ratings(DEPTS), "c0": "x" * 400_000,
                                                                "csrf_token": visitor.csrf(other)}), 413),
                    "method": (visitor.request("PUT", fresh), 405),
                    "app crash": (visitor.request("GET", fresh + "?crash=app"), 500),
                    "wsgi crash": (visitor.request("GET", fresh + "?crash=wsgi"), 500),
                    "encoded": (visitor.request("GET", f"/%72/{unknown}"), 404),
                    "login": (visitor.request("GET", "/login"), 200),
                }
                for name, ((status, page, headers), expected) in checks.items():
                    if name == "too big" and status == 502:
                        # gunicorn answers 413 and closes before nginx has sent the whole body;
                        # nginx may then see a reset instead of the answer (gunicorn logs the 413)
                        continue
                    assert status == expected, (name, status, page[:300])
                    if name != "login" and name != "wsgi crash":  # gunicorn's own 500 is plain text
                        assert headers["Referrer-Policy"] == "no-referrer", name
            for token in tokens[:2]:  # the stylesheet as a browser without Referrer-Policy asks for it
                status, _ = _get(port, "/static/style.css", {"Referer": f"{base}/r/{token}"})
                assert status == 200
            status, headers = _get(redirect_port, f"/r/{tokens[5]}", {"Host": "sanding.example"})
            assert status == 301 and headers["Location"] == f"https://sanding.example/r/{tokens[5]}"
            huge = "Content-Length: 70000000\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
            assert b" 413 " in _raw(port, f"POST /r/{tokens[5]} HTTP/1.1\r\nHost: x\r\n{huge}".encode())
            assert b" 413 " in _raw(port, f"POST /documents/upload HTTP/1.1\r\nHost: x\r\n{huge}".encode())
            # straight to gunicorn, as no nginx would pass it: "Invalid request from ip=…"
            assert b" 400 " in _raw(upstream, f"GET /r/{tokens[5]}\r\nHost: x\r\n\r\n".encode())
        finally:
            proxy.terminate()
            proxy.wait(timeout=20)

    logs = {path.relative_to(tmp_path).as_posix(): path.read_text(encoding="utf-8", errors="replace")
            for directory in (nginx_dir, gunicorn_logs) for path in sorted(directory.rglob("*.log"))}
    everything = "\n".join(logs.values())
    assert not leaks(everything, secret_tokens), {name: leaks(text, secret_tokens) for name, text in logs.items()}

    # The requests were logged (redacted), so the check above had something to read.
    access = logs["nginx/logs/sanding.access.log"]
    for line in ('"GET /r/… HTTP/1.1" 200', '"POST /r/… HTTP/1.1" 303', '"POST /r/… HTTP/1.1" 410',
                 '"GET /r/… HTTP/1.1" 404', '"POST /r/… HTTP/1.1" 400', '"POST /r/… HTTP/1.1" 409',
                 '"POST /r/… HTTP/1.1" 413', '"PUT /r/… HTTP/1.1" 405', '"GET /r/… HTTP/1.1" 500',
                 '"GET /r/… HTTP/1.1" 301', '"GET /static/style.css HTTP/1.1" 200', '"GET /login HTTP/1.1" 200',
                 '"POST /documents/upload HTTP/1.1" 413'):
        assert line in access, line
    assert access.count("/r/…") >= 30 and "?" not in access and "Referer" not in access
    assert logs["nginx/logs/access.log"] == ""  # the http-level log of Debian's nginx.conf got nothing
    assert "client intended to send too large body" in logs["nginx/logs/sanding.error.log"]
    assert "/documents/upload" in logs["nginx/logs/sanding.error.log"]  # other pages' errors are kept
    gunicorn_access, gunicorn_errors = logs["gunicorn/stdout.log"], logs["gunicorn/stderr.log"]
    assert gunicorn_access.count('"POST /r/… HTTP/1.0" 303') == 6  # 2 drafts, 4 ratings
    for status in (400, 404, 405, 409, 410, 413, 500):
        assert re.search(rf'"[A-Z]+ /r/…(\?\S*)? HTTP/1.0" {status} ', gunicorn_access), status
    assert f'"{base}/r/…"' in gunicorn_access  # the Referer, redacted
    assert "Error handling request GET /r/…?crash=wsgi" in gunicorn_errors  # gunicorn's error log
    assert "RuntimeError: test crash outside the app on /r/…" in gunicorn_errors
    assert "unhandled error on /r/…" in gunicorn_errors  # the app's own log line, with its traceback
    assert "RuntimeError: test crash in the app on /r/… token …" in gunicorn_errors  # the comma too
    assert "Invalid request from ip=127.0.0.1: Invalid HTTP request line: 'GET /r/…'" in gunicorn_errors
    assert statuses == [("draft", 303), ("submit", 303), ("used", 410)] * 2 + [("submit", 303), ("used", 410)] * 2
