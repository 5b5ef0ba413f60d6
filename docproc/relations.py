"""Department pairs that a text says share, divide or transfer a responsibility.

`department_pairs(doc, text)` reads four places:
- the 有关职责分工 statements of a 三定 (`doc.divisions_of_labour`), source `职责分工`;
- its declared changes (`doc.changes`: 划入 / 划出 / 整合 …), source `职责调整`;
- its duties done with another department (`会同区财政局拟订…`), source `主要职责` (these settle no overlap);
- the running text, source `条文`: transfer sentences (`将A的…职责划入B`, `A、B的…职责整合，组建C`),
  lead/co-work sentences (`由A会同B、C等部门负责`, `A牵头，B、C配合`, `牵头单位：A；责任单位：B`),
  cooperation (`A与B建立…机制`), hand-overs (`由A移送B`), management (`A负责管理B`, `X为A所属事业单位`),
  boundary tables (主办/协办 or 审批/监管/执法 columns, remarks naming another department) and, for texts
  that are not a 三定 (regulations, notices, minutes, news), articles, tasks or items that give parts
  of one matter to two or more named departments (`农业部门负责…；质检部门负责…`); also reform notices
  (`调整由X承担`, `从A划转…至B`, `由A所属调整为B所属`), units under two managers (`实行A和B双重管理`),
  guidance (`在C的业务指导下`, `B予以指导`), consultation and informing (`会商`, `征求…意见`, `抄告`, `告知`),
  and departments told to work together (`上述部门要密切协作`).

Pairs in wordings none of these rules reads are added by a learned scorer (docproc.pair_scorer),
marked `推断相关`; they settle no overlap.

Everything works on the simplified form of the text (traditional characters are converted first), with
`本局` and the short names the text defines (`以下简称管委会`) spelled out and who interprets the rules
left out. Names are compared loosely by `names.same_department`; the document's own department is
named in full wherever the text calls it short. Measured on statements written blind to it:
bench/relation_quality.py.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass
from itertools import combinations

from .dates import is_date_line
from .han import HAN
from .model import Document
from .names import (
    HOTLINE,
    SELF_REFERENCE,
    TOWNSHIP_GOVERNMENT,
    department_mentions,
    government_of,
    is_department_name,
    is_self_reference,
    is_short_for,
    normalise_department,
    same_department,
    simplify_name,
)
from .pair_scorer import INFERRED, inferred_pairs, is_funder

SYMMETRIC = {"分工", "协作", "主管-分工"}

_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_TRANSFER = re.compile(r"整合[,，]?\s*组建|划转(?:至|到|给)?|划入|划给|划归|并入|移交(?:给|至)?|交给|交由"
                       r"|转隶(?:至|到)?|下放(?:至|到|给)?|调整(?:到|至|给)|(?<=职责|职能)[，,]?(?:调整为?)?(?:改由|由)"
                       r"|(?<=权)(?:整合)?[，,]?(?:改由|由)")
_TAKES_ON = ("承担", "负责", "行使", "履行", "统一", "集中行使")
_OWNER_AFTER = ("的", "承担", "职责", "职能", "、", "和", "及", "以及", "等", "所", "负责的", "整体")
_ASSIGN = re.compile(
    r"^(?:[（(][^）)]{0,40}[)）])?[,，]?(?:等(?:有关)?(?:部门|单位))?(?:应当|要|也|依法|同时|在各自[^，,。；;]{0,12}?[,，]?)?"
    r"(?:负责(?!同志|人(?:参加|列席|出席|[，,。；;、）)]|$)|本?辖区)|主管(?!部门)|统筹|统一|分别|具体负责|承担|依照|依据|按照|根据|依法|"
    r"作为|参与|牵头|会同|配合|协助|联合(?:开展|组织|实施|执法|检查|督查|查处)|"
    r"做好(?!本辖区|辖区|本行政区域|本区域|本地)|"
    r"是[^。；;]{0,30}?(?:主管|管理|监督管理)部门|共同|实施|履行|审批|对[^。；;，,]{1,30}?(?:依法|负责)|"
    r"在[^。；;，,]{1,30}?(?:予以|负责|进行|开展|组织)|"
    r"(?:为|是)[^。；;]{0,30}?(?:协管|监管|配合|成员|责任|支持)(?:部门|单位))")
_BY_ASSIGN = re.compile(r"^(?:负责|实施|承担|审批|监管|主管|在|监督|管理|统筹|统一|组织|依法|会同|牵头|登记|查处)")
_LEAD = re.compile(r"^(?:[（(][^）)]{0,40}[)）])?[,，]?(?:主管(?!部门)|统筹负责|"
                   r"[是为][^。；;]{0,30}?(?:主管部门|牵头单位)|"
                   r"(?:负责|承担)[^。；;，,]{0,30}?(?:综合|统筹)协调|承担[^。；;，,]{0,30}?牵头职责|"
                   r"负责组织实施本(?:办法|规定|条例|细则)|负责具体组织[、和]?(?:协调|实施)|"
                   r"负责本(?:办法|规定|条例|细则)的具体(?:组织)?实施|(?:牵头负责|统筹)(?=全[省市县区]|本[省市县区])|"
                   r"(?:对[^。；;，,]{0,30}?|负责[^。；;，,]{0,30}?)?(?:实施|实行|负责)?统一(?:监督管理|管理|领导)|"
                   r"对[^。；;，,]{0,30}?(?:实施|实行|负责)(?:监督管理|综合监督管理))")
# `本市燃气管理的主管部门为X`: the lead named after its role.
_LEAD_NAMED_AFTER = re.compile(r"主管部门(?:为|是)[：:]?$")
# `由X牵头组织实施`, `X：牵头负责…`: the one department a notice or plan puts at the head of all of it.
_DOCUMENT_LEAD = re.compile(r"^(?:[（(][^（）()]{1,20}[)）])?[：:]?(?:牵头(?:组织|负责|抓总|推进|开展|实施|做好)|"
                            r"牵头[、，,](?:相关|有关|各)(?:部门|单位)|"
                            r"作为[^。；;，,]{0,24}?牵头(?:部门|单位)|为[^。；;，,]{0,12}?牵头(?:部门|单位)|"
                            # `X负责全县手足口病防控工作的组织协调`: the work of the whole notice
                            r"负责全[省市县区][^。；;，,]{0,24}?工作的(?:组织|统筹|综合)协调)")
# `春运工作由市交通局牵头，…`: the work the whole notice is about, led by one department.
_WHOLE_WORK_BY = re.compile(r"[、，,：:\s][^。；;，,、\s]{0,8}工作由$")
# `本方案由X牵头组织实施`: the lead of the whole document, whatever single tasks other leads take on.
_WHOLE_DOCUMENT_BY = re.compile(r"本(?:方案|计划|意见|规划|行动|通知|实施方案|工作方案)[^。；;，,]{0,6}由$")
# `本方案实施的牵头部门为X，负责统筹调度`: the same, named after its role.
_DOCUMENT_LEAD_NAMED_AFTER = re.compile(r"牵头(?:部门|单位)(?:(?:为|是)[：:]?|[：:])$")
# `由所在地各乡镇人民政府组织拆除`: the name after 由 and the words that place it.
_BY = re.compile(r"由(?:所在地的?|各)*$")
_FUNDING = re.compile(r"^[^。；;\n]{0,12}?(?:[纳列]入[^。；;\n]{0,6}预算|安排[^。；;\n]{0,12}经费|"
                      r"(?:予以|给予)经费保障|按[^。；;，,\n]{0,6}拨付[。；;\n]|保障[^。；;，,\n]{0,8}经费[。；;\n]|"
                      r"(?:负责)?落实[^。；;，,\n]{0,16}?(?:资金|经费|补助|补贴)[。；;\n]|负责[^。；;，,\n]{0,8}?经费保障[。；;\n]|"
                      # (`县财政局负责整治资金的拨付和监管。`)
                      r"负责[^。；;，,\n]{0,12}?(?:资金|经费)的?(?:拨付|筹措|保障)(?:和监管|和监督管理)?[。；;\n])")
# `X：负责提供全县住宅楼栋基础数据。`, `X对本清单执行中的法律适用问题予以解释。`,
# `X每日向社会发布降雨预报，各单位参照…`: a body that only supplies data, an interpretation or a forecast
# takes no part of the matter.
_SUPPLIES_ONLY = re.compile(r"^[：:]?(?:负责|每[日天月周])?(?:提供|向社会发布|发布)[^。；;，,\n]{0,16}?"
                            r"(?:数据|资料|预报|预警(?:信息)?)的?(?:[。；;\n]|[，,](?=各|由))|"
                            r"^[：:]?[^。；;，,\n]{0,24}?(?:予以|负责)解释[。；;\n]")
# A government or 街道办事处 given a task for its own area (`承担辖区内…`) acts alone.
_AREA_GOVERNMENT = re.compile(r"人民政府$|街道办事处$|[乡镇]政府$|管理委员会$|管委会$")
_OWN_AREA = re.compile(r"^[^。；;]{0,16}?(?:本?辖区|本行政区域|本区域|属地)")
# An item that opens with its department (`（五）县房产管理局对违法建设不予登记`, `三、县人民医院设立…`).
_ITEM_OPENING = re.compile(r"[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|"
                           r"\d{1,2}[.．、])[ \t\u3000]*")
_COOPERATE = re.compile(r"建立|完成|移交|协作|合作|共同|联合|会商|通报|分工|衔接|协同|达成|商定|合署|共享|互通|交换")
_ARTICLE = re.compile(
    r"(?<!》)(?=第[一二三四五六七八九十百零〇两0-9]+条(?!的|规定|之))"
    r"|^(?=[ \t\u3000]*(?:[一二三四五六七八九十]+、|\(\d+\)\s))",
    re.MULTILINE)
_ARTICLE_NUMBER = re.compile(r"第[一二三四五六七八九十百零〇两0-9]+条(?!的|规定|之)")
_HEADING = re.compile(r"^[\s\u3000]*(.{2,30}?)[:：][\s\u3000]*$")


@dataclass(frozen=True)
class Relation:
    """Two departments the text puts together: `a` and `b` are normalised simplified names;
    for 划入/整合划入/下放 `a` gives and `b` receives, for 牵头-会同/管理 `a` leads."""
    a: str
    b: str
    relation: str
    quote: str
    source: str

    def to_dict(self) -> dict:
        return asdict(self)


Mention = tuple[int, int, str]


class _Collector:
    def __init__(self, own: str | None = None, defined: dict[str, str] | None = None, writer: bool = False) -> None:
        self.items: list[Relation] = []
        self.keys: set[tuple[str, str, str]] = set()
        self.own = normalise_department(own) if own else None
        self.writer = writer  # `own` is who wrote the text (its log, letter, minutes), not a 三定's department
        # Short names the document defines once (`以下简称区城管执法局`) and its sections then use.
        self.defined = defined or {}

    def add(self, a: str | None, b: str | None, relation: str, quote: str, source: str) -> None:
        if not a or not b:
            return
        a, b = self._named(a), self._named(b)
        if len(a) < 2 or len(b) < 2 or same_department(a, b) or not (is_department_name(a) and is_department_name(b)):
            return
        if _one_body(a, b):
            return  # `县疾控中心` and the text's `X县疾病预防控制中心`: one body, short and full
        if _LEGISLATURE.search(a) or _LEGISLATURE.search(b):
            return  # a 人大 or 政协 body receives proposals and replies; it shares no government duty
        if relation in SYMMETRIC and b < a:
            a, b = b, a
        key = (a, b, relation)
        if key in self.keys:
            return
        self.keys.add(key)
        self.items.append(Relation(a=a, b=b, relation=relation, quote=quote.strip()[:200], source=source))

    def relates(self, a: str, b: str) -> bool:
        a, b = self._named(a), self._named(b)
        return any(same_department(a, r.a) and same_department(b, r.b) or
                   same_department(a, r.b) and same_department(b, r.a) for r in self.items)

    def _named(self, name: str) -> str:
        """The document's own department by its full name wherever the text calls it short
        (`市市场监管局` in the rules of `甲市市场监督管理局`)."""
        name = normalise_department(self.defined.get(name, name))
        if self.own and (is_self_reference(name) or same_department(name, self.own) or
                         self.writer and _OWN_DESK.fullmatch(name)):
            return self.own
        return name


# The writer's own desk in its log (`党政办代镇里函告…`, `厂办去函…`, `街道指挥中心当日派转…`, a school's
# `总务处…`): the writer.
_DESKS = "党政办(?:公室)?|厂办|办公室|指挥中心|热线中心|值班室|调度室|保卫科|安全办|总务处|教务处|政教处"
_OWN_DESK = re.compile(rf"(?:[\u4e00-\u9fff]{{0,4}}?(?:街道|乡|镇))?(?:{_DESKS})")


_LEGISLATURE = re.compile(r"(?:^|[省市县区旗])(?:人大|政协)|人民代表大会|政治协商会议")


def _one_body(a: str, b: str) -> bool:
    """Whether one name is the other's short form at its level (`县疾控中心`, `X县疾病预防控制中心`)."""
    for short, full in ((a, b), (b, a)):
        level = _level_word(short)
        if level and level not in "乡镇" and not government_of(short) and \
                (government_of(full) or "").endswith(level) and is_short_for(short, full):
            return True
    return False


def _level_word(name: str) -> str:
    """The level a name without a place opens with (`县疾控中心`: 县), or "" (`市场监管局`: 市场 is a word)."""
    return name[0] if name[:1] in tuple("省市县区旗盟州乡镇") and not name.startswith(("市场", "市政", "市容")) else ""


# A table drawn with box-drawing characters (`│ 1 │ 县林业局 │`, `├──┼──┤`) read as one drawn in ASCII.
_BOX_AS_ASCII = str.maketrans({**{ch: "|" for ch in "│┃║┆┇┊┋╎╏"}, **{ch: "-" for ch in "─━═┄┅┈┉╌╍"},
                               **{ch: "+" for ch in "┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫"}})


def department_pairs(doc: Document, text: str | None = None) -> list[Relation]:
    """All department pairs the document names together (see module docstring)."""
    own = doc.department
    if text is None:
        parts = [d.text for d in doc.duties] + [c.text for c in doc.changes]
        parts += [d.text for d in doc.divisions_of_labour] + [v.text for v in doc.divisions]
        text = "\n".join(parts)
    text = text.translate(_BOX_AS_ASCII)
    speaker = text_speaker(own, text)
    # A plan whose department is only its page's publisher (`发布机构：X县人民政府办公室`): the publisher
    # is no party to the matters the plan shares out.
    sharer = own if own and _named_beyond_page_chrome(own, text) else None
    plain = simplify_name(text)
    out = _Collector(speaker, _short_names(plain) | _defined_roles(plain) |
                     {alias.group(1): full for alias, full in _definitions(plain)}, writer=not own)
    for labour in doc.divisions_of_labour:
        key = _plain(simplify_name(labour.text), own)
        mentions = department_mentions(key)
        _sentence_rules(key, out, "职责分工", subject=sharer)
        if sharer:
            for m in mentions:  # (not `（三）县商务局负责酒类流通备案，按其职责自行实施`: a body left to itself)
                if not _acts_apart(_sentence_of(key, m)):
                    out.add(sharer, m[2], "分工", key, "职责分工")
        if not own or _SHARED_BY_ALL.search(key):  # `…上述部门要密切协作`: every two of them share it
            _assignment_pairs(key, out, "职责分工")
    for change in doc.changes:
        _change_rules(change.kind, change.from_, change.to, change.text, own, out)
    if own:
        for duty in doc.duties:
            _duty_partners(_plain(simplify_name(duty.text), own), own, out)
    key = relation_key(text, own)
    sanding = bool(own) and bool(doc.duties or doc.divisions or doc.changes or doc.divisions_of_labour or
                                 doc.staffing.administrative_posts)
    labour_document = "职责分工" in key[:300]
    _heading_rules(key, out, "职责分工" if labour_document else "条文", sharer)
    # A table, read or not, keeps its rows apart: the text rules never pair one row with another.
    tabled = _table_rules(text, out, own) or sum(1 for line in text.splitlines() if line.count("|") >= 2) >= 3
    _lead_unit_rules(key, out)
    _marked_lead_rules(key, out)
    _convener_and_members(key, out)
    _issuer_partners(key, out, speaks_of_itself=bool(re.search(r"[我本](?:局|委|办|厅)", text)))
    _own_steps(key, out, text)
    _letter_pair(key, out)
    _partner_fields(key, out)
    _joint_issuers(text, out)
    _joint_parties(key, out)
    _agreement_parties(key, out)
    _slip_roles(key, out)
    _countersigners(key, out)
    if not sanding:
        leads, heads_all = _leads(key)
        if not heads_all:  # under one lead of the whole text the others are not paired with each other
            for unit in _units(key, tabled):
                _assignment_pairs(unit, out, "条文")
                _task_handover(unit, out)
        _lead_pairs(key, leads, out)
        _lead_and_helping_items(key, out)
    _all_of_them(key, out)
    _both_hand_on(key, out)
    alone = _alone_beside_a_lead(key) | _standing_remits(key) | _onlookers(key) | _approvers(key) | _kept_apart(key) | \
        _passed_on(key)
    for candidate in inferred_pairs(key, scorer_own(own, text, key)):  # the wordings no rule above reads
        if not out.relates(candidate.a, candidate.b) and not {candidate.a, candidate.b} & alone:
            out.add(candidate.a, candidate.b, INFERRED, candidate.quote, "条文")
    idle = _given_no_part(key)
    return [item for item in out.items if not idle & {normalise_department(item.a), normalise_department(item.b)}]


def _kept_apart(key: str) -> set[str]:
    """The bodies named only in sentences that keep them out of the matter (`县自来水公司在县城实行分时段供水，与镇里
    无关`): no inferred partner for them."""
    said: dict[str, bool] = {}
    for sentence in _sentences(key):
        apart = _acts_apart(sentence)
        for m in department_mentions(sentence):
            said[m[2]] = said.get(m[2], True) and apart
    return {name for name, apart in said.items() if apart}


# `四、县财政局参加了会议，本次未分派任务。`: a body the text says was given no part of the work
_NO_PART = re.compile(r"[未没无不](?:(?:分派|分配|安排|布置|明确|承担|有)(?:具体|任何)?|具体)(?:任务|分工|工作任务)")


def _given_no_part(key: str) -> set[str]:
    """The bodies a sentence of their own (no other body in it) says were given no part."""
    found = set()
    for sentence in _sentences(key):
        named = {normalise_department(m[2]) for m in department_mentions(sentence)} if _NO_PART.search(sentence) \
            else set()
        if len(named) == 1:
            found |= named
    return found


# A page's publisher, source and breadcrumb lines (`来源：县政府办公室`, `首页 » 政府办发文`).
_PAGE_CHROME_LINE = re.compile(r"(?:发布机构|发布单位|信息来源|来源|主办单位|主办|承办单位|承办)[：:]|[>＞»]")


def _named_beyond_page_chrome(own: str, text: str) -> bool:
    """Whether the text names `own` (or `本局`) outside its page's publisher, source and breadcrumb lines."""
    body = simplify_name("\n".join(line for line in text.splitlines()[:400] if not _PAGE_CHROME_LINE.search(line)))
    return own in body or bool(re.search(SELF_REFERENCE, body)) or \
        any(same_department(own, name) for _, _, name in department_mentions(body))


def relation_key(text: str, own: str | None) -> str:
    """The form of a document's text the rules and the pair scorer read; in a letter between two
    departments `你局` is the addressee and `我局` the writer."""
    key = _without_imprints(_contract_parties(simplify_name_keep_lines(text)))
    writer, addressee = _letter_parties(key)
    if addressee:
        # (not in the clause that acknowledges its paper: `你局报来的…申请收悉` names whom the reply answers)
        key = re.sub(r"[^。；;，,\n]+", lambda clause: clause.group(0) if _RECEIVED.search(clause.group(0))
                     else _ADDRESSEE.sub(addressee, clause.group(0)), key)
    return _plain(key, own or writer or _issuer(key) or _titled_writer(key) or _field_writer(key))


# `回复单位：X市园林管理局`, `受理单位：X县市场监督管理局` atop a form whose text then says `我局`
_WRITER_FIELD = re.compile(r"^[ \t\u3000]*(?:回复|答复|受理|办理|承办|填报|记录|检查|巡查|巡检|巡逻|值班|抢修|"
                           r"点检|反馈|收容|收治|实施|执行|作业|养护|管护)(?:单位|机关|部门)"
                           r"[：:][ \t\u3000]*([^\s：:]{4,30})[ \t\u3000]*$", re.MULTILINE)


def _field_writer(key: str) -> str | None:
    """The one body a form's field names as who replies, accepts or records, when the form speaks of itself
    in a word its name ends with (`我局` of a 局, `我所` of a 所)."""
    head = "\n".join(key.splitlines()[:_HEAD_LINES])
    # (`收容单位：X中心（县畜牧兽医局所属）`: the body, without whom it belongs to)
    values = [re.sub(r"[（(][^（）()]{2,20}[）)]$", "", match.group(1)) for match in _WRITER_FIELD.finditer(head)]
    fields = [value for value in values if [name for _, _, name in department_mentions(value)][:1] == [value]]
    own = _OWN_WORD.search(key) or _THIS_WORD.search(key)
    return fields[0] if len(fields) == 1 and own and fields[0].endswith(own.group(1)) else None


