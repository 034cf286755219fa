"""Writing a BagIt bag (RFC 8493) into a :class:`BundleSink`, each file streamed once: hashed (and sealed) as written.

The tag files are written by hand, after the payload, because only then are the payload's hashes and size
(``Payload-Oxum``) known; the ``bagit`` library validates the result in the tests and at the hub. The
signature (Ed25519 over the bytes of ``tagmanifest-sha256.txt``, which lists the hashes of ``bag-info.txt``
and ``manifest-sha256.txt``, which list everything else) lives in a tag file of its own outside the
tag manifest, which BagIt allows. docs/exchange.md describes the layout.
"""

from __future__ import annotations

import base64
import hashlib
import queue
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from nacl.public import PublicKey
from nacl.signing import SigningKey

from kiosk.exchange.sealing import encrypt_chunks, new_bundle_key, seal_key, sealed_size
from kiosk.exchange.sink import BundleSink
from kiosk.explained import ExplainedError

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
MANIFEST = "manifest-sha256.txt"
TAGMANIFEST = "tagmanifest-sha256.txt"
BAG_INFO = "bag-info.txt"
SEALED_KEY = "ux-kiosk-sealed-key.txt"
SIGNATURE = "ux-kiosk-signature.txt"
SIGNATURE_TAG = "ux-kiosk-signature-v1"
SEALED_KEY_TAG = "ux-kiosk-sealed-key-v1"
#: a sealed payload file's name ends so; a split file's parts end ``.part-000``, ``.part-001`` ...
SEALED_SUFFIX = ".sealed"
PART_SUFFIX = re.compile(r"\.part-(\d{3})$")
#: below the 4 GiB - 1 byte that FAT32 allows, with room to spare
DEFAULT_PART_LIMIT = (1 << 32) - (1 << 20)
READ_SIZE = 1 << 20
#: files at least this large are read and sealed on a second thread while the first hashes and writes
PIPELINE_FROM = 4 << 20

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def safe_component(name: str) -> str:
    """One path component that FAT32, exFAT, NTFS, SFTP servers and every BagIt reader accept: ASCII letters,
    digits, ``-``, ``_`` and ``.``, starting with a letter or a digit, no device name (the sync helper's
    ``fat_names.check_name`` rule), so a plan's file named in Cyrillic still travels."""
    import unicodedata

    from kiosk.translit import cyrillic_to_latin

    ascii_name = unicodedata.normalize("NFKD", cyrillic_to_latin(name)).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE.sub("_", ascii_name).rstrip(".")[:100]
    if not cleaned or not cleaned[0].isalnum() or cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = "f" + cleaned
    if cleaned != name:  # two names that clean alike (Почетна.png, Pocetna.png) must stay two files
        stem, dot, suffix = cleaned.partition(".")
        cleaned = f"{stem}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:6]}{dot}{suffix}"
    return cleaned


@dataclass(frozen=True)
class Source:
    """One payload file: its path inside ``data/``, its size, and its bytes as chunks (read when written)."""

    relpath: str
    size: int
    chunks: Callable[[], Iterable[bytes]]

    @classmethod
    def of_bytes(cls, relpath: str, data: bytes) -> Source:
        return cls(relpath, len(data), lambda: (data,))

    @classmethod
    def of_file(cls, relpath: str, path: Path) -> Source:
        return cls(relpath, Path(path).stat().st_size, lambda: _read_file(Path(path)))


