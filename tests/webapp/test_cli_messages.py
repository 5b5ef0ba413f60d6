"""click's own messages of `sanding` (usage errors, help) are Chinese: webapp/cli_messages.py."""
from __future__ import annotations

import argparse
import ast
import gettext
import pathlib
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from webapp.cli import main
from webapp.cli import messages as cli_messages

from shared_paths import REPO as ROOT

ENGLISH = ("Invalid value", "Missing argument", "Missing option", "No such option", "No such command",
           "Usage:", "Error:", "Try '", "Did you mean", "is not", "requires", "Choose from")


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.setenv("SANDING_SECRET_KEY", "cli-messages-test")
    monkeypatch.setenv("SANDING_DB", str(tmp_path / "cli.db"))

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), prog_name="sanding")
    return invoke


def _usage_error(result, *chinese: str) -> str:
    """The output of a usage error: exit 2, the Chinese lines, no English, no traceback."""
    output = result.output
    assert result.exit_code == 2, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    assert "Traceback" not in output
    for text in chinese:
        assert text in output, output
    for text in ENGLISH:
        assert text not in output, output
    return output


def test_non_integer_argument(run):
    output = _usage_error(run("round", "results", "abc"),
                          "错误：'ROUND_ID' 的值无效：'abc' 不是有效的整数。")
    assert "用法: sanding round results [OPTIONS] ROUND_ID" in output
    assert "运行 'sanding round results --help' 查看帮助。" in output


def test_out_of_range_int_option(run):
    _usage_error(run("serve", "--threads", "0"), "错误：'--threads' 的值无效：0 不在范围 x>=1 内。")


def test_non_number_float_range_option(run):
    _usage_error(run("overlaps", "x.txt", "--min-score", "abc"),
                 "错误：'--min-score' 的值无效：'abc' 不是有效的数字。")


def test_missing_argument(run):
    _usage_error(run("parse"), "错误：缺少参数 'FILES...'")
    _usage_error(run("diff", "old.docx"), "错误：缺少参数 'NEW'")


def test_missing_choice_option_lists_the_choices(run):
    _usage_error(run("round", "create", "--name", "2024评议"),
                 "错误：缺少选项 '--kind'", "可选值：\n\tcounty,\n\tpublic")


def test_bad_choice(run):
    _usage_error(run("user", "add", "zhangsan", "--role", "boss"),
                 "错误：'--role' 的值无效：'boss' 不是可选值之一（'admin', 'evaluator', 'staff', 'unit'）。")


def test_unknown_option(run):
    _usage_error(run("--foo"), "错误：没有选项 '--foo'。")
    _usage_error(run("serve", "--thread", "3"), "错误：没有选项 '--thread'。", "是不是想用 '--threads'？")


def test_unknown_command(run):
    _usage_error(run("nosuch"), "错误：没有命令 'nosuch'。")
    _usage_error(run("sever"), "错误：没有命令 'sever'。", "（是不是想用其中之一：'serve', 'user'？）")


def test_option_requires_an_argument(run):
    _usage_error(run("serve", "--threads"), "错误：选项 '--threads' 需要一个值。")


def test_extra_argument(run):
    _usage_error(run("round", "results", "1", "2"), "错误：多余的参数：2")


def test_nonexistent_path():
    # No sanding parameter uses click.Path(exists=True); the catalogue covers click, so check it here.
    @click.command()
    @click.argument("source", type=click.Path(exists=True, dir_okay=False))
    def command(source: str) -> None:
        """示例命令。"""

    result = CliRunner().invoke(command, ["/nonexistent/三定.docx"], prog_name="sanding")
    _usage_error(result, "错误：'SOURCE' 的值无效：文件 '/nonexistent/三定.docx' 不存在。")


def test_help_is_chinese(run):
    result = run("serve", "--help")
    assert result.exit_code == 0, result.output
    for text in ("用法: sanding serve [OPTIONS]", "选项:", "-h, --help", "显示本帮助并退出。",
                 "[默认值：4; x>=1]"):
        assert text in result.output, result.output
    for text in ("Usage:", "Options:", "Show this message", "default:"):
        assert text not in result.output, result.output
    result = run("--help")
    assert result.exit_code == 0 and "命令:" in result.output and "Commands:" not in result.output


def test_group_without_subcommand_shows_chinese_help(run):
    result = run("round")
    assert result.exit_code == 2, result.output
    assert "用法: sanding round" in result.output and "命令:" in result.output
    assert "Usage:" not in result.output and "Commands:" not in result.output


def test_real_command_prints_chinese_on_stderr_without_traceback():
    result = subprocess.run([sys.executable, "-m", "webapp.cli", "serve", "--threads", "0"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "错误：'--threads' 的值无效：0 不在范围 x>=1 内。" in result.stderr
    assert "用法:" in result.stderr and "查看帮助。" in result.stderr
    for text in (*ENGLISH, "Traceback"):
        assert text not in result.stderr, result.stderr


def test_unknown_msgids_fall_back_to_english_and_gettext_stays_process_wide():
    translations = cli_messages.TRANSLATIONS
    assert translations.gettext("A message click may add later.") == "A message click may add later."
    assert translations.ngettext("{n} new thing", "{n} new things", 1) == "{n} new thing"
    assert translations.ngettext("{n} new thing", "{n} new things", 3) == "{n} new things"
    assert translations.gettext("Usage:") == "用法:"
    # Only click's modules were rebound: gettext itself and other libraries keep English.
    assert gettext.gettext("Usage:") == "Usage:"
    assert argparse._ is gettext.gettext
    assert click.core._ == translations.gettext and click.exceptions.ngettext == translations.ngettext
    cli_messages.install()  # idempotent
    assert click.core._ == translations.gettext


def _click_msgids() -> set[str]:
    """Every literal msgid the installed click passes to `_` or (singular) to `ngettext`."""
    msgids = set()
    for path in pathlib.Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "ngettext") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                msgids.add(node.args[0].value)
    return msgids | {"required"}  # core.py: _(extra["required"]) with extra["required"] = "required"


# click's messages for developers (wrong declarations, bad API use) or not shown as text.
UNTRANSLATED = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name})."
    " Did you mean to declare an argument instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Invalid start character for option ({option})",
    "Unknown standard stream '{name}'",
    "Unknown color {colour!r}",
    "Choice({choices})",
    "Windows error: {error}",
    "file", "directory", "path",  # also click's metavars (FILE, PATH), English like INTEGER
    "d",  # progress bar format
}


def test_catalogue_matches_the_installed_click():
    # A click upgrade that rewords or adds a message fails here instead of printing English.
    catalogue = set(cli_messages.MESSAGES) | set(cli_messages.PLURAL_MESSAGES)
    msgids = _click_msgids()
    assert catalogue - msgids == set(), "msgids no longer in click"
    assert msgids - catalogue - UNTRANSLATED == set(), "click msgids without a translation"
