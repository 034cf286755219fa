"""Sealing: one fresh key per bundle, sealed to the hub; each file a libsodium secretstream in 1 MiB chunks.

secretstream (XChaCha20-Poly1305) authenticates every chunk and marks the last one, so a file cut short, a
chunk moved or a byte flipped is refused while decrypting, and a file of any size passes through memory one
chunk at a time. The bundle key exists only in memory while the bundle is written: the laptop keeps no
copy, so a stolen laptop opens none of the bundles it sent.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator

from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_ABYTES as ABYTES,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_HEADERBYTES as HEADERBYTES,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_init_pull,
    crypto_secretstream_xchacha20poly1305_init_push,
    crypto_secretstream_xchacha20poly1305_pull,
    crypto_secretstream_xchacha20poly1305_push,
    crypto_secretstream_xchacha20poly1305_state,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_KEYBYTES as KEYBYTES,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_TAG_FINAL as TAG_FINAL,
)
from nacl.bindings import (
    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE as TAG_MESSAGE,
)
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

#: plaintext bytes per secretstream chunk (the last chunk of a file may be shorter, or empty)
CHUNK = 1 << 20

__all__ = ["CHUNK", "CryptoError", "DecryptError", "decrypt_chunks", "encrypt_chunks", "new_bundle_key",
           "open_key", "seal_key", "sealed_size"]


class DecryptError(ValueError):
    """A sealed file that does not decrypt: wrong key, changed bytes, cut short, or data after its end."""


def new_bundle_key() -> bytes:
    return os.urandom(KEYBYTES)


def seal_key(key: bytes, hub: PublicKey) -> bytes:
    return SealedBox(hub).encrypt(key)


def open_key(sealed: bytes, hub: PrivateKey) -> bytes:
    """The bundle key; CryptoError if the bundle was sealed to another hub key."""
    key = SealedBox(hub).decrypt(sealed)
    if len(key) != KEYBYTES:
        raise CryptoError("the sealed bundle key has the wrong length")
    return key


def sealed_size(plain_size: int) -> int:
    """Bytes a file of ``plain_size`` takes once encrypted (known before writing, so parts can be planned)."""
    chunks = max(1, math.ceil(plain_size / CHUNK))
    return HEADERBYTES + plain_size + chunks * ABYTES


def _rechunk(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Pieces of any size as CHUNK-sized chunks (the last one shorter)."""
    pending = bytearray()
    for piece in pieces:
        if not pending and len(piece) == CHUNK:  # the usual case (files are read a chunk at a time): no copy
            yield piece
            continue
        pending += piece
        while len(pending) >= CHUNK:
            yield bytes(pending[:CHUNK])
            del pending[:CHUNK]
    yield bytes(pending)


def encrypt_chunks(key: bytes, pieces: Iterable[bytes]) -> Iterator[bytes]:
    """The header, then one encrypted chunk per CHUNK of plaintext, the last tagged final.

    A file whose size is a multiple of CHUNK ends with a final chunk that is empty, which ``sealed_size``
    does not count: the chunk before it is held back one step so that it can carry the final tag instead.
    """
    state = crypto_secretstream_xchacha20poly1305_state()
    yield crypto_secretstream_xchacha20poly1305_init_push(state, key)
    held: bytes | None = None
    for chunk in _rechunk(pieces):
        if held is not None:
            if not chunk:  # the empty remainder after whole chunks: the held one is the last
                break
            yield crypto_secretstream_xchacha20poly1305_push(state, held, tag=TAG_MESSAGE)
        held = chunk
    assert held is not None  # _rechunk always yields at least one (possibly empty) chunk
    yield crypto_secretstream_xchacha20poly1305_push(state, held, tag=TAG_FINAL)


def decrypt_chunks(key: bytes, pieces: Iterable[bytes]) -> Iterator[bytes]:
    """Plaintext chunks of a sealed file given as pieces of any size; DecryptError on any damage."""
    state = crypto_secretstream_xchacha20poly1305_state()
    buffer = bytearray()
    started = False
    step = CHUNK + ABYTES
    for piece in pieces:
        buffer += piece
        if not started and len(buffer) >= HEADERBYTES:
            crypto_secretstream_xchacha20poly1305_init_pull(state, bytes(buffer[:HEADERBYTES]), key)
            del buffer[:HEADERBYTES]
            started = True
        while started and len(buffer) > step:  # more than a chunk: this one is not the last
            yield _pull(state, bytes(buffer[:step]), final=False)
            del buffer[:step]
    if not started:
        raise DecryptError("the sealed file is shorter than its header")
    if len(buffer) < ABYTES:
        raise DecryptError("the sealed file is cut short")
    yield _pull(state, bytes(buffer), final=True)


def _pull(state, cipher: bytes, final: bool) -> bytes:
    try:
        plain, tag = crypto_secretstream_xchacha20poly1305_pull(state, cipher)
    except CryptoError:
        raise DecryptError("a chunk does not decrypt (changed bytes or the wrong key)") from None
    if final and tag != TAG_FINAL:
        raise DecryptError("the sealed file is cut short (its last chunk is missing)")
    if not final and tag == TAG_FINAL:
        raise DecryptError("data after the end of the sealed file")
    return plain
