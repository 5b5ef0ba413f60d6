"""`sanding backup` and `sanding restore`: consistent copies of the database and its uploads.

Backups hold every account and answer, so they are written readable by their
owner only (file 0600, uploads folder 0700). `restore` checks a backup
completely (backup.checked_backup) before it touches the database, lists the
accounts it would bring and asks before replacing anything.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask

from . import backup, store
from .access import ROLE_NAMES
from .commands import _app, _fail, db_option
from .config import ConfigError, configure


def _uploads_of(config) -> Path:
    return Path(config["UPLOAD_FOLDER"])


def _summary(counts: dict) -> str:
    return "，".join(f"{table} {count}" for table, count in counts.items() if count) or "无数据"


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False))
@db_option
def backup_command(target: str, db_path: str | None) -> None:
    """在服务运行时做一致的在线备份（SQLite 备份接口），上传的原始文件一并复制。

    \b
    备份文件只有本用户可读（权限 0600），上传的原始文件复制到同名的
    .uploads 文件夹（0700，文件 0600）。备份文件已存在时不覆盖。

    示例：sanding backup /srv/backup/sanding-2026-11-22.db
    """
    app = _app(db_path)
    try:
        counts = backup.backup(app.config["DATABASE"], target)
    except store.StoreError as error:
        _fail(str(error))
    into = backup.uploads_copy(target)
    try:
        copied = backup.copy_uploads(_uploads_of(app.config), into)
    except OSError as error:
        _fail(f"数据库已备份到 {target}，但复制上传的原始文件到 {into} 时出错（{error}）。")
    click.echo(f"已备份到 {target}：{_summary(counts)}"
               + (f"；上传的原始文件 {copied} 个，在 {into}" if copied else ""))


def _settings(db_path: str | None):
    """The configuration alone: unlike other commands, restore neither opens nor
    upgrades the current database before the backup is checked and confirmed."""
    app = Flask("webapp", instance_relative_config=True)  # the instance folder of create_app
    try:
        configure(app, {"DATABASE": db_path} if db_path else None)
    except ConfigError as error:
        _fail(str(error))
    return app.config


def _show_accounts(checked: backup.CheckedBackup, database: str) -> None:
    current = backup.current_accounts(database)
    listed, gone = backup.compare_accounts(checked.accounts, current)
    click.echo(f"备份文件 {checked.source} 检查通过（完整性、数据结构）"
               + (f"，数据结构已从版本 {checked.version} 升级到 {store.SCHEMA_VERSION}" if
                  checked.version < store.SCHEMA_VERSION else "") + "。")
    click.echo(f"备份内容：{_summary(checked.counts)}")
    if current is None:
        click.echo(f"（无法读取当前数据库 {database} 的账号，无法比较。）")
    click.echo(f"备份中的账号（{len(listed)} 个）：")
    for account in listed:
        marks = ""
        if account["new"] and current is not None:
            marks += "（当前数据库中没有）"
        if account["old_role"]:
            marks += f"（角色变更：{ROLE_NAMES.get(account['old_role'], account['old_role'])}"
            marks += f" → {ROLE_NAMES.get(account['role'], account['role'])}）"
        if account["password_changed"]:
            marks += "（密码与当前数据库不同）"
        if not account["active"]:
            marks += "（已停用）"
        click.echo(f"  {account['username']}　{ROLE_NAMES.get(account['role'], account['role'])}"
                   f"　{account['display_name'] or '（无姓名）'}{marks}")
    if gone:
        click.echo("当前数据库中有、备份中没有的账号（恢复后将不存在）：" + "、".join(gone))


@click.command("restore")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--yes", "-y", "yes", is_flag=True,
              help="不询问，直接确认恢复（供脚本使用；请先核对输出的账号）。")
@db_option
def restore_command(source: str, yes: bool, db_path: str | None) -> None:
    """用备份文件恢复数据库（请先停止服务）；较旧的备份会升级到当前数据结构。

    \b
    先在数据库旁的临时副本上检查备份：完整性、数据结构版本，以及表、列、索引、
    视图和触发器是否与本程序创建的完全一致，多出或改动的一律拒绝并逐项列出。
    然后列出备份中的账号（标出当前数据库中没有的账号和角色变更），确认后才替换
    当前数据库，上传的原始文件一并恢复。拒绝或未确认时当前数据库不变。
    在脚本中（标准输入不是终端）须加 --yes，否则不恢复，退出码为 2。

    \b
    示例：sanding restore /srv/backup/sanding-2026-11-22.db
          sanding restore /srv/backup/sanding-2026-11-22.db --yes
    """
    config = _settings(db_path)
    database = config["DATABASE"]
    try:
        with backup.checked_backup(source, database, config["SECRET_KEY"]) as checked:
            _show_accounts(checked, database)
            if not yes:
                if not sys.stdin.isatty():
                    _fail("标准输入不是终端，无法确认。请核对上面的账号，确认无误后加 --yes 再运行。"
                          "未恢复，当前数据库未改动。")
                question = f"用这个备份替换数据库 {database} 的全部内容（上传的原始文件一并恢复）吗？"
                if not click.confirm(question, default=False):
                    click.echo("已取消，未恢复，当前数据库未改动。")
                    sys.exit(1)
            counts = backup.replace(checked, database)
    except store.StoreError as error:
        _fail(str(error))
    try:
        copied = backup.copy_uploads(backup.uploads_copy(source), _uploads_of(config))
    except OSError as error:
        _fail(f"数据库已从 {source} 恢复，但复制上传的原始文件到 {_uploads_of(config)} 时出错（{error}）。")
    click.echo(f"已从 {source} 恢复：{_summary(counts)}"
               + (f"；上传的原始文件 {copied} 个" if copied else ""))
