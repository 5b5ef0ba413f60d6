"""Word segmentation with jieba and the domain dictionary in corpus/dict.

A private `jieba.Tokenizer` (never jieba's global one) holds the domain
dictionary; HMM is off because its guessed words merge oddly (监管执法 →
one word). The default instance is created lazily and shared; `tokenize` is
a module-level function so that fitted scikit-learn vectorizers pickle.
Call `warm_up()` before forking worker processes so each inherits it.
"""
from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

DICT_DIR = Path(__file__).resolve().parents[1] / "corpus" / "dict"
USERDICT = DICT_DIR / "userdict.txt"
STOPWORDS = DICT_DIR / "stopwords.txt"
FUNCTION_WORDS = DICT_DIR / "function_words.txt"
STAGES = DICT_DIR / "stages.txt"
RELATED = DICT_DIR / "related.txt"

_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$|^[A-Za-z]{2,}$")


def cache_dir() -> Path:
    """Where jieba's prefix-dictionary cache lives: $SANDING_CACHE or ~/.cache/sanding."""
    folder = Path(os.environ.get("SANDING_CACHE", Path.home() / ".cache" / "sanding"))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # beside the database: owner-only like it
    return folder


def read_word_list(path: Path) -> frozenset[str]:
    """One word per line; `#` starts a comment."""
    words = set()
    for line in path.read_text("utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word.split()[0])
    return frozenset(words)


def read_related(path: Path) -> dict[str, tuple[str, ...]]:
    """`term broader1 broader2` lines → {term: (broader1, broader2)}."""
    related = {}
    for line in path.read_text("utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 2:
            related[words[0]] = tuple(words[1:])
    return related


class Segmenter:
    """jieba with the domain dictionary; splits text into content words."""

    def __init__(self, userdict: Path = USERDICT, stopwords: Path = STOPWORDS, stages: Path = STAGES,
                 related: Path = RELATED, function_words: Path = FUNCTION_WORDS):
        import logging

        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)  # no "Building prefix dict" chatter
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.tmp_dir = str(cache_dir())
        self.tokenizer.cache_file = "sanding-jieba.cache"
        self.tokenizer.initialize()
        with open(userdict, "rb") as handle:  # jieba leaves a file it opens itself unclosed
            self.tokenizer.load_userdict(handle)
        self.function_words = read_word_list(function_words)
        self.stopwords = read_word_list(stopwords) | self.function_words
        self.stages = read_word_list(stages)
        for word in self.stages:
            self.tokenizer.add_word(word, 20000)
        self.related = read_related(related)
        for word in self.related:
            self.tokenizer.add_word(word, 20000)
        self.terms = read_word_list(userdict) | self.stages | frozenset(self.related) | frozenset(
            broader for words in self.related.values() for broader in words)

    def words(self, text: str) -> list[str]:
        """Content words of `text` (stop words, punctuation and single characters dropped).

        A long domain term also yields the domain terms at its ends, so that
        文化艺术类校外培训机构 and 校外培训机构 share 校外培训机构; when those terms
        cover most of it and it is not itself a domain term, the long word gives
        way to them.
        """
        out = []
        for word in self.tokenizer.cut(text, HMM=False):
            if not _CJK_WORD.match(word) or (word in self.stopwords and word not in self.stages):
                continue
            inner = self._inner_terms(word) if len(word) >= 4 else []
            if word in self.terms or _coverage(word, inner) < 0.8:
                out.append(word)
            out.extend(inner)
            out.extend(self.related.get(word, ()))
        return out

    def functions(self, text: str) -> list[str]:
        """The functions every department has that `text` names (行政复议, 普法): dropped from its
        content words, yet the trade of some kinds, which 对标 compares."""
        return [word for word in self.tokenizer.cut(text, HMM=False) if word in self.function_words]

    def _inner_terms(self, word: str) -> list[str]:
        """Domain terms at the start or end of `word` (食品安全|风险, 文化艺术类|校外培训机构).

        Terms in the middle are skipped: 农[产品质量]安全 is not about 产品质量.
        """
        inner = []
        for size in range(len(word) - 1, 1, -1):
            for part in (word[:size], word[-size:]):
                if part in self.terms and part not in self.stopwords and part not in inner:
                    inner.append(part)
        return inner

    def is_term(self, word: str) -> bool:
        """True for words of the domain dictionary (objects and stages named by the office)."""
        return word in self.terms

    def objects(self, words: list[str]) -> list[str]:
        """The words naming what a duty is about, without its stage (审批, 监管 …)."""
        return [word for word in words if word not in self.stages]

    def stages_of(self, words: list[str]) -> set[str]:
        return {word for word in words if word in self.stages}


def _coverage(word: str, inner: list[str]) -> float:
    """Share of `word` covered by its prefix and suffix terms (饮用水水源|地 → 5/6)."""
    covered = [False] * len(word)
    for part in inner:
        start = 0 if word.startswith(part) else len(word) - len(part)
        for position in range(start, start + len(part)):
            covered[position] = True
    return sum(covered) / len(word)


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _default() -> Segmenter:
    with _LOCK:
        return Segmenter()


def default_segmenter() -> Segmenter:
    return _default()


def warm_up() -> None:
    """Load the dictionary now (before a server forks its workers)."""
    _default()


def tokenize(text: str) -> list[str]:
    """Module-level tokenizer for scikit-learn (picklable): the object words of `text`."""
    segmenter = _default()
    return segmenter.objects(segmenter.words(text))
