"""Scoring findings against an answer key of planted overlaps (corpus/sample_city/answers.json)."""
from __future__ import annotations

from dataclasses import dataclass

from .findings import Finding
from .normalize import for_matching


@dataclass
class Score:
    recall: float
    precision_at_k: float
    k: int
    found: dict[str, int]  # planted id → rank of its first matching finding
    kinds_right: dict[str, bool]
    false_non_overlaps: list[str]


def _side_key(side: dict) -> tuple:
    return (side["department"], side["division"] if side["section"] == "divisions" else None)


def matches(finding: Finding, case: dict, *, exact_items: bool = True) -> bool:
    """The finding is about the planted pair: the same parties and a shared word of both excerpts.

    A planted pair may be found at duty level or at the level of the divisions
    that carry it out; both name the same two parties and the same matter.
    """
    parties = {(finding.a.department, finding.a.division if finding.a.department == finding.b.department else None),
               (finding.b.department, finding.b.division if finding.a.department == finding.b.department else None)}
    same_department = case["a"]["department"] == case["b"]["department"]
    wanted = {_side_key(case["a"]) if same_department else (case["a"]["department"], None),
              _side_key(case["b"]) if same_department else (case["b"]["department"], None)}
    if parties != wanted:
        return False
    if exact_items and _exact(finding, case):
        return True
    excerpts = (for_matching(case["a"]["excerpt"]), for_matching(case["b"]["excerpt"]))
    return any(term in excerpts[0] and term in excerpts[1] for term in finding.terms)


def score(findings: list[Finding], answers: dict) -> Score:
    """Recall of planted overlaps, precision of the top-k findings (k = number planted).

    A top finding counts as right when it is a planted overlap or one of the
    key's `incidental` overlaps: real overlaps of the texts that were not planted.
    """
    planted = answers["overlaps"]
    ranked = sorted(findings, key=lambda f: -f.score)
    found: dict[str, int] = {}
    kinds: dict[str, bool] = {}
    for case in planted:
        # Prefer the finding about the planted matter itself (its words in both
        # excerpts) over another matter of the same two items.
        for exact_items in (False, True):
            hit = next((rank for rank, finding in enumerate(ranked)
                        if matches(finding, case, exact_items=exact_items)), None)
            if hit is not None:
                found[case["id"]] = hit
                kinds[case["id"]] = ranked[hit].kind == case["kind"]
                break
    k = len(planted)
    top = ranked[:k]
    real = planted + answers.get("incidental", [])
    true_top = sum(1 for finding in top if any(matches(finding, case) for case in real))
    false_non = [case["id"] for case in answers.get("non_overlaps", [])
                 if any(_exact(finding, case) for finding in findings)]
    return Score(recall=len(found) / k if k else 1.0, precision_at_k=true_top / k if k else 1.0, k=k,
                 found=found, kinds_right=kinds, false_non_overlaps=false_non)


def _exact(finding: Finding, case: dict) -> bool:
    """The finding pairs exactly the two items of a planted non-overlap."""
    def ref(item):
        return (item.department, item.section, item.division if item.section == "divisions" else None, item.no)

    def side(s):
        return (s["department"], s["section"], s["division"] if s["section"] == "divisions" else None, s["no"])
    return {ref(finding.a), ref(finding.b)} == {side(case["a"]), side(case["b"])}
