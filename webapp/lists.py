"""The 清单 registers (职责边界清单, 审批监管清单, 属地管理清单) of a government, kept over years: the
working draft, change requests and their decisions, dated editions, the diff between editions, the
行业领域 index and the 一本通.

Everyone signed in reads (督查 and 12345 staff look matters up in the 一本通); 工作人员 and 管理员
propose changes (by hand, by .xlsx, from confirmed overlap findings); 管理员 decide them, publish
editions and keep the 行业领域 index. The rules are `survey.lists`, the SQL `webapp.store.lists`,
the glue `webapp.services.lists`. Every route names its government, which `government_or_404`
checks against the account's scope.
"""
from __future__ import annotations

from functools import cache

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from survey.lists.editions import DRAFT_LABEL, by_field, change_lines, edition_order, label
from survey.lists.kinds import KINDS, MAX_NAME, MAX_TEXT, Kind, ListsError, Matter
from survey.lists.search import MAX_QUERY, departments, search, terms
from survey.lists.sheets import template_xlsx

from . import store
from .access import admins, editors, signed_in
from .database import get_db
from .forms import choices, form_errors, stripped
from .overlaps import highlight
from .security import takes_files
from .services import lists as service
from .views import DOCX, XLSX, download, government_index, government_or_404

bp = Blueprint("lists", __name__, url_prefix="/lists")
KIND_RULE = "<any(" + ", ".join(KINDS) + "):kind>"


# --- forms ---------------------------------------------------------------------------------------

@cache
def matter_form_class(kind: Kind) -> type[FlaskForm]:
    """The form of a matter of `kind`: one field per column (named by its key), and the reason.
    Choices of 行业领域 and departments are the government's, set per request."""
    fields: dict = {}
    for column in kind.columns:
        own = kind.own_departments and column.type in ("department", "departments")
        if column.type == "name":
            fields[column.key] = StringField(column.header, filters=[stripped], validators=[
                Optional(), Length(max=MAX_NAME, message=f"{column.header}不超过 {MAX_NAME} 字")])
        elif column.type in ("field", "choice") or (own and column.type == "department"):
            fields[column.key] = SelectField(column.header, invalid_choice_message=f"请从列表中选择{column.header}")
        elif own:
            fields[column.key] = SelectMultipleField(column.header,
                                                     invalid_choice_message=f"{column.header}须是本政府的部门")
        elif column.several:
            fields[column.key] = StringField(column.header, filters=[stripped],
                                             validators=[Optional(), Length(max=2000)])
        else:
            fields[column.key] = TextAreaField(column.header, filters=[stripped], validators=[
                Optional(), Length(max=MAX_TEXT, message=f"{column.header}不超过 {MAX_TEXT} 字")])
    fields["reason"] = TextAreaField("变更理由", filters=[stripped], validators=[
        DataRequired("请填写变更理由"), Length(max=service.MAX_REASON, message="变更理由不超过 1000 字")])
    return type(f"{kind.key.title()}MatterForm", (FlaskForm,), fields)


def matter_form(kind: Kind, government: dict, matter: Matter | None = None, *, bound: bool = True) -> FlaskForm:
    """The form with the government's 行业领域 and departments; on GET (or unbound) it shows `matter`."""
    db = get_db()
    form = matter_form_class(kind)() if bound else matter_form_class(kind)(formdata=None)
    names = sorted(store.documents.department_ids(db, government["id"]))
    for column in kind.columns:
        field = form[column.key]
        if column.type == "field":
            field.choices = choices([("", "请选择"), *((name, name) for name in service.fields(db, government["id"]))])
        elif column.type == "choice":
            field.choices = choices([("", "请选择"), *((value, value) for value in column.choices)])
        elif isinstance(field, SelectMultipleField):
            field.choices = choices((name, name) for name in names)
        elif isinstance(field, SelectField):
            field.choices = choices([("", "请选择"), *((name, name) for name in names)])
    if matter is not None and (not bound or request.method == "GET"):
        for column in kind.columns:
            value = matter.values.get(column.key)
            form[column.key].data = value if isinstance(form[column.key], SelectMultipleField) else \
                matter.text(column.key)
    return form


