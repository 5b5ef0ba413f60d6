"""Department and government names: from titles, 定性 articles and running text."""
from __future__ import annotations

import functools
import re

from .han import HAN

_TITLE_TAIL = re.compile(
    r"(?:、|和)?(?:职能配置|主要职责|机构职能|职责|内设机构|人员编制|机构编制(?=(?:实施)?(?:方案|规定))|职能)(?:、|和)?"
    r"(?:内设机构|人员编制|和人员编制|职能配置)*.*?(?:规定|方案)|事业单位改革(?:实施)?方案$|"
    r"[“\"]三定[”\"](?:规定|方案)$|"  # `X县文化体育局“三定”方案`
    r"(?:主要)?职[责能]范围$")  # an old notice's `中共X县委农村工作部职责范围`
_PLACE_TOKEN = re.compile(rf"[{HAN}]{{1,7}}?"
                          r"(?:特别行政区|自治区|自治州|自治县|新区|省|市|州|盟|地区|县|区|旗)")
_NOT_PLACES = {"城市", "市场", "都市", "超市", "社区", "小区", "园区", "地区", "城区", "市区", "辖区",
               "景区", "矿区", "林区", "牧区", "山区", "库区", "街区", "校区", "军区", "战区", "专区", "灌区",
               "老区", "苏区", "灾区"}  # (`X县老区建设促进会`: the old base areas, no district)
# `X河灌区`, `X风景区`: no district, whatever comes before (`X城区`, `X山区`, `X林区` may be)
_NOT_PLACE_ENDS = ("灌区", "景区", "园区", "库区", "校区", "街区", "小区", "社区", "军区", "战区", "名胜区", "保护区",
                   "度假区", "棚户区")
# An article's `走进县音协`, `原创　县文联宣传组`: a verb or a byline word before the level, no place
NOT_PLACE_STARTS = ("走进", "走近", "原创", "来到", "深入", "走访", "前往", "欢迎", "认识")
_CENTRAL_PREFIXES = ("国务院", "国家", "中央", "中国", "全国", "中华人民共和国")
_ORG_SUFFIX = ("局", "委员会", "委", "厅", "部", "办公厅", "办公室", "办", "署", "院", "司", "中心",
               "总局", "管委会", "处", "科", "所", "站", "队", "馆", "联合会", "联谊会", "协会", "总工会", "红十字会",
               "党校", "研究室", "督查室", "信访室",
               "大学", "学校", "中学", "小学", "体校", "宫", "植物园", "动物园", "陵园", "幼儿园",
               "林场", "农场", "茶场",
               "牧场", "渔场", "良种场", "蚕种场",
               "繁育场", "原种场", "种畜场", "园艺场", "苗圃", "联合社", "合作社", "联社",
               "电视台", "电台", "气象台", "天文台", "地震台", "报社", "杂志社", "出版社",
               "妇联", "残联", "侨联", "文联", "科联", "工商联", "社科联",
               "剧团", "曲艺团", "歌舞团", "杂技团", "艺术团", "文工团", "演艺团", "乐团", "剧院", "储备库", "粮库",
               "讲师团", "促进会", "学会",
               "公路段", "养护段", "航道段", "管理段", "污水处理厂", "自来水厂", "水厂")

_DEPARTMENT_NAME = (
    rf"(?:原)?(?:国务院|国家|中央|[市县区省]|[{HAN}]{{2,6}}?[省市县区州])?"
    rf"[{HAN}]{{1,12}}?(?:委员会|总工会|总局|管理局|监督局|办公厅|办公室|局|(?<!录像|歌舞|营业|娱乐|会议|展示|办事)(?<![餐大展])厅|委|署|部(?!门|分|署|队|位|件))"
)
# A name starts after punctuation or a linking word, never in the middle of a clause.
DEPARTMENT_IN_TEXT = re.compile(
    r"(?:^|(?<=[，,。；;、：:（(\s“”\"与和同由将对向经商])|(?<=会同|配合|协助|报请|交由|划入|划给|移送|以及))"
    + _DEPARTMENT_NAME)


def without_department_names(text: str) -> str:
    """`text` with the department names it mentions taken out (they are parties, not matters);
    what only looks like one stays: `规划布局`, `安全生产的部署`, `安委` of `安委会`."""
    def drop(match: re.Match) -> str:
        name = match.group(0)
        if name.endswith("委") and text.startswith("会", match.end()) or not is_department_name(name):
            return name
        return ""
    return DEPARTMENT_IN_TEXT.sub(drop, text)


# `本局`, `我局`: a text naming its own department.
SELF_REFERENCE = r"(?:(?:本|我)(?:局|委|厅|办|部门|单位|中心|大队|支队|中队|队|所|馆|处)|我[站段])"


def is_self_reference(name: str) -> bool:
    return re.fullmatch(SELF_REFERENCE, name) is not None


def department_from_title(title: str) -> str | None:
    """`XX局职能配置、内设机构和人员编制规定` → `XX局` (also inside 关于印发《…》的通知)."""
    title = re.sub(r"[\s\u3000]+", "", title)
    adjusted = re.search(r"关于调整(.{2,40}?)的?(?:主要)?(?:职责|职能|机构|编制)", title)
    if adjusted:  # `关于调整部分单位职责的通知` names no department
        name = adjusted.group(1)
        return name if _plausible_title_name(name) and looks_like_org(name) else None
    inner = re.search(r"《([^》]+)》", title)
    if inner and _TITLE_TAIL.search(inner.group(1)):
        title = inner.group(1)
    elif "印发" in title:
        title = title.split("印发", 1)[1]
    title = title.strip("【】[]《》<>“”\"' 　")
    match = _TITLE_TAIL.search(title)
    if not match or match.start() == 0:
        return None
    name = title[: match.start()].strip("、，, 　").rstrip("（(【[《<—-")
    # Whatever a web copy put before the name on the title line (`…体育在线"]XX局…规定`) is not part of it.
    second = re.search(r"[（(][^（）()]*[)）]$", name)  # `X局（Y局、Z中心）`: second names, listed
    name = name[:second.start()] if second else name
    if second and SIGN_NOTE.fullmatch(second.group(0)):
        second = None  # `X局（挂市金融工作办公室牌子）`: a note of the sign it carries, not a part of its name
    name = re.findall(rf"[{HAN}（）()]*$", name)[0].lstrip("（()）").removesuffix("的")
    name = name.removeprefix("关于")  # `关于X局职能配置…方案的批复`
    name += second.group(0) if second and name else ""
    # `印发文化部和国家文物局职能配置…方案的通知` covers two bodies; the rules that follow are the first's.
    pair = re.fullmatch(r"(.{2,20}?)(?:和|与|及|、)(.{2,20})", name)
    if pair and looks_like_org(pair.group(1)) and looks_like_org(pair.group(2)):
        name = pair.group(1)
    if re.search(r"[^城小集]镇$|[^下]乡$", name) and government_of(name + "人民政府"):
        name += "人民政府"  # `X县Y镇机构职能体系方案`: the body is the township's government
    if re.search(r"(?:委员会|委|总工会|联合会)机关$", name):
        name = name[:-2]  # `共青团X县委员会机关职能配置…`: the rules of the body's offices, the body's own
    return name if 2 <= len(name) <= 40 and _plausible_title_name(name) else None


SIGN_NOTE = re.compile(r"[（(](?:同时)?(?:对外)?(?:加挂|增挂|挂)[^（）()]{2,60}?的?牌子[)）]")
_TITLE_WORDS = re.compile(r"职能|职责|配置|内设|编制|规定|方案|机构和|印发|通知")


def _plausible_title_name(name: str) -> bool:
    """A title whose name was left out (`职能配置、内设机构和人员编制规定`, `湖南省职能配置…`) names nobody:
    what stands before the title words is then more title words, or a bare place."""
    core = re.sub(r"[（(][^（）()]*[）)]$", "", name).rstrip("的")
    if len(core) < 2 or _TITLE_WORDS.search(core) or core.endswith(("、", "和", "及")):
        return False
    place = _PLACE_TOKEN.fullmatch(core)
    return not (place and core not in _NOT_PLACES)


_TITLE_IN_TEXT = re.compile(r"关于印发[《〈]?([^《》〈〉]{4,80}?(?:规定|方案))[》〉]?的通知|"
                            r"[《〈]([^《》〈〉]{4,80}?(?:规定|方案))[》〉]")  # 〈〉 inside a cited notice's 《》
_NAME_NO_DE = rf"((?:(?![的将对])[{HAN}]){{2,30}}?)"
# Where the title is gone, the opening sentence still says whose rules these are: `关于调整XX职责机构编制的通知`
# quoted in a news copy, `现将XX职责、机构、编制调整事项通知如下`, `确定XX职能配置、内设机构和人员编制方案`.
_NAME_IN_OPENING = re.compile(
    r"关于调整" + _NAME_NO_DE + r"的?(?:职责|职能|机构|编制)"
    r"|现将(?:[你我本贵][局委办厅](?:所属|直属|下属)的?)?" + _NAME_NO_DE + r"的?(?:职责|职能配置|机构编制)[^。]{0,30}?"
    r"(?:调整|事项)"
    r"|(?:确定|制定)" + _NAME_NO_DE + r"的?(?:职能配置|主要职责)[^。]{0,20}?(?:规定|方案)"
    r"|关于" + _NAME_NO_DE + r"(?:整合组建|组建|设立|成立|更名)[^。]{0,12}?公示")


# A 三定 title run onto a line after a web page's chrome (`分享到： 微信 XX局(主要职责、内设机构和人员编制规定`):
# it starts after a space or a bracket and carries the whole title, never a clause's `职责`.
_SANDING_TITLE_INSIDE = re.compile(
    rf"(?<=[\s|｜\]】>》])[{HAN}]{{2,30}}?[（(]?(?:职能配置|主要职责)、?内设机构和人员编制(?:规定|方案)")


def department_from_running_title(text: str) -> str | None:
    """Flattened copies have no title line: find `关于印发…规定的通知` or a whole 三定 title in the text, or
    the opening sentence of an adjustment notice or of the rules (`现将XX职责、机构、编制调整事项通知如下`)."""
    for match in _TITLE_IN_TEXT.finditer(text[:3000]):
        name = department_from_title(match.group(1) or match.group(2))
        if name:
            return name
    for match in _SANDING_TITLE_INSIDE.finditer(text[:3000]):
        name = department_from_title(match.group(0))
        if name and looks_like_org(name):
            return name
    for match in _NAME_IN_OPENING.finditer(text[:3000]):
        # `现将事业单位改革后X中心机构编制事项予以公示`: the body after what happened to it
        name = next(group for group in match.groups() if group)
        name = re.sub(r"^[^，,。]*?(?:改革|调整|组建|整合|更名)后", "", name)
        if looks_like_org(name) and _plausible_title_name(name):
            return name
    return None


# a hotline centre's number is part of its name (`X市12345政务服务便民热线中心`)
HOTLINE = r"(?:12345|12315|12369|12319)"
# A form's next field on the same line, after the value a pattern reads: `单位名称：X站　　主管部门：Y局`.
NEXT_FIELD = rf"(?:(?:\t|[ \t\u3000]{{2,}})[{HAN}（）()]{{2,10}}[:：].*)?"
# A mine: `X县青冈煤矿`, not the `煤矿` of `X县煤矿安全监管局`, nor a county's mines, `X县煤矿`.
_MINE = (r"(?<![省市县区乡镇][煤铁铜锡磷])(?<=[煤铁铜锡磷])矿(?!安全|安监|生产)"
         r"(?![\u4e00-\u9fff]{0,8}?(?:局|委|办|所|站|中心|处|科|公司|厂|队))")
ORG_END = (r"(?:委员会|管理委员会|局|厅|委|办公室|办|署|中心|院|大队|支队|总队|联合会|协会|总工会|办事处|人民政府|"
            r"红十字会|党校|研究室|(?:宣传|组织|统战|统一战线工作|社会工作)部|"
            r"(?:图书|博物|文化|档案|纪念|科技|美术|展览|艺术|殡仪|方志|规划展示|规划|体育|游泳)馆|"
            # a broadcaster, a paper, a co-operative, a mass organisation's short name
            r"(?:广播电视|电视|广播|气象|天文|地震)台|(?:日报|报|杂志|出版|供销合作|信用合作|信用)社|联合社|联社|"
            r"(?:妇|残|侨|文|科|工商|社科|台)联(?!合)|(?<=同胞)联谊会|苗圃|"
            # institutions: `林业技术推广站`, `司法所`, `老年大学`
            r"(?<!网)站|(?<![场住处居厕])所|(?<=执法)中?队|(?<=放映|宣传|医疗|防疫|测量|勘测|勘探|地质|文工)队|(?:督查|政策研究|信访)室|"
            r"(?:联络|接待|管理|公证|婚姻登记|环卫|环境卫生|园林|市政)处|"
            r"(?:老年|开放|职工)大学|(?:职业技术|职业|技工|特殊教育|体育运动|体育|卫生|艺术)学校|(?<=第[一二三四五六七八九十])[中小]学|体校|(?:青少年|少年|工人|劳动人民)(?:文化)?宫|(?:植物|动物)园|烈士陵园|"
            rf"{_MINE}|"
            r"幼儿园|(?:林|农|茶|牧|渔|良种|繁育|原种|种畜|园艺|蚕种)场|(?:剧|曲艺|歌舞|杂技|艺术|文工|演艺|乐)团|(?:艺术|歌舞|戏曲|大)?剧院|"
            r"(?:粮食)?储备库|粮库|讲师团|促进会|(?<=[法史志])学会|(?<=科学技术|社会科学)学会|(?<=公路|养护|航道|管理)段|(?:污水处理|自来水|净水|供水|水)厂)")
