from django.urls import path

from learnloop.schools import views, views_people, views_quick

urlpatterns = [
    path("<int:classroom_id>/", views.classroom_detail, name="classroom_detail"),
]

urlpatterns += [
    path(
        "<int:classroom_id>/quick-sign-in/",
        views_quick.quick_sign_in_settings,
        name="schools_quick_sign_in_settings",
    ),
]

urlpatterns += [
    path("<int:classroom_id>/students/", views_people.people, name="schools_class_people"),
    path("<int:classroom_id>/students/add/", views_people.add_new, name="schools_class_add_new"),
    path(
        "<int:classroom_id>/students/add-existing/",
        views_people.add_existing,
        name="schools_class_add_existing",
    ),
    path("<int:classroom_id>/students/paste/", views_people.paste, name="schools_class_paste"),
    path("<int:classroom_id>/cards/", views_people.cards, name="schools_class_cards"),
    path(
        "<int:classroom_id>/students/<int:student_id>/password/",
        views_people.reset_password,
        name="schools_class_reset_password",
    ),
    path(
        "<int:classroom_id>/students/<int:student_id>/pictures/",
        views_people.reset_picture_code,
        name="schools_class_reset_picture_code",
    ),
    path(
        "<int:classroom_id>/students/<int:student_id>/move/",
        views_people.move,
        name="schools_class_move",
    ),
    path(
        "<int:classroom_id>/students/<int:student_id>/remove/",
        views_people.remove,
        name="schools_class_remove",
    ),
]
