"""In a real browser: an evaluator opens the comparison page of a department with a pre-reform version."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_web_browser import CHROMIUM_ARGS, _free_port, _wait_until_up

PREVIOUS = Path(__file__).resolve().parents[1] / "corpus" / "sample_city" / "previous"


@pytest.fixture
def reform_server(tmp_path, sample_city_files):
    """`sanding serve` on the sample city plus its three pre-reform versions (dated 2010)."""
    db_path = str(tmp_path / "browser.db")
    env = {**os.environ, "SANDING_DB": db_path, "SANDING_SECRET_KEY": "browser-test"}
    command = [sys.executable, "-m", "webapp.cli"]
    subprocess.run([*command, "user", "add", "eva", "--role", "evaluator", "--password",
                    "evaluator-pass-1"], env=env, check=True, capture_output=True)
    subprocess.run([*command, "import", str(sample_city_files[0].parent)], env=env, check=True,
                   capture_output=True)
    subprocess.run([*command, "import", str(PREVIOUS), "--date", "2010-06-01"], env=env, check=True,
                   capture_output=True)
    port = _free_port()
    process = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", "1"],
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
def test_open_the_comparison_of_a_department(reform_server):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("console", lambda message: message.type == "error" and errors.append(message.text))
            page.goto(reform_server + "login")
            page.fill("#username", "eva")
            page.fill("#password", "evaluator-pass-1")
            page.click("button[type=submit]")
            page.click("nav >> text=机构改革")
            expect(page.locator("h1")).to_have_text("机构改革")
            row = page.locator("tr", has_text="示例市商务局")
            row.locator("text=新旧对照").click()
            expect(page.locator("h1")).to_contain_text("示例市商务局")
            expect(page.locator("#summary")).to_have_text(
                "主要职责新增 2 项、删除 3 项、修改 6 项、未变 5 项")
            expect(page.locator("#divisions tr.merged")).to_have_count(3)
            expect(page.locator("#divisions")).to_contain_text("外资和对外经济合作科")
            expect(page.locator("#declared .declared-shown")).to_have_count(3)
            expect(page.locator("#undeclared")).to_contain_text("会展业")
            with page.expect_download() as download:
                page.click("text=下载 Word 对照报告")
            assert download.value.suggested_filename.endswith(".docx")
            assert errors == []
        finally:
            browser.close()
