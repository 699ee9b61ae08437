"""CSV cells never run as formulas, in any column, header included."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnloop.web.spreadsheets import (
    FORMULA_STARTS,
    PLAIN_NUMBER,
    SafeDictWriter,
    SafeWriter,
    safe_cell,
)


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", ' =HYPERLINK("x")', "＝1+1", "=5.NF.A.1"],
)
def test_formula_cells_become_text(text: str) -> None:
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+2.5", "0", "1e5", "5.NF.A.1", "Sam O'Neil", "", "a=b"])
def test_data_cells_stay_as_they_are(text: str) -> None:
    assert safe_cell(text) == text


@given(st.text())
def test_no_cell_a_spreadsheet_would_run_survives(text: str) -> None:
    cell = safe_cell(text)
    assert PLAIN_NUMBER.fullmatch(cell) or not cell.lstrip(" ").startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)


def test_writers_neutralise_every_column_and_the_header() -> None:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(["=code", "name", 4])
    writer.writerows([["+x", "@y", "-z"]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["'=code", "name", "4"], ["'+x", "'@y", "'-z"]]
    out = io.StringIO()
    dict_writer = SafeDictWriter(out, fieldnames=["=h", "b"])
    dict_writer.writeheader()
    dict_writer.writerow({"=h": "=v", "b": None})
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=h", "b"], ["'=v", ""]]


def test_no_module_writes_csv_around_the_safe_writers() -> None:
    from pathlib import Path

    import learnloop

    root = Path(learnloop.__file__).parent
    bare = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "spreadsheets.py"
        and ("csv.writer(" in path.read_text() or "csv.DictWriter(" in path.read_text())
    ]
    assert bare == []
