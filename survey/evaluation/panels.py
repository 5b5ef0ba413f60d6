"""Expert panels (专家组): several evaluators score one leaf of a department independently, and
their findings combine into the leaf's score.

Pure functions over plain values, no Flask and no SQL. The store hands over every evaluator's
finding (a score or 不适用, with evidence) and the office's rules (who is on the panel, the
disagreement threshold, which leaves are closed, final scores set by the office); `combine`
gives the leaf's score with its spread, and `count_as_score` says whether it counts yet.

The rules, in one place:
- the combined score is the mean of the scores given, or with 5 or more scorers the mean after
  dropping one highest and one lowest score (so one outlier cannot move it much);
- the spread is shown as lowest–highest and the sample standard deviation;
- a leaf is flagged when the spread exceeds the system's threshold (a share of the leaf's
  maximum, 20 % unless set), or when some evaluators find it 不适用 and others score it;
- 不适用 wins when more than half of those who judged the leaf found it so;
- a final score set by the office (with a reason) overrides the combination;
- with a panel, the leaf's score counts only once the office has closed the leaf: until then
  every evaluator sees only their own finding (back-to-back), and nobody sees a combination
  another's score could be read from. Without a panel, a leaf's score counts at once, as before.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

TRIM_FROM = 5  # scorers from which the highest and the lowest score are dropped
DEFAULT_THRESHOLD = 0.2  # a spread above this share of the leaf's maximum is flagged
EVIDENCE_SHOWN = 300  # characters of each evaluator's evidence quoted in the leaf's summary


@dataclass(frozen=True)
class PanelEntry:
    """One evaluator's finding on one leaf of one department."""
    evaluator: str  # the name shown
    value: float  # 0 when not applicable
    evidence: str
    at: str  # ISO date (or time) of the finding
    not_applicable: bool = False
    evaluator_id: int | None = None  # the account; None for scores entered by the command line


@dataclass(frozen=True)
class Resolution:
    """The office's final score of a leaf for a department, overriding the panel's combination."""
    value: float
    not_applicable: bool
    reason: str
    by: str
    at: str


@dataclass(frozen=True)
class PanelRules:
    """How a system's leaves are scored. `members` (account id → name) is empty without a panel."""
    members: Mapping[int, str] = field(default_factory=dict)
    threshold: float = DEFAULT_THRESHOLD
    closed: frozenset[tuple[str, ...]] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.members)

    def counts(self, path: tuple[str, ...]) -> bool:
        """Whether a leaf's combined score counts (and may be shown to everyone)."""
        return not self.active or tuple(path) in self.closed


@dataclass(frozen=True)
class Spread:
    low: float
    high: float
    range: float
    stdev: float  # sample standard deviation (n − 1); 0 for one score


@dataclass
class Combined:
    """A leaf's score for a department from its evaluators' findings."""
    value: float | None  # None: not applicable, or nothing to combine
    not_applicable: bool
    method: str  # in words: 单人评分, 平均, 去掉一个最高分和一个最低分后平均, 裁定
    entries: tuple[PanelEntry, ...]
    spread: Spread | None  # of the scores given (None: fewer than one)
    flagged: bool
    flag: str  # why it is flagged, in words ("" when not)
    limit: float  # the spread above which the leaf is flagged, in points
    missing: tuple[str, ...] = ()  # panel members who have not given a finding
    resolution: Resolution | None = None
    panel_value: float | None = None  # the panel's combination, also when the office resolved it
    panel_method: str = ""

    @property
    def n(self) -> int:
        """Evaluators who gave a finding (a score or 不适用)."""
        return len(self.entries)

    @property
    def scored(self) -> int:
        return sum(1 for entry in self.entries if not entry.not_applicable)

    @property
    def latest(self) -> str:
        return max((entry.at for entry in self.entries), default="")

    def summary(self) -> str:
        """The combination in words, as the leaf's evidence on pages, reports and exports."""
        parts = [f"{self.n} 人评分"]
        if self.panel_value is None and self.n > self.scored:
            parts.append(f"{self.n - self.scored} 人认定不适用")
        elif self.panel_value is not None:
            parts.append(f"{self.panel_method} {_points(self.panel_value)} 分")
        if self.spread is not None and self.scored > 1:
            parts.append(f"最低 {_points(self.spread.low)}、最高 {_points(self.spread.high)}，"
                         f"标准差 {self.spread.stdev:.2f}")
        text = "，".join(parts)
        if self.flagged:
            text += f"；分歧较大：{self.flag}"
        quoted = "；".join(f"{entry.evaluator}" + ("（不适用）" if entry.not_applicable
                                                   else f"（{_points(entry.value)} 分）")
                          + f"：{_short(entry.evidence)}" for entry in self.entries)
        text += f"。各专家依据——{quoted}" if quoted else ""
        if self.resolution is not None:
            decided = "不适用" if self.resolution.not_applicable else f"{_points(self.resolution.value)} 分"
            text = (f"{self.resolution.by}于{self.resolution.at}裁定为{decided}，理由：{self.resolution.reason}"
                    + (f"（专家组：{text}）" if self.entries else ""))
        return text


