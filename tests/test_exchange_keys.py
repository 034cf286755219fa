"""The laptop's and the hub's keys: created once, private on disk, one-line files, a fingerprint read by phone."""

from __future__ import annotations

import base64
import hashlib
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from nacl.public import SealedBox

from kiosk.cli import main
from kiosk.exchange.keys import (
    KeyFileError,
    KeyKind,
    fingerprint,
    hub_secret,
    init_hub,
    laptop_identity,
    read_public_key,
    trust_hub,
    trusted_hub,
)

ROOT = Path(__file__).resolve().parents[1]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_laptop_identity_is_created_once_private_and_stays_the_same(tmp_path: Path) -> None:
    root = tmp_path / "data"
    first = laptop_identity(root)
    again = laptop_identity(root)
    assert bytes(first.signing_key) == bytes(again.signing_key)
    assert mode(root / "keys") == 0o700
    assert mode(root / "keys" / "laptop-key.secret") == 0o600
    public = read_public_key(root / "keys" / "laptop-key.pub", KeyKind.LAPTOP)
    assert public == first.public
    assert (root / "keys" / "laptop-key.pub").read_text() == f"ux-kiosk-laptop-key-v1 {first.public.base64}\n"


def test_fingerprint_is_100_bits_of_sha256_in_four_groups_of_five() -> None:
    raw = bytes(range(32))
    expected = base64.b32encode(hashlib.sha256(raw).digest()).decode()[:20]
    assert fingerprint(raw) == "-".join(expected[i:i + 5] for i in range(0, 20, 5))
    assert fingerprint(raw) != fingerprint(bytes(31) + b"\x01")


def test_hub_key_signs_and_its_curve25519_form_opens_what_is_sealed_to_the_public_file(tmp_path: Path) -> None:
    hub = init_hub(tmp_path / "hub")
    assert mode(tmp_path / "hub" / "hub-key.secret") == 0o600
    public = read_public_key(tmp_path / "hub" / "hub-key.pub", KeyKind.HUB)
    sealed = SealedBox(public.sealing_key).encrypt(b"bundle key")
    assert SealedBox(hub_secret(tmp_path / "hub").opening_key).decrypt(sealed) == b"bundle key"
    signed = hub.signing_key.sign(b"receipt")
    assert public.verify_key.verify(signed) == b"receipt"


def test_an_existing_hub_key_is_never_replaced(tmp_path: Path) -> None:
    first = init_hub(tmp_path / "hub")
    with pytest.raises(KeyFileError, match="already has a hub key"):
        init_hub(tmp_path / "hub")
    assert hub_secret(tmp_path / "hub").public == first.public


def test_wrong_key_files_are_refused_with_what_they_are(tmp_path: Path) -> None:
    init_hub(tmp_path / "hub")
    with pytest.raises(KeyFileError, match="is a private key"):
        read_public_key(tmp_path / "hub" / "hub-key.secret", KeyKind.HUB)
    laptop_identity(tmp_path / "data")
    with pytest.raises(KeyFileError, match="not a hub public key"):
        read_public_key(tmp_path / "data" / "keys" / "laptop-key.pub", KeyKind.HUB)
    (tmp_path / "junk.pub").write_text("ux-kiosk-hub-key-v1 AAAA\n")
    with pytest.raises(KeyFileError, match="not a hub public key"):
        read_public_key(tmp_path / "junk.pub", KeyKind.HUB)
    with pytest.raises(KeyFileError, match="no key file"):
        read_public_key(tmp_path / "missing.pub", KeyKind.HUB)


def test_trusted_hub_key_is_kept_in_the_data_folder(tmp_path: Path) -> None:
    assert trusted_hub(tmp_path / "data") is None
    hub = init_hub(tmp_path / "hub")
    trust_hub(tmp_path / "data", hub.public)
    assert trusted_hub(tmp_path / "data") == hub.public


def test_cli_hub_init_trust_hub_and_identity(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["hub", "init", "--hub-dir", str(tmp_path / "hub")]) == 0
    created = capsys.readouterr().out
    hub = hub_secret(tmp_path / "hub")
    assert hub.public.fingerprint in created and "hub-key.pub" in created

    assert main(["--data-dir", str(data), "trust-hub", str(tmp_path / "hub" / "hub-key.pub"), "--yes"]) == 0
    assert hub.public.fingerprint in capsys.readouterr().out
    assert trusted_hub(data) == hub.public

    assert main(["identity", "--data-dir", str(data), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    laptop = laptop_identity(data)
    assert laptop.public.fingerprint in out
    assert read_public_key(tmp_path / "laptop-key.pub", KeyKind.LAPTOP) == laptop.public

    assert main(["hub", "init", "--hub-dir", str(tmp_path / "hub")]) == 1
    assert "already" in capsys.readouterr().err


def test_trust_hub_asks_to_compare_and_a_no_changes_nothing(tmp_path: Path) -> None:
    init_hub(tmp_path / "hub")
    data = tmp_path / "data"
    command = [sys.executable, "-m", "kiosk", "--data-dir", str(data), "--lang", "sr-Cyrl", "trust-hub",
               str(tmp_path / "hub" / "hub-key.pub")]
    refused = subprocess.run(command, input="не\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert refused.returncode == 1, refused.stderr
    assert "Отисак кључа центра" in refused.stdout
    assert trusted_hub(data) is None
    accepted = subprocess.run(command, input="да\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert accepted.returncode == 0, accepted.stderr
    assert trusted_hub(data) == hub_secret(tmp_path / "hub").public
