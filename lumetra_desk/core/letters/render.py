"""Render one letter to PDF bytes: letterhead, recipient block, body from the template, numbered pages.

Every page carries the case key and "Page x of y" (the total is known only once the story is laid out, so the
canvas keeps each page's state and stamps the footers when the document is saved). Tables repeat their header
rows across pages. Letters that carry personal data may be password protected.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate, Paragraph, Spacer

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.data import LetterData
from lumetra_desk.core.letters.fonts import (
    BASE_FONT,
    BOLD_FONT,
    drawable_runs,
    letter_paragraph,
    paragraph_markup,
    register_fonts,
)
from lumetra_desk.core.letters.inventory import load_inventory
from lumetra_desk.core.letters.kinds import ag_contact_needed, get_kind
from lumetra_desk.core.letters.markup import parse_letter
from lumetra_desk.core.letters.styles import LetterStyles, letter_styles
from lumetra_desk.core.letters.templates import long_date, render_template

PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 0.9 * inch
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEAD_TOP = PAGE_HEIGHT - MARGIN / 1.5
FIRST_FRAME_TOP = HEAD_TOP - 76  # below the full letterhead
LATER_FRAME_TOP = HEAD_TOP - 26  # below the running head
FOOTER_Y = MARGIN / 2
FRAME_BOTTOM = FOOTER_Y + 22
ENCRYPTION_STRENGTH = 128  # the strongest ReportLab offers without the optional pyaes package
_GREY = colors.HexColor("#52606d")


@dataclass(frozen=True)
class RenderedLetter:
    kind: str
    subject: str
    pdf: bytes
    sha256: str
    snapshot: dict[str, Any]  # what the letter was built from, kept with the PDF
    password_protected: bool


def render_letter(
    kind: str, data: LetterData, *, password: str | None = None, templates_override_dir: Path | None = None
) -> RenderedLetter:
    """Check the facts, fill in the template and lay the letter out as a PDF."""
    letter_kind = get_kind(kind)
    letter_kind.validate(data)
    if password is not None:
        _check_password(password)
    register_fonts()
    inventory = load_inventory()
    context = {
        "d": data,
        "kind": letter_kind,
        "inventory": inventory,
        "ag_contact_needed": ag_contact_needed(data),
    }
    rendered = render_template(kind, context, templates_override_dir)
    styles = letter_styles(TEXT_WIDTH)
    parsed = parse_letter(rendered.markup, styles, lambda: _signature(data, styles), source=rendered.source)

    buffer = io.BytesIO()
    document = _LetterDocument(buffer, data, parsed.subject, password)
    document.build([*_opening(data, parsed.subject, styles), *parsed.flowables])
    pdf = buffer.getvalue()
    snapshot = {
        "kind": kind,
        "subject": parsed.subject,
        "template": rendered.source,
        "template_sha256": rendered.sha256,
        "inventory_sha256": inventory.sha256,
        "data": data.snapshot(),
    }
    return RenderedLetter(
        kind=kind,
        subject=parsed.subject,
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        snapshot=snapshot,
        password_protected=password is not None,
    )


def _check_password(password: str) -> None:
    """128-bit PDF encryption reads the password as PDFDocEncoding, which readers only agree on for ASCII."""
    if not password:
        raise InvalidInputError("The letter password is empty; the letter was not issued.")
    if not (password.isascii() and password.isprintable()):
        raise InvalidInputError(
            "The letter password may use only unaccented letters, digits, spaces and punctuation: PDF readers "
            "disagree on other characters and the requester might not be able to open the letter."
        )


def _opening(data: LetterData, subject: str, styles: LetterStyles) -> list[Flowable]:
    """Recipient block, date, reference and subject line: the same on every kind of letter."""
    recipient = data.recipient
    lines = [recipient.name, *recipient.address_lines, recipient.email]
    block: list[Flowable] = [
        letter_paragraph(paragraph_markup(line), styles.recipient) for line in lines if line.strip()
    ]
    block.append(Spacer(1, 14))
    block.append(Paragraph(paragraph_markup(long_date(data.letter_date)), styles.meta))
    block.append(Paragraph(f"Our reference: {paragraph_markup(data.case_key)}", styles.meta))
    block.append(Paragraph(f"Re: {paragraph_markup(subject)}", styles.subject))
    block.append(NextPageTemplate("later"))
    return block


def _signature(data: LetterData, styles: LetterStyles) -> list[Flowable]:
    company = data.company
    lines = [line for line in dict.fromkeys((*company.signature_lines, company.email.strip())) if line]
    return [
        Paragraph("Sincerely,", styles.body),
        Spacer(1, 18),
        *(letter_paragraph(paragraph_markup(line), styles.recipient) for line in lines),
    ]


class _LetterDocument(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, data: LetterData, subject: str, password: str | None) -> None:
        encrypt = None
        if password is not None:
            # A random owner password: the requester's password opens the letter but cannot lift restrictions.
            encrypt = StandardEncryption(
                password, ownerPassword=secrets.token_urlsafe(24), canModify=0, strength=ENCRYPTION_STRENGTH
            )
        super().__init__(
            buffer,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=f"{subject} ({data.case_key})",
            author=data.company.name,
            subject=f"{data.case_key}: {subject}",
            creator="Lumetra Desk",
            initialFontName=BASE_FONT,
            encrypt=encrypt,
        )
        self.data = data
        self.letter_subject = subject
        self.addPageTemplates(
            [
                PageTemplate("first", [_frame("first", FIRST_FRAME_TOP)], onPage=self._letterhead),
                PageTemplate("later", [_frame("later", LATER_FRAME_TOP)], onPage=self._running_head),
            ]
        )

    def build(self, flowables: list[Flowable]) -> None:
        case_key, company = self.data.case_key, self.data.company.name

        def make_canvas(*args: Any, **kwargs: Any) -> Canvas:
            return _NumberedCanvas(case_key, company, *args, **kwargs)

        super().build(flowables, canvasmaker=make_canvas)

    def _letterhead(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        company = self.data.company
        top = HEAD_TOP
        _draw_runs(canvas, MARGIN, top - 14, company.name, BOLD_FONT, 17, colors.HexColor("#1f2933"))
        if company.product:
            _draw_runs(canvas, MARGIN, top - 30, company.product, BASE_FONT, 9, _GREY)
        details = [line for line in (*company.address_lines, company.email, company.website) if line.strip()]
        y = top - 6
        for line in details[:5]:  # more would run into the body
            _draw_runs(canvas, PAGE_WIDTH - MARGIN, y, line, BASE_FONT, 8.5, _GREY, align_right=True)
            y -= 11
        rule_y = min(y, top - 36) - 4
        canvas.setStrokeColor(colors.HexColor("#1f6feb"))
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, rule_y, PAGE_WIDTH - MARGIN, rule_y)

    def _running_head(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        top = HEAD_TOP
        _draw_runs(canvas, MARGIN, top - 10, self.data.company.name, BOLD_FONT, 9, colors.HexColor("#1f2933"))
        _draw_runs(canvas, PAGE_WIDTH - MARGIN, top - 10, self.letter_subject, BASE_FONT, 8.5, _GREY, align_right=True)
        canvas.setStrokeColor(colors.HexColor("#9aa5b1"))
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, top - 16, PAGE_WIDTH - MARGIN, top - 16)


def _frame(name: str, top: float) -> Frame:
    return Frame(
        MARGIN, FRAME_BOTTOM, TEXT_WIDTH, top - FRAME_BOTTOM, id=name, leftPadding=0, rightPadding=0, topPadding=0
    )


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so each footer can say "Page x of y"."""

    def __init__(self, case_key: str, company: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._case_key = case_key
        self._company = company
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        y = FOOTER_Y
        self.setStrokeColor(colors.HexColor("#9aa5b1"))
        self.setLineWidth(0.6)
        self.line(MARGIN, y + 12, PAGE_WIDTH - MARGIN, y + 12)
        _draw_runs(self, MARGIN, y, f"Case {self._case_key} · {self._company}", BASE_FONT, 8, _GREY)
        _draw_runs(self, PAGE_WIDTH - MARGIN, y, f"Page {number} of {total}", BASE_FONT, 8, _GREY, align_right=True)


def _draw_runs(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    color: colors.Color,
    *,
    align_right: bool = False,
) -> None:
    """Draw one line, switching fonts for the characters the main font lacks."""
    runs = drawable_runs(text, font, size)
    cursor = x - sum(width for _, _, width in runs) if align_right else x
    canvas.setFillColor(color)
    for run, run_font, width in runs:
        canvas.setFont(run_font, size)
        canvas.drawString(cursor, y, run)
        cursor += width
