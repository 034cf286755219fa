"""Load and validate a study plan (TOML), collecting every problem instead of stopping at the first.

Each problem names the file, the line (where it can be found), the key path, and what was expected,
so a researcher fixing a plan in the field sees the whole list at once.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.i18n import default_catalog
import kiosk.study.source as toml_source
from kiosk.study.checks import question_id_problems, unreviewed_language_problems
from kiosk.study.instruments import AFTER_SESSION, AFTER_TASK
from kiosk.study.model import (DEFAULT_PARTICIPANT_CODE_PATTERN, Choice, CodeScope, ConsentMethod, ConsentOption,
                               ConsentSpec, Question, QuestionKind, QuestionnaireOptions, Study, Task, TaskOrder)
from kiosk.prototype.model import Prototype, PrototypeTask
from kiosk.study.prototypes import read_task_prototype
from kiosk.study.reader import ID as _ID, PlanError, Problem, Reader as _Reader, kind_of as _kind  # noqa: I001

_TOP_KEYS = {"study", "welcome", "consent", "pre_questions", "tasks", "questionnaires", "closing",
             "post_task_questions", "post_session_questions", "report"}
_STUDY_KEYS = {"id", "version", "title", "languages", "default_language", "task_order", "participant_code_pattern",
               "participant_codes"}
_TASK_KEYS = {"id", "title", "instructions", "facilitator_notes", "success_criteria", "expected_minutes", "prototype",
              "step_aside"}
_QUESTION_KEYS = {"id", "kind", "text", "short", "choices", "scale_min", "scale_max", "low_label", "high_label"}
_CHOICE_KEYS = {"id", "label", "exclusive"}
_TEXT_BLOCK_KEYS = {"text"}
_CONSENT_KEYS = {"version", "text", "easy_read", "retention", "how_to_withdraw", "options", "methods", "clips",
                 "export_contacts", "unreviewed_languages"}
_QUESTIONNAIRE_KEYS = {"after_each_task", "after_last_task", "sus_version", "sus_translation_validated",
                       "nasa_tlx_weighted", "pictorial"}
_REPORT_KEYS = {"group_by"}
_MAX_EXPECTED_MINUTES = 180


def load_plan(path: str | Path) -> Study:
    """Read and validate ``path`` (a plan file, or a study's folder holding ``plan.toml``); raise
    :class:`PlanError` listing every problem."""
    path = Path(path)
    if path.is_dir():  # "one folder per study": the folder names its plan
        if not (path / "plan.toml").is_file():
            raise PlanError([Problem(str(path), None, "", "a folder with no plan.toml: give a study's folder "
                                                         "or its plan file")])
        path = path / "plan.toml"
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError([Problem(str(path), None, "", f"cannot read the plan: {exc.strerror or exc}")]) from None
    try:
        text = toml_source.decode(raw)
    except UnicodeDecodeError as exc:
        raise PlanError([Problem(str(path), raw[: exc.start].count(b"\n") + 1, "",
                                 "the file is not UTF-8; save it as UTF-8 (Cyrillic needs it)")]) from None
    return load_plan_text(text, path, authoring=True)


def load_plan_text(text: str, path: str | Path = "plan.toml", authoring: bool = False) -> Study:
    """Validate plan text; ``authoring`` adds the checks for plans being written (``load_plan`` sets it).

    Without it, text that a session already ran against (a stored snapshot) is judged by the rules it
    was accepted under, so a rule added later can never strand an interrupted session or its report.
    """
    path = Path(path)
    text = toml_source.strip_bom(text)
    reader = _Reader(text, str(path), authoring)
    try:
        data = toml_source.parse(text)
    except toml_source.SourceProblem as exc:
        raise PlanError([Problem(str(path), exc.line, "", exc.message)]) from None
    study = _read_study(reader, data, text, path)
    if reader.problems:
        raise PlanError(reader.problems)
    assert study is not None
    return study


def _read_study(r: _Reader, data: Mapping[str, Any], source: str, path: Path) -> Study | None:
    for key in data:
        if key not in _TOP_KEYS:
            hint = difflib.get_close_matches(key, sorted(_TOP_KEYS), n=1)
            r.problem(key, f"unknown section {key!r}" + (f"; did you mean {hint[0]!r}?" if hint else ""))
    if "study" not in data:
        r.problem("study", "the [study] section is missing; expected id, version, title and languages")
        return None
    meta = r.table(data["study"], "study", _STUDY_KEYS)
    study_id = r.text(meta, "id", "study")
    if study_id and not _ID.match(study_id):
        r.problem("study.id", f"{study_id!r} is not a valid id; expected lower-case letters, digits, '-' or '_'")
    version = meta.get("version")
    if not isinstance(version, str) or not version.strip():
        r.problem("study.version", f'expected a version in quotes such as "1.0", found {_kind(version) if version is not None else "nothing"}')
        version = ""
    languages = meta.get("languages")
    known = default_catalog().languages
    if not isinstance(languages, list) or not languages or not all(isinstance(x, str) for x in languages):
        r.problem("study.languages", f'expected a list of language tags such as ["sr-Cyrl", "sr-Latn", "en"], found {_kind(languages) if languages is not None else "nothing"}')
        languages = []
    for lang in languages:
        if lang not in known:
            r.problem("study.languages", f"unknown language {lang!r}; expected one of {', '.join(known)}")
    r.languages = tuple(lang for lang in languages if lang in known)
    default_language = meta.get("default_language", r.languages[0] if r.languages else "")
    if r.languages and default_language not in r.languages:
        r.problem("study.default_language", f"{default_language!r} is not one of study.languages ({', '.join(r.languages)})")
    order_value = meta.get("task_order", "fixed")
    try:
        task_order = TaskOrder(order_value)
    except ValueError:
        r.problem("study.task_order", f"{order_value!r} is not a task order; expected 'fixed' or 'counterbalanced'")
        task_order = TaskOrder.FIXED
    scope_value = meta.get("participant_codes", CodeScope.PER_LAPTOP.value)
    try:
        code_scope = CodeScope(scope_value)
    except ValueError:
        r.problem("study.participant_codes", f"{scope_value!r} is not a scope of participant codes; expected "
                  "'per_laptop' (each laptop hands out its own) or 'study' (one code is one person at every site)")
        code_scope = CodeScope.PER_LAPTOP
    title = r.local_text(meta, "title", "study")
    code_pattern = _read_code_pattern(r, meta.get("participant_code_pattern", DEFAULT_PARTICIPANT_CODE_PATTERN))

    blocks = {name: r.table(data.get(name, {}), name, _TEXT_BLOCK_KEYS) for name in ("welcome", "closing")}
    welcome, closing = (r.local_text(blocks[name], "text", name) for name in ("welcome", "closing"))
    consent = _read_consent(r, data.get("consent", {}), path)

    pre_questions = _read_questions(r, data.get("pre_questions", []), "pre_questions")
    post_task = _read_questions(r, data.get("post_task_questions", []), "post_task_questions")
    post_session = _read_questions(r, data.get("post_session_questions", []), "post_session_questions")
    lists = (("pre_questions", pre_questions), ("post_task_questions", post_task),
             ("post_session_questions", post_session))
    for key_path, message in question_id_problems(lists) if r.authoring else ():
        r.problem(key_path, message)
    prototypes: dict[Path, Prototype | None] = {}
    tasks = _read_tasks(r, data.get("tasks"), path.parent, prototypes)
    after_each, after_last, options = _read_questionnaires(r, data.get("questionnaires", {}))
    group_by = _read_group_by(r, data.get("report", {}), pre_questions)
    return Study(
        id=study_id, version=version, title=title, languages=r.languages,
        default_language=default_language if isinstance(default_language, str) else "",
        welcome=welcome, consent=consent, closing=closing, pre_questions=pre_questions, tasks=tasks,
        after_each_task=after_each, after_last_task=after_last, task_order=task_order,
        post_task_questions=post_task, post_session_questions=post_session, options=options, group_by=group_by,
        source_text=source, content_hash=hashlib.sha256(source.encode("utf-8")).hexdigest(), source_path=path,
        participant_code_pattern=code_pattern, participant_codes=code_scope,
        prototypes={p.id: p for p in prototypes.values() if p is not None},
    )


def _read_code_pattern(r: _Reader, value: Any) -> str:
    """A study's own participant-code scheme: a regular expression the whole upper-case code must match."""
    try:
        if isinstance(value, str) and value.strip():
            return re.compile(value).pattern
        r.problem("study.participant_code_pattern", f"expected a regular expression in quotes, found {_kind(value)}")
    except (re.error, RecursionError, OverflowError) as exc:
        r.problem("study.participant_code_pattern", f"not a valid regular expression: {exc} (use 'single quotes')")
    return DEFAULT_PARTICIPANT_CODE_PATTERN


def _read_consent(r: _Reader, value: Any, plan_path: Path) -> ConsentSpec:
    table = r.table(value, "consent", _CONSENT_KEYS)
    version = table.get("version")
    if not isinstance(version, str) or not version.strip():
        r.problem("consent.version", 'expected the consent text\'s version in quotes, such as "2026-10-01"; '
                                     "change it whenever the wording changes")
        version = ""
    texts = {key: r.local_text(table, key, "consent") for key in ("text", "easy_read", "retention", "how_to_withdraw")}
    options = [ConsentOption.TAKE_PART]
    raw_options = table.get("options", [])
    if not isinstance(raw_options, list):
        r.problem("consent.options", f"expected a list of consent options, found {_kind(raw_options)}")
        raw_options = []
    for name in raw_options:
        try:
            option = ConsentOption(name)
        except ValueError:
            r.problem("consent.options", f"unknown consent option {name!r}; expected one of "
                                         f"{', '.join(o.value for o in ConsentOption if o is not ConsentOption.TAKE_PART)}")
            continue
        if option is ConsentOption.TAKE_PART:
            continue  # always asked, always first
        if option in options:
            r.problem("consent.options", f"{name!r} is listed twice")
        options.append(option)
    methods = []
    raw_methods = table.get("methods", [m.value for m in ConsentMethod])
    # raw TOML values (None when "methods" is not a list): the enum lookup below is the check
    method_names: list[Any] = raw_methods if isinstance(raw_methods, list) else [None]
    for name in method_names:
        try:
            methods.append(ConsentMethod(name))
        except ValueError:
            r.problem("consent.methods", f"unknown consent method {name!r}; expected signature, mark or verbal")
    if not methods:
        r.problem("consent.methods", "offer at least one way to give consent (signature, mark or verbal)")
    clips: dict[str, Path] = {}
    raw_clips = table.get("clips", {})
    if not isinstance(raw_clips, dict):
        r.problem("consent.clips", f"expected a table of audio files by language, found {_kind(raw_clips)}")
        raw_clips = {}
    for lang, file_name in raw_clips.items():
        clip = plan_path.parent / str(file_name)
        try:
            missing = not clip.is_file() and plan_path.is_file()
        except (OSError, ValueError):  # a name too long for the disk, or with a NUL in it
            missing = True
        if missing:
            r.problem(f"consent.clips.{lang}", f"the audio file {file_name!r} is not in {plan_path.parent}")
            continue
        clips[lang] = clip
    export_contacts = table.get("export_contacts", False)
    if not isinstance(export_contacts, bool):
        r.problem("consent.export_contacts", f"expected true or false, found {_kind(export_contacts)}")
        export_contacts = False
    return ConsentSpec(version=version, options=tuple(options), methods=tuple(dict.fromkeys(methods)), clips=clips,
                       export_contacts=export_contacts,
                       unreviewed_languages=_read_unreviewed(r, table.get("unreviewed_languages", [])), **texts)


def _read_unreviewed(r: _Reader, value: Any) -> tuple[str, ...]:
    tags, problems = unreviewed_language_problems(value, r.languages)
    for message in problems:
        r.problem("consent.unreviewed_languages", message)
    return tags


def _read_tasks(r: _Reader, value: Any, plan_folder: Path, prototypes: dict[Path, Prototype | None]) -> tuple[Task, ...]:
    if not isinstance(value, list) or not value:
        r.problem("tasks", "no tasks; expected at least one [[tasks]] section")
        return ()
    seen: set[str] = set()
    tasks = []
    for i, raw in enumerate(value):
        path = f"tasks[{i}]"
        table = r.table(raw, path, _TASK_KEYS)
        task_id = r.identifier(table, path, seen)
        minutes = table.get("expected_minutes", 0)
        if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 0 <= minutes <= _MAX_EXPECTED_MINUTES:
            r.problem(f"{path}.expected_minutes", f"expected a number of minutes from 0 to {_MAX_EXPECTED_MINUTES}, found {_kind(minutes)}")
            minutes = 0
        tasks.append(Task(
            id=task_id,
            title=r.local_text(table, "title", path),
            instructions=r.local_text(table, "instructions", path),
            facilitator_notes=r.facilitator_text(table, "facilitator_notes", path),
            success_criteria=r.facilitator_text(table, "success_criteria", path),
            expected_seconds=round(minutes * 60),
            prototype=_task_prototype(r, table, path, plan_folder, prototypes),
            step_aside=_step_aside(r, table, path),
        ))
    return tuple(tasks)


def _step_aside(r: _Reader, table: Mapping[str, Any], path: str) -> bool:
    value = table.get("step_aside", False)
    if not isinstance(value, bool):
        r.problem(f"{path}.step_aside", f"expected true or false, found {_kind(value)}")
        return False
    if value and "prototype" in table:
        r.problem(f"{path}.step_aside", "a task is played either on its image prototype or in another program "
                                        "(step_aside), not both")
        return False
    return value


def _task_prototype(r: _Reader, table: Mapping[str, Any], path: str, plan_folder: Path,
                    prototypes: dict[Path, Prototype | None]) -> PrototypeTask | None:
    """A task's click-through prototype. For a stored snapshot (not ``authoring``) a prototype folder that has
    since gone missing or changed leaves the task without one rather than stranding the session: the task
    can still be done beside the kiosk, and the console says the prototype is missing."""
    if "prototype" not in table:
        return None
    if r.authoring:
        found = read_task_prototype(r, table["prototype"], f"{path}.prototype", plan_folder, prototypes)
        return found[0] if found else None
    quiet = _Reader(r.source, r.file_name, False)
    quiet.languages = r.languages
    found = read_task_prototype(quiet, table["prototype"], f"{path}.prototype", plan_folder, prototypes)
    return found[0] if found and not quiet.problems else None


def _read_questions(r: _Reader, value: Any, path: str) -> tuple[Question, ...]:
    if not isinstance(value, list):
        r.problem(path, f"expected a list of [[{path}]] sections, found {_kind(value)}")
        return ()
    seen: set[str] = set()
    questions = []
    for i, raw in enumerate(value):
        qpath = f"{path}[{i}]"
        table = r.table(raw, qpath, _QUESTION_KEYS)
        qid = r.identifier(table, qpath, seen)
        kind_value: Any = table.get("kind")  # raw TOML or None: the enum lookup below is the check
        try:
            kind = QuestionKind(kind_value)
        except ValueError:
            r.problem(f"{qpath}.kind", f"{kind_value!r} is not a question kind; expected one of {', '.join(k.value for k in QuestionKind)}")
            continue
        text = r.local_text(table, "text", qpath)
        choices: list[Choice] = []
        if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTI_CHOICE):
            raw_choices = table.get("choices")
            if not isinstance(raw_choices, list) or len(raw_choices) < 2:
                r.problem(f"{qpath}.choices", f"a {kind.value} question needs at least two choices")
                raw_choices = []
            choice_ids: set[str] = set()
            for j, raw_choice in enumerate(raw_choices):
                cpath = f"{qpath}.choices[{j}]"
                ctable = r.table(raw_choice, cpath, _CHOICE_KEYS)
                exclusive = ctable.get("exclusive", False)
                if not isinstance(exclusive, bool):
                    r.problem(f"{cpath}.exclusive", f"expected true or false, found {exclusive!r}")
                    exclusive = False
                elif exclusive and kind is not QuestionKind.MULTI_CHOICE:
                    r.problem(f"{cpath}.exclusive", "only a multi_choice question's choices can be exclusive "
                                                    "(a single_choice answer is always one choice)")
                    exclusive = False
                choices.append(Choice(r.identifier(ctable, cpath, choice_ids), r.local_text(ctable, "label", cpath),
                                      exclusive))
        low, high = table.get("scale_min", 1), table.get("scale_max", 5)
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
            r.problem(f"{qpath}.scale_min", f"expected whole numbers for scale_min and scale_max, found {low!r} and {high!r}")
            low, high = 1, 5
        if kind is QuestionKind.LIKERT and not (0 <= low < high <= 11):
            r.problem(f"{qpath}.scale_max", f"expected scale_min < scale_max within 0..11, found {low}..{high}")
        questions.append(Question(
            id=qid, kind=kind, text=text, choices=tuple(choices), scale_min=low, scale_max=high,
            short=r.local_text(table, "short", qpath) if "short" in table else None,
            low_label=r.local_text(table, "low_label", qpath) if "low_label" in table else None,
            high_label=r.local_text(table, "high_label", qpath) if "high_label" in table else None,
        ))
    return tuple(questions)


