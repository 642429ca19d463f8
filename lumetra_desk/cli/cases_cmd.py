"""``lumetra-desk cases ...``: list and inspect cases."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.store.queries import CaseFilter, CaseRow, iter_case_rows


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cases", help="list and work cases")
    commands = parser.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="list cases, soonest deadline first")
    listing.add_argument("--status", action="append", default=[], metavar="S", help="only this status (repeatable)")
    listing.add_argument("--jurisdiction", default="", metavar="J", help="only this jurisdiction, e.g. US-CA")
    listing.add_argument("--request-type", default="", metavar="T", help="only cases with this request type")
    listing.add_argument("--search", default="", metavar="TEXT", help="full-text search over messages and notes")
    listing.add_argument("--json", action="store_true", help="print a JSON list (streamed)")
    listing.set_defaults(handler=run_list)


def _as_json(row: CaseRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "key": row.key,
        "requester_email": row.requester_email,
        "requester_name": row.requester_name,
        "status": row.status,
        "jurisdiction": row.jurisdiction,
        "tier": row.tier,
        "request_types": row.request_types,
        "received": row.received_at.isoformat(),
        "due": row.due_date.isoformat() if row.due_date else None,
        "due_event": row.due_event or None,
        "message_ids": row.message_ids,
    }


def run_list(args: argparse.Namespace, ctx: CliContext) -> int:
    flt = CaseFilter(
        statuses=tuple(args.status),
        jurisdiction=args.jurisdiction,
        request_type=args.request_type,
        text=args.search,
    )
    out = sys.stdout
    with ctx.store().read() as session:
        rows = iter_case_rows(session, flt, with_message_ids=args.json)
        if args.json:
            out.write("[")
            for index, row in enumerate(rows):
                out.write(("\n  " if index == 0 else ",\n  ") + json.dumps(_as_json(row), ensure_ascii=False))
            out.write("\n]\n")
            return 0
        print(f"{'KEY':<16} {'STATUS':<19} {'JURIS.':<7} {'DUE':<11} {'REQUESTER':<34} TYPES")
        for row in rows:
            due = row.due_date.isoformat() if row.due_date else "-"
            print(
                f"{row.key:<16} {row.status:<19} {row.jurisdiction:<7} {due:<11} "
                f"{row.requester_email[:34]:<34} {','.join(row.request_types)}"
            )
    return 0
