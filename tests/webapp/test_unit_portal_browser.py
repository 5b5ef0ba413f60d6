"""In a real browser at phone width (375 px): an evaluated unit (被评估单位) signs in, reads the
office's reminder on its home page and marks it read, fills its 自查自评 — a score and 自评说明 per
leaf, evidence, a file per material of the 方案 — saves a draft, is told what is still missing,
and submits; the page is read-only afterwards and the board counts its own submission. No page
is wider than the phone. A screenshot of the filled form goes to $SANDING_SCREENSHOTS, else the
temp folder."""
from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from webapp import store
from webapp.auth import create_user

from conftest import make_department
from live_server import chromium, running_server, sign_in, watched_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # a real server and Chromium

UNIT = "示例市水利局"
PASSWORD = "shuili-pass-1"


@pytest.fixture
def unit_server(tmp_path, database_templates):
    """`sanding serve` on the test accounts plus 示例市 with a two-leaf system, a campaign whose plan
    asks for two materials, the 水利局 in it with a reminder, and its account `shuili`; yields (url,
    db path, campaign id, department id)."""
    db_path = tmp_path / "unit.db"
    database_templates.copy("accounts", db_path)
    db = store.connect(db_path)
    try:
        department_id = make_department(db, UNIT)
        make_department(db, "示例市商务局")
        government = store.documents.get_government_by_name(db, "示例市")
        system = IndicatorSystem("两项指标", [
            Indicator(("职能配置",), 0.5), Indicator(("职能配置", "职责清晰"), 1, 10, "manual", "职责边界清晰"),
            Indicator(("履职尽责",), 0.5), Indicator(("履职尽责", "服务对象满意"), 1, 20, "manual")])
        system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None)
        today = date.today()
        campaign_id = store.campaigns.create_campaign(db, government["id"], {
            "name": "2026年度机构编制评估", "year": 2026, "system_id": system_id,
            "deadlines": {"self": (today + timedelta(days=7)).isoformat()}}, None)
        store.campaigns.set_plan(db, campaign_id, "各单位对照指标自查自评并报送信息表。", today.isoformat(), None)
        for material in ("自查报告", "机构编制情况信息表"):
            store.campaigns.add_material(db, campaign_id, material, "", None)
        store.campaigns.set_units(db, campaign_id, [department_id], [], None)
        store.campaigns.add_reminders(db, campaign_id, [
            {"department_id": department_id, "phase": "self", "message": "请于一周内提交自查自评。"}], None)
        create_user(db, "shuili", PASSWORD, "unit", "水利局联络员", unit={"department_id": department_id})
    finally:
        db.close()
    with running_server(db_path, workers=1, secret="unit-test") as (url, _process, _env):
        yield url.rstrip("/"), db_path, campaign_id, department_id


def _fits(page) -> bool:
    """Nothing wider than the viewport: no sideways scrolling on a phone."""
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_a_unit_fills_and_submits_its_self_assessment_on_a_phone(unit_server, tmp_path):
    from playwright.sync_api import expect

    server, db_path, campaign_id, department_id = unit_server
    shots = Path(os.environ.get("SANDING_SCREENSHOTS") or tmp_path)
    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 740, locale="zh-CN")
            sign_in(page, server, "shuili", PASSWORD)
            expect(page.locator("h1")).to_contain_text(UNIT)  # the unit's own home, not the office's
            expect(page.locator("nav")).not_to_contain_text("三定文件")
            expect(page.locator(".unit-reminders")).to_contain_text("请于一周内提交自查自评。")
            expect(page.locator(".unit-campaign .tag-warn")).to_have_text("1 条未读")
            assert _fits(page)
            page.click("text=标为已读")
            expect(page.locator(".flash-success")).to_have_text("提醒已标为已读。")
            expect(page.locator(".unit-reminders")).to_contain_text("已读")
            page.click("text=填写自查自评")
            expect(page.locator("#self-form")).to_be_visible()
            # a first draft: one leaf scored with its note and evidence
            page.fill("#score-0", "8")
            page.fill("#note-0", "职责边界清单已建立，科室职责无交叉。")
            page.set_input_files("#files-leaf-0", files=[
                {"name": "职责边界清单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 list"}])
            page.click("#save-draft")
            expect(page.locator(".flash-success")).to_contain_text("草稿已保存（新增附件 1 个）")
            expect(page.locator("#score-0")).to_have_value("8")
            expect(page.locator("#leaf-0 .unit-files")).to_contain_text("职责边界清单.pdf")
            expect(page.locator(".missing")).to_contain_text("以下指标尚未自评打分：履职尽责/服务对象满意")
            assert _fits(page)
            # submitting too early names what is missing and keeps the draft
            page.check("#confirm-submit")
            page.click("#submit-self")
            expect(page.locator(".flash-error")).to_contain_text("草稿已保存，但还不能提交")
            expect(page.locator(".flash-error")).to_contain_text("以下材料尚未上传：自查报告、机构编制情况信息表")
            assert errors == ["Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"]
            errors.clear()  # that refusal is a 400 page, as it should be
            # everything there: the second leaf and a file per material, then submitted
            page.fill("#score-1", "18")
            page.fill("#note-1", "开展满意度调查两次。")
            material_inputs = page.locator(".self-material input[type=file]")
            expect(material_inputs).to_have_count(2)
            material_inputs.nth(0).set_input_files(files=[
                {"name": "自查报告.docx", "mimeType": "application/octet-stream", "buffer": b"PK report"}])
            material_inputs.nth(1).set_input_files(files=[
                {"name": "信息表.xlsx", "mimeType": "application/octet-stream", "buffer": b"PK sheet"}])
            page.screenshot(path=str(shots / "unit-self-assessment.png"), full_page=True)
            page.check("#confirm-submit")
            page.click("#submit-self")
            expect(page.locator(".flash-success")).to_contain_text("自查自评已提交")
            expect(page.locator("#self-state")).to_contain_text("已提交")
            expect(page.locator("#self-form")).to_have_count(0)  # read-only now
            expect(page.locator("table.self-scores")).to_contain_text("职责边界清单已建立")
            assert _fits(page)
            page.click("text=本单位")
            expect(page.locator(".self-status")).to_contain_text("已提交")
            expect(page.locator(".unit-phases")).to_contain_text("已完成")
            assert errors == []
        finally:
            browser.close()
    db = store.connect(db_path)
    try:
        [own] = store.campaigns.list_submissions(db, campaign_id, department_id)
        assert own["on_behalf"] == 0 and len(own["material_ids"]) == 2
        assert len(store.units.list_files(db, campaign_id, department_id)) == 3
    finally:
        db.close()
