"""Intake review: new mail with what the classifier read and why; accept, correct, merge or dismiss in a keystroke."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QWidget
from sqlmodel import Session

from lumetra_desk.core import rules
from lumetra_desk.core.store.dashboard_queries import MessageReview, PendingMessage, message_review, pending_messages
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui import intake_actions
from lumetra_desk.gui.asker import Asker
from lumetra_desk.gui.forms.ui_intake_review import Ui_IntakeReview
from lumetra_desk.gui.tasks import run_in_background

Index = QModelIndex | QPersistentModelIndex
PENDING_COLUMNS = ("Received", "From", "Subject", "Reading", "Case")


class PendingMessagesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PendingMessage] = []

    def set_rows(self, rows: list[PendingMessage]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def message_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PENDING_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return PENDING_COLUMNS[section] if 0 <= section < len(PENDING_COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self._rows[index.row()]
        received = row.received_at if row.received_at.tzinfo else row.received_at.replace(tzinfo=UTC)
        return (
            received.astimezone().strftime("%Y-%m-%d %H:%M"),
            f"{row.from_name} <{row.from_addr}>" if row.from_name else row.from_addr,
            row.subject,
            row.kind.replace("_", " "),
            row.case_key or "no case",
        )[index.column()]


class IntakeReview(QWidget):
    changed = Signal()  # a decision was recorded: counts and lists should refresh
    loaded = Signal(int)
    failed = Signal(str)
    open_case = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ask = Asker(self)
        self.ui = Ui_IntakeReview()
        self.ui.setupUi(self)
        self.model = PendingMessagesModel(self)
        table = self.ui.pendingTable
        table.setModel(self.model)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PENDING_COLUMNS.index("Subject"), QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((120, 170, 0, 70, 115)):
            if width:
                table.setColumnWidth(column, width)
        table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show(current.row()))
        self.ui.intakeSplitter.setStretchFactor(1, 2)
        self.ui.intakeSplitter.setSizes([700, 700])
        for code in [*rules.load_rulebook().jurisdictions(), rules.UNKNOWN_JURISDICTION]:
            self.ui.correctJurisdiction.addItem(code, code)
        for request_type in rules.REQUEST_TYPES:
            item = QListWidgetItem(request_type.replace("_", " "), self.ui.typeList)
            item.setData(Qt.ItemDataRole.UserRole, request_type)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.ui.correctionBox.setVisible(False)
        self.current: MessageReview | None = None
        self._shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("A", self.accept),
            ("C", self.start_correction),
            ("M", self.merge),
            ("D", self.dismiss),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._shortcuts.append(shortcut)
        apply_shortcut = QShortcut(QKeySequence("Return"), self.ui.correctionBox, self.apply_correction)
        apply_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.ui.acceptButton.clicked.connect(self.accept)
        self.ui.correctButton.clicked.connect(self.start_correction)
        self.ui.mergeButton.clicked.connect(self.merge)
        self.ui.dismissButton.clicked.connect(self.dismiss)
        self.ui.applyCorrectionButton.clicked.connect(self.apply_correction)
        self._generation = 0
        self._keep_row = 0
        self._set_buttons(False)

    def reload(self) -> None:
        self._generation += 1
        generation, store = self._generation, self.store

        def work() -> list[PendingMessage]:
            with store.read() as session:
                return pending_messages(session)

        run_in_background(work, lambda rows: self._apply(generation, rows), self.failed.emit, self)

    def _apply(self, generation: int, rows: list[PendingMessage]) -> None:
        if generation != self._generation:
            return
        self.model.set_rows(rows)
        if rows:
            row = min(self._keep_row, len(rows) - 1)
            self.ui.pendingTable.selectRow(row)
            self.ui.pendingTable.setCurrentIndex(self.model.index(row, 0))
        else:
            self._show(-1)
        self.loaded.emit(len(rows))

    def _set_buttons(self, enabled: bool) -> None:
        for button in (self.ui.acceptButton, self.ui.correctButton, self.ui.mergeButton, self.ui.dismissButton):
            button.setEnabled(enabled)

    def _show(self, row: int) -> None:
        message_id = self.model.message_id(row)
        self.ui.correctionBox.setVisible(False)
        self.ui.evidenceList.clear()
        if message_id is None:
            self.current = None
            self.ui.headerLabel.setText("No mail waiting for review.")
            self.ui.classificationLabel.clear()
            self.ui.bodyView.clear()
            self._set_buttons(False)
            return
        with self.store.read() as session:
            self.current = message_review(session, message_id)
        if self.current is None:
            return
        review = self.current
        summary = review.summary
        self.ui.headerLabel.setText(
            f"From {summary.from_name} <{summary.from_addr}> to {review.to_addrs}\nSubject: {summary.subject}"
            + (f"\nOpened case {summary.case_key}" if summary.case_key else "\nNo case opened")
        )
        reading = intake_actions.read_classification(review.classification, review.override)
        types = ", ".join(t.replace("_", " ") for t in reading.get("request_types", [])) or "no right named"
        confidence = reading.get("confidence")
        self.ui.classificationLabel.setText(
            f"Reads as: {str(reading.get('kind', summary.kind)).replace('_', ' ')} · {types} · "
            f"jurisdiction {reading.get('jurisdiction', 'unknown')}"
            + (" · authorized agent" if reading.get("agent") else "")
            + (f" · confidence {float(confidence):.0%}" if isinstance(confidence, int | float) else "")
            + (" · corrected by the officer" if review.override not in ("", "{}") else "")
            + (f"\nParse problems: {review.parse_problems}" if review.parse_problems else "")
        )
        for evidence in reading.get("evidence", []):
            self.ui.evidenceList.addItem(str(evidence))
        self.ui.bodyView.setPlainText(review.body_text)  # plain text: nothing remote is ever loaded
        self._set_buttons(True)

    # ----------------------------------------------------------- decisions
    def _decide(self, what: str, change: Callable[[Session, int], object]) -> None:
        if self.current is None:
            return
        message_id, store = self.current.summary.id, self.store
        self._keep_row = max(self.ui.pendingTable.currentIndex().row(), 0)

        def work() -> object:
            with store.write() as session:
                return change(session, message_id)

        def done(_result: object) -> None:
            self.changed.emit()
            self.reload()

        run_in_background(work, done, self.failed.emit, self)

    def accept(self) -> None:
        self._decide("accept", intake_actions.accept)

    def dismiss(self) -> None:
        self._decide("dismiss", lambda session, mid: intake_actions.dismiss(session, mid, "not a privacy request"))

    def merge(self) -> None:
        if self.current is None:
            return
        target = self.ask.text("Merge", "Merge this mail into which case? (case key, e.g. LD-2026-000123)")
        if not target:
            return
        self._decide("merge", lambda session, mid: intake_actions.merge_into(session, mid, target))

    def start_correction(self) -> None:
        if self.current is None:
            return
        reading = intake_actions.read_classification(self.current.classification, self.current.override)
        chosen = set(reading.get("request_types", []))
        for index in range(self.ui.typeList.count()):
            item = self.ui.typeList.item(index)
            if item is not None:
                checked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        found = self.ui.correctJurisdiction.findData(reading.get("jurisdiction", rules.UNKNOWN_JURISDICTION))
        self.ui.correctJurisdiction.setCurrentIndex(max(found, 0))
        self.ui.correctionBox.setVisible(True)
        self.ui.typeList.setFocus()
        self.ui.typeList.setCurrentRow(0)

    def set_correction(self, request_types: list[str], jurisdiction: str) -> None:
        """Tick exactly these request types and pick the jurisdiction (what the officer does with the keyboard)."""
        for index in range(self.ui.typeList.count()):
            item = self.ui.typeList.item(index)
            if item is not None:
                wanted = item.data(Qt.ItemDataRole.UserRole) in request_types
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.ui.correctJurisdiction.setCurrentIndex(max(self.ui.correctJurisdiction.findData(jurisdiction), 0))

    def apply_correction(self) -> None:
        if self.current is None or not self.ui.correctionBox.isVisible():
            return
        types = []
        for index in range(self.ui.typeList.count()):
            item = self.ui.typeList.item(index)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                types.append(str(item.data(Qt.ItemDataRole.UserRole)))
        jurisdiction = str(self.ui.correctJurisdiction.currentData())
        self.ui.correctionBox.setVisible(False)
        self._decide("correct", lambda session, mid: intake_actions.correct(session, mid, types, jurisdiction))
