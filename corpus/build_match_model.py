"""Build corpus/dict/match_model.json: the weights of the 对标 pair score (docproc.benchmark).

Each candidate pair of duties of one kind of department in two governments
(docproc.benchmark.kind_candidates) is described by the score the hand-set rules give it
(scaled, competed, corroborated) and by how it stands among its neighbours: its ratios to each
duty's best match in the other list and its margin over their rivals, how far the other
departments' lists agree, and where the two duties stand in their lists (docproc.benchmark.FEATURES).
A logistic regression on the standardised features and their pairwise products learns how much
each counts; its probabilities then give the neighbourhood again, and a second regression weighs
both readings (SECOND_FEATURES).

Two features are models of their own (corpus/dict/matter_grams.json, docproc.benchmark.MatterModel):
logistic regressions over which two- and three-character grams a candidate pair shares (`shared`), so that the
grams of a matter (`最低生活保障`) count and those of every duty of the trade (`监督管理`) do not, and over which
only one of its duties has (`apart`). The pair model is fitted on those features read out of fold: each half of
the groups (by position) with the matter models of the other half. The models shipped are fitted on all the
groups.

Trained on the development groups only of the blind-written 对标 sets
tests/data/duty_match_blind*.json: a pair is positive when the writer gave both duties one
matter or one duty touches the other's matter. The evaluation groups, and all of
../shared/corpus2, stay unseen.

    .venv/bin/python corpus/build_match_model.py    # rewrites corpus/dict/match_model.json and matter_grams.json
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from docproc.benchmark import FEATURES, SECOND_FEATURES, Candidates, GramModel, MatterModel, grams_apart, matter_grams  # noqa: E402

DATA = REPO / "tests" / "data"
C = 1.0  # fitted on half the development groups and read on the other half: 0.1 to 10 rank alike
MATTER_C = 10.0  # the same reading of the matter model: 3 to 30 rank alike, 0.3 half as well
MATTER_FLOOR = 0.005  # lighter weights are left out of the shipped model, to keep it small
NO_MATTER = MatterModel(GramModel({}, np.zeros(0), 0.0), GramModel({}, np.zeros(0), 0.0))  # filled in out of fold


def development_groups() -> list[dict]:
    return [group for path in sorted(DATA.glob("duty_match_blind*.json"))
            for group in json.loads(path.read_text("utf-8"))["groups"] if group["part"] == "development"]


Circle = tuple[Candidates, np.ndarray, np.ndarray, list[str]]


def group_examples(group: dict) -> list[Circle]:
    """(candidates, duties, labelled, texts) of each circle of one group: which candidate pairs join two
    duties (the general divisions aside), which of those the writer labelled, and the duties' texts as the
    matter model reads them. The matter column is left empty."""
    from bench.overlap_quality import blind_match_documents, blind_match_pairs
    from docproc.benchmark import NEIGHBOURS, kind_candidates, kind_circles
    from docproc.findings import simplified
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
    out = []
    for _, members in kind_circles(items, finder.kinds_):
        found = kind_candidates(items, members, NEIGHBOURS, matter=NO_MATTER)
        if found is None:
            continue
        sides = [(items[members[f]], items[members[s]]) for f, s in zip(found.first.tolist(), found.second.tolist())]
        duties = np.array([x.section == "duties" and y.section == "duties" for x, y in sides], dtype=bool)
        labels = np.array([frozenset(((x.file, x.no), (y.file, y.no))) in labelled for x, y in sides], dtype=bool)
        out.append((found, duties, labels, [simplified(items[n].text) for n in members]))
    return out


def fit_matter(circles: list[Circle]) -> dict:
    """The weights of the grams a duty pair shares and of those only one of its duties has, from the labelled
    pairs of `circles`."""
    from scipy.sparse import vstack
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=matter_grams, binary=True, min_df=2)  # a gram of one duty says nothing
    vectorizer.fit([text for *_, texts in circles for text in texts])
    grams = vectorizer.get_feature_names_out()
    shared, apart, labels = [], [], []
    for found, duties, labelled, texts in circles:
        rows = vectorizer.transform(texts)
        first, second = rows[found.first[duties]], rows[found.second[duties]]
        shared.append(first.multiply(second))
        apart.append(grams_apart(first, second))
        labels.append(labelled[duties])
    labels = np.concatenate(labels)
    return {"shared": _fit_grams(vstack(shared).tocsr(), labels, grams),
            "apart": _fit_grams(vstack(apart).tocsr(), labels, grams)}


def _fit_grams(rows, labels: np.ndarray, grams) -> dict:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=MATTER_C, solver="liblinear", random_state=0).fit(rows, labels)
    weights = {gram: round(float(w), 4) for gram, w in zip(grams, fitted.coef_[0]) if abs(w) >= MATTER_FLOOR}
    return {"intercept": round(float(fitted.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def with_matter(circles: list[Circle], model: dict) -> None:
    """The matter columns of `circles` read with `model`."""
    matter = MatterModel.from_dict(model)
    for found, _, _, texts in circles:
        shared, apart = matter.scores(texts, found.first, found.second)
        found.features[:, FEATURES.index("shared")] = shared
        found.features[:, FEATURES.index("apart")] = apart


def fit(features: np.ndarray, labels: np.ndarray) -> dict:
    from sklearn.linear_model import LogisticRegression

    from docproc.benchmark import products

    mean, scale = np.nanmean(features, axis=0), np.nanstd(features, axis=0)
    scale[scale == 0] = 1.0
    # a feature that cannot be read (two governments: no third to agree) counts as average, as at run time
    standard = np.nan_to_num((features - mean) / scale, nan=0.0)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(products(standard), labels)
    return {"low": [round(float(x), 6) for x in np.nanmin(features, axis=0)],
            "high": [round(float(x), 6) for x in np.nanmax(features, axis=0)],
            "mean": [round(float(x), 6) for x in mean], "scale": [round(float(x), 6) for x in scale],
            "weights": [round(float(w), 6) for w in fitted.coef_[0]],
            "intercept": round(float(fitted.intercept_[0]), 6)}


def build() -> tuple[dict, dict]:
    """The pair model and the matter model."""
    from docproc.benchmark import logistic, second_features

    groups = development_groups()
    by_group = [group_examples(group) for group in groups]
    halves = [[circle for n, circles in enumerate(by_group) if n % 2 == half for circle in circles] for half in (0, 1)]
    for half in (0, 1):
        with_matter(halves[half], fit_matter(halves[1 - half]))
    circles = [circle for circles in by_group for circle in circles]
    labels = np.concatenate([labelled[duties] for _, duties, labelled, _ in circles])
    first = fit(np.vstack([found.features[duties] for found, duties, _, _ in circles]), labels)
    again = [second_features(found, logistic(found.features, first))[duties] for found, duties, _, _ in circles]
    second = fit(np.vstack(again), labels)
    source = f"the {len(groups)} development groups of tests/data/duty_match_blind*.json"
    model = {"about": "Weights of the 对标 pair score (docproc.benchmark.match_probability). Built by "
                      f"corpus/build_match_model.py from {len(labels)} candidate pairs ({int(labels.sum())} "
                      f"labelled) of {source}.",
             "first": {"features": list(FEATURES), **first},
             "second": {"features": list(SECOND_FEATURES), **second}}
    matter = {"about": "Weights of the grams two duties share (docproc.benchmark.MatterModel). Built by "
                       f"corpus/build_match_model.py from the candidate pairs of {source}.", **fit_matter(circles)}
    return model, matter


def main() -> int:
    from docproc.benchmark import MATCH_MODEL, MATTER_MODEL

    model, matter = build()
    MATCH_MODEL.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    weights = len(model['first']['weights']) + len(model['second']['weights'])
    print(f"已写入 {MATCH_MODEL.relative_to(REPO)}：两次读取共 {weights} 个特征权重。")
    MATTER_MODEL.write_text(json.dumps(matter, ensure_ascii=False, indent=0) + "\n", "utf-8")
    grams = len(matter["shared"]["weights"]) + len(matter["apart"]["weights"])
    print(f"已写入 {MATTER_MODEL.relative_to(REPO)}：{grams} 个字串权重。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
