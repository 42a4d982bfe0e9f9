"""Section headings the parser must know on CVs it was not written on: letter-spaced capitals, a label in
its own cell beside its values, an icon glyph read as a letter before the heading, and headings in
Italian, Portuguese, Polish, Dutch, German and French. Small synthetic pages; what the user sees is
the list of sections and what was read into them."""

from __future__ import annotations

from tests.unit.test_cv_location import parse_page

HEADER = [(50, 790, "Maria Sample", 22), (50, 770, "maria.sample@example.com", 10)]


def entry_lines(top: float) -> list[tuple[float, float, str, float]]:
    return [(50, top, "Software Engineer", 10), (50, top - 12, "Northwind Traders", 10),
            (50, top - 24, "Jan 2020 - Present", 10), (50, top - 36, "Built the billing service.", 10)]


def test_letter_spaced_capital_headings() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "W O R K  E X P E R I E N C E", 12), *entry_lines(700),
        (50, 620, "E D U C A T I O N", 12), (50, 600, "University of Porto", 10), (50, 588, "BSc, 2015 - 2019", 10),
        (50, 550, "S K I L L S", 12), (50, 530, "Python, Docker, PostgreSQL", 10),
    ])
    assert cv.sections == ["experience", "education", "skills"]
    # The entry under the heading is read as experience (how its title and company are split is
    # experience.py's business, not the heading's).
    assert [(job.start, job.end, job.description) for job in cv.experience] == [
        ("2020-01", "present", "Built the billing service.")]
    assert {"Python", "Docker", "PostgreSQL"} <= set(cv.skills)


def test_label_in_its_own_cell_beside_its_values() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "Experience", 14), *entry_lines(700),
        (50, 620, "Spoken languages", 10), (194, 620, "Russian (native), English (B2)", 10),
        (50, 604, "Programming languages", 10), (194, 604, "Python, Rust, SQL", 10),
    ])
    assert "languages" in cv.sections and "skills" in cv.sections
    assert [language.name for language in cv.languages][:2] == ["Russian", "English"]
    assert {"Python", "Rust", "SQL"} <= set(cv.skills)


def test_icon_glyph_before_a_heading_and_dutch_profile() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "g Persoonlijk profiel", 12),
        (50, 700, "Analytische ingenieur met tien jaar ervaring in medische apparatuur en software voor", 10),
        (50, 688, "laboratoria, gericht op betrouwbare systemen en heldere documentatie voor het team.", 10),
        (50, 650, "Werkervaring", 12), *entry_lines(630),
    ])
    assert cv.sections[:2] == ["summary", "experience"]
    assert cv.summary is not None and cv.summary.startswith("Analytische ingenieur")


def test_headings_in_other_languages_set_as_plain_text() -> None:
    for experience, education, skills in (
        ("Esperienza lavorativa", "Istruzione e formazione", "Competenze tecniche"),
        ("Experiência Profissional", "Formação Acadêmica", "Competências"),
        ("Doświadczenie zawodowe", "Wykształcenie", "Umiejętności"),
        ("Werkervaring", "Opleiding", "Vaardigheden"),
        ("Berufliche Laufbahn", "Akademische Ausbildung", "Technische Kenntnisse"),
        ("Parcours", "Enseignement", "Compétences clés"),
    ):
        cv = parse_page([
            *HEADER,
            (50, 720, experience, 10), *entry_lines(700),
            (50, 620, education, 10), (50, 600, "Universidade Sample", 10),
            (50, 560, skills, 10), (50, 540, "Python, Docker, PostgreSQL", 10),
        ])
        assert cv.sections == ["experience", "education", "skills"], experience


def test_internships_and_german_employment_headings_open_experience() -> None:
    for heading in ("Internship", "Praktika", "Anstellung", "Estágios", "Stages"):
        cv = parse_page([*HEADER, (50, 720, heading, 10), *entry_lines(700),
                         (50, 620, "Education", 10), (50, 600, "University of Porto", 10)])
        assert cv.sections == ["experience", "education"], heading
        assert [(job.start, job.end) for job in cv.experience] == [("2020-01", "present")], heading


