"""Text that an opaque box painted afterwards covers is not read (sandbox_child's cover rule): a design tool's
older copy of a text box left under the new one must not double the CV's entries."""

from __future__ import annotations

from ai_coach.cv.sandbox_child import run
from tests.unit.test_cv_pdfs import single_page_pdf, text_content

OLD_COPY = [(72, 300, "Volunteer at the Red Cross 2017 - 2021")]
NEW_COPY = [(72, 500, "Volunteer at the Red Cross  2017 - 2021")]
# A white box over the old copy (x 60..400, y 280..330), as a PowerPoint shape filled white.
WHITE_BOX = b"q 1 1 1 rg 60 280 340 50 re f Q"


def texts(content: bytes, resources: bytes = b"/Font << /F1 4 0 R >>") -> list[str]:
    result = run(single_page_pdf(content, resources), 5)
    assert result["ok"], result
    return [line[6] for line in result["pages"][0]["lines"]]


def test_text_under_a_later_opaque_box_is_left_out() -> None:
    shown = texts(text_content(OLD_COPY) + b"\n" + WHITE_BOX + b"\n" + text_content(NEW_COPY))
    assert shown == ["Volunteer at the Red Cross  2017 - 2021"]


def test_text_painted_over_the_box_is_read() -> None:
    # A coloured box drawn first, the text on it (a sidebar, a table cell's background): both show.
    shown = texts(WHITE_BOX + b"\n" + text_content(OLD_COPY) + b"\n" + text_content(NEW_COPY))
    assert len(shown) == 2


def test_a_translucent_or_clipped_box_hides_nothing() -> None:
    translucent = b"q /GS1 gs 1 1 1 rg 60 280 340 50 re f Q"
    resources = b"/Font << /F1 4 0 R >> /ExtGState << /GS1 << /ca 0.3 >> >>"
    assert len(texts(text_content(OLD_COPY) + b"\n" + translucent + b"\n" + text_content(NEW_COPY), resources)) == 2
    # The box is clipped to a strip above the text: what it paints does not reach the text.
    clipped = b"q 60 320 340 10 re W n 1 1 1 rg 60 280 340 50 re f Q"
    assert len(texts(text_content(OLD_COPY) + b"\n" + clipped + b"\n" + text_content(NEW_COPY))) == 2
    # A clip of another shape (a triangle): not known to leave the box whole, so nothing counts as covered.
    triangle = b"q 60 280 m 400 280 l 60 330 l h W n 1 1 1 rg 60 280 340 50 re f Q"
    assert len(texts(text_content(OLD_COPY) + b"\n" + triangle + b"\n" + text_content(NEW_COPY))) == 2
    # A frame (a rectangle with a hole, even-odd) over the text: the hole leaves it showing.
    frame = b"q 1 1 1 rg 60 280 340 50 re 65 285 330 40 re f* Q"
    assert len(texts(text_content(OLD_COPY) + b"\n" + frame + b"\n" + text_content(NEW_COPY))) == 2


def _ligature_font_pdf(lines: list[tuple[float, float, bytes]]) -> bytes:
    """A Type 1 font of its own widths with a ToUnicode map that names ASCII and gives code 128 (a "ti" ligature, as wide as "t" and
    "i" together) and code 129 (an icon, far wider) as U+FFFD, as Office writes Calibri's ligatures."""
    widths = [500] * 98  # codes 32..129
    for letter, width in {"t": 278, "i": 222, "f": 278, "l": 222, "j": 222}.items():
        widths[ord(letter) - 32] = width
    widths[128 - 32], widths[129 - 32] = 500, 950
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def "
            b"1 begincodespacerange <00> <FF> endcodespacerange "
            b"1 beginbfrange <20> <7E> <0020> endbfrange "
            b"2 beginbfchar <80> <FFFD> <81> <FFFD> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"\n".join([b"BT"] + [b"/F1 11 Tf 1 0 0 1 %.1f %.1f Tm (%s) Tj" % (x, y, text) for x, y, text in lines]
                         + [b"ET"])
    from tests.unit.test_cv_pdfs import assemble, stream_object
    return assemble([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /TestSans-Regular /FirstChar 32 /LastChar 129 /Widths ["
        + b" ".join(b"%d" % width for width in widths) + b"] /ToUnicode 6 0 R >>",
        stream_object(content),
        stream_object(cmap),
    ])


def test_a_ligature_named_as_unknown_is_read_from_its_width_and_the_words_around() -> None:
    result = run(_ligature_font_pdf([
        (72, 700, b"Game Ar\\200st at Noorderpoort Kunst & Mul\\200media"),
        (72, 680, b"Creation of national illustrations, animation and motion: a practical position"),
        (72, 660, b"\\201 Portfolio"),
    ]), 5)
    texts = [line[6] for line in result["pages"][0]["lines"]]
    assert texts[0] == "Game Artist at Noorderpoort Kunst & Multimedia"
    assert texts[2] == "\ufffd Portfolio"  # an icon's width fits no ligature: left as it was
