"""对标: the same duty of the same kind of department in other governments."""
from __future__ import annotations

import pytest

from docproc import parse, parse_bytes
from docproc.overlap import OverlapFinder
from docproc.reference import department_kind, reference

from shared_paths import SAMPLE_CITY_SOURCE


@pytest.fixture(scope="module")
def city():
    return {path.name: parse(path) for path in sorted(SAMPLE_CITY_SOURCE.glob("*.txt"))}


def _benchmark(documents, **options):
    findings = OverlapFinder(across_governments=True, **options).fit(documents).findings_
    return [f for f in findings if f.a.government != f.b.government]


@pytest.mark.parametrize("name, kind", [
    ("重庆市北碚区交通局", "交通运输"), ("共青城市交通运输局", "交通运输"), ("汾阳市环境保护局", "生态环境"),
    ("重庆市开州区规划和自然资源局", "自然资源"), ("杭州市钱塘区综合行政执法局", "城市管理"),
    ("奉新县住建局", "住房和城乡建设"), ("县人社局", "人力资源和社会保障"), ("宜春市樟樹生態環境局", "生态环境"),
    ("公安局交通警察支队", "公安"), ("示例市应急管理局", "应急管理"),
])
def test_department_kind_is_the_same_across_governments_and_renamings(name, kind):
    assert department_kind(name) == kind


def test_the_reference_knows_kinds_of_department_not_texts():
    known = reference()
    assert len(known.kinds) >= 10
    assert len(known.word_kinds.get("规划", ())) > len(known.kinds) / 2  # a word every kind uses


def test_the_same_department_of_two_governments_is_benchmarked(city):
    market_city, market_county = city["01_shichang_jianguan.txt"], city["17_xian_shichang_jianguan.txt"]
    findings = _benchmark([market_city, market_county])
    assert len(findings) >= 8
    assert {department_kind(f.a.department) for f in findings} == {"市场监督管理"}
    food = [f for f in findings if "食品安全" in f.terms]
    assert food and all("食品" in f.a.text and "食品" in f.b.text for f in food)


def test_benchmark_scores_do_not_move_when_unrelated_departments_are_added(city):
    market = [city["01_shichang_jianguan.txt"], city["17_xian_shichang_jianguan.txt"]]
    others = [doc for name, doc in city.items() if "shichang" not in name]
    alone = {f.key: f.score for f in _benchmark(market)}
    together = {f.key: f.score for f in _benchmark(market + others)}
    assert alone and all(together[key] == pytest.approx(score, abs=1e-6) for key, score in alone.items())


def test_scores_within_a_government_move_little_when_another_government_is_added(city):
    own = [doc for name, doc in city.items() if not name.startswith("17_")]
    before = {f.key: f.score for f in OverlapFinder(min_score=0.2).fit(own).findings_}
    after = {f.key: f.score for f in OverlapFinder(min_score=0.2).fit(list(city.values())).findings_}
    moved = [abs(before[key] - after[key]) for key in before if key in after and before[key] >= 0.3]
    assert moved and max(moved) <= 0.05


def test_a_traditional_copy_benchmarks_like_the_simplified_text(city):
    import opencc

    county = (SAMPLE_CITY_SOURCE / "17_xian_shichang_jianguan.txt").read_text("utf-8")
    traditional = parse_bytes(opencc.OpenCC("s2t").convert(county).encode("utf-8"), "county_zhhant.txt")
    assert traditional.department == "示例县市场监督管理局"
    from docproc.findings import simplified as simple

    def pairs(findings):  # each pair once, the city's duty first, named by section, division and number
        sides = [sorted([f.a, f.b], key=lambda item: item.government != "示例市") for f in findings]
        return {tuple((item.section, simple(item.division or ""), item.no) for item in side): f.score
                for side, f in zip(sides, findings)}

    simplified = pairs(_benchmark([city["01_shichang_jianguan.txt"], city["17_xian_shichang_jianguan.txt"]]))
    converted = pairs(_benchmark([city["01_shichang_jianguan.txt"], traditional]))
    # OpenCC's round trip changes a character here and there: a pair at the threshold may fall either side
    clear = {pair for pair, score in (simplified | converted).items() if score >= 0.31}
    assert clear and clear <= simplified.keys() & converted.keys()
    assert max(abs(converted[pair] - simplified[pair]) for pair in simplified.keys() & converted.keys()) < 0.01


