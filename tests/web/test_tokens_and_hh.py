"""Settings → Access tokens and HH.ru, the /hh/callback page, the "Apply on HH" dialog and the queue, in
a real browser against the real mesh and the loopback fake HH (its own authorize page with "Allow").

- a token is created with its scopes, its secret shown once (and it works), listed, then revoked;
- a forged state on /hh/callback shows the refusal; linking through the fake's authorize page works;
  a resume is made the default; an HH posting's application is applied through the dialog and turns
  APPLIED live; the queue lists it with the bucket; an apply HH refuses (test_required) shows HH's reason
  and the manual way; unlinking revokes the account at HH;
- an installation without HH explains it and offers the manual way (in English and French);
- without a linked account, the degraded flow copies the letter (as edited), opens the vacancy and marks the card
  applied;
- auto-apply is turned on in a saved search's form (refused without the hh board), kept with its threshold, cap
  and dry run, and the kill switch under Settings → HH.ru stops it and allows it again.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from playwright.async_api import Page, expect

from common.secret_box import generate_key_spec
from devtools.devstack import PROCESSES, free_port
from tests.fakes.hh import FakeHH, FakeSeeker, hh_resume
from tests.web.conftest import DESKTOP, PASSWORD, PageWatch, Shots, WebMesh, running_web_mesh
from tests.web.funnel import LIVE, sign_up


@dataclass
class HhMesh:
    web: WebMesh
    hh: FakeHH

    @property
    def base_url(self) -> str:
        return self.web.base_url


@pytest.fixture(scope="module")
async def hh_mesh(postgres_server_dsn: str, redis_server_url: str, test_data_dir, web_build,
                  tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[HhMesh]:
    # HH sends the browser back to the gateway's /hh/callback: its port is chosen before anything starts.
    ports = {p: free_port() for p in PROCESSES}
    hh = FakeHH(redirect_uri=f"http://127.0.0.1:{ports['gateway']}/hh/callback").start()
    settings = hh.jobmate_settings(hh_token_keys=generate_key_spec("k1"), hh_apply_poll_interval_s=0.5)
    env = {name.upper(): str(value) for name, value in settings.items()}
    try:
        async with running_web_mesh(postgres_server_dsn, redis_server_url, test_data_dir,
                                    tmp_path_factory.mktemp("web-hh"), env, ports) as web:
            yield HhMesh(web, hh)
    finally:
        hh.stop()


async def graphql(base_url: str, query: str, variables: dict | None = None, token: str | None = None) -> dict:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        reply = (await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)).json()
    assert not reply.get("errors"), reply
    return reply["data"]


async def login(base_url: str, email: str) -> tuple[str, str]:
    """(user id, access token) for the account the browser signed up: what the test needs to set things up."""
    reply = await graphql(base_url, "mutation($e: String!, $p: String!) { login(email: $e, password: $p) "
                                    "{ accessToken user { id } } }", {"e": email, "p": PASSWORD})
    return reply["login"]["user"]["id"], reply["login"]["accessToken"]


async def hh_application(mesh: WebMesh, email: str, vacancy_id: str) -> str:
    """An HH vacancy brought in as discovery's hh source would, approved: its application's id."""
    import grpc

    from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
    from tests.helpers import bearer, service_token, user_token

    user_id, token = await login(mesh.base_url, email)
    # A profile to analyse the posting against (the analysis writes the cover letter).
    await graphql(mesh.base_url, "mutation($p: ProfileInput!) { updateProfile(input: $p) { userId } }",
                  {"p": {"headline": "Backend engineer", "summary": "Python services with PostgreSQL and Docker.",
                         "skills": [{"name": "Python", "years": 6}, {"name": "PostgreSQL", "years": 5},
                                    {"name": "Docker", "years": 3}]}}, token)
    address = f"127.0.0.1:{mesh.mesh.ports['discovery_service']}"
    async with grpc.aio.insecure_channel(address) as channel:
        stub = discovery_pb2_grpc.DiscoveryServiceStub(channel)
        job = discovery_pb2.Job(source="hh", external_id=vacancy_id, title=f"Python developer {vacancy_id}",
                                company="Yandex", url=f"https://hh.ru/vacancy/{vacancy_id}",
                                description_text="Python, PostgreSQL, Docker. Build backend services.")

        async def one():
            yield discovery_pb2.IngestJobsRequest(user_id=user_id, job=job)

        await stub.IngestJobs(one(), metadata=bearer(service_token("tools", {"discovery.ingest"})))
        feed = await stub.GetJobFeed(discovery_pb2.GetJobFeedRequest(), metadata=bearer(user_token(user_id)))
        job_id = next(j.id for j in feed.jobs if j.external_id == vacancy_id)
    approved = await graphql(mesh.base_url, "mutation($id: ID!) { approveJob(id: $id) { id } }", {"id": job_id}, token)
    return approved["approveJob"]["id"]


async def new_page(browser, base_url: str) -> tuple:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport=DESKTOP, base_url=base_url)
    await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    # The vacancy opens in a new tab: hh.ru itself is outside the machine, so it answers a stand-in page.
    await context.route(re.compile(r"^https://hh\.ru/"), lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><title>hh.ru</title><h1>Vacancy</h1>"))
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    return context, page, watch


async def test_create_a_token_see_it_once_use_it_and_revoke_it(browser, hh_mesh: HhMesh, shots: Shots) -> None:
    context, page, watch = await new_page(browser, hh_mesh.base_url)
    await sign_up(page, hh_mesh.base_url, "Tokens")
    await page.get_by_role("link", name="Settings").click()
    await expect(page.get_by_text("No token yet.")).to_be_visible()
    await page.get_by_role("button", name="New token").click()
    form = page.get_by_role("form", name="New token")

    # Nothing chosen: the form says what is missing, and nothing is created.
    for preset in ("read the inbox", "read applications"):
        await form.get_by_role("checkbox", name=preset).uncheck()
    await form.get_by_role("button", name="Create token").click()
    await expect(form.get_by_text("Give the token a name.")).to_be_visible()
    await expect(form.get_by_text("Allow at least one thing.")).to_be_visible()

    await form.get_by_label("Name").fill("Claude Desktop")
    await form.get_by_role("checkbox", name="move cards, write notes and follow-ups").check()
    await expect(form.get_by_role("checkbox", name="read applications")).to_be_checked()  # write includes read
    await form.get_by_role("checkbox", name="read applications").uncheck()  # and read goes with write
    await expect(form.get_by_role("checkbox", name="move cards, write notes and follow-ups")).not_to_be_checked()
    await form.get_by_role("checkbox", name="move cards, write notes and follow-ups").check()
    await form.get_by_role("checkbox", name="read the profile").check()
    await form.get_by_label("Expires").select_option(label="in 90 days")
    await form.get_by_role("button", name="Create token").click()

    shown = page.get_by_test_id("token-secret")
    await expect(shown.get_by_text(re.compile("^Store it now: it is shown only this once"))).to_be_visible()
    secret = await shown.get_by_label("The token “Claude Desktop”").input_value()
    assert secret.startswith("jm_pat_")
    row = page.get_by_test_id("tokens").get_by_role("listitem").filter(has_text="Claude Desktop")
    await expect(row).to_have_count(1)
    prefix = (await row.locator(".mono").inner_text()).rstrip("…")
    assert len(prefix) > len("jm_pat_") and secret.startswith(prefix)
    await expect(row).to_contain_text("move cards, write notes and follow-ups")
    await expect(row).to_contain_text("read the profile")
    await expect(row).to_contain_text("never used")
    await expect(row).to_contain_text("expires")
    await shown.get_by_role("button", name="Copy").click()
    assert await page.evaluate("navigator.clipboard.readText()") == secret
    await shots.capture(page, "settings-token-created")

    # The secret works as a bearer token, within its scopes.
    board = await graphql(hh_mesh.base_url, "{ board(cardsPerColumn: 1) { columns { status } } }", token=secret)
    assert board["board"]["columns"]

    # Shown once: after "I have stored it" or a reload it is gone, the token stays listed.
    await shown.get_by_role("button", name="I have stored it").click()
    await expect(page.get_by_test_id("token-secret")).to_have_count(0)
    await page.reload()
    await expect(page.get_by_test_id("tokens")).to_contain_text("Claude Desktop")
    await expect(page.get_by_test_id("token-secret")).to_have_count(0)
    assert secret not in await page.content()

    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name="Revoke Claude Desktop").click()
    await expect(page.get_by_text("“Claude Desktop” revoked.")).to_be_visible()
    await expect(page.get_by_text("No token yet.")).to_be_visible()
    await page.reload()
    await expect(page.get_by_text("No token yet.")).to_be_visible()
    await context.close()
    assert watch.problems == []


async def link_through_hh(page: Page, button: str) -> None:
    await page.get_by_role("button", name=button).click()
    await expect(page.get_by_role("heading", name="Allow JobMate to use your hh.ru account?")).to_be_visible()
    await page.get_by_role("button", name="Allow").click()
    await expect(page).to_have_url(re.compile(r"/hh/callback$"))  # the code and state left the address bar


async def test_link_pick_a_resume_apply_on_hh_and_watch_it_applied(browser, hh_mesh: HhMesh, shots: Shots) -> None:
    hh = hh_mesh.hh
    seeker: FakeSeeker = hh.add_user(resumes=[hh_resume("r1", "Python developer"), hh_resume("r2", "Backend lead")])
    hh.signed_in = seeker
    context, page, watch = await new_page(browser, hh_mesh.base_url)
    email = await sign_up(page, hh_mesh.base_url, "Seeker")
    application_id = await hh_application(hh_mesh.web, email, "4242")

    # A forged state: the callback page shows the refusal, and nothing is linked.
    await page.goto("/hh/callback?code=stolen&state=forged")
    refusal = page.get_by_test_id("hh-callback").get_by_role("alert")
    await expect(refusal).to_contain_text("HH.ru linking failed: this link attempt is not valid", timeout=LIVE)
    await expect(refusal).to_contain_text("start linking again")
    await shots.capture(page, "hh-callback-refused")

    await page.get_by_role("link", name="Back to Settings").click()
    hh_section = page.get_by_test_id("hh")
    await expect(hh_section.get_by_text("No HH.ru account linked.")).to_be_visible()
    await shots.capture(page, "settings-hh-unlinked")

    # Link: JobMate's button → the fake HH's authorize page → Allow → /hh/callback completes it.
    await link_through_hh(page, "Link my HH.ru account")
    await expect(page.get_by_text(f"Your HH.ru account {seeker.email} is linked.")).to_be_visible(timeout=LIVE)
    await page.get_by_role("link", name="Back to Settings").click()
    await expect(hh_section.get_by_test_id("hh-linked")).to_contain_text(seeker.email)
    resumes = hh_section.get_by_test_id("hh-resume")
    await expect(resumes).to_have_count(2)
    await hh_section.get_by_role("button", name="Make default: Backend lead").click()
    await expect(page.get_by_text("“Backend lead” is your default resume.")).to_be_visible()
    await expect(resumes.filter(has_text="Backend lead").get_by_text("Default")).to_be_visible()
    await shots.capture(page, "settings-hh-linked")

    # Apply from the application: the letter from the analysis, the default resume, the bucket.
    await page.goto(f"/applications/{application_id}")
    await expect(page.get_by_test_id("analysis-score")).to_be_visible(timeout=LIVE)
    card = page.get_by_test_id("hh-apply-card")
    await expect(card.get_by_text("Not applied through HH yet.")).to_be_visible()
    await card.get_by_role("button", name="Apply on HH").click()
    dialog = page.get_by_test_id("hh-apply-dialog")
    await expect(dialog.get_by_label("Resume")).to_have_value("r2")
    letter = dialog.get_by_label("Cover letter")
    await expect(letter).not_to_have_value("")
    await expect(dialog.get_by_test_id("hh-bucket")).to_contain_text("Applies left now: 20 of 20.")
    await letter.fill("Dear Yandex, I build Python services. Best regards.")
    await shots.capture(page, "hh-apply-dialog")
    await dialog.get_by_role("button", name="Send the apply").click()
    await expect(page.get_by_test_id("hh-apply-dialog")).to_have_count(0)

    # The worker sends it; HH_APPLY_CHANGED turns the state APPLIED on screen and the card moves.
    await expect(card.get_by_test_id("hh-state")).to_have_text("Applied", timeout=LIVE)
    await expect(page.locator(".badge--status")).to_have_text("Applied", timeout=LIVE)
    await expect(card.get_by_role("button", name="Apply on HH")).to_have_count(0)  # nothing left to apply
    await expect(page.get_by_text("On HH.ru: Applied")).to_be_visible(timeout=LIVE)  # the timeline's entry
    sent = hh.negotiations_of(seeker, "4242")
    assert [(n["resume"]["id"], n["message"]) for n in sent] == [("r2", "Dear Yandex, I build Python services. Best regards.")]
    await shots.capture(page, "hh-application-applied")

    # The queue lists the apply and the bucket, one token spent.
    await page.goto("/hh/applies")
    queue_item = page.get_by_test_id("hh-apply")
    await expect(queue_item).to_have_count(1)
    await expect(queue_item.get_by_test_id("hh-state")).to_have_text("Applied")
    await expect(queue_item.get_by_role("link", name="Python developer 4242 · Yandex")).to_have_attribute(
        "href", f"/applications/{application_id}")
    await expect(page.get_by_test_id("hh-bucket")).to_contain_text("Applies left now: 19 of 20.")
    await shots.capture(page, "hh-queue")

    # HH refuses for a reason only the user can fix: the state says so with HH's reason, and the manual
    # way is offered next to it.
    hh.vacancy("4343", "test_required")
    second = await hh_application(hh_mesh.web, email, "4343")
    await page.goto(f"/applications/{second}")
    await expect(page.get_by_test_id("analysis-score")).to_be_visible(timeout=LIVE)
    card = page.get_by_test_id("hh-apply-card")
    await card.get_by_role("button", name="Apply on HH").click()
    await page.get_by_test_id("hh-apply-dialog").get_by_role("button", name="Send the apply").click()
    await expect(card.get_by_test_id("hh-state")).to_have_text("Needs you", timeout=LIVE)
    await expect(card.get_by_text("HH.ru said: test_required")).to_be_visible()
    await expect(card.get_by_test_id("hh-detail")).not_to_have_text("")
    await expect(card.get_by_test_id("hh-manual").get_by_role("button", name="Mark applied")).to_be_visible()
    await expect(page.locator(".badge--status")).to_have_text("To apply")
    await shots.capture(page, "hh-application-needs-user")

    # Unlink: JobMate forgets the account and HH revokes its tokens.
    await page.get_by_role("link", name="Settings").click()
    page.once("dialog", lambda dialog: dialog.accept())
    await hh_section.get_by_role("button", name="Unlink").click()
    await expect(page.get_by_text("Your HH.ru account is unlinked.")).to_be_visible()
    await expect(hh_section.get_by_text("No HH.ru account linked.")).to_be_visible()
    assert hh.grant_count() == 0
    await context.close()
    assert watch.problems == []


async def test_without_a_linked_account_copy_the_letter_open_on_hh_and_mark_applied(browser, hh_mesh: HhMesh,
                                                                                   shots: Shots) -> None:
    context, page, watch = await new_page(browser, hh_mesh.base_url)
    email = await sign_up(page, hh_mesh.base_url, "Manual")
    application_id = await hh_application(hh_mesh.web, email, "5151")
    await page.goto(f"/applications/{application_id}")
    await expect(page.get_by_test_id("analysis-score")).to_be_visible(timeout=LIVE)
    card = page.get_by_test_id("hh-apply-card")
    await expect(card.get_by_text(re.compile("^Link your HH.ru account in Settings"))).to_be_visible()
    await shots.capture(page, "hh-application-manual")

    # The letter as edited on the page is what gets copied.
    letter = await page.get_by_label("Cover letter").input_value() + "\nP.S. I can start in January."
    await page.get_by_label("Cover letter").fill(letter)
    async with context.expect_page() as opened:
        await card.get_by_role("link", name="Copy the letter and open on HH").click()
    vacancy = await opened.value
    assert vacancy.url == "https://hh.ru/vacancy/5151"
    await vacancy.close()
    await expect(page.get_by_text("Letter copied: paste it on hh.ru.")).to_be_visible()
    assert await page.evaluate("navigator.clipboard.readText()") == letter

    await card.get_by_role("button", name="Mark applied").click()
    await expect(page.get_by_text("Moved to Applied.")).to_be_visible()
    await expect(page.locator(".badge--status")).to_have_text("Applied")
    await expect(card.get_by_text("This card is already past “To apply”.")).to_be_visible()
    await context.close()
    assert watch.problems == []


async def test_an_installation_without_hh_explains_and_offers_the_manual_flow(browser, web_mesh: WebMesh,
                                                                             shots: Shots) -> None:
    context, page, watch = await new_page(browser, web_mesh.base_url)
    email = await sign_up(page, web_mesh.base_url, "Plain")
    await page.get_by_role("link", name="Settings").click()
    hh_section = page.get_by_test_id("hh")
    await expect(hh_section.get_by_text(re.compile("does not offer linking an HH.ru account"))).to_be_visible()
    await expect(hh_section.get_by_role("button")).to_have_count(0)
    await shots.capture(page, "settings-hh-off")

    application_id = await hh_application(web_mesh, email, "6161")
    await page.goto(f"/applications/{application_id}")
    card = page.get_by_test_id("hh-apply-card")
    await expect(card.get_by_text("This installation does not apply through HH.ru. Apply on hh.ru yourself:")).to_be_visible()
    await expect(card.get_by_role("button", name="Apply on HH")).to_have_count(0)
    await card.get_by_role("button", name="Mark applied").click()
    await expect(page.locator(".badge--status")).to_have_text("Applied")

    # The same screens in French.
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_label("Language").select_option("fr")
    await expect(hh_section.get_by_text(re.compile("ne propose pas de lier un compte HH.ru"))).to_be_visible()
    await page.goto(f"/applications/{application_id}")
    await expect(card.get_by_role("heading", name="Postuler sur HH.ru")).to_be_visible(timeout=LIVE)
    await expect(card.get_by_text("Cette installation ne postule pas via HH.ru. Postulez vous-même sur hh.ru :")).to_be_visible()
    await expect(card.get_by_text("Cette carte a déjà dépassé « À postuler ».")).to_be_visible()
    await context.close()
    assert watch.problems == []


async def test_turn_on_auto_apply_for_a_saved_search_and_stop_it_with_the_kill_switch(browser, hh_mesh: HhMesh,
                                                                                        shots: Shots) -> None:
    hh = hh_mesh.hh
    hh.signed_in = hh.add_user(resumes=[hh_resume("r1", "Python developer")])
    context, page, watch = await new_page(browser, hh_mesh.base_url)
    email = await sign_up(page, hh_mesh.base_url, "Auto")

    # A saved search on HH with auto-apply: off by default; on, it asks for the threshold, cap and dry run.
    await page.get_by_role("link", name="Searches").click()
    await page.get_by_role("link", name="New search").first.click()
    await page.get_by_label("Name").fill("Python on HH")
    await page.get_by_label("Job titles").fill("Python Developer")
    form = page.get_by_test_id("auto-apply")
    auto = form.get_by_role("checkbox", name="Apply automatically to postings that fit")
    await expect(auto).not_to_be_checked()
    await auto.check()
    await form.get_by_label("Fit score at least (0–100)").fill("65")
    await form.get_by_label("At most this many a day").fill("3")
    await page.get_by_role("button", name="Create search").click()
    # Auto-apply only works on HH postings: refused until the hh board is picked.
    await expect(form.get_by_role("alert")).to_have_text("Auto-apply works with HH.ru postings only: tick the HH.ru board.")
    await page.get_by_role("checkbox", name=re.compile(r"^HH\.ru")).check()
    await form.get_by_role("checkbox", name="Dry run: only prepare the letters for my review, send nothing").check()
    await shots.capture(page, "search-auto-apply")
    await page.get_by_role("button", name="Create search").click()
    await expect(page).to_have_url(re.compile(r"/searches/[0-9a-f-]+$"))
    await expect(page.get_by_test_id("auto-apply-badge")).to_have_text("Auto-apply (dry run): 65+")
    await page.reload()
    await expect(form.get_by_label("Fit score at least (0–100)")).to_have_value("65")
    await expect(form.get_by_label("At most this many a day")).to_have_value("3")
    _, token = await login(hh_mesh.base_url, email)
    saved = await graphql(hh_mesh.base_url, "{ mySearchConfigs { autoApply { enabled minFitScore dailyCap dryRun } } }",
                          token=token)
    assert saved["mySearchConfigs"] == [{"autoApply": {"enabled": True, "minFitScore": 65.0, "dailyCap": 3,
                                                       "dryRun": True}}]
    # With no HH.ru account linked, the tracker would skip every posting: the search says so, not silence.
    search_url = page.url
    blocked = page.get_by_test_id("auto-apply-blocked")
    await expect(blocked).to_contain_text("Auto-apply is waiting: link your HH.ru account first")
    await shots.capture(page, "search-auto-apply-waiting")

    # The kill switch, under Settings → HH.ru once an account is linked.
    await page.get_by_role("link", name="Settings", exact=True).click()
    await link_through_hh(page, "Link my HH.ru account")
    await page.get_by_role("link", name="Back to Settings").click()
    # Linked, but no default resume yet: the search names that next; once one is picked, it says nothing.
    await page.goto(search_url)
    await expect(blocked).to_contain_text("Auto-apply is waiting: pick the HH.ru resume it should send")
    await blocked.get_by_role("link", name="Open Settings → HH.ru").click()
    await page.get_by_role("button", name="Make default: Python developer").click()
    await expect(page.get_by_text("Default", exact=True)).to_be_visible()
    await page.goto(search_url)
    await expect(page.get_by_test_id("auto-apply-badge")).to_be_visible()
    await expect(blocked).to_have_count(0)
    await page.get_by_role("link", name="Settings", exact=True).click()
    switch = page.get_by_test_id("auto-apply-switch")
    await expect(switch.get_by_role("status")).to_have_text("Auto-apply is allowed (each saved search decides).")
    await switch.get_by_role("button", name="Stop all automatic applies").click()
    await expect(page.get_by_text("Auto-apply stopped; 0 pending applies stopped.")).to_be_visible()
    await expect(switch.get_by_role("status")).to_contain_text("Auto-apply is stopped since")
    await shots.capture(page, "settings-auto-apply-stopped")
    reply = await graphql(hh_mesh.base_url, "{ autoApplySwitch { stopped } }", token=token)
    assert reply["autoApplySwitch"] == {"stopped": True}
    await page.goto(search_url)
    await expect(blocked).to_contain_text("Auto-apply is stopped by the switch in Settings → HH.ru")
    await page.get_by_role("link", name="Settings", exact=True).click()
    await switch.get_by_role("button", name="Allow auto-apply again").click()
    await expect(switch.get_by_role("status")).to_have_text("Auto-apply is allowed (each saved search decides).")
    await context.close()
    assert watch.problems == []
