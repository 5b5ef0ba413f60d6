"""Every route × every role with the expected answer, checked by walking the app's URL map.

The table below is written by hand, apart from the access rules on the views
themselves: a route added without a line here fails, and so does a rule that
changes on one side only. Values: ok (the role gets past the access check; a
made-up id then gives 404, which is fine), login (sent to the login page),
403, token (a rater page: a made-up token is 404). The rater is a phone that
opened its own valid link (/r/<token>) and nothing else: it may rate and
is anonymous everywhere else. The unit is a 被评估单位 account: its own pages
(unit_portal) and its account only; every page of the office is a 403.
"""
from __future__ import annotations

import re

import pytest

from webapp.database import get_db
from webapp.roles import ALL_ROLES

from conftest import PASSWORDS, make_round, survey_raters

ROLES = ["anonymous", "rater", "staff", "evaluator", "admin", "unit"]
TABLE = """
endpoint                         anonymous rater  staff  evaluator admin     unit
admin.audit                      login     login  403    403       ok        403
admin.users                      login     login  403    403       ok        403
admin.reset_password             login     login  403    403       ok        403
admin.set_active                 login     login  403    403       ok        403
archive.department               login     login  ok     ok        ok        403
archive.department_docx          login     login  ok     ok        ok        403
admin.set_scope                  login     login  403    403       ok        403
auth.login                       ok        ok     ok     ok        ok        ok
auth.change_password             login     login  ok     ok        ok        ok
auth.logout                      login     login  ok     ok        ok        ok
campaign_notice.letter           login     login  ok     ok        ok        403
campaign_notice.letters          login     login  ok     ok        ok        403
campaign_notice.notice           login     login  ok     ok        ok        403
campaign_notice.page             login     login  ok     ok        ok        403
campaigns.add_material           login     login  403    ok        ok        403
campaigns.board                  login     login  ok     ok        ok        403
campaigns.create                 login     login  403    ok        ok        403
campaigns.draw                   login     login  403    ok        ok        403
campaigns.edit                   login     login  403    ok        ok        403
campaigns.feedback               login     login  403    ok        ok        403
campaigns.file                   login     login  ok     ok        ok        403
campaigns.index                  login     login  ok     ok        ok        403
campaigns.plan                   login     login  403    ok        ok        403
campaigns.rectification          login     login  403    ok        ok        403
campaigns.remind                 login     login  403    ok        ok        403
campaigns.remind_late            login     login  403    ok        ok        403
campaigns.reminders              login     login  ok     ok        ok        403
campaigns.reminders_xlsx         login     login  ok     ok        ok        403
campaigns.remove_material        login     login  403    ok        ok        403
campaigns.rounds                 login     login  403    ok        ok        403
campaigns.settings               login     login  ok     ok        ok        403
campaigns.submission             login     login  403    ok        ok        403
campaigns.unit                   login     login  ok     ok        ok        403
campaigns.units                  login     login  403    ok        ok        403
campaigns.visit                  login     login  403    ok        ok        403
counties.decide                  login     login  403    ok        ok        403
counties.ranking                 login     login  ok     ok        ok        403
counties.register                login     login  403    ok        ok        403
county_portal.file               login     login  403    403       403       ok
county_portal.template           login     login  403    403       403       ok
daily_record.attach              login     login  ok     403       ok        403
daily_record.create              login     login  ok     403       ok        403
daily_record.detail              login     login  ok     ok        ok        403
daily_record.edit                login     login  ok     403       ok        403
daily_record.export              login     login  ok     ok        ok        403
daily_record.file                login     login  ok     ok        ok        403
daily_record.import_xlsx         login     login  ok     403       ok        403
daily_record.index               login     login  ok     ok        ok        403
daily_record.register            login     login  ok     ok        ok        403
daily_record.template            login     login  ok     ok        ok        403
daily_record.verify              login     login  ok     403       ok        403
documents.batch                  login     login  ok     403       ok        403
documents.batch_status           login     login  ok     403       ok        403
documents.correct                login     login  ok     403       ok        403
documents.delete                 login     login  ok     403       ok        403
documents.index                  login     login  ok     ok        ok        403
documents.naming                 login     login  ok     403       ok        403
documents.page_image             login     login  ok     ok        ok        403
documents.upload                 login     login  ok     403       ok        403
documents.version                login     login  ok     ok        ok        403
evaluations.ahp                  login     login  403    ok        ok        403
evaluations.ahp_adopt            login     login  403    403       ok        403
evaluations.close_leaves         login     login  403    403       ok        403
evaluations.combined_sheet       login     login  403    ok        ok        403
evaluations.conclusion           login     login  403    ok        ok        403
evaluations.create               login     login  403    ok        ok        403
evaluations.department           login     login  ok     ok        ok        403
evaluations.edit                 login     login  403    ok        ok        403
evaluations.export_xlsx          login     login  ok     ok        ok        403
evaluations.import_xlsx          login     login  403    ok        ok        403
evaluations.index                login     login  ok     ok        ok        403
evaluations.panel_progress       login     login  ok     ok        ok        403
evaluations.ranking              login     login  ok     ok        ok        403
evaluations.ranking_xlsx         login     login  ok     ok        ok        403
evaluations.reopen_leaves        login     login  403    403       ok        403
evaluations.report_docx          login     login  ok     ok        ok        403
evaluations.resolve              login     login  403    403       ok        403
evaluations.sheet                login     login  403    ok        ok        403
evaluations.score                login     login  403    ok        ok        403
evaluations.score_sheet          login     login  403    ok        ok        403
evaluations.set_panel            login     login  403    403       ok        403
evaluations.import_scores        login     login  403    ok        ok        403
evaluations.summary_docx         login     login  ok     ok        ok        403
evaluations.system               login     login  ok     ok        ok        403
history.compare_xlsx             login     login  ok     ok        ok        403
history.freeze                   login     login  403    ok        ok        403
history.government               login     login  ok     ok        ok        403
history.index                    login     login  ok     ok        ok        403
history.snapshot                 login     login  ok     ok        ok        403
index                            login     login  ok     ok        ok        ok
lists.changes                    login     login  ok     ok        ok        403
lists.decide                     login     login  403    403       ok        403
lists.decide_batch               login     login  403    403       ok        403
lists.diff                       login     login  ok     ok        ok        403
lists.diff_xlsx                  login     login  ok     ok        ok        403
lists.draft_xlsx                 login     login  ok     ok        ok        403
lists.edition                    login     login  ok     ok        ok        403
lists.edition_docx               login     login  ok     ok        ok        403
lists.edition_xlsx               login     login  ok     ok        ok        403
lists.fields                     login     login  ok     ok        ok        403
lists.from_findings              login     login  ok     403       ok        403
lists.government                 login     login  ok     ok        ok        403
lists.handbook                   login     login  ok     ok        ok        403
lists.handbook_index             login     login  ok     ok        ok        403
lists.import_xlsx                login     login  ok     403       ok        403
lists.index                      login     login  ok     ok        ok        403
lists.matter                     login     login  ok     ok        ok        403
lists.propose                    login     login  ok     403       ok        403
lists.propose_edit               login     login  ok     403       ok        403
lists.propose_remove             login     login  ok     403       ok        403
lists.publish                    login     login  403    403       ok        403
lists.register                   login     login  ok     ok        ok        403
lists.rename_field               login     login  403    403       ok        403
lists.save_fields                login     login  403    403       ok        403
lists.template                   login     login  ok     ok        ok        403
overlaps.boundary                login     login  ok     ok        ok        403
overlaps.boundary_docx           login     login  ok     ok        ok        403
overlaps.boundary_index          login     login  ok     ok        ok        403
overlaps.boundary_xlsx           login     login  ok     ok        ok        403
overlaps.confirm                 login     login  ok     403       ok        403
overlaps.department              login     login  ok     ok        ok        403
overlaps.detect                  login     login  ok     403       ok        403
overlaps.dismiss                 login     login  ok     403       ok        403
overlaps.finding                 login     login  ok     ok        ok        403
overlaps.findings                login     login  ok     ok        ok        403
overlaps.index                   login     login  ok     ok        ok        403
overlaps.reopen                  login     login  ok     403       ok        403
overlaps.status                  login     login  ok     ok        ok        403
pilots.add_batch                 login     login  ok     403       ok        403
pilots.assign                    login     login  ok     403       ok        403
pilots.export                    login     login  ok     ok        ok        403
pilots.import_sheet              login     login  ok     403       ok        403
pilots.page                      login     login  ok     ok        ok        403
problems.attach                  login     login  ok     403       ok        403
problems.attachment              login     login  ok     ok        ok        403
problems.create                  login     login  ok     403       ok        403
problems.detail                  login     login  ok     ok        ok        403
problems.edit                    login     login  ok     403       ok        403
problems.export                  login     login  ok     ok        ok        403
problems.import_xlsx             login     login  ok     403       ok        403
problems.index                   login     login  ok     ok        ok        403
problems.move                    login     login  ok     403       ok        403
problems.register                login     login  ok     ok        ok        403
problems.template                login     login  ok     ok        ok        403
rate.healthz                     ok        ok     ok     ok        ok        ok
rate.public_survey               ok        ok     ok     ok        ok        ok
rate.rate                        token     ok     token  token     token     token
rectification.create             login     login  403    ok        ok        403
rectification.export             login     login  ok     ok        ok        403
rectification.index              login     login  ok     ok        ok        403
rectification.ledger             login     login  ok     ok        ok        403
rectification.move               login     login  403    ok        ok        403
reform.checks                    login     login  ok     ok        ok        403
reform.compare                   login     login  ok     ok        ok        403
reform.compare_docx              login     login  ok     ok        ok        403
reform.division_posts            login     login  ok     403       ok        403
reform.index                     login     login  ok     ok        ok        403
reform.move                      login     login  ok     403       ok        403
reform.overview                  login     login  ok     ok        ok        403
reform.rules                     login     login  403    403       ok        403
reform.set_date                  login     login  ok     403       ok        403
reform.versions                  login     login  ok     ok        ok        403
roll.checks_xlsx                 login     login  ok     ok        ok        403
roll.data_xlsx                   login     login  ok     ok        ok        403
roll.government                  login     login  ok     ok        ok        403
roll.import_roll                 login     login  ok     403       ok        403
roll.imported                    login     login  ok     ok        ok        403
roll.index                       login     login  ok     ok        ok        403
roll.log                         login     login  ok     ok        ok        403
roll.log_create                  login     login  ok     403       ok        403
roll.log_delete                  login     login  ok     403       ok        403
roll.log_import                  login     login  ok     403       ok        403
roll.log_template                login     login  ok     ok        ok        403
roll.log_xlsx                    login     login  ok     ok        ok        403
roll.template                    login     login  ok     ok        ok        403
rounds.close                     login     login  403    403       ok        403
rounds.create                    login     login  403    403       ok        403
rounds.detail                    login     login  403    ok        ok        403
rounds.edit                      login     login  403    403       ok        403
rounds.import_raters             login     login  403    403       ok        403
rounds.index                     login     login  403    ok        ok        403
rounds.links_sheet               login     login  403    403       ok        403
rounds.links_xlsx                login     login  403    403       ok        403
rounds.progress                  login     login  403    403       ok        403
rounds.raw_export                login     login  403    ok        ok        403
rounds.public_qr                 login     login  403    403       ok        403
rounds.results                   login     login  403    ok        ok        403
rounds.results_export            login     login  403    ok        ok        403
staffing.ledger_holders          login     login  403    403       ok        403
staffing.ledger_import           login     login  ok     403       ok        403
staffing.ledger_index            login     login  ok     ok        ok        403
staffing.ledger_snapshot         login     login  ok     ok        ok        403
staffing.ledger_xlsx             login     login  ok     ok        ok        403
staffing.saturation_import       login     login  ok     403       ok        403
staffing.saturation_page         login     login  ok     ok        ok        403
staffing.saturation_settings     login     login  403    403       ok        403
unit_portal.acknowledge          login     login  403    403       403       ok
unit_portal.campaign             login     login  403    403       403       ok
unit_portal.file                 login     login  403    403       403       ok
unit_portal.home                 login     login  403    403       403       ok
unit_portal.read_reminder        login     login  403    403       403       ok
unit_portal.report               login     login  403    403       403       ok
unit_portal.save                 login     login  403    403       403       ok
unit_review.decide               login     login  403    ok        ok        403
unit_review.file                 login     login  ok     ok        ok        403
unit_review.reopen               login     login  403    ok        ok        403
"""
EXPECTED = {line.split()[0]: dict(zip(ROLES, line.split()[1:]))
            for line in TABLE.strip().splitlines()[1:]}
