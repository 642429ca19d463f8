"""The CCPA §7101 request register: one row per request with its response, denial basis and appeal.

§7101(a)-(b) allows a ticket log holding the date, nature and manner of the request, the date and nature of
the response, and the basis for any denial; the appeal and its result are added (Colorado Rule 6.11 asks
for them).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from lumetra_desk.core.cases.reasons import reason_codes
from lumetra_desk.core.store.models import Case, CaseRequestType

COLUMNS = (
    "case",
    "date_received",
    "request_types",
    "manner",
    "jurisdiction",
    "response_date",
    "nature_of_response",
    "basis_for_denial",
    "appeal",
    "appeal_result",
)


# Outcomes that refuse a right in whole or in part, so the register gives their basis.
DENIAL_OUTCOMES = frozenset({"denied", "partly", "unable_to_verify"})


@dataclass(frozen=True)
class RegisterRow:
    case: str
    date_received: str
    request_types: str
    manner: str
    jurisdiction: str
    response_date: str
    nature_of_response: str
    basis_for_denial: str
    appeal: str
    appeal_result: str


def year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def register_rows(session: Session, year: int) -> list[RegisterRow]:
    """Requests received in ``year`` (merged duplicates and appeals appear with the request they belong to)."""
    start, end = year_bounds(year)
    cases = session.exec(
        select(Case)
        .where(
            col(Case.received_at) >= start,
            col(Case.received_at) < end,
            col(Case.merged_into_id).is_(None),
            col(Case.parent_case_id).is_(None),
        )
        .order_by(col(Case.received_at), col(Case.id))
    ).all()
    ids = [case.id for case in cases]
    rights: dict[int, list[tuple[str, str, str]]] = {}
    appeals_of: dict[int, list[Case]] = {}
    for start_at in range(0, len(ids), 500):  # two queries per batch, not two per case
        batch = ids[start_at : start_at + 500]
        for case_id, request_type, outcome, outcome_reason in session.exec(
            select(
                CaseRequestType.case_id,
                CaseRequestType.request_type,
                CaseRequestType.outcome,
                CaseRequestType.outcome_reason,
            )
            .where(col(CaseRequestType.case_id).in_(batch))
            .order_by(col(CaseRequestType.is_primary).desc(), col(CaseRequestType.id))
        ).all():
            rights.setdefault(case_id, []).append((request_type, outcome, outcome_reason))
        for appeal in session.exec(
            select(Case).where(col(Case.parent_case_id).in_(batch)).order_by(col(Case.id))
        ).all():
            appeals_of.setdefault(appeal.parent_case_id or 0, []).append(appeal)
    rows = []
    for case in cases:
        appeals = appeals_of.get(case.id or 0, [])
        case_rights = rights.get(case.id or 0, [])
        nature, basis = _response(case, case_rights)
        rows.append(
            RegisterRow(
                case=case.key,
                date_received=case.received_at.date().isoformat(),
                request_types=" ".join(request_type for request_type, _, _ in case_rights),
                manner=case.channel,
                jurisdiction=case.jurisdiction,
                response_date=case.responded_at.date().isoformat() if case.responded_at else "",
                nature_of_response=nature,
                basis_for_denial=basis,
                appeal=" ".join(f"{a.key} ({a.received_at.date().isoformat()})" for a in appeals),
                appeal_result=" ".join(
                    a.outcome + (" (AG contact given)" if a.ag_contact_given else "") for a in appeals if a.outcome
                ),
            )
        )
    return rows


def _response(case: Case, rights: list[tuple[str, str, str]]) -> tuple[str, str]:
    """The nature of the response and the basis of any denial, per right when the rights were answered differently.

    A case answered "complied" may still have refused one of its rights; the register must show that refusal.
    A right without its own outcome was answered with the case's.
    """
    answers = [
        (request_type, outcome or case.outcome, code if outcome else case.outcome_reason)
        for request_type, outcome, code in rights
    ]
    if len({outcome for _, outcome, _ in answers}) > 1:
        nature = "; ".join(f"{request_type}: {outcome}" for request_type, outcome, _ in answers)
    else:
        nature = case.outcome
    codes = reason_codes()
    bases: list[str] = []
    for _, outcome, code in answers:
        if outcome in DENIAL_OUTCOMES and code:
            entry = codes.get(code)
            basis = f"{entry.label} ({entry.citation})" if entry else code
            if basis not in bases:
                bases.append(basis)
    return nature, "; ".join(bases)


def register_csv(rows: list[RegisterRow]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(asdict(row))
    return buffer.getvalue()
