"""对标: the same duty of the same kind of department in other governments.

Departments of one kind restate one duty list (the 三定 template of their trade), edited
for the place, shortened to headings, or in traditional characters. So pairs are sought
only within a kind and between governments (docproc.kinship.upload_kinds: a merged
office such as 教育体育局 is of each of its kinds; an office of a kind not known by name is of
the kind of the lists close to its own), and scored on characters, not words:
TF-IDF over character 1–3-grams of the whole duty, with the inverse document frequency
taken from the duties of that kind only. Unrelated departments in the same upload
therefore change no 对标 score, and the words of the trade, shared by every duty of the
kind, weigh little. A duty that is only a heading (`负责生态环境监督执法。`) is matched
against the other duty's first sentence too.

A duty of one department usually answers to one duty of the other, so a pair is scaled by
how close it comes to the best match either duty has in the other department (`compete`):
a long duty that shares the trade's words with every duty of the other list keeps its
score only against the duty that restates it; and a pair that the other departments'
lists restate too is raised (`corroborate`). The score a finding carries is the
probability a logistic model (corpus/build_match_model.py, fitted on the development part
of the blind-written 对标 sets) gives from that rules' score, the pair's neighbourhood (how close
it comes to each duty's best match, and in how many other departments the two duties have the
same best match or different ones) and what the grams the two duties share and those only one of
them has say of one matter (two models of their own, MatterModel). The neighbourhood is then read again on
those probabilities, and a second model weighs both readings: a pair of neighbouring matters
that meet on the trade's words loses to the pairs every third list agrees on.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .findings import ItemRef, simplified
from .pending import codes
from .reference import reference
from .segment import DICT_DIR

_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
# Said by every duty of every government in its own words (负责全区…, 本县…, 市级…): left out
# of the grams, so that two duties do not meet on their opening.
_BOILERPLATE = re.compile(r"全[省市县区州旗盟]|本[省市县区州旗盟]|[省市县区]级|负责")
_FIRST_SENTENCE = re.compile(r"^.*?[。；;](?=.)")
Kinds = dict[tuple[str, str], tuple[str, ...]]  # (government, department) → kinds
GENERIC_SHARE = 0.35  # a word used by more of the kinds of department than this carries no finding
# Character cosines run lower than the word cosines of the rest of detection; this puts
# them on the same scale (one default threshold): 0.3 here is a raw cosine of about 0.13. Lists
# of one kind written in other provinces' words (blind-written 对标 sets, development part)
# meet that low; 0.75 (a raw 0.2) lost a fifth of their same-matter pairs.
SCALE_EXPONENT = 0.6


def char_grams(text: str) -> list[str]:
    """Character 1-, 2- and 3-grams of the Chinese characters of `text`."""
    chars = _NOT_CJK.sub("", _BOILERPLATE.sub("", text))
    return [chars[n:n + size] for size in (1, 2, 3) for n in range(len(chars) - size + 1)]


def first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE.match(text)
    return match.group(0) if match else text


# How many nearest duties each duty's candidates reach in a comparison small enough to read (CATCH_ALL_CIRCLE
# governments): twice the 30 of a comparison within one government, as one matter of a kind's lists is split
# into several duties in one list and touched by others (on the blind-written sets' development groups of sets
# 1-114, 60 put 67 more labelled pairs in the top R than 30 did, before the model was fitted again; 90 one more
# than 60). A country's circles keep `top_k`: twice the reach there made bench/overlap_scale.py's 100k items
# take 193.5 s instead of 115-146 s.
NEIGHBOURS = 60


def benchmark_pairs(items: list[ItemRef], kinds: Kinds, min_score: float,
                    top_k: int) -> list[tuple[int, int, float]]:
    """(a, b, score) with a < b for duties of one kind of department in two governments; `kinds` gives
    each department's kinds (docproc.kinship.upload_kinds)."""
    catch_alls: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if item.catch_all:
            for kind in kinds[(item.government, item.department)]:
                catch_alls[kind].append(index)
    pairs = []
    for kind, within in kind_circles(items, kinds):
        chosen = {items[n].government for n in within}
        if len(chosen) < 2:
            continue
        if len(chosen) <= CATCH_ALL_CIRCLE and CATCH_ALL_SCORE >= min_score:
            pairs += _catch_all_pairs(items, [n for n in catch_alls[kind] if items[n].government in chosen])
        pairs += _kind_pairs(items, within, min_score, NEIGHBOURS if len(chosen) <= CATCH_ALL_CIRCLE else top_k)
    return pairs


