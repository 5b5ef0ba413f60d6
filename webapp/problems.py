"""The 机构编制问题台账: problems by category and department, imported from .xlsx or entered one by
one, closed by 对账销号 against evidence (a file and/or a written 销号说明).

Everyone signed in may read the register and its evidence files; 工作人员 and 管理员 enter, import,
edit and close. The rules are `survey.reform.problems`, the SQL `webapp.store.problems`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from survey.reform.problems import CATEGORIES, SOURCES, Problem, ProblemError, template_xlsx
from survey.registers import STATUSES, is_overdue

from . import scope, store
from .access import editors, signed_in
from .database import get_db
from .forms import ChineseDateField, EvidenceForm, choices, form_errors, stripped
from .paging import requested_page
from .register_import import import_upload
from .security import takes_files
from .services import problems as service
from .views import download, evidence_file, government_departments, government_index, government_or_404

bp = Blueprint("problems", __name__, url_prefix="/problems")
PAGE_SIZE = 50
SEARCHED = ("number", "description", "measure", "closing_note", "department_names")


class ProblemForm(FlaskForm):
    department_options: list[tuple[str, str]] = []  # (id, name) of the government's departments, set per request
    departments = SelectMultipleField("涉及部门", validators=[DataRequired("请至少选择一个涉及部门")],
                                      invalid_choice_message="涉及部门须是本政府的部门")
    category = SelectField("问题类别", choices=choices((c, c) for c in CATEGORIES),
                           invalid_choice_message="请从列表中选择问题类别")
    description = TextAreaField("问题描述", filters=[stripped], validators=[
        DataRequired("请填写问题描述"), Length(max=2000, message="问题描述不超过 2000 字")])
    measure = TextAreaField("整改措施", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="整改措施不超过 2000 字")])
    found_on = ChineseDateField("发现日期", validators=[InputRequired("请填写发现日期")])
    source = SelectField("发现途径", choices=choices((s, s) for s in SOURCES),
                         invalid_choice_message="请从列表中选择发现途径")
    due_on = ChineseDateField("整改时限", validators=[InputRequired("请填写整改时限（日期）")])


class StatusForm(FlaskForm):
    status = SelectField("状态", choices=choices((s, s) for s in STATUSES), invalid_choice_message="请选择状态")
    closed_on = ChineseDateField("销号日期", validators=[Optional()])
    note = TextAreaField("销号说明或说明", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="说明不超过 2000 字")])
    file = FileField("佐证附件")


class ImportForm(FlaskForm):
    file = FileField("问题台账（.xlsx）")


def _problem_form(government_id: int, row: dict | None = None, *, bound: bool = True) -> ProblemForm:
    """The entry form with the government's departments. `bound` takes what this request posted;
    otherwise (and on GET) it shows `row`, or today's date for a new problem."""
    form = ProblemForm() if bound else ProblemForm(formdata=None)
    form.department_options = [(str(i), name) for name, i in sorted(government_departments(government_id).items())]
    form.departments.choices = choices(form.department_options)
    if not bound or request.method == "GET":
        if row is None:
            form.found_on.data = date.today()
        else:
            form.departments.data = [str(d["id"]) for d in row["departments"]]
            for key in ("category", "description", "measure", "source"):
                getattr(form, key).data = row[key]
            form.found_on.data = date.fromisoformat(row["found_on"])
            form.due_on.data = date.fromisoformat(row["due_on"])
    return form


def _form_problem(form: ProblemForm, government_id: int) -> Problem:
    names = {str(i): name for name, i in government_departments(government_id).items()}
    return Problem(departments=[names[i] for i in form.departments.data or [] if i in names],
                   category=form.category.data, description=form.description.data or "",
                   found_on=form.found_on.data, source=form.source.data, due_on=form.due_on.data,
                   measure=form.measure.data or "")


# --- the register --------------------------------------------------------------------------------

@bp.get("/")
@signed_in
def index():
    """Governments with a register; one government goes straight to its register."""
    return government_index("机构编制问题台账", "problems.register")


