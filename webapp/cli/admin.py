"""Administration commands: init, user, demo, serve, backup, restore."""
from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path

import click

from ..roles import ROLE_NAMES
from .common import app_for, collect_files, db_option, fail, with_store

DEMO_ACCOUNTS = (("admin", "admin", "admin-demo", "演示管理员"),
                 ("evaluator", "evaluator", "evaluator-demo", "演示评估员"),
                 ("staff", "staff", "staff-demo", "演示工作人员"))

@click.command("init")
@db_option
def init_command(db_path: str | None) -> None:
    """创建空数据库（已存在则升级到最新结构）。

    示例：sanding init --db /srv/sanding/sanding.db
    """
    from .. import store
    app = app_for(db_path)
    click.echo(f"数据库已就绪：{app.config['DATABASE']}（结构版本 {store.SCHEMA_VERSION}）")

@click.group("user")
def user_group() -> None:
    """管理用户账号。

    示例：sanding user add zhangsan --role staff
    """

GOVERNMENT_HELP = ("限定账号只能查看该政府（可重复，如 --government 示例县 --government 示例市）；"
                   "不写则不限，可查看所有政府。")


@user_group.command("add")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(list(ROLE_NAMES)),
              help="角色：admin（管理员）、evaluator（评估员）、staff（工作人员）、unit（被评估单位）。")
@click.option("--password", help="密码（不填则提示输入）。")
@click.option("--name", "display_name", default="", help="姓名（显示用）。")
@click.option("--government", "governments", multiple=True, help=GOVERNMENT_HELP)
@click.option("--department", default=None,
              help="被评估单位账号所代表的部门（全称，或省去政府名的简称）；--role unit 时与一个 --government 同用，"
                   "不写则代表该政府整体。")
@db_option
@with_store
def user_add_command(app, db, username: str, role: str, password: str | None,
                     display_name: str, governments: tuple[str, ...], department: str | None) -> None:
    """新建用户账号。

    \b
    示例：sanding user add zhangsan --role staff --name 张三
          sanding user add xianbb --role staff --government 示例县
          sanding user add shuiliju --role unit --department 示例市水利局 --government 示例市
    """
    from .. import store
    from ..auth import create_user
    from ..scope_rules import ScopeError, clean_names, describe, scope_of
    try:
        names = clean_names(governments)
    except ScopeError as error:
        fail(str(error))
    if store.users.get_user_by_name(db, username):  # before a county named for a unit is created
        fail(f"用户名已存在：{username}")
    unit = _unit_of(db, role, names, department)
    if password is None:
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    if len(password) < 8:
        fail("密码至少 8 个字符。")
    try:
        user_id = create_user(db, username, password, role, display_name, governments=names, unit=unit)
    except store.StoreError as error:
        fail(str(error))
    limited = f"；可查看的政府：{describe(scope_of(names))}" if names else ""
    found = store.units.get_account_unit(db, user_id) if unit is not None else None
    if found is not None:
        limited = f"；单位：{found['name']}"
    click.echo(f"已创建用户 {username}（{ROLE_NAMES[role]}{limited}）。")
    if unit is None:
        _warn_unknown(db, names)


def _unit_of(db, role: str, governments: list[str], department: str | None) -> dict | None:
    """The unit a 被评估单位 account stands for, from --government (one) and --department (a
    department of it by full name or without the government's name; none: the government as a
    whole); exits with a Chinese message when it cannot be found."""
    from .. import store
    if role != "unit":
        if department is not None:
            fail("--department 只用于被评估单位账号（--role unit）。")
        return None
    if len(governments) != 1:
        fail("被评估单位账号须用一个 --government 指定其所在的政府（加 --department 指定部门）。")
    government = store.documents.get_government_by_name(db, governments[0])
    if department is None:
        if government is None:  # a county evaluated as a whole may have no 三定 imported
            return {"government_id": store.documents.get_or_create_government(db, governments[0])}
        return {"government_id": government["id"]}
    if government is None:
        fail(f"数据库中还没有 {governments[0]}，请核对名称，或先导入其三定规定。")
    ids = store.documents.department_ids(db, government["id"])
    wanted = department.strip()
    found = ids.get(wanted) or ids.get(governments[0] + wanted)
    if found is None:
        fail(f"{governments[0]}没有名为“{wanted}”的部门（已导入的部门：{'、'.join(sorted(ids)) or '无'}）。")
    return {"department_id": found}