_BUDGET_TITLE_BODY = (
    r"(?:\d{4}\s*年度?\s*)?"
    rf"(?P<name>(?:[{HAN}]|{HOTLINE}){{2,36}}?{ORG_END})\s*(?:[（(][^（）()]{{1,20}}[）)])?\s*"
    r"(?:[\u4e00-\u9fff]{2,8}?[股科](?=工作职责|主要职责|职责))?"  # (`X局优抚安置股工作职责`: a division's page)
    r"(?:\d{4}\s*年度?\s*)?(?:部门|单位|本级)?\s*"
    r"(?:预算|决算|预决算|概况|简介|主要职责|主要职能|职能职责|机构职能|职责|职能|整体(?:支出)?|绩效|权责清单|权力清单|"
    r"[\u4e00-\u9fff]{0,6}?责任清单|"  # (`…普法责任清单`, `…安全生产责任清单`)
    r"主要任务|工作职责|基本职能|工作规则|工作规程|工作细则|"
    r"(?:规范化建设|标准化建设|等级评定|达标)[\u4e00-\u9fff]{0,6}?(?:申请|自评报告|验收报告)(?:书|表)?|"
    r"政府信息公开工作年度报告|机构编制方案|(?:社会)?服务承诺书?|大事记|业务范围|(?:警务|所务)公开(?![\u4e00-\u9fff])|"
    r"(?:春季|秋季|春秋季)?招生(?:简章|公告|通知))")
_BUDGET_TITLE = re.compile(r"^(?:文章标题|标题|第[一二三四五]部分)?[\s\u3000:：]*(?:关于(?:调整)?)?"
                           + _BUDGET_TITLE_BODY)


# The same title inside a line, after a web page's chrome run onto it (`[ 有效性 ] | XX局 2021年度部门决算`):
# it starts after a space or a bracket, never inside a clause.
_BUDGET_TITLE_INSIDE = re.compile(r"(?<=[\s|｜\]】>》])" + _BUDGET_TITLE_BODY)


# `…工作部门，对外加挂区地震局牌子`, `3.加挂县国有资产监督管理委员会牌子，代表…`, `县应急管理局加挂县地震局牌子`:
# a sign the department itself carries; a division's (`审批科加挂…牌子`) names the division before it.
_SIGN = re.compile(r"(?:^|(?<=[，,。；;：:\s])|(?<=[一二三四五六七八九十\d][、.．])|(?<=[（()）]))"
                   rf"([{HAN}]{{0,30}}?)(?:同时)?(?:对外)?(?:加挂|增挂|挂)([{HAN}、和]{{2,60}}?)的?牌子")
_SELF = ("", "本局", "该局", "本委", "本办", "本部门", "本单位")
# `县老龄工作委员会办公室设在县民政局`: an office the department hosts, whose work it does, as it does a sign's.
_HOSTED = re.compile(rf"(?:^|(?<=[，,。；;：:\s（(]))([{HAN}]{{2,40}}?办公室)设在"
                     rf"([{HAN}]{{2,30}}?)(?=[，,。；;\s）)]|$)")


def signs_carried(lines: list[str], department: str | None) -> list[str]:
    """The second names the department carries: in brackets after its name (`X县财政局（县国资委）`, in the
    name or where `lines`, a text's head down to its divisions, give it) and as those lines say (a sign it
    carries, an office set up in it)."""
    signs = [name for name in re.findall(r"[（(]([^（）()]+)[）)]", department or "") if looks_like_org(name)]
    for line in lines:
        if "内设机构" in line[:12]:
            break
        bracketed = re.findall(re.escape(department) + r"[（(]([^（）()]+)[）)]", line) if department else []
        signs += [name for name in bracketed if looks_like_org(name) and name not in signs]  # `X办公室（Y办公室）是…`
        for match in _SIGN.finditer(line):
            subject = match.group(1)
            if subject not in _SELF and not (department and abbreviates(subject, department)):
                continue
            signs += [name for name in re.split(r"[、和]", match.group(2))
                      if looks_like_org(name) and name != department and name not in signs]
        for match in _HOSTED.finditer(line):
            office, host = match.groups()
            if (host in _SELF or department and abbreviates(host, department)) and office not in signs:
                signs.append(office)
    return signs


def department_from_budget_title(lines: list[str]) -> str | None:
    """Budget and accounts pages (部门预算/决算) and profiles: `重庆市北碚区交通局 2020年度部门决算情况说明`,
    `2020年度辛集市农业农村局决算公开文本`, a name on one line and `2021年部门预算情况说明` on the next;
    failing that, such a title after the chrome of a flattened web copy."""
    named = _entrusted_unit(lines) or _budget_title_at_line_start(lines) or _budget_title_inside(lines)
    return named if named and is_department_name(named) else None  # (not `X县乡镇站所职责清单`: a kind of units)


# `X县农业农村局（受委托单位：县种子管理站）权责清单`: the list of the matters the unit carries out
_ENTRUSTED = re.compile(r"[（(](?:受委托|受托|实施|承办)单位[：:]([^（）()]{2,30})[)）]")


def _entrusted_unit(lines: list[str]) -> str | None:
    for line in lines[:3]:
        match = _ENTRUSTED.search(line[:80])
        if match and looks_like_org(match.group(1)):
            return match.group(1)
    return None


def _budget_title_inside(lines: list[str]) -> str | None:
    for line in lines[:40]:
        for match in _BUDGET_TITLE_INSIDE.finditer(line[:2000]):
            name = match.group("name")
            # Only a budget's own title: `XX局职责` after a space is as likely a clause of running text.
            if re.search(r"预算|决算|概况|整体|绩效", match.group(0)[len(name):]) and looks_like_org(name) and \
                    not name.startswith(("第", "部门", "单位", "本")):
                return name
    return None


TOWNSHIP_GOVERNMENT = re.compile(r"[乡镇]人民政府$")  # `X镇人民政府基本职能`: a township is a unit of its own here


_NOT_TITLE_OPENING = ("第", "部门", "单位", "本", "现将", "将", "按照", "根据", "批转", "转发", "印发")


def _budget_title_at_line_start(lines: list[str]) -> str | None:
    for index, line in enumerate(lines[:40]):
        candidates = [line]
        if index + 1 < len(lines) and len(line) <= 40 and re.search(ORG_END + r"$", line) and \
                not _BUDGET_TITLE.search(lines[index + 1][:120]) and \
                not re.search(r"(?:平台|专栏|网站|门户)$", lines[index + 1]):  # `XX财政局` / `预决算公开平台` is a site
            candidates.append(line + lines[index + 1])  # `重庆市铜梁区城市管理局` / `2021年部门预算情况说明`
        for candidate in candidates:
            match = _BUDGET_TITLE.search(candidate[:120])
            if match and candidate != line and match.end("name") > len(line):
                continue  # `X国有林场` / `林场概况`: the name is the first line's
            name = match.group("name") if match else ""
            if match and (looks_like_org(name) or TOWNSHIP_GOVERNMENT.search(name)) and \
                    not name.startswith(_NOT_TITLE_OPENING):
                return name
    return None


# `XX局-职责.txt`, `XX部机构职能.docx`, `附件1-XX馆职责.txt`
_FILE_NOISE = re.compile(r"\d{4}\s*年?度?|附件\s*[\d一二三四五六七八九十]{0,3}|[_\-—（）()【】\[\]\s.、，,]+|"
                         r"三定|规定|方案|和(?=人员编制|内设机构)|"
                         r"职能配置|内设机构|人员编制|主要职责|(?:部门|单位)?(?:预算|决算)(?:公开)?(?:情况)?(?:说明|报告)?|简体|繁体|修订|最新|[a-zA-Z]+|"
                         r"(?:党政)?机构职能(?:汇编|选编|摘编)?|(?:汇编|选编|摘编)|职能职责|主要职能|职责|职能|权责清单|权力清单|责任清单|"
                         r"(?:单位|部门|机构)?(?:简介|概况|介绍)|(?:学习)?测试题|参考答案|一图(?:读懂|看懂)|图解|评论区(?:回复)?")


def department_from_file_name(file_name: str) -> str | None:
    """Users name files after the department: `岳麓区应急管理局.txt`, `2024_XX局三定.docx`."""
    stem = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    # `X局（Y局）.txt`: the bracket holds the second name of the same body
    stem = re.sub(r"[（(]([^（）()]{2,60})[)）]",
                  lambda m: "" if looks_like_org(re.split(r"[、，,]", m.group(1))[-1]) else m.group(0), stem)
    name = _FILE_NOISE.sub("", stem)
    parts = [_FILE_NOISE.sub("", part) for part in re.split(r"[_\-—－]+", stem)]
    named = [part for part in parts if re.fullmatch(rf"(?:[{HAN}]|{HOTLINE}){{3,36}}", part) and
             looks_like_org(part) and not _TITLE_WORDS.search(part) and government_of(part) is None]
    if len(parts) > 1 and len(named) == 1 and not any(re.search(r"[省市县区旗镇乡]$", part) for part in parts):
        name = named[0]  # `数字人播报脚本-医保事务中心.txt`: the part that names a body, not the paper's kind
    # Any kind of body a user names a file after: `自然资源部.docx`, `校外教育培训监管司.txt` too.
    if re.fullmatch(rf"(?:[{HAN}]|{HOTLINE}){{3,36}}", name) and \
            (looks_like_org(name) or _TOWN_GOVERNMENT.search(name)) and not _TITLE_WORDS.search(name):
        return name  # `X县Y镇人民政府职能.txt` too
    # `X县环境监测站专题片解说词.txt`: a placed body's full name opening the name of the paper about it
    first = re.split(r"[_\-—\s（(【\[]+", stem.strip())[0]  # (`回忆文章-那年县粮食局…`: no name opens it)
    opening = re.match(rf"[{HAN}]{{3,30}}?{ORG_END}", first)
    if opening and is_plain_place(government_of(opening.group(0)) or "") and not opening.group(0).endswith("政府") and \
            not _YEAR_IN_NAME.search(opening.group(0)) and \
            is_department_name(opening.group(0)) and not re.search(ORG_END, first[opening.end():]) and \
            not re.match(r"[法理]", first[opening.end():]):  # `X市城市排水管理办法`: no 办 of a body
        return opening.group(0)
    return None


# A site page's chrome names the department that published it: `发布机构：县住建局`, or the breadcrumb
# `部门信息公开 > 县住建局 > 机构职能`; a form its `填报单位：`, `申请单位（盖章）：`, `承接单位：`.
_PUBLISHER = re.compile(rf"(?:发布机构|发布单位|信息来源|来源|填报单位|申请单位|承接单位|交接单位|移交单位|"
                        rf"采购人|采购单位|版权所有|承办单位|主办单位)"
                        rf"(?:[（(](?:盖章|公章)[）)])?[：:]\s*"
                        rf"([{HAN}]{{2,30}}?{ORG_END})(?=\s|$)")
_BREADCRUMB = re.compile(rf"[>＞»]\s*([{HAN}]{{2,30}}?{ORG_END})\s*[>＞»]\s*"
                         r"(?:机构职能|部门职责|主要职责|主要职能|职能职责|机构设置|机构概况|单位职能|单位职责|工作职责|职能(?=\s*$))")


# `当前位置：网站首页 > 下属单位 > X区环境卫生管理处`: the page of the unit the breadcrumb ends with, not of
# the bureau whose site it is
_HERE = r"(?:当前位置|您的位置|您当前的位置|位置)[：:]"
_LAST_CRUMB = re.compile(rf"^{_HERE}.*[>＞»]\s*"
                         rf"([{HAN}]{{2,30}}?{ORG_END})\s*$")


def department_from_page_chrome(lines: list[str]) -> str | None:
    """A page that names its department only in its breadcrumb or publisher line, or as the page's
    title over its date line."""
    for patterns in ((_BREADCRUMB,), (_LAST_CRUMB, _PUBLISHER)):
        named = [match.group(1) for pattern in patterns for line in lines if (match := pattern.search(line)) and
                 (looks_like_org(match.group(1)) or _TOWN_GOVERNMENT.search(match.group(1)))]
        if named:  # `来源：市爱卫办` over `发布机构：骸州市爱国卫生运动委员会办公室`: the one that says where
            return next((name for name in named if government_of(name)), named[0])
    for index, line in enumerate(lines[:-1]):
        # the date line may follow a breadcrumb (`首页 > 信息公开 > 领导分工`)
        crumbs = _CRUMBS.search(lines[index + 1]) and index + 2 < len(lines)
        following = lines[index + 2] if crumbs else lines[index + 1]
        title = _NAME_LINE.fullmatch(line)
        if title and looks_like_org(title.group("name")) and (_PAGE_DATE_LINE.match(following) or
                                                               _NAVIGATION_LINE.match(lines[index + 1])):
            return line  # the page's title over its date line, or the site's banner over its menu
    return None


_NAME_LINE = re.compile(rf"(?P<name>[{HAN}]{{2,30}}?{ORG_END})"
                        rf"(?:[（(][{HAN}]{{2,20}}[）)])?")  # `X委员会（X国际商会）`