def kind_circles(items: list[ItemRef], kinds: Kinds):
    """(kind, duties) of each circle of governments compared together (catch-alls and the general
    divisions aside), the duties in one order whatever order the files came in: float32 sums round
    by position, and a kind's scores must be the same in a whole run and in its own task
    (docproc.partitioned)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if not item.catch_all and not item.general:
            for kind in kinds[(item.government, item.department)]:
                by_kind[kind].append(index)
    for kind, members in by_kind.items():
        for circle in circles({items[n].government or "" for n in members}):
            chosen = set(circle)
            yield kind, sorted((n for n in members if (items[n].government or "") in chosen),
                               key=lambda n: (items[n].government or "", items[n].department, items[n].section,
                                              items[n].division or "", items[n].no))


# Every list of a kind closes with `完成…交办的其他任务`: the catch-alls of two governments answer to
# each other, and a reader comparing the lists pairs them (every one of the 2,775 catch-all pairs of
# the blind-written sets' development groups is labelled the same matter), but they say nothing of
# the trade. So they are paired at a fixed score, under the sure pairs of real duties and over the
# doubtful ones (at 0.35 they fell just under the top R of most groups), and only in a comparison
# small enough to read (among a hundred governments they would be most of the findings).
CATCH_ALL_SCORE = 0.6
CATCH_ALL_CIRCLE = 30
CATCH_ALL_LEAD = "交办事项"


def _catch_all_pairs(items: list[ItemRef], members: list[int]) -> list[tuple[int, int, float]]:
    return [(min(a, b), max(a, b), CATCH_ALL_SCORE) for n, a in enumerate(members) for b in members[n + 1:]
            if items[a].government != items[b].government]


CIRCLE = 120  # governments compared at once: more than a province has counties, on average about 90
_PROVINCE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|特别行政区)|[北天上][京津海]市|重庆市)(?=.)")


def circles(governments) -> list[list[str]]:
    """`governments` (of one kind) in the groups compared with each other: all together up to
    CIRCLE; beyond, each province's together (the province named at the start of a government's
    name: 河北省沙河市), and a group still larger than CIRCLE, or the governments without a
    province, cut in name order into near-equal parts of at most CIRCLE."""
    names = sorted(set(governments))
    if len(names) <= CIRCLE:
        return [names]
    by_province: dict[str, list[str]] = defaultdict(list)
    for name in names:
        match = _PROVINCE.match(name)
        by_province[match.group(0) if match else ""].append(name)
    for province in [p for p, group in by_province.items() if p and len(group) < 2]:
        by_province[""] += by_province.pop(province)  # alone in its province: compared with the rest
    out = []
    for _, group in sorted(by_province.items()):
        group.sort()
        parts = -(-len(group) // CIRCLE)
        out += [group[part * len(group) // parts:(part + 1) * len(group) // parts] for part in range(parts)]
    return out


def _kind_pairs(items: list[ItemRef], members: list[int], min_score: float, top_k: int):
    candidates = kind_candidates(items, members, top_k)
    if candidates is None:
        return []
    score = match_probability(candidates)
    kept = np.flatnonzero(score >= min_score)
    index = np.array(members, dtype=np.int64)
    a, b = index[candidates.first[kept]], index[candidates.second[kept]]
    return list(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), np.minimum(1.0, score[kept]).tolist()))


# Candidates are every duty's NEIGHBOURS nearest duties, down to this raw character
# cosine, whatever the threshold asked for, so that a pair's features (which read its
# neighbours) and so its score do not move with --min-score.
RAW_FLOOR = 0.02
# The rules' score, then how the pair stands among its neighbours (NEIGHBOURHOOD). More of the
# pair's own features (its cosines, each stage of the rules' score) fitted the blind-written lists a
# little better and ranked real lists (corpus2's development part) worse; word cosines (jieba) added
# 0.2 points of top R on the blind lists, not worth segmenting every duty of a kind again. Where the
# two duties stand in their lists (place, diagonal) added 0.8 points there, though their writers were
# asked to vary the order, and two pairs of corpus2's development part.
NEIGHBOURHOOD = ("ratio", "agreement", "margin", "agreeing", "disagreeing", "paths")
# `shared`: what the grams the two duties share say of one matter, weighed by a model of its own (MatterModel),
# not by how rare they are among the kind's duties: `最低生活保障` marks a matter, `监督管理` none; `apart`: what
# the grams only one of them has say (a second model: `救助` beside a pair's common `儿童` parts two matters).
# Fitted on half the development groups and read on the other half, the shared grams added 0.5 and 0.7 points of
# top R and the grams apart 0.1 and 0.3 more.
FEATURES = ("rules", *NEIGHBOURHOOD, "place", "diagonal", "shared", "apart")
# The second reading: the first reading's probability, the neighbourhood read again on it, and how
# well each duty is met across the other departments (its reach: a duty no other list has, which
# its writer gave no matter, meets every list only weakly).
SECOND_FEATURES = (*FEATURES, "first", *(f"{name}2" for name in NEIGHBOURHOOD), "reach", "reach_higher",
                   "diagonal2")


class Candidates(NamedTuple):
    """The candidate pairs of one kind's duties: positions `first[n]` < `second[n]` in the kind's
    duties (each list's duties one after another, in their order), `party` numbering each duty's
    department, and one row of FEATURES per pair."""
    first: np.ndarray
    second: np.ndarray
    party: np.ndarray
    features: np.ndarray
    lists: np.ndarray  # numbering each duty's list (department, section, division)


def kind_candidates(items: list[ItemRef], members: list[int], top_k: int,
                    matter: "MatterModel | None" = None) -> Candidates | None:
    """The candidate pairs of one kind's duties `members` (positions in `members`, two governments);
    None when no duty has Chinese characters. `matter`: the gram models (the shipped ones unless given:
    corpus/build_match_model.py reads each half of the groups with the models of the other)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from .overlap import candidate_pairs, top_products

    texts = [simplified(items[n].text) for n in members]
    vectorizer = TfidfVectorizer(analyzer=char_grams, dtype=np.float32)
    try:
        whole = normalize(vectorizer.fit_transform(texts)).astype(np.float32)
    except ValueError:  # no Chinese characters at all
        return None
    heads = normalize(vectorizer.transform([first_sentence(t) for t in texts])).astype(np.float32)
    n = len(members)
    government = codes([items[m].government for m in members])
    found_rows, found_cols = [], []
    for matrix in (whole, heads):
        rows, cols, _ = candidate_pairs(matrix, top_k, RAW_FLOOR)
        found_rows.append(rows)
        found_cols.append(cols)
    cross = top_products(whole, heads, top_k + 1, RAW_FLOOR)
    found_rows.append(cross.row)
    found_cols.append(cross.col)
    rows, cols = np.concatenate(found_rows).astype(np.int64), np.concatenate(found_cols).astype(np.int64)
    rows, cols = rows[rows != cols], cols[rows != cols]
    code = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols))  # sorted pairs, each once
    first, second = code // n, code % n
    keep = government[first] != government[second]
    first, second = first[keep], second[keep]
    if not len(first):
        return None
    raw = np.maximum.reduce([_cosines(whole, whole, first, second), _cosines(heads, heads, first, second),
                             _cosines(whole, heads, first, second), _cosines(whole, heads, second, first)])
    scaled = raw.astype(np.float64) ** SCALE_EXPONENT
    party = codes([(items[m].government, items[m].department) for m in members])
    rules = corroborate(first, second, compete(first, second, scaled, party, _trigrams(whole, vectorizer)), party)
    place = list_places([items[m] for m in members])
    lists = codes([(items[m].government, items[m].department, items[m].section, items[m].division or "")
                   for m in members])
    shared, apart = (matter or matter_model()).scores(texts, first, second)
    return Candidates(first, second, party, np.column_stack([rules, neighbourhood(first, second, scaled, party),
                                                             np.abs(place[first] - place[second]),
                                                             diagonal(first, second, lists, rules), shared, apart]),
                      lists)


