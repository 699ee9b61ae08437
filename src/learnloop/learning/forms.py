from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from learnloop.content.models import Activity, ActivityKind, Modality
from learnloop.standards.models import Standard
from learnloop.web.fields import IdChoiceField


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    standard = IdChoiceField(
        label=gettext_lazy("Standard"),
        queryset=Standard.objects.none(),
        required=False,
        empty_label=gettext_lazy("Any standard"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", "Any kind"), *ActivityKind.choices],
        required=False,
    )
    modality = forms.ChoiceField(
        label=gettext_lazy("Way of learning"),
        choices=[("", "Any way"), *Modality.choices],
        required=False,
    )

    def __init__(self, *args: Any, standards: list[Standard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standard"]
        field.queryset = Standard.objects.filter(pk__in=[s.pk for s in standards]).order_by("code")
        field.label_from_instance = lambda s: s.described(limit=50, sep=" ")

    def apply(self, activities: QuerySet[Activity]) -> QuerySet[Activity]:
        data = self.cleaned_data
        if data.get("q"):
            activities = activities.filter(
                Q(title__icontains=data["q"]) | Q(summary__icontains=data["q"])
            )
        if data.get("standard"):
            activities = activities.filter(standards=data["standard"])
        if data.get("kind"):
            activities = activities.filter(kind=data["kind"])
        if data.get("modality"):
            activities = activities.filter(modality=data["modality"])
        return activities
