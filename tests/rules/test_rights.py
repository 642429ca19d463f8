"""Rights check against the account tiers of the Lumetra privacy policy."""

from __future__ import annotations

import pytest

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules import rights_check


def test_free_tier_opt_out_of_sale_is_complied_with() -> None:
    answer = rights_check("US-CA", "free", "opt_out_sale_share")
    assert (answer.applies, answer.answer) == (True, "comply")
    assert "7026" in answer.citation


@pytest.mark.parametrize("tier", ["paid", "enterprise"])
def test_paid_data_is_never_sold_but_the_request_still_gets_an_answer(tier: str) -> None:
    answer = rights_check("US-CA", tier, "opt_out_sale_share")
    assert (answer.applies, answer.answer) == (True, "we_do_not_sell")
    assert "Policy §6" in answer.citation and "within the deadline" in answer.explanation
    ads = rights_check("US-VA", tier, "opt_out_targeted_ads")
    assert ads.answer == "we_do_not_sell" and "§7" in ads.citation


def test_enterprise_processor_requests_are_redirected() -> None:
    answer = rights_check("EU", "enterprise", "access", lumetra_is_processor=True)
    assert (answer.applies, answer.answer) == (False, "processor_redirect")
    assert "§20" in answer.citation


def test_processor_role_only_exists_for_enterprise() -> None:
    with pytest.raises(InvalidInputError, match="Enterprise"):
        rights_check("EU", "paid", "access", lumetra_is_processor=True)


def test_rights_the_law_does_not_grant() -> None:
    utah = rights_check("US-UT", "free", "opt_out_profiling")
    assert (utah.applies, utah.answer) == (False, "not_a_right_here")
    appeal = rights_check("US-NV", "free", "appeal")
    assert appeal.answer == "not_a_right_here" and "603A" in appeal.citation
    restrict = rights_check("EU", "paid", "restrict")
    assert restrict.answer == "comply" and "Art. 18" in restrict.citation


def test_unknown_jurisdiction_is_handled_as_if_the_right_applied() -> None:
    answer = rights_check("unknown", "free", "limit_sensitive")
    assert (answer.applies, answer.answer) == (True, "comply")
    assert "US-CA" in answer.citation


@pytest.mark.parametrize(("tier", "request_type"), [("gold", "access"), ("free", "teleport")])
def test_bad_input_is_refused(tier: str, request_type: str) -> None:
    with pytest.raises(InvalidInputError):
        rights_check("US-CA", tier, request_type)


@pytest.mark.parametrize(
    ("jurisdiction", "request_type"),
    [("EU", "opt_out_sale_share"), ("UK", "opt_out_sale_share"), ("US-NV", "opt_out_targeted_ads")],
)
def test_paid_data_is_not_sold_even_where_the_law_grants_no_opt_out(jurisdiction: str, request_type: str) -> None:
    """The truthful answer is still 'we do not sell', on the law's general (courtesy) deadline."""
    answer = rights_check(jurisdiction, "paid", request_type)
    assert (answer.applies, answer.answer) == (False, "we_do_not_sell")
    assert "grants no" in answer.explanation and "within the deadline" in answer.explanation
    assert "Policy §6, §11" in answer.citation or "Policy §5" in answer.citation
    free = rights_check(jurisdiction, "free", request_type)
    assert (free.applies, free.answer) == (False, "not_a_right_here")
