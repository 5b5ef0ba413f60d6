"""Reform comparison (机构改革对照): 三定 versions of a department and their comparison,
and 大科室 checks against the government's rule set.

Thin routes: the comparison is `docproc.diff`, the checks `webapp.services.reform` over
`survey.reform.rules`. The 领导职数台账 and 工作饱和度 pages are `webapp.staffing`.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, NumberRange, Optional

from docproc.diff import diff, write_docx
from docproc.reference import department_kind
from survey.reform import posts as posts_module
from survey.reform.rules import RULE_TITLES, parse_heads, parse_support, rule_summary

from . import scope, store
from .access import admins, editors, signed_in
from .database import get_db
from .errors import error_page
from .services import ingest, jobs
from .services import reform as reform_service
from .store import division_posts as typed_posts
from .views import DOCX, department_or_404, download, government_or_404

bp = Blueprint("reform", __name__, url_prefix="/reform")


class DateForm(FlaskForm):
    effective_date = DateField("施行日期", validators=[Optional()])


class MoveForm(FlaskForm):
    department_id = IntegerField("归入部门", validators=[InputRequired()])


class RulesForm(FlaskForm):
    min_division_cut = StringField("内设机构精简比例不低于（%）", validators=[InputRequired()])
    max_general_share = StringField("综合类内设机构占比不超过（%）", validators=[InputRequired()])
    general_divisions = TextAreaField("综合类内设机构名称（以其开头即算，每行一个或以、分隔）")
    min_posts_per_division = IntegerField("每个内设机构编制不少于（名）",
                                          validators=[InputRequired(), NumberRange(min=1, max=100)])
    heads_by_posts = StringField("按编制核定科级领导职数（编制数:职数，如 0:1, 5:2, 8:3）",
                                 validators=[InputRequired()])
    approval_exempt = StringField("行政审批部门（名称含以下词的部门不核对“行政审批职责集中”，以、分隔）")
    support_functions = TextAreaField("机关人事、老干、后勤由一个大科室负责：各职能的识别词（每行“职能：词、词”）")


# --- helpers -------------------------------------------------------------------------

def _document(version_id: int):
    db = get_db()
    row = scope.version_or_404(version_id)
    return row, ingest.corrected_document(db, row)


# --- overview ------------------------------------------------------------------------

@bp.get("/")
@signed_in
def index():
    """Governments and their departments, with links to every reform page."""
    db = get_db()
    governments = []
    for government in scope.governments(store.documents.list_governments(db)):
        departments = store.documents.government_departments(db, government["id"])
        if departments:
            governments.append({**government, "departments": departments})
    return render_template("reform/index.html", governments=governments)


# --- versions and comparison -----------------------------------------------------------

@bp.get("/departments/<int:department_id>/versions")
@signed_in
def versions(department_id: int):
    """A department's versions, oldest first; the newest is the current one."""
    db = get_db()
    department = department_or_404(department_id)
    found = store.documents.department_versions(db, department_id)
    others = [d for d in store.documents.government_departments(db, department["government_id"])
              if d["id"] != department_id]
    kind = department_kind(department["name"])
    alike = [d["id"] for d in others if department_kind(d["name"]) == kind]
    return render_template("reform/versions.html", department=department, versions=found,
                           others=others, suggested=alike[0] if len(alike) == 1 else None,
                           date_form=DateForm(), move_form=MoveForm(),
                           can_edit=current_user.role in ("admin", "staff"))


def _redetect(government_id: int) -> None:
    jobs.runner(current_app).request_detection(government_id)


@bp.post("/versions/<int:version_id>/date")
@editors
def set_date(version_id: int):
    """Set (or clear) when a version took effect; the current version may change."""
    db = get_db()
    row = scope.version_or_404(version_id)
    form = DateForm()
    if not form.validate_on_submit():
        return error_page(400, "施行日期应写作 2019-03-01。")
    date = form.effective_date.data.isoformat() if form.effective_date.data else None
    if store.documents.set_effective_date(db, version_id, date, current_user.id):
        _redetect(row["government_id"])
        flash(f"已将 {row['file_name']} 的施行日期设为 {date}。" if date else
              f"已清除 {row['file_name']} 的施行日期（按上传先后排序）。", "success")
    return redirect(url_for("reform.versions", department_id=row["department_id"]))


