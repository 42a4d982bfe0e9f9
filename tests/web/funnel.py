"""The job seeker's whole loop, driven in a real browser as a person would: clicks, typing, a file, a
drag. The test sends no GraphQL of its own; everything it checks is what the page shows.

sign up → upload a CV and see the parsed profile → save a search against the loopback board → run it
and watch the inbox fill live (in another tab) → approve two postings, reject one → the analyses
arrive live → drag a card to APPLIED, try a forbidden drop and read the message → a note, a rating, a
follow-up → reload: all there → a second user in another browser context sees none of it.

`run_web_funnel` takes the CV bytes, so tests/conformance runs it again with real-world CV files.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from tests.web.conftest import DESKTOP, PASSWORD, PHONE, PageWatch, Shots, WebMesh

# A scored posting's badge; "little to judge" when the posting is too thin for the score to mean much.
SCORED_BADGE = re.compile(r"^Fit (\d{1,3})( · little to judge)?$")
# The inbox rows whose title is cut (clamped, or wider than its line) or whose buttons fall outside the row.
TITLES_CUT = """() => [...document.querySelectorAll('[data-testid="job-row"]')].flatMap((row) => {
  const line = row.querySelector('.job-title-line'), actions = row.querySelector('.job-row-actions');
  const title = row.querySelector('.job-title').textContent;
  const cut = line.scrollWidth > line.clientWidth + 1 || line.scrollHeight > line.clientHeight + 1;
  const spill = actions.getBoundingClientRect().bottom > row.getBoundingClientRect().bottom - 2;
  return cut || spill ? [title + (cut ? ' (title cut)' : ' (buttons cut)')] : [];
})"""
NAV_OUT_OF_SIGHT = """() => [...document.querySelectorAll('.nav a')].filter((a) => {
  const box = a.getBoundingClientRect();
  return box.left < 0 || box.right > window.innerWidth || box.width === 0;
}).map((a) => a.textContent)"""
LIVE = 45_000  # ms: parsing, a run and analyses happen in other processes; generous, never a speed check


async def import_sheet(page: Page, sheet: Path) -> None:
    """Import applications from a CSV or JSON file on the Settings page, as a person does, and wait for the report."""
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_label("File (CSV or JSON)").set_input_files(str(sheet))
    await page.get_by_role("button", name="Import", exact=True).click()
    await expect(page.get_by_test_id("import-report")).to_contain_text("Imported", timeout=LIVE)


async def sign_up(page: Page, base_url: str, name: str) -> str:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.org"
    await page.goto(base_url)
    await expect(page).to_have_url(re.compile(r"/signin$"))
    await page.get_by_role("link", name="Create an account").click()
    await page.get_by_label("Full name").fill(name)
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create an account").click()
    await expect(page).to_have_url(re.compile(r"/welcome$"))
    await expect(page.locator(".live")).to_have_text("Live", timeout=LIVE)
    return email


async def drag(page: Page, source, target) -> None:  # type: ignore[no-untyped-def]
    """A pointer drag with intermediate moves, as a hand on a mouse makes it."""
    start = await source.bounding_box()
    end = await target.bounding_box()
    assert start and end
    await page.mouse.move(start["x"] + 20, start["y"] + 12)
    await page.mouse.down()
    await page.mouse.move(start["x"] + 40, start["y"] + 30, steps=4)
    await page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 60, steps=12)
    await page.mouse.up()


async def run_web_funnel(browser: Browser, mesh: WebMesh, shots: Shots, cv_pdf: bytes, cv_name: str,
                         tmp_path: Path, *, screenshots: bool = True) -> None:
    base = mesh.base_url
    context = await browser.new_context(viewport=DESKTOP, base_url=base)
    watch = PageWatch()
    page = await context.new_page()
    watch.attach(page)

    # 1. Sign up: the app lands on the onboarding screen, with the live stream connected.
    await sign_up(page, base, "Jane")

    # 2. Upload the CV; the parsed profile appears when CV_PARSED arrives, each field marked "from your CV".
    cv_file = tmp_path / cv_name
    cv_file.write_bytes(cv_pdf)
    await page.get_by_test_id("cv-input").set_input_files(str(cv_file))
    await expect(page.get_by_test_id("cv-status")).to_contain_text("read", timeout=LIVE)
    await expect(page.get_by_text(re.compile(r"Your CV has been read"))).to_be_visible(timeout=LIVE)
    skills = page.get_by_role("group", name=re.compile("^Skills"))
    await expect(skills.get_by_role("textbox", name=re.compile(r"^Skill \(Skills 1\)"))).not_to_have_value("")
    await expect(page.locator(".badge--cv").first).to_be_visible()
    # An edit is marked as the user's own once saved.
    await page.get_by_label("Headline", exact=False).first.fill("Backend engineer, Python")
    await page.get_by_role("button", name="Save profile").click()
    await expect(page.get_by_text("Profile saved.")).to_be_visible()
    await expect(page.locator("label", has_text="Headline").locator(".badge--user")).to_be_visible()
    if screenshots:
        await shots.capture(page, "profile")

    # 3. A saved search on the loopback board: a board picked from the list, with its parameter.
    await page.get_by_role("link", name="Searches").click()
    await expect(page.get_by_text("No saved search yet")).to_be_visible()
    if screenshots:
        await shots.capture(page, "searches-empty")
    # With no search yet, the invitation and then the first search's form take the page's one column: no list
    # column left blank beside them on a desktop (the page runs at desktop width here).
    content = await page.locator(".split").evaluate("(split) => split.getBoundingClientRect().width")
    empty_card = await page.get_by_text("No saved search yet").evaluate(
        "(title) => title.closest('.split > *').getBoundingClientRect().width")
    assert empty_card > content * 0.6, (empty_card, content)
    await page.get_by_role("link", name="New search").first.click()
    await expect(page.locator(".split-list")).to_have_count(0)
    await page.get_by_label("Name").fill("Python backend")
    await page.get_by_label("Job titles").fill("Backend Engineer")
    await page.get_by_label("Keywords").fill("python")
    await page.get_by_label("Red flags").fill("unpaid")
    # Boards and their parameters are named in words, not by their ids ("greenhouse", "board_token").
    await page.get_by_role("checkbox", name=re.compile("^Greenhouse")).check()
    await page.get_by_role("textbox", name=re.compile(r"^Board token")).fill("acme")
    await page.get_by_role("button", name="Create search").click()
    await expect(page).to_have_url(re.compile(r"/searches/[0-9a-f-]+$"))
    await expect(page.get_by_text("No run yet")).to_be_visible()

    # 4. The inbox is open in a second tab; running the search fills it live (no reload).
    inbox = await context.new_page()
    watch.attach(inbox)
    await inbox.goto("/inbox")
    await expect(inbox.get_by_text("Your inbox is empty")).to_be_visible()
    if screenshots:
        await shots.capture(inbox, "inbox-empty")
    await expect(inbox.locator(".live")).to_have_text("Live", timeout=LIVE)
    await page.get_by_role("button", name="Run now").click()
    run = page.get_by_test_id("run").first
    await expect(run).to_contain_text("Running", timeout=LIVE)
    await expect(run).to_contain_text("Done", timeout=LIVE)
    await expect(run.locator(".run-counts")).to_contain_text("Fetched4")
    await expect(run.locator(".run-counts")).to_contain_text("New3")
    await expect(run).to_contain_text("red flag “unpaid”: 1")
    # "Running", the new postings and "finished" are one message that changes, not three stacked toasts
    # over the page (watched for two seconds, while the run's events arrive).
    run_toasts = page.locator(".toast").filter(has_text=re.compile(r"search is running|new posting|Search finished"))
    for _ in range(20):
        assert await run_toasts.count() <= 1, await run_toasts.all_inner_texts()
        await page.wait_for_timeout(100)
    if screenshots:
        await shots.capture(page, "search-runs")
    rows = inbox.get_by_test_id("job-row")
    await expect(rows).to_have_count(3, timeout=LIVE)
    await expect(inbox.get_by_text("3 postings to review")).to_be_visible()
    # Live scores: ai_coach scores the new postings in the background and discovery tells the page when
    # they are stored (JOBS_SCORED), so each row's "Not scored yet" turns into its score without a reload,
    # in the background tab (bringing it to the front reconnects the stream and refetches).
    for index in range(3):
        await expect(rows.nth(index).get_by_test_id("fit-badge")).to_have_text(SCORED_BADGE, timeout=LIVE)
    await inbox.bring_to_front()

    # The board gives "Remote" as the location and discovery reads the remote type from it: said once.
    remote_row = rows.filter(has_text="Backend Engineer (Python)")
    await expect(remote_row.locator(".job-meta").first).to_have_text("Acme · Remote")
    await expect(remote_row.locator(".job-meta").nth(1)).to_contain_text(re.compile(r"^Greenhouse · "))

    # A posting's detail: description, its source URL, why it passed the filters.
    await rows.filter(has_text="Senior Backend Engineer").get_by_role("link").click()
    detail = inbox.get_by_test_id("job-detail")
    await expect(detail).to_contain_text("Own our Python APIs")
    await expect(detail.locator(".job-meta").first).to_have_text("Acme · Paris")
    await expect(detail).to_contain_text("https://boards.example.org/acme/jobs/202")
    await expect(detail).to_contain_text("Its title matches “Backend Engineer”.")
    await expect(detail).to_contain_text("It mentions “python”.")
    await expect(detail).to_contain_text("None of your red flags appear in it.")
    await expect(detail).to_contain_text("Found on Greenhouse,")
    if screenshots:
        await shots.capture(inbox, "inbox-detail")

    # Best fit first is the inbox's own order (nobody chose it): the postings, all scored by now, best
    # first once the last score has come in, and the detail explains the score.
    await expect(inbox.get_by_label("Order")).to_have_value("FIT")
    await expect(inbox.get_by_test_id("inbox-list")).to_have_attribute("data-order", "FIT")
    badges = rows.get_by_test_id("fit-badge")
    await expect(badges).to_have_count(3)
    for _ in range(100):  # the list is fetched again after the last score arrives: wait for it (10 s at most)
        texts = [text.strip() for text in await badges.all_inner_texts()]
        matches = [SCORED_BADGE.match(text) for text in texts]
        scores = [int(match.group(1)) for match in matches if match]
        if all(matches) and scores == sorted(scores, reverse=True):
            break
        await inbox.wait_for_timeout(100)
    assert all(matches) and scores == sorted(scores, reverse=True), texts
    await rows.first.get_by_role("link").click()
    fit = inbox.get_by_test_id("fit-detail")
    await expect(fit).to_contain_text("How well it fits")
    await expect(fit.get_by_test_id("fit-score")).to_have_text(f"{scores[0]} / 100")
    await expect(fit).to_contain_text(re.compile(r"Confidence \d{1,3}%"))
    if texts[0].endswith("little to judge"):  # a thin posting's first reason says what is missing
        await expect(fit).to_contain_text("Little to judge")
    # Dated in words, without the scorer's version id ("by fit-6").
    await expect(fit.get_by_test_id("fit-scored")).to_have_text(re.compile(r"^Scored on [A-Z][a-z]{2} \d{1,2}, \d{4}\.$"))
    if screenshots:
        await shots.capture(inbox, "inbox-fit")

    # 5. Triage with the keyboard and the buttons: approve two, reject one.
    await inbox.goto("/inbox")
    await expect(rows).to_have_count(3)
    # Every title can be read whole at phone and desktop width: the postings here differ only at the end
    # of their titles ("Backend Engineer, Payments"), which a one-line row cut off.
    for size in (PHONE, DESKTOP):
        await inbox.set_viewport_size(size)
        cut = await inbox.evaluate(TITLES_CUT)
        assert cut == [], f"at {size['width']} px: {cut}"
        # Every section's link is in sight (a phone's bar scrolled Profile, Stats and Settings out of view).
        out_of_sight = await inbox.evaluate(NAV_OUT_OF_SIGHT)
        assert out_of_sight == [], f"at {size['width']} px: {out_of_sight}"
        # With no posting open, a desktop's right half says what it is for; a phone shows the list alone.
        hint = inbox.get_by_test_id("detail-hint")
        if size is DESKTOP:
            await expect(hint).to_have_text(re.compile(r"^Open a posting to see how well it fits your CV"))
        else:
            await expect(hint).to_be_hidden()
    await inbox.set_viewport_size(DESKTOP)
    if screenshots:
        await shots.capture(inbox, "inbox")
    first = rows.first
    await first.focus()
    first_title = (await first.locator(".job-title").inner_text()).strip()
    await inbox.keyboard.press("a")  # approve the focused posting
    await expect(inbox.get_by_text(f"Approved “{first_title}”")).to_be_visible()
    await expect(rows).to_have_count(2)
    to_reject = (await rows.nth(1).locator(".job-title").inner_text()).strip()
    await rows.nth(1).get_by_role("button", name=f"Reject {to_reject}").click()
    await expect(rows).to_have_count(1)
    second_title = (await rows.first.locator(".job-title").inner_text()).strip()
    await rows.first.focus()
    await inbox.keyboard.press("a")
    await expect(inbox.get_by_text("Your inbox is empty")).to_be_visible()
    await inbox.close()

    # 6. The analyses arrive live on the board: "analysing…" turns into a score without a reload.
    await page.get_by_role("link", name="Board").click()
    column = page.get_by_test_id("column-TO_APPLY")
    await expect(column.get_by_test_id("card")).to_have_count(2, timeout=LIVE)
    await expect(column.get_by_test_id("score")).to_have_count(2, timeout=LIVE)
    await expect(column.get_by_test_id("analysing")).to_have_count(0)
    await expect(column.get_by_test_id("score").first).to_have_text(re.compile(r"^Fit \d{1,3}/100$"))
    # Each analysis is announced by name, so two at once are not two identical toasts.
    await expect(page.get_by_text(re.compile(f"^Analysis ready for {re.escape(first_title)} at Acme: fit \\d+/100\\.$")
                                  )).to_be_visible()
    if screenshots:
        await shots.capture(page, "board")

    # 7. Drag a card to APPLIED; then a drop the transition table forbids is refused, with the reason.
    card = column.get_by_test_id("card").filter(has_text=first_title)
    await drag(page, card, page.get_by_test_id("column-APPLIED"))
    applied = page.get_by_test_id("column-APPLIED").get_by_test_id("card").filter(has_text=first_title)
    await expect(applied).to_have_count(1)
    await expect(page.get_by_test_id("board-message")).to_contain_text(f"“{first_title}” moved to Applied.")
    await drag(page, applied, page.get_by_test_id("column-HIRED"))
    await expect(page.get_by_test_id("board-message")).to_contain_text(
        "A card in Applied cannot go to Hired. It can go to: To apply, Interview, Rejected, Withdrawn.")
    await expect(page.get_by_test_id("column-HIRED").get_by_test_id("card")).to_have_count(0)
    await expect(applied).to_have_count(1)
    # The keyboard moves a card too: Space, arrow, Space.
    other = column.get_by_test_id("card").filter(has_text=second_title)
    await other.focus()
    await page.keyboard.press("Space")
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("Space")  # TO_APPLY → INTERVIEW skips a stage: refused
    await expect(page.get_by_test_id("board-message")).to_contain_text("A card in To apply cannot go to Interview.")
    await expect(column.get_by_test_id("card").filter(has_text=second_title)).to_have_count(1)

    # 8. The application: its analysis, then a note, a rating and a follow-up date.
    await applied.get_by_role("link").click()
    await expect(page).to_have_url(re.compile(r"/applications/[0-9a-f-]+$"))
    application_url = page.url
    analysis = page.get_by_test_id("analysis")
    await expect(analysis.get_by_test_id("analysis-score")).to_have_text(re.compile(r"^\d+$"))
    await expect(analysis).to_contain_text("Score breakdown")
    # The engine and the score's parts in words, not the services' ids.
    await expect(analysis.get_by_test_id("analysis-engine")).not_to_contain_text(re.compile("heuristic|llm"))
    parts = await analysis.locator(".breakdown-head > span:first-child").all_inner_texts()
    assert parts and not {"Lexical", "Semantic"} & {part.strip() for part in parts}, parts
    await expect(analysis.get_by_label("Cover letter")).not_to_have_value("")
    # The skills pro counts what "Skills that match" lists (it said "1 of 2 required skills" beside a list
    # of two, the other one nice-to-have): the required and nice-to-have counts add up to the list.
    pros = await analysis.locator(".pros li").all_inner_texts()
    skills_pro = next((pro for pro in pros if pro.startswith("You have ")), None)
    if skills_pro:
        counts = [int(n) for n in re.findall(r"(\d+) of \d+ (?:required|nice-to-have)", skills_pro)]
        listed = await analysis.locator("p", has_text="Skills that match:").inner_text()
        names = listed.split(":", 1)[1].split(",")
        assert counts and sum(counts) == len(names), (skills_pro, names)
    await page.get_by_label("New note").fill("Called the recruiter: interview likely next week.")
    await page.get_by_role("button", name="Add note").click()
    await expect(page.get_by_test_id("notes")).to_contain_text("Called the recruiter")
    await page.locator(".star", has_text="4 stars").click()
    await expect(page.get_by_role("radio", name="4 stars")).to_be_checked()
    await page.get_by_label("Follow-up reminder").fill("2031-03-14T09:30")
    await page.locator("form.follow-up").get_by_role("button", name="Save").click()
    await expect(page.get_by_test_id("follow-up-at")).to_contain_text("2031")
    if screenshots:
        await shots.capture(page, "application")

    # 9. Reload: everything is as it was (the session survives through its cookie).
    await page.reload()
    await expect(page.get_by_test_id("notes")).to_contain_text("Called the recruiter", timeout=LIVE)
    await expect(page.get_by_role("radio", name="4 stars")).to_be_checked()
    await expect(page.get_by_test_id("follow-up-at")).to_contain_text("2031")
    await expect(page.locator(".badge--status")).to_have_text("Applied")
    await page.get_by_role("link", name="Stats").click()
    await expect(page.locator(".funnel-table")).to_contain_text("Applied1")
    # What the response figure counts, in the number it is ("0 of 1 applications heard back" before).
    await expect(page.get_by_test_id("response")).to_contain_text("0 of 1 sent application answered (0%).")
    if screenshots:
        await shots.capture(page, "stats")
    await page.get_by_role("link", name="Settings").click()
    await page.get_by_role("button", name="Create my calendar link").click()
    await expect(page.get_by_label("Your calendar link")).to_have_value(re.compile(r"/calendar\.ics\?feed="))
    if screenshots:
        await shots.capture(page, "settings")
    # Shown once: asked again (after a reload), the screen says so and offers a new link.
    await page.reload()
    show_again = page.get_by_role("button", name="Create my calendar link")
    await expect(show_again).to_be_visible(timeout=LIVE)
    await show_again.click()
    await expect(page.get_by_text("Your calendar link was shown when it was created")).to_be_visible(timeout=LIVE)
    await expect(page.get_by_role("button", name="Make a new link")).to_be_visible()
    await page.get_by_role("link", name="Profile").click()
    await expect(page.get_by_label("Headline", exact=False).first).to_have_value("Backend engineer, Python")

    # 10. Another person, in another browser context, sees none of it.
    stranger_context = await browser.new_context(viewport=DESKTOP, base_url=base)
    stranger = await stranger_context.new_page()
    watch.attach(stranger)
    await sign_up(stranger, base, "Sam")
    await stranger.get_by_role("link", name="Inbox").click()
    await expect(stranger.get_by_text("Your inbox is empty")).to_be_visible()
    await stranger.get_by_role("link", name="Board").click()
    await expect(stranger.get_by_text("No application yet")).to_be_visible()
    await stranger.get_by_role("link", name="Searches").click()
    await expect(stranger.get_by_text("No saved search yet")).to_be_visible()
    await stranger.goto(application_url)
    await expect(stranger.get_by_role("alert")).to_contain_text("not found", timeout=LIVE)
    await expect(stranger.get_by_text("Called the recruiter")).to_have_count(0)
    await stranger.get_by_role("button", name="Sign out").click()
    await expect(stranger).to_have_url(re.compile(r"/signin"))
    if screenshots:
        await shots.capture(stranger, "signin")
        await stranger.get_by_role("link", name="Create an account").click()
        await shots.capture(stranger, "signup")

    await stranger_context.close()
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)
