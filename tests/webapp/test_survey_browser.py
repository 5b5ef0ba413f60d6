"""A rater and a public respondent on a 375 px phone screen, against `sanding serve` in Chromium."""
from __future__ import annotations

import re
import sqlite3

import pytest

from live_server import chromium, cli, running_server, server_env, watched_page

pytestmark = pytest.mark.slow  # a real server and Chromium

DEPARTMENTS = ["示例市甲局", "示例市乙局", "示例市丙局"]


@pytest.fixture
def survey_server(tmp_path):
    """A real server with a county round of one rater and a public round."""
    db_path = tmp_path / "survey.db"
    env = server_env(db_path, "survey-browser")
    (tmp_path / "d.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    (tmp_path / "r.csv").write_text("姓名,单位,组别,评议部门\n张三,甲县,区市党政领导,\n", encoding="utf-8")
    rounds = {}
    for kind, extra in (("county", ["--raters", str(tmp_path / "r.csv"), "--closes", "2099-12-31T18:00"]),
                        ("public", [])):
        out = cli(env, "round", "create", "--name", f"{kind}评议", "--kind", kind, "--government", "示例市",
                  "--departments", str(tmp_path / "d.txt"), *extra).stdout
        rounds[kind] = int(re.search(r'"round": (\d+)', out).group(1))
    with sqlite3.connect(db_path) as db:
        key = db.execute("SELECT public_key FROM rounds WHERE id = ?", [rounds["public"]]).fetchone()[0]
    with running_server(db_path, secret="survey-browser") as (url, _process, _env):
        url = url.rstrip("/")
        link = cli(env, "round", "tokens", str(rounds["county"]), "--csv", "--base-url", url).stdout
        yield {"link": link.split(",")[-1].strip(), "public": f"{url}/s/{key}"}


def _choose(page, name: str, value: str) -> None:
    page.locator(f"label.choice:has(input[name='{name}'][value='{value}'])").click()


def _department(page, name: str):
    """The fieldset of one department on the rater form, found by its heading as a rater finds it."""
    return page.locator("fieldset.dept", has=page.locator("legend", has_text=name))


def _rate(page, department: str, label: str) -> None:
    _department(page, department).get_by_text(label, exact=True).click()


@pytest.mark.browser
def test_rater_and_public_respondent_on_a_phone(survey_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 740)
            page.goto(survey_server["link"])
            expect(page.locator("h1")).to_have_text("county评议")
            expect(page.locator(".deadline")).to_contain_text("截止时间：2099-12-31 18:00")
            _rate(page, "示例市甲局", "好")
            _rate(page, "示例市乙局", "一般")
            expect(page.locator("#rated-count")).to_have_text("已评 2 / 3")
            page.locator("details.comment summary").first.click()
            _department(page, "示例市甲局").locator("textarea").fill("服务很好")
            page.click("#save-draft")
            expect(page.locator(".flash-success")).to_contain_text("草稿已保存")
            page.reload()
            expect(_department(page, "示例市甲局").get_by_label("好", exact=True)).to_be_checked()
            expect(_department(page, "示例市乙局").get_by_label("一般", exact=True)).to_be_checked()
            expect(_department(page, "示例市甲局").locator("textarea")).to_have_value("服务很好")
            box = page.locator("label.choice").first.bounding_box()
            assert box["height"] >= 44, box  # a large tap target
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            _rate(page, "示例市丙局", "不了解")
            asked = []
            page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
            page.click("#submit-rating")  # dismissed: nothing is sent
            assert asked == ["提交后不能修改，确定提交吗？"]
            expect(page.locator("h1")).to_have_text("county评议")
            page.once("dialog", lambda dialog: dialog.accept())
            page.click("#submit-rating")
            expect(page.locator("h1")).to_have_text("已提交，感谢")
            page.goto(survey_server["link"])
            expect(page.locator("h1")).to_have_text("已提交，感谢")
            assert page.locator("input").count() == 0

            page.goto(survey_server["public"])
            page.select_option("#department", "示例市乙局")
            _choose(page, "group", "企业")
            _choose(page, "label", "满意")
            page.fill("#comment", "窗口排队时间短")
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            # Every answer button holds its label on one line (非常满意 is not broken into 非常满/意).
            lines = page.evaluate("""[...document.querySelectorAll('label.choice span')].map(span => {
                const range = document.createRange(); range.selectNodeContents(span);
                return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; })""")
            assert lines and max(lines) == 1, lines
            page.click("#submit-answer")
            expect(page.locator("h1")).to_have_text("提交成功，感谢")
            page.click("text=评价其他部门")
            page.select_option("#department", "示例市乙局")
            _choose(page, "group", "企业")
            _choose(page, "label", "不满意")
            page.click("#submit-answer")
            expect(page.locator("h1")).to_have_text("您已评价过该部门")
            assert errors == [] or all("409" in e for e in errors), errors
        finally:
            browser.close()


DIMENSIONS = ["服务基层", "工作作风", "办事效率", "廉洁自律"]


@pytest.fixture
def dimension_server(tmp_path):
    """A real server with a county round of one rater that rates four dimensions per department."""
    db_path = tmp_path / "dimensions.db"
    env = server_env(db_path, "survey-browser")
    (tmp_path / "d.txt").write_text("\n".join(DEPARTMENTS), encoding="utf-8")
    (tmp_path / "r.csv").write_text("姓名,单位,组别,评议部门\n李四,乙县,区市党政领导,\n", encoding="utf-8")
    out = cli(env, "round", "create", "--name", "分维度评议", "--kind", "county", "--government", "示例市",
              "--departments", str(tmp_path / "d.txt"), "--raters", str(tmp_path / "r.csv"),
              *[part for name in DIMENSIONS for part in ("--dimension", name)]).stdout
    round_id = int(re.search(r'"round": (\d+)', out).group(1))
    with running_server(db_path, secret="survey-browser") as (url, _process, _env):
        link = cli(env, "round", "tokens", str(round_id), "--csv", "--base-url", url.rstrip("/")).stdout
        yield {"link": link.split(",")[-1].strip(), "db": db_path}


def _dimension(page, department: str, dimension: str):
    """The answers of one dimension inside a department's card, found by their headings."""
    return _department(page, department).locator("fieldset.dim", has=page.locator("legend", has_text=dimension))


@pytest.mark.browser
def test_rater_rates_each_dimension_on_a_phone(dimension_server):
    from playwright.sync_api import expect

    with chromium() as browser:
        try:
            page, errors = watched_page(browser, 375, 740)
            page.goto(dimension_server["link"])
            expect(page.locator("h1")).to_have_text("分维度评议")
            expect(_department(page, "示例市甲局").locator("fieldset.dim")).to_have_count(4)
            for dimension in DIMENSIONS[:3]:
                _dimension(page, "示例市甲局", dimension).get_by_text("较好", exact=True).click()
            expect(page.locator("#rated-count")).to_have_text("已评 0 / 3")  # a department counts when complete
            _dimension(page, "示例市甲局", "廉洁自律").get_by_text("好", exact=True).click()
            expect(page.locator("#rated-count")).to_have_text("已评 1 / 3")
            _dimension(page, "示例市乙局", "办事效率").get_by_text("一般", exact=True).click()
            page.click("#save-draft")
            expect(page.locator(".flash-success")).to_contain_text("草稿已保存")
            page.reload()
            expect(_dimension(page, "示例市甲局", "廉洁自律").get_by_label("好", exact=True)).to_be_checked()
            expect(_dimension(page, "示例市乙局", "办事效率").get_by_label("一般", exact=True)).to_be_checked()
            expect(_dimension(page, "示例市乙局", "服务基层").locator("input:checked")).to_have_count(0)
            assert page.evaluate("document.documentElement.scrollWidth") <= 375
            boxes = [page.locator("fieldset.dim label.choice").nth(n).bounding_box() for n in (0, 4, 19)]
            assert all(box["height"] >= 44 and box["x"] + box["width"] <= 375 for box in boxes), boxes
            lines = page.evaluate("""[...document.querySelectorAll('label.choice span')].map(span => {
                const range = document.createRange(); range.selectNodeContents(span);
                return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size; })""")
            assert lines and max(lines) == 1, lines  # no answer broken over two lines
            for department in DEPARTMENTS[1:]:
                for dimension in DIMENSIONS:
                    _dimension(page, department, dimension).get_by_text("一般", exact=True).click()
            expect(page.locator("#rated-count")).to_have_text("已评 3 / 3")
            page.once("dialog", lambda dialog: dialog.accept())
            page.click("#submit-rating")
            expect(page.locator("h1")).to_have_text("已提交，感谢")
            assert errors == [], errors
        finally:
            browser.close()
    with sqlite3.connect(dimension_server["db"]) as db:
        assert db.execute("SELECT count(*) FROM ballots").fetchone()[0] == 1
