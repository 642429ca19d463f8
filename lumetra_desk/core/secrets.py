"""Secrets (store keys, mailbox and SMTP passwords) live only in the operating system's keyring.

There is deliberately no plaintext fallback: when no usable keyring exists, the store is opened with a
passphrase typed by the officer or given as ``$LUMETRA_DESK_PASSPHRASE`` (as restic and borg do), and mail
passwords cannot be saved.
"""

from __future__ import annotations

import importlib

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from lumetra_desk.core.errors import SecretsError
from lumetra_desk.core.secret_service import SERVICE, keyring_chooses_on_linux

# Backends that keep secrets in plain files or refuse everything; never trusted with a secret.
_UNSAFE_BACKEND_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
# keyring's own backends that can serve on Linux; its detection also imports the macOS and Windows ones, which
# never serve there and cost tens of milliseconds at every start (the macOS one looks for its libraries).
_LINUX_BACKENDS = (
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.kwallet", "DBusKeyring"),
    ("keyring.backends.kwallet", "DBusKeyringKWallet4"),
    ("keyring.backends.libsecret", "Keyring"),
)
_backend_chosen = False


def _is_safe(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    if any(module.startswith(unsafe) for unsafe in _UNSAFE_BACKEND_MODULES):
        return False
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: usable when at least one safe backend sits inside it
        return any(_is_safe(b) for b in inner)
    return float(getattr(backend, "priority", 0)) > 0


def _linux_backend() -> KeyringBackend | None:
    """The one Linux backend keyring's detection would choose, found without trying the others, or None when
    keyring must decide (another system, the officer's own choice in PYTHON_KEYRING_BACKEND or keyringrc.cfg,
    or several backends that serve, which keyring chains)."""
    if not keyring_chooses_on_linux():
        return None
    serving: list[type[KeyringBackend]] = []
    for module_name, class_name in _LINUX_BACKENDS:
        try:
            backend_class = getattr(importlib.import_module(module_name), class_name)
            if float(backend_class.priority) > 0:  # raises when the backend cannot serve here
                serving.append(backend_class)
        except Exception:  # a missing D-Bus binding or daemon: that backend does not serve
            continue
    return serving[0]() if len(serving) == 1 else None


def _keyring() -> KeyringBackend:
    """keyring's backend, chosen once per process as keyring chooses it."""
    global _backend_chosen
    if not _backend_chosen:
        _backend_chosen = True
        chosen = _linux_backend()
        if chosen is not None:
            keyring.set_keyring(chosen)
    return keyring.get_keyring()


def keyring_backend_name() -> str:
    backend = _keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def keyring_usable() -> bool:
    """True when a real system keyring (Secret Service, macOS Keychain, Windows Credential Locker) answers."""
    try:
        return _is_safe(_keyring())
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