def _doc(text: str, name: str):
    return parse_bytes(text.encode("utf-8"), name)


def test_words_every_government_uses_carry_no_finding():
    a = _doc("甲县民政局主要职责：\n（一）负责本级人民政府权限范围内的群众工作。\n（二）负责社会救助。\n", "a.txt")
    b = _doc("乙县民政局主要职责：\n（一）负责全区人民政府权限内的群众工作。\n（二）负责婚姻登记管理。\n", "b.txt")
    for finding in _benchmark([a, b], min_score=0.05):
        assert set(finding.terms) - {"人民政府", "政府", "权限", "群众", "全区", "本级"}, finding.terms


def test_a_cut_item_takes_no_part(city):
    text = ("乙县市场监督管理局主要职责：\n（一）负责全县市场综合监督管理。\n（二）负责市场主体统一登记注册。\n"
            "（三）负责全县食品安全监督管")
    cut = _doc(text, "cut.txt")
    assert cut.duties[-1].incomplete
    findings = _benchmark([city["01_shichang_jianguan.txt"], cut], min_score=0.05)
    assert findings and all(3 not in (f.a.no if f.a.file == "cut.txt" else f.b.no,) for f in findings)


def test_a_weaker_rival_of_a_duty_s_best_match_drops_by_the_ratio():
    import numpy as np

    from docproc.benchmark import compete

    party = np.array([0, 0, 1, 1])  # duties 0, 1 of 甲 and 2, 3 of 乙
    score = compete(np.array([0, 0, 1]), np.array([2, 3, 3]), np.array([0.8, 0.4, 0.6]), party)
    assert score[0] == pytest.approx(0.8)  # each other's best
    assert score[2] == pytest.approx(0.6)  # 3's best in 甲 is 1
    assert score[1] == pytest.approx(0.4 * 0.4 / 0.8)  # 0 restates 2, not 3


def test_a_duty_joining_two_matters_meets_both_duties_that_keep_them_apart():
    import numpy as np
    from scipy.sparse import csr_matrix

    from docproc.benchmark import compete

    party = np.array([0, 1, 1])  # 甲's duty 0 joins 执法 and 宣传; 乙 keeps them apart in 1 and 2
    grams = csr_matrix(np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 0, 0], [0, 0, 1.0, 1.0]]))
    pairs = np.array([0, 0]), np.array([1, 2]), np.array([0.6, 0.4])
    assert compete(*pairs, party)[1] == pytest.approx(0.4 * 0.4 / 0.6)  # without the grams: a rival
    assert compete(*pairs, party, grams)[1] == pytest.approx(0.4)  # 1 meets 0 on other words: no rival
    overlapping = csr_matrix(np.array([[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0], [0, 1.0, 1.0, 1.0]]))
    assert compete(*pairs, party, overlapping)[1] == pytest.approx(0.4 * 0.4 / 0.6)


