"""An SFTP destination (the hub's server): the folder protocol over SSH, with the server's identity checked first.

The server must prove it is the hub before a byte of a participant's data leaves: its host key is
looked up in ``known_hosts`` (the user's, or a file given) or compared with a pinned SHA-256
fingerprint (``--host-key SHA256:...``, as ``ssh-keygen -l`` prints it); an unknown or different key
is refused with its fingerprint in the message, never added. Login is by key only (a key file, or
the SSH agent and the user's usual keys): a password would have to be typed or stored on a laptop.

Each bundle is written under ``.partial-<name>/``, every file fsynced on the server where it offers
``fsync@openssh.com``; then each file's size is checked with ``stat`` (and, with ``read_back``, its
SHA-256 by reading it back: off by default because SSH already authenticates every packet, so bytes
do not change in transit, the hub checks the bundle's signed SHA-256 manifest on import, and reading
back doubles the transfer on a slow link); then the folder is renamed into place with
``posix-rename@openssh.com``, which never replaces a complete bundle.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import posixpath
import re
import socket
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import paramiko

from kiosk.exchange import destination_errors as errors
from kiosk.exchange.destination_errors import DestinationError, HostKeyRefused
from kiosk.exchange.fat_names import check_bundle_name
from kiosk.exchange.sink import PARTIAL_PREFIX, RECEIPTS_FOLDER
from kiosk.exchange.written import HashingStream, TrackedSink, sha256_of

_FINGERPRINT = re.compile(r"SHA256:[A-Za-z0-9+/]{43}")
#: Free space below which a bare SFTP failure while writing is taken as a full disk (one pipelined window).
_NEARLY_FULL = 4 << 20
#: Errors that mean the connection itself is lost, whatever the file operation was.
_LINK_LOST = (EOFError, paramiko.SSHException, socket.timeout, ConnectionError)


@dataclass(frozen=True)
class SftpAddress:
    """``sftp://user@host[:port]/path``; a path starting ``/~/`` (or none) is relative to the login folder."""

    user: str
    host: str
    port: int
    path: str

    @property
    def url(self) -> str:
        port = "" if self.port == 22 else f":{self.port}"
        shown = self.path if self.path.startswith("/") else "/~/" + self.path.removeprefix("./")
        host = f"[{self.host}]" if ":" in self.host else self.host  # an IPv6 address, as the URL had it
        return f"sftp://{self.user}@{host}{port}{shown}"


@dataclass(frozen=True)
class SshOptions:
    """How the server is recognised and how this laptop logs in."""

    #: known_hosts file to check the server's key against; None: ``~/.ssh/known_hosts``.
    known_hosts: Path | None = None
    #: a pinned ``SHA256:...`` fingerprint; when given, known_hosts is not consulted.
    host_key: str | None = None
    #: a private key file; None: the SSH agent and the user's usual keys (~/.ssh/id_*).
    key_file: Path | None = None
    #: seconds to wait for the connection, the login, and each answer of the server.
    timeout: float = 20.0
    #: also compare each file's SHA-256 by reading it back (see the module docstring for why it is off).
    read_back: bool = False


