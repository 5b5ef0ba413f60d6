"""Fuzzing the parsers: every input ends in a Document or a ParseError, never a crash or a hang.

Malformed files run through the real CLI in a child process with a memory cap
(RLIMIT_AS) and a time cap, so a hang or a runaway allocation fails the test
instead of the machine. Hypothesis feeds random bytes and random 三定-like
text to the in-process parser.
"""
from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docproc import ParseError, parse_bytes
from docproc.model import Document

MEMORY_CAP = 2 * 1024 ** 3
TIME_CAP = 60


def _docx_with(document_xml: bytes) -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
    return out.getvalue()


def _nested_xml(depth: int) -> bytes:
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return (f'<w:document {namespace}><w:body>' + "<w:sdt><w:sdtContent>" * depth +
            "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>").encode()


def _entity_bomb() -> bytes:
    entities = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8)) + "]>"
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return (entities + f'<w:document {namespace}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body>'
            '</w:document>').encode()


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="duty one")
    return bytes(pdf.output())


MALFORMED = {
    "zero.docx": lambda: b"",
    "zero.pdf": lambda: b"",
    "truncated.pdf": lambda: _pdf()[: len(_pdf()) // 2],
    "garbage-after-header.pdf": lambda: b"%PDF-1.7\n" + os.urandom(20000),
    "truncated.docx": lambda: _docx_with(b"<w:document/>")[:1500],
    "nested.docx": lambda: _docx_with(_nested_xml(100_000)),
    "entity-bomb.docx": lambda: _docx_with(_entity_bomb()),
    "not-xml.docx": lambda: _docx_with(os.urandom(5000)),
    "latin1.txt": lambda: "Règlement général - ©".encode("latin-1") * 50,
    "utf16-odd.txt": lambda: "（一）负责测试。".encode("utf-16-le") + b"\x00",
    "binary.html": lambda: os.urandom(8000),
    "html-deep.html": lambda: b"<div>" * 50_000 + "（一）负责测试。".encode() + b"</div>" * 50_000,
    "long-line.txt": lambda: ("负责" + "测试工作，" * 200_000).encode(),
}


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_files_end_cleanly_under_caps(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(MALFORMED[name]())
    completed = subprocess.run([sys.executable, "-m", "webapp.cli", "parse", str(path), "--json"],
                               capture_output=True, text=True, timeout=TIME_CAP, preexec_fn=_limits)
    assert completed.returncode in (0, 2), completed.stderr[-2000:]
    assert "Traceback" not in completed.stderr
    if completed.returncode == 2:
        assert completed.stderr.startswith("错误：")
    else:
        assert '"duties"' in completed.stdout


def test_file_over_the_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: 60 MB on paper, nothing on disk
    completed = subprocess.run([sys.executable, "-m", "webapp.cli", "parse", str(path)],
                               capture_output=True, text=True, timeout=TIME_CAP, preexec_fn=_limits)
    assert completed.returncode == 2 and "文件过大" in completed.stderr


SUFFIXES = [".txt", ".pdf", ".docx", ".html"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_parse_or_refuse(data, suffix):
    try:
        result = parse_bytes(data, "fuzz" + suffix)
    except ParseError as error:
        assert str(error)
    else:
        assert isinstance(result, Document)


LABELS = st.sampled_from(["（一）", "(二)", "三、", "第四条", "1.", "（5）", "⑥", "一、主要职责", "内设机构",
                          "人员编制", "设3个内设机构：", "机关行政编制十二名。", "局长1名", "交办的其他任务",
                          "\n", "。", "；"])
TEXT = st.lists(st.one_of(LABELS, st.text(alphabet="负责监督管理食品安全生产工作办公室科局市县的和，", max_size=20)),
                max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(text=TEXT, encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_random_sanding_like_text_parses(text, encoding):
    try:
        doc = parse_bytes(text.encode(encoding), "fuzz.txt")
    except ParseError:
        return
    assert all(duty.no == n for n, duty in enumerate(doc.duties, start=1))
    assert all(isinstance(w, str) for w in doc.warnings)
    doc.to_dict()
