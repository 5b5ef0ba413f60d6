"""Glue between the store and the rules of `survey.campaigns.self_assessment` and `.progress` for the
evaluated units (被评估单位) and for the office pages that read what they did: the unit's home, its
self-assessment (saving, submitting, reopening), the evaluators' scores beside the unit's own, its
files, and its reports of 整改 progress with the office's decisions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from survey.campaigns import progress as progress_rules
from survey.campaigns.board import COLUMN_PHASE, COLUMNS, UnitRow
from survey.campaigns.phases import PHASE_NAMES, PHASES, SELF
from survey.campaigns.self_assessment import (
    SUBMITTED,
    AssessmentError,
    Comparison,
    EvaluatorScore,
    Leaf,
    SelfScore,
    compare,
    edit_problem,
    file_count_problems,
    is_late,
    read_scores,
    reopen_problems,
    submission_problems,
)
from survey.registers import is_overdue
from survey.sheets import ListError

from .. import store
from . import campaigns as campaign_service
from . import problems as evidence
from .evaluations import system_of

FILE_PREFIX = "unit-"
MAX_NEW_FILES = 30  # in one save of the self-assessment: a leaf's or a material's limit is per item


# --- the unit's campaigns ---------------------------------------------------------------------------

@dataclass
class UnitCampaign:
    """One campaign as the unit sees it: only its own row of the board."""
    campaign: dict
    phase: str
    row: UnitRow
    deadlines: dict[str, date | None]
    materials: list[dict]
    reminders: list[dict]
    assessment: dict | None
    unread: int = 0
    to_do: list[str] = field(default_factory=list)  # what waits on the unit beyond its 自查自评


def home(db, department_id: int, today: date | None = None) -> list[UnitCampaign]:
    """The campaigns the department is a unit of, newest first, each with its phase, the unit's
    own row of the board, the deadlines, the plan's materials and the office's reminders."""
    found = []
    for campaign_id in store.units.unit_campaign_ids(db, department_id):
        campaign = store.campaigns.get_campaign(db, campaign_id)
        if campaign is None:
            continue
        board = campaign_service.board(db, campaign, today)
        name = next(name for name, i in board.unit_ids.items() if i == department_id)
        row = next(r for r in board.board.rows if r.unit == name)
        reminders = store.campaigns.list_reminders(db, campaign_id, department_id)
        found.append(UnitCampaign(campaign, board.board.phase, row, board.board.deadlines,
                                  store.campaigns.list_materials(db, campaign_id), reminders,
                                  store.units.get_assessment(db, campaign_id, department_id),
                                  sum(1 for r in reminders if not r["read_at"]),
                                  _filing_to_do(db, campaign, department_id)
                                  + to_do(store.campaigns.get_feedback(db, campaign_id, department_id),
                                          entries(db, campaign, department_id, today))))
    return found


def _filing_to_do(db, campaign: dict, department_id: int) -> list[str]:
    """A county's filing of 机构编制 figures the office sent back (county campaigns only)."""
    if campaign.get("target") != store.counties.COUNTIES:
        return []
    filings = store.counties.list_filings(db, campaign["id"], department_id)  # newest first
    if filings and filings[0]["status"] == store.counties.RETURNED:
        return ["报送的机构编制数据被编办退回，请按理由修改后重新报送"]
    return []


def to_do(feedback: dict | None, progress: list[EntryProgress]) -> list[str]:
    """What the office waits for from the unit after its 自查自评, in Chinese: feedback to acknowledge,
    整改 entries to report on (the home page names them: both live on the campaign's page)."""
    found = []
    if feedback is not None and not feedback["acknowledged_at"]:
        found.append("编办已反馈意见，请查看并确认收到")
    open_entries = [item for item in progress if item.can_report]
    returned = sum(1 for item in open_entries
                   if item.reports and item.reports[-1]["status"] == progress_rules.RETURNED)
    if open_entries:
        found.append(f"{len(open_entries)} 项整改事项待报告进展"
                     + (f"（其中 {returned} 项被退回）" if returned else ""))
    return found


