"""领导职数台账 and 工作饱和度: the staffing records of the reform pages (their own blueprint,
under the same /reform/ addresses).

Names of office holders reach admins only: the snapshot page and its .xlsx show
counts to everyone else, and the stored summary itself holds no names.
"""
from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional

from docproc import Document
from survey.reform import leader_posts as ledger
from survey.reform import saturation
from survey.reform.posts import DivisionPosts

from . import store
from .access import admins, editors, signed_in
from .database import get_db
from .forms import choices
from .security import takes_files
from .services import ingest
from .services import reform as reform_service
from .store import division_posts as typed_posts
from .views import XLSX, department_or_404, download, government_or_404

bp = Blueprint("staffing", __name__, url_prefix="/reform")
MAX_XLSX = 5 * 1024 * 1024


class LedgerForm(FlaskForm):
    quarter = StringField("季度（如 2024-Q1）", validators=[InputRequired()])
    file = FileField("任职人员表（.xlsx：部门、姓名、职务、级别、任职时间）")


class TasksForm(FlaskForm):
    division = SelectField("内设机构", validate_choice=False)
    posts = IntegerField("编制人数（不填则取已录入或三定规定中写明的数）",
                         validators=[Optional(), NumberRange(min=0, max=1000)])
    file = FileField("工作事项表（.xlsx：事项、频次/年、单次工时、参与人数）")


class SettingsForm(FlaskForm):
    working_days = StringField("年工作日（天）", validators=[InputRequired()])
    hours_per_day = StringField("日工作时间（小时）", validators=[InputRequired()])
    efficiency = StringField("效率系数（0–1）", validators=[InputRequired()])
    low = StringField("饱和度下限（%）", validators=[InputRequired()])
    high = StringField("饱和度上限（%）", validators=[InputRequired()])


def _file_bytes(field) -> bytes | None:
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return upload.read(MAX_XLSX + 1)


def _errors_page(title: str, errors: list[str], back: str):
    return render_template("reform/import_errors.html", title=title, errors=errors, back=back), 400


# --- 领导职数台账 ------------------------------------------------------------------------

def _current_documents(db, government_id: int) -> list[tuple[dict, Document]]:
    return [(row, ingest.corrected_document(db, row))
            for row in store.documents.current_versions(db, government_id)]


def current_quarter(today: dt.date | None = None) -> str:
    return ledger.quarter_key(today or dt.date.today())


@bp.get("/<int:government_id>/ledger")
@signed_in
def ledger_index(government_id: int):
    """Snapshots by quarter, and for editors the import form."""
    db = get_db()
    government = government_or_404(government_id)
    form = LedgerForm()
    form.quarter.data = current_quarter()
    return render_template("reform/ledger.html", government=government, form=form,
                           can_edit=current_user.role in ("admin", "staff"),
                           snapshots=store.reform.list_leader_snapshots(db, government_id))


@bp.post("/<int:government_id>/ledger")
@editors
@takes_files
def ledger_import(government_id: int):
    """Import a holder list into a quarter's snapshot (replacing that quarter's earlier one)."""
    db = get_db()
    government = government_or_404(government_id)
    form = LedgerForm()
    back = url_for("staffing.ledger_index", government_id=government["id"])
    if not form.validate_on_submit():
        return _errors_page("任职人员表有误", ["请填写季度"], back)
    try:
        date = ledger.parse_quarter(form.quarter.data)
    except ValueError as error:
        return _errors_page("任职人员表有误", [str(error)], back)
    data = _file_bytes(form.file)
    if not data:
        return _errors_page("任职人员表有误", ["请选择 .xlsx 文件"], back)
    if len(data) > MAX_XLSX:
        return _errors_page("任职人员表有误", ["文件超过 5 MB"], back)
    documents = _current_documents(db, government["id"])
    ids = {row["department_name"]: row["department_id"] for row, _doc in documents}
    try:
        holders = ledger.read_holders(data, list(ids))
    except ledger.HolderListError as error:
        return _errors_page("任职人员表有误，未导入任何人员", error.errors, back)
    approved = {row["department_name"]: {leader.title: leader.count for leader in doc.staffing.leaders}
                for row, doc in documents}
    snap = ledger.snapshot(holders, approved, date)
    quarter = ledger.quarter_key(date)
    snapshot_id = store.reform.save_leader_snapshot(
        db, government["id"], quarter, snap.to_dict(with_names=False),
        [{"department_id": ids.get(h.department), "department_name": h.department, "name": h.name,
          "post": h.title, "level": h.rank, "since": h.since.isoformat()} for h in holders],
        current_user.id)
    flash(f"已导入 {len(holders)} 名任职人员，生成{snap.quarter}台账。", "success")
    return redirect(url_for("staffing.ledger_snapshot", government_id=government["id"],
                            snapshot_id=snapshot_id))


