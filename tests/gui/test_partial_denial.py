"""A denial from the case view of a case with several rights: the officer picks the rights it refuses.

The letter text is read with the letter tests' own helper (``pdf_text`` in tests/letters/letter_facts.py).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import col, select
from test_daily_flow import WAIT, ScriptedAsker, _window

from lumetra_desk.core.cases import service
from lumetra_desk.core.letters.wording import wording
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Letter
from lumetra_desk.gui.case_view import NO_OTHER_RIGHT, WHOLE_REQUEST

_spec = importlib.util.spec_from_file_location(
    "letter_facts", Path(__file__).parents[1] / "letters" / "letter_facts.py"
)
assert _spec is not None and _spec.loader is not None
letter_facts = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(letter_facts)

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
REASON, BASIS = "A legal hold applies to the records.", "Va. Code §59.1-582"


def _open(store: Store, email: str, types: list[str]) -> int:
    with store.write() as session:
        requester = service.find_or_create_requester(session, email, "Zoë Łukasz")
        case = service.open_case(
            session,
            requester=requester,
            request_types=types,
            received_at=datetime.now(UTC) - timedelta(days=3),
            jurisdiction="US-VA",
        )
        return case.id or 0


def _latest_letter(store: Store, case_id: int) -> tuple[str, dict[str, object]]:
    with store.read() as session:
        letter = session.exec(select(Letter).where(Letter.case_id == case_id).order_by(col(Letter.id).desc())).first()
        assert letter is not None
        return letter_facts.pdf_text(letter.pdf), json.loads(letter.snapshot)["data"]


def test_a_denial_of_a_case_with_several_rights_asks_which_it_refuses(qtbot: QtBot, store: Store) -> None:
    mixed = _open(store, "zoe@example.org", ["delete", "access"])
    single = _open(store, "lukasz@example.org", ["delete"])
    window = _window(qtbot, store)
    view = window.case_view
    window.open_case(mixed)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.id == mixed, timeout=WAIT)
    view.ui.letterKindCombo.setCurrentIndex(view.ui.letterKindCombo.findData("denial"))

    view.ask = asker = ScriptedAsker(REASON, BASIS, "delete", NO_OTHER_RIGHT)
    qtbot.mouseClick(view.ui.generateLetterButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 1, timeout=WAIT)
    assert asker.questions[2:] == ["Which right does the denial refuse?", "Does the denial refuse another right too?"]
    text, data = _latest_letter(store, mixed)
    deletion, access = wording("delete", "US-VA").request, wording("access", "US-VA").request
    assert f"We are unable to comply with your request for {deletion}, for the reasons below." in text
    assert f"Your request for {access} is still being handled: we will answer it separately by" in text
    assert data["refused_requests"] == [deletion]

    view.ask = ScriptedAsker(REASON, BASIS, WHOLE_REQUEST)
    qtbot.mouseClick(view.ui.generateLetterButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 2, timeout=WAIT)
    text, data = _latest_letter(store, mixed)
    assert "We are unable to comply with it, for the reasons below." in text and data["refused_requests"] == []

    view.ask = ScriptedAsker(REASON, BASIS, None)  # the officer cancels the choice: no letter
    qtbot.mouseClick(view.ui.generateLetterButton, Qt.MouseButton.LeftButton)
    assert view.ui.letterList.count() == 2

    window.open_case(single)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.id == single, timeout=WAIT)
    view.ui.letterKindCombo.setCurrentIndex(view.ui.letterKindCombo.findData("denial"))
    view.ask = ScriptedAsker(REASON, BASIS)  # one right: nothing more is asked
    qtbot.mouseClick(view.ui.generateLetterButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 1, timeout=WAIT)
    assert "We are unable to comply with it, for the reasons below." in _latest_letter(store, single)[0]
    assert window.last_error == ""
