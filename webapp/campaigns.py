"""Evaluation campaigns (评估活动): the office's frame for one evaluation — units chosen by hand or
drawn with a recorded seed, linked survey rounds, phases with deadlines (方案 → 自查自评 →
评估/抽查 → 反馈 → 整改), per unit the submissions, 实地 visits, feedback and 整改 entries, a status
board and reminders of late units.

评估员 and 管理员 run campaigns; 工作人员 read them. A campaign belongs to one government: every
route resolves its ids to that government and checks the account's scope (another government's
campaign, unit or file is a 404). The rules are `survey.campaigns`, the SQL
`webapp.store.campaigns`, the glue `webapp.services.campaigns`.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, IntegerField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from survey.campaigns.board import COLUMN_NAMES, COLUMNS, STATUS_NAMES
from survey.campaigns.phases import PHASE_NAMES, PHASES, CampaignError, CampaignPlan, material_problems
from survey.campaigns.reminders import MAX_MESSAGE, default_message
from survey.campaigns.sampling import MAX_SEED, parse_seed
from survey.registers import is_overdue

from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .forms import ChineseDateField, EmptyForm, choices, form_errors, stripped
from .security import takes_files
from .services import campaigns as service
from .services import units as unit_service
from .views import download, evidence_file

bp = Blueprint("campaigns", __name__, url_prefix="/campaigns")
REMINDER_PHASES = {**COLUMN_NAMES, "other": "其他"}


class ChineseIntegerField(IntegerField):
    """A whole-number field whose unreadable value is named in Chinese."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(f"{self.label.text}应为整数") from None


class CampaignForm(FlaskForm):
    name = StringField("活动名称", filters=[stripped], validators=[
        DataRequired("请填写活动名称"), Length(max=100, message="活动名称不超过 100 字")])
    year = ChineseIntegerField("年度", validators=[
        InputRequired("请填写年度"), NumberRange(min=2000, max=2100, message="年度应在 2000–2100 之间")])
    system = SelectField("指标体系", invalid_choice_message="请从列表中选择指标体系")
    plan_due = ChineseDateField("方案截止", validators=[Optional()])
    self_due = ChineseDateField("自查自评截止", validators=[Optional()])
    review_due = ChineseDateField("评估/抽查截止", validators=[Optional()])
    feedback_due = ChineseDateField("反馈截止", validators=[Optional()])
    rectify_due = ChineseDateField("整改截止", validators=[Optional()])


class NewCampaignForm(CampaignForm):
    government = SelectField("政府", invalid_choice_message="请选择政府")
    target = SelectField("评估对象", choices=choices(store.counties.TARGETS.items()), default="departments",
                         invalid_choice_message="请选择评估对象（部门或旗市区）")


class PlanForm(FlaskForm):
    plan_text = TextAreaField("评估方案", validators=[Length(max=20_000, message="评估方案不超过 20000 字")])
    publish = BooleanField("发布方案（发布后不能撤回；之后仍可修改方案文字）")


class MaterialForm(FlaskForm):
    name = StringField("材料名称", filters=[stripped], validators=[
        DataRequired("请填写材料名称"), Length(max=100, message="材料名称不超过 100 字")])
    note = StringField("说明", filters=[stripped],
                       validators=[Optional(), Length(max=200, message="说明不超过 200 字")])


class UnitsForm(FlaskForm):
    options: list[tuple[str, str]] = []  # (id, name) of the government's departments, set per request
    units = SelectMultipleField("评估单位", invalid_choice_message="评估单位须是本政府的部门")
    site = SelectMultipleField("实地抽查", invalid_choice_message="实地抽查单位须是本政府的部门")


class DrawForm(FlaskForm):
    kind = SelectField("抽取", choices=choices(service.DRAW_KINDS.items()), invalid_choice_message="请选择抽取对象")
    size = ChineseIntegerField("抽取数量", validators=[
        InputRequired("请填写抽取数量"), NumberRange(min=1, max=10_000, message="抽取数量应在 1 到 10000 之间")])
    seed = StringField("随机种子（留空由系统生成）", filters=[stripped], validators=[
        Optional(), Length(max=20, message=f"随机种子应为 0 到 {MAX_SEED} 之间的整数")])


