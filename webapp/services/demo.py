"""A lived-in demo city: what `sanding demo` adds after importing the sample city, so that every
page shows real content — a closed 市县评作为 round with enough answers to show results, an open
服务对象满意度 round with answers, both indicator systems with one of them scored, a few matters
confirmed into the 职责边界清单, 整改 entries (one overdue) and 机构编制问题 (one common to two
departments and overdue, one closed with its 销号说明), two 实名制 imports (the current one with a
超编 and a 超职数 unit), a few 编制 adjustments, this quarter's 领导职数台账 and the three 清单
published (one request pending). Deterministic: the same demo each time. The raters, respondents and
office holders are made up; the texts are the sample city's.
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
    done.append(_counties(db, government, chance))
    done.append(_lists(db, government))
    done.append(_roll(db, government["id"]))
    done.append(_adjustments(db, government["id"]))
    done.append(_leader_ledger(db, government["id"]))
    done.append(_daily_record(db, government))
    done.append(_pilots(db, government["id"]))
    done.append(_history(db, secret, government))
    return [line for line in done if line]


# 大科室 pilot batches as 酒泉 ran them: the departments with a pre-reform version first, then others.
PILOT_BATCHES = {"第一批": ("示例市商务局", "示例市水利局", "示例市交通运输局"),
                 "第二批": ("示例市农业农村局", "示例市生态环境局")}
# 各内设机构编制数 typed for 示例市商务局 (its 三定 gives none): 3 to 9 a 大科室, as in 酒泉.
PILOT_POSTS = (5, 4, 6, 3, 9, 4, 3)


def _pilots(db, government_id: int) -> str:
    from ..store import division_posts, pilots
    from . import ingest

    ids = store.documents.department_ids(db, government_id)
    assigned = 0
    for name, members in PILOT_BATCHES.items():
        batch_id = pilots.add_batch(db, government_id, name, None)
        assigned += pilots.assign(db, government_id, {ids[m]: batch_id for m in members if m in ids}, None)
    typed = 0
    version_id = store.documents.current_version_id(db, ids["示例市商务局"]) if "示例市商务局" in ids else None
    if version_id:
        divisions = [d.name for d in ingest.version_document(db, version_id).divisions]
        typed = division_posts.set_posts(db, ids["示例市商务局"], dict(zip(divisions, PILOT_POSTS)), None)
    return f"大科室试点：{len(PILOT_BATCHES)} 个批次 {assigned} 个部门，示例市商务局录入 {typed} 个内设机构的编制数"


def _history(db, secret: str, government: dict) -> str:
    """The two years before this one frozen as 年度评估结果, so that the trend and the comparison show:
    the scored system's results now, lowered a little more for each year back (most departments
    improved), and without the last department two years ago (it shows as 新增). This year is left
    for the office to freeze."""
    from survey.evaluation.evaluate import Grading
    from survey.evaluation.history import competition_ranks, first_levels, frozen_rows, grading_text
    from survey.evaluation.indicators import system_to_dict

    from ..store import history as history_store
    from .evaluations import evaluate_government

    systems = store.evaluations.list_systems(db, government["id"])
    if not systems:
        return ""
    system_row, chance, grading = systems[0], random.Random(2024), Grading()
    outcome = evaluate_government(db, government, system_row, secret=secret)
    ids = outcome.departments
    now = [{**row, "department_id": ids[row["department"]],
            "version_id": store.documents.current_version_id(db, ids[row["department"]])}
           for row in frozen_rows(outcome.system, outcome.evaluations)]
    system = {"id": system_row["id"], "name": system_row["name"], "version": system_row["updated_at"],
              "data": system_to_dict(outcome.system), "levels": first_levels(outcome.system)}
    years = [date.today().year - 2, date.today().year - 1]
    step = {row["department_id"]: chance.uniform(-0.5, 3) for row in now}  # most improved, a few did not
    for back, year in zip((2, 1), years):
        rows = [dict(row) for row in (now[:-1] if back == 2 else now) if row["total"] is not None]
        for row in rows:
            lower = step[row["department_id"]] * back + chance.uniform(-0.5, 0.5)
            row["total"] = _within_100(row["total"] - lower)
            row["levels"] = {name: None if share is None else _within_100(share - lower * chance.uniform(0.5, 1.5))
                             for name, share in row["levels"].items()}
        ranks = competition_ranks({index: row["total"] for index, row in enumerate(rows)})
        for index, row in enumerate(rows):
            row["rank"] = rank = ranks[index]
            row["grade"] = grading.grade(row["total"], rank, len(rows)) if rank is not None else None
        history_store.freeze(db, government["id"], year, system, grading_text(grading), rows, None)
    return f"年度评估结果：{years[0]}年、{years[1]}年已冻结，可在部门档案中查看历年趋势"


def _within_100(value: float) -> float:
    return round(min(100.0, max(0.0, value)), 2)


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


# Made-up holders' names for the demo 领导职数台账 (deterministic: surname and given name by position).
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林"
GIVEN = ("建国", "晓东", "丽华", "志强", "海燕", "文博", "国庆", "玉兰")


def _leader_ledger(db, government_id: int) -> str:
    """This quarter's 领导职数台账 from a made-up holder list: every leader post of each current 三定
    held, 农业农村局 one of its titles over (as in its 实名制 row), the first department one post vacant."""
    from survey.reform import leader_posts as ledger

    from .roll import government_staffing

    ids = store.documents.department_ids(db, government_id)
    today = date.today()
    holders, number = [], 0
    approved: dict[str, dict[str, int]] = {}
    for index, (name, staffing) in enumerate(sorted(government_staffing(db, government_id).items())):
        approved[name] = {leader.title: leader.count for leader in staffing.leaders}
        for leader in staffing.leaders:
            count = leader.count - (index == 0 and leader is staffing.leaders[-1])
            count += name == OVER_LEADERS and leader.title.startswith("副")
            for _ in range(max(0, count)):
                person = SURNAMES[number % len(SURNAMES)] + GIVEN[number // len(SURNAMES) % len(GIVEN)]
                since = date(today.year - 1 - number % 4, 1 + number % 12, 1)
                holders.append(ledger.Holder(name, person, leader.title, "正处级" if leader.title in ("局长", "主任")
                                             else "副处级", since))
                number += 1
    if not holders:
        return ""
    snap = ledger.snapshot(holders, approved, ledger.quarter_end(today.year, (today.month - 1) // 3 + 1))
    store.reform.save_leader_snapshot(db, government_id, ledger.quarter_key(today), snap.to_dict(), [
        {"department_id": ids.get(h.department), "department_name": h.department, "name": h.name, "post": h.title,
         "level": h.rank, "since": h.since.isoformat()} for h in holders], None)
    over = [name for name, totals in snap.departments().items() if totals["over"]]
    return f"领导职数台账：{snap.quarter} {len(holders)} 名任职人员（{'、'.join(over) or '无'}超职数）"


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
# The demo unit's feedback: no problem in it, so the board finds nothing to rectify (整改 不适用).
CAMPAIGN_FEEDBACK = ("经评估，你单位自查自评材料齐全，各项指标评分已完成，职能配置、机构设置和编制使用总体规范。"
                     "请继续巩固，评估结果以通报为准。（演示）")
CAMPAIGN_PLAN = ("一、评估范围：随机抽取 6 个市直部门（随机种子见抽取记录），其中 2 个实地抽查。\n"
                 "二、评估方法：查阅资料、座谈访谈、实地查看，按“市直部门六个方面”指标体系评分。\n"
                 "三、时间安排：各单位按期报送自查报告和信息表；编办组织评估和实地抽查后书面反馈，"
                 "各单位按反馈意见整改。")


def _campaign(db, government: dict, chance: random.Random, uploads: Path | None = None) -> str:
    """A campaign under way in 评估/抽查, drawing on the city's rounds: six units drawn with a seed and
    two of them for 实地抽查 (one visited), the 方案 published with its materials list, every unit
    but one submitted (that one is late: the 自查自评 deadline has passed), and the system not yet
    scored by `_scores` scored for two units in full and one in part. The first unit signs in
    itself (DEMO_UNIT_ACCOUNT): its self-assessment is submitted, beside the evaluators' scores, and
    being scored in full it has the office's feedback, waiting for the unit to acknowledge it."""
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
    store.campaigns.set_feedback(db, campaign_id, ids[drawn[0]], CAMPAIGN_FEEDBACK, None)
    return f"评估活动“{name}”：评估/抽查阶段，随机抽取 6 个单位、其中 2 个实地抽查（1 个已实地），{late}自查自评逾期"


