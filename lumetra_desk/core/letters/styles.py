"""Paragraph styles of the letters, every one naming an embedded font explicitly.

Explicit font names (rather than ReportLab's defaults) keep Helvetica out of the PDF even when some other
module imported ``reportlab.lib.styles`` before the fonts were registered.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from lumetra_desk.core.letters.fonts import BASE_FONT, BOLD_FONT, register_fonts


@dataclass(frozen=True)
class LetterStyles:
    text_width: float
    body: ParagraphStyle
    note: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle
    recipient: ParagraphStyle
    meta: ParagraphStyle
    subject: ParagraphStyle


def letter_styles(text_width: float) -> LetterStyles:
    register_fonts()
    body = ParagraphStyle("body", fontName=BASE_FONT, fontSize=10, leading=14, spaceAfter=7)
    return LetterStyles(
        text_width=text_width,
        body=body,
        note=ParagraphStyle(
            "note", parent=body, fontSize=8.5, leading=11.5, spaceBefore=4, textColor=colors.HexColor("#3e4c59")
        ),
        heading=ParagraphStyle(
            "heading", parent=body, fontName=BOLD_FONT, fontSize=11, leading=15, spaceBefore=6, spaceAfter=4
        ),
        bullet=ParagraphStyle("bullet", parent=body, spaceAfter=2),
        table_head=ParagraphStyle(
            "table_head", parent=body, fontName=BOLD_FONT, fontSize=8.5, leading=11, spaceAfter=0
        ),
        table_cell=ParagraphStyle("table_cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        recipient=ParagraphStyle("recipient", parent=body, spaceAfter=0),
        meta=ParagraphStyle("meta", parent=body, spaceAfter=0),
        subject=ParagraphStyle("subject", parent=body, fontName=BOLD_FONT, spaceBefore=10, spaceAfter=10),
    )
