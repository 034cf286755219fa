"""Small prototype folders for tests: real PNG files (written without an imaging library) and prototype.toml."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def write_png(path: Path, width: int, height: int, rgb: tuple[int, int, int] = (240, 240, 240)) -> Path:
    """A real, valid PNG of one colour (any viewer opens it; Qt and OpenCV decode it)."""
    row = b"\x00" + bytes(rgb) * width
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
    return path


#: home → form → sent, with a help screen off the form, a Back on help and a goal hotspot on sent
FARM_TOML = """\
[prototype]
id = "farm"

[[screens]]
id = "home"
image = "home.png"

  [[screens.hotspots]]
  id = "apply"
  rect = [100, 500, 400, 100]
  go = "form"

  [[screens.hotspots]]
  id = "about"
  rect = [600, 500, 300, 100]
  go = "help"

[[screens]]
id = "form"
image = "form.png"

  [[screens.hotspots]]
  id = "send"
  rect = [100, 600, 400, 100]
  go = "sent"

  [[screens.hotspots]]
  id = "form-help"
  rect = [900, 50, 200, 80]
  go = "help"

[[screens]]
id = "help"
image = "help.png"

  [[screens.hotspots]]
  id = "help-back"
  rect = [20, 20, 200, 80]
  back = true

  [[screens.hotspots]]
  id = "help-form"
  rect = [100, 600, 400, 100]
  go = "form"

[[screens]]
id = "sent"
image = "sent.png"

  [[screens.hotspots]]
  id = "receipt"
  rect = [100, 300, 500, 100]
  goal = true
"""


def farm_prototype(folder: Path, toml: str = FARM_TOML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("home", "form", "help", "sent"):
        write_png(folder / f"{name}.png", 1280, 800)
    (folder / "prototype.toml").write_text(toml, encoding="utf-8")
    return folder


def link_demo_prototype(plan_folder: Path) -> Path:
    """Give a copy of the demo plan its prototype: a link to the one drawn beside the bundled plan (conftest
    draws it), since the plan names its folder relative to itself."""
    from kiosk.resources import demo_plan_path

    link = plan_folder / "prototype"
    link.symlink_to(demo_plan_path().parent / "prototype", target_is_directory=True)
    return link
