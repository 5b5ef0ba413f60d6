"""Compare two versions of a department's 三定 (before and after a reform).

Duties are aligned by meaning, not by position: each duty becomes a TF-IDF
vector of its words (the jieba segmenter and domain dictionary that overlap
detection uses) and a maximum-weight matching (`linear_sum_assignment`) pairs
old and new duties above a threshold. Divisions are judged by where their
duties went. The new version's declared changes (划入, 划出, 取消, 下放, 加强)
are checked against what the texts show, and added or removed duties that no
declaration covers are listed.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from .model import Change, Document, Duty
from .names import without_department_names
from .normalize import for_matching
from .safe_output import scrubbed
from .segment import Segmenter, default_segmenter

DUTY_THRESHOLD = 0.3
DIVISION_THRESHOLD = 0.3
MAIN_SHARE = 0.6
COVER_THRESHOLD = 0.25

_NOT_A_DUTY = re.compile(r"^(职能转变|有关职责分工)")
# "将原市经济贸易委员会承担的…", "…下放县（区）水行政主管部门": the parties, not the matter.
_PARTY = re.compile(r"原?[市县省区]?[\u4e00-\u9fff]{2,12}?(?:委员会|局|管理处|处|办公室|督导室|中心|部门)"
                    r"(?=承担|的|负责|。|，|；|$)")
_CHANGE_WORDS = frozenset(
    "取消 划入 划出 下放 加强 整合 职责 承担 有关 工作 部分 相关 进一步 强化 落实 推进 提高 能力 职能".split())


@dataclass
class DutyRef:
    """A main duty of one version: its number, label and text."""
    no: int
    label: str
    text: str


@dataclass
class DutyPair:
    old: DutyRef
    new: DutyRef
    score: float


@dataclass
class DeclaredCheck:
    """One declared change and whether the texts show it."""
    kind: str
    from_: str | None
    to: str | None
    text: str
    shown: bool | None
    evidence: list[dict] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "from": self.from_, "to": self.to, "text": self.text,
                "shown": self.shown, "evidence": self.evidence, "note": self.note}


@dataclass
class Diff:
    """What changed between two versions; `to_dict()` is the JSON of `sanding diff`."""
    old_file: str
    new_file: str
    old_department: str | None
    new_department: str | None
    added: list[DutyRef] = field(default_factory=list)
    removed: list[DutyRef] = field(default_factory=list)
    changed: list[DutyPair] = field(default_factory=list)
    unchanged: list[DutyPair] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    renamed: list[dict] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)
    split: list[dict] = field(default_factory=list)
    divisions_removed: list[str] = field(default_factory=list)
    divisions_added: list[str] = field(default_factory=list)
    staffing: dict = field(default_factory=dict)
    declared: list[DeclaredCheck] = field(default_factory=list)
    undeclared: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "duties": {
                "added": [asdict(d) for d in self.added],
                "removed": [asdict(d) for d in self.removed],
                "changed": [{"old": asdict(p.old), "new": asdict(p.new), "score": round(p.score, 4)}
                            for p in self.changed],
            },
            "divisions": {"kept": self.kept, "renamed": self.renamed, "merged": self.merged,
                          "split": self.split, "removed": self.divisions_removed,
                          "added": self.divisions_added},
            "staffing": self.staffing,
            "declared": [check.to_dict() for check in self.declared],
            "undeclared": self.undeclared,
        }


def diff(old: Document, new: Document, segmenter: Segmenter | None = None) -> Diff:
    """Compare the previous version `old` with the current version `new`."""
    segmenter = segmenter or default_segmenter()
    result = Diff(old.file, new.file, old.department, new.department)
    old_duties, new_duties = _main_duties(old), _main_duties(new)
    old_words = [_words(d.text, segmenter) for d in old_duties]
    new_words = [_words(d.text, segmenter) for d in new_duties]
    pairs = _align([d.text for d in old_duties], [d.text for d in new_duties], segmenter, DUTY_THRESHOLD)
    matched_old = {i for i, _, _ in pairs}
    matched_new = {j for _, j, _ in pairs}
    for i, j, score in sorted(pairs, key=lambda p: p[0]):
        pair = DutyPair(_ref(old_duties[i]), _ref(new_duties[j]), score)
        same = for_matching(old_duties[i].text) == for_matching(new_duties[j].text)
        (result.unchanged if same else result.changed).append(pair)
    result.removed = [_ref(d) for n, d in enumerate(old_duties) if n not in matched_old]
    result.added = [_ref(d) for n, d in enumerate(new_duties) if n not in matched_new]
    _divisions(old, new, segmenter, result)
    result.staffing = staffing_changes(old, new)
    deltas = _deltas(pairs, old_duties, new_duties, old_words, new_words, matched_old, matched_new)
    weights = _weights(old_words + new_words)
    result.declared = [_check(change, new.department, deltas, weights, segmenter) for change in new.changes]
    result.undeclared = _undeclared(deltas, new.changes, new.department, weights, segmenter)
    return result


def _main_duties(doc: Document) -> list[Duty]:
    """Duties that are duties: no closing boilerplate, no 职能转变/有关职责分工 items."""
    return [d for d in doc.duties if not d.boilerplate and not _NOT_A_DUTY.match(d.text)]


def _ref(duty: Duty) -> DutyRef:
    return DutyRef(duty.no, duty.label, duty.text)


def _words(text: str, segmenter: Segmenter) -> list[str]:
    return segmenter.words(without_department_names(for_matching(text)))


def _vectors(documents: list[list[str]]):
    """L2-normalised TF-IDF rows for pre-split texts (None if there are no tokens at all)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .overlap import _passthrough

    vectorizer = TfidfVectorizer(analyzer=_passthrough, sublinear_tf=True, dtype=np.float64)
    try:
        return vectorizer.fit_transform(documents)
    except ValueError:
        return None


