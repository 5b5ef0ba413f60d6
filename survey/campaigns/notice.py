"""The 通报 at the end of a campaign and one 反馈意见 letter per unit, as Word 公文 (GB/T 9704).

What the seeds describe: 开封 ranks the departments and publishes the ranking (排名通报), 呼伦贝尔
feeds the result back to each department in writing and follows up its 整改. The office keeps
what it found as written feedback per unit and as 整改台账 entries; this module turns those and
the campaign's scores into the two documents. Pure: the facts come in as `CampaignNotice` (built
by `webapp.services.campaign_notice` or a test), the layout is `docproc.gongwen`.

Grades (等次) are by score lines, `Bands`, 优秀/良好/一般/较差, by default 90/80/60 (the
evaluation's own default, `survey.evaluation.evaluate.Grading`): a total at or above a line gets
that grade. The typical problems are the feedback's sentences that name a problem (and every
整改 entry), each put in one `CATEGORIES` group by its words, counted and named by unit.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

from docproc.gongwen import DocNumberError, Gongwen, doc_number

from ..evaluation.evaluate import Grading
from ..sheets import ListError

GRADES = ("优秀", "良好", "一般", "较差")
DEFAULT_LINES = (90.0, 80.0, 60.0)  # 优秀, 良好, 一般; below the last: 较差
MAX_EXAMPLES = 8  # problems quoted per category in the 通报 (the letters quote all of a unit's)
MAX_TEXT = {"title": 60, "addressee": 200, "issuer": 40, "contact": 100}
# Problem categories: (name, words that decide it, words that only hint at it). A problem goes to
# the category whose deciding word comes first in its text (the subject comes first in Chinese:
# 内设机构职责边界不清 is about divisions, 河道采砂管理职责与自然资源局存在交叉 about an overlap); a
# text without any deciding word goes to the first category, in this order, that it hints at.
CATEGORIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("职责交叉和协作配合", ("交叉", "重叠", "推诿", "扯皮", "多头", "职责边界", "监管空白", "分工不"),
     ("边界", "协作", "配合", "牵头", "协同", "衔接", "联动")),
    ("人员编制和领导职数", ("超编", "空编", "编外", "职数", "混编", "混岗", "借调", "编制使用", "人员配备", "超配",
                          "实名制", "行政编制", "事业编制", "人员编制"), ("编制", "人员")),
    ("内设机构设置", ("内设机构", "科室", "股室", "处室", "机构设置", "挂牌", "机构名称", "大科室", "议事协调"),
     ("机构",)),
    ("职能配置和履职", ("权责清单", "履职", "职能转变", "下放", "承接", "划转", "划入", "三定规定"),
     ("职能", "职责", "监管", "审批", "服务", "执法")),
    ("工作机制和日常管理", ("制度", "机制", "台账", "档案", "规程", "流程"), ("规范", "管理", "整改", "报送")),
)
OTHER = "其他"
# A sentence of feedback names a problem when it uses one of these words and none of the
# "nothing found" phrases; advice (建议…, 要…) and praise are left out.
_PROBLEM_WORDS = re.compile(
    "不[够足到清明全规实健完力畅一符严精细准及]|未|尚[未不无]|没有|缺|滞后|交叉|重叠|推诿|扯皮|多头|超[编职配审出]|"
    "混编|混岗|薄弱|有待|差距|空白|偏[多少低高弱]|违规|随意|欠缺|存在|失[职位]")
_NOTHING_FOUND = re.compile("未发现|没有发现|无明显|不存在|均已|已全部")
_ADVICE = ("建议", "请", "要", "应当", "应", "希望", "下一步", "今后", "务必", "须")
_ITEM_BREAK = re.compile(r"[\r\n；;]+|(?<=[。！？!?])")
_ENUMERATOR = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十]{1,3}[)）、.．]|[（(]?\d{1,2}[)）、.．]|[①-⑳]|[一二三四五六七八九十]{1,3}是|"
    r"第[一二三四五六七八九十]{1,3}[，,、]?|其[一二三四五六七八九十][，,、]?)\s*")
_LEAD_IN = re.compile(r"^[^，。：:]{0,12}(?:问题|不足|意见|方面|情况)[^，。：:]{0,4}[：:]")
_BUT = re.compile(r"^(?:总体|整体)[^，。]*[，,]\s*(?:但是?|不过)")
_TRAILING = "。；;，,、 \t"


class NoticeError(ListError):
    """A 通报 or letter that cannot be written, or options that are wrong; `errors` are Chinese."""


def plain_date(day: date) -> str:
    """A date in the body of a 公文: 2027年3月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Bands:
    """Score lines of the grades: at or above `excellent` 优秀, `good` 良好, `fair` 一般, below 较差."""
    excellent: float = DEFAULT_LINES[0]
    good: float = DEFAULT_LINES[1]
    fair: float = DEFAULT_LINES[2]

    def problems(self) -> list[str]:
        lines = (self.excellent, self.good, self.fair)
        found = [f"{name}分数线应在 0 到 100 之间" for name, line in zip(GRADES, lines) if not 0 <= line <= 100]
        if not found and not self.excellent > self.good > self.fair:
            found.append(f"分数线应从高到低：优秀（{self.excellent:g}）高于良好（{self.good:g}），"
                         f"良好高于一般（{self.fair:g}）")
        return found

    def grading(self) -> Grading:
        return Grading(thresholds={"优秀": self.excellent, "良好": self.good, "一般": self.fair}, lowest="较差")

    def describe(self) -> str:
        """The bands in words, as the 通报 states them."""
        return (f"{self.excellent:g}分及以上为优秀，{self.good:g}分（含）至{self.excellent:g}分为良好，"
                f"{self.fair:g}分（含）至{self.good:g}分为一般，{self.fair:g}分以下为较差")


