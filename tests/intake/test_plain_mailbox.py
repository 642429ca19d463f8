"""A sender in the plainest form is read without the stdlib's address parser, and must read exactly as it would."""

from __future__ import annotations

import random
from email import policy
from email.parser import BytesParser

import pytest

from lumetra_desk.core.intake.parse import _PLAIN_MAILBOX, clean_header_text, parse_mail

NAME_WORDS = ["Pat", "Doe", "O'Brien", "Jean-Luc", "MARIA", "lopez", "Person", "12", "X", "d'Arc", "Anne-Marie"]
LOCAL_PARTS = ["pat", "Pat.Doe", "jean_luc", "m+privacy", "a-b", "person12", "X.Y.Z", "o-brien_1"]
DOMAINS = ["example.com", "Example.NET", "mail.example.co.uk", "sub-domain.example.org", "localhost", "x1.io"]


def _headers() -> list[str]:
    rng = random.Random(11)
    values = []
    for _ in range(400):
        address = f"{rng.choice(LOCAL_PARTS)}@{rng.choice(DOMAINS)}"
        name = " ".join(rng.sample(NAME_WORDS, rng.randint(1, 3)))
        values.append(address if rng.random() < 0.3 else f"{name} <{address}>")
    return values


NEAR_MISSES = [
    '"Doe, Pat" <pat@example.com>',
    "Pat  Doe <pat@example.com>",
    "Pat Doe<pat@example.com>",
    "Pat Doe <pat@example.com> (work)",
    "Pat <pat@example.com>, Kim <kim@example.com>",
    "=?utf-8?q?P=C3=A4t?= <pat@example.com>",
    "Pat Doe <pat..doe@example.com>",
    "Pat Doe <.pat@example.com>",
    "pat@example.com.",
    "Dr. Pat Doe <pat@example.com>",
    "<pat@example.com>",
]


def _stdlib_reading(value: str) -> tuple[str, str]:
    message = BytesParser(policy=policy.default).parsebytes(f"From: {value}\n\nhi\n".encode())
    address = message["From"].addresses[0]
    return clean_header_text(str(address.display_name)), clean_header_text(str(address.addr_spec)).lower()


@pytest.mark.parametrize("value", _headers())
def test_a_plain_sender_reads_as_the_stdlib_reads_it(value: str) -> None:
    assert _PLAIN_MAILBOX.fullmatch(value)
    mail = parse_mail(f"From: {value}\nTo: privacy@lumetra.io\nSubject: x\n\nhi\n".encode())
    assert (mail.from_name, mail.from_addr) == _stdlib_reading(value)


@pytest.mark.parametrize("value", NEAR_MISSES)
def test_anything_less_plain_is_left_to_the_stdlib(value: str) -> None:
    assert _PLAIN_MAILBOX.fullmatch(value) is None
