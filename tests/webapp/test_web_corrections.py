"""Staff corrections: the pure functions in docproc.corrections and the web flow."""
from __future__ import annotations

import re

import pytest

from docproc.corrections import Correction, CorrectionError, apply_corrections, document_from_dict, split_offset
from docproc.model import Division, Document, Duty
from webapp import store


def _doc() -> Document:
    return Document(
        file="a.txt", department="示例市测试局", government="示例市",
        duties=[Duty(1, "（一）", "负责甲。"), Duty(2, "", "负责乙。"),
                Duty(3, "（二）", "负责丙。负责丁。"), Duty(4, "（三）", "完成交办的其他任务。", boilerplate=True)],
        divisions=[Division("办公室", "负责文电；负责会务。", ["负责文电", "负责会务。"])])


def test_merge_duty_with_next():
    doc = apply_corrections(_doc(), [Correction("merge", "duties", 0)])
    assert [d.text for d in doc.duties] == ["负责甲。负责乙。", "负责丙。负责丁。", "完成交办的其他任务。"]
    assert [d.no for d in doc.duties] == [1, 2, 3]
    assert doc.duties[0].label == "（一）"
    assert doc.duties[2].boilerplate


def test_split_duty_at_offset():
    doc = apply_corrections(_doc(), [Correction("split", "duties", 2, offset=4)])
    assert [d.text for d in doc.duties][2:4] == ["负责丙。", "负责丁。"]
    assert [d.no for d in doc.duties] == [1, 2, 3, 4, 5]


def test_division_duties_merge_and_split():
    doc = apply_corrections(_doc(), [Correction("merge", "divisions", 0, division=0)])
    assert doc.divisions[0].duties == ["负责文电负责会务。"]
    doc = apply_corrections(doc, [Correction("split", "divisions", 0, division=0, offset=4)])
    assert doc.divisions[0].duties == ["负责文电", "负责会务。"]


def test_input_document_is_not_changed():
    original = _doc()
    apply_corrections(original, [Correction("merge", "duties", 0)])
    assert len(original.duties) == 4


@pytest.mark.parametrize("correction", [
    Correction("merge", "duties", 3),
    Correction("merge", "duties", 9),
    Correction("split", "duties", 0, offset=0),
    Correction("split", "duties", 0, offset=99),
    Correction("split", "divisions", 0, division=5, offset=1),
    Correction("merge", "duties", 0, expect="别的内容"),
    Correction("rename", "duties", 0),
])
def test_a_correction_that_no_longer_fits_is_skipped_with_a_warning(correction):
    doc = apply_corrections(_doc(), [correction, Correction("merge", "duties", 0)])
    assert len(doc.duties) == 3  # the fitting correction still applied
    assert any("人工更正已不适用" in warning for warning in doc.warnings)


def test_corrections_from_stored_rows():
    rows = [{"action": "merge", "section": "duties", "position": 0, "division": None,
             "offset": None, "expect": "负责甲。", "id": 7, "by": 1}]
    assert len(apply_corrections(_doc(), rows).duties) == 3


def test_split_offset_from_typed_text():
    assert split_offset("负责丙。负责丁。", "负责丁") == 4
    with pytest.raises(CorrectionError):
        split_offset("负责丙。负责丁。", "没有的字")
    with pytest.raises(CorrectionError):
        split_offset("负责丙。负责丁。", "  ")


def test_document_round_trips_through_its_dict():
    doc = _doc()
    assert document_from_dict(doc.to_dict()) == doc


JOINED = """示例市测试局职能配置、内设机构和人员编制规定
第三条 示例市测试局的主要职责是：
（一）负责全市测试工作的统筹协调。
（二）负责测试标准的制定。负责测试数据的统计分析。
（三）负责测试人员的培训。
（四）完成市委、市政府交办的其他任务。
"""


def _form(page: str, action: str, index: int = 0) -> dict:
    """The hidden fields of the index-th correction form of one kind on a result page."""
    forms = re.findall(rf'<form method="post" action="([^"]*/{action})"[^>]*>(.*?)</form>', page, re.S)
    url, body = forms[index]
    return url, dict(re.findall(r'name="(\w+)" value="([^"]*)"', body))


