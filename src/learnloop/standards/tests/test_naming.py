"""How a standard is named for people (standards/naming.py): one rule."""

from __future__ import annotations

import pytest

from learnloop.standards.models import Standard
from learnloop.standards.naming import column_codes, described, is_readable_code, standard_name

SKILL = "solve_equations_using_the_division_property_of_equality"


@pytest.mark.parametrize(
    "code",
    ["6.RP.A.3", "CCSS.Math.Content.1.OA.A.1", "K.CC.1", "HSA-SSE.A.1", "A.1", "L1.2", "①"],
)
def test_real_codes_are_read_as_codes(code: str) -> None:
    assert is_readable_code(code)
    assert standard_name(code, "Short", "Full statement") == code


@pytest.mark.parametrize(
    ("code", "readable"),
    [
        (SKILL, "Solve equations using the division property of equality"),
        ("solveEquations", "Solve Equations"),
        ("unit-rate-word-problems", "Unit rate word problems"),
        ("add fractions", "Add fractions"),
    ],
)
def test_machine_names_read_as_words(code: str, readable: str) -> None:
    assert not is_readable_code(code)
    assert standard_name(code) == readable
    assert standard_name(code, "Divide both sides") == "Divide both sides"  # the short statement


def test_no_code_reads_the_statement() -> None:
    assert standard_name("", "", "A very long full statement " * 4) == (
        "A very long full statement A very long f"
    )
    assert standard_name(None, "Short one") == "Short one"


def test_pick_list_lines() -> None:
    assert described("6.RP.A.3", "Use ratios", "x") == "6.RP.A.3 — Use ratios"
    assert described(SKILL, "", "Solve equations") == "Solve equations"
    assert described(SKILL, "", "") == "Solve equations using the division property of equality"
    assert (
        described("6.RP.A.3", "", "Use ratio reasoning", limit=9, sep=" ") == "6.RP.A.3 Use ratio"
    )


def test_the_model_names_itself_by_the_rule() -> None:
    oatutor = Standard(code=SKILL, full_statement="Solve equations using the division property")
    assert oatutor.label == "Solve equations using the division property of equality"
    assert not oatutor.has_readable_code
    coded = Standard(code="6.RP.A.3", abbreviated_statement="Ratios", full_statement="Use ratios")
    assert (coded.label, coded.has_readable_code) == ("6.RP.A.3", True)
    assert Standard(code="", full_statement="Count to 100").label == "Count to 100"


def test_column_headers_drop_the_prefix_every_column_shares() -> None:
    codes = [
        "CCSS.Math.Content.1.OA.A.1",
        "CCSS.Math.Content.1.OA.A.2",
        "CCSS.Math.Content.1.NBT.B.2",
    ]
    assert column_codes(codes) == ["1.OA.A.1", "1.OA.A.2", "1.NBT.B.2"]
    assert column_codes(["CCSS.Math.Content.1.OA.A.1"]) == ["1.OA.A.1"]
    assert column_codes(["6.RP.A.1", "6.RP.A.2"]) == ["6.RP.A.1", "6.RP.A.2"]  # a digit: kept
    mixed = ["CCSS.Math.Content.1.OA.A.1", "6.RP.A.1"]
    assert column_codes(mixed) == mixed  # nothing shared
    assert column_codes(["CCSS.Math.Content.1.OA.A.1", SKILL]) == ["1.OA.A.1", SKILL]
    assert column_codes(["A.B.C"]) == ["B.C"]  # at least two parts stay
    assert column_codes([]) == []
