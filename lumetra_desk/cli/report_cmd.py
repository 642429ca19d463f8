"""``lumetra-desk report register|metrics --year Y``: the §7101 register and the §7102 metrics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.reports.metrics import metrics_csv, metrics_pdf, yearly_metrics
from lumetra_desk.core.reports.register import register_csv, register_rows
from lumetra_desk.core.settings import load_settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("report", help="request register and yearly metrics")
    commands = parser.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    reg = commands.add_parser("register", help="the CCPA §7101 request register as CSV")
    reg.add_argument("--year", type=int, required=True, metavar="Y", help="requests received in this year")
    reg.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the CSV here (default: stdout)")
    reg.set_defaults(handler=run_register)
    metrics = commands.add_parser("metrics", help="the CCPA §7102 metrics as CSV (and PDF)")
    metrics.add_argument("--year", type=int, required=True, metavar="Y", help="the calendar year")
    metrics.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the CSV here (default: stdout)")
    metrics.add_argument("--pdf", type=Path, metavar="FILE", help="also write a one-page PDF")
    metrics.set_defaults(handler=run_metrics)


def _write(text: str, target: Path | None) -> None:
    if target is None:
        sys.stdout.write(text)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InvalidInputError(f"{target} cannot be written ({exc.strerror}).") from exc
    print(f"Written to {target}")


def run_register(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().read() as session:
        rows = register_rows(session, args.year)
    _write(register_csv(rows), args.output)
    return 0


def run_metrics(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().read() as session:
        rows = yearly_metrics(session, args.year)
    _write(metrics_csv(rows), args.output)
    if args.pdf:
        pdf = metrics_pdf(rows, args.year, load_settings(ctx.paths).company.name)
        try:
            args.pdf.write_bytes(pdf)
        except OSError as exc:
            raise InvalidInputError(f"{args.pdf} cannot be written ({exc.strerror}).") from exc
        print(f"PDF written to {args.pdf}", file=sys.stderr if args.output is None else sys.stdout)
    return 0
