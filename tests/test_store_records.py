"""An incomplete consent record says everything it lacks, in words a facilitator can act on.

Written against the mutants that survived `mutmut` on kiosk/store/records.py (docs/testing.md): the
existing test matched one word per gap, and no fast test gave consent by signature.
"""

from __future__ import annotations

import pytest

from kiosk.simulate import mark_png
from kiosk.store import ConsentRecord, IncompleteConsent

COMPLETE = dict(id="c", session_id="s", participant_code="P-1", study_id="x", plan_version="1", consent_version="1",
                text_sha256="a" * 64, language="en", script="Latn", options={"take_part": True}, method="verbal",
                facilitator="F", utc="2026-01-01T00:00:00+00:00", local_time="2026-01-01T01:00:00+01:00",
                laptop_id="L", witness="W-1")


def test_a_signature_is_an_image_and_is_enough() -> None:
    record = ConsentRecord(**{**COMPLETE, "method": "signature", "witness": "", "signature_png": mark_png()})
    assert record.method == "signature"
    with pytest.raises(IncompleteConsent, match=r"^consent cannot be saved without: signature_png \(a signature "
                                                r"must be captured as an image\)$"):
        ConsentRecord(**{**COMPLETE, "method": "signature", "witness": ""})


def test_every_gap_is_listed_in_one_message() -> None:
    broken = {**COMPLETE, "text_sha256": "abc", "options": {"take_part": "yes"}, "witness": " ",
              "required_guardian": True, "facilitator": ""}
    with pytest.raises(IncompleteConsent) as raised:
        ConsentRecord(**broken)
    assert str(raised.value) == (
        "consent cannot be saved without: facilitator; text_sha256 (the SHA-256 of the consent text shown); "
        "options.take_part (taking part must be agreed to); options (every option must be yes or no); "
        "witness (verbal consent needs an impartial witness); "
        "guardian (a participant under 18 needs a parent or guardian's consent)")
