"""The parser on ../shared/corpus2, the real texts held out by corpus/splits/corpus2.json.

Development files were tuned on: each must come out right (department and every complete
item, exactly). Evaluation files were never inspected while tuning: their scores are
reported by bench/parse_quality.py and guarded here against falling back.
"""
from __future__ import annotations

import json
import sys

import pytest

from shared_paths import CORPUS2_SPLIT, HAVE_SHARED, REPO, SHARED_CORPUS2, SHARED_REASON

if not HAVE_SHARED or not SHARED_CORPUS2.is_dir():
    pytest.skip(SHARED_REASON, allow_module_level=True)

sys.path.insert(0, str(REPO))
from bench.parse_quality import check_file  # noqa: E402

LABELS = {label["file"]: label for label in json.loads((SHARED_CORPUS2 / "labels.json").read_text("utf-8"))}
SPLIT = json.loads(CORPUS2_SPLIT.read_text("utf-8"))


def test_the_split_covers_every_labelled_file_once():
    development, evaluation = set(SPLIT["development"]), set(SPLIT["evaluation"])
    assert not development & evaluation
    assert development | evaluation == set(LABELS)


@pytest.mark.parametrize("name", SPLIT["development"])
def test_development_file(name):
    result = check_file(LABELS[name])
    assert result["department_ok"] and result["items_ok"], result


@pytest.fixture(scope="module")
def format_copies(tmp_path_factory):
    """Each development file as .docx, .html and .pdf, one paragraph per line (as a user
    saving the web page or printing it would get)."""
    import html

    from docx import Document as WordDocument
    from fpdf import FPDF
    from fpdf.enums import WrapMode, XPos, YPos

    folder = tmp_path_factory.mktemp("corpus2_formats")
    for name in SPLIT["development"]:
        lines = (SHARED_CORPUS2 / name).read_text("utf-8").splitlines()
        stem = name.rsplit(".", 1)[0]
        word = WordDocument()
        for line in lines:
            word.add_paragraph(line)
        word.save(folder / f"{stem}.docx")
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        (folder / f"{stem}.html").write_text(
            f"<html><head><meta charset='utf-8'><title>{stem}</title></head><body>{paragraphs}</body></html>", "utf-8")
        pdf = FPDF(format="A4", unit="mm")
        pdf.add_font("cjk", "", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", collection_font_number=0)
        pdf.add_page()
        pdf.set_font("cjk", size=11)
        for line in lines:
            pdf.multi_cell(0, 6, line or " ", wrapmode=WrapMode.CHAR, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.output(str(folder / f"{stem}.pdf"))
    return folder


@pytest.mark.parametrize("suffix", ["docx", "html", "pdf"])
def test_development_files_in_every_format(format_copies, suffix):
    wrong = []
    for name in SPLIT["development"]:
        copy = format_copies / (name.rsplit(".", 1)[0] + "." + suffix)
        result = check_file(LABELS[name], copy)
        if not (result["department_ok"] and result["items_ok"]):
            wrong.append(result)
    assert wrong == []


def test_evaluation_part_does_not_fall_back():
    results = [check_file(LABELS[name]) for name in SPLIT["evaluation"]]
    assert sum(r["department_ok"] for r in results) >= 18
    assert sum(r["items_ok"] for r in results) >= 20
