"""A lived-in demo city: what `sanding demo` adds after importing the sample city, so that every
page shows real content — a closed 市县评作为 round with enough answers to show results, an open
服务对象满意度 round with answers, both indicator systems with one of them scored, a few matters
confirmed into the 职责边界清单, 整改 entries (one overdue) and 机构编制问题 (one common to two
departments and overdue, one closed with its 销号说明), two 实名制 imports (the current one with a
超编 and a 超职数 unit), a few 编制 adjustments and the three 清单 published (one request
pending). Deterministic: the same demo each time. The raters and respondents are made up; the texts
are the sample city's.
"""
from __future__ import annotations

import io
import random
import secrets
from datetime import date, datetime, timedelta
from pathlib import Path

from .. import store
from . import surveys

LABELS = ["好", "较好", "一般", "差"]
PUBLIC_LABELS = ["非常满意", "满意", "基本满意", "不满意"]


def populate(db, secret: str, uploads: Path | None = None) -> list[str]:
    """Fill the demo database (after the sample city was imported); returns what was added, in Chinese.
    `uploads` is where the demo unit's files go (none: its materials count as handed in on paper)."""
    government = store.documents.get_government_by_name(db, "示例市")
    if government is None:
        return []
    chance = random.Random(20261202)
    names = store.documents.government_department_names(db, government["id"])
    done = [_findings(db, government["id"])]
    done.append(_county_round(db, secret, government, names, chance))
    done.append(_public_round(db, government, names, chance))
    done.append(_scores(db, secret, government, names, chance))
    done.append(_rectifications(db, government["id"]))
    done.append(_problems(db, government["id"]))
    done.append(_campaign(db, government, chance, uploads))
    done.append(_unit_line(db))
    done.append(_lists(db, government))
    done.append(_roll(db, government["id"]))
    done.append(_adjustments(db, government["id"]))
    return [line for line in done if line]


def _findings(db, government_id: int) -> str:
    across = [f for f in store.findings.list_findings(db, government_id, scope="departments")
              if f["kind"] != "settled"][:4]
    for number, finding in enumerate(across[:3]):
        store.findings.set_decision(db, government_id, finding["key"], {
            "status": "confirmed", "lead": finding["department_a"], "assisting": [finding["department_b"]],
            "matter": "、".join(finding["data"]["terms"][:2]) or f"演示事项{number + 1}",
            "division_of_work": f"{finding['department_a']}牵头，{finding['department_b']}配合（演示）"}, None)
    if len(across) > 3:
        store.findings.set_decision(db, government_id, across[3]["key"],
                                    {"status": "dismissed", "reason": "对象不同（演示）"}, None)
    return f"职责交叉：确认 {min(3, len(across))} 处写入职责边界清单，排除 {max(0, len(across) - 3)} 处"


def _county_round(db, secret: str, government: dict, names: list[str], chance: random.Random) -> str:
    from survey.rounds import Round

    survey_round = Round(name="2025年度市县评作为（演示）", kind="county", government=government["name"],
                         year=2025, departments=names)
    survey_round.validate()
    round_id = store.rounds.create_round(db, government["id"], surveys.encode_round(survey_round), None)
    row = store.rounds.get_round(db, round_id)
    assert row is not None, "created just above"
    raters: list[dict] = [{"name": f"演示评议人{n}", "unit": f"示例县{n}", "group": group, "departments": []}
                          for n, group in enumerate(["区市党政领导"] * 8 + ["对口部门"] * 7)]
    ids = store.rounds.add_raters(db, round_id, raters, surveys.link_keys(secret, row), None)
    for rater, rater_id in zip(raters, ids):
        token = surveys.rater_token(secret, row, rater_id)
        answers = [{"department": name, "label": chance.choices(LABELS, weights=(5, 3, 2, 1))[0]} for name in names]
        surveys.submit(db, secret, row, token, rater["group"], answers)
    surveys.close(db, secret, row, None)
    return f"市县评作为：{len(raters)} 名评议人全部提交，轮次已结束，可查看结果"


PUBLIC_DIMENSIONS = ("服务态度", "办事效率", "廉洁自律")


