"""XML exports of staffing systems: one line per element that holds text."""
from __future__ import annotations

import html
import re

from ..errors import ParseError
from ..model import RawText
from .text import decode

_ELEMENT = re.compile(r"<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*>([^<]+)</\1\s*>")
_NUMBER_ATTRIBUTE = re.compile(r"\b(?:xh|no|seq|index|num|order|序号)\s*=\s*[\"'](\d{1,3})[\"']", re.IGNORECASE)
_NAME_ATTRIBUTE = re.compile(r"\b(?:mc|name|名称)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
# Elements that name the unit (`<mc>`, `<dwmc>`: 名称, 单位名称 in pinyin initials).
_NAME_TAGS = {"mc", "dwmc", "jgmc", "name", "unitname", "单位名称", "机构名称", "名称"}


def looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml")


def read_xml(data: bytes) -> RawText:
    """Each element's text on a line of its own: numbered elements (`<zz xh="3">`) as `3.` items, a
    name attribute before the text (`<jg mc="办公室">负责…` → `办公室：负责…`), the unit's name element
    as `单位名称：`."""
    lines = []
    for match in _ELEMENT.finditer(decode(data)):
        tag, attributes, text = match.group(1), match.group(2), html.unescape(match.group(3)).strip()
        if not text:
            continue
        named = _NAME_ATTRIBUTE.search(attributes)
        if named:
            text = f"{html.unescape(named.group(1)).strip()}：{text}"
        number = _NUMBER_ATTRIBUTE.search(attributes)
        if number:
            text = f"{number.group(1)}.{text}"
        elif tag.split(":")[-1].lower() in _NAME_TAGS:
            text = f"单位名称：{text}"
        lines.append(text)
    if not lines:
        raise ParseError("XML 文件中没有文字内容")
    return RawText(lines=lines, format="xml")
