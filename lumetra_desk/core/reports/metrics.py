"""The CCPA §7102 metrics for a calendar year: per request type, received / complied / denied and timing.

§7102(a) asks for the number of requests received, complied with in whole or in part, and denied, per
request type, and the median or mean days to respond; both are given. Each right of a case counts once;
merged duplicates count with the case they were merged into. Appeals are not counted: they are decisions on
requests already counted, not requests of a type.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlmodel import Session, col, select

from lumetra_desk.core.letters.fonts import BASE_FONT, BOLD_FONT, paragraph_markup
from lumetra_desk.core.letters.styles import letter_styles
from lumetra_desk.core.reports.register import year_bounds
from lumetra_desk.core.store.models import Case, CaseRequestType

WHOLE = frozenset({"complied", "we_do_not_sell"})
PART = frozenset({"partly"})
DENIED = frozenset({"denied", "unable_to_verify"})
COLUMNS = ("request_type", "received", "complied_in_whole", "complied_in_part", "denied", "median_days", "mean_days")


@dataclass
class TypeMetrics:
    request_type: str
    received: int = 0
    complied_in_whole: int = 0
    complied_in_part: int = 0
    denied: int = 0
    days: list[int] = field(default_factory=list)

    @property
    def median_days(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    @property
    def mean_days(self) -> float | None:
        return round(statistics.fmean(self.days), 1) if self.days else None


def yearly_metrics(session: Session, year: int) -> list[TypeMetrics]:
    start, end = year_bounds(year)
    found = session.exec(
        select(CaseRequestType, Case)
        .join(Case, col(Case.id) == col(CaseRequestType.case_id))
        .where(
            col(Case.received_at) >= start,
            col(Case.received_at) < end,
            col(Case.merged_into_id).is_(None),
            col(CaseRequestType.request_type) != "appeal",
        )
    ).all()
    by_type: dict[str, TypeMetrics] = {}
    for right, case in found:
        metrics = by_type.setdefault(right.request_type, TypeMetrics(right.request_type))
        metrics.received += 1
        outcome = right.outcome or case.outcome
        metrics.complied_in_whole += outcome in WHOLE
        metrics.complied_in_part += outcome in PART
        metrics.denied += outcome in DENIED
        if case.responded_at is not None:
            metrics.days.append((case.responded_at.date() - case.received_at.date()).days)
    return [by_type[t] for t in sorted(by_type)]


def _cells(m: TypeMetrics) -> list[str]:
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return [
        m.request_type,
        str(m.received),
        str(m.complied_in_whole),
        str(m.complied_in_part),
        str(m.denied),
        number(m.median_days),
        number(m.mean_days),
    ]


def metrics_csv(rows: list[TypeMetrics]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(m) for m in rows)
    return buffer.getvalue()


def metrics_pdf(rows: list[TypeMetrics], year: int, company: str) -> bytes:
    """One A4 page with the table, in the letters' embedded fonts."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=f"Privacy request metrics {year}"
    )
    styles = letter_styles(document.width)
    header = ["Request type", "Received", "Complied (whole)", "Complied (part)", "Denied", "Median days", "Mean days"]
    table = Table([header, *(_cells(m) for m in rows)], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), BASE_FONT),
                ("FONTNAME", (0, 0), (-1, 0), BOLD_FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f4f7")]),
            ]
        )
    )
    story = [
        Paragraph(paragraph_markup(f"{company}: privacy request metrics for {year}"), styles.subject),
        Paragraph(
            paragraph_markup(
                "Requests received in the calendar year per request type, how many were complied with in whole "
                "or in part or denied, and the median and mean days to respond (11 CCR §7102(a))."
            ),
            styles.body,
        ),
        Spacer(1, 4 * mm),
        table,
    ]
    document.build(story)
    return buffer.getvalue()
