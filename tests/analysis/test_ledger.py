"""The release ledger: what it records, hands back, lists and forgets, and how it fails."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wellbeing_framework.analysis.audit import RESPONDENTS
from wellbeing_framework.analysis.ledger import (
    LEDGER_ENV,
    Ledger,
    LedgerError,
    default_ledger_path,
    fingerprint,
)


def _report(n: int | None = 12, title: str = "Results") -> dict[str, Any]:
    """The smallest JSON report the audit reads: everyone and one team."""
    return {
        "format": "wellbeing-report",
        "title": title,
        "levels": ["Team"],
        "min_group_size": 10,
        "hierarchy": [["A"], ["B"]],
        "groups": [
            {"group": [], "wave": None, "breakdown": [], "n": 24},
            {"group": ["A"], "wave": None, "breakdown": [], "n": n},
            {"group": ["B"], "wave": None, "breakdown": [], "n": None if n is None else 24 - n},
        ],
        "cells": [],
    }


def test_a_recorded_report_comes_back_as_its_release(tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        entry = ledger.record("data-1", _report(), "Results (Team; minimum 10) -> r.json")
        (release,) = ledger.releases("data-1")
    assert entry == 1
    assert release.levels == ("Team",)
    assert release.families[RESPONDENTS] == (24, 12, 12)
    assert release.leaves == (("A",), ("B",))


def test_only_reports_of_the_same_data_come_back_oldest_first(tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        ledger.record("data-1", _report(12), "first")
        ledger.record("data-2", _report(14), "other data")
        ledger.record("data-1", _report(None), "second")
        releases = ledger.releases("data-1")
        assert ledger.releases("data-3") == []
    assert [r.families[RESPONDENTS][1] for r in releases] == [12, None]


def test_the_same_report_twice_is_recorded_once(tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        first = ledger.record("data-1", _report(), "once")
        again = ledger.record("data-1", json.loads(json.dumps(_report())), "twice")
        assert first == again
        assert len(ledger.entries()) == 1


def test_entries_are_listed_and_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.record("a" * 64, _report(12, "One"), "One (Team; minimum 10) -> one.json")
        ledger.record("b" * 64, _report(13, "Two"), "Two (Team; minimum 10) -> two.json")
    with Ledger(path) as ledger:  # it is a file: a second process sees the same
        entries = ledger.entries()
        assert [(e.id, e.fingerprint[:1], e.description) for e in entries] == [
            (1, "a", "One (Team; minimum 10) -> one.json"),
            (2, "b", "Two (Team; minimum 10) -> two.json"),
        ]
        assert entries[0].created.endswith("+00:00")
        assert ledger.forget(1)
        assert not ledger.forget(1)
        assert [e.id for e in ledger.entries()] == [2]
        assert ledger.releases("a" * 64) == []


def test_the_ledger_holds_published_figures_only(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.record("data-1", _report(), "d")
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(releases)")]
        (text,) = db.execute("SELECT report FROM releases").fetchone()
    assert columns == [
        "id",
        "fingerprint",
        "created",
        "description",
        "digest",
        "report",
        "organisational",
        "source",
        "rejected",
        "leaders_source",
        "leaders_rejected",
    ]
    assert json.loads(text) == _report()


def test_the_ledger_is_in_wal_mode(tmp_path: Path) -> None:
    """Two reports made at once (two processes) do not block each other's reads."""
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_ledger_is_made_in_one_transaction_and_an_existing_one_is_only_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The table and its indexes are one transaction (one sync of the file, where each was a
    commit of its own); a ledger that has them all is opened without a write transaction."""
    statements: list[str] = []
    connect = sqlite3.connect

    def traced(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        db = connect(*args, **kwargs)
        db.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(sqlite3, "connect", traced)
    path = tmp_path / "ledger.sqlite3"
    Ledger(path).close()
    writes = [s for s in statements if s.startswith(("BEGIN", "CREATE", "COMMIT", "ALTER"))]
    assert writes[0] == "BEGIN IMMEDIATE"
    assert writes[-1] == "COMMIT"
    assert len(writes) == 7  # the table and its four indexes between the two
    statements.clear()
    Ledger(path).close()
    assert not [s for s in statements if s.startswith(("BEGIN", "CREATE", "COMMIT", "ALTER"))]
    with sqlite3.connect(path) as db:
        indexes = {row[1] for row in db.execute("PRAGMA index_list(releases)")}
    assert indexes == {"by_data", "by_file", "by_leaders_file", "by_leaders"}


def test_a_recorded_report_is_synced_to_the_disk(tmp_path: Path) -> None:
    """synchronous=FULL: in WAL mode each commit is synced, so a recorded release survives a
    crash of the machine, whatever the build of SQLite defaults to."""
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        assert ledger._db.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_its_folder_is_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "ledger.sqlite3"
    Ledger(path).close()
    assert path.is_file()


@pytest.mark.parametrize(
    "content", [b"not a database at all, just some text\n" * 40, b"\x00" * 4096 + b"\xff" * 100]
)
def test_a_file_that_is_not_a_ledger_is_a_clear_error_naming_it(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "ledger.sqlite3"
    path.write_bytes(content)
    with pytest.raises(LedgerError) as info:
        Ledger(path)
    assert str(info.value).startswith(f"{path}: cannot open the release ledger: ")
    assert path.read_bytes() == content  # nothing written over it


def test_a_folder_in_place_of_the_ledger_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="cannot open the release ledger"):
        Ledger(tmp_path)


def test_an_entry_that_is_not_a_report_is_a_clear_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.record("data-1", {"format": "something else"}, "not a report")
    with Ledger(path) as ledger, pytest.raises(LedgerError) as info:
        ledger.releases("data-1")
    assert str(info.value) == (
        f"{path}: entry 1 cannot be read: ledger entry 1: not a wellbeing report "
        '(expected "format": "wellbeing-report")'
    )


def test_the_fingerprint_is_of_the_bytes_not_of_how_they_come() -> None:
    data = b"Team,Round\nA,2025\n"
    assert fingerprint([data]) == fingerprint([data[:5], data[5:]])
    assert fingerprint([data]) == fingerprint([data])
    assert fingerprint([data]) != fingerprint([data + b"B,2025\n"])
    assert len(fingerprint([data])) == 64


@given(st.binary(max_size=200), st.binary(max_size=200))
def test_different_data_has_a_different_fingerprint(a: bytes, b: bytes) -> None:
    assert (fingerprint([a]) == fingerprint([b])) == (a == b)


def test_the_default_ledger_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(LEDGER_ENV, str(tmp_path / "mine.sqlite3"))
    assert default_ledger_path() == tmp_path / "mine.sqlite3"
    monkeypatch.delenv(LEDGER_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_ledger_path() == tmp_path / "data" / "wellbeing-framework" / "ledger.sqlite3"


def _with_survey(n: int | None) -> dict[str, Any]:
    data = _report()
    leaders = _report(n)
    data["organisational"] = {"mode": "survey", **{k: leaders[k] for k in ("levels", "groups")}}
    data["organisational"].update(min_group_size=10, hierarchy=leaders["hierarchy"])
    return data


def test_surveys_come_back_by_the_leaders_data_not_the_staffs(tmp_path: Path) -> None:
    """The leaders are other people: their survey is joined with earlier surveys of the same
    leaders' file, whatever staff file came with it, and never with another leaders' file."""
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        ledger.record("staff-1", _with_survey(12), "one", organisational="leaders-1")
        ledger.record("staff-2", _with_survey(14), "two", organisational="leaders-1")
        ledger.record("staff-1", _with_survey(16), "three", organisational="leaders-2")
        ledger.record("staff-1", _report(), "no survey")
        surveys = ledger.organisational_releases("leaders-1")
        staff = ledger.releases("staff-1")
    assert [r.families[RESPONDENTS][1] for r in surveys] == [12, 14]
    assert len(staff) == 3
    assert all(r.organisational is None for r in staff)


def test_a_ledger_from_before_the_surveys_were_told_apart_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE releases (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, created "
            "TEXT NOT NULL, description TEXT NOT NULL, digest TEXT NOT NULL, report TEXT NOT "
            "NULL)"
        )
        db.execute(
            "INSERT INTO releases (fingerprint, created, description, digest, report) VALUES "
            "('staff-1', '2025-01-01T00:00:00+00:00', 'old', 'x', ?)",
            (json.dumps(_with_survey(12)),),
        )
    db.close()
    with Ledger(path) as ledger:
        assert [e.description for e in ledger.entries()] == ["old"]
        assert len(ledger.releases("staff-1")) == 1
        # Which leaders' file it used is unknown: its survey is never held against another.
        assert ledger.organisational_releases("leaders-1") == []


def test_reports_of_one_file_that_refused_other_rows_are_found(tmp_path: Path) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        ledger.record("d-1", _report(12), "one", source="file", rejected=[14, 3])
        ledger.record("d-2", _report(13), "two", source="file", rejected=[3])
        ledger.record("d-3", _report(14), "other file", source="other", rejected=[])
        ledger.record("d-4", _report(15), "from before the rows were kept")
        assert ledger.other_rows("file", [3, 14]) == [(2, [3])]
        assert ledger.other_rows("file", []) == [(1, [3, 14]), (2, [3])]
        assert ledger.other_rows("other", []) == []
        assert ledger.other_rows("new", [1]) == []
        # A leaders' file is looked up among the leaders' files only.
        assert ledger.other_rows("file", [], leaders=True) == []
        ledger.record("d-5", _report(16), "leaders", leaders_source="file", leaders_rejected=[7])
        assert ledger.other_rows("file", [], leaders=True) == [(5, [7])]
        assert ledger.other_rows("file", [7], leaders=True) == []


def test_a_file_read_once_gets_the_same_fingerprints_as_its_bytes(tmp_path: Path) -> None:
    from wellbeing_framework.analysis.ledger import file_fingerprints, fingerprint

    data = b"Service,Team\n" + b"x,y\n" * 600_000  # larger than one block
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert file_fingerprints(path, b"[3]") == (fingerprint([data, b"[3]"]), fingerprint([data]))


@given(st.binary(max_size=3 << 20) | st.just(b"x,y\n" * 700_000), st.binary(max_size=20))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_file_hashed_beside_the_import_gets_the_same_fingerprints(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, extra: bytes
) -> None:
    from wellbeing_framework.analysis.ledger import FileHashing, file_fingerprints

    path = tmp_path_factory.mktemp("hashing") / "export.csv"
    path.write_bytes(data)
    hashing = FileHashing(path)
    expected = (hashlib.sha256(data + extra).hexdigest(), hashlib.sha256(data).hexdigest())
    assert hashing.fingerprints(extra) == expected == file_fingerprints(path, extra)
    # Asked again (the extra is added to a copy), it says the same.
    assert hashing.fingerprints(extra) == expected


def test_a_file_that_cannot_be_hashed_fails_as_when_read_in_turn(tmp_path: Path) -> None:
    from wellbeing_framework.analysis.ledger import FileHashing, file_fingerprints

    missing = tmp_path / "gone.csv"
    with pytest.raises(FileNotFoundError):
        file_fingerprints(missing, b"[]")
    with pytest.raises(FileNotFoundError):
        FileHashing(missing).fingerprints(b"[]")


def test_a_report_is_stored_as_the_text_it_always_was(tmp_path: Path) -> None:
    """A report's data is kept as the JSON text, and with the digest, that the ledger has always
    written for it (and as text, as SQL's JSON functions read it)."""
    report = _report(title="Résultats ✓")
    report["cells"] = [{"element": f"c{k}", "mean": k / 7, "wave": "2025"} for k in range(2500)]
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        ledger.record("data-1", report, "Results")
        (release,) = ledger.releases("data-1")
    text = json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False)
    with sqlite3.connect(path) as db:
        stored, kind, digest = db.execute(
            "SELECT report, typeof(report), digest FROM releases"
        ).fetchone()
    assert kind == "text"
    assert stored == text
    assert digest == hashlib.sha256(text.encode()).hexdigest()
    assert release.levels == ("Team",)


