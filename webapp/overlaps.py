"""Overlapping responsibilities (职责交叉): findings per government, review, the 职责边界清单.

Detection itself runs in the background (`jobs.JobRunner.request_detection`,
`detection.run`); these routes read its stored result, record staff decisions
and export the confirmed matters.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape

from docproc import handbook
from docproc.boundary import KIND_NAMES, matter_of, propose, rows, write_xlsx
from docproc.normalize import for_matching
from docproc.numerals import to_chinese

from . import scope, store
from .access import editors, signed_in
from .database import get_db
from .errors import error_page
from .forms import ConfirmForm, DismissForm, EmptyForm, choices
from .paging import requested_page
from .services import detection, jobs
from .views import DOCX, XLSX, department_or_404, download, government_or_404

bp = Blueprint("overlaps", __name__, url_prefix="/overlaps")

STATUS_NAMES = {"open": "待处理", "confirmed": "已确认", "dismissed": "已排除"}
SECTION_NAMES = {"duties": "主要职责", "divisions": "内设机构职责"}
FILTERS = ("department", "kind", "topic", "min_score", "status", "scope", "q")


def init_app(app) -> None:
    app.jinja_env.globals.update(kind_names=KIND_NAMES, status_names=STATUS_NAMES,
                                 scope_names=detection.SCOPES, section_names=SECTION_NAMES)
    app.register_blueprint(bp)


def highlight(text: str, terms: list[str]) -> Markup:
    """`text` HTML-escaped, with every occurrence of the shared terms in <mark>.

    Terms are in simplified, half-width form; when that form of the text has
    the same length (t2s and width changes keep it), positions found there mark
    the original characters.
    """
    text = text or ""
    matching = for_matching(text)
    source = matching if len(matching) == len(text) else text
    spans = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = source.find(term)
        while start >= 0:
            spans.append((start, start + len(term)))
            start = source.find(term, start + 1)
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)



def _filters() -> dict:
    """The list filters from the query string; unknown values are ignored."""
    args = request.args
    found: dict = {}
    if args.get("department"):
        found["department"] = args["department"][:200]
    if args.get("kind") in KIND_NAMES:
        found["kind"] = args["kind"]
    if args.get("topic"):
        found["topic"] = args["topic"][:50]
    if args.get("status") in STATUS_NAMES:
        found["status"] = args["status"]
    if args.get("scope") in detection.SCOPES:
        found["scope"] = args["scope"]
    try:
        score = float(args.get("min_score", ""))
    except ValueError:
        score = None
    if score is not None and 0 <= score <= 1:
        found["min_score"] = round(score, 2)
    if args.get("q", "").strip():
        found["search"] = args["q"].strip()[:50]
    return found


PAGE_SIZE = 100


def _index(target: str):
    governments = scope.governments(store.findings.governments_with_findings(get_db()))
    with_findings = [g for g in governments if g["name"] != store.documents.UNKNOWN_GOVERNMENT]
    if len(with_findings) == 1 and len(governments) == 1:
        return redirect(url_for(target, government_id=with_findings[0]["id"]))
    return render_template("overlaps/index.html", governments=governments, target=target)


@bp.get("/")
@signed_in
def index():
    """Governments with their findings; one government goes straight to its findings."""
    return _index("overlaps.findings")


@bp.get("/boundary")
@signed_in
def boundary_index():
    """Governments, to open one's 职责边界清单."""
    return _index("overlaps.boundary")


@bp.get("/<int:government_id>/")
@signed_in
def findings(government_id: int):
    """The findings of one government with filters, counts per kind and the last run."""
    db = get_db()
    government = government_or_404(government_id)
    filters = _filters()
    found = store.findings.list_findings(db, government_id, **filters)
    page = requested_page(len(found), PAGE_SIZE)
    query = {("q" if key == "search" else key): value for key, value in filters.items()}
    return render_template(
        "overlaps/findings.html", government=government, findings=page.of(found), filters=filters,
        matched=len(found), page=page, query=query,
        facets=store.findings.finding_facets(db, government_id), run=store.findings.get_detection(db, government_id),
        can_edit=current_user.role in ("admin", "staff"), empty_form=EmptyForm())


