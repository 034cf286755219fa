"""Message catalogs: gettext files translators know, plurals per language, Serbian Latin derived, never typed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale

from kiosk.i18n import Catalog, LocalText, MissingTranslation
from kiosk.i18n.catalog import TEMPLATE_NAME
from kiosk.i18n.compiled import compile_po
from kiosk.resources import data_folder

FOLDER = data_folder("ui") / "i18n"
SHIPPED = sorted(path.stem for path in FOLDER.glob("*.po"))
COUNTS = (0, 1, 2, 5, 11, 21, 22, 25, 101, 112)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    return Catalog(cache=tmp_path_factory.mktemp("cache"))


def test_the_catalogs_are_gettext_files_and_none_is_compiled() -> None:
    assert (FOLDER / TEMPLATE_NAME).is_file()
    assert {"sr-Cyrl"} <= set(SHIPPED)
    assert not list(FOLDER.glob("*.mo")) and not list(FOLDER.glob("*.toml")) and not list(FOLDER.glob("*.json"))


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_shipped_language_translates_every_message(catalog: Catalog, lang: str) -> None:
    assert catalog.untranslated(lang) == []
    assert catalog.fuzzy(lang) == ()


@pytest.mark.parametrize("lang", SHIPPED)
def test_translations_keep_every_placeholder_and_plural_form(catalog: Catalog, lang: str) -> None:
    compiled = compile_po((FOLDER / f"{lang}.po").read_bytes(), is_template=False, name=lang)
    for key, forms in compiled.messages.items():
        expected = compiled.nplurals if catalog.is_plural(key) else 1
        assert len(forms) == expected, f"{lang} {key}: {len(forms)} forms, expected {expected}"
        for form in forms:
            names = set(re.findall(r"{(\w+)", form))
            if catalog.is_plural(key):  # a form may say "one" in words instead of {count}
                assert names <= catalog.placeholders(key), f"{lang} {key}: {names}"
            else:
                assert names == catalog.placeholders(key), f"{lang} {key}: {names}"


@pytest.mark.parametrize("lang", SHIPPED)
def test_each_files_plural_rule_is_cldrs(lang: str) -> None:
    """The Plural-Forms header picks the form; it must agree with CLDR's categories for every n."""
    import gettext

    compiled = compile_po((FOLDER / f"{lang}.po").read_bytes(), is_template=False, name=lang)
    rule = gettext.c2py(compiled.plural_expr)
    locale = Locale.parse(lang, sep="-")
    used = {locale.plural_form(n) for n in range(0, 1000)}
    categories = [c for c in ("zero", "one", "two", "few", "many", "other") if c in used]
    assert compiled.nplurals == len(categories)
    for n in range(0, 1200):
        assert categories[rule(n)] == locale.plural_form(n), f"{lang}: n={n}"


def test_english_plurals(catalog: Catalog) -> None:
    assert [catalog.plural("en", "count.sessions", n) for n in COUNTS] == [
        "0 sessions", "1 session", "2 sessions", "5 sessions", "11 sessions", "21 sessions", "22 sessions",
        "25 sessions", "101 sessions", "112 sessions"]


@pytest.mark.parametrize(("lang", "one", "few", "other"), [
    ("sr-Cyrl", "сесија", "сесије", "сесија"), ("sr-Latn", "sesija", "sesije", "sesija")])
def test_serbian_plurals_one_few_other(catalog: Catalog, lang: str, one: str, few: str, other: str) -> None:
    expected = {0: other, 1: one, 2: few, 5: other, 11: other, 21: one, 22: few, 25: other, 101: one, 112: other}
    assert [catalog.plural(lang, "count.sessions", n) for n in COUNTS] == [f"{n} {expected[n]}" for n in COUNTS]
    assert catalog.plural(lang, "cli.plan_problems", 21).endswith("21 " + ("проблем" if lang == "sr-Cyrl" else "problem"))
    assert catalog.plural(lang, "cli.plan_problems", 3).startswith("Пронађена су" if lang == "sr-Cyrl" else "Pronađena su")


def test_a_counted_message_must_be_asked_for_with_its_number(catalog: Catalog) -> None:
    with pytest.raises(TypeError, match="plural"):
        catalog.text("en", "count.sessions")
    with pytest.raises(MissingTranslation, match="not.a.key"):
        catalog.text("en", "not.a.key")


def test_serbian_latin_is_derived_not_a_file(catalog: Catalog) -> None:
    assert not (FOLDER / "sr-Latn.po").exists()
    assert catalog.languages[:3] == ["sr-Cyrl", "sr-Latn", "en"]
    assert catalog.text("sr-Latn", "participant.next") == "Dalje"
    assert catalog.language_name("sr-Latn") == "Srpski (latinica)"
    assert catalog.language_name("sr-Cyrl") == "Српски (ћирилица)"


