"""Verification plans for each family of laws, agents, and the steps' evidence."""

from __future__ import annotations

import pytest
from case_helpers import make_case

from lumetra_desk.core.cases import service, verification, workflow
from lumetra_desk.core.cases.verification import plan_for
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store.db import Store


def _codes(plan: verification.VerificationPlan) -> list[str]:
    return [step.code for step in plan.steps]


def test_ccpa_categories_two_points_specific_pieces_three_and_a_declaration_opt_outs_none() -> None:
    categories = plan_for("US-CA", ["access_categories"], has_account=False)
    assert (categories.level, _codes(categories)) == ("reasonable", ["data_point_1", "data_point_2"])
    pieces = plan_for("US-CA", ["access"], has_account=False)
    assert _codes(pieces) == ["data_point_1", "data_point_2", "data_point_3", "signed_declaration"]
    assert "§7024(a)" in " ".join(pieces.notes) and "records Lumetra holds" in pieces.steps[0].description
    opt_out = plan_for("US-CA", ["opt_out_sale_share"], has_account=True)
    assert (opt_out.level, opt_out.steps, opt_out.needed) == ("none", (), False)
    assert "§7060(b)" in opt_out.notes[0]


def test_ccpa_mixed_rights_take_the_strictest_standard() -> None:
    plan = plan_for("US-CA", ["opt_out_sale_share", "access"], has_account=False)
    assert _codes(plan)[-1] == "signed_declaration"


@pytest.mark.parametrize("request_type", ["access", "access_categories", "portability", "delete", "correct"])
def test_a_california_account_holder_signs_in_again_instead_of_matching_data_points(request_type: str) -> None:
    plan = plan_for("US-CA", [request_type], has_account=True)
    assert _codes(plan) == ["account_reauthentication"] and plan.needed
    assert plan.citation == "11 CCR §7061(a)" and plan.steps[0].citation == "11 CCR §7061(a)"
    assert "just before their data is disclosed, deleted or corrected" in plan.steps[0].description
    assert any("instead of matching data points" in note for note in plan.notes)
    assert plan.confirmed  # it rests on §7061(a) alone, read in primary text; §7062's standards are [S]
    assert not plan_for("US-CA", [request_type], has_account=False).confirmed


def test_the_account_rule_is_data_with_its_citation_and_confirmed_flag() -> None:
    from lumetra_desk.core import rules

    book = rules.load_rulebook()
    california = book.get("US-CA").account_holders
    assert (california.method, california.citation, california.confirmed) == ("reauthenticate", "11 CCR §7061(a)", True)
    assert set(california.before) == {"access", "access_categories", "portability", "delete", "correct"}
    for law in book.all():
        if law.code != "US-CA":  # the reference gives no account rule elsewhere, and the data says so
            holders = law.account_holders
            assert holders.method == "unstated" and not holders.confirmed and "statutes.md §" in holders.citation


def test_a_requester_whose_account_is_unknown_meets_the_standard_for_non_account_holders() -> None:
    plan = plan_for("US-CA", ["access"], has_account=None)
    assert _codes(plan) == ["data_point_1", "data_point_2", "data_point_3", "signed_declaration"]
    assert "records Lumetra holds" in plan.steps[0].description
    unknown = next(note for note in plan.notes if "not recorded" in note)
    assert "11 CCR §7062" in unknown and "11 CCR §7061(a)" in unknown and "cases account" in unknown
    assert not any("not recorded" in note for note in plan_for("US-CA", ["access"], has_account=False).notes)


def test_an_account_holder_elsewhere_meets_the_same_standard_and_the_plan_says_why() -> None:
    plan = plan_for("US-VA", ["delete"], has_account=True)
    assert _codes(plan) == ["data_point_1", "data_point_2"] and "account's records" in plan.steps[0].description
    assert any(note.startswith("Account holder: The reference states no separate") for note in plan.notes)
    strictest = plan_for("unknown", ["access"], has_account=True)  # which law's account rule applies is unknown
    assert "account_reauthentication" not in _codes(strictest) and "signed_declaration" in _codes(strictest)


def test_an_agent_of_an_account_holder_still_proves_the_permission() -> None:
    plan = plan_for("US-CA", ["delete"], has_account=True, agent=True)
    assert _codes(plan) == ["account_reauthentication", "agent_permission", "consumer_confirmation"]


def test_the_specific_pieces_fallback_is_read_from_the_rules_data() -> None:
    from lumetra_desk.core import rules

    law = rules.load_rulebook().get("US-CA")
    notes = plan_for("US-CA", ["access", "portability"], has_account=False).notes
    access_rule = law.verification_standard("access").if_unverified
    assert access_rule is not None
    said = (
        "If access is not verified to its standard, answer it as a request for "
        f"{access_rule.treat_as.replace('_', ' ')} ({access_rule.citation})."
    )
    assert said in notes
    assert any(n.startswith("If portability is not verified") and "not confirmed in primary text" in n for n in notes)
    assert not any(n.startswith("If ") for n in plan_for("US-VA", ["access"], has_account=False).notes)


