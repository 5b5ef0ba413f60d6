"""Importing files into the store: one code path for the upload jobs and `sanding import`.

Placement of a parsed document: the government is `doc.government`, or
"未识别" when the parser found none; the department is `doc.department`, or
"未识别部门（<file name>）" so that unplaced files stay apart and visible.
A file already stored (same sha256) is parsed again and updated in place,
with its staff corrections re-applied.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, NamedTuple

import docproc
from docproc import confine
from docproc.confine import Limits
from docproc.corrections import Correction, apply_corrections, apply_one, document_from_dict

from .. import files, store
from ..scope_rules import Scope, ScopeError, describe, sees

LEVELS = (("国务院", "central"), ("省", "province"), ("自治区", "province"), ("市", "city"),
          ("州", "city"), ("盟", "city"), ("县", "county"), ("区", "county"), ("旗", "county"))


class Naming(NamedTuple):
    """A department and/or government given by hand."""
    department: str | None = None
    government: str | None = None


@dataclass
class ImportResult:
    """What one imported file became."""
    version_id: int
    created: bool
    government: str
    department: str
    duties: int
    warnings: list[str]
    current: str | None = None  # the department's current version's file, when it is not this one
    same_kind: str | None = None  # for a new department: one of the same kind already there

    def summary(self) -> str:
        """What became of the file, in the words the progress page and `sanding import` use."""
        state = "已导入" if self.created else "已更新（同一文件再次解析）"
        message = f"{state}：{self.government} / {self.department}（主要职责 {self.duties} 项）"
        if self.current:
            message += f"；早于现行版本 {self.current}，作为历史版本保存"
        if self.same_kind:
            message += (f"；与已有的 {self.same_kind} 同类，可能是它改革前的名称：如是同一部门，"
                        "请在机构改革的版本页把本文件“归入”该部门")
        return message


def check_name(file_name: str, size: int | None = None) -> str | None:
    """A Chinese message if the file can be refused before parsing, else None."""
    suffix = Path(file_name).suffix.lower()
    if not file_name.strip():
        return "未选择文件。"
    if suffix not in docproc.SUPPORTED_SUFFIXES:
        allowed = "、".join(docproc.SUPPORTED_SUFFIXES)
        return f"{file_name}：不支持的文件类型“{suffix or '无扩展名'}”，请上传 {allowed} 文件。"
    if size == 0:
        return f"{file_name}：文件是空的。"
    return None


def parse_limits(config) -> Limits:
    """The limits on parsing one file, from the app's configuration (PARSE_SECONDS, PARSE_MEMORY_MB)."""
    return Limits(seconds=float(config["PARSE_SECONDS"]), memory_mb=int(config["PARSE_MEMORY_MB"]))


def read_upload(path: Path, file_name: str, max_bytes: int | None = None,
                limits: Limits | None = None) -> tuple[str | None, object]:
    """(a Chinese message, None) if the saved file cannot be read at all (encrypted, scanned,
    corrupt, zip bomb, unknown encoding, over a parse limit), else (None, its text). Reading
    takes milliseconds; the structure is parsed later in the background, from this text (the
    file is read once). Read in a child process under `limits` (docproc.confine)."""
    try:
        return None, confine.read_file(path, limits=limits or Limits(), max_bytes=max_bytes, name=file_name)
    except docproc.NeedsOcr:
        return None, None  # a scan: the job reads it by OCR, page by page
    except docproc.ParseError as error:
        return f"{file_name}：{error.message}", None


def stored_name_for(file_name: str) -> str:
    """A generated storage name keeping only a known suffix of the original name."""
    suffix = Path(file_name).suffix.lower()
    return uuid.uuid4().hex + (suffix if suffix in docproc.SUPPORTED_SUFFIXES else "")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def government_level(name: str) -> str | None:
    """A rough level from the government's name (省, 市, 县 …)."""
    for suffix, level in LEVELS:
        if name.endswith(suffix):
            return level
    return None


def placement(doc: docproc.Document, file_name: str) -> tuple[str, str]:
    """The government and department names a document is filed under."""
    government = doc.government or store.documents.UNKNOWN_GOVERNMENT
    department = doc.department or f"未识别部门（{file_name}）"
    return government, department


