"""Staff corrections of wrongly split or merged items, applied to a parsed Document.

A correction names an item by its section ("duties" or "divisions"), the
division's index for division duties, and the item's position (0-based) in
the document as it stood when the correction was made. Corrections of one
file (keyed by its sha256) are applied in the order they were made, so the
positions line up again when the same file is parsed again. A correction that
no longer fits (the item is gone, or its text changed because the parser
improved) is skipped with a warning.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from .model import Document, Duty

ACTIONS = ("merge", "split")
SECTIONS = ("duties", "divisions")


@dataclass(frozen=True)
class Correction:
    """Merge item `position` with the next one, or split it at `offset` characters."""
    action: str
    section: str
    position: int
    division: int | None = None
    offset: int | None = None
    expect: str | None = None  # the item's text when the correction was made

    @classmethod
    def from_dict(cls, data: dict) -> "Correction":
        """Build from a stored row (extra keys are ignored)."""
        return cls(action=data["action"], section=data["section"], position=data["position"],
                   division=data.get("division"), offset=data.get("offset"),
                   expect=data.get("expect"))

    def to_dict(self) -> dict:
        return {"action": self.action, "section": self.section, "position": self.position,
                "division": self.division, "offset": self.offset, "expect": self.expect}


class CorrectionError(ValueError):
    """A correction that does not fit the document; `str()` is a Chinese message."""


def apply_corrections(doc: Document, corrections: list[Correction | dict]) -> Document:
    """Return a copy of `doc` with the corrections applied; misfits become warnings."""
    result = copy.deepcopy(doc)
    for correction in corrections:
        if isinstance(correction, dict):
            correction = Correction.from_dict(correction)
        try:
            apply_one(result, correction)
        except CorrectionError as error:
            result.warnings.append(f"一处人工更正已不适用，已跳过：{error}")
    return result


def apply_one(doc: Document, correction: Correction) -> None:
    """Apply one correction in place; raises CorrectionError if it does not fit."""
    if correction.action not in ACTIONS:
        raise CorrectionError(f"未知的更正类型 {correction.action}")
    items = _items(doc, correction)
    texts = [_text(item) for item in items]
    position = correction.position
    if not 0 <= position < len(items):
        raise CorrectionError(f"第 {position + 1} 项不存在")
    if correction.expect is not None and texts[position] != correction.expect:
        raise CorrectionError(f"第 {position + 1} 项的内容已变化")
    if correction.action == "merge":
        if position + 1 >= len(items):
            raise CorrectionError(f"第 {position + 1} 项后面没有可合并的条目")
        items[position:position + 2] = [_merge(items[position], items[position + 1])]
    else:
        offset = correction.offset
        if offset is None or not 0 < offset < len(texts[position]):
            raise CorrectionError(f"第 {position + 1} 项无法在第 {offset} 个字处拆分")
        items[position:position + 1] = list(_split(items[position], offset))
    _renumber(items)


def split_offset(text: str, start_text: str) -> int:
    """The offset at which the new item starts, given its first words as typed by staff."""
    start_text = start_text.strip()
    if not start_text:
        raise CorrectionError("请填写新条目开头的文字")
    offset = text.find(start_text, 1)
    if offset <= 0:
        raise CorrectionError(f"在该条目中找不到“{start_text}”（不能是条目的开头）")
    return offset


def _items(doc: Document, correction: Correction) -> list:
    if correction.section == "duties":
        return doc.duties
    if correction.section == "divisions":
        index = correction.division
        if index is None or not 0 <= index < len(doc.divisions):
            raise CorrectionError("指定的内设机构不存在")
        return doc.divisions[index].duties
    raise CorrectionError(f"未知的部分 {correction.section}")


def _text(item: Duty | str) -> str:
    return item.text if isinstance(item, Duty) else item


def _merge(first: Duty | str, second: Duty | str) -> Duty | str:
    if isinstance(first, str) or isinstance(second, str):  # division duties are plain strings
        return _text(first) + _text(second)
    simplified = (first.text_simplified or first.text) + (second.text_simplified or second.text)
    return Duty(no=first.no, label=first.label, text=first.text + second.text,
                text_simplified=simplified, boilerplate=first.boilerplate and second.boilerplate,
                incomplete=second.incomplete)


def _split(item: Duty | str, offset: int) -> tuple[Duty | str, Duty | str]:
    if isinstance(item, str):
        return item[:offset], item[offset:]
    simplified = item.text_simplified or item.text
    if len(simplified) != len(item.text):
        simplified = item.text
    head = Duty(no=item.no, label=item.label, text=item.text[:offset],
                text_simplified=simplified[:offset], boilerplate=False, incomplete=False)
    tail = Duty(no=item.no + 1, label="", text=item.text[offset:],
                text_simplified=simplified[offset:], boilerplate=item.boilerplate,
                incomplete=item.incomplete)
    return head, tail


def _renumber(items: list) -> None:
    for number, item in enumerate(items, start=1):
        if isinstance(item, Duty):
            item.no = number


def document_from_dict(data: dict) -> Document:
    """Rebuild a Document from its `to_dict()` JSON; unknown keys (older JSON) are ignored."""
    from .model import Change, Division, LabourDivision, Leader, Staffing

    staffing = dict(data.get("staffing") or {})
    staffing["leaders"] = [_build(Leader, leader) for leader in staffing.get("leaders", [])]
    return _build(Document, {
        **data,
        "duties": [_build(Duty, duty) for duty in data.get("duties", [])],
        "changes": [Change(kind=c["kind"], from_=c.get("from"), to=c.get("to"), text=c["text"])
                    for c in data.get("changes", [])],
        "divisions_of_labour": [_build(LabourDivision, item)
                                for item in data.get("divisions_of_labour", [])],
        "divisions": [_build(Division, division) for division in data.get("divisions", [])],
        "staffing": _build(Staffing, staffing),
        "warnings": list(data.get("warnings", [])),
    })


def _build(cls, data: dict):
    """Construct a dataclass from the keys it knows."""
    return cls(**{key: value for key, value in data.items() if key in cls.__dataclass_fields__})