@dataclass
class NoticeOptions:
    """What the office chooses for one 通报 and its letters (nothing of it is stored)."""
    issuer: str  # 发文机关署名, e.g. 示例市机构编制委员会办公室
    issued_on: date  # 成文日期
    addressee: str = "各有关单位"  # 主送机关 of the 通报 (each letter goes to its unit)
    number: str = ""  # 发文字号, e.g. 示编办〔2026〕12号; empty: none
    red_header: bool = True  # 版头: the issuer in red with the red rule
    title: str = ""  # empty: 关于<campaign>情况的通报
    contact: str = ""  # 附注: 联系人及电话
    bands: Bands = field(default_factory=Bands)

    def problems(self) -> list[str]:
        """What is wrong with the options, in Chinese (empty: none); a good 发文字号 is put in its
        standard form on the way (`示编办[2026]012号` → `示编办〔2026〕12号`)."""
        found = []
        labels = {"issuer": "发文机关", "addressee": "主送机关", "title": "标题", "contact": "联系人"}
        for name, label in labels.items():
            value = getattr(self, name).strip()
            if name in ("issuer", "addressee") and not value:
                found.append(f"请填写{label}")
            elif len(value) > MAX_TEXT[name]:
                found.append(f"{label}不超过 {MAX_TEXT[name]} 字")
        if self.number.strip():
            try:
                self.number = doc_number(self.number)
            except DocNumberError as error:
                found.append(str(error))
        return found + self.bands.problems()

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise NoticeError(errors)


@dataclass
class RectificationItem:
    """A 整改台账 entry raised for the unit in the campaign."""
    problem: str
    measure: str
    owner: str
    due: date
    status: str = "待整改"
    number: int | None = None


@dataclass
class UnitResult:
    """One unit in scope: its score, rank and grade (None while a leaf is missing), the office's
    feedback and its 整改 entries."""
    unit: str
    total: float | None = None
    rank: int | None = None
    grade: str | None = None
    missing: int = 0  # leaves without a score
    first_level: dict[str, float | None] = field(default_factory=dict)  # share reached, 0–100
    on_site: bool = False
    visits: list[date] = field(default_factory=list)
    feedback: str = ""
    rectifications: list[RectificationItem] = field(default_factory=list)
    not_evaluated: str = ""  # why the evaluation has no result for it at all (no parsed 三定)


