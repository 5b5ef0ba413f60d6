"""The folders the tests read, defined once: the repository, its sample city and test data,
and the real documents of ../shared (only on CI).

../shared sits beside the repository on CI and on the project's machines; a plain clone
has none. Set SANDING_SHARED to read the real documents from elsewhere (or to a missing
folder, to check that every test that needs them skips). A test that reads them is marked
`needs_shared` (a module of such tests calls pytest.skip(SHARED_REASON) when HAVE_SHARED
is false); it skips with one line naming where the documents come from, and every other
test runs.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
TEST_DATA = TESTS / "data"
SAMPLE_CITY = REPO / "corpus" / "sample_city"
SAMPLE_CITY_SOURCE = SAMPLE_CITY / "source"
SAMPLE_CITY_PREVIOUS = SAMPLE_CITY / "previous"
README = REPO / "README.md"

SHARED = Path(os.environ.get("SANDING_SHARED") or REPO.parent / "shared")
SHARED_CORPUS = SHARED / "corpus"
SHARED_CORPUS2 = SHARED / "corpus2"
CORPUS2_SPLIT = REPO / "corpus" / "splits" / "corpus2.json"
HAVE_SHARED = SHARED_CORPUS.is_dir()
SHARED_REASON = f"需要 ../shared（真实三定文件，只在 CI 中提供；没有找到 {SHARED_CORPUS}，可用 SANDING_SHARED 指定）"

needs_shared = pytest.mark.skipif(not HAVE_SHARED, reason=SHARED_REASON)
