"""Duty lists laid out in ways the label rules do not read, rewritten line by line into labelled
lines before the structure step: enclosed numerals, OCR's spaced-out headings, CSV and tab
tables, numbers on lines of their own or before a space."""
from __future__ import annotations

import csv
import re

from .han import HAN

TERMINAL = tuple("。；;！？!?…")  # what ends a sentence, and so a complete item


def with_list_layouts_read(lines: list[str], labels: list[str]) -> tuple[list[str], list[str]]:
    """The lines rewritten, and the Word numbering labels with those a number line gave its item."""
    texts = _numbers_before_a_space(_duty_column_only(_csv_rows_as_items(_one_cell_per_line(_pipe_rows_read(
        [_despaced(_KEYCAP.sub(r"\1.", text.translate(_ENCLOSED_NUMERALS).replace("🔟", "10."))) for text in lines])))))
    labels = list(labels)
    for index, number in _numbers_on_own_lines(texts).items():
        following = next((k for k in range(index + 1, len(texts)) if texts[k].strip()), None)
        if following is not None and not labels[following]:
            texts[index], labels[following] = "", number
    return texts, labels


# `㈠` `⑴` `⒈` `❶`: one character each in some fonts and old files, read as the labels they stand for.
_ENCLOSED_NUMERALS = str.maketrans(
    {chr(0x3220 + i): f"（{'一二三四五六七八九十'[i]}）" for i in range(10)} |
    {chr(0x2474 + i): f"（{i + 1}）" for i in range(20)} | {chr(0x2488 + i): f"{i + 1}." for i in range(20)} |
    # `❶` `➀` `➊` `⓵`: the dingbat and double-circled forms of `①`
    {chr(start + i): chr(0x2460 + i) for start in (0x2776, 0x2780, 0x278A, 0x24F5) for i in range(10)})
# `1️⃣` `2️⃣`: a post's keycap emoji numbering its items
_KEYCAP = re.compile(r"(\d)\ufe0f?\u20e3")
# `主 要 职 责 :` in an OCR'd scan: single characters set apart by one space each.
_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff] ){2,}[\u4e00-\u9fff]")
# `二 、 职 能`: a line spaced out whole, a character at a time (two characters are enough there)
_SPACED_LINE = re.compile(r"^[\s\u3000]*(?:\S ){2,}\S[\s\u3000]*$")


def _despaced(text: str) -> str:
    if _SPACED_LINE.match(text) and re.search(rf"[{HAN}] [{HAN}]", text):
        return text.replace(" ", "")
    return _SPACED_OUT.sub(lambda m: m.group(0).replace(" ", ""), text)


_NUMBER_ONLY = re.compile(r"^[\s\u3000]*0?(\d{1,2})[\s\u3000]*$")


# A table drawn with pipes (Markdown, a wiki, a text export): `| 主要职责 | 1.贯彻… |`, its rule `|---|---|`.
_PIPE_ROW = re.compile(r"^[\s\u3000]*[|｜](.*)[|｜][\s\u3000]*$")
_PIPE_RULE = re.compile(r"^[\s\u3000|｜:：\-－—]*$")
_FIELD_NAME = re.compile(r"[\u4e00-\u9fff（）()]{2,10}")


def _pipe_rows_read(texts: list[str]) -> list[str]:
    """A pipe table's rows as the lines a typed text would have: a field row `| 单位名称 | X局 |` as
    `单位名称：X局`, a row that continues the field above (`|  | 2.负责… |`) as its value alone, any other
    row as its cells apart by tabs (a tab table's reading follows). Only when several rows have that form."""
    texts = [_box_row_as_pipes(text) for text in texts]
    rows = [_PIPE_ROW.match(text) for text in texts]
    if sum(1 for row in rows if row) < 3:
        return texts
    out: list[str] = []
    previous: list[str] = []  # the cells of the last row of three or more
    at = 0  # and where it went
    headers: list[list[str]] = []  # the first row of each table
    for text, row in zip(texts, rows):
        if not row:
            out.append(text)
            previous = []
            continue
        cells = [_unspaced(cell.strip()) for cell in re.split(r"[|｜]", row.group(1))]
        rule = _PIPE_RULE.fullmatch(row.group(1))
        if not rule and cells in headers:
            out.append("")  # a table's header again atop its next page (`| 序号 | 职责内容 |`)
            continue
        if not rule and (not out or not rows[len(out) - 1]):
            headers.append(cells)  # (the row that opens a table)
        if rule:
            out.append("")
        elif len(cells) == 2 and _FIELD_NAME.fullmatch(cells[0]) and cells[1]:
            out.append(f"{cells[0]}：{cells[1]}")
        elif len(cells) == 2 and not cells[0]:
            out.append(cells[1])
        elif previous and len(cells) == len(previous) and not cells[0]:
            # a cell's text wrapped onto a row of its own (`| | |务，协调处理…| | |`): the row above goes on
            previous = [above + below for above, below in zip(previous, cells)]
            out[at] = "\t".join(previous)
            out.append("")
        else:
            previous, at = (cells if len(cells) >= 3 else []), len(out)
            out.append("\t".join(cells))
    return out