def _bigrams(text: str) -> list[str]:
    chars = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", for_matching(text))
    return [chars[n:n + 2] for n in range(len(chars) - 1)]


def _cosine(a: list[list[str]], b: list[list[str]]) -> np.ndarray:
    matrix = _vectors(a + b)
    if matrix is None:
        return np.zeros((len(a), len(b)))
    return (matrix[: len(a)] @ matrix[len(a):].T).toarray()


def _similarity(a: list[str], b: list[str], segmenter: Segmenter) -> np.ndarray:
    """Similarity of every text of `a` with every text of `b`: the mean of the cosines of
    their content words (TF-IDF, as for overlaps) and of their character pairs, which
    still compare duties whose words are all generic (承担行政复议和行政应诉工作)."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    words_a, words_b = [_words(t, segmenter) for t in a], [_words(t, segmenter) for t in b]
    by_words = _cosine(words_a, words_b)
    by_chars = _cosine([_bigrams(t) for t in a], [_bigrams(t) for t in b])
    empty = np.array([not w for w in words_a])[:, None] | np.array([not w for w in words_b])[None, :]
    return np.where(empty, by_chars, (by_words + by_chars) / 2)


def _align(a: list[str], b: list[str], segmenter: Segmenter,
           threshold: float) -> list[tuple[int, int, float]]:
    """Maximum-weight one-to-one matching of texts `a` and `b`, pairs at or above `threshold`."""
    from scipy.optimize import linear_sum_assignment

    similarity = _similarity(a, b, segmenter)
    if similarity.size == 0:
        return []
    rows, cols = linear_sum_assignment(-similarity)
    return [(int(i), int(j), float(similarity[i, j])) for i, j in zip(rows, cols)
            if similarity[i, j] >= threshold]


def _name_key(name: str) -> str:
    return re.sub(r"\s+", "", for_matching(name))


def _divisions(old: Document, new: Document, segmenter: Segmenter, result: Diff) -> None:
    """Kept, renamed, merged, split, removed, added: judged by where each old division's duties went."""
    old_items = [(n, duty) for n, division in enumerate(old.divisions) for duty in division.duties]
    new_items = [(n, duty) for n, division in enumerate(new.divisions) for duty in division.duties]
    similarity = _similarity([t for _, t in old_items], [t for _, t in new_items], segmenter)
    destinations: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for row, (old_index, _) in enumerate(old_items):
        if similarity.shape[1] and similarity[row].max() >= DIVISION_THRESHOLD:
            column = int(similarity[row].argmax())
            destinations[old_index][new_items[column][0]] += float(similarity[row, column])
    new_by_name = {_name_key(d.name): n for n, d in enumerate(new.divisions)}
    sources: dict[int, list[int]] = defaultdict(list)
    fragments: set[int] = set()
    for index, division in enumerate(old.divisions):
        counts = destinations.get(index)
        if not counts and _name_key(division.name) in new_by_name:  # no duties written: same name
            counts = {new_by_name[_name_key(division.name)]: 1.0}
        if not counts:
            result.divisions_removed.append(division.name)
            continue
        target, count = max(counts.items(), key=lambda pair: pair[1])  # the first of equals
        if count / sum(counts.values()) >= MAIN_SHARE or len(counts) == 1:
            sources[target].append(index)
        else:
            targets = [new.divisions[n].name for n, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]
            result.split.append({"from": division.name, "into": targets})
            fragments.update(counts)
    for index, division in enumerate(new.divisions):
        origin = sources.get(index, [])
        if len(origin) >= 2:
            result.merged.append({"from": [old.divisions[n].name for n in origin], "into": division.name})
        elif len(origin) == 1:
            old_name = old.divisions[origin[0]].name
            if _name_key(old_name) == _name_key(division.name):
                result.kept.append(division.name)
            else:
                result.renamed.append({"from": old_name, "to": division.name})
        elif index not in fragments:
            result.divisions_added.append(division.name)


