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


def test_every_audited_field_and_object_has_a_chinese_name():
    """The keys of the values the store audits, read from its source, all have a Chinese name."""
    from webapp.audit_view import ENTITIES, FIELDS

    source = "".join(path.read_text(encoding="utf-8") for path in (REPO / "webapp" / "store").glob("*.py"))
    calls = re.findall(r"audit\(db, .*?\)\n", source, flags=re.S)
    keys = {key for call in calls for key in re.findall(r"\"([a-z_]+)\":", call)}
    assert len(keys) >= 10 and sorted(keys - set(FIELDS)) == []
    kinds = set(re.findall(r"audit\(db, [^,]+, f?\"[a-z_{}\[\]'.]+\", (?:f\")?([a-z_]+):", source))
    kinds |= {"finding"}  # _decision_entity
    assert sorted(kinds - set(ENTITIES)) == []


def test_the_audit_page_reads_in_chinese_with_filters_and_pages(client, auth, db):
    from webapp import store

    for number in range(60):
        store.audit.audit(db, None, "version_date", f"version:{number}", {"effective_date": None},
                          {"effective_date": "2019-03-01"})
    store.audit.audit(db, None, "upload", "version:99", None,
                      {"file_name": "水利局.txt", "sha256": "ab" * 32, "department": "示例市水利局"})
    auth.login("admin")
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "第 1 / 2 页" in page and "下一页" in page
    assert "三定版本 99" in page and "文件指纹：" in page and "abababababab…" in page and "ab" * 32 not in page
    assert "施行日期：" not in page or "effective_date" not in page
    filtered = client.get("/admin/audit?action=upload").get_data(as_text=True)
    assert "共 1 条" in filtered and "水利局.txt" in filtered and "设定施行日期</td>" not in filtered
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "第 2 / 2 页" in second and "上一页" in second


def test_every_relation_the_finder_reports_has_a_chinese_name():
    import json

    from docproc import parse_bytes
    from webapp.labels import RELATIONS

    kinds = set()
    for path in sorted((REPO / "tests" / "data").glob("relation_statements*.json")):
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            kinds |= {row["relation"] for row in parse_bytes(case["text"].encode("utf-8"), case["file"]).relations}
    assert kinds >= {"分工", "划入", "牵头-会同", "管理", "移交"}
    assert kinds <= set(RELATIONS)
