"""All jurisdictions' rules and their calendars, loaded once and shared.

Loading reads and validates every file, so it is done once per directory and cached; computing a deadline
afterwards touches no file.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.paths import resources_dir
from lumetra_desk.core.rules.calendars import WorkingCalendar
from lumetra_desk.core.rules.loader import CALENDARS_FILE, load_calendars, load_jurisdiction
from lumetra_desk.core.rules.model import JurisdictionRules

if TYPE_CHECKING:
    from lumetra_desk.core.rules.engine import Plan


class Rulebook:
    """The statute rules of every jurisdiction Lumetra faces."""

    def __init__(
        self, rules: dict[str, JurisdictionRules], calendars: dict[str, WorkingCalendar], directory: Path
    ) -> None:
        self._rules = dict(sorted(rules.items(), key=lambda item: _sort_key(item[0])))
        self._calendars = calendars
        self.directory = directory
        # Filled lazily by the deadline engine: one compiled plan per (jurisdiction, request type).
        self.plans: dict[tuple[str, str], Plan] = {}
        # Also the engine's: per request type, the distinct plans an unknown jurisdiction is computed from.
        self.unknown_groups: dict[tuple[str, str], tuple[list[Plan], str]] = {}

    def jurisdictions(self) -> list[str]:
        return list(self._rules)

    def all(self) -> list[JurisdictionRules]:
        return list(self._rules.values())

    def get(self, code: str) -> JurisdictionRules:
        """The rules of ``code``; an unknown code is an error that lists the valid ones."""
        rules = self._rules.get(code)
        if rules is None:
            raise InvalidInputError(f"Unknown jurisdiction {code!r}; valid codes are {', '.join(self._rules)}.")
        return rules

    def find(self, code: str) -> JurisdictionRules | None:
        return self._rules.get(code)

    def calendar(self, code: str) -> WorkingCalendar:
        """The working-day calendar assigned to a jurisdiction in calendars.yaml."""
        return self._calendars[self.get(code).calendar]

    def calendars(self) -> dict[str, WorkingCalendar]:
        return dict(self._calendars)


def _sort_key(code: str) -> tuple[int, str]:
    """US states first (alphabetically), then the EU and the UK."""
    return (0 if code.startswith("US-") else 1, code)


def default_directory() -> Path:
    return resources_dir() / "statutes"


def jurisdiction_codes(directory: Path | None = None) -> list[str]:
    """The codes that have a rule file, without reading the files (cheap enough for building a CLI)."""
    folder = directory or default_directory()
    codes = [file.stem for file in folder.glob("*.yaml") if file.name != CALENDARS_FILE]
    return sorted(codes, key=_sort_key)


def read_rulebook(directory: Path) -> Rulebook:
    """Read and validate every file in ``directory`` (no caching; see ``load_rulebook``)."""
    if not directory.is_dir():
        raise InvalidInputError(f"The statute folder {directory} does not exist.")
    specs, assignment = load_calendars(directory / CALENDARS_FILE)
    calendars = {name: WorkingCalendar(spec) for name, spec in specs.items()}
    rules: dict[str, JurisdictionRules] = {}
    for file in sorted(directory.glob("*.yaml")):
        if file.name == CALENDARS_FILE:
            continue
        calendar = assignment.get(file.stem, assignment["default"])
        rules[file.stem] = load_jurisdiction(file, calendar)
    if not rules:
        raise InvalidInputError(f"The statute folder {directory} holds no jurisdiction file.")
    unknown = sorted(set(assignment) - set(rules) - {"default"})
    if unknown:
        raise InvalidInputError(
            f"Statute file {CALENDARS_FILE}: key 'assign.{unknown[0]}' names a jurisdiction without a file."
        )
    return Rulebook(rules, calendars, directory)


_cache: dict[Path, Rulebook] = {}
_cache_lock = threading.Lock()
_default: Rulebook | None = None


def load_rulebook(directory: Path | None = None) -> Rulebook:
    """The rulebook of ``directory`` (default: the bundled ``resources/statutes``), read once and cached.

    The default one is kept in a module variable: it is asked for on every deadline computation, which
    must not touch the file system (not even to resolve the folder's path).
    """
    global _default
    if directory is None and _default is not None:
        return _default
    folder = (directory or default_directory()).resolve()
    with _cache_lock:
        book = _cache.get(folder)
        if book is None:
            book = read_rulebook(folder)
            _cache[folder] = book
        if directory is None:
            _default = book
        return book
