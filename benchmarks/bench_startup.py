"""Budget (issue 2): process start to the first painted row of a 100k-case encrypted store, at most 2x a bare
PySide6 window with a 3-row table, both measured here in the same run (offscreen, median of several starts).

Usage: python benchmarks/bench_startup.py [--store DIR] [--cases N] [--runs R]
(without --store a 100k-case store is built first, which takes about a minute)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("LUMETRA_DESK_PASSPHRASE", "benchmark")
    store_dir = args.store
    if store_dir is None:
        store_dir = Path(tempfile.mkdtemp(prefix="lumetra-startup-"))
        subprocess.run(
            [sys.executable, "-m", "lumetra_desk", "--data-dir", str(store_dir), "demo", "--cases", str(args.cases)],
            check=True,
        )
    # A store from an older version is migrated (and checked) first: a start that migrates is not a daily start.
    subprocess.run(
        [sys.executable, "-m", "lumetra_desk", "--data-dir", str(store_dir), "db", "check"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    time_start("bare")  # warm the page cache for both
    time_start("app", str(store_dir))
    bare = statistics.median(time_start("bare") for _ in range(args.runs))
    app = statistics.median(time_start("app", str(store_dir)) for _ in range(args.runs))
    print(f"bare PySide6 window, 3 rows: {bare * 1000:.0f} ms")
    print(
        f"Lumetra Desk, {store_dir}: {app * 1000:.0f} ms  ({app / bare:.2f}x; budget 2.00x: "
        f"{'OK' if app <= 2 * bare else 'OVER'})"
    )


if __name__ == "__main__":
    main()
