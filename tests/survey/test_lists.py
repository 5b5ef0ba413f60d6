"""The 清单 rules (survey.lists): the checks of a matter, .xlsx import naming bad rows, export back,
what an import changes, edition order, the diff between editions, the 一本通's search and Word."""
from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from survey.lists import editions, handbook, search, sheets
from survey.lists.kinds import KINDS, OTHER_FIELD, Context, ListsError, Matter, check_matter, default_fields, kind_named

from workbooks import xlsx_bytes

DEPARTMENTS = ["示例市水利局", "示例市自然资源和规划局", "示例市公安局", "示例市行政审批服务局", "示例市市场监督管理局"]
CONTEXT = Context("示例市", DEPARTMENTS, default_fields())
BOUNDARY, APPROVAL, TERRITORIAL = KINDS["boundary"], KINDS["approval"], KINDS["territorial"]


def _boundary(**changes) -> dict:
    raw = {"matter": "河道采砂管理", "field": "水利水务", "lead": "水利局", "assisting": "自然资源和规划局、公安局",
           "duties": "水利局负责许可和监督检查；自然资源和规划局负责矿产资源管理。", "basis": "三定规定"}
    raw.update(changes)
    return raw


def _row(kind, values: dict) -> list:
    return [None, *(values.get(header, "") for header in kind.headers)]


def test_the_default_index_is_the_platforms_twenty_fields_and_other():
    fields = default_fields()
    assert len(fields) == 21 and fields[-1] == OTHER_FIELD and {"安全生产", "农业农村", "生态环境"} <= set(fields)


def test_kinds_are_found_by_any_of_their_names():
    assert kind_named("审批监管") is APPROVAL and kind_named("属地管理清单") is TERRITORIAL
    assert kind_named("boundary") is BOUNDARY and kind_named("权责清单") is None


def test_a_matter_writes_departments_in_full():
    matter, errors = check_matter(BOUNDARY, _boundary(), CONTEXT)
    assert errors == [] and matter is not None
    assert matter.values["lead"] == "示例市水利局"
    assert matter.values["assisting"] == ["示例市自然资源和规划局", "示例市公安局"]
    assert matter.departments(BOUNDARY) == ["示例市水利局", "示例市自然资源和规划局", "示例市公安局"]
    assert matter.text("assisting") == "示例市自然资源和规划局、示例市公安局"


@pytest.mark.parametrize("changes, message", [
    ({"matter": "  "}, "“事项”不能为空"),
    ({"field": "海洋渔业"}, "“行业领域”的“海洋渔业”不在本政府的行业领域索引中"),
    ({"lead": "教育局"}, "“主办部门”的“教育局”不是本政府已有的部门"),
    ({"lead": "水利局、公安局"}, "“主办部门”只能填写一个部门"),
    ({"assisting": "水利局"}, "协办部门不应包含主办部门"),
    ({"duties": ""}, "“各自职责”不能为空"),
    ({"matter": "长" * 201}, "“事项”不超过 200 字"),
])
def test_a_wrong_matter_is_named_in_chinese(changes, message):
    matter, errors = check_matter(BOUNDARY, _boundary(**changes), CONTEXT)
    assert matter is None and any(message in error for error in errors), errors


def test_approval_and_territorial_columns():
    raw = {"matter": "取水许可", "field": "水利水务", "type": "行政许可", "approver": "行政审批服务局",
           "supervisors": "水利局", "steps": "技术审查、专家评审，技术审查"}
    matter, errors = check_matter(APPROVAL, raw, CONTEXT)
    assert errors == [] and matter.values["steps"] == ["技术审查", "专家评审"]
    _none, errors = check_matter(APPROVAL, {**raw, "type": "备案"}, CONTEXT)
    assert errors == ["“事项类型”应为行政许可、关联事项之一"]
    _none, errors = check_matter(APPROVAL, {**raw, "supervisors": ""}, CONTEXT)
    assert errors == ["“监管部门”不能为空"]
    # a 属地管理 list names a county's departments: kept as typed, the government's written in full
    raw = {"matter": "违法建设查处", "field": "城市管理", "primary": "县级部门", "county": "县城管局、水利局",
           "county_duties": "立案查处", "town_duties": "巡查报告"}
    matter, errors = check_matter(TERRITORIAL, raw, CONTEXT)
    assert errors == [] and matter.values["county"] == ["县城管局", "示例市水利局"]
    _none, errors = check_matter(TERRITORIAL, {**raw, "primary": "市级"}, CONTEXT)
    assert errors == ["“主体责任”应为县级部门、乡镇（街道）之一"]


