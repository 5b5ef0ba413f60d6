"""Pages without login: a rater's personal link /r/<token> and the public survey /s/<key>.

Phone first (375 px, WeChat's browser): plain forms, large tap targets, no
script needed. The token travels only in the URL path, never in a form
field. Every accepted answer is committed before the thank-you page is sent.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from typing import Any

from flask import Blueprint, abort, current_app, g, make_response, redirect, render_template, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer

from survey.responses import MAX_COMMENT, AnswerError, check_answers, check_dimension_answers, stored
from survey.rounds import Round

from .. import store
from ..access import public, rater
from ..database import checkpoint_soon, get_db
from ..errors import error_page
from ..services import surveys
from . import form_tokens, page_cache, rating_fields
from .no_login_session import NoLoginPagesSessionInterface

bp = Blueprint("rate", __name__)
RESPONDENT_COOKIE = "sanding_respondent"
RESPONDENT_DAYS = 180


@bp.get("/healthz")
@public
def healthz():
    """A trivial endpoint (load balancers, and the ceiling in bench/survey_load.py)."""
    return "ok"


# --- 市县评作为: personal links ----------------------------------------------------

def _rater_page(token: str) -> tuple[dict, dict]:
    """The token's rater and round, or an error page (404 unknown)."""
    if len(token) > 128:
        abort(make_response(_unknown()))
    found = surveys.find_link(get_db(), token)
    if found is None:
        abort(make_response(_unknown()))
    return found


def _unknown():
    return error_page(404, "评议链接无效：请核对链接是否完整，或联系组织评议的单位重新获取。")


def _not_open(row: dict, state: str):
    """A clear page for a round that has not started (403) or has ended (410)."""
    if state == "未开始":
        return render_template("rate/closed.html", row=row, title="评议尚未开始",
                               message=f"本轮评议将于 {row['opens'].replace('T', ' ')[:16]} 开始，"
                                       "请届时再打开此链接。"), 403
    return render_template("rate/closed.html", row=row, title="评议已结束",
                           message="本轮评议已经结束，不再接受评议。感谢您的关注。"), 410


def _draft(saved: list[dict]) -> tuple[dict, dict]:
    """Ratings and comments by department of a saved draft: a rating is a label, or in a round
    with dimensions the labels by dimension."""
    return ({a["department"]: a.get("ratings") or a["label"] for a in saved if a.get("ratings") or a.get("label")},
            {a["department"]: a.get("comment", "") for a in saved if a.get("comment")})


def _stored(answers) -> list[dict]:
    return [stored(answer) for answer in answers]


def _read_form(survey_round: Round, departments: list[str]) -> tuple[dict, dict]:
    """Ratings and comments by department from the rater form (see rating_fields)."""
    if survey_round.dimensions:
        return rating_fields.read_dimensions(request.form.items(), departments,
                                             [(d.name, d.scale.labels()) for d in survey_round.dimensions])
    return rating_fields.read(request.form.items(), departments, survey_round.rating_scale.labels())


def _check(survey_round: Round, departments: list[str], ratings: dict, comments: dict, *, require_all: bool):
    """The answers of a form (survey.responses), with or without dimensions; AnswerError if wrong."""
    if survey_round.dimensions:
        return check_dimension_answers(survey_round.dimensions, departments, ratings, comments,
                                       require_all=require_all)
    return check_answers(survey_round.rating_scale, departments, ratings, comments, require_all=require_all)


