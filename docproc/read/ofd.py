"""OFD (GB/T 33190, the national electronic document format): a zip of XML pages whose text objects
carry their position; lines are rebuilt from those positions and then joined like PDF lines.

The root `OFD.xml` names each document's `Document.xml`, which lists the pages (`BaseLoc`); a page's
`Content.xml` holds `TextObject`s (a `Boundary` "x y w h" in mm, a font `Size`) with `TextCode`s
(text at `X`, `Y` inside the boundary, `Y` the baseline). Producers differ in the namespace URI
(…/2016 or none) and in whether `Y` is given, so elements are matched by local name and a
missing coordinate is taken from the text code before it. Pages may also take objects from
templates (`Template` → `TemplatePage`): their text is read too (a running header there is then
dropped as page chrome, like a PDF's).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from ..errors import ParseError
from ..model import RawText
from .docx import MAX_RATIO, MAX_UNCOMPRESSED
from .pdf import PdfLine, _drop_page_chrome, _join_wrapped

Element = Any  # lxml's element type (lxml ships without type information)

MAX_PAGES = 2000


def read_ofd(data: bytes) -> RawText:
    """Read the text of every page of an OFD file into logical lines."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ParseError("OFD 文件已损坏或不是有效的 OFD 文件") from None
    with package:
        infos = package.infolist()
        total, packed = sum(i.file_size for i in infos), max(1, sum(i.compress_size for i in infos))
        if total > MAX_UNCOMPRESSED or (total > 20 * 1024 * 1024 and total / packed > MAX_RATIO):
            raise ParseError("OFD 文件解压后体积异常（疑似压缩炸弹），已拒绝处理")
        names = set(package.namelist())
        root_name = next((name for name in names if name.lower() == "ofd.xml"), None)
        if root_name is None:
            raise ParseError("OFD 文件已损坏或不是有效的 OFD 文件：缺少 OFD.xml")
        root = _xml(package, root_name)
        if _first(root, "Encryptions") is not None or any(n.lower().endswith("encryptions.xml") for n in names):
            raise ParseError("OFD 文件已加密，请解除加密后再上传")
        pages: list[list[PdfLine]] = []
        for body in _all(root, "DocBody"):
            document_name = _text(_first(body, "DocRoot"))
            if not document_name:
                continue
            document_name = _resolve("", document_name)
            if document_name not in names:
                raise ParseError(f"OFD 文件不完整：缺少 {document_name}")
            document = _xml(package, document_name)
            templates = _templates(document, posixpath.dirname(document_name))
            for page in _all(_first(document, "Pages"), "Page"):
                location = _resolve(posixpath.dirname(document_name), page.get("BaseLoc", ""))
                if location not in names:
                    continue
                if len(pages) >= MAX_PAGES:
                    raise ParseError(f"OFD 文件超过 {MAX_PAGES} 页，请拆分后再上传")
                content = _xml(package, location)
                objects = list(_text_objects(content))
                for template in _all(content, "Template"):
                    path = templates.get(template.get("TemplateID", ""))
                    if path in names:
                        objects += _text_objects(_xml(package, path))
                pages.append(_lines(objects))
    lines = _join_wrapped(_drop_page_chrome(pages))
    if not lines:  # nothing but page numbers or seals
        raise ParseError("OFD 文件中没有可读取的文字：可能是扫描件或只有签章图像，请先做文字识别（OCR）")
    return RawText(lines=lines, format="ofd", pages=len(pages))


def _xml(package: zipfile.ZipFile, name: str) -> Element:
    """A part of the package, parsed without entities, DTDs or network (untrusted XML)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(package.read(name), parser)
    except (KeyError, zipfile.BadZipFile, ValueError, etree.XMLSyntaxError):
        raise ParseError(f"OFD 文件已损坏：无法读取 {name}") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _all(element: Element | None, name: str):
    """Descendants named `name` (any namespace), in document order."""
    if element is None:
        return []
    return [child for child in element.iter() if isinstance(child.tag, str) and _local(child.tag) == name]


def _first(element: Element | None, name: str) -> Element | None:
    found = _all(element, name)
    return found[0] if found else None


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _resolve(base: str, location: str) -> str:
    """A path inside the package: absolute from the root (`/Doc_0/…`) or relative to `base`."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(base, location))


def _templates(document: Element, base: str) -> dict[str, str]:
    return {template.get("ID", ""): _resolve(base, template.get("BaseLoc", ""))
            for template in _all(_first(document, "CommonData"), "TemplatePage")}


def _numbers(text: str | None) -> list[float]:
    values = []
    for part in (text or "").split():
        try:
            values.append(float(part))
        except ValueError:  # "g 3 5" repeat codes in DeltaX: positions are not needed beyond the first
            continue
    return values


def _text_objects(content: Element):
    """(baseline y, x, size, text) of every piece of text on the page, in mm from the top left."""
    for text_object in _all(content, "TextObject"):
        box = _numbers(text_object.get("Boundary"))
        if len(box) < 4:
            continue
        size = float(text_object.get("Size") or 0) or box[3]
        x = y = 0.0
        for code in _all(text_object, "TextCode"):
            x = float(code.get("X", x) or x)
            y = float(code.get("Y", y) or y)
            text = code.text or ""
            if text.strip():
                baseline = box[1] + (y if y > 0 else box[3])
                yield baseline, box[0] + x, min(size, box[3]) if box[3] > 0 else size, text, box[0] + box[2]


def _lines(objects: list) -> list[PdfLine]:
    """Pieces on one baseline (within a third of a character) make a line, read left to right."""
    lines: list[PdfLine] = []
    current: list = []
    for piece in sorted(objects, key=lambda p: (round(p[0], 1), p[1])):
        if current and abs(piece[0] - current[0][0]) > 0.35 * max(piece[2], current[0][2]):
            lines.append(_line(current))
            current = []
        current.append(piece)
    if current:
        lines.append(_line(current))
    return lines


def _line(pieces: list) -> PdfLine:
    pieces.sort(key=lambda p: p[1])
    text = "".join(p[3] for p in pieces).strip()
    height = max(p[2] for p in pieces)
    return PdfLine(text, right=max(p[4] for p in pieces), height=height, bottom=pieces[0][0], left=pieces[0][1])
