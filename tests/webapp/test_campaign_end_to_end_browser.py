"""In a real browser, one small campaign (评估活动) from start to end with every party at once, each in
its own browser context signed in as itself: the office (管理员, desktop), two evaluated
departments (被评估单位, phones at 375 px) and a panel of two experts (评估员, one on a phone).

The office makes the accounts and the two-leaf indicator system on its pages, names the expert
panel, creates the campaign, publishes the 方案 with its materials list and scopes both
departments (one for 实地抽查). Each department submits its 自查自评 with evidence; the experts score
the same leaves back-to-back (neither sees the other's score until the office closes the leaves);
the office sees the combined scores and their spread, records the visit, writes feedback that
each department acknowledges, raises a 整改 entry that department A reports on with a proof file
and the office accepts; the board then shows every phase finished for both, and the 通报 (.docx)
ranks them. Department B cannot open department A's pages or files. Nothing is made in the store
beforehand but the sample city's 三定 import: accounts, system and campaign go through the pages."""
from __future__ import annotations

import io
import os
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest

from survey.evaluation.indicators import Indicator, IndicatorSystem, to_xlsx
from webapp import store

from conftest import PASSWORDS
from live_server import chromium, running_server, sign_in, watched_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]  # a real server and Chromium

CITY = "示例市"
UNIT_A, UNIT_B = "示例市水利局", "示例市商务局"
CAMPAIGN = "2026年度部门机构编制评估"
SYSTEM = "部门评估两项指标"
LEAVES = ("职能配置/职责清晰", "履职尽责/服务对象满意")
PASSWORD = "walk-pass-1"
# (unit account, unit) and (expert account, name)
UNITS = {"shuili": UNIT_A, "shangwu": UNIT_B}
EXPERTS = {"expert-a": "甲专家", "expert-b": "乙专家"}
# each expert's score of each leaf for each unit: B comes out ahead of A, so the 通报's order is
# the scores', not the order the units were made or chosen in
SCORES = {("expert-a", UNIT_A): (8, 16), ("expert-b", UNIT_A): (9, 14),
          ("expert-a", UNIT_B): (9, 19), ("expert-b", UNIT_B): (10, 18)}


def small_system() -> bytes:
    """The two-leaf system as the .xlsx the office uploads."""
    return to_xlsx(IndicatorSystem(SYSTEM, [
        Indicator(("职能配置",), 0.5), Indicator(("职能配置", "职责清晰"), 1, 10, "manual", "职责边界清晰"),
        Indicator(("履职尽责",), 0.5), Indicator(("履职尽责", "服务对象满意"), 1, 20, "manual", "满意度调查")]))


@pytest.fixture
def walk_server(tmp_path, database_templates):
    """`sanding serve` on the sample city (its 三定 imported) with the test accounts (PASSWORDS);
    yields (url, department ids by name)."""
    db_path = tmp_path / "walk.db"
    database_templates.copy("sample_city", db_path)
    db = store.connect(db_path)
    try:
        government = store.documents.get_government_by_name(db, CITY)
        ids = store.documents.department_ids(db, government["id"])
    finally:
        db.close()
    # the server's log beside the database: what a failed step's 500 page does not say
    with running_server(db_path, workers=1, secret="walk-test", log_dir=tmp_path / "server") as (url, _process, _env):
        yield url.rstrip("/"), ids


def _fits(page) -> bool:
    """Nothing wider than the viewport: no sideways scrolling on a phone."""
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


def _status(page, url: str) -> int:
    """The HTTP status of opening `url` in `page` (its own cookies: the account it is signed in as)."""
    response = page.goto(url)
    assert response is not None
    return response.status


def _expect():
    from playwright.sync_api import expect
    return expect


# --- the office sets up -----------------------------------------------------------------------

