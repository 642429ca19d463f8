"""The case list model: holds the ids of the matching cases and fetches rows a page at a time.

The id list comes from a query run off the GUI thread; the few rows on screen are read on demand through the
core query functions and cached per page, so a 100k-case store never loads every row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from lumetra_desk.core.dashboard import countdown, explain_deadline
from lumetra_desk.core.store.dashboard_queries import DeadlineBasis, governing_bases
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.queries import SORT_KEYS, CaseFilter, CaseRow, SortKey, case_ids, case_rows
from lumetra_desk.gui.style import urgency_color
from lumetra_desk.gui.tasks import run_in_background

PAGE = 100
COLUMNS: tuple[tuple[str, SortKey | None], ...] = (
    ("Case", "key"),
    ("Due", "due_date"),
    ("Status", "status"),
    ("Jurisdiction", "jurisdiction"),
    ("Requester", "requester"),
    ("Request", None),
    ("Tier", "tier"),
    ("Received", "received_at"),
)
Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    loaded = Signal(int)  # number of matching cases, after each (re)load
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._ids: list[int] = []
        self._pages: dict[int, list[CaseRow]] = {}
        self._bases: dict[int, DeadlineBasis] = {}
        self._filter = CaseFilter()
        self._sort: SortKey = "due_date"
        self._descending = False
        self._generation = 0
        self.today = date.today()

    # -------------------------------------------------------------- loading
    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Query the matching ids in the background; the newest request wins."""
        self._generation += 1
        generation, flt, sort, descending = self._generation, self._filter, self._sort, self._descending

        def work() -> list[int]:
            with self._store.read() as session:
                return case_ids(session, flt, sort, descending)

        run_in_background(work, lambda ids: self._apply(generation, ids), self.failed.emit, self)

    def _apply(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._bases.clear()
        self.endResetModel()
        self.loaded.emit(len(ids))

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, case_id: int) -> int:
        """The row showing ``case_id``, or -1 (a linear scan of ints: a few ms at 100k)."""
        try:
            return self._ids.index(case_id)
        except ValueError:
            return -1

    def refresh_rows(self) -> None:
        """Forget the cached rows (a case changed) and repaint, keeping the id list and the selection."""
        self._pages.clear()
        self._bases.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def row_at(self, row: int) -> CaseRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        if page not in self._pages:
            page_ids = self._ids[page * PAGE : (page + 1) * PAGE]
            with self._store.read() as session:
                self._pages[page] = case_rows(session, page_ids)
                self._bases.update(governing_bases(session, page_ids))
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    # ------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and row.due_date:
            color = urgency_color(countdown(row.due_date, self.today).urgency)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return explain_deadline(self._bases.get(row.id), row.due_date, row.due_event)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        return None

    def _display(self, row: CaseRow, column: int) -> str:
        if column == 0:
            return row.key
        if column == 1:
            if not row.due_date:
                return "—"
            return f"{row.due_date.isoformat()} ({countdown(row.due_date, self.today).text})"
        if column == 2:
            return row.status.replace("_", " ")
        if column == 3:
            return row.jurisdiction
        if column == 4:
            return f"{row.requester_name} <{row.requester_email}>" if row.requester_name else row.requester_email
        if column == 5:
            return ", ".join(t.replace("_", " ") for t in row.request_types)
        if column == 6:
            return row.tier
        return row.received_at.strftime("%Y-%m-%d %H:%M")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None
        if key is None or key not in SORT_KEYS:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
