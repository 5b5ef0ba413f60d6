"""Survey rounds for admins (管理员) and evaluators (评估员): create, edit, raters, links,
progress, closing, results and exports. Rater and public pages live in `webapp/rate/`."""
from __future__ import annotations

import io
import json
from datetime import datetime

from flask import Blueprint, abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from docproc.safe_output import save_workbook, scrubbed
from docproc.sheet_layout import lay_out
from survey.aggregate import TrimRule
from survey.dimensions import dimensions_text, parse_dimensions
from survey.raters import Rater, RaterListError, read_raters, singled_out, singled_out_warning
from survey.raw_responses import ExportRefused, raw_csv, raw_xlsx
from survey.results import HIDDEN_TEXT, results_xlsx
from survey.rounds import (
    DEFAULT_GROUPS,
    KINDS,
    Round,
    RoundError,
    groups_text,
    parse_groups,
    read_department_list,
    split_department_text,
)
from survey.scales import DEFAULTS, parse_scale, scale_text

from . import scope, store
from .access import admins, evaluators
from .database import get_db
from .errors import error_page
from .forms import EmptyForm, RaterImportForm, RoundForm
from .security import takes_files
from .services import surveys
from .views import download

bp = Blueprint("rounds", __name__, url_prefix="/rounds")
MAX_LIST_BYTES = 5 * 1024 * 1024


def init_app(app) -> None:
    app.jinja_env.globals.update(round_kind_names=KINDS, hidden_text=HIDDEN_TEXT)
    app.register_blueprint(bp)


def _round(round_id: int) -> dict:
    """The round a URL names, or a 404 page (absent, or of a government outside the scope)."""
    row = store.rounds.get_round(get_db(), round_id)
    if row is None:
        abort(404)
    scope.check(row["government_id"])
    return row



