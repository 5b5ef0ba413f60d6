"""What overlap detection reports: the duty items it compares and the findings between them.

Light on purpose (no numpy, no models): the store, the boundary list, the handbook
and the web pages use these without loading the finder (`docproc.overlap`).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache

from .normalize import for_matching


@dataclass
class ItemRef:
    """Where a duty stands: department, division (or None), section and number."""
    government: str
    department: str
    division: str | None
    section: str  # "duties" | "divisions"
    no: int
    text: str
    file: str = ""
    general: bool = False  # a duty of a division every department has (办公室, 财务 …)
    catch_all: bool = False  # `完成…交办的其他任务`: met only by the catch-all of another list (对标)
    signs: tuple[str, ...] = ()  # the department's second names (Document.signs)


@dataclass
class Finding:
    a: ItemRef
    b: ItemRef
    score: float
    terms: list[str]
    kind: str  # overlap | lead_assist | settled
    topic: str
    settled_by: str | None = None
    matter_a: str = ""
    matter_b: str = ""
    key: str = ""

    def to_dict(self) -> dict:
        data = asdict(self)
        data["score"] = round(self.score, 4)
        return data


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The matching form of a text (OpenCC simplified, half-width), memoised: detection asks often."""
    return for_matching(text)


def finding_key(a: ItemRef, b: ItemRef) -> str:
    """Stable across re-runs: the hash of both sides' department and normalised text."""
    return pair_key(side(a), side(b))


def side(ref: ItemRef) -> bytes:
    """What a finding's key hashes of one side, encoded once per item (detection keys many pairs)."""
    return f"{ref.government}|{ref.department}|{ref.division or ''}|{simplified(ref.text)}".encode("utf-8")


def pair_key(side_a: bytes, side_b: bytes) -> str:
    """The key of two sides, in either order (UTF-8 bytes sort as their text does)."""
    first, second = (side_a, side_b) if side_a <= side_b else (side_b, side_a)
    return hashlib.sha1(first + b"\n" + second).hexdigest()[:20]
