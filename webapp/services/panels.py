"""Glue between the store and `survey.evaluation.panels` / `survey.evaluation.ahp` for expert panels
(专家组): who is on a system's panel, what each viewer may see of a leaf, the progress table,
score sheets and the panel's AHP judgements.

What may be shown follows one rule (`PanelRules.counts`): with a panel, nobody sees another
evaluator's finding on a leaf, nor a combination it could be read from, until the office has
closed the leaf; each evaluator sees their own. Without a panel everything shows, as before.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from survey.evaluation.ahp import AhpError, GroupAhp, group_weights
from survey.evaluation.indicators import IndicatorSystem
from survey.evaluation.panels import (
    DEFAULT_THRESHOLD,
    Combined,
    PanelRules,
    Resolution,
    combine,
    entries_of,
    resolution_of,
)

from .. import store
from ..scope_rules import scope_of, sees


def rules(db, system_id: int) -> PanelRules:
    """How the system's leaves are scored: its panel members (id → name), threshold, closed leaves."""
    panel = store.evaluations.get_panel(db, system_id)
    threshold = panel["threshold"] if panel["threshold"] is not None else DEFAULT_THRESHOLD
    return PanelRules({member["id"]: member["name"] for member in panel["members"]}, threshold,
                      frozenset(store.evaluations.closed_leaves(db, system_id)))


def maxima(system: IndicatorSystem) -> dict[tuple[str, ...], float]:
    return {leaf.path: leaf.max or 0.0 for leaf in system.leaves()}


def resolutions(db, system_id: int) -> dict[int, dict[tuple[str, ...], Resolution]]:
    """The office's final scores by department id and leaf."""
    found: dict[int, dict[tuple[str, ...], Resolution]] = {}
    for row in store.evaluations.list_resolutions(db, system_id):
        found.setdefault(row["department_id"], {})[tuple(row["path"])] = resolution_of(row)
    return found


def candidates(db, government_name: str) -> list[dict]:
    """Accounts that may sit on a panel of this government: active 评估员 who see it. The office
    (管理员) closes leaves and resolves disagreements; it does not score within the panel."""
    limited = store.users.scopes(db)
    return [{**user, "name": user["display_name"] or user["username"]} for user in store.users.list_users(db)
            if user["role"] == "evaluator" and user["active"]
            and sees(scope_of(limited.get(user["id"])), government_name)]


def is_member(panel: PanelRules, user_id: int | None) -> bool:
    return user_id is not None and user_id in panel.members


def may_score(panel: PanelRules, user_id: int | None) -> bool:
    """Without a panel every evaluator (and admin) scores, as before; with one, its members."""
    return not panel.active or is_member(panel, user_id)


@dataclass
class LeafView:
    """What one viewer sees of one leaf of one department."""
    path: tuple[str, ...]
    maximum: float
    combined: Combined
    visible: bool  # the combination and everyone's findings may be shown
    closed: dict | None  # who closed it, when
    own: dict | None = None  # the viewer's own finding (stored row)
    members: int = 0  # panel members
    given: int = 0  # of them, how many gave a finding

    @property
    def key(self) -> str:
        return "/".join(self.path)

    @property
    def detailed(self) -> bool:
        """Whether the panel's detail is worth a table (several findings, or a resolution)."""
        return self.visible and (self.combined.n > 1 or self.combined.resolution is not None
                                 or self.combined.flagged)


def department_view(db, system_row: dict, system: IndicatorSystem, department_id: int,
                    viewer_id: int | None) -> tuple[PanelRules, dict[tuple[str, ...], LeafView]]:
    """Every leaf of the system for one department as `viewer_id` may see it."""
    panel = rules(db, system_row["id"])
    closed = store.evaluations.closed_leaves(db, system_row["id"])
    rows = store.evaluations.list_scores(db, system_row["id"], department_id)
    entries = entries_of(rows)
    decided = resolutions(db, system_row["id"]).get(department_id, {})
    own = {tuple(row["path"]): row for row in rows if viewer_id is not None and row["by"] == viewer_id}
    views = {}
    for path, maximum in maxima(system).items():
        found = entries.get(path, [])
        combined = combine(found, maximum, threshold=panel.threshold, members=panel.members,
                           resolution=decided.get(path))
        views[path] = LeafView(path, maximum, combined, panel.counts(path), closed.get(path), own.get(path),
                               len(panel.members), sum(1 for entry in found if entry.evaluator_id in panel.members))
    return panel, views


def visible_changes(changes: list[dict], panel: PanelRules, viewer_id: int | None) -> list[dict]:
    """The score history a viewer may read: with a panel, changes of an open leaf only their own."""
    return [change for change in changes
            if panel.counts(tuple(change["path"])) or (viewer_id is not None and change["by"] == viewer_id)]


@dataclass
class ProgressRow:
    department: str
    department_id: int
    view: LeafView


