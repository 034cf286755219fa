"""Command line: opens the app, or runs a headless subcommand; every failure is one line and an exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from kiosk.cli.errors import CliError


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk.cli.options import parse

    try:
        args = parse(list(argv) if argv is not None else None)
        return _dispatch(args)
    except CliError as exc:
        print(f"ux-kiosk: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`ux-kiosk sessions | head`): stop quietly, and keep Python's final
        # flush of stdout from printing its own error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("ux-kiosk: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"ux-kiosk: cannot use{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _dispatch(args) -> int:
    from kiosk import store, study  # study's names load on first use: gui and demo need no plan loader here
    from kiosk.cli import app, commands

    handlers = {"check": commands.cmd_check, "simulate": commands.cmd_simulate, "report": commands.cmd_report,
                "export-csv": commands.cmd_export_csv, "sessions": commands.cmd_sessions,
                "screenshots": app.cmd_screenshots, "edit-prototype": app.cmd_edit_prototype, "translations": commands.cmd_translations}
    try:
        result = handlers.get(args.command or "gui", app.cmd_app)(args)
        sys.stdout.flush()
        return result
    except store.StoreError as exc:
        raise CliError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from None
    except study.PlanError as exc:  # a stored plan snapshot that no longer loads, for instance
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        raise CliError(f"{exc.problems[0]}{more}" if exc.problems else "the plan cannot be used") from None
