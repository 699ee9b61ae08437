"""Authoring forms: they parse what the teacher typed into drafts; services validate."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

from learnloop.content.drafts import ActivityDraft, ChoiceDraft, ItemDraft, RubricDraft
from learnloop.content.models import (
    Activity,
    ActivityKind,
    Item,
    ItemKind,
    Modality,
    RubricCriterion,
    Status,
)
from learnloop.engine.practice_policy import DEFAULT_ITEMS, MAX_ITEMS, SessionTarget

LINES_HELP = "One per line."


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", "Any status"), *Status.choices]
    )
    standard = forms.CharField(
        label=gettext_lazy("Standard code"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("e.g. 6.RP.A"),
    )

    def __init__(self, *args: Any, kinds: Iterable[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *kinds]
        self.fields["q"].widget.input_type = "search"


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class ItemForm(forms.Form):
    """The fields of one item kind; choices come from a ChoiceFormSet beside it."""

    title = forms.CharField(
        max_length=200, required=False, help_text=gettext_lazy("A short name for lists.")
    )
    stem = forms.CharField(
        label=gettext_lazy("Question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Basic HTML allowed."),
    )
    numeric_answer = forms.DecimalField(
        label=gettext_lazy("Answer"), max_digits=20, decimal_places=6
    )
    tolerance = forms.DecimalField(
        label=gettext_lazy("Tolerance (±)"),
        max_digits=20,
        decimal_places=6,
        initial=Decimal(0),
        min_value=Decimal(0),
        help_text=gettext_lazy("Answers this close to the key count as correct."),
    )
    accepted_answers = forms.CharField(
        label=gettext_lazy("Accepted answers"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=LINES_HELP,
    )
    case_sensitive = forms.BooleanField(label=gettext_lazy("Case matters"), required=False)
    ignore_punctuation = forms.BooleanField(
        label=gettext_lazy("Ignore punctuation"), required=False
    )
    math_any_form = forms.BooleanField(
        label=gettext_lazy("Accept any equivalent form"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "On: 3(x-2) and 3x-6 both match 3x-6. Off: the answer must be written "
            "like an accepted answer (term order and 1/2 = 0.5 = 2/4 still never matter)."
        ),
    )
    partial_credit = forms.BooleanField(
        label=gettext_lazy("Partial credit"),
        required=False,
        help_text=gettext_lazy(
            "Score right picks minus wrong picks over the number of right choices."
        ),
    )
    hints = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text=LINES_HELP
    )
    solution = forms.CharField(
        label=gettext_lazy("Worked solution"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    difficulty = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", "Not set"), *[(n, str(n)) for n in range(1, 6)]],
    )

    KIND_FIELDS = {
        ItemKind.NUMERIC: {"numeric_answer", "tolerance"},
        ItemKind.SHORT_TEXT: {"accepted_answers", "case_sensitive", "ignore_punctuation"},
        ItemKind.MATH: {"accepted_answers", "math_any_form"},
        ItemKind.MULTIPLE_CHOICE: {"partial_credit"},
        ItemKind.SINGLE_CHOICE: set(),
    }

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        every = set().union(*self.KIND_FIELDS.values())
        for name in every - self.KIND_FIELDS[kind]:
            del self.fields[name]

    @classmethod
    def initial_for(cls, item: Item) -> dict[str, object]:
        return {
            "title": item.title,
            "stem": item.stem,
            "numeric_answer": item.numeric_answer,
            "tolerance": item.tolerance,
            "accepted_answers": "\n".join(item.accepted_answers),
            "case_sensitive": item.case_sensitive,
            "ignore_punctuation": item.ignore_punctuation,
            "partial_credit": item.partial_credit,
            "math_any_form": item.math_any_form,
            "hints": "\n".join(item.hints),
            "solution": item.solution,
            "difficulty": item.difficulty,
        }

    def to_draft(self, choices: tuple[ChoiceDraft, ...] = ()) -> ItemDraft:
        data = self.cleaned_data
        return ItemDraft(
            kind=self.kind,
            title=data["title"],
            stem=data["stem"],
            choices=choices,
            numeric_answer=data.get("numeric_answer"),
            tolerance=data.get("tolerance") or Decimal(0),
            accepted_answers=_lines(data.get("accepted_answers", "")),
            case_sensitive=data.get("case_sensitive", False),
            ignore_punctuation=data.get("ignore_punctuation", False),
            partial_credit=data.get("partial_credit", False),
            math_any_form=data.get("math_any_form", True),
            hints=_lines(data["hints"]),
            solution=data["solution"],
            difficulty=data["difficulty"],
        )


class ChoiceForm(forms.Form):
    identifier = forms.CharField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(label=gettext_lazy("Choice"), required=False, max_length=1000)
    is_correct = forms.BooleanField(label=gettext_lazy("Correct"), required=False)
    feedback = forms.CharField(label=gettext_lazy("Misconception"), required=False, max_length=2000)


def choice_formset(data: Any = None, item: Item | None = None) -> forms.BaseFormSet:
    """Existing choices plus blank rows (at least four in all); blank rows are ignored."""
    initial = [
        {
            "identifier": c.identifier,
            "text": c.text,
            "is_correct": c.is_correct,
            "feedback": c.feedback,
        }
        for c in (item.choices.all() if item is not None else [])
    ]
    formset_class = forms.formset_factory(ChoiceForm, extra=max(2, 4 - len(initial)))
    return formset_class(data, initial=initial, prefix="choices")


def choices_from(formset: forms.BaseFormSet) -> tuple[ChoiceDraft, ...]:
    return tuple(
        ChoiceDraft(
            text=form.cleaned_data["text"],
            is_correct=form.cleaned_data["is_correct"],
            identifier=form.cleaned_data["identifier"],
            feedback=form.cleaned_data.get("feedback", ""),
        )
        for form in formset.forms
        if form.cleaned_data.get("text", "").strip()
    )


class ActivityForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=500, required=False)
    body = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
        help_text=gettext_lazy("Basic HTML allowed: paragraphs, lists, tables, links."),
    )  # fmt: skip
    link_url = forms.URLField(
        label=gettext_lazy("Link"), required=False, max_length=500, assume_scheme="https"
    )
    modality = forms.ChoiceField(choices=Modality.choices)
    interest_tags = forms.CharField(
        label=gettext_lazy("Interests"),
        required=False,
        help_text=gettext_lazy("Comma separated, e.g. sports, music."),
    )
    estimated_minutes = forms.IntegerField(
        label=gettext_lazy("Minutes"), min_value=1, max_value=600, initial=15
    )
    secure = forms.BooleanField(
        label=gettext_lazy("Secure: never downloaded for offline practice"),
        required=False,
        help_text=gettext_lazy(
            "For a placement check or other assessment: its items are only answered "
            "online and never sent to a device. Quizzes are always secure."
        ),
    )
    practice_target = forms.ChoiceField(
        label=gettext_lazy("A practice session ends"),
        choices=[
            ("items", gettext_lazy("After a number of questions")),
            ("mastery", gettext_lazy("At mastery")),
        ],
        initial="items",
        required=False,
        help_text=format_lazy(
            gettext_lazy(
                "At mastery: when the student masters every standard of the activity "
                "(at most {most} questions)."
            ),
            most=MAX_ITEMS,
        ),
    )
    practice_items = forms.IntegerField(
        label=gettext_lazy("Questions per session"),
        min_value=1,
        max_value=MAX_ITEMS,
        initial=DEFAULT_ITEMS,
        required=False,
        help_text=format_lazy(
            gettext_lazy("1 to {most}; used when a session ends after a number of questions."),
            most=MAX_ITEMS,
        ),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != ActivityKind.LESSON:
            del self.fields["link_url"]
        if kind != ActivityKind.PRACTICE:
            del self.fields["secure"]  # only practice is ever packed
            del self.fields["practice_target"], self.fields["practice_items"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = data.get("practice_items") is None and "practice_items" not in self.errors
        if data.get("practice_target") == "items" and missing:
            self.add_error(
                "practice_items",
                gettext("Give a number from 1 to %(most)d.") % {"most": MAX_ITEMS},
            )
        return data

    @classmethod
    def initial_for(cls, activity: Activity) -> dict[str, object]:
        return {
            "title": activity.title,
            "summary": activity.summary,
            "body": activity.body,
            "link_url": activity.link_url,
            "modality": activity.modality,
            "interest_tags": ", ".join(activity.interest_tags),
            "estimated_minutes": activity.estimated_minutes,
            "secure": activity.secure,
            **_practice_initial(activity),
        }

    def to_draft(self) -> ActivityDraft:
        data = self.cleaned_data
        return ActivityDraft(
            kind=self.kind,
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            link_url=data.get("link_url", ""),
            modality=data["modality"],
            interest_tags=tuple(t for t in data["interest_tags"].split(",") if t.strip()),
            estimated_minutes=data["estimated_minutes"],
            secure=data.get("secure", False),
            practice=_practice_from(data),
        )


def _practice_initial(activity: Activity) -> dict[str, object]:
    """The form's target fields from what the engine reads of `extra["practice"]`."""
    target = SessionTarget.from_settings((activity.extra or {}).get("practice"))
    return {"practice_target": target.kind.value, "practice_items": target.items}


