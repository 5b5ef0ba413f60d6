"""From logical lines to a Document: title, wrapper, sections, items, staffing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import document_year, effective_date
from .han import HAN
from .labels import SOLID_BULLETS, Label, match_label, split_inline
from .list_layouts import TERMINAL as _TERMINAL
from .list_layouts import with_list_layouts_read
from .model import Change, Division, Document, Duty, LabourDivision, RawText
from .names import (
    NAME_ONLY_LINE,
    NEXT_FIELD,
    NOT_PLACE_STARTS,
    ORG_END,
    SIGN_NOTE,
    abbreviates,
    department_from_budget_title,
    department_from_file_name,
    department_from_page_chrome,
    department_from_running_title,
    department_from_text,
    department_from_title,
    department_mentions,
    find_departments,
    government_of,
    is_plain_place,
    is_self_reference,
    is_short_for,
    looks_like_org,
    qualify_department,
    signs_carried,
    spelled_out,
    with_broken_start,
)
from .normalize import for_matching, is_traditional
from .numerals import to_chinese, to_int
from .read.pdf import BUDGET_RUNNING_HEAD, COLLECTION_HEAD, RULES_TITLE
from .read.text import without_markdown_marks
from .staffing import parse_staffing

BOILERPLATE = re.compile(r"(?:交办|交代|安排|部署|布置|交付|交给|决定)的其[他它](?:工作)?(?:任务|事项|工作|事宜)|"
                         r"^(?:完成|办理|承办).{0,30}交办$|"
                         # a portal's heading-only list: `县委县政府交办事项`, `其他交办事项`
                         r"^(?:完成)?(?:其他)?交办(?:的)?(?:其他)?(?:事项|任务|工作)[。；;]?$|"
                         r"^(?:[省市县区州旗]委|[省市县区州旗]政府|[省市县区州旗]人民政府|上级)[^。；;，,]{0,12}交办"
                         r"(?:的)?(?:其他)?(?:事项|任务|工作)[。；;]?$")
_TITLE = re.compile(r"(职能配置|主要职责|内设机构|人员编制|机构职能|职能转变|职能).{0,30}(规定|方案)|"
                    rf"^[{HAN}]{{2,30}}?机构编制(?:实施)?方案$|"  # `区博物馆机构编制方案`
                    rf"^[{HAN}]{{2,30}}?[“\"]三定[”\"](?:规定|方案)$|"
                    r"事业单位改革(?:实施)?方案$|"  # `X站事业单位改革方案`: the unit's new duties
                    rf"^[{HAN}]{{2,40}}?职[责能]范围$|职[责能]范围》")  # an old notice's `中共X县委农村工作部职责范围`
_NOTICE = re.compile(r"关于.*(印发|调整|设立|成立|明确).*(通知|决定|批复)|通知$")
_ADJUSTMENT_NOTICE = re.compile(r"关于调整.{2,40}?(职责|职能|机构|编制).{0,20}(通知|决定)")
_WRAPPER = (
    re.compile(rf"^[{HAN}]{{1,10}}[〔\[［（(【][\d〇○零一二三四五六七八九]{{2,4}}[〕\]］）)】]?\s*\d+\s*号$"),
    re.compile(r"^[\d〇○零一二三四五六七八九十]{2,4}\s*年[\d〇○零一二三四五六七八九十XＸ\s]{1,3}月"  # (`X月X日` masked)
               r"[\d〇○零一二三四五六七八九十XＸ\s]{1,3}日$"),
    # (not a chat's `各位网格员：按…要求，X中心职责已上墙，内容如下，请熟悉：`, which leads the list)
    re.compile(r"^各(?!.*(?:如下|以下))[^:：]{2,80}[:：]$"),
    re.compile(r"现予印发|现印发给你们|请认真贯彻执行|请遵照执行"),
    re.compile(r"^[（(]注[：:][^（）()]{2,60}[)）]$"),  # a transcriber's note under the text
    re.compile(r"^妥否[，,]?请(?:审定|批示|审批|审阅|指示|审核)[。.]?$"),  # a report's close
    re.compile(r"^抄送|^抄报|^[（(]此件.{0,10}[）)]$|^发布机关|^发布日期|^成文日期|^索引号|^特此通知|^此复"),
    # a page's `更新时间：2012年4月` on a line of its own
    re.compile(r"^(?:更新|发布)(?:时间|日期)[：:]\s*[\d〇○零一二三四五六七八九]{4}[^。；;，,：:]{0,20}$"),
    re.compile(r"^[（(]?(?:请)?点击[^。；;]{0,30}?(?:查看|阅读|浏览|下载)[^。；;]{0,20}?[）)]?$"),  # a page's hint
    # a portal's byline: `信息来源：厅办公室　更新时间：…　浏览次数：…　【打印】`
    re.compile(r"^(?:信息|文章|稿件)?来源[：:][^。；;]{0,80}?(?:浏览次数|点击数|阅读数|访问量|【打印】)"),
    re.compile(r"^[—\-－–]{2,}[^—\-－–]{2,40}[—\-－–]{2,}$"),  # `——以上内容以印发文本为准——`
)
_UNIT_NAME = re.compile(
    rf"^([{HAN}（）()、]{{2,24}}?(?:委员会|党委|党组|办公室|办公厅|处|科|股|司|局|室|中心|队|组|所|站|厅|部))"
    r"(?:[（(][^）)]{1,16}[）)])?")
_DUTY_VERB = re.compile(r"^(负责|拟订|拟定|组织|承担|贯彻|研究|指导|监督|管理|制定|参与|协调|会同|依法|统筹|推进|"
                        r"起草|编制|落实|牵头|审核|做好|协助|主管|综合|建立|完善|开展|实施|推动|宣传|办理|督促|受理|登记|联系)")
_SECTION_WORDS = (
    ("labour", re.compile(r"有关职责分工|职责分工")),
    ("changes", re.compile(r"职责调整|职能转变|职能调整|职责划转|机构职能调整|职能变动|职责变动")),
    ("duties", re.compile(r"主要职责|主要职能|职责任务|主要任务|"
                          r"^本(?:会|局|站|所|中心|办|委|社|馆)的?(?:(?:工作|主要)?任务|(?:主要)?职[责能])[：:]?$")),
    ("divisions", re.compile(r"内设机构|机构设置|^办事机构$|内设(?:科室|股室|处室|部门)|科室设置")),
    ("staffing", re.compile(r"人员编制|编制和领导职数|领导职数|行政编制")),
    ("other", re.compile(r"其他事项|其它事项|附则|附\s*则|其他$")),
)
_CHANGE_KINDS = (
    ("划入", re.compile(r"划入|并入|转入|承接")),
    ("划出", re.compile(r"划出|划给|划归|交给|交由|移交|划转")),
    ("取消", re.compile(r"取消")),
    ("下放", re.compile(r"下放")),
    ("整合", re.compile(r"整合")),
    ("加强", re.compile(r"加强|强化|增加|增强")),
)


@dataclass
class Line:
    orig: str
    key: str


@dataclass
class Item:
    """A labelled item with the lines that continue it."""
    label: Label | None
    label_orig: str
    orig: str
    key: str
    subs: list["Item"] = field(default_factory=list)
    head: str = ""  # key of the item's first line (a division's name often stands alone)

    def __post_init__(self) -> None:
        self.head = self.head or self.key

    def append(self, orig: str, key: str) -> None:
        joiner = " " if self.orig[-1:].isascii() and orig[:1].isascii() and self.orig[-1:].isalnum() else ""
        self.orig += joiner + orig
        self.key += joiner + key


@dataclass
class Section:
    name: str
    intro: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    level: int | None = None
    opener: str = ""  # the heading or lead line that opened the section


def build_document(raw: RawText, file: str) -> Document:
    """Assemble the Document for one file from its lines."""
    raw = without_markdown_marks(raw)
    prepared = _prepare_lines(raw)
    unsigned = _without_signature(prepared)
    signer = _signer(prepared, unsigned)
    lines, compiled_department, compiled = _first_compiled_department(unsigned)
    if compiled_department is None:
        lines = _up_to_the_next_rules(lines)
    dangling = _DANGLING_LABEL.search(lines[-1].key) if lines else None
    if dangling and dangling.start() == 0:
        lines.pop()
    elif dangling:
        lines[-1] = Line(lines[-1].orig[:dangling.start()], lines[-1].key[:dangling.start()])
    found = effective_date(raw.lines)
    doc = Document(file=file, format=raw.format, pages=raw.pages, warnings=list(raw.warnings), ocr=list(raw.ocr),
                   effective_date=found.isoformat() if found else None, document_year=document_year(raw.lines))
    if compiled:
        doc.warnings.append(f"文本是多个部门职责的汇编：只读入第一个完整的部门，其后 {compiled} 个部门未读入，"
                            "请分开上传")
    doc.traditional = is_traditional("".join(line.orig for line in lines[:400]))
    title_index, notice_index = _find_title(lines)
    department = compiled_department
    for index in (title_index, notice_index):
        if index is not None:
            doc.title = doc.title or lines[index].orig
            named = _title_name(lines, index)
            if department is None or named and government_of(department) is None and government_of(named) and \
                    abbreviates(department, named):
                department = named  # `市计委…方案` under the notice that issues `骸州市计划委员会…方案`
    if department and government_of(department) is None:
        # an e-mail's subject `主题：转发：市委宣传部职能配置方案` over the 三定 it forwards, titled in full
        department = next((name for line in lines[:40] if (name := _rules_title_name(line.key)) and
                           government_of(name) and abbreviates(department, name)), department)
    if department is None:
        department = department_from_running_title("".join(line.key for line in lines[:40]))
    if department is None and title_index is None:
        department = department_from_budget_title([line.key for line in lines[:41]])
    start = (title_index if title_index is not None else
             notice_index if notice_index is not None else -1) + 1
    body = [line for line in lines[start:] if not _is_wrapper(line.key)]
    labour_document = any("职责分工" in line.key and _NOTICE.search(line.key) for line in lines[:5])
    sections = _sectionize(body, labour_document)
    keys = [line.key for line in body[:60] if not _LINKS_LINE.match(line.key)]
    department = _signed_in_full(_department_named_elsewhere(department, keys, lines, raw, file), signer, keys)
    head = [line.key for line in prepared[:80]]
    department = _without_its_short_name(spelled_out(department, head) or _named_by_lead(sections, keys, head))
    if department and _ISSUING_COMMITTEE.fullmatch(department.removeprefix("中共")
                                                   .removeprefix(government_of(department) or "")):
        # `中共X县委员会` over `关于开展党史资料征集工作的暂行办法`, whose list is led `县委党史办的主要任务是：`:
        # the committee issues the rules, the body the lead names carries the duties
        department = _named_by_lead(sections, keys, head) or department
    doc.department = department
    # the title's note of a sign (`X局（挂Y牌子）`) too
    doc.signs = signs_carried([line.key for line in lines[:start][-3:] + body[:40]], department)
    doc.department_original = _original_of(department, lines)
    doc.government = _document_government(department, keys, [line.key for line in lines[:60]] +
                                          [for_matching(text) for text in raw.lines[-8:]],  # a footer's 主办 too
                                          file)
    _fill(doc, sections)
    if department and _lacks_its_list(doc, body):
        led_body, led_sections = _body_with_led_list(body, labour_document, sections)
        if led_body is not body:
            body, sections = led_body, led_sections
            doc.duties, doc.changes, doc.divisions_of_labour, doc.divisions = [], [], [], []
            _fill(doc, sections)  # afresh: the divisions and 职责分工 read before are read again
    _mark_incomplete(doc, sections, body)
    if dangling:
        doc.warnings.append("文本在末尾中断：最后一项只剩编号")
    _add_warnings(doc, sections, title_index is not None or notice_index is not None)
    doc.relations = _relations(doc, raw)
    return doc


# A body's profile that gives its duties under no heading, after a lead: `着力抓好以下四项工作：`,
# `重点做好以下几方面：`. A notice's `现将有关事项通知如下：` leads no duty list.
_MOVES_DUTIES = r"(?:划入|划出|划转|调整(?!好|完)|取消|下放)"
_NO_CHANGE = rf"^(?!.*{_MOVES_DUTIES})"  # (a line that moves duties leads no list of them)
_LIST_LEAD = re.compile(r"^(?!.*(?:划入|划出|划转|划给|调整(?!后)|移交|取消|下放|整合(?!后)|通知|决定|函复|报告))"
                        r".*(?:以下|如下|下列)(?:[一二三四五六七八九十几\d]+)?(?:项|个|大)?(?:方面)?(?:法定)?"
                        r"(?:工作|职责|职能|任务|使命|方面|内容(?:答复|回复|介绍)?)"
                        # (a chat's `…今后负责以下工作，请各村建设专干转给村两委：`)
                        r"(?:[，,][^。，,；;：:]{1,16})?[：:]$|"
                        # a report's `现将县消协的工作任务报告如下：`
                        rf"{_NO_CHANGE}.*(?:职[责能]|工作任务|主要任务)(?:报告|汇报)如下[：:]$|"
                        # a diary's `晚上我把馆长讲的几条职责抄在这里：`, a post's `我们负责：`, a ruling's
                        # `被申请人的法定职责包括：`, a speech's `温习一下馆里的职责：`, `我抄下了墙上的几条职责：`, a
                        # host's `中心的职责，大家都很熟悉：`, a script's `我们中心主要做这几件事：`
                        rf"{_NO_CHANGE}.*(?:几条|法定)?职[责能](?:包括|抄在这里|如下)[：:]$|"
                        # (a chat's `…已经挂牌。镇水管站职责如下` with no colon, its list on the lines after it: the
                        # sentence that says so moves no duties)
                        rf"(?<=[。！!；;])(?![^。！!；;]*{_MOVES_DUTIES})[^。！!；;]*职[责能]如下$|"
                        rf"{_NO_CHANGE}.*[馆站所局]里的职[责能][：:]$|"
                        rf"{_NO_CHANGE}.*[几一二三四五六七八九十][条项](?:主要)?职[责能][：:]$|"
                        # (a chat's `…中心职责已上墙，内容如下，请熟悉：`,
                        # `…站今年的工作职责已经调整好，贴在这里，大家对照执行：`)
                        rf"{_NO_CHANGE}.*职[责能](?:[^。；;：:]{{0,16}}[，,])+[^。，,；;：:]{{1,12}}[：:]$|"
                        r"^(?:我们|我局|我单位|本单位|本中心)(?:主要)?负责[：:]$|"
                        # (a chat's `…本中心主要负责以下几块：`)
                        rf"{_NO_CHANGE}.*(?:负责|承担|管)(?:以下|如下|下列)[几一二三四五六七八九十]{{1,2}}(?:块|项|条|件|方面)[：:]$|"
                        # (`…林业工作站主要管这几样：`)
                        r"^.*(?:做|干|管|办)(?:(?:这|以下|如下)?[几一二三四五六七八九十]{1,2}(?:件事|样)|这些事情?)[：:]$|"
                        # (with no colon, after a sentence or clause of its own: a chat's `…请大家转告。站里管这几件事`,
                        # `…，站里负责这几件事，大家转告一下各村组长`)
                        r"(?<=[。！!；;，,])[^。！!；;，,]*(?:做|干|管|办|负责)(?:这|以下|如下)?[几一二三四五六七八九十]{1,2}(?:件事|样)"
                        r"(?:[，,][^。，,；;：:]{1,16})?$")


# A table's header row after the duties (`序号　事项名称　事项类型…`): its rows are no duties.
_TABLE_HEADER = re.compile(r"序号[\s\u3000|｜]+[\u4e00-\u9fff]{2,8}[\s\u3000|｜]+[\u4e00-\u9fff]")
# A 权责清单's header row with a duty column (`序号　职责类别　职责事项　责任科室`): under no heading, it
# opens the duties.
_DUTY_TABLE_HEADER = re.compile(r"序号[\s\u3000|｜]+(?:[\u4e00-\u9fff]{2,8}[\s\u3000|｜]+)*?"
                                r"(?:主要)?职[责能](?:事项|内容)?(?:[\s\u3000|｜]|$)")
_UNITS_TABLE_HEADER = re.compile(r"序号[\s\u3000|｜]+(?:单位|机构|部门|科室|处室|站所)名称[\s\u3000|｜]")
# A paragraph that tells the unit's story, not a duty: `近年来，…`, `截至2023年底，…`.
_NARRATIVE_OPENING = re.compile(r"(?:近年来|近几年来?|多年来|几年来|去年以来|今年以来|截至|截止|目前[，,]|"
                                r"\d{4}年(?:以来|底|末)?[，,]|"
                                # the body's posts after its list: `鍙口乡农机站定编三人，站长由…`
                                r"[\u4e00-\u9fff]{2,20}?(?:定编|定员|核定(?:行政|事业)?编制|(?:行政|事业)编制[为共]?)"
                                r"[\d一二两三四五六七八九十]{1,3}[人名]|"
                                # `粶口乡经管站配备辅导员二人`, `筀坪乡经管站现有干部三人`
                                r"[\u4e00-\u9fff]{2,20}?(?:站|所|办|局|中心|队|室|股|科|会)(?:现有|配备|配有|共有)"
                                r"[\u4e00-\u9fff]{0,6}?[\d一二两三四五六七八九十]{1,3}[人名])")
# Longer than `职能转变。` or `有关职责分工：`: an inline section's item that says its matter itself.
_INLINE_HEADING_ONLY = 12
# A section heading of a few words, with no verb or stop (`单位构成`, `机构设置`).
_SHORT_HEADING = re.compile(r"[\u4e00-\u9fff]{2,8}")
# A form's next field heading on a line of its own after the last duty (`年度总体目标：`, `绩效指标：`).
_FIELD_HEADING = re.compile(r"(?!.*(?:如下|以下|其中|包括|具体|主要|分别))[\u4e00-\u9fff]{2,10}[：:]")
# A form's or report's next field with its value after the last duty (`收支情况：2021年度…`, `本人分工：主持…`,
# `网站负责人：赵某某`): a value that opens with no duty verb is no duty of a list without labels.
# (`法定代表人（变更后）：X`: a registration notice's field with its note)
_FIELD_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[（(][\u4e00-\u9fff]{2,4}[)）])?[：:](?P<value>.+)")


def _is_field_line(key: str) -> bool:
    field_line = _FIELD_LINE.match(key)
    return bool(field_line and not _DUTY_VERB.match(field_line.group("value").strip()))


# A sentence after the last duty that opens another list (`我们提出以下处理意见：`), not more duties.
_OTHER_LIST_INTRO = re.compile(r"(?:以下|如下)(?!(?:主要)?(?:职责|职能|任务|事项|工作))[^：:，,。；;]{0,8}[：:]$")


# `相关链接：X省港航管理局　Y市交通运输局` under a page: other sites, which say nothing of where its body is.
_LINKS_LINE = re.compile(r"^[\s\u3000]*(?:相关链接|友情链接|网站链接)[：:]")


def _without_its_short_name(name: str | None) -> str | None:
    """`X县殡葬管理所（县殡葬所）`: the name without the short form it gives itself in brackets."""
    bracket = re.fullmatch(r"(.{4,40}?)[（(]([^（）()]{2,12})[）)]", name or "")
    return bracket.group(1) if bracket and abbreviates(bracket.group(2), bracket.group(1)) else name


def _title_name(lines: list[Line], index: int) -> str | None:
    """The name a title line gives, whole again where a hard break cut it (`X市卫生和计划生` / `育委员会主要职责…`),
    or the name on the line above it."""
    named = department_from_title(lines[index].key)
    if named and index and not government_of(named) and lines[index].key.startswith(named) and \
            not looks_like_org(lines[index - 1].key):
        joined = with_broken_start(named, 0, lines[index - 1].key)
        named = joined if government_of(joined) else named
    return named or _name_line_above(lines, index)


def _name_line_above(lines: list[Line], index: int) -> str | None:
    """A title broken after its name: `X市电力工业局（X市农村电气化办公室）` over `职能配置、…方案`."""
    above = lines[index - 1].key if index else ""
    core = re.sub(r"[（(][^（）()]{2,40}[）)]$", "", above)
    # (or a report's `X县爱国卫生运动委员会办公室` over `关于本办职责和工作情况的报告`)
    if (lines[index].key.startswith(("职能配置", "主要职责", "机构职能")) or
            re.match(r"关于本(?:办|局|委|站|所|中心|院|馆|队|会|社)", lines[index].key)) and re.fullmatch(
            rf"[{HAN}]{{3,40}}", core) and looks_like_org(core):
        return core if SIGN_NOTE.fullmatch(above[len(core):]) else above
    return None


def _lacks_its_list(doc: Document, body: list[Line]) -> bool:
    """No duties read under any heading, or only one where a lead line opens a list of its own (a speech's
    `一、科协是做什么的` / `我们主要承担以下职责：` / `一是…` read as the speech's parts)."""
    if doc.changes:
        return False
    span = _led_list(body)
    if not doc.duties or len(doc.duties) == 1 and span is not None:
        return True
    # a plan's or report's parts read as duties (`（一）主要成就` … `（三）职能定位`), one of them holding the lead of
    # the list of duties (`…主要承担以下职责：` / `1.…`): none of the parts reads as a duty
    lead = body[span[0] - 1].key if span else ""
    return bool(re.search(r"职[责能][：:]$", lead)) and not any(_DUTY_VERB.match(duty.text) for duty in doc.duties)


def _body_with_led_list(body: list[Line], labour_document: bool, sections: dict[str, Section]):
    """`body` and its sections with a 主要职责 heading put before the one list the text gives its
    duties in when no heading gave them: a numbered list after a lead line, or else a run of bulleted
    lines (a portal's `■ 预算管理与绩效评价` under `… > 职能`); unchanged when there is neither."""
    chat = _without_interjections(body)
    span = _led_list(chat) if chat is not body else None
    if span is not None:
        body = chat  # (a chat's list read without the messages inside it)
    else:
        span = _led_list(body) or _bulleted_run(body)
    if span is None:
        return body, sections
    start, end = span
    led = body[:start] + [Line("主要职责", "主要职责")] + body[start:end] + \
        [_PAGE_END] + body[end:]  # what follows the list is the page's
    return led, _sectionize(led, labour_document)


def _unstopped_items(lines: list[Line]) -> bool:
    """Three or more items, each a line of its own closed by no stop (a chat's list): the line after them
    goes on none of them."""
    return len(lines) >= 3 and all(match_label(line.key)[0] is not None and
                                   not line.key.rstrip().endswith(_TERMINAL) for line in lines)


def _without_interjections(body: list[Line]) -> list[Line]:
    """A chat's numbered list broken by another member's message (`2.…` / `豜口-老蒋 09:03` / `收到，…` /
    `农机中心-小贺 09:05` / `3.…`): the body without the messages between its items."""
    out: list[Line] = []
    index = 0
    while index < len(body):
        out.append(body[index])
        resumed = _resumed_after_messages(body, index)
        index = resumed if resumed is not None else index + 1
    return out if len(out) < len(body) else body


def _resumed_after_messages(body: list[Line], index: int) -> int | None:
    """Where the list whose item stands at `index` goes on after chat messages: the next item, under its
    sender's next message line within a few lines."""
    label, _ = match_label(body[index].key)
    if label is None or index + 1 >= len(body) or not _NEXT_ENTRY.match(body[index + 1].key):
        return None
    number = to_int(_label_core(label.text))
    for gap in range(index + 2, min(index + 8, len(body) - 1)):
        following, _ = match_label(body[gap + 1].key)
        if _NEXT_ENTRY.match(body[gap].key) and following is not None and following.level == label.level and \
                number is not None and to_int(_label_core(following.text)) == number + 1:
            return gap + 1
    return None


# A chat's request under the list it pasted: `六月底前各村把…名单报上来`, `本周五前…`
_DEADLINE_REQUEST = re.compile(r"^(?:[\d一二三四五六七八九十]{1,2}月[\d一二三四五六七八九十]{0,3}日?"
                               r"(?:底|初|上旬|中旬|下旬)?前|"
                               r"(?:本周|下周|今天|明天)[^，,。]{0,6}前)[^。]*(?:报|交|发|送)")
# A heading of `_PAGE_SECTION` that closes a list found without a heading of its own.
_PAGE_END = Line("联系方式", "联系方式")


def _led_list(body: list[Line]) -> tuple[int, int] | None:
    """Where a numbered list after a lead line (`着力抓好以下四项工作：`) runs."""
    for index, line in enumerate(body[:-1]):
        label, _ = match_label(body[index + 1].key)
        opens = label is not None and _counts_one(label.text) or body[index + 1].key.startswith("一是")
        if _LIST_LEAD.search(line.key) and opens:
            end = index + 2  # the list runs while lines are numbered alike (`1.`, `二是`) or go on a sentence
            while end < len(body) and (_ENUMERATOR.match(body[end].key) or
                                       label is not None and match_label(body[end].key)[0] is not None or
                                       not body[end - 1].key.rstrip().endswith(("。", "；", ";")) and
                                       not _unstopped_items(body[index + 1:end])):
                end += 1
            return index + 1, end
        if _LIST_LEAD.search(line.key) and label is None:
            # unnumbered lines closed by `；` or by nothing, the last perhaps by `。` (a chat's list pasted under
            # its lead), up to the chat's next message
            end = index + 1
            while end < len(body) and not body[end].key.rstrip().endswith(("。", "：", ":")) and \
                    match_label(body[end].key)[0] is None and not _NEXT_ENTRY.match(body[end].key) and \
                    not _DEADLINE_REQUEST.match(body[end].key):
                end += 1
            if end < len(body) and body[end].key.rstrip().endswith("。") and match_label(body[end].key)[0] is None and \
                    (body[end - 1].key.rstrip().endswith(("；", ";")) or _DUTY_VERB.match(body[end].key)):
                end += 1  # the last item's full stop (not a note under lines with none: `具体事项请先…预约。`)
            if end - index - 1 >= 3:
                return index + 1, end
    return None


def _bulleted_run(body: list[Line]) -> tuple[int, int] | None:
    """Where the first run of three or more lines opening with the same solid bullet runs (or with a
    dash, `——负责…`, under a lead: `中心职责重新明确，抄在这里备查：`)."""
    start = 0
    while start < len(body):
        bullet = body[start].key[:1]
        if body[start].key.startswith("——") and start and _LIST_LEAD.search(body[start - 1].key):
            bullet = "——"
        end = start + 1
        if bullet and (bullet in SOLID_BULLETS or bullet == "——"):
            while end < len(body) and body[end].key.startswith(bullet):
                end += 1
            if end - start >= 3:
                return start, end
        start = end
    return None


# `实施主体：X县道路运输管理所` under `X县交通运输局权责清单（所属道路运输管理所部分）`
_IMPLEMENTER = re.compile(rf"实施主体[:：]\s*([{HAN}]{{4,30}}?{ORG_END})")


# `第二条　本局是韎江县人民政府工作部门`: rules that call their body 本局 throughout
_SELF_SUBJECT = re.compile(r"^(?:第[一二三]条)?[\s\u3000]*本(局|委|办|中心|站|所|院|馆)(?:是|为)")
_BASIS = re.compile(rf"(?:依据|根据|按照)《(?:关于)?(?:印发)?([{HAN}]{{4,30}}?)"
                    r"(?:的?(?:职能配置|主要职责|机构职能|内设机构|人员编制|机构编制))[^》]{0,40}》")


def _self_named_in_basis(keys: list[str]) -> str | None:
    """Rules whose title names nobody and whose text calls its body 本局: the body the paper they rest on
    names (`依据《关于韎江县自然资源局主要职责内设机构和人员编制的批复》`), if it is a 局 too."""
    own = next((match.group(1) for key in keys if (match := _SELF_SUBJECT.match(key))), None)
    if own is None:
        return None
    for key in keys:
        for basis in _BASIS.finditer(key):
            name = basis.group(1)
            if name.endswith(own) and looks_like_org(name) and government_of(name):
                return name
    return None


# (`走访单位职责（向走访对象宣讲）：`, `主办单位职能简介：`)
# (a 责任书's `一、责任单位主要职责`; a form's bare `单位职能简述：` over its one unit field)
_FIELD_DUTIES_HEADING = re.compile(r"(?:[一二三四五六七八九十]{1,2}、)?"
                                   # (an agreement's `寄存方主要职能：` under its `寄存方：X中心` line)
                                   r"([\u4e00-\u9fff]{2,6}(?:单位|主体|机关|部门|机构)|[\u4e00-\u9fff]{2}方)"
                                   r"(?:主要|现有)?职[责能]"
                                   r"(?:简介|介绍|概述|简述)?(?:[（(][^（）()]{0,20}[)）])?[：:]?|"
                                   r"(单位)职[责能](?:简介|介绍|概述|简述)[：:]|"
                                   # a pledge's `一、单位基本职责` under its `责任单位：X局` line
                                   r"(?:[一二三四五六七八九十]{1,2}、)?(单位)(?:主要|基本)职[责能][：:]?")


def _unit_of_field_over_duties(keys: list[str]) -> str | None:
    """A board's `建设单位职责：` over the list, a notice's `委托人简介：该中心是…`: the unit its `建设单位：X区市政工程
    管理处` (`委托人：X中心`) line gives; or a record that speaks as `本局` of the bureau its `约谈机关：` line
    gives."""
    labels = [next(group for group in match.groups() if group) for key in keys
              if (match := _FIELD_DUTIES_HEADING.fullmatch(key) or _FIELD_PROFILE.match(key) or
                  _ROLE_DUTIES_LEAD.search(key))]
    for label in labels:
        # (`被申请人：X市自然资源局，住所地…`: the field's value up to its next clause)
        # (`所在机构：X县审计局　　所在内设机构：综合股`: the next field on the same line)
        field = re.compile(re.escape(label) + rf"[：:]\s*([{HAN}]{{4,30}}?{ORG_END})"
                           r"(?:[，,。].*|[\s\u3000]{2,}.*)?$")
        found = next((match.group(1) for key in keys if (match := field.fullmatch(key))), None)
        if found:
            return found
    if labels:  # `账号主体主要职责：` in a form whose one unit field is `开设单位：X市林业局`
        units = {match.group(1) for key in keys[:12] if (match := _UNIT_FIELD.fullmatch(key))}
        if len(units) == 1:
            return units.pop()
    self_named = next((match.group(1) for key in keys if (match := _SELF_NAMED.search(key))), None)
    # (`巡查单位：X河道管理所` over `主管部门：X水利局`: `本所` is the one whose kind it names)
    # (a decision that speaks as `本机关` of its `赔偿义务机关：X局`: any kind of body)
    fields = [match.group(1) for key in keys[:12] if (match := _UNIT_FIELD.fullmatch(key)) and self_named and
              (self_named == "机关" or match.group(1).endswith(self_named))]
    return fields[0] if len(fields) == 1 else None


# a ruling's `依据…，被申请人的法定职责包括：` over the list: the party its `被申请人：` line names
_ROLE_DUTIES_LEAD = re.compile(r"(?:^|[，,])([\u4e00-\u9fff]{2,5}人)的(?:法定|主要)?职[责能](?:包括|是|为|如下)?[：:]$|"
                               # a letter of entrustment's `在委托范围内，受托组织承担以下职责：`
                               r"(?:^|[，,])([\u4e00-\u9fff]{2,4}(?:组织|单位|机构))承担(?:以下|下列)职[责能][：:]$")
_FIELD_PROFILE = re.compile(r"([\u4e00-\u9fff]{2,6})(?:简介|介绍|概况)[：:]")
# (not `建议转办单位：`, `主管部门：`, `受理单位：`: a body the form is sent on to or filed with)
_UNIT_FIELD = re.compile(rf"(?![\u4e00-\u9fff]{{0,2}}(?:转办|转交|抄送|主管|上级|建议|受理|审核|审批|批准))"
                         rf"[\u4e00-\u9fff]{{0,4}}(?:机关|单位|部门)[：:]\s*"
                         rf"([{HAN}]{{4,30}}?{ORG_END})(?:[（(](?:盖章|公章)[）)])?"  # (`反馈单位：X局（盖章）`)
                         + NEXT_FIELD)  # (`使用单位：X　　单位地址：…`)
_SELF_NAMED = re.compile(r"[本我](局|委|中心|站|所|院|馆|大队|支队|队|机关)")


def _called_so(full: str, short: str, keys: list[str]) -> bool:
    """Whether the sentence that names `full` says it goes by `short` (`设立中共X县委机关工作委员会，为县委派出机构
    …（以下简称县直机关工委）`: a short name whose 直 the full one has not)."""
    plain = short[len(government_of(short) or ""):]
    called = re.compile(r"简称[“\"]?(?:" + re.escape(short) + "|" + re.escape(plain) + ")")
    return any(full in key and called.search(key) for key in keys[:20])


def _department_named_elsewhere(department: str | None, keys: list[str], lines: list[Line], raw: RawText,
                                file: str) -> str | None:
    """The department when the title gave none or a short one: the 定性 sentence, the file name, the
    running head of a paged export, a page's breadcrumb or publisher line."""
    named_file = department_from_file_name(for_matching(file))  # `霏湖區殘疾人康復中心.txt` too
    if department is None or government_of(department) is None:
        found = department_from_text(keys) or _signed_off_unit(keys)
        # the 定性 sentence names the body, unless it is another one than the title's (`县物价局…方案` whose
        # `县价格事务所为所属事业单位`), or a unit beneath the one the file is named after (a page's duty list
        # whose closing lines say `市金融服务中心为所属事业单位`, saved as `X市地方金融监督管理局.txt`)
        if found and (department is None or abbreviates(department, found) or not looks_like_org(department) or
                      _called_so(found, department, keys)) and \
                not (department is None and _beneath(found, named_file)):
            department = found
    if department is None:
        # (the form's field from the raw lines: a `主办单位：X局` line is dropped from `keys` as a page's footer)
        department = _self_named_in_basis(keys[:12]) or \
            _unit_of_field_over_duties([for_matching(text) for text in raw.lines])
    implementer = next((match.group(1) for key in keys[:12] if (match := _IMPLEMENTER.fullmatch(key))), None)
    if department and implementer and implementer != department and government_of(department) and \
            government_of(implementer) == government_of(department):
        department = implementer  # a bureau's 权责清单 of the part its unit carries out
    if department and named_file and government_of(department) is None and abbreviates(department, named_file) \
            and government_of(named_file):
        # `县发改局` in a file named `X县发展和改革局.txt`: the user's name beats a place guessed from the text
        department = named_file
    if department is None or government_of(department) is None:
        # the page's owner or source below the text (`版权所有：X市港口管理局`, a WeChat article's closing
        # `来源：X市市场监督管理局`) spells out `市港口局` before a place is guessed from the text, and names
        # the unit a page speaks of only as `高新区管委会`
        owner = department_from_page_chrome([for_matching(text) for text in raw.lines[-10:]])
        short = [department] if department else [name for key in keys[:30] for _, _, name in department_mentions(key)]
        if owner and government_of(owner) and any(abbreviates(name, owner) for name in short):
            department = owner
    department = qualify_department(department, keys)
    if named_file and (department is None or government_of(department) is None and
                       abbreviates(department, named_file) and not _less_placed(named_file, department)):
        # `县自然资源局`, `县资规局` in a file named `岳塘区自然资源局.docx` (but `市水产局` keeps its 市
        # against a file named `水产局…`)
        department = _with_city_from_text(named_file, [line.key for line in lines[:60]])
    if (department is None or government_of(department) is None) and raw.running_heads:
        # `XX局　　机构职能` atop each page of a Word export; it also places a `县X中心` the text gave
        headed = department_from_budget_title([for_matching(head) for head in raw.running_heads[:8]])
        if department is None or headed and abbreviates(department, headed):
            department = headed
    # A page's breadcrumb or publisher line, or its title over the date line, when the text says where
    # (`县住建局` alone: no); it also spells out a short name the text gave (`区委编办`, `社会建设工作委员会`).
    chrome = qualify_department(department_from_page_chrome([line.key for line in lines[:30]]), keys)
    if chrome and government_of(chrome) and (
            department is None or chrome != department and abbreviates(department, chrome) and
            (government_of(department) is None or not chrome.endswith(department)  # not `2022年X县X局`
             or chrome == "中共" + department)):
        department = chrome
    if department is None and not any(_ISSUED.search(line.key) and line.key[:1] not in SOLID_BULLETS and
                                      "，" not in line.key for line in lines[:8]):
        # (a bulleted `◇ 区域发展规划与年度计划` is no notice, nor a sentence `…根据区委关于…的要求，…`)
        # a cover: the full name alone on one of the first lines (`X市广播电视监测站` over `新入职人员岗前培训`),
        # not the issuer atop a notice or a letter, nor a fragment (`负责制定全市政府办公室`)
        department = next((name for name in map(_cover_name, lines[:6]) if name and
                           is_plain_place(government_of(name) or "") and looks_like_org(name)), None)
    if department is None:
        # (or signed below its footer: `公開時間：…` over `X區司法局`, a page that speaks as `本局`)
        department = _report_byline(lines[:4]) or _writer_atop(lines[:2], keys) or _writer_atop(lines[-1:], keys)
    government = government_of(department)
    if department and (government is None or government.endswith("区") and len(government) <= 5):
        # `X镇人民政府` under its county's header; `瓢湖区X局` that the text calls `瓞州市瓢湖区X局`
        department = _with_city_from_text(department, [line.key for line in lines[:60]])
    return _town_government(_full_name_in_title(_defined_full_name(department, keys), [line.key for line in lines[:5]]),
                            keys)


# A county's or city's party committee or government itself (after its place): the issuer of rules, seldom the
# body whose duties they list.
_ISSUING_COMMITTEE = re.compile(r"(?:委员会|委|人民政府|政府)")


def _town_government(department: str | None, keys: list[str]) -> str | None:
    """`X县Y镇` from a title (`关于印发Y镇职能配置…规定的通知`) is the town's government the text names as the body
    (`X县Y镇人民政府是…`): a town is no body of its own."""
    if department and re.search(r"[镇乡]$", department):
        bare = department[len(government_of(department) or ""):]
        if any(bare + "人民政府" in key for key in keys[:60]):
            return department + "人民政府"
    return department


_LEAD_ENDING = re.compile(r"职[责能][：:]$")
_SAYS_DUTIES_FOLLOW = re.compile(r"职[责能](?:如下|定为以下[^，,。]{0,4})[，,。]")  # (the list on lines of its own)


_PLACE_SAYS_ITSELF = re.compile(r"(?:^|[，,。])([站所院馆队])里")


def _named_by_lead(sections: dict[str, Section], keys: list[str], head: list[str]) -> str | None:
    """A memoir's `最后印发的方案给县粮食局定了六条职责：` over the list, a speech's
    `市科协的职责，概括起来有四条：一是…`: the one body the lead names, placed by the text (or spelled out by its
    title)."""
    duties = sections.get("duties")
    leads = [duties.opener, *(line.key for line in reversed(duties.intro) if line.key.endswith(("：", ":")))] \
        if duties else []
    leads += [key for key in keys if _LEAD_ENDING.search(key) or _LIST_LEAD.search(key) or  # (run on into an item)
              _SAYS_DUTIES_FOLLOW.search(key)]  # (`…中心（镇三资中心）职责如下，请对照自查。` over `职责：`)
    leads += [key[:inline.start()] for key in keys if (inline := _INLINE_LIST_LEAD.search(key))]
    # (the lead's own sentence first: `我的实践单位是X区图书馆，它是区文旅局所属的…。区图书馆主要职责是：`)
    # (and the clause that says the list comes: `…要求各乡镇公示安监站职责，X站职责定为以下几条，各村对照配合：`)
    leads = [part for lead in leads for part in (_list_clause(lead), lead[lead.rfind("。") + 1:], lead)]
    lead, mentions = next(((lead, found) for lead in leads if (found := department_mentions(lead))), ("", []))
    # the one body it names, or the one it opens with (`X排水管理处（以下简称市排水处）受市城市管理部门委托…`)
    subject = mentions[0] if len(mentions) == 1 or mentions and mentions[0][0] == 0 else None
    owners = [mention for mention in mentions if re.match(r"的?(?:主要|工作)?职[责能]", lead[mention[1]:])]
    if subject is None and len(owners) == 1:
        subject = owners[0]  # `按县委政法委要求，X镇社会治理综合服务中心职责已上墙，内容如下：`: whose duties they are
    place = _PLACE_SAYS_ITSELF.search(lead) if subject is None else None
    if place:  # `…以后有事直接找镇文化站，站里负责这几件事`: the 站 last named before
        subject = next((m for m in reversed(mentions) if m[1] <= place.start(1) and m[2].endswith(place.group(1))),
                       None)
    if subject is None or re.match(r"(?:所属|下属|直属|管理|主管)", lead[subject[1]:]):
        return None  # `作为县生态环境分局所属的公益一类事业单位，监测站主要承担…`: the parent, no subject
    # (spelled out as the text defines it before any place is guessed for it: `…为中共X县委党史资料征集研究委员会
    # 办公室，下称县委党史办` over `县委党史办的主要任务是：`, whose rules also say `要经县委党史办核实`)
    named = spelled_out(subject[2], head)
    if not is_plain_place(government_of(named) or ""):  # (`原县粮食局` is no place's)
        named = spelled_out(qualify_department(subject[2], keys), head)
    return named if named and government_of(named) else None


def _list_clause(lead: str) -> str:
    """The clause of a lead that announces the list (`X站职责定为以下几条，`), or nothing."""
    said = re.search(r"[^。；;，,：:]*(?:以下|如下|下列)[^。；;，,：:]*", lead)
    return said.group(0) if said else ""


# A page's publication fields (`信息来源：局办公室　发布日期：…`), on a line of their own or run on after its title
_PUBLISHED = re.compile(r"(?:信息来源|来源|发布日期|发布时间|公开日期|发布机构)[：:]")
_PUBLISHED_AFTER = re.compile(r"[\s\u3000]+" + _PUBLISHED.pattern + ".*$")


def _cover_name(line: Line) -> str | None:
    """A cover's name alone on its line (after a chat window's `【智能客服】` too), or a feature's headline
    `X市退役军人事务局：让退役军人有更多获得感`."""
    key = _PUBLISHED_AFTER.sub("", re.sub(r"^【[^】]{1,10}】", "", line.key))
    key = _SITE_BANNER.sub("", key)  # `X省文化和旅游厅　官方网站`: the site's banner names its owner
    key = _CHAT_GROUP.sub("", key)  # a chat export's `X中心服务群（186）`: the group its unit runs
    # a site's header `X区人民政府 | X区Y街道办事处 | 街道专栏`: the body the column is about
    parts = [part.strip() for part in re.split(r"[|｜]", key)]
    bodies = [part for part in parts if _TITLE_NAME.fullmatch(part) and looks_like_org(part)] if len(parts) > 1 else []
    key = next((part for part in bodies if not part.endswith("人民政府")), bodies[0] if bodies else key)
    # `X县发展和改革局（X县数据局）`: a merged office's second name in brackets (read as a sign)
    second = re.search(r"[（(]([^（）()]{2,30})[)）]$", key)
    if second and looks_like_org(second.group(1)):
        key = key[:second.start()]
    if _TITLE_NAME.fullmatch(key):
        return key
    named = _DUTIES_OVERVIEW_TITLE.fullmatch(key)  # `【思维导图】X中心职责一览（文字版）`
    if named:
        return named.group(1)
    headline = _HEADLINE_NAME.match(key)
    return headline.group(1) if headline else None


_CHAT_GROUP = re.compile(r"(?:服务|工作|业务|交流|咨询)?群[\s\u3000]*(?:[（(]\d{1,4}[)）])?$")
_SITE_BANNER = re.compile(r"[\s\u3000]*(?:官方网站|门户网站|政务网站|政府网站|网站|官网)(?:首页)?$|"
                          r"[\s\u3000]+(?:站内)?(?:搜索|检索)$|"  # (the site's search box beside its name)
                          r"[\s\u3000]+(?:首页|当前位置[：:]\s*首页)\s*[>＞»].*$")  # (or the page's breadcrumb)
# (`X区体育局 > 工作职能` under its site's name: the crumb read as `X区体育局　工作职能`)
_DUTIES_OVERVIEW_TITLE = re.compile(rf"([{HAN}]{{4,30}}?{ORG_END})"
                                    r"[\s\u3000]*(?:(?:[—－-]{1,2}|[·•])[\s\u3000]*)?"
                                    r"(?:(?:主要|工作|机构)?职[责能]|业务范围|(?:主要)?业务(?:工作)?)(?:一览表?|清单|简介|介绍|说明)?"
                                    r"(?:[（(][^（）()]{1,10}[)）])?")
_HEADLINE_NAME = re.compile(rf"([{HAN}]{{4,30}}?{ORG_END})[：:｜|](?=[^。；;：:]{{4,30}}$)")
_UNIT = re.compile(r"(?:中心|站|所|大队|支队|分局|处|科|股|段|场|人民政府)$")


# `关于2025年度履职情况的自查报告` / `X市价格认证中心` / `（2026年1月8日）`: a report's byline
_REPORT_TITLE = re.compile(r"(?:报告|总结|汇报|情况)$")
_BYLINE_DATE = re.compile(r"^[（(]?\d{4}年\d{1,2}月(?:\d{1,2}日)?[)）]?$")


def _report_byline(heads: list[Line]) -> str | None:
    for title, name, date in zip(heads, heads[1:], heads[2:]):
        if _REPORT_TITLE.search(title.key) and _BYLINE_DATE.match(date.key) and _TITLE_NAME.fullmatch(name.key) \
                and government_of(name.key) and looks_like_org(name.key):
            return name.key
    return None


def _beneath(found: str, named: str | None) -> bool:
    """`found`, a unit or the government, where `named` (placed) is a department: the file is named after
    the department, the text names one of its units or its government in passing."""
    return bool(named and government_of(named) and found != named and _UNIT.search(found) and
                not _UNIT.search(named))


_ISSUED = re.compile(r"关于|(?:通知|通告|公告|意见|方案|决定|纪要|函|批复|请示|报告|办法|规定|细则|清单|计划)"
                     r"(?:[（(][^（）()]{1,20}[)）])?$")  # (`…三年行动方案（2026—2028年）`)


def _less_placed(name: str, other: str) -> bool:
    """`水产局` against `市水产局`: no place or level where the other has its level."""
    return government_of(name) is None and name[0] not in "省市县区" and other[0] in "省市县区"


def _full_name_in_title(department: str | None, heads: list[str]) -> str | None:
    """The full name a title line opens with when the text goes on with a short one: `X县农村经营管理站
    工作情况汇报` over `县农经站为…`."""
    if not department:
        return department
    for head in heads:
        # `X市人民政府办公室（市机关事务管理局）` atop its duties, `X县财政局（县国资委）2023年度部门决算`: the
        # second name is the office's too
        second = re.match(re.escape(department) + rf"[（(]([{HAN}]{{2,30}})[）)]"
                          r"(?=[^。；;，,]{0,30}$)", head)
        if second and looks_like_org(second.group(1)):
            return second.group(0)
        match = _TITLE_NAME.match(head)
        placed = government_of(match.group(0)) if match else None
        # (`市规划展览馆` under `X市城乡规划展览馆讲解词`: the level it gives is the title's place's)
        # (not `中共X中心` of `中共X中心支部委员会`, the unit's party branch)
        if match and match.group(0) not in (department, "中共" + department) and placed and \
                abbreviates(department, match.group(0)) and \
                (placed == government_of(department) or
                 government_of(department) is None and placed.endswith(department[0]) and department[0] in "省市县区"
                 and is_plain_place(placed)):
            return match.group(0)
    return department


_TITLE_NAME = re.compile(rf"[{HAN}]{{4,30}}?{ORG_END}")
_DEFINED_SHORT = re.compile(r"(?:^|(?<=[，,。：:；;\s]))(?:第[一二三四五六七八九十]{1,3}条|设立|设置|组建|成立)?"
                            rf"([{HAN}]{{4,40}}?)"
                            rf"[（(](?:以下)?简称[“\"]?([{HAN}]{{2,15}})[”\"]?[）)]")


_CLAUSE_BEFORE_NAME = re.compile(r"^(?:为了?|对)?(?:规范|加强|做好|明确|推进|理顺)")


def _defined_full_name(department: str | None, keys: list[str]) -> str | None:
    """The full name a text defines for the short one found (`X县老龄工作委员会办公室（简称县老龄办）`)."""
    if not department:
        return department
    for key in keys:
        for match in _DEFINED_SHORT.finditer(key):
            full, short = match.groups()
            # `将原市交通局改组为X市交通委员会（以下简称市交委）`: the name just before the definition
            full = next((name for _, end, name in reversed(department_mentions(full)) if end == len(full)), full)
            full = _CLAUSE_BEFORE_NAME.sub("", full)  # `为规范X市种畜场（以下简称…）`
            # `县供销社` itself, or placed (`X县供销社`, perhaps by a guess the definition corrects)
            same = department == short or short[0] in "省市县区" and (department.endswith(short) or (
                department.endswith(short[1:]) and government_of(department) == government_of(full)))
            if same and full != department and government_of(full) and looks_like_org(full):
                return full
    return department


def _relations(doc: Document, raw: RawText) -> list[dict]:
    from .relations import department_pairs  # relations reads Documents; imported here, not at the top

    return [relation.to_dict() for relation in department_pairs(doc, "\n".join(raw.lines))]


_DATE_LINE = re.compile(r"^[（(]?(?:\d{4}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,2}月"
                        r"(?:[\d一二三四五六七八九十]{1,3}日)?[）)]?$")
_SIGNER_LINE = re.compile(rf"^[{HAN}（）()]{{2,30}}"
                          r"(?:人民政府|局|委员会|办公室|办事处|中心|委|办|站|台|所|院|馆|队|社|处|室|科|股|红十字会|总工会|联合会|协会)"
                          r"(?:[（(](?:盖章|印章)[)）])?$")


def _signer(prepared: list[Line], unsigned: list[Line]) -> str | None:
    """The signer `_without_signature` took off with the date under it, without spaces."""
    if len(prepared) - len(unsigned) < 2:
        return None
    signer = re.sub(r"[ \u3000]", "", prepared[len(unsigned)].key)
    signer = re.sub(r"[（(](?:盖章|印章|[^（）()]{0,8}专用章)[)）]$", "", signer)  # `X局（印章）`: the seal, no name
    return signer if _SIGNER_LINE.match(signer) else None


def _writer_atop(lines: list[Line], keys: list[str]) -> str | None:
    """`X县食品药品监督管理局` alone atop a reply that speaks as `我局`: the writer."""
    for line in lines:
        name = line.key.strip()
        own = re.search(ORG_END + "$", name)
        if own and _TITLE_NAME.fullmatch(name) and looks_like_org(name) and government_of(name) and \
                any(re.search(f"[我本]{re.escape(own.group(0)[-1])}", key) for key in keys[:20]):
            return name
    return None


def _signed_in_full(department: str | None, signer: str | None, keys: list[str]) -> str | None:
    """`镇人民政府职能配置方案` signed `X县Y镇人民政府`: the signature places a department found without its place;
    a report that speaks of itself (`我中心…`) is the signer's."""
    if department and signer and government_of(department) is None and signer.endswith(department) and \
            government_of(signer):
        return signer
    if department and signer and government_of(signer) and department != signer and \
            department[len(government_of(department) or ""):] == signer[len(government_of(signer) or ""):]:
        return signer  # `请通过县X所` guessed from a clause, the text signed `Y县X所`: the signature's place
    titled = _DIVISION_DUTIES_TITLE.fullmatch(keys[0]) if keys else None
    if department is None and signer and titled and signer.endswith(titled.group(1)) and \
            looks_like_org(signer[:-len(titled.group(1))]) and government_of(signer):
        return signer  # `机要室工作职责` signed `X市交通运输局机要室`: a division's own page
    if department is None and signer and government_of(signer) and looks_like_org(signer):
        own = re.search(ORG_END + "$", signer)  # `我中心`, `我台` (地震台), a notice's `本机关`
        words = "|".join(re.escape(word) for word in {own.group(0), own.group(0)[-2:], own.group(0)[-1], "机关"}) \
            if own else ""
        if own and any(re.search(f"[我本](?:{words})", key) for key in keys[:20]):
            return signer
        # a letter signed `中共X县委老干部局` that calls itself `县委老干部局` throughout
        # (one signer: `X县林业局　X县工商局` signing a joint notice reads as a place `X县林业局X县`)
        if not _ISSUING_OFFICE.search(signer) and not re.search(ORG_END, government_of(signer) or "") and \
                any(is_short_for(name, signer) for key in keys[:20] for _, _, name in department_mentions(key)):
            return signer
    return department


# (not `此致` alone: a plea's `此致` / `X区人民法院` is whom it is addressed to)
_SIGN_OFF = re.compile(r"^(?:[—－-]{1,4}|敬礼|此致敬礼)$")
_WE = re.compile(r"我(校|院|馆|站|所|中心|局|办|委|队|园)")


def _signed_off_unit(lines: list[str]) -> str | None:
    """An e-mail's signature under its sign-off (`——` / `X市技工学校办公室`; a letter signed over its date is
    read by `_signer`), or a card's greeting: the unit that wrote it, its office dropped where the text speaks
    as `我校`."""
    tail = lines[-6:]
    for line in tail:  # a card's `X中心　全体干部职工　敬贺`
        greeting = _GREETING_SIGNATURE.fullmatch(line.strip())
        if greeting and looks_like_org(greeting.group(1)) and government_of(greeting.group(1)):
            return greeting.group(1)
    for previous, line in zip(tail, tail[1:]):
        name = NAME_ONLY_LINE.fullmatch(line.strip())
        if not (_SIGN_OFF.match(previous.strip()) and name and looks_like_org(name.group(1))):
            continue
        unit = name.group(1)
        we = next((match.group(1) for text in lines if (match := _WE.search(text))), None)
        if we and unit.endswith("办公室") and unit[:-3].endswith(we) and looks_like_org(unit[:-3]):
            return unit[:-3]
        return unit
    return None


_GREETING_SIGNATURE = re.compile(rf"([{HAN}]{{4,30}}?{ORG_END})[\s\u3000]+"
                                 r"(?:全体[\u4e00-\u9fff]{0,6}[\s\u3000]*)?(?:敬贺|恭贺|谨贺|敬上|敬赠)")


_DIVISION_DUTIES_TITLE = re.compile(rf"([{HAN}]{{1,10}}?[室科股处])(?:工作|主要)?职[责能]")


# a notice's issuer signs what it sends round: the text is about the bodies it names, not about itself
_ISSUING_OFFICE = re.compile(r"人民政府(?:办公室)?$|编制委员会(?:办公室)?$|领导小组(?:办公室)?$|委员会办公室$|"
                             r"指挥部(?:办公室)?$")


def _without_signature(lines: list[Line]) -> list[Line]:
    """The signer and date closing a text (`X镇人民政府` / `2023年9月`) are no part of its last item."""
    def last(pattern: re.Pattern) -> bool:
        return bool(lines) and pattern.match(re.sub(r"[ \u3000]", "", lines[-1].key)) is not None

    while last(_CONTACT_LINE) and len(lines) > 2:  # `（联系人：王某某，联系电话：…）`, `抄送：…` under the date
        lines = lines[:-1]
    if last(_DATE_LINE):
        lines = lines[:-1]
        if last(_SIGNER_LINE):
            lines = lines[:-1]
    return lines


_CONTACT_LINE = re.compile(r"^[（(]?(?:联系人|联系电话|电话|抄送|抄报)[：:][^。]{0,60}[）)]?$")


# `- 1 -` between two items of a PDF copied to the web.
_PAGE_MARKER = re.compile(r"(?:(?<=\s)|^)[-－—]\s*\d{1,3}\s*[-－—](?=\s|$)")
# A page's number and running head left inside a line when a paged text was run onto one line (a web copy of a
# gazette): `…城镇开发 －3－ X市机构编制文件选编（2019） 边界；`, `…加强 ·12· X汇编(2014) 一般…`,
# `…的管理和 －1－ X县民政局2026年部门预算 服务质量监督；`, `X局“三定”方案 第2页`.
_INLINE_PAGE_MARK = re.compile(r"(?<=\s)(?:[-－—–]\s*\d{1,4}\s*[-－—–]|[·•]\s*\d{1,4}\s*[·•]|"
                               r"第\s*\d{1,4}\s*页(?:\s*[/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4})(?=\s|$)")
_RUNNING_HEAD_TOKEN = re.compile(r"[^\s。；;，,：:]{6,40}")


def _without_inline_page_furniture(text: str, opening: str) -> str:
    """`text` without the page marks inside it and a running head next to one: a collection's name
    (`…汇编（2019）`), the text's own title, which the text `opening` (no spaces) begins with, or a line the
    text repeats."""
    if len(text) < 80 or not _INLINE_PAGE_MARK.search(text):
        return text

    def is_head(token: str) -> bool:
        token = token.strip()
        return bool(_RUNNING_HEAD_TOKEN.fullmatch(token)) and (
            COLLECTION_HEAD.match(for_matching(token)) is not None or opening.startswith(token) or
            text.count(token) >= 2)

    out, end = [], 0
    for mark in _INLINE_PAGE_MARK.finditer(text):
        if mark.start() < end:
            continue
        before = re.search(r"(\S+)\s+$", text[end:mark.start()])
        after = re.match(r"\s+(\S+)(?=\s|$)", text[mark.end():])
        head_before = before is not None and is_head(before.group(1)) and before.start(1) + end > 0
        head_after = after is not None and is_head(after.group(1))
        if re.match(r"\d", mark.group(0)) and not (head_before or head_after):
            continue  # `3/5` alone may be a ratio
        start = end + before.start(1) if head_before and before else mark.start()
        stop = mark.end() + after.end(1) if head_after and after else mark.end()
        out.append(text[end:start].rstrip())  # the words the page broke join again
        end = len(text) - len(text[stop:].lstrip())
    return "".join(out) + text[end:] if out else text
# The excerpt stops right after the next item's label: `…目标责任制。(四`.
_DANGLING_LABEL = re.compile(r"(?:(?<=[。；;])|^)\s*"
                             r"(?:[（(][一二三四五六七八九十\d]{0,3}|[一二三四五六七八九十]{1,3}|\d{1,2})\s*$")


_NUMBERED = re.compile(r"(?:^|(?<=[。；;\s]))(\d{1,2})(?:([.．、])|\s+(?=" + _DUTY_VERB.pattern[1:] + "))")


def _dotless_labels(text: str) -> str:
    """`…管理。 10 负责全区园林绿化…` in a flattened `1.`–`12.` list: a PDF copy lost the dot of
    the label that continues the count; it gets it back."""
    if text.count(".") + text.count("、") < 3:
        return text
    key = for_matching(text)  # the duty verbs are matched in simplified characters (`10 負責…` too)
    if len(key) != len(text):
        key = text
    last, out, position = 0, [], 0
    for match in _NUMBERED.finditer(key):
        number = int(match.group(1))
        if match.group(2):
            last = number
        elif last and number == last + 1:
            out.append(text[position:match.end(1)] + ".")
            position, last = match.end(1), number
    return "".join(out) + text[position:] if out else text


# The mark a phone's scanning app prints under each page it scans (`扫描全能王 创建`, `CamScanner`).
_SCANNER_MARK = re.compile(r"(?:由\s*)?扫描全能王\s*(?:扫描)?创建|"
                           r"(?:Scanned|Created) (?:with|by) CamScanner|CamScanner")


# A repost site's advertisement lines, which fall anywhere, inside a list too.
_ADVERT = re.compile(r"^[\s\u3000]*[【\[［〔(（](?:广告|推广|赞助|推荐阅读|相关阅读|热点推荐)[】\]］〕)）]")


# A group chat's read count pasted with its notice (`【已读 36 / 未读 5】`), a scanned file's archive stamp
# (`X县档案馆藏 1998-永久-047`): they fall between two lines of an item.
_CHAT_RECEIPT = re.compile(r"[【\[]?已读\d+[/／|｜,，]?未读\d+[】\]]?")
# A chat's roll of who got the message: `1.煦光村 张明 收到`, `收到请回复：` over it
_ROLL_RECEIPT = re.compile(r"(?:\d{1,3}[.．、]\s*)?[^\s，,。；;：:]{2,12}(?:[ \u3000]+[^\s，,。；;：:]{2,8})?"
                           r"[ \u3000]+收到[!！。]?|收到请回复[：:]?")
_ARCHIVE_STAMP = re.compile(r"[\u4e00-\u9fff]{0,12}档案(?:馆|室)藏?(?:19|20)\d{2}[-－—]?"
                            r"(?:永久|长期|短期|定期\d{1,2}年|\d{1,2}年)[-－—]?\d{1,4}|"
                            r"[【\[（(]?档案(?:馆|室)?专用章?[】\]）)]?")  # `档 案 专 用` stamped on a page


# The pager of an article a site cut into pages, copied page after page: `<<上一页　1　2　3　下一页>>`.
_PAGER = re.compile(r"[<«‹〈《]*[\s\u3000]*(?:首页[\s\u3000]*)?上一页[\s\u3000\d|｜]*下一页"
                    r"(?:[\s\u3000]*尾页)?[\s\u3000]*[>»›〉》]*")


# A web page's footer copied with the text: `【打印本页】【关闭窗口】`, `上一篇：…`, `版权所有：…`; a notice's
# `特此通知。` before its signature, which a flattened copy runs on after the last duty.
_PAGE_FOOTER = re.compile(r"[【\[]?(?:打印本页|打印此页|关闭窗口|关闭本页|打印|关闭)[】\]]|打印本页|关闭窗口|"
                          r"上一篇[：:]|下一篇[：:]|版权所有|网站标识码|ICP备|公网安备|扫一扫在手机|(?:主办|承办)(?:单位)?[：:]|"
                          r"(?:单位|办公|机关|通讯|联系)?地址[：:][^。；]{0,60}?(?:电话|邮编|邮政编码)[：:]|"
                          r"(?:^|(?<=[。；\s]))特此(?:通知|函告|公告|通告)[。.]?")


def _without_page_footer(text: str) -> str:
    """The text up to a page footer: the footer holds no sentence (a header's `【打印】` before the body is kept)."""
    key = for_matching(text)
    for match in _PAGE_FOOTER.finditer(key):
        if match.start() == 0 and _PAGE_FIELD.match(key):
            return text  # `地址：…　电话：…` on a line of its own: kept, it closes the list above it
        if not re.search(r"[。；;]", key[match.end():]):
            return text[:match.start()]
    return text


# A page of a 部门职责汇编 heads each department's part with a numbered full name, its duties heading
# right below: `二十一、X市审批服务局` / `主要职责：`.
_COMPILED_DUTIES_HEADING = re.compile(r"^(?:主要职责|主要职能|职能职责|部门职责|工作职责|机构职能)"
                                      r"(?:是|为|如下)?[：:]?$")


def _compiled_department_heading(lines: list[Line], index: int) -> str | None:
    label, rest = match_label(lines[index].key)
    if label is None or label.level not in ("A", "B") or index + 1 >= len(lines):
        return None
    name = department_from_file_name(rest + ".txt")
    following = index + 1
    if re.fullmatch(r"[（(][^（）()]{2,40}[）)]", lines[following].key) and following + 1 < len(lines):
        following += 1  # `（县农业农村局所属公益一类事业单位）` under the name, on a line of its own or not
    # the name's status may come first: `为乡人民政府所属公益一类事业单位，核定事业编制6名。主要职责：`
    heading = re.sub(r"^(?:[（(][^（）()]{2,40}[）)]|为[^。]{4,60}。)\s*", "", lines[following].key)
    # (or the department's own first part: `一、职能转变` / `一、主要职责`)
    numbered_label, numbered = match_label(heading)
    numbered = numbered if numbered_label is not None else ""
    if name and government_of(name) and (_COMPILED_DUTIES_HEADING.match(heading) or
                                         _COMPILED_DUTIES_HEADING.match(numbered) or
                                         re.fullmatch(r"职能(?:转变|调整)[：:。]?", numbered)):
        return name
    return None


def _rules_title_name(key: str) -> str | None:
    """The department a 三定's title names, or a 汇编's numbered part heading that is only a full name
    (`十二、X县商务局`)."""
    if RULES_TITLE.fullmatch(key):
        return department_from_title(key)
    label, rest = match_label(key)
    if label is not None and label.level == "A" and _TITLE_NAME.fullmatch(rest) and government_of(rest) and \
            looks_like_org(rest):
        return rest
    return None


def _up_to_the_next_rules(lines: list[Line]) -> list[Line]:
    """The lines of the first whole 三定 of a 汇编 page: from its title when the page opens inside the document
    before, up to the title of another department's 三定 that follows its duty list (`六、附则…` / `X市林业局职能
    配置…方案`), whose first items would otherwise run on as more duties."""
    titles = [(index, name) for index, line in enumerate(lines)
              if (name := _rules_title_name(line.key)) and not _related_link(lines, index)]
    if not titles:
        return lines
    first, first_name = titles[0]
    # the page opens in the middle of the document before (`（七）负责全市文化市场…` over `二十六、X市体育局`)
    opening = next((label for line in lines[:first] if (label := match_label(line.key)[0])), None)
    start = first if opening is not None and opening.level != "article" and not _counts_one(opening.text) else 0
    for index, name in titles[1:]:
        if name != first_name and any("主要职责" in line.key for line in lines[first + 1:index]):
            return lines[start:index]
    return lines[start:]


def _related_link(lines: list[Line], index: int) -> bool:
    """A portal's `相关文件：` / `·X规定` under its page: a link to another document, not its title (a repost
    site's `相关阅读` over the document itself heads no link)."""
    if not lines[index].key.lstrip(" \u3000").startswith(("·", "•")):
        return False
    heading = next((line.key for line in reversed(lines[max(0, index - 4):index])
                    if not line.key.lstrip(" \u3000").startswith(("·", "•"))), "")
    return bool(_RELATED_HEADING.fullmatch(heading.strip(" \u3000")))


_RELATED_HEADING = re.compile(r"(?:相关文件|相关链接|相关阅读|相关信息|延伸阅读|相关政策)[：:]?")


def _first_compiled_department(lines: list[Line]) -> tuple[list[Line], str | None, int]:
    """The part of a compilation page that holds its first whole department, its name, and how many
    departments follow it; the lines unchanged (None, 0) for any other text. A page's opening lines
    continue the department before (`（接上页）`), so they are dropped too."""
    headings = [(index, name) for index in range(len(lines))
                if (name := _compiled_department_heading(lines, index))]
    if len(headings) < 2:
        return lines, None, 0
    return lines[headings[0][0] + 1:headings[1][0]], headings[0][1], len(headings) - 1


def _inline_list_end(key: str, cuts: list[int]) -> list[int]:
    """Where an inline list whose items close with `；` ends: after its last item's `。` (`…5.参与震后评估。
    去年以来，我们新建…`)."""
    if len(cuts) < 2:
        return []
    last, before = cuts[-1], cuts[-2]
    stop = key.find("。", last)
    if stop < 0 or len(key) - stop <= 5 or not key[before:last].rstrip().endswith(("；", ";")) or \
            key.rstrip().endswith(("；", ";")):  # `（四）优化公共服务。负责…；`: the item's heading sentence
        return []
    return [stop + 1]


# A form's field that a PDF ran onto the sentence before it (`…的行为。举办单位：X县民政局`).
_FIELD_AFTER_SENTENCE = re.compile(r"(?<=[。；;])[\s\u3000]*(?=(?:举办单位|开办资金|单位地址|办公地址|联系电话|联系人|"
                                   r"核查人|核查意见|核查日期|法定代表人|经费来源|住所|"
                                   # a page's source line run on after the last duty when the text was joined
                                   r"信息来源|发布日期|发布时间|更新日期|更新时间)[：:])")


_TITLE_CRUMB = re.compile(rf"^([{HAN}]{{2,30}}?{ORG_END})[\s\u3000]*[>＞»][\s\u3000]*"
                          r"(?:(?:机构概况|机构设置|机构信息|单位概况|部门概况|概况|政务公开|信息公开|部门信息|关于我们)"
                          r"[\s\u3000]*[>＞»][\s\u3000]*){0,2}(?=[\u4e00-\u9fff]{2,8}$)")
# `2024-08-20 09:41　发件人：0000-00000000　第2/2页`
_FAX_HEADER = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}(?::\d{2})?\s.{0,60}?"
                         r"(?:第\s*\d{1,3}\s*/\s*\d{1,3}\s*页|发件人|FROM|From|P\.\s*\d)")


