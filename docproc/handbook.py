"""The 职责边界清单 as a handbook (一本通): confirmed matters grouped by field, with an index.

`matters(findings, decisions)` turns the findings staff confirmed into numbered
matters ordered by field (领域); `write_docx(matters, target)` writes the
handbook: a title, an index of the fields with the matters under each (linked
to the field's section), then per field a table 序号/事项/主办/协办/分工/依据.
Chinese text is set in 宋体 / 黑体 through `w:eastAsia`, which Word uses for CJK
characters (the plain font name only covers Latin text).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from .boundary import Decision, basis_of, rows
from .findings import Finding
from .numerals import to_chinese
from .safe_output import plain, scrubbed
from .wordstyle import page_numbers

OTHER = "其他"
TABLE_COLUMNS = ["序号", "事项", "主办部门", "协办部门", "职责分工", "依据"]
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


@dataclass
class Matter:
    """One confirmed matter of the list."""
    no: int
    topic: str
    matter: str
    lead: str
    assisting: list[str] = field(default_factory=list)
    division_of_work: str = ""
    basis: str = ""
    departments: list[str] = field(default_factory=list)
    key: str = ""


@dataclass(frozen=True)
class Layout:
    """What a handbook's tables hold: the columns with their widths (cm), a matter's cells, the
    note beside each matter in the index, and the line shown when there is no matter. The 职责边界清单
    of confirmed findings is the default; the registers (审批监管清单, 属地管理清单) bring their own."""
    columns: tuple[str, ...]
    widths_cm: tuple[float, ...]
    cells: Callable[[Matter], list[str]]
    index_note: Callable[[Matter], str]
    empty: str = "暂无已确认的事项。"


def _boundary_cells(matter: Matter) -> list[str]:
    return [str(matter.no), matter.matter, matter.lead, "、".join(matter.assisting) or "—",
            matter.division_of_work or "—", matter.basis or "—"]


BOUNDARY_LAYOUT = Layout(tuple(TABLE_COLUMNS), (1.3, 4.2, 3.6, 3.6, 6.2, 6.8), _boundary_cells,
                         lambda matter: f"　主办：{matter.lead}")


def topic_order(topic: str | None) -> tuple:
    """Sort key for fields: alphabetical, with 其他 (and no field) last."""
    return (topic in (None, "", OTHER), topic or "")


def matters(findings: list[Finding], decisions: dict[str, Decision]) -> list[Matter]:
    """The confirmed findings as matters, by field (其他 last) then score, numbered from 1."""
    confirmed = [f for f in findings
                 if decisions.get(f.key) is not None and decisions[f.key].status == "confirmed"]
    by_key = {finding.key: finding for finding in confirmed}
    table = sorted(rows(confirmed, decisions), key=lambda row: topic_order(row.topic))
    out = []
    for number, row in enumerate(table, start=1):
        finding, decision = by_key[row.key], decisions[row.key]
        out.append(Matter(no=number, topic=row.topic or OTHER, matter=row.matter, lead=row.lead,
                          assisting=list(row.assisting),
                          division_of_work=decision.division_of_work,
                          basis=basis_of(finding, decision.division_of_work),
                          departments=list(row.departments), key=row.key))
    return out


def fields(items: list[Matter]) -> list[tuple[str, list[Matter]]]:
    """The matters grouped by field, in their order."""
    groups: dict[str, list[Matter]] = {}
    for item in items:
        groups.setdefault(item.topic, []).append(item)
    return list(groups.items())


def write_docx(items: list[Matter], target: str | Path | IO[bytes], title: str = "职责边界清单",
               subtitle: str | None = None, layout: Layout = BOUNDARY_LAYOUT) -> None:
    """Write the handbook as a .docx to a path or a binary stream."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    items, title, subtitle = scrubbed((items, title, subtitle))
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    page_numbers(section)
    _styles(document, Pt)

    groups = fields(items)
    heading = document.add_paragraph(title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    summary = subtitle or f"共 {len(groups)} 个领域、{len(items)} 项事项 · {date.today():%Y年%m月%d日}"
    note = document.add_paragraph(summary)
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER

    document.add_heading("目录", level=1)
    if not groups:
        document.add_paragraph(layout.empty)
    for index, (topic, matters_of_field) in enumerate(groups, start=1):
        entry = document.add_paragraph(style="Index Field")
        _link(entry, f"field_{index}", f"{to_chinese(index)}、{topic}（{len(matters_of_field)} 项）")
        for matter in matters_of_field:
            line = document.add_paragraph(style="Index Matter")
            line.add_run(f"{matter.no}. {matter.matter}")
            beside = plain(layout.index_note(matter))  # a layout's cells may read text scrubbed() never saw
            if beside:
                line.add_run(beside).italic = True

    widths = [Cm(width) for width in layout.widths_cm]
    for index, (topic, matters_of_field) in enumerate(groups, start=1):
        part = document.add_heading(level=1)
        part.paragraph_format.page_break_before = index == 1
        _bookmark(part, f"field_{index}", f"{to_chinese(index)}、{topic}", index)
        table = document.add_table(rows=1, cols=len(layout.columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _repeat_header(table.rows[0])
        for cell, name in zip(table.rows[0].cells, layout.columns):
            cell.text = ""
            run = cell.paragraphs[0].add_run(name)
            run.bold = True
            _shade(cell, "DDE6F4")
        for matter in matters_of_field:
            values = [plain(value) for value in layout.cells(matter)]
            cells = table.add_row().cells
            for cell, value in zip(cells, values):
                cell.text = value
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width  # the grid, which LibreOffice and WPS follow
        for row in table.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width  # the cells, which Word follows
    document.save(target if not isinstance(target, Path) else str(target))


def _set_fonts(style, name: str) -> None:
    """Set the Latin and East Asian font of a style (and drop theme fonts that override them)."""
    from docx.oxml.ns import qn

    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _styles(document, Pt) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import RGBColor

    styles = document.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 13)):
        style = styles[name]
        _set_fonts(style, HEADING_FONT)
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = name != "Title"
    title = styles["Title"]
    title_borders = title.element.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr") \
        if title.element.pPr is not None else None
    if title_borders is not None:
        title.element.pPr.remove(title_borders)
    field_style = styles.add_style("Index Field", WD_STYLE_TYPE.PARAGRAPH)
    field_style.base_style = normal
    _set_fonts(field_style, HEADING_FONT)
    field_style.font.size = Pt(12)
    field_style.paragraph_format.space_before = Pt(8)
    field_style.paragraph_format.space_after = Pt(2)
    matter_style = styles.add_style("Index Matter", WD_STYLE_TYPE.PARAGRAPH)
    matter_style.base_style = normal
    matter_style.paragraph_format.left_indent = Pt(21)
    matter_style.paragraph_format.space_after = Pt(0)
    if "Table Grid" in [s.name for s in styles]:
        _set_fonts(styles["Table Grid"], BODY_FONT)


def _bookmark(paragraph, name: str, text: str, number: int) -> None:
    """Put `text` in the paragraph inside a bookmark the index links to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.append(start)
    paragraph.add_run(text)
    paragraph._p.append(end)


def _link(paragraph, anchor: str, text: str) -> None:
    """An internal hyperlink to a bookmark (Ctrl+click in Word jumps to the field)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "1D4ED8")
    run_properties.append(color)
    run.append(run_properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _repeat_header(row) -> None:
    """Repeat the header row at the top of every page the table runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _shade(cell, color: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    cell._tc.get_or_add_tcPr().append(shading)
