"""Glue between the store and `survey.lists` that the 清单 pages and the `sanding lists` commands
share: proposing changes (by hand, from a workbook, from confirmed overlap findings), deciding
them, publishing editions, comparing them, the 一本通 and the exports.

Every user-facing problem is a `ListsError` with Chinese messages; nothing is stored unless the
whole request is right.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from survey.lists import editions as edition_logic
from survey.lists import handbook, sheets
from survey.lists.kinds import (
    KINDS,
    OTHER_FIELD,
    Context,
    Kind,
    ListsError,
    Matter,
    as_raw,
    check_matter,
    default_fields,
    same,
)
from survey.lists.search import Entry, search_text

from .. import store

MAX_SHEET_BYTES = 5 * 1024 * 1024
MAX_REASON = 1000
DRAFT = "draft"  # what a diff compares when it names no edition: the working draft
FINDINGS_REASON = "职责交叉识别中已确认的事项"


# --- what matters are checked against ------------------------------------------------------------

def fields(db, government_id: int) -> list[str]:
    """The government's 行业领域 index (the defaults until an admin saves one)."""
    return store.lists.field_names(db, government_id) or default_fields()


def context(db, government: dict) -> Context:
    return Context(government["name"], sorted(store.documents.department_ids(db, government["id"])),
                   fields(db, government["id"]))


def matter_of(row: dict) -> Matter:
    """A stored draft or edition matter as a `Matter` (its id: the draft matter's)."""
    return Matter(dict(row["values"]), id=row.get("matter_id", row.get("id")), finding_key=row.get("finding_key"))


def draft_matters(db, list_id: int | None) -> list[Matter]:
    return [matter_of(row) for row in store.lists.draft(db, list_id)] if list_id else []


def list_id(db, government_id: int, kind: Kind) -> int | None:
    found = store.lists.get_list(db, government_id, kind.key)
    return found["id"] if found else None


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ListsError(["请填写变更理由"])
    if len(reason) > MAX_REASON:
        raise ListsError([f"变更理由不超过 {MAX_REASON} 字"])
    return reason


def _taken(db, list_id: int | None, name: str, matter_id: int | None = None) -> str | None:
    """Why `name` cannot be given to a matter (other than `matter_id`), or None."""
    if not list_id:
        return None
    if any(matter.name == name and matter.id != matter_id for matter in draft_matters(db, list_id)):
        return f"工作稿中已有名为“{name}”的事项"
    if name in store.lists.pending_names(db, list_id):
        return f"“{name}”已有待审核的新增申请"
    return None


# --- proposing changes -----------------------------------------------------------------------------

def propose_add(db, government: dict, kind: Kind, raw: dict, reason: str, by: int | None) -> int:
    """Propose a new matter; returns the request's id."""
    reason = _reason(reason)
    matter, errors = check_matter(kind, raw, context(db, government))
    if matter is None:
        raise ListsError(errors)
    register = store.lists.ensure_list(db, government["id"], kind.key)
    taken = _taken(db, register, matter.name)
    if taken:
        raise ListsError([taken])
    ids, _batch = store.lists.propose(db, register, [{"action": "add", "matter": matter.name, "new": matter.values,
                                                      "reason": reason}], by)
    return ids[0]


def _draft_matter(db, register: int | None, matter_id: int) -> Matter:
    row = store.lists.get_matter(db, register, matter_id) if register else None
    if row is None:
        raise ListsError(["工作稿中没有这个事项（可能已被删除）"])
    return matter_of(row)


def propose_edit(db, government: dict, kind: Kind, matter_id: int, raw: dict, reason: str, by: int | None) -> int:
    """Propose new values for a draft matter; the request keeps the values it changes, so a later
    approval can tell that the matter moved meanwhile."""
    reason = _reason(reason)
    register = list_id(db, government["id"], kind)
    current = _draft_matter(db, register, matter_id)
    matter, errors = check_matter(kind, raw, context(db, government))
    if matter is None:
        raise ListsError(errors)
    if same(kind, current, matter):
        raise ListsError(["内容没有改动，无需提出修改申请"])
    taken = _taken(db, register, matter.name, matter_id) if matter.name != current.name else None
    if taken:
        raise ListsError([taken])
    assert register is not None, "a draft matter belongs to a register"
    ids, _batch = store.lists.propose(db, register, [{
        "action": "edit", "matter_id": matter_id, "matter": current.name, "old": current.values,
        "new": matter.values, "reason": reason, "finding_key": current.finding_key}], by)
    return ids[0]


