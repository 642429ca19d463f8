"""One secret read straight from the freedesktop Secret Service, as keyring's own backend stores it.

Opening a keyring store reads its key at every start. Loading keyring for that costs more than the read itself
(its backend detection and its imports), so the first look at a store (``core.store.first_look``) asks the
Secret Service here, in four D-Bus calls, and leaves every other case to ``core.secrets``: a locked
collection, a missing item, no daemon, or the officer's own keyring choice.
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

SERVICE = "lumetra-desk"

_BUS_NAME = "org.freedesktop.secrets"
_PATH = "/org/freedesktop/secrets"
_INTERFACE = "org.freedesktop.Secret.Service"
_TIMEOUT_S = 5.0  # a daemon that does not answer leaves the opening to keyring (which waits on its own terms)


def keyring_config_file() -> Path:
    """keyring's own configuration file on Linux (``keyring.util.platform_.config_root()``, found here without
    importing keyring: a test keeps the two equal)."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config", "python_keyring", "keyringrc.cfg")


def keyring_chooses_on_linux() -> bool:
    """Whether keyring chooses among the Linux backends itself: Linux, and no backend named by the officer
    (``PYTHON_KEYRING_BACKEND`` or keyringrc.cfg)."""
    if not sys.platform.startswith("linux") or os.environ.get("PYTHON_KEYRING_BACKEND"):
        return False
    return not keyring_config_file().exists()


def read_unlocked_secret(name: str) -> str | None:
    """The secret keyring saved as ``name`` for this app, when an unlocked collection holds it; None in every
    other case (nothing is unlocked, prompted for or created here).

    The session is the Secret Service's "plain" one, without the key exchange keyring's backend does (that and
    its decryption cost more than the rest of the start's work on the store). The secret then crosses the
    officer's own session bus unencrypted, where only the officer's processes and root can see it, and
    those can ask the Secret Service for it anyway: the exchange adds no protection here.
    """
    if not keyring_chooses_on_linux():
        return None
    try:
        from jeepney import DBusAddress, DBusErrorResponse, new_method_call
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.wrappers import unwrap_msg

        service = DBusAddress(_PATH, bus_name=_BUS_NAME, interface=_INTERFACE)
        with closing(open_dbus_connection(bus="SESSION")) as bus:

            def call(method: str, signature: str, *args: object) -> tuple[Any, ...]:
                message = new_method_call(service, method, signature, args)
                return tuple(unwrap_msg(bus.send_and_get_reply(message, timeout=_TIMEOUT_S)))

            unlocked, _locked = call("SearchItems", "a{ss}", {"service": SERVICE, "username": name})
            if not unlocked:
                return None
            _output, session = call("OpenSession", "sv", "plain", ("s", ""))
            (secrets,) = call("GetSecrets", "aoo", unlocked[:1], session)
            _session, _parameters, value, _content_type = secrets[unlocked[0]]
            return bytes(value).decode("utf-8")
    except (ImportError, DBusErrorResponse, KeyError, ValueError, OSError, TimeoutError):
        return None
