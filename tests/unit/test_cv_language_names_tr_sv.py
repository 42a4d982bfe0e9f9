"""Turkish and Swedish names of languages (issue 16, batch u): 'İngilizce C2', 'Almanca A2' under DİLLER, and
Swedish 'Engelska', 'svenska' kept out of the skills."""

from __future__ import annotations

import pytest

from ai_coach.cv.language_names import language_code


@pytest.mark.parametrize(("written", "code"), [
    ("İngilizce", "en"), ("Almanca", "de"), ("Türkçe", "tr"), ("Engelska", "en"), ("svenska", "sv"),
])
def test_turkish_and_swedish_names(written: str, code: str) -> None:
    assert language_code(written) == code
