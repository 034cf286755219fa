"""Shared by the hub tests: laptops with real stores and keys, bundles written by the real writer into a folder
(a USB stick), and a hub made with the real ``hub init``."""

from __future__ import annotations

from pathlib import Path

from kiosk.exchange.bundle import Subject, subjects, write_bundle
from kiosk.exchange.folder import FolderDestination
from kiosk.exchange.hub.database import HubStore
from kiosk.exchange.keys import SecretKey, init_hub, laptop_identity
from kiosk.store import Store

STUDY = "demo-farm-subsidy"


class Laptop:
    """A field laptop: its own data folder, store and identity key."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.store = Store(root / "kiosk.sqlite3")
        self.identity = laptop_identity(root)

    def export(self, inbox: Path, hub: SecretKey | None, only: str | None = None) -> list[Subject]:
        """Write every bundle (or those whose subject is ``only``) the inbox does not hold yet."""
        inbox.mkdir(parents=True, exist_ok=True)  # a stick is there before anything is written to it
        destination = FolderDestination(inbox)
        written = []
        for subject in subjects(self.store):
            if (only is None or subject.subject_id == only) and not destination.has(subject.name):
                write_bundle(self.store, subject, self.root, destination.begin(subject.name), self.identity,
                             hub.public if hub is not None else None)
                written.append(subject)
        return written

    def close(self) -> None:
        self.store.close()


def make_hub(folder: Path, *laptops: Laptop, names: tuple[str, ...] = ()) -> SecretKey:
    key = init_hub(folder)
    hub = HubStore.open(folder)
    try:
        for i, laptop in enumerate(laptops):
            hub.trust_laptop(laptop.identity.public, names[i] if i < len(names) else "")
    finally:
        hub.close()
    return key
