"""HTML pages: the article text without navigation, headers, footers and share bars."""
from __future__ import annotations

import re

from ..errors import ParseError
from ..model import RawText
from .text import decode, split_lines

_DROP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "button", "select", "template", "svg", "head", "menu"}
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "hr"}
_CHROME = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|footer|foot|share|sidebar|side|"
    r"copyright|banner|topbar|toolbar|search|login|related|comment|ad|ads|advert)([\s_-]|$)",
    re.I)
_CHROME_LINES = re.compile(
    r"^(首页|网站首页|当前位置|您现在的位置|您的位置|分享到|打印本页|关闭窗口|【打印】|【关闭】|"
    r"字号|返回顶部|上一篇|下一篇|网站标识码|ICP备|京ICP|"
    r"技术支持|联系我们|网站地图|扫一扫|浏览次数|发布时间[:：]?\s*$)")
_CRUMBS = re.compile(r"\S\s*[>＞»]\s*\S")
# (`版权所有：X市港口管理局` and `主办单位：…` stay: the page's owner may be the only place that names the
# department in full; structure reads them as the page's footer)


def read_html(data: bytes) -> RawText:
    """Extract the readable text of an HTML page into lines."""
    import lxml.html
    from lxml import etree

    text = decode(data)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ParseError("网页文件无法解析") from None
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            element.drop_tree() if element.getparent() is not None else None
            continue
        if element.getparent() is None:
            continue
        tag = element.tag.lower()
        marker = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("role"))))
        if tag == "header" and _inside_article(element):
            continue
        if tag in _DROP_TAGS or (marker and _CHROME.search(marker) and tag not in ("body", "html")):
            element.drop_tree()
    _spread_row_spans(root)
    body = root.find("body")
    pieces: list[str] = []
    _collect(body if body is not None else root, pieces)
    # A line that starts like chrome but goes on in sentences is a whole page run onto one line
    # (`首页 > 机构职能 … 1.贯彻执行…。2.负责…。`): the text is in it. A breadcrumb in the article
    # (`您现在的位置：首页 > 直属单位 > X市中心血站`) may be the only place that names the department.
    lines = [line for line in split_lines("".join(pieces))
             if not _CHROME_LINES.match(line) or line.count("。") >= 2 or _CRUMBS.search(line)]
    from .pdf import paged_chrome

    dropped = paged_chrome(lines)  # a gazette's PDF put on the web keeps `— 37 —` and the running head
    heads = [lines[index] for index in sorted(dropped)]
    lines = [line for index, line in enumerate(lines) if index not in dropped]
    if not lines:
        raise ParseError("网页中没有正文文字")
    return RawText(lines=lines, format="html", running_heads=heads)


def _spread_row_spans(root) -> None:
    """A cell spanning rows (`<td rowspan="2">市住建局</td>`, one lead for two tasks) copied into each
    row it spans, at its column, so that every row reads whole."""
    from copy import deepcopy

    for table in root.iter("table"):
        pending: dict[int, list] = {}  # column -> [rows still to fill, cell]
        for row in (r for r in table.iter("tr") if r.getparent() is not None):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            column, placed = 0, []
            for cell in cells:
                while column in pending:
                    placed.append((column, None))
                    column += 1
                placed.append((column, cell))
                column += int(cell.get("colspan", "1")) if cell.get("colspan", "1").isdigit() else 1
            while column in pending:
                placed.append((column, None))
                column += 1
            anchor = None
            for column, cell in placed:
                if cell is None:
                    copy = deepcopy(pending[column][1])
                    copy.attrib.pop("rowspan", None)
                    copy.tail = None
                    if anchor is None:
                        row.insert(0, copy)
                    else:
                        anchor.addnext(copy)
                    anchor = copy
                    pending[column][0] -= 1
                    if pending[column][0] <= 0:
                        del pending[column]
                else:
                    anchor = cell
                    span = cell.get("rowspan", "1")
                    if span.isdigit() and int(span) > 1:
                        pending[column] = [int(span) - 1, cell]


def _collect(element, out: list[str], depth: int = 0, in_cell: bool = False, in_row: bool = False) -> None:
    """Text in document order with a line break around block elements; inside a table cell a
    space, as the .docx reader joins a cell's paragraphs (`市商务局<br/>市公安局` stays in its row),
    and the source's line breaks between the cells of a row go (a row written over several lines)."""
    if depth > 200:
        return
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    cell = tag in ("td", "th")
    row = in_row or tag == "tr"
    block = tag in _BLOCK_TAGS and not cell
    breaks = block and not (in_row and not in_cell)  # a row's parts between its cells break no line
    mark = " " if in_cell else "\n"
    if breaks:
        out.append(mark)
    if element.text:
        out.append(_in_row(element.text, row, in_cell or cell))
    for child in element:
        _collect(child, out, depth + 1, in_cell or cell, row)
        if child.tail:
            out.append(_in_row(child.tail, row, in_cell or cell))
    if breaks:
        out.append(mark)
    elif cell:
        out.append("\u3000")  # cells apart, as the .docx reader joins them


def _in_row(text: str, row: bool, cell: bool) -> str:
    if not row:
        return text
    if not cell and not text.strip():
        return ""  # layout whitespace between the cells of one row
    return re.sub(r"\s*\n\s*", " ", text)


def _inside_article(element) -> bool:
    """A <header> inside the article holds its title, not page chrome."""
    parent = element.getparent()
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag.lower() in ("article", "main"):
            return True
        parent = parent.getparent()
    return False
