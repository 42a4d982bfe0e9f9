"""Reading order, field extraction and the no-fabrication guard on synthetic CVs built inside the test."""

from __future__ import annotations

from ai_coach.cv import enforce_no_fabrication, parse_cv_pdf
from tests.unit.test_cv_pdfs import one_column_cv, text_pdf


def two_column_cv() -> bytes:
    """Main column at x=50 (12 pt pitch), sidebar at x=380 (17 pt pitch): lines sit side by side but not on rows."""
    main = [
        (50, 690, "Experience"),
        (50, 672, "Data Engineer"),
        (50, 660, "Northwind Traders"),
        (50, 648, "Jun 2020 - Present"),
        (50, 636, "Designed batch pipelines for sales data."),
        (50, 624, "Moved reporting jobs to Apache Airflow."),
        (50, 612, "Cut nightly load time by half."),
        (50, 592, "Data Analyst"),
        (50, 580, "Contoso Retail"),
        (50, 568, "Jan 2017 - May 2020"),
        (50, 556, "Built weekly dashboards for store managers."),
        (50, 536, "Education"),
        (50, 524, "University of Porto"),
        (50, 512, "MSc in Data Science"),
        (50, 500, "2015 - 2017"),
    ]
    sidebar = [
        (380, 694, "Skills"),
        (380, 677, "Python"),
        (380, 660 - 3, "Apache Spark"),
        (380, 643 - 6, "Tableau"),
        (380, 626 - 9, "Kubernetes"),
        (380, 592, "Languages"),
        (380, 575 - 3, "Portuguese native"),
        (380, 558 - 6, "English fluent"),
    ]
    header = [(50, 750, "Rui Sample"), (50, 732, "rui.sample@example.net  +351 912 345 678  Porto, Portugal")]
    return text_pdf(header + main + sidebar, size=10)


def test_one_column_cv_fields() -> None:
    cv = parse_cv_pdf(one_column_cv())
    assert cv.full_name == "Jane Example"
    assert cv.headline == "Backend Developer"
    assert cv.contact.email == "jane.example@example.org"
    assert cv.contact.phone == "+44 20 7946 0958"
    assert [(link.kind, link.url) for link in cv.contact.links] == [("github", "github.com/jane-example")]
    assert cv.sections == ["experience", "education", "skills"]
    assert cv.language == "en"
    assert cv.skills[:4] == ["Python", "Docker", "Kubernetes", "PostgreSQL"]
    [job] = cv.experience
    assert (job.title, job.company, job.start, job.end) == (
        "Software Engineer",
        "Acme Widgets Ltd",
        "2019-03",
        "present",
    )
    assert "order services" in job.description
    [school] = cv.education
    assert (school.institution, school.degree, school.field) == (
        "University of Leeds",
        "BSc",
        "Computer Science",
    )
    assert (school.start, school.end) == ("2014", "2017")


def test_two_column_cv_reads_the_sidebar_as_its_own_block() -> None:
    cv = parse_cv_pdf(two_column_cv())
    assert cv.full_name == "Rui Sample"
    assert cv.contact.location == "Porto, Portugal"
    assert cv.sections == ["experience", "education", "skills", "languages"]
    assert [job.company for job in cv.experience] == ["Northwind Traders", "Contoso Retail"]
    assert [(job.start, job.end) for job in cv.experience] == [("2020-06", "present"), ("2017-01", "2020-05")]
    for job in cv.experience:
        for sidebar_text in ("Tableau", "Kubernetes", "Portuguese", "Skills", "Languages"):
            assert sidebar_text not in job.description
    # The main column's lines stay consecutive in the full text, and so do the sidebar's.
    assert "Designed batch pipelines for sales data.\nMoved reporting jobs to Apache Airflow." in cv.text
    assert "Python\nApache Spark\nTableau\nKubernetes" in cv.text
    assert cv.skills[:4] == ["Python", "Apache Spark", "Tableau", "Kubernetes"]
    assert [(language.name, language.level) for language in cv.languages] == [
        ("Portuguese", "native"),
        ("English", "fluent"),
    ]


def test_row_layout_is_not_mistaken_for_columns() -> None:
    # A date column beside entry text (moderncv style): each date shares its row with an entry.
    lines = [(72, 740, "Ana Placeholder"), (72, 722, "ana@example.com"), (72, 690, "Experience")]
    y = 670
    for number in range(4):
        lines += [(72, y, f"201{number} - 201{number + 1}"), (180, y, f"Engineer at Firm {number}")]
        lines += [(180, y - 14, f"Shipped release {number} of the billing service.")]
        y -= 40
    cv = parse_cv_pdf(text_pdf(lines))
    assert "2010 - 2011  Engineer at Firm 0\nShipped release 0 of the billing service." in cv.text
    assert [job.start for job in cv.experience] == ["2010", "2011", "2012", "2013"]


def test_headings_in_other_languages() -> None:
    lines = [
        (72, 740, "Lena Beispiel"),
        (72, 722, "lena@example.de"),
        (72, 690, "Berufserfahrung"),
        (72, 672, "Entwicklerin bei der Musterfirma GmbH und mit dem Team"),
        (72, 640, "Ausbildung"),
        (72, 622, "Universität Stuttgart"),
        (72, 590, "Kenntnisse"),
        (72, 572, "Python, Docker"),
        (72, 540, "Sprachkenntnisse"),
        (72, 522, "Deutsch Muttersprache"),
    ]
    cv = parse_cv_pdf(text_pdf(lines))
    assert cv.sections == ["experience", "education", "skills", "languages"]
    assert cv.language == "de"


def test_enforce_no_fabrication_drops_what_the_text_does_not_say() -> None:
    text = "Jane Example\nSoftware Engineer at Acme Widgets Ltd\nMar 2019 - Present\nSkills: Python, Docker"
    llm_result = {
        "full_name": "Jane Example",
        "headline": "Staff Engineer",  # invented
        "skills": ["Python", "Docker", "Rust"],  # Rust is invented
        "experience": [
            {
                "title": "Software Engineer",
                "company": "Acme Widgets Ltd",
                "start": "2019-03",
                "end": "present",
            },
            {"title": "CTO", "company": "Globex", "start": "2015", "end": "2018"},  # invented entry
        ],
        "contact": {
            "email": "jane@invented.example",
            "links": [{"kind": "github", "url": "https://github.com/x"}],
        },
        "sections": ["experience", "skills", "bogus"],
    }
    kept = enforce_no_fabrication(llm_result, text)
    assert kept["full_name"] == "Jane Example"
    assert kept["headline"] is None
    assert kept["skills"] == ["Python", "Docker"]
    assert kept["experience"] == [
        {"title": "Software Engineer", "company": "Acme Widgets Ltd", "start": "2019-03", "end": "present"}
    ]
    assert kept["contact"] == {"email": None, "links": []}
    assert kept["sections"] == ["experience", "skills"]


def test_enforce_no_fabrication_tolerates_case_accents_and_spacing() -> None:
    text = "JOSÉ  Núñez\nIngeniero de Datos — Telefónica"
    kept = enforce_no_fabrication({"full_name": "José Núñez", "headline": "ingeniero de datos"}, text)
    assert kept == {"full_name": "José Núñez", "headline": "ingeniero de datos"}
