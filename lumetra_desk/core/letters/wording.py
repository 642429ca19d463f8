"""How each request type reads in a letter, under the requester's law, from resources (request_wording.yaml).

Laws name the same right differently: only California's CCPA speaks of "sharing" and of "specific pieces", so a
Nevada opt-out letter must not confirm an opt-out of sharing the requester never had. The wording per law is
data with the section that names it, beside the templates.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import yaml

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import resources_dir

WORDING_FILE = "request_wording.yaml"


@dataclass(frozen=True)
class RequestWording:
    request: str  # "deletion of your personal information"
    right: str  # "to have your personal information deleted, ..."
    opt_out: str = ""  # what an opt-out or limit stops; "" for other requests


def wording(request_type: str, jurisdiction: str) -> RequestWording:
    """The wording of one request type under one jurisdiction's law (its own, else the general one)."""
    general, by_law = _load().get(request_type, (None, {}))
    if general is None:
        plain = request_type.replace("_", " ")
        return RequestWording(request=plain, right=f"to make a request for {plain}")
    return by_law.get(jurisdiction, general)


@functools.lru_cache(maxsize=1)
def _load() -> dict[str, tuple[RequestWording, dict[str, RequestWording]]]:
    file = resources_dir() / "templates" / "letters" / WORDING_FILE
    try:
        doc = yaml.safe_load(file.read_text(encoding="utf-8"))
        return {
            request_type: (_entry(entry), {code: _entry(law) for code, law in entry.get("by_law", {}).items()})
            for request_type, entry in doc.items()
        }
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError) as exc:
        raise InvalidInputError(f"The request wording {file} cannot be read: {exc}.") from exc


def _entry(entry: dict[str, Any]) -> RequestWording:
    return RequestWording(request=entry["request"], right=entry["right"], opt_out=entry.get("opt_out", ""))
