"""The command line's grammar: every subcommand, every option with its help and default, and their checks.

Values are checked here, while parsing, so that a typo (``--size huge``, ``--theme neon``, ``--lang fr``)
is refused in one line before anything opens a window, a database or a file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, NoReturn

from kiosk import __version__

_SIZE = re.compile(r"(\d{1,5})[xX×](\d{1,5})")
MIN_SIZE, MAX_SIZE = (320, 240), (7680, 4320)
MAX_PARTICIPANTS = 10_000


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line (usage is one ``--help`` away), exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: every subcommand's name, and those given their options (``build_parser``), so that a mistake after
        #: one names its help
        self.command_names: list[str] = []
        self.command_parsers: dict[str, argparse.ArgumentParser] = {}

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def language(value: str) -> str:
    """A catalog language, matched without regard to case (``sr-cyrl`` is ``sr-Cyrl``)."""
    from kiosk.i18n import default_catalog

    known = default_catalog().languages
    for tag in known:
        if tag.lower() == value.strip().lower():
            return tag
    raise argparse.ArgumentTypeError(f"unknown language {value!r}; expected one of {', '.join(known)}")


def shot_language(value: str) -> str:
    """A catalog language, or the stretched pseudo language that only layout checks use."""
    from kiosk.i18n.languages import PSEUDO_LANGUAGES

    return value.strip().lower() if value.strip().lower() in PSEUDO_LANGUAGES else language(value)


def text_size(value: str) -> int:
    from kiosk.session.access import TEXT_SIZES

    if value.strip().rstrip("%").isdigit() and int(value.strip().rstrip("%")) in TEXT_SIZES:
        return int(value.strip().rstrip("%"))
    raise argparse.ArgumentTypeError(f"{value!r} is not a text size; expected one of "
                                     f"{', '.join(str(size) for size in TEXT_SIZES)}")


def window_size(value: str) -> str:
    match = _SIZE.fullmatch(value.strip())
    if match:
        width, height = int(match.group(1)), int(match.group(2))
        if MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]:
            return f"{width}x{height}"
    raise argparse.ArgumentTypeError(
        f"{value!r} is not a window size; expected WIDTHxHEIGHT in pixels such as 1920x1080, "
        f"from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]}")


def theme(value: str) -> str:
    from kiosk.resources import available_themes

    themes = available_themes()
    if value in themes:
        return value
    raise argparse.ArgumentTypeError(f"unknown theme {value!r}; expected one of {', '.join(themes)}")


def participants(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        count = 0
    if 1 <= count <= MAX_PARTICIPANTS:
        return count
    raise argparse.ArgumentTypeError(f"{value!r} is not a number of participants; expected 1 to {MAX_PARTICIPANTS}")


def seed(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def _common_options(defaults: bool) -> Parser:
    """--data-dir and --lang, accepted before or after the subcommand (SUPPRESS keeps the first one given)."""
    common = Parser(add_help=False)
    common.add_argument("--data-dir", default=None if defaults else argparse.SUPPRESS, metavar="DIR",
                        help="folder where sessions are stored (default: $UX_KIOSK_HOME, else the user data folder)")
    common.add_argument("--lang", type=language, default="en" if defaults else argparse.SUPPRESS,
                        help="language of the console, reports and messages: en, sr-Cyrl, sr-Latn, hu or any other "
                             "language with a catalog, in any case (default: en)")
    return common


def build_parser(commands: Collection[str] | None = None) -> Parser:
    """The whole grammar, or with ``commands`` only the named subcommands' options: the others are listed
    (``--help`` shows each with its line of help) without their options. ``parse`` builds those the command
    line names: about 70 options made for every command cost a few ms of each start (issue 8)."""
    parser = Parser(prog="ux-kiosk", description="Run in-person usability sessions offline.",
                    parents=[_common_options(defaults=True)])
    parser.add_argument("--version", action="version", version=f"ux-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                help="what to do (default: gui)")
    common = _common_options(defaults=False)

    def add(name: str, help: str, options: Callable[[argparse.ArgumentParser], None]) -> None:
        parser.command_names.append(name)
        if commands is None or name in commands:
            command = sub.add_parser(name, parents=[common], help=help, description=help)
            options(command)
            parser.command_parsers[name] = command
        else:
            sub.add_parser(name, help=help, add_help=False)

    add("gui", "open the app (the default)", _gui_options)
    add("demo", "open the app on the bundled demo study, with a data folder of its own", _theme_option)
    add("check", "validate study plans; exit status 1 if any has a problem", _check_options)
    add("simulate", "run scripted participants into the data folder", _simulate_options)
    add("report", "write a PDF report of a study or of one session", _report_options)
    add("export-csv", "write a study's data as tidy CSV files with a data dictionary", _export_csv_options)
    add("sessions", "list the sessions in the data folder", _sessions_options)
    add("translations", "check translation files (.po): what is missing, fuzzy or wrong; exit status 1 if any has "
                        "a problem", _translations_options)
    add("edit-prototype", "open the hotspot editor on a folder of exported screens (PNG/JPEG), with or without a "
                          "prototype.toml; saves prototype.toml there", _edit_options)
    from kiosk.cli.exchange_options import add_exchange_parsers

    add_exchange_parsers(add, common, Parser)
    add("screenshots", "render every screen in every language, theme and text size to PNG", _screenshot_options)
    return parser


THEME_HELP = "participant theme: standard or high_contrast (default: standard)"


def _theme_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--theme", type=theme, default="standard", help=THEME_HELP)


def _gui_options(gui: argparse.ArgumentParser) -> None:
    gui.add_argument("--plan", action="append", default=[], type=Path,
                     help="a study plan to offer; repeat for several (default: every bundled plan)")
    gui.add_argument("--set-pin", action="store_true",
                     help="choose a new facilitator PIN at start (the first start always asks; default: off)")
    _theme_option(gui)


def _check_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("plans", nargs="+", type=Path, help="plan files to check (required, one or more)")


def _simulate_options(simulate: argparse.ArgumentParser) -> None:
    simulate.add_argument("plan", type=Path, help="the study plan to simulate (required)")
    simulate.add_argument("--participants", type=participants, default=10,
                          help=f"how many participants, 1 to {MAX_PARTICIPANTS} (default: 10)")
    simulate.add_argument("--seed", type=seed, default=0, help="random seed, for repeatable runs (default: 0)")


def _report_options(report: argparse.ArgumentParser) -> None:
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--study", help="study id: the study report, Common Industry Format (required: this or "
                                       "--session)")
    which.add_argument("--session", help="session id from 'ux-kiosk sessions': the session report (required: this "
                                         "or --study)")
    report.add_argument("--out", type=Path, required=True, help="the PDF file to write (required)")
    from kiosk.cli.hub_options import add_report_hub_option

    add_report_hub_option(report)


def _export_csv_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("--study", required=True, help="study id (required)")
    export.add_argument("--out", type=Path, required=True, help="folder for the CSV files, created if missing "
                                                                "(required)")
    export.add_argument("--excel", action="store_true",
                        help="UTF-8 with BOM, so Excel shows Cyrillic correctly (default: plain UTF-8)")


def _sessions_options(sessions: argparse.ArgumentParser) -> None:
    sessions.add_argument("--study", default=None, help="only this study's sessions (default: every study)")


def _translations_options(translations: argparse.ArgumentParser) -> None:
    translations.add_argument("files", nargs="*", type=Path,
                              help="the .po files to check (default: every installed language)")
    translations.add_argument("--complete", action="store_true",
                              help="also fail on untranslated or fuzzy messages, for a file about to ship "
                                   "(default: off; they show in English)")


def _edit_options(edit: argparse.ArgumentParser) -> None:
    edit.add_argument("folder", type=Path, help="the prototype's folder (required)")


def _screenshot_options(shots: argparse.ArgumentParser) -> None:
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files (required)")
    shots.add_argument("--size", type=window_size, default="1920x1080",
                       help="window size in pixels, WIDTHxHEIGHT (default: 1920x1080)")
    shots.add_argument("--plan", type=Path, default=None, help="the study to render (default: the demo)")
    shots.add_argument("--theme", type=theme, action="append", default=None,
                       help="a participant theme to render (repeatable; default: every theme)")
    shots.add_argument("--text-size", type=text_size, action="append", default=None, dest="text_sizes",
                       help="a participant text size in percent, 100 to 200 (repeatable; default: 100 and 200)")
    shots.add_argument("--language", type=shot_language, action="append", default=None, dest="languages",
                       help="a participant language of the plan, or x-stretch, every text twice as long "
                            "(repeatable; default: every language of the plan)")


def early_data_dir(argv: list[str]) -> str | None:
    """``--data-dir``'s value wherever it stands on the line (before or after the command), or None."""
    early = _Quiet(add_help=False)
    early.add_argument("--data-dir", default=None)
    try:
        known, _ = early.parse_known_args(argv)
    except _Unparsed:  # "--data-dir" with no value: the real parser says so, in one line
        return None
    return known.data_dir or None