def _filtered(government_id: int) -> tuple[list[dict], dict]:
    """The rows the request's filters select (department, category, status, overdue, search)."""
    args = request.args
    department = args.get("department_id", type=int)
    category = args.get("category") if args.get("category") in CATEGORIES else None
    status = args.get("status") if args.get("status") in STATUSES else None
    late = args.get("overdue") == "1"
    query = (args.get("q") or "").strip()[:100]
    found = store.problems.list_problems(get_db(), government_id, department_id=department, category=category,
                                         status=status)
    today = date.today()
    for row in found:
        row["overdue"] = is_overdue(row["status"], date.fromisoformat(row["due_on"]), today)
    if query:
        found = [row for row in found if any(query in (row[key] or "") for key in SEARCHED)]
    if late:
        found = [row for row in found if row["overdue"]]
    return found, {"department_id": department, "category": category, "status": status,
                   "overdue": "1" if late else None, "q": query or None}


def _register_page(government: dict, form: ProblemForm, status: int = 200):
    found, filters = _filtered(government["id"])
    page = requested_page(len(found), PAGE_SIZE)
    return render_template("problems/register.html", government=government, problems=page.of(found), form=form,
                           import_form=ImportForm(),
                           departments=sorted(government_departments(government["id"]).items()),
                           categories=CATEGORIES, statuses=STATUSES, filters=filters, page=page,
                           filtered=any(filters.values()), overdue=sum(row["overdue"] for row in found),
                           can_edit=current_user.role in ("admin", "staff")), status


@bp.get("/<int:government_id>/")
@signed_in
def register(government_id: int):
    """The register with filters and pages, overdue problems marked; the entry and import forms."""
    government = government_or_404(government_id)
    return _register_page(government, _problem_form(government_id))


@bp.post("/<int:government_id>/new")
@editors
def create(government_id: int):
    """Enter one problem (one entry for all the departments it concerns); its number is assigned now."""
    government = government_or_404(government_id)
    form = _problem_form(government_id)
    errors = [] if form.validate_on_submit() else form_errors(form)
    problem = None if errors else _form_problem(form, government_id)
    errors = errors or (problem.problems() if problem else [])
    if errors or problem is None:
        flash("未能登记：" + "；".join(errors), "error")
        return _register_page(government, form, 400)
    try:
        problem_id, number = store.problems.add_problem(
            get_db(), government_id, service.entry_of(problem, government_departments(government_id)), current_user.id)
    except store.StoreError as error:
        flash(f"未能登记：{error}", "error")
        return _register_page(government, form, 400)
    flash(f"已登记问题 {number}。", "success")
    return redirect(url_for("problems.detail", problem_id=problem_id))


@bp.post("/<int:government_id>/import")
@editors
@takes_files
def import_xlsx(government_id: int):
    """Import a filled-in register: all rows or none, every bad row named."""
    government = government_or_404(government_id)
    back = url_for("problems.register", government_id=government_id)
    return import_upload(service, government, ImportForm(), back, "问题台账有误，未导入任何问题")


@bp.get("/<int:government_id>/problems.xlsx")
@signed_in
def export(government_id: int):
    """The register (as filtered on its page) as .xlsx; its columns import back."""
    government = government_or_404(government_id)
    found, _filters = _filtered(government_id)
    data = service.export_register(get_db(), government_id, found)
    return download(data, f"{government['name']}机构编制问题台账.xlsx")


@bp.get("/template.xlsx")
@signed_in
def template():
    """The empty register to fill in and import."""
    return download(template_xlsx(), "机构编制问题台账导入模板.xlsx")


# --- one problem ----------------------------------------------------------------------------------

def _problem_or_404(problem_id: int) -> dict:
    """The problem a URL names, or a 404 page (absent, or of a government outside the scope)."""
    row = store.problems.get_problem(get_db(), problem_id) or abort(404)
    scope.check(row["government_id"])
    return row


def _detail_page(row: dict, *, form: ProblemForm | None = None, status_form: StatusForm | None = None,
                 errors: list[str] | None = None, status: int = 200):
    """The problem's page; a form that was just posted and refused (`form`, `status_form`) keeps
    what was typed, the others show the stored problem."""
    db = get_db()
    for error in errors or []:
        flash(error, "error")
    row["overdue"] = is_overdue(row["status"], date.fromisoformat(row["due_on"]), date.today())
    if status_form is None:
        status_form = StatusForm(formdata=None)
        status_form.status.data = row["status"]
    return render_template("problems/detail.html", problem=row,
                           form=form or _problem_form(row["government_id"], row, bound=False),
                           status_form=status_form, attachment_form=EvidenceForm(formdata=None),
                           attachments=store.problems.list_attachments(db, row["id"]),
                           history=store.problems.problem_history(db, row["id"]),
                           can_edit=current_user.role in ("admin", "staff")), status


