"""``lumetra-desk cases ...``: list and inspect cases."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core import rules
from lumetra_desk.core.cases import export, service, verification, workflow
from lumetra_desk.core.cases.deadline_reading import read_case_deadlines
from lumetra_desk.core.cases.wording import clock_event_words, status_words
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.models import Attachment, Case, ClockEvent, Deadline, Letter
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
    _register_work(commands)


def _register_work(commands: Any) -> None:
    ref = {"metavar": "ID", "help": "case key (LD-2026-000123) or number"}
    show = commands.add_parser("show", help="a case with its deadlines, clock, verification and allowed actions")
    show.add_argument("case", **ref)
    show.add_argument("--json", action="store_true", help="print the full record as JSON")
    show.set_defaults(handler=run_show)
    move = commands.add_parser("transition", help="move a case to another status (refused with the reason why)")
    move.add_argument("case", **ref)
    move.add_argument("state", metavar="STATE", choices=workflow.STATUSES, help=", ".join(workflow.STATUSES))
    move.add_argument("--reason", required=True, metavar="TEXT", help="why (recorded in the audit trail)")
    move.add_argument("--on", type=date.fromisoformat, metavar="DATE", help="when it happened (default today)")
    move.add_argument(
        "--waiting-for",
        choices=("id", "clarification", "other"),
        help="with awaiting_requester: what the requester must send (id: their ID)",
    )
    move.add_argument("--outcome", choices=(*workflow.OUTCOMES, *workflow.APPEAL_OUTCOMES), help="for responded")
    move.add_argument("--reason-code", default="", metavar="CODE", help="statutory exception (reason_codes.yaml)")
    move.add_argument(
        "--type-outcome", action="append", default=[], metavar="TYPE=OUTCOME[:CODE]", help="one right's own outcome"
    )
    move.add_argument("--ag-contact-given", action=argparse.BooleanOptionalAction, help="appeal decisions")
    move.set_defaults(handler=run_transition)
    plan = commands.add_parser("plan", help="write the verification plan the law asks for")
    plan.add_argument("case", **ref)
    plan.add_argument("--power-of-attorney", action="store_true", help="the agent holds a power of attorney")
    plan.set_defaults(handler=run_plan)
    account = commands.add_parser(
        "account", help="record the requester's Engram account (the plan then uses its sign-in where the law allows)"
    )
    account.add_argument("case", **ref)
    account.add_argument("--tier", required=True, choices=rules.TIERS, help="the account's tier")
    account.add_argument("--account-ref", default="", metavar="REF", help="the account's reference, e.g. ENG-0001234")
    account.add_argument("--reason", required=True, metavar="TEXT", help="how the account was found (audited)")
    account.set_defaults(handler=run_account)

    verify = commands.add_parser("verify", help="record one verification step with its evidence")
    verify.add_argument("case", **ref)
    verify.add_argument("step", metavar="STEP", help="the step code, e.g. data_point_1 (see `cases show`)")
    decided = verify.add_mutually_exclusive_group(required=True)
    decided.add_argument("--passed", action="store_true")
    decided.add_argument("--failed", action="store_true")
    evidence = verify.add_mutually_exclusive_group()
    evidence.add_argument("--evidence", type=Path, metavar="FILE", help="a file kept as evidence")
    evidence.add_argument(
        "--evidence-attachment", type=int, metavar="N", help="an attachment already on the case (see `cases show`)"
    )
    verify.add_argument("--note", default="", metavar="TEXT", help="what was checked")
    verify.add_argument(
        "--id-document", action="store_true", help="the file or attachment is an ID image (purged on close)"
    )
    verify.set_defaults(handler=run_verify)
    extend = commands.add_parser("extend", help="take the one extension: issues the notice letter, then records it")
    extend.add_argument("case", **ref)
    extend.add_argument("--reason", required=True, metavar="TEXT", help="the reason the requester is told")
    extend.set_defaults(handler=run_extend)
    merge = commands.add_parser("merge", help="merge duplicate case B into case A, keeping every message")
    merge.add_argument("keep", metavar="A")
    merge.add_argument("duplicate", metavar="B")
    merge.add_argument("--reason", default="", metavar="TEXT")
    merge.set_defaults(handler=run_merge)
    appeal = commands.add_parser("appeal", help="record an appeal received by hand (opens a linked case)")
    appeal.add_argument("case", **ref)
    appeal.add_argument("--received", type=date.fromisoformat, required=True, metavar="DATE")
    appeal.add_argument("--reason", default="", metavar="TEXT")
    appeal.set_defaults(handler=run_appeal)
    bundle = commands.add_parser("export", help="write the full record as an evidence bundle with a manifest")
    bundle.add_argument("case", **ref)
    bundle.add_argument("directory", type=Path, metavar="DIR")
    bundle.set_defaults(handler=run_export)


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


def _show_data(session: Session, case: Case) -> dict[str, Any]:
    case_id = case.id or 0
    deadlines = session.exec(
        select(Deadline).where(Deadline.case_id == case_id).order_by(col(Deadline.computed_at), col(Deadline.id))
    ).all()
    readings = read_case_deadlines(session, case, deadlines, date.today())
    plan = verification.plan_for_case(session, case)
    recorded = verification.steps_of(session, case_id)
    return {
        "key": case.key,
        "id": case_id,
        "status": case.status,
        "whose_turn": workflow.whose_turn(case),
        "jurisdiction": case.jurisdiction,
        "tier": case.tier,
        "request_types": service.request_types_of(session, case_id),
        "received": case.received_at.isoformat(),
        "due": case.due_date.isoformat() if case.due_date else None,
        "due_event": case.due_event or None,
        "outcome": case.outcome or None,
        "outcome_reason": case.outcome_reason or None,
        "ag_contact_given": case.ag_contact_given,
        "parent_case_id": case.parent_case_id,
        "merged_into_id": case.merged_into_id,
        "linked_cases": export.linked_cases(session, case),
        "deadlines": [
            {
                "request_type": d.request_type,
                "event": d.event,
                "due": d.due.isoformat(),
                "basis": d.basis,
                "current": d.superseded_at is None,
                "superseded_at": d.superseded_at.isoformat() if d.superseded_at else None,
                "state": reading.state,  # running, extended, decided, met, late... (see cases.deadline_reading)
                "reading": reading.text,  # "in 5 d", "extended on 2026-03-20", "met 2026-04-01"
            }
            for d, reading in zip(deadlines, readings, strict=True)
        ],
        "clock_events": [
            {"kind": e.kind, "on": e.occurred_on.isoformat(), "reason": e.reason}
            for e in session.exec(select(ClockEvent).where(ClockEvent.case_id == case_id)).all()
        ],
        "verification": {
            "state": verification.verification_state(session, case),
            "level": plan.level,
            "citation": plan.citation,
            "notes": list(plan.notes),
            "plan_written": bool(recorded),
            # Until the plan is written (`cases plan`, or the first `cases verify`), the steps it will have.
            "steps": [
                {"code": s.code, "description": s.description, "required": s.required, "status": s.status}
                for s in recorded
            ]
            or [
                {"code": s.code, "description": s.description, "required": s.required, "status": "pending"}
                for s in plan.steps
            ],
        },
        "attachments": [
            {
                "id": a.id,
                "filename": a.filename,
                "size": a.size,
                "identity_document": a.is_identity_document,
                "purged": a.purged_at is not None,
            }
            for a in session.exec(
                select(Attachment).where(Attachment.case_id == case_id).order_by(col(Attachment.id))
            ).all()
        ],
        "free_request_notices": service.free_request_notices(session, case),
        "actions": [
            {"name": a.name, "target": a.target, "enabled": a.enabled, "reason": a.reason}
            for a in workflow.allowed_actions(session, case)
        ],
    }


def _history_beside_current(deadlines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each deadline's earlier dates just above its current one, oldest first, so a moved date reads as one."""
    by_deadline: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in deadlines:
        by_deadline.setdefault((d["request_type"], d["event"]), []).append(d)
    return [d for rows in by_deadline.values() for d in rows]


