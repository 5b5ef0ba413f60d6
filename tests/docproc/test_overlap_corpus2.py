"""对标 on ../shared/corpus2, against the plain baseline in the same run (bench/overlap_quality.py).

Development kinds were tuned on; evaluation kinds (corpus/splits/corpus2.json) were not, and
here only have to beat the baseline as the issue asks. The reference statistics shipped in
corpus/dict/reference_df.json must be what corpus/build_reference.py makes of ../shared.
"""
from __future__ import annotations

import json
import sys
from functools import lru_cache

import pytest

from shared_paths import HAVE_SHARED, REPO, SHARED_CORPUS2, SHARED_REASON

if not HAVE_SHARED or not SHARED_CORPUS2.is_dir():
    pytest.skip(SHARED_REASON, allow_module_level=True)

sys.path.insert(0, str(REPO))
from bench import overlap_quality as quality  # noqa: E402

LABELS = {label["file"]: label for label in json.loads((SHARED_CORPUS2 / "labels.json").read_text("utf-8"))}
PAIRS = json.loads((SHARED_CORPUS2 / "item_pairs.json").read_text("utf-8"))
SPLIT = json.loads(quality.SPLIT.read_text("utf-8"))


@lru_cache(maxsize=2)
def _totals(part: str) -> dict[str, list[int]]:
    from docproc.overlap import OverlapFinder

    totals: dict[str, list[int]] = {"ours": [0, 0, 0, 0], "baseline": [0, 0, 0, 0]}
    for kind in sorted({LABELS[name]["kind"] for name in SPLIT[part]}):
        members = [name for name in SPLIT[part] if LABELS[name]["kind"] == kind]
        pairs = [p for p in PAIRS if p["kind"] == kind and p["a"]["file"] in members and p["b"]["file"] in members]
        if len(members) < 2 or not pairs:
            continue
        documents = quality.corpus2_documents(members, LABELS)
        runs = {"ours": OverlapFinder(across_governments=True).fit(documents).findings_,
                "baseline": [f for f in quality.baseline_findings(documents, across_governments=True)
                             if f.score >= 0.3]}
        for name, findings in runs.items():
            result = quality.benchmark_scores(findings, pairs)
            for n, field in enumerate(("found_same", "same", "right_in_top", "r")):
                totals[name][n] += result[field]
    return totals


@pytest.mark.parametrize("name", ["development", "evaluation"])
def test_benchmark_beats_the_baseline(name):
    totals = _totals(name)
    ours, baseline = totals["ours"], totals["baseline"]
    assert ours[0] / ours[1] > baseline[0] / baseline[1], (name, totals)  # recall at the default threshold
    assert ours[2] / ours[3] > baseline[2] / baseline[3], (name, totals)  # precision of the top R


def test_benchmark_on_the_development_kinds():
    totals = _totals("development")
    found, same, right, top = totals["ours"]
    # 97 of 105 in the top R with the model fitted on blind sets 1–58, 96 with sets 1–62: two pairs of the
    # three 城市管理 lists 0.002 apart change places; the bar allows that one pair
    assert found / same >= 0.95 and right / top >= 0.91, totals


def test_the_shipped_reference_is_built_from_shared():
    from corpus.build_reference import build

    shipped = json.loads((REPO / "corpus" / "dict" / "reference_df.json").read_text("utf-8"))
    assert build() == shipped
