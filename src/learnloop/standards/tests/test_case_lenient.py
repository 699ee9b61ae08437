"""CASE import, lenient by default: read what is unambiguous and warn; refuse the rest cleanly.

A refusal is always a CaseImportError naming the file and the JSON path, and it leaves the
database as it was; --strict (the CASE 1.1 JSON schema) refuses every deviation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learnloop.cli import main
from learnloop.standards.case_schema import CaseValidationError
from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.services import CaseImportError, import_case, import_case_file
from learnloop.standards.tests.factories import item_id, sample, schema, tiny_package

pytestmark = pytest.mark.django_db

ACT = "opensalt-act-holistic-math-case1p0-cfpackage.json"


def counts() -> tuple[int, int, int]:
    return (
        Framework.objects.count(),
        Standard.objects.count(),
        StandardAssociation.objects.count(),
    )


def deviating_package() -> dict:
    package = tiny_package()
    package["CFAssociations"][0]["sequenceNumber"] = "2"  # an integer written as a string
    package["CFAssociations"][1]["sequenceNumber"] = " 1 "
    package["CFItems"][1]["educationLevel"] = "06"  # a single value for an array
    package["CFItems"][2]["humanCodingScheme"] = "A.2  "  # surrounding spaces
    package["CFItems"][3]["listEnumeration"] = 4  # a whole number for text
    package["CFItems"][3]["colour"] = "blue"  # an extra field
    package["CFDocument"]["subject"] = "Math"
    return package


def test_unambiguous_deviations_are_read_with_warnings_naming_the_path() -> None:
    report = import_case(data=deviating_package(), source="loose.json")
    assert report.items.created == 4
    b, a = Standard.objects.get(code="B"), Standard.objects.get(code="A")
    assert b.sequence < a.sequence  # "1" and "2" were read as numbers
    assert Standard.objects.get(identifier=item_id(2)).education_levels == ["06"]
    assert Standard.objects.filter(code="A.2").exists()
    assert b.list_enumeration == "4" and "colour" not in b.extra
    assert report.framework.subject == "Math"
    assert report.warnings == [
        "$.CFDocument.subject: a single value where an array is expected; read as an array of one",
        "$.CFItems[1].educationLevel: a single value where an array is expected; "
        "read as an array of one",
        "$.CFItems[2].humanCodingScheme: surrounding spaces removed",
        "$.CFItems[3].colour: not a CASE field; ignored",
        "$.CFItems[3].listEnumeration: a whole number where text is expected; read as text",
        "$.CFAssociations[*].sequenceNumber: an integer written as a string; read as a number"
        " (2 times, first at $.CFAssociations[0].sequenceNumber)",
    ]


def test_a_clean_package_has_no_warnings() -> None:
    assert import_case(data=tiny_package(), source="tiny.json").warnings == []


@pytest.mark.shared
def test_strict_refuses_the_deviations_that_lenient_reads() -> None:
    with pytest.raises(CaseValidationError) as caught:
        import_case(
            data=deviating_package(), source="loose.json", strict=True, schema_path=schema()
        )
    message = str(caught.value)
    assert "$.CFAssociations[0].sequenceNumber" in message and "colour" in message
    assert counts() == (0, 0, 0)


@pytest.mark.shared
def test_real_package_with_sequence_numbers_as_strings_imports(tmp_path: Path) -> None:
    """OpenSALT's ACT package with sequence numbers written as strings, as some exporters do."""
    package = json.loads(sample(ACT).read_text(encoding="utf-8"))
    for index, association in enumerate(package["CFAssociations"]):
        association["sequenceNumber"] = str(len(package["CFAssociations"]) - index)
    path = tmp_path / "act-strings.json"
    path.write_text(json.dumps(package), encoding="utf-8")
    report = import_case_file(path=path)
    assert report.items.created == 28
    parent = Standard.objects.get(code="H.A.MATH.GM.PF.2DFP.L1")
    listed = [
        a["originNodeURI"]["identifier"]
        for a in package["CFAssociations"]
        if a["destinationNodeURI"]["identifier"] == parent.identifier
    ]
    stored = parent.children.order_by("sequence").values_list("identifier", flat=True)
    assert list(stored) == listed[::-1]  # the numbers, read from strings, decide the order
    assert any("sequenceNumber: an integer written as a string" in w for w in report.warnings)
    with pytest.raises(CaseValidationError):
        import_case_file(path=path, strict=True, schema_path=schema())


def _refused(package: object, path: str, words: str) -> None:
    import_case(data=tiny_package(), source="tiny.json")
    before = counts()
    with pytest.raises(CaseImportError) as caught:
        import_case(data=package, source="odd.json")
    message = str(caught.value)
    assert message.startswith(f"odd.json: {path}") and words in message, message
    assert counts() == before


