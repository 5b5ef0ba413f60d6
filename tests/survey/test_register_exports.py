"""The exports made to import back (issue #20, item 7), on the pure side: a 实名制 import's data and a
领导职数台账 holder list go out as .xlsx in their import's columns and read back as the same entries,
text that looks like a formula included."""
from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from survey.reform import leader_posts
from survey.reform.roll import HEADER, Count, RollUnit, read_roll, units_xlsx

DEPARTMENTS = ["示例市水利局", "示例市商务局", "示例市农业农村局"]


def test_roll_units_go_out_and_come_back_the_same():
    units = [RollUnit("示例市水利局", {"行政编制": Count(None, 30), "事业编制": Count(12, 0)},
                      {"副职": Count(4, 5)}, "=借调 1 名"),
             RollUnit("示例市商务局", {}, {"内设机构领导": Count(None, 9)})]
    data = units_xlsx("实名制2026-03-31", units, frozenset({"示例市水利局"}))
    sheet = load_workbook(io.BytesIO(data)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    fills = {row[0].value: row[0].fill.fgColor.rgb for row in sheet.iter_rows(min_row=2)}
    assert fills["示例市水利局"].endswith("FDE2E2") and not fills["示例市商务局"].endswith("FDE2E2")
    back = read_roll(data, DEPARTMENTS, "示例市", file_name="导出.xlsx")
    assert sorted(back, key=lambda u: u.department) == sorted(units, key=lambda u: u.department)


def test_holders_go_out_and_come_back_the_same():
    holders = [leader_posts.Holder("示例市水利局", "王建国", "局长", "正处级", dt.date(2023, 3, 1)),
               leader_posts.Holder("示例市水利局", "李晓东", "副局长", "副处级", dt.date(2024, 7, 15)),
               leader_posts.Holder("示例市商务局", "+张丽华", "副局长", "副处级", dt.date(2022, 1, 1))]
    data = leader_posts.holders_xlsx(holders)
    assert [c.value for c in load_workbook(io.BytesIO(data)).active[1]] == leader_posts.HEADER
    assert leader_posts.read_holders(data, DEPARTMENTS) == holders
    stored = [{"department_name": h.department, "name": h.name, "post": h.title, "level": h.rank,
               "since": h.since.isoformat()} for h in holders]
    assert leader_posts.holders_from_rows(stored) == holders
