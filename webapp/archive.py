"""一单位一档案: one page per department gathering what the office keeps about it — 三定 versions,
编制 and 领导职数 against 实名制 实有, the 编制调整台账 by year, its 问题台账 and 整改台账 entries,
its evaluation results — and its Word export. Everyone signed in reads; editors add adjustments here.

The gathering is `webapp.services.roll.archive`, the layout `survey.reform.archive`.
"""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from survey.reform.adjustments import count_text
from survey.reform.archive import archive_docx, check_rows

from . import scope
from .access import signed_in
from .database import get_db
from .forms import EmptyForm
from .services import roll as service
from .views import DOCX, download

bp = Blueprint("archive", __name__, url_prefix="/archive")


def archive_page(department: dict, *, form=None, status: int = 200):
    """The archive page; `form` is an adjustment form just posted and refused (it keeps what was typed)."""
    from .roll import adjustment_form

    found = service.archive(get_db(), department, secret=current_app.config["SECRET_KEY"])
    can_edit = current_user.role in ("admin", "staff")
    if can_edit and form is None:
        form = adjustment_form(department["government_id"], bound=False, department_id=department["id"],
                               back="archive")
    from .history import trend_context

    return render_template("archive/department.html", department=department, archive=found,
                           check_rows=check_rows(found.check) if found.check else [], form=form,
                           delete_form=EmptyForm(formdata=None), count_text=count_text, can_edit=can_edit,
                           **trend_context(department)), status


@bp.get("/departments/<int:department_id>")
@signed_in
def department(department_id: int):
    """Everything kept about one department, on one page."""
    return archive_page(scope.department_or_404(department_id))


@bp.get("/departments/<int:department_id>.docx")
@signed_in
def department_docx(department_id: int):
    """The archive as a Word file for the unit's paper file."""
    found = scope.department_or_404(department_id)
    data = archive_docx(service.archive(get_db(), found, secret=current_app.config["SECRET_KEY"]))
    return download(data, f"{found['name']}机构编制档案.docx", DOCX)


def init_app(app) -> None:
    app.register_blueprint(bp)
