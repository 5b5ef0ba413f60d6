"""Chinese numerals, the one place that reads and writes them: 十二 ↔ 12 (labels,
staffing numbers, handbook headings) and digit strings such as 二〇一九 (dates)."""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
           "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
           "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

CHINESE_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def to_int(text: str) -> int | None:
    """Parse Arabic (half or full width) or Chinese numerals; None if not a number."""
    text = text.strip().translate(_FULLWIDTH)
    if not text:
        return None
    if text.isdecimal():  # `⑥` is a digit to isdigit() but no number to int()
        return int(text)
    if len(text) > 1 and all(ch in _DIGITS for ch in text):  # 二〇一九: a digit string, as in dates
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def to_chinese(value: int) -> str:
    """12 → 十二, 21 → 二十一, 105 → 一百零五 (as in document labels)."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    if value < 100:
        tens, ones = divmod(value, 10)
        return digits[tens] + "十" + (digits[ones] if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        if rest == 0:
            return digits[hundreds] + "百"
        middle = "零" if rest < 10 else ""
        tail = to_chinese(rest) if rest >= 20 or rest < 10 else "一" + to_chinese(rest)
        return digits[hundreds] + "百" + middle + tail
    return str(value)
