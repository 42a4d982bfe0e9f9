"""Name, place and section headings on layouts the rules were not written on (issue 16, batches n and q): a
name over two rows that a design tool scaled apart, a link bar or a degree after the name, a name typed in
lower case, icon glyphs between the contact items, an icon font's letter before the town, a town whose name
holds a job word, misspelt and compound headings, a template's remark after a heading, two headings joined.
Small synthetic pages read through the parser's own reading order; what is asserted is what the user sees."""

from __future__ import annotations

import pytest

from ai_coach.cv.sections import classify_styled_heading, misspelt_heading
from ai_coach.cv.text import clean_text
from tests.unit.test_cv_location import BODY, parse_page, sidebar

HEADER = [(50, 790, "Maria Sample", 22), (50, 770, "maria.sample@example.com", 10)]


def test_a_name_over_two_rows_a_design_tool_scaled_to_slightly_different_sizes() -> None:
    cv = parse_page([(60, 788, "JOÃO VICTOR", 25.7), (44, 757, "LISBOA PORCEL", 25.0),
                     (63, 717, "Desenvolvedor Backend", 13), (60, 690, "joao@example.com", 10), *BODY])
    assert cv.full_name == "João Victor Lisboa Porcel"
    assert cv.headline == "Desenvolvedor Backend"


@pytest.mark.parametrize(("row", "name"), [
    ("Ivan Poliakov Website | GitHub | LinkedIn", "Ivan Poliakov"),
    ("Djordje Djokic B.Sc.", "Djordje Djokic"),
    ("Jane Roe, PhD", "Jane Roe"),
])
def test_link_labels_and_degrees_on_the_name_line_are_not_the_name(row: str, name: str) -> None:
    cv = parse_page([(36, 796, row, 16), (36, 772, "Email: someone@example.com", 10), *BODY])
    assert cv.full_name == name


def test_a_name_typed_in_lower_case_on_the_first_line() -> None:
    cv = parse_page([(224, 718, "jhonny ferreira dos santos", 13), (265, 701, "(18) 98820-9916", 11),
                     (197, 687, "jhonny@example.com", 11), *BODY])
    assert cv.full_name == "jhonny ferreira dos santos"


def test_a_lower_case_tagline_of_common_words_is_no_name() -> None:
    cv = parse_page([(200, 800, "building things that matter", 13), (200, 770, "Ana Ruiz", 24),
                     (200, 740, "ana@example.com", 10), *BODY])
    assert cv.full_name == "Ana Ruiz"


def test_icon_glyphs_part_the_items_of_one_contact_line() -> None:
    line = "\ue316 Montreuil, FRANCE \ue3b8 +33 6 50 37 76 08 \ue0ac hassan@example.com"
    cv = parse_page([(236, 800, "Hassan Sample", 16), (261, 780, "Ingénieur Cloud", 10), (88, 760, line, 9), *BODY])
    assert cv.contact.location == "Montreuil, FRANCE"
    assert cv.contact.email == "hassan@example.com"
    assert cv.contact.phone is not None and cv.contact.phone.replace(" ", "").endswith("650377608")
    assert "\ue316" not in clean_text(line) and "  " in clean_text(line)


def test_icons_after_the_name_are_not_part_of_it() -> None:
    cv = parse_page([(28, 800, "GIULIANO SISTO  \ue9d9 \ue929", 24), (28, 780, "giuliano@example.com", 8), *BODY])
    assert cv.full_name == "Giuliano Sisto"


@pytest.mark.parametrize(("row", "town"), [
    ("+ Perugia, Italy", "Perugia, Italy"),  # a LaTeX map pin read as "+"
    ("R Milano", "Milano"),  # a LaTeX icon read as a letter
    ("+ Kranebitter Allee 146, 6020 Innsbruck (cid:131) +43 676 4603620", "Innsbruck"),
])
def test_an_icon_font_character_before_the_town(row: str, town: str) -> None:
    cv = parse_page([(232, 790, "David Sample", 17), (150, 766, row, 9), (150, 750, "david@example.com", 8), *BODY])
    assert cv.contact.location == town


def test_a_town_whose_name_holds_a_job_word_beside_the_phone() -> None:
    cv = parse_page([(40, 788, "JOÃO SAMPLE", 25), (423, 798, "Presidente Epitácio", 12),
                     (458, 776, "+55 (18) 98134-7570", 12), (410, 754, "joao@example.com", 12), *BODY])
    assert cv.contact.location == "Presidente Epitácio"


def test_a_lower_case_word_in_a_sidebar_is_no_place() -> None:
    cv = parse_page([*sidebar("605854358", "anyi@example.com", "Inglés nivel A2", "nivel II, inglés"),
                     (230, 760, "Anyi Sample", 24), *BODY])
    assert cv.contact.location is None


@pytest.mark.parametrize(("heading", "kind"), [
    ("B E R U F S E R F A R U N G", "experience"),  # "Berufserfahrung" with a letter dropped
    ("A CERCA DE MI", "summary"),  # "Acerca de mí"
    ("СЕРТИФКАТЫ", "certifications"),
    ("Éducation", "education"),
])
def test_a_heading_one_slip_from_a_known_one(heading: str, kind: str) -> None:
    assert misspelt_heading(heading) == kind


