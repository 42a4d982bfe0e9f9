"""How the evaluations compare a labelled value with what the product found, and print the counts."""

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


def count_line(name: str, right: int, total: int, *, indent: int, name_width: int, count_width: int) -> str:
    """One line of a total: "  sections            4/4    100.0%", the share "   n/a" when nothing was counted."""
    share = f"{right / total:6.1%}" if total else "   n/a"
    return f"{' ' * indent}{name:<{name_width}} {right:>{count_width}}/{total:<{count_width}} {share}"
