"""The PDF itself: pages, fonts, scripts, escaping, metadata, password, templates from the officer's folder."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from letter_facts import NAMES, base_data, pdf_text
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.data import Correction, Recipient
from lumetra_desk.core.letters.fonts import Tag, paragraph_markup, visual_order
from lumetra_desk.core.letters.render import render_letter
from lumetra_desk.core.letters.templates import LETTERS_SUBDIR


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    found: list[DictionaryObject] = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            found.append(font)
            found.extend(d.get_object() for d in font.get("/DescendantFonts", []))
    return found


def test_long_table_splits_over_pages_with_its_header_repeated() -> None:
    corrections = tuple(Correction(f"Field {n:03d}", f"value {n} Łódź", n % 3 != 0) for n in range(120))
    letter = render_letter("correction_response", base_data(corrections=corrections))
    reader = PdfReader(io.BytesIO(letter.pdf))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "LD-2026-000123" in text
    assert all("Requested correction" in text for text in pages[:-1])  # the header row repeats
    assert "Field 119" in pages[-1] or "Field 119" in pages[-2]


def test_every_font_is_embedded_and_no_base_font_is_referenced() -> None:
    letter = render_letter("access_response", base_data())
    fonts = _fonts(PdfReader(io.BytesIO(letter.pdf)))
    names = {str(font["/BaseFont"]) for font in fonts}
    assert any("DejaVuSans" in name for name in names)
    assert any("DroidSansFallback" in name for name in names)
    for font in fonts:
        if font.get("/Subtype") == "/Type0":
            continue  # its descendant carries the descriptor
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert not any("Helvetica" in name or "Times" in name or "Courier" in name for name in names)


def test_pdffonts_lists_only_embedded_subsets(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    data = base_data(recipient=Recipient(name="Zoë 王芳 יעל כהן أميرة حسن", email="zoe@example.org"))
    pdf.write_bytes(render_letter("access_response", data).pdf)
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert {row[0].split("+", 1)[1] for row in rows} == {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"}
    for row in rows:
        emb, sub = row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row


def test_hebrew_and_arabic_print_right_to_left_and_arabic_joined() -> None:
    hebrew, arabic = "יעל כהן", "أميرة حسن"
    assert visual_order(hebrew) == "ןהכ לעי"  # drawn left to right, so stored last letter first
    shaped = visual_order(arabic)
    assert all(0xFE70 <= ord(ch) <= 0xFEFC for ch in shaped.replace(" ", ""))  # joining forms, not isolated
    assert visual_order("Zoë Łukasz 王芳") == "Zoë Łukasz 王芳"
    data = base_data(recipient=Recipient(name=f"{hebrew} {arabic}", email="r@example.org"))
    text = pdf_text(render_letter("acknowledgement", data).pdf)
    # pypdf reads right-to-left runs back into reading order; NFKC maps the joining forms to the letters.
    assert f"{hebrew} {arabic}" in unicodedata.normalize("NFKC", text)
    assert visual_order(hebrew) not in text


def test_names_in_every_script_are_extractable() -> None:
    text = pdf_text(render_letter("acknowledgement", base_data()).pdf)
    for name in NAMES:
        assert name in text
    assert "Dear Zoë Łukasz Διονύσης Дмитрий 王芳," in text


def test_user_text_is_escaped_not_read_as_markup() -> None:
    data = base_data(
        recipient=Recipient(name='<b>Bob</b> & "Co" <font name="x">', email="bob@example.org"),
        denial_reasons=("Tags like <br/> and &amp; stay text",),
    )
    text = pdf_text(render_letter("denial", data).pdf)
    assert '<b>Bob</b> & "Co" <font name="x">' in text
    assert "Tags like <br/> and &amp; stay text" in text


def test_metadata_names_the_letter() -> None:
    reader = PdfReader(io.BytesIO(render_letter("deletion_confirmation", base_data()).pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "We have deleted your personal information (LD-2026-000123)"
    assert meta.author == "Lumetra LLC"
    assert meta.subject == "LD-2026-000123: We have deleted your personal information"


def test_a_password_readers_could_not_agree_on_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="only unaccented letters"):
        render_letter("access_response", base_data(), password="pässwörd")
    with pytest.raises(InvalidInputError, match="password is empty"):
        render_letter("access_response", base_data(), password="")


def test_password_protected_letter_opens_only_with_the_password() -> None:
    letter = render_letter("access_response", base_data(), password="Kw8-tiger")
    assert letter.password_protected
    assert b"LD-2026-000123" not in letter.pdf
    reader = PdfReader(io.BytesIO(letter.pdf))
    assert reader.is_encrypted
    assert not reader.decrypt("wrong")
    assert "LD-2026-000123" in pdf_text(letter.pdf, password="Kw8-tiger")


def test_sha256_matches_the_bytes() -> None:
    import hashlib

    letter = render_letter("acknowledgement", base_data())
    assert letter.sha256 == hashlib.sha256(letter.pdf).hexdigest()
    assert len(letter.snapshot["template_sha256"]) == 64


def _override(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "templates" / LETTERS_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "templates"


def test_officer_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    override = _override(
        tmp_path,
        "acknowledgement.j2",
        '<letter subject="Got it"><p>Hello {{ d.recipient.name }}, due {{ d.respond_by|long_date }}.</p>'
        "<signature/></letter>",
    )
    letter = render_letter("acknowledgement", base_data(), templates_override_dir=override)
    text = pdf_text(letter.pdf)
    assert "Hello Zoë" in text and "due December 17, 2026" in text and "Re: Got it" in text
    assert letter.snapshot["template"].startswith(str(override))
    bundled = render_letter("denial", base_data(), templates_override_dir=override)
    assert "How to appeal" in pdf_text(bundled.pdf)  # kinds without an override keep the bundled template


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ('<letter subject="x">{% if %}</letter>', r"acknowledgement\.j2 has an error on line 1"),
        ('<letter subject="x"><p>{{ d.no_such_field }}</p></letter>', "uses a field that does not exist"),
        ('<letter subject="x"><script>1</script></letter>', "uses <script> inside a block"),
        ('<letter subject="x"><p>unclosed</letter>', "produced broken markup"),
        ("<letter><p>no subject</p></letter>", "gives the <letter> no subject"),
    ],
)
def test_broken_officer_template_is_a_plain_error(tmp_path: Path, template: str, message: str) -> None:
    override = _override(tmp_path, "acknowledgement.j2", template)
    with pytest.raises(InvalidInputError, match=message):
        render_letter("acknowledgement", base_data(), templates_override_dir=override)


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    override = _override(
        tmp_path, "acknowledgement.j2", '<letter subject="x"><p>{{ d.__class__.__init__.__globals__ }}</p></letter>'
    )
    with pytest.raises(InvalidInputError):
        render_letter("acknowledgement", base_data(), templates_override_dir=override)


def test_first_page_renders_to_an_image(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(render_letter("access_response", base_data()).pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    image = (tmp_path / "page.png").read_bytes()
    assert image.startswith(b"\x89PNG") and len(image) > 20_000


def test_overriding_a_shared_partial_changes_the_recorded_template_digest(tmp_path: Path) -> None:
    bundled = render_letter("acknowledgement", base_data())
    override = _override(tmp_path, "_closing.j2", "<p>Kind regards from the privacy team.</p><signature/>")
    changed = render_letter("acknowledgement", base_data(), templates_override_dir=override)
    assert "Kind regards from the privacy team." in pdf_text(changed.pdf)
    assert changed.snapshot["template_sha256"] != bundled.snapshot["template_sha256"]


DEVANAGARI_NAME = "अनन्या शर्मा"  # as in the demo data: the conjuncts न्य and र्म


def test_devanagari_names_print_from_the_embedded_lohit_font_shaped(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    data = base_data(recipient=Recipient(name=DEVANAGARI_NAME, email="ananya@example.in"))
    pdf.write_bytes(render_letter("acknowledgement", data).pdf)
    listing = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = {row[0].split("+", 1)[1]: row for row in (line.split() for line in listing.splitlines()[2:])}
    assert "Lohit-Devanagari" in rows and rows["Lohit-Devanagari"][-5:-3] == ["yes", "yes"]  # embedded subset
    text = pdf_text(pdf.read_bytes())
    # HarfBuzz drew न्य and र्म as single glyphs: glyphs without a character of their own, so the text read back
    # holds the letters that stand alone and private-use characters where the conjuncts are.
    greeting = text[text.index("Dear ") + 5 : text.index(",", text.index("Dear "))]
    assert greeting.startswith("अन") and " श" in greeting
    assert any(0xE000 <= ord(ch) <= 0xF8FF for ch in greeting)
    assert "्" not in greeting  # no virama left standing: न् and र् were joined to the next letter


def test_a_devanagari_word_is_drawn_in_one_font_even_when_a_tag_splits_it() -> None:
    markup = paragraph_markup("Dear ", Tag("<b>"), "अनन्या", Tag("</b>"), ", thank you")
    assert markup == (
        'Dear <b><font name="LohitDevanagari">अनन्या</font></b><font name="LohitDevanagari">,</font> thank you'
    )
    assert paragraph_markup("Zoë, अनन्या") == 'Zoë, <font name="LohitDevanagari">अनन्या</font>'
    # Lohit has no CJK: a word needing both fonts is drawn letter by letter, never with another font's glyphs.
    assert (
        paragraph_markup("अनन्या王")
        == '<font name="LohitDevanagari-Unshaped">अनन्या</font><font name="DroidSansFallback">王</font>'
    )
