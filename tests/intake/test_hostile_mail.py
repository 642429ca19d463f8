"""Hostile and malformed mail through the real importer: every message survives, and the officer is told why.

Remote content is checked against a real HTTP server on loopback that every reference in the mail points to:
it must not receive a single request while the mail is parsed, classified, imported and shown by the CLI.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import tracemalloc
import urllib.request
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlmodel import select

from lumetra_desk.core.intake.importer import MailImporter
from lumetra_desk.core.intake.parse import MAX_PART_DEPTH, parse_mail
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Attachment, Message

HEADERS = b"From: Mallory <mallory@example.com>\r\nTo: privacy@lumetra.io\r\nMessage-ID: <%s@example.com>\r\n"


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x")

    def log_message(self, format: str, *args: object) -> None:  # keep the test output clean
        return


@pytest.fixture
def web_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request made to it."""
    _Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    finally:
        server.shutdown()
        server.server_close()


def _remote_html(base: str) -> str:
    return f"""<html><head>
<link rel="stylesheet" href="{base}/link.css"><style>@import url("{base}/import.css");
body {{ background: url({base}/bg.png) }}</style><script src="{base}/script.js"></script>
<meta http-equiv="refresh" content="0; url={base}/refresh"><base href="{base}/base/"></head>
<body background="{base}/body-bg.png"><p>Please delete my personal data.</p>
<img src="{base}/pixel.gif"><img srcset="{base}/a.png 1x, {base}/b.png 2x"><picture><source srcset="{base}/c.webp">
</picture><iframe src="{base}/frame.html"></iframe><video poster="{base}/poster.jpg" src="{base}/v.mp4"></video>
<object data="{base}/object.swf"></object><embed src="{base}/embed.swf"><audio src="{base}/a.mp3"></audio>
<div style="background-image: url('{base}/div.png')">styled</div><a href="{base}/link">my account page</a>
<form action="{base}/form"><input type="image" src="{base}/input.png"></form></body></html>"""


