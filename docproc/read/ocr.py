"""Scans: text by OCR on this machine, offline, page by page.

A PDF without a text layer is rendered at `DPI` (PDFium); an image (.png, .jpg, .tif, a TIFF
with several pages) is read as it is. Each page goes through RapidOCR, the PP-OCR detection and
recognition models shipped inside the `rapidocr-onnxruntime` wheel (no download, no service).
Its text boxes become lines — boxes on the same row joined left to right, rows top to bottom; on
a page set in two columns the left column before the right one, and a two-column table cell by
cell — and the pages then go through the same steps as PDF lines: running headers and page numbers
dropped, lines the layout broke joined again. The result names the pages read by OCR, their mean
confidence and the lines read with low confidence, for staff to check against the original.

`read_page` is one page, meant to run confined (docproc.confine.read_scan calls it page by page
so that progress can be shown and no page can take more than the parse limit).
"""
from __future__ import annotations

import bisect
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParseError
from ..model import RawText
from .pdf import PdfLine, _drop_page_chrome, _join_wrapped

DPI = 150
LOW_CONFIDENCE = 0.85  # PP-OCR's score for a line; below it, the line is listed for checking
UPSIDE_DOWN = 0.6  # a page read with less mean confidence is tried turned round (upright pages: 0.95+)
BLURRED = 0.25  # share of steep steps among a page's edges below which it is sharpened
RECOVERED = 0.8  # a row of ink the detector missed is kept when it reads at least this well
MAX_PAGES = 60  # a 三定 is 5 to 20 pages; more is most likely not one
GAP_COVER = 0.2  # a column gap: boxes crossing it cover at most this share of the text's height
SPECKLED = 0.003  # share of dark pixels that are isolated: clean scans 0.0000–0.0001, noisy 0.01+
_SPECK = re.compile(r"(?<=[\u4e00-\u9fff])[.·](?=[\u4e00-\u9fff])")
# A label read with one bracket full-width and the other half-width, （一) or (二）: both printed
# alike on the page, set as the full-width pair 三定 documents use.
_MIXED_LABEL = re.compile(r"^(?:（(?=[一二三四五六七八九十\d]{1,3}\))|\((?=[一二三四五六七八九十\d]{1,3}）))"
                          r"([一二三四五六七八九十\d]{1,3})[)）]")
# The year of a 文号 stands in 〔〕 (GB/T 9704), which the recogniser often reads as 【】.
_YEAR_BRACKETS = re.compile(r"【((?:19|20)\d{2})】")
_ENGINE = None


@dataclass
class OcrLine:
    text: str
    left: float
    top: float
    right: float
    bottom: float
    score: float
    corners: tuple[tuple[float, float], ...] = ()  # the detector's box, turned as the text is


@dataclass
class OcrPage:
    number: int  # from 1
    lines: list[OcrLine] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean score weighted by characters (None for a page without text)."""
        chars = sum(len(line.text) for line in self.lines)
        return sum(line.score * len(line.text) for line in self.lines) / chars if chars else None


def page_count(path: str) -> int:
    """Pages of a scanned PDF or of an image file (a TIFF may hold several)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            count = len(pdf)
        finally:
            pdf.close()
    else:
        with _open_image(path) as image:
            count = getattr(image, "n_frames", 1)
    if count > MAX_PAGES:
        raise ParseError(f"扫描件共 {count} 页，超过文字识别的上限 {MAX_PAGES} 页：请只上传三定规定本身的页面")
    return count


def read_page(path: str, index: int) -> OcrPage:
    """OCR of one page (`index` from 0)."""
    return read_image(_page_image(path, index), index + 1)


def read_pages(path: str, start: int, stop: int) -> list[OcrPage]:
    """OCR of pages `start` to `stop - 1` in one process: the models' first run in a process is
    slow (about 1.5 s more), so a child reads several pages."""
    return [read_page(path, index) for index in range(start, stop)]


