"""Glue between the store and `survey.reform.problems` that the register's pages and the
`sanding problems` commands share: import, export and evidence files."""
from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from survey.reform.problems import Problem, ProblemError, parse_number, read_problems, to_xlsx
from survey.registers import is_overdue
from survey.sheets import ListError

from .. import files, store

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_REGISTER_BYTES = 5 * 1024 * 1024
# Evidence an office files: scans, photos, documents and sheets (nothing a browser would run).
ATTACHMENT_SUFFIXES = (".pdf", ".ofd", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".doc", ".docx", ".wps",
                       ".xls", ".xlsx", ".et", ".txt", ".zip", ".rar")
MAX_FILE_NAME = 120


def problem_of(row: dict, attachments: list[str] | None = None) -> Problem:
    """A stored row as a `Problem` (with its evidence file names, where given)."""
    return Problem(departments=[d["name"] for d in row["departments"]], category=row["category"],
                   description=row["description"], found_on=date.fromisoformat(row["found_on"]),
                   source=row["source"], due_on=date.fromisoformat(row["due_on"]), measure=row["measure"],
                   status=row["status"], closed_on=date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
                   closing_note=row["closing_note"], attachments=list(attachments or []), number=row["number"])


def entry_of(problem: Problem, department_ids: dict[str, int], note: str = "") -> dict:
    """What `store.problems.add_problem` takes for a checked Problem."""
    parsed = parse_number(problem.number) if problem.number else None  # an imported number is kept
    year, serial = parsed if parsed else (problem.found_on.year, None)
    return {"category": problem.category, "description": problem.description, "measure": problem.measure,
            "found_on": problem.found_on.isoformat(), "source": problem.source, "due_on": problem.due_on.isoformat(),
            "department_ids": [department_ids[name] for name in problem.departments], "status": problem.status,
            "closed_on": problem.closed_on.isoformat() if problem.closed_on else None,
            "closing_note": problem.closing_note, "year": year, "serial": serial, "note": note}


def import_register(db, government: dict, data: bytes, file_name: str, by: int | None) -> list[str]:
    """Import a register sheet into the government's register (all rows or none); the new numbers.
    ProblemError names every bad row."""
    if len(data) > MAX_REGISTER_BYTES:
        raise ProblemError([f"文件超过 {MAX_REGISTER_BYTES // (1024 * 1024)} MB"])
    ids = store.documents.department_ids(db, government["id"])
    problems = read_problems(data, list(ids), government["name"], file_name=file_name,
                             taken=store.problems.numbers(db, government["id"]))
    try:
        return store.problems.add_problems(
            db, government["id"], [entry_of(problem, ids, f"导入：{file_name}"[:200]) for problem in problems], by)
    except store.StoreError as error:  # a number taken meanwhile by another import
        raise ProblemError([str(error)]) from None


def imported_text(numbers: list[str]) -> str:
    """What an import added, as the page and the command say it: 2 项问题（问题-2026-001 至 问题-2026-002）."""
    span = numbers[0] + (f" 至 {numbers[-1]}" if len(numbers) > 1 else "")
    return f"{len(numbers)} 项问题（{span}）"


def export_register(db, government_id: int, found: list[dict] | None = None, today: date | None = None) -> bytes:
    """The government's register (or the rows `found`) as .xlsx."""
    rows = store.problems.list_problems(db, government_id) if found is None else found
    names = store.problems.attachment_names(db, government_id)
    return to_xlsx([problem_of(row, names.get(row["id"])) for row in rows], today or date.today())


def shown_file_name(name: str) -> str:
    """An uploaded file's name as shown and offered for download: no folders, no control characters."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip() or "附件"
    stem, suffix = Path(name).stem, Path(name).suffix
    return stem[:MAX_FILE_NAME - len(suffix)] + suffix


def save_attachment(uploads: Path, stream, file_name: str, prefix: str = "problem-") -> dict:
    """Save an evidence file under a generated name (`prefix` names the register it belongs to) in
    the uploads folder; returns the row to store ({file_name, stored_name, size}). Refuses
    (ProblemError) other kinds, empty or too large files."""
    name = shown_file_name(file_name)
    suffix = Path(name).suffix.lower()
    if suffix not in ATTACHMENT_SUFFIXES:
        raise ProblemError([f"不支持的附件类型“{suffix or '无扩展名'}”，可上传 {' '.join(ATTACHMENT_SUFFIXES)}"])
    stored_name = prefix + uuid.uuid4().hex + suffix
    path = files.private_dir(uploads) / stored_name
    size = 0
    try:
        with files.open_private(path) as handle:
            while block := stream.read(1 << 20):
                size += len(block)
                if size > MAX_ATTACHMENT_BYTES:
                    raise ProblemError([f"附件超过 {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"])
                handle.write(block)
        if size == 0:
            raise ProblemError(["附件是空文件"])
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return {"file_name": name, "stored_name": stored_name, "size": size}


def save_attachments(uploads: Path, given: list[tuple[object, str]], prefix: str) -> list[dict]:
    """Save (stream, file name) pairs as by save_attachment, all or none: on a refused file the ones
    saved are removed and ListError names the file in each message."""
    saved: list[dict] = []
    try:
        for stream, name in given:
            saved.append(save_attachment(uploads, stream, name, prefix=prefix))
    except ListError as error:
        remove_attachment_files(uploads, saved)
        raise ListError([f"{Path(name).name}：{message}" for message in error.errors]) from None
    except BaseException:
        remove_attachment_files(uploads, saved)
        raise
    return saved


def remove_attachment_files(uploads: Path, saved: list[dict]) -> None:
    """Remove saved files whose rows were never stored (the record they came with was refused)."""
    for item in saved:
        remove_attachment_file(uploads, item)


def attachment_path(uploads: Path, row: dict) -> Path:
    return Path(uploads) / row["stored_name"]


def remove_attachment_file(uploads: Path, saved: dict | None) -> None:
    """Remove a saved file whose row was never stored (the change it came with was refused)."""
    if saved:
        attachment_path(uploads, saved).unlink(missing_ok=True)


def overdue(rows: list[dict], today: date) -> list[dict]:
    """The open rows past their deadline."""
    return [row for row in rows if is_overdue(row["status"], date.fromisoformat(row["due_on"]), today)]