@bp.route("/r/<token>", methods=["GET", "POST"])
@rater
def rate(token: str):
    """The rater's form: their departments only; save a draft, or submit once."""
    found, row = _rater_page(token)
    if found["used"]:
        if request.method == "GET":
            return render_template("rate/received.html", row=row)
        return error_page(410, "此链接已经提交过评议，每个链接只能提交一次。您的评议已收到，感谢参与！")
    survey_round = page_cache.round_of(row)
    state = surveys.state(row, survey_round=survey_round)
    if state != "进行中":
        return _not_open(row, state)
    departments = found["rater_departments"] or survey_round.departments
    binding = found["token_hash"]
    if request.method == "GET":
        return _form(row, survey_round, departments, binding, *_draft(found["draft"]),
                     saved=request.args.get("saved") == "1")
    form_tokens.verify(binding, request.form.get("csrf_token"))
    layout = rating_fields.layout(survey_round)
    if request.form.get(rating_fields.VERSION_FIELD) != rating_fields.version(departments, layout):
        return _form(row, survey_round, departments, binding, *_draft(found["draft"]),
                     error="评议表已经调整（部门或评价选项有变化），请按下面的评议表重新填写后提交。"), 409
    submitting = request.form.get("action") == "submit"
    try:
        ratings, comments = _read_form(survey_round, departments)
    except AnswerError as error:  # a forged field: nothing of this form is shown back
        return _form(row, survey_round, departments, binding, *_draft(found["draft"]), error=str(error)), 400
    try:
        answers = _check(survey_round, departments, ratings, comments, require_all=submitting)
    except AnswerError as error:
        return _form(row, survey_round, departments, binding, ratings, comments, error=str(error)), 400
    if any(len(c.strip()) > MAX_COMMENT for c in comments.values()):
        return _form(row, survey_round, departments, binding, ratings, comments,
                     error=f"意见建议每条不超过 {MAX_COMMENT} 字，请精简后再保存"), 400
    db = get_db()
    if not submitting:
        rated = {answer.department for answer in answers}
        unrated: dict = {"ratings": {}} if survey_round.dimensions else {"label": ""}
        drafts = _stored(answers) + [{"department": d, **unrated, "comment": c.strip()}
                                     for d, c in comments.items() if c.strip() and d not in rated]
        if not surveys.save_draft(db, token, drafts):
            return error_page(410, "此链接已经提交过评议，不能再保存草稿。")
        return redirect(url_for("rate.rate", token=token, saved=1), 303)
    outcome = surveys.submit(db, current_app.config["SECRET_KEY"], row, token, found["group_name"],
                             _stored(answers))
    if outcome == "ok":
        checkpoint_soon()
        return redirect(url_for("rate.rate", token=token), 303)
    if outcome == "closed":
        return _not_open(row, "已结束")
    return error_page(410, "此链接已经提交过评议，每个链接只能提交一次。您的评议已收到，感谢参与！")


def _form(row, survey_round, departments, binding, ratings, comments, *, error=None, saved=False):
    context = dict(row=row, scale=survey_round.rating_scale, dimensions=survey_round.dimensions,
                   departments=departments, ratings=ratings, comments=comments, error=error, saved=saved,
                   max_comment=MAX_COMMENT,
                   version=rating_fields.version(departments, rating_fields.layout(survey_round)))
    token = form_tokens.issue(binding)
    if ratings or comments or error:
        return render_template("rate/form.html", form_token=token, **context)
    return page_cache.render((page_cache.round_key(row), tuple(departments), saved), "rate/form.html",
                             form_token=token, **context)


# --- 服务对象满意度: public links -----------------------------------------------------

class RateLimiter:
    """At most `limit` events per address in `window` seconds (in this worker process)."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit, self.window = limit, window
        self._events: dict[str, deque] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        if self.limit <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            if len(self._events) > 100_000:  # forget idle addresses
                self._events = {a: q for a, q in self._events.items() if q and q[-1] > now - self.window}
            events = self._events.setdefault(address, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


def init_app(app) -> None:
    app.extensions["sanding_rate_limiter"] = RateLimiter(int(app.config["PUBLIC_RATE_LIMIT"]))
    app.extensions["sanding_respondent_serializer"] = URLSafeSerializer(app.config["SECRET_KEY"],
                                                                        salt="sanding-respondent")
    app.session_interface = NoLoginPagesSessionInterface()
    app.extensions["csrf"].exempt(bp)  # no session here: form_tokens checks each form
    app.register_blueprint(bp)


def _serializer() -> URLSafeSerializer:
    return current_app.extensions["sanding_respondent_serializer"]


def _respondent_id() -> str:
    """The respondent's random id from the signed cookie (a new one if absent or forged)."""
    value = request.cookies.get(RESPONDENT_COOKIE)
    if value:
        try:
            return str(_serializer().loads(value))
        except BadSignature:
            pass
    if "respondent_id" not in g:
        g.respondent_id = secrets.token_urlsafe(16)
    return g.respondent_id