def _without_imprints(key: str) -> str:
    """The text without who printed it (`X县爱国卫生运动委员会办公室编印`): a printer takes no part in the matters."""
    for start, end, _ in reversed(department_mentions(key)):
        if key.startswith(("编印", "印制", "监制"), end):
            key = key[:start] + key[end + 2:]
    return key


_HEAD_LINES = 12  # a letter's or notice's title, addressee and opening stand within its first lines
# `委托方（甲方）：X县城市管理局`, `乙方：X县环境卫生管理所`: the parties of an agreement or a 委托书
_PARTY_LINE = re.compile(r"^[ \t\u3000]*[\u4e00-\u9fff]{0,6}[（(]?([甲乙丙丁])方[)）]?[ \t\u3000]*[：:][ \t\u3000]*"
                         rf"([{HAN}（）()]{{4,40}})[ \t\u3000]*$", re.MULTILINE)


# `移交单位：X县交通运输局` / `接收单位：X县公安局交通管理大队` atop a handover slip, whose items then say `接收单位`
# (a hotline's dispatch slip: `派单单位：X县12345热线` / `承办单位：X镇人民政府`)
_ROLE_LINE = re.compile(r"^[ \t\u3000]*((?:移交|接收|交接|委托|受托|派单|交办|转办|承办)(?:单位|方))[ \t\u3000]*[：:]"
                        rf"[ \t\u3000]*((?:[{HAN}（）()]|{HOTLINE}){{4,40}})[ \t\u3000]*$", re.MULTILINE)
# (two fields on one line, run together once the spaces are gone: `派单单位：A承办单位：B`)
_FIELD_AFTER_A_FIELD = re.compile(r"(?<=[^\n])(?=(?:移交|接收|交接|委托|受托|派单|交办|转办|承办)(?:单位|方)[：:])")
_SENDING_ROLE = re.compile(r"(?:移交|委托|派单|交办|转办)(?:单位|方)")  # (a 信访 slip's `转办单位：县信访局`)
_RECEIVING_ROLE = re.compile(r"(?:接收|受托|承办)(?:单位|方)")


def _named_in_opening(key: str, lines: re.Pattern) -> dict[str, tuple[int, str]]:
    """Per party (`甲` of `甲方：…`, with `_PARTY_LINE`) or role (`接收单位`, with `_ROLE_LINE`) the opening lines
    name: where its line ends and the body it names."""
    named: dict[str, tuple[int, str]] = {}
    for line in lines.finditer(key[:2000]):
        names = department_mentions(line.group(2))
        if names and line.group(1) not in named:
            named[line.group(1)] = (line.end(), names[0][2])
    return named


def _contract_parties(key: str) -> str:
    """The text with `甲方`, `乙方` (or a handover slip's `移交单位`, `接收单位`) written as the parties they
    stand for (`由甲方移送县生态环境局`, `由接收单位书面告知县城市管理局`)."""
    parties = _named_in_opening(key, _PARTY_LINE)
    if parties:
        start = max(end for end, _ in parties.values())
        key = key[:start] + re.sub(r"([甲乙丙丁])方(?![（(]?盖章)",
                                   lambda m: parties[m.group(1)][1] if m.group(1) in parties else m.group(0),
                                   key[start:])
    roles = _named_in_opening(key, _ROLE_LINE)
    if roles:
        start = max(end for end, _ in roles.values())
        key = key[:start] + re.sub("|".join(roles) + r"(?![：:])", lambda m: roles[m.group(0)][1], key[start:])
    return key


def text_speaker(own: str | None, text: str) -> str | None:
    """Who a text speaks for: the document's own department, or else (`本局` in a notice or letter, a log's
    `乡里`, with no department of its own) the writer its first lines name."""
    head = "\n".join(text.translate(_BOX_AS_ASCII).splitlines()[:_HEAD_LINES])
    return own or _speaker(simplify_name_keep_lines(head))


def scorer_own(own: str | None, text: str, key: str) -> str | None:
    """Whom the learned scorer pairs with each department a sentence names alone: the document's own
    department, or the writer of a paper that speaks of itself (its log, record or reply), never the
    issuer of a notice to others."""
    if own:
        return own
    writer = text_speaker(None, text)
    return writer if writer and _speaks_of_itself(writer, key, text) else None


def _speaks_of_itself(writer: str, key: str, text: str) -> bool:
    """Whether a text speaks of its writer's own steps: `我局…`, or its plan, log or reply titled with its name."""
    head = "\n".join(key.splitlines()[:3])
    return bool(_OWN_WORD.search(text) or _OWN_PAPER.search(head) and writer[-3:] in head)


def _speaker(key: str) -> str | None:
    """The department a text speaks for when it has none of its own: a letter's writer, a notice's issuer
    (both read from its first lines only)."""
    return _letter_parties(key)[0] or _issuer(key) or _titled_writer(key) or _field_writer(key)


def _titled_writer(key: str) -> str | None:
    """`X县林业局关于申请…经费的报告`, `X县城市管理局关于…的请示`, `多方联动治理流浪牛——X县畜牧局经验交流材料`: the
    body the title opens with (or names after its dash) is the `我局` of a text that speaks of itself."""
    # (over a scanned copy's `〔扫描件〕` mark)
    opening = [line.strip() for line in key.splitlines()[:4] if line.strip() and not _COPY_MARK.fullmatch(line.strip())]
    title = opening[0] if opening else ""
    names = [m for m in department_mentions(title) if m[0] == 0 or title[:m[0]].endswith(("——", "—"))]
    window = _HALL_WINDOW.match(title)
    if window:  # (the hall is where the bureau sits, not who writes)
        names = [(0, window.end(1), window.group(1))]
    if not names and len(opening) > 1 and _BYLINE.fullmatch(opening[1]):
        # a speech's or report's byline under its title: `X县环境卫生管理处　2002年5月`
        title, names = opening[1], [m for m in department_mentions(opening[1]) if m[0] == 0]
    # (a township's own log, `X乡人民政府防汛日记`, speaks for the township; a government's notice is no party)
    if len(names) != 1 or names[0][2].endswith("政府") and not (TOWNSHIP_GOVERNMENT.search(names[0][2]) and
                                                             _OWN_PAPER.search(title)):
        return None
    # (a bureau's division writes as the bureau: `X市市场监督管理局食品安全科…工作月历` says `我局`)
    named = _DIVISION_OF.sub(r"\1", names[0][2])
    named = re.sub(r"(?<=[局委办])驻[\u4e00-\u9fff]{2,20}$", "", named)  # `X局驻县行政服务中心窗口`: the bureau
    own = _OWN_WORD.search(key) or _THIS_WORD.search(key)  # (a log's `本所会同…`)
    if own is not None and named.endswith(own.group(1)) or \
            any(named.endswith(place.group(1)) for place in _PLACE_WORD.finditer(key)):
        return named  # (a brigade's clinic says `站里` of itself and `本大队` of the brigade)
    if own is None:  # `X县交通运输局公路晒玉米劝导工作台账`: its own record, whose steps name no subject
        return named if names[0][0] == 0 and _OWN_PAPER.search(title) else None
    return None


# `X县政务服务中心县公安局户籍窗口办件簿`: a bureau's window in the service hall writes as the bureau
_HALL_WINDOW = re.compile(rf"^[{HAN}]{{0,12}}?(?:政务|行政|便民)服务(?:中心|大厅)"
                          rf"([省市县区][{HAN}]{{2,20}}?(?:局|委员会))[{HAN}]{{0,8}}?窗口")
_BYLINE = re.compile(rf"[{HAN}]{{4,30}}[ \t\u3000]+(?:\d{{4}}|[〇○一二三四五六七八九零]{{4}})年"
                     r"[\d一二三四五六七八九十]{1,2}月(?:[\d一二三四五六七八九十]{1,3}日)?")
_COPY_MARK = re.compile(r"[〔【\[（(](?:扫描件|复印件|影印件|扫描版|抄件|副本)[〕】\]）)]")
# The writer's own word for itself: `我局`, `我大队`, `我中心`
_OWN_KINDS = "大队|支队|中队|局|委|办|站|所|院|馆|社|队|段|处|中心"
_OWN_WORD = re.compile(rf"我({_OWN_KINDS})")
_THIS_WORD = re.compile(rf"本({_OWN_KINDS})(?![法理事公员托会])")  # a form's `本中心`
_PLACE_WORD = re.compile(rf"(?<![{HAN}])([站所院馆队社厂])里(?=[{HAN}])")  # a log's `站里当天…`
_DIVISION_OF = re.compile(r"^(.{4,30}?(?:局|委员会|中心|人民政府|厂|公司|中学|小学|学校|医院|卫生院))"
                          r"(?:[\u4e00-\u9fff]{2,10}?(?:科|股|室)|指挥中心|值班室|便民服务中心|安全办|总务处|教务处|"
                          # (a bureau's window at the service hall: `X县医疗保障局政务服务中心窗口`)
                          r"政教处|(?:政务服务|行政服务|便民服务)中心(?:窗口)?|窗口)$")


# `X局关于做好…工作的通知`: the one department that issues a notice is who `本局`, `局属` speak of.
_NOTICE_TITLE = re.compile(r"^[ \t\u3000]*(.{2,40}?)关于.{2,80}?的(?:紧急)?(?:通知|意见|方案|决定|批复|通告)"
                           r"[ \t\u3000]*$")
_BARE_NOTICE_TITLE = re.compile(r"^[ \t\u3000]*关于.{2,80}?的(?:紧急)?(?:通知|意见|方案|决定|批复|通告)[ \t\u3000]*$")


def _issuer(key: str) -> str | None:
    lines = key.splitlines()[:_HEAD_LINES]
    for index, line in enumerate(lines):
        title = _NOTICE_TITLE.match(line)
        if title is not None:
            issuer = title.group(1)
        elif index and _BARE_NOTICE_TITLE.match(line):
            issuer = lines[index - 1].strip()  # the issuer on a line of its own above `关于…的通知`
        else:
            continue
        names = department_mentions(issuer)
        if len(names) == 1 and names[0][:2] == (0, len(issuer)) and not names[0][2].endswith("政府"):
            return names[0][2]
    return None


# `A　B关于…的联合通告`: two or more departments issuing one notice share its work (a title on its own line,
# or run on into the text of a one-line copy).
_JOINT_TITLE = re.compile(r"^[ \t\u3000]*([^。；;，,：:\n]{4,80}?)关于[^\n。]{2,80}?的(?:联合)?"
                          r"(?:通知|通告|公告|意见|方案|决定)")


def _joint_issuers(text: str, out: _Collector) -> None:
    """(read on the text as written: the spaces between the issuers' names are what keeps them apart)"""
    title = _JOINT_TITLE.match(text.lstrip()[:200])
    if title is None:
        return
    parts = re.split(r"[\s\u3000、]+|(?<=[局委办厅])[和与](?=\S)", title.group(1).strip())
    names = [simplify_name(part) for part in parts if part]
    issuers = [department_mentions(name) for name in names]
    if len(names) < 2 or any(len(found) != 1 or found[0][:2] != (0, len(name)) for found, name in zip(issuers, names)):
        return
    _each_with_each([found[0][2] for found in issuers], out, title.group(0).strip())
    # `三、县技术监督局配合做好标签标识检查`: a body that supports, no lead named, supports the issuers
    for clause in re.split(r"[。；;\n]", text.lstrip()[title.end():]):
        found = department_mentions(clause)
        if len(found) == 1 and re.match(r"(?:负责|积极|主动)?配合", clause[found[0][1]:]):
            for issuer in (issuer[0][2] for issuer in issuers):
                if not same_department(issuer, found[0][2]) and not issuer.endswith("政府"):
                    out.add(issuer, found[0][2], "牵头-会同", clause.strip(), "条文")


# A record's field of the bodies that acted together (`检查单位：A、B、C`), or an agreement's opening that
# names its parties (`A、B、C经协商，就…形成以下备忘`): each party works with each other.
_JOINT_FIELD = re.compile(r"^[ \t\u3000]*(?:联合)?(?:检查|执法|参检|参加|会商|核验|核查|巡查|验收|清点|盘点|交接)"
                          r"单位[：:]"
                          r"(?P<names>[^\n]{4,200})$", re.MULTILINE)
_PARTIES_AGREE = re.compile(r"^[ \t\u3000]*(?P<names>[^。；;，,\n]{8,120}?)"
                            r"(?:经(?:协商|会商|共同研究)|共同(?:商定|签订|制定))",
                            re.MULTILINE)


def _joint_parties(key: str, out: _Collector) -> None:
    apart: set[str] | None = None  # read once, and only for a text that lists its bodies
    for pattern in (_JOINT_FIELD, _PARTIES_AGREE):
        for match in pattern.finditer(key):
            names = match.group("names")
            found = department_mentions(names)
            if len(found) >= 2 and re.sub(r"[、，,和与及\s\u3000]", "", names) == "".join(m[2] for m in found):
                if apart is None:  # (`参加单位：A、B、C` where `C到会听取情况`)
                    apart = {normalise_department(m[2]) for sentence in _sentences(key) if _acts_apart(sentence)
                             for m in department_mentions(sentence)}
                _each_with_each([m[2] for m in found if normalise_department(m[2]) not in apart], out,
                                match.group(0).strip())  # only a list of bodies


# `三、双方于五月底共同验收活动成果`, `三方分工负责，每半月互相通报一次`: a closing sentence for all the bodies
# the items before gave a part, as many as it counts
_ALL_OF_THEM = re.compile(r"(?P<count>双|两|三|四|五)(?:方|单位|部门|局)[^。；;\n]{0,12}?(?:共同|联合|互相|相互)")
_COUNTED = {"双": 2, "两": 2, "三": 3, "四": 4, "五": 5}


def _all_of_them(key: str, out: _Collector) -> None:
    """The bodies a text gives its parts, when a sentence of it names none but has all of them work together."""
    for sentence in _sentences(key):
        together = _ALL_OF_THEM.search(sentence)
        if together is None or department_mentions(sentence):
            continue
        count = _COUNTED[together.group("count")]
        # (two by `X负责…`; more only as the items' heads `一、X：检查…`, each its own part; a slip's or an
        # agreement's `双方` are the two its opening lines name)
        opening = {**_named_in_opening(key, _PARTY_LINE), **_named_in_opening(key, _ROLE_LINE)}
        parties = [name for _, name in opening.values()]
        named = {normalise_department(name): name for name in parties} if count == 2 and len(parties) == 2 else \
            {normalise_department(m[2]): m[2] for m in _assigned(key, headed=count > 2)}
        if len(named) == count:  # (a town's government given its part joins too: the sentence counts it)
            for a, b in combinations(named.values(), 2):
                out.add(a, b, "协作", sentence.strip(), "条文")
        return


# `第四条　两局在监管中发现涉嫌犯罪的，将案件移送县公安局`: the two bodies the text has just named, each of
# them handing the matter on
_BOTH = re.compile(r"(?:^|(?<=[。；;\n]))[\s\u3000]*(?:第[一二三四五六七八九十]{1,3}条[\s\u3000]*|"
                   r"[一二三四五六七八九十]{1,2}、)?(?:上述)?(?:两局|两部门|两单位)")
_HANDED_ON = re.compile(r"(移送|移交|通报|抄送|函告)(?:给|至)?")


def _both_hand_on(key: str, out: _Collector) -> None:
    for both in _BOTH.finditer(key):
        sentence = re.split(r"[。；;\n]", key[both.end():], maxsplit=1)[0]
        handed = _HANDED_ON.search(sentence)
        target = next((m for m in department_mentions(sentence) if handed and m[0] == handed.end()), None)
        if handed is None or target is None:
            continue
        named: list[str] = []
        for _, _, name in reversed(department_mentions(key[:both.start()])):
            if not any(same_department(name, other) for other in named):
                named.append(name)
        for each in named[:2] if len(named) >= 2 else ():
            if not same_department(each, target[2]):
                out.add(each, target[2], "移交" if handed.group(1).startswith("移") else "协作", sentence, "条文")


def _each_with_each(names: list[str], out: _Collector, quote: str) -> None:
    """Bodies named together as working together, each with each (a government leads, it does not join)."""
    for a, b in combinations(names, 2):
        if not same_department(a, b) and not a.endswith("政府") and not b.endswith("政府"):
            out.add(a, b, "协作", quote, "条文")


def _agreement_parties(key: str, out: _Collector) -> None:
    """An agreement's parties (`甲方：X县体育局` / `乙方：X县第二中学`) work with each other."""
    for a, b in combinations([name for _, name in _named_in_opening(key, _PARTY_LINE).values()], 2):
        if not same_department(a, b):
            out.add(a, b, "协作", "甲方、乙方", "条文")


def _slip_roles(key: str, out: _Collector) -> None:
    """A slip's sender and receiver (`移交单位：A` / `接收单位：B`, `派单单位：A　承办单位：B`): one hands
    the matter to the other."""
    roles = _named_in_opening(_FIELD_AFTER_A_FIELD.sub("\n", key[:2000]), _ROLE_LINE)
    passed_on = _passed_on(key)
    senders = [name for role, (_, name) in roles.items() if _SENDING_ROLE.fullmatch(role) and name not in passed_on]
    receivers = [name for role, (_, name) in roles.items() if _RECEIVING_ROLE.fullmatch(role)]
    if len(senders) == 1 and len(receivers) == 1 and not same_department(senders[0], receivers[0]):
        out.add(senders[0], receivers[0], "移交", f"{senders[0]}、{receivers[0]}", "条文")


def _passed_on(key: str) -> set[str]:
    """A slip's `转办单位` noted under its `承办单位` and the handling (a hotline that only passed the message on),
    not over them (`转办单位：县信访局` / `承办单位：…`, which sends the matter)."""
    roles = _named_in_opening(_FIELD_AFTER_A_FIELD.sub("\n", key[:2000]), _ROLE_LINE)
    received = [at for role, (at, _) in roles.items() if _RECEIVING_ROLE.fullmatch(role)]
    return {name for role, (at, name) in roles.items()
            if role.startswith("转办") and any(other < at for other in received)}


_HOST_LINE = re.compile(r"^[ \t\u3000]*主办(?:单位|部门)[：:][ \t\u3000]*([^\n（(]{4,40})", re.MULTILINE)
_COUNTERSIGNER_LINE = re.compile(rf"^[ \t\u3000]*([{HAN}（）()]{{4,40}})[：:][ \t\u3000]*"
                                 r"(?:同意|无意见|原则同意)", re.MULTILINE)


def _countersigners(key: str, out: _Collector) -> None:
    """A 会签单: each body that signs its agreement under `会签单位` (`X县公安局：同意。…`) works with the
    主办单位 on the paper."""
    host = _HOST_LINE.search(key)
    if host is None or "会签" not in key[:200]:
        return
    hosts = department_mentions(host.group(1).strip())
    if len(hosts) != 1:
        return
    for line in _COUNTERSIGNER_LINE.finditer(key, host.end()):
        names = department_mentions(line.group(1))
        whole = len(names) == 1 and names[0][:2] == (0, len(line.group(1)))
        if whole and not same_department(hosts[0][2], names[0][2]):
            out.add(hosts[0][2], names[0][2], "协作", line.group(0).strip(), "条文")


def _signer(key: str) -> str | None:
    """The one department signing a text above its date at the end (a notice whose title names no issuer)."""
    lines = [line.strip() for line in key.splitlines() if line.strip()]
    for index in range(len(lines) - 1, max(0, len(lines) - 4), -1):
        if is_date_line(lines[index]):
            names = department_mentions(lines[index - 1])
            if len(names) == 1 and names[0][:2] == (0, len(lines[index - 1])) and not names[0][2].endswith("政府"):
                return names[0][2]
            return None
    return None


# `请县公安局做好现场安全保卫`: a notice asks another department for its part of the work.
_ASKED = re.compile(r"(?:^|(?<=[。；;\n，,：:]))(?:" + _ITEM_OPENING.pattern + r")?请(?!示)")


def _issuer_partners(key: str, out: _Collector, speaks_of_itself: bool = False) -> None:
    """A notice's issuer and each department it asks (`请A、B…`) for a part of the work, and each
    addressee it gives an item of its own (`一、市X协会负责组织…`); an 编委's notice, 批复 or 决定 that
    tells a department what to do is an order, not a share of the work."""
    issuer = _issuer(key) or _signer(key)
    notice = any(re.search(r"的(?:紧急)?通知[ \t\u3000]*$", line) for line in key.splitlines()[:_HEAD_LINES])
    if issuer is None or "机构编制" in issuer or not notice:
        return
    addressees = _addressees(key)
    for sentence in _sentences(key):
        mentions = department_mentions(sentence)
        opening = _ITEM_OPENING.match(sentence)
        if opening and addressees:
            subject = next((m for m in mentions if m[0] == opening.end()), None)
            if subject is not None and subject[2] in addressees and \
                    re.match(r"[^。；;，,]{0,6}(?:负责|承担|组织|做好)", sentence[subject[1]:]):
                out.add(issuer, subject[2], "协作", sentence, "条文")  # `一、市X协会负责组织…` of its addressee
        for asked in _ASKED.finditer(sentence):
            first = next((m for m in mentions if m[0] == asked.end()), None)
            if first is not None:
                for each in _list_after(sentence, mentions, first[0]):
                    out.add(issuer, each[2], "协作", sentence, "条文")
        # `二、涉及火灾隐患的经营场所，抄告县消防救援大队。` in a notice whose issuer speaks of itself (`我局决定…`)
        for clause in re.split(r"[；;]", sentence) if speaks_of_itself else ():
            handed = _ISSUER_HANDS_OVER.search(clause)
            found = department_mentions(clause)
            if handed and found and found[0][0] == handed.end():
                out.add(issuer, found[0][2], "移交" if handed.group(1) == "移送" else "协作", clause, "条文")


