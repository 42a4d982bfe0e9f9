"""Experience blocks and the headings that end them (issue 16, dev batch s): synthetic rows, no CV file."""

from __future__ import annotations

from ai_coach.cv.experience import build_experience
from ai_coach.cv.sections import classify_styled_heading, split_sections
from tests.cv_rows import line, stacked


def test_an_elided_article_before_the_stem_keeps_the_heading() -> None:
    # "d’intérêt" is one word: the stem starts it, as "intérêts" alone would.
    assert classify_styled_heading("AUTRES CENTRES D’INTÉRÊT") == "other"
    assert classify_styled_heading("Centres d'intérêt") == "other"
    assert classify_styled_heading("Domaines d'expertise") == "skills"


def test_interests_after_the_jobs_are_no_jobs() -> None:
    rows = stacked(
        [line(200, 700, "EXPERIENCE PROFESSIONNELLE", 14, True)],
        [line(30, 680, "05.2023 – 08.2023", 11), line(100, 680, "Stagiaire, Mairie de Lyon", 11, True)],
        [line(100, 666, "- Cartographie des écoles", 10)],
        [line(200, 640, "AUTRES CENTRES D’INTÉRÊT", 14, True)],
        [line(30, 620, "Présidente de l’association Les Amis – 2021-2022", 11, True)],
        [line(30, 600, "Bénévole à la Croix-Rouge française – 2017-2021", 11, True)],
    )
    experience = [row for section in split_sections(rows) if section.name == "experience" for row in section.rows]
    assert [(entry.start, entry.end) for entry in build_experience(experience)] == [("2023-05", "2023-08")]


def test_swedish_and_danish_headings() -> None:
    assert classify_styled_heading("Arbetslivserfarenhet") == "experience"
    assert classify_styled_heading("Yrkeserfaring") == "experience"
    assert classify_styled_heading("Utbildning & Kurser") == "education"
    assert classify_styled_heading("Kompetenser") == "skills"
    assert classify_styled_heading("Professionell sammanfattning") == "summary"
    assert classify_styled_heading("Intressen") == "other"
    assert classify_styled_heading("Språk") == "languages"


def test_a_note_that_the_job_is_held_now_is_no_part_of_its_title() -> None:
    rows = stacked(
        [line(58, 700, "Nobia AB, Tidaholm, Sverige (1999 - Nuvarande)", 12, True)],
        [line(58, 680, "Lagerarbetare/Godsmottagning (Nuvarande roll)", 14, True)],
        [line(88, 660, "Ansvarar för mottagning av varor och lagerhantering.", 12)],
    )
    assert [(entry.title, entry.company) for entry in build_experience(rows)] == [
        ("Lagerarbetare/Godsmottagning", "Nobia AB")]


def test_dated_courses_in_a_cv_without_an_experience_heading_are_no_jobs() -> None:
    from tests.unit.test_cv_location import parse_page

    def page(heading: str) -> list[tuple[float, float, str, float]]:
        return [
            (50, 790, "Maria Sample", 22), (50, 770, "maria.sample@example.com", 10),
            (50, 700, "Education", 16), (50, 680, "Technikum nr 17 w Katowicach (2020 - 2025)", 11),
            (50, 640, heading, 16),
            (50, 620, "Cisco Academy: IT Essentials Instructor, 09.2021 - 12.2021", 11),
            (50, 600, "Python Institute: PCAP Programming Tutor, 03.2022 - 09.2022", 11),
        ]

    # Under a heading that names no kind, the two dated "Employer: Title" lines are read as jobs ...
    assert len(parse_page(page("Various")).experience) == 2
    # ... under "Courses" ("Kursy", "Cours", "Kurse") they are not.
    for heading in ("Kursy", "Courses", "Cours"):
        parsed = parse_page(page(heading))
        assert parsed.experience == [] and "experience" not in parsed.sections


def test_titles_and_employers_in_types_of_their_own_an_untitled_entry_lends_no_employer() -> None:
    # Titles in 12 pt bold, employers in 10 pt bold, dates in 9 pt, descriptions in 10 pt (an AltaCV-like class).
    rows = stacked(
        [line(35, 700, "Research Assistant", 12, True)],
        [line(35, 684, "Microscopy Centre, Research Office", 10, True)],
        [line(35, 670, "May 2017 – Dec 2017", 9)],
        [line(35, 656, "• Sample preparation for the electron microscope.", 10)],
        [line(35, 630, "Teaching Assistant", 12, True)],
        [line(35, 614, "Physics Help Desk", 10, True)],
        [line(35, 600, "Jan 2017 – Dec 2017", 9)],
        [line(35, 586, "Tutoring first-year students in mechanics and waves.", 10)],
        [line(35, 560, "Course: Energy in a global view", 10, True)],
        [line(35, 546, "Jan 2017 – May 2017", 9)],
        [line(35, 532, "• Marking of exams.", 10)],
        [line(35, 506, "Private Tutor", 12, True)],
        [line(35, 492, "Jan 2016 – Apr 2020", 9)],
        [line(35, 478, "Duties: one-to-one lessons in problem solving, deepening", 10)],
        [line(35, 466, "the physics of the first years, exam preparation.", 10)],
    )
    assert [(entry.title, entry.company) for entry in build_experience(rows)] == [
        ("Research Assistant", "Microscopy Centre, Research Office"),
        ("Teaching Assistant", "Physics Help Desk"),
        (None, "Course: Energy in a global view"),
        ("Private Tutor", None),
    ]