def _public_round(db, government: dict, names: list[str], chance: random.Random) -> str:
    from survey.dimensions import Dimension
    from survey.rounds import Round

    closes = (datetime.now() + timedelta(days=30)).replace(microsecond=0)
    survey_round = Round(name="2025年度服务对象满意度（演示）", kind="public", government=government["name"],
                         year=2025, departments=names, closes=closes)
    # A questionnaire of several dimensions, as the seeds' offices ask (服务态度, 办事效率, 廉洁自律).
    survey_round.dimensions = [Dimension(name, survey_round.rating_scale) for name in PUBLIC_DIMENSIONS]
    survey_round.validate()
    round_id = store.rounds.create_round(db, government["id"], surveys.encode_round(survey_round), None)
    groups = list(survey_round.groups)
    count = 0
    for name in names[:6]:
        for _ in range(6):
            answer = {"department": name, "ratings": {
                dimension: chance.choices(PUBLIC_LABELS, weights=(4, 4, 2, 1))[0] for dimension in PUBLIC_DIMENSIONS}}
            store.rounds.submit_public(db, round_id, chance.choice(groups), [answer], date.today().isoformat(),
                                       secrets.token_hex(16))
            count += 1
    return f"服务对象满意度（{'、'.join(PUBLIC_DIMENSIONS)} 三个维度）：{count} 份答卷，轮次进行中"


def _scores(db, secret: str, government: dict, names: list[str], chance: random.Random) -> str:
    """Score every manual leaf of the first system; an automatic leaf without data (no 领导职数台账
    in the demo) is found 不适用 with that reason, so that the ranking is complete."""
    from .evaluations import evaluate_government, system_of

    systems = store.evaluations.list_systems(db, government["id"])
    if not systems:
        return ""
    system_row = systems[0]
    system = system_of(system_row)
    ids = store.documents.department_ids(db, government["id"])
    leaves = [leaf for leaf in system.leaves() if leaf.source == "manual"]
    for name in names:
        for leaf in leaves:
            value = round((leaf.max or 0) * chance.uniform(0.65, 1.0), 1)
            store.evaluations.set_score(db, system_row["id"], ids[name], leaf.path, value, "演示评分：查阅台账", None)
    outcome = evaluate_government(db, government, system_row, secret=secret)
    for evaluation in outcome.evaluations:
        for scored in evaluation.indicators:
            if scored.score is None and scored.source != "manual":
                store.evaluations.set_score(db, system_row["id"], ids[evaluation.department], tuple(scored.path), 0,
                                            f"演示：{scored.evidence}", None, not_applicable=True)
    return f"指标体系“{system_row['name']}”：{len(names)} 个部门已评分，可查看排名"


def _rectifications(db, government_id: int) -> str:
    ids = store.documents.department_ids(db, government_id)
    names = sorted(ids)[:2]
    today = date.today()
    for name, days, problem in ((names[0], -5, "内设机构职责表述与三定规定不一致（演示）"),
                                (names[-1], 30, "职责边界清单事项未在内设机构职责中落实（演示）")):
        store.evaluations.add_rectification(db, government_id, ids[name], {
            "problem": problem, "measure": "修订内设机构职责并报编办备案", "owner": "演示负责人",
            "deadline": (today + timedelta(days=days)).isoformat(), "origin": "评估意见", "source_ref": ""}, None)
    return "整改台账：2 项（其中 1 项已逾期）"


def _problems(db, government_id: int) -> str:
    ids = store.documents.department_ids(db, government_id)
    names = sorted(ids)[:3]
    today = date.today()
    store.problems.add_problem(db, government_id, {
        "category": "混编混岗", "description": "事业编制人员在机关内设机构工作（演示）", "measure": "年底前回原单位",
        "found_on": (today - timedelta(days=60)).isoformat(), "source": "实地抽查",
        "due_on": (today - timedelta(days=5)).isoformat(), "department_ids": [ids[names[0]], ids[names[1]]],
        "year": (today - timedelta(days=60)).year}, None)
    closed, _ = store.problems.add_problem(db, government_id, {
        "category": "不按规定挂牌", "description": "内设机构挂牌简称不规范（演示）", "measure": "按三定规定更换牌子",
        "found_on": (today - timedelta(days=30)).isoformat(), "source": "自查自纠",
        "due_on": (today + timedelta(days=30)).isoformat(), "department_ids": [ids[names[-1]]],
        "year": (today - timedelta(days=30)).year}, None)
    note = "已更换牌子，现场核实（演示）"
    store.problems.move_problem(db, closed, "已销号", closed_on=today.isoformat(), closing_note=note, note=note,
                                by=None)
    return "机构编制问题台账：2 项（其中 1 项涉及两个部门且已逾期，1 项已销号）"


