"""Readers: encodings, Word numbering and tables, PDF page chrome, HTML chrome."""
from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docproc import parse_bytes
from docproc.read.text import decode

TEXT = """示例市测试局职能配置、内设机构和人员编制规定
第三条 示例市测试局的主要职责是：
（一）负责全市测试工作的统筹协调。拟订测试政策并组织实施。
（二）负责测试标准的制定和监督管理。
（三）完成市委、市政府交办的其他任务。
第四条 示例市测试局设下列内设机构：
（一）办公室。负责文电、会务工作；承担财务管理。
（二）测试科。负责测试工作；指导基层测试。
第五条 示例市测试局机关行政编制十二名。设局长1名，副局长2名；科级领导职数4名。
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le",
                                      "utf-16-be"])
def test_text_encodings_give_the_same_document(encoding):
    doc = parse_bytes(TEXT.encode(encoding), "测试.txt")
    assert doc.department == "示例市测试局"
    assert [d.label for d in doc.duties] == ["（一）", "（二）", "（三）"]
    assert doc.duties[2].boilerplate
    assert [d.name for d in doc.divisions] == ["办公室", "测试科"]
    assert doc.divisions[0].duties == ["负责文电、会务工作", "承担财务管理"]
    assert doc.staffing.administrative_posts == 12


def test_big5_traditional_text_is_detected_and_simplified():
    import opencc

    traditional = opencc.OpenCC("s2t").convert(TEXT)
    doc = parse_bytes(traditional.encode("big5"), "測試.txt")
    assert doc.traditional
    assert doc.department == "示例市测试局"
    assert doc.department_original == "示例市測試局"
    assert doc.duties[0].text.startswith("負責全市測試工作")
    assert doc.duties[0].text_simplified.startswith("负责全市测试工作")


def test_short_gbk_text_is_not_read_as_korean():
    assert decode("负责安全生产".encode("gbk")) == "负责安全生产"


def _numbered_docx(*, via_style: bool) -> bytes:
    """Word automatic numbering: （一）… labels live in numbering.xml, not in the text."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>'))
    for num_id in (91, 92):
        extra = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if num_id == 92 else ""
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>{extra}</w:num>'))
    style = None
    if via_style:
        style = document.styles.add_style("三定条目", 1)
        style.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:numId w:val="91"/></w:numPr>'))

    def numbered(text: str, num_id: int) -> None:
        if via_style and num_id == 91:
            document.add_paragraph(text, style=style)
            return
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))

    document.add_paragraph("示例市测试局职能配置、内设机构和人员编制规定")
    document.add_paragraph("第三条 示例市测试局的主要职责是：")
    numbered("负责全市测试工作的统筹协调。", 91)
    numbered("负责测试标准的制定和监督管理。", 91)
    numbered("完成市委、市政府交办的其他任务。", 91)
    document.add_paragraph("第四条 示例市测试局设下列内设机构：")
    numbered("办公室。负责文电、会务工作；承担财务管理。", 92)
    numbered("测试科。负责测试工作；指导基层测试。", 92)
    document.add_paragraph("第五条 示例市测试局机关行政编制12名。")
    table = document.add_table(rows=2, cols=2)
    for row, (title, count) in enumerate([("局长", "1名"), ("副局长", "2名")]):
        table.cell(row, 0).text = title
        table.cell(row, 1).text = count
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("via_style", [False, True])
def test_docx_automatic_numbering_is_rebuilt(via_style):
    doc = parse_bytes(_numbered_docx(via_style=via_style), "测试局.docx")
    assert [d.label for d in doc.duties] == ["（一）", "（二）", "（三）"]
    assert doc.duties[0].text == "负责全市测试工作的统筹协调。"
    assert [d.label for d in doc.divisions] == ["（一）", "（二）"]
    assert [d.name for d in doc.divisions] == ["办公室", "测试科"]


def test_docx_staffing_table_is_read_in_order():
    doc = parse_bytes(_numbered_docx(via_style=False), "测试局.docx")
    assert doc.staffing.administrative_posts == 12
    assert [(leader.title, leader.count) for leader in doc.staffing.leaders] == [("局长", 1), ("副局长", 2)]


