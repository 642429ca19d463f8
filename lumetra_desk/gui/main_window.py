"""The main window: the case list, or an empty state that offers demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QMainWindow, QMessageBox, QWidget

from lumetra_desk.core import demo, rules
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.queries import CaseFilter
from lumetra_desk.gui.forms.ui_main_window import Ui_MainWindow
from lumetra_desk.gui.models.case_table import CaseTableModel
from lumetra_desk.gui.tasks import run_in_background

STATUSES = (
    "new",
    "acknowledged",
    "verifying",
    "awaiting_requester",
    "in_progress",
    "extended",
    "responded",
    "appealed",
    "closed",
)
DEMO_CASES = 500
EMPTY_PAGE, CASES_PAGE = 0, 1


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"Lumetra Desk — {store.paths.data_dir}")
        self.cases = CaseTableModel(store, self)
        self.ui.caseTable.setModel(self.cases)
        self.ui.caseTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.ui.caseTable.horizontalHeader().setStretchLastSection(True)
        self.ui.caseTable.verticalHeader().setVisible(False)
        self.ui.caseTable.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.ui.emptyTitle.setObjectName("emptyTitle")
        self._fill_filters()
        self.cases.loaded.connect(self._on_loaded)
        self.cases.failed.connect(self.show_error)
        self.ui.loadDemoButton.clicked.connect(self.load_demo_data)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.ui.searchEdit.textChanged.connect(lambda _text: self._search_timer.start())
        self.ui.statusFilter.currentIndexChanged.connect(self._apply_filter)
        self.ui.jurisdictionFilter.currentIndexChanged.connect(self._apply_filter)
        QShortcut(QKeySequence.StandardKey.Find, self, self.ui.searchEdit.setFocus)
        self.cases.reload()

    def _fill_filters(self) -> None:
        self.ui.statusFilter.addItem("Open cases", "open")
        self.ui.statusFilter.addItem("All statuses", "")
        for status in STATUSES:
            self.ui.statusFilter.addItem(status.replace("_", " ").capitalize(), status)
        self.ui.jurisdictionFilter.addItem("All jurisdictions", "")
        for code in rules.load_rulebook().jurisdictions():
            self.ui.jurisdictionFilter.addItem(code, code)

    def current_filter(self) -> CaseFilter:
        status = self.ui.statusFilter.currentData() or ""
        return CaseFilter(
            statuses=(status,) if status and status != "open" else (),
            open_only=status == "open",
            jurisdiction=self.ui.jurisdictionFilter.currentData() or "",
            text=self.ui.searchEdit.text(),
        )

    def _apply_filter(self) -> None:
        self.cases.set_filter(self.current_filter())

    def _on_loaded(self, count: int) -> None:
        filtered = self.current_filter() != CaseFilter(open_only=True)
        empty_store = count == 0 and not filtered
        self.ui.pages.setCurrentIndex(EMPTY_PAGE if empty_store else CASES_PAGE)
        self.statusBar().showMessage(f"{count} case{'s' if count != 1 else ''}")

    def load_demo_data(self) -> None:
        self.ui.loadDemoButton.setEnabled(False)
        self.statusBar().showMessage(f"Adding {DEMO_CASES} demo cases…")
        store = self.store

        def done(_summary: object) -> None:
            self.ui.loadDemoButton.setEnabled(True)
            self.cases.reload()

        def failed(message: str) -> None:
            self.ui.loadDemoButton.setEnabled(True)
            self.show_error(message)

        run_in_background(lambda: demo.fill(store, DEMO_CASES), done, failed, self)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Lumetra Desk", message)
