"""The licence pyproject.toml declares is in the repository, and the fonts' licence travels with the fonts."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_declared_eupl_text_is_in_the_repository() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == {"text": "EUPL-1.2"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    # The official text has 15 articles and the appendix of compatible licences.
    for heading in ("1. Definitions", "5. Obligations of the Licensee", "15. Applicable Law", "Appendix"):
        assert f"\n{heading}\n" in text


def test_the_font_licence_is_packaged_beside_the_fonts() -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]
    assert build["targets"]["wheel"]["force-include"]["assets"] == "kiosk/_data/assets"
    assert "assets" not in str(build.get("targets", {}).get("sdist", {}).get("exclude", []))
    fonts = ROOT / "assets" / "fonts"
    assert "Bitstream Vera" in (fonts / "DejaVu-LICENSE.txt").read_text(encoding="utf-8")
    assert sorted(p.name for p in fonts.glob("*.ttf")) == ["DejaVuSans-Bold.ttf", "DejaVuSans.ttf"]
