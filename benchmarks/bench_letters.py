"""Budgets (issue 6): a one-page letter renders in at most 50 ms (median), and a batch of 1,000 letters runs at
no less than 50% of the throughput of a bare ReportLab canvas writing the same text with the same embedded
fonts and sizes (read back from the letter), both measured here in the same run, interleaved.

Usage: python benchmarks/bench_letters.py [--batch N] [--singles N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from datetime import date

from pypdf import PdfReader
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from lumetra_desk.core.letters.data import AppealFacts, CompanyDetails, JurisdictionFacts, LetterData, Recipient
from lumetra_desk.core.letters.fonts import BASE_FONT, register_fonts
from lumetra_desk.core.letters.render import render_letter

SINGLE_BUDGET_MS = 50.0
THROUGHPUT_SHARE = 0.5
KIND = "acknowledgement"
CHUNK = 50


def _data(number: int) -> LetterData:
    return LetterData(
        company=CompanyDetails(
            name="Lumetra LLC",
            email="privacy@lumetra.io",
            address_lines=("548 Market Street, Suite 400", "San Francisco, CA 94104"),
            website="lumetra.io",
            product="Engram",
            signatory_name="Dana Whitfield",
            signatory_title="Privacy Officer",
        ),
        recipient=Recipient(name="Zoë Łukasz Διονύσης Дмитрий 王芳", email=f"requester{number}@example.org"),
        case_key=f"LD-2026-{number:06d}",
        letter_date=date(2026, 11, 27),
        received_on=date(2026, 11, 2),
        request_types=("access to your personal information", "deletion of your personal information"),
        jurisdiction=JurisdictionFacts(
            code="US-VA",
            name="Virginia",
            law_name="Virginia Consumer Data Protection Act",
            citation="Va. Code §59.1-577(B)",
            appeal=AppealFacts(available=True, decision_period="60 days", citation="Va. Code §59.1-577(C)"),
        ),
        respond_by=date(2026, 12, 17),
        verification_process="We compare two details you give us with the details of your Engram account.",
    )


Segment = tuple[str, str, float]  # text, font, size


def _segments(pdf: bytes) -> list[Segment]:
    """The letter's first page as (text, font, size) pieces, read back from the PDF itself."""
    pieces: list[Segment] = []

    def visit(text: str, _cm: object, _tm: object, font: dict[str, object] | None, size: float) -> None:
        if text.strip() and font is not None:
            pieces.append((text, str(font["/BaseFont"]).split("+", 1)[-1], float(size)))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return pieces


def _bare_canvas(segments: list[Segment]) -> bytes:
    """The baseline: the same text in the same fonts and sizes drawn straight onto a canvas, no layout."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, initialFontName=BASE_FONT)
    x, y = 72.0, LETTER[1] - 72
    for text, font, size in segments:
        canvas.setFont(font, size)
        canvas.drawString(x, y, text.rstrip("\n"))
        x += canvas.stringWidth(text.rstrip("\n"), font, size)
        if text.endswith("\n"):
            x, y = 72.0, y - size * 1.4
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=60)
    args = parser.parse_args()
    register_fonts()
    render_letter(KIND, _data(0))  # warm up: templates compiled, fonts parsed

    single_ms = []
    for number in range(args.singles):
        started = time.perf_counter()
        letter = render_letter(KIND, _data(number))
        single_ms.append((time.perf_counter() - started) * 1000)
    pages = len(PdfReader(io.BytesIO(letter.pdf)).pages)
    median_ms = statistics.median(single_ms)

    first = _data(0)
    template = _segments(render_letter(KIND, first).pdf)
    batch = [_data(number) for number in range(args.batch)]
    baseline = [
        [
            (
                text.replace(first.case_key, data.case_key).replace(first.recipient.email, data.recipient.email),
                font,
                size,
            )
            for text, font, size in template
        ]
        for data in batch
    ]
    # Alternate chunks of both so that load from other processes hits both sides alike.
    ours_s = bare_s = 0.0
    for chunk in range(0, args.batch, CHUNK):
        started = time.perf_counter()
        for data in batch[chunk : chunk + CHUNK]:
            render_letter(KIND, data)
        ours_s += time.perf_counter() - started
        started = time.perf_counter()
        for segments in baseline[chunk : chunk + CHUNK]:
            _bare_canvas(segments)
        bare_s += time.perf_counter() - started

    ours_rate, bare_rate = args.batch / ours_s, args.batch / bare_s
    share = ours_rate / bare_rate
    print(f"one {pages}-page {KIND} letter: median {median_ms:.1f} ms over {args.singles} "
          f"(budget {SINGLE_BUDGET_MS:.0f} ms: {'OK' if median_ms <= SINGLE_BUDGET_MS else 'OVER'})")  # fmt: skip
    print(f"batch of {args.batch}: letters {ours_s:.2f} s ({ours_rate:.0f}/s), bare canvas, same text "
          f"{bare_s:.2f} s ({bare_rate:.0f}/s)")  # fmt: skip
    print(f"throughput {share:.0%} of the bare canvas "
          f"(budget {THROUGHPUT_SHARE:.0%}: {'OK' if share >= THROUGHPUT_SHARE else 'OVER'})")  # fmt: skip


if __name__ == "__main__":
    main()
