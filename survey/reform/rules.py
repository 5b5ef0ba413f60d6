"""大科室 checks: does a department's new structure follow the office's own reform rules?

`check(new, previous, rules, overlaps)` gives one `Verdict` per rule: passed
(True/False, or None when the rule cannot be applied), the numbers behind it
and a Chinese explanation. The rules are a dataclass the office can edit; the
defaults are 酒泉's 大科室 pilot rules (cut ≥ 30 %, 综合类 ≤ 1/3, no one- or
two-post divisions, heads by posts, 行政审批 in one division, 机关人事、老干、后勤
in one division).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from docproc.model import Document

DEFAULT_GENERAL = ["办公室", "人事", "组织人事", "政治部", "机关党委", "机关党总支", "财务", "计划财务",
                   "规划财务", "综合科", "综合处", "综合室", "离退休", "审计"]

APPROVAL_WORDS = ["审批", "许可"]
SUPPORT_FUNCTIONS = {"人事": ["人事", "政治部"], "老干": ["离退休", "老干部", "老干"],
                     "后勤": ["后勤", "机关事务", "机关服务"]}
SUPPORT_IGNORE = ["人事考试", "人事争议", "人事人才", "事业单位人事", "人事制度改革", "人事代理"]


@dataclass
class ReformRules:
    """The office's 大科室 rules (defaults from common practice)."""
    min_division_cut: float = 0.30
    max_general_share: float = 1 / 3
    general_divisions: list[str] = field(default_factory=lambda: list(DEFAULT_GENERAL))
    min_posts_per_division: int = 3
    # (smallest post count, division heads allowed), ascending: 4 → 1, 5–7 → 2, ≥ 8 → 3.
    heads_by_posts: list[tuple[int, int]] = field(default_factory=lambda: [(0, 1), (5, 2), (8, 3)])
    # 行政审批职责集中到一个科室: words that mark an approval duty, and departments (by a word of
    # their name) whose whole work is approval, where the rule does not apply.
    approval_words: list[str] = field(default_factory=lambda: list(APPROVAL_WORDS))
    approval_exempt: list[str] = field(default_factory=lambda: ["行政审批", "政务服务"])
    # 机关人事、老干、后勤服务等工作原则上由一个大科室负责: the function and the words that mark it
    # in a division's name or duties; phrases that use those words for the department's own
    # business (人社局's 人事考试) do not count.
    support_functions: dict[str, list[str]] = field(default_factory=lambda: {
        name: list(words) for name, words in SUPPORT_FUNCTIONS.items()})
    support_ignore: list[str] = field(default_factory=lambda: list(SUPPORT_IGNORE))

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
    rule: str  # a key of RULE_TITLES
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
    gives posts per division (the 三定's, overridden by what the office typed); without it
    the 三定's own. The order is RULE_TITLES'.
    """
    rules = rules or ReformRules()
    posts = posts if posts is not None else division_posts(new)
    return [_cut(new, previous, rules), _general(new, rules), _small(new, posts, rules),
            _heads(new, posts, rules), _overlaps(new, overlaps), _approval(new, rules), _support(new, rules)]


MISSING_POSTS = "缺少各内设机构编制数（{names}），请在“大科室核对”页或“工作饱和度”页录入"


def missing_posts(names: list[str]) -> str:
    """What a rule needing posts per division says when some are not known."""
    shown = "、".join(names[:8]) + (f"等{len(names)}个" if len(names) > 8 else "")
    return MISSING_POSTS.format(names=shown)


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
    title = f"不设{rules.min_posts_per_division - 1}人及以下的内设机构（每个不少于{rules.min_posts_per_division}名）"
    known = {d.name: posts[d.name] for d in new.divisions if d.name in posts}
    unknown = [d.name for d in new.divisions if d.name not in posts]
    small = {name: count for name, count in known.items() if count < rules.min_posts_per_division}
    numbers = {"known": len(known), "small": small, "minimum": rules.min_posts_per_division, "missing": unknown}
    listed = "、".join(f"{name}{count}名" for name, count in small.items())
    if small:  # one small division fails the rule whatever the others have
        return Verdict("small_divisions", title, False, numbers,
                       f"已知编制的内设机构{len(known)}个，其中编制不足{rules.min_posts_per_division}名的"
                       f"{len(small)}个：{listed}")
    if unknown or not new.divisions:
        return Verdict("small_divisions", title, None, numbers,
                       missing_posts(unknown) if unknown else "三定规定中没有内设机构")
    return Verdict("small_divisions", title, True, numbers,
                   f"已知编制的内设机构{len(known)}个，均不少于{rules.min_posts_per_division}名")


def _heads(new: Document, posts: dict[str, int], rules: ReformRules) -> Verdict:
    title = f"按编制核定科级领导职数（{heads_bands(rules.heads_by_posts)}）"
    stated = new.staffing.division_leaders
    unknown = [d.name for d in new.divisions if d.name not in posts]
    if stated is None:
        return Verdict("division_heads", title, None, {"stated": None, "known": len(posts), "missing": unknown},
                       "三定规定未写明科级领导职数，无法核对")
    if len(unknown) == len(new.divisions):
        return Verdict("division_heads", title, None, {"stated": stated, "known": 0, "missing": unknown},
                       missing_posts(unknown))
    # a division of unknown posts counts as the smallest band (a 机关党委 the 三定 gives no posts)
    least = rules.heads_for(0)
    allowed = {d.name: rules.heads_for(posts[d.name]) if d.name in posts else least for d in new.divisions}
    total = sum(allowed.values())
    passed = stated <= total
    note = f"（未写明编制的{'、'.join(unknown)}按{least}名计，可录入其编制后准确核对）" if unknown else ""
    return Verdict("division_heads", title, passed,
                   {"stated": stated, "allowed": total, "by_division": allowed, "unknown": unknown},
                   f"按各内设机构编制可设科级领导职数{total}名{note}，规定核定{stated}名，"
                   + ("未超过" if passed else f"超出{stated - total}名"))


def heads_bands(heads_by_posts: list[tuple[int, int]]) -> str:
    """`4名及以下1名，5至7名2名，8名及以上3名` from [(0, 1), (5, 2), (8, 3)]."""
    steps = sorted(heads_by_posts)
    parts = []
    for n, (smallest, heads) in enumerate(steps):
        upper = steps[n + 1][0] - 1 if n + 1 < len(steps) else None
        if upper is None:
            parts.append(f"{smallest}名及以上{heads}名" if smallest else f"{heads}名")
        elif smallest == 0:
            parts.append(f"{upper}名及以下{heads}名")
        else:
            parts.append(f"{smallest}名{heads}名" if upper == smallest else f"{smallest}至{upper}名{heads}名")
    return "，".join(parts)


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


_CLAUSES = re.compile(r"[；;。\n]+")


def _word_pattern(words: list[str]) -> str:
    return "|".join(re.escape(word) for word in words if word) or "(?!)"


def approval_divisions(doc: Document, rules: ReformRules) -> dict[str, list[str]]:
    """Divisions that hold 行政审批 duties, each with what shows it: its name (行政审批科) or the
    clauses of its duties that approve or license something. Supervising approvals (许可的监督),
    approval systems (许可制度) and helping another division (配合…审批) are not approving."""
    words = _word_pattern(rules.approval_words)
    not_approving = re.compile(rf"(?:{words})(?:事项)?的?(?:监督|监管)|(?:{words})制度|(?:配合|协助)\S*?(?:{words})")
    found: dict[str, list[str]] = {}
    for division in doc.divisions:
        if re.search(words, division.name):
            found[division.name] = [f"名称“{division.name}”"]
            continue
        clauses = [clause.strip() for clause in _CLAUSES.split(division.text or "")
                   if re.search(words, clause) and not not_approving.search(clause)]
        if clauses:
            found[division.name] = clauses
    return found


def _approval(new: Document, rules: ReformRules) -> Verdict:
    title = "行政审批职责集中到一个科室"
    exempt = next((word for word in rules.approval_exempt if word and word in (new.department or "")), None)
    if exempt:
        return Verdict("approval_concentration", title, None, {"exempt": exempt},
                       f"本部门为{exempt}部门，行政审批是其主责，不适用")
    holders = approval_divisions(new, rules)
    numbers = {"divisions": len(holders), "holders": {name: "；".join(e[:2]) for name, e in holders.items()}}
    if not holders:
        return Verdict("approval_concentration", title, None, numbers,
                       "三定规定的内设机构职责中未见行政审批（许可）职责，不适用")
    passed = len(holders) == 1
    listed = "；".join(f"{name}（{evidence[0]}）" for name, evidence in holders.items())
    return Verdict("approval_concentration", title, passed, numbers,
                   f"行政审批职责集中在{listed}" if passed else
                   f"行政审批职责分散在{len(holders)}个内设机构：{listed}，应集中到一个科室")


def support_divisions(doc: Document, rules: ReformRules) -> dict[str, dict[str, str]]:
    """For 人事, 老干 and 后勤 (rules.support_functions): the divisions holding it, each with what
    shows it (its name, or the first clause of its duties naming the function)."""
    ignore = re.compile(_word_pattern(rules.support_ignore))
    found: dict[str, dict[str, str]] = {}
    for function, words in rules.support_functions.items():
        pattern = re.compile(_word_pattern(words))
        for division in doc.divisions:
            if pattern.search(division.name):
                found.setdefault(function, {})[division.name] = f"名称“{division.name}”"
                continue
            clause = next((c.strip() for c in _CLAUSES.split(division.text or "")
                           if pattern.search(ignore.sub("", c))), None)
            if clause:
                found.setdefault(function, {})[division.name] = clause
    return found


def _support(new: Document, rules: ReformRules) -> Verdict:
    functions = "、".join(rules.support_functions)
    title = f"机关{functions}等工作由一个大科室负责"
    found = support_divisions(new, rules)
    divisions = sorted({name for holders in found.values() for name in holders})
    numbers = {"divisions": len(divisions), "functions": {f: "、".join(h) for f, h in found.items()}}
    if not found:
        return Verdict("support_merged", title, None, numbers,
                       f"三定规定的内设机构职责中未见机关{functions}工作，无法核对")
    listed = "；".join(f"{function}：{'、'.join(holders)}" for function, holders in found.items())
    if len(divisions) == 1:
        return Verdict("support_merged", title, True, numbers,
                       f"{'、'.join(found)}工作均由{divisions[0]}负责")
    return Verdict("support_merged", title, False, numbers,
                   f"{'、'.join(found)}工作分散在{len(divisions)}个内设机构（{listed}），应由一个大科室负责")


def rule_summary(rules: ReformRules) -> dict[str, str]:
    """Each rule with its numbers, as the pages state them (by RULE_TITLES' keys)."""
    general = "三分之一" if abs(rules.max_general_share - 1 / 3) < 1e-9 else _percent(rules.max_general_share)
    return {
        "division_cut": f"内设机构精简比例不少于{_percent(rules.min_division_cut)}（对照上一版三定规定）",
        "general_share": f"综合类内设机构（{'、'.join(rules.general_divisions[:6])}等）不超过总数的{general}",
        "small_divisions": f"每个内设机构编制不少于{rules.min_posts_per_division}名，不设“一人科”“两人科”",
        "division_heads": f"科级领导职数按编制核定：{heads_bands(rules.heads_by_posts)}",
        "division_overlaps": "同一部门内设机构之间职责不交叉（职责相近的予以整合）",
        "approval_concentration": "行政审批职责集中到一个科室（" + "、".join(rules.approval_exempt)
                                  + "部门除外）",
        "support_merged": f"机关{'、'.join(rules.support_functions)}等工作原则上由一个大科室负责",
    }


def score(verdicts: list[Verdict]) -> float | None:
    """The share of applicable rules passed (0–1), a scoring source for the evaluation:
    a rule that cannot be applied (passed is None) is left out; None if none applies."""
    applicable = [v for v in verdicts if v.passed is not None]
    if not applicable:
        return None
    return sum(1 for v in applicable if v.passed) / len(applicable)


RULE_TITLES = {"division_cut": "内设机构精简比例", "general_share": "综合类内设机构占比",
               "small_divisions": "不设一二人科室", "division_heads": "科级领导职数",
               "division_overlaps": "内设机构职责不交叉", "approval_concentration": "行政审批集中",
               "support_merged": "人事老干后勤合并"}


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


def parse_support(text: str) -> dict[str, list[str]]:
    """`人事：人事、政治部` one function a line → {"人事": ["人事", "政治部"]}; raises ValueError
    with a Chinese message."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        match = re.fullmatch(r"\s*([^:：]+?)\s*[:：]\s*(.+?)\s*", line)
        words = [w.strip() for w in re.split(r"[、,，;；\s]+", match.group(2)) if w.strip()] if match else []
        if not match or not words:
            raise ValueError(f"“{line.strip()}”应写作“职能：识别词、识别词”，如 老干：离退休、老干部")
        found[match.group(1)] = words
    if not found:
        raise ValueError("请至少填写一项职能及其识别词")
    return found
