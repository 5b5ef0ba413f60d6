"""Two governments with one of every kind of object each, and accounts limited to one of them:
the database of the account-scope tests (issue 19, item 5), built once per session (conftest).

示例市 (OTHER) is the government the limited accounts must not see; 示例县 (OWN) is theirs. The
county's documents are city documents with every 示例市 replaced, so that no page of the county
can name the city by right: a page of a limited account that shows 示例市 shows what it must not.
`samples(db, name)` finds, for each kind of id a URL can carry, one of that government's.
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from unittest import mock

from webapp.roles import ALL_ROLES

from shared_paths import SAMPLE_CITY_SOURCE

OTHER, OWN = "示例市", "示例县"
FILES = ("01_shichang_jianguan.txt", "07_chengguan_zhifa.txt", "03_shengtai_huanjing.txt")
PASSWORD = "scoped-pass-1"
# Accounts limited to 示例县: one of every role signs in (`own-<role>`); `own-spare` is the account
# of 示例县 that the admin pages are pointed at (disabling it hurts no one). `other-staff` is
# limited to 示例市.
SIGNS_IN = {role: f"own-{role}" for role in ALL_ROLES}
LIMITED = {**{name: (role, OWN) for role, name in SIGNS_IN.items()},
           "own-spare": ("staff", OWN), "other-staff": ("staff", OTHER)}
BATCH = {OTHER: "batch-of-the-city", OWN: "batch-of-the-county"}


def build(app, db, password_method: str) -> None:
    """Documents, findings, rounds, systems, registers, ledgers and accounts of both governments
    (the accounts of one per role, unlimited, are made by the caller)."""
    from webapp import auth, store
    from webapp.services import detection, ingest

    uploads = Path(app.config["UPLOAD_FOLDER"])
    folder = uploads.parent / "scoped-sources"
    folder.mkdir()
    for name in FILES:
        text = (SAMPLE_CITY_SOURCE / name).read_text(encoding="utf-8")
        (folder / name).write_text(text, encoding="utf-8")
        (folder / f"county-{name}").write_text(text.replace(OTHER, OWN), encoding="utf-8")
        for path in (folder / name, folder / f"county-{name}"):
            ingest.import_path(db, path, uploads, None, app.config["MAX_CONTENT_LENGTH"])
    with mock.patch.object(auth, "PASSWORD_METHOD", password_method):
        users = {name: auth.create_user(db, name, PASSWORD, role, governments=[government],
                                        unit=_unit(db, role, government))
                 for name, (role, government) in LIMITED.items()}
    for government_name in (OTHER, OWN):
        government = store.documents.get_government_by_name(db, government_name)
        assert detection.detect_now(db, government["id"])["found"] > 0, government_name
        _objects(app, db, government, uploads)
        owner = users["other-staff" if government_name == OTHER else "own-staff"]
        store.jobs.add_job(db, BATCH[government_name], owner, f"{government_name}测试文件.txt", None, "failed", "测试")


def _unit(db, role: str, government_name: str) -> dict | None:
    """A 被评估单位 account stands for the government's first department: the unit of its campaign."""
    from webapp import store

    if role != "unit":
        return None
    government = store.documents.get_government_by_name(db, government_name)
    first = store.documents.government_department_names(db, government["id"])[0]
    return {"department_id": store.documents.department_ids(db, government["id"])[first]}


