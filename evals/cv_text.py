"""A CV's plain text read the way the product reads it, into the engines' ProfileInput.

``profile_from_cv_text`` is the one place the evaluations turn a CV text into a profile. It takes the
product's pasted-text path (``profileFromText`` ends in ``ai_coach.cv.parse_cv_text``: one row per line
into the same parser as a PDF), the parse into a profile as ApplyParsedCv stores it
(``convert.parsed_cv_profile``, with the parse's text as ``cv_text``), and that profile into the
engines' input as the worker builds it (``convert.profile_input``).
"""

from __future__ import annotations

from ai_coach import convert
from ai_coach.cv.documents import DocumentLimits, parse_cv_text
from ai_coach.domain import ProfileInput

# The evaluations read whole resumes however long; the product's own limit is for pasted text.
_NO_LENGTH_LIMIT = DocumentLimits(max_text_characters=10**9)


def profile_from_cv_text(text: str) -> ProfileInput:
    parsed = parse_cv_text(text, _NO_LENGTH_LIMIT)
    profile = convert.parsed_cv_profile(parsed)
    profile.cv_text = parsed.text
    return convert.profile_input(profile)
