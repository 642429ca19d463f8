"""The dashboard: what is overdue and due first, each count one click (or Alt+digit) from its cases."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from lumetra_desk.core.cases.wording import status_words
from lumetra_desk.core.dashboard import (
    BUCKET_LABELS,
    Bucket,
    DashboardCounts,
    NextDeadline,
    Urgency,
    countdown,
    dashboard_counts,
    event_words,
    explain_deadline,
    next_deadlines,
)
from lumetra_desk.gui.forms.ui_dashboard import Ui_DashboardView
from lumetra_desk.gui.style import urgency_color
from lumetra_desk.gui.tasks import run_in_background

if TYPE_CHECKING:
    from lumetra_desk.core.store.db import Store

Index = QModelIndex | QPersistentModelIndex
UPCOMING_COLUMNS = ("Due", "Countdown", "Deadline", "Case", "Status", "Jurisdiction", "Requester")
URGENT_BUCKETS: tuple[tuple[Bucket, Urgency], ...] = (("overdue", "overdue"), ("due_today", "today"))


DISPLAY, ACCESSIBLE_TEXT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
FOREGROUND, TOOL_TIP = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.ToolTipRole)


class NextDeadlinesModel(QAbstractTableModel):
    """The next deadlines; each row's texts are worded once, as the header sizes its columns to them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[NextDeadline] = []
        self._texts: list[tuple[str, ...]] = []
        self._brushes: list[QBrush | None] = []
        self.today = date.today()

    def set_items(self, items: list[NextDeadline], today: date) -> None:
        self.beginResetModel()
        self._items = items
        self.today = today
        self._texts = []
        self._brushes = []
        for item in items:
            row = item.row
            left = countdown(row.due_date, today)
            self._texts.append(
                (
                    row.due_date.isoformat() if row.due_date else "—",
                    left.text,
                    event_words(row.due_event),
                    row.key,
                    status_words(row.status),
                    row.jurisdiction,
                    row.requester_name or row.requester_email,
                )
            )
            color = urgency_color(left.urgency)
            self._brushes.append(QBrush(color) if color is not None else None)
        self.endResetModel()

    def case_id(self, row: int) -> int | None:
        return self._items[row].row.id if 0 <= row < len(self._items) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(UPCOMING_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return UPCOMING_COLUMNS[section] if 0 <= section < len(UPCOMING_COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not index.isValid() or not 0 <= row < len(self._items):
            return None
        if role in (DISPLAY, ACCESSIBLE_TEXT):
            return self._texts[row][column]
        if role == FOREGROUND and column in (0, 1):
            return self._brushes[row]
        if role == TOOL_TIP and column in (0, 1, 2):
            item = self._items[row]
            return explain_deadline(item.basis, item.row.due_date, item.row.due_event)
        return None


class DashboardView(QWidget):
    """The counts and the next deadlines. Without a store yet (the window opening), it shows the deadlines
    it is given; ``store`` is set when the store is attached."""

    bucket_chosen = Signal(str)
    review_chosen = Signal()
    case_chosen = Signal(int)
    loaded = Signal()
    failed = Signal(str)

    def __init__(self, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui = Ui_DashboardView()
        self.ui.setupUi(self)
        self.ui.todayLabel.setObjectName("dashboardTitle")
        self.model = NextDeadlinesModel(self)
        self.ui.upcomingTable.setModel(self.model)
        self.ui.upcomingTable.verticalHeader().setVisible(False)
        self.ui.upcomingTable.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.ui.upcomingTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ui.upcomingTable.horizontalHeader().setResizeContentsPrecision(0)  # sized by the rows on screen
        self.ui.upcomingTable.horizontalHeader().setStretchLastSection(True)
        self.ui.upcomingTable.activated.connect(self._open_row)
        self.counts: DashboardCounts | None = None
        self._buttons: dict[Bucket, QPushButton] = {
            "overdue": self.ui.overdueButton,
            "due_today": self.ui.todayButton,
            "due_week": self.ui.weekButton,
            "awaiting_requester": self.ui.awaitingButton,
        }
        for bucket, button in self._buttons.items():
            button.clicked.connect(lambda _checked=False, b=bucket: self.bucket_chosen.emit(b))
        self.ui.reviewButton.clicked.connect(self.review_chosen.emit)
        self._generation = 0

    def show_first(self, upcoming: list[NextDeadline]) -> None:
        """The next deadlines read before the store was attached; the counts follow with the first reload."""
        self.model.set_items(upcoming, date.today())

    def reload(self) -> None:
        self._generation += 1
        generation, store, today = self._generation, self.store, date.today()
        assert store is not None, "the dashboard reloads once the store is attached"

        def work() -> tuple[DashboardCounts, list[NextDeadline], date]:
            with store.read() as session:
                return dashboard_counts(session, today), next_deadlines(session), today

        run_in_background(work, lambda result: self._apply(generation, result), self.failed.emit, self)

    def _apply(self, generation: int, result: tuple[DashboardCounts, list[NextDeadline], date]) -> None:
        if generation != self._generation:
            return
        counts, upcoming, today = result
        self.counts = counts
        self.ui.todayLabel.setText(f"Today, {today.strftime('%A %d %B %Y')}")
        for bucket, button in self._buttons.items():
            count = counts.of(bucket)
            button.setText(f"{count}\n{BUCKET_LABELS[bucket]}")
            button.setAccessibleName(f"{count} {BUCKET_LABELS[bucket].lower()}")
        self.ui.reviewButton.setText(f"{counts.to_review}\nNew mail to review")
        self.ui.reviewButton.setAccessibleName(f"{counts.to_review} new mail to review")
        self._paint_urgency()
        self.model.set_items(upcoming, today)
        self.loaded.emit()

    def _paint_urgency(self) -> None:
        """Overdue and due-today counts in their warning colours while they are not zero, in light or dark mode."""
        for bucket, urgency in URGENT_BUCKETS:
            color = urgency_color(urgency) if self.counts is not None and self.counts.of(bucket) else None
            self._buttons[bucket].setStyleSheet(f"color: {color.name()}; font-weight: 600;" if color else "")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_urgency()

    def _open_row(self, index: QModelIndex) -> None:
        case_id = self.model.case_id(index.row())
        if case_id is not None:
            self.case_chosen.emit(case_id)
