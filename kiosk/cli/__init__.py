"""Command line: opens the app, or runs a headless subcommand; every failure is one line and an exit status.

Failures are worded in ``--lang``'s language (``kiosk.i18n.explain``); argparse's own usage errors, raised
before ``--lang`` is known, stay English.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from kiosk.cli.errors import CliError, os_problem


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk.cli.options import early_data_dir

    arguments = list(argv) if argv is not None else sys.argv[1:]
    _use_data_dir(early_data_dir(arguments))
    try:
        return _run(arguments)
    finally:
        _use_data_dir(None)  # for this command line only: a process that goes on gets the default back


def _run(arguments: list[str]) -> int:
    from kiosk.cli.options import parse

    lang = "en"
    try:
        args = parse(arguments)
        lang = args.lang
        return _dispatch(args)
    except CliError as exc:
        _say(exc, lang)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`ux-kiosk sessions | head`): stop quietly, and keep Python's final
        # flush of stdout from printing its own error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        _say(CliError("interrupted", key="cli.interrupted"), lang)
        return 130
    except OSError as exc:
        _say(os_problem(exc), lang)
        return 1


def _use_data_dir(data_dir: str | None) -> None:
    """``--data-dir`` holds for everything this command line reads, the translations beside the data too; it
    is taken before parsing, since ``--lang`` is checked against the languages there as it is parsed."""
    from kiosk.paths import choose_data_dir

    if choose_data_dir(data_dir):
        from kiosk.i18n import default_catalog

        default_catalog.cache_clear()  # main() run again in one process (tests) with another data folder


def _say(error: CliError, lang: str) -> None:
    """One line on stderr in ``lang``; the English text if the catalog itself cannot be read."""
    from kiosk.i18n import default_catalog
    from kiosk.i18n.explain import explain

    try:
        text = explain(error, default_catalog(), lang, frame=False)
    except Exception:  # a damaged translation file must not hide what went wrong
        text = str(error)
    print(f"ux-kiosk: {text}", file=sys.stderr)


def _dispatch(args) -> int:
    from kiosk import store, study  # study's names load on first use: gui and demo need no plan loader here
    from kiosk.cli import app, commands, exchange_commands, hub_commands, retention_command, sync_command

    handlers = {"check": commands.cmd_check, "simulate": commands.cmd_simulate, "report": hub_commands.cmd_report,
                "export-csv": commands.cmd_export_csv, "sessions": commands.cmd_sessions,
                "screenshots": app.cmd_screenshots, "edit-prototype": app.cmd_edit_prototype, "translations": commands.cmd_translations,
                "hub": hub_commands.cmd_hub, "trust-hub": exchange_commands.cmd_trust_hub,
                "identity": exchange_commands.cmd_identity, "export": exchange_commands.cmd_export,
                "sync": sync_command.cmd_sync, "retention": retention_command.cmd_retention}
    try:
        result = handlers.get(args.command or "gui", app.cmd_app)(args)
        sys.stdout.flush()
        return result
    except store.StoreError as exc:
        raise CliError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__).carried_by(exc) from None
    except study.PlanError as exc:  # a stored plan snapshot that no longer loads, for instance
        if not exc.problems:
            raise CliError("the plan cannot be used", key="cli.plan_unusable") from None
        first, more = str(exc.problems[0]), len(exc.problems) - 1
        if not more:
            raise CliError(first) from None
        raise CliError(f"{first} (and {more} more)", key="cli.plan_and_more", problem=first, count=more) from None