def create_accounts(office, ids: dict[str, int]) -> None:
    expect = _expect()
    office.click("nav >> text=用户")
    for username, name in EXPERTS.items():
        office.fill("#username", username)
        office.fill("#display_name", name)
        office.select_option("#role", "evaluator")
        office.fill("#password", PASSWORD)
        office.click("button:has-text('创建')")
        expect(office.locator(".flash-success")).to_have_text(f"已创建用户 {username}。")
    for username, unit in UNITS.items():
        office.fill("#username", username)
        office.fill("#display_name", f"{unit[3:]}联络员")
        office.select_option("#role", "unit")
        office.select_option("#unit", f"d:{ids[unit]}")
        office.fill("#password", PASSWORD)
        office.click("button:has-text('创建')")
        expect(office.locator(".flash-success")).to_have_text(f"已创建用户 {username}。")


def create_system(office, server: str, tmp_path: Path) -> str:
    """The system from its .xlsx and its panel of two experts; returns the system page's url."""
    expect = _expect()
    source = tmp_path / "两项指标.xlsx"
    source.write_bytes(small_system())
    office.goto(server + "/evaluations/")
    office.select_option("#government", label=CITY)
    office.select_option("#template", "xlsx")
    office.set_input_files("#file", str(source))
    office.click("#new-system button[type=submit]")
    expect(office.locator(".flash-success")).to_have_text(f"已创建指标体系“{SYSTEM}”。")
    system_url = office.url.split("#")[0]
    form = office.locator("#panel-form")
    for username in EXPERTS:
        form.locator("label.option", has_text=f"（{username}）").locator("input").check()
    form.locator("input[name=threshold]").fill("20")
    form.locator("button[type=submit]").click()
    expect(office.locator(".flash-success")).to_have_text("已保存评估专家组：2 人，分歧阈值为满分的 20%。")
    assert sorted(office.locator("#panel-members").inner_text().split("、")) == sorted(EXPERTS.values())
    return system_url


def create_campaign(office, today: date) -> str:
    """The campaign with its deadlines, 方案 and materials list, and both units; returns its id."""
    expect = _expect()
    office.click("nav >> text=评估活动")
    office.select_option("#government", label=CITY)
    office.fill("#name", CAMPAIGN)
    office.select_option("#system", label=f"{CITY} · {SYSTEM}")
    for field, days in (("plan_due", 0), ("self_due", 7), ("review_due", 14), ("feedback_due", 21),
                        ("rectify_due", 60)):
        office.fill(f"#{field}", (today + timedelta(days=days)).isoformat())
    office.click("#new-campaign button[type=submit]")
    expect(office.locator(".flash-success")).to_contain_text(f"已创建评估活动“{CAMPAIGN}”")
    campaign_id = office.url.split("/campaigns/")[1].split("/")[0]
    office.fill("#material-name", "自查报告")
    office.click("#materials button[type=submit] >> text=添加")
    expect(office.locator("ul.materials")).to_contain_text("自查报告")
    office.fill("#plan_text", f"评估范围：{UNIT_A}、{UNIT_B}，其中{UNIT_A}实地抽查。"
                              "各单位对照指标自查自评并报送自查报告。")
    office.check("#publish")
    office.click("#plan button[type=submit]")
    expect(office.locator(".flash-success")).to_have_text("方案已发布。")
    for unit in (UNIT_A, UNIT_B):
        office.check(f"input[aria-label='评估 {unit}']")
    office.check(f"input[aria-label='实地抽查 {UNIT_A}']")
    office.click("#units button[type=submit] >> text=保存评估单位")
    expect(office.locator(".flash-success")).to_have_text("评估单位已保存：2 个，其中实地抽查 1 个。")
    office.click(".campaign-tabs >> text=状态看板")
    rows = office.locator("tr.unit-row")
    expect(rows).to_have_count(2)
    expect(office.locator("tr.unit-row td.cell-done")).to_have_count(0)  # nothing done yet
    return campaign_id


# --- the units -----------------------------------------------------------------------------------

