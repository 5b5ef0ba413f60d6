"""Department and government found wherever a real text puts them, and never invented."""
from __future__ import annotations

import pytest

from docproc import parse_bytes


def _parse(text: str, name: str = "上传文件.txt"):
    return parse_bytes(text.encode("utf-8"), name)


DUTIES = "第三条 主要职责：\n（一）负责应急管理工作。\n（二）负责安全生产综合监督管理。\n"


@pytest.mark.parametrize("text, department, government", [
    ("第一条 根据有关规定，制定本规定。\n第二条 沙河市市场监督管理局是市政府工作部门，为正科级。\n" + DUTIES,
     "沙河市市场监督管理局", "沙河市"),
    ('SPAM-REPLACED:"365-体育在线"]岳阳县应急管理局职能配置、内设机构和人员编制规定\n' + DUTIES,
     "岳阳县应急管理局", "岳阳县"),
    ('SPAM-REPLACED:"365-体育在线"]\n岳阳县应急管理局职能配置、内设机构和人员编制规定\n' + DUTIES,
     "岳阳县应急管理局", "岳阳县"),
    ("第二条县自然资源局是县人民政府工作部门，为正科级。\n" + DUTIES, "县自然资源局", None),
    ("第二條 岳麓區應急管理局是區人民政府工作部門，為正科級。\n第三條 主要職責：\n（一）負責應急管理工作。\n",
     "岳麓区应急管理局", "岳麓区"),
    ("重庆市北碚区交通局 2020年度部门决算情况说明\n一、部门基本情况\n（一）职能职责\n"
     "1.贯彻执行交通运输法律、法规。\n2.拟订全区综合交通发展战略。\n", "重庆市北碚区交通局", "重庆市北碚区"),
    ("重庆市铜梁区城市管理局\n2021年部门预算情况说明\n一、单位基本情况\n（一）重庆市铜梁区城市管理局的职能职责。\n"
     "1.负责环境卫生行业管理工作。\n", "重庆市铜梁区城市管理局", "重庆市铜梁区"),
    ("汾阳市环境保护局成立于1989年，为汾阳市人民政府工作部门。\n1、部门主要职责\n（1）负责环境保护工作。\n",
     "汾阳市环境保护局", "汾阳市"),
    ("第一条 根据《中共沙河县委办公室 沙河县人民政府办公室关于印发〈沙河县机构改革实施方案〉的通知》，制定本规定。\n"
     "第二条县自然资源局是县人民政府工作部门，为正科级。\n" + DUTIES, "沙河县自然资源局", "沙河县"),
    ("负责制定全市政府办公室\n（五）负责全市政务公开工作。\n", None, None),
    # Budget, accounts and performance pages name the department in their heading, in many shapes.
    ("都昌县住建局部门职责\n1.贯彻执行国家法律。\n2.负责房屋安全管理。\n", "都昌县住建局", "都昌县"),
    ("单位名称：沙河市交通运输局\n单位职能：\n1.贯彻执行国家法律。\n2.负责公路建设。\n", "沙河市交通运输局", "沙河市"),
    ("中共南昌市委机构编制委员会办公室\n南昌市住房和城乡建设局主要职责\n（一）贯彻执行国家法律。\n",
     "南昌市住房和城乡建设局", "南昌市"),
    ("关于都昌县交通运输局2021年度部门决算的说明\n一、部门职责\n1.贯彻执行国家法律。\n", "都昌县交通运输局", "都昌县"),
    ("2021年湖口县交通运输局部门整体绩效评价报告\n一、部门职责\n1.贯彻执行国家法律。\n",
     "湖口县交通运输局", "湖口县"),
    ("都昌县交通运输局2022年部门整体支出绩效自评报告\n（一）部门职责\n1.贯彻执行国家法律。\n",
     "都昌县交通运输局", "都昌县"),
    ("湖口县民政局\n单位职能\n1.贯彻执行国家法律。\n2.负责社会救助。\n", "湖口县民政局", "湖口县"),
    ("交通运输局职责\n(一)贯彻执行国家法律。\n(二)负责公路建设。\n", "交通运输局", None),
])
def test_department_from_the_text(text, department, government):
    doc = _parse(text)
    assert (doc.department, doc.government) == (department, government)
    if department is None:
        assert "未能识别部门名称" in doc.warnings


def test_the_file_name_names_the_department_when_the_text_does_not():
    doc = _parse("主要职责：\n（一）负责应急管理工作。\n（二）负责安全生产综合监督管理。\n", "岳麓区应急管理局.txt")
    assert (doc.department, doc.government) == ("岳麓区应急管理局", "岳麓区")
    doc = _parse("第二条县自然资源局是县人民政府工作部门。\n" + DUTIES, "2023_岳塘区自然资源局三定.txt")
    assert (doc.department, doc.government) == ("岳塘区自然资源局", "岳塘区")


