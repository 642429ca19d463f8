"""The CLI of case work and the records: audit verify on a tampered store, export, register, metrics, retention."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from case_helpers import RECEIVED, issue_extension_notice, make_case
from pypdf import PdfReader
from sqlmodel import col, select
from test_workflow import _move, _pass_all, _respond

from lumetra_desk.cli.main import main
from lumetra_desk.core import demo, rules
from lumetra_desk.core.cases import service
from lumetra_desk.core.letters.templates import long_date
from lumetra_desk.core.reports.metrics import metrics_csv, yearly_metrics
from lumetra_desk.core.reports.register import register_rows
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Case, Letter, Requester


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_audit_verify_names_an_edited_and_a_deleted_row(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    key = make_case(store, types=("opt_out_sale_share",))
    _respond(store, key, "complied")
    assert _cli(capsys, "audit", "verify")[0] == 0
    with store.engine.begin() as conn:
        conn.exec_driver_sql('UPDATE audit_event SET after = \'{"status": "closed"}\' WHERE id = 3')
    code, _, err = _cli(capsys, "audit", "verify")
    assert code == 1 and "audit event 3" in err and "edited" in err
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM audit_event WHERE id = 2")
    code, _, err = _cli(capsys, "audit", "verify")
    assert code == 1 and "audit event 2 was deleted" in err


def test_show_transition_and_refusals_through_the_cli(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    key = make_case(store, types=("access_categories",))
    code, out, _ = _cli(capsys, "cases", "show", key, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["whose_turn"] == "ours" and shown["verification"]["state"] == "pending"
    planned = shown["verification"]
    assert not planned["plan_written"] and [s["code"] for s in planned["steps"]] == ["data_point_1", "data_point_2"]
    assert {a["name"]: a["enabled"] for a in shown["actions"]}["close"] is False
    code, _, err = _cli(capsys, "cases", "transition", key, "closed", "--reason", "done")
    assert code == 1 and "only from responded" in err
    code, _, err = _cli(capsys, "cases", "transition", key, "awaiting_requester", "--reason", "need more")
    assert code == 1 and "Say what the requester must send: id (their ID), clarification or other." in err
    assert _cli(capsys, "cases", "transition", "1", "verifying", "--reason", "ID check")[0] == 0
    assert _cli(capsys, "cases", "verify", key, "data_point_1", "--passed", "--note", "email matches")[0] == 0
    code, out, _ = _cli(capsys, "cases", "verify", key, "data_point_2", "--passed", "--note", "postcode")
    assert code == 0 and "verification is passed" in out
    code, _, err = _cli(capsys, "cases", "transition", key, "responded", "--reason", "sent", "--outcome", "denied")
    assert code == 1 and "needs a reason code" in err
    code, out, _ = _cli(capsys, "cases", "transition", key, "responded", "--reason", "sent", "--outcome", "complied")
    assert code == 0 and "is now responded" in out
    code, out, _ = _cli(capsys, "cases", "show", key)
    assert "turn: nobody" in out and "(superseded)" not in out  # answering moved no date: no history copies


def test_show_lists_a_moved_deadline_once_through_an_extension_and_the_answer(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a date that moved becomes history: the extension and the answer leave the dates as they were."""
    key = make_case(store, types=("access",), jurisdiction="UK")
    on_id_asked = ("--waiting-for", "id", "--on", "2026-03-04")
    assert _cli(capsys, "cases", "transition", key, "awaiting_requester", "--reason", "ID", *on_id_asked)[0] == 0
    assert _cli(capsys, "cases", "transition", key, "verifying", "--reason", "ID came", "--on", "2026-03-10")[0] == 0
    issue_extension_notice(store, key, date(2026, 3, 20))
    with store.write() as session:
        service.take_extension(session, service.find_case(session, key), date(2026, 3, 20), "complex")
    _pass_all(store, key)
    _respond(store, key, "complied", at=datetime(2026, 4, 1, tzinfo=UTC))
    out = _cli(capsys, "cases", "show", key)[1]
    deadline_lines = [
        re.sub(r"\s+", " ", re.sub(r"superseded \d{4}-\d{2}-\d{2}", "superseded", line)).strip()
        for line in out.splitlines()
        if line.strip().split(" ")[0] in ("respond", "respond_extended", "extension_notice_by")
    ]
    assert deadline_lines == [  # the ID restarted the month once; each earlier date is listed once, by its successor
        "respond 2026-04-02 access (superseded)",
        "respond 2026-04-10 access extended on 2026-03-20",
        "respond_extended 2026-06-02 access (superseded)",
        "respond_extended 2026-06-10 access met 2026-04-01",
        "extension_notice_by 2026-04-02 access (superseded)",
        "extension_notice_by 2026-04-10 access decided 2026-03-20",
    ]
    assert "clock: extension taken on 2026-03-20: complex" in out and "extension_taken" not in out
    shown = json.loads(_cli(capsys, "cases", "show", key, "--json")[1])
    assert [(d["event"], d["current"]) for d in shown["deadlines"]].count(("respond", False)) == 1
    current = {d["event"]: (d["state"], d["reading"]) for d in shown["deadlines"] if d["current"]}
    assert current == {
        "respond": ("extended", "extended on 2026-03-20"),
        "respond_extended": ("met", "met 2026-04-01"),
        "extension_notice_by": ("decided", "decided 2026-03-20"),
    }
    assert [e["kind"] for e in shown["clock_events"]] == ["id_requested", "id_received", "extension_taken"]
    assert all(d["superseded_at"] is None for d in shown["deadlines"] if d["current"])