def propose_remove(db, government: dict, kind: Kind, matter_id: int, reason: str, by: int | None) -> int:
    reason = _reason(reason)
    register = list_id(db, government["id"], kind)
    current = _draft_matter(db, register, matter_id)
    assert register is not None, "a draft matter belongs to a register"
    ids, _batch = store.lists.propose(db, register, [{
        "action": "remove", "matter_id": matter_id, "matter": current.name, "old": current.values,
        "reason": reason}], by)
    return ids[0]


@dataclass
class Proposed:
    """What one import or one copy of findings proposed."""
    added: int = 0
    edited: int = 0
    unchanged: int = 0
    batch: int | None = None
    approved: bool = False
    skipped: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.added + self.edited

    def text(self) -> str:
        """As the page and the command say it."""
        if not self.count:
            said = "没有需要提出的变更（文件中的事项与工作稿相同）" if self.unchanged else "没有需要提出的变更"
        else:
            verb = "已直接生效" if self.approved else f"已提出变更申请（第 {self.batch} 批），待管理员审核"
            said = f"新增 {self.added} 项、修改 {self.edited} 项，{verb}"
        if self.unchanged and self.count:
            said += f"；{self.unchanged} 项与工作稿相同，未变"
        return said


def _propose_batch(db, register: int, changes: list[dict], by: int | None, source: str, approve: bool,
                   result: Proposed) -> Proposed:
    """Store the batch (and approve it at once when `approve`: the command line's operator holds the
    database, as an admin would), in one transaction."""
    if not changes:
        return result
    with store.transaction(db):
        _ids, batch = store.lists.propose(db, register, changes, by, source=source, batch=True)
        result.batch = batch
        if approve and batch is not None:
            try:
                store.lists.decide_batch(db, register, batch, True, f"{source}（直接生效）", by)
            except store.StoreError as error:
                raise ListsError([str(error)]) from None
            result.approved = True
    return result


def import_sheet(db, government: dict, kind: Kind, data: bytes, file_name: str, by: int | None, *,
                 approve: bool = False) -> Proposed:
    """A filled-in list as change requests (one batch): new names are added, known ones edited when
    they differ. ListsError names every bad row; then nothing is proposed."""
    if len(data) > MAX_SHEET_BYTES:
        raise ListsError([f"文件超过 {MAX_SHEET_BYTES // (1024 * 1024)} MB"])
    register = list_id(db, government["id"], kind)
    pending = store.lists.pending_names(db, register) if register else set()
    incoming = sheets.read_matters(kind, data, context(db, government), file_name, pending=pending)
    return _propose_matters(db, government, kind, incoming, f"导入：{file_name}"[:200], by, approve)


def import_rows(db, government: dict, kind: Kind, rows: list[list], source: str, by: int | None, *,
                approve: bool = False) -> Proposed:
    """As `import_sheet`, for rows already read (cells in `sheets.header(kind)` order)."""
    register = list_id(db, government["id"], kind)
    pending = store.lists.pending_names(db, register) if register else set()
    incoming = sheets.matters_from_rows(kind, rows, context(db, government), pending=pending)
    return _propose_matters(db, government, kind, incoming, source, by, approve)


def _propose_matters(db, government: dict, kind: Kind, incoming: list[Matter], reason: str, by: int | None,
                     approve: bool) -> Proposed:
    register = list_id(db, government["id"], kind)
    plan = edition_logic.plan_import(kind, draft_matters(db, register), incoming)
    result = Proposed(added=len(plan.added), edited=len(plan.edited), unchanged=plan.unchanged)
    changes: list[dict] = [{"action": "add", "matter": matter.name, "new": matter.values, "reason": reason}
                           for matter in plan.added]
    changes += [{"action": "edit", "matter_id": old.id, "matter": old.name, "old": old.values, "new": new.values,
                 "reason": reason, "finding_key": old.finding_key} for old, new in plan.edited]
    if not changes:
        return result
    register = register or store.lists.ensure_list(db, government["id"], kind.key)
    return _propose_batch(db, register, changes, by, reason, approve, result)


def _finding_matter(kind: Kind, item, duties: str, ctx: Context) -> tuple[Matter | None, str]:
    """A confirmed finding (docproc.handbook.Matter) as a matter of the 职责边界清单, or why not.
    `duties`: both duties' texts, the 各自职责 when staff wrote no 职责分工."""
    field_name = item.topic if item.topic in ctx.fields else OTHER_FIELD if OTHER_FIELD in ctx.fields else ""
    raw = {"matter": item.matter, "field": field_name, "lead": item.lead if item.lead != "待定" else "",
           "assisting": list(item.assisting), "duties": item.division_of_work or duties, "basis": item.basis}
    matter, errors = check_matter(kind, raw, ctx)
    return matter, "；".join(errors)


