"""Activities and items aligned to standards.

An Item is one assessable question; an Activity is something a student does
(practice or quiz: an ordered set of items; lesson: reading or a link; project: a
performance task scored with a Rubric). Rich text (stems, solutions, bodies) is stored
already sanitized: services run it through `content.richtext.sanitize_html` on every write.

`source` + `source_identifier` make imports idempotent: re-importing the same QTI item
or re-running the demo seed updates the row instead of adding a copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Source(models.TextChoices):
    AUTHORED = "authored", "Authored"
    QTI = "qti", "QTI import"
    GENERATED = "generated", "Generated"
    OATUTOR = "oatutor", "OATutor import"


class ActivityKind(models.TextChoices):
    PRACTICE = "practice", "Practice"
    LESSON = "lesson", "Lesson"
    PROJECT = "project", "Project"
    QUIZ = "quiz", "Quiz"


class Modality(models.TextChoices):
    READ = "read", "Read"
    WATCH = "watch", "Watch"
    DO = "do", "Do"
    MAKE = "make", "Make"
    DISCUSS = "discuss", "Discuss"


class ItemKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    NUMERIC = "numeric", "Numeric"
    SHORT_TEXT = "short_text", "Short text"
    MATH = "math", "Math expression"


CHOICE_KINDS = frozenset({ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE})
ITEM_ACTIVITY_KINDS = frozenset({ActivityKind.PRACTICE, ActivityKind.QUIZ})


@dataclass(frozen=True)
class Attribution:
    """Source and licence as shown to people: "URL <name>" split into a link and a label."""

    source_name: str
    source_url: str
    license_name: str
    license_url: str

    @classmethod
    def parse(cls, source: str, license: str) -> Attribution | None:
        if not source and not license:
            return None
        source_url, source_name = _url_and_name(source)
        license_url, license_name = _url_and_name(license)
        return cls(source_name, source_url, license_name, license_url)


def _url_and_name(text: str) -> tuple[str, str]:
    text = text.strip()
    url, _, rest = text.partition(" <")
    name = rest.removesuffix(">").strip() if rest else ""
    if not url.startswith(("http://", "https://")):
        return "", text
    return url, name or url


class AuthoredContent(models.Model):
    """What items and activities share: ownership, status, provenance, alignment dates."""

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for the shared library, which every school may read and copy.",
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.AUTHORED)
    source_identifier = models.CharField(max_length=255, blank=True)
    secure = models.BooleanField(
        default=False,
        help_text="A quiz or a placement check: never sent to a device for offline practice.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Item(AuthoredContent):
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    title = models.CharField(max_length=200, blank=True, help_text="A short name for lists.")
    stem = models.TextField(help_text="The question, as sanitized HTML.")
    numeric_answer = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    tolerance = models.DecimalField(max_digits=20, decimal_places=6, default=0)
    accepted_answers = models.JSONField(default=list, blank=True)
    case_sensitive = models.BooleanField(default=False)
    ignore_punctuation = models.BooleanField(default=False)
    partial_credit = models.BooleanField(
        default=False, help_text="Multiple choice: score the share of right choices."
    )
    math_any_form = models.BooleanField(
        default=True,
        help_text="Math: accept any equivalent form (3(x-2) and 3x-6); "
        "off: the answer must be written in the key's form, up to term order.",
    )
    hints = models.JSONField(default=list, blank=True)
    solution = models.TextField(blank=True, help_text="Worked solution, as sanitized HTML.")
    difficulty = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 (easy) to 5.")
    standards = models.ManyToManyField("standards.Standard", related_name="items", blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    answer_type = models.CharField(
        max_length=20, blank=True, help_text="Upstream answer type: arithmetic, string, ..."
    )
    variables = models.JSONField(
        default=dict, blank=True, help_text="Variabilization: name -> the values it may take."
    )
    attribution_source = models.CharField(
        max_length=500, blank=True, help_text='Where it comes from, "URL <name>" as upstream.'
    )
    attribution_license = models.CharField(max_length=255, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="Imported fields we do not model.")

    class Meta:
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_identifier"],
                condition=~models.Q(source_identifier=""),
                name="unique_item_source_identifier",
            )
        ]
        indexes = [models.Index(fields=["school", "status", "kind"])]

    def __str__(self) -> str:
        return self.title or f"Item {self.pk}"

    @property
    def attribution(self) -> Attribution | None:
        return Attribution.parse(self.attribution_source, self.attribution_license)


class Choice(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="choices")
    identifier = models.CharField(max_length=64, help_text="Stable key the answer refers to.")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(help_text="Sanitized HTML.")
    is_correct = models.BooleanField(default=False)
    feedback = models.TextField(
        blank=True,
        help_text="What this choice tells the student, as imported (QTI choice feedback); "
        "for a wrong choice it often names the misconception behind it.",
    )

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "identifier"], name="unique_choice_identifier")
        ]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.text[:40]}"


class Activity(AuthoredContent):
    kind = models.CharField(max_length=16, choices=ActivityKind.choices)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True, help_text="Sanitized HTML: the lesson text or task.")
    link_url = models.URLField(max_length=500, blank=True, help_text="A lesson may be a link.")
    modality = models.CharField(max_length=16, choices=Modality.choices, default=Modality.DO)
    interest_tags = models.JSONField(default=list, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(default=15)
    standards = models.ManyToManyField("standards.Standard", related_name="activities", blank=True)
    items = models.ManyToManyField(Item, through="ActivityItem", related_name="activities")
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    extra = models.JSONField(default=dict, blank=True, help_text="Imported fields we do not model.")

    class Meta:
        ordering = ["title", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_identifier"],
                condition=~models.Q(source_identifier=""),
                name="unique_activity_source_identifier",
            )
        ]
        indexes = [models.Index(fields=["school", "status", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def holds_items(self) -> bool:
        return self.kind in ITEM_ACTIVITY_KINDS


class ActivityItem(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["activity", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "item"], name="unique_activity_item")
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}#{self.position}: item {self.item_id}"


class Rubric(models.Model):
    """Criteria x levels for a project; portfolio evidence is scored against it."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="rubric")
    title = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.title or f"Rubric for {self.activity}"


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["rubric", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class RubricLevel(models.Model):
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.CASCADE, related_name="levels")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=80)
    points = models.PositiveSmallIntegerField()
    descriptor = models.TextField()

    class Meta:
        ordering = ["criterion", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.label} ({self.points})"


