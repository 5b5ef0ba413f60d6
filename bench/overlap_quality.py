"""Quality of overlap detection: our method against a plain TF-IDF baseline, in one run.

1. The sample city: recall of its planted overlaps and precision of the top-k
   findings (k = number planted; the key's incidental real overlaps count as right).
2. Real texts of ../shared/corpus: hand-labelled pairs of duty items from
   different documents that describe the same matter
   (tests/data/shared_overlap_pairs.json), searched with --across-governments:
   recall, and how many findings rank above the first true one.
3. GOLD_PAIRS.md: share of the gold department pairs recovered from the files
   they cite (tests/data/gold_pairs.json) by the parser's 职责分工/划入 statements
   and docproc.relations, against naive co-mention of department names.

The baseline is word TF-IDF cosine over the raw duty texts: jieba's own
dictionary, no domain terms, no stop list, no clause splitting.

    .venv/bin/python bench/overlap_quality.py
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared")) / "corpus"
SAMPLE = REPO / "corpus" / "sample_city"
DATA = REPO / "tests" / "data"


def baseline_findings(documents, *, across_governments: bool = False, min_score: float = 0.0, limit: int = 2000):
    """Plain word TF-IDF cosine over whole duty texts (jieba defaults, nothing removed)."""
    import jieba
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from docproc.findings import Finding
    from docproc.overlap import _items

    items = _items(documents, within=False)
    tokens = [[w for w in jieba.lcut(item.text) if w.strip()] for item in items]
    vectorizer = TfidfVectorizer(analyzer=lambda words: words)
    matrix = vectorizer.fit_transform(tokens)
    similarity = (matrix @ matrix.T).toarray()
    pairs = []
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i], items[j]
            if a.department == b.department and a.government == b.government:
                continue
            if not across_governments and a.government != b.government:
                continue
            if similarity[i, j] > min_score:
                pairs.append((float(similarity[i, j]), i, j))
    pairs.sort(reverse=True)
    findings = []
    for value, i, j in pairs[:limit]:
        shared = sorted(set(tokens[i]) & set(tokens[j]), key=len, reverse=True)
        findings.append(Finding(a=items[i], b=items[j], score=value, terms=shared, kind="overlap",
                                topic="", matter_a=items[i].text, matter_b=items[j].text))
    del np
    return findings


def part_one() -> None:
    from docproc import parse
    from docproc.answer_key import score
    from docproc.overlap import OverlapFinder

    answers = json.loads((SAMPLE / "answers.json").read_text("utf-8"))
    documents = [parse(path) for path in sorted((SAMPLE / "source").glob("*.txt"))]
    ours = OverlapFinder().fit(documents).findings_ + \
        OverlapFinder(within_departments=True).fit(documents).findings_
    plain = baseline_findings(documents)
    print("1. 示例市（植入的职责交叉 %d 处）" % len(answers["overlaps"]))
    for name, findings in (("本方法", ours), ("基线", plain)):
        result = score(findings, answers)
        kinds = sum(result.kinds_right.values())
        print(f"   {name}：召回 {result.recall:.2f}，前 {result.k} 条精确率 {result.precision_at_k:.2f}，"
              f"类型正确 {kinds}/{len(result.found)}，误报的植入非交叉 {len(result.false_non_overlaps)} 处")


def _ref_matches(ref, side: dict) -> bool:
    return (ref.file == side["file"] and ref.section == side["section"] and ref.no == side["no"]
            and (side["section"] == "duties" or ref.division == side.get("division")))


def part_two() -> None:
    from docproc import parse
    from docproc.overlap import OverlapFinder

    path = DATA / "shared_overlap_pairs.json"
    if not path.exists():
        print("2. 真实文本：缺少 tests/data/shared_overlap_pairs.json，跳过")
        return
    pairs = json.loads(path.read_text("utf-8"))["pairs"]
    files = sorted({p[side]["file"] for p in pairs for side in ("a", "b")})
    documents = [parse(SHARED / name) for name in files]
    for doc in documents:
        # Each text is its own context (a different government or era), as in 对标.
        doc.government = f"{doc.government or '未识别'}·{doc.file}"
        doc.department = doc.department or doc.file
    ours = OverlapFinder(across_governments=True, min_score=0.1).fit(documents).findings_
    plain = baseline_findings(documents, across_governments=True)
    print(f"2. 共享语料真实文本（人工标注的同一事项 {len(pairs)} 对，{len(files)} 份文件，跨政府比对）")
    for name, findings in (("本方法", ours), ("基线", plain)):
        ranks = []
        for pair in pairs:
            rank = next((n for n, f in enumerate(findings)
                         if (_ref_matches(f.a, pair["a"]) and _ref_matches(f.b, pair["b"])) or
                         (_ref_matches(f.a, pair["b"]) and _ref_matches(f.b, pair["a"]))), None)
            ranks.append(rank)
        found = [r for r in ranks if r is not None]
        first_true = min(found) if found else None
        print(f"   {name}：召回 {len(found) / len(pairs):.2f}（{len(found)}/{len(pairs)}），"
              f"第一条正确结果之前有 {first_true if first_true is not None else '—'} 条，共 {len(findings)} 条结果")


def part_three() -> None:
    path = DATA / "gold_pairs.json"
    try:
        from docproc.relations import department_pairs, pair_recovered
    except ImportError:
        department_pairs = None
    if not path.exists() or department_pairs is None:
        print("3. GOLD_PAIRS：缺少 docproc/relations.py 或 tests/data/gold_pairs.json，跳过")
        return
    from docproc import parse
    from docproc.names import find_departments
    from docproc.normalize import for_matching

    gold = json.loads(path.read_text("utf-8"))
    rows = gold["rows"] if isinstance(gold, dict) else gold
    cache: dict[str, tuple] = {}
    ours = plain = 0
    for row in rows:
        if row["file"] not in cache:
            doc = parse(SHARED / row["file"])
            text = (SHARED / row["file"]).read_text("utf-8")
            cache[row["file"]] = (department_pairs(doc, text), _co_mentions(for_matching(text), find_departments))
        relations, co_mentioned = cache[row["file"]]
        ours += pair_recovered(row, relations)
        plain += _plain_recovered(row, co_mentioned)
    print(f"3. GOLD_PAIRS（{len(rows)} 对部门）")
    print(f"   本方法：找回 {ours / len(rows):.2f}（{ours}/{len(rows)}）")
    print(f"   基线（同一句中同时出现的部门名）：找回 {plain / len(rows):.2f}（{plain}/{len(rows)}）")


def _co_mentions(text: str, find_departments) -> list[tuple[str, str]]:
    import re

    pairs = []
    for sentence in re.split(r"[。；;\n]", text):
        names = find_departments(sentence)
        pairs += [(a, b) for n, a in enumerate(names) for b in names[n + 1:]]
    return pairs


def _plain_recovered(row: dict, pairs: list[tuple[str, str]]) -> bool:
    from docproc.normalize import for_matching

    a, b = for_matching(row["a"]), for_matching(row["b"])
    return any({a, b} == {x, y} for x, y in pairs)


def main() -> None:
    part_one()
    part_two()
    part_three()


if __name__ == "__main__":
    main()
