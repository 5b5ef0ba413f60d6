"""Administration: user accounts and the audit log."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from . import store
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
    """The newest changes: who, when, what, old and new."""
    return render_template("admin/audit.html", entries=store.audit.list_audit(get_db()))


def init_app(app) -> None:
    app.register_blueprint(bp)
