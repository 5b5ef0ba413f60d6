"""Numbering labels of 三定 documents and splitting run-together text at them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .han import HAN
from .numerals import CHINESE_NUMERAL_CHARS

_CN = "一二三四五六七八九十百零〇壹贰叁肆伍陆柒捌玖拾"

_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"

# Solid bullets a list item or a flattened copy of one may open with.
SOLID_BULLETS = "●■◆◇◎▪•▶►★☆◼◾▲△▸▹➢➤❖♦✔✓"

# Levels, outermost first: 第X条 > 一、 > （一） > 1. > （1） > ①. Each level also takes the rarer
# forms of the same rank: `第一，` `第一：` `其一，` `职责一：` `Ⅰ.`; `【一】` `一）`; `1<tab>` (a table's number cell);
# `1)` `【1】` `[1]`; `（a）` `a.` `A.` `ii.`; `3.1` (a scheme's decimal numbering, under `3 主要职责`) ranks with
# `1.`; an OCR copy spaces them out (`( 十 一 )`, `1 . `). Bullets (`●` `◆` `■` `-` `——`) are the lowest
# level: a list of them under a numbered heading is its sub-items.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("article", re.compile(rf"^第[{_CN}\d]{{1,4}}条(?:[（(【][^）)】]{{1,12}}[）)】])?[\s\u3000]*")),
    # (a scan reads `一、` as `一,` or `一丶`)
    ("A", re.compile(rf"^(?:[{_CN}]{{1,3}}[ \u3000]?[、．.丶]|[{_CN}]{{1,3}},(?=[ \u3000]?[{HAN}])|"
                     rf"第[{_CN}]{{1,3}}[，,、：:](?!条)|"
                     rf"第[{_CN}]{{1,3}}[ \u3000]+(?=[{HAN}])|其[{_CN}]{{1,2}}[，,、]|"
                     rf"职责[{_CN}]{{1,3}}[：:]|[{_ROMAN}]{{1,3}}[、．.])[\s\u3000]*")),
    # (an old typescript's heavenly stems `甲、` `乙、` and earthly branches `子、` `丑、` rank with `（一）`)
    ("B", re.compile(rf"^(?:[（(〔][\s\u3000]*[{_CN}](?:[ \u3000]?[{_CN}]){{0,2}}[\s\u3000]*[）)〕]|【[{_CN}]{{1,3}}】|"
                     rf"[{_CN}]{{1,3}}[）)]|[甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥][、．])[\s\u3000]*")),
    ("C", re.compile(r"^(?:\d{1,2}[.．、](?!\d)|\d{1,2}\t(?=[\u4e00-\u9fff])|\d{1,2} [.．](?=[ \u3000][\u4e00-\u9fff])|"
                     r"\d{1,2}\.\d{1,2}[\s\u3000]+(?=[\u4e00-\u9fff]))[\s\u3000]*")),
    ("D", re.compile(r"^(?:[（(][ \u3000]?\d{1,2}[ \u3000]?[）)]|\d{1,2}[）)]|[【\[［〔〈<]\d{1,2}[】\]］〕〉>])"
                     r"[\s\u3000]*")),
    ("E", re.compile(r"^(?:[①-⑳]|[（(][a-zA-Z][）)]|(?:[a-zA-Z]|i{2,3}|iv|vi{1,3}|ix|xi{1,2})[.．)）]"
                     r"(?=[\s\u3000]*[\u4e00-\u9fff]))[\s\u3000]*")),
    # `\uf0b7` `\uf0a7` `\uf0d8` `\uf076` `\uf0fc`: Word's Symbol and Wingdings bullets, copied out as
    # private-use characters
    ("bullet", re.compile(rf"^(?:[{SOLID_BULLETS}○□√→※＊·・\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06c\uf06e]|——?|－|"
                          r"-(?=[\s\u3000]))[\s\u3000]*"
                          rf"(?=[{HAN}“])")),
)
LEVEL_ORDER = {name: rank for rank, (name, _) in enumerate(LABEL_PATTERNS)}

# A label may start inside a line only after a sentence end, a colon or whitespace
# (flattened web copies put a whole document on one line).
_INLINE_LABEL = re.compile(
    rf"(?<=[。；;：:！？!?\s\u3000])(?=第[{_CN}]{{1,4}}条|[（(][{_CN}]{{1,3}}[）)]|[（(] [{_CN}]{{1,3}} [）)]|"
    rf"【[{_CN}]{{1,3}}】|"
    rf"[{_CN}]{{1,3}}、|\d{{1,2}}[.．、](?!\d)|[（(]\d{{1,2}}[）)]|[①-⑳]|"
    # `…权益。5)依法办理…`: a PDF line joined onto the one before it
    # (`…养护； 2)承担…`, `职能职责： 1)负责…`: a flattened copy of them)
    rf"(?:(?<=[。；;])|(?<=[。；;：:][\s\u3000]))(?:\d{{1,2}}|[{_CN}]{{1,3}})[）)](?=[\s\u3000]?[{HAN}])|"
    rf"(?<=[。；;])[A-Z][.．](?=[\s\u3000]?[{HAN}])|(?<=[。；;])[{_CN}]{{1,3}},(?=[ \u3000]?[{HAN}])|"
    # `…。职责二：负责…`, `… ◆ 负责…`, `…。◇负责…`: a flattened copy of labels a line starts with
    rf"(?<=[。；;\s\u3000])职责[{_CN}]{{1,3}}[：:]|(?<=[。；;\s\u3000])[{SOLID_BULLETS}](?=[\s\u3000]*[{HAN}]))"
)


@dataclass
class Label:
    level: str
    text: str  # the label as printed, without trailing spaces

    @property
    def rank(self) -> int:
        return LEVEL_ORDER[self.level]


def match_label(line: str) -> tuple[Label | None, str]:
    """The label at the start of `line` and the rest of the line."""
    for level, pattern in LABEL_PATTERNS:
        match = pattern.match(line)
        if match and match.end() < len(line) + 1:
            label_text = match.group(0).rstrip(" \u3000\t")
            if level == "A" and not _plausible_top_label(label_text):
                continue
            return Label(level, label_text), line[match.end():]
    return None, line


def _plausible_top_label(label_text: str) -> bool:
    """`一、` is a label; `一是`, `十分` are words. The numeral part must read as a number."""
    numeral = label_text.rstrip("、．.，,：:丶 \u3000").removeprefix("第").removeprefix("其").removeprefix("职责")
    return all(ch in CHINESE_NUMERAL_CHARS for ch in numeral) and len(numeral) <= 3 or \
        all(ch in _ROMAN for ch in numeral)


def split_inline(line: str) -> list[int]:
    """Offsets where a new labelled segment starts inside `line` (besides 0)."""
    cuts = []
    for match in _INLINE_LABEL.finditer(line):
        start = match.start()
        if start == 0:
            continue
        label, _ = match_label(line[start:])
        if label is None:
            continue
        if label.level == "C" and _inside_number_context(line, start):
            continue
        if re.search(r"\d[:：]$", line[:start]):
            continue  # `早上6:30、晚上7:00`: a clock time, no label
        cuts.append(start)
    return cuts


def _inside_number_context(line: str, start: int) -> bool:
    """`1.` right after a space inside running text (e.g. `第 1.5 倍`) is not a label."""
    before = line[max(0, start - 2):start]
    return bool(re.search(r"\d\s$", before))
