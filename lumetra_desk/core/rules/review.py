"""Human-readable views of the rulebook: the counsel review table and one jurisdiction's summary.

Counsel reviews the rules from these views rather than from the YAML, so every figure carries its confirmed
flag, and the same table is kept in docs/statutes.md (a test checks it is regenerated when the data changes).
"""

from __future__ import annotations

from lumetra_desk.core.rules.model import (
    ExtensionRule,
    JurisdictionRules,
    RequestRules,
    TimedRule,
)
from lumetra_desk.core.rules.rulebook import Rulebook

CONFIRMED_MARK = "✓"
UNCONFIRMED_MARK = "?"

REVIEW_COLUMNS: tuple[str, ...] = (
    "Jurisdiction",
    "Law",
    "Effective",
    "Respond",
    "Other clocks",
    "Extension",
    "Acknowledge",
    "Appeal decision",
    "Appeal extension",
    "AG contact in appeal decision",
    "Records kept",
    "Unconfirmed rules",
)

_CLOCK_LABELS = {
    "receipt": "counted from receipt (day 0), never rolled; ID and clarification do not stop it",
    "eu": "months per Reg. 1182/71; an ID request does not move the deadline",
    "uk": "months per the ICO method; ID restarts the month, clarification pauses it",
}


def mark(confirmed: bool) -> str:
    return CONFIRMED_MARK if confirmed else UNCONFIRMED_MARK


def _timed(rule: TimedRule | None) -> str:
    return "none" if rule is None else f"{rule.period.describe()} {mark(rule.confirmed)}"


def _extension(rule: ExtensionRule | None) -> str:
    if rule is None:
        return "none"
    how_often = "once" if rule.max_times == 1 else f"up to {rule.max_times} times"
    notice = "notice with reasons" if rule.reasons_required else "notice"
    if rule.length_in_notice:
        notice += " and length"
    return f"+{rule.length.describe()} {how_often}, {notice} within the initial period {mark(rule.confirmed)}"


def _other_clocks(rules: JurisdictionRules) -> str:
    """Rights whose response period differs from the law's general one, grouped by period."""
    groups: dict[str, list[str]] = {}
    for request_type, request in rules.rights.items():
        same_period = request.respond.period == rules.general.respond.period
        same_extension = (request.extension is None) == (rules.general.extension is None)
        if request_type == "appeal" or (same_period and same_extension):
            continue
        text = _timed(request.respond)
        if request.extension is None and rules.general.extension is not None:
            text += ", no extension"
        groups.setdefault(text, []).append(request_type)
    return "; ".join(f"{', '.join(types)}: {text}" for text, types in groups.items()) or "—"


def _acknowledge(rules: JurisdictionRules) -> str:
    general = rules.general.acknowledge
    if general is None:
        return "none"
    without = [t for t, r in rules.rights.items() if r.acknowledge is None and t != "appeal"]
    return _timed(general) + (f" (not for {', '.join(without)})" if without else "")


def every_rule(rules: JurisdictionRules) -> list[tuple[str, str, bool]]:
    """(key, citation, confirmed) for every rule of a jurisdiction; shared defaults appear once per right."""
    found: list[tuple[str, str, bool]] = [
        ("effective", rules.effective_citation, rules.effective_confirmed),
        ("agents", rules.agents.citation, rules.agents.confirmed),
        ("account_holders", rules.account_holders.citation, rules.account_holders.confirmed),
        ("appeal", rules.appeal.citation, rules.appeal.confirmed),
        ("record_retention", rules.record_retention.citation, rules.record_retention.confirmed),
    ]
    appeal = rules.appeal
    if appeal.decision is not None:
        found.append(("appeal.decision", appeal.decision.citation, appeal.decision.confirmed))
    if appeal.extension is not None:
        found.append(("appeal.extension", appeal.extension.citation, appeal.extension.confirmed))
    for request_type, request in rules.rights.items():
        found.extend((f"rights.{request_type}.{name}", citation, ok) for name, citation, ok in _request(request))
    return found


