"""Overlap detection on the sample city, its answer key and the traps the issue names."""
from __future__ import annotations

import json
import pickle

import pytest
from click.testing import CliRunner

from docproc import parse
from docproc.answer_key import score
from docproc.model import Document, Duty
from docproc.overlap import OverlapFinder, split_matters
from docproc.segment import Segmenter, default_segmenter, tokenize
from webapp.cli import main

from shared_paths import SAMPLE_CITY

ANSWERS = json.loads((SAMPLE_CITY / "answers.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def city():
    return [parse(path) for path in sorted((SAMPLE_CITY / "source").glob("*.txt"))]


@pytest.fixture(scope="module")
def findings(city):
    across = OverlapFinder().fit(city).findings_
    within = OverlapFinder(within_departments=True).fit(city).findings_
    return sorted(across + within, key=lambda f: -f.score)


@pytest.mark.parametrize("case", ANSWERS["overlaps"], ids=lambda c: c["id"])
def test_every_planted_overlap_is_found_with_its_kind(case, findings):
    result = score(findings, {"overlaps": [case]})
    assert case["id"] in result.found, case["matter"]
    assert result.kinds_right[case["id"]], (case["kind"], findings[result.found[case["id"]]].kind)


def test_settled_findings_quote_the_statement(findings):
    for case in ANSWERS["overlaps"]:
        if case["kind"] != "settled":
            continue
        finding = findings[score(findings, {"overlaps": [case]}).found[case["id"]]]
        assert finding.settled_by and case["settled_by"]["text"][:10] in finding.settled_by


def test_top_findings_are_precise(findings):
    result = score(findings, ANSWERS)
    assert result.recall == 1.0
    assert result.precision_at_k >= 0.9


@pytest.mark.parametrize("case", ANSWERS["non_overlaps"], ids=lambda c: c["id"])
def test_planted_non_overlaps_are_not_reported(case, findings):
    assert score(findings, {"overlaps": [], "non_overlaps": [case]}).false_non_overlaps == []


def test_long_duties_are_matched_per_matter(city):
    """住建 duty 8 bundles several matters; only its 燃气 clause meets 应急's division duty (P13)."""
    case = next(c for c in ANSWERS["overlaps"] if c["id"] == "P13")
    housing = next(d for d in city if d.department == case["a"]["department"])
    safety = next(d for d in city if d.department == case["b"]["department"])
    bundle = housing.duties[case["a"]["no"] - 1].text
    division = next(d for d in safety.divisions if d.name == case["b"]["division"])
    found = OverlapFinder().fit([_doc(housing.department, [bundle]),
                                 _doc(safety.department, [division.duties[case["b"]["no"] - 1]])]).findings_
    assert len(found) == 1
    assert "燃气" in found[0].matter_a and len(found[0].matter_a) < len(bundle) / 2


def test_finding_shape(findings):
    finding = findings[0].to_dict()
    assert set(finding) >= {"a", "b", "score", "terms", "kind", "topic", "settled_by"}
    assert set(finding["a"]) >= {"department", "division", "section", "no", "text"}
    assert 0 < finding["score"] <= 1
    assert all(f.kind in ("overlap", "lead_assist", "settled") for f in findings)
    assert all(f.topic for f in findings)


def test_keys_are_stable_across_runs(city):
    first = {f.key for f in OverlapFinder().fit(city).findings_}
    second = {f.key for f in OverlapFinder().fit(list(reversed(city))).findings_}
    assert first == second


def test_domain_terms_stay_whole():
    segmenter = default_segmenter()
    for term in ("食品安全", "安全生产", "国土空间用途管制", "市场主体登记", "农产品质量安全"):
        assert term in segmenter.words(f"负责{term}监督管理工作")


def test_default_jieba_splits_what_ours_keeps():
    """The trap: jieba's own dictionary cuts 安全生产; our private tokenizer does not,
    and loading our dictionary leaves jieba's global tokenizer untouched."""
    import jieba

    default_segmenter()
    assert "农产品质量安全" not in jieba.lcut("负责农产品质量安全监督管理", HMM=False)
    assert jieba.dt is not default_segmenter().tokenizer
    assert "入河排污口" not in jieba.dt.FREQ or jieba.dt.FREQ.get("入河排污口") is None


def test_generic_duty_words_alone_make_no_overlap():
    doc_a = _doc("示例市甲局", ["负责组织指导监督有关工作，贯彻执行有关政策措施。"])
    doc_b = _doc("示例市乙局", ["负责组织指导监督有关工作，贯彻执行有关政策措施。"])
    assert OverlapFinder().fit([doc_a, doc_b]).findings_ == []


def test_same_object_is_an_overlap_between_two_departments():
    doc_a = _doc("示例市甲局", ["负责全市入河排污口设置的审查和监督管理。"])
    doc_b = _doc("示例市乙局", ["负责入河排污口设置管理工作。"])
    found = OverlapFinder().fit([doc_a, doc_b]).findings_
    assert len(found) == 1 and "入河排污口" in found[0].terms and found[0].kind == "overlap"


def test_assisting_side_makes_lead_assist():
    doc_a = _doc("示例市甲局", ["牵头组织全市校外培训机构专项治理。"])
    doc_b = _doc("示例市乙局", ["配合开展校外培训机构专项治理。"])
    assert [f.kind for f in OverlapFinder().fit([doc_a, doc_b]).findings_] == ["lead_assist"]


def test_fitted_vectorizer_pickles_with_module_level_tokenizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=False)
    vectorizer.fit(["负责食品安全监督管理", "负责安全生产综合监督管理"])
    restored = pickle.loads(pickle.dumps(vectorizer))
    assert "食品安全" in restored.vocabulary_


def test_jieba_cache_lives_where_the_app_says(tmp_path, monkeypatch):
    monkeypatch.setenv("SANDING_CACHE", str(tmp_path))
    Segmenter()
    assert (tmp_path / "sanding-jieba.cache").exists()


def test_split_matters_keeps_clauses_that_belong_together():
    text = "负责食品安全监督管理。建立覆盖食品生产全过程的监督检查制度，组织开展食品安全监督抽检；承担特殊食品监管。"
    assert split_matters(text) == ["负责食品安全监督管理", "建立覆盖食品生产全过程的监督检查制度",
                                   "组织开展食品安全监督抽检", "承担特殊食品监管"]


def _doc(department: str, duties: list[str], government: str = "示例市") -> Document:
    doc = Document(file=f"{department}.txt", department=department, government=government)
    doc.duties = [Duty(no=n, label=f"（{n}）", text=text) for n, text in enumerate(duties, start=1)]
    return doc


# --- bad input -----------------------------------------------------------------------------

def test_no_documents():
    finder = OverlapFinder().fit([])
    assert finder.findings_ == [] and finder.items_ == []


def test_one_department_only_says_so():
    finder = OverlapFinder().fit([_doc("示例市甲局", ["负责食品安全监督管理。"])])
    assert finder.findings_ == []
    assert any("只有一个部门" in note for note in finder.notes_)


def test_two_governments_are_compared_within_each_unless_asked(city):
    county = [d for d in city if d.government == "示例县"]
    city_market = [d for d in city if d.department == "示例市市场监督管理局"]
    finder = OverlapFinder().fit(county + city_market)
    assert finder.findings_ == []
    assert any("2 个政府" in note for note in finder.notes_)
    across = OverlapFinder(across_governments=True).fit(county + city_market).findings_
    assert across and all(f.a.government != f.b.government for f in across)
    # 对标: the county and the city word the same duty alike (the key's N06, a non-overlap
    # within one government) and the comparison across governments finds it.
    n06 = next(c for c in ANSWERS["non_overlaps"] if c["id"] == "N06")
    assert any(n06["a"]["excerpt"] in f.a.text + f.b.text and n06["b"]["excerpt"] in f.a.text + f.b.text
               for f in across)


def test_a_department_uploaded_twice_uses_the_newest(city):
    market = next(d for d in city if d.department == "示例市市场监督管理局")
    farming = next(d for d in city if d.department == "示例市农业农村局")
    older = Document(file="旧版.txt", department=market.department, government=market.government,
                     duties=[Duty(no=1, label="（一）", text="负责食用农产品进入批发零售市场后的质量安全监督管理。")])
    finder = OverlapFinder().fit([older, market, farming])
    assert any("只比对最新的" in note and market.file in note for note in finder.notes_)
    assert all(f.a.file != "旧版.txt" and f.b.file != "旧版.txt" for f in finder.findings_)


def test_items_without_chinese_text_do_not_crash():
    doc_a = _doc("示例市甲局", ["12345", "----", "ABC DEF."])
    doc_b = _doc("示例市乙局", ["", "负责食品安全监督管理。"])
    assert OverlapFinder().fit([doc_a, doc_b]).findings_ == []


def test_a_document_without_department_is_left_out_and_named():
    nameless = Document(file="无名.txt", duties=[Duty(no=1, label="（一）", text="负责食品安全监督管理。")])
    finder = OverlapFinder().fit([nameless, _doc("示例市甲局", ["负责食品安全监督管理。"])])
    assert any("无名.txt" in note for note in finder.notes_)


# --- command line --------------------------------------------------------------------------

def test_cli_json_and_xlsx(tmp_path):
    out = tmp_path / "清单.xlsx"
    result = CliRunner().invoke(main, ["overlaps", str(SAMPLE_CITY / "source"), "--json", "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[0])
    assert data["departments"] == 17 and data["items"] > 500 and data["findings"]
    scores = [f["score"] for f in data["findings"]]
    assert scores == sorted(scores, reverse=True)
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    assert [cell.value for cell in sheet[2]] == ["序号", "领域", "事项", "涉及部门", "主办部门", "协办部门",
                                                 "职责分工", "各方职责原文", "依据", "状态"]
    assert sheet.max_row >= 2 + len(data["findings"])


def test_cli_top_within_and_errors(tmp_path):
    result = CliRunner().invoke(main, ["overlaps", str(SAMPLE_CITY / "source"), "--json", "--top", "3",
                                       "--within-departments"])
    data = json.loads(result.stdout.strip().splitlines()[0])
    assert len(data["findings"]) == 3
    assert all(f["a"]["department"] == f["b"]["department"] for f in data["findings"])
    empty = tmp_path / "空文件夹"
    empty.mkdir()
    result = CliRunner().invoke(main, ["overlaps", str(empty)])
    assert result.exit_code == 2 and "没有可比对" in result.output


def test_benchmark_reaches_lower_by_default_than_findings_within_a_government():
    from docproc.overlap import BENCHMARK_MIN_SCORE, MIN_SCORE
    from tests.docproc.test_overlap_golden import sample_city

    documents = sample_city()
    default = OverlapFinder(across_governments=True).fit(documents).findings_
    strict = OverlapFinder(across_governments=True, min_score=MIN_SCORE).fit(documents).findings_
    across = [f for f in default if f.a.government != f.b.government]
    within = [f for f in default if f.a.government == f.b.government]
    assert across and within
    assert min(f.score for f in across) >= BENCHMARK_MIN_SCORE
    assert any(f.score < MIN_SCORE for f in across)  # 对标 pairs the stricter default would drop
    assert min(f.score for f in within) >= MIN_SCORE
    pairs = {(f.a.file, f.a.no, f.b.file, f.b.no) for f in default}
    assert {(f.a.file, f.a.no, f.b.file, f.b.no) for f in strict} <= pairs