def raw_values(kind: Kind, form: FlaskForm) -> dict:
    """What the form carries, as `survey.lists.kinds.check_matter` takes it."""
    return {column.key: form[column.key].data for column in kind.columns}


class ImportForm(FlaskForm):
    file = FileField("清单文件（.xlsx）")


class DecisionForm(FlaskForm):
    note = TextAreaField("审核意见", filters=[stripped], validators=[Optional(), Length(max=1000)])
    decision = StringField(validators=[Optional()])


class RemoveForm(FlaskForm):
    reason = TextAreaField("删除理由", filters=[stripped], validators=[
        DataRequired("请填写删除理由"), Length(max=1000, message="删除理由不超过 1000 字")])


class PublishForm(FlaskForm):
    title = StringField("版本名称（留空为“今年年份+年版”，如 2026年版）", filters=[stripped],
                        validators=[Optional(), Length(max=40, message="版本名称不超过 40 字")])
    note = TextAreaField("发布说明（可空）", filters=[stripped], validators=[Optional(), Length(max=1000)])


class FieldsForm(FlaskForm):
    names = TextAreaField("行业领域（每行一个，按此顺序编排一本通）", validators=[Length(max=5000)])


class RenameForm(FlaskForm):
    old = SelectField("原名称", invalid_choice_message="请选择索引中的行业领域")
    new = StringField("新名称", filters=[stripped], validators=[
        DataRequired("请填写新名称"), Length(max=30, message="行业领域名称不超过 30 字")])


# --- lookups -------------------------------------------------------------------------------------

def _register(government_id: int, kind_key: str) -> tuple[dict, Kind, int | None]:
    """(government, kind, register id or None while it has none); 404 for a government the account
    does not see."""
    government = government_or_404(government_id)
    return government, KINDS[kind_key], service.list_id(get_db(), government_id, KINDS[kind_key])


def _can_edit() -> bool:
    return current_user.role in ("admin", "staff")


def _is_admin() -> bool:
    return current_user.role == "admin"


def _back(government_id: int, kind: Kind, anchor: str = ""):
    return redirect(url_for("lists.register", government_id=government_id, kind=kind.key) + anchor)


def _refused(what: str, errors: list[str], government_id: int, kind: Kind):
    """The register's page with a 400 status, saying why nothing changed."""
    for message in errors:
        flash(f"{what}：{message}", "error")
    return _register_page(government_or_404(government_id), kind, 400)


# --- pages ---------------------------------------------------------------------------------------

@bp.get("/")
@signed_in
def index():
    """The governments; one government goes straight to its registers."""
    return government_index("清单（职责边界、审批监管、属地管理）", "lists.government")


@bp.get("/handbook/")
@signed_in
def handbook_index():
    """The governments, to open one's 一本通."""
    return government_index("职责边界一本通", "lists.handbook")


@bp.get("/<int:government_id>/")
@signed_in
def government(government_id: int):
    """The three registers of a government: draft, pending requests, latest edition."""
    government = government_or_404(government_id)
    return render_template("lists/government.html", government=government, kinds=KINDS.values(),
                           overview=store.lists.overview(get_db(), government_id), label=label)


def _pending_groups(kind: Kind, pending: list[dict]) -> list[tuple[int | None, list[dict]]]:
    """Pending requests by batch (single requests alone), each with its lines."""
    groups: dict[object, list[dict]] = {}
    for change in pending:
        change["lines"] = change_lines(kind, change["action"], change["old"], change["new"])
        groups.setdefault(change["batch"] or f"single-{change['id']}", []).append(change)
    return [(items[0]["batch"], items) for items in groups.values()]


@bp.get(f"/<int:government_id>/{KIND_RULE}/")
@signed_in
def register(government_id: int, kind: str):
    """A register: its working draft by 行业领域, the requests waiting for a decision, its editions."""
    government, found_kind, _register_id = _register(government_id, kind)
    return _register_page(government, found_kind)


