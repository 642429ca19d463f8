"""The main window: dashboard, case list with the open case beside it, intake review; import, fetch, reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from lumetra_desk.core.cases.wording import STATUS_WORDS
from lumetra_desk.core.dashboard import BUCKETS, Bucket, NextDeadline, bucket_filter
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.case_list import CaseFilter
from lumetra_desk.gui.asker import Asker
from lumetra_desk.gui.dashboard_view import DashboardView
from lumetra_desk.gui.forms.ui_main_window import Ui_MainWindow
from lumetra_desk.gui.tasks import Progress, run_in_background, run_with_progress

if TYPE_CHECKING:
    from lumetra_desk.core.store.db import Store
    from lumetra_desk.gui.case_view import CaseView
    from lumetra_desk.gui.intake_view import IntakeReview
    from lumetra_desk.gui.models.case_table import CaseTableModel
    from lumetra_desk.gui.reminder_tray import ReminderService

DUE_CHOICES: tuple[tuple[str, str], ...] = (
    ("Any due date", ""),
    ("Overdue", "overdue"),
    ("Due today", "due_today"),
    ("Due within 7 days", "due_week"),
    ("Due within 30 days", "due_month"),
)
TIERS = ("free", "paid", "enterprise", "unknown")
DEMO_CASES = 500
EMPTY_PAGE, WORK_PAGE = 0, 1
DASHBOARD_TAB, CASES_TAB, INTAKE_TAB = 0, 1, 2
REQUESTER_COLUMN = 4  # of the case list model
CASE_VIEW_WIDTH = 760  # the open case's share of the window before it is resized
MAIL_SUFFIXES = (".eml", ".mbox", ".mbx", ".msg", ".txt", "")


class MainWindow(QMainWindow):
    """The window, built in two steps so that the dashboard's first deadlines show before the rest of the app is
    loaded: the form with the dashboard (``opening``), then everything that works on the store (``attach``).
    ``MainWindow(store)`` takes both steps at once."""

    first_rows_painted = Signal()  # once, when the dashboard's first deadline rows are on screen
    dashboard: DashboardView

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_form(store.paths)
        self.attach(store)

    @classmethod
    def opening(cls, paths: AppPaths) -> MainWindow:
        """The window before its store is attached: the form with the dashboard."""
        window = cls.__new__(cls)
        QMainWindow.__init__(window)
        window._build_form(paths)
        return window

    def show_dashboard(self) -> None:
        """The dashboard in front while its first deadlines are still being read."""
        self._show_tab(DASHBOARD_TAB)

    def show_first_deadlines(self, deadlines: list[NextDeadline]) -> None:
        """The next deadlines read before the store is attached, on the dashboard."""
        self.dashboard.show_first(deadlines)
        if deadlines:
            self._has_cases = True
            self._show_tab(DASHBOARD_TAB)
            self.update()  # the next frame of the whole window (see paintEvent) carries the rows

    def _build_form(self, paths: AppPaths) -> None:
        self.paths = paths
        self.attached = False
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowTitle(f"Lumetra Desk — {paths.data_dir}")
        self.ask = Asker(self)
        self.ui.emptyTitle.setObjectName("emptyTitle")
        self.last_error = ""
        self.last_summary = ""
        self._progress: Progress | None = None
        self._has_cases = False
        self._pending_mail = 0
        self.dashboard = DashboardView(None, self.ui.dashboardTab)
        self.ui.dashboardHost.addWidget(self.dashboard)
        self._first_rows_painted = False
        self._setup_status_bar()

    def attach(self, store: Store) -> None:
        """Everything that works on the store: the case list and view, intake review, reminders, the actions."""
        from lumetra_desk.gui.case_view import CaseView
        from lumetra_desk.gui.intake_view import IntakeReview
        from lumetra_desk.gui.models.case_table import CaseTableModel
        from lumetra_desk.gui.reminder_tray import ReminderService

        self.store = store
        self.dashboard.store = store
        self.case_view: CaseView = CaseView(store, self.paths, self.ui.caseViewHost)
        self.ui.caseViewLayout.addWidget(self.case_view)
        self.intake: IntakeReview = IntakeReview(store, self.ui.intakeTab)
        self.ui.intakeHost.addWidget(self.intake)
        self.cases: CaseTableModel = CaseTableModel(store, self)
        self._setup_case_table()
        self._fill_filters()
        # wiring
        self.cases.loaded.connect(self._on_loaded)
        self.cases.ids_known.connect(self._on_ids_known)
        for source in (self.cases, self.dashboard, self.case_view, self.intake):
            source.failed.connect(self.show_error)
        self.dashboard.bucket_chosen.connect(self.show_bucket)
        self.dashboard.review_chosen.connect(lambda: self.ui.views.setCurrentIndex(INTAKE_TAB))
        self.dashboard.case_chosen.connect(self.open_case)
        self.dashboard.loaded.connect(self._on_dashboard_loaded)
        self.case_view.changed.connect(lambda _case_id: self._after_change())
        self.case_view.busy.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.intake.changed.connect(self._after_change)
        self.intake.loaded.connect(self._on_intake_loaded)
        self.ui.loadDemoButton.clicked.connect(self.load_demo_data)
        self._open_timer = QTimer(self, singleShot=True, interval=120)
        self._open_timer.timeout.connect(self._open_current_row)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._apply_filter)
        self.ui.searchEdit.textChanged.connect(lambda _text: self._search_timer.start())
        self.ui.searchEdit.returnPressed.connect(self._apply_filter)
        for combo in (
            self.ui.statusFilter,
            self.ui.dueFilter,
            self.ui.jurisdictionFilter,
            self.ui.requestTypeFilter,
            self.ui.tierFilter,
        ):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.ui.actionImport.triggered.connect(self.choose_import)
        self.ui.actionFetch.triggered.connect(self.fetch_mail)
        self.ui.actionBatchLetters.triggered.connect(self.issue_batch_letters)
        self.ui.actionSettings.triggered.connect(self.open_settings)
        self.ui.actionQuit.triggered.connect(self.close)
        self.ui.actionDashboard.triggered.connect(lambda: self._show_tab(DASHBOARD_TAB))
        self.ui.actionCases.triggered.connect(lambda: self._show_tab(CASES_TAB))
        self.ui.actionIntake.triggered.connect(lambda: self._show_tab(INTAKE_TAB))
        self.ui.actionRefresh.triggered.connect(self.refresh)
        self.ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        for number, bucket in enumerate(BUCKETS, start=1):  # the dashboard counts, from anywhere in the window
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda b=bucket: self.show_bucket(b))
        QShortcut(QKeySequence(f"Alt+{len(BUCKETS) + 1}"), self, lambda: self._show_tab(INTAKE_TAB))
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.case_view, self.ui.caseTable.setFocus)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reminders: ReminderService = ReminderService(store, self.paths, self)
        self.reminders.checked.connect(self._on_reminders_checked)
        self.reminders.failed.connect(self.show_error)
        self.attached = True
        self.refresh()
        self.reminders.start()

    # ------------------------------------------------------------------ set-up
    def _setup_case_table(self) -> None:
        table = self.ui.caseTable
        table.setModel(self.cases)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        due_width = table.fontMetrics().horizontalAdvance("2026-12-31 (365 d overdue)") + 24
        for column, width in enumerate((130, due_width, 120, 90, 220, 160, 80)):
            table.setColumnWidth(column, width)
        header.moveSection(REQUESTER_COLUMN, 1)  # who asked beside the key, then by when
        table.selectionModel().currentRowChanged.connect(self._case_row_changed)
        table.activated.connect(lambda _index: self.case_view.ui.caseTabs.setFocus())
        # The list keeps the width that shows key, requester and due; the open case takes the rest of the window.
        readable = sum(header.sectionSize(header.logicalIndex(visual)) for visual in range(3))
        readable += 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
        self.ui.caseSplitter.setStretchFactor(0, 0)
        self.ui.caseSplitter.setStretchFactor(1, 1)
        self.ui.caseSplitter.setSizes([readable, CASE_VIEW_WIDTH])

    def _setup_status_bar(self) -> None:
        """The case count stays at the left; summaries and errors show over it for a while, then it returns."""
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Cases listed")
        self.statusBar().addWidget(self.count_label)
        self.reminder_label = QLabel(self)
        self.reminder_label.setAccessibleName("Deadlines due soon")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName("Progress of the running work")
        self.progress_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setAccessibleName("Cancel the running work")
        self.cancel_button.clicked.connect(self.cancel_work)
        for widget in (self.reminder_label, self.progress_bar, self.cancel_button):
            self.statusBar().addPermanentWidget(widget)
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _fill_filters(self) -> None:
        from lumetra_desk.core import rules  # the rule book is read once the window is on screen

        self.ui.statusFilter.addItem("Open cases", "open")
        self.ui.statusFilter.addItem("All statuses", "")
        for status, words in STATUS_WORDS.items():
            self.ui.statusFilter.addItem(words.capitalize(), status)
        for label, value in DUE_CHOICES:
            self.ui.dueFilter.addItem(label, value)
        self.ui.jurisdictionFilter.addItem("All jurisdictions", "")
        for code in [*rules.load_rulebook().jurisdictions(), rules.UNKNOWN_JURISDICTION]:
            self.ui.jurisdictionFilter.addItem(code, code)
        self.ui.requestTypeFilter.addItem("All request types", "")
        for request_type in rules.REQUEST_TYPES:
            self.ui.requestTypeFilter.addItem(request_type.replace("_", " "), request_type)
        self.ui.tierFilter.addItem("All tiers", "")
        for tier in TIERS:
            self.ui.tierFilter.addItem(tier.capitalize(), tier)

    # ------------------------------------------------------------------ filters
    def current_filter(self) -> CaseFilter:
        status = self.ui.statusFilter.currentData() or ""
        due = self.ui.dueFilter.currentData() or ""
        today = date.today()
        due_from = due_to = None
        buckets: dict[str, Bucket] = {"overdue": "overdue", "due_today": "due_today", "due_week": "due_week"}
        if due in buckets:
            bucket = bucket_filter(buckets[due], today)
            due_from, due_to = bucket.due_from, bucket.due_to
        elif due == "due_month":
            due_from, due_to = today, today + timedelta(days=29)
        return CaseFilter(
            statuses=(status,) if status and status != "open" else (),
            open_only=status == "open" or bool(due),
            jurisdiction=self.ui.jurisdictionFilter.currentData() or "",
            request_type=self.ui.requestTypeFilter.currentData() or "",
            tier=self.ui.tierFilter.currentData() or "",
            due_from=due_from,
            due_to=due_to,
            text=self.ui.searchEdit.text(),
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.cases.set_filter(self.current_filter())

    def show_bucket(self, bucket: Bucket) -> None:
        """A dashboard count clicked: the case list narrowed to exactly those cases."""
        combos = (self.ui.statusFilter, self.ui.dueFilter, self.ui.jurisdictionFilter)
        for combo in (*combos, self.ui.requestTypeFilter, self.ui.tierFilter):
            combo.blockSignals(True)
        self.ui.searchEdit.blockSignals(True)
        self.ui.searchEdit.clear()
        self.ui.jurisdictionFilter.setCurrentIndex(0)
        self.ui.requestTypeFilter.setCurrentIndex(0)
        self.ui.tierFilter.setCurrentIndex(0)
        if bucket == "awaiting_requester":
            self.ui.statusFilter.setCurrentIndex(self.ui.statusFilter.findData("awaiting_requester"))
            self.ui.dueFilter.setCurrentIndex(0)
        else:
            self.ui.statusFilter.setCurrentIndex(self.ui.statusFilter.findData("open"))
            self.ui.dueFilter.setCurrentIndex(self.ui.dueFilter.findData(bucket))
        for combo in (*combos, self.ui.requestTypeFilter, self.ui.tierFilter):
            combo.blockSignals(False)
        self.ui.searchEdit.blockSignals(False)
        self._show_tab(CASES_TAB)
        self._apply_filter()
        self.ui.caseTable.setFocus()

    def _focus_search(self) -> None:
        self._show_tab(CASES_TAB)
        self.ui.searchEdit.setFocus()
        self.ui.searchEdit.selectAll()

    # ------------------------------------------------------------------ loading
    def refresh(self) -> None:
        self.cases.reload()
        self.dashboard.reload()
        self.intake.reload()
        self.case_view.reload()

    def _after_change(self) -> None:
        self.cases.refresh_rows()
        self.dashboard.reload()
        self.intake.reload()
        self.reminders.check()

    def _on_loaded(self, count: int) -> None:
        filtered = self.current_filter() != CaseFilter(open_only=True)
        self._has_cases = count > 0 or filtered or self._has_cases
        self._update_page()
        self.count_label.setText(f"{count} case{'s' if count != 1 else ''}")
        if count:
            self._select_open_case()

    def _on_ids_known(self) -> None:
        if not self._open_timer.isActive():  # a row the officer has just moved to is about to open: it wins
            self._select_open_case()

    def _select_open_case(self) -> None:
        """The open case stays open when the list is read again (a sort, a filter, a case opened from the
        dashboard or intake before the list arrived), and its row is selected once the list tells where it is;
        with no case open, the first row is. The table may already have picked its first row itself (it does
        when it takes the focus with no current row): the open case wins."""
        table, opened = self.ui.caseTable, self.case_view.case_id
        if opened is None:
            if not table.currentIndex().isValid() and self.cases.rowCount():
                table.setCurrentIndex(self.cases.index(0, 0))
            return
        row = self.cases.row_of(opened)
        if row is not None and row >= 0 and table.currentIndex().row() != row:
            table.setCurrentIndex(self.cases.index(row, 0))

    def _on_dashboard_loaded(self) -> None:
        counts = self.dashboard.counts
        if counts is not None:
            self._pending_mail = counts.to_review
            self.ui.views.setTabText(INTAKE_TAB, f"&Intake review ({counts.to_review})")
        self._update_page()

    def _on_intake_loaded(self, count: int) -> None:
        self._pending_mail = count
        self.ui.views.setTabText(INTAKE_TAB, f"&Intake review ({count})")
        self._update_page()

    def _update_page(self) -> None:
        busy = self._has_cases or self._pending_mail > 0
        self.ui.pages.setCurrentIndex(WORK_PAGE if busy else EMPTY_PAGE)

    def _on_reminders_checked(self, count: int) -> None:
        self.reminder_label.setText(f"{count} due soon or overdue" if count else "Nothing due soon")

    def _case_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._open_timer.start()  # holding an arrow key loads only the case the officer stops on

    def _open_current_row(self) -> None:
        case_id = self.cases.case_id(self.ui.caseTable.currentIndex().row())
        if case_id is not None and case_id != self.case_view.case_id:
            self.case_view.show_case(case_id)

    def open_case(self, case_id: int) -> None:
        self._show_tab(CASES_TAB)
        self.case_view.show_case(case_id)
        self._select_open_case()
        self.case_view.ui.caseTabs.setFocus()

    def _show_tab(self, tab: int) -> None:
        self.ui.pages.setCurrentIndex(WORK_PAGE)
        self.ui.views.setCurrentIndex(tab)
        if tab == CASES_TAB:
            self.ui.caseTable.setFocus()
        elif tab == INTAKE_TAB:
            self.intake.ui.pendingTable.setFocus()

    # ------------------------------------------------------------- long work
    def _start_work(self, what: str) -> None:
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.statusBar().showMessage(what)

    def _end_work(self) -> None:
        self._progress = None
        self.progress_bar.hide()
        self.cancel_button.hide()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.statusBar().showMessage(text)

    def cancel_work(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("Cancelling after the current step…")

    def _run_long(
        self,
        what: str,
        work: Callable[[Progress], str],
        kept: str = "what was already imported is kept",
        then: Callable[[str], None] | None = None,
    ) -> None:
        if self._progress is not None:
            self.show_error("Other work is still running; wait for it or cancel it first.")
            return
        self._start_work(what)

        def done(result: str) -> None:
            self._end_work()
            self.last_summary = result
            self.statusBar().showMessage(self.last_summary.splitlines()[0], 15000)
            self._has_cases = True
            self.refresh()
            self.reminders.check()
            if then is not None:
                then(result)

        def failed(message: str) -> None:
            self._end_work()
            self.show_error(message)
            self.refresh()

        def cancelled() -> None:
            self._end_work()
            self.statusBar().showMessage(f"Cancelled; {kept}.", 10000)
            self.refresh()

        _task, self._progress = run_with_progress(work, done, failed, self, self._on_progress, cancelled)

    def import_files(self, files: list[Path]) -> None:
        """Import mail files in the background (each message its own transaction; cancel keeps what is done)."""
        from lumetra_desk.core.intake.importer import ImportResult, MailImporter, default_max_attachment_bytes
        from lumetra_desk.core.settings import load_settings

        store, limit = self.store, load_settings(self.paths).attachment_limit_mb

        def work(progress: Progress) -> str:
            count = 0

            def each(result: ImportResult) -> None:
                nonlocal count
                count += 1
                progress(count, 0, f"Imported {count} message{'s' if count != 1 else ''}…")

            importer = MailImporter(store, max_attachment_bytes=default_max_attachment_bytes(limit), progress=each)
            return importer.import_paths(files).text()

        self._run_long(f"Importing {len(files)} file{'s' if len(files) != 1 else ''}…", work)

    def choose_import(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Import mail files", str(Path.home()), "Mail files (*.eml *.mbox *.mbx);;All files (*)"
        )
        if files:
            self.import_files([Path(f) for f in files])

    def fetch_mail(self) -> None:
        from lumetra_desk.core.intake import imap
        from lumetra_desk.core.intake.importer import ImportResult, MailImporter, default_max_attachment_bytes
        from lumetra_desk.core.settings import load_settings

        store, settings = self.store, load_settings(self.paths)

        def work(progress: Progress) -> str:
            count = 0

            def each(_result: ImportResult) -> None:
                nonlocal count
                count += 1
                progress(count, 0, f"Fetched {count} message{'s' if count != 1 else ''}…")

            importer = MailImporter(
                store, max_attachment_bytes=default_max_attachment_bytes(settings.attachment_limit_mb)
            )
            summary = imap.fetch(importer, settings.imap, after_each=each)
            new = summary.count("new_case")
            return (
                f"Fetched {len(summary.results)} message{'s' if len(summary.results) != 1 else ''} from "
                f"{summary.folder}: {new} new case{'s' if new != 1 else ''}, "
                f"{summary.count('follow_up')} follow-ups, {summary.count('ignored')} to review."
            )

        self._run_long("Fetching mail…", work, "what was already fetched is kept; Fetch mail again continues")

    def issue_batch_letters(self) -> None:
        """One letter kind for every selected case, in the background with progress and Cancel; none is sent."""
        from lumetra_desk.core import audit
        from lumetra_desk.core.letters.batch import BATCH_KINDS, issue_letters
        from lumetra_desk.core.settings import load_settings

        rows = sorted({index.row() for index in self.ui.caseTable.selectionModel().selectedRows()})
        case_ids = [case_id for case_id in map(self.cases.case_id, rows) if case_id is not None]
        if not case_ids:
            self.show_error("Select the cases in the case list first (Shift or Ctrl with a click or the arrows).")
            return
        kinds = {kind.replace("_", " "): kind for kind in BATCH_KINDS}
        count = f"{len(case_ids)} selected case{'s' if len(case_ids) != 1 else ''}"
        chosen = self.ask.choice("Letters", f"Which letter for the {count}?", list(kinds))
        if chosen is None:
            return
        question = f"Issue the {chosen} letter for the {count}? Each is kept with its case; none is sent yet."
        if not self.ask.confirm("Letters", question):
            return
        store, paths, kind, actor = self.store, self.paths, kinds[chosen], audit.current_actor()

        def work(progress: Progress) -> str:
            def each(done: int, total: int, case_key: str) -> None:
                progress(done, total, f"Letter {done} of {total}: {case_key}")

            settings = load_settings(paths)
            outcome = issue_letters(
                store,
                case_ids,
                kind,
                settings,
                today=date.today(),
                templates_override_dir=paths.templates_override_dir,
                actor=actor,
                after_each=each,
            )
            return outcome.text()

        def show_refusals(summary: str) -> None:
            if "\n" in summary:
                self.show_error(summary)

        self._run_long(
            f"Issuing the {chosen} letter for the {count}…", work, "the letters already issued are kept", show_refusals
        )

    # ------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.attached and _mail_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _mail_paths(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.import_files(files)

    # ------------------------------------------------------------------ dialogs
    def open_settings(self) -> None:
        from lumetra_desk.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.paths, self)
        if dialog.exec():
            self.statusBar().showMessage("Settings saved.", 5000)
            self.reminders.check()

    def show_shortcuts(self) -> None:
        from lumetra_desk.gui.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def load_demo_data(self) -> None:
        from lumetra_desk.core import demo

        self.ui.loadDemoButton.setEnabled(False)
        self.statusBar().showMessage(f"Adding {DEMO_CASES} demo cases…")
        store = self.store

        def done(_summary: object) -> None:
            self.ui.loadDemoButton.setEnabled(True)
            self._has_cases = True
            self.refresh()

        def failed(message: str) -> None:
            self.ui.loadDemoButton.setEnabled(True)
            self.show_error(message)

        run_in_background(lambda: demo.fill(store, DEMO_CASES), done, failed, self)

    def show_error(self, message: str) -> None:
        """A core error in its own plain words; non-blocking so background work keeps flowing."""
        self.last_error = message
        self.statusBar().showMessage(message, 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Lumetra Desk", message, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The window paints itself and then its children in one frame: the first frame with the dashboard's
        deadlines in it is announced once it is on screen (watched here rather than on the table's viewport,
        which Qt for Python would first have to identify among every widget class)."""
        super().paintEvent(event)
        if not self._first_rows_painted and self.dashboard.model.rowCount() and self.dashboard.isVisible():
            self._first_rows_painted = True
            QTimer.singleShot(0, self.first_rows_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_work()
        if self.attached:
            self.case_view.cleanup()
        super().closeEvent(event)


def _mail_paths(urls: list[QUrl]) -> list[Path]:
    """The dropped local files and folders that may hold mail (.eml, .mbox, Maildir or folders of .eml)."""
    found = []
    for url in urls:
        local = url.toLocalFile()
        if not local:
            continue
        path = Path(local)
        if path.is_dir() or path.suffix.lower() in MAIL_SUFFIXES:
            found.append(path)
    return found
