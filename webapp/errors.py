"""Plain Chinese error pages; no stack traces or internal details reach the user."""
from __future__ import annotations

import sqlite3

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from . import store

MESSAGES = {
    400: ("请求有误", "提交的内容无法处理，请返回上一页检查后重试。"),
    403: ("没有权限", "您的账号无权访问此页面。"),
    404: ("页面不存在", "您要找的页面不存在或已被删除。"),
    405: ("请求方式不允许", "此页面不接受这种请求方式。"),
    410: ("内容已不存在", "您要找的内容已被永久删除。"),
    413: ("文件太大", "上传的文件超过了大小限制（{limit} MB），请拆分或压缩后再上传。"),
    429: ("操作过于频繁", "请稍后再试。"),
    500: ("服务器内部错误", "处理请求时出现问题，请稍后重试；若问题持续，请联系管理员。"),
    503: ("系统繁忙", "系统正忙，刚才的操作没有保存，请稍后重新提交。"),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(sqlite3.OperationalError, database_error)
    app.register_error_handler(OverflowError, number_error)
    app.register_error_handler(Exception, internal_error)


def error_page(code: int, message: str | None = None):
    """Render the error page for `code` with an optional specific message."""
    from flask import current_app
    title, default = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    limit = current_app.config.get("MAX_UPLOAD_MB", 50)
    text = message or default.format(limit=f"{float(limit):g}")
    if request.accept_mimetypes.best == "application/json" or request.path.endswith("/status"):
        return {"error": title, "message": text}, code
    return render_template("error.html", code=code, title=title, message=text), code


def csrf_error(error: CSRFError):
    return error_page(400, "表单已过期或缺少安全令牌，请刷新页面后重新提交。")


def http_error(error: HTTPException):
    return error_page(error.code or 500)


def database_error(error: sqlite3.OperationalError):
    """The database stayed locked past the busy timeout (a long backup or import): nothing
    was written, so the user can simply try again."""
    if store.is_busy(error):
        return error_page(503)
    return internal_error(error)


def number_error(error: OverflowError):
    """A number in the URL or a form too large for the database (an id no row can have)."""
    return error_page(400, "提交的数字超出了有效范围，请检查后重试。")


def internal_error(error: Exception):
    from flask import current_app
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_page(500)
