"""Safe parsing: real corpus mail, broken structure, hostile headers and attachments."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from intake_mailmaker import make_mail

from lumetra_desk.core.intake.html_text import html_to_text
from lumetra_desk.core.intake.parse import parse_mail, sanitise_filename

CORPUS = Path(__file__).parent / "corpus"


def test_every_corpus_mail_parses_with_sender_subject_and_receipt_time() -> None:
    for path in sorted(CORPUS.glob("*.eml")):
        mail = parse_mail(path.read_bytes())
        assert mail.from_addr.endswith(".com") or "@" in mail.from_addr, path.name
        assert mail.subject, path.name
        assert mail.received_at is not None and mail.received_at.tzinfo is not None, path.name
        assert mail.body_text.strip(), path.name
        assert len(mail.content_sha256) == 64


def test_encoded_from_name_and_quoted_printable_body_are_decoded() -> None:
    mail = parse_mail((CORPUS / "004_dsgvo_auskunft_de.eml").read_bytes())
    assert mail.from_name == "Jürgen Weiß"
    assert "Auskunft gemäß Art. 15 DSGVO" in mail.body_text


def test_broken_boundary_is_recovered_from_the_body() -> None:
    mail = parse_mail((CORPUS / "075_malformed_broken_mime_boundary.eml").read_bytes())
    assert "categories and specific pieces" in mail.body_text
    assert "Content-Type:" not in mail.body_text
    assert any("MIME boundary is broken" in problem for problem in mail.problems)


def test_multipart_without_any_boundary_line_is_read_as_plain_text() -> None:
    raw = (
        b"From: a@example.com\r\nTo: privacy@lumetra.io\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="nowhere"\r\n\r\nPlease delete my data.\r\n'
    )
    mail = parse_mail(raw)
    assert "Please delete my data." in mail.body_text
    assert "The MIME boundary is broken; the body was read as plain text." in mail.problems


def test_wrong_and_unknown_charsets_fall_back_to_detection() -> None:
    mail = parse_mail((CORPUS / "076_malformed_bad_charset.eml").read_bytes())
    assert "Löschung" in mail.body_text and "Köhler-Straßburger" in mail.body_text
    assert any("not valid utf-8" in problem for problem in mail.problems)
    assert any("unknown character set" in problem for problem in mail.problems)


def test_missing_headers_give_notes_not_errors() -> None:
    mail = parse_mail(b"\r\njust a body line\r\n")
    assert mail.message_id is None and mail.from_addr == "" and mail.received_at is None
    assert "The message has no sender (From header)." in mail.problems
    assert "The message has no readable receipt time or Date header." in mail.problems
    assert mail.body_text.strip() == "just a body line"


def test_receipt_time_is_the_topmost_received_header_not_the_date_header() -> None:
    raw = (
        b"Received: from b by mx1.lumetra.io; Wed, 02 Sep 2026 08:00:00 +0200\r\n"
        b"Received: from forged by elsewhere; Thu, 01 Jan 2099 00:00:00 +0000\r\n"
        b"From: a@example.com\r\nDate: Mon, 01 Jan 2024 00:00:00 +0000\r\nSubject: s\r\n\r\nbody\r\n"
    )
    mail = parse_mail(raw)
    assert mail.received_at == datetime(2026, 9, 2, 6, 0, tzinfo=UTC)
    assert mail.date_header == datetime(2024, 1, 1, tzinfo=UTC)


def test_without_received_header_the_date_header_is_used_and_noted() -> None:
    mail = parse_mail(make_mail(received=None))
    assert mail.received_at == datetime(2026, 9, 1, 9, 59, tzinfo=UTC)
    assert any("sender's Date header" in problem for problem in mail.problems)


def test_header_values_cannot_carry_line_breaks() -> None:
    raw = (
        b"From: =?utf-8?q?Eve=0D=0ABcc=3A_victim=40example=2Ecom?= <eve@example.com>\r\n"
        b"Subject: =?utf-8?q?Hello=0D=0ABcc=3A_all=40example=2Ecom?=\r\n"
        b"Message-ID: <a@b>\r\n\r\nbody\r\n"
    )
    mail = parse_mail(raw)
    for value in (mail.subject, mail.from_name, mail.from_addr, mail.message_id or ""):
        assert "\r" not in value and "\n" not in value
    assert mail.subject == "Hello Bcc: all@example.com"


def test_an_address_hidden_in_an_encoded_display_name_is_not_the_sender() -> None:
    raw = (
        b"From: =?utf-8?q?Eve=0D=0ABcc=3A_spy=40evil=2Eexample?= <eve@example.com>\r\n"
        b"To: =?utf-8?q?x=40evil=2Eexample?= <privacy@lumetra.io>\r\nSubject: s\r\n\r\nbody\r\n"
    )
    mail = parse_mail(raw)
    assert (mail.from_name, mail.from_addr) == ("Eve Bcc: spy@evil.example", "eve@example.com")
    assert mail.to_addrs == ("privacy@lumetra.io",)


def test_filenames_are_made_safe() -> None:
    assert sanitise_filename("../../etc/passwd", "attachment-1", "text/plain") == "passwd"
    assert sanitise_filename("..\\..\\Windows\\win.ini", "a", "text/plain") == "win.ini"
    assert sanitise_filename("evil\x00\x1b[31m.pdf", "a", "application/pdf") == "evil[31m.pdf"
    assert sanitise_filename("CON.txt", "a", "text/plain") == "_CON.txt"
    assert sanitise_filename("...", "attachment-3", "application/pdf") == "attachment-3.pdf"
    assert sanitise_filename("report\u202egnp.exe", "a", "image/png") == "reportgnp.exe"
    long_name = sanitise_filename("x" * 500 + ".pdf", "a", "application/pdf")
    assert len(long_name) <= 120 and long_name.endswith(".pdf")


def _with_attachment(filename: str, content: bytes, maintype: str, subtype: str) -> bytes:
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "attached"
    message.set_content("see attachment")
    message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def test_hostile_attachment_name_is_sanitised_and_type_sniffed() -> None:
    executable = b"MZ\x90\x00" + b"\x00" * 200
    mail = parse_mail(_with_attachment("../../../home/officer/.bashrc.pdf", executable, "application", "pdf"))
    (attachment,) = mail.attachments
    assert attachment.filename == ".bashrc.pdf".lstrip(".")
    assert attachment.declared_type == "application/pdf"
    assert attachment.sniffed_type == "application/x-msdownload"
    assert attachment.content == executable
    assert any("made safe" in problem for problem in mail.problems)
    assert any("looks like application/x-msdownload" in problem for problem in mail.problems)


def test_attachment_over_the_limit_is_not_kept_and_says_so() -> None:
    mail = parse_mail(_with_attachment("big.bin", b"\x00" * 300_000, "application", "octet-stream"), 100_000)
    (attachment,) = mail.attachments
    assert attachment.content is None and attachment.size == 300_000
    assert attachment.note == "The attachment 'big.bin' is 293 KB, over the 98 KB limit; it was not kept."
    assert attachment.note in mail.problems


def test_html_only_mail_becomes_text_without_scripts_and_notes_remote_content() -> None:
    html = (
        "<html><head><style>p{}</style><script>alert('x')</script></head><body>"
        "<p>Please <b>delete</b> my data.</p><img src='https://tracker.example/p.gif'>"
        "<a href='https://phish.example/login'>Click here</a></body></html>"
    )
    message = EmailMessage()
    message["From"] = "a@example.com"
    message["Subject"] = "html"
    message.set_content(html, subtype="html")
    mail = parse_mail(message.as_bytes())
    assert "Please delete my data." in mail.body_text
    assert "alert" not in mail.body_text and "p{}" not in mail.body_text
    assert "Click here <https://phish.example/login>" in mail.body_text
    assert mail.had_remote_content
    assert "The HTML part refers to remote content; nothing was fetched." in mail.problems


def test_html_to_text_flags_active_content() -> None:
    result = html_to_text("<div>Hi<iframe src='https://x.example'></iframe></div><ul><li>one</li></ul>")
    assert result.had_active_content and result.had_remote_content
    assert result.text == "Hi\n\n- one"


def test_bounce_reports_the_message_it_returns() -> None:
    original = make_mail(message_id="<original-123@lumetra.io>", sender="privacy@lumetra.io")
    bounce = EmailMessage()
    bounce["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.com>"
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce.set_content("The message could not be delivered.")
    bounce.add_attachment(original, maintype="message", subtype="rfc822")
    mail = parse_mail(bounce.as_bytes())
    assert mail.bounced_message_id == "<original-123@lumetra.io>"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_parse_without_raising(raw: bytes) -> None:
    mail = parse_mail(raw)
    assert "\n" not in mail.subject
    texts = [mail.subject, mail.from_name, mail.from_addr, mail.body_text, *mail.to_addrs, *mail.problems]
    "".join(texts + [a.filename for a in mail.attachments]).encode("utf-8")  # storable: no surrogate escapes


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_any_header_text_parses_without_raising(value: str) -> None:
    raw = ("Subject: " + value.replace("\r", " ").replace("\n", " ") + "\r\nFrom: " + value[:40]).encode(
        "utf-8", errors="replace"
    )
    mail = parse_mail(raw + b"\r\n\r\nbody")
    assert "\n" not in mail.subject and "\n" not in mail.from_name


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=120), st.binary(max_size=120))
def test_any_header_bytes_give_storable_one_line_text(sender: bytes, subject: bytes) -> None:
    def line(value: bytes) -> bytes:
        return value.replace(b"\r", b" ").replace(b"\n", b" ")

    mail = parse_mail(
        b"From: " + line(sender) + b"\r\nSubject: " + line(subject) + b"\r\nTo: " + line(sender) + b"\r\n\r\nx"
    )
    for text in (mail.subject, mail.from_name, mail.from_addr, *mail.to_addrs):
        assert "\n" not in text and "\r" not in text
        text.encode("utf-8")
