"""Character normalisation for matching: width, traditional → simplified (OpenCC)."""
from __future__ import annotations

import re
from functools import lru_cache

# (and the variant 亊 a scan reads for 事: `交办的其他亊项`)
_WIDTH = str.maketrans(
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ．﹒亊",
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz..事",
)


_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC t2s); other text unchanged. A character that t2s
    would turn into one outside the Basic Multilingual Plane (顗 → 𫖮, a rare place name's character)
    is kept: the simplified form is rarer than the original, and the name rules read the BMP only."""
    if not text:
        return text
    out = _t2s().convert(text)
    if len(out) == len(text) and _OUTSIDE_BMP.search(out):  # a C-speed check: this runs on every text
        out = "".join(b if ord(b) <= 0xFFFF or ord(a) > 0xFFFF else a for a, b in zip(text, out))
    return out


def for_matching(text: str) -> str:
    """Simplified characters and half-width digits/letters, same length where possible."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = "".join(to_simplified(ch) or ch for ch in text)
    return simplified.translate(_WIDTH)


def is_traditional(text: str) -> bool:
    """True when a noticeable share of the CJK characters change under t2s."""
    sample = text[:30000]
    simplified = to_simplified(sample)
    if len(simplified) != len(sample):
        return True
    cjk = changed = 0
    for a, b in zip(sample, simplified):
        if "\u4e00" <= a <= "\u9fff":
            cjk += 1
            changed += a != b
    return cjk > 0 and changed / cjk > 0.03
