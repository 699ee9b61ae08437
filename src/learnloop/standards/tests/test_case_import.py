"""CASE import: tree, prerequisites, outside links, idempotency, errors that name the JSON path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from learnloop.standards import services
from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.selectors import prerequisites_of
from learnloop.standards.services import CaseImportError, import_case, import_case_file
from learnloop.standards.tests.factories import DOC_ID, association, item_id, tiny_package

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[list[tuple], list[tuple], list[tuple]]:
    return (
        list(Framework.objects.order_by("pk").values_list()),
        list(Standard.objects.order_by("pk").values_list()),
        list(StandardAssociation.objects.order_by("pk").values_list()),
    )


def by_code(code: str) -> Standard:
    return Standard.objects.get(code=code)


def test_builds_the_tree_in_sequence_order_and_keeps_outside_links():
    report = import_case(data=tiny_package(), source="tiny.json")
    assert (report.items.created, report.associations.created) == (4, 6)
    assert by_code("A").parent is None and by_code("B").parent is None
    assert by_code("A.1").parent == by_code("A") == by_code("A.2").parent
    # sequenceNumber orders siblings even against package order: B (1) before A (2).
    assert by_code("B").sequence < by_code("A").sequence
    assert by_code("A.1").sequence < by_code("A.2").sequence
    assert list(prerequisites_of(by_code("A.2"))) == [by_code("A.1")]
    outside = StandardAssociation.objects.get(association_type="exactMatchOf")
    assert outside.origin == by_code("A.2") and outside.destination is None
    assert outside.destination_identifier == "http://example.org/elsewhere/A2"
    assert outside.destination_uri == "urn:uuid:http://example.org/elsewhere/A2"
    assert by_code("A.1").education_levels == ["06"]
    assert by_code("A.1").last_change_at == dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)


def test_reimport_is_idempotent_and_reports_unchanged():
    import_case(data=tiny_package(), source="tiny.json")
    before = snapshot()
    report = import_case(data=tiny_package(), source="tiny.json")
    assert snapshot() == before  # includes Framework.updated_at
    assert (report.documents.unchanged, report.items.unchanged) == (1, 4)
    assert report.associations.unchanged == 6
    assert not report.changed


def test_reimport_updates_in_place_by_identifier():
    import_case(data=tiny_package(), source="tiny.json")
    pk = by_code("A.1").pk
    package = tiny_package()
    package["CFItems"][1]["fullStatement"] = "First skill, reworded"
    package["CFItems"].append(
        {"identifier": item_id(9), "fullStatement": "New", "humanCodingScheme": "C"}
    )
    package["CFAssociations"].pop()  # the exactMatchOf link is gone
    report = import_case(data=package, source="tiny.json")
    assert (report.items.created, report.items.updated, report.items.unchanged) == (1, 1, 3)
    assert report.deleted_associations == 1
    assert by_code("A.1").pk == pk and by_code("A.1").full_statement == "First skill, reworded"
    assert Standard.objects.count() == 5 and Framework.objects.count() == 1
    # No uri in the package: one is derived from the identifier, so exports stay valid.
    assert by_code("C").uri == f"urn:uuid:{item_id(9)}" and by_code("C").parent is None


def test_items_dropped_from_a_package_are_kept_and_counted():
    import_case(data=tiny_package(), source="tiny.json")
    package = tiny_package()
    del package["CFItems"][3]
    report = import_case(data=package, source="tiny.json")
    assert report.kept_missing_items == 1 and Standard.objects.filter(code="B").exists()


def test_lenient_with_draft_shapes():
    """Pre-1.0 drafts: CFDocuments list, naive timestamps, educationalLevel, string node links."""
    package = tiny_package()
    package["CFDocuments"] = [package.pop("CFDocument")]
    package["CFItems"][0].pop("educationLevel")
    package["CFItems"][0]["educationalLevel"] = "05, 06"
    package["CFItems"][0]["lastChangeDateTime"] = "2016-07-28T00:14:52"
    precedes = package["CFAssociations"][4]
    precedes["originNodeIdentifier"] = precedes.pop("originNodeURI")["identifier"]
    precedes["destinationNodeURI"] = f"urn:uuid:{item_id(3)}"
    precedes["destinationNodeIdentifier"] = item_id(3)
    import_case(data=package, source="draft.json")
    group = by_code("A")
    assert group.education_levels == ["05", "06"]
    assert group.last_change_at == dt.datetime(2016, 7, 28, 0, 14, 52, tzinfo=dt.UTC)
    assert list(prerequisites_of(by_code("A.2"))) == [by_code("A.1")]


def assert_rejected(package: object, path: str, *words: str) -> None:
    import_case(data=tiny_package(), source="tiny.json")
    before = snapshot()
    with pytest.raises(CaseImportError) as caught:
        import_case(data=package, source="bad.json")
    message = str(caught.value)
    assert message.startswith("bad.json: ") and path in message, message
    for word in words:
        assert word in message, message
    assert snapshot() == before


def test_missing_identifier_names_the_json_path():
    package = tiny_package()
    package["CFItems"][1]["fullStatement"] = "changed, but must not be written"
    del package["CFItems"][2]["identifier"]
    assert_rejected(package, "$.CFItems[2].identifier", "missing")


def test_wrong_types_name_the_json_path():
    package = tiny_package()
    package["CFItems"][3]["fullStatement"] = ["not", "text"]
    assert_rejected(package, "$.CFItems[3].fullStatement", "expected a string, got an array")
    package = tiny_package()
    package["CFAssociations"][0]["sequenceNumber"] = "second"
    assert_rejected(package, "$.CFAssociations[0].sequenceNumber", "integer")
    package = tiny_package()
    package["CFItems"] = {"not": "a list"}
    assert_rejected(package, "$.CFItems", "expected an array")
    assert_rejected([1, 2], "$", "expected a JSON object")


def test_bad_timestamp_duplicate_and_missing_document():
    package = tiny_package()
    package["CFItems"][0]["lastChangeDateTime"] = "yesterday"
    assert_rejected(package, "$.CFItems[0].lastChangeDateTime", "ISO 8601")
    package = tiny_package()
    package["CFItems"][2]["identifier"] = item_id(1)
    assert_rejected(package, "$.CFItems[2].identifier", "duplicate", "$.CFItems[0]")
    package = tiny_package()
    del package["CFDocument"]
    assert_rejected(package, "$.CFDocument", "missing")
    package = tiny_package()
    del package["CFAssociations"][4]["destinationNodeURI"]
    assert_rejected(package, "$.CFAssociations[4].destinationNodeURI", "missing")


def test_cycle_in_is_child_of_is_rejected():
    package = tiny_package()
    # A is already the parent of A.1; making A a child of A.1 closes a loop.
    package["CFAssociations"][0] = association(1, "isChildOf", item_id(1), item_id(2))
    assert_rejected(package, "$.CFAssociations[", "isChildOf cycle", "A -> A.1 -> A")


def test_self_parent_is_a_cycle():
    package = tiny_package()
    package["CFAssociations"][1] = association(2, "isChildOf", item_id(4), item_id(4))
    assert_rejected(package, "$.CFAssociations[1]", "B -> B")


def test_failure_after_writing_rolls_everything_back(monkeypatch):
    import_case(data=tiny_package(), source="tiny.json")
    before = snapshot()
    package = tiny_package()
    package["CFItems"][0]["fullStatement"] = "written, then rolled back"

    def explode(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_upsert_associations", explode)
    with pytest.raises(RuntimeError):
        import_case(data=package, source="tiny.json")
    assert snapshot() == before


def test_truncated_file_reports_line_and_column(tmp_path: Path):
    text = json.dumps(tiny_package(), indent=2)
    path = tmp_path / "truncated.json"
    path.write_text(text[: len(text) // 2])
    with pytest.raises(CaseImportError) as caught:
        import_case_file(path=path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not valid JSON at line ") and ", column " in message
    assert not Framework.objects.exists()


def test_unreadable_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(CaseImportError, match="cannot read the file"):
        import_case_file(path=tmp_path / "missing.json")


def test_document_identifier_is_the_key(tmp_path: Path):
    import_case(data=tiny_package(), source="tiny.json")
    package = tiny_package()
    package["CFDocument"]["title"] = "Tiny framework, second edition"
    report = import_case(data=package, source="tiny.json")
    assert report.documents.updated == 1
    assert list(Framework.objects.values_list("identifier", "title")) == [
        (DOC_ID, "Tiny framework, second edition")
    ]


def test_shared_samples_skip_cleanly_when_absent(monkeypatch, tmp_path: Path):
    from learnloop.standards.tests import factories

    monkeypatch.setattr(factories, "SAMPLES", tmp_path / "no-shared")
    with pytest.raises(pytest.skip.Exception, match="is absent"):
        factories.sample("opensalt-smartlevel-test-case1p0-cfpackage.json")
