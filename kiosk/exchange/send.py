"""Sending to the hub (``ux-kiosk sync`` and the console's Send page): bundles out, the hub's receipts back in.

Two halves, in this order, against one destination:

1. every finished session and withdrawal that the hub has not acknowledged and this destination does not
   hold is written through ``kiosk.exchange.sync`` (whole or not at all, cancellable); each bundle that is
   on the destination afterwards is marked ``sent`` in the ledger, each failure keeps its reason there;
2. the hub's receipts on the destination are read; each one is checked with the trusted hub key, and
   only one that verifies marks its bundle ``received``. A receipt that does not verify is reported and
   otherwise ignored: a forged receipt must never make the laptop believe the hub has a session.

The receipts are read first as well, so a bundle the hub acknowledged is never written again. Every
other bundle is written unless the destination holds it already: one ``sent`` to another destination
(a stick that was lost), or taken out of the inbox without a receipt (the hub's quarantine moves a
bundle it refused), is written again; the hub's import is idempotent, so this costs bytes, never a
duplicate. (The ledger once skipped bundles "sent to this destination": a failure there rewrote that
destination, and a quarantined bundle was never sent again.)

Last, unless the send was cancelled, the retention setting (``kiosk.exchange.retention``) removes the media of
sessions the hub confirmed long enough ago; with the default setting (keep for ever) nothing is removed.
Nothing but those media is ever deleted here, and only after a verified receipt.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.exchange.bundle import BundleKind, Subject, subjects, write_bundle
from kiosk.exchange.hub.receipts import SUFFIX, ReceiptError, read_receipt
from kiosk.exchange.keys import laptop_identity, trusted_hub
from kiosk.exchange.destination_errors import (DestinationError, DestinationGone, DestinationMissing,
                                               receipts_unreadable)
from kiosk.exchange.retention import Purge, RetentionError, load_retention, purge_media
from kiosk.exchange.send_lock import one_send_at_a_time
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
    #: the receipts could not be read after the bundles were written (the destination went away meanwhile)
    receipts_error: DestinationError | None = None
    #: the media the retention setting removed after the receipts were read (nothing when cancelled)
    purged: Purge = Purge()
    #: the retention setting could not be read: no media were removed (the bundles were sent all the same)
    retention_problem: RetentionError | None = None

    @property
    def failed(self) -> bool:
        """Anything the facilitator must act on: a bundle not on the destination, a receipt refused or unread."""
        return not self.sync.complete or bool(self.refused) or self.receipts_error is not None


def ledger_entry(subject: Subject, sealed: bool) -> LedgerEntry:
    return LedgerEntry(subject.name, subject.kind.value, subject.subject_id, subject.study_id, subject.created_utc,
                       sealed)


def _needs_sending(store: Store, subject: Subject) -> bool:
    """Everything the hub has not acknowledged; the sync itself leaves out what the destination holds already."""
    known = entry_of(store, subject.name)
    return known is None or known.state is not BundleState.RECEIVED


def send(store: Store, data_root: Path, destination: Destination, study_id: str | None = None, *,
         progress: Callable[[Progress], None] | None = None,
         cancel: threading.Event | Callable[[], bool] | None = None, now: datetime | None = None) -> SendReport:
    """Send what the hub lacks to ``destination``, read its receipts back, then purge the media the retention
    setting lets go (see the module docstring); ``now`` is the clock the retention is measured by.

    ``store`` must belong to the calling thread (the console's worker opens its own). SendBusy at once if
    another send from this data folder is running (``send_lock``)."""
    with one_send_at_a_time(data_root):
        return _send(store, data_root, destination, study_id, progress, cancel, now)


def _send(store: Store, data_root: Path, destination: Destination, study_id: str | None,
          progress: Callable[[Progress], None] | None,
          cancel: threading.Event | Callable[[], bool] | None, now: datetime | None) -> SendReport:
    identity = laptop_identity(data_root)
    hub = trusted_hub(data_root)
    sealed = hub is not None
    received: list[str] = []
    refused: list[RefusedReceipt] = []
    if hub is not None:
        try:  # first, so that what the hub acknowledged is not written again
            _read_receipts(store, destination, hub, received, [])
        except DestinationError:
            pass  # the sync meets the same problem and says it, per bundle
    todo: list[Subject] = []
    skipped: list[str] = []
    for subject in subjects(store, study_id):
        if _needs_sending(store, subject):
            todo.append(subject)
        else:
            skipped.append(subject.name)
    jobs = [BundleJob(s.name, _writer(store, s, data_root, identity, hub), _expected_size(data_root, s))
             for s in todo]
    by_name = {s.name: s for s in todo}
    result = sync(jobs, destination, progress=progress, cancel=cancel)
    for bundle in result.results:
        entry = ledger_entry(by_name[bundle.name], sealed)
        if bundle.outcome in (Outcome.SENT, Outcome.ALREADY_THERE):
            mark_sent(store, entry, destination.description)
        elif bundle.outcome is Outcome.FAILED and bundle.error is not None:
            # only a bundle that was tried: one left untried after a stop would carry another bundle's error
            record_failure(store, entry, destination.description, bundle.error)
    unread: DestinationError | None = None
    if hub is not None and not result.cancelled and result.stopped_by is None:
        try:
            _read_receipts(store, destination, hub, received, refused)
        except DestinationError as exc:  # what was sent stays sent; the next sync reads them
            unread = receipts_unreadable(destination.description, _cause(exc))
    purged, problem = Purge(), None
    if not result.cancelled:  # Cancel promises that nothing on this laptop is deleted
        try:
            # the clock read now, after the receipts: one read at this very send is not in the future
            purged = purge_media(store, data_root, load_retention(data_root), now or datetime.now(UTC))
        except RetentionError as exc:
            problem = exc
    return SendReport(result, tuple(skipped), tuple(received), tuple(refused), no_hub_key=hub is None,
                      receipts_error=unread, purged=purged, retention_problem=problem)


def _read_receipts(store: Store, destination: Destination, hub, received: list[str],
                   refused: list[RefusedReceipt]) -> None:
    """Mark received each bundle whose receipt on ``destination`` verifies with the hub's key (adding it to
    ``received``); a receipt that does not verify goes to ``refused`` and is trusted for nothing."""
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


#: a session bundle's records, plan and prototype images: small beside a recording, so a guess will do
_RECORDS_GUESS = 1 << 20


def _expected_size(data_root: Path, subject: Subject) -> int:
    """About what the bundle will take, for the progress bar: its media and receipts (where a large bundle's
    bytes are) plus a guess for the rest."""
    if subject.kind is not BundleKind.SESSION:
        return 4096
    size = _RECORDS_GUESS
    for folder, pattern in ((data_root / "media" / subject.subject_id, "**/*"),
                            (data_root / "receipts", f"{subject.subject_id}*")):
        try:
            size += sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file() and not p.is_symlink())
        except OSError:
            pass  # only a guess: the writer meets the same problem and says it
    return size


def _writer(store: Store, subject: Subject, data_root: Path, identity, hub) -> Callable:
    def write(sink) -> None:
        write_bundle(store, subject, data_root, sink, identity, hub)
    return write


def _cause(error: DestinationError) -> str | None:
    """The system's words for why the receipts could not be read (None: the destination is gone), not the
    sentence about sending that the error carries."""
    if isinstance(error, (DestinationMissing, DestinationGone)):
        return None
    if isinstance(error.__cause__, OSError) and error.__cause__.strerror:
        return error.__cause__.strerror
    return type(error.__cause__ or error).__name__


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
