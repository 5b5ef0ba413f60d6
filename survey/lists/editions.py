"""Editions of a 清单: what an import would change in the working draft, the order an edition's
matters take, and the difference between two editions (or an edition and the draft), matter by
matter and column by column.

Matters are matched across editions by the draft matter they were copied from (`Matter.id`), so a
renamed matter is one changed matter, not one removed and one added.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from .kinds import OTHER_FIELD, Kind, Matter, same

DRAFT_LABEL = "工作稿"


def title_for(year: int) -> str:
    """The usual name of an edition: 2026年版."""
    return f"{year}年版"


def label(number: int, title: str) -> str:
    """How an edition is named on pages and in files: 第2版（2026年版）."""
    return f"第{number}版（{title}）"


@dataclass
class Plan:
    """What importing a workbook would change in the draft."""
    added: list[Matter] = field(default_factory=list)
    edited: list[tuple[Matter, Matter]] = field(default_factory=list)  # (draft matter, as imported)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not self.added and not self.edited


def plan_import(kind: Kind, draft: list[Matter], incoming: list[Matter]) -> Plan:
    """A matter of the same name as a draft matter edits it (unless it says the same); any other is
    added. Draft matters the file leaves out stay: an import never removes."""
    by_name = {matter.name: matter for matter in draft}
    plan = Plan()
    for matter in incoming:
        current = by_name.get(matter.name)
        if current is None:
            plan.added.append(matter)
        elif same(kind, current, matter):
            plan.unchanged += 1
        else:
            plan.edited.append((current, matter))
    return plan


def edition_order(matters: list[Matter], fields: list[str]) -> list[Matter]:
    """The matters by the 行业领域 index (a field no longer in it after the indexed ones, 其他 last),
    in draft order within a field."""
    position = {name: index for index, name in enumerate(fields)}

    def key(item: tuple[int, Matter]):
        index, matter = item
        return (matter.field == OTHER_FIELD, position.get(matter.field, len(fields)), matter.field, index)

    return [matter for _, matter in sorted(enumerate(matters), key=key)]


def by_field(matters: list[Matter]) -> list[tuple[str, list[Matter]]]:
    """Consecutive matters grouped by their 行业领域, in order."""
    groups: dict[str, list[Matter]] = {}
    for matter in matters:
        groups.setdefault(matter.field, []).append(matter)
    return list(groups.items())


@dataclass
class FieldChange:
    header: str
    old: str
    new: str


@dataclass
class Changed:
    old: Matter
    new: Matter
    changes: list[FieldChange]


@dataclass
class Diff:
    added: list[Matter] = field(default_factory=list)
    removed: list[Matter] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> str:
        if self.empty:
            return "没有变动"
        return f"新增 {len(self.added)} 项、删除 {len(self.removed)} 项、修改 {len(self.changed)} 项"


def field_changes(kind: Kind, old: Matter, new: Matter) -> list[FieldChange]:
    """The columns whose text differs, in the kind's order."""
    return [FieldChange(column.header, old.text(column.key), new.text(column.key)) for column in kind.columns
            if old.text(column.key) != new.text(column.key)]


def diff(kind: Kind, old: list[Matter], new: list[Matter]) -> Diff:
    """From `old` to `new` (in `new`'s order; removed ones in `old`'s), matched by `Matter.id`."""
    before = {matter.id: matter for matter in old}
    after = {matter.id for matter in new}
    found = Diff()
    for matter in new:
        previous = before.get(matter.id)
        if previous is None:
            found.added.append(matter)
            continue
        changes = field_changes(kind, previous, matter)
        if changes:
            found.changed.append(Changed(previous, matter, changes))
    found.removed = [matter for matter in old if matter.id not in after]
    return found


def _whole(kind: Kind, matter: Matter) -> str:
    return "\n".join(f"{column.header}：{matter.text(column.key)}" for column in kind.columns[1:]
                     if matter.text(column.key))


DIFF_HEADER = ["变动", "事项", "行业领域", "项目", "原内容", "新内容"]


def diff_rows(kind: Kind, found: Diff) -> list[list[str]]:
    """The diff as rows of DIFF_HEADER: one per added or removed matter, one per changed column."""
    rows = [["新增", matter.name, matter.field, "整项", "", _whole(kind, matter)] for matter in found.added]
    rows += [["删除", matter.name, matter.field, "整项", _whole(kind, matter), ""] for matter in found.removed]
    for changed in found.changed:
        rows += [["修改", changed.new.name, changed.new.field, change.header, change.old, change.new]
                 for change in changed.changes]
    return rows


def diff_xlsx(kind: Kind, found: Diff, old_label: str, new_label: str, title: str) -> bytes:
    """The diff as a workbook: the changes, then a sheet saying what was compared."""
    from openpyxl import load_workbook

    from docproc.safe_output import save_workbook
    from docproc.sheet_layout import lay_out

    from ..registers import ledger_xlsx

    data = ledger_xlsx("变动明细", DIFF_HEADER, [(row, False) for row in diff_rows(kind, found)],
                       (8, 30, 12, 14, 50, 50))
    book = load_workbook(io.BytesIO(data))
    about = book.create_sheet("说明")
    about.append(["清单", title])
    about.append(["比较", f"{old_label} → {new_label}"])
    about.append(["结果", found.summary()])
    lay_out(about, header_row=1)
    out = io.BytesIO()
    save_workbook(book, out)
    return out.getvalue()


def change_lines(kind: Kind, action: str, old: dict | None, new: dict | None) -> list[FieldChange]:
    """What a change request changes, column by column: every column a new matter fills or a removed
    one had, or the columns an edit changes."""
    before, after = Matter(dict(old or {})), Matter(dict(new or {}))
    if action == "edit":
        return field_changes(kind, before, after)
    return [FieldChange(column.header, before.text(column.key), after.text(column.key)) for column in kind.columns
            if before.text(column.key) or after.text(column.key)]
