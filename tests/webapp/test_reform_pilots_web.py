"""大科室 complete (issue 20, item 6): posts per division entered once and read by the rules and by
工作饱和度, the seed's new rules on the pages, and pilot batches with their totals and .xlsx."""
from __future__ import annotations

import io
import json
import re

from openpyxl import load_workbook

from webapp import store
from webapp.store import division_posts as typed_posts
from webapp.store import pilots as pilot_store

from workbooks import xlsx_bytes

TASKS = [["事项", "频次/年", "单次工时", "参与人数"], ["公文处理", 250, 4, 1], ["会议保障", 20, 10, 3],
         ["信息报送", 52, 2, 1]]  # 1704 h


def _department_id(db, name: str) -> int:
    return store.one(db, "SELECT id FROM departments WHERE name = ?", [name])["id"]


def _verdict(page: str, rule: str) -> str:
    """The verdict mark and explanation of one rule on the checks page."""
    return re.search(rf'<li class="item verdict-{rule}">(.*?)</li>', page, re.S).group(1)


def _divisions(page: str) -> dict[str, str]:
    """The posts form's fields: division name → its index."""
    return {name: index for index, name in re.findall(r'name="division-(\d+)" value="(.*?)"', page)}


def _posts_form(fields: dict[str, str], values: dict[str, str], back: str = "checks") -> dict:
    form = {"back": back}
    for name, index in fields.items():
        form[f"division-{index}"] = name
        form[f"posts-{index}"] = values.get(name, "")
    return form


def test_typed_posts_change_the_rules_and_the_saturation(reform_city, db, client, auth):
    shangwu = _department_id(db, "示例市商务局")
    auth.login("staff")
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    small = _verdict(page, "small_divisions")
    assert "verdict-na" in small and "缺少各内设机构编制数（办公室、综合与运行调节科" in small
    assert "请在“大科室核对”页或“工作饱和度”页录入" in small
    assert "每个内设机构编制不少于3名" in page and "4名及以下1名，5至7名2名，8名及以上3名" in page
    fields = _divisions(page)
    assert len(fields) == 7 and "办公室" in fields
    # every division 4 posts: no small division; 7 × 1 head < the 10 the 三定 approves
    response = client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, {n: "4" for n in fields}))
    assert response.status_code == 302 and response.headers["Location"].endswith("#posts")
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert "verdict-pass" in _verdict(page, "small_divisions")
    heads = _verdict(page, "division_heads")
    assert "verdict-fail" in heads and "可设科级领导职数7名" in heads and "超出3名" in heads
    assert re.search(r"手工录入<span class=\"muted\">（staff，\d{4}-\d\d-\d\d \d\d:\d\d）", page)
    # 办公室 down to 2: a two-post division
    values = {n: "4" for n in fields} | {"办公室": "2"}
    client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, values))
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert "verdict-fail" in _verdict(page, "small_divisions") and "办公室2名" in _verdict(page, "small_divisions")
    # the saturation page reads the same number: 2 posts × 1700 h; 1704 / 3400 = 50.1 %
    response = client.post(f"/reform/departments/{shangwu}/saturation", data={
        "division": "办公室", "file": (io.BytesIO(xlsx_bytes(TASKS)), "tasks.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    page = client.get(f"/reform/departments/{shangwu}/saturation").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\">办公室</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row)[1:5] == ["3", "1704", "3400", "50.1%"]
    # entered on the saturation page (same form), back to the saturation page, read by the rules
    fields = _divisions(page)
    response = client.post(f"/reform/departments/{shangwu}/posts",
                           data=_posts_form(fields, {n: "4" for n in fields} | {"办公室": "1"}, back="saturation"))
    assert response.headers["Location"].endswith(f"/reform/departments/{shangwu}/saturation")
    page = client.get(f"/reform/departments/{shangwu}/saturation").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\">办公室</th>(.*?)</tr>", page, re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", row)[1:5] == ["3", "1704", "1700", "100.2%"]
    assert "办公室1名" in client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    # the import form's posts field writes the same place
    client.post(f"/reform/departments/{shangwu}/saturation", data={
        "division": "办公室", "posts": "6", "file": (io.BytesIO(xlsx_bytes(TASKS)), "tasks.xlsx")},
        content_type="multipart/form-data")
    assert typed_posts.typed_posts(db, shangwu)["办公室"]["posts"] == 6
    # emptied: back to what the 三定 says (nothing, here): the rule cannot evaluate again
    client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, {}))
    assert typed_posts.typed_posts(db, shangwu) == {}
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert "verdict-na" in _verdict(page, "small_divisions")
    changes = [row for row in store.audit.list_audit(db) if row["action"] == "division_posts"]
    cleared = json.loads(changes[0]["new"])  # newest first: every division cleared
    assert len(changes) == 5 and len(cleared) == 7 and set(cleared.values()) == {None}


def test_bad_posts_are_a_400_and_store_nothing(reform_city, db, client, auth):
    shangwu = _department_id(db, "示例市商务局")
    auth.login("staff")
    fields = _divisions(client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True))
    client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, {"办公室": "5"}))
    for values in ({"办公室": "abc"}, {"办公室": "6", "电子商务科": "-1"}, {"办公室": "1001"}):
        response = client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, values))
        assert response.status_code == 400
        assert "的编制数" in response.get_data(as_text=True) and "未保存任何编制数" in response.get_data(as_text=True)
    response = client.post(f"/reform/departments/{shangwu}/posts",
                           data={"division-0": "不存在的科", "posts-0": "3"})
    assert response.status_code == 400 and "不在本部门现行三定规定中" in response.get_data(as_text=True)
    assert client.post(f"/reform/departments/{shangwu}/posts", data={}).status_code == 400
    assert {k: v["posts"] for k, v in typed_posts.typed_posts(db, shangwu).items()} == {"办公室": 5}
    auth.logout()
    auth.login("evaluator")  # reads the numbers, cannot change them
    page = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert 'id="posts-table"' in page and "保存编制数" not in page
    assert client.post(f"/reform/departments/{shangwu}/posts", data=_posts_form(fields, {})).status_code == 403


