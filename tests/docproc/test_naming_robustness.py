"""Department, government and items when a copy differs from the original the way real copies do:
flattened web pages, page footers, text saved from a PDF, a title gone, a file named after the
department (bench/naming_robustness.py sweeps the development texts; these are short texts of our own)."""
from __future__ import annotations

import pytest

from docproc import parse_bytes


def _parse(text: str, name: str = "上传文件.txt"):
    return parse_bytes(text.encode("utf-8"), name)


def _items(doc) -> list[tuple[str, str, bool]]:
    return [(duty.label, duty.text, duty.incomplete) for duty in doc.duties]


CHROME = ("沙河市人民政府门户网站 首页 > 政务公开 > 预算决算 发布时间：2021-06-18 来源：本网 "
          "字号：大 中 小 【打印】 【关闭】 分享到： 微信 微博 ")


def test_a_budget_title_after_flattened_page_chrome():
    doc = _parse(CHROME + "[ 发布机构 ] | 沙河市财政局 | 沙河市交通运输局 2021年度部门决算情况说明 "
                 "一、部门基本情况 (一)职能职责 1.负责公路建设。 2.负责道路运输管理。")
    assert (doc.department, doc.government) == ("沙河市交通运输局", "沙河市")
    assert [duty.text for duty in doc.duties] == ["负责公路建设。", "负责道路运输管理。"]


def test_a_budget_word_after_a_space_in_running_text_is_no_title():
    # `XX局职责` after a space may be a clause; only 预算/决算/概况 titles are taken from inside a line.
    doc = _parse("说明 沙河市交通运输局职责如下 1.负责公路建设。 2.负责道路运输管理。")
    assert doc.department is None


def test_a_flattened_heading_runs_on_into_its_list():
    doc = _parse("沙河市生态环境局2021年部门预算情况说明 一、单位基本情况 (一)职能职责 一是负责环境监测。"
                 "二是负责污染防治。")
    assert doc.department == "沙河市生态环境局"
    assert [(duty.label, duty.text) for duty in doc.duties] == [("一是", "负责环境监测。"), ("二是", "负责污染防治。")]


def test_a_flattened_heading_before_a_profile_sentence():
    doc = _parse("第一部分 单位概况 一、单位职责 环境保护局隶属于沙河市人民政府，主要职责是(一)负责环境监测。"
                 "(二)负责污染防治。")
    assert doc.department == "环境保护局"
    assert [duty.text for duty in doc.duties] == ["负责环境监测。", "负责污染防治。"]


@pytest.mark.parametrize("text, department", [
    ("一、部门基本情况 沙河市环境保护局成立于1989年，为市政府工作部门。 1、部门主要职责 (1)负责环境监测。",
     "沙河市环境保护局"),
    ("第一部分 单位概况 一、职能简介 县人社局贯彻落实中央决策部署。主要职责是: 1.负责就业工作。 2.负责社会保险。",
     "县人社局"),
])
def test_a_profile_sentence_after_a_space(text, department):
    assert _parse(text).department == department


def test_a_regulation_article_after_a_space_is_no_profile():
    doc = _parse("第一条 为了加强管理，制定本办法。 第五条 市交通运输局负责本办法的实施，主要职责由市政府规定。")
    assert doc.department is None


def test_a_page_footer_after_the_text_is_no_item():
    text = ("沙河市应急管理局职能配置、内设机构和人员编制规定\n第三条 主要职责：\n（一）负责应急管理工作。\n"
            "（二）负责安全生产综合监督管理。\n（三）完成市委、市政府交办\n"
            "【打印本页】 【关闭窗口】\n扫一扫在手机打开当前页\n上一篇：关于开展安全生产月活动的通知\n"
            "版权所有：沙河市人民政府办公室 主办：沙河市人民政府办公室\n"
            "地址：人民路1号 电话：0319-1234567 邮编：054100\n")
    doc = _parse(text)
    assert _items(doc) == [("（一）", "负责应急管理工作。", False), ("（二）", "负责安全生产综合监督管理。", False),
                           ("（三）", "完成市委、市政府交办", True)]
    flat = _parse(text.replace("\n", " "))
    assert _items(flat) == _items(doc)


