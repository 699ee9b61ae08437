"""web.parsing on its own: whatever comes in, a value in range or BadInput, nothing else."""

from __future__ import annotations

import contextlib
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learnloop.web import parsing
from learnloop.web.parsing import (
    MAX_ID,
    MAX_JSON_DEPTH,
    BadInput,
    ReadableJSONDecoder,
    check_text,
    loads_json,
    parse_id,
    parse_ids,
    parse_int,
    parse_number,
    readable,
)

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.lists(st.integers(), max_size=2),
)


@given(raw=ANYTHING)
def test_parse_id_returns_an_id_or_refuses_by_name(raw: Any) -> None:
    try:
        value = parse_id(raw, "thing")
    except BadInput as error:
        assert error.field == "thing"
    else:
        assert isinstance(value, int) and not isinstance(value, bool)
        assert 1 <= value <= MAX_ID


@given(value=st.integers(min_value=1, max_value=MAX_ID))
def test_every_id_round_trips_as_text_and_as_json(value: int) -> None:
    assert parse_id(str(value), "id") == value
    assert parse_id(f"  {value} ", "id") == value
    assert parse_id(value, "id") == value


@pytest.mark.parametrize(
    "raw", ["²", "①", "١٢", "1" * 25, "9" * 5000, "0", "-3", "1.0", "0x1", "", True, False, 1.5]
)
def test_odd_ids_are_refused(raw: object) -> None:
    with pytest.raises(BadInput):
        parse_id(raw, "id")


def test_parse_ids_keeps_order_and_drops_repeats() -> None:
    assert parse_ids(["3", "1", "3", 2], "ids") == [3, 1, 2]
    with pytest.raises(BadInput, match="ids"):
        parse_ids(["3", "²"], "ids")


@given(raw=ANYTHING, low=st.integers(-100, 100), span=st.integers(0, 100))
def test_parse_int_and_parse_number_stay_in_bounds(raw: Any, low: int, span: int) -> None:
    for parse in (parse_int, parse_number):
        try:
            value = parse(raw, "n", minimum=low, maximum=low + span)
        except BadInput:
            continue
        assert low <= value <= low + span and math.isfinite(value)


@given(text=st.text())
def test_check_text_refuses_exactly_what_utf8_or_postgresql_cannot_store(text: str) -> None:
    storable = "\x00" not in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    try:
        check_text(text, "t")
    except BadInput:
        assert not storable
    else:
        assert storable
        text.encode("utf-8")


@given(text=st.text())
def test_readable_text_always_encodes(text: str) -> None:
    shown = readable(text)
    shown.encode("utf-8")
    assert "\x00" not in shown


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(value=JSON)
@settings(max_examples=200)
def test_loads_json_returns_the_document_or_refuses_it(value: Any) -> None:
    text = json.dumps(value)
    try:
        parsed = loads_json(text.encode("utf-8"))
    except BadInput as error:
        assert error.field  # refused by name: NaN/Infinity, >30 digits, NUL, surrogates
    else:
        assert json.dumps(parsed) == text


@given(text=st.text(max_size=200))
def test_loads_json_on_any_text_parses_or_refuses(text: str) -> None:
    with contextlib.suppress(BadInput):
        loads_json(text.encode("utf-8", "surrogatepass"))


def test_loads_json_refuses_deep_nesting_without_recursing() -> None:
    assert loads_json("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    for depth in (MAX_JSON_DEPTH + 1, 100_000):
        with pytest.raises(BadInput, match="nested"):
            loads_json("[" * depth + "]" * depth)
    assert loads_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == {"a": "[" * 29}


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"a": NaN}', "body"),
        ('{"a": -Infinity}', "body"),
        ('{"a": 1e400}', "body"),
        ('{"a": ' + "1" * 31 + "}", "body"),
        ('{"a": "\\ud800"}', "a"),
        ('{"a": ["x", "\\u0000"]}', "a"),
        ('{"\\udc00": 1}', "body"),
        (b'{"a": "\xff"}', "body"),
    ],
)
def test_loads_json_names_where_the_problem_is(text: str | bytes, field: str) -> None:
    with pytest.raises(BadInput) as caught:
        loads_json(text)
    assert caught.value.field == field


def test_the_readable_decoder_replaces_stored_surrogates() -> None:
    stored = json.dumps({"answer": ["4\ud800", "ok"]})
    assert json.loads(stored, cls=ReadableJSONDecoder) == {"answer": ["4\ufffd", "ok"]}
    assert json.loads('"plain"', cls=ReadableJSONDecoder) == "plain"


def _too_deep_char_by_char(text: str) -> bool:
    """The depth rule as first written: a scan of every character, strings skipped."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif char in "]}":
            depth -= 1
    return False


@given(text=st.text(alphabet='[]{}"\\ a\n', max_size=120))
@settings(max_examples=500)
def test_the_depth_rule_agrees_with_a_scan_of_every_character(text: str) -> None:
    assert parsing._too_deep(text) == _too_deep_char_by_char(text)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 21,
        '["' + "[" * 30 + '"]',
        '["\\"' + "[" * 30 + '"]',
        '"\\\\"' + "[" * 21,
        '"unterminated \\' + "[" * 30,
        "\\" + '"' + "[" * 30,
        "[" * 20 + "]" * 20 + "[" * 20,
    ],
)
def test_the_depth_rule_agrees_on_strings_escapes_and_unterminated_text(text: str) -> None:
    assert parsing._too_deep(text) == _too_deep_char_by_char(text)


@given(value=JSON, ascii_only=st.booleans())
@settings(max_examples=300)
def test_a_document_said_to_hold_nothing_unstorable_holds_none(
    value: Any, ascii_only: bool
) -> None:
    """The strings' checks are skipped only where none of them could fail."""
    text = json.dumps(value, ensure_ascii=ascii_only)
    if parsing._may_hold_unstorable(text):
        return
    strings = list(parsing._strings(json.loads(text), "body"))
    for where, string in strings:
        assert check_text(string, where) == string


@pytest.mark.parametrize(
    "text",
    ['{"a": "\\ud83d\\ude00"}', '{"a": "\\uDFFF"}', '{"a": "\\u0000"}', '{"a": "x\x00"}'],
)
def test_escapes_of_nul_or_surrogates_are_checked_string_by_string(text: str) -> None:
    assert parsing._may_hold_unstorable(text)
