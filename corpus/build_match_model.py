"""Build corpus/dict/match_model.json: the weights of the 对标 pair score (docproc.benchmark).

Each candidate pair of duties of one kind of department in two governments
(docproc.benchmark.kind_candidates) is described by the score the hand-set rules give it
(scaled, competed, corroborated), the lower of its ratios to each duty's best match in the
other list, and the share of the other departments in which both duties have the same best
match (docproc.benchmark.FEATURES). A logistic regression on the standardised features learns
how much each counts.

Trained on the development groups only of the blind-written 对标 sets
tests/data/duty_match_blind*.json: a pair is positive when the writer gave both duties one
matter or one duty touches the other's matter. The evaluation groups, and all of
../shared/corpus2, stay unseen.

    .venv/bin/python corpus/build_match_model.py        # rewrites corpus/dict/match_model.json
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from docproc.benchmark import FEATURES  # noqa: E402

DATA = REPO / "tests" / "data"
C = 1.0  # leave-one-group-out over the development groups: 0.1 to 10 rank alike


def development_groups() -> list[dict]:
    return [group for path in sorted(DATA.glob("duty_match_blind*.json"))
            for group in json.loads(path.read_text("utf-8"))["groups"] if group["part"] == "development"]


def group_examples(group: dict) -> tuple[np.ndarray, np.ndarray]:
    """(features, labelled) of every candidate pair of one group's duties."""
    from bench.overlap_quality import blind_match_documents, blind_match_pairs
    from docproc.benchmark import kind_candidates, kind_circles
    from docproc.overlap import OverlapFinder

    with tempfile.TemporaryDirectory() as folder:
        documents, numbers = blind_match_documents(group, Path(folder))
    labelled = set()
    for pair in blind_match_pairs(group):
        a, b = numbers[pair["a"]], numbers[pair["b"]]
        if a is not None and b is not None:
            files = [group["documents"][pair[side][0]]["file"] for side in ("a", "b")]
            labelled.add(frozenset(((files[0], a), (files[1], b))))
    finder = OverlapFinder(across_governments=True)
    finder._prepare(documents, within=False, general=True)
    items = finder.items_
    features, labels, duties = [], [], []
    for _, members in kind_circles(items, finder.kinds_):
        found = kind_candidates(items, members, finder.top_k)
        if found is None:
            continue
        first, second, rows = found
        sides = [(items[members[f]], items[members[s]]) for f, s in zip(first.tolist(), second.tolist())]
        features.append(rows)
        duties += [x.section == "duties" and y.section == "duties" for x, y in sides]
        labels += [frozenset(((x.file, x.no), (y.file, y.no))) in labelled for x, y in sides]
    if not features:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)
    keep = np.array(duties, dtype=bool)
    return np.vstack(features)[keep], np.array(labels, dtype=bool)[keep]


def fit(examples: list[tuple[np.ndarray, np.ndarray]]) -> dict:
    from sklearn.linear_model import LogisticRegression

    features = np.vstack([f for f, _ in examples])
    labels = np.concatenate([y for _, y in examples])
    mean, scale = np.nanmean(features, axis=0), np.nanstd(features, axis=0)
    scale[scale == 0] = 1.0
    # a feature that cannot be read (two governments: no third to agree) counts as average, as at run time
    standard = np.nan_to_num((features - mean) / scale, nan=0.0)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(standard, labels)
    return {"mean": [round(float(x), 6) for x in mean], "scale": [round(float(x), 6) for x in scale],
            "weights": [round(float(w), 6) for w in fitted.coef_[0]],
            "intercept": round(float(fitted.intercept_[0]), 6), "pairs": int(len(labels)),
            "labelled": int(labels.sum())}


def build() -> dict:
    groups = development_groups()
    model = fit([group_examples(group) for group in groups])
    return {"about": "Weights of the 对标 pair score (docproc.benchmark.match_probability). Built by "
                     f"corpus/build_match_model.py from {model['pairs']} candidate pairs ({model['labelled']} "
                     f"labelled) of the {len(groups)} development groups of tests/data/duty_match_blind*.json.",
            "features": list(FEATURES), **{k: model[k] for k in ("mean", "scale", "weights", "intercept")}}


def main() -> int:
    model = build()
    target = REPO / "corpus" / "dict" / "match_model.json"
    target.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"已写入 {target.relative_to(REPO)}：{len(model['weights'])} 个特征权重。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