@dataclass
class CampaignNotice:
    """What the 通报 and the letters say: the campaign, its system and every unit in scope."""
    government: str
    campaign: str
    year: int
    system: str
    top_indicators: int
    leaves: int
    units: list[UnitResult]
    rectify_due: date | None = None  # the 整改 phase's deadline

    @property
    def ranked(self) -> list[UnitResult]:
        return sorted((u for u in self.units if u.total is not None), key=lambda u: (u.rank or 0, u.unit))

    @property
    def unranked(self) -> list[UnitResult]:
        return [u for u in self.units if u.total is None]

    def ordered(self) -> list[UnitResult]:
        """The units as the 通报 and the letters' zip list them: by rank, then those not ranked."""
        return self.ranked + sorted(self.unranked, key=lambda u: u.unit)

    def unit(self, name: str) -> UnitResult:
        found = next((u for u in self.units if u.unit == name), None)
        if found is None:
            raise NoticeError([f"“{name}”不在本活动的评估范围内"])
        return found

    def report_by(self, unit: UnitResult | None = None) -> date | None:
        """The day 整改 is to be reported by: the 整改 phase's deadline, else the latest due date of
        the entries (the unit's, or everyone's)."""
        if self.rectify_due is not None:
            return self.rectify_due
        entries = unit.rectifications if unit else [e for u in self.units for e in u.rectifications]
        return max((entry.due for entry in entries), default=None)


def readiness(facts: CampaignNotice) -> list[str]:
    """Why no 通报 can be written yet (empty: it can): no unit in scope, or none with every leaf
    scored — a 通报 without a ranking is not one."""
    if not facts.units:
        return [f"评估活动“{facts.campaign}”尚未确定评估单位，不能生成通报：请在“方案与设置”中手选或随机抽取评估单位。"]
    if facts.ranked:
        return []
    waiting = "、".join(f"{u.unit}（{u.not_evaluated or f'缺 {u.missing} 项'}）" for u in facts.units)
    return [f"评估活动“{facts.campaign}”的评估单位都还没有完成评分，无法排名，不能生成通报：{waiting}。"
            "请先在“评估打分”中完成各单位的评分。"]


def _check(facts: CampaignNotice, options: NoticeOptions) -> None:
    errors = options.problems() + readiness(facts)
    if errors:
        raise NoticeError(errors)


# --- typical problems ---------------------------------------------------------------------------

@dataclass
class Problem:
    unit: str
    text: str
    source: str  # 反馈意见 or 整改台账
    category: str = OTHER


@dataclass
class ProblemGroup:
    category: str
    problems: list[Problem]

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(problem.unit for problem in self.problems))


def categorize(text: str) -> str:
    """The category whose deciding word comes first in the text, else the first one it hints at,
    else 其他."""
    first: tuple[int, int, str] | None = None
    for order, (name, deciding, _hints) in enumerate(CATEGORIES):
        for word in deciding:
            at = text.find(word)
            if at >= 0 and (first is None or (at, order) < first[:2]):
                first = (at, order, name)
    if first is not None:
        return first[2]
    return next((name for name, _deciding, hints in CATEGORIES if any(word in text for word in hints)), OTHER)


def feedback_problems(text: str) -> list[str]:
    """The sentences (or numbered items) of a feedback text that name a problem, without their
    numbering and lead-ins (`存在的问题：一是…；二是…。建议…` gives the two items)."""
    found = []
    for piece in _ITEM_BREAK.split(text or ""):
        item = _BUT.sub("", piece.strip()).strip()
        item = _LEAD_IN.sub("", item).strip()
        item = _ENUMERATOR.sub("", item).strip().strip(_TRAILING)
        if len(item) < 6 or item.startswith(_ADVICE) or _NOTHING_FOUND.search(item):
            continue
        if _PROBLEM_WORDS.search(item):
            found.append(item)
    return found


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def unit_problems(unit: UnitResult) -> list[Problem]:
    """A unit's problems: each 整改 entry, and each problem sentence of the feedback that no entry
    already states (an entry is usually the feedback's sentence typed into the ledger)."""
    entries = [Problem(unit.unit, entry.problem.strip().strip(_TRAILING), "整改台账") for entry in unit.rectifications
               if entry.problem.strip()]
    keys = [_key(problem.text) for problem in entries]
    found = []
    for text in feedback_problems(unit.feedback):
        key = _key(text)
        if key and not any(key in other or other in key for other in keys):
            found.append(Problem(unit.unit, text, "反馈意见"))
            keys.append(key)
    for problem in found + entries:
        problem.category = categorize(problem.text)
    return found + entries


