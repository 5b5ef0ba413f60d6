"""The 公文 layout (docproc/gongwen.py, GB/T 9704-2012) read back with python-docx: page, margins,
fonts of the title, body and headings, the 版头, the 落款 and the page numbers in the footers; and
the helpers behind them (成文日期 in Chinese numerals, 发文字号, title lines, signature indents)."""
from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docproc.gongwen import (
    DocNumberError,
    Gongwen,
    chinese_date,
    doc_number,
    signature_indents,
    title_lines,
    width,
)

ISSUER = "示例市机构编制委员会办公室"


@pytest.mark.parametrize("day, text", [
    (date(2026, 12, 2), "二〇二六年十二月二日"),
    (date(2030, 10, 31), "二〇三〇年十月三十一日"),
    (date(2027, 1, 20), "二〇二七年一月二十日"),
    (date(2026, 11, 11), "二〇二六年十一月十一日"),
    (date(2008, 5, 10), "二〇〇八年五月十日"),
])
def test_the_date_is_written_in_chinese_numerals(day, text):
    assert chinese_date(day) == text


@pytest.mark.parametrize("typed, number", [
    ("示编办〔2026〕12号", "示编办〔2026〕12号"),
    ("示编办[2026]12号", "示编办〔2026〕12号"),
    ("示编办（2026）第012号", "示编办〔2026〕12号"),
    (" 示编办【2026】 3号 ", "示编办〔2026〕3号"),
])
def test_a_doc_number_gets_hexagonal_brackets_and_no_padding(typed, number):
    assert doc_number(typed) == number


@pytest.mark.parametrize("typed", ["12号", "示编办2026年12号", "示编办〔26〕12号", "示编办〔2026〕号"])
def test_a_malformed_doc_number_is_named_in_chinese(typed):
    with pytest.raises(DocNumberError, match="应写作 机关代字〔年份〕序号号，如 示编办〔2026〕12号"):
        doc_number(typed)


def test_a_long_title_breaks_between_words_and_evenly():
    assert title_lines("关于2026年度机构编制评估情况的通报") == ["关于2026年度机构编制评估情况的通报"]
    lines = title_lines("关于2026年度市直部门机构编制评估情况的通报")
    assert lines == ["关于2026年度市直部门", "机构编制评估情况的通报"]
    assert all(width(line) <= 20 for line in lines)
    lines = title_lines("关于示例市2026年度市直部门机构改革评估工作情况的反馈意见")
    assert "".join(lines) == "关于示例市2026年度市直部门机构改革评估工作情况的反馈意见" and len(lines) == 2


def test_the_signature_keeps_two_characters_right_and_the_date_moves_two_right_of_it():
    # 13 characters of issuer, 10 of date: the issuer 2 from the right, the date starts 2 right of it
    assert signature_indents(ISSUER, "二〇二六年十二月二日") == (2, 3)
    # a date longer than the issuer keeps 2 from the right; the issuer moves left to start 2 before it
    issuer_indent, date_indent = signature_indents("示例县编办", "二〇二六年十二月二十二日")
    assert date_indent == 2 and 28 - issuer_indent - 5 == 28 - date_indent - 12 - 2


def _document(red_header: bool = True) -> docx.document.Document:
    writer = Gongwen(author=ISSUER, title="测试通报")
    if red_header:
        writer.red_header(ISSUER, "示编办〔2026〕12号")
    writer.title("关于2026年度机构编制评估情况的通报")
    writer.addressee("市直各有关单位")
    writer.paragraph("按照2026年度机构编制评估工作安排，我办对4个单位开展了机构编制评估。")
    writer.heading1("一、评估基本情况")
    writer.heading2("（一）职责交叉和协作配合方面。", "共2个问题。")
    writer.table(["名次", "单位"], [[1, "示例市水利局"], [2, None]], [1, 4])
    writer.signature(ISSUER, date(2026, 12, 2))
    writer.note("联系人：张三，0000-1234567")
    return docx.Document(io.BytesIO(writer.to_bytes()))


def _mm(length) -> float:
    """A length in mm to a tenth (Word stores twentieths of a point)."""
    return round(length / 36000, 1)


def _font(run) -> str:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text.startswith(text))


