"""The 职责边界清单: one row per matter with its 主办/协办 departments and basis.

A draft comes straight from the findings (proposed 主办/协办); staff decisions
(confirmed lead, assisting departments, division of work) replace the proposal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Finding, ItemRef
from .normalize import for_matching
from .safe_output import save_workbook, scrubbed

COLUMNS = ["序号", "领域", "事项", "涉及部门", "主办部门", "协办部门", "职责分工", "各方职责原文", "依据", "状态"]
KIND_NAMES = {"overlap": "职责交叉", "lead_assist": "牵头配合", "settled": "已有分工"}


@dataclass
class Decision:
    """What staff settled for one finding (by its key)."""
    status: str  # confirmed | dismissed
    lead: str | None = None
    assisting: list[str] = field(default_factory=list)
    division_of_work: str = ""
    reason: str = ""
    matter: str = ""


@dataclass
class BoundaryRow:
    no: int
    topic: str
    matter: str
    departments: list[str]
    lead: str
    assisting: list[str]
    texts: list[str]
    basis: str
    status: str
    key: str = ""
    kind: str = ""
    division_of_work: str = ""

    def values(self) -> list:
        return [self.no, self.topic, self.matter, "、".join(self.departments), self.lead,
                "、".join(self.assisting), self.division_of_work, "\n".join(self.texts), self.basis, self.status]


def matter_of(finding: Finding) -> str:
    """A short name for the matter: its leading shared terms (食品安全风险监测)."""
    terms = finding.terms[:3]
    kept = [term for term in terms if not any(term != other and term in other for other in terms)]
    return "、".join(kept) or finding.topic


def source_of(ref: ItemRef) -> str:
    """Where a duty is written: 《示例市水利局三定规定》主要职责第3项 / 水资源科第2项职责."""
    where = f"{ref.division}第{ref.no}项职责" if ref.section == "divisions" and ref.division \
        else f"主要职责第{ref.no}项"
    return f"《{ref.department}三定规定》{where}"


def basis_of(finding: Finding, division_of_work: str = "") -> str:
    """The basis of a matter: the 有关职责分工 statement if one settles it, else both duties. The
    statement is left out when the decided 职责分工 already quotes it (a row says it once)."""
    sources = "；".join(dict.fromkeys([source_of(finding.a), source_of(finding.b)]))
    if finding.settled_by and finding.settled_by.strip() not in division_of_work:
        return f"有关职责分工：{finding.settled_by}（{sources}）"
    return sources


def propose(finding: Finding) -> tuple[str, list[str]]:
    """Proposed 主办 and 协办 for a finding that staff have not decided yet."""
    a, b = finding.a.department, finding.b.department
    if a == b:  # two divisions of one department
        a, b = f"{a}{finding.a.division}", f"{b}{finding.b.division}"
    if finding.kind == "lead_assist":
        assist = re.compile(r"配合|协助|参与|协同")
        if assist.search(finding.matter_a) and not assist.search(finding.matter_b):
            return b, [a]
        return a, [b]
    if finding.kind == "settled" and finding.settled_by:
        lead = _lead_in_statement(finding)
        if lead:
            return lead, [d for d in (a, b) if d != lead]
    return "待定", []


def _lead_in_statement(finding: Finding) -> str | None:
    """In `…XX局负责<matter>…`, the department that 负责 the shared term."""
    statement = for_matching(finding.settled_by or "")
    for term in finding.terms:
        position = statement.find(term)
        if position < 0:
            continue
        before = statement[:position]
        for department in (finding.a.department, finding.b.department):
            core = re.sub(r"^.*?[市县区省]", "", department, count=1)
            if core and before.rfind(core) >= 0 and "负责" in before[before.rfind(core):]:
                return department
    return None


def rows(findings: list[Finding], decisions: dict[str, Decision] | None = None) -> list[BoundaryRow]:
    """Rows of the list, grouped by field (领域) and then by score; dismissed findings left out."""
    decisions = decisions or {}
    out: list[BoundaryRow] = []
    for finding in sorted(findings, key=lambda f: (f.topic, -f.score)):
        decision = decisions.get(finding.key)
        if decision and decision.status == "dismissed":
            continue
        departments = [finding.a.department] if finding.a.department == finding.b.department else \
            [finding.a.department, finding.b.department]
        division_of_work = ""
        if decision and decision.status == "confirmed":
            lead, assisting = decision.lead or "待定", decision.assisting
            status = "已确认"
            division_of_work = decision.division_of_work
            matter = decision.matter or matter_of(finding)
        else:
            lead, assisting = propose(finding)
            status = "已有分工（待确认）" if finding.kind == "settled" else "待确认"
            matter = matter_of(finding)
        texts = [f"{_label(finding.a)}：{finding.a.text}", f"{_label(finding.b)}：{finding.b.text}"]
        out.append(BoundaryRow(no=0, topic=finding.topic, matter=matter, departments=departments,
                               lead=lead, assisting=assisting, texts=texts,
                               basis=basis_of(finding, division_of_work),
                               status=status, key=finding.key, kind=finding.kind,
                               division_of_work=division_of_work))
    for number, row in enumerate(out, start=1):
        row.no = number
    return out


def _label(ref: ItemRef) -> str:
    return f"{ref.department}{ref.division}" if ref.section == "divisions" else ref.department


def write_xlsx(table: list[BoundaryRow], path: str | Path, title: str = "职责边界清单（草稿）") -> None:
    """The list as an .xlsx workbook with a header row, wrapped text and frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    table, title = scrubbed((table, title))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "职责边界清单"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F4")
    for row in table:
        sheet.append(row.values())
    widths = [6, 12, 24, 30, 22, 26, 40, 80, 50, 14]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    save_workbook(workbook, path)