@user_group.command("scope")
@click.argument("username")
@click.option("--government", "governments", multiple=True, help="账号可查看的政府（可重复）。")
@click.option("--all", "unlimited", is_flag=True, help="取消限定：可查看所有政府。")
@db_option
@with_store
def user_scope_command(app, db, username: str, governments: tuple[str, ...], unlimited: bool) -> None:
    """设定账号可查看的政府（其登录随即失效，须重新登录）。

    \b
    命令行由服务器管理人员运行，不受账号范围限制。
    示例：sanding user scope xianbb --government 示例县
          sanding user scope shibb --government 示例市 --government 示例县
          sanding user scope shibb --all
    """
    import secrets

    from .. import store
    from ..scope_rules import ScopeError, clean_names, describe, scope_of
    if unlimited == bool(governments):
        fail("请给出 --government（可重复），或用 --all 取消限定（二者选一）。")
    user = store.users.get_user_by_name(db, username)
    if user is None:
        fail(f"用户不存在：{username}")
    try:
        names = clean_names(governments)
        store.users.set_scope(db, user["id"], names, secrets.token_urlsafe(16), None)
    except (ScopeError, store.StoreError) as error:
        fail(str(error))
    click.echo(f"{username} 可查看的政府：{describe(scope_of(names))}。")
    _warn_unknown(db, names)


@user_group.command("list")
@db_option
@with_store
def user_list_command(app, db) -> None:
    """列出账号：用户名、角色、姓名、状态和可查看的政府。

    示例：sanding user list
    """
    from .. import store
    scopes = store.users.scopes(db)
    units = store.units.account_units(db)
    for user in store.users.list_users(db):
        role = ROLE_NAMES.get(user["role"], user["role"])
        if user["id"] in units:
            role += f"（{units[user['id']]['name']}）"
        click.echo("\t".join([user["username"], role,
                              user["display_name"] or "（无姓名）", "正常" if user["active"] else "已停用",
                              "、".join(scopes.get(user["id"], [])) or "不限"]))


def _warn_unknown(db, names: list[str]) -> None:
    """A scope may name a government not imported yet (an office set up first); say so, in case
    the name was mistyped."""
    from .. import store
    unknown = sorted(name for name in names if store.documents.get_government_by_name(db, name) is None)
    if unknown:
        click.echo(f"提示：数据库中还没有 {'、'.join(unknown)}（尚未导入其三定规定？请核对名称）。", err=True)

@click.command("demo")
@click.option("--port", default=5000, show_default=True, help="端口。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar="SANDING_DB",
              help="演示数据库路径（必须是尚不存在的文件；默认读取环境变量 SANDING_DB，否则在临时目录新建）。")