def test_profile_paragraph_beside_a_contact_sidebar_that_is_read_first() -> None:
    cv = parse_page([
        (20, 776, "Asmaa Sample", 20),
        (22, 500, "Contact", 14), (22, 480, "Phone:", 12), (22, 466, "+20 122 272 8375", 12),
        (22, 440, "Email:", 12), (22, 426, "asmaa@example.com", 12),
        (212, 780, "Web developer", 14),
        (212, 755, "Trilingual and self-taught programmer, driven by starting new projects", 12),
        (212, 738, "from scratch and keeping up to date with the most recent technology", 12),
        (212, 720, "trends and developments in web development.", 12),
        (212, 680, "Experience", 14), (212, 660, "Software Engineer", 12), (212, 646, "Northwind Traders", 12),
        (212, 632, "Jan 2020 - Present", 12),
    ])
    assert cv.sections[0] == "summary"
    assert cv.summary is not None and cv.summary.startswith("Trilingual and self-taught programmer")


def test_a_one_word_category_row_of_a_skills_table_stays_in_skills() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "Experience", 14), *entry_lines(700),
        (50, 620, "Skills", 14),
        (50, 600, "DevOps", 10), (150, 600, "AWS, Docker, Kubernetes", 10),
        (50, 586, "Languages", 10), (150, 586, "Python, Go, C++", 10),
    ])
    # "Languages" over programming languages: a row of the skills table, and no spoken languages.
    assert cv.sections == ["experience", "skills"]
    assert {"AWS", "Docker", "Kubernetes", "Python", "Go", "C++"} <= set(cv.skills)
    assert cv.languages == []


def test_a_languages_row_of_a_skills_table_that_lists_spoken_languages_gives_the_profile_languages() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "Experience", 14), *entry_lines(700),
        (50, 620, "Skills", 14),
        (50, 600, "DevOps", 10), (150, 600, "AWS, Docker, Kubernetes", 10),
        (50, 586, "Languages", 10), (150, 586, "Korean, English, Japanese", 10),
    ])
    assert cv.sections == ["experience", "skills", "languages"]
    assert [(language.name, language.level) for language in cv.languages] == [
        ("Korean", None), ("English", None), ("Japanese", None)]
    assert {"AWS", "Docker", "Kubernetes"} <= set(cv.skills)
    assert not {"Korean", "English", "Japanese"} & set(cv.skills)


def test_spoken_languages_rows_with_levels_in_the_cv_languages() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "Experience", 14), *entry_lines(700),
        (50, 620, "Skills", 14),
        (50, 600, "Backend", 10), (150, 600, "Spring Boot, Micronaut", 10),
        (50, 586, "Languages", 10), (150, 586, "Portuguese (Native), English (Fluent)", 10),
    ])
    assert [(language.name, language.level) for language in cv.languages] == [
        ("Portuguese", "Native"), ("English", "Fluent")]
    spanish = parse_page([
        *HEADER,
        (50, 720, "Experiencia", 14), *entry_lines(700),
        (50, 620, "Habilidades", 14),
        (50, 600, "Nivel avanzado:", 10), (150, 600, "SQL, Python", 10),
        (50, 586, "Idiomas", 10), (150, 586, "Inglés básico, Español", 10),
    ])
    assert [(language.name, language.level) for language in spanish.languages] == [
        ("Inglés", "básico"), ("Español", None)]
    assert {"SQL", "Python"} <= set(spanish.skills)


def test_spoken_languages_continue_on_the_rows_under_their_label() -> None:
    # Rows as the layout reads a German tabular CV's "Kenntnisse" table (e12's shape): a label cell beside its
    # first value, the next values alone under it. Given as rows, since this synthetic page's short label
    # column would be read as a column of its own.
    from ai_coach.cv.layout import Row, TextLine
    from ai_coach.cv.parser import parse_rows

    def row(*cells: tuple[float, float, str, float]) -> Row:
        return Row([TextLine(x, y, x + 0.5 * size * len(text), y + size, size, False, text)
                    for x, y, text, size in cells])

    rows = [row(line) for line in [*HEADER, (50, 720, "Berufserfahrung", 14), *entry_lines(700),
                                   (50, 620, "Kenntnisse", 14)]]
    rows += [row((50, 600, "Computer", 10), (150, 600, "Linux Grundkenntnisse", 10)),
             row((150, 586, "Python Anfängerkenntnisse", 10)),
             row((50, 566, "Fremdsprachen", 10), (150, 566, "Englisch (9 Jahre)", 10)),
             row((150, 552, "Französisch (4 Jahre)", 10)),
             row((50, 520, "Hobbys", 14)), row((50, 500, "Segeln", 10))]
    cv = parse_rows(rows, "\n".join(item.text for item in rows), page_count=1)
    assert [(language.name, language.level) for language in cv.languages] == [
        ("Englisch", "9 Jahre"), ("Französisch", "4 Jahre")]
    assert {"Linux", "Python"} <= set(cv.skills)
    assert cv.sections[:3] == ["experience", "skills", "languages"]