def fingerprint(key: paramiko.PKey) -> str:
    """The key's SHA-256 fingerprint as OpenSSH prints it (``SHA256:`` + unpadded base64)."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")


def check_fingerprint(text: str) -> str:
    if not _FINGERPRINT.fullmatch(text.strip()):
        raise errors.DestinationMissing(f"{text} is not a key fingerprint (SHA256: then 43 characters, as "
                                        "ssh-keygen -l prints it)", key="exchange.error.bad_fingerprint",
                                        fingerprint=text)
    return text.strip()


def _unknown(place: str, key: paramiko.PKey) -> HostKeyRefused:
    shown = fingerprint(key)
    return HostKeyRefused(f"the server {place} is not known to this laptop; its key's fingerprint is {shown}. "
                          f"Compare it with the hub team's, then give --host-key {shown}; nothing was sent",
                          key="exchange.error.host_key_unknown", destination=place, fingerprint=shown)


def _mismatch(place: str, key: paramiko.PKey) -> HostKeyRefused:
    shown = fingerprint(key)
    return HostKeyRefused(f"the server {place} showed a different key ({shown}) from the one expected: this may "
                          "be an attack, or the server was reinstalled; nothing was sent",
                          key="exchange.error.host_key_mismatch", destination=place, fingerprint=shown)


class _CheckedHostKey(paramiko.MissingHostKeyPolicy):
    """Called for a key known_hosts does not list: accept only the pinned fingerprint; never add anything."""

    def __init__(self, place: str, pinned: str | None) -> None:
        self._place = place
        self._pinned = pinned

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        if self._pinned is None:
            raise _unknown(self._place, key)
        if fingerprint(key) != self._pinned:
            raise _mismatch(self._place, key)


def connect(address: SftpAddress, options: SshOptions) -> paramiko.SSHClient:
    """A logged-in SSH client to a server whose key was checked; a ``DestinationMissing`` otherwise."""
    place = address.url
    pinned = check_fingerprint(options.host_key) if options.host_key else None
    client = paramiko.SSHClient()
    if pinned is None:
        known = options.known_hosts or Path.home() / ".ssh" / "known_hosts"
        if known.is_file():
            client.load_system_host_keys(str(known))  # "system": read only, never written back
    client.set_missing_host_key_policy(_CheckedHostKey(place, pinned))
    try:
        client.connect(address.host, address.port, username=address.user,
                       key_filename=str(options.key_file) if options.key_file else None,
                       allow_agent=options.key_file is None, look_for_keys=options.key_file is None,
                       timeout=options.timeout, banner_timeout=options.timeout, auth_timeout=options.timeout,
                       channel_timeout=options.timeout)
    except HostKeyRefused:
        client.close()
        raise
    except paramiko.BadHostKeyException as exc:
        client.close()
        raise _mismatch(place, exc.key) from None
    except paramiko.AuthenticationException:
        client.close()
        raise errors.DestinationMissing(f"the server {place} refused the login: give the key file with --key-file, "
                                        "or load the key into the SSH agent; nothing was sent",
                                        key="exchange.error.auth_failed", destination=place) from None
    except (OSError, paramiko.SSHException, EOFError) as exc:
        client.close()
        detail = str(exc) or type(exc).__name__
        raise errors.DestinationMissing(f"could not reach {place} ({detail}): check the network and the address",
                                        key="exchange.error.unreachable", destination=place, detail=detail) from None
    return client


class SftpDestination:
    """Bundles at ``<path>/<name>/`` on an SFTP server; the hub's receipts read from ``<path>/receipts/``."""

    def __init__(self, address: SftpAddress, options: SshOptions | None = None) -> None:
        self.address = address
        self.options = options or SshOptions()
        self.description = address.url
        self._client = connect(address, self.options)
        try:
            self.sftp = self._client.open_sftp()
            channel = self.sftp.get_channel()
            if channel is not None:  # every answer of the server waited for at most this long
                channel.settimeout(self.options.timeout)
        except (OSError, paramiko.SSHException, EOFError) as exc:
            self._client.close()
            detail = str(exc) or type(exc).__name__
            raise errors.DestinationMissing(f"could not reach {self.description} ({detail})",
                                            key="exchange.error.unreachable", destination=self.description,
                                            detail=detail) from None

    def _path(self, *parts: str) -> str:
        return posixpath.join(self.address.path, *parts)

    def error(self, exc: BaseException, bundle: str) -> DestinationError:
        """The facilitator's reading of what went wrong talking to the server while handling ``bundle``."""
        if isinstance(exc, DestinationError):
            return exc
        transport = self._client.get_transport()
        if isinstance(exc, _LINK_LOST) or transport is None or not transport.is_active():
            return errors.gone(self.description, bundle)
        if isinstance(exc, OSError):
            if exc.errno is None:  # OpenSSH's bare "Failure" (SSH_FX_FAILURE): a full or read-only disk says so
                exc = self._why_failed() or exc
            return errors.from_os_error(exc, self.description, bundle)
        raise exc

    def _why_failed(self) -> OSError | None:
        """What the server's file system says (statvfs@openssh.com) about a bare failure: full, read-only, or
        None when it looks fine or the server does not answer that question."""
        try:
            kind, reply = self.sftp._request(  # type: ignore[attr-defined]  # no public call for the extension
                paramiko.sftp.CMD_EXTENDED, "statvfs@openssh.com", self.address.path)
            if kind != paramiko.sftp.CMD_EXTENDED_REPLY:
                return None
            _bsize, frsize, _blocks, _bfree, bavail, *_files, flag = [reply.get_int64() for _ in range(10)]
        except (OSError, *_LINK_LOST, IndexError, ValueError):
            return None
        if flag & 1:  # ST_RDONLY
            return OSError(errno.EROFS, "read-only file system")
        if bavail * frsize < _NEARLY_FULL:
            return OSError(errno.ENOSPC, "no space left on the server's disk")
        return None

    def _root(self, bundle: str) -> str:
        try:
            if stat.S_ISDIR(self.sftp.stat(self.address.path).st_mode or 0):
                return self.address.path
        except FileNotFoundError:
            pass
        except (OSError, *_LINK_LOST) as exc:
            raise self.error(exc, bundle) from exc
        raise errors.missing(self.description)

    def _exists(self, path: str) -> bool:
        try:
            self.sftp.stat(path)
            return True
        except FileNotFoundError:
            return False

    def has(self, name: str) -> bool:
        check_bundle_name(name)
        self._root(name)
        try:
            return self._exists(self._path(name))
        except (OSError, *_LINK_LOST) as exc:
            raise self.error(exc, name) from exc

    def begin(self, name: str) -> SftpSink:
        check_bundle_name(name)
        self._root(name)
        partial, final = self._path(PARTIAL_PREFIX + name), self._path(name)
        try:
            if self._exists(final):
                raise errors.already_there(self.description, name)
            if self._exists(partial):
                self.remove_tree(partial)
            self.sftp.mkdir(partial)
        except (OSError, *_LINK_LOST) as exc:
            raise self.error(exc, name) from exc
        return SftpSink(self, name, partial, final)

    def remove_tree(self, path: str) -> None:
        for entry in self.sftp.listdir_attr(path):
            child = posixpath.join(path, entry.filename)
            if stat.S_ISDIR(entry.st_mode or 0):
                self.remove_tree(child)
            else:
                self.sftp.remove(child)
        self.sftp.rmdir(path)

    def receipts(self) -> Iterator[tuple[str, bytes]]:
        folder = self._path(RECEIPTS_FOLDER)
        self._root(RECEIPTS_FOLDER)
        try:
            if not self._exists(folder):
                return
            names = sorted(e.filename for e in self.sftp.listdir_attr(folder) if stat.S_ISREG(e.st_mode or 0))
            for name in names:
                with self.sftp.open(posixpath.join(folder, name), "rb") as handle:
                    yield name, handle.read()
        except (OSError, *_LINK_LOST) as exc:
            raise self.error(exc, RECEIPTS_FOLDER) from exc

    def close(self) -> None:
        self._client.close()