def _with_item_field(key: str, value: object) -> dict:
    package = tiny_package()
    package["CFItems"][1][key] = value
    return package


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("fullStatement", "NUL \x00 inside", "NUL"),
        ("fullStatement", "half a pair \ud800", "lone surrogate"),
        ("notes", 10**30, "integer too large"),
        ("notes", float("nan"), "not a finite number"),
        ("extensions", json.loads("[" * 40 + "]" * 40), "nested deeper"),
        ("humanCodingScheme", 1.5, "expected a string, got a number"),
    ],
)
def test_odd_values_are_refused_by_path(key: str, value: object, words: str) -> None:
    _refused(_with_item_field(key, value), f"$.CFItems[1].{key}", words)


@pytest.mark.parametrize(
    ("value", "words"),
    [("1e3", "expected an integer"), (2**40, "out of range"), (True, "got a boolean")],
)
def test_sequence_numbers_that_cannot_be_stored_are_refused(value: object, words: str) -> None:
    package = tiny_package()
    package["CFAssociations"][2]["sequenceNumber"] = value
    _refused(package, "$.CFAssociations[2].sequenceNumber", words)


def test_timestamp_out_of_range_is_refused() -> None:
    package = _with_item_field("lastChangeDateTime", "0001-01-01T00:00:00+05:00")
    _refused(package, "$.CFItems[1].lastChangeDateTime", "not an ISO 8601 date-time")


def test_codes_with_unusual_digits_import_and_sort() -> None:
    package = tiny_package()
    package["CFItems"][2]["humanCodingScheme"] = "6.RP.²"
    package["CFItems"][3]["humanCodingScheme"] = "①"
    import_case(data=package, source="codes.json")
    assert set(Standard.objects.values_list("code", flat=True)) == {"A", "A.1", "6.RP.²", "①"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ('{"a": ' + "9" * 5000 + "}", "cannot be read"),
        ('{"a": NaN}', "cannot be read"),
        ('{"a": "\\ud800"}', "lone surrogate"),
        ('{"a": "\\u0000"}', "NUL"),
    ],
)
def test_cli_refuses_odd_files_with_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    assert main(["import-case", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"import-case: {path}: ") and words in err and "Traceback" not in err
    assert counts() == (0, 0, 0)


def test_cli_prints_the_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "loose.json"
    path.write_text(json.dumps(deviating_package()), encoding="utf-8")
    assert main(["import-case", str(path)]) == 0
    captured = capsys.readouterr()
    assert "import-case: warning: $.CFItems[3].colour: not a CASE field; ignored" in captured.err
    assert "warnings:     6 (read leniently; --strict refuses them)" in captured.out


@pytest.mark.shared
def test_strict_also_refuses_what_the_schema_lets_through() -> None:
    package = tiny_package()
    package["CFItems"][2]["humanCodingScheme"] = "A.2 "  # a string: the schema is satisfied
    with pytest.raises(CaseImportError) as caught:
        import_case(data=package, source="spaces.json", strict=True, schema_path=schema())
    message = str(caught.value)
    assert "1 deviation(s) refused by --strict" in message
    assert "$.CFItems[2].humanCodingScheme: surrounding spaces removed" in message
    assert counts() == (0, 0, 0)


@pytest.mark.shared
def test_a_draft_package_gets_one_warning_line_per_kind_of_deviation() -> None:
    report = import_case_file(path=sample("opensalt-ccss-math-2017-draft-cfpackage.json"))
    assert report.items.created == 703 and len(report.warnings) == 9
    assert (
        "$.CFItems[*].educationalLevel: a pre-1.0 draft field; read as its CASE 1.1 form"
        " (703 times, first at $.CFItems[0].educationalLevel)" in report.warnings
    )
    assert (
        "$.CFItems[*].CFItemAssociationURI: a pre-1.0 draft field; ignored"
        " (703 times, first at $.CFItems[0].CFItemAssociationURI)" in report.warnings
    )
    assert "$.CFDocument.lastChangeDateTime: no time zone; taken as UTC" in report.warnings


def test_a_file_too_large_or_not_a_file_is_refused(tmp_path: Path) -> None:
    from learnloop.standards.services import MAX_FILE_BYTES

    path = tmp_path / "big.json"
    with path.open("wb") as sparse:  # a sparse file: no 64 MB written
        sparse.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(CaseImportError, match=f"larger than {MAX_FILE_BYTES} bytes"):
        import_case_file(path=path)
    with pytest.raises(CaseImportError, match="cannot read the file"):
        import_case_file(path=tmp_path)
    assert counts() == (0, 0, 0)
