"""``lumetra-desk audit verify``: walk the hash chain and name every row edited, inserted, deleted or emptied."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core import audit


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="check the audit trail")
    commands = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = commands.add_parser("verify", help="check the hash chain; exit 1 and name the rows when broken")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().read() as session:
        found = audit.check(session)
    if found.problems:
        for problem in found.problems:
            print(f"BROKEN: {problem}", file=sys.stderr)
        print(f"The audit trail is broken ({len(found.problems)} problem(s)).", file=sys.stderr)
        return 1
    print("The audit trail is intact.")
    if found.erased:
        print(
            f"{found.events} events; the content of {found.erased} was erased by retention purges, each named by the "
            "purge's own event."
        )
    return 0