def _practice_from(data: dict[str, Any]) -> dict[str, object] | None:
    """The session target chosen; None (left as it is) when the form has no such field."""
    if not data.get("practice_target"):
        return None
    if data["practice_target"] == "mastery":
        return {"target": "mastery"}
    return {"target": "items", "items": data["practice_items"]}


#: The answer box of a math item: no autocorrect, and the math keys (content/math_keys.js).
_MATH_INPUT_ATTRS = {
    "autocomplete": "off",
    "autocapitalize": "off",
    "spellcheck": "false",
    "data-math-keys": "",
}


class AnswerForm(forms.Form):
    """The answer box a student sees for one item (used by the teacher preview)."""

    def __init__(self, *args: Any, item: Item, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choice text is sanitized HTML (services clean it on every write).
        options = [(c.identifier, mark_safe(c.text)) for c in item.choices.all()]
        if item.kind == ItemKind.SINGLE_CHOICE:
            field: forms.Field = forms.ChoiceField(choices=options, widget=forms.RadioSelect)
        elif item.kind == ItemKind.MULTIPLE_CHOICE:
            field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple)
        else:
            field = forms.CharField(max_length=200, required=False)
            if item.kind == ItemKind.MATH:
                field.widget.attrs.update(_MATH_INPUT_ATTRS)
                field.help_text = "Math as on a calculator: 3/4, 2(x+1), x^2, sqrt(2), pi."
        field.label = "Your answer"
        field.required = False
        self.fields["answer"] = field


