"""An answer's level moves on its response, and the answer that ended a session on the
session: the xAPI send job takes "mastered"/"progressed" and "completed" from them with
the "answered" statements (ADR 0017), so an answer writes no outbox row at all. Answers
stored before this wrote those statements into the outbox already: nothing to fill."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('learning', '0011_response_retry_of'),
    ]

    operations = [
        migrations.AddField(
            model_name='practicesession',
            name='ended_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='learning.response'),
        ),
        migrations.AddField(
            model_name='response',
            name='level_moves',
            field=models.JSONField(blank=True, help_text='[standard id, level] for each level it moved.', null=True),
        ),
    ]
