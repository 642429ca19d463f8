"""The classifier on 120 hand-written mails that are not in the sample corpus (``tests/intake/unseen/``).

They were written in rounds, each before the vocabulary was changed for it: every right in English, German,
French and Spanish, casual, angry and legal wording, places named by law, state, address, member state or
city alone, agents with and without proof, auto-replies, bounces, marketing that names privacy laws,
support questions and follow-ups. ``labels.json`` says what each one is; jurisdiction, agent and primary only
count for requests.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lumetra_desk.core.intake.classify import KINDS, REQUEST_TYPES, classify
from lumetra_desk.core.intake.parse import parse_mail

UNSEEN = Path(__file__).parent / "unseen"
LABELS: list[dict[str, Any]] = json.loads((UNSEEN / "labels.json").read_text(encoding="utf-8"))
REQUEST_FIELDS = ("primary", "jurisdiction", "agent", "agent_proof_attached")


def test_the_labels_cover_every_right_kind_and_language() -> None:
    assert len(LABELS) >= 100 and {label["file"] for label in LABELS} == {p.name for p in UNSEEN.glob("*.eml")}
    assert {t for label in LABELS for t in label["request_types"]} == set(REQUEST_TYPES)
    assert {label["kind"] for label in LABELS} == set(KINDS)
    assert {label["language"] for label in LABELS} == {"en", "de", "fr", "es"}


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_unseen_mail_is_understood(label: dict[str, Any]) -> None:
    result = classify(parse_mail((UNSEEN / label["file"]).read_bytes()))
    got = {
        "kind": result.kind,
        "is_request": result.is_request,
        "request_types": sorted(result.request_types),
        "language": result.language,
        **{name: getattr(result, name) for name in REQUEST_FIELDS},
    }
    fields = ["kind", "is_request", "request_types", "language", *(REQUEST_FIELDS if label["is_request"] else ())]
    expected = {name: sorted(label[name]) if name == "request_types" else label[name] for name in fields}
    assert {name: got[name] for name in fields} == expected, result.evidence
    assert all(" → " in note for note in result.evidence)