class GramModel(NamedTuple):
    """Weights of two- and three-character grams (a logistic model, corpus/build_match_model.py); a row's score
    is the sum of its grams' weights and the intercept."""
    vocabulary: dict[str, int]
    weights: np.ndarray
    intercept: float

    @classmethod
    def from_dict(cls, model: dict) -> "GramModel":
        return cls({gram: n for n, gram in enumerate(model["weights"])},
                   np.array(list(model["weights"].values()), dtype=np.float64), float(model["intercept"]))

    def score(self, rows) -> np.ndarray:
        """The score of each row of `rows` (pairs × this model's grams, 0 or 1)."""
        if not len(self.weights):  # (the empty model the build fills in later)
            return np.full(rows.shape[0], self.intercept)
        return np.asarray(rows @ self.weights).ravel() + self.intercept


class MatterModel(NamedTuple):
    """The grams two duties share and those only one of them has, each weighed by a model of its own (`shared`,
    `apart`): of duties of one matter (corpus/build_match_model.py)."""
    shared: GramModel
    apart: GramModel

    @classmethod
    def from_dict(cls, model: dict) -> "MatterModel":
        return cls(GramModel.from_dict(model["shared"]), GramModel.from_dict(model["apart"]))

    def scores(self, texts: list[str], first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The `shared` and `apart` scores of the pairs (first[n], second[n]) of `texts`."""
        grams = [set(matter_grams(text)) for text in texts]  # (read once for both models)
        shared = gram_rows(grams, self.shared.vocabulary)
        apart = gram_rows(grams, self.apart.vocabulary)
        return (self.shared.score(shared[first].multiply(shared[second])),
                self.apart.score(grams_apart(apart[first], apart[second])))


def gram_rows(grams: list[set[str]], vocabulary: dict[str, int]):
    """One row per text's set of grams: which grams of `vocabulary` it has (0 or 1)."""
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for row, held in enumerate(grams):
        for gram in held:
            col = vocabulary.get(gram)
            if col is not None:
                rows.append(row)
                cols.append(col)
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(grams), max(1, len(vocabulary))))


