"""The letter fonts: embedded DejaVu Sans for Latin, Greek, Cyrillic, Hebrew and Arabic, Lohit Devanagari for
Hindi, Marathi or Nepali names, Droid Sans Fallback for CJK.

ReportLab has no automatic glyph fallback, so text is split into runs: characters DejaVu cannot draw are wrapped
in ``<font name=...>`` for a font that can. Every font is an embedded TrueType subset; the canvas base font is
switched to DejaVu so no PDF ever references an unembedded Helvetica (platform-notes §9).

ReportLab also draws every string left to right, letter by letter, so Hebrew and Arabic would print backwards
and Arabic unjoined. Text holding right-to-left letters is therefore shaped (Arabic joining forms) and put in
visual order (Unicode bidirectional algorithm, the letter's base direction being left to right) before it is
laid out. A right-to-left phrase long enough to wrap over two lines would read in the wrong line order; the
names and short phrases a letter holds fit on one line.

Devanagari letters combine: न, ् and य are drawn as the one conjunct न्य, and the vowel sign ि stands before the
consonant it follows. ReportLab draws that only when HarfBuzz (uharfbuzz) shapes the text, which it does word by
word with the font of the word's first letter. So a word holding Devanagari is drawn in Lohit Devanagari
throughout (it has Latin letters, digits and punctuation too), fonts are chosen over a whole paragraph (a bold
name and the comma after it are one word), and only paragraphs with Devanagari are shaped. DejaVu and Droid are
never shaped: what they draw here needs no shaping, and shaping would swap "fi" for a ligature glyph that text
extraction reads as "ﬁ". A word mixing Devanagari with letters Lohit lacks (Greek, CJK) cannot be shaped with
one font; it is drawn letter by letter, legible but without conjuncts. The glyphs HarfBuzz substitutes
(conjuncts, half forms) have no character of their own, so text copied out of a letter reads them as
private-use characters; the letter's snapshot keeps every name as it was written.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any, NoReturn
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, shapeStr
from reportlab.platypus import Paragraph

from lumetra_desk.core.paths import resources_dir

BASE_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ITALIC_FONT = "DejaVuSans-Oblique"
DEVANAGARI_FONT = "LohitDevanagari"
DEVANAGARI_UNSHAPED_FONT = "LohitDevanagari-Unshaped"  # the same font, for words it cannot shape alone
FALLBACK_FONT = "DroidSansFallback"

_FONT_FILES = {
    BASE_FONT: "DejaVuSans.ttf",
    BOLD_FONT: "DejaVuSans-Bold.ttf",
    ITALIC_FONT: "DejaVuSans-Oblique.ttf",
    DEVANAGARI_FONT: "Lohit-Devanagari.ttf",
    DEVANAGARI_UNSHAPED_FONT: "Lohit-Devanagari.ttf",
    FALLBACK_FONT: "DroidSansFallback.ttf",
}
_ONE_FACE_FONTS = (DEVANAGARI_FONT, DEVANAGARI_UNSHAPED_FONT, FALLBACK_FONT)
_SHAPED_MARKUP = f'<font name="{DEVANAGARI_FONT}">'


class _UnshapedFont(TTFont):
    """A font ReportLab draws glyph for glyph as the characters map, even inside a shaped paragraph.

    ReportLab shapes a word with the HarfBuzz font of its first letter's font and leaves the word as it is when
    that font has none, so this font says it has none.
    """

    def hbFont(self, fontSize: float = 10) -> NoReturn:
        raise AttributeError(f"{self.fontName} is drawn as its characters map, never shaped")


@dataclass(frozen=True)
class _Coverage:
    base: frozenset[int]
    devanagari: frozenset[int]
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
        fonts = {
            name: (TTFont if name == DEVANAGARI_FONT else _UnshapedFont)(name, str(folder / file))
            for name, file in _FONT_FILES.items()
        }
        for font in fonts.values():
            pdfmetrics.registerFont(font)
        addMapping(BASE_FONT, 0, 0, BASE_FONT)
        addMapping(BASE_FONT, 1, 0, BOLD_FONT)
        addMapping(BASE_FONT, 0, 1, ITALIC_FONT)
        addMapping(BASE_FONT, 1, 1, BOLD_FONT)  # no bold-oblique face is bundled; bold reads better
        for name in _ONE_FACE_FONTS:  # one face each; <b> around their text must still resolve
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
        rl_config.canvas_basefontname = BASE_FONT
        _coverage = _Coverage(
            base=frozenset(fonts[BASE_FONT].face.charToGlyph),
            devanagari=frozenset(fonts[DEVANAGARI_FONT].face.charToGlyph),
            fallback=frozenset(fonts[FALLBACK_FONT].face.charToGlyph),
        )


# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan and the Hebrew and Arabic presentation forms.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Where ReportLab ends a word: white space except the no-break space, and the zero-width space.
_WORD_BREAK = re.compile("[^\\S\u00a0]|\u200b")


def visual_order(text: str) -> str:
    """Text as ReportLab must draw it: unchanged unless it holds right-to-left letters (then shaped, reordered)."""
    if _RIGHT_TO_LEFT.search(text) is None:
        return text
    return str(get_display(arabic_reshaper.reshape(text), base_dir="L"))


def _fonts_of(text: str) -> list[str]:
    """The font that draws each character: DejaVu where it can, else Lohit Devanagari, else the CJK fallback.

    A word holding Devanagari is drawn by Lohit throughout, so HarfBuzz shapes it with one font; a word that
    also needs another font is drawn by Lohit unshaped.
    """
    register_fonts()
    assert _coverage is not None
    base, devanagari, fallback = _coverage.base, _coverage.devanagari, _coverage.fallback
    fonts = [
        BASE_FONT
        if code in base
        else DEVANAGARI_FONT
        if code in devanagari
        else FALLBACK_FONT
        if code in fallback
        else BASE_FONT
        for code in map(ord, text)
    ]
    if DEVANAGARI_FONT not in fonts:
        return fonts
    start = 0
    for end in [match.start() for match in _WORD_BREAK.finditer(text)] + [len(text)]:
        if DEVANAGARI_FONT in fonts[start:end]:
            alone = all(ord(ch) in devanagari for ch in text[start:end])
            for index in range(start, end):
                if ord(text[index]) in devanagari:
                    fonts[index] = DEVANAGARI_FONT if alone else DEVANAGARI_UNSHAPED_FONT
        start = end + 1
    return fonts


def _runs(text: str, fonts: list[str]) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or fonts[index] != fonts[start]:
            runs.append((text[start:index], fonts[start]))
            start = index
    return runs


def _base_draws_all(text: str) -> bool:
    """Whether DejaVu draws every character (most text: then nothing needs splitting)."""
    register_fonts()
    assert _coverage is not None
    base = _coverage.base
    return all(ord(ch) in base for ch in text)


def text_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (run, font name) pieces, each drawn by a font that has its glyphs."""
    text = visual_order(text)
    if _base_draws_all(text):
        return [(text, BASE_FONT)] if text else []
    return _runs(text, _fonts_of(text))