UNIT_PASSWORD = "unit-pass-1"
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
    short = [endpoint for endpoint, answers in EXPECTED.items() if len(answers) != len(ROLES)]
    assert short == [], f"lines without an answer for each of {ROLES}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer(app, role):
    client = app.test_client()
    own_link = None
    if role == "rater":
        with app.app_context():
            row = make_round(app, get_db(), raters=survey_raters(1))
        own_link = f"/r/{next(iter(row['tokens'].values()))}"
        assert client.get(own_link).status_code == 200
    elif role == "unit":  # a 被评估单位 account needs a unit: a government as a whole is one
        from webapp import store
        from webapp.auth import create_user
        with app.app_context():
            government_id = store.documents.get_or_create_government(get_db(), "示例县")
            create_user(get_db(), "unit", UNIT_PASSWORD, "unit", unit={"government_id": government_id})
        response = client.post("/login", data={"username": "unit", "password": UNIT_PASSWORD})
        assert response.status_code in (302, 303)
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


# --- accounts limited to some governments (issue 19, item 5) -------------------------------------
#
# The walks below need no table: every route a role may open is requested by an account of that
# role limited to 示例县, with its path filled from one government's objects (tests/scoped_city.py
# makes one of every kind in 示例市 and in 示例县). Every path parameter is an id unless NOT_IDS
# says otherwise, and scoped_city.samples must hold one of each government for it, so a route added
# later is walked as soon as it exists, and fails unless it checks the account's scope.

