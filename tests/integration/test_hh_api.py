"""The HH client (common.hh_api) against the loopback fake HH (tests/fakes/hh.py): the documented
requests go out as HH expects them (HH-User-Agent, multipart negotiations) and every documented answer
comes back as what it means."""

from __future__ import annotations

import httpx
import pytest

from common.hh_api import HhApi, HhError
from tests.fakes.hh import FakeHH, hh_resume

AGENT = "JobMate-test/1.0 (ops@example.org)"


@pytest.fixture
def hh():
    with FakeHH() as fake:
        yield fake


@pytest.fixture
async def api(hh):
    client = HhApi(api_url=hh.base_url, user_agent=AGENT, timeout_s=5)
    yield client
    await client.aclose()


async def link(hh: FakeHH, api: HhApi, user=None):
    url = f"{hh.authorize_url}?response_type=code&client_id={hh.client_id}&state=s1&redirect_uri={hh.redirect_uri}"
    code, state = hh.approve(url, user)
    assert state == "s1"
    return await api.exchange_code(client_id=hh.client_id, client_secret=hh.client_secret, code=code,
                                   redirect_uri=hh.redirect_uri)


async def refused(awaitable) -> HhError:
    with pytest.raises(HhError) as caught:
        await awaitable
    return caught.value


async def test_the_code_grant_gives_tokens_once_and_every_call_names_the_operator(hh, api) -> None:
    seeker = hh.add_user(resumes=[hh_resume("r1", "Python developer"), hh_resume("r2", "Hidden", status="blocked")])
    tokens = await link(hh, api)
    assert tokens.access_token and tokens.refresh_token and tokens.expires_in_s == 14 * 24 * 3600
    me = await api.me(token=tokens.access_token)
    assert me.id == seeker.id and me.email == seeker.email and me.name == "Ivan Petrov"
    resumes = await api.resumes_mine(token=tokens.access_token)
    assert [(r.id, r.title, r.status) for r in resumes] == [("r1", "Python developer", "published"),
                                                             ("r2", "Hidden", "blocked")]
    assert resumes[0].url == "https://hh.ru/resume/r1" and resumes[0].updated_at is not None
    assert [r.id for r in await api.suitable_resumes(token=tokens.access_token, vacancy_id="77")] == ["r1"]
    assert all(r.headers["hh-user-agent"] == AGENT for r in hh.requests)


async def test_token_errors_are_hhs_own(hh, api) -> None:
    hh.add_user()
    url = f"{hh.authorize_url}?response_type=code&client_id={hh.client_id}&state=s&redirect_uri={hh.redirect_uri}"
    code, _ = hh.approve(url)
    wrong_secret = await refused(api.exchange_code(client_id=hh.client_id, client_secret="nope", code=code,
                                                   redirect_uri=hh.redirect_uri))
    assert (wrong_secret.status, wrong_secret.type) == (400, "invalid_client")
    await api.exchange_code(client_id=hh.client_id, client_secret=hh.client_secret, code=code,
                            redirect_uri=hh.redirect_uri)
    reused = await refused(api.exchange_code(client_id=hh.client_id, client_secret=hh.client_secret, code=code,
                                             redirect_uri=hh.redirect_uri))
    assert (reused.type, reused.value) == ("invalid_grant", "code has already been used")
    unknown = await refused(api.exchange_code(client_id=hh.client_id, client_secret=hh.client_secret,
                                              code="forged", redirect_uri=hh.redirect_uri))
    assert (unknown.type, unknown.value) == ("invalid_request", "code not found")
    code2, _ = hh.approve(url)
    hh.advance(601)
    expired = await refused(api.exchange_code(client_id=hh.client_id, client_secret=hh.client_secret, code=code2,
                                              redirect_uri=hh.redirect_uri))
    assert expired.value == "code expired"
    with pytest.raises(ValueError, match="bad redirect url"):
        hh.approve(url.replace("127.0.0.1/hh", "evil.example/hh"))


