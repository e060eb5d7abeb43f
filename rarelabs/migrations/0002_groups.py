"""The "Editor" and "Administrator" groups with their permissions."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from rarelabs.management.roles import roles_sync

    roles_sync(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rarelabs", "0001_extensions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("knowledge", "0001_initial"),
        ("trials", "0001_initial"),
        ("literature", "0001_initial"),
        ("ingest", "0001_initial"),
        ("content", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
