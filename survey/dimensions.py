"""Dimensions (评议维度): what a round rates per department when one overall rating is not
enough — 服务基层, 工作作风, 办事效率, 廉洁自律 — each on a scale of its own.

A round without dimensions asks one overall rating per department on the round's scale, as
it always did; its stored answers keep their shape (`label`). A round with dimensions stores
`ratings`: dimension name → label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .scales import Scale, parse_scale

MAX_DIMENSIONS = 12
MAX_NAME = 20
# An indicator's source names a dimension between `@` and `:` (survey:3@办事效率:企业), and a
# line of the form puts its scale after the first colon: neither may be part of a name.
NOT_IN_NAMES = ":：@"
_SCALE_SEPARATORS = re.compile(r"[、，,；;]")


@dataclass(frozen=True)
class Dimension:
    name: str
    scale: Scale

    def to_dict(self) -> dict:
        return {"name": self.name, "scale": self.scale.to_dict()}

    @classmethod
    def from_dict(cls, data: dict) -> "Dimension":
        return cls(data["name"], Scale.from_dict(data["scale"]))


def parse_dimensions(text: str, default: Scale) -> list[Dimension]:
    """Dimensions typed one a line: `服务基层` (rated on `default`, the round's scale) or
    `办事效率：快=100、较快=85、一般=70、慢=50*、不了解=` (a scale of its own, written as the
    round's 评价等次 but on one line). ValueError with a Chinese message when a line is wrong."""
    dimensions = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        match = re.fullmatch(r"([^:：]*)[:：](.*)", line)
        if match is None:
            dimensions.append(Dimension(line, default))
            continue
        name, scale_text = match.group(1).strip(), match.group(2).strip()
        if not name:
            raise ValueError(f"评议维度“{line}”缺少维度名称")
        if not scale_text:
            raise ValueError(f"评议维度“{name}”的冒号后应写评价等次，如“{name}：好=100、较好=85、一般=70、差=50*”")
        try:
            scale = parse_scale("\n".join(_SCALE_SEPARATORS.split(scale_text)), name)
        except ValueError as error:
            raise ValueError(f"评议维度“{name}”：{error}") from None
        dimensions.append(Dimension(name, scale))
    return dimensions


def dimensions_text(dimensions: list[Dimension], default: Scale) -> str:
    """Dimensions as `parse_dimensions` reads them: a bare name when the scale is `default`."""
    lines = []
    for dimension in dimensions:
        if dimension.scale.options == default.options:
            lines.append(dimension.name)
            continue
        options = "、".join(f"{o.label}={'' if o.value is None else f'{o.value:g}'}{'*' if o.negative else ''}"
                           for o in dimension.scale.options)
        lines.append(f"{dimension.name}：{options}")
    return "\n".join(lines)


def dimension_problems(dimensions: list[Dimension]) -> list[str]:
    """What is wrong with a round's dimensions (Chinese), none for a round without them."""
    problems, seen = [], set()
    if len(dimensions) > MAX_DIMENSIONS:
        problems.append(f"评议维度最多 {MAX_DIMENSIONS} 个，实际为 {len(dimensions)} 个")
    for dimension in dimensions:
        name = dimension.name
        if not name.strip():
            problems.append("评议维度的名称不能为空")
        elif any(sign in name for sign in NOT_IN_NAMES):
            problems.append(f"评议维度“{name}”的名称不能含有冒号或 @")
        elif len(name) > MAX_NAME:
            problems.append(f"评议维度“{name}”的名称超过 {MAX_NAME} 个字")
        if name in seen:
            problems.append(f"评议维度“{name}”重复")
        seen.add(name)
    return problems
