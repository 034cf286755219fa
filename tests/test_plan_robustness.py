"""Any plan a researcher (or a damaged file) can produce gives a Study or a PlanError, quickly, never a crash.

Also the checks that stop a plan from silently losing answers: question ids unique across every list and
never a built-in questionnaire's name, and Latin look-alike letters caught inside Serbian Cyrillic words.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.resources import demo_plan_path
from prototype_fixtures import link_demo_prototype
from kiosk.study import PlanError, Study, load_plan, load_plan_text
from kiosk.study.locate import locate

DEMO = demo_plan_path().read_text(encoding="utf-8")
# Examples per fuzz test; raise it for a deeper run: UX_KIOSK_FUZZ_EXAMPLES=5000 pytest tests/test_plan_robustness.py
FUZZ = int(os.environ.get("UX_KIOSK_FUZZ_EXAMPLES", "300"))
SOCIAL = (demo_plan_path().parent.parent / "example-social-card" / "plan.toml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _beside_the_demo_prototype(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts loaded as "plan.toml" find the demo's prototype folder relative to the working folder."""
    monkeypatch.chdir(demo_plan_path().parent)


def _messages(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan_text(text, "plan.toml", authoring=True)
    return [str(p) for p in caught.value.problems]


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- no exception other than PlanError -------------------------------------------------------------------------

def test_a_list_inside_the_questionnaire_list_is_a_plan_error() -> None:
    text = DEMO.replace('after_each_task = ["seq"]', 'after_each_task = [["seq"]]')
    assert text != DEMO
    messages = _messages(text)
    assert any(f"plan.toml:{_line_of(text, 'after_each_task')}: questionnaires.after_each_task" in m
               and "questionnaire name" in m for m in messages), messages


@pytest.mark.parametrize("nested", ["a = " + "[" * 5000 + "]" * 5000, "a = " + "{b = " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_values_are_a_plan_error(nested: str) -> None:
    messages = _messages(nested)
    assert len(messages) == 1 and "nested too deeply" in messages[0]


def test_a_line_of_thousands_of_spaces_is_located_quickly() -> None:
    line = "[" + " " * 4000
    started = time.perf_counter()
    assert locate(f"{line}\n[study]\nid = 1\n", "study.id") == 3
    # A real plan: the long line inside a text, and a problem that makes the loader look for lines.
    text = DEMO.replace("Нема погрешних одговора.", "Нема погрешних одговора.\n" + line).replace(
        'version = "1.0"', "version = 1.0")
    messages = _messages(text)
    assert time.perf_counter() - started < 1.0
    assert any(m.startswith(f"plan.toml:{_line_of(text, 'version = 1.0')}: study.version") for m in messages)


def test_twenty_thousand_unknown_keys_are_reported_quickly() -> None:
    text = DEMO.replace("[study]", "[study]\n" + "\n".join(f"k{i} = 1" for i in range(20_000)))
    started = time.perf_counter()
    messages = _messages(text)
    assert time.perf_counter() - started < 3.0
    assert messages[0].startswith("plan.toml:6: study.k0: unknown key 'k0'")
    assert messages[-1].startswith("plan.toml:20005: study.k19999: unknown key")


def test_an_audio_file_name_too_long_for_the_disk_is_a_plan_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(DEMO.replace('methods = ["signature", "mark", "verbal"]',
                                 'methods = ["signature", "mark", "verbal"]\nclips = { en = "' + "a" * 5000 + '" }'),
                    encoding="utf-8")
    with pytest.raises(PlanError, match="consent.clips.en: the audio file"):
        load_plan(path)


# --- what Notepad and hand-editing produce ----------------------------------------------------------------------

def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path, demo_study: Study) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"\xef\xbb\xbf" + DEMO.encode("utf-8"))
    link_demo_prototype(tmp_path)
    assert load_plan(path).content_hash == demo_study.content_hash
    assert load_plan_text("\ufeff" + DEMO).id == "demo-farm-subsidy"


@pytest.mark.parametrize("edit, needle", [
    (lambda t: t.replace('version = "1.0"', 'version = "1.0'), 'version = "1.0'),
    (lambda t: t.replace('There are no wrong answers."""', "There are no wrong answers."), "text.en = "),
    (lambda t: t.replace('retention.en = "until 31 December 2027, and then delete it"',
                         "retention.en = 'until 31 December 2027, and then delete it"), "retention.en = "),
])
def test_an_unterminated_text_is_named_with_the_line_it_starts_on(edit, needle) -> None:
    text = edit(DEMO)
    assert text != DEMO
    messages = _messages(text)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"plan.toml:{_line_of(text, needle)}: ")
    assert "not closed" in messages[0], messages


# --- answers must not overwrite one another ---------------------------------------------------------------------

def test_question_ids_are_unique_across_pre_post_task_and_post_session_questions() -> None:
    text = SOCIAL.replace('id = "clear_words"', 'id = "age_band"')
    assert text != SOCIAL
    messages = _messages(text)
    assert any("post_task_questions[0].id" in m and "'age_band'" in m and "pre_questions[0]" in m
               for m in messages), messages


@pytest.mark.parametrize("name", ["seq", "sus", "umux_lite", "nasa_tlx", "nasa_tlx_pair"])
def test_a_question_id_must_not_be_a_built_in_questionnaire(name: str) -> None:
    needle = f'id = "{name}"'
    text = SOCIAL.replace('id = "clear_words"', needle)
    messages = _messages(text)
    assert any(m.startswith(f"plan.toml:{_line_of(text, needle)}: post_task_questions[0].id")
               and "built-in questionnaire" in m for m in messages), messages


