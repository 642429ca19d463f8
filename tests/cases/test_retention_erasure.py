"""A retention purge erases the personal data in the purged cases' audit events, and the trail still proves itself.

The stores here are real SQLCipher files; tampering is done with plain SQL behind the app's back, as an
attacker with the key would. A store written before payload digests existed is made the way the previous
version wrote it (schema 0004, every event hashed over all its fields) and then opened, which migrates it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
from alembic import command
from case_helpers import make_case
from sqlmodel import select
from test_workflow import _move, _respond

from lumetra_desk.core import audit
from lumetra_desk.core.cases import service
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.reports.retention import purge, purge_candidates
from lumetra_desk.core.store import migrate
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Case, Message

EMAIL = "ana.lopez@example.com"
NOTE = "Phoned Ana López on +1 555 0100 about her request"
TODAY = datetime.now(UTC).date()


def _old_closed_case(store: Store, email: str = EMAIL) -> str:
    """A California opt-out closed in 2023 with a note and a mail that was imported before it had a case."""
    key = make_case(store, types=("opt_out_sale_share",), email=email, received=datetime(2023, 1, 5, tzinfo=UTC))
    with store.write() as session:
        case = service.find_case(session, key)
        message = Message(
            content_sha256=hashlib.sha256(email.encode()).hexdigest(),
            raw=f"From: {email}\r\nSubject: Do not sell\r\n\r\nDo not sell my data.\r\n".encode(),
            from_addr=email,
            subject="Do not sell",
            received_at=case.received_at,
        )
        session.add(message)
        session.flush()
        audit.record(session, action="message.imported", entity="message", entity_id=message.id, after={"from": email})
        message.case_id = case.id
        session.add(message)
        service.add_note(session, case, NOTE, actor="officer")
    _respond(store, key, "complied", at=datetime(2023, 1, 9, tzinfo=UTC))
    _move(store, key, "closed")
    with store.write() as session:
        case = service.find_case(session, key)
        case.closed_at = datetime(2023, 2, 1, tzinfo=UTC)
        session.add(case)
    return key


def _purge(store: Store) -> None:
    with store.write() as session:
        purge(session, purge_candidates(session, TODAY), actor="officer")


def _trail(store: Store) -> list[AuditEvent]:
    with store.read() as session:
        events = list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())  # type: ignore[arg-type]
        session.expunge_all()  # kept as they were read, not expired by the read's rollback
        return events


def _verify(store: Store) -> list[str]:
    with store.read() as session:
        return audit.verify(session)


def _sql(store: Store, statement: str, *params: object) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql(statement, params)


def test_the_purge_erases_the_requester_from_the_trail_and_the_chain_still_verifies(store: Store) -> None:
    key = _old_closed_case(store)
    kept = make_case(store, email="someone.else@example.com")
    before = _trail(store)
    assert any(EMAIL in e.after for e in before) and any(NOTE in e.after for e in before)
    _purge(store)
    trail = _trail(store)
    assert _verify(store) == []
    stored = " ".join(f"{e.before} {e.after} {e.payload_salt}" for e in trail)
    assert EMAIL not in stored and NOTE not in stored and "López" not in stored
    record = trail[-1]
    assert record.action == "retention.purged" and record.actor == "officer"
    assert json.loads(record.before) == {"key": key, "ended_on": "2023-02-01"}
    said = json.loads(record.after)
    assert said["rule"] == "record_retention" and said["citation"] == "11 CCR §7101(a)-(b)" and said["months"] == 24
    erased = set(said["redacted_events"])
    other_case = {e.id for e in before if "someone.else@example.com" in e.after}
    assert erased == {e.id for e in before} - other_case  # the case's own, its mail's and its requester's
    assert {e.action for e in before if e.case_id is None} == {"requester.created", "message.imported"}
    for event in trail:
        if event.id in erased:
            assert event.before == event.after == json.dumps({"redacted_by_event": record.id})
            assert event.payload_salt == "" and event.payload_digest and event.action  # metadata and digest stay
    assert any(kept in e.after for e in trail), "the other requester's case is untouched"


def test_the_cli_reports_the_erased_events(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    from lumetra_desk.cli.main import main

    _old_closed_case(store)
    assert main(["retention", "purge"]) == 0
    assert "erased" in capsys.readouterr().out
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "The audit trail is intact." in out and "the content of 8 was erased by retention purges" in out


@pytest.mark.parametrize(
    ("tampering", "named"),
    [
        ("UPDATE audit_event SET actor = 'mallory' WHERE id = {erased}",
         "audit event {erased} (note.added) was edited after it was written"),
        ("UPDATE audit_event SET payload_digest = 'x' WHERE id = {erased}",
         "audit event {erased} (note.added) was edited after it was written"),
        (
            "UPDATE audit_event SET before = '{marker}', after = '{marker}', payload_salt = '' WHERE id = {other}",
            "audit event {other} (case.opened) was emptied without a redaction record naming it",
        ),
        ("UPDATE audit_event SET after = '{{}}' WHERE id = {record}",
         "audit event {record} (retention.purged) was edited after it was written"),
        ("DELETE FROM audit_event WHERE id = {record}", "audit event {record} was deleted from the end of the trail"),
    ],
)  # fmt: skip
def test_erased_events_are_still_guarded(store: Store, tampering: str, named: str) -> None:
    _old_closed_case(store)
    other = make_case(store, email="kept@example.com")
    _purge(store)
    trail = _trail(store)
    record = trail[-1].id
    values = {
        "erased": next(e.id for e in trail if e.action == "note.added"),
        "other": next(e.id for e in trail if e.action == "case.opened" and other in e.after),
        "record": record,
        "marker": json.dumps({"redacted_by_event": record}),  # pointing at a real purge that did not name it
    }
    _sql(store, tampering.format(**values))
    problems = _verify(store)
    assert any(p.startswith(named.format(**values)) for p in problems), problems


def test_an_edited_event_is_evidence_and_stops_the_purge(store: Store) -> None:
    key = _old_closed_case(store)
    note_event = next(e.id for e in _trail(store) if e.action == "note.added")
    _sql(store, f'UPDATE audit_event SET after = \'{{"body": "nothing happened"}}\' WHERE id = {note_event}')
    with pytest.raises(InvalidInputError, match=f"Audit event {note_event} \\(note.added\\) was changed"):
        _purge(store)
    with store.read() as session:
        assert session.exec(select(Case).where(Case.key == key)).one()
    assert _verify(store) == [f"audit event {note_event} (note.added) was edited after it was written"]


# ------------------------------------------------------------ scheme 1


def _scheme_1_hash(values: list[object]) -> str:
    """How the previous version hashed an event: every field, the payload included (the format of its stores)."""
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def _as_written_by_the_previous_version(store: Store) -> None:
    """Take the store back to schema 0004 and hash its events the way that version did, anchor included."""
    config = migrate.alembic_config()
    with store.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
        conn.commit()
    with store.engine.begin() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, case_id, at, actor, action, entity, entity_id, before, after FROM audit_event ORDER BY id"
        ).all()
        previous = "0" * 64
        for row in rows:
            at = datetime.fromisoformat(row[2]).replace(tzinfo=UTC).isoformat()
            digest = _scheme_1_hash([row[0], row[1], at, *row[3:], previous])
            conn.exec_driver_sql(
                "UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?", (previous, digest, row[0])
            )
            previous = digest
    anchor = json.dumps({"id": rows[-1][0], "hash": previous}).ljust(256)
    (store.paths.data_dir / audit.ANCHOR_FILE).write_text(anchor)


def test_a_store_of_the_previous_version_migrates_verifies_and_purges(app_paths: AppPaths) -> None:
    store = Store.open(app_paths, create=True)
    _old_closed_case(store)
    recent = make_case(store, types=("opt_out_sale_share",), email="recent@example.com")
    _as_written_by_the_previous_version(store)
    store.close()
    store = Store.open(app_paths)
    try:
        assert migrate.current_revision(store) == migrate.head_revision()
        old_events = _trail(store)
        assert old_events and all(e.payload_digest == "" for e in old_events)
        assert _verify(store) == []
        _respond(store, recent, "complied")  # new events chain on after the old ones
        assert _verify(store) == []
        _purge(store)
        trail = _trail(store)
        assert _verify(store) == []
        assert EMAIL not in " ".join(e.after + e.before for e in trail)
        record = json.loads(trail[-1].after)
        assert set(record["scheme_1_seals"]) == {str(i) for i in record["redacted_events"]}
        erased = record["redacted_events"][0]
        _sql(store, f"UPDATE audit_event SET action = 'case.closed' WHERE id = {erased}")
        assert _verify(store) == [f"audit event {erased} (case.closed) was edited after its content was erased"]
    finally:
        store.close()
