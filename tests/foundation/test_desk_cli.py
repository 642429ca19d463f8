"""The command line: demo data, case listing, store upkeep, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from lumetra_desk import __version__
from lumetra_desk.cli.main import main
from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, Message


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "version")
    assert code == 0 and __version__ in out


def test_demo_then_cases_list_json(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(app_paths.data_dir), "demo", "--cases", "60", "--seed", "7")
    assert code == 0 and "Added 60 demo cases" in out
    code, out, _ = run_cli(capsys, "--data-dir", str(app_paths.data_dir), "cases", "list", "--json")
    assert code == 0
    cases = json.loads(out)
    assert len(cases) == 60
    for case in cases:
        assert {"id", "requester_email", "status", "jurisdiction", "request_types", "received", "message_ids"} <= set(
            case
        )
        assert case["key"].startswith("LD-20")
        assert case["request_types"] and case["message_ids"]
    due = [c["due"] for c in cases if c["due"]]
    assert due == sorted(due), "listed soonest deadline first"
    code, out, _ = run_cli(
        capsys, "--data-dir", str(app_paths.data_dir), "cases", "list", "--status", "closed", "--json"
    )
    assert all(c["status"] == "closed" for c in json.loads(out))


def test_demo_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    listings = []
    for name in ("a", "b"):
        data_dir = str(tmp_path / name)
        run_cli(capsys, "--data-dir", data_dir, "demo", "--cases", "25", "--seed", "3")
        _, out, _ = run_cli(capsys, "--data-dir", data_dir, "cases", "list", "--json")
        listings.append(json.loads(out))
    assert listings[0] == listings[1]


def test_cases_list_text_and_search(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(app_paths.data_dir)
    run_cli(capsys, "--data-dir", data_dir, "demo", "--cases", "40")
    code, out, _ = run_cli(capsys, "--data-dir", data_dir, "cases", "list")
    assert code == 0 and out.splitlines()[0].startswith("KEY")
    store = Store.open(app_paths, create=False)
    with store.write() as session:
        noted = service.find_case(session, "LD-2026-000003")
        service.add_note(session, noted, "Called back; the requester lives in Zanzibar now", actor="officer")
        mailed = session.exec(select(Message).where(Message.case_id != noted.id)).first()
        assert mailed is not None
        mailed.body_text += "\nMy reference is QUOKKA-77."
        session.add(mailed)
        mailed_case = session.get(Case, mailed.case_id)
        assert mailed_case is not None
        mailed_key = mailed_case.key
    store.close()

    def search(text: str) -> list[str]:
        code, out, err = run_cli(capsys, "--data-dir", data_dir, "cases", "list", "--search", text, "--json")
        assert code == 0, err
        return [case["key"] for case in json.loads(out)]

    assert search("zanzibar") == ["LD-2026-000003"], "a word of a note"
    assert search("zanzi") == ["LD-2026-000003"], "the start of a word"
    assert search("quokka") == [mailed_key], "a word a message gained after it was stored"
    assert search("called zanzibar") == ["LD-2026-000003"] and search("called quokka") == []
    assert search('"unbalanced') == [] and search("*") == [], "search syntax in what was typed is not an error"


def test_db_check_and_backup(app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(app_paths.data_dir)
    run_cli(capsys, "--data-dir", data_dir, "demo", "--cases", "10")
    code, out, _ = run_cli(capsys, "--data-dir", data_dir, "db", "check")
    assert code == 0 and "healthy" in out
    target = tmp_path / "backup.db"
    code, out, _ = run_cli(capsys, "--data-dir", data_dir, "db", "backup", str(target))
    assert code == 0 and target.exists()
    code, _, err = run_cli(capsys, "--data-dir", data_dir, "db", "backup", str(target))
    assert code == 1 and err.count("\n") == 1 and "already exists" in err


def test_errors_are_one_plain_line_with_a_nonzero_exit(tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    env = {"LUMETRA_DESK_PASSPHRASE": "right", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    first = subprocess.run(
        [sys.executable, "-m", "lumetra_desk", "--data-dir", str(data_dir), "db", "init"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    wrong = subprocess.run(
        [sys.executable, "-m", "lumetra_desk", "--data-dir", str(data_dir), "cases", "list"],
        env=env | {"LUMETRA_DESK_PASSPHRASE": "wrong"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode == 1
    assert wrong.stderr.startswith("lumetra-desk: ") and wrong.stderr.count("\n") == 1
    assert "Traceback" not in wrong.stderr


def test_unencrypted_store_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--data-dir", str(tmp_path / "plain"), "db", "init", "--unencrypted")
    assert code == 0 and "encryption: none" in out


def test_a_damaged_store_is_reported_in_plain_words(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(app_paths.data_dir)
    run_cli(capsys, "--data-dir", data_dir, "demo", "--cases", "60")
    size = app_paths.store_file.stat().st_size
    with app_paths.store_file.open("r+b") as store_file:  # scribble over one page near the end
        store_file.seek(size - 3 * 4096 + 100)
        store_file.write(b"\0" * 64)
    code, out, err = run_cli(capsys, "--data-dir", data_dir, "db", "check")
    assert code == 1 and not err
    lines = out.splitlines()
    assert lines[0].startswith("problem: ") and len(lines) <= 12
    assert lines[-1] == "The store is damaged: restore the latest backup with 'lumetra-desk db restore BACKUP'."
