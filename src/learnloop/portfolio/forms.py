"""Portfolio forms. Create forms carry a hidden client_id so a repeat is one row.

Forms check shape (required fields for the chosen kind); the services check content
(file type from its bytes, scripts, links) and the views show their errors on the
field they name.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext, gettext_lazy

from learnloop.content.models import Activity, RubricCriterion
from learnloop.portfolio.models import FILE_KINDS, ArtifactKind
from learnloop.portfolio.uploads import max_upload_bytes
from learnloop.standards.models import Standard
from learnloop.web.fields import IdChoiceField, IdMultipleChoiceField

# Every type a portfolio takes (uploads.ALLOWED_TYPES), as a file picker filter.
MEDIA_ACCEPT = (
    "image/*,video/*,audio/*,application/pdf,.doc,.docx,.odt,.rtf,.xls,.xlsx,.ods,.ppt,.pptx,.odp"
)


class _ClientIdForm(forms.Form):
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def _standard_label(standard: Standard) -> str:
    return standard.described(limit=90)


class _ArtifactFields(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Title: give your work a short title.")},
    )
    reflection = forms.CharField(
        label=gettext_lazy("Reflection"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What did you learn? What would you do differently next time?"),
    )
    standards = IdMultipleChoiceField(
        label=gettext_lazy("Standards this shows"),
        queryset=Standard.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activity = IdChoiceField(
        label=gettext_lazy("Project"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not for a project"),
        help_text=gettext_lazy(
            "If this is work for a project, your teacher scores it on its rubric."
        ),
    )
    shared_with_family = forms.BooleanField(
        label=gettext_lazy("Share with my family"), required=False,
        help_text=gettext_lazy(
            "Your family sees it, your reflection and feedback your teacher shares."
        ),
    )  # fmt: skip
    showcase = forms.BooleanField(
        label=gettext_lazy("Showcase piece"),
        required=False,
        help_text=gettext_lazy("One of your best pieces of work."),
    )

    def __init__(
        self,
        *args: Any,
        standards: list[Standard],
        projects: QuerySet[Activity],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standards"]
        field.queryset = Standard.objects.filter(pk__in=[s.pk for s in standards])
        field.label_from_instance = _standard_label
        self.fields["activity"].queryset = projects


class ArtifactForm(_ClientIdForm, _ArtifactFields):
    kind = forms.ChoiceField(
        label=gettext_lazy("What are you adding?"),
        choices=[
            (ArtifactKind.FILE, gettext_lazy("A file (picture, PDF, audio, video, document)")),
            (ArtifactKind.PHOTO, gettext_lazy("A photo or a short video with the camera")),
            (ArtifactKind.VOICE, gettext_lazy("A voice note")),
            (ArtifactKind.DRAWING, gettext_lazy("A drawing or handwriting")),
            (ArtifactKind.TEXT, gettext_lazy("Writing")),
            (ArtifactKind.LINK, gettext_lazy("A link")),
        ],
        initial=ArtifactKind.FILE,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("What are you adding: choose a file, writing or a link.")
        },
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        required=False,
        help_text=gettext_lazy("A picture, PDF, audio, video or office document."),
        # Without JavaScript a phone still offers its camera and recorder here; with it,
        # portfolio/capture.js records in the page and narrows `accept` to the kind.
        widget=forms.ClearableFileInput(attrs={"accept": MEDIA_ACCEPT}),
    )
    description = forms.CharField(
        label=gettext_lazy("Describe it"),
        required=False,
        max_length=500,
        help_text=gettext_lazy(
            "What the photo or drawing shows, or what the recording says, for someone "
            "who cannot see or hear it."
        ),
    )
    body = forms.CharField(
        label=gettext_lazy("Writing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Simple formatting is kept: paragraphs, lists, bold, links."),
    )
    link_url = forms.CharField(
        label=gettext_lazy("Link"), required=False, max_length=500,
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )  # fmt: skip
    field_order = ["kind", "title", "file", "description", "body", "link_url", "reflection",
                   "standards", "activity", "shared_with_family", "showcase"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_mb = max_upload_bytes() / 1048576
        limit = gettext("Up to %(megabytes)s MB.") % {"megabytes": f"{limit_mb:.0f}"}
        self.fields["file"].help_text = f"{self.fields['file'].help_text} {limit}"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needed = {
            **{kind: ("file", "File: choose a file to upload.") for kind in FILE_KINDS},
            ArtifactKind.TEXT: ("body", "Writing: write something first."),
            ArtifactKind.LINK: ("link_url", "Link: paste the address of your work."),
        }.get(data.get("kind", ""))
        if needed and not data.get(needed[0]):
            self.add_error(needed[0], needed[1])
        return data


class ArtifactEditForm(_ArtifactFields):
    pass


class FeedbackForm(_ClientIdForm):
    text = forms.CharField(
        label=gettext_lazy("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Comment: write the comment first.")},
    )
    visible_to_family = forms.BooleanField(
        label=gettext_lazy("Family may read this"), required=False,
        help_text=gettext_lazy("Shown to the student's family when the student shares this piece."),
    )  # fmt: skip


class GuardianCommentForm(_ClientIdForm):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The teacher reads comments before your child sees them."),
        error_messages={"required": gettext_lazy("Your comment: write a few words first.")},
    )


class ProjectForm(forms.Form):
    activity = IdChoiceField(
        label=gettext_lazy("Project"),
        queryset=Activity.objects.none(),
        error_messages={"required": gettext_lazy("Project: choose the project whose rubric fits.")},
    )

    def __init__(self, *args: Any, projects: QuerySet[Activity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = projects


class RubricScoreForm(forms.Form):
    """One radio group per criterion; the chosen level's id is the value."""

    def __init__(self, *args: Any, criteria: list[RubricCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[
                    (lv.pk, f"{lv.label} ({lv.points}) — {lv.descriptor}")
                    for lv in criterion.levels.all()
                ],
                error_messages={
                    "required": gettext("%(criterion)s: choose a level.")
                    % {"criterion": criterion.name}
                },
            )

    def chosen_levels(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}


class ObservationForm(_ClientIdForm):
    """A teacher's observation of a student's work, recorded as a photo or a voice note."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Record"),
        choices=[
            (ArtifactKind.PHOTO, gettext_lazy("A photo or a short video")),
            (ArtifactKind.VOICE, gettext_lazy("A voice note")),
        ],
        initial=ArtifactKind.PHOTO,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Record: choose a photo or a voice note.")},
    )
    title = forms.CharField(
        label=gettext_lazy("What you saw"),
        max_length=200,
        error_messages={
            "required": gettext_lazy("What you saw: give the observation a short title.")
        },
    )
    file = forms.FileField(
        label=gettext_lazy("Photo, video or recording"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,video/*,audio/*"}),
        error_messages={
            "required": gettext_lazy("Photo, video or recording: take or choose one first.")
        },
    )
    description = ArtifactForm.base_fields["description"]
    standards = IdMultipleChoiceField(
        label=gettext_lazy("Standards this shows"),
        queryset=Standard.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    shared_with_family = forms.BooleanField(
        label=gettext_lazy("Share with the family"), required=False,
        help_text=gettext_lazy("The family sees it on the family page and in the weekly digest."),
    )  # fmt: skip

    def __init__(self, *args: Any, standards: list[Standard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["standards"]
        field.queryset = Standard.objects.filter(pk__in=[s.pk for s in standards])
        field.label_from_instance = _standard_label