def test_a_ledger_made_in_utf16_by_other_hands_keeps_its_reports_as_text(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA encoding = 'UTF-16le'")
        db.execute("CREATE TABLE made_elsewhere (x)")
    report = _report(title="Résultats ✓")
    with Ledger(path) as ledger:
        ledger.record("data-1", report, "Results")
        (release,) = ledger.releases("data-1")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA encoding").fetchone()[0] == "UTF-16le"
        (stored,) = db.execute("SELECT report FROM releases").fetchone()
    assert stored == json.dumps(report, sort_keys=True, ensure_ascii=False, allow_nan=False)
    assert release.levels == ("Team",)


def test_a_report_given_as_its_text_is_kept_as_that_text(tmp_path: Path) -> None:
    """The text a report was published as is kept to the byte, its digest that of its UTF-8,
    and read back as the same release as the report's data."""
    report = _report(title="Résultats ✓")
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path) as ledger:
        entry = ledger.record("data-1", text, "Results")
        assert ledger.record("data-1", text, "Results again") == entry  # once
        (from_text,) = ledger.releases("data-1")
    with sqlite3.connect(path) as db:
        stored, kind, digest = db.execute(
            "SELECT report, typeof(report), digest FROM releases"
        ).fetchone()
    assert (stored, kind) == (text, "text")
    assert digest == hashlib.sha256(text.encode()).hexdigest()
    with Ledger(tmp_path / "other.sqlite3") as ledger:
        ledger.record("data-1", report, "Results")
        assert ledger.releases("data-1") == [from_text]