@bp.post("/versions/<int:version_id>/move")
@editors
def move(version_id: int):
    """File a version under another department (the old version of a renamed department)."""
    db = get_db()
    row = scope.version_or_404(version_id)
    form = MoveForm()
    if not form.validate_on_submit():
        return error_page(400, "请选择要归入的部门。")
    if request.form.get("confirm") != "yes":
        return error_page(400, "请勾选“确认归入”后再归入：归入后本部门不再单独比对。")
    target = store.documents.get_department(db, form.department_id.data)
    if target is None or not scope.sees_id(target["government_id"]):
        return error_page(400, "版本或部门不存在")  # as the store says for an absent one: no probing
    try:
        store.documents.move_version(db, version_id, form.department_id.data, current_user.id)
    except store.StoreError as error:
        return error_page(400, str(error))
    _redetect(row["government_id"])
    flash(f"已将 {row['file_name']} 归入该部门的历史版本。", "success")
    return redirect(url_for("reform.versions", department_id=form.department_id.data))


def _pair(department: dict) -> tuple[dict | None, dict | None, list[dict], list[dict]]:
    """The versions to compare (query `old`, `new`; default previous vs current), the
    department's versions and every version of the government (for the old side)."""
    db = get_db()
    own = store.documents.department_versions(db, department["id"])
    every = []
    for other in store.documents.government_departments(db, department["government_id"]):
        for row in store.documents.department_versions(db, other["id"]):
            every.append({**row, "department_name": other["name"]})
    by_id = {row["id"]: row for row in every}

    def pick(name: str, allowed: dict, default):
        value = request.args.get(name, type=int)
        if value is None:
            return default
        return allowed.get(value) or abort(404)

    new = pick("new", {row["id"]: row for row in own}, own[-1] if own else None)
    position = next((n for n, row in enumerate(own) if new and row["id"] == new["id"]), 0)
    old = pick("old", by_id, own[position - 1] if position > 0 else None)
    return old, new, own, every


@bp.get("/departments/<int:department_id>/compare")
@signed_in
def compare(department_id: int):
    """新旧三定对照: duties, divisions, staffing, declared and undeclared changes."""
    department = department_or_404(department_id)
    old, new, own, every = _pair(department)
    result = None
    if old and new and old["id"] != new["id"]:
        result = diff(_document(old["id"])[1], _document(new["id"])[1])
    return render_template("reform/compare.html", department=department, old=old, new=new,
                           own=own, every=every, result=result)


@bp.get("/departments/<int:department_id>/compare.docx")
@signed_in
def compare_docx(department_id: int):
    """The comparison as a Word report."""
    department = department_or_404(department_id)
    old, new, _own, _every = _pair(department)
    if not (old and new) or old["id"] == new["id"]:
        return error_page(400, "请选择两个不同的版本进行对照。")
    result = diff(_document(old["id"])[1], _document(new["id"])[1])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "diff.docx"
        write_docx(result, path)
        data = path.read_bytes()
    return download(data, f"{department['name']}三定新旧对照.docx", DOCX)


# --- 大科室 checks ---------------------------------------------------------------------

@bp.get("/departments/<int:department_id>/checks")
@signed_in
def checks(department_id: int):
    """The department's pass/fail list with the numbers behind each verdict."""
    db = get_db()
    department = department_or_404(department_id)
    rules = reform_service.rules_of(db, department["government_id"])
    result = reform_service.department_checks(db, department, rules,
                                              reform_service.division_findings(db, department["government_id"]))
    return render_template("reform/checks.html", department=department, result=result, rules=rules,
                           summary=rule_summary(rules), can_edit=current_user.role in ("admin", "staff"))


@bp.post("/departments/<int:department_id>/posts")
@editors
def division_posts(department_id: int):
    """各内设机构编制数, entered once for the 大科室 rules and 工作饱和度: a number overrides the
    三定's, an empty field goes back to it. All fields or nothing."""
    db = get_db()
    department = department_or_404(department_id)
    version_id = store.documents.current_version_id(db, department["id"])
    doc = ingest.version_document(db, version_id) if version_id else None
    known = {entry.division for entry in reform_service.division_posts(db, department["id"], doc)}
    back = request.form.get("back") == "saturation"
    changes: dict[str, int | None] = {}
    errors = []
    for key, division in request.form.items():
        if not key.startswith("division-"):
            continue
        if division not in known:
            return error_page(400, f"内设机构“{division}”不在本部门现行三定规定中，请刷新页面后重新录入。")
        try:
            changes[division] = posts_module.parse_posts(request.form.get("posts-" + key[len("division-"):]),
                                                         division)
        except ValueError as error:
            errors.append(str(error))
    if errors or not changes:
        return error_page(400, "；".join(errors) + "。未保存任何编制数。" if errors else "没有可录入的内设机构。")
    count = typed_posts.set_posts(db, department["id"], changes, current_user.id)
    flash(f"已保存{count}个内设机构的编制数。" if count else "编制数没有变化。", "success")
    if back:
        return redirect(url_for("staffing.saturation_page", department_id=department["id"]))
    return redirect(url_for("reform.checks", department_id=department["id"]) + "#posts")