@bp.get("/<int:government_id>/status")
@signed_in
def status(government_id: int):
    """The detection state as JSON (the findings page polls it while a run is pending)."""
    db = get_db()
    government_or_404(government_id)
    run = store.findings.get_detection(db, government_id)
    return {"pending": run["pending"], "finished_at": run["finished_at"],
            "message": run["message"], "findings": store.findings.finding_facets(db, government_id)["total"]}


@bp.post("/<int:government_id>/detect")
@editors
def detect(government_id: int):
    """Run the detection again (in the background) and go back to the findings page."""
    government = government_or_404(government_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    store.findings.audit_detection(get_db(), current_user.id, government_id, government["name"])
    jobs.runner(current_app).request_detection(government_id)
    flash("已开始重新识别职责交叉，完成后本页自动刷新。", "info")
    return redirect(url_for("overlaps.findings", government_id=government_id))


def _finding(government_id: int, key: str) -> tuple[dict, dict, object]:
    """(government, stored row, docproc Finding) or 404."""
    government = government_or_404(government_id)
    row = store.findings.get_finding(get_db(), government_id, key) or abort(404)
    return government, row, detection.finding_from_dict(row["data"])


def _confirm_form(finding, row: dict) -> ConfirmForm:
    """The confirm form with the finding's parties as choices, prefilled on GET."""
    parties = detection.parties(finding)
    form = ConfirmForm()
    form.lead.choices = choices((party, party) for party in parties)
    form.assisting.choices = choices((party, party) for party in parties)
    if request.method == "GET":
        if row["status"] == "confirmed":
            lead, assisting = row["lead"], row["assisting"]
            form.matter.data = row["matter"]
            form.division_of_work.data = row["division_of_work"]
        else:
            lead, assisting = propose(finding)
            form.matter.data = matter_of(finding)
            form.division_of_work.data = finding.settled_by or ""
        form.lead.data = lead if lead in parties else None
        form.assisting.data = [party for party in assisting if party in parties and party != lead]
    return form


def _back_args() -> dict:
    return {key: request.args[key] for key in FILTERS if request.args.get(key)}


def _render_finding(government, row, finding, confirm_form=None, dismiss_form=None, code=200):
    db = get_db()
    departments = store.documents.department_ids(db, government["id"])
    versions = {}
    for ref in (finding.a, finding.b):
        department_id = departments.get(ref.department)
        versions[ref.department] = {
            "department_id": department_id,
            "version_id": store.documents.current_version_id(db, department_id) if department_id else None}
    back = _back_args()
    listing = [f["key"] for f in store.findings.list_findings(db, government["id"], **_filters())]
    position = listing.index(row["key"]) if row["key"] in listing else None
    neighbours = {
        "previous": listing[position - 1] if position else None,
        "next": listing[position + 1] if position is not None and position + 1 < len(listing) else None,
        "position": None if position is None else position + 1, "total": len(listing)}
    if dismiss_form is None:
        dismiss_form = DismissForm()
        if request.method == "GET" and row["status"] == "dismissed":
            dismiss_form.reason.data = row["reason"]
    proposal = propose(finding)
    return render_template(
        "overlaps/finding.html", government=government, row=row, finding=finding,
        highlight=highlight, versions=versions, back=back, neighbours=neighbours,
        proposal=proposal, parties=detection.parties(finding), title=matter_of(finding),
        confirm_form=confirm_form or _confirm_form(finding, row), dismiss_form=dismiss_form,
        empty_form=EmptyForm(), can_edit=current_user.role in ("admin", "staff")), code


@bp.get("/<int:government_id>/findings/<key>")
@signed_in
def finding(government_id: int, key: str):
    """One finding: both duties side by side with the shared terms marked, and the decision forms."""
    government, row, found = _finding(government_id, key)
    return _render_finding(government, row, found)


@bp.post("/<int:government_id>/findings/<key>/confirm")
@editors
def confirm(government_id: int, key: str):
    """Confirm the finding as a matter of the 职责边界清单."""
    government, row, found = _finding(government_id, key)
    form = _confirm_form(found, row)
    if not form.validate_on_submit():
        flash("未能确认：" + "；".join(e for errors in form.errors.values() for e in errors), "error")
        return _render_finding(government, row, found, confirm_form=form, code=400)
    store.findings.set_decision(get_db(), government_id, key, {
        "status": "confirmed", "lead": form.lead.data,
        "assisting": [party for party in form.assisting.data if party != form.lead.data],
        "matter": form.matter.data, "division_of_work": form.division_of_work.data or ""},
        current_user.id)
    flash(f"已确认：{form.matter.data}（主办 {form.lead.data}）。", "success")
    return redirect(url_for("overlaps.finding", government_id=government_id, key=key,
                            **_back_args()))


@bp.post("/<int:government_id>/findings/<key>/dismiss")
@editors
def dismiss(government_id: int, key: str):
    """Dismiss the finding (not an overlap) with a reason."""
    government, row, found = _finding(government_id, key)
    form = DismissForm()
    if not form.validate_on_submit():
        flash("未能排除：" + "；".join(e for errors in form.errors.values() for e in errors), "error")
        return _render_finding(government, row, found, dismiss_form=form, code=400)
    store.findings.set_decision(get_db(), government_id, key,
                       {"status": "dismissed", "reason": form.reason.data}, current_user.id)
    flash("已排除此条交叉。", "success")
    return redirect(url_for("overlaps.finding", government_id=government_id, key=key,
                            **_back_args()))


@bp.post("/<int:government_id>/findings/<key>/reopen")
@editors
def reopen(government_id: int, key: str):
    """Withdraw the decision: the finding is 待处理 again."""
    _finding(government_id, key)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    if store.findings.clear_decision(get_db(), government_id, key, current_user.id):
        flash("已撤销处理结果，此条恢复为待处理。", "info")
    return redirect(url_for("overlaps.finding", government_id=government_id, key=key,
                            **_back_args()))


def _confirmed(government_id: int) -> tuple[list, dict, list[dict]]:
    """(findings, decisions by key, decided rows no longer detected) of a government."""
    db = get_db()
    present = store.findings.list_findings(db, government_id, status="confirmed")
    gone = store.findings.list_findings(db, government_id, status="confirmed", present=False)
    found = [detection.finding_from_dict(row["data"]) for row in present]
    decisions = {row["key"]: detection.decision_of(row) for row in present}
    return found, decisions, gone


@bp.get("/<int:government_id>/boundary")
@signed_in
def boundary(government_id: int):
    """The 职责边界清单: confirmed matters grouped by field, with an index."""
    government = government_or_404(government_id)
    found, decisions, gone = _confirmed(government_id)
    matters = handbook.matters(found, decisions)
    return render_template("overlaps/boundary.html", government=government,
                           fields=handbook.fields(matters), total=len(matters), gone=gone,
                           chinese_number=to_chinese)



@bp.get("/<int:government_id>/boundary.xlsx")
@signed_in
def boundary_xlsx(government_id: int):
    """The 职责边界清单 as an .xlsx workbook (confirmed matters only)."""
    government = government_or_404(government_id)
    found, decisions, _gone = _confirmed(government_id)
    table = sorted(rows(found, decisions), key=lambda row: handbook.topic_order(row.topic))
    for number, row in enumerate(table, start=1):
        row.no = number
    with tempfile.TemporaryDirectory(prefix="sanding-export-") as folder:
        path = Path(folder) / "list.xlsx"
        write_xlsx(table, path, title=f"{government['name']}职责边界清单")
        data = path.read_bytes()
    return download(data, f"{government['name']}职责边界清单.xlsx", XLSX)


@bp.get("/<int:government_id>/boundary.docx")
@signed_in
def boundary_docx(government_id: int):
    """The 职责边界清单 as a .docx handbook grouped by field with an index."""
    government = government_or_404(government_id)
    found, decisions, _gone = _confirmed(government_id)
    buffer = io.BytesIO()
    handbook.write_docx(handbook.matters(found, decisions), buffer,
                        title=f"{government['name']}职责边界清单")
    return download(buffer.getvalue(), f"{government['name']}职责边界清单.docx", DOCX)


@bp.get("/departments/<int:department_id>")
@signed_in
def department(department_id: int):
    """部门职责交叉: one department's findings by kind and status, with links."""
    db = get_db()
    row = department_or_404(department_id)
    government = government_or_404(row["government_id"])
    found = store.findings.list_findings(db, government["id"], department=row["name"])
    return render_template(
        "overlaps/department.html", department=row, government=government, findings=found,
        facets=store.findings.finding_facets(db, government["id"], department=row["name"]),
        run=store.findings.get_detection(db, government["id"]),
        version_id=store.documents.current_version_id(db, department_id))
