"""人员编制: posts, leader posts and division leader posts from the staffing paragraph."""
from __future__ import annotations

import re

from .model import Leader, Staffing
from .numerals import to_int

_NUMBER = r"([0-9零〇一二两三四五六七八九十百]+)"
_POSTS = re.compile(r"(?:机关)?行政编制(?:数)?(?:为|共)?\s*" + _NUMBER + r"\s*名")
_LEADER_TITLE = (r"(?:党组书记|党委书记|书记|局长|副局长|厅长|副厅长|部长|副部长|主任|副主任|署长|副署长|"
                 r"司长|副司长|处长|副处长|科长|副科长|委员|总监|总师|秘书长|副秘书长|总经济师|总工程师|"
                 r"总会计师|总规划师|总农艺师|总畜牧师|总兽医师|总督察|副总督察|督察长|总队长|副总队长|队长|副队长|"
                 r"主席|副主席|院长|副院长|行长|副行长|会长|副会长|检察长|馆长|副馆长|社长|所长|站长)")
_LEADER = re.compile(r"(?:^|[，,、；;：:。\s设其中])((?:专职|兼职)?[\u4e00-\u9fff]{0,12}?" + _LEADER_TITLE + r")"
                     r"(?:[（(][^）)]*[）)])?\s*" + _NUMBER + r"\s*名")
_DIVISION_LEADERS = re.compile(
    r"((?:正|副)?(?:司局|处|科|股|厅局|正副科|正副处)级?(?:领导)?(?:职数)?)(?:为|共)?\s*" + _NUMBER + r"\s*名")
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")


def parse_staffing(key: str, original: str = "") -> Staffing:
    """Numbers from the staffing text; notes in brackets are kept apart, never added."""
    notes: list[str] = []
    flat = key
    while True:
        inner = _BRACKETS.findall(flat)
        if not inner:
            break
        notes.extend(note.strip("（）()") for note in inner)
        flat = _BRACKETS.sub("", flat)
    staffing = Staffing(text=original or key)
    posts = _POSTS.search(flat)
    if posts:
        staffing.administrative_posts = to_int(posts.group(1))
    seen_leaders: set[str] = set()
    for match in _LEADER.finditer(flat):
        title = re.sub(r"^(其中|设|另设|共设|配备|核定)", "", match.group(1))
        if not title or "级" in title or "职数" in title:
            continue
        count = to_int(match.group(2))
        if count is None or title in seen_leaders:
            continue
        seen_leaders.add(title)
        staffing.leaders.append(Leader(title=title, count=count))
    division_total = None
    for match in _DIVISION_LEADERS.finditer(flat):
        label = match.group(1)
        if "级" not in label and "职数" not in label:
            continue
        value = to_int(match.group(2))
        if value is not None:
            division_total = (division_total or 0) + value
    staffing.division_leaders = division_total
    other = [note for note in notes if note]
    for sentence in re.split(r"[。；;]", flat):
        sentence = sentence.strip()
        if sentence and not _POSTS.search(sentence) and not _LEADER.search(sentence) \
                and not _DIVISION_LEADERS.search(sentence):
            other.append(sentence)
    staffing.other = other
    return staffing