def grams_apart(a, b):
    """The grams in one of two rows (0 or 1) and not in the other."""
    return (a + b - 2 * a.multiply(b)).tocsr()


def matter_grams(text: str) -> list[str]:
    """The grams the matter model reads: the two- and three-character ones (single characters say no matter)."""
    return [gram for gram in char_grams(text) if len(gram) > 1]


MATTER_MODEL = DICT_DIR / "matter_grams.json"


@lru_cache(maxsize=1)
def matter_model() -> MatterModel:
    return MatterModel.from_dict(json.loads(MATTER_MODEL.read_text("utf-8")))


def list_places(duties: list[ItemRef]) -> np.ndarray:
    """Where each duty of a department's main list stands in it, from 0 (first) to 1 (last): lists of one
    kind follow their trade's template, so the same matter comes at about the same place. NaN for a
    division's duty (a division's list follows no template of the kind: a page of another office's
    divisions met a ministry's first duty far down its list) and for a list's only duty."""
    lists: dict[tuple, list[int]] = defaultdict(list)
    for position, duty in enumerate(duties):
        if duty.section == "duties":
            lists[(duty.government, duty.department)].append(position)
    place = np.full(len(duties), np.nan)
    for members in lists.values():
        if len(members) > 1:
            ordered = sorted(members, key=lambda position: duties[position].no)
            place[ordered] = np.arange(len(ordered)) / (len(ordered) - 1)
    return place


def _best_matches(i: np.ndarray, j: np.ndarray, score: np.ndarray, party: np.ndarray):
    """Each pair seen from both ends (ends[n] meets others[n] at doubled[n]), grouped by the end and
    the other end's department, and the position of each group's best pair (its leader)."""
    ends, others, doubled = np.r_[i, j], np.r_[j, i], np.r_[score, score]
    key = ends * (int(party.max()) + 1) + party[others]
    _, group = np.unique(key, return_inverse=True)
    order = np.lexsort((-doubled, group))
    leaders = order[np.r_[True, group[order][1:] != group[order][:-1]]]
    return ends, others, doubled, group, leaders


