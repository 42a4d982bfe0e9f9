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
