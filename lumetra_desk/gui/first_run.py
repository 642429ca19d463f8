"""The first-run wizard: company details, the privacy mailbox and reminder lead times, or demo data.

Shown while ``settings.first_run_done`` is false. Everything it asks has a default and can be changed later,
so the wizard stays short. The mailbox password goes to the system keyring (``lumetra_desk.core.secrets``)
and never into the settings file; without a keyring the field is disabled and says why.
"""

from __future__ import annotations

import enum
import re

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget, QWizard

from lumetra_desk.core import secrets
from lumetra_desk.core.errors import LumetraError, SecretsError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import (
    CompanySettings,
    ReminderSettings,
    Settings,
    load_settings,
    save_settings,
)
from lumetra_desk.gui.forms.ui_first_run import Ui_FirstRunWizard

WELCOME_PAGE, COMPANY_PAGE, MAILBOX_PAGE, REMINDERS_PAGE = range(4)
SECURITY_CHOICES = (("TLS (port 993)", "tls"), ("STARTTLS (port 143)", "starttls"))
MAX_LEAD_DAYS = 90
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$")


class FirstRunOutcome(enum.Enum):
    CONFIGURED = "configured"  # settings saved from the wizard
    EXPLORE_DEMO = "explore_demo"  # the officer wants demo cases loaded; settings keep their defaults
    POSTPONED = "postponed"  # closed without finishing: asked again on the next start


def parse_lead_days(text: str) -> list[int]:
    """ "7, 3, 1" -> [7, 3, 1]: whole days before a deadline, largest first, no repeats."""
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    if not parts:
        raise ValueError("Enter at least one number of days, for example 7, 3, 1.")
    days = set()
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= MAX_LEAD_DAYS:
            raise ValueError(f"{part!r} is not a number of days from 1 to {MAX_LEAD_DAYS}.")
        days.add(int(part))
    return sorted(days, reverse=True)


