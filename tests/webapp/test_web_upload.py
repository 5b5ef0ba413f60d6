"""Uploading files: background parse jobs, the result page and bad files."""
from __future__ import annotations

import os
import zipfile
from io import BytesIO

import pytest

from webapp import store


def test_upload_page_has_a_multi_file_form(client, auth):
    auth.login("staff")
    page = client.get("/documents/upload").get_data(as_text=True)
    assert 'type="file"' in page and "multiple" in page and 'enctype="multipart/form-data"' in page


def test_upload_parses_in_background_and_shows_the_result(client, auth, uploads, sample_text, db):
    auth.login("staff")
    response = uploads.post([(sample_text.encode("utf-8"), "示例市测试局三定规定.txt")])
    assert response.status_code == 302
    progress = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "解析进度" in progress and "示例市测试局三定规定.txt" in progress
    assert "progress.js" in progress
    status = uploads.wait(response.headers["Location"])
    [job] = status["jobs"]
    assert job["status"] == "done", job
    page = client.get(job["url"]).get_data(as_text=True)
    for text in ("示例市测试局", "示例市", "示例市测试局职能配置、内设机构和人员编制规定",
                 "负责全市测试工作的统筹协调", "负责测试标准的制定和监督管理", "兜底条款",
                 "办公室", "测试科", "行政编制", "10 名", "示例市测试局三定规定.txt"):
        assert text in page, text
    version = store.documents.list_versions(db)[0]
    assert version["file_name"] == "示例市测试局三定规定.txt"
    stored = store.documents.get_version(db, version["id"])["stored_name"]
    assert stored.endswith(".txt") and "示例" not in stored
    assert store.count(db, "items") >= 3
    listing = client.get("/documents/").get_data(as_text=True)
    assert "示例市" in listing and "示例市测试局" in listing


def test_the_document_page_shows_the_signs_the_department_carries(client, auth, uploads):
    auth.login("staff")
    text = ("示例县应急管理局职能配置、内设机构和人员编制规定\n第二条　示例县应急管理局是县政府工作部门，"
            "对外加挂示例县地震局牌子。\n第三条　主要职责。\n（一）负责全县应急管理工作。\n"
            "（二）完成县委、县政府交办的其他任务。\n")
    response = uploads.post([(text.encode("utf-8"), "示例县应急管理局.txt")])
    [job] = uploads.wait(response.headers["Location"])["jobs"]
    page = client.get(job["url"]).get_data(as_text=True)
    assert "加挂牌子" in page and "示例县地震局" in page


def test_upload_many_files_at_once(client, auth, uploads, sample_text):
    auth.login("staff")
    other = sample_text.replace("测试局", "检验局")
    status = uploads.run([(sample_text.encode("utf-8"), "a.txt"),
                          (other.encode("gb18030"), "b.txt")])
    assert [job["status"] for job in status["jobs"]] == ["done", "done"]
    listing = client.get("/documents/").get_data(as_text=True)
    assert "示例市测试局" in listing and "示例市检验局" in listing


def test_evaluator_sees_results_without_correction_forms(client, auth, uploads, sample_text):
    auth.login("staff")
    url = uploads.run([(sample_text.encode("utf-8"), "a.txt")])["jobs"][0]["url"]
    auth.logout()
    auth.login("evaluator")
    page = client.get(url).get_data(as_text=True)
    assert "负责测试标准的制定和监督管理" in page
    assert "与下一项合并" not in page
    assert client.get("/documents/batches/whatever/status").status_code == 403


def test_progress_of_another_users_batch_is_hidden(app, client, auth, uploads, sample_text):
    auth.login("staff")
    location = uploads.post([(sample_text.encode("utf-8"), "a.txt")]).headers["Location"]
    uploads.wait(location)
    auth.logout()
    from webapp.auth import create_user
    db = store.connect(app.config["DATABASE"])
    create_user(db, "staff2", "staff2-pass", "staff")
    db.close()
    auth.login("staff2", "staff2-pass")
    assert client.get(location).status_code == 404


def _zip_bomb() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024))
    return buffer.getvalue()


def _scanned_pdf() -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="hello")
    pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


BAD_IN_JOB = [
    (os.urandom(4096), "随机内容.pdf"),
    (b"%PDF-1.4\n" + os.urandom(2000), "损坏.pdf"),
    (b"PK\x03\x04" + os.urandom(3000), "损坏.docx"),
]


@pytest.fixture
def with_previous_upload(client, auth, uploads, sample_text, db):
    """One good file already stored; returns the table counts to compare with."""
    auth.login("staff")
    uploads.run([(sample_text.encode("utf-8"), "good.txt")])
    return {table: store.count(db, table) for table in
            ("governments", "departments", "versions", "items", "corrections")}


def _unchanged(db, before):
    return {table: store.count(db, table) for table in before} == before


