"""The 通报 and the 反馈意见 of a campaign without Flask or SQL (survey/campaigns/notice.py): problems
taken from feedback and 整改 entries and grouped, grade bands, what stops a 通报, and the Word
files read back with python-docx — the ranking table in order, grades, problems with counts and
units, 整改要求 with deadlines, each letter's unit, score and entries, the letters' .zip."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml.ns import qn

from survey.campaigns.notice import (
    Bands,
    CampaignNotice,
    NoticeError,
    NoticeOptions,
    RectificationItem,
    UnitResult,
    categorize,
    default_addressee,
    feedback_problems,
    letter_docx,
    letters_zip,
    notice_docx,
    readiness,
    typical_problems,
)
from survey.evaluation.evaluate import Grading

ISSUER = "示例市机构编制委员会办公室"
WATER, TRADE, TRANSPORT, EDUCATION = "示例市水利局", "示例市商务局", "示例市交通运输局", "示例市教育局"


def _facts(**changes) -> CampaignNotice:
    units = [
        UnitResult(WATER, 92.5, 1, "优秀", 0, {"职能配置": 95.0, "内设机构": 90.0}, True, [date(2026, 11, 3)],
                   "总体情况较好，但仍存在以下问题：一是河道采砂管理职责与自然资源局存在交叉；"
                   "二是内设机构职责边界不清，个别科室人员配备不足。\n建议进一步明确分工。",
                   [RectificationItem("河道采砂管理职责与自然资源局存在交叉", "提请编办明确分工", "办公室主任",
                                      date(2027, 3, 31))]),
        UnitResult(TRADE, 81.0, 2, "良好", 0, {"职能配置": 80.0, "内设机构": 82.0},
                   feedback="存在的问题：1.权责清单未及时调整；2.混编混岗问题仍未解决。"),
        UnitResult(TRANSPORT, 58.0, 3, "较差", 0, {"职能配置": 50.0, "内设机构": 66.0}, True,
                   feedback="未发现明显问题。",
                   rectifications=[RectificationItem("超职数配备副局长1名", "按规定消化", "局长", date(2027, 6, 30),
                                                     "整改中")]),
        UnitResult(EDUCATION, None, None, None, 3),
    ]
    values = {"government": "示例市", "campaign": "2026年度机构编制评估", "year": 2026, "system": "测试指标体系",
              "top_indicators": 2, "leaves": 3, "units": units, "rectify_due": date(2027, 3, 31)}
    values.update(changes)
    return CampaignNotice(**values)


def _options(**changes) -> NoticeOptions:
    values = {"issuer": ISSUER, "issued_on": date(2026, 12, 2), "addressee": "市直各有关单位",
              "number": "示编办[2026]12号", "contact": "张三，0000-1234567"}
    values.update(changes)
    return NoticeOptions(**values)


def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# --- problems and bands -----------------------------------------------------------------------------

def test_feedback_sentences_that_name_a_problem_are_taken_without_numbering():
    text = ("总体情况较好，但仍存在以下问题：一是河道采砂管理职责与自然资源局存在交叉；二是内设机构职责边界不清。\n"
            "（三）权责清单未及时调整。\n建议进一步明确分工。要加强学习。未发现违规违纪问题。")
    assert feedback_problems(text) == ["河道采砂管理职责与自然资源局存在交叉", "内设机构职责边界不清",
                                       "权责清单未及时调整"]
    assert feedback_problems("总体情况良好，各项工作扎实推进。") == []
    assert feedback_problems("") == []


@pytest.mark.parametrize("text, category", [
    ("河道采砂管理职责与自然资源局存在交叉", "职责交叉和协作配合"),
    ("内设机构职责边界不清，个别科室人员配备不足", "内设机构设置"),  # the subject comes first
    ("超职数配备副局长1名", "人员编制和领导职数"),
    ("混编混岗问题仍未解决", "人员编制和领导职数"),
    ("权责清单未及时调整", "职能配置和履职"),
    ("议事决策制度不健全", "工作机制和日常管理"),
    ("与相关部门配合不够", "职责交叉和协作配合"),  # a hint only
    ("办公用房紧张", "其他"),
])
def test_problems_are_put_in_categories_by_their_words(text, category):
    assert categorize(text) == category


def test_problems_are_grouped_with_counts_and_units_and_entries_are_not_counted_twice():
    groups = {group.category: group for group in typical_problems(_facts())}
    assert list(groups) == ["人员编制和领导职数", "职责交叉和协作配合", "内设机构设置", "职能配置和履职"]
    staffing = groups["人员编制和领导职数"]
    assert [(p.unit, p.text, p.source) for p in staffing.problems] == [
        (TRADE, "混编混岗问题仍未解决", "反馈意见"), (TRANSPORT, "超职数配备副局长1名", "整改台账")]
    assert staffing.units == [TRADE, TRANSPORT]
    # the feedback's sentence and the entry typed from it are one problem
    assert [(p.unit, p.source) for p in groups["职责交叉和协作配合"].problems] == [(WATER, "整改台账")]


def test_bands_are_checked_and_grade_like_the_evaluation():
    assert Bands().problems() == [] and Bands().grading() == Grading()
    assert Bands().describe() == "90分及以上为优秀，80分（含）至90分为良好，60分（含）至80分为一般，60分以下为较差"
    assert Bands(85, 85, 60).problems() == ["分数线应从高到低：优秀（85）高于良好（85），良好高于一般（60）"]
    assert Bands(120, 80, 60).problems() == ["优秀分数线应在 0 到 100 之间"]
    grading = Bands(85, 75, 60).grading()
    grades = [grading.grade(total, 1, 1) for total in (85, 84.99, 75, 60, 59.9)]
    assert grades == ["优秀", "良好", "良好", "一般", "较差"]


def test_options_are_checked_in_chinese():
    options = _options(number="十二号", issuer=" ", bands=Bands(70, 80, 60))
    assert options.problems() == ["请填写发文机关",
                                  "发文字号“十二号”应写作 机关代字〔年份〕序号号，如 示编办〔2026〕12号",
                                  "分数线应从高到低：优秀（70）高于良好（80），良好高于一般（60）"]
    assert default_addressee("示例市") == "市直各有关单位" and default_addressee("示例县") == "县直各有关单位"


def test_no_notice_without_units_or_scores():
    no_units = _facts(units=[])
    assert readiness(no_units) == ["评估活动“2026年度机构编制评估”尚未确定评估单位，不能生成通报："
                                   "请在“方案与设置”中手选或随机抽取评估单位。"]
    unscored = _facts(units=[UnitResult(WATER, missing=2), UnitResult(TRADE, missing=3)])
    [message] = readiness(unscored)
    assert "都还没有完成评分，无法排名，不能生成通报：示例市水利局（缺 2 项）、示例市商务局（缺 3 项）" in message
    for write in (lambda: notice_docx(unscored, _options()), lambda: letters_zip(unscored, _options()),
                  lambda: letter_docx(unscored, WATER, _options())):
        with pytest.raises(NoticeError) as raised:
            write()
        assert raised.value.errors == [message]
    with pytest.raises(NoticeError, match="发文字号“十二号”应写作"):
        notice_docx(_facts(), _options(number="十二号"))


# --- the 通报 ----------------------------------------------------------------------------------------

def test_the_notice_ranks_grades_lists_problems_and_asks_for_rectification():
    document = _open(notice_docx(_facts(), _options()))
    texts = _texts(document)
    assert texts[:4] == [ISSUER, "示编办〔2026〕12号", "关于2026年度机构编制评估情况的通报", "市直各有关单位："]
    assert texts[-3:] == [ISSUER, "二〇二六年十二月二日", "（联系人：张三，0000-1234567）"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、评估基本情况", "二、评估结果", "三、发现的主要问题", "四、整改要求"]
    body = "\n".join(texts)
    assert "依据“测试指标体系”（2个一级指标、3个末级指标）逐项评分" in body
    assert "示例市水利局、示例市交通运输局2个单位列入实地抽查，已完成实地抽查1个" in body
    assert "90分及以上为优秀，80分（含）至90分为良好，60分（含）至80分为一般，60分以下为较差" in body
    ranking, rectification = document.tables
    assert _rows(ranking) == [["名次", "单位", "得分", "等次"], ["1", WATER, "92.50", "优秀"],
                              ["2", TRADE, "81.00", "良好"], ["3", TRANSPORT, "58.00", "较差"]]
    assert "其中，优秀1个（示例市水利局）；良好1个（示例市商务局）；较差1个（示例市交通运输局）。" in texts
    assert "示例市教育局（缺3项）尚有指标未评分，暂不排名，评分完成后另行通报。" in texts
    assert "评估中共发现问题5个，涉及3个单位，主要集中在以下4个方面。" in texts
    groups = [p for p in document.paragraphs if p.style.name == "Heading 2" and "方面。" in p.text]
    assert [p.runs[0].text for p in groups] == ["（一）人员编制和领导职数方面。", "（二）职责交叉和协作配合方面。",
                                                 "（三）内设机构设置方面。", "（四）职能配置和履职方面。"]
    assert groups[0].runs[1].text == ("共2个问题，涉及2个单位（示例市商务局、示例市交通运输局）。主要有："
                                      "示例市商务局混编混岗问题仍未解决；示例市交通运输局超职数配备副局长1名。")
    assert _rows(rectification) == [["单位", "整改事项（项）", "已销号（项）", "整改时限"],
                                    [WATER, "1", "0", "2027年3月31日"], [TRANSPORT, "1", "0", "2027年6月30日"]]
    assert "本次评估共列入整改台账2项，涉及2个单位" in body
    assert "请各单位于2027年3月31日前将整改落实情况（整改报告及佐证材料）书面报送我办" in body
    fonts = {run._r.rPr.rFonts.get(qn("w:eastAsia")) for p in document.paragraphs for run in p.runs}
    assert fonts == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}


def test_the_bands_chosen_change_the_grades_shown():
    facts = _facts()
    bands = Bands(80, 70, 55)
    grading = bands.grading()
    for unit in facts.ranked:
        unit.grade = grading.grade(unit.total, unit.rank or 0, len(facts.ranked))
    document = _open(notice_docx(facts, _options(bands=bands)))
    assert [row[3] for row in _rows(document.tables[0])[1:]] == ["优秀", "优秀", "一般"]
    described = "80分及以上为优秀，70分（含）至80分为良好，55分（含）至70分为一般，55分以下为较差"
    assert described in "".join(_texts(document))


def test_without_red_header_number_entries_or_deadline():
    units = [UnitResult(WATER, 70.0, 1, "一般", feedback="总体情况良好。")]
    document = _open(notice_docx(_facts(units=units, rectify_due=None),
                                 _options(red_header=False, number="", title="关于示例市机构编制评估结果的通报")))
    texts = _texts(document)
    assert texts[:2] == ["关于示例市机构编制评估结果的通报", "市直各有关单位："]
    assert "评估中未发现需要通报的突出问题。" in texts
    assert len(document.tables) == 1 and "FF0000" not in document.element.xml
    assert any("请各单位在整改完成后及时将整改落实情况" in text for text in texts)


# --- the letters ---------------------------------------------------------------------------------------

def test_a_letter_names_its_unit_score_rank_grade_feedback_and_entries():
    document = _open(letter_docx(_facts(), WATER, _options()))
    texts = _texts(document)
    # the 版头 without a 发文字号: an empty line above the red rule (letters carry no 文号)
    assert texts[:4] == [ISSUER, "", "关于2026年度机构编制评估情况的反馈意见", "示例市水利局："]
    body = "\n".join(texts)
    assert "并于2026年11月3日进行了实地抽查" in body
    assert "你单位评估得分92.50分，在3个参加排名的单位中位列第1名，等次为“优秀”" in body
    assert "总体情况较好，但仍存在以下问题：一是河道采砂管理职责与自然资源局存在交叉；" in body
    assert "建议进一步明确分工。" in texts
    levels, entries = document.tables
    assert _rows(levels) == [["一级指标", "得分率"], ["职能配置", "95.0%"], ["内设机构", "90.0%"]]
    assert _rows(entries) == [["序号", "问题", "整改措施", "责任人", "整改时限"],
                              ["1", "河道采砂管理职责与自然资源局存在交叉", "提请编办明确分工", "办公室主任",
                               "2027年3月31日"]]
    assert "请你单位对照上述意见认真整改，于2027年3月31日前将整改落实情况（整改报告及佐证材料）书面报送我办" in body
    assert texts[-2] == "二〇二六年十二月二日" and "示编办" not in body  # letters carry no 发文字号
    unscored = "\n".join(_texts(_open(letter_docx(_facts(), EDUCATION, _options()))))
    assert "你单位尚有3项指标未评分，得分、排名和等次待评分完成后另行反馈。" in unscored
    assert "评估组未提出书面反馈意见。" in unscored
    with pytest.raises(NoticeError, match="“示例市公安局”不在本活动的评估范围内"):
        letter_docx(_facts(), "示例市公安局", _options())


def test_the_letters_come_one_file_per_unit_in_ranking_order():
    with zipfile.ZipFile(io.BytesIO(letters_zip(_facts(), _options()))) as archive:
        names = archive.namelist()
        assert names == ["01-示例市水利局反馈意见.docx", "02-示例市商务局反馈意见.docx",
                         "03-示例市交通运输局反馈意见.docx", "04-示例市教育局反馈意见.docx"]
        for name, unit, score in zip(names, (WATER, TRADE, TRANSPORT), ("92.50", "81.00", "58.00")):
            texts = _texts(_open(archive.read(name)))
            assert texts[3] == f"{unit}：" and any(f"你单位评估得分{score}分" in text for text in texts)
