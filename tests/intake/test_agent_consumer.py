"""The consumer an authorized agent writes for: name, e-mail and address from the mail, never the agent's own."""

from __future__ import annotations

import pytest
from intake_mailmaker import make_mail

from lumetra_desk.core.intake.classify import classify
from lumetra_desk.core.intake.parse import parse_mail

AGENT = "Brightline Privacy Agents, Inc. <requests@agents.example.com>"


def _consumer(body: str, sender: str = AGENT, subject: str = "Privacy request"):  # type: ignore[no-untyped-def]
    result = classify(parse_mail(make_mail(body, subject=subject, sender=sender)))
    assert result.agent, result.evidence
    return result.consumer, result.evidence


@pytest.mark.parametrize(
    ("body", "name", "email"),
    [
        (
            "We write on behalf of my client, Carmen Ibáñez (carmen.ibanez@example.org). Please delete her data.",
            "Carmen Ibáñez",
            "carmen.ibanez@example.org",
        ),
        ("I am an authorized agent acting for Jane Doe. Please delete her personal data.", "Jane Doe", ""),
        ("Wir handeln im Auftrag von Frau Anna Schulz (anna@example.de) und verlangen die Löschung ihrer Daten.",
         "Anna Schulz", "anna@example.de"),
        ("Au nom de ma mère, Jeanne Martin, je demande la suppression de ses données.", "Jeanne Martin", ""),
        ("En nombre de mi cliente, Sr. Luis Gómez (lgomez@example.es), solicito la supresión de sus datos.",
         "Luis Gómez", "lgomez@example.es"),
    ],
)  # fmt: skip
def test_the_consumer_named_by_an_agent_is_taken_with_evidence(body: str, name: str, email: str) -> None:
    consumer, evidence = _consumer(body)
    assert (consumer.name, consumer.email) == (name, email)
    assert consumer.confidence >= 0.7
    assert any(note.endswith(f"→ consumer's name {name}") for note in evidence)


def test_the_consumers_postal_address_given_with_the_name_is_kept() -> None:
    consumer, evidence = _consumer(
        "OptOutNow is the authorized agent of Beth Carter (beth.carter@example.net), 14 Elm Road, Denver, CO 80203. "
        "Please delete all personal data relating to the consumer."
    )
    assert consumer.postal_address == "14 Elm Road, Denver, CO 80203"
    assert "'14 Elm Road, Denver, CO 80203' → consumer's postal address" in evidence


def test_a_family_member_on_the_same_mail_provider_is_still_the_consumer() -> None:
    consumer, _ = _consumer(
        "Hi, I'm writing for my son Liam. Please delete his account. His email is liam.lind@example.com.",
        sender="Karen Lind <karen.lind@example.com>",
    )
    assert (consumer.name, consumer.email) == ("Liam", "liam.lind@example.com")


@pytest.mark.parametrize(
    ("body", "sender"),
    [
        # The agent's own name after "on behalf of" and a company are never the consumer.
        ("I write on behalf of Harold Finch and ask you to delete my father's data.", "Harold Finch <h@example.com>"),
        ("I am writing on behalf of Acme Privacy Services LLC: please delete our client's data.", AGENT),
        ("On behalf of our client we request deletion of all personal data. Regards", AGENT),
        ("My elderly mother asked me to have her account deleted.", "Greg Olson <greg@example.com>"),
    ],
)
def test_no_consumer_name_is_invented(body: str, sender: str) -> None:
    consumer, _ = _consumer(body, sender=sender)
    assert consumer.name == ""


def test_the_consumer_is_part_of_the_classification_output() -> None:
    result = classify(parse_mail(make_mail("I am acting for Jane Doe and ask you to delete her data.", sender=AGENT)))
    assert result.as_dict()["consumer"] == {"name": "Jane Doe", "email": "", "postal_address": "", "confidence": 0.75}