def test_a_header_print_link_before_the_body_keeps_the_body():
    doc = _parse("字号：大 中 小 【打印】 沙河市应急管理局职能配置、内设机构和人员编制规定 第三条 主要职责："
                 "（一）负责应急管理工作。（二）负责安全生产综合监督管理。")
    assert doc.department == "沙河市应急管理局"
    assert [duty.text for duty in doc.duties] == ["负责应急管理工作。", "负责安全生产综合监督管理。"]


def test_text_saved_from_a_pdf_has_its_broken_lines_joined():
    duties = ["负责应急管理工作，组织编制全市应急体系建设规划，指导各地区各部门应对突发事件工作。",
              "负责安全生产综合监督管理和工矿商贸行业安全生产监督管理，依法组织协调重大安全生产事故调查处理工作。",
              "负责消防工作，指导全市消防监督、火灾预防、火灾扑救等工作，组织指导防汛抗旱和地质灾害防治工作。"]
    # No title: the name stands in the 定性 sentence, which the page broke before `是…工作部门`.
    paragraphs = ["第一条 根据沙河市机构改革方案，制定本规定。",
                  "第二条 沙河市应急管理局（以下简称市应急局）是市人民政府工作部门，为正科级。", "第三条 主要职责："]
    paragraphs += [f"（{number}）{duty}" for number, duty in zip("一二三", duties)]
    lines = [text[index:index + 20] for text in paragraphs for index in range(0, len(text), 20)]
    doc = _parse("\n".join(lines))
    assert (doc.department, doc.government) == ("沙河市应急管理局", "沙河市")
    assert [duty.text for duty in doc.duties] == duties


def test_typed_text_a_paragraph_a_line_is_not_joined():
    text = ("沙河市应急管理局职能配置、内设机构和人员编制规定\n第三条 主要职责：\n" +
            "".join(f"（{n}）负责第{n}项工作。\n" for n in "一二三四五六七八九十"))
    assert len(_parse(text).duties) == 10


@pytest.mark.parametrize("text", [
    "中共中央办公厅 国务院办公厅关于调整国家卫生健康委员会职能配置、内设机构和人员编制的通知 (2022年1月24日) "
    "根据有关规定，现将国家卫生健康委员会职能配置、内设机构和人员编制调整事项通知如下。 一、关于职责调整",
    "近日发布《关于调整国家卫生健康委员会职责机构编制的通知》 (以下简称《通知》)。 一、将职责划入。",
    "根据有关规定，经批准，现将国家卫生健康委员会职责、机构、编制调整事项通知如下。\n一、将有关职责划入。",
])
def test_an_adjustment_notice_without_its_title_line(text):
    assert (_parse(text).department, _parse(text).government) == ("国家卫生健康委员会", "国务院")


def test_the_rules_opening_sentence_names_the_department():
    doc = _parse("根据机构改革方案，保留文化部。按照改革的要求，确定文化部职能配置、内设机构和人员编制方案。\n"
                 "一、主要职责\n（一）研究拟定文化艺术方针政策。\n")
    assert (doc.department, doc.government) == ("文化部", "国务院")


def test_a_notice_covering_two_bodies_names_the_first():
    doc = _parse("国务院办公厅关于印发文化部和国家文物局职能配置、内设机构和人员编制方案的通知 国办发〔1994〕20号 "
                 "一、主要职责 (一)研究拟定文化艺术方针政策。")
    assert doc.department == "文化部"


@pytest.mark.parametrize("title", [
    "职能配置、内设机构和人员编制规定",  # the name was left out
    "湖南省职能配置、内设机构和人员编制规定",  # only a place before the title words
])
def test_a_title_without_a_name_names_nobody(title):
    assert _parse(title + "\n第三条 主要职责：\n（一）负责药品监督管理。\n").department is None


@pytest.mark.parametrize("file_name, department, government", [
    ("自然资源部.txt", "自然资源部", "国务院"),
    ("2021_校外教育培训监管司_三定.docx.txt", "校外教育培训监管司", None),
    ("仁寿县人力资源和社会保障局.txt", "仁寿县人力资源和社会保障局", "仁寿县"),
    ("耏原市群众艺术馆简介.txt", "耏原市群众艺术馆", "耏原市"),  # `简介` is no part of the name
])
def test_the_file_name_in_any_kind_of_body(file_name, department, government):
    doc = _parse("主要职责：\n（一）负责有关工作。\n（二）完成交办的其他任务。\n", file_name)
    assert (doc.department, doc.government) == (department, government)


