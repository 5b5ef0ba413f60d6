"""Request bodies are limited per kind of route; bad numbers and control characters in a URL or a
field get a 4xx page, never a 500 — checked over every route of the URL map."""
from __future__ import annotations

import io
import re

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from webapp import create_app, store
from webapp.security import FORM_BODY_BYTES, PUBLIC_BODY_BYTES, RATER_BODY_BYTES

from conftest import PASSWORDS, make_round

HUGE = "9" * 30  # far past SQLite's 64-bit integers


def test_a_huge_sign_in_form_is_refused_before_it_is_read(client):
    body = b"username=admin&password=" + b"x" * (19 * 1024 * 1024)
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    multipart = client.post("/login", data={"username": "admin", "password": "x",
                                            "file": (io.BytesIO(b"x" * (PUBLIC_BODY_BYTES + 1)), "a.txt")},
                            content_type="multipart/form-data")
    assert multipart.status_code == 413


def test_limits_by_kind_of_route(app_config):
    app = create_app({**app_config, "MAX_UPLOAD_MB": 5})
    assert PUBLIC_BODY_BYTES < RATER_BODY_BYTES < FORM_BODY_BYTES < app.config["MAX_CONTENT_LENGTH"]
    client = app.test_client()
    client.post("/login", data={"username": "admin", "password": PASSWORDS["admin"]})
    big_form = {"q": "字" * (FORM_BODY_BYTES // 3 + 10)}
    assert client.post("/admin/users", data=big_form).status_code == 413
    # an upload route takes files far larger than a form
    # 1.5 MB: over the form limit, under the upload limit
    content = "示例市测试局职能配置、内设机构和人员编制规定\n主要职责\n（一）负责测试工作。\n" + "。" * 500_000
    # encoded here: the test client would spool a body this large to a temporary file it never closes
    boundary, body = encode_multipart(MultiDict({"files": FileStorage(io.BytesIO(content.encode()), "测试局.txt")}))
    response = client.post("/documents/upload", data=body, content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302
    app.extensions["sanding_jobs"].shutdown()


def _rules(app):
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static":
            yield rule


def _filled(rule, value: str) -> str:
    path = rule.rule
    for argument in rule.arguments:
        path = re.sub(rf"<(?:[^:<>]+:)?{argument}>", value, path)
    return path


@pytest.mark.parametrize("role", ["admin", None])
def test_huge_numbers_and_control_characters_in_any_url_are_4xx(app, client, role):
    if role:
        client.post("/login", data={"username": role, "password": PASSWORDS[role]})
    checked = 0
    for rule in _rules(app):
        for value in (HUGE, "-1", "%07", "1%00"):
            url = _filled(rule, value)
            for query in ("", f"?page={HUGE}&department_id={HUGE}&government_id={HUGE}", "?q=%1b%5B2J"):
                response = client.get(url + query)
                assert response.status_code < 500, (url + query, response.status_code)
                checked += 1
    assert checked > 100
    assert client.get("/documents/?q=%07").status_code == 400
    assert client.get(f"/documents/versions/{HUGE}").status_code in (302, 404)


def test_control_characters_in_a_field_are_refused_and_nothing_is_stored(app, client, db):
    row = make_round(app, db, kind="public")
    url = f"/s/{row['public_key']}"
    answer = {"department": "示例市甲局", "group": "企业", "label": "满意"}
    response = client.post(url, data={**answer, "comment": "很好\x07\x1b[2J"})
    assert response.status_code == 400 and "控制字符" in response.get_data(as_text=True)
    assert store.rounds.answer_count(db, row["id"]) == 0
    assert client.post(url, data={**answer, "comment": "第一行\r\n第二行\t完"}).status_code == 200


def test_a_huge_number_in_a_form_field_is_4xx(app, client, auth, sample_city):
    auth.login("admin")
    response = client.post("/evaluations/new", data={"government": HUGE, "name": "体系", "template": "seven"})
    assert response.status_code < 500
