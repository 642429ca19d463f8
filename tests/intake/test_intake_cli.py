"""The intake commands through the real CLI entry in a subprocess: intake classify, import, cases list --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from lumetra_desk.core.intake.parse import parse_mail

CORPUS = Path(__file__).parent / "corpus"


def run_cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LUMETRA_DESK_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", "import sys; from lumetra_desk.cli.main import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_classify_json_has_the_contract_keys_and_needs_no_store(tmp_path: Path) -> None:
    files = [CORPUS / "015_ccpa_delete_only_dmarti.eml", CORPUS / "071_spam_ccpa_webinar.eml"]
    result = run_cli("intake", "classify", *map(str, files), "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    contract = {"file", "kind", "is_request", "request_types", "primary", "jurisdiction", "agent", "language",
                "evidence"}  # fmt: skip
    assert all(contract <= item.keys() for item in items)
    assert items[0]["request_types"] == ["delete"] and items[0]["jurisdiction"] == "US-CA"
    assert items[1]["kind"] == "spam" and items[1]["is_request"] is False
    assert not any(tmp_path.iterdir()), "classify must not create a store"


def test_classify_missing_file_is_one_plain_line(tmp_path: Path) -> None:
    result = run_cli("intake", "classify", str(tmp_path / "nope.eml"), home=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("lumetra-desk: Cannot read") and result.stderr.count("\n") == 1


def test_import_then_cases_list_json_names_each_cases_mails_and_requester(tmp_path: Path) -> None:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    assert run_cli("db", "init", home=tmp_path).returncode == 0
    imported = run_cli("import", str(CORPUS), "--json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(imported.stdout)
    assert (len(summary["new_cases"]), summary["follow_ups"], summary["rejected"]) == (24, 3, [])
    assert sorted(item["reason"] for item in summary["ignored"]) == ["not a privacy request", "spam or marketing"]

    listed = run_cli("cases", "list", "--json", home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    by_message_id = {message_id: case for case in json.loads(listed.stdout) for message_id in case["message_ids"]}
    expected: dict[str, set[str]] = {}
    for label in labels:
        if label["is_request"] or label["thread_of"]:
            message_id = parse_mail((CORPUS / label["file"]).read_bytes()).message_id
            assert message_id
            expected.setdefault(label["thread_of"] or label["file"], set()).add(message_id)
    for thread in expected.values():
        (case,) = {by_message_id[message_id]["key"] for message_id in thread}
        assert {m for m, c in by_message_id.items() if c["key"] == case} == thread
    agent_case = by_message_id[parse_mail((CORPUS / "051_agent_opt_out_with_signed_permission_pdf.eml").read_bytes())
                               .message_id or ""]  # fmt: skip
    assert agent_case["requester_email"] == "carmen.ibanez@example.org"
