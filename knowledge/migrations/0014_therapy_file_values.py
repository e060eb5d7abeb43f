"""Therapy and TherapyLink keep what the curated therapy file said for each field at its last
load (kbimport/importers/file_merge.py). Stored rows start with their current values, which the
last load wrote: the next load of an unchanged file then changes nothing."""

from django.db import migrations, models

HELP = "What the curated file said for each field at its last load, by field."

FILL_THERAPIES = """
UPDATE knowledge_therapy SET file_values = jsonb_build_object(
    'synonyms', to_jsonb(synonyms), 'modality', modality, 'mechanism', mechanism)
"""

FILL_LINKS = """
UPDATE knowledge_therapylink SET file_values = jsonb_build_object(
    'status', status, 'phase', phase, 'approval_year_fda', approval_year_fda,
    'approval_year_ema', approval_year_ema, 'evidence_level', evidence_level,
    'variant_scope', variant_scope, 'variant_rule', variant_rule, 'pmids', to_jsonb(pmids),
    'nct_ids', to_jsonb(nct_ids), 'urls', to_jsonb(urls), 'verification', verification,
    'population', population, 'not_confirmed', not_confirmed, 'citations', citations,
    'mechanism', mechanism, 'note', note)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0013_therapy_slug_redirect"),
    ]

    operations = [
        migrations.AddField(
            model_name="therapy",
            name="file_values",
            field=models.JSONField(blank=True, default=dict, editable=False, help_text=HELP),
        ),
        migrations.AddField(
            model_name="therapylink",
            name="file_values",
            field=models.JSONField(blank=True, default=dict, editable=False, help_text=HELP),
        ),
        migrations.RunSQL(FILL_THERAPIES, migrations.RunSQL.noop),
        migrations.RunSQL(FILL_LINKS, migrations.RunSQL.noop),
    ]
