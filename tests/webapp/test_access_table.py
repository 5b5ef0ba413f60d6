"""Every route × every role with the expected answer, checked by walking the app's URL map.

The table below is written by hand, apart from the access rules on the views
themselves: a route added without a line here fails, and so does a rule that
changes on one side only. Values: ok (the role gets past the access check; a
made-up id then gives 404, which is fine), login (sent to the login page),
403, token (a rater page: a made-up token is 404). The rater is a phone that
opened its own valid link (/r/<token>) and nothing else: it may rate and
is anonymous everywhere else.
"""
from __future__ import annotations

import re

import pytest

from webapp.database import get_db

from conftest import PASSWORDS, make_round, survey_raters

ROLES = ["anonymous", "rater", "staff", "evaluator", "admin"]
TABLE = """
endpoint                         anonymous rater  staff  evaluator admin
admin.audit                      login     login  403    403       ok
admin.users                      login     login  403    403       ok
admin.reset_password             login     login  403    403       ok
admin.set_active                 login     login  403    403       ok
auth.login                       ok        ok     ok     ok        ok
auth.change_password             login     login  ok     ok        ok
auth.logout                      login     login  ok     ok        ok
documents.batch                  login     login  ok     403       ok
documents.batch_status           login     login  ok     403       ok
documents.correct                login     login  ok     403       ok
documents.delete                 login     login  ok     403       ok
documents.index                  login     login  ok     ok        ok
documents.naming                 login     login  ok     403       ok
documents.page_image             login     login  ok     ok        ok
documents.upload                 login     login  ok     403       ok
documents.version                login     login  ok     ok        ok
evaluations.ahp                  login     login  403    ok        ok
evaluations.conclusion           login     login  403    ok        ok
evaluations.create               login     login  403    ok        ok
evaluations.department           login     login  ok     ok        ok
evaluations.edit                 login     login  403    ok        ok
evaluations.export_xlsx          login     login  ok     ok        ok
evaluations.import_xlsx          login     login  403    ok        ok
evaluations.index                login     login  ok     ok        ok
evaluations.ranking              login     login  ok     ok        ok
evaluations.ranking_xlsx         login     login  ok     ok        ok
evaluations.report_docx          login     login  ok     ok        ok
evaluations.sheet                login     login  403    ok        ok
evaluations.score                login     login  403    ok        ok
evaluations.score_sheet          login     login  403    ok        ok
evaluations.import_scores        login     login  403    ok        ok
evaluations.summary_docx         login     login  ok     ok        ok
evaluations.system               login     login  ok     ok        ok
index                            login     login  ok     ok        ok
overlaps.boundary                login     login  ok     ok        ok
overlaps.boundary_docx           login     login  ok     ok        ok
overlaps.boundary_index          login     login  ok     ok        ok
overlaps.boundary_xlsx           login     login  ok     ok        ok
overlaps.confirm                 login     login  ok     403       ok
overlaps.department              login     login  ok     ok        ok
overlaps.detect                  login     login  ok     403       ok
overlaps.dismiss                 login     login  ok     403       ok
overlaps.finding                 login     login  ok     ok        ok
overlaps.findings                login     login  ok     ok        ok
overlaps.index                   login     login  ok     ok        ok
overlaps.reopen                  login     login  ok     403       ok
overlaps.status                  login     login  ok     ok        ok
problems.attach                  login     login  ok     403       ok
problems.attachment              login     login  ok     ok        ok
problems.create                  login     login  ok     403       ok
problems.detail                  login     login  ok     ok        ok
problems.edit                    login     login  ok     403       ok
problems.export                  login     login  ok     ok        ok
problems.import_xlsx             login     login  ok     403       ok
problems.index                   login     login  ok     ok        ok
problems.move                    login     login  ok     403       ok
problems.register                login     login  ok     ok        ok
problems.template                login     login  ok     ok        ok
rate.healthz                     ok        ok     ok     ok        ok
rate.public_survey               ok        ok     ok     ok        ok
rate.rate                        token     ok     token  token     token
rectification.create             login     login  403    ok        ok
rectification.export             login     login  ok     ok        ok
rectification.index              login     login  ok     ok        ok
rectification.ledger             login     login  ok     ok        ok
rectification.move               login     login  403    ok        ok
reform.checks                    login     login  ok     ok        ok
reform.compare                   login     login  ok     ok        ok
reform.compare_docx              login     login  ok     ok        ok
reform.index                     login     login  ok     ok        ok
reform.move                      login     login  ok     403       ok
reform.overview                  login     login  ok     ok        ok
reform.rules                     login     login  403    403       ok
reform.set_date                  login     login  ok     403       ok
reform.versions                  login     login  ok     ok        ok
rounds.close                     login     login  403    403       ok
rounds.create                    login     login  403    403       ok
rounds.detail                    login     login  403    ok        ok
rounds.edit                      login     login  403    403       ok
rounds.import_raters             login     login  403    403       ok
rounds.index                     login     login  403    ok        ok
rounds.links_sheet               login     login  403    403       ok
rounds.links_xlsx                login     login  403    403       ok
rounds.progress                  login     login  403    403       ok
rounds.raw_export                login     login  403    ok        ok
rounds.public_qr                 login     login  403    403       ok
rounds.results                   login     login  403    ok        ok
rounds.results_export            login     login  403    ok        ok
staffing.ledger_import           login     login  ok     403       ok
staffing.ledger_index            login     login  ok     ok        ok
staffing.ledger_snapshot         login     login  ok     ok        ok
staffing.ledger_xlsx             login     login  ok     ok        ok
staffing.saturation_import       login     login  ok     403       ok
staffing.saturation_page         login     login  ok     ok        ok
staffing.saturation_settings     login     login  403    403       ok
"""
EXPECTED = {line.split()[0]: dict(zip(ROLES, line.split()[1:]))
            for line in TABLE.strip().splitlines()[1:]}