def _sheet(kind, rows: list[dict]) -> bytes:
    return xlsx_bytes([_row(kind, values) for values in rows], sheets.header(kind))


GOOD = {"事项": "河道采砂管理", "行业领域": "水利水务", "主办部门": "水利局", "协办部门": "公安局", "各自职责": "分工"}


def test_a_workbook_imports_all_its_rows():
    other = {**GOOD, "事项": "河湖划界", "协办部门": "自然资源和规划局，公安局"}
    matters = sheets.read_matters(BOUNDARY, _sheet(BOUNDARY, [GOOD, {}, other]), CONTEXT)
    assert [m.name for m in matters] == ["河道采砂管理", "河湖划界"]  # the empty row is skipped
    assert matters[1].values["assisting"] == ["示例市自然资源和规划局", "示例市公安局"]


def test_every_bad_row_is_named_with_its_number_and_reason():
    rows = [GOOD, {**GOOD, "事项": "河湖划界", "主办部门": "教育局"}, {**GOOD, "行业领域": ""}, GOOD]
    with pytest.raises(ListsError) as raised:
        sheets.read_matters(BOUNDARY, _sheet(BOUNDARY, rows), CONTEXT)
    assert raised.value.errors == [
        "第3行：“主办部门”的“教育局”不是本政府已有的部门",
        "第4行：“行业领域”不能为空",
        "第5行：事项“河道采砂管理”与第2行重复",
    ]
    with pytest.raises(ListsError, match="已有待审核的新增申请"):
        sheets.read_matters(BOUNDARY, _sheet(BOUNDARY, [GOOD]), CONTEXT, pending={"河道采砂管理"})


def test_a_workbook_of_another_kind_or_empty_is_refused():
    with pytest.raises(ListsError, match="第1行表头应为“序号，许可事项"):
        sheets.read_matters(APPROVAL, _sheet(BOUNDARY, [GOOD]), CONTEXT)
    with pytest.raises(ListsError, match="文件中没有事项"):
        sheets.read_matters(BOUNDARY, xlsx_bytes([], sheets.header(BOUNDARY)), CONTEXT)
    with pytest.raises(ListsError, match="Excel 文件已损坏"):
        sheets.read_matters(BOUNDARY, b"PK\x03\x04 not a workbook", CONTEXT)


def test_the_export_imports_back_as_the_same_matters():
    raws = (_boundary(), _boundary(matter="=危险公式", basis="@x"))
    matters = [check_matter(BOUNDARY, raw, CONTEXT)[0] for raw in raws]
    data = sheets.to_xlsx(BOUNDARY, matters)
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == sheets.header(BOUNDARY) and sheet["A3"].value == 2
    assert sheet["B3"].value == "'=危险公式"  # never a formula in the office's Excel
    again = sheets.read_matters(BOUNDARY, data, CONTEXT)
    assert [m.values for m in again] == [m.values for m in matters]


def test_the_template_offers_the_index_and_choices():
    book = load_workbook(io.BytesIO(sheets.template_xlsx(APPROVAL, default_fields())))
    assert [c.value for c in book.active[1]] == sheets.header(APPROVAL)
    formulas = [v.formula1 for v in book.active.data_validations.dataValidation]
    assert any("水利水务" in f for f in formulas) and any("关联事项" in f for f in formulas)
    assert "审批监管环节" in [row[0] for row in book["填写说明"].iter_rows(values_only=True)]


def _matters(*names: str, start: int = 1) -> list[Matter]:
    found = []
    for number, name in enumerate(names, start=start):
        matter, _ = check_matter(BOUNDARY, _boundary(matter=name), CONTEXT)
        matter.id = number
        found.append(matter)
    return found


def test_an_import_adds_new_names_and_edits_known_ones():
    draft = _matters("甲", "乙", "丙")
    changed = Matter({**draft[1].values, "duties": "改了"})
    new, _ = check_matter(BOUNDARY, _boundary(matter="丁"), CONTEXT)
    plan = editions.plan_import(BOUNDARY, draft, [Matter(dict(draft[0].values)), changed, new])
    assert [m.name for m in plan.added] == ["丁"] and plan.unchanged == 1
    assert [(old.id, new.values["duties"]) for old, new in plan.edited] == [(2, "改了")]
    assert editions.plan_import(BOUNDARY, draft, [Matter(dict(m.values)) for m in draft]).empty


