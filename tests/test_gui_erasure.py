"""Erasure from the console: off the GUI thread, after the report already running, honest while another
reader keeps old copies, and done only when no byte of the participant is left in the data folder."""

from __future__ import annotations

import subprocess
import threading

import pytest

from erasure_support import OtherReader, plant_participant, traces_left

pytestmark = pytest.mark.gui


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_erasing_with_a_report_running_and_a_reader_open_leaves_no_byte_once_done(kiosk, qtbot, store, demo_study,
                                                                                  clock, monkeypatch) -> None:
    import kiosk.reports.jobs as jobs
    import kiosk.store.erasure as erasure

    root = store.path.parent
    plant_participant(store, demo_study, clock, "KEEP-0001", note="Kept participant note", mark=48)
    traces = plant_participant(store, demo_study, clock, "GONE-0001")
    page = kiosk.console.start_page
    page.reload()
    order: list[str] = []
    threads: dict[str, int] = {}

    # The report has read its data and is slow to write it (a long study): the erasure is asked for now.
    release = threading.Event()
    real_report = jobs.write_study_report

    def slow_report(results, path, lang):
        assert release.wait(30)
        written = real_report(results, path, lang)
        order.append("report: " + ("names GONE" if "7QX" in pdf_text(written) else "does not name GONE"))
        return written

    monkeypatch.setattr(jobs, "write_study_report", slow_report)
    real_erase = erasure.erase_participant

    def recording_erase(*args, **kwargs):
        threads["erase"] = threading.get_ident()
        order.append("erase")
        return real_erase(*args, **kwargs)

    monkeypatch.setattr(erasure, "erase_participant", recording_erase)
    service = kiosk.erasure_service()
    service.retry.setInterval(50)

    report = kiosk.write_study_report(demo_study.id)
    reader = OtherReader(store.path)
    try:
        message = kiosk.withdraw(demo_study.id, "GONE-0001", "delete", "asked by phone")
        assert "deleting" in message and "everything was deleted" not in page.report_status.text()
        with qtbot.waitSignal(service.erasure_finished, timeout=60_000) as erased:
            release.set()
        result = erased.args[0]
        assert order == ["report: names GONE", "erase"], "the erasure must wait for the report started before it"
        assert threads["erase"] != threading.get_ident(), "erasure must not run on the GUI thread"
        # the rows are gone, the reader still holds old copies, and the console says exactly that
        assert store.sessions(demo_study.id)[0].participant_code == "KEEP-0001" and len(store.sessions()) == 1
        assert not result.fully_compacted and traces_left(root, traces)
        status = page.report_status.text()
        assert "GONE-0001: deleted" in status and "old copies remain in the database files (" in status
        assert "everything was deleted" not in status
        assert report not in kiosk.jobs
    finally:
        reader.close()
    with qtbot.waitSignal(service.wipe_completed, timeout=60_000):
        pass  # the retry timer runs on the event loop; the reader has closed
    assert "nothing of the erased participant remains" in page.report_status.text()
    assert traces_left(root, traces) == []
    for pdf in (root / "reports").glob("*.pdf"):  # receipts here are planted stand-ins, not PDFs
        assert "7QX" not in pdf_text(pdf) and "GONE-0001" not in pdf_text(pdf), pdf
    assert [s.participant_code for s in store.sessions()] == ["KEEP-0001"]


def test_a_report_asked_for_after_the_erasure_only_sees_what_is_left(kiosk, qtbot, store, demo_study, clock) -> None:
    plant_participant(store, demo_study, clock, "KEEP-0001", note="Kept participant note", mark=48)
    plant_participant(store, demo_study, clock, "GONE-0001")
    service = kiosk.erasure_service()
    kiosk.withdraw(demo_study.id, "GONE-0001", "delete", "asked by phone")
    report = kiosk.write_study_report(demo_study.id)
    with qtbot.waitSignal(report.finished, timeout=60_000) as written:
        pass
    assert not service.pending
    text = pdf_text(written.args[0])
    assert "Kept participant note" in text and "7QX" not in text
    assert "everything was deleted" in kiosk.console.start_page.report_status.text() or \
        str(written.args[0]) in kiosk.console.start_page.report_status.text()