def typical_problems(facts: CampaignNotice) -> list[ProblemGroup]:
    """Every unit's problems grouped by category, the largest group first (其他 last)."""
    groups: dict[str, list[Problem]] = {}
    for unit in facts.ordered():
        for problem in unit_problems(unit):
            groups.setdefault(problem.category, []).append(problem)
    order = [name for name, _deciding, _hints in CATEGORIES] + [OTHER]
    return sorted((ProblemGroup(name, problems) for name, problems in groups.items()),
                  key=lambda group: (group.category == OTHER, -len(group.problems), order.index(group.category)))


# --- the 通报 ------------------------------------------------------------------------------------

def _in_title(facts: CampaignNotice) -> str:
    """The campaign as a title names it: with its year (`2026年度机构编制评估`)."""
    return facts.campaign if re.search(r"\d{4}", facts.campaign) else f"{facts.year}年度{facts.campaign}"


def default_title(facts: CampaignNotice) -> str:
    return f"关于{_in_title(facts)}情况的通报"


def letter_title(facts: CampaignNotice) -> str:
    return f"关于{_in_title(facts)}情况的反馈意见"


def default_issuer(government: str) -> str:
    """The government's staffing office, e.g. 示例市机构编制委员会办公室."""
    return f"{government}机构编制委员会办公室"


def default_addressee(government: str) -> str:
    """市直/县直/区直各有关单位 by the government's name, else 各有关单位."""
    level = next((suffix for suffix in ("市", "县", "区", "旗") if government.endswith(suffix)), "")
    return f"{level}直各有关单位" if level else "各有关单位"


def we(issuer: str) -> str:
    """How the issuer calls itself in the text: 我办 (an office), 我委 (a committee)."""
    if issuer.endswith(("办公室", "编办")):
        return "我办"
    return "我委" if issuer.endswith("委员会") else "我单位"


def _names(units: list[UnitResult] | list[str]) -> str:
    return "、".join(u if isinstance(u, str) else u.unit for u in units)


def _head(document: Gongwen, options: NoticeOptions, title: str, addressee: str, *, number: bool) -> None:
    if options.red_header:
        document.red_header(options.issuer, options.number if number else None)
    elif number and options.number:
        document.number_line(options.number)
    document.title(title)
    document.addressee(addressee)


def _foot(document: Gongwen, options: NoticeOptions) -> None:
    document.signature(options.issuer, options.issued_on)
    if options.contact.strip():
        document.note(f"联系人：{options.contact.strip()}")


def notice_docx(facts: CampaignNotice, options: NoticeOptions) -> bytes:
    """The 通报 (.docx): how the evaluation was done, the ranking with grades, the typical problems
    by category, the 整改要求 with their deadlines; NoticeError when it cannot be written."""
    _check(facts, options)
    title = options.title.strip() or default_title(facts)
    document = Gongwen(author=options.issuer, title=title)
    _head(document, options, title, options.addressee, number=True)
    _introduction(document, facts, options)
    _results(document, facts, options)
    _problems(document, facts)
    _requirements(document, facts, options)
    _foot(document, options)
    return document.to_bytes()


def _introduction(document: Gongwen, facts: CampaignNotice, options: NoticeOptions) -> None:
    site = [u for u in facts.units if u.on_site]
    document.paragraph(
        f"按照{_in_title(facts)}工作安排，{we(options.issuer)}对{len(facts.units)}个单位开展了机构编制评估。"
        f"评估采取单位自查自评、实地抽查和评估打分相结合的方式，依据“{facts.system}”"
        f"（{facts.top_indicators}个一级指标、{facts.leaves}个末级指标）逐项评分。现将有关情况通报如下。")
    document.heading1("一、评估基本情况")
    text = f"本次评估的单位共{len(facts.units)}个：{_names(facts.ordered())}。"
    if site:
        visited = [u for u in site if u.visits]
        text += f"其中，{_names(site)}{len(site)}个单位列入实地抽查，已完成实地抽查{len(visited)}个。"
    text += f"{len(facts.ranked)}个单位完成了全部指标评分"
    text += f"，{len(facts.unranked)}个单位尚有指标未评分，暂不排名。" if facts.unranked else "。"
    document.paragraph(text)