def self_assess(unit, name: str, scores: tuple[int, int]) -> None:
    """A unit on its phone: its home, then its 自查自评 with evidence and the 自查报告, submitted."""
    expect = _expect()
    expect(unit.locator("h1")).to_contain_text(name)
    expect(unit.locator(".unit-campaign h2")).to_have_text(CAMPAIGN)
    expect(unit.locator(".unit-campaign .self-status")).to_have_text("未开始")
    assert _fits(unit)
    unit.click("text=填写自查自评")
    expect(unit.locator("#self-form fieldset.self-leaf")).to_have_count(2)
    for number, value in enumerate(scores):
        unit.fill(f"#score-{number}", str(value))
        unit.fill(f"#note-{number}", f"{name}对照“{LEAVES[number].split('/')[1]}”自查。")
    unit.set_input_files("#files-leaf-0", files=[
        {"name": f"{name[3:]}职责清单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 duties"}])
    unit.locator(".self-material input[type=file]").set_input_files(files=[
        {"name": f"{name[3:]}自查报告.docx", "mimeType": "application/octet-stream", "buffer": b"PK report"}])
    assert _fits(unit)
    unit.check("#confirm-submit")
    unit.click("#submit-self")
    expect(unit.locator(".flash-success")).to_contain_text("自查自评已提交")
    expect(unit.locator("#self-state")).to_contain_text("已提交")
    expect(unit.locator("#self-form")).to_have_count(0)
    expect(unit.locator("table.self-scores")).to_contain_text(f"{name[3:]}职责清单.pdf")
    assert _fits(unit)


# --- the experts ---------------------------------------------------------------------------------

def score_unit(expert, server: str, campaign_id: str, username: str, name: str) -> None:
    """An expert scores both leaves of one unit, reaching it from the campaign's board."""
    expect = _expect()
    expert.goto(f"{server}/campaigns/{campaign_id}/")
    expert.locator("tr.unit-row", has_text=name).locator("th a").click()
    expect(expert.locator("h1")).to_contain_text(name)
    expert.click("#review >> text=查看评估")
    expect(expert.locator("h1")).to_have_text(name)
    for leaf, value in zip(LEAVES, SCORES[(username, name)]):
        row = expert.locator(f"tr.score-row[data-path='{leaf}']")
        row.locator("details.score-edit summary").click()
        row.locator("input[name=value]").fill(str(value))
        row.locator("textarea[name=evidence]").fill(f"{EXPERTS[username]}查阅{name}资料")
        row.locator("details.score-edit button[type=submit]").first.click()
        expect(expert.locator(".flash-success")).to_contain_text(f"“{leaf}”已评为 {value} 分")
        expect(expert.locator(f"tr.score-row[data-path='{leaf}'] .own-score")).to_contain_text(f"我的评分：{value}")


def sees_only_own(expert, system_url: str, department_id: int, username: str, other: str, name: str) -> None:
    """Before the leaves close: the expert sees who has scored, its own score, nothing of the other's."""
    expect = _expect()
    expert.goto(f"{system_url.rstrip('/')}/departments/{department_id}")
    for leaf in LEAVES:
        row = expert.locator(f"tr.score-row[data-path='{leaf}']")
        expect(row.locator(".panel-status")).to_contain_text("专家组已评 2/2 人")
        expect(row.locator("details.panel-detail")).to_have_count(0)
        expect(row.locator("td.score")).to_have_text("缺")
    assert f"{EXPERTS[other]}查阅{name}资料" not in expert.content()
    assert f"{EXPERTS[username]}查阅{name}资料" in expert.content()


