"""How one posting is recognised when it turns up again, per user.

A posting's keys are: its board identity `src:<source>:<external id>`, the canonical form of every URL
it was seen at (`url:<url>`, tracking parameters removed) and a content fingerprint `fp:<hash>` of its
normalised title, company, locations and description, which catches the same job on two boards.
Any shared key makes two postings one; the merged posting keeps every source URL.
"""

from __future__ import annotations

import hashlib
import re

from discovery_service.model import Posting
from discovery_service.text import normalise
from discovery_service.web.extract import canonical_url

# Legal-form words boards add or leave out ("Acme GmbH" on one board, "Acme" on the other).
_COMPANY_SUFFIXES = re.compile(
    r"( (inc|incorporated|llc|ltd|limited|gmbh|ag|sa|sas|sarl|bv|nv|plc|corp|corporation|co|oy|ab|as|srl|spa|kg))+$")
# Descriptions are compared on their opening: boards append their own footers (EEO text, "apply here").
_DESCRIPTION_WORDS = 120


def source_key(source: str, external_id: str) -> str:
    return f"src:{source}:{external_id}"


def url_key(url: str) -> str | None:
    try:
        return "url:" + canonical_url(url)
    except ValueError:
        return None


def fingerprint(posting: Posting) -> str:
    """Stable across boards for the same job: normalised title, company, locations and description."""
    company = _COMPANY_SUFFIXES.sub("", normalise(posting.company))
    locations = " | ".join(sorted({normalise(location) for location in posting.locations if location.strip()}))
    # Words are at most a few dozen characters: a bounded prefix holds the first _DESCRIPTION_WORDS.
    opening = posting.description_text[: _DESCRIPTION_WORDS * 40]
    description = " ".join(normalise(opening).split()[:_DESCRIPTION_WORDS])
    material = "\n".join((normalise(posting.title), company, locations, description))
    return hashlib.blake2b(material.encode(), digest_size=16).hexdigest()


def posting_keys(posting: Posting) -> list[str]:
    """Every key of a posting, board identity first."""
    keys = [source_key(posting.source, posting.external_id)]
    for url in posting.source_urls or [posting.url]:
        key = url_key(url)
        if key and key not in keys:
            keys.append(key)
    keys.append("fp:" + fingerprint(posting))
    return keys
