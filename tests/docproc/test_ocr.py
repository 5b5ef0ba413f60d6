"""Scans read by OCR (RapidOCR, offline): images of the sample city's PDF pages give its duties;
through the web, a scanned PDF is read in its job, page by page, and says it was OCR'd."""
from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

import docproc
from docproc import parse_bytes

from shared_paths import SAMPLE_CITY, SAMPLE_CITY_SOURCE

ECOLOGY_PDF = SAMPLE_CITY / "formats" / "03_shengtai_huanjing.pdf"
ECOLOGY_TEXT = SAMPLE_CITY_SOURCE / "03_shengtai_huanjing.txt"


def page_images(dpi: int = 150):
    pdf = pdfium.PdfDocument(str(ECOLOGY_PDF))
    try:
        return [pdf[index].render(scale=dpi / 72).to_pil().convert("RGB") for index in range(len(pdf))]
    finally:
        pdf.close()


def scanned_pdf(dpi: int = 150) -> bytes:
    """The pages as pictures in a PDF without a text layer: what a scanner gives."""
    images = page_images(dpi)
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def _exact_share(doc, expected) -> float:
    wanted = {(d.label, d.text) for d in expected.duties}
    return sum((d.label, d.text) in wanted for d in doc.duties) / len(expected.duties)


def test_a_png_page_is_read_by_ocr():
    buffer = io.BytesIO()
    page_images()[0].save(buffer, format="PNG")
    doc = parse_bytes(buffer.getvalue(), "第1页.png")
    expected = docproc.parse(ECOLOGY_TEXT)
    assert doc.department == expected.department == "示例市生态环境局"
    first_page = [d for d in doc.duties if not d.incomplete]
    assert len(first_page) >= 3 and all(d.label == e.label for d, e in zip(first_page, expected.duties))
    assert any("经文字识别" in warning for warning in doc.warnings)


def test_pages_of_images_and_bad_images(tmp_path):
    from docproc.read import ocr

    images = page_images(72)
    tiff = tmp_path / "扫描.tif"
    images[0].save(tiff, save_all=True, append_images=images[1:])
    assert ocr.page_count(str(tiff)) == len(images) == 3
    assert ocr._page_image(str(tiff), 2).size == images[2].size
    broken = tmp_path / "坏.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    with pytest.raises(docproc.ParseError, match="图片文件已损坏"):
        ocr.page_count(str(broken))


def test_a_noisy_page_is_despeckled_and_a_clean_one_left_alone():
    from PIL import ImageDraw

    from docproc.read import ocr

    clean = page_images()[0]
    assert ocr.despeckled(clean) is clean
    noisy = clean.copy()
    draw = ImageDraw.Draw(noisy)
    for n in range(noisy.width * noisy.height // 300):
        draw.point(((n * 7919) % noisy.width, (n * 104729) % noisy.height), fill=(0, 0, 0))
    assert ocr.despeckled(noisy) is not noisy


@pytest.mark.slow
def test_a_scanned_pdf_gives_the_duties_and_names_what_to_check():
    doc = parse_bytes(scanned_pdf(), "生态环境局扫描件.pdf")
    expected = docproc.parse(ECOLOGY_TEXT)
    assert doc.department == expected.department
    assert [d.label for d in doc.duties] == [d.label for d in expected.duties]
    assert _exact_share(doc, expected) >= 0.8  # measured 13 of 15: a line holding only "。" is missed
    assert [d.name for d in doc.divisions] == [d.name for d in expected.divisions]
    assert "3 页经文字识别" in doc.warnings[0]


@pytest.mark.slow
def test_a_scan_uploaded_is_read_in_its_job(app, auth, uploads, client):
    auth.login("staff")
    response = uploads.post([(scanned_pdf(), "生态环境局扫描件.pdf")])
    assert response.status_code == 302  # accepted at once: OCR runs in the job
    status = uploads.wait(response.headers["Location"], timeout=180)
    [job] = status["jobs"]
    assert job["status"] == "done", job
    assert "已导入：示例市 / 示例市生态环境局" in job["message"]
    page = client.get(job["url"]).get_data(as_text=True)
    assert "经文字识别" in page and "负责建立健全全市生态环境基本制度" in page
    assert "文字识别核对" in page and page.count('class="ocr-page"') == 3  # each page beside its doubts
    image = client.get(job["url"] + "/pages/1.png")
    assert image.status_code == 200 and image.data.startswith(b"\x89PNG")
    assert client.get(job["url"] + "/pages/4.png").status_code == 404