def import_stored(db, uploads: Path, stored_name: str, file_name: str, by: int | None,
                  max_bytes: int | None, effective_date: str | None = None, raw=None,
                  naming: Naming | None = None, limits: Limits | None = None,
                  progress: Callable[[int, int], None] | None = None, scope: Scope = None,
                  fallback_government: str | None = None) -> ImportResult:
    """Parse a file already saved under `uploads/stored_name` and store it.

    Raises docproc.ParseError; then nothing is stored and the saved file is removed.
    A file identical to one already stored is removed too (the first copy is kept).
    `raw` is the file's text if it was read already (see read_upload). `naming` sets the
    department and/or government by hand; it is kept for the file, and a file named by hand
    before keeps that naming when it is parsed again.
    The version's effective date is `effective_date` if given (YYYY-MM-DD), else the
    施行 date the text names (unless a date was set before), else none (upload order).
    The file is parsed in a child process under `limits` (docproc.confine); at a limit the
    LimitError (a ParseError) says which. A scan is read by OCR a page at a time, each page
    under the limits, `progress(done, pages)` called before each.
    An upload by an account limited to `scope` is filed only within it (else ScopeError, nothing
    stored): a text that names no government is filed under `fallback_government` (chosen on
    the upload page) or the scope's only government, never in 未识别, which such an account
    does not see.
    """
    path = uploads / stored_name
    limits = limits or Limits()
    try:
        try:
            if raw is None:
                doc = confine.parse(path, limits=limits, max_bytes=max_bytes, name=file_name)
            else:  # the text read when the upload was checked
                doc = confine.build_document(raw, file=file_name, limits=limits)
        except docproc.NeedsOcr:
            scanned = confine.read_scan(path, limits=limits, name=file_name, progress=progress)
            doc = confine.build_document(scanned, file=file_name, limits=limits)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    sha256 = sha256_of(path)
    kept = store.documents.get_naming(db, sha256)
    if naming:
        naming = Naming(naming.department or (kept or {}).get("department"),
                        naming.government or (kept or {}).get("government"))
    elif kept:
        naming = Naming(kept["department"], kept["government"])
    if naming:
        doc.assign(naming.department, naming.government)
    if scope is not None and not doc.government:
        doc.assign(None, fallback_government or (next(iter(scope)) if len(scope) == 1 else None))
    corrected = _corrected(doc, store.documents.list_corrections(db, sha256))
    government, department = placement(doc, file_name)
    if not sees(scope, government):
        path.unlink(missing_ok=True)
        raise ScopeError(out_of_scope(file_name, doc.government, scope))
    found_date = None if effective_date else doc.effective_date
    with store.transaction(db):
        if naming and (not kept or (kept["department"], kept["government"]) != tuple(naming)):
            store.documents.save_naming(db, sha256, naming.department, naming.government, by)
        version_id, created = store.documents.store_parsed(
            db, doc.to_dict(), corrected.to_dict(), file_name=file_name, stored_name=stored_name,
            sha256=sha256, by=by, government=government, department=department,
            level=government_level(government))
        if effective_date or found_date:
            store.documents.set_effective_date(db, version_id, effective_date or found_date, by,
                                            only_if_empty=not effective_date)
    stored = store.documents.get_version(db, version_id)
    assert stored is not None, "stored just above (versions are never deleted)"
    if stored["stored_name"] != stored_name:
        path.unlink(missing_ok=True)  # the same file was stored before; keep the first copy
    versions = store.documents.department_versions(db, stored["department_id"])
    this = next(row for row in versions if row["id"] == version_id)
    newest = versions[-1]
    current = None if newest["id"] == version_id else \
        f"{newest['file_name']}（{newest['date']}；本文件 {this['date']}）"
    same_kind = _same_kind(db, government, department) \
        if created and len(versions) == 1 and doc.department else None
    return ImportResult(version_id, created, government, department, len(corrected.duties),
                        corrected.warnings, current, same_kind)


def _same_kind(db, government: str, department: str) -> str | None:
    """Another department of the government of the same kind (across renamings: 交通局 and
    交通运输局): a department seen for the first time may be an old name of that one."""
    from docproc.reference import department_kind

    row = store.documents.get_government_by_name(db, government)
    kind = department_kind(department)
    others = [name for name in store.documents.government_department_names(db, row["id"])
              if name != department and department_kind(name) == kind] if row else []
    return others[0] if len(others) == 1 else None


