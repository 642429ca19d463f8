"""Child process for bench_startup.py: build a window and print 'painted' once its first row is on screen.

``bare``: a plain QMainWindow with a 3-row QTableView. ``app DATA_DIR``: Lumetra Desk's main window on the store
in DATA_DIR, exactly as ``run_app`` builds it, until the dashboard's first deadline row is painted.
"""

from __future__ import annotations

import sys

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


def main() -> None:
    if sys.argv[1] == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        view = QTableView()
        model = QStandardItemModel(3, 3)
        for r in range(3):
            for c in range(3):
                model.setItem(r, c, QStandardItem(f"cell {r},{c}"))
        view.setModel(model)
        window.setCentralWidget(view)
    else:
        from lumetra_desk.core.paths import resolve_paths
        from lumetra_desk.core.store.db import Store
        from lumetra_desk.gui.app import create_application
        from lumetra_desk.gui.main_window import MainWindow

        app = create_application(sys.argv[:1])
        store = Store.open(resolve_paths(sys.argv[2]), exclusive=True)
        window = MainWindow(store)
        view = window.dashboard.ui.upcomingTable  # the window opens on the dashboard: its first deadline row
    probe = FirstPaint(view)
    view.viewport().installEventFilter(probe)
    window.resize(1000, 700)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
