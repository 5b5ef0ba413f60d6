"""Chinese texts for click's own messages (usage errors, help headings, prompts).

click looks every message it shows up through the functions ``_`` (``gettext``)
and ``ngettext`` that each of its modules imported from :mod:`gettext`.
:func:`install` rebinds those two names in click's modules only, to the methods
of a :class:`ClickTranslations` catalogue; the process-wide gettext state and
every other library are left alone. A msgid missing from the catalogue is
looked up exactly as click would have done it, so it falls back to English.

The msgids are those of click 8.5 (``_("...")``/``ngettext(...)`` calls in
``site-packages/click``). Errors a developer gets for a wrongly declared
parameter (``TypeError``/``ValueError`` at import time) stay English.
"""
from __future__ import annotations

import gettext
import importlib
from collections.abc import Mapping

# click's modules that translate messages; the last two are normally imported lazily.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
    "click.shell_completion",
    "click._termui_impl",
)


class Template(str):
    """A translated message whose English placeholder values are translated as well.

    click fills some messages with English words, e.g. ``number_type="integer"``
    or ``name="File"``; ``format`` replaces the values listed in ``values``.
    """

    values: Mapping[str, Mapping[str, str]]

    def __new__(cls, text: str, values: Mapping[str, Mapping[str, str]]) -> Template:
        template = super().__new__(cls, text)
        template.values = values
        return template

    def format(self, *args: object, **kwargs: object) -> str:
        for key, table in self.values.items():
            value = kwargs.get(key)
            if isinstance(value, str):
                kwargs[key] = table.get(value, value)
        return str.format(self, *args, **kwargs)


# click's Path type names (title-cased in its messages). The lower-case names
# themselves are not translated: click also uses them as metavars (FILE, PATH),
# which stay English like INTEGER and TEXT.
_PATH_NAMES = {"File": "文件", "Directory": "目录", "Path": "路径"}
_PARAM_TYPES = {"option": "选项", "argument": "参数", "parameter": "参数"}
_NUMBER_TYPES = {"integer": "整数", "integer range": "整数", "float": "数字", "float range": "数字"}


def _path(text: str) -> Template:
    return Template(text, {"name": _PATH_NAMES})


MESSAGES: dict[str, str] = {
    # Error lines, usage and help.
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Usage:": "用法:",  # click adds a space and writes headings as "选项:"
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "default: {default}": "默认值：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "弃用提示：命令 {name!r} 已弃用。{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        Template("弃用提示：{param_type} {name!r} 已弃用。{extra_message}", {"param_type": _PARAM_TYPES}),
    "Aborted!": "已中止。",
    # Usage errors.
    "Invalid value: {message}": "值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": Template("缺少{param_type}", {"param_type": _PARAM_TYPES}),
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Value must be an iterable.": "值必须是一组值。",
    "Choose from:\n\t{choices}": "可选值：\n\t{choices}",
    "{value!r} is not a valid {number_type}.":
        Template("{value!r} 不是有效的{number_type}。", {"number_type": _NUMBER_TYPES}),
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} 不是有效的布尔值。可用的值：{states}",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "{name} {filename!r} does not exist.": _path("{name} {filename!r} 不存在。"),
    "{name} {filename!r} is a file.": _path("{name} {filename!r} 是文件，不是目录。"),
    "{name} {filename!r} is a directory.": _path("{name} {filename!r} 是目录，不是文件。"),
    "{name} {filename!r} is not readable.": _path("{name} {filename!r} 不可读。"),
    "{name} {filename!r} is not writable.": _path("{name} {filename!r} 不可写。"),
    "{name} {filename!r} is not executable.": _path("{name} {filename!r} 不可执行。"),
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    # Prompts and terminal helpers.
    "Do you want to continue?": "是否继续？",
    "Confirm the action without prompting.": "不询问，直接确认执行。",
    "Repeat for confirmation": "请再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "Bash 4.4 以下的版本不支持命令补全。",
    "Couldn't detect Bash version, shell completion is not supported.":
        "无法识别 Bash 版本，不支持命令补全。",
}

# ngettext: keyed by the singular msgid; (one, other) chosen as click chooses.
PLURAL_MESSAGES: dict[str, tuple[str, str]] = {
    "Got unexpected extra argument ({args})": ("多余的参数：{args}", "多余的参数：{args}"),
    "Takes {nargs} values but 1 was given.": (
        "需要 {nargs} 个值，但只给出了 1 个。", "需要 {nargs} 个值，但给出了 {len} 个。"),
    "Did you mean {possibility}?": ("是不是想用 {possibility}？", "（是不是想用其中之一：{possibilities}？）"),
    "Option {name!r} requires an argument.": ("选项 {name!r} 需要一个值。", "选项 {name!r} 需要 {nargs} 个值。"),
    "{value!r} is not {choice}.": ("{value!r} 不是 {choice}。", "{value!r} 不是可选值之一（{choices}）。"),
    "{value!r} does not match the format {format}.": (
        "{value!r} 不符合格式 {format}。", "{value!r} 不符合以下任一格式：{formats}。"),
    "{len_type} values are required, but {len_value} was given.": (
        "需要 {len_type} 个值，但给出了 {len_value} 个。", "需要 {len_type} 个值，但给出了 {len_value} 个。"),
}


class ClickTranslations(gettext.NullTranslations):
    """The catalogue above; unknown msgids go to the process-wide gettext, as in click."""

    def __init__(self, messages: Mapping[str, str] = MESSAGES,
                 plural_messages: Mapping[str, tuple[str, str]] = PLURAL_MESSAGES) -> None:
        super().__init__()
        self.messages = messages
        self.plural_messages = plural_messages

    def gettext(self, message: str) -> str:
        translated = self.messages.get(message)
        return gettext.gettext(message) if translated is None else translated

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        forms = self.plural_messages.get(msgid1)
        if forms is None:
            return gettext.ngettext(msgid1, msgid2, n)
        return forms[0] if n == 1 else forms[1]


TRANSLATIONS = ClickTranslations()


def install(translations: ClickTranslations = TRANSLATIONS) -> None:
    """Make click's modules look their messages up in ``translations``. Idempotent."""
    replacements = {"_": (gettext.gettext, translations.gettext),
                    "ngettext": (gettext.ngettext, translations.ngettext)}
    for module_name in CLICK_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:  # a module a later click may drop or rename
            continue
        for name, (original, replacement) in replacements.items():
            # Only the names bound to gettext's own functions (never an unrelated `_`).
            if getattr(module, name, None) is original:
                setattr(module, name, replacement)
