"""``lumetra-desk calendar export FILE.ics``: every open deadline as a calendar event with alarms at lead times."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.reminders import calendar_bytes
from lumetra_desk.core.settings import load_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("calendar", help="export deadlines for a calendar application")
    commands = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)
    export = commands.add_parser("export", help="write open deadlines to an .ics file (with alarms)")
    export.add_argument("file", type=Path, metavar="FILE.ics")
    export.add_argument(
        "--within", type=int, default=366, metavar="DAYS", help="deadlines up to this many days ahead (default 366)"
    )
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    lead_days = load_settings(ctx.paths).reminders.lead_days
    with ctx.store().read() as session:
        data, count = calendar_bytes(session, date.today(), args.within, lead_days)
    try:
        args.file.write_bytes(data)
    except OSError as exc:
        raise InvalidInputError(f"Cannot write {args.file}: {exc.strerror or exc}.") from exc
    print(f"Wrote {count} deadline{'s' if count != 1 else ''} to {args.file}.")
    return 0
