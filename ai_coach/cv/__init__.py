"""CV parsing: PDF, DOCX or text bytes in, a ParsedCv (ai_coach.domain) out.

    from ai_coach.cv import parse_cv_pdf, CvParseError
    try:
        cv = parse_cv_pdf(pdf_bytes)
    except CvParseError as error:
        store_failure(error.code, error.message)

The PDF is opened only in a child process with memory, CPU, wall-clock, size and page limits
(sandbox.py and sandbox_child.py); reading order handles one- and two-column layouts (layout.py);
sections.py cuts the rows at headings and fields.py finds every field; documents.py lays out a DOCX or
a pasted text as rows for the same parser. refine.py (optional, with an LLM) is not imported here: the
sandbox's child imports this package and must stay light.
"""

from ai_coach.cv.documents import (
    parse_cv_document,
    parse_cv_document_async,
    parse_cv_docx,
    parse_cv_text,
)
from ai_coach.cv.errors import ERROR_CODES, CvParseError
from ai_coach.cv.fabrication import enforce_no_fabrication
from ai_coach.cv.parser import parse_cv_pdf, parse_cv_pdf_async
from ai_coach.cv.sandbox import DEFAULT_LIMITS, ParseLimits

__all__ = [
    "DEFAULT_LIMITS",
    "ERROR_CODES",
    "CvParseError",
    "ParseLimits",
    "enforce_no_fabrication",
    "parse_cv_document",
    "parse_cv_document_async",
    "parse_cv_docx",
    "parse_cv_pdf",
    "parse_cv_pdf_async",
    "parse_cv_text",
]
