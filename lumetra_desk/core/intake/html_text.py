"""HTML mail bodies as plain text, without fetching or running anything.

The stdlib ``html.parser`` only tokenises; nothing here loads images, follows links or executes script.
Scripts, styles and the document head are dropped; link targets stay visible as text because the officer
may need them (a "download my data" link, a phishing address); remote images are reported, never loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

_SKIPPED = {"script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg"}
_BLOCKS = {
    "p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "pre",
    "section", "article", "header", "footer", "ul", "ol", "hr", "dd", "dt",
}  # fmt: skip
_REMOTE_ATTRIBUTES = {"src", "background", "poster", "srcset", "data"}


@dataclass(frozen=True)
class HtmlText:
    text: str
    had_remote_content: bool
    had_active_content: bool


def _is_remote(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(("http:", "https:", "//", "ftp:"))


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.skip_depth = 0
        self.link_targets: list[str | None] = []
        self.had_remote_content = False
        self.had_active_content = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag in {"script", "iframe", "object", "embed"}:
            self.had_active_content = True
        if any(name in _REMOTE_ATTRIBUTES and _is_remote(value) for name, value in values.items()):
            self.had_remote_content = True
        if "url(" in values.get("style", "").lower() and "http" in values.get("style", "").lower():
            self.had_remote_content = True
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if tag in _BLOCKS:
            self.pieces.append("\n")
        if tag == "li":
            self.pieces.append("- ")
        if tag == "a":
            self.link_targets.append(values.get("href") or None)
        if tag == "img" and values.get("alt"):
            self.pieces.append(f"[image: {values['alt']}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "a" and self.link_targets:
            target = self.link_targets.pop()
            if target and not target.startswith("#"):
                shown = target.removeprefix("mailto:")
                recent = "".join(self.pieces[-3:])
                if shown not in recent:
                    self.pieces.append(f" <{target}>")
        if tag in _BLOCKS:
            self.pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth == 0:
            self.pieces.append(data)


def html_to_text(html: str) -> HtmlText:
    """Readable text of an HTML body, plus whether it referred to remote or active content."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [" ".join(line.split()) for line in "".join(extractor.pieces).splitlines()]
    text_lines: list[str] = []
    for line in lines:
        if line or (text_lines and text_lines[-1]):
            text_lines.append(line)
    return HtmlText(
        text="\n".join(text_lines).strip(),
        had_remote_content=extractor.had_remote_content,
        had_active_content=extractor.had_active_content,
    )
