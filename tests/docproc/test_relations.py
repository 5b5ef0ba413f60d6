"""Department pairs from 职责分工 statements, declared changes and regulation articles.

The last test runs over every file cited in tests/data/gold_pairs.json (transcribed from
../shared/corpus/GOLD_PAIRS.md) and checks the share of gold pairs that department_pairs finds.
"""
from __future__ import annotations

import json
from itertools import combinations

import pytest

from docproc import parse, parse_bytes
from docproc.model import Change, Document, Duty, LabourDivision
from docproc.names import department_core, department_mentions, normalise_department, same_department, simplify_name
from docproc.pair_scorer import INFERRED
from docproc.read import read_file
from docproc.relations import Relation, department_pairs, pair_recovered

from shared_paths import SHARED_CORPUS, TEST_DATA, needs_shared

GOLD = json.loads((TEST_DATA / "gold_pairs.json").read_text("utf-8"))["rows"]


# The rules' pairs: what the learned scorer adds on top is tested in test_pair_scorer.py.
def _pairs(text: str, **fields) -> list[Relation]:
    return [r for r in department_pairs(Document(file="t.txt", **fields), text) if r.relation != INFERRED]


def _has(relations, a, b, relation=None) -> bool:
    for rel in relations:
        if {rel.a, rel.b} == {a, b} and (relation is None or rel.relation == relation):
            return True
    return False


def _directed(relations, a, b, relation) -> bool:
    return any(r.a == a and r.b == b and r.relation == relation for r in relations)


# --- names ------------------------------------------------------------------------------------

def test_names_traditional_abbreviated_and_generic():
    text = simplify_name("由國土資源部會同農業部、人力资源社会保障部、安全监管总局等部門負責落實")
    names = [m[2] for m in department_mentions(text)]
    assert names == ["国土资源部", "农业部", "人力资源社会保障部", "安全监管总局"]
    text = "工商、金融、税务、公安、文化综合执法等部门按照各自职责"
    assert [m[2] for m in department_mentions(text)] == ["工商部门", "金融部门", "税务部门", "公安部门",
                                                      "文化综合执法部门"]
    assert [m[2] for m in department_mentions("将应急管理部消防救援局职责划入国家消防救援局")] == [
        "应急管理部消防救援局", "国家消防救援局"]
    assert department_mentions("负责全局事务的综合协调和干部的管理，有关部门配合") == []


def test_name_normalisation_and_loose_comparison():
    assert normalise_department("原國家衛生健康委員會") == "国家卫生健康委员会"
    assert normalise_department("住房和城鄉建設(城管)部門") == "住房和城乡建设部门"
    assert normalise_department("县(市)人民政府生态环境主管部门") == "生态环境主管部门"
    assert department_core("质量技术监督部门") == "质量技术监督"
    assert same_department("广电总局", "国家广播电影电视总局")
    assert same_department("市场监管部门", "市场监督管理部门")
    assert same_department("卫生部门", "衞生部")
    assert not same_department("卫生部", "国家卫生健康委员会")
    assert not same_department("公安机关", "市场监督管理部门")


# --- patterns -----------------------------------------------------------------------------------

def test_regulation_split_by_stage():
    rels = _pairs("农业部门负责初级农产品生产环节的监管；质检部门负责食品生产加工环节的监管，"
                  "将现由卫生部门承担的食品生产加工环节的卫生监管职责划归质检部门；工商部门负责食品流通环节的监管。")
    assert _has(rels, "农业部门", "质检部门", "分工")
    assert _has(rels, "质检部门", "工商部门", "分工")
    assert _directed(rels, "卫生部门", "质检部门", "划入")
    assert not _has(rels, "卫生部门", "农业部门", "分工")  # 卫生部门 gives a duty away, it is not given one


def test_lead_and_cowork_traditional():
    rels = _pairs("（二）關於“嚴守耕地保護紅線”的問題，由國土資源部會同農業部等部門負責落實。")
    assert _directed(rels, "国土资源部", "农业部", "牵头-会同")
    rels = _pairs("由发展改革委会同中央农办、农业部、财政部等部门研究提出落实意见。")
    assert {r.b for r in rels if r.a == "发展改革委"} == {"中央农办", "农业部", "财政部"}


def test_transfer_and_merger():
    rels = _pairs("一、将科学技术部的组织拟订科技促进卫生健康发展规划和政策职责划入国家卫生健康委员会。")
    assert _directed(rels, "科学技术部", "国家卫生健康委员会", "划入")
    rels = _pairs("將綜合協調食品安全的職責由國家食品藥品監督管理局劃入衞生部。")
    assert _directed(rels, "国家食品药品监督管理局", "卫生部", "划入")
    rels = _pairs("将民政部的退役军人优抚安置职责，人力资源和社会保障部的军官转业安置职责整合，组建退役军人事务部。")
    assert _directed(rels, "民政部", "退役军人事务部", "整合划入")
    assert _directed(rels, "人力资源和社会保障部", "退役军人事务部", "整合划入")
    rels = _pairs("将应急管理部消防救援局和森林消防局职责划入国家消防救援局。")
    assert _directed(rels, "应急管理部消防救援局", "国家消防救援局", "划入")
    assert _directed(rels, "森林消防局", "国家消防救援局", "划入")


def test_a_department_restating_its_standing_remit_in_a_regulation_of_another_matter_takes_no_part():
    text = ("青岚县古桥保护规定\n第一条 为保护古桥，制定本规定。\n第二条 青岚县文化和旅游局主管全县古桥保护工作。\n"
            "第三条 县交通运输局、县水利局按照各自职责，做好古桥周边道路和河道的保护。\n"
            "第四条 县气象局负责本县气象服务。\n第五条 县公安局负责本县古桥周边治安管理。\n")
    rels = _pairs(text)
    assert _has(rels, "青岚县文化和旅游局", "县交通运输局", "主管-分工")
    assert _has(rels, "青岚县文化和旅游局", "县公安局", "主管-分工")  # its clause names the matter: a part of it
    assert not any("气象" in r.a or "气象" in r.b for r in rels)


def test_a_notice_signed_at_its_end_goes_with_whom_it_asks():
    text = ("关于举办青岚县首届集邮展览的通知\n\n各乡镇邮政支局：\n现将有关事项通知如下：\n"
            "一、请县文化馆提供展览场地并协助布展。\n二、各乡镇邮政支局于9月20日前报送参展名单。\n\n"
            "青岚县邮政局\n二〇〇三年八月十二日\n")
    assert _has(_pairs(text), "青岚县邮政局", "县文化馆")


def test_rotating_conveners_each_lead_the_members():
    text = ("青岚县铜鼓文化保护传承联席会议制度\n一、成员单位\n县文化和旅游局、县民族宗教事务局、县财政局。\n"
            "二、召集方式\n由县文化和旅游局、县民族宗教事务局按年度轮流担任召集单位。\n")
    rels = _pairs(text)
    assert _has(rels, "县文化和旅游局", "县财政局") and _has(rels, "县民族宗教事务局", "县财政局")


def test_conveners_named_after_the_word_convener_and_a_government_among_two_managers():
    text = ("青岚县砖窑整治联席会议制度\n联席会议召集单位由县国土资源局、县环境保护局按年度轮流担任。\n"
            "成员单位：县国土资源局、县环境保护局、县建设局。\n")
    assert _has(_pairs(text), "县环境保护局", "县建设局")
    dual = "青岚县地震局是县人民政府直属事业单位，实行市地震局和县人民政府双重领导。"
    rels = _pairs(dual)
    assert _has(rels, "县人民政府", "青岚县地震局") and _has(rels, "市地震局", "青岚县地震局")


def test_a_unit_set_up_as_an_agency_under_two_managers():
    text = ("青岚县市场监督管理局按乡镇设立基层市场监督管理所，作为其派出机构，"
            "实行县市场监督管理局和乡镇人民政府双重管理，"
            "以县市场监督管理局管理为主。")
    rels = _pairs(text)
    assert _has(rels, "基层市场监督管理所", "乡镇人民政府") and _has(rels, "基层市场监督管理所", "县市场监督管理局")


def test_generic_role_names_and_lead_department():
    text = ("第二条 市市政行政管理部门是本市燃气行政主管部门，统筹负责全市燃气安全监管工作。\n"
            "第三条 有关行政部门在各自的职责范围内，负责下列燃气安全监管工作：\n"
            "（一）安全生产监督管理部门负责燃气安全生产工作的综合监管；\n"
            "（二）公安机关会同有关行政部门负责对非法存储、销售燃气等行为依法予以查处；\n"
            "（三）城市管理行政执法部门依照法定授权实施行政处罚。")
    rels = _pairs(text)
    assert _has(rels, "安全生产监督管理部门", "公安机关", "分工")
    assert _has(rels, "公安机关", "城市管理行政执法部门", "分工")
    assert _has(rels, "市燃气行政主管部门", "安全生产监督管理部门", "主管-分工")
    assert not any("有关" in r.a or "有关" in r.b for r in rels)


def test_enumerated_sectors_and_by_clause():
    text = ("第二条 商务、文旅、体育、教育等部门（以下统称“行业主管部门”）共同做好监督管理的相关工作。\n"
            "商务和教育领域违法行为的行政处罚，由市场监督管理部门负责实施；文旅和体育领域的，由文化执法机构负责实施。")
    rels = _pairs(text)
    assert _has(rels, "商务部门", "市场监督管理部门")
    assert _has(rels, "文旅部门", "文化执法机构")


def test_cooperation_and_handover():
    rels = _pairs("國家衛生健康委員會負責衛生應急工作，與海關總署建立健全應對口岸公共衛生事件合作機制。")
    assert _has(rels, "国家卫生健康委员会", "海关总署", "协作")
    rels = _pairs("2023年3月10日,巴中市恩阳区教育科技和体育局与巴中市恩阳区文化广播电视和旅游局"
                  "完成了文化艺术类校外培训机构监管职能移交工作。")
    assert _has(rels, "巴中市恩阳区教育科技和体育局", "巴中市恩阳区文化广播电视和旅游局", "移交")


def test_headed_division_document():
    text = ("卫生部：\n（一）负责会同安全监管总局、人力资源社会保障部等有关部门拟订职业病防治法律法规。\n"
            "安全监管总局：\n（一）负责用人单位职业卫生监督检查工作。")
    rels = _pairs(text)
    assert _directed(rels, "卫生部", "安全监管总局", "牵头-会同")
    assert _directed(rels, "卫生部", "人力资源社会保障部", "牵头-会同")
    assert _has(rels, "卫生部", "安全监管总局", "分工")


def test_sanding_labour_statements_and_changes():
    doc = Document(
        file="x.txt", department="市农业农村局",
        duties=[Duty(no=1, label="（一）", text="负责全市农产品质量安全监督管理。")],
        divisions_of_labour=[LabourDivision(no=1, text="与市市场监督管理局的有关职责分工。市农业农村局负责食用农产品"
                                                     "从种植养殖环节到进入批发市场前的质量安全监督管理。")],
        changes=[Change(kind="划入", from_=None, to=None, text="划入市商务局承担的生猪屠宰监督管理职责。"),
                 Change(kind="整合", from_=None, to=None, text="将市水利局承担的农田水利建设项目管理、")],
    )
    rels = department_pairs(doc)
    assert any(r.source == "职责分工" and {r.a, r.b} == {"市农业农村局", "市市场监督管理局"} for r in rels)
    assert _directed(rels, "市商务局", "市农业农村局", "划入")
    assert _directed(rels, "市水利局", "市农业农村局", "整合划入")
    assert all(r.source in ("职责分工", "职责调整", "条文") for r in rels)


def test_pair_recovered_is_loose_and_order_insensitive():
    rels = [Relation(a="国家广播电影电视总局", b="文化部", relation="分工", quote="", source="条文"),
            Relation(a="文旅部门", b="文化执法机构", relation="分工", quote="", source="条文")]
    assert pair_recovered({"a": "文化部", "b": "广电总局"}, rels)
    assert pair_recovered({"a": "文旅/体育 行业主管部门", "b": "文化执法机构"}, rels)
    assert pair_recovered({"a": "应急管理部(消防救援局)", "b": "国家消防救援局"},
                          [Relation("应急管理部消防救援局", "国家消防救援局", "划入", "", "条文")])
    assert not pair_recovered({"a": "文化部", "b": "国家新闻出版总署"}, rels)


# --- the gold pairs of the shared corpus ---------------------------------------------------------

@needs_shared
def test_gold_rows_transcribed():
    assert len(GOLD) == 70
    for row in GOLD:
        text = (SHARED_CORPUS / row["file"]).read_text("utf-8")
        assert all(part in text for part in row["quote"].split("……")), row["no"]


@needs_shared
def test_gold_department_pairs_recovered():
    by_file: dict[str, list[Relation]] = {}
    missed = []
    for row in GOLD:
        if row["file"] not in by_file:
            path = SHARED_CORPUS / row["file"]
            by_file[row["file"]] = department_pairs(parse(path), "\n".join(read_file(path).lines))
        if not pair_recovered(row, by_file[row["file"]]):
            missed.append(row)
    share = 1 - len(missed) / len(GOLD)
    print(f"gold department pairs recovered: {len(GOLD) - len(missed)}/{len(GOLD)} = {share:.3f}")
    for row in missed:
        print(f"  missed #{row['no']} {row['a']} — {row['b']} ({row['relation']}) in {row['file']}")
    assert share >= 0.9


STATEMENTS = json.loads((TEST_DATA / "relation_statements.json").read_text("utf-8"))


@pytest.mark.parametrize("case", STATEMENTS["cases"], ids=lambda case: case["file"])
def test_statements_in_the_phrasings_of_real_texts(case):
    doc = parse_bytes(case["text"].encode("utf-8"), case["file"])
    relations = department_pairs(doc, case["text"])
    missing = [pair for pair in case["pairs"] if not pair_recovered({"a": pair[0], "b": pair[1]}, relations)]
    assert not missing, [(r.a, r.b, r.relation) for r in relations]


BOUNDARY_ROWS = [["序号", "职责事项", "主办部门", "协办部门"],
                 ["1", "违法建设查处", "县城市管理局", "县自然资源局、县住房和城乡建设局"],
                 ["2", "占道经营整治", "县城市管理局", "县市场监督管理局"]]
BOUNDARY_PAIRS = {("县城市管理局", "县自然资源局"), ("县城市管理局", "县住房和城乡建设局"),
                  ("县城市管理局", "县市场监督管理局")}


def _table_pairs(doc) -> set[tuple[str, str]]:
    return {(r["a"], r["b"]) for r in doc.relations if r["relation"] == "牵头-会同"}


