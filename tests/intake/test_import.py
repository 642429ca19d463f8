"""Importing mail into a real encrypted store: corpus expectations, exactly-once, hostile mail, mbox, Maildir."""

from __future__ import annotations

import json
import mailbox
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from intake_mailmaker import make_mail
from sqlmodel import col, select

from lumetra_desk.core import audit
from lumetra_desk.core.cases import service, verification, workflow
from lumetra_desk.core.intake.importer import MailImporter, iter_mbox
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Attachment, Case, CaseRequestType, Message, Note, Requester

CORPUS = Path(__file__).parent / "corpus"
LABELS: dict[str, dict[str, Any]] = {
    label["file"]: label for label in json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
}
EU_CODES = {"EU", "AT", "BE", "DE", "DK", "FR", "IE", "IT", "NL", "PL", "ES"}


def _case_of(store: Store, file_name: str) -> Case | None:
    source = str(CORPUS / file_name)
    with store.read() as session:
        message = session.exec(select(Message).where(Message.source == source)).one()
        case = session.get(Case, message.case_id) if message.case_id else None
        if case is not None:
            session.expunge(case)
        return case


def _case_id(store: Store, file_name: str) -> int | None:
    case = _case_of(store, file_name)
    return case.id if case else None


def _types(store: Store, case: Case) -> list[str]:
    with store.read() as session:
        return service.request_types_of(session, case.id or 0)


def test_corpus_import_matches_the_labels(store: Store) -> None:
    summary = MailImporter(store).import_paths([CORPUS])
    assert len(summary.new_case_keys) == 24
    assert summary.count("follow_up") == 3 and summary.count("ignored") == 2 and summary.count("rejected") == 0
    for file_name, label in LABELS.items():
        case = _case_of(store, file_name)
        if not label["is_request"] and label["thread_of"] is None:
            assert case is None, file_name
            continue
        if label["thread_of"]:
            assert case is not None and case.id == _case_id(store, label["thread_of"]), file_name
            if label["is_request"]:
                assert set(_types(store, case)) == set(label["request_types"]), file_name
            continue
        assert case is not None, file_name
        expected_jurisdiction = "EU" if label["jurisdiction"] in EU_CODES else f"US-{label['jurisdiction']}"
        assert case.jurisdiction == expected_jurisdiction, file_name
        assert bool(case.agent_email) == label["agent"], file_name
        if not any(other["thread_of"] == file_name and other["is_request"] for other in LABELS.values()):
            assert set(_types(store, case)) == set(label["request_types"]), file_name
            assert _types(store, case)[0] == label["primary"], file_name
        assert case.due_date is not None, file_name


def test_follow_up_that_adds_a_right_updates_the_case_and_its_primary(store: Store) -> None:
    MailImporter(store).import_paths([CORPUS])
    case = _case_of(store, "062_followup_adds_deletion_to_028.eml")
    assert case is not None
    assert _types(store, case) == ["delete", "opt_out_sale_share"]
    with store.read() as session:
        actions = [e.action for e in audit._events(session) if e.case_id == case.id]
        assert "case.request_types_added" in actions
        assert audit.verify(session) == []


def test_auto_reply_in_a_thread_does_not_change_the_case(store: Store) -> None:
    MailImporter(store).import_paths([CORPUS])
    case = _case_of(store, "063_ooo_autoreply_in_thread_018.eml")
    assert case is not None and case.id == _case_id(store, "018_gdpr_erasure_en_ie.eml")
    assert _types(store, case) == ["delete", "withdraw_consent"]


def test_agent_cases_belong_to_the_consumer_not_the_agent(store: Store) -> None:
    MailImporter(store).import_paths([CORPUS])
    case = _case_of(store, "051_agent_opt_out_with_signed_permission_pdf.eml")
    assert case is not None and case.agent_email == "requests@agents.example.com"
    with store.read() as session:
        requester = session.get(Requester, case.requester_id)
        assert requester is not None and requester.email == "carmen.ibanez@example.org"
        assert requester.name == "Carmen Ibáñez"  # the consumer's, so letters greet her, not "Sir or Madam"
        assert requester.postal_address == "1220 Pine Street, Apt 4, San Francisco, CA 94109"
        stored = session.exec(select(Attachment).where(col(Attachment.message_id).is_not(None))).all()
        pdf = next(a for a in stored if a.filename == "Ibanez_Carmen_agent_authorization_signed.pdf")
        assert pdf.sniffed_type == "application/pdf" and pdf.data and pdf.data.startswith(b"%PDF")