def _pdf_with_chrome() -> bytes:
    from fpdf import FPDF

    font = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

    class Paper(FPDF):
        def header(self):
            self.set_font("cjk", size=9)
            self.cell(0, 8, "示例市机构编制文件", align="C")
            self.ln(12)

        def footer(self):
            self.set_y(-15)
            self.set_font("cjk", size=9)
            self.cell(0, 8, f"- {self.page_no()} -", align="C")

    pdf = Paper()
    pdf.add_font("cjk", fname=font)
    pdf.add_page()
    pdf.set_font("cjk", size=13)
    long_duty = "（一）负责全市测试工作的统筹协调，" + "拟订测试政策、规划和标准并组织实施，" * 6 + "监督检查执行情况。"
    lines = ["示例市测试局职能配置、内设机构和人员编制规定", "第三条 示例市测试局的主要职责是：", long_duty] + \
        [f"（{n}）负责第{n}类测试事项的监督管理。" for n in "二三四五六七八九十"] * 4
    for line in lines:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_drops_page_chrome_and_joins_wrapped_lines():
    doc = parse_bytes(_pdf_with_chrome(), "测试局.pdf")
    assert doc.pages and doc.pages >= 2
    first = doc.duties[0].text
    assert first.startswith("负责全市测试工作的统筹协调") and first.endswith("监督检查执行情况。")
    assert all("示例市机构编制文件" not in d.text and "- 2 -" not in d.text for d in doc.duties)


def test_item_numbers_on_lines_of_their_own_are_not_joined_onto_a_full_line_before_them():
    """A WeChat article printed to PDF: `01`, `02` above each item; the item before a number runs to
    the margin, yet the number starts the next item."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    pdf.add_page()
    pdf.set_font("cjk", size=13)
    # items of one width, each a line the number after it would seem to continue
    duties = ["代表和维护归侨侨眷的合法权益和海外侨胞在国内的正当权益。",
              "团结联络海外侨胞和侨团，涵养侨务资源，服务家乡经济发展。",
              "开展为侨服务工作，帮扶困难归侨侨眷，做好涉侨法律咨询。", "完成县委交办的其他任务。"]
    for line in ["示例县归国华侨联合会主要职能", "主要职能"] + [f"{part}" for n, duty in enumerate(duties, 1)
                                                   for part in (f"0{n}", duty)] + ["— END —", "编辑：郑某　审核：林某"]:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    doc = parse_bytes(bytes(pdf.output()), "侨联.pdf")
    assert [duty.text for duty in doc.duties] == duties


def test_a_heading_after_a_sentence_that_ends_at_the_margin_is_not_joined_onto_it():
    """A page printed to PDF: the profile sentence happens to fill its line, `工作职责` follows on a
    line of its own; joined, the heading would hide the duty list after it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    pdf.add_page()
    pdf.set_font("cjk", size=13)
    width = 38  # characters of every full line, the heading's aside
    opening = "栖霞县档案馆是县委办公室所属公益一类事业单位，负责全县档案资料的集中统一保管。"[:width - 1] + "。"
    duties = [(f"负责第{n}类档案的接收征集整理和保管利用，" + "做好相关工作" * 4)[:width - 3] + "。"
              for n in "一二三四"]
    for line in ["栖霞县档案馆", opening, "工作职责"] + [f"{n}、{duty}" for n, duty in enumerate(duties, 1)]:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    doc = parse_bytes(bytes(pdf.output()), "栖霞县档案馆.pdf")
    assert [duty.text for duty in doc.duties] == duties


