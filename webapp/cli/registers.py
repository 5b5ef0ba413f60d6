"""What the `sanding problems` and `sanding daily-record` commands share: the government a command
names, and importing or exporting a numbered register's .xlsx as its page does."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail


def government_named(db, name: str) -> dict:
    """The government called `name`; a Chinese error (exit 2) when there is none."""
    from .. import store
    found = store.documents.get_government_by_name(db, name)
    if found is None:
        fail(f"没有名为“{name}”的政府（须先导入它的三定规定）。")
    return found


def import_file(db, government: str, file: str, service, refused: str) -> None:
    """Import `file` into the named government's register through `service` (a module such as
    webapp.services.problems), all rows or none; a refusal is `refused` and every bad row."""
    from survey.sheets import ListError
    path = Path(file)
    if not path.is_file():
        fail(f"文件不存在：{file}")
    found = government_named(db, government)
    try:
        numbers = service.import_register(db, found, path.read_bytes(), path.name, None)
    except ListError as error:
        fail(f"{refused}：\n" + "\n".join(error.errors))
    click.echo(f"已导入 {service.imported_text(numbers)}。")


def export_file(db, government: str, xlsx_path: str, service) -> None:
    """Write the named government's register, as `service` exports it, to `xlsx_path`."""
    data = service.export_register(db, government_named(db, government)["id"])
    try:
        Path(xlsx_path).write_bytes(data)
    except OSError as error:
        fail(f"无法写入 {xlsx_path}：{error.strerror or error}")
    click.echo(f"已导出到 {xlsx_path}。")