def phase_rows(item: UnitCampaign) -> list[tuple[str, date | None, str, str]]:
    """(phase name, deadline, state, detail) per phase for the unit's home: its own cells of the board."""
    rows = []
    for phase in PHASES:
        if phase == "plan":
            published = item.campaign["plan_published_on"]
            rows.append((PHASE_NAMES[phase], item.deadlines.get(phase), "已发布" if published else "未发布",
                         f"{published} 发布" if published else ""))
            continue
        cells = [item.row.cells[column] for column in COLUMNS if COLUMN_PHASE[column] == phase]
        cell = cells[0]
        detail = "；".join(c.detail for c in cells if c.detail) + ("（逾期完成）" if cell.done_late else "")
        rows.append((PHASE_NAMES[phase], item.deadlines.get(phase), cell.name, detail))
    return rows


# --- the self-assessment ----------------------------------------------------------------------------

def leaves_of(db, campaign: dict) -> list[Leaf]:
    """Every leaf of the campaign's indicator system, in its order (none without a system)."""
    if campaign["system_id"] is None:
        return []
    row = store.evaluations.get_system(db, campaign["system_id"])
    if row is None:
        return []
    return [Leaf(leaf.path, float(leaf.max or 0), leaf.description, leaf.source or "manual")
            for leaf in system_of(row).leaves()]


@dataclass
class AssessmentView:
    """A unit's self-assessment with everything its page and the office's page show."""
    campaign: dict
    department_id: int
    leaves: list[Leaf]
    scores: dict[tuple[str, ...], SelfScore]
    materials: list[dict]
    leaf_files: dict[tuple[str, ...], list[dict]]
    material_files: dict[int, list[dict]]
    row: dict | None  # the stored self_assessments row (None: not started)
    history: list[dict]
    deadline: date | None
    today: date
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return self.row["status"] if self.row else None

    @property
    def submitted(self) -> bool:
        return self.status == SUBMITTED

    @property
    def late(self) -> bool:
        """Submitted after the deadline, or still not submitted past it."""
        if self.submitted and self.row is not None:
            return is_late(self.deadline, date.fromisoformat(self.row["submitted_on"]))
        return is_late(self.deadline, self.today)

    @property
    def edit_problem(self) -> str | None:
        return edit_problem(bool(self.campaign["plan_published_on"]), self.status)

    @property
    def last_reopen(self) -> dict | None:
        """The office's latest sending back, while the unit has not submitted again."""
        if self.submitted or not self.history or self.history[-1]["action"] != "reopen":
            return None
        return self.history[-1]

    def missing(self) -> list[str]:
        filed = {m["name"]: len(self.material_files.get(m["id"], [])) for m in self.materials}
        return submission_problems(self.leaves, self.scores, [m["name"] for m in self.materials], filed)

    def all_files(self) -> list[dict]:
        return [f for files in self.leaf_files.values() for f in files] + \
               [f for files in self.material_files.values() for f in files]


def assessment(db, campaign: dict, department_id: int, today: date | None = None) -> AssessmentView:
    """The unit's self-assessment in the campaign, as stored (leaves of a system changed since keep
    their stored scores out of view)."""
    row = store.units.get_assessment(db, campaign["id"], department_id)
    stored = store.units.self_scores(db, row["id"] if row else None)
    leaves = leaves_of(db, campaign)
    scores = {leaf.path: SelfScore(stored[leaf.path]["value"], stored[leaf.path]["note"])
              for leaf in leaves if leaf.path in stored}
    leaf_files: dict[tuple[str, ...], list[dict]] = {}
    material_files: dict[int, list[dict]] = {}
    for item in store.units.list_files(db, campaign["id"], department_id):
        if item["path"] is not None:
            leaf_files.setdefault(item["path"], []).append(item)
        elif item["material_id"] is not None:
            material_files.setdefault(item["material_id"], []).append(item)
    deadlines = campaign_service.deadlines_of(campaign)
    return AssessmentView(campaign, department_id, leaves, scores, store.campaigns.list_materials(db, campaign["id"]),
                          leaf_files, material_files, row, store.units.history(db, row["id"] if row else None),
                          deadlines.get(SELF), today or date.today())


