"""Account basics: change one's password, an admin resets or disables an account, idle sessions end."""
from __future__ import annotations

from datetime import timedelta

from webapp import store

from conftest import PASSWORDS


def test_a_user_changes_the_password_and_other_sessions_end(app, client, auth, db):
    other = app.test_client()
    other.post("/login", data={"username": "staff", "password": PASSWORDS["staff"]})
    assert other.get("/documents/").status_code == 200
    auth.login("staff")
    response = client.post("/account/password", data={"current": "wrong", "password": "new-pass-123",
                                                       "again": "new-pass-123"})
    assert response.status_code == 400 and "当前密码不正确" in response.get_data(as_text=True)
    response = client.post("/account/password", data={"current": PASSWORDS["staff"], "password": "new-pass-123",
                                                       "again": "other-pass-1"})
    assert response.status_code == 400 and "两次输入的新密码不一致" in response.get_data(as_text=True)
    response = client.post("/account/password", data={"current": PASSWORDS["staff"], "password": "new-pass-123",
                                                       "again": "new-pass-123"})
    assert response.status_code == 302
    assert client.get("/documents/").status_code == 200  # this session goes on
    assert other.get("/documents/").status_code == 302  # the other one was signed out
    auth.logout()
    assert auth.login("staff", PASSWORDS["staff"]).status_code == 401
    assert auth.login("staff", "new-pass-123").status_code == 302
    assert [row["action"] for row in store.audit.list_audit(db)][0] == "password_change"


def test_an_admin_resets_a_password_and_disables_an_account(app, client, auth, db):
    staff = store.users.get_user_by_name(db, "staff")
    victim = app.test_client()
    victim.post("/login", data={"username": "staff", "password": PASSWORDS["staff"]})
    auth.login("admin")
    response = client.post(f"/admin/users/{staff['id']}/password", data={"password": "reset-pass-1",
                                                                          "again": "reset-pass-1"})
    assert response.status_code == 302
    assert victim.get("/documents/").status_code == 302
    response = client.post(f"/admin/users/{staff['id']}/disable")
    assert response.status_code == 302 and not store.users.get_user(db, staff["id"])["active"]
    page = client.get("/admin/users").get_data(as_text=True)
    assert "已停用" in page and "启用</button>" in page
    auth.logout()
    assert auth.login("staff", "reset-pass-1").status_code == 401  # disabled
    auth.login("admin")
    client.post(f"/admin/users/{staff['id']}/enable")
    auth.logout()
    assert auth.login("staff", "reset-pass-1").status_code == 302
    actions = [row["action"] for row in store.audit.list_audit(db)][:3]
    assert actions == ["user_enable", "user_disable", "password_reset"]


def test_the_only_admin_and_oneself_cannot_be_disabled(client, auth, db):
    admin = store.users.get_user_by_name(db, "admin")
    auth.login("admin")
    client.post(f"/admin/users/{admin['id']}/disable")
    assert store.users.get_user(db, admin["id"])["active"]
    try:
        store.users.set_active(db, admin["id"], False, "t", None)
    except store.StoreError as error:
        assert "唯一的管理员" in str(error)
    else:
        raise AssertionError("the only admin was disabled")


def test_a_session_ends_when_idle(app, client, auth):
    import time

    assert app.config["IDLE_MINUTES"] == 120
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=3)
    auth.login("staff")
    cookie = client.get_cookie("sanding_session")
    assert cookie is not None and cookie.expires is not None  # a lifetime, not a browser-session cookie
    time.sleep(1.2)
    assert client.get("/documents/").status_code == 200  # in use: renewed
    time.sleep(1.2)
    assert client.get("/documents/").status_code == 200
    time.sleep(4.5)
    assert client.get("/documents/").status_code == 302  # idle longer than the limit: signed out