def _points(value: float) -> str:
    return f"{round(value, 2):g}"


def _short(text: str) -> str:
    return text if len(text) <= EVIDENCE_SHOWN else text[:EVIDENCE_SHOWN] + "…"


def combined_value(values: list[float]) -> tuple[float, str]:
    """The mean of `values`, or with TRIM_FROM or more the mean after dropping one highest and one
    lowest (a trimmed mean); with the method in words. `values` must not be empty."""
    if not values:
        raise ValueError("no scores to combine")
    if len(values) == 1:
        return round(values[0], 2), "单人评分"
    if len(values) >= TRIM_FROM:
        kept = sorted(values)[1:-1]
        return round(sum(kept) / len(kept), 2), "去掉一个最高分和一个最低分后平均"
    return round(sum(values) / len(values), 2), "平均"


def spread_of(values: list[float]) -> Spread | None:
    """Lowest, highest, their difference and the sample standard deviation of `values`."""
    if not values:
        return None
    low, high = min(values), max(values)
    if len(values) == 1:
        return Spread(low, high, 0.0, 0.0)
    mean = sum(values) / len(values)
    stdev = math.sqrt(sum((value - mean) ** 2 for value in values) / (len(values) - 1))
    return Spread(low, high, round(high - low, 2), round(stdev, 4))


def combine(entries: Iterable[PanelEntry], maximum: float, *, threshold: float = DEFAULT_THRESHOLD,
            members: Mapping[int, str] | None = None, resolution: Resolution | None = None) -> Combined:
    """The leaf's combined score from every evaluator's finding (see the module's rules)."""
    found = tuple(sorted(entries, key=lambda entry: (entry.at, entry.evaluator)))
    scores = [entry.value for entry in found if not entry.not_applicable]
    not_applicable = len(found) - len(scores)
    limit = round(threshold * maximum, 2)
    spread = spread_of(scores)
    reasons = []
    if spread is not None and spread.range - limit > 1e-9:
        reasons.append(f"最高分与最低分相差 {_points(spread.range)} 分，"
                       f"超过满分的 {threshold:.0%}（{_points(limit)} 分）")
    if not_applicable and scores:
        reasons.append(f"{not_applicable} 人认定不适用、{len(scores)} 人评分")
    by_id = {entry.evaluator_id for entry in found}
    missing = tuple(name for number, name in (members or {}).items() if number not in by_id)
    if found and not_applicable * 2 > len(found):
        value, method, is_na = None, "多数认定不适用", True
    elif scores:
        value, method = combined_value(scores)
        is_na = False
    else:
        value, method, is_na = None, "尚无评分", False
    combined = Combined(value, is_na, method, found, spread, bool(reasons), "；".join(reasons), limit, missing,
                        panel_value=value, panel_method=method)
    if resolution is not None:
        combined.resolution = resolution
        combined.value = None if resolution.not_applicable else round(resolution.value, 2)
        combined.not_applicable = resolution.not_applicable
        combined.method = "裁定"
    return combined


def entries_of(rows: Iterable[Mapping]) -> dict[tuple[str, ...], list[PanelEntry]]:
    """Stored score rows (path, value, evidence, by, by_name, at, not_applicable) by leaf."""
    found: dict[tuple[str, ...], list[PanelEntry]] = {}
    for row in rows:
        found.setdefault(tuple(row["path"]), []).append(PanelEntry(
            row.get("by_name") or "评估员", float(row["value"]), row.get("evidence") or "",
            (row.get("at") or "")[:10], bool(row.get("not_applicable")), row.get("by")))
    return found


def resolution_of(row: Mapping) -> Resolution:
    """A stored resolution row (value, not_applicable, reason, by_name, at)."""
    return Resolution(float(row["value"] or 0), bool(row["not_applicable"]), row["reason"],
                      row.get("by_name") or "管理员", (row.get("at") or "")[:10])


def leaf_results(rows: Iterable[Mapping], maxima: Mapping[tuple[str, ...], float], rules: PanelRules,
                 resolutions: Mapping[tuple[str, ...], Resolution] | None = None) -> dict[tuple[str, ...], Combined]:
    """Every leaf of one department that has a finding or a resolution, combined. Leaves no longer
    in the system (`maxima`) are left out."""
    entries = entries_of(rows)
    resolutions = resolutions or {}
    found = {}
    for path in dict.fromkeys([*entries, *resolutions]):
        if path in maxima:
            found[path] = combine(entries.get(path, []), maxima[path], threshold=rules.threshold,
                                  members=rules.members, resolution=resolutions.get(path))
    return found


def pending_note(combined: Combined | None, rules: PanelRules) -> str:
    """What an open leaf of a panel shows while it does not count yet (no score is named)."""
    members = len(rules.members)
    given = [entry for entry in (combined.entries if combined else ()) if entry.evaluator_id in rules.members]
    missing = combined.missing if combined else tuple(rules.members.values())
    text = f"专家组评分中：已评 {len(given)}/{members} 人"
    if missing:
        text += f"，未评：{'、'.join(missing)}"
    return text + "；办公室关闭该指标后计分"
