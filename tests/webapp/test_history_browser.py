"""In a real browser: an evaluator freezes this year's results on the ranking page, then sees the
department's trend (last year, frozen before, and this year) on its archive page."""
from __future__ import annotations

import random
from datetime import date

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium

THIS_YEAR = date.today().year


@pytest.fixture
def history_server(tmp_path, database_templates):
    """`sanding serve` on the sample city with the 七项指标 system scored (as in the demo) and its
    results frozen as last year's."""
    from survey.evaluation.indicators import TEMPLATES, system_to_dict
    from webapp import store
    from webapp.services import demo
    from webapp.services import history as service

    db_path = tmp_path / "browser.db"
    database_templates.copy("sample_city", db_path)
    db = store.open_db(db_path)
    government = store.documents.get_government_by_name(db, "示例市")
    system = TEMPLATES["seven"]()
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None,
                                                "seven")
    names = store.documents.government_department_names(db, government["id"])
    demo._scores(db, "browser-test", government, names, random.Random(7))
    service.freeze(db, government, store.evaluations.get_system(db, system_id), THIS_YEAR - 1, None,
                   secret="browser-test")
    db.close()
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url


@pytest.mark.browser
def test_evaluator_freezes_this_year_and_sees_the_trend(history_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 1024, 900)
            sign_in(page, history_server, "evaluator", "evaluator-pass-1")
            page.click("nav >> text=评估")
            page.click("a.system-name:has-text('机构改革评估七项指标')")
            page.click("text=排名与部门评估")
            expect(page.locator("h1")).to_have_text("示例市评估排名")
            form = page.locator("#freeze-form")
            expect(form.locator("input[name=year]")).to_have_value(str(THIS_YEAR))
            form.locator("input[name=confirm]").check()
            form.locator("button[type=submit]").click()
            expect(page.locator(".flash-success")).to_contain_text(f"已冻结示例市{THIS_YEAR}年度评估结果（第 1 版）")
            expect(page.locator("h1")).to_have_text(f"示例市{THIS_YEAR}年度评估结果")
            first = page.locator("#frozen tr.frozen-row").first
            name = first.locator("td").nth(1).inner_text()
            first.locator("td a").click()
            expect(page.locator("h1")).to_have_text(f"{name}机构编制档案")
            history = page.locator("#history")
            expect(history.locator("svg.trend-chart")).to_be_visible()
            expect(history.locator("svg.trend-chart")).to_contain_text(f"{THIS_YEAR}年")
            expect(history.locator("svg.trend-chart")).to_contain_text(f"{THIS_YEAR - 1}年")
            expect(history.locator("tr.trend-row")).to_have_count(2)
            # both years were frozen from the same scores: 同比 持平
            expect(history.locator("tr.trend-row").first.locator("td.yoy")).to_have_text("持平")

            page.click("#history a:has-text('全部部门的历年对比')")
            expect(page.locator("#compare-summary")).to_contain_text(f"{THIS_YEAR}年与{THIS_YEAR - 1}年相比")
            expect(page.locator("#matching-note")).to_contain_text("部门编号对应")
            assert errors == []
        finally:
            browser.close()
