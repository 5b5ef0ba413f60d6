"""Documents: upload, parse progress, the list of governments and departments, results, corrections."""
from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user

import docproc
from docproc.corrections import Correction, CorrectionError, split_offset

from . import scope, store
from .access import editors, signed_in
from .database import get_db
from .errors import error_page
from .forms import CorrectionForm, EmptyForm, NamingForm, UploadForm
from .scope_rules import ScopeError
from .security import takes_files
from .services import ingest, jobs

bp = Blueprint("documents", __name__, url_prefix="/documents")


def text_key(text: str) -> str:
    """A short fingerprint of an item's text, to notice that it changed meanwhile."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@bp.get("/")
@signed_in
def index():
    """Governments, their departments and each department's versions (current first)."""
    return render_template("documents/index.html",
                           governments=scope.governments(store.documents.list_governments(get_db())))


@bp.route("/upload", methods=["GET", "POST"])
@editors
@takes_files
def upload():
    """Save the files, queue one parse job each and go to the progress page."""
    form = UploadForm()
    choices = sorted(scope.current() or ())  # a limited account says where a text naming none goes
    if not form.validate_on_submit():
        return render_template("documents/upload.html", form=form, governments=choices)
    files = [f for f in request.files.getlist(form.files.name) if f and f.filename]
    if not files:
        return error_page(400, "请选择至少一个文件。")
    fallback = (request.form.get("government") or "").strip() or None
    if fallback is not None and fallback not in choices:
        return error_page(400, "所属政府须从列表中选择（本账号可查看的政府）。")
    uploads = Path(current_app.config["UPLOAD_FOLDER"])
    accepted, refused = [], []
    for upload_file in files:
        file_name = Path(upload_file.filename.replace("\\", "/")).name
        message = ingest.check_name(file_name)
        if message is None:
            stored_name, size = ingest.save_upload(upload_file.stream, uploads, file_name)
            message = ingest.check_name(file_name, size)
            if message is None:
                message, raw = ingest.read_upload(uploads / stored_name, file_name,
                                                  current_app.config.get("MAX_CONTENT_LENGTH"),
                                                  ingest.parse_limits(current_app.config))
            if message:
                (uploads / stored_name).unlink(missing_ok=True)
        if message:
            refused.append((file_name, message))
        else:
            accepted.append((file_name, stored_name, raw))
    if not accepted:
        return error_page(400, "；".join(message for _, message in refused))
    return redirect(url_for("documents.batch", batch=_queue(accepted, refused, fallback)))


def _queue(accepted: list, refused: list, fallback: str | None) -> str:
    """Create the job rows of one upload and start the accepted ones."""
    db, batch = get_db(), secrets.token_urlsafe(12)
    for file_name, message in refused:
        store.jobs.add_job(db, batch, current_user.id, file_name, None, "failed", message)
    runner = jobs.runner(current_app)
    for file_name, stored_name, raw in accepted:
        runner.submit(store.jobs.add_job(db, batch, current_user.id, file_name, stored_name), raw, fallback)
    return batch


def _batch_jobs(batch: str) -> list[dict]:
    """The jobs of an upload: its uploader's, or an admin's whose scope covers the uploader's
    (whose files it could have uploaded itself)."""
    db = get_db()
    found = store.jobs.list_jobs(db, batch)
    if not found:
        abort(404)
    owner = found[0]["user_id"]
    if owner != current_user.id and not (current_user.role == "admin" and scope.manages(owner)):
        abort(404)
    return found


@bp.get("/batches/<batch>")
@editors
def batch(batch: str):
    """The progress page; static/progress.js polls the status endpoint."""
    return render_template("documents/progress.html", jobs=_batch_jobs(batch), batch=batch)


@bp.get("/batches/<batch>/status")
@editors
def batch_status(batch: str):
    """Each job's status as JSON for the progress page."""
    items = [{
        "id": job["id"], "file_name": job["file_name"], "status": job["status"],
        "message": job["message"],
        "url": url_for("documents.version", version_id=job["version_id"]) if job["version_id"] else None,
    } for job in _batch_jobs(batch)]
    return {"jobs": items, "finished": all(j["status"] in ("done", "failed") for j in items)}


@bp.get("/versions/<int:version_id>")
@signed_in
def version(version_id: int):
    """The parse result of one file, with correction forms for staff."""
    db = get_db()
    row = scope.version_or_404(version_id)
    doc = ingest.corrected_document(db, row)
    naming_form = NamingForm(formdata=None, department=doc.department or "", government=doc.government or "")
    doubtful = [line["text"] for page in doc.ocr for line in page["doubtful"] if len(line["text"]) >= 2]
    return render_template(
        "documents/version.html", version=row, doc=doc, text_key=text_key, doubtful=doubtful,
        corrections=store.documents.list_corrections(db, row["sha256"]),
        can_edit=current_user.role in ("admin", "staff"), empty_form=EmptyForm(),
        naming_form=naming_form, unplaced=not doc.department or not doc.government)