def test_remote_content_in_html_is_never_fetched(
    store: Store, tmp_path: Path, web_server: tuple[str, list[str]]
) -> None:
    base, hits = web_server
    message = EmailMessage()
    message["From"] = "Mallory <mallory@example.com>"
    message["To"] = "privacy@lumetra.io"
    message["Subject"] = "Delete my data"
    message["Message-ID"] = "<remote@example.com>"
    message.set_content(_remote_html(base), subtype="html")
    message.add_attachment(_remote_html(base).encode(), maintype="text", subtype="html", filename="page.html")
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{base}/svg.png"/></svg>'.encode()
    message.add_attachment(svg, maintype="image", subtype="svg+xml", filename="logo.svg")
    external, phantom = EmailMessage(), EmailMessage()
    external["Content-Type"] = f'message/external-body; access-type=URL; URL="{base}/external"'
    phantom["Content-Type"] = "application/pdf"
    external.set_payload([phantom])
    message.attach(external)
    raw = message.as_bytes()
    mail_file = tmp_path / "remote.eml"
    mail_file.write_bytes(raw)

    result = MailImporter(store).import_message(raw, source="remote")
    env = {**os.environ, "LUMETRA_DESK_HOME": str(tmp_path / "elsewhere")}
    shown = subprocess.run(
        [sys.executable, "-c", "import sys; from lumetra_desk.cli.main import main; sys.exit(main())",
         "intake", "classify", str(mail_file)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip

    assert hits == [], f"fetched: {hits}"
    assert result.outcome == "new_case" and shown.returncode == 0
    assert "delete" in shown.stdout and "refers to remote content; nothing was fetched" in shown.stdout
    with store.read() as session:
        stored = session.exec(select(Message)).one()
        assert stored.raw == raw
        assert "Please delete my personal data." in stored.body_text and "styled" in stored.body_text
        assert "The HTML part refers to remote content; nothing was fetched." in stored.parse_problems
        kept = {a.filename: a.data for a in session.exec(select(Attachment)).all()}
        assert kept["page.html"] == _remote_html(base).encode() and kept["logo.svg"] == svg
    with urllib.request.urlopen(f"{base}/probe") as response:  # the server does see a real request
        assert response.read() == b"x"
    assert hits == ["/probe"]


def _zip_bomb(expanded_mb: int) -> bytes:
    """A small zip that would expand to ``expanded_mb`` MB of zeros, inside another zip."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", b"\0" * (expanded_mb * 1024 * 1024))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(4):
            archive.writestr(f"part{n}.zip", inner.getvalue())
    return outer.getvalue()


def test_a_zip_bomb_is_kept_as_it_came_and_never_unpacked(store: Store) -> None:
    bomb = _zip_bomb(64)
    assert len(bomb) < 1024 * 1024
    message = EmailMessage()
    message["From"] = "Mallory <mallory@example.com>"
    message["Subject"] = "My documents"
    message["Message-ID"] = "<bomb@example.com>"
    message.set_content("Please delete my personal data; my documents are attached.")
    message.add_attachment(bomb, maintype="application", subtype="pdf", filename="documents.pdf")
    raw = message.as_bytes()
    tracemalloc.start()
    try:
        result = MailImporter(store).import_message(raw, source="bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome == "new_case"
    assert peak < 32 * 1024 * 1024, "the archive must not be expanded (256 MB of zeros inside)"
    with store.read() as session:
        (attachment,) = session.exec(select(Attachment)).all()
        assert attachment.data == bomb and attachment.sniffed_type == "application/zip"
        assert "says it is application/pdf but its content looks like application/zip" in attachment.note


def _nested_messages(depth: int) -> bytes:
    inner = b"From: a@example.com\r\nSubject: innermost\r\n\r\nhello\r\n"
    for _ in range(depth):
        inner = b"Content-Type: message/rfc822\r\n\r\n" + inner
    return HEADERS % b"nested-messages" + b"Subject: Please delete my personal data\r\n" + inner


def _nested_multiparts(depth: int) -> bytes:
    body = b"Content-Type: text/plain\r\n\r\nPlease delete my personal data.\r\n"
    for level in range(depth):
        boundary = b"b%d" % level
        body = b'Content-Type: multipart/mixed; boundary="%s"\r\n\r\n--%s\r\n%s\r\n--%s--\r\n' % (
            boundary, boundary, body, boundary,
        )  # fmt: skip
    return HEADERS % b"nested-parts" + b"Subject: deep\r\nMIME-Version: 1.0\r\n" + body


@pytest.mark.parametrize("depth", [MAX_PART_DEPTH + 5, 3000])
def test_messages_nested_thousands_deep_are_kept_and_readable(store: Store, depth: int) -> None:
    importer = MailImporter(store)
    outcomes = [importer.import_message(raw, source=f"nested-{depth}").outcome
                for raw in (_nested_messages(depth), _nested_multiparts(depth))]  # fmt: skip
    assert outcomes == ["new_case", "follow_up"]  # the same sender's open case
    with store.read() as session:
        messages, parts = session.exec(select(Message).order_by(Message.id)).all()  # type: ignore[arg-type]
        assert (messages.raw, parts.raw) == (_nested_messages(depth), _nested_multiparts(depth))
        assert f"more than {MAX_PART_DEPTH} levels deep" in parts.parse_problems
        if depth > 1000:  # beyond what the stdlib parser can recurse: headers read, the body shown as text
            assert f"more than {MAX_PART_DEPTH} levels deep" in messages.parse_problems
            assert "innermost" in messages.body_text
        else:  # the embedded message is kept whole, as an attachment
            (embedded,) = session.exec(select(Attachment).where(Attachment.message_id == messages.id)).all()
            assert embedded.declared_type == "message/rfc822" and embedded.data and b"innermost" in embedded.data


def test_a_shallow_multipart_reads_every_level() -> None:
    mail = parse_mail(_nested_multiparts(MAX_PART_DEPTH - 1))
    assert "Please delete my personal data." in mail.body_text
    assert not any("levels deep" in problem for problem in mail.problems)


def test_eight_bit_garbage_and_unknown_charsets_in_headers_are_read_with_a_note() -> None:
    raw = (
        b"From: J\xf6rg M\xfcller <joerg@example.com>\r\nSubject: L\xf6schung meiner Daten\r\n"
        b"To: =?x-klingon?q?K=E9vin?= <privacy@lumetra.io>\r\nMessage-ID: <8bit@example.com>\r\n"
        b"Content-Type: text/plain; charset=x-unknown-charset\r\n\r\nBitte l\xf6schen Sie meine Daten.\r\n"
    )
    mail = parse_mail(raw)
    assert (mail.from_name, mail.subject) == ("Jörg Müller", "Löschung meiner Daten")
    assert "Bitte löschen Sie meine Daten." in mail.body_text
    assert "The Subject header has 8-bit characters without a declared character set; it was read as Windows-1252." in (
        mail.problems
    )
    assert any("unknown character set (x-unknown-charset)" in problem for problem in mail.problems)
    utf8 = parse_mail("Subject: Löschung\r\nFrom: a@example.com\r\n\r\nx".encode())  # UTF-8 headers are allowed
    assert utf8.subject == "Löschung" and not any("Subject" in problem for problem in utf8.problems)
    words = parse_mail(b"Subject: =?x-klingon?q?K=E9vin?=\r\nFrom: a@example.com\r\n\r\nx")
    assert words.subject == "Kévin"
    assert "The Subject header uses an unknown or wrong character set (x-klingon); it was read as Windows-1252." in (
        words.problems
    )


HOSTILE = {
    "nul bytes and escape codes": HEADERS % b"nul"
    + b"Subject: nul\x00\x1b[2J here\r\n\r\nPlease delete\x00 my data.\r\n",
    "a subject of 2 MB": HEADERS % b"long" + b"Subject: " + b"A" * 2_000_000 + b"\r\n\r\nPlease delete my data.\r\n",
    "20,000 parts": HEADERS % b"parts"
    + b"Subject: many\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n"
    + b"".join(b"--zz\r\nContent-Type: text/plain\r\n\r\npart %d\r\n" % n for n in range(20_000))
    + b"--zz--\r\n",
    "broken base64": HEADERS % b"b64" + b"Subject: scan\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
    b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; "
    b"filename=id.pdf\r\n\r\n!!!! not base64 @@@\r\n--q--\r\n",
    "impossible dates": HEADERS % b"dates" + b"Date: Mon, 99 Foo 20261 99:99:99 +9999\r\n"
    b"Received: from x by y; Tue, 31 Feb 2026 25:00:00 +0000\r\nSubject: d\r\n\r\nPlease delete my data.\r\n",
    "unreadable addresses": b'From: <<<@@@>>> "unterminated\r\nTo: ,,,;;;@\r\nSubject: a\r\n'
    b"Message-ID: <addr@x>\r\n\r\nb\r\n",
    "an encoded path in a file name": HEADERS % b"rfc2231" + b"Subject: t\r\nContent-Type: multipart/mixed; "
    b"boundary=q\r\n\r\n--q\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
    b"filename*=UTF-8''..%2F..%2F..%2Fetc%2Fcron.d%2Fevil\r\n\r\nxx\r\n--q--\r\n",
    "an ELF program named as a photo": HEADERS % b"elf" + b"Subject: my ID\r\nContent-Type: multipart/mixed; "
    b"boundary=q\r\n\r\n--q\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=id.jpg\r\n\r\n"
    b"\x7fELF\x02\x01\x01" + b"\x00" * 64 + b"\r\n--q--\r\n",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_mail_survives_the_import_with_a_plain_note(store: Store, name: str) -> None:
    raw = HOSTILE[name]
    importer = MailImporter(store)
    first = importer.import_message(raw, source=name)
    assert first.outcome in {"new_case", "ignored"}, first
    assert importer.import_message(raw, source=name).outcome == "duplicate"
    with store.read() as session:
        stored = session.exec(select(Message)).one()
        assert stored.raw == raw
        for text in (stored.subject, stored.from_name, stored.from_addr, stored.to_addrs):
            assert not any(ch in text for ch in "\r\n\x00\x1b"), text
        assert len(stored.subject) <= 1000
        assert "Error" not in stored.parse_problems and "Traceback" not in stored.parse_problems
        names = [a.filename for a in session.exec(select(Attachment)).all()]
        assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names), names


def test_the_notes_name_what_was_wrong() -> None:
    assert (
        "The subject is 2,000,000 characters long; only the first 1,000 are kept."
        in parse_mail(HOSTILE["a subject of 2 MB"]).problems
    )
    assert "An attachment name was made safe: 'evil'." in parse_mail(HOSTILE["an encoded path in a file name"]).problems
    elf = parse_mail(HOSTILE["an ELF program named as a photo"])
    assert elf.attachments[0].sniffed_type == "application/x-executable"
    assert "The attachment 'id.jpg' says it is image/jpeg but its content looks like application/x-executable." in (
        elf.problems
    )
    assert parse_mail(HOSTILE["impossible dates"]).problems[:2] == (
        "The Date header could not be read.",
        "The message has no readable receipt time or Date header.",
    )