def _objects(app, db, government: dict, uploads: Path) -> None:
    from survey.evaluation.indicators import TEMPLATES, system_to_dict
    from survey.reform import leader_posts
    from survey.rounds import Round
    from webapp import store
    from webapp.services import problems, surveys

    name, government_id = government["name"], government["id"]
    departments = store.documents.government_department_names(db, government_id)
    ids = store.documents.department_ids(db, government_id)
    for kind in ("county", "public"):
        survey_round = Round(name=f"{name}{kind}评议", kind=kind, government=name, year=2024,
                             departments=departments)
        survey_round.validate()
        round_id = store.rounds.create_round(db, government_id, surveys.encode_round(survey_round), None)
        if kind == "county":
            row = store.rounds.get_round(db, round_id)
            raters = [{"name": f"{name}评议人{n}", "unit": f"{name}单位{n}", "group": "区市党政领导",
                       "departments": []} for n in range(3)]
            store.rounds.add_raters(db, round_id, raters, surveys.link_keys(app.config["SECRET_KEY"], row), None)
    system = TEMPLATES["seven"]()
    store.evaluations.create_system(db, government_id, f"{name}指标体系", system_to_dict(system), None, "seven")
    first = ids[departments[0]]
    _history(db, government_id, first, departments[0])
    today = dt.date.today()
    store.evaluations.add_rectification(db, government_id, first, {
        "problem": f"{name}整改问题", "measure": "整改措施", "owner": "责任人",
        "deadline": (today - dt.timedelta(days=3)).isoformat(), "origin": "其他", "source_ref": ""}, None)
    problem_id, _number = store.problems.add_problem(db, government_id, {
        "category": "混编混岗", "description": f"{name}机构编制问题", "measure": "整改",
        "found_on": (today - dt.timedelta(days=30)).isoformat(), "source": "实地抽查",
        "due_on": (today - dt.timedelta(days=1)).isoformat(), "department_ids": [first], "year": today.year}, None)
    saved = problems.save_attachment(uploads, io.BytesIO(f"{name}佐证".encode()), f"{name}佐证.txt")
    store.problems.add_attachment(db, problem_id, saved["file_name"], saved["stored_name"], saved["size"], None)
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": f"{name}评估活动", "year": 2024, "system_id": None, "deadlines": {}}, None)
    store.campaigns.add_material(db, campaign_id, f"{name}信息表", "", None)
    store.campaigns.set_units(db, campaign_id, [first], [first], None)
    saved = problems.save_attachment(uploads, io.BytesIO(f"{name}实地记录".encode()), f"{name}实地记录.txt",
                                     prefix="campaign-")
    store.campaigns.add_visit(db, campaign_id, first, {"visited_on": "2024-05-01", "notes": f"{name}实地抽查"},
                              [saved], None)
    _unit_work(db, uploads, name, campaign_id, first)
    _county_campaign(db, name, government_id)
    summary = leader_posts.snapshot([], {}, leader_posts.parse_quarter("2024-Q1")).to_dict(with_names=False)
    store.reform.save_leader_snapshot(db, government_id, "2024-Q1", summary, [], None)
    store.roll.save_roll(db, government_id, "2024-06-30", f"{name}实名制.xlsx", [
        {"department_id": first, "department_name": departments[0], "figures": {}, "note": ""}], None)
    _lists(db, government, departments)
    _daily_record(db, uploads, name, government_id, first)
    store.roll.add_adjustments(db, government_id, [
        {"department_id": first, "on_date": "2024-03-01", "kind": "核增", "post_kind": "行政编制", "count": 1,
         "counterpart": "", "document_no": f"{name}编〔2024〕1号", "note": ""}], None)
    _pilots(db, government_id, first, name)


def _pilots(db, government_id: int, first: int, name: str) -> None:
    """A 大科室 pilot batch holding the first department, with a typed division's posts."""
    from webapp.store import division_posts, pilots

    batch_id = pilots.add_batch(db, government_id, f"{name}第一批", None)
    pilots.assign(db, government_id, {first: batch_id}, None)
    division_posts.set_posts(db, first, {"办公室": 5}, None)