class FirstRunWizard(QWizard):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunWizard()
        self.ui.setupUi(self)
        self._settings = settings
        self.keyring_available = secrets.keyring_usable()
        for label, value in SECURITY_CHOICES:
            self.ui.imapSecurityCombo.addItem(label, value)
        self.ui.imapSecurityCombo.currentIndexChanged.connect(self._suggest_port)
        # Demo data needs no more answers: the welcome page becomes the last one and offers Finish.
        self.ui.demoChoice.toggled.connect(self.ui.welcomePage.setFinalPage)
        for error in (self.ui.companyError, self.ui.mailboxError, self.ui.remindersError):
            error.setStyleSheet("color: #b3261e; font-weight: 600;")
            _show(error, "")
        self._fill(settings)

    # ------------------------------------------------------------------ flow
    def nextId(self) -> int:
        if self.currentId() == WELCOME_PAGE and self.explore_demo:
            return -1  # demo data: nothing else to ask, Finish right away
        return super().nextId()

    def validateCurrentPage(self) -> bool:
        checks = {
            COMPANY_PAGE: (self._company_problem, self.ui.companyError),
            MAILBOX_PAGE: (self._mailbox_problem, self.ui.mailboxError),
            REMINDERS_PAGE: (self._reminders_problem, self.ui.remindersError),
        }
        check = checks.get(self.currentId())
        if check is None:
            return True
        problem_of, label = check
        problem = problem_of()
        _show(label, problem)
        return not problem

    @property
    def explore_demo(self) -> bool:
        return self.ui.demoChoice.isChecked()

    # --------------------------------------------------------------- results
    def chosen_settings(self) -> Settings:
        """The settings as entered, marked done; untouched sections (SMTP, calendars...) are kept."""
        ui = self.ui
        company = CompanySettings(
            name=ui.companyNameEdit.text().strip(),
            product=ui.productEdit.text().strip(),
            address_lines=[line.strip() for line in ui.addressEdit.toPlainText().splitlines() if line.strip()],
            email=ui.emailEdit.text().strip(),
            website=ui.websiteEdit.text().strip(),
            signatory_name=ui.signatoryNameEdit.text().strip(),
            signatory_title=ui.signatoryTitleEdit.text().strip(),
        )
        imap = self._settings.imap.model_copy(
            update={
                "host": ui.imapHostEdit.text().strip(),
                "port": ui.imapPortSpin.value(),
                "user": ui.imapUserEdit.text().strip(),
                "folder": ui.imapFolderEdit.text().strip() or "INBOX",
                "security": ui.imapSecurityCombo.currentData(),
            }
        )
        reminders = ReminderSettings(
            lead_days=parse_lead_days(ui.leadDaysEdit.text()), daily_digest_hour=ui.digestHourSpin.value()
        )
        return self._settings.model_copy(
            update={"company": company, "imap": imap, "reminders": reminders, "first_run_done": True}
        )

    def imap_password(self) -> str:
        return self.ui.imapPasswordEdit.text()

    # --------------------------------------------------------------- helpers
    def _fill(self, settings: Settings) -> None:
        ui, company, imap = self.ui, settings.company, settings.imap
        ui.companyNameEdit.setText(company.name)
        ui.productEdit.setText(company.product)
        ui.addressEdit.setPlainText("\n".join(company.address_lines))
        ui.emailEdit.setText(company.email)
        ui.websiteEdit.setText(company.website)
        ui.signatoryNameEdit.setText(company.signatory_name)
        ui.signatoryTitleEdit.setText(company.signatory_title)
        ui.imapHostEdit.setText(imap.host)
        ui.imapUserEdit.setText(imap.user)
        ui.imapFolderEdit.setText(imap.folder)
        ui.imapSecurityCombo.setCurrentIndex(max(0, ui.imapSecurityCombo.findData(imap.security)))
        ui.imapPortSpin.setValue(imap.port)
        ui.leadDaysEdit.setText(", ".join(str(d) for d in settings.reminders.lead_days))
        ui.digestHourSpin.setValue(settings.reminders.daily_digest_hour)
        if self.keyring_available:
            ui.keyringNote.setText("The password is kept in the system keyring, never in a file.")
        else:
            ui.imapPasswordEdit.setEnabled(False)
            ui.keyringNote.setText(
                "No system keyring is available, so the password cannot be saved and mail cannot be fetched yet "
                "(saved messages can still be imported). Start a keyring (for example GNOME Keyring), then enter "
                "the password in Settings."
            )

    def _suggest_port(self) -> None:
        """Switching the security moves the port along while it is still one of the two standard ones."""
        standard = {"tls": 993, "starttls": 143}
        if self.ui.imapPortSpin.value() in standard.values():
            self.ui.imapPortSpin.setValue(standard[self.ui.imapSecurityCombo.currentData()])

    def _company_problem(self) -> str:
        if not self.ui.companyNameEdit.text().strip():
            return "Enter the company name: it heads every letter."
        if not _EMAIL.match(self.ui.emailEdit.text().strip()):
            return "Enter the privacy email address requesters write to, for example privacy@example.com."
        if not self.ui.signatoryNameEdit.text().strip():
            return "Enter who signs the letters."
        return ""

    def _mailbox_problem(self) -> str:
        host, user = self.ui.imapHostEdit.text().strip(), self.ui.imapUserEdit.text().strip()
        if not host and not user:
            return ""
        if not host or not _HOST.match(host):
            return "Enter the IMAP server's name, for example imap.example.com, or clear the user name."
        if not user:
            return "Enter the user name for the mailbox."
        return ""

    def _reminders_problem(self) -> str:
        try:
            parse_lead_days(self.ui.leadDaysEdit.text())
        except ValueError as exc:
            return str(exc)
        return ""


def _show(label: QLabel, problem: str) -> None:
    label.setText(problem)
    label.setVisible(bool(problem))


def save_wizard(paths: AppPaths, wizard: FirstRunWizard) -> FirstRunOutcome:
    """Store what a finished wizard chose: settings on disk first, then the mailbox password in the keyring.

    Raises ``SecretsError`` when the keyring refuses the password; the settings are saved by then.
    """
    settings = load_settings(paths)
    if wizard.explore_demo:
        save_settings(paths, settings.model_copy(update={"first_run_done": True}))
        return FirstRunOutcome.EXPLORE_DEMO
    chosen = wizard.chosen_settings()
    save_settings(paths, chosen)
    password = wizard.imap_password()
    if password and chosen.imap.configured:
        secrets.set_secret(Settings.imap_secret_name(chosen.imap), password)
    return FirstRunOutcome.CONFIGURED


def run_first_run(paths: AppPaths, parent: QWidget | None = None) -> FirstRunOutcome:
    """Show the wizard when the first run is not done yet; say what the officer chose."""
    settings = load_settings(paths)
    if settings.first_run_done:
        return FirstRunOutcome.CONFIGURED
    wizard = FirstRunWizard(settings, parent)
    if wizard.exec() != QWizard.DialogCode.Accepted:
        return FirstRunOutcome.POSTPONED
    try:
        return save_wizard(paths, wizard)
    except SecretsError as exc:
        QMessageBox.warning(parent, "Lumetra Desk", f"The settings were saved, but not the mailbox password: {exc}")
        return FirstRunOutcome.CONFIGURED
    except LumetraError as exc:  # the settings folder is read-only or full
        QMessageBox.warning(parent, "Lumetra Desk", f"{exc} The wizard will be shown again at the next start.")
        return FirstRunOutcome.POSTPONED
