"""The Word files an office hands out, rendered to PDF by LibreOffice and measured on the page:
A4, text and tables inside the GB/T 9704 margins, a page number on every page, charts whole."""
from __future__ import annotations

import datetime as dt
import io

import pdfplumber
import pytest
from rendered_pdf import A4, MM, rendered_pdf

from docproc import parse
from docproc.diff import diff, write_docx
from docproc.handbook import Matter
from docproc.handbook import write_docx as handbook_docx
from survey.evaluation.evaluate import DepartmentInputs, ManualScore, evaluate
from survey.evaluation.indicators import seven_indicator_template
from survey.evaluation.rectification import Entry
from survey.evaluation.report import DepartmentReport, department_report, summary_report

from shared_paths import SAMPLE_CITY_PREVIOUS, SAMPLE_CITY_SOURCE

pytestmark = pytest.mark.slow
PAGE_NUMBER = "— {} —"


def _evaluations():
    system = seven_indicator_template()
    leaves = [leaf for leaf in system.leaves()]
    inputs = [DepartmentInputs(name, manual={leaf.path: ManualScore((leaf.max or 5) * share, "查阅台账、座谈了解，"
                                                                    "材料齐全，职责边界清晰", "评估员", "2026-12-01")
                                             for leaf in leaves})
              for name, share in (("示例市水利局", 0.9), ("示例市商务局", 0.8), ("示例市交通运输局", 0.7))]
    return system, evaluate(system, inputs)


def _documents() -> dict[str, bytes]:
    system, evaluations = _evaluations()
    entry = Entry("示例市水利局", "河道采砂管理职责与自然资源局交叉", "提请编办明确分工，修订职责边界清单",
                  "办公室主任", dt.date(2027, 3, 31), no=1)
    report = DepartmentReport(evaluations[0], conclusion="改革任务基本落实。", rectification=[entry],
                              overlaps=["与示例市自然资源局：河道采砂管理（待整改）"])
    compared = io.BytesIO()
    write_docx(diff(parse(SAMPLE_CITY_PREVIOUS / "04_shuili.txt"), parse(SAMPLE_CITY_SOURCE / "04_shuili.txt")),
               compared)
    handbook = io.BytesIO()
    handbook_docx([Matter(1, "水利", "河道采砂管理", "示例市水利局", ["示例市自然资源局"],
                          "水利局负责河道采砂许可和监督检查，自然资源局配合",
                          "《示例市水利局三定规定》主要职责第 7 项")], handbook)
    return {"report": department_report(system, report, government="示例市"),
            "summary": summary_report(system, evaluations, government="示例市"),
            "compare": compared.getvalue(), "handbook": handbook.getvalue()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, pdfplumber.PDF]:
    folder = tmp_path_factory.mktemp("word")
    pdfs = {name: rendered_pdf(data, name, folder) for name, data in _documents().items()}
    yield pdfs
    for pdf in pdfs.values():
        pdf.close()


@pytest.mark.parametrize("name", ["report", "summary", "compare"])
def test_official_documents_keep_to_a4_and_the_margins(rendered, name):
    pdf = rendered[name]
    for number, page in enumerate(pdf.pages, start=1):
        assert (page.width, page.height) == pytest.approx(A4, abs=1)
        body = [c for c in page.chars if c["top"] < page.height - 30 * MM]  # above the footer
        assert body, f"page {number} is empty"
        left, right = min(c["x0"] for c in body), max(c["x1"] for c in body)
        assert left >= 28 * MM - 2 and right <= page.width - 26 * MM + 2, (name, number, left, right)
        for line in page.lines + page.rects:  # table rules too
            assert line["x0"] >= 28 * MM - 3 and line["x1"] <= page.width - 26 * MM + 3, (name, number)
        footer = page.crop((0, page.height - 35 * MM, page.width, page.height)).extract_text()
        assert PAGE_NUMBER.format(number) in footer, (name, number, footer)


def test_charts_are_shown_whole(rendered):
    for name in ("report", "summary"):
        page = rendered[name].pages[0]
        [chart] = page.images
        pixels_wide, pixels_high = chart["srcsize"]
        assert chart["height"] / chart["width"] == pytest.approx(pixels_high / pixels_wide, rel=0.02)
        # what is drawn of it: a fixed line height would clip the picture to one line
        drawn = [c for c in page.chars if chart["top"] <= c["top"] <= chart["bottom"]]
        assert chart["top"] > 0 and chart["bottom"] - chart["top"] > 40 * MM and not drawn, name


def test_the_handbook_is_a_landscape_list_with_page_numbers(rendered):
    pdf = rendered["handbook"]
    for number, page in enumerate(pdf.pages, start=1):
        assert (page.width, page.height) == pytest.approx((A4[1], A4[0]), abs=1)
        assert PAGE_NUMBER.format(number) in (page.extract_text() or "")
    assert "河道采砂管理" in "".join(page.extract_text() or "" for page in pdf.pages)