def test_latin_look_alike_letters_in_cyrillic_words_are_reported_with_their_line() -> None:
    # "Преузимање" with Latin p, e and a digit 3 standing for З: reads the same, transliterates to nonsense.
    text = DEMO.replace("Преузимање решења", "Пpeу3имање решења")
    assert text != DEMO
    messages = _messages(text)
    hit = [m for m in messages if "Пpeу3имање" in m]
    assert len(hit) == 1, messages
    assert hit[0].startswith(f"plan.toml:{_line_of(text, 'Пpeу3имање')}: tasks[4].title.sr-Cyrl")
    assert "'p'" in hit[0] and "'e'" in hit[0] and "'3'" in hit[0]


def test_a_look_alike_word_is_located_in_its_text_not_in_an_earlier_comment() -> None:
    text = "# Пpeу3имање is how not to type it\n" + DEMO.replace("Преузимање решења", "Пpeу3имање решења")
    hit = [m for m in _messages(text) if "Пpeу3имање" in m]
    line = _line_of(text, 'title = { sr-Cyrl = "Пpeу3имање')
    assert len(hit) == 1 and hit[0].startswith(f"plan.toml:{line}: "), hit


def test_ordinary_mixed_text_is_not_flagged() -> None:
    text = DEMO.replace("Преузимање решења", "Преузимање решења (PDF, 2 МБ) на eUprava порталу, 3 дана")
    assert load_plan_text(text, authoring=True).id == "demo-farm-subsidy"


def test_plan_files_get_the_new_checks_but_stored_snapshots_still_load(tmp_path: Path) -> None:
    """A session that ran against an older plan must stay resumable and reportable after these checks arrived."""
    text = SOCIAL.replace('id = "clear_words"', 'id = "age_band"').replace("Провера", "Пpoвера")
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert len(caught.value.problems) >= 2
    assert load_plan_text(text, "<plan from the database>").id == "example-social-card"


# --- the check command -----------------------------------------------------------------------------------------

def test_check_goes_on_after_a_bad_file_and_totals_at_the_end(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("a = " + "[" * 5000, encoding="utf-8")
    wrong_type = tmp_path / "wrong.toml"
    wrong_type.write_text(DEMO.replace('after_each_task = ["seq"]', 'after_each_task = [["seq"]]'), encoding="utf-8")
    missing = tmp_path / "missing.toml"
    run = subprocess.run([sys.executable, "-m", "kiosk", "check", str(bad), str(wrong_type), str(missing),
                          str(demo_plan_path())], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert "plan is valid (5 tasks" in run.stdout
    assert f"{bad}:" in run.stderr and f"{wrong_type}:" in run.stderr and f"{missing}:" in run.stderr
    assert run.stdout.strip().splitlines()[-1] == "4 plans checked: 1 valid, 3 with problems"


# --- fuzzing ---------------------------------------------------------------------------------------------------

def _load_quickly(load) -> None:
    started = time.perf_counter()
    try:
        result = load()
    except PlanError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
    else:
        assert isinstance(result, Study)
    assert time.perf_counter() - started < 2.0


@settings(max_examples=FUZZ, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=4000))
def test_any_bytes_give_a_study_or_a_plan_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(data)
    _load_quickly(lambda: load_plan(path))


_FRAGMENTS = st.sampled_from([
    "[", "]", "[[", "]]", "{", "}", '"', "'", '"""', "=", ",", ".", "\n", "#", " " * 300, "[[tasks]]\n",
    "[study]\n", "x = 1\n", "[]", "[[]]", "{}", '""', "true", "-1", "1e999", "nan", "1979-05-27", "\ufeff", "\\",
    "\x00", "id", "kind", "choices", "sr-Cyrl", "en", "seq", "sus", "ааа", "aaa", "3", "\r\n", "\t",
])


@settings(max_examples=FUZZ, deadline=None)
@given(base=st.sampled_from([DEMO, SOCIAL]), edits=st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 40), st.one_of(_FRAGMENTS, st.text(max_size=20))), max_size=6))
def test_any_mutated_plan_gives_a_study_or_a_plan_error(base: str, edits: list[tuple[float, int, str]]) -> None:
    text = base
    for where, cut, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut:]
    _load_quickly(lambda: load_plan_text(text, authoring=True))


def _containers(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4))


@settings(max_examples=FUZZ, deadline=None)
@given(value=st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)), _containers,
    max_leaves=12), key=st.sampled_from([
        'after_each_task', 'after_last_task', 'options', 'methods', 'clips', 'group_by', 'languages', 'choices',
        'scale_min', 'kind', 'expected_minutes', 'default_language', 'task_order', 'title', 'text', 'id']))
def test_any_value_in_any_key_gives_a_study_or_a_plan_error(value: object, key: str) -> None:
    literal = _toml_literal(value)
    if literal is None:
        return
    lines = DEMO.splitlines()
    text = "\n".join(f"{key} = {literal}" if line.split(" = ")[0].strip() == key else line for line in lines)
    _load_quickly(lambda: load_plan_text(text, authoring=True))


def _toml_literal(value: object) -> str | None:
    """A TOML inline value for ``value``; None where TOML has no such value (null, NaN is fine)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value == float("inf") else "-inf" if value == float("-inf")
                                              else repr(value))
    if isinstance(value, str):
        return '"' + "".join(f"\\u{ord(c):04x}" if c in '"\\' or ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF
                                 or ord(c) == 0x7F else c for c in value) + '"'
    if isinstance(value, list):
        parts = [_toml_literal(v) for v in value]
        return None if None in parts else "[" + ", ".join(parts) + "]"
    assert isinstance(value, dict)
    parts = [(_toml_literal(k), _toml_literal(v)) for k, v in value.items()]
    if any(p is None for pair in parts for p in pair):
        return None
    return "{" + ", ".join(f"{k} = {v}" for k, v in parts) + "}"
