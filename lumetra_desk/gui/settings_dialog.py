"""Settings: company and signature, mail accounts (passwords to the keyring only), reminders, holiday calendars."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidgetItem, QMessageBox, QPushButton, QWidget

from lumetra_desk.core import rules, secrets
from lumetra_desk.core.errors import InvalidInputError, LumetraError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import (
    CompanySettings,
    ImapSettings,
    ReminderSettings,
    Settings,
    SmtpSettings,
    load_settings,
    save_settings,
)
from lumetra_desk.gui import connection_test
from lumetra_desk.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from lumetra_desk.gui.tasks import run_in_background


def parse_lead_days(text: str) -> list[int]:
    days = sorted({int(part) for part in re.findall(r"\d+", text)}, reverse=True)
    if not days or any(day > 365 for day in days):
        raise InvalidInputError("Enter the reminder lead times as whole days between 0 and 365, e.g. 7, 3, 1.")
    return days


class SettingsDialog(QDialog):
    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.settings = load_settings(paths)
        self.ui.imapSecurity.addItem("TLS (port 993)", "tls")
        self.ui.imapSecurity.addItem("STARTTLS (port 143)", "starttls")
        self.ui.smtpSecurity.addItem("STARTTLS (port 587)", "starttls")
        self.ui.smtpSecurity.addItem("TLS (port 465)", "tls")
        for name in rules.load_rulebook().calendars():
            item = QListWidgetItem(name.replace("_", " "), self.ui.calendarList)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        self._fill(self.settings)
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.testImapButton.clicked.connect(self.test_imap)
        self.ui.testSmtpButton.clicked.connect(self.test_smtp)
        self.error = ""

    def _fill(self, settings: Settings) -> None:
        company, imap, smtp = settings.company, settings.imap, settings.smtp
        self.ui.companyName.setText(company.name)
        self.ui.product.setText(company.product)
        self.ui.companyEmail.setText(company.email)
        self.ui.website.setText(company.website)
        self.ui.addressLines.setPlainText("\n".join(company.address_lines))
        self.ui.signatoryName.setText(company.signatory_name)
        self.ui.signatoryTitle.setText(company.signatory_title)
        self.ui.imapHost.setText(imap.host)
        self.ui.imapPort.setValue(imap.port)
        self.ui.imapUser.setText(imap.user)
        self.ui.imapFolder.setText(imap.folder)
        self.ui.imapSecurity.setCurrentIndex(max(self.ui.imapSecurity.findData(imap.security), 0))
        self.ui.imapProcessed.setText(imap.processed_folder)
        self.ui.smtpHost.setText(smtp.host)
        self.ui.smtpPort.setValue(smtp.port)
        self.ui.smtpUser.setText(smtp.user)
        self.ui.smtpSecurity.setCurrentIndex(max(self.ui.smtpSecurity.findData(smtp.security), 0))
        self.ui.smtpFrom.setText(smtp.from_address)
        self.ui.leadDays.setText(", ".join(str(d) for d in settings.reminders.lead_days))
        self.ui.digestHour.setValue(settings.reminders.daily_digest_hour)
        for index in range(self.ui.calendarList.count()):
            item = self.ui.calendarList.item(index)
            if item is not None:
                chosen = item.data(Qt.ItemDataRole.UserRole) in settings.extra_calendars
                item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def collected(self) -> Settings:
        """The settings as the form shows them (passwords excluded: they never enter the settings)."""
        imap = self.settings.imap.model_copy(
            update={
                "host": self.ui.imapHost.text().strip(),
                "port": self.ui.imapPort.value(),
                "user": self.ui.imapUser.text().strip(),
                "folder": self.ui.imapFolder.text().strip() or "INBOX",
                "security": self.ui.imapSecurity.currentData(),
                "processed_folder": self.ui.imapProcessed.text().strip(),
            }
        )
        smtp = self.settings.smtp.model_copy(
            update={
                "host": self.ui.smtpHost.text().strip(),
                "port": self.ui.smtpPort.value(),
                "user": self.ui.smtpUser.text().strip(),
                "security": self.ui.smtpSecurity.currentData(),
                "from_address": self.ui.smtpFrom.text().strip(),
            }
        )
        company = CompanySettings(
            name=self.ui.companyName.text().strip(),
            product=self.ui.product.text().strip(),
            address_lines=[line.strip() for line in self.ui.addressLines.toPlainText().splitlines() if line.strip()],
            email=self.ui.companyEmail.text().strip(),
            website=self.ui.website.text().strip(),
            signatory_name=self.ui.signatoryName.text().strip(),
            signatory_title=self.ui.signatoryTitle.text().strip(),
        )
        calendars = []
        for index in range(self.ui.calendarList.count()):
            item = self.ui.calendarList.item(index)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                calendars.append(str(item.data(Qt.ItemDataRole.UserRole)))
        reminders = ReminderSettings(
            lead_days=parse_lead_days(self.ui.leadDays.text()), daily_digest_hour=self.ui.digestHour.value()
        )
        return self.settings.model_copy(
            update={
                "company": company,
                "imap": ImapSettings.model_validate(imap.model_dump()),
                "smtp": SmtpSettings.model_validate(smtp.model_dump()),
                "reminders": reminders,
                "extra_calendars": calendars,
            }
        )

    def save(self) -> None:
        try:
            settings = self.collected()
            if self.ui.imapPassword.text():
                secrets.set_secret(Settings.imap_secret_name(settings.imap), self.ui.imapPassword.text())
            if self.ui.smtpPassword.text():
                secrets.set_secret(Settings.smtp_secret_name(settings.smtp), self.ui.smtpPassword.text())
            save_settings(self.paths, settings)
        except LumetraError as exc:
            self.error = str(exc)
            QMessageBox.warning(self, "Settings", self.error)
            return
        self.ui.imapPassword.clear()
        self.ui.smtpPassword.clear()
        self.settings = settings
        self.accept()

    def _test(self, button: QPushButton, result: QLabel, work: Callable[[], str]) -> None:
        button.setEnabled(False)
        result.setText("Testing…")

        def done(message: object) -> None:
            button.setEnabled(True)
            result.setText(str(message))

        def failed(message: str) -> None:
            button.setEnabled(True)
            result.setText(message)

        run_in_background(work, done, failed, self)

    def test_imap(self) -> None:
        imap = self.collected().imap
        typed = self.ui.imapPassword.text()

        def work() -> str:
            password = typed or secrets.get_secret(Settings.imap_secret_name(imap)) or ""
            return connection_test.check_imap(imap, password)

        self._test(self.ui.testImapButton, self.ui.imapResult, work)

    def test_smtp(self) -> None:
        smtp = self.collected().smtp
        typed = self.ui.smtpPassword.text()

        def work() -> str:
            password = typed or secrets.get_secret(Settings.smtp_secret_name(smtp)) or ""
            return connection_test.check_smtp(smtp, password)

        self._test(self.ui.testSmtpButton, self.ui.smtpResult, work)