class RoundsForm(FlaskForm):
    options: list[tuple[str, str]] = []  # (id, name) of the government's rounds, set per request
    rounds = SelectMultipleField("评议轮次", invalid_choice_message="评议轮次须是本政府的评议轮次")


class SubmissionForm(FlaskForm):
    options: list[tuple[str, str]] = []  # (id, name) of the materials list, set per request
    submitted_on = ChineseDateField("报送日期", validators=[InputRequired("请填写报送日期")])
    materials = SelectMultipleField("报送的材料", invalid_choice_message="所选材料不在材料清单中")
    note = TextAreaField("说明", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="说明不超过 2000 字")])
    files = MultipleFileField("材料文件")


class VisitForm(FlaskForm):
    visited_on = ChineseDateField("实地日期", validators=[InputRequired("请填写实地日期")])
    people = TextAreaField("座谈、访谈对象", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="座谈、访谈对象不超过 2000 字")])
    materials = TextAreaField("查阅的资料", filters=[stripped], validators=[
        Optional(), Length(max=2000, message="查阅的资料不超过 2000 字")])
    notes = TextAreaField("发现与记录", filters=[stripped], validators=[
        DataRequired("请填写发现与记录"), Length(max=10_000, message="发现与记录不超过 10000 字")])
    files = MultipleFileField("附件（照片、记录扫描件等）")


class FeedbackForm(FlaskForm):
    text = TextAreaField("书面反馈意见", filters=[stripped], validators=[
        DataRequired("请填写反馈意见"), Length(max=10_000, message="反馈意见不超过 10000 字")])


class RectificationForm(FlaskForm):
    problem = TextAreaField("问题", filters=[stripped], validators=[
        DataRequired("请填写问题"), Length(max=2000, message="问题不超过 2000 字")])
    measure = TextAreaField("整改措施", filters=[stripped], validators=[
        DataRequired("请填写整改措施"), Length(max=2000, message="整改措施不超过 2000 字")])
    owner = StringField("责任人", filters=[stripped], validators=[
        DataRequired("请填写责任人"), Length(max=100, message="责任人不超过 100 字")])
    deadline = ChineseDateField("整改时限", validators=[InputRequired("请填写整改时限（日期）")])


class ReminderForm(FlaskForm):
    phase = SelectField("阶段", choices=choices(REMINDER_PHASES.items()), invalid_choice_message="请选择阶段")
    message = TextAreaField("提醒内容", filters=[stripped], validators=[
        DataRequired("请填写提醒内容"), Length(max=MAX_MESSAGE, message=f"提醒内容不超过 {MAX_MESSAGE} 字")])


def _can_run() -> bool:
    return current_user.role in ("admin", "evaluator")


def _uploads() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def _campaign_or_404(campaign_id: int) -> dict:
    """The campaign a URL names, or a 404 page (absent, or of a government outside the scope)."""
    campaign = store.campaigns.get_campaign(get_db(), campaign_id) or abort(404)
    scope.check(campaign["government_id"])
    return campaign


def _unit_or_404(campaign: dict, department_id: int) -> dict:
    return store.campaigns.get_unit(get_db(), campaign["id"], department_id) or abort(404)


def _refused(errors: list[str], prefix: str) -> None:
    flash(prefix + "；".join(errors), "error")


def _visible_governments() -> list[dict]:
    return [g for g in scope.governments(store.documents.list_governments(get_db()))
            if g["name"] != store.documents.UNKNOWN_GOVERNMENT]


def _system_choices(government_id: int | None) -> list:
    """"(none)" and the systems of the government (of every visible one when None)."""
    systems = scope.rows(store.evaluations.list_systems(get_db(), government_id))
    label = (lambda s: s["name"]) if government_id else (lambda s: f"{s['government_name']} · {s['name']}")
    return choices([("", "（暂不选择）")] + [(str(s["id"]), label(s)) for s in systems])


