"""How the evaluations compare a labelled value with what the product found."""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def plain(text: Any) -> str:
    """Lower case, accents and punctuation dropped, spacing collapsed (anything not text: empty)."""
    if not isinstance(text, str):
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())
