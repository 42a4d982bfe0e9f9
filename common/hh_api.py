"""The HH.ru API for a job seeker's linked account: OAuth tokens, resumes, negotiations (applies).

Used by profile_service (linking, tokens, resumes) and tracker_service (applying); discovery's vacancy
search has its own anonymous source. Every request carries `HH-User-Agent` (the operator's application
name and contact, HH refuses calls without it: 400 `bad_user_agent`). What HH refuses becomes an
`HhError` with HH's `type` and `value` (or, from the token endpoint, its `error` and
`error_description`); timeouts and connection failures are `HhError(status=0)` and 5xx are transient.

See docs/hh.md for the requests and answers this follows, and tests/fakes/hh.py for the fake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

DEFAULT_API_URL = "https://api.hh.ru"
DEFAULT_AUTHORIZE_URL = "https://hh.ru/oauth/authorize"


class HhError(Exception):
    """HH refused or could not be reached. `type`/`value` are HH's (`oauth`/`token_expired`,
    `negotiations`/`limit_exceeded`, `invalid_grant`/"code has already been used"...)."""

    def __init__(self, status: int, type_: str, value: str = "", *, description: str = "") -> None:
        super().__init__(f"HH answered {status or 'nothing'}: {type_}{'/' + value if value else ''}")
        self.status = status
        self.type = type_
        self.value = value
        self.description = description

    @property
    def token_expired(self) -> bool:
        return self.type == "oauth" and self.value == "token_expired"

    @property
    def transient(self) -> bool:
        """Worth trying again later: a timeout, no connection, or a 5xx."""
        return self.status == 0 or self.status >= 500

    @property
    def reason(self) -> str:
        return self.value or self.type


@dataclass(frozen=True, slots=True)
class HhTokens:
    access_token: str
    refresh_token: str
    expires_in_s: int


@dataclass(frozen=True, slots=True)
class HhUser:
    id: str
    email: str
    name: str


@dataclass(frozen=True, slots=True)
class HhResume:
    id: str
    title: str
    status: str  # published, not_published, blocked...
    url: str
    updated_at: datetime | None


@dataclass(frozen=True, slots=True)
class HhNegotiation:
    id: str
    vacancy_id: str
    resume_id: str
    state: str


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:  # HH writes "2025-12-01T10:00:00+0300"
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def resume_from_json(item: dict[str, Any]) -> HhResume:
    status = item.get("status") if isinstance(item.get("status"), dict) else {}
    return HhResume(id=_text(item.get("id")), title=_text(item.get("title")) or "(untitled resume)",
                    status=_text(status.get("id")), url=_text(item.get("alternate_url")),
                    updated_at=_time(item.get("updated_at")))


def negotiation_from_json(item: dict[str, Any]) -> HhNegotiation:
    def nested_id(key: str) -> str:
        value = item.get(key)
        return _text(value.get("id")) if isinstance(value, dict) else ""

    return HhNegotiation(id=_text(item.get("id")), vacancy_id=nested_id("vacancy"), resume_id=nested_id("resume"),
                         state=nested_id("state"))


def _error_from(response: httpx.Response) -> HhError:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        first = body["errors"][0] if isinstance(body["errors"][0], dict) else {}
        return HhError(response.status_code, _text(first.get("type")) or "unknown", _text(first.get("value")))
    if isinstance(body, dict) and body.get("error"):  # the token endpoint speaks RFC 6749
        return HhError(response.status_code, _text(body["error"]), _text(body.get("error_description")),
                       description=_text(body.get("error_description")))
    return HhError(response.status_code, "server_error" if response.status_code >= 500 else "unknown")


class HhApi:
    def __init__(self, *, api_url: str, user_agent: str, timeout_s: float = 10.0) -> None:
        self._client = httpx.AsyncClient(base_url=api_url.rstrip("/"), timeout=timeout_s, follow_redirects=False,
                                         headers={"HH-User-Agent": user_agent, "User-Agent": user_agent})

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _send(self, method: str, path: str, *, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            response = await self._client.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as exc:
            raise HhError(0, "timeout", description=str(exc)) from exc
        except httpx.HTTPError as exc:
            raise HhError(0, "network", description=str(exc)) from exc
        if response.status_code >= 400:
            raise _error_from(response)
        return response

    async def _json(self, path: str, *, token: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        response = await self._send("GET", path, token=token, params=params)
        try:
            body = response.json()
        except ValueError:
            raise HhError(response.status_code, "bad_response", description="not JSON") from None
        if not isinstance(body, dict):
            raise HhError(response.status_code, "bad_response", description="not a JSON object")
        return body

    # --- OAuth ----------------------------------------------------------------------------------------
    async def _token(self, form: dict[str, str]) -> HhTokens:
        response = await self._send("POST", "/token", data=form)
        body = response.json()
        try:
            return HhTokens(body["access_token"], body.get("refresh_token") or "", int(body.get("expires_in") or 0))
        except (KeyError, TypeError, ValueError):
            raise HhError(response.status_code, "bad_response", description="no access_token") from None

    async def exchange_code(self, *, client_id: str, client_secret: str, code: str, redirect_uri: str) -> HhTokens:
        form = {"grant_type": "authorization_code", "client_id": client_id, "client_secret": client_secret,
                "code": code}
        if redirect_uri:
            form["redirect_uri"] = redirect_uri
        return await self._token(form)

    async def refresh(self, *, refresh_token: str) -> HhTokens:
        return await self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    async def revoke(self, *, token: str) -> None:
        await self._send("DELETE", "/oauth/token", token=token)

    # --- the job seeker's methods ---------------------------------------------------------------------
    async def me(self, *, token: str) -> HhUser:
        body = await self._json("/me", token=token)
        name = " ".join(part for part in (_text(body.get("first_name")), _text(body.get("last_name"))) if part)
        return HhUser(_text(body.get("id")), _text(body.get("email")), name)

    async def resumes_mine(self, *, token: str) -> list[HhResume]:
        body = await self._json("/resumes/mine", token=token)
        return [resume_from_json(item) for item in body.get("items") or [] if isinstance(item, dict)]

    async def suitable_resumes(self, *, token: str, vacancy_id: str) -> list[HhResume]:
        body = await self._json(f"/vacancies/{vacancy_id}/suitable_resumes", token=token)
        return [resume_from_json(item) for item in body.get("items") or [] if isinstance(item, dict)]

    async def negotiations_for(self, *, token: str, vacancy_id: str) -> list[HhNegotiation]:
        body = await self._json("/negotiations", token=token, params={"vacancy_id": vacancy_id, "per_page": 100})
        return [negotiation_from_json(item) for item in body.get("items") or [] if isinstance(item, dict)]

    async def apply(self, *, token: str, vacancy_id: str, resume_id: str, message: str) -> str:
        """POST /negotiations as multipart; the new negotiation's id (from `Location`), "" if HH gave none."""
        fields = {"vacancy_id": (None, vacancy_id), "resume_id": (None, resume_id), "message": (None, message)}
        response = await self._send("POST", "/negotiations", token=token, files=fields)
        if response.status_code == 303:  # a "direct" vacancy: apply on the employer's site
            raise HhError(303, "negotiations", "direct_vacancy", description=response.headers.get("location", ""))
        return response.headers.get("location", "").rstrip("/").rsplit("/", 1)[-1]