def _results(document: Gongwen, facts: CampaignNotice, options: NoticeOptions) -> None:
    document.heading1("二、评估结果")
    document.paragraph(f"评估结果按得分分为优秀、良好、一般、较差四个等次：{options.bands.describe()}。"
                       "各单位得分和等次如下（按得分从高到低排列）：", keep_with_next=True)
    document.table(["名次", "单位", "得分", "等次"],
                   [[u.rank, u.unit, f"{u.total:.2f}", u.grade] for u in facts.ranked], [1.2, 6, 1.6, 1.4],
                   centred=(0, 2, 3))
    counts = [(grade, [u for u in facts.ranked if u.grade == grade]) for grade in GRADES]
    document.paragraph("其中，" + "；".join(f"{grade}{len(units)}个（{_names(units)}）"
                                          for grade, units in counts if units) + "。")
    if facts.unranked:
        waiting = "、".join(f"{u.unit}（{u.not_evaluated or f'缺{u.missing}项'}）" for u in facts.unranked)
        document.paragraph(f"{waiting}尚有指标未评分，暂不排名，评分完成后另行通报。")


def _problems(document: Gongwen, facts: CampaignNotice) -> None:
    document.heading1("三、发现的主要问题")
    groups = typical_problems(facts)
    if not groups:
        document.paragraph("评估中未发现需要通报的突出问题。")
        return
    total = sum(len(group.problems) for group in groups)
    units = {problem.unit for group in groups for problem in group.problems}
    document.paragraph(f"评估中共发现问题{total}个，涉及{len(units)}个单位，主要集中在以下{len(groups)}个方面。")
    for number, group in enumerate(groups):
        shown = group.problems[:MAX_EXAMPLES]
        examples = "；".join(f"{problem.unit}{problem.text}" for problem in shown)
        more = "等" if len(group.problems) > len(shown) else ""
        document.heading2(f"（{_ORDINALS[number]}）{group.category}方面。",
                          f"共{len(group.problems)}个问题，涉及{len(group.units)}个单位（{_names(group.units)}）。"
                          f"主要有：{examples}{more}。")


def _requirements(document: Gongwen, facts: CampaignNotice, options: NoticeOptions) -> None:
    document.heading1("四、整改要求")
    entries = [(u, e) for u in facts.ordered() for e in u.rectifications]
    text = "各被评估单位要对照书面反馈意见，逐项制定整改措施，明确责任人和整改时限，整改一项、销号一项。"
    if entries:
        units = list(dict.fromkeys(u.unit for u, _e in entries))
        text += f"本次评估共列入整改台账{len(entries)}项，涉及{len(units)}个单位，各单位整改时限如下："
    document.heading2("（一）认真抓好问题整改。", text)
    if entries:
        rows = []
        for unit in facts.ordered():
            if unit.rectifications:
                dues = sorted(entry.due for entry in unit.rectifications)
                closed = sum(1 for entry in unit.rectifications if entry.status == "已销号")
                span = plain_date(dues[0]) if dues[0] == dues[-1] else f"{plain_date(dues[0])}至{plain_date(dues[-1])}"
                rows.append([unit.unit, len(unit.rectifications), closed, span])
        document.table(["单位", "整改事项（项）", "已销号（项）", "整改时限"], rows, [5, 2, 2, 4.4], centred=(1, 2))
    report_by = facts.report_by()
    if report_by:
        text = (f"请各单位于{plain_date(report_by)}前将整改落实情况（整改报告及佐证材料）书面报送{we(options.issuer)}；"
                "整改时限早于该日期的事项，应在其整改时限内完成。")
    else:
        text = f"请各单位在整改完成后及时将整改落实情况（整改报告及佐证材料）书面报送{we(options.issuer)}。"
    document.heading2("（二）按时报送整改情况。", text)
    document.heading2("（三）强化评估结果运用。",
                      "评估结果将作为调整机构编制事项和加强日常机构编制管理的重要依据。"
                      f"对整改不到位的单位，{we(options.issuer)}将跟踪督促，并在下一轮评估中重点核查。")


