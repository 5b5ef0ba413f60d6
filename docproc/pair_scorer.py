"""Department pairs no rule of docproc.relations reads, inferred by a learned scorer.

The rules of relations.py read one wording at a time, and a text in a wording they have not met
loses its pairs. Every two departments a line names, within one sentence or one or two sentences
apart, and the document's own department with each department a sentence names without it, are
candidates; a logistic model over the words around and between them (牵头, 配合, 移送, 抄送, 印发 …,
the characters between the two names, where each stands) scores each, and the pairs the rules
missed that score at least the model's threshold are kept as `推断相关`.

The model is trained by corpus/build_pair_scorer.py on the development part of the hand-judged
statements in tests/data/relation_statements_blind*.json only, and shipped as weights in
corpus/dict/pair_scorer.json (no scikit-learn at run time). Measured on the evaluation part and on
rounds it never saw: bench/relation_quality.py.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from .han import HAN
from .names import department_mentions, normalise_department, same_department
from .segment import DICT_DIR

MODEL_PATH = DICT_DIR / "pair_scorer.json"
INFERRED = "推断相关"

# Words whose place around two names says whether the text puts them together.
CUES = ("牵头", "配合", "会同", "协助", "协同", "参与", "负责", "主办", "协办", "联合", "共同", "分别", "移送",
        "移交", "通报", "告知", "抄告", "抄送", "函告", "会商", "征求", "商", "同意", "委托", "指导", "监督",
        "协调", "管理", "所属", "派驻", "派出", "双重", "划入", "划出", "划转", "整合", "组建", "并入", "承担",
        "支持", "予以", "责任单位", "牵头单位", "配合单位", "成员", "召集", "印发", "批准", "报", "备案", "解释",
        "主送", "列席", "出席", "发布", "提供", "衔接", "机制", "查处", "依法", "按照", "职责", "监管", "审批",
        "登记", "制定", "拟订", "组织", "实施", "为", "是", "由", "向", "对", "与", "和", "、", "及", "经", "以",
        "参加", "同志", "链接", "核发", "预算", "经费", "更名")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
# A numbered item starts a matter of its own: no candidate spans one (a plan flattened onto one line).
_ITEM_LABEL = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、]"
                         r"|第[一二三四五六七八九十百零〇两0-9]+条")
# Every department name ends in one of these (局, 委员会, 部门, 中心, 人民政府, 支行 …): a line without
# any names none, and is not searched.
_NAME_END = re.compile("[门关构局会委厅部室办署院司心处所站队馆台宫社团联协行府场校学]")
# A name is paired with the next ones a line names, not with one forty names on (a member list's
# first and last): the bound keeps a page-long line linear.
_NEAREST = 40
_ADDRESS_LINE = re.compile(r"^\s*(?:抄送|主送|发文|印发|抄报)")
# Lines that only address or link bodies (`抄送：`, `相关链接：`) put none of them together.
# `A局、B局、C局：` opening a letter or decision: whom it is sent to, no matter between them or with the sender.
_ADDRESSEES = re.compile(rf"^\s*[{HAN}（）()]{{2,30}}"
                         rf"(?:[、，,][{HAN}（）()]{{2,30}})*[：:]\s*$")
_LIST_ONLY_LINE = re.compile(r"^\s*(?:抄送|主送|抄报|分送|印送|发送|报送|相关链接|友情链接|"
                             r"(?:出席|列席|参会)(?:单位|人员)?[：:])")  # (a meeting's `出席：A、B…`)
# `科级领导职数18名（含…不动产登记中心主任1名）`: a 三定's count of leading posts names bodies by their heads' posts and
# ties none (a line of 编制 may: `X中心为县局所属事业单位，核定事业编制8名`).
_STAFFING_LINE = re.compile(r"领导职数")
# `（县机构编制委员会二〇〇四年六月印发）` under a title: who issued it, no party to what it says.
_ISSUE_NOTE = re.compile(r"^\s*[（(][^（）()]*(?:印发|发布|公布|施行|通过|制发)[^（）()]*[）)]\s*$")
# `A、B、C负责同志参加会议`: bodies attending a meeting are listed, not related.
_ATTENDANCE = re.compile(r"(?:同志|负责人)(?:参加|出席|列席)|(?:参加|出席|列席)(?:了)?(?:会议|座谈|调度)|"
                         r"派(?:人|员|代表)(?:参加|出席|列席)")
_COPIED_TO = re.compile(r"本(?:函|复函|件|文|通知|纪要|报告|请示)(?:同时)?抄送(?:给|至)?$")
_CONVENES = re.compile(r"(?:召集|召开|主持)")
_RENAMED = re.compile(r"^(?:更名为|改名为|名称变更为|更名|改称)$")
_APPROVES = re.compile(rf"(?:[、和及与][{HAN}]{{1,12}}?)*(?:同意|研究|批准|审定|审批|备案|决定|审核)")
# `各类补助资金由市财政局统筹安排`: the body named is who pays (see is_funder).
_FUNDS_BY = re.compile(r"(?:资金|经费)[^。；;，,]{0,4}由(?:各级|同级|本级)?$")
_PAYS = re.compile(r"(?:在[^。；;，,]{0,12}?中)?(?:按照?[^。；;，,]{0,16}?|统筹|负责|按规定)?(?:审核)?"
                   r"(?:拨付|安排|列支|保障|落实|筹措)")
_SECTION_END = re.compile(rf"^[{HAN}]{{1,12}}(?:科|股|处|室)$")
_SEPARATORS = re.compile(r"[、，,和及与\s]*")
# `挂X牌子`, `加挂X牌子`: X is a second name of the body before it, related to nothing by itself.
_SIGN_BEFORE = re.compile(r"挂$")
_SIGN_AFTER = re.compile(r"^(?:的)?牌子")
# `…局（`, `…大队(`: a bracket opened right after a name's last character holds a second name of it.
_AFTER_A_NAME = re.compile(r"(?:局|委|办|队|站|所|中心|室|会|院|处|部|厅)[（(]$")

Mention = tuple[int, int, str]


@dataclass(frozen=True)
class Candidate:
    a: str
    b: str
    quote: str
    features: frozenset[str]


def candidates(key: str, own: str | None) -> list[Candidate]:
    """The candidate pairs of `key` (simplified text, one line per line, short names spelled out)."""
    lines = key.splitlines()
    context = _Context(title="".join(lines[:3]), addressed=[m[2] for line in lines if _ADDRESS_LINE.match(line)
                                                                for m in department_mentions(line)])
    found: list[Candidate] = []
    previous: tuple[str, list[Mention], list[int]] | None = None
    for line in lines:
        if not _NAME_END.search(line) or _LIST_ONLY_LINE.match(line) or _ISSUE_NOTE.match(line) or \
                _ADDRESSEES.match(line) or _STAFFING_LINE.search(line):
            previous = None
            continue
        mentions = [m for m in department_mentions(line)
                    if not _is_sign(line, m) and not _is_approver(line, m) and not is_funder(line, m)
                    and not _is_referral(line, m) and not _is_circular(line, m) and not _is_copied(line, m)]
        ends = [m.start() for m in _SENTENCE_END.finditer(line)]
        if mentions:
            found += _line_candidates(line, mentions, ends, context)
            if own:
                found += _own_candidates(line, mentions, ends, own, context)
            if previous:
                found += _next_line_candidates(previous, (line, mentions, ends), context)
        previous = (line, mentions, ends) if mentions else None
    return found


def _next_line_candidates(first: tuple[str, list[Mention], list[int]], second: tuple[str, list[Mention], list[int]],
                          context: _Context) -> list[Candidate]:
    """The last sentence of a line with the first sentence of the next: a sentence wrapped onto two lines,
    a table cell continued on the next line, a lead named under its members."""
    line1, mentions1, ends1 = first
    line2, mentions2, ends2 = second
    # a new item (or a sheet's next numbered row) starts a new matter; pairing across items added mostly wrong pairs
    if _ITEM_LABEL.match(line2.lstrip()) or _NUMBERED_ROW.match(line1) and _NUMBERED_ROW.match(line2):
        return []
    if ends1 and ends1[-1] == len(line1.rstrip()) - 1:
        tail_start = ends1[-2] + 1 if len(ends1) > 1 else 0
    else:
        tail_start = ends1[-1] + 1 if ends1 else 0
    head_stop = ends2[0] if ends2 else len(line2)
    tail = line1[tail_start:]
    joined = tail + "\n" + line2[:head_stop]
    xs = [_shift(m, tail_start) for m in mentions1 if m[0] >= tail_start]
    ys = [_shift(m, -len(tail) - 1) for m in mentions2 if m[1] <= head_stop]
    found = []
    for x in xs:
        for y in ys:
            if same_department(x[2], y[2]) or _unit_of(x[2], y[2]):
                continue
            features = _features(joined, x, y, len(xs) + len(ys), context) | {"xline"}
            found.append(Candidate(normalise_department(x[2]), normalise_department(y[2]), joined, features))
    return found


_NUMBERED_ROW = re.compile(r"[ \u3000]*\d{1,3}[\t ]+(?=[^\d\s])")  # (a sheet's `3　学校及周边安全整治　县教育局…`)


@dataclass(frozen=True)
class _Context:
    title: str  # the first lines: issuer and title
    addressed: list[str]  # names on 抄送/主送/印发 lines


def _line_candidates(line: str, mentions: list[Mention], ends: list[int], context: _Context) -> list[Candidate]:
    found = []
    starts = [m[0] for m in mentions]
    for i, x in enumerate(mentions):
        for k, y in enumerate(mentions[i + 1:i + 1 + _NEAREST], i + 1):
            apart = bisect_left(ends, y[0]) - bisect_left(ends, x[1])  # sentence ends between the two
            if apart > 2:
                break  # mentions come in order: the next ones are further apart still
            if same_department(x[2], y[2]) or _unit_of(x[2], y[2]):
                continue
            if apart == 0:
                before, after = bisect_left(ends, x[0]), bisect_left(ends, y[1])
                start = ends[before - 1] + 1 if before else 0
                stop = ends[after] if after < len(ends) else len(line)
                sentence = line[start:stop]
                if _listed_together(line, x, y, mentions[i + 1:k], sentence):
                    continue
                inside = bisect_left(starts, stop) - bisect_left(starts, start)
                features = _features(sentence, _shift(x, start), _shift(y, start), inside, context)
            elif not _ITEM_LABEL.search(line, x[1], y[0]):
                features = _features(line, x, y, len(mentions), context) | {f"cross:{apart}"}
                sentence = line
            else:
                continue
            found.append(Candidate(normalise_department(x[2]), normalise_department(y[2]), sentence, features))
    return found


def _own_candidates(line: str, mentions: list[Mention], ends: list[int], own: str,
                    context: _Context) -> list[Candidate]:
    """The document's own department with each department a sentence names without it."""
    found = []
    for start, stop in zip([0] + [end + 1 for end in ends], ends + [len(line)]):
        inside = [_shift(m, start) for m in mentions if start <= m[0] < stop]
        if any(same_department(m[2], own) for m in inside) or _ATTENDANCE.search(line, start, stop):
            continue
        for y in (m for m in inside if not _unit_of(own, m[2])):
            features = _features(line[start:stop], (0, 0, own), y, len(inside) + 1, context) | {"own"}
            found.append(Candidate(normalise_department(own), normalise_department(y[2]), line[start:stop], features))
    return found


