"""Sessions in a real browser, and the inbox's own tools (add by hand, bulk triage, filters), French.

The mesh of this module issues access tokens valid for 31 s: the app refreshes a token 30 s before it
expires, so after a second of idleness every request needs a silent refresh first, as after a tab
slept for an hour (the server-refusal path itself is covered by web/test/session.test.ts).
"""

from __future__ import annotations

import asyncio
import re

import httpx
from playwright.async_api import expect

from gateway.session_cookie import COOKIE_NAME, SESSION_PATH
from tests.web.conftest import DESKTOP, PHONE, PageWatch, Shots, WebMesh
from tests.web.funnel import LIVE, sign_up

MESH_ENV = {"ACCESS_TOKEN_TTL_S": "31"}


async def test_a_tab_that_slept_refreshes_silently_and_the_session_survives_a_reload(browser, web_mesh: WebMesh) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    refreshes: list[str] = []
    page.on("request", lambda r: refreshes.append(r.url) if r.url.endswith(SESSION_PATH) else None)
    await sign_up(page, web_mesh.base_url, "Sleepy")
    cookies = {c["name"]: c for c in await context.cookies()}
    cookie = cookies[COOKIE_NAME]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == SESSION_PATH
    # Nothing sensitive in the page's reach: the refresh token is not readable, nothing is in storage.
    assert await page.evaluate("document.cookie") == ""
    assert await page.evaluate("JSON.stringify(localStorage)") == "{}"
    assert await page.evaluate("JSON.stringify(sessionStorage)") == "{}"

    await asyncio.sleep(1.5)  # the tab idles past the token's refresh point (setup, not a timing check)
    await page.get_by_role("link", name="Board").click()
    await expect(page.get_by_text("No application yet")).to_be_visible()
    assert refreshes, "the app should have refreshed its access token before using it"
    assert (await context.cookies())[0]["value"] != cookie["value"]  # the refresh token rotated

    await page.reload()  # the access token was in memory only: the cookie brings the session back
    await expect(page.get_by_text("No application yet")).to_be_visible(timeout=LIVE)
    await expect(page).to_have_url(re.compile(r"/board$"))
    await expect(page.locator(".live")).to_have_text("Live", timeout=LIVE)
    await context.close()
    assert watch.problems == []


async def test_a_revoked_session_lands_on_the_sign_in_page_with_a_message(browser, web_mesh: WebMesh) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    await sign_up(page, web_mesh.base_url, "Victim")
    stolen = next(c["value"] for c in await context.cookies() if c["name"] == COOKIE_NAME)
    await asyncio.sleep(1.5)
    await page.get_by_role("link", name="Searches").click()  # the app refreshes: `stolen` is now spent
    await expect(page.get_by_text("No saved search yet")).to_be_visible()
    # Someone replays the spent token: the server revokes the whole session (theft detection).
    async with httpx.AsyncClient(base_url=web_mesh.base_url, cookies={COOKIE_NAME: stolen}) as thief:
        reply = await thief.post(SESSION_PATH, json={"query": "mutation { refreshToken { accessToken } }"},
                                 headers={"x-jobmate-csrf": "1"})
        assert reply.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    await asyncio.sleep(1.5)
    await page.get_by_role("link", name="Inbox").click()  # the next refresh is refused
    await expect(page).to_have_url(re.compile(r"/signin"), timeout=LIVE)
    await expect(page.get_by_role("alert")).to_contain_text("You have been signed out:")
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await context.close()