# Path parameters that name no object of a government.
NOT_IDS = {"number": "1"}
# Where a route's parameter must name an object of a particular kind (a sample under another name;
# for a parameter of NOT_IDS, a number that exists within the government the path names).
OWN_KIND = {("rounds.public_qr", "round_id"): "public_round_id",
            ("unit_portal.report", "entry_id"): "campaign_entry_id",
            **{(endpoint, "campaign_id"): "county_campaign_id"
               for endpoint in ("counties.ranking", "counties.register", "counties.decide")}}
# Routes that answer 404 for some valid ids of their own; their forged half still runs.
ALSO_404 = {"documents.page_image": "only a scanned original has page images"}
LIMITED_ROLES = list(ALL_ROLES)  # a role added later is walked too
_PARAMETER = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")


def _rules_for(app, role: str) -> list:
    """The rules of views that `role` may open (public and rater pages, and routes the role may
    not open, are the table's business above); logging out last."""
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"
             and role in getattr(app.view_functions[rule.endpoint], "access", ())]
    return sorted(rules, key=lambda r: (r.endpoint == "auth.logout", r.endpoint, r.rule))


def _ids(rule) -> list[str]:
    """The names of the rule's parameters that carry ids."""
    return [name for converter, name in _PARAMETER.findall(rule.rule)
            if name not in NOT_IDS and not converter.startswith("any(")]


