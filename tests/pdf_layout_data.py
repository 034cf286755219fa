"""Realistic report data for the PDF layout test: a simulated study with long titles, long notes and
enough sessions that every table splits, plus one consented session per catalog language for receipts.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from conftest import consent
from sessions_helper import run_session

from kiosk.i18n import Catalog
from kiosk.i18n import DERIVED_LANGUAGES
from kiosk.reports.consent_receipt import write_consent_receipt
from kiosk.reports.dataset import collect_study
from kiosk.reports.session_report import write_session_report
from kiosk.reports.study_report import write_study_report
from kiosk.resources import demo_plan_path
from kiosk.session import SessionEngine
from kiosk.session.clock import SimulatedClock
from kiosk.simulate import simulate
from kiosk.store import Store
from kiosk.study import Study, load_plan_text

#: appended to the first task's title, so a title needs two or three lines in every table and chart
LONG_TITLE = {"sr-Cyrl": "са приложеним доказима о власништву над земљиштем, уговорима о закупу и изводом из катастра",
              "en": "with the attached proof of land ownership, the lease contracts and an extract from the land register"}
LONG_NOTE = ("Учесница је дуго тражила где се уписује број парцеле, па је прво отворила помоћ, затим се вратила "
             "на почетну страну и поново кренула од корака један; рекла је да би код куће позвала ћерку. ") * 3
LONG_ASSISTANCE = "Showed where the parcel number goes and read the hint under the field aloud, twice. " * 4


@dataclass(frozen=True)
class LayoutData:
    store: Store
    study: Study
    session_id: str  # the session with the longest timeline
    receipts: dict[str, str]  # language → a session consented in it


def plan_for_layout(languages: list[str]) -> str:
    """The demo plan with a long first task title, offered in every language the catalog has.

    A catalog language the plan has no texts for (a language whose plan translation is not written
    yet) gets the English texts under its own tag, so its receipt can still be laid out in its words.
    """
    source = demo_plan_path().read_text(encoding="utf-8")
    planned = tomllib.loads(source)["study"]["languages"]
    typed = [lang for lang in languages if lang not in DERIVED_LANGUAGES]
    missing = [lang for lang in typed if lang not in planned and lang not in ("sr-Cyrl", "en")]
    offered = planned + [lang for lang in languages if lang not in planned]
    source = re.sub(r"(?m)^languages = \[.*\]$", "languages = [" + ", ".join(f'"{x}"' for x in offered) + "]",
                    source, count=1)
    tasks = source.index("[[tasks]]")
    first_title = re.search(r"(?m)^title = \{.*\}$", source[tasks:])
    assert first_title, "the demo plan's first task has no one-line title table any more"
    longer = re.sub(r'([\w-]+) = "([^"]*)"', lambda m: f'{m[1]} = "{m[2]} {LONG_TITLE.get(m[1], LONG_TITLE["en"])}"',
                    first_title[0])
    source = source[:tasks] + source[tasks:].replace(first_title[0], longer, 1)
    for lang in missing:
        source = re.sub(r'(en = ("(?:[^"\\]|\\.)*"))( \})', rf'\1, {lang} = \2\3', source)  # inline tables
        source = re.sub(r'(?m)^(\S+)\.en = ("""[\s\S]*?"""|"(?:[^"\\]|\\.)*")$', rf'\g<0>\n\1.{lang} = \2', source)
    return source


def build_layout_data(folder: Path) -> LayoutData:
    catalog = Catalog()
    store = Store(folder / "kiosk.sqlite3")
    study = load_plan_text(plan_for_layout(catalog.languages))
    simulate(store, study, participants=60, seed=5)
    clock = SimulatedClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    run_session(store, study, "P-0900", clock, note=LONG_NOTE, assistance=LONG_ASSISTANCE)
    receipts = {}
    for n, lang in enumerate(catalog.languages):
        engine = SessionEngine.start(store, study, f"R-{n + 1:04d}", clock, language=lang, facilitator="F1")
        engine.continue_from_welcome()
        consent(engine, "quotes", "audio")
        receipts[lang] = engine.record.id
    longest = max((s.id for s in store.sessions(study.id)), key=lambda sid: len(store.events(sid)))
    return LayoutData(store, study, longest, receipts)


def render_all(data: LayoutData, out: Path, languages: list[str]) -> list[tuple[str, str, Path]]:
    """Every report in every language: (kind, language, path)."""
    out.mkdir(parents=True, exist_ok=True)
    results = collect_study(data.store, data.study.id)
    written = []
    for lang in languages:
        written.append(("study", lang, write_study_report(results, out / f"study-{lang}.pdf", lang)))
        written.append(("session", lang, write_session_report(data.store, data.session_id,
                                                                out / f"session-{lang}.pdf", lang)))
        written.append(("receipt", lang, write_consent_receipt(data.store, data.receipts[lang],
                                                                 out / f"receipt-{lang}.pdf")))
    return written
