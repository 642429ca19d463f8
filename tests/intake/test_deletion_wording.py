"""Deletion asked in passive and infinitive forms is a delete request; a deletion the sender reports is not."""

from __future__ import annotations

import pytest
from intake_mailmaker import make_mail

from lumetra_desk.core.intake.classify import classify
from lumetra_desk.core.intake.parse import parse_mail

ASKED = [
    "I live in Richmond, Virginia. I no longer use the service and I would like to have it deleted.",
    "I want to have my data removed.",
    "I would like to get it deleted.",
    "I want to have them deleted.",
    "I want it gone.",
    "I want everything you have on me gone.",
    "I want my account and data gone for good.",
    "Please make sure my data gets deleted.",
    "Take my data off your servers.",
    "Please close my account and delete everything.",
    "I deleted the app, but please delete my data too.",
    "Ich möchte, dass meine Daten gelöscht werden.",
    "Je souhaite que mes données soient supprimées.",
    "Quiero que mis datos sean eliminados.",
]
REPORTED = [
    "I deleted the app last week, but I still get emails. Can you tell me what you know about me?",
    "I deleted my account already, can you send me a copy of my data?",
    "I have deleted the app. What data do you have on me?",
    "My account was deleted last year. Please tell me what data you still hold.",
    "J'ai supprimé mon compte hier. Quelles données avez-vous encore sur moi ?",
    "Ya borré mi cuenta. ¿Qué datos tienen sobre mí?",
]


@pytest.mark.parametrize("body", ASKED)
def test_deletion_asked_in_any_form_is_a_delete_request(body: str) -> None:
    result = classify(parse_mail(make_mail(body, subject="Hello")))
    assert result.is_request and "delete" in result.request_types, result.evidence


@pytest.mark.parametrize("body", REPORTED)
def test_a_deletion_already_done_is_not_asked_again(body: str) -> None:
    result = classify(parse_mail(make_mail(body, subject="Hello")))
    assert result.request_types == ("access",), result.evidence


@pytest.mark.parametrize(
    "body", ["I already deleted my account. Why do I still get emails?", "You deleted my account by mistake!"]
)
def test_a_reported_deletion_alone_is_no_request(body: str) -> None:
    assert not classify(parse_mail(make_mail(body, subject="Hello"))).is_request
