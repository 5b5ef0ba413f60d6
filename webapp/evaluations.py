"""Evaluator pages (评估): indicator systems, the department page, scores, ranking, exports.

Everyone signed in may read (工作人员 view only); 评估员 and 管理员 create and edit
systems, enter scores and write conclusions. Every score change is recorded
(score_changes and the audit log).
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

from survey.evaluation.ahp import METHOD as AHP_METHOD
from survey.evaluation.ahp import RI_TABLE_NAME, AhpError
from survey.evaluation.ahp import _number as ahp_number
from survey.evaluation.charts import bar_chart, radar_chart, svg_for_html
from survey.evaluation.indicators import TEMPLATES, IndicatorError, from_xlsx, system_to_dict, to_xlsx

from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .errors import error_page
from .forms import EmptyForm, choices
from .security import takes_files
from .services import evaluations as evaluation_data
from .views import DOCX, XLSX, download

bp = Blueprint("evaluations", __name__, url_prefix="/evaluations")
TEMPLATE_NAMES = {"seven": "机构改革评估七项指标", "city": "市直部门六个方面"}
MAX_XLSX_BYTES = 5 * 1024 * 1024
SOURCE_NAMES = {"manual": "评估员打分", "overlaps": "职责交叉扣分", "staffing": "人员编制核对（全部）",
                "staffing:divisions": "人员编制核对：内设机构数量", "staffing:leaders": "人员编制核对：领导职数",
                "reform": "大科室规则核对", "roll": "实名制核对（超编和超职数）", "roll:posts": "实名制核对：超编",
                "roll:leaders": "实名制核对：超职数"}


class SystemForm(FlaskForm):
    government = SelectField("政府")
    template = SelectField("模板", choices=choices([(key, name) for key, name in TEMPLATE_NAMES.items()]
                                                  + [("xlsx", "导入 .xlsx 文件")]))
    name = StringField("名称（留空用模板名称）", validators=[Optional(), Length(max=100)])


class ConclusionForm(FlaskForm):
    text = TextAreaField("评估结论", validators=[Length(max=10_000, message="评估结论不超过 10000 字")])


class ScoreForm(FlaskForm):
    path = StringField(validators=[DataRequired(), Length(max=1000)])
    value = StringField("得分", validators=[Length(max=20)])
    evidence = TextAreaField("评分依据", validators=[Length(max=4000, message="评分依据不超过 4000 字")])
    not_applicable = BooleanField("不适用")
    clear = BooleanField("恢复自动评分")


def init_app(app) -> None:
    app.jinja_env.globals.update(source_names=SOURCE_NAMES)
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
                                                    current_user.id, template=form.template.data)
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
    choices = source_choices(get_db(), row["government_id"], [leaf.source for leaf in system.leaves()])
    return render_template(
        "evaluations/system.html", row=row, system=system, groups=groups, errors=errors or [],
        can_score=_can_score(), form=EmptyForm(), source_label=source_label, ahp_values=ahp_values or {},
        source_choices=choices,
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
            if indicator.source == "overlaps":
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
    return render_template(
        "evaluations/department.html", row=row, department=department, outcome=outcome, evaluation=evaluation,
        radar=radar, document=document, findings=findings, conclusion=conclusion,
        conclusion_form=conclusion_form, entries=entries, today=date.today().isoformat(),
        changes=store.evaluations.score_changes(db, row["id"], department["id"]),
        surveys=_survey_rows(outcome, department["name"]), can_score=_can_score(),
        score_errors=score_errors or {}, form=EmptyForm(),
        source_label=lambda source: source_label(source, {n: name for n, (name, _) in outcome.rounds.items()}),
        open_overlaps=outcome.inputs[department["name"]].open_overlaps), status


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
    stored = {tuple(r["path"]): r for r in store.evaluations.list_scores(db, row["id"], department["id"])}
    leaves = [leaf for leaf in system.leaves() if leaf.source == "manual"]
    typed, errors = {}, {}
    if request.method == "POST":
        if not EmptyForm().validate_on_submit():
            abort(400)
        changes = []
        for number, leaf in enumerate(leaves):
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
            for path, value, evidence in changes:
                store.evaluations.set_score(db, row["id"], department["id"], path, value, evidence, current_user.id)
            flash(f"已保存 {len(changes)} 项得分。" if changes else "没有改动。", "success")
            return redirect(url_for("evaluations.department", system_id=system_id, department_id=department_id)
                            + "#scores")
    entries = []
    for number, leaf in enumerate(leaves):
        old = stored.get(leaf.path)
        value, evidence = typed.get(number, ("%g" % old["value"] if old else "", old["evidence"] if old else ""))
        entries.append({"number": number, "leaf": leaf, "value": value, "evidence": evidence,
                        "error": errors.get(number)})
    outcome = _outcome(row)
    # the leaves scored automatically that still lack data keep the department unranked: say so here
    waiting = [leaf for leaf in outcome.of(department["name"]).indicators
               if leaf.source != "manual" and leaf.score is None and not leaf.not_applicable] \
        if department["name"] in outcome.departments else []
    return render_template("evaluations/sheet.html", row=row, department=department, entries=entries,
                           form=EmptyForm(), errors=len(errors), waiting=waiting), 400 if errors else 200


@bp.get("/systems/<int:system_id>/scores.xlsx")
@evaluators
def score_sheet(system_id: int):
    """Every department's manual leaves as one sheet (what is scored so far filled in)."""
    from survey.evaluation.score_sheet import write_sheet
    row = _system(system_id)
    db = get_db()
    names = store.documents.government_department_names(db, row["government_id"])
    ids = store.documents.department_ids(db, row["government_id"])
    by_id = {number: name for name, number in ids.items()}
    scores = {(by_id[r["department_id"]], tuple(r["path"])): (r["value"], r["evidence"])
              for r in store.evaluations.list_scores(db, row["id"]) if r["department_id"] in by_id
              and not r.get("not_applicable")}
    return download(write_sheet(evaluation_data.system_of(row), names, scores), f"{row['name']}评分表.xlsx", XLSX)


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
    names = store.documents.government_department_names(db, row["government_id"])
    try:
        found = read_sheet(data, upload.filename, evaluation_data.system_of(row), names)
    except ScoreSheetError as error:
        return error_page(400, "评分表有以下问题，未导入任何一项：" + "；".join(error.errors[:50]))
    ids = store.documents.department_ids(db, row["government_id"])
    stored = {(r["department_id"], tuple(r["path"])): r for r in store.evaluations.list_scores(db, row["id"])}
    changed = 0
    for item in found:
        old = stored.get((ids[item.department], item.path))
        if old and old["value"] == item.value and old["evidence"] == item.evidence and not old.get("not_applicable"):
            continue
        store.evaluations.set_score(db, row["id"], ids[item.department], item.path, item.value, item.evidence,
                                    current_user.id)
        changed += 1
    flash(f"已导入评分表：{len(found)} 行有得分，其中 {changed} 项有改动。", "success")
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
    if form.clear.data:
        store.evaluations.clear_score(get_db(), row["id"], department["id"], path, current_user.id)
        flash(f"“{key}”已恢复为自动评分。", "success")
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
    old = store.evaluations.set_score(get_db(), row["id"], department["id"], path, round(value, 2), evidence,
                                      current_user.id, not_applicable=not_applicable)
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

