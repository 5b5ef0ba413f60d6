"""公文 layout (GB/T 9704-2012, 党政机关公文格式) for Word files made with python-docx: a 通报, a
反馈意见书 or any other document an office issues under its name. No Flask, no store: callers hand
in text, this module lays it out.

What is followed (section numbers of the standard):
- 5.2.1/5.2.2 A4 paper; margins 上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm, so the 版心 is 156 × 225 mm.
- 5.2.4/7.1 22 lines of 28 characters per page: body paragraphs have a fixed 28.95-pt line
  (225 mm / 22) and 3号 characters are set 0.25 pt closer, so 28 fill the 156-mm line. Word's own
  公文 templates get there with a "lines and characters" document grid instead, but LibreOffice
  gives a 3号 character two cells of that grid (14 characters a line), so the grid here carries
  only the line pitch and every paragraph is taken off it (`snapToGrid` 0 where it matters).
- 6 fonts: title 2号 (22 pt) 方正小标宋简体; body 3号 (16 pt) 仿宋_GB2312; first-level headings
  `一、` 3号 黑体, second-level `（一）` 3号 楷体_GB2312 (their text may run on in 仿宋 in the same
  paragraph, as offices write them); page numbers 4号 (14 pt) 半角 宋体. A run names its font for
  Latin and East Asian text alike, and the font table gives each 公文 font an alternative
  (`w:altName`, GB2312 charset) — 宋体 for 小标宋, 仿宋 for 仿宋_GB2312, 楷体 for 楷体_GB2312 — which
  Word substitutes on a machine without the 方正 or _GB2312 fonts.
- 7.2 版头 (optional, `red_header`): 发文机关标志 in red 小标宋 centred 35 mm below the top of the
  版心, sized to fit one line; 发文字号 (`示编办〔2026〕12号`) two lines below it, centred; a red
  分隔线 as wide as the 版心 4 mm below the 发文字号.
- 7.3.1 title two lines below the 分隔线 (at the top of the 版心 without a 版头), centred, a long
  title broken into two lines between words (before `情况的通报`, `评估` …), as evenly as they allow.
- 7.3.2 主送机关 one line below the title, flush left, ending in a full-width colon.
- 7.3.3 body paragraphs indented two characters, justified; no punctuation hanging past the right
  edge (`w:overflowPunct` 0, which Word honours; LibreOffice hangs a closing 。or ，anyway).
- 7.3.5.2 signature without a seal: the issuing office one line below the body, two characters
  from the right; the date (in Chinese numerals, `二〇二六年十二月二日`) on the next line starting
  two characters right of the office's first character (when it is longer, the date keeps two
  characters from the right and the office moves left).
- 7.3.6 附注 (contact person) below the date, two characters in, in parentheses.
- 7.5 page numbers `— 1 —` 7 mm below the 版心, odd pages on the right and even pages on the left,
  one character in.

What is not (python-docx or the platform cannot, or offices do it by hand): the seal (印章) and
its placement over the date; 份号, 密级 and 紧急程度; 签发人 for 上行文; the 版记 (抄送, 印发机关 and
印发日期 between two rules at the foot of the last even page); 附件说明 and attachments; the
exact glyph metrics of 方正小标宋 and 仿宋_GB2312 (the fonts are named, not embedded); the 35 mm
distance of the 发文机关标志 is a paragraph's space before, which Word applies at the top of the
first page but LibreOffice measures from the paragraph's line, not the glyphs' top edge.
"""
from __future__ import annotations

import io
import re
from datetime import date