_BRACKETED_LINE = re.compile(r"[\s\u3000]*【([^【】]{4,30})】[\s\u3000]*")


def _bracketed_runs_as_bullets(texts: list[str]) -> list[str]:
    """A portal's headings-only list written `【市场主体准入与信用监管】` a line each: three or more such lines
    in a row are a bulleted list, not the topics of a yearbook or the cues of a script (those go on in text)."""
    out = list(texts)
    run: list[tuple[int, str]] = []
    for index, text in enumerate([*texts, "end"]):
        bracketed = _BRACKETED_LINE.fullmatch(text)
        if bracketed:
            run.append((index, bracketed.group(1)))
            continue
        if len(run) >= 3:
            for at, heading in run:
                out[at] = "● " + heading
        run = []
    return out


def _bare_runs_as_bullets(texts: list[str]) -> list[str]:
    """A portal's headings-only page with no bullet at all: under a head line that names the duties (`X办公室
    工作职能`, a breadcrumb `首页 - 部门概况 - 职责分工`, a section `业务工作`) among the first lines, four or more
    short lines of bare words in a row are its list."""
    heads = [index for index, text in enumerate(texts[:4])
             if _DUTIES_HEAD_LINE.search(text) and not re.search(r"[。；;，,]", text)]
    if not heads:
        return texts
    start = heads[-1] + 1  # (under the page's title, where a breadcrumb over it names the duties too)
    end = start
    # (`一、综合监管与政策法规` is labelled already: a bullet before its label would end the item above it)
    while end < len(texts) and _BARE_HEADING_LINE.fullmatch(texts[end].strip()) and \
            match_label(for_matching(texts[end].strip()))[0] is None:
        end += 1
    if end - start < 4:
        return texts
    return texts[:start] + ["● " + text.strip() for text in texts[start:end]] + texts[end:]


