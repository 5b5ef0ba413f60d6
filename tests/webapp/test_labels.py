"""Every code a page shows has its Chinese name: audit actions above all (操作记录)."""
from __future__ import annotations

import re

from docproc.corrections import ACTIONS as CORRECTION_ACTIONS
from webapp.labels import ACTIONS
from webapp.store.findings import DECISION_STATES

from shared_paths import REPO

AUDIT_CALL = re.compile(r"audit\(db, [^,]+, (f?)\"([a-z_]+)(\{[^}]*\})?\"")


def _written_action_codes() -> set[str]:
    """The action codes the store writes, read from its source (f-strings expanded)."""
    codes = set()
    for path in (REPO / "webapp" / "store").glob("*.py"):
        for is_f, prefix, placeholder in AUDIT_CALL.findall(path.read_text(encoding="utf-8")):
            if not placeholder:
                codes.add(prefix)
            elif prefix == "correction_":
                codes |= {prefix + action for action in CORRECTION_ACTIONS}
            elif prefix == "decision_":
                codes |= {prefix + state for state in DECISION_STATES if state != "open"}
            else:
                raise AssertionError(f"an audit code built from {placeholder} in {path.name}: name its values here")
    return codes


def test_every_audit_action_has_a_chinese_name():
    codes = _written_action_codes()
    assert len(codes) >= 20  # the scan found the store's calls
    assert sorted(codes - set(ACTIONS)) == []
    assert all(re.search(r"[\u4e00-\u9fff]", name) for name in ACTIONS.values())
