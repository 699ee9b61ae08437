"""Data-rights writes: export (audited) and deletion (cascading, confirmed, audited).

Keyword-only, one transaction each. The deletion leaves exactly one trace, the audit
record, which names no one (privacy.references).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.core.errors import ServiceError
from learnloop.privacy.collect import StudentData, collect_student_data, label
from learnloop.privacy.export import export_chunks, stored_files
from learnloop.privacy.models import DataRightsAction, DataRightsRecord
from learnloop.privacy.references import subject_reference


class PrivacyError(ServiceError):
    """A request that cannot be carried out; `field` names the form field."""


@dataclass
class Export:
    record: DataRightsRecord
    data: StudentData

    @property
    def filename(self) -> str:
        return f"learnloop-export-{self.record.subject_reference}.zip"

    def chunks(self) -> Iterator[bytes]:
        return export_chunks(
            self.data, reference=self.record.subject_reference, made=self.record.performed_at
        )


def _record(
    *,
    action: str,
    student_id: int,
    school_id: int | None,
    performed_by: User,
    data: StudentData,
    files: int,
    now: datetime,
) -> DataRightsRecord:
    return DataRightsRecord.objects.create(
        action=action, school_id=school_id, performed_by=performed_by,
        performed_by_name=performed_by.name, performed_at=now,
        subject_reference=subject_reference(student_id), row_counts=data.counts(),
        file_count=files,
    )  # fmt: skip


@transaction.atomic
def export_student_data(
    *, student: User, performed_by: User, now: datetime | None = None
) -> Export:
    """A zip of everything kept about the student, and an audit record saying it was made."""
    now = now or timezone.now()
    data = collect_student_data(student)
    record = _record(
        action=DataRightsAction.EXPORT, student_id=student.pk, school_id=student.school_id,
        performed_by=performed_by,
        data=data, files=len(stored_files(data)), now=now,
    )  # fmt: skip
    return Export(record=record, data=data)


def _stored_files(data: StudentData) -> list[tuple[object, str]]:
    found = []
    for model, rows in data.owned.items():
        for field in (f for f in model._meta.concrete_fields if isinstance(f, models.FileField)):
            for row in rows:
                stored = getattr(row, field.attname)
                if stored:
                    found.append((stored.storage, stored.name))
    return found


def _end_sessions(user_id: int, now: datetime) -> None:
    """Sign the student out everywhere: database sessions hold their id in encoded data."""
    for session in Session.objects.filter(expire_date__gte=now).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user_id):
            session.delete()


@transaction.atomic
def delete_student_data(
    *, student: User, performed_by: User, confirmation: str, now: datetime | None = None
) -> DataRightsRecord:
    """Delete the student and everything that cascades from them, files after commit."""
    if confirmation.strip() != student.username:
        raise PrivacyError(
            "confirmation",
            gettext("Confirmation: type the username %(username)s exactly.")
            % {"username": student.username},
        )
    now = now or timezone.now()
    data = collect_student_data(student)
    if data.protected:
        kinds = ", ".join(sorted(label(model) for model in data.protected))
        raise PrivacyError(
            "confirmation",
            gettext("Records that must be kept block deletion: %(kinds)s.") % {"kinds": kinds},
        )
    files = _stored_files(data)
    student_id, school_id = student.pk, student.school_id
    for rows in data.generic.values():
        for row in rows:
            row.delete()
    _end_sessions(student_id, now)
    student.delete()
    record = _record(
        action=DataRightsAction.DELETE, student_id=student_id, school_id=school_id,
        performed_by=performed_by,
        data=data, files=len(files), now=now,
    )  # fmt: skip
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return record
