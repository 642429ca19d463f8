"""A real Dovecot IMAP server on loopback for the intake tests (platform-notes §6): IMAPS, and STARTTLS on a
second port; both refuse a login before TLS.

Dovecot runs as root here, so mail is owned by ``nobody`` in a 0755 folder from mkdtemp (pytest's tmp dirs
are 0700). The certificate is self-signed by ``openssl`` in the fixture; clients trust exactly that file.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USERS = {f"officer{n}@lumetra.io": f"secret-{n}" for n in range(1, 13)}


@dataclass(frozen=True)
class Dovecot:
    host: str
    port: int  # implicit TLS (IMAPS)
    starttls_port: int  # plain IMAP that must be upgraded with STARTTLS before login
    cert: Path
    config: Path

    def kick(self, user: str) -> None:
        """Drop the user's connections, as a server restart or network failure would.

        ``doveadm kick`` only signals the imap processes; wait until they are gone, so the client's next
        command really meets a closed connection.
        """
        doveadm = ["doveadm", "-c", str(self.config)]
        subprocess.run([*doveadm, "kick", user], check=True, capture_output=True)
        for _ in range(200):
            who = subprocess.run([*doveadm, "who", user], capture_output=True, text=True, check=False)
            if user not in who.stdout:
                return
            time.sleep(0.05)
        raise RuntimeError(f"dovecot kept the connections of {user} open")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _config(root: Path, port: int, starttls_port: int) -> str:
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {port}
    ssl = yes
  }}
}}
"""


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if shutil.which("dovecot") is None:
        raise RuntimeError("dovecot is missing: install the apt package dovecot-imapd")
    root = Path(tempfile.mkdtemp(prefix="lumetra-dovecot-"))
    root.chmod(0o755)
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    shutil.chown(root / "mail", "nobody", "nogroup")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(root / "key.pem"), "-out", str(root / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    (root / "passwd").write_text("".join(f"{user}:{{PLAIN}}{password}\n" for user, password in USERS.items()))
    port = _free_port()
    starttls_port = next(free for free in iter(_free_port, None) if free != port)
    config = root / "dovecot.conf"
    config.write_text(_config(root, port, starttls_port))
    process = subprocess.Popen(["dovecot", "-F", "-c", str(config)], stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError(f"dovecot did not start: {(root / 'dovecot.log').read_text(errors='replace')}")
        yield Dovecot(host="127.0.0.1", port=port, starttls_port=starttls_port, cert=root / "cert.pem", config=config)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