class StepKind(models.TextChoices):
    HINT = "hint", "Hint"
    SCAFFOLD = "scaffold", "Scaffold"


class ItemStep(models.Model):
    """One step of a multi-part problem, as imported: raw text (LaTeX kept), answers, kind."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    identifier = models.CharField(max_length=255)
    title = models.TextField(blank=True, help_text="The step's question, raw (LaTeX kept).")
    body = models.TextField(blank=True)
    problem_type = models.CharField(max_length=40, help_text="TextBox, MultipleChoice, ...")
    answer_type = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=list, blank=True)
    answer_latex = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    variables = models.JSONField(default=dict, blank=True)
    skills = models.JSONField(default=list, blank=True, help_text="Upstream skill names.")
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "identifier"], name="unique_item_step")
        ]

    def __str__(self) -> str:
        return self.identifier


class StepHint(models.Model):
    """A hint or a scaffold (a sub-question with its own answer) on a step's hint pathway.

    `parent` holds a scaffold's own sub-hints; `dependencies` names the hints that must
    be seen first, as upstream.
    """

    step = models.ForeignKey(ItemStep, on_delete=models.CASCADE, related_name="hints")
    # DO_NOTHING: hints are only ever deleted with their step, all of a step's at once,
    # which lets that be one DELETE instead of loading every hint first.
    parent = models.ForeignKey(
        "self", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="sub_hints"
    )
    position = models.PositiveSmallIntegerField(default=0)
    identifier = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=StepKind.choices)
    title = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Raw text (LaTeX kept).")
    problem_type = models.CharField(max_length=40, blank=True)
    answer_type = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=list, blank=True)
    choices = models.JSONField(default=list, blank=True)
    dependencies = models.JSONField(default=list, blank=True)
    variables = models.JSONField(default=dict, blank=True)
    attribution_source = models.CharField(max_length=500, blank=True)
    attribution_license = models.CharField(max_length=255, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["step", "position", "pk"]

    def __str__(self) -> str:
        return self.identifier
