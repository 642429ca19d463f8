"""Secrets (store keys, mailbox and SMTP passwords) live only in the operating system's keyring.

There is deliberately no plaintext fallback: when no usable keyring exists, the store is opened with a
passphrase typed by the officer or given as ``$LUMETRA_DESK_PASSPHRASE`` (as restic and borg do), and mail
passwords cannot be saved.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from lumetra_desk.core.errors import SecretsError

SERVICE = "lumetra-desk"

# Backends that keep secrets in plain files or refuse everything; never trusted with a secret.
_UNSAFE_BACKEND_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _is_safe(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if any(module.startswith(unsafe) for unsafe in _UNSAFE_BACKEND_MODULES):
        return False
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: usable when at least one safe backend sits inside it
        return any(_is_safe(b) for b in inner)
    return float(getattr(backend, "priority", 0)) > 0


def keyring_backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable() -> bool:
    """True when a real system keyring (Secret Service, macOS Keychain, Windows Credential Locker) answers."""
    try:
        return _is_safe(keyring.get_keyring())
    except Exception:  # a broken D-Bus session or backend import must read as "no keyring"
        return False


def get_secret(name: str) -> str | None:
    if not keyring_usable():
        return None
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The system keyring could not be read ({exc}).") from exc


def set_secret(name: str, value: str) -> None:
    if not keyring_usable():
        raise SecretsError(
            "No system keyring is available, so the secret was not saved. "
            "Start a keyring service (for example GNOME Keyring) and try again."
        )
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The system keyring refused to save the secret ({exc}).") from exc


def delete_secret(name: str) -> None:
    if not keyring_usable():
        return
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise SecretsError(f"The system keyring refused to delete the secret ({exc}).") from exc
