"""What the other browser tests leave out: a view updated live from another tab (a timeline event
recorded elsewhere), the header's "reconnecting" state while the gateway is down and the stream's return
without a reload, and axe on the forms and pages no other test opens (the new-search form, the add-posting
dialog, the new-company, event and contact forms, the page-not-found screen), keyboard focus in the event
form, moving an application to another company and deleting it, a personal access token created and
revoked; fit scores stored while the inbox is open, shown without a reload (JOBS_SCORED); a CV uploaded as
Word or pasted as text.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path

from playwright.async_api import Page, expect

from tests.cv_documents import CV_TEXT, word_cv
from tests.web.conftest import DESKTOP, PHONE, PageWatch, Shots, WebMesh
from tests.web.funnel import LIVE, import_sheet, sign_up

ONE_ROW = "Company,Title,Status,Date applied\nPied Piper,Compression Engineer,Applied,2026-12-01\n"


async def import_one_application(page: Page, tmp_path: Path) -> None:
    csv_file = tmp_path / "one.csv"
    csv_file.write_text(ONE_ROW, encoding="utf-8")
    await import_sheet(page, csv_file)


async def test_a_timeline_updates_live_and_the_stream_comes_back_after_the_gateway_restarts(
        browser, web_mesh: WebMesh, tmp_path: Path) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    watch = PageWatch()
    page = await context.new_page()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Live")
    await import_one_application(page, tmp_path)
    await page.get_by_role("link", name="Board", exact=True).click()
    await page.get_by_role("link", name=re.compile("Compression Engineer")).click()
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+$"))
    watching = await context.new_page()  # the same person, in a second tab on the same application
    await watching.goto(page.url)
    await expect(watching.locator(".live")).to_have_text("Live", timeout=LIVE)
    await expect(watching.get_by_test_id("timeline")).to_contain_text("Added")

    # An event recorded in one tab appears in the other without a reload.
    await page.get_by_role("button", name="Record an event").click()
    form = page.get_by_test_id("event-form")
    await form.get_by_label("What happened").select_option("RECRUITER_CALL")
    await form.get_by_label("Title (optional)").fill("Call with Monica")
    await form.get_by_role("button", name="Add to the timeline").click()
    await expect(page.get_by_test_id("timeline")).to_contain_text("Call with Monica")
    await expect(watching.get_by_test_id("timeline")).to_contain_text("Call with Monica", timeout=LIVE)

    # The gateway goes away: the header says so, nobody is signed out; it comes back: live again.
    await asyncio.to_thread(web_mesh.mesh.stop_one, "gateway")
    await expect(watching.locator(".live")).to_have_text("Reconnecting…", timeout=LIVE)
    web_mesh.mesh.start_one("gateway")
    await asyncio.to_thread(web_mesh.mesh.wait_healthy, 60, ("gateway",))
    await expect(watching.locator(".live")).to_have_text("Live", timeout=LIVE)
    await expect(watching).to_have_url(re.compile(r"/applications/"))
    await page.reload()
    await expect(page.get_by_test_id("timeline")).to_contain_text("Call with Monica", timeout=LIVE)
    await context.close()
    # Chromium logs the stream's failed reconnects itself while the gateway is down: expected here.
    problems = [p for p in watch.problems if "/events" not in p and "ERR_CONNECTION_REFUSED" not in p]
    assert problems == [], "the pages reported errors:\n" + "\n".join(problems)


async def test_forms_and_pages_no_other_test_opens_pass_axe(browser, web_mesh: WebMesh, shots: Shots, tmp_path: Path) -> None:
    context = await browser.new_context(viewport=PHONE, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Forms")

    await page.get_by_role("link", name="Searches").click()
    await page.get_by_role("link", name="New search").first.click()
    await expect(page.get_by_label("Job titles")).to_be_visible()
    await shots.capture(page, "search-new")

    await page.get_by_role("link", name="Inbox").click()
    await page.get_by_role("button", name="Add a posting").click()
    await expect(page.get_by_role("dialog", name="Add a posting")).to_be_visible()
    await shots.capture(page, "inbox-add-url", widths=(PHONE,))
    await page.get_by_role("tab", name="By hand").click()
    await shots.capture(page, "inbox-add-hand", widths=(DESKTOP,))

    # A company by hand, from the companies list.
    await page.get_by_role("link", name="Companies").click()
    await page.get_by_role("button", name="Add a company").click()
    await page.get_by_role("button", name="Add company").click()
    await expect(page.locator(".field--error")).to_contain_text("Give the company's name.")
    await shots.capture(page, "company-new", widths=(PHONE,))
    await page.get_by_label("Name", exact=True).fill("Raviga Capital")
    await page.get_by_role("button", name="Add company").click()
    await expect(page.get_by_role("heading", name="Raviga Capital")).to_be_visible()

    await import_one_application(page, tmp_path)
    await page.get_by_role("link", name="Board", exact=True).click()
    await page.get_by_role("link", name=re.compile("Compression Engineer")).click()
    # Keyboard only: the event form opens with focus in it.
    await page.get_by_role("button", name="Record an event").focus()
    await page.keyboard.press("Enter")
    form = page.get_by_test_id("event-form")
    await expect(form.get_by_label("What happened")).to_be_focused()
    await form.get_by_label("What happened").select_option("OFFER")
    await shots.capture(page, "event-form-offer")
    await form.get_by_role("button", name="Cancel").click()

    # The application moves to another company, then is deleted (after a confirmation).
    await page.get_by_role("button", name="Change the company").click()
    await page.get_by_label("Belongs to").select_option(label="Raviga Capital")
    await expect(page.get_by_text("The application now belongs to Raviga Capital.")).to_be_visible()
    await page.get_by_role("link", name="Raviga Capital: all applications, timeline and contacts").click()
    await expect(page.get_by_test_id("company-timeline")).to_contain_text("Compression Engineer")  # its history came along
    await page.get_by_test_id("company-applications").get_by_role("link", name="Compression Engineer").click()
    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name="Delete the application").click()
    await expect(page).to_have_url(re.compile(r"/board$"))
    await expect(page.get_by_text("No application yet")).to_be_visible()
    await page.get_by_role("link", name="Companies").click()
    await page.get_by_role("link", name="Pied Piper").click()
    await page.get_by_role("button", name="Add a contact").click()
    await expect(page.get_by_role("form", name="Add a contact")).to_be_visible()
    await shots.capture(page, "contact-form", widths=(PHONE,))

    # A personal access token: its secret shown once, then listed with what it may do, then revoked.
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_role("button", name="New token").click()
    token_form = page.get_by_role("form", name="New token")
    await token_form.get_by_role("button", name="Create token").click()
    await expect(token_form.locator(".field--error")).to_contain_text("Give the token a name.")
    await token_form.get_by_label("Name").fill("Backup script")
    await token_form.get_by_role("checkbox", name="edit and run saved searches").check()
    await token_form.get_by_role("button", name="Create token").click()
    await expect(page.get_by_label("The token “Backup script”")).to_have_value(re.compile(r"^jm_pat_"))
    tokens = page.get_by_test_id("tokens")
    await expect(tokens).to_contain_text("Backup script")
    await expect(tokens).to_contain_text("edit and run saved searches")
    await expect(tokens).to_contain_text("never used")
    await shots.capture(page, "settings-tokens", widths=(PHONE,))
    page.once("dialog", lambda dialog: dialog.accept())
    await page.get_by_role("button", name="Revoke Backup script").click()
    await expect(page.get_by_text("No token yet.")).to_be_visible()

    await page.goto("/no-such-screen")
    await expect(page.get_by_role("heading", name="Page not found")).to_be_visible(timeout=LIVE)
    await shots.capture(page, "not-found", widths=(PHONE,))
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)


async def test_fit_scores_stored_while_the_inbox_is_open_show_on_the_row_and_the_detail_without_a_reload(
        browser, web_mesh: WebMesh) -> None:
    import grpc

    from jobmate.discovery.v1 import discovery_pb2, discovery_pb2_grpc
    from tests.helpers import bearer, service_token
    from tests.web.funnel import SCORED_BADGE
    from tests.web.test_tokens_and_hh import graphql, login

    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    watch = PageWatch()
    page = await context.new_page()
    watch.attach(page)
    email = await sign_up(page, web_mesh.base_url, "Scout")
    user_id, token = await login(web_mesh.base_url, email)
    # A profile to score against (with an empty one, nothing is scored).
    await graphql(web_mesh.base_url, "mutation($p: ProfileInput!) { updateProfile(input: $p) { userId } }",
                  {"p": {"headline": "Backend engineer", "summary": "Python services with PostgreSQL and Docker.",
                         "skills": [{"name": "Python", "years": 6}, {"name": "PostgreSQL", "years": 5}]}}, token)
    await page.get_by_role("link", name="Inbox").click()
    await page.get_by_role("button", name="Add a posting").click()
    await page.get_by_role("tab", name="By hand").click()
    await page.get_by_label("Company").fill("Acme")
    await page.get_by_label("Job title").fill("Python Developer")
    await page.get_by_label("Description").fill("Python services.")
    await page.get_by_role("button", name="Add to inbox").click()
    row = page.get_by_test_id("job-row").filter(has_text="Python Developer")
    badge = row.get_by_test_id("fit-badge")
    # ai_coach scores it: a posting of three words, so a number that says it had little to judge.
    await expect(badge).to_have_text(SCORED_BADGE, timeout=LIVE)
    await expect(badge).to_contain_text("little to judge")
    detail = page.get_by_test_id("fit-detail")
    await expect(detail).to_contain_text("Little to judge", timeout=LIVE)
    href = await row.get_by_role("link").first.get_attribute("href")
    assert href and href.startswith("/inbox/")

    # A new score is stored (as ai_coach stores one, from a newer profile): the open page shows it on the
    # row and in the detail, with no reload, no navigation and no tab switch to refetch on.
    newer_profile = discovery_pb2.RecordFitScoresRequest(
        command_id=str(uuid.uuid4()), user_id=user_id, scores=[discovery_pb2.FitScoreEntry(
            job_id=href.removeprefix("/inbox/"), fit=discovery_pb2.FitScore(
                score=97.0, confidence=0.95, reasons=["Same occupational family: computer and mathematical."],
                model="fit-test"))])
    newer_profile.profile_updated_at.FromSeconds(4_102_444_800)  # 2100: never older than the stored one
    async with grpc.aio.insecure_channel(f"127.0.0.1:{web_mesh.mesh.ports['discovery_service']}") as channel:
        await discovery_pb2_grpc.DiscoveryServiceStub(channel).RecordFitScores(
            newer_profile, metadata=bearer(service_token("ai_coach", {"discovery.fit.write"})))
    await expect(badge).to_have_text("Fit 97", timeout=LIVE)
    await expect(detail.get_by_test_id("fit-score")).to_have_text("97 / 100", timeout=LIVE)
    await expect(detail).to_contain_text("Same occupational family: computer and mathematical.")
    await expect(detail).not_to_contain_text("Little to judge")
    await context.close()
    assert watch.problems == [], "the page reported errors:\n" + "\n".join(watch.problems)


SHORT_CV_TEXT = """Jane Doe
Backend Engineer
jane.doe@example.org | London, United Kingdom

