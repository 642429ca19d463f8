"""Safe parsing of one raw mail (RFC 5322 bytes) into plain, immutable facts.

Mail is hostile input: it may lie about its charset, break its MIME structure, carry path-traversal file
names or CR/LF in headers meant to leak into replies. This module never raises on bad mail; it reads what it
can, falls back where the structure is broken and says so in ``ParsedMail.problems`` in plain words the
officer can read. Nothing here opens, runs or fetches anything.

Receipt time rule (``ParsedMail.received_at``): the time in the *topmost* ``Received`` header whose date can
be read, i.e. the hop added last, by our own mail server, when the message arrived. Lower ``Received``
headers were written by servers we do not control and are ignored. If no ``Received`` header has a readable
date, the ``Date`` header is used and a problem note says so, because ``Date`` is only what the sender
claims. Times are converted to UTC; a time without a zone is taken as UTC. (For IMAP the importer uses the
server's INTERNALDATE instead, which wins over both.)
"""

from __future__ import annotations

import base64
import codecs
import hashlib
import quopri
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache

import charset_normalizer
import filetype  # type: ignore[import-untyped]  # the package ships no type information

from lumetra_desk.core.intake.html_text import html_to_text

DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
"""Attachments above this are not kept (a note says so); 25 MB is the common mail-provider limit."""