DEMO_COUNTIES = ("东山县", "西河旗", "南湖区")
# The demo's county account (username, password, name): 西河旗 as a whole.
DEMO_COUNTY_ACCOUNT = ("county", "county-demo", "西河旗编办")


def _counties(db, government: dict, chance: random.Random) -> str:
    """A campaign evaluating the city's three counties (旗市区) on a small system of their own (3 大项):
    two scored in full, so the city's view ranks them; 西河旗 signs in itself (DEMO_COUNTY_ACCOUNT),
    its 自查自评 submitted and its 机构编制 figures filed, waiting for 审核备案."""
    from survey.campaigns import county_filing
    from survey.evaluation.indicators import Indicator, IndicatorSystem, system_to_dict
    from survey.reform.roll import Count, RollUnit

    from ..auth import create_user

    system = IndicatorSystem("旗市区机构改革评估指标（演示）", [
        Indicator(("机构设置",), 0.35), Indicator(("机构设置", "党政机构限额执行"), 0.5, 10, "manual"),
        Indicator(("机构设置", "内设机构规范设置"), 0.5, 10, "manual"),
        Indicator(("编制和领导职数",), 0.35), Indicator(("编制和领导职数", "不超编进人"), 0.5, 10, "manual"),
        Indicator(("编制和领导职数", "不超职数配备领导"), 0.5, 10, "manual"),
        Indicator(("职能转变",), 0.3), Indicator(("职能转变", "简政放权落实"), 1, 10, "manual")])
    system.validate()
    system_id = store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None,
                                                target="counties")
    store.counties.register(db, government["id"], list(DEMO_COUNTIES), None)
    ids = store.counties.unit_ids(db, government["id"])
    today = date.today()
    offsets = {"plan": -30, "self": 5, "review": 30, "feedback": 50, "rectify": 120}
    name = f"{today.year}年度旗市区机构改革评估（演示）"
    campaign_id = store.campaigns.create_campaign(db, government["id"], {
        "name": name, "year": today.year, "system_id": system_id, "target": "counties",
        "deadlines": {phase: (today + timedelta(days=days)).isoformat() for phase, days in offsets.items()}}, None)
    store.campaigns.set_plan(db, campaign_id, "一、评估范围：东山县、西河旗、南湖区。\n二、各旗市区对照指标自查自评，"
                             "报送机构编制和领导职数数据审核备案。", (today - timedelta(days=30)).isoformat(), None)
    store.campaigns.set_units(db, campaign_id, list(ids.values()), [], None)
    leaves = [leaf.path for leaf in system.leaves()]
    for county in ("东山县", "南湖区"):
        for path in leaves:
            store.evaluations.set_score(db, system_id, ids[county], path, round(chance.uniform(7, 10), 1),
                                        "演示评分：查阅资料", None)
    username, password, display_name = DEMO_COUNTY_ACCOUNT
    found = store.documents.get_government_by_name(db, "西河旗")
    assert found is not None, "registered just above"
    county_id = found["id"]
    user_id = create_user(db, username, password, "unit", display_name, unit={"government_id": county_id})
    store.units.save_draft(db, campaign_id, ids["西河旗"], {
        path: {"value": 9.0, "note": "对照指标逐项自查（演示）。"} for path in leaves}, [], [], user_id)
    store.units.submit(db, campaign_id, ids["西河旗"], (today - timedelta(days=2)).isoformat(), False, [], user_id)
    institutions = {"党委工作机关": Count(9, 9), "政府工作部门": Count(21, 22)}
    filing = county_filing.Filing(today - timedelta(days=3), institutions,
                                  RollUnit("合计", {"行政编制": Count(420, 411)},
                                           {"正职": Count(30, 30), "副职": Count(72, 74)}), note="演示数据")
    store.counties.add_filing(db, campaign_id, ids["西河旗"], county_filing.to_dict(filing), "", user_id)
    return (f"旗市区评估活动“{name}”：3 个旗市区，2 个已评分；西河旗以账号 {username}（密码 {password}）"
            "提交了自查自评并报送机构编制数据待备案")


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


