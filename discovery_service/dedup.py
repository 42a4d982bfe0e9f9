"""How one posting is recognised when it turns up again, per user.

A posting's keys are: its board identity `src:<source>:<external id>`, the canonical form of every URL
it was seen at (`url:<url>`, tracking parameters removed) and a content fingerprint `fp:<hash>` of its
normalised title, company, locations and description, which catches the same job on two boards.
Any shared key makes two postings one; the merged posting keeps every source URL.

`plan_merge` decides, from the keys a user's inbox already knows, what storing a batch does: which
postings are new, which merge into a posting already there, and which are dropped because they match a
posting that was purged. `JobRepository.store` looks the keys up and writes the plan, under a per-user lock.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from discovery_service.domain import Candidate, Posting, Stored
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


@dataclass(slots=True)
class MergePlan:
    """What storing a batch of candidates does to one user's inbox."""

    results: list[Stored] = field(default_factory=list)  # per candidate, in the batch's order
    new_jobs: dict[str, Candidate] = field(default_factory=dict)  # new job id -> the posting to insert
    merges: dict[str, list[str]] = field(default_factory=dict)  # live job id -> source URLs to add
    key_owner: dict[str, str] = field(default_factory=dict)  # key -> job id, for keys to insert or re-point


def plan_merge(candidates: Sequence[Candidate], known: Mapping[str, str | None], *,
               user_requested: bool) -> MergePlan:
    """`known` maps the keys the user's inbox already has to their posting's id (None: a purged posting).

    A candidate sharing a key with a live posting is merged into it (its new source URLs and keys are
    added); candidates of one batch sharing a key become one posting. One sharing a key only with a purged
    posting is dropped as a duplicate, so what the user rejected or let expire does not come back, unless
    the user adds it themselves (`user_requested`)."""
    known = dict(known)
    plan = MergePlan()
    for candidate in candidates:
        live = next((known[key] for key in candidate.keys if known.get(key)), None)
        purged = any(key in known and known[key] is None for key in candidate.keys)
        if live is None and purged and not user_requested:
            plan.results.append(Stored(None, False))
            continue
        if live is None:
            job_id = str(uuid.uuid4())
            plan.new_jobs[job_id] = candidate
            plan.results.append(Stored(job_id, True))
        else:
            job_id = live
            plan.results.append(Stored(job_id, False))
            fresh_urls = [url for url in candidate.posting.source_urls
                          if (key := url_key(url)) is not None and key not in known]
            if job_id in plan.new_jobs:
                urls = plan.new_jobs[job_id].posting.source_urls
                urls.extend(url for url in fresh_urls if url not in urls)
            elif fresh_urls:
                plan.merges.setdefault(job_id, []).extend(fresh_urls)
        for key in candidate.keys:
            if known.get(key) is None:  # unknown, or a purged posting's key the user brings back
                known[key] = job_id
                plan.key_owner[key] = job_id
    return plan