def test_language_names_are_written_in_the_readers_script(catalog: Catalog) -> None:
    assert catalog.language_name("sr-Cyrl", in_lang="sr-Latn") == "Srpski (ćirilica)"
    assert catalog.language_name("sr-Cyrl", in_lang="en") == "Serbian (Cyrillic)"
    assert catalog.language_name("en", in_lang="sr-Cyrl") == "Енглески"


def _copy_catalogs(tmp_path: Path) -> Path:
    folder = tmp_path / "i18n"
    shutil.copytree(FOLDER, folder)
    return folder


PARTIAL_PO = """msgid ""
msgstr ""
"Language: xx\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgctxt "meta.name"
msgid "English"
msgstr "Ixxian"

msgctxt "participant.next"
msgid "Next"
msgstr "Onwardz"

#, fuzzy
msgctxt "participant.back"
msgid "Back"
msgstr "Bakz?"
"""


def test_a_new_language_is_one_file_dropped_in_and_gaps_show_in_english(tmp_path: Path) -> None:
    drop_in = tmp_path / "translations"
    drop_in.mkdir()
    (drop_in / "xx.po").write_text(PARTIAL_PO, encoding="utf-8")
    catalog = Catalog(extra_folders=(drop_in,), cache=tmp_path / "cache")
    assert "xx" in catalog.languages
    assert catalog.language_name("xx") == "Ixxian"
    assert catalog.text("xx", "participant.next") == "Onwardz"
    assert catalog.text("xx", "participant.back") == "Back"  # fuzzy: needs review, so English
    assert catalog.fuzzy("xx") == ("participant.back",)
    assert "participant.back" in catalog.untranslated("xx") and "participant.next" not in catalog.untranslated("xx")


def test_the_compiled_cache_is_rebuilt_when_the_file_changes_or_is_damaged(tmp_path: Path) -> None:
    folder, cache = _copy_catalogs(tmp_path), tmp_path / "cache"
    assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == "Даље"
    (cached,) = cache.glob("sr-Cyrl-*.json")
    po = folder / "sr-Cyrl.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Даље"', 'msgstr "Напред"'), encoding="utf-8")
    assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == "Напред"
    assert cached.exists() and len(list(cache.glob("sr-Cyrl-*.json"))) == 2  # each version has its copy
    (fresh,) = set(cache.glob("sr-Cyrl-*.json")) - {cached}
    fresh.write_text("{not json", encoding="utf-8")
    assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == "Напред"


def test_two_versions_sharing_a_cache_do_not_recompile_each_other_away(tmp_path: Path, monkeypatch) -> None:
    """Two installs (or checkouts) with different catalogs and one user cache: each start removed the other's
    compiled copy, so every start compiled with Babel again (~60 ms of a start that should take ~150 ms). A
    few versions are kept; the oldest go."""
    from kiosk.i18n import compiled

    cache = tmp_path / "cache"
    folders = []
    for word in ("Напред", "Даље даље", "Сад", "Још", "Крај"):
        folder = _copy_catalogs(tmp_path / word)
        po = folder / "sr-Cyrl.po"
        po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Даље"', f'msgstr "{word}"'), encoding="utf-8")
        folders.append((folder, word))
    for folder, word in folders[:2]:
        assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == word
    compiles: list[str] = []
    real = compiled.compile_po
    monkeypatch.setattr(compiled, "compile_po", lambda raw, **kw: compiles.append(kw["name"]) or real(raw, **kw))
    for folder, word in folders[:2] * 2:  # alternating: every version is found in the cache
        assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == word
    assert compiles == []
    for index, (folder, word) in enumerate(folders[2:]):
        os.utime(next(iter(cache.glob("sr-Cyrl-*.json"))), (1, 1 + index))  # written long ago: the first to go
        assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == word
    assert len(list(cache.glob("sr-Cyrl-*.json"))) == compiled.KEEP_VERSIONS


