"""``lumetra-desk due [--within DAYS] [--json] [--digest]``: what is overdue or due soon, for scripts and cron."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.reminders import daily_digest, due_within
from lumetra_desk.core.settings import load_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("due", help="list overdue deadlines, deadlines due soon and extension decisions")
    parser.add_argument("--within", type=int, default=7, metavar="DAYS", help="look this many days ahead (default 7)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print a JSON list")
    output.add_argument("--digest", action="store_true", help="print the daily digest text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.within < 0:
        print("lumetra-desk: --within must be zero or more")
        return 2
    today = date.today()
    lead_days = load_settings(ctx.paths).reminders.lead_days
    with ctx.store().read() as session:
        reminders = due_within(session, today, args.within, lead_days)
    if args.json:
        print(json.dumps([r.as_dict() for r in reminders], indent=2, ensure_ascii=False))
    elif args.digest:
        print(daily_digest(reminders, today))
    else:
        for reminder in reminders:
            print(f"{reminder.due.isoformat()}  {reminder.kind:<16} {reminder.title}")
        if not reminders:
            print(f"Nothing is overdue or due within {args.within} days.")
    return 0
