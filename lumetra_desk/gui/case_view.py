"""One case: who asked what, its deadlines and their history, verification, the thread, letters, notes, audit.

Every change goes through the case engine (``cases.workflow``, ``cases.verification``, ``cases.service``) or the
letters service inside one write transaction on the thread pool; the view only asks the officer for what those
functions need and shows what they refuse, in their own words.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QBrush, QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import service, verification, workflow
from lumetra_desk.core.cases.deadline_reading import read_deadlines
from lumetra_desk.core.cases.reasons import reason_codes
from lumetra_desk.core.cases.wording import status_words
from lumetra_desk.core.dashboard import countdown, event_words, explain_deadline
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter, send_letter
from lumetra_desk.core.letters.kinds import APPEAL_OUTCOMES as LETTER_APPEAL_OUTCOMES
from lumetra_desk.core.letters.kinds import KINDS
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.dashboard_queries import (
    AttachmentSummary,
    CaseDetail,
    DeadlineBasis,
    attachment_bytes,
    case_detail,
    letter_pdf,
    message_text,
)
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case
from lumetra_desk.gui.asker import Asker
from lumetra_desk.gui.forms.ui_case_view import Ui_CaseView
from lumetra_desk.gui.style import urgency_color
from lumetra_desk.gui.tasks import run_in_background

ACTION_LABELS: dict[str, tuple[str, str]] = {  # action -> (button text, shortcut)
    "acknowledge": ("Acknowledge", "Ctrl+Shift+A"),
    "ask_requester": ("Ask requester", "Ctrl+Shift+W"),
    "verify": ("Verify identity", "Ctrl+Shift+V"),
    "start_work": ("Start work", "Ctrl+Shift+S"),
    "extend": ("Extend", "Ctrl+Shift+E"),
    "respond": ("Respond", "Ctrl+Shift+R"),
    "close": ("Close case", "Ctrl+Shift+C"),
    "appeal": ("Record appeal", "Ctrl+Shift+P"),
}
DEFAULT_REASONS = {
    "acknowledge": "Receipt acknowledged",
    "verify": "Identity verification started",
    "start_work": "Verified; working on the request",
    "close": "Answered; nothing left to do",
}
DEADLINE_COUNTDOWN_COLUMN, DEADLINE_STATE_COLUMN = 2, 5
VERIFICATION_STEP_COLUMN, VERIFICATION_EVIDENCE_COLUMN = 0, 2
# What the officer may wait on, in the words offered, and the workflow's name for each.
WAITING_FOR_CHOICES = {"ID": "id", "clarification": "clarification", "other": "other"}
ACCOUNT_TIER_CHOICES = {tier.capitalize(): tier for tier in rules.TIERS}  # "Paid" offered, "paid" recorded
# Files that run code or script a viewer when opened: opened only after an explicit, specific warning.
RISKY_SUFFIXES = frozenset(
    {
        ".exe", ".msi", ".bat", ".cmd", ".com", ".scr", ".pif", ".ps1", ".vbs", ".vbe", ".js", ".jse", ".wsf",
        ".hta", ".jar", ".sh", ".py", ".pl", ".lnk", ".reg", ".html", ".htm", ".xhtml", ".svg", ".docm", ".xlsm",
        ".pptm", ".dotm", ".iso", ".img", ".dmg", ".apk", ".app", ".desktop", ".appimage", ".zip", ".rar", ".7z",
    }
)  # fmt: skip
# The same kinds recognised by their content (the type intake sniffed), whatever the file name claims: a program
# named "invoice.pdf" gets the warning too.
RISKY_TYPES = frozenset(
    {
        "application/x-msdownload", "application/x-executable", "application/x-mach-binary", "application/wasm",
        "application/x-shockwave-flash", "application/x-google-chrome-extension", "application/java-archive",
        "application/x-deb", "application/x-rpm", "application/vnd.ms-cab-compressed", "application/zip",
        "application/x-rar-compressed", "application/x-7z-compressed", "image/svg+xml",
    }
)  # fmt: skip
# The first choices when a denial of a case with several rights asks which of them it refuses.
WHOLE_REQUEST = "The whole request (every right)"
NO_OTHER_RIGHT = "No other right"
LETTER_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {  # kind -> extras the officer must word
    "extension_notice": (("extension_reason", "Why is more time needed?"),),
    "denial": (("denial_reasons", "Reason for the denial"), ("statutory_basis", "Statutory basis (citation)")),
    "unable_to_verify": (("denial_reasons", "Why could the identity not be verified?"),),
    "appeal_decision": (("appeal_reasons", "Reasons for the appeal decision"),),
    "processor_redirect": (("enterprise_customer", "Which Enterprise customer controls the data?"),),
}


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their text wrapped at the column's width: a tree sizes its rows for one line of text."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self._tree = tree
        tree.setWordWrap(True)
        tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        margin = self._tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, item, self._tree) + 1
        width = max(self._tree.columnWidth(index.column()) - 2 * margin, 1)
        wrapped = item.fontMetrics.boundingRect(QRect(0, 0, width, 0), Qt.TextFlag.TextWordWrap, item.text)
        return QSize(hint.width(), max(hint.height(), wrapped.height() + 2 * margin))


@dataclass(frozen=True)
class Loaded:
    detail: CaseDetail
    actions: list[workflow.Action]
    turn: str
    plan: verification.VerificationPlan
    verification_state: str
    free_request_notices: list[str]
    account_refusal: str | None  # why the requester's account cannot be recorded now; None when it can


def _local(moment: datetime | None) -> str:
    if moment is None:
        return ""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def _change_text(before: str, after: str) -> str:
    """An audit event's before/after as one readable line."""
    try:
        old, new = json.loads(before or "{}"), json.loads(after or "{}")
    except ValueError:
        return after
    parts = []
    for key, value in (new or {}).items():
        if isinstance(old, dict) and key in old and old[key] != value:
            parts.append(f"{key}: {old[key]} → {value}")
        else:
            parts.append(f"{key}: {value}")
    return "; ".join(parts)


