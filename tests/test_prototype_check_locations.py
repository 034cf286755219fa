"""`ux-kiosk check` names the right hotspot when an earlier one on the same screen is broken too."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.study import PlanError
from kiosk.study.prototypes import load_prototype
from prototype_fixtures import write_png

TOML = """\
[prototype]
id = "p"

[[screens]]
id = "home"
image = "home.png"

  [[screens.hotspots]]
  id = "too-wide"
  rect = [1000, 0, 400, 100]
  go = "home"

  [[screens.hotspots]]
  id = "lost"
  rect = [0, 0, 100, 100]
  go = "nowhere"
"""


def test_a_link_to_a_missing_screen_is_located_at_its_own_hotspot(tmp_path: Path) -> None:
    write_png(tmp_path / "home.png", 1280, 800)
    (tmp_path / "prototype.toml").write_text(TOML, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_prototype(tmp_path)
    where = {(p.key_path, p.line) for p in caught.value.problems}
    assert where == {("screens[0].hotspots[0].rect", 10), ("screens[0].hotspots[1].go", 16)}
