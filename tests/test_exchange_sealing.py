"""secretstream sealing of bundle files: any size round-trips chunk by chunk; any damage is refused."""

from __future__ import annotations

import os

import pytest

from kiosk.exchange.sealing import CHUNK, DecryptError, decrypt_chunks, encrypt_chunks, new_bundle_key, sealed_size


def pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)] or [b""]


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 5])
def test_any_size_round_trips_and_its_sealed_size_is_known_before_writing(size: int) -> None:
    key = new_bundle_key()
    data = os.urandom(size)
    sealed = b"".join(encrypt_chunks(key, pieces(data, 7777)))
    assert len(sealed) == sealed_size(size)
    assert b"".join(decrypt_chunks(key, pieces(sealed, 99_999))) == data


@pytest.mark.parametrize("size", [10, CHUNK, 2 * CHUNK + 3])
def test_damage_is_refused(size: int) -> None:
    key = new_bundle_key()
    sealed = b"".join(encrypt_chunks(key, [os.urandom(size)]))
    flipped = bytearray(sealed)
    flipped[len(sealed) // 2] ^= 1
    cut_at_chunk = sealed[:24 + CHUNK + 17] if size > CHUNK else sealed[:20]
    for bad in (sealed[:-1], sealed + b"x", bytes(flipped), cut_at_chunk, sealed[:10]):
        with pytest.raises(DecryptError):
            b"".join(decrypt_chunks(key, [bad]))
    with pytest.raises(DecryptError):
        b"".join(decrypt_chunks(new_bundle_key(), [sealed]))
