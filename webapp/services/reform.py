"""The 大科室 checks of a government's departments: the reform page and the evaluation's
`reform` source both call them. No Flask here."""
from __future__ import annotations

from docproc.model import Document
from survey.reform import posts as posts_module
from survey.reform import rules as rules_module
from survey.reform.rules import ReformRules

from .. import store
from ..store import division_posts as typed_store
from . import detection, ingest


def rules_of(db, government_id: int) -> ReformRules:
    """The government's 大科室 rule set (the defaults until an admin changes it)."""
    stored = store.reform.get_reform_rules(db, government_id)
    return ReformRules.from_dict(stored) if stored else ReformRules()


def division_findings(db, government_id: int) -> dict[str, list] | None:
    """Within-department findings by department (dismissed ones left out); None before any run."""
    if not store.findings.get_detection(db, government_id)["finished_at"]:
        return None
    found: dict[str, list] = {}
    for row in store.findings.list_findings(db, government_id, scope="divisions"):
        if row["status"] != "dismissed":
            found.setdefault(row["department_a"], []).append(detection.finding_from_dict(row["data"]))
    return found


def division_posts(db, department_id: int, doc: Document | None) -> list[posts_module.DivisionPosts]:
    """Posts per division of a department's current 三定: the 三定's, overridden by typed ones
    (the one place the 大科室 rules and 工作饱和度 read them)."""
    stated = rules_module.division_posts(doc) if doc else {}
    names = [division.name for division in doc.divisions] if doc else []
    return posts_module.merge(names, stated, typed_store.typed_posts(db, department_id))


def department_checks(db, department: dict, rules: ReformRules, findings: dict | None) -> dict:
    """The 大科室 verdicts of a department's current version against the version before it, with
    its posts per division and the figures of the pilot totals."""
    versions = store.documents.department_versions(db, department["id"])
    if not versions:
        return {"verdicts": [], "current": None, "previous": None, "score": None, "department": department,
                "posts": [], "before": None, "after": 0, "administrative_posts": None}
    current = _document(db, versions[-1]["id"])
    previous = None
    if len(versions) > 1:
        previous = _document(db, versions[-2]["id"])
    overlaps = None if findings is None else findings.get(current.department or department["name"], [])
    posts = division_posts(db, department["id"], current)
    verdicts = rules_module.check(current, previous, rules, overlaps, posts_module.effective(posts))
    return {"verdicts": verdicts, "current": versions[-1], "previous": versions[-2] if previous else None,
            "score": rules_module.score(verdicts), "department": department, "posts": posts,
            "before": len(previous.divisions) if previous and previous.divisions else None,
            "after": len(current.divisions), "administrative_posts": current.staffing.administrative_posts}


def government_checks(db, government_id: int) -> list[dict]:
    """Every department's checks (the overview table and the evaluation's scoring source)."""
    rules, findings = rules_of(db, government_id), division_findings(db, government_id)
    return [department_checks(db, {"id": row["id"], "name": row["name"]}, rules, findings)
            for row in store.documents.government_departments(db, government_id)]


def _document(db, version_id: int):
    """A version's document with staff corrections applied."""
    return ingest.version_document(db, version_id)