def test_a_file_name_that_is_no_department_is_ignored():
    doc = _parse("主要职责：\n（一）负责应急管理工作。\n", "扫描件_0001.txt")
    assert doc.department is None


def test_budget_page_duty_list_after_its_table_of_contents():
    text = ("长沙市雨花区市场监督管理局2022年度部门决算\n第一部分 部门概况\n一、部门职责\n二、机构设置\n"
            "第二部分部门决算表\n一、收入支出决算总表\n第一部分\n一、部门职责\n"
            "1、贯彻执行国家有关市场监督管理的方针政策。\n2、负责市场主体统一登记注册。\n3、负责组织和指导")
    doc = _parse(text)
    assert doc.department == "长沙市雨花区市场监督管理局"
    assert [(d.label, d.text, d.incomplete) for d in doc.duties] == [
        ("1、", "贯彻执行国家有关市场监督管理的方针政策。", False),
        ("2、", "负责市场主体统一登记注册。", False),
        ("3、", "负责组织和指导", True)]


def test_flattened_enumerated_duties_one_per_enumerator():
    text = ("重庆市生态环境局2021年部门预算情况说明\n一、单位基本情况\n（一）职能职责\n"
            "一是负责贯彻执行国家生态环境基本制度。负责起草地方性法规。二是负责重大生态环境问题的统筹协调。"
            "三是负责核与辐射安全的监督管理。四是负责应对气候变")
    doc = _parse(text)
    assert [(d.label, d.text, d.incomplete) for d in doc.duties] == [
        ("一是", "负责贯彻执行国家生态环境基本制度。负责起草地方性法规。", False),
        ("二是", "负责重大生态环境问题的统筹协调。", False),
        ("三是", "负责核与辐射安全的监督管理。", False),
        ("四是", "负责应对气候变", True)]


def test_a_label_the_text_stops_after_and_a_few_cut_characters_are_incomplete():
    doc = _parse("XX县民政局主要职责：\n（一）负责社会救助工作。\n（二）负责养老服务。\n（三）承担从")
    assert [d.incomplete for d in doc.duties] == [False, False, True]
    doc = _parse("XX县民政局主要职责：\n（一）负责社会救助工作。\n（二）负责养老服务。\n（三")
    assert [d.incomplete for d in doc.duties] == [False, False]
    assert "文本在末尾中断：最后一项只剩编号" in doc.warnings


def test_a_label_that_lost_its_dot_in_a_flattened_list():
    text = ("XX区城市管理局 2020 年度部门决算情况说明 一、部门基本情况 （一）职能职责 1. 负责城市管理工作。 "
            "2. 负责环境卫生管理。 3 负责园林绿化管理。 4. 负责综合执法；行政编制 5 名。")
    doc = _parse(text)
    assert [d.text for d in doc.duties] == ["负责城市管理工作。", "负责环境卫生管理。", "负责园林绿化管理。",
                                            "负责综合执法；行政编制 5 名。"]


def test_a_notice_adjusting_several_units_names_no_department():
    doc = _parse("关于调整部分单位职责的通知\n各有关单位：\n"
                 "一、县商务局的酒类流通监督管理职责交由县市场监督管理局承担。\n")
    assert doc.department is None


def test_a_rare_character_that_simplifies_outside_the_basic_plane_is_kept():
    from docproc.normalize import to_simplified

    assert to_simplified("顗门水务集团有限公司 國家") == "顗门水务集团有限公司 国家"


@pytest.mark.parametrize(("text", "file", "department"), [
    ("青岚市体育运动学校机构编制方案\n一、主要职责\n（一）承担全市竞技体育后备人才培养。\n"
     "（二）完成市体育局交办的其他任务。\n", "体校.txt", "青岚市体育运动学校"),
    ("主要负责人离任工作交接清单\n交接单位：青岚市价格监测中心\n一、主要职责\n1.负责全市价格监测。\n"
     "2.承担成本调查监审的具体工作。\n", "交接清单.txt", "青岚市价格监测中心"),
    ("青岚市公墓管理处社会服务承诺书\n一、单位职能\n（一）负责市公益性公墓的建设和管理。\n"
     "（二）负责骨灰寄存服务。\n", "承诺书.txt", "青岚市公墓管理处"),
    ("2024年单位预算公开\n一、主要职能\n根据《青岚市机构编制委员会关于青岚市公证处机构编制方案的批复》，"
     "本单位为市司法局所属公益二类事业单位，主要职能是：\n1.依法办理民事法律行为公证。\n2.提供公证法律服务。\n",
     "预算.txt", "青岚市公证处"),
    ("青岚县交通运输局权责清单\n（所属道路运输管理所部分）\n部门名称：青岚县交通运输局\n实施主体：青岚县道路运输管理所\n"
     "一、单位职责\n1.负责全县道路运输行业管理。\n2.依法查处道路运输违法经营行为。\n",
     "权责清单.txt", "青岚县道路运输管理所"),
    ("青岚市城市管理委员会2018年部门预算说明\n一、部门主要职责\n市城市管理委员会是市政府主管城市管理工作的组成部门，"
     "主要职责是：\n（1）负责城市容貌管理。\n（2）承办市政府交办的其他事项。\n",
     "预算说明.txt", "青岚市城市管理委员会"),
])
def test_units_named_by_forms_pledges_and_their_basis(text, file, department):
    assert parse_bytes(text.encode(), file).department == department


