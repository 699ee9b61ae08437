from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("placement", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="placementattempt",
            name="summary",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='{"known": count, "start": [[standard id, code]], "later": count}, once finished',
            ),
        ),
    ]
