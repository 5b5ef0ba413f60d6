"""Evaluator pages (评估): indicator systems, the department page, scores, ranking, exports.

Everyone signed in may read (工作人员 view only); 评估员 and 管理员 create and edit
systems, enter scores and write conclusions. Every score change is recorded
(score_changes and the audit log). A system may have an expert panel (专家组, set by 管理员):
then its members score and judge (AHP) each on their own, see only their own findings on a leaf
until the office closes it, and the office resolves disagreements (`services/panels.py`).
"""
from __future__ import annotations

import json
import re

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from survey.evaluation.ahp import CR_LIMIT, RI_TABLE_NAME, AhpError, weigh
from survey.evaluation.ahp import METHOD as AHP_METHOD
from survey.evaluation.ahp import _number as ahp_number
from survey.evaluation.charts import bar_chart, radar_chart, svg_for_html
from survey.evaluation.indicators import (
    TEMPLATES,
    IndicatorError,
    from_xlsx,
    system_to_dict,
    takes_deduction,
    to_xlsx,
)
from survey.reform.daily_record import SOURCE_CODES as DAILY_SOURCE_NAMES

from . import scope, store
from .access import admins, evaluators, signed_in
from .database import get_db
from .errors import error_page
from .forms import EmptyForm, choices
from .security import takes_files
from .services import daily_record, panels
from .services import evaluations as evaluation_data
from .views import DOCX, XLSX, download

bp = Blueprint("evaluations", __name__, url_prefix="/evaluations")
TEMPLATE_NAMES = {"seven": "机构改革评估七项指标", "city": "市直部门六个方面"}
MAX_XLSX_BYTES = 5 * 1024 * 1024
SOURCE_NAMES = {"manual": "评估员打分", "overlaps": "职责交叉扣分", "staffing": "人员编制核对（全部）",
                "staffing:divisions": "人员编制核对：内设机构数量", "staffing:leaders": "人员编制核对：领导职数",
                "reform": "大科室规则核对", "roll": "实名制核对（超编和超职数）", "roll:posts": "实名制核对：超编",
                "roll:leaders": "实名制核对：超职数", **DAILY_SOURCE_NAMES}


class SystemForm(FlaskForm):
    government = SelectField("政府")
    template = SelectField("模板", choices=choices([(key, name) for key, name in TEMPLATE_NAMES.items()]
                                                  + [("xlsx", "导入 .xlsx 文件")]))
    name = StringField("名称（留空用模板名称）", validators=[Optional(), Length(max=100)])
    target = SelectField("评估对象", choices=choices(store.counties.TARGETS.items()), default="departments",
                         invalid_choice_message="请选择评估对象")


class ConclusionForm(FlaskForm):
    text = TextAreaField("评估结论", validators=[Length(max=10_000, message="评估结论不超过 10000 字")])


class ScoreForm(FlaskForm):
    path = StringField(validators=[DataRequired(), Length(max=1000)])
    value = StringField("得分", validators=[Length(max=20)])
    evidence = TextAreaField("评分依据", validators=[Length(max=4000, message="评分依据不超过 4000 字")])
    not_applicable = BooleanField("不适用")
    clear = BooleanField("恢复自动评分")


def init_app(app) -> None:
    app.jinja_env.globals.update(source_names=SOURCE_NAMES, takes_deduction=takes_deduction)
    app.register_blueprint(bp)


def _system(system_id: int) -> dict:
    """The indicator system a URL names, or a 404 page (absent, or of a government outside the scope)."""
    row = store.evaluations.get_system(get_db(), system_id) or abort(404)
    scope.check(row["government_id"])
    return row


def _can_score() -> bool:
    return current_user.role in ("admin", "evaluator")



def source_label(source: str | None, rounds: dict[int, str] | None = None) -> str:
    """A leaf's 评分来源 in words: `survey:2:对口部门` → `评议：2024年度市县评作为（对口部门）`,
    `survey:2@办事效率` → `评议：2024年度市县评作为·办事效率（全部组别）`."""
    if not source:
        return "（无）"
    if source.startswith("survey:"):
        parts = source.split(":")
        number, _, dimension = parts[1].partition("@")
        name = (rounds or {}).get(int(number)) if number.isdigit() else None
        return (f"评议：{name or '轮次 ' + number}" + (f"·{dimension}" if dimension else "")
                + (f"（{parts[2]}）" if len(parts) > 2 else "（全部组别）" if dimension else ""))
    return SOURCE_NAMES.get(source, source)


def source_choices(db, government_id: int, current: list[str | None]) -> list[tuple[str, str]]:
    """(code, words) of every source a leaf can take in this government: the automatic ones,
    and each survey round and each of its groups by name; a leaf's present source is kept."""
    choices = [(code, name) for code, name in SOURCE_NAMES.items()]
    rounds = {}
    for row in store.rounds.list_rounds(db):
        if row["government_id"] != government_id:
            continue
        rounds[row["id"]] = row["name"]
        groups = list(json.loads(row["groups_json"] or "{}"))
        dimensions = [d["name"] for d in json.loads(row.get("dimensions_json") or "[]")]
        for key, name in [(str(row["id"]), row["name"])] + [(f"{row['id']}@{d}", f"{row['name']}·{d}")
                                                              for d in dimensions]:
            choices.append((f"survey:{key}", f"评议：{name}（全部组别）"))
            choices += [(f"survey:{key}:{group}", f"评议：{name}（{group}）") for group in groups]
    known = {code for code, _ in choices}
    choices += [(code, source_label(code, rounds)) for code in dict.fromkeys(current) if code and code not in known]
    return choices