Skills: Python, PostgreSQL, Docker
"""


async def test_a_cv_kept_in_word_or_pasted_as_text_fills_the_profile(browser, web_mesh: WebMesh, shots: Shots,
                                                                     tmp_path: Path) -> None:
    """Many job seekers keep their CV in Word, or have only its text at hand: both fill the profile through
    the same parser as a PDF; a file of another kind is refused with what to do instead. A CV that lacks a
    phone number and work history is read, and a notice asks for them until a CV gives them."""
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Word")
    cv_section = page.locator("section", has=page.get_by_role("heading", name="Your CV"))
    await expect(cv_section).to_contain_text("Drop your CV (PDF or Word .docx) here")

    photo = tmp_path / "me.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    await page.get_by_test_id("cv-input").set_input_files(str(photo))
    await expect(cv_section.get_by_role("alert")).to_have_text(
        "Only PDF and Word (.docx) files can be read. Export your CV as PDF, or paste its text below.")
    # Right under the drop zone, and the paste form it points to is indeed below it.
    assert await cv_section.get_by_role("alert").evaluate(
        "(alert) => !!(alert.compareDocumentPosition(document.querySelector('[data-testid=cv-paste]'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING) && alert.previousElementSibling.classList.contains('dropzone')")

    # A short CV with no phone number and no work history: once read, a calm notice says what to add.
    paste = page.get_by_test_id("cv-paste")
    await paste.locator("summary").click()
    await paste.get_by_label("The text of your CV").fill(SHORT_CV_TEXT)
    await paste.get_by_role("button", name="Read this text").click()
    gaps = cv_section.get_by_test_id("cv-gaps")
    await expect(gaps).to_have_text(
        "We could not read your phone number or your work experience from this CV — add them below.", timeout=LIVE)
    await expect(gaps).to_have_attribute("role", "status")
    # The live toast said it at once, wherever the user was (CV_PARSED names what the profile still lacks).
    await expect(page.get_by_text(re.compile(
        r"Your CV has been read: \d+ fields? filled\. Still to add on your profile: your phone number and your "
        r"work experience\."))).to_be_visible(timeout=LIVE)
    # What it did read is in the form, and the fields it names are the empty ones below.
    await expect(page.get_by_role("textbox", name=re.compile(r"^Email"))).to_have_value("jane.doe@example.org")
    await expect(page.get_by_role("textbox", name="Phone", exact=True)).to_have_value("")
    await paste.locator("summary").click()  # closed again, as a person leaves it
    await shots.capture(page, "profile-cv-gaps")

    # The Word CV gives both: the notice goes.
    word = tmp_path / "Jane Doe CV.docx"
    word.write_bytes(word_cv())
    await page.get_by_test_id("cv-input").set_input_files(str(word))
    await expect(page.get_by_test_id("cv-status")).to_contain_text("Jane Doe CV.docx", timeout=LIVE)
    await expect(page.get_by_test_id("cv-status")).to_contain_text("read", timeout=LIVE)
    company = page.get_by_role("textbox", name=re.compile(r"^Company \(Experience 1\)"))
    await expect(company).to_have_value("Acme Widgets Ltd", timeout=LIVE)
    await expect(gaps).to_have_count(0)
    await expect(page.get_by_label("Headline", exact=False).first).to_have_value("Senior Backend Engineer")

    # Pasted text: an empty paste is refused before anything is sent; the text replaces what the CV filled.
    await paste.locator("summary").click()
    await paste.get_by_role("button", name="Read this text").click()
    await expect(paste.get_by_role("alert")).to_have_text("Paste the text of your CV first.")  # in the form
    await expect(cv_section.get_by_role("alert")).to_have_count(1)
    await paste.get_by_label("The text of your CV").fill(CV_TEXT.replace("Acme Widgets Ltd", "Hooli"))
    await shots.capture(page, "profile-paste")
    await paste.get_by_role("button", name="Read this text").click()
    await expect(page.get_by_test_id("cv-status")).to_contain_text("pasted-cv.txt", timeout=LIVE)
    await expect(company).to_have_value("Hooli", timeout=LIVE)
    await expect(paste.get_by_label("The text of your CV")).to_have_value("")
    await context.close()
    assert watch.problems == []
