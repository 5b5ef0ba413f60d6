"""The document page lists the department pairs a text states, the scorer's inferred ones marked."""
from __future__ import annotations

TEXT = ("沙河市文化广电旅游局职能配置、内设机构和人员编制规定\n"
        "第一条 根据有关规定，制定本规定。\n"
        "第二条 沙河市文化广电旅游局是市人民政府工作部门。\n"
        "第三条 市文化广电旅游局的主要职责是：\n"
        "（一）负责全市文物保护工作。\n"
        "（二）组织文物安全检查，发现案件线索的，及时通报市公安局。\n"
        "第四条 市博物馆为市文化广电旅游局所属事业单位。\n")


def test_the_document_page_shows_stated_and_inferred_pairs(auth, uploads, client):
    auth.login("staff")
    job = uploads.run([(TEXT.encode("utf-8"), "沙河市文化广电旅游局.txt")])["jobs"][0]
    assert job["status"] == "done", job
    page = client.get(job["url"]).get_data(as_text=True)
    assert "市博物馆" in page and "管理" in page
    assert "推断相关（模型推断，请核实）" in page and "市公安局" in page
