"""Evaluation: score every leaf of an indicator system per department, total, rank and grade.

Each score carries its provenance (which survey, which findings, which
evaluator and evidence). A leaf that cannot be scored is missing — never a
silent zero — and a department with a missing leaf gets no total and no rank
until it is scored.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .indicators import Indicator, IndicatorSystem


@dataclass
class ManualScore:
    """An evaluator's score; for a leaf scored automatically it overrides the automatic one.
    `not_applicable`: the leaf does not apply to this department (its weight goes to the rest)."""
    value: float
    evidence: str
    by: str
    at: str
    not_applicable: bool = False
    summary: str = ""  # an expert panel's combination in words (survey.evaluation.panels), said instead

    def said(self, verb: str) -> str:
        """Who found what when: `张三于2026-12-01评分：依据`, or the panel's summary."""
        if self.summary:
            return self.summary if verb == "评分" else f"{verb}：{self.summary}"
        return f"{self.by}于{self.at}{verb}：{self.evidence}"


@dataclass
class SurveyScore:
    """A department's result in one survey round (0–100), or None when hidden (样本不足)."""
    score: float | None
    n: int
    label: str  # e.g. "2026年市县评作为（区市党政领导）"


@dataclass
class Check:
    name: str
    passed: bool | None  # None: not applicable
    detail: str


@dataclass
class DepartmentInputs:
    department: str
    manual: dict[tuple[str, ...], ManualScore] = field(default_factory=dict)
    # leaves an expert panel is still scoring (not closed yet): what they show instead of a score
    pending_manual: dict[tuple[str, ...], str] = field(default_factory=dict)
    surveys: dict[str, SurveyScore] = field(default_factory=dict)  # key: "<round>" or "<round>:<group>"
    open_overlaps: list[str] | None = None  # confirmed, unresolved 职责交叉 (None: detection never ran)
    pending_overlaps: int = 0  # findings not yet reviewed (shown, never deducted)
    staffing_checks: list[Check] = field(default_factory=list)
    reform_checks: list[Check] | None = None  # 大科室 verdicts (None: no checks for this department)
    # 实名制 checks by ROLL_CHECKS key, with the data's date (None: the department is in no 实名制 import)
    roll_checks: dict[str, list[Check]] | None = None
    roll_as_of: str = ""
    # 只考一次 items of the system's year (survey.reform.daily_record.DailyItem; None: the government
    # recorded none that year, so the `daily` leaves are missing)
    daily_items: list | None = None
    daily_year: str = ""


@dataclass
class LeafScore:
    path: list[str]
    score: float | None
    max: float
    weight: float  # effective weight in the whole system
    source: str
    evidence: str
    not_applicable: bool = False

    def to_dict(self) -> dict:
        return {"path": self.path, "score": self.score, "max": self.max, "weight": round(self.weight, 6),
                "source": self.source, "evidence": self.evidence, "not_applicable": self.not_applicable}


@dataclass
class DepartmentEvaluation:
    department: str
    indicators: list[LeafScore]
    total: float | None = None
    rank: int | None = None
    grade: str | None = None

    @property
    def missing(self) -> list[LeafScore]:
        return [leaf for leaf in self.indicators if leaf.score is None]

    def to_dict(self) -> dict:
        return {"department": self.department, "total": self.total, "rank": self.rank, "grade": self.grade,
                "missing": len(self.missing), "indicators": [leaf.to_dict() for leaf in self.indicators]}

    def first_level(self, system: IndicatorSystem) -> dict[str, float | None]:
        """Share of the maximum reached per first-level indicator (for the radar chart), 0–100."""
        out: dict[str, float | None] = {}
        for top in system.children(()):
            leaves = [leaf for leaf in self.indicators if leaf.path[0] == top.name]
            share = _weighted_share(leaves) if leaves else None
            if share is None:
                out[top.name] = None
                continue
            weight = sum(leaf.weight for leaf in leaves)
            out[top.name] = round(100 * share / weight, 2)
        return out


def _weighted_share(leaves: list[LeafScore]) -> float | None:
    """The sum of weight × score / max over `leaves`, or None when one of them has no score.
    Leaves that do not apply (不适用) are left out and their weight shared by the others."""
    total = applicable = 0.0
    for leaf in leaves:
        if leaf.not_applicable:
            continue
        if leaf.score is None:
            return None
        total += leaf.weight * leaf.score / leaf.max
        applicable += leaf.weight
    if not applicable:
        return None
    return total * sum(leaf.weight for leaf in leaves) / applicable


