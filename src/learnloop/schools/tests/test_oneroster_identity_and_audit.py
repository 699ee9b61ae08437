"""OneRoster's userMasterIdentifier is kept; deactivations reach the roster audit."""

from __future__ import annotations

from pathlib import Path

import pytest

from learnloop.accounts.models import User
from learnloop.schools.models import RosterChange, RosterIdentifier
from learnloop.schools.oneroster.importing import import_roster

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "oneroster"
V1_1, V1_2, DELTA = FIXTURES / "v1_1", FIXTURES / "v1_2", FIXTURES / "delta_1_1"


def folder(path: Path) -> dict[str, bytes]:
    return {child.name: child.read_bytes() for child in path.iterdir()}


def test_a_1_2_roster_stores_each_users_master_identifier() -> None:
    plan = import_roster(path=V1_2)
    stored = dict(RosterIdentifier.objects.values_list("person__sourced_id", "master_identifier"))
    assert stored == {"u-91": "MI-91", "u-92": "MI-92", "u-93": "MI-93"}
    assert plan.steps[("identifier", "create")] == 3
    assert import_roster(path=V1_2).changed == 0


def test_a_changed_master_identifier_is_updated_and_a_1_1_roster_stores_none() -> None:
    import_roster(path=V1_2)
    files = folder(V1_2)
    files["users.csv"] = files["users.csv"].replace(b"MI-92", b"MI-92b")
    plan = import_roster(files=files)
    assert plan.steps[("identifier", "change")] == 1
    assert RosterIdentifier.objects.get(person__sourced_id="u-92").master_identifier == "MI-92b"
    RosterIdentifier.objects.all().delete()
    import_roster(path=V1_1)
    assert not RosterIdentifier.objects.exists()


def test_a_delta_writes_its_deactivation_and_ended_enrolment_to_the_audit() -> None:
    import_roster(path=V1_1)
    cai = User.objects.get(sourced_id="u-s3")
    import_roster(path=DELTA)
    changes = RosterChange.objects.filter(person=cai)
    actions = sorted(changes.values_list("action", "detail"))
    assert actions == [
        (RosterChange.Action.DEACTIVATED, "OneRoster import"),
        (RosterChange.Action.REMOVED, "OneRoster import"),
    ]
    removed = changes.get(action=RosterChange.Action.REMOVED)
    assert removed.classroom is not None and removed.actor is None


def test_the_office_import_names_the_admin_who_confirmed_it() -> None:
    admin = User.objects.create_user(username="office", role="admin")
    import_roster(path=V1_1)
    import_roster(path=DELTA, actor=admin)
    assert set(RosterChange.objects.values_list("actor__username", flat=True)) == {"office"}