@bp.get("/<int:government_id>/checks")
@signed_in
def overview(government_id: int):
    """All departments × rules."""
    db = get_db()
    government = government_or_404(government_id)
    return render_template("reform/overview.html", government=government,
                           results=reform_service.government_checks(db, government_id), titles=RULE_TITLES,
                           rules=reform_service.rules_of(db, government_id),
                           summary=rule_summary(reform_service.rules_of(db, government_id)),
                           detected=store.findings.get_detection(db, government_id)["finished_at"])


def _percent(value: float) -> str:
    return f"{value * 100:.2f}".rstrip("0").rstrip(".")


@bp.route("/<int:government_id>/rules", methods=["GET", "POST"])
@admins
def rules(government_id: int):
    """Edit the government's 大科室 rule set (admins)."""
    db = get_db()
    government = government_or_404(government_id)
    current = reform_service.rules_of(db, government_id)
    form = RulesForm()
    if request.method == "GET":
        form.min_division_cut.data = _percent(current.min_division_cut)
        form.max_general_share.data = _percent(current.max_general_share)
        form.general_divisions.data = "\n".join(current.general_divisions)
        form.min_posts_per_division.data = current.min_posts_per_division
        form.heads_by_posts.data = ", ".join(f"{a}:{b}" for a, b in current.heads_by_posts)
        form.approval_exempt.data = "、".join(current.approval_exempt)
        form.support_functions.data = "\n".join(f"{k}：{'、'.join(v)}" for k, v in current.support_functions.items())
    else:
        valid = form.validate_on_submit()
        errors = [] if valid else ["请完整填写，每个内设机构编制数应为 1–100 的整数"]
        shares: dict[str, float] = {}
        for name in ("min_division_cut", "max_general_share"):
            try:
                value = float((getattr(form, name).data or "").strip().rstrip("%％")) / 100
                if not 0 <= value <= 1:
                    raise ValueError
                shares[name] = value
            except ValueError:
                errors.append(f"{getattr(form, name).label.text}应为 0–100 之间的数字")
        heads: list[tuple[int, int]] = []
        try:
            heads = parse_heads(form.heads_by_posts.data or "")
        except ValueError as error:
            errors.append(str(error))
        names = [n.strip() for n in re.split(r"[\n、,，;；]+", form.general_divisions.data or "") if n.strip()]
        if not names:
            errors.append("请至少填写一个综合类内设机构名称")
        kept: dict[str, Any] = {}  # fields a form without them (an older page) leaves as they are
        if form.approval_exempt.data is not None:
            kept["approval_exempt"] = [n.strip() for n in re.split(r"[\n、,，;；]+", form.approval_exempt.data)
                                       if n.strip()]
        if form.support_functions.data is not None:
            try:
                kept["support_functions"] = parse_support(form.support_functions.data)
            except ValueError as error:
                errors.append(str(error))
        if not errors:
            new = replace(current, min_division_cut=shares["min_division_cut"],
                          max_general_share=shares["max_general_share"], general_divisions=names,
                          min_posts_per_division=form.min_posts_per_division.data, heads_by_posts=heads, **kept)
            store.reform.set_reform_rules(db, government_id, new.to_dict(), current_user.id)
            flash("大科室规则已保存。", "success")
            return redirect(url_for("reform.overview", government_id=government_id))
        for message in errors:
            flash(message, "error")
        return render_template("reform/rules.html", government=government, form=form), 400
    return render_template("reform/rules.html", government=government, form=form)


def init_app(app) -> None:
    """Template globals and the blueprint."""
    app.jinja_env.globals.update(reform_rule_titles=RULE_TITLES)
    app.register_blueprint(bp)