class CaseView(QWidget):
    changed = Signal(int)  # a case was changed here: lists and counts should refresh
    loaded = Signal(int)
    failed = Signal(str)
    busy = Signal(str)  # a status line while work runs

    def __init__(self, store: Store, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.paths = paths
        self.ask = Asker(self)
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.ui = Ui_CaseView()
        self.ui.setupUi(self)
        self.ui.caseTitle.setObjectName("caseTitle")
        self.case_id: int | None = None
        self.current: Loaded | None = None
        self._generation = 0
        self._buttons: dict[str, QPushButton] = {}
        self._temp_dir: Path | None = None
        self._pdf_buffer: QBuffer | None = None
        self.pdf = QPdfDocument(self)
        self.pdf_view = QPdfView(self.ui.pdfHost)
        self.pdf_view.setAccessibleName("Letter preview")
        self.pdf_view.setDocument(self.pdf)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.ui.pdfLayout.addWidget(self.pdf_view)
        self.ui.lettersLayout.setStretch(1, 3)
        for name, (text, keys) in ACTION_LABELS.items():
            button = QPushButton(text, self.ui.actionsBar)
            button.setObjectName(f"action_{name}")
            button.setAccessibleName(text)
            button.setShortcut(QKeySequence(keys))
            button.setEnabled(False)
            button.clicked.connect(lambda _checked=False, n=name: self.run_action(n))
            self._buttons[name] = button
        self._actions_per_row = 0
        self._arrange_actions(len(self._buttons))
        self.ui.actionsBar.setMinimumWidth(self._actions_width((len(self._buttons) + 1) // 2))
        self.ui.actionsBar.installEventFilter(self)  # two rows of buttons when one does not fit
        for code in [*rules.load_rulebook().jurisdictions(), rules.UNKNOWN_JURISDICTION]:
            self.ui.jurisdictionCombo.addItem(code, code)
        for kind in KINDS.values():
            self.ui.letterKindCombo.addItem(kind.name.replace("_", " "), kind.name)
            self.ui.letterKindCombo.setItemData(
                self.ui.letterKindCombo.count() - 1, kind.purpose, Qt.ItemDataRole.ToolTipRole
            )
        for tree in (self.ui.deadlineTree, self.ui.verificationTree, self.ui.messageTree, self.ui.auditTree):
            tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            tree.header().setStretchLastSection(True)
        # A step's description and its evidence wrap, so its status stays in sight beside a long step (signing in).
        checklist = self.ui.verificationTree
        checklist.setItemDelegate(WrappedRows(checklist))
        checklist.header().setStretchLastSection(False)
        for column in (VERIFICATION_STEP_COLUMN, VERIFICATION_EVIDENCE_COLUMN):
            checklist.header().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # Whether a deadline still runs, or how it was met, is read beside its countdown, not after the long rule.
        self.ui.deadlineTree.header().moveSection(DEADLINE_STATE_COLUMN, DEADLINE_COUNTDOWN_COLUMN + 1)
        self.ui.jurisdictionCombo.currentIndexChanged.connect(self._jurisdiction_edited)
        self.ui.applyJurisdictionButton.clicked.connect(self.change_jurisdiction)
        self.ui.passStepButton.clicked.connect(lambda: self.decide_step(True))
        self.ui.failStepButton.clicked.connect(lambda: self.decide_step(False))
        self.ui.recordAccountButton.clicked.connect(self.record_account)
        self.ui.messageTree.currentItemChanged.connect(self._message_selected)
        self.ui.openAttachmentButton.clicked.connect(self.open_attachment)
        self.ui.generateLetterButton.clicked.connect(self.generate_letter)
        self.ui.letterList.currentRowChanged.connect(self._letter_selected)
        self.ui.saveLetterButton.clicked.connect(self.save_letter)
        self.ui.sendLetterButton.clicked.connect(self.send_letter)
        self.ui.addNoteButton.clicked.connect(self.add_note)
        self.ui.noteEdit.installEventFilter(self)  # Ctrl+Enter adds the note
        QShortcut(QKeySequence("Ctrl+G"), self, self.generate_letter)
        self._set_enabled(False)

    # ------------------------------------------------------------------ loading
    def show_case(self, case_id: int) -> None:
        """Load a case in the background; the newest request wins."""
        self.case_id = case_id
        self._generation += 1
        generation, store = self._generation, self.store

        def work() -> Loaded | None:
            with store.read() as session:
                detail = case_detail(session, case_id)
                if detail is None:
                    return None
                case = detail.case
                return Loaded(
                    detail=detail,
                    actions=workflow.allowed_actions(session, case),
                    turn=workflow.whose_turn(case),
                    plan=verification.plan_for_case(session, case),
                    verification_state=verification.verification_state(session, case),
                    free_request_notices=service.free_request_notices(session, case),
                    account_refusal=verification.account_refusal(session, case),
                )

        run_in_background(work, lambda loaded: self._apply(generation, loaded), self.failed.emit, self)

    def reload(self) -> None:
        if self.case_id is not None:
            self.show_case(self.case_id)

    def _apply(self, generation: int, loaded: Loaded | None) -> None:
        if generation != self._generation:
            return
        if loaded is None:
            self.current = None
            self.ui.caseTitle.setText("This case no longer exists.")
            self._set_enabled(False)
            return
        self.current = loaded
        detail = loaded.detail
        case = detail.case
        self._set_enabled(True)
        self._show_header(loaded)
        self._show_overview(detail, loaded)
        self._show_verification(loaded)
        self._show_messages(detail)
        self._show_letters(detail)
        self.ui.notesView.setPlainText(
            "\n\n".join(f"{_local(n.created_at)} — {n.author or 'officer'}\n{n.body}" for n in detail.notes)
            or "No notes yet."
        )
        self.ui.auditTree.clear()
        for event in detail.audit:
            QTreeWidgetItem(
                self.ui.auditTree,
                [_local(event.at), event.actor, event.action, _change_text(event.before, event.after)],
            )
        self.loaded.emit(case.id or 0)

    def _set_enabled(self, enabled: bool) -> None:
        self.ui.caseTabs.setEnabled(enabled)
        for button in self._buttons.values():
            button.setEnabled(enabled and button.isEnabled())

    def _show_header(self, loaded: Loaded) -> None:
        case = loaded.detail.case
        self.ui.caseTitle.setText(f"{case.key} · {status_words(case.status)} · {case.subject}")
        today = date.today()
        due = countdown(case.due_date, today)
        basis = self._governing_basis(loaded.detail)
        self.ui.dueLabel.setText(
            f"{event_words(case.due_event)} by {case.due_date.isoformat()} ({due.text})" if case.due_date else due.text
        )
        self.ui.dueLabel.setToolTip(explain_deadline(basis, case.due_date, case.due_event))
        disabled = []
        for action in loaded.actions:
            button = self._buttons[action.name]
            button.setEnabled(action.enabled)
            keys = ACTION_LABELS[action.name][1]
            button.setToolTip(f"{button.text()} ({keys})" if action.enabled else f"Not now: {action.reason}")
            button.setAccessibleDescription("" if action.enabled else action.reason)
            if not action.enabled and action.name in ("verify", "start_work", "respond", "extend"):
                disabled.append(f"{button.text()}: {action.reason}")
        turn = {"ours": "Our turn", "requester": "Waiting for the requester", "nobody": "Nothing to do"}
        hint = [turn.get(loaded.turn, loaded.turn), *loaded.free_request_notices]
        self.ui.actionHint.setText(" · ".join(hint) + ("\n" + "\n".join(disabled) if disabled else ""))

    @staticmethod
    def _governing_basis(detail: CaseDetail) -> DeadlineBasis | None:
        case = detail.case
        for row in detail.deadlines:
            if row.superseded_at is None and row.event == case.due_event and row.due == case.due_date:
                return DeadlineBasis(
                    row.event, row.due, row.basis, row.note, row.confirmed, row.assumed, row.request_type
                )
        return None

    def _show_overview(self, detail: CaseDetail, loaded: Loaded) -> None:
        case, requester = detail.case, detail.requester
        name = f"{requester.name} <{requester.email}>" if requester.name else requester.email
        account = (
            f"{requester.tier} account {requester.account_ref}".strip()
            if requester.tier in rules.TIERS
            else "Engram account not recorded"
        )
        self.ui.requesterLabel.setText(f"{name} · {account}")
        self.ui.typesLabel.setText(", ".join(t.replace("_", " ") for t in detail.request_types))
        self.ui.jurisdictionCombo.blockSignals(True)
        index = self.ui.jurisdictionCombo.findData(case.jurisdiction)
        self.ui.jurisdictionCombo.setCurrentIndex(max(index, 0))
        self.ui.jurisdictionCombo.blockSignals(False)
        self.ui.applyJurisdictionButton.setEnabled(False)
        details = [f"received {_local(case.received_at)}", f"tier {case.tier}", f"language {case.language}"]
        if case.jurisdiction_assumed:
            details.append("jurisdiction assumed")
        if case.agent_name or case.agent_email:
            details.append(f"authorized agent {case.agent_name} <{case.agent_email}>")
        if case.outcome:
            details.append(f"outcome {case.outcome} {case.outcome_reason}".strip())
        self.ui.detailsLabel.setText(" · ".join(details))
        tree = self.ui.deadlineTree
        tree.clear()
        readings = read_deadlines(
            detail.deadlines,
            status=case.status,
            events=detail.clock_events,
            outcomes=detail.outcomes,
            responded_on=case.responded_at.date() if case.responded_at else None,
            acknowledged_on=detail.acknowledged_on,
            today=date.today(),
        )
        for row, reading in zip(detail.deadlines, readings, strict=True):
            state = "current" if reading.running else reading.text
            if reading.state == "superseded":
                state = f"superseded {_local(row.superseded_at)}"
            if not row.confirmed:
                state += " · unconfirmed rule"
            item = QTreeWidgetItem(
                tree,
                [
                    event_words(row.event),
                    row.due.isoformat(),
                    reading.text if reading.running else "",
                    row.request_type.replace("_", " "),
                    row.basis,
                    state,
                ],
            )
            basis = DeadlineBasis(row.event, row.due, row.basis, row.note, row.confirmed, row.assumed, row.request_type)
            tip = explain_deadline(basis, row.due, row.event)
            if not reading.running and reading.state != "superseded":
                tip += f"\nNo longer running: {reading.text}."
            for column in range(tree.columnCount()):
                item.setToolTip(column, tip)
            if reading.running:
                item.setData(2, Qt.ItemDataRole.UserRole, row.due.isoformat())
            elif reading.state == "superseded":
                item.setDisabled(True)
        self._paint_urgency()

    def _paint_urgency(self) -> None:
        """Deadline colours from the palette in use, painted again whenever the system switches light or dark."""
        today = date.today()
        due = self.current.detail.case.due_date if self.current is not None else None
        color = urgency_color(countdown(due, today).urgency)
        self.ui.dueLabel.setStyleSheet(f"color: {color.name()}; font-weight: 600;" if color else "")
        tree = self.ui.deadlineTree
        for index in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(index)
            day = item.data(2, Qt.ItemDataRole.UserRole) if item is not None else None
            if item is not None and day:
                color = urgency_color(countdown(date.fromisoformat(day), today).urgency)
                item.setData(2, Qt.ItemDataRole.ForegroundRole, QBrush(color) if color is not None else None)

    def _actions_width(self, per_row: int) -> int:
        """How wide the workflow buttons are with ``per_row`` of them on each row."""
        widths = sorted((button.sizeHint().width() for button in self._buttons.values()), reverse=True)
        return sum(widths[:per_row]) + self.ui.actionsLayout.horizontalSpacing() * (per_row - 1)

    def _arrange_actions(self, per_row: int) -> None:
        """The workflow buttons on one row where they fit, else on two, so the case list beside stays readable."""
        if per_row == self._actions_per_row:
            return
        layout = self.ui.actionsLayout
        layout.setColumnStretch(self._actions_per_row, 0)
        for index, button in enumerate(self._buttons.values()):
            layout.addWidget(button, index // per_row, index % per_row)
        layout.setColumnStretch(per_row, 1)
        self._actions_per_row = per_row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Lay the workflow buttons out again when their bar is resized; Ctrl+Enter in the note adds it."""
        if watched is self.ui.actionsBar and event.type() == QEvent.Type.Resize:
            every = len(self._buttons)
            fits = self._actions_width(every) <= self.ui.actionsBar.width()
            self._arrange_actions(every if fits else (every + 1) // 2)
        if (
            watched is self.ui.noteEdit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.add_note()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_urgency()

    def _show_verification(self, loaded: Loaded) -> None:
        plan, steps = loaded.plan, loaded.detail.steps
        self.ui.verificationSummary.setText(
            f"Verification: {loaded.verification_state.replace('_', ' ')} · standard {plan.level} · {plan.citation}"
            + ("" if plan.confirmed else " (unconfirmed rule)")
            + ("".join(f"\n{note}" for note in plan.notes))
        )
        refusal = loaded.account_refusal
        button = self.ui.recordAccountButton
        button.setEnabled(refusal is None)
        button.setToolTip(
            "The requester's Engram account: its tier, its reference and how it was found (Alt+R)"
            if refusal is None
            else f"Not now: {refusal}"
        )
        button.setAccessibleDescription(refusal or "")
        self.ui.accountHint.setText(f"Not now: {refusal}" if refusal else "")
        tree = self.ui.verificationTree
        tree.clear()
        if steps:
            for step in steps:
                item = QTreeWidgetItem(
                    tree,
                    [
                        step.description or step.code,
                        step.status + ("" if step.required else " (optional)"),
                        step.evidence_note,
                        f"{step.decided_by} {_local(step.decided_at)}".strip(),
                    ],
                )
                item.setData(0, Qt.ItemDataRole.UserRole, step.code)
        else:
            for planned in plan.steps:
                item = QTreeWidgetItem(tree, [planned.description, "planned", "", ""])
                item.setData(0, Qt.ItemDataRole.UserRole, planned.code)
                item.setToolTip(0, planned.citation)
        items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        open_steps = [item for item in items if item is not None and item.text(1) in ("pending", "planned")]
        if open_steps:
            tree.setCurrentItem(open_steps[0])

    def _show_messages(self, detail: CaseDetail) -> None:
        tree = self.ui.messageTree
        tree.clear()
        for message in detail.messages:
            sender = f"{message.from_name} <{message.from_addr}>" if message.from_name else message.from_addr
            item = QTreeWidgetItem(
                tree,
                [
                    _local(message.received_at),
                    "received" if message.direction == "in" else "sent",
                    sender,
                    message.subject,
                ],
            )
            item.setData(0, Qt.ItemDataRole.UserRole, message.id)
        self.ui.messageBody.clear()
        self.ui.attachmentCombo.clear()
        self.ui.openAttachmentButton.setEnabled(False)
        last = tree.topLevelItem(tree.topLevelItemCount() - 1)
        if last is not None:
            tree.setCurrentItem(last)

    def _message_selected(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        self.ui.attachmentCombo.clear()
        if item is None or self.current is None:
            self.ui.messageBody.clear()
            return
        message_id = int(item.data(0, Qt.ItemDataRole.UserRole))
        with self.store.read() as session:
            text = message_text(session, message_id)
        self.ui.messageBody.setPlainText(text)  # plain text only: nothing remote can load
        for attachment in self.current.detail.attachments:
            if attachment.message_id == message_id:
                label = f"{attachment.filename} ({attachment.media_type or 'unknown type'}, {attachment.size} bytes)"
                if not attachment.kept:
                    label += f" — not kept: {attachment.note}"
                self.ui.attachmentCombo.addItem(label, attachment.id)
        self.ui.openAttachmentButton.setEnabled(self.ui.attachmentCombo.count() > 0)

    def _show_letters(self, detail: CaseDetail) -> None:
        self.ui.letterList.clear()
        for letter in detail.letters:
            sent = f"sent {_local(letter.sent_at)}" if letter.sent_at else "not sent"
            self.ui.letterList.addItem(f"{letter.kind.replace('_', ' ')} v{letter.version} · {sent}")
            self.ui.letterList.item(self.ui.letterList.count() - 1).setData(Qt.ItemDataRole.UserRole, letter.id)
        if detail.letters:
            self.ui.letterList.setCurrentRow(0)
        else:
            self.pdf.close()
        self.ui.saveLetterButton.setEnabled(bool(detail.letters))
        self.ui.sendLetterButton.setEnabled(bool(detail.letters))

    def _letter_selected(self, row: int) -> None:
        item = self.ui.letterList.item(row) if row >= 0 else None
        if item is None:
            return
        with self.store.read() as session:
            _name, pdf = letter_pdf(session, int(item.data(Qt.ItemDataRole.UserRole)))
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._pdf_buffer is not None:
            self._pdf_buffer.deleteLater()
        self._pdf_buffer = buffer

    def selected_letter_id(self) -> int | None:
        item = self.ui.letterList.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    # ---------------------------------------------------------------- changing
    def _write(self, what: str, change: Callable[[Any], object], done: Callable[[object], None] | None = None) -> None:
        """Run ``change(session, case)`` in one write transaction off the GUI thread, then reload."""
        case_id, store = self.case_id, self.store
        if case_id is None:
            return
        self.busy.emit(what)

        def work() -> object:
            with store.write() as session:
                case = session.get(Case, case_id)
                if case is None:
                    raise InvalidInputError("This case no longer exists.")
                return change((session, case))

        def finished(result: object) -> None:
            self.changed.emit(case_id)
            self.reload()
            if done is not None:
                done(result)

        run_in_background(work, finished, self.failed.emit, self)

    def run_action(self, name: str) -> None:
        if self.current is None or not self._buttons[name].isEnabled():
            return
        case = self.current.detail.case
        label = ACTION_LABELS[name][0]
        if name == "respond":
            self._respond()
            return
        if name == "appeal":
            contest = self.ask.text(label, f"Appeal of {case.key}: what does the requester contest?")
            if contest is None:
                return
            received = datetime.now(UTC)
            self._write(
                "Recording the appeal…",
                lambda sc: service.open_appeal(sc[0], sc[1], received, actor=None, reason=contest),
            )
            return
        waiting_for = ""
        if name == "ask_requester":
            choice = self.ask.choice(label, "What must the requester send?", list(WAITING_FOR_CHOICES))
            if choice is None:
                return
            waiting_for = WAITING_FOR_CHOICES[choice]
        reason = self.ask.text(
            label, f"{label} {case.key}: reason (recorded in the audit trail)", DEFAULT_REASONS.get(name, "")
        )
        if reason is None:
            return
        target = dict(workflow.ACTION_TARGETS)[name]
        purge = load_settings(self.paths).purge_id_documents_on_close
        self._write(
            f"{label}…",
            lambda sc: workflow.transition(
                sc[0], sc[1], target, reason=reason, actor=None, waiting_for=waiting_for, purge_id_documents=purge
            ),
        )

    def _respond(self) -> None:
        assert self.current is not None
        case = self.current.detail.case
        appeal = case.parent_case_id is not None or "appeal" in self.current.detail.request_types
        outcomes = workflow.APPEAL_OUTCOMES if appeal else workflow.OUTCOMES
        outcome = self.ask.choice("Respond", f"Outcome of {case.key}", outcomes)
        if outcome is None:
            return
        code = ""
        if not appeal and outcome in workflow.NEEDS_REASON_CODE:
            codes = [
                c
                for c, entry in reason_codes().items()
                if outcome in entry.outcomes and entry.applies_to(case.jurisdiction)
            ]
            picked = self.ask.choice("Respond", "Reason code (statutory exception)", codes or ["(none applies)"])
            if picked is None or not codes:
                return
            code = picked
        ag_contact: bool | None = None
        if appeal:
            ag_contact = self.ask.confirm("Respond", "Does the decision give the Attorney General contact?")
        reason = self.ask.text("Respond", f"Why is {case.key} answered this way? (recorded)", "")
        if reason is None:
            return
        purge = load_settings(self.paths).purge_id_documents_on_close  # an upheld appeal closes the original
        self._write(
            "Recording the response…",
            lambda sc: workflow.respond(
                sc[0],
                sc[1],
                outcome,
                reason=reason,
                reason_code=code,
                ag_contact_given=ag_contact,
                actor=None,
                purge_id_documents=purge,
            ),
        )

    def _jurisdiction_edited(self) -> None:
        if self.current is not None:
            chosen = self.ui.jurisdictionCombo.currentData()
            self.ui.applyJurisdictionButton.setEnabled(chosen != self.current.detail.case.jurisdiction)

    def change_jurisdiction(self) -> None:
        if self.current is None:
            return
        code = str(self.ui.jurisdictionCombo.currentData())
        old = self.current.detail.case.jurisdiction
        reason = self.ask.text("Jurisdiction", f"Why does the jurisdiction change from {old} to {code}?")
        if not reason:
            return
        self._write(
            "Changing the jurisdiction and recomputing deadlines…",
            lambda sc: service.set_jurisdiction(sc[0], sc[1], code, reason=reason),
        )

    def decide_step(self, passed: bool) -> None:
        item = self.ui.verificationTree.currentItem()
        if item is None or self.current is None:
            return
        code = str(item.data(0, Qt.ItemDataRole.UserRole))
        note = self.ui.evidenceEdit.text().strip()
        if not note:
            note = self.ask.text("Verification", f"Evidence for “{item.text(0)}”: what was checked?") or ""
            if not note:
                return
        self.ui.evidenceEdit.clear()
        self._write(
            "Recording the verification step…",
            lambda sc: verification.record_step(sc[0], sc[1], code, passed, actor=None, evidence_note=note),
        )

    def record_account(self) -> None:
        """Record the requester's Engram account (California then verifies by its sign-in, 11 CCR §7061(a))."""
        if self.current is None or not self.ui.recordAccountButton.isEnabled():
            return
        case, requester = self.current.detail.case, self.current.detail.requester
        title = "Engram account"
        recorded = list(ACCOUNT_TIER_CHOICES.values())
        current = recorded.index(requester.tier) if requester.tier in recorded else 0
        picked = self.ask.choice(
            title, f"Which Engram account does the requester of {case.key} hold?", list(ACCOUNT_TIER_CHOICES), current
        )
        if picked is None:
            return
        account_ref = self.ask.text(
            title, "Account reference (e.g. ENG-0001234; empty keeps the one on record)", requester.account_ref
        )
        if account_ref is None:
            return
        reason = self.ask.text(title, "How was the account found? (required, recorded in the audit trail)")
        if reason is None:
            return
        tier = ACCOUNT_TIER_CHOICES[picked]
        self._write(
            "Recording the Engram account and rewriting the verification plan…",
            lambda sc: verification.record_account(
                sc[0], sc[1], tier, account_ref=account_ref, reason=reason, actor=None
            ),
        )

    def add_note(self) -> None:
        body = self.ui.noteEdit.toPlainText().strip()
        if not body or self.current is None:
            return
        self.ui.noteEdit.clear()
        self._write("Adding the note…", lambda sc: service.add_note(sc[0], sc[1], body, actor=None))

    # ------------------------------------------------------------- attachments
    def open_attachment(self) -> None:
        if self.current is None or self.ui.attachmentCombo.currentIndex() < 0:
            return
        attachment_id = int(self.ui.attachmentCombo.currentData())
        summary = next(a for a in self.current.detail.attachments if a.id == attachment_id)
        if not self.ask.confirm("Open attachment", self._attachment_warning(summary)):
            return
        with self.store.read() as session:
            name, data = attachment_bytes(session, attachment_id)
        if data is None:
            self.failed.emit(f"The file {name} is not kept in the store ({summary.note or 'purged'}).")
            return
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="lumetra-open-"))
        target = self._temp_dir / (Path(name).name or f"attachment-{attachment_id}")
        target.write_bytes(data)
        target.chmod(0o600)
        self.open_url(QUrl.fromLocalFile(str(target)))

    @staticmethod
    def _attachment_warning(summary: AttachmentSummary) -> str:
        suffix = Path(summary.filename).suffix.lower()
        text = (
            f"Open {summary.filename} ({summary.media_type or 'unknown type'}) with another program?\n\n"
            "A copy is written to a private temporary folder, removed when Lumetra Desk closes."
        )
        if suffix in RISKY_SUFFIXES or summary.media_type in RISKY_TYPES or "html" in summary.media_type:
            text = (
                f"Warning: {summary.filename} is a kind of file that can run code or load remote content when "
                "opened. Open it only if you expected it from this sender.\n\n" + text
            )
        return text

    def cleanup(self) -> None:
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    # ---------------------------------------------------------------- letters
    def generate_letter(self) -> None:
        if self.current is None:
            return
        kind = str(self.ui.letterKindCombo.currentData())
        answers: dict[str, str] = {}
        if kind == "appeal_decision":
            outcome = self.ask.choice("Letter", "Appeal outcome", LETTER_APPEAL_OUTCOMES)
            if outcome is None:
                return
            answers["appeal_outcome"] = outcome
        for field, question in LETTER_QUESTIONS.get(kind, ()):
            value = self.ask.text("Letter", question)
            if not value:
                return
            answers[field] = value
        denied_rights: tuple[str, ...] = ()
        if kind == "denial":
            chosen = self._ask_refused_rights()
            if chosen is None:
                return
            denied_rights = chosen
        jurisdiction = self.current.detail.case.jurisdiction
        if kind == "appeal_decision" and not load_settings(self.paths).ag_contacts.get(jurisdiction):
            # Not in the settings yet: the officer gives the channel counsel confirmed, or none where not needed.
            contact = self.ask.text(
                "Letter", f"Attorney General complaint contact for {jurisdiction}, as counsel confirmed it"
            )
            if contact is None:
                return
            answers["ag_contact"] = contact
        extras = LetterExtras(
            extension_reason=answers.get("extension_reason", ""),
            denial_reasons=tuple(filter(None, [answers.get("denial_reasons", "")])),
            statutory_basis=answers.get("statutory_basis", ""),
            appeal_outcome=answers.get("appeal_outcome", ""),
            appeal_reasons=tuple(filter(None, [answers.get("appeal_reasons", "")])),
            enterprise_customer=answers.get("enterprise_customer", ""),
            ag_contact=answers.get("ag_contact", ""),
            denied_rights=denied_rights,
        )
        case_key, store, paths, case_id = self.current.detail.case.key, self.store, self.paths, self.case_id
        self.busy.emit(f"Generating the {kind.replace('_', ' ')} letter…")

        def work() -> object:
            settings = load_settings(paths)
            return issue_letter(
                store,
                case_key,
                kind,
                settings,
                extras,
                today=date.today(),
                templates_override_dir=paths.templates_override_dir,
                actor=audit.current_actor(),
            )

        def done(_issued: object) -> None:
            self.ui.caseTabs.setCurrentWidget(self.ui.lettersTab)
            if case_id is not None:
                self.changed.emit(case_id)
            self.reload()

        run_in_background(work, done, self.failed.emit, self)

    def _ask_refused_rights(self) -> tuple[str, ...] | None:
        """Which rights a denial refuses when the case has several and is not answered yet: the whole request,
        or one right after another (as ``letter --denied-right``). Once answered, the recorded outcomes decide.
        None when the officer cancels."""
        assert self.current is not None
        detail = self.current.detail
        rights = [t for t in detail.request_types if t != "appeal"]
        if len(rights) < 2 or any(detail.outcomes.get(t) for t in rights):
            return ()
        labels = {t.replace("_", " "): t for t in rights}
        chosen: list[str] = []
        while len(chosen) < len(rights):
            left = [label for label, t in labels.items() if t not in chosen]
            if chosen:
                first, question = NO_OTHER_RIGHT, "Does the denial refuse another right too?"
            else:
                first, question = WHOLE_REQUEST, "Which right does the denial refuse?"
            answer = self.ask.choice("Letter", question, [first, *left])
            if answer is None:
                return None
            if answer == WHOLE_REQUEST:
                return tuple(rights)
            if answer == NO_OTHER_RIGHT:
                break
            chosen.append(labels[answer])
        return tuple(chosen)

    def save_letter(self) -> None:
        letter_id = self.selected_letter_id()
        if letter_id is None:
            return
        with self.store.read() as session:
            name, pdf = letter_pdf(session, letter_id)
        path = self.ask.save_path("Save letter", str(Path.home() / name), "PDF files (*.pdf)")
        if not path:
            return
        try:
            Path(path).write_bytes(pdf)
        except OSError as exc:
            self.failed.emit(f"The letter could not be saved to {path} ({exc.strerror}).")

    def send_letter(self) -> None:
        letter_id = self.selected_letter_id()
        if letter_id is None or self.current is None:
            return
        requester = self.current.detail.requester.email
        if not self.ask.confirm("Send letter", f"Send this letter to {requester} now?"):
            return
        store, paths, case_id = self.store, self.paths, self.case_id
        self.busy.emit("Sending the letter…")

        def work() -> object:
            return send_letter(store, letter_id, load_settings(paths))

        def done(_sent: object) -> None:
            if case_id is not None:
                self.changed.emit(case_id)
            self.reload()

        run_in_background(work, done, self.failed.emit, self)
