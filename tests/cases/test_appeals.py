"""Appeals: a linked case with its own deadline; no-appeal states say so; the AG contact is recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from case_helpers import make_case
from test_workflow import _pass_all, _respond

from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store.db import Store

ANSWERED = datetime(2026, 4, 1, 12, tzinfo=UTC)
APPEAL_RECEIVED = datetime(2026, 4, 20, 10, tzinfo=UTC)


def _denied(store: Store, jurisdiction: str) -> str:
    key = make_case(store, types=("delete",), jurisdiction=jurisdiction, email=f"{jurisdiction}@example.com")
    _pass_all(store, key)
    _respond(store, key, "denied", reason_code="no_such_right", at=ANSWERED)
    return key


def _appeal(store: Store, key: str) -> str:
    with store.write() as session:
        return service.open_appeal(session, service.find_case(session, key), APPEAL_RECEIVED, actor="t").key


@pytest.mark.parametrize(("jurisdiction", "due"), [("US-VA", date(2026, 6, 19)), ("US-CO", date(2026, 6, 4))])
def test_appeal_is_a_linked_case_with_its_own_deadline(store: Store, jurisdiction: str, due: date) -> None:
    original = _denied(store, jurisdiction)
    appeal_key = _appeal(store, original)
    with store.read() as session:
        appeal = service.find_case(session, appeal_key)
        parent = service.find_case(session, original)
        assert appeal.parent_case_id == parent.id and parent.status == "appealed"
        assert service.request_types_of(session, appeal.id or 0) == ["appeal"]
        assert (appeal.due_event, appeal.due_date) == ("appeal_decision", due)


@pytest.mark.parametrize("jurisdiction", ["US-CA", "US-UT", "US-NV", "EU", "UK"])
def test_no_appeal_state_says_so(store: Store, jurisdiction: str) -> None:
    key = make_case(store, types=("opt_out_sale_share",), jurisdiction=jurisdiction, email="x@example.com")
    _pass_all(store, key)  # Nevada verifies a sale opt-out; elsewhere the plan has no required step
    _respond(store, key, "complied", at=ANSWERED)
    with store.read() as session:
        actions = {a.name: a for a in workflow.allowed_actions(session, service.find_case(session, key))}
    assert not actions["appeal"].enabled and "gives no appeal" in actions["appeal"].reason
    with store.write() as session, pytest.raises(InvalidInputError, match="gives no appeal"):
        service.open_appeal(session, service.find_case(session, key), APPEAL_RECEIVED, actor="t")


def test_only_an_answered_case_can_be_appealed(store: Store) -> None:
    key = make_case(store, types=("delete",), jurisdiction="US-VA")
    with store.write() as session, pytest.raises(InvalidInputError, match="only an answered case"):
        service.open_appeal(session, service.find_case(session, key), APPEAL_RECEIVED, actor="t")


def test_decision_records_the_ag_contact(store: Store) -> None:
    original = _denied(store, "US-VA")
    appeal_key = _appeal(store, original)
    with pytest.raises(InvalidInputError, match="Attorney General contact"):
        _respond(store, appeal_key, "upheld", ag_contact_given=False)
    with pytest.raises(InvalidInputError, match="Say whether"):
        _respond(store, appeal_key, "upheld")
    with pytest.raises(InvalidInputError, match="is decided"):
        _respond(store, appeal_key, "complied", ag_contact_given=True)
    appeal = _respond(store, appeal_key, "upheld", ag_contact_given=True)
    assert (appeal.status, appeal.outcome, appeal.ag_contact_given) == ("responded", "upheld", True)
    with store.read() as session:
        assert service.find_case(session, original).status == "closed"
        actions = {a.name: a for a in workflow.allowed_actions(session, service.find_case(session, appeal_key))}
        assert "itself an appeal" in actions["appeal"].reason


def test_reversed_appeal_sends_the_original_back_to_work(store: Store) -> None:
    original = _denied(store, "US-VA")
    appeal_key = _appeal(store, original)
    _respond(store, appeal_key, "reversed", ag_contact_given=False)
    with store.read() as session:
        assert service.find_case(session, original).status == "in_progress"