def _register_page(government: dict, found_kind: Kind, status: int = 200):
    db = get_db()
    government_id = government["id"]
    register_id = service.list_id(db, government_id, found_kind)
    pending = store.lists.list_changes(db, register_id, status="pending") if register_id else []
    editions = store.lists.editions(db, register_id) if register_id else []
    matters = service.draft_matters(db, register_id)
    ordered = by_field(edition_order(matters, service.fields(db, government_id)))
    return render_template(
        "lists/register.html", government=government, kind=found_kind, groups=ordered, count=len(matters),
        pending=_pending_groups(found_kind, pending), pending_count=len(pending), editions=editions, label=label,
        can_edit=_can_edit(), is_admin=_is_admin(), import_form=ImportForm(), decision_form=DecisionForm(),
        publish_form=PublishForm(), action_names=store.lists.ACTIONS), status


@bp.route(f"/<int:government_id>/{KIND_RULE}/propose", methods=["GET", "POST"])
@editors
def propose(government_id: int, kind: str):
    """Propose a new matter (an admin decides it)."""
    government, found_kind, _register_id = _register(government_id, kind)
    form = matter_form(found_kind, government)
    status = 200
    if request.method == "POST":
        errors = [] if form.validate_on_submit() else form_errors(form)
        if not errors:
            try:
                service.propose_add(get_db(), government, found_kind, raw_values(found_kind, form),
                                    form.reason.data, current_user.id)
                flash(f"已提出新增“{form['matter'].data}”的申请，待管理员审核。", "success")
                return _back(government_id, found_kind, "#pending")
            except ListsError as error:
                errors = error.errors
        for message in errors:
            flash(f"未能提出：{message}", "error")
        status = 400
    return render_template("lists/propose.html", government=government, kind=found_kind, form=form), status


def _matter_or_404(register_id: int | None, matter_id: int) -> Matter:
    row = store.lists.get_matter(get_db(), register_id, matter_id) if register_id else None
    return service.matter_of(row or abort(404))


def _matter_page(government: dict, kind: Kind, register_id: int | None, matter: Matter, *, form=None,
                 remove_form=None, status: int = 200):
    history = store.lists.list_changes(get_db(), register_id, matter_id=matter.id) if register_id else []
    for change in history:
        change["lines"] = change_lines(kind, change["action"], change["old"], change["new"])
    return render_template(
        "lists/matter.html", government=government, kind=kind, matter=matter, history=history,
        form=form or matter_form(kind, government, matter, bound=False), remove_form=remove_form or RemoveForm(),
        can_edit=_can_edit(), action_names=store.lists.ACTIONS, status_names=store.lists.STATUSES), status


@bp.get(f"/<int:government_id>/{KIND_RULE}/matters/<int:matter_id>")
@signed_in
def matter(government_id: int, kind: str, matter_id: int):
    """One matter of the draft, its history of requests; editors propose changes here."""
    government, found_kind, register_id = _register(government_id, kind)
    return _matter_page(government, found_kind, register_id, _matter_or_404(register_id, matter_id))


@bp.post(f"/<int:government_id>/{KIND_RULE}/matters/<int:matter_id>/edit")
@editors
def propose_edit(government_id: int, kind: str, matter_id: int):
    """Propose new values for a matter, with the reason."""
    government, found_kind, register_id = _register(government_id, kind)
    current = _matter_or_404(register_id, matter_id)
    form = matter_form(found_kind, government, current)
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        try:
            service.propose_edit(get_db(), government, found_kind, matter_id, raw_values(found_kind, form),
                                 form.reason.data, current_user.id)
            flash(f"已提出修改“{current.name}”的申请，待管理员审核。", "success")
            return redirect(url_for("lists.matter", government_id=government_id, kind=kind, matter_id=matter_id))
        except ListsError as error:
            errors = error.errors
    for message in errors:
        flash(f"未能提出：{message}", "error")
    return _matter_page(government, found_kind, register_id, current, form=form, status=400)


