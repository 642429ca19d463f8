"""A kill -9 in the middle of an import leaves no half case, and running the import again completes it."""

from __future__ import annotations

import mailbox
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from intake_mailmaker import make_mail
from sqlmodel import func, select

from lumetra_desk.core import audit
from lumetra_desk.core.intake.importer import MailImporter
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, CaseRequestType, Deadline, Message

pytestmark = pytest.mark.slow
TOTAL = 160
KILL_AFTER = 25


def _mbox(folder: Path) -> Path:
    path = folder / "requests.mbox"
    box = mailbox.mbox(str(path))
    for n in range(TOTAL):
        box.add(make_mail(f"Please delete my personal data. I live in Texas. Ref {n}.", sender=f"p{n}@example.com"))
    box.flush()
    box.close()
    return path


def test_kill_mid_import_then_rerun(app_paths: AppPaths, store: Store, tmp_path: Path) -> None:
    path = _mbox(tmp_path)
    env = {**os.environ, "LUMETRA_DESK_HOME": str(app_paths.data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from lumetra_desk.cli.main import main; sys.exit(main())",
         "import", "--verbose", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert process.stdout is not None
    for _ in range(KILL_AFTER):
        assert process.stdout.readline(), process.stderr.read() if process.stderr else ""
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with store.read() as session:
        done = session.exec(select(func.count()).select_from(Message)).one()
    assert KILL_AFTER <= done < TOTAL, "the kill must land mid-import"

    summary = MailImporter(store).import_paths([path])
    assert summary.count("duplicate") == done
    assert len(summary.new_case_keys) == TOTAL - done
    with store.read() as session:
        assert session.exec(select(func.count()).select_from(Message)).one() == TOTAL
        cases = session.exec(select(Case)).all()
        assert len(cases) == TOTAL
        for case in cases:
            assert session.exec(select(Message).where(Message.case_id == case.id)).first() is not None
            assert session.exec(select(CaseRequestType).where(CaseRequestType.case_id == case.id)).first()
            assert session.exec(select(Deadline).where(Deadline.case_id == case.id)).first()
        assert len({case.key for case in cases}) == TOTAL
        assert audit.verify(session) == []
