"""Qt's own translations (standard buttons, context menus) for the console's language, where Qt ships one.

A module of its own so the app installs them at start without the dialog classes (issue 8); PySide6
ships none for Serbian, so ``kiosk.qt.console.dialogs`` names those buttons from our catalog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

#: Qt language file for each of our language tags, where Qt ships one
QT_LOCALES = {"en": "en", "hu": "hu", "sr-Cyrl": "sr", "sr-Latn": "sr_Latn"}


def load_qt_translations(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Install Qt's own translation for ``lang`` when the wheel has one; None when it does not (Serbian)."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QT_LOCALES.get(lang, lang)), "qtbase", "_", folder):
        app.installTranslator(translator)
        return translator
    return None
