"""Transparent, rule-based understanding of one message: kind, rights asked for, jurisdiction, agent, language.

No machine learning: every decision comes from the phrase lists in ``resources/intake/vocabulary.yaml``
(statute wording plus the way people really write, in English, German, French and Spanish), and every
decision is explained in ``Classification.evidence`` so the officer can see why and override it.

Scoring: each request type sums the weights of its distinct matching cues (strong phrase 3, statute article
2, hint 1); a type is reported at the threshold (2). A cue preceded in its clause by a negation ("I am not
requesting...") does not count; one inside a condition ("if this results in the deletion...") counts as a
hint. Quoted reply lines (``>``) are ignored, because they are usually our own words.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from lumetra_desk.core.intake.parse import ParsedMail
from lumetra_desk.core.paths import resources_dir
from lumetra_desk.core.rules.model import REQUEST_TYPES

KINDS = ("request", "auto_reply", "bounce", "spam", "other")
__all__ = [
    "KINDS",
    "REQUEST_TYPES",
    "Classification",
    "Vocabulary",
    "classify",
    "default_vocabulary",
    "load_vocabulary",
]
TEXT_ATTACHMENT_TYPES = ("text/plain", "application/json", "text/csv", "application/xml", "text/xml")
MAX_ATTACHMENT_TEXT = 64 * 1024
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]]")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
# The look-ahead only lets the search skip places that are not two capitals before it tries every state code.
_ZIP_STATE = r"\b(?=[A-Z]{{2}})({codes})\.?,? (\d{{5}})(?:-\d{{4}})?\b"
_UK_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})\b")
EMAIL_IN_TEXT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_NEXT = re.compile(r"[ ]*[(<\[]?[ ]*(?:e-?mail:? ?)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)[)>\]]?", re.IGNORECASE)
_ADDRESS_NEXT = re.compile(r", ((?:\d+[\w-]* )?[^\W\d_][^.\n]{2,80}?\d[^.\n]{0,20}?)(?=\.(?:\s|$)|\n|$)")
_NAME_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "herr", "herrn", "frau", "m", "mme", "mlle", "monsieur", "madame",
     "sr", "sra", "srta", "señor", "señora", "don", "doña"}
)  # fmt: skip
_NAME_PARTICLES = frozenset({"de", "del", "la", "van", "von", "der", "den", "da", "di", "du", "le", "y", "bin", "al"})
_NAME_END = re.compile(r"[\n(<\[,;:!?\"]")


@dataclass(frozen=True)
class Consumer:
    """The person an authorized agent writes for, as far as the mail names them (empty when it does not)."""

    name: str = ""
    email: str = ""
    postal_address: str = ""
    confidence: float = 0.0


@dataclass(frozen=True)
class Classification:
    kind: str
    is_request: bool
    request_types: tuple[str, ...]
    primary: str | None
    jurisdiction: str
    agent: bool
    agent_proof_attached: bool
    language: str
    confidence: float
    evidence: tuple[str, ...]
    consumer: Consumer = Consumer()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "is_request": self.is_request,
            "request_types": list(self.request_types),
            "primary": self.primary,
            "jurisdiction": self.jurisdiction,
            "agent": self.agent,
            "agent_proof_attached": self.agent_proof_attached,
            "language": self.language,
            "confidence": self.confidence,
            "evidence": list(self.evidence),
            "consumer": {
                "name": self.consumer.name,
                "email": self.consumer.email,
                "postal_address": self.consumer.postal_address,
                "confidence": self.consumer.confidence,
            },
        }


_REGEX_PARSER: Any = importlib.import_module("re._parser")


def _needle_sets(items: Any) -> list[frozenset[str]]:
    """Sets of literal strings of which at least one must occur for the parsed pattern to match."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, argument in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(argument).lower())
            continue
        close_run()
        if name == "SUBPATTERN":
            candidates.extend(_needle_sets(argument[-1]))
        elif name == "BRANCH":
            branches = [_best_needles(_needle_sets(branch)) for branch in argument[1]]
            if all(branches):
                candidates.append(frozenset().union(*(b for b in branches if b)))
        elif name in {"MAX_REPEAT", "MIN_REPEAT"} and argument[0] >= 1:
            candidates.extend(_needle_sets(argument[2]))
    close_run()
    return candidates


def _usable_needles(candidates: list[frozenset[str]]) -> list[frozenset[str]]:
    """The sets worth looking for: every needle three characters or longer."""
    return [c for c in candidates if c and min(map(len, c)) >= 3]


