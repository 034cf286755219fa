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


def _common_options(defaults: bool) -> argparse.ArgumentParser:
    """--data-dir and --lang, accepted before or after the subcommand (SUPPRESS keeps the first one given)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=None if defaults else argparse.SUPPRESS,
                        help="where sessions are stored (default: the user data folder; or set UX_KIOSK_HOME)")
    common.add_argument("--lang", default="en" if defaults else argparse.SUPPRESS,
                        help="language of the console, reports and messages (en, sr-Cyrl, sr-Latn)")
    return common


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ux-kiosk", description="Run in-person usability sessions offline.",
                                     parents=[_common_options(defaults=True)])
    parser.add_argument("--version", action="version", version=f"ux-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command")
    common = _common_options(defaults=False)

    def add(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kwargs)

    gui = add("gui", help="open the app (the default)")
    gui.add_argument("--plan", action="append", default=[], help="a study plan to offer (repeatable)")
    gui.add_argument("--pin", default=None, help="facilitator PIN that takes the device back (default: 0000)")
    gui.add_argument("--theme", default="standard", help="participant theme: standard or high_contrast")
    demo = add("demo", help="open the app on the bundled demo study")
    demo.add_argument("--theme", default="standard", help="participant theme: standard or high_contrast")

    check = add("check", help="validate study plans; exit status 1 if any problem")
    check.add_argument("plans", nargs="+", type=Path)

    simulate = add("simulate", help="run scripted participants into the data folder")
    simulate.add_argument("plan", type=Path)
    simulate.add_argument("--participants", type=int, default=10)
    simulate.add_argument("--seed", type=int, default=0)

    report = add("report", help="write a PDF report of a study or of one session")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--study", help="study id: the study report (Common Industry Format)")
    which.add_argument("--session", help="session id: the session report")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write")

    export = add("export-csv", help="write a study's data as tidy CSV files with a data dictionary")
    export.add_argument("--study", required=True)
    export.add_argument("--out", type=Path, required=True, help="folder for the CSV files")
    export.add_argument("--excel", action="store_true", help="UTF-8 with BOM, so Excel shows Cyrillic correctly")

    sessions = add("sessions", help="list the sessions in the data folder")
    sessions.add_argument("--study", default=None)

    shots = add("screenshots", help="render every screen in every language to PNG")
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
    print(catalog.text(args.lang, "cli.plans_checked", count=len(args.plans), valid=len(args.plans) - failed,
                       failed=failed))
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


def _open_store(args: argparse.Namespace):
    from kiosk.store import Store

    paths = resolve_data_paths(args.data_dir)
    if not paths.database.exists():
        raise SystemExit(f"no data in {paths.root}: run sessions first, or pass --data-dir")
    return Store(paths.database)


def _cmd_report(args: argparse.Namespace) -> int:
    from kiosk.reports.dataset import NoSessions, collect_study
    from kiosk.reports.session_report import write_session_report
    from kiosk.reports.study_report import write_study_report
    from kiosk.store import StoreError

    lang = args.lang
    if lang not in default_catalog().languages:
        print(f"unknown language {lang!r}; expected one of {', '.join(default_catalog().languages)}", file=sys.stderr)
        return 2
    store = _open_store(args)
    try:
        if args.study:
            path = write_study_report(collect_study(store, args.study), args.out, lang)
        else:
            path = write_session_report(store, args.session, args.out, lang)
    except (NoSessions, StoreError) as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(path)
    return 0


def _cmd_export_csv(args: argparse.Namespace) -> int:
    from kiosk.reports.tabular import export_study_csv

    store = _open_store(args)
    try:
        files = export_study_csv(store, args.study, args.out, excel=args.excel)
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    finally:
        store.close()
    for path in files:
        print(path)
    return 0


def _cmd_sessions(args: argparse.Namespace) -> int:
    store = _open_store(args)
    for record in store.sessions(args.study):
        print(f"{record.id}  {record.study_id:24s} {record.participant_code:12s} {record.status.value:12s} "
              f"{record.step:14s} {record.created_utc}")
    store.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "gui"
    if command == "check":
        return _cmd_check(args)
    if command == "simulate":
        return _cmd_simulate(args)
    if command == "report":
        return _cmd_report(args)
    if command == "export-csv":
        return _cmd_export_csv(args)
    if command == "sessions":
        return _cmd_sessions(args)
    if command == "screenshots":
        from kiosk.qt.screenshots import render_all

        return render_all(args.out, args.size, resolve_data_paths(args.data_dir), args.plan, args.theme)
    from kiosk.qt.app import run_app

    plans = [demo_plan_path()] if command == "demo" else [Path(p) for p in getattr(args, "plan", [])]
    return run_app(resolve_data_paths(args.data_dir), plans, console_language=args.lang,
                   pin=getattr(args, "pin", None), theme=getattr(args, "theme", "standard"))


if __name__ == "__main__":
    sys.exit(main())