@pytest.mark.parametrize("text", [
    "县人社局贯彻落实中央决策部署。主要职责是：\n1.负责就业工作。\n",
    "第二条 药监局是国务院直属机构。\n第三条 主要职责：\n（一）负责药品监督管理。\n",
])
def test_a_short_name_in_the_text_gives_way_to_the_full_name_of_the_file(text):
    full = "仁寿县人力资源和社会保障局" if "人社" in text else "国家食品药品监督管理局"
    assert _parse(text, full + ".txt").department == full


def test_a_county_abbreviation_is_never_a_ministry():
    doc = _parse("县人社局贯彻落实党中央、国务院的决策部署。主要职责是：\n1.负责就业工作。\n")
    assert (doc.department, doc.government) == ("县人社局", None)


def test_a_dotless_label_in_traditional_characters():
    doc = _parse("沙河區城市管理局 2020 年度部門決算情況說明 一、部門基本情況 （一）職能職責 1. 負責城市管理工作。 "
                 "2. 負責環境衛生管理。 3 負責園林綠化管理。 4. 負責綜合執法。")
    assert [duty.text for duty in doc.duties] == ["負責城市管理工作。", "負責環境衛生管理。", "負責園林綠化管理。",
                                                  "負責綜合執法。"]


def test_a_whole_sanding_title_after_flattened_page_chrome_in_traditional_characters():
    doc = _parse(CHROME.replace("预算决算", "机构职能") + "沙河市應急管理辦公室(主要職責、內設機構和人員編制規定"
                 " — 轉載) 一、主要職責 (一)承擔市政府總值班室工作。 (二)協調應急管理工作。")
    assert (doc.department, doc.government) == ("沙河市应急管理办公室", "沙河市")
    assert [duty.text for duty in doc.duties] == ["承擔市政府總值班室工作。", "協調應急管理工作。"]


def test_a_clause_about_duties_after_a_space_names_no_department():
    # Only the whole 三定 title counts inside a line, never `XX局的职责`.
    doc = _parse("说明 明确沙河市交通运输局职责分工 1.负责公路建设。 2.负责道路运输管理。")
    assert doc.department is None


def test_damaged_labels_in_a_flattened_copy_still_start_items():
    # Bytes lost at the source leave `?。ǘ┮` where `（二）` stood; flattened, it follows the previous item.
    doc = _parse("沙河市食品药品监督管理局主要职责内设机构和人员编制规定\n"
                 "二、主要职责 (一)负责药品监督管理。 ?。ǘ┮婪ㄐ惺故称安全管理。 ?。ㄈ┮婪ńM織开展查处。")
    assert [duty.label for duty in doc.duties] == ["(一)", "?", "?"]


def test_a_notice_closing_run_on_after_an_unlabelled_list_is_no_duty():
    doc = _parse("沙河市教育局关于成立校外教育培训监管科的通知 经研究，成立校外教育培训监管科，主要职责是：承担校外"
                 "培训管理工作。指导校外培训综合执法。 特此通知。 沙河市教育局 2021年6月9日")
    assert [duty.text for duty in doc.duties] == ["承担校外培训管理工作。", "指导校外培训综合执法。"]


def test_a_bare_divisions_heading_after_flattened_chrome_opens_the_divisions():
    doc = _parse(CHROME + "内设机构 (一)办公室 职责:负责机关文秘工作。 (二)绿化管理科 职责:负责绿化行业管理。")
    assert [division.name for division in doc.divisions] == ["办公室", "绿化管理科"]
    assert doc.duties == []


