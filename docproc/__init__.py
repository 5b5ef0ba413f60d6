"""Reading 三定 documents into structured duties, and finding overlaps between them."""
from __future__ import annotations

from pathlib import Path

from .errors import NeedsOcr, ParseError
from .model import Document

__all__ = ["parse", "parse_bytes", "Document", "ParseError", "NeedsOcr", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".md", ".text", ".html", ".htm", ".xml",
                      ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp")


def parse(path: str | Path, *, max_bytes: int | None = None, name: str | None = None) -> Document:
    """Parse one file into a Document; raises ParseError with a Chinese message."""
    from .read import read_file
    from .structure import build_document

    path = Path(path)
    try:
        raw = read_file(path, max_bytes=max_bytes, name=name)
    except NeedsOcr:
        from .read.ocr import read_scan
        raw = read_scan(path)
    return build_document(raw, file=name or path.name)


def parse_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> Document:
    """Parse file content given in memory; `name` decides the format by its suffix."""
    from .read import read_bytes
    from .structure import build_document

    try:
        raw = read_bytes(data, name, max_bytes=max_bytes)
    except NeedsOcr:
        import tempfile

        from .read.ocr import read_scan
        with tempfile.TemporaryDirectory() as folder:
            scan = Path(folder) / f"scan{Path(name).suffix.lower()}"
            scan.write_bytes(data)
            raw = read_scan(scan)
    return build_document(raw, file=name)