async def test_refresh_only_after_expiry_and_only_once(hh, api) -> None:
    hh.add_user()
    tokens = await link(hh, api)
    early = await refused(api.refresh(refresh_token=tokens.refresh_token))
    assert (early.type, early.value) == ("invalid_grant", "token not expired")
    hh.advance(14 * 24 * 3600 + 1)
    expired = await refused(api.me(token=tokens.access_token))
    assert expired.token_expired and expired.status == 403
    fresh = await api.refresh(refresh_token=tokens.refresh_token)
    assert (await api.me(token=fresh.access_token)).id
    again = await refused(api.refresh(refresh_token=tokens.refresh_token))
    assert again.value in ("token has already been refreshed", "token was revoked")
    await api.revoke(token=fresh.access_token)
    revoked = await refused(api.me(token=fresh.access_token))
    assert (revoked.type, revoked.value) == ("oauth", "token_revoked")


async def test_negotiations_post_as_multipart_with_each_outcome(hh, api) -> None:
    seeker = hh.add_user(resumes=[hh_resume("r1", "Python developer")])
    token = (await link(hh, api)).access_token
    nid = await api.apply(token=token, vacancy_id="100", resume_id="r1", message="Hello")
    assert nid and hh.negotiations_of(seeker, "100")[0]["id"] == nid
    post = hh.requests_to("/negotiations", "POST")[0]
    assert post.headers["content-type"].startswith("multipart/form-data")
    assert post.form == {"vacancy_id": "100", "resume_id": "r1", "message": "Hello"}
    assert [(n.id, n.vacancy_id, n.resume_id) for n in await api.negotiations_for(token=token, vacancy_id="100")] \
        == [(nid, "100", "r1")]
    assert await api.negotiations_for(token=token, vacancy_id="999") == []
    assert (await refused(api.apply(token=token, vacancy_id="100", resume_id="r1", message="x"))).value \
        == "already_applied"
    for reason in ("test_required", "resume_visibility_conflict", "empty_message", "too_long_message",
                   "application_denied"):
        hh.vacancy(reason, reason)
        error = await refused(api.apply(token=token, vacancy_id=reason, resume_id="r1", message="x"))
        assert (error.status, error.type, error.value) == (403, "negotiations", reason)
    hh.vacancy("200", "limit_exceeded")
    limit = await refused(api.apply(token=token, vacancy_id="200", resume_id="r1", message="x"))
    assert (limit.status, limit.value) == (400, "limit_exceeded")
    hh.fail_next_negotiations(503)
    unavailable = await refused(api.apply(token=token, vacancy_id="300", resume_id="r1", message="x"))
    assert unavailable.transient and unavailable.status == 503
    assert hh.negotiations_of(seeker, "300") == []


async def test_the_job_seeker_restriction_and_a_missing_user_agent(hh, api) -> None:
    hh.add_user()
    token = (await link(hh, api)).access_token
    hh.refuse_job_seeker_methods = "application_not_found"
    error = await refused(api.resumes_mine(token=token))
    assert (error.status, error.type, error.value) == (403, "oauth", "application_not_found")
    async with httpx.AsyncClient(base_url=hh.base_url) as bare:
        response = await bare.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"type": "bad_user_agent", "value": "unset"}]


async def test_the_authorize_page_redirects_with_code_and_state(hh) -> None:
    hh.add_user()
    params = {"response_type": "code", "client_id": hh.client_id, "state": "abc", "redirect_uri": hh.redirect_uri}
    async with httpx.AsyncClient(base_url=hh.base_url) as browser:
        page = await browser.get("/oauth/authorize", params=params)
        assert page.status_code == 200 and "id='allow'" in page.text
        allowed = await browser.post("/oauth/authorize", data={**params, "decision": "allow"})
        denied = await browser.post("/oauth/authorize", data={**params, "decision": "deny"})
        unknown = await browser.get("/oauth/authorize", params={**params, "client_id": "other"})
    assert allowed.status_code == 302 and "code=" in allowed.headers["location"]
    assert allowed.headers["location"].startswith(hh.redirect_uri) and "state=abc" in allowed.headers["location"]
    assert "error=access_denied" in denied.headers["location"]
    assert unknown.status_code == 400
