"""The ``lumetra-desk rules`` contract that scripts rely on (no store needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lumetra_desk.cli.main import main
from lumetra_desk.core.paths import resources_dir
from lumetra_desk.core.rules import load_rulebook
from lumetra_desk.core.rules.review import review_markdown

STATUTES_DOC = resources_dir().parent / "docs" / "statutes.md"
README = resources_dir().parent / "README.md"


@pytest.fixture(autouse=True)
def _no_real_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUMETRA_DESK_HOME", str(tmp_path))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main(["rules", "deadlines", *argv, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_deadlines_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--jurisdiction", "US-CA", "--request", "access", "--received", "2026-01-09")
    assert data["jurisdiction"] == "US-CA"
    assert data["law"].startswith("California Consumer Privacy Act")
    by_event = {row["event"]: row for row in data["deadlines"]}
    assert set(by_event) == {"acknowledge", "respond", "respond_extended", "extension_notice_by"}
    assert by_event["acknowledge"]["due"] == "2026-01-26"
    assert by_event["respond"] == {
        "event": "respond",
        "due": "2026-02-23",
        "basis": "Civ. Code §1798.130(a)(2)(A); 11 CCR §7021(b)",
        "confirmed": True,
        "assumed": False,
        "note": by_event["respond"]["note"],
    }


def test_uk_clock_stop_via_options(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys,
        *("--jurisdiction", "UK", "--request", "access", "--received", "2026-03-10"),
        *("--id-requested", "2026-03-11", "--id-received", "2026-03-20"),
    )
    assert data["deadlines"][0] == {**data["deadlines"][0], "event": "respond", "due": "2026-04-20"}


def test_appeal_request_gives_the_appeal_events(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "--jurisdiction", "US-CO", "--request", "appeal", "--received", "2026-04-10")
    dues = {row["event"]: row["due"] for row in data["deadlines"]}
    assert dues["appeal_decision_extended"] == "2026-07-24"
    assert "respond" not in dues


def test_table_output(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["rules", "deadlines", "--jurisdiction", "EU", "--request", "access", "--received", "2026-01-31"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "respond" in out and "Mon 2026-03-02" in out and "GDPR Art. 12(3)" in out


@pytest.mark.parametrize(
    ("option", "value", "listed"),
    [("--jurisdiction", "US-XX", "'US-CA'"), ("--request", "teleport", "'access'"), ("--received", "soon", "")],
)
def test_unknown_values_exit_2_listing_the_valid_ones(
    capsys: pytest.CaptureFixture[str], option: str, value: str, listed: str
) -> None:
    argv = {"--jurisdiction": "US-CA", "--request": "access", "--received": "2026-01-09", option: value}
    with pytest.raises(SystemExit) as exit_info:
        main(["rules", "deadlines", *(part for pair in argv.items() for part in pair)])
    assert exit_info.value.code == 2
    assert listed in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "named"), [("--id-received", "ID-received"), ("--extension-taken", "extension-taken")]
)
def test_an_event_before_receipt_is_refused_in_the_words_of_its_option(
    capsys: pytest.CaptureFixture[str], option: str, named: str
) -> None:
    argv = ["rules", "deadlines", "--jurisdiction", "UK", "--request", "access", "--received", "2026-02-02"]
    assert main([*argv, option, "2026-01-30"]) == 1
    assert capsys.readouterr().err == (
        f"lumetra-desk: The {named} date 2026-01-30 is before the request was received (2026-02-02).\n"
    )


def test_list_show_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 22 and listing[0].startswith("US-CA")
    assert main(["rules", "show", "US-CO"]) == 0
    shown = capsys.readouterr().out
    assert "C.R.S. §6-1-1306(3)" in shown and "counsel to confirm" in shown
    assert main(["rules", "show", "US-CO", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["code"] == "US-CO"
    assert main(["rules", "review"]) == 0
    assert "US-NV" in capsys.readouterr().out


def test_docs_statutes_md_is_the_generated_review(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "review", "--markdown"]) == 0
    printed = capsys.readouterr().out
    assert printed == review_markdown(load_rulebook())
    assert STATUTES_DOC.read_text(encoding="utf-8") == printed, (
        "docs/statutes.md is stale: run `lumetra-desk rules review --markdown > docs/statutes.md`"
    )


def test_readme_review_table_is_the_generated_one() -> None:
    """The README shows the counsel table too; it must be the command's table, row for row."""
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## How deadlines are computed") :]
    section = section[: section.index("\n## ", 1)]
    table = [line for line in review_markdown(load_rulebook()).splitlines() if line.startswith("|")]
    assert [line for line in section.splitlines() if line.startswith("|")] == table, (
        "README.md's review table is stale: paste the table of `lumetra-desk rules review --markdown`"
    )


def test_review_table_gives_each_appeal_law_its_ag_contact_placeholder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "review"]) == 0
    rows = {line.split(" | ")[0].strip(): line for line in capsys.readouterr().out.splitlines()[2:]}
    for rules in load_rulebook().all():
        if rules.appeal.exists:
            assert rules.appeal.ag_contact in rows[rules.code], rules.code
            assert "counsel to confirm" in rows[rules.code]
        else:
            assert "counsel to confirm" not in rows[rules.code]