# --- systems ----------------------------------------------------------------------------------

def _index_page(form: SystemForm, errors: list[str] | None = None, status: int = 200):
    db = get_db()
    governments = [g for g in scope.governments(store.documents.list_governments(db))
                   if g["name"] != store.documents.UNKNOWN_GOVERNMENT]
    systems = scope.rows(store.evaluations.list_systems(db))
    return render_template("evaluations/index.html", governments=governments, systems=systems, form=form,
                           errors=errors or [], can_score=_can_score()), status


def _system_form() -> SystemForm:
    form = SystemForm()
    db = get_db()
    form.government.choices = choices((str(g["id"]), g["name"])
                                      for g in scope.governments(store.documents.list_governments(db))
                                      if g["name"] != store.documents.UNKNOWN_GOVERNMENT)
    return form


@bp.get("/")
@signed_in
def index():
    """Indicator systems per government; evaluators create one from a template or an .xlsx file."""
    return _index_page(_system_form())


@bp.post("/new")
@evaluators
@takes_files
def create():
    """A new system from a template or an uploaded .xlsx; bad input stores nothing."""
    form = _system_form()
    if not form.validate_on_submit():
        return _index_page(form, [e for errors in form.errors.values() for e in errors], 400)
    db = get_db()
    government = store.documents.get_government(db, int(form.government.data)) or abort(400)
    if not scope.sees_id(government["id"]):
        abort(400)  # not among the choices offered (validate_on_submit refuses it first)
    if form.template.data == "xlsx":
        upload = request.files.get("file")
        if not upload or not upload.filename:
            return _index_page(form, ["请选择指标体系 .xlsx 文件"], 400)
        try:
            system = from_xlsx(upload.stream.read(MAX_XLSX_BYTES + 1))
        except IndicatorError as error:
            return _index_page(form, error.errors, 400)
    else:
        system = TEMPLATES[form.template.data]()
    system.name = (form.name.data or "").strip() or system.name
    try:
        evaluation_data.check_system(db, government["id"], system, scope.sees_id)
        system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system),
                                                    current_user.id, template=form.template.data,
                                                    target=form.target.data)
    except IndicatorError as error:
        return _index_page(form, error.errors, 400)
    except store.StoreError as error:
        return _index_page(form, [str(error)], 400)
    flash(f"已创建指标体系“{system.name}”。", "success")
    return redirect(url_for("evaluations.system", system_id=system_id))


def _system_page(row: dict, system=None, errors: list[str] | None = None, status: int = 200,
                 ahp_values: dict | None = None):
    system = system or evaluation_data.system_of(row)
    parents = sorted({i.path[:-1] for i in system.indicators}, key=lambda p: (len(p), p))
    groups = [{"parent": parent, "label": "/".join(parent) or "一级指标", "children": system.children(parent),
               "matrix": system.matrices.get(parent)} for parent in parents]
    db = get_db()
    choices = source_choices(db, row["government_id"], [leaf.source for leaf in system.leaves()])
    panel = panels.rules(db, row["id"])
    members = store.evaluations.get_panel(db, row["id"])["members"]
    candidates = panels.candidates(db, row["government_name"])
    known = {user["id"] for user in candidates}
    candidates += [{**member, "display_name": member["name"]} for member in members if member["id"] not in known]
    return render_template(
        "evaluations/system.html", row=row, system=system, groups=groups, errors=errors or [],
        can_score=_can_score(), form=EmptyForm(), source_label=source_label, ahp_values=ahp_values or {},
        source_choices=choices, panel=panel, candidates=candidates, is_admin=current_user.role == "admin",
        is_member=panels.is_member(panel, current_user.id), cr_limit=CR_LIMIT,
        ahp_groups=panels.ahp_groups(db, row, system, current_user.id) if panel.active else {},
        effective={i.path: system.effective_weight(i) for i in system.leaves()} if not errors else {},
        ahp_method=AHP_METHOD, ri_table=RI_TABLE_NAME), status


@bp.get("/systems/<int:system_id>/")
@signed_in
def system(system_id: int):
    """A system's tree with weights, maxima and sources; the edit and AHP forms for evaluators."""
    return _system_page(_system(system_id))


def _number(value: str, label: str, errors: list[str]) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        errors.append(f"{label}“{value}”不是数字")
        return None


def _save(row: dict, system, errors: list[str]):
    """Validate and store the system, or show the page again with every message (nothing stored)."""
    db = get_db()
    if not errors:
        try:
            evaluation_data.check_system(db, row["government_id"], system, scope.sees_id)
        except IndicatorError as error:
            errors = error.errors
    if not errors:
        try:
            store.evaluations.update_system(db, row["id"], system.name, system_to_dict(system), current_user.id)
        except store.StoreError as error:
            errors = [str(error)]
    if errors:
        return _system_page(row, system, errors, 400)
    flash("已保存指标体系。", "success")
    return redirect(url_for("evaluations.system", system_id=row["id"]))


