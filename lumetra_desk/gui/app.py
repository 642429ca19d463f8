"""Start the window: one QApplication, the store opened (asking for a passphrase if needed), errors in plain words.

On a store that opens without a question (its key in the keyring or in ``$LUMETRA_DESK_PASSPHRASE``), the
window shows the dashboard's first deadlines as soon as Qt is up: they were read by the first look
(``core.store.first_look``) while Qt loaded. The rest of the app (SQLAlchemy, the case view, letters, the rule
book) loads after that first paint, and the store then takes over the first look's connection.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from lumetra_desk import __version__
from lumetra_desk.core.dashboard import NextDeadline
from lumetra_desk.core.errors import LumetraError
from lumetra_desk.core.paths import AppPaths, resolve_paths, resources_dir, ui_dir
from lumetra_desk.core.store.first_look import FirstLook, PendingLook
from lumetra_desk.gui.icon import app_icon
from lumetra_desk.gui.main_window import MainWindow

if TYPE_CHECKING:
    from lumetra_desk.core.store.db import Store

log = logging.getLogger("lumetra_desk.gui")


def configure_logging(paths: AppPaths) -> None:
    """The log file in the log folder; where it cannot be written (a read-only or full disk) the log goes to
    standard error, so the window can still start and say what is wrong with the folder."""
    import logging.handlers  # after the first rows are on screen

    handler: logging.Handler
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            paths.log_dir / "lumetra-desk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        handler = logging.StreamHandler()
        print(f"lumetra-desk: the log cannot be written in {paths.log_dir} ({exc.strerror})", file=sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger("lumetra_desk").addHandler(handler)
    logging.getLogger("lumetra_desk").setLevel(logging.INFO)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Uncaught errors in slots: log the traceback, tell the officer in one sentence."""
    log.error("uncaught error:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    text = str(value) if isinstance(value, LumetraError) else "Something went wrong; the details are in the log."
    QMessageBox.critical(None, "Lumetra Desk", text)


def register_bundled_fonts() -> None:
    """The letters' fonts for the window too: names in Chinese, Japanese or Korean show on a machine without such
    system fonts (Droid Sans Fallback), as they print in the letters."""
    for font in sorted((resources_dir() / "fonts").glob("*.ttf")):
        if QFontDatabase.addApplicationFont(str(font)) < 0:
            log.warning("could not load the bundled font %s", font.name)


FOLLOWS_PALETTE = "lumetraFollowsPalette"


def _reapply_style_sheet() -> None:
    """Widgets styled by a sheet keep the palette they were polished with; polishing them again lets a switch to
    dark mode (or back) reach every widget while the window is open."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setStyleSheet(app.styleSheet())


def configure_application(app: QApplication) -> None:
    """Names, icon, bundled fonts and the style sheet, and following the system's light or dark palette."""
    app.setApplicationName("Lumetra Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Lumetra")
    app.setDesktopFileName("io.lumetra.Desk")
    app.setWindowIcon(app_icon())
    register_bundled_fonts()
    style_sheet = ui_dir() / "style.qss"
    if style_sheet.exists():
        app.setStyleSheet(style_sheet.read_text())
    if not app.property(FOLLOWS_PALETTE):
        app.paletteChanged.connect(_reapply_style_sheet)  # a signal, not an event filter: nothing per event
        app.setProperty(FOLLOWS_PALETTE, True)


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    configure_application(app)
    return app


def open_store_interactively(paths: AppPaths) -> Store | None:
    """Open the store for this window; ask for the passphrase while it is needed or wrong."""
    from lumetra_desk.core.store.db import PassphraseRequiredError, Store

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
        passphrase = ask_passphrase(message, new_store=not paths.store_file.exists())
        if passphrase is None:
            return None


def ask_passphrase(message: str, new_store: bool) -> str | None:
    """The store's passphrase, or None when the officer cancels. A new store's is typed twice: a typo in it
    would lock the officer out of everything the store will hold."""
    while True:
        text, ok = QInputDialog.getText(None, "Lumetra Desk", message, QLineEdit.EchoMode.Password)
        if not ok or not new_store:
            return text if ok else None
        again, ok = QInputDialog.getText(
            None, "Lumetra Desk", "Type the same passphrase again, to be sure of it:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if again == text:
            return text
        message = "The two passphrases were not the same. Choose the passphrase of the new store again:"


def run_app(
    paths: AppPaths | None = None,
    look: PendingLook | None = None,
    on_first_rows: Callable[[], None] | None = None,
) -> int:
    """Run the window until it is closed. ``look`` is the first look, started before Qt was imported;
    ``on_first_rows`` is called once the dashboard's first deadlines are on screen (the startup benchmark)."""
    started = time.monotonic()
    paths = paths or resolve_paths()
    look = look or PendingLook(paths)
    app = create_application()
    sys.excepthook = _excepthook
    window = MainWindow.opening(paths)  # the form is built while the first look keys the store
    if look.keying():  # no question to ask: the window shows while the key is derived, its rows follow
        window.show_dashboard()
        _show(window)
    first = look.result()
    if first is None:
        return _run_opened(app, window)
    return _run_from_first_look(app, window, first, started, on_first_rows)


def _check_fonts() -> None:
    if not QFontDatabase.families():
        log.warning("no fonts found: install fonts-dejavu-core")


def _run_opened(app: QApplication, window: MainWindow) -> int:
    """The ordinary start: open the store (asking what is needed), the first-run wizard, then the window."""
    from lumetra_desk.gui.first_run import FirstRunOutcome, run_first_run

    configure_logging(window.paths)
    _check_fonts()
    store = open_store_interactively(window.paths)
    if store is None:
        return 1
    first_run = run_first_run(window.paths)  # the wizard, until the officer has finished it once
    window.attach(store)
    _show(window)
    if first_run is FirstRunOutcome.EXPLORE_DEMO:
        window.load_demo_data()
    try:
        return app.exec()
    finally:
        store.close()


def _run_from_first_look(
    app: QApplication,
    window: MainWindow,
    first: FirstLook,
    started: float,
    on_first_rows: Callable[[], None] | None,
) -> int:
    """The window on the first look's deadlines at once; the store, the wizard and the rest after they show."""
    window.show_first_deadlines([NextDeadline(row, basis) for row, basis in first.deadlines])
    opened: list[Store] = []

    def attach() -> None:
        if on_first_rows is not None:
            on_first_rows()
        configure_logging(first.paths)
        log.info("first rows shown %.0f ms after the window started", (time.monotonic() - started) * 1000)
        _check_fonts()
        from lumetra_desk.core.store.db import Store  # the rest of the app loads now
        from lumetra_desk.gui.first_run import FirstRunOutcome, run_first_run

        store = Store.adopt(first)
        opened.append(store)
        first_run = run_first_run(first.paths, window)
        window.attach(store)
        if first_run is FirstRunOutcome.EXPLORE_DEMO:
            window.load_demo_data()

    if first.deadlines:
        window.first_rows_painted.connect(attach, type=Qt.ConnectionType.SingleShotConnection)
    else:
        QTimer.singleShot(0, attach)
    if not window.isVisible():
        _show(window)
    try:
        return app.exec()
    finally:
        if opened:
            opened[0].close()
        else:
            first.close()


def _show(window: MainWindow) -> None:
    window.resize(QGuiApplication.primaryScreen().availableSize() * 0.8)
    window.show()