def test_a_long_duty_with_the_trade_s_words_meets_only_the_duty_it_restates():
    city = "示例市人民政府文件\n示例市城市管理局职能配置、内设机构和人员编制规定\n第一条 主要职责。\n" \
        "（一）负责全市城市管理的综合协调和监督管理工作，推进城市管理重心下移和网格化管理。\n" \
        "（二）负责全市城市供水、节水的监督管理。\n（三）负责全市园林绿化管理和城市公园行业管理。\n"
    county = "示例县人民政府文件\n示例县城市管理局职能配置、内设机构和人员编制规定\n第一条 主要职责。\n" \
        "（一）负责全县城市管理工作的组织协调、监督检查和考核评价。\n" \
        "（二）负责全县城市供水、节水处理的监督管理，负责城市二次供水管理。\n" \
        "（三）负责全县园林绿化和城市公园的管理。\n"
    documents = [parse_bytes(city.encode(), "示例市城市管理局.txt"),
                 parse_bytes(county.encode(), "示例县城市管理局.txt")]
    findings = _benchmark(documents, min_score=0.05)
    top = {(f.a.no, f.b.no) if f.a.government == "示例市" else (f.b.no, f.a.no) for f in findings[:3]}
    assert top == {(1, 1), (2, 2), (3, 3)}, [(f.a.no, f.b.no, round(f.score, 3)) for f in findings]
    # 城市管理…监督管理 against 供水…监督管理 shares the trade's words: 0.28 unscaled, here far under the threshold.
    assert all(f.score < 0.2 for f in findings[3:]), [(f.a.no, f.b.no, round(f.score, 3)) for f in findings]


def test_a_pair_that_other_governments_restate_gains_by_their_share():
    import numpy as np

    from docproc.benchmark import SUPPORT_GAIN, corroborate

    party = np.array([0, 1, 2, 3])  # one duty each: 0 and 1 restated by 丙 (2), not by 丁 (3)
    score = corroborate(np.array([0, 0, 1, 0]), np.array([1, 2, 2, 3]), np.array([0.4, 0.5, 0.5, 0.2]), party)
    assert score[0] == pytest.approx(0.4 * (1 + SUPPORT_GAIN * 1 / 2))  # 丙 of the two others
    assert score[3] == pytest.approx(0.2)  # nobody meets both


def test_the_catch_alls_of_two_lists_answer_to_each_other_in_a_benchmark_only():
    from docproc.benchmark import CATCH_ALL_SCORE

    a = _doc("甲县应急管理局主要职责：\n（一）负责全县安全生产综合监督管理。\n"
             "（二）完成县委、县政府交办的其他任务。\n", "a.txt")
    b = _doc("乙县应急管理局主要职责：\n（一）依法行使安全生产综合监管职权。\n"
             "（二）承办县人民政府交办的其他事项。\n", "b.txt")
    c = _doc("甲县水利局主要职责：\n（一）负责全县水资源管理。\n（二）完成县委、县政府交办的其他任务。\n", "c.txt")
    catch_alls = [f for f in _benchmark([a, b]) if f.a.catch_all or f.b.catch_all]
    assert [(f.a.no, f.b.no, f.a.catch_all and f.b.catch_all, f.score) for f in catch_alls] == \
        [(2, 2, True, CATCH_ALL_SCORE)]
    within = OverlapFinder(across_governments=True, min_score=0.0).fit([a, c]).findings_
    assert not any(f.a.catch_all or f.b.catch_all for f in within)  # one government: no 对标, no pair


def test_what_only_looks_like_a_department_name_stays_a_matter():
    from docproc.names import without_department_names

    assert without_department_names("安全生产综合监管和安委会日常工作") == "安全生产综合监管和安委会日常工作"
    assert without_department_names("负责应急避难场所的规划布局") == "负责应急避难场所的规划布局"
    assert without_department_names("会同县自然资源局做好地质灾害防治") == "做好地质灾害防治"


def test_a_function_every_department_has_is_the_trade_of_some_kinds():
    a = _doc("甲县司法局主要职责：\n（一）承担县政府行政复议、行政应诉工作。\n（二）负责全县人民调解工作。\n", "a.txt")
    b = _doc("乙市司法局主要职责：\n（一）承办市政府行政复议和行政应诉案件。\n（二）负责全市社区矫正工作。\n", "b.txt")
    assert (1, 1) in {(f.a.no, f.b.no) for f in _benchmark([a, b])}
    c = _doc("甲县水利局主要职责：\n（一）承担县政府行政复议、行政应诉工作。\n", "c.txt")
    d = _doc("甲县林业局主要职责：\n（一）承担县政府行政复议、行政应诉工作。\n", "d.txt")
    within = OverlapFinder(min_score=0.0).fit([c, d]).findings_
    assert not within  # between two departments of one government it is no overlap