@bp.post("/systems/<int:system_id>/edit")
@evaluators
def edit(system_id: int):
    """Change name, weights, maxima, sources and overlap deduction/floor of every indicator."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    system = evaluation_data.system_of(row)
    errors: list[str] = []
    name = (request.form.get("name") or "").strip()
    if not name or len(name) > 100:
        errors.append("指标体系名称不能为空，且不超过 100 个字符")
    system.name = name or system.name
    leaves = {leaf.path for leaf in system.leaves()}
    for number, indicator in enumerate(system.indicators):
        label = "指标“" + "/".join(indicator.path) + "”的"
        indicator.weight = _number(request.form.get(f"weight-{number}", ""), label + "权重", errors)
        if indicator.path in leaves:
            indicator.max = _number(request.form.get(f"max-{number}", ""), label + "满分", errors)
            indicator.source = (request.form.get(f"source-{number}") or "").strip() or None
            deduction = _number(request.form.get(f"deduction-{number}", ""), label + "扣分", errors)
            floor = _number(request.form.get(f"floor-{number}", ""), label + "最低分", errors)
            if takes_deduction(indicator.source):
                indicator.deduction = 2.0 if deduction is None else deduction
                indicator.floor = floor or 0.0
                if (indicator.deduction < 0 or indicator.floor < 0
                        or (indicator.max and indicator.floor > indicator.max)):
                    errors.append(label + "扣分和最低分不能为负，最低分不能高于满分")
        indicator.description = (request.form.get(f"description-{number}") or "").strip()[:500]
    return _save(row, system, errors)


@bp.post("/systems/<int:system_id>/ahp")
@evaluators
def ahp(system_id: int):
    """Weights of one parent's children from a pairwise comparison matrix; CR ≥ 0.10 is refused."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    system = evaluation_data.system_of(row)
    parent = tuple(part for part in (request.form.get("parent") or "").split("/") if part)
    children = system.children(parent)
    if len(children) < 2:
        abort(400)
    size = len(children)
    matrix = [[1.0] * size for _ in range(size)]
    errors: list[str] = []
    for i in range(size):
        for j in range(i + 1, size):
            cell = (request.form.get(f"a-{i}-{j}") or "").strip()
            value = ahp_number(cell) if cell else None
            if value is None or value <= 0:
                errors.append(f"“{children[i].name}”比“{children[j].name}”的判断“{cell}”"
                              "应为 1/9 到 9 之间的数，如 3 或 1/3")
                continue
            matrix[i][j], matrix[j][i] = value, 1 / value
    values = {key: request.form[key] for key in request.form if key.startswith("a-")}
    panel = panels.rules(get_db(), row["id"])
    if panel.active:
        return _judge(row, panel, parent, [child.name for child in children], matrix, errors, values)
    if not errors:
        system.matrices[parent] = matrix
        try:
            system.apply_ahp()
        except IndicatorError as error:
            errors = error.errors
        except AhpError as error:
            errors = [str(error)]
    if errors:
        return _system_page(row, evaluation_data.system_of(row), errors, 400,
                            ahp_values={"parent": "/".join(parent), **values})
    return _save(row, system, [])


def _judge(row: dict, panel, parent: tuple[str, ...], names: list[str], matrix: list[list[float]],
           errors: list[str], values: dict):
    """A panel member's own judgements of one parent's children: stored even when inconsistent (the
    page flags CR ≥ 0.10 and names the judgements to reconsider); the weights change only when the
    office adopts the panel's group matrix."""
    if not panels.is_member(panel, current_user.id):
        return error_page(403, "本指标体系设有评估专家组：判断矩阵由专家组成员各自填写，"
                               "管理员在专家填写后采用专家组权重。")
    result = None
    if not errors:
        try:
            result = weigh(matrix, names)
        except AhpError as error:
            errors = [str(error)]
    if errors or result is None:
        return _system_page(row, None, errors, 400, ahp_values={"parent": "/".join(parent), **values})
    store.evaluations.save_judgement(get_db(), row["id"], parent, names, matrix, current_user.id)
    where = "/".join(parent) or "一级指标"
    if result.consistent:
        flash(f"已保存您对“{where}”的判断矩阵（CR = {result.cr:.3f}）。", "success")
    else:
        flash(f"已保存您对“{where}”的判断矩阵，但一致性不足（CR = {result.cr:.3f} ≥ {CR_LIMIT}），"
              f"建议修改：{'；'.join(result.worst)}", "error")
    return redirect(url_for("evaluations.system", system_id=row["id"]) + "#ahp")


