"""How common a word is across kinds of department, from a reference body of real duty texts.

Overlap detection down-weights words that most parties use (起草地方性法规, 人民政府,
权限): they say nothing about who does what. Counting that only in the uploaded set
fails twice: in 对标 every word of the trade is used by every compared department
(seven 应急管理局 share 应急), and a pair's score moves when unrelated files are
added. So the share of a word is counted over *kinds* of department (all 应急管理局
are one kind), in the reference statistics shipped in corpus/dict/reference_df.json
(built by corpus/build_reference.py from real texts; the statistics, not the texts,
are in the repository) together with the kinds of the uploaded set.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import numpy as np

from .segment import DICT_DIR

REFERENCE_PATH = DICT_DIR / "reference_df.json"
_KIND_SUFFIX = re.compile(r"(?:综合行政执法|行政执法)?(?:委员会|管理局|局|厅|部|委|办公室|办)$")


KINDS_PATH = DICT_DIR / "kinds.txt"


@lru_cache(maxsize=1)
def _kind_words() -> list[tuple[str, str]]:
    """(word in a name, kind) pairs from corpus/dict/kinds.txt, longest words first."""
    from .segment import read_related

    pairs = [(word, kind) for kind, words in read_related(KINDS_PATH).items() for word in (kind, *words)]
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def known_kinds() -> frozenset[str]:
    """The kinds corpus/dict/kinds.txt names (a name outside it is its own kind)."""
    return frozenset(kind for _, kind in _kind_words())


@lru_cache(maxsize=8192)
def department_kind(department: str) -> str:
    """The kind of department, the same for every government and across renamings:
    `重庆市北碚区交通局` and `共青城市交通运输局` → `交通运输`, `汾阳市环境保护局` → `生态环境`.
    Names outside corpus/dict/kinds.txt give the name without government and suffix."""
    from .names import government_of, simplify_name

    department = simplify_name(department)
    found = _kinds_in(department)
    if found:
        return min(found)[2]
    government = government_of(department) or ""
    core = re.sub(r"^中共", "", department)
    core = core[len(government):] if government and core.startswith(government) else core
    if department.startswith("中共"):
        core = re.sub(r"^委(?!员会)(?=.)", "", core)  # 中共某市委组织部, not 中共某市委员会
    core = re.sub(r"^[省市县区](?!场)", "", core)  # `市交通局`, but `市场监督管理局`
    core = _KIND_SUFFIX.sub("", core) or core
    return re.sub(r"(管理|运输|保障|建设)$", "", core) or core


def _kinds_in(name: str) -> list[tuple[int, int, str]]:
    """(position, -length, kind) of each kind word in `name`, past `人民政府` (whose 民政 is no 民政局),
    but not a word inside a longer one found (the 规划 of 发展规划 is no 规划局)."""
    name = name.replace("人民政府", "政府")
    found = [(name.find(word), len(word), kind) for word, kind in _kind_words() if word in name]
    return [(start, -length, kind) for start, length, kind in found
            if not any(s <= start and start + length <= s + longer and longer > length for s, longer, _ in found)]


_FIRST_ORGAN = re.compile(r"^.*?(?:委员会|局|厅|委|办公室|办|部)")
_SECOND_NAME = re.compile(r"[（(]([^（）()]+)[）)]")
# A document of one division (`民政局优抚安置科`) is of the office's kind and of the matter the division
# is named for, which a reform may have moved to another kind (优抚安置 to the 退役军人事务局);
# a 支队 or 大队 is a unit of its office's own trade (公安局交通警察支队 is no 交通运输).
_DIVISION = re.compile(r"^[\u4e00-\u9fff]{2,12}[科股处]$")
# A bureau a 厅 or 委 runs under its own name (`省住房和城乡建设厅城市管理监督局`, `省发展改革委粮食局`)
# does the work its own name says, besides its parent's.
_RUN_BUREAU = re.compile(r"^[\u4e00-\u9fff]{2,14}(?<!分)局$")


@lru_cache(maxsize=8192)
def department_kinds(department: str) -> tuple[str, ...]:
    """The kinds a department answers to in 对标: its kind first, then the other kinds a merged
    office names (教育体育局 is also 体育; 财政局（国有资产监督管理局） also 国有资产监督管理;
    中共某市委社会工作部（某市信访局） is 信访 by its second name). Only the name of the office
    itself counts, not what follows it (公安局交通警察支队 is 公安 alone)."""
    from .names import simplify_name

    name = simplify_name(department)
    organ = _FIRST_ORGAN.match(re.sub(r"[（(].*", "", name))
    parts = [organ.group(0) if organ else name] + _SECOND_NAME.findall(name)
    rest = name[organ.end():] if organ else ""
    if _DIVISION.match(rest) or _RUN_BUREAU.match(rest):
        parts.append(rest)
    kinds = [department_kind(department)]
    for part in parts:
        kinds += [kind for _, _, kind in sorted(_kinds_in(part))]
    kinds += [_SUCCESSORS[kind] for kind in kinds if kind in _SUCCESSORS]
    return tuple(dict.fromkeys(kinds))


def office_kinds(department: str, signs: tuple[str, ...] | list[str] = ()) -> tuple[str, ...]:
    """The kinds of a department and of the second names it carries (a 住房和城乡建设局 with the
    人民防空办公室's sign is compared with 人防办s too)."""
    kinds = list(department_kinds(department))
    for sign in signs:
        kinds += [kind for kind in department_kinds(sign) if kind]
    return tuple(dict.fromkeys(kinds))


# A kind a reform merged into another answers to it: a 食品药品监督管理局 of 2016 is compared with the
# 市场监督管理局 of its neighbours, a 乡村振兴局 with the 农业农村局 that took it over in 2023–2024, a
# 广播电视局 with the 文化和旅游局 that took in 广电 in 2018.
_SUCCESSORS = {"食品药品监督管理": "市场监督管理", "乡村振兴": "农业农村", "广播电视": "文化和旅游"}


class Reference:
    """Kinds of department in the reference body and, per word, the kinds that use it."""

    def __init__(self, kinds: list[str], word_kinds: dict[str, list[int]]):
        self.kinds = kinds
        self.word_kinds = {word: frozenset(indices) for word, indices in word_kinds.items()}

    @classmethod
    def load(cls, path=REFERENCE_PATH) -> "Reference":
        data = json.loads(path.read_text("utf-8"))
        return cls(data["kinds"], data["words"])

    def shares(self, vocabulary, party_kinds: list[str], party_words: list[set[str]]) -> np.ndarray:
        """Per word of `vocabulary`, the share of all kinds (reference ∪ uploaded) using it.

        `party_kinds[n]` is the kind of uploaded party n and `party_words[n]` the words it uses.
        """
        columns = {word: n for n, word in enumerate(vocabulary)}
        used = [(kind, columns[word]) for kind, words in zip(party_kinds, party_words) for word in words
                if word in columns]
        return self.shares_of_columns(vocabulary, party_kinds, used)

    def shares_of_columns(self, vocabulary, party_kinds: list[str], used) -> np.ndarray:
        """`shares` with the uploaded use given as distinct (kind, column of vocabulary) pairs."""
        index = {kind: n for n, kind in enumerate(self.kinds)}
        for kind in party_kinds:
            index.setdefault(kind, len(index))
        counts = np.array([len(self.word_kinds.get(word, ())) for word in vocabulary], dtype=np.float32)
        for kind, column in used:
            if index[kind] not in self.word_kinds.get(vocabulary[column], ()):
                counts[column] += 1
        return counts / len(index)


@lru_cache(maxsize=1)
def reference() -> Reference:
    """The shipped reference (or an empty one where the file is missing)."""
    if not REFERENCE_PATH.exists():
        return Reference([], {})
    return Reference.load()
