"""The rectification ledger (整改台账): entries from findings, low indicators or notes; status with proof.

Everyone signed in may read; 评估员 and 管理员 add entries and change their status.
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from survey.evaluation.rectification import ORIGINS, STATUSES, RectificationError, to_xlsx

from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .forms import choices, stripped
from .paging import requested_page
from .services import evaluations as evaluation_data
from .views import download, government_departments, government_index, government_or_404

bp = Blueprint("rectification", __name__, url_prefix="/rectification")


class EntryForm(FlaskForm):
    department = SelectField("部门", validators=[InputRequired("请选择部门")])
    problem = TextAreaField("问题", filters=[stripped], validators=[
        DataRequired("请填写问题"), Length(max=2000, message="问题不超过 2000 字")])
    measure = TextAreaField("整改措施", filters=[stripped], validators=[
        DataRequired("请填写整改措施"), Length(max=2000, message="整改措施不超过 2000 字")])
    owner = StringField("责任人", filters=[stripped], validators=[
        DataRequired("请填写责任人"), Length(max=100, message="责任人不超过 100 字")])
    deadline = DateField("整改时限", validators=[InputRequired("请填写整改时限（日期）")])
    origin = SelectField("来源", choices=choices((origin, origin) for origin in ORIGINS))
    source_ref = StringField("关联（交叉事项、指标）", filters=[stripped], validators=[Optional(), Length(max=500)])


class StatusForm(FlaskForm):
    status = SelectField("状态", choices=choices((status, status) for status in STATUSES))
    closed_on = DateField("销号日期", validators=[Optional()])
    proof = TextAreaField("整改佐证", filters=[stripped],
                          validators=[Length(max=2000, message="整改佐证不超过 2000 字")])
    note = StringField("说明", filters=[stripped], validators=[Optional(), Length(max=500)])


def _entry_form(government_id: int) -> EntryForm:
    form = EntryForm()
    departments = sorted(government_departments(government_id).items())
    form.department.choices = choices((str(i), name) for name, i in departments)
    if request.method == "GET":
        args = request.args
        form.department.data = args.get("department_id", "")
        form.problem.data = args.get("problem", "")[:2000]
        form.origin.data = args.get("origin") if args.get("origin") in ORIGINS else "其他"
        form.source_ref.data = args.get("source_ref", "")[:500]
    return form


@bp.get("/")
@signed_in
def index():
    """Governments with a ledger; one government goes straight to its ledger."""
    return government_index("整改台账", "rectification.ledger")


def _ledger_page(government: dict, form: EntryForm, status: int = 200):
    db = get_db()
    department = request.args.get("department_id", type=int)
    wanted = request.args.get("status") if request.args.get("status") in STATUSES else None
    query = (request.args.get("q") or "").strip()[:100]
    entries = store.evaluations.list_rectifications(db, government["id"], department, wanted)
    if query:
        entries = [e for e in entries if any(query in (e[key] or "") for key in SEARCHED)]
    today = date.today()
    for entry in entries:
        entry["overdue"] = entry["status"] != "已销号" and date.fromisoformat(entry["deadline"]) < today
    page = requested_page(len(entries), PAGE_SIZE)
    filters = {"department_id": department, "status": wanted, "q": query or None}
    return render_template("rectification/ledger.html", government=government, entries=page.of(entries),
                           form=form, status_form=StatusForm(),
                           departments=sorted(government_departments(government["id"]).items()),
                           chosen=department, wanted=wanted, query=query, statuses=STATUSES, page=page,
                           filters=filters, can_edit=current_user.role in ("admin", "evaluator"),
                           overdue=sum(e["overdue"] for e in entries)), status


@bp.get("/<int:government_id>/")
@signed_in
def ledger(government_id: int):
    """The ledger with filters; overdue entries highlighted; the new-entry form (prefilled from a finding)."""
    government = government_or_404(government_id)
    return _ledger_page(government, _entry_form(government_id))


@bp.post("/<int:government_id>/new")
@evaluators
def create(government_id: int):
    government = government_or_404(government_id)
    form = _entry_form(government_id)
    if not form.validate_on_submit():
        flash("未能登记：" + "；".join(e for errors in form.errors.values() for e in errors), "error")
        return _ledger_page(government, form, 400)
    department_id = int(form.department.data)
    entry_id = store.evaluations.add_rectification(get_db(), government_id, department_id, {
        "problem": form.problem.data, "measure": form.measure.data, "owner": form.owner.data,
        "deadline": form.deadline.data.isoformat(), "origin": form.origin.data,
        "source_ref": form.source_ref.data or ""}, current_user.id)
    flash(f"已登记整改事项（编号 {entry_id}）。", "success")
    return redirect(url_for("rectification.ledger", government_id=government_id) + f"#entry-{entry_id}")


@bp.post("/entries/<int:entry_id>/status")
@evaluators
def move(entry_id: int):
    """待整改 → 整改中 → 已销号 (closing needs a date and proof); every change in the history."""
    db = get_db()
    row = store.evaluations.get_rectification(db, entry_id) or abort(404)
    scope.check(row["government_id"])
    form = StatusForm()
    back = url_for("rectification.ledger", government_id=row["government_id"]) + f"#entry-{entry_id}"
    if not form.validate_on_submit():
        flash("未能更改状态：" + "；".join(e for errors in form.errors.values() for e in errors), "error")
        return redirect(back)
    entry = evaluation_data.entry_of(row)
    try:
        entry.move(form.status.data, form.closed_on.data or date.today(), proof=form.proof.data or "")
        if form.status.data == "已销号" and form.closed_on.data is None:
            raise RectificationError(["销号须填写销号日期"])
    except RectificationError as error:
        flash(f"未能更改状态：{error}", "error")
        return redirect(back)
    store.evaluations.move_rectification(
        db, entry_id, entry.status, closed_on=entry.closed_on.isoformat() if entry.closed_on else None,
        proof=entry.proof, note=form.note.data or "", by=current_user.id)
    flash(f"整改事项 {entry_id} 已改为“{entry.status}”。", "success")
    return redirect(back)


@bp.get("/<int:government_id>/ledger.xlsx")
@signed_in
def export(government_id: int):
    """The ledger as .xlsx; overdue entries filled red."""
    government = government_or_404(government_id)
    entries = [evaluation_data.entry_of(row)
               for row in store.evaluations.list_rectifications(get_db(), government_id)]
    return download(to_xlsx(entries, date.today()), f"{government['name']}整改台账.xlsx")


PAGE_SIZE = 50
SEARCHED = ("problem", "measure", "owner", "proof", "department_name", "source_ref")


def init_app(app) -> None:
    app.register_blueprint(bp)