def _snapshot(government_id: int, snapshot_id: int) -> tuple[dict, ledger.Snapshot]:
    db = get_db()
    row = store.reform.get_leader_snapshot(db, snapshot_id)
    if row is None or row["government_id"] != government_id:
        abort(404)
    holders = store.reform.leader_holders(db, snapshot_id) if current_user.role == "admin" else None
    return row, ledger.snapshot_from_dict(row["summary"], holders)


@bp.get("/<int:government_id>/ledger/<int:snapshot_id>")
@signed_in
def ledger_snapshot(government_id: int, snapshot_id: int):
    """One quarter: 超职数 and 空缺 per department and title; names for admins only."""
    government = government_or_404(government_id)
    row, snap = _snapshot(government_id, snapshot_id)
    return render_template("reform/snapshot.html", government=government, row=row, snap=snap,
                           departments=snap.departments(), with_names=current_user.role == "admin")


@bp.get("/<int:government_id>/ledger/<int:snapshot_id>.xlsx")
@signed_in
def ledger_xlsx(government_id: int, snapshot_id: int):
    """The snapshot as .xlsx (with names for admins only)."""
    government = government_or_404(government_id)
    row, snap = _snapshot(government_id, snapshot_id)
    data = ledger.write_xlsx(snap, with_names=current_user.role == "admin")
    return download(data, f"{government['name']}领导职数台账{row['quarter']}.xlsx", XLSX)


@bp.get("/<int:government_id>/ledger/<int:snapshot_id>/holders.xlsx")
@admins
def ledger_holders(government_id: int, snapshot_id: int):
    """The quarter's holder list in the import's columns (names: admins only); it imports back."""
    government = government_or_404(government_id)
    row, _snap = _snapshot(government_id, snapshot_id)
    holders = ledger.holders_from_rows(store.reform.leader_holders(get_db(), snapshot_id))
    return download(ledger.holders_xlsx(holders), f"{government['name']}任职人员{row['quarter']}.xlsx", XLSX)


# --- 工作饱和度 ---------------------------------------------------------------------------

def settings_of(db, government_id: int) -> tuple[saturation.SaturationSettings, dict]:
    """The government's saturation settings and its stored dict (posts per division are in
    store.division_posts since V26)."""
    stored = store.reform.get_saturation_settings(db, government_id) or {}
    return saturation.settings_from_dict(stored.get("figures")), stored


def department_loads(db, department: dict) -> dict:
    """Every division's load: the current version's divisions plus any with imported tasks, with
    the posts the 大科室 rules use too (services.reform.division_posts)."""
    settings, _stored = settings_of(db, department["government_id"])
    version_id = store.documents.current_version_id(db, department["id"])
    doc = ingest.version_document(db, version_id) if version_id else None
    entries = {entry.division: entry for entry in reform_service.division_posts(db, department["id"], doc)}
    tasks: dict[str, list] = {}
    for row in store.reform.saturation_tasks(db, department["id"]):
        tasks.setdefault(row["division"], []).append(
            saturation.Task(row["task"], row["per_year"], row["hours"], row["people"]))
    names = [d.name for d in doc.divisions] if doc else []
    names += [name for name in tasks if name not in names]
    loads = []
    for name in names:
        entry = entries.get(name) or DivisionPosts(name, in_current=False)
        load = saturation.saturation(name, entry.posts or 0, tasks.get(name, []), settings) \
            if name in tasks else None
        loads.append({"division": name, "posts": entry.posts, "source": entry.source, "entry": entry,
                      "load": load})
    return {"settings": settings, "loads": loads, "names": names,
            "posts": [entry for entry in entries.values() if entry.in_current]}


