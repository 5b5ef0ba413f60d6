"""大科室 verdicts against the answer key, and each rule on small hand-built structures."""
from __future__ import annotations

import json

import pytest

from docproc import parse
from docproc.findings import Finding, ItemRef
from docproc.model import Division, Document, Staffing
from survey.reform.rules import ReformRules, check, division_posts

from shared_paths import SAMPLE_CITY as CITY

KEY = json.loads((CITY / "previous_answers.json").read_text("utf-8"))["pairs"]


def _by_rule(verdicts):
    return {v.rule: v for v in verdicts}


@pytest.mark.parametrize("pair", KEY, ids=[p["new"] for p in KEY])
def test_verdicts_match_the_answer_key(pair):
    old, new = parse(CITY / pair["old"]), parse(CITY / pair["new"])
    for side, verdicts in (("new", check(new, old)), ("old", check(old, None))):
        got = _by_rule(verdicts)
        for rule, expected in pair["reform"][side].items():
            verdict = got[rule]
            assert verdict.passed is expected["passed"], (side, rule, verdict.explanation)
            for key, value in expected.items():
                if key != "passed":
                    assert verdict.numbers[key] == value, (side, rule, key)
            assert verdict.explanation


def _doc(names, posts=None, leaders=None, department="示例市测试局"):
    text = "，".join(f"{n}{p}名" for n, p in (posts or {}).items())
    return Document(file="t.txt", department=department,
                    divisions=[Division(name, f"{name}。负责。") for name in names],
                    staffing=Staffing(division_leaders=leaders, text=text))


def test_division_cut_threshold():
    before = _doc([f"第{i}科" for i in range(10)])
    assert _by_rule(check(_doc([f"第{i}科" for i in range(7)]), before))["division_cut"].passed is True
    verdict = _by_rule(check(_doc([f"第{i}科" for i in range(8)]), before))["division_cut"]
    assert verdict.passed is False and verdict.numbers["cut"] == 0.2
    assert "精简20.0%" in verdict.explanation
    assert _by_rule(check(before, None))["division_cut"].passed is None


def test_general_share_and_configurable_list():
    doc = _doc(["办公室", "人事科", "综合科", "业务一科", "业务二科"])
    verdict = _by_rule(check(doc, None))["general_share"]
    assert verdict.passed is False and verdict.numbers["general"] == 3 and verdict.numbers["total"] == 5
    rules = ReformRules(general_divisions=["办公室"])
    assert _by_rule(check(doc, None, rules))["general_share"].passed is True


def test_small_divisions_and_heads_by_posts():
    posts = {"办公室": 4, "一科": 5, "二科": 8, "三科": 2}
    doc = _doc(list(posts), posts, leaders=7)
    assert division_posts(doc) == posts
    verdicts = _by_rule(check(doc, None))
    assert verdicts["small_divisions"].passed is False
    assert verdicts["small_divisions"].numbers["small"] == {"三科": 2}
    heads = verdicts["division_heads"]
    # 4 → 1, 5 → 2, 8 → 3, 2 → 1: 7 allowed
    assert heads.numbers["allowed"] == 7 and heads.passed is True
    assert _by_rule(check(_doc(list(posts), posts, leaders=8), None))["division_heads"].passed is False
    assert _by_rule(check(_doc(list(posts), leaders=8), None))["division_heads"].passed is None


def test_posts_given_from_outside():
    doc = _doc(["办公室", "一科"], leaders=2)
    verdicts = _by_rule(check(doc, None, posts={"办公室": 4, "一科": 4}))
    assert verdicts["small_divisions"].passed is True and verdicts["division_heads"].passed is True


def _finding(a, b, kind="overlap"):
    def ref(division):
        return ItemRef("示例市", "示例市测试局", division, "divisions", 1, "负责测试")
    return Finding(ref(a), ref(b), 0.8, ["测试标准"], kind, "其他")


def test_overlapping_divisions():
    doc = _doc(["一科", "二科"])
    assert _by_rule(check(doc, None))["division_overlaps"].passed is None
    assert _by_rule(check(doc, None, overlaps=[]))["division_overlaps"].passed is True
    verdict = _by_rule(check(doc, None, overlaps=[_finding("一科", "二科"), _finding("一科", "二科", "lead_assist")]))[
        "division_overlaps"]
    assert verdict.passed is False and verdict.numbers["overlaps"] == 1 and verdict.numbers["lead_assist"] == 1
    assert "一科与二科" in verdict.explanation


def test_overlap_finder_output_is_accepted():
    from docproc.overlap import OverlapFinder

    new = parse(CITY / "source" / "14_jiaotong_yunshu.txt")
    findings = OverlapFinder(within_departments=True).fit([new]).findings_
    verdict = _by_rule(check(new, None, overlaps=findings))["division_overlaps"]
    assert verdict.passed is (not any(f.kind == "overlap" for f in findings))


def test_rules_round_trip():
    rules = ReformRules(min_division_cut=0.25, heads_by_posts=[(0, 1), (6, 2)])
    again = ReformRules.from_dict(json.loads(json.dumps(rules.to_dict())))
    assert again == rules and again.heads_for(5) == 1 and again.heads_for(6) == 2
