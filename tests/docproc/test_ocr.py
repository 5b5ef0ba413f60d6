"""Scans read by OCR (RapidOCR, offline): images of the sample city's PDF pages give its duties;
through the web, a scanned PDF is read in its job, page by page, and says it was OCR'd. Pages set
in two columns, and a two-column table of divisions, are read in reading order: on boxes placed
here (fast) and on pages typeset here with a CJK font and read by OCR."""
from __future__ import annotations

import io
import unicodedata

import pypdfium2 as pdfium
import pytest

import docproc
from docproc import parse_bytes

from shared_paths import SAMPLE_CITY, SAMPLE_CITY_SOURCE

ECOLOGY_PDF = SAMPLE_CITY / "formats" / "03_shengtai_huanjing.pdf"
ECOLOGY_TEXT = SAMPLE_CITY_SOURCE / "03_shengtai_huanjing.txt"
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"  # fonts-wqy-microhei (make system-packages)
A4 = (1240, 1754)  # pixels at 150 dpi
CLOSING = "，。、；：）》”"


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


def _folded(text: str) -> str:
    """Full- and half-width forms alike: a page printed with (一) and one with （一） look the same."""
    return unicodedata.normalize("NFKC", text)


def _exact_share(doc, expected) -> float:
    wanted = {(_folded(d.label), _folded(d.text)) for d in expected.duties}
    return sum((_folded(d.label), _folded(d.text)) in wanted for d in doc.duties) / len(expected.duties)


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


