"""The 一本通's search over published editions: by department, by 行业领域, by keywords.

Staff of 督查 and the 12345 hotline type what a caller said, in whatever characters: the text of
every matter is kept once in matching form (simplified, half-width, lower case) when its edition
is published, so a search is a scan of short strings, not a conversion per request.
"""
from __future__ import annotations

from dataclasses import dataclass

from docproc.normalize import for_matching

from .kinds import Kind, Matter

MAX_QUERY = 100


def search_text(kind: Kind, matter: Matter) -> str:
    """Everything a matter says, in matching form."""
    return for_matching(" ".join(matter.text(column.key) for column in kind.columns)).lower()


def terms(query: str) -> list[str]:
    """The words of a query in matching form (all must occur)."""
    return for_matching(query[:MAX_QUERY]).lower().split()


@dataclass
class Entry:
    """One matter of a published edition, as the 一本通 finds it."""
    kind: Kind
    matter: Matter
    text: str  # search_text, stored with the edition
    edition: str = ""  # the edition's label, 第2版（2026年版）


def search(entries: list[Entry], *, department: str = "", field: str = "", kind: str = "",
           query: str = "") -> list[Entry]:
    """The entries naming `department` (in any of its department columns), of `field` and of the
    kind keyed `kind`, whose text holds every word of `query`; all in their order."""
    words = terms(query)
    return [entry for entry in entries
            if (not kind or entry.kind.key == kind)
            and (not field or entry.matter.field == field)
            and (not department or department in entry.matter.departments(entry.kind))
            and all(word in entry.text for word in words)]


def departments(entries: list[Entry]) -> list[str]:
    """Every department the entries name, sorted (the 一本通's department choice)."""
    return sorted({name for entry in entries for name in entry.matter.departments(entry.kind)})


def fields(entries: list[Entry]) -> list[str]:
    """The 行业领域 of the entries, in the order they first appear."""
    return list(dict.fromkeys(entry.matter.field for entry in entries))