def test_page_margins_and_the_fixed_line_of_the_body():
    document = _document()
    [section] = document.sections
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    assert [_mm(section.top_margin), _mm(section.bottom_margin), _mm(section.left_margin),
            _mm(section.right_margin)] == [37, 35, 28, 26]
    assert _mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert _mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and normal.line_spacing == Pt(28.95)
    assert round(Mm(225) / normal.line_spacing) == 22  # 22 lines a page
    # 28 characters of 3号 (16 pt) set 0.25 pt closer fit the 156-mm line
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert 28 * (16 + int(spacing.get(qn("w:val"))) / 20) <= Mm(156).pt < 27 * 16 + 16


def test_fonts_of_the_title_the_body_and_the_headings():
    document = _document()
    title = _paragraph(document, "关于2026年度")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [(_font(r), r.font.size) for r in title.runs] == [("方正小标宋简体", Pt(22))]
    body = _paragraph(document, "按照2026年度")
    assert [(_font(r), r.font.size) for r in body.runs] == [("仿宋_GB2312", Pt(16))]
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:ascii")) == "仿宋_GB2312"  # digits in 仿宋 too
    heading = _paragraph(document, "一、评估基本情况")
    assert [(_font(r), r.font.size, r.font.bold) for r in heading.runs] == [("黑体", Pt(16), False)]
    second = _paragraph(document, "（一）")
    assert [(_font(r), r.text) for r in second.runs] == [("楷体_GB2312", "（一）职责交叉和协作配合方面。"),
                                                       ("仿宋_GB2312", "共2个问题。")]
    addressee = _paragraph(document, "市直各有关单位")
    assert addressee.text == "市直各有关单位：" and addressee.paragraph_format.first_line_indent == Pt(0)
    # no theme font left to win over the names (Word prefers w:asciiTheme to w:ascii)
    for style in ("Normal", "Heading 1", "Heading 2"):
        fonts = document.styles[style].element.rPr.rFonts
        assert fonts.get(qn("w:asciiTheme")) is None and fonts.get(qn("w:eastAsiaTheme")) is None


def test_the_font_table_names_a_fallback_for_each_font():
    document = _document()
    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    xml = part.blob.decode("utf-8")
    for font, fallback in (("方正小标宋简体", "宋体"), ("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert f'w:name="{font}"><w:altName w:val="{fallback}"/><w:charset w:val="86"/>' in xml


def test_the_red_header_the_signature_and_the_note():
    document = _document()
    mark, number = document.paragraphs[0], document.paragraphs[1]
    assert mark.text == ISSUER and mark.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert _font(mark.runs[0]) == "方正小标宋简体" and _mm(mark.paragraph_format.space_before) == 35
    assert number.text == "示编办〔2026〕12号" and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000" and rule.get(qn("w:val")) == "single"
    texts = [p.text for p in document.paragraphs]
    assert texts[-3:] == [ISSUER, "二〇二六年十二月二日", "（联系人：张三，0000-1234567）"]
    issuer, dated = document.paragraphs[-3], document.paragraphs[-2]
    assert issuer.alignment == dated.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert (issuer.paragraph_format.right_indent, dated.paragraph_format.right_indent) == (Pt(32), Pt(48))
    plain = _document(red_header=False)
    assert plain.paragraphs[0].text == "关于2026年度机构编制评估情况的通报"
    assert "FF0000" not in plain.element.xml


def test_page_numbers_are_outside_odd_right_even_left():
    document = _document()
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
                                    (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent")):
        [paragraph] = footer.paragraphs
        xml = paragraph._p.xml
        assert paragraph.alignment == alignment and getattr(paragraph.paragraph_format, side) == Pt(14)
        assert "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>" in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert {r.font.size for r in paragraph.runs} == {Pt(14)} and {_font(r) for r in paragraph.runs} == {"宋体"}


def test_table_cells_are_off_the_grid_in_small_four():
    document = _document()
    [grid] = document.tables
    assert [[c.text for c in row.cells] for row in grid.rows] == [["名次", "单位"], ["1", "示例市水利局"], ["2", "—"]]
    header, cell = grid.rows[0].cells[0].paragraphs[0], grid.rows[1].cells[1].paragraphs[0]
    assert (_font(header.runs[0]), _font(cell.runs[0])) == ("黑体", "仿宋_GB2312")
    assert cell.runs[0].font.size == Pt(12)
    assert sum(column.width for column in grid.columns) == pytest.approx(Mm(156), abs=Mm(0.1))
