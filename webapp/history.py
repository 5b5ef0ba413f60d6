"""年度评估结果 (`/history/`): evaluators freeze an indicator system's results as a government's
results of a year (from the ranking page); everyone in the office reads the frozen years, a frozen
year's table, and two years compared (.xlsx too). A department's trend is on its archive page
(`trend_context`, used by webapp/archive.py).

The work is `webapp.services.history`, the rules `survey.evaluation.history`.
"""
from __future__ import annotations

from datetime import date
from typing import NoReturn

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from survey.evaluation.charts import svg_for_html
from survey.evaluation.history import MATCHING_NOTE, comparison_header, comparison_rows, rank_text, signed
from survey.evaluation.indicators import IndicatorError

from . import scope, store
from .access import evaluators, signed_in
from .database import get_db
from .errors import error_page
from .forms import EmptyForm
from .services import evaluations as evaluation_data
from .services import history as service
from .store import history as history_store
from .views import XLSX, download

bp = Blueprint("history", __name__, url_prefix="/history")
MAX_REASON = 500


def init_app(app) -> None:
    app.jinja_env.globals.update(history_this_year=lambda: date.today().year)
    app.jinja_env.filters.update(signed_change=signed, rank_change_text=rank_text)
    app.register_blueprint(bp)


def _refuse(answer) -> NoReturn:
    """Stop with an error page (`error_page`'s page and code)."""
    from flask import make_response
    abort(make_response(*answer))


def _snapshot(history_id: int) -> dict:
    row = history_store.get_snapshot(get_db(), history_id) or abort(404)
    scope.check(row["government_id"])
    return row


@bp.get("/")
@signed_in
def index():
    """The frozen years of each government the account sees."""
    db = get_db()
    snapshots = scope.rows(history_store.list_snapshots(db))
    governments = [g for g in scope.governments(store.documents.list_governments(db))
                   if g["name"] != store.documents.UNKNOWN_GOVERNMENT]
    systems = scope.rows(store.evaluations.list_systems(db))
    return render_template("history/index.html", snapshots=snapshots, governments=governments, systems=systems)


def _year_arg(name: str) -> int | None:
    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) != 4:
        _refuse(error_page(400, f"年度“{raw[:20]}”不对，请选择已冻结的年度"))
    return int(raw)


def _comparison(government: dict):
    """The comparison the query asks for (?from=&to=), by default the two newest frozen years;
    None when fewer than two years are frozen."""
    db = get_db()
    frozen = service.years(db, government["id"])
    old_year, new_year = _year_arg("from"), _year_arg("to")
    if old_year is None and new_year is None:
        if len(frozen) < 2:
            return None
        old_year, new_year = frozen[-2], frozen[-1]
    if old_year is None or new_year is None:
        _refuse(error_page(400, "请选择要对比的两个年度"))
    try:
        return service.comparison(db, government["id"], old_year, new_year)
    except service.HistoryError as error:
        _refuse(error_page(404 if "没有冻结" in str(error) else 400, str(error)))


@bp.get("/governments/<int:government_id>")
@signed_in
def government(government_id: int):
    """The government's frozen years and two of them compared: rank then and now, changes,
    departments new or gone."""
    found = scope.government_or_404(government_id)
    db = get_db()
    compared = _comparison(found)
    chart = None
    changed = [row for row in compared.rows if row.total_change is not None] if compared else []
    if compared and changed:
        from survey.evaluation.history_chart import change_chart
        chart = Markup(svg_for_html(change_chart([row.name for row in changed], [row.total_change or 0.0
                                                                                  for row in changed]),
                                    label=f"{compared.old_year}年至{compared.new_year}年总分变化"))
    return render_template("history/government.html", government=found, chart=chart,
                           snapshots=history_store.list_snapshots(db, government_id),
                           years=service.years(db, government_id), compared=compared,
                           header=comparison_header(compared) if compared else [],
                           table=comparison_rows(compared) if compared else [], matching_note=MATCHING_NOTE)


@bp.get("/governments/<int:government_id>/compare.xlsx")
@signed_in
def compare_xlsx(government_id: int):
    found = scope.government_or_404(government_id)
    compared = _comparison(found)
    if compared is None:
        _refuse(error_page(404, "冻结的年度不足两个，无法对比"))
    return download(service.comparison_workbook(found, compared),
                    f"{found['name']}{compared.old_year}-{compared.new_year}年评估结果对比.xlsx", XLSX)


@bp.get("/snapshots/<int:history_id>")
@signed_in
def snapshot(history_id: int):
    """One frozen year as it was frozen: total, rank, grade and first-level 得分率 per department."""
    row = _snapshot(history_id)
    versions = [s for s in history_store.list_snapshots(get_db(), row["government_id"]) if s["year"] == row["year"]]
    return render_template("history/snapshot.html", snapshot=row, versions=versions,
                           rows=history_store.snapshot_rows(get_db(), history_id))


@bp.post("/systems/<int:system_id>/freeze")
@evaluators
def freeze(system_id: int):
    """Freeze the system's results now as the government's results of a year (a second freeze of
    the year needs a correction reason and makes a new version)."""
    db = get_db()
    system_row = store.evaluations.get_system(db, system_id) or abort(404)
    scope.check(system_row["government_id"])
    government = store.documents.get_government(db, system_row["government_id"]) or abort(404)
    form = EmptyForm()
    if not form.validate_on_submit():
        return error_page(400, "表单已过期，请刷新页面后重试")
    if request.form.get("confirm") != "yes":
        return error_page(400, "冻结后不能修改：请勾选“确认冻结”后再提交")
    raw_year = (request.form.get("year") or "").strip()
    if not raw_year.isdigit() or len(raw_year) != 4:
        return error_page(400, f"请填写四位数的年度，如 {date.today().year}")
    reason = (request.form.get("correction") or "").strip() if request.form.get("correct") else ""
    if request.form.get("correct") and not reason:
        return error_page(400, "更正已冻结的年度须写明更正原因")
    if len(reason) > MAX_REASON:
        return error_page(400, f"更正原因不超过 {MAX_REASON} 字")
    try:
        frozen = service.freeze(db, government, system_row, int(raw_year), current_user.id,
                                secret=current_app.config["SECRET_KEY"], correction=reason)
    except service.HistoryError as error:
        return error_page(409 if "已经冻结" in str(error) else 400, str(error))
    except evaluation_data.EvaluationError as error:
        return error_page(400, str(error))
    except IndicatorError as error:
        return error_page(400, "指标体系有误：" + "；".join(error.errors))
    flash(f"已冻结{government['name']}{raw_year}年度评估结果（第 {frozen.version} 版）：{frozen.departments} 个部门，"
          f"其中 {frozen.ranked} 个有名次。冻结后不能修改。", "success")
    return redirect(url_for("history.snapshot", history_id=frozen.snapshot_id))


def trend_context(department: dict) -> dict:
    """What a department's page shows of its frozen years: the trend with 同比 and its chart."""
    from survey.evaluation.history_chart import trend_chart

    found = service.department_history(get_db(), department)
    chart = None
    if found.points:
        chart = Markup(svg_for_html(trend_chart(found.points), css_class="chart trend-chart",
                                    label=f"{department['name']}历年总分趋势"))
    return {"history": found, "trend_chart": chart}
