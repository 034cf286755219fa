"""Make a window a dock that reserves its strip of the screen, on X11 (the step-aside bar, issue 10).

A window that only stays on top covers the bottom of every other window: the browser with an HTML
prototype went under the bar, and its last 83 px (its own "Next" button, often) could not be reached. The
EWMH way to say "keep this strip free" is a strut (``_NET_WM_STRUT`` and ``_NET_WM_STRUT_PARTIAL``) on a
window of type ``_NET_WM_WINDOW_TYPE_DOCK``: window managers then maximise and place other windows above it.

Qt has no API for either, so the properties are written with libX11 through ctypes, only when Qt runs on the
``xcb`` platform. Elsewhere nothing is done and the bar only stays on top (docs/step-aside.md says what each
system does). The properties live on the window, so a short-lived connection of our own is enough.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

XA_ATOM, XA_CARDINAL, PROP_MODE_REPLACE = 4, 6, 0


@cache
def _xlib() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("X11")
    if name is None:
        return None
    lib = ctypes.cdll.LoadLibrary(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XChangeProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int,
                                    ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
    lib.XDefaultScreen.argtypes = [ctypes.c_void_p]
    lib.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return lib


def is_x11() -> bool:
    return QGuiApplication.platformName() == "xcb"


def reserve_bottom_strip(widget: QWidget) -> bool:
    """Mark ``widget``'s native window as a dock reserving the strip it covers along the bottom of the screen.

    Call after its geometry is set and before it is shown (a window manager reads the type when the window is
    mapped; the strut it also follows later). True if the properties were written (X11 with libX11), False
    where the platform offers no such thing."""
    lib = _xlib() if is_x11() else None
    if lib is None:
        return False
    window = int(widget.winId())  # creates the native window if there is none yet
    display = lib.XOpenDisplay(None)
    if not display:
        return False
    try:
        ratio = widget.devicePixelRatioF()
        geometry = widget.geometry()
        top = round(geometry.y() * ratio)
        left, right = round(geometry.x() * ratio), round((geometry.x() + geometry.width()) * ratio) - 1
        root_height = lib.XDisplayHeight(display, lib.XDefaultScreen(display))
        bottom = max(0, root_height - top)
        partial = (ctypes.c_long * 12)(0, 0, 0, bottom, 0, 0, 0, 0, 0, 0, left, right)
        plain = (ctypes.c_long * 4)(0, 0, 0, bottom)
        dock = (ctypes.c_long * 1)(lib.XInternAtom(display, b"_NET_WM_WINDOW_TYPE_DOCK", 0))

        def put(name: bytes, kind: int, data, count: int) -> None:
            lib.XChangeProperty(display, window, lib.XInternAtom(display, name, 0), kind, 32, PROP_MODE_REPLACE,
                                ctypes.cast(data, ctypes.c_void_p), count)

        put(b"_NET_WM_WINDOW_TYPE", XA_ATOM, dock, 1)
        put(b"_NET_WM_STRUT_PARTIAL", XA_CARDINAL, partial, 12)
        put(b"_NET_WM_STRUT", XA_CARDINAL, plain, 4)
        lib.XSync(display, 0)
    finally:
        lib.XCloseDisplay(display)
    return True
