"""In a real browser: an evaluator opens the comparison page of a department with a pre-reform version."""
from __future__ import annotations

import pytest

from live_server import chromium, cli, running_server, server_env, sign_in, watched_page
from shared_paths import SAMPLE_CITY_PREVIOUS as PREVIOUS

pytestmark = pytest.mark.slow  # a real server and Chromium


@pytest.fixture
def reform_server(tmp_path, database_templates):
    """`sanding serve` on the sample city (a copy of conftest's, with its accounts) plus its
    three pre-reform versions (dated 2010) imported by the CLI."""
    db_path = tmp_path / "browser.db"
    env = server_env(db_path, "browser-test")
    database_templates.copy("sample_city", db_path)
    cli(env, "import", str(PREVIOUS), "--date", "2010-06-01")
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url


@pytest.mark.browser
def test_open_the_comparison_of_a_department(reform_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 1280, 900)
            sign_in(page, reform_server, "evaluator", "evaluator-pass-1")
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
