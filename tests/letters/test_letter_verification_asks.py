"""The verification request asks for what the plan still needs, and nothing the law or the plan does not."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from letter_facts import open_letter_case, pdf_text
from pypdf import PdfReader

from lumetra_desk.core.cases import verification
from lumetra_desk.core.cases.service import find_case
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.issue import issue_letter
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store

RECEIVED = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
AGENT = "Privacy Agents Inc"


def _open(store: Store, jurisdiction: str, request_types: list[str], tier: str = "unknown", agent: str = "") -> str:
    key = open_letter_case(
        store,
        jurisdiction,
        request_types,
        tier=tier,
        email="dmitry@example.net",
        name="Дмитрий Петров",
        received=RECEIVED,
    )
    with store.write() as session:
        case = find_case(session, key)
        case.agent_name = agent
        session.add(case)
        verification.create_plan(session, case, actor="test")
    return key


def _request(store: Store, key: str) -> str:
    return pdf_text(issue_letter(store, key, "verification_request", Settings(), today=TODAY).rendered.pdf)


def _decide(store: Store, key: str, *codes: str) -> None:
    with store.write() as session:
        case = find_case(session, key)
        for code in codes:
            verification.record_step(session, case, code, True, actor="test", evidence_note="received")


def test_an_account_holder_who_only_signs_in_again_is_not_asked_to_reply_by_a_date(store: Store) -> None:
    key = _open(store, "US-CA", ["delete"], tier="free")
    text = _request(store, key)
    assert "we will ask you for a fresh sign-in to your Engram account; you need not send us anything now" in text
    assert "Please reply" not in text and "We use what you send" not in text and "Declaration" not in text


def test_the_agent_proof_asked_for_is_the_one_the_law_of_the_case_requires(store: Store) -> None:
    california = _request(store, _open(store, "US-CA", ["delete"], agent=AGENT))
    assert f"the signed permission you gave {AGENT} to make this request for you" in california
    assert f"your own confirmation, sent from your email address, that you gave {AGENT} that permission" in california

    nevada = _request(store, _open(store, "US-NV", ["opt_out_sale_share"], agent=AGENT))
    assert f"the signed permission you gave {AGENT} to make this request for you" in nevada
    assert "your own confirmation" not in nevada


def test_what_the_officer_has_already_received_is_not_asked_for_again(store: Store) -> None:
    key = _open(store, "US-CA", ["access"], agent=AGENT)
    _decide(store, key, "signed_declaration", "agent_permission", "consumer_confirmation")
    text = _request(store, key)
    assert "the email address you use with Engram" in text
    assert "Declaration" not in text and "signed permission" not in text and "your own confirmation" not in text

    _decide(store, key, "data_point_1", "data_point_2", "data_point_3")
    with pytest.raises(InvalidInputError, match=r"nothing to ask the requester of LD-\d{4}-\d{6} for"):
        _request(store, key)


@pytest.mark.parametrize(
    ("jurisdiction", "request_types", "citation"),
    [("US-CA", ["opt_out_sale_share"], "11 CCR §7060(b)"), ("EU", ["access"], "GDPR Art. 12(6)")],
)
def test_a_request_the_law_verifies_nothing_for_gets_a_plain_refusal_naming_the_rule(
    store: Store, jurisdiction: str, request_types: list[str], citation: str
) -> None:
    key = _open(store, jurisdiction, request_types)
    with pytest.raises(InvalidInputError, match="needs no identity verification") as refused:
        _request(store, key)
    assert citation in str(refused.value) and "verification_items" not in str(refused.value)


def test_the_declaration_form_follows_the_signature_and_stays_whole_on_one_page(store: Store) -> None:
    key = _open(store, "US-CA", ["access"], agent=AGENT)  # the longest request: details, agent proof, declaration
    pdf = issue_letter(store, key, "verification_request", Settings(), today=TODAY).rendered.pdf
    reader = PdfReader(io.BytesIO(pdf))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    assert text.index("Sincerely,") < text.index("Declaration I, ____")
    form = [page for page in pages if "Declaration I, ____" in page]
    assert len(form) == 1 and "Signature: ____" in form[0]


def test_after_a_failed_verification_the_letter_to_send_is_unable_to_verify(store: Store) -> None:
    key = _open(store, "US-CA", ["access"])
    with store.write() as session:
        verification.record_step(
            session, find_case(session, key), "data_point_1", False, actor="test", evidence_note="no match"
        )
    with pytest.raises(InvalidInputError, match=r"identity verification has failed.*unable-to-verify letter"):
        _request(store, key)
    assert "We were unable to verify" in pdf_text(
        issue_letter(store, key, "unable_to_verify", Settings(), today=TODAY).rendered.pdf
    )
