"""In a real browser: staff type the posts of 示例市商务局's divisions on its 大科室 page and the rule
that could not evaluate gives its verdict; a wrong number is refused and nothing is saved."""
from __future__ import annotations

import pytest

from live_server import chromium, running_server, server_env, sign_in, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium


@pytest.fixture
def city_server(tmp_path, database_templates):
    db_path = tmp_path / "browser.db"
    server_env(db_path, "browser-test")
    database_templates.copy("sample_city", db_path)
    with running_server(db_path, workers=1, secret="browser-test") as (url, _process, _env):
        yield url


@pytest.mark.browser
def test_enter_posts_and_see_the_rule_result(city_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 1280, 900)
            sign_in(page, city_server, "staff", "staff-pass-1")
            page.click("nav >> text=机构改革")
            page.locator("tr", has_text="示例市商务局").locator("text=大科室核对").click()
            small = page.locator("li.verdict-small_divisions")
            expect(small).to_contain_text("缺少各内设机构编制数")
            inputs = page.locator("#posts-table input.posts-input")
            expect(inputs).to_have_count(7)
            for n in range(7):
                inputs.nth(n).fill("4")
            page.click("text=保存编制数")
            expect(page.locator("li.verdict-small_divisions .verdict-pass")).to_be_visible()
            expect(page.locator("li.verdict-division_heads")).to_contain_text("可设科级领导职数7名")
            expect(page.locator("#posts-table .posts-used").first).to_have_text("4")
            expect(page.locator("#posts-table")).to_contain_text("手工录入（staff，")
            page.locator("#posts-table input.posts-input").first.fill("2")
            page.click("text=保存编制数")
            expect(page.locator("li.verdict-small_divisions")).to_contain_text("办公室2名")
            page.locator("#posts-table input.posts-input").first.fill("1001")
            page.click("text=保存编制数")
            expect(page.locator("body")).to_contain_text("办公室的编制数“1001”应为 0–1000 的整数")
            page.go_back()
            page.reload()
            expect(page.locator("#posts-table .posts-used").first).to_have_text("2")
            # the refused form's 400 is the only console line: no script or CSP error
            assert [e for e in errors if "status of 400" not in e] == [] and len(errors) == 1
        finally:
            browser.close()
