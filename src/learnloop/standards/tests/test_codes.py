"""Code ordering: natural, total, and crash-free for any code an import can bring."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from learnloop.standards.codes import code_key, code_order, natural_key
from learnloop.standards.models import Standard

ODD_CODES = ["6.RP.²", "①", "٣.RP", "6..RP", "", ".", "-", "6.RP.A.3a", "K.CC", "9" * 5000]


def _sorted(codes: list[str]) -> list[str]:
    return sorted(codes, key=code_key)


def test_natural_order_of_usual_codes() -> None:
    codes = ["6.RP.A.10", "6.RP.A.3.a", "6.RP.A.2", "6.EE.A.1", "10.RP.A.1", "6.RP.A.3"]
    assert _sorted(codes) == [
        "6.EE.A.1",
        "6.RP.A.2",
        "6.RP.A.3",
        "6.RP.A.3.a",
        "6.RP.A.10",
        "10.RP.A.1",
    ]
    assert natural_key("L1.2") < natural_key("L1.10")


def test_decimal_digits_of_any_script_count_as_numbers_and_look_alikes_as_text() -> None:
    assert code_key("٣")[0] == code_key("3")[0]  # Arabic-Indic three sorts as three
    assert _sorted(["10", "٣", "2"]) == ["2", "٣", "10"]
    assert _sorted(["①", "²", "1"]) == ["1", "²", "①"]  # text, by code point, after numbers


def test_odd_codes_sort_without_error_and_repeatably() -> None:
    once = _sorted(ODD_CODES)
    shuffled = ODD_CODES[:]
    random.Random(7).shuffle(shuffled)
    assert _sorted(shuffled) == once


def test_code_order_of_standards_is_by_framework_then_code() -> None:
    standards = [
        Standard(framework_id=2, code="1.A"),
        Standard(framework_id=1, code="6.RP.²"),
        Standard(framework_id=1, code="①"),
        Standard(framework_id=1, code=""),
        Standard(framework_id=1, code="6.RP.2"),
    ]
    ordered = sorted(standards, key=code_order)
    assert [(s.framework_id, s.code) for s in ordered] == [
        (1, ""),
        (1, "6.RP.2"),
        (1, "6.RP.²"),
        (1, "①"),
        (2, "1.A"),
    ]


codes = st.text(
    alphabet=st.one_of(st.sampled_from(".-0123456789²³①٣߀AaBbZz"), st.characters(codec="utf-8")),
    max_size=20,
)


@given(codes, codes)
def test_order_is_total_and_antisymmetric(first: str, second: str) -> None:
    a, b = code_key(first), code_key(second)
    assert (a == b) == (first == second)
    assert (a < b) + (b < a) + (a == b) == 1


@given(codes, codes, codes)
def test_order_is_transitive(first: str, second: str, third: str) -> None:
    a, b, c = sorted([code_key(first), code_key(second), code_key(third)])
    assert a <= b <= c and a <= c


@given(st.lists(codes, max_size=12))
def test_sorting_never_raises_and_ignores_input_order(values: list[str]) -> None:
    assert _sorted(values) == _sorted(list(reversed(values)))