def test_cli_merge_appeal_and_extend(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    a = make_case(store, types=("opt_out_sale_share",), jurisdiction="US-VA", with_message="a")
    b = make_case(store, types=("opt_out_sale_share",), jurisdiction="US-VA", with_message="b")
    code, out, _ = _cli(capsys, "cases", "merge", a, b)
    assert code == 0 and f"{b} merged into {a}" in out
    _respond(store, a, "denied", reason_code="no_such_right", at=datetime(2026, 3, 20, tzinfo=UTC))
    code, _, err = _cli(capsys, "cases", "appeal", a, "--received", "2026-03-19")
    assert code == 1 and "before case" in err and "was answered (2026-03-20)" in err
    code, out, _ = _cli(capsys, "cases", "appeal", a, "--received", "2026-04-01")
    assert code == 0 and "decision due 2026-05-31" in out
    links = json.loads(_cli(capsys, "cases", "show", a, "--json")[1])["linked_cases"]
    assert [(link["key"], link["relation"]) for link in links] == [(b, "merged"), (out.split()[1], "appeal")]
    ca = make_case(store, types=("opt_out_sale_share",), email="c@example.com")
    _respond(store, ca, "complied")
    code, _, err = _cli(capsys, "cases", "appeal", ca, "--received", "2026-04-01")
    assert code == 1 and "gives no appeal" in err
    late = make_case(store, types=("access",), email="d@example.com")
    code, _, err = _cli(capsys, "cases", "extend", late, "--reason", "volume")
    assert code == 1 and "Too late to extend" in err


def test_export_bundle_has_a_manifest_of_sha256s(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = make_case(store, types=("opt_out_sale_share",), with_message="hello")
    _respond(store, key, "complied")
    target = tmp_path / "bundle"
    assert _cli(capsys, "cases", "export", key, str(target))[0] == 0
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["case"] == key and any(name.startswith("messages/") for name in manifest["files"])
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest
    record = json.loads((target / "case.json").read_text())
    assert record["case"]["key"] == key and record["messages"][0]["subject"] == "hello"
    assert [e["action"] for e in record["audit_trail"]][:1] == ["case.opened"]
    code, _, err = _cli(capsys, "cases", "export", key, str(target))
    assert code == 1 and "not empty" in err


def _eu(store: Store, received: datetime, types: tuple[str, ...] = ("access",)) -> str:
    return make_case(store, types=types, jurisdiction="EU", email=f"{received.date()}@example.com", received=received)


def _known_year(store: Store) -> None:
    day = datetime(2026, 1, 5, 9, tzinfo=UTC)
    _respond(store, _eu(store, day), "complied", at=day + timedelta(days=10))
    day = datetime(2026, 2, 1, 9, tzinfo=UTC)
    _respond(store, _eu(store, day), "partly", reason_code="no_such_right", at=day + timedelta(days=20))
    day = datetime(2026, 3, 1, 9, tzinfo=UTC)
    _respond(store, _eu(store, day), "denied", reason_code="manifestly_unfounded_or_excessive", at=day + timedelta(40))
    _eu(store, datetime(2026, 3, 2, 9, tzinfo=UTC), types=("delete",))
    _respond(store, _eu(store, datetime(2025, 12, 30, 9, tzinfo=UTC)), "complied")


def test_metrics_on_a_known_set_of_cases(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _known_year(store)
    va = make_case(store, types=("delete",), jurisdiction="US-VA", email="va@example.com")
    _respond(store, va, "denied", reason_code="no_such_right", at=datetime(2026, 3, 10, tzinfo=UTC))
    assert _cli(capsys, "cases", "appeal", va, "--received", "2026-04-01")[0] == 0
    with store.read() as session:
        text = metrics_csv(yearly_metrics(session, 2026))
    rows = {r["request_type"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {"access", "delete"}, "an appeal is a decision on a counted request, not a request type"
    assert (rows["delete"]["received"], rows["delete"]["denied"]) == ("2", "1")
    assert rows["access"] == {
        "request_type": "access",
        "received": "3",
        "complied_in_whole": "1",
        "complied_in_part": "1",
        "denied": "1",
        "median_days": "20",
        "mean_days": "23.3",
    }
    assert rows["delete"]["median_days"] == str((datetime(2026, 3, 10).date() - RECEIVED.date()).days)
    pdf = tmp_path / "metrics.pdf"
    code, out, _ = _cli(capsys, "report", "metrics", "--year", "2026", "--pdf", str(pdf))
    assert code == 0 and out.startswith("request_type,received")
    page = PdfReader(pdf).pages[0].extract_text()
    assert "privacy request metrics for 2026" in page and "23.3" in page


def test_demo_answers_carry_their_response_dates_into_the_records(store: Store) -> None:
    demo.fill(store, 40, seed=3)
    with store.read() as session:
        answered = session.exec(select(Case).where(col(Case.status).in_(("responded", "closed")))).all()
        assert answered and all(c.responded_at is not None and c.received_at <= c.responded_at for c in answered)
        years = {c.received_at.year for c in answered}
        metrics = [m for year in years for m in yearly_metrics(session, year)]
        rows = [r for year in years for r in register_rows(session, year)]
    assert any(m.median_days is not None for m in metrics)
    assert all(r.response_date for r in rows if r.nature_of_response)


def test_register_lists_the_year_with_denial_basis_and_appeal(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _known_year(store)
    va = make_case(store, types=("opt_out_sale_share",), jurisdiction="US-VA", email="va@example.com")
    _respond(store, va, "denied", reason_code="no_such_right", at=datetime(2026, 3, 10, tzinfo=UTC))
    assert _cli(capsys, "cases", "appeal", va, "--received", "2026-04-01")[0] == 0
    mixed = _eu(store, datetime(2026, 4, 2, 9, tzinfo=UTC), types=("access", "delete"))
    _respond(store, mixed, "complied", type_outcomes={"delete": ("denied", "manifestly_unfounded_or_excessive")})
    output = tmp_path / "register.csv"
    assert _cli(capsys, "report", "register", "--year", "2026", "-o", str(output))[0] == 0
    rows = list(csv.DictReader(output.open()))
    assert len(rows) == 6 and rows[0]["date_received"] == "2026-01-05" and rows[0]["manner"] == "email"
    partly_refused = next(r for r in rows if r["case"] == mixed)
    assert partly_refused["nature_of_response"] == "access: complied; delete: denied"
    assert (
        partly_refused["basis_for_denial"].startswith("Manifestly unfounded")
        and "Art. 12(5)" in partly_refused["basis_for_denial"]
    )
    denied = next(r for r in rows if r["nature_of_response"] == "denied" and r["jurisdiction"] == "EU")
    assert "Art. 12(5)" in denied["basis_for_denial"]
    appealed = next(r for r in rows if r["case"] == va)
    assert appealed["appeal"].startswith("LD-2026-") and "(2026-04-01)" in appealed["appeal"]


def test_retention_dry_run_lists_then_purge_deletes_with_an_audit_event(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    old = make_case(store, types=("opt_out_sale_share",), received=datetime(2023, 1, 5, tzinfo=UTC), with_message="o")
    recent = make_case(store, types=("opt_out_sale_share",), email="new@example.com", with_message="n")
    for key in (old, recent):
        _respond(store, key, "complied")
        _move(store, key, "closed")
    with store.write() as session:
        case = service.find_case(session, old)
        case.closed_at = datetime(2023, 2, 1, tzinfo=UTC)
        session.add(case)
    code, out, _ = _cli(capsys, "retention", "purge", "--dry-run")
    assert code == 0 and f"would purge {old}" in out and recent not in out
    assert "24 months (11 CCR §7101(a)-(b))" in out and "1 case(s) would be purged" in out
    code, out, _ = _cli(capsys, "retention", "purge")
    assert code == 0 and f"purged {old}" in out
    with store.read() as session:
        assert session.exec(select(Case).where(Case.key == old)).first() is None
        assert session.exec(select(Requester).where(Requester.email == "ana@example.com")).first() is None
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "retention.purged")).one()
    assert _cli(capsys, "audit", "verify")[0] == 0


def test_cli_extend_issues_the_notice_then_records_the_extension(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = make_case(store, types=("access",), received=datetime.now(UTC) - timedelta(days=3))
    code, out, _ = _cli(capsys, "cases", "extend", key, "--reason", "a large volume of records")
    assert code == 0 and "extension-notice-v1.pdf" in out and f"{key} extended" in out
    code, _, err = _cli(capsys, "cases", "extend", key, "--reason", "again")
    assert code == 1 and "already extended" in err
    shown = json.loads(_cli(capsys, "cases", "show", key, "--json")[1])
    assert shown["status"] == "extended" and shown["due_event"] == "respond_extended"
    assert [e["kind"] for e in shown["clock_events"]] == ["extension_taken"]


def test_letter_command_records_the_extension_after_the_notice(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = make_case(store, types=("delete",), received=datetime.now(UTC) - timedelta(days=1))
    code, out, _ = _cli(capsys, "letter", key, "--kind", "extension_notice", "--reason", "many systems to search")
    assert code == 0 and f"Extension recorded for {key}" in out
    with store.read() as session:
        case = service.find_case(session, key)
        assert (case.status, case.due_event) == ("extended", "respond_extended")


def test_after_an_extension_of_a_mixed_case_the_summary_gives_the_extended_date_and_the_date_kept(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    """A California opt-out has no extension: the case stays due on its date, which is not the one announced."""
    key = make_case(store, types=("delete", "opt_out_sale_share"), received=datetime.now(UTC) - timedelta(days=1))
    code, out, _ = _cli(capsys, "letter", key, "--kind", "extension_notice", "--reason", "many systems to search")
    with store.read() as session:
        case = service.find_case(session, key)
        due = {(d.request_type, d.event): d.due for d in service.current_deadlines(session, case.id or 0)}
        assert case.due_date == due[("opt_out_sale_share", "respond")]
    extended, kept = due[("delete", "respond_extended")].isoformat(), due[("opt_out_sale_share", "respond")].isoformat()
    summary = (
        f"Extension recorded for {key}; delete due {extended} (extended); opt_out_sale_share due {kept} (not extended)."
    )
    assert code == 0 and summary in out
    only_delete = make_case(store, types=("delete",), email="bo@example.com", received=datetime.now(UTC))
    code, out, _ = _cli(capsys, "cases", "extend", only_delete, "--reason", "many systems to search")
    with store.read() as session:
        case = service.find_case(session, only_delete)
        assert case.due_date is not None
        assert code == 0 and f"{only_delete} extended; due {case.due_date.isoformat()}." in out


def _appealed(store: Store, capsys: pytest.CaptureFixture[str], jurisdiction: str, appeal_days_ago: int) -> str:
    """A denied request of ``jurisdiction`` and its appeal, received ``appeal_days_ago`` days ago, via the CLI."""
    key = make_case(store, types=("delete",), jurisdiction=jurisdiction, email=f"{jurisdiction}@example.com")
    _respond(store, key, "denied", reason_code="no_such_right", at=datetime.now(UTC) - timedelta(days=60))
    received = date.today() - timedelta(days=appeal_days_ago)
    code, out, err = _cli(capsys, "cases", "appeal", key, "--received", received.isoformat())
    assert code == 0, err
    return out.split()[1]


def _letters_of(store: Store, key: str) -> list[bytes]:
    """The PDFs of the letters kept with a case."""
    with store.read() as session:
        case = service.find_case(session, key)
        return list(session.exec(select(Letter.pdf).where(Letter.case_id == case.id)).all())


@pytest.mark.parametrize("jurisdiction", ["US-CO", "US-MN"])
def test_cli_extends_an_appeal_decision_once_with_a_notice_naming_the_appeal_and_its_new_date(
    store: Store, capsys: pytest.CaptureFixture[str], jurisdiction: str
) -> None:
    appeal = _appealed(store, capsys, jurisdiction, appeal_days_ago=10)
    with store.read() as session:
        case = service.find_case(session, appeal)
        original = session.get(Case, case.parent_case_id)
        assert original is not None
        original_key, received = original.key, case.received_at.date()
    engine = rules.compute_deadlines(jurisdiction, "appeal", received, [])
    decide_by, extended = engine.get("appeal_decision"), engine.get("appeal_decision_extended")
    assert decide_by is not None and extended is not None and engine.get("extension_notice_by") is not None
    code, out, err = _cli(capsys, "cases", "extend", appeal, "--reason", "The appeal needs the records of two teams.")
    assert code == 0, err
    assert f"{appeal}-extension-notice-v1.pdf" in out and f"{appeal} extended; due {extended.due.isoformat()}" in out

    [pdf] = _letters_of(store, appeal)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    law = rules.load_rulebook().get(jurisdiction)
    assert law.appeal.extension is not None
    assert "Re: We need more time to decide your appeal" in text
    assert f"(case {appeal}) against our decision on your request of" in text and f"(case {original_key})" in text
    assert f"Our decision on your appeal is due by {long_date(decide_by.due)}" in text
    assert f"extend the time to decide an appeal once, by 60 days ({law.appeal.extension.citation})" in text
    assert "The appeal needs the records of two teams." in text
    assert f"with our reasons, by {long_date(extended.due)}" in text

    shown = json.loads(_cli(capsys, "cases", "show", appeal, "--json")[1])
    assert (shown["status"], shown["due_event"], shown["due"]) == (
        "extended",
        "appeal_decision_extended",
        extended.due.isoformat(),
    )
    assert [e["kind"] for e in shown["clock_events"]] == ["extension_taken"]
    code, _, err = _cli(capsys, "cases", "extend", appeal, "--reason", "again")
    assert code == 1 and "already extended" in err
    assert len(_letters_of(store, appeal)) == 1
    code, out, err = _cli(capsys, "cases", "transition", appeal, "responded", "--outcome", "upheld",
                          "--ag-contact-given", "--reason", "the exemption applies")  # fmt: skip
    assert code == 0, err


def test_cli_refuses_an_appeal_extension_after_the_initial_decision_period(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    appeal = _appealed(store, capsys, "US-CO", appeal_days_ago=50)  # Colorado decides within 45 days
    code, _, err = _cli(capsys, "cases", "extend", appeal, "--reason", "volume")
    assert code == 1 and f"Too late to extend case {appeal}" in err
    assert "within the initial period for deciding the appeal" in err
    assert _letters_of(store, appeal) == []


@pytest.mark.parametrize(("jurisdiction", "short_name"), [("US-VA", "VCDPA"), ("US-NJ", "NJDPA")])
def test_cli_refuses_an_appeal_extension_where_the_law_gives_none(
    store: Store, capsys: pytest.CaptureFixture[str], jurisdiction: str, short_name: str
) -> None:
    """Virginia decides in 60 days with no extension; New Jersey's appeal extension is unconfirmed, so none."""
    appeal = _appealed(store, capsys, jurisdiction, appeal_days_ago=5)
    shown = json.loads(_cli(capsys, "cases", "show", appeal, "--json")[1])
    decide_by = shown["due"]
    assert shown["due_event"] == "appeal_decision"
    refusal = f"{short_name} gives no extension of the time to decide an appeal"
    extend = {a["name"]: a for a in shown["actions"]}["extend"]
    assert not extend["enabled"] and refusal in extend["reason"]
    code, _, err = _cli(capsys, "cases", "extend", appeal, "--reason", "volume")
    assert code == 1 and refusal in err and f"appeal {appeal} must be decided by {decide_by}" in err
    assert "not confirmed in primary text; the earlier date holds until counsel confirms it" in err
    code, _, err = _cli(capsys, "letter", appeal, "--kind", "extension_notice", "--reason", "volume")
    assert code == 1 and "allows no extension of the time to decide an appeal" in err
    assert _letters_of(store, appeal) == []


def test_a_recorded_account_lets_a_california_requester_sign_in_instead_of_matching_data_points(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = make_case(store, types=("access",))  # came by mail: whether the sender holds an account is not known
    shown = json.loads(_cli(capsys, "cases", "show", key, "--json")[1])
    assert [s["code"] for s in shown["verification"]["steps"]][-1] == "signed_declaration"
    assert any("not recorded" in note for note in shown["verification"]["notes"])
    code, out, _ = _cli(
        capsys, "cases", "account", key, "--tier", "paid", "--account-ref", "ENG-0000042", "--reason",
        "the address belongs to a Paid account",
    )  # fmt: skip
    assert code == 0 and "account_reauthentication" in out and "11 CCR §7061(a)" in out
    shown = json.loads(_cli(capsys, "cases", "show", key, "--json")[1])
    assert shown["tier"] == "paid" and [s["code"] for s in shown["verification"]["steps"]] == [
        "account_reauthentication"
    ]
    respond = ("cases", "transition", key, "responded", "--outcome", "complied", "--reason", "copy sent")
    code, _, err = _cli(capsys, *respond)
    assert code == 1 and "no substantive answer to access" in err
    note = "signed in again through the account page on 2026-03-04 before the copy was prepared"
    assert _cli(capsys, "cases", "verify", key, "account_reauthentication", "--passed", "--note", note)[0] == 0
    assert _cli(capsys, *respond)[0] == 0
    code, _, err = _cli(capsys, "cases", "account", key, "--tier", "free", "--reason", "wrong account")
    assert code == 1 and "only while the request is being worked on" in err
    with store.read() as session:
        recorded = session.exec(select(AuditEvent).where(AuditEvent.action == "case.account_recorded")).one()
        assert json.loads(recorded.after)["account_ref"] == "ENG-0000042"
        requester = session.exec(select(Requester).where(Requester.email == "ana@example.com")).one()
        assert (requester.tier, requester.account_ref) == ("paid", "ENG-0000042")
    assert _cli(capsys, "audit", "verify")[0] == 0


def test_the_account_summary_reads_an_enterprise_account(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    key = make_case(store, types=("access",))
    code, out, _ = _cli(capsys, "cases", "account", key, "--tier", "enterprise", "--reason", "a customer's admin")
    assert code == 0 and f"{key}: the requester holds an enterprise account;" in out
    other = make_case(store, types=("access",), email="bo@example.com")
    code, out, _ = _cli(capsys, "cases", "account", other, "--tier", "paid", "--reason", "a Paid account")
    assert code == 0 and f"{other}: the requester holds a paid account;" in out


def test_the_account_cannot_change_a_plan_already_followed(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    key = make_case(store, types=("delete",))
    assert _cli(capsys, "cases", "verify", key, "data_point_1", "--passed", "--note", "billing address matches")[0] == 0
    code, _, err = _cli(capsys, "cases", "account", key, "--tier", "free", "--reason", "found later")
    assert code == 1 and "has started under its current plan" in err
