"""实名制 data with its 超编/超职数 checks, and the 编制调整台账 (编制 adjustment log).

Everyone signed in reads; 工作人员 and 管理员 import and enter. Imports are kept by 数据日期 (the
newest is current, earlier ones stay as history); adjustment entries are entered one by one or
imported from .xlsx. The rules are `survey.reform.roll` and `.adjustments`, the SQL
`webapp.store.roll`, the glue `webapp.services.roll`; the unit's archive page is `webapp.archive`.
"""
from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from survey.reform import adjustments, roll
from survey.reform.adjustments import Adjustment, AdjustmentError
from survey.reform.roll import RollError

from . import scope, store
from .access import editors, signed_in
from .database import get_db
from .forms import ChineseDateField, EmptyForm, choices, form_errors, stripped
from .paging import requested_page
from .security import takes_files
from .services import roll as service
from .views import download, government_departments, government_index

bp = Blueprint("roll", __name__, url_prefix="/roll")
PAGE_SIZE = 100


class RollImportForm(FlaskForm):
    as_of = ChineseDateField("数据日期", validators=[InputRequired("请填写数据日期，如 2026-03-31")])
    file = FileField("实名制数据（.xlsx 或 .csv）")


class AdjustmentForm(FlaskForm):
    department = SelectField("部门", invalid_choice_message="部门须是本政府的部门")
    on_date = ChineseDateField("日期", validators=[InputRequired("请填写日期")])
    kind = SelectField("类型", choices=choices((k, k) for k in adjustments.KINDS),
                       invalid_choice_message="请从列表中选择类型")
    post_kind = SelectField("编制类别", choices=choices((k, k) for k in roll.POST_KINDS),
                            invalid_choice_message="请从列表中选择编制类别")
    count = StringField("数量（本部门增加写 2，减少写 -2）", filters=[stripped],
                        validators=[InputRequired("请填写数量"), Length(max=8, message="数量应为整数")])
    counterpart = StringField("对方单位（上划、下沉必填）", filters=[stripped],
                              validators=[Optional(), Length(max=100, message="对方单位不超过 100 字")])
    document_no = StringField("文号", filters=[stripped],
                              validators=[Optional(), Length(max=100, message="文号不超过 100 字")])
    note = TextAreaField("备注", filters=[stripped],
                         validators=[Optional(), Length(max=1000, message="备注不超过 1000 字")])
    back = HiddenField()  # "archive": back to the unit's archive page it was entered on


class LogImportForm(FlaskForm):
    file = FileField("编制调整台账（.xlsx 或 .csv）")


def _can_edit() -> bool:
    return current_user.role in ("admin", "staff")


def _errors_page(title: str, errors: list[str], back: str):
    return render_template("reform/import_errors.html", title=title, errors=errors, back=back), 400


def _upload(field) -> tuple[bytes, str] | None:
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        return None
    return upload.read(service.MAX_FILE_BYTES + 1), upload.filename


# --- 实名制 -----------------------------------------------------------------------------------------

@bp.get("/")
@signed_in
def index():
    """Governments with 实名制 data and a log; one government goes straight to its page."""
    return government_index("实名制与编制调整台账", "roll.government")


def _roll_page(government: dict, row: dict | None, form: RollImportForm | None = None, status: int = 200):
    db = get_db()
    imports = store.roll.list_roll_imports(db, government["id"])
    checks = service.import_checks(db, government["id"], row["id"]) if row else []
    current = imports[0]["id"] if imports else None
    if form is None:
        form = RollImportForm(formdata=None)
        form.as_of.data = date.today()
    return render_template("roll/roll.html", government=government, row=row, imports=imports, current=current,
                           checks=checks, totals=roll.totals([check for _id, check in checks]), form=form,
                           post_kinds=roll.POST_KINDS, levels=roll.LEADER_LEVELS, can_edit=_can_edit()), status


@bp.get("/<int:government_id>/")
@signed_in
def government(government_id: int):
    """The current 实名制 data with its checks (超编, 空编, 超职数 marked red), the imports kept by
    date, and for editors the import form."""
    found = scope.government_or_404(government_id)
    return _roll_page(found, store.roll.current_roll_import(get_db(), government_id))


def _import_or_404(government_id: int, import_id: int) -> tuple[dict, dict]:
    found = scope.government_or_404(government_id)
    row = store.roll.get_roll_import(get_db(), import_id)
    if row is None or row["government_id"] != government_id:
        abort(404)
    return found, row


