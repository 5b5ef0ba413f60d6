"""A survey round (评议轮次): what is rated, by whom, when, on which scale."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .aggregate import DEFAULT_K, TrimRule
from .dimensions import Dimension, dimension_problems
from .scales import DEFAULTS, Scale

KINDS = {"county": "市县评作为", "public": "服务对象满意度"}
DEFAULT_GROUPS = {
    "county": {"区市党政领导": 0.6, "对口部门": 0.4},
    "public": {"企业": 0.4, "群众": 0.4, "基层单位": 0.1, "其他": 0.1},
}


class RoundError(ValueError):
    """A round that cannot be created or changed; the message is Chinese."""


@dataclass
class Round:
    name: str
    kind: str
    government: str
    year: int
    departments: list[str]
    opens: datetime | None = None
    closes: datetime | None = None
    scale: Scale | None = None
    groups: dict[str, float] = field(default_factory=dict)
    k_min: int = DEFAULT_K
    trim: TrimRule = field(default_factory=TrimRule)
    anonymous: bool = True
    access_code: str | None = None  # public rounds: optional code printed at the window
    # Rated per department instead of one overall rating (none: the overall rating on `scale`).
    dimensions: list[Dimension] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.scale is None and self.kind in DEFAULTS:
            self.scale = DEFAULTS[self.kind]
        if not self.groups and self.kind in DEFAULT_GROUPS:
            self.groups = dict(DEFAULT_GROUPS[self.kind])

    def validate(self) -> None:
        problems = []
        if not self.name.strip():
            problems.append("轮次名称不能为空")
        if self.kind not in KINDS:
            problems.append(_unknown_kind(self.kind))
        if not self.government.strip():
            problems.append("没有指定政府")
        if not self.departments:
            problems.append("没有被评议的部门")
        if len(set(self.departments)) != len(self.departments):
            problems.append("被评议部门有重复")
        if self.opens and self.closes and self.closes <= self.opens:
            problems.append("结束时间必须晚于开始时间")
        if self.k_min < 1:
            problems.append("最少样本数 k 至少为 1")
        if not self.groups or any(weight < 0 for weight in self.groups.values()) or \
                abs(sum(self.groups.values()) - 1) > 0.005:
            problems.append(f"评议组别的权重之和应为 1，实际为 {sum(self.groups.values()):g}")
        problems += dimension_problems(self.dimensions)
        if problems:
            raise RoundError("；".join(problems))

    @property
    def rating_scale(self) -> Scale:
        """The scale: the round's own, else its kind's default (a round of an unknown kind has none)."""
        if self.scale is None:
            raise RoundError(_unknown_kind(self.kind))
        return self.scale

    def state(self, now: datetime) -> str:
        """未开始 / 进行中 / 已结束 at `now`."""
        if self.opens and now < self.opens:
            return "未开始"
        if self.closes and now >= self.closes:
            return "已结束"
        return "进行中"


def _unknown_kind(kind: str) -> str:
    return f"评议类型应为 county（市县评作为）或 public（服务对象满意度），实际为“{kind}”"


def groups_text(groups: dict[str, float]) -> str:
    """Rater groups as editable lines `组别=权重`."""
    return "\n".join(f"{name}={weight:g}" for name, weight in groups.items())


def parse_groups(text: str) -> dict[str, float]:
    """Read `组别=权重` lines; RoundError with a Chinese message when wrong."""
    groups: dict[str, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        name, sign, weight = (part.strip() for part in line.replace("＝", "=").partition("="))
        if not sign or not name:
            raise RoundError(f"评议组别第{number}行应写成“组别=权重”，实际为“{line}”")
        if name in groups:
            raise RoundError(f"评议组别“{name}”重复")
        try:
            groups[name] = float(weight)
        except ValueError:
            raise RoundError(f"评议组别“{name}”的权重“{weight}”不是数字") from None
    return groups


DEPARTMENT_HEADERS = {"部门", "评议部门", "部门名称", "被评议部门", "单位", "单位名称"}
MAX_DEPARTMENTS = 500


def read_department_list(data: bytes, file_name: str) -> list[str]:
    """Department names from a .txt (one a line), .csv or .xlsx (first column) file.

    A header cell such as 部门名称 is skipped; empty lines are ignored.
    """
    from .sheets import ListError, TooManyRows, decode_text, read_rows

    suffix = file_name.lower().rsplit(".", 1)[-1] if "." in file_name else ""
    try:
        if suffix == "txt":
            cells = [[line] for line in decode_text(data).splitlines()]
        else:
            cells = read_rows(data, file_name, max_rows=MAX_DEPARTMENTS, max_columns=1)
    except TooManyRows:
        raise RoundError(f"部门过多，最多 {MAX_DEPARTMENTS} 个") from None
    except ListError as error:
        raise RoundError("；".join(error.errors)) from None
    names = [str(row[0]).strip() for row in cells if row and row[0] is not None and str(row[0]).strip()]
    if names and names[0] in DEPARTMENT_HEADERS:
        names = names[1:]
    if not names:
        raise RoundError("部门名单文件中没有部门")
    if len(names) > MAX_DEPARTMENTS:
        raise RoundError(f"部门过多（{len(names)} 个），最多 {MAX_DEPARTMENTS} 个")
    return names


def split_department_text(text: str) -> list[str]:
    """Department names pasted one a line (or separated by 、 ; ，)."""
    import re
    return [name.strip() for name in re.split(r"[\n;；、,，]", text) if name.strip()]
