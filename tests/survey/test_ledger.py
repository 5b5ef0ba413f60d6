"""领导职数台账: import naming bad rows and columns, comparison with approved posts, export."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from docproc.model import Document, Leader, Staffing
from survey.reform.leader_posts import HolderListError, approved_posts, quarter_end, read_holders, snapshot, write_xlsx

from workbooks import xlsx_bytes

HEADER = ["部门", "姓名", "职务", "级别", "任职时间"]
DEPARTMENTS = ["示例市水利局", "示例市商务局"]


def _xlsx(rows, header=HEADER) -> bytes:
    return xlsx_bytes(rows, header)


GOOD = [
    ["示例市水利局", "张一", "局长", "正处级", dt.date(2019, 3, 1)],
    ["示例市水利局", "李二", "副局长", "副处级", "2020-06-15"],
    ["示例市水利局", "王三", "副局长", "副处级", "2021年3月"],
    ["示例市水利局", "赵四", "副局长", "副处级", dt.datetime(2021, 5, 10)],
    ["示例市水利局", "钱五", "副局长", "副处级", "2021-08-01"],
    ["示例市商务局", "孙六", "副局长", "副处级", "2018-01-01"],
]


def _approved():
    docs = [Document("a", department="示例市水利局", staffing=Staffing(leaders=[
                Leader("局长", 1), Leader("副局长", 3), Leader("总工程师", 1)])),
            Document("b", department="示例市商务局", staffing=Staffing(leaders=[
                Leader("局长", 1), Leader("副局长", 3)]))]
    return approved_posts(docs)


def test_import_good_file():
    holders = read_holders(_xlsx(GOOD), DEPARTMENTS)
    assert len(holders) == 6
    assert holders[2].since == dt.date(2021, 3, 1) and holders[3].since == dt.date(2021, 5, 10)


def test_bad_rows_named_by_row_and_column_and_nothing_imported():
    rows = GOOD + [["示例市水利局", "", "副局长", "副处级", "2020-01-01"],
                   ["示例市教育局", "周七", "局长", "正处级", "2020-01-01"],
                   ["示例市商务局", "吴八", "局长", "正处级", "去年"]]
    with pytest.raises(HolderListError) as error:
        read_holders(_xlsx(rows), DEPARTMENTS)
    assert error.value.errors == [
        "第8行“姓名”列为空",
        "第9行“部门”列的“示例市教育局”不是已导入三定规定的部门",
        "第10行“任职时间”列“去年”不是日期（应写作 2021-03-01 或 2021年3月）",
    ]


def test_bad_header_duplicates_and_broken_files():
    with pytest.raises(HolderListError, match="第1行表头"):
        read_holders(_xlsx(GOOD, ["部门", "姓名", "职务"]))
    with pytest.raises(HolderListError, match="第3行：示例市水利局的张一（局长）重复出现"):
        read_holders(_xlsx([GOOD[0], GOOD[0]]))
    with pytest.raises(HolderListError, match="不是有效的 .xlsx"):
        read_holders(b"not a workbook")
    with pytest.raises(HolderListError, match="没有任职人员"):
        read_holders(_xlsx([]))


def test_snapshot_over_and_vacant_by_quarter():
    holders = read_holders(_xlsx(GOOD), DEPARTMENTS)
    q2 = snapshot(holders, _approved(), quarter_end(2021, 2))
    assert q2.quarter == "2021年第2季度" and q2.date == dt.date(2021, 6, 30)
    lines = {(line.department, line.title): line for line in q2.lines}
    assert (lines[("示例市水利局", "副局长")].actual, lines[("示例市水利局", "副局长")].over) == (3, 0)
    assert lines[("示例市水利局", "总工程师")].vacant == 1
    assert lines[("示例市商务局", "局长")].vacant == 1
    q3 = snapshot(holders, _approved(), quarter_end(2021, 3))
    lines = {(line.department, line.title): line for line in q3.lines}
    assert lines[("示例市水利局", "副局长")].over == 1
    assert q3.departments()["示例市水利局"] == {"approved": 5, "actual": 5, "over": 1, "vacant": 1}


def test_title_without_approved_post_is_over():
    holders = read_holders(_xlsx([["示例市商务局", "郑九", "总经济师", "副处级", "2020-01-01"]]))
    snap = snapshot(holders, _approved(), quarter_end(2020, 4))
    line = next(entry for entry in snap.lines if entry.title == "总经济师")
    assert line.approved is None and line.over == 1


def test_export_names_only_for_admins():
    holders = read_holders(_xlsx(GOOD), DEPARTMENTS)
    snap = snapshot(holders, _approved(), quarter_end(2021, 3))
    public = load_workbook(io.BytesIO(write_xlsx(snap)))
    cells = [str(c) for row in public.active.iter_rows(values_only=True) for c in row]
    assert "张一" not in " ".join(cells) and "超职数" in cells
    admin = load_workbook(io.BytesIO(write_xlsx(snap, with_names=True)))
    text = " ".join(str(c) for row in admin.active.iter_rows(values_only=True) for c in row)
    assert "李二、王三、赵四、钱五" in text
    assert "张一" not in str(snap.to_dict()) and "张一" in str(snap.to_dict(with_names=True))
