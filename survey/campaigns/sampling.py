"""Drawing units at random, reproducibly: the same seed and population give the same units.

Each unit's place in the draw is the SHA-256 of "<seed>:<unit name>" (hex), smallest first, so a
draw depends only on the seed and the names — not on the order they are listed in, the Python
version or this code — and anyone holding the 方案 (which states the seed and the population)
can check it with any tool. A seed is a whole number the office may choose itself (a number read
out at a meeting) or let the platform pick.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from .phases import CampaignError

MAX_SEED = 10**12 - 1


def new_seed() -> int:
    """A fresh six-digit seed: short enough to print in a 方案 and read out."""
    return 100_000 + secrets.randbelow(900_000)


def parse_seed(text: str | None) -> int | None:
    """A typed seed (digits only), or None when left empty; CampaignError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or int(text) > MAX_SEED:
        raise CampaignError([f"随机种子应为 0 到 {MAX_SEED} 之间的整数"])
    return int(text)


def draw_key(seed: int, name: str) -> str:
    """The unit's place in the draw of `seed` (smaller is drawn first)."""
    return hashlib.sha256(f"{seed}:{name}".encode()).hexdigest()


def draw(population: Sequence[str], size: int, seed: int) -> list[str]:
    """`size` names of `population` drawn with `seed`, in the order drawn. CampaignError (in
    Chinese) for an empty population, a size below 1 or above the population, a bad seed."""
    names = list(dict.fromkeys(population))
    errors = []
    if not names:
        errors.append("没有可抽取的单位")
    elif size < 1:
        errors.append("抽取数量至少为 1")
    elif size > len(names):
        errors.append(f"抽取数量（{size}）超过可抽取的单位数（{len(names)}）")
    if not 0 <= seed <= MAX_SEED:
        errors.append(f"随机种子应为 0 到 {MAX_SEED} 之间的整数")
    if errors:
        raise CampaignError(errors)
    return sorted(names, key=lambda name: (draw_key(seed, name), name))[:size]
