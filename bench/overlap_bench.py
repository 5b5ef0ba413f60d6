"""Overlap detection at scale: 5k, 50k and 200k duty items.

Items are generated from the corpus vocabulary: real duty clauses of the
sample city and ../shared/corpus with their object words swapped for other
objects of the domain dictionary, so no two items are copies of one sentence.

For each size it prints the seconds and peak memory (RSS of a fresh child
process) of the whole pipeline (segmentation, weighting, candidate search,
scoring), then, in the same run and on the same features, scikit-learn's
exact `NearestNeighbors(metric="cosine", algorithm="brute")` as the baseline
and the recall of our top-10 neighbours against it.  At 200k the exact
baseline is run on a sample of query rows and its time scaled up (said so).

    .venv/bin/python bench/overlap_bench.py [--sizes 5000,50000,200000]

The dense case (`--dense 50000`) reuses real clauses as they are, as real duty texts reuse
their wording (500 departments of 100 items at 50,000): many pairs share whole clauses, so
most of the time goes into the findings. It prints our end-to-end time for the top 10
findings against, in the same run, jieba + TF-IDF + scikit-learn brute-force kNN over the
same items (whole duty texts, 10 neighbours each), and the ratio.

    .venv/bin/python bench/overlap_bench.py --dense 50000
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SHARED = Path(os.environ.get("SANDING_SHARED", REPO.parent / "shared")) / "corpus"
ITEMS_PER_DEPARTMENT = 40
DEPARTMENTS_PER_GOVERNMENT = 40


def vocabulary() -> tuple[list[str], list[str]]:
    """Real duty clauses and the domain's object terms."""
    from docproc import parse
    from docproc.normalize import for_matching
    from docproc.overlap import split_matters
    from docproc.segment import USERDICT, read_word_list

    files = sorted((REPO / "corpus" / "sample_city" / "source").glob("*.txt")) + sorted(SHARED.glob("0*.txt"))
    clauses = []
    for path in files:
        doc = parse(path)
        texts = [d.text for d in doc.duties if not d.boilerplate]
        texts += [duty for division in doc.divisions for duty in division.duties]
        for text in texts:
            clauses.extend(c for c in split_matters(for_matching(text)) if 8 <= len(c) <= 60)
    objects = sorted(w for w in read_word_list(USERDICT) if 3 <= len(w) <= 8 and not w.endswith(("局", "委员会", "厅")))
    return clauses, objects


