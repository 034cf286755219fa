"""Command line: opens the app, or runs a headless subcommand; every failure is one line and an exit status.

Failures are worded in ``--lang``'s language (``kiosk.i18n.explain``); argparse's own usage errors, raised
before ``--lang`` is known, stay English.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported in the functions: ``main`` turns collection off before anything is loaded
    import argparse

    from kiosk.cli.errors import CliError

#: the commands that open the app, whose ``GuiThreadCollector`` runs Python's garbage collection itself
APP_COMMANDS = frozenset({"gui", "demo"})


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up creates thousands of long-lived objects (modules, classes, Qt's wrappers) and almost no garbage:
    # Python's automatic collections meanwhile only walk them, about 10 ms of the app's start (issue 8). The
    # app's own collector (``kiosk.qt.garbage``) takes collection over on the GUI thread; every other command
    # gets automatic collection back before it runs (``_dispatch``).
    collecting = gc.isenabled()
    gc.disable()
    from kiosk.cli.options import early_data_dir

    arguments = list(argv) if argv is not None else sys.argv[1:]
    _use_data_dir(early_data_dir(arguments))
    try:
        return _run(arguments)
    finally:
        _use_data_dir(None)  # for this command line only: a process that goes on gets the default back
        if collecting:
            gc.enable()


def _run(arguments: list[str]) -> int:
    from kiosk.cli.errors import CliError, os_problem
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


#: subcommand → (module in kiosk.cli, function); a command line imports only its own command's module, so
#: ``ux-kiosk gui`` does not load the exchange, hub and report commands before its window shows (issue 8)
HANDLERS = {
    "check": ("commands", "cmd_check"), "simulate": ("commands", "cmd_simulate"),
    "export-csv": ("commands", "cmd_export_csv"), "sessions": ("commands", "cmd_sessions"),
    "translations": ("commands", "cmd_translations"), "report": ("hub_commands", "cmd_report"),
    "hub": ("hub_commands", "cmd_hub"), "trust-hub": ("exchange_commands", "cmd_trust_hub"),
    "identity": ("exchange_commands", "cmd_identity"), "export": ("exchange_commands", "cmd_export"),
    "sync": ("sync_command", "cmd_sync"), "retention": ("retention_command", "cmd_retention"),
    "screenshots": ("app", "cmd_screenshots"), "edit-prototype": ("app", "cmd_edit_prototype"),
    "gui": ("app", "cmd_app"), "demo": ("app", "cmd_app"),
}


def _handler(command: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs ``command``, its module imported now."""
    from importlib import import_module

    module, function = HANDLERS[command]
    return getattr(import_module(f"kiosk.cli.{module}"), function)


def _dispatch(args) -> int:
    from kiosk import store, study  # study's names load on first use: gui and demo need no plan loader here
    from kiosk.cli.errors import CliError

    command = args.command or "gui"
    handler = _handler(command)
    if command not in APP_COMMANDS:
        gc.enable()  # off for the start only (``main``); a command's own work collects as usual
    try:
        result = handler(args)
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
