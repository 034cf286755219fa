"""Serbian Cyrillic → Latin transliteration, including digraphs in all-caps words."""

import pytest

from kiosk.translit import cyrillic_to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("љубав", "ljubav"),
        ("Љубав", "Ljubav"),
        ("ЉУБАВ", "LJUBAV"),
        ("Његош", "Njegoš"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("џеп", "džep"),
        ("Џеп", "Džep"),
        ("ЏЕП", "DŽEP"),
        ("Ђорђе Ћирић", "Đorđe Ćirić"),
        ("ЧАЧАК", "ČAČAK"),
        ("Шабац, Жабаљ", "Šabac, Žabalj"),
        ("Јагодина", "Jagodina"),
        ("ВАЉЕВО", "VALJEVO"),  # digraph inside an all-caps word, lower neighbour absent
        ("ПОЉЕ", "POLJE"),
        ("Љ", "Lj"),  # a lone capital is not an all-caps word
        ("ПОЉ", "POLJ"),  # all-caps word ending in a digraph: decided by the previous letter
        ("Сељак Њ.", "Seljak Nj."),
        ("еУправа 2026: РПГ број 123", "eUprava 2026: RPG broj 123"),
        ("Bački Jarak", "Bački Jarak"),  # Latin passes through
        ("азбука АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ",
         "azbuka ABVGDĐEŽZIJKLLJMNNJOPRSTĆUFHCČDŽŠ"),
    ],
)
def test_transliteration_table(cyrillic: str, latin: str) -> None:
    assert cyrillic_to_latin(cyrillic) == latin
