"""各内设机构编制数: posts per division, entered once and read by the 大科室 rules and by 工作饱和度.

The 三定 gives a division's posts where it states them (`办公室4名`); a number the office typed
overrides it, and both stay visible (what the 三定 says, what was typed, by whom and when).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_POSTS = 1000


@dataclass
class DivisionPosts:
    division: str
    stated: int | None = None   # from the 三定
    typed: int | None = None    # entered by the office
    by: str = ""                # who typed it
    at: str = ""                # when (ISO)
    in_current: bool = True     # a division of the current 三定 (typed ones may outlive a new version)

    @property
    def posts(self) -> int | None:
        return self.typed if self.typed is not None else self.stated

    @property
    def source(self) -> str:
        if self.typed is not None:
            if self.stated is not None and self.stated != self.typed:
                return f"手工录入（三定规定{self.stated}名）"
            return "手工录入"
        return "三定规定" if self.stated is not None else ""


def merge(divisions: list[str], stated: dict[str, int], typed: dict[str, dict]) -> list[DivisionPosts]:
    """One entry per division of the current 三定, in its order, then typed ones of divisions it
    no longer has (kept, shown, not used by the rules). `typed` maps a division to a dict with
    posts, by (a user name) and at."""
    entries = []
    for name in divisions:
        given = typed.get(name)
        entries.append(DivisionPosts(name, stated.get(name), given["posts"] if given else None,
                                     (given or {}).get("by") or "", (given or {}).get("at") or ""))
    for name, given in typed.items():
        if name not in divisions:
            entries.append(DivisionPosts(name, None, given["posts"], given.get("by") or "", given.get("at") or "",
                                         in_current=False))
    return entries


def effective(entries: list[DivisionPosts]) -> dict[str, int]:
    """Posts by division of the current 三定 where known: what the rules and saturation use."""
    return {e.division: e.posts for e in entries if e.in_current and e.posts is not None}


def parse_posts(text: str | None, division: str) -> int | None:
    """A typed number of posts: None for an empty field (use the 三定's); ValueError with a Chinese
    message for anything but a whole number 0–1000."""
    value = (text or "").strip()
    if not value:
        return None
    value = re.sub(r"\s*名$", "", value)
    if not re.fullmatch(r"\d{1,4}", value) or int(value) > MAX_POSTS:
        raise ValueError(f"{division}的编制数“{text}”应为 0–{MAX_POSTS} 的整数")
    return int(value)