@pytest.mark.parametrize("name, kinds", [
    ("禚阳市祗湾区教育体育局", ("教育", "体育")), ("祧川市文化广电旅游体育局", ("文化和旅游", "广播电视", "体育")),
    ("祚源市财政局（祚源市国有资产监督管理局）", ("财政", "国有资产监督管理")),
    ("中共禚阳市委社会工作部（禚阳市信访局）", ("信访",)),
    ("祜牒省人民政府国有资产监督管理委员会", ("国有资产监督管理",)),  # the 民政 of 人民政府 is no 民政局
    ("牓山县人民政府信访办公室", ("信访",)), ("某县农业农村和水利局", ("农业农村", "水利")),
    ("沙河市公安局交通警察支队", ("公安",)), ("某市市场监督管理局", ("市场监督管理",)),
    ("罱原市食品药品监督管理局", ("食品药品监督管理", "市场监督管理")),  # merged into 市场监管 in 2018
    ("某市城乡规划局", ("自然资源",)), ("某县规划建设局", ("自然资源", "住房和城乡建设")),
    ("某县经济贸易局", ("商务", "工业和信息化")), ("某省海洋与渔业厅", ("自然资源", "农业农村")),
    ("某县人事局", ("人力资源和社会保障",)), ("某县人口和计划生育局", ("卫生健康",)),
    ("某县物价局", ("发展和改革",)), ("某市发展规划研究院", ("发展和改革",)),  # 发展规划 is no 规划局
    ("某市文化广电旅游局", ("文化和旅游", "广播电视")),
    ("某省广播电视局", ("广播电视", "文化和旅游")),  # 广电 went into 文旅 in 2018
    ("某市发展计划委员会", ("发展和改革",)), ("某市计委", ("发展和改革",)), ("某县计划局", ("发展和改革",)),
    ("某市人口和计划生育委员会", ("卫生健康",)), ("某市经济委员会", ("工业和信息化",)),
    ("某县科技工业信息化局", ("科学技术", "工业和信息化")), ("某县工业商务局", ("商务", "工业和信息化")),
    ("某县经济商务和信息化局", ("商务", "工业和信息化")), ("某县科技和信息化局", ("科学技术", "工业和信息化")),
    ("某市网络安全和信息化委员会办公室", ("网络安全和信息化",)),
    ("某市农村经济委员会", ("农业农村",)), ("某县文体局", ("体育", "文化和旅游")), ("某县教体局", ("体育", "教育")),
    ("中共某县委社会工作部", ("信访",)), ("某市人民来访接待办公室", ("信访",)),
    ("某市人民政府办公室（市机关事务管理局）", ("人民政府办公室", "机关事务管理")),
    ("某县国有资产服务中心", ("国有资产监督管理",)), ("某区民防局", ("人民防空",)),
    ("某市住房和城乡建设局（某市人民防空办公室）", ("住房和城乡建设", "人民防空")),
    ("某县电子政务办公室", ("数据",)), ("中共某市委金融委员会办公室", ("地方金融监督管理",)),
    ("某县行政服务中心", ("行政审批",)), ("某县市容环境卫生管理局", ("城市管理",)),  # 环境卫生 is no 卫生局
    ("某省营商环境建设局", ("行政审批",)),  # 辽宁's 政务服务 body
    ("某县乡村振兴局", ("乡村振兴", "农业农村")), ("某县扶贫开发办公室", ("乡村振兴", "农业农村")),  # merged in 2023–24
    ("某市民政局优抚安置科", ("民政", "退役军人事务")),  # a division named for a matter a reform moved
    ("某市军队转业干部安置办公室", ("退役军人事务",)), ("某市公安局交通警察支队", ("公安",)),
    ("某市互联网信息办公室", ("网络安全和信息化",)), ("某县人工影响天气办公室", ("气象",)),
    ("某市海洋发展局", ("农业农村", "自然资源")),  # a coastal city's heir of the 海洋与渔业局 keeps 渔业 too
    ("某市商务和投资促进局", ("商务", "投资促进")), ("某县招商引资服务中心", ("投资促进",)),
    ("某县政府办", ("人民政府办公室",)), ("某市公共资源交易中心", ("公共资源交易",)),
    ("某省住房和城乡建设厅城市管理监督局", ("住房和城乡建设", "城市管理")),  # a bureau the 厅 runs: its own work too
    ("某市自然资源和规划局某湖分局", ("自然资源",)),  # a branch is no bureau of its own
])
def test_a_merged_office_is_of_each_kind_its_own_name_gives(name, kinds):
    from docproc.reference import department_kinds

    assert department_kinds(name) == kinds


