"""``ux-kiosk edit-prototype FOLDER``: the hotspot editor as a program of its own, in the facilitator's language."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.i18n import Catalog, default_catalog
from kiosk.prototype.draft_file import open_folder
from kiosk.prototype.editing import EditError
from kiosk.qt.console.dialogs import load_qt_translations, translate_buttons
from kiosk.qt.console.placement import fit_window
from kiosk.qt.editor.window import HotspotEditorWindow
from kiosk.qt.explain import explain
from kiosk.qt.style import register_fonts

EDITOR_SIZE = (1280, 800)


def open_editor(folder: Path, catalog: Catalog, lang: str) -> HotspotEditorWindow:
    """The editor on ``folder``; raises EditError (worded for the facilitator) if it cannot be opened.

    Its screens' titles are offered in the languages of the first plan found above the folder that plays it.
    """
    from kiosk.study.prototype_users import plans_using

    plans = plans_using(Path(folder))
    return HotspotEditorWindow(open_folder(folder), catalog, lang, plans[0][1] if plans else ())


def run_editor(folder: Path, lang: str = "en") -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("ux-kiosk")
    register_fonts()
    catalog = default_catalog()
    load_qt_translations(app, lang)
    try:
        window = open_editor(folder, catalog, lang)
    except EditError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, catalog.text(lang, "editor.open_failed"),
                          explain(exc, catalog, lang), QMessageBox.StandardButton.Ok)
        translate_buttons(box, catalog, lang)
        box.exec()
        return 1
    show_editor(window)
    return app.exec()


def show_editor(window: HotspotEditorWindow) -> None:
    """Shown as large as the screen allows with its title bar: 1280x800 is the smallest laptop we plan for."""
    fit_window(window, EDITOR_SIZE)
    window.show()
    fit_window(window, EDITOR_SIZE)  # again, now that the window manager's title bar is known
