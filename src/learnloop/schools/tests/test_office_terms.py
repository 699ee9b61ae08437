"""The school office's terms page: list, add, change dates; only the admin's school."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.schools.models import Term
from learnloop.schools.services import OfficeError, ensure_term, update_term
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

TERMS = "/school/terms/"


def office(world: World, who: str = "admin") -> Client:
    client = Client()
    client.force_login(getattr(world, who))
    return client


def far_term(world: World) -> Term:
    return ensure_term(
        school=world.other_school, name="Far 2026",
        starts_on=dt.date(2026, 8, 1), ends_on=dt.date(2027, 6, 30),
    )  # fmt: skip


def test_the_list_shows_the_schools_terms_with_their_classes(world: World) -> None:
    far_term(world)
    page = office(world).get(reverse("schools_office_terms"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "2026" in body and "1 Aug 2026" in body and "30 Jun 2027" in body
    assert "<td>2</td>" in body  # Math A and Math B
    assert "Far 2026" not in body
    edit = reverse("schools_office_term_edit", args=[world.classroom.term_id])
    assert f'href="{edit}"' in body
    assert 'aria-current="page">Terms<' in body


def test_adding_a_term(world: World) -> None:
    data = {"name": " 2027–28 ", "starts_on": "2027-08-01", "ends_on": "2028-06-30"}
    response = office(world).post(TERMS, data)
    assert response.status_code == 302 and response["Location"] == TERMS
    term = Term.objects.get(name="2027–28")
    assert term.school == world.school
    assert (term.starts_on, term.ends_on) == (dt.date(2027, 8, 1), dt.date(2028, 6, 30))


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "Late", "starts_on": "2027-08-01", "ends_on": "2027-07-31"}, "ends_on",
         "The last day must be on or after the first day."),
        ({"name": "2026", "starts_on": "2027-08-01", "ends_on": "2028-06-30"}, "name",
         "Your school already has a term named 2026."),
        ({"name": "   ", "starts_on": "2027-08-01", "ends_on": "2028-06-30"}, "name",
         "This field is required."),
        ({"name": "Odd", "starts_on": "2027-13-45", "ends_on": "2028-06-30"}, "starts_on",
         "Enter a valid date."),
        ({"name": "Odd", "starts_on": "²", "ends_on": "9" * 5000}, "ends_on",
         "Enter a valid date."),
    ],
)  # fmt: skip
def test_a_term_that_cannot_be_is_refused_by_name(
    world: World, data: dict[str, str], field: str, message: str
) -> None:
    before = Term.objects.count()
    response = office(world).post(TERMS, data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert Term.objects.count() == before


def test_changing_a_terms_dates(world: World) -> None:
    term = world.classroom.term
    url = reverse("schools_office_term_edit", args=[term.pk])
    form = office(world).get(url).content.decode()
    assert 'value="2026-08-01"' in form and 'type="date"' in form
    data = {"name": "2026–27", "starts_on": "2026-08-15", "ends_on": "2027-06-15"}
    assert office(world).post(url, data).status_code == 302
    term.refresh_from_db()
    assert (term.name, term.starts_on, term.ends_on) == (
        "2026–27",
        dt.date(2026, 8, 15),
        dt.date(2027, 6, 15),
    )
    refused = office(world).post(url, {**data, "ends_on": "2026-08-14"})
    assert refused.status_code == 400
    term.refresh_from_db()
    assert term.ends_on == dt.date(2027, 6, 15)


def test_another_schools_term_cannot_be_opened_or_changed(world: World) -> None:
    theirs = far_term(world)
    url = reverse("schools_office_term_edit", args=[theirs.pk])
    data = {"name": "Mine now", "starts_on": "2026-08-01", "ends_on": "2026-08-02"}
    assert office(world).get(url).status_code == 403
    assert office(world).post(url, data).status_code == 403
    missing = reverse("schools_office_term_edit", args=[theirs.pk + 1000])
    assert office(world).get(missing).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Far 2026"
    with pytest.raises(OfficeError):
        update_term(school=world.school, term=theirs, name="x",
                    starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2026, 2, 1))  # fmt: skip


def test_a_school_with_no_term_is_sent_from_classes_to_terms(world: World) -> None:
    client = office(world, "foreign_admin")  # the other school has no term
    body = client.get(reverse("schools_office_classes")).content.decode()
    assert f'href="{TERMS}"' in body and "Ask your LearnLoop administrator" not in body


def test_the_school_admins_menu_leads_to_the_terms_page(world: World) -> None:
    response = office(world).get("/")
    assert ("Terms", TERMS) in response.context["nav_links"]