def _unit_of(a: str, b: str) -> bool:
    """`市商务局市场体系建设科` is a section of `市商务局`: a body and its own section are no pair."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer.startswith(shorter) and bool(_SECTION_END.search(longer[len(shorter):]))


def _listed_together(line: str, x: Mention, y: Mention, inner: list[Mention], sentence: str) -> bool:
    """`A更名为B`, or A and B side by side (only `inner`, the names between, apart) in a list of bodies
    attending a meeting."""
    between = line[x[1]:y[0]]
    if _RENAMED.match(between):
        return True
    if not _ATTENDANCE.search(sentence):
        return False
    if _CONVENES.match(line, x[1]):
        return True  # `A召集…会议，B、C派人出席`: who called a meeting and who came to it
    for m in reversed([m for m in inner if x[1] <= m[0] and m[1] <= y[0]]):
        between = between[:m[0] - x[1]] + between[m[1] - x[1]:]
    return bool(_SEPARATORS.fullmatch(between))


def _is_approver(line: str, m: Mention) -> bool:
    """`经A、B研究`, `报A批准`: A approves or decides, and takes no part in the matter."""
    before = line[max(0, m[0] - 2):m[0]]
    if not (before.endswith("经") or before.endswith("报") or before == "报请"):
        return False
    return bool(_APPROVES.match(line, m[1]))  # the list may go on: `经县委、县政府研究`


def is_funder(line: str, m: Mention) -> bool:
    """`补助资金由县财政局审核拨付`: who pays for a matter takes no part in it (here, and in the rules of
    docproc.relations)."""
    return bool(_FUNDS_BY.search(line, max(0, m[0] - 12), m[0]) and _PAYS.match(line, m[1]))


# `收到县电影公司发给全县各放映点的…通知`: a circular to every unit ties its sender to none of them.
_CIRCULAR = re.compile(r"(?:印发|下发|分发|发)(?:给|至)?(?:全[省市县区乡镇]|各)")


# (`县应急管理局发来全县防汛值班通知，要求各乡镇…`, `县档案馆发来通知，要求各单位…`)
# (`县卫生局发文给各医疗卫生单位，部署…`)
_SENT_TO_ALL = re.compile(r"(?:发来|下发|印发|发文|行文)(?:了)?(?=[^。；;]{0,30}?(?:全[省市县区乡镇]|"
                          r"各(?:乡镇|单位|部门|村|街道|科室|医疗单位|学校|放映点|[^。；;，,各]{2,6}?单位|"
                          r"[^。；;，,各]{0,6}?[园校院所站馆])))")  # (`…发文，要求各幼儿园加强晨检`)


# (`县劳动和社会保障局发给各单位的高温津贴通知收到`: the circular itself, whoever then reads it)
_CIRCULAR_PAPER = re.compile(_CIRCULAR.pattern + r"[^。；;]{0,30}?的[^。；;，,]{0,20}?(?:通知|规范|安排|意见|文件)")


def _is_circular(line: str, m: Mention) -> bool:
    received = line[max(0, m[0] - 2):m[0]] in ("收到", "接到") and bool(_CIRCULAR.match(line, m[1]))
    return received or bool(_SENT_TO_ALL.match(line, m[1])) or bool(_CIRCULAR_PAPER.match(line, m[1]))


def _is_copied(line: str, m: Mention) -> bool:
    """`本函抄送县教育局`: a copy of the paper sent to a body for its files ties it to no one."""
    return bool(_COPIED_TO.search(line, max(0, m[0] - 8), m[0]))


def _is_referral(line: str, m: Mention) -> bool:
    """`请径与市水务局联系`: a body the reader is sent to for another matter takes no part in this one."""
    return line[max(0, m[0] - 3):m[0]].endswith(("径与", "请与", "直接与", "可与")) and \
        line.startswith(("联系", "咨询", "对接"), m[1])


def _is_sign(line: str, m: Mention) -> bool:
    """`加挂X牌子`, or X in brackets right after a name (`县海洋与渔业执法大队（县渔政大队）`)."""
    if _SIGN_BEFORE.search(line, 0, m[0]) and _SIGN_AFTER.match(line[m[1]:m[1] + 3]):
        return True
    return bool(_AFTER_A_NAME.search(line, max(0, m[0] - 3), m[0])) and line[m[1]:m[1] + 1] in ("）", ")")


def _shift(m: Mention, start: int) -> Mention:
    return m[0] - start, m[1] - start, m[2]


def _features(s: str, x: Mention, y: Mention, mentions: int, context: _Context) -> frozenset[str]:
    between = s[x[1]:y[0]]
    found = {f"gap:{min(len(between) // 5, 8)}", f"n:{min(mentions, 8)}"}
    for cue, start, end in _cues(s):
        found.add(f"cue:{cue}")
        if x[1] <= start and end <= y[0]:
            found.add(f"bcue:{cue}")
        if end <= x[0]:
            found.add(f"lcue:{cue}")
        if start >= y[1]:
            found.add(f"rcue:{cue}")
    for tag, part in (("b", between[:12]), ("be", between[-12:]), ("l", s[max(0, x[0] - 6):x[0]]),
                      ("r", s[y[1]:y[1] + 6]), ("xr", s[x[1]:x[1] + 4]), ("yl", s[max(x[1], y[0] - 4):y[0]])):
        found.update(_grams(part, tag))
    if x[0] == y[0]:
        found.add("same_span")  # two names out of one list (`教育、卫生等部门`)
    for tag, (_, _, name) in (("x", x), ("y", y)):
        found.add(f"{tag}end:{name[-1]}")
        if name.endswith("政府"):
            found.add(f"{tag}gov")
        if name.endswith(("部门", "机关", "单位")):
            found.add(f"{tag}generic")
        if any(same_department(name, other) for other in context.addressed):
            found.add(f"{tag}header")
        if name in context.title:
            found.add(f"{tag}title")
    return frozenset(found)


@lru_cache(maxsize=256)  # the candidates of one sentence share it
def _cues(s: str) -> tuple[tuple[str, int, int], ...]:
    """Every place a cue word stands in `s`."""
    return tuple((cue, m.start(), m.end()) for cue in CUES for m in re.finditer(re.escape(cue), s))


def _grams(text: str, tag: str) -> list[str]:
    text = re.sub(r"\s+", "", text)
    return [f"{tag}:{text[i:i + 2]}" for i in range(len(text) - 1)] + [f"{tag}:{c}" for c in text]


@lru_cache(maxsize=1)
def model() -> dict:
    return json.loads(MODEL_PATH.read_text("utf-8"))


def probability(features: frozenset[str], weights: dict | None = None) -> float:
    weights = weights or model()
    z = weights["intercept"] + sum(weights["weights"].get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def inferred_pairs(key: str, own: str | None) -> list[Candidate]:
    """The candidates the model puts at or above its threshold, the best-scored per pair first."""
    weights = model()
    kept: dict[frozenset[str], tuple[float, Candidate]] = {}
    for candidate in candidates(key, own):
        p = probability(candidate.features, weights)
        pair = frozenset((candidate.a, candidate.b))
        if p >= weights["threshold"] and p > kept.get(pair, (0.0, None))[0]:
            kept[pair] = (p, candidate)
    return [candidate for _, candidate in sorted(kept.values(), key=lambda row: -row[0])]
