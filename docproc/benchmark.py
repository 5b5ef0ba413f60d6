"""对标: the same duty of the same kind of department in other governments.

Departments of one kind restate one duty list (the 三定 template of their trade), edited
for the place, shortened to headings, or in traditional characters. So pairs are sought
only within a kind (docproc.reference.department_kind) and between governments, and
scored on characters, not words: TF-IDF over character 1–3-grams of the whole duty,
with the inverse document frequency taken from the duties of that kind only. Unrelated
departments in the same upload therefore change no 对标 score, and the words of the
trade, shared by every duty of the kind, weigh little. A duty that is only a heading
(`负责生态环境监督执法。`) is matched against the other duty's first sentence too.

A duty of one department usually answers to one duty of the other, so a pair is scaled by
how close it comes to the best match either duty has in the other department (`compete`):
a long duty that shares the trade's words with every duty of the other list keeps its
score only against the duty that restates it.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

from .findings import ItemRef, simplified
from .reference import department_kind, reference

_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
# Said by every duty of every government in its own words (负责全区…, 本县…, 市级…): left out
# of the grams, so that two duties do not meet on their opening.
_BOILERPLATE = re.compile(r"全[省市县区州旗盟]|本[省市县区州旗盟]|[省市县区]级|负责")
_FIRST_SENTENCE = re.compile(r"^.*?[。；;](?=.)")
GENERIC_SHARE = 0.35  # a word used by more of the kinds of department than this carries no finding
# Character cosines run lower than the word cosines of the rest of detection; this puts
# them on the same scale (one default threshold): 0.3 here is a raw cosine of about 0.2.
SCALE_EXPONENT = 0.75


def char_grams(text: str) -> list[str]:
    """Character 1-, 2- and 3-grams of the Chinese characters of `text`."""
    chars = _NOT_CJK.sub("", _BOILERPLATE.sub("", text))
    return [chars[n:n + size] for size in (1, 2, 3) for n in range(len(chars) - size + 1)]


def first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE.match(text)
    return match.group(0) if match else text


def benchmark_pairs(items: list[ItemRef], min_score: float, top_k: int) -> list[tuple[int, int, float]]:
    """(a, b, score) with a < b for duties of one kind of department in two governments."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        if not item.general:
            by_kind[department_kind(item.department)].append(index)
    pairs = []
    for members in by_kind.values():
        if len({items[n].government for n in members}) > 1:
            # One order whatever order the files came in: float32 sums round by position, and a
            # kind's scores must be the same in a whole run and in its own task (docproc.partitioned).
            members.sort(key=lambda n: (items[n].government, items[n].department, items[n].section,
                                        items[n].division or "", items[n].no))
            pairs += _kind_pairs(items, members, min_score, top_k)
    return pairs


def _kind_pairs(items: list[ItemRef], members: list[int], min_score: float, top_k: int):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from .overlap import candidate_pairs, top_products

    texts = [simplified(items[n].text) for n in members]
    vectorizer = TfidfVectorizer(analyzer=char_grams, dtype=np.float32)
    try:
        whole = normalize(vectorizer.fit_transform(texts)).astype(np.float32)
    except ValueError:  # no Chinese characters at all
        return []
    heads = normalize(vectorizer.transform([first_sentence(t) for t in texts])).astype(np.float32)
    governments = [items[n].government for n in members]
    candidates: set[tuple[int, int]] = set()
    raw_threshold = (min_score / (1 + SUPPORT_GAIN)) ** (1 / SCALE_EXPONENT)  # what corroboration may lift
    for matrix in (whole, heads):
        rows, cols, _ = candidate_pairs(matrix, top_k, raw_threshold)
        candidates.update(zip(rows.tolist(), cols.tolist()))
    cross = top_products(whole, heads, top_k + 1, raw_threshold)
    candidates.update((min(i, j), max(i, j)) for i, j in zip(cross.row.tolist(), cross.col.tolist()) if i != j)
    pairs = sorted((i, j) for i, j in candidates if governments[i] != governments[j])
    if not pairs:
        return []
    first = np.array([i for i, _ in pairs], dtype=np.int64)
    second = np.array([j for _, j in pairs], dtype=np.int64)
    raw = np.maximum.reduce([_cosines(whole, whole, first, second), _cosines(heads, heads, first, second),
                             _cosines(whole, heads, first, second), _cosines(whole, heads, second, first)])
    scored = list(zip(first.tolist(), second.tolist(), (raw.astype(np.float64) ** SCALE_EXPONENT).tolist()))
    parties = [(items[n].government, items[n].department) for n in members]
    out = []
    for i, j, score in corroborate(compete(scored, parties), parties):
        if score >= min_score:
            a, b = members[i], members[j]
            out.append((min(a, b), max(a, b), min(1.0, score)))
    return out


SUPPORT_SCORE = 0.3  # a third duty meets both at least this well (the default threshold)
SUPPORT_GAIN = 0.5  # a pair that every other department's list restates gains half its score


def corroborate(scored: list[tuple[int, int, float]], parties: list) -> list[tuple[int, int, float]]:
    """Each (i, j, score) raised by the share of the other departments of the kind that have a
    duty meeting both i and j: a matter restated by many governments is the trade's, not a
    chance meeting of words (with seven governments, the chance pairs far outnumber the true)."""
    near: dict[int, set[int]] = defaultdict(set)
    for i, j, score in scored:
        if score >= SUPPORT_SCORE:
            near[i].add(j)
            near[j].add(i)
    others = max(1, len(set(parties)) - 2)
    out = []
    for i, j, score in scored:
        support = {parties[k] for k in near[i] & near[j]} - {parties[i], parties[j]}
        out.append((i, j, min(1.0, score * (1 + SUPPORT_GAIN * len(support) / others))))
    return out


def compete(scored: list[tuple[int, int, float]], parties: list) -> list[tuple[int, int, float]]:
    """Each (i, j, score) scaled by score / best, where best is the higher of i's best score
    against j's party and j's best against i's party: the duty a pair's duty best matches
    keeps its score, a weaker rival drops by the ratio (0.4 against a best 0.8 → 0.2)."""
    best: dict[tuple[int, object], float] = defaultdict(float)
    for i, j, score in scored:
        best[(i, parties[j])] = max(best[(i, parties[j])], score)
        best[(j, parties[i])] = max(best[(j, parties[i])], score)
    out = []
    for i, j, score in scored:
        rival = max(best[(i, parties[j])], best[(j, parties[i])])
        out.append((i, j, score * score / rival if rival > 0 else score))
    return out


def _cosines(left, right, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Dot products of left[rows[n]] and right[cols[n]], all pairs at once."""
    return np.asarray(left[rows].multiply(right[cols]).sum(axis=1)).ravel()


def shared_terms(words_a: list[str], words_b: list[str]) -> list[str]:
    """The content words two duties share, what they are about first: the words most kinds
    of department in the reference body use (规划, 监督管理) come last, longest first."""
    shared = sorted(set(words_a) & set(words_b), key=lambda word: (-len(word), word))
    known = reference()
    limit = GENERIC_SHARE * len(known.kinds)
    return sorted(shared, key=lambda word: len(known.word_kinds.get(word, ())) >= limit)
