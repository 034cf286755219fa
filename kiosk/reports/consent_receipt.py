"""The consent receipt a participant takes home: their code, what they agreed to, how to withdraw.

Written in the language (and script) the participant consented in; it never shows the signature.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from kiosk.i18n import Catalog, default_catalog
from kiosk.reports.pdf import build_pdf
from kiosk.reports.wording import ReportWriter
from kiosk.store.db import StoreError, StoreReader
from kiosk.study.loader import load_plan_text


def write_consent_receipt(store: StoreReader, session_id: str, out: Path, catalog: Catalog | None = None) -> Path:
    catalog = catalog or default_catalog()
    record = store.session(session_id)
    consent = store.consent_record(session_id)
    if consent is None:
        raise StoreError(f"session {record.participant_code} has no consent record yet")
    study = load_plan_text(store.plan_source(record.plan_hash), f"<plan {record.plan_hash[:12]}>")
    lang = consent.language
    w = ReportWriter(catalog, lang, (consent.participant_code, consent.facilitator, consent.witness, consent.guardian))
    t, para, table = w.t, w.para, w.table

    facts = [
        (t("receipt.code"), consent.participant_code),
        (t("receipt.study"), study.title.get_or_fallback(lang)),
        (t("receipt.date"), w.when(consent.utc)),  # the laptop's local time, as the language writes it
        (t("receipt.language"), w.language(lang)),
        (t("receipt.method"), t(f"consent.method_name_{consent.method}")),
        (t("receipt.facilitator"), consent.facilitator),
    ]
    if consent.witness:
        facts.append((t("receipt.witness"), consent.witness))
    if consent.guardian:
        facts.append((t("receipt.guardian"), consent.guardian))
    agreed = [(("✔ " + t("consent.yes")) if consent.options.get(o.value) else ("✘ " + t("consent.no")),
               t(f"consent.option_{o.value}")) for o in study.consent.options]
    story = [
        para(t("receipt.title"), "title"), para(t("receipt.intro"), "large"),
        table(facts, [60 * mm, 114 * mm], header_rows=0, large=True),
        para(t("receipt.agreed"), "h1"), table(agreed, [25 * mm, 149 * mm], header_rows=0, large=True),
        para(t("receipt.retention"), "h1"), para(study.consent.retention.get_or_fallback(lang), "large"),
        para(t("receipt.withdraw"), "h1"),
        para(t("receipt.withdraw_text", text=study.consent.how_to_withdraw.get_or_fallback(lang)), "large"),
        Spacer(1, 8 * mm), para(t("receipt.fingerprint", version=consent.consent_version), "small"),
        para(consent.text_sha256, "small"),
    ]
    return build_pdf(out, story, catalog, lang, w.script(f"{t('receipt.title')} · {consent.participant_code}"))
