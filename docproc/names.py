"""Department and government names: from titles, 定性 articles and running text."""
from __future__ import annotations

import re

_TITLE_TAIL = re.compile(
    r"(?:、|和)?(?:职能配置|主要职责|机构职能|职责|内设机构|人员编制|职能)(?:、|和)?"
    r"(?:内设机构|人员编制|和人员编制|职能配置)*.*?(?:规定|方案)")
_PLACE_TOKEN = re.compile(r"[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|自治县|新区|省|市|州|盟|地区|县|区|旗)")
_NOT_PLACES = {"城市", "市场", "都市", "超市", "社区", "小区", "园区", "地区", "城区", "市区", "辖区",
               "景区", "矿区", "林区", "牧区", "山区", "库区", "街区", "校区", "军区", "战区", "专区"}
_CENTRAL_PREFIXES = ("国务院", "国家", "中央", "中国", "全国", "中华人民共和国")
_ORG_SUFFIX = ("局", "委员会", "委", "厅", "部", "办公厅", "办公室", "办", "署", "院", "司", "中心",
               "总局", "管委会", "处", "科", "所", "站", "队")

_DEPARTMENT_NAME = (
    r"(?:原)?(?:国务院|国家|中央|[市县区省]|[\u4e00-\u9fff]{2,6}?[省市县区州])?"
    r"[\u4e00-\u9fff]{1,12}?(?:委员会|总工会|总局|管理局|监督局|办公厅|办公室|局|厅|委|署|部(?!门|分|署|队|位|件))"
)
# A name starts after punctuation or a linking word, never in the middle of a clause.
DEPARTMENT_IN_TEXT = re.compile(
    r"(?:^|(?<=[，,。；;、：:（(\s“”\"与和同由将对向经商])|(?<=会同|配合|协助|报请|交由|划入|划给|移送|以及))"
    + _DEPARTMENT_NAME)


def department_from_title(title: str) -> str | None:
    """`XX局职能配置、内设机构和人员编制规定` → `XX局` (also inside 关于印发《…》的通知)."""
    title = re.sub(r"[\s\u3000]+", "", title)
    adjusted = re.search(r"关于调整(.{2,40}?)(?:职责|职能|机构|编制)", title)
    if adjusted:
        return adjusted.group(1)
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
    return name if 2 <= len(name) <= 40 else None


_TITLE_IN_TEXT = re.compile(r"关于印发《?([^《》]{4,80}?(?:规定|方案))》?的通知|《([^《》]{4,80}?(?:规定|方案))》")


def department_from_running_title(text: str) -> str | None:
    """Flattened copies have no title line: find `关于印发…规定的通知` in the text."""
    for match in _TITLE_IN_TEXT.finditer(text[:3000]):
        name = department_from_title(match.group(1) or match.group(2))
        if name:
            return name
    return None


def department_from_text(lines: list[str]) -> str | None:
    """From a 定性 sentence: `第二条 XX局是县政府工作部门`, `设立XX，为…`."""
    patterns = (
        re.compile(r"(?:设立|成立|组建)([\u4e00-\u9fff]{2,30}?)[，,。]\s*(?:为|是|作为|主要职责)"),
        re.compile(r"(?:^|[，,。：:\s]|第[一二三四五]条)([\u4e00-\u9fff]{2,30}?)(?:[（(]以下简称[^）)]{1,20}[）)])?"
                   r"(?:是|为)(?:[\u4e00-\u9fff]{0,20}?)"
                   r"(?:政府工作部门|组成部门|直属机构|工作部门|派出机构|管理的国家局|直属事业单位|办事机构|部门管理机构)"),
        re.compile(r"(?:^|[，,。：:\s])([\u4e00-\u9fff]{4,30}?)机关行政编制"),
        re.compile(r"(?:^|[，,。：:\s])[\u4e00-\u9fff]{2,20}?是([\u4e00-\u9fff]{2,20}?(?:部|委员会|总局|厅))"
                   r"[^。]{0,60}?的(?:职能部门|职能司局|内设机构|办事机构)"),
    )
    for pattern in patterns:
        for line in lines:
            match = pattern.search(line)
            if match and _looks_like_org(match.group(1)):
                return match.group(1)
    return None


def _looks_like_org(name: str) -> bool:
    name = re.sub(r"^(根据|经|按照|依据).*?[，,]", "", name)
    return name.endswith(_ORG_SUFFIX) and not name.startswith(("本", "该", "其", "经", "根据"))


def qualify_department(department: str | None, keys: list[str]) -> str | None:
    """`省文化和旅游厅` in a text about 甘肃省 → `甘肃省文化和旅游厅`."""
    if not department or department[0] not in "省市县区" or government_of(department):
        return department
    level = department[0]
    for key in keys:
        for match in re.finditer(r"([\u4e00-\u9fff]{2,5}?)" + level, key):
            place = match.group(0)
            if place[:-1] and place not in _NOT_PLACES and not re.search(r"[的和与及将原在为是]", place):
                return place + department[1:]
    return department


def government_of(department: str | None) -> str | None:
    """`长沙县市场监督管理局` → `长沙县`; central ministries → `国务院`."""
    if not department:
        return None
    if department.startswith(_CENTRAL_PREFIXES):
        return "国务院"
    rest, places = department, []
    while True:
        match = _PLACE_TOKEN.match(rest)
        if not match or match.group(0) in _NOT_PLACES or match.end() >= len(rest):
            break
        token = match.group(0)
        if token.endswith("州") and len(token) < len(rest) - 1 and rest[len(token)] in "市县区":
            token = rest[: len(token) + 1]
        if places and token.endswith("市") and not places[-1].endswith(("省", "自治区")):
            break
        places.append(token)
        rest = rest[len(token):]
    if places:
        return "".join(places)
    if department.endswith(("部", "委员会", "总局", "署", "办公厅", "国家局")) or department.startswith(
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
