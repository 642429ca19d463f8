"""The statute files: all present, all valid, all cited; broken files are rejected precisely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules import REQUEST_TYPES, Rulebook, compute_deadlines, read_rulebook
from lumetra_desk.core.rules.review import every_rule

EXPECTED = {
    "US-CA", "US-VA", "US-CO", "US-CT", "US-UT", "US-TX", "US-OR", "US-MT", "US-IA", "US-DE", "US-NH",
    "US-NJ", "US-TN", "US-MN", "US-MD", "US-IN", "US-KY", "US-RI", "US-NE", "US-NV", "EU", "UK",
}  # fmt: skip


def test_every_jurisdiction_of_the_issue_has_a_file(book: Rulebook) -> None:
    assert set(book.jurisdictions()) == EXPECTED


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_rule_has_a_citation(book: Rulebook, code: str) -> None:
    rules = book.get(code)
    assert rules.rights, code
    for key, citation, confirmed in every_rule(rules):
        assert citation.strip(), f"{code} {key} has no citation"
        assert isinstance(confirmed, bool)
    assert set(rules.rights) <= set(REQUEST_TYPES)
    if rules.appeal.exists:
        assert rules.appeal.decision is not None
        assert rules.appeal.ag_contact_required in ("never", "on_denial", "always")
        assert "counsel to confirm" in rules.appeal.ag_contact
    assert rules.record_retention.months >= 24


def test_unknown_code_lists_the_valid_ones(book: Rulebook) -> None:
    with pytest.raises(InvalidInputError, match=r"US-CA.*UK"):
        book.get("US-XX")


def test_verification_standards_follow_ccpa_and_opt_out_rules(book: Rulebook) -> None:
    california = book.get("US-CA")
    specific = california.verification_standard("access")
    assert (specific.level, specific.data_points, specific.signed_declaration) == ("reasonably_high", 3, True)
    categories = california.verification_standard("access_categories")
    assert (categories.level, categories.data_points, categories.signed_declaration) == ("reasonable", 2, False)
    opt_out = california.verification_standard("opt_out_sale_share")
    assert opt_out.level == "none" and opt_out.confirmed
    assert specific.agent.signed_permission and specific.agent.direct_confirmation
    assert specific.agent.power_of_attorney_accepted and "7063" in specific.agent.citation
    assert not book.get("US-VA").verification_standard("access").agent_permitted
    assert book.get("US-CT").verification_standard("opt_out_sale_share").agent_permitted
    assert not book.get("US-CT").verification_standard("access").agent_permitted


def test_typed_accessors(book: Rulebook) -> None:
    iowa = book.get("US-IA")
    assert iowa.response_period("delete").period.amount == 90
    assert iowa.extension("delete") is not None
    assert iowa.acknowledgement("delete") is None
    assert book.get("US-CA").acknowledgement("opt_out_sale_share") is None
    limit = book.get("US-CT").free_request_limit("access")
    assert limit is not None and limit.per_12_months == 1
    assert book.get("US-MN").appeal.ag_contact_required == "always"
    assert book.get("US-VA").appeal.ag_contact_required == "on_denial"
    assert not book.get("US-UT").appeal.exists


def _break(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("US-VA.yaml", "    amount: 45\n", "    amount: forty-five\n", r"US-VA\.yaml: key 'defaults\.respond\.amount'"),
        (
            "US-TX.yaml",
            "unit: calendar_days",
            "unit: fortnights",
            r"US-TX\.yaml: key 'defaults\.respond\.unit'.*one of",
        ),
        (
            "US-CO.yaml",
            '    citation: "C.R.S. §6-1-1306(2)(a)"\n',
            "",
            r"US-CO\.yaml: key 'defaults\.respond\.citation' is missing",
        ),
        ("US-UT.yaml", "  access:\n", "  acess:\n", r"US-UT\.yaml: key 'rights\.acess' is not a request type"),
        ("US-OR.yaml", "code: US-OR", "code: US-OX", r"US-OR\.yaml: key 'code' must match the file name"),
        (
            "US-IA.yaml",
            "  ag_contact_required: on_denial",
            "  ag_contact_required: sometimes",
            r"US-IA\.yaml: key 'appeal\.ag_contact_required'",
        ),
        (
            "UK.yaml",
            "    confirmed: true\n",
            "    confirmed: yes please\n",
            r"UK\.yaml: key 'defaults\.respond\.confirmed' must be true or false",
        ),
        ("US-DE.yaml", "  date: 2025-01-01", "  date: someday", r"US-DE\.yaml: key 'effective\.date' must be a date"),
        (
            "calendars.yaml",
            "  EU: weekends_only",
            "  EU: martian",
            r"calendars\.yaml: key 'assign\.EU' names an undefined calendar",
        ),
        ("US-NV.yaml", "clock: receipt", "clock: [receipt", r"US-NV\.yaml is not valid YAML at line"),
    ],
)
def test_broken_file_is_rejected_naming_file_key_and_reason(
    statute_copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _break(statute_copy, file, old, new)
    with pytest.raises(InvalidInputError, match=message):
        read_rulebook(statute_copy)


def test_extension_in_another_unit_is_rejected(statute_copy: Path) -> None:
    _break(statute_copy, "US-NV.yaml", "    amount: 30\n    unit: calendar_days", "    amount: 1\n    unit: months")
    with pytest.raises(InvalidInputError, match=r"defaults\.extension\.unit' must use the same unit"):
        read_rulebook(statute_copy)


def test_a_copy_of_the_bundled_files_loads(statute_copy: Path, book: Rulebook) -> None:
    assert read_rulebook(statute_copy).jurisdictions() == book.jurisdictions()


def test_california_can_opt_into_state_holidays(statute_copy: Path) -> None:
    """Counsel may switch US-CA to California state holidays (statutes.md §1, vector CA-02)."""
    federal = compute_deadlines(
        "US-CA", "opt_out_sale_share", dt.date(2026, 11, 20), rulebook=read_rulebook(statute_copy)
    )
    _break(statute_copy, "calendars.yaml", "  US-CA: us_federal", "  US-CA: us_california")
    state = compute_deadlines(
        "US-CA", "opt_out_sale_share", dt.date(2026, 11, 20), rulebook=read_rulebook(statute_copy)
    )
    # The day after Thanksgiving (2026-11-27) is a California state holiday but not a federal one.
    assert (federal.deadlines[0].due, state.deadlines[0].due) == (dt.date(2026, 12, 14), dt.date(2026, 12, 15))
