"""一单位一档案: everything the office keeps about one unit (department) in one place — its 三定
versions, 编制 and 领导职数 by the current 三定 against 实名制 实有 with the 超编/超职数 checks, the
编制 adjustment log by year with its running total, its entries in the 机构编制问题台账 and the
整改台账, and its evaluation results — and the same as a Word file for the unit's paper file.

The web layer gathers an `Archive` from the store; this module only lays it out.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from docproc.safe_output import scrubbed
from docproc.wordstyle import official_document, table

from .adjustments import Year, count_text
from .roll import LEADER_LEVELS, POST_KINDS, UnitCheck


@dataclass
class VersionLine:
    title: str
    date: str
    date_source: str
    file_name: str
    current: bool
    ref: int | None = None  # the stored version's id (the page links it)


@dataclass
class RegisterLine:
    """An entry of the 机构编制问题台账 or the 整改台账 concerning the unit."""
    number: str  # 问题-2026-001, or the 整改 entry's number
    problem: str
    measure: str
    due: str
    status: str
    overdue: bool = False
    ref: int | None = None


@dataclass
class EvaluationLine:
    """The unit's result under one indicator system (computed when the archive is made)."""
    year: str
    system: str
    total: float | None = None
    rank: int | None = None
    ranked: int = 0
    grade: str | None = None
    missing: int = 0
    error: str = ""  # why no result (the system cannot be evaluated now)
    ref: int | None = None  # the system's id

    def text(self) -> str:
        if self.error:
            return self.error
        if self.total is None:
            return f"尚有 {self.missing} 项指标未评分，暂无总分"
        return f"{self.total:.2f} 分，第 {self.rank} 名（共 {self.ranked} 个部门），{self.grade}"


@dataclass
class Archive:
    department: str
    government: str
    versions: list[VersionLine] = field(default_factory=list)
    staffing_text: str = ""  # the current 三定's 人员编制 paragraph
    stated_posts: dict[str, int] = field(default_factory=dict)
    stated_leaders: dict[str, int] = field(default_factory=dict)
    roll_as_of: str | None = None  # 数据日期 of the 实名制 row shown (None: no 实名制 data)
    roll_history: list[tuple[str, UnitCheck]] = field(default_factory=list)  # earlier imports, newest first
    check: UnitCheck | None = None
    adjustments: list[Year] = field(default_factory=list)
    since_document: dict[str, int] | None = None  # net adjustments after the current 三定 took effect
    document_date: str | None = None
    problems: list[RegisterLine] = field(default_factory=list)
    rectifications: list[RegisterLine] = field(default_factory=list)
    evaluations: list[EvaluationLine] = field(default_factory=list)


def check_rows(check: UnitCheck) -> list[list]:
    """The check as table rows: 类别, 项目, 核定, 实有, 超, 空, 核定来源."""
    found = []
    for group, names, lines in (("编制", POST_KINDS, check.posts), ("领导职数", LEADER_LEVELS, check.leaders)):
        by_name = {line.name: line for line in lines}
        for name in names:
            line = by_name.get(name)
            if line is None:
                continue
            over = ("超编 " if group == "编制" else "超职数 ") + str(line.over) if line.over else ""
            vacant = ("空编 " if group == "编制" else "空缺 ") + str(line.vacant) if line.vacant else ""
            found.append([group, name, "未核定" if line.approved is None else line.approved,
                          "未填" if line.actual is None else line.actual, over or vacant or
                          ("相符" if line.checked else "无法核对"), line.source or "—"])
    return found


def archive_docx(archive: Archive, today: date | None = None) -> bytes:
    """The archive as a Word file in the office's document conventions."""
    archive = scrubbed(archive)
    document = official_document(f"{archive.department}机构编制档案")
    document.add_paragraph(f"{archive.government}　{(today or date.today()).isoformat()}")

    document.add_heading("一、三定规定", level=1)
    if archive.versions:
        table(document, ["标题", "施行日期", "状态"],
              [[v.title or v.file_name, f"{v.date}（{v.date_source}）", "现行" if v.current else "历史"]
               for v in archive.versions], [8, 4, 2])
    else:
        document.add_paragraph("尚无三定规定。")

    document.add_heading("二、编制和领导职数", level=1)
    if archive.staffing_text:
        document.add_paragraph(f"现行三定规定：{archive.staffing_text}")
    if archive.check is not None and (archive.check.posts or archive.check.leaders):
        document.add_paragraph(f"实名制数据日期：{archive.roll_as_of}。")
        table(document, ["类别", "项目", "核定", "实有", "核对结果", "核定来源"], check_rows(archive.check),
              [2, 3.4, 1.6, 1.6, 2.6, 2])
        verdicts = [f"{name}超编 {n} 名" for name, n in archive.check.over_posts.items()]
        verdicts += [f"{name}超职数 {n} 名" for name, n in archive.check.over_leaders.items()]
        document.add_paragraph("核对结论：" + ("；".join(verdicts) if verdicts else "未超编、未超职数") + "。")
    else:
        document.add_paragraph("尚无本单位的实名制数据。")

    document.add_heading("三、编制调整台账", level=1)
    if archive.adjustments:
        for year in archive.adjustments:
            document.add_heading(f"{year.year}年", level=2)
            table(document, ["日期", "类型", "编制类别", "数量", "累计", "对方单位", "文号", "备注"],
                  [[s.entry.on.isoformat(), s.entry.kind, s.entry.post_kind, count_text(s.entry.count),
                    count_text(s.total) if s.total else "0", s.entry.counterpart, s.entry.document_no, s.entry.note]
                   for s in year.steps], [2.4, 1.2, 2, 1.2, 1.2, 2.6, 2.6, 2.8])
            document.add_paragraph("本年净变化：" + "，".join(f"{kind} {count_text(n)}"
                                                           for kind, n in year.net.items()) + "。")
        if archive.since_document:
            document.add_paragraph(f"现行三定规定施行（{archive.document_date}）后净调整：" + "，".join(
                f"{kind} {count_text(n)}" for kind, n in archive.since_document.items()) + "。")
    else:
        document.add_paragraph("尚无编制调整记录。")

    document.add_heading("四、机构编制问题台账", level=1)
    _register(document, archive.problems, "无相关问题。")
    document.add_heading("五、整改台账", level=1)
    _register(document, archive.rectifications, "无整改事项。")

    document.add_heading("六、评估结果", level=1)
    if archive.evaluations:
        table(document, ["年度", "指标体系", "结果"], [[e.year, e.system, e.text()] for e in archive.evaluations],
              [1.6, 6, 7])
    else:
        document.add_paragraph("尚无评估。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _register(document, lines: list[RegisterLine], empty: str) -> None:
    if not lines:
        document.add_paragraph(empty)
        return
    table(document, ["编号", "问题", "整改措施", "时限", "状态"],
          [[line.number, line.problem, line.measure, line.due, line.status + ("（逾期）" if line.overdue else "")]
           for line in lines], [2.6, 5, 4, 2, 2])