@dataclass
class Grading:
    """Grade bands by score thresholds (default) or by shares of the ranking."""
    thresholds: dict[str, float] = field(default_factory=lambda: {"优秀": 90, "良好": 80, "一般": 60})
    lowest: str = "较差"
    shares: dict[str, float] | None = None  # e.g. {"优秀": 0.2, "良好": 0.4, "一般": 0.3}, rest 较差

    def grade(self, total: float, rank: int, ranked: int) -> str:
        if self.shares:
            cumulative = 0.0
            for name, share in self.shares.items():
                cumulative += share
                if rank <= round(cumulative * ranked):
                    return name
            return self.lowest
        for name, threshold in sorted(self.thresholds.items(), key=lambda item: -item[1]):
            if total >= threshold:
                return name
        return self.lowest


# `staffing:divisions` and `staffing:leaders` score one check each, so that two leaves of a
# system never count the same over-appointed post twice; plain `staffing` takes both.
STAFFING_CHECKS = {"divisions": "内设机构数量", "leaders": "领导职数"}
# `roll:posts` scores the 超编 checks (one per kind of post), `roll:leaders` the 超职数 checks (one
# per level of leader post); plain `roll` takes both.
ROLL_CHECKS = {"posts": "编制", "leaders": "领导职数"}


def _given_by_hand(leaf: Indicator, inputs: DepartmentInputs, scored) -> LeafScore | None:
    """An evaluator's finding that overrides the leaf's source: 不适用, or a score given by hand
    to a leaf scored automatically (人工认定); None when there is none."""
    given = inputs.manual.get(leaf.path)
    if given is None or (leaf.source == "manual" and not given.not_applicable):
        return None
    if given.not_applicable:
        found = scored(None, given.said("认定不适用"))
        found.not_applicable = True
        return found
    return scored(round(given.value, 2), given.said("人工认定（代替自动评分）"))


def score_leaf(system: IndicatorSystem, leaf: Indicator, inputs: DepartmentInputs) -> LeafScore:
    """One leaf's score with where it came from (`leaf` of a system that passed `validate`)."""
    assert leaf.max is not None, "validate() refuses a leaf without a maximum"
    maximum = leaf.max
    weight = system.effective_weight(leaf)
    source = leaf.source or ""

    def scored(score: float | None, evidence: str) -> LeafScore:
        return LeafScore(list(leaf.path), score, maximum, weight, source, evidence)

    given = _given_by_hand(leaf, inputs, scored)
    if given is not None:
        return given
    if source == "manual":
        manual = inputs.manual.get(leaf.path)
        if manual is None:
            return scored(None, inputs.pending_manual.get(leaf.path, "待评估员打分"))
        return scored(round(manual.value, 2), manual.said("评分"))
    if source.startswith("survey:"):
        key = source.split(":", 1)[1]
        result = inputs.surveys.get(key)
        if result is None:
            round_id, _, dimension = key.split(":")[0].partition("@")
            return scored(None, f"评议轮次 {round_id} 没有该部门的结果"
                                + (f"（或没有评议维度“{dimension}”）" if dimension else ""))
        if result.score is None:
            return scored(None, f"{result.label}：样本不足（{result.n} 份，少于该轮次的最少样本数），不计分；"
                                "可由评估员人工认定得分或认定不适用")
        value = round(maximum * result.score / 100, 2)
        return scored(value, f"{result.label}：得分 {result.score}（{result.n} 份），按满分 {maximum:g} 折算")
    if source == "overlaps":
        if inputs.open_overlaps is None:
            return scored(None, "尚未进行职责交叉识别")
        count = len(inputs.open_overlaps)
        value = max(leaf.floor, maximum - leaf.deduction * count)
        listed = "；".join(inputs.open_overlaps[:10]) + ("等" if count > 10 else "")
        pending = (f"；另有待审核的疑似职责交叉 {inputs.pending_overlaps} 处，审核前不扣分"
                   if inputs.pending_overlaps else "")
        return scored(round(value, 2), f"尚未落实的职责交叉 {count} 处（已确认但未明确主办，或整改未销号），"
                                       f"每处扣 {leaf.deduction:g} 分，最低 {leaf.floor:g} 分"
                                       + (f"：{listed}" if count else "") + pending)
    if source.startswith("staffing"):
        wanted = STAFFING_CHECKS.get(source.partition(":")[2])
        applicable = [check for check in inputs.staffing_checks
                      if check.passed is not None and (wanted is None or check.name == wanted)]
        if not applicable:
            return scored(None, "没有可核对的人员编制数据" + ("（领导职数需要先导入领导职数台账）"
                                                         if wanted != "内设机构数量" else ""))
        passed = sum(1 for check in applicable if check.passed)
        value = round(maximum * passed / len(applicable), 2)
        details = "；".join(f"{c.name}：{'符合' if c.passed else '不符合'}（{c.detail}）" for c in applicable)
        return scored(value, f"{passed}/{len(applicable)} 项核对通过：{details}")
    if source.startswith("roll"):
        return _roll_leaf(source, inputs, maximum, scored)
    if source == "reform":
        return _reform_leaf(inputs, maximum, scored)
    if source.startswith("daily"):
        from ..reform.daily_record import leaf_value
        found = leaf_value(source, inputs.daily_items, maximum, deduction=leaf.deduction, floor=leaf.floor,
                           year=inputs.daily_year)
        return scored(found.value, found.evidence)
    return scored(None, f"无法识别的评分来源“{source}”")


