"""The commands that open Qt: the app (gui, demo) and screenshots. Qt is imported only once a screen is known."""

from __future__ import annotations

import argparse
import os
import sys

from kiosk.cli.errors import CliError, data_paths, out_folder, plan_problem
from kiosk.paths import DataPaths
from kiosk.resources import demo_plan_path


class NoDisplay(CliError):
    exit_code = 2


def ensure_display(command: str = "demo", environ: os._Environ[str] | dict[str, str] = os.environ,
                   platform: str = sys.platform) -> None:
    """Refuse to start Qt where it would abort: X11/Wayland systems with no screen and no chosen platform.

    Checked before any QApplication exists, because Qt's own message is a crash with advice to reinstall.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return
    platform_plugin = environ.get("QT_QPA_PLATFORM", "").split(":")[0].lower()
    if platform_plugin.startswith("xcb"):
        screens = bool(environ.get("DISPLAY"))
    elif platform_plugin.startswith("wayland"):
        screens = bool(environ.get("WAYLAND_DISPLAY"))
    else:  # Qt's default, or a platform that needs no window system (offscreen, vnc, eglfs, linuxfb ...)
        screens = bool(platform_plugin or environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    if screens:
        return
    raise NoDisplay(f"no display to open the app on (DISPLAY and WAYLAND_DISPLAY are not set): run it from the "
                    f"desktop, or on a virtual screen with 'xvfb-run -a ux-kiosk {command}' "
                    "or 'bash scripts/setup demo'", key="cli.no_display", command=command)


def demo_setup(args: argparse.Namespace) -> tuple[DataPaths, list]:
    """Where the demo keeps its sessions (a ``demo`` folder inside the data folder) and the plan it offers."""
    return data_paths(args.data_dir).demo(), [demo_plan_path()]


def cmd_app(args: argparse.Namespace) -> int:
    command = args.command or "gui"
    if command == "demo":
        paths, plans = demo_setup(args)
    else:
        paths, plans = data_paths(args.data_dir), list(getattr(args, "plan", []))
    ensure_display(command)
    from kiosk.qt.app import run_app

    return run_app(paths, plans, console_language=args.lang, set_pin=getattr(args, "set_pin", False),
                   theme=getattr(args, "theme", "standard"), demo=command == "demo")


def cmd_screenshots(args: argparse.Namespace) -> int:
    from kiosk.study import PlanError, load_plan

    if args.plan is not None:
        try:
            load_plan(args.plan)  # refuse a broken plan in one line, before Qt starts
        except PlanError as exc:
            raise plan_problem(args.plan, exc) from None
    out = out_folder(args.out)
    from kiosk.qt.screenshots import ShotSet, UnknownShotLanguage, render_all

    shots = ShotSet(tuple(args.languages or ()), tuple(args.theme or ()), tuple(args.text_sizes or (100, 200)))
    try:
        return render_all(out, args.size, data_paths(args.data_dir), args.plan, shots, lang=args.lang)
    except UnknownShotLanguage as exc:
        raise CliError(str(exc)) from None


def cmd_edit_prototype(args: argparse.Namespace) -> int:
    if not args.folder.is_dir():
        raise CliError(f"{args.folder} is not a folder; give the folder of the exported screens")
    ensure_display(f"edit-prototype {args.folder}")
    from kiosk.qt.editor.app import run_editor

    return run_editor(args.folder, args.lang)
