"""Plain text in the encodings Chinese offices actually use, detected."""
from __future__ import annotations

import codecs
import re
from dataclasses import replace

from ..errors import ParseError
from ..model import RawText
from .common_chars import common_char_ratio

# Tried in order when the text is not valid UTF-8; charset detection over all
# encodings misreads short GBK text as Korean, so the candidates are fixed.
_CANDIDATES = ("gb18030", "big5")


def read_text(data: bytes) -> RawText:
    """Decode text bytes and split them into lines; a text saved from a PDF, broken at the page's
    width, has its lines joined again."""
    from .pdf import paged_chrome

    text = decode(data)
    lines = split_lines(text)
    ends = _paragraph_ends(text)
    # (a gazette saved from its PDF keeps `— 37 —`)
    dropped = paged_chrome(lines) | subtitle_timing(lines) | pictures(lines)
    heads = [lines[index] for index in sorted(dropped)]
    kept = [index for index in range(len(lines)) if index not in dropped]
    lines = [lines[index] for index in kept]
    if _hard_wrapped(lines):
        from .pdf import PdfLine, _join_wrapped

        lines = _join_wrapped([[PdfLine(line, paragraph_end=index in ends) for index, line in zip(kept, lines)]])
    return RawText(lines=quoted_cells_joined(lines), format="text", running_heads=heads)


# A cell that lists bodies a line each (`县应急管理局` / `县市场监督管理局`): they stay apart.
_BODY_AT_END = re.compile(r"(?:局|委|办|中心|大队|支队|队|所|站|政府|公司|院|会)$")
_BODY_AT_START = re.compile(r"^(?:[省市县区乡镇各国]|街道|社区|中共|共青团)")