def test_ccpa_agent_needs_permission_and_direct_confirmation_or_a_power_of_attorney() -> None:
    agent = plan_for("US-CA", ["access_categories"], has_account=False, agent=True)
    assert _codes(agent)[-2:] == ["agent_permission", "consumer_confirmation"]
    assert "§7063" in agent.steps[-1].citation
    attorney = plan_for("US-CA", ["access_categories"], has_account=False, agent=True, power_of_attorney=True)
    assert _codes(attorney)[-1] == "power_of_attorney" and "agent_permission" not in _codes(attorney)


def test_ccpa_agent_opt_out_needs_only_the_signed_permission() -> None:
    plan = plan_for("US-CA", ["opt_out_sale_share"], has_account=True, agent=True)
    assert _codes(plan) == ["agent_permission"] and "§7026(j)" in plan.steps[0].citation


def test_virginia_style_authentication_and_no_agents() -> None:
    plan = plan_for("US-VA", ["delete"], has_account=True)
    assert (plan.level, _codes(plan)) == ("authenticated", ["data_point_1", "data_point_2"])
    agent = plan_for("US-VA", ["delete"], has_account=True, agent=True)
    assert _codes(agent)[-1] == "consumer_direct_request"
    assert plan_for("US-VA", ["opt_out_targeted_ads"], has_account=True).needed is False


def test_colorado_agents_for_opt_outs_only() -> None:
    opt_out = plan_for("US-CO", ["opt_out_sale_share"], has_account=True, agent=True)
    assert _codes(opt_out) == ["agent_permission"]
    access = plan_for("US-CO", ["access"], has_account=True, agent=True)
    assert _codes(access) == ["data_point_1", "data_point_2", "consumer_direct_request"]


@pytest.mark.parametrize("jurisdiction", ["EU", "UK"])
def test_gdpr_asks_only_with_reasonable_doubts(jurisdiction: str) -> None:
    plan = plan_for(jurisdiction, ["access"], has_account=True)
    assert plan.level == "reasonable_doubt_only" and _codes(plan) == ["identity_doubt"]
    assert not plan.needed and not plan.steps[0].required


def test_nevada_sale_opt_out_is_a_verified_request() -> None:
    plan = plan_for("US-NV", ["opt_out_sale_share"], has_account=True)
    assert (plan.level, _codes(plan)) == ("authenticated", ["data_point_1", "data_point_2"])
    assert "NRS 603A" in plan.citation


def test_unknown_jurisdiction_takes_the_strictest_law() -> None:
    plan = plan_for("unknown", ["access"], has_account=False)
    assert "signed_declaration" in _codes(plan)


def test_steps_keep_evidence_who_and_when(store: Store) -> None:
    key = make_case(store, types=("access_categories",), agent_name="Agent Co")
    with store.write() as session:
        case = service.find_case(session, key)
        steps = verification.create_plan(session, case, actor="officer")
        assert [s.code for s in steps][-2:] == ["agent_permission", "consumer_confirmation"]
        with pytest.raises(InvalidInputError, match="needs evidence"):
            verification.record_step(session, case, "data_point_1", True, actor="officer")
        with pytest.raises(InvalidInputError, match="no verification step 'selfie'"):
            verification.record_step(session, case, "selfie", True, actor="officer", evidence_note="x")
        step = verification.record_step(
            session, case, "agent_permission", True, actor="officer", evidence_file=("permission.pdf", b"%PDF")
        )
        assert step.decided_by == "officer" and step.decided_at is not None and step.evidence_attachment_id
        with pytest.raises(InvalidInputError, match="already decided"):
            verification.record_step(session, case, "agent_permission", False, actor="officer", evidence_note="x")
        assert verification.verification_state(session, case) == "pending"
        with pytest.raises(InvalidInputError, match="has started"):
            verification.create_plan(session, case, actor="officer")


def test_why_the_account_cannot_be_recorded_is_said_in_record_accounts_own_words(store: Store) -> None:
    """The case view disables its button with this reason; recording anyway is refused with the same sentence."""
    pieces, opt_out = make_case(store, types=("access",)), make_case(store, types=("opt_out_sale_share",))
    with store.write() as session:
        case = service.find_case(session, pieces)
        verification.create_plan(session, case, actor="officer")
        assert verification.account_refusal(session, case) is None  # a plan nobody followed yet may change
        (unknown,) = (n for n in verification.plan_for_case(session, case).notes if "not recorded" in n)
        assert "once the account is recorded" in unknown
        verification.record_step(session, case, "data_point_1", True, actor="officer", evidence_note="billing e-mail")
        started = verification.account_refusal(session, case)
        assert started is not None and "has started under its current plan" in started
        (unknown,) = (n for n in verification.plan_for_case(session, case).notes if "not recorded" in n)
        assert "once the account is recorded" not in unknown and "Record Engram account" not in unknown, unknown
        with pytest.raises(InvalidInputError) as refused:
            verification.record_account(session, case, "paid", reason="found later", actor="officer")
        assert str(refused.value) == started
        answered = service.find_case(session, opt_out)
        workflow.respond(session, answered, "complied", reason="opted out", actor="officer", purge_id_documents=True)
        not_open = verification.account_refusal(session, answered)
        assert (
            not_open
            == f"Case {opt_out} is responded; the account is recorded only while the request is being worked on."
        )
        with pytest.raises(InvalidInputError) as refused:
            verification.record_account(session, answered, "free", reason="found later", actor="officer")
        assert str(refused.value) == not_open
