"""The .xlsx import route the numbered registers (机构编制问题台账, 只考一次日常考核台账) share: the
upload read no further than the service takes, all rows or none, every refusal on one error page."""
from __future__ import annotations

from typing import Protocol

from flask import flash, redirect, render_template
from flask_login import current_user
from flask_wtf import FlaskForm

from survey.sheets import ListError

from .database import get_db


class RegisterImport(Protocol):
    """The service module of a register (webapp.services.problems, webapp.services.daily_record)."""
    MAX_REGISTER_BYTES: int

    def import_register(self, db, government: dict, data: bytes, file_name: str, by: int | None) -> list[str]: ...

    def imported_text(self, numbers: list[str]) -> str: ...


def import_upload(service: RegisterImport, government: dict, form: FlaskForm, back: str, refused: str):
    """Import the file `form.file` carries into the government's register and go `back` saying what was
    added; or the error page titled `refused` naming every problem (nothing imported)."""
    upload = form.file.data if form.validate_on_submit() else None
    if not upload or not getattr(upload, "filename", ""):
        return import_errors(refused, ["请选择要导入的 .xlsx 文件"], back)
    data = upload.read(service.MAX_REGISTER_BYTES + 1)  # one byte more tells the service it is too large
    try:
        numbers = service.import_register(get_db(), government, data, upload.filename, current_user.id)
    except ListError as error:
        return import_errors(refused, error.errors, back)
    flash(f"已导入 {service.imported_text(numbers)}。", "success")
    return redirect(back)


def import_errors(title: str, errors: list[str], back: str):
    return render_template("reform/import_errors.html", title=title, errors=errors, back=back), 400