# The demo's 只考一次: (department index, source, fraction of the year gone, matter, 情形, 核实结果).
DAILY_ITEMS = (
    (0, "批办", 0.10, "市领导批示：梳理本系统审批事项办理时限（演示）", "按时办结", "属实"),
    (1, "督查", 0.25, "两办督查通知：推进基层执法力量下沉（演示）", "逾期办结", "属实"),
    (1, "热线", 0.40, "12345 工单：群众反映投诉处理不及时（演示）", "未办结", "属实"),
    (2, "举报", 0.50, "相关部门反映：联合检查中推诿扯皮、不履行牵头职责（演示）", "推诿扯皮", "属实"),
    (0, "举报", 0.60, "反映：擅自调整内设机构人员编制（演示）", "干预机构编制", "不属实"),
    (2, "批办", 0.70, "市领导批示：完善行业安全生产监管制度（演示）", "按时办结", "属实"),
    (2, "热线", 0.90, "12345 工单：企业咨询事项转办（演示）", "按时办结", "待核实"),
)
DAILY_LEAVES = {
    ("职责边界与协同", "职责边界清单落实"): (
        "daily:举报", "自动（只考一次）：部门反映的推诿扯皮、干预机构编制等问题经核实属实的，每项扣 1 分。"),
    ("职责边界与协同", "牵头事项落实"): (
        "daily-rate", "自动（只考一次）：领导批办、督查交办、热线转办事项的办结率"
                      "（核实属实的办结数 ÷ 交办数）乘满分。")}


