"""In a real browser: staff record a 只考一次 item, verify it with a note and an evidence file, and the
indicator leaf that takes its value from the register shows the deduction with the item behind it."""
from __future__ import annotations

from datetime import date

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium


@pytest.fixture
def daily_server(tmp_path, database_templates):
    """`sanding serve` on the sample city with a system of this year whose leaf deducts 2 points per
    verified 推诿扯皮 report."""
    from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
    from webapp import store

    db_path = tmp_path / "browser.db"
    database_templates.copy("sample_city", db_path)
    db = store.open_db(db_path)
    try:
        government = store.documents.get_government_by_name(db, "示例市")
        system = IndicatorSystem(f"{date.today().year}年度履职考核", [
            Indicator(("履职",), 1), Indicator(("履职", "推诿扯皮"), 1, 10, "daily:举报", deduction=2)])
        system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None)
        department_id = store.documents.department_ids(db, government["id"])["示例市水利局"]
    finally:
        db.close()
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url, system_id, department_id


@pytest.mark.browser
def test_record_verify_and_see_the_leaf_value(daily_server):
    from playwright.sync_api import expect

    url, system_id, department_id = daily_server
    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 800)
            sign_in(page, url, "staff", "staff-pass-1")
            page.click("nav >> text=只考一次")
            page.locator("a.government-name", has_text="示例市").first.click()
            expect(page.locator("h1")).to_have_text("示例市只考一次日常考核台账")
            page.select_option("#new-department", label="示例市水利局")
            page.select_option("#new-source", value="举报")
            page.select_option("#new-kind", value="推诿扯皮")
            page.fill("#new-matter", "联合执法中推诿扯皮，不履行牵头职责")
            page.click("#new-entry button[type=submit]")
            expect(page.locator(".item-status")).to_have_text("待核实")
            page.select_option("#verify-status", value="属实")
            page.fill("#verify-note", "调阅会议纪要，情况属实")
            page.set_input_files("#verify-file", files=[
                {"name": "会议纪要.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 minutes"}])
            page.click("#verify button[type=submit]")
            expect(page.locator(".item-status")).to_contain_text("属实")
            expect(page.locator("#files")).to_contain_text("会议纪要.pdf")
            page.goto(f"{url}/evaluations/systems/{system_id}/departments/{department_id}")
            row = page.locator('tr[data-path="履职/推诿扯皮"]')
            expect(row.locator(".score")).to_have_text("8.0")
            row.locator("details.daily-items summary").click()
            expect(row.locator(".daily-counted")).to_contain_text("联合执法中推诿扯皮")
            expect(row.locator(".daily-counted")).to_contain_text("会议纪要.pdf")
            assert errors == []
        finally:
            browser.close()
