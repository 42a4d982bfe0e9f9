"""CV files: a cheap byte-level check that an upload is a CV we can read (a PDF, a Word document or a
pasted text), and content-addressed storage.

The check never interprets the PDF (that happens in ai_coach's sandboxed parser); it only refuses what
is plainly not a complete PDF, so garbage is rejected at upload with a clear message instead of failing
a parse minutes later: the `%PDF-` header, a `startxref` offset and `%%EOF` near the end (a truncated
download loses them), no encryption, and a page count estimate within a limit. A DOCX has its zip directory
read (common.cv_formats: damaged, not Word, or a zip bomb are refused); a text must be UTF-8 and not
longer than a CV. Each refusal leaves the user's current CV and profile as they were.

Files are stored under their SHA-256 (two-level fan-out), written to a temporary file, fsynced and
renamed into place, so a crash never leaves a half-written CV under a real name, and uploading the same
bytes twice stores them once.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import cv_formats
from common.errors import InvalidArgument, NotFound

MAX_PAGES = 30
_HEADER_WINDOW = 1024  # the header may follow a little junk (the PDF spec's implementation note)
_TRAILER_WINDOW = 2048
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")
_UNSAFE_FILENAME = re.compile(r"[\x00-\x1f\x7f/\\]+")


@dataclass(frozen=True, slots=True)
class CheckedPdf:
    sha256: str
    size_bytes: int
    page_count: int  # 0 when the pages sit in compressed object streams and cannot be counted cheaply


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def check_pdf(content: bytes, *, max_bytes: int, max_pages: int = MAX_PAGES) -> CheckedPdf:
    """Raise InvalidArgument, in words a user understands, unless `content` looks like a complete PDF."""
    if not content:
        raise InvalidArgument("the file is empty; upload your CV as a PDF")
    if len(content) > max_bytes:
        raise InvalidArgument(f"the file is {_megabytes(len(content))}; a CV may be at most {_megabytes(max_bytes)}")
    if b"%PDF-" not in content[:_HEADER_WINDOW]:
        raise InvalidArgument("the file is not a PDF (its content does not start like one); export your CV as PDF")
    tail = content[-_TRAILER_WINDOW:]
    matches = list(_STARTXREF.finditer(tail))  # the last one counts (incremental updates append more)
    match = matches[-1] if matches else None
    if match is None or int(match.group(1)) >= len(content):
        raise InvalidArgument("the PDF is incomplete or damaged (its end is missing); upload the file again")
    if re.search(rb"/Encrypt\s", tail) or re.search(rb"/Encrypt\s+\d+\s+\d+\s+R", content[-64 * 1024:]):
        raise InvalidArgument("the PDF is password-protected; upload a copy without a password")
    page_objects = len(_PAGE_OBJECT.findall(content))
    declared = max((int(a or b) for a, b in _PAGES_COUNT.findall(content)), default=0)
    pages = max(page_objects, declared)
    if pages > max_pages:
        raise InvalidArgument(f"the PDF has {pages} pages; a CV may have at most {max_pages}")
    return CheckedPdf(hashlib.sha256(content).hexdigest(), len(content), pages)


def check_cv_file(content: bytes, *, filename: str, max_bytes: int, max_pages: int = MAX_PAGES) -> CheckedPdf:
    """Raise InvalidArgument unless `content` is a PDF, DOCX or text CV that passes its format's check.
    Text counts only under a .txt name (profileFromText sends one): a "cv.pdf" holding text is a mistake."""
    if not content:
        raise InvalidArgument("the file is empty; upload your CV as a PDF or a Word document")
    if len(content) > max_bytes:
        raise InvalidArgument(f"the file is {_megabytes(len(content))}; a CV may be at most {_megabytes(max_bytes)}")
    kind = cv_formats.sniff_cv_format(content)
    if kind == "docx":
        problem = cv_formats.docx_problem(content)
        if problem is not None:
            raise InvalidArgument(problem)
        return CheckedPdf(hashlib.sha256(content).hexdigest(), len(content), 0)
    if kind == "text" and filename.lower().endswith(".txt"):
        text = content.decode("utf-8")
        if not text.strip():
            raise InvalidArgument("the text is empty; paste the text of your CV")
        if len(text) > cv_formats.MAX_TEXT_CHARACTERS:
            raise InvalidArgument(f"the text has {len(text):,} characters; a CV may have at most "
                                  f"{cv_formats.MAX_TEXT_CHARACTERS:,}")
        return CheckedPdf(hashlib.sha256(content).hexdigest(), len(content), 0)
    if kind is None:
        raise InvalidArgument("the file is not a PDF, a Word document (.docx) or text; export your CV as PDF")
    return check_pdf(content, max_bytes=max_bytes, max_pages=max_pages)


def safe_filename(raw: str) -> str:
    """The name shown back to the user: no path, no control characters, bounded length."""
    name = _UNSAFE_FILENAME.sub("_", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip(" ._") or "cv.pdf"
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext[:9]) if dot else name[:200]
    return name


class CvStorage:
    def __init__(self, directory: Path) -> None:
        self._dir = directory

    def _path(self, sha256: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self._dir / sha256[:2] / sha256

    async def save(self, sha256: str, content: bytes) -> None:
        await asyncio.to_thread(self._save, sha256, content)

    def _save(self, sha256: str, content: bytes) -> None:
        target = self._path(sha256)
        if target.exists() and target.stat().st_size == len(content):
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def read(self, sha256: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(sha256).read_bytes)
        except FileNotFoundError:
            raise NotFound("the CV file is missing from storage; upload it again") from None

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).exists()
