"""``lumetra-desk import PATH...``: .eml files, mbox files and Maildir folders into the store, exactly once."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.intake.importer import ImportResult, MailImporter, default_max_attachment_bytes
from lumetra_desk.core.settings import load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import mail files (.eml, mbox, Maildir); running it again imports nothing twice"
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=".eml file, mbox file, Maildir or folder")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="print one line per message as it is imported")
    parser.set_defaults(handler=run_import)


def _print_progress(result: ImportResult) -> None:
    case = f" {result.case_key}" if result.case_key else ""
    reason = f" ({result.reason})" if result.reason else ""
    print(f"{result.source}: {result.outcome}{case}{reason}", flush=True)


def run_import(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = load_settings(ctx.paths)
    importer = MailImporter(
        ctx.store(),
        max_attachment_bytes=default_max_attachment_bytes(settings.attachment_limit_mb),
        progress=_print_progress if args.verbose else None,
    )
    summary = importer.import_paths(Path(name) for name in args.paths)
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(summary.text())
    return 0