@bp.post(f"/<int:government_id>/{KIND_RULE}/matters/<int:matter_id>/remove")
@editors
def propose_remove(government_id: int, kind: str, matter_id: int):
    """Propose removing a matter from the draft, with the reason."""
    government, found_kind, register_id = _register(government_id, kind)
    current = _matter_or_404(register_id, matter_id)
    form = RemoveForm()
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        try:
            service.propose_remove(get_db(), government, found_kind, matter_id, form.reason.data, current_user.id)
            flash(f"已提出删除“{current.name}”的申请，待管理员审核。", "success")
            return redirect(url_for("lists.matter", government_id=government_id, kind=kind, matter_id=matter_id))
        except ListsError as error:
            errors = error.errors
    for message in errors:
        flash(f"未能提出：{message}", "error")
    return _matter_page(government, found_kind, register_id, current, remove_form=form, status=400)


@bp.post(f"/<int:government_id>/{KIND_RULE}/import")
@editors
@takes_files
def import_xlsx(government_id: int, kind: str):
    """A filled-in list as one batch of requests: all rows or none, every bad row named."""
    government, found_kind, _register_id = _register(government_id, kind)
    form = ImportForm()
    back = url_for("lists.register", government_id=government_id, kind=kind)
    upload = form.file.data if form.validate_on_submit() else None
    if not upload or not getattr(upload, "filename", ""):
        return _import_errors(found_kind, ["请选择要导入的 .xlsx 文件"], back)
    data = upload.read(service.MAX_SHEET_BYTES + 1)
    try:
        result = service.import_sheet(get_db(), government, found_kind, data, upload.filename, current_user.id)
    except ListsError as error:
        return _import_errors(found_kind, error.errors, back)
    flash(f"导入 {upload.filename}：{result.text()}。", "success" if result.count else "info")
    return redirect(back + "#pending")


def _import_errors(kind: Kind, errors: list[str], back: str):
    return render_template("reform/import_errors.html", title=f"{kind.name}有误，未导入任何事项", errors=errors,
                           back=back), 400


@bp.post("/<int:government_id>/boundary/findings")
@editors
def from_findings(government_id: int):
    """Propose the confirmed overlap findings not yet in the 职责边界清单 (copying twice adds nothing)."""
    government, found_kind, _register_id = _register(government_id, "boundary")
    if not DecisionForm().validate_on_submit():
        return _refused("未能复制", ["表单已过期，请刷新页面后重试"], government_id, found_kind)
    result = service.copy_findings(get_db(), government, current_user.id)
    said = (f"从职责交叉复制：新增 {result.added} 项，已提出变更申请（第 {result.batch} 批），待管理员审核"
            if result.added else "从职责交叉复制：没有新的已确认事项")
    if result.unchanged:
        said += f"；{result.unchanged} 项已在清单中或已提出过，未重复"
    flash(said + "。", "success" if result.added else "info")
    for skipped in result.skipped:
        flash(f"未复制 {skipped}", "error")
    return _back(government_id, found_kind, "#pending")


@bp.get(f"/<int:government_id>/{KIND_RULE}/template.xlsx")
@signed_in
def template(government_id: int, kind: str):
    """The empty list to fill in, with the government's 行业领域 as a drop-down."""
    government, found_kind, _register_id = _register(government_id, kind)
    data = template_xlsx(found_kind, service.fields(get_db(), government_id))
    return download(data, f"{government['name']}{found_kind.name}导入模板.xlsx", XLSX)


@bp.get(f"/<int:government_id>/{KIND_RULE}/draft.xlsx")
@signed_in
def draft_xlsx(government_id: int, kind: str):
    """The working draft as .xlsx (imports back)."""
    government, found_kind, register_id = _register(government_id, kind)
    matters = edition_order(service.draft_matters(get_db(), register_id),
                                                  service.fields(get_db(), government_id))
    return download(service.export_xlsx(found_kind, matters, government, None),
                    service.file_name(government, found_kind, None, ".xlsx"), XLSX)


