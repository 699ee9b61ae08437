import io
import zipfile
from pathlib import Path

from learnloop.accounts.models import GuardianLink
from learnloop.schools.models import Enrollment
from learnloop.schools.oneroster.uploads import store_upload
from learnloop.schools.quick_sign_in import set_quick_sign_in
from learnloop.schools.services import enroll_student, ensure_classroom, ensure_user
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


CLASS_MANAGERS = frozenset({"teacher", "admin"})


def _class(world: World) -> dict[str, int]:
    return {"classroom_id": world.classroom.pk}


def _fresh_student(world: World) -> dict[str, int]:
    """A new student of the world's class for each try: a POST may remove or move one."""
    n = Enrollment.objects.count()
    student = ensure_user(
        username=f"fresh_student_{n}",
        role="student",
        first_name="Fresh",
        last_name=str(n),
        school=world.school,
    )
    enroll_student(classroom=world.classroom, student=student)
    return {"classroom_id": world.classroom.pk, "student_id": student.pk}


def _unenrolled_student(world: World) -> str:
    """A student of the world's school in no class yet, new for each try."""
    n = Enrollment.objects.count()
    return ensure_user(
        username=f"new_student_{n}",
        role="student",
        first_name="New",
        last_name=str(n),
        school=world.school,
    ).username


def _second_class(world: World) -> dict[str, int]:
    """Another class of the world's teacher, to move a student to."""
    second = ensure_classroom(
        school=world.school, term=world.classroom.term, name="Math C", teachers=[world.teacher]
    )
    return {"to": second.pk}


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
    "schools_office_person": Expectation(
        OFFICE, kwargs=lambda world: {"person_id": world.other_teacher.pk}
    ),
    "schools_office_person_sign_in_link": Expectation(
        OFFICE,
        kwargs=lambda world: {"person_id": world.student.pk},
        method="post",
    ),
    "schools_office_person_active": Expectation(
        OFFICE,
        kwargs=lambda world: {"person_id": world.other_teacher.pk},
        method="post",
        data=lambda world: {"active": "0"},
    ),
    "schools_office_terms": Expectation(OFFICE),
    "schools_office_term_edit": Expectation(
        OFFICE, kwargs=lambda world: {"term_id": world.classroom.term_id}
    ),
    "schools_office_classes": Expectation(OFFICE),
    "schools_office_enrol": Expectation(
        OFFICE, kwargs=lambda world: {"classroom_id": world.classroom.pk}
    ),
    "schools_office_class_frameworks": Expectation(
        OFFICE,
        kwargs=lambda world: {"classroom_id": world.classroom.pk},
        method="post",
        data=lambda world: {"frameworks": []},
    ),
    "schools_office_class_teachers": Expectation(
        OFFICE,
        kwargs=lambda world: {"classroom_id": world.classroom.pk},
        method="post",
        data=lambda world: {"teachers": [world.teacher.pk, world.other_teacher.pk]},
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
    "schools_class_people": Expectation(CLASS_MANAGERS, kwargs=_class),
    "schools_class_cards": Expectation(CLASS_MANAGERS, kwargs=_class),
    "schools_class_paste": Expectation(CLASS_MANAGERS, kwargs=_class),
    "schools_class_add_new": Expectation(
        CLASS_MANAGERS,
        kwargs=_class,
        method="post",
        data=lambda world: {"first_name": "Ada", "last_name": "Byron"},
    ),
    "schools_class_add_existing": Expectation(
        CLASS_MANAGERS,
        kwargs=_class,
        method="post",
        data=lambda world: {"existing_username": _unenrolled_student(world)},
    ),
    "schools_class_reset_password": Expectation(
        CLASS_MANAGERS, kwargs=_fresh_student, method="post"
    ),
    "schools_class_reset_picture_code": Expectation(
        CLASS_MANAGERS, kwargs=_fresh_student, method="post"
    ),
    "schools_class_move": Expectation(
        CLASS_MANAGERS, kwargs=_fresh_student, method="post", data=_second_class
    ),
    "schools_class_remove": Expectation(
        CLASS_MANAGERS,
        kwargs=_fresh_student,
        method="post",
        data=lambda world: {"confirm": "yes"},
    ),
    "quick_sign_in": Expectation(EVERYONE),
    "quick_sign_in_students": Expectation(EVERYONE, kwargs=_quick_class),
    "quick_sign_in_pictures": Expectation(
        EVERYONE, kwargs=lambda world: _quick_class(world) | {"student_id": world.student.pk}
    ),
}
