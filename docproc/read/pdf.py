"""PDF text layer: page chrome removed and lines broken by the layout joined again.

pypdfium2 reads the text layer about 50x faster than pdfplumber (see bench/README.md and
bench/parse_bench.py); pdfplumber (pdfminer) is kept as the fallback for files
that PDFium refuses but are not encrypted.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import NamedTuple

from ..errors import NeedsOcr, ParseError
from ..han import HAN
from ..model import RawText
from ..numerals import to_int
from .text import subtitle_timing


class PdfLine(NamedTuple):
    text: str
    right: float | None = None  # where the line ends on the page (PDF points)
    height: float | None = None
    bottom: float = 0.0
    left: float | None = None  # where the first visible character starts
    paragraph_end: bool = False  # a plain text's blank line follows: no layout ran the line on


_PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(第\s*)?[0-9０-９]{1,4}(\s*页)?(\s*[/／]\s*(共\s*)?[0-9０-９]{1,4}\s*页?)?[-—–－\s]*$"
    r"|^[-—–－\s]*[IVXLivxl]{1,6}[-—–－\s]*$"
)


def read_pdf(data: bytes) -> RawText:
    """Read the text layer of a PDF into logical lines."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ParseError("PDF 文件已损坏或不是有效的 PDF 文件")
    pages = _pages_with_pdfium(data)
    if pages is None:
        pages = _pages_with_pdfplumber(data)
    warnings: list[str] = []
    chars = sum(len(line.text) for page in pages for line in page)
    if chars < 20 * max(1, len(pages)) and chars < 200:
        raise NeedsOcr("扫描件：PDF 中没有可读取的文字层，需要做文字识别（OCR）")
    text = "".join(line.text for page in pages for line in page)
    if "(cid:" in text or _unmapped_share(text) > 0.05:
        warnings.append("PDF 使用了没有字符映射的字体，部分文字无法正确识别（(cid:…)），请核对原文")
    kept_pages = _drop_page_chrome(pages)
    kept = {id(line) for page in kept_pages for line in page}
    heads = [line.text for page in pages for line in page if id(line) not in kept]
    flat = [line for page in kept_pages for line in page]
    # the text's own `— 37 —`, laid out again; a subtitle file's timings
    dropped = paged_chrome([line.text for line in flat]) | subtitle_timing([line.text for line in flat])
    # (the 三定 title over page one, again inside a later page where a copy laid its old pages out anew)
    title = flat[0].text.strip() if flat else ""
    if RULES_TITLE.fullmatch(title):
        dropped |= {index for index, line in enumerate(flat) if index and line.text.strip() == title}
    heads += [flat[index].text for index in sorted(dropped)]
    lines = _join_wrapped([[line for index, line in enumerate(flat) if index not in dropped]])
    return RawText(lines=lines, format="pdf", pages=len(kept_pages), warnings=warnings, running_heads=heads)


def _pages_with_pdfium(data: bytes) -> list[list[PdfLine]] | None:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise ParseError("PDF 文件已加密，请解除密码后再上传") from None
        return None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_geometric_lines(textpage))
            textpage.close()
            page.close()
        return pages
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()


