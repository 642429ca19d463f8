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
    fallback = specific.if_unverified  # §7024(a), read in primary text (statutes.md §3)
    assert fallback is not None and (fallback.treat_as, fallback.citation, fallback.confirmed) == (
        "access_categories",
        "11 CCR §7024(a)",
        True,
    )
    assert categories.if_unverified is None and book.get("US-VA").verification_standard("access").if_unverified is None
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
        (
            "US-MT.yaml",
            "short_name: MCDPA\n",
            "short_name: MCDPA\nshortname: MCDPA\n",
            r"US-MT\.yaml: key 'shortname' is not a known key",
        ),
        (
            "US-TN.yaml",
            '  ag_contact: "Tennessee Attorney General, online mechanism if available or other method '
            '(placeholder, counsel to confirm)"',
            '  ag_contact: "Tennessee Attorney General"',
            r"US-TN\.yaml: key 'appeal\.ag_contact' must hold a placeholder ending with 'counsel to confirm'",
        ),
        (
            "US-UT.yaml",
            "appeal:\n  exists: false",
            "appeal:\n  exists: true\n  decision: {amount: 60, unit: calendar_days, citation: x, confirmed: false}"
            "\n  ag_contact_required: never",
            r"US-UT\.yaml: key 'rights\.appeal' must list 'appeal' exactly when appeal\.exists is true",
        ),
        (
            "EU.yaml",
            "    counted_from: initial_end",
            "    counted_from: whenever",
            r"EU\.yaml: key 'defaults\.extension\.counted_from' must be one of start, initial_end",
        ),
        ("US-NE.yaml", "    per_12_months: 2", "    per_12_months: 0", r"key 'defaults\.free_requests\.per_12_months'"),
        (
            "US-RI.yaml",
            'notes:\n  - "Appeal',
            'notes: "Appeal',
            r"US-RI\.yaml: key 'notes' must be a list of texts",
        ),
        (
            "calendars.yaml",
            "extra_dates: [2026-02-12,",
            "extra_dates: [12 February 2026,",
            r"calendars\.yaml: key 'calendars\.us_california\.extra_dates' must be a list of dates",
        ),
        (
            "US-CA.yaml",
            '        treat_as: access_categories\n        citation: "11 CCR §7024(a)"\n        confirmed: true',
            '        treat_as: opt_out_profiling\n        citation: "11 CCR §7024(a)"\n        confirmed: true',
            r"US-CA\.yaml: key 'rights\.access\.verification\.if_unverified\.treat_as' treats an unverified request "
            r"as 'opt_out_profiling', a right this law does not grant",
        ),
        (
            "US-CA.yaml",
            "        treat_as: access_categories\n",
            "        treat_as: access_categories\n        becomes: categories\n",
            r"US-CA\.yaml: key 'rights\.access\.verification\.if_unverified\.becomes' is not a known key",
        ),
        (
            "calendars.yaml",
            "    country: IE",
            "    country: XX",
            r"calendars\.yaml: key 'calendars\.eu_ireland\.country' is not a country known",
        ),
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


