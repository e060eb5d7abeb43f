"""RegulatoryEvent keeps what the curated therapy file said for each field at its last load, as
Therapy and TherapyLink do (0014): the next load then tells an editor's correction of an event
(a date, a summary) from the file's. Stored events start with their current values, which the
last load wrote: the next load of an unchanged file changes nothing."""

from django.db import migrations, models

HELP = "What the curated file said for each field at its last load, by field."

FILL_EVENTS = """
UPDATE knowledge_regulatoryevent SET file_values = jsonb_build_object(
    'region', region, 'kind', kind, 'date', to_char(date, 'YYYY-MM-DD'),
    'date_precision', date_precision, 'summary', summary, 'urls', to_jsonb(urls),
    'not_confirmed', not_confirmed)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0014_therapy_file_values"),
    ]

    operations = [
        migrations.AddField(
            model_name="regulatoryevent",
            name="file_values",
            field=models.JSONField(blank=True, default=dict, editable=False, help_text=HELP),
        ),
        migrations.RunSQL(FILL_EVENTS, migrations.RunSQL.noop),
    ]
