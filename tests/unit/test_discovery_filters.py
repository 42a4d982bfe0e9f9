"""Discovery's pure parts: red flags, relevance, dedup keys, and list items in descriptions."""

from __future__ import annotations

import pytest

from common.html_text import html_to_text
from discovery_service.dedup import fingerprint, plan_merge, posting_keys, url_key
from discovery_service.domain import Candidate, Posting, RemoteType, Salary, SalaryPeriod, SearchCriteria
from discovery_service.filters import explain, find_red_flags, irrelevance, screen


def posting(title: str = "Python Developer", **fields) -> Posting:
    return Posting(source=fields.pop("source", "greenhouse"), external_id=fields.pop("external_id", "1"),
                   url=fields.pop("url", "https://boards.example.com/jobs/1"), title=title,
                   company=fields.pop("company", "Acme"), **fields)


# --- red flags ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "flag"), [
    ("This role is UNPAID for now", "unpaid"),
    ("Rémunération: à la commission", "remuneration a la commission"),
    ("Pay: commission-only!", "Commission Only"),
    ("Gehalt: unbezahlt.", "Unbezahlt"),
])
def test_red_flags_match_whole_words_and_phrases_ignoring_case_and_accents(text: str, flag: str) -> None:
    assert find_red_flags(posting(description_text=text), [flag]) == [flag]


@pytest.mark.parametrize(("text", "flag"), [
    ("We use JavaScript daily", "java"),
    ("Commissioning engineer", "commission"),
    ("Paid vacation", "unpaid"),
])
def test_red_flags_do_not_match_inside_other_words(text: str, flag: str) -> None:
    assert find_red_flags(posting(description_text=text), [flag]) == []


def test_red_flags_look_at_title_and_company_too() -> None:
    assert find_red_flags(posting("Crypto Trader", company="MLM Inc"), ["mlm", "crypto", "ponzi"]) == ["mlm", "crypto"]


def test_a_scheduled_posting_with_a_red_flag_is_dropped_but_a_user_added_one_only_marked() -> None:
    criteria = SearchCriteria(titles=["Python Developer"], red_flags=["Unpaid"])
    flagged = posting(description_text="An unpaid internship")
    scheduled = screen(flagged, criteria, user_requested=False)
    assert not scheduled.keep and scheduled.drop_reason == "red_flag:unpaid"
    added = screen(posting("Cook", description_text="unpaid"), criteria, user_requested=True)
    assert added.keep and added.red_flags == ("Unpaid",)


# --- relevance ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("title", "relevant"), [
    ("Senior Python Developer", True),
    ("Developer (Python, Django)", True),
    ("Python-Entwickler", False),
    ("Sales Manager", False),
])
def test_titles_decide_relevance(title: str, relevant: bool) -> None:
    criteria = SearchCriteria(titles=["Python Developer", "Backend Engineer"])
    assert (irrelevance(posting(title), criteria) is None) is relevant


def test_keywords_must_appear_somewhere_when_given() -> None:
    criteria = SearchCriteria(titles=["Developer"], keywords=["Django", "FastAPI"])
    assert irrelevance(posting("Developer", skills=["fastapi"]), criteria) is None
    assert irrelevance(posting("Developer", description_text="We use Flask"), criteria) == "no_keyword"


@pytest.mark.parametrize(("policy", "remote_type", "dropped"), [
    ("REMOTE", RemoteType.ON_SITE, True), ("REMOTE", RemoteType.HYBRID, True), ("REMOTE", RemoteType.UNKNOWN, False),
    ("HYBRID", RemoteType.REMOTE, False), ("HYBRID", RemoteType.ON_SITE, True), ("ON_SITE", RemoteType.REMOTE, True),
    ("ANY", RemoteType.ON_SITE, False),
])
def test_remote_policy_filters_only_what_the_posting_states(policy, remote_type, dropped) -> None:
    reason = irrelevance(posting(remote_type=remote_type), SearchCriteria(remote_policy=policy))
    assert (reason == "remote_policy") is dropped


def test_location_filters_stated_locations_but_not_remote_postings() -> None:
    criteria = SearchCriteria(locations=["München", "Berlin"])
    assert irrelevance(posting(locations=["Munchen, Bayern"]), criteria) is None
    assert irrelevance(posting(locations=["Hamburg"]), criteria) == "location"
    assert irrelevance(posting(locations=["Hamburg"], remote_type=RemoteType.REMOTE), criteria) is None
    assert irrelevance(posting(locations=[]), criteria) is None


def test_salary_floor_compares_yearly_pay_in_the_same_currency() -> None:
    criteria = SearchCriteria(salary_min=60000, salary_currency="EUR")
    monthly = Salary(min=4000, max=4500, currency="EUR", period=SalaryPeriod.MONTH)  # 54k a year
    assert irrelevance(posting(salary=monthly), criteria) == "salary_below_floor"
    assert irrelevance(posting(salary=Salary(min=70000, currency="EUR", period=SalaryPeriod.YEAR)), criteria) is None
    assert irrelevance(posting(salary=Salary(min=100, currency="USD", period=SalaryPeriod.HOUR)), criteria) is None
    assert irrelevance(posting(salary=Salary()), criteria) is None


