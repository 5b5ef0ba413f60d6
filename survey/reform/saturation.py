"""工作饱和度: required working hours of a division's tasks against its available hours.

required = Σ 频次/年 × 单次工时 × 参与人数;
available = posts × working days × hours per day × efficiency factor;
saturation = required / available (per division; per post is required / posts
against available / posts, the same ratio, with hours per post shown).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..sheets import ListError, cell_number, read_table

HEADER = ["事项", "频次/年", "单次工时", "参与人数"]
MAX_ROWS = 5000


@dataclass
class SaturationSettings:
    """Every figure the office may change."""
    working_days: float = 250.0
    hours_per_day: float = 8.0
    efficiency: float = 0.85
    low: float = 0.8   # below: under-loaded
    high: float = 1.1  # above: over-loaded


@dataclass
class Task:
    name: str
    per_year: float
    hours: float
    people: float

    @property
    def required(self) -> float:
        return self.per_year * self.hours * self.people


@dataclass
class DivisionLoad:
    division: str
    posts: int
    tasks: list[Task] = field(default_factory=list)
    required: float = 0.0
    available: float = 0.0
    saturation: float | None = None
    required_per_post: float | None = None
    available_per_post: float | None = None
    flag: str = ""  # 饱和度过高 | 饱和度不足 | 正常 | 无法计算
    explanation: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["tasks"] = [dict(asdict(t), required=t.required) for t in self.tasks]
        return data


class TaskListError(ListError):
    """A task list that cannot be imported; `errors` names row and column in Chinese."""


def read_tasks(data: bytes) -> list[Task]:
    """Parse a task list (.xlsx, header 事项, 频次/年, 单次工时, 参与人数); all rows or nothing."""
    rows = read_table(data, HEADER, TaskListError, max_rows=MAX_ROWS)
    tasks, errors = [], []
    for number, row in enumerate(rows, start=2):  # row 1: the header read_table checked
        cells = (list(row) + [None] * 4)[:4]
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        name = str(cells[0] or "").strip()
        if not name:
            errors.append(f"第{number}行“事项”列为空")
        values = []
        for column, cell in zip(HEADER[1:], cells[1:]):
            value = cell_number(cell)
            if value is None or value < 0:
                errors.append(f"第{number}行“{column}”列“{'' if cell is None else cell}”不是非负数字")
            values.append(value)
        numbers = [v for v in values if v is not None and v >= 0]
        if name and len(numbers) == len(values):
            tasks.append(Task(name, *numbers))
    if errors:
        raise TaskListError(errors)
    if not tasks:
        raise TaskListError(["文件中没有工作事项"])
    return tasks


def available_hours(posts: int, settings: SaturationSettings) -> float:
    """posts × working days × hours per day × efficiency factor."""
    return posts * settings.working_days * settings.hours_per_day * settings.efficiency


def saturation(division: str, posts: int, tasks: list[Task],
               settings: SaturationSettings | None = None) -> DivisionLoad:
    """The load of one division with the figures behind it."""
    settings = settings or SaturationSettings()
    load = DivisionLoad(division, posts, list(tasks))
    load.required = sum(task.required for task in tasks)
    load.available = available_hours(posts, settings)
    if posts <= 0 or load.available <= 0:
        load.flag = "无法计算"
        load.explanation = f"{division}编制为{posts}名，可用工时为0，无法计算饱和度"
        return load
    load.saturation = load.required / load.available
    load.required_per_post = load.required / posts
    load.available_per_post = load.available / posts
    if load.saturation > settings.high:
        load.flag = "饱和度过高"
    elif load.saturation < settings.low:
        load.flag = "饱和度不足"
    else:
        load.flag = "正常"
    load.explanation = (
        f"{division}：所需工时{load.required:g}小时（{len(tasks)}项事项），可用工时{load.available:g}小时"
        f"（{posts}名×{settings.working_days:g}天×{settings.hours_per_day:g}小时×效率系数{settings.efficiency:g}），"
        f"饱和度{load.saturation * 100:.1f}%，人均所需{load.required_per_post:g}小时、人均可用"
        f"{load.available_per_post:g}小时；合理区间{settings.low * 100:.0f}%–{settings.high * 100:.0f}%，{load.flag}")
    return load


def settings_from_dict(data: dict | None) -> SaturationSettings:
    """Settings from a stored dict (unknown keys ignored, missing ones default)."""
    fields = SaturationSettings.__dataclass_fields__
    return SaturationSettings(**{k: float(v) for k, v in (data or {}).items() if k in fields})


def check_settings(settings: SaturationSettings) -> list[str]:
    """Chinese messages for settings that make no sense (empty if fine)."""
    errors = []
    if not 0 < settings.working_days <= 366:
        errors.append("年工作日应在 1–366 天之间")
    if not 0 < settings.hours_per_day <= 24:
        errors.append("日工作小时应在 0–24 之间")
    if not 0 < settings.efficiency <= 1:
        errors.append("效率系数应大于 0 且不超过 1")
    if not 0 <= settings.low < settings.high:
        errors.append("饱和度下限应小于上限")
    return errors