@pytest.mark.parametrize(("name", "government"), [
    ("市城市管理委员会", None), ("县城市管理局", None), ("济南市市中区教育局", "济南市市中区"), ("市城乡规划局", None)])
def test_a_city_s_own_city_words_are_no_place(name, government):
    from docproc.names import government_of

    assert government_of(name) == government


def test_a_clause_s_verb_or_a_linking_word_opens_no_place():
    text = ("青岚市罳城区人民政府\n当前位置：首页 > 部门信息公开 > 机构职能\n职能配置、内设机构和人员编制规定\n"
            "第一条　区应急管理局为区人民政府工作部门。\n第二条　主要职责。\n（一）统筹全区应急管理工作。\n"
            "（二）组织指导协调突发事件应急救援，承担区应对较大灾害指挥部的日常工作。\n"
            "（三）完成区委、区政府交办的其他任务。\n第三条　本规定由区委机构编制委员会办公室负责解释，"
            "其调整由区委机构编制委员会办公室按规定程序办理。\n")
    doc = parse_bytes(text.encode(), "机构职能.txt")
    assert doc.department is None or not doc.department.startswith(("承担", "其调整"))


def test_the_signs_a_department_carries_and_not_its_divisions():
    text = ("青岚县应急管理局职能配置、内设机构和人员编制规定\n"
            "第二条　县应急管理局为县人民政府工作部门，对外加挂县地震局牌子。\n"
            "第三条　主要职责。\n（一）负责全县应急管理工作。\n"
            "（二）加挂县防汛抗旱指挥部办公室和县森林防火指挥部办公室牌子，"
            "承担其日常工作。\n第四条　内设机构。\n（一）办公室，加挂县安全生产委员会办公室牌子。\n")
    doc = parse_bytes(text.encode(), "应急局.txt")
    assert doc.signs == ["县地震局", "县防汛抗旱指挥部办公室", "县森林防火指挥部办公室"]
    titled = parse_bytes("青岚县财政局（县国资委）2023年度部门决算\n一、主要职责\n1.负责财政。\n".encode(), "决算.txt")
    assert titled.signs == ["县国资委"]


def test_a_department_is_of_the_kinds_of_the_signs_it_carries():
    from docproc.reference import office_kinds

    assert office_kinds("某市住房和城乡建设局", ["某市人民防空办公室"]) == ("住房和城乡建设", "人民防空")
    assert office_kinds("某县发展和改革局", ["物资储备局"]) == ("发展和改革", "粮食和物资储备")


def test_a_sign_the_text_gives_its_department_by_name_and_a_party_office_s_second_name():
    text = ("青岚县应急管理局2023年度部门决算\n一、主要职责\n根据机构改革方案，原县地震局职责整合划入县应急管理局，"
            "县应急管理局加挂县地震局牌子。主要职责：\n1、负责安全生产。\n2、完成县委交办的其他任务。\n")
    assert parse_bytes(text.encode(), "决算.txt").signs == ["县地震局"]
    office = ("中共青岚县委办公室2024年部门预算公开\n一、主要职能\n"
              "中共青岚县委办公室（中共青岚县委外事工作委员会办公室）"
              "是县委工作机关，主要职能：\n（1）负责县委日常工作。\n（2）完成县委交办的其他事项。\n")
    doc = parse_bytes(office.encode(), "预算.txt")
    assert (doc.department, doc.signs) == ("中共青岚县委办公室", ["中共青岚县委外事工作委员会办公室"])