from .safe_output import plain

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# What Word substitutes for each font on a machine without it (fontTable altName).
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体", HEADING_FONT: "SimHei",
             PAGE_NUMBER_FONT: "SimSun"}
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = 22, 16, 14, 12  # 2号, 3号, 4号, 小四 (pt)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95  # 579 twips: 22 lines fill the 225-mm 版心 (Word's 公文 templates use the same)
# 3号 characters set 0.25 pt closer: 28 of them (28 × 15.75 pt = 441 pt) fit the 156-mm (442.2-pt)
# line, where at their full 16 pt only 27 would.
CHAR_SPACING_PT = -0.25
RED = "FF0000"
PAGE_NUMBER_GAP_MM = 7  # from the 版心's lower edge to the top of the page number's dashes
_DIGITS = "〇一二三四五六七八九"
# Where a title may break into two lines: before these words, or after those.
_BREAK_BEFORE = ("情况的", "的通报", "的反馈意见", "的通知", "机构编制", "机构改革", "评估", "工作", "有关", "反馈意见")
_BREAK_AFTER = ("年度", "关于")
DOC_NUMBER = re.compile(r"(?P<org>[^\s〔〕\[\]()（）]{1,20})〔(?P<year>\d{4})〕(?P<serial>\d{1,5})号")
# The elements of w:pPr that the schema puts after w:snapToGrid and after w:pBdr (Word refuses a
# file whose elements are out of order).
_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                  "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
                  *_AFTER_SNAP)
_AFTER_CHARACTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                            "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                            "w:eastAsianLayout", "w:specVanish", "w:oMath")
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕", "［": "〔", "］": "〕",
                           "【": "〔", "】": "〕"})


class DocNumberError(ValueError):
    """A 发文字号 that is not written as 机关代字〔年份〕序号号; the message is Chinese."""


