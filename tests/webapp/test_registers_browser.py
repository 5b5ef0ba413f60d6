"""Issue #20 item 7, in a real browser against `sanding serve` on the demo city (`sanding demo`): the
main path of each register — the 机构编制问题台账, 实名制 (its export imported back through the page), the
编制调整台账, 一单位一档案, the 领导职数台账 (its holder list imported back), the 清单 (a request decided and
published), a round's 原始答卷 — and the 工作台 listing 超编/超职数 and late campaign units at 375 px.
The 一本通 (tests/webapp/test_lists_browser.py) and 只考一次 (test_daily_record_browser.py) have their own.
"""
from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from live_server import chromium, cli, running_server, server_env, sign_in, watched_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # a real server and Chromium

OFFICE, PHONE = (1280, 900), (375, 800)
PASSWORDS = {"admin": "admin-demo", "evaluator": "evaluator-demo", "staff": "staff-demo"}
WATER, FARM = "示例市水利局", "示例市农业农村局"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(url, government id, ids of departments by name) of a server on a fresh demo database."""
    from webapp import store

    db_path = tmp_path_factory.mktemp("registers-browser") / "demo.db"
    env = server_env(db_path, "registers-browser")
    cli(env, "demo", "--db", str(db_path), "--no-serve")
    db = store.connect(str(db_path))
    try:
        government = store.documents.get_government_by_name(db, "示例市")
        ids = store.documents.department_ids(db, government["id"])
        closed = next(row["id"] for row in store.rounds.list_rounds(db) if row["closed_at"])
    finally:
        db.close()
    with running_server(db_path, workers=1, secret="registers-browser") as (url, _process, _env):
        yield url.rstrip("/"), government["id"], ids, closed


@pytest.fixture
def browser():
    with chromium() as found:
        try:
            yield found
        finally:
            found.close()


def _open(browser, url: str, who: str, size=OFFICE):
    page, errors = watched_page(browser, *size, locale="zh-CN")
    sign_in(page, url, who, PASSWORDS[who])
    return page, errors


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE[0], f"{page.url} is {width}px wide at a 375px viewport"


def _rows(download) -> list[tuple]:
    return list(load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active.iter_rows(values_only=True))


def test_the_dashboard_lists_over_and_late_units_on_a_phone(browser, demo):
    from playwright.sync_api import expect

    url, _gid, ids, _closed = demo
    page, errors = _open(browser, url, "staff", PHONE)
    over = page.locator("ul.over-units li")
    expect(over).to_have_count(2)
    expect(over.first).to_contain_text(f"{FARM}：副职超职数 1 名")
    expect(over.nth(1)).to_contain_text(f"{WATER}：行政编制超编 2 名")
    late = page.locator("ul.late-units li")
    expect(late).to_have_count(1)
    expect(late).to_contain_text("自查自评逾期 7 天")
    _fits(page)
    over.nth(1).locator("a").click()
    expect(page.locator("h1")).to_have_text(f"{WATER}机构编制档案")
    expect(page.locator("#archive-check tr.over")).to_contain_text("超编 2")
    page.go_back()
    late.locator("a").click()
    expect(page).to_have_url(re.compile(r"/campaigns/\d+/units/\d+$"))
    assert errors == []


def test_a_problem_is_entered_and_exported(browser, demo):
    from playwright.sync_api import expect

    url, gid, ids, _closed = demo
    page, errors = _open(browser, url, "staff")
    page.goto(f"{url}/problems/{gid}/")
    expect(page.locator("h1")).to_have_text("示例市机构编制问题台账")
    expect(page.locator("tr.problem-row")).to_have_count(2)
    page.check(f"#new-entry input[name=departments][value='{ids[WATER]}']")
    page.select_option("#new-category", value="超编进人")
    page.select_option("#new-source", value="实地抽查")
    page.fill("#new-description", "实名制核对发现行政编制超编 2 名")
    page.fill("#new-measure", "按编制调整台账核减")
    page.fill("#new-found_on", date.today().isoformat())
    page.fill("#new-due_on", f"{date.today().year + 1}-06-30")
    page.click("#new-entry button[type=submit]")
    expect(page.locator("body")).to_contain_text("实名制核对发现行政编制超编 2 名")
    page.goto(f"{url}/problems/{gid}/")
    expect(page.locator("tr.problem-row")).to_have_count(3)
    with page.expect_download() as download:
        page.click("text=导出 .xlsx")
    rows = _rows(download.value)
    assert len(rows) == 4 and any("实名制核对发现行政编制超编 2 名" in (row[3] or "") for row in rows[1:])
    assert errors == []


def test_the_roll_export_imports_back_and_the_archive_shows_it(browser, demo, tmp_path):
    from playwright.sync_api import expect

    url, gid, ids, _closed = demo
    page, errors = _open(browser, url, "staff")
    page.goto(f"{url}/roll/{gid}/")
    expect(page.locator("h1")).to_have_text("示例市实名制核对")
    expect(page.locator("tr.roll-unit.over")).to_have_count(2)
    with page.expect_download() as download:
        page.click("#roll-data")
    saved = tmp_path / "实名制.xlsx"
    download.value.save_as(saved)
    page.fill("#as_of", date.today().isoformat())
    page.set_input_files("#roll-file", str(saved))
    page.click("#import button[type=submit]")
    expect(page.locator("p.flash")).to_contain_text(f"个单位的实名制数据（数据日期 {date.today().isoformat()}）")
    expect(page.locator("tr.roll-unit.over")).to_have_count(2)
    expect(page.locator("#imports tbody tr")).to_have_count(3)
    page.locator("tr.roll-unit.over a", has_text=WATER).click()
    expect(page.locator("h1")).to_have_text(f"{WATER}机构编制档案")
    expect(page.locator("#staffing")).to_contain_text(date.today().isoformat())
    expect(page.locator("#adjustments")).to_contain_text("新增河湖长制工作（演示）")
    assert errors == []


def test_an_adjustment_is_entered_in_the_log(browser, demo):
    from playwright.sync_api import expect

    url, gid, ids, _closed = demo
    page, errors = _open(browser, url, "staff")
    page.goto(f"{url}/roll/{gid}/log")
    expect(page.locator("h1")).to_have_text("示例市编制调整台账")
    before = page.locator("tr.adjustment-row").count()
    page.select_option("#new-department", label=WATER)
    page.fill("#new-on_date", date.today().isoformat())
    page.select_option("#new-kind", value="核减")
    page.select_option("#new-post_kind", value="行政编制")
    page.fill("#new-count", "2")
    page.fill("#new-document_no", "示编办〔2026〕30号")
    page.click("#new-entry button[type=submit]")
    expect(page.locator("tr.adjustment-row")).to_have_count(before + 1)
    row = page.locator("tr.adjustment-row", has_text="示编办〔2026〕30号")
    expect(row.locator("td.count")).to_have_text("-2")
    page.goto(f"{url}/roll/{gid}/log?department_id={ids[WATER]}&year={date.today().year}")
    expect(page.locator("tr.adjustment-row")).to_have_count(1)
    assert errors == []


def test_the_leader_ledger_holder_list_imports_back(browser, demo, tmp_path):
    from playwright.sync_api import expect

    url, gid, _ids, _closed = demo
    page, errors = _open(browser, url, "admin")
    page.goto(f"{url}/reform/{gid}/ledger")
    expect(page.locator("h1")).to_have_text("示例市领导职数台账")
    page.locator("table.summary tbody a").first.click()
    expect(page.locator("#ledger-departments tr.over")).to_contain_text(FARM)
    with page.expect_download() as download:
        page.click("#ledger-holders")
    saved = tmp_path / "任职人员.xlsx"
    download.value.save_as(saved)
    assert len(_rows(download.value)) > 20
    page.goto(f"{url}/reform/{gid}/ledger")
    page.fill("#quarter", f"{date.today().year - 1}-Q4")
    page.set_input_files("#file", str(saved))
    page.click("form button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text(f"{date.today().year - 1}年第4季度")
    expect(page.locator("#ledger-departments tr.over")).to_contain_text(FARM)
    page.goto(f"{url}/reform/{gid}/ledger")
    expect(page.locator("table.summary tbody tr")).to_have_count(2)
    assert errors == []


def test_a_list_request_is_approved_and_published(browser, demo):
    from playwright.sync_api import expect

    url, gid, _ids, _closed = demo
    page, errors = _open(browser, url, "admin")
    page.goto(f"{url}/lists/{gid}/boundary/")
    expect(page.locator("#pending tr.change-row")).to_have_count(1)
    page.locator("#pending tr.change-row input[name=note]").fill("同意")
    page.locator("#pending tr.change-row button[value=approve]").click()
    expect(page.locator("#pending tr.change-row")).to_have_count(0)
    editions = page.locator("#editions tr.edition-row").count()
    page.fill("#publish-title", "浏览器测试版")
    page.fill("#publish-note", "浏览器测试发布")
    page.click("#editions button[type=submit]")
    expect(page.locator("h1")).to_contain_text("浏览器测试版")  # the new edition's page
    page.goto(f"{url}/lists/{gid}/boundary/")
    expect(page.locator("#editions tr.edition-row")).to_have_count(editions + 1)
    expect(page.locator("#editions tr.edition-row").first).to_contain_text("浏览器测试版")
    with page.expect_download() as download:
        page.click("text=导出工作稿 .xlsx")
    assert len(_rows(download.value)) > 3
    assert errors == []


def test_an_evaluator_downloads_the_raw_responses(browser, demo):
    from playwright.sync_api import expect

    url, _gid, _ids, closed = demo
    page, errors = _open(browser, url, "evaluator")
    page.goto(f"{url}/rounds/{closed}/")
    expect(page.locator("text=导出原始答卷 (.xlsx)")).to_be_visible()
    with page.expect_download() as download:
        page.click("text=导出原始答卷 (.xlsx)")
    rows = _rows(download.value)
    assert len(rows) > 10 and "评议人" not in "".join(str(cell) for cell in rows[0])
    assert errors == []
