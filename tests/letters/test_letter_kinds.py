"""Each letter kind, rendered to a real PDF and read back with pypdf, states the right facts."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from letter_facts import CALIFORNIA, EU, MINNESOTA, MN_AG_CONTACT, VA_AG_CONTACT, base_data, pdf_text

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.data import LetterData
from lumetra_desk.core.letters.kinds import KINDS
from lumetra_desk.core.letters.render import render_letter

EXPECTED = {
    "acknowledgement": [
        "We received your request on November 2, 2026",
        "we will respond by December 17, 2026",
        "We compare two details you give us",
        "Virginia Consumer Data Protection Act",
    ],
    "verification_request": [
        "the month you opened the account",
        "by December 10, 2026",
        "declare under penalty of perjury under the laws of Virginia",
        "the signed permission you gave Privacy Agents Inc.",
    ],
    "extension_notice": [
        "Our response is due by December 17, 2026",
        "We will respond by January 31, 2027",
        "held in three systems",
        "Va. Code §59.1-577(B)",
    ],
    "access_response": ["Identifiers", "name, email, IP address, device IDs", "payment processor", "Yes", "§18"],
    "specific_pieces": ["LD-2026-000123.json", "LD-2026-000123.csv", "18,234 bytes", "JSON", "the same, as a table"],
    "deletion_confirmation": ["up to 7 years", "rolling backup schedule", "§8", "except as set out below"],
    "correction_response": ["Display name", "Corrected", "Not corrected: we could not confirm", "How to appeal"],
    "opt_out_confirmation": ["the sale of your personal information", "As of November 27, 2026"],
    "denial": [
        "repeat of a request we answered",
        "Va. Code §59.1-577(B)(3)",
        "Under the Virginia Consumer Data Protection Act (Va. Code §59.1-577(C)), you may appeal",
        "within 60 days of receiving it",
        'with the subject "Appeal LD-2026-000123"',
    ],
    "appeal_decision": [
        "We received your appeal on December 20, 2026",
        "upheld our original decision",
        VA_AG_CONTACT,
    ],
    "unable_to_verify": ["We were unable to verify", "How to appeal", "within 60 days"],
    "processor_redirect": ["Acme Analytics GmbH", "Data Processing Addendum", "§20"],
}


def test_every_kind_has_expectations() -> None:
    assert set(EXPECTED) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_kind_states_its_facts(kind: str) -> None:
    letter = render_letter(kind, base_data())
    text = pdf_text(letter.pdf)
    for needle in [
        "LD-2026-000123",
        "November 27, 2026",
        "Page 1 of",
        "Dana Whitfield",
        KINDS[kind].title,
        *EXPECTED[kind],
    ]:
        assert needle in text, f"{kind}: {needle!r} missing"
    assert letter.snapshot["kind"] == kind
    assert letter.snapshot["data"]["case_key"] == "LD-2026-000123"
    assert letter.snapshot["data"]["received_on"] == "2026-11-02"


def test_access_response_paid_tier_says_not_sold() -> None:
    text = pdf_text(render_letter("access_response", base_data(tier="paid")).pdf)
    assert "We do not sell Paid Account personal information" in text
    assert "Sold or shared (Paid account)" in text
    assert " Yes " not in text


def test_access_response_unknown_tier_shows_both_tiers() -> None:
    text = pdf_text(render_letter("access_response", base_data(tier="unknown")).pdf)
    assert "Yes (Free accounts); No (Paid accounts)" in text


def test_access_response_offers_the_opt_out_only_to_a_requester_who_has_not_asked_for_it() -> None:
    text = pdf_text(render_letter("access_response", base_data(opt_out_scope=())).pdf)
    assert "You may opt out of the sale of your personal information at any time by writing to" in text
    asked = base_data(opt_out_scope=("the sale of your personal information",))
    text = pdf_text(render_letter("access_response", asked).pdf)
    assert "You have also asked us to stop the sale of your personal information, and we confirm" in text
    assert "You may opt out" not in text
    no_such_right = pdf_text(render_letter("access_response", base_data(opt_out_scope=(), sale_opt_out="")).pdf)
    assert "opt out" not in no_such_right.replace("Opting out", "")


def test_opt_out_paid_tier_says_we_do_not_sell() -> None:
    text = pdf_text(render_letter("opt_out_confirmation", base_data(tier="paid")).pdf)
    assert "we do not sell Paid Account personal information" in text


def test_gdpr_denial_names_supervisory_authority_and_judicial_remedy() -> None:
    text = pdf_text(render_letter("denial", base_data(jurisdiction=EU, statutory_basis="GDPR Art. 12(5)")).pdf)
    assert "lodge a complaint with the data protection authority of the Member State where you live or work" in text
    assert "judicial remedy" in text
    assert "(GDPR Art. 12(4))" in text
    assert "How to appeal" not in text


def test_california_denial_has_no_invented_appeal() -> None:
    data = base_data(jurisdiction=CALIFORNIA, statutory_basis="Cal. Civ. Code §1798.130(b)")
    text = pdf_text(render_letter("denial", data).pdf)
    assert "appeal" not in text.lower()


def test_reversed_appeal_omits_ag_contact_where_only_denials_need_it() -> None:
    text = pdf_text(render_letter("appeal_decision", base_data(appeal_outcome="reversed")).pdf)
    assert "reversed our original decision" in text
    assert VA_AG_CONTACT not in text


def test_minnesota_gives_ag_contact_on_every_appeal_decision() -> None:
    data = base_data(jurisdiction=MINNESOTA, appeal_outcome="reversed")
    text = pdf_text(render_letter("appeal_decision", data).pdf)
    assert MN_AG_CONTACT in text
    assert "Minn. Stat. §325M.14 subd. 5" in text


def test_missing_fact_is_named_in_a_plain_error() -> None:
    with pytest.raises(InvalidInputError, match=r"the reasons for the denial \(denial_reasons\)"):
        render_letter("denial", base_data(denial_reasons=()))


def test_appeal_decision_needs_the_ag_contact_when_the_law_requires_it() -> None:
    silent = dataclasses.replace(base_data().jurisdiction.appeal, ag_contact="")
    data = base_data(jurisdiction=dataclasses.replace(base_data().jurisdiction, appeal=silent))
    with pytest.raises(InvalidInputError, match="Attorney General complaint contact"):
        render_letter("appeal_decision", data)


def test_no_appeal_decision_where_the_law_has_no_appeal() -> None:
    with pytest.raises(InvalidInputError, match="California law gives no appeal"):
        render_letter("appeal_decision", base_data(jurisdiction=CALIFORNIA))


def test_extension_notice_only_within_the_initial_period() -> None:
    late = base_data(letter_date=base_data().respond_by.replace(day=18))  # type: ignore[union-attr]
    with pytest.raises(InvalidInputError, match="too late"):
        render_letter("extension_notice", late)


def _minnesota_appeal(**changes: object) -> LetterData:
    """An appeal received December 1, 2026 under Minnesota law: 45 days, extendable once by 60 (subd. 5)."""
    appeal = dataclasses.replace(
        MINNESOTA.appeal, extension_period="60 days", extension_citation="Minn. Stat. §325M.14 subd. 5"
    )
    data = base_data(
        jurisdiction=dataclasses.replace(MINNESOTA, appeal=appeal),
        is_appeal=True,
        original_case_key="LD-2026-000100",
        rights_due=(),
        appeal_received_on=date(2026, 12, 1),
        appeal_decide_by=date(2027, 1, 15),
        appeal_extended_decide_by=date(2027, 3, 16),
        extension_notice_by=date(2027, 1, 15),
        letter_date=date(2026, 12, 20),
        extension_reason="The appeal concerns records held by two teams.",
    )
    return dataclasses.replace(data, **changes)


def test_an_appeal_extension_notice_names_the_appeal_and_its_new_decision_date() -> None:
    text = pdf_text(render_letter("extension_notice", _minnesota_appeal()).pdf)
    assert "Re: We need more time to decide your appeal" in text
    assert "We received your appeal on December 1, 2026 (case LD-2026-000123) against our decision" in text
    assert "(case LD-2026-000100)" in text
    assert "Our decision on your appeal is due by January 15, 2027" in text
    assert "Under the Minnesota Consumer Data Privacy Act, we may extend the time to decide an appeal once" in text
    assert "by 60 days (Minn. Stat. §325M.14 subd. 5)" in text
    assert "within the initial 45 days, with our reasons" in text
    assert "with our reasons, by March 16, 2027" in text and "held by two teams" in text


def test_an_appeal_extension_notice_only_within_the_decision_period_and_where_the_law_allows_one() -> None:
    with pytest.raises(InvalidInputError, match=r"too late: it had to be sent by 2027-01-15, within the 45 days"):
        render_letter("extension_notice", _minnesota_appeal(letter_date=date(2027, 1, 16)))
    with pytest.raises(InvalidInputError, match=r"Virginia law allows no extension of the time to decide an appeal"):
        render_letter("extension_notice", _minnesota_appeal(jurisdiction=base_data().jurisdiction,
                                                            appeal_extended_decide_by=None))  # fmt: skip


def test_the_appeal_path_says_when_the_decision_may_be_extended_and_when_the_ag_contact_comes() -> None:
    appeal = dataclasses.replace(MINNESOTA.appeal, extension_period="60 days")
    text = pdf_text(render_letter("denial", base_data(jurisdiction=dataclasses.replace(MINNESOTA, appeal=appeal))).pdf)
    assert "within 45 days of receiving it; if we need more time, we will tell you so within that period" in text
    assert "the decision may then take up to 60 days more" in text
    assert "Our decision on your appeal will also tell you how to submit a complaint" in text  # every decision
    text = pdf_text(render_letter("denial", base_data()).pdf)  # Virginia: no extension; the contact on denial
    assert "within 60 days of receiving it." in text and "If we deny your appeal, we will also tell you" in text


def test_unknown_kind_is_a_plain_error() -> None:
    with pytest.raises(InvalidInputError, match="no letter kind 'thanks'"):
        render_letter("thanks", base_data())
