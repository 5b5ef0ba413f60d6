"""The learned scorer that adds the department pairs no rule of docproc.relations reads."""
from __future__ import annotations

import json

import docproc
from corpus import build_pair_scorer
from docproc import parse_bytes
from docproc.model import Document
from docproc.overlap import _labour_statements
from docproc.pair_scorer import INFERRED, MODEL_PATH, candidates, probability
from docproc.relations import relation_key

from shared_paths import TEST_DATA

NOTICE = ("沙河市人民政府办公室关于印发沙河市文物安全检查工作方案的通知\n"
          "各区人民政府，市直各部门：\n现将方案印发给你们，请认真贯彻执行。\n"
          "一、市文化广电旅游局组织文物安全检查，市公安局予以协查。\n"
          "抄送：市委办公室，市人大常委会办公室，市政协办公室。\n")


def _relations(text: str) -> list[dict]:
    return parse_bytes(text.encode("utf-8"), "上传文件.txt").relations


def test_a_wording_no_rule_reads_is_inferred_and_marked_so():
    pairs = {(r["a"], r["b"]): r for r in _relations(NOTICE)}
    relation = pairs[("市文化广电旅游局", "市公安局")]
    assert relation["relation"] == INFERRED  # no rule reads `予以协查`: the scorer found it
    assert relation["quote"].startswith("一、市文化广电旅游局组织文物安全检查")


def test_issuer_and_addressees_are_not_paired():
    named = {name for r in _relations(NOTICE) for name in (r["a"], r["b"])}
    assert not named & {"沙河市人民政府办公室", "市委办公室", "市人大常委会办公室", "市政协办公室"}


def test_two_departments_a_sentence_divides_a_matter_between_score_high_and_the_cc_line_gives_none():
    scored = {(c.a, c.b): probability(c.features) for c in candidates(relation_key(NOTICE, None), None)}
    threshold = json.loads(MODEL_PATH.read_text("utf-8"))["threshold"]
    assert scored[("市文化广电旅游局", "市公安局")] >= threshold + 0.1  # clearly kept, whatever the refit
    assert ("市委办公室", "市政协办公室") not in scored


def test_a_candidate_never_spans_a_numbered_item():
    text = "（一）旗农牧局负责种植结构调整。（二）旗住房和城乡建设局负责垃圾治理。"
    assert [(c.a, c.b) for c in candidates(relation_key(text, None), None)] == []


def test_a_sentence_wrapped_onto_the_next_line_pairs_its_two_halves_but_a_new_item_does_not():
    wrapped = "三、市文化广电旅游局组织文物安全检查，\n市公安局予以协查。\n"
    found = [c for c in candidates(relation_key(wrapped, None), None)]
    assert [(c.a, c.b) for c in found] == [("市文化广电旅游局", "市公安局")]
    assert "xline" in found[0].features
    items = "三、市文化广电旅游局组织文物安全检查，\n四、市公安局负责治安巡查。\n"
    assert [(c.a, c.b) for c in candidates(relation_key(items, None), None)] == []


def test_an_inferred_pair_settles_no_overlap():
    doc = Document(file="t.txt", government="沙河市",
                   relations=[{"a": "市文化广电旅游局", "b": "市公安局", "relation": INFERRED,
                               "quote": "市文化广电旅游局组织文物安全检查，市公安局予以协查", "source": "条文"},
                              {"a": "市水务局", "b": "市交通运输局", "relation": "分工",
                               "quote": "市水务局与市交通运输局分工负责河道清障", "source": "条文"}])
    statements = _labour_statements([doc])[("沙河市", "")]
    assert [departments for _, departments, _ in statements] == [["市水务局", "市交通运输局"]]


def test_the_shipped_model_is_what_the_build_script_trains():
    """Changing the candidates or their features without rebuilding the model fails here."""
    shipped = json.loads(MODEL_PATH.read_text("utf-8"))
    assert build_pair_scorer.build() == shipped


def test_the_model_never_reads_an_evaluation_text(monkeypatch):
    evaluation = {case["file"] for path in TEST_DATA.glob("relation_statements_blind*.json")
                  for case in json.loads(path.read_text("utf-8"))["cases"] if case["part"] == "evaluation"
                  and path.name not in ("relation_statements_blind.json", "relation_statements_blind2.json",
                                        "relation_statements_blind3.json", "relation_statements_blind4.json")}
    read: list[str] = []
    parse = docproc.parse

    def recording_parse(path, **options):
        read.append(path.name)
        return parse(path, **options)

    monkeypatch.setattr(docproc, "parse", recording_parse)
    features, labels, texts = build_pair_scorer.examples()
    assert texts == len(read) > 200 and sum(labels) > 1000
    assert evaluation and not set(read) & evaluation


def test_approvers_and_deciders_form_no_candidate():
    text = "经县委、县政府研究，决定由县水利局牵头。报市人民政府批准后，县财政局予以支持。"
    pairs = {(c.a, c.b) for c in candidates(relation_key(text, None), None)}
    assert pairs == {("县水利局", "县财政局")}


def test_a_name_is_paired_with_the_next_forty_a_line_names_not_with_all():
    names = [f"县{chr(0x6c00 + n)}{chr(0x6d00 + n)}局" for n in range(60)]
    pairs = {(c.a, c.b) for c in candidates("县水利局牵头，" + "、".join(names) + "配合。", None)}
    assert ("县水利局", names[0]) in pairs and (names[0], names[1]) in pairs
    assert (names[0], names[50]) not in pairs and len(pairs) < 60 * 41
