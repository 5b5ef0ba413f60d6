"""A survey round (评议轮次): what is rated, by whom, when, on which scale."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .aggregate import DEFAULT_K, TrimRule
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
            problems.append(f"评议类型应为 county（市县评作为）或 public（服务对象满意度），实际为“{self.kind}”")
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
        if problems:
            raise RoundError("；".join(problems))

    def state(self, now: datetime) -> str:
        """未开始 / 进行中 / 已结束 at `now`."""
        if self.opens and now < self.opens:
            return "未开始"
        if self.closes and now >= self.closes:
            return "已结束"
        return "进行中"
