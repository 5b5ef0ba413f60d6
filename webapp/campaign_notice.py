"""The 通报 and the units' 反馈意见 at the end of a campaign (`/campaigns/<id>/notice`): a page with the
options (发文字号, 主送, 发文机关, 成文日期, 分数线, 版头) and a preview of what the 通报 will say, and
the downloads — the 通报 .docx, one unit's letter, every letter in a .zip.

Nothing is stored: the options travel in the query string of a GET form (so a download is a link
that can be opened again with the same options, and needs no CSRF token — it changes nothing).
管理员, 评估员 and 工作人员 may open and download; the campaign's government is checked against the
account's scope like every campaign page (another government's campaign or unit is a 404).
"""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Optional

from survey.campaigns.notice import (
    GRADES,
    Bands,
    NoticeError,
    NoticeOptions,
    default_title,
    letter_docx,
    letter_file_name,
    letters_zip,
    notice_docx,
    readiness,
    typical_problems,
)

from . import scope, store
from .access import roles_required
from .database import get_db
from .forms import ChineseDateField, choices, stripped
from .services import campaign_notice as service
from .views import DOCX, download

bp = Blueprint("campaign_notice", __name__, url_prefix="/campaigns")
office = roles_required("admin", "evaluator", "staff")  # not units or raters: the 通报 names every unit
ZIP = "application/zip"
HEADERS = {"red": "印红头（发文机关标志、发文字号和红色分隔线）",
           "plain": "不印红头（套印在已印好版头的公文纸上，或只作内部传阅）"}


class NoticeForm(FlaskForm):
    """The 通报's options; a GET form (no CSRF token: it changes nothing)."""

    class Meta:
        csrf = False

    number = StringField("发文字号（如 示编办〔2026〕12号，可不填）", filters=[stripped], validators=[Optional()])
    addressee = StringField("主送机关", filters=[stripped])
    issuer = StringField("发文机关署名", filters=[stripped])
    issued_on = ChineseDateField("成文日期", validators=[Optional()])
    title = StringField("标题（留空：关于……情况的通报）", filters=[stripped], validators=[Optional()])
    contact = StringField("联系人及电话（附注，可不填）", filters=[stripped], validators=[Optional()])
    excellent = StringField("优秀（分及以上）", filters=[stripped])
    good = StringField("良好（分及以上）", filters=[stripped])
    fair = StringField("一般（分及以上，以下为较差）", filters=[stripped])
    header = SelectField("版头", choices=choices(HEADERS.items()), invalid_choice_message="请选择是否印红头")


def _campaign_or_404(campaign_id: int) -> dict:
    """The campaign a URL names, or a 404 page (absent, or of a government outside the scope)."""
    campaign = store.campaigns.get_campaign(get_db(), campaign_id) or abort(404)
    scope.check(campaign["government_id"])
    return campaign


def _form(campaign: dict) -> NoticeForm:
    """The form from the query string; every field left out takes its default."""
    form = NoticeForm(formdata=request.args if request.args else None)
    defaults = service.default_options(campaign)
    for name, value in (("addressee", defaults.addressee), ("issuer", defaults.issuer),
                        ("excellent", f"{defaults.bands.excellent:g}"), ("good", f"{defaults.bands.good:g}"),
                        ("fair", f"{defaults.bands.fair:g}"), ("header", "red")):
        if name not in request.args:
            getattr(form, name).data = value
    if "issued_on" not in request.args:
        form.issued_on.data = defaults.issued_on
    return form


def _line(raw: str | None, label: str, errors: list[str]) -> float:
    try:
        return float(raw or "")
    except ValueError:
        errors.append(f"{label}分数线应为数字，如 90")
        return 0.0