def _request(request: RequestRules) -> list[tuple[str, str, bool]]:
    parts: list[tuple[str, str, bool]] = [
        ("grant", request.citation, request.confirmed),
        ("respond", request.respond.citation, request.respond.confirmed),
        ("verification", request.verification.citation, request.verification.confirmed),
    ]
    fallback = request.verification.if_unverified
    if fallback is not None:
        parts.append(("verification.if_unverified", fallback.citation, fallback.confirmed))
    if request.acknowledge is not None:
        parts.append(("acknowledge", request.acknowledge.citation, request.acknowledge.confirmed))
    if request.extension is not None:
        parts.append(("extension", request.extension.citation, request.extension.confirmed))
    if request.free_requests is not None:
        parts.append(("free_requests", request.free_requests.citation, request.free_requests.confirmed))
    return parts


def review_row(rules: JurisdictionRules) -> list[str]:
    appeal = rules.appeal
    if appeal.exists:
        decision = _timed(appeal.decision)
        extension = _extension(appeal.extension)
        contact = f"{appeal.ag_contact_required.replace('_', ' ')} {mark(appeal.confirmed)}: {appeal.ag_contact}"
    else:
        decision, extension, contact = f"no appeal {mark(appeal.confirmed)}", "—", "—"
    retention = rules.record_retention
    records = f"{retention.months} months " + (
        f"(statutory) {mark(retention.confirmed)}" if retention.statutory else "(project floor)"
    )
    all_rules = every_rule(rules)
    unconfirmed = sum(1 for _, _, ok in all_rules if not ok)
    return [
        rules.code,
        f"{rules.short_name} — {rules.citation}",
        f"{rules.effective.isoformat()} {mark(rules.effective_confirmed)}",
        _timed(rules.general.respond),
        _other_clocks(rules),
        _extension(rules.general.extension),
        _acknowledge(rules),
        decision,
        extension,
        contact,
        records,
        f"{unconfirmed} of {len(all_rules)}",
    ]


def review_rows(book: Rulebook) -> list[list[str]]:
    return [review_row(rules) for rules in book.all()]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def review_markdown(book: Rulebook) -> str:
    """The counsel review document (docs/statutes.md is exactly this text)."""
    lines = [
        "# Statute rules: review table for counsel",
        "",
        "Generated by `lumetra-desk rules review --markdown` from `resources/statutes/`; do not edit by hand.",
        "",
        f"{CONFIRMED_MARK} = read in primary text (statute, regulation or official guidance); "
        f"{UNCONFIRMED_MARK} = secondary source, recollection or not found: counsel to confirm. "
        "US periods are calendar days counted from receipt (day 0) with no roll-forward; business days are "
        "Mon–Fri minus the calendar assigned in `resources/statutes/calendars.yaml`; EU/UK months follow "
        "Reg. 1182/71 and the ICO method. Where the reference was unsure the earlier deadline was chosen. "
        "Extensions are shown as the outer bound if the notice goes out within the initial period. "
        "AG contacts are placeholders until counsel confirms them.",
        "",
        "| " + " | ".join(REVIEW_COLUMNS) + " |",
        "|" + "---|" * len(REVIEW_COLUMNS),
    ]
    lines.extend("| " + " | ".join(_cell(cell) for cell in row) + " |" for row in review_rows(book))
    return "\n".join(lines) + "\n"


