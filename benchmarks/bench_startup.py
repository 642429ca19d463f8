"""Budget (issue 2): process start to the first painted row of a 100k-case encrypted store, at most 2x a bare
PySide6 window with a 3-row table, both measured here in the same run (offscreen, median of several starts).

Both ways of keying a store are started: a store protected by a passphrase (its key is derived from the
passphrase, PBKDF2) and a store whose key is kept in the system keyring (read over D-Bus from a real
gnome-keyring). The keyring runs in a private D-Bus session that this benchmark starts (platform-notes §5), and
every start, the bare window's too, runs inside that session, so all three are timed alike.

Usage: python benchmarks/bench_startup.py [--store DIR] [--keyring-store DIR] [--cases N] [--runs R]
(a store not given is built first, which takes about a minute each; --keyring-store DIR keeps the keyring
store and its private keyring, in DIR/bench-keyring, so a later run with the same DIR starts it again)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
PASSPHRASE_ENV = "LUMETRA_DESK_PASSPHRASE"
KEYRING_HOME = "bench-keyring"  # inside a keyring store's data folder: the HOME of its private gnome-keyring
KEYRING_PASSWORD = "lumetra-bench-keyring"  # unlocks that throw-away keyring; it guards only benchmark data


def time_start(*args: str) -> float:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, str(PROBE), *args], stdout=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
        proc.wait()
    if line.strip() != "painted":
        raise SystemExit(f"probe {args} did not paint (exit {proc.returncode})")
    return elapsed


@contextmanager
def private_keyring(home: Path) -> Iterator[None]:
    """A private D-Bus session with an unlocked gnome-keyring whose files live in ``home`` (kept between runs),
    set in this process's environment, which every start inherits."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: install dbus and gnome-keyring (the README's test command does)")
    runtime = home / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    before = dict(os.environ)
    os.environ.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), XDG_DATA_HOME=str(home / ".local" / "share"))
    os.environ.pop("PYTHON_KEYRING_BACKEND", None)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={runtime}/bus"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert bus.stdout is not None
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        unlocked = subprocess.run(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
            input=KEYRING_PASSWORD,
            capture_output=True,
            text=True,
            check=True,
        )
        for line in unlocked.stdout.splitlines():  # GNOME_KEYRING_CONTROL=...
            name, _, value = line.partition("=")
            if name and value:
                os.environ[name] = value
        yield
    finally:
        bus.terminate()  # gnome-keyring-daemon leaves with its session
        bus.wait(timeout=10)
        os.environ.clear()
        os.environ.update(before)


def build_store(store_dir: Path, cases: int, keyring: bool) -> None:
    """``demo --cases N`` into ``store_dir``: keyed by the passphrase of the environment, or by the keyring."""
    env = dict(os.environ)
    if keyring:
        env.pop(PASSPHRASE_ENV, None)  # without a passphrase, a new store's key goes to the keyring
    command = [sys.executable, "-m", "lumetra_desk", "--data-dir", str(store_dir), "demo", "--cases", str(cases)]
    subprocess.run(command, check=True, env=env)


def migrate(store_dir: Path) -> None:
    """A store from an older version is migrated (and checked) first: a start that migrates is not a daily start."""
    command = [sys.executable, "-m", "lumetra_desk", "--data-dir", str(store_dir), "db", "check"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def encryption_of(store_dir: Path) -> str:
    from lumetra_desk.core.store.connection import StoreMeta

    return StoreMeta.read(store_dir / "store.json").encryption


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a passphrase store ($LUMETRA_DESK_PASSPHRASE, else 'benchmark')")
    parser.add_argument("--keyring-store", type=Path, help="where the keyring store is kept (built if missing)")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault(PASSPHRASE_ENV, "benchmark")
    passphrase_dir = (args.store or Path(tempfile.mkdtemp(prefix="lumetra-startup-"))).resolve()
    keyring_dir = (args.keyring_store or Path(tempfile.mkdtemp(prefix="lumetra-startup-keyring-"))).resolve()
    if args.store is None:
        build_store(passphrase_dir, args.cases, keyring=False)
    migrate(passphrase_dir)
    if encryption_of(passphrase_dir) != "passphrase":
        raise SystemExit(f"{passphrase_dir} is not a passphrase store; give one with --store")
    with private_keyring(keyring_dir / KEYRING_HOME):
        if not (keyring_dir / "store.json").exists():
            build_store(keyring_dir, args.cases, keyring=True)
        migrate(keyring_dir)
        if encryption_of(keyring_dir) != "keyring":
            raise SystemExit(f"{keyring_dir} is not a keyring store built by this benchmark")
        starts: dict[str, tuple[str, ...]] = {
            "bare": ("bare",),
            "passphrase": ("app", str(passphrase_dir)),
            "keyring": ("app", str(keyring_dir)),
        }
        for probe_args in starts.values():  # warm the page cache for each
            time_start(*probe_args)
        times: dict[str, list[float]] = {name: [] for name in starts}
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine weighs on all three alike
            for name, probe_args in starts.items():
                times[name].append(time_start(*probe_args))
    bare = statistics.median(times["bare"])
    print(f"bare PySide6 window, 3 rows: {bare * 1000:.0f} ms")
    for name, store_dir in (("passphrase", passphrase_dir), ("keyring", keyring_dir)):
        app = statistics.median(times[name])
        print(
            f"Lumetra Desk, key from the {name}, {store_dir}: {app * 1000:.0f} ms  ({app / bare:.2f}x; "
            f"budget 2.00x: {'OK' if app <= 2 * bare else 'OVER'})"
        )


if __name__ == "__main__":
    main()
