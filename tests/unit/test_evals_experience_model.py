"""The experiment of a trained experience reader (evals/experience_model.py; not the product's reader, see
docs/analysis.md): on small synthetic layouts no dev CV has, the entries it reads from an experience section."""

from __future__ import annotations

import numpy as np

from ai_coach.cv.layout import Row, TextLine
from ai_coach.cv.sections import split_sections
from evals.experience_model import FEATURE_NAMES, PAIR_FEATURE_NAMES, load_weights, read_experience
from evals.train_experience import conditional_logit
from tests.cv_rows import line


def right_aligned(y: float, text: str, edge: float = 560.0) -> TextLine:
    return TextLine(edge - 5.0 * len(text), y, edge, y + 10.0, 10.0, False, text)


def entries(*cells: list[TextLine]) -> list[tuple[str | None, str | None, str | None, str | None]]:
    sections = split_sections([Row(fragments) for fragments in cells])
    section_rows = [row for section in sections if section.name == "experience" for row in section.rows]
    return [(entry.title, entry.company, entry.start, entry.end) for entry in read_experience(section_rows)]


def test_bold_title_over_plain_company_with_right_aligned_dates() -> None:
    assert entries(
        [line(40, 800, "Dana Whitfield", 22, bold=True)],
        [line(40, 760, "Experience", 14, bold=True)],
        [line(40, 740, "Senior Data Engineer", bold=True), right_aligned(740, "Mar 2021 – Present")],
        [line(40, 726, "Northwind Logistics")],
        [line(52, 712, "• Moved the nightly batch to streaming, cutting report latency from hours to minutes.")],
        [line(40, 690, "Data Analyst", bold=True), right_aligned(690, "Jun 2017 – Feb 2021")],
        [line(40, 676, "Contoso Retail")],
        [line(52, 662, "• Built the weekly sales dashboards used by forty store managers.")],
        [line(40, 640, "Education", 14, bold=True)],
        [line(40, 620, "BSc Statistics, University of Leeds, 2017")],
    ) == [
        ("Senior Data Engineer", "Northwind Logistics", "2021-03", "present"),
        ("Data Analyst", "Contoso Retail", "2017-06", "2021-02"),
    ]


def test_company_dash_title_and_dates_on_one_line() -> None:
    assert entries(
        [line(40, 800, "Jonas Berg", 22, bold=True)],
        [line(40, 760, "Work Experience", 14, bold=True)],
        [line(40, 740, "Fabrikam Systems — Backend Developer"), right_aligned(740, "2019–2021")],
        [line(52, 726, "• Wrote the billing service in Go and kept it at 99.95% uptime.")],
        [line(40, 704, "Tailspin Toys — Software Engineer"), right_aligned(704, "2016–2019")],
        [line(52, 690, "• Shipped the first version of the mobile checkout.")],
    ) == [
        ("Backend Developer", "Fabrikam Systems", "2019", "2021"),
        ("Software Engineer", "Tailspin Toys", "2016", "2019"),
    ]


def test_a_section_without_dates_is_left_to_the_layout_rules() -> None:
    # The model needs rows of dates to anchor on; "Title | Company" rows without them are the rules' reading.
    rows = [Row([line(40, 740, "DC Analyst | Deloitte USI", bold=True)]),
            Row([line(52, 726, "• Reconciled the quarterly ledgers.")])]
    assert [(entry.title, entry.company) for entry in read_experience(rows)] == [("DC Analyst", "Deloitte USI")]


def test_the_committed_weights_fit_the_features_the_code_computes() -> None:
    weights = load_weights()
    assert len(weights["title"]) == len(FEATURE_NAMES) and len(weights["company"]) == len(FEATURE_NAMES)
    assert len(weights["pair"]) == len(PAIR_FEATURE_NAMES)


def test_the_trainer_learns_which_choice_in_each_group_is_right() -> None:
    # Two features; the right choice of each group is the one with the larger first feature, whatever the second.
    rng = np.random.default_rng(7)
    groups = []
    for _ in range(40):
        features = rng.normal(size=(5, 2))
        groups.append((features, [int(np.argmax(features[:, 0]))]))
    weights = conditional_logit(groups)
    assert weights[0] > 5 * abs(weights[1])