_PAGE_DATE_LINE = re.compile(r"[【\[]?(?:发布时间|发布日期|时间|日期|来源|信息来源|发布|浏览次数|浏览|点击|作者)[：:]|"
                             # a date with the page's furniture after it; a date alone closes a letter
                             r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s.*(?:作者|来源|浏览|阅读|访问|点击|编辑)")
_CRUMBS = re.compile(r"[>＞»]")
# `首页 | 机构概况 | 政务公开`, or the breadcrumb a web copy keeps when it drops the menu
_NAVIGATION_LINE = re.compile(rf"^首页[\s\u3000]*[|｜丨│]|^{_HERE}\s*首页\s*[>＞»]|"
                              r"^首页(?:[\s\u3000]+[\u4e00-\u9fffA-Za-z]{2,8}){3,}$")  # `首页　本馆概况　读者服务　…`
_TOWN_GOVERNMENT = re.compile(r"[乡镇]人民政府$|街道办事处$")


def abbreviates(short: str, full: str) -> bool:
    """`县人社局` and `仁寿县人力资源和社会保障局`, `药监局` and `国家食品药品监督管理局`: the short name's
    characters (its level word aside) in the full one's order, ending alike."""
    short = short.lstrip("省市县区")
    if short.endswith(("办", "委")) and full.endswith(("办公室", "委员会")):  # `区委编办`, `社建工委`
        full = full[:-2]
    elif short.endswith("协") and full.endswith("协会") or short.endswith("联") and full.endswith("联合会"):
        full = full[:-1] if full.endswith("协会") else full[:-2]  # `市科协`, `县残联`
    if len(short) < 2 or short[-1] != full[-1]:
        return False
    position = 0
    for char in short:
        position = full.find(char, position) + 1
        if not position:
            return False
    return True


def spelled_out(department: str | None, texts: list[str]) -> str | None:
    """The full name a text gives somewhere for the short one it goes by (`市外专局` and the
    `釉州市外国专家局` of its 依据, `县地名办` and `釆水县地名委员会办公室设在…`, `市菜办` signed
    `釉州市蔬菜生产办公室`); the name as it was when the text gives none."""
    if not department:
        return department
    government = government_of(department)
    for text in texts:
        for _, _, name in department_mentions(text):
            if government and government in name[1:]:
                # `今天我们请来X市轨道交通建设管理办公室的…` (but `中共X市委…` keeps its 中共)
                start = name.index(government)
                name = name[start - 2 if name[:start].endswith("中共") else start:]
            if name == "中共" + department and government and department[len(government):].startswith("委"):
                return name  # `X县委党史资料征集办公室` titled `中共X县委党史资料征集办公室`
            placed = government_of(name)
            # (`县医保局` in a text about `X县…`; `医保事务中心`, which says no level, in one about `X市…`)
            if placed and (placed == government or government is None and (
                    placed.endswith(department[0]) or department[0] not in "省市县区")) and \
                    is_short_for(department, name):
                return name
            if placed and government is None and len(department) >= 5 and name.endswith(department) and \
                    name != department:
                return name  # `X所` in full under its parent: `X市Y区市场监督管理局X市场监督管理所`
    return department


_LEFT_OUT = ("管理", "发展", "专业", "人民", "行政管理", "城市")  # `县工商局`, `市政府办公室`


def is_short_for(short: str, full: str) -> bool:
    """`区妇儿工委办` for `…区妇女儿童工作委员会办公室`, `市外专局` for `…市外国专家局`: a short name's
    characters in the full one's order, and no mere part of it (`县教育局` is not `县教育体育局`)."""
    if len(full) <= len(short) or not abbreviates(short, full):
        return False
    short, full = short.removeprefix("中共"), full.removeprefix("中共")  # `中共X县委办公室`
    core = short[len(government_of(short) or ""):].lstrip("省市县区")
    full_core = full[len(government_of(full) or ""):]
    if len(core) <= 5 and core[1:] in ("办公室", "委员会") and full_core.endswith(core[1:]):
        return False  # `县委办公室` is a body of its own, not short for `县委外事工作委员会办公室`
    if core in ("人民政府办公室", "政府办公室") and full_core.endswith("办公室") and \
            full_core not in ("人民政府办公室", "政府办公室"):
        return False  # nor is `X市人民政府办公室` short for the `X市人民政府金融工作办公室` it hosts
    if core.endswith(("办", "委")) and not core.endswith(("办公室", "委员会")) or \
            core.endswith(("协", "联")) and full_core.endswith(("协会", "联合会")) or \
            government_of(short) is None and core == full_core:  # `市水产局` placed: `髛州市水产局`
        return True
    if any(full_core.endswith(core[:cut] + left_out + core[cut:])
           for left_out in _LEFT_OUT for cut in range(len(core))):
        # `市港口局` for `X市港口管理局`, `区民营经济局` for `…民营经济发展局`, `县森林消防大队` for
        # `…专业森林消防大队`: only a word that says what kind of body it is left out
        return True
    if _only_kind_words_left_out(core, full_core):
        return True  # `县审批局` for `X县行政审批服务局`
    return len(core) >= 3 and core[:-1] not in full_core


# Words a short name may leave out, wherever they stand in the full one
_KIND_WORDS = re.compile("(?:" + "|".join(_LEFT_OUT + ("行政", "服务", "事务", "综合")) + ")+")


def _only_kind_words_left_out(core: str, full_core: str) -> bool:
    """Whether `full_core` is `core` with only words that say what kind of body it is put in (`审批局` and
    `行政审批服务局`)."""
    if len(core) < 3 or len(full_core) <= len(core):
        return False
    left, position = [], 0
    for char in core:
        found = full_core.find(char, position)
        if found < 0:
            return False
        left.append(full_core[position:found])
        position = found + 1
    left.append(full_core[position:])
    return all(not part or _KIND_WORDS.fullmatch(part) for part in left)


def department_from_text(lines: list[str]) -> str | None:
    """From a 定性 sentence: `第二条 XX局是县政府工作部门`, `设立XX，为…`."""
    patterns = (
        # the book a unit's history is (单位志): `《X市地方志编纂中心志（1985—2020）》` over its chapters
        re.compile(rf"^《([{HAN}]{{2,30}}?{ORG_END})志(?:[（(][^）)]{{0,20}}[）)])?》"),
        # `县金融服务中心全称X县金融服务中心，是…`, a chat's `…正式办公，全称是X站，请大家转告`
        re.compile(rf"(?:^|[，,。：:\s])(?:[{HAN}]{{2,20}}?)?全称(?:为|是)?"
                   rf"([{HAN}]{{2,30}}?{ORG_END})[，,。]"),
        # (`保留X县农业技术推广中心，为县农业农村局所属…`: an opinion that keeps one of the units it clears)
        # (not a plan's `组建X茶叶产业发展集团有限公司…，作为…平台`: no 三定 is a company's)
        re.compile(rf"(?:设立|设置|成立|组建|(?<!不再)保留)(?!的)([{HAN}]{{2,30}}?)(?<!公司)"
                   r"(?:[（(](?:以下)?简称[^）)]{1,20}[）)])?"
                   # (not `组建青年志愿服务队，为老年人提供…`: whom it serves)
                   r"[，,。]\s*(?:为(?![^，,。]{0,12}(?:提供|服务|开展|办理))|是|作为|主要职责|"
                   r"由[^，,。]{2,20}(?:管理|领导|主管)|隶属|属(?=[^，,。]{0,10}单位))"),
        re.compile(rf"(?:^|[，,。：:\s】]|第[一二三四五]条)([{HAN}]{{2,30}}?)(?:[（(](?:以下)?简称[^）)]{{1,20}}[）)])?"
                   # (not `秘书处是本会的日常办事机构`: a unit of the body the text is about)
                   rf"(?:设在[^，,。]{{2,20}}[，,])?(?:是|为)(?!本[会局委办部厅站所院馆]的)(?:[{HAN}]{{0,20}}?)"
                   r"(?:政府工作部门|组成部门|直属机构|工作部门|工作机关|派出机构|管理的国家局|直属事业单位|直属单位|办事机构|"
                   # `是市人民政府主管全市机械工业的职能部门`, `是县委主管全县农村工作的综合部门`
                   r"(?<=的)(?:职能|综合|综合协调)部门|直属特设机构|"
                   r"部门管理机构)"),
        re.compile(rf"(?:^|[，,。：:\s])([{HAN}]{{4,30}}?)机关行政编制"),
        # A budget form's header: `单位名称：沙河市交通运输局`.
        # (or a registration notice's bare `名称：粳州市美术馆`)
        # A 权责清单's header (before its `部门名称：`, the unit's parent): `实施主体：X区市场监督管理局
        # （X区知识产权局）`, the second name kept
        re.compile(rf"^(?:实施|责任|执法)主体[:：]\s*([{HAN}]{{2,30}}?{ORG_END}"
                   rf"(?:[（(][{HAN}]{{2,30}}?{ORG_END}[）)])?)$"),
        # a form to set a unit up: its `拟设机构名称：X市科技馆` over the `填报单位` that asks for it
        re.compile(rf"^拟(?:设立?|成立|组建)(?:机构|单位)?名称[:：]\s*([{HAN}]{{2,30}}?{ORG_END})$"),
        # (or a 信用承诺书's `承诺单位：X`)
        re.compile(r"^(?:[一二三四五六七八九十]{1,2}、)?"
                   r"(?:(?:单位|部门|机构|存款人)?名[ \u3000]*称|"
                   r"(?:承诺|申报|申请|填报|招聘|用人|招录|所属|自查|报送|承办|来文|报告|培训|所在|编制)?单位|"
                   r"招录机关|答辩人|申报集体|"
                   r"(?:资源)?提供(?:部门|单位))"
                   r"(?:[（(]全称[）)])?(?:[:：|｜]|\s)\s*"
                   rf"((?:[{HAN}]|{HOTLINE}){{2,30}}?{ORG_END})(?:[（(][^）)]{{1,20}}[）)])?。?"
                   rf"{NEXT_FIELD}$"),
        # a report's byline: `X市法律援助中心主任　鼩建华`
        re.compile(rf"^([{HAN}]{{4,30}}?{ORG_END})(?:党组书记|书记|主任|局长|站长|院长|所长|馆长|"
                   rf"队长|处长|科长|校长|主席|会长|理事长|社长|秘书长)[\s\u3000]+[{HAN}]{{2,3}}$"),
        re.compile(rf"(?:^|[，,。：:\s])[{HAN}]{{2,20}}?是([{HAN}]{{2,20}}?(?:部|委员会|总局|厅))"
                   r"[^。]{0,60}?的(?:职能部门|职能司局|内设机构|办事机构)"),
        # A profile's opening: `汾阳市环境保护局成立于1989年`, `XX局是根据…组建的`, `XX局的主要职责是：`.
        # (after a full stop too: a PDF joins a sentence that ended at the margin with the next line)
        # (or a form's `单位介绍：`, `单位简介：` field, a script's `【旁白】`)
        # (`X中心由市应急管理局管理，属公益一类事业单位`)
        re.compile(r"(?:^|(?<=[^条\s]\s)|(?<=[。！】])|(?<=介绍[：:])|(?<=简介[：:])|(?<=概况[：:]))(?:第[一二三]条)?\s*(?!现将)"
                   rf"([{HAN}][{HAN}0-9]{{1,29}}?{ORG_END})"
                   r"(?:[（(][^）)]{1,20}[）)])?"
                   r"(?:成立于|始建于|组建于|创建于|创办于|建于|于\d{4}年(?:\d{1,2}月)?(?:组建|成立|设立|建成|创办|挂牌)|是根据|是|"
                   # (not a charter's `县级文艺家协会为本会团体会员`: a member of the body it is about)
                   r"定性为|为(?!本[会局委办部厅站所院馆])|隶属(?!关系)于?|由(?=[^，,。]{2,20}(?:管理|领导|主管)[，,]属)|"
                   r"的主要职责|主要职责|主要(?:承担|履行)(?:以下|下列|如下)职[责能]|"
                   # a table's title: `X县体育局股室职责（2024年）`, `X局内设股室及职责`
                   r"(?:内设)?(?:股室|科室|处室|机构)(?:及|和)?(?:主要)?职责)"),
        # the 依据 of a unit's own text: `根据《…关于设立X中心的批复》，本部门为…`
        # (`关于X公证处机构编制方案的批复`)
        re.compile(rf"根据《[^》]{{0,40}}?关于(?:设立|成立|组建)?([{HAN}]{{2,30}}?{ORG_END})"
                   r"(?:机构编制方案|(?:主要职责|职能配置)[^》]{0,20}?)?的(?:批复|通知|决定)》"
                   r"[^。]{0,6}?本(?:部门|单位)"),
        # or among its 依据 the notice that set it up, over the rules the text is (`…关于设置X局的通知》…制定本规定`)
        re.compile(rf"(?:根据|依据)[^。]{{0,60}}?《[^《》]{{0,40}}?关于(?:设立|设置|成立|组建)"
                   rf"([{HAN}]{{2,30}}?{ORG_END})的(?:批复|通知|决定)》"
                   r"(?:[（(][^）)]{0,24}[）)])?[，,]?\s*制定本(?:规定|方案)"),
        # the title of the 编委's notice that set the unit up, over the unit's scheme
        re.compile(rf"^(?:[{HAN}]{{2,20}}?机构编制委员会(?:办公室)?)?关于(?:设立|成立|组建)"
                   rf"([{HAN}]{{2,30}}?{ORG_END})的(?:通知|批复|决定)$"),
        # an entry of an organisation history (组织史资料): `第五节　X市艺术剧院` over its 沿革 and 职责
        re.compile(rf"^第[一二三四五六七八九十]{{1,3}}节[\s\u3000]*([{HAN}]{{4,30}}?{ORG_END})$"),
        # `县人社局贯彻落实…。主要职责是：` (a regulation's `第五条 XX局负责…` is no profile)
        re.compile(rf"(?:^|(?<=[^条\s]\s))([{HAN}]{{2,30}}?{ORG_END})(?:贯彻落实|贯彻执行|负责).{{0,400}}?主要职责"),
        # a hearing notice's applicant: `二、申请人基本情况：X市水库管理处，市水利局所属事业单位，主要职责为：`
        re.compile(rf"^(?:[一二三四五六七八九十]{{1,2}}、)?申请人(?:基本情况|情况|名称)?[：:]\s*"
                   rf"([{HAN}]{{2,30}}?{ORG_END})[，,][^。]{{0,40}}?主要职[责能]"),
        # a speech's byline under its headline: `——X县蚕种场在全市蚕桑工作会议上的交流发言`
        re.compile(rf"^[—－-]{{1,2}}\s*([{HAN}]{{2,30}}?{ORG_END})(?:[{HAN}]{{0,6}}?"
                   r"(?:书记|主任|局长|站长|院长|所长|馆长|场长|队长|校长))?在[^，,。]{2,40}?上的(?:交流|典型|经验)?"
                   r"(?:发言|讲话|汇报|交流材料)$"),
        # the unit's own plan for a year: `X县林业局二〇一〇年野生鸟类保护工作要点`
        re.compile(rf"^([{HAN}]{{2,30}}?{ORG_END})(?:(?:19|20)\d{{2}}|[〇○一二三四五六七八九零]{{4}})年度?"
                   r"[\u4e00-\u9fff]{0,16}?(?:工作要点|工作计划|工作总结|工作安排)$"),
        # the unit's own record: `X县城市管理行政执法局事件处置记录`
        re.compile(rf"^([{HAN}]{{4,30}}?{ORG_END})(?:事件处置|工作|值班|巡查|执法|检查)(?:记录|日志|台账)$"),
        # a recruitment notice's title: `X省地质环境监测总站2024年公开遴选工作人员公告`
        re.compile(rf"^([{HAN}]{{2,30}}?{ORG_END})(?:19|20)\d{{2}}年度?(?:上半年|下半年)?"
                   r"(?:公开)?(?:遴选|招聘|选调|选聘|考试录用|引进)[\u4e00-\u9fff]{0,12}(?:公告|简章|通知)$"),
        # a notice that appends a unit's duties: `现将市公共资源交易中心主要职责附后`
        re.compile(rf"现将([{HAN}]{{2,30}}?{ORG_END})的?主要职[责能](?:附后|附后如下|列后)"),
        # a verified account's line: `认证信息：X市科技馆官方微博`
        re.compile(rf"^认证(?:信息)?[：:]\s*([{HAN}]{{2,30}}?{ORG_END})"
                   r"(?:官方微博|官方账号|官方抖音号|官方公众号|官方视频号)?$"),
        # a charter's name clause: `第一条 本会名称为X县收藏家协会。`
        re.compile(rf"本(?:会|协会|社|中心|院|基金会)(?:的)?(?:中文)?名称(?:为|是|[：:])\s*"
                   rf"([{HAN}]{{4,30}}?{ORG_END})[，,。（(]"),
        # a visit in a video or a feature: `今天我们来到的是X县道路运输管理所`, `视频标题：一分钟了解X市路灯管理所`
        re.compile(rf"^(?:今天|本期|这期)?[，,]?(?:我们|小编|记者)?(?:来到|走进|走访)(?:了|的是)?"
                   rf"([{HAN}]{{2,30}}?{ORG_END})[。！!]?$"),
        re.compile(rf"^(?:视频|节目|本期)?标题[：:].{{0,12}}?(?:了解|走进|认识|探访|走近)"
                   rf"([{HAN}]{{2,30}}?{ORG_END})[。！!]?$"),
        # a notice of the unit's new seal: `关于启用X新印章的公告`
        re.compile(rf"^关于启用([{HAN}]{{2,30}}?{ORG_END})(?:新)?印章的(?:公告|通知|函)$"),
        # an answer's `答：您好！根据机构改革方案，市退役军人事务局的主要职责是：`
        re.compile(rf"[，,：:！!]([{HAN}]{{2,30}}?{ORG_END})的主要职[责能](?:是|为|有|如下)[：:]$"),
        # a ceremony's `…为X县综合检验检测中心揭牌`, an event's agenda `X县文化馆“我们的节日”开放活动议程`
        re.compile(rf"为([{HAN}]{{4,30}}?{ORG_END})揭牌"),
        re.compile(rf"^([{HAN}]{{2,30}}?{ORG_END})[“\"][^”\"]{{1,20}}[”\"]"
                   r"(?:开放)?活动(?:议程|方案|安排)$"),
        # a broadcast's `今天给大家介绍一下X县Y乡农业综合服务站。`
        re.compile(rf"(?:给大家|向大家|为大家)介绍一下([{HAN}]{{2,30}}?{ORG_END})[。，,！!]"),
        # a profile that opens a line with a venue named by its level alone: `市档案馆是市委办公室管理的…`
        re.compile(r"^([省市县区](?:图书|博物|文化|档案|纪念|科技|美术|展览|艺术|体育)馆)(?:是|为)"),
        # a meeting's decision: `会议明确市路灯所主要职责如下：`
        re.compile(rf"(?:明确|确定)([{HAN}]{{2,30}}?{ORG_END})的?主要职[责能](?:如下|为|是)"),
        # the first point of a 编委's 批复: `一、县公路段为你局所属全额拨款事业单位`
        re.compile(rf"^[一二三四五六七八九十]、([{HAN}]{{2,30}}?{ORG_END})(?:为|是)(?:你|我|贵|本)"
                   r"(?:局|委|办|厅|部门|单位)(?:所属|直属|管理的)[^，,。]{0,12}?(?:事业单位|机构|单位)"),
    )
    if any(re.fullmatch(r"贺[\s\u3000]*[信电]", line.strip()) for line in lines[:3]):
        # a letter of congratulation describes the body it is addressed to (`X市大数据发展中心：`)
        addressee = next((match.group(1) for line in lines[:6]
                          if (match := _ADDRESSEE_LINE.fullmatch(line.strip()))), None)
        if addressee and looks_like_org(addressee):
            return addressee
    for line in lines:  # `X镇人民政府是县以下的一级地方国家政权机关`: a township's own rules
        match = _TOWNSHIP_STATUS.search(line)
        if match:
            return _ARTICLE_PREFIX.sub("", match.group(1))  # (`第二条X区Y街道办事处是…`, no space after 第二条)
    side = next((match.group(1) for line in lines if (match := _PARTY_DESCRIBED.match(line))), None)
    if side:
        # a contract that describes one party (`甲方为市退役军人事务局所属…，主要职能如下：`, a 目标责任书's
        # `一、乙方基本职责`): that party's line names it
        party = next((match.group(1) for line in lines if (match := _PARTY.match(line)) and
                      line.lstrip(" \u3000").startswith(side)), None)
        if party and looks_like_org(party):
            return party
    for pattern in patterns:
        for previous, line in zip([""] + lines, lines):
            match = pattern.search(line)
            name = _ARTICLE_PREFIX.sub("", match.group(1)) if match else ""
            if match and looks_like_org(re.sub(r"[（(].*$", "", name)):  # a second name in brackets kept
                return with_broken_start(name, match.start(1), previous)
    return _bulletin_editor(lines) or _named_atop(lines)


# A booklet's cover under its unit (`X县供销合作社` / `联合社` / `岗 位 职 责 汇 编`), or the short name a
# picture page gives under the unit's (`X市营商环境建设局` / `（市营商局）`).
_BOOKLET_TITLE = re.compile(r"[\u4e00-\u9fff]{0,8}(?:汇编|手册|指南|读本|须知|画册|周报|月报|简报)")
_SHORT_FORM_LINE = re.compile(rf"[（(]([{HAN}]{{2,12}})[)）]")


def _named_atop(lines: list[str]) -> str | None:
    head = [re.sub(r"[\s\u3000]", "", line) for line in lines[:12]]
    for index in range(len(head) - 1):
        joined = [] if government_of(head[index + 1]) else [(head[index] + head[index + 1], index + 2)]
        for name, after in joined + [(head[index], index + 1)]:
            below = head[after] if after < len(head) else ""
            short = _SHORT_FORM_LINE.fullmatch(below)
            if NAME_ONLY_LINE.fullmatch(name) and looks_like_org(name) and government_of(name) and \
                    (_BOOKLET_TITLE.fullmatch(below) or short and abbreviates(short.group(1), name) or
                     re.match(r"关于本(?:办|局|委|站|所|中心|院|馆|队|会|社)", below)):  # `关于本办职责任务…的报告`
                return name
    return None


# A bulletin's masthead: `农业综合开发工作简报` / `第3期` / `X县农业综合开发办公室编　　2018年5月21日`.
_BULLETIN = re.compile(r"简报|通讯|动态|快报|第[0-9一二三四五六七八九十]{1,4}期")
_EDITOR_LINE = re.compile(rf"^([{HAN}]{{4,30}}?{ORG_END})(?:编|编印|主办)"
                          r"(?:[\s\u3000]+(?:(?:19|20)\d{2}|[〇○一二三四五六七八九零]{4})年[\d一二三四五六七八九十]{1,2}月"
                          r"(?:[\d一二三四五六七八九十]{1,3}日)?)?$")


NAME_ONLY_LINE = re.compile(rf"([{HAN}]{{2,30}}?{ORG_END})")  # a line that is only a body's name (fullmatch)


def _bulletin_editor(lines: list[str]) -> str | None:
    if not any(_BULLETIN.search(line) for line in lines[:3]):
        return None  # a plan's `X联席会议办公室编` is who compiled it, no unit it describes
    editor = next((match.group(1) for line in lines[:5] if (match := _EDITOR_LINE.match(line))), None)
    return editor if editor and looks_like_org(editor) else None


def with_broken_start(name: str, start: int, previous: str) -> str:
    """`髻溪县住房和城乡` / `规划建设局（以下简称县住建局）是…`: a name a hard line break cut, whole again when
    the line before ends in the place that opens it."""
    cut_start = start == 0 and not government_of(name) and name[0] not in "省市县区" and not name.startswith("中共")
    if cut_start and previous.endswith(name):
        # no cut: a heading that names the unit in full over the paragraph that profiles it
        # (`一、认识X县Y镇便民服务中心` / `Y镇便民服务中心是…`)
        named = [m[2] for m in department_mentions(previous) if m[1] == len(previous) and m[2].endswith(name)]
        return named[-1] if named and government_of(named[-1]) else name
    tail = re.search(rf"[{HAN}]{{2,20}}$", previous) if cut_start else None
    ending = tail.group(0) if tail else ""
    for cut in range(len(ending) - 1):
        opening = ending[cut:]
        place = government_of(opening + name) or ""
        # the place whole inside the line before, and little after it there (`住房和城乡`, no title words)
        if 2 <= len(place) <= 8 and opening.startswith(place) and len(opening) - len(place) <= 8 and \
                not _TITLE_WORDS.search(opening):
            return opening + name
    return name


_PARTY = re.compile(rf"^[\s\u3000]*[甲乙]方(?:[（(][^）)]{{0,10}}[）)])?[：:]\s*"
                    rf"([{HAN}]{{2,30}}?{ORG_END})(?:[（(](?:以下)?简称[^）)]{{1,20}}[）)])?\s*$")
_PARTY_DESCRIBED = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,2}、)?([甲乙]方)"
                              r"(?:(?=为|是)|的?(?:基本|主要|[\u4e00-\u9fff]{2,6}?)?职[责能])")  # (`乙方消防安全职责`)