def neighbourhood(i: np.ndarray, j: np.ndarray, score: np.ndarray, party: np.ndarray,
                  matches: tuple | None = None) -> np.ndarray:
    """The NEIGHBOURHOOD columns of pairs (i[n], j[n]) scored `score`:
    - ratio: the lower of score / the best score of i[n] against j[n]'s department and of j[n]
      against i[n]'s;
    - margin: the lower, over both ends, of how far the pair stands over the end's best rival in the
      other department (below zero when a rival is better);
    - agreement: the share of the other departments in which i[n] and j[n] have the same best match
      (two restatements of one matter point to the same duty everywhere else); agreeing and
      disagreeing: the same weighed by the weaker of the two best matches, for the departments where
      they are the same and where they differ (a duty of a matter the other list lacks best-matches
      its neighbour there, and every third list that has both keeps them apart);
    - paths: per other department, its duty that meets both best (by the weaker meeting).
    Every column lies between -1 and 1 (paths and the shares between 0 and 1), so that the model's
    products of features meet no value far outside those it was fitted on. `matches`: what
    `_best_matches` gives for these pairs and scores, when the caller has it already."""
    from scipy.sparse import csr_matrix

    size = len(party)
    ends, others, doubled, group, leaders = matches or _best_matches(i, j, score, party)
    best = np.zeros(int(group.max()) + 1)
    best[group[leaders]] = doubled[leaders]
    ratio = doubled / np.maximum(best[group], 1e-9)
    leading = np.zeros(len(doubled), dtype=bool)
    leading[leaders] = True
    second = np.zeros(len(best))
    np.maximum.at(second, group, np.where(leading, 0.0, doubled))
    margin = doubled - np.where(leading, second[group], best[group])
    chosen = csr_matrix((doubled[leaders], (ends[leaders], others[leaders])), shape=(size, size))
    per_party = csr_matrix((doubled[leaders], (ends[leaders], party[others[leaders]])),
                           shape=(size, int(party.max()) + 1))
    agreeing = _row_sums(chosen[i].minimum(chosen[j]))
    shared = _row_sums((chosen[i] > 0).multiply(chosen[j] > 0))
    disagreeing = _row_sums(per_party[i].minimum(per_party[j])) - agreeing
    meets = csr_matrix((np.r_[score, score], (np.r_[i, j], np.r_[j, i])), shape=(size, size))
    paths = _best_per_party(meets[i].minimum(meets[j]).tocoo(), party)
    third_parties = len(np.unique(party)) - 2
    # no third department, no evidence either way: not a mark against the pair (see match_probability)
    unread = np.full(len(i), np.nan)
    per_third = (lambda values: values / third_parties) if third_parties > 0 else (lambda values: unread)
    return np.column_stack([np.minimum(ratio[:len(i)], ratio[len(i):]), per_third(shared),
                            np.minimum(margin[:len(i)], margin[len(i):]), per_third(agreeing),
                            per_third(disagreeing), per_third(paths)])


