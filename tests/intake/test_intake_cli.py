"""``lumetra-desk intake classify``: the JSON contract, through the real CLI entry in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