def generate(n_items: int, seed: int = 7):
    """Documents of generated departments with `n_items` duties in all."""
    from docproc.model import Document, Duty
    from docproc.segment import default_segmenter

    rng = random.Random(seed)
    clauses, objects = vocabulary()
    segmenter = default_segmenter()
    templates = []
    for clause in clauses:
        words = [w for w in segmenter.objects(segmenter.words(clause)) if w in clause and len(w) >= 2]
        templates.append((clause, words))
    documents = []
    departments = max(2, n_items // ITEMS_PER_DEPARTMENT)
    for number in range(departments):
        government = f"生成{number // DEPARTMENTS_PER_GOVERNMENT}市"
        doc = Document(file=f"gen{number}.txt", department=f"{government}第{number}局", government=government)
        for item in range(ITEMS_PER_DEPARTMENT):
            if len(documents) * ITEMS_PER_DEPARTMENT + item >= n_items:
                break
            parts = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                clause, words = rng.choice(templates)
                for word in words[:2]:
                    if rng.random() < 0.7:
                        clause = clause.replace(word, rng.choice(objects), 1)
                parts.append(clause)
            doc.duties.append(Duty(no=item + 1, label=f"（{item + 1}）", text="，".join(parts) + "。"))
        documents.append(doc)
    return documents


def generate_dense(n_items: int, seed: int = 11, per_department: int = 100):
    """One government of departments whose duties are 1–3 real clauses drawn with replacement."""
    from docproc.model import Document, Duty

    rng = random.Random(seed)
    clauses, _ = vocabulary()
    documents = []
    for number in range(max(2, n_items // per_department)):
        doc = Document(file=f"dense{number}.txt", department=f"稠密市第{number}局", government="稠密市")
        for item in range(per_department):
            text = "，".join(rng.choice(clauses) for _ in range(rng.choice((1, 1, 2, 3)))) + "。"
            doc.duties.append(Duty(no=item + 1, label=f"（{item + 1}）", text=text))
        documents.append(doc)
    return documents


def measure_dense(n_items: int, top: int = 10) -> dict:
    """Our top findings end to end against jieba + TF-IDF + brute-force kNN, in this process."""
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    from docproc.overlap import OverlapFinder
    from docproc.segment import default_segmenter

    documents = generate_dense(n_items)
    default_segmenter()  # dictionaries loaded before either clock starts
    jieba.initialize()
    start = time.perf_counter()
    finder = OverlapFinder().fit(documents)
    shown = [(f.a.text, f.b.text, f.score, f.terms[:3], f.kind) for f in finder.findings_[:top]]
    ours = time.perf_counter() - start
    texts = [duty.text for doc in documents for duty in doc.duties]
    start = time.perf_counter()
    matrix = TfidfVectorizer(analyzer=lambda text: [w for w in jieba.lcut(text) if w.strip()]).fit_transform(texts)
    NearestNeighbors(n_neighbors=top + 1, metric="cosine", algorithm="brute").fit(matrix).kneighbors(matrix)
    baseline = time.perf_counter() - start
    return {"items": len(texts), "seconds": ours, "baseline_seconds": baseline, "findings": len(finder.findings_),
            "shown": len(shown)}


_CHILD = r"""
import json, sys, time, resource
sys.path.insert(0, sys.argv[1])
from bench.overlap_bench import generate, measure
print(json.dumps(measure(int(sys.argv[2]), sys.argv[3] == "1")))
"""


def measure(n_items: int, with_baseline: bool) -> dict:
    """Run the pipeline (and the baseline) on `n_items` generated items in this process."""
    import resource

    import numpy as np

    from docproc.overlap import OverlapFinder, _matters, candidate_pairs, segment_items, tfidf_features
    from docproc.segment import default_segmenter

    documents = generate(n_items)
    segmenter = default_segmenter()
    start = time.perf_counter()
    finder = OverlapFinder(across_governments=False).fit(documents)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {"items": len(finder.items_), "seconds": seconds, "peak_mb": peak_mb,
              "findings": len(finder.findings_)}
    if not with_baseline:
        return result
    # Same features for both: the matters' weighted TF-IDF rows.
    matters = _matters(finder.items_, list(range(len(finder.items_))), segmenter, False,
                       segment_items(finder.items_))
    groups = [(finder.items_[m.item].government, finder.items_[m.item].department) for m in matters]
    matrix, _ = tfidf_features(matters, groups, segmenter, 0.35)
    k = 10
    start = time.perf_counter()
    ours = _topk_ours(matrix, k, candidate_pairs)
    result["ours_knn_seconds"] = time.perf_counter() - start
    from sklearn.neighbors import NearestNeighbors

    rows = matrix.shape[0]
    sample = np.arange(rows) if rows <= 60000 else np.random.default_rng(1).choice(rows, 3000, replace=False)
    start = time.perf_counter()
    exact = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(matrix)
    distances, indices = exact.kneighbors(matrix[sample])
    elapsed = time.perf_counter() - start
    result["baseline_seconds"] = elapsed * rows / len(sample)
    result["baseline_sampled"] = len(sample) < rows
    result["recall_at_10"] = _recall(ours, sample, distances, indices, k)
    result["matters"] = rows
    return result


def _topk_ours(matrix, k, candidate_pairs):
    """Each row's top-k neighbours by our sparse top-k product (no threshold, self removed)."""
    from sparse_dot_topn import sp_matmul_topn

    product = sp_matmul_topn(matrix, matrix.T.tocsr(), top_n=k + 1, n_threads=2).tocsr()
    return product


def _recall(ours, sample, distances, indices, k) -> float:
    """Share of exact top-k neighbours we also return; ties at the k-th similarity count as found."""
    hits = total = 0
    for position, row in enumerate(sample):
        start, end = ours.indptr[row], ours.indptr[row + 1]
        our_cols = dict(zip(ours.indices[start:end].tolist(), ours.data[start:end].tolist()))
        our_cols.pop(int(row), None)
        exact = [(int(c), 1.0 - float(d)) for c, d in zip(indices[position], distances[position]) if int(c) != row][:k]
        exact = [(c, s) for c, s in exact if s > 1e-9]  # rows with no shared word have no neighbours
        if not exact:
            continue
        kth = min(our_cols.values()) if len(our_cols) >= k else 0.0
        for column, similarity in exact:
            total += 1
            hits += column in our_cols or similarity <= kth + 1e-6
    return hits / total if total else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,50000,200000")
    parser.add_argument("--dense", type=int, help="只测稠密情形（真实条文重复使用）的条目数，如 50000")
    args = parser.parse_args()
    if args.dense:
        r = measure_dense(args.dense)
        print(f"稠密情形：{r['items']} 条，本方法前 10 条结果全流程 {r['seconds']:.1f} 秒"
              f"（共 {r['findings']} 条结果），基线（jieba + TF-IDF + 暴力 kNN）{r['baseline_seconds']:.1f} 秒，倍数 "
              f"{r['baseline_seconds'] / r['seconds']:.1f}")
        return
    print(f"{'条目':>8}{'匹配单元':>10}{'全流程秒':>10}{'峰值内存MB':>12}{'发现':>8}"
          f"{'我们top10秒':>12}{'基线秒':>10}{'倍数':>8}{'召回@10':>9}")
    for size in [int(s) for s in args.sizes.split(",")]:
        output = subprocess.run([sys.executable, "-c", _CHILD, str(REPO), str(size), "1"],
                                capture_output=True, text=True, check=True, cwd=REPO).stdout
        r = json.loads(output.strip().splitlines()[-1])
        speedup = r["baseline_seconds"] / r["ours_knn_seconds"]
        note = "（基线为抽样估计）" if r["baseline_sampled"] else ""
        print(f"{r['items']:>8}{r['matters']:>10}{r['seconds']:>10.1f}{r['peak_mb']:>12.0f}{r['findings']:>8}"
              f"{r['ours_knn_seconds']:>12.2f}{r['baseline_seconds']:>10.1f}{speedup:>8.1f}"
              f"{r['recall_at_10']:>9.3f}{note}")
    print("全流程含分词、加权、候选检索和打分；峰值内存为独立子进程在全流程结束时的最大常驻内存（基线之前）。")


if __name__ == "__main__":
    main()
