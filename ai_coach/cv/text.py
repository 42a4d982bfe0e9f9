"""Text as the PDF extraction leaves it, cleaned once for every part of the parser (and the fabrication guard)."""

from __future__ import annotations

import re
import unicodedata

CID_GLYPH = re.compile(r"\(cid:\d+\)")


def clean_text(text: str) -> str:
    """Undo extraction artefacts: unmapped glyphs, ligatures, soft hyphens, look-alike letters."""
    text = CID_GLYPH.sub("", text)
    text = text.replace("\u00ad", "-").replace("\u00a0", " ")
    text = unicodedata.normalize("NFKC", text)
    # Some fonts map Cyrillic "к" to the Latin letter kra (ĸ); inside Cyrillic words it can only be "к".
    text = re.sub(r"(?<=[\u0400-\u04ff])ĸ|ĸ(?=[\u0400-\u04ff])", "к", text)
    text = text.replace("ĸ", "к") if re.search(r"[\u0400-\u04ff]", text) else text
    # Two spaces are how rows keep their fragments apart (see layout.Row); longer runs are layout noise.
    return re.sub(r"[ \t]{3,}", "  ", text).strip()
