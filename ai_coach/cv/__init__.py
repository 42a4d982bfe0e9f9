"""CV parsing: PDF bytes in, a ParsedCv (ai_coach.domain) out.

    from ai_coach.cv import parse_cv_pdf, CvParseError
    try:
        cv = parse_cv_pdf(pdf_bytes)
    except CvParseError as error:
        store_failure(error.code, error.message)

The PDF is opened only in a child process with memory, CPU, wall-clock, size and page limits
(see runner.py and _extract.py); reading order handles one- and two-column layouts (layout.py).
"""

from ai_coach.cv.errors import ERROR_CODES, CvParseError
from ai_coach.cv.fabrication import enforce_no_fabrication
from ai_coach.cv.limits import DEFAULT_LIMITS, ParseLimits
from ai_coach.cv.parser import parse_cv_pdf, parse_cv_pdf_async

__all__ = [
    "DEFAULT_LIMITS",
    "ERROR_CODES",
    "CvParseError",
    "ParseLimits",
    "enforce_no_fabrication",
    "parse_cv_pdf",
    "parse_cv_pdf_async",
]
