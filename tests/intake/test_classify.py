"""The classifier against the labelled corpus and against hand-written mail it was not built from."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from intake_mailmaker import make_mail
from intake_unseen_cases import CASES

from lumetra_desk.core.intake.classify import REQUEST_TYPES, classify, default_vocabulary
from lumetra_desk.core.intake.parse import parse_mail

CORPUS = Path(__file__).parent / "corpus"
LABELS: list[dict[str, Any]] = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
EU_CODES = {"EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
            "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}  # fmt: skip


def expected_jurisdiction(label: str) -> str:
    """Labels use "CA"/"DE"; the classifier answers "US-CA"/"EU"."""
    if label in EU_CODES:
        return "EU"
    if label in {"UK", "unknown"}:
        return label
    return f"US-{label}"


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_corpus_mail_matches_its_label(label: dict[str, Any]) -> None:
    result = classify(parse_mail((CORPUS / label["file"]).read_bytes()))
    expected_types = set() if label["request_types"] == ["none"] else set(label["request_types"])
    assert result.is_request == label["is_request"]
    assert result.agent == label["agent"]
    assert result.language == label["language"]
    if label["is_request"]:
        assert result.jurisdiction == expected_jurisdiction(label["jurisdiction"])
    if label["thread_of"] is None or not label["is_request"]:
        assert set(result.request_types) == expected_types
        assert (result.primary or "none") == label["primary"]
    else:
        # A follow-up inherits its case's rights; on its own it may only name some of them.
        assert set(result.request_types) <= expected_types
    assert all(" → " in note for note in result.evidence)


def test_kinds_of_the_non_requests_in_the_corpus() -> None:
    kinds = {
        name: classify(parse_mail((CORPUS / name).read_bytes())).kind
        for name in ("063_ooo_autoreply_in_thread_018.eml", "071_spam_ccpa_webinar.eml",
                     "072_support_export_question.eml")
    }  # fmt: skip
    assert kinds == {
        "063_ooo_autoreply_in_thread_018.eml": "auto_reply",
        "071_spam_ccpa_webinar.eml": "spam",
        "072_support_export_question.eml": "other",
    }


def test_agent_proof_is_an_attached_authorisation_not_a_mention() -> None:
    def proof(name: str) -> bool:
        return classify(parse_mail((CORPUS / name).read_bytes())).agent_proof_attached

    assert proof("051_agent_opt_out_with_signed_permission_pdf.eml")
    assert proof("054_agent_delete_with_poa_txt.eml")
    assert not proof("053_agent_drp_json_sale_opt_out.eml")


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_unseen_mail(case: tuple[str, dict[str, str], str, dict[str, Any]]) -> None:
    _, headers, body, expected = case
    message = EmailMessage()
    message["From"] = "Sam Example <sam@example.com>"
    message["To"] = "privacy@lumetra.io"
    for name, value in headers.items():
        message[name] = value
    message.set_content(body)
    result = classify(parse_mail(message.as_bytes()))
    got = {
        "kind": result.kind,
        "types": set(result.request_types),
        "primary": result.primary,
        "jurisdiction": result.jurisdiction,
        "language": result.language,
        "agent": result.agent,
        "agent_proof_attached": result.agent_proof_attached,
    }
    assert {key: got[key] for key in expected} == expected, result.evidence


def test_evidence_names_the_phrase_and_the_right() -> None:
    result = classify(parse_mail(make_mail("Please delete my personal information. I live in Ohio.")))
    assert "'delete my personal information' → delete" in result.evidence
    assert 0 < result.confidence <= 1


def test_bounce_by_report_structure() -> None:
    message = EmailMessage()
    message["From"] = "MAILER-DAEMON@mx.example.com"
    message["Subject"] = "Delivery Status Notification (Failure)"
    message.set_content("Delivery to the following recipient failed permanently.")
    message.make_mixed()
    message.replace_header("Content-Type", 'multipart/report; report-type="delivery-status"')
    result = classify(parse_mail(message.as_bytes()))
    assert result.kind == "bounce" and not result.is_request


def test_quoted_reply_text_is_not_the_senders_request() -> None:
    body = "Thanks, that answers it.\n\n> We received your request to delete your personal data.\n"
    result = classify(parse_mail(make_mail(body, subject="Re: your question")))
    assert result.kind == "other" and result.request_types == ()


def test_vocabulary_covers_every_request_type_and_only_those() -> None:
    assert set(default_vocabulary().type_rules) == set(REQUEST_TYPES)
    assert set(default_vocabulary().primary_priority) == set(REQUEST_TYPES)