def test_a_merged_office_is_benchmarked_with_each_of_its_kinds():
    sport = _doc("甲县体育局主要职责：\n（一）负责全县全民健身工作，组织开展群众性体育活动。\n"
                 "（二）负责全县青少年业余训练和运动员选拔输送。\n", "甲县体育局.txt")
    merged = _doc("乙县教育体育局主要职责：\n（一）负责全县学前教育和义务教育管理。\n"
                  "（二）统筹全县全民健身工作，指导群众性体育活动的开展。\n", "乙县教育体育局.txt")
    education = _doc("丙县教育局主要职责：\n（一）统筹管理全县学前教育和义务教育。\n", "丙县教育局.txt")
    found = _benchmark([sport, merged, education])
    pairs = {frozenset((f"{f.a.file}:{f.a.no}", f"{f.b.file}:{f.b.no}")) for f in found}
    assert frozenset(("甲县体育局.txt:1", "乙县教育体育局.txt:2")) in pairs
    assert frozenset(("乙县教育体育局.txt:1", "丙县教育局.txt:1")) in pairs


def test_restatements_that_share_no_word_are_paired_on_the_passage_they_share():
    a = _doc("甲县水利局主要职责：\n（一）负责全县水资源统一管理。\n（二）负责全县水土保持工作。\n", "a.txt")
    b = _doc("乙县水利局主要职责：\n（一）负责全县水资源的统一管理和保护。\n"
             "（二）负责全县水土流失综合防治。\n", "b.txt")
    found = {(f.a.no, f.b.no): f for f in _benchmark([a, b])}
    assert (2, 2) in found, [(k, round(f.score, 3)) for k, f in found.items()]
    assert "水土" in found[(2, 2)].terms


def test_an_unreadable_feature_counts_as_the_average_pair_s():
    import numpy as np

    from docproc.benchmark import logistic, match_model

    for stage in ("first", "second"):
        mean = np.array([match_model()[stage]["mean"]])
        unknown = mean.copy()
        unknown[0, match_model()[stage]["features"].index("paths")] = np.nan  # two governments: no third department
        assert logistic(unknown, match_model()[stage])[0] == pytest.approx(logistic(mean, match_model()[stage])[0])


def test_a_duty_s_place_runs_from_the_first_of_its_list_to_the_last():
    import numpy as np

    from docproc.benchmark import list_places
    from docproc.findings import ItemRef

    def duty(department, no, division=None):
        return ItemRef("乙县", department, division, "divisions" if division else "duties", no, "负责")

    duties = [duty("甲局", 3), duty("甲局", 1), duty("甲局", 2), duty("甲局", 1, "办公室"), duty("甲局", 2, "办公室"),
              duty("丙局", 1)]
    place = list_places(duties)
    assert place[:3].tolist() == [1.0, 0.0, 0.5]  # by number, whatever order the duties came in
    assert np.isnan(place[3:]).all()  # a division's duties follow no template of the kind; a list of one


