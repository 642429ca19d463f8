"""``lumetra-desk letter``: list kinds, issue a letter for a case to a file, plain errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from letter_facts import open_letter_case, pdf_text, verify_all_steps

from lumetra_desk.cli.main import main
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import Store


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _case(
    app_paths: AppPaths,
    jurisdiction: str,
    request_types: list[str],
    *,
    email: str,
    name: str,
    tier: str,
    received: datetime,
    verified: bool = False,
) -> str:
    """A case in the store of ``app_paths``, closed again so the command line opens it as a user would."""
    store = Store.open(app_paths, create=True)
    try:
        key = open_letter_case(store, jurisdiction, request_types, tier=tier, email=email, name=name, received=received)
        if verified:
            verify_all_steps(store, key)
        return key
    finally:
        store.close()


def test_kinds_lists_every_kind(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "letter", "kinds")
    assert code == 0
    assert "acknowledgement" in out and "processor_redirect" in out and "appeal_decision" in out


def test_issue_to_file_then_again_as_version_two(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = _case(
        app_paths,
        "US-VA",
        ["delete"],
        email="dmitry@example.org",
        name="Дмитрий Διονύσης",
        tier="paid",
        received=datetime(2026, 11, 2, tzinfo=UTC),
        verified=True,
    )
    home, target = str(app_paths.data_dir), tmp_path / "letter.pdf"
    code, out, _ = _run(capsys, "--data-dir", home, "letter", key, "--kind", "deletion_confirmation", "-o", str(target))
    assert code == 0 and "version 1" in out
    text = pdf_text(target.read_bytes())
    assert key in text and "Дмитрий Διονύσης" in text and "Virginia Consumer Data Protection Act" in text
    code, out, _ = _run(capsys, "--data-dir", home, "letter", key, "--kind", "deletion_confirmation")
    assert code == 0 and "version 2" in out
    code, _, err = _run(capsys, "--data-dir", home, "letter", key, "--kind", "denial", "--reason", "repeat request")
    assert code == 1 and "statutory basis" in err


def test_missing_kind_and_unknown_case_are_one_line_errors(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    home = str(app_paths.data_dir)
    code, _, err = _run(capsys, "--data-dir", home, "letter", "LD-2026-000001")
    assert code == 1 and "--kind" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run(capsys, "--data-dir", home, "letter", "LD-2099-000001", "--kind", "acknowledgement")
    assert code == 1 and "no case" in err


def test_appeal_decision_takes_the_ag_contact_from_the_command_line(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = _case(
        app_paths,
        "US-CO",
        ["appeal"],
        email="lukasz@example.pl",
        name="Łukasz",
        tier="free",
        received=datetime(2026, 11, 2, tzinfo=UTC),
    )
    home, target = str(app_paths.data_dir), tmp_path / "decision.pdf"
    base = ("--data-dir", home, "letter", key, "--kind", "appeal_decision", "--outcome", "reversed")
    code, _, err = _run(capsys, *base, "--reason", "The data was not exempt.")
    assert code == 1 and "--ag-contact" in err  # Colorado: the contact goes into every decision
    contact = "Colorado Attorney General, Consumer Protection Section"
    code, _, err = _run(
        capsys, *base, "--reason", "The data was not exempt.", "--ag-contact", contact, "-o", str(target)
    )
    assert code == 0, err
    assert contact in pdf_text(target.read_bytes())


def test_an_extension_notice_issued_again_is_kept_and_written_without_a_second_extension(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = _case(
        app_paths,
        "US-CA",
        ["delete", "limit_sensitive"],
        email="ananya@example.in",
        name="अनन्या शर्मा",
        tier="unknown",
        received=datetime.now(UTC) - timedelta(days=1),
    )
    home, target = str(app_paths.data_dir), tmp_path / "again.pdf"
    code, out, _ = _run(capsys, "--data-dir", home, "cases", "extend", key, "--reason", "Three systems hold it.")
    assert code == 0 and f"{key} extended" in out
    argv = ("--data-dir", home, "letter", key, "--kind", "extension_notice", "--reason", "Three systems hold it.")
    code, out, err = _run(capsys, *argv, "-o", str(target))
    assert (code, err) == (0, "")
    assert "version 2" in out and f"{key} was already extended on" in out
    text = pdf_text(target.read_bytes())
    assert "The law allows no extension of the time to answer your request for a limit on the use" in text


def test_denied_right_narrows_the_denial_and_an_unknown_right_is_a_plain_error(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = _case(
        app_paths,
        "US-VA",
        ["delete", "access"],
        email="zoe@example.org",
        name="Zoë Łukasz",
        tier="unknown",
        received=datetime.now(UTC) - timedelta(days=2),
        verified=True,
    )
    home, target = str(app_paths.data_dir), tmp_path / "denial.pdf"
    deny = ("--data-dir", home, "letter", key, "--kind", "denial", "--reason", "A legal hold applies.")
    code, out, err = _run(capsys, *deny, "--basis", "Va. Code §59.1-582", "--denied-right", "delete", "-o", str(target))
    assert (code, err) == (0, "") and "version 1" in out
    text = pdf_text(target.read_bytes())
    assert "We are unable to comply with your request for deletion of your personal information, for the" in text
    assert "Your request for access to the personal information we hold about you is still being handled" in text
    code, _, err = _run(capsys, *deny, "--basis", "Va. Code §59.1-582", "--denied-right", "correct")
    assert code == 1 and f"Case {key} has no request for correct; its rights are delete, access." in err
    code, _, err = _run(
        capsys, "--data-dir", home, "letter", key, "--kind", "acknowledgement", "--denied-right", "delete"
    )
    assert code == 1 and "Only a denial names the rights it refuses" in err
