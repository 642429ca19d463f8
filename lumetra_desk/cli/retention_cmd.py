"""``lumetra-desk retention purge [--dry-run]``: delete cases past their retention period (audited)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.reports.retention import purge, purge_candidates


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("retention", help="records retention")
    commands = parser.add_subparsers(dest="retention_command", metavar="ACTION", required=True)
    cmd = commands.add_parser("purge", help="delete closed cases past their retention period (24 months at least)")
    cmd.add_argument("--dry-run", action="store_true", help="only list what would go and why")
    cmd.set_defaults(handler=run_purge)


def run_purge(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    today = date.today()
    if args.dry_run:
        with store.read() as session:
            candidates = purge_candidates(session, today)
        for candidate in candidates:
            print(f"would purge {candidate.key}: {candidate.why}")
        print(f"{len(candidates)} case(s) would be purged.")
        return 0
    with store.write() as session:
        candidates = purge_candidates(session, today)
        count = purge(session, candidates, actor=None)
    for candidate in candidates:
        print(f"purged {candidate.key}: {candidate.why}")
    print(
        f"{count} case(s) purged; what their audit events said about the requester is erased, and each purge is "
        "in the audit trail with its rule."
    )
    return 0
