"""Store commands of `sanding`: init, user add, import, demo, serve.

Each calls the same functions as the web app. `--db PATH` or SANDING_DB
chooses the database everywhere.
"""
from __future__ import annotations

import functools
import os
import secrets
import sys
import tempfile
from pathlib import Path

import click

import docproc

from . import ingest, store
from .config import ConfigError
from .access import ROLE_NAMES

DEMO_ACCOUNTS = (("admin", "admin", "admin-demo", "演示管理员"),
                 ("evaluator", "evaluator", "evaluator-demo", "演示评估员"),
                 ("staff", "staff", "staff-demo", "演示工作人员"))


def db_option(command):
    """The shared --db option (falls back to SANDING_DB, then the instance folder)."""
    return click.option("--db", "db_path", envvar="SANDING_DB", type=click.Path(dir_okay=False),
                        help="数据库文件路径（默认读取环境变量 SANDING_DB，否则为 instance/sanding.db）。")(command)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


def _app(db_path: str | None, **extra):
    """Build the app for its resolved configuration (also migrates the database)."""
    from . import create_app
    overrides = {"DATABASE": db_path} if db_path else {}
    overrides.update(extra)
    try:
        return create_app(overrides)
    except (store.StoreError, ConfigError) as error:
        _fail(str(error))


def with_store(command):
    """Open the configured store for the command and close it afterwards."""
    @functools.wraps(command)
    def wrapper(db_path, *args, **kwargs):
        app = _app(db_path)
        db = store.connect(app.config["DATABASE"])
        try:
            return command(app, db, *args, **kwargs)
        finally:
            db.close()
    return wrapper


@click.command("init")
@db_option
def init_command(db_path: str | None) -> None:
    """创建空数据库（已存在则升级到最新结构）。

    示例：sanding init --db /srv/sanding/sanding.db
    """
    app = _app(db_path)
    click.echo(f"数据库已就绪：{app.config['DATABASE']}（结构版本 {store.SCHEMA_VERSION}）")


@click.group("user")
def user_group() -> None:
    """管理用户账号。

    示例：sanding user add zhangsan --role staff
    """


@user_group.command("add")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(list(ROLE_NAMES)),
              help="角色：admin（管理员）、evaluator（评估员）、staff（工作人员）。")
@click.option("--password", help="密码（不填则提示输入）。")
@click.option("--name", "display_name", default="", help="姓名（显示用）。")
@db_option
@with_store
def user_add_command(app, db, username: str, role: str, password: str | None,
                     display_name: str) -> None:
    """新建用户账号。

    示例：sanding user add zhangsan --role staff --name 张三
    """
    from .auth import create_user
    if password is None:
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    if len(password) < 8:
        _fail("密码至少 8 个字符。")
    try:
        create_user(db, username, password, role, display_name)
    except store.StoreError as error:
        _fail(str(error))
    click.echo(f"已创建用户 {username}（{ROLE_NAMES[role]}）。")


