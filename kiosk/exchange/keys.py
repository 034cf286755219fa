"""The laptop's and the hub's Ed25519 keys, their one-line files, and the fingerprint people read over the phone.

One key per side: a laptop signs its bundles with its identity key; the hub signs its receipts with its key,
and bundles are sealed to the Curve25519 form of that same key, so a laptop trusts exactly one file.

Key files are one line of text (docs/exchange.md): ``<kind> <base64 of 32 bytes>``, where the kind is
``ux-kiosk-laptop-key-v1`` / ``ux-kiosk-hub-key-v1`` for a public key and ``ux-kiosk-laptop-secret-v1`` /
``ux-kiosk-hub-secret-v1`` for the 32-byte seed of a private key. Private files are 0600 in a 0700 folder.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from kiosk.explained import ExplainedError
from kiosk.paths import private_file, private_folder

#: inside the data folder: the laptop's identity and the hub key it trusts
KEYS_FOLDER = "keys"
LAPTOP_SECRET = "laptop-key.secret"
LAPTOP_PUBLIC = "laptop-key.pub"
TRUSTED_HUB = "hub-key.pub"
#: inside the hub's folder
HUB_SECRET = "hub-key.secret"
HUB_PUBLIC = "hub-key.pub"


class KeyFileError(ExplainedError, ValueError):
    """A key file that cannot be used, or a key that is missing; the message names the file and what to do."""


class KeyKind(StrEnum):
    LAPTOP = "laptop"
    HUB = "hub"

    @property
    def public_tag(self) -> str:
        return f"ux-kiosk-{self.value}-key-v1"

    @property
    def secret_tag(self) -> str:
        return f"ux-kiosk-{self.value}-secret-v1"


def fingerprint(raw: bytes) -> str:
    """The first 100 bits of the key's SHA-256 as 4 groups of 5 base32 letters (``ABCDE-FGH23-...``):
    short enough to read aloud, long enough that no one can make a key that matches by chance."""
    digest = base64.b32encode(hashlib.sha256(raw).digest()).decode("ascii")[:20]
    return "-".join(digest[i:i + 5] for i in range(0, 20, 5))


@dataclass(frozen=True)
class PublicKeyFile:
    """A public Ed25519 key with the side it belongs to."""

    kind: KeyKind
    raw: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.raw)

    @property
    def verify_key(self) -> VerifyKey:
        return VerifyKey(self.raw)

    @property
    def sealing_key(self) -> PublicKey:
        """The Curve25519 key bundles are sealed to (only the hub's is ever used so)."""
        return self.verify_key.to_curve25519_public_key()

    @property
    def base64(self) -> str:
        return base64.b64encode(self.raw).decode("ascii")

    def line(self) -> str:
        return f"{self.kind.public_tag} {self.base64}\n"

    @classmethod
    def from_base64(cls, kind: KeyKind, text: str) -> PublicKeyFile:
        raw = _decode(text)
        if raw is None:
            raise KeyFileError(f"{text[:20]!r} is not a {kind.value} key", key="exchange.key_unreadable",
                            path=text[:20], kind=kind.value)
        return cls(kind, raw)


@dataclass(frozen=True)
class SecretKey:
    """A private Ed25519 key (its 32-byte seed) with the side it belongs to."""

    kind: KeyKind
    signing_key: SigningKey

    @property
    def public(self) -> PublicKeyFile:
        return PublicKeyFile(self.kind, bytes(self.signing_key.verify_key))

    @property
    def opening_key(self) -> PrivateKey:
        """The Curve25519 key that opens bundles sealed to this (hub) key."""
        return self.signing_key.to_curve25519_private_key()


def _decode(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 else None


def read_public_key(path: Path, kind: KeyKind) -> PublicKeyFile:
    """Read a public key file of the expected side; a secret key or the other side's key is refused."""
    text = _read_line(path)
    tag, _, value = text.partition(" ")
    raw = _decode(value) if tag == kind.public_tag else None
    if raw is None:
        if tag == kind.secret_tag:
            raise KeyFileError(f"{path} is a private key: give the public key file ({kind.public_tag})",
                            key="exchange.key_is_secret", path=path)
        raise KeyFileError(f"{path} is not a {kind.value} public key file (expected one line '{kind.public_tag} ...')",
                        key="exchange.key_unreadable", path=path, kind=kind.value)
    return PublicKeyFile(kind, raw)


def read_secret_key(path: Path, kind: KeyKind) -> SecretKey:
    text = _read_line(path)
    tag, _, value = text.partition(" ")
    raw = _decode(value) if tag == kind.secret_tag else None
    if raw is None:
        raise KeyFileError(f"{path} is not a {kind.value} private key file (expected one line '{kind.secret_tag} ...')",
                        key="exchange.key_unreadable", path=path, kind=kind.value)
    return SecretKey(kind, SigningKey(raw))


def _read_line(path: Path) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise KeyFileError(f"no key file {path}", key="exchange.no_key_file", path=path) from None
    if len(data) > 4096:
        raise KeyFileError(f"{path} is not a key file (too long)", key="exchange.key_unreadable", path=path, kind="")
    return data.decode("ascii", errors="replace").strip()


def _write_secret(path: Path, key: SecretKey) -> None:
    """Created 0600 before the first byte, written, synced; an existing key is never replaced."""
    seed = base64.b64encode(bytes(key.signing_key)).decode("ascii")
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(f"{key.kind.secret_tag} {seed}\n")
        handle.flush()
        os.fsync(handle.fileno())


def _write_public(path: Path, key: PublicKeyFile) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_text(key.line(), encoding="ascii")
    partial.replace(path)


def keys_folder(data_root: Path) -> Path:
    return Path(data_root) / KEYS_FOLDER


def laptop_identity(data_root: Path) -> SecretKey:
    """The laptop's signing key, created on first need (0600 in a 0700 ``keys`` folder) with its public file."""
    folder = private_folder(keys_folder(data_root))
    secret_path = folder / LAPTOP_SECRET
    if not secret_path.exists():
        try:
            _write_secret(secret_path, SecretKey(KeyKind.LAPTOP, SigningKey.generate()))
        except FileExistsError:  # another process made it first: use theirs
            pass
    private_file(secret_path)
    key = read_secret_key(secret_path, KeyKind.LAPTOP)
    public_path = folder / LAPTOP_PUBLIC
    if not public_path.exists() or public_path.read_text(encoding="ascii", errors="replace") != key.public.line():
        _write_public(public_path, key.public)
    return key


def laptop_public_file(data_root: Path) -> Path:
    laptop_identity(data_root)
    return keys_folder(data_root) / LAPTOP_PUBLIC


def init_hub(hub_dir: Path) -> SecretKey:
    """The hub's key pair: the private key 0600 stays in ``hub_dir``; ``hub-key.pub`` is carried to laptops.

    An existing hub key is never replaced: every laptop trusts it, and bundles sealed to it would be lost.
    """
    folder = private_folder(Path(hub_dir))
    secret_path = folder / HUB_SECRET
    if secret_path.exists():
        raise KeyFileError(f"{folder} already has a hub key ({secret_path}); it is kept, because every laptop "
                        "trusts it", key="exchange.hub_key_exists", path=secret_path)
    key = SecretKey(KeyKind.HUB, SigningKey.generate())
    _write_secret(secret_path, key)
    _write_public(folder / HUB_PUBLIC, key.public)
    return key


def hub_secret(hub_dir: Path) -> SecretKey:
    path = Path(hub_dir) / HUB_SECRET
    if not path.exists():
        raise KeyFileError(f"no hub key in {hub_dir}: run 'ux-kiosk hub init --hub-dir {hub_dir}' first",
                        key="exchange.no_hub_key", folder=hub_dir)
    return read_secret_key(path, KeyKind.HUB)


def trust_hub(data_root: Path, key: PublicKeyFile) -> Path:
    """Store the hub key this laptop seals to (replacing an earlier one: a new hub is a facilitator's decision)."""
    folder = private_folder(keys_folder(data_root))
    path = folder / TRUSTED_HUB
    _write_public(path, key)
    return path


def trusted_hub(data_root: Path) -> PublicKeyFile | None:
    """The hub key bundles are sealed to, or None: then bundles are signed but not sealed."""
    path = keys_folder(data_root) / TRUSTED_HUB
    if not path.exists():
        return None
    return read_public_key(path, KeyKind.HUB)
