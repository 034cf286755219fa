"""How long a session's media stay on this laptop once the hub has confirmed it holds them, and the purge.

Issue 11: local data are only marked sent, never deleted, until the hub's signed receipt comes back; after that
the retention setting may remove the session's media (``<data>/media/<session id>/``: recordings) from this
laptop. Nothing else is ever removed here: not the database's rows, not consent receipts, not reports. The hub
keeps its copy when a later bundle lacks the files (its merge only adds files), so a session whose media went
can still travel again (a late note) without the hub losing its recordings.

A session's media may go when all of these hold:

* its CURRENT bundle (named after its latest event, as ``send_status.send_rows`` compares) is ``received``:
  a session changed after the hub confirmed it (a late note) waits until the new bundle is confirmed too;
* it was received at least ``media_days`` days ago by this laptop's clock (0: as soon as it is confirmed); a
  receipt time in the future (the clock was set back since) waits until the clock passes it;
* the file is not newer than the first time that bundle was written: a file that arrived in the media folder
  afterwards (a recording copied in late) may not be in what the hub got, so it stays.

The setting is a private JSON file beside the database; missing means "keep for ever" (the default), and a
damaged one is an error with words, never quietly read as either "for ever" or "purge".
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.exchange.bundle import BundleKind, subjects
from kiosk.explained import ExplainedError
from kiosk.paths import private_file
from kiosk.store.db import StoreReader
from kiosk.store.ledger import BundleState, LedgerEntry, subject_states

FILE_NAME = "retention.json"
MEDIA_FOLDER = "media"
#: the longest retention the setting accepts (ten years); longer is "for ever"
MAX_DAYS = 3650


class RetentionError(ExplainedError, ValueError):
    """The retention setting cannot be read or is not a valid value: nothing is removed until it is fixed."""


@dataclass(frozen=True)
class Retention:
    """``media_days``: days after the hub's receipt before media leave this laptop; None keeps them for ever."""

    media_days: int | None = None

    def __post_init__(self) -> None:
        days = self.media_days
        if days is not None and (isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_DAYS):
            raise RetentionError(f"{days!r} is not a number of days from 0 to {MAX_DAYS}",
                                 key="retention.error.bad_days", value=str(days), most=MAX_DAYS)

    @property
    def keeps_for_ever(self) -> bool:
        return self.media_days is None


@dataclass(frozen=True)
class MediaDue:
    """A session whose media may leave this laptop: what would go (files older than the confirmed bundle)."""

    session_id: str
    study_id: str
    participant_code: str
    received_utc: str
    files: int
    bytes: int
    #: the media folder is a symbolic link: nothing through it is removed (reported instead)
    link: bool = False


@dataclass(frozen=True)
class NotRemoved:
    """A file or folder the purge could not remove, with the system's reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class PurgedSession:
    session: MediaDue
    files: int
    bytes: int
    problems: tuple[NotRemoved, ...] = ()


@dataclass(frozen=True)
class Purge:
    """What one purge removed, session by session, and what it could not remove."""

    sessions: tuple[PurgedSession, ...] = ()

    @property
    def files(self) -> int:
        return sum(s.files for s in self.sessions)

    @property
    def bytes(self) -> int:
        return sum(s.bytes for s in self.sessions)

    @property
    def emptied(self) -> int:
        """Sessions whose media files were all removed (some may have failed)."""
        return sum(1 for s in self.sessions if s.files)

    @property
    def problems(self) -> tuple[NotRemoved, ...]:
        return tuple(p for s in self.sessions for p in s.problems)


def load_retention(data_root: Path) -> Retention:
    """The saved setting; no file is the default (keep for ever). A damaged file raises ``RetentionError``."""
    path = Path(data_root) / FILE_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Retention()
    except (OSError, UnicodeDecodeError) as exc:
        raise _damaged(path, getattr(exc, "strerror", None) or str(exc)) from None
    try:
        data = json.loads(text)
    except ValueError:
        raise _damaged(path, "it is not JSON") from None
    if not isinstance(data, dict) or "media_days" not in data:
        raise _damaged(path, "it has no media_days")
    try:
        return Retention(data["media_days"])
    except RetentionError:
        raise _damaged(path, f"media_days is {data['media_days']!r}") from None


def _damaged(path: Path, detail: str) -> RetentionError:
    return RetentionError(f"the retention setting {path} cannot be used ({detail}); no media were removed. Set it "
                          "again (ux-kiosk retention --media-days N, or --keep-media) or delete the file to keep "
                          "media for ever", key="retention.error.damaged", path=str(path), detail=detail)


def save_retention(data_root: Path, retention: Retention) -> None:
    """Written whole or not at all (a private temporary file renamed over the old one)."""
    path = Path(data_root) / FILE_NAME
    part = private_file(path.with_name(path.name + ".part"))  # 0600 before a byte is written
    with open(part, "w", encoding="utf-8") as out:
        json.dump({"media_days": retention.media_days}, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, path)


def _utc(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _media_folder(data_root: Path, session_id: str) -> Path | None:
    """``<data>/media/<id>``, or None for an id that is not one plain name (it could point elsewhere)."""
    if not session_id or session_id in (".", "..") or Path(session_id).name != session_id or "\\" in session_id:
        return None
    return Path(data_root) / MEDIA_FOLDER / session_id


def _entries(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry that is not a real folder (files, links, anything else) under ``folder``, links not followed."""
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return
    for entry in listing:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _entries(Path(entry.path))
        else:
            yield Path(entry.path), info