def _duties(page: str) -> list[str]:
    section = page.split('id="duties"')[1].split("</section>")[0]
    return [re.sub(r"<[^>]+>", "", text).strip() for text in
            re.findall(r'<div class="item-text">(.*?)</div>', section, re.S)]


def test_split_and_merge_through_the_web_survive_reimport(client, auth, uploads, db):
    auth.login("staff")
    url = uploads.run([(JOINED.encode("utf-8"), "joined.txt")])["jobs"][0]["url"]
    page = client.get(url).get_data(as_text=True)
    assert len(_duties(page)) == 4
    action, fields = _form(page, "split", 1)
    response = client.post(action, data={**fields, "start_text": "负责测试数据"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "已拆分为两项" in page
    duties = _duties(page)
    assert len(duties) == 5 and duties[2].endswith("负责测试数据的统计分析。")
    action, fields = _form(page, "merge", 0)
    client.post(action, data=fields)
    page = client.get(url).get_data(as_text=True)
    assert len(_duties(page)) == 4
    assert "人工更正记录" in page
    [version] = store.documents.list_versions(db)
    assert [c["action"] for c in store.documents.list_corrections(db, version["sha256"])] == ["split", "merge"]
    assert [e["action"] for e in store.audit.list_audit(db)][:2] == ["correction_merge", "correction_split"]
    duty_items = [i for i in store.documents.list_items(db, version["id"]) if i["section"] == "duties"]
    assert len(duty_items) == 4

    again = uploads.run([(JOINED.encode("utf-8"), "joined-again.txt")])["jobs"][0]
    assert again["url"] == url
    after = client.get(url).get_data(as_text=True)
    assert _duties(after) == _duties(page)
    assert len([i for i in store.documents.list_items(db, version["id"]) if i["section"] == "duties"]) == 4


def test_split_with_text_not_in_item_is_refused(client, auth, uploads, db):
    auth.login("staff")
    url = uploads.run([(JOINED.encode("utf-8"), "joined.txt")])["jobs"][0]["url"]
    action, fields = _form(client.get(url).get_data(as_text=True), "split", 1)
    page = client.post(action, data={**fields, "start_text": "不存在的文字"},
                       follow_redirects=True).get_data(as_text=True)
    assert "未能更正" in page
    assert store.count(db, "corrections") == 0


def test_stale_form_is_refused(client, auth, uploads, db):
    auth.login("staff")
    url = uploads.run([(JOINED.encode("utf-8"), "joined.txt")])["jobs"][0]["url"]
    action, fields = _form(client.get(url).get_data(as_text=True), "merge", 0)
    client.post(action, data=fields)
    page = client.post(action, data=fields, follow_redirects=True).get_data(as_text=True)
    assert "已被他人更正" in page
    assert store.count(db, "corrections") == 1


def test_division_duty_merge_through_the_web(client, auth, uploads, sample_text, db):
    auth.login("staff")
    url = uploads.run([(sample_text.encode("utf-8"), "a.txt")])["jobs"][0]["url"]
    page = client.get(url).get_data(as_text=True)
    divisions = page.split('id="divisions"')[1]
    action, fields = _form(divisions, "merge", 0)
    assert fields["section"] == "divisions" and fields["division"] == "0"
    client.post(action, data=fields)
    [correction] = store.documents.list_corrections(db, store.documents.list_versions(db)[0]["sha256"])
    assert (correction["section"], correction["division"], correction["position"]) == ("divisions", 0, 0)


def test_evaluator_cannot_correct(client, auth, uploads, sample_text, db):
    auth.login("staff")
    url = uploads.run([(sample_text.encode("utf-8"), "a.txt")])["jobs"][0]["url"]
    action, fields = _form(client.get(url).get_data(as_text=True), "merge", 0)
    auth.logout()
    auth.login("evaluator")
    assert client.post(action, data=fields).status_code == 403
    assert store.count(db, "corrections") == 0
