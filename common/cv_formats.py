"""The CV file formats JobMate reads, told apart by their bytes, and the cheap checks both the upload
(profile_service) and the parser (ai_coach) make before a file is opened.

- ``sniff_cv_format``: "pdf" (a ``%PDF-`` header in the first KiB), "docx" (a zip archive), "text"
  (UTF-8 without control characters other than tab and line breaks), or None.
- ``docx_problem``: why a zip archive must not be opened as a Word document, in a sentence a user can
  act on (damaged, not a Word document, or unpacking to far more than any CV: a zip bomb), or None.
  Only the archive's directory is read; nothing is unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

CvFormat = Literal["pdf", "docx", "text"]
ZIP_MAGIC = b"PK\x03\x04"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

# A CV's Word XML packs about 5-10 to 1; a zip bomb packs thousands to 1.
MAX_DOCX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_DOCX_RATIO = 200.0
MAX_DOCX_ENTRIES = 2000
# A pasted CV: generous for the longest academic CV, small next to what the parser copes with.
MAX_TEXT_CHARACTERS = 100_000


def sniff_cv_format(data: bytes) -> CvFormat | None:
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return "docx"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _CONTROL.search(text) else "text"


def docx_problem(
    data: bytes,
    *,
    max_unpacked_bytes: int = MAX_DOCX_UNPACKED_BYTES,
    max_ratio: float = MAX_DOCX_RATIO,
    max_entries: int = MAX_DOCX_ENTRIES,
) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "the Word document is damaged and cannot be read; save it again, or export it as PDF"
    if "word/document.xml" not in {entry.filename for entry in entries}:
        return "the file is a zip archive but not a Word document (.docx); upload a PDF or a .docx file"
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if len(entries) > max_entries or unpacked > max_unpacked_bytes or unpacked / packed > max_ratio:
        return ("the Word document unpacks to far more data than any CV holds, so it was not opened; "
                "save it again, or export it as PDF")
    return None
