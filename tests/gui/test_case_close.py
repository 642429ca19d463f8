"""Closing a case in the window purges identity documents only when the settings say so."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from lumetra_desk.core.cases import service, verification, workflow
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings, save_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Attachment, AuditEvent
from lumetra_desk.gui.asker import Asker
from lumetra_desk.gui.case_view import CaseView

pytestmark = pytest.mark.gui
WAIT = 30_000


class AcceptDefaults(Asker):
    """The officer accepts the suggested reason of every question."""

    def __init__(self) -> None:
        super().__init__(QWidget())

    def text(self, title: str, label: str, default: str = "", password: bool = False) -> str | None:
        return default or "closing"


def _answered_case_with_an_id_image(store: Store) -> int:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "ana@example.com", name="Ana")
        case = service.open_case(
            session,
            requester=requester,
            request_types=["access_categories"],
            received_at=datetime(2026, 3, 2, 9, tzinfo=UTC),
            jurisdiction="US-CA",
        )
        verification.create_plan(session, case, actor="officer")
        verification.record_step(
            session, case, "data_point_1", True, actor="officer", evidence_file=("id.jpg", b"JPEG"),
            identity_document=True,
        )  # fmt: skip
        verification.record_step(session, case, "data_point_2", True, actor="officer", evidence_note="postcode")
        workflow.respond(session, case, "complied", reason="categories sent", purge_id_documents=True)
        return case.id or 0


@pytest.mark.parametrize("purge", [True, False])
def test_closing_in_the_window_follows_the_purge_setting(
    qtbot: QtBot, store: Store, app_paths: AppPaths, purge: bool
) -> None:
    settings = load_settings(app_paths)
    settings.purge_id_documents_on_close = purge
    save_settings(app_paths, settings)
    case_id = _answered_case_with_an_id_image(store)
    view = CaseView(store, app_paths)
    qtbot.addWidget(view)
    view.show_case(case_id)
    qtbot.waitUntil(lambda: view.current is not None and view._buttons["close"].isEnabled(), timeout=WAIT)
    view.ask = AcceptDefaults()
    qtbot.mouseClick(view._buttons["close"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.status == "closed", timeout=WAIT)
    with store.read() as session:
        image = session.exec(select(Attachment).where(Attachment.filename == "id.jpg")).one()
        purged = session.exec(select(AuditEvent).where(AuditEvent.action == "attachment.purged")).all()
        assert (image.data is None, len(purged)) == ((True, 1) if purge else (False, 0))