def run_show(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().read() as session:
        case = service.find_case(session, args.case)
        data = _show_data(session, case)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    status = status_words(data["status"])
    print(f"{data['key']}  {status}  (turn: {data['whose_turn']})  {data['jurisdiction']}  {data['tier']}")
    print(f"  rights: {', '.join(data['request_types'])}; received {data['received'][:10]}; due {data['due'] or '-'}")
    if data["outcome"]:
        print(f"  outcome: {data['outcome']} {data['outcome_reason'] or ''}".rstrip())
    for d in _history_beside_current(data["deadlines"]):
        now = f"  {d['reading']}" if d["current"] else f"  (superseded {d['superseded_at'][:10]})"
        print(f"  {d['event']:<24} {d['due']}  {d['request_type']}{now}")
    for e in data["clock_events"]:
        reason = f": {e['reason']}" if e["reason"] else ""
        print(f"  clock: {clock_event_words(e['kind'])} on {e['on']}{reason}")
    for link in data["linked_cases"]:
        print(f"  linked: {link['relation'].replace('_', ' ')} {link['key']} ({status_words(link['status'])})")
    v = data["verification"]
    written = "" if v["plan_written"] else "; plan not written yet"
    print(f"  verification: {v['state']} ({v['level']}; {v['citation']}{written})")
    for step in v["steps"]:
        print(f"    {step['code']:<24} {step['status']:<8} {step['description']}")
    for a in data["attachments"]:
        marks = ", ".join(m for m, on in (("ID document", a["identity_document"]), ("purged", a["purged"])) if on)
        print(f"  attachment {a['id']}: {a['filename']} ({a['size']} bytes{'; ' + marks if marks else ''})")
    for notice in data["free_request_notices"]:
        print(f"  free-request limit: {notice}")
    for action in data["actions"]:
        print(f"  [{'x' if action['enabled'] else ' '}] {action['name']:<14} {action['reason']}")
    return 0


def _type_outcomes(texts: list[str]) -> dict[str, tuple[str, str]]:
    result = {}
    for text in texts:
        request_type, sep, rest = text.partition("=")
        if not sep or not rest:
            raise InvalidInputError(f"The type outcome {text!r} is not in the form TYPE=OUTCOME[:CODE].")
        outcome, _, code = rest.partition(":")
        result[request_type.strip()] = (outcome.strip(), code.strip())
    return result


def run_transition(args: argparse.Namespace, ctx: CliContext) -> int:
    purge = load_settings(ctx.paths).purge_id_documents_on_close
    with ctx.store().write() as session:
        case = service.find_case(session, args.case)
        if args.state == "responded":
            if not args.outcome:
                raise InvalidInputError(f"Say how case {case.key} was answered with --outcome.")
            workflow.respond(
                session,
                case,
                args.outcome,
                reason=args.reason,
                reason_code=args.reason_code,
                type_outcomes=_type_outcomes(args.type_outcome),
                ag_contact_given=args.ag_contact_given,
                at=datetime.combine(args.on, time(12), tzinfo=UTC) if args.on else None,
                purge_id_documents=purge,
            )
        else:
            workflow.transition(
                session,
                case,
                args.state,
                reason=args.reason,
                on=args.on,
                waiting_for=args.waiting_for or "",
                purge_id_documents=purge,
            )
        print(
            f"{case.key} is now {status_words(case.status)}; due {case.due_date.isoformat() if case.due_date else '-'}."
        )
    return 0


def run_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().write() as session:
        case = service.find_case(session, args.case)
        steps = verification.create_plan(session, case, actor=None, power_of_attorney=args.power_of_attorney)
        print(f"Verification plan for {case.key}: {len(steps)} step(s).")
        for step in steps:
            print(f"  {step.code:<24} {'required' if step.required else 'optional'}  {step.description}")
        _print_plan_notes(verification.plan_for_case(session, case, power_of_attorney=args.power_of_attorney))
    return 0


def _print_plan_notes(plan: verification.VerificationPlan) -> None:
    """What the law adds to the steps (account holders, fallbacks, agents), so the officer reads why."""
    for note in plan.notes:
        print(f"  Note: {note}")


def run_account(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().write() as session:
        case = service.find_case(session, args.case)
        steps = verification.record_account(
            session, case, args.tier, account_ref=args.account_ref, reason=args.reason, actor=None
        )
        plan = verification.plan_for_case(session, case)
        article = "an" if args.tier[0] in "aeiou" else "a"  # an enterprise account, a free or paid one
        print(f"{case.key}: the requester holds {article} {args.tier} account; verification standard {plan.citation}.")
        for step in steps or plan.steps:
            print(f"  {step.code:<24} {'required' if step.required else 'optional'}  {step.description}")
        _print_plan_notes(plan)
    return 0


def run_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    evidence = None
    if args.evidence:
        try:
            evidence = (args.evidence.name, args.evidence.read_bytes())
        except OSError as exc:
            raise InvalidInputError(f"The evidence file {args.evidence} cannot be read ({exc.strerror}).") from exc
    with ctx.store().write() as session:
        case = service.find_case(session, args.case)
        step = verification.record_step(
            session,
            case,
            args.step,
            args.passed,
            actor=None,
            evidence_note=args.note,
            evidence_file=evidence,
            evidence_attachment_id=args.evidence_attachment,
            identity_document=args.id_document,
        )
        state = verification.verification_state(session, case)
    print(f"{case.key}: {step.code} {step.status}; verification is {state.replace('_', ' ')}.")
    return 0


def run_extend(args: argparse.Namespace, ctx: CliContext) -> int:
    """The notice is the proof the requester was told, so it is issued first unless one already exists."""
    store = ctx.store()
    today = date.today()
    with store.read() as session:
        case = service.find_case(session, args.case)
        key = case.key
        problem = workflow.refusal(session, case, "extended")
        has_notice = session.exec(
            select(Letter.id).where(Letter.case_id == case.id, Letter.kind == "extension_notice")
        ).first()
    if problem:
        raise InvalidInputError(problem)
    if has_notice is None:
        issued = issue_letter(
            store,
            key,
            "extension_notice",
            load_settings(ctx.paths),
            LetterExtras(extension_reason=args.reason),
            today=today,
            templates_override_dir=ctx.paths.templates_override_dir,
        )
        print(f"Issued {issued.filename}; send it with `lumetra-desk letter {key} --kind extension_notice --send`.")
    with store.write() as session:
        case = service.find_case(session, key)
        service.take_extension(session, case, today, args.reason)
        print(f"{case.key} extended; {service.dates_after_extension(session, case)}.")
    return 0


def run_merge(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().write() as session:
        keep = service.find_case(session, args.keep)
        duplicate = service.find_case(session, args.duplicate)
        service.merge(session, keep, duplicate, actor=None, reason=args.reason)
        print(f"{duplicate.key} merged into {keep.key}; due {keep.due_date.isoformat() if keep.due_date else '-'}.")
    return 0


def run_appeal(args: argparse.Namespace, ctx: CliContext) -> int:
    received = datetime.combine(args.received, time(12), tzinfo=UTC)
    with ctx.store().write() as session:
        original = service.find_case(session, args.case)
        appeal = service.open_appeal(session, original, received, actor=None, reason=args.reason)
        due = appeal.due_date.isoformat() if appeal.due_date else "-"
        print(f"Appeal {appeal.key} opened for {original.key}; decision due {due}.")
    return 0


def run_export(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.store().read() as session:
        case = service.find_case(session, args.case)
        manifest = export.export_case(session, case, args.directory)
        print(f"Evidence bundle for {case.key} written; manifest {manifest}")
    return 0