def test_a_pair_s_diagonal_is_the_better_score_of_the_pairs_just_before_and_just_after_it():
    import numpy as np

    from docproc.benchmark import diagonal

    lists = np.array([0, 0, 0, 1, 1, 1])  # two lists of three duties, each list's duties in their order
    i, j = np.array([0, 1, 2, 0]), np.array([3, 4, 5, 4])
    score = np.array([0.9, 0.2, 0.4, 0.7])
    assert diagonal(i, j, lists, score).tolist() == [0.2, 0.9, 0.2, 0.0]
    # the pair before the first duties and after the last ones is none; nor is a duty of the next list
    assert diagonal(np.array([2]), np.array([3]), lists, np.array([0.5])).tolist() == [0.0]


def test_a_feature_beyond_the_fitted_range_reads_as_the_range_s_end():
    import numpy as np

    from docproc.benchmark import logistic, match_model

    stage = match_model()["first"]
    high = np.array([stage["high"]])
    beyond = high + 5.0
    assert logistic(beyond, stage)[0] == pytest.approx(logistic(high, stage)[0])


def test_two_copies_of_one_list_pair_every_duty_whatever_else_is_compared():
    # a list and its traditional copy among other lists of the kind: each duty is its copy's best match
    # in every reading, however many third lists meet both (a sum of such meetings once ran past anything
    # the model was fitted on and sank the pair)
    duties = ["负责全县应急管理工作，组织编制应急体系建设规划",
              "负责安全生产综合监督管理和工矿商贸行业安全生产监督管理",
              "指导协调森林火灾、水旱灾害、地震和地质灾害防治工作", "负责应急救援队伍建设和应急物资储备"]
    text = "乙县应急管理局主要职责：\n" + "\n".join(f"（{n}）{d}。" for n, d in zip("一二三四", duties)) + "\n"
    import opencc

    copy = opencc.OpenCC("s2t").convert(text).replace("乙縣", "丙縣")
    others = [_doc(f"{place}县应急管理局主要职责：\n" + "\n".join(
        f"（{n}）{d}，{extra}。" for n, d in zip("一二三四", duties)) + "\n", f"{place}.txt")
        for place, extra in (("丁", "抓好落实"), ("戊", "做好相关工作"), ("己", "完成上级交办事项"))]
    found = {(f.a.file, f.a.no, f.b.file, f.b.no): f.score
             for f in _benchmark([_doc(text, "b.txt"), _doc(copy, "c.txt"), *others])}
    for no in range(1, 5):
        score = found.get(("b.txt", no, "c.txt", no), found.get(("c.txt", no, "b.txt", no)))
        assert score is not None and score > 0.9, (no, score)


def test_the_shipped_match_model_is_what_the_development_groups_give():
    import json

    from corpus import build_match_model
    from docproc.benchmark import MATCH_MODEL, MATTER_MODEL

    model, matter = build_match_model.build()
    assert model == json.loads(MATCH_MODEL.read_text("utf-8"))
    assert matter == json.loads(MATTER_MODEL.read_text("utf-8"))


@pytest.mark.parametrize("name, kind", [
    ("栖梧市机关事务服务中心", "机关事务管理"), ("栖梧市人民政府金融工作办公室", "地方金融监督管理"),
    ("栖霞县国防动员办公室", "人民防空"), ("栖梧市人民防空办公室", "人民防空"), ("栖霞县档案馆", "档案"),
])
def test_kinds_of_department_that_rename_often(name, kind):
    assert department_kind(name) == kind


@pytest.mark.parametrize("name, kind", [
    ("甲县妇联", "妇女联合会"), ("甲县工商业联合会", "工商业联合会"),
    ("甲市住房公积金管理中心甲县管理部", "住房公积金"), ("甲县党员教育中心", "组织部"),
    ("甲县社会治理综合服务中心", "政法委员会"), ("甲县监察委员会", "纪律检查委员会"),
])
def test_mass_organisations_and_party_departments_have_kinds(name, kind):
    from docproc.reference import department_kinds

    assert department_kinds(name)[0] == kind
