"""The hub's command line: trust-laptop (compare the fingerprint first), laptops, import (exit status 1 when
anything was quarantined), and the report over every site with its by-site table, checked in the real PDF."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest
from hub_support import STUDY, Laptop
from sessions_helper import run_session

from kiosk.cli import main
from kiosk.cli.hub_commands import cmd_trust_laptop
from kiosk.exchange.keys import laptop_public_file
from kiosk.simulate import simulate


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def two_sites(tmp_path, demo_study, clock):
    laptops = [Laptop(tmp_path / "laptop-a"), Laptop(tmp_path / "laptop-b")]
    simulate(laptops[0].store, demo_study, 4, seed=1)
    simulate(laptops[1].store, demo_study, 3, seed=2)
    run_session(laptops[1].store, demo_study, "P-0001", clock)
    yield laptops
    for laptop in laptops:
        laptop.close()


def test_trust_laptop_list_import_and_report_over_every_site(tmp_path, two_sites, capsys) -> None:
    hub_dir = tmp_path / "hub"
    assert main(["hub", "init", "--hub-dir", str(hub_dir)]) == 0
    assert main(["hub", "laptops", "--hub-dir", str(hub_dir)]) == 0
    assert "No laptop is trusted yet" in capsys.readouterr().out
    for laptop, site in zip(two_sites, ("Subotica", "Зрењанин"), strict=True):
        assert main(["hub", "trust-laptop", str(laptop_public_file(laptop.root)), "--hub-dir", str(hub_dir),
                     "--name", site, "--yes"]) == 0
        out = capsys.readouterr().out
        assert laptop.identity.public.fingerprint in out and site in out
    assert main(["hub", "laptops", "--hub-dir", str(hub_dir), "--lang", "sr-Cyrl"]) == 0
    listed = capsys.readouterr().out
    assert "место" in listed and "Subotica" in listed and "Зрењанин" in listed

    from kiosk.exchange.keys import hub_secret

    inbox = tmp_path / "stick"
    for laptop in two_sites:
        laptop.export(inbox, hub_secret(hub_dir))
    assert main(["hub", "import", str(inbox), "--hub-dir", str(hub_dir)]) == 0
    out = capsys.readouterr().out
    assert out.count(": imported") == 8
    assert "8 bundles read: 8 imported, 0 already at the hub, 0 quarantined." in out
    assert "stay in" in out
    assert main(["hub", "import", str(inbox), "--hub-dir", str(hub_dir), "--lang", "hu"]) == 0
    assert "8 csomag beolvasva: 0 importálva, 8 már a központban volt" in capsys.readouterr().out

    pdf = tmp_path / "hub-report.pdf"
    assert main(["report", "--hub-dir", str(hub_dir), "--study", STUDY, "--out", str(pdf)]) == 0
    text = pdf_text(pdf)
    assert "Results by site" in text
    rows = {line.split()[0]: line.split()[1:4] for line in text.splitlines()
            if line.strip().startswith(("Subotica", "Зрењанин"))}
    assert rows["Subotica"][0] == "4" and rows["Зрењанин"][0] == "4"
    assert "8 participants took part" in text and "on 2 laptops" in " ".join(text.split())
    assert "Prototype: Apply for a per-hectare subsidy" in text, "the plan's prototype is found at the hub"

    moved = tmp_path / "hub-moved"  # the hub's folder moved (a new disk): the plans move with it
    shutil.move(str(hub_dir), str(moved))
    assert main(["report", "--hub-dir", str(moved), "--study", STUDY, "--out", str(pdf)]) == 0
    assert "Prototype: Apply for a per-hectare subsidy" in pdf_text(pdf)


def test_import_exits_1_when_a_bundle_is_quarantined(tmp_path, two_sites, capsys) -> None:
    hub_dir = tmp_path / "hub"
    assert main(["hub", "init", "--hub-dir", str(hub_dir)]) == 0
    assert main(["hub", "trust-laptop", str(laptop_public_file(two_sites[0].root)), "--hub-dir", str(hub_dir),
                 "--yes"]) == 0
    capsys.readouterr()
    inbox = tmp_path / "stick"
    two_sites[1].export(inbox, None)  # an unsealed bundle of a laptop the hub does not trust
    assert main(["hub", "import", str(inbox), "--hub-dir", str(hub_dir), "--lang", "sr-Cyrl"]) == 1
    out = capsys.readouterr().out
    assert "У КАРАНТИНУ" in out and two_sites[1].identity.public.fingerprint in out
    assert "reason.txt" in out and "потврде" not in out, "no receipt was written: none is announced"
    folder = sorted((hub_dir / "quarantine").iterdir())[0]
    reason = (folder / "reason.txt").read_text(encoding="utf-8")
    assert "потписао лаптоп коме центар не верује" in reason and "Кључ лаптопа је у" in reason
    assert two_sites[1].identity.public.fingerprint in reason and "ux-kiosk hub trust-laptop" in reason


def test_trust_laptop_asks_and_a_no_changes_nothing(tmp_path, two_sites, capsys) -> None:
    hub_dir = tmp_path / "hub"
    assert main(["hub", "init", "--hub-dir", str(hub_dir)]) == 0
    args = argparse.Namespace(keyfile=laptop_public_file(two_sites[0].root), hub_dir=hub_dir, name="", yes=False,
                              lang="en")
    from kiosk.cli.errors import CliError

    with pytest.raises(CliError) as refused:
        cmd_trust_laptop(args, ask=lambda prompt: "no")
    assert refused.value.key == "cli.hub_trust_laptop_refused"
    assert main(["hub", "laptops", "--hub-dir", str(hub_dir)]) == 0
    assert "No laptop is trusted yet" in capsys.readouterr().out
    assert cmd_trust_laptop(args, ask=lambda prompt: "yes") == 0


def test_hub_commands_fail_in_one_line(tmp_path, capsys) -> None:
    assert main(["hub", "import", str(tmp_path / "nowhere"), "--hub-dir", str(tmp_path / "hub")]) == 1
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "inbox").mkdir()
    assert main(["hub", "import", str(tmp_path / "inbox"), "--hub-dir", str(tmp_path / "hub")]) == 1
    err = capsys.readouterr().err
    assert "hub init" in err and len(err.strip().splitlines()) == 1
    assert main(["report", "--hub-dir", str(tmp_path / "hub"), "--study", STUDY, "--out",
                 str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert "hub import" in err and len(err.strip().splitlines()) == 1


def test_report_on_a_laptop_folder_given_as_hub_dir_fails_in_one_line(tmp_path, two_sites, capsys) -> None:
    laptop_folder = tmp_path / "not-a-hub"
    laptop_folder.mkdir()
    shutil.copy(two_sites[0].root / "kiosk.sqlite3", laptop_folder / "hub.sqlite3")
    assert main(["report", "--hub-dir", str(laptop_folder), "--study", STUDY, "--out", str(tmp_path / "r.pdf")]) == 1
    err = capsys.readouterr().err
    assert "is not a hub's database" in err and len(err.strip().splitlines()) == 1


def test_import_names_the_transfers_left_half_done_in_the_inbox(tmp_path, two_sites, capsys) -> None:
    """Found by the new-user trial: a stick pulled mid-sync leaves a '.partial-' folder; the import skipped it
    without a word, so the hub team could not know a transfer had been cut off."""
    hub_dir = tmp_path / "hub"
    assert main(["hub", "init", "--hub-dir", str(hub_dir)]) == 0
    assert main(["hub", "trust-laptop", str(laptop_public_file(two_sites[0].root)), "--hub-dir", str(hub_dir),
                 "--yes"]) == 0
    inbox = tmp_path / "stick"
    two_sites[0].export(inbox, None)
    cut = sorted(p for p in inbox.iterdir() if p.is_dir())[0]
    cut.rename(inbox / f".partial-{cut.name}")  # as a pulled stick leaves one
    capsys.readouterr()
    assert main(["hub", "import", str(inbox), "--hub-dir", str(hub_dir)]) == 0
    out = capsys.readouterr().out
    assert f"1 bundle was only partly written ({cut.name})" in out
    assert "sync again from that laptop" in out


def test_a_withdrawn_participants_bundle_read_again_is_said_to_be_withdrawn_not_at_the_hub(
        tmp_path, two_sites, capsys) -> None:
    """Found by the second new-user trial: an old stick read again after the participant withdrew printed
    'already at the hub, nothing changed' for their bundle, which is not true: nothing of theirs is kept."""
    from kiosk.store.erasure import erase_participant

    laptop = two_sites[0]
    hub_dir, old_stick, stick = tmp_path / "hub", tmp_path / "old-stick", tmp_path / "stick"
    assert main(["hub", "init", "--hub-dir", str(hub_dir)]) == 0
    assert main(["hub", "trust-laptop", str(laptop_public_file(laptop.root)), "--hub-dir", str(hub_dir),
                 "--yes"]) == 0
    laptop.export(old_stick, None)
    assert main(["hub", "import", str(old_stick), "--hub-dir", str(hub_dir)]) == 0
    code = laptop.store.sessions()[0].participant_code
    erase_participant(laptop.store, STUDY, code, "asked by phone")
    laptop.export(stick, None)
    assert main(["hub", "import", str(stick), "--hub-dir", str(hub_dir)]) == 0
    capsys.readouterr()
    assert main(["hub", "import", str(old_stick), "--hub-dir", str(hub_dir)]) == 0
    out = capsys.readouterr().out
    withdrawn = [line for line in out.splitlines() if "participant withdrew" in line]
    assert len(withdrawn) == 1 and "already at the hub" not in withdrawn[0]
