"""A measure of how much a decoded text looks like real Chinese."""
from __future__ import annotations

from functools import lru_cache

# The most frequent characters of modern Chinese plus the vocabulary of
# government documents; a wrong decoding produces mostly rare characters.
_FREQUENT = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面"
    "而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把"
    "性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质"
    "气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则"
    "任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美"
    "再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元"
    "况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委"
    "素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江"
    "型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞职责编核负监督拟订承"
    "担贯彻执落实协助指导组织综合规划审批监管执法违检测评估财务档案宣传信息统计环境生态食品药安全卫健康医疗"
    "保障就业城乡镇村农林牧渔粮食自然资源交通运输旅游广播电视新闻出版体育科学民族宗教司厅署办公室股科处"
)


@lru_cache(maxsize=1)
def _frequent_set() -> frozenset[str]:
    chars = set(_FREQUENT)
    try:
        import opencc

        chars |= set(opencc.OpenCC("s2t").convert(_FREQUENT))
    except Exception:  # the simplified set alone still works
        pass
    return frozenset(chars)


def common_char_ratio(text: str) -> float:
    """Share of CJK characters in `text` that are frequent ones (0 when no CJK)."""
    frequent = _frequent_set()
    cjk = [ch for ch in text[:20000] if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"]
    if not cjk:
        return 0.0
    return sum(1 for ch in cjk if ch in frequent) / len(cjk)
