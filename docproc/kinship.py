"""The kinds of department an upload's offices answer to in 对标: by name, and for an office whose
name is no kind we know (园林局, 口岸办, 公路事业发展中心), by what its duties say.

对标 compares duties only within a kind (docproc.benchmark), and a kind is read from the name
(docproc.reference.office_kinds, corpus/dict/kinds.txt). An office of a kind the list does not
know falls back to its own name without government and suffix, so eight counties' 园林局,
园林管理处 and 园林绿化中心 become three kinds and are never compared. Offices of one kind
restate one duty list, so their whole lists are much closer to each other than to other
offices' (the nearest list of another government is of the same kind for 95 % of the
development lists of the blind-written 对标 sets): an office of an unknown kind is put with
the offices of other governments whose lists come close to its own, under one kind, and with
the known kinds among them.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from .findings import simplified
from .model import Document
from .reference import known_kinds, office_kinds

# Cosine of two whole duty lists (TF-IDF over character 1–3-grams, sublinear counts, the
# upload's lists as the corpus) from which they are taken to be of one kind. Lists of one kind
# in the development sets: half come closer than 0.17, nine in ten closer than 0.10; lists of
# different kinds closer than 0.15 are one in four hundred, mostly neighbours (财政 and 国资,
# 教育 and 体育).
LINK = 0.15
# A short list (a service centre's six duties) may come within LINK of none; its nearest list of
# another government is still of its kind for nearly all the development lists, down to this.
NEAREST = 0.08

Party = tuple[str, str]  # (government, department), as docproc.overlap keys an item


def party_of(doc: Document) -> Party:
    return (doc.government or "未识别", doc.department or "")


def upload_kinds(documents: list[Document]) -> dict[Party, tuple[str, ...]]:
    """Per department of `documents` (one document each), the kinds it is compared within."""
    named = {party_of(doc): office_kinds(doc.department or "", doc.signs) for doc in documents}
    if len({doc.government for doc in documents}) < 2:
        return named
    known = known_kinds()
    unknown = [n for n, doc in enumerate(documents) if not set(named[party_of(doc)]) & known]
    return _lone_offices_joined(documents, _unknown_kinds_placed(documents, named, unknown) if unknown else named)


def _unknown_kinds_placed(documents: list[Document], named: dict[Party, tuple[str, ...]],
                          unknown: list[int]) -> dict[Party, tuple[str, ...]]:
    close = _close_lists(documents, unknown)
    parent = {n: n for n in unknown}

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # The same name is the same kind, whatever the lists say, and so is a name that goes on from
    # another (园林 and 园林绿化, 招商 and 招商服务中心).
    by_name: dict[str, int] = {}
    for n in sorted(unknown, key=lambda n: len(named[party_of(documents[n])][0])):
        name = named[party_of(documents[n])][0]
        shorter = [by_name[name[:end]] for end in range(2, len(name) + 1) if name[:end] in by_name]
        first = by_name.setdefault(name, shorter[0] if shorter else n)
        for m in shorter + [first]:
            parent[root(m)] = root(n)
    known_close = []
    for n, m in close:
        if m in parent:
            parent[root(n)] = root(m)
        else:
            known_close.append((n, m))
    members: dict[int, list[int]] = {}
    for n in unknown:
        members.setdefault(root(n), []).append(n)
    label = {top: _label([named[party_of(documents[n])][0] for n in group]) for top, group in members.items()}
    # An office of a known kind close to the group is compared with the group, and the group with
    # the other offices of that kind.
    joined: dict[int, set[str]] = {top: set() for top in members}
    extra: dict[Party, set[str]] = {}
    for n, m in known_close:
        joined[root(n)].update(named[party_of(documents[m])][:1])
        extra.setdefault(party_of(documents[m]), set()).add(label[root(n)])
    kinds = {party: named[party] + tuple(sorted(extra.get(party, set()) - set(named[party]))) for party in named}
    for top, group in members.items():
        for n in group:
            kinds[party_of(documents[n])] = tuple(dict.fromkeys([label[top], *sorted(joined[top])]))
    return kinds


def _lone_offices_joined(documents: list[Document],
                         kinds: dict[Party, tuple[str, ...]]) -> dict[Party, tuple[str, ...]]:
    """An office of a kind no other government of the upload has is compared, too, within the kind
    of the lists that come within LINK of its own: a province's 住房和城乡建设厅 does the city
    management that eight 城市管理局 do, and a 民政局 of the years before 退役军人事务局 its 优抚安置."""
    governments: dict[str, set[str | None]] = {}
    for doc in documents:
        for kind in kinds[party_of(doc)]:
            governments.setdefault(kind, set()).add(doc.government)
    lone = [n for n, doc in enumerate(documents)
            if all(governments[kind] == {doc.government} for kind in kinds[party_of(doc)])]
    if not lone:
        return kinds
    out = dict(kinds)
    for n, m in _close_lists(documents, lone, nearest=False):
        if m not in lone:
            party = party_of(documents[n])
            out[party] = tuple(dict.fromkeys([*out[party], *kinds[party_of(documents[m])][:1]]))
    return out


def _label(names: list[str]) -> str:
    """The name a group of offices goes by: its most common, shortest name (园林 of 园林局,
    园林局, 园林绿化管理处)."""
    counts = Counter(names)
    return min(counts, key=lambda name: (-counts[name], len(name), name))


def _close_lists(documents: list[Document], rows: list[int], nearest: bool = True) -> list[tuple[int, int]]:
    """(n, m): document n of `rows` and a document m of another government whose duty lists come
    within LINK of each other; with `nearest`, too, each n's nearest list down to NEAREST."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from .benchmark import char_grams

    texts = [simplified("".join([duty.text for duty in doc.duties]
                                + [text for division in doc.divisions for text in division.duties]))
             for doc in documents]
    try:
        matrix = normalize(TfidfVectorizer(analyzer=char_grams, sublinear_tf=True, dtype=np.float32)
                           .fit_transform(texts))
    except ValueError:  # no Chinese characters at all
        return []
    near = (matrix[rows] @ matrix.T).tocoo()
    government = [doc.government for doc in documents]
    links: list[tuple[int, int]] = []
    closest: dict[int, tuple[float, int]] = {}
    for r, c, value in zip(near.row.tolist(), near.col.tolist(), near.data.tolist()):
        if government[rows[r]] == government[c]:
            continue
        if value >= LINK:
            links.append((rows[r], c))
        if nearest and value >= NEAREST and (value, -c) > closest.get(r, (0.0, 0)):
            closest[r] = (value, -c)
    return links + [(rows[r], -c) for r, (_, c) in sorted(closest.items())]
