"""Sign-in and sign-out with Flask-Login; passwords hashed with scrypt.

A session carries the user's `session_token`; signing out replaces it, so a
copied session cookie stops working. Repeated failed sign-ins are
slowed down by growing delays (sign_in_throttle).
"""
from __future__ import annotations

import hmac
import math
import re
import secrets
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from . import sign_in_throttle, store
from .access import every_account, public
from .database import get_db
from .forms import EmptyForm, LoginForm, PasswordForm
from .roles import ROLE_NAMES
from .scope_rules import Scope, scope_of

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录。"
login_manager.login_message_category = "info"
PASSWORD_METHOD = "scrypt"
# Checked against when the user name is unknown, so both cases take the same time.
_DUMMY_HASH = generate_password_hash("sanding-dummy-password", method=PASSWORD_METHOD)
_UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


class User(UserMixin):
    """The signed-in user, built from a users row."""

    def __init__(self, row: dict):
        self.id = row["id"]
        self.username = row["username"]
        self.role = row["role"]
        self.display_name = row["display_name"] or row["username"]
        self.token = row["session_token"]
        self._active = bool(row["active"])
        self._scope: Scope | bool = False  # read on first use (webapp.scope asks)

    @property
    def scope(self) -> Scope:
        """The governments this account is limited to (None: unlimited); see webapp.scope."""
        if self._scope is False:
            self._scope = scope_of(store.users.get_scope(get_db(), self.id))
        return self._scope  # type: ignore[return-value]  # not False any more

    @property
    def is_active(self) -> bool:
        return self._active

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]

    def get_id(self) -> str:
        return f"{self.id}:{self.token}"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def create_user(db, username: str, password: str, role: str, display_name: str = "",
                by: int | None = None, governments: list[str] | None = None, unit: dict | None = None) -> int:
    """Create a user with a hashed password, limited to `governments` if given (the web admin page
    and the CLI use this); a 被评估单位 account needs its `unit` ({"department_id"} or
    {"government_id"}, see store.users.add_user)."""
    return store.users.add_user(db, username, hash_password(password), role, display_name, by,
                                session_token=secrets.token_urlsafe(16), governments=governments, unit=unit)


def init_app(app) -> None:
    login_manager.init_app(app)
    app.context_processor(lambda: {"role_names": ROLE_NAMES})
    app.register_blueprint(bp)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    row = store.users.get_user(get_db(), int(user_id))
    if row is None or not hmac.compare_digest(row["session_token"], token):
        return None
    return User(row)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _wait_before_attempt(db, username: str, address: str) -> float:
    """Seconds this attempt must wait (see sign_in_throttle); 0 means it is counted and may go on."""
    now = _now()
    free, cap = current_app.config["LOGIN_MAX_FAILURES"], current_app.config["LOGIN_LOCK_MINUTES"]

    def wait_for(counted: dict[str, tuple[int, str | None]], known: bool) -> float:
        failures = {key: sign_in_throttle.Failures(count, datetime.fromisoformat(last) if last else None)
                    for key, (count, last) in counted.items()}
        return sign_in_throttle.longest_wait(failures, known, free, cap, now)

    since = now - timedelta(hours=sign_in_throttle.WINDOW_HOURS)
    return store.users.claim_sign_in(db, username, address, since.isoformat(), now.isoformat(), wait_for)


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    """Show the sign-in form and sign the user in."""
    form = LoginForm()
    if form.validate_on_submit():
        db = get_db()
        username = form.username.data.strip()
        address = request.remote_addr or ""
        wait = _wait_before_attempt(db, username, address)
        if wait > 0:
            seconds = math.ceil(wait)
            flash(f"登录失败次数过多，请 {_duration(seconds)}后再试。", "error")
            response = make_response(render_template("auth/login.html", form=form), 429)
            response.headers["Retry-After"] = str(seconds)
            return response
        row = store.users.get_user_by_name(db, username)
        valid = check_password_hash(row["password_hash"] if row else _DUMMY_HASH,
                                    form.password.data)
        if row and valid and row["active"]:
            store.users.sign_in_succeeded(db, username, address, _now().isoformat())
            session.permanent = True  # so that the idle limit (IDLE_MINUTES) applies
            login_user(User(row))
            return redirect(_safe_next(request.args.get("next")))
        flash("用户名或密码错误。", "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


def _duration(seconds: int) -> str:
    return f"{seconds} 秒" if seconds < 120 else f"{math.ceil(seconds / 60)} 分钟"


@bp.post("/logout")
@every_account
def logout():
    """Sign out and invalidate every session of this user."""
    form = EmptyForm()
    if form.validate_on_submit():
        store.users.set_session_token(get_db(), current_user.id, secrets.token_urlsafe(16))
        logout_user()
        flash("已退出登录。", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@every_account
def change_password():
    """Change one's own password (the current one is asked); other sessions end."""
    form = PasswordForm()
    if form.validate_on_submit():
        db = get_db()
        row = store.users.get_user(db, current_user.id)
        problems = []
        if not row or not check_password_hash(row["password_hash"], form.current.data or ""):
            problems.append("当前密码不正确")
        if form.password.data != form.again.data:
            problems.append("两次输入的新密码不一致")
        if not problems:
            token = secrets.token_urlsafe(16)
            store.users.set_password(db, current_user.id, hash_password(form.password.data), token, current_user.id)
            login_user(User(store.users.get_user(db, current_user.id)))  # this session goes on with the new token
            flash("密码已修改；其他设备上的登录已失效。", "success")
            return redirect(url_for("index"))  # each role's own start page (a unit's is not the office's)
        for problem in problems:
            flash(problem, "error")
        return render_template("auth/password.html", form=form), 400
    return render_template("auth/password.html", form=form), 400 if request.method == "POST" else 200


def _safe_next(target: str | None) -> str:
    """Only follow a path of this site after login (no open redirect).

    Browsers drop tabs and line breaks from a URL and read a backslash as a slash, so
    `/\t/evil.example` would become `//evil.example`: any such character refuses the target."""
    if target and target.startswith("/") and not _UNSAFE_IN_NEXT.search(target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and not target.startswith("//"):
            return target
    return url_for("index")  # the 工作台