# (or a township's portal page that opens its 机构概况 with where it lies: `X县Y乡人民政府位于县城东北26公里，辖…`)
_TOWNSHIP_STATUS = re.compile(rf"(?:^|[，,。：:\s])([{HAN}]{{2,20}}?(?:[镇乡]人民政府|街道办事处))"
                              r"(?:(?:是|为)[^。]{0,20}?(?:一级地方国家政权机关|一级政权|派出机关)|"
                              r"(?=位于[^。]{0,30}?[，,]\s*(?:辖|下辖|管辖)))")


def looks_like_org(name: str) -> bool:
    name = re.sub(r"^(根据|经|按照|依据).*?[，,]", "", name)
    # a scanned list mark (`县教 育局丶县农业局为成员单位`) is inside no name
    # `全市打击治理工作以市公安局为牵头部门`, `市政府确定X为主管部门`: a lead of work is no status line
    # (`走进我们丨中心是做什么的？`: a post's title parts are cut by 丨, no character of a name)
    return name.endswith(_ORG_SUFFIX) and "丶" not in name and "丨" not in name and "关于" not in name and \
        not _NAMED_AS_LEAD.search(name) and \
        not name.startswith(("本", "该", "其", "经", "根据", "组建", "设立", "成立")) and \
        not _SELF_AT_END.search(name) and not _YEAR_IN_NAME.search(name)


# `X县一九八九年县委文件汇编`: a collection's masthead, no body
_YEAR_IN_NAME = re.compile(r"(?:19|20)\d{2}年|[〇○零一二三四五六七八九]{4}年")
_SELF_AT_END = re.compile(r"[的我本该](?:站|局|所|中心|办|委|院|馆|队|厅)$")  # `…县委编办核定的本站`, no body

_NAMED_AS_LEAD = re.compile(r"以(?=[省市县区乡镇旗])|确定|指定|明确")


# A visit's or a talk's verbs before the body it is about (`一、认识县林技站`, `介绍市交通执法支队的…`,
# `欢迎大家来到X市特殊教育学校`, `隆重举行X学校开学典礼`, `——授予X急救中心`, `整改情况反馈疾控中心`): they stop a
# name, open one and open no place.
_MEETING_VERBS = "认识|了解|走进|走近|来到|去找|介绍|举行|举办|授予|反馈"
# Verbs that move a duty or a matter to a body (`关于调整区审计局职责…`, `…职责划入区审计局`, `请向县农业农村局申请`):
# they open no name and no place.
_MOVING_VERBS = "调整|划入|划出|请向"
# A time that opens a clause before its subject: `去年县爱卫办组织了…`
_YEAR_WORDS = r"去年|今年|前年|明年|当年|同年|近年|此前|目前|现在|当时|过去|年内|年底|年初"
# Words a clause opens with before the name it is about (`关于X市Y局`, `设置X县Y局`, `（以下简称X县Y办）`).
_CLAUSE_OPENING = re.compile(r"^(?:中共|第[一二三四五六七八九十]{1,3}条|根据|依照|依据|按照|关于|同意|批准|印发|拟任|"
                             r"组建|设立|设置|成立|整合|不再保留|保留|撤销|以下简称|简称|负责|完成|明确|"
                             r"将|由|与|和|对|在|经|一并|移交|移送|划转|划归|交由|交给|并入|纳入|归口|进驻|"
                             rf"{_MOVING_VERBS}|{_MEETING_VERBS}|{_YEAR_WORDS})+")
# The same before a place guessed from the text, only the words of two characters or more: a place may
# begin with 和, 将 or 由 (`和平县`).
_PLACE_OPENING = re.compile(r"^(?:中共|根据|依照|依据|按照|关于|同意|批准|印发|拟任|组建|设立|成立|整合|"
                            rf"不再保留|保留|撤销|划转|划归|{_MOVING_VERBS}|"
                            r"以下简称|简称|负责|承办|完成|明确|"
                            r"承担|指导|组织|协调|统筹|督促|配合|协助|参与|落实|执行|贯彻|做好|开展|推进|"
                            r"编制|制定|拟订|拟定|起草|审核|监督|并|管理|运行|维护|实施|办理|受理|查处|提供|保障|"
                            rf"{_MEETING_VERBS}|{_YEAR_WORDS})+")  # (`组织编制区…`, `③管理县政务…`)
