"""Demo cases carry the audit events of the moves that brought them to their status, and the trail verifies.

Nothing in a demo store happens after now: not the receipt (a request may be from earlier today), the
messages, the moves, the answer, the closing, the extension's clock event, nor any row's own timestamps.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from itertools import pairwise

from sqlmodel import select

from lumetra_desk.core import audit, demo
from lumetra_desk.core.cases import service, verification, workflow
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Case, ClockEvent, Deadline, Message, Requester


def test_every_demo_case_has_the_history_of_its_status_and_each_move_is_allowed(store: Store) -> None:
    demo.fill(store, 320, seed=5)  # appeals begin once every jurisdiction and right has appeared
    now = datetime.now(UTC)
    with store.read() as session:
        cases = {case.id: case for case in session.exec(select(Case)).all()}
        trail: dict[int, list[AuditEvent]] = {}
        for event in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all():  # type: ignore[arg-type]
            trail.setdefault(event.case_id or 0, []).append(event)
        assert audit.verify(session) == []
        session.expunge_all()  # the rows as read, for the checks below
    assert {case.status for case in cases.values()} == set(demo.HISTORY)
    for case_id, case in cases.items():
        events = trail[case_id or 0]
        assert events[0].action == "case.opened" and events[0].at == case.received_at
        moves = [(json.loads(e.before)["status"], json.loads(e.after)["status"]) for e in events
                 if e.action == "case.status_changed"]  # fmt: skip
        assert moves == list(pairwise(["new", *demo.HISTORY[case.status]])), case.key
        for source, target in moves:  # the state machine allows every move; an appeal arrives after an answer
            allowed = service.APPEALABLE_STATUSES if target == "appealed" else workflow.SOURCES[target]
            assert source in allowed, (source, target)
        times = [e.at for e in events]
        assert times == sorted(times) and case.received_at <= times[0] and times[-1] <= now, case.key
        actions = {e.action for e in events}
        assert ("case.responded" in actions) == (case.status in ("responded", "closed", "appealed"))
        assert ("case.extended" in actions) == (case.status == "extended")
        if case.status in ("responded", "closed", "appealed"):
            answered = next(e for e in events if e.action == "case.responded")
            assert answered.at == case.responded_at and json.loads(answered.after)["outcome"] == case.outcome
        if case.status == "appealed":  # contested by its appeal, which arrived when the case became appealed
            (appeal,) = (c for c in cases.values() if c.parent_case_id == case_id)
            assert appeal.received_at == events[-1].at and appeal.key in json.loads(events[-1].after)["reason"]
            assert appeal.requester_id == case.requester_id and appeal.jurisdiction == case.jurisdiction
            assert case.outcome == "unable_to_verify" and case.responded_at and case.responded_at < appeal.received_at
        if case.status == "closed":
            assert case.closed_at == events[-1].at and case.responded_at is not None
            assert case.responded_at <= case.closed_at
        assert case.updated_at == times[-1], "the case row was last changed by its last move"
        assert all(e.actor == "demo" and e.payload_digest for e in events)


def test_nothing_in_a_demo_store_is_dated_after_now_and_each_thread_follows_the_moves(store: Store) -> None:
    demo.fill(store, 240, seed=9)
    now = datetime.now(UTC)
    with store.read() as session:
        cases = {case.id: case for case in session.exec(select(Case)).all()}
        threads: dict[int, list[Message]] = {}
        for message in session.exec(select(Message).order_by(Message.id)).all():  # type: ignore[arg-type]
            threads.setdefault(message.case_id or 0, []).append(message)
        moved = {
            (e.case_id, json.loads(e.after)["status"]): e
            for e in session.exec(select(AuditEvent).where(AuditEvent.action == "case.status_changed")).all()
        }
        planned = {
            e.case_id: e for e in session.exec(select(AuditEvent).where(AuditEvent.action == "verification.planned"))
        }
        plans = {case_id: verification.plan_for_case(session, case) for case_id, case in cases.items()}
        steps = {case_id: verification.steps_of(session, case_id or 0) for case_id in cases}
        clock = session.exec(select(ClockEvent)).all()
        deadlines = session.exec(select(Deadline)).all()
        requesters = session.exec(select(Requester)).all()
        session.expunge_all()
    for case_id, case in cases.items():
        received = case.received_at
        for moment in (case.created_at, case.updated_at, case.responded_at, case.closed_at):
            assert moment is None or received <= moment <= now, case.key
        thread = threads[case_id or 0]
        assert thread[0].direction == "in" and thread[0].received_at == received, "the request opens the thread"
        times = [m.received_at for m in thread]
        assert times == sorted(times) and times[-1] <= now, f"{case.key}: the thread is in the order it was written"
        assert all(m.date_header == m.received_at == m.created_at for m in thread)
        ours = [m for m in thread if m.direction == "out"]
        moves = {status: e.at for (moved_case, status), e in moved.items() if moved_case == case_id}
        assert ("acknowledged" in moves) == (case.status != "new")
        for message in ours:  # we write at a move: receipt confirmed, a question asked, the extension noticed
            assert message.received_at in moves.values() and case.key in message.body_text, case.key
        if "verifying" in moves:  # the move wrote the plan the law asks for, as workflow.transition does
            assert planned[case_id].at == moves["verifying"], case.key
            assert [(s.code, s.required, s.status) for s in steps[case_id]] == [
                (s.code, s.required, "pending") for s in plans[case_id].steps
            ], case.key
        else:
            assert case_id not in planned and not steps[case_id], case.key
        if case.status == "extended":
            extended = moved[(case_id, "extended")]
            notice = json.loads(extended.after)["notice_message"]
            sent = next(m for m in ours if m.message_id_header == notice)
            assert sent.received_at == extended.at and case.due_date and case.due_date.isoformat() in sent.body_text
    for event in clock:
        case = cases[event.case_id]
        assert case.received_at.date() <= event.occurred_on <= now.date() and event.recorded_at <= now
        assert event.recorded_at == moved[(event.case_id, "extended")].at
    assert all(d.computed_at <= now for d in deadlines) and all(r.created_at <= now for r in requesters)
