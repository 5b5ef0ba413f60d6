"""Declared changes (职责调整): one change per clause, with from/to wherever the text names them."""
from __future__ import annotations

from docproc import parse_bytes

TEXT = """示例市商务局职能配置、内设机构和人员编制规定
第一条 根据有关规定，制定本规定。
第二条 职责调整
（一）划入的职责。
1.将原市对外贸易经济合作局承担的对外贸易和外商投资管理职责划入市商务局。
2.划入原市经济贸易委员会承担的内贸流通管理职责。
（二）划出的职责。将市场秩序监管职责划归市市场监督管理局；将粮食流通管理职责划归市发展和改革委员会；将电子政务职责划归市大数据局。
（三）加强的职责。
1.加强对外开放统筹协调。
第三条 主要职责：
（一）负责全市商务工作。
"""


def test_each_change_with_its_parties():
    doc = parse_bytes(TEXT.encode("utf-8"), "商务局.txt")
    assert [(c.kind, c.from_, c.to) for c in doc.changes] == [
        ("划入", "原市对外贸易经济合作局", "市商务局"),
        ("划入", "原市经济贸易委员会", "示例市商务局"),
        ("划出", "示例市商务局", "市市场监督管理局"),
        ("划出", "示例市商务局", "市发展和改革委员会"),
        ("划出", "示例市商务局", "市大数据局"),
        ("加强", None, None),
    ]
    assert not any(c.text.startswith(("划出的职责", "加强的职责")) for c in doc.changes)


def test_changes_of_a_flattened_copy():
    flat = ("示例市商务局职能配置、内设机构和人员编制规定 第一条 根据有关规定，制定本规定。 第二条 职责调整 "
            "（一）将原市对外贸易经济合作局承担的对外贸易管理职责划入市商务局。 （二）将市场秩序监管职责划归市市场"
            "监督管理局。 第三条 主要职责： （一）负责全市商务工作。 （二）负责内贸流通管理。")
    doc = parse_bytes(flat.encode("utf-8"), "flat.txt")
    assert [(c.kind, c.from_, c.to) for c in doc.changes] == [
        ("划入", "原市对外贸易经济合作局", "市商务局"), ("划出", "示例市商务局", "市市场监督管理局")]
    assert len(doc.duties) == 2


def test_an_unnumbered_heading_gives_its_kind_to_the_items_below_it():
    text = ("乙市民政局职能配置、内设机构和人员编制规定\n第三条 职能转变\n划出的职责。\n"
            "1.将救灾职责划入市应急管理局。\n2.将优抚安置职责划入市退役军人事务局。\n")
    doc = parse_bytes(text.encode("utf-8"), "民政局.txt")
    assert [(c.kind, c.from_, c.to) for c in doc.changes] == [
        ("划出", "乙市民政局", "市应急管理局"), ("划出", "乙市民政局", "市退役军人事务局")]


def test_duties_of_several_departments_moved_in_one_sentence_name_every_source():
    text = ("乙市退役军人事务局职能配置、内设机构和人员编制规定\n第三条 职能转变\n（一）划入的职责。"
            "将市民政局的退役军人优抚安置职责，市人力资源和社会保障局的军官转业安置职责划入市退役军人事务局。\n")
    doc = parse_bytes(text.encode("utf-8"), "退役军人事务局.txt")
    assert [(c.kind, c.from_, c.to) for c in doc.changes] == [
        ("划入", "市民政局、市人力资源和社会保障局", "市退役军人事务局")]


def test_this_bureau_as_a_party_is_the_department_itself():
    doc = parse_bytes("沙河县交通运输局职能配置、内设机构和人员编制规定\n第四条 职能转变\n"
                      "（一）划入的职责。将原县道路运输管理所承担的行政执法职责划入本局。\n".encode("utf-8"), "x.txt")
    assert [(c.kind, c.from_, c.to) for c in doc.changes] == [("划入", "原县道路运输管理所", "沙河县交通运输局")]
