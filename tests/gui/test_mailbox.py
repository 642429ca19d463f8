"""The mailbox from the window, against a real Dovecot over TLS: Test connection, Fetch mail, Cancel, errors."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import func, select
from test_daily_flow import WAIT, _press, _window

from lumetra_desk.core import secrets
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import ImapSettings, Settings, save_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Message
from lumetra_desk.gui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.imap, pytest.mark.qt_log_ignore("OpenType support missing")]
CORPUS = Path(__file__).parents[1] / "intake" / "corpus"
ARRIVAL = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _mailbox(dovecot: Any, app_paths: AppPaths, user: str, password: str, mails: list[Path]) -> ImapSettings:
    """The officer's mailbox holding ``mails``, saved in the settings (its password in the keyring only)."""
    context = ssl.create_default_context(cafile=dovecot.cert)
    with IMAPClient(dovecot.host, port=dovecot.port, ssl_context=context) as client:
        client.login(user, password)
        for offset, path in enumerate(mails):
            client.append("INBOX", path.read_bytes(), msg_time=ARRIVAL + timedelta(minutes=offset))
    imap = ImapSettings(host=dovecot.host, port=dovecot.port, user=user, ca_file=str(dovecot.cert))
    save_settings(app_paths, Settings(imap=imap, first_run_done=True))
    secrets.set_secret(Settings.imap_secret_name(imap), password)
    return imap


def _messages(store: Store) -> int:
    with store.read() as session:
        return int(session.exec(select(func.count()).select_from(Message)).one())


def test_test_connection_says_what_happened(
    qtbot: QtBot, dovecot: Any, imap_passwords: dict[str, str], app_paths: AppPaths
) -> None:
    user = "officer8@lumetra.io"
    imap = _mailbox(dovecot, app_paths, user, imap_passwords[user], sorted(CORPUS.glob("*.eml"))[:2])
    secrets.delete_secret(Settings.imap_secret_name(imap))
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    dialog.ui.imapPassword.setText("not-the-password")
    qtbot.mouseClick(dialog.ui.testImapButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.testImapButton.isEnabled(), timeout=WAIT)
    assert dialog.ui.imapResult.text() == f"The mail server refused the login for {user}."
    dialog.ui.imapPassword.setText(imap_passwords[user])  # typed, not saved yet
    qtbot.mouseClick(dialog.ui.testImapButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.testImapButton.isEnabled(), timeout=WAIT)
    assert dialog.ui.imapResult.text() == "Connected: 2 messages in INBOX."
    assert secrets.get_secret(Settings.imap_secret_name(imap)) is None  # a test stores nothing
    dialog.ui.imapPort.setValue(1)
    qtbot.mouseClick(dialog.ui.testImapButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.testImapButton.isEnabled(), timeout=WAIT)
    assert dialog.ui.imapResult.text().startswith(f"{dovecot.host}:1 could not be used")


def test_fetch_mail_runs_in_the_background_and_cancel_keeps_what_is_fetched(
    qtbot: QtBot, dovecot: Any, imap_passwords: dict[str, str], app_paths: AppPaths, store: Store
) -> None:
    mails = sorted(CORPUS.glob("*.eml"))
    user = "officer2@lumetra.io"
    _mailbox(dovecot, app_paths, user, imap_passwords[user], mails)
    window = _window(qtbot, store)
    _press(qtbot, window, Qt.Key.Key_F, CTRL_SHIFT)  # Fetch mail
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Fetched "), timeout=WAIT)
    assert window.progress_bar.isVisible() and window.cancel_button.isEnabled()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.progress_bar.isHidden(), timeout=WAIT)
    assert window.statusBar().currentMessage() == (
        "Cancelled; what was already fetched is kept; Fetch mail again continues."
    )
    kept = _messages(store)
    assert 1 <= kept < len(mails)

    window.ui.actionFetch.trigger()  # again: the rest, and nothing twice
    qtbot.waitUntil(lambda: window.last_summary.startswith("Fetched"), timeout=WAIT)
    assert window.last_summary.startswith(f"Fetched {len(mails) - kept} messages from INBOX")
    assert _messages(store) == len(mails)
    assert window.last_error == ""


def test_a_refused_login_is_a_plain_message(
    qtbot: QtBot, dovecot: Any, imap_passwords: dict[str, str], app_paths: AppPaths, store: Store
) -> None:
    user = "officer3@lumetra.io"
    imap = _mailbox(dovecot, app_paths, user, imap_passwords[user], [])
    secrets.set_secret(Settings.imap_secret_name(imap), "wrong")
    window = _window(qtbot, store)
    window.fetch_mail()
    qtbot.waitUntil(lambda: window.last_error != "", timeout=WAIT)
    assert window.last_error.startswith("The mail server refused the login for officer3@lumetra.io")
    assert "Traceback" not in window.last_error and window.progress_bar.isHidden()
