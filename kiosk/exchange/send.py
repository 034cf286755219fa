"""Sending to the hub (``ux-kiosk sync`` and the console's Send page): bundles out, the hub's receipts back in.

Two halves, in this order, against one destination:

1. every finished session and withdrawal that the hub has not acknowledged and this destination does not
   hold is written through ``kiosk.exchange.sync`` (whole or not at all, cancellable); each bundle that is
   on the destination afterwards is marked ``sent`` in the ledger, each failure keeps its reason there;
2. the hub's receipts on the destination are read; each one is checked with the trusted hub key, and
   only one that verifies marks its bundle ``received``. A receipt that does not verify is reported and
   otherwise ignored: a forged receipt must never make the laptop believe the hub has a session.

3. unless the send was cancelled, the retention setting (``kiosk.exchange.retention``) removes the media of
   sessions the hub confirmed long enough ago; with the default setting (keep for ever) nothing is removed.

A bundle already ``sent`` to this same destination, or ``received`` by the hub, is not written again,
even when the hub has since emptied the inbox. One ``sent`` to another destination (a stick that was
lost) is written again: the hub's import is idempotent, so this costs bytes, never a duplicate.
Nothing but those media is ever deleted here, and only after a verified receipt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.exchange.bundle import Subject, subjects, write_bundle
from kiosk.exchange.hub.receipts import SUFFIX, ReceiptError, read_receipt
from kiosk.exchange.keys import laptop_identity, trusted_hub
from kiosk.exchange.retention import Purge, RetentionError, load_retention, purge_media
from kiosk.exchange.sink import Destination
from kiosk.exchange.sync import BundleJob, Outcome, Progress, SyncResult, receipts, sync
from kiosk.store.db import Store
from kiosk.store.ledger import BundleState, LedgerEntry, entry_of, mark_received, mark_sent, record_failure


@dataclass(frozen=True)
class RefusedReceipt:
    name: str
    reason: str


@dataclass(frozen=True)
class SendReport:
    """What one send did: the sync's per-bundle results, the bundles the hub acknowledged, refused receipts."""

    sync: SyncResult
    #: bundles left out because the hub has them or this destination already got them (per the ledger)
    skipped: tuple[str, ...]
    received: tuple[str, ...]
    refused: tuple[RefusedReceipt, ...]
    #: no hub key is trusted: receipts could not be checked (and bundles were only signed, not sealed)
    no_hub_key: bool = False
    #: the media the retention setting removed after the receipts were read (nothing when cancelled)
    purged: Purge = Purge()
    #: the retention setting could not be read: no media were removed (the bundles were sent all the same)
    retention_problem: RetentionError | None = None

    @property
    def failed(self) -> bool:
        """Anything the facilitator must act on: a bundle not on the destination, or a receipt refused."""
        return not self.sync.complete or bool(self.refused)


def ledger_entry(subject: Subject, sealed: bool) -> LedgerEntry:
    return LedgerEntry(subject.name, subject.kind.value, subject.subject_id, subject.study_id, subject.created_utc,
                       sealed)


def _needs_sending(store: Store, subject: Subject, destination: str) -> bool:
    known = entry_of(store, subject.name)
    if known is None:
        return True
    if known.state is BundleState.RECEIVED:
        return False
    return not (known.state is BundleState.SENT and known.destination == destination)


def send(store: Store, data_root: Path, destination: Destination, study_id: str | None = None, *,
         progress: Callable[[Progress], None] | None = None,
         cancel: threading.Event | Callable[[], bool] | None = None, now: datetime | None = None) -> SendReport:
    """Send what the hub lacks to ``destination``, read its receipts back, then purge the media the retention
    setting lets go (see the module docstring); ``now`` is the clock the retention is measured by.

    ``store`` must belong to the calling thread (the console's worker opens its own)."""
    identity = laptop_identity(data_root)
    hub = trusted_hub(data_root)
    sealed = hub is not None
    todo: list[Subject] = []
    skipped: list[str] = []
    for subject in subjects(store, study_id):
        if _needs_sending(store, subject, destination.description):
            todo.append(subject)
        else:
            skipped.append(subject.name)
    jobs = [BundleJob(s.name, _writer(store, s, data_root, identity, hub)) for s in todo]
    by_name = {s.name: s for s in todo}
    result = sync(jobs, destination, progress=progress, cancel=cancel)
    for bundle in result.results:
        entry = ledger_entry(by_name[bundle.name], sealed)
        if bundle.outcome in (Outcome.SENT, Outcome.ALREADY_THERE):
            mark_sent(store, entry, destination.description)
        elif bundle.outcome in (Outcome.FAILED, Outcome.NOT_TRIED) and bundle.error is not None:
            record_failure(store, entry, destination.description, bundle.error)
    received: list[str] = []
    refused: list[RefusedReceipt] = []
    if hub is not None and not result.cancelled:
        for receipt in receipts(destination):
            if not receipt.name.endswith(SUFFIX):
                continue  # a receipt still being written (.part) or someone else's file
            try:
                checked = read_receipt(receipt.content, hub)
            except ReceiptError as exc:
                refused.append(RefusedReceipt(receipt.name, _first_line(exc)))
                continue
            if checked.bundle + SUFFIX != receipt.name:
                refused.append(RefusedReceipt(receipt.name, f"it names another bundle, {checked.bundle}"))
                continue
            known = entry_of(store, checked.bundle)
            if known is not None and known.state is not BundleState.RECEIVED and mark_received(store, checked.bundle):
                received.append(checked.bundle)
    purged, problem = Purge(), None
    if not result.cancelled:  # Cancel promises that nothing on this laptop is deleted
        try:
            purged = purge_media(store, data_root, load_retention(data_root), now or datetime.now(UTC))
        except RetentionError as exc:
            problem = exc
    return SendReport(result, tuple(skipped), tuple(received), tuple(refused), no_hub_key=hub is None,
                      purged=purged, retention_problem=problem)


def _writer(store: Store, subject: Subject, data_root: Path, identity, hub) -> Callable:
    def write(sink) -> None:
        write_bundle(store, subject, data_root, sink, identity, hub)
    return write


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