# --- what a refusal means to the user -------------------------------------------------------------------
# The account itself is no longer accepted: the user links it again.
RELINK_VALUES = frozenset({"token_revoked", "bad_authorization", "token was revoked", "token deactivated",
                           "token has already been refreshed", "password invalidated", "bad token",
                           "token not found"})
# HH refuses this installation the job-seeker methods (the December 2025 restriction, docs/hh.md).
RESTRICTED_VALUES = frozenset({"application_not_found", "user_auth_expected", "forbidden",
                               "action_must_be_payed"})
_DEGRADED = "open the vacancy on HH.ru, paste the letter there, then mark the card applied"
_REASONS = {
    "test_required": "the employer asks for a test before applying: " + _DEGRADED,
    "resume_visibility_conflict": "the resume's visibility settings hide it from this employer: change them on "
                                  "HH.ru or pick another resume",
    "empty_message": "this employer requires a cover letter: write one and apply again",
    "too_long_message": "the cover letter is too long for HH.ru: shorten it and apply again",
    "application_denied": "the employer does not take applications through HH.ru for this vacancy: "
                          + _DEGRADED,
    "resume_not_found": "HH.ru does not know that resume (hidden or deleted): pick another one",
    "invalid_vacancy": "the vacancy is archived or hidden on HH.ru",
    "archived": "the vacancy is archived on HH.ru",
    "not_found": "the vacancy no longer exists on HH.ru",
    "direct_vacancy": "this employer takes applications on their own site only: " + _DEGRADED,
    "disabled_by_employer": "the employer turned applications off: " + _DEGRADED,
}


def is_restricted(error: HhError) -> bool:
    return error.value in RESTRICTED_VALUES or (error.status == 403 and error.type == "forbidden")


def needs_relink(error: HhError) -> bool:
    return error.value in RELINK_VALUES


def describe_refusal(error: HhError) -> str:
    """One sentence for the user: what HH said and what to do."""
    if error.transient:
        return "HH.ru is not answering right now; try again in a moment"
    if is_restricted(error):
        return (f"HH.ru refused this installation access to job-seeker methods ({error.reason}): applying "
                f"through JobMate is not available here; {_DEGRADED}")
    if needs_relink(error):
        return f"HH.ru no longer accepts your linked account ({error.reason}): link it again"
    if error.reason in _REASONS:
        return f"HH.ru: {_REASONS[error.reason]} ({error.reason})"
    return f"HH.ru refused ({error.type}{': ' + error.value if error.value else ''})"
