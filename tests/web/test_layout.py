"""Layout a person sees on a phone (375 px) and a desktop (1280 px), measured in the browser: the menu in
two rows at most in every language the app ships, list entries on the profile whose inputs keep the
width, board names whole in the search form, the inbox's filter labels on one line, the keyboard cursor
never under the sticky header, and a company's timeline reading newest first when its entries share a
minute (an imported row).
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.async_api import Page, expect

from tests.web.conftest import DESKTOP, PHONE, PageWatch, Shots, WebMesh
from tests.web.funnel import LIVE, NAV_OUT_OF_SIGHT, import_sheet, sign_up
from tests.web.test_tokens_and_hh import graphql, login

NAV_ROWS = "() => new Set([...document.querySelectorAll('.nav a')].map((a) => Math.round(a.getBoundingClientRect().top))).size"
# The labels of the inbox's filter form that take more than one line.
WRAPPED_LABELS = """() => [...document.querySelectorAll('.filters .field > :first-child')].filter((label) => {
  const lineHeight = parseFloat(getComputedStyle(label).lineHeight) || 20;
  return label.getBoundingClientRect().height > lineHeight * 1.5;
}).map((label) => label.textContent)"""
# Each input of the profile's list entries against the entry's width, and whether "Remove" covers one.
SQUEEZED_INPUTS = """() => [...document.querySelectorAll('.list-editor-item')].flatMap((item) => {
  const width = item.getBoundingClientRect().width;
  const button = item.querySelector(':scope > .btn').getBoundingClientRect();
  return [...item.querySelectorAll('input, textarea')].flatMap((input) => {
    const box = input.getBoundingClientRect();
    const overlaps = box.right > button.left && box.left < button.right && box.bottom > button.top && box.top < button.bottom;
    return box.width < width * 0.9 || overlaps ? [input.getAttribute('aria-label') + ': ' + Math.round(box.width) + ' of ' + Math.round(width) + ' px'] : [];
  });
})"""

# Each row of a table of short entries (skills, languages): its inputs and "×" on one line, side by side,
# the first (the name) at least 100 px wide.
CRAMPED_TABLE_ROWS = """() => [...document.querySelectorAll('.list-table-row')].flatMap((row) => {
  const boxes = [...row.querySelectorAll('input, .btn')].map((control) => control.getBoundingClientRect());
  const problems = [];
  if (boxes.some((box) => Math.abs(box.top - boxes[0].top) > 4)) problems.push('not on one line');
  if (boxes.some((box, i) => i > 0 && box.left < boxes[i - 1].right - 1)) problems.push('controls overlap');
  if (boxes[0].width < 100) problems.push('name ' + Math.round(boxes[0].width) + ' px');
  return problems.map((problem) => row.querySelector('input').getAttribute('aria-label') + ': ' + problem);
})"""


async def languages(page: Page) -> list[str]:
    await page.get_by_role("link", name="Settings").click()
    return await page.locator("#language option").evaluate_all("(options) => options.map((o) => o.value)")


async def test_the_phone_menu_keeps_to_two_rows_in_every_language(browser, web_mesh: WebMesh, shots: Shots) -> None:
    context = await browser.new_context(viewport=PHONE, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Menu")
    codes = await languages(page)
    assert {"en", "fr"} <= set(codes)
    for code in codes:
        await page.locator("#language").select_option(code)
        for size in (PHONE, DESKTOP):
            await page.set_viewport_size(size)
            rows = await page.evaluate(NAV_ROWS)
            assert rows <= (2 if size is PHONE else 1), f"{code} at {size['width']} px: the menu takes {rows} rows"
            assert await page.evaluate(NAV_OUT_OF_SIGHT) == [], f"{code} at {size['width']} px"
        await page.set_viewport_size(PHONE)
        if code == "fr":
            # The phone shows the short name; the link keeps its full one for a screen reader.
            inbox = page.get_by_role("link", name="Boîte de réception")
            await expect(inbox).to_be_visible()
            await expect(inbox).to_have_text(re.compile("Réception$"))
            await shots.capture(page, "menu-fr")
    await page.locator("#language").select_option("en")
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)


async def test_profile_entries_and_inbox_filters_keep_their_width_on_a_phone(browser, web_mesh: WebMesh) -> None:
    context = await browser.new_context(viewport=PHONE, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Width")
    for legend in ("Skills", "Experience"):
        await page.get_by_role("button", name=f"+ Add to {legend}").click()
    for size in (PHONE, DESKTOP):
        await page.set_viewport_size(size)
        if size is PHONE:  # from 800 px "Remove" has a column of its own beside three columns of fields
            assert await page.evaluate(SQUEEZED_INPUTS) == [], f"at {size['width']} px"
        assert await page.evaluate(CRAMPED_TABLE_ROWS) == [], f"at {size['width']} px"
        await expect(page.get_by_role("button", name="Remove Skills entry 1")).to_be_visible()
        await expect(page.get_by_role("textbox", name="Skill (Skills 1)")).to_be_visible()

    # The new-search form's boards: each name on one line, its blurb running on under it.
    await page.get_by_role("link", name="Searches").click()
    await page.get_by_role("link", name="New search").first.click()
    await expect(page.get_by_role("checkbox", name=re.compile("^Remote OK"))).to_be_visible()
    for size in (PHONE, DESKTOP):
        await page.set_viewport_size(size)
        broken = await page.locator(".source strong").evaluate_all(
            "(names) => names.filter((n) => n.getClientRects().length > 1 || n.getBoundingClientRect().height >"
            " 1.5 * (parseFloat(getComputedStyle(n).lineHeight) || 1.25 * parseFloat(getComputedStyle(n).fontSize)))"
            ".map((n) => n.textContent)")
        assert broken == [], f"board names broken over lines at {size['width']} px: {broken}"

    await page.get_by_role("link", name="Inbox").click()
    await expect(page.get_by_label("Min. yearly pay")).to_be_visible()
    for code in await languages(page):
        await page.get_by_role("link", name=re.compile("^(Settings|Réglages)$")).click()
        await page.locator("#language").select_option(code)
        await page.get_by_role("link", name=re.compile("^(Inbox|Boîte de réception)$")).click()
        await expect(page.locator(".filters")).to_be_visible()
        for size in (PHONE, DESKTOP):
            await page.set_viewport_size(size)
            toggle = page.locator(".filters-toggle")
            if size is PHONE:
                # Folded on a phone (the first postings in sight): the board, arrangement, pay and date
                # filters open with a button, and then none of their labels wraps either.
                await expect(page.locator("#inbox-more-filters select").first).to_be_hidden()
                await toggle.click()
                await expect(toggle).to_have_attribute("aria-expanded", "true")
                await expect(page.locator("#inbox-more-filters select").first).to_be_visible()
            else:
                await expect(toggle).to_be_hidden()
                await expect(page.locator("#inbox-more-filters select").first).to_be_visible()
            assert await page.evaluate(WRAPPED_LABELS) == [], f"{code} at {size['width']} px"
    # A filter in force behind the fold says so on the button, so it is not forgotten.
    await page.get_by_role("link", name=re.compile("^(Settings|Réglages)$")).click()
    await page.locator("#language").select_option("en")
    await page.get_by_role("link", name="Inbox").click()
    await page.set_viewport_size(PHONE)
    await page.get_by_role("button", name="More filters").click()
    await page.get_by_label("Remote work").select_option("REMOTE")
    await page.get_by_role("button", name="Fewer filters").click()
    await expect(page.get_by_role("button", name="More filters (1 on)")).to_be_visible()
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)


async def test_the_keyboard_cursor_is_never_left_under_the_header(browser, web_mesh: WebMesh) -> None:
    # A short phone window, so the list scrolls under the header (taller than 80 px with its two rows).
    context = await browser.new_context(viewport={"width": 375, "height": 560}, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    email = await sign_up(page, web_mesh.base_url, "Keys")
    _user, token = await login(web_mesh.base_url, email)
    for n in range(6):
        await graphql(web_mesh.base_url, "mutation($i: ManualJobInput!) { addJobManually(input: $i) { id } }",
                      {"i": {"company": f"Initech {n}", "title": f"Engineer {n}", "description": "Python."}}, token)
    await page.get_by_role("link", name="Inbox").click()
    rows = page.get_by_test_id("job-row")
    await expect(rows).to_have_count(6, timeout=LIVE)
    header = await page.evaluate("document.querySelector('.app-header').getBoundingClientRect().bottom")
    assert header > 80, header  # what the old code assumed
    await page.locator("body").press("j")  # the cursor on row 2
    await page.locator("body").press("j")  # row 3
    # The list scrolled so that row 2's top sits just under the header's bottom edge, yet below 80 px.
    await page.evaluate("""(header) => {
        const row = document.querySelector('[data-index="1"]');
        window.scrollBy(0, row.getBoundingClientRect().top - (header - 12));
    }""", header)
    await page.locator("body").press("k")  # back to row 2: it must come out from under the header
    focused = page.locator('[data-testid="job-row"]:focus')
    await expect(focused).to_have_attribute("data-index", "1")
    top = await focused.evaluate("(row) => row.getBoundingClientRect().top")
    assert top >= header, (top, header)
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)


IMPORTED = "Company,Title,Status,Date applied,Notes\nHooli,Platform Engineer,Interview,2026-11-10,Second round went well\n"


async def test_a_company_timeline_reads_newest_first_when_its_entries_share_a_minute(
        browser, web_mesh: WebMesh, shots: Shots, tmp_path: Path) -> None:
    context = await browser.new_context(viewport=DESKTOP, base_url=web_mesh.base_url)
    page = await context.new_page()
    watch = PageWatch()
    watch.attach(page)
    await sign_up(page, web_mesh.base_url, "Order")
    sheet = tmp_path / "one.csv"
    sheet.write_text(IMPORTED, encoding="utf-8")
    await import_sheet(page, sheet)
    await page.get_by_role("link", name="Companies").click()
    await page.get_by_role("link", name="Hooli").click()
    entries = page.get_by_test_id("company-timeline").get_by_test_id("timeline-entry")
    await expect(entries).to_have_count(4)
    # One row, one date: the note, then the moves from the last to the first, then the creation.
    heads = [re.sub(r"\s+", " ", text) for text in await entries.all_inner_texts()]
    assert [h.split(" ")[0] for h in heads] == ["Note", "Moved", "Moved", "Added"], heads
    assert "Applied → Interview" in heads[1] and "To apply → Applied" in heads[2], heads
    await shots.capture(page, "company-imported")
    await context.close()
    assert watch.problems == [], "the pages reported errors:\n" + "\n".join(watch.problems)