@pytest.mark.parametrize(("make", "name", "expected"), [
    (lambda: BAD_IN_JOB[0][0], "随机内容.pdf", "PDF 文件已损坏"),
    (lambda: BAD_IN_JOB[1][0], "损坏.pdf", "PDF 文件已损坏"),
    (lambda: BAD_IN_JOB[2][0], "损坏.docx", "Word 文件已损坏"),
    (_encrypted_pdf, "文件.pdf", "加密"),
    pytest.param(lambda: _zip_bomb(), "炸弹.docx", "压缩炸弹", marks=pytest.mark.slow),  # 300 MB deflated: 2 s
], ids=["random-pdf", "corrupt-pdf", "corrupt-docx", "encrypted-pdf", "zip-bomb"])
def test_unreadable_file_gets_a_400_page_and_nothing_is_stored(app, uploads, db, with_previous_upload,
                                                              make, name, expected):
    """The text is read at upload (milliseconds); a file that cannot be read never becomes a job."""
    response = uploads.post([(make(), name)])
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert name in page and expected in page
    assert _unchanged(db, with_previous_upload)
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1  # only the good file


def test_a_scan_without_text_is_read_by_ocr_in_its_job_and_fails_plainly(app, uploads, db, with_previous_upload):
    """A scan is accepted at upload (OCR takes seconds a page, so it runs in the job)."""
    status = uploads.run([(_scanned_pdf(), "扫描.pdf")])
    [job] = status["jobs"]
    assert job["status"] == "failed" and "扫描件中没有识别出文字" in job["message"]
    assert _unchanged(db, with_previous_upload)
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1  # only the good file


def test_a_scan_of_500_pages_fails_in_its_job_before_any_page_is_read(app, uploads, db, with_previous_upload):
    """Over the page limit of OCR (60): refused at once with the reason, not after hours of reading."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(500):
        pdf.new_page(595, 842)  # A4 without a text layer: a scan to the reader
    buffer = BytesIO()
    pdf.save(buffer)
    pdf.close()
    status = uploads.run([(buffer.getvalue(), "500页扫描件.pdf")])
    [job] = status["jobs"]
    assert job["status"] == "failed" and "扫描件共 500 页，超过文字识别的上限 60 页" in job["message"]
    assert _unchanged(db, with_previous_upload)
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1  # only the good file


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "empty.txt", "文件是空的"),
    (b"hello", "notes.exe", "不支持的文件类型"),
    (b"hello", "noext", "不支持的文件类型"),
], ids=["empty", "wrong-extension", "no-extension"])
def test_refused_before_parsing_with_a_400_page(app, uploads, db, with_previous_upload,
                                                content, name, message):
    response = uploads.post([(content, name)])
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _unchanged(db, with_previous_upload)
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1


def test_mixed_batch_keeps_good_files_and_reports_bad_ones(uploads, sample_text, db,
                                                           with_previous_upload):
    other = sample_text.replace("测试局", "审计局")
    status = uploads.run([(other.encode("utf-8"), "good2.txt"), (b"", "empty.txt")])
    by_name = {job["file_name"]: job for job in status["jobs"]}
    assert by_name["good2.txt"]["status"] == "done"
    assert by_name["empty.txt"]["status"] == "failed"
    assert "文件是空的" in by_name["empty.txt"]["message"]


def test_no_file_selected(client, auth):
    auth.login("staff")
    response = client.post("/documents/upload", data={}, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "请选择至少一个文件" in response.get_data(as_text=True)


def test_too_large_upload_gives_413_chinese_page(app, uploads, db, with_previous_upload):
    big = b"a" * (app.config["MAX_CONTENT_LENGTH"] + 1024)
    boundary = "sandingboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n").encode() + big + \
        f"\r\n--{boundary}--\r\n".encode()
    # A hand-built body in memory: the test client would spool a large one to an unclosed temp file.
    response = uploads.client.post("/documents/upload", input_stream=BytesIO(body),
                                   content_length=len(body),
                                   content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert "文件太大" in response.get_data(as_text=True)
    assert _unchanged(db, with_previous_upload)


def test_path_in_file_name_is_not_followed(app, uploads, sample_text, db, tmp_path):
    uploads.client.post("/login", data={"username": "staff", "password": "staff-pass-1"})
    status = uploads.run([(sample_text.encode("utf-8"), "../../evil.txt")])
    assert status["jobs"][0]["file_name"] == "evil.txt"
    assert not (tmp_path / "evil.txt").exists()
    assert all("evil" not in name for name in os.listdir(app.config["UPLOAD_FOLDER"]))


def test_same_file_twice_is_one_version(app, client, auth, uploads, sample_text, db):
    auth.login("staff")
    first = uploads.run([(sample_text.encode("utf-8"), "a.txt")])["jobs"][0]
    second = uploads.run([(sample_text.encode("utf-8"), "copy.txt")])["jobs"][0]
    assert first["url"] == second["url"]
    assert second["status"] == "done"
    assert store.count(db, "versions") == 1
    assert len(os.listdir(app.config["UPLOAD_FOLDER"])) == 1