# The writer's own steps in its plan, bulletin or reply: `一、联合县工商局开展…`, `我局已会同县农业局…`,
# `…已移送县工商行政管理局处理`.
_OWN_PAPER = re.compile(r"工作要点|工作计划|工作总结|工作简报|简报|答复|情况报告|情况汇报|处置记录|工作记录|工作台账|"
                        r"(?:现场)?检查笔录|巡查记录|巡查手簿|日志|日记|值班|值守|交班|摘记|手记|札记|笔记|备忘|收发文|随访|"
                        r"的报告|派单|工单|配合单|职责书|接报|接访记录|核查记录|执法记录|发言提纲|阅办单|传阅单|"
                        # (`X公司供水管网抢修纪要`, `X乡人民政府乡务记事本`, `X街道网格事件派转登记簿`)
                        r"纪要|记事簿|记事本|记录本|记录簿|登记簿|登记本|事项登记|转办簿|转交簿|台账|(?:记(?:录|事)|登记)(?=[（(\n]|\d|$)|移交书|簿(?=[（(\n]|\d|$)")
_OWN_HEAD = "院长|站长|所长|局长|厂长|校长|经理(?:指示)?"
# (a ledger's `9月12日，X208线柳河段：会同…`, `现场劝导后通报X乡人民政府`)
_OWN_DATE = r"(?:(?:[\dX一二三四五六七八九十]{1,3}月[\dX一二三四五六七八九十]{1,3}日[\s\u3000]*|当日|当天|同日|次日|" \
            r"(?=上午|下午|中午|晚上|当晚)|" \
            r"[\d一二三四五六七八九十]{1,3}时(?:[\d一二三四五六七八九十]{1,3}分)?|\d{1,2}[:：]\d{2}[\s\u3000]*)" \
            r"(?:上午|下午|中午|晚上)?)"
_OWN_STEP = re.compile(rf"(?:^|[，,：:]){_OWN_DATE}?"
                       # (a duty log's `三时二十分`; a township's log: `乡里请县卫生防疫站…`; a hotline's
                       # `本中心5月6日交县城市管理局办理`)
                       # (its head: `院长电话请…`, `经理指示去函…`)
                       rf"(?:我(?:{_OWN_KINDS})|乡里|镇里|局里|所里|站里|队里|社里|厂里|科里|院里|馆里|{_OWN_HEAD})?{_OWN_DATE}?"
                       # (a duty log's `值班员王XX…`, `医生评估…后`)
                       r"(?:值班员|值班人员|值班室|经办人|执法人员|工作人员|接访人员|接报人员)?(?:[\u4e00-\u9fffX]{1,2}XX)?"
                       # (`…现场劝导后通报…`; a ledger's `摊点油烟问题已移交…`)
                       r"(?:[\u4e00-\u9fff]{2,6}后|[\u4e00-\u9fff]{2,8}(?:问题|线索|案件|事项)|工单)?"
                       r"(?:按(?:照)?[\u4e00-\u9fff]{1,5}?)?"  # (`院里按要求电话报告…`, `站里按调拨单把…送到…`)
                       r"(?:已|将|还|也|要|并|积极|主动|及时|书面|同时|随即|当即|立即|即|电话|当天|当日|次日|经|写信|去函|函|行文)*"
                       # (`将情况通知…`, `将随访结果推送…`: what is handed on, then the step)
                       r"(?:[将把][^，,。；;：:将把]{1,12}?)?"
                       rf"(会同|联合|联系|配合|协助|协同|移送|移交|抄告|函告|去函|致函|发函|复函|通报|通知|告知|转告|转请|推送|"
                       r"[交转](?=[省市县区])|(?<=电话|书面)报(?:告)?(?=[省市县区])|提醒|询问|派转|转派|派给|派发给|派单|派|写信给|"
                       r"去信给?|致电|送到|送交|送往|[打挂]电话(?:给|到)|"
                       r"请(?!示))"
                       rf"(?:了|给|至)?(?=[{HAN}])")  # (`厂里发函给县市政公用事业管理局`, `派单至…`)


_DECLINED = re.compile(r"不参与|未参与|不予参与|不属其|拒绝|未作安排|与本[局所站队]无涉")
_OWN_SAID = re.compile(rf"我(?:{_OWN_KINDS})|乡里|镇里|局里|所里|站里|队里|社里|厂里|科里|院里|馆里|{_OWN_HEAD}|"
                       r"值班员|值班人员|值班室|经办人|执法人员|"
                       r"工作人员|接访人员|接报人员")
# (not `请县粮食局调拨返销粮`: grain)
_FUNDS_ASKED = re.compile(r"^[^，,。；;]{0,12}?(?:核拨|拨款|拨付|拨给|拨出|预算|经费|资金|批示|审批)")


def _own_steps(key: str, out: _Collector, text: str) -> None:
    """The writer with each department its own paper says it works with or hands a matter to, where the
    clause names no other subject (the writer speaks of itself, or the paper is its plan, bulletin or reply)."""
    writer = out.own
    if not writer or not _speaks_of_itself(writer, key, text):
        return
    towns = {m[2] for m in department_mentions(key) if TOWNSHIP_GOVERNMENT.search(m[2])}
    for clause in re.split(r"[。；;\n]", key):
        # (the writer named where its text said `本局`: `…，X局联系县农业局…` is its own step too)
        body = _as_own_word(_ITEM_OPENING.sub("", clause, count=1), writer)
        mentions = department_mentions(body)
        for step in _OWN_STEP.finditer(body):
            # (or after the letter or call it made: `党政办代镇里拟函，请县住房和城乡建设局派员鉴定`)
            said = _OWN_SAID.search(step.group(0)) or re.search("电话|函", step.group(0)) or \
                step.group(1) == "请" and re.search(r"(?:拟函|去函|发函|写信|来电|电话)[，,]$", body[:step.start(1)])
            if step.group(1) == "请" and (not said or _FUNDS_ASKED.search(body, step.end())):
                continue  # `请` is the writer's step where it says so, and asking for funds is none (`请县财政局核拨`)
            if any(m[0] < step.start(1) and not same_department(m[2], writer) and
                   body[max(0, m[0] - 2):m[0]] not in ("会同", "配合", "协助", "联合") for m in mentions):
                continue  # the clause has a subject of its own (not the writer, nor one it works with)
            first = next((m for m in mentions if m[0] == step.end(0)), None)
            if first is not None and _DECLINED.search(body, first[1]):
                continue  # `联系县建设局，该局答复…不参与本次处置`: the body it turned to took no part
            town = re.match("[乡镇]里", body[step.end(0):])
            if town and not TOWNSHIP_GOVERNMENT.search(writer):  # a bureau's `请镇里先行撤人`: the township it names
                named = [name for name in towns if name.endswith(town.group(0)[0] + "人民政府")]
                if len(named) == 1:
                    out.add(writer, named[0], "协作", clause, "条文")
            if first is not None:
                for each in _list_after(body, mentions, first[0]):
                    out.add(writer, each[2], "移交" if step.group(1) in ("移送", "移交") else "协作", clause, "条文")
        for m in mentions:  # `县供电公司根据我局函告，对…停止供电`: a body acts on the writer's word
            if _ON_OWN_WORD.match(body, m[1]) and not same_department(m[2], writer):
                out.add(m[2], writer, "协作", clause, "条文")
        asked = _ASKS_WRITER.search(body)  # `县教育局来电，称…，请站里派人调查`: a body asks the writer to act
        caller = mentions[0] if mentions else None  # (a township may call; a county government asks no bureau so)
        if caller and (not caller[2].endswith("政府") or TOWNSHIP_GOVERNMENT.search(caller[2])) and (
                asked and caller[0] < asked.start() and body[caller[1]:].startswith(("来电", "来人", "来函", "来信")) or
                _CALL_WITH_REQUEST.match(body, caller[1])):  # (`县计划委员会来电，要求将其…档案移交进馆`)
            out.add(caller[2], writer, "协作", clause, "条文")
        told = _TOLD.search(body)  # `3月12日　向市卫生健康委员会通报抽检结果`
        if told and mentions and mentions[0][0] == told.end() and \
                re.match(r"[^，,。]{0,2}?(?:通报|移送|移交|函告|抄告|反馈)", body[mentions[0][1]:]):
            out.add(writer, mentions[0][2], "移交" if "移" in body[mentions[0][1]:mentions[0][1] + 4] else "协作",
                    clause, "条文")


def _as_own_word(clause: str, writer: str) -> str:
    """`clause` with the writer's names made `我局`: its full name, the short names it goes by (`县残联`,
    `工商局`) and the bare kind it calls itself by at a clause's start (`卫生院同时将…`, `街道接报后…`)."""
    spans = [m for m in department_mentions(clause) if m[2] != writer and is_short_for(m[2], writer)]
    for start, end, _ in reversed(spans):
        clause = clause[:start] + "我局" + clause[end:]
    kind = _OWN_KIND.search(writer)
    if kind:
        word = _OWN_KIND_WORD.get(kind.group(0), kind.group(0))
        clause = re.sub(rf"(?:^|(?<=[，,：:日]))[\s\u3000]*{word}(?=[{HAN}])", "我局", clause)  # (`8月X日　公司去函…`)
    # a bureau's window at the service hall
    clause = re.sub(r"[本我]窗口|(?:^|(?<=[，,：:\s\u3000日]))窗口(?=[\u4e00-\u9fff])", "我局", clause)
    # its office acting for it (`党政办代镇里函告…`), its own desk (`街道指挥中心当日派转…`)
    clause = re.sub(rf"(?:^|(?<=[，,：:\s\u3000日]))(?:(?:{_DESKS}|(?:便民服务)?中心)代(?:镇里|乡里|街道|厂里)|"
                    rf"{_DESKS})|我局(?:{_DESKS})", "我局", clause)
    return clause.replace(writer, "我局")


_OWN_KIND = re.compile(r"(?:卫生院|医院|街道办事处|中心|卫生服务站|派出所|中队|大队|厂|公司|中学|小学|学校|林场|"
                       r"幼儿园|热线)$")
# (the word it says where it is not the kind itself; a factory's `厂办去函…`, a company's `公司当晚…`)
_OWN_KIND_WORD = {"街道办事处": "街道", "中心": "(?:本|我)?中心", "厂": "厂(?:办|部|里)?",
                  **dict.fromkeys(("中学", "小学", "学校"), "(?:学校|校方|校里|我校)"),
                  "幼儿园": "(?:园里|园方|幼儿园|我园|本园)", "医院": "(?:院里|科里|医院|我院|本院)"}


_ON_OWN_WORD = re.compile(rf"(?:根据|按照|依据|按)我(?:{_OWN_KINDS})的?(?:函告|通知|意见|要求|建议|来函|函|移送)|"
                          # (`县公安局交通警察大队应站里请求，…`)
                          rf"应(?:我(?:{_OWN_KINDS})|乡里|镇里|局里|所里|站里|队里|社里|厂里|院里|校方)的?"
                          r"(?:请求|要求|邀请|申请)")
# A call or letter that asks for something (not a notice to every unit: `来电通知各公社…`, `要求各乡镇…`)
_CALL_WITH_REQUEST = re.compile(r"来(?:电话?|函|信)[：:，,]?(?:[^。；;：:]{0,40}?[，,])?要求(?!各)")
_ASKS_WRITER = re.compile(rf"(?:请|要)(?:我(?:{_OWN_KINDS})|乡里|镇里|局里|所里|站里|队里|社里|场里|厂里|"
                          r"院里|馆里|店里|校里|学校|校方|园里|园方)")


# The writer's own step to a body it names first: `向X通报…`, after a date or its own word at most
_TOLD = re.compile(rf"^[\s\u3000\d月日年]*(?:我(?:{_OWN_KINDS}))?(?:已|将|及时|并)*向")


# A clause that names no one before handing a matter over (the issuer's own step).
_ISSUER_HANDS_OVER = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])?"
                                r"[^。；;：:]{2,40}?[，,](?:由我[局委办]|及时|应当|应|要)?(移送|抄告|抄送|通报|函告)(?:给|至)?")


def _addressees(key: str) -> set[str]:
    """The departments a notice is addressed to (`县文化馆，各乡镇文化站：`), the 各… ones aside."""
    for line in key.splitlines()[1:_HEAD_LINES]:
        if re.search(r"[：:][ \t\u3000]*$", line) and not re.search(r"[。；;]", line):
            return {name for start, _, name in department_mentions(line) if not line[:start].endswith("各")
                    and not name.startswith("各")}
    return set()


# (`你会` of a 妇女联合会 addressed, but not `你会发现…`)
_ADDRESSEE = re.compile(r"(?:你|贵)(?:局|委|办|厅|中心|单位|队|所|处|站)|贵会|你会(?![发看觉感想知])")
_RECEIVED = re.compile(r"收悉|已收到|来函|报来")
_SALUTATION = re.compile(r"^[ \t\u3000]*([^ \t\u3000：:]{3,30})[：:][ \t\u3000]*$")
# a form's `致：X`
_SENT_TO = re.compile(r"^[ \t\u3000]*(?:致|主送|送)[：:][ \t\u3000]*([^ \t\u3000：:，,。]{3,30})[ \t\u3000]*$")


# (`协助查询通知书（回执联）`, `关于请求派员防治稻瘟病的信（1982年8月3日）`)
_LETTER_TITLE = re.compile(r"(?:函|批复|抄告单|告知单|移送单|联系单|交办单|提示单|提醒单|督办单|转办单|反馈意见|"
                           r"通知书|回执|(?<=的)信|复信)》?(?:[（(][^（）()]{1,12}[)）])?$")


def _letter_parties(key: str) -> tuple[str | None, str | None]:
    """(writer, addressee) of a letter (`…的函`, `…的复函`) from one department to another: the writer
    opens the title, the addressee stands alone before `：`."""
    head = [line.strip() for line in key.splitlines()[:_HEAD_LINES] if line.strip()]
    # (or a form sent to one department: `抄　告　单`, `移送单`, `联系单`)
    title = next((n for n, line in enumerate(head[:4]) if _LETTER_TITLE.search(re.sub(r"[ \t\u3000]", "", line))), None)
    if title is None:
        # any paper that says `你局` to the one department it opens by addressing (`X县公安局：` under
        # `协助执法通知书`, `保证书`): its writer is the signer, the department's own
        return None, _addressed(head) if _ADDRESSEE.search(key) else None
    opening = department_mentions(head[0]) or department_mentions(head[title])
    # (a desk writes as its body: `X镇人民政府党政办公室…`)
    writer = _DIVISION_OF.sub(r"\1", opening[0][2]) if opening and opening[0][0] == 0 else None
    addressee = None
    for line in head[title + 1:]:
        salutation = _SALUTATION.match(line) or _SENT_TO.match(line)
        name = salutation.group(1) if salutation else ""
        if name and is_department_name(name):  # whole, even where a word in it stops a name in running text
            addressee = name
            break
    return writer, addressee


def _letter_pair(key: str, out: _Collector) -> None:
    """A letter's or request form's writer with the one department it is sent to (`X县人民法院协助查询通知书` /
    `致：县房产管理局`): the letter asks it to act on a matter."""
    writer, addressee = _letter_parties(key)
    # (a government's office or staffing committee approves; a reply to a court answers its advice)
    if writer and addressee and not _APPROVES.search(writer) and not _APPROVES.search(addressee) and \
            not addressee.endswith(("法院", "检察院")) and not same_department(writer, addressee):
        out.add(writer, addressee, "协作", key.splitlines()[0], "条文")


_APPROVES = re.compile(r"政府$|政府办公室$|政府办$|机构编制委员会|编委|编办|人大|政协")


_PARTNER_FIELD = re.compile(r"^[ \t\u3000]*配合(?:单位|部门)[一二三四五六七八九十\d]*[：:][ \t\u3000]*"
                            r"([^\s：:，,。]{3,30})[ \t\u3000]*$", re.MULTILINE)


_ROW_LEAD_FIELD = re.compile(r"(?:实施主体|承办单位|承办部门|责任单位|责任部门|牵头单位|牵头部门|主办单位)[：:]")


def _partner_fields(key: str, out: _Collector) -> None:
    """A form's `配合单位一：县公安局交通警察大队` under its writer's title: the writer works with each."""
    # (a government office's plan lists its bodies' helpers; a list of matters, each row's own lead's)
    if out.own and not _APPROVES.search(out.own) and not _ROW_LEAD_FIELD.search(key):
        for field in _PARTNER_FIELD.finditer(key):
            if "、" not in field.group(1) and is_department_name(field.group(1)) and \
                    not same_department(field.group(1), out.own):
                out.add(out.own, field.group(1), "协作", field.group(0).strip(), "条文")


def _addressed(head: list[str]) -> str | None:
    """The department a paper's second or third line addresses alone before `：`."""
    for line in head[1:3]:
        salutation = _SALUTATION.match(line)
        if salutation and is_department_name(salutation.group(1)):
            return salutation.group(1)
    return None


# Items headed by their own matter (`一、公共体育场馆。县体育局负责…`): each divides a matter of its own.
_HEADED_ITEMS = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]+、[^。；;，,\n]{2,12}。[^\n]*$(?:\n.*){0,40}?"
                           r"^[ \t\u3000]*[一二三四五六七八九十]+、[^。；;，,\n]{2,12}。", re.MULTILINE)


def _units(key: str, tabled: bool) -> list[str]:
    """The parts of a text within which departments given a task divide one matter: a table's rows
    (the text never pairs one row with another); a work plan's tasks, each with its own lead; the
    whole text when its title says it divides one matter (`关于明确…监管职责的通知`), or an early
    heading does and it has no numbered items; the numbered items of a text without 第X条 articles;
    otherwise its articles."""
    if tabled or len(_NUMBERED_ROW.findall(key)) >= 2:
        return key.splitlines()
    tasks = _tasks(key)
    if len(re.findall("牵头", key)) >= 2:
        return tasks
    numbered = not _ARTICLE_NUMBER.search(key) and len(tasks) >= 3
    title = re.split(r"[\n。\s]", key.strip(), maxsplit=1)[0][:100]
    if _DIVIDES_BY_TITLE.search(title) and not _HEADED_ITEMS.search(key) or \
            _DIVIDES_ONE_MATTER.search(key[:200]) and not numbered:
        return [key]
    return tasks if numbered else _articles(key)


# A table flattened a row a line, each row opening with its number: `序号1　事项：…　主责单位：…　配合单位：…`.
_NUMBERED_ROW = re.compile(r"(?m)^\s*序号\s*\d{1,3}(?![\d.．、])")


# A matter divided among several departments that the text then tells to work together.
_SHARED_BY_ALL = re.compile(r"(?:上述|以上|各|[两三四五六七八九])(?:个)?(?:部门|单位|机构|方|局|委)"
                            r"(?:之间|间)?(?:要|应|应当|共同|密切|加强|建立|相互)")


# `本局`, `我局`: the document's own department.
_SELF = re.compile(rf"(?:(?<![{HAN}])|(?<=[与和及由向对经将入给归至为交请])|(?<=通知|函告|抄送|告知)|"
                   r"(?<=\d日)|"  # a chronicle's `5月14日　我局会同…`
                   r"(?<=配合|协助|会同|联合|协同|支持)|"
                   r"(?<=今年|去年|近年|目前|此前|随后|此外|今后|近期|日前|为此|对此|同时|当天|当日|同日|次日)|(?<=下一步)|"
                   r"(?<=[查作]中))" +  # (`排查中我办会同…`, `工作中我局…`)
                   SELF_REFERENCE + r"(?![法理事公员托]|会(?!同))")
# Who interprets the rules or sees to the notice is no party to the matters they divide.
_CLOSING = re.compile(r"(?:^|(?<=[。；;\n]))[^。；;\n]*"
                      r"(?:负责解释|解释权|由[^。；;\n]{2,40}?解释|负责督促本(?:通知|意见|方案|规定|办法))"
                      r"[^。；;\n]*[。；;]?")


def _plain(key: str, own: str | None) -> str:
    """`key` with its closing clauses out, `本局` named and short names it defines (`以下简称管委会`) spelled out."""
    key = _antecedents_named(_aliases_spelled_out(_CLOSING.sub("", key)))
    if not own:
        return key
    key = _BUREAU_OWNED.sub(simplify_name(own) + "所属的", key)  # `局属县路政执法大队`: the bureau's own unit
    return _ITS_UNITS.sub(simplify_name(own), _SELF.sub(simplify_name(own), key))


