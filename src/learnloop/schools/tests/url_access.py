import io
import zipfile
from pathlib import Path

from learnloop.accounts.models import GuardianLink
from learnloop.schools.oneroster.uploads import store_upload
from learnloop.schools.quick_sign_in import set_quick_sign_in
from learnloop.testing.world import World
from learnloop.web.tests.url_access import EVERYONE, Expectation

OFFICE = frozenset({"admin"})
ONE_SCHOOL_ROSTER = Path(__file__).parent / "fixtures" / "oneroster" / "v1_2"


def stored_roster(world: World) -> dict[str, str]:
    """A one-school roster uploaded for the world's school: what the confirm step posts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in ONE_SCHOOL_ROSTER.iterdir():
            archive.writestr(path.name, path.read_bytes())
    return {"token": store_upload(school=world.school, data=buffer.getvalue())}


def _quick_class(world: World) -> dict[str, int]:
    """The world's class with quick sign-in on (off, its pages are 404 for everyone)."""
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    return {"classroom_id": world.classroom.pk}


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
    "schools_quick_sign_in_settings": Expectation(
        frozenset({"teacher", "admin"}),
        kwargs=lambda world: {"classroom_id": world.classroom.pk},
    ),
    "quick_sign_in": Expectation(EVERYONE),
    "quick_sign_in_students": Expectation(EVERYONE, kwargs=_quick_class),
    "quick_sign_in_pictures": Expectation(
        EVERYONE, kwargs=lambda world: _quick_class(world) | {"student_id": world.student.pk}
    ),
}
