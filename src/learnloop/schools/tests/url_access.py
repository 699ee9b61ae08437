import io
import zipfile
from pathlib import Path

from learnloop.accounts.models import GuardianLink
from learnloop.schools.oneroster.uploads import store_upload
from learnloop.testing.world import World
from learnloop.web.tests.url_access import Expectation

OFFICE = frozenset({"admin"})
ONE_SCHOOL_ROSTER = Path(__file__).parent / "fixtures" / "oneroster" / "v1_2"


def stored_roster(world: World) -> dict[str, str]:
    """A one-school roster uploaded for the world's school: what the confirm step posts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in ONE_SCHOOL_ROSTER.iterdir():
            archive.writestr(path.name, path.read_bytes())
    return {"token": store_upload(school=world.school, data=buffer.getvalue())}


EXPECTATIONS = {
    "classroom_detail": Expectation(
        frozenset({"teacher", "admin"}),
        kwargs=lambda world: {"classroom_id": world.classroom.pk},
    ),
    "schools_office_people": Expectation(OFFICE),
    "schools_office_person_add": Expectation(OFFICE),
    "schools_office_terms": Expectation(OFFICE),
    "schools_office_term_edit": Expectation(
        OFFICE, kwargs=lambda world: {"term_id": world.classroom.term_id}
    ),
    "schools_office_classes": Expectation(OFFICE),
    "schools_office_enrol": Expectation(
        OFFICE, kwargs=lambda world: {"classroom_id": world.classroom.pk}
    ),
    "schools_office_links": Expectation(OFFICE),
    "schools_office_roster": Expectation(OFFICE),
    "schools_office_roster_confirm": Expectation(OFFICE, method="post", data=stored_roster),
    "schools_office_link_remove": Expectation(
        OFFICE,
        kwargs=lambda world: {
            "link_id": GuardianLink.objects.get(guardian=world.guardian, student=world.student).pk
        },
        method="post",
    ),
}