SAMPLE_VALUES = {"int": "987654", "path": "不存在的部门", "default": "no-such-thing"}


def _url(rule) -> str:
    """The rule with made-up values for its arguments."""
    def value(match):
        converter = match.group(1) or "default"
        if converter.startswith("any("):
            return converter[4:-1].split(",")[0].strip()
        return SAMPLE_VALUES.get(converter, SAMPLE_VALUES["default"])
    return re.sub(r"<(?:([^:<>]+):)?[^<>]+>", value, rule.rule)


def _routes(app):
    """Every route once per rule; logging out comes last, as it ends the session."""
    rules = sorted((r for r in app.url_map.iter_rules() if r.endpoint != "static"),
                   key=lambda r: (r.endpoint == "auth.logout", r.endpoint, r.rule))
    for rule in rules:
        method = "GET" if "GET" in rule.methods else "POST"
        yield rule.endpoint, method, _url(rule)


def test_every_route_is_in_the_table(app):
    endpoints = {endpoint for endpoint, _, _ in _routes(app)}
    assert sorted(endpoints - set(EXPECTED)) == [], "routes without a line in the access table"
    assert sorted(set(EXPECTED) - endpoints) == [], "lines for routes that no longer exist"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(app, role):
    client = app.test_client()
    own_link = None
    if role == "rater":
        with app.app_context():
            row = make_round(app, get_db(), raters=survey_raters(1))
        own_link = f"/r/{next(iter(row['tokens'].values()))}"
        assert client.get(own_link).status_code == 200
    elif role != "anonymous":
        response = client.post("/login", data={"username": role, "password": PASSWORDS[role]})
        assert response.status_code in (302, 303)
    wrong = []
    for endpoint, method, url in _routes(app):
        expected = EXPECTED[endpoint][role]
        if endpoint == "rate.rate" and own_link:
            url, method = own_link, "GET"
        response = client.open(url, method=method, data={})
        status, location = response.status_code, response.headers.get("Location", "")
        if expected == "login":
            ok = status in (302, 303) and "/login" in location
        elif expected == "403":
            ok = status == 403
        elif expected == "token":
            ok = status == 404
        elif endpoint == "auth.logout":
            ok = status in (302, 303)  # signed out, back to the login page
        else:
            ok = status not in (401, 403) and not (status in (302, 303) and "/login" in location) and status < 500
        if not ok:
            wrong.append(f"{method} {url} ({endpoint}) as {role}: expected {expected}, got {status} {location}")
    assert wrong == []
