"""In a real browser: an evaluator opens a department's page, changes a score and downloads the report."""
from __future__ import annotations

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium

MARKET = "示例市市场监督管理局"


@pytest.fixture
def evaluation_server(tmp_path, database_templates):
    """`sanding serve` on the sample city (a copy of conftest's, with its accounts) and the
    7-indicator system."""
    from survey.evaluation.indicators import seven_indicator_template, system_to_dict
    from webapp import store

    db_path = tmp_path / "browser.db"
    database_templates.copy("sample_city", db_path)
    db = store.open_db(db_path)
    government = store.documents.get_government_by_name(db, "示例市")
    system = seven_indicator_template()
    store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None, "seven")
    db.close()
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url


@pytest.mark.browser
def test_evaluator_scores_a_department_and_downloads_its_report(evaluation_server, tmp_path):
    from docx import Document
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 1024, 900, accept_downloads=True)
            sign_in(page, evaluation_server, "evaluator", "evaluator-pass-1")

            page.click("nav >> text=评估")
            expect(page.locator("h1")).to_have_text("评估")
            page.click("a.system-name:has-text('机构改革评估七项指标')")
            expect(page.locator("h1")).to_have_text("机构改革评估七项指标")
            page.click("text=排名与部门评估")
            expect(page.locator("h1")).to_have_text("示例市评估排名")
            page.click(f"#ranking a:has-text('{MARKET}')")
            expect(page.locator("h1")).to_have_text(MARKET)
            expect(page.locator("#total")).to_contain_text("未评分")
            expect(page.locator(".radar svg")).to_be_visible()
            expect(page.locator("#document")).to_contain_text("主要职责")
            expect(page.locator("#overlaps")).to_contain_text("涉及本部门")

            row = page.locator("tr.score-row[data-path='职能配置/权责统一']")
            row.locator("summary").click()
            row.locator("input[name=value]").fill("4")
            row.locator("textarea[name=evidence]").fill("查阅权责清单")
            row.locator("button[type=submit]").click()
            expect(page.locator(".flash-success")).to_contain_text("“职能配置/权责统一”已评为 4 分")
            row = page.locator("tr.score-row[data-path='职能配置/权责统一']")
            expect(row.locator("td.score")).to_have_text("4.0")

            row.locator("summary").click()
            row.locator("input[name=value]").fill("9")  # above the maximum of 5
            row.locator("textarea[name=evidence]").fill("复核")
            row.locator("button[type=submit]").click()
            expect(page.locator(".field-error")).to_contain_text("得分应为 0 到 5 之间的数")
            row = page.locator("tr.score-row[data-path='职能配置/权责统一']")
            row.locator("input[name=value]").fill("3.5")
            row.locator("textarea[name=evidence]").fill("复核后调整")
            row.locator("button[type=submit]").click()
            expect(page.locator(".flash-success")).to_contain_text("由 4 分改为 3.5 分")
            page.click("text=评分修改记录")
            expect(page.locator(".changes")).to_contain_text("4 → 3.5")

            page.fill("#conclusion-text", "机构整合到位，协作机制有待加强。")
            page.click("#conclusion button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("已保存评估结论")

            with page.expect_download() as download_info:
                page.click("#report-link")
            download = download_info.value
            assert download.suggested_filename == f"{MARKET}评估报告.docx"
            target = tmp_path / "report.docx"
            download.save_as(target)
            # the one 400 is the refused score above; no CSP violations or script errors
            assert [e for e in errors if "400 (BAD REQUEST)" not in e] == [] and len(errors) == 1
        finally:
            browser.close()

    document = Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "机构整合到位，协作机制有待加强。" in text and "Saaty" in text
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "职能配置/权责统一" in cells and "3.5" in cells
    assert document.inline_shapes  # the radar chart
