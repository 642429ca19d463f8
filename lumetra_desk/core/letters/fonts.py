"""The letter fonts: embedded DejaVu Sans for Latin, Greek, Cyrillic, Hebrew and Arabic, Droid Sans Fallback for CJK.

ReportLab has no automatic glyph fallback, so text is split into runs: characters DejaVu cannot draw but the
fallback can are wrapped in ``<font name=...>``. Every font is an embedded TrueType subset; the canvas base
font is switched to DejaVu so no PDF ever references an unembedded Helvetica (platform-notes §9).

ReportLab also draws every string left to right, letter by letter, so Hebrew and Arabic would print backwards
and Arabic unjoined. Text holding right-to-left letters is therefore shaped (Arabic joining forms) and put in
visual order (Unicode bidirectional algorithm, the letter's base direction being left to right) before it is
laid out. A right-to-left phrase long enough to wrap over two lines would read in the wrong line order; the
names and short phrases a letter holds fit on one line.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from lumetra_desk.core.paths import resources_dir

BASE_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ITALIC_FONT = "DejaVuSans-Oblique"
FALLBACK_FONT = "DroidSansFallback"

_FONT_FILES = {
    BASE_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    ITALIC_FONT: "DejaVuSans-Oblique.ttf",
    FALLBACK_FONT: "DroidSansFallback.ttf",
}


@dataclass(frozen=True)
class _Coverage:
    base: frozenset[int]
    fallback: frozenset[int]


_lock = threading.Lock()
_coverage: _Coverage | None = None


def register_fonts() -> None:
    """Register the fonts once per process; cheap after the first call."""
    global _coverage
    if _coverage is not None:
        return
    with _lock:
        if _coverage is not None:
            return
        folder = resources_dir() / "fonts"
        fonts = {name: TTFont(name, str(folder / file)) for name, file in _FONT_FILES.items()}
        for font in fonts.values():
            pdfmetrics.registerFont(font)
        addMapping(BASE_FONT, 0, 0, BASE_FONT)
        addMapping(BASE_FONT, 1, 0, BOLD_FONT)
        addMapping(BASE_FONT, 0, 1, ITALIC_FONT)
        addMapping(BASE_FONT, 1, 1, BOLD_FONT)  # no bold-oblique face is bundled; bold reads better
        for bold in (0, 1):
            for italic in (0, 1):  # the fallback has one face; <b> around CJK must still resolve
                addMapping(FALLBACK_FONT, bold, italic, FALLBACK_FONT)
        rl_config.canvas_basefontname = BASE_FONT
        _coverage = _Coverage(
            base=frozenset(fonts[BASE_FONT].face.charToGlyph),
            fallback=frozenset(fonts[FALLBACK_FONT].face.charToGlyph),
        )


# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and the Hebrew and Arabic presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def visual_order(text: str) -> str:
    """Text as ReportLab must draw it: unchanged unless it holds right-to-left letters (then shaped, reordered)."""
    if _RIGHT_TO_LEFT.search(text) is None:
        return text
    return str(get_display(arabic_reshaper.reshape(text), base_dir="L"))


def text_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (run, font name) pieces: DejaVu where it has the glyph, else the CJK fallback."""
    register_fonts()
    assert _coverage is not None
    text = visual_order(text)
    base, fallback = _coverage.base, _coverage.fallback
    if all(ord(ch) in base for ch in text):
        return [(text, BASE_FONT)]
    runs: list[tuple[str, str]] = []
    current: list[str] = []
    current_font = BASE_FONT
    for ch in text:
        code = ord(ch)
        font = FALLBACK_FONT if code not in base and code in fallback else BASE_FONT
        if font != current_font and current:
            runs.append(("".join(current), current_font))
            current = []
        current_font = font
        current.append(ch)
    if current:
        runs.append(("".join(current), current_font))
    return runs


def paragraph_markup(text: str) -> str:
    """Escape user text for a ReportLab Paragraph and route characters DejaVu lacks to the CJK fallback."""
    return "".join(
        escape(run) if font == BASE_FONT else f'<font name="{font}">{escape(run)}</font>'
        for run, font in text_runs(text)
    )
