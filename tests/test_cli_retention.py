"""``ux-kiosk retention`` and what ``ux-kiosk sync`` says when the setting deleted media: real data folder, real
stick, real hub import."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hub_support import Laptop, make_hub

from kiosk.cli import main
from kiosk.exchange.keys import trust_hub
from kiosk.exchange.retention import FILE_NAME, Retention, load_retention
from kiosk.simulate import simulate


@pytest.fixture
def laptop(tmp_path: Path, demo_study):
    made = Laptop(tmp_path / "laptop")
    simulate(made.store, demo_study, 2, seed=11)
    for record in made.store.sessions():
        media = made.root / "media" / record.id
        media.mkdir(parents=True)
        (media / "rec.wav").write_bytes(hashlib.sha256(record.id.encode()).digest() * 40_000)  # 1.28 MB each
    yield made
    made.close()


@pytest.fixture
def hub_dir(tmp_path: Path, laptop: Laptop) -> Path:
    folder = tmp_path / "hub"
    trust_hub(laptop.root, make_hub(folder, laptop).public)
    return folder


def cli(laptop: Laptop, *args: str, lang: str = "en") -> int:
    return main(["--data-dir", str(laptop.root), "--lang", lang, *args])


def media_files(laptop: Laptop) -> list[Path]:
    return sorted((laptop.root / "media").rglob("*.wav"))


def test_retention_shows_the_default_and_sets_days_and_for_ever(laptop: Laptop, capsys) -> None:
    assert cli(laptop, "retention") == 0
    out = capsys.readouterr().out
    assert "stay on this laptop for ever" in out and "Nothing is due" in out
    assert not (laptop.root / FILE_NAME).exists(), "showing writes nothing"
    assert cli(laptop, "retention", "--media-days", "30") == 0
    assert "deleted from this laptop 30 days after the hub confirms" in capsys.readouterr().out
    assert load_retention(laptop.root) == Retention(30)
    assert cli(laptop, "retention", "--keep-media", lang="sr-Cyrl") == 0
    assert "остају на овом рачунару заувек" in capsys.readouterr().out
    assert load_retention(laptop.root) == Retention(None)


@pytest.mark.parametrize("value", ["-1", "x", "2.5", "3651", ""])
def test_a_bad_number_of_days_is_one_line_and_exit_status_2(laptop: Laptop, capsys, value: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli(laptop, "retention", "--media-days", value)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "number of days" in err
    assert not (laptop.root / FILE_NAME).exists()


def test_a_damaged_setting_is_one_line_in_the_reader_s_language(laptop: Laptop, capsys) -> None:
    (laptop.root / FILE_NAME).write_text("{")
    assert cli(laptop, "retention", lang="sr-Cyrl") == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Подешавање чувања" in err and "заувек" in err
    assert cli(laptop, "retention", "--media-days", "7") == 0, "setting it again repairs it"
    assert load_retention(laptop.root) == Retention(7)


def test_the_dry_run_lists_what_the_next_sync_deletes_and_the_sync_deletes_it(laptop: Laptop, hub_dir: Path,
                                                                               tmp_path: Path, capsys) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli(laptop, "retention", "--media-days", "0") == 0
    assert cli(laptop, "sync", str(stick)) == 0
    assert main(["hub", "import", str(stick), "--hub-dir", str(hub_dir)]) == 0
    capsys.readouterr()
    codes = {s.participant_code for s in laptop.store.sessions()}
    # the receipts are read by the next sync; until then nothing is confirmed, so nothing is due
    assert cli(laptop, "retention") == 0
    assert "Nothing is due" in capsys.readouterr().out
    assert cli(laptop, "sync", str(stick), lang="sr-Cyrl") == 0
    out = capsys.readouterr().out
    assert "Обрисано са овог рачунара по подешавању чувања: 2 датотеке (2,6 MB) из 2 сесије" in out, out
    assert media_files(laptop) == []
    assert len(laptop.store.sessions()) == 2 and codes == {s.participant_code for s in laptop.store.sessions()}


def test_the_dry_run_deletes_nothing(laptop: Laptop, hub_dir: Path, tmp_path: Path, capsys) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert cli(laptop, "sync", str(stick)) == 0
    assert main(["hub", "import", str(stick), "--hub-dir", str(hub_dir)]) == 0
    assert cli(laptop, "sync", str(stick)) == 0  # the default keeps everything: receipts read, nothing deleted
    assert "Deleted from this laptop" not in capsys.readouterr().out
    before = media_files(laptop)
    assert cli(laptop, "retention", "--media-days", "0") == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "confirmed by the hub" in line]
    assert len(lines) == 2 and all("1 file, 1.3 MB" in line for line in lines), out
    assert "The next sync deletes 2 files (2.6 MB) of 2 sessions from this laptop." in out
    assert media_files(laptop) == before and len(before) == 2
