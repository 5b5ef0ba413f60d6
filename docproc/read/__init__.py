"""Readers: one module per file format, each turning bytes into logical lines."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import NeedsOcr, ParseError
from ..model import RawText

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")  # read by OCR (read/ocr.py)

_FORMATS = {
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xml": "text",  # a staffing system's export; read/xml.py reads it
    ".ofd": "ofd",
    ".doc": "legacy",
    ".wps": "legacy",
}


def read_file(path: Path, *, max_bytes: int | None = None, name: str | None = None) -> RawText:
    """Read a file from disk, refusing missing, empty and oversized files."""
    limit = max_bytes or DEFAULT_MAX_BYTES
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ParseError("文件不存在", str(path)) from None
    except OSError as error:
        raise ParseError(f"无法读取文件（{error.strerror}）", str(path)) from None
    if path.is_dir():
        raise ParseError("这是一个文件夹，不是文件", str(path))
    if size > limit:
        raise ParseError(_too_large(size, limit), name or path.name)
    return read_bytes(path.read_bytes(), name or path.name, max_bytes=limit)


def read_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> RawText:
    """Read in-memory content; the suffix of `name` chooses the reader. Whatever the format, the
    lines come without the invisible characters a browser or an editor leaves in them."""
    raw = _read_bytes(data, name, max_bytes=max_bytes)
    raw.lines = [visible(line) for line in raw.lines]
    return raw


# Zero-width spaces and joiners, word joiners, soft hyphens and byte-order marks inside the text say
# nothing; no-break and other typographic spaces are spaces (a name cut by one is still one name).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"), " ")


def visible(line: str) -> str:
    return line.translate(_INVISIBLE).translate(_SPACES)


def _read_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> RawText:
    limit = max_bytes or DEFAULT_MAX_BYTES
    suffix = Path(name).suffix.lower()
    kind = _FORMATS.get(suffix)
    if suffix in IMAGE_SUFFIXES:
        raise NeedsOcr("图片：需要做文字识别（OCR）", name)
    if kind is None:
        raise ParseError(
            f"不支持的文件类型“{suffix or '无扩展名'}”，"
            "请上传 .docx、.doc、.wps、.pdf、.ofd、.txt、.html 或 .xml 文件", name)
    if len(data) == 0:
        raise ParseError("文件是空的", name)
    if len(data) > limit:
        raise ParseError(_too_large(len(data), limit), name)
    try:
        if kind == "docx":
            from .docx import read_docx
            return read_docx(data)
        if kind == "pdf":
            from .pdf import read_pdf
            return read_pdf(data)
        if kind == "html":
            from .html import read_html
            return read_html(data)
        if kind == "ofd":
            from .ofd import read_ofd
            return read_ofd(data)
        if kind == "legacy":
            from .legacy import read_legacy_word
            return read_legacy_word(data, suffix)
        from .text import read_text
        from .xml import looks_like_xml, read_xml
        if looks_like_xml(data) or suffix == ".xml":  # a staffing system's export, also saved as .txt
            return read_xml(data)
        if _looks_like_html(data):  # a web page saved as .txt keeps its markup
            from .html import read_html
            return read_html(data)
        return read_text(data)
    except ParseError as error:
        error.file = error.file or name
        raise


_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|body|p|div|table|tr|td|th|span|br)\b[^<>]{0,200}>", re.IGNORECASE)


def _looks_like_html(data: bytes) -> bool:
    """Markup from the start: an opening html/body tag or five tags of text and tables in the first 4 KB."""
    head = data[:4096]
    return bool(re.match(rb"\s*(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", head, re.IGNORECASE)) or \
        len(_MARKUP.findall(head)) >= 5


def _too_large(size: int, limit: int) -> str:
    return f"文件过大（{size / 1048576:.1f} MB），上限为 {limit / 1048576:.0f} MB"
