"""Export: every finished session and withdrawal not yet at the destination, as one bundle each, in the ledger.

Skipping what the destination already holds (by name, and names follow content) makes export safe to run
again after any interruption. A bundle that cannot be made (a plan that no longer loads, a file that
changed while read) is noted and the others still go; a destination that fails (a full or pulled stick)
stops the run, because every later bundle would fail the same way. Nothing local is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.exchange.bag import DEFAULT_PART_LIMIT
from kiosk.exchange.bundle import Subject, subjects, write_bundle
from kiosk.exchange.keys import laptop_identity, trusted_hub
from kiosk.exchange.sink import Destination
from kiosk.explained import ExplainedError
from kiosk.store.db import Store
from kiosk.store.ledger import BundleState, LedgerEntry, entry_of, record_export, record_failure
from kiosk.study.loader import PlanError


class Outcome(StrEnum):
    WRITTEN = "written"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True)
class Exported:
    subject: Subject
    outcome: Outcome
    sealed: bool
    error: str = ""


def _entry(subject: Subject, sealed: bool) -> LedgerEntry:
    return LedgerEntry(subject.name, subject.kind.value, subject.subject_id, subject.study_id, subject.created_utc,
                       sealed)


def export_bundles(store: Store, data_root: Path, destination: Destination, study_id: str | None = None,
                   part_limit: int = DEFAULT_PART_LIMIT,
                   on_bundle: Callable[[Exported], None] = lambda result: None) -> list[Exported]:
    """Write what is missing at ``destination``; an OSError, or an error whose ``stops_sync`` is true (the
    destination gone, full or read-only), is recorded and raised."""
    identity = laptop_identity(data_root)
    hub = trusted_hub(data_root)
    sealed = hub is not None
    results = []
    for subject in subjects(store, study_id):
        entry = _entry(subject, sealed)
        if destination.has(subject.name):
            known = entry_of(store, subject.name)
            if known is None or known.state is BundleState.NOT_EXPORTED:
                record_export(store, known or entry, destination.description)
            result = Exported(subject, Outcome.SKIPPED, known.sealed if known else sealed)
        else:
            try:
                write_bundle(store, subject, data_root, destination.begin(subject.name), identity, hub, part_limit)
            except OSError as exc:
                record_failure(store, entry, destination.description, exc)
                raise
            except (ExplainedError, PlanError, LookupError, ValueError) as exc:
                record_failure(store, entry, destination.description, exc)
                if getattr(exc, "stops_sync", False):  # a destination error that every later bundle would meet
                    raise
                result = Exported(subject, Outcome.FAILED, sealed, str(exc).splitlines()[0] if str(exc) else
                                  type(exc).__name__)
            else:
                record_export(store, entry, destination.description)
                result = Exported(subject, Outcome.WRITTEN, sealed)
        results.append(result)
        on_bundle(result)
    return results
