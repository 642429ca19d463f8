"""Reading and validating the statute files.

The files are written by people (and reviewed by counsel), so every problem is reported as one sentence
naming the file, the key and the reason, and a bad file is rejected as a whole rather than half-used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import holidays
import yaml

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules.calendars import CalendarSpec
from lumetra_desk.core.rules.model import (
    ACCOUNT_HOLDER_METHODS,
    AG_CONTACT_MODES,
    AGENT_MODES,
    CLOCK_MODELS,
    EXTENSION_BASES,
    REQUEST_TYPES,
    UNITS,
    VERIFICATION_LEVELS,
    AccountHolderRule,
    AgentRule,
    AppealRules,
    ExtensionRule,
    FreeRequestLimit,
    JurisdictionRules,
    Period,
    RequestRules,
    RetentionRule,
    TimedRule,
    UnverifiedFallback,
    VerificationRule,
)

CALENDARS_FILE = "calendars.yaml"
# libyaml's loader when PyYAML was built with it: reading all files is then several times faster.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MISSING = object()


class _Reader:
    """Typed access to one parsed YAML mapping, with errors that name the file and the dotted key."""

    def __init__(self, file: Path, data: Any, key: str = "") -> None:
        self.file = file
        self.key = key
        if not isinstance(data, Mapping):
            self.fail("must be a mapping of keys to values")
        self.data: Mapping[str, Any] = data

    def fail(self, reason: str, key: str | None = None) -> NoReturn:
        where = key if key is not None else (self.key or "(top level)")
        raise InvalidInputError(f"Statute file {self.file.name}: key '{where}' {reason}.")

    def path(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def raw(self, name: str, default: Any = _MISSING) -> Any:
        if name in self.data:
            return self.data[name]
        if default is _MISSING:
            self.fail("is missing", self.path(name))
        return default

    def text(self, name: str, default: str | None = None) -> str:
        value = self.raw(name, _MISSING if default is None else default)
        if not isinstance(value, str) or (default is None and not value.strip()):
            self.fail("must be a non-empty text", self.path(name))
        return str(value).strip()

    def flag(self, name: str) -> bool:
        value = self.raw(name)
        if not isinstance(value, bool):
            self.fail("must be true or false", self.path(name))
        return bool(value)

    def count(self, name: str, minimum: int = 1, optional: bool = False) -> int | None:
        value = self.raw(name, None if optional else _MISSING)
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"must be a whole number of at least {minimum}", self.path(name))
        return int(value)

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.raw(name)
        if value not in allowed:
            self.fail(f"must be one of {', '.join(allowed)} (got {value!r})", self.path(name))
        return str(value)

    def date(self, name: str) -> dt.date:
        value = self.raw(name)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail("must be a date written YYYY-MM-DD", self.path(name))
        return value

    def child(self, name: str) -> _Reader:
        return _Reader(self.file, self.raw(name), self.path(name))

    def optional_child(self, name: str, fallback: Any = None) -> _Reader | None:
        value = self.raw(name, fallback)
        return None if value is None else _Reader(self.file, value, self.path(name))

    def only(self, allowed: tuple[str, ...]) -> None:
        for name in self.data:
            if name not in allowed:
                self.fail(f"is not a known key (expected one of {', '.join(allowed)})", self.path(name))


_RULE_KEYS = ("citation", "confirmed", "note")


def _timed(reader: _Reader) -> TimedRule:
    reader.only(("amount", "unit", *_RULE_KEYS))
    return TimedRule(
        period=Period(reader.count("amount") or 0, reader.choice("unit", UNITS)),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


def _extension(reader: _Reader, base: TimedRule | None) -> ExtensionRule:
    reader.only(("amount", "unit", "max_times", "reasons_required", "length_in_notice", "counted_from", *_RULE_KEYS))
    rule = ExtensionRule(
        length=Period(reader.count("amount") or 0, reader.choice("unit", UNITS)),
        max_times=reader.count("max_times") or 0,
        reasons_required=reader.flag("reasons_required"),
        length_in_notice=reader.flag("length_in_notice"),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
        counted_from=reader.choice("counted_from", EXTENSION_BASES) if "counted_from" in reader.data else "start",
    )
    if base is not None and base.period.unit != rule.length.unit:
        reader.fail(f"must use the same unit as the period it extends ({base.period.unit})", reader.path("unit"))
    if rule.length.unit == "business_days":
        reader.fail("cannot be in business days (no law here extends a business-day period)", reader.path("unit"))
    return rule


def _verification(reader: _Reader) -> VerificationRule:
    reader.only(("level", "data_points", "signed_declaration", "if_unverified", *_RULE_KEYS))
    fallback = reader.optional_child("if_unverified")
    return VerificationRule(
        level=reader.choice("level", VERIFICATION_LEVELS),
        data_points=reader.count("data_points", minimum=0) or 0,
        signed_declaration=reader.flag("signed_declaration"),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
        if_unverified=_unverified_fallback(fallback) if fallback else None,
    )


def _unverified_fallback(reader: _Reader) -> UnverifiedFallback:
    reader.only(("treat_as", *_RULE_KEYS))
    return UnverifiedFallback(
        treat_as=reader.choice("treat_as", REQUEST_TYPES),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


def _free(reader: _Reader) -> FreeRequestLimit:
    reader.only(("per_12_months", *_RULE_KEYS))
    return FreeRequestLimit(
        per_12_months=reader.count("per_12_months", optional=True),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


_RULE_BLOCKS = ("respond", "acknowledge", "extension", "verification", "free_requests")


def _request_rules(request_type: str, grant: _Reader | None, defaults: _Reader, fallback_citation: str) -> RequestRules:
    """Merge a right's own blocks over the file's defaults (an explicit null removes a default)."""

    def block(name: str) -> _Reader | None:
        if grant is not None and name in grant.data:
            return grant.optional_child(name)
        return defaults.optional_child(name)

    respond_reader = block("respond")
    if respond_reader is None:
        (grant or defaults).fail("needs a response period", (grant or defaults).path("respond"))
    respond = _timed(respond_reader)
    acknowledge_reader = block("acknowledge")
    extension_reader = block("extension")
    verification_reader = block("verification")
    if verification_reader is None:
        (grant or defaults).fail("needs a verification standard", (grant or defaults).path("verification"))
    free_reader = block("free_requests")
    if grant is not None:
        grant.only(("citation", "confirmed", "note", *_RULE_BLOCKS))
    return RequestRules(
        request_type=request_type,
        citation=grant.text("citation") if grant else fallback_citation,
        confirmed=grant.flag("confirmed") if grant else False,
        note=grant.text("note", "") if grant else "",
        respond=respond,
        acknowledge=_timed(acknowledge_reader) if acknowledge_reader else None,
        extension=_extension(extension_reader, respond) if extension_reader else None,
        verification=_verification(verification_reader),
        free_requests=_free(free_reader) if free_reader else None,
    )


def _appeal(reader: _Reader) -> AppealRules:
    reader.only(("exists", "decision", "extension", "ag_contact_required", "ag_contact", *_RULE_KEYS))
    exists = reader.flag("exists")
    citation, confirmed, note = reader.text("citation"), reader.flag("confirmed"), reader.text("note", "")
    if not exists:
        return AppealRules(False, None, None, "never", "", citation, confirmed, note)
    decision = _timed(reader.child("decision"))
    extension_reader = reader.optional_child("extension")
    contact_mode = reader.choice("ag_contact_required", AG_CONTACT_MODES)
    contact = reader.text("ag_contact", "")
    if contact_mode != "never" and "counsel to confirm" not in contact:
        reader.fail("must hold a placeholder ending with 'counsel to confirm'", reader.path("ag_contact"))
    return AppealRules(
        exists=True,
        decision=decision,
        extension=_extension(extension_reader, decision) if extension_reader else None,
        ag_contact_required=contact_mode,
        ag_contact=contact,
        citation=citation,
        confirmed=confirmed,
        note=note,
    )


def _agents(reader: _Reader) -> AgentRule:
    reader.only(("allowed", "signed_permission", "direct_confirmation", "power_of_attorney_accepted", *_RULE_KEYS))
    return AgentRule(
        allowed=reader.choice("allowed", AGENT_MODES),
        signed_permission=reader.flag("signed_permission"),
        direct_confirmation=reader.flag("direct_confirmation"),
        power_of_attorney_accepted=reader.flag("power_of_attorney_accepted"),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


def _account_holders(reader: _Reader, rights: Mapping[str, RequestRules]) -> AccountHolderRule:
    """The account-holder rule; the rights it covers must be granted here and be ones that are verified."""
    reader.only(("method", "before", *_RULE_KEYS))
    method = reader.choice("method", ACCOUNT_HOLDER_METHODS)
    before = reader.raw("before", [])
    if not isinstance(before, list) or not all(isinstance(item, str) for item in before):
        reader.fail("must be a list of request types", reader.path("before"))
    if method == "reauthenticate" and not before:
        reader.fail("must list the rights the account's sign-in is repeated before", reader.path("before"))
    if method == "unstated" and before:
        reader.fail("must be empty when the method is unstated", reader.path("before"))
    for request_type in before:
        granted = rights.get(request_type)
        if granted is None:
            reader.fail(f"names {request_type!r}, a right this law does not grant", reader.path("before"))
        if granted.verification.level in ("none", "reasonable_doubt_only"):
            reader.fail(
                f"names {request_type!r}, a right this law does not let the business verify", reader.path("before")
            )
    return AccountHolderRule(
        method=method,
        before=tuple(before),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


def _retention(reader: _Reader) -> RetentionRule:
    reader.only(("months", "statutory", *_RULE_KEYS))
    return RetentionRule(
        months=reader.count("months") or 0,
        statutory=reader.flag("statutory"),
        citation=reader.text("citation"),
        confirmed=reader.flag("confirmed"),
        note=reader.text("note", ""),
    )


_TOP_KEYS = (
    "code",
    "law_name",
    "short_name",
    "citation",
    "effective",
    "clock",
    "defaults",
    "agents",
    "account_holders",
    "rights",
    "appeal",
    "record_retention",
    "notes",
)


def _parse_yaml(file: Path) -> Any:
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise InvalidInputError(f"Statute file {file.name} cannot be read: {exc.strerror}.") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise InvalidInputError(f"Statute file {file.name} is not valid YAML{where}.") from exc


def load_jurisdiction(file: Path, calendar: str) -> JurisdictionRules:
    """Parse and validate one jurisdiction file; ``calendar`` is the name assigned in calendars.yaml."""
    top = _Reader(file, _parse_yaml(file))
    top.only(_TOP_KEYS)
    code = top.text("code")
    if code != file.stem:
        top.fail(f"must match the file name ({file.stem!r}, got {code!r})", "code")
    effective_reader = top.child("effective")
    effective_reader.only(("date", "citation", "confirmed"))
    clock = top.choice("clock", CLOCK_MODELS)
    defaults = top.child("defaults")
    defaults.only(_RULE_BLOCKS)
    law_citation = top.text("citation")
    rights_reader = top.child("rights")
    rights: dict[str, RequestRules] = {}
    for request_type in rights_reader.data:
        if request_type not in REQUEST_TYPES:
            rights_reader.fail(
                f"is not a request type (expected one of {', '.join(REQUEST_TYPES)})",
                rights_reader.path(str(request_type)),
            )
        rights[request_type] = _request_rules(request_type, rights_reader.child(request_type), defaults, law_citation)
    if not rights:
        rights_reader.fail("must grant at least one right")
    for request_type, request in rights.items():
        fallback = request.verification.if_unverified
        if fallback is not None and fallback.treat_as not in rights:
            rights_reader.fail(
                f"treats an unverified request as {fallback.treat_as!r}, a right this law does not grant",
                rights_reader.path(f"{request_type}.verification.if_unverified.treat_as"),
            )
    general = _request_rules(
        "general", None, defaults, f"{law_citation} (general response rule; not a right granted here)"
    )
    appeal = _appeal(top.child("appeal"))
    if appeal.exists != ("appeal" in rights):
        top.fail("must list 'appeal' exactly when appeal.exists is true", "rights.appeal")
    notes = top.raw("notes", [])
    if not isinstance(notes, list) or not all(isinstance(item, str) and item.strip() for item in notes):
        top.fail("must be a list of texts", "notes")
    return JurisdictionRules(
        code=code,
        law_name=top.text("law_name"),
        short_name=top.text("short_name"),
        citation=law_citation,
        effective=effective_reader.date("date"),
        effective_citation=effective_reader.text("citation"),
        effective_confirmed=effective_reader.flag("confirmed"),
        clock=clock,
        calendar=calendar,
        rights=rights,
        general=general,
        agents=_agents(top.child("agents")),
        account_holders=_account_holders(top.child("account_holders"), rights),
        appeal=appeal,
        record_retention=_retention(top.child("record_retention")),
        notes=tuple(notes),
        source=file.name,
    )


def load_calendars(file: Path) -> tuple[dict[str, CalendarSpec], dict[str, str]]:
    """The calendar definitions and the jurisdiction -> calendar assignment (key ``default`` for the rest)."""
    top = _Reader(file, _parse_yaml(file))
    top.only(("calendars", "assign"))
    definitions = top.child("calendars")
    specs: dict[str, CalendarSpec] = {}
    for name in definitions.data:
        entry = definitions.child(str(name))
        entry.only(("country", "subdiv", "extra_dates", "note"))
        country = entry.raw("country", None)
        subdiv = entry.raw("subdiv", None)
        for key, value in (("country", country), ("subdiv", subdiv)):
            if value is not None and not isinstance(value, str):
                entry.fail("must be a text", entry.path(key))
        if subdiv is not None and country is None:
            entry.fail("needs a country", entry.path("subdiv"))
        if country is not None:
            _check_country(entry, country, subdiv)
        specs[str(name)] = CalendarSpec(
            str(name), country, subdiv, entry.text("note", ""), _dates(entry, "extra_dates")
        )
    assign_reader = top.child("assign")
    assignment: dict[str, str] = {}
    for code, name in assign_reader.data.items():
        if name not in specs:
            assign_reader.fail(
                f"names an undefined calendar {name!r} (defined: {', '.join(specs)})",
                assign_reader.path(str(code)),
            )
        assignment[str(code)] = str(name)
    if "default" not in assignment:
        assign_reader.fail("needs a 'default' calendar", assign_reader.path("default"))
    return specs, assignment


def _dates(entry: _Reader, name: str) -> tuple[dt.date, ...]:
    """An optional list of dates written YYYY-MM-DD."""
    values = entry.raw(name, [])
    if not isinstance(values, list) or any(
        isinstance(value, dt.datetime) or not isinstance(value, dt.date) for value in values
    ):
        entry.fail("must be a list of dates written YYYY-MM-DD", entry.path(name))
    return tuple(values)


def _check_country(entry: _Reader, country: str, subdiv: str | None) -> None:
    supported = holidays.list_supported_countries()
    if country not in supported:
        entry.fail(f"is not a country known to the holidays package ({country!r})", entry.path("country"))
    if subdiv is not None and subdiv not in supported[country]:
        entry.fail(f"is not a subdivision of {country} ({subdiv!r})", entry.path("subdiv"))