def test_bullet_items_and_short_words_are_no_misspelt_headings() -> None:
    assert misspelt_heading("• Technologie") is None
    assert misspelt_heading("Profi") is None


@pytest.mark.parametrize(("heading", "kind"), [
    ("Studienprojekte", "projects"), ("Arbeitserfahrung", "experience"), ("Dozentenerfahrungen", "experience"),
    ("Berufsausbildung", "education"),
    ("Teamfähigkeit", None), ("Grundkenntnisse", None), ("Additional Information", None), ("Reconocimientos", None),
])
def test_german_compound_headings_but_not_compound_items(heading: str, kind: str | None) -> None:
    assert classify_styled_heading(heading) == kind


@pytest.mark.parametrize(("heading", "kind"), [
    ("Cursos y Certificaciones", "certifications"), ("Kurse & Zertifikate", "certifications"),
    ("Persönliche Kompetenzen", "other"),  # soft skills: one heading, not two joined
])
def test_joined_headings_open_the_kind_the_parser_reads(heading: str, kind: str) -> None:
    assert classify_styled_heading(heading) == kind


def test_template_remarks_after_headings_and_headings_joined_by_a_bar() -> None:
    cv = parse_page([
        *HEADER,
        (50, 720, "PROJETOS (será um bom diferencial, principalmente caso não tenha experiência", 12),
        (50, 706, "profissional)", 12), (50, 690, "Nome do projeto 1", 10),
        (50, 660, "TECNOLOGIAS (aqui você lista as tecnologias, ferramentas e linguagens que", 12),
        (50, 646, "você conhece)", 12), (50, 630, "JavaScript", 10), (50, 618, "Scratch", 10),
        (50, 590, "CURSOS | CERTIFICAÇÕES", 12), (50, 574, "Desenvolvimento de jogos no Scratch-UNESP", 10),
        (50, 550, "IDIOMAS", 12), (50, 536, "Português", 10),
    ])
    assert cv.sections == ["projects", "skills", "certifications", "languages"]
    assert "JavaScript" in cv.skills


ITALIAN_BODY = [(230, 640, "Esperienze lavorative", 14),
                (230, 620, "Sviluppatore software presso una azienda di Milano", 11),
                (230, 606, "Ho sviluppato il sistema di fatturazione e la gestione degli ordini", 11),
                (230, 592, "2020 - 2021", 11)]


def test_a_national_number_in_the_page_footer_is_the_phone_and_a_page_number_is_not() -> None:
    in_footer = parse_page([(200, 790, "Ana Sample", 22), (200, 756, "ana@example.com", 10), *ITALIAN_BODY,
                            (200, 30, "Ana Sample · 348 7131298 · ana@example.com", 8)])
    page_number = parse_page([(200, 790, "Ana Sample", 22), (200, 756, "ana@example.com", 10), *ITALIAN_BODY,
                              (280, 30, "1/2", 8)])
    assert in_footer.contact.phone == "348 7131298"
    assert page_number.contact.phone is None


def test_a_post_office_box_and_town_in_a_sidebar_is_no_phone_number() -> None:
    cv = parse_page([*sidebar("+254727826858", "kinjo@example.com", "P.O BOX 406-20300, Nyahururu", top=580, pitch=22),
                     (230, 760, "Beatrice Sample", 24), *BODY])
    assert cv.contact.location == "Nyahururu"
    assert cv.contact.phone == "+254727826858"


PROFILE_LINES = ["Motivierter Student der", "Wirtschaftsinformatik an der", "Hochschule Fulda, der praktische",
                 "Erfahrungen in Datenanalyse,", "ERP-Systemen und IT-", "Management sammeln möchte.",
                 "Analytisch denkend, zuverlässig", "und teamorientiert – mit", "besonderem Interesse an der",
                 "Schnittstelle zwischen", "Wirtschaft und Technologie."]


def test_an_unheaded_profile_wrapped_in_a_narrow_sidebar_is_the_summary() -> None:
    cv = parse_page([*[(20, 781 - 13.5 * number, line, 10) for number, line in enumerate(PROFILE_LINES)],
                     (43, 564, "K O N T A K T", 15), (43, 517, "+49 160 96835085", 10), (43, 494, "kevin@example.com", 10),
                     (280, 800, "KEVIN SAMPLE", 30), *BODY])
    assert cv.summary is not None and cv.summary.startswith("Motivierter Student der Wirtschaftsinformatik")
    assert cv.summary.endswith("Wirtschaft und Technologie.")
    assert cv.sections[0] == "summary"


def test_a_list_of_one_word_lines_in_the_sidebar_is_no_summary() -> None:
    cv = parse_page([*[(20, 781 - 13.5 * number, word, 10) for number, word in enumerate(
        ["Python", "Docker", "Kubernetes", "Terraform", "Linux", "Git", "Jenkins"])],
        (280, 800, "KEVIN SAMPLE", 30), (280, 770, "kevin@example.com", 10), *BODY])
    assert cv.summary is None
