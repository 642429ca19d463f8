"""Fetching from a real Dovecot over TLS: exactly once, resumable, read-only, plain errors."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import USERS, Dovecot
from imapclient import IMAPClient
from sqlmodel import select

from lumetra_desk.core import secrets
from lumetra_desk.core.errors import SecretsError
from lumetra_desk.core.intake.imap import MailServerError, fetch
from lumetra_desk.core.intake.importer import ImportResult, MailImporter
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import ImapSettings, Settings, save_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, Message

pytestmark = pytest.mark.imap
CORPUS = Path(__file__).parent / "corpus"
SAMPLES = sorted(CORPUS.glob("0[0-2]*.eml"))[:6]
ARRIVAL = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)


def _settings(dovecot: Dovecot, user: str, folder: str = "INBOX", processed: str = "") -> ImapSettings:
    imap = ImapSettings(host=dovecot.host, port=dovecot.port, user=user, folder=folder,
                        processed_folder=processed, ca_file=str(dovecot.cert))  # fmt: skip
    secrets.set_secret(Settings.imap_secret_name(imap), USERS[user])
    return imap


def _client(dovecot: Dovecot, user: str) -> IMAPClient:
    client = IMAPClient(dovecot.host, port=dovecot.port, ssl_context=ssl.create_default_context(cafile=dovecot.cert))
    client.login(user, USERS[user])
    return client


def _append(client: IMAPClient, files: list[Path], folder: str = "INBOX") -> None:
    for offset, path in enumerate(files):
        client.append(folder, path.read_bytes(), msg_time=ARRIVAL + timedelta(minutes=offset))


def _message_count(store: Store) -> int:
    with store.read() as session:
        return len(session.exec(select(Message)).all())


def test_fetch_is_read_only_uses_internaldate_and_never_doubles(dovecot: Dovecot, store: Store) -> None:
    user = "officer1@lumetra.io"
    with _client(dovecot, user) as client:
        _append(client, SAMPLES[:3])
    imap = _settings(dovecot, user)
    importer = MailImporter(store)
    first = fetch(importer, imap)
    assert [r.outcome for r in first.results] == ["new_case"] * 3
    with store.read() as session:
        received = sorted(m.received_at for m in session.exec(select(Message)).all())
        assert received == [ARRIVAL + timedelta(minutes=n) for n in range(3)]
    assert fetch(importer, imap).results == []
    with _client(dovecot, user) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["SEEN"]) == [] and len(client.search(["ALL"])) == 3
        _append(client, SAMPLES[3:4])
    third = fetch(importer, imap)
    assert [r.outcome for r in third.results] == ["new_case"]
    assert _message_count(store) == 4


def test_uidvalidity_change_rereads_without_duplicates(dovecot: Dovecot, store: Store) -> None:
    user = "officer2@lumetra.io"
    with _client(dovecot, user) as client:
        client.create_folder("Privacy")
        _append(client, SAMPLES[:3], "Privacy")
    imap = _settings(dovecot, user, folder="Privacy")
    importer = MailImporter(store)
    assert len(fetch(importer, imap).results) == 3
    with _client(dovecot, user) as client:
        client.delete_folder("Privacy")
        client.create_folder("Privacy")
        _append(client, SAMPLES[:4], "Privacy")
    again = fetch(importer, imap)
    assert [r.outcome for r in again.results] == ["duplicate"] * 3 + ["new_case"]
    assert any("UIDVALIDITY changed" in note for note in again.notes)
    assert _message_count(store) == 4


def test_connection_dropped_mid_fetch_resumes_exactly_once(dovecot: Dovecot, store: Store) -> None:
    user = "officer3@lumetra.io"
    with _client(dovecot, user) as client:
        _append(client, SAMPLES)
    imap = _settings(dovecot, user)
    importer = MailImporter(store)
    seen: list[ImportResult] = []

    def drop_after_two(result: ImportResult) -> None:
        seen.append(result)
        if len(seen) == 2:
            dovecot.kick(user)

    with pytest.raises(MailServerError, match=r"lost after \d message\(s\).*running fetch again continues"):
        fetch(importer, imap, after_each=drop_after_two, batch_size=2)
    rest = fetch(importer, imap)
    assert len(seen) == 2 and len(rest.results) == len(SAMPLES) - 2
    assert all(r.outcome == "new_case" for r in rest.results)
    assert _message_count(store) == len(SAMPLES)
    with store.read() as session:
        assert len(session.exec(select(Case)).all()) == len(SAMPLES)


def test_move_to_processed_folder_after_import(dovecot: Dovecot, store: Store) -> None:
    user = "officer4@lumetra.io"
    with _client(dovecot, user) as client:
        client.create_folder("Processed")
        _append(client, SAMPLES[:2])
    summary = fetch(MailImporter(store), _settings(dovecot, user, processed="Processed"), move=True)
    assert summary.moved == 2
    with _client(dovecot, user) as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
        assert client.select_folder("Processed", readonly=True)[b"EXISTS"] == 2
        assert client.search(["SEEN"]) == [] and client.search(["DELETED"]) == []  # moved, not read or deleted


def test_a_drop_between_import_and_move_is_finished_by_the_next_fetch(dovecot: Dovecot, store: Store) -> None:
    user = "officer9@lumetra.io"
    with _client(dovecot, user) as client:
        client.create_folder("Processed")
        _append(client, SAMPLES[:4])
    imap = _settings(dovecot, user, processed="Processed")

    def drop_after_first_import(result: ImportResult) -> None:
        if result.outcome == "new_case":
            dovecot.kick(user)

    with pytest.raises(MailServerError, match=r"lost after 1 message\(s\)"):
        fetch(MailImporter(store, progress=drop_after_first_import), imap, move=True)
    with _client(dovecot, user) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 4  # imported, but not moved yet
    rest = fetch(MailImporter(store), imap, move=True)
    assert [r.outcome for r in rest.results] == ["new_case"] * 3 and rest.moved == 4
    assert any("imported earlier but not yet moved" in note for note in rest.notes)
    assert _message_count(store) == 4
    with _client(dovecot, user) as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
        assert client.select_folder("Processed")[b"EXISTS"] == 4
    assert fetch(MailImporter(store), imap, move=True).moved == 0


def test_starttls_fetch_upgrades_before_the_password_is_sent(dovecot: Dovecot, store: Store) -> None:
    user = "officer10@lumetra.io"
    with _client(dovecot, user) as client:
        _append(client, SAMPLES[:2])
    imap = _settings(dovecot, user).model_copy(update={"port": dovecot.starttls_port, "security": "starttls"})
    assert [r.outcome for r in fetch(MailImporter(store), imap).results] == ["new_case"] * 2
    logins = [line for line in (dovecot.config.parent / "dovecot.log").read_text().splitlines()
              if "Login: user=<officer10@" in line]  # fmt: skip
    assert logins and all(", TLS" in line for line in logins)  # Dovecot notes each login's transport
    with pytest.raises(MailServerError, match="trusted certificate"):  # the upgrade checks the certificate too
        fetch(MailImporter(store), imap.model_copy(update={"ca_file": ""}))


def test_wrong_password_is_a_plain_message(dovecot: Dovecot, store: Store) -> None:
    user = "officer5@lumetra.io"
    imap = _settings(dovecot, user)
    secrets.set_secret(Settings.imap_secret_name(imap), "not-the-password")
    with pytest.raises(MailServerError, match=r"refused the login for officer5@lumetra\.io"):
        fetch(MailImporter(store), imap)


def test_missing_keyring_password_is_a_plain_message(dovecot: Dovecot, store: Store) -> None:
    imap = ImapSettings(host=dovecot.host, port=dovecot.port, user="nobody-saved@lumetra.io",
                        ca_file=str(dovecot.cert))  # fmt: skip
    with pytest.raises(SecretsError, match="No password for the mailbox"):
        fetch(MailImporter(store), imap)


def test_untrusted_certificate_is_refused(dovecot: Dovecot, store: Store) -> None:
    imap = _settings(dovecot, "officer6@lumetra.io").model_copy(update={"ca_file": ""})
    with pytest.raises(MailServerError, match="trusted certificate"):
        fetch(MailImporter(store), imap)


def test_cli_fetch_and_wrong_password(dovecot: Dovecot, app_paths: AppPaths, store: Store) -> None:
    user = "officer7@lumetra.io"
    with _client(dovecot, user) as client:
        _append(client, SAMPLES[:2])
    imap = _settings(dovecot, user)
    save_settings(app_paths, Settings(imap=imap))
    store.close()
    env = {**os.environ, "LUMETRA_DESK_HOME": str(app_paths.data_dir)}
    command = [sys.executable, "-c", "import sys; from lumetra_desk.cli.main import main; sys.exit(main())"]
    ok = subprocess.run([*command, "fetch"], capture_output=True, text=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "New cases: 2" in ok.stdout
    secrets.set_secret(Settings.imap_secret_name(imap), "wrong")
    bad = subprocess.run([*command, "fetch"], capture_output=True, text=True, env=env, check=False)
    assert bad.returncode == 1
    assert bad.stderr.startswith("lumetra-desk: The mail server refused the login") and bad.stderr.count("\n") == 1
