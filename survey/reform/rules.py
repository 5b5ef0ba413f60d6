"""大科室 checks: does a department's new structure follow the office's own reform rules?

`check(new, previous, rules, overlaps)` gives one `Verdict` per rule: passed
(True/False, or None when the rule cannot be applied), the numbers behind it
and a Chinese explanation. The rules are a dataclass the office can edit.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from docproc.model import Document

DEFAULT_GENERAL = ["办公室", "人事", "组织人事", "政治部", "机关党委", "机关党总支", "财务", "计划财务",
                   "规划财务", "综合科", "综合处", "综合室", "离退休", "审计"]


@dataclass
class ReformRules:
    """The office's 大科室 rules (defaults from common practice)."""
    min_division_cut: float = 0.30
    max_general_share: float = 1 / 3
    general_divisions: list[str] = field(default_factory=lambda: list(DEFAULT_GENERAL))
    min_posts_per_division: int = 3
    # (smallest post count, division heads allowed), ascending: 4 → 1, 5–7 → 2, ≥ 8 → 3.
    heads_by_posts: list[tuple[int, int]] = field(default_factory=lambda: [(0, 1), (5, 2), (8, 3)])

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ReformRules":
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "heads_by_posts" in values:
            values["heads_by_posts"] = [tuple(pair) for pair in values["heads_by_posts"]]
        return cls(**values)

    def heads_for(self, posts: int) -> int:
        allowed = 0
        for smallest, heads in sorted(self.heads_by_posts):
            if posts >= smallest:
                allowed = heads
        return allowed


@dataclass
class Verdict:
    rule: str  # division_cut | general_share | small_divisions | division_heads | division_overlaps
    title: str
    passed: bool | None
    numbers: dict
    explanation: str

    def to_dict(self) -> dict:
        return asdict(self)


def check(new: Document, previous: Document | None, rules: ReformRules | None = None,
          overlaps: list | None = None, posts: dict[str, int] | None = None) -> list[Verdict]:
    """All 大科室 verdicts for the current version `new` against `previous`.

    `overlaps` are findings of `OverlapFinder(within_departments=True)`; `posts`
    gives posts per division when the 三定 does not state them.
    """
    rules = rules or ReformRules()
    posts = posts if posts is not None else division_posts(new)
    return [_cut(new, previous, rules), _general(new, rules), _small(new, posts, rules),
            _heads(new, posts, rules), _overlaps(new, overlaps)]


def is_general(name: str, rules: ReformRules) -> bool:
    """办公室, 人事科, 机关党委 …: a name starting with one of the configured words."""
    return any(name.startswith(word) for word in rules.general_divisions)


def division_posts(doc: Document) -> dict[str, int]:
    """Posts per division where the staffing part states them (`办公室4名，人事科2名`)."""
    found = {}
    text = doc.staffing.text or ""
    for division in doc.divisions:
        match = re.search(re.escape(division.name) + r"\s*(?:行政编制|编制)?\s*(\d+)\s*名", text)
        if match:
            found[division.name] = int(match.group(1))
    return found


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _cut(new: Document, previous: Document | None, rules: ReformRules) -> Verdict:
    title = f"内设机构精简不少于{_percent(rules.min_division_cut)}"
    after = len(new.divisions)
    if previous is None or not previous.divisions:
        return Verdict("division_cut", title, None, {"after": after},
                       "没有上一版三定规定（或其中没有内设机构），无法计算精简比例")
    before = len(previous.divisions)
    cut = (before - after) / before
    passed = cut >= rules.min_division_cut - 1e-9
    return Verdict("division_cut", title, passed,
                   {"before": before, "after": after, "cut": round(cut, 4), "required": rules.min_division_cut},
                   f"内设机构由{before}个减为{after}个，精简{_percent(cut)}，"
                   f"{'达到' if passed else '未达到'}{_percent(rules.min_division_cut)}的要求")


def _general(new: Document, rules: ReformRules) -> Verdict:
    title = "综合类内设机构不超过总数的三分之一" if abs(rules.max_general_share - 1 / 3) < 1e-9 \
        else f"综合类内设机构不超过总数的{_percent(rules.max_general_share)}"
    total = len(new.divisions)
    if not total:
        return Verdict("general_share", title, None, {"total": 0}, "三定规定中没有内设机构")
    general = [d.name for d in new.divisions if is_general(d.name, rules)]
    share = len(general) / total
    passed = share <= rules.max_general_share + 1e-9
    return Verdict("general_share", title, passed,
                   {"general": len(general), "total": total, "share": round(share, 4),
                    "limit": round(rules.max_general_share, 4), "names": general},
                   f"综合类内设机构{len(general)}个（{'、'.join(general) or '无'}），占{total}个的{_percent(share)}，"
                   f"{'未超过' if passed else '超过'}{_percent(rules.max_general_share)}")


