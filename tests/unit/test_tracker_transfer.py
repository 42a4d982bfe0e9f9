"""The import readers and export writers of tracker_service/transfer.py (pure code): dates and salaries
as spreadsheets write them, CSV dialects and hostile cells, the moves made up for a CSV row, and the
JSON reader's record-by-record checks."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest

from common.errors import InvalidArgument
from tracker_service.domain import (
    ApplicationRecord,
    CsvOptions,
    CsvPreset,
    ImportReport,
    JobSnapshot,
    NoteRecord,
    SalaryPeriod,
    Status,
    UserData,
)
from tracker_service.transfer import (
    export_csv,
    export_json,
    parse_date,
    parse_salary_text,
    read_csv,
    read_json,
    synthetic_history,
)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def day(year: int, month: int, day_: int) -> datetime:
    return datetime(year, month, day_, tzinfo=UTC)


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("2024-03-05", False, day(2024, 3, 5)),
    ("2024-03-05T14:30:00Z", False, datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),
    ("2024-03-05 14:30:00+02:00", False, datetime(2024, 3, 5, 12, 30, tzinfo=UTC)),
    ("03/05/2024", False, day(2024, 3, 5)),     # US: month first
    ("03/05/2024", True, day(2024, 5, 3)),      # the user said day first
    ("05.03.2024", False, day(2024, 3, 5)),     # dots are always day first
    ("3/5/24", False, day(2024, 3, 5)),
    ("2024/03/05", True, day(2024, 3, 5)),      # year first is never ambiguous
    ("Mar 5, 2024", False, day(2024, 3, 5)),
    ("5 March 2024", False, day(2024, 3, 5)),
    ("03/05/2024 09:15", False, datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),
])
def test_dates_as_trackers_and_spreadsheets_write_them(text: str, day_first: bool, expected: datetime) -> None:
    assert parse_date(text, day_first=day_first) == expected


@pytest.mark.parametrize("text", ["2024-13-45", "31/02/2024", "13/13/2024", "yesterday", "2024", "", "5 Smarch 2024"])
def test_what_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, day_first=False)


@pytest.mark.parametrize(("text", "figures"), [
    ("€70,000 - €85,000", (70000, 85000, "EUR", None)),
    ("$120k-$140k/year", (120000, 140000, "USD", SalaryPeriod.YEAR)),
    ("50-60k EUR/year", (50000, 60000, "EUR", SalaryPeriod.YEAR)),   # the k is both figures'
    ("45 €/h", (45, 45, "EUR", SalaryPeriod.HOUR)),
    ("£45,000 per annum", (45000, 45000, "GBP", SalaryPeriod.YEAR)),
    ("80 000 – 95 000 руб. в месяц", (80000, 95000, "RUB", SalaryPeriod.MONTH)),
    ("1.234,50 € monthly", (1234.5, 1234.5, "EUR", SalaryPeriod.MONTH)),
    ("R$ 8.000", (8000, 8000, "BRL", None)),
    ("CHF 120000", (120000, 120000, "CHF", None)),
])
def test_salaries_in_words(text: str, figures: tuple) -> None:
    salary = parse_salary_text(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == figures
    assert salary.text == text


@pytest.mark.parametrize("text", ["competitive", "DOE", "", "n/a"])
def test_salaries_without_a_figure(text: str) -> None:
    assert parse_salary_text(text) is None


def test_made_up_moves_go_through_the_funnel_dated_with_what_the_row_gives() -> None:
    created, applied = day(2024, 3, 1), day(2024, 3, 4)
    assert [(h.from_status, h.to_status, h.at) for h in synthetic_history(Status.OFFER, created_at=created,
                                                                           applied_at=applied)] == [
        (None, Status.TO_APPLY, created), (Status.TO_APPLY, Status.APPLIED, applied),
        (Status.APPLIED, Status.INTERVIEW, applied), (Status.INTERVIEW, Status.OFFER, applied)]
    assert [h.to_status for h in synthetic_history(Status.REJECTED, created_at=created, applied_at=applied)] == [
        Status.TO_APPLY, Status.APPLIED, Status.REJECTED]
    assert [h.to_status for h in synthetic_history(Status.WITHDRAWN, created_at=created, applied_at=None)] == [
        Status.TO_APPLY, Status.WITHDRAWN]
    assert [h.to_status for h in synthetic_history(Status.TO_APPLY, created_at=created, applied_at=None)] == [
        Status.TO_APPLY]


def read(text: str, **options) -> tuple[UserData, ImportReport]:
    report = ImportReport()
    return read_csv(text.encode(), CsvOptions(**options), report, now=NOW), report


def test_a_semicolon_spreadsheet_with_a_bom_and_quoted_newlines() -> None:
    data, report = read('\ufeffUnternehmen;Stelle;Status;Notizen\n"Müller; Söhne";"Dev";beworben;"a\nb"\n'
                        'Acme;QA;applied;\n', column_mapping={"notes": "Notizen"})
    assert report.skipped == 1 and report.issues[0].row == 2  # "beworben" is not a status word JobMate knows
    assert [a.job.company for a in data.applications] == ["Acme"]
    data, report = read('\ufeffUnternehmen;Stelle;Status;Notizen\n"Müller; Söhne";"Dev";applied;"a\nb"\n'
                        'Acme;QA;applied;\n', column_mapping={"notes": "Notizen"})
    assert report.skipped == 0 and [a.job.company for a in data.applications] == ["Müller; Söhne", "Acme"]
    assert [n.body for n in data.notes] == ["a\nb"]
    assert [a.row for a in data.applications] == [2, 4]  # the second data row starts on line 4


def test_an_empty_status_is_to_apply_or_applied_by_the_date() -> None:
    data, _ = read("Company,Title,Date Applied\nA,X,\nB,Y,2024-05-01\n")
    assert [a.status for a in data.applications] == [Status.TO_APPLY, Status.APPLIED]


def test_rows_are_skipped_whole_for_any_bad_value() -> None:
    data, report = read("Company,Title,Rating,Follow up,Salary\n"
                        "A,X,9,,\n"                         # rating out of range
                        "B,Y,,someday,\n"                   # not a date
                        "C,Z,,,competitive\n"               # no figure
                        "D,W,,2030-01-01,\n"                # a follow-up in the future is fine
                        "E,V,,,\n", preset=CsvPreset.TEAL)
    assert [a.job.company for a in data.applications] == ["D", "E"]
    assert sorted(i.row for i in report.issues) == [2, 3, 4]
    assert not data.applications[0].follow_up_fired
    future, _ = read("Company,Date Added\nA,2999-01-01\n")
    assert future.applications == []


@pytest.mark.parametrize(("content", "message"), [
    ("", "no rows"),
    ("Company\n\"unterminated\n", "not valid CSV"),
    ("Company,Title\nA,B\x00\n", "NUL"),
])
def test_files_that_are_not_tables(content: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        read(content)


def test_the_csv_export_keeps_formulas_inert_and_reads_them_back() -> None:
    record = ApplicationRecord(ref="a1", company_ref="c1", status=Status.APPLIED, created_at=day(2024, 1, 1),
                               job=JobSnapshot(job_id="j", title="=cmd|' /C calc'!A0", company="+Acme",
                                               location="@home", url="", source="-"))
    data = UserData(applications=[record], notes=[NoteRecord("n1", "a1", "=1+1", day(2024, 1, 1), day(2024, 1, 1))])
    files = {f.name: f.content.decode() for f in export_csv(data)}
    row = next(csv.DictReader(io.StringIO(files["applications.csv"])))
    assert (row["title"], row["company"], row["location"], row["source"], row["notes"]) == (
        "'=cmd|' /C calc'!A0", "'+Acme", "'@home", "'-", "'=1+1")
    back, report = read(files["applications.csv"])
    assert report.skipped == 0
    assert (back.applications[0].job.title, back.applications[0].job.company) == ("=cmd|' /C calc'!A0", "+Acme")
    assert [n.body for n in back.notes] == ["=1+1"]


def test_the_json_reader_checks_each_record_and_refs_stay_unique() -> None:
    document = {"format": "jobmate.tracker.export", "version": 1,
                "silence_thresholds": {"APPLIED": 12, "HIRED": 3, "OFFER": "soon"},
                "companies": [{"ref": "c", "name": "A"}, {"ref": "c", "name": "B"}, {"ref": "x" * 101, "name": "C"}],
                "salaries": [{"ref": "s", "application_ref": "a", "kind": "ASKED", "min": 1, "currency": "EUR",
                              "period": "YEAR", "observed_at": "2024-01-01T00:00:00+00:00"},
                             {"ref": "t", "application_ref": "a", "kind": "ASKED", "min": True, "currency": "EUR",
                              "period": "YEAR", "observed_at": "2024-01-01T00:00:00+00:00"}]}
    report = ImportReport()
    data = read_json(json.dumps(document).encode(), report, now=NOW, analysis_document=lambda d: d)
    assert data.silence_thresholds == {Status.APPLIED: 12}
    assert [c.name for c in data.companies] == ["A"] and [s.ref for s in data.salaries] == ["s"]
    assert sorted((i.entity, i.reason) for i in report.issues) == [
        ("company", "another record of the file has the same ref"),
        ("company", "ref is too long (at most 100 characters)"),
        ("salary", "min has the wrong type"),
        ("silence_threshold", "silence threshold 'HIRED': days from 0 to 365 for an open status"),
        ("silence_threshold", "silence threshold 'OFFER': days from 0 to 365 for an open status")]


def test_the_json_export_is_one_document() -> None:
    exported = export_json(UserData(), exported_at=NOW)
    assert exported.name == "jobmate-export.json"
    document = json.loads(exported.content)
    assert (document["format"], document["version"], document["exported_at"]) == (
        "jobmate.tracker.export", 1, "2024-06-01T12:00:00+00:00")
