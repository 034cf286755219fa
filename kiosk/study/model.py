"""Typed values for a study plan, parsed once at the boundary so nothing downstream reads raw dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kiosk.i18n import DERIVED_LANGUAGES, LocalText
from kiosk.prototype.model import Prototype, PrototypeTask
from kiosk.text import PARTICIPANT_CODE_PATTERN


class QuestionKind(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    LIKERT = "likert"
    TEXT = "text"


class TaskOrder(StrEnum):
    FIXED = "fixed"
    COUNTERBALANCED = "counterbalanced"


class CodeScope(StrEnum):
    """Whom a participant code names at the hub, where sessions of many laptops meet."""

    #: each laptop hands out its own codes: P-0001 of two laptops is two people (the default)
    PER_LAPTOP = "per_laptop"
    #: the study hands out codes centrally: P-0001 is one person at every site (a withdrawal erases them everywhere)
    STUDY = "study"


@dataclass(frozen=True)
class Choice:
    """One answer to a choice question. ``exclusive`` (such as "None") cannot be chosen with any other."""

    id: str
    label: LocalText
    exclusive: bool = False


@dataclass(frozen=True)
class Question:
    """One question shown on one screen. ``instrument`` names a standard questionnaire (``sus``, ``seq``)."""

    id: str
    kind: QuestionKind
    text: LocalText
    choices: tuple[Choice, ...] = ()
    scale_min: int = 1
    scale_max: int = 5
    low_label: LocalText | None = None
    high_label: LocalText | None = None
    instrument: str | None = None
    item: str = ""
    step: int = 1
    #: a few words naming the question where one line must do (console timeline); None: the text, cut short
    short: LocalText | None = None

    @property
    def scale_values(self) -> tuple[int, ...]:
        return tuple(range(self.scale_min, self.scale_max + 1, self.step))


#: the language tag of a plain (untagged) facilitator text, BCP 47's "undetermined": shown in any language
UNTAGGED = "und"


@dataclass(frozen=True)
class Task:
    """``facilitator_notes`` and ``success_criteria`` are facilitator-only: by language, or one plain text
    (kept under :data:`UNTAGGED`); empty when the plan gives none."""

    id: str
    title: LocalText
    instructions: LocalText
    facilitator_notes: LocalText = field(default_factory=LocalText)
    success_criteria: LocalText = field(default_factory=LocalText)
    expected_seconds: int = 0
    prototype: PrototypeTask | None = None  # None: the task happens off the kiosk (step aside, or on paper)
    step_aside: bool = False  # the task is done in another program: the participant view shrinks to a bar


class ConsentOption(StrEnum):
    """What a participant can agree to, each separately. Only TAKE_PART is required to take part."""

    TAKE_PART = "take_part"
    AUDIO = "audio"
    CAMERA = "camera"
    SCREEN = "screen"
    QUOTES = "quotes"
    CLIPS_INTERNAL = "clips_internal"
    IMAGES_PUBLIC = "images_public"
    FUTURE_CONTACT = "future_contact"


class ConsentMethod(StrEnum):
    SIGNATURE = "signature"
    MARK = "mark"
    VERBAL = "verbal"


@dataclass(frozen=True)
class ConsentSpec:
    """The consent a plan asks for: versioned text, easy-read summary, options, methods, retention."""

    version: str
    text: LocalText
    easy_read: LocalText
    retention: LocalText
    how_to_withdraw: LocalText
    options: tuple[ConsentOption, ...] = (ConsentOption.TAKE_PART,)
    methods: tuple[ConsentMethod, ...] = tuple(ConsentMethod)
    clips: dict[str, Path] = field(default_factory=dict)
    export_contacts: bool = False
    #: languages whose wording no native speaker has reviewed yet (a machine-assisted draft): ``check`` warns
    #: and the console tells the facilitator, who must be ready to explain what the text may say badly
    unreviewed_languages: tuple[str, ...] = ()

    def reviewed_in(self, lang: str) -> bool:
        """Serbian Latin is made from the Cyrillic, so it is exactly as reviewed as the Cyrillic is."""
        source = DERIVED_LANGUAGES.get(lang, (lang,))[0]
        return lang not in self.unreviewed_languages and source not in self.unreviewed_languages


@dataclass(frozen=True)
class QuestionnaireOptions:
    """How standard questionnaires are given; reports repeat these so readers can judge the numbers."""

    sus_version: str = "standard"
    sus_translation_validated: bool = False
    nasa_tlx_weighted: bool = False
    pictorial: bool = False


#: participant codes: one to four letters, an optional '-', one to six digits (P-0042); see kiosk.session.codes
DEFAULT_PARTICIPANT_CODE_PATTERN = PARTICIPANT_CODE_PATTERN


@dataclass(frozen=True)
class Study:
    """A validated study plan. ``content_hash`` identifies exactly what a session saw."""

    id: str
    version: str
    title: LocalText
    languages: tuple[str, ...]
    default_language: str
    welcome: LocalText
    consent: ConsentSpec
    closing: LocalText
    pre_questions: tuple[Question, ...]
    tasks: tuple[Task, ...]
    after_each_task: tuple[str, ...]
    after_last_task: tuple[str, ...]
    task_order: TaskOrder
    post_task_questions: tuple[Question, ...] = ()
    post_session_questions: tuple[Question, ...] = ()
    options: "QuestionnaireOptions" = field(default_factory=lambda: QuestionnaireOptions())
    group_by: tuple[str, ...] = ()
    source_text: str = field(repr=False, default="")
    content_hash: str = ""
    source_path: Path | None = None
    participant_code_pattern: str = DEFAULT_PARTICIPANT_CODE_PATTERN
    participant_codes: CodeScope = CodeScope.PER_LAPTOP
    prototypes: dict[str, Prototype] = field(default_factory=dict)  # by id, for the tasks that use one

    def task(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise KeyError(f"study {self.id!r} has no task {task_id!r}")