def _antecedents_named(key: str) -> str:
    """`一、同意设立X市学生饮用奶推广办公室…。二、该办公室…接受市卫生局的业务指导`: `该办公室` is the last
    body named before it of its kind (办公室, 中心, 所 …)."""
    if "该" not in key:
        return key
    mentions = department_mentions(key)
    out, position = [], 0
    for match in _THAT_BODY.finditer(key):
        named = [m[2] for m in mentions if m[1] <= match.start() and m[2].endswith(match.group(1))]
        if named:
            out += [key[position:match.start()], named[-1]]
            position = match.end()
    return "".join(out) + key[position:] if out else key


_THAT_BODY = re.compile(r"该(办公室|中心|所|站|队|院|馆|处|局|公司)"
                        rf"(?![{HAN}]{{0,2}}(?:负责人|主任|工作人员))")


_BUREAU_OWNED = re.compile(rf"(?:(?<![{HAN}])|(?<=[，,；;、由和及与]))局属(?=[省市县区])")


# `X、Y为其所属事业单位` in a 三定: its units are the document's own department's.
_ITS_UNITS = re.compile(r"(?<=[为是])其(?=所属|直属|下属)")


_ALIAS = re.compile(rf"[（(](?:以下|下)?简称[“\"]?([{HAN}]{{2,10}}?)[”\"]?[）)]")


def _definitions(key: str) -> list[tuple[re.Match, str]]:
    """`XX局（以下简称区城管执法局）`: each short name the text defines, with the full name it stands for."""
    found = []
    for alias in _ALIAS.finditer(key):
        before = department_mentions(key[:alias.start()])
        named = [m for m in before if m[1] == alias.start()]
        sentence_start = max(key.rfind(mark, 0, alias.start()) for mark in "。；;\n") + 1
        subject = [m for m in before if m[0] >= sentence_start and key[m[1]:m[1] + 1] == "是"][:1]
        if named or subject and key[alias.start() - 4:alias.start()].endswith("部门"):
            found.append((alias, (named or subject)[-1][2]))  # `X是本市…的主管部门（以下简称排水主管部门）`
    return found


def _defined_roles(key: str) -> dict[str, str]:
    """`县住房和城乡建设局是本县供热行业主管部门`: the role, wherever the text names it, is that department."""
    found = {}
    mentions = department_mentions(key)
    for named, role in zip(mentions, mentions[1:]):
        # (a generic body defined as the role, `市市政行政管理部门是本市燃气行政主管部门`, goes by the role)
        if key[named[1]:role[0]] == "是" and role[2].endswith("主管部门") and \
                not named[2].endswith(("部门", "机关", "机构")) and \
                (named[2][0] in "省市县区" or government_of(named[2])):
            bare = re.sub(r"^(?:本|全)?[省市县区]", "", role[2])  # (the text's later `供热行业主管部门`)
            for name in (role[2], normalise_department(role[2]), bare):
                found[name] = named[2]
    return found


def _short_names(key: str) -> dict[str, str]:
    """`质监局负责生产环节检查` after `县质量技术监督局和县工商行政管理局决定…`: a short name with no place,
    for the one full name of the text it abbreviates."""
    names = {normalise_department(m[2]) for m in department_mentions(key)}
    placed = [name for name in names if name[0] in "省市县区" or government_of(name)]
    placed = [name for name in placed if not any(other != name and other in name for other in placed)]  # a title run on
    found = {}
    for short in names:
        if len(short) <= 5 and not _level_word(short) and not government_of(short):
            fulls = {full for full in placed if is_short_for(short, full)}
        elif _level_word(short) not in ("", "乡", "镇") and not government_of(short):
            # `县工商局` after the text's `X县工商行政管理局`: the one full name of its level it abbreviates
            # (`县文明办` is short for no `X县创建文明城市工作指挥部办公室`: a short name keeps the first character)
            fulls = {full for full in placed if (government_of(full) or "").endswith(short[0]) and
                     full[len(government_of(full) or ""):][:1] == short[1:2] and is_short_for(short, full) and
                     not re.search("[局部办委厅][省市县区旗]", full)}  # (no names a signature line runs together)
        else:
            continue
        if len(fulls) == 1:
            found[short] = fulls.pop()
    for short in ("乡政府", "镇政府", "乡人民政府", "镇人民政府"):  # a township's own `乡政府`, where it names one
        fulls = {full for full in placed if full.endswith(short[0] + "人民政府")}
        if short in key and len(fulls) == 1:
            found[short] = fulls.pop()
    return found


def _aliases_spelled_out(key: str) -> str:
    """`青州经济技术开发区管理委员会（以下简称管委会）…管委会会同…`: after its definition the short name is
    the body's full name."""
    for alias, full in _definitions(key)[::-1]:
        head, tail = key[:alias.end()], key[alias.end():]
        key = head + tail.replace(alias.group(1), full)
    return key


_PARTNER_VERB = re.compile(r"(会同|配合|协助|协调|联合|会商|承接|指导|督促指导|监督指导)")
_POWERS = re.compile(r"(?:行使|履行|承担|负责)(?:以|如)?下(?:列)?(?:职权|职责|工作)")
_ARTICLE_START = re.compile(r"^[\s\u3000]*第[一二三四五六七八九十百零〇两0-9]+条")


_RUNS_IN_DUTY = re.compile(r"(?:^|[，,；;：:]|^[（(]?[一二三四五六七八九十\d]{1,3}[)）.、]?)\s*(?:负责)?(?:管理|代管)"
                           r"(?=[省市县区])")


def _duty_partners(text: str, own: str, out: _Collector) -> None:
    """A duty of the document's own department that it carries out with another (`会同区财政局拟订…`,
    `配合区公安分局做好…`): the two work together on it."""
    mentions = department_mentions(text)
    for managed in _RUNS_IN_DUTY.finditer(text):  # `（五）管理县人防工程维护管理所`: a unit it runs
        for unit in _list_after(text, mentions, managed.end()):
            out.add(own, unit[2], "管理", text, "主要职责")
    if "承接" in text:  # `承接原县民政局的优抚安置职责，以及A的…职责、B的…职责`: each gives its duty
        for m in mentions:
            if re.match(r"的[^。；;，,、]{1,30}?(?:职责|职能)", text[m[1]:]):
                out.add(m[2], own, "划入", text, "主要职责")
    for verb in _PARTNER_VERB.finditer(text):
        for partner in _list_after(text, mentions, verb.end()):
            if verb.group(1) in ("配合", "协助"):
                out.add(partner[2], own, "牵头-会同", text, "主要职责")
            else:
                out.add(own, partner[2], "牵头-会同" if verb.group(1) == "会同" else "协作", text, "主要职责")


def simplify_name_keep_lines(text: str) -> str:
    """Simplified text with its line breaks (spaces inside lines kept as a boundary)."""
    return "\n".join(simplify_name_line(line) for line in text.splitlines())


# A scanned copy's sentence, its marks misread as `,` and `o` (a copy that keeps `。` breaks sentences with
# spaces, which then part no words).
_MISREAD_LIST_MARK = re.compile(rf"[{HAN}]丶 ?[{HAN}]")
_SCANNED_SENTENCE = re.compile(rf"[{HAN}], ?[{HAN}]|"
                               rf"[{HAN}]o$|" + _MISREAD_LIST_MARK.pattern)
_SCANNED_STOP = re.compile(rf"(?<=[{HAN}])(?:\.|o$)(?= ?[{HAN}]|\s*$)")
# Spaces inside the words of a sentence (`各乡镇人民政 府要配合县教育 局`, an OCR or a justified copy).
_STRAY_SPACE = re.compile(rf"(?<=[{HAN}])(?: {{1,2}}|\u3000)(?=[{HAN}])")


def simplify_name_line(line: str) -> str:
    # A scan may keep some `。` of its own where its list marks were misread as `丶`; elsewhere a `。` without
    # a `，` says the marks were typed and a space parts sentences (`…工作 市场监管部门负责…`), while a line
    # with its `，` typed is a sentence whose spaces are strays (`…负 责 全县夏蝗防　治的组织指挥，`).
    scanned = bool(_SCANNED_SENTENCE.search(line)) and "，" not in line and (
        "。" not in line or bool(_MISREAD_LIST_MARK.search(line)))
    if scanned:  # its marks as they were meant: `县教育局丶县农业局`, `…领导.成立…`
        line = _SCANNED_STOP.sub("。", line.replace("丶", "、"))
    if ("，" in line or scanned) and "|" not in line and "\t" not in line:
        line = _STRAY_SPACE.sub("", line)  # a sentence, not a row of cells: spaces part no names
    protected = line.replace(" ", "\u0001").replace("\t", "\u0001")  # a tab between cells is a boundary too
    if not re.search(r"[，。；：,;:]", line):  # `协办　市公安局　市财政局`: no sentence, cells apart
        protected = protected.replace("\u3000", "\u0001")
    return re.sub(r"[\s\u3000]+", " ", simplify_name(protected)).replace("\u0001", " ")


# --- single sentences -------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _sentences_with_ends(text: str) -> list[tuple[str, bool]]:
    """Each sentence, and whether `；` ends it (the next clause then goes on with its subject)."""
    result: list[tuple[str, bool]] = []
    start = 0
    for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if text[start:end].strip():
            result.append((text[start:end], text[end:end + 1] in ("；", ";")))
        start = end + 1
    return result


_LABOUR_HEADING = re.compile(r"^[\s\u3000]*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*"
                             r"与.{2,40}?的?(?:有关)?职责分工[\s\u3000]*$")


def _sentence_rules(text: str, out: _Collector, source: str, subject: str | None = None,
                    default_owner: str | None = None) -> None:
    carried: str | None = None  # `A负责…；发现问题的，应当通报B`: clauses after `；` keep A as subject
    for sentence, semicolon in _sentences_with_ends(text):
        mentions = department_mentions(sentence)
        before, own = carried, mentions[0][2] if mentions and _starts_sentence(sentence, mentions[0]) else None
        carried = (own or carried) if semicolon else None
        if _LABOUR_HEADING.match(sentence) or not mentions:  # `与市水利局的有关职责分工`: the pair comes from its text
            continue
        _transfer(sentence, mentions, out, source, default_owner)
        _merge(sentence, mentions, out, source)
        _cowork(sentence, mentions, out, source, subject)
        _assist(sentence, mentions, out, source, subject, before)
        _guided(sentence, mentions, out, source)
        _set_by(sentence, mentions, out, source)
        _toward_it(sentence, mentions, out, source)
        _main_and_secondary(sentence, mentions, out, source)
        _led_by(sentence, mentions, out, source)
        _turned_to(sentence, mentions, out, source)
        _roles(sentence, mentions, out, source)
        _handover(sentence, mentions, out, source, before)
        _sends(sentence, mentions, out, source)
        _cooperate(sentence, mentions, out, source, subject)
        _manage(sentence, mentions, out, source)


# `该局第二天派县农村供水总站的师傅上山`, `该局随即责成X县天然气有限公司派抢修车`: a body sends another to act
# (the two named next to each other, with no more than the hour between).
_SENDS = re.compile(r"(?:[当次同翌]日|当天|第二天|随即|当即|立即|即|随后|马上|上午|中午|下午|当晚|晚上|"
                    r"[\d一二三四五六七八九十]{1,3}日|[\d一二三四五六七八九十]{1,3}时(?:[\d一二三四五六七八九十]{1,3}分)?)*"
                    r"(?:派|安排|责成|指派|委派|通知|转(?:交|送|办)?)")