def staffing_changes(old: Document, new: Document) -> dict:
    """Posts, each leader title, division leader posts and division count: old, new, change."""
    def entry(a, b) -> dict:
        change = b - a if a is not None and b is not None else None
        return {"old": a, "new": b, "change": change}

    old_leaders = {leader.title: leader.count for leader in old.staffing.leaders}
    new_leaders = {leader.title: leader.count for leader in new.staffing.leaders}
    titles = list(old_leaders) + [t for t in new_leaders if t not in old_leaders]
    return {
        "administrative_posts": entry(old.staffing.administrative_posts, new.staffing.administrative_posts),
        "leaders": [{"title": t, **entry(old_leaders.get(t, 0), new_leaders.get(t, 0))} for t in titles],
        "division_leaders": entry(old.staffing.division_leaders, new.staffing.division_leaders),
        "divisions": entry(len(old.divisions), len(new.divisions)),
    }


@dataclass
class _Delta:
    """Words a duty gained (+) or lost (-) in the new version."""
    sign: str  # "+" | "-"
    status: str  # added | removed | changed
    duty: DutyRef
    words: set[str]


def _deltas(pairs, old_duties, new_duties, old_words, new_words, matched_old, matched_new) -> list[_Delta]:
    deltas = [_Delta("+", "added", _ref(new_duties[j]), set(new_words[j]))
              for j in range(len(new_duties)) if j not in matched_new]
    deltas += [_Delta("-", "removed", _ref(old_duties[i]), set(old_words[i]))
               for i in range(len(old_duties)) if i not in matched_old]
    for i, j, _ in pairs:
        gained, lost = set(new_words[j]) - set(old_words[i]), set(old_words[i]) - set(new_words[j])
        if gained:
            deltas.append(_Delta("+", "changed", _ref(new_duties[j]), gained))
        if lost:
            deltas.append(_Delta("-", "changed", _ref(old_duties[i]), lost))
    return deltas


def _weights(word_lists: list[list[str]]) -> dict[str, float]:
    """Smoothed IDF over both versions' duties: words in many duties say little."""
    total = len(word_lists)
    counts = Counter(word for words in word_lists for word in set(words))
    return {word: float(np.log((1 + total) / (1 + count)) + 1) for word, count in counts.items()}


def change_words(text: str, segmenter: Segmenter) -> set[str]:
    """The objects a declared change names, without its parties, change verbs and stages."""
    text = _PARTY.sub("", without_department_names(for_matching(text)))
    return {w for w in segmenter.objects(segmenter.words(text)) if w not in _CHANGE_WORDS}


def _cover(change: set[str], delta: set[str], weights: dict[str, float], segmenter: Segmenter) -> float:
    """Share of the change's objects that the delta has, each weighted by IDF and
    halved unless it is a domain term (客运站 counts more than 各种)."""
    if not change:
        return 0.0
    default = max(weights.values(), default=1.0)

    def weight(word: str) -> float:
        return weights.get(word, default) * (1.0 if segmenter.is_term(word) else 0.5)

    return sum(map(weight, change & delta)) / sum(map(weight, change))


def direction(change: Change, department: str | None) -> set[str]:
    """Which way a change moves duties for `department`: {"+"} taken on, {"-"} given up.

    The parties decide first (将原市经济贸易委员会…划入市商务局 is "+" for 商务局,
    whatever its heading says); otherwise the kind; 其他 has no direction.
    """
    from .overlap import _same_department

    if department:
        if change.to and _same_department(change.to, department):
            return {"+"}
        if change.from_ and _same_department(change.from_, department):
            return {"-"}
    return {"划入": {"+"}, "加强": {"+"}, "取消": {"-"}, "划出": {"-"}, "下放": {"-"},
            "整合": {"+", "-"}}.get(change.kind, set())


def _check(change: Change, department: str | None, deltas: list[_Delta], weights: dict[str, float],
           segmenter: Segmenter) -> DeclaredCheck:
    check = DeclaredCheck(change.kind, change.from_, change.to, change.text, None)
    signs = direction(change, department)
    words = change_words(change.text, segmenter)
    if not signs or not words:
        check.note = "未写明具体职责，无法与条文核对"
        return check
    hits = sorted(((_cover(words, d.words, weights, segmenter), d) for d in deltas if d.sign in signs),
                  key=lambda h: (-h[0], h[1].sign, h[1].duty.no))
    hits = [(score, d) for score, d in hits if score >= COVER_THRESHOLD]
    check.shown = bool(hits)
    check.evidence = [{"status": d.status, "no": d.duty.no, "label": d.duty.label, "text": d.duty.text,
                       "words": sorted(words & d.words), "score": round(score, 4)} for score, d in hits[:3]]
    if hits:
        check.note = "条文有相应变化"
    elif signs == {"+"}:
        check.note = "新规定的主要职责中没有新增或扩充相应内容"
    elif signs == {"-"}:
        check.note = "原规定的主要职责中没有被删去或缩减的相应内容"
    else:
        check.note = "主要职责中没有相应的增减"
    return check