# statutes.md §2 and §25.4: appeal decision period, appeal extension, when the AG contact must be given.
# Rhode Island's AG-contact duty is not in the reference, so the contact goes in every decision.
APPEALS = {
    "US-VA": (60, None, "on_denial"), "US-CO": (45, 60, "always"), "US-CT": (60, None, "on_denial"),
    "US-TX": (60, None, "on_denial"), "US-OR": (45, None, "on_denial"), "US-MT": (60, None, "on_denial"),
    "US-IA": (60, None, "on_denial"), "US-DE": (60, None, "on_denial"), "US-NH": (60, None, "on_denial"),
    "US-NJ": (45, None, "on_denial"), "US-TN": (60, None, "on_denial"), "US-MN": (45, 60, "always"),
    "US-MD": (60, None, "on_denial"), "US-IN": (60, None, "on_denial"), "US-KY": (60, None, "on_denial"),
    "US-RI": (45, None, "always"), "US-NE": (60, None, "on_denial"),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_appeal_paths_follow_the_reference(book: Rulebook, code: str) -> None:
    appeal = book.get(code).appeal
    if code not in APPEALS:
        assert not appeal.exists and appeal.ag_contact_required == "never"
        return
    assert appeal.decision is not None
    extension = appeal.extension.length.amount if appeal.extension else None
    assert (appeal.decision.period.amount, extension, appeal.ag_contact_required) == APPEALS[code]


def test_rights_granted_follow_the_reference(book: Rulebook) -> None:
    iowa, utah = book.get("US-IA"), book.get("US-UT")
    assert not iowa.grants("correct") and not iowa.grants("opt_out_profiling")
    assert iowa.grants("opt_out_sale_share") and iowa.grants("opt_out_targeted_ads")
    assert not utah.grants("opt_out_profiling") and not utah.grants("appeal")
    assert set(book.get("US-NV").rights) == {"opt_out_sale_share"}
    assert not book.get("US-CA").grants("appeal") and book.get("US-CA").grants("limit_sensitive")


@pytest.mark.parametrize(
    ("code", "days", "confirmed"),
    [("US-OR", 15, True), ("US-RI", 15, False), ("US-CT", 15, False), ("US-MT", 45, True)],
)
def test_consent_revocation_clocks(book: Rulebook, code: str, days: int, confirmed: bool) -> None:
    """statutes.md §25.6: OR 15 days [P], RI 15 [S], CT 15 UNCONFIRMED, MT 45 [P]; none is extended."""
    rule = book.get(code).rules_for("withdraw_consent")
    assert (rule.respond.period.amount, rule.respond.period.unit) == (days, "calendar_days")
    assert rule.respond.confirmed is confirmed and rule.extension is None


@pytest.mark.parametrize(
    ("code", "rule", "confirmed"),
    [
        ("US-MN", "opt_out_sale_share.verification", True),  # §325M.14 subd. 4(h) [P: Deskbook p.287]
        ("US-OR", "opt_out_sale_share.verification", True),  # ORS 646A.576(5)(e) [P]
        ("US-CA", "opt_out_sale_share.verification", True),  # 11 CCR §7060(b) [P]
        ("US-CT", "opt_out_sale_share.verification", False),  # [S]
        ("US-RI", "opt_out_sale_share.verification", False),  # [S]
        ("US-CA", "opt_out_sale_share.respond", False),  # §7026(f) 15 business days [S]
        ("US-CA", "limit_sensitive.respond", False),  # §7027 [S]
        ("US-CA", "access.acknowledge", True),  # §7021(a) [P]
        ("US-VA", "access.respond", False),  # [S]
        ("US-VA", "access.free_requests", True),  # §59.1-577(B)(3) [P]
        ("US-IA", "access.respond", False),  # 90 days [S]
        ("US-TX", "access.extension", True),  # §541.052(b) [P]
        ("US-CO", "access.extension", False),  # notice clause [R]
        ("US-NV", "opt_out_sale_share.extension", True),  # NRS 603A.345(4) [P]
        ("EU", "access.respond", True),  # Art. 12(3) [P]
        ("UK", "access.extension", True),  # ICO [P]
    ],
)
def test_confirmed_flags_follow_the_reference_markers(book: Rulebook, code: str, rule: str, confirmed: bool) -> None:
    request_type, block = rule.split(".")
    value = getattr(book.get(code).rules_for(request_type), block)
    assert value is not None and value.confirmed is confirmed


@pytest.mark.parametrize(
    ("code", "appeal_confirmed"), [("US-OR", True), ("US-IA", True), ("US-MT", True), ("US-CO", False)]
)
def test_ag_contact_duty_flags_follow_the_reference(book: Rulebook, code: str, appeal_confirmed: bool) -> None:
    """OR 646A.576(6)(d), IA 715D.3(3), MT (Deskbook p.303) are [P]; Colorado's duty is from recollection."""
    assert book.get(code).appeal.confirmed is appeal_confirmed


def test_agents_are_accepted_with_proof_where_the_reference_is_silent(book: Rulebook) -> None:
    """Tennessee: no agent provision found (UNCONFIRMED) is not read as a ban on agents."""
    for code in ("US-TN", "US-NJ", "US-MN", "US-IN", "US-KY", "US-RI"):
        standard = book.get(code).verification_standard("access")
        assert standard.agent_permitted and standard.agent.signed_permission, code
        assert "not" in standard.agent.citation.lower() and not standard.agent.confirmed
    for code in ("US-CT", "US-OR", "US-MT", "US-DE", "US-MD", "US-TX", "US-CO"):
        law = book.get(code)
        assert law.verification_standard("opt_out_sale_share").agent_permitted, code
        assert not law.verification_standard("delete").agent_permitted, code
