"""A domain error in the console's language: the words its catalog key names, else a translated frame.

The wording itself is Qt-free (``kiosk.i18n.explain``), shared with the command line.
"""

from __future__ import annotations

from kiosk.i18n.explain import explain

__all__ = ["explain"]
