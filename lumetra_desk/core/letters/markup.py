"""The small letter markup templates produce, turned into ReportLab flowables.

A template renders (with autoescaping, so user text can never add markup) to::

    <letter subject="...">
      <h>Heading</h>  <p>Text with <b>bold</b>, <i>italic</i> and <br/></p>  <note>small print</note>
      <ul><li>item</li></ul>
      <table widths="30,70"><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>
      <signature/>
      <keep><h>Form</h><p>...</p></keep>  (blocks that must share one page, e.g. a form to sign)
    </letter>

Every text node is escaped again and split into font runs on its way into a Paragraph, so names in any script
print and no text is ever read as ReportLab markup.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.tables import TableStyle

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.fonts import Tag, letter_paragraph, paragraph_markup
from lumetra_desk.core.letters.styles import LetterStyles

_INLINE_TAGS = {"b": (Tag("<b>"), Tag("</b>")), "i": (Tag("<i>"), Tag("</i>"))}
_LINE_BREAK = Tag("<br/>", breaks_word=True)
HEADING_ROOM = 64  # points: the heading and about two lines of what follows it


@dataclass(frozen=True)
class ParsedLetter:
    subject: str
    flowables: list[Flowable]


def parse_letter(
    markup: str, styles: LetterStyles, signature: Callable[[], list[Flowable]], *, source: str
) -> ParsedLetter:
    """Parse rendered template output; a malformed template is named in a plain error."""
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as exc:
        raise InvalidInputError(f"The letter template {source} produced broken markup ({exc}).") from exc
    if root.tag != "letter":
        raise InvalidInputError(f"The letter template {source} must produce one <letter> element.")
    subject = " ".join(root.get("subject", "").split())
    if not subject:
        raise InvalidInputError(f"The letter template {source} gives the <letter> no subject.")
    builder = _Builder(styles, signature, source)
    flowables: list[Flowable] = []
    for element in root:
        if element.tag == "signature" and flowables and isinstance(flowables[-1], Paragraph):
            # The closing paragraph goes with the signature, so a page never holds only "Sincerely".
            flowables.append(KeepTogether([flowables.pop(), *builder.signature()]))
        else:
            flowables.extend(builder.block(element))
    return ParsedLetter(subject=subject, flowables=flowables)


class _Builder:
    def __init__(self, styles: LetterStyles, signature: Callable[[], list[Flowable]], source: str) -> None:
        self.styles = styles
        self.signature = signature
        self.source = source

    def block(self, element: ET.Element) -> list[Flowable]:
        tag = element.tag
        if tag == "p":
            return [self.paragraph(element, self.styles.body)]
        if tag == "note":
            return [self.paragraph(element, self.styles.note)]
        if tag == "h":  # a new page first unless a heading and two lines still fit: no heading alone at the foot
            return [CondPageBreak(HEADING_ROOM), self.paragraph(element, self.styles.heading)]
        if tag == "ul":
            return [self.bullets(element)]
        if tag == "table":
            return [self.table(element)]
        if tag == "signature":
            return [KeepTogether(self.signature())]
        if tag == "spacer":
            return [Spacer(1, float(element.get("height", "8")))]
        if tag == "keep":  # kept whole, so its headings need no page-foot check of their own
            kept = [flowable for child in element for flowable in self.block(child)]
            return [KeepTogether([flowable for flowable in kept if not isinstance(flowable, CondPageBreak)])]
        raise self.unknown(tag, "a block")

    def paragraph(self, element: ET.Element, style: ParagraphStyle) -> Paragraph:
        """An element's content as one Paragraph: text escaped, only <b>, <i> and <br/> kept."""
        return letter_paragraph(paragraph_markup(*self.inline(element)), style)

    def inline(self, element: ET.Element) -> list[str | Tag]:
        """An element's text and the tags kept between its pieces, in order."""
        parts: list[str | Tag] = [element.text or ""]
        for child in element:
            if child.tag == "br":
                parts.append(_LINE_BREAK)
            elif child.tag in _INLINE_TAGS:
                opening, closing = _INLINE_TAGS[child.tag]
                parts += [opening, *self.inline(child), closing]
            else:
                raise self.unknown(child.tag, "text")
            parts.append(child.tail or "")
        return parts

    def bullets(self, element: ET.Element) -> Flowable:
        items = []
        for child in element:
            if child.tag != "li":
                raise self.unknown(child.tag, "a <ul>")
            items.append(ListItem(self.paragraph(child, self.styles.bullet), leftIndent=14))
        return ListFlowable(
            items,
            bulletType="bullet",
            start="•",
            leftIndent=14,
            bulletFontName=self.styles.body.fontName,
            spaceAfter=self.styles.body.spaceAfter,
        )

    def table(self, element: ET.Element) -> Flowable:
        rows: list[list[Paragraph]] = []
        header_rows = 0
        for row_element in element:
            if row_element.tag != "tr":
                raise self.unknown(row_element.tag, "a <table>")
            cells = list(row_element)
            is_header = bool(cells) and all(cell.tag == "th" for cell in cells)
            if is_header and len(rows) == header_rows:
                header_rows += 1
            out = []
            for cell in cells:
                if cell.tag not in ("th", "td"):
                    raise self.unknown(cell.tag, "a <tr>")
                style = self.styles.table_head if cell.tag == "th" else self.styles.table_cell
                out.append(self.paragraph(cell, style))
            rows.append(out)
        if not rows:
            raise InvalidInputError(f"The letter template {self.source} has an empty <table>.")
        width = max(len(row) for row in rows)
        for cells_out in rows:
            cells_out.extend(Paragraph("", self.styles.table_cell) for _ in range(width - len(cells_out)))
        table = Table(
            rows,
            colWidths=self.column_widths(element.get("widths"), width),
            repeatRows=header_rows,
            spaceAfter=self.styles.body.spaceAfter,
        )
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#9aa5b1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header_rows:
            commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e4e9ef")))
        table.setStyle(TableStyle(commands))
        return table

    def column_widths(self, spec: str | None, columns: int) -> list[float] | None:
        """Widths given as percentages of the text width, e.g. ``widths="30,70"``."""
        if not spec:
            return None
        try:
            shares = [float(part) for part in spec.split(",")]
        except ValueError as exc:
            raise InvalidInputError(f"The letter template {self.source} has bad table widths {spec!r}.") from exc
        if len(shares) != columns:
            raise InvalidInputError(
                f"The letter template {self.source} gives {len(shares)} table widths for {columns} columns."
            )
        total = sum(shares)
        return [self.styles.text_width * share / total for share in shares]

    def unknown(self, tag: str, where: str) -> InvalidInputError:
        return InvalidInputError(
            f"The letter template {self.source} uses <{tag}> inside {where}, which is not allowed."
        )