# --- deciding and publishing ---------------------------------------------------------------------

@bp.post(f"/<int:government_id>/{KIND_RULE}/changes/<int:change_id>/decide")
@admins
def decide(government_id: int, kind: str, change_id: int):
    """Approve (the draft changes now) or reject (with the reason) one request."""
    government, found_kind, register_id = _register(government_id, kind)
    if not register_id or store.lists.get_change(get_db(), register_id, change_id) is None:
        abort(404)  # a request of another register, like one that does not exist
    form = DecisionForm()
    approve = form.decision.data == "approve"
    if not form.validate_on_submit() or form.decision.data not in ("approve", "reject"):
        return _refused("未能审核", form_errors(form) or ["请选择批准或驳回"], government_id, found_kind)
    try:
        change = service.decide(get_db(), government, found_kind, change_id, approve, form.note.data or "",
                                current_user.id)
    except ListsError as error:
        return _refused("未能审核", error.errors, government_id, found_kind)
    verb = "批准" if approve else "驳回"
    flash(f"已{verb}{store.lists.ACTIONS[change['action']]}“{change['matter']}”的申请。", "success")
    return _back(government_id, found_kind, "#pending")


@bp.post(f"/<int:government_id>/{KIND_RULE}/batches/<int:number>/decide")
@admins
def decide_batch(government_id: int, kind: str, number: int):
    """Approve or reject every pending request of one import or copy together (all or none)."""
    government, found_kind, _register_id = _register(government_id, kind)
    form = DecisionForm()
    approve = form.decision.data == "approve"
    if not form.validate_on_submit() or form.decision.data not in ("approve", "reject"):
        return _refused("未能审核", form_errors(form) or ["请选择批准或驳回"], government_id, found_kind)
    try:
        count = service.decide_batch(get_db(), government, found_kind, number, approve, form.note.data or "",
                                     current_user.id)
    except ListsError as error:
        return _refused("未能审核（本批全部未变）", error.errors, government_id, found_kind)
    flash(f"已{'批准' if approve else '驳回'}第 {number} 批的 {count} 项申请。", "success")
    return _back(government_id, found_kind, "#pending")


@bp.post(f"/<int:government_id>/{KIND_RULE}/publish")
@admins
def publish(government_id: int, kind: str):
    """Freeze the working draft as the next dated edition."""
    government, found_kind, _register_id = _register(government_id, kind)
    form = PublishForm()
    if not form.validate_on_submit():
        return _refused("未能发布", form_errors(form), government_id, found_kind)
    try:
        edition = service.publish(get_db(), government, found_kind, current_user.id, title=form.title.data or "",
                                  note=form.note.data or "")
    except ListsError as error:
        return _refused("未能发布", error.errors, government_id, found_kind)
    flash(f"已发布{found_kind.name}{label(edition['number'], edition['title'])}，共 {edition['matter_count']} 项。",
          "success")
    return redirect(url_for("lists.edition", government_id=government_id, kind=kind, number=edition["number"]))


@bp.get(f"/<int:government_id>/{KIND_RULE}/changes")
@signed_in
def changes(government_id: int, kind: str):
    """The change log: every request with who proposed and decided it, when and why."""
    government, found_kind, register_id = _register(government_id, kind)
    status = request.args.get("status") if request.args.get("status") in store.lists.STATUSES else None
    found = store.lists.list_changes(get_db(), register_id, status=status) if register_id else []
    for change in found:
        change["lines"] = change_lines(found_kind, change["action"], change["old"], change["new"])
    return render_template("lists/changes.html", government=government, kind=found_kind, changes=found,
                           status=status, action_names=store.lists.ACTIONS, status_names=store.lists.STATUSES)


# --- editions --------------------------------------------------------------------------------------

def _edition_or_404(register_id: int | None, number: int) -> tuple[dict, list[Matter]]:
    edition = store.lists.get_edition(get_db(), register_id, number) if register_id else None
    if edition is None:
        abort(404)
    return edition, service.edition_matters(get_db(), edition)


