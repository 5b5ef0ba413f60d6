"""Build corpus/dict/reference_df.json: which kinds of department use which words.

Reads real duty texts from ../shared (never copied into the repository): every file of
../shared/corpus and the development part of ../shared/corpus2 (corpus/splits/corpus2.json;
the evaluation part is left out so that it stays unseen). Each parsed document with a
department and at least two duty items adds its words to its kind of department
(docproc.reference.department_kind: all 生态环境局 are one kind). Only words used by two
kinds or more are kept: a word of one kind is never "common".

    .venv/bin/python corpus/build_reference.py        # rewrites corpus/dict/reference_df.json
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared"))
SPLIT = REPO / "corpus" / "splits" / "corpus2.json"


def source_files() -> list[Path]:
    split = json.loads(SPLIT.read_text("utf-8"))
    files = sorted((SHARED / "corpus").glob("*.txt"))
    return files + [SHARED / "corpus2" / name for name in split["development"]]


def document_words(doc, segmenter) -> set[str]:
    """Content words of a document's duties and division duties, with the character pairs
    of the longer ones (对标 features use both)."""
    from docproc.findings import simplified

    texts = [duty.text for duty in doc.duties] + [text for division in doc.divisions for text in division.duties]
    words: set[str] = set()
    for text in texts:
        for word in segmenter.words(simplified(text)):
            words.add(word)
            if len(word) > 2:
                words.update(word[n:n + 2] for n in range(len(word) - 1))
    return words


def build() -> dict:
    from docproc import ParseError, parse
    from docproc.reference import department_kind
    from docproc.segment import default_segmenter

    segmenter = default_segmenter()
    kind_words: dict[str, set[str]] = {}
    used = 0
    for path in source_files():
        try:
            doc = parse(path)
        except ParseError:
            continue
        if not doc.department or len(doc.duties) + sum(len(d.duties) for d in doc.divisions) < 2:
            continue
        used += 1
        kind_words.setdefault(department_kind(doc.department), set()).update(document_words(doc, segmenter))
    kinds = sorted(kind_words)
    by_word: dict[str, list[int]] = {}
    for number, kind in enumerate(kinds):
        for word in kind_words[kind]:
            by_word.setdefault(word, []).append(number)
    words = {word: indices for word, indices in sorted(by_word.items()) if len(indices) >= 2}
    return {"about": "Kinds of department (docproc.reference.department_kind) and, per word used by two "
                     "kinds or more, the indices of the kinds using it. Built by corpus/build_reference.py "
                     f"from {used} real documents of ../shared (corpus, corpus2 development part).",
            "documents": used, "kinds": kinds, "words": words}


def main() -> int:
    if not (SHARED / "corpus").is_dir():
        print(f"没有找到 {SHARED}/corpus（真实文本），无法生成参考词频。")
        return 1
    data = build()
    target = REPO / "corpus" / "dict" / "reference_df.json"
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"已写入 {target}：{data['documents']} 份文件，{len(data['kinds'])} 类部门，{len(data['words'])} 个词")
    return 0


if __name__ == "__main__":
    sys.exit(main())
