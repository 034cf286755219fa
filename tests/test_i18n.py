"""Message catalogs: every language has every message; Serbian Latin is derived, never typed."""

from kiosk.i18n import Catalog, LocalText, MissingTranslation
from kiosk.resources import data_folder

import pytest


def test_every_catalog_has_every_key() -> None:
    catalog = Catalog()
    reference = {k for k in catalog.keys("sr-Cyrl") if not k.startswith("meta.")}
    for lang in catalog.languages:
        keys = {k for k in catalog.keys(lang) if not k.startswith("meta.")}
        assert reference - keys == set(), f"{lang} lacks messages"
        assert keys - reference == set(), f"{lang} has messages the master catalog lacks"


def test_serbian_latin_is_derived_not_a_file() -> None:
    assert not (data_folder("ui") / "i18n" / "sr-Latn.toml").exists()
    catalog = Catalog()
    assert catalog.languages[:3] == ["sr-Cyrl", "sr-Latn", "en"]
    assert catalog.text("sr-Latn", "participant.next") == "Dalje"
    assert catalog.language_name("sr-Latn") == "Srpski (latinica)"


def test_a_new_language_is_one_file(tmp_path) -> None:
    folder = tmp_path / "i18n"
    folder.mkdir()
    for path in (data_folder("ui") / "i18n").glob("*.toml"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "hu.toml").write_text('[meta]\nname = "Magyar"\n[participant]\nnext = "Tovább"\n', encoding="utf-8")
    catalog = Catalog(folder)
    assert "hu" in catalog.languages
    assert catalog.text("hu", "participant.next") == "Tovább"


def test_local_text_derives_latin_and_reports_missing() -> None:
    text = LocalText({"sr-Cyrl": "Љубазно", "en": "Kindly"})
    assert text.get("sr-Latn") == "Ljubazno"
    with pytest.raises(MissingTranslation):
        text.get("hu")
    assert text.get_or_fallback("hu") == "Kindly"


def test_placeholders_are_filled() -> None:
    assert Catalog().text("en", "participant.task_heading", number=2, total=5) == "Task 2 of 5"
