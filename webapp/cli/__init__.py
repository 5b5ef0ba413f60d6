"""The `sanding` command (`sanding = webapp.cli:main`): one module per command group.

Subcommands are loaded when they are asked for (or listed by --help), and their
modules import nothing heavy at the top, so a command starts without paying for
the parts of the platform it does not use.
"""
from __future__ import annotations

from importlib import import_module

import click

from .messages import install as install_click_messages

install_click_messages()  # click's own usage errors and help headings in Chinese

COMMANDS = {
    "parse": "documents:parse_command",
    "import": "documents:import_command",
    "overlaps": "documents:overlaps_command",
    "relations": "documents:relations_command",
    "versions": "documents:versions_command",
    "diff": "documents:diff_command",
    "round": "rounds:round_group",
    "problems": "problems:problems_group",
    "lists": "lists:lists_group",
    "campaigns": "campaigns:campaigns_group",
    "staffing-log": "staffing_log:staffing_log_group",
    "roll": "roll:roll_group",
    "daily-record": "daily_record:daily_record_group",
    "evaluate": "evaluations:evaluate_command",
    "history": "history:history_group",
    "ahp": "evaluations:ahp_command",
    "init": "admin:init_command",
    "user": "admin:user_group",
    "demo": "admin:demo_command",
    "serve": "admin:serve_command",
    "backup": "admin:backup_command",
    "restore": "admin:restore_command",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported from COMMANDS on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0]
        if name not in COMMANDS and not name.startswith("-") and not ctx.resilient_parsing:
            # click suggests close names from self.commands, which a lazy group leaves empty
            raise click.exceptions.NoSuchCommand(name, possibilities=list(COMMANDS), ctx=ctx)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute = COMMANDS[name].split(":")
        return getattr(import_module(f"{__name__}.{module}"), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """三定规定解析、职责交叉识别与机构改革评估平台。"""