_NOT_A_REPORT = r'^a report to record as text must be a JSON report\'s text, beginning \{"format"'
_NOT_JSON = r"^cannot record the report: it is not JSON text"


@pytest.mark.parametrize(
    ("report", "message"),
    [
        *((text, _NOT_A_REPORT) for text in ["", "<html>", '{"title": "x"}', "[1, 2]"]),
        ('{"title": "x", "format": "wellbeing-report"}', _NOT_A_REPORT),
        ({"format": "wellbeing-report", "mean": float("nan")}, _NOT_JSON),
        ({"format": "wellbeing-report", "title": "half an emoji \ud83d"}, _NOT_JSON),
        ({"format": "wellbeing-report", "\ud83d": 1}, _NOT_JSON),
        ({"format": "wellbeing-report", "when": object()}, _NOT_JSON),
        ('{"format": "wellbeing-report", "title": "half an emoji \ud83d"}', _NOT_JSON),
        *(
            (other, r"^a report to record is .*\(a mapping\), not ")
            for other in [None, 123, [1, 2]]
        ),
    ],
)
def test_what_is_not_a_report_or_not_json_is_refused_and_not_recorded(
    tmp_path: Path, report: Any, message: str
) -> None:
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        with pytest.raises(LedgerError, match=message):
            ledger.record("data-1", report, "Results")
        assert ledger.entries() == []


