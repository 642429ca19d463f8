"""Letters of an appeal linked to the decision it appeals: receipt, extension and decision dates from the engine."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from letter_facts import pdf_text, verify_all_steps

from lumetra_desk.core import rules
from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter
from lumetra_desk.core.letters.templates import long_date
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store

RECEIVED = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
ANSWERED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
APPEALED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _appeal(store: Store, jurisdiction: str) -> tuple[str, str]:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "carla@example.com", "Carla Díaz", "free")
        original = service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=RECEIVED,
            jurisdiction=jurisdiction,
            tier="free",
        )
        key = original.key
    verify_all_steps(store, key)
    with store.write() as session:
        original = service.find_case(session, key)
        workflow.respond(
            session,
            original,
            "denied",
            reason="answered",
            reason_code="no_such_right",
            at=ANSWERED,
            purge_id_documents=True,
        )
        return key, service.open_appeal(session, original, APPEALED, actor="test").key


def _decision_due(jurisdiction: str, event: str) -> date:
    deadline = rules.compute_deadlines(jurisdiction, "appeal", APPEALED.date(), []).get(event)
    assert deadline is not None
    return deadline.due


@pytest.mark.parametrize(("jurisdiction", "extendable"), [("US-CO", True), ("US-VA", False)])
def test_an_appeal_is_acknowledged_with_its_decision_date_not_refused_for_a_response_date(
    store: Store, jurisdiction: str, extendable: bool
) -> None:
    original, appeal = _appeal(store, jurisdiction)
    issued = issue_letter(store, appeal, "acknowledgement", Settings(), today=TODAY)
    text = pdf_text(issued.rendered.pdf)
    law = rules.load_rulebook().get(jurisdiction)
    assert law.appeal.decision is not None
    assert "Re: We have received your appeal" in text and issued.rendered.snapshot["subject"] == (
        "We have received your appeal"
    )
    assert f"We received your appeal on {long_date(APPEALED.date())} against our decision on your request of" in text
    assert f"(case {original}), and have opened case {appeal} for it" in text
    assert f"({law.appeal.decision.citation}), we will tell you our decision on your appeal in writing" in text
    assert f"by {long_date(_decision_due(jurisdiction, 'appeal_decision'))}." in text
    assert ("If we need more time, we will tell you before that date" in text) is extendable
    assert "How we verify your request" not in text and "You asked for" not in text


def test_a_colorado_appeal_extension_and_decision_follow_the_engine(store: Store) -> None:
    original, appeal = _appeal(store, "US-CO")
    extras = LetterExtras(extension_reason="We need to review records held by two teams.")
    text = pdf_text(issue_letter(store, appeal, "extension_notice", Settings(), extras, today=TODAY).rendered.pdf)
    assert f"Our decision on your appeal is due by {long_date(_decision_due('US-CO', 'appeal_decision'))}" in text
    assert f"by {long_date(_decision_due('US-CO', 'appeal_decision_extended'))}" in text
    assert f"(case {original})" in text


def test_an_appeal_acknowledged_again_after_its_extension_gives_the_extended_date(store: Store) -> None:
    _original, appeal = _appeal(store, "US-CO")
    extras = LetterExtras(extension_reason="We need to review records held by two teams.")
    issue_letter(store, appeal, "extension_notice", Settings(), extras, today=TODAY)
    with store.write() as session:
        service.take_extension(session, service.find_case(session, appeal), TODAY, extras.extension_reason)
    text = pdf_text(issue_letter(store, appeal, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    extended = long_date(_decision_due("US-CO", "appeal_decision_extended"))
    assert f"by {extended}, the date to which we have extended it." in text
    assert long_date(_decision_due("US-CO", "appeal_decision")) not in text and "If we need more time" not in text
