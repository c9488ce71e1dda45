"""The shared decoding helper: byte-order marks win, UTF-8 otherwise, cp1252 only when allowed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_framework._decoding import bom_encoding, decode_text, is_utf8


def test_json_saved_with_a_bom_is_read() -> None:
    record = {"title": "Réflexion – café"}
    for data in (
        b"\xef\xbb\xbf" + json.dumps(record, ensure_ascii=False).encode(),
        json.dumps(record, ensure_ascii=False).encode("utf-16"),
    ):
        assert json.loads(decode_text(data)) == record


def test_cp1252_only_when_allowed() -> None:
    data = "caf\u00e9 \u2019".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        decode_text(data)
    assert decode_text(data, fallback=True) == "caf\u00e9 \u2019"
    assert bom_encoding(data) is None


@given(st.text())
def test_utf8_round_trips_and_is_recognised(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    if is_utf8(data):
        assert decode_text(data, fallback=True) == text.removeprefix("\ufeff")


def test_a_character_cut_at_the_end_of_a_head_is_still_utf8() -> None:
    data = "ab\u00e9".encode()
    assert not is_utf8(data[:-1])
    assert is_utf8(data[:-1], partial=True)
