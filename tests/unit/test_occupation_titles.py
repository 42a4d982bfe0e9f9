"""O*NET's occupation titles read once into the nouns they name jobs by, for the CV parser's job words and the fit
score's job-title lines (ai_coach/occupation_titles.py)."""

from __future__ import annotations

from ai_coach.cv.fields import JOB_WORDS
from ai_coach.engines.fit.occupation import OCCUPATIONS_PATH, OccupationIndex
from ai_coach.occupation_titles import job_noun_heads, onet_titles, plural_heads, title_head_words

TITLES = [
    "Dietitians and Nutritionists",
    "Roustabouts, Oil and Gas",
    "Sales Representatives of Services, Except Advertising",
    "Helpers--Carpenters",
    "Secretaries and Administrative Assistants",
    "Customs Brokers",
    "Computer Programmers",
    "Sales Managers",
    "Nannies",
]


def test_each_title_names_its_jobs_by_the_last_word_of_each_conjunct() -> None:
    assert title_head_words(TITLES) == [
        "Dietitians", "Nutritionists", "Roustabouts", "Representatives", "Helpers", "Carpenters", "Secretaries",
        "Assistants", "Brokers", "Programmers", "Managers", "Nannies",
    ]


def test_the_fit_score_keeps_every_plural_head_the_cv_parser_only_job_nouns() -> None:
    fit = plural_heads(TITLES + ["Chief Sales", "Fashion Designers"])
    assert fit == {"dietitian", "nutritionist", "roustabout", "representative", "helper", "carpenter", "secretarie",
                   "assistant", "broker", "programmer", "manager", "nannie", "sale", "designer"}
    cv = job_noun_heads(TITLES)
    # singular by the English rules ("nanny"); not "helper" (as often a word of equipment), nor "roustabout" or
    # "secretary" (no agent-noun shape; the hand-written TITLE_WORDS knows secretaries)
    assert cv == {"dietitian", "nutritionist", "representative", "carpenter", "assistant", "broker", "programmer",
                  "manager", "nanny"}


def test_both_read_the_shipped_titles() -> None:
    titles = onet_titles()
    assert len(titles) == 1016 and titles[0] == "Chief Executives"
    index = OccupationIndex(embedder=None, path=OCCUPATIONS_PATH)  # type: ignore[arg-type]  # no embedding needed
    assert index.title_heads == plural_heads(titles)
    assert {"cashier", "electrician", "developer"} <= index.title_heads
    for noun in ("Cashiers", "Electrician", "Butcher", "Retail Salesperson"):
        assert JOB_WORDS.search(noun), noun