def _history(db, government_id: int, first: int, department: str) -> None:
    """Two frozen years (年度评估结果) of the first department, so that they compare."""
    from webapp.store import history

    system = {"id": None, "name": "体系", "version": "2024-01-01", "data": {},
              "levels": [{"name": "职能", "weight": 1}]}
    for year, total in ((2023, 80.0), (2024, 85.0)):
        history.freeze(db, government_id, year, system, "按分数线", [
            {"department_id": first, "department": department, "total": total, "rank": 1, "grade": "良好",
             "missing": 0, "levels": {"职能": total}}], None)


def _daily_record(db, uploads: Path, name: str, government_id: int, first: int) -> None:
    """A 只考一次 item verified 属实 with an evidence file."""
    from webapp.services import problems
    from webapp.store import daily_record

    item_id, _number = daily_record.add_item(db, government_id, {
        "department_id": first, "source": "督查", "on_date": "2024-04-01", "matter": f"{name}督查交办事项",
        "reference": "", "kind": "未办结", "year": 2024}, None)
    saved = problems.save_attachment(uploads, io.BytesIO(f"{name}核实记录".encode()), f"{name}核实记录.txt",
                                     prefix="daily-")
    daily_record.verify_item(db, item_id, "属实", verified_by_name=f"{name}核实人", verified_on="2024-04-10",
                             note=f"{name}核实属实", by=None, attachment=saved)


def _unit_work(db, uploads: Path, name: str, campaign_id: int, first: int) -> None:
    """What the unit itself did in the campaign: a reminder, a draft self-assessment with a material
    file, and a report of progress on a 整改 entry raised in the campaign."""
    from webapp import store
    from webapp.services import problems

    store.campaigns.add_reminders(db, campaign_id, [
        {"department_id": first, "phase": "self", "message": f"{name}提醒"}], None)
    [material] = store.campaigns.list_materials(db, campaign_id)
    saved = problems.save_attachment(uploads, io.BytesIO(f"{name}信息表".encode()), f"{name}信息表.txt",
                                     prefix="unit-")
    store.units.save_draft(db, campaign_id, first, {}, [{**saved, "material_id": material["id"]}], [], None)
    entry_id = store.campaigns.add_rectification_entry(db, campaign_id, first, {
        "problem": f"{name}评估整改问题", "measure": "整改措施", "owner": "责任人",
        "deadline": (dt.date.today() + dt.timedelta(days=30)).isoformat(), "origin": "评估意见",
        "source_ref": f"评估活动：{name}评估活动"}, None)
    saved = problems.save_attachment(uploads, io.BytesIO(f"{name}整改佐证".encode()), f"{name}整改佐证.txt",
                                     prefix="unit-")
    store.units.add_report(db, campaign_id, first, entry_id, f"{name}整改进展", [saved], None)


def _county_campaign(db, name: str, government_id: int) -> None:
    """A campaign evaluating a county registered under the government, with the county's filing
    (of an earlier year, so that the government's first campaign stays the department one)."""
    import datetime as dt

    from survey.campaigns import county_filing
    from survey.reform.roll import Count
    from webapp import store

    store.counties.register(db, government_id, [f"{name}甲旗"], None)
    [unit_id] = store.counties.unit_ids(db, government_id).values()
    campaign_id = store.campaigns.create_campaign(db, government_id, {
        "name": f"{name}旗市区评估", "year": 2023, "system_id": None, "deadlines": {}, "target": "counties"}, None)
    store.campaigns.set_units(db, campaign_id, [unit_id], [], None)
    filing = county_filing.Filing(dt.date(2023, 6, 30), {"政府工作部门": Count(20, 21)})
    store.counties.add_filing(db, campaign_id, unit_id, county_filing.to_dict(filing), "", None)


