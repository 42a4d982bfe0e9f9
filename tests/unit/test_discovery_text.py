"""discovery_service.text.fold: what the feed's search text and its queries are reduced to."""

from __future__ import annotations

import pytest

from discovery_service.text import fold, normalise


@pytest.mark.parametrize(("text", "folded"), [
    ("Café de Flore", "cafe de flore"),
    ("Señor DESARROLLADOR", "senor desarrollador"),
    ("München, Straße & STRAẞE", "munchen, strasse & strasse"),
    ("Þórr and þórr", "thorr and thorr"),
    ('"Crème brûlée" -piñata', '"creme brulee" -pinata'),  # search syntax (quotes, minus) is kept
    ("Ёлка", "елка"),
    ("", ""),
])
def test_fold_drops_case_and_accents_and_keeps_everything_else(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_normalise_is_fold_reduced_to_words() -> None:
    assert normalise("Ça   Marche! Straße") == "ca marche strasse"
