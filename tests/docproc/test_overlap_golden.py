"""Findings exactly as the eager finder of 2026-12-02 reported them (issue 24: building findings
lazily must not change one of them): the sample city in the three modes, and a seeded dense case
of reused clauses. tests/data/overlap_golden.json holds each run's count and the SHA-256 of its
findings; after a deliberate change of weighting, rewrite it with

    .venv/bin/python tests/docproc/test_overlap_golden.py
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docproc import parse  # noqa: E402
from docproc.model import Document, Duty  # noqa: E402
from docproc.overlap import OverlapFinder, split_matters  # noqa: E402

from shared_paths import SAMPLE_CITY_SOURCE, TEST_DATA  # noqa: E402

GOLDEN = TEST_DATA / "overlap_golden.json"


def sample_city() -> list[Document]:
    return [parse(path) for path in sorted(SAMPLE_CITY_SOURCE.glob("*.txt"))]


def dense_city(items: int = 3000, per_department: int = 50, seed: int = 24) -> list[Document]:
    """Departments whose duties are 1–3 clauses of the sample city drawn with replacement, as real
    duty lists reuse their wording: many pairs share whole clauses and tie on score."""
    rng = random.Random(seed)
    clauses = sorted({clause for doc in sample_city() for duty in doc.duties
                      for clause in split_matters(duty.text) if 8 <= len(clause) <= 60})
    documents = []
    for number in range(items // per_department):
        doc = Document(file=f"dense{number}.txt", department=f"稠密市第{number}局", government="稠密市")
        for item in range(per_department):
            text = "，".join(rng.choice(clauses) for _ in range(rng.choice((1, 1, 2, 3)))) + "。"
            doc.duties.append(Duty(no=item + 1, label=f"（{item + 1}）", text=text))
        documents.append(doc)
    return documents


RUNS = {
    "sample_city": (sample_city, {}),
    "sample_city_within_departments": (sample_city, {"within_departments": True}),
    "sample_city_across_governments": (sample_city, {"across_governments": True, "min_score": 0.2}),
    "dense": (dense_city, {}),
}


def digest(documents: list[Document], options: dict) -> dict:
    findings = OverlapFinder(**options).fit(documents).findings_
    lines = [json.dumps(finding.to_dict(), ensure_ascii=False, sort_keys=True) for finding in findings]
    return {"count": len(lines), "sha256": hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_findings_are_those_of_the_eager_finder(name):
    make, options = RUNS[name]
    assert digest(make(), options) == json.loads(GOLDEN.read_text("utf-8"))[name]


def test_reading_the_top_findings_builds_only_those():
    findings = OverlapFinder().fit(dense_city()).findings_
    top = findings[:10]
    assert len(findings) > 10_000 and findings.built == 10
    assert [f.key for f in top] == [f.key for f in list(findings)[:10]] and findings[0] is top[0]


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps({name: digest(make(), options) for name, (make, options) in RUNS.items()},
                                 ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(GOLDEN.read_text("utf-8"))