def test_a_day_rate_is_a_year_of_260_days_as_the_fit_score_and_the_offer_comparison_count_it() -> None:
    criteria = SearchCriteria(salary_min=70000, salary_currency="EUR")
    assert irrelevance(posting(salary=Salary(min=300, currency="EUR", period=SalaryPeriod.DAY)), criteria) is None
    assert irrelevance(posting(salary=Salary(min=260, currency="EUR", period=SalaryPeriod.DAY)), criteria) \
        == "salary_below_floor"  # 67,600 a year


# --- dedup -------------------------------------------------------------------------------------------
def test_tracking_parameters_do_not_make_a_new_url() -> None:
    assert url_key("https://Jobs.Example.com/a?id=3&utm_source=x&gclid=1#top") == url_key("https://jobs.example.com/a?id=3")
    assert url_key("https://jobs.example.com/a?id=3") != url_key("https://jobs.example.com/a?id=4")


def test_the_same_job_on_two_boards_has_one_fingerprint() -> None:
    one = posting("Senior Python Developer", company="Acme GmbH", locations=["Berlin"],
                  description_text="Build our APIs.\n\n- Django\n- PostgreSQL")
    other = posting("Senior  Python developer", source="arbeitnow", external_id="x", company="ACME",
                    url="https://other.example.com/j", locations=["berlin"],
                    description_text="Build our APIs. * Django * PostgreSQL")
    assert fingerprint(one) == fingerprint(other)
    assert fingerprint(one) != fingerprint(posting("Senior Python Developer", company="Acme", locations=["Paris"],
                                                   description_text=one.description_text))
    assert posting_keys(one)[0] == "src:greenhouse:1" and posting_keys(other)[0] == "src:arbeitnow:x"


def candidate(p: Posting) -> Candidate:
    return Candidate(p, posting_keys(p))


def test_a_batch_merges_copies_and_adds_new_urls_to_the_posting_already_there() -> None:
    there = posting("Data Engineer", external_id="7", url="https://boards.example.com/jobs/7")
    known = {key: "job-7" for key in posting_keys(there)}
    again = posting("Data Engineer", external_id="7", url="https://boards.example.com/jobs/7?utm_source=feed",
                    source_urls=["https://mirror.example.org/7"])
    fresh = posting("Backend Engineer", external_id="8", url="https://boards.example.com/jobs/8")
    fresh_copy = posting("Backend Engineer", source="lever", external_id="b", url="https://jobs.lever.co/acme/b")
    plan = plan_merge([candidate(again), candidate(fresh), candidate(fresh_copy)], known, user_requested=False)
    assert [stored.new for stored in plan.results] == [False, True, False]
    assert plan.results[0].job_id == "job-7"
    new_id = plan.results[1].job_id
    assert plan.results[2].job_id == new_id and list(plan.new_jobs) == [new_id]
    assert plan.merges == {"job-7": ["https://mirror.example.org/7"]}
    # The copy from the second board is one posting with both URLs, and all its keys point at it.
    assert plan.new_jobs[new_id].posting.source_urls == ["https://boards.example.com/jobs/8", "https://jobs.lever.co/acme/b"]
    assert plan.key_owner["src:lever:b"] == new_id and known == {key: "job-7" for key in posting_keys(there)}


def test_a_purged_posting_comes_back_only_when_the_user_adds_it() -> None:
    gone = posting("Data Engineer", external_id="9", url="https://boards.example.com/jobs/9")
    known: dict[str, str | None] = {key: None for key in posting_keys(gone)}
    dropped = plan_merge([candidate(gone)], known, user_requested=False)
    assert [(stored.job_id, stored.new) for stored in dropped.results] == [(None, False)]
    assert not dropped.new_jobs and not dropped.key_owner
    added = plan_merge([candidate(gone)], known, user_requested=True)
    [stored] = added.results
    assert stored.new and set(added.key_owner) == set(posting_keys(gone))


# --- descriptions ------------------------------------------------------------------------------------
def test_paragraphs_inside_list_items_stay_on_their_bullet() -> None:
    html = "<ul><li><p>Django</p></li><li>Kind</li><li>Lead <p>two lines</p></li></ul><p>After</p>"
    assert html_to_text(html) == "- Django\n- Kind\n- Lead\ntwo lines\n\nAfter"


# --- why a posting passed ----------------------------------------------------------------------------
def test_explain_says_what_matched_and_what_the_posting_left_unsaid() -> None:
    criteria = SearchCriteria(titles=["data engineer", "python developer"], keywords=["spark", "airflow"],
                              locations=["Berlin"], remote_policy="REMOTE", salary_min=60000, salary_currency="EUR",
                              red_flags=["unpaid"])
    remote = posting("Senior Python Developer", remote_type=RemoteType.REMOTE, locations=["New York"],
                     description_text="Airflow pipelines.",
                     salary=Salary(min=50, max=70, currency="USD", period=SalaryPeriod.HOUR))
    assert explain(remote, criteria, user_requested=False) == [
        "title:python developer", "keyword:airflow", "remote:REMOTE", "location_remote", "salary_other_currency",
        "no_red_flags"]
    vague = posting("Python Developer", description_text="Spark.")
    assert explain(vague, criteria, user_requested=False) == [
        "title:python developer", "keyword:spark", "remote_unstated", "location_unstated", "salary_unstated",
        "no_red_flags"]
    # A search without those settings gives no reasons about them; a user's own posting says so.
    assert explain(vague, SearchCriteria(titles=["python"]), user_requested=False) == ["title:python"]
    assert explain(vague, criteria, user_requested=True) == ["added_by_user"]