def _daily_record(db, government: dict) -> str:
    """A handful of 只考一次 items of this year (verified but one), and the 市直部门六个方面 system
    taking two leaves from them, so that its department pages show the items behind the values."""
    from survey.evaluation.indicators import system_from_dict, system_to_dict

    from ..store import daily_record as items_store

    ids = store.documents.department_ids(db, government["id"])
    names = sorted(store.documents.government_department_names(db, government["id"]))[:3]
    today = date.today()
    start = date(today.year, 1, 1)
    for index, source, share, matter, kind, status in DAILY_ITEMS:
        on = start + timedelta(days=int((today - start).days * share))
        verified = status != "待核实"
        items_store.add_item(db, government["id"], {
            "department_id": ids[names[index % len(names)]], "source": source, "on_date": on.isoformat(),
            "matter": matter, "reference": "", "kind": kind, "year": on.year, "status": status,
            "verified_by_name": "演示工作人员" if verified else "",
            "verified_on": min(today, on + timedelta(days=7)).isoformat() if verified else None,
            "verify_note": ("经调阅办理记录、电话回访核实（演示）" if verified else "")}, None)
    for row in store.evaluations.list_systems(db, government["id"]):
        if row["template"] == "city":
            system = system_from_dict(row["data"])
            for indicator in system.indicators:
                if indicator.path in DAILY_LEAVES:
                    indicator.source, indicator.description = DAILY_LEAVES[indicator.path]
                    indicator.deduction, indicator.floor = 1.0, 0.0
            store.evaluations.update_system(db, row["id"], row["name"], system_to_dict(system), None)
    return f"只考一次：{len(DAILY_ITEMS)} 项日常考核事项（1 项待核实），“市直部门六个方面”两项指标取自该台账"