# The demo's 实名制: 水利局 has two 行政编制 more than its 三定 approves (超编), 农业农村局 one 副职
# too many (超职数); the others are within their numbers, some with posts left empty (空编).
OVER_POSTS, OVER_LEADERS = "示例市水利局", "示例市农业农村局"


def _roll(db, government_id: int) -> str:
    from survey.reform.roll import approved_by_document

    from .roll import government_staffing

    ids = store.documents.department_ids(db, government_id)
    staffing = government_staffing(db, government_id)
    today = date.today()
    for as_of, current in ((date(today.year - 1, 12, 31), False), (today.replace(day=1), True)):
        units = []
        for number, name in enumerate(sorted(staffing)):
            posts, leaders = approved_by_document(staffing[name])
            if not posts and not leaders:
                continue
            # 核定 left empty: the checks take it from the 三定, as an office's sheet often does
            figures: dict = {"posts": {kind: {"approved": None, "actual": count - number % 3}
                                       for kind, count in posts.items()},
                             "leaders": {level: {"approved": None, "actual": count - (level == "内设机构领导")}
                                         for level, count in leaders.items()}}
            if current and name == OVER_POSTS and "行政编制" in posts:
                figures["posts"]["行政编制"]["actual"] = posts["行政编制"] + 2
                figures["posts"]["事业编制"] = {"approved": 12, "actual": 11}
            if current and name == OVER_LEADERS and "副职" in leaders:
                figures["leaders"]["副职"]["actual"] = leaders["副职"] + 1
            units.append({"department_id": ids[name], "department_name": name, "figures": figures,
                          "note": "演示数据" if number == 0 else ""})
        store.roll.save_roll(db, government_id, as_of.isoformat(), f"实名制{as_of.isoformat()}（演示）.xlsx", units,
                             None)
    return f"实名制：2 次导入（现行数据中{OVER_POSTS}超编、{OVER_LEADERS}超职数）"


def _adjustments(db, government_id: int) -> str:
    ids = store.documents.department_ids(db, government_id)
    year = date.today().year
    entries = [
        (OVER_POSTS, f"{year - 2}-03-10", "核增", "行政编制", 2, "", f"示编办〔{year - 2}〕5号",
         "新增河湖长制工作（演示）"),
        (OVER_POSTS, f"{year - 2}-09-01", "下沉", "行政编制", -1, "示例市城东街道办事处", f"示编办〔{year - 2}〕18号",
         "充实基层水利站（演示）"),
        (OVER_POSTS, f"{year - 1}-04-15", "收回", "事业编制", -2, "", f"示编办〔{year - 1}〕7号", "空编收回（演示）"),
        (OVER_LEADERS, f"{year - 1}-06-20", "上划", "行政编制", -1, "示例省农业农村厅", f"示编办〔{year - 1}〕11号",
         "（演示）"),
    ]
    store.roll.add_adjustments(db, government_id, [
        {"department_id": ids[name], "on_date": on, "kind": kind, "post_kind": post_kind, "count": count,
         "counterpart": counterpart, "document_no": number, "note": note}
        for name, on, kind, post_kind, count, counterpart, number, note in entries if name in ids], None)
    return f"编制调整台账：{len(entries)} 条（{OVER_POSTS}三条，跨两个年度）"