@bp.get("/<int:government_id>/imports/<int:import_id>")
@signed_in
def imported(government_id: int, import_id: int):
    """One import (current or earlier) with its checks against the current 三定."""
    found, row = _import_or_404(government_id, import_id)
    return _roll_page(found, row)


@bp.get("/<int:government_id>/imports/<int:import_id>.xlsx")
@signed_in
def checks_xlsx(government_id: int, import_id: int):
    """An import's checks as .xlsx, units with 超编 or 超职数 filled red."""
    found, row = _import_or_404(government_id, import_id)
    checks = [check for _id, check in service.import_checks(get_db(), government_id, import_id)]
    data = roll.checks_xlsx(f"实名制核对{row['as_of']}", checks)
    return download(data, f"{found['name']}实名制超编超职数核对{row['as_of']}.xlsx")


@bp.get("/<int:government_id>/imports/<int:import_id>/data.xlsx")
@signed_in
def data_xlsx(government_id: int, import_id: int):
    """An import's own data in the import template's columns: it imports back to the same units."""
    found, row = _import_or_404(government_id, import_id)
    data = service.export_roll(get_db(), government_id, row)
    return download(data, f"{found['name']}实名制数据{row['as_of']}.xlsx")


@bp.post("/<int:government_id>/import")
@editors
@takes_files
def import_roll(government_id: int):
    """Import a 实名制 sheet as the data of its date, kept beside earlier imports (all rows or none)."""
    found = scope.government_or_404(government_id)
    form = RollImportForm()
    back = url_for("roll.government", government_id=government_id)
    if not form.validate_on_submit():
        return _errors_page("实名制数据有误，未导入", form_errors(form) or ["请填写数据日期"], back)
    upload = _upload(form.file)
    if upload is None:
        return _errors_page("实名制数据有误，未导入", ["请选择要导入的 .xlsx 或 .csv 文件"], back)
    try:
        import_id, count = service.import_roll(get_db(), found, upload[0], upload[1], form.as_of.data,
                                               current_user.id)
    except RollError as error:
        return _errors_page("实名制数据有误，未导入任何单位", error.errors, back)
    flash(f"已导入 {count} 个单位的实名制数据（数据日期 {form.as_of.data.isoformat()}）。", "success")
    return redirect(url_for("roll.imported", government_id=government_id, import_id=import_id))


@bp.get("/template.xlsx")
@signed_in
def template():
    """The empty 实名制 sheet to fill in and import."""
    return download(roll.template_xlsx(), "实名制数据导入模板.xlsx")


# --- 编制调整台账 ----------------------------------------------------------------------------------

def adjustment_form(government_id: int, *, bound: bool = True, department_id: int | None = None,
                    back: str = "") -> AdjustmentForm:
    """The entry form with the government's departments (`department_id` chosen on a new form)."""
    form = AdjustmentForm() if bound else AdjustmentForm(formdata=None)
    departments = sorted(government_departments(government_id).items())
    form.department.choices = choices((str(i), name) for name, i in departments)
    if not bound:
        form.on_date.data = date.today()
        form.department.data = str(department_id) if department_id else None
        form.back.data = back
    return form


def _filters(government_id: int) -> tuple[list[dict], dict]:
    department = request.args.get("department_id", type=int)
    year = request.args.get("year", type=int)
    found = store.roll.list_adjustments(get_db(), government_id, department_id=department,
                                        year=year if year and 1900 <= year <= 2200 else None)
    return found, {"department_id": department, "year": year}


def _log_page(government: dict, form: AdjustmentForm | None = None, status: int = 200):
    found, filters = _filters(government["id"])
    page = requested_page(len(found), PAGE_SIZE)
    db = get_db()
    return render_template("roll/log.html", government=government, entries=page.of(found), page=page,
                           filters=filters, filtered=any(filters.values()),
                           departments=sorted(government_departments(government["id"]).items()),
                           years=store.roll.adjustment_years(db, government["id"]),
                           form=form or adjustment_form(government["id"], bound=False),
                           import_form=LogImportForm(formdata=None), delete_form=EmptyForm(formdata=None),
                           count_text=adjustments.count_text, can_edit=_can_edit()), status


@bp.get("/<int:government_id>/log")
@signed_in
def log(government_id: int):
    """The government's 编制调整台账, by department and date, filtered by department and year."""
    return _log_page(scope.government_or_404(government_id))


def _count(text: str) -> int | None:
    match = re.fullmatch(r"([+-]?)(\d{1,6})", (text or "").replace("－", "-").replace("＋", "+").replace(" ", ""))
    return None if match is None else int(match.group(2)) * (-1 if match.group(1) == "-" else 1)


