"""answers.csv keeps ids (they are data) and adds the words the participant saw beside them (issue 9)."""

from __future__ import annotations

import csv

from sessions_helper import run_session

from kiosk.reports.tabular import export_study_csv


def test_answers_csv_adds_the_wording_and_labels_shown_in_the_answers_language(store, demo_study, clock,
                                                                                tmp_path) -> None:
    run_session(store, demo_study, "V-0001", clock, sus=(5, 1) * 5)  # answered in the plan's default, sr-Cyrl
    export_study_csv(store, demo_study.id, tmp_path)
    rows = {r["question_id"]: r for r in csv.DictReader((tmp_path / "answers.csv").open(encoding="utf-8"))}
    age = rows["age_band"]
    assert (age["value"], age["language"]) == ("18-34", "sr-Cyrl")
    assert (age["question_text"], age["value_label"]) == ("Колико имате година?", "18 до 34")
    assert (rows["devices"]["value"], rows["devices"]["value_label"]) == ("phone", "Мобилни телефон")
    sus = rows["sus:1"]
    assert sus["value"] == "5" and sus["value_label"] == "5 — Потпуно се слажем"
    assert sus["question_text"] == "SUS 1: Мислим да бих радо често користио/ла овај систем."
    assert rows["sus:3"]["value_label"] == "5 — Потпуно се слажем" and rows["sus:2"]["value_label"].startswith("1 — ")
    assert rows["seq:register-holding"]["value_label"] == "6"
    dictionary = list(csv.DictReader((tmp_path / "data_dictionary.csv").open(encoding="utf-8")))
    described = {r["column"] for r in dictionary if r["file"] == "answers.csv"}
    assert {"question_text", "value_label"} <= described
