"""Assembling a department's evaluation inputs from what the platform already knows.

Pure functions over plain values: the store (or a test) supplies stored
manual scores, survey results of the government's rounds, confirmed overlap
findings and the rectification ledger, and the department's parsed 三定.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ..aggregate import DepartmentResult
from ..reform.roll import UnitCheck
from ..results import RoundResults
from .evaluate import Check, DepartmentInputs, ManualScore, SurveyScore, staffing_checks
from .panels import PanelRules, Resolution, leaf_results, pending_note


@dataclass
class ConfirmedOverlap:
    """A confirmed finding (decision 已确认) of the government."""
    key: str
    matter: str
    department_a: str
    department_b: str
    lead: str | None = None
    assisting: tuple[str, ...] = ()

    def involves(self, department: str) -> bool:
        return department in (self.department_a, self.department_b)


def manual_scores(rows: list[dict], maxima: Mapping[tuple[str, ...], float] | None = None,
                  rules: PanelRules | None = None, resolutions: Mapping[tuple[str, ...], Resolution] | None = None,
                  ) -> tuple[dict[tuple[str, ...], ManualScore], dict[tuple[str, ...], str]]:
    """The leaf's score for a department, by leaf path, from the stored rows of every evaluator
    (path, value, evidence, by, by_name, at, not_applicable): the one place that reads it, so
    rankings, reports and exports agree. Several evaluators' findings combine as
    `survey.evaluation.panels` says; a final score set by the office overrides them. Also the
    notes of leaves a panel is still scoring (they count once closed).

    `maxima` (leaf → maximum) defaults to the rows' leaves with no disagreement threshold to
    apply; without `rules` there is no panel and every leaf counts at once.
    """
    rules = rules or PanelRules()
    if maxima is None:
        maxima = {tuple(row["path"]): math.inf for row in rows} | dict.fromkeys(resolutions or {}, math.inf)
    found: dict[tuple[str, ...], ManualScore] = {}
    pending: dict[tuple[str, ...], str] = {}
    for path, combined in leaf_results(rows, maxima, rules, resolutions).items():
        if not rules.counts(path):
            pending[path] = pending_note(combined, rules)
            continue
        if combined.resolution is None and combined.n == 1:  # one evaluator: said as before panels
            entry = combined.entries[0]
            found[path] = ManualScore(entry.value, entry.evidence, entry.evaluator, entry.at, entry.not_applicable)
        elif combined.value is not None or combined.not_applicable:
            found[path] = ManualScore(combined.value or 0.0, "", "专家组", combined.latest, combined.not_applicable,
                                      summary=combined.summary())
    if rules.active:  # leaves no panel member has scored yet say so too
        for path in maxima:
            if path not in found and not rules.counts(path):
                pending.setdefault(path, pending_note(None, rules))
    return found, pending


def survey_scores(results: dict[int, tuple[str, RoundResults]], department: str) -> dict[str, SurveyScore]:
    """The department's results in each round: "<id>" the merged score, "<id>:<group>" one group;
    in a round with dimensions also "<id>@<dimension>" and "<id>@<dimension>:<group>".

    A value the k rule hides stays None (样本不足, missing), never zero. A round
    that does not rate the department gives no entry (missing as well).
    """
    found: dict[str, SurveyScore] = {}
    for round_id, (name, round_results) in results.items():
        tables = [(str(round_id), name, round_results.departments)]
        tables += [(f"{round_id}@{dimension}", f"{name}·{dimension}", by_department)
                   for dimension, by_department in round_results.dimensions.items()]
        for key, label, by_department in tables:
            result = next((r for r in by_department if r.department == department), None)
            if result is not None:
                found.update(_scores(key, label, result))
    return found


def _scores(key: str, name: str, result: DepartmentResult) -> dict[str, SurveyScore]:
    """The merged score of one result under `key`, and each group's under "<key>:<group>"."""
    n = sum(group.n for group in result.groups)
    label = name + (f"（未计入：{'、'.join(result.left_out)}，样本不足）" if result.left_out else "")
    found = {key: SurveyScore(result.score, n, label)}
    for group in result.groups:
        value = None if group.hidden else group.trimmed_mean
        found[f"{key}:{group.group}"] = SurveyScore(value, group.n, f"{name}（{group.group}）")
    return found


def open_overlaps(department: str, confirmed: list[ConfirmedOverlap], closed: set[str],
                  rectifying: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Matters of confirmed findings involving the department that are not settled yet, by matter.

    A matter written into the 职责边界清单 with its 主办 is settled: that is the fix the 清单 is
    for. It stays open while it has no 主办, or while a rectification entry about it is open
    (`rectifying`: finding keys and matters of entries not yet 已销号); `closed` holds those of
    已销号 entries. Several findings of one matter count once.
    """
    matters: dict[str, list[ConfirmedOverlap]] = {}
    for finding in confirmed:
        if finding.involves(department):
            matters.setdefault(finding.matter or finding.key, []).append(finding)
    unsettled = []
    for matter, findings in matters.items():
        refs = {matter} | {finding.key for finding in findings}
        if refs & closed:
            continue
        if refs & rectifying or not all(finding.lead for finding in findings):
            unsettled.append(matter)
    return sorted(unsettled)


def roll_checks(check: UnitCheck) -> dict[str, list[Check]]:
    """A unit's 实名制 checks as the `roll` sources score them: one check per kind of post (超编)
    and per level of leader post (超职数); a kind without both 核定 and 实有 cannot be checked."""
    def of(lines) -> list[Check]:
        return [Check(line.name, (line.over == 0) if line.checked else None, line.text()) for line in lines]
    return {"posts": of(check.posts), "leaders": of(check.leaders)}


def department_inputs(department: str, *, manual_rows: list[dict],
                      surveys: dict[int, tuple[str, RoundResults]],
                      confirmed: list[ConfirmedOverlap] | None, closed: set[str],
                      document=None, holders: dict[str, int] | None = None,
                      rectifying: frozenset[str] | set[str] = frozenset(), pending: int = 0,
                      maxima: Mapping[tuple[str, ...], float] | None = None, rules: PanelRules | None = None,
                      resolutions: Mapping[tuple[str, ...], Resolution] | None = None) -> DepartmentInputs:
    """Everything `survey.evaluate.score_leaf` needs about one department.

    `confirmed` is None when overlap detection never ran for the government;
    `document` is the department's current parsed 三定 (None: no staffing checks);
    `maxima`, `rules` and `resolutions`: see `manual_scores`.
    """
    manual, waiting = manual_scores(manual_rows, maxima, rules, resolutions)
    return DepartmentInputs(
        department=department, manual=manual, pending_manual=waiting,
        surveys=survey_scores(surveys, department),
        open_overlaps=None if confirmed is None else open_overlaps(department, confirmed, closed, rectifying),
        pending_overlaps=pending,
        staffing_checks=staffing_checks(document, holders) if document is not None else [])
