"""Standard questionnaires built from the message catalog, so their wording is translated once.

SEQ, SUS (standard or all-positive), UMUX-Lite and NASA-TLX (raw, with the optional 15 pairwise
comparisons for weights). NASA-TLX is asked on 0–100 in steps of 10: 21 steps would not fit 16 mm
touch targets on a 1280-pixel-wide screen; the report states this.
"""

from __future__ import annotations

from itertools import combinations

from kiosk.i18n import Catalog, LocalText, default_catalog
from kiosk.metrics import TLX_SCALES
from kiosk.study.model import Choice, Question, QuestionKind, QuestionnaireOptions

SUS_ITEMS = 10
AFTER_TASK = ("seq", "umux_lite", "nasa_tlx")
AFTER_SESSION = ("sus", "umux_lite", "nasa_tlx")
KNOWN_INSTRUMENTS = ("seq", "sus", "umux_lite", "nasa_tlx")


def _local(catalog: Catalog, key: str) -> LocalText:
    return LocalText({lang: catalog.text(lang, key) for lang in catalog.languages})


def _scope(task_id: str | None) -> str:
    return f"{task_id}:" if task_id else ""


def seq_question(task_id: str, catalog: Catalog | None = None) -> Question:
    """The Single Ease Question: 1 (very difficult) to 7 (very easy), asked after each task."""
    catalog = catalog or default_catalog()
    return Question(id=f"seq:{task_id}", kind=QuestionKind.LIKERT, text=_local(catalog, "seq.question"),
                    scale_min=1, scale_max=7, low_label=_local(catalog, "seq.low"),
                    high_label=_local(catalog, "seq.high"), instrument="seq", item="seq")


def sus_questions(version: str = "standard", catalog: Catalog | None = None) -> tuple[Question, ...]:
    """The ten SUS items, 1 (strongly disagree) to 5 (strongly agree)."""
    catalog = catalog or default_catalog()
    section = "sus" if version == "standard" else "sus_positive"
    return tuple(
        Question(id=f"sus:{n}", kind=QuestionKind.LIKERT, text=_local(catalog, f"{section}.item{n}"),
                 scale_min=1, scale_max=5, low_label=_local(catalog, "sus.low"),
                 high_label=_local(catalog, "sus.high"), instrument="sus", item=str(n))
        for n in range(1, SUS_ITEMS + 1)
    )


def umux_lite_questions(task_id: str | None, catalog: Catalog | None = None) -> tuple[Question, ...]:
    catalog = catalog or default_catalog()
    return tuple(
        Question(id=f"umux_lite:{_scope(task_id)}{n}", kind=QuestionKind.LIKERT,
                 text=_local(catalog, f"umux_lite.item{n}"), scale_min=1, scale_max=7,
                 low_label=_local(catalog, "sus.low"), high_label=_local(catalog, "sus.high"),
                 instrument="umux_lite", item=str(n))
        for n in (1, 2)
    )


def nasa_tlx_questions(task_id: str | None, weighted: bool, catalog: Catalog | None = None) -> tuple[Question, ...]:
    catalog = catalog or default_catalog()
    ratings = tuple(
        Question(id=f"nasa_tlx:{_scope(task_id)}{scale}", kind=QuestionKind.LIKERT,
                 text=_local(catalog, f"nasa_tlx.{scale}_question"), scale_min=0, scale_max=100, step=10,
                 low_label=_local(catalog, "nasa_tlx.perfect" if scale == "performance" else "nasa_tlx.low"),
                 high_label=_local(catalog, "nasa_tlx.failure" if scale == "performance" else "nasa_tlx.high"),
                 instrument="nasa_tlx", item=scale)
        for scale in TLX_SCALES
    )
    if not weighted:
        return ratings
    pairs = tuple(
        Question(id=f"nasa_tlx_pair:{_scope(task_id)}{a}-{b}", kind=QuestionKind.SINGLE_CHOICE,
                 text=_local(catalog, "nasa_tlx.pair_question"),
                 choices=(Choice(a, _local(catalog, f"nasa_tlx.{a}")), Choice(b, _local(catalog, f"nasa_tlx.{b}"))),
                 instrument="nasa_tlx_pair", item=f"{a}-{b}")
        for a, b in combinations(TLX_SCALES, 2)
    )
    return ratings + pairs


def instrument_questions(name: str, task_id: str | None = None, options: QuestionnaireOptions | None = None,
                         catalog: Catalog | None = None) -> tuple[Question, ...]:
    options = options or QuestionnaireOptions()
    if name == "seq":
        return (seq_question(task_id or "study", catalog),)
    if name == "sus":
        return sus_questions(options.sus_version, catalog)
    if name == "umux_lite":
        return umux_lite_questions(task_id, catalog)
    if name == "nasa_tlx":
        return nasa_tlx_questions(task_id, options.nasa_tlx_weighted, catalog)
    raise KeyError(name)
