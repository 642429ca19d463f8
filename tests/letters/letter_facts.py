"""Letter facts for the tests: a Lumetra sender, requesters in several scripts, statute facts, store helpers.

The statute facts are the ones in /work/shared/reference/statutes.md (Virginia §4, Minnesota §16, GDPR §23);
the AG contact strings are sample channel texts, as the officer would store them after counsel confirmed them.
"""

from __future__ import annotations

import dataclasses
import io
from datetime import date, datetime
from typing import Any

from pypdf import PdfReader

from lumetra_desk.core.cases import verification
from lumetra_desk.core.cases.service import find_case, find_or_create_requester, open_case
from lumetra_desk.core.letters.data import (
    AppealFacts,
    CompanyDetails,
    Correction,
    ExportFile,
    JurisdictionFacts,
    LetterData,
    Recipient,
    RightDue,
)
from lumetra_desk.core.store.db import Store

VA_AG_CONTACT = "Office of the Attorney General of Virginia, Consumer Protection Section, www.oag.state.va.us"
MN_AG_CONTACT = "Minnesota Attorney General's Office, Consumer Protection Division, www.ag.state.mn.us"

COMPANY = CompanyDetails(
    name="Lumetra LLC",
    email="privacy@lumetra.io",
    address_lines=("548 Market Street, Suite 400", "San Francisco, CA 94104"),
    website="lumetra.io",
    product="Engram",
    signatory_name="Dana Whitfield",
    signatory_title="Privacy Officer",
)

VIRGINIA = JurisdictionFacts(
    code="US-VA",
    name="Virginia",
    law_name="Virginia Consumer Data Protection Act",
    citation="Va. Code §59.1-577(B)",
    appeal=AppealFacts(
        available=True,
        decision_period="60 days",
        ag_contact_required=True,
        ag_contact=VA_AG_CONTACT,
        citation="Va. Code §59.1-577(C)",
    ),
)

MINNESOTA = JurisdictionFacts(
    code="US-MN",
    name="Minnesota",
    law_name="Minnesota Consumer Data Privacy Act",
    citation="Minn. Stat. §325M.14",
    appeal=AppealFacts(
        available=True,
        decision_period="45 days",
        ag_contact_required=True,
        ag_contact_on_every_decision=True,
        ag_contact=MN_AG_CONTACT,
        citation="Minn. Stat. §325M.14 subd. 5",
    ),
)

CALIFORNIA = JurisdictionFacts(
    code="US-CA",
    name="California",
    law_name="California Consumer Privacy Act",
    citation="Cal. Civ. Code §1798.130(a)(2)(A)",
)

EU = JurisdictionFacts(
    code="EU",
    name="the European Union",
    law_name="General Data Protection Regulation",
    citation="GDPR Art. 12(3)",
    supervisory_authority="the data protection authority of the Member State where you live or work",
    refusal_citation="GDPR Art. 12(4)",
)

NAMES = ("Zoë", "Łukasz", "Διονύσης", "Дмитрий", "王芳")


def base_data(**changes: Any) -> LetterData:
    data = LetterData(
        company=COMPANY,
        recipient=Recipient(
            name="Zoë Łukasz Διονύσης Дмитрий 王芳",
            email="zoe@example.org",
            address_lines=("12 Rue de la Paix", "75002 Paris"),
        ),
        case_key="LD-2026-000123",
        letter_date=date(2026, 11, 27),
        received_on=date(2026, 11, 2),
        request_types=("access to your personal information",),
        jurisdiction=VIRGINIA,
        tier="free",
        respond_by=date(2026, 12, 17),
        extended_respond_by=date(2027, 1, 31),
        rights_due=(
            RightDue(
                "access to your personal information",
                date(2026, 12, 17),
                date(2027, 1, 31),
                "Va. Code §59.1-577(B)",
                "Va. Code §59.1-577(B)",
            ),
        ),
        extension_reason="Your request covers several years of workspace history held in three systems.",
        verification_process="We compare two details you give us with the details of your Engram account.",
        verification_items=(
            "the email address of your Engram account",
            "the month you opened the account",
            "the signed permission you gave Privacy Agents Inc. to make this request for you",
        ),
        declaration_required=True,
        agent_name="Privacy Agents Inc.",
        verify_by=date(2026, 12, 10),
        export_files=(
            ExportFile("LD-2026-000123.json", "application/json", 18234, "a" * 64, "your requests"),
            ExportFile("LD-2026-000123.csv", "text/csv", 9120, "b" * 64, "the same, as a table"),
        ),
        corrections=(
            Correction("Display name", "Zoë Müller", True),
            Correction("Organization", "Acme GmbH", False, "we could not confirm the new organization"),
        ),
        opt_out_scope=("the sale of your personal information", "targeted advertising"),
        sale_opt_out="the sale of your personal information",
        denial_reasons=("The request is a repeat of a request we answered on October 1, 2026.",),
        statutory_basis="Va. Code §59.1-577(B)(3): manifestly unfounded, excessive or repetitive requests.",
        appeal_received_on=date(2026, 12, 20),
        appeal_decide_by=date(2027, 2, 18),
        appeal_outcome="upheld",
        appeal_reasons=("The earlier response already covered the same period.",),
        enterprise_customer="Acme Analytics GmbH",
    )
    return dataclasses.replace(data, **changes)


def pdf_text(pdf: bytes, password: str | None = None) -> str:
    """All the text of a PDF with whitespace collapsed, so line breaks never split a phrase."""
    reader = PdfReader(io.BytesIO(pdf))
    if password is not None:
        reader.decrypt(password)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def verify_all_steps(store: Store, key: str) -> None:
    """Pass every step of the verification plan the law gives the case, as the officer would."""
    with store.write() as session:
        case = find_case(session, key)
        for step in verification.create_plan(session, case, actor="test"):
            verification.record_step(session, case, step.code, True, actor="test", evidence_note="matched")


def open_letter_case(
    store: Store,
    jurisdiction: str,
    request_types: list[str],
    *,
    tier: str,
    email: str,
    name: str,
    received: datetime,
    address: str = "",
) -> str:
    """A case opened as intake opens one (its requester found or created by address); returns its key."""
    with store.write() as session:
        requester = find_or_create_requester(session, email, name, tier)
        if address:
            requester.postal_address = address
        case = open_case(
            session,
            requester=requester,
            request_types=request_types,
            received_at=received,
            jurisdiction=jurisdiction,
            tier=tier,
        )
        return case.key