# --- the walk ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_campaign_end_to_end_with_office_units_and_experts(walk_server, tmp_path):
    expect = _expect()
    server, ids = walk_server
    today = date.today()
    shots = Path(os.environ.get("SANDING_SCREENSHOTS") or tmp_path)
    with chromium() as browser:
        try:
            office, office_errors = watched_page(browser, 1280, 900, locale="zh-CN", accept_downloads=True)
            sign_in(office, server, "admin", PASSWORDS["admin"])
            create_accounts(office, ids)
            system_url = create_system(office, server, tmp_path)
            campaign_id = create_campaign(office, today)
            campaign = f"{server}/campaigns/{campaign_id}"

            # both departments, on their phones
            units, unit_errors = {}, {}
            for username, name in UNITS.items():
                units[name], unit_errors[name] = watched_page(browser, 375, 740, locale="zh-CN")
                sign_in(units[name], server, username, PASSWORD)
                self_assess(units[name], name, (9, 18) if name == UNIT_A else (10, 19))
            a_file = units[UNIT_A].locator("table.self-scores a", has_text="职责清单.pdf").get_attribute("href")

            # B cannot open A's file, A's pages of the office, nor report on A's entry (below)
            b = units[UNIT_B]
            assert _status(b, server + a_file) == 404
            office_file = a_file.replace("/unit/files/", "/campaigns/unit-files/")
            assert _status(b, server + office_file) == 403  # the office's route to the same file
            assert _status(b, f"{campaign}/units/{ids[UNIT_A]}") == 403  # an office page: no unit opens it
            assert _status(b, f"{server}/unit/campaigns/{int(campaign_id) + 1}/") == 404
            b.goto(server + "/unit/")
            unit_errors[UNIT_B].clear()  # the refusals above are logged as failed loads, as they should be

            # the office's board counts both submissions
            office.goto(campaign + "/")
            for name in (UNIT_A, UNIT_B):
                row = office.locator("tr.unit-row", has_text=name)
                expect(row.locator("td.cell").nth(0)).to_contain_text("已完成")
                expect(row.locator("td.cell").nth(1)).to_contain_text("已评 0/2 项")

            # the experts score the same leaves apart: A on a desktop, B on a phone
            experts, expert_errors = {}, {}
            for username, width in (("expert-a", 1024), ("expert-b", 375)):
                experts[username], expert_errors[username] = watched_page(browser, width, 800, locale="zh-CN")
                sign_in(experts[username], server, username, PASSWORD)
            first, second = experts["expert-a"], experts["expert-b"]
            score_unit(first, server, campaign_id, "expert-a", UNIT_A)
            # the second expert sees that the first has scored, not the score
            second.goto(f"{system_url.rstrip('/')}/departments/{ids[UNIT_A]}")
            row = second.locator(f"tr.score-row[data-path='{LEAVES[0]}']")
            expect(row.locator(".panel-status")).to_contain_text("专家组已评 1/2 人，未评：乙专家")
            assert "甲专家查阅" not in second.content()
            score_unit(second, server, campaign_id, "expert-b", UNIT_A)
            score_unit(second, server, campaign_id, "expert-b", UNIT_B)
            score_unit(first, server, campaign_id, "expert-a", UNIT_B)
            for username, other in (("expert-a", "expert-b"), ("expert-b", "expert-a")):
                for name in (UNIT_A, UNIT_B):
                    sees_only_own(experts[username], system_url, ids[name], username, other, name)
            assert _fits(second)

            # the office: the board waits for the leaves to close, the panel page shows who scored, no score
            office.goto(campaign + "/")
            for name in (UNIT_A, UNIT_B):
                expect(office.locator("tr.unit-row", has_text=name).locator("td.cell").nth(1)).to_contain_text(
                    "已评 0/2 项，专家组已评完 2 项待关闭")
            office.click("a.panel-progress-link")  # the system serves all 16 departments: the campaign's two
            expect(office.locator(".campaign-filter")).to_contain_text(f"只列出评估活动“{CAMPAIGN}”的评估单位（2 个）")
            for leaf in LEAVES:
                section = office.locator(f"section.panel-leaf[data-path='{leaf}']")
                expect(section.locator("tr.progress-row")).to_have_count(2)
                expect(section.locator("table.panel-progress")).to_contain_text("关闭后显示")
                expect(section.locator("tr.progress-row", has_text=UNIT_A)).to_contain_text("2/2")
            office.click("text=关闭全部指标的评分")
            expect(office.locator(".flash-success")).to_have_text("已关闭 2 项指标的评分。")
            expect(office.locator(".campaign-filter")).to_be_visible()  # back on the campaign's view
            first_leaf = office.locator(f"section.panel-leaf[data-path='{LEAVES[0]}']")
            expect(first_leaf.locator(".leaf-status")).to_contain_text("已关闭")
            a_row = first_leaf.locator("tr.progress-row", has_text=UNIT_A).locator("td")
            expect(a_row.nth(3)).to_have_text("8.5")  # (8 + 9) / 2
            expect(a_row.nth(5)).to_have_text("8—9")
            expect(a_row.nth(6)).to_have_text("0.71")
            second_leaf = office.locator(f"section.panel-leaf[data-path='{LEAVES[1]}']")
            b_row = second_leaf.locator("tr.progress-row", has_text=UNIT_B).locator("td")
            expect(b_row.nth(3)).to_have_text("18.5")  # (19 + 18) / 2
            expect(b_row.nth(5)).to_have_text("18—19")
            office.screenshot(path=str(shots / "walk-panel-closed.png"), full_page=True)
            # now each expert sees the other's score, and can no longer change its own
            second.goto(f"{system_url.rstrip('/')}/departments/{ids[UNIT_A]}")
            row = second.locator(f"tr.score-row[data-path='{LEAVES[0]}']")
            expect(row.locator("td.score")).to_have_text("8.5")
            row.locator("details.panel-detail summary").click()
            expect(row.locator("table.panel-scores")).to_contain_text(f"甲专家查阅{UNIT_A}资料")
            expect(row.locator("details.score-edit")).to_have_count(0)

            # the office's unit page: the unit's submission, its self-assessment beside the panel's scores
            office.goto(f"{campaign}/units/{ids[UNIT_A]}")
            submitted = office.locator("tr.submission-row")
            expect(submitted).to_contain_text("单位自行提交")
            submitted.locator("a.unit-files-link").click()  # its files are with its self-assessment
            expect(office.locator("#self-assessment ul.materials")).to_contain_text("水利局自查报告.docx")
            compare = office.locator(f"table.self-compare tr.compare-row[data-leaf='{LEAVES[0]}']")
            expect(compare.locator("td.own")).to_have_text("9")
            expect(compare.locator("td.evaluator")).to_contain_text("8.5")
            expect(office.locator("#review")).to_contain_text("已评 2/2 项")
            # the visit to A, with a photo
            office.fill("#people", "分管副局长、办公室主任")
            office.fill("#notes", "内设机构按三定设置；职责清单未随职责调整更新。")
            office.set_input_files("#visit-files", files=[
                {"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff photo"}])
            office.click("#visit-form button[type=submit]")
            expect(office.locator(".flash-success")).to_contain_text("实地抽查记录（附件 1 个）")
            # feedback to both
            for name, text in ((UNIT_A, "职责清单未随职责调整更新，请于两个月内修订。"),
                               (UNIT_B, "职责清晰，服务对象满意度较高，请继续保持。")):
                office.goto(f"{campaign}/units/{ids[name]}")
                office.fill("#feedback-text", text)
                office.click("#feedback button[type=submit]")
                expect(office.locator(".flash-success")).to_have_text(f"已保存对{name}的反馈意见。")
                expect(office.locator("#feedback .feedback-ack")).to_have_text("单位尚未确认收到")

            # each unit reads and acknowledges its own feedback, and only its own
            for name, text in ((UNIT_A, "职责清单未随职责调整更新"), (UNIT_B, "请继续保持")):
                unit = units[name]
                unit.goto(server + "/unit/")
                expect(unit.locator(".unit-to-do")).to_have_text("待办 编办已反馈意见，请查看并确认收到")
                unit.click("text=查看反馈与整改")
                expect(unit.locator("#feedback .feedback-text")).to_contain_text(text)
                unit.click("#acknowledge")
                expect(unit.locator(".flash-success")).to_have_text("已确认收到反馈意见。")
                expect(unit.locator("#feedback .acknowledged")).to_contain_text("确认收到")
                assert _fits(unit)
            assert "职责清单未随职责调整更新" not in units[UNIT_B].content()
            office.goto(f"{campaign}/units/{ids[UNIT_B]}")
            expect(office.locator("#feedback .feedback-ack")).to_contain_text("确认收到")

            # a 整改 entry for A; A reports with a proof file; B cannot report on it
            office.goto(f"{campaign}/units/{ids[UNIT_A]}")
            office.fill("#problem", "职责清单未随职责调整更新")
            office.fill("#measure", "修订职责清单并报编办备案")
            office.fill("#owner", "办公室主任")
            office.fill("#deadline", (today + timedelta(days=30)).isoformat())
            office.click("#rectification button[type=submit]")
            expect(office.locator(".flash-success")).to_contain_text("已在整改台账登记整改事项")
            a = units[UNIT_A]
            a.goto(server + "/unit/")
            expect(a.locator(".unit-to-do")).to_have_text("待办 1 项整改事项待报告进展")
            assert _fits(a)
            a.click("text=查看反馈与整改")
            entry = a.locator("#rectify article.entry")
            expect(entry).to_have_count(1)
            entry_id = entry.get_attribute("id").removeprefix("entry-")
            b.goto(server + "/unit/")
            b.click("text=查看自查自评")
            expect(b.locator("#rectify")).to_contain_text("暂无整改事项")
            refused = b.request.post(f"{server}/unit/campaigns/{campaign_id}/rectifications/{entry_id}", multipart={
                "csrf_token": b.locator("input[name=csrf_token]").first.input_value(), "text": "冒名报告"})
            assert refused.status == 404
            entry.locator("textarea[name=text]").fill("职责清单已修订，经党组会审议通过。")
            entry.locator("input[type=file]").set_input_files(files=[
                {"name": "修订后职责清单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 revised"}])
            assert _fits(a)
            entry.locator("button[type=submit]").click()
            expect(a.locator(".flash-success")).to_have_text("整改进展已报告，待编办审核。")
            expect(a.locator("#rectify .report-status")).to_have_text("待编办审核")
            a.goto(server + "/unit/")
            expect(a.locator(".unit-to-do")).to_have_count(0)  # nothing waits on the unit now
            a.click("text=查看自查自评")
            office.reload()
            report = office.locator("article.entry-reports li.report")
            expect(report).to_contain_text("修订后职责清单.pdf")
            report.locator("button[value=accepted]").click()
            expect(office.locator(".flash-success")).to_have_text("已认可整改进展，整改事项已销号。")
            a.reload()
            expect(a.locator("#rectify .entry-status")).to_have_text("已销号")
            expect(a.locator("#rectify .report-status")).to_have_text("已认可，事项销号")
            a.screenshot(path=str(shots / "walk-unit-a-done.png"), full_page=True)

            # the board: every phase finished for both (B has no visit and nothing to rectify)
            office.goto(campaign + "/")
            expect(office.locator("td.cell-late, td.cell-missing")).to_have_count(0)
            expect(office.locator("tr.unit-row", has_text=UNIT_A).locator("td.cell-done")).to_have_count(5)
            b_cells = office.locator("tr.unit-row", has_text=UNIT_B).locator("td.cell")
            assert [cell.split()[0] for cell in b_cells.all_inner_texts()] == [
                "已完成", "已完成", "不适用", "已完成", "不适用"]
            office.screenshot(path=str(shots / "walk-board-done.png"), full_page=True)

            # the 通报: B (47.5 + 46.25 = 93.75) ahead of A (42.5 + 37.5 = 80)
            office.click(".campaign-tabs >> text=通报与反馈意见")
            expect(office.locator("#not-ready")).to_have_count(0)
            with office.expect_download() as download:
                office.click("text=下载通报（.docx）")
            assert download.value.suggested_filename == f"{CITY}{CAMPAIGN}通报.docx"
            document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
            [table] = [t for t in document.tables if t.rows[0].cells[0].text == "名次"]
            ranked = [[cell.text for cell in row.cells] for row in table.rows[1:]]
            assert [(row[0], row[1]) for row in ranked] == [("1", UNIT_B), ("2", UNIT_A)]
            assert (ranked[0][2], ranked[1][2]) == ("93.75", "80.00")

            assert office_errors == [] and all(not errors for errors in unit_errors.values())
            assert all(not errors for errors in expert_errors.values())
        finally:
            browser.close()