def test_an_unwritable_cache_still_gives_every_message(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert Catalog(cache=blocked / "cache").text("sr-Cyrl", "participant.next") == "Даље"


def test_a_start_with_a_warm_cache_reads_no_po_file(tmp_path: Path) -> None:
    """Babel's PO reader costs ~150 ms; once compiled, a start must not import it."""
    probe = (
        "import sys\n"
        "from kiosk.i18n import default_catalog\n"
        "c = default_catalog(); c.text('sr-Cyrl', 'participant.next'); c.plural('sr-Latn', 'count.files', 3)\n"
        "print('babel' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert (first.stdout.strip(), second.stdout.strip()) == ("True", "False")


def test_local_text_derives_latin_and_reports_missing() -> None:
    text = LocalText({"sr-Cyrl": "Љубазно", "en": "Kindly"})
    assert text.get("sr-Latn") == "Ljubazno"
    with pytest.raises(MissingTranslation):
        text.get("hu")
    assert text.get_or_fallback("hu") == "Kindly"
    assert text.shown_in("hu") == "en" and text.shown_in("sr-Latn") == "sr-Latn"


def test_placeholders_are_filled(catalog: Catalog) -> None:
    assert catalog.text("en", "participant.task_heading", number=2, total=5) == "Task 2 of 5"


def test_the_translators_check_catches_a_lost_placeholder_and_a_wrong_plural_rule(tmp_path: Path) -> None:
    from kiosk.i18n.audit import audit_po

    catalog = Catalog(cache=tmp_path / "cache")
    good = audit_po(FOLDER / "sr-Cyrl.po", catalog)
    assert good.complete and good.problems == () and good.translated == good.total
    text = (FOLDER / "sr-Cyrl.po").read_text(encoding="utf-8")
    broken = text.replace("n % 10 == 1 && n % 100 != 11 ? 0", "n == 1 ? 0", 1)
    broken = broken.replace('msgstr "Задатак {number} од {total}"', 'msgstr "Задатак {number} од {totl}"', 1)
    (tmp_path / "sr-Cyrl.po").write_text(broken, encoding="utf-8")
    audit = audit_po(tmp_path / "sr-Cyrl.po", catalog)
    assert any("unknown placeholder {totl}" in p for p in audit.problems)
    assert any(p.startswith("Plural-Forms: for n=21 the rule picks form 2 (other), CLDR says one") for p in audit.problems)


def test_language_names_inside_a_sentence_follow_the_languages_capitalisation(catalog: Catalog) -> None:
    """Serbian and Hungarian write language names in lower case in running text ('a tervben nincs magyar')."""
    assert catalog.language_name("hu", in_lang="hu", in_sentence=True) == "magyar"
    assert catalog.language_name("sr-Cyrl", in_lang="sr-Latn", in_sentence=True) == "srpski (ćirilica)"
    assert catalog.language_name("hu", in_lang="sr-Cyrl", in_sentence=True) == "мађарски"
    assert catalog.language_name("hu", in_lang="en", in_sentence=True) == "Hungarian"
    assert catalog.language_name("hu", in_lang="hu") == "Magyar"  # a button starts with a capital


def test_the_translators_check_lists_gaps_with_their_english_and_complete_makes_them_fail(tmp_path: Path) -> None:
    po = tmp_path / "xx.po"
    po.write_text(PARTIAL_PO, encoding="utf-8")
    run = [sys.executable, "-m", "kiosk", "translations", str(po)]
    listed = subprocess.run(run, capture_output=True, text=True)
    assert listed.returncode == 0  # gaps show in English: not an error by default
    assert "  - cli.cannot_use: cannot use {path}: {reason}" in listed.stdout.splitlines()
    strict = subprocess.run([*run, "--complete"], capture_output=True, text=True)
    assert strict.returncode == 1


@pytest.mark.parametrize("tag", ["fr", "tr", "de"])
def test_whole_percentages_are_written_as_babel_writes_them_in_every_language(tmp_path: Path, tag: str) -> None:
    """The catalog keeps each language's way of writing a whole percentage (so the console's first screen
    needs no Babel): French and German put a no-break space before the sign, Turkish puts the sign first.
    Read from a fresh compile and again from the cache, it matches Babel for every language and size."""
    from kiosk.i18n.formats import percent

    drop_in = tmp_path / "translations"
    drop_in.mkdir()
    (drop_in / f"{tag}.po").write_text(PARTIAL_PO.replace("Language: xx", f"Language: {tag}"), encoding="utf-8")
    for _ in ("compiled", "cached"):
        catalog = Catalog(extra_folders=(drop_in,), cache=tmp_path / "cache")
        for lang in (*catalog.languages, "x-stretch"):
            for value in (0, 7, 100, 125, 150, 175, 200, 999, 1000, 12500):
                assert catalog.whole_percent(lang, value) == percent(lang, value / 100), (lang, value)
    assert catalog.whole_percent(tag, 150) != "150%"  # the drop-in's own form, not a default


def test_a_temporary_file_left_by_a_killed_compile_is_swept_by_the_next(tmp_path: Path) -> None:
    """A start killed while writing the compiled cache leaves ``.<random>.tmp`` beside it; nothing removed them,
    so the user cache grew by one file per killed start. The next compile removes those over an hour old (a
    younger one may be another process's write in progress)."""
    import time

    folder, cache = _copy_catalogs(tmp_path), tmp_path / "cache"
    cache.mkdir()
    stale, fresh = cache / ".abandoned.tmp", cache / ".writing.tmp"
    stale.write_text("{half", encoding="utf-8")
    fresh.write_text("{half", encoding="utf-8")
    os.utime(stale, (time.time() - 2 * 3600,) * 2)
    keep = cache / "notes.txt"  # not ours: never touched
    keep.write_text("x", encoding="utf-8")
    os.utime(keep, (1, 1))
    assert Catalog(folder, cache=cache).text("sr-Cyrl", "participant.next") == "Даље"
    assert not stale.exists() and fresh.exists() and keep.exists()