def test_the_fields_of_a_form_that_fill_their_lines_stay_apart():
    """A budget form printed to PDF: `单位名称：…　　主管部门：…` and the budget line fill the line, yet
    `年度预算资金：` and `部门职能概述：` are fields of their own, the second over the duty list."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    pdf.add_page()
    pdf.set_font("cjk", size=13)
    duties = ["承担全市环境质量监测和污染源监督性监测任务。", "负责空气自动监测站的运行维护和数据审核。",
              "编制全市环境质量报告书和监测月报、季报。"]
    lines = ["部门（单位）整体支出绩效目标申报表", "单位名称：示例市环境监测站　　　　　　　主管部门：示例市生态环境局",
             "年度预算资金：总额 612.00万元（其中财政拨款 612.00万元，其他资金 0.00万元）", "部门职能概述："]
    for line in lines + [f"{n}.{duty}" for n, duty in enumerate(duties, 1)] + ["年度总体目标：", "1.完成监测任务。"]:
        pdf.multi_cell(0, 9, line, new_x="LMARGIN", new_y="NEXT")
    doc = parse_bytes(bytes(pdf.output()), "绩效目标申报表.pdf")
    assert doc.department == "示例市环境监测站"
    assert [duty.text for duty in doc.duties] == duties


def _pdf_of(pages: list[list[str]]) -> bytes:
    """An office's A4 page: 36 characters to a line, long lines broken wherever the margin falls."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode

    pdf = FPDF(format="A4", unit="mm")
    pdf.add_font("cjk", fname="/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
    pdf.set_margins(28, 20, 26)
    pdf.set_font("cjk", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6.8, line, wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _full(text: str, end: str = "", width: int = 36) -> str:
    """`text` padded to `width` characters before `end`, so that every such line reaches the margin."""
    return (text + "并做好相关工作" * 5)[:width - len(end)] + end


def test_a_list_after_a_lead_that_ends_at_the_margin_starts_its_own_line():
    """A poster printed to PDF: `…事业单位。我们的职责：` fills its line, `①…` opens the list under it."""
    duties = [_full(f"{mark}承担第{n}项乡村振兴技术服务", "；") for mark, n in zip("①②", "一二")] + \
        [_full("③开展人居环境整治指导", "。")]
    lead = _full("县乡村振兴服务中心是县农业农村局所属事业单位", "。我们的职责：")
    poster = _pdf_of([["招贤纳士", "示例县乡村振兴服务中心", lead, *duties, "【招聘岗位】", "综合管理岗　1名"]])
    assert [duty.label + duty.text for duty in parse_bytes(poster, "招聘海报.pdf").duties] == duties


def test_the_next_question_after_an_item_that_ends_at_the_margin_starts_its_own_line():
    items = ["贯彻执行退役军人工作的方针政策，拟订全县退役军人服务保障计划；",
             "负责退役士兵移交安置和教育培训、就业创业扶持工作；",
             "组织实施优待抚恤和褒扬纪念工作，管理辖区烈士纪念设施；", "负责军休干部和无军籍职工的接收安置和服务管理；",
             "指导乡镇（街道）退役军人服务站建设，做好退役军人权益维护和帮扶。"]
    faq = _pdf_of([["示例县人民政府门户网站", "首页 > 互动交流 > 常见问题", "常见问题（退役军人服务类）",
                    "问：县退役军人事务局主要负责哪些工作？",
                    "答：您好！根据机构改革方案，县退役军人事务局的主要职责是：",
                    *[f"{n}.{item}" for n, item in enumerate(items, 1)], "问：退役后档案应该交到哪里？",
                    "答：请在报到期限内持《退役证》到县退役军人服务中心档案窗口办理。", "（本栏目内容仅供参考）"]])
    assert [duty.text for duty in parse_bytes(faq, "常见问题.pdf").duties] == items


def test_a_form_s_next_field_and_part_after_an_item_that_ends_at_the_margin_start_their_own_lines():
    """`涉密岗位数：2个…` after the last duty, `二、自查项目` after that field: neither goes on the line before."""
    items = ["组织实施全县统计调查，收集、汇总和提供统计资料；", "组织实施人口、经济、农业等重大普查；",
             "对全县经济社会发展情况进行统计分析和监测预警；", "依法管理全县统计工作，监督检查统计法律法规的执行。"]
    checklist = _pdf_of([["机关单位保密工作自查表", "自查单位：示例县统计局", "一、单位基本情况", "单位主要职责：",
                          *[f"{n}.{item}" for n, item in enumerate(items, 1)],
                          "涉密岗位数：2个　　涉密人员：2人（均为一般涉密人员）", "二、自查项目",
                          "1.保密责任制是否落实：是", "2.涉密计算机是否与互联网物理隔离：是", "三、存在问题及整改措施",
                          "个别普查员对统计资料保密规定掌握不牢，已于12月组织专题培训。"]])
    assert [duty.text for duty in parse_bytes(checklist, "自查表.pdf").duties] == items


def test_a_label_alone_atop_a_page_that_goes_on_from_the_last_one_is_no_page_number():
    """A WeChat post printed to PDF: `08` opens page two, between `07` and `09` of the body."""
    duties = [f"负责第{n}项政务服务工作的组织实施。" for n in "一二三四五六七八九"]
    labelled = [part for n, duty in enumerate(duties, 1) for part in (f"0{n}", duty)]
    doc = parse_bytes(_pdf_of([["示例市行政审批服务局", "它主要管什么？", *labelled[:14], "- 1 -"],
                               [*labelled[14:], "- 2 -"]]), "公众号.pdf")
    assert [duty.text for duty in doc.duties] == duties


def test_html_navigation_and_footer_are_stripped():
    body = "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
    page = f"""<html><head><title>测试</title><script>var x=1;</script></head><body>
    <div class="top-nav"><a>首页</a><a>机构概况</a></div><nav><ul><li>政务公开</li></ul></nav>
    <div class="breadcrumb">当前位置：首页 &gt; 机构职能</div>
    <div class="article">{body}</div>
    <div class="share-bar">分享到：微信</div>
    <footer>版权所有：示例市人民政府 网站标识码 1234</footer></body></html>"""
    doc = parse_bytes(page.encode("utf-8"), "测试.html")
    assert doc.department == "示例市测试局"
    assert len(doc.duties) == 3
    assert not any("首页" in w or "版权" in w for w in doc.warnings)
    assert "版权所有" not in doc.divisions[-1].text


def test_short_utf8_lists_are_not_read_as_utf16():
    text = "示例市甲局\n示例市乙局\n示例市丙局\n"
    assert decode(text.encode("utf-8")) == text
    assert decode("（一）负责测试工作。".encode("utf-16-le")) == "（一）负责测试工作。"


def test_a_docx_table_of_divisions_with_a_header_row():
    """`机构名称 | 主要职责` over the table is the divisions' header, not a new 主要职责 section."""
    import docx

    word = docx.Document()
    for line in ("示例市水利局职能配置、内设机构和人员编制规定", "第三条 主要职责。",
                 "（一）负责保障水资源的合理开发利用。", "（二）负责生活、生产经营和生态环境用水的统筹和保障。",
                 "第四条 内设机构。市水利局设下列内设机构："):
        word.add_paragraph(line)
    rows = [("机构名称", "主要职责"), ("办公室", "负责机关日常运转工作。"), ("水资源科", "负责水资源保护工作。")]
    table = word.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    word.add_paragraph("第五条 人员编制。市水利局机关行政编制10名。")
    buffer = io.BytesIO()
    word.save(buffer)
    doc = parse_bytes(buffer.getvalue(), "水利局.docx")
    assert len(doc.duties) == 2
    assert [(d.name, d.duties) for d in doc.divisions] == [("办公室", ["负责机关日常运转工作"]),
                                                           ("水资源科", ["负责水资源保护工作"])]


TABLE_PAGE = ("<p align=\"center\"><b>沙河市重点任务分解表</b></p>\n<table border=\"1\">\n"
              "<tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>\n"
              "<tr><td>1</td><td>燃煤锅炉淘汰</td><td>市生态环境局</td><td>市市场监督管理局<br/>市工业和信息化局</td></tr>\n"
              "</table>\n<p>备注：每月报送进展。</p>\n")


def test_a_web_page_saved_as_txt_is_read_as_a_web_page():
    from docproc.read import read_bytes

    lines = read_bytes(TABLE_PAGE.encode("utf-8"), "任务分解表.txt").lines
    assert not any("<" in line for line in lines)
    assert lines[0] == "沙河市重点任务分解表"


def test_a_line_break_inside_a_web_table_cell_keeps_the_row_together():
    from docproc.read import read_bytes

    lines = read_bytes(TABLE_PAGE.encode("utf-8"), "任务分解表.html").lines
    row = next(line for line in lines if line.startswith("1"))
    assert re.search(r"\u3000市市场监督管理局 +市工业和信息化局$", row)


def test_a_text_that_mentions_a_tag_is_still_read_as_text():
    from docproc.read import read_bytes

    text = "沙河市网站管理办法\n第三条 网页中的<p>标签由市大数据中心统一维护。\n"
    assert read_bytes(text.encode("utf-8"), "办法.txt").lines[1].startswith("第三条 网页中的<p>")


def test_a_table_drawn_in_text_is_not_taken_for_lines_a_pdf_wrapped():
    from docproc.read import read_bytes

    rule = "+----+------------------+----------+------------+\n"
    rows = "".join(f"| {n}  | 第{n}项重点任务的内容 | 县第{n}局     | 县配合单位{n}   |\n{rule}" for n in range(1, 9))
    lines = read_bytes(("沙河县任务分解表\n+----+\n" + rows).encode("utf-8"), "任务.txt").lines
    assert sum(1 for line in lines if line.startswith("|")) == 8


def test_a_web_table_row_written_over_several_source_lines_stays_one_line():
    from docproc.read import read_bytes

    page = ("<html><body><table>\n<tr><th>序号</th><th>牵头单位</th><th>协同单位</th></tr>\n"
            "<tr><td>一</td>\n    <td>市人力资源和社会保障局</td>\n    <td>市总工会<br/>\n市城市管理局</td></tr>\n"
            "</table></body></html>")
    lines = read_bytes(page.encode("utf-8"), "分工表.html").lines
    assert re.fullmatch(r"一\u3000市人力资源和社会保障局\u3000市总工会 +市城市管理局", lines[1])


def test_rows_of_a_tab_separated_table_are_not_joined_as_wrapped_lines():
    from docproc.read import read_bytes

    rows = "".join(f"{n}\t第{n}项重点任务的具体内容和要求\t县第{n}局\t县配合单位第{n}个\t2018年{n}月底\n"
                   for n in range(1, 10))
    text = "沙河县任务分工表\n序号\t任务\t主办单位\t协办单位\t时限\n" + rows
    lines = read_bytes(text.encode("utf-8"), "表.txt").lines
    assert sum(1 for line in lines if "\t" in line or "　" in line or re.match(r"^\d", line)) >= 9
    assert not any("月底2" in line for line in lines)


def test_a_pdf_list_whose_items_end_without_stops_at_the_margin_keeps_each_item():
    """`（二）` after an item that fills its last line with no `；`: the next of the count opens its own item."""
    items = [_full("统筹全市综合交通运输体系建设，组织编制综合交通运输发展规划并监督实施", width=69),
             _full("负责全市公路、水路行业管理，指导城市客运和农村客运发展，承担运输市场监管", width=69),
             "承办市委、市政府交办的其他事项"]  # (`（一）` and 69 characters: two full lines)
    rules = _pdf_of([["示例市交通运输局职能配置、内设机构和人员编制规定", "第三条　示例市交通运输局承担以下职责：",
                      *[f"（{n}）{item}" for n, item in zip("一二三", items)], "第四条　示例市交通运输局设办公室。"]])
    assert [duty.text for duty in parse_bytes(rules, "三定.pdf").duties] == items


def test_a_standard_s_lettered_list_after_a_lead_at_the_margin_and_a_script_s_tag_after_an_item():
    duties = ["负责中心的日常运行管理和进驻事项的统一受理；", "组织推行综合窗口改革和集成服务；",
              "负责窗口工作人员的日常管理和考核。"]
    standard = _pdf_of([["示例市地方标准", "政务服务中心运行管理规范", "4　机构与职责",
                         _full("4.1　示例市政务服务中心（以下简称市政务服务中心）", "承担下列职责："),
                         *[f"{letter})　{duty}" for letter, duty in zip("abc", duties)],
                         "4.2　进驻部门应履行下列职责："]])
    assert [duty.text for duty in parse_bytes(standard, "运行管理规范.pdf").duties] == duties
    items = ["负责全市住房公积金归集、使用、管理和核算；", "审批住房公积金提取和个人住房贷款；",
             "编制住房公积金归集、使用计划和财务收支预算；",
             _full("负责住房公积金的保值和归还，受理缴存单位和职工的咨询投诉", "。", width=33)]
    advert = _pdf_of([["楼宇电视广告文案（15 秒版）", "【画面 2】字幕：“提取贷款，掌上就能办”", "【画面 3】字幕滚动：",
                       "市公积金中心主要职责：", *[f"{n}. {item}" for n, item in enumerate(items, 1)],
                       "【画面 4】口号：“安居路上，一路相伴”", "服务热线：12329",
                       "画面底部小字：发布：示例市住房公积金管理中心"]])
    assert [duty.text for duty in parse_bytes(advert, "广告文案.pdf").duties] == items


def test_the_next_three_fixed_s_title_in_a_collection_starts_its_own_line():
    """A 汇编 page: the closing sentence of one 三定 fills its line, the next one's title follows it."""
    closing = _full("本方案由县机构编制委员会办公室解释工作由县编委办承担", "。")
    page = _pdf_of([[closing, "示例县财政局主要职责内设机构和人员编制方案", "二、主要职责",
                     "（一）负责编制县级年度预算草案并组织执行。", "（二）负责全县会计管理工作。", "六、附则",
                     "本方案由县编委办解释。", "示例县人力资源和社会保障局主要职责内设机构和人员编制方案",
                     "根据《示例县人民政府机构改革方案》，设立县人力资源和社会保障局。"]])
    doc = parse_bytes(page, "机构编制文件汇编.pdf")
    assert (doc.department, len(doc.duties)) == ("示例县财政局", 2)


def test_an_ocr_copy_s_spaced_labels_open_their_items_in_a_pdf():
    """A scan's text layer `( 四 ) …` and `2 . …` after an item that fills its line with an ASCII stop."""
    items = [_full("执行国家和省关于水利工作的方针政策，编制全市水利发展规划及年度计划", ".", width=34),
             _full("统一管理全市水资源，实施取水许可制度和水资源有偿使用制度", ".", width=34),
             "承办市人民政府交办的其他事项."]
    rules = _pdf_of([["示例市水利局职能配置、内设机构和人员编制方案", "二 、 主 要 职 责",
                      *[f"( {n} ) {item}" for n, item in zip("一二三", items)], "三 、 内 设 机 构"]])
    assert [duty.text for duty in parse_bytes(rules, "水利局.pdf").duties] == items
    arabic = _pdf_of([["示例县粮食局职能配置、内设机构和人员编制方案", "一 、 主 要 职 责",
                       *[f"{n} . {item}" for n, item in enumerate(items, 1)], "二 、 内 设 机 构"]])
    assert [duty.text for duty in parse_bytes(arabic, "粮食局.pdf").duties] == items


def test_a_pdf_keeps_its_title_that_a_later_page_repeats_mid_page():
    """A copy laid out anew: the title atop page one stands again inside a later page, where the old page
    began, inside an item; it is the title there, a running head here, no part of the item."""
    numbers = "一二三四五六七八九十"
    items = [f"负责第{n}类测试事项的监督管理，组织实施相关政策和标准。" for n in numbers]
    title = "示例市测试局职能配置、内设机构和人员编制规定"
    listed = [f"（{n}）{item}" for n, item in zip(numbers, items)]
    rules = _pdf_of([[title, "第三条　示例市测试局的主要职责是：", *listed[:2]], [title, *listed[2:4]],
                     [title, *listed[4:6]], [*listed[6:8], listed[8][:-7], title, listed[8][-7:], listed[9]]])
    doc = parse_bytes(rules, "测试局.pdf")
    assert doc.department == "示例市测试局"
    assert [duty.text for duty in doc.duties] == items
