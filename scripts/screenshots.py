"""Regenerate the README screenshots (docs/images/screen-*.png) from a fresh demo store.

Run under Xvfb so the real platform plugin and fonts are used:

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py

The store lives in a temporary folder protected by a throw-away passphrase; sample mails from the shared corpus
are imported so intake review has something to show. The demo names in Devanagari need a system font for it, as
on any desktop (on Debian: apt-get install fonts-lohit-deva); Chinese names use the font bundled with the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "intake" / "corpus"  # the committed copy of the reference mail corpus
SAMPLE_MAILS = ("003_gdpr_access_en_nl.eml", "072_support_export_question.eml", "071_spam_ccpa_webinar.eml")
SIZE = (1400, 860)


def wait_until(condition: Callable[[], bool], timeout: float = 60.0) -> None:
    from PySide6.QtCore import QCoreApplication  # noqa: TID251 - a GUI script

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the window")
        QCoreApplication.processEvents()
        time.sleep(0.01)


def settle(seconds: float = 0.6) -> None:
    from PySide6.QtCore import QCoreApplication  # noqa: TID251 - a GUI script

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.01)


def _latin(row: object) -> bool:
    """Screenshots show names whose script the bundled fonts cover."""
    name = getattr(row, "requester_name", "")
    return bool(name) and all(ord(ch) < 0x0370 for ch in name)


def main() -> int:
    parser = argparse.ArgumentParser(description="Regenerate the README screenshots.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--cases", type=int, default=300)
    args = parser.parse_args()
    os.environ["LUMETRA_DESK_PASSPHRASE"] = "screenshots-only"
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"  # never the officer's keychain
    from lumetra_desk.core import demo
    from lumetra_desk.core.intake.importer import MailImporter
    from lumetra_desk.core.paths import resolve_paths
    from lumetra_desk.core.settings import Settings, save_settings
    from lumetra_desk.core.store.db import Store
    from lumetra_desk.gui.app import create_application
    from lumetra_desk.gui.main_window import MainWindow
    from lumetra_desk.gui.settings_dialog import SettingsDialog

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lumetra-shots-") as folder:
        paths = resolve_paths(folder)
        store = Store.open(paths, create=True, encrypted=True)
        demo.fill(store, args.cases, seed=7)
        MailImporter(store).import_paths([CORPUS / name for name in SAMPLE_MAILS if (CORPUS / name).exists()])
        settings = Settings()
        settings.company.address_lines = ["Lumetra LLC", "500 Market Street", "San Francisco, CA 94105"]
        settings.imap.host, settings.imap.user = "imap.lumetra.io", "privacy@lumetra.io"
        settings.smtp.host, settings.smtp.user = "smtp.lumetra.io", "privacy@lumetra.io"
        save_settings(paths, settings)
        app = create_application([sys.argv[0]])
        window = MainWindow(store)
        window.resize(*SIZE)
        window.show()
        wait_until(lambda: window.dashboard.counts is not None and window.cases.rowCount() > 0)
        settle()
        window.ui.actionDashboard.trigger()
        settle()
        window.grab().save(str(args.out / "screen-dashboard.png"))

        window.show_bucket("due_week")
        wait_until(lambda: window.case_view.current is not None)
        beside_the_case = window.ui.caseSplitter.sizes()  # the window's own layout, shown with the case below
        window.ui.caseSplitter.setSizes([900, 500])
        settle()
        window.grab().save(str(args.out / "screen-case-list.png"))

        window.ui.statusFilter.setCurrentIndex(window.ui.statusFilter.findData("extended"))
        window.ui.dueFilter.setCurrentIndex(0)
        settle(1.5)
        shown = next(r for r in range(window.cases.rowCount()) if _latin(window.cases.row_at(r)))
        window.ui.caseTable.setCurrentIndex(window.cases.index(shown, 0))
        case_id = window.cases.case_id(shown)
        wait_until(lambda: window.case_view.current is not None and window.case_view.case_id == case_id)
        window.ui.caseSplitter.setSizes(beside_the_case)
        settle()
        window.grab().save(str(args.out / "screen-case-view.png"))

        window.ui.actionIntake.trigger()
        wait_until(lambda: window.intake.current is not None)
        settle()
        window.grab().save(str(args.out / "screen-intake-review.png"))

        dialog = SettingsDialog(paths, window)
        dialog.ui.settingsTabs.setCurrentWidget(dialog.ui.mailTab)
        dialog.resize(680, 640)
        dialog.show()
        settle()
        dialog.grab().save(str(args.out / "screen-settings.png"))
        dialog.close()
        window.close()
        store.close()
        app.quit()
    for name in ("dashboard", "case-list", "case-view", "intake-review", "settings"):
        print(args.out / f"screen-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
