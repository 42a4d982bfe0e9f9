"""The calendar: the iCalendar (RFC 5545) export of a user's follow-ups and interview dates, and the
feed tokens that make it a subscribable URL.

Each date is one VEVENT with a stable UID (the application id and the kind of date), so a calendar
client that subscribes to the export updates the same event when a follow-up is snoozed rather than
adding a new one. Follow-ups carry a display alarm at their time.

A feed token is 32 random bytes, URL-safe base64. Only its SHA-256 is stored (a plain hash suffices:
the token has 256 bits of entropy, so nothing can be guessed from the hash), which means the token can
be shown only when it is made; a user who lost the URL rotates it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from tracker_service.domain import Application

PRODID = "-//JobMate//Tracker//EN"
FOLLOW_UP_DURATION = timedelta(minutes=15)
INTERVIEW_DURATION = timedelta(hours=1)
FEED_TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything much longer is not one of ours and is not hashed.
MAX_FEED_TOKEN_CHARS = 64


def _what(application: Application) -> str:
    job = application.job
    if job.title and job.company:
        return f"{job.title} at {job.company}"
    return job.title or job.company or "a job application"


def _event(uid: str, summary: str, start: datetime, duration: timedelta, application: Application,
           stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", start.astimezone(UTC) + duration)
    event.add("summary", summary)
    details = [f"Status: {application.status}"]
    if application.job.location:
        event.add("location", application.job.location)
    if application.job.url:
        event.add("url", application.job.url)
        details.append(application.job.url)
    event.add("description", "\n".join(details))
    return event


def build_calendar(applications: Iterable[Application], *, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "JobMate follow-ups and interviews")
    for application in applications:
        if application.follow_up_at is not None:
            event = _event(f"{application.id}-follow-up@jobmate", f"Follow up: {_what(application)}",
                           application.follow_up_at, FOLLOW_UP_DURATION, application, stamp)
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Follow up: {_what(application)}")
            alarm.add("trigger", timedelta(0))
            event.add_component(alarm)
            calendar.add_component(event)
        if application.interview_at is not None:
            calendar.add_component(_event(f"{application.id}-interview@jobmate", f"Interview: {_what(application)}",
                                          application.interview_at, INTERVIEW_DURATION, application, stamp))
    return calendar.to_ical().decode()


# --- feed tokens -----------------------------------------------------------------------------------
def new_feed_token() -> str:
    return secrets.token_urlsafe(FEED_TOKEN_BYTES)


def feed_token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode()).digest()


def plausible_feed_token(token: str) -> bool:
    return 0 < len(token) <= MAX_FEED_TOKEN_CHARS
