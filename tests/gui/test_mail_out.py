"""Settings' "Test connection" and sending a letter from the case view, against a real SMTP server on loopback."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_daily_flow import WAIT, ScriptedAsker

from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.main_window import MainWindow
from lumetra_desk.gui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
USER, PASSWORD = "privacy@lumetra.io", "Smtp-Pässwort-9"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[bytes, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.content, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Path, Inbox]]:
    """aiosmtpd with STARTTLS and AUTH required, using a throw-away self-signed certificate."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key),
         "-out", str(cert), "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
        auth_required=True,
    )
    controller.start()
    try:
        yield port, cert, inbox
    finally:
        controller.stop()


def test_test_connection_then_send_a_letter_from_the_case_view(
    qtbot: QtBot, store: Store, app_paths: AppPaths, smtp_server: tuple[int, Path, Inbox]
) -> None:
    port, cert, inbox = smtp_server
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    dialog.ui.smtpHost.setText("127.0.0.1")
    dialog.ui.smtpPort.setValue(port)
    dialog.ui.smtpUser.setText(USER)
    dialog.ui.smtpPassword.setText("wrong password")
    dialog.settings.smtp.ca_file = str(cert)
    qtbot.mouseClick(dialog.ui.testSmtpButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.testSmtpButton.isEnabled() and dialog.ui.smtpResult.text() != "Testing…")
    assert "rejected the SMTP user name or password" in dialog.ui.smtpResult.text()
    dialog.ui.smtpPassword.setText(PASSWORD)
    qtbot.mouseClick(dialog.ui.testSmtpButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.smtpResult.text().startswith("Connected"), timeout=WAIT)
    dialog.save()
    assert dialog.error == ""

    with store.write() as session:
        requester = service.find_or_create_requester(session, "kim@example.com", "Kim Lee")
        service.open_case(
            session, requester=requester, request_types=["access"], received_at=datetime.now(UTC), jurisdiction="US-CA"
        )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    view.ui.letterKindCombo.setCurrentIndex(view.ui.letterKindCombo.findData("acknowledgement"))
    qtbot.mouseClick(view.ui.generateLetterButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 1, timeout=WAIT)
    view.ask = ScriptedAsker(True)
    qtbot.mouseClick(view.ui.sendLetterButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent 20" in (view.ui.letterList.item(0).text() if view.ui.letterList.count() else ""))
    assert window.last_error == ""
    assert len(inbox.messages) == 1 and inbox.messages[0][1] == ["kim@example.com"]
    assert view.ui.messageTree.topLevelItemCount() == 1 and view.ui.messageTree.topLevelItem(0).text(1) == "sent"