def read_image(image, number: int = 1) -> OcrPage:
    """OCR of one page image (PIL): the boxes the detector finds, then the ink it left out.

    The engine's angle classifier is off: it turned some upright lines of a sample page (long
    lines with ASCII commas) upside down, and they came back empty, losing whole duty items. A
    page scanned upside down (every line) is read turned round instead, when that reads better."""
    image = sharpened(despeckled(image))
    page = OcrPage(number, _boxes(image))
    if page.lines and (page.confidence or 0.0) < UPSIDE_DOWN:
        turned = image.rotate(180)
        other = OcrPage(number, _boxes(turned))
        if (other.confidence or 0.0) > (page.confidence or 0.0):
            image, page = turned, other
    page.lines.extend(missed_lines(image, page.lines))
    return page


def _boxes(image) -> list[OcrLine]:
    # text_score below the engine's 0.5: a 。 wrapped onto a line of its own scores about 0.5
    found, _ = _engine()(image, text_score=0.3, use_cls=False)
    lines = []
    for box, text, score in found or []:
        xs, ys = [point[0] for point in box], [point[1] for point in box]
        text = _cleaned(text)
        if text:
            lines.append(OcrLine(text, min(xs), min(ys), max(xs), max(ys), float(score),
                                 tuple((float(x), float(y)) for x, y in box)))
    return lines


def missed_lines(image, lines: list[OcrLine]) -> list[OcrLine]:
    """Rows of ink that no box covers, read by the recogniser alone. The detector drops small
    marks: a 。 that the layout pushed onto a line of its own (measured on the sample city: six
    items of one file lost their final 。 this way). A row is taken when it reads as a round mark
    or reads with a score of at least `RECOVERED`; specks and rules read as neither."""
    if len(lines) < 3:
        return []
    import numpy as np

    height = _median_height([_upright(line) for line in lines])
    covered = _covered(image.size, lines)
    dark = _without_rules(np.asarray(image.convert("L")) < 128, int(2 * height)) & ~covered
    left = max(0, int(min(line.left for line in lines) - height))
    right = int(max(line.right for line in lines) + height)
    inked = dark[:, left:right].any(axis=1)
    found = []
    for top, bottom in _runs(inked.tolist()):
        if not 0.15 * height <= bottom - top <= 1.5 * height:
            continue
        columns = np.flatnonzero(dark[top:bottom, left:right].any(axis=0))
        middle, pad = (top + bottom) / 2, height / 3
        box = (left + columns[0] - pad, middle - height / 2 - pad, left + columns[-1] + 1 + pad,
               middle + height / 2 + pad)
        if covered[int(top):int(bottom), int(box[0]):int(box[2])].mean() > 0.5:
            continue  # the edge of a line that is read already (a large title's box is tight)
        read = _engine()(np.asarray(image.crop(tuple(int(v) for v in box)).convert("RGB")),
                         use_det=False, use_cls=False, use_rec=True)[0]
        if not read:
            continue
        text, score = _cleaned(read[0][0]), float(read[0][1])
        if text and (text == "。" or score >= RECOVERED) and not set(text) <= set("-—一_－~"):
            found.append(OcrLine(text, box[0] + pad, float(top), box[2] - pad, float(bottom), score))
    return found


def _upright(line: OcrLine) -> OcrLine:
    """The line with the height of its box as drawn (its left edge), not of the upright rectangle
    around it, which a skewed page makes taller."""
    if len(line.corners) != 4:
        return line
    (x0, y0), (x3, y3) = line.corners[0], line.corners[3]
    return OcrLine(line.text, line.left, line.top, line.right, line.top + ((x3 - x0) ** 2 + (y3 - y0) ** 2) ** 0.5,
                   line.score)


def _covered(size: tuple[int, int], lines: list[OcrLine]):
    """The pixels inside the boxes, as the detector drew them (turned with a skewed page: an upright
    rectangle around a skewed line would hide the 。 below its end), grown by 2 pixels."""
    import numpy as np
    from PIL import Image, ImageDraw

    mask = Image.new("1", size, 0)
    draw = ImageDraw.Draw(mask)
    for line in lines:
        draw.polygon(list(line.corners) or [(line.left, line.top), (line.right, line.top),
                                            (line.right, line.bottom), (line.left, line.bottom)], fill=1, outline=1)
    covered = np.asarray(mask, dtype=bool)
    grown = covered.copy()
    for shift in (1, 2):
        grown[shift:] |= covered[:-shift]
        grown[:-shift] |= covered[shift:]
        grown[:, shift:] |= covered[:, :-shift]
        grown[:, :-shift] |= covered[:, shift:]
    return grown


