"""A unit's reports of 整改 progress on the 整改台账 entries raised for it in a campaign.

The unit reports what it did (text and proof files); the office accepts the report — the entry is
closed (对账销号) by the ledger's rule: a closing date and proof, here the report's text and the
names of its files — or returns it with a reason, and the unit reports again. One report waits for
the office at a time; every report and decision is kept, so the history of an entry reads as a
conversation.
"""
from __future__ import annotations

from ..registers import CLOSED

PENDING, ACCEPTED, RETURNED = "pending", "accepted", "returned"
STATUS_NAMES = {PENDING: "待编办审核", ACCEPTED: "已认可，事项销号", RETURNED: "已退回"}
DECISIONS = {ACCEPTED: "认可并销号", RETURNED: "退回"}
MAX_TEXT = 5000
MAX_REASON = 500
MAX_FILES = 10
MAX_PROOF = 2000  # the ledger's 整改佐证 field


def report_problems(entry_status: str, waiting: bool, text: str, files: int) -> list[str]:
    """Why the unit cannot send this report now (empty: it can)."""
    if entry_status == CLOSED:
        return ["该整改事项已销号，无需再报告"]
    if waiting:
        return ["上一次报告的整改进展尚待编办审核，审核后才能再次报告"]
    found = []
    if not text.strip():
        found.append("请填写整改进展")
    elif len(text) > MAX_TEXT:
        found.append(f"整改进展不超过 {MAX_TEXT} 字")
    if files > MAX_FILES:
        found.append(f"一次最多上传 {MAX_FILES} 个佐证附件")
    return found


def decision_problems(report_status: str, decision: str, reason: str) -> list[str]:
    """Why the office cannot decide this report so (empty: it can)."""
    if report_status != PENDING:
        return [f"该报告已审核（{STATUS_NAMES.get(report_status, report_status)}），不能再次审核"]
    if decision not in DECISIONS:
        return ["请选择认可并销号，或退回"]
    if decision == RETURNED and not reason.strip():
        return ["退回须填写理由（单位将看到）"]
    if len(reason) > MAX_REASON:
        return [f"理由不超过 {MAX_REASON} 字"]
    return []


def closing_proof(text: str, file_names: list[str]) -> str:
    """The 整改佐证 the ledger keeps when the office accepts a report: its text and files."""
    proof = text.strip()
    if file_names:
        proof += f"（佐证附件：{'、'.join(file_names)}）"
    return proof if len(proof) <= MAX_PROOF else proof[:MAX_PROOF - 1] + "…"