def chinese_number(value: int) -> str:
    """1–31 the way a 成文日期 writes months and days: 一 … 十, 十一, 二十, 二十一, 三十一."""
    tens, ones = divmod(value, 10)
    if not 0 < value < 100:
        raise ValueError(value)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def chinese_date(day: date) -> str:
    """The 成文日期 of a 公文: the year digit by digit with 〇 for zero, month and day in words:
    二〇二六年十二月二日 (GB/T 9704-2012 7.3.5.1 asks for 阿拉伯数字 since 2012, but offices that
    write the date in words, as the brief here asks, write it this way)."""
    year = "".join(_DIGITS[int(digit)] for digit in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def doc_number(text: str) -> str:
    """A 发文字号 in its standard form: 六角括号 around the year (`[ ]`, `( )`, `【 】` are taken
    for them), the serial without leading zeros or 第 (GB/T 9704 7.2.4: 不加“第”字，不编虚位)."""
    cleaned = re.sub(r"\s+", "", text).translate(_BRACKETS).replace("第", "")
    match = DOC_NUMBER.fullmatch(cleaned)
    if match is None:
        raise DocNumberError(f"发文字号“{text.strip()}”应写作 机关代字〔年份〕序号号，如 示编办〔2026〕12号")
    return f"{match['org']}〔{match['year']}〕{int(match['serial'])}号"


def width(text: str) -> float:
    """A text's width in full-width characters (Latin letters and digits are half-width)."""
    return sum(0.5 if ord(character) < 0x2000 else 1 for character in text)


def title_lines(title: str, per_line: int = 20) -> list[str]:
    """A title in one line, or two broken between words (before 情况的通报, 评估, 机构编制 …; after
    年度 or 关于), as evenly as the words allow (GB/T 9704 7.3.1: 回行时词意完整，排列对称)."""
    if width(title) <= per_line:
        return [title]
    cuts = {match.start() for word in _BREAK_BEFORE for match in re.finditer(re.escape(word), title)}
    cuts |= {match.end() for word in _BREAK_AFTER for match in re.finditer(re.escape(word), title)}
    fitting = [cut for cut in cuts if 0 < cut < len(title)
               and max(width(title[:cut]), width(title[cut:])) <= per_line]
    if not fitting:
        middle = (len(title) + 1) // 2
        return [title[:middle], title[middle:]]
    best = min(fitting, key=lambda cut: (abs(width(title[:cut]) - width(title[cut:])), cut))
    return [title[:best], title[best:]]


def signature_indents(issuer: str, dated: str) -> tuple[int, int]:
    """Right indents in characters of the issuer and of the date under it (GB/T 9704 7.3.5.2,
    without a seal): the issuer two characters from the right and the date starting two characters
    right of the issuer's first; a date that would then run past two characters from the right
    keeps those two and the issuer moves left."""
    return max(2, len(dated) + 4 - len(issuer)), max(2, len(issuer) - len(dated))


class Gongwen:
    """One 公文 being written: `red_header`, `title`, `addressee`, `paragraph`, `heading1/2`,
    `table`, `signature`, `note`, then `to_bytes`."""

    def __init__(self, *, author: str = "", title: str = ""):
        import docx

        self.document = docx.Document()
        properties = self.document.core_properties
        properties.author = plain(author)[:200]
        properties.title = plain(title)[:200]
        properties.comments = ""
        self.document.settings.odd_and_even_pages_header_footer = True
        _styles(self.document)
        _font_table(self.document)
        _chinese_language(self.document)
        section = self.document.sections[0]
        _page(section)
        _page_numbers(section)
        self._after_header = False  # the title sits two lines below a 版头's rule

    # --- paragraphs ----------------------------------------------------------------------------

    def _paragraph(self):
        return self.document.add_paragraph()

    def red_header(self, office: str, number: str | None = None) -> None:
        """The 版头: the issuing office's name in red 小标宋 (sized to fit one line), the 发文字号
        under it and a red rule as wide as the 版心."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        office = plain(office).strip()
        size = max(16, min(42, int(TEXT_WIDTH_MM / 25.4 * 72 * 0.96 / max(len(office), 1))))
        mark = self._paragraph()
        mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _off_grid(mark, space_before=Mm(35), line=Pt(size * 1.25))
        _run(mark, office, TITLE_FONT, size, color=RED)
        ruled = self._paragraph()
        ruled.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _off_grid(ruled, space_before=Pt(2 * LINE_PITCH_PT), line=Pt(LINE_PITCH_PT))
        _run(ruled, plain(number or ""), BODY_FONT, BODY_SIZE)
        _bottom_rule(ruled, RED, space_pt=11)  # 4 mm between the 发文字号 and the rule
        self._after_header = True

    def number_line(self, number: str) -> None:
        """The 发文字号 on its own, flush right (a document without a 版头)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        paragraph = self._paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _indent(paragraph, first=0)
        _run(paragraph, plain(number), BODY_FONT, BODY_SIZE)

    def title(self, text: str) -> None:
        """The title in 2号小标宋, centred, in one or two lines (two blank lines below a 版头)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self._paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        after_header = getattr(self, "_after_header", False)
        _off_grid(paragraph, space_before=Pt(2 * LINE_PITCH_PT if after_header else 0), line=Pt(35))
        run = None
        for line in title_lines(plain(text).strip()):
            if run is not None:
                run.add_break()  # a line break inside the one title paragraph
            run = _run(paragraph, line, TITLE_FONT, TITLE_SIZE)
        self._after_header = False

    def addressee(self, text: str) -> None:
        """The 主送机关 one line below the title, flush left, ending in a full-width colon."""
        from docx.shared import Pt

        text = plain(text).strip().rstrip(":：")
        paragraph = self._paragraph()
        paragraph.paragraph_format.space_before = Pt(LINE_PITCH_PT)
        _indent(paragraph, first=0)
        _run(paragraph, text + "：", BODY_FONT, BODY_SIZE)

    def paragraph(self, text: str, *, indent: bool = True, keep_with_next: bool = False) -> None:
        """A body paragraph in 3号仿宋, two characters in (`keep_with_next`: on the page of what
        follows, as the sentence that introduces a table)."""
        paragraph = self._paragraph()
        paragraph.paragraph_format.keep_with_next = keep_with_next or None
        _indent(paragraph, first=2 if indent else 0)
        _run(paragraph, plain(text), BODY_FONT, BODY_SIZE)

    def heading1(self, text: str) -> None:
        """A first-level heading (`一、…`) in 黑体, on a line of its own."""
        paragraph = self._paragraph()
        paragraph.style = self.document.styles["Heading 1"]
        _indent(paragraph, first=2)
        _run(paragraph, plain(text), HEADING_FONT, BODY_SIZE)

    def heading2(self, text: str, run_on: str = "") -> None:
        """A second-level heading (`（一）…。`) in 楷体; `run_on` continues the paragraph in 仿宋."""
        paragraph = self._paragraph()
        paragraph.style = self.document.styles["Heading 2"]
        _indent(paragraph, first=2)
        _run(paragraph, plain(text), SUBHEADING_FONT, BODY_SIZE)
        if run_on:
            # a paragraph of text now, not a heading to keep with what follows (a chain of such
            # paragraphs would be kept together and leave pages half empty)
            paragraph.paragraph_format.keep_with_next = False
            _run(paragraph, plain(run_on), BODY_FONT, BODY_SIZE)

    def table(self, header: list[str], rows: list[list], widths: list[float],
              centred: tuple[int, ...] = ()) -> None:
        """A table as wide as the 版心 in 小四 (header in 黑体, cells in 仿宋), its header row repeated
        on each page; `widths` are the columns' shares, `centred` the columns set in the middle."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Mm, Pt

        grid = self.document.add_table(rows=1 + len(rows), cols=len(header))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        grid.rows[0]._tr.get_or_add_trPr().append(repeat)
        total = sum(widths)
        columns = [Mm(TEXT_WIDTH_MM * share / total) for share in widths]
        for column, width in zip(grid.columns, columns):
            column.width = width  # the grid, which LibreOffice and WPS follow
        for number, row in enumerate(grid.rows):
            values = header if number == 0 else rows[number - 1]
            for index, (cell, width, value) in enumerate(zip(row.cells, columns, values)):
                cell.width = width  # the cells, which Word follows
                paragraph = cell.paragraphs[0]
                _off_grid(paragraph, line=Pt(TABLE_SIZE * 1.5))
                _indent(paragraph, first=0)
                if number == 0 or index in centred:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, "—" if value is None else plain(str(value)),
                     HEADING_FONT if number == 0 else BODY_FONT, TABLE_SIZE)

    def signature(self, issuer: str, issued_on: date) -> None:
        """落款 without a seal: the issuing office, then the 成文日期 in Chinese numerals."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        issuer, dated = plain(issuer).strip(), chinese_date(issued_on)
        issuer_indent, date_indent = signature_indents(issuer, dated)
        if self.document.paragraphs:
            # the 落款 never stands alone on a page (7.3.5.4): the last body paragraph goes with it
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        for text, right, before in ((issuer, issuer_indent, LINE_PITCH_PT), (dated, date_indent, 0)):
            paragraph = self._paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.space_before = Pt(before)
            paragraph.paragraph_format.keep_with_next = True  # the date with its office, the 附注 with both
            _indent(paragraph, first=0, right=right)
            _run(paragraph, text, BODY_FONT, BODY_SIZE)

    def note(self, text: str) -> None:
        """附注 (e.g. the contact person) below the date, two characters in, in parentheses."""
        text = plain(text).strip().strip("()（）")
        if text:
            self.paragraph(f"（{text}）")

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


# --- page, styles, fonts ------------------------------------------------------------------------

def _page(section) -> None:
    """A4, the margins, the grid of 22 lines × 28 characters and the footer's place."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    # the footer's baseline paragraph: its top (the dashes) 7 mm below the 版心
    section.footer_distance = Mm(MARGINS_MM["bottom"] - PAGE_NUMBER_GAP_MM) - Pt(PAGE_NUMBER_SIZE * 1.2)
    # the line pitch Word's 页面设置 shows; the lines themselves are fixed by the paragraphs' line
    # spacing, the 28 characters by the styles' character spacing (see CHAR_SPACING_PT)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))


