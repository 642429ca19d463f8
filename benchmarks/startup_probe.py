"""Child process for bench_startup.py: print 'painted' once the window's first row is on screen.

``bare``: a plain QMainWindow with a 3-row QTableView. ``app DATA_DIR``: Lumetra Desk's window on the store in
DATA_DIR, started as ``lumetra-desk --data-dir DATA_DIR`` starts it (the command line's ``main``), until the
dashboard's first deadline row has been painted. Nothing is imported before the start that the app would not
import itself: the app's first look at the store must overlap with Qt's own start, as it does for the officer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lumetra_desk.core.paths import AppPaths


def bare() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class FirstPaint(QObject):
        def __init__(self, view: QTableView) -> None:
            super().__init__()
            self.view = view

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.view.model().rowCount() > 0:
                print("painted", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QTableView()
    model = QStandardItemModel(3, 3)
    for r in range(3):
        for c in range(3):
            model.setItem(r, c, QStandardItem(f"cell {r},{c}"))
    view.setModel(model)
    window.setCentralWidget(view)
    probe = FirstPaint(view)
    view.viewport().installEventFilter(probe)
    window.resize(1000, 700)
    window.show()
    return app.exec()


def app(data_dir: str) -> int:
    """``lumetra-desk --data-dir DATA_DIR``, through the command line's own entry point."""
    from lumetra_desk.cli import main as cli
    from lumetra_desk.gui import launch

    def painted() -> None:
        print("painted", flush=True)
        os._exit(0)  # measured: the rest of the start (and a first-run wizard) is not waited for

    def open_window_and_report(paths: AppPaths, on_first_rows: Callable[[], None] | None = None) -> int:
        return open_window(paths, on_first_rows=painted)

    open_window = launch.open_window
    launch.open_window = open_window_and_report  # what `gui` calls, with the report of the first paint
    return cli.main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(bare() if sys.argv[1] == "bare" else app(sys.argv[2]))