class SftpSink(TrackedSink):
    """One bundle being written into ``.partial-<name>/`` on the server."""

    def __init__(self, destination: SftpDestination, name: str, partial: str, final: str) -> None:
        super().__init__(name)
        self._destination = destination
        self._sftp = destination.sftp
        self._partial = partial
        self._final = final
        self._folders = {partial}
        #: whether the server made each file durable (fsync@openssh.com); False on servers without it
        self.synced = True

    def _error(self, exc: BaseException) -> DestinationError:
        return self._destination.error(exc, self.name)

    def _mkdirs(self, folder: str) -> None:
        if folder in self._folders:
            return
        self._mkdirs(posixpath.dirname(folder))
        self._sftp.mkdir(folder)
        self._folders.add(folder)

    def _send(self, handle: paramiko.SFTPFile):
        def send(data: memoryview) -> None:
            try:
                handle.write(data)
            except _LINK_LOST as exc:
                raise ConnectionResetError(errno.ECONNRESET, str(exc) or type(exc).__name__) from exc
        return send

    def _fsync(self, handle: paramiko.SFTPFile) -> None:
        try:
            # paramiko has no public call for this OpenSSH extension; its generic request sends it as specified
            self._sftp._request(  # type: ignore[attr-defined]
                paramiko.sftp.CMD_EXTENDED, "fsync@openssh.com", handle.handle)
        except OSError:  # the server does not offer it: the rename still waits for every byte's ack
            self.synced = False

    @contextmanager
    def _open(self, relpath: str) -> Iterator[BinaryIO]:
        parts = self._claim(relpath)
        target = posixpath.join(self._partial, *parts)
        try:
            self._mkdirs(posixpath.dirname(target))
            handle = self._sftp.open(target, "wbx")
            handle.set_pipelined(True)
        except (OSError, *_LINK_LOST) as exc:
            self._broken = exc
            raise self._error(exc) from exc
        stream = HashingStream(relpath, self._send(handle), self._error)
        try:
            yield cast(BinaryIO, stream)
            handle.flush()
            self._fsync(handle)
            handle.close()
        except (OSError, *_LINK_LOST) as exc:
            self._broken = exc
            raise self._error(exc) from exc
        except BaseException as exc:
            self._broken = exc
            raise
        finally:
            try:
                handle.close()
            except (OSError, *_LINK_LOST):
                pass  # already failed above, or the connection is gone: the bundle is not committed
            if self._broken is not None:
                stream.close()  # ends its hashing thread
        self._files[relpath] = stream.result()

    def commit(self) -> None:
        self._may_commit()
        try:
            self._verify()
            if self._destination._exists(self._final):
                raise errors.already_there(self._destination.description, self.name)
            self._sftp.posix_rename(self._partial, self._final)
        except DestinationError:
            self.abort()
            raise
        except (OSError, *_LINK_LOST) as exc:
            self.abort()
            raise self._error(exc) from exc
        self._finished = True

    def _verify(self) -> None:
        for written in self._files.values():
            path = posixpath.join(self._partial, *written.relpath.split("/"))
            if self._destination.options.read_back:
                with self._sftp.open(path, "rb") as handle:
                    handle.prefetch()
                    size, digest = sha256_of(handle.read)
            else:
                size, digest = self._sftp.stat(path).st_size or 0, written.sha256
            if (size, digest) != (written.size, written.sha256):
                raise errors.verification_failed(self._destination.description, self.name, written.relpath)

    def abort(self) -> None:
        self._finished = True
        try:
            if self._destination._exists(self._partial):
                self._destination.remove_tree(self._partial)
        except (OSError, *_LINK_LOST):
            pass  # best effort: the next begin of this name removes it