@dataclass
class LeafProgress:
    path: tuple[str, ...]
    maximum: float
    closed: dict | None
    rows: list[ProgressRow] = field(default_factory=list)

    @property
    def key(self) -> str:
        return "/".join(self.path)

    @property
    def given(self) -> int:
        return sum(1 for row in self.rows if row.view.members and row.view.given == row.view.members)

    @property
    def flagged(self) -> int:
        return sum(1 for row in self.rows if row.view.visible and row.view.combined.flagged
                   and row.view.combined.resolution is None)


def progress(db, system_row: dict, system: IndicatorSystem, viewer_id: int | None,
             only_manual: bool = True, units: set[int] | None = None) -> tuple[PanelRules, list[LeafProgress]]:
    """Per leaf (scored by hand, or any with findings) and department: who has scored, and where
    visible the combination with its spread; with `units`, only those departments (a campaign's)."""
    from .evaluations import evaluated_units

    departments = evaluated_units(db, system_row)
    names = [name for name in departments if units is None or departments[name] in units]
    panel = rules(db, system_row["id"])
    closed = store.evaluations.closed_leaves(db, system_row["id"])
    scored = {tuple(row["path"]) for row in store.evaluations.list_scores(db, system_row["id"])}
    leaves = [leaf for leaf in system.leaves() if not only_manual or leaf.source == "manual" or leaf.path in scored]
    found = {leaf.path: LeafProgress(leaf.path, leaf.max or 0.0, closed.get(leaf.path)) for leaf in leaves}
    for name in names:
        department_id = departments[name]
        _, views = department_view(db, system_row, system, department_id, viewer_id)
        for path, item in found.items():
            item.rows.append(ProgressRow(name, department_id, views[path]))
    return panel, list(found.values())


def own_sheet_scores(db, system_row: dict, viewer_id: int | None, by_id: dict[int, str],
                     panel: PanelRules) -> dict[tuple[str, tuple[str, ...]], tuple[float, str]]:
    """The scores an evaluator's own score sheet is filled with: without a panel the team's (as
    before), with one only the viewer's findings."""
    rows = store.evaluations.list_scores(db, system_row["id"], by=viewer_id if panel.active else None)
    if panel.active and viewer_id is None:
        rows = []
    return {(by_id[row["department_id"]], tuple(row["path"])): (row["value"], row["evidence"])
            for row in rows if row["department_id"] in by_id and not row.get("not_applicable")}


# --- AHP judgements of the panel --------------------------------------------------------------------

@dataclass
class AhpGroup:
    """One parent's judgements from the panel."""
    parent: tuple[str, ...]
    names: list[str]
    experts: list[dict]  # name, at, cr, consistent (stored and current)
    stale: list[str]  # experts whose judgements were of other children (the parent changed since)
    missing: list[str]  # members who have not judged
    group: GroupAhp | None
    error: str = ""
    own: list[list[float]] | None = None  # the viewer's own matrix


def ahp_groups(db, system_row: dict, system: IndicatorSystem, viewer_id: int | None) -> dict[tuple[str, ...], AhpGroup]:
    """Per parent with two or more children: each expert's CR, the group matrix's weights and CR."""
    panel = rules(db, system_row["id"])
    stored = store.evaluations.list_judgements(db, system_row["id"])
    found = {}
    for parent in sorted({indicator.path[:-1] for indicator in system.indicators}, key=lambda p: (len(p), p)):
        names = [child.name for child in system.children(parent)]
        if len(names) < 2:
            continue
        mine = [row for row in stored if row["parent"] == parent]
        current = [row for row in mine if row["names"] == names]
        group, error = None, ""
        if current:
            try:
                group = group_weights([(row["name"], row["matrix"]) for row in current], names)
            except AhpError as problem:
                error = str(problem)
        experts = [{"name": row["name"], "at": row["at"], "result": result}
                   for row, (_, result) in zip(current, group.experts if group else [])]
        judged = {row["user_id"] for row in current}
        own = next((row["matrix"] for row in current if row["user_id"] == viewer_id), None)
        found[parent] = AhpGroup(parent, names, experts, [row["name"] for row in mine if row["names"] != names],
                                 [name for number, name in panel.members.items() if number not in judged],
                                 group, error, own)
    return found


def group_for_adoption(db, system_row: dict, system: IndicatorSystem, parent: tuple[str, ...],
                       drop_inconsistent: bool) -> GroupAhp:
    """The group matrix the office adopts for `parent` (AhpError with a Chinese message if none)."""
    names = [child.name for child in system.children(parent)]
    current = [row for row in store.evaluations.list_judgements(db, system_row["id"])
               if row["parent"] == parent and row["names"] == names]
    if not current:
        raise AhpError(f"“{'/'.join(parent) or '一级指标'}”还没有专家提交判断矩阵")
    return group_weights([(row["name"], row["matrix"]) for row in current], names,
                         drop_inconsistent=drop_inconsistent)