@bp.post("/systems/<int:system_id>/ahp/adopt")
@admins
def ahp_adopt(system_id: int):
    """The office adopts the weights of the panel's group matrix (geometric mean of the experts')
    for one parent; a group matrix with CR ≥ 0.10 is refused."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    system = evaluation_data.system_of(row)
    parent = tuple(part for part in (request.form.get("parent") or "").split("/") if part)
    if len(system.children(parent)) < 2:
        return error_page(400, "请选择有两个以上下级指标的上级指标。")
    db = get_db()
    try:
        group = panels.group_for_adoption(db, row, system, parent, bool(request.form.get("drop_inconsistent")))
    except AhpError as error:
        return _system_page(row, None, [str(error)], 400)
    if not group.result.consistent:
        return _system_page(row, None, ["专家组" + group.result.refusal()], 400)
    system.matrices[parent] = group.matrix
    try:
        system.apply_ahp()
        evaluation_data.check_system(db, row["government_id"], system, scope.sees_id)
        store.evaluations.adopt_weights(db, row["id"], system.name, system_to_dict(system), parent, group.used,
                                        group.result.cr, current_user.id)
    except IndicatorError as error:
        return _system_page(row, None, error.errors, 400)
    except store.StoreError as error:
        return _system_page(row, None, [str(error)], 400)
    left_out = f"（未计入一致性未通过的：{'、'.join(group.left_out)}）" if group.left_out else ""
    flash(f"已采用专家组权重：“{'/'.join(parent) or '一级指标'}”，{len(group.used)} 位专家，"
          f"专家组 CR = {group.result.cr:.3f}{left_out}。", "success")
    return redirect(url_for("evaluations.system", system_id=row["id"]) + "#ahp")


@bp.post("/systems/<int:system_id>/import")
@evaluators
@takes_files
def import_xlsx(system_id: int):
    """Replace the system's indicators by an .xlsx file (as exported); a bad file stores nothing."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    upload = request.files.get("file")
    if not upload or not upload.filename:
        return _system_page(row, None, ["请选择指标体系 .xlsx 文件"], 400)
    try:
        system = from_xlsx(upload.stream.read(MAX_XLSX_BYTES + 1))
    except IndicatorError as error:
        return _system_page(row, None, error.errors, 400)
    system.name = row["name"]
    return _save(row, system, [])


@bp.get("/systems/<int:system_id>/system.xlsx")
@signed_in
def export_xlsx(system_id: int):
    row = _system(system_id)
    return download(to_xlsx(evaluation_data.system_of(row)), f"{row['name']}.xlsx", XLSX)


# --- evaluation, ranking, department page ---------------------------------------------------------

def _outcome(row: dict):
    db = get_db()
    government = store.documents.get_government(db, row["government_id"]) or abort(404)
    try:
        return evaluation_data.evaluate_government(db, government, row,
                                                   secret=current_app.config["SECRET_KEY"])
    except evaluation_data.EvaluationError as error:
        abort(_problem(str(error)))
    except IndicatorError as error:
        abort(_problem("指标体系有误：" + "；".join(error.errors)))


def _problem(message: str):
    from flask import make_response
    return make_response(error_page(400, message))


@bp.get("/systems/<int:system_id>/ranking")
@signed_in
def ranking(system_id: int):
    """The ranking with a bar chart; departments with missing scores listed apart."""
    row = _system(system_id)
    outcome = _outcome(row)
    ranked = [e for e in outcome.evaluations if e.total is not None]
    chart = Markup(svg_for_html(bar_chart([e.department for e in ranked], [e.total for e in ranked]),
                                label="综合得分排名")) if ranked else None
    return render_template("evaluations/ranking.html", row=row, outcome=outcome, chart=chart)


@bp.get("/systems/<int:system_id>/ranking.xlsx")
@signed_in
def ranking_xlsx(system_id: int):
    row = _system(system_id)
    return download(evaluation_data.ranking_xlsx(_outcome(row)), f"{row['name']}评估排名.xlsx", XLSX)


@bp.get("/systems/<int:system_id>/summary.docx")
@signed_in
def summary_docx(system_id: int):
    row = _system(system_id)
    outcome = _outcome(row)
    return download(evaluation_data.summary_report(outcome),
                     f"{outcome.government['name']}评估结果通报.docx", DOCX)


def _department(row: dict, department_id: int) -> dict:
    department = store.documents.get_department(get_db(), department_id) or abort(404)
    if department["government_id"] != row["government_id"]:
        abort(404)
    return department


def _department_page(row: dict, department: dict, *, score_errors: dict | None = None, status: int = 200,
                     conclusion_form: ConclusionForm | None = None):
    db = get_db()
    outcome = _outcome(row)
    if department["name"] not in outcome.departments:
        abort(404)
    evaluation = outcome.of(department["name"])
    levels = evaluation.first_level(outcome.system)
    radar = Markup(svg_for_html(radar_chart(list(levels), list(levels.values())), label="一级指标得分率"))
    document = evaluation_data.current_document(db, department["id"])
    findings = store.findings.list_findings(db, row["government_id"], department=department["name"])
    conclusion = store.evaluations.get_conclusion(db, row["id"], department["id"])
    if conclusion_form is None:
        conclusion_form = ConclusionForm()
        conclusion_form.text.data = conclusion["text"] if conclusion else ""
    entries = store.evaluations.list_rectifications(db, row["government_id"], department["id"], open_only=True)
    from datetime import date
    panel, views = panels.department_view(db, row, outcome.system, department["id"], current_user.id)
    changes = panels.visible_changes(store.evaluations.score_changes(db, row["id"], department["id"]), panel,
                                     current_user.id)
    return render_template(
        "evaluations/department.html", row=row, department=department, outcome=outcome, evaluation=evaluation,
        radar=radar, document=document, findings=findings, conclusion=conclusion,
        conclusion_form=conclusion_form, entries=entries, today=date.today().isoformat(),
        changes=changes, panel=panel, views={view.key: view for view in views.values()},
        is_admin=current_user.role == "admin",
        may_score=_can_score() and panels.may_score(panel, current_user.id),
        surveys=_survey_rows(outcome, department["name"]), can_score=_can_score(),
        score_errors=score_errors or {}, form=EmptyForm(),
        source_label=lambda source: source_label(source, {n: name for n, (name, _) in outcome.rounds.items()}),
        open_overlaps=outcome.inputs[department["name"]].open_overlaps,
        daily=daily_record.leaf_evidence(outcome, department["name"])), status


