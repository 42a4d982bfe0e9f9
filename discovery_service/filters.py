"""The filters every posting goes through, whether found by a scheduled run, pasted as a URL or typed in.

- Red flags (a saved search's "unpaid", "commission only", "crypto"...) match case- and
  accent-insensitively, as whole words and phrases, over title, company and description. A scheduled
  posting that hits one is dropped with the reason `red_flag:<flag>`; a posting the user added
  themselves is kept and marked, since they asked for it.
- Relevance decides whether a scheduled posting is worth the inbox: its title must contain every word of
  one of the search's titles, and when the search lists keywords, one of them must appear in the title,
  description or tags. Remote policy, location and salary floor filter only where the posting states
  them: a posting that does not say where or how much is given the benefit of the doubt.

Pure functions over `domain.Posting`; nothing here knows about gRPC or PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from common.pay import PERIODS_PER_YEAR
from discovery_service.domain import Posting, RemoteType, SearchCriteria
from discovery_service.text import MatchText, normalise_phrase

# Filter reasons, as runs count them (DiscoveryRun.filtered_by_reason).
RED_FLAG_PREFIX = "red_flag:"
IRRELEVANT_TITLE = "irrelevant_title"
NO_KEYWORD = "no_keyword"
REMOTE_POLICY = "remote_policy"
LOCATION = "location"
SALARY_BELOW_FLOOR = "salary_below_floor"

# To compare a posting's pay with a yearly floor: common.pay's table, as the fit score and the offer
# comparison use it (the feed's salary narrowing reads it under this name).
YEARLY_FACTOR = PERIODS_PER_YEAR


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the filters say about one posting."""

    red_flags: tuple[str, ...] = ()  # the flags it hit, in the search's own wording
    drop_reason: str | None = None  # set when a scheduled run must not put it in the inbox

    @property
    def keep(self) -> bool:
        return self.drop_reason is None


def posting_text(posting: Posting) -> MatchText:
    """Title, company and description, normalised once for every red flag."""
    return MatchText(posting.title, posting.company, posting.description_text)


def find_red_flags(posting: Posting, flags: Iterable[str], text: MatchText | None = None) -> list[str]:
    """The flags the posting hits (each once, in the given order and wording)."""
    text = text or posting_text(posting)
    hits: list[str] = []
    seen: set[str] = set()
    for flag in flags:
        key = normalise_phrase(flag)
        if key and key not in seen and text.has(flag):
            seen.add(key)
            hits.append(flag.strip())
    return hits


def irrelevance(posting: Posting, criteria: SearchCriteria) -> str | None:
    """Why a scheduled posting is not worth the inbox, or None when it is."""
    if criteria.titles:
        title = MatchText(posting.title)
        if not any(title.has_all_words(wanted) for wanted in criteria.titles):
            return IRRELEVANT_TITLE
    if criteria.keywords:
        text = MatchText(posting.title, posting.description_text, " ".join(posting.skills))
        if not any(text.has(keyword) for keyword in criteria.keywords):
            return NO_KEYWORD
    if _remote_mismatch(posting.remote_type, criteria.remote_policy):
        return REMOTE_POLICY
    if _location_mismatch(posting, criteria):
        return LOCATION
    if _below_floor(posting, criteria):
        return SALARY_BELOW_FLOOR
    return None


def screen(posting: Posting, criteria: SearchCriteria, *, user_requested: bool) -> Verdict:
    """Red flags and relevance together. A posting the user asked for is only marked, never dropped."""
    flags = tuple(find_red_flags(posting, criteria.red_flags))
    if user_requested:
        return Verdict(red_flags=flags)
    if flags:
        return Verdict(red_flags=flags, drop_reason=RED_FLAG_PREFIX + normalise_phrase(flags[0]))
    return Verdict(drop_reason=irrelevance(posting, criteria))


def explain(posting: Posting, criteria: SearchCriteria, *, user_requested: bool) -> list[str]:
    """Why a posting passes the search's filters, as codes a client words in its own language:
    "title:<search title>", "keyword:<keyword>", "remote:<type>" / "remote_unstated",
    "location:<place>" / "location_remote" / "location_unstated", "salary_meets_floor" /
    "salary_unstated" / "salary_other_currency", "no_red_flags"; a posting the user added is
    "added_by_user" (its red flags, if any, are on the posting). Checks the search has no setting for
    are left out."""
    if user_requested:
        return ["added_by_user"]
    reasons: list[str] = []
    title = MatchText(posting.title)
    wanted = next((t for t in criteria.titles if title.has_all_words(t)), None)
    if wanted is not None:
        reasons.append(f"title:{wanted.strip()}")
    if criteria.keywords:
        text = MatchText(posting.title, posting.description_text, " ".join(posting.skills))
        reasons.extend(f"keyword:{k.strip()}" for k in criteria.keywords if text.has(k))
    if criteria.remote_policy not in ("", "ANY"):
        reasons.append("remote_unstated" if posting.remote_type is RemoteType.UNKNOWN
                       else f"remote:{posting.remote_type.value}")
    if criteria.locations:
        if posting.remote_type is RemoteType.REMOTE:
            reasons.append("location_remote")
        elif not posting.locations:
            reasons.append("location_unstated")
        else:
            where = MatchText(*posting.locations)
            reasons.extend(f"location:{place.strip()}" for place in criteria.locations if where.has(place))
    if criteria.salary_min:
        salary = posting.salary
        if salary.max is None and salary.min is None:
            reasons.append("salary_unstated")
        elif criteria.salary_currency and (salary.currency or "").upper() != criteria.salary_currency.upper():
            reasons.append("salary_other_currency")
        else:
            reasons.append("salary_meets_floor")
    if criteria.red_flags:
        reasons.append("no_red_flags")
    return reasons


def _remote_mismatch(remote_type: RemoteType, policy: str) -> bool:
    if remote_type is RemoteType.UNKNOWN or policy in ("", "ANY"):
        return False
    if policy == "REMOTE":
        return remote_type is not RemoteType.REMOTE
    if policy == "HYBRID":  # someone open to hybrid work takes remote too, but not five days on site
        return remote_type is RemoteType.ON_SITE
    if policy == "ON_SITE":
        return remote_type is RemoteType.REMOTE
    return False


def _location_mismatch(posting: Posting, criteria: SearchCriteria) -> bool:
    # A fully remote posting's "location" is usually where the company sits or whom it hires: not filtered.
    if not criteria.locations or not posting.locations or posting.remote_type is RemoteType.REMOTE:
        return False
    where = MatchText(*posting.locations)
    return not any(where.has(wanted) for wanted in criteria.locations)


def _below_floor(posting: Posting, criteria: SearchCriteria) -> bool:
    salary = posting.salary
    offered = salary.max if salary.max is not None else salary.min
    if criteria.salary_min is None or criteria.salary_min <= 0 or offered is None:
        return False
    if criteria.salary_currency and salary.currency and criteria.salary_currency.upper() != salary.currency.upper():
        return False  # no exchange rates here: a posting in another currency is not judged
    if criteria.salary_currency and not salary.currency:
        return False
    yearly = offered * YEARLY_FACTOR.get(salary.period, 1)
    return yearly < criteria.salary_min
