"""Every count in reports and receipts in the reader's grammar: plural messages, no "(s)", native ordinals.

The exact sentences for 1, 2, 5 and 21 (Serbian: one, few, other, and one again) in English and Serbian
Cyrillic, and a report of one participant read back from the PDF.
"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sessions_helper import run_session

from kiosk.i18n import Catalog
from kiosk.reports.dataset import collect_study
from kiosk.reports.study_report import write_study_report
from kiosk.session.clock import SimulatedClock

COUNTS = (1, 2, 5, 21)

#: key → language → the sentence for each of COUNTS
SENTENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "report.participants_text": {
        "en": ("1 participant took part, identified by a pseudonymous code only.",
               "2 participants took part, identified by pseudonymous codes only.",
               "5 participants took part, identified by pseudonymous codes only.",
               "21 participants took part, identified by pseudonymous codes only."),
        "sr-Cyrl": ("Учествовао је 1 учесник, означен само псеудонимном шифром.",
                    "Учествовала су 2 учесника, означена само псеудонимним шифрама.",
                    "Учествовало је 5 учесника, означених само псеудонимним шифрама.",
                    "Учествовао је 21 учесник, означен само псеудонимном шифром."),
    },
    "report.exec_took_part": {
        "en": ("1 participant took part.", "2 participants took part.", "5 participants took part.",
               "21 participants took part."),
        "sr-Cyrl": ("Учествовао је 1 учесник.", "Учествовала су 2 учесника.", "Учествовало је 5 учесника.",
                    "Учествовао је 21 учесник."),
    },
    "report.intro_tasks": {
        "en": ("Participants carried out 1 task while a facilitator observed.",
               "Participants carried out 2 tasks while a facilitator observed.",
               "Participants carried out 5 tasks while a facilitator observed.",
               "Participants carried out 21 tasks while a facilitator observed."),
        "sr-Cyrl": ("Учесници су урадили 1 задатак док их је водитељ посматрао.",
                    "Учесници су урадили 2 задатка док их је водитељ посматрао.",
                    "Учесници су урадили 5 задатака док их је водитељ посматрао.",
                    "Учесници су урадили 21 задатак док их је водитељ посматрао."),
    },
    "report.intro_laptops": {
        "en": ("The sessions were recorded on 1 laptop.", "The sessions were recorded on 2 laptops.",
               "The sessions were recorded on 5 laptops.", "The sessions were recorded on 21 laptops."),
        "sr-Cyrl": ("Сесије су забележене на 1 рачунару.", "Сесије су забележене на 2 рачунара.",
                    "Сесије су забележене на 5 рачунара.", "Сесије су забележене на 21 рачунару."),
    },
    "report.quotes_withheld": {
        "en": ("1 quote was withheld: no consent to be quoted.", "2 quotes were withheld: no consent to be quoted.",
               "5 quotes were withheld: no consent to be quoted.", "21 quotes were withheld: no consent to be quoted."),
        "sr-Cyrl": ("Изостављен је 1 цитат: нема сагласности за цитирање.",
                    "Изостављена су 2 цитата: нема сагласности за цитирање.",
                    "Изостављено је 5 цитата: нема сагласности за цитирање.",
                    "Изостављен је 21 цитат: нема сагласности за цитирање."),
    },
    "count.barriers": {
        "en": ("1 accessibility barrier", "2 accessibility barriers", "5 accessibility barriers",
               "21 accessibility barriers"),
        "sr-Cyrl": ("1 препрека приступачности", "2 препреке приступачности", "5 препрека приступачности",
                    "21 препрека приступачности"),
    },
    "count.errors": {
        "en": ("1 error", "2 errors", "5 errors", "21 errors"),
        "sr-Cyrl": ("1 грешка", "2 грешке", "5 грешака", "21 грешка"),
    },
    "count.quotes": {
        "en": ("1 quote", "2 quotes", "5 quotes", "21 quotes"),
        "sr-Cyrl": ("1 цитат", "2 цитата", "5 цитата", "21 цитат"),
    },
    "count.participants": {
        "en": ("1 participant", "2 participants", "5 participants", "21 participants"),
        "sr-Cyrl": ("1 учесник", "2 учесника", "5 учесника", "21 учесник"),
    },
}

PROCEDURE = {
    "en": ("Each participant gave consent, answered {q} and then carried out the tasks in a fixed order, at their own "
           "pace and with no time limit. The facilitator recorded the outcome of each task; pauses were excluded "
           "from task time."),
    "sr-Cyrl": ("Сваки учесник је дао сагласност, одговорио на {q} и затим урадио задатке у сталном редоследу, "
                "сопственим темпом и без временског ограничења. Водитељ је бележио исход сваког задатка; паузе "
                "нису урачунате у време задатка."),
}
QUESTIONS = {"en": ("1 background question", "2 background questions", "5 background questions",
                    "21 background questions"),
             "sr-Cyrl": ("1 позадинско питање", "2 позадинска питања", "5 позадинских питања", "21 позадинско питање")}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog()


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl"])
@pytest.mark.parametrize("key", sorted(SENTENCES))
def test_counted_sentences_exactly(catalog: Catalog, key: str, lang: str) -> None:
    got = tuple(catalog.plural(lang, key, n) for n in COUNTS)
    assert got == SENTENCES[key][lang]


@pytest.mark.parametrize("lang", ["en", "sr-Cyrl"])
def test_procedure_counts_its_background_questions(catalog: Catalog, lang: str) -> None:
    order = catalog.text(lang, "report.order_fixed")
    for n, phrase in zip(COUNTS, QUESTIONS[lang]):
        assert catalog.plural(lang, "report.procedure_text", n, order=order) == PROCEDURE[lang].format(q=phrase)


@pytest.mark.parametrize("lang, expected", [
    ("en", "Facilitators noted 1 accessibility barrier, 2 errors and 21 quotes; see “Facilitator notes”."),
    ("sr-Cyrl", "Водитељи су забележили: 1 препрека приступачности, 2 грешке и 21 цитат; видети „Белешке водитеља”."),
])
def test_notes_finding_is_counted_noun_phrases(catalog: Catalog, lang: str, expected: str) -> None:
    phrases = {name: catalog.plural(lang, f"count.{name}", n)
               for name, n in (("barriers", 1), ("errors", 2), ("quotes", 21))}
    assert catalog.text(lang, "report.finding_notes", **phrases) == expected


@pytest.mark.parametrize("n, english, serbian", [(1, "1st", "1."), (2, "2nd", "2."), (5, "5th", "5."),
                                                 (21, "21st", "21."), (12, "12th", "12.")])
def test_percentile_is_an_ordinal(catalog: Catalog, n: int, english: str, serbian: str) -> None:
    from kiosk.i18n.formats import ordinal

    assert catalog.text("en", "report.exec_sus", sus="70.0", grade="B", percentile=ordinal("en", n)) == (
        f"The System Usability Scale score was 70.0 (grade B, about the {english} percentile; the average is 68).")
    assert f"око {serbian} перцентила" in catalog.text("sr-Cyrl", "report.sus_text", mean="7", low="1", high="9",
                                                        n=3, grade="B", percentile=ordinal("sr-Cyrl", n))


def test_no_report_or_receipt_message_says_s_in_brackets(catalog: Catalog) -> None:
    for key in catalog.keys("en"):
        if key.startswith(("report.", "receipt.", "count.")):
            for lang in ("en", "sr-Cyrl"):
                forms = catalog._forms(lang, key)
                assert not any("(s)" in f or "{n} p" in f or "}th " in f for f in forms), (key, lang, forms)


@pytest.mark.slow
@pytest.mark.parametrize("lang, wanted, unwanted", [
    ("en", ["1 participant took part.", "recorded on 1 laptop.", "carried out 5 tasks", "answered 3 background questions"],
     ["(s)", "1 people", "1 participants", "1 laptops"]),
    ("sr-Cyrl", ["Учествовао је 1 учесник.", "забележене на 1 рачунару.", "урадили 5 задатака",
                 "одговорио на 3 позадинска питања"], ["урадили 1 задатака", "Учествовало је 1 особа", "(s)"]),
])
def test_report_of_one_participant_reads_right(store, demo_study, lang: str, wanted: list[str],
                                               unwanted: list[str], tmp_path: Path) -> None:
    clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    run_session(store, demo_study, "P-0001", clock, note="Тражи дугме.")
    out = write_study_report(collect_study(store, demo_study.id), tmp_path / "one.pdf", lang)
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert len(demo_study.tasks) == 5 and len(demo_study.pre_questions) == 3
    for phrase in wanted:
        assert phrase in text, phrase
    for phrase in unwanted:
        assert phrase not in text, phrase