def _survey_rows(outcome, department: str) -> list[dict]:
    found = []
    for round_id, (name, results) in outcome.rounds.items():
        result = next((r for r in results.departments if r.department == department), None)
        if result is not None:
            dimensions = [(dimension, next((r for r in by_department if r.department == department), None))
                          for dimension, by_department in results.dimensions.items()]
            found.append({"id": round_id, "name": name, "result": result, "dimensions": dimensions})
    return found


@bp.get("/systems/<int:system_id>/departments/<int:department_id>")
@signed_in
def department(system_id: int, department_id: int):
    """Everything about one department: 三定, overlaps, surveys, scores with evidence, ledger, conclusion."""
    row = _system(system_id)
    return _department_page(row, _department(row, department_id))


def _score_value(raw: str, maximum: float) -> float | None:
    """The score typed as `raw` (digits, a decimal part allowed) if it lies within 0..maximum, else None."""
    if not re.fullmatch(r"\d+(\.\d+)?", raw):
        return None
    value = float(raw)
    return value if 0 <= value <= maximum else None


@bp.route("/systems/<int:system_id>/departments/<int:department_id>/sheet", methods=["GET", "POST"])
@evaluators
def sheet(system_id: int, department_id: int):
    """Every leaf scored by hand on one page, its 评分标准 beside the box: one save for the lot;
    on an error nothing is saved and everything typed stays."""
    row = _system(system_id)
    department = _department(row, department_id)
    system = evaluation_data.system_of(row)
    db = get_db()
    panel = panels.rules(db, row["id"])
    if panel.active and not panels.is_member(panel, current_user.id) and request.method == "POST":
        return error_page(403, _NOT_ON_PANEL)
    # with a panel an evaluator sees and changes only their own findings; without, the team's
    stored = {tuple(r["path"]): r for r in store.evaluations.list_scores(
        db, row["id"], department["id"], by=current_user.id if panel.active else None)}
    leaves = [leaf for leaf in system.leaves() if leaf.source == "manual"]
    typed, errors = {}, {}
    if request.method == "POST":
        if not EmptyForm().validate_on_submit():
            abort(400)
        changes = []
        for number, leaf in enumerate(leaves):
            if leaf.path in panel.closed:
                continue  # shown without a box: its findings are final
            raw = (request.form.get(f"value-{number}") or "").strip()
            evidence = (request.form.get(f"evidence-{number}") or "").strip()[:4000]
            typed[number] = (raw, evidence)
            if not raw and not evidence:
                continue
            value = _score_value(raw, leaf.max or 0)
            problems = [] if value is not None else [f"得分应为 0 到 {leaf.max:g} 之间的数"]
            if not evidence:
                problems.append("请填写评分依据")
            if problems or value is None:
                errors[number] = "；".join(problems)
                continue
            old = stored.get(leaf.path)
            if not old or old["value"] != round(value, 2) or old["evidence"] != evidence:
                changes.append((leaf.path, round(value, 2), evidence))
        if not errors:
            try:
                with store.transaction(db):  # all or nothing, also when a leaf was closed meanwhile
                    for path, value, evidence in changes:
                        store.evaluations.set_score(db, row["id"], department["id"], path, value, evidence,
                                                    current_user.id, shared=not panel.active)
            except store.StoreError as error:
                return error_page(409, f"{error}。本次填写的得分均未保存。")
            flash(f"已保存 {len(changes)} 项得分。" if changes else "没有改动。", "success")
            return redirect(url_for("evaluations.department", system_id=system_id, department_id=department_id)
                            + "#scores")
    entries = []
    for number, leaf in enumerate(leaves):
        old = stored.get(leaf.path)
        value, evidence = typed.get(number, ("%g" % old["value"] if old else "", old["evidence"] if old else ""))
        entries.append({"number": number, "leaf": leaf, "value": value, "evidence": evidence,
                        "error": errors.get(number), "closed": leaf.path in panel.closed})
    outcome = _outcome(row)
    # the leaves scored automatically that still lack data keep the department unranked: say so here
    waiting = [leaf for leaf in outcome.of(department["name"]).indicators
               if leaf.source != "manual" and leaf.score is None and not leaf.not_applicable] \
        if department["name"] in outcome.departments else []
    return render_template("evaluations/sheet.html", row=row, department=department, entries=entries,
                           form=EmptyForm(), errors=len(errors), waiting=waiting, panel=panel,
                           on_panel=panels.is_member(panel, current_user.id)), 400 if errors else 200


_NOT_ON_PANEL = "本指标体系设有评估专家组，只有专家组成员可以评分；管理员可在指标关闭后裁定最终得分。"


