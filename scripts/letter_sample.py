"""Regenerate the README's letter image (docs/images/letter-sample.png) from the current letter code.

    .venv/bin/python scripts/letter_sample.py

A Virginia case is opened for a Free-tier requester in a temporary, unencrypted store, verified, and given an
access response through the same path the window and the command line use; its first page is rendered with
pdftoppm.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMAGE = ROOT / "docs" / "images" / "letter-sample.png"
RESOLUTION = 80  # dots per inch: a US Letter page 680 pixels wide


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from lumetra_desk.core.cases import service, verification
    from lumetra_desk.core.letters.issue import issue_letter
    from lumetra_desk.core.paths import resolve_paths
    from lumetra_desk.core.settings import CompanySettings, Settings
    from lumetra_desk.core.store.db import Store

    settings = Settings(
        company=CompanySettings(
            address_lines=["548 Market Street, Suite 400", "San Francisco, CA 94104"],
            website="lumetra.io",
            signatory_name="Dana Whitfield",
            signatory_title="Privacy Officer",
        )
    )
    with tempfile.TemporaryDirectory(prefix="letter-sample-") as folder:
        store = Store.open(resolve_paths(Path(folder) / "desk"), encrypted=False)
        try:
            with store.write() as session:
                requester = service.find_or_create_requester(
                    session, "zoe@example.org", "Zoë Łukasz Διονύσης Дмитрий 王芳", "free"
                )
                requester.postal_address = "12 Rue de la Paix\n75002 Paris"
                case = service.open_case(
                    session,
                    requester=requester,
                    request_types=["access_categories"],
                    received_at=datetime(2026, 11, 2, 15, 30, tzinfo=UTC),
                    jurisdiction="US-VA",
                    tier="free",
                )
                for step in verification.create_plan(session, case, actor="sample"):
                    verification.record_step(session, case, step.code, True, actor="sample", evidence_note="matched")
                key = case.key
            issued = issue_letter(store, key, "access_response", settings, today=date(2026, 11, 27))
        finally:
            store.close()
        pdf = Path(folder) / "letter.pdf"
        pdf.write_bytes(issued.rendered.pdf)
        page = IMAGE.with_suffix("")
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(page)],
            check=True,
        )
    print(f"Wrote {IMAGE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
