"""The 三定 comparison against the hand-written answer key of corpus/sample_city/previous/."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from docproc import parse
from docproc.diff import diff, write_docx
from webapp.cli.documents import diff_command

from shared_paths import SAMPLE_CITY as CITY

KEY = json.loads((CITY / "previous_answers.json").read_text("utf-8"))["pairs"]
IDS = [pair["new"] for pair in KEY]


@pytest.fixture(scope="module")
def results():
    return {pair["new"]: (diff(parse(CITY / pair["old"]), parse(CITY / pair["new"])), pair) for pair in KEY}


@pytest.mark.parametrize("new", IDS)
def test_old_versions_parse(new):
    pair = next(p for p in KEY if p["new"] == new)
    doc = parse(CITY / pair["old"])
    assert doc.department == pair["old_department"]
    assert not doc.warnings
    assert doc.staffing.administrative_posts == pair["staffing"]["administrative_posts"][0]
    assert len(doc.divisions) == pair["staffing"]["divisions"][0]


@pytest.mark.parametrize("new", IDS)
def test_duties(results, new):
    result, pair = results[new]
    expected = pair["duties"]
    assert [d.no for d in result.added] == expected["added"]
    assert [d.no for d in result.removed] == expected["removed"]
    assert [[p.old.no, p.new.no] for p in result.changed] == expected["changed"]
    assert [[p.old.no, p.new.no] for p in result.unchanged] == expected["unchanged"]


@pytest.mark.parametrize("new", IDS)
def test_divisions(results, new):
    result, pair = results[new]
    divisions = result.to_dict()["divisions"]
    expected = pair["divisions"]
    for key in ("kept", "removed", "added"):
        assert sorted(divisions[key]) == sorted(expected[key]), key
    assert sorted(map(json.dumps, divisions["renamed"])) == sorted(map(json.dumps, expected["renamed"]))
    assert sorted((sorted(m["from"]), m["into"]) for m in divisions["merged"]) == \
        sorted((sorted(m["from"]), m["into"]) for m in expected["merged"])
    assert sorted((s["from"], sorted(s["into"])) for s in divisions["split"]) == \
        sorted((s["from"], sorted(s["into"])) for s in expected["split"])


@pytest.mark.parametrize("new", IDS)
def test_staffing(results, new):
    result, pair = results[new]
    staffing = result.staffing
    for key in ("administrative_posts", "division_leaders", "divisions"):
        old, new_value = pair["staffing"][key]
        entry = staffing[key]
        assert (entry["old"], entry["new"], entry["change"]) == (old, new_value, new_value - old)
    leaders = {entry["title"]: [entry["old"], entry["new"]] for entry in staffing["leaders"]}
    for title, numbers in pair["staffing"].items():
        if title not in ("administrative_posts", "division_leaders", "divisions"):
            assert leaders[title] == numbers


@pytest.mark.parametrize("new", IDS)
def test_declared_changes_checked_against_the_texts(results, new):
    result, pair = results[new]
    assert len(result.declared) == len(pair["declared"])
    for check, expected in zip(result.declared, pair["declared"]):
        assert check.kind == expected["kind"] and expected["excerpt"] in check.text
        assert check.shown is expected["shown"], check.text
        if expected["shown"]:
            assert check.evidence[0]["no"] == expected["evidence"]
            assert check.evidence[0]["words"]
        else:
            assert not check.evidence and check.note


@pytest.mark.parametrize("new", IDS)
def test_undeclared_changes(results, new):
    result, pair = results[new]
    got = [(u["status"], u["no"]) for u in result.undeclared]
    assert got == [(u["status"], u["no"]) for u in pair["undeclared"]]
    for item, expected in zip(result.undeclared, pair["undeclared"]):
        assert expected["excerpt"] in item["text"]


def test_json_shape(results):
    result, _ = results[IDS[0]]
    data = result.to_dict()
    assert list(data) == ["duties", "divisions", "staffing", "declared", "undeclared"]
    assert list(data["duties"]) == ["added", "removed", "changed"]
    assert set(data["duties"]["changed"][0]) == {"old", "new", "score"}
    assert list(data["divisions"]) == ["kept", "renamed", "merged", "split", "removed", "added"]
    assert set(data["declared"][0]) >= {"kind", "from", "to", "text", "shown", "evidence"}
    json.dumps(data, ensure_ascii=False)


def test_same_document_has_no_changes():
    doc = parse(CITY / "source" / "08_yingji_guanli.txt")
    result = diff(doc, doc)
    assert not result.added and not result.removed and not result.changed
    assert sorted(result.kept) == sorted(d.name for d in doc.divisions)
    assert not result.merged and not result.split


def test_alignment_is_by_meaning_not_position(tmp_path, sample_text):
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(sample_text, "utf-8")
    swapped = sample_text.replace("（一）负责全市测试工作的统筹协调。拟订测试政策并组织实施。\n"
                                  "（二）负责测试标准的制定和监督管理。",
                                  "（一）负责测试标准的制定和监督管理。\n"
                                  "（二）负责全市测试工作的统筹协调。拟订测试政策并组织实施。")
    new.write_text(swapped, "utf-8")
    result = diff(parse(old), parse(new))
    assert not result.added and not result.removed and not result.changed
    assert sorted((p.old.no, p.new.no) for p in result.unchanged) == [(1, 2), (2, 1)]


def test_docx_report(results, tmp_path):
    from docx import Document as Word

    result, _ = results[IDS[0]]
    path = tmp_path / "对照.docx"
    write_docx(result, path)
    text = "\n".join(p.text for p in Word(str(path)).paragraphs)
    assert "职责调整核对" in text and "条文未体现" in text and "渣土运输" in text
    tables = Word(str(path)).tables
    assert any("合并" in cell.text for table in tables for row in table.rows for cell in row.cells)


def test_cli_json_and_docx(tmp_path):
    pair = KEY[0]
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(diff_command, [str(CITY / pair["old"]), str(CITY / pair["new"]), "--json",
                                               "--docx", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["no"] for d in data["duties"]["added"]] == pair["duties"]["added"]
    assert out.exists()


def test_cli_text_summary():
    pair = KEY[0]
    result = CliRunner().invoke(diff_command, [str(CITY / pair["old"]), str(CITY / pair["new"])])
    assert result.exit_code == 0
    assert "合并：公路建设管理科、工程质量监督科 → 建设管理科" in result.output
    assert "未体现" in result.output


@pytest.mark.parametrize("content", [None, b"PK\x03\x04broken", b"\x00\x01"])
def test_cli_bad_files_exit_2_in_chinese(tmp_path, content):
    bad = tmp_path / ("bad.docx" if content else "missing.txt")
    if content:
        bad.write_bytes(content)
    result = CliRunner().invoke(diff_command, [str(bad), str(CITY / KEY[0]["new"])])
    assert result.exit_code == 2
    assert "错误" in result.output and "Traceback" not in result.output