_CITY_WORDS = re.compile(r"[省市县区]城[市区]")
# `拟订全县`, `第二条县`, `其调整由区` are no places
# (`原市X局` is the former office; `太原市`, `斡原市` are places)
_NOT_IN_PLACE = re.compile(r"^原|^关于|[的和与及或将在为是全本各该订定第条挂办完规由其对按属报据受称我了请你们]|"
                           r"职[能责]|并入|划入|划归")  # (`将X的职能并入市农业局`)


def is_plain_place(place: str) -> bool:
    """Whether `place` could be a place's name, not a clause (`负责制定全市`, `拟订全县`)."""
    return 2 <= len(place) <= 12 and not _NOT_IN_PLACE.search(place) and \
        not _VERB_BEFORE_LEVEL.search(place[:-1] if place[-1] in "省市县区旗州" else place)  # (`抽检结果送县`)


_NOT_A_LEVEL = re.compile(r"^(?:市政(?!府)|市场|市容|区域|县域)")  # (`市政府督查室` opens with its level)
_ADDRESSEE_LINE = re.compile(rf"([{HAN}]{{4,30}}?{ORG_END})[：:]")


def qualify_department(department: str | None, keys: list[str]) -> str | None:
    """`省文化和旅游厅` in a text about 甘肃省 → `甘肃省文化和旅游厅`; `镇社会事务服务中心` whose 依据 names
    `X县Y镇社会事务服务中心` → that."""
    if department and department[0] in "镇乡" and not government_of(department):
        return _township_unit_in_full(department, keys)
    if not department or department[0] not in "省市县区" or government_of(department):
        return department
    if _NOT_A_LEVEL.match(department):  # `市政设施管理所` named `X市市政设施管理所`: 市政 is no level
        return next((match.group(1) + department for key in keys for match in re.finditer(
            rf"(?<![{HAN}])([{HAN}]{{1,6}}?[市县区])" + re.escape(department),
            key)
            if government_of(match.group(1) + department) == match.group(1)), department)
    level = department[0]
    for key in keys:  # the text's own full name (`矟江市地震局`) before any other place of that level it names
        for start, place in _places_before(key, department):
            if re.search(r"\d\s*$", key[:start]):
                # `于 10 月对髓水县…`, `须在24小时内报告县…`: a date's or a time's unit opens no place
                place = re.sub(r"^(?:个?工作日|小时|分钟|[年月日号天周])内?", "", place)
            place = _CLAUSE_OPENING.sub("", place)
            plausible = 2 <= len(place) <= 5 or place.endswith("自治") and len(place) <= 8
            if plausible and not _NOT_IN_PLACE.search(place) and not _VERB_BEFORE_LEVEL.search(place) and \
                    government_of(place + department) == place + level:  # (`抽检结果送县X局` names no place)
                return place + department
    for key in keys:
        # the place opens a phrase (`盦溪县…`, `中共盦溪县委`), never a clause (`完成县委…`, `统筹安排县级…`)
        for match in re.finditer(rf"(?:(?<![{HAN}])|(?<=中共))([{HAN}]{{2,5}}?|"
                                 rf"[{HAN}]{{2,6}}?自治)" + level + "(?![级域城内外里民场直])", key):
            place = _PLACE_OPENING.sub("", match.group(0))  # `中共沙河县委办公室`, `不再保留市安全生产监督管理局`
            if len(place) >= 3 and place not in _NOT_PLACES and not place.endswith(_NOT_PLACE_ENDS) and \
                    not _NOT_IN_PLACE.search(place) and not _VERB_BEFORE_LEVEL.search(place[:-1]) and \
                    place[-2] not in "强兴名大富美" and not _CITY_WORDS.fullmatch(place) and \
                    not place.endswith("市城市"):
                # `质量强县`, `文化名市` are slogans; the `市城市` of `市城市管理委员会` no place
                return place + department[1:]
    return department


def _places_before(key: str, department: str) -> list[tuple[int, str]]:
    """What may be a place before each `department` in `key`: 2 to 10 characters opening a phrase (after no
    character, or after `中共`, a verb that names it, `关于同意设立矟江市城市管理局的批复`, or `的`, `那时的X县粮食局`),
    the shortest first."""
    found = []
    for occurrence in re.finditer(re.escape(department), key):
        end = occurrence.start()
        for start in range(end - 2, max(-1, end - 11), -1):
            if not _HAN.match(key[start]):
                break
            if not start or not _HAN.match(key[start - 1]) or key.endswith(_PLACE_AFTER, 0, start):
                found.append((start, key[start:end]))
    return found


_HAN = re.compile(rf"[{HAN}]")
_PLACE_AFTER = ("中共", "设立", "设置", "组建", "成立", "的", "关于")


def _township_unit_in_full(department: str, keys: list[str]) -> str:
    for key in keys:
        for match in re.finditer(rf"(?:(?<![{HAN}])|(?<=设立|设置|关于|根据|依据|成立|组建))"
                                 rf"([{HAN}]{{2,8}}?[县市区旗])[{HAN}]{{1,4}}?"
                                 + re.escape(department), key):
            place = _PLACE_OPENING.sub("", match.group(1))
            name = place + match.group(0)[len(match.group(1)):]
            if is_plain_place(place) and government_of(name) == place:
                return name
    return department


# A central body's branch in a place (vertical management): `国家税务总局X县税务局`, `中国人民银行X市中心支行`.
_VERTICAL_BRANCH = re.compile(r"^(?:国家税务总局|中国人民银行|国家统计局|中国气象局|国家金融监督管理总局)"
                              rf"(?=[{HAN}]{{1,8}}?[省市县区旗州](?!级))")
_ZONE = re.compile(r"开发区|高新区|高新技术产业|园区|新区|试验区|示范区|合作区")


_PARTY_OR_FRONT_PREFIX = re.compile(r"^(?:中共|中国共产党|共青团|中国共产主义青年团|政协|中国人民政治协商会议)(?=.{4})")


_NATIONAL_BODY_BRANCH = re.compile(r"^(?:中国|中华全国)[\u4e00-\u9fff]{2,16}?(?:委员会|总会|联合会|协会)"
                                   r"(?=[\u4e00-\u9fff]{1,8}?[省市县区州])")


def government_of(department: str | None) -> str | None:
    """`长沙县市场监督管理局` → `长沙县`; central ministries → `国务院`."""
    if not department:
        return None
    # `中共XX县委宣传部`, `共青团XX县委员会`, `政协XX县委员会办公室` are of XX县
    department = _PARTY_OR_FRONT_PREFIX.sub("", department)
    vertical = _VERTICAL_BRANCH.match(department)
    if vertical:  # `国家税务总局X县税务局` works in X县 and is grouped with it
        return government_of(department[vertical.end():])
    if re.match(r"[省市县区旗州盟]委", department):  # `县委宣传部`: a party body, its place unsaid
        return None
    branch = _NATIONAL_BODY_BRANCH.match(department)
    if branch and government_of(department[branch.end():]) not in (None, "国务院"):
        return government_of(department[branch.end():])  # `中国国际贸易促进委员会X市委员会` is of X市
    if department.startswith(_CENTRAL_PREFIXES):
        return "国务院"
    rest = department
    places: list[str] = []
    while True:
        match = _PLACE_TOKEN.match(rest)
        if not match or match.group(0) in _NOT_PLACES or match.group(0).endswith(_NOT_PLACE_ENDS) or \
                match.group(0).startswith(NOT_PLACE_STARTS) or \
                re.match(_YEAR_WORDS, match.group(0)) or \
                match.end() >= len(rest) or \
                rest.startswith("人民政府") or re.match(r"[省市县区]驻", rest) or \
                len(match.group(0)) == 2 and match.group(0)[0] in "省市县区" or \
                _CITY_WORDS.fullmatch(match.group(0)):
            # `县市场监督管理局` is of no `县市`, `市城市管理局` of no `市城市`
            break
        token = match.group(0)
        if token.endswith("州") and len(token) < len(rest) - 1 and rest[len(token)] in "市县区":
            token = rest[: len(token) + 1]
        if places and token.endswith("市") and not places[-1].endswith(("省", "自治区")) or \
                token.endswith("市") and rest[len(token):].startswith("场") or \
                token.endswith("区") and rest[len(token):].startswith(("划", "域")):
            break  # (`X园市场监督管理所` is of no `X园市`, `X县农业区划办公室` of no `X县农业区`)
        if _ZONE.search(token) and re.fullmatch(r"管理委员会|管委会", rest[len(token):]):
            break  # `X州经济技术开发区管理委员会`: the zone's own committee, of the government that set it up
        places.append(token)
        rest = rest[len(token):]
    if places:
        return "".join(places)
    if _ZONE.search(department):
        return None  # `X经济技术开发区管理委员会`: a local zone's committee, of the government that set it up
    # A bare `X委员会` is a local body's (人大常委会社会建设工作委员会); the central ones say 国家.
    # A bare `自然资源局` (a title that left its place out) is some local bureau: a central one says 国家.
    if department.startswith(("乡", "镇", "街道")):
        return None  # `乡武装部`: a township's, its place unsaid
    if department.endswith(("部", "总局", "署", "办公厅", "国家局")) or \
            not department.endswith("局") and department.startswith(
            ("海关", "审计", "外交", "教育部", "科学技术", "工业和信息化", "公安部", "民政部", "司法部",
             "财政部", "人力资源", "自然资源", "生态环境", "住房和城乡", "交通运输部", "水利部", "农业",
             "商务部", "文化", "卫生", "退役军人", "应急管理部", "审计署")):
        return "国务院"
    return None


def find_departments(text: str, exclude: str | None = None) -> list[str]:
    """Department names mentioned in a 职责分工 statement, in order, without repeats."""
    found: list[str] = []
    for match in DEPARTMENT_IN_TEXT.finditer(text):
        name = match.group(0)
        for lead in ("与", "和", "同", "由", "会同", "配合", "协助", "及", "将", "对"):
            if name.startswith(lead) and len(name) > len(lead) + 1:
                name = name[len(lead):]
        if name.startswith(("本", "该", "有关", "相关", "各", "其他", "上述", "两", "双")) or len(name) < 2:
            continue
        if exclude and (name == exclude or exclude.endswith(name)):
            continue
        if name not in found:
            found.append(name)
    return found


# ---------------------------------------------------------------------------
# Department names in running text, normalised for comparison (used by relations.py).

# Variant characters that OpenCC t2s leaves alone but that the texts use for simplified ones.
_VARIANTS = str.maketrans({"衞": "卫", "粧": "妆", "箇": "个", "彙": "汇"})

_CJK = HAN
# Words never found inside a department name: they end a name or show a clause.
_NAME_STOP = (
    r"的|负责|承担|会同|配合|协助|划入|划给|划归|划转|并入|移交|交给|交由|建立|组织|拟订|拟定|制定|"
    r"联合(?![会社体执调])|隶属|下设|纳入|调整(?=到|至|为|给)|同(?=[省市县区乡镇旗])|接到|收到|"
    r"实施|落实|推进|指导(?!委员会|站|中心)|参与|牵头|协同(?!发展|创新)|主管(?!部门)|等|各|有关|相关|及|与(?!渔业|计划生育|房屋|城乡|水务|旅游|信息化)|是|为|在|对(?!外|台(?!风))|由|将|按照|依照|依法|"
    r"分别|统筹|应当|完成|作为|承办|向(?!阳)|把|关于|即|并|或|其|以下|简称|统称|所称|下列|其他|设立|组建|不含|含|召集|"
    # (`恢复中共X县委农村工作部`, `主任传达X县农业农村局的文件`; not `县灾后恢复重建办公室`, `市委传达室`)
    r"恢复(?=中共|[\u4e00-\u9fff]{0,4}?[省市县区旗])|传达(?=[\u4e00-\u9fff]{0,4}?[省市县区旗])|"
    rf"代管|改由|共同|印发|批准|{_MEETING_VERBS}|位于|去过|你|们|我|"
    r"分管|列入|联系(?!人)|拟任|某|第[一二三四五六七八九十\d]{1,3}(?:周|季度|批|轮)|到(?=[^，,。]{2,30}?挂职)|进驻|加强|开展|查处|从|至|成员单位|召集单位|责任单位|会签|挂靠|提请|所属|直属|下属|不得|代行|目录|范围|体制|机制|措施|经(?=[省市县区乡镇国中])|推送|商(?=[省市县区乡镇旗])|交(?=[省市县区乡镇旗])|请|找(?=[省市县区乡镇旗])|抄告|告知|转交|转送|转办|征求|实行|以|会商|受|监督检查|依据|征询|函告|职责|职能|了|通知|审批(?!局|服务局|服务管理局|管理局)|明确|确定|要求|同意|根据|接受|通报|报送|督促|包括|设在|保留|撤销|移送|抄送|(?<![情预日晚公画学周])报(?!社)|整合|承接|协调|支持|委托|加挂|挂(?=[省市县区乡镇旗中])|实现|成立|新建|政府[和及与]|共享给|归口|归(?=[省市县区乡镇旗])|丶")
_GENERIC_SUFFIX = (r"行政主管部门|行业主管部门|行政管理部门|主管部门|管理部门|执法部门|行政部门|部门|(?<=消防)救援机构|"
                   r"机关(?!事务|党委|工委|交通管理|后勤|服务中心)|执法机构|监督机构|管理机构|主管机构|(?<=信访)工作机构|(?<=疫病)预防控制机构")