RUBRIC_LEVELS = 4


class RubricForm(forms.Form):
    """A grid: level headings (label, points) across, criteria down, a descriptor per cell."""

    title = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, rows: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for j in range(RUBRIC_LEVELS):
            self.fields[f"level_{j}_label"] = forms.CharField(
                label=gettext("Level %(number)d name") % {"number": j + 1}
            )
            self.fields[f"level_{j}_points"] = forms.IntegerField(
                label=gettext("Level %(number)d points") % {"number": j + 1},
                min_value=0,
                max_value=100,
            )
        for i in range(rows):
            self.fields[f"criterion_{i}_name"] = forms.CharField(
                label=gettext("Criterion %(number)d") % {"number": i + 1},
                required=False,
                max_length=200,
            )
            for j in range(RUBRIC_LEVELS):
                self.fields[f"criterion_{i}_level_{j}"] = forms.CharField(
                    label=gettext("Criterion %(criterion)d, level %(level)d")
                    % {"criterion": i + 1, "level": j + 1},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    @staticmethod
    def initial_for(title: str, criteria: list[RubricCriterion]) -> dict[str, object]:
        defaults = [("Beginning", 1), ("Developing", 2), ("Proficient", 3), ("Extending", 4)]
        initial: dict[str, object] = {"title": title}
        first = list(criteria[0].levels.all()) if criteria else []
        for j, (label, points) in enumerate(defaults):
            level = first[j] if j < len(first) else None
            initial[f"level_{j}_label"] = level.label if level else label
            initial[f"level_{j}_points"] = level.points if level else points
        for i, criterion in enumerate(criteria):
            initial[f"criterion_{i}_name"] = criterion.name
            for j, level in enumerate(criterion.levels.all()):
                initial[f"criterion_{i}_level_{j}"] = level.descriptor
        return initial

    def grid(self) -> list[tuple[forms.BoundField, list[forms.BoundField]]]:
        return [
            (
                self[f"criterion_{i}_name"],
                [self[f"criterion_{i}_level_{j}"] for j in range(RUBRIC_LEVELS)],
            )
            for i in range(self.rows)
        ]

    def level_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"level_{j}_label"], self[f"level_{j}_points"]) for j in range(RUBRIC_LEVELS)]

    def to_draft(self) -> RubricDraft:
        data = self.cleaned_data
        levels = tuple(
            (data[f"level_{j}_label"], data[f"level_{j}_points"]) for j in range(RUBRIC_LEVELS)
        )
        criteria = tuple(
            (
                data[f"criterion_{i}_name"],
                tuple(data[f"criterion_{i}_level_{j}"] for j in range(RUBRIC_LEVELS)),
            )
            for i in range(self.rows)
            if data[f"criterion_{i}_name"].strip()
        )
        return RubricDraft(title=data["title"], levels=levels, criteria=criteria)
