"""Word documents in the conventions of 党政机关公文格式 (GB/T 9704-2012), as far as an office's
reports need them: A4, margins 37/35/28/26 mm (top, bottom, left, right), body in 仿宋 三号
(16 pt) with a fixed 28-pt line, the title in 方正小标宋 二号 (22 pt) centred, first-level
headings in 黑体 三号 and second-level in 楷体 三号, page numbers `— 1 —` in 宋体 四号. Tables are
in 仿宋 小四 on single lines, as wide as the text, their header row repeated on each page; a
picture sits in a paragraph of its own with single spacing (a fixed 28-pt line would clip it).

Fonts are named as the office's Word has them (仿宋_GB2312 …); Word and LibreOffice substitute
what a machine lacks, so the names carry the intent. CJK text takes the `w:eastAsia` font, which
is set next to the Latin name.
"""
from __future__ import annotations

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TEXT_WIDTH_CM = 15.6  # 210 mm - 28 mm - 26 mm


def official_document(title: str):
    """A new python-docx Document with the styles and page set up, and its title."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        page_numbers(section)
    for style_name, font, size, bold in (("Normal", BODY_FONT, 16, False), ("Title", TITLE_FONT, 22, False),
                                         ("Heading 1", HEADING_FONT, 16, False),
                                         ("Heading 2", SUBHEADING_FONT, 16, False),
                                         ("List Bullet", BODY_FONT, 16, False)):
        style = document.styles[style_name]
        _font(style.font, style.element, font, size, bold)
        if style_name == "Normal":
            style.paragraph_format.line_spacing = Pt(28)
    _drop_title_rule(document.styles["Title"])
    title_paragraph = document.add_heading(title, level=0)
    title_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


def table(document, header: list[str], rows: list[list], widths: list[float]) -> None:
    """A table as wide as the text; `widths` are the columns' shares (any unit), `None` cells "—"."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    grid = document.add_table(rows=1, cols=len(header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        grid.add_row()
    total = sum(widths)
    columns = [Cm(TEXT_WIDTH_CM * share / total) for share in widths]
    for column, width in zip(grid.columns, columns):
        column.width = width  # the grid, which LibreOffice and WPS follow
    for number, row in enumerate(grid.rows):
        values = header if number == 0 else rows[number - 1]
        for cell, width, value in zip(row.cells, columns, values):
            cell.width = width  # the cells, which Word follows
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.paragraph_format.first_line_indent = Pt(0)
            run = paragraph.add_run("—" if value is None else str(value))
            _font(run.font, run._r, HEADING_FONT if number == 0 else BODY_FONT, 12, False)


def picture(document, data: bytes, width_cm: float) -> None:
    """A centred picture (a chart) in a single-spaced paragraph of its own."""
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.add_run().add_picture(io.BytesIO(data), width=Cm(min(width_cm, TEXT_WIDTH_CM)))


def _drop_title_rule(style) -> None:
    """python-docx's template draws a blue rule under the title; an official document has none."""
    from docx.oxml.ns import qn

    properties = style.element.pPr
    borders = properties.find(qn("w:pBdr")) if properties is not None else None
    if borders is not None:
        properties.remove(borders)


def _font(font, element, name: str, size: float, bold: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font.name = name
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)  # headings default to blue in python-docx's template
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def page_numbers(section) -> None:
    """`— N —` centred in the footer, N a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = ""):
        added = paragraph.add_run(text)
        added.font.size = Pt(14)
        added.font.name = PAGE_NUMBER_FONT
        added.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), PAGE_NUMBER_FONT)
        return added

    run("— ")
    page_field(run)
    run(" —")


def page_field(new_run) -> None:
    """A PAGE field in runs that `new_run()` adds (formatted as the caller's runs are); its cached
    value is 1 until Word or LibreOffice lays the page out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        part = new_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            part._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            part._r.append(instruction)
        else:
            part.text = text
