"""The keyboard shortcuts of the daily flow, listed once for the Help dialog (the widgets bind the same keys)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTreeWidgetItem, QWidget

from lumetra_desk.gui.case_view import ACTION_LABELS
from lumetra_desk.gui.forms.ui_shortcuts_dialog import Ui_ShortcutsDialog

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", "Show the dashboard / the case list / intake review"),
    ("Alt+1 / Alt+2 / Alt+3 / Alt+4", "Dashboard: list the overdue / due today / due within 7 days / awaiting cases"),
    ("Alt+5", "Dashboard: review new mail"),
    ("Ctrl+F", "Search cases (messages, notes, requester, or a case key)"),
    ("Up, Down, Page Up, Page Down, Home, End", "Move through the case list"),
    ("Shift+Up / Shift+Down, Ctrl+A", "Select several cases in the case list"),
    ("Ctrl+Shift+G", "Issue one letter kind for every selected case"),
    ("Enter", "Open the selected case (case list and next deadlines)"),
    ("Esc", "From the case view back to the case list"),
    *((keys, f"Case: {label}") for label, keys in ACTION_LABELS.values()),
    ("Ctrl+G", "Case: generate the chosen letter"),
    ("Ctrl+Enter", "Case: add the note being typed"),
    ("Alt+R", "Case, Verification tab: record the requester's Engram account"),
    ("A", "Intake review: accept as a request"),
    ("C, then Enter", "Intake review: correct the request types and jurisdiction"),
    ("M, case key, Enter", "Intake review: merge into an existing case"),
    ("D", "Intake review: dismiss as not a request"),
    ("Ctrl+I", "Import .eml / .mbox files (or drop them on the window)"),
    ("Ctrl+Shift+F", "Fetch new mail from the mailbox"),
    ("F5", "Refresh every view"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ShortcutsDialog()
        self.ui.setupUi(self)
        for keys, does in SHORTCUTS:
            QTreeWidgetItem(self.ui.shortcutTree, [keys, does])
        self.ui.shortcutTree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