def test_a_roles_terms_in_brackets_and_a_colon_before_the_employer_give_the_bare_pieces() -> None:
    """'Ingénieur DevOps (2 ans)' offers 'Ingénieur DevOps' as a title (a remark on how long or on what terms
    is no part of it), and 'Prácticas universitarias 3: Solver' parts at the colon; a remark that names the
    field ('Software Engineer (Frontend)') gives no shorter piece."""
    from evals.experience_model import row_pieces

    def texts(text: str) -> set[str]:
        return {piece.text for piece in row_pieces(Row([line(40, 700, text)]), 0)}

    assert "Ingénieur DevOps" in texts("Ingénieur DevOps (2 ans)")
    assert "Consultant Informatique" in texts("Consultant Informatique (Indépendant)")
    assert {"Prácticas universitarias 3", "Solver"} <= texts("Prácticas universitarias 3: Solver")
    assert "Software Engineer" not in texts("Software Engineer (Frontend)")


def _section_with_two_jobs() -> list[Row]:
    return [Row(fragments) for fragments in (
        [line(40, 740, "Senior Data Engineer", bold=True), right_aligned(740, "Mar 2021 – Present")],
        [line(40, 726, "Northwind Logistics")],
        [line(40, 690, "Data Analyst", bold=True), right_aligned(690, "Jun 2017 – Feb 2021")],
        [line(40, 676, "Contoso Retail")],
    )]


def test_the_hybrids_take_the_models_entry_only_where_the_rules_are_unsure(monkeypatch) -> None:
    """Per row of dates: the rules' complete entry stays; a partial one gives way to the model's complete one
    (rules_first, rules_partial) or has its empty field filled from it (fill); only rules_first adds the
    model's entries for dates the rules read none for."""
    import evals.experience_model as model
    from ai_coach.domain import ExperienceEntry

    by_model = [ExperienceEntry("Lead Engineer", "Northwind", start="2021-03", end="present"),
                ExperienceEntry("Data Analyst", "Contoso Retail", start="2017-06", end="2021-02"),
                ExperienceEntry("Intern", "Tailspin Toys", start="2016", end="2016")]
    monkeypatch.setattr(model, "model_entries", lambda rows, weights=None: by_model)
    by_rules = [ExperienceEntry("Senior Data Engineer", "Northwind Logistics", start="2021-03", end="present"),
                ExperienceEntry("Data Analyst Contoso Retail", None, start="2017-06", end="2021-02"),
                ExperienceEntry(None, None, start="2014", end="2015")]

    def read(kind: str) -> list[tuple[str | None, str | None, str | None]]:
        return [(entry.title, entry.company, entry.start) for entry in model.hybrid_entries([], by_rules, kind=kind)]

    kept, replaced, undated_by_model = by_rules[0], by_model[1], by_model[2]
    assert read("rules_first") == [(kept.title, kept.company, kept.start), (replaced.title, replaced.company, replaced.start),
                                   (None, None, "2014"), (undated_by_model.title, undated_by_model.company, "2016")]
    assert read("rules_partial") == read("rules_first")[:3]
    assert read("fill") == [(kept.title, kept.company, kept.start), ("Data Analyst Contoso Retail", "Contoso Retail", "2017-06"),
                            (None, None, "2014")]


def test_a_reader_put_in_the_rules_place_reads_every_experience_list_and_is_taken_out_again() -> None:
    """The parser's experience sections are read by the reader given (here one that reads every section as a
    single fixed entry), the parser's own logic around it kept; afterwards the rules read again."""
    import ai_coach.cv.experience as experience
    import ai_coach.cv.parser as parser
    from ai_coach.domain import ExperienceEntry
    from evals.experience_rows import reading_experience_with

    rows = [Row([line(40, 800, "Dana Whitfield", 22, bold=True)]), Row([line(40, 760, "Experience", 14, bold=True)]),
            *_section_with_two_jobs()]
    text = "\n".join(row.text for row in rows)
    fixed = ExperienceEntry("Read by the reader", "Fixed Ltd", start="2020", end="2021")
    calls = []

    def fixed_reader(section_rows: list[Row], *, undated: bool = True) -> list[ExperienceEntry]:
        calls.append(undated)
        return [fixed]

    rules = (experience.build_experience, parser.build_experience, parser.build_experience_sections)
    with reading_experience_with(fixed_reader):
        assert parser.parse_rows(rows, text).experience == [fixed]
    assert calls == [True]
    assert (experience.build_experience, parser.build_experience, parser.build_experience_sections) == rules
    assert [entry.title for entry in parser.parse_rows(rows, text).experience] == ["Senior Data Engineer", "Data Analyst"]
