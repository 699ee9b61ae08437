"""Real CASE packages written by others (../shared/samples/case); skipped when absent.

The expected numbers were counted once from the files with jq, e.g.
  jq '{items: (.CFItems|length), associations: (.CFAssociations|length),
       roots: (.CFDocument.identifier as $d | [.CFAssociations[]
               | select(.associationType=="isChildOf" and .destinationNodeURI.identifier==$d)]
               | length)}' FILE
and leaves (items that are no isChildOf destination) with
  jq '[.CFAssociations[].destinationNodeURI.identifier] as $p
      | [.CFItems[] | select(.identifier as $i | $p | index($i) | not)] | length' FILE
"""

from __future__ import annotations

import datetime as dt

import pytest

from learnloop.standards.case_schema import CaseValidationError
from learnloop.standards.models import Standard, StandardAssociation
from learnloop.standards.services import import_case_file
from learnloop.standards.tests.factories import sample, schema

pytestmark = [pytest.mark.django_db, pytest.mark.shared]

CCSS = "opensalt-ccss-math-2017-draft-cfpackage.json"
ACT = "opensalt-act-holistic-math-case1p0-cfpackage.json"
SMART = "opensalt-smartlevel-test-case1p0-cfpackage.json"

# file: (items, associations, top-level items, leaves)
EXPECTED = {
    CCSS: (703, 703, 17, 474),
    ACT: (28, 28, 1, 24),
    SMART: (14, 14, 2, 12),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_imports_with_exact_counts_and_reimports_unchanged(name: str):
    items, associations, roots, leaves = EXPECTED[name]
    report = import_case_file(path=sample(name))
    framework = report.framework
    assert (report.items.created, report.associations.created) == (items, associations)
    assert framework.standards.count() == items
    assert framework.associations.count() == associations
    assert framework.standards.filter(parent__isnull=True).count() == roots
    assert framework.standards.filter(children__isnull=True).count() == leaves
    stamp = framework.updated_at

    again = import_case_file(path=sample(name))
    assert (again.items.unchanged, again.associations.unchanged) == (items, associations)
    assert not again.changed
    assert Standard.objects.count() == items and StandardAssociation.objects.count() == associations
    framework.refresh_from_db()
    assert framework.updated_at == stamp


def test_ccss_draft_is_read_leniently():
    framework = import_case_file(path=sample(CCSS)).framework
    assert framework.title == "Common Core State Standards for Mathematics"
    component = Standard.objects.get(code="CCSS.Math.Content.6.RP.A.3a")
    assert component.identifier == "http://purl.org/ASN/resources/S114367F"  # URI identifiers
    assert component.education_levels == ["06"]  # from the draft's `educationalLevel` string
    assert component.item_type == "Component"
    assert component.parent.code == "CCSS.Math.Content.6.RP.A.3"
    assert component.last_change_at == dt.datetime(2016, 7, 28, 0, 14, 52, tzinfo=dt.UTC)
    assert "CFItemAssociationURI" not in component.extra  # draft-only keys are not kept
    assert framework.extra["subject"] == ["Math"]
    assert {t["title"] for t in framework.extra["CFDefinitions"]["CFItemTypes"]} >= {"Domain"}


def test_siblings_without_sequence_numbers_follow_their_codes_naturally():
    """This package (OpenSALT's Ordering.json) lists L1.1, L1.10, L1.3, ... in that order."""
    import_case_file(path=sample(ACT))
    parent = Standard.objects.get(code="H.A.MATH.GM.PF.2DFP.L1")
    codes = list(parent.children.order_by("sequence").values_list("code", flat=True))
    assert codes == [f"H.A.MATH.GM.PF.2DFP.L1.{n}" for n in range(1, 25)]


def test_strict_mode_reports_every_violation_with_its_path_and_writes_nothing():
    with pytest.raises(CaseValidationError) as caught:
        import_case_file(path=sample(ACT), strict=True, schema_path=schema())
    violations = caught.value.violations
    # SOURCE.txt: 57 errors against the 1.1 package schema (CFDocumentURI/CFPackageURI).
    assert len(violations) == 57
    paths = {path for path, _ in violations}
    assert {"$.CFDocument", "$.CFItems[0]", "$.CFItems[27]", "$.CFAssociations[27]"} <= paths
    assert "'CFDocumentURI' was unexpected" in dict(violations)["$.CFItems[0]"]
    assert "57 violation(s)" in str(caught.value) and ACT in str(caught.value)
    assert not Standard.objects.exists()


def test_strict_mode_accepts_a_conforming_package():
    report = import_case_file(path=sample(SMART), strict=True, schema_path=schema())
    assert report.items.created == 14