def _styles(document) -> None:
    """Normal is the body (3号仿宋, fixed 28.95-pt line, justified, two characters in); the
    heading styles keep their outline level (Word's navigation pane) in 黑体 and 楷体 3号, black,
    not bold; no style keeps the template's theme fonts, which would win over the names set."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    defaults = document.styles.element.find(_w("docDefaults"))
    spacing = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}/{_w('spacing')}")
    if spacing is not None:  # the template's 10-pt space after every paragraph
        spacing.getparent().remove(spacing)
    fonts = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}/{_w('rFonts')}")
    if fonts is not None:
        _set_fonts(fonts, BODY_FONT)
    for name, font in (("Normal", BODY_FONT), ("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
        style = document.styles[name]
        style.font.size = Pt(BODY_SIZE)
        style.font.bold = False
        _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts(), font)
        color = style.element.rPr.find(_w("color"))
        if color is not None:
            style.element.rPr.remove(color)
        _condensed(style.element.get_or_add_rPr())
        # on each style: LibreOffice's headings take their paragraph settings from its own
        # "Heading" style, not from Normal
        _no_hanging_punctuation(style.element.get_or_add_pPr())
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(LINE_PITCH_PT)
        layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        layout.widow_control = False  # a fixed grid: a line left alone is still on the grid
        if name != "Normal":
            layout.keep_with_next = True


def _no_hanging_punctuation(properties) -> None:
    """No 。，at the end of a line hanging into the margin (LibreOffice's default): the text stays
    inside the 版心."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "0")
    properties.insert_element_before(overflow, *_AFTER_BORDERS[_AFTER_BORDERS.index("w:topLinePunct"):])


def _condensed(properties) -> None:
    """Characters CHAR_SPACING_PT closer (w:spacing in twentieths of a point)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    spacing = properties.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        properties.insert_element_before(spacing, *_AFTER_CHARACTER_SPACING)
    spacing.set(qn("w:val"), str(round(CHAR_SPACING_PT * 20)))


def _set_fonts(fonts, name: str) -> None:
    from docx.oxml.ns import qn

    for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)
    for kind in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{kind}"), name)


def _font_table(document) -> None:
    """Each 公文 font in the font table with its GB2312 charset and the font Word substitutes."""
    from lxml import etree

    part = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    table = etree.fromstring(part.blob)
    for name, alternative in FALLBACKS.items():
        font = etree.SubElement(table, _w("font"))
        font.set(_w("name"), name)
        for tag, value in (("altName", alternative), ("charset", "86"), ("family", "modern"),
                           ("pitch", "variable")):
            etree.SubElement(font, _w(tag)).set(_w("val"), value)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _chinese_language(document) -> None:
    """Chinese as the East Asian language (line breaking and punctuation rules), not the
    template's Japanese and English."""
    from docx.oxml.ns import qn

    for element in document.styles.element.iter(qn("w:lang")):
        element.set(qn("w:eastAsia"), "zh-CN")
    for element in document.settings.element.iter(qn("w:themeFontLang")):
        element.set(qn("w:eastAsia"), "zh-CN")


def _page_numbers(section) -> None:
    """`— N —` in 4号半角宋体, odd pages one character in from the right, even pages from the left."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        _off_grid(paragraph, line=Pt(PAGE_NUMBER_SIZE * 1.2))
        layout = paragraph.paragraph_format
        layout.first_line_indent = Pt(0)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            layout.right_indent = Pt(PAGE_NUMBER_SIZE)
        else:
            layout.left_indent = Pt(PAGE_NUMBER_SIZE)
        _run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        _page_field(paragraph)
        _run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _page_field(paragraph) -> None:
    from .wordstyle import page_field

    page_field(lambda: _run(paragraph, "", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE))


# --- runs and paragraphs -----------------------------------------------------------------------

def _run(paragraph, text: str, font: str, size: float, *, color: str | None = None):
    """A run naming its font for every script (so WPS and LibreOffice agree with Word)."""
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = False
    run.font.color.rgb = RGBColor.from_string(color or "000000")
    _set_fonts(run._r.get_or_add_rPr().get_or_add_rFonts(), font)
    return run


def _indent(paragraph, *, first: int = 2, right: int = 0) -> None:
    """Indents in characters (Word reads `…Chars`, others the points beside them)."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    layout = paragraph.paragraph_format
    layout.first_line_indent = Pt(BODY_SIZE * first)
    if right:
        layout.right_indent = Pt(BODY_SIZE * right)
    indent = paragraph._p.get_or_add_pPr().find(qn("w:ind"))
    indent.set(qn("w:firstLineChars"), str(first * 100))
    if right:
        indent.set(qn("w:rightChars"), str(right * 100))


def _off_grid(paragraph, *, line, space_before=None) -> None:
    """A paragraph off the character grid with its own fixed line (titles, 版头, tables, footers)."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP)
    layout = paragraph.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = line
    layout.space_before = space_before if space_before is not None else Pt(0)
    layout.space_after = Pt(0)


def _bottom_rule(paragraph, color: str, *, space_pt: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", str(space_pt)), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)


def _w(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(f"w:{tag}")
