"""A lived-in demo city: what `sanding demo` adds after importing the sample city, so that every
page shows real content — a closed 市县评作为 round with enough answers to show results, an open
服务对象满意度 round with answers, both indicator systems with one of them scored, a few matters
confirmed into the 职责边界清单, 整改 entries (one overdue) and 机构编制问题 (one common to two
departments and overdue, one closed with its 销号说明). Deterministic: the same demo each
time. The raters and respondents are made up; the texts are the sample city's.
"""
from __future__ import annotations

import random
import secrets
from datetime import date, datetime, timedelta

from .. import store
from . import surveys

LABELS = ["好", "较好", "一般", "差"]
PUBLIC_LABELS = ["非常满意", "满意", "基本满意", "不满意"]


def populate(db, secret: str) -> list[str]:
    """Fill the demo database (after the sample city was imported); returns what was added, in Chinese."""
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
