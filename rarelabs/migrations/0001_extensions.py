"""PostgreSQL extensions the search and knowledge base rely on."""

from django.contrib.postgres.operations import (
    BtreeGinExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations

# pgvector ships with the embedded server but not with Debian 12's PostgreSQL: enable it where present.
ENABLE_VECTOR_IF_AVAILABLE = """
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        CREATE EXTENSION IF NOT EXISTS vector;
    END IF;
END
$$;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        BtreeGinExtension(),
        migrations.RunSQL(ENABLE_VECTOR_IF_AVAILABLE, migrations.RunSQL.noop),
    ]
