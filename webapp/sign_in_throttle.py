"""How long a sign-in attempt must wait after failed ones: growing delays, never a lock.

Failures are counted per key over the last day, and after a key's free attempts each further
failure doubles the wait (1 s, 2 s, 4 s … up to the key's cap), measured from its last failure:
- the account from one address: 5 free, up to 15 minutes (guessing one password);
- one address over all accounts: 20 free, up to 15 minutes (trying many accounts);
- the account from every address: 30 free, up to one minute (guessing from many addresses),
  and not applied to an address the account has signed in from before.
So someone who types wrong passwords for the admin slows down only themselves, and the admin
at the office's usual address signs in at once; a lock anyone could trigger is what this
replaces. Every attempt is counted before its password is checked (store.users.claim_sign_in),
so parallel attempts cannot get more checks than their key allows.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

WINDOW_HOURS = 24


@dataclass(frozen=True)
class Rule:
    free: int  # failures allowed without waiting
    cap_seconds: float  # the longest wait


@dataclass(frozen=True)
class Failures:
    """The failures of one key within the window."""
    count: int
    last: datetime | None


def rules(free: int, cap_minutes: float) -> dict[str, Rule]:
    """The rule of each key; `free` and `cap_minutes` are the account-and-address ones (config)."""
    return {"account_address": Rule(free, cap_minutes * 60),
            "address": Rule(free * 4, cap_minutes * 60),
            "account": Rule(free * 6, 60.0)}


def wait_seconds(failures: Failures, rule: Rule, now: datetime) -> float:
    """Seconds still to wait before the next attempt of this key (0: go ahead)."""
    if failures.count < rule.free or failures.last is None:
        return 0.0
    delay = min(rule.cap_seconds, 2.0 ** (failures.count - rule.free))
    return max(0.0, delay - (now - failures.last).total_seconds())


def longest_wait(counted: dict[str, Failures], known_address: bool, free: int, cap_minutes: float,
                 now: datetime) -> float:
    """The wait the attempt must respect: the longest over its keys."""
    waits = [wait_seconds(counted[key], rule, now) for key, rule in rules(free, cap_minutes).items()
             if key in counted and not (key == "account" and known_address)]
    return max(waits, default=0.0)