def _lists(db, government: dict) -> str:
    """The 清单 of corpus/sample_city/lists.json, imported and published: the 职责边界清单 twice (last
    year's edition, then this year's with the confirmed findings and one matter changed, so that the
    diff shows something), the others once; one request is left for an admin to decide."""
    import json
    from pathlib import Path

    import corpus
    from survey.lists.kinds import KINDS

    from . import lists

    source = Path(corpus.__file__).parent / "sample_city" / "lists.json"
    data = json.loads(source.read_text("utf-8"))
    today = date.today()
    for kind in KINDS.values():
        rows = [[None, *(row.get(header, "") for header in kind.headers)] for row in data[kind.key]]
        lists.import_rows(db, government, kind, rows, "演示数据", None, approve=True)
        first = kind.key == "boundary"
        lists.publish(db, government, kind, None, title=f"{today.year - 1}年版" if first else "",
                      today=date(today.year - 1, 3, 1) if first else today, note="演示数据")
    boundary = KINDS["boundary"]
    copied = lists.copy_findings(db, government, None, approve=True)
    register = lists.list_id(db, government["id"], boundary)
    draft = {matter.name: matter for matter in lists.draft_matters(db, register)}
    gas, school = draft["燃气安全监督管理"], draft["校外培训机构监管"]
    assert gas.id is not None and school.id is not None, "draft matters have ids"
    joint = gas.text("duties") + "各部门建立燃气安全联合检查和信息共享机制。"
    change = lists.propose_edit(db, government, boundary, gas.id, {**gas.values, "duties": joint}, "动态调整（演示）",
                                None)
    lists.decide(db, government, boundary, change, True, "同意（演示）", None)
    lists.publish(db, government, boundary, None, note="演示数据：增加职责交叉识别确认的事项")
    lists.propose_edit(db, government, boundary, school.id, {
        **school.values, "assisting": [*school.values["assisting"], "示例市公安局"]},
        "公安局参与无证办学联合执法（演示，待审核）", None)
    return (f"清单：职责边界清单 2 个版本（第2版增加职责交叉确认的 {copied.added} 项），"
            "审批监管清单、属地管理清单各 1 个版本，1 项变更申请待审核")


CAMPAIGN_SEEDS = (20250601, 20250602)  # the draws of the demo campaign: units in scope, then 实地抽查
CAMPAIGN_MATERIALS = ("自查报告", "机构编制情况信息表", "履职情况信息表")
CAMPAIGN_PLAN = ("一、评估范围：随机抽取 6 个市直部门（随机种子见抽取记录），其中 2 个实地抽查。\n"
                 "二、评估方法：查阅资料、座谈访谈、实地查看，按“市直部门六个方面”指标体系评分。\n"
                 "三、时间安排：各单位按期报送自查报告和信息表；编办组织评估和实地抽查后书面反馈，"
                 "各单位按反馈意见整改。")