def _cell_lines_joined(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        joined += ("、" if _BODY_AT_END.search(joined) and _BODY_AT_START.match(line) else "") + line
    return joined


_QUOTED_CELL = re.compile(r'(?:(?<=\t)|^)"([^"\t]*)"(?=\t|$)')


def quoted_cells_joined(lines: list[str]) -> list[str]:
    """A sheet saved as tab-separated text quotes a cell that holds a line break (`3\t"负责…，` / `依法…"\t档案科`):
    its lines are one row again, and the quotes go."""
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        if pending:
            pending.append(line)
            if line.count('"') % 2:
                out.append(_QUOTED_CELL.sub(r"\1", _cell_lines_joined(pending)))
                pending = []
            elif len(pending) > 6:  # no closing quote near: the lines stay as they were
                out.extend(pending)
                pending = []
        elif "\t" in line and line.count('"') % 2 and re.search(r'(?:^|\t)"[^"\t]*$', line):
            pending = [line]
        else:
            out.append(_QUOTED_CELL.sub(r"\1", line) if "\t" in line else line)
    return out + pending


_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+(?=\S)")
_MARKDOWN_QUOTE = re.compile(r"^>[ \t]*")
_MARKDOWN_FENCE = re.compile(r"^(?:```|~~~)[A-Za-z]*$")
_CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def without_markdown_marks(raw: RawText) -> RawText:
    """A page exported as Markdown (`# X局`, `## 主要职责`, `> 更新于…`, a fenced block), in any format: its
    marks are no text. Only when two lines or more are Markdown headings (a lone `#` opens a hashtag or a
    number as well). A reply's quoted e-mail (`> 　　1、贯彻…` line after line) loses its marks too."""
    if any(_CELL_BREAK.search(line) for line in raw.lines):  # (a cell wrapped with `<br>` is one cell's text)
        raw = replace(raw, lines=[_CELL_BREAK.sub("", line) if line.count("|") >= 2 else line for line in raw.lines])
    markdown = sum(1 for line in raw.lines if _MARKDOWN_HEADING.match(line)) >= 2
    quoted = sum(1 for line in raw.lines if _MARKDOWN_QUOTE.match(line)) >= 3
    if not markdown and not quoted:
        return raw
    kept = [index for index, line in enumerate(raw.lines) if not (markdown and _MARKDOWN_FENCE.match(line))]
    lines = [_MARKDOWN_QUOTE.sub("", raw.lines[index]) for index in kept]
    return replace(raw, lines=[_MARKDOWN_HEADING.sub("", line) if markdown else line for line in lines],
                   labels=[raw.labels[index] for index in kept] if raw.labels else raw.labels)


# A subtitle file (.srt, .vtt) of a video about the department: its cue numbers and timings are no text.
_TIMING = re.compile(r"^(?:\d+\s+)?(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
                     r"(?:\s.*)?$|^WEBVTT\b")


def subtitle_timing(lines: list[str]) -> set[int]:
    timings = {index for index, line in enumerate(lines) if _TIMING.match(line)}
    if len(timings) < 2:
        return set()
    numbers = {index - 1 for index in timings if index and lines[index - 1].isdigit()}
    return timings | numbers


# A picture a copied article showed, `[图片]`, and the caption under it (`▲ 去年秋天…`, `图为…`): no sentence
# of the text, though a list's bullet (`▲`) may open the caption.
_PICTURE = re.compile(r"^\s*[\[【（(](?:图片|图|视频|动图)[\]】）)]\s*$")
_CAPTION = re.compile(r"^\s*(?:[▲△↑]|图为|[（(]图|图[：:])")


def pictures(lines: list[str]) -> set[int]:
    """The picture placeholders of `lines` and their captions."""
    found = set()
    for index, line in enumerate(lines):
        if _PICTURE.match(line):
            found.add(index)
            following = next((after for after in range(index + 1, len(lines)) if lines[after].strip()), None)
            if following is not None and _CAPTION.match(lines[following]):
                found.add(following)
    return found


_TABLE_ROW = re.compile(r"^\s*[|｜+\u2500-\u257f]|.*[|｜│┃║┆┇┊┋╎╏].*[|｜│┃║┆┇┊┋╎╏]|[^\t]*\t[^\t]*\t")


def _hard_wrapped(lines: list[str]) -> bool:
    """Most long lines end at one width, and none runs past it: the text was broken by a layout.
    Typed text, a paragraph a line, has lines of every length."""
    from .pdf import _width

    # Rows of a table drawn in text (`| 1 | … |`, `+----+`, `├──┼──┤`, cells apart by tabs) are all one width
    # by design.
    widths = sorted(_width(line) for line in lines if not _TABLE_ROW.match(line))
    if len(widths) < 8:
        return False
    full = widths[int(len(widths) * 0.9)]
    at_margin = sum(1 for width in widths if full - 6 <= width <= full + 1)
    long = sum(1 for width in widths if width >= full / 2)
    return full >= 30 and widths[-1] <= full + 4 and at_margin >= 5 and at_margin >= 0.6 * long


def decode(data: bytes) -> str:
    """Decode bytes in UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"))
    if b"\x00" not in data:  # UTF-16 of ASCII has zero bytes; short Chinese UTF-8 may look like UTF-16
        try:
            return _checked(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _checked(utf16)
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best, best_score = None, 0.0
    for encoding in _CANDIDATES:
        try:
            candidate = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = common_char_ratio(candidate)
        if score > best_score:
            best, best_score = candidate, score
    if best is not None and best_score >= 0.3:
        return _checked(best)
    return _checked(_fallback(data))


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    # ASCII-heavy UTF-16 has zero bytes on one side; Chinese UTF-16 is judged by characters.
    for encoding, zeros in (("utf-16-le", odd_zero), ("utf-16-be", even_zero)):
        try:
            text = data[: len(data) - len(data) % 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if zeros > 0.3 or common_char_ratio(text) > 0.5:
            if b"\x00" not in data or zeros > 0.3 or _mostly_cjk(text):
                return text
    return None


def _mostly_cjk(text: str) -> bool:
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk > 0.5 * max(1, len(text.strip()))


def _fallback(data: bytes) -> str:
    from charset_normalizer import from_bytes

    match = from_bytes(data, cp_isolation=["utf_8", "gb18030", "big5", "utf_16", "cp1252"]).best()
    if match is None:
        raise ParseError("无法识别文件编码，文件可能不是文本文件")
    return str(match)


def _checked(text: str) -> str:
    """Refuse binary content that happened to decode."""
    if not text.strip():
        raise ParseError("文件中没有文字内容")
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    bad = control + sample.count("\ufffd")
    if bad > 0.02 * len(sample) + 2:
        raise ParseError("文件内容无法识别为文字，可能不是文本文件或已损坏")
    return text


def _paragraph_ends(text: str) -> set[int]:
    """Indices (among split_lines) of the lines a blank line follows, where blank lines part a few
    paragraphs; a text with a blank line after most lines (double-spaced) has none."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").split("\n")
    ends, count, blank_after = set(), -1, 0
    for line, following in zip(raw, raw[1:] + [""]):
        if line.strip().strip("\ufeff").strip():
            count += 1
            if not following.strip():
                ends.add(count)
                blank_after += 1
    return ends if blank_after * 2 < count + 1 else set()


def split_lines(text: str) -> list[str]:
    """Split text into stripped, non-empty lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    lines = []
    for line in text.split("\n"):
        line = line.strip().strip("\ufeff").strip()
        if line:
            lines.append(line)
    return lines
