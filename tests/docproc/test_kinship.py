"""对标 of offices whose kind is known by no name on our list (园林局, 口岸办): put together by what
their duties say, and compared in one run as in its tasks (docproc.kinship)."""
from __future__ import annotations

from docproc.kinship import party_of, upload_kinds
from docproc.model import Document, Duty
from docproc.overlap import OverlapFinder
from docproc.partitioned import detect, plan

GARDENS = {
    ("甲市", "甲市园林局"): [
        "贯彻执行园林绿化方面的法律法规和方针政策，起草全市园林绿化管理的规范性文件。",
        "组织编制城市绿地系统规划和园林绿化年度建设计划，并监督实施。",
        "负责城市公园、广场绿地、道路绿化和防护绿地的建设管理和养护管理。",
        "负责古树名木的普查、认定、保护和管理工作，审核古树名木的迁移。",
        "负责园林绿化工程的质量监督和竣工验收，审查建设项目配套绿化方案。",
        "负责临时占用城市绿地、砍伐和移植城市树木的审核工作。",
        "组织开展全民义务植树和城市绿化美化活动，承担市绿化委员会的日常工作。",
        "负责园林植物病虫害的监测和防治工作。",
    ],
    ("乙县", "乙县园林绿化管理处"): [
        "宣传贯彻园林绿化法律法规，拟订全县城市绿化管理办法。",
        "编制县城绿地系统规划，制定园林绿化建设年度计划并组织实施。",
        "承担县城公园绿地、道路绿化的养护管理，指导各单位附属绿地建设。",
        "负责全县古树名木的调查登记、挂牌保护和日常养护。",
        "承担建设项目附属绿化工程的方案审查和质量监督。",
        "审核城市树木砍伐、移植和临时占用绿地的申请。",
        "组织全县义务植树运动，承担县绿化委员会办公室工作。",
    ],
    ("丙区", "丙区城市园林绿化服务中心"): [
        "负责辖区城市公园和道路绿地的日常养护管理。",
        "负责古树名木的养护和保护工作。",
        "负责园林绿化工程的组织实施和质量监督。",
        "承担园林植物病虫害防治和绿化苗木的培育。",
        "配合开展义务植树和绿化美化活动。",
    ],
    ("丁市", "丁市公园管理中心"): [
        "负责市属公园、游园和广场绿地的养护管理和绿化提升。",
        "负责公园内古树名木的保护和复壮工作。",
        "承担公园绿化工程和园林景观改造工程的质量监督。",
        "负责公园园林植物病虫害防治和苗木培育工作。",
        "组织开展公园内的义务植树和群众性绿化活动。",
    ],
}
PORTS = {
    ("己县", "己县口岸办"): [
        "贯彻执行口岸工作的方针政策和法律法规，拟订全县口岸发展规划。",
        "负责口岸开放的申报和口岸查验配套设施建设的协调工作。",
        "协调海关、边检、海事等口岸查验单位的关系，推进通关便利化。",
        "负责电子口岸和国际贸易单一窗口建设的推进工作。",
    ],
    ("庚市", "庚市口岸管理办公室"): [
        "拟订全市口岸发展规划和口岸开放计划，并组织实施。",
        "承担口岸开放申报、验收和口岸查验基础设施建设的组织协调。",
        "协调口岸查验单位之间的工作关系，优化口岸通关流程，提升通关便利化水平。",
        "推进电子口岸建设，负责国际贸易单一窗口的推广应用。",
    ],
}
AUDIT = {
    ("辛市", "辛市审计局"): [
        "主管全市审计工作，组织实施本级预算执行情况和其他财政收支的审计监督。",
        "对国有企业的资产、负债和损益进行审计监督。",
        "对领导干部履行经济责任情况进行审计。",
    ],
}


def _documents(*offices: dict) -> list[Document]:
    documents = []
    for group in offices:
        for (government, department), duties in group.items():
            documents.append(Document(file=f"{department}.txt", department=department, government=government,
                                      duties=[Duty(no=n, label=f"（{n}）", text=text)
                                              for n, text in enumerate(duties, 1)]))
    return documents


def _kinds(documents: list[Document]) -> dict[str, tuple[str, ...]]:
    kinds = upload_kinds(documents)
    return {doc.department: kinds[party_of(doc)] for doc in documents}