# A header cell spaced out to fill its width: `职　责　事　项`
_LETTER_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){1,7}")


def _unspaced(cell: str) -> str:
    return re.sub(r"[ \u3000]", "", cell) if _LETTER_SPACED.fullmatch(cell) else cell


# A table drawn with box-drawing characters (`║ 1 ║ 贯彻… ║`, `╠══╬══╣`) read as one drawn with pipes
# (every box-drawing character: the lines across as dashes, the rest (walls, corners, joints) as pipes)
_BOX_ACROSS = "─━┄┅┈┉╌╍═╴╶╸╺╼╾"
_BOX_AS_PIPES = str.maketrans({chr(code): "-" if chr(code) in _BOX_ACROSS else "|" for code in range(0x2500, 0x2580)})
_BOX_CHARACTER = re.compile("[\u2500-\u257f]")
# a row with its two walls and no right one, or a rule of box characters alone (not a mind map's `│　├─ 1.承担…`)
_OPEN_RIGHT_ROW = re.compile("[\\s\u3000]*[│┃║][^\u2500-\u257f]+[│┃║][^\u2500-\u257f]+|[\u2500-\u257f\\s\u3000]+")


def _box_row_as_pipes(text: str) -> str:
    """(a mind map's `│　├─ 1.承担…` is no row: only a line that reads as a whole row is redrawn)"""
    if not _BOX_CHARACTER.search(text):
        return text
    redrawn = text.translate(_BOX_AS_PIPES)
    if not _PIPE_ROW.match(redrawn) and _OPEN_RIGHT_ROW.fullmatch(text.rstrip()):
        redrawn = redrawn.rstrip() + "|"  # (a form drawn open on its right: `│主要职责│1.轮训…`)
    return redrawn if _PIPE_ROW.match(redrawn) else text


# A table copied one cell a line (a spreadsheet pasted as text): a header `序号` `职责类别` `职责内容`
# `承办机构` on lines of their own, then each row's cells, the row's number first.
_HEADER_CELL = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _one_cell_per_line(texts: list[str]) -> list[str]:
    """Such a table's rows as `1.` items of their duty cell alone; its other cells (a category, the
    division in charge) are no part of the duty."""
    out = list(texts)
    lines = [index for index, text in enumerate(texts) if text.strip()]
    cell = [texts[index].strip() for index in lines]
    position = 0
    while position < len(lines):
        width = 1
        while cell[position] in ("序号", "编号") and position + width < len(lines) and width < 6 and \
                _HEADER_CELL.fullmatch(cell[position + width]):
            width += 1
        duty = [n for n in range(1, width) if _DUTY_COLUMN.search(cell[position + n]) and
                not _OTHER_COLUMN.search(cell[position + n])]
        rows: list[int] = []
        start = position + width
        while width >= 3 and len(duty) == 1 and start + width <= len(lines) and cell[start] == str(len(rows) + 1):
            rows.append(start)
            start += width
        if len(rows) < 2:
            position += 1
            continue
        for index in lines[position:start]:
            out[index] = ""
        for number, row in enumerate(rows, 1):
            out[lines[row + duty[0]]] = f"{number}.{cell[row + duty[0]]}"
        position = start
    return out


# A spreadsheet's list saved as CSV: `1,"承担…工作。",备注`.
_CSV_ROW = re.compile(r'^(\d{1,3}),"([^"]+)"(?:,.*)?$|^(\d{1,3}),([^,"]+[。；;]),.*$')


def _csv_rows_as_items(texts: list[str]) -> list[str]:
    """The numbered rows of a CSV export as `1.` items: the number cell, the duty cell; later cells
    (a remark, a date) are no part of the duty. The other rows' cells are set apart by spaces, as
    a table's are. Only when several rows have that form."""
    column = _csv_duty_column(texts)
    rows = [_CSV_ROW.match(text.strip()) for text in texts]
    if column is None and sum(1 for row in rows if row) < 3:
        return texts
    out = []
    for text, row in zip(texts, rows):
        cells = [cell.strip() for cell in next(csv.reader([text.strip()]), [])]
        if column is not None and len(cells) > column and cells[0].isdigit() and cells[column]:
            out.append(f"{cells[0]}.{cells[column]}")  # (under a header `序号,职责内容,设定依据,备注`)
        elif row:
            out.append(f"{row.group(1) or row.group(3)}.{row.group(2) or row.group(4)}")
        else:
            out.append("\u3000".join(cell for cell in cells if cell))
    return out