# An enterprise is a party only when its trade says it serves the public (`国网县供电公司`), never `公司`.
_ENTERPRISE_NAME = (r"(?:(?:供电|电力|燃气|天然气|能源|热力|供热|电信|移动|联通|铁塔|广电网络|邮政|烟草|"
                    r"水务|供水|自来水|"
                    r"公交|公共交通|公共汽车|客运|城投|交投|投资|发展|储备粮|粮油|粮食|粮食购销|粮油购销|粮油收储|粮油贸易|港务|机场|数据|旅游|移动通信|"
                    r"电影|供销|轻工供销|二轻供销|"
                    r"建设|文旅|农投|铁路|石油|石化|盐业|烟草|医药|出版|新华书店|"
                    # the state companies that held a trade's administration before the reforms
                    r"外贸|种子|木材|棉麻|汽车运输|电影发行放映|纺织工业|物资|土产|农资|二轻工业|轻工业|外贸储运|储运|再生资源(?:回收)?|(?:废旧)?物资回收|"
                    r"工艺品进出口|进出口|食品|副食品|糖业烟酒|蔬菜|果品|水产|饮食服务|百货|五金交电|煤炭|茶叶|调味品|酿造|"
                    r"陶瓷|日用陶瓷|陶瓷工业|纺织品|纺织供销|丝绸|皮革|工艺美术|"
                    r"建筑|建筑工程|市政工程|市政|兽药|农机|农业机械|农药|化肥|药材|建材|运输|汽车修理)"
                    r"(?:集团)?(?:股份)?(?:有限)?(?:责任)?(?:分)?公司|"
                    rf"(?<=[{HAN}]{{4}})(?:集团)?(?:股份)?有限(?:责任)?公司|(?<=[{HAN}]{{4}})总公司|"
                    r"(?<=[省市县区])新华书店|"  # (`县新华书店`, which sends the schools their books)
                    # `中国移动X分公司`
                    rf"(?<=中国)(?:移动|联通|电信|广电|铁塔|邮政|银联|人寿|人保|石化|石油)[{HAN}]{{2,6}}?分公司)")
_SPECIFIC_SUFFIX = (r"委员会办公室|委员会|管委会|总工会|总局|管理局|监督局|办公厅|办公室|办事处|局|参事室|"
                    # (`红旗人民公社向阳生产大队`, before 1984; not the commune of `X人民公社卫生所`)
                    r"人民公社[\u4e00-\u9fff]{2,4}?生产大队|"
                    r"人民公社(?!卫生|管委会|管理委员会|革命委员会|革委会|农机|供销|信用|广播|兽医|农技|文化|中学|小学)|"
                    r"(?<=建筑|勘察|规划)设计(?:室|院)|"  # (`县建筑设计室`)
                    r"(?<!录像|歌舞|营业|娱乐|会议|展示|办事)(?<![餐大展])厅|"
                    r"委(?![托派员])|(?<!合)署|"
                    # a hotline by its number or service (`X县12345热线`, `X县政务服务便民热线`), not its phone
                    rf"(?:(?<={HOTLINE})|(?<=便民|服务|政务))热线(?![中电号平话管办服])|"
                    r"海关|(?<=气象)台站?|中心(?:小学|学校)|中心(?!城|区域|镇|任务|工作|环节|血站|支行|小学|学校|卫生院)|供销社|供销合作社联合社|供销合作社(?!联合社)|分局|集团|档案馆|"
                    r"(?:残|妇|侨|文)联(?!合)|科协|工商联(?!合)|红十字会|联合会|协会|信用合作联社|(?:二轻工业|二轻|手工业)(?:合作)?联社|农村商业银行|农业发展银行|(?<=[县市区])(?:农业|工商|建设)银行|(?:加工|自来水|污水处理|无害化处理|垃圾处理|碾米|面粉|饲料|酿酒|酒|糖|茶|印刷|化肥|农机修造|农机|造纸|水泥|砖瓦|棉花加工|缫丝|丝|木材加工)厂|"
                    r"(?:(?<=[县市][\u4e00-\u9fff]{2})|(?<=[县市][\u4e00-\u9fff]{3}))厂|"
                    rf"{_MINE}|军分区|警备区|人民武装部|(?:慈善|红十字|体育)总会|仲裁院|"
                    r"(?:职业技术|技工|职业|技师|党|体育|体育运动|卫生|农业|特殊教育|艺术|进修)学校|(?<=第[一二三四五六七八九十])[中小]学|(?:业余)?体校|教学研究室|教研室|(?<=国有)苗圃|(?<=国营)苗圃|老年大学|体育场(?![地所馆])|(?:海事|管理|监察|稽查|征收|养护|客运管理|公证|工程|婚姻登记|环卫|环境卫生|园林|市政)处|"
                    r"(?:人民)?(?:检察院|法院)|(?:研究|设计|科学|规划|医学|党校|行政学|人民医|中医医?|妇幼保健|卫生|光荣|福利|敬老|养老)院|林场|(?:种畜|良种|原种|繁育|保种|国营农|国有农|茶|牧|渔)场(?![主地所内外区])|"
                    r"(?:图书|博物|文化|档案|纪念|科技|美术|展览|体育|艺术)馆|(?:剧|曲艺|歌舞|杂技|艺术|文工|演艺|乐)团|(?:艺术|歌舞|戏曲|大)?剧院|(?:粮食)?储备库|粮库|(?:广播)?电视台|广播电台|(?<=[日晚])报社|(?<=烈士)陵园|(?:植物|动物)园|(?:青少年|少年|工人)宫|(?:公路|养护|工务|管理)段|"
                    r"(?:管理|监测|研究|服务|检验|检测|司法|派出|财政|事务|执法|休养|资源|国土|规划|林业|水利|水管|留检|收容|"
                    r"监管|军休|统计|"
                    r"农经|畜牧|兽医|农技|城建|建设|环保|环境保护|环境|安监|统计|劳动保障|社保|文化|卫生|监理|监督|稽查|测绘|房管|城管|市场监管|交易|"
                    r"工商|税务|土地|房产|农机|水务)所(?![属有得需以谓])"
                    # `县文物管理所在巡查中…`, but `企业所在地`, `管理所在乡镇`
                    r"(?!在(?:地|的|区域|乡|镇|县|市|区|单位|辖区|部门|村|社区|街道|位置))|"
                    r"(?:管理|服务|监测|推广|检查|救助|兽医|植保|植检|检疫|鉴定|水文|农技|工作|检测|保障|气象|环境|畜牧|水利|林业|"
                    r"文化|综合|广播|种苗|水文|血|监督|粮|供应|供水|收购|火车|民航|客运|汽车|防疫|统计|养护|检疫|航道|水质)总?站(?![网点长])|"
                    rf"(?<=银行[{HAN}])[分支]行|(?<=银行[{HAN}]{{2}})[分支]行|"
                    rf"(?<=银行[{HAN}]{{3}})[分支]行|(?<=银行[{HAN}]{{4}})[分支]行|"
                    rf"(?<=银行[{HAN}]{{5}})[分支]行|(?<=银行[{HAN}]{{6}})[分支]行|"
                    rf"{_ENTERPRISE_NAME}|"
                    r"(?<=执法|救援|消防|交警|警察|稽查|监察|巡逻|治安|渔政|路政|运政|城管|森林|刑警|特警|巡警|监督|管理|边防)"
                    r"(?:总队|支队|大队|中队)|(?<=执法|救援|测绘|地质|勘察|勘测|测量|稽查|巡查|监察)队(?![员长])|警务室|"
                    r"(?:职业技术|职业|技术|师范|医学|理工|农业|卫生|警官|行政|社区|开放)学院|"
                    # `武警X市支队`
                    rf"(?:(?<=武警[{HAN}]{{2}}[省市县州])|(?<=武警[{HAN}]{{3}}[省市县州])|"
                    rf"(?<=武警[{HAN}][省市县州]))(?:总队|支队|大队|中队)|"
                    r"(?<![干卖乐合])部(?![门分署队位件长级])|司(?![法机令])|(?<![通代帮督交承次公民位举创经])办(?![理法事公好学电证托])")
# (`X县12345政务服务便民热线中心`: a hotline's number in its centre's name)
_BODY_UNIT = rf"(?:(?!{_NAME_STOP})[{_CJK}]|(?<=[县市区]){HOTLINE}|[（(](?!以下)[{_CJK}]{{1,6}}[)）])"
_FIRST_UNIT = rf"(?:(?!{_NAME_STOP})[{_CJK}])"
# A name begins at a non-Chinese character or after a linking word, never inside a clause.
# A log's step that writes to or orders the body named right after it (`我局致函县电业局`, `该局安排县X中心…`).
_LETTER_OR_ORDER = "去函|致函|发函|复函|回函|函请|商请|责成|指派|委派|安排|派转|转派|致电|派单"
_NAME_START = (rf"(?:(?<![{_CJK}])|(?<=[由与和及将对向给入归至是条各为从在以受即])|(?<=了)(?!解)|(?<=同)(?!意)|(?<=到)|"
               r"(?<=报)(?![告送])|"
               r"(?<=同级|本级|各级|报告|报送|联合|接到|收到|代管)|(?<=隶属)(?!于)|(?<=隶属于|调整到|调整至|调整给)|(?<=所属的|管理的|代管的|直属的|下属的|下设的)|(?<=下设)|(?<=办事机构|派出机构|直属机构|所属机构)|"
               r"(?<=成员单位|召集单位|牵头单位|责任单位|配合单位|参与单位|协办单位|协同单位|主办单位|承办单位)|(?<=会签|挂靠|提请)|"
               # (a log's `我局致函县电业局`, `该局派县农村供水总站的师傅`)
               rf"(?<={_LETTER_OR_ORDER})|(?<=派(?=[省市县区乡镇旗]))|(?<=经(?=[省市县区乡镇国中]))|"
               r"(?<=[商交](?=[省市县区乡镇旗]))|(?<=请)|(?<=找)|(?<=根据|依照|按照|召集)|"
               rf"(?<=印发|同意|批准|{_MEETING_VERBS}|"
               r"关于|所称|列入|联系|拟任|会同|配合|协助|协同|以及|接受|报请|交由|移交|管理|改由|建立|设立|成立|组建|恢复|传达|明确|确定|包括|设在|通报|移送|抄送|整合|撤销|保留|承接|协调|支持|委托|推送|抄告|告知|转交|转送|转办|征求|实行|会商|指导|督促|加挂|实现|新建|归口|划转|下放)|(?<=挂(?=[省市县区乡镇旗中]))|(?<=组织|依据|征询|函告|通知|或者|目录|范围|体制|机制|措施|不得|代行)|(?<=或)(?!者)|(?<=所在地)|(?<=所在地的)|(?<=所在(?=[区县乡镇市]))|(?<=所属)|(?<=[下直]属的))")
# Second level: `应急管理部消防救援局`, `自然资源部国家海洋局`.
_SUB_UNIT = (rf"(?:(?!研究|处理|办理|督促|协调|检查|审查|集中|依法|统一|具体|派(?!出所)|当[晚天日]|次日|随即|立即|"
             r"(?:管理|代管|主管)?[省市县区乡镇旗])"
             rf"(?:(?!{_NAME_STOP}|领导|和|给|提供|转交|移交|移送|告知|通知|报送|抄送)[{_CJK}]){{2,10}}?"
             r"(?:局(?!级)|司(?!法)|(?<![一二三四五六七八九十百千两几多\d])处(?![级置理罚])|科(?!级)|办公室|大队|研究所|支队|中队|分中心|调查队|(?<=稽查|执法|监察)队|(?<=宣传|组织|统战)部|"
             r"(?:(?<=监督管理|自然资源|国土资源)|(?<=监管|司法|财政|税务|派出|林业|水利|规划|管理|检验|运管|工商|供电|"
             r"车管|营业|储蓄))所(?![属有在得需以谓长])|"
             r"(?<=管理|服务|救助|推广|植保|监测|水文|供电|运管|林业|水利|农技|农机|畜牧|兽医|水管|航道|供水|汽车|客运)站(?![长点])|"
             # `县交通运输局公路事业发展中心`, `X县自然资源局不动产登记中心`
             r"(?<=发展|服务|指挥|监测|保障|事务|登记|调度|结算|征收|检测|救助|执法)中心(?![主任]))|"
             rf"(?<=部)办公室|(?<=医院)急救(?:中心|站)|(?<=公司)[{HAN}]{{2,8}}?[分支]公司)?")
# Bodies of a party committee (`市委网信办`, `中共沙河县委组织部`): without this `市委` alone would end the name.
_PARTY_BODY = (rf"(?:中共)?(?:(?!{_NAME_STOP})[{_CJK}]){{0,8}}?[省市县区旗州盟]纪委监委|"
               rf"(?:中共)?(?:(?!{_NAME_STOP})[{_CJK}]){{0,8}}?[省市县区旗州盟]委"
               r"(?:网信办|编办|文明办|组织部|宣传部|统战部|统一战线工作部|政法委|办公室|办|外办|农办|社会工作部|机构编制委员会办公室|"
               r"老干部局|机要局|保密办|党校|"
               # (the 1980s' 农村工作部, not `县委农村工作部署`)
               r"(?:农村|财贸|工交)工作部(?!署)|农工部|财贸部|工交部|"
               rf"(?:(?!{_NAME_STOP})[{_CJK}]){{2,14}}?(?:委员会|领导小组)办公室|"
               # its other offices by their short names (`县委党史办`, `市委政研室`, `县委督查室`), not its
               # secretary's meeting (`县委书记办公会`)
               rf"(?!书记|常委|全会|会议|领导)(?:(?!{_NAME_STOP})[{_CJK}]){{1,4}}?(?:办(?!公)|室))")
# Governments below the text's own level take tasks like departments (`责任单位：市住建局、各区县人民政府`,
# `乡镇人民政府、街道办事处应当协助`); a 县/市 government above them issues, approves or leads, and is none.
_LOCAL_GOVERNMENT = (rf"(?:(?:(?!{_NAME_STOP})[{_CJK}]){{1,6}}?[乡镇]|乡镇|"
                     rf"(?:(?!{_NAME_STOP})[{_CJK}]){{0,4}}?乡（镇）|乡\(镇\)|区县|县区|县市区|"
                     r"县（市、区）|县\(市、区\)|区（县）|区\(县\)|县（市）|县\(市\)|县（区）|县\(区\)|(?<=各)[区县镇乡]|"
                     rf"(?<![{_CJK}])[镇乡]|(?<=[和与及、由向对经至给放托])[镇乡])(?:人民)?政府"
                     # `县(市)人民政府生态环境主管部门` is the department, not the government
                     rf"(?!(?:(?!{_NAME_STOP})[{_CJK}]){{0,12}}?(?:{_GENERIC_SUFFIX}))")
