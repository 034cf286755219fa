"""The command line's grammar for moving sessions to the hub: keys (hub init, trust-hub, identity) and export.

Kept apart from ``options.py`` so that the sync and hub-import commands can be added beside these.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

#: ``options.build_parser``'s ``add(name, help, options)``: declares one subcommand; ``options`` adds its arguments
#: to its parser, only when the command line names it
AddCommand = Callable[[str, str, Callable[[argparse.ArgumentParser], None]], None]


def add_exchange_parsers(add: AddCommand, common: argparse.ArgumentParser, parser_class: type) -> None:
    """The exchange's subcommands, declared with ``add`` (``options.build_parser``): each gets its options only
    when the command line names it."""

    def hub_options(hub: argparse.ArgumentParser) -> None:
        hub_sub: argparse._SubParsersAction = hub.add_subparsers(dest="hub_command", metavar="HUB_COMMAND",
                                                                 parser_class=parser_class, required=True,
                                                                 help="what to do at the hub")
        hub_init = hub_sub.add_parser("init", help="create the hub's key pair in --hub-dir; carry DIR/hub-key.pub "
                                                   "to every laptop (the private key never leaves the hub)",
                                      parents=[common])
        hub_init.add_argument("--hub-dir", type=Path, required=True, help="the hub's folder, created if missing "
                                                                          "(required)")
        from kiosk.cli.hub_options import add_hub_parsers

        add_hub_parsers(hub_sub, common)

    add("hub", "the hub's side: create its key pair (hub init)", hub_options)
    add("trust-hub", "trust a hub's public key: bundles are then sealed so that only that hub opens them",
        _trust_hub_options)
    add("identity", "show this laptop's key fingerprint and public key file, for the hub to trust", _identity_options)
    add("export", "write one signed (and, with a trusted hub key, sealed) bundle per finished session and per "
                  "withdrawal into a folder, skipping those already there", _export_options)
    add("sync", "send every finished session and withdrawal the hub lacks to TARGET, then read the hub's receipts "
                "there; local data are never deleted, except media the hub confirmed, as 'ux-kiosk retention' "
                "sets (default: kept for ever)", _sync_options)
    add("retention", "show how long media (recordings) stay on this laptop after the hub confirms it has them, and "
                     "what the next sync would delete (nothing is deleted here); or set it", _retention_options)


def _trust_hub_options(trust: argparse.ArgumentParser) -> None:
    trust.add_argument("keyfile", type=Path, help="the hub's public key file, hub-key.pub (required)")
    trust.add_argument("--yes", action="store_true",
                       help="the fingerprint was compared already: do not ask (default: ask)")


def _identity_options(identity: argparse.ArgumentParser) -> None:
    identity.add_argument("--out", type=Path, default=None,
                          help="also copy the public key file here (default: only show where it is)")


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("--out", type=Path, required=True, help="the folder (a USB stick, a share), created if "
                                                                "missing (required)")
    export.add_argument("--study", default=None, help="only this study (default: every study)")


def _sync_options(sync: argparse.ArgumentParser) -> None:
    sync.add_argument("target", help="a folder (a USB stick, a share; it must exist) or sftp://user@host[:port]/path "
                                     "(required)")
    sync.add_argument("--study", default=None, help="only this study (default: every study)")
    sync.add_argument("--host-key", default=None, metavar="SHA256:...",
                      help="SFTP: the server's host key fingerprint, as 'ssh-keygen -lf' shows it (default: "
                           "checked against known_hosts)")
    sync.add_argument("--known-hosts", type=Path, default=None, metavar="FILE",
                      help="SFTP: the known_hosts file to check the server against (default: ~/.ssh/known_hosts)")
    sync.add_argument("--identity", type=Path, default=None, metavar="KEYFILE",
                      help="SFTP: the private key to log in with (default: the SSH agent and ~/.ssh keys)")


def media_days(value: str) -> int:
    """A whole number of days, 0 (as soon as the hub confirms) to ``MAX_DAYS``."""
    from kiosk.exchange.retention import MAX_DAYS

    text = value.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_DAYS:
        return int(text)
    raise argparse.ArgumentTypeError(f"{value!r} is not a number of days; expected a whole number from 0 (as soon "
                                     f"as the hub confirms) to {MAX_DAYS}")


def _retention_options(retention: argparse.ArgumentParser) -> None:
    how = retention.add_mutually_exclusive_group()
    how.add_argument("--media-days", type=media_days, default=None, metavar="N",
                     help="delete a session's media from this laptop N days after the hub's receipt; 0: at the "
                          "first sync that reads it (default: unchanged; the setting's default keeps media for ever)")
    how.add_argument("--keep-media", action="store_true",
                     help="keep media on this laptop for ever (the default setting)")
