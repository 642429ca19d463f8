"""The case list model: the first page comes with the count, other pages by position, then the whole id list.

Driven against a real encrypted store with more cases than one page, under QAbstractItemModelTester.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import col, update

from lumetra_desk.core import demo
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case
from lumetra_desk.core.store.queries import CaseFilter, case_ids
from lumetra_desk.gui.models.case_table import COLUMNS, IDS_AFTER_MS, PAGE, CaseTableModel

WAIT = 30_000


@pytest.fixture
def model(store: Store, qtbot: QtBot) -> Iterator[CaseTableModel]:
    demo.fill(store, 3 * PAGE + 40, seed=4)
    case_model = CaseTableModel(store)
    tester = QAbstractItemModelTester(case_model, QAbstractItemModelTester.FailureReportingMode.Warning)
    yield case_model
    del tester
    QThreadPool.globalInstance().waitForDone(WAIT)


def _listed(model: CaseTableModel) -> list[int | None]:
    return [model.case_id(row) for row in range(model.rowCount())]


def _wait_for_the_id_list(qtbot: QtBot) -> None:
    qtbot.wait(IDS_AFTER_MS + 100)
    assert QThreadPool.globalInstance().waitForDone(WAIT)
    qtbot.wait(50)  # its result is delivered in the GUI thread


def test_every_page_shows_the_store_order_before_and_after_the_id_list_arrives(
    model: CaseTableModel, store: Store, qtbot: QtBot
) -> None:
    flt = CaseFilter(open_only=True)
    with store.read() as session:
        expected = case_ids(session, flt, "due_date", False)
    assert len(expected) > 2 * PAGE
    with qtbot.waitSignal(model.loaded, timeout=WAIT, check_params_cb=lambda n: n == len(expected)):
        model.set_filter(flt)
    assert _listed(model) == expected  # pages after the first are read by their position
    assert model.row_of(expected[1]) == 1 and model.row_of(expected[-1]) == len(expected) - 1  # pages read
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.reload()
    assert model.row_of(expected[-1]) is None  # only the whole id list can tell, and nothing is read for it
    with qtbot.waitSignal(model.ids_known, timeout=WAIT):
        pass
    assert model.row_of(expected[-1]) == len(expected) - 1
    _wait_for_the_id_list(qtbot)
    assert _listed(model) == expected
    assert model.data(model.index(2 * PAGE + 3, 0)) == model.row_at(2 * PAGE + 3).key  # type: ignore[union-attr]


def test_sorting_and_searching_reload_the_list_in_the_chosen_order(
    model: CaseTableModel, store: Store, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.set_filter(CaseFilter())
    requester_column = next(i for i, (_title, key) in enumerate(COLUMNS) if key == "requester")
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.sort(requester_column, Qt.SortOrder.DescendingOrder)
    with store.read() as session:
        assert _listed(model) == case_ids(session, CaseFilter(), "requester", True)
        searched = case_ids(session, CaseFilter(text="access"), "requester", True)
    assert searched
    with qtbot.waitSignal(model.loaded, timeout=WAIT, check_params_cb=lambda n: n == len(searched)):
        model.set_filter(CaseFilter(text="access"))
    assert _listed(model) == searched


def test_a_changed_case_keeps_its_row_until_the_next_reload(model: CaseTableModel, store: Store, qtbot: QtBot) -> None:
    flt = CaseFilter(open_only=True)
    with qtbot.waitSignal(model.loaded, timeout=WAIT):
        model.set_filter(flt)
    _wait_for_the_id_list(qtbot)
    row = 2 * PAGE + 10
    case_id = model.case_id(row)
    before = _listed(model)
    with store.write() as session:  # the case leaves the filter: a reload would drop it
        session.exec(update(Case).where(col(Case.id) == case_id).values(status="closed"))  # type: ignore[call-overload]
    model.refresh_rows()
    assert _listed(model) == before
    changed = model.row_at(row)
    assert changed is not None and changed.id == case_id and changed.status == "closed"
    with qtbot.waitSignal(model.loaded, timeout=WAIT, check_params_cb=lambda n: n == len(before) - 1):
        model.reload()
    with qtbot.waitSignal(model.ids_known, timeout=WAIT):
        pass
    assert model.row_of(case_id) == -1  # type: ignore[arg-type]
