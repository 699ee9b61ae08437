"""Standards frameworks as 1EdTech CASE describes them.

Framework = CFDocument, Standard = CFItem, StandardAssociation = CFAssociation. The
CASE identifier is the key for re-import: importing the same document again updates
rows in place. Associations keep their target's identifier and URI even when the
target is outside the package (cross-framework links such as exactMatchOf).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy

from learnloop.standards.naming import described, is_readable_code, standard_name


class Framework(models.Model):
    identifier = models.CharField(max_length=255, unique=True)
    uri = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=500)
    creator = models.CharField(max_length=255, blank=True)
    publisher = models.CharField(max_length=255, blank=True)
    version = models.CharField(max_length=100, blank=True)
    subject = models.CharField(max_length=255, blank=True)
    language = models.CharField(max_length=20, blank=True)
    adoption_status = models.CharField(max_length=50, blank=True)
    description = models.TextField(blank=True)
    official_source_url = models.URLField(max_length=500, blank=True)
    last_change_at = models.DateTimeField(null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True, help_text="CASE fields we do not model.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Standard(models.Model):
    """One statement (CFItem). Leaf standards are what the engine tracks as skills."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    identifier = models.CharField(max_length=255)
    uri = models.URLField(max_length=500, blank=True)
    code = models.CharField(
        max_length=100, blank=True, db_index=True, help_text="humanCodingScheme, e.g. 6.RP.A.1"
    )
    full_statement = models.TextField()
    abbreviated_statement = models.CharField(max_length=500, blank=True)
    item_type = models.CharField(max_length=100, blank=True)
    education_levels = models.JSONField(default=list, blank=True)
    list_enumeration = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)
    language = models.CharField(max_length=20, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )
    sequence = models.IntegerField(default=0, help_text="Order among siblings (sequenceNumber).")
    last_change_at = models.DateTimeField(null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework", "sequence", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "identifier"], name="unique_standard_identifier"
            )
        ]
        indexes = [models.Index(fields=["framework", "parent", "sequence"])]

    def __str__(self) -> str:
        return f"{self.code} {self.abbreviated_statement or self.full_statement[:60]}".strip()

    @property
    def label(self) -> str:
        """The name people read (standards/naming.py): the code ("6.RP.A.3"), or the short
        statement when the code is a machine name or missing."""
        if is_readable_code(self.code) or self.abbreviated_statement or self.code:
            return standard_name(self.code, self.abbreviated_statement)
        return standard_name("", "", self.full_statement)  # read only when needed

    def described(self, limit: int = 0, sep: str = " — ") -> str:
        """ "6.RP.A.3 — statement" for pick-lists; the statement alone for a machine code."""
        return described(self.code, self.abbreviated_statement, self.full_statement, limit, sep)

    @property
    def statement_beside_label(self) -> str:
        """The short statement a tile shows under `label`; "" when the label already is it
        (a machine code named by its statement), so that no tile says it twice."""
        statement = self.abbreviated_statement or self.full_statement
        return "" if statement.strip() == self.label else statement

    @property
    def has_readable_code(self) -> bool:
        """Whether `label` is the code (a page may then add the statement beside it)."""
        return is_readable_code(self.code)

    @property
    def grade_labels(self) -> list[str]:
        """CEDS grade codes as people say them: "06" -> "6", "KG" -> "K"."""
        names = {"KG": "K", "PK": "Pre-K", "IT": "Infant/toddler", "PR": "Preschool"}
        return [
            level.lstrip("0") or "0" if level.isdigit() else names.get(level, level)
            for level in self.education_levels
        ]


class AssociationType(models.TextChoices):
    IS_CHILD_OF = "isChildOf", gettext_lazy("is child of")
    PRECEDES = "precedes", gettext_lazy("precedes")
    EXACT_MATCH_OF = "exactMatchOf", gettext_lazy("exact match of")
    IS_RELATED_TO = "isRelatedTo", gettext_lazy("is related to")
    IS_PART_OF = "isPartOf", gettext_lazy("is part of")
    IS_PEER_OF = "isPeerOf", gettext_lazy("is peer of")
    REPLACED_BY = "replacedBy", gettext_lazy("replaced by")
    EXEMPLAR = "exemplar", gettext_lazy("exemplar")
    HAS_SKILL_LEVEL = "hasSkillLevel", gettext_lazy("has skill level")


class StandardAssociation(models.Model):
    """A CFAssociation. `origin precedes destination` means origin is a prerequisite."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="associations")
    identifier = models.CharField(max_length=255)
    uri = models.CharField(max_length=500, blank=True)
    association_type = models.CharField(max_length=40)
    origin = models.ForeignKey(
        Standard, on_delete=models.CASCADE, null=True, blank=True, related_name="outgoing"
    )
    origin_identifier = models.CharField(max_length=255)
    origin_uri = models.CharField(max_length=500, blank=True)
    origin_title = models.CharField(max_length=500, blank=True)
    destination = models.ForeignKey(
        Standard, on_delete=models.CASCADE, null=True, blank=True, related_name="incoming"
    )
    destination_identifier = models.CharField(max_length=255)
    destination_uri = models.CharField(max_length=500, blank=True)
    destination_title = models.CharField(max_length=500, blank=True)
    sequence_number = models.IntegerField(null=True, blank=True)
    last_change_at = models.DateTimeField(null=True, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "identifier"], name="unique_association_identifier"
            )
        ]
        indexes = [
            models.Index(fields=["association_type", "origin"]),
            models.Index(fields=["association_type", "destination"]),
        ]

    def __str__(self) -> str:
        return f"{self.origin_identifier} {self.association_type} {self.destination_identifier}"