@bp.get("/systems/<int:system_id>/scores.xlsx")
@evaluators
def score_sheet(system_id: int):
    """Every department's manual leaves as one sheet (what is scored so far filled in)."""
    from survey.evaluation.score_sheet import write_sheet
    row = _system(system_id)
    db = get_db()
    ids = evaluation_data.evaluated_units(db, row)
    names = list(ids)
    by_id = {number: name for name, number in ids.items()}
    panel = panels.rules(db, row["id"])
    scores = panels.own_sheet_scores(db, row, current_user.id, by_id, panel)
    mine = f"（{current_user.display_name or current_user.username}）" if panel.active else ""
    return download(write_sheet(evaluation_data.system_of(row), names, scores), f"{row['name']}评分表{mine}.xlsx",
                    XLSX)


@bp.get("/systems/<int:system_id>/scores-combined.xlsx")
@evaluators
def combined_sheet(system_id: int):
    """Every department's leaf scores as combined (mean or trimmed mean) with spread, scorers, who
    has not scored and the office's resolutions; a panel's leaf not yet closed shows no score."""
    from survey.evaluation.score_sheet import CombinedRow, write_combined
    row = _system(system_id)
    _panel, leaves = panels.progress(get_db(), row, evaluation_data.system_of(row), current_user.id)
    rows = []
    for leaf in leaves:
        for item in leaf.rows:
            view, combined = item.view, item.view.combined
            status = "已关闭" if view.closed else ("评分中" if view.members else "")
            if not view.visible:
                rows.append(CombinedRow(item.department, leaf.path, leaf.maximum, None, "", view.given,
                                        missing="、".join(combined.missing), status=f"{status}（关闭后显示得分）"))
                continue
            spread = combined.spread
            rows.append(CombinedRow(
                item.department, leaf.path, leaf.maximum, combined.value,
                "不适用" if combined.not_applicable else combined.method, combined.n,
                spread.low if spread else None, spread.high if spread else None, spread.stdev if spread else None,
                combined.flag, "、".join(combined.missing),
                combined.resolution.reason if combined.resolution else "", status))
    return download(write_combined(f"{row['name']}综合得分", rows), f"{row['name']}综合得分.xlsx", XLSX)


@bp.post("/systems/<int:system_id>/scores")
@evaluators
@takes_files
def import_scores(system_id: int):
    """The filled sheet back: all rows or none, every problem named by row and column."""
    from survey.evaluation.score_sheet import ScoreSheetError, read_sheet
    row = _system(system_id)
    db = get_db()
    upload = request.files.get("file")
    if not EmptyForm().validate_on_submit() or upload is None or not upload.filename:
        return error_page(400, "请选择填好的评分表（.xlsx）。")
    data = upload.read(MAX_SHEET_BYTES + 1)
    if len(data) > MAX_SHEET_BYTES:
        return error_page(413, "评分表太大。")
    ids = evaluation_data.evaluated_units(db, row)
    try:
        found = read_sheet(data, upload.filename, evaluation_data.system_of(row), list(ids))
    except ScoreSheetError as error:
        return error_page(400, "评分表有以下问题，未导入任何一项：" + "；".join(error.errors[:50]))
    panel = panels.rules(db, row["id"])
    if panel.active and not panels.is_member(panel, current_user.id):
        return error_page(403, _NOT_ON_PANEL)
    # an import is the importing evaluator's findings (with a panel) or the team's (without)
    stored = {(r["department_id"], tuple(r["path"])): r for r in store.evaluations.list_scores(
        db, row["id"], by=current_user.id if panel.active else None)}
    changes, closed = [], []
    for item in found:
        old = stored.get((ids[item.department], item.path))
        if old and old["value"] == item.value and old["evidence"] == item.evidence and not old.get("not_applicable"):
            continue
        if item.path in panel.closed:
            closed.append(f"{item.department}的“{'/'.join(item.path)}”")
        changes.append(item)
    if closed:
        return error_page(409, "以下指标已关闭，评分不能再改，未导入任何一项：" + "；".join(closed[:50]))
    try:
        with store.transaction(db):
            for item in changes:
                store.evaluations.set_score(db, row["id"], ids[item.department], item.path, item.value,
                                            item.evidence, current_user.id, shared=not panel.active)
    except store.StoreError as error:
        return error_page(409, f"{error}。未导入任何一项。")
    flash(f"已导入评分表：{len(found)} 行有得分，其中 {len(changes)} 项有改动。", "success")
    return redirect(url_for("evaluations.system", system_id=system_id))


MAX_SHEET_BYTES = 10 * 1024 * 1024