# Any unit a level or place word opens and a unit word ends (`县草原监理站`, `市殡仪馆`, `各乡镇统计站`,
# `澧西省农业科学院茶叶研究所`): the trades before 站, 所, 队 or 馆 are too many to list, and the level word
# in front is what tells a body from a clause (`加油站`, `派出所附近`). Tried only where no name above fits.
_LEVELLED_UNIT = (rf"(?:(?:(?!{_NAME_STOP})[{_CJK}]){{0,6}}?[省市县区旗州盟镇乡])"
                  r"(?!级|内|外|域|里|直|委|政府|场|长(?!途)|民(?!族|政|兵))"
                  rf"(?:(?!{_NAME_STOP}|[局厅办委]|[一两几多每该本二三四五六七八九十百][个座批家处所项条])[{_CJK}]){{2,12}}?"
                  r"(?:总站|站(?![长点网台])|研究所|所(?![属有在得需以谓长])|(?:总|支|大|中|作业|工作|服务|救援|执法|巡查|稽查|放映|宣传|医疗|防疫|测量|勘测|勘探|地质|工程|文工|演出)队(?![长员])|"
                  r"馆(?![长藏])|"
                  r"陵园|医院|院(?![长内士])|(?<=汽车修理|农机修造)厂|(?<=修配|机修)厂|中心(?:小学|学校)|(?:中学|小学)(?!生|教师|阶段|部)|幼儿园(?!教师)|中心(?!城|区域|镇|任务|工作|环节|小学|学校)|公司|合作社|报社|两会|协会|学会|商会|"
                  r"基金会|督导室)")
DEPARTMENT_NAME_RE = re.compile(
    _NAME_START
    # `抄送同级A`, `所在地街道办事处`, `归口A`, `管理县X所`: it starts after these
    + r"(?!同级|本级|级|(?<=所在)地|(?<=归)口|(?:负责)?(?:管理|代管)(?=[省市县区乡镇]))"
    + rf"(?:{_LOCAL_GOVERNMENT}|{_PARTY_BODY}|"
    + rf"{_FIRST_UNIT}{_BODY_UNIT}{{0,19}}?(?:{_GENERIC_SUFFIX}|{_SPECIFIC_SUFFIX})|海关(?!总署)|"
    + r"总工会|工会(?!组织|会员|经费|主席|干部|法)|工商联|妇联|残联|科协|"
    + r"(?:司法|财政|派出|市场监管|林业|水利|农经)所(?![属有在得需以谓长])|街道办事处|"
    + _LEVELLED_UNIT + ")"
    + _SUB_UNIT + _SUB_UNIT)  # (a third level: `市公安局交通警察支队车管所`)
# `商务、文化、体育等部门`, `林业、渔业主管部门`: one suffix shared by several sector words.
DEPARTMENT_LIST_RE = re.compile(
    _NAME_START + r"(?!同级|本级|级)"
    + rf"((?:{_FIRST_UNIT}{_BODY_UNIT}{{1,15}}?、)+{_BODY_UNIT}{{2,16}}?)(等)?(?:有关)?({_GENERIC_SUFFIX})")

_DIVISION_WITH = re.compile(r"的?(?:有关)?(?:职责|分工)")
_ARTICLE_PREFIX = re.compile(r"^第[一二三四五六七八九十百零〇两0-9]+条")
_ARTICLE_AFTER_TITLE = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?<![的在])第[一二三四五六七八九十百零〇两0-9]+条"
                                  r"(?=[省市县区乡镇旗])")
_NOT_NAME_END = ("工作部门", "组成部门", "直属机构", "派出机构", "办事机构", "协调机构", "管理机构编制",
                 "干部", "全部", "内部", "外部", "局部", "总部", "各部", "本部", "格局", "布局", "全局",
                 "大局", "结局", "当局", "大厅", "部署", "签署", "布署", "公司", "上司",
                 "主办", "协办", "承办", "会办", "分办", "商办", "两局", "三局",
                 "督办", "交办", "领办", "包办", "举办", "创办", "开办", "兴办", "代办", "帮办",
                 "侦办", "查办", "转办", "经办", "催办", "筹办", "来办", "去办",
                 "联办", "补办",  # (`一件事联办`, `事后补办`)
                 "大队部",  # (a brigade's office, a place: `集中到大队部`)
                 "乡镇站所", "基层站所")  # (站所: a kind of units)
# `…集团公司X县分公司`, `省盐业公司X县支公司`
_ENTERPRISE = re.compile(_ENTERPRISE_NAME + rf"(?:[{HAN}]{{2,8}}?[分支]公司)?$")
_NOT_NAME_START = ("加快", "加强", "推进", "推动", "开展", "完善", "健全", "做好", "抓好", "强化", "深化", "积极",
                   "切实", "全面", "大力", "有关", "相关", "各", "其他", "上述", "该", "两", "双", "下列", "同级", "此",
                   "这", "我", "你",
                   "贵局", "贵委", "贵办", "贵厅", "贵中心", "贵单位", "贵队", "贵大队", "贵所", "贵站", "贵处",
                   "个", "一个", "多个", "几个", "每个", "三部门", "四部门", "五部门", "六部门", "多部门",
                   "三个", "四个",
                   "主责", "共担", "属", "按本", "依本", "本部门", "本单位",  # (`按本部门规定执行`)
                   "一位", "一名", "两位", "几位",  # (`一位纳税人来办…`)
                   "联席会议", "本联席会议")  # `联席会议办公室设在当期召集单位`: the meeting's office, no body
_GOVERNMENT_PREFIX = re.compile(rf"^(?:[{_CJK}（）()、]{{0,16}}人民政府|县级以上(?:地方)?(?:各级)?)")
_SPECIFIC_END = re.compile(r"(?:委员会|管委会|总局|局|厅|委|署|部|司|办|办公室|办事处|中心|海关|部门|机关|机构)$")
_LEVEL_WORDS = re.compile(r"^(?:[省市县区乡镇]级|各级|本级|上级|下级|同级)")
_LEADING_WORDS = re.compile(r"^(?:原由|原|现由|现|本(?=[省市县区])|由|同(?=[省市县区旗乡镇])|局属(?=[省市县区]))")
_GENERIC_TAIL = re.compile(r"(?:行政主管部门|行业主管部门|行政管理部门|主管部门|管理部门|行政部门|部门|机关|"
                           r"主管机构|机构)$")
_EMPTY_CORES = {"", "行业", "行政", "执法", "监管", "职能", "业务", "政府", "人民政府", "单位", "事业",
                "行业协会", "协会", "党政", "国家", "各级", "行政监管"}

# Both forms occur in the corpus texts (abbreviation and full name).
DEPARTMENT_ALIASES = {
    "广电总局": "国家广播电影电视总局",
    "新闻出版总署": "国家新闻出版总署",
    "人力资源社会保障部": "人力资源和社会保障部",
    "发展改革委": "国家发展和改革委员会",
    "国家发展改革委": "国家发展和改革委员会",
    "市场监管": "市场监督管理",
    "城管": "城市管理",
}
# The short names local texts use for local departments (`县卫健委`, `市人社局`): the core of the short
# name (level word and 局/委 aside) → the full core.
SHORT_CORES = {
    "卫健": "卫生健康", "发改": "发展改革", "人社": "人力资源社会保障", "住建": "住房城乡建设",
    "市场监管": "市场监督管理", "医保": "医疗保障", "文旅": "文化旅游", "文广旅": "文化广电旅游",
    "文广新旅": "文化广电新闻出版旅游", "资规": "自然资源规划", "规划资源": "自然资源规划", "应急": "应急管理",
    "城管": "城市管理", "城管执法": "城市管理行政执法", "退役军人": "退役军人事务", "生态环境": "生态环境",
    "网信": "网络安全信息化",
    "编": "机构编制", "科技": "科学技术", "工信": "工业信息化", "农业农村": "农业农村", "交通": "交通运输",
    "行政审批": "行政审批服务", "综合执法": "综合行政执法", "商务": "商务", "民宗": "民族宗教事务",
    # The older departments' short names, still met in papers of their time.
    "卫计": "卫生计划生育", "卫生计生": "卫生计划生育", "食药监": "食品药品监督管理", "安监": "安全生产监督管理",
    "质监": "质量技术监督", "环保": "环境保护", "国土": "国土资源", "人防": "人民防空", "林草": "林业草原",
    "文广新": "文化广电新闻出版", "教体": "教育体育", "广电": "广播电视",
}
_SHORT_NAME = re.compile(r"^(?P<core>[一-鿿]{1,4}?)(?P<end>委|局|办)$")


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per pair of mentions
def simplify_name(text: str) -> str:
    """Traditional → simplified (OpenCC plus a few variants), no spaces."""
    from .normalize import for_matching

    return re.sub(r"[\s\u3000]+", "", for_matching(text or "").translate(_VARIANTS))


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per pair of mentions
def normalise_department(name: str) -> str:
    """`原國家衛生健康委員會` → `国家卫生健康委员会`; `本市燃气行政主管部门` → `市燃气行政主管部门`;
    `住房和城乡建设(城管)部门` → `住房和城乡建设部门`; `县(市)人民政府生态环境主管部门` → `生态环境主管部门`."""
    name = simplify_name(name)
    if name.endswith("人民政府"):  # `县（市、区）人民政府` are the governments below, no `县人民政府`
        return name.replace("(", "（").replace(")", "）").strip("“”\"'《》、,，:：")
    name = re.sub(r"[（(][^）)]*[)）]", "", name).strip("“”\"'《》、,，:：")
    name = _LEADING_WORDS.sub("", name)
    stripped = _GOVERNMENT_PREFIX.sub("", name)
    # `市人民政府办公室` is the government's own office, not an office of some department.
    return stripped if len(stripped) >= 2 and stripped not in ("办公室", "办公厅") else name


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per pair of mentions
def department_core(name: str) -> str:
    """The distinctive part: `质量技术监督部门` → `质量技术监督`; `卫生部` stays `卫生部`."""
    name = normalise_department(name)
    name = DEPARTMENT_ALIASES.get(name, name)
    core = _LEVEL_WORDS.sub("", _GENERIC_TAIL.sub("", name))
    for short, full in DEPARTMENT_ALIASES.items():
        if core == short:
            core = full
    return core


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per pair of mentions
def is_department_name(name: str) -> bool:
    """False for `有关部门`, `各自行业主管部门`, `干部`, `格局` and the like."""
    plain = simplify_name(name)
    if plain.startswith(_NOT_NAME_START) or plain.endswith(_NOT_NAME_END) and not _ENTERPRISE.search(plain):
        return False
    return department_core(plain) not in _EMPTY_CORES and len(normalise_department(plain)) >= 2


def _comparable(name: str) -> tuple[str, str]:
    """(level, core) with the place and level word off, no 和 and no 委员会/局 (`甲市人力资源和社会保障局`
    ~ `市人力资源社会保障局`), a local short name expanded (`县卫健委` → `县`, `卫生健康`)."""
    core = department_core(name).replace("管委会", "管理委员会")
    place = government_of(core) if core[0] not in "省市县区旗" else None
    place = None if place == "国务院" else place
    level = (place or core)[-1] if place else core[0] if core[0] in "省市县区旗" else ""
    core = core[len(place):] if place and core.startswith(place) else core
    core = core[1:] if core[:1] in ("省", "市", "县", "区", "旗") and len(core) > 3 else core
    short = _SHORT_NAME.match(core)
    if short and short.group("core") in SHORT_CORES:
        return level, SHORT_CORES[short.group("core")]
    core = re.sub(r"(?:委员会|委|局)$", "", core) if len(core) > 3 else core
    return level, core.replace("和", "")


_SUB_UNIT_TAIL = re.compile(rf"^[{HAN}]{{0,10}}(?:分局|总队|支队|大队|中队|分中心|中心|站|所|处|科)$")


def _is_sub_unit(longer: str, shorter: str) -> bool:
    """`市公安局交通警察支队` under `市公安局`, `省水文局梓陵分局` under `省水文局`: a unit inside
    the other, not the same department."""
    return len(shorter) >= 2 and longer.startswith(shorter) and bool(_SUB_UNIT_TAIL.match(longer[len(shorter):]))


@functools.lru_cache(maxsize=1 << 16)  # pure, and called per pair of mentions
def same_department(a: str, b: str) -> bool:
    """Loose comparison: equal cores, one core inside the other (2+ characters), or one alias; the
    same after 和, the place and the level word are set aside and short names expanded, where
    both names are of one level (`市卫健委` is no `县卫生健康局`)."""
    ca, cb = department_core(a), department_core(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    if _is_sub_unit(ca, cb) or _is_sub_unit(cb, ca):
        return False
    # `民政` is no part of `乡镇人民政府`: inside a government's name only the place counts.
    ia, ib = ca.replace("人民政府", "政府"), cb.replace("人民政府", "政府")
    if min(len(ia), len(ib)) >= 2 and (ia in ib or ib in ia) and not _adds_sectors_before(ia, ib):
        return True
    (level_a, core_a), (level_b, core_b) = _comparable(ca), _comparable(cb)
    if level_a and level_b and level_a != level_b:
        return False
    if len(core_a) < 2 or len(core_b) < 2:
        return False
    if core_a == core_b:
        return True
    # `查干旗工业园区管理委员会` ~ `园区管委会`: one the end of the other, with or without the place.
    whole_a, whole_b = _without_body_word(ca), _without_body_word(cb)
    # The longer may only add a place before: `城市管理行政执法` is no `城市管理`.
    return any(min(len(x), len(y)) >= 4 and (x.endswith(y) or y.endswith(x)) and not _adds_sectors_before(x, y)
               for x, y in ((core_a, core_b), (whole_a, whole_b)))


# Sector words a merged department puts before an older one's core: `新闻出版局` is no `文化广电新闻出版局`.
_SECTOR_BEFORE = re.compile(r"^(?:文化|广电|广播电视|体育|旅游|卫生|计划生育|科技|教育|商务|工业|信息化|农业|林业|水利|"
                            r"国土|环境保护|安全生产|质量技术|食品药品|工商|物价|粮食|人力资源|劳动|人事|民政|司法)+$")


def _adds_sectors_before(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    head = long[:long.find(short)] if short in long else ""
    return bool(head) and bool(_SECTOR_BEFORE.match(head))


def _without_body_word(core: str) -> str:
    core = core.replace("管委会", "管理委员会").replace("和", "")
    return re.sub(r"(?:委员会|委|局)$", "", core) if len(core) > 3 else core


_JOINED_NAMES = re.compile(r"(?<=部门|机构|机关)和|(?<=[局厅委办])和")


# `市消防支队应市质监局邀请…`: a unit whose name ends in no 局 runs on to the next name
_GLUED_MENTIONS = re.compile(r"^(.{2,20}?(?:支队|大队|总队|中心|站|所|院|馆|部|政府|局))"
                             r"(应|受|向|接|请|函请|与|和|同|会同|"
                             # (a log's `电业局二十五日派桥头供电所`: a date between two bodies)
                             r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})日(?:派|安排|通知|责成)?)(.{2,30})$")