@pytest.mark.parametrize(("text", "file", "department"), [
    ("中共青岚县委办公室　青岚县人民政府办公室\n关于印发自然资源局职能配置、内设机构和人员编制规定的通知\n"
     "职能配置、内设机构和人员编制规定\n第二条青岚县自然资源局是县政府工作部门，为正科级。\n第三条　主要职责。\n"
     "（一）负责自然资源调查监测。\n（二）办理县委、县政府安排的其他事项。\n", "三定规定.txt", "青岚县自然资源局"),
    ("第九编　市直事业单位\n第五节　青岚市艺术剧院\n（一）机构沿革\n1984年组建市艺术剧院。\n（二）主要职责\n"
     "①创作、排练和演出舞台艺术作品；\n②组织公益性演出。\n", "组织史资料.txt", "青岚市艺术剧院"),
    ("2023年度单位决算公开\n一、主要职能\n本单位是县发展和改革局管理的公益二类事业单位，主要职能是：\n"
     "1.承担县级储备粮的收购、保管和轮换。\n2.负责库区仓储设施的维护管理。\n", "青岚县粮食储备库2023年度单位决算.txt",
     "青岚县粮食储备库"),
])
def test_a_title_without_its_place_a_history_entry_and_a_grain_depot(text, file, department):
    assert parse_bytes(text.encode(), file).department == department



def test_an_office_set_up_in_the_department_is_carried_like_a_sign():
    from docproc.names import signs_carried

    line = "县民政局是县政府工作部门，县老龄工作委员会办公室设在县民政局。主要职能："
    assert signs_carried([line], "甲县民政局") == ["县老龄工作委员会办公室"]
    assert signs_carried(["县防汛抗旱指挥部办公室设在县水利局。"], "甲县应急管理局") == []


def test_a_title_after_about_names_a_department():
    from docproc.names import department_mentions

    title = "关于甲县路灯管理所2022年度财务收支情况的审计结果公告"
    assert [m[2] for m in department_mentions(title)] == ["甲县路灯管理所"]


def test_a_name_ends_before_the_handling_it_does():
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions("会同县消费者协会调解处理")] == ["县消费者协会"]
    assert [m[2] for m in department_mentions("交县公证处处理")] == ["县公证处"]


def test_a_body_that_calls_others_together_is_named_apart_from_them():
    from docproc.names import department_mentions

    line = "甲县住建局召集县生态环境分局、县城市管理局开对接会"
    assert [m[2] for m in department_mentions(line)] == ["甲县住建局", "县生态环境分局", "县城市管理局"]
    assert [m[2] for m in department_mentions("县防汛抗旱指挥部办公室召集单位")] == ["县防汛抗旱指挥部办公室"]


def test_a_marriage_registry_is_a_body():
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions("县婚姻登记处由县民政局管理")] == ["县婚姻登记处", "县民政局"]


@pytest.mark.parametrize("clause, names", [
    ("由城关镇人民政府将名单提供给乙湾县民政局，", ["城关镇人民政府", "乙湾县民政局"]),
    ("甲方委托乙湾县城市建设投资有限公司代建城区十二处避险点", ["乙湾县城市建设投资有限公司"]),
    ("一、主办与会办：本提案由乙湾县水利局主办，乙湾县应急管理局会办。", ["乙湾县水利局", "乙湾县应急管理局"]),
    ("为厘清监管责任，现商办如下：由乙湾县林业局负责", ["乙湾县林业局"]),
    ("质监、工商两局建立案件线索相互移送制度。", []),
])
def test_a_paper_handed_on_a_count_of_places_and_a_co_handler_are_no_part_of_a_name(clause, names):
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions(clause)] == names


@pytest.mark.parametrize("clause, names", [
    ("我局已电话告知县水利局堤防管理所，该所答复三日内修复。", ["县水利局堤防管理所"]),
    ("巡查中发现的流浪乞讨人员交县民政局救助管理站接收。", ["县民政局救助管理站"]),
    ("由乙沙县农业局植保站派员指导防治。", ["乙沙县农业局植保站"]),
    ("培训名单由县农业机械管理局提供给县农机技术推广站。", ["县农业机械管理局", "县农机技术推广站"]),
])
def test_a_bureau_s_station_or_office_is_named_with_its_bureau_and_a_verb_ends_a_name(clause, names):
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions(clause)] == names


@pytest.mark.parametrize("clause, names", [
    ("恢复中共戊川县委农村工作部，作为县委主管农村工作的职能部门。", ["中共戊川县委农村工作部", "县委"]),
    ("恢复戊川县农业局。", ["戊川县农业局"]),
    ("上午开会，站长传达戊川县水利局的文件。", ["戊川县水利局"]),
    ("由县灾后恢复重建工作领导小组办公室负责协调。", ["县灾后恢复重建工作领导小组办公室"]),
    ("来信请交市委传达室转交。", ["市委传达室"]),
])
def test_restore_and_convey_end_a_name_before_a_place_not_inside_one(clause, names):
    from docproc.names import department_mentions

    assert [m[2] for m in department_mentions(clause)] == names