def _best_needles(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    usable = _usable_needles(candidates)
    return max(usable, key=lambda c: min(map(len, c))) if usable else None


_WORD_BEFORE = re.compile(r"\w")
_ESCAPE = re.compile(r"\\.")


def _all_present(needed: tuple[frozenset[str], ...], present: frozenset[str]) -> bool:
    """Each of these sets has a needle among those present."""
    return all(not needles.isdisjoint(present) for needles in needed)


@dataclass(frozen=True)
class _Pattern:
    """A compiled pattern plus the literals one of which any match must contain (and further such sets).

    Checking those literals with a plain substring search first skips almost every pattern on a given
    mail. A pattern that passes is searched in the lower-cased text, case-sensitively and without its leading
    ``(?<!\\w)``: either one stops the regex engine from jumping to the pattern's first letters, and costs ten
    to thirty times as much. The word-boundary test is then made on the character before each candidate, and
    the match is taken from the original text (same span), so evidence keeps the sender's spelling.
    """

    regex: re.Pattern[str]
    needles: frozenset[str] | None
    folded: re.Pattern[str] | None = None  # the same pattern for lower-cased text (None: only ``regex``)
    word_start: bool = False  # a match may not follow a word character
    also_needed: tuple[frozenset[str], ...] = ()
    """Other sets of which a match contains one each ("Idaho" besides "resident" or "consumer"): asked only of
    an indexed text, where they cost a set operation and spare the search of a cue whose common word occurs."""

    @classmethod
    def compile(cls, pattern: str, flags: int = re.IGNORECASE, *, word_start: bool = False) -> _Pattern:
        full = rf"(?<!\w)(?:{pattern})" if word_start else pattern
        regex = re.compile(full, flags)
        try:
            usable = _usable_needles(_needle_sets(_REGEX_PARSER.parse(full, flags)))
        except Exception:  # an unparseable shape only costs speed: the pattern then always runs
            usable = []
        needles = _best_needles(usable)
        lower_case_only = not any(ch.isupper() for ch in _ESCAPE.sub("", pattern))
        folded = re.compile(pattern) if flags == re.IGNORECASE and lower_case_only else None
        # Short literals ("of ", "the") are in nearly every mail: as further sets they would only cost looking.
        also_needed = tuple(
            dict.fromkeys(needed for needed in usable if needed != needles and min(map(len, needed)) >= 5)
        )
        for needed in [needles, *also_needed] if needles else []:
            if not needed <= _ALL_NEEDLES:
                _remember_needles(needed)
        return cls(regex, needles, folded, word_start, also_needed)

    def _possible(self, text: str) -> bool:
        if self.needles is None:
            return True
        lowered, present = _indexed(text)
        if present is not None:
            return not self.needles.isdisjoint(present) and _all_present(self.also_needed, present)
        # A plain loop: this runs hundreds of times per mail, and any() over a generator costs twice as much.
        for needle in self.needles:  # noqa: SIM110
            if needle in lowered:
                return True
        return False

    def _find(self, text: str, start: int) -> re.Match[str] | None:
        lowered = _indexed(text)[0]
        if self.folded is None or len(lowered) != len(text):  # lower-casing changed the length: no shortcut
            return self.regex.search(text, start)
        while (candidate := self.folded.search(lowered, start)) is not None:
            begin = candidate.start()
            if not (self.word_start and begin and _WORD_BEFORE.match(lowered, begin - 1)):
                return self.regex.match(text, begin) or self.regex.search(text, begin)
            start = begin + 1
        return None

    def search(self, text: str) -> re.Match[str] | None:
        return self._find(text, 0) if self._possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self._possible(text):
            return
        start = 0
        while start <= len(text) and (match := self._find(text, start)) is not None:
            yield match
            start = match.end() if match.end() > match.start() else match.end() + 1


_ALL_NEEDLES: frozenset[str] = frozenset()
"""The needles of every pattern compiled so far (one vocabulary, plus any a test loads)."""
_WORD_RUN = re.compile(r"\w+")


def _remember_needles(needles: frozenset[str]) -> None:
    """Add needles; the set is replaced, not changed, so a classification running meanwhile is not disturbed."""
    global _ALL_NEEDLES
    _ALL_NEEDLES = _ALL_NEEDLES | needles
    _indexed.cache_clear()  # texts indexed before did not look for these needles


@lru_cache(maxsize=1)
def _needle_keys(needles: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """The needles by a key, three letters of their longest word (a needle in a text has its key in a word of
    it), and those without a word of three letters ("à l", "§ 1"), which are looked for in the whole text.

    Made once for the needles of the vocabulary, when the first text is indexed (not as each pattern is added).
    """
    by_key: dict[str, list[str]] = {}
    unkeyed: list[str] = []
    for needle in sorted(needles):
        longest = max(_WORD_RUN.findall(needle), key=len, default="")
        if len(longest) >= 3:
            by_key.setdefault(longest[:3], []).append(needle)
        else:
            unkeyed.append(needle)
    return {key: tuple(keyed) for key, keyed in by_key.items()}, tuple(unkeyed)


_INDEX_FROM = 256
"""Texts at least this long are searched once for every needle; shorter ones pattern by pattern."""


@lru_cache(maxsize=16)
def _indexed(text: str) -> tuple[str, frozenset[str] | None]:
    """The lower-cased text and, for a long one, the needles it contains.

    A long text is the mail itself, checked against hundreds of patterns: finding each needle once is cheaper
    than asking per pattern. Only needles whose key (three letters of one of their words) occurs in one of the
    text's words are searched for: the text's distinct words are few (people repeat them), so their pieces are
    far cheaper to gather than every three-letter piece of the text.
    """
    lowered = text.lower()
    if len(lowered) < _INDEX_FROM:
        return lowered, None
    pieces = {word[i : i + 3] for word in set(_WORD_RUN.findall(lowered)) for i in range(len(word) - 2)}
    by_key, unkeyed = _needle_keys(_ALL_NEEDLES)
    keyed = (needle for key in pieces.intersection(by_key) for needle in by_key[key])
    present = frozenset(needle for needles in (keyed, unkeyed) for needle in needles if needle in lowered)
    return lowered, present


Row = TypeVar("Row")


class _PatternTable(Generic[Row]):
    """Rows in a fixed order, each with a pattern, indexed by the needles their patterns need.

    A long mail contains few of the vocabulary's needles, and only rows whose pattern needs one of them can
    match: the table hands out those rows, in order, after a few set operations, instead of every pattern of a
    list of hundreds asking for itself. A short text gets every row (each pattern then checks it itself).
    """

    def __init__(self, rows: Iterable[Row], pattern_of: Callable[[Row], _Pattern]) -> None:
        self.rows = tuple(rows)
        self.pattern_of = pattern_of
        by_needle: dict[str, list[int]] = {}
        self._unfiltered = frozenset(
            position for position, row in enumerate(self.rows) if pattern_of(row).needles is None
        )
        for position, row in enumerate(self.rows):
            for needle in pattern_of(row).needles or ():
                by_needle.setdefault(needle, []).append(position)
        self._by_needle = {needle: tuple(positions) for needle, positions in by_needle.items()}
        self._also_needed = tuple(pattern_of(row).also_needed for row in self.rows)

    def candidates(self, text: str) -> list[Row]:
        """The rows, in their order, whose patterns may match ``text``."""
        present = _indexed(text)[1]
        if present is None:
            return list(self.rows)
        positions = set(self._unfiltered)
        by_needle = self._by_needle
        for needle in present.intersection(by_needle):
            positions.update(by_needle[needle])
        also_needed = self._also_needed
        return [self.rows[position] for position in sorted(positions) if _all_present(also_needed[position], present)]

    def first_match_per_key(
        self: _PatternTable[tuple[Any, _Pattern]], text: str
    ) -> Iterator[tuple[Any, re.Match[str]]]:
        """For rows of (key, pattern): each key with the match of its first pattern that matches, in order."""
        matched: set[Any] = set()
        for key, pattern in self.candidates(text):
            if key not in matched and (match := pattern.search(text)) is not None:
                matched.add(key)
                yield key, match


def _patterns(patterns: Iterable[_Pattern]) -> _PatternTable[_Pattern]:
    return _PatternTable(patterns, lambda pattern: pattern)


def _keyed(rows: Iterable[tuple[Any, _Pattern]]) -> _PatternTable[tuple[Any, _Pattern]]:
    return _PatternTable(rows, lambda row: row[1])


@dataclass(frozen=True)
class _Cue:
    pattern: _Pattern
    weight: int
    label: str


@dataclass
class _TypeRules:
    strong: list[_Cue] = field(default_factory=list)
    generic: list[_Cue] = field(default_factory=list)
    weak: list[_Cue] = field(default_factory=list)


@dataclass(frozen=True)
class Vocabulary:
    """The compiled vocabulary; built once from the YAML data file."""

    type_rules: dict[str, _TypeRules]
    type_cues: _PatternTable[tuple[str, bool, _Cue]]  # (type, is a hint, cue): each type's strong cues, then hints
    primary_priority: tuple[str, ...]
    type_threshold: int
    spam_threshold: int
    language_min_hits: int
    negations: _Pattern
    conditionals: _Pattern
    past_events: _PatternTable[_Pattern]
    law_cues: _PatternTable[tuple[Any, _Pattern]]  # (jurisdiction code, pattern)
    residence_cues: _PatternTable[tuple[Any, _Pattern]]  # (US-XX, pattern)
    state_names: _PatternTable[tuple[Any, _Pattern]]  # (US-XX, pattern)
    zip_pattern: _Pattern
    eu_countries: _PatternTable[tuple[Any, _Pattern]]  # (country, pattern)
    uk_places: _Pattern
    cities: _PatternTable[tuple[Any, _Pattern]]  # ((code, country), pattern)
    auto_subject: list[_Pattern]
    auto_body: _PatternTable[_Pattern]
    bounce_sender: list[str]
    bounce_subject: list[_Pattern]
    bounce_body: _PatternTable[_Pattern]
    spam_phrases: _PatternTable[_Pattern]
    agent_cues: _PatternTable[_Pattern]
    consumer_before: list[_Pattern]
    consumer_after: list[_Pattern]
    consumer_email: _Pattern
    consumer_address: _Pattern
    organisation_words: frozenset[str]
    proof_cues: list[_Pattern]
    proof_stated: list[_Pattern]
    stopwords: dict[str, frozenset[str]]


def _expand(pattern: str, macros: dict[str, str], gap: int) -> str:
    for name, value in macros.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern.replace(" … ", f"\\b.{{0,{gap}}}?\\b").replace("…", f".{{0,{gap}}}?")


def _compile(pattern: str, macros: dict[str, str], gap: int) -> _Pattern:
    return _Pattern.compile(rf"(?:{_expand(pattern, macros, gap)})(?!\w)", word_start=True)


def _phrases_of(section: dict[str, list[str]] | None) -> Iterable[str]:
    for phrases in (section or {}).values():
        yield from phrases or []


def _word_list(words: Iterable[str]) -> _Pattern:
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return _Pattern.compile(rf"(?:{alternatives})(?!\w)", word_start=True)


def load_vocabulary(path: Path) -> Vocabulary:
    """Compile the vocabulary file; a file that names an unknown right is rejected (it would never match)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    macros: dict[str, str] = data["macros"]
    gap = int(data["thresholds"]["gap_chars"])
    weights = data["weights"]
    law_names = data["gdpr_law_names"]
    unknown = set(data["request_types"]) - set(REQUEST_TYPES)
    if unknown:
        raise ValueError(f"vocabulary names unknown request types: {sorted(unknown)}")
    type_rules: dict[str, _TypeRules] = {}
    for request_type, section in data["request_types"].items():
        rules = _TypeRules()
        for phrase in _phrases_of(section.get("strong")):
            rules.strong.append(_Cue(_compile(phrase, macros, gap), weights["strong"], request_type))
        for phrase in _phrases_of(section.get("generic")):
            rules.generic.append(_Cue(_compile(phrase, macros, gap), weights["strong"], request_type))
        for article in section.get("articles") or []:
            number = re.escape(article).replace(r"\ ", " ")
            pattern = rf"art(?:\.|icle|ikel|ículo|iculo)? ?{number}(?![\d(])[^\n]{{0,30}}?\b{law_names}"
            rules.strong.append(_Cue(_compile(pattern, macros, gap), weights["articles"], request_type))
        for section_number in section.get("ccpa_sections") or []:
            pattern = rf"§? ?{re.escape(section_number)}(?![\d])"
            rules.strong.append(_Cue(_compile(pattern, macros, gap), weights["articles"], request_type))
        for phrase in _phrases_of(section.get("weak")):
            rules.weak.append(_Cue(_compile(phrase, macros, gap), weights["weak"], request_type))
        type_rules[request_type] = rules
    jurisdictions = data["jurisdictions"]
    states: dict[str, str] = jurisdictions["us_states"]
    residence_cues = [
        (f"US-{code}", _compile(template.replace("{STATE}", re.escape(name)), macros, gap))
        for code, name in states.items()
        for template in jurisdictions["residence"]
    ]
    kinds = data["kinds"]
    return Vocabulary(
        type_rules=type_rules,
        type_cues=_PatternTable(
            [
                (request_type, is_weak, cue)
                for request_type, rules in type_rules.items()
                for is_weak, cue in [*((False, c) for c in rules.strong), *((True, c) for c in rules.weak)]
            ],
            lambda row: row[2].pattern,
        ),
        primary_priority=tuple(data["primary_priority"]),
        type_threshold=int(data["thresholds"]["request_type"]),
        spam_threshold=int(data["thresholds"]["spam"]),
        language_min_hits=int(data["thresholds"]["language_min_hits"]),
        negations=_word_list(_phrases_of(data["negations"])),
        conditionals=_word_list(data["conditionals"]),
        past_events=_patterns(_compile(phrase, macros, gap) for phrase in _phrases_of(data["past_events"])),
        law_cues=_keyed(
            (code, _compile(phrase, macros, gap))
            for code, phrases in jurisdictions["laws"].items()
            for phrase in phrases
        ),
        residence_cues=_keyed(residence_cues),
        state_names=_keyed((f"US-{code}", _word_list([name])) for code, name in states.items()),
        zip_pattern=_Pattern.compile(_ZIP_STATE.format(codes="|".join(states)), 0),
        eu_countries=_keyed((country, _word_list(names)) for country, names in jurisdictions["eu_countries"].items()),
        uk_places=_word_list(jurisdictions["uk_places"]),
        cities=_keyed(
            ((code, country), _word_list(names))
            for code, countries in jurisdictions["cities"].items()
            for country, names in countries.items()
        ),
        auto_subject=[_compile(p, macros, gap) for p in kinds["auto_reply"]["subject"]],
        auto_body=_patterns(_compile(p, macros, gap) for p in kinds["auto_reply"]["body"]),
        bounce_sender=[s.lower() for s in kinds["bounce"]["sender"]],
        bounce_subject=[_compile(p, macros, gap) for p in kinds["bounce"]["subject"]],
        bounce_body=_patterns(_compile(p, macros, gap) for p in kinds["bounce"]["body"]),
        spam_phrases=_patterns(_compile(p, macros, gap) for p in kinds["spam"]["phrases"]),
        agent_cues=_patterns(_compile(p, macros, gap) for p in _phrases_of(data["agent"]["cues"])),
        consumer_before=[_compile(p, macros, gap) for p in _phrases_of(data["agent"]["consumer_before"])],
        consumer_after=[_Pattern.compile(p) for p in data["agent"]["consumer_after"]],
        consumer_email=_compile(data["agent"]["consumer_email"], macros, gap),
        consumer_address=_compile(data["agent"]["consumer_address"], macros, gap),
        organisation_words=frozenset(data["agent"]["organisation_words"]),
        proof_cues=[_Pattern.compile(p) for p in data["agent"]["proof"]],
        proof_stated=[_compile(p, macros, gap) for p in data["agent"]["proof_stated"]],
        stopwords={language: frozenset(words) for language, words in data["languages"].items()},
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return load_vocabulary(resources_dir() / "intake" / "vocabulary.yaml")


def _snippet(text: str, match: re.Match[str]) -> str:
    found = match.group(0)
    return found if len(found) <= 80 else f"{found[:77]}..."


def _looks_like_name_word(word: str) -> bool:
    """A capitalised word of letters (hyphen and apostrophe allowed); an acronym such as CCPA is no name."""
    letters = word.replace("-", "").replace("'", "")
    return bool(letters) and letters.isalpha() and word[0].isupper() and not (len(letters) > 1 and word.isupper())


def _unquoted(body: str) -> str:
    """The sender's own words: quoted reply lines and the "On ... wrote:" line above them are dropped."""
    lines = [line for line in body.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines)


def _attachment_text(mail: ParsedMail) -> str:
    texts = []
    for attachment in mail.attachments:
        if attachment.content is not None and attachment.declared_type in TEXT_ATTACHMENT_TYPES:
            texts.append(attachment.content[:MAX_ATTACHMENT_TEXT].decode("utf-8", errors="replace"))
    return "\n".join(texts)


class _Classifier:
    def __init__(self, mail: ParsedMail, vocabulary: Vocabulary) -> None:
        self.mail = mail
        self.vocabulary = vocabulary
        self.own_text = " ".join(f"{mail.subject}\n{_unquoted(mail.body_text)}".split())
        self.attachment_text = " ".join(_attachment_text(mail).split())
        self.text = f"{self.own_text} {self.attachment_text}".strip()
        self.evidence: list[str] = []

    def run(self) -> Classification:
        scores, order, type_evidence = self._score_types()
        found = [t for t in order if scores[t] >= self.vocabulary.type_threshold]
        found = self._apply_generic_access(found, scores, type_evidence)
        jurisdiction = self._jurisdiction()
        agent, proof = self._agent()
        language = self._language()
        kind, kind_confidence = self._kind(bool(found))
        is_request = kind == "request"
        consumer = self._consumer() if agent and is_request else Consumer()
        request_types = tuple(found) if is_request else ()
        for request_type in found:
            self.evidence.extend(type_evidence[request_type])
        primary = None
        if request_types:
            primary = min(request_types, key=self.vocabulary.primary_priority.index)
        if is_request:
            confidence = min(0.95, 0.4 + 0.1 * scores[primary or ""] + (0.05 if jurisdiction != "unknown" else 0))
        else:
            confidence = kind_confidence
        return Classification(
            kind=kind,
            is_request=is_request,
            request_types=request_types,
            primary=primary,
            jurisdiction=jurisdiction,
            agent=agent and is_request,
            agent_proof_attached=proof and agent and is_request,
            language=language,
            confidence=round(confidence, 2),
            evidence=tuple(dict.fromkeys(self.evidence)),
            consumer=consumer,
        )

    def _clause_before(self, text: str, match: re.Match[str]) -> str:
        """The clause that governs a match: text since the last clause break before it.

        When the match itself spans a break ("consent I gave, I withdraw"), its last part is the main clause,
        so the context is that part alone.
        """
        inside = list(_CLAUSE_BREAK.finditer(match.group(0)))
        if inside:
            return match.group(0)[inside[-1].end() :]
        start = match.start()
        breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, max(0, start - 200), start)]
        return text[breaks[-1] if breaks else max(0, start - 200) : start]

    def _in_last_clause(self, pattern: _Pattern, match: re.Match[str]) -> re.Match[str]:
        """The same cue found again in the match's last clause, if it is there on its own.

        A gap pattern may start a sentence early ("Not a deletion. To be clear, I am not asking you to delete my
        account"); the cue the clause really says is the later one, whose own context decides about negation.
        """
        inside = list(_CLAUSE_BREAK.finditer(match.group(0)))
        if not inside:
            return match
        again = pattern.regex.search(self.text, match.start() + inside[-1].end(), match.end())
        return again or match

    def _negated(self, clause: str) -> bool:
        """A negation among the last six words of the clause ("I am not requesting a copy of the ...")."""
        return bool(self.vocabulary.negations.search(" ".join(clause.split()[-6:])))

    def _score_types(self) -> tuple[dict[str, int], list[str], dict[str, list[str]]]:
        scores = dict.fromkeys(REQUEST_TYPES, 0)
        first_seen: dict[str, int] = {}
        evidence: dict[str, list[str]] = {t: [] for t in REQUEST_TYPES}
        taken: list[tuple[int, int]] = []
        done = [m.span() for p in self.vocabulary.past_events.candidates(self.text) for m in p.finditer(self.text)]
        for request_type, is_weak, cue in self.vocabulary.type_cues.candidates(self.text):
            if is_weak and scores[request_type] >= self.vocabulary.type_threshold:
                continue  # hints only matter while the strong evidence is not enough on its own
            for found in cue.pattern.finditer(self.text):
                match = self._in_last_clause(cue.pattern, found)
                weight = cue.weight
                before = self._clause_before(self.text, match)
                if self._negated(before) or any(s <= match.start() < e for s, e in done):
                    continue
                if is_weak and any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                note = ""
                if self.vocabulary.conditionals.search(before):
                    weight = min(weight, 1)
                    note = " (inside a condition)"
                taken.append(match.span())
                scores[request_type] += weight
                first_seen[request_type] = min(first_seen.get(request_type, match.start()), match.start())
                where = " (in an attachment)" if match.start() > len(self.own_text) else ""
                evidence[request_type].append(f"'{_snippet(self.text, match)}'{where}{note} → {request_type}")
                break
        order = sorted((t for t in REQUEST_TYPES if scores[t]), key=lambda t: first_seen[t])
        return scores, order, evidence

    def _apply_generic_access(
        self, found: list[str], scores: dict[str, int], evidence: dict[str, list[str]]
    ) -> list[str]:
        """CCPA "request to know" means access, unless only categories are asked for."""
        rules = self.vocabulary.type_rules["access"]
        for cue in rules.generic:
            match = cue.pattern.search(self.text)
            if match is None or self._negated(self._clause_before(self.text, match)):
                continue
            if "access" in found or "access_categories" in found:
                return found
            scores["access"] += cue.weight
            evidence["access"].append(f"'{_snippet(self.text, match)}' → access")
            return [*found, "access"]
        return found

    def _kind(self, has_request_types: bool) -> tuple[str, float]:
        mail, vocabulary = self.mail, self.vocabulary
        sender = f"{mail.from_name} {mail.from_addr}".lower()
        if mail.content_type == "multipart/report" and (mail.report_type or "") == "delivery-status":
            self.evidence.append("a delivery-status report (multipart/report) → bounce")
            return "bounce", 0.95
        if any(name in sender for name in vocabulary.bounce_sender) and any(
            p.search(mail.subject) or p.search(self.own_text) for p in vocabulary.bounce_subject
        ):
            self.evidence.append(f"sender '{mail.from_addr}' and a delivery-failure subject → bounce")
            return "bounce", 0.9
        if mail.auto_submitted == "auto-replied" or mail.has_autoreply_header or mail.precedence == "auto_reply":
            self.evidence.append("an auto-reply header (Auto-Submitted / X-Autoreply / Precedence) → auto-reply")
            return "auto_reply", 0.95
        subject_match = next((m for p in vocabulary.auto_subject if (m := p.search(mail.subject))), None)
        if subject_match:
            self.evidence.append(f"subject '{subject_match.group(0)}' → auto-reply")
            return "auto_reply", 0.8
        if not has_request_types:
            if mail.is_auto_submitted:
                self.evidence.append(f"header Auto-Submitted: {mail.auto_submitted} → auto-reply")
                return "auto_reply", 0.8
            body_match = next(
                (m for p in vocabulary.auto_body.candidates(self.own_text) if (m := p.search(self.own_text))), None
            )
            if body_match:
                self.evidence.append(f"'{body_match.group(0)}' → auto-reply")
                return "auto_reply", 0.7
            bounce_match = next(
                (m for p in vocabulary.bounce_body.candidates(self.own_text) if (m := p.search(self.own_text))), None
            )
            if bounce_match and any(p.search(mail.subject) for p in vocabulary.bounce_subject):
                self.evidence.append(f"'{bounce_match.group(0)}' and a delivery-failure subject → bounce")
                return "bounce", 0.75
        spam_score, spam_notes = self._spam_score()
        bulk = mail.has_list_unsubscribe or mail.precedence in {"bulk", "list", "junk"}
        if spam_score >= vocabulary.spam_threshold and (bulk or not has_request_types):
            self.evidence.extend(spam_notes)
            return "spam", min(0.95, 0.5 + 0.1 * spam_score)
        if has_request_types:
            return "request", 0.0
        return "other", 0.6

    def _spam_score(self) -> tuple[int, list[str]]:
        score, notes = 0, []
        if self.mail.has_list_unsubscribe or self.mail.precedence in {"bulk", "list", "junk"}:
            score += 2
            notes.append("bulk-mail headers (List-Unsubscribe / Precedence: bulk) → spam/marketing")
        for pattern in self.vocabulary.spam_phrases.candidates(self.own_text):
            match = pattern.search(self.own_text)
            if match:
                score += 1
                notes.append(f"'{match.group(0)}' → spam/marketing")
        return score, notes

    def _jurisdiction(self) -> str:
        vocabulary, text = self.vocabulary, self.text
        scores: dict[str, int] = {}
        notes: dict[str, list[str]] = {}

        def add(code: str, weight: int, note: str) -> None:
            scores[code] = scores.get(code, 0) + weight
            notes.setdefault(code, []).append(note)

        for code, match in vocabulary.law_cues.first_match_per_key(text):
            add(code, 2, f"'{match.group(0)}' (law) → {code}")
        for code, match in vocabulary.residence_cues.first_match_per_key(text):
            add(code, 3, f"'{match.group(0)}' (residence) → {code}")
        zip_match = vocabulary.zip_pattern.search(text)
        if zip_match:
            code = f"US-{zip_match.group(1)}"
            add(code, 3, f"'{zip_match.group(0)}' (address) → {code}")
        for country, match in vocabulary.eu_countries.first_match_per_key(text):
            add("EU", 3, f"'{match.group(0)}' ({country}) → EU")
            break
        uk_match = vocabulary.uk_places.search(text)
        if uk_match:
            add("UK", 3, f"'{uk_match.group(0)}' → UK")
        postcode = _UK_POSTCODE.search(text)
        if postcode and "UK" in scores:
            add("UK", 1, f"'{postcode.group(0)}' (UK postcode) → UK")
        if not scores:
            for code, match in vocabulary.state_names.first_match_per_key(self.own_text):
                add(code, 2, f"'{match.group(0)}' (place name) → {code}")
                break
        if not scores:
            for (code, country), match in vocabulary.cities.first_match_per_key(self.own_text):
                add(code, 2, f"'{match.group(0)}' (a city in {country}, no country named) → {code}")
                break
        if not scores:
            return "unknown"
        best = max(scores, key=lambda code: scores[code])
        if scores[best] < 2:
            return "unknown"
        self.evidence.extend(notes[best])
        return best

    def _agent(self) -> tuple[bool, bool]:
        match = next(
            (m for p in self.vocabulary.agent_cues.candidates(self.own_text) if (m := p.search(self.own_text))), None
        )
        if match is None:
            return False, False
        self.evidence.append(f"'{match.group(0)}' → authorized agent")
        for attachment in self.mail.attachments:
            content = ""
            if attachment.content is not None and attachment.declared_type in TEXT_ATTACHMENT_TYPES:
                content = attachment.content[:2000].decode("utf-8", errors="replace")
            for pattern in self.vocabulary.proof_cues:
                if pattern.search(attachment.filename) or pattern.search(content):
                    self.evidence.append(f"attachment '{attachment.filename}' → agent's proof of authority attached")
                    return True, True
        kept = [a for a in self.mail.attachments if a.content is not None]
        if kept:
            for pattern in self.vocabulary.proof_stated:
                stated = pattern.search(self.own_text)
                if stated and not self._negated(self._clause_before(self.own_text, stated)):
                    self.evidence.append(
                        f"'{stated.group(0)}' and attachment '{kept[0].filename}' → agent's proof of authority attached"
                    )
                    return True, True
        return True, False

    def _consumer(self) -> Consumer:
        """Who an agent writes for: the name after "acting for" and the like, and the address given with it."""
        mail, vocabulary = self.mail, self.vocabulary
        body = "\n".join(" ".join(line.split()) for line in _unquoted(mail.body_text).splitlines())
        name, email, address, confidence = "", "", "", 0.0
        for text in (body, " ".join(mail.subject.split())):
            for pattern in vocabulary.consumer_before:
                for match in pattern.finditer(text):
                    name, end = self._name_after(text, match.end())
                    if name:
                        self.evidence.append(f"'{match.group(0)} {name}' → consumer's name {name}")
                        email, address = self._contact_after(text, end)
                        break
                if name:
                    break
            for pattern in [] if name else vocabulary.consumer_after:
                for match in pattern.finditer(text):
                    name = self._name_before(text, match.start())
                    if name:
                        self.evidence.append(f"'{name}{match.group(0)}' → consumer's name {name}")
                        break
                if name:
                    break
            if name:
                confidence = 0.9 if email else 0.75 if " " in name else 0.6
                break
        if not email:
            email = self._stated(body, vocabulary.consumer_email, EMAIL_IN_TEXT)
        if not email:
            email = self._other_address(body)
        elif email != mail.from_addr:
            self.evidence.append(f"'{email}' → consumer's e-mail")
        if not address:
            address = self._stated_address(body)
        if address:
            self.evidence.append(f"'{address}' → consumer's postal address")
        return Consumer(name, email if email != mail.from_addr else "", address, confidence)

    def _name_after(self, text: str, start: int) -> tuple[str, int]:
        """The personal name right after ``start`` (a title skipped) and where it ends; ("", start) if none."""
        stop = _NAME_END.search(text, start + 1)
        piece = text[start : stop.start() if stop else len(text)]
        lead = len(piece) - len(piece.lstrip(" ,:"))
        words: list[str] = []
        for token in piece[lead:].split(" "):
            bare = token.rstrip(".")
            if not words and bare.lower() in _NAME_TITLES:
                words.append("")
                continue
            if _looks_like_name_word(bare):
                words.append(bare)
                if token.endswith(".") and len(bare) > 1:
                    break
            elif bare.lower() in _NAME_PARTICLES and any(words):
                words.append(bare)
            else:
                break
        while words and (not words[-1] or words[-1].lower() in _NAME_PARTICLES):
            words.pop()
        name = self._acceptable(" ".join(w for w in words if w))
        if not name:
            return "", start
        return name, text.index(name.split(" ")[-1], start) + len(name.split(" ")[-1])

    def _name_before(self, text: str, end: int) -> str:
        """The personal name ending at ``end`` ("Carmen Ibáñez" in "Carmen Ibáñez, a California consumer")."""
        line_start = text.rfind("\n", 0, end) + 1
        words: list[str] = []
        for token in reversed(text[line_start:end].split(" ")):
            if _looks_like_name_word(token):
                words.insert(0, token)
            else:
                break
        return self._acceptable(" ".join(words))

    def _acceptable(self, name: str) -> str:
        """A name of one to four words that is no company's, no common word and not the agent's own."""
        words = name.split()
        if not words or len(words) > 4:
            return ""
        lowered = {w.lower() for w in words}
        if lowered & self.vocabulary.organisation_words:
            return ""
        if any(words[0].lower() in stopwords for stopwords in self.vocabulary.stopwords.values()):
            return ""
        agent_words = {w.lower().strip(",.") for w in self.mail.from_name.split()}
        if lowered <= agent_words:
            return ""
        return name

    def _contact_after(self, text: str, end: int) -> tuple[str, str]:
        """An e-mail address in brackets right after the name, and a postal address right after that."""
        email_match = _EMAIL_NEXT.match(text, end)
        if email_match is None:
            return "", ""
        email = email_match.group(1).lower().rstrip(".")
        address_match = _ADDRESS_NEXT.match(text, email_match.end())
        return email, address_match.group(1).strip() if address_match else ""

    def _stated(self, text: str, cue: _Pattern, value: re.Pattern[str]) -> str:
        """The value right after a cue such as "Her email is"."""
        for match in cue.finditer(text):
            found = value.match(text, match.end() + len(text[match.end() :]) - len(text[match.end() :].lstrip()))
            if found:
                return found.group(0).lower().rstrip(".")
        return ""

    def _stated_address(self, text: str) -> str:
        """The lines after "The consumer's address is", up to the next blank line (at most three)."""
        match = self.vocabulary.consumer_address.search(text)
        if match is None:
            return ""
        lines: list[str] = []
        for line in text[match.end() :].split("\n"):
            line = line.strip(" :")
            if not line:
                if lines:
                    break
                continue
            lines.append(line.rstrip("."))
            if len(lines) == 3:
                break
        address = ", ".join(lines)
        return address if any(ch.isdigit() for ch in address) else ""

    def _other_address(self, text: str) -> str:
        """The first address in the mail that is neither the agent's, nor of the agent's domain, nor ours."""
        mail = self.mail
        own_domains = {address.rpartition("@")[2] for address in mail.to_addrs}
        agent_domain = mail.from_addr.rpartition("@")[2]
        for candidate in EMAIL_IN_TEXT.findall(text):
            address = candidate.lower().rstrip(".")
            domain = address.rpartition("@")[2]
            if address != mail.from_addr and domain != agent_domain and domain not in own_domains:
                self.evidence.append(f"'{address}' → consumer's e-mail")
                return address
        return ""

    def _language(self) -> str:
        words = list(map(str.lower, _WORD.findall(f"{self.mail.subject}\n{_unquoted(self.mail.body_text)}")))
        counts = {
            language: sum(map(stopwords.__contains__, words))
            for language, stopwords in self.vocabulary.stopwords.items()
        }
        best = max(counts, key=lambda language: counts[language])
        if counts[best] < self.vocabulary.language_min_hits:
            return "unknown"
        return best


def classify(mail: ParsedMail, vocabulary: Vocabulary | None = None) -> Classification:
    """Classify one parsed message with the bundled vocabulary (or the one given)."""
    return _Classifier(mail, vocabulary or default_vocabulary()).run()
