from django.urls import path

from learnloop.content import views, views_figures
from learnloop.content import views_activities as activities

urlpatterns = [
    path("", activities.library, name="content_library"),
    path("activities/new/<str:kind>/", activities.activity_create, name="content_activity_create"),
    path(
        "activities/<int:activity_id>/",
        activities.activity_preview,
        name="content_activity_preview",
    ),
    path(
        "activities/<int:activity_id>/edit/", activities.activity_edit, name="content_activity_edit"
    ),
    path(
        "activities/<int:activity_id>/standards/",
        activities.activity_standards,
        name="content_activity_standards",
    ),
    path(
        "activities/<int:activity_id>/items/",
        activities.activity_items,
        name="content_activity_items",
    ),
    path(
        "activities/<int:activity_id>/rubric/",
        activities.activity_rubric,
        name="content_activity_rubric",
    ),
    path(
        "activities/<int:activity_id>/publish/",
        activities.activity_publish,
        name="content_activity_publish",
    ),
    path(
        "activities/<int:activity_id>/copy/", activities.activity_copy, name="content_activity_copy"
    ),
    path("items/", views.item_list, name="content_items"),
    path("items/new/<str:kind>/", views.item_create, name="content_item_create"),
    path("items/<int:item_id>/", views.item_preview, name="content_item_preview"),
    path("items/<int:item_id>/edit/", views.item_edit, name="content_item_edit"),
    path("items/<int:item_id>/standards/", views.item_standards, name="content_item_standards"),
    path("items/<int:item_id>/publish/", views.item_publish, name="content_item_publish"),
    path("figures/<path:path>", views_figures.figure, name="content_figure"),
]