def _save_files(uploads: Path, given: list[tuple[object, str, dict]]) -> list[dict]:
    """Save (stream, file name, what it belongs to) as evidence, like the campaign's visit files (kinds,
    size, generated names); all or none. AssessmentError names the refused file."""
    try:
        saved = evidence.save_attachments(uploads, [(stream, name) for stream, name, _ in given], FILE_PREFIX)
    except ListError as error:
        raise AssessmentError(error.errors) from None
    return [{**item, **belongs} for item, (_, _, belongs) in zip(saved, given)]


def remove_files(uploads: Path, saved: list[dict]) -> None:
    """Remove saved files whose rows were never stored, or whose rows were deleted."""
    evidence.remove_attachment_files(uploads, saved)


def file_path(uploads: Path, row: dict) -> Path:
    return evidence.attachment_path(uploads, row)


def save(db, uploads: Path, view: AssessmentView, typed: dict[tuple[str, ...], tuple[str, str]],
         leaf_uploads: dict[tuple[str, ...], list[tuple[object, str]]],
         material_uploads: dict[int, list[tuple[object, str]]], removed: list[int], by: int | None) -> int:
    """Save a draft: the typed scores and notes, new files, files ticked for removal. Nothing is
    stored unless all of it is right (AssessmentError names every problem). Returns the number of
    files added."""
    problem = view.edit_problem
    if problem:
        raise AssessmentError([problem])
    scores = read_scores(view.leaves, typed)
    mine = {f["id"] for f in view.all_files()}
    if not set(removed) <= mine:
        raise AssessmentError(["要删除的附件不存在或不属于本单位的自查自评"])
    counts = {leaf.label: len([f for f in view.leaf_files.get(leaf.path, []) if f["id"] not in removed])
              + len(leaf_uploads.get(leaf.path, [])) for leaf in view.leaves}
    counts |= {m["name"]: len([f for f in view.material_files.get(m["id"], []) if f["id"] not in removed])
               + len(material_uploads.get(m["id"], [])) for m in view.materials}
    errors = file_count_problems(counts)
    given: list[tuple[object, str, dict]] = [(stream, name, {"path": path}) for path, files in leaf_uploads.items()
                                             for stream, name in files]
    given += [(stream, name, {"material_id": material_id}) for material_id, files in material_uploads.items()
              for stream, name in files]
    if len(given) > MAX_NEW_FILES:
        errors.append(f"一次最多上传 {MAX_NEW_FILES} 个附件，请分几次保存")
    if errors:
        raise AssessmentError(errors)
    saved = _save_files(uploads, given)
    try:
        gone = store.units.save_draft(db, view.campaign["id"], view.department_id,
                                      {path: {"value": s.value, "note": s.note} for path, s in scores.items()},
                                      saved, removed, by)
    except store.StoreError as error:
        remove_files(uploads, saved)
        raise AssessmentError([str(error)]) from None
    except BaseException:
        remove_files(uploads, saved)  # no row points at them
        raise
    remove_files(uploads, gone)  # their rows are gone with the committed draft
    return len(saved)


def submit(db, view: AssessmentView, by: int | None) -> bool:
    """Submit the self-assessment as it is stored (complete, see AssessmentView.missing); the board
    counts it as the unit's own submission of every material it filed. Returns whether it was late."""
    problem = view.edit_problem
    if problem:
        raise AssessmentError([problem])
    missing = view.missing()
    if missing:
        raise AssessmentError(missing)
    late = is_late(view.deadline, view.today)
    try:
        store.units.submit(db, view.campaign["id"], view.department_id, view.today.isoformat(), late,
                           [m["id"] for m in view.materials if view.material_files.get(m["id"])], by)
    except store.StoreError as error:
        raise AssessmentError([str(error)]) from None
    return late


def reopen(db, view: AssessmentView, reason: str, by: int | None) -> None:
    """The office sends the submitted self-assessment back to the unit, with its reason."""
    errors = reopen_problems(view.status, reason)
    if errors:
        raise AssessmentError(errors)
    try:
        store.units.reopen(db, view.campaign["id"], view.department_id, view.today.isoformat(), reason.strip(), by)
    except store.StoreError as error:
        raise AssessmentError([str(error)]) from None


