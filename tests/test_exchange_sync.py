"""Syncing bundles to a folder: nothing twice, nothing lost, every outcome with its reason, cancel and resume."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest

from exchange_support import assert_bundle_intact, bundle_files, partials, tmpfs, visible_bundles, writer
from kiosk.exchange import destination_errors as errors
from kiosk.exchange.folder import FolderDestination
from kiosk.exchange.sink import BundleSink
from kiosk.exchange.sync import BundleJob, Outcome, Progress, Receipt, receipts, sync
from kiosk.i18n.catalog import default_catalog
from kiosk.i18n.explain import explain

BIG = 20_000_000


def size_of(name: str, big: int = 0) -> int:
    return sum(bundle_files(name, big).values())


def jobs(*specs: tuple[str, int], **writer_options) -> list[BundleJob]:
    return [BundleJob(name, writer(name, big, **writer_options), size_of(name, big)) for name, big in specs]


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def test_a_second_sync_sends_nothing_twice(stick: Path) -> None:
    specs = [("S-0001", 0), ("S-0002", 1_000_000), ("T-0003", 0)]
    first = sync(jobs(*specs), FolderDestination(stick))
    assert first.names(Outcome.SENT) == ["S-0001", "S-0002", "T-0003"] and first.complete
    assert [r.bytes_written for r in first.results] == [size_of(n, b) for n, b in specs]
    second = sync(jobs(*specs, ), FolderDestination(stick))
    assert second.names(Outcome.ALREADY_THERE) == ["S-0001", "S-0002", "T-0003"] and second.complete
    assert sum(r.bytes_written for r in second.results) == 0
    assert visible_bundles(stick) == ["S-0001", "S-0002", "T-0003"]
    for name, big in specs:
        assert_bundle_intact(stick / name, name, big)


def test_progress_counts_bytes_and_bundles_of_what_is_sent(stick: Path) -> None:
    sync(jobs(("S-0001", 0)), FolderDestination(stick))
    seen: list[Progress] = []
    specs = [("S-0001", 0), ("S-0002", 500_000), ("S-0003", 0)]
    sync(jobs(*specs), FolderDestination(stick), progress=seen.append)
    total = size_of("S-0002", 500_000) + size_of("S-0003")
    assert {p.bundles_total for p in seen} == {2} and {p.bytes_total for p in seen} == {total}
    assert [p.bytes_written for p in seen] == sorted(p.bytes_written for p in seen)
    assert seen[0] == Progress("S-0002", 0, 2, 0, total, 0, size_of("S-0002", 500_000))
    assert seen[-1] == Progress("", 2, 2, total, total)
    assert Progress("S-0003", 1, 2, size_of("S-0002", 500_000), total, 0, size_of("S-0003")) in seen


def test_an_unknown_size_gives_no_total(stick: Path) -> None:
    seen: list[Progress] = []
    sync([BundleJob("S-0001", writer("S-0001"))], FolderDestination(stick), progress=seen.append)
    assert {p.bytes_total for p in seen} == {None} and seen[-1].bytes_written == size_of("S-0001")


def test_a_writer_that_does_not_commit_is_committed_for_it(stick: Path) -> None:
    result = sync(jobs(("S-0001", 0), commit=False), FolderDestination(stick))
    assert result.names(Outcome.SENT) == ["S-0001"]
    assert_bundle_intact(stick / "S-0001", "S-0001")


def test_one_failing_bundle_does_not_stop_the_others(stick: Path) -> None:
    def broken(sink: BundleSink) -> None:
        with sink.open("data/events.json") as out:
            out.write(b"{")
            raise FileNotFoundError("signature.png was not found in the data folder")

    listed = jobs(("S-0001", 0), ("S-0003", 0))
    listed.insert(1, BundleJob("S-0002", broken))
    result = sync(listed, FolderDestination(stick))
    assert result.names(Outcome.SENT) == ["S-0001", "S-0003"]
    failed = result.results[1]
    assert failed.outcome is Outcome.FAILED and "signature.png" in str(failed.error)
    assert result.stopped_by is None and not result.complete
    assert visible_bundles(stick) == ["S-0001", "S-0003"] and partials(stick) == []
    again = sync(jobs(("S-0001", 0), ("S-0002", 0), ("S-0003", 0)), FolderDestination(stick))
    assert again.names(Outcome.SENT) == ["S-0002"] and again.complete


def test_a_cancelled_sync_leaves_no_half_bundle_and_resumes(stick: Path) -> None:
    cancel = threading.Event()

    def watch(p: Progress) -> None:
        if p.bundle == "S-0002" and p.bytes_written > size_of("S-0001") + 3_000_000:
            cancel.set()

    specs = [("S-0001", 0), ("S-0002", BIG), ("S-0003", 0)]
    result = sync(jobs(*specs), FolderDestination(stick), progress=watch, cancel=cancel)
    assert result.names(Outcome.SENT) == ["S-0001"]
    assert result.names(Outcome.CANCELLED) == ["S-0002", "S-0003"] and result.cancelled
    assert 3_000_000 < result.results[1].bytes_written < BIG
    assert visible_bundles(stick) == ["S-0001"] and partials(stick) == []
    resumed = sync(jobs(*specs), FolderDestination(stick))
    assert resumed.names(Outcome.ALREADY_THERE) == ["S-0001"]
    assert resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
    for name, big in specs:
        assert_bundle_intact(stick / name, name, big)


def test_a_cancel_before_start_sends_nothing(stick: Path) -> None:
    result = sync(jobs(("S-0001", 0)), FolderDestination(stick), cancel=lambda: True)
    assert result.names(Outcome.CANCELLED) == ["S-0001"] and list(stick.iterdir()) == []


def test_a_stick_pulled_mid_write_says_so_loses_nothing_and_finishes_when_back(stick: Path, tmp_path: Path) -> None:
    """The folder disappears from under the writer (moved away, as an unmounted stick vanishes with its
    contents intact), then comes back: the next sync finishes the job with no duplicate and no loss."""
    pulled = tmp_path / "in-the-pocket"

    def pull(p: Progress) -> None:
        if p.bundle == "S-0002" and p.bytes_written > size_of("S-0001") + 5_000_000 and stick.exists():
            stick.rename(pulled)

    specs = [("S-0001", 0), ("S-0002", BIG), ("S-0003", 0)]
    result = sync(jobs(*specs), FolderDestination(stick), progress=pull)
    assert result.names(Outcome.SENT) == ["S-0001"]
    assert result.names(Outcome.FAILED) == ["S-0002"] and result.names(Outcome.NOT_TRIED) == ["S-0003"]
    assert isinstance(result.stopped_by, errors.DestinationGone)
    assert result.results[2].error is result.stopped_by
    assert explain(result.stopped_by, default_catalog(), "en") == (
        f"{stick} went away while bundle S-0002 was being written (a stick pulled, a network lost). Bundles "
        "already complete there are intact: reconnect it and sync again to finish.")
    assert "је нестало док се писао пакет S-0002" in explain(result.stopped_by, default_catalog(), "sr-Cyrl")
    pulled.rename(stick)  # plugged in again
    assert visible_bundles(stick) == ["S-0001"]
    resumed = sync(jobs(*specs), FolderDestination(stick))
    assert resumed.names(Outcome.ALREADY_THERE) == ["S-0001"] and resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
    assert visible_bundles(stick) == ["S-0001", "S-0002", "S-0003"] and partials(stick) == []
    for name, big in specs:
        assert_bundle_intact(stick / name, name, big)


def test_a_destination_missing_at_the_start_tries_nothing(tmp_path: Path) -> None:
    result = sync(jobs(("S-0001", 0), ("S-0002", 0)), FolderDestination(tmp_path / "unplugged"))
    assert result.names(Outcome.NOT_TRIED) == ["S-0001", "S-0002"]
    assert isinstance(result.stopped_by, errors.DestinationMissing)


def test_a_stick_that_fills_mid_write_stops_the_sync_and_finishes_once_space_is_freed(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "12m") as small:
        specs = [("S-0001", 1_000_000), ("S-0002", BIG), ("S-0003", 0)]
        result = sync(jobs(*specs), FolderDestination(small))
        assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
        assert isinstance(result.stopped_by, errors.DestinationFull)
        assert result.names(Outcome.NOT_TRIED) == ["S-0003"]
        assert 5_000_000 < result.results[1].bytes_written < BIG
        assert visible_bundles(small) == ["S-0001"] and partials(small) == []
        subprocess.run(["mount", "-o", "remount,size=64m", str(small)], check=True)
        resumed = sync(jobs(*specs), FolderDestination(small))
        assert resumed.names(Outcome.SENT) == ["S-0002", "S-0003"]
        for name, big in specs:
            assert_bundle_intact(small / name, name, big)


def test_two_jobs_of_one_name_are_refused(stick: Path) -> None:
    with pytest.raises(ValueError, match="same name"):
        sync(jobs(("S-0001", 0), ("S-0001", 0)), FolderDestination(stick))
    assert list(stick.iterdir()) == []


def test_receipts_come_back_as_names_and_bytes(stick: Path) -> None:
    (stick / "receipts").mkdir()
    (stick / "receipts" / "S-0001.json").write_bytes(b'{"ok": true}')
    assert receipts(FolderDestination(stick)) == [Receipt("S-0001.json", b'{"ok": true}')]


def test_the_destination_folder_is_never_created(tmp_path: Path) -> None:
    sync(jobs(("S-0001", 0)), FolderDestination(tmp_path / "media" / "usb"))
    assert not (tmp_path / "media").exists()
    assert os.listdir(tmp_path) == []


def test_a_bundle_with_a_name_no_stick_can_hold_fails_alone(stick: Path) -> None:
    result = sync(jobs(("S-0001", 0), ("CON", 0), ("S-0003", 0)), FolderDestination(stick))
    assert result.names(Outcome.SENT) == ["S-0001", "S-0003"]
    assert result.results[1].outcome is Outcome.FAILED
    assert isinstance(result.results[1].error, errors.UnsafeName)
    assert visible_bundles(stick) == ["S-0001", "S-0003"]


def test_a_folder_removed_by_another_thread_mid_bundle_is_never_recreated_and_the_sync_finishes_later(
        stick: Path) -> None:
    """The stick's folder is deleted (from another thread) while a bundle is between two files: the next
    file must not re-create the folder (with a stick unplugged, that would write onto the laptop's disk)."""
    import shutil

    def remove_from_another_thread(relpath: str, written: int) -> None:
        if relpath == "data/events.json" and stick.exists():
            remover = threading.Thread(target=shutil.rmtree, args=(stick,))
            remover.start()
            remover.join()

    listed = jobs(("S-0001", 0))
    listed.append(BundleJob("S-0002", writer("S-0002", BIG, after_chunk=remove_from_another_thread)))
    listed += jobs(("S-0003", 0))
    result = sync(listed, FolderDestination(stick))
    assert result.names(Outcome.SENT) == ["S-0001"] and result.names(Outcome.FAILED) == ["S-0002"]
    assert isinstance(result.stopped_by, errors.DestinationGone)
    assert not stick.exists(), "the vanished folder was re-created by the writer"
    stick.mkdir()  # an empty stick plugged in
    again = sync(jobs(("S-0001", 0), ("S-0002", BIG), ("S-0003", 0)), FolderDestination(stick))
    assert again.names(Outcome.SENT) == ["S-0001", "S-0002", "S-0003"]
    for name, big in (("S-0001", 0), ("S-0002", BIG), ("S-0003", 0)):
        assert_bundle_intact(stick / name, name, big)


def test_progress_within_a_bundle_counts_its_own_bytes_against_its_size(stick: Path) -> None:
    """A bundle with a 1-3 GB recording took a whole minute on a stick with the bar standing still (new-user
    trial): each report also carries how far the current bundle is and how large it was expected to be."""
    seen: list[Progress] = []
    specs = [("S-0002", 3_000_000), ("S-0003", 0)]
    sync(jobs(*specs), FolderDestination(stick), progress=seen.append)
    first = [p for p in seen if p.bundle == "S-0002"]
    assert {p.bundle_size for p in first} == {size_of("S-0002", 3_000_000)}
    assert [p.bundle_written for p in first] == sorted(p.bundle_written for p in first)
    assert first[-1].bundle_written == size_of("S-0002", 3_000_000) and len(first) > 3
    assert [p for p in seen if p.bundle == "S-0003"][0].bundle_written == 0, "counted afresh for each bundle"