def _undeclared(deltas: list[_Delta], changes: list[Change], department: str | None,
                weights: dict[str, float], segmenter: Segmenter) -> list[dict]:
    """Duties added or removed that no declared change of the same direction covers."""
    declared = [(direction(c, department), change_words(c.text, segmenter)) for c in changes]
    out = []
    for delta in deltas:
        if delta.status == "changed":
            continue
        if any(delta.sign in signs and _cover(words, delta.words, weights, segmenter) >= COVER_THRESHOLD
               for signs, words in declared):
            continue
        out.append({"status": delta.status, "no": delta.duty.no, "label": delta.duty.label,
                    "text": delta.duty.text})
    return out


def write_docx(result: Diff, path: str | Path | IO[bytes]) -> None:
    """A Chinese comparison report (.docx) of one diff, to a path or a binary stream, in the
    conventions of 党政机关公文格式 (docproc.wordstyle)."""
    from .wordstyle import official_document

    result = scrubbed(result)
    word = official_document(f"{result.new_department or result.new_file}三定规定新旧对照")
    word.add_paragraph(f"原规定：{result.old_file}（{result.old_department or '未识别部门'}）")
    word.add_paragraph(f"新规定：{result.new_file}（{result.new_department or '未识别部门'}）")
    word.add_heading("一、主要职责", level=1)
    _table(word, ["变化", "原规定", "新规定", "相似度"],
           [["新增", "", f"{d.label}{d.text}", ""] for d in result.added]
           + [["删除", f"{d.label}{d.text}", "", ""] for d in result.removed]
           + [["修改", f"{p.old.label}{p.old.text}", f"{p.new.label}{p.new.text}", f"{p.score:.2f}"]
              for p in result.changed], [1.3, 5, 5, 1.3])
    word.add_paragraph(f"未变化的职责 {len(result.unchanged)} 项。")
    word.add_heading("二、内设机构", level=1)
    rows = [["保留", name, name] for name in result.kept]
    rows += [["更名", r["from"], r["to"]] for r in result.renamed]
    rows += [["合并", "、".join(m["from"]), m["into"]] for m in result.merged]
    rows += [["拆分", s["from"], "、".join(s["into"])] for s in result.split]
    rows += [["撤销", name, ""] for name in result.divisions_removed]
    rows += [["新设", "", name] for name in result.divisions_added]
    _table(word, ["变化", "原内设机构", "新内设机构"], rows, [1.3, 5, 5])
    word.add_heading("三、人员编制", level=1)
    staffing = result.staffing
    rows = [["行政编制", *_numbers(staffing["administrative_posts"])]]
    rows += [[leader["title"], *_numbers(leader)] for leader in staffing["leaders"]]
    rows += [["科级领导职数", *_numbers(staffing["division_leaders"])],
             ["内设机构数", *_numbers(staffing["divisions"])]]
    _table(word, ["项目", "原规定", "新规定", "增减"], rows, [4, 2, 2, 2])
    word.add_heading("四、职责调整核对", level=1)
    for check in result.declared:
        verdict = {True: "条文已体现", False: "条文未体现", None: "无法核对"}[check.shown]
        paragraph = word.add_paragraph(style="List Bullet")
        paragraph.add_run(f"〔{check.kind}〕{check.text}　").bold = False
        paragraph.add_run(f"{verdict}：{check.note}").bold = True
        for item in check.evidence:
            word.add_paragraph(f"依据：{item['label']}{item['text']}（{'、'.join(item['words'])}）")
    word.add_heading("五、未说明的职责变化", level=1)
    if not result.undeclared:
        word.add_paragraph("无。")
    for item in result.undeclared:
        status = "新增" if item["status"] == "added" else "删除"
        word.add_paragraph(f"{status}：{item['label']}{item['text']}", style="List Bullet")
    word.save(str(path) if isinstance(path, (str, Path)) else path)


def _numbers(entry: dict) -> list[str]:
    change = entry["change"]
    sign = "" if change is None else (f"+{change}" if change > 0 else str(change))
    return ["—" if entry["old"] is None else str(entry["old"]),
            "—" if entry["new"] is None else str(entry["new"]), sign or "—"]


def _table(word, header: list[str], rows: list[list[str]], widths: list[float]) -> None:
    from .wordstyle import table

    if not rows:
        word.add_paragraph("无。")
        return
    table(word, header, rows, widths)
