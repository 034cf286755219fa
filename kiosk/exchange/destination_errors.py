"""Why a bundle did not reach a destination, in words a facilitator can act on (and whether to try the next).

A destination fails in a few ways that matter to the person holding the laptop: it is not there (stick
not plugged in, server unreachable), it went away mid-write (stick pulled, network lost), it is full,
it cannot be written (write-protected stick, no permission), or what was written did not read back the
same (a failing medium). Each one is an ``ExplainedError`` naming the destination, so the console and
the command line word it in the reader's language; ``stops_sync`` tells the sync loop whether the next
bundle could possibly succeed, so one bad bundle does not stop the others but a pulled stick does.
"""

from __future__ import annotations

import errno

from kiosk.explained import ExplainedError


class DestinationError(ExplainedError):
    """A bundle could not be written to a destination; nothing already complete there was changed."""

    #: True when no other bundle can succeed now either (the destination is gone, full or read-only).
    stops_sync = False


class DestinationMissing(DestinationError):
    """The destination is not there at all (a folder not found, a server not reached, a login refused)."""

    stops_sync = True


class DestinationGone(DestinationError):
    """The destination went away while a bundle was being written."""

    stops_sync = True


class DestinationFull(DestinationError):
    stops_sync = True


class DestinationReadOnly(DestinationError):
    stops_sync = True


class VerificationFailed(DestinationError):
    """A file did not read back as written: the bundle was not given its final name."""


class AlreadyThere(DestinationError):
    """A complete bundle of that name is already on the destination; it is never written twice."""


class UnsafeName(DestinationError, ValueError):
    """A bundle or file name that a FAT32/exFAT stick (or Windows) cannot hold; a writer's bug, not the medium's."""


class HostKeyRefused(DestinationMissing):
    """The SSH server's key is unknown or differs from the expected one: nothing is sent to it."""


def gone(destination: str, bundle: str) -> DestinationGone:
    return DestinationGone(
        f"{destination} went away while bundle {bundle} was being written (a stick pulled, a network lost); "
        "bundles already complete there are intact: reconnect it and sync again to finish",
        key="exchange.error.destination_gone", destination=destination, bundle=bundle)


def from_os_error(exc: OSError, destination: str, bundle: str) -> DestinationError:
    """The facilitator's reading of an ``OSError`` raised while writing ``bundle`` to ``destination``."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DestinationFull(
            f"{destination} is full: bundle {bundle} was not sent. Free some space there, then sync again; "
            "bundles already complete there are intact",
            key="exchange.error.destination_full", destination=destination, bundle=bundle)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DestinationReadOnly(
            f"{destination} cannot be written (read-only or no permission): bundle {bundle} was not sent. "
            "Check the stick's write-protect switch or the folder's permissions, then sync again",
            key="exchange.error.destination_read_only", destination=destination, bundle=bundle)
    if code in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.ENOTDIR,
                errno.ENOTCONN, errno.ECONNRESET, errno.EPIPE, errno.ETIMEDOUT):
        return gone(destination, bundle)
    detail = exc.strerror or str(exc) or type(exc).__name__
    return DestinationError(
        f"bundle {bundle} could not be written to {destination} ({detail}); bundles already complete there "
        "are intact: sync again to retry",
        key="exchange.error.write_failed", destination=destination, bundle=bundle, detail=detail)


def receipts_unreadable(destination: str, detail: str | None) -> DestinationError:
    """The hub's receipts could not be read (the stick went away after the bundles were written, for instance):
    the bundles stay ``sent`` and the next sync reads the receipts. ``detail`` None: the destination is gone."""
    if detail is None:
        return DestinationGone(
            f"{destination} went away before the hub's receipts could be read; the bundles written there are "
            "intact: reconnect it and sync again to read them", key="exchange.error.receipts_gone",
            destination=destination)
    return DestinationError(
        f"the hub's receipts on {destination} could not be read ({detail}); the bundles written there are intact: "
        "sync again to read them", key="exchange.error.receipts_unreadable", destination=destination, detail=detail)


def missing(destination: str) -> DestinationMissing:
    return DestinationMissing(
        f"{destination} is not there: plug in the stick or connect the share, then sync again; nothing was sent",
        key="exchange.error.destination_missing", destination=destination)


def not_a_folder(destination: str) -> DestinationMissing:
    return DestinationMissing(
        f"{destination} is a file, not a folder: give the folder on the stick or share to send to; nothing was sent",
        key="exchange.error.destination_not_a_folder", destination=destination)


def verification_failed(destination: str, bundle: str, relpath: str) -> VerificationFailed:
    return VerificationFailed(
        f"bundle {bundle} did not read back as written on {destination} ({relpath}): the medium may be "
        "failing. It was not kept; sync again, or use another stick",
        key="exchange.error.verify_failed", destination=destination, bundle=bundle, file=relpath)


def already_there(destination: str, bundle: str) -> AlreadyThere:
    return AlreadyThere(f"bundle {bundle} is already complete on {destination}; it is not written twice",
                        key="exchange.error.already_there", destination=destination, bundle=bundle)
