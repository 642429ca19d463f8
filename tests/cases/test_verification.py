"""Verification plans for each family of laws, agents, and the steps' evidence."""

from __future__ import annotations

import pytest
from case_helpers import make_case

from lumetra_desk.core.cases import service, verification
from lumetra_desk.core.cases.verification import plan_for
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store.db import Store


def _codes(plan: verification.VerificationPlan) -> list[str]:
    return [step.code for step in plan.steps]


def test_ccpa_categories_two_points_specific_pieces_three_and_a_declaration_opt_outs_none() -> None:
    categories = plan_for("US-CA", ["access_categories"], has_account=True)
    assert (categories.level, _codes(categories)) == ("reasonable", ["data_point_1", "data_point_2"])
    pieces = plan_for("US-CA", ["access"], has_account=False)
    assert _codes(pieces) == ["data_point_1", "data_point_2", "data_point_3", "signed_declaration"]
    assert "§7024(a)" in " ".join(pieces.notes) and "records Lumetra holds" in pieces.steps[0].description
    opt_out = plan_for("US-CA", ["opt_out_sale_share"], has_account=True)
    assert (opt_out.level, opt_out.steps, opt_out.needed) == ("none", (), False)
    assert "§7060(b)" in opt_out.notes[0]


def test_ccpa_mixed_rights_take_the_strictest_standard() -> None:
    plan = plan_for("US-CA", ["opt_out_sale_share", "access"], has_account=True)
    assert _codes(plan)[-1] == "signed_declaration"


def test_ccpa_agent_needs_permission_and_direct_confirmation_or_a_power_of_attorney() -> None:
    agent = plan_for("US-CA", ["access_categories"], has_account=True, agent=True)
    assert _codes(agent)[-2:] == ["agent_permission", "consumer_confirmation"]
    assert "§7063" in agent.steps[-1].citation
    attorney = plan_for("US-CA", ["access_categories"], has_account=True, agent=True, power_of_attorney=True)
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
