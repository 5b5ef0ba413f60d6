"""Untrusted files are parsed under limits on time, memory and output (docproc.confine, #22).

The crafted files are built here: a .docx that passes the zip-bomb check and expands to
150 MB of XML, a .docx whose vertically merged table cells python-docx resolves in cubic
time, a text whose 职责分工 items the structure parser pairs in quadratic time, sheets whose
rows openpyxl parsed and dropped uncounted. Limits are low so that each stops in seconds.
"""
from __future__ import annotations

import io
import os
import random
import re
import zipfile
from pathlib import Path

import pytest

import docproc
from docproc import confine
from docproc.confine import LimitError, Limits
from survey import sheets
from survey.reform import leader_posts
from webapp import store

from shared_paths import SAMPLE_CITY
from workbooks import xlsx_bytes

FORMATS = SAMPLE_CITY / "formats"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CJK = re.compile(r"[\u4e00-\u9fff]")
HOLDER = ["办公室", "张三", "局长", "正处", "2021-03-01"]


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A .docx from python-docx's template with `document_xml` as its body (plus `extra` parts, stored)."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info.filename)
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def body(xml: str) -> bytes:
    return f"<w:document {W}><w:body>{xml}</w:body></w:document>".encode()


def expanding_docx(megabytes: int = 150) -> bytes:
    """Paragraphs that deflate about 1000:1, with incompressible padding so that the archive's
    ratio stays under docproc.read.docx.MAX_RATIO: the zip-bomb check lets it through."""
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    xml = body("").replace(b"</w:body>", paragraph * (megabytes * 2 ** 20 // len(paragraph)) + b"</w:body>")
    return docx_with(xml, {"word/media/image1.bin": random.Random(22).randbytes(len(xml) // 190)})


def merged_table_docx(rows: int = 400, columns: int = 4) -> bytes:
    """One table whose cells continue a vertical merge: python-docx's `row.cells` finds each one's
    first cell by walking up row by row (30 s for this 54 KB file before the reader read cells
    from the XML itself)."""
    first = '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>职责</w:t></w:r></w:p></w:tc>'
    follow = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
    grid = "<w:tblGrid>" + "<w:gridCol/>" * columns + "</w:tblGrid>"
    table = f"<w:tbl>{grid}<w:tr>{first * columns}</w:tr>{f'<w:tr>{follow * columns}</w:tr>' * (rows - 1)}</w:tbl>"
    return docx_with(body(f"<w:p><w:r><w:t>示例市测试局职能配置规定</w:t></w:r></w:p>{table}"))


def long_docx(paragraphs: int = 150_000) -> bytes:
    """A 100 KB .docx of 150,000 short paragraphs: seconds to read however fast the reader is."""
    return docx_with(body("<w:p><w:r><w:t>负责测试工作。</w:t></w:r></w:p>" * paragraphs))


def labour_text(items: int = 20_000) -> bytes:
    """A 2.4 MB 职责分工 of 20,000 items naming departments: read in milliseconds, several seconds
    to structure (it was quadratic: 200 items took 10 s, until pairs were made per name)."""
    head = "示例市测试局职能配置、内设机构和人员编制规定\n第三条 示例市测试局的主要职责是：\n第五条 职责分工。\n"
    return (head + "".join(f"{n}. 与市财政局的有关职责分工。市测试局负责测试，市财政局负责财政，市审计局配合。\n"
                           for n in range(items))).encode()


def sheet_with(rows_xml: str, header: list[str] = leader_posts.HEADER) -> bytes:
    """A holder list whose sheet has `rows_xml` after the header row (inline strings)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([], header)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", rows_xml.encode() + b"</sheetData>")
            target.writestr(info.filename, data)
    return out.getvalue()


def holder_row(number: int, values: list[str] = HOLDER) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
                    for i, value in enumerate(values))
    return f'<row r="{number}">{cells}</row>'


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- limits ------------------------------------------------------------------------------

def test_a_docx_expanding_to_150_mb_of_xml_stops_at_the_memory_limit(tmp_path):
    from docproc.read.docx import _check_archive

    data = expanding_docx()
    assert len(data) < 2 * 2 ** 20
    _check_archive(data)  # the zip-bomb check does not stop it: the limit has to
    limits = Limits(seconds=20, memory_mb=300)
    with pytest.raises(LimitError) as refused:
        confine.read_file(write(tmp_path, "展开.docx", data), limits=limits)
    assert refused.value.kind == "memory"
    assert refused.value.message == confine.memory_message(limits)
    assert "300 MB" in str(refused.value) and refused.value.file == "展开.docx"


def test_a_docx_slow_to_read_stops_at_the_time_limit(tmp_path):
    limits = Limits(seconds=1)
    with pytest.raises(LimitError) as refused:
        confine.read_file(write(tmp_path, "长文件.docx", long_docx()), limits=limits)
    assert refused.value.kind == "time"
    assert str(refused.value) == f"长文件.docx：{confine.time_message(limits)}"
    assert "超过 1 秒" in refused.value.message


def test_a_table_of_merged_cells_is_read_at_once_with_each_merged_cell_once(tmp_path):
    raw = confine.read_file(write(tmp_path, "合并单元格.docx", merged_table_docx()), limits=Limits(seconds=10))
    assert raw.lines == ["示例市测试局职能配置规定", "\u3000".join(["职责"] * 4)]


def test_a_text_slow_to_structure_stops_at_the_time_limit(tmp_path):
    limits = Limits(seconds=1)
    raw = confine.read_file(write(tmp_path, "分工.txt", labour_text()), limits=Limits(seconds=60))
    with pytest.raises(LimitError, match="超过 1 秒仍未完成") as refused:
        confine.build_document(raw, file="分工.txt", limits=limits)
    assert refused.value.kind == "time" and refused.value.file == "分工.txt"


def test_extracted_text_over_the_limit_is_refused(tmp_path, sample_text):
    limits = Limits(max_chars=len(sample_text) // 2)
    path = write(tmp_path, "长.txt", sample_text.encode())
    for run in (confine.read_file, confine.parse):
        with pytest.raises(LimitError) as refused:
            run(path, limits=limits)
        assert refused.value.kind == "output" and refused.value.message == confine.output_message(limits)
    assert "文字超过" in confine.output_message(Limits()) and "500 万字" in confine.output_message(Limits())


def test_a_parse_error_comes_back_as_raised(tmp_path):
    path = write(tmp_path, "坏.docx", b"PK\x03\x04" + os.urandom(3000))
    with pytest.raises(docproc.ParseError) as direct:
        docproc.parse(path)
    with pytest.raises(docproc.ParseError) as confined:
        confine.parse(path, limits=Limits())
    assert type(confined.value) is docproc.ParseError
    assert (confined.value.message, confined.value.file) == (direct.value.message, direct.value.file)


def test_a_list_error_comes_back_with_its_errors_and_attributes():
    with pytest.raises(sheets.TooManyRows) as refused:
        sheets.read_rows(xlsx_bytes([["x"]] * 5, ["部门"]), max_rows=3, max_columns=1)
    assert refused.value.errors == ["行数过多，一次最多导入 3 行"] and refused.value.limit == 3


@pytest.mark.parametrize("name", ["01_shichang_jianguan.docx", "01_shichang_jianguan.pdf",
                                  "06_zhufang_jianshe.html", "04_shuili.gb18030.txt", "13_gongan.utf16.txt",
                                  "17_xian_shichang_jianguan.big5.txt"])
def test_a_sample_city_file_parses_the_same_confined(name):
    path = FORMATS / name
    direct = docproc.parse(path)
    assert confine.parse(path, limits=Limits()) == direct
    raw = confine.read_file(path, limits=Limits())
    assert confine.build_document(raw, file=name, limits=Limits()) == direct


# --- web upload and configuration ----------------------------------------------------------

@pytest.fixture
def app_config(app_config):
    return {**app_config, "PARSE_SECONDS": 2, "PARSE_MEMORY_MB": 400, "MAX_UPLOAD_MB": 5}


@pytest.fixture
def previous(auth, uploads, sample_text, db):
    """One good file stored first; the table counts to compare with."""
    auth.login("staff")
    assert uploads.run([(sample_text.encode("utf-8"), "good.txt")])["jobs"][0]["status"] == "done"
    return {table: store.count(db, table) for table in
            ("governments", "departments", "versions", "items", "corrections")}


def _counts(db, before: dict) -> dict:
    return {table: store.count(db, table) for table in before}


def test_a_file_over_the_time_limit_ends_as_a_failed_job_and_nothing_is_stored(app, uploads, db, previous):
    status = uploads.run([(labour_text(), "职责分工.txt")])  # read at upload, structured in the job
    [job] = status["jobs"]
    assert job["status"] == "failed" and job["url"] is None
    assert job["message"] == "职责分工.txt：" + confine.time_message(Limits(seconds=2))
    assert _counts(db, previous) == previous
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1  # only the good file


def test_a_file_over_the_time_limit_at_upload_gets_a_400_page(app, uploads, db, previous):
    response = uploads.post([(long_docx(), "长文件.docx")])
    assert response.status_code == 400
    assert "长文件.docx：文件解析超过 2 秒仍未完成，已停止" in response.get_data(as_text=True)
    assert _counts(db, previous) == previous
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1


def test_the_limits_come_from_the_configuration(app, monkeypatch, app_config):
    from webapp import create_app
    from webapp.config import ConfigError
    from webapp.services import ingest, jobs

    assert jobs.runner(app).limits == Limits(seconds=2, memory_mb=400) == ingest.parse_limits(app.config)
    monkeypatch.setenv("SANDING_PARSE_SECONDS", "30")
    monkeypatch.setenv("SANDING_PARSE_MEMORY_MB", "512")
    configured = create_app({key: value for key, value in app_config.items() if not key.startswith("PARSE_")})
    assert jobs.runner(configured).limits == Limits(seconds=30, memory_mb=512)
    configured.extensions["sanding_jobs"].shutdown()
    monkeypatch.setenv("SANDING_PARSE_MEMORY_MB", "lots")
    with pytest.raises(ConfigError, match="SANDING_PARSE_MEMORY_MB"):
        create_app(app_config)


# --- spreadsheets: the row limit while reading -------------------------------------------

def test_rows_numbered_again_count_toward_the_row_limit(monkeypatch):
    """Rows all numbered 2: openpyxl parsed every one and dropped it uncounted, so the row limit
    never fired (400 000 of them, 77 KB, took 10 s and imported one holder); now each counts."""
    from openpyxl.worksheet._reader import WorkSheetParser

    data = sheet_with(holder_row(2) * (leader_posts.MAX_ROWS + 5000))
    with pytest.raises(leader_posts.HolderListError) as refused:
        leader_posts.read_holders(data)
    assert refused.value.errors == [f"行数过多，一次最多导入 {leader_posts.MAX_ROWS} 行"]

    parsed = []
    original = WorkSheetParser.parse_row
    monkeypatch.setattr(WorkSheetParser, "parse_row", lambda self, row: parsed.append(1) or original(self, row))
    with pytest.raises(sheets.TooManyRows):  # in this process, to count the rows parsed
        sheets._read_rows(data, "台账.xlsx", 100, 1, 5, Limits())
    assert len(parsed) == 102  # the header, 100 rows, and the one over the limit


def test_a_row_far_down_counts_the_empty_rows_before_it():
    data = sheet_with(holder_row(2) + holder_row(1_048_576))  # the <dimension> still says A1:E1
    with pytest.raises(leader_posts.HolderListError, match="行数过多"):
        leader_posts.read_holders(data)


def test_rows_numbered_again_are_read_not_dropped():
    data = sheet_with(holder_row(2) + holder_row(2, ["办公室", "李四", "副局长", "副处", "2022-01-01"]))
    assert [holder.name for holder in leader_posts.read_holders(data)] == ["张三", "李四"]


def test_a_sheet_over_the_time_limit_is_a_list_error():
    wide = '<row r="2">' + '<c r="XFD2" t="inlineStr"><is><t>x</t></is></c>' * 200_000 + "</row>"
    with pytest.raises(sheets.ListError) as refused:
        sheets.read_rows(sheet_with(wide), max_rows=10, max_columns=5, limits=Limits(seconds=0.5))
    assert refused.value.errors == [confine.time_message(Limits(seconds=0.5))]


def test_an_unclosed_csv_field_is_a_list_error():
    with pytest.raises(sheets.ListError, match="CSV 文件第1行格式有误"):
        sheets.read_rows(b'"' + b"x" * 200_000, "名单.csv", max_rows=10)


# --- fuzzing -----------------------------------------------------------------------------

def _mutated(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    kind = rng.randrange(4)
    if kind == 0:  # flip bytes
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 1:  # cut
        del data[rng.randrange(len(data)):]
    elif kind == 2:  # drop a slice
        start = rng.randrange(len(data))
        del data[start:start + rng.randint(1, 200)]
    else:  # repeat a slice
        start = rng.randrange(len(data))
        data[start:start] = data[start:start + rng.randint(1, 200)] * rng.randint(2, 50)
    return bytes(data)


WEIRD = ["", "0", "-1", "x", "1.5", "99999999999", "A0", "ZZZZ1", "restart", "continue", "%1.", "\u4e00" * 300]


def _xml_mutated(content: bytes, rng: random.Random) -> bytes:
    """Well-formed XML with odd content: an attribute set to an odd value, an element removed,
    repeated or moved, so that the readers (not the XML parser) meet it."""
    from lxml import etree

    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError:
        return _mutated(content, rng)
    elements = list(root.iter())
    for _ in range(rng.randint(1, 5)):
        element = rng.choice(elements)
        kind = rng.randrange(4)
        if kind == 0 and element.attrib:
            element.set(rng.choice(list(element.attrib)), rng.choice(WEIRD))
        elif kind == 1 and element.getparent() is not None:
            element.getparent().remove(element)
        elif kind == 2 and element.getparent() is not None:
            for _ in range(rng.randint(1, 30)):
                element.addnext(etree.fromstring(etree.tostring(element)))
        elif element is not root:
            target = rng.choice(elements)
            if target is not element and element not in target.iterancestors():
                target.append(element)
        elements = list(root.iter())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rezipped(data: bytes, part: str, rng: random.Random) -> bytes:
    """The archive with one part mutated (so that the XML parsers, not the zip reader, see it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, _xml_mutated(content, rng) if info.filename == part else content)
    return out.getvalue()


def _mutations(data: bytes, parts: list[str], count: int, seed: int):
    """`count` variants of a valid archive: a few with its bytes broken, most with one XML part odd."""
    rng = random.Random(seed)
    for _ in range(count):
        yield _mutated(data, rng) if rng.random() < 0.2 else _rezipped(data, rng.choice(parts), rng)


def test_fuzzed_docx_files_give_a_document_or_a_chinese_parse_error(tmp_path):
    valid = (FORMATS / "02_nongye_nongcun.docx").read_bytes()
    parts = ["word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml"]
    parts = [part for part in parts if part in zipfile.ZipFile(io.BytesIO(valid)).namelist()]
    outcomes = []
    for number, data in enumerate(_mutations(valid, parts, 30, seed=22)):
        path = write(tmp_path, f"变异{number}.docx", data)
        try:
            outcomes.append(type(confine.parse(path, limits=Limits(seconds=20, memory_mb=600))).__name__)
        except docproc.ParseError as error:
            assert CJK.search(error.message), (number, error.message)
            outcomes.append("ParseError")
    assert "ParseError" in outcomes and "Document" in outcomes


def test_fuzzed_xlsx_files_give_rows_or_a_chinese_list_error():
    valid = xlsx_bytes([HOLDER, ["测试科", "李四", "科长", "正科", "2020年5月"]], leader_posts.HEADER)
    outcomes = []
    for data in _mutations(valid, ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"], 30, seed=22):
        try:
            leader_posts.read_holders(data)
            outcomes.append("holders")
        except sheets.ListError as error:
            assert error.errors and all(CJK.search(message) for message in error.errors), error.errors
            outcomes.append("ListError")
    assert "ListError" in outcomes
