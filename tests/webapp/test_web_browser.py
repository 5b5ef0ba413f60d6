"""End to end in a real browser: `sanding serve` in a subprocess, Chromium through Playwright."""
from __future__ import annotations

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium

@pytest.fixture
def server(tmp_path, database_templates):
    """A real server on a free port with a temp database and conftest's accounts (staff among them)."""
    db_path = tmp_path / "browser.db"
    database_templates.copy("accounts", db_path)
    with running_server(db_path, secret="browser-test") as (url, _process, _env):
        yield url


def _sign_in_as_staff(page, server: str) -> None:
    from playwright.sync_api import expect

    page.goto(server)
    expect(page.locator("h1")).to_have_text("登录")
    sign_in(page, server, "staff", "staff-pass-1")
    expect(page.locator("h1")).to_contain_text("工作台")


def _upload(page, path) -> None:
    """Upload one file through the form and wait on the progress page until it is parsed."""
    from playwright.sync_api import expect

    page.click("text=上传文件")
    page.set_input_files("#files", str(path))
    page.click("text=上传并解析")
    expect(page.locator("h1")).to_have_text("解析进度")
    expect(page.locator("#jobs")).to_have_attribute("data-finished", "1", timeout=30_000)


@pytest.mark.browser
def test_login_upload_progress_result(server, sample_file):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 800)
            _sign_in_as_staff(page, server)
            _upload(page, sample_file)
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


@pytest.mark.browser
def test_an_unrecognised_document_is_named_in_the_browser(server, tmp_path):
    from playwright.sync_api import expect

    nameless = tmp_path / "2023年度决算说明.txt"
    nameless.write_text("一、部门职责\n1.负责全区应急管理工作。\n2.负责安全生产综合监督管理。\n", encoding="utf-8")
    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 800)
            _sign_in_as_staff(page, server)
            _upload(page, nameless)
            page.click("text=查看结果")

            naming = page.locator("#naming")
            expect(naming).to_contain_text("未能识别部门名称")
            naming.locator("input[name=department]").fill("岳麓区应急管理局")
            naming.locator("form[action$='/naming'] button[type=submit]").click()
            expect(page.locator("h1")).to_have_text("岳麓区应急管理局")
            expect(page.locator("body")).to_contain_text("已将 2023年度决算说明.txt 归入 岳麓区 / 岳麓区应急管理局")
            expect(page.locator("#naming")).not_to_contain_text("未能识别部门名称")
            page.click("text=三定文件")
            expect(page.locator("main")).to_contain_text("岳麓区")
            expect(page.locator("main")).not_to_contain_text("未识别")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 375, f"page is {overflow}px wide at a 375px viewport"
            assert errors == []
        finally:
            browser.close()
