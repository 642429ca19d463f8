"""The state machine: every transition rule, outcomes with reason codes, extensions, clock, purge, merge."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from case_helpers import RECEIVED, issue_extension_notice, make_case
from sqlmodel import col, select

from lumetra_desk.core import audit
from lumetra_desk.core.cases import export, service, verification, workflow
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Attachment, AuditEvent, Case, Deadline, Letter, Message, Note


def _move(store: Store, key: str, target: str, **kwargs: object) -> Case:
    kwargs.setdefault("purge_id_documents", True)
    with store.write() as session:
        case = service.find_case(session, key)
        workflow.transition(session, case, target, reason=f"to {target}", **kwargs)  # type: ignore[arg-type]
        return case


def _respond(store: Store, key: str, outcome: str, **kwargs: object) -> Case:
    kwargs.setdefault("purge_id_documents", True)
    with store.write() as session:
        case = service.find_case(session, key)
        workflow.respond(session, case, outcome, reason="answered", **kwargs)  # type: ignore[arg-type]
        return case


def _pass_all(store: Store, key: str, failed: frozenset[str] = frozenset()) -> None:
    with store.write() as session:
        case = service.find_case(session, key)
        for step in verification.create_plan(session, case, actor="test"):
            verification.record_step(
                session, case, step.code, step.code not in failed, actor="test", evidence_note=f"checked {step.code}"
            )


def test_plain_transitions_follow_the_table(store: Store) -> None:
    key = make_case(store)
    assert _move(store, key, "acknowledged").status == "acknowledged"
    with pytest.raises(InvalidInputError, match="already acknowledged"):
        _move(store, key, "acknowledged")
    with pytest.raises(InvalidInputError, match="only from responded"):
        _move(store, key, "closed")
    with pytest.raises(InvalidInputError, match="cases appeal"):
        _move(store, key, "appealed")
    with pytest.raises(InvalidInputError, match="cases merge"):
        _move(store, key, "merged")
    with pytest.raises(InvalidInputError, match="Unknown status"):
        _move(store, key, "paused")
    with store.write() as session, pytest.raises(InvalidInputError, match="reason is required"):
        workflow.transition(session, service.find_case(session, key), "verifying", reason=" ", purge_id_documents=True)
    case = _move(store, key, "verifying")
    assert case.status == "verifying"
    with pytest.raises(InvalidInputError, match="not finished"):
        _move(store, key, "in_progress")
    with store.read() as session:
        changes = session.exec(select(AuditEvent).where(AuditEvent.action == "case.status_changed")).all()
        assert [c.after for c in changes][-1].count("to verifying") == 1


def test_a_step_is_dated_between_the_receipt_and_today(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(InvalidInputError, match="is in the future"):
        _move(store, key, "awaiting_requester", waiting_for="id", on=tomorrow)
    with pytest.raises(InvalidInputError, match=r"is before case LD-2026-\d+ was received \(2026-03-02\)"):
        _move(store, key, "acknowledged", on=date(2026, 3, 1))
    with pytest.raises(InvalidInputError, match=r"the response .* is before case"):
        _respond(store, key, "complied", at=datetime(2026, 3, 1, 12, tzinfo=UTC))
    with pytest.raises(InvalidInputError, match=r"the response .* is in the future"):
        _respond(store, key, "complied", at=datetime.combine(tomorrow, datetime.min.time(), tzinfo=UTC))
    with store.read() as session:
        case = service.find_case(session, key)
        assert (case.status, case.outcome, case.responded_at) == ("new", "", None)
        events = session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
        assert [e.action for e in events] == ["case.opened"]


def test_whose_turn_is_derived_from_the_status(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    case = _move(store, key, "awaiting_requester", waiting_for="other")
    assert workflow.whose_turn(case) == "requester"
    case = _move(store, key, "in_progress")
    assert workflow.whose_turn(case) == "ours"
    case = _respond(store, key, "complied")
    assert workflow.whose_turn(case) == "nobody"


def test_no_substantive_access_answer_before_identity_is_verified(store: Store) -> None:
    key = make_case(store, types=("access",))
    with pytest.raises(InvalidInputError, match="before the requester's identity is verified"):
        _respond(store, key, "complied")
    _pass_all(store, key)
    assert _respond(store, key, "complied").status == "responded"


def test_opt_out_needs_no_verification(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    case = _respond(store, key, "complied")
    assert (case.status, case.outcome, case.due_date) == ("responded", "complied", None)


def test_a_denial_needs_a_reason_code_of_that_law(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    with pytest.raises(InvalidInputError, match="needs a reason code"):
        _respond(store, key, "denied")
    with pytest.raises(InvalidInputError, match="not of US-CA"):
        _respond(store, key, "denied", reason_code="manifestly_unfounded_or_excessive")
    with pytest.raises(InvalidInputError, match="Unknown reason code"):
        _respond(store, key, "denied", reason_code="because")
    eu = make_case(store, types=("access",), jurisdiction="EU", email="eu@example.com")
    case = _respond(store, eu, "denied", reason_code="manifestly_unfounded_or_excessive")
    assert (case.outcome, case.outcome_reason) == ("denied", "manifestly_unfounded_or_excessive")


def test_failed_verification_gives_unable_to_verify_and_specific_pieces_fall_back(store: Store) -> None:
    key = make_case(store, types=("access",))
    with pytest.raises(InvalidInputError, match="verification is pending"):
        _respond(store, key, "partly", reason_code="specific_pieces_fallback")
    _pass_all(store, key, failed=frozenset({"data_point_3"}))
    with pytest.raises(InvalidInputError, match="verification is failed"):
        _respond(store, key, "complied")
    case = _respond(store, key, "partly", reason_code="specific_pieces_fallback")
    assert case.outcome == "partly"
    other = make_case(store, types=("delete",), email="bo@example.com")
    _pass_all(store, other, failed=frozenset({"data_point_1"}))
    case = _respond(store, other, "unable_to_verify")
    assert (case.outcome, case.outcome_reason) == ("unable_to_verify", "unable_to_verify")
    verified = make_case(store, types=("opt_out_sale_share",), email="cy@example.com")
    with pytest.raises(InvalidInputError, match="is wrong"):
        _respond(store, verified, "unable_to_verify")


def test_each_right_is_judged_by_its_own_verification_standard(store: Store) -> None:
    key = make_case(store, types=("access", "access_categories"))
    _pass_all(store, key, failed=frozenset({"data_point_3"}))  # the categories' two data points passed
    with pytest.raises(InvalidInputError, match="answered as a request for access categories"):
        _respond(store, key, "unable_to_verify", type_outcomes={"access_categories": ("complied", "")})
    with pytest.raises(InvalidInputError, match="no substantive answer to access"):
        _respond(store, key, "complied")
    case = _respond(
        store,
        key,
        "partly",
        reason_code="specific_pieces_fallback",
        type_outcomes={"access_categories": ("complied", "")},
    )
    with store.read() as session:
        rows = {r["request_type"]: (r["outcome"], r["outcome_reason"]) for r in _types(session, case.id or 0)}
    assert rows == {"access": ("partly", "specific_pieces_fallback"), "access_categories": ("complied", "")}
    deletion = make_case(store, types=("delete", "access_categories"), email="del@example.com")
    _pass_all(store, deletion, failed=frozenset({"data_point_3"}))
    with pytest.raises(InvalidInputError, match="no substantive answer to delete"):
        _respond(store, deletion, "partly", reason_code="specific_pieces_fallback")
    mixed = make_case(store, types=("access", "opt_out_sale_share"), email="mix@example.com")
    with pytest.raises(InvalidInputError, match="opt_out_sale_share is not to be verified"):
        _respond(store, mixed, "unable_to_verify")
    answered = _respond(store, mixed, "unable_to_verify", type_outcomes={"opt_out_sale_share": ("complied", "")})
    assert answered.status == "responded"


def test_verification_is_recorded_only_while_the_case_is_worked_on(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",), agent_name="Agent Co")
    _respond(store, key, "complied")
    with store.write() as session, pytest.raises(InvalidInputError, match="is responded; verification is recorded"):
        verification.record_step(
            session, service.find_case(session, key), "agent_permission", True, actor="t", evidence_note="x"
        )


def test_paid_tier_we_do_not_sell_and_enterprise_redirect(store: Store) -> None:
    paid = make_case(store, types=("opt_out_sale_share",), tier="paid", email="paid@example.com")
    assert _respond(store, paid, "we_do_not_sell").outcome == "we_do_not_sell"
    free = make_case(store, types=("opt_out_sale_share",), tier="free", email="free@example.com")
    with pytest.raises(InvalidInputError, match="does not answer"):
        _respond(store, free, "we_do_not_sell")
    with pytest.raises(InvalidInputError, match="only Enterprise"):
        _respond(store, free, "redirected")
    ent = make_case(store, types=("delete",), tier="enterprise", email="ent@example.com")
    case = _respond(store, ent, "redirected")
    assert (case.outcome, case.outcome_reason) == ("redirected", "processor_for_customer")


def test_partial_compliance_per_request_type(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share", "limit_sensitive"))
    _respond(
        store,
        key,
        "partly",
        reason_code="no_such_right",
        type_outcomes={"opt_out_sale_share": ("complied", "")},
    )
    with store.read() as session:
        case = service.find_case(session, key)
        rows = {r["request_type"]: (r["outcome"], r["outcome_reason"]) for r in _types(session, case.id or 0)}
    assert rows == {"opt_out_sale_share": ("complied", ""), "limit_sensitive": ("partly", "no_such_right")}


def _types(session: object, case_id: int) -> list[dict[str, str]]:
    from lumetra_desk.core.store.models import CaseRequestType

    found = session.exec(select(CaseRequestType).where(CaseRequestType.case_id == case_id)).all()  # type: ignore[attr-defined]
    return [r.model_dump() for r in found]


def test_extension_needs_its_notice_and_the_window(store: Store) -> None:
    key = make_case(store, types=("access",))
    inside = RECEIVED.date() + timedelta(days=20)
    with store.write() as session, pytest.raises(InvalidInputError, match="Issue the extension notice"):
        service.take_extension(session, service.find_case(session, key), inside, "many records")
    issue_extension_notice(store, key, inside)
    with store.write() as session, pytest.raises(InvalidInputError, match="needs a reason"):
        service.take_extension(session, service.find_case(session, key), inside, "")
    late = RECEIVED.date() + timedelta(days=46)
    with store.write() as session, pytest.raises(InvalidInputError, match="Too late to extend"):
        service.take_extension(session, service.find_case(session, key), late, "many records")
    with store.write() as session:
        case = service.find_case(session, key)
        service.take_extension(session, case, inside, "many records")
        assert (case.status, case.due_event, case.due_date) == ("extended", "respond_extended", date(2026, 5, 31))
    with store.write() as session, pytest.raises(InvalidInputError, match="already extended"):
        service.take_extension(session, service.find_case(session, key), inside, "again")
    with store.read() as session:
        history = session.exec(select(Deadline).where(col(Deadline.superseded_at).is_not(None))).all()
        assert history == [], "a California extension moves no date, so it leaves no copies as history"
        extended = session.exec(select(Deadline).where(Deadline.event == "respond_extended")).one()
        assert extended.due == date(2026, 5, 31) and "this is the deadline now" in extended.note
        moved = session.exec(select(AuditEvent).where(AuditEvent.action == "case.extended")).one()
        assert json.loads(moved.before) == {"due_date": "2026-04-16"}
        assert json.loads(moved.after)["due_date"] == "2026-05-31"


def test_an_extension_leaves_a_right_that_cannot_be_extended_on_its_own_date(store: Store) -> None:
    key = make_case(store, types=("delete", "limit_sensitive"))  # California: limit-SPI, 15 business days, no extension
    inside = RECEIVED.date() + timedelta(days=5)
    issue_extension_notice(store, key, inside)
    with store.write() as session:
        case = service.find_case(session, key)
        service.take_extension(session, case, inside, "many records")
        current = {(d.request_type, d.event): d.due for d in service.current_deadlines(session, case.id or 0)}
    assert ("limit_sensitive", "respond_extended") not in current
    assert current[("delete", "respond_extended")] == date(2026, 5, 31)
    assert (case.due_event, case.due_date) == ("respond", current[("limit_sensitive", "respond")])
    assert case.due_date < date(2026, 4, 1)


def test_uk_clock_stops_for_id_and_pauses_for_clarification(store: Store) -> None:
    key = make_case(store, types=("access",), jurisdiction="UK", received=datetime(2026, 3, 2, 9, tzinfo=UTC))
    with store.read() as session:
        assert service.find_case(session, key).due_date == date(2026, 4, 2)
    _move(store, key, "awaiting_requester", waiting_for="id", on=date(2026, 3, 4))
    case = _move(store, key, "verifying", on=date(2026, 3, 10))
    assert case.due_date == date(2026, 4, 10)  # the month restarts when the ID arrives
    _move(store, key, "awaiting_requester", waiting_for="clarification", on=date(2026, 3, 12))
    case = _move(store, key, "in_progress", on=date(2026, 3, 14))
    assert case.due_date == date(2026, 4, 13)  # 3 paused days (inclusive), then the next working day
    with store.read() as session:
        superseded = session.exec(select(Deadline).where(col(Deadline.superseded_at).is_not(None))).all()
        assert {d.due for d in superseded if d.event == "respond"} >= {date(2026, 4, 2), date(2026, 4, 10)}


def test_us_clock_keeps_running_while_waiting_for_id(store: Store) -> None:
    key = make_case(store, types=("access",))
    case = _move(store, key, "awaiting_requester", waiting_for="id", on=date(2026, 3, 4))
    assert case.due_date == date(2026, 4, 16)
    case = _move(store, key, "verifying", on=date(2026, 3, 20))
    assert case.due_date == date(2026, 4, 16)


def test_allowed_actions_explain_what_is_not_allowed(store: Store) -> None:
    key = make_case(store, types=("access",))
    with store.read() as session:
        actions = {a.name: a for a in workflow.allowed_actions(session, service.find_case(session, key))}
    assert actions["acknowledge"].enabled and actions["respond"].enabled
    assert not actions["close"].enabled and "only from responded" in actions["close"].reason
    assert not actions["appeal"].enabled and "gives no appeal" in actions["appeal"].reason
    assert "2026-04-16" in actions["extend"].reason or not actions["extend"].enabled


def test_closing_purges_identity_documents_in_the_audit_trail(store: Store) -> None:
    key = make_case(store, types=("access_categories",))
    with store.write() as session:
        case = service.find_case(session, key)
        verification.create_plan(session, case, actor="test")
        verification.record_step(
            session, case, "data_point_1", True, actor="test", evidence_file=("id.jpg", b"JPEG"), identity_document=True
        )
        verification.record_step(session, case, "data_point_2", True, actor="test", evidence_note="postcode matches")
    _respond(store, key, "complied")
    _move(store, key, "closed")
    with store.read() as session:
        attachment = session.exec(select(Attachment).where(Attachment.filename == "id.jpg")).one()
        assert attachment.data is None and attachment.purged_at is not None and attachment.sha256
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "attachment.purged")).one()
        assert audit.verify(session) == []


def test_an_id_scan_that_came_with_a_mail_is_marked_as_evidence_and_purged_on_close(store: Store) -> None:
    key = make_case(store, types=("access_categories",))
    other = make_case(store, types=("access_categories",), email="other@example.com")
    with store.write() as session:
        case = service.find_case(session, key)
        scan = Attachment(case_id=case.id, filename="passport.jpg", size=4, sha256="0" * 64, data=b"JPEG")
        session.add(scan)
        session.flush()
        scan_id = scan.id
        with pytest.raises(InvalidInputError, match="has no attachment"):
            verification.record_step(
                session, service.find_case(session, other), "data_point_1", True, actor="t",
                evidence_attachment_id=scan_id,
            )  # fmt: skip
        step = verification.record_step(
            session, case, "data_point_1", True, actor="t", evidence_attachment_id=scan_id, identity_document=True
        )
        assert step.evidence_attachment_id == scan_id
        verification.record_step(session, case, "data_point_2", True, actor="t", evidence_note="postcode matches")
    _respond(store, key, "complied")
    _move(store, key, "closed")
    with store.read() as session:
        purged = session.get(Attachment, scan_id)
        assert purged is not None and purged.is_identity_document and purged.data is None
        event = session.exec(select(AuditEvent).where(AuditEvent.action == "attachment.purged")).one()
        assert event.entity_id == scan_id


def test_purge_on_close_can_be_switched_off(store: Store) -> None:
    key = make_case(store, types=("access_categories",))
    with store.write() as session:
        case = service.find_case(session, key)
        verification.create_plan(session, case, actor="test")
        verification.record_step(
            session, case, "data_point_1", True, actor="test", evidence_file=("id.png", b"PNG"), identity_document=True
        )
        verification.record_step(session, case, "data_point_2", True, actor="test", evidence_note="ok")
    _respond(store, key, "complied")
    _move(store, key, "closed", purge_id_documents=False)
    with store.read() as session:
        assert session.exec(select(Attachment).where(Attachment.filename == "id.png")).one().data == b"PNG"


def test_merge_keeps_everything(store: Store, tmp_path: Path) -> None:
    first = make_case(store, types=("access",), with_message="m1", received=datetime(2026, 3, 5, tzinfo=UTC))
    second = make_case(store, types=("delete",), with_message="m2", received=datetime(2026, 3, 2, tzinfo=UTC))
    issue_letter(store, second, "acknowledgement", Settings(), LetterExtras(), today=date(2026, 3, 3))
    with store.write() as session:
        duplicate = service.find_case(session, second)
        service.add_note(session, duplicate, "called the requester", actor="test")
        verification.create_plan(session, duplicate, actor="test")
        verification.record_step(
            session, duplicate, "data_point_1", True, actor="test", evidence_file=("id.png", b"PNG")
        )
        duplicate_events = len(session.exec(select(AuditEvent).where(AuditEvent.case_id == duplicate.id)).all())
    with store.write() as session:
        keep, duplicate = service.find_case(session, first), service.find_case(session, second)
        service.merge(session, keep, duplicate, actor="test")
    with store.read() as session:
        keep, duplicate = service.find_case(session, first), service.find_case(session, second)
        subjects = {m.subject for m in session.exec(select(Message).where(Message.case_id == keep.id)).all()}
        assert subjects == {"m1", "m2"}
        assert session.exec(select(Note).where(Note.case_id == keep.id)).one().body == "called the requester"
        assert session.exec(select(Attachment).where(Attachment.case_id == keep.id)).one().filename == "id.png"
        assert (duplicate.status, duplicate.merged_into_id, duplicate.due_date) == ("merged", keep.id, None)
        assert session.exec(select(Letter).where(Letter.case_id == duplicate.id)).one().kind == "acknowledgement"
        assert verification.steps_of(session, duplicate.id or 0)[0].status == "passed"
        kept_events = session.exec(select(AuditEvent).where(AuditEvent.case_id == duplicate.id)).all()
        assert len(kept_events) > duplicate_events and kept_events[-1].action == "case.deadlines_recomputed"
        assert keep.received_at.date() == date(2026, 3, 2)
        assert sorted(service.request_types_of(session, keep.id or 0)) == ["access", "delete"]
        assert keep.due_date == date(2026, 4, 16)
        assert audit.verify(session) == []
        manifest = json.loads(export.export_case(session, keep, tmp_path / "bundle").read_text())
    linked = f"linked/{second}/"
    assert f"{linked}letters/{second}-acknowledgement-v1.pdf" in manifest["files"]
    assert any(name.startswith("attachments/") and name.endswith("id.png") for name in manifest["files"])
    inner = json.loads((tmp_path / "bundle" / linked / "case.json").read_text())
    assert inner["verification_steps"][0]["code"] == "data_point_1"
    assert inner["linked_cases"] == [{"key": first, "status": "new", "relation": "merged_into"}]
    assert "case.merged" not in [e["action"] for e in inner["audit_trail"]]
    outer = json.loads((tmp_path / "bundle" / "case.json").read_text())
    assert "case.merged" in [e["action"] for e in outer["audit_trail"]]
    with store.write() as session, pytest.raises(InvalidInputError, match="merged"):
        service.merge(session, service.find_case(session, first), service.find_case(session, second), actor="t")


def test_an_answered_case_takes_no_merge(store: Store) -> None:
    answered = make_case(store, types=("opt_out_sale_share",))
    _respond(store, answered, "complied")
    later = make_case(store, types=("delete",))
    with store.write() as session, pytest.raises(InvalidInputError, match="is responded; only cases still being"):
        service.merge(session, service.find_case(session, answered), service.find_case(session, later), actor="t")
    with store.read() as session:
        assert service.find_case(session, later).status == "new"


def test_merge_refuses_different_requesters(store: Store) -> None:
    a = make_case(store, email="a@example.com")
    b = make_case(store, email="b@example.com")
    with store.write() as session, pytest.raises(InvalidInputError, match="different requesters"):
        service.merge(session, service.find_case(session, a), service.find_case(session, b), actor="t")


def test_free_request_limit_names_the_earlier_cases(store: Store) -> None:
    keys = [make_case(store, received=datetime(2026, m, 2, tzinfo=UTC)) for m in (1, 3, 5)]
    with store.read() as session:
        assert service.free_request_notices(session, service.find_case(session, keys[1])) == []
        notices = service.free_request_notices(session, service.find_case(session, keys[2]))
    assert len(notices) == 1 and keys[0] in notices[0] and keys[1] in notices[0] and "§1798.130(b)" in notices[0]


def test_adding_rights_recomputes_and_an_appeal_becomes_its_own_case(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",), jurisdiction="US-VA")
    with store.write() as session:
        case = service.find_case(session, key)
        landed = service.add_request_types(session, case, ["delete"], actor="test", reason="follow-up")
        assert landed.id == case.id and service.request_types_of(session, case.id or 0)[0] == "delete"
    _pass_all(store, key)
    _respond(store, key, "denied", reason_code="no_such_right", at=datetime(2026, 4, 1, tzinfo=UTC))
    later = datetime(2026, 4, 20, tzinfo=UTC)
    with store.write() as session:
        case = service.find_case(session, key)
        appeal = service.add_request_types(session, case, ["appeal"], actor="intake", reason="mail", received_at=later)
        assert appeal.parent_case_id == case.id and case.status == "appealed"
        assert appeal.due_date == date(2026, 6, 19)


def test_appeal_where_the_law_gives_none_is_a_note(store: Store) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    _respond(store, key, "complied")
    with store.write() as session:
        case = service.find_case(session, key)
        assert service.add_request_types(session, case, ["appeal"], actor="intake", reason="mail").id == case.id
        note = session.exec(select(Note).where(Note.case_id == case.id)).one()
        assert "gives no appeal" in note.body


def test_changing_the_jurisdiction_recomputes_deadlines_and_is_audited(store: Store) -> None:
    key = make_case(store, jurisdiction="US-CA")
    with store.write() as session:
        case = service.find_case(session, key)
        ca_due = case.due_date
        service.set_jurisdiction(session, case, "US-IA", reason="requester lives in Des Moines")
    with store.read() as session:
        case = service.find_case(session, key)
        assert case.jurisdiction == "US-IA" and not case.jurisdiction_assumed
        assert case.due_date is not None and ca_due is not None and case.due_date > ca_due  # Iowa: 90 days
        superseded = session.exec(
            select(Deadline).where(Deadline.case_id == case.id, col(Deadline.superseded_at).is_not(None))
        ).all()
        assert superseded, "the California deadlines stay as history"
        actions = [e.action for e in session.exec(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()]
        assert "case.jurisdiction_changed" in actions
        assert audit.verify(session) == []