_GLUED_BY_STEP = re.compile(r"^([省市县区][^省市县区]{1,12}?(?:局|委|办|中心|站|所|队|院|馆|社|公司|政府))"
                            r"(去函|致函|发函|复函|回函|函告|责成|通知|告知|移送|移交|抄送|派|转(?:交|送|办)?)([省市县区].{2,30})$")
_MOVED_INTO = re.compile(r"(?:现已|已经|已)?(?:搬迁到|搬迁至|搬到|搬进|迁到|迁至|迁入)")
_DEPUTY_TITLE = re.compile(r"副[局处科所站院馆队部]$")
_SECRETARIAT = re.compile(r"(?:协会|学会|商会|联合会|促进会|基金会)秘书处$")


def department_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every department named in `text` (already simplified), in order.
    `商务、文化、体育等部门` gives 商务部门, 文化部门, 体育部门, all with the span of the list."""
    return list(_department_mentions(text))


# The relation rules read one sentence's mentions several times over; the scan of a long text (a
# page flattened to one line) is what a parse spends its time on.
_ENDS_AS_ORG = re.compile(rf"{ORG_END}$")


_BUREAU_BRANCH = re.compile(r"(?!所属|下属|直属|派驻|会同|配合|负责|承担|组织|管理|设立|设置|指导|监督|"
                            r"[和与及的各在对向由将])"
                            rf"(?:[{HAN}]{{2,3}}?(?:工商所|税务所|派出所|司法所|财政所|国土资源所|"
                            r"市场监督管理所|食品药品监督管理所|粮站|粮管所|林业站|水利站|兽医站|农技站|"
                            r"测绘所|检查站|监测站|检测站|检验所|检验站|收购站|医疗站|放映队)|"
                            r"(?:卫生|劳动保障)监督所)")  # (`X县卫生局卫生监督所`, `X县粮食局城南粮站`)


_DURING = re.compile(r"^[\u4e00-\u9fff]{1,4}?期(?:内|间)(?=[省市县区])")
_MOVED_TO = re.compile(f"(?:{_MOVING_VERBS})")
_HANDED_TO = re.compile(rf"^[{HAN}]*?(?:表|单|册|情况|材料|结果|名单|资料|记录|数据)[\u4e00-\u9fff]{{0,4}}?"
                        # (`监测结果当晚转告执法局`, `将材料转县公安局城关派出所核实`)
                        r"(?:回传|报送|抄送|送交|交给|转交|转告|告知|提供给|派给|派发给|交|报|传|送|转)|"
                        rf"^[{HAN}]*?信(?:送到|寄到|寄给|送交|交给)")  # (`把介绍信送到县广播事业局`)


def _without_leading_words(name: str, start: int, text: str, end: int) -> tuple[str, int]:
    """A mention's name and start without the article number, `同`, `关于`, a date's unit or the clause it was
    read with (`经电话询问县交通局`, `已和X镇人民政府`, `次日派出所`)."""
    article = _ARTICLE_PREFIX.match(name) or _ARTICLE_AFTER_TITLE.match(name)  # (`…衔接条款第一条县农业局`)
    if article:
        name, start = name[article.end():], start + article.end()
    if name.startswith("同") and _DIVISION_WITH.match(text, end):  # `同X的职责划分`, a 三定 heading
        name, start = name[1:], start + 1
    during = _DURING.match(name)  # `汛期内县气象局每日…`: when, then who
    if during:
        name, start = name[during.end():], start + during.end()
    if name.startswith("关于") and len(name) > 4:  # a title's `关于X县路灯管理所2022年度…的审计结果公告`
        name, start = name[2:], start + 2
    moved = _MOVED_TO.match(name)  # `关于调整区审计局职责…的通知`
    if moved and len(name) > 5:
        name, start = name[moved.end():], start + moved.end()
    # `并将发放签收表交民政局`, `拆除情况填入本表回传消防大队`: the paper, then the body it goes to
    handed = _HANDED_TO.match(name)
    if handed and is_department_name(name[handed.end():]):
        name, start = name[handed.end():], start + handed.end()
    # a date's unit: `3日县卫生局…` (masked: `X月X日党政办…`)
    if start and (text[start - 1].isdigit() or text[start - 1] in "XＸ") and name[0] in "日月年号时点分" or \
            name[0] in "给系致" and len(name) > 4 and is_department_name(name[1:]):  # `…的函》给县水利局`, `系该局自办`
        name, start = name[1:], start + 1
    if name.startswith("单位") and name[2:3] in "省市县区" and is_department_name(name[2:]):
        name, start = name[2:], start + 2  # `协同单位县公安局交通管理大队`: the field's word, then the body
    joined = _ADVERB_AND.match(name) or _WHEN.match(name)  # `已和溪东镇人民政府商定`, `次日派出所又函告…`
    if joined and len(name) - joined.end() >= 3 and is_department_name(name[joined.end():]):
        name, start = name[joined.end():], start + joined.end()
    own = _OWN_WORD_LEAD.match(name)  # `我局致函县电业局`, `该局派县农村供水总站`: the text's own word, then its step
    if own:
        rest = name[own.end():]
        cut = _clause_before_level(rest) or _clause_before_name(rest)
        if cut:
            return rest[cut:], start + own.end() + cut
    cut = _clause_before_level(name) or _clause_before_name(name)
    return name[cut:], start + cut


# (or a log's `乡里当天写信给县水利电力局`)
_OWN_WORD_LEAD = re.compile(r"^(?:[我本该](?:局|委|办|所|站|队|中心|大队|中队)|[乡镇局所站队社厂科]里)")


_WHEN = re.compile(r"^(?:次日|当日|当天|同日|翌日|随后|事后|会后|当晚|凌晨|上午|下午|晚上|中午)")
_ADVERB_AND = re.compile(r"^(?:已|并|又|还|也|均|再|即|先)(?:和|与|同|跟|向|对|请|给)")
# `处理结果回告文化局`, `现将线索退回桥北街道办事处`: what a clause does to a body, read with the body's name
_HANDING_VERB = re.compile(r"退回|回告|派遣|推送|转交|移交|移送|告知|通知|提醒|询问|函询|报送|抄送|转告|回复|反馈|"
                           r"请求|邀请|去函|致函|函请|商请|责成|复函|回函|派单|收(?=[省市县区])")


def _clause_before_name(name: str) -> int:
    """Where the body's name begins after the last handing verb a match was read with (0: none)."""
    ends = [verb.end() for verb in _HANDING_VERB.finditer(name) if len(name) - verb.end() >= 3]
    return ends[-1] if ends and is_department_name(name[ends[-1]:]) else 0


# `经电话询问县交通局`, `值班室提醒县自然资源局`, `接县消费者协会`: a clause, not a place, before the level word.
# A place before 县 or 市 is at most four characters (or says 自治, 盟, 州); a longer run, or a verb, is a clause.
_VERB_BEFORE_LEVEL = re.compile(r"^(?:接|称|经|转|派|请|向|号|到|收)$|(?:参加|询问|提醒|通知|告知|联系|报告|转告|邀请|"
                                r"约请|要求|督促|反映|反馈|回复|函询|电话|派遣|推送|退回|移交|移送|转交|批转|转发|送|"
                                rf"{_LETTER_OR_ORDER}|抄送|抄告|交由|督办|交办|转办|后转|后交|并转|即转|"
                                r"(?<=[年月周天度期])向|电话(?:给|到|请)|(?:写信|写条子|发函|去函)给)$|"
                                # (`每半年向县委党史办报送`, `打电话给县兽药公司`, `请他到县市场监督管理局窗口…`)
                                r"^[他她]们?(?:到|去|向|找)$")
_VERB_BEFORE_PLACE = re.compile(r"去函|致函|函请|商请|责成|指派|委派|安排|通知|告知|联系|督促|邀请")
_CLAUSE_VERB = re.compile(r"送|转|交|询问|提醒|通知|告知|联系|报告|邀请|要求|督促|反映|反馈|回复|函询|参加|单位")
_HIERARCHY_BEFORE_LEVEL = re.compile(r"^(?:中共|中国|国家|国务院|共青团|政协|原)|[局部厅委盟州]|自治|兵团|地区")


def _clause_before_level(name: str) -> int:
    """Where the department named after a clause begins (0: the name begins where it was read)."""
    level = re.search("[省市县]", name)
    if level is None or level.start() == 0 or name[0] in "区乡镇旗":
        return 0
    head, rest = name[:level.start()], name[level.start():]
    if level.group(0) == "市" and head[-1] in "城超都夜门" or _HIERARCHY_BEFORE_LEVEL.search(head):
        return 0
    if len(rest) < 3 or not is_department_name(rest) or re.search("局[省市县]", rest):
        return 0  # (`市市场监督管理局市公安局`: a flattened table's names run together)
    if len(head) < 5:
        if _VERB_BEFORE_LEVEL.search(head):
            return level.start()
        leading = _VERB_BEFORE_PLACE.match(head)  # `责成魐溪县天然气有限公司`: the verb, then the county's place
        return leading.end() if leading and is_plain_place(head[leading.end():]) else 0
    # `已分送厀阳县工商行政管理局`: the place after the clause's last verb stays with the name
    verb = [match.end() for match in _CLAUSE_VERB.finditer(head)]
    place = head[verb[-1]:] if verb else ""
    return verb[-1] if 2 <= len(place) <= 4 and is_plain_place(place) else level.start()


def _without_trailing_words(name: str, end: int, text: str) -> tuple[str, int]:
    """A name's match without the words after the body: `县消费者协会秘书处设在县工商局` (the association's own
    office), `会同县消费者协会调解处理` (处理 is what it does, no 处 of it); "" when no name is left."""
    if _SECRETARIAT.search(name):
        return name[:-3], end - 3
    if name.endswith("处") and text[end:end + 1] in ("理", "置", "罚"):
        shorter = next((name[:cut] for cut in range(len(name) - 2, 1, -1)
                        if _ENDS_AS_ORG.search(name[:cut]) and is_department_name(name[:cut])), "")
        return shorter, end - len(name) + len(shorter)
    return name, end


def _body_that_moved(match: re.Match[str], moved: re.Match[str], text: str) -> list[tuple[int, int, str]]:
    """`X镇退役军人服务站已搬到镇便民服务中心`: the body that moved, not where to."""
    end = match.start() + moved.start()
    name, start = _without_leading_words(match.group(0)[:moved.start()], match.start(), text, end)
    return [(start, end, name)] if is_department_name(name) else []


@functools.lru_cache(maxsize=2048)
def _department_mentions(text: str) -> tuple[tuple[int, int, str], ...]:
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in DEPARTMENT_LIST_RE.finditer(text):
        # `消防救援机构和住房城乡建设`: a whole name joined by 和 to the next sector word is two entries
        tokens = [part for token in match.group(1).split("、") for part in _JOINED_NAMES.split(token)]
        suffix = match.group(3)
        if any("政府" in t for t in tokens[1:-1]) or ("政府" in tokens[-1] and not tokens[-1].endswith("政府")):
            continue  # `市、流域、县(市)人民政府生态环境主管部门`: places, not sectors
        names = []
        for token in tokens:
            token = _GOVERNMENT_PREFIX.sub("", _ARTICLE_PREFIX.sub("", token))
            if len(token) < 2 or token.endswith("政府"):
                continue
            whole = _SPECIFIC_END.search(token) or DEPARTMENT_NAME_RE.fullmatch(token)  # `公安派出所、消防救援机构`
            names.append(token if whole else token + suffix)
        names = [n for n in names if is_department_name(n)]
        if len(names) >= 2:
            for name in names:
                found.append((match.start(), match.end(), name))
            taken.append((match.start(), match.end()))
    branch_end = 0
    for match in DEPARTMENT_NAME_RE.finditer(text):
        if any(s <= match.start() < e for s, e in taken) or match.start() < branch_end:
            continue
        stepped = _GLUED_BY_STEP.match(match.group(0))  # `县粮食局去函县电力局`: a body, its step, another body
        if stepped and is_department_name(stepped.group(1)) and is_department_name(stepped.group(3)):
            found.append((match.start(), match.start() + stepped.end(1), stepped.group(1)))
            found.append((match.start() + stepped.start(3), match.end(), stepped.group(3)))
            continue
        moved = _MOVED_INTO.search(match.group(0))
        if moved:
            found.extend(_body_that_moved(match, moved, text))
            continue
        name, start = _without_leading_words(match.group(0), match.start(), text, match.end())
        if _DEPUTY_TITLE.search(name):
            continue  # `派副局长参会`: a post, no body
        end = match.end()
        name, end = _without_trailing_words(name, end, text)
        branch = _BUREAU_BRANCH.match(text, end) if name.endswith(("局", "公司", "大队")) else None
        if branch:  # `X县工商行政管理局城关工商所`: the bureau's station in a town is the body named
            name, end = name + branch.group(0), branch.end()
            branch_end = end
        glued = _GLUED_MENTIONS.match(name)
        if glued and is_department_name(glued.group(1)) and is_department_name(glued.group(3)):
            found.append((start, start + glued.end(1), glued.group(1)))
            found.append((start + glued.start(3), end, glued.group(3)))
        elif is_department_name(name):
            found.append((start, end, name))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(found)