@bp.get(f"/<int:government_id>/{KIND_RULE}/editions/<int:number>")
@signed_in
def edition(government_id: int, kind: str, number: int):
    """A published edition, frozen, by 行业领域 with an index."""
    government, found_kind, register_id = _register(government_id, kind)
    found, matters = _edition_or_404(register_id, number)
    return render_template("lists/edition.html", government=government, kind=found_kind, edition=found,
                           groups=by_field(matters), count=len(matters), label=label)


@bp.get(f"/<int:government_id>/{KIND_RULE}/editions/<int:number>.xlsx")
@signed_in
def edition_xlsx(government_id: int, kind: str, number: int):
    government, found_kind, register_id = _register(government_id, kind)
    found, matters = _edition_or_404(register_id, number)
    return download(service.export_xlsx(found_kind, matters, government, found),
                    service.file_name(government, found_kind, found, ".xlsx"), XLSX)


@bp.get(f"/<int:government_id>/{KIND_RULE}/editions/<int:number>.docx")
@signed_in
def edition_docx(government_id: int, kind: str, number: int):
    """An edition as a Word handbook (一本通) grouped by 行业领域."""
    government, found_kind, register_id = _register(government_id, kind)
    found, matters = _edition_or_404(register_id, number)
    return download(service.export_docx(found_kind, matters, government, found),
                    service.file_name(government, found_kind, found, ".docx"), DOCX)


def _refs(register_id: int | None) -> tuple[str, str]:
    """The editions (or the draft) the query string compares; by default the two latest, or the
    latest and the draft. 404 for a malformed one."""
    editions = store.lists.editions(get_db(), register_id) if register_id else []
    default_new = str(editions[0]["number"]) if len(editions) > 1 else service.DRAFT
    default_old = str(editions[1 if len(editions) > 1 else 0]["number"]) if editions else service.DRAFT
    refs = (request.args.get("from", default_old), request.args.get("to", default_new))
    if any(ref != service.DRAFT and not (ref.isdigit() and len(ref) < 9) for ref in refs):
        abort(404)
    return refs


@bp.get(f"/<int:government_id>/{KIND_RULE}/diff")
@signed_in
def diff(government_id: int, kind: str):
    """What changed between two editions (or an edition and the draft): added, removed, changed
    matters with each changed column."""
    government, found_kind, register_id = _register(government_id, kind)
    old_ref, new_ref = _refs(register_id)
    try:
        old, new, found = service.compare(get_db(), government, found_kind, old_ref, new_ref)
    except ListsError:
        abort(404)
    editions = store.lists.editions(get_db(), register_id) if register_id else []
    return render_template("lists/diff.html", government=government, kind=found_kind, diff=found, old=old, new=new,
                           old_ref=old_ref, new_ref=new_ref, editions=editions, label=label,
                           side_label=service.edition_label, draft=service.DRAFT, draft_label=DRAFT_LABEL)


@bp.get(f"/<int:government_id>/{KIND_RULE}/diff.xlsx")
@signed_in
def diff_xlsx(government_id: int, kind: str):
    government, found_kind, register_id = _register(government_id, kind)
    old_ref, new_ref = _refs(register_id)
    try:
        old, new, found = service.compare(get_db(), government, found_kind, old_ref, new_ref)
    except ListsError:
        abort(404)
    sides = f"{service.edition_label(old)}至{service.edition_label(new)}"
    name = f"{government['name']}{found_kind.name}变动（{sides}）.xlsx"
    return download(service.diff_xlsx(found_kind, government, old, new, found), name, XLSX)


# --- the 一本通 and the 行业领域 index ---------------------------------------------------------------