def test_an_edition_follows_the_index_with_other_last():
    items = _matters("甲", "乙", "丙", "丁")
    for matter, field_name in zip(items, ["其他", "水利水务", "安全生产", "水利水务"]):
        matter.values["field"] = field_name
    ordered = editions.edition_order(items, ["安全生产", "水利水务", "其他"])
    assert [m.name for m in ordered] == ["丙", "乙", "丁", "甲"]
    assert [(field, len(group)) for field, group in editions.by_field(ordered)] == [
        ("安全生产", 1), ("水利水务", 2), ("其他", 1)]


def test_the_diff_between_editions_names_each_changed_column():
    old = _matters("甲", "乙", "丙")
    new = [Matter(dict(m.values), id=m.id) for m in old[1:]] + _matters("丁", start=4)
    new[0].values.update(matter="乙（改名）", lead="示例市公安局", assisting=["示例市水利局"])
    found = editions.diff(BOUNDARY, old, new)
    assert [m.name for m in found.added] == ["丁"] and [m.name for m in found.removed] == ["甲"]
    [changed] = found.changed
    assert [(c.header, c.old, c.new) for c in changed.changes] == [
        ("事项", "乙", "乙（改名）"), ("主办部门", "示例市水利局", "示例市公安局"),
        ("协办部门", "示例市自然资源和规划局、示例市公安局", "示例市水利局")]
    assert found.summary() == "新增 1 项、删除 1 项、修改 1 项"
    data = editions.diff_xlsx(BOUNDARY, found, "第1版（2025年版）", "第2版（2026年版）", "清单")
    book = load_workbook(io.BytesIO(data))
    rows = list(book["变动明细"].iter_rows(values_only=True))
    assert rows[0] == tuple(editions.DIFF_HEADER)
    assert ("修改", "乙（改名）", "水利水务", "主办部门", "示例市水利局", "示例市公安局") in rows
    assert [r[0] for r in rows[1:]].count("修改") == 3 and rows[1][:2] == ("新增", "丁")
    assert ("比较", "第1版（2025年版） → 第2版（2026年版）") in list(book["说明"].iter_rows(values_only=True))
    assert editions.diff(BOUNDARY, old, old).empty


def test_search_by_department_field_and_words_in_any_characters():
    items = _matters("河道采砂管理", "燃气安全监管")
    items[1].values.update(field="燃气安全", lead="示例市市场监督管理局", assisting=[],
                           duties="负责气瓶充装单位的特种设备安全监管")
    approval, _ = check_matter(APPROVAL, {"matter": "取水许可", "field": "水利水务", "type": "行政许可",
                                          "approver": "行政审批服务局", "supervisors": "水利局"}, CONTEXT)
    entries = [search.Entry(BOUNDARY, m, search.search_text(BOUNDARY, m)) for m in items]
    entries.append(search.Entry(APPROVAL, approval, search.search_text(APPROVAL, approval)))

    def names(**wanted) -> list[str]:
        return [entry.matter.name for entry in search.search(entries, **wanted)]

    assert names(department="示例市水利局") == ["河道采砂管理", "取水许可"]
    assert names(field="燃气安全") == ["燃气安全监管"] and names(kind="approval") == ["取水许可"]
    assert names(query="氣瓶 充裝") == ["燃气安全监管"]  # traditional characters find simplified text
    assert names(query="ＡＢＣ") == [] and names(query="采砂 燃气") == []
    assert names(query="水利局", field="水利水务") == ["河道采砂管理", "取水许可"]
    assert search.departments(entries)[0] == "示例市公安局" and "示例市行政审批服务局" in search.departments(entries)


def test_an_edition_as_a_word_handbook():
    items = editions.edition_order(_matters("河道采砂管理", "安全检查"), ["安全生产", "水利水务"])
    items[1].values["field"] = "安全生产"
    out = io.BytesIO()
    handbook.write_docx(BOUNDARY, items, out, title="示例市职责边界清单", subtitle="第1版（2026年版）")
    document = Document(io.BytesIO(out.getvalue()))
    texts = [p.text for p in document.paragraphs]
    assert "示例市职责边界清单" in texts and "第1版（2026年版）" in texts
    assert any(text.startswith("一、水利水务") for text in texts)
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["序号", "事项", "主办部门", "协办部门", "各自职责", "依据"]
    assert document.tables[0].rows[1].cells[2].text == "示例市水利局"