def _lists(db, government: dict, departments: list[str]) -> None:
    """A 职责边界清单 with one matter, its edition 1 and a pending request (batch 1) to remove it."""
    from survey.lists.kinds import KINDS
    from webapp import store
    from webapp.services import lists

    kind = KINDS["boundary"]
    raw = {"matter": f"{government['name']}清单事项", "field": "市场监管", "lead": departments[0],
           "assisting": departments[1:2], "duties": "主办部门负责，协办部门配合"}
    lists.decide(db, government, kind, lists.propose_add(db, government, kind, raw, "测试", None), True, "", None)
    lists.publish(db, government, kind, None)
    register = lists.list_id(db, government["id"], kind)
    [matter] = store.lists.draft(db, register)
    store.lists.propose(db, register, [{"action": "remove", "matter_id": matter["id"], "matter": matter["matter"],
                                        "old": matter["values"], "reason": "测试"}], None, batch=True)


def samples(db, government_name: str) -> dict[str, object]:
    """One id of `government_name` for every kind of id a URL of the app carries, by the name of
    the URL's parameter; `public_round_id` is for the pages of public rounds."""
    from webapp import store
    from webapp.store import history

    government = store.documents.get_government_by_name(db, government_name)
    assert government is not None
    government_id = government["id"]
    department = store.documents.government_departments(db, government_id)[0]
    version_id = store.documents.current_version_id(db, department["id"])
    rounds = {row["kind"]: row["id"] for row in store.rounds.list_rounds(db) if row["government_id"] == government_id}
    problem = store.problems.list_problems(db, government_id)[0]
    user = {OTHER: "other-staff", OWN: "own-spare"}[government_name]
    campaign = store.campaigns.list_campaigns(db, government_id)[0]
    county_campaign = next(row for row in store.campaigns.list_campaigns(db, government_id)
                           if row["target"] == "counties")
    lists_id = store.lists.get_list(db, government_id, "boundary")["id"]
    return {
        "government_id": government_id,
        "department_id": department["id"],
        "version_id": version_id,
        "key": store.findings.list_findings(db, government_id)[0]["key"],
        "round_id": rounds["county"],
        "public_round_id": rounds["public"],
        "system_id": store.evaluations.list_systems(db, government_id)[0]["id"],
        "entry_id": store.evaluations.list_rectifications(db, government_id)[0]["id"],
        "problem_id": problem["id"],
        "attachment_id": store.problems.list_attachments(db, problem["id"])[0]["id"],
        "snapshot_id": store.reform.list_leader_snapshots(db, government_id)[0]["id"],
        "batch": BATCH[government_name],
        "import_id": store.roll.list_roll_imports(db, government_id)[0]["id"],
        "adjustment_id": store.roll.list_adjustments(db, government_id)[0]["id"],
        "campaign_id": campaign["id"],
        "material_id": store.campaigns.list_materials(db, campaign["id"])[0]["id"],
        "file_id": store.campaigns.list_visits(db, campaign["id"])[0]["files"][0]["id"],
        "unit_file_id": store.units.list_files(db, campaign["id"], department["id"])[0]["id"],
        "reminder_id": store.campaigns.list_reminders(db, campaign["id"])[0]["id"],
        "campaign_entry_id": store.campaigns.list_rectifications(db, campaign["id"])[0]["id"],
        "report_id": store.units.list_reports(db, campaign["id"], department["id"])[0]["id"],
        "user_id": store.users.get_user_by_name(db, user)["id"],
        "matter_id": store.lists.draft(db, lists_id)[0]["id"],
        "change_id": store.lists.list_changes(db, lists_id)[0]["id"],
        "daily_item_id": _daily_item(db, government_id)["id"],
        "daily_file_id": _daily_file(db, government_id),
        "county_campaign_id": county_campaign["id"],
        "filing_id": store.counties.list_filings(db, county_campaign["id"])[0]["id"],
        "history_id": history.list_snapshots(db, government_id)[0]["id"],
    }


def _daily_item(db, government_id: int) -> dict:
    from webapp.store import daily_record

    return daily_record.list_items(db, government_id)[0]


def _daily_file(db, government_id: int) -> int:
    from webapp.store import daily_record

    return daily_record.list_files(db, _daily_item(db, government_id)["id"])[0]["id"]

