"""Build corpus/dict/pair_scorer.json: the weights of docproc.pair_scorer's model.

Trained on the development part only of the hand-judged statements in
tests/data/relation_statements_blind*.json (bench/relation_quality.py decides the parts: the
retired rounds whole, the development half of each later round); the evaluation halves stay
unseen. Every candidate pair of a text (docproc.pair_scorer.candidates) is an example, positive
when the writer judged the two departments a pair. A logistic regression with balanced classes
learns the weights; at run time a pair no rule found is kept when its probability reaches
THRESHOLD.

    .venv/bin/python corpus/build_pair_scorer.py        # rewrites corpus/dict/pair_scorer.json
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
THRESHOLD = 0.5  # chosen on the development halves of rounds 10 and 11 read by scorers that had not seen them
C = 0.3  # leave-one-round-out over rounds 10-29: a little more found and fewer wrong than C=1


def examples() -> tuple[list[frozenset[str]], list[bool], int]:
    """(features, judged a pair) of the first candidate of each pair in each development text."""
    from bench.relation_quality import DATA, part_of
    from docproc import parse
    from docproc.pair_scorer import candidates
    from docproc.read import read_file
    from docproc.relations import Relation, pair_recovered, relation_key, scorer_own

    features, labels, texts = [], [], 0
    with tempfile.TemporaryDirectory() as folder:
        for number, data in enumerate(DATA, 1):
            for case in json.loads(data.read_text("utf-8"))["cases"]:
                if part_of(case, number) != "development":
                    continue
                texts += 1
                path = Path(folder) / case["file"]
                path.write_text(case["text"], "utf-8")
                doc, raw = parse(path), read_file(path)
                judged = [{"a": a, "b": b} for a, b in case["pairs"]]
                seen: set[frozenset[str]] = set()
                text = "\n".join(raw.lines)
                key = relation_key(text, doc.department)
                for candidate in candidates(key, scorer_own(doc.department, text, key)):
                    pair = frozenset((candidate.a, candidate.b))
                    if pair in seen:
                        continue
                    seen.add(pair)
                    relation = Relation(a=candidate.a, b=candidate.b, relation="", quote="", source="")
                    features.append(candidate.features)
                    labels.append(any(pair_recovered(row, [relation]) for row in judged))
                path.unlink()
    return features, labels, texts


def build() -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features, labels, texts = examples()
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(sorted(f), 1) for f in features])
    fitted = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(matrix, labels)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), fitted.coef_[0])
               if abs(w) >= 0.005}
    return {"about": "Weights of docproc.pair_scorer's logistic model. Built by corpus/build_pair_scorer.py from "
                     f"{len(labels)} candidate pairs ({sum(labels)} judged pairs) of {texts} development texts "
                     "of tests/data/relation_statements_blind*.json.",
            "threshold": THRESHOLD, "intercept": round(float(fitted.intercept_[0]), 4),
            "weights": dict(sorted(weights.items()))}


def main() -> int:
    model = build()
    target = REPO / "corpus" / "dict" / "pair_scorer.json"
    target.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"已写入 {target.relative_to(REPO)}：{len(model['weights'])} 个特征权重，阈值 {model['threshold']}。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