_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


# --- the letters ---------------------------------------------------------------------------------

def letter_docx(facts: CampaignNotice, unit_name: str, options: NoticeOptions) -> bytes:
    """The 反馈意见 to one unit (.docx): its score, rank and grade, the office's feedback, its 整改
    entries with their due dates and the day to report 整改 by."""
    _check(facts, options)
    unit = facts.unit(unit_name)
    title = letter_title(facts)
    document = Gongwen(author=options.issuer, title=f"{unit.unit}{title}")
    _head(document, options, title, unit.unit, number=False)
    visits = f"，并于{'、'.join(plain_date(day) for day in unit.visits)}进行了实地抽查" if unit.visits else ""
    document.paragraph(f"按照{_in_title(facts)}工作安排，{we(options.issuer)}对你单位开展了机构编制评估{visits}。"
                       "现将评估情况反馈如下。")
    document.heading1("一、评估得分和等次")
    if unit.total is None:
        why = unit.not_evaluated or f"尚有{unit.missing}项指标未评分"
        document.paragraph(f"你单位{why}，得分、排名和等次待评分完成后另行反馈。")
    else:
        document.paragraph(f"你单位评估得分{unit.total:.2f}分，在{len(facts.ranked)}个参加排名的单位中"
                           f"位列第{unit.rank}名，等次为“{unit.grade}”（{options.bands.describe()}）。")
        document.paragraph("各一级指标得分率如下：", keep_with_next=True)
        document.table(["一级指标", "得分率"],
                       [[name, "—" if share is None else f"{share:.1f}%"] for name, share in unit.first_level.items()],
                       [6, 2], centred=(1,))
    document.heading1("二、存在的问题和意见")
    lines = [line.strip() for line in unit.feedback.splitlines() if line.strip()]
    for line in lines or ["评估组未提出书面反馈意见。"]:
        document.paragraph(line)
    document.heading1("三、整改要求")
    if unit.rectifications:
        document.paragraph("以下问题已列入整改台账，请逐项整改：", keep_with_next=True)
        document.table(["序号", "问题", "整改措施", "责任人", "整改时限"],
                       [[n, e.problem, e.measure, e.owner, plain_date(e.due)]
                        for n, e in enumerate(unit.rectifications, start=1)], [1.3, 4.6, 3.3, 2.4, 4], centred=(0,))
    report_by = facts.report_by(unit)
    when = f"于{plain_date(report_by)}前" if report_by else "在整改完成后及时"
    what = "对照上述意见认真整改，" if unit.rectifications else "对照上述意见认真研究改进，"
    document.paragraph(f"请你单位{what}{when}将整改落实情况（整改报告及佐证材料）书面报送{we(options.issuer)}"
                       + ("，整改一项、销号一项。" if unit.rectifications else "。"))
    _foot(document, options)
    return document.to_bytes()


def letter_file_name(number: int, unit: str) -> str:
    return f"{number:02d}-{unit}反馈意见.docx"


def letters_zip(facts: CampaignNotice, options: NoticeOptions) -> bytes:
    """Every unit's letter, one .docx each, in a .zip: `01-<unit>反馈意见.docx` in ranking order.

    One file per letter rather than one .docx with a page break between letters: each letter is
    its own 公文 to its own unit — sent through the OA system or handed over, filed in that unit's
    档案 — and 公文 are printed double-sided. A single .docx cannot keep letters off each other's
    sheets: Word and LibreOffice choose the "odd page" a section starts on by its page number,
    which restarts at 1 for every letter, so one letter's first page would be printed on the back
    of the previous letter's last. Separate files each start on a sheet of their own, numbered
    from 1."""
    _check(facts, options)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, unit in enumerate(facts.ordered(), start=1):
            archive.writestr(letter_file_name(number, unit.unit), letter_docx(facts, unit.unit, options))
    return buffer.getvalue()