def import_path(db, source: Path, uploads: Path, by: int | None,
                max_bytes: int | None, effective_date: str | None = None,
                naming: Naming | None = None, limits: Limits | None = None) -> ImportResult:
    """Copy a file into the uploads folder under a generated name and import it (the CLI path)."""
    message = check_name(source.name, source.stat().st_size)
    if message:
        raise docproc.ParseError(message)
    if max_bytes is not None and source.stat().st_size > max_bytes:
        raise docproc.ParseError(f"{source.name}：文件超过大小限制（{max_bytes // (1 << 20)} MB）。")
    stored_name = stored_name_for(source.name)
    files.copy_private(source, files.private_dir(uploads) / stored_name)
    return import_stored(db, uploads, stored_name, source.name, by, max_bytes, effective_date, naming=naming,
                         limits=limits)


def save_upload(stream, uploads: Path, file_name: str) -> tuple[str, int]:
    """Save an uploaded file stream under a generated name (0600, in a 0700 folder);
    returns (stored name, size)."""
    stored_name = stored_name_for(file_name)
    size = files.write_private(files.private_dir(uploads) / stored_name, stream)
    return stored_name, size


def _corrected(doc: docproc.Document, corrections: list[dict]) -> docproc.Document:
    """`doc` with the stored corrections (dicts) applied."""
    pending: list[Correction | dict] = list(corrections)
    return apply_corrections(doc, pending)


def corrected_document(db, version: dict) -> docproc.Document:
    """The version's parsed document with the file's corrections applied."""
    doc = document_from_dict(version["parsed"])
    return _corrected(doc, store.documents.list_corrections(db, version["sha256"]))


def version_document(db, version_id: int) -> docproc.Document:
    """`corrected_document` of a version by its id, which the caller read from the store."""
    version = store.documents.get_version(db, version_id)
    assert version is not None, "versions are never deleted"
    return corrected_document(db, version)


def version_summary(row: dict) -> dict:
    """A version row of store.documents.department_versions as shown and exported: what tells
    versions apart (the date and where it comes from, the title, the file)."""
    return {"title": row["title"], "date": row["date"], "date_source": row["date_source"],
            "file": row["file_name"], "current": row["current"], "version_id": row["id"]}


def out_of_scope(file_name: str, government: str | None, scope: Scope) -> str:
    """Why a file cannot be filed by an account limited to `scope`, in Chinese."""
    if not government:
        return (f"{file_name}：未能识别文件所属的政府；本账号只能导入 {describe(scope)} 的文件，"
                "请在上传页选择所属政府")
    return f"{file_name}：文件属于“{government}”，不在本账号的范围（{describe(scope)}）之内，未导入"


def rename(db, version: dict, naming: Naming, by: int | None, scope: Scope = None) -> tuple[str, str]:
    """Give a stored version its department and/or government by hand and file it there;
    returns the (government, department) it is filed under now. An account limited to `scope`
    cannot file it outside (ScopeError, nothing changed)."""
    parsed = document_from_dict(version["parsed"])
    parsed.assign(naming.department, naming.government)
    government, department = placement(parsed, version["file_name"])
    if not sees(scope, government):
        raise ScopeError(out_of_scope(version["file_name"], parsed.government, scope))
    with store.transaction(db):
        store.documents.save_naming(db, version["sha256"], parsed.department, parsed.government, by)
        corrected = _corrected(parsed, store.documents.list_corrections(db, version["sha256"]))
        store.documents.place_version(db, version["id"], parsed.to_dict(), corrected.warnings, government=government,
                                      department=department, level=government_level(government), by=by)
    return government, department


def correct(db, version: dict, correction: Correction, by: int | None) -> docproc.Document:
    """Apply one new correction to a version and store it; raises CorrectionError if it misfits."""
    current = corrected_document(db, version)
    apply_one(current, correction)
    store.documents.add_correction(db, version["sha256"], correction.to_dict(), by, current.to_dict(),
                         version["id"])
    return current
