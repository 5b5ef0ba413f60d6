"""In a real browser: a county (旗市区) evaluated by its city signs in on a phone (375 px), finds the
city's campaign, fills and submits its 自查自评, files its 机构数, 编制 and 领导职数 for 审核备案;
the office (on a desktop) reads the filing on the county's page and marks it 已备案, and the city's
view ranks the counties. No page of the county is wider than the phone."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
from webapp import store
from webapp.auth import create_user

from conftest import PASSWORDS, make_department
from live_server import chromium, running_server, sign_in, watched_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # a real server and Chromium

PASSWORD = "arong-pass-1"


@pytest.fixture
def county_server(tmp_path, database_templates):
    """`sanding serve` on the test accounts plus 示例市 with a county-target system and campaign
    (plan published) evaluating 阿荣旗 and 扎兰屯市, and 阿荣旗's account `arong`."""
    db_path = tmp_path / "county.db"
    database_templates.copy("accounts", db_path)
    db = store.connect(db_path)
    try:
        make_department(db, "示例市水利局")
        government_id = store.documents.get_government_by_name(db, "示例市")["id"]
        system = IndicatorSystem("旗市区评估指标", [
            Indicator(("机构设置",), 0.5), Indicator(("机构设置", "机构限额执行"), 1, 10, "manual", "不超限额"),
            Indicator(("编制管理",), 0.5), Indicator(("编制管理", "编制使用"), 1, 10, "manual", "不超编")])
        system_id = store.evaluations.create_system(db, government_id, system.name, system_to_dict(system), None,
                                                    target="counties")
        store.counties.register(db, government_id, ["阿荣旗", "扎兰屯市"], None)
        ids = store.counties.unit_ids(db, government_id)
        today = date.today()
        campaign_id = store.campaigns.create_campaign(db, government_id, {
            "name": "2026年度旗市区评估", "year": 2026, "system_id": system_id, "target": "counties",
            "deadlines": {"self": (today + timedelta(days=7)).isoformat()}}, None)
        store.campaigns.set_plan(db, campaign_id, "各旗市区对照指标自查自评，报送机构编制数据备案。",
                                 today.isoformat(), None)
        store.campaigns.set_units(db, campaign_id, list(ids.values()), [], None)
        for name, values in (("扎兰屯市", (9, 9)), ("阿荣旗", (8, 7))):
            for path, value in zip((("机构设置", "机构限额执行"), ("编制管理", "编制使用")), values):
                store.evaluations.set_score(db, system_id, ids[name], path, value, "查阅资料", None)
        arong = store.documents.get_government_by_name(db, "阿荣旗")["id"]
        create_user(db, "arong", PASSWORD, "unit", "阿荣旗编办", unit={"government_id": arong})
    finally:
        db.close()
    with running_server(db_path, workers=1, secret="county-test") as (url, _process, _env):
        yield url.rstrip("/"), db_path, campaign_id, ids


def _fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_a_county_self_assesses_and_files_on_a_phone_and_the_office_files_it(county_server):
    from playwright.sync_api import expect

    server, db_path, campaign_id, ids = county_server
    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 740, locale="zh-CN")
            sign_in(page, server, "arong", PASSWORD)
            expect(page.locator("h1")).to_contain_text("阿荣旗")
            expect(page.locator(".unit-campaign h2")).to_have_text("2026年度旗市区评估")
            assert _fits(page)
            page.click("text=填写自查自评")
            page.fill("#score-0", "9")
            page.fill("#note-0", "党政机构数在限额内。")
            page.fill("#score-1", "8")
            page.fill("#note-1", "未超编进人。")
            page.check("#confirm-submit")
            page.click("#submit-self")
            expect(page.locator(".flash-success")).to_contain_text("自查自评已提交")
            assert _fits(page)
            # the filing form: 数据日期 and the numbers, typed on the phone
            form = page.locator(".county-filing-form")
            form.locator("#filing-as-of").fill((date.today() - timedelta(days=5)).isoformat())
            form.get_by_label("政府工作部门核定").fill("22")
            form.get_by_label("政府工作部门实有").fill("22")
            form.get_by_label("行政编制核定").fill("300")
            form.get_by_label("行政编制实有").fill("305")
            form.get_by_label("副职核定").fill("60")
            form.get_by_label("副职实有").fill("58")
            assert _fits(page)
            form.locator("button[type=submit]").click()
            expect(page.locator(".flash-success")).to_contain_text("待编办审核备案")
            expect(page.locator(".filing-status")).to_have_text("待审核")
            expect(page.locator("#county-filing")).to_contain_text("行政编制超编 5 名")
            assert _fits(page)
            assert errors == []
            # the office reads the filing on the county's page and files it
            office, office_errors = watched_page(browser, 1280, 900, locale="zh-CN")
            sign_in(office, server, "evaluator", PASSWORDS["evaluator"])
            office.goto(f"{server}/campaigns/{campaign_id}/units/{ids['阿荣旗']}")
            expect(office.locator("#county-filing")).to_contain_text("核定 300 名、实有 305 名，超 5 名")
            office.click("#county-filing button[value=filed]")
            expect(office.locator(".flash-success")).to_contain_text("已将阿荣旗报送的机构编制数据备案")
            office.click("text=旗市区排名与备案")
            rows = office.locator("table.county-ranking tr.county-row")
            expect(rows).to_have_count(2)
            expect(rows.nth(0)).to_contain_text("扎兰屯市")
            expect(rows.nth(1)).to_contain_text("阿荣旗")
            expect(rows.nth(1)).to_contain_text("已备案")
            assert office_errors == []
            page.reload()
            expect(page.locator(".filing-status")).to_have_text("已备案")
            assert _fits(page)
        finally:
            browser.close()