def _geometric_lines(textpage) -> list[PdfLine]:
    """Lines of a page in PDFium's reading order, each with where it ends on the page."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        return _page_lines(text)  # indices would not line up: fall back to widths
    lines: list[PdfLine] = []
    start = 0
    for end in [m.start() for m in re.finditer(r"\r\n|\n|\r", text)] + [len(text)]:
        raw = text[start:end]
        stripped = raw.strip()
        if stripped:
            last = start + len(raw.rstrip()) - 1
            first = start + (len(raw) - len(raw.lstrip()))
            _, bottom, right, top = textpage.get_charbox(last)  # (left, bottom, right, top)
            left, first_bottom, _, first_top = textpage.get_charbox(first)
            height = max(top - bottom, first_top - first_bottom)
            lines.append(PdfLine(stripped, right, height, bottom, left))
        start = end + (2 if text[end:end + 2] == "\r\n" else 1)
    return lines


def _pages_with_pdfplumber(data: bytes) -> list[list[PdfLine]]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page_lines(page.extract_text() or "") for page in pdf.pages]
    except Exception as error:  # pdfminer raises many kinds for broken files
        if "password" in str(error).lower() or type(error).__name__.startswith("PDFPassword"):
            raise ParseError("PDF 文件已加密，请解除密码后再上传") from None
        raise ParseError("PDF 文件已损坏，无法读取") from None


def _page_lines(text: str) -> list["PdfLine"]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [PdfLine(line.strip()) for line in text.split("\n") if line.strip()]


def _unmapped_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or ch == "\x00")
    return bad / len(text)


def _drop_page_chrome(pages: list[list[PdfLine]]) -> list[list[PdfLine]]:
    """Drop page numbers and running headers/footers repeated across pages."""
    if not pages:
        return pages
    edge_counts: Counter[str] = Counter()
    for page in pages:
        for text in {line.text for line in page[:2] + page[-2:]}:
            edge_counts[_digits_blind(text)] += 1
    repeated = set()
    if len(pages) >= 2:
        repeated = {key for key, count in edge_counts.items() if count >= max(2, len(pages) // 2 + 1)}
    if len(pages) == 2:
        # two pages: a running head or foot stands at the same edge of both; the name atop a report and under
        # it as its signature (`X县爱卫办` over page one, over the date at the end of page two) is no chrome
        heads, feet = ({_digits_blind(line.text) for line in part} for part in (pages[0][:2], pages[0][-2:]))
        later_heads, later_feet = ({_digits_blind(line.text) for line in part}
                                   for part in (pages[1][:2], pages[1][-2:]))
        repeated = {key for key in repeated if key in heads & later_heads or key in feet & later_feet}
    labels = _body_number_labels(pages)
    cleaned = []
    for number, page in enumerate(pages):
        kept = []
        for position, line in enumerate(page):
            at_edge = position < 2 or position >= len(page) - 2
            if number == 0 and position == 0 and RULES_TITLE.fullmatch(line.text.strip()):
                pass  # the 三定 title opening page one, repeated atop the others: the text's own title there
            elif at_edge and (_PAGE_NUMBER.match(line.text) or _digits_blind(line.text) in repeated) and \
                    not _continues_labels(line.text, labels) and not _TABLE_HEADER_ROW.match(line.text):
                continue  # (a table's header atop each page is the table's: its reader knows it again)
            kept.append(line)
        cleaned.append(kept)
    return cleaned


_TABLE_HEADER_ROW = re.compile(r"[\s\u3000]*(?:序号|编号)[\s\u3000|｜]")


def _body_number_labels(pages: list[list[PdfLine]]) -> set[str]:
    """Numbers alone on lines inside the pages (`01` `02` over a post's items): labels, not page numbers."""
    return {line.text.strip() for page in pages for line in page[2:-2] if _NUMBER_ALONE.match(line.text)}


def _continues_labels(text: str, labels: set[str]) -> bool:
    """`08` at the top of page two between the body's `07` and `09`: written as wide as its neighbours."""
    number = text.strip()
    if not number.isdigit():
        return False
    return any(f"{int(number) + step:0{len(number)}d}" in labels for step in (-1, 1))


def paged_chrome(texts: list[str]) -> set[int]:
    """Indices of the page marks and running heads in lines that kept a paged original's breaks as
    `— 37 —` lines (a gazette saved as text, copied into Word or a page): its pages, split again at
    those marks, have their chrome dropped as a PDF's pages do."""
    marks = [index for index, text in enumerate(texts) if _PAGE_MARK.match(text)]
    if not marks or marks == [len(texts) - 1]:
        return set()
    bounds = [0] + [mark + 1 for mark in marks] + [len(texts)]
    pages = [list(range(start, end)) for start, end in zip(bounds, bounds[1:]) if start < end]
    kept = _drop_page_chrome([[PdfLine(texts[index]) for index in page] for page in pages])
    dropped = set()
    for page, lines in zip(pages, kept):
        texts_kept = [line.text for line in lines]
        for index in page:  # _drop_page_chrome keeps the order: walk both to find what went
            if texts_kept and texts[index] == texts_kept[0]:
                texts_kept.pop(0)
            else:
                dropped.add(index)
    # The title over the text repeated atop a later page (a site's chrome before the title hides that it
    # opens page one too): a running head.
    # (without its quotes: `X县“菜篮子”工程办公室` heads the later pages as `X县菜篮子工程办公室`)
    title = {_unquoted(text) for text in texts[:min(12, marks[0])]
             if len(text.strip()) >= 8 and not _HEADING_LABEL.match(text.strip())}
    # (and a title set on two lines, run together atop the later pages: `X办公室` / `工作暂行规定`)
    heads = [_unquoted(text) for text in texts[:min(12, marks[0])] if text.strip()]
    title |= {first + second for first, second in zip(heads, heads[1:]) if len(first + second) >= 12}
    opening = "".join(text.strip() for text in texts[:min(12, marks[0])])
    for page in pages[1:]:
        # (or shortened by its place: `县委信访办公室职责和…制度` under a title `中共X县委信访办公室职责和…制度`)
        dropped.update(index for index in page[:2] if _unquoted(texts[index]) in title or
                       len(_unquoted(texts[index])) >= 10 and
                       any(whole.endswith(_unquoted(texts[index])) for whole in title) or
                       COLLECTION_HEAD.search(texts[index].strip()) or _own_title_again(texts[index].strip(), opening)
                       or BUDGET_RUNNING_HEAD.fullmatch(texts[index].strip()) or
                       _MASTHEAD.fullmatch(texts[index].strip()))
    for mark in marks:  # or as the foot of the page over its number: `— X市机构改革文件选编（2019） —` / `· 27 ·`
        dropped.update(index for index in range(max(0, mark - 2), mark)
                       if COLLECTION_HEAD.search(texts[index].strip(" \t\u3000—－-–")) or
                       BUDGET_RUNNING_HEAD.fullmatch(texts[index].strip(" \t\u3000—－-–")))
    return dropped | set(marks)


def _unquoted(text: str) -> str:
    return re.sub(r"[“”\"‘’「」『』]", "", text.strip())


# A paper's masthead atop a later page: `X县团委文件`, `X县人民政府文件`.
_MASTHEAD = re.compile(r"[^。；;，,：:\s]{2,20}文件")


def _own_title_again(line: str, opening: str) -> bool:
    """A page's head that shortens the text's own 三定 title (`X街道办事处职能配置规定` over a title
    `X市X区X街道办事处职能配置、内设机构和人员编制规定`); another department's title opens its own text."""
    stem = re.split(r"职能配置|主要职责|机构职能", line)[0]
    return bool(RULES_TITLE.fullmatch(line)) and len(stem) >= 4 and stem in opening


# The collection's name atop a page, seen once in an excerpt of two pages: `X党政机构职能汇编（2014）`,
# `X县机构职能汇编（2021年版）`, `X市人民政府机构改革文件`, `X省人民政府公报　2018年第24期`.
# (traditional copies too: `X省人民政府公報　2019年第7期`)
_COLLECTION_WORDS = "(?:汇编|匯編|彙編|公报|公報|年鉴|年鑑|选编|選編|改革文件)"
COLLECTION_HEAD = re.compile(r"^[^。；;，,：:]{2,30}" + _COLLECTION_WORDS +
                             r"(?:[（(](?:\d{4}|[〇○零一二三四五六七八九]{4})(?:年版?)?[）)])?"  # (`（一九八九）` too)
                             # (its year set apart at the page's other edge or after a dot: `县委机关工作规则汇编
                             # 一九八八年`, `X县委文件汇编·一九八六年`)
                             r"(?:(?:[\s\u3000]+|[·•・])(?:\d{4}|[〇○零一二三四五六七八九]{4})年版?)?"
                             r"(?:[\s\u3000]*(?:\d{4}年)?第\d{1,3}[期号])?"
                             # (`…（一九八九年）　第五册`)
                             r"(?:[\s\u3000]*第[一二三四五六七八九十\d]{1,3}[册卷辑集])?$")


# A budget's running head or foot: `X局2016年部门预算`, `X县2024年单位预算　　第X页`.
BUDGET_RUNNING_HEAD = re.compile(r"[^。；;，,：:\s]{2,40}?(?:19|20)\d{2}年度?(?:部门|单位)?(?:预算|决算)(?:公开)?"
                                 r"(?:[\s\u3000]*第[XＸ\d]{1,3}页(?:[\s\u3000]*共[XＸ\d]{1,3}页)?)?")


def _digits_blind(line: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", line.strip())


_WIDE = re.compile(r"[^\u0000-\u2e7f]")


def _width(line: str) -> int:
    """Display width: a CJK character (or any past U+2E7F) counts two."""
    return len(line) + len(_WIDE.findall(line))


_MID_SENTENCE = re.compile(r"^[、，,；;）)].*[\u4e00-\u9fff、，,]$")
# Only a page number that cannot be a table cell (`— 3 —`, `第3页`); bare numbers are left to _drop_page_chrome.
# (`汇编　·19·`, `X局“三定”方案　　第 2 页`: a running head before the number)
_PAGE_MARK = re.compile(r"^[\s\u3000]*(?:[^\s\u3000。；;，,：:]{2,30}[\s\u3000]+(?=[—\-－–·•]|第\s*\d))?"
                        r"(?:[—\-－–]\s*\d{1,4}\s*[—\-－–]|"
                        r"第\s*\d{1,4}\s*[页頁](?:\s*[/／]?\s*共\s*\d{1,4}\s*[页頁])?|"
                        r"\d{1,4}\s*[/／]\s*\d{1,4}|[·•]\s*\d{1,4}\s*[·•])"
                        # an even page's number before the collection's name: `·18·　X汇编（2010）`,
                        # `·19·　X公报　2024年第7期`
                        r"(?:[\s\u3000]+[^\s\u3000。；;，,：:]{2,30}" + _COLLECTION_WORDS +
                        r"(?:[（(]\d{4}(?:年版?)?[）)])?(?:[\s\u3000]*(?:\d{4}年)?第\d{1,3}[期号])?)?"
                        r"[\s\u3000]*$")


_SENTENCE_ENDS = ("。", "；", ";", "：", ":", "！", "？", "!", "?", "”")
_FULL_STOPS = ("。", "；", ";", "！", "？", "!", "?")


# A contents line (`第一部分 部门概况`, `一、部门职责`) repeats as a heading, not as a running head.
_HEADING_LABEL = re.compile(r"第[一二三四五六七八九十]+[部章条]|[一二三四五六七八九十]+[、.．]|[（(]|\d")
_NUMBER_ALONE = re.compile(r"^[\s\u3000]*0?\d{1,2}[\s\u3000]*$")
# A form's field (`单位名称：…　　主管部门：…`) that fills the line is followed by the next field
# (`年度预算资金：`, `部门职能概述：`), not by more of its value.
_BREADCRUMB = re.compile(r"^[\s\u3000]*(?:当前|您的|您现在的|所在)?位置[：:]|首页\s*[>＞»→]")  # a page's, never run on
_BULLETED = re.compile(r"^[\s\u3000]*[●■◆◇▪•▶►★☆◼◾▲△▸▹➢➤❖♦]")
_FIELD_START = re.compile(r"^[\s\u3000]*(?!其中|包括|如下|主要有|具体)[\u4e00-\u9fff]{2,8}[：:]")
_QUESTION_START = re.compile(r"^[\s\u3000]*[问答][：:]")
_ITEM_LABEL = re.compile(r"^[\s\u3000]*(?:[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、]|"
                         # (a standard's `a)`)
                         r"[一二三四五六七八九十]+、|[a-z][)）.．](?=[\s\u3000]*[\u4e00-\u9fff]))")
# A script's or a page's tag opening a line: `【画面 4】`, `【车身右侧】`
_TAG_START = re.compile(r"^[\s\u3000]*【[^】]{1,12}】")
# `二、自查项目`: a form's next part, short and ending no sentence.
_PART_HEADING = re.compile(r"^[\s\u3000]*[一二三四五六七八九十]+、[^。；;，,：:]{2,20}$")


def _starts_anew(line: str, following: str) -> bool:
    """Whether `following` opens a new line even when `line` ran to the margin."""
    end = line.rstrip()
    if end.endswith(("：", ":")) and _ITEM_LABEL.match(following):  # `我们的职责：` then `①承担…`
        return True
    if end.endswith(_FULL_STOPS) and (_QUESTION_START.match(following) or _FIELD_START.match(following) or
                                      _TAG_START.match(following) or RULES_TITLE.fullmatch(following.strip())):
        return True  # `…帮扶援助。` then `问：…`, `涉密岗位数：2个`, `【画面 4】…` or the next 三定's title in a 汇编
    return _PART_HEADING.match(following) is not None and not end.endswith(("，", ",", "、"))


# A 三定's title on a line of its own: `X县财政局主要职责内设机构和人员编制方案`.
RULES_TITLE = re.compile(rf"[{HAN}“”（）()、]{{4,60}}?(?:职能配置|主要职责|机构职能)"
                         rf"[{HAN}、，,]{{0,20}}(?:规定|方案)(?:[（(][^（）()]{{1,12}}[)）])?")


# An item's label, in a style of its own: `（八）`, `8.`, `八、`
# (an OCR copy's spaced `( 四 )`, `二 、` too)
_COUNTED_LABEL = re.compile(r"^[\s\u3000]*(?:([（(])[ \u3000]?([一二三四五六七八九十]{1,3}|\d{1,2})[ \u3000]?[）)]|"
                            r"(\d{1,2})[ \u3000]?[.．、](?!\d)|([一二三四五六七八九十]{1,3})[ \u3000]?、)")


def _counted(text: str) -> tuple[str, int] | None:
    match = _COUNTED_LABEL.match(text)
    if match is None:
        return None
    bracket, inner, arabic, chinese = match.groups()
    style, number = ("（）" + ("digit" if inner.isdigit() else "cjk"), inner) if bracket else \
        (("1.", arabic) if arabic else ("一、", chinese))
    value = int(number) if number.isdigit() else to_int(number)
    return (style, value) if value else None


def _next_of_the_count_starts_anew(texts: list[str], wrapped: list[bool]) -> list[bool]:
    """A line that opens with the next label of the count the lines before opened with (`（八）` after
    `（七）`) starts an item of its own, though the line before ran to the margin with no full stop (a list
    whose items end without `；` or `。`)."""
    wrapped = list(wrapped)
    last: dict[str, int] = {}
    for index, text in enumerate(texts):
        counted = _counted(text)
        if counted is None:
            continue
        style, value = counted
        if index and last.get(style) == value - 1:
            wrapped[index - 1] = False
        if index == 0 or not wrapped[index - 1]:  # (a label the line before ran into counts for nothing)
            last[style] = value
    return wrapped


def _join_wrapped(pages: list[list[PdfLine]]) -> list[str]:
    """Join a line with the next when it runs to the right margin (the layout broke it)."""
    flat = [line for page in pages for line in page]
    if not flat:
        return []
    rights = [line.right for line in flat if line.right is not None]
    heights = [line.height for line in flat if line.height is not None]
    geometry = len(rights) == len(heights) == len(flat)
    if geometry:  # PDFium gave every line's geometry
        rights.sort()
        margin = rights[int(len(rights) * 0.9)] if len(rights) >= 5 else rights[-1]
        height = sorted(heights)[len(flat) // 2]
        wrapped = [right >= margin - 1.2 * height for right in (line.right or 0.0 for line in flat)]
        lefts = sorted(line.left for line in flat if line.left is not None)
        left_margin = lefts[len(lefts) // 10] if lefts else 0.0
        # The next line starts a paragraph when it is indented (first-line indent).
        starts = [line.left is not None and line.left > left_margin + 0.8 * height for line in flat]
        wrapped = [wraps and not next_starts for wraps, next_starts in zip(wrapped, starts[1:] + [False])]
    else:
        widths = sorted(_width(line.text) for line in flat)
        full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
        # A line that starts inside a sentence (`、市教育局、市残疾人联`) and stops short of its end was
        # broken where the page put a figure or a column: it goes on in the next line too.
        # Half-width digits and a line break moved off a leading `，` end a wrapped line a few
        # positions short: short by up to 8 it still wraps unless it ends a sentence.
        wrapped = [_width(line.text) >= full - 3 or _MID_SENTENCE.match(line.text) is not None or
                   _width(line.text) >= full - 8 and not line.text.rstrip().endswith(_SENTENCE_ENDS)
                   for line in flat]
    # A short line that ends no sentence after a line that does is a heading (`工作职责`), not the
    # paragraph's last words, even when the sentence before happened to end at the margin.
    headings = [not wraps and _width(line.text.strip()) <= 24 and not line.text.rstrip().endswith(_SENTENCE_ENDS)
                and not _MID_SENTENCE.match(line.text) for line, wraps in zip(flat, wrapped)]
    wrapped = [wraps and not (line.text.rstrip().endswith(_FULL_STOPS) and next_heading)
               for line, wraps, next_heading in zip(flat, wrapped, headings[1:] + [False])]
    wrapped = [wraps and not (following and _FIELD_START.match(line.text) and _FIELD_START.match(following.text))
               and not (following and _BULLETED.match(following.text))  # `■ 产品质量检验`: a list's next entry
               and not line.paragraph_end
               and not (not geometry and following and _BREADCRUMB.search(line.text)
                        and not re.search("[>＞»→]", following.text))  # plain text: a breadcrumb ends its line
               for line, wraps, following in zip(flat, wrapped, [*flat[1:], None])]
    wrapped = [wraps and not (following and _starts_anew(line.text, following.text))
               for line, wraps, following in zip(flat, wrapped, [*flat[1:], None])]
    wrapped = _next_of_the_count_starts_anew([line.text for line in flat], wrapped)
    lines: list[list[str]] = []  # each line's pieces, joined once at the end (+= on a long line is quadratic)
    carry = False
    for line, wraps in zip(flat, wrapped):
        if _PAGE_MARK.match(line.text):  # `— 3 —` between two halves of a sentence
            continue
        if carry and lines and not _NUMBER_ALONE.match(line.text):  # `01` `02` on lines of their own label the items
            lines[-1].append(line.text)
        else:
            lines.append([line.text])
        # A line ending exactly at the margin after "。" is joined too: the
        # structure step splits again before any label that follows a sentence end.
        carry = wraps
    return ["".join(pieces) for pieces in lines]
