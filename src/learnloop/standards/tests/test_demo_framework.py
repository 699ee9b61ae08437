"""The demo framework: built by us as CASE 1.1, imported by our importer, seeded idempotently."""

from __future__ import annotations

import pytest

from learnloop.demo.seed import seed_demo
from learnloop.standards import demo_framework
from learnloop.standards.models import Framework, Standard, StandardAssociation
from learnloop.standards.selectors import (
    dependents_of,
    leaf_standards_for_framework,
    prerequisites_of,
    standard_by_code,
)

pytestmark = pytest.mark.django_db


def codes(standards) -> set[str]:
    return {standard.code for standard in standards}


def test_package_identifiers_are_stable_across_builds():
    assert demo_framework.build_demo_package() == demo_framework.build_demo_package()
    assert demo_framework.stable_id("item", "6.RP.A.1") == "892a97b5-ae2f-56cb-8a1b-e18d89c814fd"


def test_the_fifteen_leaves_and_their_prerequisites():
    framework = demo_framework.ensure_demo_framework()
    leaves = leaf_standards_for_framework(framework)
    assert [s.code for s in leaves] == [
        "6.RP.A.1", "6.RP.A.2", "6.RP.A.3.a", "6.RP.A.3.b", "6.RP.A.3.c", "6.RP.A.3.d",
        "6.NS.A.1", "6.NS.B.4", "6.EE.C.9", "5.NF.B.3", "5.NBT.B.7", "4.NF.A.1",
        "7.RP.A.1", "7.RP.A.2.a", "7.RP.A.3",
    ]  # fmt: skip
    unit_rate = standard_by_code(framework, "6.RP.A.2")
    assert unit_rate is not None and "unit rate" in unit_rate.full_statement
    assert codes(prerequisites_of(unit_rate)) == {"6.RP.A.1"}
    assert codes(dependents_of(unit_rate)) == {"6.RP.A.3.b", "7.RP.A.1"}
    tables = standard_by_code(framework, "6.RP.A.3.a")
    assert codes(prerequisites_of(tables)) == {"4.NF.A.1", "6.RP.A.1", "6.NS.B.4"}
    assert tables.parent.code == "6.RP.A.3" and tables.parent.parent.code == "6.RP.A"
    assert standard_by_code(framework, "6.RP").parent is None
    assert standard_by_code(framework, "no such code") is None


def test_exact_matches_point_outside_the_package():
    framework = demo_framework.ensure_demo_framework()
    matches = StandardAssociation.objects.filter(
        framework=framework, association_type="exactMatchOf"
    )
    assert matches.count() == 15
    assert not matches.filter(destination__isnull=False).exists()
    link = matches.get(origin__code="6.RP.A.2")
    assert link.destination_uri == "http://corestandards.org/Math/Content/6/RP/A/2/"
    assert link.destination_title == "CCSS.MATH.CONTENT.6.RP.A.2"


def test_seed_step_adds_the_framework_to_every_class_and_is_idempotent():
    demo = seed_demo()
    framework = Framework.objects.get(identifier=demo_framework.DOCUMENT_ID)
    for classroom in demo.classrooms:
        assert list(classroom.frameworks.all()) == [framework]
    counts = (Standard.objects.count(), StandardAssociation.objects.count())
    stamp = Framework.objects.get(pk=framework.pk).updated_at
    seed_demo()
    assert (Standard.objects.count(), StandardAssociation.objects.count()) == counts
    assert Framework.objects.get(pk=framework.pk).updated_at == stamp
    assert counts == (15 + 17, 32 + 14 + 15)


@pytest.mark.shared
def test_package_is_valid_case_1_1():
    from learnloop.standards.case_schema import DEFAULT_SCHEMA, validate_strictly

    if not DEFAULT_SCHEMA.is_file():
        pytest.skip("../shared (CASE 1.1 schema) is absent")
    validate_strictly(
        demo_framework.build_demo_package(), source="demo", schema_path=DEFAULT_SCHEMA
    )