# (`本局主要职责（2021年更新）` over a page's headings; `两定机构协议管理与DRG付费` among them)
_DUTIES_HEAD_LINE = re.compile(r"(?:(?:工作|主要|机构|部门)?职[能责](?:分工|介绍|简介)?|业务工作|主要业务|业务范围)"
                               r"(?:[（(][^（）()]{1,12}[)）])?[\s\u3000]*$")
_BARE_HEADING_LINE = re.compile(r"(?=(?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){4})[\u4e00-\u9fff、与和及“”A-Za-z]{4,24}")


_TAG_BEFORE_LABEL = re.compile(r"^[\s\u3000]*(?:【[^】]{1,12}】|第[一二三四五六七八九十]{1,3}[片张页屏][：:])"
                               r"[\s\u3000]*(?=[①-⑳]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])")
_TREE_BRANCH = re.compile(r"^[\s\u3000]*[│├└┣┗┃][\s\u3000│├└┣┗┃─━]*")


def _running_head_inside_item(texts: list[str], index: int, bare: str) -> bool:
    """A budget's running head or foot between two lines of a list: it carries its page's number
    (`X县2024年单位预算　　第X页`) or repeats; met once without a number, it is the budget's title."""
    if not BUDGET_RUNNING_HEAD.fullmatch(bare):
        return False
    paged = re.search(r"第[XＸ\d]{1,3}页", bare) is not None
    repeated = sum(re.sub(r"\s", "", for_matching(text)) == bare for text in texts) > 1
    return (paged or repeated) and _inside_item(texts, index)


