"""One kind of letter for many cases at once, e.g. acknowledging every new request of the morning.

Each letter is issued exactly as a single one is (``issue_letter``: its own transaction, version and audit
event), so stopping halfway keeps the letters already issued and nothing half-written. A case the letter does
not fit is refused in the same plain words a single letter would get, and the rest go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lumetra_desk.core.errors import InvalidInputError, LumetraError
from lumetra_desk.core.letters.issue import issue_letter
from lumetra_desk.core.letters.kinds import get_kind
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.queries import case_rows

# Kinds whose every fact comes from the store, the settings and the statute engine; the others need reasons,
# corrections or an outcome the officer words for each case.
BATCH_KINDS = (
    "acknowledgement",
    "verification_request",
    "access_response",
    "deletion_confirmation",
    "opt_out_confirmation",
)
CHUNK = 500


@dataclass
class BatchOutcome:
    kind: str
    issued: list[str] = field(default_factory=list)  # case keys
    refused: list[tuple[str, str]] = field(default_factory=list)  # (case key, why, in plain words)

    def text(self) -> str:
        """The summary: counts first, then one line per refused case."""
        words = self.kind.replace("_", " ")
        lines = [
            f"Issued {len(self.issued)} {words} letter{'s' if len(self.issued) != 1 else ''}"
            + (f"; {len(self.refused)} refused:" if self.refused else ".")
        ]
        lines.extend(f"{key}: {why}" for key, why in self.refused)
        return "\n".join(lines)


def issue_letters(
    store: Store,
    case_ids: Sequence[int],
    kind: str,
    settings: Settings,
    *,
    today: date,
    templates_override_dir: Path | None = None,
    actor: str | None = None,
    after_each: Callable[[int, int, str], None] | None = None,
) -> BatchOutcome:
    """Issue ``kind`` for each case in order; ``after_each(done, total, case key)`` may raise to stop."""
    get_kind(kind)
    if kind not in BATCH_KINDS:
        raise InvalidInputError(
            f"The {kind.replace('_', ' ')} letter needs wording for each case; issue it from the case itself. "
            f"Letters for many cases at once: {', '.join(k.replace('_', ' ') for k in BATCH_KINDS)}."
        )
    outcome = BatchOutcome(kind)
    done = 0
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        with store.read() as session:
            keys = {row.id: row.key for row in case_rows(session, chunk)}
        for case_id in chunk:
            key = keys.get(case_id)
            if key is None:
                outcome.refused.append((f"case #{case_id}", "this case no longer exists"))
            else:
                try:
                    issue_letter(
                        store,
                        key,
                        kind,
                        settings,
                        today=today,
                        templates_override_dir=templates_override_dir,
                        actor=actor,
                    )
                except LumetraError as exc:
                    outcome.refused.append((key, str(exc)))
                else:
                    outcome.issued.append(key)
            done += 1
            if after_each is not None:
                after_each(done, len(case_ids), key or f"case #{case_id}")
    return outcome
