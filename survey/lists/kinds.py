"""The three kinds of 清单, their columns, and the checks every matter passes wherever it comes from
(a form, a row of a workbook, a confirmed overlap finding).

One matter is a dict of column key → text (or a list of texts for the columns that hold several
departments or steps). The columns of a kind are its .xlsx header, its form and its table, so a
new column is added in one place.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..reform.problems import match_departments
from ..sheets import ListError

MAX_NAME = 200
MAX_TEXT = 4000
MAX_ITEM = 40
_SEPARATORS = re.compile(r"[、，,；;\n]+")

# The platform's own 行业领域 (those the overlap finder names a finding's topic by), then 其他: 20
# fields, as 威海's 一本通 indexed its 292 matters by 20. Each government may edit its own index.
_TOPICS = Path(__file__).resolve().parents[2] / "corpus" / "dict" / "topics.json"
OTHER_FIELD = "其他"


def default_fields() -> list[str]:
    """The 行业领域 index a government starts with."""
    try:
        names = [name for name in json.loads(_TOPICS.read_text("utf-8")) if not name.startswith("_")]
    except (OSError, ValueError):  # an installation without corpus/: the index is edited by hand then
        names = []
    return names + [OTHER_FIELD]


class ListsError(ListError):
    """A matter, a change or a workbook of a 清单 that cannot be taken; `errors` are Chinese messages."""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the .xlsx header, the form's label and the table's heading
    type: str = "text"  # name | field | text | department | departments | items | choice
    required: bool = False
    choices: tuple[str, ...] = ()
    hint: str = ""

    @property
    def several(self) -> bool:
        return self.type in ("departments", "items")


@dataclass(frozen=True)
class Kind:
    key: str  # in URLs and the database: boundary | approval | territorial
    name: str  # 职责边界清单
    short: str  # what the CLI's --kind takes: 职责边界
    columns: tuple[Column, ...]
    own_departments: bool  # department columns name the government's own departments
    lead: str  # the column naming the department a matter is filed under in the 一本通's index
    summary: str  # one line on the register's page

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    @property
    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    @property
    def department_columns(self) -> list[Column]:
        return [column for column in self.columns if column.type in ("department", "departments")]


_NAME = Column("matter", "事项", "name", required=True)
_FIELD = Column("field", "行业领域", "field", required=True)
_BASIS = Column("basis", "依据", "text", hint="法律法规、三定规定或文件名称及条款")

BOUNDARY = Kind(
    "boundary", "职责边界清单", "职责边界", (
        _NAME, _FIELD,
        Column("lead", "主办部门", "department", required=True),
        Column("assisting", "协办部门", "departments", hint="多个部门用、分隔"),
        Column("duties", "各自职责", "text", required=True, hint="主办部门和协办部门各自负责什么、如何衔接"),
        _BASIS),
    own_departments=True, lead="lead",
    summary="部门间职责交叉事项：主办部门、协办部门、各自职责和依据。")
APPROVAL = Kind(
    "approval", "审批监管清单", "审批监管", (
        Column("matter", "许可事项", "name", required=True),
        _FIELD,
        Column("type", "事项类型", "choice", required=True, choices=("行政许可", "关联事项")),
        Column("approver", "审批部门", "department", required=True),
        Column("supervisors", "监管部门", "departments", required=True, hint="多个部门用、分隔"),
        Column("steps", "审批监管环节", "items", hint="如 现场勘验、技术审查、专家评审，用、分隔"),
        Column("duties", "职责分工", "text", hint="审批和监管如何衔接：谁审批谁负责，谁主管谁监管"),
        _BASIS),
    own_departments=True, lead="approver",
    summary="按许可事项：审批部门、监管部门、现场勘验等环节和审管衔接（谁审批谁负责，谁主管谁监管）。")
TERRITORIAL = Kind(
    "territorial", "属地管理清单", "属地管理", (
        _NAME, _FIELD,
        Column("primary", "主体责任", "choice", required=True, choices=("县级部门", "乡镇（街道）"),
               hint="承担主体责任的一级，另一级承担配合责任"),
        Column("county", "县级部门", "departments", required=True, hint="多个部门用、分隔"),
        Column("county_duties", "县级部门职责", "text", required=True),
        Column("town_duties", "乡镇（街道）职责", "text", required=True),
        _BASIS),
    own_departments=False, lead="county",
    summary="县镇“属地管理”事项：县级部门和乡镇（街道）各自的主体责任、配合责任。")

KINDS = {kind.key: kind for kind in (BOUNDARY, APPROVAL, TERRITORIAL)}


def kind_named(name: str) -> Kind | None:
    """A kind by its key (boundary), its name (职责边界清单) or its short name (职责边界)."""
    name = name.strip()
    return next((kind for kind in KINDS.values() if name in (kind.key, kind.name, kind.short)), None)


@dataclass
class Context:
    """What a matter is checked against: the government's departments and its 行业领域 index."""
    government: str
    departments: list[str]
    fields: list[str]