@click.option("--no-serve", is_flag=True, help="只准备数据库，不启动服务。")
def demo_command(port: int, host: str, db_path: str | None, no_serve: bool) -> None:
    """用示例市的三定规定新建演示数据库、创建演示账号并启动服务。

    示例：sanding demo --port 8000
    """
    if db_path and Path(db_path).exists():
        fail(f"演示需要一个新的数据库，文件已存在：{db_path}（请换一个路径或不指定 --db）。")
    if not db_path:
        db_path = str(Path(tempfile.mkdtemp(prefix="sanding-demo-")) / "sanding.db")
    from .. import store
    from .documents import detect_governments, import_files
    app = app_for(db_path, SECRET_KEY=os.environ.get("SANDING_SECRET_KEY") or secrets.token_hex(32))
    db = store.connect(app.config["DATABASE"])
    try:
        from ..auth import create_user
        for username, role, password, name in DEMO_ACCOUNTS:
            create_user(db, username, password, role, name)
        source = sample_city_source()
        files = collect_files((str(source),)) if source.is_dir() else []
        previous = source.parent / "previous"  # the 2010 versions: history beside the current 三定
        files += collect_files((str(previous),)) if files and previous.is_dir() else []
        if files:
            touched: set[str] = set()
            failed = import_files(app, db, files, echo=lambda _line: None, touched=touched)
            detect_governments(db, touched, echo=lambda _line: None)
            click.echo(f"已导入示例市三定规定 {len(files) - failed} 个文件"
                       + (f"（{failed} 个失败）" if failed else "") + "。")
            _demo_indicator_systems(db)
            from ..services.demo import populate
            for line in populate(db, app.config["SECRET_KEY"], Path(app.config["UPLOAD_FOLDER"])):
                click.echo(f"演示数据：{line}。")
        else:
            click.echo(f"未找到示例数据（{source}），演示数据库中暂无三定规定。")
    finally:
        db.close()
    click.echo(f"数据库：{app.config['DATABASE']}（其他 sanding 命令请加 --db {app.config['DATABASE']}，"
               f"或先设置 SANDING_DB={app.config['DATABASE']}）")
    click.echo(f"访问地址：http://{host}:{port}/")
    for username, role, password, _name in DEMO_ACCOUNTS:
        click.echo(f"  {ROLE_NAMES[role]}：用户名 {username}　密码 {password}")
    unit = _demo_unit(app)
    if unit:
        from ..services.demo import DEMO_UNIT_ACCOUNT
        username, role, password, _name = DEMO_UNIT_ACCOUNT
        click.echo(f"  {ROLE_NAMES[role]}：用户名 {username}　密码 {password}　（{unit}，已提交自查自评）")
    if not no_serve:
        _serve(app, host, port, workers=1)

def _demo_unit(app) -> str | None:
    """The unit of the demo's 被评估单位 account, when the demo city made it (sample city imported)."""
    from .. import store
    from ..services.demo import DEMO_UNIT_ACCOUNT
    db = store.connect(app.config["DATABASE"])
    try:
        found = store.users.get_user_by_name(db, DEMO_UNIT_ACCOUNT[0])
        unit = store.units.get_account_unit(db, found["id"]) if found else None
    finally:
        db.close()
    return unit["name"] if unit else None

def sample_city_source() -> Path:
    """corpus/sample_city/source/ inside the installed package."""
    import corpus
    return Path(corpus.__file__).parent / "sample_city" / "source"

def _demo_indicator_systems(db) -> None:
    """Both templates for 示例市, so evaluators find something to score in the demo."""
    from survey.evaluation.indicators import TEMPLATES, system_to_dict

    from .. import store
    government = store.documents.get_government_by_name(db, "示例市")
    if government is None:
        return
    for key, make in TEMPLATES.items():
        system = make()
        store.evaluations.create_system(db, government["id"], system.name, system_to_dict(system), None, key)
    click.echo("已为示例市建立两套指标体系（七项指标、市直部门六个方面）。")

@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--port", default=8000, show_default=True, help="端口。")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1),
              help="工作进程数（建议每个 CPU 核一个）。")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(min=1),
              help="每个工作进程的线程数；1 为同步工作进程（每个进程一次处理一个请求，"
                   "只宜放在 nginx 等会缓冲请求的反向代理之后，见 README）。")
