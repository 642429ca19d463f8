"""Issuing letters from real cases in an encrypted store: statute-engine dates, versions, audit, verification."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from letter_facts import VA_AG_CONTACT, open_letter_case, pdf_text, verify_all_steps
from sqlmodel import col, select

from lumetra_desk.core import rules
from lumetra_desk.core.cases import verification, workflow
from lumetra_desk.core.cases.service import find_case, find_or_create_requester, open_case, take_extension
from lumetra_desk.core.errors import InvalidInputError, NotFoundError
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter, send_letter
from lumetra_desk.core.letters.templates import long_date
from lumetra_desk.core.letters.wording import wording
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import Settings, load_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Letter

RECEIVED = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def _open(store: Store, jurisdiction: str, request_types: list[str], tier: str = "free") -> str:
    return open_letter_case(
        store,
        jurisdiction,
        request_types,
        tier=tier,
        email="wang.fang@example.org",
        name="王芳 Zoë Дмитрий",
        received=RECEIVED,
        address="12 Rue de la Paix\n75002 Paris",
    )


def test_acknowledgement_states_the_engine_deadline(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    issued = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    expected = rules.compute_deadlines("US-VA", "access_categories", RECEIVED.date(), []).get("respond")
    assert expected is not None
    text = pdf_text(issued.rendered.pdf)
    assert f"we will respond by {long_date(expected.due)}" in text
    assert key in text and "王芳 Zoë Дмитрий" in text and "75002 Paris" in text
    assert "Virginia Consumer Data Protection Act" in text


def test_reissue_is_a_new_version_and_both_are_audited(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    first = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    second = issue_letter(store, key, "acknowledgement", Settings(), today=date(2026, 11, 28))
    assert (first.version, second.version) == (1, 2)
    with store.read() as session:
        letters = session.exec(select(Letter).order_by(col(Letter.version))).all()
        assert [letter.version for letter in letters] == [1, 2]
        assert letters[0].pdf == first.rendered.pdf and letters[0].sha256 == first.rendered.sha256
        assert json.loads(letters[1].snapshot)["data"]["letter_date"] == "2026-11-28"
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "letter.issued")).all()
        assert [json.loads(event.after)["version"] for event in events] == [1, 2]


def test_denial_carries_the_state_appeal_path_from_the_engine(store: Store) -> None:
    key = _open(store, "US-VA", ["delete"])
    extras = LetterExtras(denial_reasons=("We could not find an account.",), statutory_basis="Va. Code §59.1-577")
    text = pdf_text(issue_letter(store, key, "denial", Settings(), extras, today=TODAY).rendered.pdf)
    appeal = rules.load_rulebook().get("US-VA").appeal
    assert appeal.decision is not None
    assert f"({appeal.decision.citation}), you may appeal" in text
    assert f"within {appeal.decision.period.describe()} of receiving it" in text


def test_appeal_decision_gives_the_counsel_verified_ag_contact_never_the_placeholder(store: Store) -> None:
    key = _open(store, "US-VA", ["appeal"])
    extras = LetterExtras(appeal_outcome="upheld", appeal_reasons=("The original answer was complete.",))
    placeholder = rules.load_rulebook().get("US-VA").appeal.ag_contact
    assert "counsel to confirm" in placeholder
    with pytest.raises(InvalidInputError, match=r"Attorney General complaint contact as counsel confirmed it"):
        issue_letter(store, key, "appeal_decision", Settings(), extras, today=TODAY)

    settings = Settings(ag_contacts={"US-VA": VA_AG_CONTACT})
    text = pdf_text(issue_letter(store, key, "appeal_decision", settings, extras, today=TODAY).rendered.pdf)
    assert VA_AG_CONTACT in text and placeholder not in text and "counsel to confirm" not in text
    assert f"We received your appeal on {long_date(RECEIVED.date())}" in text

    given = dataclasses.replace(extras, ag_contact="Virginia AG, Consumer Protection Section (by letter)")
    text = pdf_text(issue_letter(store, key, "appeal_decision", settings, given, today=TODAY).rendered.pdf)
    assert "Virginia AG, Consumer Protection Section (by letter)" in text and VA_AG_CONTACT not in text


def test_reversed_appeal_needs_no_ag_contact_where_only_denials_need_it(store: Store) -> None:
    key = _open(store, "US-VA", ["appeal"])
    extras = LetterExtras(appeal_outcome="reversed", appeal_reasons=("The request was not repetitive.",))
    text = pdf_text(issue_letter(store, key, "appeal_decision", Settings(), extras, today=TODAY).rendered.pdf)
    assert "reversed our original decision" in text and "Attorney General" not in text


@pytest.mark.parametrize(
    ("jurisdiction", "authority", "citation"),
    [
        ("EU", "a data protection supervisory authority, in particular in the Member State", "(GDPR Art. 12(4))"),
        ("UK", "the Information Commissioner's Office (ICO)", "(UK GDPR Art. 12(4))"),
    ],
)
def test_gdpr_refusal_names_the_complaint_and_judicial_remedy(
    store: Store, jurisdiction: str, authority: str, citation: str
) -> None:
    key = _open(store, jurisdiction, ["access"])
    extras = LetterExtras(denial_reasons=("The request is manifestly excessive.",), statutory_basis="Art. 12(5)")
    text = pdf_text(issue_letter(store, key, "denial", Settings(), extras, today=TODAY).rendered.pdf)
    assert f"the right to lodge a complaint with {authority}" in text
    assert "the right to seek a judicial remedy before the courts" in text and citation in text
    assert "How to appeal" not in text


def test_missing_officer_fact_and_unknown_case_are_plain_errors(store: Store) -> None:
    key = _open(store, "US-VA", ["delete"])
    with pytest.raises(InvalidInputError, match="statutory basis"):
        issue_letter(store, key, "denial", Settings(), LetterExtras(denial_reasons=("x",)), today=TODAY)
    with pytest.raises(NotFoundError, match="no case"):
        issue_letter(store, "LD-2026-999999", "acknowledgement", Settings(), today=TODAY)


def test_disclosing_letters_wait_for_verification(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories", "delete", "correct"])
    for kind in ("access_response", "specific_pieces", "deletion_confirmation", "correction_response"):
        with pytest.raises(InvalidInputError, match="waits until the requester's identity is verified"):
            issue_letter(store, key, kind, Settings(), today=TODAY)
    verify_all_steps(store, key)
    with pytest.raises(InvalidInputError, match="an unable-to-verify letter would be wrong"):
        issue_letter(store, key, "unable_to_verify", Settings(), today=TODAY)
    text = pdf_text(issue_letter(store, key, "access_response", Settings(), today=TODAY).rendered.pdf)
    assert "Having verified your request" in text
    with store.read() as session:
        assert not session.exec(select(Letter).where(Letter.kind != "access_response")).all()


def test_california_access_response_falls_back_to_categories_when_only_they_were_verified(store: Store) -> None:
    key = _open(store, "US-CA", ["access"], tier="unknown")  # no account: data points, not the account's sign-in
    with store.write() as session:
        case = find_case(session, key)
        steps = verification.create_plan(session, case, actor="test")
        data_points = [step.code for step in steps if step.code.startswith("data_point_")]
        for code in data_points[:2]:  # the categories standard: two data points (11 CCR §7062)
            verification.record_step(session, case, code, True, actor="test", evidence_note="matched")
        verification.record_step(session, case, data_points[2], False, actor="test", evidence_note="no match")
    issued = issue_letter(store, key, "access_response", Settings(), today=TODAY)
    assert "Categories of personal information" in pdf_text(issued.rendered.pdf)
    with pytest.raises(InvalidInputError, match="waits until the requester's identity is verified"):
        issue_letter(store, key, "specific_pieces", Settings(), today=TODAY)


def test_sending_without_smtp_settings_is_a_plain_error(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    issued = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    with pytest.raises(InvalidInputError, match="No SMTP server is set up"):
        send_letter(store, issued.letter_id, Settings())


def _due(jurisdiction: str, request_type: str, event: str) -> date:
    deadline = rules.compute_deadlines(jurisdiction, request_type, RECEIVED.date(), []).get(event)
    assert deadline is not None
    return deadline.due


def test_extension_notice_on_a_mixed_california_case_extends_only_what_the_law_allows(store: Store) -> None:
    key = _open(store, "US-CA", ["delete", "limit_sensitive"])
    delete, extended = _due("US-CA", "delete", "respond"), _due("US-CA", "delete", "respond_extended")
    limit = _due("US-CA", "limit_sensitive", "respond")  # 15 business days, no extension (11 CCR §7027)
    early = date(2026, 11, 10)
    assert early < limit < TODAY < delete
    reason = LetterExtras(extension_reason="Your records are held in three systems.")

    text = pdf_text(issue_letter(store, key, "extension_notice", Settings(), reason, today=early).rendered.pdf)
    deletion = "your request for deletion of your personal information"
    assert f"Our response to {deletion} is due by {long_date(delete)}" in text
    assert f"We will respond to {deletion} by {long_date(extended)}" in text
    law = "Under the California Consumer Privacy Act (as amended by the CPRA) and CCPA Regulations, we may extend"
    assert f"{law} the time to respond once (Civ. Code §1798.130(a)(2)(A); 11 CCR §7021(b))" in text
    limiting = "your request for a limit on the use of your sensitive personal information (11 CCR §7027)"
    assert f"The law allows no extension of the time to answer {limiting}, so this extension does not apply" in text
    assert f"we will answer it by {long_date(limit)}" in text

    # Once the limit request's own date is past, the deletion can still be extended, as the case service allows.
    text = pdf_text(issue_letter(store, key, "extension_notice", Settings(), reason, today=TODAY).rendered.pdf)
    assert f"We will respond to {deletion} by {long_date(extended)}" in text
    assert f"its answer was due by {long_date(limit)}, and we will send it without further delay" in text
    with store.write() as session:
        case = find_case(session, key)
        take_extension(session, case, TODAY, "Your records are held in three systems.")
        assert case.due_date == limit  # the right that cannot be extended keeps its date, as the letter says


def test_extension_notice_is_refused_when_no_right_of_the_case_can_be_extended(store: Store) -> None:
    key = _open(store, "US-CA", ["limit_sensitive", "opt_out_sale_share"])
    extras = LetterExtras(extension_reason="many records")
    with pytest.raises(InvalidInputError, match=r"Nothing in case LD-\d{4}-\d{6} can be extended: the law allows no"):
        issue_letter(store, key, "extension_notice", Settings(), extras, today=date(2026, 11, 5))
    with store.read() as session:
        assert not session.exec(select(Letter)).all()


def test_default_signature_names_the_role_once_above_the_company(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    text = pdf_text(issue_letter(store, key, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    assert "Sincerely, Privacy Officer Lumetra LLC privacy@lumetra.io" in text
    assert text.count("Privacy Officer") == 1
    settings = Settings.model_validate({"company": {"signatory_name": "Dana Whitfield",
                                                    "signatory_title": "Privacy Officer, Lumetra LLC"}})  # fmt: skip
    text = pdf_text(issue_letter(store, key, "acknowledgement", settings, today=TODAY).rendered.pdf)
    assert "Sincerely, Dana Whitfield Privacy Officer, Lumetra LLC privacy@lumetra.io" in text


def test_verification_request_asks_for_the_proof_by_our_date_before_the_rights_it_holds_up_are_due(
    store: Store,
) -> None:
    # the limit request needs no verification; without a known account the requester sends details to match
    key = _open(store, "US-CA", ["delete", "limit_sensitive"], tier="unknown")
    delete = _due("US-CA", "delete", "respond")
    issued = issue_letter(store, key, "verification_request", Settings(), today=date(2026, 11, 5))
    text = pdf_text(issued.rendered.pdf)
    reply_by = delete - timedelta(days=10)
    assert f"Please reply to this email by {long_date(reply_by)}. That date is ours, not one set by law" in text
    assert f"still answer your request by {long_date(delete)}, when our response is due" in text
    assert long_date(_due("US-CA", "limit_sensitive", "respond")) not in text
    assert "(deletion of your personal information), we must make sure that it comes from you" in text
    limiting = "a limit on the use of your sensitive personal information"
    assert f"Your request for {limiting} needs no verification: we are acting on it without waiting" in text
    assert issued.rendered.snapshot["data"]["verify_by"] == reply_by.isoformat()

    settings = Settings.model_validate({"letters": {"verification_reply_days_before_due": 20}})
    text = pdf_text(issue_letter(store, key, "verification_request", settings, today=date(2026, 11, 5)).rendered.pdf)
    assert f"Please reply to this email by {long_date(delete - timedelta(days=20))}." in text

    late = delete - timedelta(days=3)  # fewer days left than checking the proof takes: no date of ours
    text = pdf_text(issue_letter(store, key, "verification_request", Settings(), today=late).rendered.pdf)
    assert f"Please reply to this email as soon as you can: our response is due by {long_date(delete)}." in text
    assert "That date is ours" not in text


def test_after_an_extension_the_verification_request_counts_back_from_the_extended_date(store: Store) -> None:
    key = _open(store, "US-CA", ["delete"], tier="unknown")
    extras = LetterExtras(extension_reason="Your records are held in three systems.")
    issue_letter(store, key, "extension_notice", Settings(), extras, today=TODAY)
    with store.write() as session:
        take_extension(session, find_case(session, key), TODAY, extras.extension_reason)
    extended = _due("US-CA", "delete", "respond_extended")
    text = pdf_text(issue_letter(store, key, "verification_request", Settings(), today=TODAY).rendered.pdf)
    assert f"Please reply to this email by {long_date(extended - timedelta(days=10))}." in text
    assert f"still answer your request by {long_date(extended)}" in text


def test_an_acknowledgement_issued_again_after_the_extension_gives_the_dates_that_now_hold(store: Store) -> None:
    key = _open(store, "US-CA", ["delete", "opt_out_sale_share"])
    extras = LetterExtras(extension_reason="Your records are held in three systems.")
    issue_letter(store, key, "extension_notice", Settings(), extras, today=TODAY)
    with store.write() as session:
        take_extension(session, find_case(session, key), TODAY, extras.extension_reason)
    text = pdf_text(issue_letter(store, key, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    assert long_date(_due("US-CA", "delete", "respond_extended")) in text
    assert long_date(_due("US-CA", "opt_out_sale_share", "respond")) in text
    assert long_date(_due("US-CA", "delete", "respond")) not in text and "If we need more time" not in text


def test_a_reply_period_the_settings_cannot_hold_is_a_plain_error(app_paths: AppPaths) -> None:
    app_paths.ensure()
    app_paths.settings_file.write_text('{"letters": {"verification_reply_days_before_due": -1}}')
    with pytest.raises(InvalidInputError, match=r"(?s)cannot be read: .*verification_reply_days_before_due"):
        load_settings(app_paths)


def _decide_data_points(store: Store, key: str, passed: int) -> None:
    """Record the data-point steps of the plan: the first ``passed`` match, the rest do not."""
    with store.write() as session:
        case = find_case(session, key)
        steps = verification.create_plan(session, case, actor="test")
        for number, code in enumerate(s.code for s in steps if s.code.startswith("data_point_")):
            ok = number < passed
            verification.record_step(session, case, code, ok, actor="test", evidence_note="matched" if ok else "no")


def test_california_unable_to_verify_treats_specific_pieces_as_categories_as_the_engine_says(store: Store) -> None:
    rule = rules.load_rulebook().get("US-CA").verification_standard("access").if_unverified
    assert rule is not None and rule.treat_as == "access_categories"
    pieces = "access to the specific pieces of personal information we hold about you"
    categories = "access to the categories of personal information we hold about you"
    treated = f"As California law requires ({rule.citation}), we treat your request for {pieces}, which we could not"
    treated += f" verify, as a request for {categories}."

    key = _open(store, "US-CA", ["access"], tier="unknown")  # no account: data points, not the account's sign-in
    _decide_data_points(store, key, passed=2)  # the categories standard met (two data points), not the third
    text = pdf_text(issue_letter(store, key, "unable_to_verify", Settings(), today=TODAY).rendered.pdf)
    assert treated in text and "What you gave us verifies that request, so we will answer it in a separate" in text
    assert "we cannot act on it as you asked" in text

    other = _open(store, "US-CA", ["access"])
    _decide_data_points(store, other, passed=0)  # nothing the requester gave matched
    text = pdf_text(issue_letter(store, other, "unable_to_verify", Settings(), today=TODAY).rendered.pdf)
    assert treated in text and "We could not verify your identity to the standard that request needs either" in text


@pytest.mark.parametrize(("jurisdiction", "types"), [("US-CA", ["delete"]), ("US-VA", ["access"])])
def test_unable_to_verify_says_nothing_of_categories_where_the_law_does_not(
    store: Store, jurisdiction: str, types: list[str]
) -> None:
    key = _open(store, jurisdiction, types)
    _decide_data_points(store, key, passed=0)
    text = pdf_text(issue_letter(store, key, "unable_to_verify", Settings(), today=TODAY).rendered.pdf)
    assert "We were unable to verify" in text and "as a request for" not in text


def test_acknowledgement_on_a_mixed_california_case_gives_each_right_its_own_date(store: Store) -> None:
    key = _open(store, "US-CA", ["access", "opt_out_sale_share"])
    access, opt_out = _due("US-CA", "access", "respond"), _due("US-CA", "opt_out_sale_share", "respond")
    assert opt_out < access  # 15 business days against 45 calendar days
    issued = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    text = pdf_text(issued.rendered.pdf)
    law = "California Consumer Privacy Act (as amended by the CPRA) and CCPA Regulations"
    assert f"Under the {law}, each part of your request has its own response date" in text
    assert long_date(access) in text and long_date(opt_out) in text
    assert "needed first, as described above" in text and "not needed: we act on it without waiting" in text
    opting_out = "an opt-out of the sale and sharing of your personal information"
    assert f"Your request for {opting_out} needs no verification: we act on it without waiting." in text
    specific = "access to the specific pieces of personal information we hold about you"
    assert f"If we need more time to answer your request for {specific}, we will tell you before it is due" in text
    assert f"we will respond by {long_date(opt_out)}" not in text  # the opt-out's date is not the whole case's
    rights = {right["request"]: right for right in issued.rendered.snapshot["data"]["rights_due"]}
    assert (rights[specific]["respond_by"], rights[specific]["needs_verification"]) == (access.isoformat(), True)
    assert (rights[opting_out]["respond_by"], rights[opting_out]["needs_verification"]) == (opt_out.isoformat(), False)

    only_opt_out = _open(store, "US-CA", ["opt_out_sale_share"])
    text = pdf_text(issue_letter(store, only_opt_out, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    assert f"Under the {law}, we will respond by {long_date(opt_out)}." in text
    assert "If we need more time" not in text  # the law allows an opt-out no extension


@pytest.mark.parametrize("code", rules.load_rulebook().jurisdictions())
def test_every_law_name_reads_as_the_object_of_under_never_as_a_subject(store: Store, code: str) -> None:
    """Law names are singular ("... Act") and plural ("... Act and CCPA Regulations", "UK GDPR and the Data
    Protection Act 2018"), so no sentence makes one the subject of a verb: each follows "under the" (or
    "enforces the") and ends a clause."""
    law = rules.load_rulebook().get(code)
    key = _open(store, code, ["delete"])
    verify_all_steps(store, key)
    extras = LetterExtras(
        extension_reason="Three systems hold your records.",
        denial_reasons=("A legal hold applies.",),
        statutory_basis="A statutory exception.",
        appeal_outcome="upheld",
        appeal_reasons=("The exception still applies.",),
        ag_contact="the Attorney General's online complaint form",
    )
    kinds = ["acknowledgement", "deletion_confirmation", "access_response", "denial"]
    if law.extension("delete") is not None:
        kinds.append("extension_notice")
    texts = [pdf_text(issue_letter(store, key, kind, Settings(), extras, today=TODAY).rendered.pdf) for kind in kinds]
    if law.appeal.exists:
        with store.write() as session:
            requester = find_or_create_requester(session, "wang.fang@example.org")
            appeal = open_case(
                session, requester=requester, request_types=["appeal"], received_at=RECEIVED, jurisdiction=code
            ).key
        appeal_kinds = ["appeal_decision", *(["extension_notice"] if law.appeal.extension else [])]
        texts += [pdf_text(issue_letter(store, appeal, kind, Settings(), extras, today=TODAY).rendered.pdf)
                  for kind in appeal_kinds]  # fmt: skip
    name = re.escape(law.law_name)
    assert re.search(name, texts[0]), f"{code}: the acknowledgement does not name the law"
    for text in texts:
        for use in re.finditer(name, text):
            before, after = text[: use.start()], text[use.end() :]
            assert re.search(r"(?:[Uu]nder|enforces) the $", before), f"{code}: …{before[-40:]}[law]"
            assert re.match(r"(?:, |: | \(|\.)", after), f"{code}: [law]{after[:40]}…"


def test_verification_letters_follow_the_plan_for_an_account_holder_and_for_a_requester_without_one(
    store: Store,
) -> None:
    """The letters ask for what the plan needs, in the requester's words: a California account holder signs in
    again (11 CCR §7061(a)) and signs no declaration; a requester whose account is not known gives three details
    and the declaration (§7062), matched with what Lumetra holds, not with an account."""
    holder = _open(store, "US-CA", ["access"], tier="paid")
    text = pdf_text(issue_letter(store, holder, "verification_request", Settings(), today=TODAY).rendered.pdf)
    assert "we will ask you for a fresh sign-in to your Engram account; you need not send us anything now" in text
    assert "Declaration" not in text and "Data point" not in text and "The requester" not in text
    text = pdf_text(issue_letter(store, holder, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    assert "we will ask you to sign in to it again" in text and "pieces of information" not in text

    unknown = _open(store, "US-CA", ["access"], tier="unknown")
    with store.write() as session:
        verification.create_plan(session, find_case(session, unknown), actor="test")  # steps written: same words
    text = pdf_text(issue_letter(store, unknown, "verification_request", Settings(), today=TODAY).rendered.pdf)
    assert "the email address you use with Engram" in text and "signed by you" in text and "Declaration" in text
    assert "Data point" not in text and "sign in" not in text
    text = pdf_text(issue_letter(store, unknown, "acknowledgement", Settings(), today=TODAY).rendered.pdf)
    assert "We will match 3 pieces of information you give us with the information we hold about you" in text


def test_a_partial_denial_refuses_only_the_right_the_officer_names(store: Store) -> None:
    key = _open(store, "US-VA", ["delete", "access"])
    verify_all_steps(store, key)
    extras = LetterExtras(
        denial_reasons=("A legal hold applies to the records.",),
        statutory_basis="Va. Code §59.1-582",
        denied_rights=("delete",),
    )
    issued = issue_letter(store, key, "denial", Settings(), extras, today=TODAY)
    text = pdf_text(issued.rendered.pdf)
    deletion, access = wording("delete", "US-VA").request, wording("access", "US-VA").request
    respond_by = rules.compute_deadlines("US-VA", "access", RECEIVED.date(), []).get("respond")
    assert respond_by is not None
    assert f"We are unable to comply with your request for {deletion}, for the reasons below." in text
    assert "We are unable to comply with it" not in text
    handled = f"Your request for {access} is still being handled"
    assert f"{handled}: we will answer it separately by {long_date(respond_by.due)}." in text
    data = issued.rendered.snapshot["data"]
    assert data["refused_requests"] == [deletion]
    assert data["not_refused"] == [{"request": access, "outcome": "", "answer_by": respond_by.due.isoformat()}]

    whole = dataclasses.replace(extras, denied_rights=("delete", "access"))
    text = pdf_text(issue_letter(store, key, "denial", Settings(), whole, today=TODAY).rendered.pdf)
    assert "We are unable to comply with it, for the reasons below." in text and "refuses nothing else" not in text


def test_a_denied_right_must_be_one_of_the_case_and_only_a_denial_names_one(store: Store) -> None:
    key = _open(store, "US-VA", ["delete", "access"])
    verify_all_steps(store, key)
    extras = LetterExtras(denial_reasons=("x",), statutory_basis="y", denied_rights=("correct",))
    with pytest.raises(
        InvalidInputError, match=rf"Case {key} has no request for correct; its rights are delete, access"
    ):
        issue_letter(store, key, "denial", Settings(), extras, today=TODAY)
    with pytest.raises(InvalidInputError, match="Only a denial names the rights it refuses"):
        issue_letter(store, key, "acknowledgement", Settings(), LetterExtras(denied_rights=("delete",)), today=TODAY)
    with store.read() as session:
        assert session.exec(select(Letter)).all() == []


def test_after_the_answer_the_denial_refuses_the_rights_recorded_as_denied(store: Store) -> None:
    key = _open(store, "EU", ["access", "delete"])
    verify_all_steps(store, key)
    with store.write() as session:
        case = find_case(session, key)
        workflow.respond(
            session,
            case,
            "complied",
            reason="copy sent; erasure refused",
            type_outcomes={"delete": ("denied", "manifestly_unfounded_or_excessive")},
            purge_id_documents=True,
        )
    extras = LetterExtras(denial_reasons=("The request is manifestly excessive.",), statutory_basis="GDPR Art. 12(5)")
    text = pdf_text(issue_letter(store, key, "denial", Settings(), extras, today=TODAY).rendered.pdf)
    erasure, access = wording("delete", "EU").request, wording("access", "EU").request
    assert f"We are unable to comply with your request for {erasure}, for the reasons below." in text
    assert f"Your request for {access} has been answered: we have complied with it." in text
    refusing_the_answered = dataclasses.replace(extras, denied_rights=("access",))
    with pytest.raises(InvalidInputError, match=rf"Case {key} was answered with access as complied"):
        issue_letter(store, key, "denial", Settings(), refusing_the_answered, today=TODAY)
