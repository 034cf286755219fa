"""The hub's signed receipt for a bundle: what lets a laptop mark a session "received by the hub".

A receipt is two lines of UTF-8 text (docs/hub.md):

    {"bundle": "...", "format": "ux-kiosk-receipt-v1", "hub_fingerprint": "...", "laptop_id": "...", ...}
    ux-kiosk-receipt-signature-v1 <base64 Ed25519 signature of the first line's bytes, without its newline>

The signature covers the exact bytes of the first line, so no JSON canonicalisation is needed to check
it, and a person can read the receipt in any text editor. Ed25519 signatures are deterministic: the hub
writes the same receipt again, byte for byte, when the same bundle arrives again.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from nacl.exceptions import BadSignatureError

from kiosk.exchange.keys import PublicKeyFile, SecretKey
from kiosk.exchange.sink import RECEIPTS_FOLDER
from kiosk.explained import ExplainedError

FORMAT = "ux-kiosk-receipt-v1"
SIGNATURE_TAG = "ux-kiosk-receipt-signature-v1"
SUFFIX = ".receipt"


class ReceiptResult(StrEnum):
    IMPORTED = "imported"  # the bundle added something the hub did not have
    ALREADY_HAD = "already_had"  # the hub had everything in it already (the same bundle, or an older revision)


class ReceiptError(ExplainedError, ValueError):
    """A receipt that is not from this hub, was changed, or cannot be read: the bundle is not marked received."""


@dataclass(frozen=True)
class Receipt:
    bundle: str
    tagmanifest_sha256: str
    laptop_id: str
    received_utc: str
    result: ReceiptResult
    hub_fingerprint: str
    format: str = FORMAT


def receipt_bytes(receipt: Receipt, hub_key: SecretKey) -> bytes:
    body = json.dumps({**asdict(receipt), "result": receipt.result.value}, ensure_ascii=False, sort_keys=True,
                      separators=(", ", ": ")).encode("utf-8")
    signature = base64.b64encode(hub_key.signing_key.sign(body).signature).decode("ascii")
    return body + f"\n{SIGNATURE_TAG} {signature}\n".encode("ascii")


def receipt_path(inbox: Path, bundle: str) -> Path:
    return Path(inbox) / RECEIPTS_FOLDER / f"{bundle}{SUFFIX}"


def write_receipt(inbox: Path, receipt: Receipt, hub_key: SecretKey) -> Path:
    """Write (or rewrite) the receipt under a temporary name, synced, then renamed: never half a receipt."""
    target = receipt_path(inbox, receipt.bundle)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with partial.open("wb") as handle:
        handle.write(receipt_bytes(receipt, hub_key))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return target


def _refused(detail: str) -> ReceiptError:
    return ReceiptError(f"the hub's receipt cannot be trusted ({detail}); the bundle stays 'sent' and is "
                        "acknowledged by the next receipt", key="hub.receipt_refused", detail=detail)


def read_receipt(data: bytes, hub_public_key: PublicKeyFile) -> Receipt:
    """The receipt in ``data``, checked against the hub's public key; ReceiptError if it does not verify."""
    lines = data.split(b"\n")
    if len(lines) < 2 or any(lines[2:]) or not lines[0]:
        raise _refused("not two lines")
    tag, _, value = lines[1].decode("ascii", errors="replace").strip().partition(" ")
    try:
        if tag != SIGNATURE_TAG:
            raise ValueError(tag)
        signature = base64.b64decode(value, validate=True)
        hub_public_key.verify_key.verify(lines[0], signature)
    except (BadSignatureError, binascii.Error, ValueError):
        raise _refused("its signature does not match the hub's key") from None
    try:
        fields = json.loads(lines[0].decode("utf-8"))
        receipt = Receipt(**{**fields, "result": ReceiptResult(fields["result"])})
    except (ValueError, TypeError, KeyError) as exc:
        raise _refused(f"unreadable: {exc}") from None
    if receipt.format != FORMAT:
        raise _refused(f"format {receipt.format!r}")
    if receipt.hub_fingerprint != hub_public_key.fingerprint:
        raise _refused("signed for another hub")
    return receipt
