"""Why the hub refuses a bundle: one reason per check, worded for the person who looks at the quarantine."""

from __future__ import annotations

from enum import StrEnum

from kiosk.explained import ExplainedError


class Reason(StrEnum):
    NOT_A_BUNDLE = "not_a_bundle"
    UNKNOWN_SIGNER = "unknown_signer"
    BAD_SIGNATURE = "bad_signature"
    CHANGED_FILE = "changed_file"
    MISSING_FILE = "missing_file"
    ADDED_FILE = "added_file"
    SEALED_NO_KEY = "sealed_no_key"
    WRONG_HUB_KEY = "wrong_hub_key"
    DAMAGED_SEALED_FILE = "damaged_sealed_file"
    MISLABELLED = "mislabelled"


_ENGLISH = {
    Reason.NOT_A_BUNDLE: "{bundle} is not a ux-kiosk bundle ({detail})",
    Reason.UNKNOWN_SIGNER: "{bundle} is signed by a laptop the hub does not trust (key {fingerprint}, laptop "
                           "{laptop}); trust that laptop's key after comparing its fingerprint, then import again",
    Reason.BAD_SIGNATURE: "{bundle} was changed after it was signed (its signature does not match)",
    Reason.CHANGED_FILE: "{bundle} was changed after it was signed: {file} is not the file that was signed",
    Reason.MISSING_FILE: "{bundle} is incomplete: {file} is missing",
    Reason.ADDED_FILE: "{bundle} holds a file that was not signed: {file}",
    Reason.SEALED_NO_KEY: "{bundle} is sealed; it can only be opened with the hub's key",
    Reason.WRONG_HUB_KEY: "{bundle} is sealed to another hub key, not this hub's ({fingerprint})",
    Reason.DAMAGED_SEALED_FILE: "{bundle} is damaged: {file} does not decrypt ({detail})",
    Reason.MISLABELLED: "{bundle} does not hold what its label says ({detail})",
}


class BundleRejected(ExplainedError, ValueError):
    """A bundle refused, with its reason (``reason``) and the words the hub shows (``key`` in the catalogs)."""

    def __init__(self, bundle: str, reason: Reason, **values: str) -> None:
        values = {"file": "", "detail": "", "fingerprint": "", "laptop": "", **values}
        super().__init__(_ENGLISH[reason].format(bundle=bundle, **values), key=f"exchange.rejected_{reason.value}",
                         bundle=bundle, **values)
        self.bundle, self.reason = bundle, reason
