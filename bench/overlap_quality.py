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

The baseline is word TF-IDF cosine over the whole duty texts (simplified characters):
jieba's own dictionary, no domain terms, no stop list, no clause splitting.
4. ../shared/corpus2 (对标): each kind of department across its governments, by part of
   corpus/splits/corpus2.json: recall of the hand-judged `same` pairs at the default
   threshold and at a lower --min-score, and precision of the top R findings (R = labelled
   pairs, same or partial), for our method and the baseline.
5. ../shared/corpus (development), 对标 of 三定 of one kind across levels and eras: every
   same-matter pair of 主要职责 items hand-judged (corpus/labels/corpus_item_pairs.json), scored
   as in 4.
6. Blind-written 对标 sets (tests/data/duty_match_blind*.json): duty lists of one kind across 8
   invented governments, each item labelled with the matter it describes; scored as in 4, by part.

    .venv/bin/python bench/overlap_quality.py
"""
from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared")) / "corpus"
SAMPLE = REPO / "corpus" / "sample_city"
DATA = REPO / "tests" / "data"

from docproc.overlap import BENCHMARK_MIN_SCORE  # noqa: E402

DEFAULT_RUN = f"本方法（默认阈值，对标 {BENCHMARK_MIN_SCORE}）"
LOW = 0.05  # a lower --min-score than the default, to show what the default leaves out


def baseline_findings(documents, *, across_governments: bool = False, min_score: float = 0.0, limit: int = 2000):
    """Plain word TF-IDF cosine over whole duty texts (jieba defaults, nothing removed)."""
    import jieba
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from docproc.findings import Finding, simplified
    from docproc.overlap import _items

    items = _items(documents, within=False)
    # Traditional characters made simplified first, so that the baseline is not handicapped by them.
    tokens = [[w for w in jieba.lcut(simplified(item.text)) if w.strip()] for item in items]
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
    cut = {(doc.file, duty.no) for doc in documents for duty in doc.duties if duty.incomplete}
    skipped = [p for p in pairs if any(p[side]["section"] == "duties" and (p[side]["file"], p[side]["no"]) in cut
                                       for side in ("a", "b"))]
    pairs = [p for p in pairs if p not in skipped]
    print(f"2. 共享语料真实文本（人工标注的同一事项 {len(pairs)} 对，{len(files)} 份文件，跨政府比对；"
          f"另有 {len(skipped)} 对涉及文本截断的不完整条目，按设计不参与比对）")
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


CORPUS2 = SHARED.parent / "corpus2"
SPLIT = REPO / "corpus" / "splits" / "corpus2.json"


def corpus2_documents(files: list[str], labels: dict) -> list:
    """Parsed corpus2 files, each under its own government (对标: one department per government)."""
    from docproc import parse

    documents = []
    for name in files:
        doc = parse(CORPUS2 / name)
        label = labels[name]
        doc.assign(doc.department or label["department_inferred"], f"{label['government']}·{name}")
        documents.append(doc)
    return documents


def benchmark_scores(findings, pairs: list[dict]) -> dict:
    """Recall of the `same` pairs, and precision of the top R findings (R = labelled pairs of
    either strength; a finding is right when it is a labelled pair, same or partial), and of the
    top S findings (S = `same` pairs)."""
    def key(side_file, number):
        return (side_file, number)

    labelled = {}
    for pair in pairs:
        a, b = key(pair["a"]["file"], pair["a"]["index"] + 1), key(pair["b"]["file"], pair["b"]["index"] + 1)
        labelled[frozenset((a, b))] = pair["strength"]
    ranked = []
    for finding in findings:
        if finding.a.section != "duties" or finding.b.section != "duties":
            continue
        pair = frozenset((key(finding.a.file, finding.a.no), key(finding.b.file, finding.b.no)))
        if pair not in ranked:
            ranked.append(pair)
    same = [pair for pair, strength in labelled.items() if strength == "same"]
    found_same = sum(pair in set(ranked) for pair in same)
    top = ranked[:len(labelled)]
    right = sum(pair in labelled for pair in top)
    right_same = sum(pair in labelled for pair in ranked[:len(same)])
    return {"same": len(same), "found_same": found_same, "r": len(labelled), "right_in_top": right,
            "right_in_top_same": right_same}


def part_four(verbose: bool = False, parts: tuple[str, ...] = ("development", "evaluation")) -> None:
    """对标 on ../shared/corpus2: each kind of department across its governments, by split part."""
    from docproc.overlap import OverlapFinder

    if not (CORPUS2 / "labels.json").exists():
        print("4. corpus2：没有找到 ../shared/corpus2，跳过")
        return
    labels = {label["file"]: label for label in json.loads((CORPUS2 / "labels.json").read_text("utf-8"))}
    pairs = json.loads((CORPUS2 / "item_pairs.json").read_text("utf-8"))
    split = json.loads(SPLIT.read_text("utf-8"))
    print("4. corpus2 对标（同类部门跨政府比对；召回 = 找到的 same 对；前 R 条 / 前 S 条中的标注对，"
          "R = same 与 partial 对数，S = same 对数）")
    for part in parts:
        files = split[part]
        kinds = sorted({labels[name]["kind"] for name in files})
        totals: dict[str, dict] = {}
        for kind in kinds:
            members = [name for name in files if labels[name]["kind"] == kind]
            kind_pairs = [p for p in pairs if p["kind"] == kind and p["a"]["file"] in members
                          and p["b"]["file"] in members]
            if len(members) < 2 or not kind_pairs:
                continue
            documents = corpus2_documents(members, labels)
            plain = baseline_findings(documents, across_governments=True)
            runs = {
                DEFAULT_RUN: OverlapFinder(across_governments=True).fit(documents).findings_,
                "本方法（--min-score 0.3）":
                    OverlapFinder(across_governments=True, min_score=0.3).fit(documents).findings_,
                f"本方法（--min-score {LOW}）":
                    OverlapFinder(across_governments=True, min_score=LOW).fit(documents).findings_,
                "基线（阈值 0.3）": [finding for finding in plain if finding.score >= 0.3],
                "基线（不设阈值）": plain,
            }
            for name, findings in runs.items():
                result = benchmark_scores(findings, kind_pairs)
                total = totals.setdefault(name, {"same": 0, "found_same": 0, "r": 0, "right_in_top": 0,
                                                 "right_in_top_same": 0})
                for field in total:
                    total[field] += result[field]
                if verbose and part == "development":
                    print(f"     {kind}（{len(members)} 个政府）{name}：召回 {result['found_same']}/{result['same']}，"
                          f"前 {result['r']} 条中标注对 {result['right_in_top']}")
        for name, total in totals.items():
            recall = total["found_same"] / total["same"] if total["same"] else 0
            precision = total["right_in_top"] / total["r"] if total["r"] else 0
            print(f"   {part:12} {name}：召回 {recall:.2f}（{total['found_same']}/{total['same']}），"
                  f"前 R 条精确率 {precision:.2f}（{total['right_in_top']}/{total['r']}），"
                  f"前 S 条 {total['right_in_top_same'] / total['same']:.2f}"
                  f"（{total['right_in_top_same']}/{total['same']}）")


_RUN_IN_LABEL = re.compile(r"^[一二三四五六七八九十]{1,3}是(?=[\u4e00-\u9fff])")


def _item_number(doc, start: str) -> int | None:
    """The number of the parsed duty whose text opens with a label's `start` (simplified, no spaces; a list
    label the writer copied with the duty, `（1）`, is no part of it)."""
    from docproc.labels import match_label
    from docproc.normalize import for_matching

    def plain(text: str) -> str:
        return "".join(for_matching(text).split())

    text = _RUN_IN_LABEL.sub("", plain(start))  # (or a run-in list's `一是` copied with it)
    opening = match_label(text)[1][:12] or text[:12]
    for duty in doc.duties:
        if opening in plain(duty.text)[:40]:
            return duty.no
    return None


def part_five() -> None:
    """对标 of 三定 duty lists of one kind across levels and eras (../shared/corpus, development)."""
    from docproc import parse
    from docproc.overlap import OverlapFinder

    path = REPO / "corpus" / "labels" / "corpus_item_pairs.json"
    if not SHARED.exists() or not path.exists():
        print("5. 共享语料对标：没有找到 ../shared/corpus 或标注，跳过")
        return
    labels = json.loads(path.read_text("utf-8"))
    print("5. 共享语料三定对标（开发集；同类部门跨层级、跨年代；召回 = 找到的 same 对；前 R 条中的标注对）")
    totals: dict[str, dict] = {}
    for group in dict.fromkeys(item["group"] for item in labels["items"]):
        files = list(dict.fromkeys(item["file"] for item in labels["items"] if item["group"] == group))
        documents = [parse(SHARED / name) for name in files]
        for doc in documents:
            doc.assign(doc.department or doc.file, f"{doc.government or '未识别'}·{doc.file}")
        by_file = {doc.file: doc for doc in documents}
        unmapped = 0
        pairs = []
        for pair in (p for p in labels["pairs"] if p["group"] == group):
            sides = {side: _item_number(by_file[pair[side]["file"]], pair[side]["start"]) for side in ("a", "b")}
            if None in sides.values():
                unmapped += 1
                continue
            pairs.append({"a": {"file": pair["a"]["file"], "index": sides["a"] - 1},
                          "b": {"file": pair["b"]["file"], "index": sides["b"] - 1},
                          "strength": pair["strength"]})
        plain = baseline_findings(documents, across_governments=True)
        runs = {DEFAULT_RUN: OverlapFinder(across_governments=True).fit(documents).findings_,
                "本方法（--min-score 0.3）":
                    OverlapFinder(across_governments=True, min_score=0.3).fit(documents).findings_,
                "基线（不设阈值）": plain}
        for name, findings in runs.items():
            result = benchmark_scores(findings, pairs)
            total = totals.setdefault(name, dict.fromkeys(result, 0))
            for field in total:
                total[field] += result[field]
            print(f"     {group}（{len(files)} 份）{name}：召回 {result['found_same']}/{result['same']}，"
                  f"前 {result['r']} 条中标注对 {result['right_in_top']}"
                  + (f"（{unmapped} 对标注未对上解析出的条目）" if unmapped else ""))
    for name, total in totals.items():
        print(f"   合计 {name}：召回 {total['found_same'] / max(total['same'], 1):.2f}"
              f"（{total['found_same']}/{total['same']}），前 R 条精确率 "
              f"{total['right_in_top'] / max(total['r'], 1):.2f}（{total['right_in_top']}/{total['r']}）")


def blind_match_pairs(group: dict) -> list[dict]:
    """The labelled pairs of a blind 对标 group, from each item's `matter` and `touches`: two items
    of different documents with one `matter` are `same`; an item that touches the other's matter
    is `partial`. Indices are positions in the labelled `duties`."""
    items = [(d, i, duty) for d, document in enumerate(group["documents"])
             for i, duty in enumerate(document["duties"])]
    pairs = []
    for n, (d1, i1, x) in enumerate(items):
        for d2, i2, y in items[n + 1:]:
            if d1 == d2:
                continue
            if x["matter"] and x["matter"] == y["matter"]:
                strength = "same"
            elif (x["matter"] and x["matter"] in y["touches"]) or (y["matter"] and y["matter"] in x["touches"]):
                strength = "partial"
            else:
                continue
            pairs.append({"a": (d1, i1), "b": (d2, i2), "strength": strength})
    return pairs


def blind_match_documents(group: dict, folder: Path) -> tuple[list, dict]:
    """Each document of a blind 对标 group written to `folder` and parsed, under its own government;
    and, per (document, labelled index), the number of the parsed duty it maps to. A text is what a
    reader took from its file: one named `…部门预算.pdf` is read as the text it is, under that name."""
    from docproc import parse

    documents, numbers = [], {}
    for d, entry in enumerate(group["documents"]):
        path = folder / f"{d}.txt"
        path.write_text(entry["text"], encoding="utf-8")
        doc = parse(path, name=entry["file"] if entry["file"].endswith(".txt") else f"{entry['file']}.txt")
        doc.file = entry["file"]
        doc.assign(entry["department"], f"{entry['government']}·{entry['file']}")  # the signs read stay
        documents.append(doc)
        for i, duty in enumerate(entry["duties"]):
            numbers[(d, i)] = _item_number(doc, duty["text"])
    return documents, numbers


BLIND_MATCH = sorted(DATA.glob("duty_match_blind*.json"))


def part_six(parts: tuple[str, ...] = ("development", "evaluation")) -> None:
    """对标 on blind-written duty lists of one kind across 8 governments (tests/data/duty_match_blind*.json)."""
    import tempfile

    from docproc.overlap import OverlapFinder

    if not BLIND_MATCH:
        print("6. 盲写对标集：没有找到 tests/data/duty_match_blind*.json，跳过")
        return
    print("6. 盲写对标集（同类部门跨 8 个政府；召回 = 找到的 same 对；前 R 条中的标注对）")
    for part in parts:
        totals: dict[str, dict] = {}
        unmapped = 0
        for path in BLIND_MATCH:
            for group in json.loads(path.read_text("utf-8"))["groups"]:
                if group["part"] != part:
                    continue
                with tempfile.TemporaryDirectory() as folder:
                    documents, numbers = blind_match_documents(group, Path(folder))
                pairs = []
                for pair in blind_match_pairs(group):
                    a, b = numbers[pair["a"]], numbers[pair["b"]]
                    if a is None or b is None:
                        unmapped += 1
                        continue
                    files = [group["documents"][pair[side][0]]["file"] for side in ("a", "b")]
                    pairs.append({"a": {"file": files[0], "index": a - 1}, "b": {"file": files[1], "index": b - 1},
                                  "strength": pair["strength"]})
                default = OverlapFinder(across_governments=True).fit(documents).findings_
                runs = {DEFAULT_RUN: default,
                        "本方法（--min-score 0.3）":
                            OverlapFinder(across_governments=True, min_score=0.3).fit(documents).findings_,
                        f"本方法（--min-score {LOW}）":
                            OverlapFinder(across_governments=True, min_score=LOW).fit(documents).findings_,
                        "基线（不设阈值）": baseline_findings(documents, across_governments=True)}
                for name, findings in runs.items():
                    result = benchmark_scores(findings, pairs)
                    total = totals.setdefault(name, dict.fromkeys(result, 0))
                    for field in total:
                        total[field] += result[field]
                    if part == "development":
                        print(f"     {path.stem} {group['kind']}（{len(documents)} 份）{name}："
                              f"召回 {result['found_same']}/{result['same']}，前 {result['r']} 条中标注对 "
                              f"{result['right_in_top']}")
        for name, total in totals.items():
            print(f"   {part:12} {name}：召回 {total['found_same'] / max(total['same'], 1):.2f}"
                  f"（{total['found_same']}/{total['same']}），前 R 条精确率 "
                  f"{total['right_in_top'] / max(total['r'], 1):.2f}（{total['right_in_top']}/{total['r']}），"
                  f"前 S 条 {total['right_in_top_same'] / max(total['same'], 1):.2f}"
                  + (f"（{unmapped} 对标注未对上解析出的条目）" if unmapped else ""))


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="职责交叉识别质量：本方法与基线在同一次运行中比较。")
    parser.add_argument("--verbose", action="store_true", help="逐类列出开发集的结果")
    parser.add_argument("--development-only", action="store_true", help="对标只算开发集（调参时用，不看评估集）")
    parser.add_argument("--part", type=int, choices=range(1, 7), help="只运行这一部分")
    args = parser.parse_args()
    parts = {1: part_one, 2: part_two, 3: part_three,
             4: lambda: part_four(args.verbose, ("development",) if args.development_only
                                  else ("development", "evaluation")),
             5: part_five,
             6: lambda: part_six(("development",) if args.development_only else ("development", "evaluation"))}
    for number, run in parts.items():
        if args.part in (None, number):
            run()


if __name__ == "__main__":
    main()
