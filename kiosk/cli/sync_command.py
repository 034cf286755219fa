"""``ux-kiosk sync TARGET``: the field laptop's half of the journey to the hub, on the command line.

Progress goes to stderr (one line as each bundle starts), the outcome to stdout: one line per bundle,
one per receipt read, one for the media the retention setting deleted, then the totals. Exit status 1 when anything is left to do (a bundle not sent,
a receipt refused, a cancelled run), so a script that syncs in a loop knows to try again.
Ctrl+C asks the sync to stop at the next chunk: the bundle being written is dropped from the target
(only a ``.partial-`` folder can remain, removed by the next sync) and every complete one stays.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from kiosk.cli.errors import CliError, data_paths
from kiosk.explained import ExplainedError
from kiosk.i18n import default_catalog
from kiosk.i18n.explain import explain


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.cli.commands import open_store, require_study
    from kiosk.exchange.keys import KeyFileError
    from kiosk.exchange.send import send
    from kiosk.exchange.sync import Outcome, Progress
    from kiosk.exchange.targets import TargetOptions, open_destination

    catalog = default_catalog()
    lang = args.lang
    paths = data_paths(args.data_dir)
    store = open_store(args)
    cancel = threading.Event()
    try:
        if args.study:
            require_study(store, args.study)
        try:
            destination = open_destination(args.target, TargetOptions(
                known_hosts=args.known_hosts, host_key=args.host_key, key_file=args.identity))
        except ExplainedError as exc:
            raise CliError(explain(exc, catalog, lang, frame=False)) from None
        started: list[str] = []

        def progress(p: Progress) -> None:
            if p.bundle and p.bundle not in started:
                started.append(p.bundle)
                print(catalog.text(lang, "cli.sync_progress", name=p.bundle, number=p.bundles_done + 1,
                                   total=p.bundles_total), file=sys.stderr, flush=True)

        previous = signal.signal(signal.SIGINT, lambda *_: cancel.set()) \
            if threading.current_thread() is threading.main_thread() else None
        try:
            report = send(store, paths.root, destination, args.study, progress=progress, cancel=cancel)
        except KeyFileError as exc:
            raise CliError(explain(exc, catalog, lang, frame=False)) from None
        except ExplainedError as exc:  # receipts unreadable on a target that went away, for instance
            raise CliError(explain(exc, catalog, lang, frame=False)) from None
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)
            destination.close()
    finally:
        store.close()

    lines = {Outcome.SENT: "cli.sync_sent", Outcome.ALREADY_THERE: "cli.sync_already_there",
             Outcome.FAILED: "cli.sync_failed", Outcome.NOT_TRIED: "cli.sync_not_tried",
             Outcome.CANCELLED: "cli.sync_cancelled"}
    for result in report.sync.results:
        reason = explain(result.error, catalog, lang, frame=False) \
            if result.error is not None and result.outcome is not Outcome.NOT_TRIED else ""  # said once, below
        print(catalog.text(lang, lines[result.outcome], name=result.name, reason=reason))
    for name in report.received:
        print(catalog.text(lang, "cli.sync_received", name=name))
    for refused in report.refused:
        print(catalog.text(lang, "cli.sync_receipt_refused", name=refused.name, reason=refused.reason))
    if report.no_hub_key:
        print(catalog.text(lang, "cli.sync_no_hub_key"), file=sys.stderr)
    from kiosk.exchange.retention_words import purge_words

    purged = purge_words(catalog, lang, report.purged)
    if purged and report.purged.files:
        print(purged[0])
    for line in purged[1 if report.purged.files else 0:]:
        print(line, file=sys.stderr)
    if report.retention_problem is not None:
        print(explain(report.retention_problem, catalog, lang, frame=False), file=sys.stderr)
    if report.sync.stopped_by is not None:
        print(catalog.text(lang, "cli.sync_stopped", reason=explain(report.sync.stopped_by, catalog, lang,
                                                                     frame=False)), file=sys.stderr)
    if report.receipts_error is not None:
        print(explain(report.receipts_error, catalog, lang, frame=False), file=sys.stderr)
    if report.sync.cancelled:
        print(catalog.text(lang, "cli.sync_interrupted"), file=sys.stderr)
    count = {outcome: len(report.sync.names(outcome)) for outcome in Outcome}
    print(catalog.text(lang, "cli.sync_total", target=report.sync.destination, sent=count[Outcome.SENT],
                       already=count[Outcome.ALREADY_THERE], hub_had=len(report.skipped),
                       failed=count[Outcome.FAILED] + count[Outcome.NOT_TRIED] + count[Outcome.CANCELLED],
                       received=len(report.received), refused=len(report.refused)))
    sys.stdout.flush()
    return 1 if report.failed else 0