def _small(new: Document, posts: dict[str, int], rules: ReformRules) -> Verdict:
    title = f"不设{rules.min_posts_per_division - 1}人及以下的内设机构"
    if not posts:
        return Verdict("small_divisions", title, None, {"known": 0},
                       "三定规定未写明各内设机构的编制，无法核对")
    small = {name: count for name, count in posts.items() if count < rules.min_posts_per_division}
    passed = not small
    listed = "、".join(f"{name}{count}名" for name, count in small.items())
    return Verdict("small_divisions", title, passed,
                   {"known": len(posts), "small": small, "minimum": rules.min_posts_per_division},
                   f"已知编制的内设机构{len(posts)}个，"
                   + (f"其中编制不足{rules.min_posts_per_division}名的{len(small)}个：{listed}"
                      if small else f"均不少于{rules.min_posts_per_division}名"))


def _heads(new: Document, posts: dict[str, int], rules: ReformRules) -> Verdict:
    title = "按编制核定科级领导职数（4名及以下1名，5至7名2名，8名及以上3名）"
    stated = new.staffing.division_leaders
    if not posts or stated is None:
        return Verdict("division_heads", title, None, {"stated": stated, "known": len(posts)},
                       "三定规定未写明各内设机构的编制或科级领导职数，无法核对")
    allowed = {d.name: rules.heads_for(posts[d.name]) if d.name in posts else 1 for d in new.divisions}
    unknown = [d.name for d in new.divisions if d.name not in posts]
    total = sum(allowed.values())
    passed = stated <= total
    note = f"（未写明编制的{'、'.join(unknown)}按1名计）" if unknown else ""
    return Verdict("division_heads", title, passed,
                   {"stated": stated, "allowed": total, "by_division": allowed, "unknown": unknown},
                   f"按各内设机构编制可设科级领导职数{total}名{note}，规定核定{stated}名，"
                   + ("未超过" if passed else f"超出{stated - total}名"))


def _overlaps(new: Document, overlaps: list | None) -> Verdict:
    title = "同一部门内设机构之间职责不交叉"
    if overlaps is None:
        return Verdict("division_overlaps", title, None, {},
                       "未提供内设机构职责交叉识别结果，无法核对")
    own = [f for f in overlaps if f.a.department == new.department and f.b.department == new.department
           and f.a.division and f.b.division and f.a.division != f.b.division]
    crossing = [f for f in own if f.kind == "overlap"]
    pairs = [{"a": f.a.division, "b": f.b.division, "terms": list(f.terms), "score": round(f.score, 4)}
             for f in crossing]
    passed = not crossing
    return Verdict("division_overlaps", title, passed,
                   {"overlaps": len(crossing), "lead_assist": len(own) - len(crossing), "pairs": pairs},
                   "未发现内设机构之间的职责交叉" if passed else
                   f"发现{len(crossing)}处内设机构之间的职责交叉：" + "；".join(
                       f"{p['a']}与{p['b']}（{'、'.join(p['terms'][:3])}）" for p in pairs))


def score(verdicts: list[Verdict]) -> float | None:
    """The share of applicable rules passed (0–1), a scoring source for the evaluation:
    a rule that cannot be applied (passed is None) is left out; None if none applies."""
    applicable = [v for v in verdicts if v.passed is not None]
    if not applicable:
        return None
    return sum(1 for v in applicable if v.passed) / len(applicable)


RULE_TITLES = {"division_cut": "内设机构精简比例", "general_share": "综合类内设机构占比",
               "small_divisions": "不设一二人科室", "division_heads": "科级领导职数",
               "division_overlaps": "内设机构职责不交叉"}


def parse_heads(text: str) -> list[tuple[int, int]]:
    """`0:1, 5:2, 8:3` (smallest post count : heads allowed) → [(0, 1), (5, 2), (8, 3)];
    raises ValueError with a Chinese message."""
    pairs = []
    for part in re.split(r"[,，;；\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d+)\s*[:：]\s*(\d+)", part)
        if not match:
            raise ValueError(f"“{part}”应写作“编制数:职数”，如 5:2")
        pairs.append((int(match.group(1)), int(match.group(2))))
    if not pairs:
        raise ValueError("请至少填写一档")
    return sorted(pairs)
