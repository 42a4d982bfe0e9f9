"""A fake HH.ru over real HTTP on 127.0.0.1: the OAuth pages and endpoints and the job-seeker methods
JobMate uses, answering as HH's documentation (github.com/hhru/api, docs_eng/) says they answer.

    with FakeHH() as hh:
        seeker = hh.add_user(resumes=[hh_resume("r1", "Python developer")])
        hh.vacancy("100", outcome="test_required")       # POST /negotiations for it answers that
        ... point JobMate at hh.base_url (HH_API_URL, HH_AUTHORIZE_URL = hh.authorize_url) ...
        code = hh.approve(authorize_url_jobmate_built, seeker)   # what the user's "Allow" click does
        assert len(hh.negotiations_of(seeker)) == 1

What it reproduces:
- `GET /oauth/authorize` (an HTML page with an "Allow" button for the browser; the form posts back and
  is redirected to `redirect_uri?code=...&state=...`, or `?error=access_denied` with "Deny");
- `POST /token` (and the older `/oauth/token`) with `authorization_code` and `refresh_token` grants and
  the documented errors (`invalid_client`, `invalid_grant` "code has already been used" / "code
  expired" / "token has already been refreshed" / "token not expired" / "token was revoked",
  `invalid_request` "code not found" / "token not found" / "bad redirect url",
  `unsupported_grant_type`); refresh tokens are single-use and refreshing a live access token is refused;
- `DELETE /oauth/token` (revoke: 204, both tokens stop working);
- `GET /me`, `GET /resumes/mine`, `GET /vacancies/{id}/suitable_resumes`,
  `GET /negotiations?vacancy_id=`, `POST /negotiations` (multipart or form: vacancy_id, resume_id,
  message) → 201 with `Location: /negotiations/{nid}`, or `{"errors": [{"type": "negotiations",
  "value": reason}]}`: `already_applied` (403, also when the user did apply), `test_required`,
  `resume_visibility_conflict`, `empty_message`, `too_long_message`, `application_denied` (403),
  `limit_exceeded` (400, also after `daily_limit` negotiations), or a 5xx;
- every API call without `HH-User-Agent` → 400 `bad_user_agent`/`unset`; without or with a bad bearer
  token → 403 `oauth` `bad_authorization`; an expired one → 403 `oauth` `token_expired`; a revoked one
  → `token_revoked`; with `refuse_job_seeker_methods` set (HH's December 2025 restriction) the resume
  and negotiation methods answer 403 `oauth` with that value (`application_not_found`,
  `user_auth_expected`...).

Time is the fake's own clock (`advance(seconds)`), so token expiry is moved by the test, not slept.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.fakes.server import LoopbackFake, LoopbackServer

ACCESS_TTL_S = 14 * 24 * 3600  # HH's access tokens live two weeks
CODE_TTL_S = 600
MAX_MESSAGE = 10_000
NEEDS_USER_REASONS = ("test_required", "resume_visibility_conflict", "empty_message", "too_long_message",
                      "application_denied")


def hh_resume(resume_id: str, title: str, *, status: str = "published") -> dict[str, Any]:
    """A resume as `GET /resumes/mine` lists it (the fields JobMate reads, and a few it does not)."""
    return {"id": resume_id, "title": title, "status": {"id": status, "name": status},
            "access": {"type": {"id": "everyone", "name": "visible to all employers"}},
            "alternate_url": f"https://hh.ru/resume/{resume_id}", "url": f"https://api.hh.ru/resumes/{resume_id}",
            "created_at": "2025-11-01T10:00:00+0300", "updated_at": "2025-12-01T10:00:00+0300",
            "first_name": "Ivan", "last_name": "Petrov"}


@dataclass
class FakeSeeker:
    id: str
    email: str
    resumes: list[dict[str, Any]]
    negotiations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Grant:
    user: FakeSeeker
    client_id: str
    access_expires_at: float
    refresh_token: str
    revoked: bool = False
    refreshed: bool = False  # its refresh token was used
    refresh_refusal: str = ""  # what HH answers to its refresh token ("token deactivated"...)


@dataclass
class _Code:
    user: FakeSeeker
    client_id: str
    redirect_uri: str
    expires_at: float
    used: bool = False


@dataclass(frozen=True, slots=True)
class HhRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    form: dict[str, str]


def _errors(status: int, type_: str, value: str | None = None) -> JSONResponse:
    item = {"type": type_} if value is None else {"type": type_, "value": value}
    return JSONResponse({"errors": [item], "request_id": secrets.token_hex(8)}, status_code=status)


def _oauth_error(error: str, description: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": error, "error_description": description}, status_code=status)


class FakeHH(LoopbackFake):
    """The fake server. Use as a context manager, or start()/stop()."""

    def __init__(self, *, client_id: str = "jobmate-test-app", client_secret: str = "jobmate-test-secret",
                 redirect_uri: str = "http://127.0.0.1/hh/callback") -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.users: dict[str, FakeSeeker] = {}
        self.signed_in: FakeSeeker | None = None  # who the authorize page acts for
        self.refuse_job_seeker_methods: str | None = None
        self.daily_limit: int | None = None
        self._outcomes: dict[str, list[str]] = {}
        self._failures: list[int] = []  # statuses the next negotiation POSTs answer
        self._codes: dict[str, _Code] = {}
        self._grants: dict[str, _Grant] = {}  # by access token
        self._by_refresh: dict[str, _Grant] = {}
        self._negotiation_ids = itertools.count(9001)
        self._requests: list[HhRequest] = []
        self._lock = threading.Lock()
        self._offset = 0.0
        # While set and not released, a stored negotiation is not answered (the test plays a crash between
        # HH storing it and JobMate hearing back); `release` lets the held answers go.
        self.hold_negotiation_answers: threading.Event | None = None
        self.app = Starlette(routes=[
            Route("/oauth/authorize", self._authorize_page, methods=["GET"]),
            Route("/oauth/authorize", self._authorize_submit, methods=["POST"]),
            Route("/token", self._token, methods=["POST"]),
            Route("/oauth/token", self._token, methods=["POST"]),
            Route("/oauth/token", self._revoke, methods=["DELETE"]),
            Route("/me", self._me, methods=["GET"]),
            Route("/resumes/mine", self._resumes_mine, methods=["GET"]),
            Route("/vacancies/{vacancy_id}/suitable_resumes", self._suitable_resumes, methods=["GET"]),
            Route("/negotiations", self._list_negotiations, methods=["GET"]),
            Route("/negotiations", self._post_negotiation, methods=["POST"]),
        ])
        self._server = LoopbackServer(self.app, name="fake HH")

    @property
    def authorize_url(self) -> str:
        return f"{self.base_url}/oauth/authorize"

    def jobmate_settings(self, **overrides: Any) -> dict[str, Any]:
        """The settings that point JobMate's profile and tracker services at this fake."""
        return {"hh_client_id": self.client_id, "hh_client_secret": self.client_secret,
                "hh_redirect_uri": self.redirect_uri, "hh_api_url": self.base_url,
                "hh_authorize_url": self.authorize_url, "hh_user_agent": "JobMate-test/1.0 (ops@example.org)",
                "hh_timeout_s": 5.0, **overrides}

    # -- what tests set up ---------------------------------------------------------------------------
    def now(self) -> float:
        return time.time() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock (access tokens and codes expire by it)."""
        self._offset += seconds

    def add_user(self, *, resumes: list[dict[str, Any]] | None = None, email: str = "") -> FakeSeeker:
        user_id = str(len(self.users) + 1001)
        user = FakeSeeker(user_id, email or f"seeker{user_id}@example.ru",
                          resumes if resumes is not None else [hh_resume(f"res{user_id}", "Python developer")])
        self.users[user_id] = user
        self.signed_in = self.signed_in or user
        return user

    def vacancy(self, vacancy_id: str, *outcomes: str) -> None:
        """What POST /negotiations answers for this vacancy, in turn (the last one repeats): "created" (the
        default), a reason from the docs (`test_required`, `limit_exceeded`, ...), or "500"/"503"."""
        self._outcomes[vacancy_id] = list(outcomes)

    def fail_next_negotiations(self, *statuses: int) -> None:
        """The next negotiation POSTs answer these 5xx statuses (nothing stored), whatever the vacancy."""
        self._failures.extend(statuses)

    def approve(self, authorize_url: str, user: FakeSeeker | None = None) -> tuple[str, str]:
        """What the user's "Allow" does, without a browser: (code, state) for the URL JobMate built.
        Raises ValueError when the page would refuse it (unknown client, redirect mismatch)."""
        params = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        refusal = self._check_authorize(params)
        if refusal:
            raise ValueError(refusal)
        return self._issue_code(user or self._default_user(), params), params.get("state", "")

    def grant_count(self) -> int:
        with self._lock:
            return sum(1 for g in self._grants.values() if not g.revoked)

    def expire_access_tokens(self) -> None:
        """Every issued access token is past its lifetime now (HH answers token_expired)."""
        with self._lock:
            for grant in self._grants.values():
                grant.access_expires_at = min(grant.access_expires_at, self.now() - 1)

    def deactivate_refresh_tokens(self, reason: str = "token deactivated") -> None:
        """What HH does when the user changes their password: refresh tokens are refused."""
        with self._lock:
            for grant in self._grants.values():
                grant.refresh_refusal = reason

    def negotiations_of(self, user: FakeSeeker, vacancy_id: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [n for n in user.negotiations if vacancy_id is None or n["vacancy"]["id"] == vacancy_id]

    @property
    def requests(self) -> list[HhRequest]:
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str, method: str | None = None) -> list[HhRequest]:
        return [r for r in self.requests if r.path == path and (method is None or r.method == method)]

    # -- OAuth pages ---------------------------------------------------------------------------------
    def _default_user(self) -> FakeSeeker:
        if self.signed_in is None:
            raise RuntimeError("add_user() first: nobody is signed in at the fake HH")
        return self.signed_in

    def _check_authorize(self, params: dict[str, str]) -> str | None:
        if params.get("response_type") != "code":
            return "response_type must be code"
        if params.get("client_id") != self.client_id:
            return "unknown client_id"
        redirect = params.get("redirect_uri")
        if redirect and redirect != self.redirect_uri:
            return "bad redirect url"
        return None

    def _issue_code(self, user: FakeSeeker, params: dict[str, str]) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = _Code(user, params["client_id"], params.get("redirect_uri", ""),
                                      self.now() + CODE_TTL_S)
        return code

    async def _authorize_page(self, request: Request) -> Response:
        await self._record(request)
        params = dict(request.query_params)
        refusal = self._check_authorize(params)
        if refusal:
            return HTMLResponse(f"<h1>Error</h1><p id='error'>{html.escape(refusal)}</p>", status_code=400)
        hidden = "".join(f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(v)}'>"
                         for k, v in params.items())
        who = html.escape(self._default_user().email)
        return HTMLResponse(
            "<!doctype html><title>HeadHunter: allow access</title>"
            f"<h1>Allow JobMate to use your hh.ru account?</h1><p>Signed in as {who}</p>"
            f"<form method='post' action='/oauth/authorize'>{hidden}"
            "<button name='decision' value='allow' id='allow'>Allow</button>"
            "<button name='decision' value='deny' id='deny'>Deny</button></form>")

    async def _authorize_submit(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        await self._record(request, form)
        refusal = self._check_authorize(form)
        if refusal:
            return HTMLResponse(f"<p id='error'>{html.escape(refusal)}</p>", status_code=400)
        target = form.get("redirect_uri") or self.redirect_uri
        query = {"state": form.get("state", "")}
        if form.get("decision") == "allow":
            query["code"] = self._issue_code(self._default_user(), form)
        else:
            query["error"] = "access_denied"
        return RedirectResponse(f"{target}?{urlencode(query)}", status_code=302)

    # -- tokens --------------------------------------------------------------------------------------
    async def _token(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        await self._record(request, form)
        if missing := self._user_agent_refusal(request):
            return missing
        grant_type = form.get("grant_type", "")
        if grant_type == "authorization_code":
            if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
                return _oauth_error("invalid_client", "client_id or client_secret not found")
            return self._exchange_code(form)
        if grant_type == "refresh_token":
            return self._refresh(form)
        if not grant_type:
            return _oauth_error("invalid_request", "grant_type is empty")
        return _oauth_error("unsupported_grant_type", "unsupported grant_type")

    def _exchange_code(self, form: dict[str, str]) -> Response:
        with self._lock:
            code = self._codes.get(form.get("code", ""))
            if code is None:
                return _oauth_error("invalid_request", "code not found")
            if code.used:
                return _oauth_error("invalid_grant", "code has already been used")
            if code.expires_at < self.now():
                return _oauth_error("invalid_grant", "code expired")
            if code.redirect_uri and form.get("redirect_uri") != code.redirect_uri:
                return _oauth_error("invalid_request", "bad redirect url")
            code.used = True
            return JSONResponse(self._new_grant(code.user, code.client_id))

    def _refresh(self, form: dict[str, str]) -> Response:
        token = form.get("refresh_token", "")
        if not token:
            return _oauth_error("invalid_request", "token is empty")
        with self._lock:
            grant = self._by_refresh.get(token)
            if grant is None:
                return _oauth_error("invalid_request", "token not found")
            if grant.revoked:
                return _oauth_error("invalid_grant", "token was revoked")
            if grant.refresh_refusal:
                return _oauth_error("invalid_grant", grant.refresh_refusal)
            if grant.refreshed:
                return _oauth_error("invalid_grant", "token has already been refreshed")
            if grant.access_expires_at > self.now():
                return _oauth_error("invalid_grant", "token not expired")
            grant.refreshed = True
            grant.revoked = True
            return JSONResponse(self._new_grant(grant.user, grant.client_id))

    def _new_grant(self, user: FakeSeeker, client_id: str) -> dict[str, Any]:
        access, refresh = "USER" + secrets.token_hex(24), "REFR" + secrets.token_hex(24)
        grant = _Grant(user, client_id, self.now() + ACCESS_TTL_S, refresh)
        self._grants[access] = grant
        self._by_refresh[refresh] = grant
        return {"access_token": access, "token_type": "bearer", "refresh_token": refresh,
                "expires_in": ACCESS_TTL_S}

    async def _revoke(self, request: Request) -> Response:
        await self._record(request)
        grant, refusal = self._authorised(request)
        if refusal is not None:
            return refusal
        with self._lock:
            grant.revoked = True
        return Response(status_code=204)

    # -- the API -------------------------------------------------------------------------------------
    async def _record(self, request: Request, form: dict[str, str] | None = None) -> None:
        entry = HhRequest(request.method, request.url.path, dict(request.query_params),
                          {k.lower(): v for k, v in request.headers.items()}, form or {})
        with self._lock:
            self._requests.append(entry)

    def _user_agent_refusal(self, request: Request) -> Response | None:
        if not request.headers.get("hh-user-agent", "").strip():
            return _errors(400, "bad_user_agent", "unset")
        return None

    def _authorised(self, request: Request) -> tuple[Any, Response | None]:
        if missing := self._user_agent_refusal(request):
            return None, missing
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        with self._lock:
            grant = self._grants.get(token.strip()) if scheme.lower() == "bearer" else None
            if grant is None:
                return None, _errors(403, "oauth", "bad_authorization")
            if grant.revoked:
                return None, _errors(403, "oauth", "token_revoked")
            if grant.access_expires_at <= self.now():
                return None, _errors(403, "oauth", "token_expired")
        return grant, None

    def _seeker(self, request: Request) -> tuple[FakeSeeker | None, Response | None]:
        grant, refusal = self._authorised(request)
        if refusal is not None:
            return None, refusal
        if self.refuse_job_seeker_methods:
            return None, _errors(403, "oauth", self.refuse_job_seeker_methods)
        return grant.user, None

    async def _me(self, request: Request) -> Response:
        await self._record(request)
        grant, refusal = self._authorised(request)
        if refusal is not None:
            return refusal
        user = grant.user
        return JSONResponse({"id": user.id, "email": user.email, "first_name": "Ivan", "last_name": "Petrov",
                             "is_applicant": True, "is_employer": False})

    async def _resumes_mine(self, request: Request) -> Response:
        await self._record(request)
        user, refusal = self._seeker(request)
        if refusal is not None:
            return refusal
        return JSONResponse({"found": len(user.resumes), "page": 0, "pages": 1, "per_page": 20,
                             "items": user.resumes})

    async def _suitable_resumes(self, request: Request) -> Response:
        await self._record(request)
        user, refusal = self._seeker(request)
        if refusal is not None:
            return refusal
        items = [r for r in user.resumes if r["status"]["id"] == "published"]
        return JSONResponse({"found": len(items), "items": items})

    async def _list_negotiations(self, request: Request) -> Response:
        await self._record(request)
        user, refusal = self._seeker(request)
        if refusal is not None:
            return refusal
        vacancy_id = request.query_params.get("vacancy_id")
        items = self.negotiations_of(user, vacancy_id)
        return JSONResponse({"found": len(items), "page": 0, "pages": 1, "per_page": 20, "items": items})

    async def _post_negotiation(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        await self._record(request, form)
        user, refusal = self._seeker(request)
        if refusal is not None:
            return refusal
        vacancy_id, resume_id, message = form.get("vacancy_id", ""), form.get("resume_id", ""), form.get("message", "")
        if not vacancy_id:
            return _errors(400, "bad_argument", "vacancy_id")
        if not any(r["id"] == resume_id for r in user.resumes):
            return _errors(400, "negotiations", "resume_not_found")
        answer = self._scripted_answer(user, vacancy_id, message)
        if answer is not None:
            return answer
        with self._lock:
            negotiation = {"id": str(next(self._negotiation_ids)), "state": {"id": "response", "name": "Response"},
                           "created_at": "2025-12-06T10:00:00+0300", "updated_at": "2025-12-06T10:00:00+0300",
                           "vacancy": {"id": vacancy_id}, "resume": {"id": resume_id}, "has_updates": False,
                           "viewed_by_opponent": False, "message": message}
            user.negotiations.append(negotiation)
        # A threading.Event (set from the test's thread and loop), so polled rather than awaited.
        while self.hold_negotiation_answers is not None and not self.hold_negotiation_answers.is_set():  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        return Response(status_code=201, headers={"Location": f"/negotiations/{negotiation['id']}"})

    def _scripted_answer(self, user: FakeSeeker, vacancy_id: str, message: str) -> Response | None:
        with self._lock:
            if self._failures:
                return JSONResponse({"errors": [{"type": "service_unavailable"}]}, status_code=self._failures.pop(0))
            outcomes = self._outcomes.get(vacancy_id) or ["created"]
            outcome = outcomes.pop(0) if len(outcomes) > 1 else outcomes[0]
            if any(n["vacancy"]["id"] == vacancy_id for n in user.negotiations) or outcome == "already_applied":
                return _errors(403, "negotiations", "already_applied")
            if outcome.isdigit():
                return JSONResponse({"errors": [{"type": "service_unavailable"}]}, status_code=int(outcome))
            if outcome == "limit_exceeded" or (self.daily_limit is not None
                                               and len(user.negotiations) >= self.daily_limit):
                return _errors(400, "negotiations", "limit_exceeded")
            if outcome in NEEDS_USER_REASONS:
                return _errors(403, "negotiations", outcome)
            if not message.strip() and outcome == "letter_required":
                return _errors(403, "negotiations", "empty_message")
            if len(message) > MAX_MESSAGE:
                return _errors(403, "negotiations", "too_long_message")
        return None