def copy_findings(db, government: dict, by: int | None, *, approve: bool = False) -> Proposed:
    """Propose the confirmed overlap findings not yet in the 职责边界清单 (one batch). Idempotent: a
    finding already in the draft or ever proposed (even rejected, or removed since) is not again."""
    from docproc import handbook as confirmed_handbook

    from . import detection

    kind = KINDS["boundary"]
    present = store.findings.list_findings(db, government["id"], status="confirmed")
    found = [detection.finding_from_dict(row["data"]) for row in present]
    decisions = {row["key"]: detection.decision_of(row) for row in present}
    items = confirmed_handbook.matters(found, {key: d for key, d in decisions.items() if d is not None})
    register = list_id(db, government["id"], kind)
    known = store.lists.known_findings(db, register) if register else set()
    taken = {m.name for m in draft_matters(db, register)} | (store.lists.pending_names(db, register) if register
                                                             else set())
    ctx = context(db, government)
    result = Proposed()
    changes: list[dict] = []
    texts = {finding.key: f"{finding.a.department}：{finding.a.text}\n{finding.b.department}：{finding.b.text}"
             for finding in found}
    for item in items:
        if item.key in known:
            result.unchanged += 1
            continue
        matter, why = _finding_matter(kind, item, texts.get(item.key, ""), ctx)
        if matter is None or matter.name in taken:
            result.skipped.append(f"“{item.matter}”：{why or '清单中已有同名事项'}")
            continue
        taken.add(matter.name)
        matter.finding_key = item.key
        changes.append({"action": "add", "matter": matter.name, "new": matter.values, "reason": FINDINGS_REASON,
                        "finding_key": item.key})
    result.added = len(changes)
    if not changes:
        return result
    register = register or store.lists.ensure_list(db, government["id"], kind.key)
    return _propose_batch(db, register, changes, by, FINDINGS_REASON, approve, result)


# --- deciding ------------------------------------------------------------------------------------

def _recheck(db, government: dict, kind: Kind, change: dict) -> None:
    """What a request would write must still be right now (a 行业领域 or department may be gone)."""
    if change["action"] == "remove" or change["status"] != "pending":
        return
    _matter, errors = check_matter(kind, as_raw(kind, Matter(change["new"])), context(db, government))
    if errors:
        raise ListsError([f"“{change['new'].get('matter', '')}”：{error}" for error in errors])


def decide(db, government: dict, kind: Kind, change_id: int, approve: bool, note: str, by: int | None) -> dict:
    """Approve or reject one request (a rejection needs its reason); returns the request."""
    register = list_id(db, government["id"], kind)
    change = store.lists.get_change(db, register, change_id) if register else None
    if change is None:
        raise ListsError(["变更申请不存在"])
    note = (note or "").strip()
    if not approve and not note:
        raise ListsError(["驳回须写明理由"])
    if len(note) > MAX_REASON:
        raise ListsError([f"审核意见不超过 {MAX_REASON} 字"])
    if approve:
        _recheck(db, government, kind, change)
    try:
        assert register is not None
        return store.lists.decide(db, register, change_id, approve, note, by)
    except store.StoreError as error:
        raise ListsError([str(error)]) from None


def decide_batch(db, government: dict, kind: Kind, batch: int, approve: bool, note: str, by: int | None) -> int:
    register = list_id(db, government["id"], kind)
    pending = store.lists.list_changes(db, register, status="pending", batch=batch) if register else []
    if not pending:
        raise ListsError(["这一批没有待审核的申请"])
    note = (note or "").strip()
    if not approve and not note:
        raise ListsError(["驳回须写明理由"])
    if approve:
        errors: list[str] = []
        for change in pending:
            try:
                _recheck(db, government, kind, change)
            except ListsError as error:
                errors += error.errors
        if errors:
            raise ListsError(errors)
    try:
        assert register is not None
        return store.lists.decide_batch(db, register, batch, approve, note, by)
    except store.StoreError as error:
        raise ListsError([str(error)]) from None


# --- editions ------------------------------------------------------------------------------------

def edition_matters(db, edition: dict) -> list[Matter]:
    return [matter_of(row) for row in store.lists.edition_matters(db, edition["id"])]