MAX_FILENAME_CHARS = 120
MAX_SUBJECT_CHARS = 1000
"""A longer subject is cut (with a note): a mail line may hold 998 characters, so more is not a real subject."""
MAX_PART_DEPTH = 40
"""Parts nested deeper are not read one by one: real mail nests a handful of levels, a hostile one thousands."""
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_FILENAME_CHARS = re.compile(r'[<>:"|?*\\/]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_MSGID = re.compile(r"<[^<>\s]+>")
_UNDECODED = re.compile("[\ud800-\udfff\ufffd]")  # bytes the stdlib could not decode (surrogate escapes, U+FFFD)
_BOUNDARY_LINE = re.compile(rb"^--([0-9A-Za-z'()+_,./:=?-]{1,70})[ \t]*\r?$", re.MULTILINE)
_PLAIN_ADDRESS = r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_PLAIN_MAILBOX = re.compile(
    rf"(?P<name>[A-Za-z0-9'-]+(?: [A-Za-z0-9'-]+)*) <(?P<address>{_PLAIN_ADDRESS})>|(?P<bare>{_PLAIN_ADDRESS})"
)
"""One mailbox in the plainest form ("Pat Doe <pat@example.com>" or "pat@example.com"): words of letters and
digits, one address of dot-separated plain words, nothing to decode or unquote. Read as written, it gives what
the stdlib's address parser gives (a test compares them), at a fraction of its cost."""


@dataclass(frozen=True)
class ParsedAttachment:
    """One attachment, kept as bytes (never opened) unless it is over the size limit."""

    filename: str
    declared_type: str
    sniffed_type: str | None
    size: int
    content: bytes | None
    note: str | None = None


@dataclass(frozen=True)
class ParsedMail:
    """What intake needs to know about one message; every string is safe to put in a header or a letter."""

    message_id: str | None
    content_sha256: str
    subject: str
    from_name: str
    from_addr: str
    to_addrs: tuple[str, ...]
    date_header: datetime | None
    received_at: datetime | None
    in_reply_to: str | None
    references: tuple[str, ...]
    auto_submitted: str | None
    precedence: str | None
    has_autoreply_header: bool
    has_list_unsubscribe: bool
    content_type: str
    report_type: str | None
    bounced_message_id: str | None
    body_text: str
    had_html: bool
    had_remote_content: bool
    attachments: tuple[ParsedAttachment, ...]
    problems: tuple[str, ...]

    @property
    def is_auto_submitted(self) -> bool:
        """RFC 3834: any Auto-Submitted value other than "no" marks mail sent by a machine."""
        return bool(self.auto_submitted) and self.auto_submitted != "no"


def clean_header_text(value: str) -> str:
    """One line of text with no control characters, so nothing can inject CR/LF into outgoing mail."""
    return " ".join(_CONTROL_CHARS.sub(" ", value).split())


def sanitise_filename(raw: str | None, fallback_stem: str, declared_type: str) -> str:
    """A file name safe to show and to save: no folders, no control or reserved characters, bounded length."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _CONTROL_CHARS.sub("", name)
    name = _UNSAFE_FILENAME_CHARS.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    if _WINDOWS_RESERVED.match(name):
        name = f"_{name}"
    if not name:
        subtype = declared_type.partition("/")[2]
        extension = f".{subtype}" if subtype.isalnum() and len(subtype) <= 5 else ""
        name = f"{fallback_stem}{extension}"
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = f"{stem[: MAX_FILENAME_CHARS - len(extension) - 1]}.{extension}"
        else:
            name = name[:MAX_FILENAME_CHARS]
    return name


def parse_mail(raw: bytes, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES) -> ParsedMail:
    """Parse raw message bytes; never raises on malformed mail (problems are listed instead)."""
    try:
        return _MailReader(raw, max_attachment_bytes).read()
    except RecursionError:
        # The stdlib parser (and its writer) recurse once per nesting level, so a few kilobytes of parts nested
        # a thousand levels deep exhaust the stack. The headers can still be read, and the body as plain text.
        return _MailReader(raw, max_attachment_bytes, body_as_text=True).read()


_PARSED_HEADERS = HeaderRegistry()
PARSED_HEADER_CACHE = 512
"""Parsed headers kept for reuse. Each keeps its parse tree (about 7 KB), and values seen once (a new sender, an
attachment's file name) pass through too: 4,096 of them held 29 MB that a long import never gave back. The
values that really repeat (MIME structure, our own address, a thread's sender) stay among the most recent."""


@lru_cache(maxsize=PARSED_HEADER_CACHE)
def _parsed_header(name: str, value: str) -> BaseHeader:
    return _PARSED_HEADERS(name, value)


class _ReusedHeaders(HeaderRegistry):
    """``policy.default``'s headers, each distinct header parsed once.

    The stdlib parses a header again every time it is read (Content-Type about ten times per message), and most
    mail repeats the same values; parsed headers are immutable strings, so handing out the same one is safe.
    """

    def __call__(self, name: str, value: str) -> BaseHeader:
        return _parsed_header(name, value)


_POLICY = policy.default.clone(header_factory=_ReusedHeaders())


def _parse_bytes(raw: bytes) -> EmailMessage:
    message = BytesParser(policy=_POLICY).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    return message


def _header(message: Message, name: str, problems: list[str]) -> str | None:
    """A header as clean text; a header the structured parser rejects is decoded from its raw form."""
    try:
        value = message.get(name)
        if value is None:
            return None
        text = str(value)
    except Exception:  # the header parser of the stdlib raises assorted errors on hostile input
        for key, raw_value in message.raw_items():
            if key.lower() == name.lower():
                problems.append(f"The {name} header is malformed; it was read as plain text.")
                return clean_header_text(_decode_raw_header(str(raw_value)))
        return None
    if _UNDECODED.search(text):
        recovered = _recovered_header(message, name)
        if recovered is not None:
            text, what = recovered
            problems.append(f"The {name} header {what}.")
    return clean_header_text(text)


def _guess_decode(data: bytes) -> tuple[str, str]:
    """Header bytes of an unknown character set: UTF-8 if they are valid UTF-8, else Windows-1252."""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _recovered_header(message: Message, name: str) -> tuple[str, str] | None:
    """A header the stdlib could not decode (it shows U+FFFD), read again from its raw form, with what was done.

    Two causes: raw 8-bit bytes without encoded words (kept by the parser as surrogate escapes), and encoded
    words in a character set Python does not know or that does not fit the bytes.
    """
    raw = next((str(value) for key, value in message.raw_items() if key.lower() == name.lower()), None)
    if raw is None:
        return None
    data = raw.encode("ascii", errors="surrogateescape")
    if not data.isascii():
        text, guessed = _guess_decode(data)
        note = f"has 8-bit characters without a declared character set; it was read as {guessed}"
        return _decode_raw_header(text), note
    try:
        chunks = decode_header(raw)
    except Exception:  # hostile encoded words; the caller keeps the stdlib's reading
        return None
    pieces: list[str] = []
    unknown: list[tuple[str, str]] = []
    for chunk, declared in chunks:
        if isinstance(chunk, str):
            pieces.append(chunk)
            continue
        try:
            pieces.append(chunk.decode(declared or "ascii"))
        except (LookupError, UnicodeDecodeError):
            text, guessed = _guess_decode(chunk)
            pieces.append(text)
            unknown.append((clean_header_text(declared or "none")[:40], guessed))
    if not unknown:
        return None
    charset, guessed = unknown[0]
    return "".join(pieces), f"uses an unknown or wrong character set ({charset}); it was read as {guessed}"


def _mailboxes(message: Message, name: str, problems: list[str]) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of an address header, from its structure, never from decoded text.

    A display name may decode to "Eve\\r\\nBcc: spy@elsewhere"; parsing that decoded text as addresses again would
    turn part of the name into an address. The stdlib's structured header decodes names inside their own token.
    """
    raw = next((str(value) for key, value in message.raw_items() if key.lower() == name.lower()), "")
    plain = _PLAIN_MAILBOX.fullmatch(raw)
    if plain is not None:  # most senders differ from mail to mail, so parsing them is not saved by the cache
        return [(plain["name"] or "", (plain["address"] or plain["bare"]).lower())]
    try:
        value = message.get(name)
        addresses = getattr(value, "addresses", None) if value is not None else ()
        if addresses is not None:
            pairs = [(str(a.display_name), str(a.addr_spec)) for a in addresses]
            if not any(_UNDECODED.search(display + addr) for display, addr in pairs):
                return [(clean_header_text(display), clean_header_text(addr).lower()) for display, addr in pairs]
    except Exception:  # the structured parser raises assorted errors on hostile input; read the raw form below
        pass
    data = raw.encode("ascii", errors="surrogateescape")
    if not data.isascii():
        raw, charset = _guess_decode(data)
        problems.append(
            f"The {name} header has 8-bit characters without a declared character set; it was read as {charset}."
        )
    return [
        (clean_header_text(_decode_raw_header(display)), clean_header_text(addr).lower())
        for display, addr in getaddresses([" ".join(raw.split())])
    ]


def _decode_raw_header(value: str) -> str:
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def _decode_text(payload: bytes, declared: str | None, problems: list[str], what: str) -> str:
    """Decode with the declared charset; if it is unknown or wrong, let charset-normalizer guess."""
    charset = (declared or "us-ascii").strip().lower()
    try:
        codecs.lookup(charset)
    except LookupError:
        problems.append(f"The {what} uses an unknown character set ({clean_header_text(charset)[:40]}).")
    else:
        try:
            return payload.decode(charset)
        except UnicodeDecodeError:
            if charset in {"us-ascii", "ascii"}:
                charset = "utf-8"
                try:
                    return payload.decode(charset)
                except UnicodeDecodeError:
                    pass
            problems.append(f"The {what} is not valid {clean_header_text(charset)[:40]} text.")
    best = charset_normalizer.from_bytes(payload).best()
    if best is not None:
        problems[-1] = problems[-1] + f" It was read as {best.encoding}."
        return str(best)
    problems[-1] = problems[-1] + " Unreadable characters were replaced."
    return payload.decode("utf-8", errors="replace")


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _to_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return _to_utc(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _as_plain_text(message: EmailMessage) -> EmailMessage:
    """The same message with its body declared as plain UTF-8 text (whatever structure it claimed)."""
    if "Content-Type" in message:
        message.replace_header("Content-Type", "text/plain; charset=utf-8")
    else:
        message["Content-Type"] = "text/plain; charset=utf-8"
    if "Content-Transfer-Encoding" in message:
        del message["Content-Transfer-Encoding"]
    return message


def _message_ids(value: str | None) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value or ""))


class _MailReader:
    def __init__(self, raw: bytes, max_attachment_bytes: int, *, body_as_text: bool = False) -> None:
        self.raw = raw
        self.max_attachment_bytes = max_attachment_bytes
        self.body_as_text = body_as_text
        self.problems: list[str] = []
        self.text_parts: list[str] = []
        self.html_parts: list[str] = []
        self.attachments: list[ParsedAttachment] = []
        self.had_remote_content = False
        self.bounced_message_id: str | None = None

    def read(self) -> ParsedMail:
        message = self._parse_structure()
        raw_headers: dict[str, list[str]] = {}
        for key, value in message.raw_items():
            raw_headers.setdefault(key.lower(), []).append(str(value))

        def header(name: str) -> str | None:
            """Plain ASCII without encoded words is used as it is: the structured parse would give the same text
            and costs more than the rest of reading a short mail (Message-ID, Date, Received differ every time)."""
            values = raw_headers.get(name.lower())
            if not values:
                return None
            if values[0].isascii() and "=?" not in values[0]:
                return clean_header_text(values[0])
            return _header(message, name, self.problems)

        subject = header("Subject") or ""
        if len(subject) > MAX_SUBJECT_CHARS:
            self.problems.append(
                f"The subject is {len(subject):,} characters long; only the first {MAX_SUBJECT_CHARS:,} are kept."
            )
            subject = subject[:MAX_SUBJECT_CHARS]
        from_name, from_addr = self._from_address(message)
        to_addrs = tuple(
            address
            for name in ("To", "Cc")
            for _, address in _mailboxes(message, name, self.problems)
            if "@" in address
        )
        date_header = _parse_date(header("Date"))
        if header("Date") and date_header is None:
            self.problems.append("The Date header could not be read.")
        received_at = self._receipt_time(raw_headers.get("received", []), date_header)
        message_ids = _message_ids(header("Message-ID"))
        in_reply_to = _message_ids(header("In-Reply-To"))
        self._walk(message)
        body_text = "\n\n".join(part for part in self.text_parts if part.strip())
        if not body_text.strip() and self.html_parts:
            body_text = "\n\n".join(self.html_parts)
        auto_submitted = header("Auto-Submitted")
        precedence = header("Precedence")
        return ParsedMail(
            message_id=message_ids[0] if message_ids else None,
            content_sha256=hashlib.sha256(self.raw).hexdigest(),
            subject=subject,
            from_name=from_name,
            from_addr=from_addr,
            to_addrs=to_addrs,
            date_header=date_header,
            received_at=received_at,
            in_reply_to=in_reply_to[0] if in_reply_to else None,
            references=_message_ids(header("References")),
            auto_submitted=auto_submitted.split(";")[0].strip().lower() if auto_submitted else None,
            precedence=precedence.lower() if precedence else None,
            has_autoreply_header=any(
                header(name) is not None for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response")
            ),
            has_list_unsubscribe=header("List-Unsubscribe") is not None,
            content_type=message.get_content_type(),
            report_type=self._report_type(message),
            bounced_message_id=self.bounced_message_id,
            body_text=body_text,
            had_html=bool(self.html_parts),
            had_remote_content=self.had_remote_content,
            attachments=tuple(self.attachments),
            problems=tuple(dict.fromkeys(self.problems)),
        )

    @staticmethod
    def _report_type(message: Message) -> str | None:
        if message.get_content_type() != "multipart/report":
            return None
        value = message.get_param("report-type")
        return clean_header_text(value).lower() if isinstance(value, str) else None

    def _parse_structure(self) -> EmailMessage:
        """Parse; if the declared MIME boundary never appears, retry with the one the body actually uses."""
        if self.body_as_text:
            self.problems.append(
                f"The message nests its parts more than {MAX_PART_DEPTH} levels deep; its body is shown as plain "
                "text, and the whole message is kept as it arrived."
            )
            return _as_plain_text(BytesParser(policy=_POLICY).parsebytes(self.raw, headersonly=True))
        message = _parse_bytes(self.raw)
        if message.get_content_maintype() != "multipart" or message.is_multipart():
            return message
        head, separator, body = self.raw.partition(b"\r\n\r\n")
        if not separator:
            head, separator, body = self.raw.partition(b"\n\n")
        found = _BOUNDARY_LINE.search(body)
        if found:
            boundary = found.group(1)
            declared = message.get_boundary() or ""
            fixed_head = head.replace(declared.encode("ascii", "replace"), boundary) if declared else head
            repaired = _parse_bytes(fixed_head + separator + body)
            if repaired.is_multipart() and repaired.get_payload():
                self.problems.append(
                    "The MIME boundary is broken; the parts were recovered using the boundary found in the body."
                )
                return repaired
        self.problems.append("The MIME boundary is broken; the body was read as plain text.")
        return _as_plain_text(_parse_bytes(head + separator + body))

    def _from_address(self, message: Message) -> tuple[str, str]:
        if "From" not in message:
            self.problems.append("The message has no sender (From header).")
            return "", ""
        mailboxes = _mailboxes(message, "From", self.problems)
        name, address = mailboxes[0] if mailboxes else ("", "")
        if "@" not in address:
            self.problems.append("The sender address could not be read.")
            address = ""
        return name, address

    def _receipt_time(self, received_headers: list[str], date_header: datetime | None) -> datetime | None:
        for text in received_headers:
            stamp = _parse_date(" ".join(text.rpartition(";")[2].split())) if ";" in text else None
            if stamp is not None:
                return stamp
        if date_header is not None:
            self.problems.append(
                "No Received header with a readable time; the receipt time is the sender's Date header."
            )
            return date_header
        self.problems.append("The message has no readable receipt time or Date header.")
        return None

    def _walk(self, message: Message, depth: int = 0) -> None:
        """Visit leaf parts; an embedded message (a bounce's original) is kept whole, not read as our body."""
        content_type = message.get_content_type()
        if content_type == "message/rfc822":
            self._note_bounced_original(message)
            self._add_attachment(message, self._filename_of(message), content_type)
            return
        if message.is_multipart():
            if depth >= MAX_PART_DEPTH:
                self.problems.append(
                    f"Parts nested more than {MAX_PART_DEPTH} levels deep were not read one by one; they are kept "
                    "in the message as it arrived."
                )
                return
            for part in message.get_payload() or []:
                if isinstance(part, Message):
                    self._walk(part, depth + 1)
            return
        disposition = message.get_content_disposition()
        filename = self._filename_of(message)
        inline = disposition != "attachment" and filename is None
        if content_type in {"text/rfc822-headers", "message/delivery-status"}:
            self._note_bounced_original(message)
        if inline and content_type in {"text/plain", "message/delivery-status"}:
            self.text_parts.append(self._text_of(message, "message text"))
        elif inline and content_type == "text/html":
            html = html_to_text(self._text_of(message, "HTML part"))
            self.html_parts.append(html.text)
            if html.had_remote_content:
                self.had_remote_content = True
                self.problems.append("The HTML part refers to remote content; nothing was fetched.")
        else:
            self._add_attachment(message, filename, content_type)

    def _filename_of(self, part: Message) -> str | None:
        try:
            name = part.get_filename()
        except Exception:
            self.problems.append("An attachment name could not be read.")
            return ""
        return None if name is None else str(name)

    def _payload_bytes(self, part: Message) -> bytes:
        if part.get_content_type() == "message/rfc822":
            inner = self._embedded_message(part)
            if inner is not None:
                return bytes(inner.as_bytes(policy=policy.compat32))
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return payload
        raw = part.get_payload()
        return raw.encode("utf-8", errors="replace") if isinstance(raw, str) else b""

    def _embedded_message(self, part: Message) -> Message | None:
        """The message inside a message/rfc822 part, also when a sender wrongly base64-encoded it."""
        inner = part.get_payload()
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            if encoding not in {"base64", "quoted-printable"}:
                return inner[0]
            body = inner[0].get_payload()
            if not isinstance(body, str):
                return inner[0]
            try:
                if encoding == "base64":
                    decoded = base64.b64decode(body.encode("ascii", errors="ignore"))
                else:
                    decoded = quopri.decodestring(body.encode("ascii", errors="ignore"))
            except ValueError:
                return inner[0]
            return _parse_bytes(decoded)
        return None

    def _text_of(self, part: Message, what: str) -> str:
        return _decode_text(self._payload_bytes(part), part.get_content_charset(), self.problems, what)

    def _note_bounced_original(self, part: Message) -> None:
        if self.bounced_message_id is not None:
            return
        if part.get_content_type() == "message/rfc822":
            inner = self._embedded_message(part)
            found = _message_ids(str(inner.get("Message-ID", ""))) if inner is not None else ()
            self.bounced_message_id = found[0] if found else None
            return
        text = self._payload_bytes(part).decode("utf-8", errors="replace")
        match = re.search(r"^Message-ID:\s*(<[^<>\s]+>)", text, re.IGNORECASE | re.MULTILINE)
        if match and part.get_content_type() == "text/rfc822-headers":
            self.bounced_message_id = match.group(1)

    def _add_attachment(self, part: Message, raw_name: str | None, declared_type: str) -> None:
        index = len(self.attachments) + 1
        filename = sanitise_filename(raw_name, f"attachment-{index}", declared_type)
        if raw_name and filename != unicodedata.normalize("NFC", raw_name):
            self.problems.append(f"An attachment name was made safe: {filename!r}.")
        payload = self._payload_bytes(part)
        sniffed = filetype.guess_mime(payload[:8192]) if payload else None
        note: str | None = None
        content: bytes | None = payload
        if len(payload) > self.max_attachment_bytes:
            note = (
                f"The attachment {filename!r} is {_human_size(len(payload))}, over the "
                f"{_human_size(self.max_attachment_bytes)} limit; it was not kept."
            )
            content = None
        elif sniffed and sniffed != declared_type and declared_type != "application/octet-stream":
            note = f"The attachment {filename!r} says it is {declared_type} but its content looks like {sniffed}."
        if note:
            self.problems.append(note)
        self.attachments.append(
            ParsedAttachment(
                filename=filename,
                declared_type=clean_header_text(declared_type),
                sniffed_type=sniffed,
                size=len(payload),
                content=content,
                note=note,
            )
        )
