"""Overlap detection for one government: its documents from the store, the finder, the stored findings.

No Flask here: the upload jobs, the 重新识别 button and `sanding import` all call
`run` (through `jobs.JobRunner.request_detection` or `detect_now`). Documents are
every stored version of the government's departments with staff corrections
applied, oldest first, so the finder compares the newest of each department and
says which versions it left out.
"""
from __future__ import annotations

import dataclasses
import logging

from docproc.boundary import Decision
from docproc.findings import Finding, ItemRef
from docproc.model import Document

from .. import store
from . import ingest

log = logging.getLogger(__name__)
SCOPES = {"departments": "部门之间", "divisions": "内设机构之间"}
FAILED = "识别时发生内部错误，结果未更新；请稍后点击“重新识别”，若仍失败请联系管理员。"
INTERRUPTED = "服务重启，职责交叉识别被中断；请点击“重新识别”。"


def government_documents(db, government_id: int) -> list[Document]:
    """The current version of each department (corrected), under the department it is filed
    under: an old 三定 filed under its renamed department (归入) is history, not a department."""
    documents = []
    for version in store.documents.current_versions(db, government_id):
        doc = ingest.corrected_document(db, version)
        if doc.department and doc.department != version["department_name"]:
            doc.department = version["department_name"]
        documents.append(doc)
    return documents


def history_notes(db, government_id: int) -> list[str]:
    """Which version of a department with several was compared (the others are history)."""
    notes = []
    for department in store.documents.government_departments(db, government_id):
        if department["versions"] > 1:
            current = store.documents.department_versions(db, department["id"])[-1]
            notes.append(f"{department['name']} 有 {department['versions']} 个版本，只比对现行版本 "
                         f"{current['file_name']}（{current['date']}）")
    return notes


def detect(documents: list[Document]) -> dict:
    """Both runs of the finder: across departments, and between divisions of each department.

    Returns {findings: [dict with scope], notes: [...], departments: N, items: M}.
    """
    from docproc.overlap import OverlapFinder  # numpy, scikit-learn and jieba: only when detecting
    across = OverlapFinder().fit(documents)
    within = OverlapFinder(within_departments=True).fit(documents)
    findings: dict[str, dict] = {}
    for scope, finder in (("departments", across), ("divisions", within)):
        for finding in finder.findings_:
            findings.setdefault(finding.key, {**finding.to_dict(), "scope": scope})
    notes = list(dict.fromkeys(across.notes_ + within.notes_))
    departments = {(item.government, item.department) for item in across.items_ + within.items_}
    return {"findings": list(findings.values()), "notes": notes,
            "departments": len(departments), "items": len(across.items_)}


def run(db, government_id: int) -> dict | None:
    """Detect the government's findings now and store them; None if the run failed.

    A failure is recorded on the run (a Chinese message) and leaves the earlier
    findings and all decisions as they were.
    """
    generation = store.findings.start_detection(db, government_id)
    try:
        result = detect(government_documents(db, government_id))
        notes = history_notes(db, government_id) + result["notes"]
        return store.findings.save_findings(db, government_id, result["findings"], generation=generation,
                                   notes=notes, departments=result["departments"],
                                   items=result["items"])
    except Exception:
        log.exception("overlap detection for government %s failed", government_id)
        store.findings.detection_failed(db, government_id, generation, FAILED)
        return None


def detect_now(db, government_id: int) -> dict | None:
    """Request and run detection in the calling thread (the CLI path)."""
    store.findings.request_detection(db, government_id)
    return run(db, government_id)


def _build(cls, data: dict):
    names = {field.name for field in dataclasses.fields(cls) if field.init}
    return cls(**{key: value for key, value in data.items() if key in names})


def finding_from_dict(data: dict) -> Finding:
    """The docproc Finding back from its stored dict (unknown keys ignored)."""
    values = {key: value for key, value in data.items() if key not in ("a", "b")}
    return _build(Finding, {**values, "a": _build(ItemRef, data["a"]), "b": _build(ItemRef, data["b"])})


def decision_of(row: dict) -> Decision | None:
    """The docproc Decision of a finding row joined with its decision (None if 待处理)."""
    if row.get("status", "open") == "open":
        return None
    return Decision(status=row["status"], lead=row.get("lead"), assisting=row.get("assisting") or [],
                    division_of_work=row.get("division_of_work") or "",
                    reason=row.get("reason") or "", matter=row.get("matter") or "")


def party(ref: ItemRef, within: bool) -> str:
    """How a side is named in the 主办/协办 choice: the department, or department + division."""
    return f"{ref.department}{ref.division or ''}" if within else ref.department


def parties(finding: Finding) -> list[str]:
    """The two parties of a finding, in the finding's order."""
    within = finding.a.department == finding.b.department
    return list(dict.fromkeys([party(finding.a, within), party(finding.b, within)]))
