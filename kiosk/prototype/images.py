"""Image sizes from the file header, so checking and loading a plan never imports an imaging library.

A plan is loaded at every start of the app; OpenCV or Qt's image readers would cost far more than
reading the first bytes of each PNG or JPEG. Decoding the pixels is left to the player and the heatmaps.
"""

from __future__ import annotations

import struct
from pathlib import Path

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


class UnreadableImage(ValueError):
    """Not a PNG or JPEG this app can show, with what was found instead."""


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG or baseline/progressive JPEG file."""
    with path.open("rb") as handle:
        head = handle.read(32)
        if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return _checked(width, height, path)
        if head.startswith(b"\xff\xd8"):
            handle.seek(2)
            return _jpeg_size(handle, path)
    raise UnreadableImage(f"{path.name} is not a PNG or JPEG image")


def _jpeg_size(handle, path: Path) -> tuple[int, int]:
    while True:
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise UnreadableImage(f"{path.name}: a damaged JPEG (no frame header found)")
        kind = marker[1]
        if kind in (0xD8, 0x01) or 0xD0 <= kind <= 0xD7:
            continue  # markers without a length
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            raise UnreadableImage(f"{path.name}: a damaged JPEG (cut short)")
        (length,) = struct.unpack(">H", length_bytes)
        if 0xC0 <= kind <= 0xCF and kind not in (0xC4, 0xC8, 0xCC):
            data = handle.read(5)
            if len(data) < 5:
                raise UnreadableImage(f"{path.name}: a damaged JPEG (cut short)")
            height, width = struct.unpack(">HH", data[1:5])
            return _checked(width, height, path)
        handle.seek(length - 2, 1)


def _checked(width: int, height: int, path: Path) -> tuple[int, int]:
    if not (0 < width <= 20000 and 0 < height <= 20000):
        raise UnreadableImage(f"{path.name}: an image of {width}×{height} pixels cannot be shown")
    return width, height
