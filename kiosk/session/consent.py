"""What the participant is shown when consenting, as one canonical text: the screens display it and
its SHA-256 goes into the consent record, so the record proves exactly which words were agreed to.
"""

from __future__ import annotations

import hashlib

from kiosk.i18n import Catalog, default_catalog
from kiosk.study.model import ConsentOption, Study


def consent_document(study: Study, lang: str, catalog: Catalog | None = None) -> str:
    """Easy-read summary, full text, retention and every option's wording, in the order shown."""
    catalog = catalog or default_catalog()
    spec = study.consent
    parts = [
        f"[{study.id} consent {spec.version} {lang}]",
        spec.easy_read.get(lang),
        spec.text.get(lang),
        catalog.text(lang, "consent.retention", text=spec.retention.get(lang)),
        *(catalog.text(lang, f"consent.option_{option.value}") for option in spec.options),
    ]
    return "\n\n".join(parts)


def consent_sha256(study: Study, lang: str, catalog: Catalog | None = None) -> str:
    return hashlib.sha256(consent_document(study, lang, catalog).encode("utf-8")).hexdigest()


def script_of(lang: str) -> str:
    """ISO 15924 script of a language tag as we use them (sr-Cyrl → Cyrl; others here are Latin)."""
    return "Cyrl" if lang.endswith("-Cyrl") else "Latn"


def empty_choice(study: Study) -> dict[str, bool]:
    """Every option unticked: nothing is agreed to by default."""
    return {option.value: False for option in study.consent.options}


__all__ = ["ConsentOption", "consent_document", "consent_sha256", "empty_choice", "script_of"]
