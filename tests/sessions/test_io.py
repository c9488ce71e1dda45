"""Record files: one record or a list, sessions and plans together, every fault placed."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import threading
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import sessions as gen

from wellbeing_framework import (
    ActionPlan,
    ConversionError,
    Session,
    read_records,
    structure,
    write_records,
)
from wellbeing_framework.errors import FileError, RecordError
from wellbeing_framework.model import LearningPoint, SessionStatus
from wellbeing_framework.sessions import Origin
from wellbeing_framework.sessions.io import dumps_records

SESSION = {
    "id": "s-one",
    "session_type": "test-pack:group",
    "status": "held",
    "date": "2025-03-04",
}
PLAN = {"id": "plan-one", "title": "Team plan", "created": "2025-01-10", "co_created_by": 7}


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_file_may_hold_one_record_or_a_list_of_both_kinds(tmp_path: Path) -> None:
    one = write(tmp_path, "one.json", SESSION)
    many = write(tmp_path, "many.json", [PLAN, {**SESSION, "id": "s-two"}])
    records = read_records([one, many])
    assert [s.id for s in records.sessions] == ["s-one", "s-two"]
    assert [p.id for p in records.action_plans] == ["plan-one"]
    assert records.origin(records.sessions[0]) == Origin(file=one)
    assert str(records.origin(records.sessions[1])) == f"{many} $[1]"
    assert records.origin(records.action_plans[0]) == Origin(file=many, pointer="$[0]")


def test_a_fault_in_a_list_names_the_file_and_the_record(tmp_path: Path) -> None:
    path = write(tmp_path, "group.json", [SESSION, {**SESSION, "id": "s-two", "date": "4 March"}])
    with pytest.raises(ConversionError) as caught:
        read_records([path])
    assert caught.value.source == path
    assert caught.value.errors == ("$[1].date: expected a date as YYYY-MM-DD, got '4 March'",)
    assert str(caught.value).startswith(f"{path}: 1 problem in the data")


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "id": "s-one"\n  "date": "2025-03-04"\n}\n', encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        read_records([path])
    assert caught.value.source == str(path)
    assert "line 3, column 3: not valid JSON: Expecting ',' delimiter" in str(caught.value)


def test_minutes_are_refused_with_the_reason(tmp_path: Path) -> None:
    path = write(tmp_path, "s.json", [SESSION, {**SESSION, "id": "s-two", "minutes": "..."}])
    with pytest.raises(RecordError) as caught:
        read_records([path])
    assert caught.value.field == "$[1].minutes"
    message = str(caught.value)
    assert "keeps no minutes" in message
    assert "'learning'" in message
    assert "forum" in message


def test_a_record_that_is_neither_kind_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.json", {"id": "x-one", "date": "2025-01-01"})
    with pytest.raises(RecordError, match="cannot tell what this record is"):
        read_records([path])


def test_a_repeated_id_names_both_places(tmp_path: Path) -> None:
    a = write(tmp_path, "a.json", SESSION)
    b = write(tmp_path, "b.json", [SESSION])
    with pytest.raises(RecordError) as caught:
        read_records([a, b])
    assert caught.value.source == b
    assert caught.value.field == "$[0].id"
    assert a in str(caught.value)


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"id": "s-one", "date": "2025-01-01", "date": "2025-02-01"}', encoding="utf-8")
    with pytest.raises(RecordError, match="'date' appears twice"):
        read_records([path])


def test_a_missing_file_is_a_record_error(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="cannot read the record file: no such file"):
        read_records([tmp_path / "nowhere.json"])


def test_a_file_of_the_wrong_shape_says_what_was_expected(tmp_path: Path) -> None:
    with pytest.raises(RecordError, match="expected a record"):
        read_records([write(tmp_path, "n.json", 3)])
    with pytest.raises(RecordError, match=r"\$\[0\].*expected a record"):
        read_records([write(tmp_path, "l.json", ["s-one"])])


def test_write_then_read_gives_the_same_records(tmp_path: Path) -> None:
    session = Session(
        id="s-one",
        session_type="test-pack:group",
        status=SessionStatus.HELD,
        date=dt.date(2025, 3, 4),
    )
    plan = ActionPlan(id="plan-one", title="Plan", created=dt.date(2025, 1, 1))
    path = tmp_path / "out.json"
    write_records(path, [session, plan])
    records = read_records([path])
    assert records.sessions == (session,)
    assert records.action_plans == (plan,)
    write_records(path, session)
    assert json.loads(path.read_text())["id"] == "s-one"  # one record is written as one object


@given(gen.sessions())
def test_any_session_survives_a_file(session: Session) -> None:
    text = dumps_records([session])
    assert json.loads(text)[0]["id"] == session.id
    assert text.endswith("\n")


# -- files that cannot hurt ---------------------------------------------------------------------


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(SESSION).encode())
    assert [s.id for s in read_records([path]).sessions] == ["s-one"]


def test_ten_thousand_nested_brackets_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"id": "s-one",\n"learning": ' + "[" * 10_000 + "]" * 10_000 + "}")
    with pytest.raises(RecordError) as caught:
        read_records([path])
    assert str(caught.value) == (
        f"{path}: line 2: lists and objects nest more than 32 deep; a record needs a handful of "
        "levels"
    )


def test_a_five_thousand_digit_number_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(json.dumps(SESSION)[:-1] + ',\n"duration_minutes": ' + "9" * 5_000 + "}")
    with pytest.raises(RecordError) as caught:
        read_records([path])
    assert str(caught.value) == (
        f"{path}: line 2: a number 5,000 characters long; a record's numbers have at most 30"
    )


def test_digits_inside_a_string_are_text_not_a_number(tmp_path: Path) -> None:
    path = write(tmp_path, "digits.json", {**SESSION, "id": "s-" + "1" * 60})
    assert read_records([path]).sessions[0].id == "s-" + "1" * 60


def test_a_lone_surrogate_is_refused_with_its_field(tmp_path: Path) -> None:
    learning = [{"id": "l-one", "text": "We found \ud800 useful", "forum": "team-meeting"}]
    path = write(tmp_path, "half.json", [SESSION, {**SESSION, "id": "s-two", "learning": learning}])
    with pytest.raises(RecordError) as caught:
        read_records([path])
    assert caught.value.field == "$[1].learning[0].text"
    assert "half of a character (a lone surrogate" in str(caught.value)


def test_nan_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(json.dumps(SESSION)[:-1] + ', "duration_minutes": NaN}')
    with pytest.raises(RecordError, match="NaN is not a number a record may hold"):
        read_records([path])


def test_a_record_file_over_its_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wellbeing_framework.sessions import io

    monkeypatch.setattr(io, "MAX_RECORD_BYTES", 100)
    path = write(tmp_path, "big.json", [SESSION] * 10)
    with pytest.raises(RecordError, match="larger than the 100 bytes such a file may hold"):
        read_records([path])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs as on POSIX")
def test_a_fifo_or_a_device_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    for path in (tmp_path / "pipe.json", Path("/dev/zero")):
        errors: list[BaseException] = []

        def read(p: Path = path, out: list[BaseException] = errors) -> None:
            try:
                read_records([p])
            except RecordError as exc:
                out.append(exc)

        thread = threading.Thread(target=read, daemon=True)
        thread.start()
        thread.join(5)
        assert not thread.is_alive(), f"reading {path} blocked"
        assert "not a regular file" in str(errors[0])


def test_a_lone_surrogate_in_a_record_to_write_is_a_file_error(tmp_path: Path) -> None:
    # The converter refuses a lone surrogate; a Python caller building the model can still
    # give one, and writing it must fail as a file error, not a UnicodeEncodeError.
    point = LearningPoint(id="l-one", text="We found \ud800 useful", forum="team-meeting")
    session = attrs.evolve(structure(SESSION, Session), learning=(point,))
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(FileError, match=r"out\.json: cannot write the record file: character"):
        write_records(out, session)
    assert out.read_text(encoding="utf-8") == "old"


_JSONISH = st.lists(
    st.sampled_from(
        [
            *(b"{", b"}", b"[", b"]", b'"', b":", b",", b" ", b"\n", b"1", b"-", b"1e9", b"9" * 40),
            *(b'"session_type"', b'"created"', b'"id"', b'"s-x"', b'"\\ud800"', b"NaN", b"true"),
            *(b"\xef\xbb\xbf", b"\xff", b"\\", b'"2025-01-01"', b'"date"', b"[" * 40),
        ]
    ),
    max_size=60,
).map(b"".join)


@given(data=st.one_of(st.binary(max_size=400), _JSONISH))
def test_any_bytes_give_records_or_the_librarys_own_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(data)
        try:
            read_records([path])
        except (RecordError, ConversionError) as exc:
            error = str(exc)
        else:
            return
        assert error.startswith(str(path))
