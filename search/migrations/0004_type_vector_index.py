# The vector index gains doc_type in front (btree_gin, created by rarelabs 0001): the search
# counts read each type's matches, up to the cap, from the index alone (issue 17).

import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rarelabs", "0001_extensions"),
        ("search", "0003_curie_length"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["doc_type", "vector"], name="search_entry_type_vector"
            ),
        ),
        migrations.RemoveIndex(
            model_name="searchentry",
            name="search_entry_vector",
        ),
    ]