@pytest.mark.parametrize("name", ["上传文件.txt", "上传文件.html"])
def test_invisible_characters_of_a_browser_copy_change_nothing(name):
    text = ("沙河市生态\u200b环境局职能配置、内设机构和人员编制规定\n第三条\u00a0主要职责。\n"
            "（一）负责\u200b环境监测。\u00a0\n（二）负责污染\u2060防治。\n")
    if name.endswith(".html"):
        text = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.splitlines()) + "</body></html>"
    doc = parse_bytes(text.encode("utf-8"), name)
    assert doc.department == "沙河市生态环境局"
    assert [duty.text for duty in doc.duties] == ["负责环境监测。", "负责污染防治。"]


def test_a_text_saved_from_a_narrow_pdf_page_with_figures_has_its_lines_joined():
    # Lines of about 28 characters whose width varies with the digits and letters in them.
    text = ("沙河区创建文明城区工作任务分工\n（一）环境秩序整治。重点整治占道经营、乱堆乱放、机\n"
            "动车乱停乱放等问题，主次干道市容秩序达标率95%以上。区\n城管局牵头，区市场监管局、区交通运输局、区公安分局交\n"
            "警大队按职责分工负责。\n（二）公益广告设置。在主次干道、公园广场、建筑工地围挡等\n"
            "处规范设置公益广告，刊播比例不低于20%。区委宣传部牵\n头，区城管局、区住建局配合。\n"
            "（三）志愿服务。建立志愿服务积分兑换制度，注册志愿\n者人数占常住人口比例达到15%。区委文明办、团区委共同\n负责。\n")
    doc = parse_bytes(text.encode("utf-8"), "分工.txt")
    pairs = {frozenset((row["a"], row["b"])) for row in doc.relations}
    assert {frozenset(("区城管局", "区公安分局交警大队")), frozenset(("区委宣传部", "区住建局")),
            frozenset(("区委文明办", "团区委"))} <= pairs