@bp.get("/versions/<int:version_id>/pages/<int:number>.png")
@signed_in
def page_image(version_id: int, number: int):
    """A page of a scanned original, to check the text read from it by OCR."""
    from docproc import confine
    from docproc.read import ocr

    db = get_db()
    row = scope.version_or_404(version_id)
    doc = ingest.corrected_document(db, row)
    path = Path(current_app.config["UPLOAD_FOLDER"]) / row["stored_name"]
    if not doc.ocr or not 1 <= number <= len(doc.ocr) or not path.exists():
        abort(404)
    try:
        limits = ingest.parse_limits(current_app.config)
        data = confine.run_confined(ocr.image_bytes, str(path), number - 1, limits=limits)
    except docproc.ParseError as error:
        return error_page(400, error.message)
    response = make_response(data)
    response.headers["Content-Type"] = "image/png"
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.post("/versions/<int:version_id>/delete")
@editors
def delete(version_id: int):
    """Delete a version (its file, items and, at the next detection, its findings); decisions stay."""
    db = get_db()
    row = scope.version_or_404(version_id)
    if request.form.get("confirm") != "yes":
        return error_page(400, "请勾选“确认删除”后再删除。")
    try:
        deleted = store.documents.delete_version(db, version_id, current_user.id)
    except store.StoreError as error:
        return error_page(400, str(error))
    (Path(current_app.config["UPLOAD_FOLDER"]) / deleted["stored_name"]).unlink(missing_ok=True)
    if store.documents.get_government(db, row["government_id"]):
        jobs.runner(current_app).request_detection(row["government_id"])
    flash(f"已删除 {row['file_name']}。", "success")
    return redirect(url_for("documents.index"))


@bp.post("/versions/<int:version_id>/naming")
@editors
def naming(version_id: int):
    """Give a document its department and government by hand (kept when it is parsed again)."""
    db = get_db()
    row = scope.version_or_404(version_id)
    form = NamingForm()
    if not form.validate_on_submit():
        return error_page(400, "；".join(sum(form.errors.values(), [])) or "表单填写有误。")
    department = form.department.data.strip()
    if not department:
        return error_page(400, "请填写部门名称。")
    try:
        government, department = ingest.rename(
            db, row, ingest.Naming(department, (form.government.data or "").strip() or None), current_user.id,
            scope.current())
    except ScopeError as error:
        return error_page(400, str(error))
    runner = jobs.runner(current_app)
    runner.request_detection(row["government_id"])
    moved = store.documents.get_government_by_name(db, government)
    if moved and moved["id"] != row["government_id"]:
        runner.request_detection(moved["id"])
    flash(f"已将 {row['file_name']} 归入 {government} / {department}。", "success")
    return redirect(url_for("documents.version", version_id=version_id))


@bp.post("/versions/<int:version_id>/<any(merge, split):action>")
@editors
def correct(version_id: int, action: str):
    """Merge an item with the next one or split it where the given text starts."""
    db = get_db()
    row = scope.version_or_404(version_id)
    form = CorrectionForm()
    if not form.validate_on_submit():
        return error_page(400, "更正表单填写有误。")
    doc = ingest.corrected_document(db, row)
    section, position = form.section.data, form.position.data
    division = form.division.data if section == "divisions" else None
    try:
        items = _section_items(doc, section, division)
        if position >= len(items) or text_key(items[position]) != form.seen.data:
            raise CorrectionError("该条目已被他人更正，请查看最新结果后重试")
        offset = split_offset(items[position], form.start_text.data or "") if action == "split" else None
        correction = Correction(action, section, position, division, offset, items[position])
        ingest.correct(db, row, correction, current_user.id)
    except CorrectionError as error:
        flash(f"未能更正：{error}。", "error")
    else:
        jobs.runner(current_app).request_detection(row["government_id"])
        flash("已合并两项。" if action == "merge" else "已拆分为两项。", "success")
    return redirect(url_for("documents.version", version_id=version_id) + f"#{section}")


def _section_items(doc, section: str, division: int | None) -> list[str]:
    if section == "duties":
        return [duty.text for duty in doc.duties]
    if division is None or not 0 <= division < len(doc.divisions):
        raise CorrectionError("指定的内设机构不存在")
    return list(doc.divisions[division].duties)


def doubted(text: str, doubtful: list[str]) -> bool:
    """Whether a duty holds a line OCR read with low confidence (it is marked for checking)."""
    return any(line in text for line in doubtful)


def init_app(app) -> None:
    app.add_template_filter(doubted)
    app.register_blueprint(bp)
