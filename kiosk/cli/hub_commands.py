"""The hub's commands: trust a laptop, list the laptops, import an inbox, and the report over every site."""

from __future__ import annotations

import argparse
import functools
import sys
from datetime import datetime

from kiosk.cli.errors import CliError, cannot_write, out_file, out_is_folder, writing
from kiosk.i18n import default_catalog


def _explained(exc) -> CliError:
    error = CliError(str(exc))
    error.carried_by(exc)
    return error


def cmd_hub(args: argparse.Namespace) -> int:
    from kiosk.cli.exchange_commands import cmd_hub as cmd_hub_init

    handlers = {"trust-laptop": cmd_trust_laptop, "laptops": cmd_laptops, "import": cmd_import}
    return handlers.get(args.hub_command, cmd_hub_init)(args)


def _open_hub(args: argparse.Namespace):
    from kiosk.exchange.hub.database import HubStore
    from kiosk.exchange.keys import KeyFileError

    try:
        return HubStore.open(args.hub_dir)
    except KeyFileError as exc:
        raise _explained(exc) from None
    except OSError as exc:
        raise cannot_write(args.hub_dir, exc) from None


def cmd_trust_laptop(args: argparse.Namespace, ask=input) -> int:
    """Show the fingerprint and ask for it to be compared by phone: a key carried on a stick could be swapped."""
    from kiosk.exchange.keys import KeyFileError, KeyKind, read_public_key

    catalog = default_catalog()
    try:
        key = read_public_key(args.keyfile, KeyKind.LAPTOP)
    except KeyFileError as exc:
        raise _explained(exc) from None
    print(catalog.text(args.lang, "cli.hub_trust_laptop_compare", fingerprint=key.fingerprint))
    if not args.yes:
        sys.stdout.flush()
        try:
            answer = ask(catalog.text(args.lang, "cli.hub_trust_laptop_ask") + " ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {word.strip().lower() for word in
                                           catalog.text(args.lang, "cli.yes_words").split(",")} | {"yes"}:
            raise CliError("nothing was changed: the laptop key was not trusted", key="cli.hub_trust_laptop_refused")
    hub = _open_hub(args)
    try:
        laptop = hub.trust_laptop(key, args.name)
    finally:
        hub.close()
    print(catalog.text(args.lang, "cli.hub_trust_laptop_done", fingerprint=laptop.fingerprint,
                       site=laptop.name or catalog.text(args.lang, "cli.hub_no_site")))
    return 0


def cmd_laptops(args: argparse.Namespace) -> int:
    from kiosk.i18n.formats import local_datetime

    hub = _open_hub(args)
    try:
        laptops = hub.laptops()
    finally:
        hub.close()
    catalog = default_catalog()
    t = functools.partial(catalog.text, args.lang)
    if not laptops:
        print(t("cli.hub_no_laptops", folder=args.hub_dir))
        return 0
    rows = [[t("cli.hub_col_site"), t("cli.hub_col_fingerprint"), t("cli.hub_col_trusted")]]
    rows += [[laptop.name or t("cli.hub_no_site"), laptop.fingerprint,
              local_datetime(args.lang, datetime.fromisoformat(laptop.trusted_utc))] for laptop in laptops]
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    for row in rows:
        print("  ".join([row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2]]))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from kiosk.exchange.hub.importer import Outcome, Status, import_inbox
    from kiosk.exchange.keys import KeyFileError
    from kiosk.i18n.explain import words

    catalog = default_catalog()
    lang = args.lang
    if not args.inbox.is_dir():
        raise CliError(f"the inbox {args.inbox} is not a folder; give the folder the laptops synced to",
                       key="cli.hub_no_inbox", inbox=args.inbox)

    def wording(key: str | None, text: str, values: dict[str, object]) -> str:
        if key is None or key not in catalog.keys("en"):
            return text
        try:
            return words(catalog, lang, key, values)
        except (KeyError, IndexError, ValueError, TypeError):
            return text

    def show(outcome: Outcome) -> None:
        if outcome.status is Status.QUARANTINED:
            print(catalog.text(lang, "cli.hub_import_quarantined", bundle=outcome.name,
                               reason=wording(outcome.key, outcome.message, outcome.values)))
        elif outcome.withdrawn:  # "already at the hub" would not be true: nothing of theirs is kept
            print(catalog.text(lang, "cli.hub_import_withdrawn", bundle=outcome.name))
        else:
            print(catalog.text(lang, f"cli.hub_import_{outcome.status.value}", bundle=outcome.name))
        sys.stdout.flush()

    try:
        summary = import_inbox(args.inbox, args.hub_dir, wording, progress=show)
    except KeyFileError as exc:
        raise _explained(exc) from None
    if summary.partial:
        print(catalog.plural(lang, "cli.hub_import_partial", len(summary.partial), names=", ".join(summary.partial)))
    if not summary.outcomes:
        print(catalog.text(lang, "cli.hub_import_empty", inbox=args.inbox))
        return 0
    quarantined = summary.count(Status.QUARANTINED)
    print(catalog.plural(lang, "cli.hub_import_totals", len(summary.outcomes),
                         imported=summary.count(Status.IMPORTED), already=summary.count(Status.ALREADY_HAD),
                         quarantined=quarantined))
    if quarantined < len(summary.outcomes):  # some receipts were written; refused bundles moved out
        print(catalog.text(lang, "cli.hub_import_stay", inbox=args.inbox))
    if quarantined:
        print(catalog.text(lang, "cli.hub_import_see_quarantine", folder=args.hub_dir / "quarantine"))
    return 1 if quarantined else 0


def cmd_report(args: argparse.Namespace) -> int:
    """``report``: the laptop's report as before, or with ``--hub-dir`` the study over every site."""
    from kiosk.cli import commands

    if getattr(args, "hub_dir", None) is None:
        return commands.cmd_report(args)
    from kiosk.exchange.hub.report import hub_database, hub_studies, write_hub_report
    from kiosk.reports.dataset import NoSessions
    from kiosk.store import StoreError, StoreReader

    if not args.study:
        raise CliError("--hub-dir reports a whole study: give --study ID", key="cli.hub_report_study")
    if args.out.is_dir():
        raise out_is_folder(args.out)
    try:
        reader = StoreReader(hub_database(args.hub_dir))
        try:
            known = hub_studies(reader)
        finally:
            reader.close()
        if args.study not in known:
            raise CliError(f"no sessions of study {args.study!r} at the hub {args.hub_dir}; studies there: "
                           f"{', '.join(known) or '-'}", key="cli.hub_unknown_study", study=args.study,
                           folder=args.hub_dir, studies=", ".join(known) or "-")
        out = out_file(args.out)
        with writing(out, out.parent):
            path = write_hub_report(args.hub_dir, args.study, out, args.lang)
    except NoSessions as exc:
        raise CliError(str(exc), key="cli.study_no_sessions", study=args.study, path=args.hub_dir) from None
    except StoreError as exc:
        raise _explained(exc) from None
    print(path)
    return 0