def review_text(book: Rulebook) -> str:
    """The same table as aligned plain text for a terminal."""
    rows = [list(REVIEW_COLUMNS), *review_rows(book)]
    widths = [max(len(row[index]) for row in rows) for index in range(len(REVIEW_COLUMNS))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def _describe_blocks(request: RequestRules, general: RequestRules | None, indent: str) -> list[str]:
    """The rule blocks of ``request`` (only those differing from ``general`` when it is given)."""
    lines: list[str] = []

    def differs(name: str) -> bool:
        return general is None or getattr(request, name) != getattr(general, name)

    if differs("respond"):
        lines.append(f"{indent}respond: {_timed(request.respond)}  [{request.respond.citation}]")
        if request.respond.note:
            lines.append(f"{indent}  {request.respond.note}")
    if differs("acknowledge"):
        ack = request.acknowledge
        lines.append(f"{indent}acknowledge: " + (f"{_timed(ack)}  [{ack.citation}]" if ack else "none"))
    if differs("extension"):
        extension = request.extension
        if extension is None:
            lines.append(f"{indent}extension: none")
        else:
            lines.append(f"{indent}extension: {_extension(extension)}  [{extension.citation}]")
            if extension.note:
                lines.append(f"{indent}  {extension.note}")
    if differs("verification"):
        verification = request.verification
        detail = f"{verification.data_points} data points" + (
            " + signed declaration" if verification.signed_declaration else ""
        )
        lines.append(
            f"{indent}verification: {verification.level} ({detail}) {mark(verification.confirmed)}  "
            f"[{verification.citation}]"
        )
        if verification.note:
            lines.append(f"{indent}  {verification.note}")
    if differs("free_requests"):
        free = request.free_requests
        if free is None:
            lines.append(f"{indent}free requests: no rule")
        else:
            count = "always free" if free.per_12_months is None else f"{free.per_12_months} free per 12 months"
            lines.append(f"{indent}free requests: {count} {mark(free.confirmed)}  [{free.citation}]")
    return lines


def jurisdiction_summary(rules: JurisdictionRules) -> str:
    """Everything about one jurisdiction, each rule with its citation and confirmed flag."""
    lines = [
        f"{rules.code}  {rules.law_name} ({rules.short_name})",
        f"Citation: {rules.citation}",
        f"Effective: {rules.effective.isoformat()} {mark(rules.effective_confirmed)}  [{rules.effective_citation}]",
        f"Clock: {_CLOCK_LABELS[rules.clock]}; working-day calendar: {rules.calendar}",
        f"General rules ({CONFIRMED_MARK} confirmed, {UNCONFIRMED_MARK} counsel to confirm):",
        *_describe_blocks(rules.general, None, "  "),
        "Rights (with the rules that differ from the general ones):",
    ]
    for request in rules.rights.values():
        if request.request_type == "appeal":
            continue
        lines.append(f"  {request.request_type}  [{request.citation}] {mark(request.confirmed)}")
        if request.note:
            lines.append(f"    {request.note}")
        lines.extend(_describe_blocks(request, rules.general, "    "))
    appeal = rules.appeal
    if appeal.exists:
        lines.append(f"Appeal: decision {_timed(appeal.decision)}, extension {_extension(appeal.extension)}")
        lines.append(
            f"  AG contact ({appeal.ag_contact_required.replace('_', ' ')}): {appeal.ag_contact} "
            f"{mark(appeal.confirmed)}  [{appeal.citation}]"
        )
        if appeal.note:
            lines.append(f"  {appeal.note}")
    else:
        lines.append(f"Appeal: none {mark(appeal.confirmed)}  [{appeal.citation}]")
    agents = rules.agents
    lines.append(
        f"Authorized agents: {agents.allowed.replace('_', ' ')}; signed permission "
        f"{'yes' if agents.signed_permission else 'no'}, direct confirmation "
        f"{'yes' if agents.direct_confirmation else 'no'}, power of attorney accepted "
        f"{'yes' if agents.power_of_attorney_accepted else 'no'} {mark(agents.confirmed)}  [{agents.citation}]"
    )
    if agents.note:
        lines.append(f"  {agents.note}")
    holders = rules.account_holders
    if holders.method == "reauthenticate":
        lines.append(
            f"Account holders: the account's sign-in, repeated before acting, replaces the data points for "
            f"{', '.join(holders.before)} {mark(holders.confirmed)}  [{holders.citation}]"
        )
    else:
        lines.append(f"Account holders: no separate rule {mark(holders.confirmed)}  [{holders.citation}]")
    if holders.note:
        lines.append(f"  {holders.note}")
    retention = rules.record_retention
    lines.append(
        f"Records: keep {retention.months} months "
        f"({'statutory' if retention.statutory else 'project floor'}) {mark(retention.confirmed)}  "
        f"[{retention.citation}]"
    )
    if rules.notes:
        lines.append("Notes:")
        lines.extend(f"  - {note}" for note in rules.notes)
    return "\n".join(lines) + "\n"