@bp.post("/systems/<int:system_id>/departments/<int:department_id>/score")
@evaluators
def score(system_id: int, department_id: int):
    """Enter or change a score: within 0..max, with evidence; recorded with old and new value. On a
    leaf scored automatically it overrides that score (人工认定); any leaf can be found 不适用, with
    a reason; `clear` gives an automatic leaf back to its source."""
    row = _system(system_id)
    department = _department(row, department_id)
    form = ScoreForm()
    system = evaluation_data.system_of(row)
    path = tuple(part for part in (form.path.data or "").split("/") if part)
    leaf = next((leaf for leaf in system.leaves() if leaf.path == path), None)
    if not form.validate_on_submit() or leaf is None or leaf.max is None:
        return _department_page(row, department, score_errors={"/".join(path): "请选择要评分的指标"}, status=400)
    key = "/".join(path)
    panel = panels.rules(get_db(), row["id"])
    if not panels.may_score(panel, current_user.id):
        return error_page(403, _NOT_ON_PANEL)
    if path in panel.closed:
        return error_page(409, f"指标“{key}”已关闭，评分不能再改；如需修改，请管理员先重新开放该指标。")
    if form.clear.data:
        try:
            store.evaluations.clear_score(get_db(), row["id"], department["id"], path, current_user.id,
                                          shared=not panel.active)
        except store.StoreError as error:
            return error_page(409, str(error))
        flash(f"“{key}”已恢复为自动评分。" if not panel.active else f"已撤回您对“{key}”的评分。", "success")
        return redirect(url_for("evaluations.department", system_id=system_id, department_id=department_id)
                        + "#scores")
    problems = []
    not_applicable = bool(form.not_applicable.data)
    raw = (form.value.data or "").strip()
    value = 0.0 if not_applicable else _score_value(raw, leaf.max)
    if value is None:
        problems.append(f"得分应为 0 到 {leaf.max:g} 之间的数，实际为“{raw}”")
    evidence = (form.evidence.data or "").strip()
    if not evidence:
        problems.append("请填写认定理由" if not_applicable or leaf.source != "manual" else "请填写评分依据")
    if problems or value is None:
        return _department_page(row, department, score_errors={key: "；".join(problems)}, status=400)
    try:
        old = store.evaluations.set_score(get_db(), row["id"], department["id"], path, round(value, 2), evidence,
                                          current_user.id, not_applicable=not_applicable, shared=not panel.active)
    except store.StoreError as error:  # closed since the check above
        return error_page(409, str(error))
    if not_applicable:
        change = "认定为不适用"
    else:
        change = f"由 {old:g} 分改为 {value:g} 分" if old is not None else f"评为 {value:g} 分"
    flash(f"“{key}”已{change}。", "success")
    return redirect(url_for("evaluations.department", system_id=system_id, department_id=department_id)
                    + "#scores")


@bp.post("/systems/<int:system_id>/departments/<int:department_id>/conclusion")
@evaluators
def conclusion(system_id: int, department_id: int):
    row = _system(system_id)
    department = _department(row, department_id)
    form = ConclusionForm()
    if not form.validate_on_submit():
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
        return _department_page(row, department, conclusion_form=form, status=400)
    store.evaluations.set_conclusion(get_db(), row["id"], department["id"], (form.text.data or "").strip(),
                                     current_user.id)
    flash("已保存评估结论。", "success")
    return redirect(url_for("evaluations.department", system_id=system_id, department_id=department_id)
                    + "#conclusion")


@bp.get("/systems/<int:system_id>/departments/<int:department_id>/report.docx")
@signed_in
def report_docx(system_id: int, department_id: int):
    """The department's evaluation report (.docx, radar chart embedded)."""
    row = _system(system_id)
    department = _department(row, department_id)
    outcome = _outcome(row)
    if department["name"] not in outcome.departments:
        abort(404)
    return download(evaluation_data.department_report(get_db(), outcome, department["name"]),
                     f"{department['name']}评估报告.docx", DOCX)



# --- expert panels (专家组) ---------------------------------------------------------------------------

def _leaf_path(system, raw: str | None) -> tuple[str, ...] | None:
    """The leaf a form names ("a/b/c"), or None if the system has no such leaf."""
    path = tuple(part for part in (raw or "").split("/") if part)
    return path if any(leaf.path == path for leaf in system.leaves()) else None


def _panel_campaign(row: dict, raw: str | None) -> dict | None:
    """The campaign (评估活动) on this system whose units the progress page is limited to (`?campaign=`),
    None when not asked; 404 for one that is absent, of another system or outside the scope."""
    if not raw:
        return None
    campaign = store.campaigns.get_campaign(get_db(), int(raw)) if raw.isdigit() and len(raw) < 19 else None
    if campaign is None or campaign["system_id"] != row["id"]:
        abort(404)
    scope.check(campaign["government_id"])
    return campaign


def _panel_url(row: dict) -> str:
    """Back to the progress page after closing or reopening, limited to the campaign it was."""
    raw = request.form.get("campaign") or ""
    if raw.isdigit():
        return url_for("evaluations.panel_progress", system_id=row["id"], campaign=raw)
    return url_for("evaluations.panel_progress", system_id=row["id"])


@bp.get("/systems/<int:system_id>/panel")
@signed_in
def panel_progress(system_id: int):
    """The panel's progress: per leaf and department who has scored and, once the leaf is closed
    (or without a panel), the combined score with its spread, flagged where evaluators disagree.
    With `?campaign=<id>`, only that campaign's units (a system may serve every department)."""
    row = _system(system_id)
    system = evaluation_data.system_of(row)
    campaign = _panel_campaign(row, request.args.get("campaign"))
    units = ({unit["department_id"] for unit in store.campaigns.list_units(get_db(), campaign["id"])}
             if campaign else None)
    rules, leaves = panels.progress(get_db(), row, system, current_user.id, units=units)
    closed = store.evaluations.closed_leaves(get_db(), row["id"])
    return render_template("evaluations/panel.html", row=row, rules=rules, leaves=leaves, closed=closed,
                           members=store.evaluations.get_panel(get_db(), row["id"])["members"],
                           is_admin=current_user.role == "admin", form=EmptyForm(),
                           can_score=_can_score(), campaign=campaign)


