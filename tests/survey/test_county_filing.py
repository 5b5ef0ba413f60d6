"""A county's filing of 机构编制 figures and 领导职数 for 审核备案 (survey.campaigns.county_filing): the
form's numbers, the optional 实名制 register, the checks the office reads and the decision rules."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from survey.campaigns import county_filing as rules
from survey.reform.roll import HEADER

TODAY = dt.date(2026, 6, 30)


def _sheet(rows: list[list]) -> bytes:
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_form_gives_the_county_figures_and_the_checks_name_what_is_over():
    filing = rules.read_form({"as_of": "2026-06-30", "inst-1-approved": "22", "inst-1-actual": "23个",
                              "post-0-approved": "300", "post-0-actual": "290", "leader-1-approved": "60",
                              "leader-1-actual": "62名", "note": " 说明 "}, TODAY)
    assert filing.as_of == TODAY and filing.note == "说明"
    assert set(filing.institutions) == {"政府工作部门"}  # a kind left empty is not given
    checked = rules.check(filing)
    assert checked.flagged and checked.over_institutions == {"政府工作部门": 1}
    assert checked.problems() == ["政府工作部门超 1 个", "副职超职数 2 名"]
    assert [line.text() for line in checked.total.posts] == ["核定 300 名、实有 290 名，空 10 名"]
    again = rules.from_dict(rules.to_dict(filing))
    assert again == filing and rules.check(again).problems() == checked.problems()


@pytest.mark.parametrize("fields, message", [
    ({"as_of": ""}, "请填写数据日期"),
    ({"as_of": "2026-07-01"}, "数据日期不能晚于今天"),
    ({"as_of": "六月底"}, "数据日期应为日期"),
    ({"post-0-actual": "-1"}, "“行政编制实有”应为 0 或正整数，实际为“-1”"),
    ({"leader-0-approved": "1.5"}, "“正职核定”应为 0 或正整数"),
    ({"post-0-actual": "100001"}, "“行政编制实有”的 100001 过大"),
    ({"note": "长" * 501}, "说明不超过 500 字"),
])
def test_a_bad_form_is_refused_naming_each_problem(fields, message):
    with pytest.raises(rules.FilingError) as error:
        rules.read_form({"as_of": "2026-06-01", "post-0-approved": "10", **fields}, TODAY)
    assert any(message in text for text in error.value.errors), error.value.errors


def test_a_form_without_any_number_is_refused():
    with pytest.raises(rules.FilingError, match="请至少填写一项机构数、编制或领导职数"):
        rules.read_form({"as_of": "2026-06-01"}, TODAY)


def test_the_register_takes_any_unit_of_the_county_each_once():
    units = rules.read_units(_sheet([["阿荣旗委办公室", 20, 21], ["阿荣旗发展和改革委员会", 15, 15]]), "实名制.xlsx")
    assert [(u.department, u.posts["行政编制"].actual) for u in units] == [
        ("阿荣旗委办公室", 21), ("阿荣旗发展和改革委员会", 15)]
    filing = rules.Filing(TODAY, units=units)
    assert rules.check(filing).flagged_units == ["阿荣旗委办公室"]
    with pytest.raises(rules.FilingError) as error:
        rules.read_units(_sheet([["甲局", 1, 1], ["甲局", 2, 2], ["乙局", "x"]]), "实名制.xlsx")
    assert any("第3行：甲局与第2行重复" in text for text in error.value.errors)
    assert any("第4行" in text for text in error.value.errors)
    with pytest.raises(rules.FilingError, match="第1行表头应为"):
        rules.read_units("部门,人数\n甲局,1\n".encode(), "实名制.csv")


def test_only_a_waiting_filing_is_decided_and_a_return_needs_a_reason():
    assert rules.decision_problems(rules.SUBMITTED, rules.FILED, "") == []
    assert rules.decision_problems(rules.SUBMITTED, rules.RETURNED, " ") == ["退回时请填写理由，单位将看到理由"]
    assert rules.decision_problems(rules.FILED, rules.RETURNED, "理由") == ["该报送已备案，不能再审核"]
    assert rules.decision_problems(rules.RETURNED, rules.FILED, "") == ["该报送已退回，不能再审核"]
    assert rules.decision_problems(rules.SUBMITTED, "approve", "") == ["请选择备案或退回"]
    assert rules.filing_problems(True) and rules.filing_problems(False) == []