def drawable_runs(text: str, font: str, size: float) -> list[tuple[str, str, float]]:
    """(run, font, width) pieces for drawing one line on a canvas: ``font`` where DejaVu draws, Devanagari
    shaped by HarfBuzz (the canvas does not shape by itself)."""
    pieces = []
    for run, run_font in text_runs(text):
        drawn_font = font if run_font == BASE_FONT else run_font
        if run_font == DEVANAGARI_FONT:
            shaped: Any = shapeStr(run, drawn_font, size)
            data = getattr(shaped, "__shapeData__", None)
            if data is not None:  # shaped: its width is the sum of HarfBuzz's advances
                pieces.append((shaped, drawn_font, sum(d.x_advance for d in data) * size / 1000))
                continue
        pieces.append((run, drawn_font, pdfmetrics.stringWidth(run, drawn_font, size)))
    return pieces


@dataclass(frozen=True)
class Tag:
    """ReportLab markup kept as it is between pieces of text; a line break also ends the word before it."""

    markup: str
    breaks_word: bool = False


def paragraph_markup(*pieces: str | Tag) -> str:
    """Escape user text for a ReportLab Paragraph and route each character to a font that has it.

    Fonts are chosen over all the pieces together, so a word split by a tag (a bold name and its comma) is
    drawn in one font.
    """
    texts = [visual_order(piece) if isinstance(piece, str) else " " if piece.breaks_word else "" for piece in pieces]
    joined = "".join(texts)
    fonts = None if _base_draws_all(joined) else _fonts_of(joined)
    out: list[str] = []
    position = 0
    for piece, text in zip(pieces, texts, strict=True):
        if isinstance(piece, Tag):
            out.append(piece.markup)
        elif fonts is None:
            out.append(escape(text))
        else:
            for run, font in _runs(text, fonts[position : position + len(text)]):
                out.append(escape(run) if font == BASE_FONT else f'<font name="{font}">{escape(run)}</font>')
        position += len(text)
    return "".join(out)


def letter_paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of ``paragraph_markup`` output, shaped by HarfBuzz when it holds Devanagari to shape."""
    if _SHAPED_MARKUP in markup:
        style = ParagraphStyle(f"{style.name}-shaped", parent=style, shaping=1)
    return Paragraph(markup, style)
