"""Department pairs a text states: `sanding relations --json`, the document page, and the
`settled` findings a regulation of the same government gives."""
from __future__ import annotations

import json

from click.testing import CliRunner

from docproc import parse_bytes
from docproc.overlap import OverlapFinder
from webapp.cli import main

from shared_paths import SAMPLE_CITY_SOURCE

REGULATION = ("甲市食用农产品质量安全监督管理办法\n第五条 甲市农业农村局负责食用农产品从种植养殖环节到进入批发、"
              "零售市场或者生产加工企业前的质量安全监督管理；甲市市场监督管理局负责食用农产品进入批发、零售市场"
              "或者生产加工企业后的质量安全监督管理。\n")


def test_relations_json_is_one_object_per_file(tmp_path):
    regulation = tmp_path / "办法.txt"
    regulation.write_text(REGULATION, encoding="utf-8")
    result = CliRunner().invoke(main, ["relations", str(SAMPLE_CITY_SOURCE / "05_ziran_ziyuan.txt"),
                                       str(regulation), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [line["file"] for line in lines] == ["05_ziran_ziyuan.txt", "办法.txt"]
    assert lines[0]["department"] == "示例市自然资源和规划局" and lines[1]["department"] is None
    for line in lines:
        for relation in line["relations"]:
            assert set(relation) == {"a", "b", "relation", "quote", "source"}
    assert {(r["a"], r["relation"]) for r in lines[0]["relations"]} == {("市水利局", "分工"), ("市农业农村局", "分工")}
    assert [(r["a"], r["b"], r["source"]) for r in lines[1]["relations"]] == [
        ("甲市农业农村局", "甲市市场监督管理局", "条文")]


def test_relations_of_a_missing_file_is_an_error(tmp_path):
    result = CliRunner().invoke(main, ["relations", str(tmp_path / "没有.txt")])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_a_regulation_of_the_government_settles_an_overlap():
    agriculture = parse_bytes("甲市农业农村局主要职责：\n（一）负责农产品质量安全监督管理，组织开展农产品质量"
                              "安全监测。\n（二）负责种植业管理。\n".encode(), "a.txt")
    market = parse_bytes("甲市市场监督管理局主要职责：\n（一）负责食用农产品质量安全监督管理，组织开展食用农产品"
                         "质量安全监测。\n（二）负责特种设备安全监察。\n".encode(), "b.txt")
    regulation = parse_bytes(REGULATION.encode(), "reg.txt")
    alone = OverlapFinder().fit([agriculture, market]).findings_
    assert [f.kind for f in alone] == ["overlap"]
    settled = OverlapFinder().fit([agriculture, market, regulation]).findings_
    assert [f.kind for f in settled] == ["settled"] and "第五条" in settled[0].settled_by


def test_the_document_page_lists_the_relations(auth, uploads, client):
    auth.login("staff")
    data = (SAMPLE_CITY_SOURCE / "05_ziran_ziyuan.txt").read_bytes()
    url = uploads.run([(data, "05_ziran_ziyuan.txt")])["jobs"][0]["url"]
    page = client.get(url).get_data(as_text=True)
    assert "文中写明的部门关系" in page and "市农业农村局" in page and "职责分工" in page