def _deadlines(form: CampaignForm) -> dict[str, date | None]:
    return {phase: getattr(form, f"{phase}_due").data for phase in PHASES}


def _values(form: CampaignForm) -> tuple[dict, list[str]]:
    """The store's values from a validated form, and what the campaign rules refuse."""
    deadlines = _deadlines(form)
    plan = CampaignPlan(form.name.data or "", form.year.data or 0, deadlines=deadlines)
    values = {"name": plan.name, "year": plan.year, "system_id": int(form.system.data) if form.system.data else None,
              "deadlines": {phase: due.isoformat() for phase, due in deadlines.items() if due}}
    return values, plan.problems()


# --- the list of campaigns ----------------------------------------------------------------------

def _index_page(form: NewCampaignForm, status: int = 200):
    db = get_db()
    campaigns = scope.rows(store.campaigns.list_campaigns(db))
    summaries = {row["id"]: row for row in service.list_json(db, campaigns)}
    return render_template("campaigns/index.html", campaigns=campaigns, summaries=summaries, form=form,
                           can_run=_can_run(), has_governments=bool(form.government.choices)), status


def _new_form() -> NewCampaignForm:
    form = NewCampaignForm()
    form.government.choices = choices((str(g["id"]), g["name"]) for g in _visible_governments())
    form.system.choices = _system_choices(None)
    if request.method == "GET":
        form.year.data = date.today().year
    return form


@bp.get("/")
@signed_in
def index():
    """The campaigns of the governments the account sees: phase, units, late units; evaluators
    start a new one here."""
    return _index_page(_new_form())


