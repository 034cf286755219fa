"""``python -m kiosk`` and the ``ux-kiosk`` command; the command line itself lives in :mod:`kiosk.cli`."""

from __future__ import annotations

import sys

from kiosk.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