def publish(db, government: dict, kind: Kind, by: int | None, *, title: str = "", note: str = "",
            today: date | None = None) -> dict:
    """Freeze the draft as the next edition (named `title`, else 2026年版); refused when the draft is
    empty or says exactly what the latest edition says. Returns the edition."""
    today = today or date.today()
    title = (title or "").strip() or edition_logic.title_for(today.year)
    if len(title) > 40:
        raise ListsError(["版本名称不超过 40 字"])
    if len(note) > MAX_REASON:
        raise ListsError([f"发布说明不超过 {MAX_REASON} 字"])
    with store.transaction(db):  # the draft read and the edition written see the same draft
        register = list_id(db, government["id"], kind)
        index = fields(db, government["id"])
        matters = edition_logic.edition_order(draft_matters(db, register), index)
        if not matters:
            raise ListsError([f"{kind.name}的工作稿中没有事项，无可发布"])
        assert register is not None
        latest = store.lists.latest_edition(db, register)
        if latest is not None:
            before = edition_matters(db, latest)
            if [m.id for m in before] == [m.id for m in matters] and edition_logic.diff(kind, before, matters).empty:
                raise ListsError([f"工作稿与{edition_logic.label(latest['number'], latest['title'])}相同，无需发布"])
        store.lists.publish(db, register, title=title, published_on=today.isoformat(), note=note.strip(),
                            fields=index, by=by, matters=[
                                {"matter_id": m.id, "values": m.values, "search_text": search_text(kind, m)}
                                for m in matters])
        edition = store.lists.latest_edition(db, register)
    assert edition is not None
    return edition


def edition_label(edition: dict | None) -> str:
    return edition_logic.label(edition["number"], edition["title"]) if edition else edition_logic.DRAFT_LABEL


def side(db, register: int | None, ref) -> tuple[dict | None, list[Matter]]:
    """One side of a comparison: an edition by number, or the draft (`DRAFT`); ListsError if absent."""
    if ref == DRAFT:
        return None, draft_matters(db, register)
    edition = store.lists.get_edition(db, register, int(ref)) if register else None
    if edition is None:
        raise ListsError([f"没有第{ref}版"])
    return edition, edition_matters(db, edition)


def compare(db, government: dict, kind: Kind, old_ref, new_ref) -> tuple[dict | None, dict | None,
                                                                         edition_logic.Diff]:
    """(old edition, new edition, diff); None stands for the draft."""
    register = list_id(db, government["id"], kind)
    old, before = side(db, register, old_ref)
    new, after = side(db, register, new_ref)
    return old, new, edition_logic.diff(kind, before, after)


def diff_xlsx(kind: Kind, government: dict, old: dict | None, new: dict | None, found: edition_logic.Diff) -> bytes:
    return edition_logic.diff_xlsx(kind, found, edition_label(old), edition_label(new),
                                   f"{government['name']}{kind.name}")


def export_xlsx(kind: Kind, matters: list[Matter], government: dict, edition: dict | None) -> bytes:
    return sheets.to_xlsx(kind, matters, f"{kind.name}{edition['title'] if edition else '工作稿'}")


def export_docx(kind: Kind, matters: list[Matter], government: dict, edition: dict) -> bytes:
    out = io.BytesIO()
    groups = len(edition_logic.by_field(matters))
    subtitle = (f"{edition_logic.label(edition['number'], edition['title'])} · {edition['published_on']} 发布 · "
                f"共 {groups} 个行业领域、{len(matters)} 项")
    handbook.write_docx(kind, matters, out, title=f"{government['name']}{kind.name}", subtitle=subtitle)
    return out.getvalue()


def file_name(government: dict, kind: Kind, edition: dict | None, suffix: str) -> str:
    what = f"第{edition['number']}版" if edition else "工作稿"
    return f"{government['name']}{kind.name}（{what}）{suffix}"


# --- the 一本通 ----------------------------------------------------------------------------------

def handbook_entries(db, government_id: int) -> tuple[list[Entry], dict[str, dict]]:
    """The matters of the latest edition of each kind, in kind and edition order, and those
    editions by kind."""
    entries: list[Entry] = []
    latest: dict[str, dict] = {}
    for kind in KINDS.values():
        register = list_id(db, government_id, kind)
        edition = store.lists.latest_edition(db, register) if register else None
        if edition is None:
            continue
        latest[kind.key] = edition
        label = edition_logic.label(edition["number"], edition["title"])
        entries += [Entry(kind, matter_of(row), row["search_text"], label)
                    for row in store.lists.edition_matters(db, edition["id"])]
    return entries, latest
