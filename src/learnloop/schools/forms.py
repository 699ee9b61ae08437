"""Forms of the school office's pages. Choices come scoped to the school from the
view; the services check again (a crafted POST meets the same rule)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from learnloop.accounts.models import Role, User
from learnloop.schools.models import Term
from learnloop.schools.services import OFFICE_ROLES
from learnloop.standards.models import Framework
from learnloop.web.fields import IdChoiceField, IdMultipleChoiceField

ISO_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ROLE_CHOICES = [(role.value, role.label) for role in OFFICE_ROLES]


def _by_name(field: forms.Field) -> None:
    field.label_from_instance = lambda user: f"{user.name} ({user.username})"  # type: ignore[attr-defined]


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Show"), choices=ROLE_CHOICES, required=False)

    def chosen(self) -> str:
        return (self.cleaned_data.get("role") if self.is_valid() else "") or Role.STUDENT


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES)
    first_name = forms.CharField(label=gettext_lazy("First name"), max_length=150)
    last_name = forms.CharField(label=gettext_lazy("Last name"), max_length=150)
    username = forms.CharField(
        label=gettext_lazy("Username"),
        max_length=150,
        help_text=gettext_lazy("What they type to sign in: letters, digits and @ . + - _ only."),
    )
    email = forms.EmailField(label=gettext_lazy("Email (optional)"), required=False)
    password = forms.CharField(
        label=gettext_lazy("First password (optional)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Leave empty to have them set one through “Forgot your password?”."),
    )


class ClassroomForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Class name"), max_length=120)
    term = IdChoiceField(label=gettext_lazy("Term"), queryset=Term.objects.none())
    subject = forms.CharField(
        label=gettext_lazy("Subject (optional)"), max_length=80, required=False
    )
    grade_level = forms.CharField(
        label=gettext_lazy("Grade (optional)"), max_length=20, required=False
    )
    teachers = IdMultipleChoiceField(
        label=gettext_lazy("Teachers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, terms: QuerySet[Term], teachers: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = terms
        self.fields["teachers"].queryset = teachers
        _by_name(self.fields["teachers"])


class EnrolForm(forms.Form):
    students = IdMultipleChoiceField(
        label=gettext_lazy("Students to enroll"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, students: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["students"].queryset = students
        _by_name(self.fields["students"])


class GuardianLinkForm(forms.Form):
    guardian = IdChoiceField(label=gettext_lazy("Guardian"), queryset=User.objects.none())
    student = IdChoiceField(label=gettext_lazy("Student"), queryset=User.objects.none())
    relationship = forms.CharField(
        label=gettext_lazy("Relationship (optional)"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("e.g. mother, aunt"),
    )

    def __init__(
        self, *args: Any, guardians: QuerySet[User], students: QuerySet[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["guardian"].queryset = guardians
        self.fields["student"].queryset = students
        _by_name(self.fields["guardian"])
        _by_name(self.fields["student"])


class TermForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Term name"), max_length=100, help_text=gettext_lazy("e.g. 2026–27")
    )
    starts_on = forms.DateField(label=gettext_lazy("First day"), widget=ISO_DATE)
    ends_on = forms.DateField(label=gettext_lazy("Last day"), widget=ISO_DATE)


class RosterUploadForm(forms.Form):
    roster = forms.FileField(
        label=gettext_lazy("OneRoster zip file"),
        help_text=gettext_lazy(
            "The zip of CSV files (with manifest.csv) your student information system "
            "exports as OneRoster 1.1 or 1.2."
        ),
    )


class RosterConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[A-Za-z0-9_-]{22}$", widget=forms.HiddenInput)


class ClassFrameworksForm(forms.Form):
    frameworks = IdMultipleChoiceField(
        label=gettext_lazy("Standards frameworks this class follows"),
        queryset=Framework.objects.order_by("title", "pk"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The class's heatmap, gradebook and suggestions show these frameworks' standards."
        ),
    )


class ClassTeachersForm(forms.Form):
    teachers = IdMultipleChoiceField(
        label=gettext_lazy("Teachers of this class"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, teachers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = teachers
        _by_name(self.fields["teachers"])
