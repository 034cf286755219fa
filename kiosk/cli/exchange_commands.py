"""The commands that move sessions to the hub: the hub's key, trusting it on a laptop, the laptop's identity."""

from __future__ import annotations

import argparse
import shutil
import sys

from kiosk.cli.errors import CliError, cannot_write, data_paths
from kiosk.explained import ExplainedError
from kiosk.i18n import default_catalog


def _key_problem(exc: ExplainedError) -> CliError:
    """The domain error as one command-line line, in the reader's language."""
    error = CliError(str(exc))
    error.carried_by(exc)
    return error


def cmd_hub(args: argparse.Namespace) -> int:
    from kiosk.exchange.keys import HUB_PUBLIC, HUB_SECRET, KeyFileError, init_hub

    if args.hub_command != "init":  # the hub's other commands are added beside this one
        raise CliError(f"unknown hub command {args.hub_command!r}")
    try:
        key = init_hub(args.hub_dir)
    except KeyFileError as exc:
        raise _key_problem(exc) from None
    except OSError as exc:
        raise cannot_write(args.hub_dir, exc) from None
    print(default_catalog().text(args.lang, "cli.hub_created", folder=args.hub_dir,
                                 public=args.hub_dir / HUB_PUBLIC, secret=args.hub_dir / HUB_SECRET,
                                 fingerprint=key.public.fingerprint))
    return 0


def cmd_trust_hub(args: argparse.Namespace, ask=input) -> int:
    """Show the fingerprint and ask for it to be compared by phone: a key carried on a stick could be swapped."""
    from kiosk.exchange.keys import KeyFileError, KeyKind, read_public_key, trust_hub

    catalog = default_catalog()
    try:
        key = read_public_key(args.keyfile, KeyKind.HUB)
    except KeyFileError as exc:
        raise _key_problem(exc) from None
    print(catalog.text(args.lang, "cli.trust_hub_compare", fingerprint=key.fingerprint))
    if not args.yes:
        try:
            answer = ask(catalog.text(args.lang, "cli.trust_hub_ask") + " ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {word.strip().lower() for word in
                                           catalog.text(args.lang, "cli.yes_words").split(",")} | {"yes"}:
            raise CliError("nothing was changed: the hub key was not trusted", key="cli.trust_hub_refused")
    paths = data_paths(args.data_dir)
    try:
        trust_hub(paths.root, key)
    except OSError as exc:
        raise cannot_write(paths.root, exc) from None
    print(catalog.text(args.lang, "cli.trust_hub_done", fingerprint=key.fingerprint))
    return 0


def cmd_identity(args: argparse.Namespace) -> int:
    from kiosk.exchange.keys import laptop_identity, laptop_public_file

    paths = data_paths(args.data_dir)
    try:
        key = laptop_identity(paths.root)
        public = laptop_public_file(paths.root)
        if args.out is not None:
            target = args.out / public.name if args.out.is_dir() else args.out
            shutil.copyfile(public, target)
            public = target
    except OSError as exc:
        raise cannot_write(args.out or paths.root, exc) from None
    catalog = default_catalog()
    print(catalog.text(args.lang, "cli.identity_fingerprint", fingerprint=key.public.fingerprint))
    print(catalog.text(args.lang, "cli.identity_file", path=public))
    sys.stdout.flush()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """One line per bundle and the totals; a destination that fails is one line and exit status 1."""
    from kiosk.cli.commands import open_store, require_study
    from kiosk.cli.errors import out_folder
    from kiosk.exchange.export import Exported, Outcome, export_bundles
    from kiosk.exchange.folder import FolderDestination
    from kiosk.exchange.keys import KeyFileError, trusted_hub

    catalog = default_catalog()
    paths = data_paths(args.data_dir)
    store = open_store(args)
    try:
        if args.study:
            require_study(store, args.study)
        out = out_folder(args.out)
        try:
            if trusted_hub(paths.root) is None:
                print(catalog.text(args.lang, "cli.export_not_sealed"), file=sys.stderr)
        except KeyFileError as exc:
            raise _key_problem(exc) from None

        def say(result: Exported) -> None:
            name = result.subject.name
            if result.outcome is Outcome.SKIPPED:
                print(catalog.text(args.lang, "cli.export_skipped", name=name))
            elif result.outcome is Outcome.FAILED:
                print(catalog.text(args.lang, "cli.export_failed", name=name, reason=result.error))
            else:
                print(catalog.text(args.lang, "cli.export_written_sealed" if result.sealed else
                                   "cli.export_written_signed", name=name))
            sys.stdout.flush()

        try:
            results = export_bundles(store, paths.root, FolderDestination(out), args.study, on_bundle=say)
        except OSError as exc:
            raise cannot_write(out, exc) from None
        except ExplainedError as exc:  # a destination that stops every bundle (kiosk.exchange.destination_errors)
            raise _key_problem(exc) from None
    finally:
        store.close()
    if not results:
        print(catalog.text(args.lang, "cli.export_nothing", folder=out))
        return 0
    counts = {outcome: sum(r.outcome is outcome for r in results) for outcome in Outcome}
    print(catalog.plural(args.lang, "cli.export_total", len(results), folder=out, written=counts[Outcome.WRITTEN],
                         skipped=counts[Outcome.SKIPPED], failed=counts[Outcome.FAILED]))
    return 1 if counts[Outcome.FAILED] else 0
