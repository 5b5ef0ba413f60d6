"""Administration: user accounts and the audit log."""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from . import audit_view, store
from .access import admins
from .auth import create_user, hash_password
from .database import get_db
from .forms import EmptyForm, PasswordForm, UserForm
from .paging import requested_page

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
    return render_template("admin/users.html", form=form, users=store.users.list_users(db),
                           password_form=PasswordForm(formdata=None), empty_form=EmptyForm())


@bp.post("/users/<int:user_id>/password")
@admins
def reset_password(user_id: int):
    """Give an account a new password (the user's sessions end); the admin tells the user."""
    db = get_db()
    user = store.users.get_user(db, user_id) or abort(404)
    form = PasswordForm()
    if not form.validate_on_submit() or form.password.data != form.again.data:
        problems = sum(form.errors.values(), []) or ["两次输入的新密码不一致"]
        flash(f"未能重置 {user['username']} 的密码：{'；'.join(problems)}", "error")
        return redirect(url_for("admin.users")), 303
    store.users.set_password(db, user_id, hash_password(form.password.data), secrets.token_urlsafe(16),
                             current_user.id)
    flash(f"已重置 {user['username']} 的密码，请把新密码告诉本人，并请其登录后修改。", "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/<any(disable, enable):change>")
@admins
def set_active(user_id: int, change: str):
    """Disable an account (its sessions end at once) or enable it again."""
    db = get_db()
    user = store.users.get_user(db, user_id) or abort(404)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if user_id == current_user.id and change == "disable":
        flash("不能停用自己的账号。", "error")
        return redirect(url_for("admin.users"))
    try:
        store.users.set_active(db, user_id, change == "enable", secrets.token_urlsafe(16), current_user.id)
    except store.StoreError as error:
        flash(str(error), "error")
    else:
        flash(f"已{'启用' if change == 'enable' else '停用'} {user['username']}。", "success")
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@admins
def audit():
    """The changes, newest first, 50 a page: who, when, what, old and new, by action and user."""
    db = get_db()
    action = request.args.get("action") or None
    username = request.args.get("user") or None
    total = store.audit.count_audit(db, action=action, username=username)
    page = requested_page(total, PAGE_SIZE)
    entries = store.audit.list_audit(db, PAGE_SIZE, page.offset, action=action, username=username)
    users = [row["username"] for row in store.users.list_users(db)] + ["命令行"]
    return render_template("admin/audit.html", entries=entries, page=page, total=total,
                           action=action or "", user=username or "", users=users, view=audit_view)


PAGE_SIZE = 50


def init_app(app) -> None:
    app.register_blueprint(bp)
