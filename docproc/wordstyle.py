"""Word documents in the conventions of 党政机关公文格式 (GB/T 9704-2012), as far as an office's
reports need them: A4, margins 37/35/28/26 mm (top, bottom, left, right), body in 仿宋 三号
(16 pt) with a fixed 28-pt line, the title in 方正小标宋 二号 (22 pt) centred, first-level
headings in 黑体 三号 and second-level in 楷体 三号, page numbers `— 1 —` in 宋体 四号.

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
        _page_numbers(section)
    for style_name, font, size, bold in (("Normal", BODY_FONT, 16, False), ("Title", TITLE_FONT, 22, False),
                                         ("Heading 1", HEADING_FONT, 16, False),
                                         ("Heading 2", SUBHEADING_FONT, 16, False),
                                         ("List Bullet", BODY_FONT, 16, False)):
        style = document.styles[style_name]
        _font(style.font, style.element, font, size, bold)
        if style_name == "Normal":
            style.paragraph_format.line_spacing = Pt(28)
    title_paragraph = document.add_heading(title, level=0)
    title_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return document


def _font(font, element, name: str, size: float, bold: bool) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    font.name = name
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)  # headings default to blue in python-docx's template
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _page_numbers(section) -> None:
    """`— N —` centred in the footer, N a PAGE field."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
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
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        part = run()
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
    run(" —")
