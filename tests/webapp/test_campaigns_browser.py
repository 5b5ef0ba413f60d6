"""In a real browser: an evaluator of the office sets up a campaign (评估活动) on the sample city —
draws its units and the 实地抽查 unit with seeds — walks the status board to a unit, records the
visit with a photo, sees the board change, and reminds the late units (list, stored reminders,
.xlsx). A full-page screenshot of the board goes to $SANDING_SCREENSHOTS, else the temp folder."""
from __future__ import annotations

import io
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from survey.campaigns.sampling import draw
from webapp import store

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # a real server and Chromium


@pytest.fixture
def city_server(tmp_path, database_templates):
    """`sanding serve` on a copy of the sample city (conftest's accounts); yields (url, the names
    of 示例市's departments)."""
    db_path = tmp_path / "campaign.db"
    database_templates.copy("sample_city", db_path)
    db = store.connect(db_path)
    try:
        government = store.documents.get_government_by_name(db, "示例市")
        names = sorted(store.documents.department_ids(db, government["id"]))
    finally:
        db.close()
    with running_server(db_path, workers=1, secret="campaign-test") as (url, _process, _env):
        yield url.rstrip("/"), names


@pytest.mark.browser
def test_an_office_user_walks_the_board(city_server, tmp_path):
    from playwright.sync_api import expect

    server, names = city_server
    scope = draw(names, 4, 2026)
    site = draw(sorted(scope), 1, 7)[0]
    today = date.today()
    shots = Path(os.environ.get("SANDING_SCREENSHOTS") or tmp_path)
    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 1280, 900, locale="zh-CN", accept_downloads=True)
            sign_in(page, server, "evaluator", "evaluator-pass-1")
            page.click("nav >> text=评估活动")
            expect(page.locator("h1")).to_have_text("评估活动")
            expect(page.locator(".campaigns")).to_contain_text("暂无评估活动")
            page.select_option("#government", label="示例市")
            page.fill("#name", "2026年度机构编制评估")
            for field, days in (("plan_due", -20), ("self_due", -2), ("review_due", 15), ("feedback_due", 30)):
                page.fill(f"#{field}", (today + timedelta(days=days)).isoformat())
            page.click("#new-campaign button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("已创建评估活动“2026年度机构编制评估”")
            # the 方案 with its materials list, published
            page.fill("#material-name", "自查报告")
            page.click("#materials button[type=submit] >> text=添加")
            expect(page.locator("ul.materials")).to_contain_text("自查报告")
            page.fill("#plan_text", "评估范围：随机抽取 4 个市直部门，其中 1 个实地抽查。")
            page.check("#publish")
            page.click("#plan button[type=submit]")
            expect(page.locator(".flash-success")).to_have_text("方案已发布。")
            # units drawn with seeds, as the 方案 states them
            page.select_option("#draw-kind", "scope")
            page.fill("#draw-size", "4")
            page.fill("#draw-seed", "2026")
            page.click("#draw button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("随机种子 2026")
            page.select_option("#draw-kind", "site")
            page.fill("#draw-size", "1")
            page.fill("#draw-seed", "7")
            page.click("#draw button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text(f"已抽取实地抽查单位 1 个（随机种子 7）：{site}")
            expect(page.locator(".draws tbody tr")).to_have_count(2)
            # the board: every unit late in 自查自评 (its deadline passed two days ago)
            page.click(".campaign-tabs >> text=状态看板")
            rows = page.locator("tr.unit-row")
            expect(rows).to_have_count(4)
            assert sorted(rows.locator("th a").all_inner_texts()) == sorted(scope)
            expect(page.locator("tr.unit-row td.cell-late")).to_have_count(4)
            expect(page.locator("#current-phase")).to_contain_text("当前阶段：评估/抽查")
            page.screenshot(path=str(shots / "campaign-board.png"), full_page=True)
            # to the on-site unit: its visit, with a photo
            page.locator("tr.unit-row", has_text=site).locator("th a").click()
            expect(page.locator("h1")).to_contain_text(site)
            page.fill("#people", "分管副局长、办公室主任")
            page.fill("#visit-materials", "三定规定、机构编制管理证")
            page.fill("#notes", "内设机构按三定设置，科室挂牌规范。")
            page.set_input_files("#visit-files", files=[
                {"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff photo"}])
            page.click("#visit-form button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("实地抽查记录（附件 1 个）")
            expect(page.locator("#site .attachments")).to_contain_text("现场照片.jpg")
            page.click(".campaign-tabs >> text=状态看板")
            visited = page.locator("tr.unit-row", has_text=site)
            expect(visited.locator("td.cell-done")).to_contain_text("已完成")
            # remind the late units: the printable list, the stored reminders, the sheet
            page.click(".campaign-tabs >> text=逾期提醒")
            expect(page.locator("tr.late-row")).to_have_count(4)
            page.click("#remind-all button[type=submit]")
            expect(page.locator(".flash-success")).to_contain_text("已向逾期单位保存 4 条提醒")
            with page.expect_download() as download:
                page.click("text=导出 .xlsx")
            sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
            found = list(sheet.iter_rows(values_only=True))
            assert found[0][:4] == ("阶段", "截止日期", "逾期天数", "单位")
            assert sorted(row[3] for row in found[1:]) == sorted(scope) and all(row[5] for row in found[1:])
            assert errors == []
        finally:
            browser.close()
