"""End to end in a real browser: `sanding serve` in a subprocess, Chromium through Playwright."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited: {process.stderr.read().decode()}")
        try:
            urllib.request.urlopen(url + "login", timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


@pytest.fixture
def server(tmp_path):
    """A real server on a free port with a temp database and one staff account."""
    db_path = str(tmp_path / "browser.db")
    env = {**os.environ, "SANDING_DB": db_path, "SANDING_SECRET_KEY": "browser-test"}
    command = [sys.executable, "-m", "webapp.cli"]
    subprocess.run([*command, "user", "add", "staff", "--role", "staff", "--password",
                    "staff-pass-1"], env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", "2"],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.mark.browser
def test_login_upload_progress_result(server, sample_file):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800})
            errors: list[str] = []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(server)
            expect(page.locator("h1")).to_have_text("登录")
            page.fill("#username", "staff")
            page.fill("#password", "staff-pass-1")
            page.click("button[type=submit]")
            expect(page.locator("h1")).to_have_text("三定文件")

            page.click("text=上传文件")
            page.set_input_files("#files", str(sample_file))
            page.click("text=上传并解析")
            expect(page.locator("h1")).to_have_text("解析进度")
            expect(page.locator("#jobs")).to_have_attribute("data-finished", "1", timeout=30_000)
            expect(page.locator("#jobs .status")).to_have_text("已完成")
            page.click("text=查看结果")

            expect(page.locator("h1")).to_have_text("示例市测试局")
            expect(page.locator("#duties")).to_contain_text("负责测试标准的制定和监督管理")
            expect(page.locator("#duties")).to_contain_text("兜底条款")
            expect(page.locator("#divisions")).to_contain_text("测试科")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 375, f"page is {overflow}px wide at a 375px viewport"
            assert errors == []  # no CSP violations or script errors
        finally:
            browser.close()
