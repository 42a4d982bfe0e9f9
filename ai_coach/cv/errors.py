"""The one error a CV parse can end in, with a stable code for machines and a sentence for people."""

from __future__ import annotations

NOT_A_PDF = "NOT_A_PDF"
TOO_LARGE = "TOO_LARGE"
ENCRYPTED = "ENCRYPTED"
MALFORMED = "MALFORMED"
NO_PAGES = "NO_PAGES"
TOO_MANY_PAGES = "TOO_MANY_PAGES"
NO_TEXT_LAYER = "NO_TEXT_LAYER"
TIMEOUT = "TIMEOUT"
RESOURCE_LIMIT = "RESOURCE_LIMIT"

ERROR_CODES = frozenset(
    {
        NOT_A_PDF,
        TOO_LARGE,
        ENCRYPTED,
        MALFORMED,
        NO_PAGES,
        TOO_MANY_PAGES,
        NO_TEXT_LAYER,
        TIMEOUT,
        RESOURCE_LIMIT,
    }
)


# The sandbox child's exit status when memory runs out outside its guarded extraction (writing the result).
EXIT_OUT_OF_MEMORY = 3


class CvParseError(Exception):
    """A CV that could not be parsed.

    `code` is one of ERROR_CODES (stored with the failure and shown to clients as a typed error);
    `message` is a full sentence the user can act on, free of stack traces and library names.
    """

    def __init__(self, code: str, message: str) -> None:
        if code not in ERROR_CODES:
            raise ValueError(f"unknown CV parse error code {code!r}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
