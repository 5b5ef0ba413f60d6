"""SANDING_PROXIES: a forwarded address is believed only from the proxy's own address, and each
way the setting can be wrong is logged; the public guard's parts (cookie, address limit, access
code) each hold on their own."""
from __future__ import annotations

import logging

import pytest

from webapp import create_app, store

from conftest import SURVEY_DEPARTMENTS as DEPTS
from conftest import make_round

CLIENT = {"REMOTE_ADDR": "203.0.113.50"}  # a phone reaching the server directly
NGINX = {"REMOTE_ADDR": "127.0.0.1"}


@pytest.fixture
def public_app(app_config):
    def build(round: dict | None = None, **config):
        app = create_app({**app_config, "PUBLIC_RATE_LIMIT": 3, **config})
        built.append(app)
        db = store.connect(app.config["DATABASE"])
        databases.append(db)
        return app, db, make_round(app, db, kind="public", **(round or {}))
    built: list = []
    databases: list = []
    yield build
    for db in databases:
        db.close()
    for app in built:
        app.extensions["sanding_jobs"].shutdown()


def _answer(app, key: str, number: int, environ: dict, forwarded: str | None = None, **extra) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return app.test_client().post(f"/s/{key}", headers=headers, environ_base=environ, data={
        "department": DEPTS[number % 3], "group": "群众", "label": "满意", **extra}).status_code


def test_a_spoofed_forwarded_address_is_not_believed_from_a_direct_client(public_app, caplog):
    app, db, row = public_app(PROXIES=1)
    with caplog.at_level(logging.WARNING, logger="webapp.proxies"):
        statuses = [_answer(app, row["public_key"], n, CLIENT, f"10.0.{n}.{n}") for n in range(70)]
    assert statuses.count(200) == 3 and store.rounds.answer_count(db, row["id"]) == 3
    warnings = [r.getMessage() for r in caplog.records if r.name == "webapp.proxies"]
    assert len(warnings) == 1 and "203.0.113.50" in warnings[0] and "SANDING_PROXY_ADDRESSES" in warnings[0]


def test_behind_the_proxy_each_respondent_counts(public_app, caplog):
    app, _db, row = public_app(PROXIES=1)
    with caplog.at_level(logging.WARNING, logger="webapp.proxies"):
        statuses = [_answer(app, row["public_key"], n, NGINX, f"10.0.0.{n}") for n in range(6)]
    assert statuses == [200] * 6 and not caplog.records


def test_forwarded_headers_without_the_setting_are_logged(public_app, caplog):
    app, _db, row = public_app()
    with caplog.at_level(logging.WARNING, logger="webapp.proxies"):
        statuses = [_answer(app, row["public_key"], n, NGINX, f"10.0.0.{n}") for n in range(5)]
    assert statuses == [200, 200, 200, 429, 429]  # everyone has nginx's address
    warnings = [r.getMessage() for r in caplog.records if r.name == "webapp.proxies"]
    assert len(warnings) == 1 and "SANDING_PROXIES=1" in warnings[0]


def test_direct_requests_with_the_setting_are_logged(public_app, caplog):
    app, _db, row = public_app(PROXIES=1)
    with caplog.at_level(logging.WARNING, logger="webapp.proxies"):
        _answer(app, row["public_key"], 0, CLIENT)
    assert any("直接来自 203.0.113.50" in r.getMessage() for r in caplog.records)


def test_a_proxy_network_can_be_configured(public_app, monkeypatch):
    monkeypatch.setenv("SANDING_PROXY_ADDRESSES", "10.1.0.0/16")
    app, _db, row = public_app(PROXIES=1)
    statuses = [_answer(app, row["public_key"], n, {"REMOTE_ADDR": "10.1.2.3"}, f"10.0.0.{n}") for n in range(5)]
    assert statuses == [200] * 5


def test_a_bad_proxy_address_setting_is_refused_in_chinese(monkeypatch, app_config):
    from webapp.config import ConfigError

    monkeypatch.setenv("SANDING_PROXY_ADDRESSES", "nginx")
    with pytest.raises(ConfigError, match="SANDING_PROXY_ADDRESSES"):
        create_app(app_config)


def test_the_access_code_stops_those_without_it_whatever_their_address(public_app):
    app, db, row = public_app(PROXIES=1, round={"access_code": "6021"})
    statuses = [_answer(app, row["public_key"], n, NGINX, f"10.0.0.{n}", access_code="1234") for n in range(5)]
    assert statuses == [403] * 5 and store.rounds.answer_count(db, row["id"]) == 0
    assert _answer(app, row["public_key"], 0, NGINX, "10.0.0.9", access_code="6021") == 200
