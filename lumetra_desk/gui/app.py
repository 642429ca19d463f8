"""Start the window: one QApplication, the store opened (asking for a passphrase if needed), errors in plain words."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from lumetra_desk import __version__
from lumetra_desk.core.errors import LumetraError
from lumetra_desk.core.paths import AppPaths, resolve_paths, ui_dir
from lumetra_desk.core.store.db import PassphraseRequiredError, Store
from lumetra_desk.gui.about import app_icon
from lumetra_desk.gui.first_run import FirstRunOutcome, run_first_run
from lumetra_desk.gui.main_window import MainWindow

log = logging.getLogger("lumetra_desk.gui")


def configure_logging(paths: AppPaths) -> None:
    paths.log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.log_dir / "lumetra-desk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("lumetra_desk").addHandler(handler)
    logging.getLogger("lumetra_desk").setLevel(logging.INFO)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Uncaught errors in slots: log the traceback, tell the officer in one sentence."""
    log.error("uncaught error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    text = str(value) if isinstance(value, LumetraError) else "Something went wrong; the details are in the log."
    QMessageBox.critical(None, "Lumetra Desk", text)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName("Lumetra Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Lumetra")
    app.setDesktopFileName("io.lumetra.Desk")
    app.setWindowIcon(app_icon())
    style_sheet = ui_dir() / "style.qss"
    if style_sheet.exists():
        app.setStyleSheet(style_sheet.read_text())
    return app


def open_store_interactively(paths: AppPaths) -> Store | None:
    """Open the store for this window; ask for the passphrase while it is needed or wrong."""
    passphrase: str | None = None
    while True:
        try:
            return Store.open(paths, create=True, passphrase=passphrase, exclusive=True)
        except PassphraseRequiredError as exc:
            message = str(exc)
        except LumetraError as exc:
            if passphrase is None:
                QMessageBox.critical(None, "Lumetra Desk", str(exc))
                return None
            message = f"{exc}\n\nTry the passphrase again."
        text, ok = QInputDialog.getText(None, "Lumetra Desk", message, QLineEdit.EchoMode.Password)
        if not ok:
            return None
        passphrase = text


def run_app(paths: AppPaths | None = None) -> int:
    paths = paths or resolve_paths()
    app = create_application()
    configure_logging(paths)
    sys.excepthook = _excepthook
    if not QFontDatabase.families():
        log.warning("no fonts found: install fonts-dejavu-core")
    store = open_store_interactively(paths)
    if store is None:
        return 1
    first_run = run_first_run(paths)  # the wizard, until the officer has finished it once
    window = MainWindow(store)
    window.resize(QGuiApplication.primaryScreen().availableSize() * 0.8)
    window.show()
    if first_run is FirstRunOutcome.EXPLORE_DEMO:
        window.load_demo_data()
    try:
        return app.exec()
    finally:
        store.close()
