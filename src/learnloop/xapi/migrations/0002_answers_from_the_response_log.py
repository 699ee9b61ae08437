"""The response log becomes the outbox of "answered" (ADR 0017).

Each school's LRS settings keep how far its answers have been taken. A school that sends
statements today already holds the "answered" rows of its past answers in the outbox, so
its mark starts after the last response stored now: nothing is sent twice.
"""

from django.db import migrations, models
from django.db.models import Max


def start_after_the_stored_answers(apps, schema_editor):  # type: ignore[no-untyped-def]
    Response = apps.get_model("learning", "Response")
    LrsConfig = apps.get_model("xapi", "LrsConfig")
    last = Response.objects.aggregate(last=Max("id"))["last"] or 0
    LrsConfig.objects.update(answers_through=last)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0010_student_news"),
        ("xapi", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="lrsconfig",
            name="answers_through",
            field=models.BigIntegerField(
                default=0, help_text="Last response whose answered statement was taken."
            ),
        ),
        migrations.RunPython(start_after_the_stored_answers, migrations.RunPython.noop),
    ]
