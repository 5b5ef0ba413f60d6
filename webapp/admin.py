"""Administration: user accounts and the audit log."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from . import audit_view, store
from .access import admins
from .auth import create_user
from .database import get_db
from .forms import UserForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@admins
def users():
    """List the accounts and create a new one."""
    db = get_db()
    form = UserForm()
    if form.validate_on_submit():
        try:
            create_user(db, form.username.data.strip(), form.password.data, form.role.data,
                        (form.display_name.data or "").strip(), by=current_user.id)
        except store.StoreError as error:
            flash(str(error), "error")
        else:
            flash(f"已创建用户 {form.username.data.strip()}。", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/users.html", form=form, users=store.users.list_users(db))


@bp.get("/audit")
@admins
def audit():
    """The changes, newest first, 50 a page: who, when, what, old and new, by action and user."""
    db = get_db()
    action = request.args.get("action") or None
    username = request.args.get("user") or None
    total = store.audit.count_audit(db, action=action, username=username)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    entries = store.audit.list_audit(db, PAGE_SIZE, (page - 1) * PAGE_SIZE, action=action, username=username)
    users = [row["username"] for row in store.users.list_users(db)] + ["命令行"]
    return render_template("admin/audit.html", entries=entries, page=page, pages=pages, total=total,
                           action=action or "", user=username or "", users=users, view=audit_view)


PAGE_SIZE = 50


def init_app(app) -> None:
    app.register_blueprint(bp)
