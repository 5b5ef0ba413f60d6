"""Administration: user accounts and the audit log."""
from __future__ import annotations

import re
import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from . import audit_view, scope, scope_rules, store
from .access import admins
from .auth import create_user, hash_password
from .database import get_db
from .forms import EmptyForm, PasswordForm, UserForm
from .paging import requested_page
from .roles import UNIT_ROLE

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@admins
def users():
    """List the accounts this admin manages and create a new one (within its own scope)."""
    db = get_db()
    form = UserForm()
    status = 200
    if form.validate_on_submit():
        try:
            unit = _chosen_unit(form.role.data)
            # a unit's account sees its unit's government only, which the admin must see itself
            chosen = [unit["government_name"]] if unit else _chosen_governments()
            governments = scope_rules.grant(scope.current(), chosen)
            create_user(db, form.username.data.strip(), form.password.data, form.role.data,
                        (form.display_name.data or "").strip(), by=current_user.id,
                        governments=sorted(governments or ()), unit=unit["ref"] if unit else None)
        except (store.StoreError, scope_rules.ScopeError) as error:
            flash(str(error), "error")
            status = 400
        else:
            flash(f"已创建用户 {form.username.data.strip()}。", "success")
            return redirect(url_for("admin.users"))
    elif request.method == "POST":
        status = 400
    return render_template("admin/users.html", form=form, users=_managed_users(db), options=_government_options(),
                           chosen=set(_chosen_governments()) if request.method == "POST" else set(),
                           unit_options=_unit_options(), chosen_unit=request.form.get("unit", ""),
                           password_form=PasswordForm(formdata=None), empty_form=EmptyForm()), status


def _managed_users(db) -> list[dict]:
    """The accounts this admin manages (those seeing no more than it does), each with its `scope`
    (government names; empty: unlimited) and, for a 被评估单位, its `unit`'s name."""
    scopes = store.users.scopes(db)
    units = store.units.account_units(db)
    own = scope.current()
    return [{**user, "scope": scopes.get(user["id"], []), "unit": (units.get(user["id"]) or {}).get("name")}
            for user in store.users.list_users(db)
            if scope_rules.covers(own, scope_rules.scope_of(scopes.get(user["id"])))]


def _unit_options() -> list[tuple[str, str]]:
    """The units a 被评估单位 account can stand for: each government the admin sees as a whole
    (`g:id`), and each of its departments (`d:id`)."""
    found = []
    for government in scope.governments(store.documents.list_governments(get_db())):
        if government["name"] == store.documents.UNKNOWN_GOVERNMENT:
            continue
        found.append((f"g:{government['id']}", f"{government['name']}（政府整体）"))
        found += [(f"d:{d['id']}", f"{government['name']} · {d['name']}") for d in government["departments"]]
    return found


def _chosen_unit(role: str) -> dict | None:
    """The unit chosen on the new-user form for a 被评估单位 account ({ref, government_name}), None
    for other roles; StoreError (Chinese) for a missing, unknown or out-of-scope choice."""
    value = request.form.get("unit", "").strip()
    if role != UNIT_ROLE:
        if value:
            raise store.StoreError("只有角色为“被评估单位”的账号才选择单位")
        return None
    kind, _, number = value.partition(":")
    if not value or kind not in ("d", "g") or not number.isdigit() or len(number) > 18:
        raise store.StoreError("被评估单位账号须选择其单位（一个部门，或一个政府整体）")
    ref = {"department_id" if kind == "d" else "government_id": int(number)}
    found = store.units.resolve_unit(get_db(), ref)  # StoreError when it does not exist
    if not scope.sees_id(found["government_id"]):
        raise store.StoreError("所选单位不存在")  # as if it did not: ids outside the scope are not told apart
    return {"ref": ref, "government_name": found["government_name"]}


def _government_options() -> list[str]:
    """The governments an account can be limited to on these pages: a limited admin's own (known
    or not yet imported), an unlimited admin's every known one (others are typed)."""
    own = scope.current()
    if own is not None:
        return sorted(own)
    return [g["name"] for g in store.documents.list_governments(get_db())
            if g["name"] != store.documents.UNKNOWN_GOVERNMENT]


def _chosen_governments() -> list[str]:
    """The governments ticked on a user form, plus those typed (separated by 、 , ; or spaces)."""
    typed = re.split(r"[、,，;；\s]+", request.form.get("other_governments", ""))
    return request.form.getlist("governments") + [name for name in typed if name]


def _managed_user(user_id: int) -> dict:
    """An account this admin manages, or a 404 page (absent, or seeing more than the admin does)."""
    user = store.users.get_user(get_db(), user_id) or abort(404)
    if not scope.manages(user_id):
        abort(404)
    return user


@bp.post("/users/<int:user_id>/password")
@admins
def reset_password(user_id: int):
    """Give an account a new password (the user's sessions end); the admin tells the user."""
    db = get_db()
    user = _managed_user(user_id)
    form = PasswordForm()
    if not form.validate_on_submit() or form.password.data != form.again.data:
        problems = sum(form.errors.values(), []) or ["两次输入的新密码不一致"]
        flash(f"未能重置 {user['username']} 的密码：{'；'.join(problems)}", "error")
        return redirect(url_for("admin.users")), 303
    store.users.set_password(db, user_id, hash_password(form.password.data), secrets.token_urlsafe(16),
                             current_user.id)
    flash(f"已重置 {user['username']} 的密码，请把新密码告诉本人，并请其登录后修改。", "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/scope")
@admins
def set_scope(user_id: int):
    """Limit an account to some governments, or (an unlimited admin only) lift the limit; the
    account's sessions end. Nobody changes their own: a limited admin could not widen it anyway,
    and an unlimited one would lock itself out of the rest."""
    user = _managed_user(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if user_id == current_user.id:
        flash("不能修改自己的范围，请由另一名管理员修改。", "error")
        return redirect(url_for("admin.users")), 303
    try:
        governments = scope_rules.grant(scope.current(), _chosen_governments())
        store.users.set_scope(get_db(), user_id, sorted(governments or ()), secrets.token_urlsafe(16),
                              current_user.id)
    except (store.StoreError, scope_rules.ScopeError) as error:
        flash(f"未能修改 {user['username']} 的范围：{error}", "error")
        return redirect(url_for("admin.users")), 303
    flash(f"{user['username']} 现在可查看：{scope_rules.describe(governments)}（其登录已失效，须重新登录）。",
          "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>/<any(disable, enable):change>")
@admins
def set_active(user_id: int, change: str):
    """Disable an account (its sessions end at once) or enable it again."""
    db = get_db()
    user = _managed_user(user_id)
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
    managed = _managed_users(db)
    ids = scope.visible_ids()
    # a limited admin reads what was done to its governments and to the accounts it manages
    within = None if ids is None else (ids, frozenset(user["id"] for user in managed))
    total = store.audit.count_audit(db, action=action, username=username, within=within)
    page = requested_page(total, PAGE_SIZE)
    entries = store.audit.list_audit(db, PAGE_SIZE, page.offset, action=action, username=username, within=within)
    users = [row["username"] for row in managed] + ["命令行"]
    return render_template("admin/audit.html", entries=entries, page=page, total=total,
                           action=action or "", user=username or "", users=users, view=audit_view)


PAGE_SIZE = 50


def init_app(app) -> None:
    app.register_blueprint(bp)
