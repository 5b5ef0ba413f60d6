"""Glue between survey rounds in the store and the pure `survey` package.

Round rows become `survey.rounds.Round` objects; rater links are derived
from the secret key (see `survey.tokens.derive_token`), never stored.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime

from survey.aggregate import TrimRule
from survey.results import RoundResults, round_results
from survey.rounds import Round
from survey.scales import Scale
from survey.tokens import derive_token, token_hash

from . import store

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
STATES = ("未开始", "进行中", "已结束")


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def round_of(row: dict) -> Round:
    """The `Round` of a rounds row."""
    return Round(name=row["name"], kind=row["kind"], government=row["government_name"],
                 year=row["year"], departments=json.loads(row["departments_json"]),
                 opens=parse_time(row["opens"]), closes=parse_time(row["closes"]),
                 scale=Scale.from_dict(json.loads(row["scale_json"])),
                 groups=json.loads(row["groups_json"]), k_min=row["k_min"],
                 trim=TrimRule(**json.loads(row["trim"])), anonymous=bool(row["anonymous"]),
                 access_code=row["access_code"] or None)


def encode_round(survey_round: Round) -> dict:
    """The store values (ROUND_FIELDS) of a validated `Round`."""
    def iso(moment: datetime | None) -> str | None:
        return moment.replace(microsecond=0).isoformat() if moment else None
    return {"name": survey_round.name.strip(), "kind": survey_round.kind, "year": survey_round.year,
            "opens": iso(survey_round.opens), "closes": iso(survey_round.closes),
            "scale_json": json.dumps(survey_round.scale.to_dict(), ensure_ascii=False),
            "groups_json": json.dumps(survey_round.groups, ensure_ascii=False),
            "k_min": survey_round.k_min, "trim": json.dumps(asdict(survey_round.trim)),
            "anonymous": int(survey_round.anonymous), "access_code": survey_round.access_code or None,
            "departments_json": json.dumps(survey_round.departments, ensure_ascii=False)}


def state(row: dict, now: datetime | None = None, survey_round: Round | None = None) -> str:
    """未开始 / 进行中 / 已结束 (closing by hand ends a round at once)."""
    if row["closed_at"]:
        return "已结束"
    return (survey_round or round_of(row)).state(now or datetime.now())


def today() -> str:
    """The day a response is stored under (never a finer time)."""
    return date.today().isoformat()


def rater_token(secret: str, row: dict, rater_id: int) -> str:
    return derive_token(secret, row["token_salt"], row["id"], rater_id)


def hash_for(secret: str, row: dict):
    """`token_hash_of(rater_id)` for `store.add_raters`."""
    return lambda rater_id: token_hash(rater_token(secret, row, rater_id))


def rater_links(db, secret: str, row: dict, base_url: str) -> list[dict]:
    """Every rater of the round with a re-derived link (for the export only)."""
    base = base_url.rstrip("/")
    found = store.list_raters(db, row["id"])
    for rater in found:
        rater["link"] = f"{base}/r/{rater_token(secret, row, rater['id'])}"
    return found


def results(db, row: dict, groups: list[str] | None = None) -> RoundResults:
    """The round's k-anonymous results, optionally for some groups only."""
    return round_results(round_of(row), store.round_responses(db, row["id"]), groups)