@bp.get("/entries/<int:problem_id>")
@signed_in
def detail(problem_id: int):
    """One problem: its facts, evidence files and history; editors edit, upload and close it here."""
    return _detail_page(_problem_or_404(problem_id))


@bp.post("/entries/<int:problem_id>/edit")
@editors
def edit(problem_id: int):
    """Change what a problem says (not its number; a closed one must be reopened first)."""
    row = _problem_or_404(problem_id)
    form = _problem_form(row["government_id"], row)
    errors = [] if form.validate_on_submit() else form_errors(form)
    problem = None if errors else _form_problem(form, row["government_id"])
    errors = errors or (problem.problems() if problem else [])
    if errors or problem is None:
        return _detail_page(row, form=form, errors=["未能保存：" + "；".join(errors)], status=400)
    entry = service.entry_of(problem, government_departments(row["government_id"]))
    try:
        store.problems.update_problem(get_db(), problem_id, entry, entry["department_ids"], current_user.id)
    except store.StoreError as error:
        return _detail_page(row, form=form, errors=[f"未能保存：{error}"], status=400)
    flash(f"问题 {row['number']} 已保存。", "success")
    return redirect(url_for("problems.detail", problem_id=problem_id))


def _uploads() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _save_upload(field) -> dict | None:
    """The evidence file a form field carries, saved; None when none was chosen."""
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return service.save_attachment(_uploads(), upload.stream, upload.filename)


@bp.post("/entries/<int:problem_id>/status")
@editors
@takes_files
def move(problem_id: int):
    """待整改 → 整改中 → 已销号. 对账销号 needs evidence: a file (uploaded now or before) or a 销号说明."""
    db = get_db()
    row = _problem_or_404(problem_id)
    form = StatusForm()
    if not form.validate_on_submit():
        return _detail_page(row, status_form=form, errors=["未能更改状态：" + "；".join(form_errors(form))], status=400)
    saved = None
    try:
        saved = _save_upload(form.file)
        problem = service.problem_of(row, [a["file_name"] for a in store.problems.list_attachments(db, problem_id)])
        problem.move(form.status.data, date.today(), on=form.closed_on.data, note=form.note.data or "",
                     new_attachment=saved is not None)
    except ProblemError as error:
        service.remove_attachment_file(_uploads(), saved)
        return _detail_page(row, status_form=form, errors=["未能更改状态：" + "；".join(error.errors)], status=400)
    try:
        store.problems.move_problem(db, problem_id, problem.status,
                                    closed_on=problem.closed_on.isoformat() if problem.closed_on else None,
                                    closing_note=problem.closing_note, note=form.note.data or "",
                                    by=current_user.id, attachment=saved)
    except BaseException:
        service.remove_attachment_file(_uploads(), saved)  # no row points at it
        raise
    flash(f"问题 {row['number']} 已改为“{problem.status}”。", "success")
    return redirect(url_for("problems.detail", problem_id=problem_id))


@bp.post("/entries/<int:problem_id>/attachments")
@editors
@takes_files
def attach(problem_id: int):
    """Add an evidence file (a rectification report, a scan of a document) to a problem."""
    row = _problem_or_404(problem_id)
    form = EvidenceForm()
    try:
        saved = _save_upload(form.file) if form.validate_on_submit() else None
    except ProblemError as error:
        return _detail_page(row, errors=["未能上传：" + "；".join(error.errors)], status=400)
    if saved is None:
        return _detail_page(row, errors=["请选择要上传的佐证附件"], status=400)
    try:
        store.problems.add_attachment(get_db(), problem_id, saved["file_name"], saved["stored_name"], saved["size"],
                                      current_user.id)
    except BaseException:
        service.remove_attachment_file(_uploads(), saved)
        raise
    flash(f"已上传佐证附件 {saved['file_name']}。", "success")
    return redirect(url_for("problems.detail", problem_id=problem_id) + "#attachments")


@bp.get("/attachments/<int:attachment_id>")
@signed_in
def attachment(attachment_id: int):
    """An evidence file, always as a download (never shown in the browser, whatever it holds)."""
    row = store.problems.get_attachment(get_db(), attachment_id) or abort(404)
    scope.check(row["government_id"])  # the file is as visible as its problem
    path = service.attachment_path(_uploads(), row)
    return evidence_file(path, row["file_name"])


def init_app(app) -> None:
    app.register_blueprint(bp)
