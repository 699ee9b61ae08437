"""The school office's pages, mounted at /school/."""

from django.urls import path

from learnloop.schools import views_office, views_roster

urlpatterns = [
    path("people/", views_office.people, name="schools_office_people"),
    path("people/add/", views_office.person_add, name="schools_office_person_add"),
    path("people/<int:person_id>/", views_office.person, name="schools_office_person"),
    path(
        "people/<int:person_id>/sign-in-link/",
        views_office.person_sign_in_link,
        name="schools_office_person_sign_in_link",
    ),
    path(
        "people/<int:person_id>/active/",
        views_office.person_active,
        name="schools_office_person_active",
    ),
    path("terms/", views_office.terms, name="schools_office_terms"),
    path("terms/<int:term_id>/edit/", views_office.term_edit, name="schools_office_term_edit"),
    path("classes/", views_office.classes, name="schools_office_classes"),
    path("classes/<int:classroom_id>/enrol/", views_office.enrol, name="schools_office_enrol"),
    path("roster/", views_roster.roster, name="schools_office_roster"),
    path("roster/confirm/", views_roster.roster_confirm, name="schools_office_roster_confirm"),
    path(
        "classes/<int:classroom_id>/standards/",
        views_office.class_frameworks,
        name="schools_office_class_frameworks",
    ),
    path(
        "classes/<int:classroom_id>/teachers/",
        views_office.class_teachers,
        name="schools_office_class_teachers",
    ),
    path("links/", views_office.links, name="schools_office_links"),
    path(
        "links/<int:link_id>/remove/", views_office.link_remove, name="schools_office_link_remove"
    ),
]