async def test_server_errors_appear_next_to_their_field(browser, web_mesh: WebMesh) -> None:
    context = await browser.new_context(viewport=PHONE, base_url=web_mesh.base_url)
    page = await context.new_page()
    email = await sign_up(page, web_mesh.base_url, "Taken")
    await page.get_by_role("button", name="Sign out").click()
    await page.get_by_role("link", name="Create an account").click()
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill("short")
    await page.get_by_role("button", name="Create an account").click()
    password = page.get_by_label("Password")
    await expect(password).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(".field--error")).to_contain_text("password must be at least 10 characters")
    await page.get_by_label("Password").fill("a much longer passphrase")
    await page.get_by_role("button", name="Create an account").click()
    await expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(".field--error")).to_contain_text("already exists")
    await page.get_by_role("link", name="Sign in").click()
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill("not the password at all")
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("alert")).to_contain_text("email or password is incorrect")
    await context.close()


async def test_add_by_hand_bulk_triage_filters_and_french(browser, web_mesh: WebMesh, shots: Shots) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Bulk")
    await page.get_by_role("link", name="Inbox").click()
    for title, company in (("Data Engineer", "Globex"), ("Site Reliability Engineer", "Initech"),
                           ("Product Designer", "Hooli")):
        await page.get_by_role("button", name="Add a posting").click()
        await page.get_by_role("tab", name="By hand").click()
        await page.get_by_label("Company").fill(company)
        await page.get_by_label("Job title").fill(title)
        await page.get_by_role("button", name="Add to inbox").click()
        await expect(page.get_by_text(f"“{title}” is in your inbox.")).to_be_visible()
        await expect(page.get_by_test_id("job-detail")).to_contain_text("You added it yourself.")
    await page.goto("/inbox")
    rows = page.get_by_test_id("job-row")
    await expect(rows).to_have_count(3)

    # Text search and the board filter run on the server.
    await page.get_by_label("Search").fill("globex")
    await page.keyboard.press("Enter")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("Data Engineer")
    await page.get_by_role("button", name="Clear filters").click()
    await expect(rows).to_have_count(3)
    await page.get_by_label("Board").select_option("greenhouse")
    await expect(page.get_by_text("Nothing matches these filters")).to_be_visible()
    await page.get_by_label("Board").select_option("manual")
    await expect(rows).to_have_count(3)

    # Select two with the keyboard (x) and approve them together; progress, then one summary.
    await rows.first.focus()
    await page.keyboard.press("x")
    await page.keyboard.press("j")
    await page.keyboard.press("x")
    await expect(page.get_by_text("2 selected")).to_be_visible()
    await page.get_by_role("button", name="Approve selected").click()
    await expect(page.get_by_text("2 postings approved.")).to_be_visible(timeout=LIVE)
    await expect(rows).to_have_count(1)
    await page.get_by_role("link", name="Board").click()
    await expect(page.get_by_test_id("column-TO_APPLY").get_by_test_id("card")).to_have_count(2)

    # French, kept across a reload.
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_label("Language").select_option("fr")
    await expect(page.get_by_role("link", name="Boîte de réception")).to_be_visible()
    await page.reload()
    await page.get_by_role("link", name="Boîte de réception").click()
    await expect(page.get_by_text("1 offre à trier")).to_be_visible(timeout=LIVE)
    await shots.capture(page, "inbox-fr", widths=(PHONE,))
    await page.get_by_role("link", name="Tableau").click()
    await expect(page.get_by_role("heading", name="Tableau")).to_be_visible()
    await shots.capture(page, "board-fr", widths=(PHONE,))
    await context.close()
    assert watch.problems == []


async def test_the_app_is_served_with_a_strict_policy_and_client_routes_work(browser, web_mesh: WebMesh) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    response = await page.goto("/applications/not-a-real-id")
    assert response is not None and response.status == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    # Signed out, a deep link goes to sign-in and comes back afterwards.
    await expect(page).to_have_url(re.compile(r"/signin\?next=%2Fapplications%2Fnot-a-real-id$"))
    violations = await page.evaluate("""() => new Promise((resolve) => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.__inline = true';
        document.body.appendChild(script);
        setTimeout(() => resolve({ seen, ran: window.__inline === true }), 50);
    })""")
    assert violations == {"seen": ["script-src-elem"], "ran": False}
    await context.close()
