"""Budget (issue 3): deadlines for 100,000 cases (mixed jurisdictions, request types, dates, some with clock
events and 1% of unknown jurisdiction) in at most 1 s, after the rulebook is loaded.

Usage: python benchmarks/bench_deadlines.py [--cases N] [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from lumetra_desk.core.rules import REQUEST_TYPES, ClockEvent, compute_deadlines, load_rulebook

BUDGET_S = 1.0


def make_cases(count: int, seed: int, codes: list[str]) -> list[tuple[str, str, dt.date, tuple[ClockEvent, ...]]]:
    rng = random.Random(seed)
    first = dt.date(2025, 1, 1).toordinal()
    cases = []
    for _ in range(count):
        code = "unknown" if rng.random() < 0.01 else rng.choice(codes)
        received = dt.date.fromordinal(first + rng.randrange(3 * 365))
        events: tuple[ClockEvent, ...] = ()
        roll = rng.random()
        if roll < 0.10:
            events = (
                ClockEvent("id_requested", received + dt.timedelta(days=1)),
                ClockEvent("id_received", received + dt.timedelta(days=rng.randrange(2, 20))),
            )
        elif roll < 0.15:
            events = (ClockEvent("extension_taken", received + dt.timedelta(days=rng.randrange(1, 60))),)
        cases.append((code, rng.choice(REQUEST_TYPES), received, events))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    book = load_rulebook()
    loaded = time.perf_counter() - started
    cases = make_cases(args.cases, args.seed, book.jurisdictions())
    # Calendars build their tables for the years in use on first touch; do that outside the timing.
    compute_deadlines("US-CA", "opt_out_sale_share", dt.date(2025, 1, 1))
    compute_deadlines("UK", "access", dt.date(2027, 12, 1))

    started = time.perf_counter()
    deadlines = 0
    for code, request_type, received, events in cases:
        deadlines += len(compute_deadlines(code, request_type, received, events).deadlines)
    elapsed = time.perf_counter() - started

    print(f"rulebook load (22 files, validated): {loaded * 1000:.0f} ms")
    print(
        f"{args.cases:,} cases -> {deadlines:,} deadlines in {elapsed:.3f} s ({elapsed / args.cases * 1e6:.2f} µs/case)"
    )
    verdict = "OK" if elapsed <= BUDGET_S * args.cases / 100_000 else "OVER BUDGET"
    print(f"budget {BUDGET_S:.1f} s per 100,000 cases: {verdict}")


if __name__ == "__main__":
    main()
