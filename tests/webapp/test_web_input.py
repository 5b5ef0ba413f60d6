"""Hostile input on every page: SQL metacharacters and markup in paths and query
parameters never give a 500 or come back unescaped."""
from __future__ import annotations

import re

import pytest

from conftest import PASSWORDS

NASTY = ["' OR '1'='1", "1; DROP TABLE users; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "１２３"]
PARAMS = ["department", "kind", "topic", "status", "min_score", "group", "q", "page", "scope", "version", "old", "new"]


def _get_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and "GET" in rule.methods:
            yield rule


def _fill(rule, value: str) -> str:
    def replace(match):
        converter = match.group(1) or "default"
        return "1" if converter == "int" else value
    return re.sub(r"<(?:([^:<>]+):)?[^<>]+>", replace, rule.rule)


@pytest.mark.parametrize("value", NASTY)
def test_hostile_paths_and_query_parameters(app, value):
    client = app.test_client()
    client.post("/login", data={"username": "admin", "password": PASSWORDS["admin"]})
    query = "&".join(f"{name}={value}" for name in PARAMS)
    problems = []
    for rule in _get_rules(app):
        url = _fill(rule, value)
        response = client.get(f"{url}?{query}")
        body = response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        if "<script>alert(1)</script>" in body:
            problems.append(f"{url}: markup echoed unescaped")
    assert problems == []
    assert client.get("/admin/users").status_code == 200  # the users table is still there


def test_forged_ids_of_another_government_are_404(app, client, auth, db, sample_city):
    """A 示例市 page asked about a 示例县 department, finding or version gets 404, never its data."""
    from survey.evaluation.indicators import seven_indicator_template, system_to_dict
    from webapp import store
    from webapp.services import detection

    county = store.documents.get_government_by_name(db, "示例县")
    detection.detect_now(db, county["id"])
    county_department = next(iter(store.documents.department_ids(db, county["id"]).values()))
    system = seven_indicator_template()
    system_id = store.evaluations.create_system(db, sample_city["id"], system.name, system_to_dict(system),
                                                None, "seven")
    city_finding = store.findings.list_findings(db, sample_city["id"])[0]["key"]
    auth.login("admin")
    forged = [
        ("GET", f"/evaluations/systems/{system_id}/departments/{county_department}"),
        ("POST", f"/evaluations/systems/{system_id}/departments/{county_department}/score"),
        ("GET", f"/evaluations/systems/{system_id}/departments/{county_department}/report.docx"),
        ("GET", f"/overlaps/{county['id']}/findings/{city_finding}"),
        ("POST", f"/overlaps/{county['id']}/findings/{city_finding}/confirm"),
    ]
    for method, url in forged:
        assert client.open(url, method=method, data={}).status_code == 404, url
