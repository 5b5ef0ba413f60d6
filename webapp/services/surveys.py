"""Glue between survey rounds in the store and the pure `survey` package.

Round rows become `survey.rounds.Round` objects; rater links are derived
from the secret key (see `survey.tokens.derive_token`), never stored.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime, timedelta

from survey import ballots
from survey.aggregate import TrimRule
from survey.dimensions import Dimension
from survey.raw_responses import ExportRefused, RawResponses, raw_responses
from survey.results import RoundResults, round_results
from survey.rounds import Round
from survey.scales import Scale
from survey.tokens import derive_token, draft_id, draft_key, token_hash, use_mark

from .. import store

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
                 access_code=row["access_code"] or None,
                 dimensions=[Dimension.from_dict(d) for d in json.loads(row.get("dimensions_json") or "[]")])


def encode_round(survey_round: Round) -> dict:
    """The store values (ROUND_FIELDS) of a validated `Round`."""
    def iso(moment: datetime | None) -> str | None:
        return moment.replace(microsecond=0).isoformat() if moment else None
    return {"name": survey_round.name.strip(), "kind": survey_round.kind, "year": survey_round.year,
            "opens": iso(survey_round.opens), "closes": iso(survey_round.closes),
            "scale_json": json.dumps(survey_round.rating_scale.to_dict(), ensure_ascii=False),
            "groups_json": json.dumps(survey_round.groups, ensure_ascii=False),
            "k_min": survey_round.k_min, "trim": json.dumps(asdict(survey_round.trim)),
            "anonymous": int(survey_round.anonymous), "access_code": survey_round.access_code or None,
            "departments_json": json.dumps(survey_round.departments, ensure_ascii=False),
            "dimensions_json": json.dumps([d.to_dict() for d in survey_round.dimensions], ensure_ascii=False)}


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


def link_keys(secret: str, row: dict):
    """`keys_of(rater_id) -> (token hash, use mark)` for `store.rounds.add_raters`."""
    def keys_of(rater_id: int) -> tuple[str, str]:
        token = rater_token(secret, row, rater_id)
        return token_hash(token), use_mark(token)
    return keys_of


def rater_links(db, secret: str, row: dict, base_url: str) -> list[dict]:
    """Every rater of the round with a re-derived link (for the export only)."""
    base = base_url.rstrip("/")
    found = store.rounds.list_raters(db, row["id"])
    for rater in found:
        rater["link"] = f"{base}/r/{rater_token(secret, row, rater['id'])}"
    return found


# --- a rater's link: draft, ballot ------------------------------------------------

def find_link(db, token: str) -> tuple[dict, dict] | None:
    """The rater, use flag and opened draft (`draft`, a list of answers) of a link, and its round."""
    found = store.rounds.find_rater_link(db, token_hash(token), use_mark(token), draft_id(token))
    if found is None:
        return None
    link, row = found
    sealed = link["draft"]
    link["draft"] = []
    if sealed:
        try:
            link["draft"] = ballots.unseal(draft_key(token), sealed, ballots.DRAFT_CONTEXT)
        except ballots.SealError:
            pass  # cannot happen for a draft of this link; an unreadable draft is no draft
    return link, row


def save_draft(db, token: str, answers: list[dict]) -> bool:
    """Keep a rater's unfinished answers sealed with the link; False once the link is used."""
    sealed = ballots.seal(draft_key(token), answers, ballots.DRAFT_CONTEXT)
    return store.rounds.save_draft(db, use_mark(token), draft_id(token), sealed)


def ballot_key(secret: str, row: dict) -> bytes:
    return ballots.round_key(secret, row["token_salt"], row["id"])


def submit(db, secret: str, row: dict, token: str, group: str, answers: list[dict]) -> str:
    """Store a rater's answers once as a sealed ballot: 'ok', 'used', 'unknown' or 'closed'."""
    sealed = ballots.seal(ballot_key(secret, row), {"group": group, "answers": answers},
                          ballots.ballot_context(row["id"]))
    return store.rounds.submit_ballot(db, use_mark(token), draft_id(token), sealed)


# --- closing, results, progress ---------------------------------------------------

def close(db, secret: str, row: dict, by: int | None) -> bool:
    """Close the round now, opening its ballots into responses; False if it was closed already.

    StoreError (Chinese) when the ballots cannot be opened with this secret key;
    then nothing changes.
    """
    key, context = ballot_key(secret, row), ballots.ballot_context(row["id"])

    def open_ballot(sealed: bytes) -> tuple[str, list]:
        value = ballots.unseal(key, sealed, context)
        return value["group"], value["answers"]
    try:
        return store.rounds.close_round(db, row["id"], by, open_ballot, today())
    except ballots.SealError:
        raise store.StoreError("本轮的评议票无法打开：服务器密钥（SANDING_SECRET_KEY）与收票时不同。"
                               "请换回原来的密钥后再结束本轮；已收到的评议票原样保留。") from None