def test_offices_of_a_kind_unknown_by_name_are_put_together_by_their_duties():
    kinds = _kinds(_documents(GARDENS, PORTS, AUDIT))
    gardens = {kinds[department][0] for _, department in GARDENS}
    ports = {kinds[department][0] for _, department in PORTS}
    assert len(gardens) == 1 and len(ports) == 1 and gardens != ports
    assert kinds["辛市审计局"] == ("审计",)
    assert not any("审计" in kinds[department] for _, department in [*GARDENS, *PORTS])


def test_an_unrelated_office_moves_no_kind():
    alone = _kinds(_documents(GARDENS))
    together = _kinds(_documents(GARDENS, PORTS, AUDIT))
    assert {department: together[department] for _, department in GARDENS} == alone


def test_the_park_centre_is_compared_with_the_garden_bureaus():
    findings = OverlapFinder(across_governments=True).fit(_documents(GARDENS, PORTS, AUDIT)).findings_
    met = {frozenset((f.a.department, f.b.department)) for f in findings if f.a.government != f.b.government}
    assert frozenset(("甲市园林局", "丁市公园管理中心")) in met
    assert frozenset(("乙县园林绿化管理处", "丙区城市园林绿化服务中心")) in met
    assert frozenset(("己县口岸办", "庚市口岸管理办公室")) in met
    ancient_trees = [f for f in findings if {f.a.department, f.b.department} == {"甲市园林局", "丁市公园管理中心"}
                     and "古树名木" in f.a.text and "古树名木" in f.b.text]
    assert ancient_trees


def test_the_tasks_read_the_kinds_of_the_whole_upload():
    documents = _documents(GARDENS, PORTS, AUDIT)
    tasks, _ = plan(documents)
    kind_tasks = {task.name: {doc.department for doc in task.documents} for task in tasks if task.scope == "kind"}
    assert {department for _, department in GARDENS} in kind_tasks.values()
    run = detect(documents)
    whole = OverlapFinder(across_governments=True).fit(documents)
    same_kind = {f.key: f.score for f in whole.findings_ if f.a.government != f.b.government
                 and set(whole.kinds_[(f.a.government, f.a.department)])
                 & set(whole.kinds_[(f.b.government, f.b.department)])}
    across = {f.key: f.score for f in run.findings if f.a.government != f.b.government}
    assert across and across == same_kind


CITY_MANAGEMENT = {
    ("壬市", "壬市城市管理局"): [
        "贯彻执行城市管理方面的法律法规，拟订全市城市管理中长期规划并组织实施。",
        "负责城市市容和环境卫生管理，组织实施城市生活垃圾收集、运输和处理。",
        "负责城市管理综合行政执法工作，查处违法建设和占道经营行为。",
        "负责户外广告和门店招牌设置的监督管理。",
        "负责数字化城市管理平台的建设运行和考核评价。",
    ],
    ("癸县", "癸县城市管理局"): [
        "宣传贯彻城市管理法律法规，制定县城市容环境卫生管理制度。",
        "负责县城环境卫生管理，负责生活垃圾的清扫保洁、收集运输和无害化处理。",
        "集中行使城市管理领域的行政处罚权，查处违法建设、占道经营和乱贴乱画。",
        "负责县城户外广告设置的审核和日常监督管理。",
        "负责数字城管平台的运行管理，对城市管理问题进行派遣和考核。",
    ],
}
PROVINCE_HOUSING = {
    ("子省", "子省住房和城乡建设厅"): [
        "拟订全省城市管理政策和标准，指导全省城市市容和环境卫生管理工作。",
        "指导全省城市生活垃圾收集、运输和无害化处理设施的建设和运行。",
        "指导监督全省城市管理综合行政执法工作，规范查处违法建设行为。",
        "指导全省户外广告设置管理和数字化城市管理平台建设。",
    ],
}


def test_an_office_of_a_kind_no_other_government_has_joins_the_kind_its_list_restates():
    kinds = _kinds(_documents(CITY_MANAGEMENT, PROVINCE_HOUSING, AUDIT))
    assert kinds["子省住房和城乡建设厅"] == ("住房和城乡建设", "城市管理")
    assert kinds["壬市城市管理局"] == ("城市管理",)
    assert kinds["辛市审计局"] == ("审计",)  # alone too, but its list restates no other office's
    findings = OverlapFinder(across_governments=True).fit(_documents(CITY_MANAGEMENT, PROVINCE_HOUSING)).findings_
    assert any({f.a.department, f.b.department} == {"子省住房和城乡建设厅", "癸县城市管理局"} and "户外广告" in f.a.text
               and "户外广告" in f.b.text for f in findings)
