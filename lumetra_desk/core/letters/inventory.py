"""The data inventory from the privacy policy (Notice at Collection §18, §11, sale §5-§6, retention §8), from resources.

Access responses and deletion confirmations are built from this file so a letter states exactly what the
published policy states; the tier decides the sold/shared column.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import resources_dir

INVENTORY_FILE = "notice_at_collection.yaml"
TIERS = ("free", "paid", "enterprise")
_SOLD_VALUES = ("yes", "no", "rider")


@dataclass(frozen=True)
class DataCategory:
    category: str
    examples: tuple[str, ...]
    sources: tuple[str, ...]
    purposes: tuple[str, ...]
    disclosed_to: tuple[str, ...]
    sold_or_shared: dict[str, str]  # tier -> yes | no | rider
    policy_section: str

    def sold_or_shared_text(self, tier: str) -> str:
        """The sold/shared answer for one account tier; an unknown tier gets the policy's full statement."""
        if tier in TIERS:
            return _SOLD_TEXT[self.sold_or_shared[tier]]
        free, paid = self.sold_or_shared["free"], self.sold_or_shared["paid"]
        if free == paid:
            return _SOLD_TEXT[free]
        return f"{_SOLD_TEXT[free]} (Free accounts); {_SOLD_TEXT[paid]} (Paid accounts)"


_SOLD_TEXT = {"yes": "Yes", "no": "No", "rider": "As set in your Enterprise Rider"}


@dataclass(frozen=True)
class RetentionRule:
    data: str
    period: str
    after_deletion: str
    policy_section: str


@dataclass(frozen=True)
class SaleAndSharing:
    """Whom Free Account personal information is sold or shared with, and for what (policy §5, §6)."""

    disclosed_to: str
    purposes: str
    policy_section: str


@dataclass(frozen=True)
class Inventory:
    policy_title: str
    policy_effective: date
    categories: tuple[DataCategory, ...]
    sale_and_sharing: SaleAndSharing
    sensitive_statement: str
    sensitive_section: str
    retention: tuple[RetentionRule, ...]
    sha256: str  # of the file, recorded in each letter's snapshot


@functools.cache
def load_inventory() -> Inventory:
    """Read and check the bundled inventory once per process."""
    file = resources_dir() / "inventory" / INVENTORY_FILE
    raw = file.read_bytes()
    try:
        doc = yaml.safe_load(raw)
        return _parse(doc, hashlib.sha256(raw).hexdigest())
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise InvalidInputError(f"The data inventory {file} is not valid: {exc}") from exc


def _parse(doc: dict[str, Any], digest: str) -> Inventory:
    categories = []
    for row in doc["categories"]:
        sold = {tier: str(row["sold_or_shared"][tier]) for tier in TIERS}
        bad = [value for value in sold.values() if value not in _SOLD_VALUES]
        if bad:
            raise ValueError(f"category {row['category']!r} has sold_or_shared value {bad[0]!r}")
        categories.append(
            DataCategory(
                category=str(row["category"]),
                examples=tuple(str(x) for x in row["examples"]),
                sources=tuple(str(x) for x in row["sources"]),
                purposes=tuple(str(x) for x in row["purposes"]),
                disclosed_to=tuple(str(x) for x in row["disclosed_to"]),
                sold_or_shared=sold,
                policy_section=str(row["policy_section"]),
            )
        )
    retention = tuple(
        RetentionRule(
            data=str(row["data"]),
            period=str(row["period"]),
            after_deletion=str(row["after_deletion"]),
            policy_section=str(row["policy_section"]),
        )
        for row in doc["retention"]
    )
    policy = doc["policy"]
    if not isinstance(policy["effective"], date):
        raise ValueError("policy.effective must be a date (YYYY-MM-DD)")
    sensitive = doc["sensitive_personal_information"]
    sale = doc["sale_and_sharing"]
    return Inventory(
        policy_title=str(policy["title"]),
        policy_effective=policy["effective"],
        categories=tuple(categories),
        sale_and_sharing=SaleAndSharing(
            disclosed_to=str(sale["disclosed_to"]),
            purposes=str(sale["purposes"]),
            policy_section=str(sale["policy_section"]),
        ),
        sensitive_statement=str(sensitive["text"]),
        sensitive_section=str(sensitive["policy_section"]),
        retention=retention,
        sha256=digest,
    )