def _with_cookie(response, respondent: str):
    response = make_response(response)
    if request.cookies.get(RESPONDENT_COOKIE) is None or "respondent_id" in g:
        response.set_cookie(RESPONDENT_COOKIE, _serializer().dumps(respondent),
                            max_age=RESPONDENT_DAYS * 86400, httponly=True, samesite="Lax",
                            secure=bool(current_app.config.get("HTTPS")))
    return response


def guard_hash(round_id: int, department: str, respondent: str) -> str:
    """What the store keeps to refuse a second answer: not linkable to the response."""
    return hashlib.sha256(f"{round_id}\x00{department}\x00{respondent}".encode("utf-8")).hexdigest()


def _public_round(key: str) -> dict:
    row = store.rounds.get_round_by_key(get_db(), key)
    if row is None or row["kind"] != "public":
        abort(make_response(error_page(404, "问卷不存在：请核对链接或二维码。")))
    return row


@bp.route("/s/<key>", methods=["GET", "POST"])
@bp.route("/s/<key>/<path:department>", methods=["GET", "POST"])
@public
def public_survey(key: str, department: str | None = None):
    """One answer per person, department and round: pick the department (unless fixed),
    the respondent type, the answer and an optional comment."""
    row = _public_round(key)
    round_id = row["id"]
    survey_round = page_cache.round_of(row)
    if department is not None and department not in survey_round.departments:
        return error_page(404, "问卷中没有这个部门：请核对链接或二维码。")
    state = surveys.state(row, survey_round=survey_round)
    if state != "进行中":
        return _not_open(row, state)
    respondent = _respondent_id()
    if request.method == "GET":
        return _with_cookie(_public_form(row, survey_round, department, respondent), respondent)
    form_tokens.verify(respondent, request.form.get("csrf_token"))
    limiter = current_app.extensions["sanding_rate_limiter"]
    if not limiter.allow(request.remote_addr or ""):
        return error_page(429, "提交过于频繁，请稍后再试。")
    form = request.form
    chosen = department or (form.get("department") or "").strip()
    ratings = {d.name: form.get(f"d{number}", "") for number, d in enumerate(survey_round.dimensions)}
    values: dict[str, Any] = {"department": chosen, "group": form.get("group", ""), "label": form.get("label", ""),
                              "comment": form.get("comment", ""), "access_code": form.get("access_code", ""),
                              "ratings": ratings}
    if survey_round.access_code and not hmac.compare_digest(
            values["access_code"].strip().encode("utf-8"), survey_round.access_code.encode("utf-8")):
        return _public_form(row, survey_round, department, respondent, values,
                            "访问码不正确，请查看服务窗口张贴的访问码。"), 403
    if chosen not in survey_round.departments:
        return _public_form(row, survey_round, department, respondent, values, "请选择要评价的部门。"), 400
    if values["group"] not in survey_round.groups:
        return _public_form(row, survey_round, department, respondent, values, "请选择您的身份。"), 400
    try:
        rating = ratings if survey_round.dimensions else values["label"]
        [answer] = _check(survey_round, [chosen], {chosen: rating}, {chosen: values["comment"]}, require_all=True)
    except AnswerError as error:
        return _public_form(row, survey_round, department, respondent, values, str(error)), 400
    outcome = store.rounds.submit_public(get_db(), round_id, values["group"], _stored([answer]),
                                  surveys.today(), guard_hash(round_id, chosen, respondent))
    if outcome == "closed":
        return _not_open(row, "已结束")
    if outcome == "ok" and row["anonymous"]:
        checkpoint_soon()
    page = page_cache.render((page_cache.round_key(row), chosen, outcome), "rate/public_done.html",
                             row=row, department=chosen, duplicate=outcome == "duplicate", key=key)
    return _with_cookie((page, 409 if outcome == "duplicate" else 200), respondent)


def _public_form(row, survey_round, department, respondent, values=None, error=None):
    context = dict(row=row, scale=survey_round.rating_scale, dimensions=survey_round.dimensions,
                   departments=survey_round.departments,
                   fixed=department, groups=list(survey_round.groups), values=values or {},
                   error=error, needs_code=bool(survey_round.access_code), max_comment=MAX_COMMENT)
    token = form_tokens.issue(respondent)
    if values or error:
        return render_template("rate/public_form.html", form_token=token, **context)
    return page_cache.render((page_cache.round_key(row), department), "rate/public_form.html",
                             form_token=token, **context)
