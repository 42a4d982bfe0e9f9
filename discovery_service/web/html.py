"""Sanitised HTML for display: the small safe subset of a job description that the web UI may render as is.

Plain text from HTML, for matching and search, is `common.html_text.html_to_text` (shared with ai_coach).
"""

from __future__ import annotations

import nh3

SAFE_TAGS: frozenset[str] = frozenset(
    {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "h1", "h2", "h3", "h4", "h5", "h6",
     "blockquote", "code", "pre"}
)  # fmt: skip
SAFE_URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """HTML reduced to a safe formatting subset that may be rendered as is.

    Keeps p, br, ul, ol, li, strong, em, b, i, h1-h6, blockquote, code, pre and links
    (`href` only, http/https/mailto, with rel="noopener nofollow"); other tags are unwrapped,
    scripts and styles are removed with their content, comments and attributes are dropped.
    """
    if not isinstance(html, str):
        raise TypeError(f"sanitize_html expects str, got {type(html).__name__}")
    return nh3.clean(
        html,
        tags=set(SAFE_TAGS),
        clean_content_tags={"script", "style", "noscript", "template", "iframe", "object", "svg", "title"},
        attributes={"a": {"href"}},
        link_rel="noopener nofollow",
        url_schemes=set(SAFE_URL_SCHEMES),
        strip_comments=True,
    ).strip()