def _csv_duty_column(texts: list[str]) -> int | None:
    """The duty column of a CSV export whose header names it (`序号,职责内容,设定依据,备注`), when at least
    three numbered rows follow."""
    for index, text in enumerate(texts):
        if "," not in text:
            continue
        cells = [cell.strip() for cell in next(csv.reader([text.strip()]), [])]
        duty = [n for n, cell in enumerate(cells) if _DUTY_COLUMN.search(cell) and not _OTHER_COLUMN.search(cell)]
        if len(cells) >= 3 and cells[0] in ("序号", "编号") and len(duty) == 1:
            numbered = sum(1 for later in texts[index + 1:] if re.match(r"\d{1,3},", later.strip()))
            return duty[0] if numbered >= 3 else None
    return None


_DUTY_COLUMN = re.compile(r"职责|职能|事项|任务|内容")
_OTHER_COLUMN = re.compile(r"依据|备注|来源|出处|说明|责任科室|责任股室|承办|类别|类型|分类")


def _duty_column_only(texts: list[str]) -> list[str]:
    """A table `序号 职责事项 主要依据` (tab-separated, or space-separated as a PDF lays it out): its
    numbered rows keep the number and the duty cell; the legal basis or remark beside it is no part of
    the duty."""
    out = list(texts)
    column: int | None = None
    width, spaced = 0, False
    header: list[str] = []
    last_row, cut_row = -1, False  # where the last row went, and whether it stops after its duty cell
    for index, text in enumerate(texts):
        if column is not None and (_cells(text, spaced) == header or _PAGE_NUMBER.search(text) or
                                   _CONTINUED.fullmatch(text.strip()) or _CONTINUED_TITLE.match(text.strip())):
            out[index] = ""  # a page's foot and the header again atop the next: the table goes on
            continue
        if column is not None and not spaced and cut_row and \
                (filled := [cell for cell in _cells(text, spaced) if cell]) and len(filled) < width and \
                not filled[0].isdigit():
            # the rest of a row the page cut (`4\t配合…对超标粮食的` over the page's foot, and under the next
            # page's header `\t\t处置提出技术意见\t检验室\t…`): its first cell carries on the duty
            out[last_row] += filled[0]
            out[index], cut_row = "", False
            continue
        if column is None:
            spaced = "\t" not in text
            cells = header = _cells(text, spaced)
            duty = [n for n, cell in enumerate(cells) if _DUTY_COLUMN.search(cell) and not _OTHER_COLUMN.search(cell)]
            if len(duty) > 1:  # `主要职责` beside `具体工作事项`: the duty is the first, the other its breakdown
                duty = [n for n in duty if re.search("职[责能]", cells[n])]
            if len(cells) >= 3 and cells[0] in ("序号", "编号") and len(duty) == 1 and \
                    any(_OTHER_COLUMN.search(cell) for cell in cells):
                column, width = duty[0], len(cells)
        elif rows := _table_rows(_padded(_cells(text, spaced), column, width, spaced), width):
            out[index] = " ".join(f"{row[0]}.{row[column]}" for row in rows) if spaced else \
                f"{rows[0][0]}\t{rows[0][column]}"
            last_row, cut_row = index, not spaced and len(_cells(text, spaced)) <= column + 1 < width
        elif text.strip():
            column = None
    return out


_CONTINUED = re.compile(r"[（(]?(?:续下页|续上页|接下页|转下页|续表)[)）]?")
# the table's title again atop the next page: `表1　职责事项（续）`
_CONTINUED_TITLE = re.compile(r"^[^\t]{0,30}[（(](?:续|续表|续上页)[)）]$")
_PAGE_NUMBER = re.compile(r"第\s*\d{1,4}\s*页|^\s*[-－—]\s*\d{1,4}\s*[-－—]\s*$")


def _padded(cells: list[str], column: int, width: int, spaced: bool) -> list[str]:
    """A tab row whose last cells are empty (`5\t负责…\t资产管理岗\t`, the line's end trimmed) keeps its width."""
    return cells + [""] * (width - len(cells)) if not spaced and column < len(cells) < width else cells