def test_the_seeds_new_rules_are_on_the_pages(reform_city, db, client, auth):
    auth.login("evaluator")
    market = _department_id(db, "示例市市场监督管理局")
    page = client.get(f"/reform/departments/{market}/checks").get_data(as_text=True)
    approval = _verdict(page, "approval_concentration")
    assert "verdict-fail" in approval and "行政审批职责分散在3个内设机构" in approval
    support = _verdict(page, "support_merged")
    assert "verdict-fail" in support and "机关党委（人事科）" in support
    overview = client.get(f"/reform/{reform_city['id']}/checks").get_data(as_text=True)
    assert "<th>行政审批集中</th>" in overview and "<th>人事老干后勤合并</th>" in overview
    assert "行政审批职责集中到一个科室" in overview


def test_pilot_batches_totals_and_xlsx_round_trip(reform_city, db, client, auth):
    government = reform_city["id"]
    shangwu, shuili = _department_id(db, "示例市商务局"), _department_id(db, "示例市水利局")
    auth.login("staff")
    assert client.post(f"/reform/{government}/pilots/batches", data={"name": "第一批"}).status_code == 302
    assert client.post(f"/reform/{government}/pilots/batches", data={"name": "第二批"}).status_code == 302
    duplicate = client.post(f"/reform/{government}/pilots/batches", data={"name": "第一批"})
    assert duplicate.status_code == 400 and "已存在" in duplicate.get_data(as_text=True)
    assert client.post(f"/reform/{government}/pilots/batches", data={"name": " "}).status_code == 400
    first, second = (row["id"] for row in pilot_store.list_batches(db, government))
    response = client.post(f"/reform/{government}/pilots/assign",
                           data={f"unit-{shangwu}": str(first), f"unit-{shuili}": str(first)})
    assert response.status_code == 302
    page = client.get(f"/reform/{government}/pilots").get_data(as_text=True)
    line = re.search(r'data-batch="第一批">(.*?)</tr>', page, re.S).group(1)
    # 商务局 12 → 7, 水利局 15 → 9: 27 → 16, 40.7 %; highest 41.7 %, lowest 40.0 %
    assert '<td class="units">2</td>' in line and '<td class="before">27</td>' in line
    assert '<td class="after">16</td>' in line and "40.7%" in line and "41.7%/40.0%" in line
    assert re.search(r'<td class="rule-division_cut">100.0% <span class="muted">2/2</span>', line)
    # typed posts reach the batch's posts
    client.post(f"/reform/departments/{shangwu}/posts", data={"division-0": "办公室", "posts-0": "6"})
    page = client.get(f"/reform/{government}/pilots").get_data(as_text=True)
    line = re.search(r'data-batch="第一批">(.*?)</tr>', page, re.S).group(1)
    assert '<td class="posts">1/6；6/6/6.0</td>' in line
    # bad assignments: 400, nothing changed
    assert client.post(f"/reform/{government}/pilots/assign", data={f"unit-{shangwu}": "999999"}).status_code == 400
    assert client.post(f"/reform/{government}/pilots/assign", data={"unit-999999": str(first)}).status_code == 400
    assert pilot_store.assignments(db, government) == {shangwu: first, shuili: first}
    # export: 试点部门 first (部门, 试点批次 …), 批次汇总 with the same totals
    export = client.get(f"/reform/{government}/pilots.xlsx")
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.data))
    assert book.sheetnames == ["试点部门", "批次汇总"]
    units = list(book["试点部门"].iter_rows(values_only=True))
    assert units[0][:2] == ("部门", "试点批次") and ("示例市商务局", "第一批") in [r[:2] for r in units]
    totals = {row[0]: row for row in book["批次汇总"].iter_rows(values_only=True)}
    assert totals["第一批"][1:6] == (2, 2, 27, 16, "40.7%")
    # round trip: 水利局 moved to 第二批, 商务局 out, 城管 into a new 第三批
    for row in book["试点部门"].iter_rows(min_row=2):
        name = row[0].value
        row[1].value = {"示例市水利局": "第二批", "示例市商务局": None,
                        "示例市城市管理综合行政执法局": "第三批"}.get(name, row[1].value)
    edited = io.BytesIO()
    book.save(edited)
    response = client.post(f"/reform/{government}/pilots/import", data={
        "file": (io.BytesIO(edited.getvalue()), "试点批次.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    batches = {row["name"]: row["id"] for row in pilot_store.list_batches(db, government)}
    assert list(batches) == ["第一批", "第二批", "第三批"]
    assert pilot_store.assignments(db, government) == {
        shuili: second, _department_id(db, "示例市城市管理综合行政执法局"): batches["第三批"]}
    # a bad sheet: rows named, nothing changed
    bad = xlsx_bytes([["部门", "试点批次"], ["示例市商务局", "第一批"], ["示例市不存在局", "第一批"]])
    response = client.post(f"/reform/{government}/pilots/import", data={
        "file": (io.BytesIO(bad), "试点批次.xlsx")}, content_type="multipart/form-data")
    assert response.status_code == 400 and "第3行“部门”列“示例市不存在局”" in response.get_data(as_text=True)
    assert shangwu not in pilot_store.assignments(db, government)
    empty = client.post(f"/reform/{government}/pilots/import", data={}, content_type="multipart/form-data")
    assert empty.status_code == 400 and "请选择 .xlsx 文件" in empty.get_data(as_text=True)
    auth.logout()
    auth.login("evaluator")
    page = client.get(f"/reform/{government}/pilots").get_data(as_text=True)
    assert "第三批" in page and "保存批次分配" not in page


def test_posts_typed_on_the_old_saturation_page_move_into_the_one_place(tmp_path):
    """A database of version 25 with posts inside saturation_settings' JSON: V26 moves them."""
    from webapp.store import schema

    db = store.connect(tmp_path / "old.db")
    schema.migrate(db, schema.MIGRATIONS[:25])
    government = db.execute("INSERT INTO governments (name) VALUES ('示例市')").lastrowid
    department = db.execute("INSERT INTO departments (government_id, name) VALUES (?, '示例市商务局')",
                            [government]).lastrowid
    settings = {"figures": {"efficiency": 0.5}, "posts": {str(department): {"办公室": 3}, "999": {"科": 2}}}
    db.execute("INSERT INTO saturation_settings (government_id, settings_json) VALUES (?, ?)",
               [government, json.dumps(settings, ensure_ascii=False)])
    db.conn.commit()
    assert schema.migrate(db) == store.SCHEMA_VERSION
    assert typed_posts.typed_posts(db, department)["办公室"]["posts"] == 3
    assert json.loads(store.one(db, "SELECT settings_json FROM saturation_settings")["settings_json"]) == {
        "figures": {"efficiency": 0.5}}
    db.close()


def test_the_demo_city_has_two_pilot_batches_with_posts_typed(app, db, reform_city, client, auth):
    from webapp.services import demo

    line = demo._pilots(db, reform_city["id"])
    assert line == "大科室试点：2 个批次 5 个部门，示例市商务局录入 7 个内设机构的编制数"
    auth.login("evaluator")
    page = client.get(f"/reform/{reform_city['id']}/pilots").get_data(as_text=True)
    first = re.search(r'data-batch="第一批">(.*?)</tr>', page, re.S).group(1)
    assert '<td class="units">3</td>' in first and '<td class="posts">7/34；9/3/4.9</td>' in first
    shangwu = _department_id(db, "示例市商务局")
    checks = client.get(f"/reform/departments/{shangwu}/checks").get_data(as_text=True)
    assert "verdict-pass" in _verdict(checks, "small_divisions")


def test_admins_edit_the_words_of_the_new_rules(reform_city, db, client, auth):
    from webapp.services import reform as reform_service

    auth.login("admin")
    url = f"/reform/{reform_city['id']}/rules"
    form = client.get(url).get_data(as_text=True)
    assert "行政审批、政务服务" in form and "老干：离退休、老干部、老干" in form
    base = {"min_division_cut": "30", "max_general_share": "33.33", "general_divisions": "办公室",
            "min_posts_per_division": "3", "heads_by_posts": "0:1, 5:2, 8:3"}
    bad = client.post(url, data=base | {"approval_exempt": "行政审批", "support_functions": "人事 政治部"})
    assert bad.status_code == 400 and "应写作“职能：识别词、识别词”" in bad.get_data(as_text=True)
    assert reform_service.rules_of(db, reform_city["id"]).support_functions["人事"] == ["人事", "政治部"]
    response = client.post(url, data=base | {"approval_exempt": "行政审批、市场监督",
                                             "support_functions": "人事：政治部\n后勤：警务保障"})
    assert response.status_code == 302
    rules = reform_service.rules_of(db, reform_city["id"])
    assert rules.approval_exempt == ["行政审批", "市场监督"]
    assert rules.support_functions == {"人事": ["政治部"], "后勤": ["警务保障"]}
    market = _department_id(db, "示例市市场监督管理局")
    page = client.get(f"/reform/departments/{market}/checks").get_data(as_text=True)
    assert "本部门为市场监督部门" in _verdict(page, "approval_concentration")
    assert "机关人事、后勤等工作由一个大科室负责" in _verdict(page, "support_merged")


def test_a_department_whose_last_version_goes_takes_its_posts_and_batch_along(reform_city, db):
    government = reform_city["id"]
    farming = _department_id(db, "示例市农业农村局")
    [version] = store.documents.department_versions(db, farming)
    typed_posts.set_posts(db, farming, {"办公室": 4}, None)
    batch = pilot_store.add_batch(db, government, "第一批", None)
    pilot_store.assign(db, government, {farming: batch}, None)
    store.documents.delete_version(db, version["id"], None)  # not refused: nothing else holds it
    assert store.documents.get_department(db, farming) is None
    assert store.count(db, "division_posts") == 0 and pilot_store.assignments(db, government) == {}
    assert [row["units"] for row in pilot_store.list_batches(db, government)] == [0]