def _options(form: NoticeForm) -> tuple[NoticeOptions | None, list[str]]:
    """The options of a submitted form, or the Chinese reasons they are refused."""
    errors = [] if form.validate() else [e for field_errors in form.errors.values() for e in field_errors]
    lines = [_line(getattr(form, name).data, grade, errors)
             for name, grade in zip(("excellent", "good", "fair"), GRADES)]
    if errors:
        return None, errors
    options = NoticeOptions(issuer=form.issuer.data or "", issued_on=form.issued_on.data or date.today(),
                            addressee=form.addressee.data or "", number=form.number.data or "",
                            red_header=form.header.data != "plain", title=form.title.data or "",
                            contact=form.contact.data or "", bands=Bands(*lines))
    problems = options.problems()
    return (None, problems) if problems else (options, [])


def _facts(campaign: dict, options: NoticeOptions | None):
    """The campaign's facts with the options' bands (the defaults when the options are refused)."""
    try:
        return service.facts(get_db(), campaign, options.bands if options else Bands(),
                             secret=current_app.config["SECRET_KEY"]), []
    except NoticeError as error:
        return None, error.errors


def _page(campaign: dict, form: NoticeForm, status: int = 200, errors: list[str] | None = None):
    """The options, what stops a 通报 (no system, no units, no unit scored) and a preview."""
    options, option_errors = _options(form) if request.args else (service.default_options(campaign), [])
    facts, not_ready = _facts(campaign, options)
    not_ready = not_ready or (readiness(facts) if facts else [])
    db = get_db()
    unit_ids = {row["name"]: row["department_id"] for row in store.campaigns.list_units(db, campaign["id"])}
    return render_template(
        "campaigns/notice.html", campaign=campaign, form=form, errors=errors if errors is not None else option_errors,
        not_ready=not_ready, facts=facts, groups=typical_problems(facts) if facts else [],
        title=(options.title if options and options.title else default_title(facts)) if facts else "",
        bands=(options.bands if options else Bands()).describe(), unit_ids=unit_ids,
        query=request.query_string.decode("ascii", "replace")), status


@bp.get("/<int:campaign_id>/notice")
@office
def page(campaign_id: int):
    """The 通报's options and a preview: ranking with grades, problems by category, each unit's
    letter (score, feedback written or not, 整改 entries and their due dates)."""
    campaign = _campaign_or_404(campaign_id)
    return _page(campaign, _form(campaign))


def _document(campaign: dict, write):
    """`write(facts, options)` for the options asked, or the page naming what is wrong (400)."""
    form = _form(campaign)
    options, errors = _options(form)
    facts = None
    if options is not None:
        facts, errors = _facts(campaign, options)
    if facts is not None and options is not None:
        try:
            return write(facts, options)
        except NoticeError as error:
            errors = error.errors
    return _page(campaign, form, 400, errors)


@bp.get("/<int:campaign_id>/notice.docx")
@office
def notice(campaign_id: int):
    """The 通报 (.docx, 公文 format)."""
    campaign = _campaign_or_404(campaign_id)
    return _document(campaign, lambda facts, options: download(
        notice_docx(facts, options), f"{campaign['government_name']}{campaign['name']}通报.docx", DOCX))


@bp.get("/<int:campaign_id>/letters.zip")
@office
def letters(campaign_id: int):
    """Every unit's 反馈意见, one .docx each, in a .zip (why not one .docx: `letters_zip`)."""
    campaign = _campaign_or_404(campaign_id)
    return _document(campaign, lambda facts, options: download(
        letters_zip(facts, options), f"{campaign['government_name']}{campaign['name']}反馈意见.zip", ZIP))


@bp.get("/<int:campaign_id>/units/<int:department_id>/letter.docx")
@office
def letter(campaign_id: int, department_id: int):
    """One unit's 反馈意见 (.docx)."""
    campaign = _campaign_or_404(campaign_id)
    unit = store.campaigns.get_unit(get_db(), campaign_id, department_id) or abort(404)
    return _document(campaign, lambda facts, options: download(
        letter_docx(facts, unit["name"], options),
        letter_file_name(1 + [u.unit for u in facts.ordered()].index(unit["name"]), unit["name"]), DOCX))


def init_app(app) -> None:
    app.register_blueprint(bp)
