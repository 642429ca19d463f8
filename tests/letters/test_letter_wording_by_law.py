"""Letters name each right as the requester's law names it, and list the rights that law gives (statute engine)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from letter_facts import open_letter_case, pdf_text, verify_all_steps

from lumetra_desk.core import rules
from lumetra_desk.core.letters.issue import issue_letter
from lumetra_desk.core.letters.wording import wording
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store

RECEIVED = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _open(store: Store, jurisdiction: str, request_types: list[str], tier: str = "unknown") -> str:
    return open_letter_case(
        store,
        jurisdiction,
        request_types,
        tier=tier,
        email="nina.reyes@example.com",
        name="Nina Reyes",
        received=RECEIVED,
    )


def _letter(store: Store, key: str, kind: str) -> str:
    return pdf_text(issue_letter(store, key, kind, Settings(), today=TODAY).rendered.pdf)


@pytest.mark.parametrize("jurisdiction", ["US-NV", "US-VA", "US-CO"])
def test_an_opt_out_outside_california_is_of_the_sale_alone(store: Store, jurisdiction: str) -> None:
    key = _open(store, jurisdiction, ["opt_out_sale_share"])
    acknowledgement = _letter(store, key, "acknowledgement")
    assert "an opt-out of the sale of your personal information" in acknowledgement
    verify_all_steps(store, key)
    confirmation = _letter(store, key, "opt_out_confirmation")
    assert "you are opted out of: • the sale of your personal information" in confirmation
    assert "sale and sharing of your personal information" not in acknowledgement + confirmation


def test_a_california_opt_out_is_of_the_sale_and_sharing(store: Store) -> None:
    key = _open(store, "US-CA", ["opt_out_sale_share"])
    text = _letter(store, key, "opt_out_confirmation")
    assert "you are opted out of: • the sale and sharing of your personal information" in text


@pytest.mark.parametrize("jurisdiction", ["US-VA", "US-CO", "EU", "UK"])
def test_access_outside_california_is_to_the_personal_information_not_to_specific_pieces(
    store: Store, jurisdiction: str
) -> None:
    key = _open(store, jurisdiction, ["access"])
    text = _letter(store, key, "acknowledgement")
    assert "• access to the personal information we hold about you" in text
    assert "specific pieces" not in text


def test_the_copy_of_a_gdpr_requesters_data_is_not_called_specific_pieces(store: Store) -> None:
    key = _open(store, "EU", ["access"])
    text = _letter(store, key, "specific_pieces")
    assert "we enclose a copy of the personal information we hold about you" in text
    assert "specific pieces" not in text


def test_california_access_keeps_the_ccpa_specific_pieces(store: Store) -> None:
    key = _open(store, "US-CA", ["access"])
    assert "• access to the specific pieces of personal information we hold about you" in _letter(
        store, key, "acknowledgement"
    )


def _other_rights(text: str) -> str:
    start = text.index("Your other rights")
    return text[start : text.index("To use any of them", start)]


def test_access_response_lists_the_other_rights_of_the_requesters_law_not_the_ones_asked(store: Store) -> None:
    key = _open(store, "US-VA", ["access", "delete"])
    verify_all_steps(store, key)
    text = _letter(store, key, "access_response")
    listed = _other_rights(text)
    law = rules.load_rulebook().get("US-VA")
    for right in ("correct", "portability", "opt_out_targeted_ads", "opt_out_sale_share", "appeal"):
        assert law.grants(right) and wording(right, "US-VA").right in listed
    assert "deleted" not in listed and "specific pieces" not in listed
    assert "Under the Virginia Consumer Data Protection Act, you also have the right:" in text
    assert "We answer your request for deletion of your personal information separately." in text
    assert "You may opt out of the sale of your personal information at any time by writing to" in text


def test_gdpr_access_response_names_the_complaint_and_offers_no_opt_out_the_law_does_not_give(store: Store) -> None:
    key = _open(store, "EU", ["access"])
    text = _letter(store, key, "access_response")
    listed = _other_rights(text)
    assert "to object to the processing of your personal information" in listed
    assert "to lodge a complaint with a data protection supervisory authority" in listed
    assert "specific pieces" not in text and "You may opt out" not in text
    assert not rules.load_rulebook().get("EU").grants("opt_out_sale_share")


def test_california_access_response_lists_a_right_once_when_two_request_types_share_its_wording(
    store: Store,
) -> None:
    key = _open(store, "US-CA", ["access_categories", "correct"])
    verify_all_steps(store, key)
    listed = _other_rights(_letter(store, key, "access_response"))
    assert listed.count("to opt out of the sale and sharing of your personal information") == 1
    assert "corrected" not in listed and "to know the categories" not in listed
    assert "to receive the specific pieces of personal information we hold about you" in listed


@pytest.mark.parametrize("jurisdiction", ["US-CA", "US-CO", "US-VA", "EU", "UK"])
def test_deletion_confirmation_says_the_law_requires_keeping_the_record_only_where_it_does(
    store: Store, jurisdiction: str
) -> None:
    key = _open(store, jurisdiction, ["delete"])
    verify_all_steps(store, key)
    text = _letter(store, key, "deletion_confirmation")
    retention = rules.load_rulebook().get(jurisdiction).record_retention
    kept = f"We also keep a record of your request and of our response for {retention.months} months"
    if retention.statutory:
        assert f"{kept}, as the law requires ({retention.citation})." in text
    else:
        assert f"{kept}, so that we can show how we handled it." in text and "as the law requires" not in text


@pytest.mark.parametrize(
    ("tier", "advice"),
    [
        ("free", "Writing from the email address of your Engram account makes verification simpler."),
        ("unknown", "If you have an Engram account, writing from its email address makes verification simpler."),
    ],
)
def test_unable_to_verify_speaks_of_an_account_only_as_far_as_one_is_known(
    store: Store, tier: str, advice: str
) -> None:
    key = _open(store, "US-NV", ["opt_out_sale_share"], tier=tier)
    text = _letter(store, key, "unable_to_verify")
    assert advice in text
    assert "acting on personal information for someone we cannot verify could harm" in text
    assert "disclosing, correcting or deleting" not in text


@pytest.mark.parametrize(
    ("jurisdiction", "request_types", "gpc"),
    [
        ("US-CA", ["opt_out_sale_share"], "as an opt-out of the sale and sharing of your personal information"),
        ("US-NV", ["opt_out_sale_share"], "as an opt-out of the sale of your personal information"),
        ("US-CA", ["limit_sensitive"], ""),
        ("US-VA", ["opt_out_targeted_ads"], ""),
    ],
)
def test_opt_out_confirmation_mentions_the_browser_signal_only_for_the_sale_opt_out_it_stands_for(
    store: Store, jurisdiction: str, request_types: list[str], gpc: str
) -> None:
    key = _open(store, jurisdiction, request_types)
    verify_all_steps(store, key)
    text = _letter(store, key, "opt_out_confirmation")
    if gpc:
        assert f"we also honor the Global Privacy Control signal from your browser {gpc} (privacy policy §7)" in text
    else:
        assert "Global Privacy Control" not in text