def test_lines_of_a_narrow_pdf_page_are_recognised_though_figures_change_their_width():
    from docproc.read.text import _hard_wrapped

    # Widths (a Chinese character counts 2) of a 28-character page whose lines hold figures and half-width signs.
    widths = [6, 22, 28, 32, 50, 51, 51, 53, 54, 54, 54, 54, 56, 56]
    assert _hard_wrapped(["测" * (width // 2) + "1" * (width % 2) for width in widths])
    assert not _hard_wrapped(["测" * (width // 2) for width in [10, 14, 20, 24, 30, 36, 44, 50, 56, 60]])


def test_a_wrapped_line_a_few_positions_short_of_the_margin_still_joins_the_next():
    from docproc.read.text import read_text

    # Lines broken at the page's width; the second stops short (half-width `95%`, a moved `，`)
    # inside the word 牵头, and must still run on.
    text = ("（一）公共环境秩序整治。重点整治占道经营、乱堆乱放、机\n"
            "动车乱停乱放等问题，主次干道市容秩序达标率95%以上。区\n"
            "城管局牵头，区市场监管局、区交通运输局、公安分局交\n"
            "警大队按职责分工负责。\n"
            "（二）公益广告设置。在主次干道、公园广场、建筑工地围挡等\n"
            "处规范设置公益广告，刊播比例不低于20%。区委宣传部牵\n"
            "头，区城管局、区住建局配合。\n"
            "（三）志愿服务常态化。建立志愿服务积分兑换制度，注册志愿\n"
            "者人数占常住人口比例达到15%。区委文明办、团区委共同\n"
            "负责。\n")
    lines = read_text(text.encode("utf-8")).lines
    assert any("区委宣传部牵头，区城管局、区住建局配合。" in line for line in lines)
    assert sum(line.startswith("（") for line in lines) == 3  # items still start their own lines


@pytest.mark.parametrize("text, department", [
    # a definition after a reorganisation: the name right before `（以下简称…）`
    ("市交委职能配置、内设机构和人员编制方案\n根据机构改革方案，将原市交通局改组为耋州市交通委员会（以下简称市交委），"
     "为市人民政府综合管理全市交通运输的职能部门。\n二、主要职责\n（一）负责交通工作。\n", "耋州市交通委员会"),
    # set up and placed under a bureau, the name only in the 设立 sentence
    ("关于县森林公园管理机构的机构编制方案\n一、设立耆水县森林公园管理处，由县林业局管理，属公益一类事业单位。\n"
     "二、主要职责：\n（一）负责森林公园的保护和管理。\n", "耆水县森林公园管理处"),
    ("网站首页 > 下属单位\n耆水县良种繁育场始建于1956年，是县农业农村局所属事业单位。\n职责：\n"
     "一、承担主要农作物良种的繁育工作；\n", "耆水县良种繁育场"),
])
def test_a_name_given_only_where_the_body_was_set_up(text, department):
    assert _parse(text).department == department


def test_a_portal_source_line_over_the_text_does_not_end_it():
    doc = _parse("市投促局主要职责内设机构和人员编制规定\n来源：市投促局　　时间：2017-08-16　　【字体：大 中 小】\n"
                 "一、市投促局为市政府工作部门。\n二、市投促局贯彻执行招商引资的方针政策。主要职责是：\n"
                 "（一）拟订全市投资促进工作规划。\n（二）组织开展重大投资促进活动。\n（三）完成市委、市政府交办的其他任务。\n"
                 "发布机构：耋州市投资促进局\n")
    assert doc.department == "耋州市投资促进局"
    assert len(doc.duties) == 3


def test_a_page_number_and_running_head_inside_a_flattened_line_are_dropped():
    text = ("乙州市自然资源局职能配置、内设机构和人员编制规定 一、主要职责 （一）负责国土空间规划的编制和监督实施，"
            "组织划定生态保护红线、永久基本农田和城镇开发 －3－ 乙州市机构编制文件选编（2019） 边界。 "
            "（二）负责耕地保护和土地征收、供应的具体工作，落实 ·4· 乙州市机构编制文件选编（2019） 耕地占补平衡。 "
            "（三）完成市委、市政府交办的其他任务。")
    assert [duty.text for duty in _parse(text).duties] == [
        "负责国土空间规划的编制和监督实施，组织划定生态保护红线、永久基本农田和城镇开发边界。",
        "负责耕地保护和土地征收、供应的具体工作，落实耕地占补平衡。", "完成市委、市政府交办的其他任务。"]


def test_the_title_repeated_atop_a_page_inside_a_flattened_line_is_dropped():
    text = ("目录 一、单位职能及构成 二、收支预算表 乙溪县地质灾害防治中心2026年单位预算 第一部分 单位概况 "
            "一、主要职能 "
            "1．承担全县地质灾害隐患点的调查和动态巡查； 2．承担监测预警设备的运行维护和预警信息发布的 －1－ "
            "乙溪县地质灾害防治中心2026年单位预算 技术支撑； 3．完成县自然资源局交办的其他工作。 二、单位构成")
    assert [duty.text for duty in _parse(text).duties][1] == "承担监测预警设备的运行维护和预警信息发布的技术支撑；"


@pytest.mark.parametrize("text, count", [
    # a heading closing the line of what came before it, its list after
    ("事业单位机构编制核查表 单位名称：乙水县殡葬管理所 编制数：6 宗旨和业务范围（主要职责）： "
     "（1）推行火葬和节地生态安葬； （2）负责公益性公墓的管理指导。 举办单位：乙水县民政局", 2),
    ("（十四）乙州市物资局 市物资局是市政府主管全市生产资料流通的职能部门。 主要职能： 1.负责物资的分配和调运； "
     "2.管理物资系统的统计工作。 内设机构：办公室、计划处。", 2),
    # `1)` labels after a colon or a semicolon and a space
    ("乙州市水利局门户网站 当前位置：首页>>下属单位 乙州市河道管理所 负责人：某某 职能职责： "
     "1)负责河道堤防的日常管护； 2)承担河道采砂的现场巡查； 3)完成市水利局交办的其他工作。 "
     "办公地址：乙州市滨河北路6号", 3),
    # `一、主要职责` glued onto the page's chrome
    ("乙溪县人民政府门户网站 首页 > 县防震减灾局 > 机构职能 信息来源：县防震减灾局 字号：大中小 一、主要职责 "
     "1.编制全县防震减灾规划并组织实施。 2.负责地震监测台网的管理。 二、机构设置 县防震减灾局内设办公室。", 2),
])
def test_a_flattened_page_s_duty_heading_opens_its_list(text, count):
    assert len(_parse(text).duties) == count
