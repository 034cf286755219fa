"""What the console's Send page lists, and the job its worker runs: kept out of ``kiosk.qt`` so the rules
(which bundle counts for a session, what "not exported" means) stay in the domain and are tested there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.exchange.bundle import BundleKind, subjects
from kiosk.exchange.send import SendReport, send
from kiosk.exchange.send_lock import SendBusy
from kiosk.exchange.send_target import SavedTarget, save_target
from kiosk.exchange.sync import Progress
from kiosk.exchange.targets import TargetOptions, open_destination
from kiosk.explained import ExplainedError
from kiosk.store.db import Store, StoreReader
from kiosk.store.ledger import BundleState, subject_states


@dataclass(frozen=True)
class SendRow:
    """One finished session or withdrawal and how far its newest bundle got."""

    subject_id: str
    kind: BundleKind
    #: the participant's code for a session; "" for a withdrawal (the code is gone with the data)
    participant_code: str
    study_id: str
    state: BundleState
    last_error: str
    #: the last error with its words, to be said in the reader's language (None: only ``last_error``'s English)
    problem: ExplainedError | None = None


def send_rows(reader: StoreReader, study_id: str | None = None) -> list[SendRow]:
    """Every finished session and withdrawal, oldest first; one with no bundle yet is ``not_exported``. A
    session changed after its bundle was sent (a note added) has a newer bundle name, so it shows
    ``not_exported`` again until that one goes."""
    known = subject_states(reader, study_id)
    rows = []
    for subject in subjects(reader, study_id):
        entry = known.get(subject.subject_id)
        current = entry is not None and entry.name == subject.name
        code = reader.session(subject.subject_id).participant_code if subject.kind is BundleKind.SESSION else ""
        rows.append(SendRow(subject.subject_id, subject.kind, code, subject.study_id,
                            entry.state if current and entry else BundleState.NOT_EXPORTED,
                            entry.last_error if entry else "", entry.problem if entry else None))
    return rows


def send_at(database: Path, target: str, progress: Callable[[Progress], None],
            cancel: threading.Event, options: TargetOptions | None = None,
            remember: SavedTarget | None = None) -> SendReport | ExplainedError:
    """The Send page's job, on the ordered worker: its own connection to the store (SQLite connections
    stay on the thread that made them), the destination opened and closed here.

    A target that cannot be opened (a server not reached, a host key refused) is returned, not raised:
    the worker would pass on only its English text, and the console words it in its own language. A target
    that opened is remembered (``remember``) for the next visit; failing to remember it stops nothing."""
    store = Store(database)
    try:
        try:
            destination = open_destination(target, options or TargetOptions())
        except ExplainedError as exc:
            return exc
        if remember is not None:
            try:
                save_target(Path(database).parent, remember)
            except OSError:
                pass  # a convenience: the bundles matter, not whether the address is typed again next time
        try:
            return send(store, Path(database).parent, destination, progress=progress, cancel=cancel)
        except SendBusy as exc:  # worded in the console's language, like a target that did not open
            return exc
        finally:
            destination.close()
    finally:
        store.close()


def bar_position(progress: Progress) -> int:
    """0-1000: the bundles done, plus the share of the current one written against its expected size (never
    past 99% of it: the size is an estimate), so the bar moves inside one large bundle and never goes back."""
    if not progress.bundles_total:
        return 1000
    share = 0.0
    if progress.bundle and progress.bundle_size:
        share = min(0.99, progress.bundle_written / progress.bundle_size)
    return int(1000 * (progress.bundles_done + share) / progress.bundles_total)
