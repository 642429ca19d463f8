"""Opening an attachment warns by what the file is, not only by what its name says."""

from __future__ import annotations

from email.message import EmailMessage

from sqlmodel import select

from lumetra_desk.core.intake.importer import MailImporter
from lumetra_desk.core.store.dashboard_queries import AttachmentSummary, case_detail
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case
from lumetra_desk.gui.case_view import CaseView


def _imported_attachment(store: Store, filename: str, content: bytes, maintype: str, subtype: str) -> AttachmentSummary:
    message = EmailMessage()
    message["From"] = "Mallory <mallory@example.com>"
    message["Subject"] = "My documents"
    message.set_content("Please delete my personal data. I live in Texas.")
    message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    key = MailImporter(store).import_message(message.as_bytes(), source=filename).case_key
    assert key
    with store.read() as session:
        case = session.exec(select(Case).where(Case.key == key)).one()
        detail = case_detail(session, case.id or 0)
        assert detail is not None
        (attachment,) = detail.attachments
    return attachment


def test_a_program_named_as_a_pdf_gets_the_warning(store: Store) -> None:
    program = _imported_attachment(store, "invoice.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application", "pdf")
    assert program.media_type == "application/x-msdownload"
    assert CaseView._attachment_warning(program).startswith("Warning: invoice.pdf is a kind of file that can run code")


def test_a_real_pdf_opens_without_the_warning(store: Store) -> None:
    pdf = _imported_attachment(store, "id.pdf", b"%PDF-1.4\n%%EOF\n", "application", "pdf")
    assert pdf.media_type == "application/pdf"
    assert CaseView._attachment_warning(pdf).startswith("Open id.pdf (application/pdf)")
