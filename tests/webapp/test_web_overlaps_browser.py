"""In a real browser: a staff user reviews a finding of the sample city and downloads the handbook."""
from __future__ import annotations

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium


@pytest.fixture
def city_server(tmp_path, database_templates):
    """`sanding serve` on a database holding the sample city (imported, findings detected:
    a copy of conftest's, with its accounts)."""
    db_path = tmp_path / "browser.db"
    database_templates.copy("sample_city", db_path)
    with running_server(db_path, secret="browser-test") as (url, _process, _env):
        yield url


def _fits(page, width: int) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width, f"{page.url} is {overflow}px wide at a {width}px viewport"


@pytest.mark.browser
def test_review_a_finding_and_download_the_handbook(city_server, tmp_path):
    from docx import Document
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 800, accept_downloads=True)
            sign_in(page, city_server, "staff", "staff-pass-1")
            expect(page.locator("h1")).to_contain_text("工作台")
            expect(page.locator(".todos").first).to_contain_text("疑似职责交叉待审核")  # what to do next
            _fits(page, 375)

            page.click("nav >> text=职责交叉")
            page.click("a.government-name:has-text('示例市')")
            expect(page.locator("h1")).to_have_text("示例市职责交叉")
            expect(page.locator("#detection")).to_contain_text("最近一次识别")
            _fits(page, 375)

            page.select_option("select[name=kind]", "settled")
            page.click("text=筛选")
            rows = page.locator("tr.finding-row")
            expect(rows.first).to_contain_text("已有分工")
            row = rows.filter(has_text="示例市农业农村局").filter(has_text="食用农产品").first
            row.locator(".parties a").click()

            expect(page.locator(".compare")).to_contain_text("示例市市场监督管理局")
            expect(page.locator(".duty-text mark").first).to_be_visible()
            _fits(page, 375)
            page.fill("#matter", "食用农产品质量安全监管")
            lead = page.locator("label.choice:has(input[name=lead][value='示例市农业农村局']) span")
            expect(lead).to_be_visible()  # the 主办 choice is seen and clicked, not set blind
            lead.click()
            expect(page.locator("input[name=lead][value='示例市农业农村局']")).to_be_checked()
            page.click("#confirm button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("已确认：食用农产品质量安全监管")
            expect(page.locator(".decision")).to_contain_text("已确认")

            page.click("nav >> text=边界清单")
            page.click("a.government-name:has-text('示例市')")
            expect(page.locator("h1")).to_have_text("示例市职责边界清单")
            expect(page.locator(".field-index")).to_contain_text("食用农产品质量安全监管")
            _fits(page, 375)
            with page.expect_download() as download_info:
                page.click("text=下载 Word 手册")
            download = download_info.value
            assert download.suggested_filename == "示例市职责边界清单.docx"
            target = tmp_path / "handbook.docx"
            download.save_as(target)
            assert errors == []  # no CSP violations or script errors
        finally:
            browser.close()

    document = Document(str(target))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "食用农产品质量安全监管" in cells and "示例市农业农村局" in cells