def _best_per_party(meetings, party: np.ndarray) -> np.ndarray:
    """Per row of `meetings` (pairs × duties), the sum over departments of the row's largest value
    among that department's duties."""
    parties = int(party.max()) + 1
    key = meetings.row.astype(np.int64) * parties + party[meetings.col]
    order = np.argsort(key, kind="stable")
    key, values = key[order], meetings.data[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]]) if len(key) else np.zeros(0, dtype=np.int64)
    best = np.maximum.reduceat(values, starts) if len(key) else values
    return np.bincount(key[starts] // parties, weights=best, minlength=meetings.shape[0])


def _row_sums(matrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()


MATCH_MODEL = DICT_DIR / "match_model.json"


@lru_cache(maxsize=1)
def match_model() -> dict:
    return json.loads(MATCH_MODEL.read_text("utf-8"))


def match_probability(candidates: Candidates, model: dict | None = None) -> np.ndarray:
    """The model of corpus/build_match_model.py: the probability that a candidate pair is a labelled
    pair (the same matter, or one touching the other's), read twice: the first reading's
    probabilities give the pairs' neighbourhood again, and the second reading weighs both."""
    model = model or match_model()
    first = logistic(candidates.features, model["first"])
    return logistic(second_features(candidates, first), model["second"])


def second_features(candidates: Candidates, first: np.ndarray) -> np.ndarray:
    """One row of SECOND_FEATURES per pair, from the first reading's probabilities `first`."""
    i, j, party = candidates.first, candidates.second, candidates.party
    matches = _best_matches(i, j, first, party)
    ends, _, doubled, _, leaders = matches
    others = max(1, len(np.unique(party)) - 1)
    reach = np.bincount(ends[leaders], weights=doubled[leaders], minlength=len(party)) / others
    return np.column_stack([candidates.features, first, neighbourhood(i, j, first, party, matches),
                            np.minimum(reach[i], reach[j]), np.maximum(reach[i], reach[j]),
                            diagonal(i, j, candidates.lists, first)])


def diagonal(i: np.ndarray, j: np.ndarray, lists: np.ndarray, score: np.ndarray) -> np.ndarray:
    """Per pair (i[n], j[n]), the better score of the pair of the duties just before both and of the
    pair just after both, 0 where there is none: two lists of one trade that restate one matter often
    restate its neighbours next to it."""
    size = len(lists)
    code = i * size + j
    order = np.argsort(code)
    out = np.zeros(len(i))
    for step in (-1, 1):
        a, b = i + step, j + step
        valid = (a >= 0) & (b < size) & (b >= 0) & (a < size)
        a, b = np.clip(a, 0, size - 1), np.clip(b, 0, size - 1)
        valid &= (lists[a] == lists[i]) & (lists[b] == lists[j])
        wanted = np.minimum(a, b) * size + np.maximum(a, b)
        at = np.clip(np.searchsorted(code, wanted, sorter=order), 0, len(code) - 1)
        found = valid & (code[order[at]] == wanted)
        out = np.maximum(out, np.where(found, score[order[at]], 0.0))
    return out


def logistic(features: np.ndarray, stage: dict) -> np.ndarray:
    """A logistic regression over the standardised features and their pairwise products; a feature
    that cannot be read (NaN) counts as the average pair's."""
    return 1.0 / (1.0 + np.exp(-(products(standardised(features, stage)) @ np.array(stage["weights"]) +
                                 stage["intercept"])))


def standardised(features: np.ndarray, stage: dict) -> np.ndarray:
    """The features held within the range the model was fitted on, standardised."""
    held = np.clip(features, np.array(stage["low"]), np.array(stage["high"]))
    return np.nan_to_num((held - np.array(stage["mean"])) / np.array(stage["scale"]), nan=0.0)


def products(standard: np.ndarray) -> np.ndarray:
    """The features, then every product of two of them (a squared one too), in a fixed order: how
    much a pair's standing among its neighbours counts depends on how close its words are."""
    width = standard.shape[1]
    return np.column_stack([standard] + [standard[:, a] * standard[:, b]
                                         for a in range(width) for b in range(a, width)])


SUPPORT_SCORE = 0.3  # a third duty meets both at least this well (the default threshold)
SUPPORT_GAIN = 0.5  # a pair that every other department's list restates gains half its score


def corroborate(i: np.ndarray, j: np.ndarray, score: np.ndarray, party: np.ndarray) -> np.ndarray:
    """Pair n (duties i[n], j[n]) raised by the share of the kind's other departments that have a
    duty meeting both at SUPPORT_SCORE or more: a matter restated by many governments is the
    trade's, not a chance meeting of words (with seven governments, the chance pairs far
    outnumber the true). `party[k]` numbers duty k's department."""
    from scipy.sparse import csr_matrix

    if not len(score):
        return score
    size, parties = len(party), int(party.max()) + 1
    near = score >= SUPPORT_SCORE
    ones = np.ones(2 * int(near.sum()), dtype=np.float32)
    adjacent = csr_matrix((ones, (np.r_[i[near], j[near]], np.r_[j[near], i[near]])), shape=(size, size))
    adjacent.sum_duplicates()
    adjacent.data[:] = 1.0
    member = csr_matrix((np.ones(size, dtype=np.float32), (np.arange(size), party)), shape=(size, parties))
    by_party = (adjacent[i].multiply(adjacent[j]) @ member).tocsr()  # common neighbours per department
    by_party.eliminate_zeros()
    pairs = np.arange(len(i))
    own = csr_matrix((np.ones(2 * len(i), dtype=np.float32), (np.r_[pairs, pairs], np.r_[party[i], party[j]])),
                     shape=by_party.shape)
    own.sum_duplicates()
    mine = by_party.multiply(own).tocsr()
    mine.eliminate_zeros()
    support = np.diff(by_party.indptr) - np.diff(mine.indptr)
    others = max(1, len(np.unique(party)) - 2)
    return np.minimum(1.0, score * (1 + SUPPORT_GAIN * support / others))


def compete(i: np.ndarray, j: np.ndarray, score: np.ndarray, party: np.ndarray, grams=None) -> np.ndarray:
    """Pair n scaled by score / best, where best is the higher of i[n]'s best score against j[n]'s
    department and j[n]'s best against i[n]'s: the duty a pair's duty best matches keeps its
    score, a weaker rival drops by the ratio (0.4 against a best 0.8 → 0.2).

    With `grams` (a row of gram weights per duty), a best match that meets the duty on other
    words than the pair does is no rival: a duty joining two matters (执法 and 宣传) answers to
    two duties of a list that keeps them apart, one for each part."""
    if not len(score):
        return score
    ends, others, doubled, group, leaders = _best_matches(i, j, score, party)
    champion = np.empty(int(group.max()) + 1, dtype=np.int64)
    champion[group[leaders]] = leaders
    champion = champion[group]
    best = doubled[champion]
    if grams is not None:
        elsewhere = _meets_elsewhere(ends, others, others[champion], grams) & (best > doubled)
        best = np.where(elsewhere, doubled, best)
    rival = np.maximum(best[:len(i)], best[len(i):])
    return np.where(rival > 0, score * score / np.where(rival > 0, rival, 1.0), score)


ELSEWHERE = 0.15  # cosine of the grams a duty shares with two others below which they meet it on different words


def _meets_elsewhere(ends: np.ndarray, others: np.ndarray, champions: np.ndarray, grams) -> np.ndarray:
    """Whether duty ends[n] shares other grams with champions[n] than with others[n]."""
    out = np.zeros(len(ends), dtype=bool)
    need = np.flatnonzero(champions != others)
    if not len(need):
        return out
    own = grams[ends[need]]
    with_pair = own.multiply(grams[others[need]]).tocsr()
    with_champion = own.multiply(grams[champions[need]]).tocsr()
    dot = np.asarray(with_pair.multiply(with_champion).sum(axis=1)).ravel()
    norms = np.sqrt(np.asarray(with_pair.multiply(with_pair).sum(axis=1)).ravel()
                    * np.asarray(with_champion.multiply(with_champion).sum(axis=1)).ravel())
    out[need] = (norms > 0) & (dot < ELSEWHERE * norms)
    return out


def _trigrams(vectors, vectorizer):
    """`vectors` with only the three-character grams kept: single characters and pairs are shared
    by most duties of a trade, whatever their matter."""
    from scipy.sparse import diags

    keep = np.array([len(gram) == 3 for gram in vectorizer.get_feature_names_out()], dtype=np.float32)
    return (vectors @ diags(keep)).tocsr()


def _cosines(left, right, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of left[rows[n]] and right[cols[n]], all pairs at once."""
    return np.asarray(left[rows].multiply(right[cols]).sum(axis=1)).ravel()


def shared_passages(text_a: str, text_b: str) -> list[str]:
    """The runs of two or more Chinese characters two duties have in common (水土 of 水土保持 and
    水土流失), past the words every duty opens with."""
    from difflib import SequenceMatcher

    a, b = (_NOT_CJK.sub("", _BOILERPLATE.sub("", simplified(text))) for text in (text_a, text_b))
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return list(dict.fromkeys(a[block.a:block.a + block.size] for block in blocks if block.size >= 2))


def shared_terms(words_a: list[str], words_b: list[str]) -> list[str]:
    """The content words two duties share, what they are about first: the words most kinds
    of department in the reference body use (规划, 监督管理) come last, longest first."""
    return sorted(set(words_a) & set(words_b), key=_term_order)


def term_order(words: set[str]) -> dict[str, int]:
    """Each word's place in `shared_terms` order, so that the first shared term of a pair is the
    minimum of its shared words' places (no sort per pair)."""
    return {word: n for n, word in enumerate(sorted(words, key=_term_order))}


@lru_cache(maxsize=1 << 16)
def _term_order(word: str) -> tuple[bool, int, str]:
    known = reference()
    return len(known.word_kinds.get(word, ())) >= GENERIC_SHARE * len(known.kinds), -len(word), word
