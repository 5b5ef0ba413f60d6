"""Findings decided in bulk, built only when read.

Detection decides every finding's score, items and leading term in numpy arrays; what a
reader sees of a finding (all shared terms, kind, topic, the 职责分工 statement that
settles it) costs a keyword scan per pair, so it is paid only for the findings that are
read: `sanding overlaps --top 10` builds ten of 200,000.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from .findings import Finding, ItemRef, pair_key


@dataclass
class Batch:
    """Findings of one kind of search: row n is items a[n], b[n] (the finding's a and b) with
    its score and leading shared term; `build(n)` makes the Finding."""
    score: np.ndarray  # float64
    a: np.ndarray  # int64 item indices
    b: np.ndarray
    lead: list[str]
    build: Callable[[int], Finding]

    @classmethod
    def built(cls, entries: list[tuple[int, int, Finding]]) -> "Batch":
        """Findings built already (对标 and pairs across governments, which are few)."""
        findings = [finding for _, _, finding in entries]
        return cls(np.array([f.score for f in findings], dtype=np.float64),
                   np.array([a for a, _, _ in entries], dtype=np.int64),
                   np.array([b for _, b, _ in entries], dtype=np.int64),
                   [f.terms[0] for f in findings], findings.__getitem__)


class LazyFindings(Sequence[Finding]):
    """The findings in their order; each is built on first access and kept."""

    def __init__(self, batches: list[Batch], which: list[int], rows: list[int]):
        self._batches, self._which, self._rows = batches, which, rows
        self._built: dict[int, Finding] = {}

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[n] for n in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index not in self._built:
            self._built[index] = self._batches[self._which[index]].build(self._rows[index])
        return self._built[index]

    def __iter__(self) -> Iterator[Finding]:
        return (self[n] for n in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (list, LazyFindings)):
            return list(self) == list(other)
        return NotImplemented

    def __add__(self, other: Sequence[Finding]) -> list[Finding]:
        return list(self) + list(other)

    def __radd__(self, other: Sequence[Finding]) -> list[Finding]:
        return list(other) + list(self)

    @property
    def built(self) -> int:
        """How many findings have been built so far."""
        return len(self._built)

    def __repr__(self) -> str:
        return f"LazyFindings({len(self)} findings, {self.built} built)"


def one_per_matter(batches: list[Batch], items: list[ItemRef], sides: list[bytes]) -> LazyFindings:
    """Order by score and key and keep, per parties, one finding per leading term (within one
    government) and per pair of items: two parties' overlap on one matter shows up at duty and
    at division level, and between several clauses."""
    batches = [batch for batch in batches if len(batch.score)]
    if not batches:
        return LazyFindings([], [], [])
    score = np.concatenate([batch.score for batch in batches])
    a = np.concatenate([batch.a for batch in batches])
    b = np.concatenate([batch.b for batch in batches])
    leads = [lead for batch in batches for lead in batch.lead]
    which = np.concatenate([np.full(len(batch.score), n, dtype=np.int64) for n, batch in enumerate(batches)])
    rows = np.concatenate([np.arange(len(batch.score), dtype=np.int64) for batch in batches])
    rounded = np.array([round(value, 6) for value in score.tolist()], dtype=np.float64)
    keys = np.array([pair_key(sides[x], sides[y]) for x, y in zip(a.tolist(), b.tolist())])
    order = np.lexsort((keys, -rounded))  # stable: equal keys keep the order the searches gave
    party, government = _party_codes(items)
    within = party["department"][a] == party["department"][b]
    side_a = np.where(within, party["division"][a], party["department"][a])
    side_b = np.where(within, party["division"][b], party["department"][b])
    parties = np.minimum(side_a, side_b) * (party["count"] + 1) + np.maximum(side_a, side_b)
    lead_code = codes(leads)
    matter = parties * (int(lead_code.max()) + 1) + lead_code
    pair = a * len(items) + b
    same_government = (government[a] == government[b]).tolist()
    matter_list, pair_list = matter.tolist(), pair.tolist()
    seen_matters: set[int] = set()
    seen_pairs: set[int] = set()
    kept = []
    for n in order.tolist():
        if (same_government[n] and matter_list[n] in seen_matters) or pair_list[n] in seen_pairs:
            continue
        seen_matters.add(matter_list[n])
        seen_pairs.add(pair_list[n])
        kept.append(n)
    return LazyFindings(batches, which[kept].tolist(), rows[kept].tolist())


def _party_codes(items: list[ItemRef]) -> tuple[dict, np.ndarray]:
    """Per item, a code for its department and one for its division (a party between divisions
    of one department), from one numbering; and a code for its government."""
    numbers: dict[tuple, int] = {}
    department = np.array([numbers.setdefault((item.department, None), len(numbers)) for item in items],
                          dtype=np.int64)
    division = np.array([numbers.setdefault((item.department, item.division), len(numbers)) for item in items],
                        dtype=np.int64)
    return {"department": department, "division": division, "count": len(numbers)}, codes(
        [item.government for item in items])


def codes(values: list) -> np.ndarray:
    """Each value's number, in order of first appearance: values compared in bulk as integers."""
    index: dict = {}
    return np.array([index.setdefault(value, len(index)) for value in values], dtype=np.int64)