class _Unparsed(Exception):
    pass


class _Quiet(argparse.ArgumentParser):
    """A parser that prints nothing: its mistakes are the real parser's to report (``early_data_dir``)."""

    def error(self, message: str) -> NoReturn:
        raise _Unparsed(message)


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse with the options of every subcommand the line names (a word that is a command's name, wherever
    it stands: an option's value that happens to be one only adds that command's options)."""
    arguments = sys.argv[1:] if argv is None else argv
    parser = build_parser(commands=set(arguments))
    _refuse_a_commands_option_before_it(parser, arguments)
    args, extras = parser.parse_known_args(arguments)
    if extras:  # said by the command's own parser, which names its --help
        command = parser.command_parsers.get(args.command or "", parser)
        command.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def _refuse_a_commands_option_before_it(parser: Parser, arguments: list[str]) -> None:
    """``ux-kiosk --theme neon gui``: argparse read an unknown option and then 'neon' as the command, and said
    "invalid choice: 'neon'". Say instead which commands take the option and that it goes after them."""
    names = set(parser.command_names)
    top_level = parser._option_string_actions  # --data-dir, --lang, --version, --help: taken before the command
    index = 0
    while index < len(arguments):
        word = arguments[index]
        if word in names or word == "--":
            return
        option = word.split("=", 1)[0]
        index += 1
        if option in top_level:
            if top_level[option].nargs != 0 and "=" not in word:
                index += 1  # its value
            continue
        if not option.startswith("-"):
            continue
        full = build_parser()  # every command's options: on this mistake only
        owners = [name for name, command in full.command_parsers.items() if option in command._option_string_actions]
        if owners:
            value = arguments[index] if index < len(arguments) and "=" not in word else ""
            shown = f"{word} {value}" if value and not value.startswith("-") and value not in names else word
            parser.error(f"{option} goes after a command that takes it ({', '.join(owners)}), as in "
                         f"'ux-kiosk {owners[0]} {shown}'")
        return