@bp.get("/departments/<int:department_id>/saturation")
@signed_in
def saturation_page(department_id: int):
    """Required vs available hours per division and per post; editors import task lists."""
    db = get_db()
    department = department_or_404(department_id)
    data = department_loads(db, department)
    form = TasksForm()
    form.division.choices = choices((name, name) for name in data["names"])
    return render_template("reform/saturation.html", department=department, form=form,
                           can_edit=current_user.role in ("admin", "staff"), **data)


@bp.post("/departments/<int:department_id>/saturation")
@editors
@takes_files
def saturation_import(department_id: int):
    """Replace one division's task list from an .xlsx (all rows or nothing)."""
    db = get_db()
    department = department_or_404(department_id)
    names = department_loads(db, department)["names"]
    form = TasksForm()
    form.division.choices = choices((name, name) for name in names)
    back = url_for("staffing.saturation_page", department_id=department["id"])
    division = (request.form.get("division") or "").strip()
    if not form.validate_on_submit() or division not in names:
        return _errors_page("工作事项表有误", ["请选择内设机构"] + [e for errs in form.errors.values() for e in errs],
                            back)
    data = _file_bytes(form.file)
    if not data:
        return _errors_page("工作事项表有误", ["请选择 .xlsx 文件"], back)
    if len(data) > MAX_XLSX:
        return _errors_page("工作事项表有误", ["文件超过 5 MB"], back)
    try:
        tasks = saturation.read_tasks(data)
    except saturation.TaskListError as error:
        return _errors_page("工作事项表有误，未导入任何事项", error.errors, back)
    store.reform.replace_saturation_tasks(
        db, department["id"], division,
        [{"task": t.name, "per_year": t.per_year, "hours": t.hours, "people": t.people} for t in tasks],
        current_user.id)
    if form.posts.data is not None:  # the same number the 大科室 rules read
        typed_posts.set_posts(db, department["id"], {division: form.posts.data}, current_user.id)
    flash(f"已导入{division}的 {len(tasks)} 项工作事项。", "success")
    return redirect(back + "#d-" + str(names.index(division)))


@bp.route("/<int:government_id>/saturation/settings", methods=["GET", "POST"])
@admins
def saturation_settings(government_id: int):
    """Working days, hours, efficiency and bands of the government (admins)."""
    db = get_db()
    government = government_or_404(government_id)
    settings, stored = settings_of(db, government_id)
    form = SettingsForm()
    if request.method == "GET":
        form.working_days.data = f"{settings.working_days:g}"
        form.hours_per_day.data = f"{settings.hours_per_day:g}"
        form.efficiency.data = f"{settings.efficiency:g}"
        form.low.data = f"{settings.low * 100:g}"
        form.high.data = f"{settings.high * 100:g}"
        return render_template("reform/saturation_settings.html", government=government, form=form)
    errors = []
    values = {}
    if form.validate_on_submit():
        for name in ("working_days", "hours_per_day", "efficiency", "low", "high"):
            try:
                value = float(getattr(form, name).data.strip().rstrip("%％"))
            except ValueError:
                errors.append(f"{getattr(form, name).label.text}应为数字")
                continue
            values[name] = value / 100 if name in ("low", "high") else value
        if not errors:
            errors = saturation.check_settings(saturation.SaturationSettings(**values))
    else:
        errors.append("请填写所有项")
    if errors:
        for error in errors:
            flash(error, "error")
        return render_template("reform/saturation_settings.html", government=government, form=form), 400
    stored["figures"] = values
    store.reform.set_saturation_settings(db, government_id, stored, current_user.id)
    flash("工作饱和度参数已保存。", "success")
    return redirect(url_for("reform.index"))


def init_app(app) -> None:
    app.register_blueprint(bp)
