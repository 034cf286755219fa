"""``ux-kiosk screenshots`` chooses languages, themes and text sizes (issue 12 item 6); default: everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.options import parse


def test_by_default_every_language_theme_and_both_text_sizes_are_chosen() -> None:
    args = parse(["screenshots", "--out", "shots"])
    assert (args.languages, args.theme, args.text_sizes) == (None, None, None)  # render_study: all of them


def test_subsets_are_chosen_by_repeating_options() -> None:
    args = parse(["screenshots", "--out", "shots", "--language", "sr-cyrl", "--language", "x-stretch",
                  "--theme", "high_contrast", "--text-size", "200%", "--text-size", "125"])
    assert args.languages == ["sr-Cyrl", "x-stretch"]
    assert args.theme == ["high_contrast"]
    assert args.text_sizes == [200, 125]


@pytest.mark.parametrize("bad", [["--text-size", "120"], ["--text-size", "250"], ["--language", "x-other"]])
def test_a_text_size_not_offered_or_an_unknown_language_is_refused_in_one_line(bad, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parse(["screenshots", "--out", "shots", *bad])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_language_the_plan_lacks_is_named_before_anything_is_rendered(tmp_path: Path, capsys) -> None:
    plan = tmp_path / "plan"
    import shutil

    from kiosk.resources import data_folder

    shutil.copytree(data_folder("sessions") / "example-social-card", plan)
    text = (plan / "plan.toml").read_text(encoding="utf-8")
    text = text.replace('languages = ["sr-Cyrl", "sr-Latn", "en", "hu"]', 'languages = ["sr-Cyrl", "sr-Latn", "en"]')
    (plan / "plan.toml").write_text(text.replace('unreviewed_languages = ["hu"]', ""), encoding="utf-8")
    code = main(["screenshots", "--out", str(tmp_path / "shots"), "--plan", str(plan / "plan.toml"),
                 "--language", "hu", "--text-size", "100", "--theme", "standard"])
    err = capsys.readouterr().err
    assert code != 0 and "hu" in err and "offers" in err
