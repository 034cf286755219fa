"""The command line's grammar for the hub's own commands: trust-laptop, laptops, import (beside ``hub init``)."""

from __future__ import annotations

import argparse
from pathlib import Path

HUB_DIR_HELP = "the hub's folder, made by 'ux-kiosk hub init' (required)"


def add_hub_parsers(hub_sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    trust = hub_sub.add_parser("trust-laptop", parents=[common],
                               help="accept bundles signed by a laptop: shows its key's fingerprint to compare by "
                                    "phone with 'ux-kiosk identity' on the laptop")
    trust.add_argument("keyfile", type=Path, help="the laptop's public key file, laptop-key.pub (required)")
    trust.add_argument("--hub-dir", type=Path, required=True, help=HUB_DIR_HELP)
    trust.add_argument("--name", default="", help="the site or laptop's name, shown in reports (default: none; "
                                                  "the fingerprint is shown instead)")
    trust.add_argument("--yes", action="store_true",
                       help="the fingerprint was compared already: do not ask (default: ask)")

    laptops = hub_sub.add_parser("laptops", parents=[common], help="list the laptops the hub trusts")
    laptops.add_argument("--hub-dir", type=Path, required=True, help=HUB_DIR_HELP)

    imports = hub_sub.add_parser("import", parents=[common],
                                 help="verify and merge every bundle in INBOX, write signed receipts there, move "
                                      "refused bundles to the quarantine; exit status 1 if any was refused")
    imports.add_argument("inbox", type=Path, help="the folder the laptops' sync wrote to (a USB stick, a share; "
                                                  "required); bundles stay there")
    imports.add_argument("--hub-dir", type=Path, required=True, help=HUB_DIR_HELP)


def add_report_hub_option(report: argparse.ArgumentParser) -> None:
    report.add_argument("--hub-dir", type=Path, default=None,
                        help="report from the hub's database over every site, with a by-site table (with --study; "
                             "default: this laptop's data folder)")