def _values(rule, samples: dict) -> dict:
    """A government's samples by the names of the rule's parameters."""
    found = dict(samples)
    for (endpoint, name), kind in OWN_KIND.items():
        if endpoint == rule.endpoint:
            found[name] = samples[kind]
    return found


def _url_with(rule, values: dict) -> str:
    def value(match):
        converter, name = match.group(1) or "", match.group(2)
        if converter.startswith("any("):
            return converter[4:-1].split(",")[0].strip()
        if name in NOT_IDS and (rule.endpoint, name) not in OWN_KIND:
            return NOT_IDS[name]
        assert name in values, f"{rule.endpoint}: no sample for <{name}>: add one to tests/scoped_city.samples"
        return str(values[name])
    return _PARAMETER.sub(value, rule.rule)


def _limited_client(app, role: str):
    from scoped_city import PASSWORD, SIGNS_IN
    client = app.test_client()
    response = client.post("/login", data={"username": SIGNS_IN[role], "password": PASSWORD})
    assert response.status_code in (302, 303)
    return client


@pytest.mark.parametrize("role", LIMITED_ROLES)
def test_limited_accounts_get_404_for_every_id_of_another_government(app, two_governments, role):
    """Each id of 示例市 in a route's path, alone and all together, is a 404 for an account limited
    to 示例县 (as an id that does not exist: ids of other units cannot be probed); the same route
    with 示例县's ids gets past the scope."""
    from scoped_city import OTHER, OWN
    client = _limited_client(app, role)
    wrong, forged_routes = [], 0
    rules = [rule for rule in _rules_for(app, role) if _ids(rule)]
    for rule in rules:
        method = "GET" if "GET" in rule.methods else "POST"
        own, other = _values(rule, two_governments[OWN]), _values(rule, two_governments[OTHER])
        names = _ids(rule)
        missing = [name for name in names if name not in own or name not in other]
        if missing:
            wrong += [f"{rule.endpoint}: no sample for <{name}>: add one to tests/scoped_city.samples"
                      for name in missing]
            continue
        forged = [{**own, name: other[name]} for name in names] + ([other] if len(names) > 1 else [])
        for values in forged:
            url = _url_with(rule, values)
            with client.open(url, method=method, data={}) as response:  # closes a file sent
                status = response.status_code
            if status != 404:
                wrong.append(f"{method} {url} ({rule.endpoint}) with an id of {OTHER}: {status}, not 404")
        forged_routes += 1
    for rule in rules:  # after every forged request, as these may change what they name
        method = "GET" if "GET" in rule.methods else "POST"
        if any(name not in two_governments[OWN] for name in _ids(rule)):
            continue  # named above
        url = _url_with(rule, _values(rule, two_governments[OWN]))
        with client.open(url, method=method, data={}) as response:
            status, location = response.status_code, response.headers.get("Location", "")
        refused = status in (401, 403) or (status == 404 and rule.endpoint not in ALSO_404) \
            or (status in (302, 303) and "/login" in location) or status >= 500
        if refused:
            wrong.append(f"{method} {url} ({rule.endpoint}) with ids of {OWN}: {status} {location}")
    assert wrong == [], "\n".join(wrong)
    assert forged_routes >= {"staff": 55, "evaluator": 45, "admin": 80, "unit": 6}.get(role, 1)