def _without_rules(dark, length: int):
    """The ink without table rules: a column dark for `length` pixels on end, or a row, is a rule
    (no printed character is that long), and a table's rules would otherwise be rows of ink that
    no box covers."""
    import numpy as np

    for axis in (0, 1):
        sums = np.cumsum(np.pad(dark, ((1, 0), (0, 0)) if axis == 0 else ((0, 0), (1, 0))), axis=axis, dtype=np.int32)
        if dark.shape[axis] <= length:
            continue
        windows = (sums[length:] - sums[:-length]) if axis == 0 else (sums[:, length:] - sums[:, :-length])
        ruled = (windows == length).any(axis=axis)
        dark = dark.copy()
        if axis == 0:
            dark[:, ruled] = False
        else:
            dark[ruled, :] = False
    return dark


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, stop) of each run of True."""
    result, start = [], None
    for index, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            result.append((start, index))
            start = None
    return result


def despeckled(image):
    """A page with salt-and-pepper noise (many dark pixels without a dark neighbour, which
    printed strokes never have) with its specks cleared: a dark pixel with at most one dark
    neighbour turns white, a light one inside a stroke (six dark neighbours or more) dark. The
    recogniser reads specks between characters as 。·：“ (measured on noisy scans: 2.4 % characters
    wrong); a 3×3 median filter, used before, cleared them too but thinned the strokes, and the tail
    of every ； went, read as ： (33 times on two files). A clean page is left alone."""
    import numpy as np
    from PIL import Image

    gray = np.asarray(image.convert("L"))
    dark = gray < 128
    padded = np.pad(dark, 1)
    neighbours = sum(padded[1 + dy:padded.shape[0] - 1 + dy, 1 + dx:padded.shape[1] - 1 + dx].astype(np.int8)
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    isolated = (dark & (neighbours == 0)).sum() / max(1, dark.sum())
    if isolated <= SPECKLED:
        return image
    cleared = gray.copy()
    cleared[dark & (neighbours <= 1)] = 255
    cleared[~dark & (neighbours >= 6)] = 0
    return Image.fromarray(cleared).convert("RGB")


def sharpened(image):
    """A blurred page (a photo, a copy of a copy) with its light evened out and its strokes
    sharpened; a crisp page is left alone, as sharpening roughens its edges (measured: 0.24 % of the
    characters wrong on clean 150-dpi pages, 0.95 % sharpened). Blurred: of the steps in brightness
    between neighbouring pixels, few are steep — crisp scans 0.44 or more, photos below 0.1. On
    blurred pages the tail of the ； goes and it is read as ： (110 times in the bench's photos)."""
    import numpy as np
    from PIL import Image, ImageFilter

    gray = image.convert("L")
    values = np.asarray(gray).astype(np.int16)
    low, high = np.percentile(values, (1, 99.5))
    steps = np.abs(np.diff(values, axis=1))
    edges = steps[steps > 0.15 * (high - low)]
    if high - low < 32 or not edges.size or (edges > 0.45 * (high - low)).mean() >= BLURRED:
        return image
    # the paper's light, from a small copy: the brightest of each neighbourhood, smoothed
    small = gray.resize((max(1, gray.width // 8), max(1, gray.height // 8)), Image.Resampling.BOX)
    light = small.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(2))
    light = light.resize(gray.size, Image.Resampling.BILINEAR)
    even = np.asarray(gray, dtype=np.float32) / np.maximum(np.asarray(light, dtype=np.float32), 1) * 255
    evened = Image.fromarray(np.clip(even, 0, 255).astype(np.uint8))
    return evened.filter(ImageFilter.UnsharpMask(radius=2, percent=250, threshold=0)).convert("RGB")


def _cleaned(text: str) -> str:
    """A line as a 三定 can hold it: a lone round mark (a 。 wrapped onto its own line, often read
    as o, 0 or P) is 。; a half-width point between two Chinese characters is a speck."""
    text = text.strip()
    if len(text) == 1 and text in "oO0°P.·。":
        return "。"
    return _YEAR_BRACKETS.sub(r"〔\1〕", _MIXED_LABEL.sub(r"（\1）", _SPECK.sub("", text)))


def assemble(pages: list[OcrPage], path: str | Path) -> RawText:
    """The pages' lines as the text of one document (the scan at `path`), with what OCR could
    not vouch for."""
    format = "pdf" if Path(path).suffix.lower() == ".pdf" else "image"
    if not any(page.lines for page in pages):
        raise ParseError("扫描件中没有识别出文字：请确认文件内容清晰、方向正确")
    lines = _join_wrapped(_drop_page_chrome([page_rows(page) for page in pages]))
    doubtful = [(page.number, line) for page in pages for line in page.lines if line.score < LOW_CONFIDENCE]
    scores = [page.confidence for page in pages if page.confidence is not None]
    warnings = [f"扫描件：{len(pages)} 页经文字识别（OCR），平均置信度 {sum(scores) / len(scores):.2f}；"
                "识别结果请对照原件核对"]
    if doubtful:
        listed = "；".join(f"第{number}页“{line.text}”（{line.score:.2f}）" for number, line in doubtful[:10])
        more = f"等 {len(doubtful)} 行" if len(doubtful) > 10 else f"共 {len(doubtful)} 行"
        warnings.append(f"文字识别置信度较低的行{more}，请重点核对：{listed}")
    checks = [{"page": page.number, "confidence": round(page.confidence or 0.0, 3),
               "doubtful": [{"text": line.text, "score": round(line.score, 3)}
                            for line in page.lines if line.score < LOW_CONFIDENCE]} for page in pages]
    return RawText(lines=lines, format=format, pages=len(pages), warnings=warnings, ocr=checks)


def read_scan(path: str | Path) -> RawText:
    """Every page of a scan in this process (the command line; the web app confines each page)."""
    return assemble(read_pages(str(path), 0, page_count(str(path))), path)


def page_rows(page: OcrPage) -> list[PdfLine]:
    """A page's text as lines in reading order, with what a page position tells: a page set in two
    columns column by column (`column_gap`, `columns_read`), any other row by row."""
    gap = column_gap(page.lines)
    if gap is None:
        return rows(_wrapped_stops(page.lines))
    return columns_read(page.lines, gap)


def column_gap(lines: list[OcrLine]) -> tuple[float, float] | None:
    """The band between the two columns of a page set in two (its left and right x), or None.

    It is a vertical band, at least half a character wide (a table's cell padding) and a few
    characters in from the text's edges, that boxes cross for no more than `GAP_COVER` of the
    page's text height: a title, a running header or a page number may cross it, while on a page
    of one column nearly every line does. The band must also part two columns (`_columns_beside`)."""
    if len(lines) < 6:
        return None
    import numpy as np

    height = _median_height(lines)
    left, right = min(line.left for line in lines), max(line.right for line in lines)
    top, bottom = min(line.top for line in lines), max(line.bottom for line in lines)
    cover = np.zeros(int(right - left) + 2)
    for line in lines:
        cover[int(line.left - left):int(line.right - left) + 1] += line.bottom - line.top
    free = (cover <= GAP_COVER * (bottom - top)).tolist()
    edge = int(3 * height)
    free[:edge] = [False] * min(edge, len(free))
    free[max(0, len(free) - edge):] = [False] * min(edge, len(free))
    runs: list[tuple[float, int, int]] = []  # (boxes' height across it, start, stop)
    start = None
    for x, clear in enumerate(free + [False]):
        if clear and start is None:
            start = x
        elif not clear and start is not None:
            if x - start >= height / 2:
                runs.append((float(cover[start:x].max()), start, x))
            start = None
    # The clearest band first (a gutter is crossed by a title at most; the room right of short
    # lines by the full ones), then the widest.
    for _, start, stop in sorted(runs, key=lambda run: (run[0], run[1] - run[2])):
        gap = (left + start, left + stop)
        if _columns_beside(lines, gap, height):
            return gap
    return None


def _columns_beside(lines: list[OcrLine], gap: tuple[float, float], height: float) -> bool:
    """Whether text stands on both sides of `gap`, side by side (a signature block to the right
    below the last lines is no column), the right side wide enough for running text (short
    values beside names, 局长 1名, are still read by rows)."""
    first, second, _ = _split(lines, gap)
    if len(first) < 2 or len(second) < 2 or len(first) + len(second) < 6:
        return False
    if max(line.right for line in second) - min(line.left for line in second) < 6 * height:
        return False
    side_by_side = (min(max(line.bottom for line in first), max(line.bottom for line in second))
                    - max(min(line.top for line in first), min(line.top for line in second)))
    return side_by_side >= 2 * height


def columns_read(lines: list[OcrLine], gap: tuple[float, float]) -> list[PdfLine]:
    """A two-column page's rows in reading order. Boxes across the gap (a title, a heading over
    both columns, a page number) stay where they stand and cut the columns into sections.

    Two columns of running text (about as wide, the left one about as full) are read the left
    one to its end, then the right one. A narrow left column with fewer rows is a table's
    first column (内设机构 | 主要职责): each of its cells is read, then the text beside it down to
    the next cell, so a division's name comes before its duties as the parser expects.

    The rows' positions are moved into one frame, so that joining wrapped lines (pdf._join_wrapped,
    over the whole document) sees a column's full line as reaching the margin and its indent as
    an indent: left-column rows end where right-column rows end, right-column rows start where
    left-column rows start (each edge taken as _join_wrapped takes the margin). A table's
    first-column cell is marked as indented instead, as a cell starts a paragraph."""
    height = _median_height(lines)
    first, second, across = _split(lines, gap)
    first_rows, second_rows = rows(_wrapped_stops(first)), rows(_wrapped_stops(second))
    (first_left, first_right), (second_left, second_right) = _edges(first_rows), _edges(second_rows)
    second_rows = [row._replace(left=(row.left or 0.0) - second_left + first_left) for row in second_rows]
    width = [max(line.right for line in side) - min(line.left for line in side) for side in (first, second)]
    table = width[0] < 0.7 * width[1] or len(first_rows) < 0.6 * len(second_rows)
    if table:
        cells = _cells(rows(first), max(line.right for line in first), height)
        first_rows = [row._replace(left=first_left + 2 * height) for row in cells]
    else:
        first_rows = [row._replace(right=(row.right or 0.0) - first_right + second_right) for row in first_rows]
    across_rows = rows(across)
    cuts = [_middle(row) for row in across_rows]
    sections: list[tuple[list[PdfLine], list[PdfLine]]] = [([], []) for _ in range(len(cuts) + 1)]
    for side, side_rows in enumerate((first_rows, second_rows)):
        for row in side_rows:
            sections[bisect.bisect(cuts, _middle(row))][side].append(row)
    result: list[PdfLine] = []
    for number, (lefts, rights) in enumerate(sections):
        result.extend(_beside(lefts, rights, height) if table else lefts + rights)
        if number < len(across_rows):
            result.append(across_rows[number])
    return result


def _split(lines: list[OcrLine], gap: tuple[float, float]
           ) -> tuple[list[OcrLine], list[OcrLine], list[OcrLine]]:
    """Boxes left of the gap, right of it, and across it (or inside it, as a page number in the
    gutter); a line's punctuation hanging into the gutter keeps the line in its column."""
    first: list[OcrLine] = []
    second: list[OcrLine] = []
    across: list[OcrLine] = []
    for line in lines:
        if (line.left < gap[0] and line.right > gap[1]) or (line.left >= gap[0] and line.right <= gap[1]):
            across.append(line)
        elif (line.left + line.right) / 2 < (gap[0] + gap[1]) / 2:
            first.append(line)
        else:
            second.append(line)
    return first, second, across


def _cells(label_rows: list[PdfLine], edge: float, height: float) -> list[PdfLine]:
    """A table's first-column rows as cells: a row reaching the column's edge wrapped (a long
    division name) and goes on in the row just below. A cell stands where its first row does."""
    cells: list[PdfLine] = []
    previous: PdfLine | None = None
    for row in label_rows:
        if (previous is not None and (previous.right or 0.0) >= edge - 1.2 * height
                and row.bottom - previous.bottom <= 2 * height):
            cells[-1] = cells[-1]._replace(text=cells[-1].text + row.text, right=row.right)
        else:
            cells.append(row)
        previous = row
    return cells


def _beside(cells: list[PdfLine], text: list[PdfLine], height: float) -> list[PdfLine]:
    """Each first-column cell followed by the rows beside and below it, up to the next cell
    (rows above the first cell go on from the previous page or section)."""
    tops = [cell.bottom - (cell.height or 0.0) - 0.5 * height for cell in cells]
    result = [row for row in text if _middle(row) < tops[0]] if tops else list(text)
    for number, cell in enumerate(cells):
        below = tops[number + 1] if number + 1 < len(cells) else float("inf")
        result.append(cell)
        result.extend(row for row in text if tops[number] <= _middle(row) < below)
    return result


def _edges(side_rows: list[PdfLine]) -> tuple[float, float]:
    """Where a column's rows start and where its full rows end (10th and 90th percentiles)."""
    lefts = sorted(row.left or 0.0 for row in side_rows)
    rights = sorted(row.right or 0.0 for row in side_rows)
    return lefts[len(lefts) // 10], rights[int(len(rights) * 0.9)]


def _middle(row: PdfLine) -> float:
    return row.bottom - (row.height or 0.0) / 2


def _median_height(lines: list[OcrLine]) -> float:
    return sorted(line.bottom - line.top for line in lines)[len(lines) // 2]


def _wrapped_stops(lines: list[OcrLine]) -> list[OcrLine]:
    """A 。 that the layout pushed to the start of a line of its own is a small round mark the
    recogniser guesses at (o, 0, 6, P …, with a low score): one such mark, not Chinese, at the
    left margin, is read as 。 (a page number stands centred, or between dashes)."""
    if len(lines) < 5:
        return lines
    lefts = sorted(line.left for line in lines)
    margin = lefts[len(lefts) // 10]
    height = sorted(line.bottom - line.top for line in lines)[len(lines) // 2]
    return [OcrLine("。", line.left, line.top, line.right, line.bottom, line.score)
            if len(line.text) == 1 and not "\u4e00" <= line.text <= "\u9fff" and line.score < 0.6
            and line.left < margin + height else line for line in lines]


def rows(lines: list[OcrLine]) -> list[PdfLine]:
    """Boxes whose vertical middles lie within half a line of each other make one row."""
    grouped: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda item: (item.top + item.bottom) / 2):
        middle, height = (line.top + line.bottom) / 2, line.bottom - line.top
        if grouped:
            last = grouped[-1][0]
            if abs(middle - (last.top + last.bottom) / 2) < 0.5 * max(height, last.bottom - last.top):
                grouped[-1].append(line)
                continue
        grouped.append([line])
    result = []
    for row in grouped:
        row.sort(key=lambda item: item.left)
        result.append(PdfLine(_joined(row), right=max(item.right for item in row),
                              height=max(item.bottom - item.top for item in row),
                              bottom=max(item.bottom for item in row), left=row[0].left))
    return result


def _joined(row: list[OcrLine]) -> str:
    """A row's boxes as one text. The detector sometimes cuts a line into two boxes that overlap by a
    character, and both read it (负责安全生产；承 | 承担应急管理): characters that end one box and start
    the next, where the boxes overlap by about as much, are read once."""
    text = row[0].text
    for previous, line in zip(row, row[1:]):
        width = (previous.right - previous.left) / max(1, len(previous.text))
        overlap = previous.right - line.left
        repeated = next((k for k in range(min(4, len(previous.text), len(line.text)), 0, -1)
                         if previous.text[-k:] == line.text[:k] and overlap >= 0.5 * k * width), 0)
        text += line.text[repeated:]
    return text


def _engine():
    global _ENGINE
    if _ENGINE is None:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        _ENGINE = RapidOCR()
    return _ENGINE


def _open_image(path: str):
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError):
        raise ParseError("图片文件已损坏或不是有效的图片") from None


def _page_image(path: str, index: int):
    if Path(path).suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            return pdf[index].render(scale=DPI / 72).to_pil()
        finally:
            pdf.close()
    with _open_image(path) as opened:
        if getattr(opened, "n_frames", 1) > 1:
            opened.seek(index)
        image = opened.convert("RGB")
    if max(image.size) > 6000:  # a photo far beyond 300 dpi A4: shrink, as OCR gains nothing from it
        image.thumbnail((6000, 6000))
    return image


def image_bytes(path: str, index: int, width: int = 900) -> bytes:
    """A page as a PNG `width` pixels wide, to show beside the text read from it."""
    image = _page_image(path, index)
    image.thumbnail((width, width * 2))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
