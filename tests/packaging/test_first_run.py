"""The first-run wizard: set up the company, the mailbox (password to the keyring only) and reminders, or
explore with demo data; validation keeps the officer on the page with a plain sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox, QWizard
from pytestqt.qtbot import QtBot

from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.secrets import delete_secret, get_secret
from lumetra_desk.core.settings import Settings, load_settings, save_settings
from lumetra_desk.gui.first_run import (
    COMPANY_PAGE,
    MAILBOX_PAGE,
    REMINDERS_PAGE,
    WELCOME_PAGE,
    FirstRunOutcome,
    FirstRunWizard,
    parse_lead_days,
    run_first_run,
    save_wizard,
)

pytestmark = pytest.mark.gui
PASSWORD = "s3cret-imap-pässword"


def _wizard(qtbot: QtBot, app_paths: AppPaths) -> FirstRunWizard:
    wizard = FirstRunWizard(load_settings(app_paths))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_setting_up_saves_settings_and_keeps_the_password_in_the_keyring(qtbot: QtBot, app_paths: AppPaths) -> None:
    wizard = _wizard(qtbot, app_paths)
    assert wizard.currentId() == WELCOME_PAGE and wizard.keyring_available
    wizard.next()
    assert wizard.currentId() == COMPANY_PAGE
    ui = wizard.ui
    ui.companyNameEdit.setText("Lumetra LLC")
    ui.addressEdit.setPlainText("1 Market Street\n\nSan Francisco, CA 94105")
    ui.emailEdit.setText("privacy@lumetra.io")
    ui.signatoryNameEdit.setText("Ana Núñez")
    wizard.next()
    assert wizard.currentId() == MAILBOX_PAGE
    ui.imapHostEdit.setText("imap.lumetra.io")
    ui.imapUserEdit.setText("privacy@lumetra.io")
    ui.imapSecurityCombo.setCurrentIndex(ui.imapSecurityCombo.findData("starttls"))
    assert ui.imapPortSpin.value() == 143, "the standard port follows the security choice"
    ui.imapPasswordEdit.setText(PASSWORD)
    wizard.next()
    assert wizard.currentId() == REMINDERS_PAGE
    ui.leadDaysEdit.setText("3, 10 1")
    assert wizard.validateCurrentPage()
    wizard.accept()

    try:
        assert save_wizard(app_paths, wizard) is FirstRunOutcome.CONFIGURED
        settings = load_settings(app_paths)
        assert settings.first_run_done
        assert settings.company.address_lines == ["1 Market Street", "San Francisco, CA 94105"]
        assert settings.company.signatory_name == "Ana Núñez"
        assert (settings.imap.host, settings.imap.port, settings.imap.security) == ("imap.lumetra.io", 143, "starttls")
        assert settings.reminders.lead_days == [10, 3, 1]
        assert get_secret(Settings.imap_secret_name(settings.imap)) == PASSWORD
        assert PASSWORD not in app_paths.settings_file.read_text(), "a password must never reach the settings file"
    finally:
        delete_secret(Settings.imap_secret_name(settings.imap))


def test_explore_with_demo_data_finishes_at_once_and_keeps_the_defaults(qtbot: QtBot, app_paths: AppPaths) -> None:
    wizard = _wizard(qtbot, app_paths)
    wizard.ui.demoChoice.setChecked(True)
    assert wizard.nextId() == -1, "nothing else to ask: the welcome page offers Finish"
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.accept()
    assert save_wizard(app_paths, wizard) is FirstRunOutcome.EXPLORE_DEMO
    settings = load_settings(app_paths)
    assert settings.first_run_done
    assert settings.model_copy(update={"first_run_done": False}) == Settings()


def test_invalid_entries_keep_the_officer_on_the_page(qtbot: QtBot, app_paths: AppPaths) -> None:
    wizard = _wizard(qtbot, app_paths)
    wizard.next()
    wizard.ui.emailEdit.setText("privacy at lumetra")
    wizard.next()
    assert wizard.currentId() == COMPANY_PAGE
    assert "privacy email" in wizard.ui.companyError.text() and wizard.ui.companyError.isVisible()
    wizard.ui.emailEdit.setText("privacy@lumetra.io")
    wizard.next()
    assert wizard.currentId() == MAILBOX_PAGE and not wizard.ui.companyError.isVisible()
    wizard.ui.imapUserEdit.setText("privacy@lumetra.io")  # a user without a server
    wizard.next()
    assert wizard.currentId() == MAILBOX_PAGE and "IMAP server" in wizard.ui.mailboxError.text()
    wizard.ui.imapUserEdit.clear()  # no mailbox at all is fine: it can be set up later
    wizard.next()
    assert wizard.currentId() == REMINDERS_PAGE
    wizard.ui.leadDaysEdit.setText("7, soon")
    assert not wizard.validateCurrentPage()
    assert "'soon' is not a number of days" in wizard.ui.remindersError.text()


@pytest.mark.parametrize(
    ("text", "days"), [("7, 3, 1", [7, 3, 1]), ("1 14;7", [14, 7, 1]), ("3,3", [3]), (" 90 ", [90])]
)
def test_lead_days_are_read_largest_first(text: str, days: list[int]) -> None:
    assert parse_lead_days(text) == days


@pytest.mark.parametrize("text", ["", "0", "91", "-1", "two", "1.5"])
def test_lead_days_outside_one_to_ninety_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_lead_days(text)


def test_run_first_run_shows_the_wizard_and_reports_the_choice(qtbot: QtBot, app_paths: AppPaths) -> None:
    def choose_demo() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, FirstRunWizard)
        wizard.ui.demoChoice.setChecked(True)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, choose_demo)
    assert run_first_run(app_paths) is FirstRunOutcome.EXPLORE_DEMO
    assert load_settings(app_paths).first_run_done


def test_closing_the_wizard_postpones_it_to_the_next_start(qtbot: QtBot, app_paths: AppPaths) -> None:
    def close() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, FirstRunWizard)
        wizard.reject()

    QTimer.singleShot(0, close)
    assert run_first_run(app_paths) is FirstRunOutcome.POSTPONED
    assert not load_settings(app_paths).first_run_done


def test_no_wizard_once_the_first_run_is_done(app_paths: AppPaths) -> None:
    save_settings(app_paths, Settings(first_run_done=True))
    assert run_first_run(app_paths) is FirstRunOutcome.CONFIGURED  # returns at once: no dialog to answer
    assert json.loads(app_paths.settings_file.read_text())["first_run_done"] is True


def _shortcut_letters(texts: list[str]) -> list[str]:
    """The Alt+letter of each text: the character after a single '&' ("&&" is a literal ampersand)."""
    return [match.group(1).lower() for text in texts for match in [re.search(r"(?<!&)&([^&])", text)] if match]


def test_no_alt_shortcut_is_taken_twice_on_any_page(qtbot: QtBot, app_paths: AppPaths) -> None:
    """Alt+N must go to the next page, not to a field whose label also underlines N."""
    wizard = _wizard(qtbot, app_paths)
    buttons = [QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton]
    for page_id in (WELCOME_PAGE, COMPANY_PAGE, MAILBOX_PAGE, REMINDERS_PAGE):
        assert wizard.currentId() == page_id
        page = wizard.currentPage()
        texts = [label.text() for label in page.findChildren(QLabel)]
        texts += [button.text() for button in page.findChildren(QAbstractButton)]
        texts += [wizard.button(b).text() for b in buttons if wizard.button(b).isVisible()]
        letters = _shortcut_letters(texts)
        assert len(letters) == len(set(letters)), f"page {page_id} gives one Alt+letter twice: {texts}"
        wizard.next()


def test_a_settings_folder_that_cannot_be_written_postpones_the_wizard(qtbot: QtBot, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the settings folder should be")
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=blocker / "config", log_dir=tmp_path / "logs")
    warnings: list[str] = []

    def answer_warning() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        warnings.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    def finish_with_demo() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, FirstRunWizard)
        wizard.ui.demoChoice.setChecked(True)
        QTimer.singleShot(0, answer_warning)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    QTimer.singleShot(0, finish_with_demo)
    assert run_first_run(paths) is FirstRunOutcome.POSTPONED
    assert len(warnings) == 1
    assert "settings could not be saved" in warnings[0] and "shown again at the next start" in warnings[0]
    assert blocker.read_text() == "a file where the settings folder should be"


def test_without_a_keyring_the_mailbox_page_says_what_still_works(
    qtbot: QtBot, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={app_paths.data_dir}/no-bus")  # no Secret Service
    wizard = _wizard(qtbot, app_paths)
    assert not wizard.keyring_available and not wizard.ui.imapPasswordEdit.isEnabled()
    note = wizard.ui.keyringNote.text()
    assert "mail cannot be fetched" in note and "imported" in note and "Settings" in note