def test_a_boundary_list_table_pairs_each_lead_with_its_assistants_in_every_format(tmp_path):
    import docx

    word = docx.Document()
    word.add_paragraph("丙县职责边界清单")
    table = word.add_table(rows=len(BOUNDARY_ROWS), cols=4)
    for r, row in enumerate(BOUNDARY_ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    word.save(tmp_path / "清单.docx")
    cells = "".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>" for row in BOUNDARY_ROWS)
    (tmp_path / "清单.html").write_text(f"<html><body><h1>丙县职责边界清单</h1><table>{cells}</table></body></html>",
                                        encoding="utf-8")
    one_cell_a_line = "丙县职责边界清单\n" + "".join(f"{value} |\n" for row in BOUNDARY_ROWS for value in row)
    (tmp_path / "清单.txt").write_text(one_cell_a_line, encoding="utf-8")
    for name in ("清单.docx", "清单.html", "清单.txt"):
        assert _table_pairs(parse(tmp_path / name)) == BOUNDARY_PAIRS, name


def test_a_table_without_lead_and_assisting_columns_gives_no_pairs():
    text = "丙县部门一览\n序号 | 部门 | 地址\n1 | 县城市管理局 | 县自然资源局旁\n"
    assert not _table_pairs(parse_bytes(text.encode("utf-8"), "一览.txt"))


# --- phrasings met in statements written blind to the finder (bench/relation_quality.py) ----------

def _parsed_pairs(text: str, file: str = "上传文件.txt") -> set[tuple[str, str]]:
    doc = parse_bytes(text.encode("utf-8"), file)
    return {(row["a"], row["b"]) for row in doc.relations if row["relation"] != INFERRED}


def _every_pair(text: str, file: str = "上传文件.txt") -> set[tuple[str, str]]:
    """Pairs of every kind, those the learned scorer infers too."""
    return {(row["a"], row["b"]) for row in parse_bytes(text.encode("utf-8"), file).relations}


def _related(pairs: set[tuple[str, str]], a: str, b: str) -> bool:
    return (a, b) in pairs or (b, a) in pairs


def _unrelated(pairs: set[tuple[str, str]], wanted: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The wanted pairs that `pairs` does not relate (either order)."""
    return [pair for pair in wanted if not _related(pairs, *pair)]


@pytest.mark.parametrize("a, b, same", [
    ("沙河市人力资源和社会保障局", "市人力资源社会保障局", True),
    ("县卫健委", "县卫生健康委员会", True),
    ("县发改委", "县发展和改革局", True),
    ("县住建局", "沙河县住房和城乡建设局", True),
    ("市市场监管局", "沙河市市场监督管理局", True),
    ("开发区管委会", "沙河市经济开发区管理委员会", True),
    ("市卫健委", "县卫生健康局", False),  # another level
    ("市水利局", "市水务局", False),
    ("市人社局", "市社会保险事业管理局", False),
    ("县卫生计生局", "沙河县卫生和计划生育局", True),  # the older departments' short names
    ("县安监局", "沙河县安全生产监督管理局", True),
    ("县环保局", "沙河县环境保护局", True),
    ("市卫计委", "沙河县卫生和计划生育局", False),
])
def test_short_and_full_names_of_one_department(a, b, same):
    assert same_department(a, b) is same


def test_the_document_calls_itself_short_or_this_bureau():
    pairs = _parsed_pairs("沙河市人力资源和社会保障局职能配置、内设机构和人员编制规定\n第六条 有关职责分工\n"
                          "（一）与市医疗保障局的职责分工。市人社局负责工伤保险政策，市医疗保障局负责医疗保险政策。\n"
                          "（二）与市教育局的职责分工。本局负责技工院校管理，市教育局负责职业院校管理。\n")
    assert {frozenset(pair) for pair in pairs} == {frozenset({"沙河市人力资源和社会保障局", "市医疗保障局"}),
                                                   frozenset({"沙河市人力资源和社会保障局", "市教育局"})}


def test_we_in_a_file_named_after_the_department():
    pairs = _parsed_pairs("我局与县交通运输局、县公安局就校车安全管理达成如下意见：\n"
                          "一是县公安局负责校车通行安全，我局配合做好学生乘车安全教育；\n", "沙河县教育局.txt")
    assert _related(pairs, "沙河县教育局", "县交通运输局") and _related(pairs, "沙河县教育局", "县公安局")


def test_a_work_plan_lead_unit_with_its_responsible_units():
    pairs = _parsed_pairs("沙河市燃气安全整治工作方案\n（一）开展餐饮场所燃气安全检查。\n"
                          "牵头单位：市住房城乡建设局；责任单位：市市场监管局、市消防救援支队。\n"
                          "（二）整治瓶装液化气非法经营。\n牵头单位：市商务局；配合单位：市公安局。\n")
    assert pairs >= {("市住房城乡建设局", "市市场监管局"), ("市住房城乡建设局", "市消防救援支队"),
                     ("市商务局", "市公安局")}
    assert not _related(pairs, "市商务局", "市市场监管局")  # each lead with its own units


def test_a_joint_meeting_led_by_one_department_with_its_members():
    pairs = _parsed_pairs("沙河县人民政府办公室关于建立安全生产联席会议制度的通知\n"
                          "联席会议由县应急管理局牵头，成员单位包括县公安局、县交通运输局和县消防救援大队。\n")
    assert {b for a, b in pairs if a == "县应急管理局"} == {"县公安局", "县交通运输局", "县消防救援大队"}


def test_assisting_departments_named_before_or_after_the_lead():
    pairs = _parsed_pairs("沙河市养犬管理办法\n第四条 公安机关负责养犬登记。街道办事处、居民委员会配合公安机关做好"
                          "养犬管理宣传。\n第五条 城市管理部门负责查处遛犬不清理粪便的行为，市场监督管理部门配合开展"
                          "宠物经营场所检查。\n")
    assert _related(pairs, "公安机关", "街道办事处") and _related(pairs, "城市管理部门", "市场监督管理部门")


def test_a_duty_taken_on_by_another_department_and_handed_over_cases():
    pairs = _parsed_pairs("关于调整部分单位职责的通知\n一、县水利局的农村饮水工程运行管理职责由县农业农村局承担。\n"
                          "二、县林业局在巡查中发现非法采砂的，移交县自然资源局处理。\n")
    assert ("县水利局", "县农业农村局") in pairs and ("县林业局", "县自然资源局") in pairs


def test_who_interprets_the_rules_is_no_party():
    pairs = _parsed_pairs("沙河市水务局职能配置、内设机构和人员编制规定\n有关职责分工\n"
                          "与市生态环境局的职责分工。市水务局负责水资源保护，市生态环境局负责水环境质量监测。\n"
                          "本规定由中共沙河市委机构编制委员会办公室负责解释。\n")
    assert {frozenset(pair) for pair in pairs} == {frozenset({"沙河市水务局", "市生态环境局"})}


def test_a_department_that_exercises_unified_supervision_leads_the_others():
    pairs = _parsed_pairs("沙河市噪声污染防治办法\n第四条 市生态环境主管部门对本市噪声污染防治实施统一监督管理。\n"
                          "公安机关负责社会生活噪声的监督管理；交通运输部门负责交通运输噪声的监督管理。\n")
    assert _related(pairs, "市生态环境主管部门", "公安机关") and _related(pairs, "市生态环境主管部门", "交通运输部门")


def test_a_scanned_notice_that_keeps_some_full_stops_has_its_stray_spaces_closed():
    pairs = _parsed_pairs("青岚县人民政府办公室关于做好防疫工作的通知\n"
                          "一丶县畜牧局牵头负责全县防控工作,县卫 生局丶县工商 行政管理局配合。\n")
    assert _related(pairs, "县畜牧局", "县卫生局") and _related(pairs, "县畜牧局", "县工商行政管理局")


def test_under_a_notice_s_lead_each_item_s_subject_has_a_part_unless_it_leaves():
    pairs = _parsed_pairs("青岚县人民政府办公室关于做好防汛工作的通知\n一、县水利局牵头负责全县防汛的组织协调。\n"
                          "二、县气象局、县自然资源局联合开展汛情会商。\n三、县人民医院设立应急医疗队。\n"
                          "四、县住房和城乡建设局不再参与此项工作。\n")
    assert _unrelated(pairs, [("县水利局", "县气象局"), ("县水利局", "县自然资源局"), ("县水利局", "县人民医院")]) == []
    assert not _related(pairs, "县水利局", "县住房和城乡建设局")


def test_the_unit_that_takes_on_a_task_is_the_one_its_helper_assists_not_the_unit_that_owns_it():
    pairs = _parsed_pairs("青岚县人民政府办公室关于做好防疫工作的通知\n"
                          "二、县卫生局所属的县疾病预防控制中心承担疫情监测工作，县公安局予以配合。\n")
    assert _related(pairs, "县疾病预防控制中心", "县公安局") and not _related(pairs, "县卫生局", "县公安局")


def test_members_listed_one_a_line_under_a_surname_and_crosses_are_paired_with_the_lead_unit():
    pairs = _parsed_pairs("关于成立青岚县创建工作领导小组的通知\n成　员：\n蔡××　县文化和旅游局局长\n"
                          "田××　县财政局局长\n何×　县交通运输局副局长\n"
                          "县文化和旅游局为创建工作的牵头单位，其他成员单位按照各自职责抓好落实。\n")
    assert _unrelated(pairs, [("县文化和旅游局", "县财政局"), ("县文化和旅游局", "县交通运输局")]) == []


def test_the_working_office_that_organises_a_regulation_leads_the_departments_it_gives_parts():
    pairs = _parsed_pairs("青岚市养犬管理条例\n第二条　市养犬管理委员会办公室负责具体组织、协调、督促和检查。\n"
                          "第三条　市公安局、市城市管理局按照各自职责，做好养犬管理工作。\n")
    assert _unrelated(pairs, [("市养犬管理委员会办公室", "市公安局"), ("市养犬管理委员会办公室", "市城市管理局")]) == []


def test_a_bureau_s_notice_speaks_for_it_where_it_says_局属_or_本局():
    pairs = _parsed_pairs("青岚县交通运输局关于做好农村公路养护工作的通知\n各乡镇人民政府，局属各单位：\n"
                          "一、县道养护由局属县公路管理段负责。\n二、本局在门户网站公开养护计划。\n")
    assert _related(pairs, "青岚县交通运输局", "县公路管理段")
    assert not any("本局" in pair for pair in pairs)


def test_a_notice_s_issuer_goes_with_each_department_it_asks_or_gives_an_item_of_its_own():
    pairs = _parsed_pairs("青岚县文化局关于举办全县舞龙比赛的通知\n县文化馆：\n定于10月举办比赛。"
                          "请县公安局做好现场安全保卫，请县卫生局安排医疗保障。二、请县交通局、县气象局做好出行和天气服务。\n")
    for asked in ("县公安局", "县卫生局", "县交通局", "县气象局"):
        assert _related(pairs, "青岚县文化局", asked)
    # an addressee given an item of its own works with the issuer; an addressee that only reports does not
    pairs = _parsed_pairs("青岚市经济贸易委员会关于开展铁锅质量提升活动的通知\n市五金制品行业协会，各县（区）经贸局：\n"
                          "一、市五金制品行业协会负责组织会员企业开展对标活动。\n二、各县（区）经贸局于11月底前报送活动情况。\n")
    assert _related(pairs, "青岚市经济贸易委员会", "市五金制品行业协会")
    assert not any("经贸局" in a + b for a, b in pairs)
    pairs = _parsed_pairs("青岚县机构编制委员会关于明确生猪屠宰监管职责的通知\n县畜牧兽医局：\n"
                          "一、县畜牧兽医局负责生猪定点屠宰的监督管理。\n")
    assert not _related(pairs, "青岚县机构编制委员会", "县畜牧兽医局")
    # an 编委's reply that asks a department to act orders it: no share of the work
    pairs = _parsed_pairs("青岚县机构编制委员会关于调整市政设施管理职责的批复\n县城市管理局：\n"
                          "请县城市管理局做好人员交接工作。\n")
    assert not _related(pairs, "青岚县机构编制委员会", "县城市管理局")


def test_the_office_that_published_a_plan_on_its_page_is_no_party_to_the_plan():
    page = ("首页 > 信息公开 > 规范性文件\n青岚县秸秆禁烧工作实施方案\n来源：县政府办公室　发布时间：2018-05-21\n"
            "发布机构：青岚县人民政府办公室\n为做好秸秆禁烧工作，制定本方案。\n二、职责分工\n"
            "（一）秸秆禁烧工作由县环境保护局牵头，县农业局、县公安局配合。\n"
            "（二）秸秆综合利用工作由县农业局牵头，县财政局配合。\n")
    pairs = _parsed_pairs(page, "秸秆禁烧方案.txt")
    wanted = [("县环境保护局", "县农业局"), ("县环境保护局", "县公安局"), ("县农业局", "县财政局")]
    assert _unrelated(pairs, wanted) == []
    assert not any("青岚县人民政府办公室" in pair for pair in pairs)
    # a bureau's own notice shares out its work as the lead of each item that names no other
    notice = ("青岚县发展和改革局关于开展价格监测工作的通知\n各乡镇人民政府：\n"
              "一、县发展和改革局负责全县价格监测工作。\n二、县农业农村局、县商务局按照各自职责，配合做好价格监测工作。\n")
    relations = _pairs(notice, department="青岚县发展和改革局")
    assert _has(relations, "青岚县发展和改革局", "县农业农村局") and _has(relations, "青岚县发展和改革局", "县商务局")


def test_a_task_s_helpers_do_not_run_on_into_the_next_task_s_units():
    pairs = _parsed_pairs("青岚县江豚保护重点任务清单\n1. 清理非法渔具。牵头单位：青岚县农业局；配合单位：县公安局。\n"
                          "2. 江豚救护基地建设。责任单位：县发展和改革局、县财政局。\n"
                          "3. 科普宣传。责任单位：县教育局。\n")
    assert _related(pairs, "青岚县农业局", "县公安局") and _related(pairs, "县发展和改革局", "县财政局")
    assert not any("县教育局" in pair for pair in pairs) and not _related(pairs, "青岚县农业局", "县财政局")
    # a plan's `二、配合单位：` under its `一、牵头单位：` still goes with the lead
    plan = _parsed_pairs("青岚县推拿服务提升行动方案\n一、牵头单位：青岚县卫生健康局。\n"
                         "二、配合单位：县市场监督管理局、县残疾人联合会。\n")
    assert _related(plan, "青岚县卫生健康局", "县市场监督管理局")
    assert _related(plan, "青岚县卫生健康局", "县残疾人联合会")


def test_a_troupe_is_a_party():
    pairs = _parsed_pairs("青岚县越剧传承发展办法\n第二条 县文化广电新闻出版局主管全县越剧传承发展工作。\n"
                          "第三条 县文化广电新闻出版局指导县越剧团开展传统剧目复排。\n")
    assert _related(pairs, "县文化广电新闻出版局", "县越剧团")


def test_a_task_list_marks_its_leads_with_a_sign_after_the_name():
    pairs = _parsed_pairs("青岚市重点任务清单\n（注：标注▲的为牵头单位。）\n1.推进建筑垃圾资源化利用。\n"
                          "任务承担：市住房和城乡建设局▲、市城市管理局▲、市国资委\n2.创建绿色学校。\n任务承担：市教育局、市商务局\n")
    wanted = [("市住房和城乡建设局", "市城市管理局"), ("市住房和城乡建设局", "市国资委"), ("市城市管理局", "市国资委"),
              ("市教育局", "市商务局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市城市管理局", "市教育局")


def test_a_group_s_lead_unit_named_after_a_comma_leads_its_members():
    pairs = _parsed_pairs("关于成立青岚县创卫领导小组的通知\n组　长：县长\n成　员：县财政局局长、县环境保护局局长\n"
                          "领导小组下设办公室，办公室设在县卫生局（县爱国卫生运动委员会办公室），"
                          "县卫生局为领导小组牵头单位，负责创建工作的日常组织。\n")
    assert _unrelated(pairs, [("县卫生局", "县财政局"), ("县卫生局", "县环境保护局")]) == []


def test_the_department_responsible_for_the_matter_a_regulation_is_named_after_leads_it():
    pairs = _parsed_pairs("沙河市户外广告设置管理办法\n第三条 市城市管理局负责户外广告设置的监督管理。\n"
                          "第四条 市市场监督管理局负责户外广告内容的监督管理；市公安局负责交通安全设施周边的审核。\n")
    assert _related(pairs, "市城市管理局", "市市场监督管理局") and _related(pairs, "市城市管理局", "市公安局")
    # a department responsible for some other matter leads nobody
    pairs = _parsed_pairs("沙河市户外广告设置管理办法\n第三条 市城市管理局负责市容环境卫生的监督管理。\n"
                          "第四条 市公安局负责交通安全设施的监督管理。\n")
    assert not _related(pairs, "市城市管理局", "市公安局")


def test_a_notice_whose_issuer_stands_on_a_line_above_its_title_speaks_for_wo_ju():
    pairs = _parsed_pairs("沙河县畜牧兽医局\n关于做好秋季犬只狂犬病强制免疫工作的通知\n各乡镇畜牧兽医站：\n"
                          "集中免疫由我局牵头实施，县卫生局、县公安局配合。\n")
    assert _related(pairs, "沙河县畜牧兽医局", "县卫生局") and _related(pairs, "沙河县畜牧兽医局", "县公安局")


def test_the_lead_of_the_whole_plan_leads_the_departments_of_its_tasks_though_one_task_has_a_lead_of_its_own():
    pairs = _parsed_pairs("沙河市低空经济发展三年行动方案\n一、总体思路\n本方案由市发展和改革委员会牵头组织实施。\n"
                          "二、重点任务\n（一）市自然资源和规划局负责将起降场布局纳入国土空间规划。\n"
                          "（二）市交通运输局牵头开展无人机物流配送试点，市邮政管理局配合。\n")
    assert _related(pairs, "市发展和改革委员会", "市自然资源和规划局")
    assert _related(pairs, "市发展和改革委员会", "市交通运输局")
    assert _related(pairs, "市交通运输局", "市邮政管理局")


def test_two_departments_that_share_a_regulation_s_matter_by_area_both_lead_it():
    pairs = _parsed_pairs("沙河县古树名木保护管理办法\n"
                          "第三条　县城规划区范围内的古树名木，由县住房和城乡建设局负责保护管理；"
                          "县城规划区以外的古树名木，由县林业局负责保护管理。\n"
                          "第四条　县国土资源局、县交通运输局在各自职责范围内，配合做好古树名木保护工作。\n"
                          "第五条　县城规划区内古树名木的复壮，由县住房和城乡建设局委托县园林绿化工程处实施。\n")
    for lead in ("县住房和城乡建设局", "县林业局"):
        assert _related(pairs, lead, "县国土资源局") and _related(pairs, lead, "县交通运输局")
    assert _related(pairs, "县住房和城乡建设局", "县园林绿化工程处")


def test_a_regulation_published_under_a_decree_cover_is_named_after_its_title_line_too():
    pairs = _parsed_pairs("沙河市人民政府令\n第12号\n《沙河市户外广告设置管理办法》已经市人民政府同意，现予公布。\n"
                          "沙河市户外广告设置管理办法\n第二条 市城市管理局负责本市户外广告设置活动的监督管理。\n"
                          "第三条 市市场监督管理局、市公安局依照各自职责，协同实施本办法。\n")
    assert _related(pairs, "市城市管理局", "市市场监督管理局") and _related(pairs, "市城市管理局", "市公安局")


@pytest.mark.parametrize("text, name", [
    ("海关负责进口商品检验。", "海关"),
    ("武警沙河市支队配合市公安局做好安保。", "武警沙河市支队"),
    ("沙河职业技术学院配合市人力资源和社会保障局开展培训。", "沙河职业技术学院"),
    ("请沙河县测绘队协助县民政局设置地名标志。", "沙河县测绘队"),
    ("将文物巡查职责划给县文物保护中心。", "县文物保护中心"),
    ("园区管委会负责园区规划。", "园区管委会"),
    ("气象主管机构负责气象灾害预警。", "气象主管机构"),
    ("中国人民银行沙河市分行负责支付结算监管。", "中国人民银行沙河市分行"),
])
def test_bodies_of_every_kind_are_named(text, name):
    assert name in [mention[2] for mention in department_mentions(text)]


# Units no list of trades foresees: a level or place word opens them and a unit word ends them.
@pytest.mark.parametrize("text, name", [
    ("县蚕桑技术指导站负责蚕种检疫。", "县蚕桑技术指导站"),
    ("由市动物收容所负责收容。", "市动物收容所"),
    ("县林业局会同县护林防火大队开展巡查。", "县护林防火大队"),
    ("市革命纪念馆配合市文物局做好保护。", "市革命纪念馆"),
    ("沙河市农业科学院蔬菜研究所负责品种试验。", "沙河市农业科学院蔬菜研究所"),
    ("县天主教爱国会、县伊斯兰教协会按照章程开展活动。", "县伊斯兰教协会"),
    ("县人民医院负责救治。", "县人民医院"),
    ("由县科技情报研究所负责。", "县科技情报研究所"),
])
def test_units_of_any_trade_after_a_level_word_are_named(text, name):
    assert name in [mention[2] for mention in department_mentions(text)]


@pytest.mark.parametrize("text", [
    "全县各加油站要落实安全责任。", "县里的养老院由民政部门管理。", "到市区各医院就诊。", "每个乡镇设立一个服务站。",
    "在县城区范围内设置停车场。", "县级示范站的认定。",
])
def test_places_named_in_a_clause_are_no_units(text):
    assert all(not name.endswith(("站", "院", "场", "所")) for _, _, name in department_mentions(text))


def test_a_verb_before_a_name_is_not_part_of_it():
    text = "消防救援支队接受市应急管理局的领导。成员单位包括县公安局。不再保留县安监局。"
    names = [m[2] for m in department_mentions(text)]
    assert "市应急管理局" in names and "县公安局" in names
    assert not any(name.startswith(("接受", "成员", "不再")) for name in names)


@pytest.mark.parametrize("text, name", [
    ("市委网信办负责统筹协调。", "市委网信办"),
    ("中共沙河县委组织部负责干部管理。", "中共沙河县委组织部"),
    ("县供销社负责农资供应。", "县供销社"),
    ("县农机推广站负责技术推广。", "县农机推广站"),
    ("县道路运输管理所负责运政执法。", "县道路运输管理所"),
    ("区机关事务服务中心负责后勤保障。", "区机关事务服务中心"),
    ("公安机关交通管理部门负责交通秩序。", "公安机关交通管理部门"),
    ("公安沙河新区分局负责户籍登记。", "公安沙河新区分局"),
])
def test_bodies_named_by_party_committee_centre_station_or_branch(text, name):
    assert [mention[2] for mention in department_mentions(text)] == [name]


def test_lead_and_assisting_units_in_one_sentence():
    pairs = _parsed_pairs("沙河市2025年重点任务分工\n1.开展燃气安全整治。（市住房城乡建设局负责，"
                          "市应急管理局、市市场监管局参与）\n2.整治群租房。（市公安局牵头，市城市管理局配合）\n"
                          "3.推进垃圾分类。责任单位：市城市管理局（牵头），市商务局、市教育局\n")
    assert {("市住房城乡建设局", "市应急管理局"), ("市住房城乡建设局", "市市场监管局"), ("市公安局", "市城市管理局"),
            ("市城市管理局", "市商务局"), ("市城市管理局", "市教育局")} <= pairs


def test_members_listed_before_the_words_member_units():
    pairs = _parsed_pairs("关于成立沙河县校园安全工作专班的通知\n"
                          "专班由县教育局牵头，县公安局、县卫生健康局为成员单位。\n")
    assert {("县教育局", "县公安局"), ("县教育局", "县卫生健康局")} <= pairs


def test_co_leads_of_a_task_share_it():
    pairs = _parsed_pairs("沙河市城市更新任务清单\n任务一：街区保护\n牵头部门：市文化广电旅游局、市自然资源和规划局"
                          "\u3000配合部门：市住房城乡建设局\n")
    assert _related(pairs, "市文化广电旅游局", "市自然资源和规划局")
    assert _related(pairs, "市文化广电旅游局", "市住房城乡建设局")
    assert _related(pairs, "市自然资源和规划局", "市住房城乡建设局")


def test_handing_over_and_informing_and_coworking_after_a_comma():
    pairs = _parsed_pairs("沙河市储备粮管理办法\n第五条 粮食和物资储备部门负责储备粮行政管理，"
                          "会同财政部门提出储备规模建议。\n"
                          "第六条 海关在通关环节发现问题的，应当及时通报市场监督管理部门。\n"
                          "第七条 涉嫌犯罪的案件，由市场监督管理部门移送公安机关。\n")
    assert {("粮食和物资储备部门", "财政部门"), ("市场监督管理部门", "公安机关")} <= pairs
    assert _related(pairs, "海关", "市场监督管理部门")


def test_managed_hosted_and_merged_bodies():
    pairs = _parsed_pairs("沙河县机构改革实施意见\n1.县机关事务服务中心由县政府办公室代管。\n"
                          "2.县档案馆与县委办公室合署办公。\n3.各单位报县安全生产委员会办公室（设在县应急管理局）。\n")
    assert ("县政府办公室", "县机关事务服务中心") in pairs and _related(pairs, "县档案馆", "县委办公室")
    assert not _related(pairs, "县应急管理局", "县安全生产委员会办公室")  # a hosted office is its host at work


def test_this_bureau_in_a_boundary_table_is_the_department_of_the_file():
    pairs = _parsed_pairs("我局职责边界清单\n序号|事项|责任主体|协同部门\n1|占道经营|本局|市公安局\n"
                          "2|绿化养护|市园林绿化中心|本局\n", "沙河市城市管理局.txt")
    assert pairs == {("沙河市城市管理局", "市公安局"), ("市园林绿化中心", "沙河市城市管理局")}


@pytest.mark.parametrize("text, names", [
    ("县行政审批局负责审批。", ["县行政审批局"]),
    ("旗残联、区畜牧兽医站、县军队离休退休干部休养所参与。", ["旗残联", "区畜牧兽医站", "县军队离休退休干部休养所"]),
    ("县水旱灾害防御中心为县水利局所属事业单位。", ["县水旱灾害防御中心", "县水利局"]),
    ("设立市应急管理局，为市政府工作部门。", ["市应急管理局"]),
    ("配合单位：区教育局、各街道办事处、各有关部门。", ["区教育局", "街道办事处"]),
])
def test_more_bodies_and_where_names_start(text, names):
    assert [mention[2] for mention in department_mentions(text)] == names


def test_units_belonging_to_a_department_and_changing_hands():
    pairs = _parsed_pairs("沙河市事业单位改革方案\n一、市社会保险事业管理中心为市人力资源和社会保障局所属事业单位。\n"
                          "二、市大数据中心由市政府办公室管理调整为市数据局管理。\n")
    assert {("市人力资源和社会保障局", "市社会保险事业管理中心"), ("市数据局", "市大数据中心"),
            ("市政府办公室", "市大数据中心"), ("市政府办公室", "市数据局")} <= pairs


def test_merged_joined_abolished_and_delegated_duties():
    pairs = _parsed_pairs("沙河区事业单位改革实施方案\n"
                          "（一）整合区农业技术推广站、区农机推广站，组建区农业综合服务中心。\n"
                          "（二）区城市建设档案馆并入区档案馆。\n"
                          "（三）撤销区招商服务中心，其承担的职能划入区投资促进局。\n"
                          "（四）将市住房和城乡建设局承担的资质审批职责下放至各区住房和城乡建设局。\n")
    assert {("区农业技术推广站", "区农业综合服务中心"), ("区农机推广站", "区农业综合服务中心"),
            ("区城市建设档案馆", "区档案馆"), ("区招商服务中心", "区投资促进局"),
            ("市住房和城乡建设局", "区住房和城乡建设局")} <= pairs


def test_departments_of_a_list_assisting_according_to_their_duties():
    pairs = _parsed_pairs("沙河市河道采砂管理条例\n第三条 水行政主管部门负责河道采砂的统一监督管理。\n"
                          "第四条 自然资源、交通运输、公安等部门按照各自职责，配合水行政主管部门做好河道采砂管理"
                          "工作。\n")
    assert {b for a, b in pairs if a == "水行政主管部门"} >= {"自然资源部门", "交通运输部门", "公安部门"}


def test_tasks_shared_without_a_lead_or_started_by_one_department():
    pairs = _parsed_pairs("沙河市联合抽查工作方案\n1.食品生产企业抽查。由市市场监督管理局发起，市卫生健康委员会参与。\n"
                          "2.建筑工地扬尘检查。市住房和城乡建设局、市生态环境局共同实施。\n"
                          "3.校园周边交通整治。\n责任单位：区公安分局交通警察大队、区城市管理局\n")
    assert _related(pairs, "市市场监督管理局", "市卫生健康委员会")
    assert _related(pairs, "市住房和城乡建设局", "市生态环境局")
    assert _related(pairs, "区公安分局交通警察大队", "区城市管理局")


def test_a_table_of_approving_and_supervising_departments_and_quoted_cells():
    pairs = _parsed_pairs("沙河县审批监管职责边界清单\n审批事项 | 审批部门 | 监管部门 | 备注\n"
                          "道路货物运输经营许可 | 县行政审批局 | 县交通运输局 | \n")
    assert _related(pairs, "县行政审批局", "县交通运输局")
    pairs = _parsed_pairs('沙河区职责边界清单\n序号\t职责事项\t主办部门\t协办部门\n'
                          '1\t充电安全\t区消防救援大队\t"区市场监管局\n街道办事处"\n2\t占道经营\t区城市管理局\t区市场监管局\n')
    assert {("区消防救援大队", "区市场监管局"), ("区消防救援大队", "街道办事处"),
            ("区城市管理局", "区市场监管局")} <= pairs


def test_duties_carried_out_with_another_department():
    doc = parse_bytes("沙河区民政局职能配置、内设机构和人员编制规定\n第三条 主要职责：\n"
                      "（一）会同区财政局拟订最低生活保障标准并组织实施。\n"
                      "（二）负责社会组织登记，配合区公安分局打击非法社会组织。\n"
                      "（三）负责殡葬管理。\n".encode("utf-8"), "x.txt")
    pairs = {(row["a"], row["b"], row["source"]) for row in doc.relations}
    assert pairs == {("沙河区民政局", "区财政局", "主要职责"), ("区公安分局", "沙河区民政局", "主要职责")}


def test_a_task_of_a_work_plan_done_by_one_department_alone_pairs_it_with_nobody():
    pairs = _parsed_pairs("沙河区2026年重点工作分工\n1.打通断头路5条。区住建局牵头，区城管局配合。\n"
                          "2.更新供水管网42公里。区水务局负责。\n3.整治背街小巷。区城管局牵头，各街道办事处配合。\n")
    assert not any("区水务局" in pair for pair in pairs)
    assert {("区住建局", "区城管局"), ("区城管局", "街道办事处")} <= pairs


def test_a_short_name_defined_in_the_text_and_the_powers_of_a_body():
    pairs = _parsed_pairs("沙河市开发区管理办法\n"
                          "第五条 沙河经济开发区管理委员会（以下简称管委会）对开发区实施统一管理。\n"
                          "第六条 管委会行使下列职权：\n（一）编制开发区发展规划；\n"
                          "（二）会同市自然资源和规划局编制详细规划；\n"
                          "（三）协调市税务局在开发区内的工作。\n第七条 市商务局应当支持管委会开展招商引资。\n")
    assert {("沙河经济开发区管理委员会", "市自然资源和规划局"), ("市商务局", "沙河经济开发区管理委员会")} <= pairs
    assert _related(pairs, "沙河经济开发区管理委员会", "市税务局")


def test_a_table_of_approving_supervising_and_enforcing_departments():
    pairs = _parsed_pairs("沙河旗审批监管执法职责边界清单\n序号 | 许可事项 | 审批部门 | 监管部门 | 执法部门\n"
                          "1 | 建筑工程施工许可 | 旗行政审批局 | 旗住房和城乡建设局 | 旗综合行政执法局\n")
    wanted = [("旗行政审批局", "旗住房和城乡建设局"), ("旗行政审批局", "旗综合行政执法局"),
              ("旗住房和城乡建设局", "旗综合行政执法局")]
    assert all(_related(pairs, a, b) for a, b in wanted)


@pytest.mark.parametrize("text, names", [
    ("县人民检察院、县人民法院配合。", ["县人民检察院", "县人民法院"]),
    ("市律师协会、县渔政执法大队、市城管执法支队参与。", ["市律师协会", "县渔政执法大队", "市城管执法支队"]),
    ("国网沙河县供电公司、中国人民银行沙河县支行、市委党校、市图书馆参与。",
     ["国网沙河县供电公司", "中国人民银行沙河县支行", "市委党校", "市图书馆"]),
    ("乡镇自然资源所、桃源镇人民政府、各区县人民政府配合。", ["乡镇自然资源所", "桃源镇人民政府", "区县人民政府"]),
    ("公司、生产大队、经营场所、行业协会、县人民政府负责。", []),
    ("县(市)人民政府生态环境主管部门负责。", ["县(市)人民政府生态环境主管部门"]),
])
def test_courts_associations_brigades_enterprises_and_governments_below(text, names):
    assert [mention[2] for mention in department_mentions(text)] == names


@pytest.mark.parametrize("text, names", [
    # signs, verbs and words that end like names
    ("组建县卫生健康局，加挂县中医药管理局牌子。", ["县卫生健康局", "县中医药管理局"]),
    ("市委统一战线工作部（挂市人民政府侨务办公室牌子）牵头。", ["市委统一战线工作部", "市人民政府侨务办公室"]),
    ("县科协汇总后报县人民政府和市科协。", ["县科协", "市科协"]),
    ("年底前实现市直部门全部接入；三部门要建立信息共享机制。", ["市直部门"]),
    ("整治学校周边摊点和小卖部、背街小巷和城乡结合部。", []),
    ("推行“一件事一次办”，办理低压小微企业办电。", []),
    ("| 序号 | 工作事项 | 主责部门 | 共担部门 |", []),
    # a bureau's stations in a town, bodies placed under another
    ("县自然资源局青石自然资源所为县自然资源局派出机构。", ["县自然资源局青石自然资源所", "县自然资源局"]),
    ("县公安局青石派出所为县公安局派出机构。", ["县公安局青石派出所", "县公安局"]),
    ("县公务用车服务中心归口县机关事务管理局管理。", ["县公务用车服务中心", "县机关事务管理局"]),
    ("县农业综合行政执法大队归县农业农村局管理。", ["县农业综合行政执法大队", "县农业农村局"]),
    ("实行县自然资源局和镇人民政府双重管理。", ["县自然资源局", "镇人民政府"]),
    # enterprise branches, credit cooperatives, more stations
    ("县商务局、中国邮政集团公司沙河县分公司、县农村信用合作联社配合。",
     ["县商务局", "中国邮政集团公司沙河县分公司", "县农村信用合作联社"]),
    ("青石工商所、青石税务所为派出机构。", ["青石工商所", "青石税务所"]),
    # a unit handed over, a public transport company
    ("将县市政工程管理所由县住房和城乡建设局划转县城市管理局管理。",
     ["县市政工程管理所", "县住房和城乡建设局", "县城市管理局"]),
    ("沙河市公共交通集团有限公司配合市交通运输局做好车辆更新。", ["沙河市公共交通集团有限公司", "市交通运输局"]),
    # military bodies, the heading of a division with another body
    ("4．同沙河军分区政治工作处的职责划分。", ["沙河军分区政治工作处"]),
    ("县人民武装部、县退役军人事务局配合。", ["县人民武装部", "县退役军人事务局"]),
])
def test_signs_verbs_stations_branches_and_words_ending_like_names(text, names):
    assert [mention[2] for mention in department_mentions(text)] == names


def test_a_sign_name_forms_no_inferred_pair():
    from docproc.pair_scorer import candidates

    text = "市委统战部（加挂市人民政府侨务办公室牌子）牵头，成员单位：市公安局。"
    pairs = {(c.a, c.b) for c in candidates(text, None)}
    assert pairs == {("市委统战部", "市公安局")}


def test_a_list_joined_by_and_after_a_whole_name():
    names = [m[2] for m in department_mentions("市场监督管理部门、消防救援机构和住房城乡建设、商务等部门按照各自职责")]
    assert names == ["市场监督管理部门", "消防救援机构", "住房城乡建设部门", "商务部门"]


def test_governments_below_as_responsible_units_and_an_approver_as_no_party():
    pairs = _parsed_pairs("沙河市2026年重点任务分工\n1.改造老旧小区126个。（牵头单位：市住建局；责任单位：市市场监管局"
                          "、各区县人民政府）\n2.新增城镇就业4万人。（牵头单位：市人社局；责任单位：市教育局）\n")
    assert _related(pairs, "市住建局", "区县人民政府")
    pairs = _parsed_pairs("沙河县宅基地管理办法\n第四条 宅基地申请由乡镇农业综合服务中心牵头受理，会同乡镇自然资源所"
                          "进行联审，联审通过后报乡镇人民政府审批。\n")
    assert pairs == {("乡镇农业综合服务中心", "乡镇自然资源所")}


def test_the_tasks_of_a_plan_flattened_onto_one_line_are_read_one_by_one():
    pairs = _parsed_pairs("沙河旗人居环境整治方案 二、重点任务 （一）推进厕所革命。旗农牧局牵头，旗卫生健康委员会配合。"
                          "（二）加强垃圾治理。旗住房和城乡建设局负责。（三）治理污水。由旗生态环境局会同旗水利局组织实施。"
                          "（四）提升村容村貌。各苏木乡镇人民政府负责。")
    assert pairs == {("旗农牧局", "旗卫生健康委员会"), ("旗生态环境局", "旗水利局")}


def test_a_table_row_brings_in_a_department_named_in_its_remarks_but_not_its_basis():
    pairs = _parsed_pairs("沙河区职责边界清单\n序号|事项名称|牵头部门|配合部门|备注|依据\n"
                          "1|流浪乞讨人员救助|区民政局||发现需救治的，由公安沙河分局护送至定点医院|国务院办公厅有关文件\n"
                          "2|占道经营治理|共同责任|区城管局、区市场监管局||\n")
    assert pairs == {("区民政局", "公安沙河分局"), ("区城管局", "区市场监管局")}


def test_a_tab_separated_table_never_pairs_one_row_with_another():
    pairs = _parsed_pairs("沙河县烟花爆竹安全管理部门责任清单\n序号\t事项\t牵头部门\t配合部门\t职责分工\n"
                          "1\t批发经营许可\t县应急局\t县公安局\t县应急局负责审批；县公安局负责提出意见。\n"
                          "2\t伤员救治\t县卫健局\t—\t县卫健局负责组织医疗机构开展救治。\n")
    assert {frozenset(pair) for pair in pairs} == {frozenset(("县应急局", "县公安局"))}


def test_a_short_name_defined_once_stands_for_the_department_in_every_section():
    doc = parse_bytes("沙河区城市管理综合行政执法局职能配置、内设机构和人员编制规定\n"
                      "第二条 沙河区城市管理综合行政执法局（以下简称区城管执法局）是区人民政府工作部门。\n"
                      "第三条 职责调整。\n（一）将原区城市管理局的市容环境卫生管理职责划入区城管执法局。\n"
                      "（二）整合原区城市管理行政执法大队、区园林绿化管理所的执法队伍，组建区城市管理综合行政执法大队，"
                      "作为区城管执法局所属行政执法机构。\n"
                      "第四条 有关职责分工。\n（一）与区市场监督管理局的有关职责分工。区城管执法局负责查处流动摊贩；"
                      "区市场监督管理局负责查处有固定经营场所的无照经营行为。\n"
                      "第五条 所属事业单位。县图书馆、县文化馆为本局所属公益一类事业单位。\n".encode("utf-8"), "x.txt")
    pairs = {(row["a"], row["b"]) for row in doc.relations}
    own = "沙河区城市管理综合行政执法局"
    assert not any("区城管执法局" in pair for pair in pairs)
    assert {("区城市管理局", own), ("区市场监督管理局", own), ("区城市管理行政执法大队", "区城市管理综合行政执法大队"),
            ("区园林绿化管理所", "区城市管理综合行政执法大队")} <= pairs
    assert all(_related(pairs, own, unit) for unit in ("区城市管理综合行政执法大队", "县图书馆", "县文化馆"))


def test_a_convener_and_members_and_assistants_listed_with_governments_below():
    pairs = _parsed_pairs("沙河市根治欠薪联席会议制度\n联席会议由市人力资源和社会保障局召集，成员单位包括：市公安局、"
                          "市总工会、中国人民银行沙河市分行。\n"
                          "一、用电安全。国网沙河供电公司负责排查，市应急管理局、各县（市、区）人民政府配合开展联合检查。\n")
    members = ("市公安局", "市总工会", "中国人民银行沙河市分行")
    assert all(_related(pairs, "市人力资源和社会保障局", unit) for unit in members)
    assert _related(pairs, "国网沙河供电公司", "市应急管理局")
    assert _related(pairs, "国网沙河供电公司", "县（市、区）人民政府")


def test_governments_below_are_never_the_same_as_a_department_whose_name_they_contain():
    assert not same_department("民政部门", "乡镇人民政府")
    pairs = _parsed_pairs("沙河市地名管理办法\n第三条 民政部门是本行政区域内的地名行政主管部门。\n"
                          "第六条 乡镇人民政府、街道办事处应当协助民政部门做好地名普查工作。\n")
    assert _related(pairs, "民政部门", "乡镇人民政府") and _related(pairs, "民政部门", "街道办事处")


def test_units_taking_part_after_a_lead_in_the_same_article():
    pairs = _parsed_pairs("沙河市全民阅读促进办法\n第四条 市委宣传部牵头负责全民阅读促进工作。\n"
                          "文化广电旅游主管部门、教育主管部门、总工会等单位参与全民阅读促进工作。\n"
                          "第五条 沙河市图书馆负责业务指导。\n")
    assert all(_related(pairs, "市委宣传部", unit) for unit in ("文化广电旅游主管部门", "教育主管部门", "总工会"))
    assert not any("沙河市图书馆" in pair for pair in pairs)


def test_a_matter_divided_among_several_departments_told_to_work_together():
    doc = parse_bytes("沙河县卫生局主要职责内设机构和人员编制规定\n四、职责分工\n"
                      "（一）关于食品安全监管的职责分工。县卫生局承担综合协调责任；县农业局负责初级农产品生产环节的监管；"
                      "县工商局负责食品流通环节的监管。上述部门要密切协作，形成监管合力。\n"
                      "（二）关于职业卫生的职责分工。县安全生产监督管理局负责作业场所职业卫生的监督检查，县卫生局负责职业病诊断。\n"
                      .encode("utf-8"), "x.txt")
    pairs = {(row["a"], row["b"]) for row in doc.relations}
    assert _related(pairs, "县农业局", "县工商局")
    assert _related(pairs, "沙河县卫生局", "县安全生产监督管理局")


def test_responsible_units_listed_with_commas_and_a_table_with_a_two_line_header():
    pairs = _parsed_pairs("沙河县重点任务清单\n（一）推行企业开办一日办结。\n"
                          "责任单位：县行政审批服务局，县公安局，县税务局\n"
                          "（二）开展拖欠企业账款清理。\n责任单位：县工信局\n")
    assert _related(pairs, "县行政审批服务局", "县公安局") and _related(pairs, "县行政审批服务局", "县税务局")
    assert not any("县工信局" in pair for pair in pairs)
    pairs = _parsed_pairs("沙河市安全生产职责边界清单\n| 行业领域 | 职责事项 | 部门职责 |  | 依据 |\n"
                          "|  |  | 主责部门 | 相关部门及分工 |  |\n"
                          "| 建筑施工 | 房屋建筑施工安全 | 市住房和城乡建设局 | 市应急管理局：综合监管 | 《条例》 |\n"
                          "| 特种设备 | 电梯安全 | 市市场监督管理局 | —— | 《特种设备安全法》 |\n")
    assert _related(pairs, "市住房和城乡建设局", "市应急管理局")
    assert not any("市市场监督管理局" in pair for pair in pairs)


def test_a_regulation_supervisor_its_assistants_and_copies_sent_to_two_departments():
    pairs = _parsed_pairs("沙河市电动自行车消防安全管理规定\n"
                          "第三条 消防救援机构对本市电动自行车消防安全工作实施监督管理。\n"
                          "公安机关负责电动自行车登记上牌。\n"
                          "第四条 乡镇人民政府、街道办事处应当将电动自行车消防安全纳入网格化管理，"
                          "配合消防救援机构开展检查。\n"
                          "第五条 消防救援机构应当将检查结果抄送同级住房城乡建设主管部门和商务主管部门。\n"
                          "第六条 街道办事处应当做好本辖区内的宣传工作。\n")
    assert all(_related(pairs, "消防救援机构", other) for other in
               ("公安机关", "乡镇人民政府", "街道办事处", "住房城乡建设主管部门", "商务主管部门"))
    assert not _related(pairs, "公安机关", "街道办事处")


def test_a_list_of_powers_of_one_department_with_partners_in_its_remarks():
    pairs = _parsed_pairs("沙河县自然资源局权责清单（2026年版）\n| 序号 | 事项名称 | 事项类型 | 备注 |\n"
                          "| 1 | 建设用地规划许可 | 行政许可 | 与县住房和城乡建设局共同做好衔接 |\n"
                          "| 2 | 矿产资源开发利用监督检查 | 行政检查 | 涉及林地的矿区，县林业局配合检查 |\n"
                          "| 3 | 地质灾害危险性评估 | 其他 | 应急救援由县应急管理局负责 |\n")
    assert _related(pairs, "沙河县自然资源局", "县住房和城乡建设局") and _related(pairs, "沙河县自然资源局", "县林业局")
    assert not _related(pairs, "县应急管理局", "县林业局")


def test_reform_notices_moving_duties_posts_and_units():
    pairs = _parsed_pairs("关于调整沙河县部分部门职责和机构编制事项的通知\n"
                          "一、县交通运输局承担的农村公路日常养护职责，调整由县公路事业发展中心承担。\n"
                          "二、从县商务局划转事业编制3名至县投资促进中心。\n"
                          "三、县地震监测中心由县科学技术局所属调整为县应急管理局所属。\n"
                          "四、将县农牧局所属的县草原监理所整建制划入县林业和草原局。\n"
                          "五、原县林业局在编在岗人员整体转隶至县林业和草原局。\n")
    wanted = [("县交通运输局", "县公路事业发展中心"), ("县商务局", "县投资促进中心"),
              ("县地震监测中心", "县科学技术局"),
              ("县地震监测中心", "县应急管理局"), ("县农牧局", "县草原监理所"), ("县草原监理所", "县林业和草原局"),
              ("县林业局", "县林业和草原局")]
    assert _unrelated(pairs, wanted) == []


def test_guided_listed_working_together_and_an_office_of_a_headquarters():
    pairs = _parsed_pairs("沙河市统计管理规定\n"
                          "第四条 市发展改革委、市商务局等部门在市统计局的业务指导下，开展统计调查。\n"
                          "第五条 住房城乡建设、发展改革、财政部门要加强协作，建立联合审查机制。\n"
                          "第六条 市防汛抗旱指挥部办公室设在市应急管理局。\n"
                          "第七条 市气象局负责预报，预警信息同时推送市水利局、市应急管理局。\n")
    wanted = [("市统计局", "市发展改革委"), ("市统计局", "市商务局"), ("住房城乡建设部门", "财政部门"),
              ("发展改革部门", "财政部门"), ("市气象局", "市水利局"), ("市气象局", "市应急管理局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "市防汛抗旱指挥部办公室", "市应急管理局")  # an office hosted by it is the host


def test_a_department_s_own_list_of_duties_given_away():
    pairs = _parsed_pairs("沙河市自然资源和规划局职责调整\n划出的职责：\n1.将森林防火有关职责划给市应急管理局。\n"
                          "2.将城市绿化规划审查职责划给市园林绿化局。\n")
    assert pairs == {("沙河市自然资源和规划局", "市应急管理局"), ("沙河市自然资源和规划局", "市园林绿化局")}


def test_bare_people_s_organisations_each_doing_their_part_and_a_punishing_power_moved():
    pairs = _parsed_pairs("关于开展根治欠薪专项行动的通知\n"
                          "一、人社部门牵头组织专项行动，工会、工商联配合开展线索排查。\n"
                          "二、县教育局、县文化和旅游局、县体育事业发展中心按照职责分工，分别负责行业管理。\n")
    assert _related(pairs, "人社部门", "工会") and _related(pairs, "人社部门", "工商联")
    assert _related(pairs, "县教育局", "县体育事业发展中心")
    doc = parse_bytes("沙河区综合行政执法局职能配置、内设机构和人员编制规定\n第二条 职责调整\n"
                      "（一）将区城市管理局在市容环境卫生方面的全部行政处罚权整合，由区综合行政执法局集中行使。\n"
                      .encode("utf-8"), "x.txt")
    assert {(row["a"], row["b"]) for row in doc.relations} == {("区城市管理局", "沙河区综合行政执法局")}
    pairs = _parsed_pairs("沙河县乡镇履职事项清单\n事项|县级主管部门|乡镇（街道）配合内容\n"
                          "农村建房质量安全监管|县住房和城乡建设局|乡镇人民政府负责日常巡查\n")
    assert pairs == {("县住房和城乡建设局", "乡镇人民政府")}


def test_units_under_two_managers_minutes_and_bodies_of_every_trade():
    pairs = _parsed_pairs("沙河区事业单位管理办法\n"
                          "（一）沙河区劳动人事争议仲裁院为区人力资源和社会保障局直属事业单位。\n"
                          "（二）沙河区高级技工学校实行区人力资源和社会保障局和区教育局双重管理。\n"
                          "（三）沙河区地方海事处、沙河市慈善总会、沙河县旅游饭店行业协会参与。\n")
    wanted = [("沙河区劳动人事争议仲裁院", "区人力资源和社会保障局"),
              ("沙河区高级技工学校", "区人力资源和社会保障局"), ("沙河区高级技工学校", "区教育局")]
    assert _unrelated(pairs, wanted) == []
    pairs = _parsed_pairs("沙河市食品安全委员会办公室会议纪要\n"
                          "一、会议要求，沙河海关在进口冷链食品检验中发现问题的，要及时通报市市场监督管理局。\n"
                          "二、会议强调，对市市场监督管理局移送的涉嫌犯罪案件，市公安局要及时审查立案。\n"
                          "三、会议明确，中共沙河市委宣传部协调沙河市融媒体中心做好宣传报道。\n"
                          "四、市民政局、市卫生健康委员会分别负责设施规划，市自然资源和规划局予以配合。\n")
    wanted = [("沙河海关", "市市场监督管理局"), ("市市场监督管理局", "市公安局"),
              ("中共沙河市委宣传部", "沙河市融媒体中心"), ("市民政局", "市自然资源和规划局"),
              ("市卫生健康委员会", "市自然资源和规划局")]
    assert _unrelated(pairs, wanted) == []


def test_a_role_defined_by_a_short_name_stands_for_its_department():
    pairs = _parsed_pairs("沙河市排水管理实施细则\n"
                          "第三条 市水务局是本市城镇排水的主管部门（以下简称排水主管部门），负责排水许可。\n"
                          "第九条 市住房和城乡建设局应当就排水接驳方案征求排水主管部门意见。\n")
    assert any("市住房和城乡建设局" in pair and any(name.endswith("市水务局") for name in pair) for pair in pairs)


def test_a_pdf_copy_broken_short_inside_a_list_and_a_page_number_between_halves():
    text = ("沙河市社会救助工作联席会议制度\n一、总体要求\n为统筹推进全市社会救助工作，建立健全分层\n"
            "分类的社会救助体系，经市人民政府同意，建\n立沙河市社会救助工作联席会议制度。\n二、组成单位\n"
            "联席会议由市民政局牵头，市人力资源和社会\n保障局、市住房和城乡建设局、市医疗保障局\n"
            "、市教育局、市残疾人联\n合会、市红十字会为成员单位。联席会议办公\n室设在市民政局，承担联席会议日常工作。\n"
            "— 3 —\n三、工作机制\n各成员单位要明确一名联络员，按照联席会议\n确定的任务，加强协作配合，形成工作合力。\n")
    lines = _read_lines(text)
    assert any("市残疾人联合会、市红十字会为成员单位" in line for line in lines)
    assert not any("— 3 —" in line for line in lines)
    pairs = _parsed_pairs(text)
    members = ("市人力资源和社会保障局", "市住房和城乡建设局", "市医疗保障局", "市教育局", "市残疾人联合会",
               "市红十字会")
    assert all(_related(pairs, "市民政局", member) for member in members)


def _read_lines(text: str) -> list[str]:
    from docproc.read.text import read_text

    return read_text(text.encode("utf-8")).lines


def test_consulting_guiding_and_informing_the_local_office():
    pairs = _parsed_pairs("沙河市燃气管理办法\n"
                          "第四条 市住房和城乡建设局（以下简称燃气主管部门）负责本市燃气管理工作。\n"
                          "第二十七条 沙河市燃气集团有限公司发现用户违规用气的，"
                          "应当及时告知燃气主管部门和所在地街道办事处。\n"
                          "第三十条 市交通运输局会商市水利局，对阻水碍航设施提出处置意见。\n"
                          "第三十一条 沙河市总工会组织开展职工安全活动，市应急管理局予以指导。\n")
    wanted = [("沙河市燃气集团有限公司", "街道办事处"), ("市交通运输局", "市水利局"), ("沙河市总工会", "市应急管理局")]
    assert _unrelated(pairs, wanted) == []


def test_guiding_entrusting_and_informing_a_department_named_after_the_verb_or_before_it():
    pairs = _parsed_pairs("沙河市排水管理实施细则\n第三条 市水务局负责排水许可。\n"
                          "第四条 沙河市水务集团有限公司受市水务局委托，承担公共排水设施的运行维护。\n"
                          "第五条 市气象局应当及时向市水务局通报暴雨预警信息。\n"
                          "第六条 市水务局指导市排水管理中心开展排水户巡查。\n"
                          "第七条 排水户应当向市水务局报告排水情况。\n")
    wanted = [("沙河市水务集团有限公司", "市水务局"), ("市气象局", "市水务局"), ("市水务局", "市排水管理中心")]
    assert _unrelated(pairs, wanted) == []


def test_a_joint_meeting_whose_convener_is_named_with_为_and_members_listed_after_it():
    pairs = _parsed_pairs("沙河县人民政府办公室关于建立沙河县安全生产联席会议制度的通知\n"
                          "一、召集单位和成员单位\n"
                          "联席会议召集单位为县应急管理局。成员单位为：县公安局、县交通运输局、沙河县热力有限公司。\n"
                          "二、成员单位职责\n"
                          "县公安局、县交通运输局：分别负责道路交通安全和运输企业安全监管。\n")
    wanted = [("县应急管理局", "县公安局"), ("县应急管理局", "县交通运输局"), ("县应急管理局", "沙河县热力有限公司"),
              ("县公安局", "县交通运输局")]
    assert _unrelated(pairs, wanted) == []


def test_a_table_pasted_one_cell_a_line_without_separators():
    pairs = _parsed_pairs("沙河区街道配合事项清单\n序号\n事项名称\n主责部门\n配合单位\n备注\n"
                          "1\n违法建设查处\n区城市管理局\n区自然资源局、各街道办事处\n无\n"
                          "2\n燃气安全检查\n区住房和城乡建设局\n区应急管理局\n每季度一次\n")
    wanted = [("区城市管理局", "区自然资源局"), ("区城市管理局", "街道办事处"), ("区住房和城乡建设局", "区应急管理局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "区城市管理局", "区应急管理局")  # rows stay apart


def test_dual_management_led_by_one_side_and_an_association_run_by_a_department():
    pairs = _parsed_pairs("沙河区交通运输局职能配置、内设机构和人员编制规定\n"
                          "第五条 有关职责分工。区交通运输局派驻各乡镇的交通运输执法中队，"
                          "实行以乡镇人民政府管理为主的双重管理。\n"
                          "第六条 区道路运输协会机关由区交通运输局代管。\n"
                          "第七条 区公证处、区乡镇环境保护所为区交通运输局所属事业单位。\n")
    wanted = [("乡镇人民政府", "交通运输执法中队"), ("沙河区交通运输局", "区道路运输协会"),
              ("沙河区交通运输局", "区公证处"), ("沙河区交通运输局", "区乡镇环境保护所")]
    assert _unrelated(pairs, wanted) == []


def test_a_list_whose_first_entry_is_a_whole_name_keeps_it():
    assert [m[2] for m in department_mentions("会同乡镇派出所、消防救援机构开展检查")] == ["乡镇派出所", "消防救援机构"]


def test_a_clause_after_a_semicolon_goes_on_with_the_subject_before_it():
    pairs = _parsed_pairs("沙河市养老机构管理办法\n"
                          "第五条 市民政局负责养老机构的登记备案；发现无证经营的，应当通报市市场监督管理局。\n"
                          "第六条 市卫生健康局负责医养结合机构的业务指导；配合市医疗保障局做好定点机构管理。\n"
                          "第七条 市财政局负责保障经费。发现问题的，应当通报市审计局。\n")
    wanted = [("市民政局", "市市场监督管理局"), ("市卫生健康局", "市医疗保障局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "市财政局", "市审计局")  # a full stop ends the subject's reach


def test_dual_management_with_a_main_and_a_secondary_manager():
    pairs = _parsed_pairs("沙河县林业局职能配置、内设机构和人员编制规定\n"
                          "第五条 有关职责分工。\n（一）乡镇林业站为县林业局派出机构，"
                          "实行以县林业局为主、乡镇人民政府为辅的双重管理体制。\n")
    wanted = [("沙河县林业局", "乡镇林业站"), ("乡镇人民政府", "乡镇林业站")]
    assert _unrelated(pairs, wanted) == []


def test_departments_working_with_a_lead_named_after_协同():
    pairs = _parsed_pairs("沙河市餐厨垃圾管理办法\n第四条 市城市管理局负责餐厨垃圾管理工作。\n"
                          "第五条 发展改革、商务等部门应当按照职责分工，协同市城市管理局做好餐厨垃圾管理相关工作。\n")
    assert _related(pairs, "市城市管理局", "发展改革部门") and _related(pairs, "市城市管理局", "商务部门")
    assert [m[2] for m in department_mentions("市协同发展办公室")] == ["市协同发展办公室"]


def test_a_responsibility_table_exported_as_csv():
    pairs = _parsed_pairs("沙河县防汛重点工作分工表\n序号,工作任务,责任单位,配合单位,完成时限\n"
                          "1,河道清障,县水利局,各乡镇人民政府,5月底\n"
                          "2,地质灾害巡查,县自然资源局,\"县应急管理局、县气象局\",汛期\n", "分工表.csv.txt")
    wanted = [("县水利局", "乡镇人民政府"), ("县自然资源局", "县应急管理局"), ("县自然资源局", "县气象局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "县水利局", "县应急管理局")


def test_minutes_naming_convener_and_members_without_a_colon():
    pairs = _parsed_pairs("沙河市河长制联席会议纪要\n"
                          "联席会议召集单位市水利局主持召开会议。联席会议成员单位沙河市水文站（以下简称水文站）、"
                          "市生态环境局有关负责同志参加会议。\n"
                          "一、水文站是省水文局的派出机构，负责全市水文监测。\n"
                          "二、堤防巡查由市城市管理局负责，市水利局对其进行业务指导。\n"
                          "三、市应急管理局对市水利局履行防汛职责情况进行指导。\n")
    wanted = [("市水利局", "沙河市水文站"), ("市水利局", "市生态环境局"), ("省水文局", "沙河市水文站"),
              ("市水利局", "市城市管理局"), ("市应急管理局", "市水利局")]
    assert _unrelated(pairs, wanted) == []


def test_main_and_secondary_parties_countersigning_and_a_unit_inside_its_parent():
    pairs = _parsed_pairs("沙河市城市道路管理办法\n"
                          "第五条 占道施工的管理，以市城市管理局为主、市公安局交通警察支队为辅。\n"
                          "第六条 设置户外广告的，由市城市管理局会签市交通运输局后作出决定。\n"
                          "第七条 市公安局交通警察支队由市公安局管理。\n")
    wanted = [("市城市管理局", "市公安局交通警察支队"), ("市城市管理局", "市交通运输局"),
              ("市公安局", "市公安局交通警察支队")]
    assert _unrelated(pairs, wanted) == []
    assert not same_department("市公安局交通警察支队", "市公安局")


def test_lead_and_assistants_named_承办_协办_主责_共担():
    pairs = _parsed_pairs("沙河市数据工作方案\n一、重点任务\n（一）开放交通数据。由市交通运输局承办，市数据局协办。\n"
                          "（二）保护数据安全。市委网信办主责，市公安局、市国家保密局共担，建立保护制度。\n"
                          "（三）建设平台。市数据局会同沙河数据集团有限公司建设平台。\n")
    wanted = [("市交通运输局", "市数据局"), ("市委网信办", "市公安局"), ("市委网信办", "市国家保密局"),
              ("市数据局", "沙河数据集团有限公司")]
    assert _unrelated(pairs, wanted) == []


def test_a_notice_whose_items_each_head_their_own_matter_pairs_within_an_item_only():
    pairs = _parsed_pairs("沙河县人民政府办公室关于明确文化场所安全监管职责分工的通知\n"
                          "一、图书馆。县文化和旅游局负责公共图书馆安全监管。县图书馆为县文化和旅游局所属事业单位。\n"
                          "二、体育场地。县体育局负责体育场地安全监管，各乡镇人民政府按照属地管理原则，配合县体育局开展排查。"
                          "县体育场为县体育局所属事业单位，县体育总会挂靠县体育局。\n"
                          "三、体育组织。县体育局对县体育总会和县业余体育学校进行业务指导。\n")
    wanted = [("县体育局", "乡镇人民政府"), ("县体育局", "县体育场"), ("县体育局", "县体育总会"),
              ("县体育局", "县业余体育学校"), ("县文化和旅游局", "县图书馆")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "县文化和旅游局", "县体育局")  # two items, two matters


def test_units_led_by_another_department_and_more_kinds_of_unit():
    pairs = _parsed_pairs("沙河县林业局主要职责内设机构和人员编制规定\n四、其他事项\n"
                          "（一）县森林公安局为县林业局的直属机构，业务上接受县公安局的领导。\n"
                          "（二）县林木种苗站、县国有青山林场、县光荣院为县林业局所属事业单位。\n")
    wanted = [("县森林公安局", "县公安局"), ("沙河县林业局", "县林木种苗站"), ("沙河县林业局", "县国有青山林场"),
              ("沙河县林业局", "县光荣院")]
    assert _unrelated(pairs, wanted) == []
    assert [m[2] for m in department_mentions("项目经县机关事务管理局审核")] == ["县机关事务管理局"]


def test_guidance_of_each_county_office_a_bureau_managed_by_another_and_two_leads_sharing_a_row():
    pairs = _parsed_pairs("沙河市信访局职能配置、内设机构和人员编制规定\n"
                          "第二条 沙河市信访局是市政府工作部门，为副处级，由市人民政府办公室管理。\n"
                          "第五条 有关职责分工。市信访局对各县（市、区）信访工作机构进行业务指导。\n")
    assert _related(pairs, "沙河市信访局", "市人民政府办公室")
    assert _related(pairs, "沙河市信访局", "信访工作机构")
    table = _parsed_pairs("沙河县重点工作分工表\n| 序号 | 工作事项 | 主责部门 | 共担部门 |\n|---|---|---|---|\n"
                          "| 1 | 农村道路建设 | 县交通运输局、县水利局 | — |\n| 2 | 资金保障 | 县财政局 | 县审计局 |\n")
    assert _related(table, "县交通运输局", "县水利局") and _related(table, "县财政局", "县审计局")


def test_a_task_table_with_two_bodies_in_the_lead_cell_and_county_governments_in_brackets():
    pairs = _parsed_pairs("沙河市供水任务分工表\n| 序号 | 重点任务 | 牵头单位 | 责任单位 |\n| --- | --- | --- | --- |\n"
                          "| 1 | 管护机制 | 市水利局 | 市财政局、各县（区）人民政府 |\n"
                          "| 2 | 水质检测 | 市疾病预防控制中心、市水质监测中心 | — |\n")
    wanted = [("市水利局", "市财政局"), ("市水利局", "县（区）人民政府"), ("市疾病预防控制中心", "市水质监测中心")]
    assert _unrelated(pairs, wanted) == []


def test_a_member_taking_cases_handed_on_by_a_list_of_departments():
    pairs = _parsed_pairs("沙河区消费维权联席会议制度\n二、成员单位职责\n"
                          "区消费者协会：开展消费教育，对区商务局、区文化和旅游局转来的消费纠纷组织调解。\n")
    assert _related(pairs, "区消费者协会", "区商务局") and _related(pairs, "区消费者协会", "区文化和旅游局")


def test_support_units_requests_for_review_own_units_and_townships_in_brackets():
    pairs = _parsed_pairs("沙河市渔港管理办法\n"
                          "第四条 市渔业主管部门负责渔港的监督管理工作，其所属的渔政执法机构受委托具体实施行政执法。\n"
                          "第五条 沿海乡（镇）人民政府按照属地管理原则，协助市渔业主管部门做好渔船管理。\n"
                          "第六条 渔港建设项目由市交通运输局审核后，提请市财政局审查。\n"
                          "第七条 市应急管理局提请以市安全生产委员会名义发布预警。\n")
    wanted = [("市渔业主管部门", "渔政执法机构"), ("市渔业主管部门", "沿海乡（镇）人民政府"),
              ("市交通运输局", "市财政局")]
    assert _unrelated(pairs, wanted) == []
    assert not any("安全生产委员会" in a + b for a, b in pairs)  # lends its name only


def test_a_csv_cell_listing_names_on_separate_lines():
    pairs = _parsed_pairs('沙河区城市管理事项清单\n序号,事项名称,牵头单位,配合单位,边界说明\n'
                          '1,占道经营整治,区城市管理局,"区市场监督管理局\n各街道办事处",店内经营另行查处\n'
                          '2,违法建设,各街道办事处,"区住房和城乡建设局\n区自然资源分局",\n\n说明：本清单动态调整。\n')
    wanted = [("区城市管理局", "区市场监督管理局"), ("区城市管理局", "街道办事处"),
              ("街道办事处", "区住房和城乡建设局"), ("街道办事处", "区自然资源分局")]
    assert _unrelated(pairs, wanted) == []


def test_a_leading_group_with_its_lead_unit_members_and_their_duties():
    pairs = _parsed_pairs("沙河县人民政府办公室关于调整沙河县爱国卫生工作领导小组的通知\n一、组成人员\n"
                          "组　长：县人民政府副县长\n成　员：县委宣传部、县教育局、团县委、县总工会负责同志。\n"
                          "县卫生健康局为领导小组牵头单位，承担领导小组日常工作。\n二、成员单位职责\n"
                          "县中心血站：为县卫生健康局所属事业单位，负责血液供应。\n"
                          "团县委、县总工会：共同负责组织志愿者参加活动。\n"
                          "县疾病预防控制中心业务上受县卫生健康局领导，并接受县教育局的工作指导。\n")
    relations = [Relation(a=a, b=b, relation="", quote="", source="") for a, b in pairs]
    wanted = [("县卫生健康局", "县委宣传部"), ("县卫生健康局", "团县委"), ("县卫生健康局", "县中心血站"),
              ("团县委", "县总工会"), ("县卫生健康局", "县疾病预防控制中心"), ("县教育局", "县疾病预防控制中心")]
    assert [pair for pair in wanted if not pair_recovered({"a": pair[0], "b": pair[1]}, relations)] == []
    assert not any("县人民政府" in (a, b) for a, b in pairs)


def test_each_town_government_bank_branches_and_a_supervision_station():
    pairs = _parsed_pairs("沙河县重点任务分工\n1.完成新建农田任务。\n牵头单位：县农业农村局；责任单位：各镇人民政府。\n"
                          "2.县农业农村局委托县建设工程质量安全监督站实施工程质量监督。\n"
                          "3.预收费资金监管由县教育局会同中国人民银行沙河县中心支行、县财政局组织实施。\n")
    wanted = [("县农业农村局", "镇人民政府"), ("县农业农村局", "县建设工程质量安全监督站"),
              ("县教育局", "中国人民银行沙河县中心支行"), ("县教育局", "县财政局")]
    assert _unrelated(pairs, wanted) == []


def test_a_list_taking_guidance_and_a_unit_carrying_out_a_lead_task():
    pairs = _parsed_pairs("沙河县科学素质行动方案\n（一）部门统计。县教育局、县卫生健康局等部门负责本部门统计调查，"
                          "业务上接受县统计局的指导。\n（二）老年人科普。由县卫生健康局牵头，县民政局、县老年大学配合。\n"
                          "（三）干部培训。由县委组织部牵头，县委党校具体承担培训任务。\n")
    wanted = [("县统计局", "县教育局"), ("县统计局", "县卫生健康局"), ("县卫生健康局", "县老年大学"),
              ("县委组织部", "县委党校")]
    assert _unrelated(pairs, wanted) == []


def test_cooperation_with_a_list_a_unit_of_a_generic_body_and_查处_by_a_named_department():
    pairs = _parsed_pairs("沙河市气象灾害防御办法\n"
                          "第五条 市地方金融管理局应当与中国人民银行沙河市中心支行、市财政局建立协调机制。\n"
                          "第九条 气象主管机构所属的气象台站按照职责发布预警信号。\n"
                          "第十条 县（区）动物疫病预防控制机构在农业农村主管部门的指导下承担监测工作。\n")
    wanted = [("市地方金融管理局", "中国人民银行沙河市中心支行"), ("市地方金融管理局", "市财政局"),
              ("气象主管机构", "气象台站"), ("农业农村主管部门", "县动物疫病预防控制机构")]
    assert _unrelated(pairs, wanted) == []
    assert not same_department("气象主管机构", "气象台站") and same_department("县气象局", "沙河县气象局")


def test_a_boundary_list_in_prose_pairs_the_lead_after_主办_with_each_after_协办():
    pairs = _parsed_pairs("沙河市交通领域部门职责边界清单\n"
                          "一、事项名称：道路客运站安全监管；主办：市交通运输局；协办：市公安局、市应急管理局。\n"
                          "二、事项名称：校车安全监管；主办：市教育局、市公安局（按职责分工）；协办：市交通运输局。\n"
                          "三、事项名称：出租汽车服务质量监管\n负责单位：市交通运输局\n配合单位：市市场监督管理局\n")
    wanted = [("市交通运输局", "市公安局"), ("市交通运输局", "市应急管理局"), ("市教育局", "市公安局"),
              ("市教育局", "市交通运输局"), ("市交通运输局", "市市场监督管理局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "市应急管理局", "市市场监督管理局")  # rows of different matters


def test_two_leads_of_one_table_row_share_its_task_with_its_helpers():
    pairs = _parsed_pairs("沙河市重点任务清单\n| 序号 | 任务 | 牵头单位 | 责任单位 |\n|--|--|--|--|\n"
                          "| 1 | 无障碍督导检查 | 市住房和城乡建设局、市残联 | 各区人民政府 |\n"
                          "| 2 | 公交站台改造 | 市交通运输局 | 市公交集团 |\n")
    assert _related(pairs, "市住房和城乡建设局", "市残联")
    assert _related(pairs, "市残联", "各区人民政府") or _related(pairs, "市残联", "区人民政府")


def test_a_body_that_took_over_the_duties_of_others_is_paired_with_each():
    rels = _pairs("第三条 市数据局整合了市发展和改革委员会承担的数字经济发展职责，市委网络安全和信息化委员会办公室"
                  "承担的信息化规划职责，以及原市政务服务管理局的政务数据管理职责。")
    for old in ("市发展和改革委员会", "市委网络安全和信息化委员会办公室", "市政务服务管理局"):
        assert _has(rels, old, "市数据局", "整合划入"), old


@pytest.mark.parametrize("text, names", [
    ("市农业农村局依据市公安局提供的登记信息开展免疫", ["市农业农村局", "市公安局"]),  # no name spans 依据
    ("办理审批时，征询市文化广电旅游局的意见", ["市文化广电旅游局"]),
    ("整合了原市文化广电新闻出版局的文化、广播电视管理职责和原市旅游发展委员会的职责",
     ["原市文化广电新闻出版局", "原市旅游发展委员会"]),
    ("历史文化街区所在地的街道办事处协助做好巡查", ["街道办事处"]),
    ("司法所是区司法局的派出机构，市司法局对司法所进行指导", ["司法所", "区司法局", "市司法局", "司法所"]),
    ("负责“一网通办”业务统筹和挂牌督办", []),
    ("市委网络安全和信息化委员会办公室、县委全面深化改革委员会办公室",
     ["市委网络安全和信息化委员会办公室", "县委全面深化改革委员会办公室"]),
])
def test_names_in_running_text_stop_at_verbs_and_take_bodies_without_a_place(text, names):
    assert [m[2] for m in department_mentions(text)] == names


def test_a_department_merged_into_a_wider_one_is_not_the_same_department():
    assert not same_department("市新闻出版局", "沙河市文化广电新闻出版局")
    assert not same_department("市文化局", "沙河市文化广电新闻出版局")
    assert same_department("市卫健委", "沙河市卫生健康委员会")
    rels = _pairs("将原市文化局、原市广播电视局、原市新闻出版局的职责，整合划入市文化广电新闻出版局。",
                  department="沙河市文化广电新闻出版局")
    assert {r.a for r in rels if r.b == "沙河市文化广电新闻出版局"} >= {"市文化局", "市广播电视局", "市新闻出版局"}


def test_units_of_a_sanding_given_as_its_own_or_as_managed_by_it():
    rels = _pairs("（二）市广播电视台为市文化广电新闻出版局管理的正县级事业单位。\n"
                  "（三）市图书馆、市群众艺术馆、市博物馆为其所属事业单位，机构编制另行核定。",
                  department="沙河市文化广电新闻出版局")
    for unit in ("市广播电视台", "市图书馆", "市群众艺术馆", "市博物馆"):
        assert _has(rels, "沙河市文化广电新闻出版局", unit, "管理"), unit


def test_leading_group_members_one_a_line_are_each_paired_with_the_lead_unit():
    pairs = _parsed_pairs("沙河县人民政府办公室关于成立创建工作领导小组的通知\n成　员：县委宣传部副部长\n"
                          "　　　　县商务局局长\n　　　　县教育局局长\n　　　　城关镇人民政府镇长\n"
                          "县卫生健康局为创建工作牵头单位。\n二、任务分工\n（一）县教育局负责学校卫生。\n")
    for member in ("县委宣传部", "县商务局", "县教育局", "城关镇人民政府"):
        led = [pair for pair in pairs if any(same_department(name, "县卫生健康局") for name in pair)]
        assert any(member in pair for pair in led), member


def test_a_reply_letter_names_its_writer_for_我局_and_its_addressee_for_你局():
    pairs = _parsed_pairs("沙河市市场监督管理局\n关于校外培训收费监管职责分工的复函\n沙市监函〔2022〕3号\n市教育局：\n"
                          "你局来函收悉。现函复如下：你局负责收费的日常监管；我局负责查处价格违法行为。\n"
                          "我局在执法中发现无证办学问题的，将及时告知你局。\n")
    assert _related(pairs, "沙河市市场监督管理局", "市教育局")
    assert not any("你局" in name or "我局" in name for pair in pairs for name in pair)


def test_a_letter_to_a_federation_calls_it_你会_and_a_paper_handed_to_a_body_is_no_part_of_its_name():
    pairs = _parsed_pairs("乙洲县民政局\n关于社区缝补便民服务的协作往来函\n乙洲县妇女联合会：\n"
                          "你会来函商请在社区设立缝补便民点一事，我局同意。我局负责提供社区服务中心场地；你会负责组织"
                          "巾帼志愿者上门服务，并每季度将服务情况告知我局。\n乙洲县民政局\n2010年3月8日\n")
    assert _related(pairs, "乙洲县民政局", "乙洲县妇女联合会")
    from docproc.names import department_mentions

    assert [name for _, _, name in department_mentions("乙县红十字会负责入户发放，并将发放签收表交民政局；")] == \
        ["乙县红十字会", "民政局"]
    assert [name for _, _, name in department_mentions("拆除情况填入本表回传消防大队。")] == ["消防大队"]


def test_a_short_name_that_opens_with_市场_is_read_for_the_full_name_of_the_text():
    pairs = _parsed_pairs("乙泉县腌菜抽检协商纪要\n2018年11月6日，乙泉县市场监督管理局、县农业农村局在市场监管局"
                          "会议室协商腌菜抽检工作。议定：\n一、市场监管局负责农贸市场散装腌菜的抽检；\n"
                          "二、县农业农村局负责指导农户规范腌制；\n三、抽检结果由市场监管局当日抄送县农业农村局。\n")
    assert _related(pairs, "乙泉县市场监督管理局", "县农业农村局")


def test_a_department_that_strengthens_its_guidance_of_another_is_paired_with_it():
    rels = _pairs("县林业局要切实加强对各乡镇人民政府森林防火工作的督促指导，发现问题及时督办。")
    assert _has(rels, "县林业局", "各乡镇人民政府") or _has(rels, "县林业局", "乡镇人民政府")


def test_spaces_inside_the_words_of_a_sentence_do_not_cut_names():
    pairs = _parsed_pairs("关于加强学校食堂管理的通知\n"
                          "三、各乡镇人民政 府要配合县教育 局做好  辖区内学校食堂的改造，落实检查制度。\n")
    assert _related(pairs, "县教育局", "乡镇人民政府") or _related(pairs, "县教育局", "各乡镇人民政府")


@pytest.mark.parametrize("text, names", [
    ("应当及时告知县公安局或者通知县救助管理站", ["县公安局", "县救助管理站"]),
    ("县人社局根据市统计局的认定结果发放补贴", ["县人社局", "市统计局"]),
    ("市大数据局商县公安局确定具体名单", ["市大数据局", "县公安局"]),
    ("报请市纪委监委审定后，交市公安局执行", ["市纪委监委", "市公安局"]),
    ("经国家统计局椿陵调查队同意，由市供销合作社联合社组织实施", ["国家统计局椿陵调查队", "市供销合作社联合社"]),
    ("中共丙县委员会宣传部负责宣传引导", ["中共丙县委员会宣传部"]),
    ("市广播电视台、市群众艺术馆和市青少年宫", ["市广播电视台", "市群众艺术馆", "市青少年宫"]),
])
def test_more_bodies_and_the_words_before_them(text, names):
    assert [m[2] for m in department_mentions(text)] == names


def test_a_task_table_with_one_responsible_column_reads_the_roles_inside_its_cells():
    pairs = _parsed_pairs("沙河市生活垃圾分类重点任务分工\n\n序号｜重点任务｜责任单位｜完成时限\n"
                          "————————————————————————\n"
                          "1｜投放设施配置｜市城市管理局（牵头）；各区人民政府｜6月底\n"
                          "2｜两网融合｜市商务局、市供销合作社联合社｜10月底\n"
                          "3｜知识进校园｜市教育局牵头，团市委配合｜9月\n"
                          "4｜厨余垃圾处理设施｜市发展和改革委员会、市城市管理局（共同牵头）；市自然资源和规划局（配合）｜12月底\n"
                          "5｜党政机关率先分类｜市机关事务管理局｜4月底\n")
    wanted = [("市商务局", "市供销合作社联合社"), ("市教育局", "团市委"), ("市发展和改革委员会", "市城市管理局"),
              ("市发展和改革委员会", "市自然资源和规划局"), ("市城市管理局", "市自然资源和规划局")]
    assert _unrelated(pairs, wanted) == []
    assert _related(pairs, "市城市管理局", "各区人民政府") or _related(pairs, "市城市管理局", "区人民政府")
    assert not any("党政机关" in pair for pair in pairs)


def test_a_street_office_sanding_pairs_a_bureau_s_station_with_the_bureau_and_the_office():
    rels = _pairs("（二）区市场监督管理局澄埠市场监督管理所为区市场监督管理局的派出机构，"
                  "日常工作接受街道办事处的统筹协调。")
    assert _has(rels, "区市场监督管理局", "区市场监督管理局澄埠市场监督管理所")
    assert _has(rels, "街道办事处", "区市场监督管理局澄埠市场监督管理所")


def test_bodies_merged_into_a_new_one_and_a_flattened_heading_before_a_name():
    text = ("一、整合范围 将市建设工程招标投标中心、市政府采购中心、市产权交易所整合为市公共资源交易中心，"
            "统一承担平台服务。 三、交易目录市发展和改革委员会会同市财政局编制交易目录。")
    rels = _pairs(text)
    for old in ("市建设工程招标投标中心", "市政府采购中心", "市产权交易所"):
        assert _has(rels, old, "市公共资源交易中心", "整合划入"), old
    assert _has(rels, "市发展和改革委员会", "市财政局")


def test_the_units_of_a_sanding_are_named_without_their_rank():
    names = [m[2] for m in department_mentions("市疾病预防控制中心、市中心血站为市卫生局所属正科级事业单位")]
    assert names == ["市疾病预防控制中心", "市中心血站", "市卫生局"]


def test_a_letter_s_addressee_is_read_whole_from_its_salutation():
    pairs = _parsed_pairs("沙河县城市管理局\n沙城管函〔2020〕15号\n沙河县城市管理局关于文明行为促进办法的复函\n"
                          "县精神文明建设指导委员会办公室：\n你办来函收悉。我局查处不文明行为形成的处罚信息，将定期抄告你办。\n")
    assert _related(pairs, "沙河县城市管理局", "县精神文明建设指导委员会办公室")


GRID_TABLE = """沙河县环境整治重点任务分解表

+====+==================+================+==================+
| 序号 | 重点任务         | 责任单位       | 配合单位         |
+====+==================+================+==================+
| 1  | 健全农村生活垃圾 | 县住房和城乡建 | 县财政局、       |
|    | 收运体系         | 设局           | 各乡镇人民政府   |
+----+------------------+----------------+------------------+
| 2  | 农贸市场提档升级 | 县商务局       | 县城市管理局     |
+----+------------------+----------------+------------------+
| 3  | 国省道沿线整治   | 县交通运输局   | 县公路管理段     |
+----+------------------+----------------+------------------+
| 4  | 粪污治理         | 县畜牧局       | —                |
+----+------------------+----------------+------------------+
| 5  | 文明劝导         | 县文明办       | 县委宣传部       |
+----+------------------+----------------+------------------+
| 6  | 污水处理设施监管 | 县环境保护局   | 县水务局         |
+----+------------------+----------------+------------------+
"""


def test_a_grid_table_whose_rows_wrap_over_lines_is_read_row_by_row():
    pairs = _parsed_pairs(GRID_TABLE)
    wanted = [("县住房和城乡建设局", "县财政局"), ("县商务局", "县城市管理局"), ("县交通运输局", "县公路管理段"),
              ("县文明办", "县委宣传部"), ("县环境保护局", "县水务局")]
    assert _unrelated(pairs, wanted) == []
    assert not any("县畜牧局" in pair for pair in pairs)  # acting alone


def test_task_blocks_of_a_responsible_and_an_assisting_unit():
    pairs = _parsed_pairs("沙河县创建卫生县城重点工作任务分解\n\n任务一：城区保洁\n　　责任单位：县城市管理局\n"
                          "　　配合单位：城关镇人民政府\n\n任务二：农贸市场改造\n　　责任单位：县商务局\n"
                          "　　配合单位：县工商局、县卫生局\n\n任务三：健康体检\n　　责任单位：县卫生局\n"
                          "　　配合单位：—\n")
    wanted = [("县城市管理局", "城关镇人民政府"), ("县商务局", "县工商局"), ("县商务局", "县卫生局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "县城市管理局", "县商务局")


def test_the_one_lead_of_a_notice_leads_every_department_given_a_part_and_no_more():
    pairs = _parsed_pairs("沙河县人民政府办公室关于开展河道清障行动的通知\n一、牵头部门\n"
                          "清障行动由县水利局牵头组织实施。\n"
                          "二、职责分工\n（一）县交通运输局负责航道内障碍物的清除。\n（二）县公安局对阻碍执法的依法处置。\n"
                          "（三）县自然资源局：负责河道管理范围内违法用地的查处。\n"
                          "三、工作要求\n县财政局要安排清障工作经费。\n")
    wanted = [("县水利局", "县交通运输局"), ("县水利局", "县公安局"), ("县水利局", "县自然资源局")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "县交通运输局", "县公安局") and not any("县财政局" in pair for pair in pairs)


def test_a_block_task_list_with_one_lead_label_reads_each_responsible_line_as_a_lead():
    pairs = _parsed_pairs("沙河县重点任务清单\n【任务一】新建养老服务中心\n"
                          "　　责任单位：县民政局\n　　配合单位：县财政局\n"
                          "【任务二】医养结合\n　　牵头单位：县卫生健康局\n　　配合单位：县医疗保障局\n"
                          "【任务三】消防达标\n　　责任单位：县消防救援大队\n　　配合单位：县应急管理局\n")
    assert pairs == {("县民政局", "县财政局"), ("县卫生健康局", "县医疗保障局"), ("县消防救援大队", "县应急管理局")}


def test_a_grid_table_ruled_with_pipes_joins_its_wrapped_rows():
    text = ("沙河县任务分工表\n|------|------------|------------|\n| 序号 | 牵头单位　 | 协助单位　 |\n"
            "|======|============|============|\n| 1　  | 县教育局　 | 县公安局、 |\n"
            "| 　　 | 　　　　　 | 县卫生健康局 |\n"
            "|------|------------|------------|\n")
    assert _unrelated(_parsed_pairs(text), [("县教育局", "县公安局"), ("县教育局", "县卫生健康局")]) == []


def test_units_sent_out_owned_or_stationed_respectively():
    pairs = _parsed_pairs("沙河区青石街道办事处职能配置、内设机构和人员编制规定\n"
                          "第二条 青石街道办事处是沙河区人民政府的派出机关。"
                          "中共沙河区青石街道工作委员会（以下简称街道党工委）是中共沙河区委的派出机关。\n"
                          "第三条 青石派出所、青石司法所分别为区公安分局、区司法局的派驻机构，实行以派出部门管理为主、"
                          "青石街道办事处协同管理的双重管理体制。\n"
                          "第四条 区住房和城乡建设局是本区房屋安全的主管部门，其下属的区房屋安全鉴定站承担鉴定工作。"
                          "由区住房和城乡建设局所属区建筑工程质量监督站开展检查。\n", "青石街道三定.txt")
    wanted = [("沙河区人民政府", "沙河区青石街道办事处"), ("中共沙河区委", "中共沙河区青石街道工作委员会"),
              ("区公安分局", "青石派出所"), ("区司法局", "青石司法所"), ("沙河区青石街道办事处", "青石派出所"),
              ("沙河区青石街道办事处", "青石司法所"), ("区住房和城乡建设局", "区房屋安全鉴定站"),
              ("区住房和城乡建设局", "区建筑工程质量监督站")]
    assert _unrelated(pairs, wanted) == []
    assert not _related(pairs, "区公安分局", "青石司法所")


def test_a_leading_group_whose_lead_is_named_after_its_members():
    pairs = _parsed_pairs("关于调整沙河市文明城市创建领导小组的通知\n组　长：市委书记\n成　员：市公安局局长\n"
                          "　　　　市教育局局长\n领导小组牵头单位为市委宣传部。\n")
    assert _unrelated(pairs, [("市委宣传部", "市公安局"), ("市委宣传部", "市教育局")]) == []


def test_data_shared_with_and_a_duty_guiding_another_body():
    assert _has(_pairs("运行数据由市大数据中心共享给市交通运输局。"), "市大数据中心", "市交通运输局")
    pairs = _parsed_pairs("沙河县人口和计划生育局主要职责内设机构和人员编制规定\n一、主要职责\n"
                          "（一）贯彻执行人口和计划生育工作的法律法规。\n（二）指导乡镇计划生育办公室的工作。\n")
    assert _related(pairs, "沙河县人口和计划生育局", "乡镇计划生育办公室")


def test_a_regulation_lead_named_after_its_role():
    pairs = _parsed_pairs("沙河市燃气管理办法\n第三条 本市燃气管理的主管部门为市住房和城乡建设局。\n"
                          "发展改革、公安消防等部门按照各自职责，负责燃气管理的相关工作。\n")
    wanted = [("市住房和城乡建设局", "发展改革部门"), ("市住房和城乡建设局", "公安消防部门")]
    assert _unrelated(pairs, wanted) == []


def test_a_scanned_notice_with_stray_spaces_and_ascii_commas():
    pairs = _parsed_pairs("沙河县人民政府办公室关于清理拖欠工资的通知\n"
                          "一、县劳动和 社会保障局牵头负责全县清理拖欠工资工作,县建 设局、县总工 会配合o\n"
                          "二、县劳动和社会保障局发现恶意欠薪的,移送县 公安局依法处理o\n")
    assert _unrelated(pairs, [("县劳动和社会保障局", unit) for unit in ("县建设局", "县总工会", "县公安局")]) == []


def test_members_of_a_joint_meeting_are_not_paired_with_each_other_or_with_a_body_acting_alone():
    pairs = _parsed_pairs("沙河县托育服务实施方案\n三、组织实施\n建立联席会议制度，由县卫生健康局牵头，"
                          "县教育局、县财政局为成员单位，统筹研究重大问题。县妇联负责开展家庭育儿宣传。\n")
    assert _unrelated(pairs, [("县卫生健康局", "县教育局"), ("县卫生健康局", "县财政局")]) == []
    assert not _related(pairs, "县教育局", "县财政局") and not any("县妇联" in pair for pair in pairs)


def test_members_given_by_the_posts_of_their_heads_on_one_line():
    pairs = _parsed_pairs("关于成立沙河市创建卫生城市领导小组的通知\n"
                          "成员为：市委宣传部副部长，市卫生健康委员会主任，市财政局局长。\n"
                          "市卫生健康委员会为牵头单位，负责统筹调度。\n")
    assert _unrelated(pairs, [("市卫生健康委员会", "市委宣传部"), ("市卫生健康委员会", "市财政局")]) == []


def test_a_lead_with_its_sign_in_brackets_heads_a_flattened_notice():
    pairs = _parsed_pairs("沙河市人民政府关于推进清洁取暖的意见 一、市发展和改革委员会（市能源局）牵头负责统筹协调。"
                          "二、市市场监督管理局负责散煤质量抽检，市商务局负责煤炭经营网点的规范。\n")
    assert _unrelated(pairs, [("市发展和改革委员会", "市市场监督管理局"), ("市发展和改革委员会", "市商务局")]) == []


def test_spaces_that_part_sentences_in_a_copy_keeping_its_full_stops_are_kept():
    text = ("第五條,公安機關負責非機動車的登記和通行管理工作 市場監管部門負責非機動車生產銷售的監督管理工作."
            "交通運輸主管部門負責互聯網租賃自行車的行業監督管理工作。\n")
    names = {name for rel in _pairs(text) for name in (rel.a, rel.b)}
    assert {"市场监管部门", "交通运输主管部门"} <= names


def test_a_scanned_notice_whose_list_marks_and_full_stops_were_misread():
    pairs = _parsed_pairs("沙河县卫生局关于做好流感防控工作的通知\n"
                          "一丶加强组织领导.成立防控工作组,由县卫生局牵头,县教 育局丶县农业局为成员单位.\n")
    # the issuer by its full name: the notice speaks for it
    assert _unrelated(pairs, [("沙河县卫生局", "县教育局"), ("沙河县卫生局", "县农业局")]) == []


def test_a_task_block_with_its_roles_and_units_apart_by_ideographic_spaces():
    pairs = _parsed_pairs("沙河市以旧换新工作任务分解\n■ 汽车置换更新补贴\n"
                          "　　主责　市商务局\n　　协办　市公安局　市财政局\n"
                          "■ 家装焕新行动\n　　主责　市住房和城乡建设局　市商务局\n　　协办　市市场监督管理局\n")
    wanted = [("市商务局", "市公安局"), ("市商务局", "市财政局"), ("市住房和城乡建设局", "市商务局"),
              ("市住房和城乡建设局", "市市场监督管理局"), ("市商务局", "市市场监督管理局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市公安局", "市财政局")


def test_a_long_list_of_tasks_is_no_matter_divided_among_all_its_departments():
    names = [f"县{a}{b}局" for a, b in zip("甲乙丙丁戊己庚辛壬癸子丑寅卯辰", "东南西北中上下左右前后内外高低")]
    labour = "".join(f"{name}负责第{n}段河道的清障。" for n, name in enumerate(names, 1))
    pairs = _pairs(labour, divisions_of_labour=[LabourDivision(no=1, text=labour)])
    assert not any(_has(pairs, a, b) for a, b in combinations(names, 2))
    few = "".join(f"{name}负责第{n}段河道的清障。" for n, name in enumerate(names[:3], 1))
    pairs = _pairs(few, divisions_of_labour=[LabourDivision(no=1, text=few)])
    assert all(_has(pairs, a, b) for a, b in combinations(names[:3], 2))  # a few dividing one matter are


def test_task_blocks_whose_units_stand_between_bars():
    pairs = _parsed_pairs("沙河市养老服务重点任务\n◆任务1：建设街道综合养老服务中心\n"
                          "　主抓：市民政局｜市住房和城乡建设局\n"
                          "　协同：市财政局｜各区人民政府\n◆任务2：培训养老护理员\n　主抓：市人力资源和社会保障局\n"
                          "　协同：——\n")
    wanted = [("市民政局", "市住房和城乡建设局"), ("市民政局", "市财政局"), ("市住房和城乡建设局", "市财政局"),
              ("市民政局", "区人民政府")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市财政局", "区人民政府")


@pytest.mark.parametrize("lead_line", ["本计划的牵头部门为市体育局，负责统筹调度。",
                                       "市体育局作为全民健身工作的牵头部门，负责统筹推进各项任务。",
                                       "全市全民健身工作以市体育局为牵头部门，具体分工如下："])
def test_the_one_lead_of_a_plan_named_by_its_role(lead_line):
    pairs = _parsed_pairs("沙河市全民健身实施计划\n二、任务分工\n" + lead_line +
                          "\n（一）市教育局负责推动学校体育场地开放。\n"
                          "（二）市住房和城乡建设局负责新建小区健身设施配套。\n")
    assert _unrelated(pairs, [("市体育局", "市教育局"), ("市体育局", "市住房和城乡建设局")]) == []
    assert not _related(pairs, "市教育局", "市住房和城乡建设局")


def test_members_named_by_the_people_who_head_them():
    pairs = _parsed_pairs("关于调整沙河市爱国卫生运动领导小组的通知\n组　长：张某某　市长\n"
                          "成　员：×××　市教育局副局长\n　　　　×××　市商务局副局长\n"
                          "　　　　李某某（市交通运输局局长）、王某某（市财政局局长）\n"
                          "领导小组日常工作由市卫生健康委员会牵头承担。\n")
    wanted = [("市卫生健康委员会", name) for name in ("市教育局", "市商务局")]
    assert _unrelated(pairs, wanted) == []
    pairs = _parsed_pairs("关于成立沙河市创卫工作领导小组的通知\n"
                          "成　员：李某某（市交通运输局局长）、王某某（市财政局局长）、赵某某（市商务局局长）\n"
                          "领导小组的日常工作由市卫生健康委员会牵头承担。\n")
    wanted = [("市卫生健康委员会", name) for name in ("市交通运输局", "市财政局", "市商务局")]
    assert _unrelated(pairs, wanted) == []


def test_several_departments_that_push_data_to_one():
    pairs = _parsed_pairs("沙河市信用建设通知\n一、市商务局、市教育局、市体育局向市发展和改革委员会推送失信信息。\n")
    assert _unrelated(pairs, [("市发展和改革委员会", name) for name in ("市商务局", "市教育局", "市体育局")]) == []


def test_a_task_s_handover_is_done_by_the_department_it_makes_responsible():
    pairs = _parsed_pairs("沙河市整治任务清单\n（一）查处虚假宣传，涉嫌犯罪的，移送市公安局。\n"
                          "　　市市场监督管理局负责。\n"
                          "（二）加强宣传。\n　　市委宣传部负责。\n")
    assert _related(pairs, "市市场监督管理局", "市公安局") and not _related(pairs, "市委宣传部", "市公安局")


def test_a_department_that_coordinates_the_whole_matter_leads_it_and_money_lines_are_no_part():
    pairs = _parsed_pairs("沙河市机构编制委员会关于明确违法建设查处职责分工的通知\n"
                          "一、市自然资源和规划局负责全市违法建设查处工作的综合协调。\n"
                          "二、正在建设的违法建设，由市城市管理局负责查处；违法占地建设的，由市农业农村局负责查处。\n"
                          "三、街道办事处负责辖区违法建设的日常巡查。\n四、所需经费由市财政局统筹安排。\n")
    wanted = [("市自然资源和规划局", "市城市管理局"), ("市自然资源和规划局", "市农业农村局"),
              ("市城市管理局", "市农业农村局")]
    assert _unrelated(pairs, wanted) == []
    assert not any(_related(pairs, "市自然资源和规划局", name) for name in ("街道办事处", "市财政局"))


@pytest.mark.parametrize("text, names", [
    ("中国移动沙河分公司、中国广电沙河分公司配合", ["中国移动沙河分公司", "中国广电沙河分公司"]),
    ("并协调沙河日报社开展宣传", ["沙河日报社"]),
    ("其业务接受市建设工程质量监督总站的指导", ["市建设工程质量监督总站"]),
    ("发现后及时报告市城市管理局", ["市城市管理局"]),
    ("支持公办托育机构和用人单位办托", []),
])
def test_names_of_this_round(text, names):
    assert [m[2] for m in department_mentions(text)] == names


def test_a_grid_drawn_with_stars_and_dots_and_two_names_in_one_cell():
    text = ("沙河市安全生产任务分工表\n*=-=-=*=-=-=-=-=*=-=-=-=-=-=-=*\n| No | 领域 | 牵头单位 | 配合单位 |\n"
            "*=-=-=*=-=-=-=-=*=-=-=-=-=-=-=*\n| 01 | 道路运输 | 市交通运输局 | 市应急管理局 |\n"
            "|    |          | 市公安局交通警察支队 |  |\n*.....*.........*..............*\n"
            "| 02 | 燃气 | 市城市管理局 | 市市场监督管理局 |\n*.....*.........*..............*\n")
    pairs = _parsed_pairs(text)
    wanted = [("市交通运输局", "市应急管理局"), ("市公安局交通警察支队", "市应急管理局"),
              ("市交通运输局", "市公安局交通警察支队"), ("市城市管理局", "市市场监督管理局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市应急管理局", "市城市管理局")


def test_a_web_table_s_lead_spanning_two_rows_leads_both():
    html = ("<html><body><table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>配合单位</td></tr>"
            "<tr><td>1</td><td>黑臭水体治理</td><td rowspan=\"2\">市住房和城乡建设局</td><td>市水务局</td></tr>"
            "<tr><td>2</td><td>管网改造</td><td>沙河水务集团有限公司</td></tr>"
            "<tr><td>3</td><td>矿山修复</td><td>市自然资源和规划局</td><td>市林业局</td></tr></table></body></html>")
    doc = parse_bytes(html.encode("utf-8"), "整改任务表.html")
    pairs = {(row["a"], row["b"]) for row in doc.relations}
    assert _related(pairs, "市住房和城乡建设局", "沙河水务集团有限公司")
    assert not _related(pairs, "市住房和城乡建设局", "市林业局")


@pytest.mark.parametrize("labels", ["牵头责任单位：市教育局；配合责任单位：市财政局、市公安局。",
                                    "主要责任单位：市教育局；协作单位：市财政局、市公安局。",
                                    "【牵头】市教育局【配合】市财政局、市公安局",
                                    "牵头：市教育局　　责任：市财政局、市公安局",
                                    "责任主体：市教育局；协同单位：市财政局、市公安局。",
                                    "牵头部门：市教育局　　支持部门：市财政局、市公安局"])
def test_the_labels_task_lists_give_a_lead_and_its_helpers(labels):
    pairs = _parsed_pairs("沙河市校园安全工作任务分解\n一、开展校园周边环境整治。\n" + labels + "\n")
    assert _unrelated(pairs, [("市教育局", "市财政局"), ("市教育局", "市公安局")]) == []


@pytest.mark.parametrize("lead", ["市城市管理局负责本市户外广告设置的统一监督管理。",
                                  "市城市管理局为本市户外广告设置的行政主管部门。",
                                  "市城市管理局承担本市户外广告设置管理的牵头职责。",
                                  "市城市管理局负责组织实施本办法。",
                                  "市人民政府确定市城市管理局为户外广告设置的主管部门。",
                                  "市城市管理局负责全市户外广告设置管理工作的统筹协调和监督检查。",
                                  "市城市管理局牵头负责全市户外广告设置管理工作。",
                                  "市城市管理局统筹全市户外广告设置管理工作。",
                                  "市城市管理局是户外广告设置管理工作的牵头单位。"])
def test_the_ways_a_regulation_names_its_lead(lead):
    doc = parse_bytes(("沙河市户外广告设置管理办法\n第一条　为了规范户外广告设置，制定本办法。\n第三条　" + lead +
                       "\n第四条　市市场监督管理局负责户外广告内容的监督管理。\n").encode(), "办法.txt")
    pairs = {(row["a"], row["b"]) for row in doc.relations if row["relation"] != INFERRED}
    # the lead under its bare name or placed in the title's 沙河市
    assert any(_related(pairs, lead, "市市场监督管理局") for lead in ("市城市管理局", "沙河市城市管理局"))
    assert doc.department in (None, "市城市管理局", "沙河市城市管理局")


@pytest.mark.parametrize("sentence", ["酒类流通管理职责由市商务局调整到市市场监督管理局。",
                                      "市商务局同市市场监督管理局联合开展专项检查。",
                                      "市商务局联合市市场监督管理局印发通知。",
                                      "市商务局、市市场监督管理局建立协作机制。",
                                      "市商务局将有关情况函告市市场监督管理局。",
                                      "市商务局与市市场监督管理局实现信息共享。",
                                      "对市商务局移交的线索，市市场监督管理局应当依法查处。",
                                      "市市场监督管理局接到市商务局移送的案件后应当及时处理。"])
def test_more_verbs_that_link_two_departments(sentence):
    assert _related(_parsed_pairs("沙河市酒类市场管理通知\n一、" + sentence + "\n"), "市商务局", "市市场监督管理局")


@pytest.mark.parametrize("sentence", ["市酒类专卖管理局隶属于市商务局。", "市商务局代管市酒类专卖管理局。"])
def test_a_body_belonging_to_or_run_by_a_department(sentence):
    assert _related(_parsed_pairs("沙河市酒类市场管理通知\n一、" + sentence + "\n"), "市商务局", "市酒类专卖管理局")


@pytest.mark.parametrize("text, names", [
    ("县联合执法大队和市矛盾纠纷联合调处中心", ["县联合执法大队", "市矛盾纠纷联合调处中心"]),
    ("市商务局会商市市场监督管理局研究处理意见", ["市商务局", "市市场监督管理局"]),
    ("市商务局政策研究处", ["市商务局政策研究处"]),
])
def test_linking_words_end_names_and_do_not_open_sub_units(text, names):
    assert [m[2] for m in department_mentions(text)] == names


@pytest.mark.parametrize("lead, assist", [("主体责任单位", "协同责任单位"), ("牵头责任单位", "协同配合单位"),
                                          ("责任单位（牵头）", "责任单位（配合）"), ("主管部门", "协管部门"),
                                          ("牵头单位", "支持单位")])
def test_csv_task_tables_with_the_column_names_offices_use(lead, assist):
    text = (f"沙河市校园安全工作任务分工表\n序号,任务,{lead},{assist}\n"
            "1,整治校园周边环境,市教育局,\"市公安局、市市场监督管理局\"\n2,学生心理健康教育,市卫生健康委员会,市民政局\n")
    pairs = _parsed_pairs(text)
    wanted = [("市教育局", "市公安局"), ("市教育局", "市市场监督管理局"), ("市卫生健康委员会", "市民政局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市教育局", "市卫生健康委员会")


def test_task_blocks_of_who_answers_and_who_assists():
    pairs = _parsed_pairs("沙河市文旅消费季任务安排\n▶任务一　发放消费券\n　　责任：市文化广电旅游局｜市商务局\n"
                          "　　协助：中国银联沙河分公司\n▶任务二　灯光秀\n　　责任：市城市管理局\n"
                          "　　协助：市公安局\n")
    wanted = [("市文化广电旅游局", "中国银联沙河分公司"), ("市商务局", "中国银联沙河分公司"),
              ("市城市管理局", "市公安局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "市商务局", "市公安局")


def test_a_table_drawn_with_box_drawing_characters():
    text = ("沙河县森林防火责任分工表\n┌────┬──────────┬──────────┬──────────┐\n"
            "│ 序号 │ 工作事项 │ 牵头单位 │ 配合单位 │\n├────┼──────────┼──────────┼──────────┤\n"
            "│ 1  │ 野外用火审批 │ 县林业局 │ 县公安局 │\n│    │          │          │ 各乡镇人民政府 │\n"
            "├────┼──────────┼──────────┼──────────┤\n│ 2  │ 物资运输保障 │ 县交通运输局 │ 县财政局 │\n"
            "└────┴──────────┴──────────┴──────────┘\n")
    pairs = _parsed_pairs(text)
    wanted = [("县林业局", "县公安局"), ("县林业局", "乡镇人民政府"), ("县交通运输局", "县财政局")]
    assert _unrelated(pairs, wanted) == [] and not _related(pairs, "县林业局", "县交通运输局")


def test_a_table_drawn_with_dashed_box_characters():
    text = ("沙河县夏收任务分解表\n┌┈┈┬┈┈┈┈┬┈┈┈┈┬┈┈┈┈┐\n┊序号┊工作事项┊牵头单位┊配合单位┊\n╞══╪════╪════╪════╡\n"
            "┊1　┊机收调度┊县农业机械管理局┊县交通运输局┊\n├┈┈┼┈┈┈┈┼┈┈┈┈┼┈┈┈┈┤\n"
            "┊2　┊资金保障┊县财政局　　┊县粮食局　　┊\n└┈┈┴┈┈┈┈┴┈┈┈┈┴┈┈┈┈┘\n")
    pairs = _parsed_pairs(text)
    assert _unrelated(pairs, [("县农业机械管理局", "县交通运输局"), ("县财政局", "县粮食局")]) == []
    assert not _related(pairs, "县农业机械管理局", "县财政局")


def test_a_task_list_s_承办_and_协办_and_a_township_given_powers():
    pairs = _parsed_pairs("沙河市以旧换新任务清单\n（一）汽车以旧换新。\n"
                          "承办：市商务局、市发展和改革委员会（共同承办）；"
                          "协办：市市场监督管理局\n")
    wanted = [("市商务局", "市发展和改革委员会"), ("市商务局", "市市场监督管理局"),
              ("市发展和改革委员会", "市市场监督管理局")]
    assert _unrelated(pairs, wanted) == []
    pairs = _parsed_pairs("沙河县放权赋能通知\n三、县农业农村局将宅基地审批中的资格审查等事项下放乡政府实施。\n")
    assert _related(pairs, "县农业农村局", "乡政府")


def test_a_government_s_own_area_and_an_issue_note_make_no_pair():
    pairs = _parsed_pairs("沙河市生活垃圾分类管理条例\n第四条　市城市管理局是本市生活垃圾分类的主管部门。\n"
                          "第五条　镇人民政府、街道办事处承担辖区内分类投放的日常监督。\n"
                          "第六条　市商务局负责再生资源回收的行业管理。\n")
    assert _related(pairs, "市城市管理局", "市商务局")
    assert not any(_related(pairs, "市城市管理局", name) for name in ("镇人民政府", "街道办事处"))
    doc = parse_bytes("沙河县粮食局职能配置规定\n（沙河县机构编制委员会二〇〇四年六月印发）\n"
                      "一、主要职责\n（一）负责粮食流通。\n"
                      .encode(), "三定.txt")
    assert not any("机构编制委员会" in row["a"] + row["b"] for row in doc.relations)


@pytest.mark.parametrize("text, names", [
    ("指导各乡镇粮站；县军粮供应站为县粮食局所属", ["乡镇粮站", "县军粮供应站", "县粮食局"]),
    ("对县粮食购销总公司和沙河市再生资源回收利用有限公司，加快建设规范化回收站点和分拣中心",
     ["县粮食购销总公司", "沙河市再生资源回收利用有限公司"]),
    ("县海洋与渔业执法大队（县渔政大队）配合县公安边防大队", ["县海洋与渔业执法大队", "县渔政大队", "县公安边防大队"]),
    ("委托镇政府实施，城关镇政府和县人口与计划生育局", ["镇政府", "城关镇政府", "县人口与计划生育局"]),
])
def test_names_of_the_twenty_second_round(text, names):
    assert [m[2] for m in department_mentions(text)] == names


@pytest.mark.parametrize("sentence, wanted", [
    ("城关司法所由县司法局派驻城关镇，实行以县司法局为主、城关镇人民政府为辅的管理体制。",
     [("城关司法所", "县司法局"), ("城关司法所", "城关镇人民政府")]),
    ("县城市管理局下设县综合行政执法大队。", [("县城市管理局", "县综合行政执法大队")]),
    ("县综合行政执法大队受县城市管理局领导。", [("县城市管理局", "县综合行政执法大队")]),
    ("县综合行政执法大队由县城市管理局负责管理。", [("县城市管理局", "县综合行政执法大队")]),
    ("县城市管理局管理的县综合行政执法大队负责执法。", [("县城市管理局", "县综合行政执法大队")]),
    ("县森林公安局接受县公安局和县林业局的双重领导。", [("县公安局", "县森林公安局"), ("县林业局", "县森林公安局")]),
    ("县城市管理局的直属单位有：县环境卫生管理所、县园林绿化管理所。",
     [("县城市管理局", "县环境卫生管理所"), ("县城市管理局", "县园林绿化管理所")]),
    ("县城市管理局对县环境卫生管理所实行归口管理。", [("县城市管理局", "县环境卫生管理所")]),
])
def test_the_ways_a_department_runs_a_unit(sentence, wanted):
    assert _unrelated(_parsed_pairs("沙河县机构编制事项通知\n一、" + sentence + "\n"), wanted) == []


@pytest.mark.parametrize("sentence", ["建立由市公安局牵头、市教育局和市民政局参加的联席会议制度。",
                                      "联席会议由市公安局召集，成员包括市教育局、市民政局。",
                                      "组长单位：市公安局；成员单位：市教育局、市民政局。",
                                      "联席会议召集人由市公安局分管负责同志担任，成员由市教育局、市民政局分管负责同志组成。",
                                      "成立以市公安局为组长单位，市教育局、市民政局为成员单位的工作领导小组。"])
def test_the_ways_a_joint_meeting_names_its_convener_and_members(sentence):
    pairs = _parsed_pairs("沙河市校园安全联席会议制度\n一、" + sentence + "\n")
    assert _unrelated(pairs, [("市公安局", "市教育局"), ("市公安局", "市民政局")]) == []
    assert not _related(pairs, "市教育局", "市民政局")


def test_the_members_an_addressee_line_names_are_no_member_list():
    pairs = _parsed_pairs("沙河县安全生产委员会办公室文件\n各乡镇人民政府，县安委会各成员单位：\n"
                          "一、燃气安全整治由县住房和城乡建设局牵头负责。\n沙河县安全生产委员会办公室\n")
    assert not _related(pairs, "县住房和城乡建设局", "沙河县安全生产委员会办公室")


def test_a_plan_led_with_every_other_department_doing_its_part():
    pairs = _parsed_pairs("沙河县校车安全管理实施方案\n二、职责分工\n校车安全管理实行县人民政府统一领导、县教育局牵头、"
                          "相关部门各负其责的工作机制。\n（一）县交通运输局负责校车运营企业的资质管理。\n"
                          "（二）县质量技术监督局负责产品质量监督。\n")
    assert _unrelated(pairs, [("县教育局", "县交通运输局"), ("县教育局", "县质量技术监督局")]) == []
    pairs = _parsed_pairs("沙河市春运工作通知\n一、春运工作由市交通局牵头，市公安局、沙河火车站、市民航站配合。\n"
                          "二、市物价局负责春运客票价格的监督检查。\n")
    wanted = [("市交通局", name) for name in ("市公安局", "沙河火车站", "市民航站", "市物价局")]
    assert _unrelated(pairs, wanted) == []


def test_a_scanned_notice_with_ascii_commas_and_spaces_inside_names():
    pairs = _parsed_pairs("沙河县文化局文件\n一丶整治行动由县文化局牵头, 县公 安局丶县工商 行政管理局配合.\n")
    assert _unrelated(pairs, [("县文化局", "县公安局"), ("县文化局", "县工商行政管理局")]) == []


def test_a_letter_s_writer_named_after_通知_and_before_会同():
    pairs = _parsed_pairs("沙河县气象局关于防雷装置审核有关事项的函\n沙河县住房和城乡建设局：\n"
                          "一、学校的防雷安全，由我局会同县教育局开展专项检查。\n二、竣工验收时请通知我局派员参加。\n")
    assert _related(pairs, "沙河县气象局", "县教育局")


def test_units_handed_to_a_department_s_own_unit_and_run_by_the_bureau():
    pairs = _parsed_pairs("沙河市养犬管理规定\n"
                          "第七条　市公安局收容的犬只，移交市畜牧兽医局所属的市犬只留检所集中处置。\n")
    assert _unrelated(pairs, [("市畜牧兽医局", "市犬只留检所"), ("市公安局", "市犬只留检所")]) == []
    pairs = _pairs("", department="沙河县人民防空办公室",
                   duties=[Duty(no=1, label="（五）", text="管理县人防工程维护管理所（加挂县人防指挥通信站牌子）。")])
    assert _has(pairs, "沙河县人民防空办公室", "县人防工程维护管理所")


@pytest.mark.parametrize("text, names", [
    ("市医疗保险经办中心、沙河县盐业公司和原县卫生防疫站", ["市医疗保险经办中心", "沙河县盐业公司", "县卫生防疫站"]),
    ("中国移动䵤滩分公司和䵤滩市公安局", ["中国移动䵤滩分公司", "䵤滩市公安局"]),
    ("其办事机构市精神文明建设指导委员会办公室负责", ["市精神文明建设指导委员会办公室"]),
    ("由局属县路政执法大队依法查处", ["县路政执法大队"]),
    ("将数据报送县教育局", ["县教育局"]),
])
def test_names_of_the_twenty_fourth_round(text, names):
    assert [normalise_department(m[2]) for m in department_mentions(text)] == names


def test_units_a_department_set_up_or_sent_out_and_duties_it_took_over():
    pairs = _parsed_pairs("沙河县城市绿化规定\n第八条　县园林绿化管理局下设的县绿化监察大队负责绿化违法行为的查处。\n"
                          "第九条　整治工作由县食品药品监督管理局负总责，"
                          "其派出的各乡镇食品药品监管所具体负责日常检查。\n")
    assert _unrelated(pairs, [("县园林绿化管理局", "县绿化监察大队"),
                              ("县食品药品监督管理局", "乡镇食品药品监管所")]) == []
    relations = _pairs("", department="沙河县退役军人事务局", duties=[
        Duty(no=1, label="（一）", text="承接原县民政局的优抚安置职责，以及县人民武装部的退役士兵档案移交衔接职责。"),
        Duty(no=2, label="（二）", text="负责褒扬纪念工作，管理县烈士陵园。")])
    assert all(_has(relations, "沙河县退役军人事务局", name) for name in ("县民政局", "县人民武装部", "县烈士陵园"))


@pytest.mark.parametrize("text, names", [
    ("指导各乡镇统计站和县航道站", ["乡镇统计站", "县航道站"]),
    ("市古树名木养护站和市森林病虫害防治检疫站", ["市古树名木养护站", "市森林病虫害防治检疫站"]),
    ("县军休所、县烈士陵园和各乡镇食品药品监管所", ["县军休所", "县烈士陵园", "乡镇食品药品监管所"]),
])
def test_names_of_the_twenty_sixth_round(text, names):
    assert [normalise_department(m[2]) for m in department_mentions(text)] == names


@pytest.mark.parametrize("text, names", [
    ("交由县机关事务管理局所属的县机关后勤服务中心承担", ["县机关事务管理局", "县机关后勤服务中心"]),
    ("县环境卫生管理局所属的县环卫作业队负责保洁", ["县环境卫生管理局", "县环卫作业队"]),
    ("县盐务管理局与省盐业公司沙河县支公司实行合署办公", ["县盐务管理局", "省盐业公司沙河县支公司"]),
    ("县公安机关依法处理", ["县公安机关"]),
])
def test_names_of_the_thirty_fourth_round(text, names):
    assert [normalise_department(m[2]) for m in department_mentions(text)] == names


def test_a_notice_s_coordinator_of_the_whole_work_leads_and_a_funding_line_is_no_party():
    pairs = _parsed_pairs("沙河县人民政府办公室\n关于做好手足口病防控工作的通知\n"
                          "一、县卫生局负责全县手足口病防控工作的组织协调和技术指导。\n"
                          "二、县食品药品监督管理局负责防控药品的市场供应，县物价局负责防控药品价格的监督检查。\n"
                          "三、县财政局负责落实防控补助资金。\n")
    assert _unrelated(pairs, [("县卫生局", "县食品药品监督管理局"), ("县卫生局", "县物价局")]) == []
    assert not any("县财政局" in pair for pair in pairs)


@pytest.mark.parametrize("text, names", [
    ("将县粮食购销公司承担的行政管理职能收归县粮食局", ["县粮食购销公司", "县粮食局"]),
    ("会同县财政局、县农业发展银行拟订储备粮收储计划", ["县财政局", "县农业发展银行"]),
    ("县气象台为县气象局所属事业单位", ["县气象台", "县气象局"]),
    ("县广播电视台、县移动通信公司应当及时播发", ["县广播电视台", "县移动通信公司"]),
])
def test_names_of_the_thirty_fifth_round(text, names):
    assert [normalise_department(m[2]) for m in department_mentions(text)] == names


def test_a_member_that_only_pays_is_no_party_and_a_scan_s_spaces_part_no_words():
    pairs = _parsed_pairs("沙河县人民政府办公室\n关于做好经济普查工作的通知\n"
                          "一、县统计局负责全县经济普查工作的组织协调。\n"
                          "二、县财政局负责普查经费保障。县公安局向县统计局提供人口户籍相关数据。\n"
                          "三、县财政局落实普查经费和普查员补助。\n")
    assert _related(pairs, "县公安局", "县统计局") and not any("县财政局" in pair for pair in pairs)
    scanned = _parsed_pairs("沙河县人民政府办公室\n关于做好夏蝗防治工作的紧急通知\n"
                            "一、县水利局要配合县农　业局 ，在湖区开辟通道，\n并提供湖区水位信息。\n")
    assert _related(scanned, "县水利局", "县农业局")


def test_whichever_local_unit_acts_alone_for_its_own_area():
    pairs = _parsed_pairs("沙河县小型水库管理办法\n"
                          "第四条 县水利局是全县小型水库的主管部门。\n"
                          "第五条 县属小型水库由县水利局所属的县水库管理所管理；"
                          "乡镇所属的小型水库由所在乡镇水利站负责日常管理。\n")
    assert _related(pairs, "县水利局", "县水库管理所")
    assert not _related(pairs, "县水利局", "乡镇水利站")


def test_who_pays_for_a_matter_takes_no_part_in_it():
    pairs = _every_pair("沙河县退役军人服务中心职能配置\n"
                        "（一）承担退役军人就业创业服务工作。\n"
                        "（二）组织退役士兵职业技能培训，培训补助资金由县财政局审核拨付。\n"
                        "第十七条 小型水库日常管理经费由县财政局按照每座水库核定的标准安排。\n")
    assert not any("县财政局" in pair for pair in pairs)


def test_a_body_the_reader_is_referred_to_and_a_body_s_own_section_are_no_partners():
    pairs = _every_pair("沙河市国土资源局关于温泉开发管理有关问题的复函\n"
                        "沙河市旅游局：\n"
                        "你局来函提出的温泉企业取水计量问题，属县级水行政主管部门职责，请径与市水务局联系。\n"
                        "各单位于每月5日前将工作进展报市商务局市场体系建设科，市商务局汇总后报市人民政府。\n")
    assert not any("市水务局" in pair for pair in pairs)
    assert not _related(pairs, "市商务局", "市商务局市场体系建设科")
    assert not any(name.startswith("属") for pair in pairs for name in pair)


def test_a_decision_s_addressees_are_no_partners_of_its_issuer_and_a_handed_over_unit_keeps_its_name():
    text = ("沙河县机构编制委员会关于整合不动产登记职责的决定\n"
            "沙河县国土资源局、县住房和城乡建设局、县林业局：\n"
            "一、县住房和城乡建设局的房屋所有权登记、县林业局的林权登记职责划入县国土资源局。\n"
            "二、县国土资源局设立县不动产登记中心，为其所属公益一类事业单位。"
            "县住房和城乡建设局从事房屋登记的人员，一并移交县不动产登记中心。\n")
    pairs = _every_pair(text)
    assert not any("县机构编制委员会" in name for pair in pairs for name in pair)
    assert not any(name.startswith("一并") for pair in pairs for name in pair)
    assert _related(pairs, "县住房和城乡建设局", "县国土资源局")


def test_a_local_government_where_a_thing_happens_acts_alone():
    pairs = _parsed_pairs("沙河县游乐设施安全管理办法\n"
                          "第二条 沙河县市场监督管理局负责本县游乐设施的安全监察。\n"
                          "第三条 游乐场所涉及临时用地的，由县自然资源局会同县市场监督管理局审查选址。\n"
                          "第四条 县文化和旅游局负责督促景区内游乐场所落实安全管理责任。\n"
                          "第七条 临时性游乐设施进入集市经营的，由所在地乡镇人民政府负责登记，"
                          "并报县市场监督管理局备案。\n")
    assert not any("乡镇人民政府" in pair for pair in pairs)


def test_a_unit_handed_from_one_manager_to_another_and_the_old_state_companies():
    handed = "二、县茶叶加工服务中心由县供销合作社代管改为县林业局管理，县供销合作社不再代管。"
    relations = _pairs(handed)
    assert _directed(relations, "县林业局", "县茶叶加工服务中心", "管理")
    assert not _has(relations, "县供销合作社", "县茶叶加工服务中心", "管理")
    duty = ("（一）县经济贸易局会同县外贸公司做好茶叶出口收购的组织协调工作。\n"
            "（二）将原县纺织工业公司承担的行业管理职能划入县经济贸易局。")
    relations = _pairs(duty)
    assert _has(relations, "县经济贸易局", "县纺织工业公司")
    assert _has(relations, "县经济贸易局", "县外贸公司")


def test_a_grain_storage_company_and_a_handicraft_union_are_parties():
    from docproc.names import department_mentions

    names = [m[2] for m in department_mentions("县粮食局会同县粮油收储公司，指导县手工业联社")]
    assert names == ["县粮食局", "县粮油收储公司", "县手工业联社"]


def test_a_teaching_research_office_a_sports_school_and_old_trading_companies_are_parties():
    from docproc.names import department_mentions

    text = "县教育局指导县教学研究室和县业余体校，会同县二轻工业公司、县外贸储运公司和县工艺品进出口公司"
    assert [m[2] for m in department_mentions(text)] == ["县教育局", "县教学研究室", "县业余体校", "县二轻工业公司",
                                                          "县外贸储运公司", "县工艺品进出口公司"]


def test_a_light_industry_union_and_a_bee_conservation_farm_are_parties():
    from docproc.names import department_mentions

    names = [m[2] for m in department_mentions("县乡镇企业局指导县二轻工业联社，管理市蜜蜂保种场")]
    assert names == ["县乡镇企业局", "县二轻工业联社", "市蜜蜂保种场"]


def test_what_one_body_set_and_another_works_on():
    relations = _pairs("各乡镇人民政府按照县农业农村局确定的重点防治区域，组织开展统一喷药。")
    assert _has(relations, "县农业农村局", "乡镇人民政府")


def test_a_list_goes_on_past_a_second_name_in_brackets():
    pairs = _parsed_pairs("甲县古树名木保护管理办法\n第二条　甲县林业局是本县古树名木保护的主管部门。\n"
                          "县文化广电新闻出版局（县文物局）、县宗教事务局按照各自职责，做好古树名木的保护工作。\n")
    assert _related(pairs, "甲县林业局", "县文化广电新闻出版局")
    assert _related(pairs, "甲县林业局", "县宗教事务局")
    assert not any("县文物局" in pair for pair in pairs)


def test_your_bureau_in_a_reply_is_its_addressee():
    pairs = _parsed_pairs("中共甲市委机构编制委员会关于市地方病防治研究所机构编制事项的批复\n\n市卫生局：\n"
                          "你局《关于调整市地方病防治研究所管理体制的请示》收悉。现批复如下：\n"
                          "一、甲市地方病防治研究所为你局所属公益性事业单位。\n")
    assert _related(pairs, "甲市地方病防治研究所", "市卫生局")


def test_that_office_is_the_office_just_set_up():
    pairs = _parsed_pairs("中共甲市委机构编制委员会关于设立甲市学生饮用奶推广办公室的批复\n市教育局：\n"
                          "一、同意设立甲市学生饮用奶推广办公室，为市教育局所属事业单位。\n"
                          "二、该办公室在企业资质审核方面接受市卫生局的业务指导。\n")
    assert _related(pairs, "甲市学生饮用奶推广办公室", "市卫生局")


def test_conveners_taking_turns_each_lead_the_members():
    pairs = _parsed_pairs("甲县界河管理联席会议制度\n一、联席会议由甲县水利局、甲县国土资源局轮流召集。\n"
                          "二、联席会议成员单位：县水利局、县国土资源局、县公安局、县农业局。\n")
    assert _related(pairs, "甲县国土资源局", "县农业局")
    assert _related(pairs, "甲县水利局", "县公安局")


def test_a_station_that_finds_something_in_its_rounds():
    pairs = _parsed_pairs("关于规范古玩市场经营秩序的通告\n"
                          "县文物管理所在巡查中发现疑似出土文物交易的，移交甲县公安局处理。\n")
    assert _related(pairs, "县文物管理所", "甲县公安局")


def test_an_inspection_team_is_a_party_and_a_video_hall_is_none():
    pairs = _parsed_pairs("关于开展录像厅专项治理的联合通知\n"
                          "二、市文化局委托甲市文化市场稽查队对城区录像厅开展夜间巡查，稽查队每周向市文化局报告巡查情况。\n")
    assert _related(pairs, "市文化局", "甲市文化市场稽查队")
    assert not any("录像厅" in name for pair in pairs for name in pair)


def test_a_recycling_company_in_the_care_of_a_bureau():
    pairs = _parsed_pairs("甲县商务局主要职责、内设机构和人员编制规定\n五、其他事项\n"
                          "县再生资源回收公司由县商务局代管。\n")
    assert _related(pairs, "甲县商务局", "县再生资源回收公司")


def test_two_issuers_of_a_one_line_joint_notice_share_its_work():
    pairs = _parsed_pairs("甲口县文化广电新闻出版局　甲口县公安局关于规范收藏品市场钱币交易的联合通告：一、经营钱币的，"
                          "应当向甲口县文化广电新闻出版局办理登记；二、县工商行政管理局负责市场经营主体登记管理。")
    assert _related(pairs, "甲口县文化广电新闻出版局", "甲口县公安局")


def test_a_joint_meeting_s_office_is_no_party():
    pairs = _every_pair("甲溪县课外辅导机构联席会议制度\n一、联席会议由甲溪县教育局召集。\n"
                        "二、成员单位：甲溪县民政局。\n三、联席会议办公室设在召集单位，会议纪要抄送县人民政府办公室。\n")
    assert not any("联席会议" in name for pair in pairs for name in pair)


def test_an_association_s_secretariat_is_the_association():
    pairs = _parsed_pairs("甲湾县工商行政管理局主要职责内设机构和人员编制规定\n二、主要职责\n"
                          "会同县质量技术监督局开展商品质量抽检。\n三、县消费者协会秘书处设在县工商行政管理局，由其代管。\n")
    assert not any("秘书处" in name for pair in pairs for name in pair)


def test_a_body_that_supports_a_joint_notice_with_no_lead_named_supports_its_issuers():
    text = ("乙县商务局　乙县卫生局关于加强散装白酒市场管理的联合通告 为保障饮酒安全，现通告如下："
            "一、县卫生局负责卫生监督，县商务局负责经营备案；二、县质量技术监督局配合做好酒精度抽检。特此通告。")
    rels = _pairs(text)
    assert _has(rels, "乙县商务局", "县质量技术监督局") and _has(rels, "乙县卫生局", "县质量技术监督局")


def test_a_notice_s_issuer_hands_over_what_its_items_find_without_naming_itself():
    text = ("乙县市场监督管理局关于开展电动自行车充电器质量检查的通知\n\n各市场监督管理所：\n"
            "　　我局决定开展充电器质量专项检查。现将有关事项通知如下：\n"
            "　　一、检查中发现的无证生产线索，移送乙县工业和信息化局核查。\n"
            "　　二、涉及火灾隐患的场所，抄告县消防救援大队。\n")
    pairs = _parsed_pairs(text)
    assert _related(pairs, "乙县市场监督管理局", "县消防救援大队")
    assert _related(pairs, "乙县市场监督管理局", "乙县工业和信息化局")
    plain = text.replace("我局决定开展", "决定开展")  # no issuer that speaks of itself: nobody to hand over
    assert not _related(_parsed_pairs(plain), "乙县市场监督管理局", "县消防救援大队")


def test_a_body_invited_by_another_works_with_it():
    text = ("乙市开展小家电安全进社区活动\n　　近日，乙市质量技术监督局与乙市工商行政管理局联合开展小家电安全"
            "进社区活动，市消防支队应市质量技术监督局邀请派员讲解用电防火知识。\n")
    assert _related(_parsed_pairs(text), "市消防支队", "市质量技术监督局")


def test_a_body_alone_in_its_article_on_another_matter_takes_no_part_where_the_text_names_partners():
    text = ("乙市儿童玩具质量管理暂行办法\n第一条 乙市质量技术监督局主管全市儿童玩具的质量监督工作。\n"
            "第二条 市教育局、市工商行政管理局按照各自职责做好相关工作。\n第三条 市卫生局负责托幼机构卫生监督。\n"
            "第四条 市商务局负责玩具市场的流通秩序。\n")
    rels = _pairs(text)
    assert _has(rels, "乙市质量技术监督局", "市教育局") and _has(rels, "乙市质量技术监督局", "市工商行政管理局")
    assert not any("卫生" in r.a or "卫生" in r.b for r in rels)
    assert _has(rels, "乙市质量技术监督局", "市商务局")  # its article names the matter (玩具)


def test_a_county_bank_branch_and_a_workshop_take_their_part():
    pairs = _parsed_pairs("乙源县农村学校课桌更新工作计划\n二、工作安排\n由乙源县教育局牵头，会同县财政局，"
                          "并由乙源县木器加工厂配合，分两年更新课桌。\n三、资金\n由乙源县水产局牵头，并由县农业银行配合，"
                          "落实扶持资金。\n")
    assert _related(pairs, "乙源县教育局", "乙源县木器加工厂") and _related(pairs, "乙源县水产局", "县农业银行")


def test_a_body_alone_in_its_article_that_only_promotes_the_thing_takes_no_part():
    text = ("乙塘县米花糖生产管理办法\n第二条 乙塘县二轻工业局主管全县米花糖生产的行业管理工作。\n"
            "第三条 县卫生局、县工商行政管理局按照各自职责，配合乙塘县二轻工业局做好米花糖生产管理工作。\n"
            "第四条 县旅游局负责将米花糖作为特色旅游产品进行宣传推介。\n第五条 县商务局负责米花糖市场的流通秩序。\n")
    rels = _pairs(text)
    assert _has(rels, "乙塘县二轻工业局", "县卫生局") and _has(rels, "乙塘县二轻工业局", "县工商行政管理局")
    assert not any("旅游" in r.a or "旅游" in r.b for r in rels)
    assert _has(rels, "乙塘县二轻工业局", "县商务局")  # it keeps the market of the thing in order


@pytest.mark.parametrize("company", ["县食品公司", "县纺织品公司", "市日用陶瓷公司", "县糖业烟酒公司"])
def test_a_state_company_that_handed_over_a_trade_administration_is_a_party(company):
    pairs = _parsed_pairs(f"乙川县轻工业局职能配置、内设机构和人员编制方案\n一、职能调整事项\n"
                          f"1．将原{company}承担的传统糖食生产指导职能，划入县轻工业局。\n"
                          "二、主要职责\n1．拟订全县轻工行业发展规划。\n")
    assert any(company in a + b for a, b in pairs)


def test_a_squad_that_transfers_a_case_to_the_bureau_it_writes_to():
    pairs = _parsed_pairs("乙塘县文化市场综合执法大队\n关于移送一起涉嫌诈骗案件线索的函\n\n县公安局：\n"
                          "我队在日常巡查中发现某商铺涉嫌诈骗。现将该线索及相关证据材料移送你局依法处理，请将处理结果函告我队。\n\n"
                          "乙塘县文化市场综合执法大队\n2016年5月12日\n抄送：县文化广电新闻出版局\n")
    assert _related(pairs, "乙塘县文化市场综合执法大队", "县公安局")
    assert not any("文化广电" in a + b for a, b in pairs)


def test_a_quoted_sanding_title_and_its_function_changes_section():
    text = ("乙垭县文化体育局“三定”方案\n\n一、职能变动\n"
            "（一）新划入的职能：原县体育运动委员会承担的群众体育管理职能。\n"
            "（二）划出的职能：将文物商店的经营管理职能交给县供销合作社。\n")
    doc = parse_bytes(text.encode("utf-8"), "三定.txt")
    assert doc.department == "乙垭县文化体育局"
    assert [change.kind for change in doc.changes] == ["划入", "划出"]
    pairs = {(row["a"], row["b"]) for row in doc.relations}
    assert _related(pairs, "乙垭县文化体育局", "县体育运动委员会")
    assert _related(pairs, "乙垭县文化体育局", "县供销合作社")


def test_the_enforcer_a_penalty_article_names_takes_no_part():
    text = ("乙岭市历史街区保护管理办法\n第二条 市文物局主管全市历史街区保护工作。\n"
            "第三条 市城乡规划局、市住房和城乡建设局按照各自职责，配合市文物局做好历史街区保护工作。\n"
            "第四条 违反本办法擅自改变历史街区建筑外观的，由市城市管理行政执法局依法查处。\n")
    rels = _pairs(text)
    assert _has(rels, "市文物局", "市城乡规划局") and _has(rels, "市文物局", "市住房和城乡建设局")
    assert not any("执法局" in r.a + r.b for r in rels)


def test_a_government_that_leads_in_general_is_no_lead_beside_the_department_in_charge():
    text = ("乙屿市动物防疫条例\n第三条 市、县（区）人民政府对本行政区域的动物防疫工作实行统一领导。\n"
            "第四条 市农业农村局主管本市的动物防疫工作。\n"
            "第五条 市卫生健康委员会、市市场监督管理局按照各自职责，配合市农业农村局做好动物防疫工作。\n")
    rels = _pairs(text)
    assert _has(rels, "市农业农村局", "市卫生健康委员会")
    assert not any("人民政府" in r.a + r.b for r in rels)


def test_a_body_alone_in_its_sentence_doing_its_own_service_takes_no_part():
    text = ("乙渡县教育局 乙渡县体育局\n关于联合举办中小学生足球联赛的通知\n\n各中小学校：\n"
            "县教育局、县体育局决定联合举办全县中小学生足球联赛。县体育局负责裁判选派，县教育局负责组织参赛队伍。"
            "县卫生局按照职责做好赛场医疗保障。\n")
    rels = _pairs(text)
    assert _has(rels, "县教育局", "县体育局")
    assert not any("卫生" in r.a + r.b for r in rels)


def test_of_two_bodies_that_each_oversee_part_of_the_regulated_thing_neither_leads_the_third():
    text = ("乙店市曲艺演出场所管理规定\n第二条 乙店市文化局负责曲艺演出场所的审批和演出内容的监督，"
            "市公安局负责演出场所治安管理，两局发现违法经营的，相互移送处理。\n"
            "第三条 市工商行政管理局依法做好演出场所的登记工作。\n")
    rels = _pairs(text)
    assert _has(rels, "乙店市文化局", "市公安局")
    assert not any("工商" in r.a + r.b for r in rels)


def test_short_names_without_a_place_stand_for_the_full_names_of_the_text():
    text = ("乙坎县质量技术监督局　乙坎县工商行政管理局\n关于开展儿童用品质量专项检查的联合通知\n\n各乡镇：\n"
            "县质量技术监督局和县工商行政管理局决定联合开展儿童用品质量专项检查。质监局负责生产环节检查，"
            "工商局负责流通环节检查，两局检查结果相互通报。\n")
    pairs = _parsed_pairs(text)
    assert _related(pairs, "县质量技术监督局", "县工商行政管理局")
    assert not any(name in ("质监局", "工商局") for pair in pairs for name in pair)


def test_a_transfer_form_is_addressed_like_a_letter():
    text = ("乙圩县城市管理综合行政执法局\n抄　告　单\n圩城执抄〔2020〕17号\n\n县市场监督管理局：\n"
            "我局在巡查中发现城东菜市场北口有流动早餐车占道经营，其中3辆未办理食品经营登记。占道经营问题已由我局依法处理；"
            "食品安全问题属你局职责，现抄告你局依法查处，并请将处理结果反馈我局。\n\n抄送：县卫生健康局\n")
    pairs = _parsed_pairs(text)
    assert _related(pairs, "乙圩县城市管理综合行政执法局", "县市场监督管理局")
    assert not any("你局" in a + b for a, b in pairs)


def test_where_a_task_has_a_lead_and_helpers_a_body_on_its_own_clause_is_no_partner():
    text = ("乙塬县爱国卫生运动委员会办公室关于开展专项行动的通知\n各乡镇、县直各单位：\n"
            "县城市管理局牵头负责街面清扫和乱扔行为劝导，县交通运输局、县商务局配合做好车站、商场周边的清扫保洁；"
            "县卫生和计划生育局负责公共场所控烟宣传。\n")
    rels = _pairs(text)
    assert _has(rels, "县城市管理局", "县交通运输局") and _has(rels, "县城市管理局", "县商务局")
    assert not any("卫生和计划生育" in r.a + r.b for r in rels)


def test_the_parties_of_an_entrustment_are_read_for_party_a_and_b():
    text = ("行政检查委托书\n\n委托方（甲方）：乙洲县城市管理局\n受托方（乙方）：乙洲县环境卫生管理所\n\n"
            "一、委托事项：甲方委托乙方对城区餐饮单位隔油池开展日常检查。\n"
            "二、乙方发现餐饮单位直排含油废水的，报甲方，由甲方移送县生态环境局处理。\n")
    pairs = _parsed_pairs(text, "委托书.txt")
    assert _related(pairs, "乙洲县城市管理局", "乙洲县环境卫生管理所")
    assert _related(pairs, "乙洲县城市管理局", "县生态环境局")


def test_a_charter_names_the_bodies_that_register_and_supervise_the_association():
    text = ("乙阴县收藏家协会章程（节选）\n\n第一条 本会名称为乙阴县收藏家协会。\n"
            "第二条 本会接受登记管理机关县民政局和业务主管单位县文化广电新闻出版局的业务指导和监督管理。\n")
    pairs = _parsed_pairs(text, "章程.txt")
    assert _related(pairs, "乙阴县收藏家协会", "县民政局")
    assert _related(pairs, "乙阴县收藏家协会", "县文化广电新闻出版局")


@pytest.mark.parametrize("unit", ["县粮油贸易公司", "县电影公司", "县碾米厂", "县绒花厂", "县轻工供销公司"])
def test_state_firms_of_the_old_trades_are_parties(unit):
    pairs = _parsed_pairs(f"乙口县粮食局职能配置方案\n一、其他事项\n{unit}由县粮食局代管，其机构编制另行核定。\n")
    assert _related(pairs, "乙口县粮食局", unit)


def test_the_writer_s_own_steps_in_its_plan_reply_and_bulletin():
    plan = ("乙石县林业局二〇一〇年野生鸟类保护工作要点\n一、联合乙石县工商行政管理局开展花鸟市场鸣禽交易检查。\n"
            "二、对查获的非法猎捕案件，及时移送县公安局森林派出所。\n三、配合县文化局做好“爱鸟周”宣传。\n"
            "四、县环境保护局负责自然保护区内鸟类栖息地的环境监测。\n")
    pairs = _parsed_pairs(plan, "工作要点.txt")
    for other in ("乙石县工商行政管理局", "县公安局森林派出所", "县文化局"):
        assert _related(pairs, "乙石县林业局", other)
    assert not any("环境保护" in a + b for a, b in pairs)
    reply = ("乙岔县食品药品监督管理局\n对县人大会议第45号建议的答复\n王××代表：\n现答复如下：\n"
             "今年以来，我局已会同县农业局对全县辣酱作坊开展了抽检。下一步，我局将联合乙岔县工商行政管理局开展小作坊登记帮扶。\n")
    pairs = _parsed_pairs(reply, "答复.txt")
    assert _related(pairs, "乙岔县食品药品监督管理局", "县农业局")
    assert _related(pairs, "乙岔县食品药品监督管理局", "乙岔县工商行政管理局")


def test_a_plan_s_own_clause_bodies_beside_one_that_works_with_another_are_no_partners():
    text = ("乙坝县早点工程实施方案\n二、分工：乙坝县商务局负责早点网点规划；县工商行政管理局会同县商务局对早点经营企业"
            "进行资格审查；县卫生局负责从业人员健康证办理；县城市管理局负责流动摊点的定点管理。\n")
    pairs = _parsed_pairs(text, "方案.txt")
    assert _related(pairs, "县工商行政管理局", "县商务局")
    assert not any("城市管理" in a + b for a, b in pairs)


def test_a_reminder_slip_addresses_a_bureau_and_a_reply_is_signed_above_its_copy_line():
    slip = ("工作提示单\n乙石县住房和城乡建设局：\n请你局会同县天然气公司完成居民用户入户安检；"
            "县质量技术监督局对市场销售的燃气软管开展抽检，结果通报你局。\n乙石县安全生产委员会办公室\n2014年11月3日\n")
    pairs = _parsed_pairs(slip, "提示单.txt")
    assert _related(pairs, "乙石县住房和城乡建设局", "县天然气公司")
    assert _related(pairs, "乙石县住房和城乡建设局", "县质量技术监督局")
    reply = ("对县人大会议第45号建议的答复\n李××代表：\n现答复如下：今年以来，我局会同县财政局配备午休床；"
             "县市场监督管理局配合我局对午休床质量进行了抽检。收费标准由县发展和改革委员会单独核定。\n"
             "乙塘县教育局\n2023年6月30日\n抄送：县人大常委会人事代表工作委员会\n")
    pairs = _parsed_pairs(reply, "答复.txt")
    assert _related(pairs, "乙塘县教育局", "县财政局")
    assert _related(pairs, "乙塘县教育局", "县市场监督管理局")
    assert not any("发展和改革" in a + b for a, b in pairs)


def test_a_body_that_takes_no_task_of_its_own_is_no_partner():
    proposal = ("关于规范临街阳台晾衣的工作建议书\n乙浦县人民政府：\n"
                "建议由乙浦县城市管理局牵头，乙浦县住房和城乡建设局配合，新建住宅统一设置内置晾衣设施。县妇女联合会可开展文明倡导，不承担具体任务。\n建议单位：乙浦县城市管理局\n")
    pairs = _every_pair(proposal, "建议书.txt")  # the learned scorer's pairs too
    assert _related(pairs, "乙浦县城市管理局", "乙浦县住房和城乡建设局")
    assert not any("妇女联合会" in a + b for a, b in pairs)


def test_a_request_report_or_exchange_paper_speaks_as_the_body_its_title_opens_with_or_names_after_a_dash():
    request = ("乙屯县城市管理局关于在滨河公园设置遛鸟区的请示\n乙屯县人民政府：\n"
               "为便于管理，我局拟会同乙屯县自然资源和规划局在公园东北角设置遛鸟区。\n妥否，请批示。\n")
    assert _related(_parsed_pairs(request, "请示.txt"), "乙屯县城市管理局", "乙屯县自然资源和规划局")
    report = ("乙坡县林业局关于申请城区老槐树保护经费的报告\n乙坡县财政局：\n"
              "今年我局会同乙坡县建设局对老槐树逐株挂牌，两局每季度共同巡查一次。\n妥否，请审核。\n")
    pairs = _parsed_pairs(report, "报告.txt")
    assert _related(pairs, "乙坡县林业局", "乙坡县建设局")
    assert not any("今年" in a + b for a, b in pairs)
    paper = ("多方联动治理流浪牛——乙畈县畜牧局经验交流材料\n今年以来，我局会同乙畈县公安局交通警察大队开展专项治理："
             "交警大队负责巡逻中发现流浪牛，我局负责收容和查找畜主。\n")
    assert _related(_parsed_pairs(paper, "经验交流材料.txt"), "乙畈县畜牧局", "乙畈县公安局交通警察大队")


def test_a_countersign_sheet_pairs_its_host_with_each_body_that_signs_its_agreement():
    sheet = ("乙庄县发文会签单\n文件标题：关于清理城区街头算命摊点的通知\n主办单位：乙庄县城市管理局（负责牵头清理）\n"
             "会签单位及意见：\n乙庄县公安局：同意。负责查处借算命实施诈骗的违法行为。\n"
             "乙庄县市场监督管理局：同意。配合主办单位清理。\n核稿：乙庄县人民政府办公室秘书股\n2024年10月9日\n")
    pairs = _parsed_pairs(sheet, "会签单.txt")
    assert _related(pairs, "乙庄县城市管理局", "乙庄县公安局")
    assert _related(pairs, "乙庄县城市管理局", "乙庄县市场监督管理局")


def test_a_report_s_salutation_is_no_subject_of_its_paragraphs():
    report = ("关于S217线北坡段落石阻断交通事件的复盘报告\n乙塘县安全生产委员会办公室：\n"
              "8月3日凌晨发生落石。现将处置复盘情况报告如下：\n"
              "一、处置经过。我局接报后会同乙塘县国土资源局赶赴现场。\n"
              "二、改进措施。与国土资源局建立雨季坡体巡查信息互通机制。\n乙塘县交通局\n二〇〇八年八月十五日\n")
    pairs = _parsed_pairs(report, "复盘报告.txt")
    assert _related(pairs, "乙塘县交通局", "乙塘县国土资源局")
    assert not any("安全生产委员会" in a + b for a, b in pairs)


def test_a_regulation_s_body_that_checks_within_a_step_of_its_own_is_no_partner_of_the_lead():
    rules = ("乙店县餐饮服务单位油烟烟囱管理办法\n第一条　为减少餐饮油烟污染，制定本办法。\n"
             "第二条　乙店县生态环境分局是本县餐饮油烟烟囱的主管部门。\n"
             "县市场监督管理局、县城市管理局按照各自职责，配合做好餐饮油烟烟囱的监督管理工作。\n"
             "第三条　新建商住楼应当预留专用烟道，县住房和城乡建设局在施工图审查中予以把关。\n"
             "第四条　县自然资源局依法做好商住楼的规划审查。\n第五条　本办法自2021年3月1日起施行。\n")
    pairs = _parsed_pairs(rules, "管理办法.txt")
    assert _related(pairs, "乙店县生态环境分局", "县城市管理局")
    assert not any("住房和城乡建设" in a + b or "自然资源" in a + b for a, b in pairs)


def test_a_bureau_s_station_in_a_town_is_one_body():
    record = ("现场检查笔录\n检查单位：乙沟县卫生监督所、乙沟县工商行政管理局城关工商所\n"
              "检查情况：两单位联合检查。\n")
    assert _related(_parsed_pairs(record, "笔录.txt"), "乙沟县卫生监督所", "乙沟县工商行政管理局城关工商所")


def test_a_slip_s_count_field_and_its_numbered_response_fields_name_partners():
    count = ("乙川县老年乘车卡联合清点单\n清点单位：乙川县民政局、乙川县公共汽车公司\n"
             "清点内容：本季度老年乘车卡的制卡数和发放数。\n县财政局拨付的补贴不在本次清点范围。\n")
    pairs = _parsed_pairs(count, "清点单.txt")
    assert _related(pairs, "乙川县民政局", "乙川县公共汽车公司")
    assert not any("财政" in a + b for a, b in pairs)
    response = ("乙川县商场电梯困人联动处置单\n发起单位：乙川县市场监督管理局（接到群众报告）\n"
                "联动单位一：乙川县电梯维保中心，到场开门放人；\n联动单位二：乙川县消防救援大队，到场协助救援。\n"
                "处置结果：当晚恢复运行。县应急管理局另行组织商场安全检查。\n")
    pairs = _parsed_pairs(response, "处置单.txt")
    assert _related(pairs, "乙川县市场监督管理局", "乙川县电梯维保中心")
    assert _related(pairs, "乙川县市场监督管理局", "乙川县消防救援大队")
    assert not any("应急" in a + b for a, b in pairs)


def test_a_hospital_s_emergency_unit_and_a_salvage_company_are_bodies_of_their_own():
    plan = ("乙岭县春运旅客突发疾病救治预案\n"
            "一、县人民医院急救中心负责车站旅客的现场急救，县汽车站配合提供候车室救治场地。\n"
            "二、节后废旧包装由乙岭县物资回收公司统一回收，县供销合作社协助提供临时堆放点。\n")
    pairs = _parsed_pairs(plan, "预案.txt")
    assert _related(pairs, "县人民医院急救中心", "县汽车站")
    assert _related(pairs, "乙岭县物资回收公司", "县供销合作社")


def test_a_sign_off_sheet_s_three_parties_that_report_to_each_other_are_each_other_s_partners():
    sheet = ("乙坝县河滩采砂整治分工签认表\n一、乙坝县水利局：划定禁采区并设立警示标志。\n"
             "二、乙坝县公安局：查处非法运砂车辆。\n三、乙坝县乙口镇人民政府：组织沿河村巡查并登记。\n"
             "三方分工负责，每周互相通报一次，月底共同复查。县林业局未参加本次签认。\n")
    pairs = _parsed_pairs(sheet, "签认表.txt")
    for a, b in (("乙坝县水利局", "乙坝县公安局"), ("乙坝县水利局", "乙坝县乙口镇人民政府"),
                 ("乙坝县公安局", "乙坝县乙口镇人民政府")):
        assert _related(pairs, a, b)
    assert not any("林业" in a + b for a, b in pairs)


_SPRAYING = ("乙岗县城郊水塘芦苇丛灭蚊联合喷洒记录\n喷洒日期：2010年7月12日\n"
             "喷洒单位：乙岗县爱国卫生运动委员会办公室、乙岗县疾病预防控制中心\n"
             "记录：水塘芦苇丛蚊虫密度偏高。县爱卫办负责组织人员和药械，县疾控中心负责配药和喷洒技术指导。"
             "喷洒后双方于7月19日共同复测蚊虫密度，结果由县疾控中心告知县爱卫办。县疾控中心为县卫生局所属事业单位。"
             "县水利局提出水塘取水意见，本次喷洒已避开取水口，该局未参加喷洒。\n")


def test_a_body_s_short_name_at_its_level_is_no_partner_of_its_full_name():
    pairs = _every_pair(_SPRAYING, "记录.txt")
    assert _related(pairs, "乙岗县爱国卫生运动委员会办公室", "乙岗县疾病预防控制中心")
    assert not any({a, b} == {"乙岗县疾病预防控制中心", "县疾控中心"} for a, b in pairs)


def test_a_body_that_witnesses_a_handover_or_took_no_part_is_no_partner():
    assert not any("水利" in a + b for a, b in _every_pair(_SPRAYING, "记录.txt"))
    slip = ("乙塘县社区报栏移交单\n2013年5月，乙塘县文化馆将各社区的报栏移交乙塘县城南街道办事处日常管理，"
            "报栏保洁由街道办事处负责，报纸更换由文化馆负责，双方每半年共同检查一次。"
            "县文化局作为监交单位在本单签字，不承担报栏管理任务。\n")
    pairs = _every_pair(slip, "移交单.txt")
    assert _related(pairs, "乙塘县文化馆", "乙塘县城南街道办事处")
    assert not any("文化局" in a + b for a, b in pairs)


def test_bodies_that_sit_in_or_are_applied_to_for_approval_are_no_partners():
    minutes = ("乙塘县校门岗亭工作交接纪要\n2021年9月1日，乙塘县教育局与乙塘县公安局召开校门岗亭管理工作交接会，"
               "县城市管理局、县财政局派员列席。\n会议明确：岗亭日常值守由县公安局负责，岗亭设施维修由县教育局负责，"
               "双方每学期共同检查一次。\n")
    pairs = _every_pair(minutes, "纪要.txt")
    assert _related(pairs, "县教育局", "县公安局")
    assert not any("城市管理" in a + b or "财政" in a + b for a, b in pairs)
    agreement = ("乙湾县公交站台遮阳棚代建协议（节选）\n甲方：乙湾县交通运输局\n乙方：乙湾县城市建设投资有限公司\n"
                 "第一条 甲方委托乙方代建遮阳棚，乙方每月向甲方报送进度。\n"
                 "第二条 涉及占用人行道的，由乙方向县城市管理局申请审批。\n第三条 工程完工后由甲方组织验收。\n")
    pairs = _every_pair(agreement, "协议.txt")
    assert _related(pairs, "乙湾县交通运输局", "乙湾县城市建设投资有限公司")
    assert not any("城市管理" in a + b for a, b in pairs)


def test_bodies_a_form_files_with_or_a_text_names_apart_are_no_partners_even_of_the_learned_scorer():
    form = ("乙沟县农村改灶项目申报书\n申报单位：乙沟县农业局\n合作单位：乙沟县卫生局\n受理单位：乙沟县发展计划局\n"
            "分工：农业局负责灶型选定和竣工验收；卫生局负责室内空气检测，检测数据每半年提供给农业局。\n")
    pairs = _every_pair(form, "申报书.txt")
    assert _related(pairs, "乙沟县农业局", "乙沟县卫生局")
    assert not any("发展计划" in a + b for a, b in pairs)
    letter = ("工作联系函\n乙泉县市场监督管理局：\n我局建议分工如下：占道秩序由我局负责，食用油质量由你局负责，"
              "两局每月联合夜查一次。油烟扰民的投诉，仍由县环境保护局依其职责处理。请于5日内回复意见。\n"
              "乙泉县城市管理局\n2014年6月3日\n")
    pairs = _every_pair(letter, "联系函.txt")
    assert _related(pairs, "乙泉县城市管理局", "乙泉县市场监督管理局")
    assert not any("环境保护" in a + b for a, b in pairs)
    report = ("乙峪县畜牧局2006年7月工作月报\n一、家禽上路整治。我局会同乙峪县公安局交通警察大队开展整治。\n"
              "二、县水利局自行组织了河道养殖清理，我局未参与。\n三、群众发现鹅群上路的，可向县公安局举报。\n")
    pairs = _every_pair(report, "月报.txt")
    assert _related(pairs, "乙峪县畜牧局", "乙峪县公安局交通警察大队")
    assert not any("水利" in a + b or b == "县公安局" or a == "县公安局" for a, b in pairs)


def test_a_circulation_slip_s_sender_and_a_body_whose_matter_is_not_this_one_are_no_partners():
    slip = ("文件流转单\n流转事项：城区打印店违规印制小广告问题\n来文单位：乙渡县公安局\n"
            "承办单位：乙渡县文化广电新闻出版局\n"
            "协办单位：乙渡县城市管理局\n办理要求：打印店资质的查处由县文化广电新闻出版局负责；街面小广告的清除由县城市管理局负责。\n")
    assert not any("公安" in a + b for a, b in _every_pair(slip, "流转单.txt"))
    report = ("情况报告单\n报送单位：乙堡县交通局\n情况：我局已会同乙堡县公安局交通警察大队在主要路口设置反光警示牌。"
              "县畜牧局表示驴只防疫不属于本次问题，未参与。\n")
    pairs = _every_pair(report, "报告单.txt")
    assert _related(pairs, "乙堡县交通局", "乙堡县公安局交通警察大队")
    assert not any("畜牧" in a + b for a, b in pairs)


def test_a_plan_s_lead_and_the_bodies_whose_own_items_or_clauses_say_they_help():
    plan = ("乙沟县夜市龙虾摊油烟扰民事件处置方案\n一、由乙沟县城市管理行政执法局牵头，负责规范摊点经营时间和位置。\n"
            "二、乙沟县环境保护局配合，负责油烟检测。\n三、乙沟县食品药品监督管理局配合，负责原料进货查验。\n")
    pairs = _parsed_pairs(plan, "处置方案.txt")
    assert _related(pairs, "乙沟县城市管理行政执法局", "乙沟县环境保护局")
    assert _related(pairs, "乙沟县城市管理行政执法局", "乙沟县食品药品监督管理局")
    linkage = ("乙寨县公路塌方应急联动方案\n一、牵头单位：乙寨县交通运输局，负责塌方路段的抢通。\n"
               "二、配合单位：乙寨县自然资源局，负责地质灾害隐患评估；乙寨县公安局交通管理大队，负责交通管制。\n")
    pairs = _parsed_pairs(linkage, "联动方案.txt")
    assert _related(pairs, "乙寨县交通运输局", "乙寨县公安局交通管理大队")


def test_a_ledger_s_subjectless_steps_are_its_writer_s():
    ledger = ("乙庄县交通运输局公路晒玉米劝导工作台账（2012年秋）\n"
              "9月12日，X208线柳河段：会同乙庄县公安局交通警察大队劝离占道晒玉米农户3户。\n"
              "9月15日，X211线城北段：现场劝导后通报乙庄县柳河乡人民政府，由乡政府组织村干部帮助农户转场。\n")
    pairs = _parsed_pairs(ledger, "工作台账.txt")
    assert _related(pairs, "乙庄县交通运输局", "乙庄县公安局交通警察大队")
    assert _related(pairs, "乙庄县交通运输局", "乙庄县柳河乡人民政府")


def test_co_inspectors_of_a_record_and_the_parties_of_a_memorandum_each_work_with_each_other():
    record = ("联合检查记录\n检查单位：乙汀县商业局、乙汀县卫生防疫站、乙汀县工商行政管理局\n"
              "检查情况：共检查猪肉摊27个。\n")
    pairs = _parsed_pairs(record, "记录.txt")
    assert _related(pairs, "乙汀县卫生防疫站", "乙汀县工商行政管理局")
    memo = ("乙屯县水产品市场联合执法备忘录\n乙屯县水产局、乙屯县工商行政管理局、乙屯县卫生局经协商，形成以下备忘：\n"
            "一、县水产局负责养殖环节抽检。\n二、县卫生局负责餐饮环节的检查。\n")
    pairs = _parsed_pairs(memo, "备忘录.txt")
    assert _related(pairs, "乙屯县水产局", "乙屯县卫生局")


def test_an_excerpted_regulation_s_health_check_unit_takes_no_part():
    text = ("乙庄县理发美容业卫生管理办法（节选）\n第三条　乙庄县卫生局是本县理发美容业卫生监督管理的主管部门。\n"
            "县工商行政管理局、县劳动局按照各自职责，配合县卫生局做好理发店的管理工作。\n"
            "第九条　理发美容从业人员每年进行一次健康检查，由县卫生防疫站组织实施。\n")
    pairs = _parsed_pairs(text, "办法.txt")
    assert _related(pairs, "乙庄县卫生局", "县劳动局")
    assert not any("防疫" in a + b for a, b in pairs)


def test_an_agreement_s_parties_a_report_s_联合_after_its_会同_and_a_street_cleaning_office():
    agreement = ("体育设施共建共享协议\n甲方：乙石县体育局\n乙方：乙石县第二中学\n双方约定：\n"
                 "一、甲方出资在乙方校园内添置乒乓球台；\n二、乙方在节假日向社区居民开放球台。\n")
    assert _related(_parsed_pairs(agreement, "协议.txt"), "乙石县体育局", "乙石县第二中学")
    report = ("乙渡市城市管理局\n关于雪后城区道路除雪保畅情况的报告\n市人民政府：\n"
              "我局会同市公安局交通警察支队对主要路口实施分段除雪，联合市环卫处组织环卫工人清扫人行道。\n"
              "特此报告。\n2008年1月31日\n")
    assert _related(_parsed_pairs(report, "报告.txt"), "乙渡市城市管理局", "市环卫处")


def test_names_stop_at_people_weeks_and_the_deputy_who_leads():
    from docproc.names import department_mentions

    names = [m[2] for m in department_mentions("第一周　水产局：王某、陈某　水上派出所：刘某、赵某")]
    assert all("某" not in name and not name.startswith("第一周") for name in names)
    names = [m[2] for m in department_mentions("组长由交通运输局分管副局长担任，公安局在侦办中发现无照经营的")]
    assert "交通运输局" in names and not any("分管" in name or name == "侦办" for name in names)


def test_bodies_on_items_or_articles_of_their_own_take_no_part_in_the_lead_s_task():
    notice = ("乙林县人民政府办公室\n关于做好春季秧苗调运检疫工作的通知\n各乡镇人民政府，县直有关单位：\n"
              "一、秧苗调运检疫工作由乙林县农业局牵头，会同县工商行政管理局查处无检疫证明贩运秧苗的行为，"
              "县交通局配合做好运输环节查验。\n二、县气象局做好春播期天气预报服务。\n二〇〇〇年三月二十日\n")
    pairs = _parsed_pairs(notice, "通知.txt")
    assert _related(pairs, "乙林县农业局", "县交通局")
    assert not any("气象" in a + b for a, b in pairs)
    rules = ("乙墩县养犬登记管理办法\n第三条　乙墩县公安局是本县养犬管理的主管部门，负责犬证核发工作。\n"
             "县城市管理局、县畜牧兽医局按照各自职责配合做好养犬管理工作。\n"
             "第四条　县疾病预防控制中心负责狂犬病暴露后处置的技术指导。\n第五条　本办法自2018年10月1日起施行。\n")
    pairs = _parsed_pairs(rules, "办法.txt")
    assert _related(pairs, "乙墩县公安局", "县畜牧兽医局")
    assert not any("疾病预防" in a + b for a, b in pairs)
    reply = ("乙桥县卫生局\n关于县政协第58号提案的答复\n您提出的提案收悉。今年以来，我局会同县食品药品监督管理局制定了"
             "农村家宴备案办法。县商务局按其职责对城区酒店宴席进行管理。\n二〇一〇年六月二十日\n")
    pairs = _parsed_pairs(reply, "答复.txt")
    assert _related(pairs, "乙桥县卫生局", "县食品药品监督管理局")
    assert not any("商务" in a + b for a, b in pairs)


def test_a_unit_s_own_record_names_it_and_its_联系_partner():
    record = ("乙石县城市管理行政执法局事件处置记录\n处置经过：\n"
              "一、17时25分，本局中队长会同县公安局城关派出所民警到场，疏散围观人员。\n"
              "二、经协商，本局联系县农业局在滨河路设立临时西瓜销售点。\n记录人：黄某　2012年7月20日\n")
    pairs = _parsed_pairs(record, "处置记录.txt")
    assert _related(pairs, "乙石县城市管理行政执法局", "县公安局城关派出所")
    assert _related(pairs, "乙石县城市管理行政执法局", "县农业局")
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions("景观灯电费自明年起列入县建设局部门预算")] == ["县建设局"]


def test_a_warning_letter_s_我处_and_贵队_and_an_assessment_feedback_addressed_to_你局():
    letter = ("风险提示函\n乙石县公安消防大队：\n城区飞絮增多，遇烟头极易起火。我处已安排洒水车每日冲洗主要路段，"
              "请贵队加强飞絮火灾防范宣传，并将接警情况每周告知我处，以便调整冲洗路段。\n乙石县园林管理处\n2012年4月10日\n")
    assert parse_bytes(letter.encode("utf-8"), "提示函.txt").department == "乙石县园林管理处"  # `我处`, signed
    feedback = ("乙庄县复秤台设置工作考核反馈意见\n乙庄县市场监督管理局：\n"
                "经考核，你局会同乙庄县商务局在农贸市场设置复秤台38处，"
                "得分92分。\n乙庄县人民政府绩效考核办公室\n2024年12月\n")
    assert _related(_parsed_pairs(feedback, "反馈意见.txt"), "乙庄县市场监督管理局", "乙庄县商务局")


def test_a_paper_that_says_你局_to_the_department_it_addresses_speaks_for_its_signer():
    notice = ("协助执法通知书\n乙店县公安局：\n近期城区小学周边出现违规游戏机。我局定于6月15日开展专项检查，"
              "由我局负责经营主体查处，请你局派员协助维护现场秩序。\n乙店县市场监督管理局\n2022年6月10日\n")
    assert _related(_every_pair(notice, "通知书.txt"), "乙店县市场监督管理局", "乙店县公安局")
    reply = ("回执\n县教育局：\n你局《关于加强校园周边管理的通知》收悉。我局已会同乙渡县公安局开展排查。\n"
             "乙渡县城市管理局\n2010年10月15日\n")
    pairs = _every_pair(reply, "回执.txt")
    assert _related(pairs, "乙渡县城市管理局", "乙渡县公安局")
    assert not any("教育局" in a + b for a, b in pairs)  # whom the reply answers is no partner


def test_a_form_s_reply_or_acceptance_field_names_its_我局():
    reply = ("市长信箱回复\n来信人：李先生\n回复单位：乙湖市园林管理局\n"
             "回复内容：您反映的问题已收悉。我局已会同乙湖市林业局制定处置方案。\n回复时间：2018年11月6日\n")
    assert _related(_every_pair(reply, "回复.txt"), "乙湖市园林管理局", "乙湖市林业局")


def test_a_chronicle_s_dates_open_no_body_and_bodies_its_text_sets_apart_take_no_part():
    chronicle = ("乙岗县民政局大事记（摘录）\n5月14日　我局会同乙岗县建设局召开现场会。\n"
                 "5月20日　建设局将板房移交我局分配使用。\n"
                 "6月3日　县卫生局在安置点设立医疗服务站，由其自行安排人员值守。\n")
    pairs = _every_pair(chronicle, "大事记.txt")
    assert _related(pairs, "乙岗县民政局", "乙岗县建设局")
    assert not any(a.startswith("日") or b.startswith("日") or "卫生局" in a + b for a, b in pairs)
    pledge = ("保证书\n乙堡县公安局：\n我处保证清退全部游艺摊位。你局负责对收缴器具进行鉴定，我处予以配合。"
              "县文化广电新闻出版局负责的游艺场所审批不在本保证范围。\n乙堡县人民公园管理处\n2016年6月12日\n")
    pairs = _every_pair(pledge, "保证书.txt")
    assert _related(pairs, "乙堡县人民公园管理处", "乙堡县公安局")
    assert not any("文化广电" in a + b for a, b in pairs)
    ledger = ("乙城市城市管理局夜班交班单\n交班情况：我局执法人员会同乙城市市场监督管理局劝离占道摊点；"
              "摊点油烟问题已移交乙城市生态环境局处理。\n")
    assert _related(_parsed_pairs(ledger, "交班单.txt"), "乙城市城市管理局", "乙城市生态环境局")


def test_a_division_s_calendar_a_brigade_s_我大队_and_its_steps_to_a_body_it_names_first():
    calendar = ("乙湖市市场监督管理局食品安全科三月工作月历\n"
                "3月5日　会同市公安局开展火锅店专项检查，我局负责抽样检测；\n"
                "3月12日　向市卫生健康委员会通报抽检结果；\n备注：市农业农村局另行开展屠宰环节检查，不列入本月历。\n")
    pairs = _parsed_pairs(calendar, "月历.txt")
    assert _related(pairs, "乙湖市市场监督管理局", "市公安局")
    assert _related(pairs, "乙湖市市场监督管理局", "市卫生健康委员会")
    report = ("乙江县公安消防大队事故快报\n7月18日，夜市一摊点液化气瓶起火。我大队会同县质量技术监督局调查事故原因。\n"
              "报：乙江县人民政府\n")
    assert _related(_parsed_pairs(report, "快报.txt"), "乙江县公安消防大队", "县质量技术监督局")


def test_co_verifiers_work_together_and_printers_listeners_and_abstainers_take_no_part():
    slip = ("农贸市场核验单\n核验单位：乙湾县畜牧兽医站、县工商行政管理局城关工商所\n核验内容：\n"
            "一、动物检疫证明，由乙湾县畜牧兽医站核验；\n二、营业执照，由县工商行政管理局城关工商所核验。\n")
    assert _related(_parsed_pairs(slip, "核验单.txt"), "乙湾县畜牧兽医站", "县工商行政管理局城关工商所")
    sheet = ("协调会签到表\n会议商定：施放审批由乙坪县城市建设局负责，现场消防检查由县公安消防大队负责；"
             "县气象局只提供大风预报，不参加检查。县工商行政管理局到会听取情况。\n制表：乙坪县人民政府办公室\n")
    pairs = _every_pair(sheet, "签到表.txt")
    assert _related(pairs, "乙坪县城市建设局", "县公安消防大队")
    assert not any(other in a + b for a, b in pairs for other in ("气象局", "工商行政管理局", "人民政府办公室"))
    brochure = ("灭蝇宣传册（摘录）\n乙垭县爱国卫生运动委员会办公室编印二、职责分工"  # (a PDF copy's lines run on)
                "农贸市场捕蝇笼由县工商行政管理局负责放置；"
                "乙垭县卫生防疫站负责灭蝇技术指导；两单位每月联合检查一次。\n")
    pairs = _every_pair(brochure, "宣传册.txt")
    assert _related(pairs, "县工商行政管理局", "乙垭县卫生防疫站")
    assert not any("爱国卫生" in a + b for a, b in pairs)


def test_a_listed_participant_that_only_listened_takes_no_part_and_a_register_s_当日我所():
    record = ("工棚消防方案会审记录\n参加单位：乙湾县建设局、乙湾县公安消防大队、县劳动局\n"
              "会审意见：方案审查由建设局负责，消防大队负责灭火器材配置检查。县劳动局到会听取情况，未承担具体事项。\n")
    pairs = _every_pair(record, "会审记录.txt")
    assert _related(pairs, "乙湾县建设局", "乙湾县公安消防大队")
    assert not any("劳动局" in a + b for a, b in pairs)
    register = ("乙庄县卫生局卫生监督所情况登记簿（摘录）\n2012年7月3日　群众反映一家足疗店无证开展刮痧。"
                "当日我所会同乙庄县工商行政管理局检查。\n")
    assert _related(_parsed_pairs(register, "登记簿.txt"), "乙庄县卫生局卫生监督所", "乙庄县工商行政管理局")


def test_a_check_sheet_s_field_names_its_writer_whose_written_notice_is_its_own_step():
    sheet = ("古城墙点检表\n点检单位：乙关县文物管理所\n点检结果：北段城墙缺失青砖四十余块。\n"
             "处理：已书面通知乙关县公安局北关派出所，由派出所负责调查取证，我所负责补砌方案。\n")
    assert _related(_parsed_pairs(sheet, "点检表.txt"), "乙关县文物管理所", "乙关县公安局北关派出所")


def test_a_body_the_matter_is_not_for_and_a_hotline_that_forwarded_it_take_no_part():
    slip = ("便民热线留言办理单\n留言内容：流动摊贩用录音机叫卖，噪声扰民。\n承办单位：乙店县城市管理局\n"
            "办理情况：我局会同乙店县生态环境局处理。县市场监督管理局答复称与其职责无关。\n转办单位：乙店县政务服务便民热线中心\n")
    pairs = _every_pair(slip, "办理单.txt")
    assert _related(pairs, "乙店县城市管理局", "乙店县生态环境局")
    assert not any("市场监督" in a + b or "热线" in a + b for a, b in pairs)
    agreement = ("野鸭越冬期联合值守协议\n甲方：乙寨县林业局\n乙方：乙寨县公安局南湖派出所\n"
                 "双方在南湖设联合值守点：甲方负责野鸭监测，乙方负责夜间巡逻。县农业农村局的湖区渔业管理不属本协议。\n")
    pairs = _every_pair(agreement, "协议.txt")
    assert _related(pairs, "乙寨县林业局", "乙寨县公安局南湖派出所")
    assert not any("农业农村" in a + b for a, b in pairs)


def test_a_body_whose_part_the_article_leaves_to_other_rules_is_no_partner_of_its_lead():
    note = ("《乙岭县卫星电视地面接收设施管理办法》第四条释义\n"
            "【条文】乙岭县广播电视局主管本县卫星电视地面接收设施的管理工作。"
            "县工商行政管理局、县公安局按照各自职责配合做好相关工作。\n【释义】擅自销售的，由县工商行政管理局查处。"
            "县无线电管理办公室负责频率干扰的协调，适用其他规定，不属本条调整范围。\n")
    pairs = _parsed_pairs(note, "释义.txt")
    assert _related(pairs, "乙岭县广播电视局", "县工商行政管理局")
    assert not any("无线电" in a + b for a, b in pairs)


def test_授予_and_反馈_open_a_name():
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions("——授予县人民医院、乙岗县公安消防大队")] == [
        "县人民医院", "乙岗县公安消防大队"]
    assert [m[2] for m in department_mentions("教育体育局负责督促学校整改，整改情况反馈疾控中心。")][-1] == "疾控中心"


def test_a_closing_item_for_both_bodies_the_items_before_gave_a_part():
    minutes = ("中小学养蚕实践活动现场协调纪要\n会议议定：\n一、乙岭县教育局负责组织各校开展饲养观察课；\n"
               "二、乙岭县蚕桑技术推广站负责供种，派员入校指导；\n三、双方于五月底共同验收活动成果。\n"
               "县农业局列席会议，不承担本次任务。\n")
    pairs = _parsed_pairs(minutes, "纪要.txt")
    assert _related(pairs, "乙岭县教育局", "乙岭县蚕桑技术推广站")
    assert not any("农业局" in a + b for a, b in pairs)


def test_a_body_that_only_supplies_data_or_an_interpretation_takes_no_part():
    pairs = _parsed_pairs("沙河县高层住宅窗台花盆坠落隐患共治清单\n"
                          "一、沙河县城关街道办事处：牵头组织社区入户宣传，对窗台花盆登记造册。\n"
                          "二、县住房和城乡建设局：督促物业服务企业对楼栋公共部位开展巡查。\n"
                          "三、县房产管理局：负责提供全县住宅楼栋基础数据。\n"
                          "四、县法制办公室：对本清单执行中的法律适用问题予以解释。\n"
                          "五、县气象局每日向社会发布降雨预报，各单位参照安排值守。\n")
    assert _related(pairs, "沙河县城关街道办事处", "县住房和城乡建设局")
    for other in ("县房产管理局", "县法制办公室", "县气象局"):
        assert not _related(pairs, "沙河县城关街道办事处", other)


def test_a_table_row_hands_over_for_its_own_lead_not_for_a_body_named_later():
    pairs = _parsed_pairs("沙河县公众聚集场所疏散图整改办理时限表\n事项一：疏散图缺失的整改\n"
                          "承办：沙河县消防救援大队　协办：县住房和城乡建设局\n"
                          "时限：十五个工作日内复查，复查结果抄送县住房和城乡建设局。\n"
                          "事项二：中小学疏散图更新\n承办：县教育局　协办：沙河县消防救援大队\n"
                          "说明：县应急管理局负责本表执行情况的统计。\n")
    assert not _related(pairs, "县应急管理局", "县住房和城乡建设局")
    assert _related(pairs, "沙河县消防救援大队", "县住房和城乡建设局")


def test_a_proposal_committee_that_receives_the_reply_shares_no_duty():
    pairs = _parsed_pairs("沙河市教育局关于市政协第0186号提案的办理方案\n"
                          "一、本提案由沙河市教育局主办，沙河市市场监督管理局会办。\n"
                          "二、分工：市教育局负责排查校舍地板砖破损情况；市市场监督管理局负责抽检地板砖产品，抽检结果抄送市教育局。\n"
                          "三、由市教育局汇总会办单位意见后答复提案人，同时抄送市政协提案委员会。\n")
    assert _related(pairs, "市教育局", "市市场监督管理局")
    assert not any("政协" in a + b for a, b in pairs)


def test_a_task_whose_helpers_are_none_is_led_alone():
    pairs = _every_pair("沙河县端午节前熟食市场专项检查分工落实表\n"
                        "序号一　事项：无照熟食摊点取缔\n　　牵头：沙河县工商行政管理局　配合：县城建监察大队\n"
                        "序号二　事项：活禽来源检疫证明查验\n　　牵头：沙河县畜牧兽医局　配合：无\n")
    assert _related(pairs, "沙河县工商行政管理局", "县城建监察大队")
    assert not _related(pairs, "沙河县工商行政管理局", "沙河县畜牧兽医局")


def test_a_listed_matter_whose_helping_field_says_none_pairs_its_body_with_nobody():
    pairs = _every_pair("沙河县城关镇权责清单（节选）\n序号17　事项名称：集镇临时摊棚搭建管理\n"
                        "　实施主体：沙河县城关镇人民政府\n　配合部门：县城市管理局\n"
                        "　履职方式：镇人民政府负责摊棚搭建位置的划定；发现擅自搭建的，书面告知县城市管理局依法处理。\n"
                        "序号19　事项名称：集镇市场登记\n　实施主体：县工商行政管理局\n　配合部门：无\n")
    assert any("县城市管理局" in (a, b) for a, b in pairs)
    assert not any("工商" in a + b for a, b in pairs)


def test_a_body_that_is_no_member_or_only_warns_takes_no_part():
    pairs = _every_pair("关于成立老旧澡堂子安全整治专项工作组的通知\n各有关单位：\n"
                        "成立专项工作组，组长单位为沙河县应急管理局，成员单位为县市场监督管理局、县消防救援大队。\n"
                        "工作分工：县市场监督管理局负责锅炉等特种设备检验；县消防救援大队负责消防检查。\n"
                        "公共浴室的卫生许可由县卫生健康局按原规定监管，县卫生健康局不作为成员单位。\n"
                        "县气象局发布大风预警的，由沙河县应急管理局决定是否停业。\n")
    assert _related(pairs, "沙河县应急管理局", "县市场监督管理局")
    assert not any("卫生健康" in a + b or "气象" in a + b for a, b in pairs)


def test_a_witness_to_a_handover_and_the_body_that_pays_take_no_part():
    pairs = _every_pair("沙河县城西气排球场设施移交纪要\n"
                        "2022年10月18日，沙河县住房和城乡建设局将新建成的城西气排球场移交沙河县文化和旅游局，县财政局派员监交。\n"
                        "一、移交后，场地的日常开放和保洁由城西街道办事处负责，县文化和旅游局对开放管理进行业务指导。\n")
    assert _related(pairs, "沙河县住房和城乡建设局", "沙河县文化和旅游局")
    assert not any("财政" in a + b for a, b in pairs)
    pairs = _every_pair("沙河县城区治安监控杆运维协议\n甲方：沙河县公安局\n乙方：中国电信股份有限公司沙河分公司\n"
                        "一、附挂在路灯杆上的摄像点，杆体由县城市管理局维护，摄像设备由乙方维护；双方发现对方设施损坏的，互相告知。\n"
                        "二、运维费由甲方列入部门预算，县财政局按季度拨付。\n")
    assert not any("财政" in a + b for a, b in pairs)


def test_a_handover_slip_s_items_name_the_parties_by_their_roles():
    pairs = _parsed_pairs("沙河县城区路标杆设置审批权限移交单\n移交单位：沙河县交通运输局\n"
                          "接收单位：沙河县公安局交通管理大队\n"
                          "一、移交后，城市道路路标杆由接收单位审批和维护；"
                          "县公路管理段与接收单位每季度互相通报路标杆设置情况。\n"
                          "二、附挂在路灯杆上的路标，由接收单位书面告知县城市管理局后施工。\n")
    assert _related(pairs, "县公路管理段", "沙河县公安局交通管理大队")
    assert _related(pairs, "沙河县公安局交通管理大队", "县城市管理局")


def test_a_body_that_must_agree_apart_with_a_party_is_no_party():
    pairs = _parsed_pairs("沙河县全民健身中心羽毛球场托管合同\n委托方：沙河县体育局\n受托方：沙河县城关街道办事处\n"
                          "受托方负责日常开放、保洁和登记；委托方负责场地维修和业务指导。"
                          "县教育局借用场地组织学生比赛，须另行与受托方商定，不是本合同当事方。\n")
    assert not any("教育" in a + b for a, b in pairs)


def test_a_plan_s_lead_field_leads_every_task_and_not_the_bodies_that_pay_or_stand_aside():
    pairs = _parsed_pairs("沙河县春节前城区春联摊点规范百日行动方案\n一、时间：2016年11月1日至2017年2月8日。\n"
                          "二、牵头单位：沙河县城市管理局。\n三、任务分工：\n（一）县城市管理局划定春联临时摊点区域；\n"
                          "（二）县市场监督管理局对摊点销售的烟花爆竹进行检查；\n（三）县公安局交通管理大队负责摊点区域周边交通秩序；\n"
                          "四、县财政局保障摊位牌制作经费。\n"
                          "五、县气象局发布的降雪预警是调整摊点的依据之一，县气象局不承担现场管理任务。\n")
    assert _related(pairs, "沙河县城市管理局", "县市场监督管理局")
    assert _related(pairs, "沙河县城市管理局", "县公安局交通管理大队")
    assert not any("财政" in a + b or "气象" in a + b for a, b in pairs)


def test_those_who_cannot_go_on_their_own_do_not_make_the_station_act_apart():
    from docproc.relations import _acts_apart

    assert not _acts_apart("对无法自行前往的，护送至市救助管理站，并与市救助管理站办理交接手续")
    assert _acts_apart("县水利局自行组织了河道清理")


def test_the_body_applied_to_for_an_annual_inspection_takes_no_part():
    pairs = _every_pair("沙河县垃圾转运车辆交接清点表\n移交单位：沙河县住房和城乡建设局\n接收单位：沙河县城市管理局\n"
                        "现将垃圾转运车辆交接清点如下：\n1．压缩式垃圾转运车6辆；\n"
                        "车辆年检由接收单位按期向县公安局交通管理大队申请；车辆保险合同到期前由移交单位负责续保。\n")
    assert _related(pairs, "沙河县住房和城乡建设局", "沙河县城市管理局")
    assert not any("交通管理" in a + b for a, b in pairs)


def test_both_sides_of_a_handover_slip_are_its_two_parties():
    pairs = _every_pair("沙河县属地管理移交单\n移交单位：沙河县建设局\n接收单位：沙河县城关镇人民政府\n"
                        "移交事项：滨河公园长椅等设施的日常维护\n说明：\n1. 移交后，设施的日常维护由接收单位负责。\n"
                        "2. 公园内的治安巡逻按原办法由县公安局城关派出所负责。\n"
                        "3. 双方于每季度末对移交设施共同清点一次。\n")
    assert _related(pairs, "沙河县建设局", "沙河县城关镇人民政府")
    assert not any("派出所" in a + b for a, b in pairs)


def test_a_name_after_or_keeps_its_place_and_courts_and_sanctions_take_no_part():
    assert [m[2] for m in department_mentions("当事人可以向乡镇人民政府或者沙河县农业局申请调处。")] == \
        ["乡镇人民政府", "沙河县农业局"]
    pairs = _every_pair("沙河县鱼塘承包纠纷调处限时办结制\n"
                        "一、涉及水面权属争议的，由沙河县农业局会同县水利局在10个工作日内提出处理意见。\n"
                        "二、当事人对调处结果不服的，可以依法向县人民法院起诉，或者向县农村土地承包仲裁委员会申请仲裁。\n"
                        "三、工作人员玩忽职守的，由其所在单位或者监察机关依法给予处分。\n")
    assert _related(pairs, "沙河县农业局", "县水利局")
    assert not any(word in a + b for a, b in pairs for word in ("法院", "仲裁", "监察"))


def test_the_writer_of_a_log_or_a_talk_is_its_我队_我段_我处_本中心():
    log = ("〔扫描件〕\n乙桥县城市管理行政执法大队巡逻日志\n日期：2006年3月21日\n"
           "9:20　门店噪声是否超标，由县环境保护局派员测量，测量结果由该局书面告知我大队。\n")
    assert _related(_every_pair(log, "日志.txt"), "乙桥县城市管理行政执法大队", "县环境保护局")
    repair = ("乙滩县公路管理段护栏抢修记录\n23时10分，我段抢修班到场。\n"
              "抢修使用的护栏板从县交通运输局物资仓库调用，调用单已交该局。\n记录人：乙滩县公路管理段　赵明\n")
    assert _related(_every_pair(repair, "抢修记录.txt"), "乙滩县公路管理段", "县交通运输局")
    talk = ("在城区洒水作业协调会上的发言材料\n乙口县环境卫生管理处　2002年5月\n各位领导：\n"
            "一是调整作业时段。我处与县公安局交通警察大队商定，主干道洒水避开上学高峰。\n")
    assert _related(_every_pair(talk, "发言材料.txt"), "乙口县环境卫生管理处", "县公安局交通警察大队")
    ledger = ("乙石县流浪犬收容底册\n收容单位：乙石县动物疫病预防控制中心（县畜牧兽医局所属）\n"
              "一、群众举报线索由县城市管理局接报后转交本中心。\n")
    pairs = _every_pair(ledger, "底册.txt")
    assert _related(pairs, "乙石县动物疫病预防控制中心", "县城市管理局")
    assert not any("本中心" in a + b for a, b in pairs)


def test_an_inspection_record_titled_with_its_unit_is_that_unit_s_own_paper():
    record = ("乙屯县城市管理行政执法局现场检查笔录\n检查时间：2011年8月2日\n当事人：李某某\n"
              "执法人员：张某某，会同县工商行政管理局城关工商所工作人员一名\n处理：责令当事人当日清除占道物品。\n")
    assert _related(_every_pair(record, "笔录.txt"), "乙屯县城市管理行政执法局", "县工商行政管理局城关工商所")


def test_a_boundary_list_flattened_a_row_a_line_pairs_bodies_within_a_row_only():
    rows = ("乙坪县住宅小区管理职责边界清单（2015年修订）\n"
            "序号1　事项：小区内违法搭建　主责单位：县城市管理行政执法局　配合单位：——　说明：执法局立案查处。\n"
            "序号2　事项：小区电梯安全　主责单位：县质量技术监督局　配合单位：——　说明：由质监局自行检查。\n"
            "序号3　事项：小区内饲养犬只　主责单位：县公安局　配合单位：县畜牧兽医局　说明：两局每季度互通犬只数据。\n"
            "编制：县住房和城乡建设局物业科\n")
    pairs = _every_pair(rows, "边界清单.txt")
    assert _related(pairs, "县公安局", "县畜牧兽医局")
    assert not _related(pairs, "县城市管理行政执法局", "县质量技术监督局")
    assert not _related(pairs, "县质量技术监督局", "县公安局")


def _names(text: str) -> list[str]:
    return [m[2] for m in department_mentions(text)]


def test_a_clause_read_with_a_name_is_left_out_of_it():
    assert _names("经电话询问县交通局，该局答复") == ["县交通局"]
    assert _names("值班室提醒县自然资源局关注隐患点") == ["县自然资源局"]
    assert _names("接县消费者协会转来投诉") == ["县消费者协会"]
    assert _names("称钢瓶送检单位县锅炉压力容器检验所排期太满") == ["县锅炉压力容器检验所"]
    assert _names("1月8日已分送乙阳县工商行政管理局、城关镇人民政府") == ["乙阳县工商行政管理局", "城关镇人民政府"]
    assert _names("，处理结果回告文化局。") == ["文化局"]
    assert _names("：已和乙东镇人民政府商定") == ["乙东镇人民政府"]
    assert _names("六时许，县人武部应乡政府请求派民兵") == ["县人武部", "乡政府"]
    # a place is kept: a short one, one in a hierarchy, one after the clause's verb
    assert _names("交城县水利局") == ["交城县水利局"]
    assert _names("国家税务总局乙河县税务局") == ["国家税务总局乙河县税务局"]
    assert _names("中国共产党乙河县委员会") == ["中国共产党乙河县委员会"]
    # twelve schools, and a geologist of the team, are no bodies
    assert _names("对城区十二所中小学周边开展排查") == []
    assert _names("该局10时派地质队员到场") == []


def test_a_log_whose_writer_says_本所_and_a_level_short_name_of_the_text_s_full_one():
    log = ("乙田县动物卫生监督所执法日志（2012年11月）\n"
           "11月5日　接群众举报，城南一处屠宰点私宰病死猪。本所会同县公安局城南派出所夜间蹲守，查获死猪肉二百余公斤。\n"
           "11月12日　县工商局按其计划检查农贸市场肉摊，本所未参与。\n")
    pairs = _every_pair(log, "日志.txt")
    assert _related(pairs, "乙田县动物卫生监督所", "县公安局城南派出所")
    rows = ("乙丰县户外广告设置管理职责边界清单\n"
            "序号1　事项：户外广告设置许可　主责单位：乙丰县城市管理局　配合单位：乙丰县工商行政管理局　"
            "说明：两局互通信息。\n"
            "序号2　事项：广告内容审查　主责单位：县工商局　配合单位：县委宣传部　说明：公益广告由宣传部审定。\n"
            "序号3　事项：公益广告投放　主责单位：县委宣传部　配合单位：县文明办　说明：文明办提供画面。\n"
            "本清单由乙丰县创建文明城市工作指挥部办公室汇总。\n")
    pairs = _every_pair(rows, "边界清单.txt")
    assert _related(pairs, "乙丰县工商行政管理局", "县委宣传部")  # `县工商局` is the text's full name
    assert _related(pairs, "县委宣传部", "县文明办")  # and `县文明办` is short for no 指挥部办公室
    assert not any("指挥部" in a + b for a, b in pairs)


def test_a_unit_inside_a_unit_and_a_bank_s_office_are_named_whole():
    assert _names("，由市公安局交通警察支队车管所核查。") == ["市公安局交通警察支队车管所"]
    assert _names("，由乙陵县林业局黄岭林业站巡护。") == ["乙陵县林业局黄岭林业站"]
    assert _names("，交县农业银行东坡营业所发放。") == ["县农业银行东坡营业所"]
    assert _names("，通知县交通运输局公路事业发展中心抢通。") == ["县交通运输局公路事业发展中心"]
    assert _names("乙河县烈士陵园管理所") == ["乙河县烈士陵园管理所"]
    # a body the bureau runs, or works with, is a name of its own
    assert _names("县交通运输局管理县港航事业发展中心。") == ["县交通运输局", "县港航事业发展中心"]
    assert _names("县财政局会同县政务服务中心") == ["县财政局", "县政务服务中心"]


def test_a_township_s_own_log_speaks_for_the_township_and_a_duty_log_relays_to_others():
    log = ("乙泉县乙口乡人民政府防汛日记（1998年）\n7月21日　暴雨\n"
           "凌晨，乡里即派干部分头进村。乡里请县卫生防疫站派人给安置点饮用水消毒，该站当天派两人前来。\n"
           "所需药费，请县财政局予以核拨。\n")
    pairs = _every_pair(log, "防汛日记.txt")
    assert _related(pairs, "乙泉县乙口乡人民政府", "县卫生防疫站")
    assert not any("财政" in a + b for a, b in pairs)  # asking for funds is no tie
    duty = ("乙溪县应急管理局值班来电摘记\n2022年6月19日\n"
            "09:12 溪东镇来电：镇北山体出现裂缝。值班员请镇里先行撤人，同时转告县自然资源局。\n")
    assert _related(_every_pair(duty, "摘记.txt"), "乙溪县应急管理局", "县自然资源局")


def test_a_timber_company_and_a_disposal_plant_are_bodies_and_a_letter_s_贵局_is_none():
    assert _names("由县公安局移交县木材公司统一收储") == ["县公安局", "县木材公司"]
    assert _names("，县无害化处理厂出具回执") == ["县无害化处理厂"]
    assert _names("贵局《关于商请协助鉴定的函》收悉") == []
    assert _names("，贵州省林业局") == ["贵州省林业局"]


def test_a_time_word_or_a_sent_doctor_is_no_part_of_a_name():
    assert _names("，次日派出所又函告县电业局田北供电所更换电杆") == ["派出所", "县电业局田北供电所"]
    assert _names("二、县卫生局组织县人民医院派儿科医生到校巡诊") == ["县卫生局", "县人民医院"]
    assert _names("县公安局与乙埠火车站派出所建立案件移交机制") == ["县公安局", "乙埠火车站派出所"]


def test_a_duty_log_s_hours_and_局里_are_the_writer_s_steps():
    log = ("乙泉县水利电力局防汛值班记\n一九九八年七月二十二日　值班：张某\n"
           "凌晨二时，泉口乡大堤两处出现渗水。三时二十分电话通知县人武部，该部四时组织民兵赶到。\n"
           "五时，城东电排站需加大抽排，局里请县电业局保证专线供电。\n下午县民政局按其救灾预案发放帐篷，与本局无涉。\n")
    pairs = _every_pair(log, "值班记.txt")
    assert _related(pairs, "乙泉县水利电力局", "县人武部")
    assert _related(pairs, "乙泉县水利电力局", "县电业局")
    assert _names("农产品监管衔接条款第一条县农业局负责") == ["县农业局"]
    assert _names("，乙东镇人民政府当天把情况报到县水利局，") == ["乙东镇人民政府", "县水利局"]


def test_a_co_op_s_record_says_社里_and_a_clause_ending_送_names_no_place():
    record = ("乙谷县供销合作社一九八五年秋季棉花收购工作记录\n"
              "九月十日　收购点把情况报到社里，社里当天去函县标准计量局，请派人校验水分测定仪。\n"
              "九月二十日　县棉麻公司派车到收购点调运皮棉，双方过磅交接。\n")
    pairs = _every_pair(record, "工作记录.txt")
    assert _related(pairs, "乙谷县供销合作社", "县标准计量局")
    assert _names("，县棉麻公司派车调运") == ["县棉麻公司"]
    rules = ("乙岭县城镇供水管理办法（摘抄）\n第六条县住房和城乡建设局是本县城镇供水的主管部门\n"
             "，负责供水企业的监督管理。县卫生局每季度抽检一次，\n抽检结果送县住房和城乡建设局。\n")
    doc = parse_bytes(rules.encode("utf-8"), "供水管理办法.txt")
    assert doc.department == "县住房和城乡建设局"  # no place `抽检结果送`


def test_the_two_bureaus_a_clause_names_as_两局_each_hand_on_a_case():
    rules = ("乙谷县食用农产品质量安全监管衔接条款\n"
             "第一条　县农业局负责食用农产品进入市场前的质量安全监管；县林业局负责林产品的监管。\n"
             "第二条　两局在监管中发现涉嫌犯罪的，将案件移送县公安局。\n")
    pairs = _every_pair(rules, "衔接条款.txt")
    assert _related(pairs, "县农业局", "县公安局")
    assert _related(pairs, "县林业局", "县公安局")


def test_a_step_between_two_bodies_a_date_or_a_clause_is_no_part_of_a_name():
    assert _names("当日，县粮食局去函县电力局，请其变更户名") == ["县粮食局", "县电力局"]
    assert _names("电业局二十五日派桥头供电所完成断电") == ["电业局", "桥头供电所"]
    assert _names("我局致函县电业局") == ["县电业局"]
    assert _names("该局第二天派县农村供水总站的师傅上山") == ["县农村供水总站"]
    assert _names("该局随即责成乙溪县天然气有限公司派抢修车") == ["乙溪县天然气有限公司"]
    assert _names("19日1时30分县人武部带民兵四十人") == ["县人武部"]
    assert _names("县城市管理局当晚派中队到场") == ["县城市管理局"]
    assert _names("7月4日　收县交通运输局函：省道沿线摊点占道") == ["县交通运输局"]
    assert _names("由党政办以镇政府名义复函县交通运输局") == ["党政办", "县交通运输局"]


def test_a_body_sends_its_unit_or_a_company_to_act():
    log = ("驻村手记\n5月6日　村里反映自来水断了两天。乙东镇人民政府当天把情况报到县水利局，"
           "该局第二天派县农村供水总站的师傅上山，换了管子。\n"
           "5月9日　县住房和城乡建设局接报后，随即责成乙溪县天然气有限公司派抢修车到场。\n")
    pairs = _every_pair(log, "手记.txt")
    assert _related(pairs, "县水利局", "县农村供水总站")
    assert _related(pairs, "县住房和城乡建设局", "乙溪县天然气有限公司")


def test_a_request_form_sent_to_one_department_pairs_them_and_a_reply_to_a_court_does_not():
    form = ("乙阳县人民法院协助查询通知书（回执联）\n编号：（2005）乙阳执字第XX号\n致：县房产管理局\n"
            "查询事项：名下房产登记情况\n经查，被执行人名下登记住宅一套。\n协助单位（盖章）：县房产管理局\n")
    assert _related(_every_pair(form, "回执.txt"), "乙阳县人民法院", "县房产管理局")
    reply = ("乙塘县交通运输局关于司法建议落实情况的复函\n乙塘县人民法院：\n贵院的司法建议收悉。现函复如下：\n"
             "一、我局已修复该路段隔离护栏。\n特此函复。\n乙塘县交通运输局\n2018年6月25日\n")
    assert not _related(_every_pair(reply, "复函.txt"), "乙塘县交通运输局", "乙塘县人民法院")


def test_a_writer_s_short_name_its_kind_and_its_duty_staff_speak_for_it():
    record = ("乙泉县残疾人联合会入户随访簿\n2023年9月14日　随访人：县残联康复部王某\n"
              "张某反映住院费报销比例偏低。县残联当即联系县医疗保障局，请该局核对其医保待遇。\n")
    assert _related(_every_pair(record, "随访簿.txt"), "乙泉县残疾人联合会", "县医疗保障局")
    visit = ("乙泉县乙北镇卫生院严重精神障碍患者随访记录\n随访日期：2023年5月16日\n"
             "情况：家属反映患者夜间吵闹。卫生院同时将随访结果推送县精神卫生中心，该中心18日派医生下乡复诊。\n")
    assert _related(_every_pair(visit, "随访记录.txt"), "乙泉县乙北镇卫生院", "县精神卫生中心")
    duty = ("乙溪县应急管理局值班电话接报笺\n2023年11月2日19时05分　接报人：值班员陈某\n"
            "处置：19时10分值班员将情况通知县住房和城乡建设局燃气管理股，燃气公司随即派车。\n")
    assert _related(_every_pair(duty, "接报笺.txt"), "乙溪县应急管理局", "县住房和城乡建设局")


def test_a_bureau_s_镇里_a_hotline_s_交_and_a_caller_s_request_to_the_writer():
    log = ("乙溪县应急管理局值班来电摘记\n2022年6月19日\n"
           "09:12 乙东镇人民政府来电：镇北山体出现裂缝。值班员请镇里先行撤人，同时转告县自然资源局。\n")
    pairs = _every_pair(log, "来电摘记.txt")
    assert _related(pairs, "乙溪县应急管理局", "乙东镇人民政府")
    assert _related(pairs, "乙溪县应急管理局", "县自然资源局")
    hotline = ("乙台县便民服务热线中心交办反馈汇总（2014年5月第2周）\n"
               "单号XXXX01　来电人反映工地夜间施工噪音扰民。本中心5月6日交县城市管理局办理，5月8日反馈。\n")
    assert _related(_every_pair(hotline, "热线.txt"), "乙台县便民服务热线中心", "县城市管理局")
    notes = ("乙阳县卫生防疫站出诊札记\n一九八四年四月九日上午，县教育局来电，称城南小学有学生出现黄疸，"
             "请站里派人调查。站里当即派流行病组三人前往。\n")
    assert _related(_every_pair(notes, "札记.txt"), "县教育局", "乙阳县卫生防疫站")


def test_a_duty_room_s_reminder_a_referral_through_a_centre_and_a_body_acting_on_the_writer_s_letter():
    log = ("乙岭县应急管理局总值班室值班记录\n2023年7月4日　值班员：吴XX\n"
           "20:15　县气象台发布暴雨预警。值班室提醒县自然资源局关注地质灾害隐患点。\n")
    assert _related(_every_pair(log, "值班记录.txt"), "乙岭县应急管理局", "县自然资源局")
    diary = "网格日志\n群众反映路灯不亮。经县综合指挥中心转县城市管理局路灯管理所，该所12日修复。\n"
    assert _related(_every_pair(diary, "网格日志.txt"), "县综合指挥中心", "县城市管理局路灯管理所")
    speech = ("乙阜县环境保护局在全县畜禽养殖污染治理推进会上的发言提纲\n"
              "二、主要做法：县供电公司根据我局函告，对已关闭养殖场停止供电。县财政局按其预算安排补偿款。\n")
    pairs = _every_pair(speech, "发言提纲.txt")
    assert _related(pairs, "乙阜县环境保护局", "县供电公司")
    assert not _related(pairs, "乙阜县环境保护局", "县财政局")


def test_a_hotline_centre_a_township_s_乡政府_a_bureau_s_window_and_a_form_s_配合单位():
    hotline = ("乙堡县12345政务服务便民热线中心派单汇总（2016年8月第二周）\n"
               "单号XXXX：村民来电，反映石料加工点夜间噪声扰民。中心当日派县环境保护局办理，该局夜间监测。\n")
    assert _related(_every_pair(hotline, "派单汇总.txt"), "乙堡县12345政务服务便民热线中心", "县环境保护局")
    notes = ("乙渡县石桥乡人民政府农机抢修备忘\n6月14日，乡政府又函请县供电局在脱粒场临时架设一条照明线路。\n")
    assert _related(_every_pair(notes, "备忘.txt"), "乙渡县石桥乡人民政府", "县供电局")
    window = ("乙岭县房地产管理局驻县行政服务中心窗口流转日志\n2007年7月2日\n"
              "上午受理过户申请一件。本窗口将契约信息推送县地方税务局窗口，该窗口当场核定契税。\n")
    assert _related(_every_pair(window, "窗口日志.txt"), "乙岭县房地产管理局", "县地方税务局")
    form = ("乙岭县供电有限责任公司计划停电配合单\n停电时间：5月10日7时至17时\n"
            "配合单位一：县公安局交通警察大队\n配合事项：作业期间维护路口交通秩序\n抄送：县自来水公司\n")
    pairs = _every_pair(form, "配合单.txt")
    assert _related(pairs, "乙岭县供电有限责任公司", "县公安局交通警察大队")
    assert not _related(pairs, "乙岭县供电有限责任公司", "县自来水公司")


def test_a_station_s_patrol_book_a_command_centre_s_log_and_a_post_s_duty_statement_speak_for_their_writer():
    book = ("乙湖县市场监督管理局湖滨市场监管所巡查手簿（2019年第3册）\n"
            "8月6日　晴。湖滨镇人民政府来电，称小学门口有摊贩出售无标签辣条，请所里派人处理。\n"
            "8月9日　阴。发现一家足浴店消防通道堆放杂物，非本所职责，拍照后转县消防救援大队，该大队次日到店检查。\n")
    pairs = _every_pair(book, "巡查手簿.txt")
    assert _related(pairs, "湖滨镇人民政府", "乙湖县市场监督管理局湖滨市场监管所")
    assert _related(pairs, "乙湖县市场监督管理局湖滨市场监管所", "县消防救援大队")
    log = ("乙湖县城市管理局指挥中心值守簿（2016年7月14日）\n08:40　市民来电：滨河路桥下有人往河里倾倒泥浆。\n"
           "08:55　值班员王XX派城东执法中队赶往现场。\n"
           "10:20　值班员将照片和工地名称函告县住房和城乡建设局，请其督促工地停止外排泥浆。\n17:00　交班。\n")
    assert _related(_every_pair(log, "值守簿.txt"), "乙湖县城市管理局", "县住房和城乡建设局")
    declined = ("乙塘县公安消防大队值班日志\n2006年7月14日\n09:35　通知乙塘县自来水公司，双方商定分工维修。\n"
                "11:40　联系县建设局，该局答复路面修复另行安排，不参与本次处置。\n")
    pairs = _every_pair(declined, "值班日志.txt")
    assert _related(pairs, "乙塘县公安消防大队", "乙塘县自来水公司")
    assert not _related(pairs, "乙塘县公安消防大队", "县建设局")
    post = ("乙石县卫生局卫生监督所食品卫生监督员岗位职责书\n"
            "一、发现无卫生许可证经营的，依法处理；同时无营业执照的，登记后移送县工商行政管理局查处。\n"
            "二、完成所领导交办的其他工作。\n")
    assert _related(_every_pair(post, "岗位职责书.txt"), "乙石县卫生局卫生监督所", "县工商行政管理局")


def test_a_body_a_regulation_names_only_to_act_within_its_own_remit_takes_no_part():
    rules = ("乙湾县城市供热管理办法（摘录）\n第四条　县建设局是本县城市供热的主管部门，负责供热规划和运行监督。\n"
             "第八条　县质量技术监督局负责供热锅炉的定期检验，发现隐患的，应当书面通报县建设局。\n"
             "第十条　县环境保护局与县建设局每年联合检查供热锅炉烟尘排放，检查结果共同向社会公布。\n"
             "第十五条　县公安消防大队依照其职责对锅炉房进行消防检查。\n")
    pairs = _every_pair(rules, "供热管理办法.txt")
    assert _related(pairs, "县质量技术监督局", "县建设局")
    assert not _related(pairs, "县公安消防大队", "县建设局")


def test_a_factory_s_a_company_s_and_a_township_s_logs_speak_for_their_writer():
    factory = ("乙阳县造纸厂厂部记事簿\n一九九四年\n三月二日　厂办写信给县环境保护局，请其来厂监测废水。局里派来的"
               "两名同志月底送来报告。\n"
               "四月十五日　厂里去函县电力局申请增容，该局五月初派施工队换装了变压器。\n"
               "五月十日　县技术监督局按年度计划自行来厂抽查计量器具。\n")
    pairs = _every_pair(factory, "记事簿.txt")
    assert _related(pairs, "乙阳县造纸厂", "县环境保护局")
    assert _related(pairs, "乙阳县造纸厂", "县电力局")
    company = ("乙坝县自来水公司管网抢修纪要\n2007年1月\n1月18日夜，主管冻裂。公司当晚组织抢修，同时电话请县公安局"
               "交通警察大队协助封闭道路，"
               "该大队派来交警疏导车辆。\n管道修复后，公司去函县卫生局，请其检测末梢水。该局1月23日出具检测报告。\n")
    pairs = _every_pair(company, "抢修纪要.txt")
    assert _related(pairs, "乙坝县自来水公司", "县公安局交通警察大队")
    assert _related(pairs, "乙坝县自来水公司", "县卫生局")
    township = ("乙坝县乙林乡人民政府乡务记事本\n一九八八年\n四月八日　提灌站水泵烧坏。乡里当天写信给县水利电力局，"
                "请派技术员检修。\n"
                "四月二十日　乡里行文请县粮食局调拨返销粮，该局五月初拨下二万斤。\n"
                "五月六日　县电影公司放映队按自己的计划来乡放了两场电影。\n")
    pairs = _every_pair(township, "记事本.txt")
    assert _related(pairs, "乙坝县乙林乡人民政府", "县水利电力局")
    assert _related(pairs, "乙坝县乙林乡人民政府", "县粮食局")


def test_a_writer_s_desk_its_window_and_its_head_act_for_it():
    office = ("乙源县乙山镇人民政府党政办公室代办事项登记（2022年）\n"
              "X月X日　党政办代镇里函告县自然资源局，请对后山坡体开展地质灾害排查。该局次日到场勘查。\n"
              "X月X日　县红十字会向住户直接发放慰问金，镇里未经手。\n")
    pairs = _every_pair(office, "代办登记.txt")
    assert _related(pairs, "乙源县乙山镇人民政府", "县自然资源局")
    assert not any("党政办" in name for pair in pairs for name in pair)
    register = ("乙陵县城南街道办事处网格事件派转登记簿\n编号0712　网格员报：烧烤店油烟直排。街道指挥中心当日派转县"
                "生态环境局，"
                "该局次日派执法人员到店检查。\n编号0826　网格员告知店主自行前往县税务局办理，未派转。\n")
    pairs = _every_pair(register, "派转登记簿.txt")
    assert _related(pairs, "乙陵县城南街道办事处", "县生态环境局")
    assert not _related(pairs, "乙陵县城南街道办事处", "县税务局")
    window = ("乙口县人力资源和社会保障局社保窗口转办簿（2011年）\nX月X日　本窗口核对档案时发现出生日期不一，"
              "将材料转县公安局城关派出所核实户籍，该所三日内出具证明。\n")
    assert _related(_every_pair(window, "转办簿.txt"), "乙口县人力资源和社会保障局", "县公安局城关派出所")
    clinic = ("乙林县乙河乡卫生院值班记录（1990年）\n7月X日　院长电话请县卫生防疫站来乡做水源消毒。防疫站派来的防疫"
              "员次日到乡投药。\n"
              "7月X日　县人民医院的巡回医疗队按其计划到邻乡巡诊。\n")
    pairs = _every_pair(clinic, "值班记录.txt")
    assert _related(pairs, "乙林县乙河乡卫生院", "县卫生防疫站")
    assert not _related(pairs, "乙林县乙河乡卫生院", "县人民医院")


def test_a_report_upward_a_funder_a_price_setter_and_a_body_under_its_own_rules_take_no_part():
    plan = ("乙垭县水利局排洪渠夜间巡查方案\n一、夜间巡查由我局牵头，县市政管理处配合。\n"
            "二、巡查记录每周汇总，报县防汛抗旱指挥部办公室。\n乙垭县水利局\n")
    assert not _related(_every_pair(plan, "巡查方案.txt"), "乙垭县水利局", "县防汛抗旱指挥部办公室")
    split = ("乙塘县城区背街小巷整治工作职责分解\n一、县城市管理局牵头负责背街小巷整治的统筹协调和进度督查。\n"
             "二、县住房和城乡建设局负责巷道路面改造，施工计划报县城市管理局统筹。\n四、县财政局负责整治资金的拨付"
             "和监管。\n")
    pairs = _every_pair(split, "职责分解.txt")
    assert _related(pairs, "县城市管理局", "县住房和城乡建设局")
    assert not _related(pairs, "县城市管理局", "县财政局")
    rules = ("乙洲县生猪定点屠宰管理实施细则\n第三条　县商业局主管全县生猪定点屠宰工作，负责定点屠宰厂的日常监督。\n"
             "第六条　县畜牧局负责屠宰检疫，发现病害生猪的，应当书面通知县商业局。\n"
             "第十条　县卫生局负责熟肉制品的卫生监督，按食品卫生有关规定执行。\n")
    pairs = _every_pair(rules, "屠宰细则.txt")
    assert _related(pairs, "县畜牧局", "县商业局")
    assert not _related(pairs, "县卫生局", "县商业局")
    parking = ("乙洲县停车设施管理办法（节录）\n第九条　县城市管理局负责道路临时泊位的设置和收费管理，收费标准由县"
               "发展和改革局核定，"
               "并向社会公布。\n第十一条　县城市管理局发现车辆占用消防通道的，当日通报县公安消防大队。\n")
    pairs = _every_pair(parking, "停车办法.txt")
    assert _related(pairs, "县城市管理局", "县公安消防大队")
    assert not _related(pairs, "县城市管理局", "县发展和改革局")


def test_the_learned_scorer_pairs_with_a_writer_that_speaks_of_itself_not_with_an_issuer():
    from docproc.relations import relation_key, scorer_own

    log = "乙阳县造纸厂厂部记事簿\n一九九四年\n三月二日　厂里去函县电力局申请增容。\n"
    assert scorer_own(None, log, relation_key(log, None)) == "乙阳县造纸厂"
    notice = ("乙阳县人民政府办公室关于做好春季造林工作的通知\n各乡镇人民政府，县直各单位：\n"
              "县林业局负责苗木调度，县财政局安排补助资金。\n")
    assert scorer_own(None, notice, relation_key(notice, None)) is None
    assert scorer_own("乙阳县林业局", notice, relation_key(notice, "乙阳县林业局")) == "乙阳县林业局"


def test_a_brigade_s_letter_a_commune_clinic_s_book_and_a_plant_s_record_speak_for_their_writer():
    letter = ("乙阳县红旗人民公社向阳生产大队\n关于请求派员防治稻瘟病的信（1982年8月3日）\n县农业局：\n"
              "我大队早稻近日出现病斑，特请你局派技术员来诊断，指导防治。\n")
    assert _related(_every_pair(letter, "求助信.txt"), "乙阳县红旗人民公社向阳生产大队", "县农业局")
    book = ("乙桥县东风人民公社卫生所值班簿（1980年）\n3月9日　所长当即给县卫生防疫站打电话报告，请派人来。"
            "下午防疫站派来的两名医生到所。\n3月20日　县人民医院巡回医疗队在公社大院门口义诊，是医院自己安排的。\n")
    pairs = _every_pair(book, "值班簿.txt")
    assert _related(pairs, "乙桥县东风人民公社卫生所", "县卫生防疫站")
    assert not _related(pairs, "乙桥县东风人民公社卫生所", "县人民医院")
    record = ("乙城县城北污水处理厂运行调度记录（2013年）\n4月15日　厂区外井盖缺失，"
              "厂里发函给县市政公用事业管理局，请补装。该局派来的维修班当天补装完毕。\n"
              "4月26日　县电力公司计划停电通知贴在厂门口。\n")
    pairs = _every_pair(record, "调度记录.txt")
    assert _related(pairs, "乙城县城北污水处理厂", "县市政公用事业管理局")
    assert not _related(pairs, "乙城县城北污水处理厂", "县电力公司")
    station = ("乙岗县粮食局城南粮站值班日志（1993年）\n6月23日　仓墙裂缝扩大，站长写信给县建筑设计室，请他们来人看看。"
               "该室派来的两位技术员出了加固图纸。\n")
    assert _related(_every_pair(station, "值班日志.txt"), "乙岗县粮食局城南粮站", "县建筑设计室")
    window = ("乙阳县自然资源局不动产登记窗口转办记录（2019年11月）\n11月12日　申请房屋涉及法院查封。"
              "窗口致函县人民法院执行局询问解封进度，该局回函称已解除查封。\n")
    assert _related(_every_pair(window, "转办记录.txt"), "乙阳县自然资源局", "县人民法院执行局")


def test_a_school_s_log_a_township_service_centre_s_ledger_a_station_s_minutes_and_a_farm_s_handover():
    school = ("乙口县实验小学安全办工作日志（2016年秋季）\n9月1日　开学首日。上午致电县公安局交通警察大队，"
              "请其在校门口增派警力疏导。该大队派来的两名民警七时到岗。\n"
              "9月25日　县电视台记者来校拍摄开学专题，系台里自行安排。\n")
    pairs = _every_pair(school, "工作日志.txt")
    assert _related(pairs, "乙口县实验小学", "县公安局交通警察大队")
    assert not _related(pairs, "乙口县实验小学", "县电视台")
    ledger = ("乙源县龙潭镇人民政府便民服务中心代办台账（2024年）\n5月22日　镇里收到群众反映集镇农贸市场秤具不准，"
              "中心代镇里致函县市场监督管理局，该局5月29日派员检定，复函镇政府。\n")
    assert _related(_every_pair(ledger, "代办台账.txt"), "乙源县龙潭镇人民政府", "县市场监督管理局")
    minutes = ("乙林县汽车客运站站务会议记录\n时间：2007年4月X日下午\n"
               "二、办公室汇报：县公安局交通警察大队应站里请求，在站前路口增设临时停车禁令标志。\n"
               "三、县旅游局组织的春游专线由旅行社自行承运，与站里无关。\n")
    pairs = _every_pair(minutes, "会议记录.txt")
    assert _related(pairs, "乙林县汽车客运站", "县公安局交通警察大队")
    assert not _related(pairs, "乙林县汽车客运站", "县旅游局")
    handover = ("乙泉县国营青峰林场林区道路移交书（1997年）\n移交方：乙泉县国营青峰林场\n接收方：县交通局\n"
                "三、移交前，林场函请县土地管理局确认道路用地权属，该局已出具确认意见。\n四、本书县档案馆存一份。\n")
    assert _related(_every_pair(handover, "移交书.txt"), "乙泉县国营青峰林场", "县土地管理局")


def test_a_hotline_named_without_its_centre_writes_its_log_and_dispatch_slip():
    log = ("乙桥县12345热线派单周报（2022年第X期）\n一、5月3日，"
           "居民反映小区雨水井堵塞。热线中心当日将工单派给县城市管理局，"
           "该局次日派人疏通，回复工单：已办结。\n二、5月4日，来电反映村道塌陷，热线受理后派单乙桥镇人民政府，镇里当天设置警示。\n"
           "三、来电咨询社保缴费基数，坐席告知可咨询县人力资源和社会保障局，未派单。\n")
    pairs = _every_pair(log, "派单周报.txt")
    assert _related(pairs, "乙桥县12345热线", "县城市管理局")
    assert _related(pairs, "乙桥县12345热线", "乙桥镇人民政府")
    assert not _related(pairs, "乙桥县12345热线", "县人力资源和社会保障局")
    slip = ("乙坝县12345政务服务便民热线工单回访表\n诉求内容：群众反映渠堤垮塌。\n派单单位：乙坝县12345热线\n"
            "承办单位：乙坝镇人民政府\n承办情况：镇里核实后组织抢修，在本表签章回复。\n抄报：县人民政府督查室\n")
    assert _related(_every_pair(slip, "回访表.txt"), "乙坝县12345热线", "乙坝镇人民政府")


def test_a_town_s_office_register_writes_for_the_town():
    register = ("乙洲县白石镇人民政府党政办公室事务登记（2021年）\n"
                "3月2日　代镇里起草致县水利局的函，请求对东渠闸门进行检修。"
                "3月9日该局派来的技术员到闸，镇里派人陪同。\n"
                "3月20日　县统计局按其年度计划在镇里开展抽样调查，未与镇里联系。\n")
    pairs = _every_pair(register, "事务登记.txt")
    assert _related(pairs, "乙洲县白石镇人民政府", "县水利局")
    assert not _related(pairs, "乙洲县白石镇人民政府", "县统计局")


def test_a_circular_received_ties_its_sender_to_nobody_and_a_letter_carried_to_a_bureau_names_the_bureau():
    diary = ("乙洲县柳河乡文化站工作日记（1987年）\n3月4日　站里的扩音机坏了，"
             "老吴把乡里的介绍信送到县广播事业局，请他们派人来修。\n"
             "3月7日　县广播事业局派来的技术员到站修好了扩音机。\n"
             "3月12日　收到县电影公司发给全县各放映点的春季片目通知，抄在黑板上。\n")
    relations = parse_bytes(diary.encode("utf-8"), "工作日记.txt").relations
    pairs = {(row["a"], row["b"]) for row in relations}
    assert _related(pairs, "乙洲县柳河乡文化站", "县广播事业局")
    assert not _related(pairs, "乙洲县柳河乡文化站", "县电影公司")
    assert not any("送到" in row["a"] + row["b"] for row in relations)


def test_bodies_that_each_do_their_own_part_are_not_paired():
    notice = ("乙峰县人民政府办公室关于加强校舍安全管理的通知\n各乡镇人民政府，县直各部门：\n"
              "一、县教育局负责校舍日常管理，将危房清单书面送县建设局，县建设局派员鉴定后书面告知县教育局。\n"
              "二、县地震局负责宣传防震知识，县气象局负责发布灾害性天气预报，按各自职能开展工作。\n")
    pairs = _every_pair(notice, "通知.txt")
    assert _related(pairs, "县教育局", "县建设局")
    assert not _related(pairs, "县地震局", "县气象局")


def test_a_role_the_text_gives_a_department_is_that_department():
    rules = ("乙林县城市供热管理实施细则（节选）\n第七条　县住房和城乡建设局是本县供热行业主管部门。\n"
             "第八条　县质量技术监督局负责供热锅炉的安全监察，将检验结果书面抄告县住房和城乡建设局。\n"
             "第九条　供热行业主管部门应当会同县环境保护局核查锅炉烟尘排放。\n")
    pairs = _every_pair(rules, "供热细则.txt")
    assert _related(pairs, "县住房和城乡建设局", "县环境保护局")
    assert not any("供热行业主管部门" in a + b for a, b in pairs)


def test_a_window_s_handover_book_its_bureau_s_unit_and_a_circular_sent_to_every_township():
    book = ("乙峪县不动产登记中心受理窗口转交簿（2019年）\n5月6日　契税完税凭证有疑，"
            "本窗口当日将复印件转交县税务局核验，该局次日回复属实。\n"
            "5月9日　宗地图四至不符，窗口致函县住房和城乡建设局房产测绘所，该所派来的测量员到现场复测。\n"
            "5月15日　县档案馆发来通知，要求各单位年底前移交登记档案目录。\n")
    pairs = _every_pair(book, "转交簿.txt")
    assert _related(pairs, "乙峪县不动产登记中心", "县税务局")
    assert _related(pairs, "乙峪县不动产登记中心", "县住房和城乡建设局房产测绘所")
    assert not _related(pairs, "乙峪县不动产登记中心", "县档案馆")
    log = ("乙冈县青石镇人民政府党政办公室值班记录（2022年）\n"
           "7月12日　党政办代镇里电话请县水利局支援，该局派来的抽水泵车当夜到达。\n"
           "7月14日　县应急管理局发来全县防汛值班通知，要求各乡镇落实值班，已转镇领导阅。\n")
    pairs = _every_pair(log, "值班记录.txt")
    assert _related(pairs, "乙冈县青石镇人民政府", "县水利局")
    assert not _related(pairs, "乙冈县青石镇人民政府", "县应急管理局")


def test_a_slip_s_two_fields_on_one_line_a_report_by_phone_and_grain_carried_to_a_depot():
    slip = ("乙川县12345政务服务便民热线工单流转单（2023年）\n来电人：胡女士，反映行道树树干开裂。\n"
            "派单单位：乙川县12345政务服务便民热线　承办单位：县园林绿化服务中心\n处置过程：中心接单后派员到场截干。\n"
            "备注：养老金问题已告知来电人自行咨询县社会保险事业管理中心，未派单。\n")
    assert _related(_every_pair(slip, "流转单.txt"), "乙川县12345政务服务便民热线", "县园林绿化服务中心")
    record = ("乙口县城关镇卫生院防控值班记录（2003年）\n"
              "5月6日　发热门诊接诊一名返乡民工。院里按要求电话报告县疾病预防控制中心。\n"
              "5月6日晚　县疾病预防控制中心派来的两名专业人员到院采样。"
              "\n5月9日　县电视台自行到镇上拍摄宣传片，未进院。\n")
    pairs = _every_pair(record, "值班记录.txt")
    assert _related(pairs, "乙口县城关镇卫生院", "县疾病预防控制中心")
    assert not _related(pairs, "乙口县城关镇卫生院", "县电视台")
    book = ("乙河县城关粮站夏粮收购值班簿（1985年）\n"
            "6月23日　站里按调拨单把两车稻谷送到县第一粮库，该库派来的保管员过了磅。\n"
            "6月21日　县供销社来人在站门口摆摊，没和站里打过招呼。\n")
    pairs = _every_pair(book, "值班簿.txt")
    assert _related(pairs, "乙河县城关粮站", "县第一粮库")
    assert not _related(pairs, "乙河县城关粮站", "县供销社")


def test_a_caller_that_wants_the_writer_to_act_by_telephone_or_by_letter():
    log = ("乙沟县红旗公社农机站机耕派车日志（1986年）\n"
           "3月8日　红旗公社管委会来电话，说春耕要抢墒，要站里明天派两台车去前进大队机耕。站里次日一早出车。\n"
           "3月11日　县邮电局的线路工在站门口立电杆，跟站里没有关系。\n")
    pairs = _every_pair(log, "派车日志.txt")
    assert _related(pairs, "红旗公社管委会", "乙沟县红旗公社农机站")
    assert not any("县邮电局" in pair for pair in pairs)
    diary = ("乙湾县国营青龙山林场护林日志（1983年）\n"
             "3月15日　东风公社管委会来信，要场里派技术员帮公社育苗。场里派技术员小卢下去，住了五天。\n")
    assert _related(_every_pair(diary, "护林日志.txt"), "东风公社管委会", "乙湾县国营青龙山林场")


def test_a_call_with_a_request_a_call_the_writer_makes_and_a_circular_it_only_reads():
    register = ("乙沟县档案馆进馆档案接收登记簿（1991年）\n"
                "4月2日　县计划委员会来电，要求将其1980年至1985年的永久档案移交进馆。馆里约定4月8日接收。\n"
                "4月26日　县财政局发给各单位的财务检查通知收到，馆里已按要求自查。\n")
    pairs = _every_pair(register, "登记簿.txt")
    assert _related(pairs, "县计划委员会", "乙沟县档案馆")
    assert not any("县财政局" in pair for pair in pairs)
    book = ("乙店县红旗人民公社管理委员会电话记录本（1982年）\n"
            "4月18日夜　五队社员被耕牛顶伤，社里打电话给县人民医院求救，医院派来的救护车连夜把人接走。\n"
            "4月21日　县电影公司来电通知各公社，下月放映队的排片表已寄出，请注意查收。\n")
    pairs = _every_pair(book, "电话记录本.txt")
    assert _related(pairs, "乙店县红旗人民公社管理委员会", "县人民医院")
    assert not any("县电影公司" in pair for pair in pairs)
    school = ("乙垣县石桥乡中心小学校务日志（1986年）\n"
              "3月4日　有三个学生出疹子。校里打电话给石桥乡卫生院，请他们来看看。"
              "\n3月5日　石桥乡卫生院派来的刘医生给全校学生检查。\n")
    assert _related(_every_pair(school, "校务日志.txt"), "乙垣县石桥乡中心小学", "石桥乡卫生院")


def test_a_body_a_division_of_labour_leaves_to_itself_is_no_partner():
    rules = ("乙坪县市场监督管理局职能配置、内设机构和人员编制规定（节选）\n第八条　有关职责分工\n"
             "（一）县市场监督管理局会同县卫生健康局制定本县食品安全风险监测年度实施方案。\n"
             "（二）县商务局负责酒类流通备案，按其职责自行实施。\n")
    pairs = _every_pair(rules, "三定节选.txt")
    assert _related(pairs, "乙坪县市场监督管理局", "县卫生健康局")
    assert not any("县商务局" in pair for pair in pairs)


def test_a_caller_that_wants_the_hospital_to_act_and_a_call_the_writer_puts_through():
    diary = ("乙坪县东风人民公社卫生院工作日记（1983年）\n"
             "6月2日　三大队有两户人家拉肚子，院里挂电话到县卫生防疫站。\n"
             "6月8日　东风人民公社管理委员会来人说水库工地上人多，要院里派个医生去驻点。院里当天让李医生上了工地。\n"
             "6月15日　从县邮电局订的杂志到了两期。\n")
    pairs = _every_pair(diary, "工作日记.txt")
    assert _related(pairs, "东风人民公社管理委员会", "乙坪县东风人民公社卫生院")
    assert _related(pairs, "乙坪县东风人民公社卫生院", "县卫生防疫站")


def test_bodies_left_to_their_own_rules_and_a_boundary_row_with_no_helper_are_no_partners():
    extract = ("乙源县林业和草原局“三定”规定有关职责分工条文辑录\n"
               "一、与县自然资源局的有关职责分工。县自然资源局审核建设项目用地涉及林地的，将材料书面推送县林业和草原局。\n"
               "二、县农业农村局负责草原上畜牧业生产的指导，按本部门规定执行。\n"
               "三、县卫生健康委员会负责疫情监测，县公安局负责案件侦办，均按各自职责执行。\n")
    pairs = _every_pair(extract, "条文辑录.txt")
    assert _related(pairs, "县自然资源局", "县林业和草原局")
    apart = ("县农业农村局", "按本部门", "县公安局", "县卫生健康委员会")
    assert not any(name in pair for pair in pairs for name in apart)
    ledger = ("乙源县农村集体资产监管事项责任清单（2024年）\n【事项一】村集体财务公开检查\n"
              "主责：县农业农村局　配合：县财政局\n"
              "【事项二】集体土地征收补偿款的测算\n主责：县自然资源局　配合：——\n【事项三】村级工程项目审计\n"
              "主责：县审计局　配合：——\n")
    pairs = _every_pair(ledger, "责任清单.txt")
    assert _related(pairs, "县农业农村局", "县财政局")
    assert not any(name in pair for pair in pairs for name in ("县自然资源局", "县审计局"))


def test_a_body_the_minutes_say_was_given_no_part_is_no_partner_of_the_convener():
    minutes = ("乙岗县秸秆禁烧工作会商纪要（2016年）\n"
               "5月20日，县环境保护局召集县农业局、县公安局和县财政局开会，商定夏季秸秆禁烧分工如下：\n"
               "一、县环境保护局每日将火点书面推送县农业局，县农业局当日核查，并将结果回告县环境保护局。\n"
               "二、县公安局会同县环境保护局联合查处故意焚烧行为。\n三、县财政局参加了会议，本次未分派任务。\n")
    pairs = _every_pair(minutes, "会商纪要.txt")
    assert _related(pairs, "县环境保护局", "县农业局") and _related(pairs, "县公安局", "县环境保护局")
    assert not any("县财政局" in pair for pair in pairs)


def test_a_station_s_log_its_calls_to_state_companies_and_its_commune():
    log = ("乙林县石门乡畜牧兽医站出诊簿（1996年）\n"
           "4月12日　站里的猪瘟疫苗不够，打电话给县兽药公司，该公司派来的车送来疫苗两千头份，站里点数后签收。\n"
           "4月15日　县农机公司在乡政府门口展销手扶拖拉机，站里没有人去。\n")
    pairs = _every_pair(log, "出诊簿.txt")
    assert _related(pairs, "乙林县石门乡畜牧兽医站", "县兽药公司")
    assert not any("县农机公司" in pair for pair in pairs)
    commune = ("乙川县向阳人民公社农机站工作记事（1983年）\n"
               "3月9日　向阳人民公社管理委员会通知站里派两台拖拉机到二大队帮着耕地，站里当天派车去了。\n"
               "3月14日　县农机局办的驾驶员培训班开学，站里今年没有派人参加。\n")
    assert _related(_every_pair(commune, "工作记事.txt"), "向阳人民公社管理委员会", "乙川县向阳人民公社农机站")
    hall = ("乙沟县税务局办税服务厅联办登记簿（2025年）\n"
            "3月3日　一位纳税人来办二手房交易契税，"
            "本厅当即通过系统推送县不动产登记中心，该中心半小时后回传了产权信息。\n"
            "3月6日　一位个体户来问营业执照变更，本厅请他到县市场监督管理局窗口自行办理，未转办。\n")
    pairs = _every_pair(hall, "登记簿.txt")
    assert _related(pairs, "乙沟县税务局", "县不动产登记中心")
    assert not any(name.startswith(("一位", "他到")) for pair in pairs for name in pair)


def test_a_circular_a_bureau_sends_to_every_unit_ties_it_to_no_unit():
    log = ("乙渡县中心血站值班流水簿（2004年）\n"
           "8月5日　县红十字会来函，请站里于8月9日派采血车到县一中门口开展无偿献血。站里按时派车去。\n"
           "8月7日　县卫生局发文给各医疗卫生单位，部署夏季传染病防控，站里组织传达。\n")
    pairs = _every_pair(log, "值班流水簿.txt")
    assert _related(pairs, "县红十字会", "乙渡县中心血站")
    assert not any("县卫生局" in pair for pair in pairs)


def test_a_school_s_and_a_kindergarten_s_own_logs():
    school = ("乙洲县实验中学校务值班日志（2010年）\n"
              "9月1日　校门口接送车辆拥堵。学校上午打电话给县公安局交警大队城区中队，"
              "请他们来疏导，该中队派来的两名交警当天执勤。\n"
              "9月3日　县疾病预防控制中心来电，说要到校查验预防接种证，请学校准备名单。\n"
              "9月8日　县文化馆在学校对面广场搭台演出，未与学校联系。\n")
    pairs = _every_pair(school, "校务值班日志.txt")
    assert _related(pairs, "乙洲县实验中学", "县公安局交警大队城区中队")
    assert _related(pairs, "县疾病预防控制中心", "乙洲县实验中学")
    assert not any("县文化馆" in pair for pair in pairs)
    kindergarten = ("乙屯县实验幼儿园保健室记事（2011年）\n"
                    "10月19日　县教育局发文，要求各幼儿园加强晨检，发至各园。\n"
                    "10月20日　园里致函县自来水公司，请求检测园内水箱；该公司派来的检测员取走水样。\n")
    pairs = _every_pair(kindergarten, "保健室记事.txt")
    assert _related(pairs, "乙屯县实验幼儿园", "县自来水公司")
    assert not any("县教育局" in pair for pair in pairs)


def test_a_bookshop_s_and_a_bus_station_s_logs_with_the_companies_they_call():
    shop = ("乙湾县新华书店课本发行流水日记（1984年秋季）\n"
            "8月6日　县教育局来电话，要店里把全县中小学秋季课本的到货数报上去。当天下午店里把清单送到该局。\n"
            "8月9日　店里打电话请县运输公司派车，该公司派来的两辆解放车当天把书拉回门市部。\n"
            "8月12日　县文化馆在书店隔壁办书画展，与店里的发行没有关系。\n")
    pairs = _every_pair(shop, "流水日记.txt")
    assert _related(pairs, "县教育局", "乙湾县新华书店") and _related(pairs, "乙湾县新华书店", "县运输公司")
    assert not any("县文化馆" in pair for pair in pairs)
    station = ("乙堡县长途汽车站调度值班日志（1989年）\n"
               "7月5日　二号客车发动机过热。站里打电话请县汽车修理厂派人，该厂派来的两个师傅拖车回站。\n"
               "7月8日　县百货公司在车站对面搞夏季展销，与站里调度无关。\n")
    assert _related(_every_pair(station, "值班日志.txt"), "乙堡县长途汽车站", "县汽车修理厂")


def test_a_petition_slip_a_hospital_ward_s_book_and_a_bureau_s_window_ledger():
    slip = ("乙溪县信访事项转办及办理回复单（2019年）\n转办单位：县信访局\n承办单位：县人力资源和社会保障局\n"
            "来访人：蒋XX等七人，反映工地欠付工资。\n办理情况：我局收件后当日派劳动保障监察员到工地调查。\n")
    assert _related(_every_pair(slip, "回复单.txt"), "县信访局", "乙溪县人力资源和社会保障局")
    ward = ("乙坝县人民医院急诊科交班本（1999年）\n"
            "7月11日　县卫生防疫站来电话，要院里每天把收治的食物中毒病人数报站里。当天科里把情况报给了该站。\n"
            "7月14日　县电信局在医院大门外挖沟埋电缆，与院里无关。\n")
    pairs = _every_pair(ward, "交班本.txt")
    assert _related(pairs, "县卫生防疫站", "乙坝县人民医院")
    assert not any("县电信局" in pair for pair in pairs)
    window = ("乙汀县医疗保障局政务服务中心窗口工作台账（2025年）\n"
              "3月3日　县民政局来函，附新认定低保对象名单，要求办理资助参保。窗口当天全部录入，次日函复该局。\n")
    assert _related(_every_pair(window, "工作台账.txt"), "县民政局", "乙汀县医疗保障局")


def test_a_bureau_s_reply_titled_关于_and_a_company_kept_apart_from_the_township():
    title = "乙山县交通运输局关于县客运站停车场收费问题的核查回复"
    assert [name for _, _, name in department_mentions(title)] == ["乙山县交通运输局", "县客运站"]
    log = ("乙汀县龙口镇人民政府办公室抗旱送水值班记录（2013年）\n"
           "8月3日　县水务局来电话，要镇里当天报出全镇饮水困难的村和人数。办公室代镇里汇总后报给该局。\n"
           "8月7日　县自来水公司在县城实行分时段供水，与镇里无关。\n")
    pairs = _every_pair(log, "值班记录.txt")
    assert _related(pairs, "县水务局", "乙汀县龙口镇人民政府")
    assert not any("县自来水公司" in pair for pair in pairs)


def test_a_company_s_station_a_brigade_s_clinic_and_a_film_team_write_as_themselves():
    names = [name for line in ("乙溪县茶叶公司城北收购站来人", "乙溪县红星人民公社前进大队合作医疗站工作日记",
                               "乙溪县电影公司第二放映队来人", "乙溪县东坪乡中心卫生院值班簿",
                               "县归国华侨联合会派人参加")
             for _, _, name in department_mentions(line)]
    assert names == ["乙溪县茶叶公司城北收购站", "乙溪县红星人民公社前进大队合作医疗站", "乙溪县电影公司第二放映队",
                     "乙溪县东坪乡中心卫生院", "县归国华侨联合会"]
    clinic = ("乙溪县红星人民公社前进大队合作医疗站工作日记（1981年）\n"
              "4月2日　红星人民公社卫生院来信，要站里每月上报一次出生人数。站里当天写好，托人送到该院。\n"
              "4月9日　县电影公司放映队在大队部放电影，与站里无关。本大队社员都去看了。\n")
    pairs = _every_pair(clinic, "工作日记.txt")
    assert _related(pairs, "红星人民公社卫生院", "乙溪县红星人民公社前进大队合作医疗站")
    assert not any("大队部" in name for pair in pairs for name in pair)  # (a brigade's office is a place)


def test_a_bureau_s_window_in_the_service_hall_and_a_library_that_asks_a_school():
    window = ("乙桥县政务服务中心县公安局户籍窗口办件簿（2025年）\n"
              "3月3日　受理出生登记一件。按一件事联办要求，本窗口当即将登记信息推送县医疗保障局，该局当天回告办结。\n"
              "3月6日　隔壁县税务局窗口排长队，与本窗口无涉。\n")
    pairs = _every_pair(window, "办件簿.txt")
    assert _related(pairs, "县公安局", "县医疗保障局")
    assert not any("县税务局" in name or "联办" in name for pair in pairs for name in pair)
    library = ("乙堡县图书馆送书下乡日记（1996年）\n"
               "5月8日　馆里请县第二中学借礼堂办图书展，学校派来的学生帮着布展。\n"
               "5月9日　县新华书店在礼堂门外摆摊，各办各的。\n")
    assert _related(_every_pair(library, "日记.txt"), "乙堡县图书馆", "县第二中学")


def test_a_meeting_s_attendance_and_a_body_given_no_task_tie_nobody():
    minutes = ("乙亭县人民政府县长办公会议纪要（2007年）\n出席：县交通局、县国土资源局、县审计局负责人\n"
               "一、县道改造工程由县交通局牵头，县国土资源局配合。\n二、县审计局出席会议，本次无具体任务。\n")
    pairs = _every_pair(minutes, "纪要.txt")
    assert _related(pairs, "县交通局", "县国土资源局")
    assert not any("县审计局" in pair for pair in pairs)
    called = ("乙堰县防汛工作会议纪要\n5月6日，县水利局召集防汛工作会议，县气象局、县民政局派人出席。会议议定：\n"
              "一、汛期内县气象局会同县水利局每日会商雨情。\n二、县民政局负责受灾群众的救济，按本局职责办理。\n")
    pairs = _every_pair(called, "纪要.txt")
    assert _related(pairs, "县气象局", "县水利局")
    assert not any("县民政局" in pair for pair in pairs)
    assert not any(name.startswith("汛期") for pair in pairs for name in pair)


def test_a_letter_s_copy_and_a_hotline_s_dispatches():
    letter = ("乙岗县第二中学关于请求迁移校内电杆的函\n县供电局：\n我校新建教学楼旁有电杆，请贵局派员迁移。\n"
              "乙岗县第二中学　1991年3月12日\n\n县供电局复函\n乙岗县第二中学：\n来函收悉，已于4月2日迁移。\n"
              "附注：本函抄送县教育局。\n")
    pairs = _every_pair(letter, "往来函.txt")
    assert not any("县教育局" in pair for pair in pairs)
    hotline = ("乙埠县12345政务服务便民热线工单处置回访记录\n（2021年6月）\n"
               "工单XXXX：市民反映下水道堵塞。热线当日派单至县住房和城乡建设局，该局次日疏通。\n"
               "工单XXXX：市民咨询法律援助，热线告知其自行拨打县法律援助中心电话，未派单。\n")
    pairs = _every_pair(hotline, "回访记录.txt")
    assert _related(pairs, "乙埠县12345政务服务便民热线", "县住房和城乡建设局")
    assert not any("县法律援助中心" in pair for pair in pairs)


def test_a_table_s_note_and_members_at_a_meeting_tie_no_one():
    table = ("乙桥县城市道路挖掘管理分工一览（2012年）\n事项\t主办单位\t协办单位\t衔接要求\n"
             "挖掘修复费收费标准\t县物价局\t县财政局\t物价局会同财政局核定标准\n"
             "供水管道抢修开挖\t县自来水公司\t无\t事后二十四小时内补办手续\n")
    pairs = _every_pair(table, "分工一览.txt")
    assert _related(pairs, "县物价局", "县财政局")
    assert not any("补办" in name for pair in pairs for name in pair)
    minutes = ("乙关县安全生产委员会全体会议议定事项\n"
               "会议由分管副县长主持，县财政局、县民政局等成员单位负责人出席。会议议定：\n"
               "一、县公安局会同县交通局开展客运车辆超员专项整治。\n")
    pairs = _every_pair(minutes, "议定事项.txt")
    assert _related(pairs, "县公安局", "县交通局")
    assert not _related(pairs, "县财政局", "县民政局")


def test_a_mine_s_letter_with_its_copy_line_run_on_and_a_body_that_sent_no_one():
    letter = ("丙塘县红岩煤矿关于请求架设供电专线的函（1998年5月4日）\n县供电局：\n"
              "我矿三号井投产后用电负荷增加，恳请贵局帮助架设一条专线。抄送：县煤炭工业局。\n丙塘县红岩煤矿（章）\n")
    pairs = _every_pair(letter, "来往函件.txt")
    assert _related(pairs, "丙塘县红岩煤矿", "县供电局")
    assert not any("县煤炭工业局" in pair for pair in pairs)
    record = ("丙湖县集贸市场联合检查记录（2011年5月9日）\n组织单位：县工商行政管理局\n"
              "参加人员：工商局市场科两人、县卫生局卫生监督所派来的监督员一名\n"
              "检查情况：检查肉类摊点二十个，发现一处电线老化，工商局电话请县供电局派人断电，县供电局派来的电工到场断电，"
              "工商局组织整改。该局电工在记录上签了到场时间。\n未到情况：县畜牧局接邀请后未派人参加。\n")
    pairs = _every_pair(record, "检查记录.txt")
    assert _related(pairs, "县工商行政管理局", "县供电局")
    assert not any("县畜牧局" in pair for pair in pairs)


def test_a_boundary_list_s_entries_with_fields_run_into_their_sentences():
    entries = ("丙集县客运站管理职责边界清单（2020年版）\n"
               "条目一：站内车辆安全例检。牵头单位县交通运输局，协同单位县公安局交通管理大队。双方每月联合检查一次。\n"
               "条目二：站内食品经营监管。责任单位县市场监督管理局，自行实施。\n")
    pairs = _every_pair(entries, "边界清单.txt")
    assert _related(pairs, "县交通运输局", "县公安局交通管理大队")
    assert not any("县市场监督管理局" in pair for pair in pairs)
    assert not any(name.startswith("单位") for pair in pairs for name in pair)


def test_a_sheet_s_quoted_cells_of_bodies_a_line_each_and_no_pair_across_its_rows():
    sheet = ("丙山县防汛责任分工表\n序号\t工作内容\t牵头单位\t配合单位\n"
             '1\t"河道行洪\n障碍清除"\t县水利局\t"县自然资源局\n县公安局"\n'
             '2\t山洪灾害转移避险\t县应急管理局\t"各乡镇人民政府\n县民政局"\n'
             "3\t防汛物资储备\t县发展和改革局\t县财政局\n")
    pairs = _every_pair(sheet, "分工表.txt")
    assert not _unrelated(pairs, [("县水利局", "县自然资源局"), ("县水利局", "县公安局"),
                                  ("县应急管理局", "县民政局"), ("县发展和改革局", "县财政局")])
    assert not _related(pairs, "县水利局", "县应急管理局")
    assert not _related(pairs, "县应急管理局", "县发展和改革局")


def test_a_committee_s_notice_that_makes_clear_each_department_s_duties_ties_the_committee_to_none():
    notice = ("丙城市机构编制委员会\n关于明确城市道路挖掘管理职责分工的通知\n各有关单位：\n"
              "为理顺城市道路挖掘管理体制，经研究，现将有关部门职责明确如下：\n"
              "一、市住房和城乡建设局负责道路挖掘的审批，会同市城市管理局制定修复标准。\n"
              "二、市城市管理局负责挖掘现场的巡查和违规挖掘的查处。\n"
              "三、市公安局交通警察支队负责挖掘期间的交通组织。\n")
    doc = parse_bytes(notice.encode("utf-8"), "职责分工通知.txt")
    assert not doc.duties
    pairs = {(row["a"], row["b"]) for row in doc.relations}
    assert _related(pairs, "市住房和城乡建设局", "市城市管理局")
    assert not any("机构编制委员会" in name for pair in pairs for name in pair)


@pytest.mark.parametrize("clause", ["（三）县文化和旅游局承担景区旅游安全宣传，依本部门职责独立开展。",
                                    "（三）县文化和旅游局负责景区经营管理，依其职责履行，不与本局发生职责交叉。"])
def test_a_labour_clause_that_leaves_a_body_to_its_own_duties_ties_it_to_no_one(clause):
    rules = ("戊川县林业局职能配置、内设机构和人员编制规定\n第九条　职责分工\n"
             "（一）同县自然资源局的分工。县自然资源局审批建设用地涉及林地的，书面推送县林业局，县林业局提出审核意见。\n"
             "（二）县林业局会同县公安局查处毁林案件。\n" + clause + "\n")
    pairs = _every_pair(rules, "戊川县林业局三定规定.txt")
    assert not _unrelated(pairs, [("县自然资源局", "戊川县林业局"), ("戊川县林业局", "县公安局")])
    assert not any("县文化和旅游局" in pair for pair in pairs)


def test_a_log_s_body_it_did_not_contact_is_no_party():
    log = ("戊川县供水公司抢修记录（2024年7月）\n"
           "7月2日10时　县应急管理局来电，称城北路段爆管，要求公司当日处置并把情况报该局。公司派抢修一班前往，"
           "18时处置完毕，书面报送该局。\n7月9日　在手机上看到县气象局发布暴雨预警，公司加强了值班，未与该局联系。\n"
           "记录：王XX\n")
    pairs = _every_pair(log, "抢修记录.txt")
    assert _related(pairs, "县应急管理局", "戊川县供水公司")
    assert not any("县气象局" in pair for pair in pairs)


def test_a_handover_form_s_witness_that_did_not_come_is_no_party():
    form = ("戊川县闲置村级公共用房移交登记表（2018年）\n移交单位：戊川县民政局（章）\n"
            "接收单位：戊川县文化广电新闻出版局（章）\n"
            "监交单位：县财政局（未到场）\n移交事项：原东岭村敬老院房屋一处，两层，建筑面积五百六十平方米，改作农家书屋。\n"
            "经过：6月3日，民政局派办公室两人携房产资料到现场，文化广电新闻出版局派来的两名工作人员逐间清点门窗、桌椅，"
            "核对无误后双方在清单上签字，钥匙当场交接。\n备注：县财政局监交人员因开会未到场。\n经办人：李XX\n")
    pairs = _every_pair(form, "移交登记表.txt")
    assert _related(pairs, "戊川县民政局", "戊川县文化广电新闻出版局")
    assert not any("县财政局" in pair for pair in pairs)