def _booklet_heads(texts: list[str]) -> set[int]:
    """A booklet's running heads inside items its pages cut, and the page numbers under them: its title
    with the page's number (`园区服务手册（2023年版）　　7`), or its name and chapter over the number
    (`X派出所民警工作手册　　　　第一章　机构和职责` / `3`)."""
    heads: set[int] = set()
    for index in range(3, len(texts)):
        over_number = _head_over_page_number(texts, index)
        if (_first_line_paged(texts[index], texts[0]) or over_number) and _inside_item(texts, index):
            heads.add(index)
            if over_number:
                heads.add(next(k for k in range(index + 1, len(texts)) if texts[k].strip()))
    return heads


def _first_line_paged(text: str, first: str) -> bool:
    """`text` is the text's first line with a page number set beside it, as a running head prints it."""
    paged = re.fullmatch(r"(.{4,40}?)[\s\u3000]+(?:第\s*)?\d{1,3}(?:\s*页)?", text.strip())
    return paged is not None and re.sub(r"\s", "", paged.group(1)) == re.sub(r"\s", "", first)


def _head_over_page_number(texts: list[str], index: int) -> bool:
    """A running head set in two parts far apart, with no sentence in it, over a page's bare number."""
    head = texts[index].strip()
    after = next((text.strip() for text in texts[index + 1:] if text.strip()), "")
    return len(head) <= 60 and re.search(r"\S[\s\u3000]{4,}\S", head) is not None and \
        not re.search(r"[。；;，,：:]", head) and re.fullmatch(r"\d{1,3}", after) is not None


def _issuer_atop_page_inside_item(texts: list[str], index: int, bare: str) -> bool:
    """`县人民政府办公室` alone in the middle of an item a page cut (`5.组织…，推广` / `县人民政府办公室` /
    `试点乡的经验…`) in a paper under the masthead `X县人民政府办公室文件`: the next page's running head."""
    if not NAME_ONLY_LINE.fullmatch(bare) or len(bare) < 4:
        return False
    masthead = re.sub(r"\s", "", for_matching(texts[0]))
    return bare.lstrip("省市县区") in masthead and _inside_item(texts, index)


_RULE_LINE = re.compile(r"[─━—\-－_＿=＝]{6,}")


def _page_edge_inside_item(texts: list[str], index: int, bare: str, opening: str) -> bool:
    """A page's foot rule (`──────`) or the rest of the title run over two lines of its head
    (`嶝水县体育总会　第 1 页` / `2023年度工作报告`) in the middle of an item the page cut."""
    if not (_RULE_LINE.fullmatch(bare) or len(bare) >= 6 and bare != opening and opening.endswith(bare)):
        return False
    # (the page's other edges between: its foot's rule, its head's page number)
    kept = [text for text in texts[max(0, index - 8):index] if not _RULE_LINE.fullmatch(re.sub(r"\s", "", text)) and
            not re.search(r"第\s*\d{1,3}\s*页", text)]
    return _inside_item(kept + texts[index:index + 8], len(kept))


def _inside_item(texts: list[str], index: int) -> bool:
    """The line stands inside a list: a labelled item is before it, and after it the next labelled item or
    the rest of the item's sentence (a title between a table of contents and the text is no such line)."""
    above = [text.strip() for text in reversed(texts[max(0, index - 4):index]) if text.strip()]
    before = above[0] if above else ""
    after = next((text.strip() for text in texts[index + 1:] if text.strip()), "")
    # (or the label stands on a line of its own above its text: `五是` / `接受社会捐赠，…`)
    # (or it is one of a list's unlabelled lines, each closed by `；`, cut before its close)
    labelled = _opens_item(before) or len(above) > 1 and (len(above[1]) <= 5 and _opens_item(above[1]) or
                                                          above[1].endswith(("；", ";")))
    return bool(before and after) and labelled and \
        (match_label(for_matching(after))[0] is not None or not before.endswith(_TERMINAL))


def _opens_item(text: str) -> bool:
    return match_label(for_matching(text))[0] is not None or _ENUMERATOR.match(for_matching(text)) is not None


def _prepare_lines(raw: RawText) -> list[Line]:
    """Prefix Word numbering labels, drop edit links and page footers, split lines at inline labels."""
    out: list[Line] = []
    footer = 0  # the closing run of lines that are page footers (`地址：…　电话：…`), kept or not
    texts, labels = with_list_layouts_read(raw.lines, raw.labels or [""] * len(raw.lines))
    texts = _bare_runs_as_bullets(_bracketed_runs_as_bullets(texts))
    opening = re.sub(r"\s", "", texts[0][:120]) if texts else ""
    titles: set[str] = set()
    heads = _booklet_heads(texts)
    for index, (text, label) in enumerate(zip(texts, labels)):
        matching = for_matching(text)
        if _FAX_HEADER.match(matching):
            continue  # the fax machine's line atop each page, mid-item on page two
        if _ADVERT.match(text) or _SCANNER_MARK.fullmatch(text.strip()) or _PAGER.fullmatch(matching.strip()):
            continue  # a repost site's `【推广】…` between two items, a scanning app's mark under a page, a pager
        bare = re.sub(r"\s", "", matching)
        if _CHAT_RECEIPT.fullmatch(bare) or _ARCHIVE_STAMP.fullmatch(bare) or index in heads or \
                _ROLL_RECEIPT.fullmatch(matching.strip()) or \
                index >= 3 and (_running_head_inside_item(texts, index, bare) or
                                _issuer_atop_page_inside_item(texts, index, bare) or
                                _page_edge_inside_item(texts, index, bare, opening)):
            continue
        if index < 3:  # `X区财政局 > 职能介绍`, `X局 > 机构概况 > 主要职责`: a page titled as its breadcrumb (under
            text = _TITLE_CRUMB.sub("\\1\u3000", text)  # its site's name too)
        plain = re.sub(r"\s", "", text)
        if index and len(plain) >= 8 and plain != opening and opening.endswith(plain) and _TITLE.search(plain):
            continue  # the title atop the next page without its city (`X区Y中心机构编制方案` inside item 2)
        if plain in titles and re.search(r"[\u4e00-\u9fff，、]$", texts[index - 1].strip()):
            continue  # a 通知's attachment: its title again atop each page, inside an item the page cut
        if len(plain) >= 8 and _TITLE.search(plain):
            titles.add(plain)
        text = _TREE_BRANCH.sub("", text)  # a mind map exported as text: `│　├─ 1.承担…`
        text = _TAG_BEFORE_LABEL.sub("", text)  # an umbrella's panels: `【伞面第4片】①承担…`
        kept = _without_page_footer(_without_inline_page_furniture(text, opening))
        footer = footer + 1 if kept != text or _PAGE_FOOTER.match(for_matching(text)) else 0
        text = _dotless_labels(_PAGE_MARKER.sub(" ", re.sub(r"\[(编辑|編輯)\]", "", kept)).strip())
        if label and not match_label(for_matching(text))[0]:
            text = label + text
        if not text:
            continue
        text = _heading_as_read(text)
        key = for_matching(text)
        inline = split_inline(key)
        cuts = sorted(set([0] + inline + _inline_list_end(key, inline) + _cuts_after_headings(key) +
                          _damaged_labels_inside(key) + [m.end() for m in _FIELD_AFTER_SENTENCE.finditer(key)] +
                          [len(key)]))
        for begin, end in zip(cuts, cuts[1:]):
            orig, part = text[begin:end].strip(), key[begin:end].strip()
            if part:
                out.append(Line(orig, part))
    # A footer line is kept where it closes a list that body text follows; at the end it only hides
    # that the text was cut (`（三）完成市委、市政府交办` over `地址：…`).
    while footer and out and _PAGE_FOOTER.match(out[-1].key):
        out.pop()
        footer -= 1
    return out


def _heading_as_read(text: str) -> str:
    """A part's heading after a heavenly stem (`（甲）团县委的工作职责` over `一、…`) as a heading, no item; a scan's
    title set wide (`籵 川 县 粶 口 乡 … 办 公 室`) closed up."""
    if _STEM_HEADING.match(text):
        return _STEM_HEADING.sub("", text).rstrip() + "："
    if _SPACED_OUT.fullmatch(text):
        return re.sub(r"[ \u3000]+", "", text)
    return text


_STEM_HEADING = re.compile(r"^[\s\u3000]*[（(][甲乙丙丁戊己庚辛壬癸][）)][\s\u3000]*(?=[^，,。；;：:]{2,16}$)")
_SPACED_OUT = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]")
_DIVISION_LIST = re.compile(r"设[0-9零〇一二两三四五六七八九十]+个?(?:内设机构|职能司局|司局|处室|科室)[，,]?"
                            r"(?:分别为|分别是|包括|即)[：:]?")
_HEADING_COLON = re.compile(r"(主要职责是|主要职责为|主要职责|主要职能是|主要职能|设下列内设机构|内设机构如下|"
                            r"主要负责(?=[：:]$)|"
                            r"(?:工作|部门|单位|基本|学校|中心)职[责能]|(?:主要)?职[责能](?:配置)?如下|业务范围)[：:]")
# A site's profile gives a section on one line, `内设机构：办公室、…`: the heading opens it.
# (`内 设 机 构 : 办 公 室 、…` in a scan read by OCR: the characters joined, the spaces round the colon kept)
_HEADING_BEFORE_LIST = re.compile(r"^(?:内设机构|机构设置|科室设置|人员编制|编制情况)[ \u3000]*[：:][ \u3000]*(?=\S)")


# `【部门职责】1.负责…；2.…`: a bracketed heading runs its first item on.
_BRACKETED_HEADING = re.compile(r"^【(?:部门|单位|机构|主要)?职[责能](?:职责|简介)?】"
                                r"(?=[（(][一二三四五六七八九十1-9]|[1-9][.、．])")
# `主要职责是(一)负责…`: budget pages run the first item on without a colon.
_HEADING_BEFORE_LABEL = re.compile(r"(主要职责是|主要职责为|主要职能是|主要职能为|主要职责如下|职责是|"
                                   r"(?:主要)?职[责能]有(?:这么|以下|如下)?[一二三四五六七八九十几\d]*项|"
                                   r"(?:主要)?职[责能](?:配置)?如下)[：:]?"
                                   r"(?=[（(][一二三四五六七八九十1-9]|[1-9][.、．]|一是)")
# A form's duty field with its first item in the next cell (`主要职责<tab>(a) 承担…`, the rest under it, each
# in that column): the field heads the list.
_FIELD_CELL_BEFORE_LABEL = re.compile(r"^(?:单位|部门|机构)?(?:主要|基本)?职[责能](?:任务)?[ \u3000]*\t[\t \u3000]*"
                                      r"(?=[（(][一二三四五六七八九十1-9a-z]|[1-9][.、．)）]|[a-z][)）.]|一是)")
# A registration form's `主要任务：1)接收…` (its next lines the next items): the field heads the list.
_TASK_FIELD_BEFORE_LABEL = re.compile(r"^(?:主要|基本|工作)任务[ \u3000]*[：:][ \u3000]*"
                                      r"(?=[（(][一二三四五六七八九十1-9]|[1-9][.、．)）]|一是)")
# An annual report's `宗旨和业务范围<tab>保障…。`, a form's `主要职责<tab>以…为宗旨。`, over the numbered items in
# the next rows: the field heads them (its cell a sentence, not a table's next column).
_SCOPE_FIELD_CELL = re.compile(r"^(?:宗旨和业务范围(?:[（(]主要职责[）)])?|(?:单位|部门|机构)?(?:主要|基本)?职[责能])"
                               r"[ \u3000]*\t[\t \u3000]*(?=[^\t]{4,}。$)")
# Budget pages (部门预算/决算) head their duty list `(一)职能职责`, `1、部门主要职责`.
_MINOR_HEADING = re.compile(rf"(?:[{HAN}（）()]{{2,30}}?的)?(?:部门|单位|机构)?(?:主要|基本)?"
                            r"(?:职能职责|职责职能|职责|职能|职责任务)(?:简介|概述)?"
                            r"|(?:部门|单位)?(?:主要)?机构设置|内设机构")


_LABOUR_HEADING = re.compile(rf"(?:[{HAN}]{{2,16}}?的)?(?:有关)?(?:职[能责]边界|职责分工)")
_PART_HEADING = re.compile(r"(?<=\s)第[一二三四五六七八九十]{1,2}部分")
# A flattened copy runs a budget page's `(一)职能职责` on into what follows: `(一)职能职责 一是负责…`,
# `一、单位职责 XX局隶属于…，主要职责是`; a report its paragraph: `（一）部门职能。县林业局是…主要职能为：1、…`.
_MINOR_HEADING_RUN_ON = re.compile(
    r"(?:^|(?<=\s))(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])\s*"
    r"(?:" + _MINOR_HEADING.pattern + r"|(?:部门|单位)?(?:职能|职责)简介)(?:[。：:]|(?=\s))(?=\s*\S)")


# A bare section heading between a page's chrome and the first item of its list, all on one line:
# `… 分享到： 微信 内设机构 (一)办公室 职责：…`.
# (or closing a sentence: `…生产资料流通的职能部门。 主要职能： 1.贯彻执行…`,
# `…编制数：6 宗旨和业务范围（主要职责）：（1）…`)
_BARE_HEADING = re.compile(r"(?<=\s)(?:内设机构|主要职责|主要职能|主要任务|职能职责|工作职责|部门职责|机构职能|"
                           rf"基本职能|职能转变|人员编制)(?=\s+(?:[（(][一二三四五六七八九十]|[1-9][.、．]|[{SOLID_BULLETS}]))|"
                           r"(?<=\s)(?:宗旨和业务范围(?:[（(]主要职责[）)])?|主要职责|主要职能|主要任务|职能职责|工作职责|"
                           r"部门职责|基本职能|职责)[：:]"
                           rf"(?=\s*(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|[1-9][.、．)）]|[①-⑳]|[{SOLID_BULLETS}]))")


# A numbered section heading glued onto a page's chrome when the spaces between Chinese characters went:
# `…字号：大中小一、主要职责`.
_GLUED_SECTION_HEADING = re.compile(rf"(?<=[{HAN}])(?<!第)[一二三四五六七八九十]{{1,2}}、"
                                    r"(?=(?:主要职责|主要职能|职能职责|机构设置|内设机构|人员编制)(?:[：:]|\s|$))")


# The closing item of a duty list run on into what follows in a flattened copy: `…交办的其他事项。内设机构：…`.
_CLOSING_ITEM_RUN_ON = re.compile(rf"交办的其[他它](?:任务|事项|工作)[。.](?=[\s\u3000]*[{HAN}])")