def _campaign(db, government: dict, chance: random.Random, uploads: Path | None = None) -> str:
    """A campaign under way in 评估/抽查, drawing on the city's rounds: six units drawn with a seed and
    two of them for 实地抽查 (one visited), the 方案 published with its materials list, every unit
    but one submitted (that one is late: the 自查自评 deadline has passed), and the system not yet
    scored by `_scores` scored for two units in full and one in part. The first unit signs in
    itself (DEMO_UNIT_ACCOUNT): its self-assessment is submitted, beside the evaluators' scores."""
    from . import campaigns as campaign_service
    from .evaluations import system_of

    systems = store.evaluations.list_systems(db, government["id"])
    today = date.today()
    offsets = {"plan": -40, "self": -7, "review": 21, "feedback": 45, "rectify": 120}
    name = f"{today.year}年度机构编制评估（演示）"
    campaign_id = store.campaigns.create_campaign(db, government["id"], {
        "name": name, "year": today.year, "system_id": systems[-1]["id"] if systems else None,
        "deadlines": {phase: (today + timedelta(days=days)).isoformat() for phase, days in offsets.items()}}, None)
    store.campaigns.set_plan(db, campaign_id, CAMPAIGN_PLAN, (today - timedelta(days=45)).isoformat(), None)
    materials = [store.campaigns.add_material(db, campaign_id, material, "", None) for material in CAMPAIGN_MATERIALS]
    store.campaigns.set_rounds(db, campaign_id, [row["id"] for row in store.rounds.list_rounds(db)
                                                 if row["government_id"] == government["id"]], None)
    campaign = store.campaigns.get_campaign(db, campaign_id)
    assert campaign is not None, "created just above"
    _seed, drawn = campaign_service.draw_units(db, campaign, "scope", 6, CAMPAIGN_SEEDS[0], None)
    _seed, site = campaign_service.draw_units(db, campaign, "site", 2, CAMPAIGN_SEEDS[1], None)
    ids = store.documents.department_ids(db, government["id"])
    late = [unit for unit in drawn if unit not in site][-1]
    for number, unit in enumerate(unit for unit in drawn if unit != late):
        if unit == drawn[0]:
            continue  # the demo unit submits itself, below
        store.campaigns.add_submission(db, campaign_id, ids[unit], {
            "submitted_on": (today - timedelta(days=12 - number)).isoformat(), "note": "纸质材料已收（演示）"},
            materials, [], None)
    store.campaigns.add_visit(db, campaign_id, ids[site[0]], {
        "visited_on": (today - timedelta(days=3)).isoformat(), "people": "分管副局长、办公室主任、业务科室负责人",
        "materials": "三定规定、机构编制管理证、科室职责分工文件、年度工作总结",
        "notes": "内设机构按三定规定设置，科室挂牌规范；个别科室职责分工文件未随职责调整更新（演示）。"}, [], None)
    if systems:
        leaves = [leaf for leaf in system_of(systems[-1]).leaves() if leaf.source == "manual"]
        for unit, count in ((drawn[0], len(leaves)), (drawn[1], len(leaves)), (drawn[2], len(leaves) // 2)):
            for leaf in leaves[:count]:
                value = round((leaf.max or 0) * chance.uniform(0.7, 1.0), 1)
                store.evaluations.set_score(db, systems[-1]["id"], ids[unit], leaf.path, value, "演示评分：查阅资料",
                                            None)
    _unit_self_assessment(db, campaign, ids[drawn[0]], chance, uploads, today - timedelta(days=10))
    return f"评估活动“{name}”：评估/抽查阶段，随机抽取 6 个单位、其中 2 个实地抽查（1 个已实地），{late}自查自评逾期"


# The demo's 被评估单位 account (username, role, password, name), printed with the others.
DEMO_UNIT_ACCOUNT = ("unit", "unit", "unit-demo", "演示被评估单位")


def _unit_line(db) -> str:
    user = store.users.get_user_by_name(db, DEMO_UNIT_ACCOUNT[0])
    unit = store.units.get_account_unit(db, user["id"]) if user else None
    return f"被评估单位：{unit['name']}以账号 {DEMO_UNIT_ACCOUNT[0]} 自行提交了自查自评" if unit else ""


def _unit_self_assessment(db, campaign: dict, department_id: int, chance: random.Random, uploads: Path | None,
                          day: date) -> None:
    """The demo unit's account and its submitted self-assessment: a score and 自评说明 on every leaf
    (units rate themselves high: one leaf well above the evaluators', so the difference shows), a
    file per material and one piece of evidence."""
    from ..auth import create_user
    from . import problems as evidence
    from .units import FILE_PREFIX, leaves_of

    username, role, password, display_name = DEMO_UNIT_ACCOUNT
    user_id = create_user(db, username, password, role, display_name, unit={"department_id": department_id})
    leaves = leaves_of(db, campaign)
    scores = {leaf.path: {"value": round(leaf.max * (1.0 if number == 0 else chance.uniform(0.85, 1.0)), 1),
                          "note": f"对照“{leaf.path[-1]}”逐项自查：相关制度健全，台账齐全（演示）。"}
              for number, leaf in enumerate(leaves)}
    files: list[dict] = []
    materials = store.campaigns.list_materials(db, campaign["id"])
    if uploads is not None:
        for material in materials:
            saved = evidence.save_attachment(uploads, io.BytesIO(f"{material['name']}（演示）".encode()),
                                             f"{material['name']}.txt", prefix=FILE_PREFIX)
            files.append({**saved, "material_id": material["id"]})
        if leaves:
            saved = evidence.save_attachment(uploads, io.BytesIO("制度汇编目录（演示）".encode()), "制度汇编目录.txt",
                                             prefix=FILE_PREFIX)
            files.append({**saved, "path": leaves[0].path})
    store.units.save_draft(db, campaign["id"], department_id, scores, files, [], user_id)
    store.units.submit(db, campaign["id"], department_id, day.isoformat(), False, [m["id"] for m in materials], user_id)
