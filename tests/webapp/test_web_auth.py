"""Accounts: login, logout, wrong passwords, roles, throttling."""
from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from webapp import store
from webapp.auth import create_user


def test_login_page_is_chinese(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert "登录" in response.get_data(as_text=True)


def test_pages_need_login(client):
    response = client.get("/documents/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["admin", "evaluator", "staff"])
def test_login_and_logout(client, auth, role):
    response = auth.login(role)
    assert response.status_code == 302
    page = client.get("/documents/").get_data(as_text=True)
    assert f"测试{role}" in page
    assert auth.logout().status_code == 302
    assert client.get("/documents/").status_code == 302


def test_wrong_password_is_refused_in_chinese(client, auth):
    response = auth.login("staff", "wrong-password")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/documents/").status_code == 302


def test_unknown_user_gets_the_same_message(auth):
    response = auth.login("nobody", "whatever-1")
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)


def test_passwords_are_hashed_with_a_slow_scheme(db, passwords):
    # the fixture accounts are hashed at a lower cost (conftest.py); a new account gets the app's
    create_user(db, "newcomer", passwords["staff"], "staff")
    row = store.users.get_user_by_name(db, "newcomer")
    method, n, r, p = row["password_hash"].split("$", 1)[0].split(":")
    assert method == "scrypt" and int(n) >= 2 ** 15 and int(r) >= 8
    assert passwords["staff"] not in row["password_hash"]
    assert check_password_hash(row["password_hash"], passwords["staff"])


def test_logout_invalidates_a_copied_session_cookie(app, client, auth):
    auth.login("staff")
    cookie = client.get_cookie("sanding_session").value
    auth.logout()
    other = app.test_client()
    other.set_cookie("sanding_session", cookie)
    assert other.get("/documents/").status_code == 302


def test_login_does_not_redirect_off_site(client, passwords):
    response = client.post("/login?next=//evil.example/", data={
        "username": "staff", "password": passwords["staff"]})
    assert response.headers["Location"] == "/"  # the 工作台, not the other site


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("staff", 403), ("evaluator", 403)])
def test_admin_pages_by_role(client, auth, role, status):
    auth.login(role)
    assert client.get("/admin/users").status_code == status
    assert client.get("/admin/audit").status_code == status


@pytest.mark.parametrize(("role", "status"), [("admin", 200), ("staff", 200), ("evaluator", 403)])
def test_upload_page_by_role(client, auth, role, status):
    auth.login(role)
    assert client.get("/documents/upload").status_code == status


def test_admin_creates_user_who_can_login(app, client, auth, db):
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "lisi", "display_name": "李四", "role": "evaluator", "password": "lisi-pass-1"})
    assert response.status_code == 302
    assert store.users.get_user_by_name(db, "lisi")["role"] == "evaluator"
    assert any(e["action"] == "add_user" for e in store.audit.list_audit(db))
    auth.logout()
    assert auth.login("lisi", "lisi-pass-1").status_code == 302


def test_admin_user_form_rejects_short_password(client, auth, db):
    auth.login("admin")
    response = client.post("/admin/users", data={
        "username": "wangwu", "role": "staff", "password": "short"})
    assert "密码至少 8 个字符" in response.get_data(as_text=True)
    assert store.users.get_user_by_name(db, "wangwu") is None
