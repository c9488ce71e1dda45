"""Each forms tool's export, as its documentation describes it, through the API and the CLI.

The fixtures (``fixtures/layouts/``, written by ``make_fixtures.py``) hold twelve made-up people
answering three statements of the psychological-safety checklist; one answer is "Maybe" and one
is blank; one column is a statement of a checklist not imported, one a comment box.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wellbeing_framework as wf
from wellbeing_framework import ImportOptions, import_csv
from wellbeing_framework.analysis import Layout
from wellbeing_framework.analysis._layouts import read_header
from wellbeing_framework.analysis.results import MatchedBy
from wellbeing_framework.cli import main
from wellbeing_framework.errors import DataImportError

FIXTURES = Path(__file__).parent / "fixtures" / "layouts"
CHECKLIST = "ps-checklist-individual"
TW_CONNECTED = "crisis-services:tw-ind-connected"

# file, layout, header rows, the row of the "Maybe", the identifier/metadata columns dropped,
# the comment column's heading.
CASES = {
    "qualtrics.csv": (
        Layout.QUALTRICS,
        3,
        7,
        (
            "StartDate",
            "EndDate",
            "Status",
            "IPAddress",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "RecordedDate",
            "ResponseId",
            "RecipientLastName",
            "RecipientFirstName",
            "RecipientEmail",
            "ExternalReference",
            "LocationLatitude",
            "LocationLongitude",
            "DistributionChannel",
            "UserLanguage",
        ),
        "Q3",
    ),
    "qualtrics-legacy.csv": (
        Layout.QUALTRICS,
        2,
        6,
        (
            "ResponseID",
            "ResponseSet",
            "Name",
            "ExternalDataReference",
            "EmailAddress",
            "IPAddress",
            "Status",
            "StartDate",
            "EndDate",
            "Finished",
        ),
        "Q3",
    ),
    "surveymonkey.csv": (
        Layout.SURVEYMONKEY,
        2,
        6,
        (
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
        ),
        "Anything else you would like to tell us?",
    ),
    "googleforms.csv": (
        Layout.GOOGLEFORMS,
        1,
        5,
        ("Timestamp", "Email Address"),
        "Anything else you would like to tell us?",
    ),
    "limesurvey.csv": (
        Layout.LIMESURVEY,
        1,
        5,
        (
            "Response ID",
            "Date submitted",
            "Last page",
            "Start language",
            "Seed",
            "Date started",
            "Date last action",
            "IP address",
            "Referrer URL",
        ),
        "Anything else you would like to tell us?",
    ),
    "msforms.xlsx": (
        Layout.MSFORMS,
        1,
        5,
        ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
        "Anything else you would like to tell us?",
    ),
    "msforms.ods": (
        Layout.MSFORMS,
        1,
        5,
        ("ID", "Start time", "Completion time", "Email", "Name", "Last modified time"),
        "Anything else you would like to tell us?",
    ),
}
PEOPLE = ("Ada", "Fenwick", "fenwick@example.org", "192.0.2.10", "listens")


@pytest.fixture(scope="module")
def catalog() -> wf.Catalog:
    return wf.make_host().catalog()


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("layout", ["auto", "explicit"])
def test_each_export_reconciles_exactly(catalog: wf.Catalog, name: str, layout: str) -> None:
    expected_layout, header_rows, maybe_row, identifiers, comment = CASES[name]
    options = ImportOptions(
        checklists=[CHECKLIST],
        pack="crisis-services",
        group_columns=["Team"],
        layout=expected_layout if layout == "explicit" else Layout.AUTO,
    )
    result = import_csv(FIXTURES / name, options, catalog=catalog)
    rec = result.reconciliation
    assert (rec.layout, rec.header_rows) == (expected_layout.value, header_rows)
    assert (rec.rows_read, rec.rows_accepted, rec.rows_rejected) == (12, 11, 1)
    assert (rec.answers, rec.missing) == (33, 1)
    assert rec.identifier_columns == identifiers
    assert rec.unmatched_columns == (comment,)
    assert [c.target for c in rec.columns if c.matched_by is MatchedBy.NOT_SELECTED] == [
        TW_CONNECTED
    ]
    assert [(r.row, r.value) for r in rec.rejections] == [(maybe_row, "Maybe")]
    assert "is not an answer on the scale 'agree-5'" in rec.rejections[0].reason
    assert [c.target for c in rec.columns if c.matched_by is MatchedBy.TEXT] == [
        "crisis-services:ps-ind-raise-concerns",
        "crisis-services:ps-ind-admit-mistakes",
        "crisis-services:ps-ind-able-to-ask-help",
    ]
    assert result.responses.paths == ((("Crisis team A",), ("Crisis team B",)),)
    assert set(rec.dropped_columns) == {*identifiers, comment, *rec.not_selected_columns}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("layout", ["auto", "explicit"])
def test_each_export_goes_through_import_check_and_report(
    name: str, layout: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected_layout, header_rows, maybe_row, identifiers, _ = CASES[name]
    common = ["--pack", "crisis-services", "--checklist", CHECKLIST, "--group-columns", "Team"]
    if layout == "explicit":
        common += ["--layout", expected_layout.value]
    assert main(["import", str(FIXTURES / name), *common, "--check"]) == 1
    out = capsys.readouterr().out
    rows = "1 header row" if header_rows == 1 else f"{header_rows} header rows"
    assert f"read as:       {expected_layout.value} layout, {rows}" in out
    assert "rows read:     12" in out
    assert "rows accepted: 11" in out
    assert f"row {maybe_row}, column" in out
    for column in identifiers:
        assert repr(column) in out
    assert "dropped, statements of checklists not imported: 1" in out
    report = tmp_path / "report.json"
    assert main(["report", str(FIXTURES / name), *common, "-o", str(report)]) == 0
    published = report.read_text(encoding="utf-8")
    assert json.loads(published)["import"]["rows_read"] == 12
    for secret in PEOPLE:
        assert secret not in published


def test_a_layout_that_does_not_fit_is_a_clear_error(catalog: wf.Catalog) -> None:
    with pytest.raises(DataImportError, match="does not look like a surveymonkey export"):
        import_csv(
            FIXTURES / "googleforms.csv",
            catalog=catalog,
            checklists=[CHECKLIST],
            pack="crisis-services",
            group_columns=["Team"],
            layout="surveymonkey",
        )


def test_a_plain_layout_asked_for_keeps_every_row_as_a_response(catalog: wf.Catalog) -> None:
    # Asked to read Qualtrics as plain, its two label rows are data rows: rejected, not lost.
    rec = import_csv(
        FIXTURES / "qualtrics.csv",
        catalog=catalog,
        checklists=[CHECKLIST],
        pack="crisis-services",
        group_columns=["Team"],
        mapping={"Q1_1": "ps-ind-raise-concerns"},
        layout="plain",
    ).reconciliation
    assert (rec.layout, rec.header_rows, rec.rows_read) == ("plain", 1, 14)


def test_statements_of_checklists_not_selected_are_not_matched_nothing(
    catalog: wf.Catalog,
) -> None:
    # The README's example imports two of the four checklists the example survey asked.
    rec = import_csv(
        Path(__file__).parents[2] / "examples" / "data" / "staff-survey.csv",
        catalog=catalog,
        pack="crisis-services",
        checklists=["ps-checklist-individual", "rp-checklist-individual"],
        group_columns=["Service", "Team"],
        wave_column="Survey round",
    ).reconciliation
    assert rec.unmatched_columns == ("Role", "Is there anything else you would like to tell us?")
    # Every "not selected" column is a statement of a checklist the caller did not ask for.
    selected = {
        "crisis-services:ps-checklist-individual",
        "crisis-services:rp-checklist-individual",
    }
    targets = [c.target for c in rec.columns if c.matched_by is MatchedBy.NOT_SELECTED]
    assert targets
    assert len(targets) == len(rec.not_selected_columns)
    for target in targets:
        assert target is not None
        found = catalog.find(target)
        assert f"crisis-services:{found.element.id}" not in selected
    count = len(targets)
    assert f"dropped, statements of checklists not imported: {count}" in rec.summary()
    assert set(rec.not_selected_columns) <= set(rec.dropped_columns)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--delimiter", "ab"], "the delimiter must be one character"),
        (["--encoding", "nope"], "'nope' is not a text encoding"),
        (["--layout", "qualtrics"], "does not look like a qualtrics export"),
        (["--sheet", "Nope"], "no sheet 'Nope': the file has 'Sheet1'"),
    ],
)
def test_bad_reading_options_are_clear_errors_on_the_command_line(
    flags: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    common = ["--pack", "crisis-services", "--checklist", CHECKLIST, "--group-columns", "Team"]
    assert main(["import", str(FIXTURES / "msforms.xlsx"), *common, "--check", *flags]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_a_surveymonkey_file_without_its_second_header_row_loses_no_response(
    catalog: wf.Catalog,
) -> None:
    lines = (FIXTURES / "surveymonkey.csv").read_text(encoding="utf-8").splitlines()
    del lines[1]  # someone deleted the second header row in a spreadsheet
    rec = import_csv(
        "\n".join(lines).encode(),
        catalog=catalog,
        checklists=[CHECKLIST],
        pack="crisis-services",
        group_columns=["Team"],
        mapping={"How far do you agree with each statement?": "ps-ind-raise-concerns"},
    ).reconciliation
    assert (rec.layout, rec.rows_read) == ("plain", 12)


def test_an_excel_plain_csv_in_cp1252_goes_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (FIXTURES / "googleforms.csv").read_text(encoding="utf-8")
    export = tmp_path / "excel.csv"
    export.write_bytes(text.replace("Crisis team B", "Équipe B – nuit").encode("cp1252"))
    common = ["--pack", "crisis-services", "--checklist", CHECKLIST, "--group-columns", "Team"]
    assert main(["import", str(export), *common, "--check"]) == 1
    out = capsys.readouterr().out
    assert "read as:       googleforms layout, 1 header row, cp1252" in out
    assert "not UTF-8, so it was read as cp1252" in out
    assert main(["import", str(export), *common, "--check", "--encoding", "cp1252"]) == 1
    assert "not UTF-8" not in capsys.readouterr().out


def test_limesurvey_code_headings_import_through_a_mapping(catalog: wf.Catalog) -> None:
    text = (
        "id,submitdate,lastpage,startlanguage,seed,token,Team,PS[SQ001],PS[SQ002]\n"
        "1,2025-03-03,2,en,123,tok1,Crisis team A,Agree,Disagree\n"
        "2,2025-03-03,2,en,456,tok2,Crisis team A,Strongly agree,\n"
    )
    result = import_csv(
        text.encode(),
        catalog=catalog,
        checklists=[CHECKLIST],
        pack="crisis-services",
        group_columns=["Team"],
        mapping={"PS[SQ001]": "ps-ind-raise-concerns", "PS[SQ002]": "ps-ind-admit-mistakes"},
    )
    rec = result.reconciliation
    assert rec.layout == "limesurvey"
    assert rec.identifier_columns == (
        "id",
        "submitdate",
        "lastpage",
        "startlanguage",
        "seed",
        "token",
    )
    assert (rec.rows_accepted, rec.missing) == (2, 1)


_CELLS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "ID",
                "Start time",
                "Completion time",
                "Respondent ID",
                "Collector ID",
                "ResponseId",
                "ResponseSet",
                "Timestamp",
                "",
                '{"ImportId":"QID1"}',
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=6,
)


@given(st.lists(_CELLS, max_size=3), st.sampled_from(list(Layout)))
def test_reading_any_header_gives_a_header_or_the_librarys_own_error(
    rows: list[list[str]], layout: Layout
) -> None:
    try:
        header = read_header(rows, layout)
    except DataImportError:
        return
    assert header.layout is not Layout.AUTO
    assert len(header.names) == len(header.labels) == len(rows[0])
    assert 1 <= header.rows <= len(rows)
    assert header.metadata <= set(range(len(rows[0])))


def test_qualtrics_tsv_in_utf16_reads_like_its_csv(catalog: wf.Catalog) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO((FIXTURES / "qualtrics.csv").read_text(encoding="utf-8"))))
    tsv = io.StringIO(newline="")
    csv.writer(tsv, delimiter="\t", lineterminator="\r\n").writerows(rows)
    options = ImportOptions(checklists=[CHECKLIST], pack="crisis-services", group_columns=["Team"])
    from_tsv = import_csv(tsv.getvalue().encode("utf-16"), options, catalog=catalog)
    from_csv = import_csv(FIXTURES / "qualtrics.csv", options, catalog=catalog)
    assert from_tsv.reconciliation.encoding == "utf-16"
    assert from_tsv.reconciliation.rejections == from_csv.reconciliation.rejections
    assert from_tsv.responses.option.tolist() == from_csv.responses.option.tolist()