@bp.post("/systems/<int:system_id>/panel")
@admins
def set_panel(system_id: int):
    """The office names the panel (评估员 who see the government) and the disagreement threshold."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    db = get_db()
    raw = (request.form.get("threshold") or "").strip().rstrip("%％")
    try:
        percent = float(raw)
    except ValueError:
        percent = float("nan")
    errors = []
    if not 0 < percent <= 100:  # also refuses nan
        errors.append(f"分歧阈值应为 1 到 100 之间的百分数（满分的百分之几），实际为“{raw}”")
    current = {member["id"] for member in store.evaluations.get_panel(db, row["id"])["members"]}
    allowed = {user["id"] for user in panels.candidates(db, row["government_name"])} | current
    chosen = []
    for value in request.form.getlist("member"):
        if not value.isdigit() or int(value) not in allowed:
            errors.append("只能选择能查看本政府的、已启用的评估员账号")
            break
        chosen.append(int(value))
    if errors:
        return _system_page(row, None, errors, 400)
    store.evaluations.set_panel(db, row["id"], chosen, round(percent / 100, 4), current_user.id)
    flash(f"已保存评估专家组：{len(chosen)} 人，分歧阈值为满分的 {percent:g}%。" if chosen
          else "已取消评估专家组：评估员的评分即时计入（与设立专家组前相同）。", "success")
    return redirect(url_for("evaluations.system", system_id=row["id"]) + "#panel")


def _leaves_of_form(system) -> tuple[list[tuple[str, ...]], bool] | None:
    """The leaves a close/reopen form names: one (`path`) or all (`all`); None if neither."""
    if request.form.get("all"):
        return [leaf.path for leaf in system.leaves()], True
    path = _leaf_path(system, request.form.get("path"))
    return ([path], False) if path else None


@bp.post("/systems/<int:system_id>/close")
@admins
def close_leaves(system_id: int):
    """Close a leaf (or every leaf) for all departments: findings are final, and everyone sees the
    panel's scores and their combination. Recorded with who and when, and in the 操作记录."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    chosen = _leaves_of_form(evaluation_data.system_of(row))
    if chosen is None:
        return error_page(400, "请选择要关闭的指标。")
    paths, whole = chosen
    count = store.evaluations.close_leaves(get_db(), row["id"], paths, current_user.id, whole=whole)
    flash(f"已关闭 {count} 项指标的评分。" if count else "所选指标已是关闭状态。", "success")
    return redirect(_panel_url(row))


@bp.post("/systems/<int:system_id>/reopen")
@admins
def reopen_leaves(system_id: int):
    """Open closed leaves again, with a reason (evaluators may change their findings)."""
    row = _system(system_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    chosen = _leaves_of_form(evaluation_data.system_of(row))
    if chosen is None:
        return error_page(400, "请选择要重新开放的指标。")
    reason = (request.form.get("reason") or "").strip()[:1000]
    if not reason:
        return error_page(400, "请填写重新开放的理由。")
    count = store.evaluations.reopen_leaves(get_db(), row["id"], chosen[0], reason, current_user.id)
    flash(f"已重新开放 {count} 项指标的评分。" if count else "所选指标本来就未关闭。", "success")
    return redirect(_panel_url(row))


@bp.post("/systems/<int:system_id>/departments/<int:department_id>/resolve")
@admins
def resolve(system_id: int, department_id: int):
    """The office sets a leaf's final score (or finds it 不适用) with a reason; it overrides the
    panel's combination until withdrawn (`clear`). With a panel, only once the leaf is closed."""
    row = _system(system_id)
    department = _department(row, department_id)
    if not EmptyForm().validate_on_submit():
        return error_page(400)
    system = evaluation_data.system_of(row)
    path = _leaf_path(system, request.form.get("path"))
    if path is None:
        return error_page(400, "请选择要裁定的指标。")
    key = "/".join(path)
    rules = panels.rules(get_db(), row["id"])
    if rules.active and path not in rules.closed:
        return error_page(409, f"指标“{key}”尚未关闭：请先关闭该指标，看过各专家的评分后再裁定。")
    reason = (request.form.get("reason") or "").strip()[:2000]
    problems = [] if reason else ["请填写裁定理由"]
    back = url_for("evaluations.department", system_id=system_id, department_id=department_id) + "#scores"
    if request.form.get("clear"):
        if problems:
            return _department_page(row, department, score_errors={key: "请填写撤销裁定的理由"}, status=400)
        store.evaluations.clear_resolution(get_db(), row["id"], department["id"], path, reason, current_user.id)
        flash(f"已撤销“{key}”的裁定，恢复为专家组综合得分。", "success")
        return redirect(back)
    leaf = system.get(path)
    not_applicable = bool(request.form.get("not_applicable"))
    raw = (request.form.get("value") or "").strip()
    value = 0.0 if not_applicable else _score_value(raw, leaf.max or 0)
    if value is None:
        problems.insert(0, f"最终得分应为 0 到 {leaf.max:g} 之间的数，实际为“{raw}”")
    if problems or value is None:
        return _department_page(row, department, score_errors={key: "；".join(problems)}, status=400)
    store.evaluations.set_resolution(get_db(), row["id"], department["id"], path, round(value, 2), not_applicable,
                                     reason, current_user.id)
    flash(f"已裁定“{key}”" + ("不适用。" if not_applicable else f"最终得分为 {value:g} 分。"), "success")
    return redirect(back)