@bp.get("/<int:government_id>/handbook")
@signed_in
def handbook(government_id: int):
    """The 一本通: the latest published edition of each register, searched by department, 行业领域
    and keywords (read-only; made for phones too)."""
    government = government_or_404(government_id)
    entries, latest = service.handbook_entries(get_db(), government_id)
    args = request.args
    query = (args.get("q") or "").strip()[:MAX_QUERY]
    kind = args.get("kind") or ""
    wanted = {"kind": kind if kind in latest else "", "field": (args.get("field") or "")[:30],
              "department": (args.get("department") or "")[:60], "q": query}
    found = search(entries, department=wanted["department"], field=wanted["field"], kind=wanted["kind"], query=query)
    index = service.fields(get_db(), government_id)
    present = {entry.matter.field for entry in entries}
    field_choices = [name for name in index if name in present] + sorted(present - set(index))
    return render_template(
        "lists/handbook.html", government=government, entries=found, total=len(entries), latest=latest,
        kinds=KINDS, wanted=wanted, fields=field_choices, departments=departments(entries), label=label,
        groups=_grouped(found, field_choices), searched=any(wanted.values()),
        highlight=lambda text: highlight(text, terms(query)))


def _grouped(entries: list, order: list[str]) -> list[tuple[str, list]]:
    position = {name: index for index, name in enumerate(order)}
    groups: dict[str, list] = {}
    for entry in sorted(entries, key=lambda e: position.get(e.matter.field, len(order))):
        groups.setdefault(entry.matter.field, []).append(entry)
    return list(groups.items())


@bp.get("/<int:government_id>/fields")
@signed_in
def fields(government_id: int):
    """The 行业领域 index: its order is the 一本通's; admins edit it."""
    government = government_or_404(government_id)
    return _fields_page(government)


def _fields_page(government: dict, form: FieldsForm | None = None, rename: RenameForm | None = None,
                 status: int = 200):
    db = get_db()
    names = service.fields(db, government["id"])
    if form is None:
        form = FieldsForm(formdata=None)
        form.names.data = "\n".join(names)
    rename = rename or RenameForm(formdata=None)
    rename.old.choices = choices((name, name) for name in names)
    return render_template("lists/fields.html", government=government, names=names, form=form, rename=rename,
                           used=store.lists.used_fields(db, government["id"]),
                           saved=store.lists.field_names(db, government["id"]) is not None,
                           is_admin=_is_admin()), status


@bp.post("/<int:government_id>/fields")
@admins
def save_fields(government_id: int):
    """Save the index: one 行业领域 per line, in the 一本通's order."""
    government = government_or_404(government_id)
    form = FieldsForm()
    errors = [] if form.validate_on_submit() else form_errors(form)
    names = list(dict.fromkeys(line.strip() for line in (form.names.data or "").splitlines() if line.strip()))
    if not errors and not names:
        errors = ["至少保留一个行业领域"]
    errors += [f"“{name[:40]}”超过 30 字" for name in names if len(name) > 30]
    if not errors:
        try:
            store.lists.save_fields(get_db(), government_id, names, current_user.id)
            flash(f"已保存行业领域索引（{len(names)} 个）。", "success")
            return redirect(url_for("lists.fields", government_id=government_id))
        except store.StoreError as error:
            errors = [str(error)]
    for message in errors:
        flash(f"未能保存：{message}", "error")
    return _fields_page(government, form=form, status=400)


@bp.post("/<int:government_id>/fields/rename")
@admins
def rename_field(government_id: int):
    """Rename a 行业领域 in the index and in the draft (published editions keep their words)."""
    government = government_or_404(government_id)
    db = get_db()
    form = RenameForm()
    form.old.choices = choices((name, name) for name in service.fields(db, government_id))
    errors = [] if form.validate_on_submit() else form_errors(form)
    if not errors:
        try:
            renamed = store.lists.rename_field(db, government_id, service.fields(db, government_id), form.old.data,
                                               form.new.data, current_user.id)
            flash(f"已将“{form.old.data}”改名为“{form.new.data}”（工作稿中 {renamed} 项随之更改）。", "success")
            return redirect(url_for("lists.fields", government_id=government_id))
        except store.StoreError as error:
            errors = [str(error)]
    for message in errors:
        flash(f"未能改名：{message}", "error")
    return _fields_page(government, rename=form, status=400)


def init_app(app) -> None:
    app.register_blueprint(bp)
