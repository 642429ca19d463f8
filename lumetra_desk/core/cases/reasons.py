"""Reason codes for denials and partial compliance: statutory exceptions kept as cited data.

They live in ``resources/cases/reason_codes.yaml`` so counsel can review them beside the statute files; a
code may be cited only by the outcomes and jurisdictions it lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import resources_dir


@dataclass(frozen=True)
class ReasonCode:
    code: str
    label: str
    outcomes: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    citation: str
    confirmed: bool
    note: str

    def applies_to(self, jurisdiction: str) -> bool:
        return "*" in self.jurisdictions or jurisdiction in self.jurisdictions


@lru_cache(maxsize=1)
def reason_codes() -> dict[str, ReasonCode]:
    file = resources_dir() / "cases" / "reason_codes.yaml"
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        return {
            code: ReasonCode(
                code=code,
                label=str(entry["label"]),
                outcomes=tuple(entry["outcomes"]),
                jurisdictions=tuple(entry["jurisdictions"]),
                citation=str(entry["citation"]),
                confirmed=bool(entry["confirmed"]),
                note=str(entry.get("note", "")),
            )
            for code, entry in raw["codes"].items()
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise InvalidInputError(f"The reason-code file {file} cannot be read ({exc}).") from exc


def check_reason_code(code: str, outcome: str, jurisdiction: str) -> ReasonCode:
    """The code, if it may justify this outcome under this jurisdiction's law; a plain error otherwise."""
    known = reason_codes()
    entry = known.get(code)
    if entry is None:
        raise InvalidInputError(f"Unknown reason code {code!r}; valid codes are {', '.join(known)}.")
    if outcome not in entry.outcomes:
        raise InvalidInputError(
            f"Reason code {code} ({entry.label}) does not justify the outcome {outcome!r}; "
            f"it fits {', '.join(entry.outcomes)}."
        )
    if not entry.applies_to(jurisdiction):
        raise InvalidInputError(
            f"Reason code {code} ({entry.label}) is an exception of {', '.join(entry.jurisdictions)} law, "
            f"not of {jurisdiction}."
        )
    return entry
