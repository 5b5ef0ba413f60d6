"""Overlapping responsibilities (职责交叉) between departments and between divisions.

Each duty is split into its matters (clauses); each matter becomes a TF-IDF
vector of its *object* words (jieba + domain dictionary, generic duty words and
stages removed). Candidate pairs come from a sparse top-k product, never the
full similarity matrix. A pair is a finding when its matters share an object;
its kind says whether one side only assists (lead_assist) or a 有关职责分工
statement already splits it (settled).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .findings import Finding, ItemRef, pair_key, side, simplified
from .model import Document
from .names import government_of, without_department_names
from .normalize import for_matching
from .pair_scorer import INFERRED
from .pending import Batch, codes, one_per_matter
from .segment import DICT_DIR, Segmenter, default_segmenter

TOPICS = json.loads((DICT_DIR / "topics.json").read_text("utf-8"))
TOPICS.pop("_comment", None)

_ASSIST = re.compile(r"配合|协助|参与|协同|予以支持|做好相关|按职责分工")
_LEAD = re.compile(r"牵头|主管|统筹|负总责")
_CLAUSE_VERB = re.compile(
    r"^(负责|承担|组织|指导|监督|拟订|拟定|参与|配合|协助|会同|牵头|统筹|推进|推动|开展|查处|审批|实施|管理|"
    r"依法|对|制定|编制|建立|完善|做好|落实|督促|协调|加强|指导监督|综合)")
# "实施消防监督以外的治安管理", "除食品安全外": what a duty excludes is not its object.
_EXCLUDED = re.compile(r"[\u4e00-\u9fff、]{2,12}以外的?|除[\u4e00-\u9fff、]{2,12}外")
_HOUSEKEEPING = frozenset(
    "机关 文电 会务 机要 档案 督查 保密 信访 政务公开 日常运转 财务 资产管理 后勤 后勤保障 人事 人事管理 "
    "党群 党建 离退休 干部 队伍建设 机构编制 新闻宣传 内部审计 安全保密 机关党委 信息化建设 政务信息 建议提案 "
    "人大代表 政协委员 绩效考核 教育培训".split())


# (government, department) → its 有关职责分工 statements: (text, departments named, simplified text)
Statements = dict[tuple[str, str], list[tuple[str, list[str], str]]]


@dataclass
class _Matter:
    item: int
    text: str
    objects: list[str]
    stages: set[str]
    own_sector: bool = False  # the clause names its own department's field (交通建设工程质量)
    words: list[str] = field(default_factory=list)  # all content words (for 对标 across governments)


# The default threshold of a finding between departments of one government.
MIN_SCORE = 0.3
# 对标's default: its score is the match model's probability that the pair is a labelled one, and
# 对标 is read to find what another government does alike, so its default reaches lower. On the
# 124 development groups of the blind-written sets it finds 0.958 of the same-matter pairs at 0.1
# (0.948 at 0.15, 0.92 at 0.3) with 0.69 of its findings labelled pairs (0.75 at 0.15); the order, and
# so the top of the list, is the same at any threshold.
BENCHMARK_MIN_SCORE = 0.1


@dataclass
class OverlapFinder:
    """Find overlapping duties in a set of parsed documents (scikit-learn estimator style).

    `fit(documents)` sets `items_`, `findings_` (sorted by score) and `notes_`
    (Chinese messages about what was compared).
    """
    min_score: float | None = None  # None: MIN_SCORE, and BENCHMARK_MIN_SCORE for 对标
    top_k: int = 30
    across_governments: bool = False
    within_departments: bool = False
    segmenter: Segmenter | None = None
    # Each department's kinds for 对标 when a caller has read them from a larger upload
    # (docproc.partitioned); otherwise read from the documents fitted (docproc.kinship).
    kinds: dict[tuple[str, str], tuple[str, ...]] | None = None
    kinds_: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, init=False, repr=False)
    items_: list[ItemRef] = field(default_factory=list, init=False, repr=False)
    findings_: Sequence[Finding] = field(default_factory=list, init=False, repr=False)
    notes_: list[str] = field(default_factory=list, init=False, repr=False)
    _segmented: list = field(default_factory=list, init=False, repr=False)
    _sides: list[bytes] = field(default_factory=list, init=False, repr=False)

    @property
    def _min_score(self) -> float:
        return MIN_SCORE if self.min_score is None else self.min_score

    @property
    def _benchmark_min_score(self) -> float:
        return BENCHMARK_MIN_SCORE if self.min_score is None else self.min_score

    def fit(self, documents: list[Document]) -> "OverlapFinder":
        segmenter = self.segmenter or default_segmenter()
        labour = self._prepare(documents, within=self.within_departments, general=self.across_governments)
        batches: list[Batch] = []
        for part in self._partitions():
            matters = _matters(self.items_, part, segmenter, self.within_departments, self._segmented)
            batches += self._score(matters, segmenter, labour)
        self.findings_ = one_per_matter(batches, self.items_, self._sides)
        return self

    def benchmark(self, documents: list[Document]) -> Sequence[Finding]:
        """对标 alone (docproc.partitioned's task for one kind of department): the pairs of the same
        duty in two governments, built and ordered as `fit` orders them; `items_` is set."""
        labour = self._prepare(documents, within=False, general=True)
        self.findings_ = one_per_matter([self._benchmark_findings(labour)], self.items_, self._sides)
        return self.findings_

    def _prepare(self, documents: list[Document], *, within: bool, general: bool) -> Statements:
        """Items (one document per department), their segmented matters and key sides; returns every
        file's 职责分工 statements, with or without a department."""
        from .kinship import upload_kinds

        labour = _labour_statements(documents)
        newest = self._newest_per_department(documents)
        self.items_ = _items(newest, within=within, general=general)
        if general:
            self.kinds_ = self.kinds if self.kinds is not None else upload_kinds(newest)
        self._segmented = segment_items(self.items_, self.segmenter)
        self._sides = [side(item) for item in self.items_]
        return labour

    def _partitions(self) -> list[list[int]]:
        """Item indices compared together: all (across departments) or one department each."""
        if not self.within_departments:
            return [list(range(len(self.items_)))]
        parts: dict[tuple[str, str], list[int]] = defaultdict(list)
        for index, item in enumerate(self.items_):
            parts[(item.government, item.department)].append(index)
        return list(parts.values())

    def _group(self, item: ItemRef) -> tuple:
        """What counts as one party: a department, or a division inside one."""
        if self.within_departments:
            return (item.government, item.department, item.division)
        return (item.government, item.department)

    def _score(self, matters: list[_Matter], segmenter: Segmenter, labour) -> list[Batch]:
        if len(matters) < 2:
            return []
        groups = [self._group(self.items_[m.item]) for m in matters]
        features = _features(matters, groups, segmenter, 0.5 if self.within_departments else 0.35)
        if features is None:
            return []
        batches = []
        if self.across_governments and not self.within_departments:
            batches.append(self._benchmark_findings(labour))
        batches.append(self._same_government_findings(matters, features, segmenter, labour))
        if self.across_governments and not self.within_departments:
            best: dict[tuple[int, int], tuple[float, int, int]] = {}
            self._add_cross_government_pairs(matters, best)
            built = []
            for (a, b), (score, i, j) in best.items():
                terms = sorted(set(matters[i].words) & set(matters[j].words), key=lambda w: (-len(w), w))
                if terms:
                    built.append((a, b, self._finding(a, b, score, i, j, terms, matters, labour)))
            batches.append(Batch.built(built))
        return batches

    def _same_government_findings(self, matters: list[_Matter], features: "_Features", segmenter: Segmenter,
                                  labour) -> Batch:
        """Candidate pairs scored, the best pair of matters kept per pair of items, and those
        with a specific enough shared object, all in bulk; each finding is built when read."""
        rows, cols, sims = self._candidates(features.matrix, matters,
                                            [self._group(self.items_[m.item]) for m in matters])
        if not len(rows):
            return Batch.built([])
        # The same object at different stages (审批 vs 监管) is weaker than both doing the same.
        # Between departments it is still a boundary to write down (审批监管职责边界); between
        # divisions of one department it is usually a clean split of work (one plans, another
        # supervises), so it counts for much less.
        stages = _stage_masks(matters)
        scores = sims.astype(np.float64) * np.where(
            (stages[rows] != 0) & (stages[cols] != 0) & ((stages[rows] & stages[cols]) == 0),
            0.5 if self.within_departments else 0.85, 1.0)
        if not self.within_departments:
            # `交通建设工程质量` against `建筑工程质量`: one side limits the object to its own field,
            # so the two usually split the object by sector rather than overlap.
            sector = np.array([m.own_sector for m in matters], dtype=bool)
            scores = scores * np.where(sector[rows] != sector[cols], 0.8, 1.0)
        qualifying = np.flatnonzero((scores >= self._min_score) & (scores > 0))
        item = np.array([m.item for m in matters], dtype=np.int64)
        first, second = item[rows[qualifying]], item[cols[qualifying]]
        swap = first > second  # a pair of items is (smaller, larger), its matters in that order
        i = np.where(swap, cols[qualifying], rows[qualifying])
        j = np.where(swap, rows[qualifying], cols[qualifying])
        a, b = np.minimum(first, second), np.maximum(first, second)
        score = scores[qualifying]
        # The best score per pair of items, the first such in candidate order; pairs in the order
        # each first qualified (a dict's insertion order, which orders equal keys later).
        code = a * len(self.items_) + b
        order = np.lexsort((np.arange(len(code)), -score, code))
        best = order[np.flatnonzero(np.r_[True, code[order][1:] != code[order][:-1]])]
        best = best[np.argsort(np.unique(code, return_index=True)[1], kind="stable")]
        shared = _shared_objects(features, matters, i[best], j[best], self.items_,
                                 None if self.within_departments else segmenter)
        counts = np.diff(shared.indptr)
        terms_found = np.asarray(shared @ features.is_term).ravel() > 0
        # An overlap needs a named object: one domain term, or two ordinary words.
        specific = np.flatnonzero((counts > 0) & (terms_found | (counts >= 2)))
        leads = _leading_terms(shared, features)
        kept_leads = [leads[n] for n in specific.tolist()]
        keep = best[specific]
        a, b, i, j, score = a[keep], b[keep], i[keep], j[keep], score[keep]

        def build(n: int) -> Finding:
            return self._same_government_finding(int(a[n]), int(b[n]), float(score[n]), int(i[n]), int(j[n]),
                                                 matters, features.idf, segmenter, labour)
        return Batch(score, a, b, kept_leads, build)

    def _same_government_finding(self, a: int, b: int, score: float, i: int, j: int, matters: list[_Matter],
                                 idf: dict[str, float], segmenter: Segmenter, labour) -> Finding:
        terms = _shared_terms(matters[i], matters[j], idf)
        if not self.within_departments:
            terms = _without_own_names(terms, self.items_[a], self.items_[b], segmenter)
        return self._finding(a, b, score, i, j, terms, matters, labour)

    def _add_cross_government_pairs(self, matters: list[_Matter], best: dict) -> None:
        """Duties of *different* kinds of department in different governments (the same kind
        is 对标, `_benchmark_findings`). Every content word counts and character pairs
        bridge renamed terms (环境保护 / 生态环境)."""
        matrix = _benchmark_features(matters, [self._group(self.items_[m.item]) for m in matters])
        if matrix is None:
            return
        rows, cols, sims = candidate_pairs(matrix, self.top_k, self._min_score)
        for i, j, similarity in zip(rows.tolist(), cols.tolist(), sims.tolist()):
            a, b = matters[i].item, matters[j].item
            item_a, item_b = self.items_[a], self.items_[b]
            if item_a.government == item_b.government or set(self.kinds_[(item_a.government, item_a.department)]) \
                    & set(self.kinds_[(item_b.government, item_b.department)]):
                continue
            pair = (a, b) if a < b else (b, a)
            if similarity > best.get(pair, (0.0, 0, 0))[0]:
                best[pair] = (similarity, i, j) if a < b else (similarity, j, i)

    def _benchmark_findings(self, labour: Statements) -> Batch:
        """对标 (docproc.benchmark): duties of the same kind of department in other governments,
        scored on the whole duty; each is built when read (`_benchmark_finding`)."""
        from .benchmark import CATCH_ALL_LEAD, benchmark_pairs, term_order

        words = [frozenset(word for _, clause_words in clauses for word in clause_words) for clauses in self._segmented]
        kept = benchmark_pairs(self.items_, self.kinds_, self._benchmark_min_score, self.top_k)
        order = term_order({word for a, b, _ in kept for word in words[a] & words[b]})
        order[CATCH_ALL_LEAD] = len(order)

        def build(n: int) -> Finding:
            return self._benchmark_finding(*kept[n], labour)
        # The lead term only keeps one finding per matter within a government; 对标 pairs are across.
        return Batch(np.array([score for _, _, score in kept], dtype=np.float64),
                     np.array([a for a, _, _ in kept], dtype=np.int64),
                     np.array([b for _, b, _ in kept], dtype=np.int64),
                     [min(words[a] & words[b] or {CATCH_ALL_LEAD}, key=order.__getitem__) for a, b, _ in kept], build)

    def _benchmark_finding(self, a: int, b: int, score: float, labour: Statements) -> Finding:
        """A 对标 pair shown with the clauses that share the most words, and the words they share;
        restatements need not share a word (水土保持 / 水土流失综合防治): then a function every
        department has (行政复议 of two 司法局), else the passages the two have in common."""
        from .benchmark import shared_passages, shared_terms

        clauses_a = self._segmented[a] or [(self.items_[a].text, [])]
        clauses_b = self._segmented[b] or [(self.items_[b].text, [])]
        terms = shared_terms([w for _, words in clauses_a for w in words], [w for _, words in clauses_b for w in words])
        if not terms and not self.items_[a].catch_all:
            text_a, text_b = self.items_[a].text, self.items_[b].text
            found = sorted(set(_functions(text_a)) & set(_functions(text_b))) or shared_passages(text_a, text_b)
            terms = shared_terms(found, found)
        (text_a, words_a), (text_b, words_b) = max(
            ((x, y) for x in clauses_a for y in clauses_b), key=lambda pair: len(set(pair[0][1]) & set(pair[1][1])))
        shown = [_Matter(a, text_a, words_a, set(), words=words_a), _Matter(b, text_b, words_b, set(), words=words_b)]
        return self._finding(a, b, score, 0, 1, terms, shown, labour)

    def _candidates(self, matrix, matters: list[_Matter], groups: list[tuple]):
        """Pairs of matters worth scoring: similar enough, different parties, same
        government unless comparing across governments (filtered with numpy)."""
        rows, cols, sims = candidate_pairs(matrix, self.top_k, self._min_score)
        group_codes = codes(groups)
        government_codes = codes([self.items_[m.item].government for m in matters])
        general = np.array([self.items_[m.item].general for m in matters], dtype=bool)
        keep = (group_codes[rows] != group_codes[cols]) & ~general[rows] & ~general[cols]
        if not self.within_departments:
            # Pairs across governments are scored by `_benchmark_findings` (对标) and `_add_cross_government_pairs`.
            keep &= government_codes[rows] == government_codes[cols]
        return rows[keep].astype(np.int64), cols[keep].astype(np.int64), sims[keep]

    def _newest_per_department(self, documents: list[Document]) -> list[Document]:
        """Keep one document per department (the last given) and say which ones were dropped."""
        kept: dict[tuple[str, str], Document] = {}
        self.notes_ = []
        for doc in documents:
            if not doc.department:
                self.notes_.append(f"{doc.file}：未识别出部门名称，未参与比对")
                continue
            key = (doc.government or "未识别", doc.department)
            if key in kept:
                self.notes_.append(f"{doc.department} 上传了多个版本，只比对最新的 {doc.file}（忽略 {kept[key].file}）")
            kept[key] = doc
        governments = sorted({government for government, _ in kept})
        if len(governments) > 1 and not self.across_governments:
            self.notes_.append(f"文件来自 {len(governments)} 个政府（{'、'.join(governments)}），分别在各自政府内比对")
        departments = len(kept)
        if departments < 2 and not self.within_departments:
            self.notes_.append("只有一个部门，无法比对部门之间的职责交叉")
        return list(kept.values())

    def _finding(self, a: int, b: int, score: float, i: int, j: int, terms: list[str],
                 matters: list[_Matter], labour: Statements) -> Finding:
        item_a, item_b = self.items_[a], self.items_[b]
        settled = _settling_statement(item_a, item_b, terms, labour)
        if settled:
            kind = "settled"
        elif _assists(matters[i].text) != _assists(matters[j].text) or \
                (_LEAD.search(matters[i].text) is None) != (_LEAD.search(matters[j].text) is None):
            kind = "lead_assist"
        else:
            kind = "overlap"
        return Finding(a=item_a, b=item_b, score=min(1.0, float(score)), terms=terms, kind=kind,
                       topic=_topic(terms, matters[i].text + matters[j].text), settled_by=settled,
                       matter_a=matters[i].text, matter_b=matters[j].text,
                       key=pair_key(self._sides[a], self._sides[b]))


def _passthrough(words: list[str]) -> list[str]:
    """The analyzer for pre-segmented text (module level, so a fitted vectorizer pickles)."""
    return words


def _items(documents: list[Document], within: bool, general: bool = False) -> list[ItemRef]:
    """Comparable duties: main duties and single division duties; the closing catch-all of a duty
    list (`完成…交办的其他任务`) and divisions every department has only when `general` (对标
    compares those too)."""
    items: list[ItemRef] = []
    for doc in documents:
        government = doc.government or "未识别"
        department = doc.department or ""  # documents without one were left out before this
        if not within:
            for duty in doc.duties:
                if duty.incomplete or duty.boilerplate and not general:  # a cut item matches anything it starts like
                    continue
                items.append(ItemRef(government, department, None, "duties", duty.no,
                                     duty.text, doc.file, catch_all=duty.boilerplate, signs=tuple(doc.signs)))
        for division in doc.divisions:
            is_general = _is_general_division(simplified(division.name))  # (a traditional copy's `辦公室` too)
            if is_general and not general:
                continue
            for number, text in enumerate(division.duties, start=1):
                items.append(ItemRef(government, department, division.name, "divisions", number,
                                     text, doc.file, general=is_general, signs=tuple(doc.signs)))
    return items


def _is_general_division(name: str) -> bool:
    """办公室, 机关党委, 人事科, 政策法规科 …: functions every department has, not outward duties."""
    return bool(re.match(r"^(办公室|办公厅|机关党委|机关党总支|人事|组织人事|政治部|财务|计划财务|规划财务|离退休|"
                         r"政策法规|法规|法制|审计)", name))


def split_matters(text: str) -> list[str]:
    """A duty → its matters: sentences, and comma clauses that start with a duty verb."""
    matters = []
    for sentence in re.split(r"[。；;]", text):
        parts = re.split(r"[，,]", sentence)
        current = ""
        for part in parts:
            if current and _CLAUSE_VERB.match(part.strip()):
                matters.append(current)
                current = part
            else:
                current = f"{current}，{part}" if current else part
        if current.strip():
            matters.append(current)
    return [m.strip() for m in matters if len(m.strip()) >= 4]


def segment_items(items: list[ItemRef], segmenter: Segmenter | None = None) -> list[list[tuple[str, list[str]]]]:
    """Each item's matters with their words. Each distinct clause is segmented once (duty
    texts reuse their wording); many distinct clauses use both cores (fork) with the default
    segmenter, loaded before the fork."""
    clauses_of = {text: split_matters(simplified(text)) for text in dict.fromkeys(item.text for item in items)}
    clauses = list(dict.fromkeys(clause for found in clauses_of.values() for clause in found))
    if segmenter is None and len(clauses) >= PARALLEL_FROM and _can_fork():
        import multiprocessing

        default_segmenter()  # load once, inherited by the workers
        chunks = [clauses[n:n + 5000] for n in range(0, len(clauses), 5000)]
        with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
            words = [entry for chunk in pool.map(_segment_clauses, chunks) for entry in chunk]
    else:
        words = _segment_clauses(clauses, segmenter)
    words_of = dict(zip(clauses, words))
    return [[(clause, words_of[clause]) for clause in clauses_of[item.text]] for item in items]


PARALLEL_FROM = 20000
WORKERS = 2


def _can_fork() -> bool:
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _segment_clauses(clauses: list[str], segmenter: Segmenter | None = None) -> list[list[str]]:
    if segmenter is None:
        return [list(_default_words(clause)) for clause in clauses]
    return [segmenter.words(_EXCLUDED.sub("", without_department_names(clause))) for clause in clauses]


# Governments restate one another's clauses: a process that runs detection again (the web app
# after each upload, a worker given one government after another) segments a clause once.
@lru_cache(maxsize=100_000)
def _default_words(clause: str) -> tuple[str, ...]:
    return tuple(default_segmenter().words(_EXCLUDED.sub("", without_department_names(clause))))


@lru_cache(maxsize=100_000)
def _functions(text: str) -> tuple[str, ...]:
    return tuple(default_segmenter().functions(simplified(text)))


def _matters(items: list[ItemRef], indices: list[int], segmenter: Segmenter, strip_own_name: bool,
             segmented: list[list[tuple[str, list[str]]]]) -> list[_Matter]:
    matters = []
    for index in indices:
        item = items[index]
        if item.catch_all:
            continue  # it meets only the catch-all of another list, in 对标 (docproc.benchmark)
        core = _core_name(item.department)
        own_name = _own_words(item.department, segmenter) - {core}
        for clause, words in segmented[index]:
            objects = [w for w in segmenter.objects(words) if w not in _HOUSEKEEPING
                       and not (strip_own_name and w in own_name)
                       and not w.endswith(("局", "委员会", "厅", "办公室"))]
            if objects:
                sector = any(word in own_name or (len(word) >= 2 and core.startswith(word)) for word in words)
                matters.append(_Matter(index, clause, objects, segmenter.stages_of(words), sector, words))
    return matters


@lru_cache(maxsize=4096)
def _core_name(department: str) -> str:
    """`示例市水利局` → `水利`: the words a department's name gives every one of its duties."""
    from .names import government_of

    government = government_of(department) or ""
    core = department[len(government):] if department.startswith(government) else department
    return re.sub(r"(委员会|局|厅|部|委|办公室)$", "", core)


def _spread(matrix, groups: list[tuple], limit: float, vocabulary=None) -> np.ndarray:
    """Per word, a weight that falls to 0 for words most parties use.

    起草地方性法规草案, 行政复议 … are functions every department has; a word found in
    more than `limit` of the parties says nothing about who does what. Given the
    `vocabulary`, the parties are kinds of department, counted together with the
    reference body (docproc.reference), so that a pair's weights do not hang on what
    else was uploaded; otherwise they are the groups (divisions inside one department).
    Below five parties every word keeps weight 1.
    """
    coo = matrix.tocoo()
    if vocabulary is not None:
        from .reference import department_kind, reference

        kinds = [department_kind(group[1]) for group in groups]
        kinds_used = sorted(set(kinds))
        known = reference()
        if len(set(known.kinds) | set(kinds_used)) < 5:
            return np.ones(matrix.shape[1], dtype=np.float32)
        position = {kind: n for n, kind in enumerate(kinds_used)}
        codes = np.array([position[kind] for kind in kinds])
        used = np.unique(np.stack([codes[coo.row], coo.col], axis=1), axis=0)
        share = known.shares_of_columns(vocabulary, kinds_used,
                                        ((kinds_used[kind], column) for kind, column in used.tolist()))
        return np.clip((limit - share) / 0.15, 0.0, 1.0).astype(np.float32)
    parties = sorted(set(groups))
    if len(parties) < 5:
        return np.ones(matrix.shape[1], dtype=np.float32)
    index = {party: n for n, party in enumerate(parties)}
    rows = np.array([index[group] for group in groups])
    pairs = np.unique(np.stack([rows[coo.row], coo.col], axis=1), axis=0)
    counts = np.bincount(pairs[:, 1], minlength=matrix.shape[1]).astype(np.float32)
    share = counts / len(parties)
    return np.clip((limit - share) / 0.15, 0.0, 1.0).astype(np.float32)


def _without_own_names(terms: list[str], a: ItemRef, b: ItemRef, segmenter: Segmenter) -> list[str]:
    """Drop a department's own field (应急管理 for 应急管理局): every sector department
    manages its sector's 应急管理, which is the lead/sector relation, not an overlap."""
    own = _own_words(a.department, segmenter) | _own_words(b.department, segmenter)
    return [term for term in terms if term not in own]


def _own_words(department: str, segmenter: Segmenter) -> frozenset[str]:
    """The words of a department's core name (cached on the segmenter)."""
    cache = segmenter.__dict__.setdefault("_own_words_cache", {})
    if department not in cache:
        core = _core_name(department)
        cache[department] = frozenset({core, *segmenter.words(core)})
    return cache[department]


def _diagonal(values: np.ndarray):
    from scipy.sparse import diags
    return diags(values)


def _normalize(matrix):
    from sklearn.preprocessing import normalize
    return normalize(matrix.tocsr(), norm="l2").astype(np.float32)


def tfidf_features(matters: list[_Matter], groups: list[tuple], segmenter: Segmenter, limit: float):
    """L2-normalised TF-IDF rows of the matters' object words, each word also weighted by
    how few parties use it and by whether it is a domain term; returns (matrix, word weights)."""
    features = _features(matters, groups, segmenter, limit)
    return None if features is None else (features.matrix, features.idf)


@dataclass
class _Features:
    matrix: Any  # weighted, L2-normalised rows (CSR)
    idf: dict[str, float]  # a word's weight in the findings' terms (0: it carries none)
    vocabulary: np.ndarray
    rank: np.ndarray  # per word, its place in the order of terms (weight down, then the word)
    presence: Any  # 1 where a matter has a word of positive weight (CSR)
    is_term: np.ndarray  # 1.0 for domain terms


def _features(matters: list[_Matter], groups: list[tuple], segmenter: Segmenter, limit: float) -> _Features | None:
    vectorizer = TfidfVectorizer(analyzer=_passthrough, sublinear_tf=True, norm=None, dtype=np.float32)
    try:
        counts = vectorizer.fit_transform([m.objects for m in matters])
    except ValueError:  # no words at all
        return None
    vocabulary = vectorizer.get_feature_names_out()
    by_kind = vocabulary if len(groups[0]) == 2 else None  # between departments, not divisions
    is_term = np.array([segmenter.is_term(word) for word in vocabulary], dtype=bool)
    weights = _spread(counts, groups, limit, by_kind) * np.where(is_term, 1.0, 0.5).astype(np.float32)
    matrix = _normalize(counts @ _diagonal(weights))
    values = vectorizer.idf_ * weights
    idf = dict(zip(vocabulary, values.tolist()))
    order = sorted(range(len(vocabulary)), key=lambda column: (-values[column], vocabulary[column]))
    rank = np.empty(len(vocabulary), dtype=np.int64)
    rank[order] = np.arange(len(vocabulary))
    presence = (counts @ _diagonal((values > 0).astype(np.float32))).tocsr()
    presence.eliminate_zeros()
    presence.data[:] = 1.0
    return _Features(matrix, idf, vocabulary, rank, presence, is_term.astype(np.float32))


def _stage_masks(matters: list[_Matter]) -> np.ndarray:
    """Each matter's stages (审批, 监管 …) as bits, to compare pairs in bulk (Python integers past 62
    stages: the dictionary has 63)."""
    bits: dict[str, int] = {}
    masks = [sum(1 << bits.setdefault(stage, len(bits)) for stage in m.stages) for m in matters]
    return np.array(masks, dtype=np.int64 if len(bits) <= 62 else object)


def _shared_objects(features: _Features, matters: list[_Matter], i: np.ndarray, j: np.ndarray,
                    items: list[ItemRef], segmenter: Segmenter | None):
    """Per pair of matters (i, j), the words of positive weight both name (CSR, a row a pair),
    without the two departments' own field when a segmenter is given (`_without_own_names`)."""
    shared = features.presence[i].multiply(features.presence[j]).tocsr()
    if segmenter is not None and shared.nnz:
        from scipy.sparse import csr_matrix

        column = {word: n for n, word in enumerate(features.vocabulary.tolist())}
        departments: dict[str, int] = {}
        department_of = np.array([departments.setdefault(items[m.item].department, len(departments))
                                  for m in matters], dtype=np.int64)
        own_rows, own_cols = [], []
        for department, row in departments.items():
            for word in _own_words(department, segmenter):
                if word in column:
                    own_rows.append(row)
                    own_cols.append(column[word])
        own = csr_matrix((np.ones(len(own_rows), dtype=np.float32), (own_rows, own_cols)),
                         shape=(len(departments), len(column)))
        either = own[department_of[i]] + own[department_of[j]]
        shared = (shared - shared.multiply(either.sign())).tocsr()
        shared.eliminate_zeros()
    return shared


def _leading_terms(shared, features: _Features) -> list[str]:
    """Per row of `shared`, its first term in the findings' order (`_shared_terms`), or ""."""
    leads = [""] * shared.shape[0]
    counts = np.diff(shared.indptr)
    rows = np.flatnonzero(counts > 0)
    if len(rows):
        ranks = features.rank[shared.indices]
        firsts = np.minimum.reduceat(ranks, shared.indptr[rows])
        order = np.argsort(features.rank)  # rank → column
        for row, first in zip(rows.tolist(), firsts.tolist()):
            leads[row] = str(features.vocabulary[order[first]])
    return leads


def _benchmark_features(matters: list[_Matter], groups: list[tuple]):
    """TF-IDF over content words and their character pairs, weighted down where most
    parties say the same (起草法律法规草案 is everyone's)."""
    documents = [m.words + [w[n:n + 2] for w in m.words for n in range(len(w) - 1) if len(w) > 2]
                 for m in matters]
    vectorizer = TfidfVectorizer(analyzer=_passthrough, sublinear_tf=True, norm=None, dtype=np.float32)
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError:
        return None
    return _specificity_scaled(matrix, _spread(matrix, groups, 0.35))


def _specificity_scaled(matrix, weights: np.ndarray):
    """Rows scaled to the share of their weight that survives `weights`, not to length 1:
    two clauses made only of what many parties say (制定部门规章) then meet with a
    low score instead of a perfect cosine."""
    from sklearn.preprocessing import normalize

    weighted = (matrix @ _diagonal(weights)).tocsr()
    before = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    after = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    share = np.divide(after, before, out=np.zeros_like(after), where=before > 0)
    unit = normalize(weighted, norm="l2")
    return (_diagonal(np.sqrt(share).astype(np.float32)) @ unit).tocsr().astype(np.float32)


def candidate_pairs(matrix, top_k: int, threshold: float | None):
    """Arrays (rows, cols, cosine) with rows < cols from each row's top-k neighbours.

    A sparse top-k product (sparse-dot-topn) keeps memory linear in the number
    of rows: the full similarity matrix of 100k items would need 40 GB.
    """
    product = top_products(matrix, matrix, top_k + 1, threshold)
    keep = product.row < product.col
    return product.row[keep], product.col[keep], product.data[keep]


def top_products(left, right, top_n: int, threshold: float | None):
    """The `top_n` largest dot products of each row of `left` with the rows of `right` (COO)."""
    from sparse_dot_topn import sp_matmul_topn

    return sp_matmul_topn(left, right.T.tocsr(), top_n=top_n, threshold=threshold, n_threads=2).tocoo()


def _shared_terms(a: _Matter, b: _Matter, idf: dict[str, float]) -> list[str]:
    shared = {word for word in set(a.objects) & set(b.objects) if idf.get(word, 0.0) > 0}
    return sorted(shared, key=lambda word: (-idf.get(word, 0.0), word))


def _assists(text: str) -> bool:
    return bool(_ASSIST.search(text))


def _topic(terms: list[str], text: str) -> str:
    for source in (" ".join(terms), text):
        for topic, words in TOPICS.items():
            if any(word in source for word in words):
                return topic
    return "其他"


def _labour_statements(documents: list[Document]) -> Statements:
    """(government, department) → its 有关职责分工 statements with the departments they name;
    (government, "") → the department pairs any text of that government states (regulations,
    notices, 职责边界清单: docproc.relations), each with both departments."""
    statements: Statements = defaultdict(list)
    for doc in documents:
        government = doc.government or "未识别"
        for statement in doc.divisions_of_labour:
            statements[(government, doc.department or "")].append(
                (statement.text, statement.departments, for_matching(statement.text)))
        for relation in doc.relations:
            # A duty done with another settles nothing; nor does a pair only the scorer infers.
            if relation["source"] not in ("职责调整", "主要职责") and relation["relation"] != INFERRED:
                # A regulation names no department of its own; its departments name the government.
                where = doc.government or government_of(relation["a"]) or government_of(relation["b"]) or government
                statements[(where, "")].append(
                    (relation["quote"], [relation["a"], relation["b"]], for_matching(relation["quote"])))
    return statements


def _same_department(mentioned: str, department: str) -> bool:
    """`市农业农村局` in a statement names `示例市农业农村局`."""
    mentioned = mentioned.lstrip("原")
    core = re.sub(r"^[市县区省]", "", mentioned)
    return department == mentioned or department.endswith(mentioned) or (len(core) >= 3 and department.endswith(core))


def _settling_statement(a: ItemRef, b: ItemRef, terms: list[str],
                        labour: Statements) -> str | None:
    """A 有关职责分工 statement of either side that names the other and this matter."""
    for own, other in ((a, b), (b, a)):
        for text, departments, matching in labour.get((own.government, own.department), []):
            names_other = any(_same_department(name, other.department) for name in departments)
            if names_other and any(term in matching for term in terms):
                return text
    if a.government == b.government and a.department != b.department:
        for text, (first, second), matching in labour.get((a.government, ""), []):
            names_both = (_same_department(first, a.department) and _same_department(second, b.department)) or \
                (_same_department(first, b.department) and _same_department(second, a.department))
            if names_both and any(term in matching for term in terms):
                return text
    return None
