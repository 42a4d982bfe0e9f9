"""The tools an agent gets, each a GraphQL operation of the gateway run as the caller (mesh.py), with a
description, an input schema (from the signature), hints (read-only, destructive, idempotent) and the
scope it needs. Answers are compact text: one line per item, ids first, and what to call next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from mcp.types import ToolAnnotations
from pydantic import Field

from gateway.mcp.mesh import Mesh

DESCRIPTION_CHARS = 6000  # a posting's text is cut here: enough to judge it, not a whole page of boilerplate

JobStatus = Literal["PENDING", "APPROVED", "REJECTED"]
ApplicationStatus = Literal["TO_APPLY", "APPLIED", "INTERVIEW", "OFFER", "HIRED", "REJECTED", "WITHDRAWN"]
ApplicationSort = Literal["UPDATED_DESC", "CREATED_DESC", "SCORE_DESC", "FOLLOW_UP_ASC"]
RemoteType = Literal["REMOTE", "HYBRID", "ON_SITE"]
First = Annotated[int, Field(ge=1, le=100, description="Page size (1-100).")]
After = Annotated[str | None, Field(description="The `next` cursor of the previous page.")]

JOB_LINE = ("id title company locations remoteType status source salary { min max currency period text } "
            "fit { score reasons }")
APP_LINE = ("id status version companyId job { title company location } analysisState analysis { score } "
            "followUpAt updatedAt")

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
WRITE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False)
IDEMPOTENT_WRITE = ToolAnnotations(read_only_hint=False, destructive_hint=False, idempotent_hint=True,
                                   open_world_hint=False)
DESTRUCTIVE = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=True, open_world_hint=False)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    scope: str
    annotations: ToolAnnotations
    description: str
    make: Any  # (Mesh) -> the tool function


def _salary(salary: dict | None) -> str:
    if not salary:
        return ""
    if salary.get("min") is None and salary.get("max") is None:
        return salary.get("text") or ""
    low, high = salary.get("min"), salary.get("max")
    amount = f"{low:,.0f}-{high:,.0f}" if low is not None and high is not None else f"{(low or high):,.0f}"
    period = (salary.get("period") or "").lower()
    return f"{amount} {salary.get('currency') or ''}{'/' + period if period else ''}".strip()


def _job_line(job: dict) -> str:
    parts = [job["id"], job["title"], job["company"], ", ".join(job.get("locations") or []),
             job.get("remoteType") or "", _salary(job.get("salary")), job.get("status") or "", job.get("source") or "",
             _fit(job.get("fit"))]
    return " | ".join(p for p in parts if p)


def _fit(fit: dict | None) -> str:
    if fit is None:
        return "fit not scored yet"
    reasons = "; ".join(fit.get("reasons") or [])
    return f"fit {round(fit['score'])}" + (f" ({reasons})" if reasons else "")


def _app_line(app: dict) -> str:
    job = app["job"]
    score = (app.get("analysis") or {}).get("score")
    parts = [app["id"], app.get("status") or "", job["title"], job["company"], job.get("location") or "",
             f"score {score}" if score is not None else f"analysis {str(app.get('analysisState') or '').lower()}",
             f"follow-up {app['followUpAt'][:10]}" if app.get("followUpAt") else "", f"v{app['version']}"]
    return " | ".join(p for p in parts if p)


def _page(lines: list[str], page_info: dict, heading: str) -> str:
    total = page_info.get("totalCount")
    head = f"{heading} ({total} in all)" if total is not None else heading
    tail = f"next: after={page_info['endCursor']}" if page_info.get("hasNextPage") else "end of list"
    return "\n".join([head, *(f"- {line}" for line in lines or ["(none)"]), tail])


# --- the inbox --------------------------------------------------------------------------------------------
def list_inbox(mesh: Mesh):
    async def list_inbox(
            status: Annotated[JobStatus, Field(description="PENDING: waiting for a decision.")] = "PENDING",
            query: Annotated[str | None, Field(description="Full-text search (quotes, -exclusions).")] = None,
            search_id: Annotated[str | None, Field(description="Only postings found by this saved search.")] = None,
            sources: Annotated[list[str] | None, Field(description="Only these boards (greenhouse, manual, url...).")] = None,
            remote: Annotated[list[RemoteType] | None, Field(description="Only these work arrangements.")] = None,
            salary_at_least: Annotated[float | None, Field(description="Yearly pay at least this.")] = None,
            salary_currency: Annotated[str | None, Field(description="ISO currency of salary_at_least.")] = None,
            sort: Annotated[Literal["NEWEST", "FIT"], Field(
                description="NEWEST first, or FIT: best fit with the profile first (not yet scored ones last).")] = "NEWEST",
            first: First = 20, after: After = None) -> str:
        data = await mesh.run("feed:read", f"""query($status: JobStatus, $first: Int, $after: String, $query: String,
            $search: ID, $sources: [String!], $remote: [RemoteType!], $salary: Float, $currency: String,
            $sort: FeedSort) {{
            jobFeed(status: $status, first: $first, after: $after, query: $query, searchConfigId: $search,
                    sources: $sources, remoteTypes: $remote, salaryAtLeast: $salary, salaryCurrency: $currency,
                    sort: $sort)
            {{ nodes {{ {JOB_LINE} }} pageInfo {{ endCursor hasNextPage totalCount }} }} }}""",
            status=status, first=first, after=after, query=query, search=search_id, sources=sources, remote=remote,
            salary=salary_at_least, currency=salary_currency, sort=sort)
        feed = data["jobFeed"]
        return _page([_job_line(j) for j in feed["nodes"]], feed["pageInfo"],
                     "postings: id | title | company | locations | remote | pay | status | source | fit")
    return list_inbox


def get_posting(mesh: Mesh):
    async def get_posting(id: Annotated[str, Field(description="The posting's id.")]) -> str:
        data = await mesh.run("feed:read", f"""query($id: ID!) {{ job(id: $id) {{ {JOB_LINE} url postedAt
            discoveredAt employmentType skills redFlags matchReasons searchConfigId descriptionText }} }}""", id=id)
        job = data["job"]
        description = job["descriptionText"]
        if len(description) > DESCRIPTION_CHARS:
            description = description[:DESCRIPTION_CHARS] + " […]"
        lines = [_job_line(job), f"url: {job['url']}",
                 f"posted: {(job.get('postedAt') or '')[:10] or 'unknown'}; found: {(job.get('discoveredAt') or '')[:10]}",
                 f"skills: {', '.join(job['skills']) or '-'}", f"red flags: {', '.join(job['redFlags']) or 'none'}",
                 f"why it matched: {', '.join(job['matchReasons']) or '-'}", "", description]
        return "\n".join(lines)
    return get_posting


def approve_posting(mesh: Mesh):
    async def approve_posting(id: Annotated[str, Field(description="The posting's id.")]) -> str:
        data = await mesh.run("feed:write", """mutation($id: ID!) { approveJob(id: $id)
            { id status version analysisState } }""", id=id)
        app = data["approveJob"]
        return (f"approved posting {id}: application {app['id']} ({app['status']}, v{app['version']}), analysis "
                f"{str(app['analysisState']).lower()}; get_application(id={app['id']}) shows it once done")
    return approve_posting


def reject_posting(mesh: Mesh):
    async def reject_posting(id: Annotated[str, Field(description="The posting's id.")]) -> str:
        data = await mesh.run("feed:write", "mutation($id: ID!) { rejectJob(id: $id) { id status } }", id=id)
        return f"posting {data['rejectJob']['id']} is {data['rejectJob']['status']}"
    return reject_posting


def add_posting_by_url(mesh: Mesh):
    async def add_posting_by_url(url: Annotated[str, Field(description="The posting's page (http or https).")]) -> str:
        data = await mesh.run("feed:write", f"mutation($url: String!) {{ addJobByUrl(url: $url) {{ {JOB_LINE} }} }}",
                              url=url)
        job = data["addJobByUrl"]
        return f"added: {_job_line(job)}\napprove_posting(id={job['id']}) to analyse it against the CV"
    return add_posting_by_url


def add_posting_manually(mesh: Mesh):
    async def add_posting_manually(
            company: Annotated[str, Field(description="Employer.")],
            title: Annotated[str, Field(description="Job title.")],
            description: Annotated[str, Field(description="The posting's text (what the analysis reads).")] = "",
            location: str = "", url: Annotated[str, Field(description="Where it was seen, if anywhere.")] = "") -> str:
        data = await mesh.run("feed:write", f"""mutation($i: ManualJobInput!) {{ addJobManually(input: $i)
            {{ {JOB_LINE} }} }}""", i={"company": company, "title": title, "description": description,
                                      "location": location, "url": url})
        job = data["addJobManually"]
        return f"added: {_job_line(job)}\napprove_posting(id={job['id']}) to analyse it against the CV"
    return add_posting_manually


# --- the board --------------------------------------------------------------------------------------------
def list_applications(mesh: Mesh):
    async def list_applications(
            status: Annotated[ApplicationStatus | None, Field(description="Only this column.")] = None,
            company_id: Annotated[str | None, Field(description="Only this company's (ids in the list).")] = None,
            min_score: Annotated[int | None, Field(ge=0, le=100, description="Only analysed ones scoring at least "
                                                                              "this (sorts by score).")] = None,
            sort: ApplicationSort = "UPDATED_DESC", first: First = 20, after: After = None) -> str:
        if min_score is not None:
            sort = "SCORE_DESC"  # then everything past the first score below the bar is below it too
        data = await mesh.run("applications:read", f"""query($status: ApplicationStatus, $first: Int,
            $after: String, $sort: ApplicationSort!, $company: ID) {{ myApplications(status: $status, first: $first,
            after: $after, sort: $sort, companyId: $company) {{ nodes {{ {APP_LINE} }}
            pageInfo {{ endCursor hasNextPage totalCount }} }} }}""",
            status=status, first=first, after=after, sort=sort, company=company_id)
        page = data["myApplications"]
        nodes, info = page["nodes"], dict(page["pageInfo"])
        if min_score is not None:
            def score(app: dict) -> int:
                value = (app.get("analysis") or {}).get("score")
                return -1 if value is None else value  # not analysed yet: last, as the tracker sorts

            kept = [a for a in nodes if score(a) >= min_score]
            if len(kept) < len(nodes):
                info.update(hasNextPage=False, totalCount=None)
            nodes = kept
        return _page([_app_line(a) for a in nodes], info,
                     "applications: id | status | title | company | location | score | follow-up | version")
    return list_applications


def get_application(mesh: Mesh):
    async def get_application(id: Annotated[str, Field(description="The application's id.")]) -> str:
        data = await mesh.run("applications:read", f"""query($id: ID!) {{ application(id: $id) {{ {APP_LINE}
            jobId allowedMoves analysisError rating interviewAt job {{ url }}
            analysis {{ score pros cons coverLetter matchedSkills missingSkills atsAdvice {{ keywordsToAdd tips }} }}
            notes {{ id body createdAt }} history {{ fromStatus toStatus at note }} }} }}""", id=id)
        app = data["application"]
        lines = [_app_line(app), f"posting: {app['jobId']} {app['job'].get('url') or ''}".rstrip(),
                 f"moves allowed: {', '.join(app['allowedMoves']) or 'none (closed: reopen it in the app)'}"]
        if app.get("interviewAt"):
            lines.append(f"interview: {app['interviewAt']}")
        analysis = app.get("analysis")
        if analysis:
            lines += [f"score: {analysis['score']}/100", *(f"+ {p}" for p in analysis["pros"]),
                      *(f"- {c}" for c in analysis["cons"]),
                      f"matched skills: {', '.join(analysis['matchedSkills']) or '-'}",
                      f"missing skills: {', '.join(analysis['missingSkills']) or '-'}",
                      f"ATS keywords to add: {', '.join(analysis['atsAdvice']['keywordsToAdd']) or '-'}",
                      *(f"tip: {t}" for t in analysis["atsAdvice"]["tips"]),
                      "cover letter:", analysis["coverLetter"] or "(none)"]
        elif app.get("analysisError"):
            lines.append(f"analysis failed: {app['analysisError']}")
        else:
            lines.append(f"analysis {str(app.get('analysisState') or '').lower()}: not ready yet")
        lines.append("notes:" if app["notes"] else "notes: none")
        lines += [f"- {n['id']} ({(n.get('createdAt') or '')[:10]}): {n['body']}" for n in app["notes"]]
        lines.append("history:")
        lines += [f"- {(h.get('at') or '')[:16]} {h.get('fromStatus') or 'new'} -> {h.get('toStatus')}"
                  f"{': ' + h['note'] if h['note'] else ''}" for h in app["history"]]
        return "\n".join(lines)
    return get_application


def move_card(mesh: Mesh):
    async def move_card(
            application_id: Annotated[str, Field(description="The application's id.")],
            to_status: Annotated[ApplicationStatus, Field(description="The column to move it to.")],
            note: Annotated[str, Field(description="Why, kept in the history.")] = "",
            expected_version: Annotated[int | None, Field(description="The version you read: a concurrent change "
                                                                      "then fails with CONFLICT.")] = None) -> str:
        data = await mesh.run("applications:write", """mutation($id: ID!, $to: ApplicationStatus!, $v: Int,
            $note: String!) { moveCard(id: $id, toStatus: $to, expectedVersion: $v, note: $note)
            { id status version allowedMoves } }""", id=application_id, to=to_status, v=expected_version, note=note)
        app = data["moveCard"]
        return (f"application {app['id']} is now {app['status']} (v{app['version']}); "
                f"next moves: {', '.join(app['allowedMoves']) or 'none'}")
    return move_card


def add_note(mesh: Mesh):
    async def add_note(application_id: Annotated[str, Field(description="The application's id.")],
                       text: Annotated[str, Field(description="The note.")]) -> str:
        data = await mesh.run("applications:write", """mutation($id: ID!, $body: String!) {
            addNote(applicationId: $id, body: $body) { id } }""", id=application_id, body=text)
        return f"note {data['addNote']['id']} added to application {application_id}"
    return add_note


def set_follow_up(mesh: Mesh):
    async def set_follow_up(
            application_id: Annotated[str, Field(description="The application's id.")],
            follow_up_at: Annotated[datetime | None, Field(description="When to follow up (ISO 8601); null "
                                                                       "clears it.")],
            interview_at: Annotated[datetime | None, Field(description="An interview's time, if any.")] = None) -> str:
        variables: dict[str, Any] = {"id": application_id, "at": follow_up_at.isoformat() if follow_up_at else None}
        interview = ", interviewAt: $interview" if interview_at is not None else ""
        if interview_at is not None:
            variables["interview"] = interview_at.isoformat()
        data = await mesh.run("applications:write", f"""mutation($id: ID!, $at: DateTime
            {", $interview: DateTime" if interview else ""}) {{ setRelanceReminder(id: $id, at: $at{interview})
            {{ id followUpAt interviewAt }} }}""", **variables)
        app = data["setRelanceReminder"]
        return (f"application {app['id']}: follow-up {app['followUpAt'] or 'none'}"
                f"{', interview ' + app['interviewAt'] if app.get('interviewAt') else ''}")
    return set_follow_up


def funnel_stats(mesh: Mesh):
    async def funnel_stats() -> str:
        data = await mesh.run("applications:read", """{ funnelStats { total countsByStatus { status count }
            conversions { fromStatus toStatus rate medianDays } response { applied responded rate
            medianDaysToResponse } noResponseCount } }""")
        stats = data["funnelStats"]
        response = stats["response"]
        def conversion(c: dict) -> str:
            days = f", median {c['medianDays']:.1f} days" if c.get("medianDays") is not None else ""
            return f"{c['fromStatus']} -> {c['toStatus']}: {c['rate']:.0%}{days}"

        lines = [f"applications: {stats['total']}",
                 "by status: " + ", ".join(f"{c['status']} {c['count']}" for c in stats["countsByStatus"]),
                 *(conversion(c) for c in stats["conversions"]),
                 f"responses: {response['responded']}/{response['applied']} ({response['rate']:.0%})",
                 f"flagged no response: {stats['noResponseCount']}"]
        return "\n".join(lines)
    return funnel_stats


# --- saved searches ---------------------------------------------------------------------------------------
def list_saved_searches(mesh: Mesh):
    async def list_saved_searches(include_inactive: bool = False) -> str:
        data = await mesh.run("searches:read", """query($all: Boolean!) { mySearchConfigs(includeInactive: $all)
            { id name jobTitles locations keywords active runIntervalMinutes sources { source } } }""",
                              all=include_inactive)
        lines = [f"{c['id']} | {c['name']} | titles: {', '.join(c['jobTitles']) or '-'} | "
                 f"where: {', '.join(c['locations']) or 'anywhere'} | keywords: {', '.join(c['keywords']) or '-'} | "
                 f"sources: {', '.join(s['source'] for s in c['sources']) or 'default'} | every "
                 f"{c['runIntervalMinutes']} min{'' if c['active'] else ' | inactive'}"
                 for c in data["mySearchConfigs"]]
        return "\n".join(["saved searches: id | name | titles | where | keywords | sources | schedule",
                          *(f"- {line}" for line in lines or ["(none)"])])
    return list_saved_searches


def run_saved_search(mesh: Mesh):
    async def run_saved_search(search_id: Annotated[str, Field(description="The saved search's id.")]) -> str:
        data = await mesh.run("searches:write", """mutation($id: ID!) { triggerScan(searchConfigId: $id)
            { id status fetched newCount duplicates filtered } }""", id=search_id)
        run = data["triggerScan"][0]
        return (f"run {run['id']} of search {search_id}: {run['status']}, fetched {run['fetched']}, "
                f"new {run['newCount']}, duplicates {run['duplicates']}, filtered {run['filtered']}; "
                "new postings appear in list_inbox")
    return run_saved_search


TOOLS = [
    ToolSpec("list_inbox", "feed:read", READ, "List postings in the inbox (PENDING by default), newest first, "
             "with filters and paging; each line starts with the posting id.", list_inbox),
    ToolSpec("get_posting", "feed:read", READ, "Read one posting: details, red flags, why it matched its saved "
             "search, and its text.", get_posting),
    ToolSpec("approve_posting", "feed:write", IDEMPOTENT_WRITE, "Approve a posting: it becomes an application "
             "(TO_APPLY) whose analysis against the CV (score, pros, cons, cover letter) starts at once. "
             "Approving again returns the same application.", approve_posting),
    ToolSpec("reject_posting", "feed:write", DESTRUCTIVE, "Reject a posting: it leaves the inbox.", reject_posting),
    ToolSpec("add_posting_by_url", "feed:write", WRITE, "Add a posting from its web page (read and stored "
             "PENDING in the inbox).", add_posting_by_url),
    ToolSpec("add_posting_manually", "feed:write", WRITE, "Add a posting by hand (stored PENDING in the inbox).",
             add_posting_manually),
    ToolSpec("list_applications", "applications:read", READ, "List applications (the board's cards) with "
             "filters (status, company, minimum score), sorting and paging.", list_applications),
    ToolSpec("get_application", "applications:read", READ, "Read one application: the analysis (score, pros, "
             "cons, skills, ATS advice, cover letter), notes, history and the moves allowed.", get_application),
    ToolSpec("move_card", "applications:write", DESTRUCTIVE, "Move an application to another column (TO_APPLY, "
             "APPLIED, INTERVIEW, OFFER, HIRED; REJECTED and WITHDRAWN close it). Kept in the history.", move_card),
    ToolSpec("add_note", "applications:write", WRITE, "Add a note to an application.", add_note),
    ToolSpec("set_follow_up", "applications:write", IDEMPOTENT_WRITE, "Set (or clear) when to follow up on an "
             "application, and optionally an interview time.", set_follow_up),
    ToolSpec("funnel_stats", "applications:read", READ, "The funnel: counts per status, conversion between "
             "stages, response rate.", funnel_stats),
    ToolSpec("list_saved_searches", "searches:read", READ, "List the saved searches that fill the inbox.",
             list_saved_searches),
    ToolSpec("run_saved_search", "searches:write", WRITE, "Run a saved search now (job boards are fetched; new "
             "postings land in the inbox).", run_saved_search),
]
