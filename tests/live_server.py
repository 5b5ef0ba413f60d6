"""A real `sanding serve` (gunicorn) in a subprocess for end-to-end tests, and a small HTTP client."""
from __future__ import annotations

import contextlib
import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

COMMAND = [sys.executable, "-m", "webapp.cli"]
# Debian's chromium as root in a sandbox-less container, without the background
# connections this machine's closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
VALUE = re.compile(r'value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], env=env, check=True, capture_output=True, text=True)


@contextlib.contextmanager
def running_server(db_path: Path, *, workers: int = 2, threads: int = 4, secret: str = "live-test",
                   extra_env: dict | None = None, log_dir: Path | None = None):
    """Yield (base url, process, env) of a server on a free port; stop it afterwards.

    `threads=1` is the production setup behind nginx (sync workers); browsers
    need the default threads, as a sync worker waits on their idle preconnections.
    With `log_dir`, the server's stdout (gunicorn's access log) and stderr (its error
    log and the app's log lines) are written to `log_dir`/stdout.log and stderr.log.
    """
    env = {**server_env(db_path, secret), **(extra_env or {})}
    port = free_port()
    with contextlib.ExitStack() as files:
        if log_dir is None:
            stdout, stderr = subprocess.DEVNULL, subprocess.PIPE
        else:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
            stdout = files.enter_context(open(Path(log_dir) / "stdout.log", "wb"))
            stderr = files.enter_context(open(Path(log_dir) / "stderr.log", "wb"))
        process = subprocess.Popen([*COMMAND, "serve", "--port", str(port), "--workers", str(workers),
                                    "--threads", str(threads)], env=env, stdout=stdout, stderr=stderr)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, process)
        yield url, process, env
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


@contextlib.contextmanager
def chromium():
    """A headless Chromium (Debian's /usr/bin/chromium) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def watched_page(browser, width: int, height: int, **options):
    """A new page of `width` × `height` and the list its console errors (CSP violations, script
    errors) are collected in."""
    page = browser.new_page(viewport={"width": width, "height": height}, **options)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return page, errors


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Open the sign-in page of `base_url` and sign in through the form, as a person would."""
    page.goto(base_url.rstrip("/") + "/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")


def server_env(db_path: Path, secret: str = "live-test") -> dict:
    return {**os.environ, "SANDING_DB": str(db_path), "SANDING_SECRET_KEY": secret}


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stderr.read().decode() if process.stderr is not None else "(see its log)"
            raise AssertionError(f"server exited: {output}")
        try:
            urllib.request.urlopen(url + "healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def worker_pids(master: int) -> list[int]:
    """The gunicorn workers of a master process (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                found.append(int(entry.name))
    return found


class Browser:
    """One keep-alive HTTP client with cookies (a person at one device)."""

    def __init__(self, url: str):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.cookies, self.conn = parts.hostname, parts.port, {}, None

    def request(self, method: str, path: str, data: dict | None = None, files: list | None = None
                ) -> tuple[int, str, dict]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if files is not None:
            boundary = "livetestboundary"
            parts = []
            for key, value in (data or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
                             .encode())
            for field, name, content in files:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                             f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
                             + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (0, 1):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.request(method, urllib.parse.quote(path, safe="/:?=&%"), body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, dict(response.getheaders())

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def csrf(self, path: str) -> str:
        status, text, _ = self.request("GET", path)
        match = CSRF.search(text)
        assert match, (status, text[:300])
        return VALUE.search(match.group(0)).group(1)

    def login(self, username: str, password: str) -> None:
        token = self.csrf("/login")
        status, text, _ = self.request("POST", "/login", {"csrf_token": token, "username": username,
                                                          "password": password})
        assert status in (302, 303), (status, text[:300])
