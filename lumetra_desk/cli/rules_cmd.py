"""``lumetra-desk rules ...``: deadlines, the rules of a jurisdiction, and the review table for counsel.

None of these commands needs the store: they read the bundled statute files only, so scripts and tests
can rely on them on any machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.rules import (
    REQUEST_TYPES,
    UNKNOWN_JURISDICTION,
    ClockEvent,
    DeadlineResult,
    compute_deadlines,
    load_rulebook,
)
from lumetra_desk.core.rules.review import jurisdiction_summary, review_markdown, review_text
from lumetra_desk.core.rules.rulebook import jurisdiction_codes

EVENT_OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--id-requested", "id_requested", "day identity information was asked for"),
    ("--id-received", "id_received", "day the requested identity information arrived"),
    ("--clarification-requested", "clarification_requested", "day a clarification was asked for"),
    ("--clarification-received", "clarification_received", "day the clarification arrived"),
    ("--extension-taken", "extension_taken", "day the extension notice was sent"),
    ("--appeal-received", "appeal_received", "day an appeal of this request arrived"),
)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {text!r}") from exc


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("rules", help="statutory deadlines and the rules behind them")
    commands = parser.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    codes = [*jurisdiction_codes(), UNKNOWN_JURISDICTION]

    deadlines = commands.add_parser(
        "deadlines",
        help="every deadline of one request, with its legal basis",
        description="Every deadline of one request. With --request appeal, --received is the day the appeal "
        f"arrived. Jurisdictions: {', '.join(codes)}. Request types: {', '.join(REQUEST_TYPES)}.",
    )
    deadlines.add_argument("--jurisdiction", required=True, choices=codes, metavar="CODE", help="e.g. US-CA, EU")
    deadlines.add_argument("--request", required=True, choices=REQUEST_TYPES, metavar="TYPE", help="e.g. access")
    deadlines.add_argument("--received", required=True, type=_date, metavar="DATE", help="YYYY-MM-DD")
    for option, _, help_text in EVENT_OPTIONS:
        deadlines.add_argument(option, type=_date, metavar="DATE", help=help_text)
    deadlines.add_argument("--json", action="store_true", help="print JSON instead of a table")
    deadlines.set_defaults(handler=run_deadlines)

    listing = commands.add_parser("list", help="the jurisdictions with rules")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="one jurisdiction's rules with citations")
    show.add_argument("code", choices=codes[:-1], metavar="CODE", help=f"one of {', '.join(codes[:-1])}")
    show.add_argument("--json", action="store_true", help="print the rules as JSON")
    show.set_defaults(handler=run_show)

    review = commands.add_parser("review", help="one review table of all jurisdictions, for counsel")
    review.add_argument("--markdown", action="store_true", help="print the markdown document (docs/statutes.md)")
    review.set_defaults(handler=run_review)


def result_as_json(result: DeadlineResult) -> dict[str, Any]:
    return {
        "jurisdiction": result.jurisdiction,
        "law": result.law,
        "request_type": result.request_type,
        "assumed": result.assumed,
        "deadlines": [
            {
                "event": deadline.event,
                "due": deadline.due.isoformat(),
                "basis": deadline.basis,
                "confirmed": deadline.confirmed,
                "assumed": deadline.assumed,
                "note": deadline.note,
            }
            for deadline in result.deadlines
        ],
        "notes": result.notes,
    }


def _result_table(result: DeadlineResult) -> str:
    lines = [f"{result.jurisdiction}: {result.law}", f"Request: {result.request_type}", ""]
    if result.deadlines:
        rows = [("EVENT", "DUE", "CONFIRMED", "BASIS")]
        for deadline in result.deadlines:
            confirmed = "yes" if deadline.confirmed else "no (assumed)" if deadline.assumed else "no"
            rows.append((deadline.event, f"{deadline.due:%a %Y-%m-%d}", confirmed, deadline.basis))
        widths = [max(len(row[index]) for row in rows) for index in range(3)]
        lines.extend(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]
            for row in rows
        )
        notes = [f"{d.event}: {d.note}" for d in result.deadlines if d.note]
    else:
        lines.append("No deadline applies.")
        notes = []
    notes.extend(result.notes)
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


def run_deadlines(args: argparse.Namespace, ctx: CliContext) -> int:
    events = [ClockEvent(kind, getattr(args, kind)) for _, kind, _ in EVENT_OPTIONS if getattr(args, kind)]
    result = compute_deadlines(args.jurisdiction, args.request, args.received, events)
    if args.json:
        print(json.dumps(result_as_json(result), ensure_ascii=False, indent=2))
    else:
        print(_result_table(result))
    return 0


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    book = load_rulebook()
    if args.json:
        rows = [
            {"code": rules.code, "law": rules.law_name, "short_name": rules.short_name, "citation": rules.citation}
            for rules in book.all()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    width = max(len(code) for code in book.jurisdictions())
    for rules in book.all():
        print(f"{rules.code.ljust(width)}  {rules.short_name}: {rules.law_name}")
    return 0


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    rules = load_rulebook().get(args.code)
    if args.json:
        print(json.dumps(dataclasses.asdict(rules), ensure_ascii=False, indent=2, default=str))
    else:
        print(jurisdiction_summary(rules), end="")
    return 0


def run_review(args: argparse.Namespace, ctx: CliContext) -> int:
    book = load_rulebook()
    print(review_markdown(book) if args.markdown else review_text(book), end="")
    return 0