def _readable(response) -> str | None:
    """What a page or download says: HTML, JSON and CSV as text, .xlsx and .docx as their XML."""
    import io
    import zipfile
    kind = response.headers.get("Content-Type", "")
    data = response.get_data()
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
                           if name.endswith(".xml"))
    if kind.startswith(("text/", "application/json")):
        return data.decode("utf-8", "replace")
    return None  # a page image, an evidence file sent as bytes


@pytest.mark.parametrize("role", LIMITED_ROLES)
def test_limited_accounts_see_nothing_of_another_government(app, two_governments, role):
    """Every page, list, export and status a limited role may open (its own ids in the path, the
    dashboard, indexes, the user list, the 操作记录) names nothing of 示例市."""
    from scoped_city import OTHER, OWN
    client = _limited_client(app, role)
    leaks, read = [], 0
    for rule in _rules_for(app, role):
        if "GET" not in rule.methods or rule.endpoint == "auth.logout":
            continue
        if any(name not in two_governments[OWN] for name in _ids(rule)):
            leaks.append(f"{rule.endpoint}: no sample for <{_ids(rule)}>: add one to tests/scoped_city.samples")
            continue
        url = _url_with(rule, _values(rule, two_governments[OWN]))
        with client.get(url, follow_redirects=True) as response:
            text = _readable(response) if response.status_code == 200 else None
        if text is None:
            continue
        read += 1
        for mark in (OTHER, "other-staff"):
            if mark in text:
                at = text.index(mark)
                leaks.append(f"GET {url} ({rule.endpoint}) shows “{mark}”: …{text[max(0, at - 80):at + 40]}…")
    assert leaks == [], "\n".join(leaks)
    assert read >= {"staff": 45, "evaluator": 45, "admin": 60, "unit": 3}.get(role, 1)