def _read_file(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(READ_SIZE):
            yield chunk


class SourceChanged(ExplainedError, ValueError):
    """A file changed size while it was being written into a bundle (it is written again next time)."""


@dataclass
class _Written:
    entries: list[tuple[str, str]] = field(default_factory=list)  # (sha256, path in the bag)
    octets: int = 0


class _Abandoned(Exception):
    """Thrown into a part's stream when the bundle is given up mid-file, so the sink treats the file as failed."""


class _PartWriter:
    """Writes one logical file into one or more part files of at most ``limit`` bytes; the sink hashes each
    part as it receives it, and that digest is what the manifest lists (each byte is hashed once)."""

    def __init__(self, sink: BundleSink, name: str, total: int, limit: int, written: _Written) -> None:
        self.sink, self.limit, self.written = sink, limit, written
        split = total > limit
        self.names = iter([f"{name}.part-{i:03d}" for i in range((total + limit - 1) // limit)] if split else [name])
        self.stream: BinaryIO | None = None
        self.context: AbstractContextManager[BinaryIO] | None = None
        self.room = 0
        self.current = ""

    def _next(self) -> None:
        self._close()
        self.current = next(self.names)
        self.context = self.sink.open(self.current)
        self.stream = self.context.__enter__()
        self.room = self.limit

    def _close(self) -> None:
        if self.context is not None:
            self.context.__exit__(None, None, None)
            self.written.entries.append((self.sink.written(self.current).sha256, self.current))
            self.context = self.stream = None

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        if self.context is None:
            self._next()
        while len(view):
            if not self.room:
                self._next()
            piece = view[:self.room]
            assert self.stream is not None
            self.stream.write(piece)
            self.room -= len(piece)
            self.written.octets += len(piece)
            view = view[len(piece):]

    def close(self) -> None:
        if self.context is None:  # an empty file is still one (empty) file
            self._next()
        self._close()

    def abort(self) -> None:
        if self.context is not None:
            abandoned = _Abandoned()
            self.context.__exit__(_Abandoned, abandoned, None)  # the sink marks the file failed, ends its hashing


class BagWriter:
    """One bundle: payload files first, then :meth:`finish` writes the tag files, signs and commits."""

    def __init__(self, sink: BundleSink, hub: PublicKey | None = None, part_limit: int = DEFAULT_PART_LIMIT) -> None:
        """``hub``: the ``nacl.public.PublicKey`` to seal to, or None for a signed bundle in clear."""
        self.sink, self.part_limit = sink, part_limit
        self._key = new_bundle_key() if hub is not None else None
        self._sealed_key = seal_key(self._key, hub) if self._key is not None and hub is not None else None
        self._written = _Written()
        self._names: set[str] = set()

    @property
    def sealed(self) -> bool:
        return self._key is not None

    def add(self, source: Source) -> None:
        name = "data/" + "/".join(safe_component(part) for part in source.relpath.split("/"))
        if self._key is not None:
            name += SEALED_SUFFIX
        if name.lower() in self._names:  # FAT32 and exFAT compare names without case
            raise ValueError(f"two files would be named {name} in one bundle (names are compared without case "
                             "on a USB stick); rename one of them in the plan's folder")
        self._names.add(name.lower())
        total = sealed_size(source.size) if self._key is not None else source.size
        writer = _PartWriter(self.sink, name, total, self.part_limit, self._written)
        plain = 0
        pieces = _counted(source.chunks(), source)
        chunks = encrypt_chunks(self._key, pieces) if self._key is not None else pieces
        prefetched = _Prefetched(chunks) if source.size >= PIPELINE_FROM else None
        try:
            for chunk in (prefetched if prefetched is not None else chunks):
                writer.write(chunk)
                plain += len(chunk)
            writer.close()
        except BaseException:
            writer.abort()
            raise
        finally:
            if prefetched is not None:
                prefetched.stop()
        if self._key is None and plain != source.size:
            raise SourceChanged(f"{source.relpath} changed while it was exported; export again")

    def finish(self, info: Iterable[tuple[str, str]], signer: SigningKey) -> None:
        """Write bagit.txt, bag-info.txt (with Payload-Oxum), both manifests, the sealed key and the signature,
        then commit the bundle; the bundle key is forgotten."""
        count = len(self._written.entries)
        lines = [*info, ("Payload-Oxum", f"{self._written.octets}.{count}")]
        tags: list[tuple[str, bytes]] = [
            ("bagit.txt", BAGIT_TXT),
            (BAG_INFO, "".join(f"{k}: {_one_line(v)}\n" for k, v in lines).encode("utf-8")),
            (MANIFEST, "".join(f"{h}  {p}\n" for h, p in sorted(self._written.entries, key=lambda e: e[1]))
             .encode("utf-8")),
        ]
        if self._sealed_key is not None:
            tags.append((SEALED_KEY, f"{SEALED_KEY_TAG} {base64.b64encode(self._sealed_key).decode()}\n".encode()))
        tagmanifest = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in tags).encode()
        tags.append((TAGMANIFEST, tagmanifest))
        signature = signer.sign(tagmanifest).signature
        tags.append((SIGNATURE, f"{SIGNATURE_TAG} {base64.b64encode(signature).decode()}\n".encode()))
        for name, data in tags:
            with self.sink.open(name) as stream:
                stream.write(data)
        self._key = None
        self.sink.commit()


class _Prefetched:
    """Runs reading and encrypting on a thread of its own while this one hashes and writes: libsodium,
    hashlib and file I/O release the GIL, so a large file moves at the pace of the slower half, not the sum.
    Only a few chunks wait in between, so memory stays at a few MiB whatever the file's size."""

    _END = object()

    def __init__(self, chunks: Iterable[bytes], depth: int = 4) -> None:
        self._chunks = chunks
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bundle-reader", daemon=True)
        self._thread.start()

    def _put(self, item: object) -> bool:
        while not self._stopped.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            for chunk in self._chunks:
                if not self._put(chunk):
                    return
            self._put(self._END)
        except BaseException as exc:  # handed to the writing thread, raised there
            self._put(exc)

    def __iter__(self) -> Iterator[bytes]:
        while True:
            item = self._queue.get()
            if item is self._END:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, bytes)
            yield item

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()


def _counted(chunks: Iterable[bytes], source: Source) -> Iterator[bytes]:
    """The chunks, refused if they add up to more or less than the size the parts were planned for."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > source.size:
            raise SourceChanged(f"{source.relpath} grew while it was exported; export again")
        yield chunk
    if total != source.size:
        raise SourceChanged(f"{source.relpath} shrank while it was exported; export again")


def _one_line(value: str) -> str:
    return " ".join(str(value).split())