def base_url() -> str:
    """Where rater and public links point: SANDING_BASE_URL, else the address in use."""
    return (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")


def qr_svg(text: str, scale: int = 3) -> Markup:
    """A QR code as inline SVG (no script, allowed by the CSP)."""
    import segno
    return Markup(segno.make_qr(text, error="m").svg_inline(scale=scale, border=2, omitsize=True))


@bp.get("/")
@evaluators
def index():
    """Every round with its state and counts."""
    found = scope.rows(store.rounds.list_rounds(get_db()))
    for row in found:
        row["state"] = surveys.state(row)
        row["counts_sealed"] = not surveys.results_ready(row)
        if row["kind"] == "county" and row["progress_json"]:
            row["submitted"] = sum(unit["submitted"] for unit in json.loads(row["progress_json"]))
    return render_template("rounds/index.html", rounds=found)


def _departments(form: RoundForm, db) -> list[str]:
    source = form.department_source.data
    if source == "documents":
        government = store.documents.get_government_by_name(db, form.government.data)
        names = store.documents.government_department_names(db, government["id"]) if government else []
        if not names:
            raise RoundError(f"“{form.government.data}”还没有已解析的三定规定，请粘贴或上传部门名单")
        return names
    if source == "file":
        upload = request.files.get(form.departments_file.name)
        if not upload or not upload.filename:
            raise RoundError("请选择部门名单文件")
        data = upload.stream.read(MAX_LIST_BYTES + 1)
        if len(data) > MAX_LIST_BYTES:
            raise RoundError("部门名单文件太大")
        return read_department_list(data, upload.filename)
    return split_department_text(form.departments.data or "")


def _given(text: str | None, defaults: dict[str, str]) -> str:
    """What the admin typed, or "" when the box is empty or still holds another kind's default
    (the page fills in the 市县评作为 defaults; switching to 服务对象满意度 must not keep them)."""
    text = (text or "").strip()
    return "" if text in defaults.values() else text


def round_from_form(form: RoundForm, db) -> Round:
    """A validated Round from the form; RoundError (Chinese) when something is wrong."""
    kind = form.kind.data
    scale_given = _given(form.scale.data, {name: scale_text(DEFAULTS[name]).strip() for name in DEFAULTS})
    groups_given = _given(form.groups.data, {name: groups_text(DEFAULT_GROUPS[name]).strip()
                                              for name in DEFAULT_GROUPS})
    try:
        scale = parse_scale(scale_given, KINDS[kind]) if scale_given else DEFAULTS[kind]
    except ValueError as error:
        raise RoundError(str(error)) from None
    groups = parse_groups(groups_given) if groups_given else dict(DEFAULT_GROUPS[kind])
    try:
        dimensions = parse_dimensions(form.dimensions.data or "", scale)
    except ValueError as error:
        raise RoundError(str(error)) from None
    survey_round = Round(name=form.name.data, kind=kind, government=form.government.data,
                         year=form.year.data, departments=_departments(form, db),
                         opens=form.opens.data, closes=form.closes.data, scale=scale,
                         groups=groups, k_min=form.k_min.data,
                         trim=TrimRule(form.trim_count.data, form.trim_min.data),
                         anonymous=form.anonymous.data,
                         access_code=(form.access_code.data or None) if kind == "public" else None,
                         dimensions=dimensions)
    survey_round.validate()
    return survey_round


def _form_page(form: RoundForm, row: dict | None, status: int = 200):
    db = get_db()
    governments = scope.names(g["name"] for g in store.documents.list_governments(db))
    return render_template("rounds/form.html", form=form, row=row, governments=governments), status


@bp.route("/new", methods=["GET", "POST"])
@admins
@takes_files
def create():
    """Create a round: departments from the documents, a pasted list or a file."""
    form = RoundForm()
    if request.method == "GET":
        form.year.data = datetime.now().year
        form.groups.data = groups_text(DEFAULT_GROUPS["county"])
        form.scale.data = scale_text(DEFAULTS["county"])
    if not form.validate_on_submit():
        return _form_page(form, None, 400 if request.method == "POST" else 200)
    db = get_db()
    if not scope.sees_name((form.government.data or "").strip()):
        flash(f"只能为本账号范围内的政府（{scope.text()}）创建评议轮次。", "error")
        return _form_page(form, None, 400)
    try:
        survey_round = round_from_form(form, db)
    except RoundError as error:
        flash(str(error), "error")
        return _form_page(form, None, 400)
    government_id = store.documents.get_or_create_government(db, survey_round.government)
    round_id = store.rounds.create_round(db, government_id, surveys.encode_round(survey_round),
                                  current_user.id)
    flash(f"已创建评议轮次“{survey_round.name}”（{len(survey_round.departments)} 个部门）。", "success")
    return redirect(url_for("rounds.detail", round_id=round_id))


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@admins
@takes_files
def edit(round_id: int):
    """Change a round; what the stored responses depend on is fixed once there are any."""
    row = _round(round_id)
    survey_round = surveys.round_of(row)
    form = RoundForm()
    if request.method == "GET":
        form.name.data, form.kind.data, form.year.data = row["name"], row["kind"], row["year"]
        form.department_source.data = "list"
        form.departments.data = "\n".join(survey_round.departments)
        form.opens.data, form.closes.data = survey_round.opens, survey_round.closes
        form.groups.data = groups_text(survey_round.groups)
        form.scale.data = scale_text(survey_round.rating_scale)
        form.dimensions.data = dimensions_text(survey_round.dimensions, survey_round.rating_scale)
        form.k_min.data = row["k_min"]
        form.trim_count.data, form.trim_min.data = survey_round.trim.count, survey_round.trim.min_answers
        form.anonymous.data = bool(row["anonymous"])
        form.access_code.data = row["access_code"] or ""
    form.government.data = row["government_name"]  # the government of a round does not change
    if not form.validate_on_submit():
        return _form_page(form, row, 400 if request.method == "POST" else 200)
    db = get_db()
    try:
        changed = round_from_form(form, db)
        store.rounds.update_round(db, round_id, surveys.encode_round(changed), current_user.id)
    except (RoundError, store.StoreError) as error:
        flash(str(error), "error")
        return _form_page(form, row, 400)
    flash("已保存。", "success")
    return redirect(url_for("rounds.detail", round_id=round_id))


@bp.get("/<int:round_id>/")
@evaluators
def detail(round_id: int):
    """A round's settings, state and what can be done with it."""
    row = _round(round_id)
    db = get_db()
    return render_template("rounds/detail.html", row=row, round=surveys.round_of(row),
                           state=surveys.state(row), responses=store.rounds.response_count(db, round_id),
                           ready=surveys.results_ready(row),
                           raters=len(store.rounds.list_raters(db, round_id)), form=RaterImportForm(),
                           close_form=EmptyForm(), public_url=base_url() + f"/s/{row['public_key']}")


@bp.post("/<int:round_id>/raters")
@admins
@takes_files
def import_raters(round_id: int):
    """Import raters from .xlsx/.csv: all rows or none, bad rows named with row and column."""
    row = _round(round_id)
    if row["kind"] != "county":
        abort(404)
    form = RaterImportForm()
    upload = request.files.get(form.file.name)
    if not form.validate_on_submit() or not upload or not upload.filename:
        flash("请选择评议人名单文件（.xlsx 或 .csv）。", "error")
        return redirect(url_for("rounds.detail", round_id=round_id))
    survey_round = surveys.round_of(row)
    try:
        raters = read_raters(upload.stream.read(MAX_LIST_BYTES + 1), upload.filename,
                             survey_round.departments, list(survey_round.groups))
        ids = store.rounds.add_raters(get_db(), round_id, [
            {"name": r.name, "unit": r.unit, "group": r.group, "departments": r.departments}
            for r in raters], surveys.link_keys(current_app.config["SECRET_KEY"], row),
            current_user.id)
    except RaterListError as error:
        return render_template("rounds/import_errors.html", row=row, errors=error.errors), 400
    except store.StoreError as error:
        return render_template("rounds/import_errors.html", row=row, errors=[str(error)]), 400
    flash(f"已导入 {len(ids)} 名评议人。", "success")
    everyone = [Rater(r["name"], r["unit"], r["group_name"], r["departments"])
                for r in store.rounds.list_raters(get_db(), round_id)]
    exposed = singled_out(everyone, survey_round.departments, survey_round.k_min)
    if exposed:
        flash(singled_out_warning(exposed, survey_round.k_min), "error")
    return redirect(url_for("rounds.detail", round_id=round_id))


def _links(row: dict) -> list[dict]:
    return surveys.rater_links(get_db(), current_app.config["SECRET_KEY"], row, base_url())


@bp.get("/<int:round_id>/links.xlsx")
@admins
def links_xlsx(round_id: int):
    """Each rater's personal link (re-derived from the secret key) as an .xlsx sheet."""
    from openpyxl import Workbook
    row = _round(round_id)
    book = Workbook()
    sheet = book.active
    sheet.title = "评议链接"
    sheet.append(["组别", "单位", "姓名", "评议部门数", "链接"])
    departments = len(surveys.round_of(row).departments)
    for rater in scrubbed(_links(row)):
        sheet.append([rater["group_name"], rater["unit"], rater["name"],
                      len(rater["departments"]) or departments, rater["link"]])
    for column, width in zip("ABCDE", (16, 24, 12, 10, 70)):
        sheet.column_dimensions[column].width = width
    lay_out(sheet, header_row=1)
    buffer = io.BytesIO()
    save_workbook(book, buffer)
    return download(buffer.getvalue(), f"{row['name']}评议链接.xlsx")


# A card's QR code takes about 3 ms to make (a sheet of 200: 0.63 s, 462 KB): a round of
# 4,800 raters on one sheet would hold a server worker some 15 s for 11 MB of HTML.
# Links are handed out per unit anyway.
CARDS_PER_SHEET = 200


@bp.get("/<int:round_id>/links")
@admins
def links_sheet(round_id: int):
    """A printable A4 sheet: one card per rater with a QR code of the personal link;
    per unit (`?unit=`) and in pages of CARDS_PER_SHEET once a round has more raters."""
    row = _round(round_id)
    raters = _links(row)
    unit = request.args.get("unit")
    if unit is None and len(raters) > CARDS_PER_SHEET:
        return render_template("rounds/links_units.html", row=row, units=_unit_sheets(raters),
                               per_sheet=CARDS_PER_SHEET)
    if unit is not None:
        raters = [rater for rater in raters if rater["unit"] == unit]
        if not raters:
            return error_page(404, f"本轮没有单位为“{unit}”的评议人。")
    pages = _sheets(len(raters)) or 1
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= pages:
        return error_page(404, f"没有第 {page} 页：共 {pages} 页。")
    chosen = raters[(page - 1) * CARDS_PER_SHEET:page * CARDS_PER_SHEET]
    cards = [{**rater, "qr": qr_svg(rater["link"])} for rater in chosen]
    return render_template("rounds/links.html", row=row, cards=cards, unit=unit, page=page, pages=pages)


def _unit_sheets(raters: list[dict]) -> list[dict]:
    """Per unit, sorted by name: its groups, number of raters and printable pages."""
    units: dict[str, dict] = {}
    for rater in raters:
        unit = units.setdefault(rater["unit"], {"unit": rater["unit"], "groups": [], "raters": 0})
        unit["raters"] += 1
        if rater["group_name"] not in unit["groups"]:
            unit["groups"].append(rater["group_name"])
    for unit in units.values():
        unit["pages"] = _sheets(unit["raters"])
    return sorted(units.values(), key=lambda unit: unit["unit"])


def _sheets(cards: int) -> int:
    """How many pages of CARDS_PER_SHEET the cards fill."""
    return -(-cards // CARDS_PER_SHEET)


@bp.get("/<int:round_id>/qr")
@admins
def public_qr(round_id: int):
    """Printable QR codes of a public round: the round and each department (service windows)."""
    row = _round(round_id)
    if row["kind"] != "public":
        abort(404)
    from urllib.parse import quote
    base = base_url() + f"/s/{row['public_key']}"
    cards = [{"title": "全部部门", "link": base, "qr": qr_svg(base)}]
    for department in surveys.round_of(row).departments:
        link = f"{base}/{quote(department)}"
        cards.append({"title": department, "link": link, "qr": qr_svg(link)})
    return render_template("rounds/public_qr.html", row=row, cards=cards)


@bp.get("/<int:round_id>/progress")
@admins
def progress(round_id: int):
    """Counts per group and unit of raters who have and have not submitted; never ratings."""
    row = _round(round_id)
    found = surveys.progress(get_db(), current_app.config["SECRET_KEY"], row,
                             current_app.config["PROGRESS_MINUTES"])
    return render_template("rounds/progress.html", row=row, progress=found, state=surveys.state(row),
                           minutes=current_app.config["PROGRESS_MINUTES"])


@bp.post("/<int:round_id>/close")
@admins
def close(round_id: int):
    """Close the round now: links then show that the round has ended."""
    row = _round(round_id)
    if request.form.get("confirm") != "yes":
        flash("请先勾选“确认结束”。结束后不能再提交，也不能重新开启。", "error")
    elif EmptyForm().validate_on_submit():
        try:
            if surveys.close(get_db(), current_app.config["SECRET_KEY"], row, current_user.id):
                flash("本轮评议已结束。", "success")
        except store.StoreError as error:
            flash(str(error), "error")
    return redirect(url_for("rounds.detail", round_id=round_id))


def _chosen_groups(row: dict) -> list[str] | None:
    wanted = [g for g in request.args.getlist("group") if g]
    known = list(surveys.round_of(row).groups)
    chosen = [g for g in wanted if g in known]
    return chosen or None


def _results(row: dict, chosen: list[str] | None):
    try:
        return surveys.results(get_db(), current_app.config["SECRET_KEY"], row, chosen)
    except store.StoreError as error:
        abort(make_response(error_page(409, str(error))))


@bp.get("/<int:round_id>/results")
@evaluators
def results(round_id: int):
    """Results per department and group; 样本不足 wherever fewer than k answered."""
    row = _round(round_id)
    chosen = _chosen_groups(row)
    found = _results(row, chosen)
    return render_template("rounds/results.html", row=row, results=found, chosen=chosen or [],
                           all_groups=list(surveys.round_of(row).groups), state=surveys.state(row),
                           not_ready=surveys.NOT_READY)


@bp.get("/<int:round_id>/results.xlsx")
@evaluators
def results_export(round_id: int):
    """The results (same k rule, same group filter) as .xlsx."""
    row = _round(round_id)
    chosen = _chosen_groups(row)
    found = _results(row, chosen)
    if found is None:
        return error_page(409, surveys.NOT_READY)
    title = f"{row['name']}评议结果" + (f"（{'、'.join(chosen)}）" if chosen else "")
    return download(results_xlsx(found, title), f"{title}.xlsx")


@bp.get("/<int:round_id>/responses.<any(xlsx, csv):file_format>")
@evaluators
def raw_export(round_id: int, file_format: str):
    """The round's raw responses, one row per response and department, shuffled, without rater,
    order or time finer than the day (survey.raw_responses); refused (409, in Chinese) before the
    round has ended or where the k rule does not hold."""
    row = _round(round_id)
    try:
        found = surveys.raw_export(get_db(), current_app.config["SECRET_KEY"], row, current_user.id, file_format)
    except (ExportRefused, store.StoreError) as error:  # not ended, k not held; ballots that cannot be opened
        return error_page(409, str(error))
    title = f"{row['name']}原始答卷"
    if file_format == "csv":
        return download(raw_csv(found), f"{title}.csv", "text/csv; charset=utf-8")
    return download(raw_xlsx(found, title), f"{title}.xlsx")
