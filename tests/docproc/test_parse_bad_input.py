"""Bad files: each gives a clear Chinese message and exit code 2 from the CLI."""
from __future__ import annotations

import io
import os
import zipfile

import pytest
from click.testing import CliRunner

from docproc import ParseError, parse, parse_bytes
from webapp.cli import main


def _pdf_bytes(*, text: str | None = "hello", encrypted: bool = False, image_only: bool = False) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    if image_only:
        # A scan: a page that only holds a picture, no text layer.
        from PIL import Image

        picture = Image.new("RGB", (200, 100), "white")
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        buffer.seek(0)
        pdf.image(buffer, x=10, y=10, w=150)
    else:
        pdf.set_font("helvetica", size=12)
        pdf.cell(text=text)
    if encrypted:
        pdf.set_encryption(owner_password="o", user_password="secret", encryption_method=EncryptionMethod.RC4)
    return bytes(pdf.output())


def _zip_bomb() -> bytes:
    """A .docx whose document.xml expands to 210 MB of zeros (a few hundred KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(210):
                member.write(chunk)
    return buffer.getvalue()


BAD_FILES = {
    "empty.txt": (b"", "文件是空的"),
    "random.pdf": (os.urandom(4096), "PDF 文件已损坏"),
    "random.txt": (bytes(range(256)) * 40, "无法识别"),
    "random.docx": (os.urandom(4096), "Word 文件已损坏"),
    "三定.xls": (b"abc", "不支持的文件类型"),
    "old.doc": (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "无法读取此 .doc 文件"),
    "random.ofd": (os.urandom(4096), "OFD 文件已损坏"),
    "truncated.docx": (None, "Word 文件已损坏"),
    "not-a-docx.docx": (None, "缺少正文"),
    "encrypted.pdf": (None, "已加密"),
    "scan.pdf": (None, "扫描件中没有识别出文字"),  # read by OCR, which finds only a picture
    "blank.png": (None, "扫描件中没有识别出文字"),  # a photo of an empty sheet
    "500页扫描件.pdf": (None, "扫描件共 500 页，超过文字识别的上限"),  # refused before any page is read
    "bomb.docx": (None, "压缩炸弹"),
}


def _content(name: str) -> bytes:
    data, _ = BAD_FILES[name]
    if data is not None:
        return data
    if name == "truncated.docx":
        good = _small_docx()
        return good[: len(good) // 2]
    if name == "not-a-docx.docx":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "这不是 Word 文件")
        return buffer.getvalue()
    if name == "encrypted.pdf":
        return _pdf_bytes(encrypted=True)
    if name == "scan.pdf":
        return _pdf_bytes(image_only=True)
    if name == "bomb.docx":
        return _zip_bomb()
    if name == "blank.png":
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (1240, 1754), "white").save(buffer, format="PNG")
        return buffer.getvalue()
    if name == "500页扫描件.pdf":
        return _pages_without_text(500)
    raise KeyError(name)


def _pages_without_text(count: int) -> bytes:
    """A PDF of `count` A4 pages without a text layer: to the reader, a scan."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(count):
        pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    return buffer.getvalue()


def _small_docx() -> bytes:
    import docx

    document = docx.Document()
    for line in ["示例市测试局职能配置、内设机构和人员编制规定", "第三条 主要职责是：", "（一）负责测试工作。"]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_chinese_message(name):
    with pytest.raises(ParseError) as caught:
        parse_bytes(_content(name), name)
    assert BAD_FILES[name][1] in str(caught.value)


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_exits_2_with_message_and_no_traceback(name, tmp_path):
    path = tmp_path / name
    path.write_bytes(_content(name))
    result = CliRunner().invoke(main, ["parse", str(path), "--json"])
    assert result.exit_code == 2
    assert BAD_FILES[name][1] in result.output
    assert "Traceback" not in result.output


def test_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes("（一）负责测试。\n".encode() * 2000)
    with pytest.raises(ParseError) as caught:
        parse(path, max_bytes=10_000)
    assert "文件过大" in str(caught.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ParseError, match="文件不存在"):
        parse(tmp_path / "nowhere.txt")
    with pytest.raises(ParseError, match="文件夹"):
        parse(tmp_path)


def test_one_bad_file_does_not_stop_the_others(tmp_path, sample_file):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", str(bad), str(sample_file), "--json"])
    assert result.exit_code == 2
    assert "示例市测试局" in result.output
    assert "文件是空的" in result.output


def test_text_that_is_not_a_sanding_says_so(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于召开年度工作会议的通知\n各单位：定于下周一召开会议，请准时参加。\n", encoding="utf-8")
    doc = parse(path)
    assert doc.duties == []
    assert any("不是三定规定" in warning for warning in doc.warnings)