# `《药品管理法》5`: a PDF row run on into the next one, the next row's number stuck to the last cell
_NUMBER_STUCK_ON = re.compile(r"^(.*[^\d\s])(\d{1,2})$")


def _cells(text: str, spaced: bool) -> list[str]:
    if not spaced:
        return [cell.strip() for cell in text.split("\t")]
    cells: list[str] = []
    for cell in re.split(r"[ \u3000]+", text.strip()):
        stuck = _NUMBER_STUCK_ON.match(cell)
        cells += [stuck.group(1), stuck.group(2)] if stuck and cells else [cell]
    return cells


def _table_rows(cells: list[str], width: int) -> list[list[str]]:
    """`cells` cut into rows of `width` cells, each opening with its number, one more than the row
    before; [] when they are not such rows."""
    if not cells or len(cells) % width:
        return []
    rows = [cells[n:n + width] for n in range(0, len(cells), width)]
    if not all(row[0].isdigit() for row in rows) or \
            any(int(b[0]) != int(a[0]) + 1 for a, b in zip(rows, rows[1:])):
        return []
    return rows


def _counting_from_one(numbers: list[tuple[int, int]]) -> set[int]:
    """Of (line index, number) pairs, the positions (in `numbers`) of runs that count up from 1, at
    least three long, each a few lines after the one before: list labels, where a page number is none."""
    counted: set[int] = set()
    run: list[int] = []
    for position, (index, number) in enumerate(numbers):
        if run and number == numbers[position - 1][1] + 1 and index - numbers[position - 1][0] <= 4:
            run.append(position)
        else:
            run = [position] if number == 1 else []
        if len(run) >= 3:
            counted.update(run)
    return counted


def _numbers_on_own_lines(texts: list[str]) -> dict[int, str]:
    """A phone article's `01` `02` … each on a line above its item: {index of the number's line: label}."""
    numbers = [(index, int(match.group(1))) for index, text in enumerate(texts)
               if (match := _NUMBER_ONLY.match(text))]
    return {numbers[position][0]: f"{numbers[position][1]}." for position in _counting_from_one(numbers)}


# `【主要职能】`, `X市城市管理局　职能一览` over a page's headings
_DUTIES_HEAD = re.compile(rf"(?:[{HAN}]{{2,30}}?(?:局|委|办|中心|院|馆|站|所|会)[\s\u3000]*)?"
                          r"[【\[]?(?:主要|部门|工作)?职[能责](?:职责|一览表?|简介)?[】\]]?[：:]?")
_NUMBER_AND_SPACE = re.compile(rf"^[\s\u3000]*(\d{{1,2}})[ \u3000]+(?=[{HAN}“])")
_RUN_ON_NUMBER = re.compile(rf"(?<=[。；;])[ \u3000]*(\d{{1,2}})[ \u3000]+(?=[{HAN}“])")


def _numbers_before_a_space(texts: list[str]) -> list[str]:
    """`1 贯彻执行…。` `2 负责…。`: a table's number column laid out as text (a PDF keeps no tab). Numbers
    that count up from 1 at the start of sentences are labels; short headings (`1 总则`) are not."""
    found: list[tuple[int, re.Match]] = []  # (line index, the number and its space), in reading order
    headings: list[tuple[int, re.Match]] = []  # numbered lines that end in no stop
    for index, text in enumerate(texts):
        match = _NUMBER_AND_SPACE.match(text)
        if match and text.rstrip().endswith(TERMINAL):
            # and the items a PDF ran onto this line at the margin: `2 组织…品牌；3 指导…运行；`
            found += [(index, match)] + [(index, inner) for inner in _RUN_ON_NUMBER.finditer(text, match.end())]
        elif match:
            headings.append((index, match))
    counted = _counting_from_one([(index, int(match.group(1))) for index, match in found])
    # a page's headings-only list right under its duties heading (`【主要职能】` / `1  预算管理与绩效评价`)
    runs = _counting_from_one([(index, int(match.group(1))) for index, match in headings])
    starts = [position for position in sorted(runs) if int(headings[position][1].group(1)) == 1]
    if starts and all(headings[position][0] > 0 and _DUTIES_HEAD.fullmatch(texts[headings[position][0] - 1].strip())
                      for position in starts):
        counted |= {len(found) + position for position in runs}
        found += headings
    out = list(texts)
    for position in sorted(counted, reverse=True):  # from the end, so that earlier offsets hold
        index, match = found[position]
        text = out[index]
        out[index] = text[:match.start(1)] + f"{int(match.group(1))}." + text[match.end():]
    return out