def test_a_new_ledger_has_large_pages_and_an_older_one_keeps_its_own(tmp_path: Path) -> None:
    new, older = tmp_path / "new.sqlite3", tmp_path / "older.sqlite3"
    with sqlite3.connect(older) as db:
        db.execute("CREATE TABLE made_before (x)")  # in SQLite's default pages
    for path in (new, older):
        with Ledger(path) as ledger:
            ledger.record("data-1", _report(), "Results")
            assert len(ledger.releases("data-1")) == 1
    sizes = []
    for path in (new, older):
        with sqlite3.connect(path) as db:
            sizes.append(db.execute("PRAGMA page_size").fetchone()[0])
    assert sizes == [65536, 4096]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_a_text_written_in_parts_is_the_text_to_the_byte(tmp_path: Path, tail: str) -> None:
    """Cut into parts of a few characters, wherever the cuts fall between accents and
    emoji, the entry holds the text and the digest of its UTF-8."""
    from wellbeing_framework.analysis import ledger as module

    text = '{"format": "wellbeing-report", "title": ' + json.dumps(tail, ensure_ascii=False) + "}"
    path = tmp_path / f"ledger-{hashlib.sha256(text.encode()).hexdigest()[:12]}.sqlite3"
    with pytest.MonkeyPatch.context() as m:
        m.setattr(module, "_PART", 5)
        with Ledger(path) as ledger:
            ledger.record("data-1", text, "Results")
    with sqlite3.connect(path) as db:
        stored, digest = db.execute("SELECT report, digest FROM releases").fetchone()
    assert stored == text
    assert digest == hashlib.sha256(text.encode()).hexdigest()


def test_a_recorded_text_nested_too_deeply_is_a_clear_error(tmp_path: Path) -> None:
    # The text begins as a report's does, so record keeps it; json.loads then raises
    # RecursionError, which is no ValueError.
    text = '{"format": "wellbeing-report", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with Ledger(tmp_path / "ledger.sqlite3") as ledger:
        try:
            ledger.record("data-1", text, "deep")
        except LedgerError:
            return  # refused when recorded: as good
        with pytest.raises(LedgerError):
            ledger.releases("data-1")