def _sends(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """A body and the one it sends, named next to each other (`_SENDS` between them)."""
    for one, other in zip(mentions, mentions[1:]):
        if _SENDS.fullmatch(s, one[1], other[0]):
            out.add(one[2], other[2], "协作", s, source)


def _transfer(s: str, mentions: list[Mention], out: _Collector, source: str,
              default_owner: str | None) -> bool:
    """`将A的…职责划入B`, `…职责由A划给B`, `A的…职责划入B`, `A、B的…职责整合，组建C`,
    `划入A承担的…职责` (into the document's own department)."""
    found = False
    clause_start = 0
    for verb in _TRANSFER.finditer(s):
        relation = "整合划入" if "组建" in verb.group(0) else "下放" if verb.group(0).startswith("下放") else "划入"
        target = next((m for m in mentions if verb.end() <= m[0] <= verb.end() + 3), None)
        unit = next((m for m in mentions if target and m[0] == target[1] + 3), None)
        if target and unit and s[target[1]:unit[0]] == "所属的" and not verb.group(0).startswith(("划入", "并入")):
            out.add(target[2], unit[2], "管理", s, source)  # `移交A所属的B处置`: B takes it, A runs B
            target = unit
        if target and s[target[1]:].startswith(("承担的", "的", "负责的", "所属")):
            if default_owner:
                out.add(target[2], default_owner, relation, s, source)
                found = True
            clause_start = target[1]
            continue
        if not target or verb.group(0).endswith("由") and not s[target[1]:].startswith(_TAKES_ON):
            continue  # `职责由A划入B`: A gives, `职责由A承担`: A takes on
        window = [m for m in mentions if clause_start <= m[0] and m[1] <= verb.start()]
        direct = [m for m in window if s[m[0] - 1:m[0]] == "由" and verb.start() - m[1] <= 1]
        owners = direct or [m for m in window if _is_owner(s, m, verb.start())]
        its = re.search(r"其(?:承担|负责)?的", s[clause_start:verb.start()])
        if not owners and its:  # `撤销A，其承担的职能划入B`
            owners = [m for m in window if m[1] <= clause_start + its.start()][-1:]
        if not owners and verb.group(0).startswith(("移交", "转隶")) and window and window[0][0] <= 6:
            owners = [window[0]]  # `A在检查中发现…的，移交B处理`: the sentence's subject hands over
        if not owners and window and s[window[0][1]:window[0][1] + 1] == "将" and _starts_sentence(s, window[0]):
            owners = [window[0]]  # `A将…事项下放乡政府`: the subject gives what it names
        if not owners and default_owner:
            out.add(default_owner, target[2], relation, s, source)
            found = True
        for owner in owners:
            body = next((m for m in window if m[0] == owner[1] + 3), None) \
                if s[owner[1]:owner[1] + 3] == "所属的" else None
            if body:  # `将A所属的B整建制划入C`: B moves from A to C
                out.add(owner[2], body[2], "管理", s, source)
                out.add(body[2], target[2], relation, s, source)
            out.add(owner[2], target[2], relation, s, source)
            found = True
        clause_start = target[1]
    for moved in _FROM_TO.finditer(s):  # `从A划转事业编制3名至B`
        giver = next((m for m in mentions if m[0] == moved.start() + 1), None)
        taker = next((m for m in mentions if m[0] == moved.end()), None)
        if giver and taker:
            out.add(giver[2], taker[2], "划入", s, source)
            found = True
    return found


_FROM_TO = re.compile(r"从[^，,。；;]{2,30}?(?:划转|划出|调出|调剂)[^，,。；;]{0,20}?(?:至|到|给)")


def _merge(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`整合A、B、C，组建D`: each merged body with the new one; `D整合了原A的…职责和原B的职责`: D with
    each body whose duties it took; `将A、B、C整合为D`."""
    for verb in re.finditer(r"(?:整合|合并)(?:组建)?为|合并(?:组建|成立)", s):
        new_body = next((m for m in mentions if m[0] == verb.end()), None)
        if new_body is None:
            continue
        for body in _names_ending_at(s, mentions, verb.start(), ("",)):
            out.add(body[2], new_body[2], "整合划入", s, source)
    for verb in re.finditer("整合", s):
        merged = _list_after(s, mentions, verb.end())
        subject = [m for m in mentions if m[1] == verb.start()]
        owners = [m for m in mentions if m[0] > verb.start() and s.startswith(("的", "承担的"), m[1])]
        for body in owners if subject else []:
            out.add(body[2], subject[0][2], "整合划入", s, source)
        if not merged:
            continue
        founded = re.match(r"(?:的[^，,。；;]{0,12}?)?[，,]?\s*(?:组建|成立|设立)", s[merged[-1][1]:])
        if not founded:
            continue
        new = next((m for m in mentions if m[0] == merged[-1][1] + founded.end()), None)
        if new is None:
            continue
        for body in merged:
            out.add(body[2], new[2], "整合划入", s, source)


def _is_owner(s: str, m: Mention, verb_start: int) -> bool:
    if s[max(0, m[0] - 1):m[0]] == "将" or s[max(0, m[0] - 2):m[0]] == "现将":
        return True
    rest = s[m[1]:verb_start]
    return rest in ("", "整体") or rest.startswith(_OWNER_AFTER) or (rest.startswith(("，", ",")) and "职" in rest[:3])


def _chain(s: str, mentions: list[Mention], first: Mention) -> list[Mention]:
    """`first` and the names joined to it: `A和B`, `A、B及C`."""
    listed = [first]
    for m in mentions:
        if m[0] < listed[-1][1] or m is first:
            if listed and (m[0], m[1]) == (first[0], first[1]) and m is not first and m not in listed:
                listed.append(m)
            continue
        if s[listed[-1][1]:m[0]] not in ("、", "和", "及", "以及", "与"):
            break
        listed.append(m)
    return listed


def _list_after(s: str, mentions: list[Mention], start: int, commas: bool = False,
                spaces: bool = False) -> list[Mention]:
    """The names listed right from `start`: `B、C和D等…` (an expanded `B、C等部门` shares one span); after
    a label (`责任单位：A，B，C`) commas list names too, and in a task list's block (`协办　A　B`) spaces;
    bars always (`协同：A｜B`)."""
    gaps = ("", "、", "和", "及", "以及", "与", "｜", "／", "/") + (("，", ",", "；", ";") if commas else ())
    gaps += (" ",) if spaces else ()
    listed: list[Mention] = []
    position = start
    for m in _without_second_names(s, mentions):
        if listed and (m[0], m[1]) == (listed[-1][0], listed[-1][1]):
            listed.append(m)
            continue
        if m[0] < position:
            continue
        gap = re.sub(r"(?:各|所在地|当地|同级|本级)$", "", s[position:m[0]])  # `区教育局、各街道办事处`
        # `A（以下简称甲）、B`, `A（甲局）、B`
        gap = _SECOND_NAME_IN_BRACKETS.sub("", _ALIAS.sub("", gap)) if listed else gap
        if (not listed and gap) or gap not in gaps:
            break
        listed.append(m)
        position = m[1]
    return listed


def _subject_before(s: str, mentions: list[Mention], index: int, gaps: tuple[str, ...]) -> Mention | None:
    before = [m for m in mentions if m[1] <= index]
    if before and s[before[-1][1]:index] in gaps:
        return before[-1]
    return None


def _cowork(s: str, mentions: list[Mention], out: _Collector, source: str, subject: str | None) -> None:
    """`由A会同B、C等部门负责…`, `负责会同B…` (subject from context)."""
    for hit in re.finditer("会同", s):
        lead = _subject_before(s, mentions, hit.start(), ("", "负责", "要", "应当", "应", "可以", "统一", "拟"))
        if not lead and mentions and _starts_sentence(s, mentions[0]) and mentions[0][1] < hit.start():
            lead = mentions[0]  # `A负责…，会同B…`: the sentence's subject leads
        if not lead:  # `…由A牵头受理，会同B…`: the unit that leads or takes the task before it
            lead = next((m for m in reversed(mentions) if m[1] < hit.start() and
                         re.match(r"牵头|负责|主办|主管(?!部门)", s[m[1]:m[1] + 2])), None)
        lead_name = lead[2] if lead else subject
        if not lead_name:
            continue
        for partner in _list_after(s, mentions, hit.end()):
            out.add(lead_name, partner[2], "牵头-会同", s, source)


def _starts_sentence(s: str, m: Mention) -> bool:
    """`m` is the sentence's subject: nothing but a label, 由 or an opening bracket before it."""
    return _BEFORE_SUBJECT.fullmatch(s[:m[0]]) is not None


_BEFORE_SUBJECT = re.compile(r"[\s\u3000]*(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．]?|"
                             r"第[一二三四五六七八九十百\d]+条)?[\s\u3000（(]*(?:由)?")


_LEAD_AFTER = re.compile(r"^(?:等(?:部门|单位)?)?(?:[（(]牵头[)）]|牵头|主办|承办|主责|发起)")
_JOINT_AFTER = re.compile(r"^(?:等(?:部门|单位)?)?(?:共同|联合|按(?:照)?(?:各自)?职责分工[，,]?(?:分别)?负责|"
                          r"[：:]?分别|[：:]共同)")
_RESPONSIBLE_MARK = re.compile(r"责任(?:单位|部门)[：:]\s*")
_HELP_AFTER = re.compile(r"^(?:等(?:部门|单位)?)?(?:[（(](?:配合|参与|协办)[)）]|配合|参与|协助|协办|共担|具体承担|"
                         r"按(?:照)?(?:各自)?职责(?:分工)?|按照|依职责|等?为成员单位)")


def _roles(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """Lead and assisting units of a task named in one sentence: `A牵头，B、C配合`, `（A负责，B参与）`,
    `由A牵头，B、C为成员单位`, `责任单位：A（牵头），B、C`. Co-leads (`A、B牵头`) divide the task."""
    leads: list[Mention] = []
    helpers: list[Mention] = []
    tagged_lead = False
    for m in mentions:
        after = s[m[1]:m[1] + 20]
        if _LEAD_AFTER.match(after):
            leads += [x for x in reversed(_names_ending_at(s, mentions, m[1], ("",))) if x not in leads]
            tagged_lead = tagged_lead or after.startswith(("（", "("))
        elif _HELP_AFTER.match(after):
            helpers += [x for x in _names_ending_at(s, mentions, m[1], ("",)) if x not in helpers]
    if leads and not helpers and tagged_lead:  # `责任单位：A（牵头），B、C`: the rest of the list assists
        helpers = [m for m in mentions if m[0] > leads[-1][1] and m not in leads]
    if not leads and helpers:
        leads = [m for m in mentions if m not in helpers and s[m[1]:m[1] + 2] == "负责"]
    for lead in leads:
        for helper in helpers:
            if helper not in leads:
                out.add(lead[2], helper[2], "牵头-会同", s, source)
    if helpers:
        for x, y in combinations(leads, 2):
            out.add(x[2], y[2], "分工", s, source)
    _joint(s, mentions, out, source, bool(leads))


def _joint(s: str, mentions: list[Mention], out: _Collector, source: str, led: bool) -> None:
    """`A、B共同实施`, `A、B按职责分工负责`, `责任单位：A、B` with nobody leading: they share the task."""
    groups = [_names_ending_at(s, mentions, m[1], ("",)) for m in mentions if _JOINT_AFTER.match(s[m[1]:m[1] + 12])]
    if not led:
        groups += [_list_after(s, mentions, mark.end(), commas=True) for mark in _RESPONSIBLE_MARK.finditer(s)]
    for group in groups:
        for x, y in combinations(group, 2):
            out.add(x[2], y[2], "分工", s, source)


_HANDOVER = re.compile(r"(移送|移交(?=的)|通报|抄送|抄告|告知|函告|推送|支持|委托|转交|转送|转办|转来|征求|协调|"
                       r"指导|督促|会商|会签|去函|致函|发函|函请|"
                       r"提请|反馈|共享(?=给|至)|联合(?=[^。；;，,]{2,30}?(?:印发|发布|开展|检查|执法|行动|下发)))"
                       r"(?:给|至)?(?![：:])")


def _handover(s: str, mentions: list[Mention], out: _Collector, source: str, carried: str | None = None) -> None:
    """`由A移送B`, `A…发现…的，及时通报B`: A hands over to or informs B (A perhaps the subject
    `carried` over from the clause before `；`)."""
    for verb in _HANDOVER.finditer(s):
        if s[verb.end():verb.end() + 1] == "以":  # `提请以A名义发布`: A lends its name, no party
            continue
        level = re.match(r"同级|本级|所在地|当地", s[verb.end():])  # `抄送同级A`
        near = level.end() + verb.end() if level else verb.end()
        target = next((m for m in mentions if near <= m[0] <= near + 1), None)
        if not target and s[verb.end():verb.end() + 1] == "的":  # `对A移送的案件，B要及时立案`
            handing = _names_ending_at(s, mentions, verb.start(), ("",))
            taker = next((m for m in mentions if m[0] > verb.end()), None)
            if not taker and mentions and _starts_sentence(s, mentions[0]) and mentions[0] not in handing:
                taker = mentions[0]  # `X：…对A、B转来的纠纷组织调解`
            for one in handing:
                if taker:
                    out.add(one[2], taker[2], "移交" if verb.group(1) == "移送" else "协作", s, source)
            continue
        if not target:
            continue
        giver = _subject_before(s, mentions, verb.start(), ("", "负责", "应当", "及时", "应当及时", "应"))
        givers = [giver] if giver else []
        if not giver and mentions and mentions[0][1] <= verb.start() and mentions[0] is not target:
            # `（三）会议要求，A在…中发现问题的，要及时通报B`, `A、B发现…的，移送C`: the sentence's subjects
            givers = [m for m in _list_after(s, mentions, mentions[0][0]) if m[1] <= verb.start()]
        if not givers and carried and mentions[0] is target:
            givers = [(-1, -1, carried)]
        for each in _list_after(s, mentions, target[0]):  # `抄送A和B`
            for one in givers:
                if each is not one:
                    out.add(one[2], each[2], "移交" if verb.group(1) == "移送" else "协作", s, source)


def _turned_to(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A应当向B通报…`, `A受B委托…`, `A应B邀请…`: the sentence's subject and the department it turns to (reports
    and filings, `向B报告/备案`, make no pair)."""
    for hit in _TURNED_TO.finditer(s):
        other = next((m for m in mentions if m[0] == hit.start() + 1), None)
        # the subject of the clause it is in (`A与B联合开展…，C应A邀请…`: C), or of the sentence
        subject = next((m for m in mentions if m[1] <= hit.start() and m is not other
                        and not re.search(r"[，,]", s[m[1]:hit.start()])), None) or \
            next((m for m in mentions if m[1] <= hit.start() and m is not other), None)
        if other and subject:  # `A、B、C向D推送…`: each of the listed subjects
            for one in [m for m in _list_after(s, mentions, subject[0]) if m[1] <= hit.start()] or [subject]:
                out.add(one[2], other[2], "协作", s, source)


_TURNED_TO = re.compile(r"[向受](?=[^。；;，,]{2,30}?(?:通报|移送|移交|告知|推送|反馈|提供|委托))|"
                        r"应(?=[^。；;，,]{2,30}?邀请)")  # `A应B邀请派员…`


def _main_and_secondary(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`以A为主、B为辅`, `A为主、B为辅`: the two share the matter, one leading."""
    for hit in re.finditer(r"为主[、，,]?", s):
        main = _subject_before(s, mentions, hit.start(), ("",))
        helper = next((m for m in mentions if m[0] == hit.end() and s[m[1]:m[1] + 2] in ("为辅", "配合")), None)
        if main and helper:
            out.add(main[2], helper[2], "牵头-会同", s, source)


def _toward_it(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`B对A履行…职责情况进行指导协调`: B guides or oversees A; `由A负责建设，B对其进行业务指导`: 其
    stands for the department named before B."""
    for hit in _GUIDES.finditer(s):
        lead_in = _GUIDE_LEAD_IN.search(s, 0, hit.start())
        subject = _subject_before(s, mentions, lead_in.start() if lead_in else hit.start(), ("", "负责", "应当", "要"))
        if subject is None:
            continue
        if hit.group(1) == "其":
            other = next((m for m in reversed(mentions) if m[1] <= subject[0] and m[2] != subject[2]), None)
            others = [other] if other else []
        else:  # `A对B和C进行业务指导`
            first = next((m for m in mentions if m[0] > hit.start() and
                          _EACH_PLACE.fullmatch(s[hit.start() + 1:m[0]])), None)  # `对各县（市、区）X部门`
            others = _list_after(s, mentions, first[0]) if first else []
        for other in others:
            out.add(subject[2], other[2], "协作", s, source)


_LED_BY = re.compile(r"(?:接受|(?<=业务上)受)(?=[^。；;，,]{2,30}?的?(?:业务|工作)?(?:领导|指导|监督|统筹协调|协调))")


def _led_by(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A…，业务上接受B的领导`, `A业务上受B领导，并接受C的工作指导`: B (and C) lead A; `本会接受登记管理机关B和
    业务主管单位C的业务指导和监督管理` (a charter): B and C lead the body that wrote it."""
    blanked = _LEAD_ROLE.sub(lambda role: "\u3000" * len(role.group(0)), s)  # the roles glue to the names
    if blanked != s:
        mentions = department_mentions(blanked)
    for hit in _LED_BY.finditer(s):
        leads = _leads_named(blanked, mentions, hit.end())
        if not leads:
            continue
        if mentions[0][0] < hit.start() and _starts_sentence(s, mentions[0]):
            subjects = [m[2] for m in _list_after(s, mentions, mentions[0][0]) if m[1] <= hit.start()]
        else:
            subjects = [out.own] if out.own and _SELF_SUBJECT.match(s) else []
        for subject in subjects:  # `A、B等部门…，业务上接受C的指导`
            for lead in leads:
                if subject != lead[2]:
                    out.add(lead[2], subject, "管理", s, source)


_SELF_SUBJECT = re.compile(r"[\s\u3000]*(?:第[一二三四五六七八九十百\d]+条[\s\u3000]*)?"
                           r"本(?:会|协会|中心|单位|院|所|站|馆|社)")
_LEAD_ROLE = re.compile(r"登记管理机关|业务主管单位|业务主管部门|行业主管部门")


def _leads_named(s: str, mentions: list[Mention], start: int) -> list[Mention]:
    """The bodies named right after `接受`, each perhaps after its role (`登记管理机关县民政局和业务主管单位…`)."""
    leads: list[Mention] = []
    position = start
    for m in mentions:
        if m[0] < position:
            continue
        gap = s[position:m[0]].strip("\u3000")
        if gap not in (("和", "、", "及", "以及", "与") if leads else ("",)):
            break
        leads.append(m)
        position = m[1]
    return leads


_EACH_PLACE = re.compile(r"(?:各(?:县（市、区）|县\(市、区\)|区县|县区|县|区|乡镇|街道)?)?")
_GUIDES = re.compile(r"对(其|(?=[^。；;，,]{2,40}?(?:进行|实施|加强)(?:业务)?(?:指导|监督))|"
                     r"(?=[^。；;，,]{2,40}?的(?:督促)?(?:业务)?(?:指导|监督|督导|督促)))")
# `A要切实加强对B…的督促指导`: the words between A and 对.
_GUIDE_LEAD_IN = re.compile(r"(?:要|应当|应|负责)(?:切实|进一步|不断)?(?:加强|强化)$")


def _guided(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A、B等部门在C的业务指导下…`: C leads A and B."""
    for hit in _GUIDED.finditer(s):
        lead = next((m for m in mentions if m[0] == hit.start() + 1), None)
        if lead is None:
            continue
        for helper in _names_ending_at(s, mentions, hit.start(), ("", "等部门", "等单位", "等")):
            out.add(lead[2], helper[2], "牵头-会同", s, source)


_GUIDED = re.compile(r"在[^。；;，,在]{2,30}?的?(?:业务)?(?:指导|领导|统筹|组织|协调|监督)下")


def _set_by(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`B按照A确定的重点防治区域，组织…`: B works on what A set."""
    for hit in _SET_BY.finditer(s):
        setter = next((m for m in mentions if m[0] == hit.end()), None)
        if setter is None or not _WHAT_WAS_SET.match(s, setter[1]):
            continue
        for actor in _names_ending_at(s, mentions, hit.start(), ("", "等部门", "等单位", "等")):
            if actor[2] != setter[2]:
                out.add(setter[2], actor[2], "协作", s, source)


_SET_BY = re.compile(r"(?:按照|依照|根据)")
_WHAT_WAS_SET = re.compile(r"(?:所|统一)?(?:确定|划定|制定|核定|下达|明确|认定|公布)的")


def _assist(s: str, mentions: list[Mention], out: _Collector, source: str, subject: str | None = None,
            carried: str | None = None) -> None:
    """`A、B配合C做好…`, `A协助C…`: C leads, A and B assist; with no lead named, the subject of the
    text (the department of a 三定 or a 权责清单) does."""
    for hit in _ASSIST_VERB.finditer(s):
        gap = _ASSIST_GAP.search(s[:hit.start()])
        ends = [m[1] for m in mentions if gap and gap.start() <= m[1] <= hit.start()]
        helpers = _names_ending_at(s, mentions, ends[-1] if ends else hit.start(), ("",))
        if not helpers and mentions and _starts_sentence(s, mentions[0]) and mentions[0][1] < hit.start():
            helpers = [m for m in _list_after(s, mentions, mentions[0][0]) if m[1] < hit.start()]  # `A、B应当…，配合C`
        if not helpers and carried and not any(m[1] <= hit.start() for m in mentions):  # `A负责…；配合B…`
            helpers = [(-1, -1, carried)]
        lead = next((m for m in mentions if hit.end() <= m[0] <= hit.end() + 1), None)
        leads = [lead] if lead else []
        if not lead:  # `A负责…，B配合…`, `A、B分别负责…，C予以配合`: the sentence's leads
            first = next((m for m in mentions if m[1] <= hit.start() and m not in helpers and
                          (re.match(r"(?:分别|具体|统筹)?(?:负责|承担)", s[m[1]:m[1] + 4]) or
                           _LEAD.match(s[m[1]:m[1] + 40]))), None)
            leads = _names_ending_at(s, mentions, first[1], ("",)) if first else []
            if not leads and s[hit.start() - 2:hit.start()] == "予以":  # `A组织开展…，B予以指导`
                leads = [m for m in mentions[:1] if m[1] <= hit.start() and m not in helpers]
        lead_names = [m[2] for m in leads] or ([subject] if subject else [])
        for lead_name in lead_names:
            for helper in helpers:
                out.add(lead_name, helper[2], "牵头-会同", s, source)


_ASSIST_VERB = re.compile("配合|协助|协同(?=[^，,。；;]{2,30}?(?:做好|开展|负责|实施|推进|落实))|"
                          "(?<=予以)(?:指导|支持)")
# What may stand between the assisting departments and `配合`: `A、B等部门按照各自职责，配合C`.
_ASSIST_GAP = re.compile(r"(?:等(?:有关)?部门|等单位)?(?:按照|依照|根据|在)?(?:各自)?"
                         r"(?:职责(?:范围内)?|职能|属地管理原则|属地原则|属地管理)?(?:分工)?"
                         r"[，,]?(?:应当|要|应|积极|主动|负责|做好)?(?:予以)?$")


def _names_ending_at(s: str, mentions: list[Mention], index: int, gaps: tuple[str, ...]) -> list[Mention]:
    """The names listed right before `index` (`A、B和C` + a gap word): the subjects of a verb."""
    last = _subject_before(s, mentions, index, gaps)
    if not last:
        return []
    listed = [m for m in mentions if (m[0], m[1]) == (last[0], last[1])]  # an expanded `A、B等部门` shares a span
    for m in reversed([m for m in _without_second_names(s, mentions) if m[1] <= last[0]]):
        if (m[0], m[1]) != (listed[-1][0], listed[-1][1]) and not _LIST_GAP.fullmatch(s[m[1]:listed[-1][0]]):
            break
        listed.append(m)
    return listed


def _without_second_names(s: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` but a name in brackets right after another (`县文化广电新闻出版局（县文物局）`): the same
    body's second name, which a list goes on past."""
    ends = {m[1] for m in mentions}
    return [m for m in mentions if not (m[0] - 1 in ends and s[m[0] - 1:m[0]] in ("（", "(") and
                                        s[m[1]:m[1] + 1] in ("）", ")"))]


# `（县文物局）` after a name: its second name; `（地铁、客运站）` says where it acts, and parts a list.
_SECOND_NAME_IN_BRACKETS = re.compile(r"^[（(][^（）()、，,]{1,20}?"
                                      r"(?:局|委|办|厅|部|署|中心|室|会|院|所|站|队|社)[)）]")
# Between two names of one list: `、`, `和`, `及`, after a `（以下简称…）` perhaps.
_LIST_GAP = re.compile(r"(?:[（(][^（）()]{1,20}[)）])?(?:、|和|及|以及|与|，|,)各?")  # `A、各乡镇人民政府`


def _cooperate(s: str, mentions: list[Mention], out: _Collector, source: str, subject: str | None) -> None:
    """`A与B建立…合作机制`, `A与B完成了…移交`, `与B建立…机制` (A = the sentence's subject)."""
    for first, second in zip(mentions, mentions[1:]):
        link = s[first[1]:second[0]]
        if link in ("与", "和", "同") and _COOPERATE.search(s[second[1]:second[1] + 40]):
            relation = "移交" if "移交" in s[second[1]:second[1] + 60] else "协作"
            out.add(first[2], second[2], relation, s, source)
    for first in mentions:  # `A与B、C及D就…达成…`: A with each of the list
        if s[first[1]:first[1] + 1] in ("与", "同"):
            listed = _list_after(s, mentions, first[1] + 1)
            if len(listed) > 1 and _COOPERATE.search(s[listed[-1][1]:listed[-1][1] + 40]):
                for listed_partner in listed:
                    out.add(first[2], listed_partner[2], "协作", s, source)
    for m in mentions:  # `A、B、C要加强协作`: the listed departments work together
        if _WORK_TOGETHER.match(s[m[1]:m[1] + 16]):
            for x, y in combinations(_names_ending_at(s, mentions, m[1], ("",)), 2):
                out.add(x[2], y[2], "协作", s, source)
    for m in mentions:
        # (not `须另行与B商定`: a matter apart from the paper's)
        partners = _list_after(s, mentions, m[0]) if s[m[0] - 1:m[0]] == "与" and s[m[0] - 3:m[0] - 1] != "另行" else []
        if partners and _COOPERATE.search(s[partners[-1][1]:partners[-1][1] + 40]):
            before = [x for x in mentions if x[1] < m[0] - 1]
            if before and s[before[-1][1]:m[0] - 1] in ("", ):
                continue  # handled above
            for partner in partners:  # `A应当与B、C建立…机制`
                out.add(before[0][2] if before else subject, partner[2], "协作", s, source)


_WORK_TOGETHER = re.compile(r"(?:等(?:部门|单位))?(?:之间)?(?:要|应当|应|须)?"
                            r"(?:(?:加强|密切|相互)(?:协作|合作|配合|协同|衔接|联动)|协作|合作|协同|会商|联动|"
                            r"建立[^。；;，,]{0,12}?(?:协作|合作|联动|会商|共享|互通)机制)")


def _belongs(s: str, mentions: list[Mention], m: Mention, out: _Collector, source: str) -> None:
    """`X为Y所属事业单位`, `X隶属于Y`, `X由Z管理调整为Y管理` (Y manages X; Z hands X over to Y)."""
    after = s[m[1] + 1:m[1] + 3] if s[m[1]:m[1] + 1] == "的" else s[m[1]:m[1] + 2]  # `X是Y的派出机构`
    if s.startswith("管理的", m[1]) and "事业单位" in s[m[1]:m[1] + 20]:
        after = "所属"  # `X为Y管理的正县级事业单位`
    if after in ("所属", "直属", "下属", "派出") and s[m[0] - 1:m[0]] in ("为", "是") \
            and s[max(0, m[0] - 3):m[0]] != "调整为":
        before = m[0] - (2 if s[m[0] - 2:m[0]] == "作为" else 1)
        units = _names_ending_at(s, mentions, before, ("", "，", ",", "：", ":"))  # `X：为Y所属事业单位`
    elif s[max(0, m[0] - 2):m[0]] in ("隶属", "归口", "挂靠") or s[max(0, m[0] - 3):m[0]] in ("隶属于", "调整为"):
        units = [mentions[0]] if mentions[0] is not m and _starts_sentence(s, mentions[0]) else []
    else:
        return
    if not units:
        return
    unit = units[0]
    for each in units:  # `县图书馆、县文化馆为本局所属事业单位`
        out.add(m[2], each[2], "管理", s, source)
    former = next((x for x in mentions if x[1] <= m[0] and s[x[0] - 1:x[0]] == "由" and x is not unit), None)
    if former and s[max(0, m[0] - 3):m[0]] == "调整为":
        out.add(former[2], m[2], "移交", s, source)
        out.add(former[2], unit[2], "管理", s, source)  # it managed the unit until now


# `X是区人民政府的派出机关`, `X（以下简称Y）是中共区委的派出机关`: a government (no department mention)
# or party committee sends out X.
_SENT_OUT_BY = re.compile(rf"[是为]((?:中共)?[{HAN}]{{0,12}}?(?:人民政府|[省市县区旗]委))"
                          r"的派出(?:机关|机构)")


def _sent_out_by_government(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    for hit in _SENT_OUT_BY.finditer(s):
        short = re.search(r"[（(]以下简称[^（）()]{1,20}[)）]$", s[:hit.start()])
        unit = _subject_before(s, mentions, short.start() if short else hit.start(), ("", "，", ","))
        if unit:
            out.add(hit.group(1), unit[2], "管理", s, source)


def _respectively_belonging(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A、B、C分别为X、Y、Z的派驻机构`: A belongs to X, B to Y, C to Z; where the sentence adds a
    dual management (`…、D协同管理的双重管理体制`), each of them to D as well."""
    for hit in re.finditer(r"分别(?:为|是)", s):
        units = _names_ending_at(s, mentions, hit.start(), ("",))[::-1]
        owners = _list_after(s, mentions, hit.end())
        if len(units) < 2 or len(units) != len(owners) or \
                not re.match(r"的?(?:派驻|派出|所属|直属|下属)", s[owners[-1][1]:owners[-1][1] + 3]):
            continue
        for unit, owner in zip(units, owners):
            out.add(owner[2], unit[2], "管理", s, source)
        if "双重管理" in s:
            for other in (m for m in mentions if m[0] > owners[-1][1]):
                for unit in units:
                    out.add(other[2], unit[2], "管理", s, source)


_OWNED = re.compile(r"(?:所属|下属|直属|(?<=其)派出|(?<=其)下设)的?(?:各)?$")


def _owned_unit(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A所属B`, `由A所属的B负责`, `A是…主管部门，其下属的B承担…`: A owns B."""
    for m in mentions:
        owner = _OWNED.search(s, 0, m[0])
        if not owner:
            continue
        if s[max(0, owner.start() - 1):owner.start()] == "其":  # the department the clause before gave a task
            head = next((x for x in mentions if x[1] <= m[0] and _ASSIGN.match(s[x[1]:x[1] + 60])), None) or \
                (mentions[0] if _starts_sentence(s, mentions[0]) and mentions[0] is not m else None) or \
                next((x for x in reversed(mentions) if x[1] < owner.start() - 1), None)  # `由A负总责，其派出的B`
        else:
            head = _subject_before(s, mentions, owner.start(), ("",))
        if head:
            out.add(head[2], m[2], "管理", s, source)


_RUN_BY = re.compile(r"(?:受|归|由)(?=[^。；;，,]{2,40}?(?:负责|统一|直接)?的?(?:双重)?(?:领导|管理|代管|归口管理)"
                     r"(?![^。；;，,]{0,4}部门))")
_RUN_WORD_AFTER = re.compile(r"[^。；;，,]{0,30}?(?:领导|管理|代管)")
_RUNS = re.compile(r"^(?:下设的?|管理的|直属的|所属的|代管的)")
_HANDED_OVER = re.compile(r"(?:代管|管理|领导)改[为由]")
_ITS_UNITS_LISTED = re.compile(r"^的?(?:直属|所属|下属)(?:事业)?单位(?:有|包括|为|共)?"
                               r"[\d一二三四五六七八九十]*个?[：:]")
_MAIN_AND_AIDING = re.compile(r"以([^。；;，,、]{2,30}?)为主[、，,]([^。；;，,、]{2,30}?)为辅")


def _run_by(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A受B领导`, `A归B管理`, `A由B负责管理`, `A接受B和C的双重领导`, `A…实行以B为主、C为辅的管理体制`:
    B (and C) run A, the sentence's subject."""
    subject = mentions[0] if mentions and _starts_sentence(s, mentions[0]) else None
    if not subject:
        return
    for hit in _RUN_BY.finditer(s):
        managers = _list_after(s, mentions, hit.end())
        # (the 管理 of `由X应急管理局决定…` is the name's own: the run word must follow the names)
        if subject[1] <= hit.start() and managers and _RUN_WORD_AFTER.match(s, managers[-1][1]):
            for manager in managers:
                handed = _HANDED_OVER.match(s, manager[1])
                if handed:  # `由A代管改为B管理`: B runs it now, A no longer
                    manager = next((x for x in mentions if x[0] == handed.end()), subject)
                if manager is not subject:
                    out.add(manager[2], subject[2], "管理", s, source)
    for hit in _MAIN_AND_AIDING.finditer(s):
        for group in (1, 2):
            for manager in department_mentions(hit.group(group))[:1]:
                out.add(manager[2], subject[2], "管理", s, source)


def _runs(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`B下设A`, `B管理的A`, `B的直属单位有：A、C`, `B对A实行归口管理`: B runs A."""
    for m in mentions:
        after = s[m[1]:m[1] + 24]
        run = _RUNS.match(after)
        if run:
            unit = next((x for x in mentions if x[0] == m[1] + run.end()), None)
            if unit:
                out.add(m[2], unit[2], "管理", s, source)
        listed = _ITS_UNITS_LISTED.match(after)
        if listed:
            for unit in _list_after(s, mentions, m[1] + listed.end(), commas=True):
                out.add(m[2], unit[2], "管理", s, source)
        if after.startswith("对"):
            unit = next((x for x in mentions if x[0] == m[1] + 1), None)
            if unit and re.match(r"^(?:实行|实施)(?:归口|统一)?管理", s[unit[1]:unit[1] + 8]):
                out.add(m[2], unit[2], "管理", s, source)


def _manage(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`A负责管理B`, `明确A管理B和C`, `B是A管理的国家局`, `B由A代管`. An office hosted by a department
    (`B（设在A）`) is that department at work, not a body it manages: no pair."""
    _dual_management(s, mentions, out, source)
    _run_by(s, mentions, out, source)
    _runs(s, mentions, out, source)
    _owned_unit(s, mentions, out, source)
    _sent_out_by_government(s, mentions, out, source)
    _respectively_belonging(s, mentions, out, source)
    for m in mentions:
        if s[m[0] - 1:m[0]] == "由" and s[m[1]:m[1] + 2] in ("代管", "管理", "归口") and \
                not _HANDED_OVER.match(s, m[1]):  # `由A代管改为B管理`: A no longer
            managed = _subject_before(s, mentions, m[0] - 1, ("", "机关"))  # `市计划生育协会机关由A代管`
            if not managed and re.match(r"(?:管理|代管)[。；;]?$", s[m[1]:]) and mentions[0] is not m and \
                    _starts_sentence(s, mentions[0]):  # `X是市政府工作部门，为副处级，由A管理`
                managed = mentions[0]
            if managed:
                out.add(m[2], managed[2], "管理", s, source)
        _belongs(s, mentions, m, out, source)
        if s[max(0, m[0] - 2):m[0]] == "代管":  # `A代管B`
            head = _subject_before(s, mentions, m[0] - 2, ("", "负责", "暂由"))
            if head:
                out.add(head[2], m[2], "管理", s, source)
        if s[max(0, m[0] - 2):m[0]] == "管理":
            lead = _subject_before(s, mentions, m[0] - 2, ("", "负责", "统一", "代为"))
            if lead:
                for managed in _chain(s, mentions, m):
                    out.add(lead[2], managed[2], "管理", s, source)
        if s[m[1]:m[1] + 1] == "是":
            head = next((x for x in mentions if x[0] == m[1] + 1), None)
            if head and s[head[1]:head[1] + 3] in ("管理的", "代管的"):
                out.add(head[2], m[2], "管理", s, source)


_MANAGING_GOVERNMENT = re.compile(rf"(?:[{HAN}]{{2,6}}?[省市县区])?[省市县区]?人民政府")
_AS_ITS_AGENCY = re.compile(r"[，,](?:作为|为|是)[^，,。；;]{0,10}?(?:派出|派驻|直属|所属)机构[，,]$")


def _dual_management(s: str, mentions: list[Mention], out: _Collector, source: str) -> None:
    """`X实行A和B双重管理`, `X为A的派出机构，实行以A为主、B为辅的双重管理体制`, `A派驻…的Y，实行以Z管理
    为主的双重管理`: each manager named between 实行 and 双重 manages the unit."""
    for hit in re.finditer(r"实行([^，,。；;]{0,40}?)双重(?:管理|领导)", s):
        managers = [m for m in mentions if hit.start(1) <= m[0] and m[1] <= hit.end(1)]
        unit = _subject_before(s, mentions, hit.start(), ("", "，", ","))
        if unit is None:  # `派驻各街道的综合执法中队`: a name after 的 is no mention elsewhere
            tail = re.search(rf"的([{HAN}]{{2,12}})[，,]?$", s[:hit.start()])
            words = tail.group(1) if tail else ""
            named = department_mentions(words)
            unit = named[0] if named and named[0][1] - named[0][0] == len(words) else None
        if unit is None:  # `设立基层市场监督管理所，作为其派出机构，实行…`
            agent = _AS_ITS_AGENCY.search(s, 0, hit.start())
            unit = next((m for m in mentions if agent and m[1] == agent.start()), None)
        if unit is None and mentions and _starts_sentence(s, mentions[0]) and mentions[0] not in managers:
            unit = mentions[0]
        # `实行市林业局和县人民政府双重领导`: the local government, no party elsewhere, is one of the two here
        managers += [(hit.start(1), hit.end(1), part) for part in re.split(r"[和与及、]", hit.group(1))
                     if _MANAGING_GOVERNMENT.fullmatch(part)]
        for manager in managers:
            if unit is not None and manager[2] != unit[2]:
                out.add(manager[2], unit[2], "管理", s, source)


# --- declared changes ---------------------------------------------------------------------------

def _change_rules(kind: str, origin: str | None, target: str | None, text: str, own: str | None,
                  out: _Collector) -> None:
    key = _plain(simplify_name(text), own)
    before = len(out.items)
    for sentence in _sentences(key):
        mentions = department_mentions(sentence)
        if _transfer(sentence, mentions, out, "职责调整", own):
            continue
        _cooperate(sentence, mentions, out, "职责调整", own)
        _manage(sentence, mentions, out, "职责调整")
        if own and kind in ("划入", "整合", "其他") and (kind != "其他" or "职责" in sentence or "职能" in sentence) \
                and "组建" not in sentence:  # `整合A的队伍，组建B`: B is the new body, not this department
            # `（三）划入卫生部承担的保健品审批职责` with the marker garbled, or
            # `将市质量技术监督局承担的…` cut before its verb: the duty comes to this department.
            for m in mentions:
                if sentence[m[1]:].startswith(("承担的", "的", "负责的")) and not same_department(m[2], own):
                    out.add(m[2], own, "划入" if kind != "整合" else "整合划入", sentence, "职责调整")
        _cowork(sentence, mentions, out, "职责调整", own)
    if len(out.items) == before and origin and target:
        out.add(origin, target, kind, key, "职责调整")


# --- headings, articles and lead departments ------------------------------------------------------

def _heading_rules(text: str, out: _Collector, source: str, own: str | None) -> None:
    """`卫生部：` / `安全监管总局：` headings each followed by that department's items: the
    headings divide one matter among themselves; sentences below have that subject."""
    headings: list[str] = []
    subject = own
    powers: str | None = None  # `管委会行使下列职权：` names the subject of the items below
    lines = text.splitlines()
    bodies = [_heading_body(line) for line in lines]
    for index, (line, body) in enumerate(zip(lines, bodies)):
        if body and not _salutation(lines, bodies, index):
            subject = body
            headings.append(subject)
            continue
        if _ARTICLE_START.match(line):
            powers = None
        listed = _POWERS.search(line)
        if listed:
            named = [m for m in department_mentions(line) if m[1] <= listed.start()]
            powers = named[-1][2] if named else powers
        elif powers:
            _duty_partners(line, powers, out)
        _sentence_rules(line, out, "条文", subject=powers or subject, default_owner=own)
    for a, b in combinations(dict.fromkeys(headings), 2):
        out.add(a, b, "分工", f"{a}：……{b}：", source)


def _salutation(lines: list[str], bodies: list[str | None], index: int) -> bool:
    """`X县安全生产委员会办公室：` atop a report whose paragraphs follow: whom it is written to, no heading
    over that body's items (`bodies`: what `_heading_body` reads in each line)."""
    following = next((line for line in lines[index + 1:] if line.strip()), "")
    return index < _HEAD_LINES and not _ITEM_OPENING.match(following) and \
        sum(1 for body in bodies if body) == 1  # (not the first of `X局：` headings over prose)


def _heading_body(line: str) -> str | None:
    """The department a `卫生部：` heading line names, if that is all it names."""
    head = _HEADING.match(line)
    if head is None:
        return None
    mentions = department_mentions(head.group(1))
    return mentions[0][2] if len(mentions) == 1 and mentions[0][:2] == (0, len(head.group(1))) else None


# A notice or list whose title says it divides a matter (`关于明确电动自行车消防安全监管职责的通知`,
# `食品安全事权清单`): its numbered paragraphs share one matter, so they are read as one unit.
_DIVIDES_ONE_MATTER = re.compile(r"(?:明确|划分|厘清|理顺|落实).{0,30}?(?:职责|责任)|职责分工|责任分工|职责边界|"
                                 r"责任清单|事权清单|职责清单")
_DIVIDES_BY_TITLE = re.compile(r"(?:明确|划分|厘清|理顺).{0,30}?(?:职责|责任)|职责分工|职责边界")
_LEAD_COLUMN = re.compile(r"^(?:主办|牵头|主责|主抓|责任|主管|主体责任|主要责任|牵头责任|第一责任)(?:部门|单位)?$|"
                          r"^责任主体$|^责任(?:单位|部门)[（(](?:牵头|主办|主责)[）)]$")
_ASSIST_COLUMN = re.compile(r"^(?:协办|配合|参与|协同|协助|相关|协作|共担|支持|协管|协同配合|配合责任|协同责任)"
                            r"(?:部门|单位)?(?:及其?(?:分工|职责))?$|^责任(?:单位|部门)[（(](?:配合|协办|参与|协同)[）)]$")
_CELL_SEPARATOR = re.compile(r"[ \t\u3000]*[|｜\t\u3000]+[ \t\u3000]*")


def _table_rules(text: str, out: _Collector, own: str | None) -> bool:
    """A 职责边界清单 table (`事项 | 主办部门 | 协办部门`): each row's lead department against each
    department of its assisting cell. Rows are lines of cells (read from the original text, whose
    cell gaps simplification would close), or, as web copies give them, one cell a line ending
    in `|`, grouped by the header's number of columns. True when the text holds such a table."""
    lines = [_table_line(line) for line in _quoted_cells_joined(_csv_as_cells(_grid_rows_joined(text.splitlines())))
             if line.strip()]
    found = False
    for index, line in enumerate(lines):
        header, width = _header_cells(lines, index)
        if header is None:
            continue
        lead = next((n for n, cell in enumerate(header) if _LEAD_COLUMN.match(cell)), None)
        assist = next((n for n, cell in enumerate(header) if _ASSIST_COLUMN.match(cell)), None)
        roles = [n for n, cell in enumerate(header) if _ROLE_COLUMN.search(cell)]
        basis = tuple(n for n, cell in enumerate(header) if re.search("依据|来源|出处", cell))  # issuers, no parties
        if lead is None or assist is None:
            # `审批部门 | 监管部门 | 执法部门`: one matter, its parts; one role column with another column
            # that divides the work (`主管部门 | 乡镇配合内容`): the departments named there take part
            rows = _rows_after(lines, index + width, len(header), one_cell_a_line=width > 1)
            if len(roles) >= 2 or roles and any(re.search("配合|协助|协办|协同|分工", cell) for cell in header):
                _role_rows(rows, roles, basis, out)
                found = True
            elif len(roles) == 1:  # `责任单位` alone: its cell says who leads (`A（牵头）；B`) or names co-workers
                for row in rows:
                    if roles[0] < len(row):
                        _role_cell(row[roles[0]], " | ".join(row), out)
                found = found or bool(rows)
            continue
        rows = _rows_after(lines, index + width, len(header), one_cell_a_line=width > 1)
        if not rows:  # a short title above a header one cell a line reads as one more header cell
            continue
        for row in rows:
            leads = department_mentions(row[lead]) if lead < len(row) else []
            helpers = department_mentions(row[assist]) if assist < len(row) else []
            leads = leads or ([(0, 0, own)] if own and row[lead].strip() in ("本部门", "本单位") else [])
            for x in leads:
                for y in helpers + _named_elsewhere(row, (lead, assist) + basis):
                    out.add(x[2], y[2], "牵头-会同", " | ".join(row), "职责分工")
            sharing = combinations(leads, 2) if leads else \
                combinations(helpers, 2) if lead < len(row) and "共同" in row[lead] else ()
            for x, y in sharing:  # two leads in one cell, or a lead cell `共同责任`: they share the matter
                out.add(x[2], y[2], "分工", " | ".join(row), "职责分工")
        return True
    return found


_ROLE_COLUMN = re.compile(r"(?:部门|单位|主体|机关)$")


def _role_cell(cell: str, quote: str, out: _Collector) -> None:
    """`A（牵头）；B`, `A牵头，B配合`, `A、B（共同牵头）；C（配合）`, `A、B`: the leads of one cell
    with each other and with the rest; without a lead every two share the task."""
    leads: list[Mention] = []
    rest: list[Mention] = []
    for part in re.split(r"[；;，,]", cell):
        named = department_mentions(part)
        (leads if "牵头" in part else rest).extend(named)
    pairs = combinations(leads, 2) if leads else combinations(rest, 2)
    for x, y in pairs:
        out.add(x[2], y[2], "分工", quote, "职责分工")
    for x in leads:
        for y in rest:
            out.add(x[2], y[2], "牵头-会同", quote, "职责分工")


def _named_elsewhere(row: list[str], columns: tuple[int, ...]) -> list[Mention]:
    """Departments a row names outside its role columns: a remark `征求X意见`, `由X护送` brings X into
    the row's matter."""
    return [m for n, cell in enumerate(row) if n not in columns for m in department_mentions(cell)]


def _role_rows(rows: list[list[str]], roles: list[int], basis: tuple[int, ...], out: _Collector) -> None:
    for row in rows:
        named = [department_mentions(row[n]) if n < len(row) else [] for n in roles]
        for x in named[0]:
            for y in _named_elsewhere(row, tuple(roles) + basis):
                out.add(x[2], y[2], "牵头-会同", " | ".join(row), "职责分工")
        for first, second in combinations(range(len(roles)), 2):
            for x in named[first]:
                for y in named[second]:
                    out.add(x[2], y[2], "分工", " | ".join(row), "职责分工")
        if named:  # `市住建局、市残联 | 各区人民政府`: two leads of one row share its task
            for x, y in combinations(named[0], 2):
                out.add(x[2], y[2], "分工", " | ".join(row), "职责分工")


_GRID_RULE = re.compile(r"^\s*[+|｜*](?=[^\n]*(?:[-=]{3}|\.{3}))[-=+|｜:*.\s]+$")


def _grid_rows_joined(lines: list[str]) -> list[str]:
    """A grid table drawn with `+----+` (or `|----|`) rules, whose rows wrap over several lines: each row one
    line again, every cell its pieces joined (`县财政局、` over `各乡镇人民政府`)."""
    if sum(1 for line in lines if _GRID_RULE.match(line)) < 2:
        return lines
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        if block:
            width = max(len(cells) for cells in block)
            joined = [_cell_joined([cells[n] for cells in block if n < len(cells)]) for n in range(width)]
            out.append("| " + " | ".join(joined) + " |")
            block.clear()

    for line in lines:
        if _GRID_RULE.match(line):
            flush()
        elif line.strip().startswith(("|", "｜")):
            block.append([cell.strip() for cell in re.split(r"[|｜]", line.strip().strip("|｜"))])
        else:
            flush()
            out.append(line)
    flush()
    return out


def _cell_joined(pieces: list[str]) -> str:
    """A wrapped cell's lines as one: a name broken over two lines is rejoined, two whole names one
    a line (`市交通运输局` over `市公安局交通警察支队`) are listed with `、`."""
    out = ""
    for piece in (p for p in pieces if p):
        opening = department_mentions(piece)[:1]
        whole = out and _whole_name(out.rsplit("、", 1)[-1]) and opening and _only_place_words(piece[:opening[0][0]])
        out += ("、" if whole else "") + piece
    return out


def _whole_name(text: str) -> bool:
    found = department_mentions(text)
    return len(found) == 1 and found[0][1] == len(text) and _only_place_words(text[:found[0][0]])


def _only_place_words(text: str) -> bool:
    return not re.sub(r"^(?:各|所在地)", "", text)


def _csv_as_cells(lines: list[str]) -> list[str]:
    """A table exported as CSV (`序号,工作任务,责任单位,配合单位`): from its header on, each row's
    cells between pipes, so that commas inside a quoted cell stay within it and a quoted cell's
    line breaks (`"A\nB"`, one name a line) list its names with `、`."""
    for index, line in enumerate(lines):
        header = [c.strip() for c in next(csv.reader([line]))] if "," in line else []
        if len(header) >= 3 and all(len(c) <= 12 for c in header) and _names_lead_and_assist(header):
            break
    else:
        return lines
    rows: list[str] = []
    reader = csv.reader(io.StringIO("\n".join(lines[index:])))
    consumed = 0
    for cells in reader:
        if len(cells) < len(header) - 1:
            break
        rows.append(" | ".join(re.sub(r"\s*\n\s*", "、", c.strip()).replace(" | ", "、") for c in cells))
        consumed = reader.line_num
    return lines[:index] + rows + lines[index + consumed:]


def _quoted_cells_joined(lines: list[str]) -> list[str]:
    """A spreadsheet saved as text quotes a cell that holds line breaks (`"区市场监管局\n街道办事处"`):
    the cell's lines are one line again, its names listed with `、`."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].count('"') % 2:
            out[-1] += "、" + line
        else:
            out.append(line)
    return [line.replace('"', "") if line.count('"') % 2 == 0 else line for line in out]


def _table_line(line: str) -> str:
    """`1\u3000违法建设查处\u3000县城市管理局` → `1 | 违法建设查处 | 县城市管理局` (simplified); a cell
    alone on its line keeps its closing `|`."""
    line = line.strip()
    cells = _split_cells(line)
    joined = " | ".join(simplify_name_line(cell).strip() for cell in cells)  # a space parts two names in a cell
    return joined + " |" if len(cells) == 1 and line.endswith(("|", "｜")) else joined


_PIPE_OR_TAB = re.compile(r"[ \t\u3000]*[|｜\t][ \t\u3000]*")


def _split_cells(line: str) -> list[str]:
    """Between pipes or tabs an empty cell stays a cell (`区民政局||备注`: nobody assists), so that the
    columns stay in place; cells lined up by full-width spaces have no empty ones."""
    if re.search(r"[|｜\t]", line):
        return _PIPE_OR_TAB.split(re.sub(r"^[|｜]|[|｜]$", "", line))
    return [cell for cell in _CELL_SEPARATOR.split(line) if cell.strip()]


def _header_cells(lines: list[str], index: int) -> tuple[list[str] | None, int]:
    """The header row starting at `index` and how many lines it takes (1, or one per cell)."""
    cells = lines[index].split(" | ")
    if sum(1 for cell in cells if cell) >= 2:
        return cells, 1
    if not lines[index].endswith(("|", "｜")):
        return _numbered_header(lines, index)
    cells = []
    for line in lines[index:index + 12]:
        if not line.endswith(("|", "｜")):
            break
        cells.append(line.rstrip("|｜ "))
        if len(cells) >= 2 and _names_lead_and_assist(cells):
            return cells, len(cells)
    return None, 0


def _names_lead_and_assist(header: list[str]) -> bool:
    return any(_LEAD_COLUMN.match(c) for c in header) and any(_ASSIST_COLUMN.match(c) for c in header)


def _numbered_header(lines: list[str], index: int) -> tuple[list[str] | None, int]:
    """A table pasted from a page or a document one cell a line with nothing between cells
    (`序号` / `事项名称` / `主责部门` / `配合单位`, then `1` / …): the header is the short lines
    before the first row number, and must name a lead and an assisting column."""
    cells = []
    for line in lines[index:index + 10]:
        if line in ("1", "01", "一"):
            break
        if len(line) > 12 or re.search(r"[。；;，,：:]", line):
            return None, 0
        cells.append(line)
    else:
        return None, 0
    return (cells, len(cells)) if len(cells) >= 3 and _names_lead_and_assist(cells) else (None, 0)


_RULE_LINE = re.compile(r"^[-—─━=_:：|｜ ]+$")


def _rows_after(lines: list[str], start: int, width: int, one_cell_a_line: bool) -> list[list[str]]:
    if not one_cell_a_line:
        rows = []
        for line in lines[start:]:
            if _RULE_LINE.match(line):  # `————————` under the header
                continue
            cells = line.split(" | ")
            if len(cells) < width - 1:
                break
            rows.append(cells)
        return rows
    if start < len(lines) and not lines[start].endswith(("|", "｜")):
        return _numbered_rows(lines[start:], width)
    cells = []
    for line in lines[start:]:
        if not line.endswith(("|", "｜")):
            break
        cells.append(line.rstrip("|｜ "))
    return [cells[n:n + width] for n in range(0, len(cells) - width + 1, width)]


def _numbered_rows(lines: list[str], width: int) -> list[list[str]]:
    """Rows of a one-cell-a-line table, each starting at its number (1, 2, 3 …); a row whose cells
    do not come to the header's width (a cell broken over two lines) is left out rather than
    shifted into the wrong columns."""
    rows: list[list[str]] = []
    number = 1
    while lines and lines[0].lstrip("0") == str(number):
        end = next((n for n, line in enumerate(lines[1:], 1) if line.lstrip("0") == str(number + 1)), width)
        if len(lines[:end]) == width:
            rows.append(lines[:end])
        lines, number = lines[end:], number + 1
    return rows


# Work plans and notices: `牵头单位：A；责任单位：B、C`, `由A牵头，成员单位包括B、C和D`.
_LEAD_MARK = re.compile(r"(?:牵头|主办|主责|主抓|召集|组长|发起)(?:责任)?(?:单位|部门)(?:[：:]|为|是)?\s*|"
                        r"(?:牵头|主办|主责|主抓|承办)[：:]\s*|"
                        r"负责(?:单位|部门)(?:[：:]|为)\s*|(?:主要责任(?:单位|部门)|责任主体)[：:]\s*|"
                        r"【(?:牵头|主办|主责)(?:单位|部门)?】\s*|"
                        r"(?<=由)(?=[^。；;\n]{2,30}?(?:牵头|召集))|"
                        r"(?m:^[ \t\u3000]*(?:牵头|主办|主责|主抓)[ \t\u3000]+)")  # a block's `主责　市商务局` line
_HELPERS_MARK = re.compile(r"(?:责任|配合|参与|协办|协同|成员|协作|支持|联动)(?:单位|部门)"
                           r"[一二三四五六七八九十]?[：:]?\s*(?:包括|为|有|是)?[：:]?\s*|"
                           r"(?:配合|协办|参与|协同|协助)[：:]\s*|"
                           r"(?<!主要)(?<!第一)(?<!牵头)(?<!领导)责任[：:]\s*|"
                           r"【(?:配合|协办|参与|协同|协助|支持|责任)(?:单位|部门)?】\s*|"
                           r"(?m:^[ \t\u3000]*(?:配合|协办|参与|协助|协同)[ \t\u3000]+)")


# `由A、B、C按年度轮流担任召集单位`, `由A、B轮流召集`: each convener leads the meeting in its year.
_ROTATING_CONVENERS = re.compile(r"由([^。；;\n]{2,80}?)(?:按年度|按届|每年)?轮流(?:担任)?(?:召集|牵头)(?:单位|人)?|"
                                 r"(?:召集|牵头)(?:单位|人)由([^。；;\n]{2,80}?)(?:按年度|按届|每年)?轮流担任")


def _convener_and_members(text: str, out: _Collector) -> None:
    """`成员：A、B、C负责同志` and `X为领导小组牵头单位`: the lead unit against each member unit."""
    lead = re.search(r"(?:^|[。；;，,\n])([^。；;，,\n]{2,30}?)为[^。；;，,\n]{0,12}?(?:牵头|召集|组长)单位", text)
    # not `各成员单位：`; `一、成员单位` as a heading over the list
    members = re.search(r"(?<![各和及])成\s*员(?:单位)?(?:[：:]|包括|为|由|(?<=单位)[ \t\u3000]*\n)[：:]?\s*", text)
    if not members:
        _members_named_before(text, out)
        return
    if lead:
        named = department_mentions(lead.group(1))
        named = named[-1:] if named and named[-1][1] == len(lead.group(1)) else []
    else:  # `领导小组牵头单位为市委宣传部`, `组长单位：市公安局`
        lead = re.search(r"(?:牵头|召集|组长)单位(?:为|是|[：:])[：:]?([^。；;，,\n（(]{2,30})", text)
        named = department_mentions(lead.group(1))[:1] if lead else []
        named = named if named and named[0][0] == 0 else []
    rotating = _ROTATING_CONVENERS.search(text)
    if rotating and len(department_mentions(rotating.group(1) or rotating.group(2))) >= 2:
        lead, named = rotating, department_mentions(rotating.group(1) or rotating.group(2))
    if not named:  # `日常工作由市卫健委牵头承担`, `由市公安局召集`, `召集人由市公安局…担任`: one unit every time
        led = r"由([^。；;，,\n]{2,30}?)(?:牵头|召集|分管负责同志|负责同志)"
        found = [department_mentions(m.group(1)) for m in re.finditer(led, text)]
        heads = [one[0] for one in found if len(one) == 1]
        if heads and len({normalise_department(m[2]) for m in heads}) == 1:
            lead, named = re.search(led, text), heads[:1]
    if not lead or not named:
        return
    lines = text[members.end():].split("\n")
    line = _HOLDER.sub("", lines[0])
    listed = _members_by_post(line) or _list_after(line, department_mentions(line), 0, commas=True)
    for more in lines[1:]:  # one member a line: `县商务局局长` under `成　员：县委宣传部副部长`
        more = _HOLDER.sub("", more.strip(" \t\u3000"))
        first = department_mentions(more)[:1]
        if not first or first[0][0] != 0 or len(more) > 30 or re.search(r"[：:。；;]", more):
            break
        listed += first
    for convener in named if rotating else named[-1:]:
        for member in listed:
            if not same_department(convener[2], member[2]):
                out.add(convener[2], member[2], "牵头-会同", lead.group(0).strip("。；;\n") + "；" + line[:120], "条文")


def _members_named_before(text: str, out: _Collector) -> None:
    """`成立以A为组长单位，B、C为成员单位的…`, `建立由A牵头、B和C参加的联席会议制度`: A with each of B and C."""
    for hit in re.finditer(r"(?:以|由)([^。；;，,、\n]{2,30}?)(?:[为任](?:组长|牵头|召集)单位|牵头)[，,、]"
                           r"([^。；;\n]{2,120}?)(?:等(?:部门|单位))?(?:为成员单位|参加|参与)", text):
        lead = department_mentions(hit.group(1))
        if len(lead) != 1:
            continue
        members = department_mentions(hit.group(2))
        for member in _list_after(hit.group(2), members, members[0][0] if members else 0, commas=True):
            out.add(lead[0][2], member[2], "牵头-会同", hit.group(0), "条文")


# `×××　县财政局副局长`, `张某某　县财政局副局长`: the person before the post a member is named by.
_HOLDER = re.compile(rf"^(?:[×＊*Xx]{{2,4}}|[{HAN}]{{1,2}}(?:某某?|[×＊*]{{1,3}})|"
                     rf"[{HAN}]{{2,3}}(?=[ \t\u3000]))[ \t\u3000]*")
# (and those at a meeting: `出席：A、B、C负责人`)
_MEMBERS = re.compile(r"成员单位|成\s*员(?:为|包括|[：:])|"
                      r"(?:^|\n)[ \t\u3000]*(?:出席|列席|参会|参加)(?:单位|人员)?[：:]")
# A member given by the head of its unit: `市委宣传部副部长，市财政局局长，…`.
_POST = re.compile(r"(?:常务)?副?(?:部长|主任|局长|书记|主席|区长|县长|市长|镇长|乡长|处长|科长|队长|行长|院长|"
                   r"秘书长|政委|社长|理事长|(?:分管)?负责同志|负责人)?[，,、；;]?")


# `吴某某（市卫健委主任）、郑某某（市城管局局长）`: a member given by the person who heads it.
_PERSON = re.compile(rf"[）)]?[，,、；;]?\s*(?:(?:[{HAN}]{{2,4}}\s*)?[（(])?")


def _members_by_post(line: str) -> list[Mention]:
    listed: list[Mention] = []
    end = 0
    for m in department_mentions(line):
        gap = line[end:m[0]]
        post = _POST.match(gap)
        if not (post and _PERSON.fullmatch(gap, post.end())):
            break
        listed.append(m)
        end = m[1]
    return listed if len(listed) >= 2 else []


# `任务承担：A▲、B▲、C`: the units a task list gives a task, its leads marked by a sign after the name.
_TASK_UNITS = re.compile(r"(?:任务承担|承担单位|责任单位|实施单位|完成单位|落实单位|承办单位)[：:]\s*([^\n]+)")
_LEAD_SIGN = re.compile(r"\s*[▲★☆△]")


def _marked_lead_rules(text: str, out: _Collector) -> None:
    """Each task's marked leads against its other units; with no mark in the whole list, its units
    share the task. Only where the list marks leads somewhere (`▲`), else other rules read it."""
    if not _LEAD_SIGN.search(text):
        return
    for hit in _TASK_UNITS.finditer(text):
        units = hit.group(1)
        named = department_mentions(units)
        leads = [m for m in named if _LEAD_SIGN.match(units, m[1])]
        helpers = [m for m in named if m not in leads]
        for x, y in combinations(leads or named, 2):
            out.add(x[2], y[2], "分工", hit.group(0), "条文")
        for lead in leads:
            for helper in helpers:
                out.add(lead[2], helper[2], "牵头-会同", hit.group(0), "条文")


def _lead_unit_rules(text: str, out: _Collector) -> None:
    """Each lead unit named by a work plan against the units listed as responsible with it, up to
    the next lead."""
    marks = list(_LEAD_MARK.finditer(text))
    if re.search(r"(?:配合|协办)单位[：:]|^[ \t\u3000]*(?:配合|协办|协助|协同)[：:]", text, re.MULTILINE):
        # `责任单位：A` over `配合单位：B` (`责任：A` over `协助：B`): A leads; a line of its own in a task
        # list that names 牵头单位 in other tasks
        responsible = re.compile(r"^[ \t\u3000]*责任(?:单位)?[：:]\s*" if marks else
                                 r"(?<![配协参])(?<!配合|协同|协作|参与|协办|牵头|主体|主要)责任(?:单位)?[：:]\s*",
                                 re.MULTILINE)
        marks = sorted(marks + list(responsible.finditer(text)), key=lambda m: m.start())
    for n, mark in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(text)
        end = min(end, _next_task_with_units(text, mark.end()))  # `3. …责任单位：A、B` is another task's
        scope = text[mark.end():end]
        mentions = department_mentions(scope)
        leads = _list_after(scope, mentions, 0, spaces=True)
        quote = text[text.rfind("\n", 0, mark.start()) + 1:end][:160].split("\n")[0]  # from the line's start
        for x, y in combinations(leads, 2):
            out.add(x[2], y[2], "分工", quote, "条文")
        for helpers in _HELPERS_MARK.finditer(scope):
            line_end = scope.find("\n", helpers.end()) % (len(scope) + 1)
            # (`配合单位：A，负责…；B，负责…`: each body opening a clause of the helpers' line helps too)
            each_clause = [m for m in mentions if helpers.end() < m[0] < line_end and scope[m[0] - 1] in "；;"]
            for helper in _list_after(scope, mentions, helpers.end(), commas=True, spaces=True) + each_clause:
                for lead in leads:
                    out.add(lead[2], helper[2], "牵头-会同", quote, "条文")


def _next_task_with_units(text: str, start: int) -> int:
    """Where the next numbered task that names units of its own (`3. …责任单位：A、B`) starts; a plan's
    `二、配合单位：…` under its `一、牵头单位：…` goes on with the lead."""
    starts = [m.start() for m in _ITEM.finditer(text, start)] + [len(text)]
    for begin, stop in zip(starts, starts[1:]):
        if re.search(r"(?:责任|牵头)(?:单位|部门)(?:[：:]|(?=[省市县区]))", text[begin:stop]):  # (`责任单位县X局`)
            return begin
    return len(text)


# A numbered item at the start of a line (`1.`, `（一）`, `一、`, `第三条`) or, in a copy flattened onto
# one line, a bracketed or 、 label right after a sentence's end.
_ITEM = re.compile(r"^(?=[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
                   r"\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十百零〇两0-9]+条|"
                   r"条目[一二三四五六七八九十\d]{1,3}[：:、]))|"  # (a 职责边界清单's `条目三：`)
                   r"(?<=[。；;])(?=[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]{1,3}[）)]))",
                   re.MULTILINE)


def _tasks(text: str) -> list[str]:
    """A work plan's numbered tasks, each with its own lead: each is a unit of its own."""
    return _cut_at(text, _ITEM)


def _articles(text: str) -> list[str]:
    return _cut_at(text, _ARTICLE)


def _cut_at(text: str, starts: re.Pattern) -> list[str]:
    cuts = sorted({m.start() for m in starts.finditer(text)} | {0, len(text)})
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


_BY_ITS_OWN_RULES = re.compile(r"负责[^。；;，,、]{2,30}[，,](?:按|按照|依照|依据)[^。；;，,]{2,16}?"
                               r"规定(?:执行|办理)[。；;]")
_LONE_DUTY = re.compile(r"按照(?:其)?职责(?!分工)(?![^，,。；;]{0,8}(?:配合|协助|会同))")


def _assigned(unit: str, headed: bool = False) -> list[Mention]:
    """Departments that a unit gives a task: `X负责…`, `X主管…`, `由X负责…`, `X、Y等部门按照各自职责…`;
    `headed`: also `X：负责…`, the layout of a plan's division of labour under its lead."""
    result: list[Mention] = []
    mentions = _with_defined_roles(unit, _without_second_names(unit, department_mentions(unit)))
    listed_before: Mention | None = None  # the next name, when this one heads the list `A、B、C分别负责`
    for m in reversed(mentions):
        before = unit[max(0, m[0] - 2):m[0]]
        after = unit[m[1]:m[1] + 60]
        if _FUNDING.match(after) or is_funder(unit, m) or _SUPPLIES_ONLY.match(after):
            continue  # `由财政部门按照规定纳入本级预算`: a funding line gives no part of the matter
        if _AREA_GOVERNMENT.search(m[2]) and _OWN_AREA.match(after):
            continue  # `镇人民政府、街道办事处承担辖区内…`: a government for its own area acts alone
        if unit[max(0, m[0] - 3):m[0]].endswith(("所在", "所在地", "当地")):
            continue  # `由所在乡镇水利站负责日常管理`: whichever local unit, for its own area, acts alone
        joined = listed_before is not None and (  # `A（甲）、B`: past A's second name
            _SECOND_NAME_IN_BRACKETS.sub("", unit[m[1]:listed_before[0]]) in ("、", "和", "及", "以及") or
                                                (m[0], m[1]) == listed_before[:2])  # one list, one span
        by = _BY.search(unit, max(0, m[0] - 6), m[0])
        assigned = joined or _ASSIGN.match(after) or (by and _BY_ASSIGN.match(after)) or \
            (headed and (after[:1] in "：:" and _ASSIGN.match(after[1:]) or
                         _ITEM_OPENING.fullmatch(unit, unit.rfind("\n", 0, m[0]) + 1, m[0])))
        listed_before = m if assigned and (m[0], m[1]) != (listed_before or (-1, -1))[:2] else None
        # `报乡镇人民政府审批`: whoever a matter is reported to approves it and takes no part
        if before.endswith(("将", "是", "报")) or before == "现将" or after.startswith(("承担的", "的")):
            continue
        if after.startswith(("不再", "不参与", "不负责", "退出")):  # `三、区住建局不再参与此项工作`
            continue
        if (_LONE_DUTY.match(after) or _BY_ITS_OWN_RULES.match(after)) and \
                len(department_mentions(_sentence_of(unit, m))) == 1:
            # `县卫生局按照职责做好赛场医疗保障`, `县卫生局负责熟肉制品的卫生监督，按食品卫生有关规定执行`: a
            # service of its own trade, alone in its sentence
            continue
        if assigned:
            result.append(m)
    return result[::-1]


def _with_defined_roles(text: str, mentions: list[Mention]) -> list[Mention]:
    """`市市政行政管理部门是本市燃气行政主管部门`: the text then speaks of the role
    (燃气主管部门), so the defined role stands for the department (with its position)."""
    starting: dict[int, Mention] = {}  # roles by where they start: one pass, not a scan per mention
    for x in mentions:
        if x[2].endswith("主管部门"):
            starting.setdefault(x[0], x)
    result = []
    for m in mentions:
        role = starting.get(m[1] + 1) if text[m[1]:m[1] + 1] == "是" else None
        result.append((m[0], m[1], role[2]) if role else m)
    return result


def _sentence_of(unit: str, m: Mention, stops: str = "。；;\n") -> str:
    """The sentence of `unit` around mention `m` (its clause, with `，` among the `stops`)."""
    start = max(unit.rfind(ch, 0, m[0]) for ch in stops) + 1
    ends = [i for i in (unit.find(ch, m[1]) for ch in stops) if i >= 0]
    return unit[start:min(ends) if ends else len(unit)].strip()


_MOST_DIVIDING = 12
_LED = re.compile(r"牵头[^。；;]{0,40}?(?:配合|协助|会同)|(?:配合|协助)[^。；;]{0,30}?牵头")


# `…由县发改委单独核定`, `县工商局已自行开展清查，不参与本次整治`, `县妇联可开展倡导，不承担具体任务`: a body
# that says it acts apart
# (`仍由县环保局依其职责处理`, `由县残联按其年度计划办理`, `与本事项无关`, `提供的数据仅作研判参考`,
# `市总工会反映的…问题，作为本次抽查线索`)
# a helping field left empty (`配合：无`, `配合：——`)
_NONE_TO_HELP = r"(?:配合|协办|协助|协同|会同)(?:单位|部门)?[：:][ \t\u3000]*(?:无|[—－-]{1,2}|／|/)"
_APART = re.compile(r"单独|(?<!无法)(?<!不能)自行(?!车)|不参与|不承担具体|[不未](?:列入|纳入)|另行|"
                    r"[按依]其(?:自身|年度)?(?:职责|计划)|"
                    r"[按依]本(?:单位|部门)(?:职责|规定)|独立(?:开展|实施|履行|办理)|与本[^。；;，,]{0,8}无(?:关|涉)|与此事无关|"
                    r"未与[^。；;，,]{1,6}联系|"  # (`…，公司加强了值班，未与该局联系`)
                    r"与[镇乡局站所院店校厂社队场馆园]里[^。；;，,]{0,6}?无(?:关|涉)|审核拨付|仅(?:作|供)[^。；;，,]{0,8}参考|"
                    r"反映的[^。；;，,]{0,20}(?:问题|情况)|"
                    r"向[^。；;，,]{2,20}(?:举报|投诉)|"  # (`可向县公安局举报`: whom the public reports to)
                    # (or whom it sues or appeals to)
                    r"向[^。；;，,]{2,20}(?:起诉|申请仲裁|申请(?:行政)?复议|提起(?:行政)?诉讼)|"
                    r"不属(?:于)?本|不在本[^。；;，,]{0,6}范围|不涉及本|[不未没](?:派人|派员|到场)?参加|未参与|[未没]到场|列席|到会听取|不作为[^。；;，,]{0,6}成员|"
                    r"给予(?:行政|党纪|政务)?处分|"  # (`由其所在单位或者监察机关依法给予处分`: a sanction)
                    r"不承担[^。；;，,]{0,8}任务|与其[^。；;，,]{0,6}无关|"
                    r"作为(?:监交|见证|列席)(?:单位|方|人)|派员(?:监交|见证)|"  # (`X作为监交单位签字`: a witness)
                    rf"{_NONE_TO_HELP}(?![^\s。；;，,])")  # (`牵头：X　配合：无`)


def _alone_beside_a_lead(key: str) -> set[str]:
    """The bodies on a clause of their own in a line that says who leads and who helps (see `_on_its_own`),
    and those whose own sentence says they act apart."""
    alone = set()
    lines = key.splitlines()
    for line, after in zip(lines, lines[1:] + [""]):
        led = _LED.search(line)
        mentions = department_mentions(line)
        alone |= {normalise_department(m[2]) for m in mentions
                  if led and _on_its_own(line, m) or _acts_apart(_sentence_of(line, m)) or
                  _acts_apart(_sentence_of(line, m, stops="。；;，,\n"))}  # (`县水利局自行组织了河道清理，我局未参与`)
        if len(mentions) == 1 and _NOBODY_HELPS.match(after):  # `实施主体：X` over `配合部门：无`
            alone.add(normalise_department(mentions[0][2]))
        # (a body named once, to supply data, a forecast or the money: `县气象局发布大风预警的，由X决定…`)
        alone |= {normalise_department(m[2]) for m in mentions
                  if (_SUPPLIES_ONLY.match(rest := line[m[1]:m[1] + 60]) or _FUNDING.match(rest)) and
                  key.count(m[2]) == 1 and
                  not line[max(0, m[0] - 2):m[0]].endswith(("会同", "配合", "协助", "联合", "与", "和"))}
    return alone


_NOBODY_HELPS = re.compile(rf"[ \t\u3000]*{_NONE_TO_HELP}[ \t\u3000]*$")


# A form's field of a body that receives, witnesses, sent or is sent the paper (`受理单位：`, `监交单位：`, `报：`,
# `来文单位：`)
# (or run on after a letter's last sentence: `…帮助架设一条专线。抄送：县煤炭工业局。`)
_ONLOOKER_FIELD = re.compile(r"(?:^|(?<=。))[ \t\u3000]*"
                             r"(?:受理|监交|备案接收|审批|批准|报送|抄送|主送|报|来文|制表|编印|印发|转办)"
                             r"(?:单位|机关|部门)?[：:]"
                             r"([^\n]{2,60})$", re.MULTILINE)


def _approvers(key: str) -> set[str]:
    """The bodies a text names only as those applied to for approval (`由乙方向县城市管理局申请审批`) or that
    approve a figure (`收费标准由县发展和改革局核定`)."""
    approving: set[str] = set()
    other: set[str] = set()
    for line in key.splitlines():
        for m in department_mentions(line):
            asked = line[max(0, m[0] - 1):m[0]] == "向" and \
                re.match(r"(?:申请|报请)(?:审批|批准|许可|年检|登记|检验)|申请(?:[。；;，,]|$)", line[m[1]:]) or \
                line[max(0, m[0] - 1):m[0]] == "由" and re.match(r"(?:核定|审定|批准)(?:[。；;，,]|$)", line[m[1]:])
            (approving if asked else other).add(normalise_department(m[2]))
    return approving - other


def _onlookers(key: str) -> set[str]:
    """The bodies a form names only in a field of whom it is filed with, witnessed by or sent to."""
    found = set()
    for field in _ONLOOKER_FIELD.finditer(key):
        named = [name for _, _, name in department_mentions(field.group(1))]
        elsewhere = [other for _, _, other in department_mentions(key[:field.start()] + key[field.end():])] \
            if named else []
        found |= {normalise_department(name) for name in named
                  if not any(same_department(name, other) for other in elsewhere)}
    return found


def _lead_and_helping_items(key: str, out: _Collector) -> None:
    """`一、由A牵头，负责…` / `二、B配合，负责…` / `三、C配合，负责…`: the one body a plan says leads, with each
    body whose own item says it helps (no lead named there)."""
    sentences = [sentence for line in key.splitlines() for sentence in re.split(r"[。；;]", line)]
    leads, helpers = set(), []
    for sentence in sentences:
        body = _ITEM_OPENING.sub("", sentence, count=1)
        mentions = department_mentions(body)
        if len(mentions) != 1 or not _BEFORE_SUBJECT.fullmatch(body[:mentions[0][0]]):
            continue
        after = body[mentions[0][1]:]
        if after.startswith("牵头"):
            leads.add(mentions[0][2])
        elif re.match(r"(?:负责)?(?:配合|协助)[，,]", after):
            helpers.append((mentions[0][2], sentence.strip()))
    if len({normalise_department(lead) for lead in leads}) == 1:
        for helper, quote in helpers:
            out.add(next(iter(leads)), helper, "牵头-会同", quote, "条文")


def _acts_apart(sentence: str) -> bool:
    # (a unit the body sets up is no other body: `县卫生局在安置点设立医疗服务站，由其自行安排…`)
    bodies = [m for m in department_mentions(sentence) if sentence[max(0, m[0] - 2):m[0]] not in _SETS_UP]
    # (one body, or one list of them: `县城市管理局、县财政局派员列席`)
    listed = all(re.fullmatch(r"[、和及与]", sentence[a[1]:b[0]]) for a, b in zip(bodies, bodies[1:])) or \
        len({normalise_department(m[2]) for m in bodies}) == 1  # (one body named twice)
    if (_EACH_ON_ITS_OWN.search(sentence) or _NO_CROSSING.search(sentence)) and not _WORKS_WITH.search(sentence):
        return True
    return _APART.search(sentence) is not None and len(bodies) >= 1 and listed and \
        not _WORKS_WITH.search(sentence)  # `不承担具体任务` is no `具体` work with another


# `县地震局负责…，县气象局负责…，按各自职能开展工作`, `…，各自依法办理，不得互相推诿`: each body of the sentence
# does its own part, none with another
_EACH_ON_ITS_OWN = re.compile(r"[，,](?:均|都|仍)?(?:按|按照|依照|依)?各自(?:的)?(?:职责|职能)?(?:依法)?"
                              r"(?:办理|开展工作|执行|实施|履行)(?:[，,]不得互相推诿)?[。；;]?$")


# `…，依其职责单独履行，不与本局发生职责交叉`: the body the clause names works alone
_NO_CROSSING = re.compile(r"不与[^。；;，,]{1,20}?(?:发生|存在|产生)?(?:职责)?(?:交叉|重叠)")


_SETS_UP = ("设立", "设置", "成立", "组建")


def _line_of(text: str, m: Mention) -> str:
    end = text.find("\n", m[1])
    return text[text.rfind("\n", 0, m[0]) + 1:end if end >= 0 else len(text)]


def _on_its_own(unit: str, m: Mention) -> bool:
    """`县卫生和计划生育局负责公共场所控烟宣传`: the only body of its clause, with no word of working with another."""
    sentence = _sentence_of(unit, m)
    return len(department_mentions(sentence)) == 1 and not _WITH_OTHERS.search(sentence)


def _assignment_pairs(unit: str, out: _Collector, source: str) -> None:
    # A pair is quoted where its two names first appear; later mentions add nothing (the collector
    # keeps the first), so pairs are made over each name's first mention: linear in mentions, not
    # quadratic (a 1,000-item 职责分工 took 49 s).
    first: dict[str, Mention] = {}
    # `X会同Y…` says who leads and who helps too, where Y is a body it names (not `有关部门`)
    led = bool(_LED.search(unit)) or any(unit[max(0, m[0] - 2):m[0]] == "会同" for m in department_mentions(unit))
    for mention in _assigned(unit):
        if _MEMBERS.search(_sentence_of(unit, mention)):
            continue  # a joint meeting's or group's members are paired with its lead, not with each other
        if led and _on_its_own(unit, mention):
            continue  # where the unit says who leads and who helps, a body on its own clause is no partner
        if _acts_apart(_sentence_of(unit, mention)):
            continue  # `县文广局负责的游艺场所审批不在本保证范围`: its part is another matter
        first.setdefault(mention[2], mention)
    if len(first) > _MOST_DIVIDING:
        return  # so many departments each given a part are a list of tasks, not one matter divided
    for x, y in combinations(sorted(first.values()), 2):
        out.add(x[2], y[2], "分工", _join_quotes(_sentence_of(unit, x), _sentence_of(unit, y)), source)


_SUBJECTLESS_HANDOVER = re.compile(r"(?:^|[，,])[^，,。；;\n]{0,30}?(?:的[，,])?(?:及时|依法|一律)?"
                                   r"(移送|移交|通报|抄送|推送)(?=[^，,。；;\n]{2,30})")


def _task_handover(unit: str, out: _Collector) -> None:
    """`（四）…涉嫌犯罪的，移送市公安局。市市场监督管理局负责。`: a task's 移送 with no subject of its own is
    done by the one department the task then names as responsible."""
    responsible = {normalise_department(m[2]): m for m in _assigned(unit)}
    if len(responsible) != 1:
        return
    (giver,) = responsible.values()
    named = department_mentions(unit)
    for sentence in _sentences(unit):
        start = unit.find(sentence)
        if start > giver[0]:
            continue  # after the responsible unit's own line a full stop has ended its reach
        if any(start + len(sentence) <= m[0] < giver[0] for m in named):
            continue  # another body named in between (a table's next 承办) may be the one who hands it over
        mentions = department_mentions(sentence)
        for hit in _SUBJECTLESS_HANDOVER.finditer(sentence):
            if any(m[1] <= hit.start(1) for m in mentions):
                continue  # the clause has a subject of its own
            target = next((m for m in mentions if m[0] == hit.end(1)), None)
            if target and normalise_department(target[2]) != normalise_department(giver[2]):
                out.add(giver[2], target[2], "移交" if hit.group(1) in ("移送", "移交") else "协作", sentence, "条文")


_GOVERNMENT = re.compile(r"人民政府$")


def _leads(text: str) -> tuple[list[Mention], bool]:
    """A regulation's 主管部门 (`X主管…工作`, `X是…主管部门`, `X统筹负责`, `X统一监督管理`), or else the one
    department a notice puts at the head of all of it (`由X牵头组织实施`); True in the second case."""
    mentions = _with_defined_roles(text, department_mentions(text))
    leads = [m for m in mentions if _LEAD.match(text[m[1]:m[1] + 60]) and not text[max(0, m[0] - 1):m[0]] == "是"
             or _LEAD_NAMED_AFTER.search(text, max(0, m[0] - 8), m[0])]
    if not leads:
        leads = _subject_leads(text, mentions)
    if any(not _GOVERNMENT.search(m[2]) for m in leads):
        # `第三条 县级以上人民政府对…实行统一领导` over `第四条 农业农村主管部门主管…`: the department leads
        leads = [m for m in leads if not _GOVERNMENT.search(m[2])]
    if leads or _ARTICLE_NUMBER.search(text):  # a regulation's 牵头 unit leads its own article only
        return leads, False
    heads = [m for m in mentions if _DOCUMENT_LEAD.match(text[m[1]:m[1] + 30])
             or _DOCUMENT_LEAD_NAMED_AFTER.search(text, max(0, m[0] - 8), m[0])
             or text[m[1]:m[1] + 2] == "牵头" and _WHOLE_WORK_BY.search(text, max(0, m[0] - 12), m[0])]
    whole = [m for m in heads if _WHOLE_DOCUMENT_BY.search(text, max(0, m[0] - 16), m[0])]
    if len({normalise_department(m[2]) for m in whole}) == 1:
        return whole, True  # `本方案由X牵头组织实施` over a task's `Y牵头开展…`
    return (heads, True) if len({normalise_department(m[2]) for m in heads}) == 1 else ([], False)


# A regulation's title (`沙河市电梯安全管理办法`) and the matter it governs (`电梯安全`).
_REGULATION_TITLE = re.compile(rf"^[ \t\u3000]*(?:[{HAN}]{{1,8}}?[省市县区旗州])?"
                               rf"([{HAN}]{{2,16}}?)(?:监督)?(?:管理)?"
                               r"(?:暂行|实施)?(?:办法|规定|条例|细则)"
                               r"(?:[（(](?:试行|节选|摘录|草案)[)）])?[ \t\u3000]*$",
                               re.MULTILINE)


def _regulation_subject(text: str) -> str:
    """The matter a regulation's title names, or "": the title opens the text, or follows a decree's
    cover (`X市人民政府令 第58号 《…》已经…现予公布`)."""
    title = next(filter(None, (_REGULATION_TITLE.search(line) for line in text.split("\n", 6)[:6])), None)
    return title.group(1) if title else ""


# what the lead of a regulation's matter does with it (`负责曲艺演出场所的审批和演出内容的监督`)
_SUBJECT_CHARGE = r"[^。；;，,]{0,12}?(?:监督管理|管理|监管|监督|审批|工作)"


def _subject_leads(text: str, mentions: list[Mention]) -> list[Mention]:
    """The one department a regulation makes responsible for the very matter its title names
    (`…电梯安全管理办法`: `市质监局负责电梯安全的监督管理`) leads the others it gives a part of it."""
    subject = _regulation_subject(text)
    if not subject:
        return []
    forms = [subject] + ([subject[2:]] if len(subject) >= 4 else [])
    leads = [m for m in mentions
             if (clause := re.match(r"(?:[（(][^）)]{0,40}[)）])?(?:负责|主管|承担)([^。；;，,]{0,30})",
                                    text[m[1]:m[1] + 80]))
             and any(re.search(re.escape(form) + _SUBJECT_CHARGE, clause.group(1)) for form in forms)]
    if len({normalise_department(m[2]) for m in leads}) == 1:
        return leads
    return _area_leads(text, mentions, re.sub(r"(?:保护|监督)?(?:管理)?$", "", subject))


# `县城规划区范围内的古树名木，由A负责保护管理；县城规划区以外的古树名木，由B负责保护管理。`
_AREA_SPLIT = re.compile(r"[^。；;\n]{2,30}?的(?P<matter>[^。；;，,\n]{2,16})，由(?P<name>[^。；;，,\n]{2,30}?)负责"
                         r"[^。；;\n]{0,12}[；;][^。；;\n]{2,30}?的(?P=matter)，由(?P<other>[^。；;，,\n]{2,30}?)负责")


def _area_leads(text: str, mentions: list[Mention], matter: str) -> list[Mention]:
    """Two departments that share the matter the title names by area lead it together."""
    if len(matter) < 2:
        return []
    for split in _AREA_SPLIT.finditer(text):
        if matter in split.group("matter"):
            spans = {(split.start("name"), split.end("name")), (split.start("other"), split.end("other"))}
            found = [m for m in mentions if (m[0], m[1]) in spans]
            if len(found) == 2:
                return found
    return []


def _lead_pairs(text: str, leads: list[Mention], out: _Collector) -> None:
    """The leads of a text against every department that the same text gives a part of the matter.
    A task's 牵头 unit leads only the units of its own task (`_roles`, `_lead_unit_rules`): a work plan
    has a lead per task."""
    if not leads:
        return
    subject = _regulation_subject(text)
    assigned = [m for m in _assigned(text, headed=True) if not _standing_remit(text, m, subject)
                and not (_on_its_own(text, m) and _LED.search(_line_of(text, m)))
                and not _acts_apart(_sentence_of(text, m))]  # (`X负责…，不属本条调整范围`)
    for lead in leads:
        for other in assigned:
            if other[0] != lead[0] and not _own_item_apart(text, lead, other):
                out.add(lead[2], other[2], "主管-分工",
                        _join_quotes(_sentence_of(text, lead), _sentence_of(text, other)), "条文")


def _standing_remits(text: str) -> set[str]:
    """The bodies a regulation names only for a standing remit of their own (see `_standing_remit`)."""
    subject = _regulation_subject(text)
    if not subject:
        return set()
    return {normalise_department(m[2]) for m in _assigned(text, headed=True) if _standing_remit(text, m, subject)}


def _own_item_apart(text: str, lead: Mention, other: Mention) -> bool:
    """`一、…由X县农业局牵头，会同…` / `二、县气象局做好春播期天气预报服务。`: a body alone in a numbered item of
    its own, apart from the item whose lead line names who leads and who helps, overseeing nothing, is no part
    of that task."""
    lead_line, other_line = _line_of(text, lead), _line_of(text, other)
    return lead_line != other_line and bool(_ITEM_OPENING.match(lead_line)) and \
        bool(_ITEM_OPENING.match(other_line)) and bool(_LED.search(lead_line)) and _on_its_own(text, other) and \
        not _OVERSIGHT.search(_sentence_of(text, other))  # (`二、市物价局负责春运客票价格的监督检查` is part of it)


# `第四条 县气象局负责本县气象服务。` in a regulation of another matter: a department's standing remit
# over its whole area, restated in one short clause, gives it no part of the matter the text governs.
_STANDING_REMIT = re.compile(r"负责(?:发布)?本[省市县区][^。；;，,、]{1,10}[。；;]")


# `第四条 市卫生局负责学校卫生监督。`, `…检疫证明查验，由市工商行政管理局负责。`: one department alone in its
# article, doing a thing of its own, with no word of working with the lead (nor of the matter, below).
# (`县住建局在施工图审查中予以把关。`: a check within a step of its own)
_ALONE = re.compile(r"(?:负责|依法做好)[^。；;，,、]{2,30}[。；;]|负责[。；;]|"
                    # (`县公安消防大队依照其职责对锅炉房进行消防检查。`)
                    r"(?:依照|依|按照|按)其(?:法定)?职责[^。；;，,、]{2,30}[。；;]|"
                    r"在[^。；;，,、]{2,20}中予以[^。；;，,、]{1,6}[。；;]")
_OVERSIGHT = re.compile(r"监督|监管|管理|查处|执法|(?<!健康)检查|检验|检测|审批|审核|许可|登记|处罚|整治|取缔|核发|"
                        r"备案|秩序")
# (`配合：无` says there is nobody to work with)
_WORKS_WITH = re.compile(rf"(?!{_NONE_TO_HELP})(?:配合|协助|协办|会同|协同)|共同|按照各自")
_WITH_OTHERS = re.compile(_WORKS_WITH.pattern + "|具体")
_ALONE_BY = re.compile(r"由[^。；;，,]{2,30}?(?:按照[^。；;，,]{2,12})?"
                       r"(?:负责|核定|审批|办理|实施|认定|查处|处罚|处理)[^。；;，,]{0,12}$")


_PENALTY = re.compile(r"违反(?:本|上述|前款|以上)")


def _standing_remit(text: str, m: Mention, subject: str) -> bool:
    sentence = _sentence_of(text, m)
    if subject and _ARTICLE_NUMBER.search(sentence) and (_ALONE.match(text, m[1]) or _ALONE_BY.search(sentence)) \
            and len(department_mentions(sentence)) == 1 and not re.search(_WITH_OTHERS, sentence):
        # a department alone in its article that only promotes or teaches takes no part
        # (`县旅游局负责将米花糖作为特色旅游产品进行宣传推介`), nor the enforcer a penalty article names
        # (`违反本办法…的，由市城市管理行政执法局依法查处`), nor, where the text says who works with whom, one
        # on a thing the title does not name (`市市场监督管理局负责户外广告内容的监督管理` under
        # `…户外广告设置管理办法` does)
        if _PENALTY.search(sentence) and _ALONE_BY.search(sentence) or not _OVERSIGHT.search(sentence):
            return True
        return bool(re.search(_WITH_OTHERS, text)) and not any(subject[n:n + 2] in sentence
                                                                for n in range(len(subject) - 1))
    clause = _STANDING_REMIT.match(text, m[1])
    if not clause:
        return False
    return not any(subject[n:n + 2] in clause.group(0) for n in range(len(subject) - 1))


def _join_quotes(a: str, b: str) -> str:
    return a if a == b else f"{a}……{b}"


# --- comparison with hand-made gold pairs ------------------------------------------------------

def _alternatives(gold_name: str) -> list[str]:
    """`教育/文化/体育 行业主管部门` → 教育…, 文化…, 体育行业主管部门; `应急管理部(消防救援局…)` → 应急管理部."""
    whole = simplify_name(gold_name)
    name = re.sub(r"[（(][^）)]*[)）]", "", whole)
    # `沿海乡（镇）人民政府`: the bracket belongs to the name, so the name with it is one too
    return [part for part in (p.strip() for p in name.split("/")) if part] + ([whole] if whole != name else [])


def names_match(gold_name: str, name: str) -> bool:
    return any(same_department(alt, name) for alt in _alternatives(gold_name))


def pair_recovered(gold_row: dict, relations: list[Relation]) -> bool:
    """True when some relation names both departments of the gold row (either order)."""
    a, b = gold_row["a"], gold_row["b"]
    for rel in relations:
        if (names_match(a, rel.a) and names_match(b, rel.b)) or (names_match(a, rel.b) and names_match(b, rel.a)):
            return True
    return False
