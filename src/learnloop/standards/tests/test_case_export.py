"""Export is the inverse of import: import(export(x)) changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learnloop.standards.case_export import framework_as_case_package
from learnloop.standards.case_schema import (
    SCHEMA_ENV,
    CaseValidationError,
    schema_location,
    validate_strictly,
)
from learnloop.standards.demo_framework import ensure_demo_framework
from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.services import CaseImportError, import_case, import_case_file
from learnloop.standards.tests.factories import sample, schema, tiny_package
from learnloop.standards.tests.test_case_samples import EXPECTED

pytestmark = pytest.mark.django_db


def state() -> tuple[list[tuple], list[tuple], list[tuple]]:
    return (
        list(Framework.objects.order_by("pk").values_list()),
        list(Standard.objects.order_by("pk").values_list()),
        list(StandardAssociation.objects.order_by("pk").values_list()),
    )


def assert_round_trip(framework: Framework) -> dict:
    exported = json.loads(json.dumps(framework_as_case_package(framework)))
    before = state()
    report = import_case(data=exported, source="export.json")
    assert not report.changed, report
    assert state() == before
    assert framework_as_case_package(framework) == exported
    return exported


def test_round_trip_of_a_small_package():
    framework = import_case(data=tiny_package(), source="tiny.json").framework
    exported = assert_round_trip(framework)
    assert [item["humanCodingScheme"] for item in exported["CFItems"]] == ["B", "A", "A.1", "A.2"]
    outside = [a for a in exported["CFAssociations"] if a["associationType"] == "exactMatchOf"]
    assert outside[0]["destinationNodeURI"]["identifier"] == "http://example.org/elsewhere/A2"


def test_round_trip_into_an_empty_database_rebuilds_the_same_tree():
    framework = import_case(data=tiny_package(), source="tiny.json").framework
    exported = framework_as_case_package(framework)
    tree = sorted(Standard.objects.values_list("code", "parent__code", "sequence"))
    Framework.objects.all().delete()
    import_case(data=json.loads(json.dumps(exported)), source="export.json")
    assert sorted(Standard.objects.values_list("code", "parent__code", "sequence")) == tree


def test_demo_framework_round_trips():
    assert_round_trip(ensure_demo_framework())


@pytest.mark.shared
def test_demo_export_is_valid_case_1_1():
    validate_strictly(
        framework_as_case_package(ensure_demo_framework()), source="demo", schema_path=schema()
    )


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_samples_round_trip(name: str):
    assert_round_trip(import_case_file(path=sample(name)).framework)


@pytest.mark.shared
def test_conforming_sample_exports_valid_case_1_1():
    name = "opensalt-smartlevel-test-case1p0-cfpackage.json"
    framework = import_case_file(path=sample(name)).framework
    validate_strictly(framework_as_case_package(framework), source="export", schema_path=schema())


@pytest.mark.shared
def test_invalid_export_would_be_caught():
    """The validator is really applied: break one field and it is reported by path."""
    package = framework_as_case_package(ensure_demo_framework())
    package["CFItems"][3]["educationLevel"] = "06"
    del package["CFAssociations"][0]["uri"]
    with pytest.raises(CaseValidationError) as caught:
        validate_strictly(package, source="broken", schema_path=schema())
    paths = [path for path, _ in caught.value.violations]
    assert paths == ["$.CFAssociations[0]", "$.CFItems[3].educationLevel"]


def test_schema_location_option_then_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv(SCHEMA_ENV, str(tmp_path / "from-env.json"))
    assert schema_location(tmp_path / "given.json") == tmp_path / "given.json"
    assert schema_location() == tmp_path / "from-env.json"
    with pytest.raises(CaseImportError, match=r"CASE 1\.1 JSON schema is not there"):
        validate_strictly({}, source="x.json")