def collect_files(paths: tuple[str, ...]) -> list[Path]:
    """Named files as given, plus supported files found in named folders (sorted)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in docproc.SUPPORTED_SUFFIXES))
        else:
            found.append(path)
    return found


def import_files(app, db, files: list[Path], echo=click.echo,
                 touched: set[str] | None = None, effective_date: str | None = None) -> int:
    """Import files one by one (each in its own transaction); returns how many failed.

    The names of the governments the imported files went to are added to `touched`.
    """
    uploads = Path(app.config["UPLOAD_FOLDER"])
    max_bytes = app.config["MAX_CONTENT_LENGTH"]
    failed = 0
    for path in files:
        try:
            if not path.is_file():
                raise docproc.ParseError(f"{path}：文件不存在。")
            result = ingest.import_path(db, path, uploads, None, max_bytes, effective_date)
        except docproc.ParseError as error:
            failed += 1
            message = str(error)
            click.echo(f"错误：{message if path.name in message else f'{path.name}：{message}'}",
                       err=True)
            continue
        if touched is not None:
            touched.add(result.government)
        state = "已导入" if result.created else "已更新"
        echo(f"{state}：{path.name} → {result.government} / {result.department}"
             f"（主要职责 {result.duties} 项）")
    return failed


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--date", "effective_date", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="施行日期 YYYY-MM-DD（不填则取文件中的施行日期，再不然按导入先后）。")
@db_option
@with_store
def import_command(app, db, paths: tuple[str, ...], effective_date=None) -> None:
    """把三定规定文件或文件夹导入数据库（与网页上传相同的处理）。

    出错的文件不会写入任何内容，其余文件照常导入；有文件出错时退出码为 2。
    同一部门的多个版本按施行日期排序，最新的为现行版本。

    示例：sanding import 三定/ 市场监管局.docx --db sanding.db
          sanding import 旧版/交通局2010.txt --date 2010-06-01
    """
    files = collect_files(paths)
    if not files:
        _fail("没有找到可导入的文件（支持 " + "、".join(docproc.SUPPORTED_SUFFIXES) + "）。")
    touched: set[str] = set()
    failed = import_files(app, db, files, touched=touched,
                          effective_date=effective_date.date().isoformat() if effective_date else None)
    click.echo(f"共 {len(files)} 个文件，成功 {len(files) - failed} 个，失败 {failed} 个。")
    detect_governments(db, touched)
    if failed:
        sys.exit(2)


def detect_governments(db, names: set[str], echo=click.echo) -> None:
    """Run overlap detection now for each named government and say what it found."""
    from . import detection
    for name in sorted(names):
        government = store.documents.get_government_by_name(db, name)
        if government is None:
            continue
        counts = detection.detect_now(db, government["id"])
        if counts is None:
            click.echo(f"错误：{name}：{detection.FAILED}", err=True)
        else:
            echo(f"职责交叉识别：{name} 共 {counts['found']} 处（新增 {counts['new']} 处）。")


def sample_city_source() -> Path:
    """corpus/sample_city/source/ inside the installed package."""
    import corpus
    return Path(corpus.__file__).parent / "sample_city" / "source"


@click.command("demo")
@click.option("--port", default=5000, show_default=True, help="端口。")
@click.option("--host", default="127.0.0.1", show_default=True, help="监听地址。")
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="演示数据库路径（必须是尚不存在的文件；默认在临时目录新建）。")
@click.option("--no-serve", is_flag=True, help="只准备数据库，不启动服务。")
def demo_command(port: int, host: str, db_path: str | None, no_serve: bool) -> None:
    """用示例市的三定规定新建演示数据库、创建演示账号并启动服务。

    示例：sanding demo --port 8000
    """
    if db_path and Path(db_path).exists():
        _fail(f"演示需要一个新的数据库，文件已存在：{db_path}（请换一个路径或不指定 --db）。")
    if not db_path:
        db_path = str(Path(tempfile.mkdtemp(prefix="sanding-demo-")) / "sanding.db")
    app = _app(db_path, SECRET_KEY=os.environ.get("SANDING_SECRET_KEY") or secrets.token_hex(32))
    db = store.connect(app.config["DATABASE"])
    try:
        from .auth import create_user
        for username, role, password, name in DEMO_ACCOUNTS:
            create_user(db, username, password, role, name)
        source = sample_city_source()
        files = collect_files((str(source),)) if source.is_dir() else []
        if files:
            touched: set[str] = set()
            failed = import_files(app, db, files, echo=lambda _line: None, touched=touched)
            detect_governments(db, touched, echo=lambda _line: None)
            click.echo(f"已导入示例市三定规定 {len(files) - failed} 个文件"
                       + (f"（{failed} 个失败）" if failed else "") + "。")
            _demo_indicator_systems(db)
        else:
            click.echo(f"未找到示例数据（{source}），演示数据库中暂无三定规定。")
    finally:
        db.close()
    click.echo(f"数据库：{app.config['DATABASE']}")
    click.echo(f"访问地址：http://{host}:{port}/")
    for username, role, password, _name in DEMO_ACCOUNTS:
        click.echo(f"  {ROLE_NAMES[role]}：用户名 {username}　密码 {password}")
    if not no_serve:
        _serve(app, host, port, workers=1)


def _demo_indicator_systems(db) -> None:
    """Both templates for 示例市, so evaluators find something to score in the demo."""
    from survey.evaluation.indicators import TEMPLATES, system_to_dict

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
    _serve(_app(db_path), host, port, workers, threads)


def _serve(app, host: str, port: int, workers: int, threads: int = 4) -> None:
    from . import jobs, server
    stale = jobs.fail_interrupted(app.config["DATABASE"])
    if stale:
        click.echo(f"上次停止时有 {stale} 个解析任务未完成，已标记为失败。")
    server.warm_up()
    server.serve(app, host, port, workers, threads)


def register(group: click.Group) -> None:
    """Add the store commands to the `sanding` group."""
    for command in (init_command, user_group, import_command, demo_command, serve_command):
        group.add_command(command)
