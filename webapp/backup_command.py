"""`sanding backup` and `sanding restore`: consistent copies of the database and its uploads."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from . import backup, store
from .commands import _app, db_option


def _uploads_of(app) -> Path:
    return Path(app.config["UPLOAD_FOLDER"])


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@db_option
def backup_command(target: str, db_path: str | None) -> None:
    """在服务运行时做一致的在线备份（SQLite 备份接口），上传的原始文件一并复制。

    示例：sanding backup /srv/backup/sanding-2026-11-22.db
    """
    app = _app(db_path)
    try:
        counts = backup.backup(app.config["DATABASE"], target)
    except store.StoreError as error:
        click.echo(f"错误：{error}", err=True)
        sys.exit(2)
    uploads = _uploads_of(app)
    if uploads.is_dir():
        shutil.copytree(uploads, Path(target).with_suffix(".uploads"), dirs_exist_ok=True)
    click.echo(f"已备份到 {target}：" + "，".join(f"{k} {v}" for k, v in counts.items() if v))


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False))
@db_option
def restore_command(source: str, db_path: str | None) -> None:
    """用备份文件恢复数据库（请先停止服务）；较旧的备份会升级到当前数据结构。

    示例：sanding restore /srv/backup/sanding-2026-11-22.db
    """
    app = _app(db_path)
    try:
        counts = backup.restore(source, app.config["DATABASE"])
    except store.StoreError as error:
        click.echo(f"错误：{error}", err=True)
        sys.exit(2)
    saved_uploads = Path(source).with_suffix(".uploads")
    if saved_uploads.is_dir():
        shutil.copytree(saved_uploads, _uploads_of(app), dirs_exist_ok=True)
    click.echo(f"已从 {source} 恢复：" + "，".join(f"{k} {v}" for k, v in counts.items() if v))