def _cuts_after_headings(key: str) -> list[int]:
    """Prose after `主要职责是：` starts a new line so the heading can open its section;
    so does a budget page's `第二部分` or a bare heading in a flattened copy."""
    ends = [m.end() for m in _HEADING_COLON.finditer(key)] + [m.end() for m in _HEADING_BEFORE_LABEL.finditer(key)]
    ends += [m.end() for m in _HEADING_BEFORE_LIST.finditer(key)] + [m.end() for m in _BRACKETED_HEADING.finditer(key)]
    ends += [m.start() for m in _PART_HEADING.finditer(key)] + [m.start() for m in _BARE_HEADING.finditer(key)]
    ends += [m.start() for m in _GLUED_SECTION_HEADING.finditer(key)]
    ends += [m.end() for m in _MINOR_HEADING_RUN_ON.finditer(key)]
    ends += [m.end() for m in _FIELD_CELL_BEFORE_LABEL.finditer(key)]
    ends += [m.end() for m in _SCOPE_FIELD_CELL.finditer(key)]
    ends += [m.end() for m in _TASK_FIELD_BEFORE_LABEL.finditer(key)]
    ends += [m.end() for m in _CLOSING_ITEM_RUN_ON.finditer(key)]
    ends += [m.start() for m in _OWN_DUTIES_LEAD.finditer(key)]
    return [end for end in ends if 0 < end < len(key)]


# `…公益一类事业单位。我们的职责：` over a list: the lead opens a line of its own
_OWN_DUTIES_LEAD = re.compile(r"(?<=[。！!])(?:我们|我局|我站|我所|我中心|我单位|本单位)的(?:主要)?职[责能]"
                              r"(?:是|有|包括)?[：:]$")


def _with_city_from_text(name: str, keys: list[str]) -> str:
    """A file named after `苇港区X局` whose page names `栖梧市苇港区X局`, a page titled `X镇人民政府` under
    the header `Y县X镇人民政府`: the page's full name."""
    government = government_of(name) or ""
    levels = "省|自治区|市|州|盟" + ("" if government else "|县|区|旗")
    for key in keys:
        for match in re.finditer(rf"(?:(?<![{HAN}])|(?<=更名为)|(?<=组建|设立|成立))"
                                 rf"([{HAN}]{{2,8}}?(?:{levels}))" + re.escape(name), key):
            # the place past a clause's opening words (`我局对X市Y局`), or after a renaming (`…更名为X市Y区河道管理所`)
            # (`，设立X市Y区Z局`: the verb after a comma opens no place)
            named = re.sub(r"^(?:设立|设置|组建|成立|更名为)", "", match.group(1))
            place = next((named[cut:] for cut in range(len(named) - 1) if is_plain_place(named[cut:])), "")
            if place and government_of(place + name) == place + government:
                return place + name
    return name


def _document_government(department: str | None, keys: list[str], heads: list[str], file: str) -> str | None:
    """The government of the department: its name's place, spelled out as the text spells it."""
    government = _district_with_city(government_of(department), heads)
    if government == "国务院" and department:
        government = _stationed_at(department, keys) or government
    if government and government.endswith("州") and \
            any(government + "市" in key or re.search(r"是市(?:人民)?政府的?派出机构", key) for key in keys):
        government += "市"  # `眙州高新区管委会` of the city the text calls 眙州市, or whose 派出机构 it is
    if government is None and department and _TOWNSHIP_UNIT.match(department):
        government = _county_of_township(keys) or _county_of_township_in_file(department, file) or \
            _only_county_named(keys)
    if government is None and department and department[0] not in "省市县区州旗":
        # A unit without a place (`校外教育培训监管司`) takes its parent's; `县人社局` is no ministry's.
        government = _government_from_context(keys)
    elif department is None:
        government = _government_named_in_duties(keys)
    return government


# A national body's local team, named by the stem of its place without a level (`国家统计局X水调查队`,
# `…监管分局Y水监管支局`): it sits in the county or city the text names with that stem.
_NATIONAL_LOCAL_UNIT = re.compile(rf"^国家[\u4e00-\u9fff]{{1,30}}?局(?P<stem>[{HAN}]{{2,3}})"
                                  r"(?:调查队|调查分队|监管支局|监管分局)$")


def _stationed_at(department: str, keys: list[str]) -> str | None:
    unit = _NATIONAL_LOCAL_UNIT.match(department)
    if unit is None:
        return None
    stem = unit.group("stem")
    return next((stem + match.group(1) for key in keys for match in re.finditer(re.escape(stem) + r"([县市区旗])", key)
                 if government_of(stem + match.group(1) + "人民政府") == stem + match.group(1)), None)


def _district_with_city(government: str | None, keys: list[str]) -> str | None:
    """A district's government as the text spells it with its city (`炅州市焜湖区` in the header of the
    page of `焜湖区劳动人事争议仲裁院`): a district is named after its city."""
    if not government or not re.fullmatch(rf"[{HAN}]{{1,4}}区", government):
        return government
    for key in keys:
        for match in re.finditer(rf"(?<![{HAN}])([{HAN}]{{2,8}}?(?:市|州|盟))"
                                 + re.escape(government), key):
            if government_of(match.group(0) + "人民政府") == match.group(0):
                return match.group(0)
    return government


# `负责云陂县林业…` in a fragment of duties: a place at the start of a clause or as what its unit is
# responsible for; after other verbs it is as often a slogan (`实施质量强县战略`, `推进农业强区建设`).
_PLACE_IN_DUTY = re.compile(rf"(?:(?<![{HAN}])|(?<=负责))"
                            rf"([{HAN}]{{2,3}}?[省市县区旗])(?![委级直属内外域城镇区长])")
# `质量强县`, `科技兴市`, `旅游名县`, `经济大区`: a goal, no place.
_SLOGAN_PLACE = re.compile(r"[强兴名大富美][省市县区旗]$")


def _government_named_in_duties(keys: list[str]) -> str | None:
    """A fragment that names no department: the government of the level its duties speak of (`全县`,
    `县委、县政府`) when they name a place of that level (`负责云陂县林业和草原…`)."""
    text = "".join(keys)
    counts = {level: text.count("全" + level) + text.count(level + "委") for level in "省市县区旗"}
    level = max(counts, key=lambda key: counts[key])
    if not counts[level]:
        return None
    for key in keys:
        for match in _PLACE_IN_DUTY.finditer(key):
            place = match.group(1)
            if place.endswith(level) and place not in _NOT_PLACE_WORDS and not _DUTY_VERB.match(place) and \
                    not _SLOGAN_PLACE.search(place) and \
                    not re.search(r"[的和与及将在为是全本各该订定第条局丶]", place) and \
                    not re.match(r"根据|按照|依据|依照|经|由|对|承办|完成|办理", place) and \
                    not place.startswith(NOT_PLACE_STARTS):  # `根据县人民政府统一部署`, an article's `走进县音协`
                return place
    return None


_NOT_PLACE_WORDS = {"城市", "都市", "超市", "社区", "小区", "园区", "城区", "市区", "辖区", "景区", "矿区", "林区",
                    "山区", "库区", "街区", "校区", "开发区", "示范区", "保护区", "功能区", "风景区"}


# `矝口镇经济发展办公室`: a township's unit named without its county (not `城乡规划局`, `乡镇企业局`)
_TOWNSHIP_UNIT = re.compile(rf"^[{HAN}]{{1,3}}(?<!城)[镇乡](?![镇村])")
# `根据《矡江县乡镇机构改革实施方案》`, `经韖阳县机构编制委员会研究同意`, `由韖阳县委机构编制委员会办公室负责解释`:
# the county whose reform set the township's units up
# (or the county bureau it reports to: `…由乡人民政府任用，报歆阳县民政局备案`)
_COUNTY_BODY = re.compile(rf"(?:^|[《“（(，,。：:\s]|(?<=经|由|据|照|报))([{HAN}]{{1,6}}?[县区旗市])"
                          rf"(?=乡镇|人民政府|机构编制|委|[{HAN}]{{1,8}}?局(?:备案|审批|批准|核准))")


def _county_of_township(keys: list[str]) -> str | None:
    """The county a township unit's text names as the one whose bodies set it up (the township is no
    government in the county's evaluation, the county is)."""
    for key in keys:
        for match in _COUNTY_BODY.finditer(key):
            place = re.sub(r"^(?:经|由|据|照|报|根据|依据|按照)", "", match.group(1))
            if _governs(place):
                return place
    return None


def _county_of_township_in_file(department: str, file: str) -> str | None:
    """The county a file names before the township (`孚川县孥岭乡计生站职责.txt` of `孥岭乡计划生育服务站`)."""
    town = _TOWNSHIP_UNIT.match(department)
    named = department_from_file_name(for_matching(file))
    county = government_of(named)
    return county if town and county and named and named.startswith(county + town.group(0)) else None


def _only_county_named(keys: list[str]) -> str | None:
    """The one county whose bodies a township unit's text names (`主任传达鬺川县农业农村局的文件`), if
    it names no other place's."""
    places = {place for key in keys for _, _, name in department_mentions(key) if (place := government_of(name))}
    county = next(iter(places)) if len(places) == 1 else ""
    return county if county.endswith(("县", "旗")) and _governs(county) else None


def _governs(place: str) -> bool:
    """Whether `place`, found before a word in running text, is the name of a government."""
    return is_plain_place(place) and government_of(place + "人民政府") == place


_PARENT_GOVERNMENT = re.compile(rf"(?:是|为|隶属于?)([{HAN}]{{2,10}}?[省市县区旗州盟])人民政府的?"
                                r"(?:派出机构|派出机关|直属|工作部门|组成部门)")
# `…管理局（以下简称保护区管理局）为牖南省林业厅直属的公益一类事业单位`: a unit of a placed department
_PARENT_DEPARTMENT = re.compile(rf"(?:是|为|隶属于?)([{HAN}]{{2,10}}?[省市县区旗盟])"
                                rf"[{HAN}]{{2,16}}?(?:厅|局|委员会|委)(?:直属|所属|管理)的?"
                                r"[^，,。]{0,10}?(?:事业单位|单位|机构)")


def _government_from_context(keys: list[str]) -> str | None:
    """A unit without a place in its name (`校外教育培训监管司`, `X经济技术开发区管理委员会`) takes its
    parent's government (`是X市人民政府的派出机构`)."""
    for key in keys[:20]:
        parent = _PARENT_GOVERNMENT.search(key)
        if parent:
            return parent.group(1)
        parent = _PARENT_DEPARTMENT.search(key)
        if parent and _governs(parent.group(1)):
            return parent.group(1)
    for key in keys[:20]:
        for name in find_departments(key):
            if government_of(name) == "国务院":
                return "国务院"
    return None


# `（根据《X职能配置、内设机构和人员编制规定》整理）` under a page's `X主要职责`: where the text comes from, no title
_SOURCE_NOTE = re.compile(r"^[（(][^（）()]*《[^》]+》[^（）()]*[)）]$")


def _find_title(lines: list[Line]) -> tuple[int | None, int | None]:
    """Index of the rules' own title and of a publishing notice's title, if any."""
    _join_split_title(lines)
    title = notice = None
    for index, line in enumerate(lines[:30]):
        key = line.key
        if notice is None and len(key) <= 90 and (_ADJUSTMENT_NOTICE.search(key) or _duties_notice(key)):
            notice = index
            continue
        # (not a form's note `2．“主要职责”按“三定”规定或批复文件填写，不得自行增减；`)
        if len(key) > 90 or not _TITLE.search(key) or key.endswith(("。", "：", ":", "；", ";")) or \
                _SOURCE_NOTE.match(key):
            continue
        if key.count("。") or _DUTY_VERB.match(key) or _related_link(lines, index):
            continue
        if _NOTICE.search(key):
            notice = index if notice is None else notice
        elif title is None:
            title = index
    return title, notice


# `关于市农技推广站职责任务的通知` over the list it issues, with no lead line or heading
# (a scan joins the document number to it: `…的通知魭农字(1991)X号`)
_DUTIES_NOTICE = re.compile(r"关于(?:印发|明确|下达|重新明确)?[《“]?(.{2,40}?)[》”]?的(?:通知|决定|批复)"
                            r"(?:[\u4e00-\u9fff]{1,8}[〔\[［（(][\d〇○零一二三四五六七八九]{4}[〕\]］）)][\dXＸ]{1,4}号)?")


def _duties_notice(key: str) -> bool:
    """Whether `key` is a notice's title that names a body's duties (`关于印发《X局职责》的通知`)."""
    match = _DUTIES_NOTICE.fullmatch(key)
    return bool(match and _NAMED_DUTIES_HEADING.fullmatch(match.group(1)))


def _join_split_title(lines: list[Line]) -> None:
    """A title set on two lines (`…职能配置、` / `内设机构和人员编制方案`) becomes one."""
    for index in range(min(30, len(lines) - 1)):
        first, second = lines[index], lines[index + 1]
        # (or a break before the `和`: `…职能配置、内设机构` / `和人员编制方案`)
        if len(first.key) <= 40 and (first.key.endswith(("、", "和", "职能配置", "主要职责")) or
                                     first.key.endswith("内设机构") and second.key.startswith("和")) and \
                re.search(r"(规定|方案)$", second.key) and len(second.key) <= 40 and \
                not _TITLE.search(first.key):
            lines[index] = Line(first.orig + second.orig, first.key + second.key)
            del lines[index + 1]
            return


def _is_wrapper(key: str) -> bool:
    return any(pattern.search(key) for pattern in _WRAPPER)


# `第四条 市审批局负责下列事项：` (not a regulation's `有关部门应当履行下列职责：`)
_OWN_LIST_ARTICLE = re.compile(r"(?:(?!应当)[^，,。；;]){2,30}?(?:负责|承担|履行)(?:下列|以下|如下)"
                               r"(?:事项|职责|工作)[：:]?")


_LEADS_TO_DUTIES = re.compile(r"(?:。|[（(](?=[^（）()]+$))[^。]{2,40}?(?:主要职责|主要职能)(?:是|为|有|如下)?[：:]$")
_ASKS_FOR_DUTIES = re.compile(r"^(?:简答题|问答题|论述题)?[：:]?请(?:写出|列出|简述|概括|说出)"
                              r"[^。？?]{0,40}?(?:主要职责|主要职能)")


_UNIT_DUTIES_LEAD = re.compile(r"(?:[^。：:]{0,40}[。，,])?[\u4e00-\u9fff]{1,8}(?:办公室|科|股|室|处|部|队)"
                               r"(?:的)?(?:主要)?职[责能](?:是|为|如下)?[：:]$")


def _heading_section(label: Label | None, rest: str, uses_top_headings: bool) -> str | None:
    """The section a heading line opens, if the line is a heading."""
    if label is None:
        return _unlabelled_heading_section(rest)
    if label.level in ("B", "C", "D"):
        short = rest.rstrip("：:。 \u3000")
        if _LABOUR_HEADING.fullmatch(short):
            return "labour"  # `（二）与其他部门的职能边界` after `（一）基本职能`
        return _short_heading_word(short) if _MINOR_HEADING.fullmatch(short) else None
    if label.level == "article":
        if _OWN_LIST_ARTICLE.fullmatch(rest):
            return "duties"  # `第四条 X局负责下列事项：` under a chapter `第二章 主要职责`
        return _section_word(rest) or ("preamble" if _article_no(label) <= 2 else "other")
    if label.level == "A":
        short = rest.rstrip("：:。 ")
        if _ASKS_FOR_DUTIES.search(short) or _LEADS_TO_DUTIES.search(rest):
            # a quiz's `二、简答题：请写出…的主要职责。（40分）` over its 参考答案, a record's `二、集体学习…。支部书记
            # 领学了本站主要职责：` over the list, an agenda's `三、9:30　馆长介绍本馆（县文化馆主要职责：`
            return "duties"
        if _PAGE_SECTION.fullmatch(short):
            return "other"  # an annual report's `一、开展业务活动情况` after its 业务范围
        if len(short) <= 20 and re.search(r"的(?:主要)?职[责能]$", short) and _NAMED_DUTIES_HEADING.fullmatch(short):
            return "duties"  # a report's `一、县老龄办的职责` over its list
        # (nor an 编办's `三、负责乡镇党政机构和人员编制的管理。` a heading of 人员编制)
        if len(short) <= 20 and not BOILERPLATE.search(short) and not _DUTY_OPENING.match(short):
            found = _short_heading_word(short)
            if found:
                return found
            # `第二，承担…工作。`: a duty labelled like the headings, a sentence
            sentence = re.search(r"[，,；;]", short) or len(short) >= 8 and rest.rstrip().endswith(("。", "；", ";"))
            if uses_top_headings and not sentence:
                return "other"
        run_in = re.match(r"([^：:，,。；;]{2,10})[：:]", rest)  # `三、编制和领导职数：核定事业编制20名…`
        if run_in and run_in.end() < len(rest) and _section_word(run_in.group(1)) in ("staffing", "divisions"):
            return _section_word(run_in.group(1))
    return None


_DUTY_OPENING = re.compile(r"(?:负责|承担|拟订|拟定|指导|协助|参与|配合|会同|审核|核定|办理)(?!.*[：:]$)")


def _topic_section(topic: re.Match[str], rest: str) -> str:
    """A yearbook entry's `【机构职能】…`, `【安全生产】2024年，…` (a post's `【置顶】…我们的主要职责是：`), a script's
    `【画外音】县疾控中心主要职责：`, an H5 page's `【第3屏】我们管什么`."""
    after = rest[topic.end():].strip().rstrip("：:？? ")
    if after and (_NAMED_DUTIES_HEADING.fullmatch(after) or _ASKS_WHAT_IT_DOES.fullmatch(after)):
        return "duties"
    return _short_heading_word(topic.group(1)) or ("duties" if _DUTIES_LEAD_IN.search(rest) else "other")


_ASKS_WHAT_IT_DOES = re.compile(r"[^，,。]{0,6}(?:管什么|干什么|做什么|负责什么|负责哪些工作|主要职[责能])")


def _unlabelled_heading_section(rest: str) -> str | None:
    short = rest.rstrip("：:。 ")
    if _PAGE_SECTION.fullmatch(short):
        return "other"
    if rest.rstrip().endswith(("？", "?")) and len(rest) <= 40:
        return _question_section(rest)
    if re.fullmatch(r"附(?:件\d?)?[：:]\s*(?:主要职责|职责|主要职能)", short):
        return "duties"  # a notice's `附：主要职责`
    # a table's note under the last row; `机构领导：…` `联系电话：…` under a page's unnumbered duty lines; the header
    # of a table of units (`序号　单位名称　主要职责　编制`): its rows are other units' duties
    # A post's description (the duties of its post after those of its unit), the next item of a meeting's record
    # (`议题二：`), a script's next scene (`第4场　…`) are no duties either.
    if re.match(r"(?:注|备注|(?:填表|填报|编制)?说明)[：:]", rest) or _PAGE_FIELD.match(rest) or \
            _UNITS_TABLE_HEADER.match(rest) or re.fullmatch(r"本(?:职位|岗位)(?:工作|主要)?职[责能]", short) or \
            re.match(r"议题[一二三四五六七八九十\d]{1,3}[：:]|第[一二三四五六七八九十\d]{1,3}[场幕集][\s\u3000]", rest):
        return "other"
    caption = _TABLE_CAPTION.match(rest)
    if caption and len(rest) <= 30:
        return _caption_section(rest[caption.end():])
    topic = _YEARBOOK_TOPIC.match(rest)
    if topic:
        return _topic_section(topic, rest)
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{0,4}(?:单位|部门|机构))?(?:主要|基本)?职[责能][（(][^（）()]{2,20}[)）]",
                    short):
        return "duties"  # a form's `单位主要职责（按机构编制方案填写）：`, `走访单位职责（向走访对象宣讲）：`
    noted = re.fullmatch(r"([^，,。；;]{2,20})[（(](?:主要)?职[责能][)）]", short)
    if noted:  # a form's `宗旨和业务范围（主要职责）：`
        return _short_heading_word(noted.group(1)) or "duties"
    if _NAMED_DUTIES_HEADING.fullmatch(short):  # a portal's `X县住房和城乡建设局（县人民防空办公室）主要职责`
        return "duties"
    if len(short) <= 12 and "，" not in short and "," not in short and not short.endswith("说明书"):
        # a form's field spread to the width of the others: `职　　责：` (a `部门职责说明书`'s title opens no list)
        return _short_heading_word(_despaced_heading(short))
    # (a form's note before the colon: `三定规定确定的主要职责（逐项填写）：`)
    heading = _HEADING_COLON.search(re.sub(r"[（(][^（）()]{1,10}[)）](?=[：:]$)", "", rest))
    if heading and rest.endswith(("：", ":")):
        return _short_heading_word(heading.group(1))
    if _DUTIES_LEAD_IN.search(rest) or \
            re.search(r"主要职责调整为[：:]?$", rest) and not re.search(r"拟[^。，,]{0,20}主要职责调整为", rest):
        return "duties"  # a chronicle's `主要职责调整为：`, not a request's `拟将X主要职责调整为：`
    if _NEXT_ENTRY.match(rest):
        return "other"
    return None


_TABLE_CAPTION = re.compile(r"表[一二三四五六七八九十\d]{1,3}[ \u3000：:、．.]+")


def _caption_section(named: str) -> str:
    """A table's caption: `表一　单位职责` opens the duties, `表二　指挥调度股职责` (a division's) and
    `表三　近三年事件办理情况` close them."""
    if re.search(r"(?:[股科室处所队]|内设部门|内设机构|下设机构)职[责能]$", named):  # (`表2　内设部门职责`)
        return "other"
    return _unlabelled_heading_section(named) or "other"


