"""The officer's settings: declared once here, stored as JSON in the config folder, never holding a secret.

Passwords for the mailbox and the SMTP account are kept in the keyring under the names given by
``imap_secret_name`` and ``smtp_secret_name``; the settings file only says which account they belong to.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import AppPaths


class CompanySettings(BaseModel):
    name: str = "Lumetra LLC"
    product: str = "Engram"
    address_lines: list[str] = Field(default_factory=list)
    email: str = "privacy@lumetra.io"
    website: str = ""
    # Until the officer names the person who signs, letters are signed by the role, once, above the company.
    signatory_name: str = "Privacy Officer"
    signatory_title: str = ""


class ImapSettings(BaseModel):
    host: str = ""
    port: int = 993
    user: str = ""
    folder: str = "INBOX"
    security: Literal["tls", "starttls"] = "tls"
    processed_folder: str = ""  # empty: read-only, nothing is moved
    ca_file: str = ""  # extra CA bundle for a private mail server

    @property
    def configured(self) -> bool:
        return bool(self.host and self.user)


class SmtpSettings(BaseModel):
    host: str = ""
    port: int = 587
    user: str = ""
    security: Literal["starttls", "tls"] = "starttls"
    from_address: str = "privacy@lumetra.io"
    ca_file: str = ""

    @property
    def configured(self) -> bool:
        return bool(self.host)


class ReminderSettings(BaseModel):
    lead_days: list[int] = Field(default_factory=lambda: [7, 3, 1])
    daily_digest_hour: int = 9


class LetterSettings(BaseModel):
    # The verification request asks for the proof this many days before the response is due, so that what
    # arrives can still be checked and the request answered on time. No law sets such a date for the
    # requester, so the letter says the date is ours.
    verification_reply_days_before_due: int = Field(default=10, ge=0, le=60)


class Settings(BaseModel):
    company: CompanySettings = Field(default_factory=CompanySettings)
    imap: ImapSettings = Field(default_factory=ImapSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    reminders: ReminderSettings = Field(default_factory=ReminderSettings)
    letters: LetterSettings = Field(default_factory=LetterSettings)
    extra_calendars: list[str] = Field(default_factory=list)  # e.g. "US-CA-state", "EU-DE"
    # Jurisdiction code -> the Attorney General complaint channel counsel confirmed, for appeal decisions
    # (the rulebook only holds placeholders for counsel; statutes.md §25.4).
    ag_contacts: dict[str, str] = Field(default_factory=dict)
    attachment_limit_mb: int = 25
    purge_id_documents_on_close: bool = True
    first_run_done: bool = False

    @staticmethod
    def imap_secret_name(imap: ImapSettings) -> str:
        return f"imap:{imap.user}@{imap.host}"

    @staticmethod
    def smtp_secret_name(smtp: SmtpSettings) -> str:
        return f"smtp:{smtp.user}@{smtp.host}"


def load_settings(paths: AppPaths) -> Settings:
    file = paths.settings_file
    if not file.exists():
        return Settings()
    try:
        return Settings.model_validate_json(file.read_bytes())
    except (ValidationError, ValueError) as exc:
        raise InvalidInputError(f"The settings file {file} cannot be read: {exc}") from exc


def save_settings(paths: AppPaths, settings: Settings) -> None:
    """Write atomically so a crash, a full disk or a read-only folder never leaves half a settings file."""
    payload = json.dumps(settings.model_dump(mode="json"), indent=2, ensure_ascii=False)
    try:
        paths.ensure()
        _atomic_write(paths.settings_file, payload.encode())
    except OSError as exc:
        raise InvalidInputError(
            f"The settings could not be saved in {paths.settings_file} ({exc.strerror or exc}); "
            "the previous settings are kept."
        ) from exc


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
