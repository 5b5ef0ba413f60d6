"""When a 三定 took effect: its 施行 date, or the date of the 通知 that issued it.

`effective_date(text)` looks for `本规定自2019年3月1日起施行` first (also
`自印发之日起施行` with the 通知's date), then for a line holding only a date
near the top (the date under the issuing offices of a 通知 wrapper) or at the
end (the 落款). Chinese numerals (二〇一九年三月一日) are read too. Pure: text in,
`datetime.date` or None out. `document_year(text)` is the year of the 文号 that issued
the rules or that their 依据 names (`示省办发〔2014〕8号`), for texts that give no date.
"""
from __future__ import annotations

import datetime as dt
import re

from .numerals import to_int

_NUMBER = r"[0-9０-９〇○零O一二三四五六七八九十]"
_DATE = (rf"({_NUMBER}{{4}})\s*年\s*({_NUMBER}{{1,3}})\s*月\s*({_NUMBER}{{1,3}})\s*日")
_IN_FORCE = re.compile(rf"自\s*{_DATE}\s*起\s*(?:施行|执行|实施|生效)")
_ON_ISSUE = re.compile(r"自\s*(?:印发|公布|发布)之日起\s*(?:施行|执行|实施|生效)")
_DATE_LINE = re.compile(rf"^\s*{_DATE}\s*$")
HEAD_LINES = 15
TAIL_LINES = 6


def is_date_line(line: str) -> bool:
    """A line holding only a date (`二〇〇三年八月十二日` under a 落款)."""
    return _DATE_LINE.match(line) is not None


def _number(text: str) -> int | None:
    return to_int(text.replace("O", "〇"))  # a Latin O typed for 〇 in some archives


def _date(match: re.Match) -> dt.date | None:
    year, month, day = (_number(group) for group in match.groups()[:3])
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def effective_date(text: str | list[str]) -> dt.date | None:
    """The date the document took effect, or None if it names none."""
    lines = [line.strip() for line in (text.splitlines() if isinstance(text, str) else text)]
    lines = [line for line in lines if line]
    joined = "\n".join(lines)
    for match in _IN_FORCE.finditer(joined):
        found = _date(match)
        if found:
            return found
    for line in lines[:HEAD_LINES] + lines[-TAIL_LINES:]:
        dated = _DATE_LINE.match(line)
        if dated and _date(dated):
            return _date(dated)
    return None


_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［（(【]\s*((?:19|20)\d{2})\s*[〕\]］）)】]\s*\d{1,4}\s*号")


def document_year(text: str | list[str]) -> int | None:
    """The year of the first 文号 near the top (the issuing notice, or the 依据 document)."""
    lines = [line.strip() for line in (text.splitlines() if isinstance(text, str) else text)]
    for line in [line for line in lines if line][:HEAD_LINES]:
        match = _DOCUMENT_NUMBER.search(line)
        if match:
            return int(match.group(1))
    return None
