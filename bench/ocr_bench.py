"""OCR of scans, ours (RapidOCR, PP-OCR models) against Tesseract (chi_sim) in the same run.

The sample city's PDFs are "scanned" here: every page rendered to an image at 150 and 300 dpi,
and three harder variants of the 150-dpi page — speckle noise, a 1.5° skew, and a photo-like
copy (slight blur, uneven light, JPEG quality 40). Each page image is read by both engines;
printed per variant: pages per second, character error rate against the page's own text layer
(edit distance over characters, whitespace removed, full- and half-width forms alike), the share
of duty items that come out exactly after parsing the OCR'd document (against the sample city's
text version), and the share of the pages with duty items whose every item (an item cut by a page
break counts on both) comes out exactly.

    .venv/bin/python bench/ocr_bench.py [--files N]

Needs `tesseract-ocr-chi-sim` (installed by `make system-packages`).
"""
from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SAMPLE = REPO / "corpus" / "sample_city"
VARIANTS = ("150 dpi", "300 dpi", "噪点", "倾斜 1.5°", "拍照（JPEG）")


def pdf_pages(path: Path, dpi: int):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            yield page.render(scale=dpi / 72).to_pil().convert("RGB"), text
    finally:
        pdf.close()


def variant(image, name: str, seed: int):
    from PIL import Image, ImageDraw, ImageFilter

    chance = random.Random(seed)
    if name == "噪点":
        noisy = image.copy()
        draw = ImageDraw.Draw(noisy)
        for _ in range(noisy.width * noisy.height // 400):
            x, y = chance.randrange(noisy.width), chance.randrange(noisy.height)
            draw.point((x, y), fill=(0, 0, 0) if chance.random() < 0.5 else (255, 255, 255))
        return noisy
    if name == "倾斜 1.5°":
        return image.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    if name == "拍照（JPEG）":
        photo = image.filter(ImageFilter.GaussianBlur(0.8))
        shade = Image.linear_gradient("L").resize(photo.size).point(lambda v: 200 + v // 5)
        photo = Image.composite(photo, Image.new("RGB", photo.size, (120, 110, 100)), shade)
        buffer = io.BytesIO()
        photo.save(buffer, format="JPEG", quality=40)
        return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return image


def ours(image) -> tuple[str, list]:
    from docproc.read import ocr

    rows = ocr.page_rows(ocr.read_image(image))
    return "\n".join(row.text for row in rows), rows


def tesseract(image) -> tuple[str, list]:
    from docproc.read.pdf import PdfLine

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        image.save(path)
        tsv = subprocess.run(["tesseract", str(path), "stdout", "-l", "chi_sim", "--psm", "6", "tsv"],
                             capture_output=True, text=True, check=True).stdout
    lines: dict[tuple, list] = {}
    for row in tsv.splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) == 12 and parts[11].strip():
            key = (int(parts[2]), int(parts[3]), int(parts[4]))  # block, paragraph, line
            lines.setdefault(key, []).append((int(parts[6]), int(parts[7]), int(parts[8]), int(parts[9]),
                                              parts[11].strip()))
    rows = []
    for words in lines.values():
        left = min(w[0] for w in words)
        right = max(w[0] + w[2] for w in words)
        top, bottom = min(w[1] for w in words), max(w[1] + w[3] for w in words)
        rows.append(PdfLine("".join(w[4] for w in sorted(words)), right=right, height=bottom - top,
                            bottom=bottom, left=left))
    rows.sort(key=lambda line: line.bottom)
    return "\n".join(row.text for row in rows), rows


def plain(text: str) -> str:
    """Text compared without whitespace and with full- and half-width forms alike (NFKC): one of
    the sample PDFs sets ASCII commas and brackets in Chinese text, which print much as ，（） do, and
    no reader of the page can tell which was typed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def exact_items(pages_rows: list[list], truths: list[str], source: Path, name: str) -> tuple[int, int, int, int]:
    """(items exact, items, pages whose every item is exact, pages with items) of the OCR'd document:
    an item is on the pages whose text layer holds its start or its end (an item the page break cuts
    is on both); a page without duty items (the staffing part) is not counted."""
    from docproc import parse
    from docproc.model import RawText
    from docproc.read.pdf import _drop_page_chrome, _join_wrapped
    from docproc.structure import build_document

    raw = RawText(lines=_join_wrapped(_drop_page_chrome(pages_rows)), format="pdf", pages=len(pages_rows))
    doc = build_document(raw, file=name)
    wanted = {(plain(d.label), plain(d.text)) for d in parse(source).duties}
    read = {(plain(d.label), plain(d.text)) for d in doc.duties}
    on_page = [[item for item in wanted if item[1][:12] in page or item[1][-12:] in page]
               for page in (plain(truth) for truth in truths)]
    good_pages = sum(all(item in read for item in items) for items in on_page if items)
    return len(wanted & read), len(wanted), good_pages, sum(1 for items in on_page if items)


def main() -> None:
    from rapidfuzz.distance import Levenshtein

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=0, help="how many of the sample city's PDFs (0: all)")
    parser.add_argument("--variants", default="", help="comma-separated variant names (default: all)")
    args = parser.parse_args()
    if not shutil.which("tesseract"):
        sys.exit("需要 tesseract（apt install tesseract-ocr-chi-sim；make system-packages 会安装）")
    files = sorted((SAMPLE / "formats").glob("*.pdf"))[:args.files or None]
    print(f"样本：示例市 {len(files)} 个 PDF；每页分别用本平台（RapidOCR）和 Tesseract 5（chi_sim）识别。")
    print(f"{'变体':<12}{'引擎':<12}{'页/秒':>8}{'字符错误率':>12}{'职责条目完全一致':>18}{'条目全对的页':>14}")
    for name in [name for name in VARIANTS if not args.variants or name in args.variants.split(",")]:
        dpi = 300 if name == "300 dpi" else 150
        for engine, read in (("本平台", ours), ("Tesseract", tesseract)):
            pages = errors = chars = exact = items = good_pages = item_pages = 0
            seconds = 0.0
            for number, path in enumerate(files):
                source = SAMPLE / "source" / (path.stem + ".txt")
                rows_of_file, truths = [], []
                for index, (image, truth) in enumerate(pdf_pages(path, dpi)):
                    image = variant(image, name, seed=number * 100 + index)
                    started = time.perf_counter()
                    text, rows = read(image)
                    seconds += time.perf_counter() - started
                    errors += Levenshtein.distance(plain(text), plain(truth))
                    chars += len(plain(truth))
                    rows_of_file.append(rows)
                    truths.append(truth)
                    pages += 1
                right, total, good, with_items = exact_items(rows_of_file, truths, source, path.name)
                exact, items, good_pages, item_pages = exact + right, items + total, good_pages + good, \
                    item_pages + with_items
            print(f"{name:<12}{engine:<12}{pages / seconds:>8.2f}{errors / chars:>12.3%}"
                  f"{f'{exact}/{items} ({exact / items:.0%})':>18}"
                  f"{f'{good_pages}/{item_pages} ({good_pages / item_pages:.0%})':>16}", flush=True)
    if not args.variants:
        twenty_pages()


def twenty_pages() -> None:
    """A 20-page scan end to end as the web app reads it: confined children of a few pages each."""
    from docproc import confine
    from docproc.confine import Limits

    images = [image for path in sorted((SAMPLE / "formats").glob("*.pdf")) for image, _ in pdf_pages(path, 150)]
    images = (images * 2)[:20]
    with tempfile.TemporaryDirectory() as folder:
        scan = Path(folder) / "scan.pdf"
        images[0].save(scan, format="PDF", save_all=True, append_images=images[1:], resolution=150)
        started = time.perf_counter()
        raw = confine.read_scan(scan, limits=Limits(), name="scan.pdf")
        seconds = time.perf_counter() - started
    print(f"20 页扫描件（150 dpi）经后台识别：{seconds:.0f} 秒（{raw.pages} 页，{len(raw.lines)} 行）")


if __name__ == "__main__":
    main()
