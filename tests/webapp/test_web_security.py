"""CSRF, security headers, cookies, error pages and the access rule of every route."""
from __future__ import annotations

import pytest

from webapp import create_app


@pytest.fixture
def csrf_app(app_config):
    return create_app({**app_config, "WTF_CSRF_ENABLED": True})


def test_post_without_csrf_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    response = client.post("/login", data={"username": "staff", "password": "x"})
    assert response.status_code == 400
    assert "安全令牌" in response.get_data(as_text=True)


def test_post_with_csrf_token_from_the_form_works(csrf_app, passwords):
    import re

    from webapp import store
    from webapp.auth import create_user
    db = store.connect(csrf_app.config["DATABASE"])
    create_user(db, "staff", passwords["staff"], "staff")
    db.close()
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    response = client.post("/login", data={
        "username": "staff", "password": passwords["staff"], "csrf_token": token})
    assert response.status_code == 302
    assert client.post("/logout").status_code == 400  # logout is a form too


@pytest.mark.parametrize("path", ["/login", "/documents/", "/nowhere", "/static/style.css"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    response.close()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


def test_no_inline_script_in_pages(client, auth):
    auth.login("admin")
    for path in ("/login", "/documents/", "/documents/upload", "/admin/users", "/admin/audit"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "onclick" not in page and "//cdn" not in page, path


def test_session_cookie_flags(client, auth):
    auth.login("staff")
    cookie = client.get_cookie("sanding_session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    assert not cookie.secure


def test_secure_cookie_over_https(app_config, monkeypatch):
    monkeypatch.setenv("SANDING_HTTPS", "1")
    app = create_app(app_config)
    assert app.config["SESSION_COOKIE_SECURE"] is True


@pytest.mark.parametrize(("code", "text"), [
    (400, "请求有误"), (403, "没有权限"), (404, "页面不存在"), (405, "请求方式不允许"),
    (410, "内容已不存在"), (413, "文件太大"), (500, "服务器内部错误")])
def test_error_pages_are_plain_chinese(app, code, text):
    from flask import abort

    @app.get(f"/raise/{code}")
    def raiser():
        if code == 500:
            raise RuntimeError("secret internal detail")
        abort(code)

    raiser.access = ("public",)
    response = app.test_client().get(f"/raise/{code}")
    body = response.get_data(as_text=True)
    assert response.status_code == code
    assert text in body
    assert "Traceback" not in body and "secret internal detail" not in body


def test_method_not_allowed_page(client):
    response = client.post("/documents/")
    assert response.status_code == 405
    assert "请求方式不允许" in response.get_data(as_text=True)


def test_every_route_declares_who_may_open_it(app):
    missing = [rule.endpoint for rule in app.url_map.iter_rules()
               if rule.endpoint != "static"
               and not getattr(app.view_functions[rule.endpoint], "access", None)]
    assert missing == []


def test_html_in_user_data_is_escaped(client, auth):
    auth.login("admin")
    client.post("/admin/users", data={"username": "x<script>", "role": "staff",
                                      "password": "long-enough-1"})
    client.post("/admin/users", data={"username": "evil", "display_name": "<script>alert(1)</script>",
                                      "role": "staff", "password": "long-enough-1"})
    page = client.get("/admin/users").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
