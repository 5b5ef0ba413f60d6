"""The sample city (corpus/sample_city): every format gives the same document as its source."""
from __future__ import annotations

import json

import pytest

from docproc import parse
from docproc.normalize import for_matching

from shared_paths import SAMPLE_CITY

MANIFEST = json.loads((SAMPLE_CITY / "formats.json").read_text("utf-8"))
SOURCES = sorted((SAMPLE_CITY / "source").glob("*.txt"))
ANSWERS = json.loads((SAMPLE_CITY / "answers.json").read_text("utf-8"))


def test_the_sample_city_is_big_enough():
    assert len(SOURCES) >= 12
    assert {entry["format"] for entry in MANIFEST} >= {"docx", "pdf", "gb18030", "traditional", "html"}


@pytest.fixture(scope="module")
def sources():
    return {path.name: parse(path) for path in SOURCES}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_source_documents_parse_completely(path, sources):
    doc = sources[path.name]
    assert doc.department and doc.department.startswith(("示例市", "示例县"))
    assert doc.government in ("示例市", "示例县")
    assert len(doc.duties) >= 10
    assert sum(duty.boilerplate for duty in doc.duties) == 1
    assert not any(duty.incomplete for duty in doc.duties)
    assert len(doc.divisions) >= 5 and all(d.name and d.duties for d in doc.divisions)
    assert [d.no for d in doc.duties] == list(range(1, len(doc.duties) + 1))
    assert doc.staffing.leaders, doc.file


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_every_format_gives_the_same_duties(entry, sources):
    source = sources[entry["source"].split("/")[-1]]
    copy = parse(SAMPLE_CITY / entry["file"])
    assert copy.department == source.department == entry["department"]
    assert _duties(copy) == _duties(source)
    assert [d.name for d in copy.divisions] == [d.name for d in source.divisions] or \
        [for_matching(d.name) for d in copy.divisions] == [d.name for d in source.divisions]
    assert [_simple(d.duties) for d in copy.divisions] == [d.duties for d in source.divisions]
    assert copy.staffing.administrative_posts == source.staffing.administrative_posts
    assert [(x.title, x.count) for x in copy.staffing.leaders] == \
        [(x.title, x.count) for x in source.staffing.leaders] or copy.traditional
    assert len(copy.divisions_of_labour) == len(source.divisions_of_labour)


def _duties(doc) -> list[tuple[str, str, bool]]:
    """Label, simplified text and boilerplate flag; labels compared in one width."""
    return [(for_matching(d.label).replace("(", "（").replace(")", "）"), for_matching(d.text), d.boilerplate)
            for d in doc.duties]


def _simple(duties: list[str]) -> list[str]:
    return [for_matching(duty) for duty in duties]


def test_answer_key_excerpts_are_in_the_parsed_items(sources):
    """Each planted overlap points at a parsed item that holds its excerpt."""
    by_department = {doc.department: doc for doc in sources.values()}
    for case in ANSWERS["overlaps"] + ANSWERS["non_overlaps"]:
        for side in (case["a"], case["b"]):
            doc = by_department[side["department"]]
            if side["section"] == "duties":
                text = doc.duties[side["no"] - 1].text
            else:
                division = next(d for d in doc.divisions if d.name == side["division"])
                text = division.duties[side["no"] - 1]
            assert side["excerpt"] in text, (case["id"], side)