def _form_entry(form: AdjustmentForm, government_id: int) -> tuple[Adjustment | None, list[str]]:
    """The entry the form describes, or what is wrong with it."""
    errors = [] if form.validate_on_submit() else form_errors(form)
    count = _count(form.count.data or "")
    if count is None and not any("数量" in error for error in errors):
        errors.append("数量应为整数，如 2 或 -2")
    if errors or count is None:
        return None, errors
    names = {str(i): name for name, i in government_departments(government_id).items()}
    try:
        count = adjustments.signed_count(form.kind.data, count)
    except AdjustmentError as error:
        return None, error.errors
    entry = Adjustment(names.get(form.department.data or "", ""), form.on_date.data, form.kind.data,
                       form.post_kind.data, count, form.counterpart.data or "", form.document_no.data or "",
                       form.note.data or "")
    return (None, entry.problems()) if entry.problems() else (entry, [])


@bp.post("/<int:government_id>/log/new")
@editors
def log_create(government_id: int):
    """Enter one adjustment (from the log page or a unit's archive page, where it goes back)."""
    found = scope.government_or_404(government_id)
    form = adjustment_form(government_id)
    entry, errors = _form_entry(form, government_id)
    if entry is not None:
        try:
            service.add_adjustment(get_db(), found, entry, current_user.id)
        except AdjustmentError as error:
            errors = error.errors
    department_id = government_departments(government_id).get(entry.department) if entry else None
    if errors or entry is None:
        flash("未能登记：" + "；".join(errors), "error")
        own = {str(i) for i in government_departments(government_id).values()}
        if form.back.data == "archive" and form.department.data in own:
            from .archive import archive_page
            return archive_page(scope.department_or_404(int(form.department.data)), form=form, status=400)
        return _log_page(found, form, 400)
    flash(f"已登记{entry.department}{entry.on.isoformat()}{entry.kind}{entry.post_kind} "
          f"{adjustments.count_text(entry.count)} 名。", "success")
    if form.back.data == "archive" and department_id:
        return redirect(url_for("archive.department", department_id=department_id) + "#adjustments")
    return redirect(url_for("roll.log", government_id=government_id))


@bp.post("/<int:government_id>/log/import")
@editors
@takes_files
def log_import(government_id: int):
    """Import a filled-in log: all rows or none, every bad row named."""
    found = scope.government_or_404(government_id)
    form = LogImportForm()
    back = url_for("roll.log", government_id=government_id)
    upload = _upload(form.file) if form.validate_on_submit() else None
    if upload is None:
        return _errors_page("编制调整台账有误，未导入", ["请选择要导入的 .xlsx 或 .csv 文件"], back)
    try:
        count = service.import_adjustments(get_db(), found, upload[0], upload[1], current_user.id)
    except AdjustmentError as error:
        return _errors_page("编制调整台账有误，未导入任何记录", error.errors, back)
    flash(f"已导入 {count} 条编制调整记录。", "success")
    return redirect(back)


@bp.get("/<int:government_id>/log.xlsx")
@signed_in
def log_xlsx(government_id: int):
    """The log (as filtered on its page) as .xlsx with each unit's running totals; it imports back."""
    found = scope.government_or_404(government_id)
    entries, _filters_used = _filters(government_id)
    return download(service.export_adjustments(get_db(), found, entries), f"{found['name']}编制调整台账.xlsx")


@bp.get("/log-template.xlsx")
@signed_in
def log_template():
    """The empty log to fill in and import."""
    return download(adjustments.template_xlsx(), "编制调整台账导入模板.xlsx")


@bp.post("/log/<int:adjustment_id>/delete")
@editors
def log_delete(adjustment_id: int):
    """Delete an entry made in error (after ticking 确认删除); the 操作记录 keeps what it said."""
    db = get_db()
    row = store.roll.get_adjustment(db, adjustment_id) or abort(404)
    scope.check(row["government_id"])
    back = request.form.get("back") == "archive"
    target = (url_for("archive.department", department_id=row["department_id"]) + "#adjustments" if back
              else url_for("roll.log", government_id=row["government_id"]))
    if not EmptyForm().validate_on_submit():
        abort(400)
    if request.form.get("confirm") != "yes":
        flash("请勾选“确认删除”后再删除。", "error")
        return redirect(target)
    store.roll.delete_adjustment(db, adjustment_id, current_user.id)
    flash(f"已删除{row['department_name']}{row['on_date']}的{row['kind']}记录。", "success")
    return redirect(target)


def init_app(app) -> None:
    app.register_blueprint(bp)