def close_if_due(db, secret: str, row: dict) -> dict:
    """The round, closed first (ballots opened) if its end time has passed."""
    if row["kind"] == "county" and not row["closed_at"] and state(row) == "已结束":
        close(db, secret, row, None)
        closed = store.rounds.get_round(db, row["id"])
        assert closed is not None, "rounds are never deleted"
        row = closed
    return row


def results_ready(row: dict) -> bool:
    """Whether results can be shown: a back-to-back (county) round only once it is closed."""
    return row["kind"] != "county" or bool(row["closed_at"])


NOT_READY = "本轮为背对背评议，评议结束后才公布结果；进行中只显示各组别、各单位的提交人数。"


def results(db, secret: str, row: dict, groups: list[str] | None = None) -> RoundResults | None:
    """The round's k-anonymous results, optionally for some groups only; None for a
    back-to-back round that has not ended (its ballots are still sealed)."""
    row = close_if_due(db, secret, row)
    if not results_ready(row):
        return None
    return round_results(round_of(row), store.rounds.round_responses(db, row["id"]), groups)


RAW_NOT_ENDED = ("评议尚未结束，原始答卷在本轮结束后才能导出：进行中导出两次，两份之间多出的行就是这段时间"
                 "提交的答卷，会缩小到个别人。")


def raw_export(db, secret: str, row: dict, by: int | None, file_format: str) -> RawResponses:
    """The round's raw responses for export (survey.raw_responses), recorded in the audit log;
    ExportRefused (Chinese) before the round has ended or when the k rule does not hold."""
    row = close_if_due(db, secret, row)
    if state(row) != "已结束":
        raise ExportRefused(RAW_NOT_ENDED)
    found = raw_responses(round_of(row), store.rounds.round_responses_by_day(db, row["id"]))
    store.rounds.log_raw_export(db, row["id"], by, len(found.rows), file_format)
    return found


def rater_states(db, secret: str, row: dict) -> list[dict]:
    """Every rater of the round with `used`: re-derives each link's use mark, so it takes the secret key."""
    used = store.rounds.used_marks(db, row["id"])
    found = store.rounds.list_raters(db, row["id"])
    for rater in found:
        rater["used"] = use_mark(rater_token(secret, row, rater["id"])) in used
    return found


def progress(db, secret: str, row: dict, minutes: float, now: datetime | None = None) -> dict:
    """Submitted counts per group and unit, as of a snapshot at most `minutes` old.

    A back-to-back round's counts change only when a snapshot is taken (never
    per submission, so watching them cannot single out one rater's moment);
    a round that is not back-to-back, or has ended, is counted now. Invited
    counts are always current. Returns `taken_at`, `units` (group_name, unit,
    invited, submitted, pending) and `groups` (the same by group).
    """
    now = now or datetime.now()
    live = not row["anonymous"] or bool(row["closed_at"]) or state(row, now) == "已结束"
    snapshot = store.rounds.get_progress(db, row["id"])
    fresh = snapshot if snapshot is not None and not live and \
        datetime.fromisoformat(snapshot["taken_at"]) > now - timedelta(minutes=minutes) else None
    raters = rater_states(db, secret, row)
    if fresh is not None:
        submitted = {(unit["group_name"], unit["unit"]): unit["submitted"] for unit in fresh["units"]}
        taken_at = fresh["taken_at"]
    else:
        submitted = {}
        for rater in raters:
            key = (rater["group_name"], rater["unit"])
            submitted[key] = submitted.get(key, 0) + int(rater["used"])
        taken_at = now.replace(microsecond=0).isoformat()
        store.rounds.save_progress(db, row["id"], [{"group_name": g, "unit": u, "submitted": n}
                                            for (g, u), n in sorted(submitted.items())], taken_at)
    units: dict[tuple[str, str], dict] = {}
    for rater in raters:
        key = (rater["group_name"], rater["unit"])
        units.setdefault(key, {"group_name": key[0], "unit": key[1], "invited": 0,
                               "submitted": submitted.get(key, 0)})
        units[key]["invited"] += 1
    groups: dict[str, dict] = {}
    for unit in sorted(units.values(), key=lambda u: (u["group_name"], u["unit"])):
        unit["pending"] = unit["invited"] - unit["submitted"]
        total = groups.setdefault(unit["group_name"], {"invited": 0, "submitted": 0, "pending": 0})
        for name in total:
            total[name] += unit[name]
    pending = [] if row["anonymous"] else [r for r in raters if not r["used"]]
    return {"taken_at": taken_at, "live": live,
            "units": sorted(units.values(), key=lambda u: (u["group_name"], u["unit"])),
            "groups": groups, "submitted": sum(total["submitted"] for total in groups.values()),
            "pending_raters": pending}
