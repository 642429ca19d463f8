"""The case list model: the number of matching cases, and their rows read a page at a time.

A (re)load runs off the GUI thread and brings the count and the first page, which is all the view paints;
once the officer pauses on the list, the whole ordered id list follows in the background, so rows keep their
place when a case changes and a case's row is found at once. Until it arrives, other pages are read by their
position in the sort order's index. A text search's hits are few: their id list comes at once. A 100k-case
store never loads every row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush

from lumetra_desk.core.cases.wording import status_words
from lumetra_desk.core.dashboard import countdown, explain_deadline
from lumetra_desk.core.store.dashboard_queries import DeadlineBasis, governing_bases
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.queries import (
    SORT_KEYS,
    CaseFilter,
    CaseRow,
    SortKey,
    case_ids,
    case_page,
    case_rows,
    count_cases,
)
from lumetra_desk.gui.style import urgency_color
from lumetra_desk.gui.tasks import run_in_background

PAGE = 100
IDS_AFTER_MS = 300
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


@dataclass(frozen=True)
class _Query:
    filter: CaseFilter
    sort: SortKey
    descending: bool


@dataclass(frozen=True)
class _Listing:
    """What a (re)load brings: the count and the first page, and the whole id list when it came at once."""

    query: _Query
    count: int
    first_ids: list[int]
    first_rows: list[CaseRow]
    bases: dict[int, DeadlineBasis]
    ids: list[int] | None


class CaseTableModel(QAbstractTableModel):
    loaded = Signal(int)  # number of matching cases, once the first page of each (re)load is in
    ids_known = Signal()  # the whole ordered id list arrived and the rows on screen stayed as they were
    failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._count = 0
        self._shown = _Query(CaseFilter(), "due_date", False)  # the query behind the rows on screen
        self._ids: list[int] | None = []
        self._page_ids: dict[int, list[int]] = {}  # pages read by position, before the id list arrived
        self._pages: dict[int, list[CaseRow]] = {}
        self._bases: dict[int, DeadlineBasis] = {}
        self._filter = CaseFilter()
        self._sort: SortKey = "due_date"
        self._descending = False
        self._generation = 0
        self._ids_timer = QTimer(self, singleShot=True, interval=IDS_AFTER_MS)
        self._ids_timer.timeout.connect(self._load_ids)
        app = QCoreApplication.instance()
        if app is not None:  # no new work once the application quits (its workers are being waited for)
            app.aboutToQuit.connect(self._ids_timer.stop)
        self.today = date.today()

    # -------------------------------------------------------------- loading
    def set_filter(self, flt: CaseFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Query the count and the first page in the background; the newest request wins."""
        self._generation += 1
        self._ids_timer.stop()
        generation, store = self._generation, self._store
        query = _Query(self._filter, self._sort, self._descending)

        def work() -> _Listing:
            with store.read() as session:
                ids: list[int] | None = None
                if query.filter.text.strip():
                    ids = case_ids(session, query.filter, query.sort, query.descending)
                    count, first = len(ids), ids[:PAGE]
                else:
                    count = count_cases(session, query.filter)
                    first = case_page(session, query.filter, query.sort, query.descending, 0, PAGE)
                return _Listing(query, count, first, case_rows(session, first), governing_bases(session, first), ids)

        run_in_background(work, lambda listing: self._apply(generation, listing), self.failed.emit, self)

    def _apply(self, generation: int, listing: _Listing) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._shown = listing.query
        self._count = listing.count
        self._ids = listing.ids
        self._page_ids = {0: listing.first_ids}
        self._pages = {0: listing.first_rows}
        self._bases = dict(listing.bases)
        self.endResetModel()
        self.loaded.emit(listing.count)
        if listing.ids is None:
            self._ids_timer.start()

    def _load_ids(self) -> None:
        """The whole ordered id list, once the officer paused on a list (a quick next sort cancels it)."""
        generation, store, query = self._generation, self._store, self._shown

        def work() -> list[int] | None:
            if generation != self._generation:  # a newer load has started: this list is not wanted
                return None
            with store.read() as session:
                return case_ids(session, query.filter, query.sort, query.descending)

        run_in_background(work, lambda ids: self._adopt(generation, ids), self.failed.emit, self)

    def _adopt(self, generation: int, ids: list[int] | None) -> None:
        if ids is None or generation != self._generation:
            return
        if len(ids) == self._count and all(
            ids[page * PAGE : page * PAGE + len(page_ids)] == page_ids for page, page_ids in self._page_ids.items()
        ):
            self._ids = ids  # the rows on screen stay as they are
            self.ids_known.emit()
            return
        self.beginResetModel()  # the store changed between the first page and the list: show the list
        self._ids, self._count = ids, len(ids)
        self._page_ids, self._pages, self._bases = {}, {}, {}
        self.endResetModel()
        self.loaded.emit(len(ids))

    def case_id(self, row: int) -> int | None:
        if not 0 <= row < self._count:
            return None
        page_ids = self._ids_of_page(row // PAGE)
        offset = row % PAGE
        return page_ids[offset] if offset < len(page_ids) else None

    def row_of(self, case_id: int) -> int | None:
        """The row showing ``case_id``, -1 when it is not listed, or None while only the whole id list can tell
        (it follows in the background, then ``ids_known`` or ``loaded`` fires). Never a query: reading the list
        here would hold a sort or a filter up by as long again at 100k cases."""
        if self._ids is not None:
            return self._ids.index(case_id) if case_id in self._ids else -1  # a scan of ints: a few ms at 100k
        for page, page_ids in self._page_ids.items():
            if case_id in page_ids:
                return page * PAGE + page_ids.index(case_id)
        return -1 if sum(map(len, self._page_ids.values())) >= self._count else None

    def refresh_rows(self) -> None:
        """Forget the cached rows (a case changed) and repaint, keeping which case is on which row."""
        self._pages.clear()
        self._bases.clear()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def _ids_of_page(self, page: int) -> list[int]:
        if self._ids is not None:
            return self._ids[page * PAGE : (page + 1) * PAGE]
        if page not in self._page_ids:
            shown = self._shown
            with self._store.read() as session:
                self._page_ids[page] = case_page(session, shown.filter, shown.sort, shown.descending, page * PAGE, PAGE)
        return self._page_ids[page]

    def row_at(self, row: int) -> CaseRow | None:
        if not 0 <= row < self._count:
            return None
        page = row // PAGE
        if page not in self._pages:
            page_ids = self._ids_of_page(page)
            with self._store.read() as session:
                self._pages[page] = case_rows(session, page_ids)
                self._bases.update(governing_bases(session, page_ids))
        rows = self._pages[page]
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    # ------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

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
            return status_words(row.status)
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
