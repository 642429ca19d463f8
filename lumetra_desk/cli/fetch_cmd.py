"""``lumetra-desk fetch``: new mail from the privacy mailbox (IMAP) into the store, exactly once."""

from __future__ import annotations

import argparse
import json

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.intake.imap import fetch
from lumetra_desk.core.intake.importer import ImportResult, ImportSummary, MailImporter, default_max_attachment_bytes
from lumetra_desk.core.settings import load_settings


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "fetch", help="fetch new mail from the IMAP mailbox in Settings (read-only unless --move)"
    )
    parser.add_argument(
        "--move", action="store_true", help="move each imported message to the processed folder set in Settings"
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="print one line per message as it is imported")
    parser.set_defaults(handler=run_fetch)


def _print_progress(result: ImportResult) -> None:
    case = f" {result.case_key}" if result.case_key else ""
    print(f"{result.source}: {result.outcome}{case}", flush=True)


def run_fetch(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = load_settings(ctx.paths)
    importer = MailImporter(
        ctx.store(),
        max_attachment_bytes=default_max_attachment_bytes(settings.attachment_limit_mb),
        progress=_print_progress if args.verbose else None,
    )
    result = fetch(importer, settings.imap, move=args.move)
    summary = ImportSummary(results=result.results, notes=result.notes)
    if result.moved:
        summary.notes.append(f"Moved to {settings.imap.processed_folder}: {result.moved}")
    if args.json:
        print(json.dumps({"account": result.account, "folder": result.folder, **summary.as_dict()}, indent=2))
    else:
        print(f"Fetched {len(result.results)} message(s) from {result.folder} of {result.account}")
        print(summary.text())
    return 0
