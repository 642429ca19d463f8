"""Case statuses and clock events in the words the officer reads, one table for the window, the CLI and refusals.

The ids (``awaiting_requester``, ``extension_taken``) stay what the store, ``--json`` and the command-line options
use; every sentence and label names them in words ("awaiting the requester", "extension taken").
"""

from __future__ import annotations

from collections.abc import Iterable

STATUS_WORDS: dict[str, str] = {
    "new": "new",
    "acknowledged": "acknowledged",
    "awaiting_requester": "awaiting the requester",
    "verifying": "verifying",
    "in_progress": "in progress",
    "extended": "extended",
    "responded": "responded",
    "appealed": "appealed",
    "closed": "closed",
    "merged": "merged",
}


def status_words(status: str) -> str:
    """A status as a sentence names it ("Case LD-2026-000001 is awaiting the requester")."""
    return STATUS_WORDS.get(status, status.replace("_", " "))


def statuses_in_words(statuses: Iterable[str]) -> str:
    """Several statuses as one list in words, in the workflow's order: "new, acknowledged or in progress"."""
    order = list(STATUS_WORDS)
    words = [status_words(s) for s in sorted(set(statuses), key=lambda s: order.index(s) if s in order else len(order))]
    return " or ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} or {words[-1]}"


def clock_event_words(kind: str) -> str:
    """A clock event in words ("extension taken", "ID requested"), as the rules options name it, unhyphenated."""
    from lumetra_desk.core.rules.model import CLOCK_EVENT_WORDS  # the statute engine loads only when asked

    return CLOCK_EVENT_WORDS.get(kind, kind).replace("-", " ").replace("_", " ")
