"""A 12345 hotline operator on a 375 px phone looks matters up in the 一本通, against `sanding serve`
in Chromium; the 清单 were imported and published with `sanding lists`."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus
from survey.lists import sheets
from survey.lists.kinds import KINDS

from live_server import chromium, cli, running_server, server_env, sign_in, watched_page
from workbooks import xlsx_bytes

pytestmark = pytest.mark.slow  # a real server and Chromium


@pytest.fixture
def handbook_server(tmp_path, database_templates):
    """The sample city (conftest's, with its accounts) with the demo's 职责边界清单 and 审批监管清单
    imported and published by the command line."""
    db_path = tmp_path / "browser.db"
    env = server_env(db_path, "browser-test")
    database_templates.copy("sample_city", db_path)
    demo = json.loads((Path(corpus.__file__).parent / "sample_city" / "lists.json").read_text("utf-8"))
    for key in ("boundary", "approval"):
        kind = KINDS[key]
        sheet = tmp_path / f"{kind.name}.xlsx"
        sheet.write_bytes(xlsx_bytes([[None, *(row.get(h, "") for h in kind.headers)] for row in demo[key]],
                                     sheets.header(kind)))
        cli(env, "lists", "import", "--government", "示例市", "--kind", kind.short, str(sheet))
        cli(env, "lists", "publish", "--government", "示例市", "--kind", kind.short)
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url} is {width}px wide at a 375px viewport"


@pytest.mark.browser
def test_look_a_matter_up_on_a_phone(handbook_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 800)
            sign_in(page, handbook_server, "evaluator", "evaluator-pass-1")
            page.click("nav >> text=一本通")
            page.click("main >> text=示例市")
            expect(page.locator("h1")).to_have_text("示例市职责边界一本通")
            expect(page.locator("#result-count")).to_have_text("共 9 项")
            _fits(page)
            page.fill("input[name=q]", "燃氣")  # as a caller's words come, traditional characters too
            page.click("button:has-text('查询')")
            expect(page.locator("#result-count")).to_have_text("找到 1 项（共 9 项）")
            result = page.locator(".lists-result")
            expect(result).to_have_count(1)
            expect(result).to_contain_text("燃气安全监督管理")
            expect(result).to_contain_text("示例市住房和城乡建设局")
            expect(result.locator("mark").first).to_have_text("燃气")
            _fits(page)
            page.fill("input[name=q]", "")
            page.select_option("select[name=department]", "示例市水利局")
            page.click("button:has-text('查询')")
            names = page.locator(".lists-result h3")
            expect(names).to_have_count(3)
            expect(page.locator("main")).to_contain_text("取水许可")
            expect(page.locator("main")).not_to_contain_text("校外培训机构监管")
            _fits(page)
            page.select_option("select[name=kind]", "approval")
            page.click("button:has-text('查询')")
            expect(page.locator(".lists-result h3")).to_have_count(1)
            with page.expect_download() as download:
                page.click(".lists-downloads >> text=Word >> nth=0")
            assert download.value.suggested_filename.endswith("（第1版）.docx")
            assert errors == []  # no CSP violations or script errors
        finally:
            browser.close()
