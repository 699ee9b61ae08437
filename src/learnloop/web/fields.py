"""Form fields that read ids the one way (`web.parsing`) before asking the database.

Django's model choice fields hand whatever was posted to the query: a 25-digit id
overflows SQLite's driver (a 500), and `"²"` reaches `int()`. These check each value
with `parse_id` first, so an odd value is the field's ordinary "not one of the choices".
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from learnloop.web.parsing import BadInput, parse_id


def _checked(field: forms.ModelChoiceField, value: Any) -> int:
    try:
        return parse_id(value, field.label or "choice")
    except BadInput:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        ) from None


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if value in self.empty_values or isinstance(value, self.queryset.model):
            return super().to_python(value)
        return super().to_python(_checked(self, value))


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        ids = []
        for raw in value:
            try:
                ids.append(parse_id(raw, self.label or "choices"))
            except BadInput:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": raw},
                ) from None
        return super()._check_values(ids)
