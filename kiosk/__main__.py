"""Command line: opens the app, or runs a headless subcommand (check, simulate, screenshots, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk import __version__
from kiosk.i18n import default_catalog
from kiosk.paths import resolve_data_paths
from kiosk.resources import demo_plan_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ux-kiosk", description="Run in-person usability sessions offline.")
    parser.add_argument("--version", action="version", version=f"ux-kiosk {__version__}")
    parser.add_argument("--data-dir", help="where sessions are stored (default: the user data folder; "
                                           "or set UX_KIOSK_HOME)")
    parser.add_argument("--lang", default="en", help="language of the console and messages (en, sr-Cyrl, sr-Latn)")
    sub = parser.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="open the app (the default)")
    gui.add_argument("--plan", action="append", default=[], help="a study plan to offer (repeatable)")
    gui.add_argument("--pin", default=None, help="facilitator PIN that takes the device back (default: 0000)")
    sub.add_parser("demo", help="open the app on the bundled demo study")

    check = sub.add_parser("check", help="validate study plans; exit status 1 if any problem")
    check.add_argument("plans", nargs="+", type=Path)

    simulate = sub.add_parser("simulate", help="run scripted participants into the data folder")
    simulate.add_argument("plan", type=Path)
    simulate.add_argument("--participants", type=int, default=10)
    simulate.add_argument("--seed", type=int, default=0)

    shots = sub.add_parser("screenshots", help="render every screen in every language to PNG")
    shots.add_argument("--out", type=Path, required=True)
    shots.add_argument("--size", default="1920x1080", help="window size in pixels, WIDTHxHEIGHT")
    shots.add_argument("--plan", type=Path, default=None, help="the study to render (default: the demo)")
    shots.add_argument("--theme", default="standard", help="participant theme (standard, high_contrast)")
    return parser


def _cmd_check(args: argparse.Namespace) -> int:
    from kiosk.study import PlanError, load_plan

    catalog = default_catalog()
    failed = 0
    for plan in args.plans:
        try:
            study = load_plan(plan)
        except PlanError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(catalog.text(args.lang, "cli.plan_problems", count=len(exc.problems)), file=sys.stderr)
        else:
            print(catalog.text(args.lang, "cli.plan_ok", path=plan, tasks=len(study.tasks),
                               languages=", ".join(study.languages)))
    return 1 if failed else 0


def _cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.simulate import simulate
    from kiosk.store import Store
    from kiosk.study import PlanError, load_plan

    try:
        study = load_plan(args.plan)
    except PlanError as exc:
        print(exc, file=sys.stderr)
        return 1
    paths = resolve_data_paths(args.data_dir).ensure()
    store = Store(paths.database)
    result = simulate(store, study, args.participants, args.seed)
    store.close()
    print(default_catalog().text(args.lang, "cli.simulated", count=len(result.session_ids), path=paths.database))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    if command == "check":
        return _cmd_check(args)
    if command == "simulate":
        return _cmd_simulate(args)
    if command == "screenshots":
        from kiosk.qt.screenshots import render_all

        return render_all(args.out, args.size, resolve_data_paths(args.data_dir), args.plan, args.theme)
    from kiosk.qt.app import run_app

    plans = [demo_plan_path()] if command == "demo" else [Path(p) for p in getattr(args, "plan", [])]
    return run_app(resolve_data_paths(args.data_dir), plans, console_language=args.lang,
                   pin=getattr(args, "pin", None))


if __name__ == "__main__":
    sys.exit(main())