def evaluator_scores(db, campaign: dict, department_id: int, viewer_id: int | None) -> dict[tuple[str, ...],
                                                                                            EvaluatorScore]:
    """The leaf's score for the department as the viewer may see it: the panel's combination once the
    office closed the leaf (a single evaluator's score without a panel), or why nothing shows yet."""
    from . import panels

    if campaign["system_id"] is None:
        return {}
    row = store.evaluations.get_system(db, campaign["system_id"])
    if row is None:
        return {}
    panel, views = panels.department_view(db, row, system_of(row), department_id, viewer_id)
    found = {}
    for path, view in views.items():
        combined = view.combined
        if not view.visible:
            found[path] = EvaluatorScore(note="专家组评分中，指标关闭后显示")
        elif combined.not_applicable:
            found[path] = EvaluatorScore(not_applicable=True, note="不适用")
        elif combined.value is None:
            found[path] = EvaluatorScore(note="尚未评分")
        else:
            found[path] = EvaluatorScore(combined.value, note=combined.method if combined.n > 1 else "")
    return found


def office_view(db, campaign: dict, department_id: int, viewer_id: int | None) -> AssessmentView:
    """The unit's self-assessment for the office's unit page: once submitted, each leaf's self-score
    beside the evaluators' with large differences flagged."""
    view = assessment(db, campaign, department_id)
    if view.submitted:
        view.comparisons = compare(view.leaves, view.scores, evaluator_scores(db, campaign, department_id, viewer_id))
    return view


# --- 整改 progress -----------------------------------------------------------------------------------

@dataclass
class EntryProgress:
    """A 整改台账 entry of the unit in the campaign with its reports."""
    entry: dict
    reports: list[dict]
    overdue: bool

    @property
    def waiting(self) -> bool:
        return any(r["status"] == progress_rules.PENDING for r in self.reports)

    @property
    def can_report(self) -> bool:
        return not progress_rules.report_problems(self.entry["status"], self.waiting, "-", 0)


def entries(db, campaign: dict, department_id: int, today: date | None = None) -> list[EntryProgress]:
    today = today or date.today()
    reports: dict[int, list[dict]] = {}
    for report in store.units.list_reports(db, campaign["id"], department_id):
        report["status_name"] = progress_rules.STATUS_NAMES[report["status"]]
        reports.setdefault(report["rectification_id"], []).append(report)
    return [EntryProgress(entry, reports.get(entry["id"], []),
                          is_overdue(entry["status"], date.fromisoformat(entry["deadline"]), today))
            for entry in store.campaigns.list_rectifications(db, campaign["id"], department_id)]


def report(db, uploads: Path, campaign: dict, department_id: int, entry_id: int, text: str,
           files: list[tuple[object, str]], by: int | None) -> int:
    """The unit reports progress on an entry; ListError (Chinese) when it cannot."""
    entry = store.units.campaign_entry(db, campaign["id"], department_id, entry_id)
    if entry is None:
        raise AssessmentError(["整改事项不存在或不属于本单位"])
    waiting = any(r["status"] == progress_rules.PENDING and r["rectification_id"] == entry_id
                  for r in store.units.list_reports(db, campaign["id"], department_id))
    errors = progress_rules.report_problems(entry["status"], waiting, text, len(files))
    if errors:
        raise AssessmentError(errors)
    saved = _save_files(uploads, [(stream, name, {}) for stream, name in files])
    try:
        return store.units.add_report(db, campaign["id"], department_id, entry_id, text.strip(), saved, by)
    except store.StoreError as error:
        remove_files(uploads, saved)
        raise AssessmentError([str(error)]) from None
    except BaseException:
        remove_files(uploads, saved)
        raise


def decide(db, report_row: dict, decision: str, reason: str, by: int | None, today: date | None = None) -> None:
    """The office accepts a report (the entry is closed today with the report as its proof) or returns
    it with a reason."""
    errors = progress_rules.decision_problems(report_row["status"], decision, reason)
    if errors:
        raise AssessmentError(errors)
    closing = None
    if decision == progress_rules.ACCEPTED:
        files = [f["file_name"] for f in store.units.report_files(db, report_row["id"])]
        closing = {"closed_on": (today or date.today()).isoformat(),
                   "proof": progress_rules.closing_proof(report_row["text"], files)}
    try:
        store.units.decide_report(db, report_row["id"], decision, reason.strip(), closing, by)
    except store.StoreError as error:
        raise AssessmentError([str(error)]) from None