def test_work_experience_headings_in_german_french_and_spanish_words_seen_on_new_cvs() -> None:
    from ai_coach.cv.sections import classify_heading
    for heading in ("Arbeitserfahrung", "Berufserfahrungen", "Expérience de travail", "Experiencia de trabajo",
                    "Historial laboral"):
        assert classify_heading(heading) == "experience", heading


def test_a_heading_without_the_icon_its_siblings_carry_is_set_like_them() -> None:
    """Headings in one bold type, all but one with an icon glyph of a symbol font beside them (read as no
    letter, in a larger size): "Edukacja" without its icon is a heading like "Doświadczenie", not a title
    over an entry's dates."""
    from ai_coach.cv.layout import Row
    from ai_coach.cv.sections import split_sections
    from tests.cv_rows import line

    rows = [
        Row([line(50, 790, "Tymoteusz Przykładowy", 20, bold=True)]),
        Row([line(50, 760, "Doświadczenie", 13.6, bold=True), line(560, 760, "(cid:30)", 14.3)]),
        Row([line(50, 740, "Jednoosobowa działalność gospodarcza", 10), line(480, 740, "2021-2022", 10)]),
        Row([line(400, 728, "whIT", 10)]),
        Row([line(50, 716, "Wypożyczalnia sprzętu wodnego, marketing, strony internetowe.", 10)]),
        Row([line(50, 690, "Edukacja", 13.6, bold=True)]),
        Row([line(50, 670, "Informatyka Stosowana - I stopień", 10), line(480, 670, "2020-<", 10)]),
        Row([line(400, 658, "Uniwersytet Jagielloński", 10)]),
        Row([line(50, 630, "Hobby", 13.6, bold=True), line(560, 630, "(cid:143)", 14.3)]),
        Row([line(50, 610, "Drony FPV, szybownictwo", 10)]),
    ]
    assert [section.name for section in split_sections(rows)][1:3] == ["experience", "education"]


def test_a_column_of_heading_words_level_with_the_first_entrys_dates() -> None:
    """A designer's CV: the headings in a left column at the body's size, each level with its section's first
    dates ("Experience    Summer 2020"); the dates are the section's first row, under its heading."""
    from ai_coach.cv.experience import build_experience
    from ai_coach.cv.layout import Row
    from ai_coach.cv.sections import split_sections
    from tests.cv_rows import line

    rows = [
        Row([line(76, 790, "Jemma Sample", 10), line(236, 790, "jemma.sample.me", 10)]),
        Row([line(76, 760, "Experience", 10), line(236, 760, "Summer 2020", 10)]),
        Row([line(236, 746, "Figma — Product Design Intern", 10)]),
        Row([line(236, 732, "Incoming intern on the community team.", 10)]),
        Row([line(236, 704, "Summer 2019", 10)]),
        Row([line(236, 690, "Facebook — Product Design Intern", 10)]),
        Row([line(236, 676, "Worked on cross-posting flows for page admins.", 10)]),
        Row([line(76, 640, "Education", 10), line(236, 640, "Fall 2016 to Spring 2020", 10)]),
        Row([line(236, 626, "UC Berkeley — B.A. in Psychology", 10)]),
    ]
    sections = split_sections(rows)
    assert [section.name for section in sections] == ["header", "experience", "education"]
    experience = build_experience(sections[1].rows)
    assert [(entry.company, entry.start) for entry in experience] == [("Figma", "2020"), ("Facebook", "2019")]