@bp.post("/new")
@evaluators
def create():
    """Start a campaign: government, name, year, indicator system and phase deadlines."""
    form = _new_form()
    errors = [] if form.validate_on_submit() else form_errors(form)
    values, problems = _values(form) if not errors else ({}, [])
    errors += problems
    if not errors:
        government_id = int(form.government.data)
        scope.check(government_id)
        values["target"] = form.target.data
        try:
            campaign_id = store.campaigns.create_campaign(get_db(), government_id, values, current_user.id)
        except store.StoreError as error:
            errors.append(str(error))
    if errors:
        _refused(errors, "未能创建：")
        return _index_page(form, 400)
    flash(f"已创建评估活动“{values['name']}”：请确定评估单位、材料清单并发布方案。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id))


# --- one campaign: the board ------------------------------------------------------------------

@bp.get("/<int:campaign_id>/")
@signed_in
def board(campaign_id: int):
    """The status board: per unit and phase 已完成 / 逾期 / 未完成, the phase under way and what
    counts as done in each phase."""
    campaign = _campaign_or_404(campaign_id)
    found = service.board(get_db(), campaign)
    return render_template("campaigns/board.html", campaign=campaign, found=found, board=found.board,
                           columns=COLUMNS, column_names=COLUMN_NAMES, phase_names=PHASE_NAMES,
                           status_names=STATUS_NAMES, counts=found.board.counts(), rules=service.RULE_LINES,
                           late=len(found.board.late()), can_run=_can_run(),
                           rounds=store.campaigns.list_rounds(get_db(), campaign_id))


# --- one campaign: settings ---------------------------------------------------------------------

def _edit_form(campaign: dict, bound: bool = False) -> CampaignForm:
    form = CampaignForm() if bound else CampaignForm(formdata=None)
    form.system.choices = _system_choices(campaign["government_id"])
    if not bound:
        form.name.data, form.year.data = campaign["name"], campaign["year"]
        form.system.data = str(campaign["system_id"] or "")
        for phase, due in service.deadlines_of(campaign).items():
            getattr(form, f"{phase}_due").data = due
    return form


def _units_form(campaign: dict, departments: dict[str, int], bound: bool = False) -> UnitsForm:
    form = UnitsForm() if bound else UnitsForm(formdata=None)
    form.options = [(str(i), name) for name, i in sorted(departments.items())]
    form.units.choices, form.site.choices = choices(form.options), choices(form.options)
    if not bound:
        units = store.campaigns.list_units(get_db(), campaign["id"])
        form.units.data = [str(u["department_id"]) for u in units]
        form.site.data = [str(u["department_id"]) for u in units if u["on_site"]]
    return form


def _rounds_form(campaign: dict, bound: bool = False) -> RoundsForm:
    form = RoundsForm() if bound else RoundsForm(formdata=None)
    own = [r for r in store.rounds.list_rounds(get_db()) if r["government_id"] == campaign["government_id"]]
    form.options = [(str(r["id"]), f"{r['name']}（{r['year']}）") for r in own]
    form.rounds.choices = choices(form.options)
    if not bound:
        form.rounds.data = [str(r["id"]) for r in store.campaigns.list_rounds(get_db(), campaign["id"])]
    return form


def _settings_page(campaign: dict, status: int = 200, **forms):
    db = get_db()
    departments = service.candidates(db, campaign)
    plan_form = forms.get("plan_form") or PlanForm(formdata=None)
    if "plan_form" not in forms:
        plan_form.plan_text.data = campaign["plan_text"]
    draw_form = forms.get("draw_form") or DrawForm(formdata=None)
    return render_template(
        "campaigns/settings.html", campaign=campaign, phase_names=PHASE_NAMES,
        edit_form=forms.get("edit_form") or _edit_form(campaign), plan_form=plan_form,
        material_form=forms.get("material_form") or MaterialForm(formdata=None),
        units_form=forms.get("units_form") or _units_form(campaign, departments),
        draw_form=draw_form, rounds_form=forms.get("rounds_form") or _rounds_form(campaign),
        materials=store.campaigns.list_materials(db, campaign["id"]),
        draws=store.campaigns.list_draws(db, campaign["id"]), draw_kinds=service.DRAW_KINDS,
        rounds=store.campaigns.list_rounds(db, campaign["id"]), delete_form=EmptyForm(),
        can_run=_can_run()), status


@bp.get("/<int:campaign_id>/settings")
@signed_in
def settings(campaign_id: int):
    """方案 and materials list, deadlines, units in scope (by hand or drawn), linked rounds."""
    return _settings_page(_campaign_or_404(campaign_id))


@bp.post("/<int:campaign_id>/edit")
@evaluators
def edit(campaign_id: int):
    """Change name, year, indicator system and deadlines (each no earlier than the phase before)."""
    campaign = _campaign_or_404(campaign_id)
    form = _edit_form(campaign, bound=True)
    errors = [] if form.validate_on_submit() else form_errors(form)
    values, problems = _values(form) if not errors else ({}, [])
    errors += problems
    if not errors:
        try:
            store.campaigns.update_campaign(get_db(), campaign_id, values, current_user.id)
        except store.StoreError as error:
            errors.append(str(error))
    if errors:
        _refused(errors, "未能保存：")
        return _settings_page(campaign, 400, edit_form=form)
    flash("已保存活动信息和各阶段截止日期。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id))


@bp.post("/<int:campaign_id>/plan")
@evaluators
def plan(campaign_id: int):
    """Save the 方案's text and, if asked, publish it today."""
    campaign = _campaign_or_404(campaign_id)
    form = PlanForm()
    if not form.validate_on_submit():
        _refused(form_errors(form), "未能保存方案：")
        return _settings_page(campaign, 400, plan_form=form)
    text = (form.plan_text.data or "").strip()
    publish = form.publish.data and not campaign["plan_published_on"]
    if publish and not text:
        _refused(["发布前请填写方案内容"], "未能发布方案：")
        return _settings_page(campaign, 400, plan_form=form)
    store.campaigns.set_plan(get_db(), campaign_id, text, date.today().isoformat() if publish else None,
                             current_user.id)
    flash("方案已发布。" if publish else "方案已保存。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#plan")


@bp.post("/<int:campaign_id>/materials")
@evaluators
def add_material(campaign_id: int):
    """Add an item to the materials list (信息表、自查报告 …) each unit must provide."""
    campaign = _campaign_or_404(campaign_id)
    form = MaterialForm()
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        names = [row["name"] for row in store.campaigns.list_materials(get_db(), campaign_id)]
        errors = material_problems(names + [form.name.data or ""])
    if not errors:
        try:
            store.campaigns.add_material(get_db(), campaign_id, form.name.data, form.note.data or "", current_user.id)
        except store.StoreError as error:
            errors.append(str(error))
    if errors:
        _refused(errors, "未能添加材料：")
        return _settings_page(campaign, 400, material_form=form)
    flash(f"已将“{form.name.data}”列入材料清单。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#materials")


@bp.post("/<int:campaign_id>/materials/<int:material_id>/delete")
@evaluators
def remove_material(campaign_id: int, material_id: int):
    """Take an item off the materials list (refused once a unit has submitted it)."""
    campaign = _campaign_or_404(campaign_id)
    if not any(row["id"] == material_id for row in store.campaigns.list_materials(get_db(), campaign_id)):
        abort(404)  # another campaign's material, perhaps of a government outside the scope
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        name = store.campaigns.remove_material(get_db(), campaign_id, material_id, current_user.id)
    except store.StoreError as error:
        _refused([str(error)], "未能删除：")
        return _settings_page(campaign, 400)
    flash(f"已从材料清单中删除“{name}”。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#materials")


@bp.post("/<int:campaign_id>/units")
@evaluators
def units(campaign_id: int):
    """Choose the units in scope and those for 实地抽查 by hand."""
    campaign = _campaign_or_404(campaign_id)
    departments = service.candidates(get_db(), campaign)
    form = _units_form(campaign, departments, bound=True)
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        chosen = [int(i) for i in form.units.data or []]
        site = [int(i) for i in form.site.data or []]
        try:
            store.campaigns.set_units(get_db(), campaign_id, chosen, site, current_user.id)
        except store.StoreError as error:
            errors.append(str(error))
    if errors:
        _refused(errors, "未能保存评估单位：")
        return _settings_page(campaign, 400, units_form=form)
    flash(f"评估单位已保存：{len(chosen)} 个，其中实地抽查 {len(site)} 个。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#units")


@bp.post("/<int:campaign_id>/draw")
@evaluators
def draw(campaign_id: int):
    """Draw the units in scope (from the government's departments) or the 实地抽查 units (from
    those in scope) at random; the seed and the population are recorded with the draw."""
    campaign = _campaign_or_404(campaign_id)
    form = DrawForm()
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        try:
            seed, drawn = service.draw_units(get_db(), campaign, form.kind.data, form.size.data,
                                             parse_seed(form.seed.data), current_user.id)
        except CampaignError as error:
            errors = error.errors
    if errors:
        _refused(errors, "未能抽取：")
        return _settings_page(campaign, 400, draw_form=form)
    flash(f"已抽取{service.DRAW_KINDS[form.kind.data]} {len(drawn)} 个（随机种子 {seed}）：{'、'.join(drawn)}。",
          "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#units")


@bp.post("/<int:campaign_id>/rounds")
@evaluators
def rounds(campaign_id: int):
    """Link the survey rounds (评议轮次) of the government the campaign draws on."""
    campaign = _campaign_or_404(campaign_id)
    form = _rounds_form(campaign, bound=True)
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        try:
            store.campaigns.set_rounds(get_db(), campaign_id, [int(i) for i in form.rounds.data or []],
                                       current_user.id)
        except store.StoreError as error:
            errors.append(str(error))
    if errors:
        _refused(errors, "未能保存评议轮次：")
        return _settings_page(campaign, 400, rounds_form=form)
    flash("已保存关联的评议轮次。", "success")
    return redirect(url_for("campaigns.settings", campaign_id=campaign_id) + "#rounds")


# --- one unit ------------------------------------------------------------------------------------

def _submission_form(campaign: dict, bound: bool = False) -> SubmissionForm:
    form = SubmissionForm() if bound else SubmissionForm(formdata=None)
    form.options = [(str(m["id"]), m["name"]) for m in store.campaigns.list_materials(get_db(), campaign["id"])]
    form.materials.choices = choices(form.options)
    if not bound:
        form.submitted_on.data = date.today()
    return form


def _unit_page(campaign: dict, unit: dict, status: int = 200, **forms):
    db = get_db()
    found = service.board(db, campaign)
    row = next(r for r in found.board.rows if r.unit == unit["name"])
    today = date.today()
    entries = store.campaigns.list_rectifications(db, campaign["id"], unit["department_id"])
    for entry in entries:
        entry["overdue"] = is_overdue(entry["status"], date.fromisoformat(entry["deadline"]), today)
    feedback = store.campaigns.get_feedback(db, campaign["id"], unit["department_id"])
    feedback_form = forms.get("feedback_form") or FeedbackForm(formdata=None)
    if "feedback_form" not in forms and feedback:
        feedback_form.text.data = feedback["text"]
    visit_form = forms.get("visit_form") or VisitForm(formdata=None)
    if "visit_form" not in forms:
        visit_form.visited_on.data = today
    reminder_form = forms.get("reminder_form") or _reminder_form(campaign, row)
    return render_template(
        "campaigns/unit.html", campaign=campaign, unit=unit, row=row, board=found.board, columns=COLUMNS,
        column_names=COLUMN_NAMES, leaves=len(found.manual_leaves),
        submissions=store.campaigns.list_submissions(db, campaign["id"], unit["department_id"]),
        visits=store.campaigns.list_visits(db, campaign["id"], unit["department_id"]),
        feedback=feedback, entries=entries,
        reminders=store.campaigns.list_reminders(db, campaign["id"], unit["department_id"]),
        reminder_phases=REMINDER_PHASES,
        submission_form=forms.get("submission_form") or _submission_form(campaign),
        visit_form=visit_form, feedback_form=feedback_form,
        rectification_form=forms.get("rectification_form") or RectificationForm(formdata=None),
        reminder_form=reminder_form, can_run=_can_run(),
        # what the unit did itself once it signs in (webapp/unit_review.py decides on it)
        unit_work=unit_service.office_view(db, campaign, unit["department_id"], current_user.id),
        unit_progress=unit_service.entries(db, campaign, unit["department_id"], today)), status


def _reminder_form(campaign: dict, row) -> ReminderForm:
    """The reminder form, filled with the default message of the unit's first late phase."""
    form = ReminderForm(formdata=None)
    late = next(((column, row.cells[column]) for column in COLUMNS if row.cells[column].status == "late"), None)
    if late:
        form.phase.data = late[0]
        form.message.data = default_message(campaign["name"], late[0], late[1], date.today())
    return form


@bp.get("/<int:campaign_id>/units/<int:department_id>")
@signed_in
def unit(campaign_id: int, department_id: int):
    """One unit in the campaign: its row of the board, submissions, scores, visits, feedback,
    整改 entries and reminders; evaluators record each here."""
    campaign = _campaign_or_404(campaign_id)
    return _unit_page(campaign, _unit_or_404(campaign, department_id))


def _files(field) -> list[tuple[object, str]]:
    return [(upload.stream, upload.filename) for upload in field.data or [] if getattr(upload, "filename", "")]


def _unit_url(campaign_id: int, department_id: int, anchor: str) -> str:
    return url_for("campaigns.unit", campaign_id=campaign_id, department_id=department_id) + anchor


def _not_after_today(day: date | None, label: str) -> list[str]:
    return [f"{label}不能晚于今天"] if day and day > date.today() else []


@bp.post("/<int:campaign_id>/units/<int:department_id>/submissions")
@evaluators
@takes_files
def submission(campaign_id: int, department_id: int):
    """Record, on the unit's behalf, its submission of materials (date, which ones, files)."""
    campaign = _campaign_or_404(campaign_id)
    unit_row = _unit_or_404(campaign, department_id)
    form = _submission_form(campaign, bound=True)
    errors = [] if form.validate_on_submit() else form_errors(form)
    errors += [] if errors else _not_after_today(form.submitted_on.data, "报送日期")
    given = _files(form.files) if not errors else []
    if not errors and not given and not form.materials.data and not form.note.data:
        errors.append("请上传材料文件，或勾选已报送的材料、填写说明")
    saved: list[dict] = []
    if not errors:
        try:
            saved = service.save_files(_uploads(), given)
            store.campaigns.add_submission(
                get_db(), campaign_id, department_id,
                {"submitted_on": form.submitted_on.data.isoformat(), "note": form.note.data or ""},
                [int(i) for i in form.materials.data or []], saved, current_user.id)
        except CampaignError as error:
            errors = error.errors
        except store.StoreError as error:
            service.remove_files(_uploads(), saved)
            errors = [str(error)]
        except BaseException:
            service.remove_files(_uploads(), saved)  # no row points at them
            raise
    if errors:
        _refused(errors, "未能登记报送：")
        return _unit_page(campaign, unit_row, 400, submission_form=form)
    flash(f"已登记{unit_row['name']}的材料报送" + (f"（附件 {len(saved)} 个）" if saved else "") + "。", "success")
    return redirect(_unit_url(campaign_id, department_id, "#self"))


@bp.post("/<int:campaign_id>/units/<int:department_id>/visits")
@evaluators
@takes_files
def visit(campaign_id: int, department_id: int):
    """Record an on-site visit: date, people met, materials checked, notes, attachments."""
    campaign = _campaign_or_404(campaign_id)
    unit_row = _unit_or_404(campaign, department_id)
    form = VisitForm()
    errors = [] if form.validate_on_submit() else form_errors(form)
    errors += [] if errors else _not_after_today(form.visited_on.data, "实地日期")
    if not errors and not unit_row["on_site"]:
        errors.append(f"{unit_row['name']}未列入实地抽查名单，请先在“设置”中选入实地抽查")
    saved: list[dict] = []
    if not errors:
        try:
            saved = service.save_files(_uploads(), _files(form.files))
            store.campaigns.add_visit(get_db(), campaign_id, department_id, {
                "visited_on": form.visited_on.data.isoformat(), "people": form.people.data or "",
                "materials": form.materials.data or "", "notes": form.notes.data or ""}, saved, current_user.id)
        except CampaignError as error:
            errors = error.errors
        except store.StoreError as error:
            service.remove_files(_uploads(), saved)
            errors = [str(error)]
        except BaseException:
            service.remove_files(_uploads(), saved)
            raise
    if errors:
        _refused(errors, "未能登记实地抽查：")
        return _unit_page(campaign, unit_row, 400, visit_form=form)
    flash(f"已登记{unit_row['name']}的实地抽查记录" + (f"（附件 {len(saved)} 个）" if saved else "") + "。",
          "success")
    return redirect(_unit_url(campaign_id, department_id, "#site"))


@bp.post("/<int:campaign_id>/units/<int:department_id>/feedback")
@evaluators
def feedback(campaign_id: int, department_id: int):
    """Write (or revise) the written feedback to the unit."""
    campaign = _campaign_or_404(campaign_id)
    unit_row = _unit_or_404(campaign, department_id)
    form = FeedbackForm()
    if not form.validate_on_submit():
        _refused(form_errors(form), "未能保存反馈：")
        return _unit_page(campaign, unit_row, 400, feedback_form=form)
    store.campaigns.set_feedback(get_db(), campaign_id, department_id, form.text.data, current_user.id)
    flash(f"已保存对{unit_row['name']}的反馈意见。", "success")
    return redirect(_unit_url(campaign_id, department_id, "#feedback"))


@bp.post("/<int:campaign_id>/units/<int:department_id>/rectifications")
@evaluators
def rectification(campaign_id: int, department_id: int):
    """Enter a 整改 item in the 整改台账 for the unit, linked to the campaign (origin 评估意见)."""
    campaign = _campaign_or_404(campaign_id)
    unit_row = _unit_or_404(campaign, department_id)
    form = RectificationForm()
    if not form.validate_on_submit():
        _refused(form_errors(form), "未能登记整改事项：")
        return _unit_page(campaign, unit_row, 400, rectification_form=form)
    entry_id = store.campaigns.add_rectification_entry(get_db(), campaign_id, department_id, {
        "problem": form.problem.data, "measure": form.measure.data, "owner": form.owner.data,
        "deadline": form.deadline.data.isoformat(), "origin": "评估意见",
        "source_ref": f"评估活动：{campaign['name']}"}, current_user.id)
    flash(f"已在整改台账登记整改事项（编号 {entry_id}）。", "success")
    return redirect(_unit_url(campaign_id, department_id, "#rectification"))


@bp.post("/<int:campaign_id>/units/<int:department_id>/reminders")
@evaluators
def remind(campaign_id: int, department_id: int):
    """Store a reminder for the unit (shown on its home page once units sign in)."""
    campaign = _campaign_or_404(campaign_id)
    unit_row = _unit_or_404(campaign, department_id)
    form = ReminderForm()
    if not form.validate_on_submit():
        _refused(form_errors(form), "未能保存提醒：")
        return _unit_page(campaign, unit_row, 400, reminder_form=form)
    store.campaigns.add_reminders(get_db(), campaign_id, [
        {"department_id": department_id, "phase": form.phase.data, "message": form.message.data}], current_user.id)
    flash(f"已保存对{unit_row['name']}的提醒。", "success")
    return redirect(_unit_url(campaign_id, department_id, "#reminders"))


# --- reminders of late units ----------------------------------------------------------------------

@bp.get("/<int:campaign_id>/reminders")
@signed_in
def reminders(campaign_id: int):
    """The late units phase by phase, to print (or export) and remind."""
    campaign = _campaign_or_404(campaign_id)
    found = service.board(get_db(), campaign)
    late = service.late_units(get_db(), found)
    return render_template("campaigns/reminders.html", campaign=campaign, board=found.board, late=late,
                           unit_ids=found.unit_ids, columns=COLUMNS, column_names=COLUMN_NAMES,
                           form=EmptyForm(), can_run=_can_run())


@bp.post("/<int:campaign_id>/reminders")
@evaluators
def remind_late(campaign_id: int):
    """Store the standard reminder for every late unit and phase at once."""
    campaign = _campaign_or_404(campaign_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    count = service.remind_late(get_db(), service.board(get_db(), campaign), current_user.id)
    flash(f"已向逾期单位保存 {count} 条提醒。" if count else "没有逾期单位，无需提醒。", "success")
    return redirect(url_for("campaigns.reminders", campaign_id=campaign_id))


@bp.get("/<int:campaign_id>/reminders.xlsx")
@signed_in
def reminders_xlsx(campaign_id: int):
    """The late units as .xlsx (阶段, 截止日期, 逾期天数, 单位 …)."""
    campaign = _campaign_or_404(campaign_id)
    data = service.reminders_xlsx(get_db(), service.board(get_db(), campaign))
    return download(data, f"{campaign['government_name']}{campaign['name']}逾期单位.xlsx")


@bp.get("/files/<int:file_id>")
@signed_in
def file(file_id: int):
    """An evidence file (submission or visit), always as a download, as visible as its campaign."""
    row = store.campaigns.get_file(get_db(), file_id) or abort(404)
    scope.check(row["government_id"])
    path = service.file_path(_uploads(), row)
    return evidence_file(path, row["file_name"])


def init_app(app) -> None:
    from . import campaign_notice  # the 通报 and the units' letters, a blueprint of their own

    app.register_blueprint(bp)
    campaign_notice.init_app(app)