def _read_questionnaires(r: _Reader, value: Any) -> tuple[tuple[str, ...], tuple[str, ...], QuestionnaireOptions]:
    table = r.table(value, "questionnaires", _QUESTIONNAIRE_KEYS)
    result = []
    for key, allowed in (("after_each_task", AFTER_TASK), ("after_last_task", AFTER_SESSION)):
        names = table.get(key, [])
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list):
            r.problem(f"questionnaires.{key}", f"expected a list of questionnaire names, found {_kind(names)}")
            names = []
        if not all(isinstance(name, str) for name in names):
            r.problem(f"questionnaires.{key}", f'expected a list of questionnaire names such as ["{allowed[0]}"], '
                                               f"found {', '.join(_kind(n) for n in names if not isinstance(n, str))}")
            names = [name for name in names if isinstance(name, str)]
        for name in names:
            if name not in allowed:
                r.problem(f"questionnaires.{key}", f"unknown questionnaire {name!r} here; expected one of {', '.join(allowed)}")
        if len(set(names)) != len(names):
            r.problem(f"questionnaires.{key}", "a questionnaire is listed twice")
        result.append(tuple(dict.fromkeys(n for n in names if n in allowed)))
    version = table.get("sus_version", "standard")
    if version not in ("standard", "all_positive"):
        r.problem("questionnaires.sus_version", f"{version!r} is not a SUS version; expected 'standard' or 'all_positive'")
        version = "standard"
    flags = {}
    for key in ("sus_translation_validated", "nasa_tlx_weighted", "pictorial"):
        flag = table.get(key, False)
        if not isinstance(flag, bool):
            r.problem(f"questionnaires.{key}", f"expected true or false, found {_kind(flag)}")
            flag = False
        flags[key] = flag
    return result[0], result[1], QuestionnaireOptions(sus_version=version, **flags)


def _read_group_by(r: _Reader, value: Any, pre_questions: tuple[Question, ...]) -> tuple[str, ...]:
    table = r.table(value, "report", _REPORT_KEYS)
    names = table.get("group_by", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        r.problem("report.group_by", f"expected a list of pre-question ids, found {_kind(names)}")
        return ()
    groupable = {q.id for q in pre_questions if q.kind is QuestionKind.SINGLE_CHOICE}
    for name in names:
        if name not in groupable:
            r.problem("report.group_by", f"{name!r} is not a single-choice pre-question; expected one of "
                                         f"{', '.join(sorted(groupable)) or 'none (add [[pre_questions]] first)'}")
    return tuple(n for n in names if n in groupable)