def test_specks_go_and_the_strokes_stay():
    """Clearing specks must not thin the strokes: a median filter took the tail of every ；."""
    import random

    from PIL import Image, ImageDraw, ImageFont

    from docproc.read import ocr

    text = "负责安全生产；承担应急管理；组织指导协调；拟订应急预案；"
    image = Image.new("RGB", (900, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.text((40, 40), text, font=ImageFont.truetype(FONT, 26), fill="black")
    chance = random.Random(7)
    for _ in range(image.width * image.height // 400):
        draw.point((chance.randrange(image.width), chance.randrange(image.height)),
                   fill="black" if chance.random() < 0.5 else "white")
    cleared = ocr.despeckled(image)
    assert cleared is not image
    # the detector cuts this line into two boxes overlapping by one character (承), clean or not
    assert [row.text for row in ocr.page_rows(ocr.read_image(image))] == [text]


def test_a_blurred_photo_is_sharpened_and_its_semicolons_stay(monkeypatch):
    """A photo-like copy (blur, uneven light, JPEG, as bench/ocr_bench.py makes them): unsharpened,
    the tail of the ； goes and it is read as ：; a crisp page is left as it is."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from docproc.read import ocr

    text = "负责安全生产；承担应急管理；组织指导协调；拟订应急预案；"
    crisp = Image.new("RGB", (900, 120), "white")
    ImageDraw.Draw(crisp).text((40, 40), text, font=ImageFont.truetype(FONT, 24), fill="black")
    assert ocr.sharpened(crisp) is crisp
    photo = crisp.filter(ImageFilter.GaussianBlur(0.8))
    shade = Image.linear_gradient("L").resize(photo.size).point(lambda v: 200 + v // 5)
    photo = Image.composite(photo, Image.new("RGB", photo.size, (120, 110, 100)), shade)
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=40)
    photo = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    assert ocr.sharpened(photo) is not photo
    assert [row.text for row in ocr.page_rows(ocr.read_image(photo))] == [text]
    monkeypatch.setattr(ocr, "sharpened", lambda image: image)
    assert "：" in "".join(row.text for row in ocr.page_rows(ocr.read_image(photo)))


def test_a_character_two_boxes_overlap_on_is_read_once():
    from docproc.read import ocr

    def box(text, left, right):
        return ocr.OcrLine(text, left, 40, right, 70, 0.99)

    overlapping = [box("负责安全生产；承", 39, 233), box("承担应急管理", 218, 380)]
    assert ocr.rows(overlapping)[0].text == "负责安全生产；承担应急管理"
    apart = [box("加强管理", 39, 143), box("管理制度", 170, 274)]  # the same characters, boxes apart
    assert ocr.rows(apart)[0].text == "加强管理管理制度"


@pytest.mark.slow
def test_a_scanned_pdf_gives_the_duties_and_names_what_to_check():
    doc = parse_bytes(scanned_pdf(), "生态环境局扫描件.pdf")
    expected = docproc.parse(ECOLOGY_TEXT)
    assert doc.department == expected.department
    assert [d.label for d in doc.duties] == [d.label for d in expected.duties]
    assert _exact_share(doc, expected) == 1.0  # a line holding only "。" too (the detector misses it)
    assert [d.name for d in doc.divisions] == [d.name for d in expected.divisions]
    assert "3 页经文字识别" in doc.warnings[0]


def test_every_line_of_a_page_with_ascii_commas_and_wrapped_stops_is_read():
    """A page of the transport bureau (ASCII commas in Chinese text, 。 wrapped onto lines of their
    own): the engine's angle classifier once turned two of its lines round and they came back
    empty, and the detector leaves out a lone 。; every duty item on the page comes out exact."""
    pdf = pdfium.PdfDocument(str(SAMPLE_CITY / "formats" / "14_jiaotong_yunshu.pdf"))
    try:
        image = pdf[0].render(scale=150 / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    doc = parse_bytes(_png(image), "交通运输局第1页.png")
    expected = docproc.parse(SAMPLE_CITY_SOURCE / "14_jiaotong_yunshu.txt")
    read = {(_folded(d.label), _folded(d.text)) for d in doc.duties}
    on_page = [d for d in expected.duties if _folded(d.label) in {"(一)", "(二)", "(五)", "(七)", "(九)"}]
    assert len(on_page) == 5
    assert all((_folded(d.label), _folded(d.text)) in read for d in on_page), sorted(read)


def test_missed_ink_is_read_but_table_rules_are_not():
    from PIL import Image, ImageDraw, ImageFont

    from docproc.read import ocr

    font = ImageFont.truetype(FONT, H)
    texts = ("负责全市交通运输行业统计工作", "组织开展交通运输科技创新工作", "负责公路路政管理工作",
             "负责交通运输节能减排工作")
    image = Image.new("RGB", (800, 480), "white")
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(texts):
        draw.text((100, 40 + 80 * row), text, font=font, fill="black")
    draw.text((100, 360), "。", font=font, fill="black")
    draw.line((60, 20, 60, 460), fill="black", width=2)  # a table's rule, beside every row
    draw.line((60, 460, 760, 460), fill="black", width=2)
    boxes = [ocr.OcrLine(text, 100, 40 + 80 * row, 100 + H * len(text), 40 + 80 * row + H, 0.99)
             for row, text in enumerate(texts[:3])]
    found = ocr.missed_lines(image, boxes)
    assert [line.text for line in found] == [texts[3], "。"]
    assert found[0].top == pytest.approx(280, abs=H / 2)


@pytest.mark.slow
def test_a_page_scanned_upside_down_is_read_turned_round():
    doc = parse_bytes(_png(page_images()[0].rotate(180)), "倒置扫描.png")
    expected = docproc.parse(ECOLOGY_TEXT)
    assert doc.department == expected.department
    assert [d.label for d in doc.duties if not d.incomplete][:3] == [d.label for d in expected.duties][:3]


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


# --- two columns: boxes placed by hand ---------------------------------------------------------

H = 24  # a character's box (pixels)


def _box(text: str, left: float, top: float, score: float = 0.99):
    from docproc.read.ocr import OcrLine

    return OcrLine(text, left, top, left + H * len(text), top + H, score)


def _set(paragraphs: list[str], left: float, top: float, chars: int) -> list:
    """Paragraphs as a typesetter lays them in a column `chars` characters wide: first line
    indented two characters, every line full but the last, 1.6 lines apart."""
    boxes = []
    for text in paragraphs:
        first = True
        while text:
            indent = 2 if first else 0
            boxes.append(_box(text[:chars - indent], left + H * indent, top))
            text, first, top = text[chars - indent:], False, top + H * 8 // 5
    return boxes


def _rows_of(boxes: list, side_chars: int, gutter: int = 2, left: float = 135.0):
    """`boxes` (set in one column) moved into two: the first half as they are, the second half
    up beside them, `side_chars` + `gutter` characters to the right."""
    half = (len(boxes) + 1) // 2
    shift_x, shift_y = H * (side_chars + gutter), boxes[half].top - boxes[0].top
    return boxes[:half] + [type(box)(box.text, box.left + shift_x, box.top - shift_y,
                                     box.right + shift_x, box.bottom - shift_y, box.score)
                           for box in boxes[half:]]


def _duties(count: int) -> list[str]:
    lines = ECOLOGY_TEXT.read_text(encoding="utf-8").splitlines()
    return lines[3:4 + count]  # 第三条 and its first items


def _page(lines: list):
    from docproc.read.ocr import OcrPage

    return OcrPage(1, lines)


def test_a_page_of_one_column_is_read_by_rows_as_before():
    from docproc.read import ocr

    title = _box("示例市生态环境局职能配置、内设机构和人员编制规定", 300, 100)
    body = _set(_duties(5), 135, 180, 40)
    number = _box("— 2 —", 560, 1650)
    page = _page([title, *body, number])
    assert ocr.column_gap(page.lines) is None
    assert ocr.page_rows(page) == ocr.rows(ocr._wrapped_stops(page.lines))
    assert ocr.assemble([page], "扫描.png").lines == [title.text, *_duties(5)]


def test_short_values_beside_names_are_not_a_column():
    """局长 1名 …: a second 'column' too narrow for running text is read by rows, as before."""
    from docproc.read import ocr

    posts = [("局长", "1名"), ("副局长", "3名"), ("科长", "9名"), ("副科长", "4名"), ("主任", "1名"),
             ("副主任", "2名"), ("专职副书记", "1名")]
    boxes = [box for n, (post, count) in enumerate(posts)
             for box in (_box(post, 135, 200 + 40 * n), _box(count, 700, 200 + 40 * n))]
    assert ocr.column_gap(boxes) is None
    assert [row.text for row in ocr.page_rows(_page(boxes))] == [post + count for post, count in posts]


def test_a_signature_below_the_text_is_not_a_column():
    from docproc.read import ocr

    text = _set(["第七条 本规定由市委机构编制委员会办公室负责解释。", "第八条 本规定自2019年3月1日起施行。"],
                135, 200, 40)
    signature = [_box("示例市机构编制委员会办公室", 700, 400), _box("2019年3月1日", 800, 440)]
    assert ocr.column_gap(text + signature) is None


def test_two_columns_are_read_left_then_right_and_a_paragraph_goes_on_across_them():
    from docproc.read import ocr

    title = _box("示例市生态环境局职能配置、内设机构和人员编制规定", 300, 100)
    body = _rows_of(_set(_duties(6), 135, 180, 19), 19)
    number = _box("3", 135 + H * 19 + H // 2, 1650)  # in the gutter, under both columns
    page = _page([title, *body, number])
    gap = ocr.column_gap(page.lines)
    assert gap is not None and 135 + H * 19 <= gap[0] < gap[1] <= 135 + H * 21
    rows = ocr.page_rows(page)
    assert [row.text for row in rows] == [title.text] + [box.text for box in body] + ["3"]
    # The column break falls inside an item: joined again, and the page number dropped.
    half = (len(body) + 1) // 2
    assert not body[half].text.startswith("（")
    assert ocr.assemble([page], "扫描.png").lines == [title.text, *_duties(6)]


def test_a_table_of_divisions_is_read_cell_by_cell():
    """A narrow first column (the division's name) beside its duties: each name before the text
    beside it, a name that wrapped in its cell joined again."""
    from docproc.read import ocr

    cells = [("办公室", "负责机关日常运转工作；承担信息、安全保密、信访、政务公开、新闻宣传工作；"
                        "承担机关财务、资产管理工作。"),
             ("环境影响评价与排放管理科", "承担建设项目环境影响评价文件审查工作；组织实施排污许可制度。"),
             ("大气环境科", "拟订大气污染防治的制度措施；承担重污染天气应对工作；监督管理机动车排气污染防治工作。")]
    heading = _box("第四条 市生态环境局设下列内设机构：", 183, 100)
    boxes, top = [heading], 180
    for name, duties in cells:
        names = [name[n:n + 8] for n in range(0, len(name), 8)]
        text = [duties[n:n + 30] for n in range(0, len(duties), 30)]
        boxes += [_box(part, 135, top + 40 * n) for n, part in enumerate(names)]
        boxes += [_box(part, 135 + 9 * H, top + 40 * n) for n, part in enumerate(text)]
        top += 40 * max(len(names), len(text)) + 30
    page = _page(boxes)
    assert ocr.column_gap(page.lines) is not None
    assert ocr.assemble([page], "扫描.png").lines == [heading.text] + [text for cell in cells for text in cell]


# --- two columns: pages typeset here and read by OCR ------------------------------------------

def _wrapped(text: str, font, width: float, indent: float = 0) -> list[str]:
    """`text` as lines at most `width` pixels wide, the first indented by `indent`; a closing
    mark never starts a line, it hangs past the edge as typesetters set it."""
    lines, line = [], ""
    for ch in text:
        if line and font.getlength(line + ch) > width - (0 if lines else indent) and ch not in CLOSING:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def _draw_justified(draw, x: float, y: float, text: str, font, width: float) -> None:
    """A line spread to `width`, as justified print is (a line with a hanging mark is not)."""
    slack = width - font.getlength(text)
    step = slack / (len(text) - 1) if slack > 0 and len(text) > 1 else 0.0
    for ch in text:
        draw.text((x, y), ch, font=font, fill="black")
        x += font.getlength(ch) + step


def two_column_page(title: str, paragraphs: list[str], size: int = 24):
    """An A4 page at 150 dpi: the title across both columns, the paragraphs in two justified
    columns (the first filled, then the second), the page number centred below."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(image)
    font, big = ImageFont.truetype(FONT, size), ImageFont.truetype(FONT, size * 4 // 3)
    margin, gutter, pitch = 135, 3 * size, size * 8 // 5
    draw.text(((A4[0] - big.getlength(title)) / 2, margin), title, font=big, fill="black")
    column = (A4[0] - 2 * margin - gutter) / 2
    lines = []
    for text in paragraphs:
        parts = _wrapped(text, font, column, 2 * size)
        lines += [(2 * size if n == 0 else 0, part, n < len(parts) - 1) for n, part in enumerate(parts)]
    per_column = (len(lines) + 1) // 2
    for n, (indent, line, full) in enumerate(lines):
        side, row = divmod(n, per_column)
        x, y = margin + side * (column + gutter) + indent, margin + 3 * size + row * pitch
        _draw_justified(draw, x, y, line, font, column - indent if full else 0)
    number = "— 1 —"
    draw.text(((A4[0] - font.getlength(number)) / 2, A4[1] - margin), number, font=font, fill="black")
    return image


def table_page(lines: list[str], cells: list[tuple[str, str]], size: int = 22):
    """An A4 page at 150 dpi: `lines` of text, then a ruled table of two columns, each division's
    name (eight characters wide) beside its duties."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", A4, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    margin, pitch, pad = 135, size * 3 // 2, size // 2
    split, y = margin + 8 * size + 2 * pad, margin
    for text in lines:
        for n, line in enumerate(_wrapped(text, font, A4[0] - 2 * margin, 2 * size)):
            draw.text((margin + (2 * size if n == 0 else 0), y), line, font=font, fill="black")
            y += pitch
    y += pad
    for name, duties in cells:
        left = _wrapped(name, font, split - margin - 2 * pad)
        right = _wrapped(duties, font, A4[0] - margin - split - 2 * pad)
        height = max(len(left), len(right)) * pitch + 2 * pad
        draw.rectangle((margin, y, A4[0] - margin, y + height), outline="black", width=2)
        draw.line((split, y, split, y + height), fill="black", width=2)
        for x, text in ((margin, left), (split, right)):
            for n, line in enumerate(text):
                draw.text((x + pad, y + pad + n * pitch), line, font=font, fill="black")
        y += height
    return image


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_page_in_two_columns_gives_its_duties_in_order():
    """第三条 and its first eight items in two columns: an item runs on from the foot of the left
    column to the top of the right one (measured: all 8 exact; read by rows, lines of the two
    columns were run together)."""
    source = ECOLOGY_TEXT.read_text(encoding="utf-8").splitlines()
    doc = parse_bytes(_png(two_column_page(source[0], source[3:12])), "两栏.png")
    expected = docproc.parse(ECOLOGY_TEXT)
    assert doc.department == expected.department
    assert [(d.label, d.text) for d in doc.duties] == [(d.label, d.text) for d in expected.duties[:8]]


def test_a_table_page_gives_each_division_its_duties():
    """The divisions as a ruled table (name | duties), two names wrapping in their cell. No header
    row: a line reading 主要职责 would open the duties section again whatever the reader does."""
    source = ECOLOGY_TEXT.read_text(encoding="utf-8").splitlines()
    expected = docproc.parse(ECOLOGY_TEXT)
    cells = [(division.name, division.text) for division in expected.divisions[:9]]
    doc = parse_bytes(_png(table_page([source[0], source[21]], cells)), "内设机构表.png")
    assert [(d.name, d.text) for d in doc.divisions] == cells
