"""OFD (GB/T 33190) read from its text objects, and Word 97 .doc / WPS .wps through LibreOffice:
the same duties as the sample city's own text."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

import docproc
from docproc import ParseError, parse_bytes
from docproc.read import legacy

from shared_paths import SAMPLE_CITY_SOURCE

NS = "http://www.ofdspec.org/2016"
WATER = SAMPLE_CITY_SOURCE / "04_shuili.txt"
LINES_PER_PAGE = 30
CHARS_PER_LINE = 28  # 28 characters of 5 mm: a 140 mm text block, as an A4 公文 page has


def _page_xml(lines: list[str], number: int, namespace: str, give_y: bool) -> str:
    objects, top = [], 30.0
    for index, line in enumerate(lines):
        y = top + index * 8
        indent = 10 if line.startswith("　") else 0
        text = line.strip("　")
        deltas = " ".join(["5"] * (len(text) - 1))
        y_attribute = ' Y="5"' if give_y else ""
        objects.append(f'<ofd:TextObject ID="{index + 10}" Boundary="{30 + indent} {y} {5 * len(text)} 7" '
                       f'Font="1" Size="5"><ofd:TextCode X="0"{y_attribute} DeltaX="{deltas}">{text}'
                       "</ofd:TextCode></ofd:TextObject>")
    objects.append(f'<ofd:TextObject ID="9" Boundary="95 280 20 5" Font="1" Size="4"><ofd:TextCode X="0" Y="4">'
                   f"— {number} —</ofd:TextCode></ofd:TextObject>")  # the page number: page chrome
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{namespace}"><ofd:Content>'
            f'<ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def _wrapped(text: str) -> list[str]:
    """The text laid out as a page would: paragraphs indented two characters, wrapped at the margin."""
    lines = []
    for paragraph in text.splitlines():
        paragraph = "　　" + paragraph.strip() if paragraph.strip() else ""
        while paragraph:
            lines.append(paragraph[:CHARS_PER_LINE])
            paragraph = paragraph[CHARS_PER_LINE:]
    return lines


def make_ofd(text: str, *, namespace: str = NS, give_y: bool = True, encrypted: bool = False) -> bytes:
    lines = _wrapped(text)
    pages = [lines[i:i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        extra = '<ofd:Encryptions>Doc_0/Encryptions.xml</ofd:Encryptions>' if encrypted else ""
        package.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{namespace}" '
                                    f'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID>'
                                    f"</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>{extra}"
                                    "</ofd:DocBody></ofd:OFD>")
        listed = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document '
                                               f'xmlns:ofd="{namespace}"><ofd:CommonData><ofd:PageArea>'
                                               "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                                               f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>")
        for number, page in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", _page_xml(page, number + 1, namespace, give_y))
    return buffer.getvalue()


def _duties(doc) -> list[tuple[str, str]]:
    return [(duty.label, duty.text) for duty in doc.duties]


def test_an_ofd_gives_the_duties_of_its_text():
    text = WATER.read_text("utf-8")
    expected = docproc.parse(WATER)
    for variant in ({}, {"namespace": "http://www.ofdspec.org"}, {"give_y": False}):
        doc = parse_bytes(make_ofd(text, **variant), "水利局.ofd")
        assert doc.department == expected.department == "示例市水利局", variant
        assert _duties(doc) == _duties(expected), variant
        assert [d.name for d in doc.divisions] == [d.name for d in expected.divisions]
        assert not any("— " in duty.text for duty in doc.duties)  # page numbers dropped


@pytest.mark.parametrize(("data", "message"), [
    (make_ofd("示例市测试局职能配置规定", encrypted=True), "OFD 文件已加密"),
    (make_ofd(""), "没有可读取的文字"),
    (b"PK\x03\x04" + b"\0" * 64, "OFD 文件已损坏"),
])
def test_bad_ofd_files_get_a_chinese_message(data, message):
    with pytest.raises(ParseError, match=message):
        parse_bytes(data, "文件.ofd")


@pytest.fixture(scope="module")
def word97(tmp_path_factory) -> bytes:
    """The sample city's 水利局 text saved as Word 97 by LibreOffice (what old archives hold)."""
    soffice = legacy.soffice()
    assert soffice, "LibreOffice is installed by `make test` (libreoffice-writer-nogui)"
    folder = tmp_path_factory.mktemp("doc")
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--infilter=Text (encoded):UTF8", "--convert-to", "doc", "--outdir", str(folder), str(WATER)],
                   check=True, capture_output=True, timeout=180)
    return (folder / "04_shuili.doc").read_bytes()


def test_doc_and_wps_read_like_the_text(word97):
    expected = docproc.parse(WATER)
    assert word97.startswith(b"\xd0\xcf\x11\xe0")  # the OLE compound file of Word 97
    for name in ("水利局.doc", "水利局.wps"):  # WPS Office saves .wps in the same binary format
        doc = parse_bytes(word97, name)
        assert doc.department == expected.department and _duties(doc) == _duties(expected), name
        assert [d.name for d in doc.divisions] == [d.name for d in expected.divisions]
        assert doc.format == Path(name).suffix.lstrip(".")


def test_without_libreoffice_the_message_says_what_to_install(word97, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(ParseError, match="apt install libreoffice-writer-nogui"):
        parse_bytes(word97, "旧文件.doc")
