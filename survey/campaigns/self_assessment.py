"""A unit's 自查自评 in a campaign, and what the evaluators read beside it.

The unit scores itself on every leaf of the campaign's indicator system (0 to the leaf's maximum,
with a 自评说明 and evidence files) and files one document per material of the 方案's list (the
information tables 濮阳 asks for). It saves drafts as often as it likes and submits once, when
everything is there; a submitted self-assessment is read-only until the office sends it back with a
reason. The 自查自评 deadline does not stop a submission — the office wants it late rather than never
— but one made after the deadline (the day itself is on time, as on the board) is marked 逾期.

The evaluators see the self-score beside theirs per leaf; a difference of more than a share of the
leaf's range (DIFFERENCE_SHARE, 20 %) is flagged, as the units' self-scores run high and the
largest gaps are where a 实地 check or a question pays off.
"""
from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..sheets import ListError

DRAFT, SUBMITTED = "draft", "submitted"
STATUS_NAMES = {DRAFT: "草稿", SUBMITTED: "已提交"}
MAX_NOTE = 2000
MAX_REASON = 500
MAX_FILES_PER_ITEM = 10  # evidence of one leaf, or the files of one material
DIFFERENCE_SHARE = 0.2
DECIMALS = 2


class AssessmentError(ListError):
    """A self-assessment that cannot be saved, submitted or reopened; `errors` are Chinese."""


@dataclass(frozen=True)
class Leaf:
    """A leaf of the campaign's indicator system as a unit scores it."""
    path: tuple[str, ...]
    max: float
    description: str = ""
    source: str = "manual"

    @property
    def label(self) -> str:
        return "/".join(self.path)


@dataclass(frozen=True)
class SelfScore:
    value: float | None = None  # None: not scored yet
    note: str = ""


def parse_score(text: str, leaf: Leaf) -> tuple[float | None, str | None]:
    """A typed self-score: (value, None), (None, None) when empty, or (None, the problem in Chinese).
    Full-width digits and points are read as typed on a Chinese keyboard."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip().replace("。", ".")
    if not cleaned:
        return None, None
    try:
        value = float(cleaned)
    except ValueError:
        return None, f"“{leaf.label}”的自评分“{cleaned[:20]}”不是数字"
    if not math.isfinite(value) or not 0 <= value <= leaf.max:
        return None, f"“{leaf.label}”的自评分应在 0 到 {leaf.max:g} 分之间"
    if round(value, DECIMALS) != value:
        return None, f"“{leaf.label}”的自评分最多保留 {DECIMALS} 位小数"
    return value, None


Path = tuple[str, ...]


def read_scores(leaves: list[Leaf], typed: Mapping[Path, tuple[str, str]]) -> dict[Path, SelfScore]:
    """The self-scores typed on the form (`typed`: path → (score text, note)), every leaf given;
    raises AssessmentError naming every problem (nothing is saved then)."""
    found, errors = {}, []
    for leaf in leaves:
        text, note = typed.get(leaf.path, ("", ""))
        value, problem = parse_score(text, leaf)
        note = (note or "").strip()
        if problem:
            errors.append(problem)
        if len(note) > MAX_NOTE:
            errors.append(f"“{leaf.label}”的自评说明不超过 {MAX_NOTE} 字")
        found[leaf.path] = SelfScore(value, note)
    if errors:
        raise AssessmentError(errors)
    return found


def edit_problem(published: bool, status: str | None) -> str | None:
    """Why the unit may not change its self-assessment now (None: it may)."""
    if not published:
        return "评估方案尚未发布，发布后才能填写自查自评"
    if status == SUBMITTED:
        return "自查自评已提交，不能再修改；如需修改，请联系编办退回"
    return None


def submission_problems(leaves: list[Leaf], scores: Mapping[tuple[str, ...], SelfScore], materials: list[str],
                        filed: Mapping[str, int]) -> list[str]:
    """What is missing before the self-assessment can be submitted: a score for every leaf and a
    file for every material (`filed`: material name → number of files)."""
    found = []
    unscored = [leaf.label for leaf in leaves if (scores.get(leaf.path) or SelfScore()).value is None]
    if unscored:
        found.append(f"以下指标尚未自评打分：{'、'.join(unscored)}")
    unfiled = [name for name in materials if not filed.get(name)]
    if unfiled:
        found.append(f"以下材料尚未上传：{'、'.join(unfiled)}")
    return found


def is_late(deadline: date | None, day: date) -> bool:
    """Submitted after the 自查自评 deadline (the deadline day itself is on time)."""
    return deadline is not None and day > deadline


def reopen_problems(status: str | None, reason: str) -> list[str]:
    """Why the office cannot send the self-assessment back now (empty: it can)."""
    if status != SUBMITTED:
        return ["该单位的自查自评尚未提交，无需退回"]
    if not reason.strip():
        return ["请填写退回理由（单位将看到）"]
    if len(reason) > MAX_REASON:
        return [f"退回理由不超过 {MAX_REASON} 字"]
    return []


def file_count_problems(counts: Mapping[str, int]) -> list[str]:
    """Too many files for one leaf or material (`counts`: its label → files it would hold)."""
    return [f"“{label}”最多 {MAX_FILES_PER_ITEM} 个附件" for label, n in counts.items() if n > MAX_FILES_PER_ITEM]


# --- self-score beside the evaluator's --------------------------------------------------------------

@dataclass(frozen=True)
class EvaluatorScore:
    """What the evaluators found for a leaf: a value, 不适用, or nothing shown (`note` says why: not
    scored yet, or a panel still scoring)."""
    value: float | None = None
    not_applicable: bool = False
    note: str = ""


@dataclass(frozen=True)
class Comparison:
    leaf: Leaf
    own: SelfScore
    evaluator: EvaluatorScore
    share: float = DIFFERENCE_SHARE

    @property
    def difference(self) -> float | None:
        """Self-score minus the evaluators' (positive: the unit rated itself higher)."""
        if self.own.value is None or self.evaluator.value is None or self.evaluator.not_applicable:
            return None
        return round(self.own.value - self.evaluator.value, DECIMALS)

    @property
    def limit(self) -> float:
        """The difference above which the leaf is flagged, in points."""
        return round(self.share * self.leaf.max, DECIMALS)

    @property
    def flagged(self) -> bool:
        return self.difference is not None and abs(self.difference) > self.limit


def compare(leaves: list[Leaf], own: Mapping[tuple[str, ...], SelfScore],
            evaluators: Mapping[tuple[str, ...], EvaluatorScore], share: float = DIFFERENCE_SHARE) -> list[Comparison]:
    """Every leaf with the unit's and the evaluators' score, in the system's order."""
    return [Comparison(leaf, own.get(leaf.path) or SelfScore(), evaluators.get(leaf.path) or EvaluatorScore(),
                       share) for leaf in leaves]