# A chronicle's next entry (`1998年5月　…`), a chat's next message (`2023-03-01 16:31 葛XX（镇文化站）`).
_NEXT_ENTRY = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?[ \u3000]|"
                         r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?[ \u3000]+"
                         r"[^\s，,。]{1,24}$|"
                         # (the sender first: `柯XX 2023-04-11 09:15`, `邱XX 08:55`)
                         # (`石塘村 王会计 3月14日 09:20`: a sender of two words, the day in words)
                         r"[^\s，,。：:]{1,12}(?:[ \u3000]+[^\s，,。：:\d]{1,8})?[ \u3000]+"
                         r"(?:(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[ \u3000]+|\d{1,2}月\d{1,2}日[ \u3000]+)?"
                         r"\d{1,2}:\d{2}(?::\d{2})?$|"
                         # (or in brackets before the message: `【X村 老陈】收到`)
                         r"【[^】\s]{1,12}[ \u3000][^】\s]{1,8}】")


def _despaced_heading(short: str) -> str:
    """`职　　责` spread to a form's width, `职　责　范　围` spaced out as a title: the words together again."""
    if re.fullmatch(r"(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]", short):
        return re.sub(r"[ \u3000]+", "", short)
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff]$)", "", short)


# `…，作业点的职责是：`: a lead that names whose duties follow
_NAMED_BODY_DUTIES_LEAD = re.compile(r"(?:^|[。，,])(?![本我])[\u4e00-\u9fff]{2,8}的(?:主要)?职[责能]"
                                     r"(?:是|为|如下|包括)?[：:]$")
# `X中心为X局所属公益一类事业单位，…主要职责：`: a unit beneath the body, and its duties
_SUBORDINATE_LEAD = re.compile(r"([\u4e00-\u9fff]{2,30}?)(?:为|是)[\u4e00-\u9fff]{2,30}?(?:所属|下属|直属)")
# A sentence that ends by opening the duties: `主要职责是：`, `主要职责有这么几项：`.
_DUTIES_LEAD_IN = re.compile(r"(主要职责是|主要职责为|主要职能是|主要职能为|主要职责如下|主要职[责能]包括|职责是|"
                             # (one body's: `现将常委会办公室职责明确如下：`, not a 分工's `各有关部门职责明确如下：`)
                             r"职责范围如下|(?:(?<=[局委办站所队室院馆社])|(?<=中心))职[责能](?:明确|确定|规定)如下|"
                             r"(?<=[。！])主要职[责能]|主要承担[两几一二三四五六七八九十\d]{1,3}(?:项|个方面)职[责能]|主要职[责能]有(?:这么|以下|如下)?[几一二三四五六七八九十\d]{0,3}(?:项|个方面|条)?)[：:]?$")
# (a salt or tobacco company that was its trade's bureau too: `X县盐业公司（县盐务管理局）职责`)
_NAMED_DUTIES_HEADING = re.compile(rf"[{HAN}]{{2,40}}?(?:{ORG_END}|公司(?=[（(]))(?:[（(][^（）()]{{2,30}}[)）])?"
                                   # (a division's page: `X局优抚安置股工作职责`; a table of them: `X局股室职责`)
                                   r"(?:[\u4e00-\u9fff]{2,8}?[股科]|(?:内设)?[股科]室(?:及|和)?)?"
                                   r"(?:的)?[\s\u3000]*(?:主要职责|主要职能|职能职责|部门职责|机构职能|业务范围|工作职责|职责|职能(?=一览|简介|栏目|概览|[（(]|$))"
                                   # (a table's title: `X局职责及依据清单`, `X局职责事项一览表`)
                                   r"(?:事项|范围|任务)?(?:及(?:设定|法定)?依据)?(?:清单|一览表?|简介|栏目|概览)?"
                                   r"(?:[（(][^（）()]{2,16}[)）])?")  # (`…主要职责（2018年）`, `…职责（试行）`)


# What a site's page about a department shows after its lists, each under a heading of its own:
# what follows is none of the duties or divisions.
_PAGE_SECTION = re.compile(r"领导分工|领导班子|领导信息|领导简介|单位领导|现任领导|领导成员|联系方式|联系我们|"
                           r"办公地址|办公时间|下属单位|直属单位|所属单位|所属事业单位|"
                           r"开展业务活动情况|相关资质认可或执业许可证明文件及有效期|受奖惩及诉讼案件|"
                           r"接受捐赠资助及使用情况|绩效和受奖惩(?:及诉讼投诉)?情况|"
                           # a chat's roll of who has read the notice (`接龙报名周五志愿者`)
                           r"接龙[\u4e00-\u9fff]{0,10}|"
                           # a report's year (`三、2023年工作完成情况`, `四、2024年工作打算`)
                           r"(?:(?:19|20)\d{2}年度?)(?:主要)?工作(?:完成|开展)?情况|(?:(?:19|20)\d{2}年度?)工作(?:打算|计划|要点)")


_YEARBOOK_TOPIC = re.compile(rf"【([{HAN}0-9０-９]{{2,10}})】")  # a script's `【镜头3】` too
# What follows a list on a page or a form as `field：value` lines or a footer: a site's address and host
# (`X办公室主办`, `备案序号：…ICP备…`), an annual report's 住所, 法定代表人, 开办资金 ….
_PAGE_FIELD = re.compile(r"(?:机构|单位|部门|现任)?领导(?:班子|信息|成员)?[：:]|(?:联系|办公|值班)(?:电话|地址)[：:]|"
                         r"(?:单位|机构)?地址[：:]|邮编[：:]|附件?[：:]|住所[：:]|法定代表人[：:]|开办资金[：:]|经费来源[：:]|举办单位[：:]|"
                         r"资产损益情况[：:]|开展业务活动情况[：:]|网上名称[：:]|备案序号|版权所有|网站标识码|"
                         # a profile's address, contact, hours and links: `所址：`, `联系人：`, `开放时间：`
                         r"[\u4e00-\u9fff]?址[：:]|联系人[：:]|(?:办公|服务)地点[：:]|(?:开放|工作|办公|服务)时间[：:]|"
                         r"(?:办事|服务)窗口[：:]|"
                         # `报名时间：每年八月下旬。报名地点：…` under a school's list
                         r"[\u4e00-\u9fff]{0,4}(?:时间|地点)[：:]|"
                         # `信访接待地址：…`, `网络投诉：登录…` under a portal's list
                         r"[\u4e00-\u9fff]{2,6}(?:地址|电话|邮箱)[：:]|(?:网络|网上)投诉[：:]|"
                         r"相关链接[：:]|(?:预约|咨询|服务|监督|举报|投诉)热线|监督电话[：:]|欢迎[^。]{0,40}[！!]$|"
                         # `科研团队：现有在编人员21人…` under an institute's list
                         r"[\u4e00-\u9fff]{0,4}(?:团队|队伍|人员构成|人员情况)[：:]|"
                         # `班级数：6个　在园幼儿：168人`: a short field with a figure
                         r"[\u4e00-\u9fff]{2,6}[：:]\s*[^，,。；;：:\s]{0,12}\d[^，,。；;]{0,12}(?:\s|$)|"
                         r"[^\s，,。；;]{2,30}主办$|[—\-－]+\s*END\s*[—\-－]+|"
                         # a WeChat article's close: `👉 想成为志愿者？`, `☎ 咨询电话：`, `编辑：X　审核：Y`
                         r"👉(?![^，,。]{0,10}(?:职责|职能|业务范围))|[☎📞✉]|(?:咨询|服务|举报|投诉)电话[：:]|"
                         # `有事找工商联，咨询电话：…`, `长按识别二维码`, `阅读 1286　赞 37`
                         r"[^，,。；;]{2,12}[，,](?:咨询|服务|举报|投诉|联系)电话[：:]|长按(?:识别|扫描|扫码)|"
                         r"阅读\s*\d+\s*(?:赞|在看|点赞)|"
                         r"(?:责任)?编辑[：:][^，,。]{1,12}(?:\s|$)|(?:信息)?(?:来源|发布时间|发布日期|发布机构|发布单位)[：:]|"
                         r"发布于\s*(?:19|20)\d{2}[-/.年]|"  # a post's footer
                         r"[（(](?:更新|发布|修订|公开)(?:时间|日期)[：:]|"  # `（更新时间：2020年6月）` under a list
                         # `中心主任：X`, `局长：X`: the head of the body after its list
                         r"[\u4e00-\u9fff]{0,4}(?:主任|局长|书记|馆长|站长|校长|院长|所长|队长|会长|主席)[：:]"
                         r"[\u4e00-\u9fff][\u4e00-\u9fffX×＊*○]{1,3}(?:\s|$)|"  # (a name masked `滕XX`)
                         # a transcript's next turn: `委员　刘某某：…`, `县医保局局长　王某某：…`
                         r"[\u4e00-\u9fff]{0,12}(?:主持人|委员|代表|记者|网友|嘉宾|主任|局长|书记|主席|[市县区镇乡]长)"
                         r"[\s\u3000]+[\u4e00-\u9fff]{2,4}[：:]")


# Budget pages head the duty list `部门职责`, `职能职责`, `单位职责`, an institution's annual report `业务范围`:
# words that open a section only as a short heading (in running text `本部门职责范围内` is no heading).
_SHORT_DUTIES_HEADING = re.compile(r"主要负责$|(?:部门|单位|机构|职能|职责|基本|工作|核心|学校|中心|实施主体|我们的|"
                                   r"[馆院站所队])(?:执法|法定|现有)?职[责能]|"  # (a form's `所在单位执法职责：`)
                                   r"(?:主要)?职[责能](?:配置)?如下|职责范围|业务范围|(?:部门|单位|机构)?职[责能]简介|"
                                   r"主要业务|业务职能|"  # a portal's `主要业务` over its headings
                                   r"^[甲乙]方[\u4e00-\u9fff]{0,6}?职[责能]$|"  # a pledge's `乙方消防安全职责`
                                   r"^(?:安全生产|消防安全)职责$|"  # a department's `安全生产职责清单`
                                   # a street's 权责清单: `第一部分　主体职责` (its `配合职责` are other bodies')
                                   r"^(?:第[一二三四五六七八九十]{1,2}部分[\s\u3000]*)?主体职责$")
# The part of a street's 权责清单 that lists what it helps others with: `第二部分　配合职责`.
_ASSISTING_DUTIES_HEADING = re.compile(r"(?:第[一二三四五六七八九十]{1,2}部分[\s\u3000]*)?(?:配合|协助|协同)职责")


# `机构名称　主要职责` over a table of divisions, `内设机构及其主要职责`: the duties of the divisions.
_DIVISION_TABLE_HEADING = re.compile(r"^(?:序号[\s|｜]*)?(?:机构名称|内设机构|科室名称|处室名称|科室|处室|名称)"
                                     r"[\s|｜]*(?:及其?|和)?(?:主要职责|职责|主要职能|职能)")


def _short_heading_word(short: str) -> str | None:
    if _DIVISION_TABLE_HEADING.match(short):
        return "divisions"
    if _ASSISTING_DUTIES_HEADING.fullmatch(short):
        return "other"
    # an annex's bare `职责：`, a page's `职能配置`, an old notice's `职责范围`
    if re.fullmatch(r"(?:主要)?职[责能]|职责任务|职能配置|职责范围", short):
        return "duties"
    return _section_word(short) or ("duties" if _SHORT_DUTIES_HEADING.search(short) else None)


def _question_section(question: str) -> str:
    """An explainer's questions as headings (`问二：县卫健局主要承担哪些职责？`, `▍它主要管什么？`): the
    answer below is the section the question asks about; any other question ends the one before."""
    if re.search(r"内设机构|科室|股室|处室", question):
        return "divisions"
    if re.search(r"变化|调整|划[入出转]|新增", question):
        return "changes"
    if re.search(r"职责|职能|管什么|干什么|做什么|负责什么|负责哪些", question):
        return "duties"
    return "other"


def _section_word(text: str) -> str | None:
    for name, pattern in _SECTION_WORDS:
        if pattern.search(text):
            if name == "staffing" and "内设机构" in text and "行政编制" not in text:
                return "divisions"
            return name
    return None


def _article_no(label: Label) -> int:
    number = re.match(r"第(.+?)条", label.text)
    return (to_int(number.group(1)) or 99) if number else 99


_PARTY_SUBJECT = re.compile(r"^.{0,12}?(?:党工委|党委|党组|工委)(?:的)?(?:主要)?职[责能]|"
                            # `第二条　中共X镇委员会（以下简称镇党委）在…发挥领导作用。主要职责是：`
                            r"^(?:中共|中国共产党)[\u4e00-\u9fff]{2,20}?(?<!纪律检查)(?:委员会|党委|党工委|工委)(?![\u4e00-\u9fff])")


def _sectionize(body: list[Line], labour_document: bool = False) -> dict[str, Section]:
    """Walk the body lines and put every item and intro line into its section."""
    walker = _SectionWalker(labour_document)
    for line in body:
        walker.feed(line)
    return walker.sections


# A table's row as the list layouts leave it: its number cell, a tab, its duty cell.
_TABLE_ROW = re.compile(r"^\s*\d{1,3}\t")


class _SectionWalker:
    """The state of `_sectionize` while it walks the lines: the section and item a line
    belongs to, and the section an inline one (职能转变 inside 主要职责) returns to."""

    def __init__(self, labour_document: bool):
        self.labour_document = labour_document
        self.sections: dict[str, Section] = {}
        self.uses_top_headings = False
        self.current_name = "preamble"
        self.parent_of_inline: str | None = None
        self.current_item: Item | None = None
        self.duties_heading = ""  # the article that opened the duties
        self.openers: dict[str, str] = {}  # the first heading or lead line that opened each section
        self.row_item: Item | None = None  # the item read from a table's row (`7\t统计分析…`), whole on its line

    def section(self, name: str) -> Section:
        # (made when it gets its first line: a heading over nothing leaves no empty section behind)
        return self.sections.setdefault(name, Section(name, opener=self.openers.get(name, "")))

    def _label_of(self, key: str) -> tuple[Label | None, str]:
        label, rest = match_label(key)
        if label is None or label.level == "E" and (label.text[:1] in "lI" and _OCR_ONE.match(key) or
                                                     _OCR_BRACKET_LABEL.match(key) is not None):
            # (a scan's `l.` for `1.` reads as the letter of a list `a.` `b.` …, which cannot open at `l`)
            damaged = self._damaged_label(key)
            if label is None or damaged[0] is not None:
                return damaged
        return label, rest

    def _damaged_label(self, key: str) -> tuple[Label | None, str]:
        """The label of a line whose label a source or a scan damaged, if it has one."""
        level = self.sections[self.current_name].level if self.current_name in self.sections else None
        if _DAMAGED_LABEL.match(key) and level is not None:
            # Bytes lost at the source (`?。ǘ┮…`): an item whose label cannot be read.
            return Label(_rank_name(level), "?"), key[1:]
        comma = _OCR_COMMA_LABEL.match(key)
        sec = self.sections.get(self.current_name)
        last = sec.items[-1].label if sec and sec.items else None
        if comma and last is not None and last.level == "C" and \
                to_int(_label_core(last.text)) == int(comma.group(1)) - 1:
            # a scan's `3,` for `3.` in a list numbered `1.` `2.`: the next item
            return Label("C", comma.group(1) + "."), key[comma.end():]
        bracket = _OCR_BRACKET_LABEL.match(key)
        number = to_int(_label_core(last.text)) if last is not None and last.level == "D" else None
        if bracket and number is not None and (not bracket.group(1).isdigit() or int(bracket.group(1)) == number + 1):
            # a scan's `(l)` for `(2)` after `(1)`, its `(4」` for `(4)`: the next item, as its place says
            return Label("D", f"({number + 1})"), key[bracket.end():]
        letter = _OCR_LETTER_LABEL.match(key)
        if letter and last is not None and last.level == "C" and \
                to_int(_label_core(last.text)) == int(_OCR_DIGIT[letter.group(1)]) - 1:
            # a scan's `Z、` for `2、` after `1、`: the next item
            return Label("C", _OCR_DIGIT[letter.group(1)] + letter.group(2)), key[letter.end():]
        ocr_one = _OCR_ONE.match(key)
        if ocr_one and self.current_name == "duties" and not (self.sections.get("duties") and
                                                               self.sections["duties"].items):
            # a scan's `1、` read as `l、`: the first duty's label
            return Label("C", "1" + ocr_one.group(1)), key[ocr_one.end():]
        stroke = _OCR_STROKES_LABEL.match(key)
        if stroke and self.current_name == "duties" and (label := _label_of_strokes(stroke.group(1), last)):
            return label, key[stroke.end():]
        return None, key

    def _unlabelled_duties_heading(self, rest: str) -> str | None:
        """What an unlabelled line that reads as a duties heading opens where it stands."""
        if self.current_name == "divisions" and _UNIT_DUTIES_LEAD.match(rest):
            return None  # `办公室主要职责：` under `二、办事机构`: the unit's own duties, where it stands
        if "\t" in rest and self.sections.get("duties") and self.sections["duties"].items:
            return "other"  # `股室<tab>主要职责` after the unit's own table: the next table, of its divisions
        if self.current_name == "other" and self.sections.get("duties") and self.sections["duties"].items and \
                _NAMED_BODY_DUTIES_LEAD.search(rest):
            return None  # `三、乡镇作业点` over `…作业点的职责是：` after the unit's own list: the points' duties
        duties = self.sections.get("duties")
        subordinate = _SUBORDINATE_LEAD.match(rest)
        if duties and subordinate:
            # `县职工服务中心为县总工会所属公益一类事业单位，…主要职责：` after the body's own list, under the unit's
            # name on a line of its own (read as the list's last line): the unit's duties
            if duties.items and duties.items[-1].key == subordinate.group(1):
                duties.items.pop()
                return "other"
            if not duties.items and duties.intro and duties.intro[-1].key == subordinate.group(1):
                duties.intro.pop()
                return "other"
        return "duties"

    def feed(self, line: Line) -> None:
        label, rest = self._label_of(line.key)
        rest_orig = line.orig[len(line.key) - len(rest):]
        label_orig = line.orig[: len(line.key) - len(rest)].strip()
        opened = _heading_section(label, rest, self.uses_top_headings)
        if opened == "other" and label is None and self.current_name == "preamble" and _PAGE_FIELD.match(rest):
            opened = None  # `来源：市投促局　时间：…` over a portal's text: its chrome, not what follows a list
        if opened == "duties" and label is not None and label.level == "article" and \
                "duties" in self.sections and self.sections["duties"].items:
            if _PARTY_SUBJECT.search(self.duties_heading) and not _PARTY_SUBJECT.search(rest):
                # `第三条 街道党工委的主要职责…` before `第四条 街道办事处主要职责：`: the first list is the party's
                self.sections["party"] = self.sections.pop("duties")
            else:
                # `第四条 县委依法治县办主要职责是：` after the department's own list: another body's duties
                opened = "other"
        if opened == "duties" and label is not None and label.level == "article":
            self.duties_heading = rest
        if opened == "duties" and label is None:
            opened = self._unlabelled_duties_heading(rest)
        if opened is None and label is None and _DUTY_TABLE_HEADER.match(rest) and self.current_name != "duties" and \
                not (self.sections.get("duties") and self.sections["duties"].items):
            opened = "duties"  # a 权责清单's table `序号　职责类别　职责事项　责任科室` under no duties heading
        if opened is None and self._next_part(label, rest):
            opened = "other"
        if label is not None and label.level == "A" and opened and opened != "other":
            self.uses_top_headings = True
        if opened:
            if opened == "duties" == self.current_name and self._gathered_headings(label):
                # `XX局机构职能` (a page title read as the heading) over `一、机构概况` … `二、主要职责`: the
                # items gathered so far were this heading's siblings, not duties.
                self.sections[opened] = Section(opened)
            self.current_name, self.parent_of_inline, self.current_item = opened, None, None
            self._forget_table_of_contents(opened)
            self.openers.setdefault(opened, rest)
            if label is not None and label.level == "article":
                self.section(opened).intro.append(Line(rest_orig, rest))
        elif label is None:
            self._unlabelled(rest_orig, rest)
        elif not self._inline(label, label_orig, rest_orig, rest):
            self._labelled(label, label_orig, rest_orig, rest)
            self.row_item = self.current_item if _TABLE_ROW.match(line.orig) else None

    def _next_part(self, label: Label | None, rest: str) -> bool:
        """`二、研究内容` after a duty list numbered `（1）`…`（4）.` under `一、承担单位简介`: a short heading
        that outranks the list's items is the paper's next part (category headings come before their items)."""
        sec = self.sections.get("duties")
        if label is None or label.level != "A" or self.current_name != "duties" or sec is None or \
                not sec.items or sec.level is None or sec.level <= label.rank:
            return False
        short = rest.rstrip("：: \u3000")
        return len(short) <= 12 and not re.search(r"[，,。；;、]", short) and \
            _item_key(sec.items[-1]).endswith((*_TERMINAL, "."))  # (a scan's `任务.`)

    def _gathered_headings(self, label: Label | None) -> bool:
        """Whether the duties gathered so far are headings of the same rank as the heading met now
        (`一、机构概况` before `二、主要职责`), or none of them reads as a duty."""
        sec = self.sections.get("duties")
        if sec is None or not sec.items:
            return False
        if label is not None and sec.level == label.rank:
            return True
        return label is None and not any(_DUTY_VERB.match(item.key) for item in sec.items)

    def _forget_table_of_contents(self, name: str) -> None:
        """A heading met again after a table of contents (budget pages list `一、部门职责`
        `二、机构设置` … before the text): what the first one gathered were contents lines."""
        sec = self.sections.get(name)
        if sec and sec.items and all(len(item.key) <= 40 and not item.key.endswith(_TERMINAL) and not item.subs
                                     for item in sec.items):
            self.sections[name] = Section(name)

    def _unlabelled(self, rest_orig: str, rest: str) -> None:
        if not _UNLABELLED_INLINE.match(rest) and self._closed_by_catch_all():
            # `完成…交办的其他任务。` closes a duty list, with or without a heading over it: a paragraph after
            # it (`局机关设办公室…`, `中心现有职工86人`, `相关链接：…`) is no part of it.
            self.current_name, self.parent_of_inline, self.current_item = "other", None, None
        # (a scan's `…承包费.` is closed as well as by `。`)
        ended = self.current_item is not None and (self.current_item.key.endswith(_TERMINAL) or
                                                   "\u4e00" <= self.current_item.key[-2:-1] <= "\u9fff" and
                                                   self.current_item.key.endswith("."))
        if self.current_name == "duties" and self.current_item is not None and (
                _TABLE_HEADER.match(rest) or
                # (a chat's `服务电话0XXX…，工作日…` under its numbered list, which closes with no stop)
                self.current_item.label is not None and _POST_TAIL.match(rest) or
                ended and (_NARRATIVE_OPENING.match(rest) or _FIELD_HEADING.fullmatch(rest) or
                           _OTHER_LIST_INTRO.search(rest) or _is_field_line(rest))):
            # `近年来，市儿福院先后被评为…`, a table's header or a form's next field after the last duty:
            # the list is over
            self.current_name, self.parent_of_inline, self.current_item = "other", None, None
        if self.current_name == "duties" and self.current_item is not None and \
                self.current_item is self.row_item and "\t" not in rest_orig:
            # a paragraph under a table (`县公共法律服务中心内设部门…`) is no part of its last row, which
            # closes with no stop as every row does
            self.current_name, self.parent_of_inline, self.current_item = "other", None, None
        if self.current_name == "duties" and self.current_item is not None and self._unstopped_list() and \
                (rest.startswith("请") or len(rest) > 15 and rest.endswith("。")):
            # a chat's `请各村把联系人名单今天下班前报农服站。` under a numbered list whose items close with no stop
            # (or a sentence of its own, `办理营业执照，可以到…网办。`, under a post's `◆` lines)
            self.current_name, self.parent_of_inline, self.current_item = "other", None, None
        if self.current_name == "duties" and self._closed_by_full_stop():
            # items closed by `；`, the last by `。`: the list is over (`…评估。去年以来，我们新建…`)
            self.current_name, self.parent_of_inline, self.current_item = "other", None, None
        if self.current_name == "duties" and _UNLABELLED_INLINE.match(rest):
            # `职能转变。XX局要…` as a paragraph of its own after the last duty: no part of that duty.
            self.current_name, self.parent_of_inline, self.current_item = _inline_section(rest) or "changes", None, None
            self.section(self.current_name).intro.append(Line(rest_orig, rest))
            return
        sec = self.section(self.current_name)
        listed = _listed_units(rest) if self.current_name == "divisions" else []
        if listed:  # `办公室、文化艺术股、体育股。` under a page's `内设机构：`
            origs = rest_orig.rstrip("。.").split("、")
            sec.items.extend(Item(None, "", orig.strip(), key) for orig, key in zip(origs, listed))
            self.current_item = None
        elif self.current_name == "divisions" and _looks_like_unit_line(rest):
            self.current_item = Item(None, "", rest_orig, rest)
            sec.items.append(self.current_item)
        elif self.current_item is not None:
            self.current_item.append(rest_orig, rest)
        else:
            sec.intro.append(Line(rest_orig, rest))

    def _closed_by_catch_all(self) -> bool:
        item = self.current_item
        if item is None or not BOILERPLATE.search(item.key):
            return False
        if item.key.endswith(_TERMINAL):
            return True
        # a list whose items close with no stop at all: its catch-all is whole once it says its 事项 or 工作
        # (`6) 承办县委…交办的其他事项` over a paragraph of the page)
        listed = [other for other in self.section(self.current_name).items if other.label is not None]
        return len(listed) >= 3 and re.search(r"(?:事项|任务|工作|事宜)$", item.key.rstrip()) is not None and \
            not any(_item_key(other).endswith(_TERMINAL) for other in listed)

    def _labelled_duties(self) -> list[Item]:
        return [item for item in self.section("duties").items if item.label is not None]

    def _unstopped_list(self) -> bool:
        items = self._labelled_duties()
        return len(items) >= 3 and self.current_item is items[-1] and \
            not any(_item_key(item).endswith(_TERMINAL) for item in items)

    def _closed_by_full_stop(self) -> bool:
        items = self._labelled_duties()
        return len(items) >= 3 and self.current_item is items[-1] and not items[-1].subs and \
            _item_key(items[-1]).endswith("。") and all(_item_key(item).endswith(("；", ";")) for item in items[-3:-1])

    def _inline(self, label: Label, label_orig: str, rest_orig: str, rest: str) -> bool:
        """An item that opens an inline section (职能转变 as an item of 主要职责); True if so."""
        sec = self.section(self.current_name)
        inline = _inline_section(rest) if self.current_name in ("duties", "changes", "labour") else None
        if not inline or not (self.current_name == "duties" or self.parent_of_inline) or (
                sec.level is not None and label.rank > sec.level):
            return False
        self.parent_of_inline = self.parent_of_inline or self.current_name
        self.current_name = inline
        sec = self.section(inline)
        self.current_item = Item(label, label_orig, rest_orig, rest)
        sec.items.append(self.current_item)
        sec.level = None
        return True

    def _labelled(self, label: Label, label_orig: str, rest_orig: str, rest: str) -> None:
        sec = self.section(self.current_name)
        parent = self.sections.get(self.parent_of_inline) if self.parent_of_inline else None
        if parent and parent.level == label.rank and (
                sec.level is not None and label.rank < sec.level or
                # `（十三）职能转变。省国资委要…。` said in its own item: `（十四）完成…` is the list's again
                sec.level is None and sec.items and len(sec.items[-1].key) > _INLINE_HEADING_ONLY):
            self.current_name, self.parent_of_inline = parent.name, None  # back from the inline section
            sec = self.section(self.current_name)
        if self._nested_above_its_rank(sec, label):
            # `①开展…，具体包括：` / `（1）对…；` / `（2）…`: a list whose items open with ① and whose sub-items
            # are numbered `（1）`, which usually outranks ①
            item = Item(label, label_orig, rest_orig, rest)
            sec.items[-1].subs.append(item)
            self.current_item = item
            return
        if self.current_name == "duties" and sec.level is not None and (
                label.rank < sec.level and (not _DUTY_VERB.match(rest) or re.match(r"[\u4e00-\u9fff]{1,6}[：:]", rest))
                or label.rank == sec.level and self._closed_by_catch_all() and _SHORT_HEADING.fullmatch(rest)):
            # `(二)XX局的机构设置。…`, `三、编制：核定…` after a `1.`–`10.` duty list, `（二）单位构成` after
            # `（十一）完成…交办的其他任务。` under `（一）职能职责`: the list is over.
            self.current_name, self.current_item = "other", None
            sec = self.section("other")
        if self.current_name == "duties" and not sec.items and self._heading_sibling(label) and \
                sum(1 for line in sec.intro if _ENUMERATOR.match(line.key)) >= 2:
            # `一、机构和职责` over `…的职责是：` and its `一是…` lines: `二、今年的工作安排` is the notice's next part
            self.current_name, self.current_item = "other", None
            sec = self.section("other")
        if self.current_name == "preamble" and label.level == "B":
            guessed = _guess_section(rest)
            if guessed == "duties" and self.labour_document:
                guessed = "labour"
            if guessed:
                self.current_name = guessed
                sec = self.section(guessed)
                if not sec.items:  # `（一）执行…` … `（五）保障…` before the `（六）办理…` guessed from: one list
                    sec.items, sec.level = _run_up_to(self.section("preamble"), label), label.rank
        item = Item(label, label_orig, rest_orig, rest)
        if sec.level is None:
            sec.level = label.rank
            if sec.items and sec.items[-1].label is None and self.current_name in ("changes", "labour"):
                sec.items[-1].subs.append(item)
                self.current_item = item
                return
        if label.rank <= sec.level or self.current_item is None:
            sec.items.append(item)
        elif sec.items:
            sec.items[-1].subs.append(item)
        self.current_item = item

    def _heading_sibling(self, label: Label) -> bool:
        """Whether `label` ranks with the heading of the part whose lead opened the duties."""
        return any(sec.items and sec.items[-1].label is not None and sec.items[-1].label.rank == label.rank
                   for name, sec in self.sections.items() if name != "duties")

    def _nested_above_its_rank(self, sec: Section, label: Label) -> bool:
        """Whether `label` numbers a sub-item of the last duty though it outranks the list's labels: the duty
        ends with a colon and `label` counts one, or the duty's sub-items so far have its rank."""
        if self.current_name != "duties" or sec.level is None or label.rank >= sec.level or not sec.items:
            return False
        last = sec.items[-1]
        if last.subs:
            return last.subs[-1].label is not None and last.subs[-1].label.rank == label.rank
        return _item_key(last).endswith(("：", ":")) and _counts_one(label.text)


