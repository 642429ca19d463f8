"""Budget (issue 2): ``lumetra-desk demo --cases 100000`` in at most 60 s on an encrypted store.

Usage: python benchmarks/bench_demo.py [--cases N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from lumetra_desk.core import demo
from lumetra_desk.core.paths import resolve_paths
from lumetra_desk.core.store.db import Store

BUDGET_S = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it (for other benchmarks)")
    args = parser.parse_args()
    os.environ.setdefault("LUMETRA_DESK_PASSPHRASE", "benchmark")
    folder = args.keep or Path(tempfile.mkdtemp(prefix="lumetra-bench-"))
    started = time.perf_counter()
    store = Store.open(resolve_paths(folder))
    summary = demo.fill(store, args.cases, seed=1)
    store.close()
    elapsed = time.perf_counter() - started
    size_mb = (folder / "lumetra-desk.db").stat().st_size / 1e6
    print(f"demo --cases {summary.cases}: {elapsed:.1f} s ({summary.messages} messages, {size_mb:.0f} MB store)")
    print(f"budget {BUDGET_S:.0f} s: {'OK' if elapsed <= BUDGET_S else 'OVER'}")
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
