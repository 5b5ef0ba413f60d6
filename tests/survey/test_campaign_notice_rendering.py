"""The 通报 and a 反馈意见 rendered by LibreOffice (as an office without Word would open them) and
measured on the PDF: a sane number of A4 pages, text inside the GB/T 9704 版心, 22 lines of 28
characters on a full page, the red 版头, page numbers `— N —` outside (odd right, even left) on
every page, and the words of the documents all there."""
from __future__ import annotations

from datetime import date

import pdfplumber
import pytest
from rendered_pdf import A4, MM, rendered_pdf
from test_campaign_notice import ISSUER, WATER, _facts, _options

from docproc.gongwen import Gongwen
from survey.campaigns.notice import letter_docx, notice_docx

pytestmark = pytest.mark.slow
HANGING = "，。、；：？！）”’"


def _full_pages() -> bytes:
    """Thirty paragraphs of plain 3号 text, each two lines and a bit (26 characters after the indent,
    then 28, then 6): pages full of body lines."""
    writer = Gongwen()
    for _ in range(30):
        writer.paragraph("机构编制评估采取单位自查自评实地抽查和评估打分相结合的方式对各单位逐项评分"
                         "再汇总排名通报各单位对照反馈意见认真整改按时报送整改情况")
    writer.signature(ISSUER, date(2026, 12, 2))
    return writer.to_bytes()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, pdfplumber.PDF]:
    folder = tmp_path_factory.mktemp("notice")
    documents = {"notice": notice_docx(_facts(), _options()), "letter": letter_docx(_facts(), WATER, _options()),
                 "full": _full_pages()}
    pdfs = {name: rendered_pdf(data, name, folder) for name, data in documents.items()}
    yield pdfs
    for pdf in pdfs.values():
        pdf.close()


def _text(pdf: pdfplumber.PDF) -> str:
    return "".join((page.extract_text() or "").replace(" ", "").replace("\n", "") for page in pdf.pages)


@pytest.mark.parametrize("name, pages", [("notice", (2, 6)), ("letter", (1, 3)), ("full", (4, 6))])
def test_pages_are_a4_the_text_stays_in_the_type_area_and_every_page_is_numbered_outside(rendered, name, pages):
    pdf = rendered[name]
    assert pages[0] <= len(pdf.pages) <= pages[1], (name, len(pdf.pages))
    for number, page in enumerate(pdf.pages, start=1):
        assert (page.width, page.height) == pytest.approx(A4, abs=1)
        body = [c for c in page.chars if c["top"] < page.height - 35 * MM]
        assert body, f"{name}: page {number} is empty"
        assert min(c["x0"] for c in body) >= 28 * MM - 1
        # LibreOffice hangs a closing mark (，。) past the right edge whatever w:overflowPunct says (Word
        # keeps it in); such a mark still starts inside the line
        assert max(c["x0" if c["text"] in HANGING else "x1"] for c in body) <= page.width - 26 * MM + 1
        assert min(c["top"] for c in body) >= 37 * MM - 1, (name, number)
        footer = [c for c in page.chars if c["top"] >= page.height - 35 * MM]
        assert "".join(c["text"] for c in footer).replace(" ", "") == f"—{number}—", (name, number)
        # 7 mm below the 版心, on the outer side: odd pages right, even pages left
        assert min(c["top"] for c in footer) == pytest.approx(page.height - 28 * MM, abs=2 * MM)
        centre = sum(c["x0"] for c in footer) / len(footer)
        assert (centre > page.width / 2) == (number % 2 == 1), (name, number, centre)


def test_a_full_page_has_22_lines_of_28_characters(rendered):
    page = rendered["full"].pages[1]
    lines: dict[int, list] = {}
    for char in page.chars:
        if char["top"] < page.height - 35 * MM:
            lines.setdefault(round(char["top"]), []).append(char)
    assert len(lines) == 22
    widths = sorted(len(chars) for chars in lines.values())
    assert widths[-1] == 28  # a line with no indent holds 28 characters
    tops = sorted(lines)
    assert (tops[-1] - tops[0]) / 21 == pytest.approx(28.95, abs=0.3)


def test_the_words_are_all_there_and_the_header_is_red(rendered):
    notice = _text(rendered["notice"])
    for words in ("关于2026年度机构编制评估情况的通报", "市直各有关单位：", "示编办〔2026〕12号", "一、评估基本情况",
                  "示例市水利局", "92.50", "优秀", "示例市交通运输局", "较差", "（一）人员编制和领导职数方面。",
                  "请各单位于2027年3月31日前", "二〇二六年十二月二日"):
        assert words in notice, words
    first = rendered["notice"].pages[0]
    mark = [c for c in first.chars if c["top"] < 80 * MM and c["text"] in ISSUER]
    assert mark and all(tuple(c["non_stroking_color"] or ()) in ((1, 0, 0), (1.0, 0.0, 0.0)) for c in mark)
    assert any(tuple(r.get("stroking_color") or r.get("non_stroking_color") or ()) == (1, 0, 0)
               for r in first.lines + first.rects), "the red rule under the 发文字号"
    letter = _text(rendered["letter"])
    for words in ("示例市水利局：", "你单位评估得分92.50分", "河道采砂管理职责与自然资源局存在交叉", "2027年3月31日"):
        assert words in letter, words