@db_option
def serve_command(host: str, port: int, workers: int, threads: int, db_path: str | None) -> None:
    """用 gunicorn 启动正式服务。

    浏览器直接访问时用默认的多线程工作进程；放在 nginx 之后时，
    --threads 1（同步工作进程）每个请求耗用更少、延迟更低（见 README）。

    示例：sanding serve --host 127.0.0.1 --port 8000 --workers 2 --threads 1 --db /srv/sanding/sanding.db
    """
    from . import server
    if threads == 1 and not server.is_loopback(host):
        click.echo("提示：--threads 1 为同步工作进程，一个只连接不发送的客户端就会占住一个进程；"
                   "请只让 nginx 等会缓冲请求的反向代理访问本服务，浏览器或手机直接访问时请用默认的 --threads 4。",
                   err=True)
    _serve(app_for(db_path), host, port, workers, threads)

def _serve(app, host: str, port: int, workers: int, threads: int = 4) -> None:
    from ..services import jobs
    from . import server
    stale = jobs.fail_interrupted(app.config["DATABASE"])
    if stale:
        click.echo(f"上次停止时有 {stale} 个解析任务未完成，已标记为失败。")
    server.warm_up()
    server.serve(app, host, port, workers, threads)


def _uploads_of(config) -> Path:
    return Path(config["UPLOAD_FOLDER"])

def _backup_summary(counts: dict) -> str:
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
    from .. import store
    from ..services import backup
    app = app_for(db_path)
    try:
        counts = backup.backup(app.config["DATABASE"], target)
    except store.StoreError as error:
        fail(str(error))
    into = backup.uploads_copy(target)
    try:
        copied = backup.copy_uploads(_uploads_of(app.config), into)
    except OSError as error:
        fail(f"数据库已备份到 {target}，但复制上传的原始文件到 {into} 时出错（{error}）。")
    click.echo(f"已备份到 {target}：{_backup_summary(counts)}"
               + (f"；上传的原始文件 {copied} 个，在 {into}" if copied else ""))

def _settings(db_path: str | None):
    """The configuration alone: unlike other commands, restore neither opens nor
    upgrades the current database before the backup is checked and confirmed."""
    from flask import Flask

    from ..config import ConfigError, configure
    app = Flask("webapp", instance_relative_config=True)  # the instance folder of create_app
    try:
        configure(app, {"DATABASE": db_path} if db_path else None)
    except ConfigError as error:
        fail(str(error))
    return app.config

def _show_accounts(checked, database: str) -> None:
    from .. import store
    from ..services import backup
    current = backup.current_accounts(database)
    listed, gone = backup.compare_accounts(checked.accounts, current)
    click.echo(f"备份文件 {checked.source} 检查通过（完整性、数据结构）"
               + (f"，数据结构已从版本 {checked.version} 升级到 {store.SCHEMA_VERSION}" if
                  checked.version < store.SCHEMA_VERSION else "") + "。")
    click.echo(f"备份内容：{_backup_summary(checked.counts)}")
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
    from .. import store
    from ..services import backup
    config = _settings(db_path)
    database = config["DATABASE"]
    try:
        with backup.checked_backup(source, database, config["SECRET_KEY"]) as checked:
            _show_accounts(checked, database)
            if not yes:
                if not sys.stdin.isatty():
                    fail("标准输入不是终端，无法确认。请核对上面的账号，确认无误后加 --yes 再运行。"
                         "未恢复，当前数据库未改动。")
                question = f"用这个备份替换数据库 {database} 的全部内容（上传的原始文件一并恢复）吗？"
                if not click.confirm(question, default=False):
                    click.echo("已取消，未恢复，当前数据库未改动。")
                    sys.exit(1)
            counts = backup.replace(checked, database)
    except store.StoreError as error:
        fail(str(error))
    try:
        copied = backup.copy_uploads(backup.uploads_copy(source), _uploads_of(config))
    except OSError as error:
        fail(f"数据库已从 {source} 恢复，但复制上传的原始文件到 {_uploads_of(config)} 时出错（{error}）。")
    click.echo(f"已从 {source} 恢复：{_backup_summary(counts)}"
               + (f"；上传的原始文件 {copied} 个" if copied else ""))
