"""In a real browser: two experts score one leaf back-to-back, the office closes it, and only then
does either see the other's score and the combination."""
from __future__ import annotations

from unittest import mock

import pytest

from live_server import chromium, running_server, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium

MARKET = "示例市市场监督管理局"
LEAF = "职能配置/权责统一"
EXPERT_PASSWORD = "expert-pass-1"


@pytest.fixture
def panel_server(tmp_path, database_templates):
    """`sanding serve` on the sample city with the 7-indicator system and a panel of two experts."""
    from survey.evaluation.indicators import seven_indicator_template, system_to_dict
    from webapp import auth, store

    db_path = tmp_path / "browser.db"
    database_templates.copy("sample_city", db_path)
    db = store.open_db(db_path)
    government = store.documents.get_government_by_name(db, "示例市")
    system = seven_indicator_template()
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None,
                                                "seven")
    with mock.patch.object(auth, "PASSWORD_METHOD", "pbkdf2:sha256:1000"):
        experts = [auth.create_user(db, name, EXPERT_PASSWORD, "evaluator", display)
                   for name, display in (("expert-a", "甲专家"), ("expert-b", "乙专家"))]
    store.evaluations.set_panel(db, system_id, experts, 0.2, None)
    db.close()
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url, f"{url}/evaluations/systems/{system_id}"


@pytest.mark.browser
def test_two_experts_score_apart_until_the_office_closes_the_leaf(panel_server):
    from playwright.sync_api import expect

    url, system = panel_server
    with chromium() as browser:
        try:
            first, errors = watched_page(browser, 1024, 900)
            sign_in(first, url, "expert-a", EXPERT_PASSWORD)
            first.goto(system + "/ranking")
            first.click(f"#ranking a:has-text('{MARKET}')")
            department = first.url
            row = first.locator(f"tr.score-row[data-path='{LEAF}']")
            row.locator("details.score-edit summary").click()
            row.locator("input[name=value]").fill("3.5")
            row.locator("textarea[name=evidence]").fill("甲专家查阅权责清单")
            row.locator("details.score-edit button[type=submit]").first.click()
            expect(first.locator(".flash-success")).to_contain_text(f"“{LEAF}”已评为 3.5 分")
            expect(first.locator(f"tr.score-row[data-path='{LEAF}'] .own-score")).to_contain_text("我的评分：3.5")

            second, more_errors = watched_page(browser, 375, 800)  # the other expert, on a phone
            sign_in(second, url, "expert-b", EXPERT_PASSWORD)
            second.goto(department)
            row = second.locator(f"tr.score-row[data-path='{LEAF}']")
            expect(row.locator(".panel-status")).to_contain_text("专家组已评 1/2 人，未评：乙专家")
            assert "3.5" not in row.inner_text() and "甲专家查阅权责清单" not in second.content()
            row.locator("details.score-edit summary").click()
            row.locator("input[name=value]").fill("4.5")
            row.locator("textarea[name=evidence]").fill("乙专家座谈了解")
            row.locator("details.score-edit button[type=submit]").first.click()
            expect(second.locator(".flash-success")).to_contain_text("已评为 4.5 分")
            assert "甲专家查阅权责清单" not in second.content()

            office, office_errors = watched_page(browser, 1024, 900)
            sign_in(office, url, "admin", "admin-pass-1")
            office.goto(system + "/panel")
            section = office.locator(f"section.panel-leaf[data-path='{LEAF}']")
            expect(section.locator("table")).to_contain_text("关闭后显示")
            section.locator("form.close-form button").click()
            expect(office.locator(".flash-success")).to_contain_text("已关闭 1 项指标的评分")
            expect(office.locator(f"section.panel-leaf[data-path='{LEAF}'] .leaf-status")).to_contain_text("已关闭")

            second.goto(department)
            row = second.locator(f"tr.score-row[data-path='{LEAF}']")
            expect(row.locator("td.score")).to_have_text("4.0")  # (3.5 + 4.5) / 2
            row.locator("details.panel-detail summary").click()
            expect(row.locator("table.panel-scores")).to_contain_text("甲专家查阅权责清单")
            expect(row.locator("details.score-edit")).to_have_count(0)  # closed: nothing to change
            assert errors == [] and more_errors == [] and office_errors == []
        finally:
            browser.close()
