"""The data inventory says what the published privacy policy says, section by section, and letters state it."""

from __future__ import annotations

import re
from pathlib import Path

from letter_facts import base_data, pdf_text

from lumetra_desk.core.letters.inventory import load_inventory
from lumetra_desk.core.letters.render import render_letter

# The published policy as committed beside this file (scripts/check_reference_copies.py compares it with the seed).
POLICY = (Path(__file__).resolve().parent / "lumetra-privacy-policy.txt").read_text(encoding="utf-8")


def _section(number: int) -> str:
    start = re.search(rf"^{number}\) ", POLICY, re.MULTILINE)
    end = re.search(rf"^{number + 1}\) ", POLICY, re.MULTILINE)
    assert start is not None
    return POLICY[start.start() : end.start() if end else len(POLICY)]


def test_notice_at_collection_rows_match_the_inventory() -> None:
    """§18: six rows of category → examples → sources → purposes → disclosed to → sold/shared, in this order."""
    rows = [line[2:].split(" → ") for line in _section(18).splitlines() if line.startswith("- ")]
    inventory = load_inventory()
    assert len(rows) == 6
    for row, category in zip(rows, inventory.categories, strict=False):
        name, examples, sources, purposes, disclosed, sold = row
        assert category.category.split()[0].lower() in name.lower().replace("/", " ")
        assert len(category.examples) == len(examples.split(", "))
        assert len(category.sources) == len(sources.split("; "))
        assert len(category.purposes) == len(purposes.split(", "))
        assert len(category.disclosed_to) == len(disclosed.split(", "))
        free, paid = ("yes", "no") if sold == "Yes (Free); No (Paid)" else ("no", "no")
        assert (category.sold_or_shared["free"], category.sold_or_shared["paid"]) == (free, paid), name
        assert category.policy_section == "§18"
    assert inventory.sensitive_statement in " ".join(_section(18).split())


def test_the_categories_section_11_adds_are_in_the_inventory() -> None:
    """§11 lists professional or education information (only if submitted) beside the §18 categories."""
    assert "(only if you submit) professional or education information" in _section(11)
    extra = [category for category in load_inventory().categories if category.policy_section != "§18"]
    assert [category.category for category in extra] == [
        "Professional or education information (only if you submit it)"
    ]


def test_retention_rules_match_section_8() -> None:
    bullets = [line[2:] for line in _section(8).splitlines() if line.startswith("- ")]
    retention = load_inventory().retention
    assert len(bullets) == len(retention) == 5
    for bullet, rule in zip(bullets, retention, strict=True):
        label = bullet.split(":", 1)[0]
        assert label.split()[0].rstrip("&") in rule.data, (label, rule.data)
        for number in re.findall(r"\d+", bullet):  # the periods: 7 years, 24 months, 12-24 months
            assert number in rule.period and number in rule.after_deletion, (number, rule)
        assert rule.policy_section == "§8"


def test_free_access_response_says_to_whom_and_why_data_is_sold_or_shared() -> None:
    assert "Advertising/measurement partners (Free Accounts only)" in _section(5)
    text = pdf_text(render_letter("access_response", base_data(tier="free")).pdf)
    assert "advertising and measurement partners, for cross-context behavioral advertising" in text
    assert "for purposes such as improving the Service, analytics, advertising and measurement, or model" in text
    assert "where the law permits (privacy policy §5, §6)" in text
    assert "Professional or education information" in text