def _confirmed_files(folder: Path, written: datetime | None) -> list[tuple[Path, int]]:
    """The files the confirmed bundle can hold: none changed (content or inode) after it was first written."""
    if written is None:
        return []  # no record of when the bundle was written: nothing can be shown to be in it
    limit = written.timestamp()
    return [(path, info.st_size) for path, info in _entries(folder) if max(info.st_mtime, info.st_ctime) <= limit]


def _first_written(entry: LedgerEntry) -> datetime | None:
    times = [t for t in (_utc(entry.exported_utc), _utc(entry.sent_utc)) if t is not None]
    return min(times) if times else None


def media_due(reader: StoreReader, data_root: Path, retention: Retention, now: datetime) -> list[MediaDue]:
    """The sessions whose media may leave this laptop now (nothing is removed), oldest first."""
    if retention.media_days is None:
        return []
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    newest = subject_states(reader)
    due: list[MediaDue] = []
    for subject in subjects(reader):
        if subject.kind is not BundleKind.SESSION:
            continue
        entry = newest.get(subject.subject_id)
        if entry is None or entry.name != subject.name or entry.state is not BundleState.RECEIVED:
            continue  # the hub has not confirmed the session as it is now
        received = _utc(entry.received_utc)
        if received is None or received > now or received > now - timedelta(days=retention.media_days):
            continue
        folder = _media_folder(data_root, subject.subject_id)
        if folder is None or not os.path.lexists(folder):
            continue
        code = reader.session(subject.subject_id).participant_code
        if folder.is_symlink():
            due.append(MediaDue(subject.subject_id, subject.study_id, code, str(entry.received_utc), 0, 0, link=True))
            continue
        if not folder.is_dir():
            continue
        files = _confirmed_files(folder, _first_written(entry))
        if files:
            due.append(MediaDue(subject.subject_id, subject.study_id, code, str(entry.received_utc), len(files),
                                sum(size for _, size in files)))
    return due


def purge_media(reader: StoreReader, data_root: Path, retention: Retention, now: datetime) -> Purge:
    """Remove the media ``media_due`` lists, and nothing else; what fails is reported, never raised."""
    done: list[PurgedSession] = []
    newest = subject_states(reader)
    for session in media_due(reader, data_root, retention, now):
        folder = _media_folder(data_root, session.session_id)
        assert folder is not None  # media_due only lists plain names
        if session.link:
            done.append(PurgedSession(session, 0, 0, (NotRemoved(str(folder), "it is a link to another place; "
                                                                               "nothing there was removed"),)))
            continue
        done.append(_purge_folder(session, folder, _first_written(newest[session.session_id])))
    return Purge(tuple(done))


def _purge_folder(session: MediaDue, folder: Path, written: datetime | None) -> PurgedSession:
    removed = size = 0
    problems: list[NotRemoved] = []
    for path, length in _confirmed_files(folder, written):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            problems.append(NotRemoved(str(path), exc.strerror or str(exc)))
            continue
        removed += 1
        size += length
    for below in _folders_bottom_up(folder):
        _remove_if_empty(below)
    _remove_if_empty(folder)
    return PurgedSession(session, removed, size, tuple(problems))


def _folders_bottom_up(folder: Path) -> Iterator[Path]:
    """The real folders below ``folder``, deepest first; links to folders are entries, not folders."""
    try:
        listing = [Path(e.path) for e in os.scandir(folder) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for below in listing:
        yield from _folders_bottom_up(below)
        yield below


def _remove_if_empty(folder: Path) -> None:
    """A folder left with files the purge kept (newer than the bundle, or refused) simply stays."""
    try:
        folder.rmdir()
    except OSError:
        pass
