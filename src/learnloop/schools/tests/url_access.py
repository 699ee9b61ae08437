from learnloop.accounts.models import GuardianLink
from learnloop.web.tests.url_access import Expectation

OFFICE = frozenset({"admin"})

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
    "schools_office_link_remove": Expectation(
        OFFICE,
        kwargs=lambda world: {
            "link_id": GuardianLink.objects.get(guardian=world.guardian, student=world.student).pk
        },
        method="post",
    ),
}