_DAMAGED_LABEL = re.compile(rf"^[?？\ufffd][。．][^{HAN}]")
_OCR_COMMA_LABEL = re.compile(rf"^(\d{{1,2}})(?: ?[,，]| [.．])[\s\u3000]*(?=[{HAN}])")
_OCR_ONE = re.compile(rf"^[lI|]([、.．])[\s\u3000]*(?=[{HAN}])")
_OCR_DIGIT = {"Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "g": "9", "q": "9"}  # (a digit misread as a letter)
_OCR_LETTER_LABEL = re.compile(rf"^([{''.join(_OCR_DIGIT)}])([、.．])[\s\u3000]*(?=[{HAN}])")
_OCR_BRACKET_LABEL = re.compile(rf"^[（(] ?([\dlI|ZzSsBgq]) ?[）)」』\]］][\s\u3000]*(?=[{HAN}])")
_OCR_STROKES_LABEL = re.compile(rf"^([-－=＝])、[\s\u3000]*(?=[{HAN}])")


def _label_of_strokes(mark: str, last: Label | None) -> Label | None:
    """A scan's `一、` read as `-、`, its `二、` or `三、` as `=、`: the list's first item, or the next after
    `一、` or `二、`."""
    if mark in "-－":
        return Label("A", "一、") if last is None else None
    number = to_int(_label_core(last.text)) if last is not None and last.level == "A" else None
    return Label("A", to_chinese(number + 1) + "、") if number is not None and number in (1, 2) else None
# The same in a flattened copy: after the end of the previous item and a space.
_DAMAGED_LABEL_INSIDE = re.compile(rf"(?<=[。；;]\s)\s*[?？\ufffd][。．](?=[^{HAN}\s])")


def _damaged_labels_inside(key: str) -> list[int]:
    return [match.start() for match in _DAMAGED_LABEL_INSIDE.finditer(key)]


def _rank_name(rank: int) -> str:
    from .labels import LABEL_PATTERNS
    return LABEL_PATTERNS[rank][0]


# The same sections as an unnumbered paragraph that starts with its heading (`职能转变。…`, `有关职责分工：…`).
_UNLABELLED_INLINE = re.compile(r"^(?:职能转变|职责调整|职能调整|有关职责分工|职责分工)[。.：:]")


def _inline_section(rest: str) -> str | None:
    """A duty-list item that is really 职能转变 or 有关职责分工 (2018-style lists)."""
    head = rest[:30]
    if re.match(r"^(职能转变|职责调整|职能调整)", head):
        return "changes"
    if re.fullmatch(r"其他事项[。：:]?", head.strip()) or \
            re.match(r"其他事项[。：:]", head) and not BOILERPLATE.search(rest):
        # `（九）其他事项。` over the notes after the duties, or run on into them: no duty of its own
        return "other"
    if re.match(r"^(有关职责分工|职责分工|与.{1,40}?的?(有关)?职责分工)", head):
        return "labour"
    return None


def _run_up_to(preamble: Section, label: Label) -> list[Item]:
    """The items `（一）` … `（五）` that close `preamble` and run up to `label` (`（六）`), taken out of it."""
    number = to_int(_label_core(label.text))
    run: list[Item] = []
    if number is None:
        return run
    # (or the subs closing its last item: a speech's `（一）…` under its part `一、回顾…` and that part's lead)
    holder = preamble.items[-1].subs if preamble.items and preamble.items[-1].subs and \
        preamble.items[-1].label is not None and preamble.items[-1].label.rank < label.rank else preamble.items
    for item in reversed(holder):
        if item.label is None or item.label.level != label.level or \
                to_int(_label_core(item.label.text)) != number - len(run) - 1:
            break
        run.insert(0, item)
    if not run or not _counts_one(run[0].label_orig):
        return []
    del holder[-len(run):]
    return run


def _guess_section(rest: str) -> str | None:
    """Fragments that start mid-document: guess the section from the first item."""
    unit = _UNIT_NAME.match(rest)
    if unit and (len(rest) <= unit.end() + 1 or rest[unit.end()] in "。．.：:"):
        return "divisions"
    if _DUTY_VERB.match(rest):
        return "duties"
    return None


_UNIT_LINE = re.compile(r"^([^\s\u3000。．：:，,；;]{2,24}?)"
                        r"(?:[\s\u3000。．：:]+(?:负责|承担|主要职责|职责|拟订|组织|指导)|。?$)")


def _listed_units(rest: str) -> list[str]:
    """The names of a line that only lists divisions (`办公室、法制股、执法大队。`), else none."""
    parts = [part.strip() for part in rest.rstrip("。.").split("、")]
    if len(parts) >= 2 and all(_UNIT_NAME.fullmatch(part) for part in parts):
        return parts
    return []


def _looks_like_unit_line(rest: str) -> bool:
    """`机关党委 负责机关…` / `离退休干部局。负责…`: an unnumbered division."""
    unit = _UNIT_LINE.match(rest) or _UNIT_COLON_LINE.match(rest)
    return unit is not None and (_UNIT_NAME.fullmatch(unit.group(1)) is not None or unit.group(1).endswith("党办"))


# `信访科：接待群众来访…`, `机关党办：负责…`: under a divisions heading, a name and a colon say enough
_UNIT_COLON_LINE = re.compile(r"^([^\s\u3000。．：:，,；;、]{2,12}?)[：:](?=[\u4e00-\u9fff])")


def _fill(doc: Document, sections: dict[str, Section]) -> None:
    """Turn the sections into the document's duties, divisions, changes, 职责分工 and staffing."""
    heading = _despaced_heading(for_matching(doc.title or "").strip())
    titled = bool(doc.title and (_NAMED_DUTIES_HEADING.fullmatch(heading) or _duties_notice(heading)))
    _fill_duties(doc, sections.get("duties") or _headless_duty_list(sections, titled))
    if not doc.duties:
        _fill_inline_enumerated(doc, sections)
    _fill_divisions(doc, sections)
    if "changes" in sections:
        doc.changes.extend(_changes(sections["changes"], doc.department))
    _fill_labour(doc, sections)
    _fill_staffing(doc, sections)


def _headless_duty_list(sections: dict[str, Section], titled: bool = False) -> Section | None:
    """No heading opened the duties, yet a numbered list closes with `完成…交办的其他任务`: that list
    is the duty list (an export, a page whose heading was an image). Under a title that names the duties
    (`X市机关事务管理局职责范围`, read as the title), the numbered list right under it is, closed so or not."""
    for name in ("preamble", "other"):
        labelled = [item for item in sections[name].items if item.label is not None] if name in sections else []
        closing = next((k for k, item in enumerate(labelled) if BOILERPLATE.search(_item_key(item))), None)
        if closing is None:
            if titled and name == "preamble" and len(labelled) >= 3 and not sections[name].intro and \
                    _counts_one(labelled[0].label_orig):
                return Section("duties", items=labelled)
            continue
        opening = max((k for k, item in enumerate(labelled[:closing + 1]) if _counts_one(item.label_orig)), default=0)
        if closing - opening >= 2:
            return Section("duties", items=labelled[opening:closing + 1])
    return None


# `展馆的主要职责有：一是…；二是…`, `主要承担四个方面的职责：一是…`: a list run into a paragraph of a speech
# or an article, under no heading.
_INLINE_LIST_LEAD = re.compile(r"(?:职责|职能|主要任务)(?:[（(][^（）()]{1,12}[)）])?(?:有|是|为|包括|如下)?"
                               r"(?:这么|以下|如下)?"
                               r"[几一二三四五六七八九十]{0,2}"
                               r"(?:项|个方面|条)?[：:]\s*(?=一是)|(?:做|干|管)[几一二三四五六七八九十]{1,2}件事[：:]\s*(?=一是)|"
                               r"(?:围绕|按照|履行|承担)以下(?:职责|职能)(?:开展工作)?[：:]\s*(?=一是)|"
                               # (`…主要做好以下几方面工作：一是…`, `区老龄办设在区民政局，负责：一是…`)
                               r"(?:做好|抓好|承担|负责)以下[几一二三四五六七八九十]{0,2}个?方面(?:的)?(?:工作|职责)[：:]\s*(?=一是)|"
                               r"负责[：:]\s*(?=一是)|"
                               r"(?:职责|职能)[，,](?:概括起来|归纳起来|归结起来|总结起来|简单说)(?:有|是|就是)"
                               r"[几一二三四五六七八九十]{1,2}(?:项|条|个方面|句话|件事)"
                               r"[：:]\s*(?=一是)")


def _fill_inline_enumerated(doc: Document, sections: dict[str, Section]) -> None:
    for sec in sections.values():
        # (a speech's `市医保局主要承担以下职责：一是…` under its heading `一、把职责扛在肩上` too)
        for text in [line.orig for line in sec.intro] + [item.orig for item in sec.items]:
            lead = _INLINE_LIST_LEAD.search(for_matching(text))  # (`職責：一是` too)
            enumerated = _enumerated_duties(text[lead.end():]) if lead else _semicolon_run_in(text)
            if enumerated:
                for label, sentence in enumerated:
                    _add_prose_duty(doc, label, sentence)
                return


# A portal's paragraph that runs its list on without numbers: `…主要承担以下职责：拟订…；完善…；…；完成…交办的
# 其他工作。` (or `…主要承担以下工作：`, `X局主要负责：…`, `本局职责为：…`)
_RUN_IN_LEAD = re.compile(r"(?:承担|履行)?(?:以下|如下|下列)(?:主要)?(?:职[责能]|工作)[：:]|"
                          r"(?:主要)?职[责能](?:是|为|有|如下|包括)[：:]|主要负责[：:]|"
                          # (or the sentence that says what it is: `市司法局是市政府工作部门。承担…；拟订…；…。`)
                          r"^[^。；;]{2,30}?是[^。；;]{2,20}?(?:工作部门|组成部门|直属机构)。")


def _semicolon_run_in(text: str) -> list[tuple[str, str]]:
    lead = _RUN_IN_LEAD.search(for_matching(text))
    if lead is None:
        return []
    rest = text[lead.end():].strip()
    closing = rest.find("。")
    clauses = [clause.strip() for clause in re.split(r"(?<=[；;])", rest[:closing + 1] if closing >= 0 else rest)]
    clauses = [clause for clause in clauses if clause]
    if len(clauses) < 3 or not all(len(clause) >= 4 for clause in clauses) or not clauses[-1].endswith("。"):
        return []
    return [("", clause) for clause in clauses]


def _label_core(label: str) -> str:
    """`（六）` → `六`, `3.` → `3`, `第二，` → `二`: a label without its brackets and stops."""
    return re.sub(r"^第(?=[一二三四五六七八九十])|[\s（()）、丶.．:：，,]", "", label)


def _counts_one(label: str) -> bool:
    """`1.` `（一）` `A.`: the label that opens a list."""
    core = _label_core(label)
    return core in ("A", "a", "①", "⑴", "㈠", "❶", "⒈", "Ⅰ", "ⅰ", "i", "I", "甲", "子") or to_int(core) == 1


def _fill_duties(doc: Document, duties_section: Section | None) -> None:
    if duties_section and not any(item.label for item in duties_section.items):
        prose = _prose_duties(duties_section.intro)
        enumerated = _enumerated_duties("".join(prose))
        for label, sentence in enumerated or [("", sentence) for sentence in prose]:
            _add_prose_duty(doc, label, sentence)
    elif duties_section:
        for item in _one_family(_before_section_numbers(_without_category_headings(duties_section.items))):
            if item.label is None:
                continue
            doc.duties.append(Duty(
                no=len(doc.duties) + 1, label=item.label_orig, text=_without_stray_close(_item_text(item)),
                text_simplified=_without_stray_close(_item_key(item)) if doc.traditional else "",
                boilerplate=bool(BOILERPLATE.search(_item_key(item)))))


_DECIMAL_LABEL = re.compile(r"^\s*\d{1,2}\.\d{1,2}")


def _one_family(items: list[Item]) -> list[Item]:
    """A list labelled `第一，` … `第六，` ends at the text's next `三、`: the two rank alike, but the headings
    around the list are the other family."""
    labels = [(item.label_orig or "").strip() for item in items]
    if not labels or not labels[0].startswith(("第", "其")):
        return items
    for index, label in enumerate(labels):
        if label and not label.startswith(("第", "其")):
            return items[:index]
    return items


def _before_section_numbers(items: list[Item]) -> list[Item]:
    """A list numbered `1.` `2.` ends where the text's own `5.2 转贷应急资金怎么申请` sections go on."""
    labels = [item.label_orig or "" for item in items]
    if labels and _DECIMAL_LABEL.match(labels[0]):
        return items  # a scheme's own decimal numbering (`3.1` `3.2` under `3 主要职责`)
    end = next((n for n, label in enumerate(labels) if n and _DECIMAL_LABEL.match(label)), len(items))
    return items[:end]


def _add_prose_duty(doc: Document, label: str, sentence: str) -> None:
    doc.duties.append(Duty(
        no=len(doc.duties) + 1, label=label, text=sentence.strip(),
        text_simplified=for_matching(sentence) if doc.traditional else "",
        boilerplate=bool(BOILERPLATE.search(for_matching(sentence)))))


def _without_category_headings(items: list[Item]) -> list[Item]:
    """`（一）综合管理` over `1.…` `2.…`, `（二）水资源管理` over `3.…`: a list grouped under category
    headings is the list of their items."""
    labelled = [item for item in items if item.label is not None]
    if len(labelled) >= 2 and all(item.subs and len(item.key.strip()) <= 15 and not item.key.strip().endswith(_TERMINAL)
                                  for item in labelled):
        return [sub for item in labelled for sub in item.subs]
    return items


def _fill_divisions(doc: Document, sections: dict[str, Section]) -> None:
    division_section = sections.get("divisions")
    if division_section and division_section.items:
        for item in division_section.items:
            doc.divisions.append(_division(item))
    else:  # no division items: a list of names in running text (`设下列内设机构：办公室、…`)
        for sec in sections.values():
            for line in sec.intro:
                listed = _DIVISION_LIST.search(line.key)
                if listed:
                    names = line.orig[listed.end():].rstrip("。").split("、")
                    if not line.key.endswith("。"):
                        names = names[:-1]  # the list is cut: its last name may be too
                    doc.divisions = [Division(name=n.strip(), text="") for n in names if n.strip()]
                    doc.division_count_stated = _stated_count(line.key)
    if division_section:
        intro = "".join(line.key for line in division_section.intro)
        doc.division_count_stated = _stated_count(intro) or _stated_count(
            "".join(_item_key(item) for item in division_section.items[:1]))


def _fill_labour(doc: Document, sections: dict[str, Section]) -> None:
    labour_items = list(sections["labour"].items) if "labour" in sections else []
    if "labour" in sections and not labour_items:
        # Unnumbered paragraphs under `有关职责分工`: each one is a statement.
        labour_items = [Item(None, "", line.orig, line.key) for line in sections["labour"].intro]
    if "other" in sections:
        labour_items += [item for item in sections["other"].items if "职责分工" in item.key[:40]]
    for item in labour_items:
        for statement in (item.subs or [item]):
            text = _item_text(statement) if statement.subs == [] else statement.orig
            key = statement.key
            if re.fullmatch(r"(有关)?职责分工[。:：]?", key.strip()):
                continue
            doc.divisions_of_labour.append(LabourDivision(
                no=len(doc.divisions_of_labour) + 1, text=text,
                departments=find_departments(key, exclude=doc.department)))


def _fill_staffing(doc: Document, sections: dict[str, Section]) -> None:
    if "staffing" in sections:
        staffing = sections["staffing"]
        text = _join_parts([line.orig for line in staffing.intro] +
                           [item.label_orig + _item_text(item) for item in staffing.items])
    else:
        text = _staffing_sentences(sections)
    if text:
        doc.staffing = parse_staffing(for_matching(text), original=text)
        if doc.division_count_stated is None:
            doc.division_count_stated = _stated_count(for_matching(text))


_HEADING_ONLY_LINE = re.compile(rf"[{HAN}、“”]{{4,24}}")


def _prose_duties(intro: list[Line]) -> list[str]:
    """Duties written as prose after `主要职责是：`: one duty per sentence; or a page's list of a duty a
    line with no stop at the line ends (`承担…的责任。拟订…并监督执行`): one duty per line."""
    lines = [line for line in intro if not line.key.endswith(("：", ":"))
             and not re.fullmatch(r"[（(][^（）()]*[)）]", line.key)]  # a note in brackets under the heading
    # (a post's phone line and its counts of shares and likes under the list; a chat's next message)
    lines = lines[:next((n for n, line in enumerate(lines)
                         if _POST_TAIL.match(line.key) or _NEXT_ENTRY.match(line.key)), len(lines))]
    lines = _up_to_catch_all(_up_to_closing_stop(lines))
    per_line = len(lines) >= 3 and sum(1 for line in lines if line.key.endswith(_TERMINAL)) * 2 < len(lines) and \
        sum(1 for line in lines if _DUTY_VERB.match(line.key) or line.key.startswith(("完成", "承办"))) * 2 > len(lines)
    # a portal's headings-only list without marks: `交通运输规划与政策法规` / `公路建设管理` / …, a matter a line
    per_line = per_line or len(lines) >= 4 and all(_HEADING_ONLY_LINE.fullmatch(line.key) for line in lines)
    # a chat's list of matters with no stop anywhere (`集镇规划的组织编制和实施管理`): no sentence runs over lines
    unstopped = [n for n, line in enumerate(lines) if re.fullmatch(r"[^。；;\t]{6,}", line.key)]
    last = lines[-1].key if lines else ""
    if len(lines) >= 4 and unstopped[:len(lines) - 1] == list(range(len(lines) - 1)) and (
            unstopped[-1] != len(lines) - 1 and re.search(r"！|!|谢谢|请", last) or
            re.search(r"谢谢|[！!]$", last) or last.startswith("请")):
        # a chat's request under the list: `周五前拍照回传，谢谢！…`, `请各办（站、所）今后…直接对接党政办，谢谢！`
        lines = lines[:-1]
    per_line = per_line or len(lines) >= 3 and len(unstopped) >= len(lines)
    sentences: list[str] = []
    carried = ""  # a sentence the line's end (a page's) cut, carried on to the next line
    # (only where the lines close with a stop, most of them, a label on a line of its own aside: rows of a table
    # close with none)
    worded = [line for line in lines if len(line.key) > 4]
    stopped = sum(1 for line in worded if line.key.endswith(_TERMINAL)) * 2 > len(worded)
    for number, line in enumerate(lines):
        if per_line:
            sentences.append(line.orig)
        elif carried or len(line.key) > 15 or line.key.endswith(_TERMINAL):
            # (a paragraph that runs its list on after its lead: `X局是…，主要承担以下职责：落实…；统筹…；`)
            lead = _RUN_IN_LEAD.search(for_matching(line.orig))
            text = line.orig[lead.end():] if lead and not re.search(r"[；;]", line.orig[:lead.start()]) else line.orig
            parts = [part for part in re.split(r"(?<=[。；;])", carried + text) if part.strip()]
            carried = parts.pop() if stopped and parts and number + 1 < len(lines) and \
                not for_matching(parts[-1]).rstrip().endswith(_TERMINAL) else ""
            sentences.extend(parts)
    return sentences + ([carried] if carried else [])


def _up_to_closing_stop(lines: list[Line]) -> list[Line]:
    """A duty a line, each closed by `；` and the last by `。`: the list is over there, and a paragraph after
    it (`全所工作人员四名，…。每月五日前…`) is no part of it, unless it is the list's catch-all."""
    start = next((n for n, line in enumerate(lines) if line.key.endswith(("；", ";"))), len(lines))
    for end in range(start, len(lines) - 1):
        key = lines[end].key
        if "。" in key[:-1]:
            return lines
        if not key.endswith(("；", ";")):
            if end - start >= 2 and key.endswith("。") and not BOILERPLATE.search(lines[end + 1].key):
                return lines[:end + 1]
            return lines
    return lines


def _up_to_catch_all(lines: list[Line]) -> list[Line]:
    """A duty a line closing with `完成…交办的其他任务。` on a line of its own: the list is over, and the lines
    after it (a page's 乡镇计生协会 part, its 近年来… paragraph) are no part of it."""
    for end, line in enumerate(lines[:-1]):
        if end >= 2 and line.key.endswith(_TERMINAL) and not re.search(r"[。；;]", line.key[:-1]) and \
                BOILERPLATE.search(line.key):
            return lines[:end + 1]
    return lines


_POST_TAIL = re.compile(r"(?:咨询|联系|服务|值班|投诉|办公|监督)电话|.*[，,]电话[：:]?[\dXＸ]|"
                        r"转发[\s\u3000]*\d|(?:阅读|浏览)[\s\u3000]*\d|"
                        r"(?:办公)?地址[：:]|办公时间[：:]")
_ENUMERATOR = re.compile(r"(?:^|(?<=[。；;：:]))\s*([一二三四五六七八九十]{1,3})是")


def _enumerated_duties(text: str) -> list[tuple[str, str]]:
    """A duty list flattened into one paragraph, `一是…。二是…。`: one duty per enumerator,
    when they count up from 一 without a gap."""
    marks = list(_ENUMERATOR.finditer(for_matching(text)))
    if len(marks) < 2 or [to_int(m.group(1)) for m in marks] != list(range(1, len(marks) + 1)):
        return []
    ends = [m.start() for m in marks[1:]] + [len(text)]
    closing = text.find("。", marks[-1].end()) + 1
    # (items of one sentence each, not `推进乡村治理。指导…；` headed by a sentence of their own)
    closed_by_semicolons = len(marks) >= 3 and all(text[m.end():end].rstrip().endswith(("；", ";")) and
                                                   "。" not in text[m.end():end] for m, end in zip(marks, ends[:-1]))
    if closing and (BOILERPLATE.search(for_matching(text[marks[-1].end():closing])) or closed_by_semicolons or
                    _NARRATIVE_OPENING.match(for_matching(text[closing:]).lstrip())):
        # `五是完成…交办的其他工作。` closes the list: the paragraph after it is the page's; so does the body's
        # posts or story after the last item (`五是…方案。粶口乡经管站配备辅导员二人…`), or the `。` of a list
        # whose items close with `；` (`四是…审核各村的财务收支。经联会主任由乡长兼任…`)
        ends[-1] = closing
    return [(text[m.start(1):m.end()], _without_stray_close(text[m.end():end].strip()))
            for m, end in zip(marks, ends)]


def _without_stray_close(text: str) -> str:
    """`（赵某某：…四是为企业提供委托检验服务。）`: a list's last item closes a parenthesis opened before the list."""
    while text.endswith(("）", ")")) and text.count("）") + text.count(")") > text.count("（") + text.count("("):
        text = text[:-1].rstrip()
    return text


def _join_parts(parts: list[str]) -> str:
    """Join lines (e.g. table rows `局长　1名`) so that each stays its own clause."""
    text = ""
    for part in parts:
        if text and not text.endswith(_TERMINAL + ("，", ",", "：", ":", "、")):
            text += "；"
        text += part
    return text


def _staffing_sentences(sections: dict[str, Section]) -> str:
    """Profiles and adjustment notices state posts in running text, under no heading."""
    found: list[str] = []
    for sec in sections.values():
        texts = [line.orig for line in sec.intro] + [_item_text(item) for item in sec.items]
        for text in texts:
            key = for_matching(text)
            if re.search(r"行政编制(?:为|共)?\s*[0-9零〇一二两三四五六七八九十百]+\s*名", key):
                found.extend(part for part in re.split(r"(?<=。)", text)
                             if "编制" in for_matching(part) or "职数" in for_matching(part))
    return "".join(found)


def _item_text(item: Item) -> str:
    text = item.orig
    for sub in item.subs:
        text += sub.label_orig + _item_text(sub)
    return text.strip()


def _item_key(item: Item) -> str:
    return (item.key + "".join(sub.label.text + _item_key(sub) for sub in item.subs if sub.label)).strip()


def _division(item: Item) -> Division:
    text, key = _item_text(item), _item_key(item)
    head = item.head.rstrip("。．.：: \u3000")
    if 2 <= len(head) <= 24 and not re.search(r"[，,；;。]", head) and len(item.head) < len(key):
        body = text[len(item.head):].lstrip("。．.：:；; \u3000")
        body = re.sub(r"^(主要)?职责[：:]", "", body)
        return Division(name=text[:len(head)], text=body, duties=split_division_duties(body),
                        label=item.label_orig)
    unit_line = _UNIT_LINE.match(key)
    if unit_line and _UNIT_NAME.fullmatch(unit_line.group(1)):
        name = text[:len(unit_line.group(1))]
        body = text[len(name):].lstrip("。．.：:；; \u3000")
        return Division(name=name, text=body, duties=split_division_duties(body), label=item.label_orig)
    name_match = _UNIT_NAME.match(key)
    name_end = 0
    if name_match:
        tail = key[name_match.end():]
        if not tail or tail[0] in "。．.：:；; \u3000" or _DUTY_VERB.match(tail):
            name_end = name_match.end()
    if not name_end:
        stop = re.search(r"[。：:]", key)
        if stop and stop.start() <= 24:
            name_end = stop.start()
    name = text[:name_end].strip() if name_end else ""
    body = text[name_end:].lstrip("。．.：:；; \u3000")
    body = re.sub(r"^(主要)?职责[：:]", "", body)
    return Division(name=name, text=body, duties=split_division_duties(body), label=item.label_orig)


def split_division_duties(text: str) -> list[str]:
    """A division paragraph → its single duties (split at ；, sentence ends and sub-items)."""
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if ch in "；;。" and depth == 0:
            if current.strip():
                parts.append(current.strip())
            current = ""
            continue
        current += ch
    if current.strip():
        parts.append(current.strip())
    out = []
    for part in parts:
        label, rest = match_label(part)
        part = rest if label else part
        if part:
            out.append(part)
    return out


def _stated_count(text: str) -> int | None:
    match = re.search(
        r"设(?:置|立)?(?:下列)?\s*([0-9零〇一二两三四五六七八九十]+)\s*个?"
        r"(?:内设机构|职能司局|职能司|职能处室|职能科室|职能部门|职能科|职能处|职能股|业务处室|科室|处室|司局|机构|处|科|股|部门)",
        text) \
        or re.search(r"内设机构\s*([0-9零〇一二两三四五六七八九十]+)\s*个", text)
    return to_int(match.group(1)) if match else None


_CHANGE_HEADING = re.compile(r"^(划入|划出|取消|下放|加强|整合|转变|调整|承接|新增)的?"
                             r"(?:职责|职能|事项|行政审批事项)[。:：]?")


def _changes(section: Section, department: str | None) -> list[Change]:
    """Declared changes: numbered items, or the sentences of a prose 职能转变 item; a heading
    (`（二）划出的职责。`) gives its kind to what follows it and is no change itself."""
    changes: list[Change] = []
    # `划出的职责。` on its own line before numbered items gives them its kind.
    headings = [_CHANGE_HEADING.match(for_matching(line.key.strip())) for line in section.intro]
    intro_kind = next((_change_kind(h.group(1)) for h in reversed(headings) if h), None)
    for item in section.items:
        heading_kind = _change_kind(item.key[:12]) if item.subs else intro_kind
        for leaf in item.subs or [item]:
            text = _item_text(leaf) if leaf.subs or leaf is not item else item.orig
            if leaf is item and item.subs:
                continue
            text = re.sub(r"^(职能转变|职责调整|职能调整|職能轉變|職責調整|職能調整)[。:：]?", "", text)
            heading = _CHANGE_HEADING.match(for_matching(text))
            if heading:
                heading_kind = _change_kind(heading.group(1)) or heading_kind
                text = text[heading.end():]
            for clause in _change_clauses(text, whole=bool(item.subs)):
                changes.append(_change(clause, heading_kind, department))
    intro = "".join(line.orig for line in section.intro).strip()
    if intro and not changes and not re.fullmatch(r"[^。]{0,30}[：:]", intro):
        for clause in _change_clauses(intro, whole=False):
            changes.append(_change(clause, None, department))
    return changes


def _change_clauses(text: str, whole: bool) -> list[str]:
    """One change per sentence, and per `；` clause when each clause moves something itself
    (`将A职责划归市X；将B职责划归市Y`)."""
    sentences = [text] if whole else [s for s in re.split(r"(?<=。)", text) if s.strip()]
    clauses = []
    for sentence in sentences:
        parts = [p for p in re.split(r"(?<=[；;])", sentence) if p.strip()]
        if len(parts) > 1 and all(_change_kind(for_matching(part)) for part in parts):
            clauses.extend(parts)
        else:
            clauses.append(sentence)
    return [clause.strip() for clause in clauses if clause.strip(" 。；;")]


def _change(text: str, heading_kind: str | None, department: str | None) -> Change:
    key = for_matching(text)
    kind = heading_kind or _change_kind(key) or "其他"
    origin, target = _change_parties(key, kind, department)
    return Change(kind=kind, from_=origin, to=target, text=text)


def _change_kind(text: str) -> str | None:
    for kind, pattern in _CHANGE_KINDS:
        if pattern.search(text):
            return kind
    return None


_MOVE_VERB = re.compile(r"划入|并入|划给|划归|交给|交由|移交(?:给|至)?|划转(?:至|到|给)?|转隶(?:至|到)?"
                        r"|下放(?:给|至|到)?")


def _change_parties(key: str, kind: str, department: str | None) -> tuple[str | None, str | None]:
    """(from, to) of a change: the department named before the verb (`将A承担的…`, `由A`) and the
    one right after it (`划归B`); `划入A承担的…职责` comes from A to the document's department;
    what is moved out or delegated without a named source leaves the document's department."""
    mentions = department_mentions(key)
    verb = _MOVE_VERB.search(key)
    origin = target = None
    if verb:
        after = [m for m in mentions if verb.end() <= m[0] <= verb.end() + 2]
        before = [m for m in mentions if m[1] <= verb.start()]
        if after and key[after[0][1]:].startswith(("承担的", "负责的", "的")) and not before:
            origin, target = after[0][2], department  # 划入A承担的…职责
        else:
            target = after[0][2] if after else None
            # `将A的…职责，B的…职责划入C`: every department whose duty is moved is a source.
            owners = [m[2] for m in before if key[m[1]:].startswith(("的", "承担的", "负责的"))]
            origin = "、".join(dict.fromkeys(owners)) if len(owners) > 1 else before[0][2] if before else None
            if target is None and not after:
                rest = re.match(r"(.{2,20}?)(?:[，,。；;]|承担|负责|$)", key[verb.end():])
                target = rest.group(1) if rest else None
    origin, target = _own_if_self(origin, department), _own_if_self(target, department)
    if kind == "划入" and target is None:
        target = department
    if kind in ("划出", "下放") and origin is None:
        origin = department
    if origin and department and target and origin == target:
        origin = None
    return origin, target


def _own_if_self(name: str | None, department: str | None) -> str | None:
    """`划入本局`: the document's own department by its name."""
    if name and department and is_self_reference(name):
        return department
    return name


# A notice's print run under its imprint: `（共印八十份）`
_PRINT_RUN = re.compile(r"[（(]共印[\d一二三四五六七八九十百零〇两]{1,6}份[）)]")


def _mark_incomplete(doc: Document, sections: dict[str, Section], body: list[Line]) -> None:
    """The item the text ends in is incomplete when it stops without a sentence end."""
    if not body:
        return
    last = body[-1].key.rstrip()
    if last.endswith(_TERMINAL) or last.endswith(("。”", "。）", "。)")) or _PAGE_FIELD.match(last) or \
            _PUBLISHED.search(last) or _PRINT_RUN.fullmatch(last):
        # a page's `联系电话：…` or `发布日期：…` under the text, a notice's `（共印八十份）`, ends no sentence and
        # cuts nothing
        return
    if re.search(r"[\u4e00-\u9fff][ \u3000]*[.．]$", last):
        return  # an old typed or OCR'd text's full stop: `承办县人民政府交办的其他事项 .`
    last_section = None
    for name, sec in sections.items():
        if sec.items and (sec.items[-1].key.endswith(last[-6:]) or last.endswith(sec.items[-1].key[-6:])):
            last_section = name
    if last_section in ("duties", None) and len(doc.duties) >= 3 and \
            sum(1 for duty in doc.duties if duty.text.rstrip().endswith(_TERMINAL)) * 2 < len(doc.duties):
        # a list of headings (`■ 数字城管监督指挥`) or of lines (a page's), most closed by no stop: the last is
        # as whole as the rest
        return
    if last_section == "duties" and doc.duties:
        doc.duties[-1].incomplete = True
        doc.warnings.append(f"文本在主要职责第{doc.duties[-1].no}项中断，该项不完整")
    elif last_section is None and doc.duties and \
            for_matching(doc.duties[-1].text).endswith(last[-6:]):  # a prose or 一是 list
        doc.duties[-1].incomplete = True
        doc.warnings.append(f"文本在主要职责第{doc.duties[-1].no}项中断，该项不完整")
    elif last_section == "divisions" and doc.divisions:
        doc.divisions[-1].incomplete = True
        doc.warnings.append(f"文本在内设机构“{doc.divisions[-1].name or '（未识别）'}”处中断，该项不完整")
    else:
        doc.warnings.append("文本在末尾中断，最后一段不完整")


def _add_warnings(doc: Document, sections: dict[str, Section], has_title: bool) -> None:
    if not doc.department:
        doc.warnings.append("未能识别部门名称")
    elif not doc.government:
        doc.warnings.append("未能从部门名称识别所属政府")
    if not has_title and not doc.duties and not doc.divisions:
        doc.warnings.append("这份文件看起来不是三定规定：没有找到标题、主要职责或内设机构")
        return
    if not doc.duties:
        doc.warnings.append("未找到主要职责部分")
    if not doc.divisions:
        doc.warnings.append("未找到内设机构部分")
    if "staffing" not in sections:
        doc.warnings.append("未找到人员编制部分")
    stated = doc.division_count_stated
    listed = len([d for d in doc.divisions if d.name and not d.name.startswith("机关党委")])
    if stated is not None and doc.divisions and stated != listed and stated != len(doc.divisions):
        doc.warnings.append(f"内设机构数量与规定写明的不一致：写明 {stated} 个，列出 {len(doc.divisions)} 个")


def _original_of(department: str | None, lines: list[Line]) -> str | None:
    """The department name in the document's own characters."""
    if not department:
        return None
    for line in lines[:80]:
        position = line.key.find(department)
        if position >= 0:
            return line.orig[position: position + len(department)]
    return department
