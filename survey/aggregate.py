"""Aggregation of ratings: per department and group, with k-anonymity and weighted merge.

Pure functions over plain values. A trimmed mean drops an explicit whole
number of the highest and lowest answers (never a float proportion, which
rounds differently for different n) and records which values were dropped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from .scales import Scale

DEFAULT_K = 5


@dataclass
class TrimRule:
    """Drop `count` answers at each end when there are at least `min_answers`."""
    count: int = 1
    min_answers: int = 7

    def trim_for(self, n: int) -> int:
        return self.count if n >= self.min_answers and n > 2 * self.count else 0


@dataclass
class GroupResult:
    group: str
    n: int  # valid answers (不了解 excluded)
    answered: int  # all answers including 不了解
    distribution: dict[str, int] = field(default_factory=dict)
    mean: float | None = None
    trimmed_mean: float | None = None
    dropped: list[float] = field(default_factory=list)
    satisfaction_rate: float | None = None  # 满意率: share of non-negative answers
    hidden: bool = False  # fewer than k answers: 样本不足

    def public(self) -> dict:
        """The values anyone may see: nothing but n when the group is under k."""
        if self.hidden:
            return {"group": self.group, "n": self.n, "mean": None, "trimmed_mean": None,
                    "satisfaction_rate": None, "distribution": None, "hidden": True}
        return {"group": self.group, "n": self.n, "mean": self.mean, "trimmed_mean": self.trimmed_mean,
                "satisfaction_rate": self.satisfaction_rate, "distribution": self.distribution,
                "dropped": self.dropped, "hidden": False}


@dataclass
class DepartmentResult:
    department: str
    groups: list[GroupResult]
    score: float | None
    left_out: list[str] = field(default_factory=list)  # groups under k, not merged


def summarise(group: str, labels: list[str], scale: Scale, *, k: int = DEFAULT_K,
              trim: TrimRule | None = None) -> GroupResult:
    """One department's answers from one rater group (answer labels, 不了解 included)."""
    trim = trim or TrimRule()
    values = []
    for label in labels:
        value = scale.value_of(label)
        if value is not None:
            values.append(value)
    distribution = dict(Counter(labels))
    result = GroupResult(group=group, n=len(values), answered=len(labels),
                         distribution={label: distribution.get(label, 0) for label in scale.labels()})
    if len(values) < k:
        result.hidden = True
        return result
    if values:
        result.mean = _round(Fraction(sum(Fraction(v) for v in values), len(values)))
        cut = trim.trim_for(len(values))
        ordered = sorted(values)
        kept = ordered[cut:len(ordered) - cut] if cut else ordered
        result.dropped = ordered[:cut] + ordered[len(ordered) - cut:] if cut else []
        result.trimmed_mean = _round(Fraction(sum(Fraction(v) for v in kept), len(kept)))
        positive = sum(1 for value in values if not scale.is_negative(value))
        result.satisfaction_rate = _round(Fraction(positive * 100, len(values)))
    return result


def merge(department: str, groups: list[GroupResult], weights: dict[str, float],
          *, use_trimmed: bool = True) -> DepartmentResult:
    """Weighted merge of groups; a group under k is left out (and named), never folded in.

    The weights of the groups that remain are renormalised to sum to 1.
    """
    usable = [g for g in groups if not g.hidden and g.n > 0 and weights.get(g.group, 0) > 0]
    left_out = [g.group for g in groups if g.hidden and weights.get(g.group, 0) > 0]
    total_weight = sum(Fraction(str(weights[g.group])) for g in usable)
    if not usable or total_weight == 0:
        return DepartmentResult(department, groups, None, left_out)
    score = sum(Fraction(str(weights[g.group])) * Fraction(str(g.trimmed_mean if use_trimmed else g.mean))
                for g in usable) / total_weight
    return DepartmentResult(department, groups, _round(score), left_out)


def combine(department: str, parts: list[DepartmentResult], weights: dict[str, float],
            *, use_trimmed: bool = True) -> DepartmentResult:
    """A department's overall result in a round with dimensions, from its result in each
    dimension (`parts`, whose groups come in one order), the dimensions weighing alike.

    Per group: the mean of the dimensions' figures, hidden when any dimension's is (the
    overall figure would otherwise carry the hidden one), with the smallest n among them;
    then merged by group weights as in a round without dimensions. When every group is
    shown, the merged score is the mean of the dimensions' merged scores.
    """
    groups = []
    for cells in zip(*(part.groups for part in parts)):
        result = GroupResult(group=cells[0].group, n=min(c.n for c in cells),
                             answered=max(c.answered for c in cells), distribution={},
                             hidden=any(c.hidden for c in cells))
        if not result.hidden and all(c.mean is not None for c in cells):
            result.mean = _mean([c.mean for c in cells])
            result.trimmed_mean = _mean([c.trimmed_mean for c in cells])
            result.satisfaction_rate = _mean([c.satisfaction_rate for c in cells])
        groups.append(result)
    return merge(department, groups, weights, use_trimmed=use_trimmed)


def _mean(values: list) -> float:
    return _round(sum((Fraction(str(v)) for v in values), Fraction(0)) / len(values))


def _round(value: Fraction) -> float:
    """Two decimals, halves away from zero (as offices round by hand)."""
    scaled = value * 100
    whole = int(scaled)
    if abs(scaled - whole) >= Fraction(1, 2):
        whole += 1 if scaled > 0 else -1
    return whole / 100