def test_running_the_import_again_imports_nothing_twice(store: Store) -> None:
    importer = MailImporter(store)
    importer.import_paths([CORPUS])
    again = importer.import_paths([CORPUS])
    assert again.count("duplicate") == 29 and not again.new_case_keys
    with store.read() as session:
        assert len(session.exec(select(Message)).all()) == 29
        assert len(session.exec(select(Case)).all()) == 24


def test_identity_is_content_hash_plus_message_id_from_the_same_sender(store: Store) -> None:
    importer = MailImporter(store)
    original = make_mail(message_id="<same@example.com>")
    relayed = b"Received: from relay by mx2.lumetra.io; Tue, 01 Sep 2026 10:05:00 +0000\r\n" + original
    no_id = make_mail("Please delete my data. Ohio.", message_id=None, sender="nid@example.com")
    outcomes = [
        importer.import_message(raw, source=name).outcome
        for name, raw in [("a", original), ("b", relayed), ("c", no_id), ("d", no_id)]
    ]
    assert outcomes == ["new_case", "duplicate", "new_case", "duplicate"]


def test_bounce_attaches_through_the_original_inside_it(store: Store) -> None:
    importer = MailImporter(store)
    importer.import_message(make_mail(message_id="<req-1@example.com>", sender="b@example.com"), source="req")
    with store.write() as session:
        case = session.exec(select(Case)).one()
        session.add(
            Message(
                direction="out",
                message_id_header="<ack-1@lumetra.io>",
                content_sha256="ack-1",
                raw=b"x",
                received_at=case.received_at,
                case_id=case.id,
                kind="outgoing",
            )
        )
    sent = make_mail(message_id="<ack-1@lumetra.io>", sender="privacy@lumetra.io", subject="We received it")
    bounce = EmailMessage()
    bounce["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.com>"
    bounce["Subject"] = "Undelivered Mail Returned to Sender"
    bounce.set_content("Your message could not be delivered: user unknown.")
    bounce.add_attachment(sent, maintype="message", subtype="rfc822")
    result = importer.import_message(bounce.as_bytes(), source="bounce")
    assert result.outcome == "follow_up" and result.case_key == case.key


def test_unmatched_auto_reply_and_spam_never_open_cases(store: Store) -> None:
    importer = MailImporter(store)
    ooo = make_mail("I am out of the office until Monday.", subject="Out of office",
                    headers={"Auto-Submitted": "auto-replied"})  # fmt: skip
    assert importer.import_message(ooo, source="ooo").reason == "auto-reply that matches no case"
    assert importer.import_message((CORPUS / "071_spam_ccpa_webinar.eml").read_bytes(), source="s").outcome == (
        "ignored"
    )
    with store.read() as session:
        assert session.exec(select(Case)).all() == []
        assert len(session.exec(select(Message)).all()) == 2


def test_hostile_mail_is_stored_safely(store: Store) -> None:
    message = EmailMessage()
    message["From"] = "Mallory <mallory@example.com>"
    message["To"] = "privacy@lumetra.io"
    message["Subject"] = "=?utf-8?q?Delete_my_data=0D=0ABcc=3A_everyone=40example=2Ecom?="
    message["Message-ID"] = "<hostile@example.com>"
    message.set_content("<p>Please delete my personal data.</p><script>steal()</script>"
                        "<img src='https://tracker.example/x.gif'>", subtype="html")  # fmt: skip
    message.add_attachment(b"root:x:0:0", maintype="text", subtype="plain", filename="../../../etc/passwd")
    message.add_attachment(b"\x00" * 2_000_000, maintype="application", subtype="octet-stream",
                           filename="huge.bin")  # fmt: skip
    result = MailImporter(store, max_attachment_bytes=1_048_576).import_message(message.as_bytes(), source="h")
    assert result.outcome == "new_case"
    with store.read() as session:
        stored = session.exec(select(Message)).one()
        assert "\n" not in stored.subject and "\r" not in stored.subject
        assert "steal" not in stored.body_text and "Please delete my personal data." in stored.body_text
        assert "remote content" in stored.parse_problems
        assert stored.raw == message.as_bytes()
        attachments = {a.filename: a for a in session.exec(select(Attachment)).all()}
        assert attachments["passwd"].data == b"root:x:0:0"
        assert attachments["passwd"].case_id == stored.case_id is not None
        assert attachments["huge.bin"].data is None and "1.9 MB, over the 1.0 MB limit" in attachments["huge.bin"].note


def test_files_that_are_not_mail_are_rejected_with_a_reason(store: Store, tmp_path: Path) -> None:
    junk = tmp_path / "photo.eml"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    summary = MailImporter(store).import_paths([junk, tmp_path / "missing.eml"])
    reasons = sorted(r.reason for r in summary.results)
    assert reasons == ["no mail headers (From, Subject, Date, Message-ID)", "no such file or folder"]


def _mbox_with(tmp_path: Path, mails: list[bytes]) -> Path:
    path = tmp_path / "archive.mbox"
    box = mailbox.mbox(str(path))
    for raw in mails:
        box.add(raw)
    box.flush()
    box.close()
    return path


def test_mbox_is_split_and_from_lines_in_bodies_survive(store: Store, tmp_path: Path) -> None:
    mails = [make_mail(f"Please delete my data.\n\nFrom the desk of person {n}.\n", sender=f"p{n}@example.com")
             for n in range(5)]  # fmt: skip
    path = _mbox_with(tmp_path, mails)
    with path.open("rb") as handle:
        split = list(iter_mbox(handle))
    assert [raw.replace(b"\r\n", b"\n") for raw in split] == [raw.replace(b"\r\n", b"\n") for raw in mails]
    summary = MailImporter(store).import_paths([path])
    assert len(summary.new_case_keys) == 5
    with store.read() as session:
        bodies = [m.body_text for m in session.exec(select(Message)).all()]
        assert all("From the desk of person" in body for body in bodies)


def test_maildir_import(store: Store, tmp_path: Path) -> None:
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    box.add(make_mail("Please delete my data.", sender="m1@example.com"))
    box.add(make_mail("I want a copy of my personal data.", sender="m2@example.com"))
    summary = MailImporter(store).import_paths([tmp_path / "Maildir"])
    assert len(summary.new_case_keys) == 2
    with store.read() as session:
        kinds = {t.request_type for t in session.exec(select(CaseRequestType)).all()}
        assert kinds == {"delete", "access"}


@pytest.mark.parametrize("subject", ["Re: [LD-2026-000001] thanks", "LD-2026-000001 my ID"])
def test_case_key_in_the_subject_threads_a_reply(store: Store, subject: str) -> None:
    importer = MailImporter(store)
    importer.import_message(make_mail(sender="first@example.com"), source="first")
    reply = make_mail("Here is the ID you asked for.", subject=subject, sender="other-address@example.net")
    result = importer.import_message(reply, source="reply")
    assert result.outcome == "follow_up" and result.case_key == "LD-2026-000001"


def test_a_reply_naming_a_merged_case_joins_the_case_it_was_merged_into(store: Store) -> None:
    importer = MailImporter(store)
    kept_key = importer.import_message(make_mail(sender="lee@example.com"), source="first").case_key
    with store.write() as session:
        kept = session.exec(select(Case).where(Case.key == kept_key)).one()
        requester = session.get(Requester, kept.requester_id)
        assert requester is not None
        duplicate = service.open_case(session, requester=requester, request_types=["delete"],
                                      received_at=kept.received_at, jurisdiction=kept.jurisdiction)  # fmt: skip
        duplicate_key = duplicate.key
        service.merge(session, kept, duplicate, actor="officer")
    reply = make_mail("Here is my account number.", subject=f"Re: [{duplicate_key}]", sender="lee@other.example")
    result = importer.import_message(reply, source="reply")
    assert (result.outcome, result.case_key) == ("follow_up", kept_key)
    with store.read() as session:
        stored = session.exec(select(Message).where(Message.source == "reply")).one()
        assert stored.case_id == session.exec(select(Case.id).where(Case.key == kept_key)).one()


def test_a_failure_while_understanding_a_mail_keeps_the_mail_and_undoes_the_rest(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The requester is already written when opening the case fails: it is taken back with everything else the
    failed try wrote, and the raw mail is stored alone for review, with its classification and its audit event."""
    importer = MailImporter(store)

    def broken_open_case(*args: object, **kwargs: object) -> Case:
        raise RuntimeError("a bug while opening the case")

    monkeypatch.setattr(service, "open_case", broken_open_case)
    result = importer.import_message(make_mail(sender="ana@example.com"), source="broken")
    assert (result.outcome, result.reason) == ("kept_for_review", "automatic processing failed")
    monkeypatch.undo()
    assert importer.import_message(make_mail(sender="bo@example.com"), source="next").outcome == "new_case"
    with store.read() as session:
        kept = session.exec(select(Message).where(Message.source == "broken")).one()
        assert kept.case_id is None and kept.review_state == "pending"
        assert "Automatic processing failed (RuntimeError)." in kept.parse_problems
        assert json.loads(kept.classification)["request_types"] == ["delete"] and kept.kind == "other"
        assert [r.email for r in session.exec(select(Requester)).all()] == ["bo@example.com"]
        imported = [e for e in audit._events(session) if e.action == "message.imported"]
        assert [json.loads(e.after)["outcome"] for e in imported] == ["kept_for_review", "new_case"]
        assert audit.verify(session) == []


def test_a_mail_naming_no_place_takes_the_jurisdiction_of_the_requesters_account(store: Store) -> None:
    importer = MailImporter(store)
    first = make_mail("Please delete my personal data. I live in Texas.", sender="kim@example.com",
                      received="Mon, 05 Jan 2026 10:00:00 +0000")  # fmt: skip
    later = make_mail("Please send me a copy of my personal data.", sender="kim@example.com",
                      received="Tue, 01 Sep 2026 10:00:00 +0000")  # fmt: skip
    keys = [importer.import_message(raw, source=name).case_key for name, raw in [("first", first), ("later", later)]]
    with store.read() as session:
        cases = {case.key: case for case in session.exec(select(Case)).all()}
        assert [cases[key].jurisdiction for key in keys if key] == ["US-TX", "US-TX"] and keys[0] != keys[1]
        stored = session.exec(select(Message).where(Message.source == "later")).one()
        assert json.loads(stored.classification)["jurisdiction"] == "unknown"


UNSEEN = Path(__file__).parent / "unseen"


def _sent(store: Store, case_key: str, message_id: str) -> None:
    """An acknowledgement as the letters room keeps it after sending: an outgoing message in the case."""
    with store.write() as session:
        case = session.exec(select(Case).where(Case.key == case_key)).one()
        session.add(Message(direction="out", message_id_header=message_id, content_sha256=message_id, raw=b"x",
                            received_at=case.received_at, case_id=case.id, kind="outgoing"))  # fmt: skip


@pytest.mark.parametrize(
    ("bounce", "returned"),
    [("701_dsn_multipart_report.eml", "<ack-301.20261012@lumetra.io>"),  # the original's headers attached
     ("702_qmail_failure_notice.eml", "<verify-318.20261013@lumetra.io>")],  # a copy pasted into the text
)  # fmt: skip
def test_a_bounce_joins_the_case_of_the_mail_it_returns(store: Store, bounce: str, returned: str) -> None:
    importer = MailImporter(store)
    key = importer.import_message(make_mail(sender="r@example.com"), source="request").case_key
    assert key
    _sent(store, key, returned)
    result = importer.import_message((UNSEEN / bounce).read_bytes(), source=bounce)
    assert (result.outcome, result.case_key) == ("follow_up", key)


def test_a_plain_bounce_quoting_the_case_key_joins_that_case(store: Store) -> None:
    importer = MailImporter(store)
    key = importer.import_message(make_mail(sender="r@example.com"), source="request").case_key
    bounce = make_mail(
        f"This is the mail system. Your message could not be delivered.\n\n--- Original message ---\n"
        f"To: r@example.com\nSubject: [{key}] We received your request\n",
        subject="Mail delivery failed: returning message to sender",
        sender="Mail Delivery System <MAILER-DAEMON@mx.example.com>",
    )
    assert (importer.import_message(bounce, source="bounce").case_key) == key


def test_bounces_and_auto_replies_that_match_nothing_open_no_case(store: Store) -> None:
    importer = MailImporter(store)
    for name in ("701_dsn_multipart_report.eml", "702_qmail_failure_notice.eml", "601_ooo_x_autoreply.eml"):
        result = importer.import_message((UNSEEN / name).read_bytes(), source=name)
        assert result.outcome == "ignored" and "matches no case" in result.reason, name
    with store.read() as session:
        assert session.exec(select(Case)).all() == [] and len(session.exec(select(Message)).all()) == 3


def test_a_new_request_after_a_closed_case_opens_a_new_case_with_an_audit_event(store: Store) -> None:
    importer = MailImporter(store)
    first = importer.import_message(make_mail(sender="c@example.com"), source="first").case_key
    with store.write() as session:
        case = session.exec(select(Case).where(Case.key == first)).one()
        case.status = "closed"
        session.add(case)
    again = importer.import_message(make_mail("I want a copy of my personal data.", sender="c@example.com"), source="2")
    assert again.outcome == "new_case" and again.case_key != first
    with store.read() as session:
        opened = [e for e in audit._events(session) if e.action == "case.opened"]
        assert len(opened) == 2 and opened[-1].actor == "intake"
        requesters = session.exec(select(Requester)).all()
        assert [r.email for r in requesters] == ["c@example.com"]  # the same requester, matched by address


def test_a_right_asked_in_a_reply_to_an_answered_case_opens_a_new_case_with_its_own_deadline(store: Store) -> None:
    """An answered case has nothing left due and cannot be answered again, so a new right asked in a reply to it
    would wait unseen: it becomes a new case, and each case's notes name the other."""
    importer = MailImporter(store)
    body = "I live in California. Under the CCPA please delete my personal information."
    first = importer.import_message(make_mail(body), source="first.eml")
    assert first.outcome == "new_case" and first.case_key
    with store.write() as session:
        case = service.find_case(session, first.case_key)
        for step in verification.create_plan(session, case, actor="test"):
            verification.record_step(session, case, step.code, True, actor="test", evidence_note="matched")
        workflow.respond(session, case, "complied", reason="deleted", purge_id_documents=True)

    reply = make_mail(
        "Thank you. Please also do not sell or share my personal information.",
        subject=f"Re: [{first.case_key}] Privacy request",
        received="Tue, 20 Oct 2026 10:00:00 +0000",
    )
    later = importer.import_message(reply, source="reply.eml")
    assert later.outcome == "new_case" and later.case_key not in (None, first.case_key)
    with store.read() as session:
        answered, opened = service.find_case(session, first.case_key), service.find_case(session, later.case_key)
        assert answered.status == "responded" and service.request_types_of(session, answered.id or 0) == ["delete"]
        assert service.request_types_of(session, opened.id or 0) == ["opt_out_sale_share"]
        assert (opened.status, opened.jurisdiction, opened.received_at.date().isoformat()) == (
            "new",
            "US-CA",
            "2026-10-20",
        )
        assert opened.due_date is not None and opened.requester_id == answered.requester_id
        notes = {n.case_id: n.body for n in session.exec(select(Note)).all()}
        assert later.case_key in notes[answered.id] and first.case_key in notes[opened.id]
        assert audit.verify(session) == []