def _reform_leaf(inputs: DepartmentInputs, maximum: float, scored) -> LeafScore:
    """The share of the 大科室 rules a department passes."""
    if inputs.reform_checks is None:
        return scored(None, "尚无大科室核查结果")
    applicable = [check for check in inputs.reform_checks if check.passed is not None]
    if not applicable:
        return scored(None, "大科室规则均不适用（缺少上一版三定或编制数据）")
    passed = sum(1 for check in applicable if check.passed)
    value = round(maximum * passed / len(applicable), 2)
    details = "；".join(f"{c.name}：{'通过' if c.passed else '未通过'}（{c.detail}）" for c in applicable)
    return scored(value, f"大科室核查 {passed}/{len(applicable)} 项通过：{details}")


def _roll_leaf(source: str, inputs: DepartmentInputs, maximum: float, scored) -> LeafScore:
    """The share of a department's 实名制 checks it passes (within 核定), with each check's numbers."""
    wanted = source.partition(":")[2]
    if inputs.roll_checks is None:
        return scored(None, "没有该部门的实名制数据（请导入实名制数据）")
    applicable = [check for key, checks in inputs.roll_checks.items() if not wanted or key == wanted
                  for check in checks if check.passed is not None]
    what = ROLL_CHECKS.get(wanted, "编制和领导职数")
    if not applicable:
        return scored(None, f"实名制数据（{inputs.roll_as_of}）没有可核对的{what}（核定数和实有数须都有）")
    passed = sum(1 for check in applicable if check.passed)
    details = "；".join(f"{c.name}：{'未超' if c.passed else '超出'}（{c.detail}）" for c in applicable)
    return scored(round(maximum * passed / len(applicable), 2),
                  f"实名制（数据日期 {inputs.roll_as_of}）{what}核对 {passed}/{len(applicable)} 项未超出：{details}")


def evaluate(system: IndicatorSystem, inputs: list[DepartmentInputs],
             grading: Grading | None = None) -> list[DepartmentEvaluation]:
    """Scores, totals (100-point scale), competition ranks (1, 2, 2, 4) and grades."""
    grading = grading or Grading()
    system.validate()
    results = []
    for department in inputs:
        leaves = [score_leaf(system, leaf, department) for leaf in system.leaves()]
        evaluation = DepartmentEvaluation(department.department, leaves)
        share = _weighted_share(leaves)
        if share is not None:
            evaluation.total = round(100 * share, 2)
        results.append(evaluation)
    complete = sorted(((r.total, r) for r in results if r.total is not None), key=lambda pair: -pair[0])
    totals = [total for total, _ in complete]
    for total, result in complete:
        result.rank = totals.index(total) + 1  # competition ranking: the first place with this total
        result.grade = grading.grade(total, result.rank, len(complete))
    results.sort(key=lambda r: (r.rank is None, r.rank or 0, r.department))
    return results


def staffing_checks(doc, holders: dict[str, int] | None = None) -> list[Check]:
    """Checks on the parsed 人员编制: divisions stated vs listed, leader posts within approval."""
    checks = []
    listed = len([d for d in doc.divisions if d.name and not d.name.startswith(("机关党委", "机关纪委"))])
    stated = doc.division_count_stated
    if stated is None or not doc.divisions:
        checks.append(Check("内设机构数量", None, "三定规定未写明内设机构数量"))
    else:
        checks.append(Check("内设机构数量", stated in (listed, len(doc.divisions)),
                            f"写明 {stated} 个，列出 {len(doc.divisions)} 个"))
    approved = {leader.title: leader.count for leader in doc.staffing.leaders}
    if holders is None or not approved:
        checks.append(Check("领导职数", None, "没有实际配备数据（领导职数台账）"))
    else:
        over = [f"{title}核定{approved.get(title, 0)}名、实配{count}名"
                for title, count in holders.items() if count > approved.get(title, 0)]
        checks.append(Check("领导职数", not over, "；".join(over) or "未超职数配备"))
    return checks