@dataclass
class Matter:
    """One matter of a register. `id` is the draft matter's (stable across editions, so editions
    are compared matter by matter); `finding_key` the overlap finding it was copied from."""
    values: dict[str, str | list[str]]
    id: int | None = None
    finding_key: str | None = None

    @property
    def name(self) -> str:
        return str(self.values.get("matter") or "")

    @property
    def field(self) -> str:
        return str(self.values.get("field") or "")

    def text(self, key: str) -> str:
        """A column as shown and exported: several values joined by 、."""
        value = self.values.get(key)
        if isinstance(value, list):
            return "、".join(value)
        return value or ""

    def departments(self, kind: Kind) -> list[str]:
        """Every department the matter names, lead first."""
        found: list[str] = []
        for column in sorted(kind.department_columns, key=lambda c: c.key != kind.lead):
            value = self.values.get(column.key)
            for name in value if isinstance(value, list) else [value] if value else []:
                if name not in found:
                    found.append(name)
        return found


def split(text: str) -> list[str]:
    """The values of a cell holding several (、，,；; or line breaks between them)."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _departments(column: Column, raw, context: Context, kind: Kind) -> tuple[list[str], list[str]]:
    """The departments a cell or form names, each written in full where the government has it (水利局
    → 示例市水利局). A kind of the government's own departments refuses any other name; a 属地管理
    list names a county's departments (县应急局), which are kept as typed."""
    names = [_plain(v) for v in raw if _plain(v)] if isinstance(raw, list) else split(_plain(raw))
    found: list[str] = []
    errors: list[str] = []
    for name in names:
        matched, _unknown = match_departments(name, context.departments, context.government)
        if not matched and kind.own_departments:
            errors.append(f"“{column.header}”的“{name}”不是本政府已有的部门")
            continue
        full = matched[0] if matched else name
        if full not in found:
            found.append(full)
    return found, errors


def _check_column(column: Column, raw, context: Context, kind: Kind) -> tuple[str | list[str], list[str]]:
    """One column's value, cleaned, and what is wrong with it."""
    if column.type in ("department", "departments"):
        names, errors = _departments(column, raw, context, kind)
        if column.type == "department":
            if len(names) > 1:
                errors.append(f"“{column.header}”只能填写一个部门")
            return (names[0] if names else ""), errors
        return names, errors
    if column.type == "items":
        items = [_plain(v) for v in raw if _plain(v)] if isinstance(raw, list) else split(_plain(raw))
        items = list(dict.fromkeys(items))
        long = [item for item in items if len(item) > MAX_ITEM]
        return items, [f"“{column.header}”的每一项不超过 {MAX_ITEM} 字" for _ in long[:1]]
    text = "\n".join(_plain(v) for v in raw) if isinstance(raw, list) else _plain(raw)
    if column.type == "name":
        text = re.sub(r"\s+", " ", text)
        return text, ([f"“{column.header}”不超过 {MAX_NAME} 字"] if len(text) > MAX_NAME else [])
    if column.type == "field":
        if text and text not in context.fields:
            return text, [f"“{column.header}”的“{text}”不在本政府的行业领域索引中"
                          "（可先在索引中添加，或改用索引中的名称）"]
        return text, []
    if column.type == "choice":
        if text and text not in column.choices:
            return text, [f"“{column.header}”应为{'、'.join(column.choices)}之一"]
        return text, []
    return text, ([f"“{column.header}”不超过 {MAX_TEXT} 字"] if len(text) > MAX_TEXT else [])


def check_matter(kind: Kind, raw: dict, context: Context) -> tuple[Matter | None, list[str]]:
    """A matter from what was typed or read (column key → text or list), or what is wrong with it."""
    values: dict[str, str | list[str]] = {}
    errors: list[str] = []
    for column in kind.columns:
        value, wrong = _check_column(column, raw.get(column.key), context, kind)
        values[column.key] = value
        errors += wrong
        if column.required and not value and not wrong:
            errors.append(f"“{column.header}”不能为空")
    errors += _consistency(kind, values)
    return (None, errors) if errors else (Matter(values), [])


def _consistency(kind: Kind, values: dict) -> list[str]:
    if kind is BOUNDARY and values.get("lead") and values["lead"] in (values.get("assisting") or []):
        return ["协办部门不应包含主办部门"]
    return []


def as_raw(kind: Kind, matter: Matter) -> dict:
    """A matter's values as `check_matter` takes them (to check a stored matter again)."""
    return {column.key: matter.values.get(column.key) for column in kind.columns}


def same(kind: Kind, a: Matter, b: Matter) -> bool:
    """Whether two matters say the same in every column."""
    return all(a.text(column.key) == b.text(column.key) for column in kind.columns)
